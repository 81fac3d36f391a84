//! Transaction bodies of custody: hand-offs asked, accepted and refused, and the status changes
//! declared by a party (out for delivery, lost, returned, cancelled). Each passes the one door.

use chrono::{Duration, NaiveDateTime};
use serde_json::json;

use super::model::{AcceptHandoff, CreateHandoff, HandoffRow};
use super::rules::{self, HandoffTarget};
use super::store;
use crate::access::{self, Party};
use crate::auth::Actor;
use crate::contracts::model::DEFAULT_CUSTODY_GAP_HOURS;
use crate::db::Conn;
use crate::error::{ApiError, ApiResult};
use crate::kpis::rules::{FactChange, HandoffFact};
use crate::shipments::model::Shipment;
use crate::shipments::service::{self as door, Change, Locked};
use crate::shipments::store::By;
use crate::status::Status;
use crate::users::model::Role;

fn handoff_not_found() -> ApiError {
    ApiError::NotFound("hand-off".to_owned())
}

/// What a new hand-off contributes to the KPIs.
fn handoff_fact(h: &HandoffRow) -> HandoffFact {
    HandoffFact {
        id: h.id.clone(),
        from_org: h.from_org_id.clone(),
        to_org: h.to_org_id.clone(),
        to_driver: h.to_driver_id.clone(),
        created_at: h.created_at,
        due_at: h.due_at,
        accepted_at: None,
        responded_at: None,
        damaged: false,
        gap_reported: false,
    }
}

/// Hand the parcel to the next party; custody moves when the receiver accepts.
pub fn create_handoff(
    c: &mut Conn,
    actor: &Actor,
    id: &str,
    input: CreateHandoff,
    now: NaiveDateTime,
) -> ApiResult<HandoffRow> {
    let (mut locked, party) = door::lock_visible(c, actor, id)?;
    let ship = &locked.ship;
    let status = ship.status();
    if !rules::may_hand_off(party, status, input.to) {
        return Err(ApiError::Forbidden(format!(
            "you cannot hand this shipment to a {} while it is {}",
            input.to.as_str(),
            status.as_str()
        )));
    }
    let to_org = match input.to {
        HandoffTarget::Supplier => ship.supplier_id.clone(),
        HandoffTarget::Courier | HandoffTarget::Driver => ship.courier_id.clone(),
    }
    .ok_or_else(|| {
        ApiError::validation("to", format!("the shipment has no {}", input.to.as_str()))
    })?;
    if let Some(driver_id) = &input.driver_id {
        let driver = crate::users::store::find(c, driver_id)?;
        let ok = driver.is_some_and(|d| {
            d.role == Role::Driver.as_str()
                && d.org_id.as_deref() == Some(to_org.as_str())
                && d.disabled_at.is_none()
        });
        if !ok {
            return Err(ApiError::validation(
                "driver_id",
                "is not an active driver of the courier",
            ));
        }
    }
    if store::pending_for(c, id)?.is_some() {
        return Err(ApiError::Conflict(
            "a hand-off of this shipment is already waiting for its receiver".to_owned(),
        ));
    }
    let hours = crate::contracts::store::active_between(c, &ship.marketplace_id, &to_org)?
        .map_or(DEFAULT_CUSTODY_GAP_HOURS, |ct| ct.custody_gap_hours);
    let row = HandoffRow {
        id: crate::ids::new_id("hof"),
        shipment_id: id.to_owned(),
        from_org_id: actor.org_id.clone().unwrap_or_default(),
        from_actor_id: actor.id.clone(),
        to_kind: input.to.as_str().to_owned(),
        to_org_id: to_org,
        to_driver_id: input.driver_id,
        status: "pending".to_owned(),
        lat: input.location.map(|l| l.lat),
        lon: input.location.map(|l| l.lon),
        note: input.note,
        due_at: now + Duration::hours(i64::from(hours)),
        responded_at: None,
        responded_by: None,
        parcel_condition: None,
        response_note: None,
        created_at: now,
    };
    store::insert(c, &row)?;
    let data = json!({"handoff_id": row.id, "to": row.to_kind, "to_org_id": row.to_org_id,
        "to_driver_id": row.to_driver_id, "location": input.location, "note": row.note});
    let change = Change::new(By::Actor(actor), now)
        .event("handoff.requested", data)
        .fact(FactChange::Handoff(handoff_fact(&row)));
    door::apply(c, &mut locked, change)?;
    Ok(row)
}

/// A shipment (locked) and one of its hand-offs, if the caller is that hand-off's receiver (a
/// driver receives before the shipment is theirs); anything else is 404.
fn receiving(c: &mut Conn, actor: &Actor, id: &str, hid: &str) -> ApiResult<(Locked, HandoffRow)> {
    let locked = door::lock(c, id).map_err(|_| handoff_not_found())?;
    let h = store::find(c, id, hid)?.ok_or_else(handoff_not_found)?;
    if is_receiver(actor, &h) {
        Ok((locked, h))
    } else {
        Err(handoff_not_found())
    }
}

