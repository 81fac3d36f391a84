//! Disputes: opened by the customer, answered by the courier, resolved by the marketplace (an
//! upheld one moves the KPIs, through the one door; after an upheld failed attempt the parcel
//! waits for the new visit the customer chooses).

use chrono::NaiveDateTime;
use serde_json::json;

use super::model::{CreateDispute, DisputeRow, Evidence, Resolution, ResolveDispute};
use super::rules::{ContactFact, Contested, Reason, Record, Visit, independent, refusal, suggest};
use super::store;
use crate::access::{self, Party};
use crate::attempts::model::{Attempt, ContactAttempt, ContactOutcome};
use crate::attempts::rules::{Outcome, PhotoFacts};
use crate::auth::Actor;
use crate::contracts::model::DEFAULT_GEOFENCE_RADIUS_M;
use crate::db::Conn;
use crate::error::{ApiError, ApiResult, FieldError};
use crate::kpis::rules::FactChange;
use crate::shipments::model::{ShipmentRow, Window};
use crate::shipments::service::{self as door, Change, Locked};
use crate::shipments::store::By;
use crate::status::Status;

fn not_found() -> ApiError {
    ApiError::NotFound("dispute".to_owned())
}

pub fn check_text(field: &str, v: Option<&str>, required: bool, errors: &mut Vec<FieldError>) {
    match v.map(str::trim) {
        None | Some("") if required => errors.push(FieldError::new(field, "is required")),
        Some(t) if t.chars().count() > 2000 => {
            errors.push(FieldError::new(field, "must have at most 2000 characters"))
        }
        _ => {}
    }
}

/// A dispute and its shipment, with the caller's relation; those who are not the
/// marketplace, the courier's staff or a platform admin get 404.
pub fn load(c: &mut Conn, actor: &Actor, id: &str) -> ApiResult<(DisputeRow, ShipmentRow, Party)> {
    let d = store::find(c, id)?.ok_or_else(not_found)?;
    let (ship, party) = door::load_visible(c, actor, &d.shipment_id).map_err(|_| not_found())?;
    if !matches!(party, Party::Owner | Party::Courier | Party::PlatformAdmin) {
        return Err(not_found());
    }
    Ok((d, ship, party))
}

/// The dispute's shipment locked for change, with the caller's relation (as [`load`]).
fn lock(c: &mut Conn, actor: &Actor, id: &str) -> ApiResult<(DisputeRow, Locked, Party)> {
    let d = store::find(c, id)?.ok_or_else(not_found)?;
    let (locked, party) = door::lock_visible(c, actor, &d.shipment_id).map_err(|_| not_found())?;
    if !matches!(party, Party::Owner | Party::Courier | Party::PlatformAdmin) {
        return Err(not_found());
    }
    // Read again under the lock: it may have been answered a moment ago.
    let d = store::find(c, id)?.ok_or_else(not_found)?;
    Ok((d, locked, party))
}

/// Open a dispute from the customer's link (the JSON route and the tracking page).
pub fn open(
    c: &mut Conn,
    locked: &mut Locked,
    input: CreateDispute,
    now: NaiveDateTime,
) -> ApiResult<DisputeRow> {
    let ship = &locked.ship;
    let mut errors = Vec::new();
    check_text("comment", input.comment.as_deref(), false, &mut errors);
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let attempts = crate::attempts::store::for_shipment(c, &ship.id)?;
    let attempt = match &input.attempt_id {
        Some(a) => Some(attempts.iter().find(|x| &x.id == a).ok_or_else(|| {
            ApiError::validation("attempt_id", "is not an attempt on this parcel")
        })?),
        None => attempts.last(),
    };
    let attempt_id = attempt.map(|a| a.id.clone());
    let earlier = store::for_shipment(c, &ship.id)?
        .into_iter()
        .filter(|d| attempt_id.is_some() && d.attempt_id == attempt_id)
        .count();
    let contested = Contested {
        attempt_at: attempt.map(|a| a.occurred_at),
        erased: ship.contact_erased_at.is_some(),
        earlier,
    };
    if let Some(why) = refusal(contested, now) {
        return Err(ApiError::Conflict(why));
    }
    let row = DisputeRow {
        id: crate::ids::new_id("dsp"),
        shipment_id: ship.id.clone(),
        attempt_id,
        marketplace_id: ship.marketplace_id.clone(),
        courier_id: ship.courier_id.clone(),
        reason: input.reason.as_str().to_owned(),
        comment: input
            .comment
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty()),
        status: "open".to_owned(),
        courier_response: None,
        responded_at: None,
        responded_by: None,
        resolution: None,
        remedy: None,
        resolution_note: None,
        resolved_at: None,
        resolved_by: None,
        created_at: now,
    };
    // The unique index on open disputes is the last word when two requests race.
    store::insert(c, &row).map_err(|e| match e {
        diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        ) => ApiError::Conflict("a dispute about this attempt is already open".to_owned()),
        e => e.into(),
    })?;
    let data = json!({"dispute_id": row.id, "attempt_id": row.attempt_id, "reason": row.reason});
    let change = Change::new(By::Customer, now).event("dispute.opened", data);
    door::apply(c, locked, change)?;
    Ok(row)
}

/// The courier's answer.
pub fn respond(
    c: &mut Conn,
    actor: &Actor,
    id: &str,
    response: String,
    now: NaiveDateTime,
) -> ApiResult<DisputeRow> {
    let (d, mut locked, party) = lock(c, actor, id)?;
    if party != Party::Courier {
        return Err(ApiError::Forbidden(
            "disputes are answered by the courier".to_owned(),
        ));
    }
    if store::respond(c, id, response.trim(), &actor.id, now)? == 0 {
        return Err(ApiError::Conflict(format!("the dispute is {}", d.status)));
    }
    let change =
        Change::new(By::Actor(actor), now).event("dispute.responded", json!({"dispute_id": id}));
    door::apply(c, &mut locked, change)?;
    store::find(c, id)?.ok_or_else(not_found)
}

/// The marketplace's resolution. Upholding one about a failed attempt leaves the parcel waiting
/// for a new visit (`attempt_failed`) at no cost to the customer: the customer chooses its
/// window on the link (or accepts the courier's proposal), instead of the parcel going straight
/// back out, possibly days before the promised window.
pub fn resolve(
    c: &mut Conn,
    actor: &Actor,
    id: &str,
    input: ResolveDispute,
    now: NaiveDateTime,
) -> ApiResult<DisputeRow> {
    let (d, mut locked, party) = lock(c, actor, id)?;
    if !access::may_resolve_dispute(party) {
        return Err(ApiError::Forbidden(
            "disputes are resolved by the marketplace".to_owned(),
        ));
    }
    let note = input.note.as_deref().map(str::trim);
    let resolution = input.resolution.as_str();
    if store::resolve(
        c,
        id,
        resolution,
        input.remedy.as_str(),
        note,
        &actor.id,
        now,
    )? == 0
    {
        return Err(ApiError::Conflict(
            "the dispute is already resolved".to_owned(),
        ));
    }
    let upheld = input.resolution == Resolution::Upheld;
    let mut fact = None;
    let mut awaiting_redelivery = false;
    if let (true, Some(attempt_id)) = (upheld, &d.attempt_id) {
        fact = Some(FactChange::Upheld {
            attempt_id: attempt_id.clone(),
        });
        let failed = crate::attempts::store::find(c, attempt_id)?
            .is_some_and(|a| a.outcome == Outcome::Failed.as_str());
        awaiting_redelivery = failed && locked.ship.status() == Status::AttemptFailed;
    }
    let data = json!({"dispute_id": id, "resolution": input.resolution, "remedy": input.remedy,
        "awaiting_redelivery": awaiting_redelivery});
    let mut change = Change::new(By::Actor(actor), now).event("dispute.resolved", data);
    if let Some(f) = fact {
        change = change.fact(f);
    }
    door::apply(c, &mut locked, change)?;
    store::find(c, id)?.ok_or_else(not_found)
}