/// Whether the caller is the receiver a hand-off is addressed to.
fn is_receiver(actor: &Actor, h: &HandoffRow) -> bool {
    match h.to_driver_id.as_deref() {
        Some(driver) => actor.role == Role::Driver && actor.id == driver,
        None => actor.role != Role::Driver && actor.org_id.as_deref() == Some(h.to_org_id.as_str()),
    }
}

/// Accept a hand-off: custody moves and the shipment's status follows.
pub fn accept_handoff(
    c: &mut Conn,
    actor: &Actor,
    id: &str,
    hid: &str,
    input: AcceptHandoff,
    now: NaiveDateTime,
) -> ApiResult<Shipment> {
    let (mut locked, h) = receiving(c, actor, id, hid)?;
    if h.status != "pending" {
        return Err(ApiError::Conflict(format!(
            "this hand-off was already {}",
            h.status
        )));
    }
    let target = HandoffTarget::parse(&h.to_kind).unwrap_or(HandoffTarget::Courier);
    let from = locked.ship.status();
    let to = rules::status_after_accept(target, from)?;
    let condition = Some(input.condition.as_str());
    if !store::respond(
        c,
        hid,
        "accepted",
        &actor.id,
        condition,
        input.note.as_deref(),
        now,
    )? {
        return Err(ApiError::Conflict(
            "this hand-off was answered a moment ago".to_owned(),
        ));
    }
    let data = json!({"handoff_id": hid, "from_status": from, "to_status": to, "to": h.to_kind,
        "condition": input.condition, "note": input.note, "location": input.location});
    let mut change = Change::new(By::Actor(actor), now)
        .assign(h.to_driver_id.clone())
        .event("handoff.accepted", data)
        .fact(FactChange::HandoffAnswered {
            handoff_id: hid.to_owned(),
            at: now,
            accepted: true,
            damaged: input.condition == super::model::Condition::Damaged,
        });
    if to != from {
        change = change.to(to);
    }
    door::apply(c, &mut locked, change)?;
    let party = access::shipment_party(actor, &locked.ship.parties());
    Ok(door::summary(locked.ship, party.unwrap_or(Party::Driver)))
}

/// Refuse a hand-off with a reason: custody stays with the giver.
pub fn reject_handoff(
    c: &mut Conn,
    actor: &Actor,
    id: &str,
    hid: &str,
    reason: Option<String>,
    now: NaiveDateTime,
) -> ApiResult<HandoffRow> {
    let (mut locked, h) = receiving(c, actor, id, hid)?;
    if !store::respond(c, hid, "rejected", &actor.id, None, reason.as_deref(), now)? {
        return Err(ApiError::Conflict(format!(
            "this hand-off was already {}",
            h.status
        )));
    }
    let data = json!({"handoff_id": hid, "reason": reason});
    let change = Change::new(By::Actor(actor), now)
        .event("handoff.rejected", data)
        .fact(FactChange::HandoffAnswered {
            handoff_id: hid.to_owned(),
            at: now,
            accepted: false,
            damaged: false,
        });
    door::apply(c, &mut locked, change)?;
    store::find(c, id, hid)?.ok_or_else(handoff_not_found)
}

/// The caller's side of a hand-off that waits for its receiver.
fn side_of(actor: &Actor, h: &HandoffRow) -> rules::Side {
    if is_receiver(actor, h) {
        rules::Side::Receiver
    } else if actor.role != Role::Driver && actor.org_id.as_deref() == Some(h.from_org_id.as_str())
    {
        rules::Side::Giver
    } else {
        rules::Side::Neither
    }
}

fn seen(h: &HandoffRow) -> rules::HandoffSeen {
    rules::HandoffSeen {
        id: h.id.clone(),
        from_org_id: h.from_org_id.clone(),
        to: HandoffTarget::parse(&h.to_kind).unwrap_or(HandoffTarget::Courier),
        to_org_id: h.to_org_id.clone(),
        to_driver_id: h.to_driver_id.clone(),
        status: h.status.clone(),
        created_at: h.created_at,
        due_at: h.due_at,
        responded_at: h.responded_at,
    }
}