/// The evidence bundle: the attempt with flags, distance and photos, the driver's contact
/// attempts, both sides' words, and the outcome the evidence suggests (weighing what is not
/// only the driver's own record: the PIN, an answered contact, a photo whose EXIF matches).
pub fn evidence(c: &mut Conn, actor: &Actor, id: &str) -> ApiResult<Evidence> {
    let (d, ship, party) = load(c, actor, id)?;
    let row = match &d.attempt_id {
        Some(a) => crate::attempts::store::find(c, a)?,
        None => None,
    };
    let contacts = crate::attempts::store::contacts_for(c, &ship.id)?;
    let (attempt, record) = match row {
        Some(row) => {
            let radius_m = door::read(c, &ship.id)?
                .map_or(f64::from(DEFAULT_GEOFENCE_RADIUS_M), |l| l.terms.radius_m);
            let photos = crate::attempts::store::photos_for(c, std::slice::from_ref(&row.id))?;
            let visit = Visit {
                driver_id: &row.driver_id,
                occurred_at: row.occurred_at,
                received_at: row.received_at,
                pin_verified: row.pin_verified,
                address: ship.lat.zip(ship.lon),
                radius_m,
            };
            let contact_facts: Vec<ContactFact<'_>> = contacts
                .iter()
                .map(|k| ContactFact {
                    driver_id: &k.driver_id,
                    answered: k.outcome == ContactOutcome::Reached.as_str(),
                    occurred_at: k.occurred_at,
                    created_at: k.created_at,
                })
                .collect();
            let photo_facts: Vec<PhotoFacts> = photos
                .iter()
                .map(|p| PhotoFacts {
                    taken_at: p.exif_taken_at,
                    location: p.exif_lat.zip(p.exif_lon),
                })
                .collect();
            let found = independent(&visit, &contact_facts, &photo_facts);
            let outcome = Outcome::parse(&row.outcome).unwrap_or(Outcome::Failed);
            let flags = row.flag_list();
            let shown = crate::access::attempt_fields(party, ship.status());
            let view = Attempt::view(row, photos, radius_m, shown);
            (Some(view), Some((outcome, flags, found)))
        }
        None => (None, None),
    };
    let (suggested_outcome, why) = suggest(
        Reason::parse(&d.reason).unwrap_or(Reason::Other),
        record.as_ref().map(|(outcome, flags, found)| Record {
            outcome: *outcome,
            flags,
            independent: *found,
        }),
    );
    let contact_attempts = contacts.into_iter().map(ContactAttempt::from).collect();
    Ok(Evidence {
        dispute: d.into(),
        attempt,
        contact_attempts,
        promised_window: Window {
            start: ship.window_start.and_utc(),
            end: ship.window_end.and_utc(),
            firm: ship.window_firm,
        },
        suggested_outcome,
        suggestion_reason: why,
    })
}

/// The disputes a caller may list — a marketplace's shipments', a courier's deliveries', every
/// one for the platform admin — one page, filtered (the JSON list and the console's queue).
pub fn list(
    c: &mut Conn,
    actor: &Actor,
    page: &crate::pagination::PageRequest,
    status: Option<&str>,
    shipment_id: Option<&str>,
) -> ApiResult<Vec<DisputeRow>> {
    let scope = crate::access::list_scope(
        actor,
        "disputes are for staff",
        "disputes are for marketplaces and couriers",
    )?;
    if status.is_some_and(|s| !["open", "responded", "resolved"].contains(&s)) {
        return Err(ApiError::validation(
            "status",
            "must be open, responded or resolved",
        ));
    }
    Ok(store::list(c, page, &scope, status, shipment_id)?)
}