/// Declare the parcel lost: by its holder, or — while a hand-off waits for its receiver — by
/// the giver or the marketplace (`rules::lost_declaration`). The loss records where the chain
/// broke (`rules::loss`) on the shipment and in the `shipment.lost` event, and the hand-off
/// that waited is closed.
pub fn declare_lost(
    c: &mut Conn,
    actor: &Actor,
    id: &str,
    note: Option<String>,
    now: NaiveDateTime,
) -> ApiResult<Shipment> {
    let (mut locked, party) = door::lock_visible(c, actor, id)?;
    let from = locked.ship.status();
    crate::status::transition(from, Status::Lost)?;
    let rows = store::for_shipment(c, id)?;
    let pending = rows.iter().find(|h| h.status == "pending");
    let side = pending.map(|h| side_of(actor, h));
    let handoffs: Vec<rules::HandoffSeen> = rows.iter().map(seen).collect();
    rules::lost_declaration(party, from, side).map_err(|refusal| match refusal {
        rules::LostRefusal::NotYours => ApiError::Forbidden(match side {
            Some(rules::Side::Receiver) => "you never accepted this parcel: custody is still \
                with the giver, who may declare it lost"
                .to_owned(),
            _ => "only the parcel's holder may declare it lost (or, while a hand-off waits \
                for its receiver, its giver or the marketplace)"
                .to_owned(),
        }),
        rules::LostRefusal::NothingInTransit => ApiError::from(crate::status::InvalidTransition {
            from,
            to: Status::Lost,
            allowed: crate::status::next_for(from, false),
        }),
    })?;
    let loss = rules::loss(
        &locked.ship.marketplace_id,
        locked.ship.created_at,
        &handoffs,
        actor.org_id.as_deref(),
        now,
    );
    let mut change = Change::new(By::Actor(actor), now).to(Status::Lost);
    if pending.is_some() {
        store::close_pending(c, id, "shipment lost", now)?;
        change = change.fact(FactChange::PendingHandoffsClosed { at: now });
    }
    let data = json!({"from_status": from, "to_status": Status::Lost, "note": note,
        "loss": loss});
    door::apply(
        c,
        &mut locked,
        change.loss(loss).event("shipment.lost", data),
    )?;
    Ok(door::summary(locked.ship, party))
}

/// Return the parcel to its sender after a failed attempt, with the courier's note.
pub fn return_to_sender(
    c: &mut Conn,
    actor: &Actor,
    id: &str,
    note: Option<String>,
    now: NaiveDateTime,
) -> ApiResult<Shipment> {
    change_status(
        c,
        actor,
        id,
        Status::Returned,
        access::may_return,
        note,
        now,
    )
}

/// A status change declared by a party, if `may` allows it; a final state closes any
/// hand-off still waiting.
pub fn change_status(
    c: &mut Conn,
    actor: &Actor,
    id: &str,
    to: Status,
    may: fn(Party) -> bool,
    note: Option<String>,
    now: NaiveDateTime,
) -> ApiResult<Shipment> {
    let (mut locked, party) = door::lock_visible(c, actor, id)?;
    if !may(party) {
        return Err(ApiError::Forbidden(format!(
            "you cannot make this shipment {}",
            to.as_str()
        )));
    }
    let from = locked.ship.status();
    if to == Status::OutForDelivery {
        // A re-delivery window the customer chose: not before its day.
        crate::redelivery::service::check_go_out(&locked.ship, now)?;
    }
    let mut change = Change::new(By::Actor(actor), now).to(to);
    if to.is_final() {
        crate::status::transition(from, to)?;
        store::close_pending(c, id, &format!("shipment {}", to.as_str()), now)?;
        change = change.fact(FactChange::PendingHandoffsClosed { at: now });
    }
    let data = json!({"from_status": from, "to_status": to, "note": note});
    door::apply(
        c,
        &mut locked,
        change.event(format!("shipment.{}", to.as_str()), data),
    )?;
    Ok(door::summary(locked.ship, party))
}

/// A page of the shipment's timeline, for a party of it (the JSON list and the console's page).
pub fn timeline(
    c: &mut Conn,
    ship: &crate::shipments::model::ShipmentRow,
    page: &crate::pagination::PageRequest,
) -> ApiResult<Vec<crate::shipments::model::EventRow>> {
    Ok(store::events(c, &ship.id, page)?)
}

/// An org's pending hand-offs, the earliest due first: waiting on it (`incoming`) or on
/// their receivers (the console's to-do list counts them).
pub fn waiting(c: &mut Conn, org: &str, incoming: bool, limit: i64) -> ApiResult<Vec<HandoffRow>> {
    Ok(store::waiting(c, org, incoming, limit)?)
}

/// An org's hand-offs waiting on it and on others, and how fast it answered in `from..to`
/// (the console's hand-off page).
pub fn board(
    c: &mut Conn,
    org: &str,
    shown: i64,
    from: NaiveDateTime,
    to: NaiveDateTime,
    now: NaiveDateTime,
) -> ApiResult<(
    Vec<HandoffRow>,
    Vec<HandoffRow>,
    super::rules::HandoffAnswers,
)> {
    let incoming = store::waiting(c, org, true, shown)?;
    let outgoing = store::waiting(c, org, false, shown)?;
    let answers = store::answers(c, org, from, to, now)?;
    Ok((incoming, outgoing, answers))
}
