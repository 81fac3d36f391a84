//! Hand-offs, lost/cancelled, the timeline and custody gaps.

use actix_web::web::{Json, Path, Query};
use actix_web::{HttpResponse, get, post};
use chrono::{Duration, Utc};
use serde_json::json;

use super::model::{
    AcceptHandoff, Condition, CreateHandoff, Event, Handoff, HandoffRow, RejectHandoff, StatusNote,
    check_note,
};
use super::rules::{self, Target};
use super::store;
use crate::access::Party;
use crate::auth::Actor;
use crate::contracts::model::DEFAULT_CUSTODY_GAP_HOURS;
use crate::error::{ApiError, ApiResult, FieldError};
use crate::pagination::{Page, PageParams};
use crate::shipments::model::Shipment;
use crate::shipments::routes::{load_visible, read_visible, summary};
use crate::shipments::rules::{Status, transition};
use crate::shipments::store as shipment_store;
use crate::shipments::store::By;
use crate::state::State;
use crate::users::model::Role;

fn handoff_not_found() -> ApiError {
    ApiError::NotFound("hand-off".to_owned())
}

/// Hand the parcel to the next party: the marketplace to the supplier or courier, the supplier
/// to the courier, courier staff to one of their drivers. Custody moves only on acceptance; a
/// hand-off not accepted in time (the contract's `custody_gap_hours`) is a custody gap.
#[utoipa::path(
    tag = "custody",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Shipment id")),
    request_body = CreateHandoff,
    responses(
        (status = 201, description = "Hand-off recorded, waiting for the receiver", body = Handoff),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 409, response = crate::openapi::Conflict),
        (status = 413, response = crate::openapi::PayloadTooLarge),
        (status = 415, response = crate::openapi::UnsupportedMediaType),
        (status = 422, response = crate::openapi::Unprocessable),
    )
)]
#[post("/v1/shipments/{id}/handoffs")]
pub async fn create_handoff(
    state: State,
    actor: Actor,
    id: Path<String>,
    body: Json<CreateHandoff>,
) -> ApiResult<HttpResponse> {
    let input = body.into_inner();
    let mut errors = Vec::new();
    check_note("note", &input.note, false, &mut errors);
    if let Some(l) = &input.location {
        l.check("location", &mut errors);
    }
    if input.to == Target::Driver && input.driver_id.is_none() {
        errors.push(FieldError::new(
            "driver_id",
            "is required to hand off to a driver",
        ));
    }
    if input.to != Target::Driver && input.driver_id.is_some() {
        errors.push(FieldError::new(
            "driver_id",
            "is only for hand-offs to a driver",
        ));
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let id = id.into_inner();
    let row = state
        .db
        .write(move |c| {
            shipment_store::lock(c, &id)?;
            let (ship, party) = load_visible(c, &actor, &id)?;
            let status = ship.status();
            if !rules::may_hand_off(party, status, input.to) {
                return Err(ApiError::Forbidden(format!(
                    "you cannot hand this shipment to a {} while it is {}",
                    input.to.as_str(),
                    status.as_str()
                )));
            }
            let to_org = match input.to {
                Target::Supplier => ship.supplier_id.clone(),
                Target::Courier | Target::Driver => ship.courier_id.clone(),
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
            if store::pending_for(c, &id)?.is_some() {
                return Err(ApiError::Conflict(
                    "a hand-off of this shipment is already waiting for its receiver".to_owned(),
                ));
            }
            let hours = crate::contracts::store::active_between(c, &ship.marketplace_id, &to_org)?
                .map_or(DEFAULT_CUSTODY_GAP_HOURS, |ct| ct.custody_gap_hours);
            let now = Utc::now().naive_utc();
            let row = HandoffRow {
                id: crate::ids::new_id("hof"),
                shipment_id: id.clone(),
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
            shipment_store::record_event(
                c,
                &id,
                "handoff.requested",
                By::Actor(&actor),
                &data,
                now,
            )?;
            crate::kpis::store::refresh(c, &id)?;
            Ok(row)
        })
        .await?;
    Ok(HttpResponse::Created().json(Handoff::view(row, Utc::now().naive_utc())))
}

/// The shipment's hand-offs, oldest first, with custody gaps flagged.
#[utoipa::path(
    tag = "custody",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Shipment id")),
    responses(
        (status = 200, description = "Hand-offs", body = Vec<Handoff>),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 404, response = crate::openapi::NotFound),
    )
)]
#[get("/v1/shipments/{id}/handoffs")]
pub async fn list_handoffs(
    state: State,
    actor: Actor,
    id: Path<String>,
) -> ApiResult<Json<Vec<Handoff>>> {
    let rows = read_visible(&state, actor, id.into_inner(), |c, ship, _| {
        Ok(store::for_shipment(c, &ship.id)?)
    })
    .await?;
    let now = Utc::now().naive_utc();
    Ok(Json(
        rows.into_iter().map(|r| Handoff::view(r, now)).collect(),
    ))
}

/// A shipment and one of its hand-offs, if the caller is that hand-off's receiver (a driver
/// receives before the shipment is theirs); anything else is 404.
fn receiving(
    c: &mut crate::db::Conn,
    actor: &Actor,
    id: &str,
    hid: &str,
) -> ApiResult<(crate::shipments::model::ShipmentRow, HandoffRow)> {
    let ship = shipment_store::find(c, id)?.ok_or_else(handoff_not_found)?;
    let h = store::find(c, id, hid)?.ok_or_else(handoff_not_found)?;
    if is_receiver(actor, &h) {
        Ok((ship, h))
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

/// Accept a hand-off (the receiver's scan): custody moves and the shipment's status follows.
#[utoipa::path(
    tag = "custody",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, description = "Shipment id"),
        ("hid" = String, Path, description = "Hand-off id"),
    ),
    request_body = AcceptHandoff,
    responses(
        (status = 200, description = "Accepted; the shipment now", body = Shipment),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 404, response = crate::openapi::NotFound),
        (status = 409, response = crate::openapi::Conflict),
        (status = 413, response = crate::openapi::PayloadTooLarge),
        (status = 415, response = crate::openapi::UnsupportedMediaType),
        (status = 422, response = crate::openapi::Unprocessable),
    )
)]
#[post("/v1/shipments/{id}/handoffs/{hid}/accept")]
pub async fn accept_handoff(
    state: State,
    actor: Actor,
    path: Path<(String, String)>,
    body: Json<AcceptHandoff>,
) -> ApiResult<Json<Shipment>> {
    let input = body.into_inner();
    let mut errors = Vec::new();
    check_note(
        "note",
        &input.note,
        input.condition == Condition::Damaged,
        &mut errors,
    );
    if let Some(l) = &input.location {
        l.check("location", &mut errors);
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let (id, hid) = path.into_inner();
    let shipment = state
        .db
        .write(move |c| {
            shipment_store::lock(c, &id)?;
            let (ship, h) = receiving(c, &actor, &id, &hid)?;
            if h.status != "pending" {
                return Err(ApiError::Conflict(format!("this hand-off was already {}", h.status)));
            }
            let target = Target::parse(&h.to_kind).unwrap_or(Target::Courier);
            let from = ship.status();
            let to = rules::status_after_accept(target, from)?;
            let now = Utc::now().naive_utc();
            if !store::respond(c, &hid, "accepted", &actor.id, Some(input.condition.as_str()), input.note.as_deref(), now)? {
                return Err(ApiError::Conflict("this hand-off was answered a moment ago".to_owned()));
            }
            store::set_status(c, &ship, to, h.to_driver_id.as_deref(), now)?;
            let data = json!({"handoff_id": hid, "from_status": from, "to_status": to, "to": h.to_kind,
                "condition": input.condition, "note": input.note, "location": input.location});
            shipment_store::record_event(c, &id, "handoff.accepted", By::Actor(&actor), &data, now)?;
            crate::kpis::store::refresh(c, &id)?;
            let ship = shipment_store::find(c, &id)?.ok_or_else(handoff_not_found)?;
            let party = crate::access::shipment_party(&actor, &ship.parties());
            Ok(summary(ship, party.unwrap_or(Party::Driver)))
        })
        .await?;
    Ok(Json(shipment))
}

/// Refuse a hand-off, with a reason. Custody stays with the giver.
#[utoipa::path(
    tag = "custody",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, description = "Shipment id"),
        ("hid" = String, Path, description = "Hand-off id"),
    ),
    request_body = RejectHandoff,
    responses(
        (status = 200, description = "Rejected", body = Handoff),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 404, response = crate::openapi::NotFound),
        (status = 409, response = crate::openapi::Conflict),
        (status = 413, response = crate::openapi::PayloadTooLarge),
        (status = 415, response = crate::openapi::UnsupportedMediaType),
        (status = 422, response = crate::openapi::Unprocessable),
    )
)]
#[post("/v1/shipments/{id}/handoffs/{hid}/reject")]
pub async fn reject_handoff(
    state: State,
    actor: Actor,
    path: Path<(String, String)>,
    body: Json<RejectHandoff>,
) -> ApiResult<Json<Handoff>> {
    let reason = Some(body.into_inner().reason);
    let mut errors = Vec::new();
    check_note("reason", &reason, true, &mut errors);
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let (id, hid) = path.into_inner();
    let row = state
        .db
        .write(move |c| {
            shipment_store::lock(c, &id)?;
            let (_, h) = receiving(c, &actor, &id, &hid)?;
            let now = Utc::now().naive_utc();
            if !store::respond(c, &hid, "rejected", &actor.id, None, reason.as_deref(), now)? {
                return Err(ApiError::Conflict(format!(
                    "this hand-off was already {}",
                    h.status
                )));
            }
            let data = json!({"handoff_id": hid, "reason": reason});
            shipment_store::record_event(
                c,
                &id,
                "handoff.rejected",
                By::Actor(&actor),
                &data,
                now,
            )?;
            crate::kpis::store::refresh(c, &id)?;
            store::find(c, &id, &hid)?.ok_or_else(handoff_not_found)
        })
        .await?;
    Ok(Json(Handoff::view(row, Utc::now().naive_utc())))
}

/// Apply a status change by `actor` if the rules allow it; records the event.
async fn change_status(
    state: State,
    actor: Actor,
    id: String,
    to: Status,
    may: fn(Party, &Actor) -> bool,
    note: Option<String>,
) -> ApiResult<Json<Shipment>> {
    let shipment = state
        .db
        .write(move |c| {
            shipment_store::lock(c, &id)?;
            let (ship, party) = load_visible(c, &actor, &id)?;
            if !may(party, &actor) {
                return Err(ApiError::Forbidden(format!(
                    "you cannot make this shipment {}",
                    to.as_str()
                )));
            }
            let from = ship.status();
            transition(from, to)?;
            let now = Utc::now().naive_utc();
            store::set_status(c, &ship, to, None, now)?;
            if to.is_final() {
                store::close_pending(c, &id, &format!("shipment {}", to.as_str()), now)?;
            }
            let data = json!({"from_status": from, "to_status": to, "note": note});
            let kind = format!("shipment.{}", to.as_str());
            shipment_store::record_event(c, &id, &kind, By::Actor(&actor), &data, now)?;
            crate::kpis::store::refresh(c, &id)?;
            let ship = shipment_store::find(c, &id)?
                .ok_or_else(|| ApiError::NotFound("shipment".to_owned()))?;
            Ok(summary(ship, party))
        })
        .await?;
    Ok(Json(shipment))
}

fn read_note(body: StatusNote) -> ApiResult<Option<String>> {
    let note = Some(body.note);
    let mut errors = Vec::new();
    check_note("note", &note, true, &mut errors);
    if errors.is_empty() {
        Ok(note)
    } else {
        Err(ApiError::Validation(errors))
    }
}

/// The assigned driver starts the round: `out_for_delivery` (also to re-attempt after a failure).
#[utoipa::path(
    tag = "custody",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Shipment id")),
    responses(
        (status = 200, description = "Out for delivery", body = Shipment),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 409, response = crate::openapi::Conflict),
    )
)]
#[post("/v1/shipments/{id}/out-for-delivery")]
pub async fn out_for_delivery(
    state: State,
    actor: Actor,
    id: Path<String>,
) -> ApiResult<Json<Shipment>> {
    change_status(
        state,
        actor,
        id.into_inner(),
        Status::OutForDelivery,
        |p, _| p == Party::Driver,
        None,
    )
    .await
}

/// Declare the parcel lost, with what is known (its holder: courier staff or the driver).
#[utoipa::path(
    tag = "custody",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Shipment id")),
    request_body = StatusNote,
    responses(
        (status = 200, description = "Lost", body = Shipment),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 409, response = crate::openapi::Conflict),
        (status = 415, response = crate::openapi::UnsupportedMediaType),
        (status = 422, response = crate::openapi::Unprocessable),
    )
)]
#[post("/v1/shipments/{id}/lost")]
pub async fn declare_lost(
    state: State,
    actor: Actor,
    id: Path<String>,
    body: Json<StatusNote>,
) -> ApiResult<Json<Shipment>> {
    let note = read_note(body.into_inner())?;
    change_status(
        state,
        actor,
        id.into_inner(),
        Status::Lost,
        |p, _| rules::may_declare_lost(p),
        note,
    )
    .await
}

/// Return the parcel to the sender after a failed attempt (the courier's staff), with a note.
#[utoipa::path(
    tag = "custody",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Shipment id")),
    request_body = StatusNote,
    responses(
        (status = 200, description = "Returned", body = Shipment),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 409, response = crate::openapi::Conflict),
        (status = 415, response = crate::openapi::UnsupportedMediaType),
        (status = 422, response = crate::openapi::Unprocessable),
    )
)]
#[post("/v1/shipments/{id}/return")]
pub async fn return_to_sender(
    state: State,
    actor: Actor,
    id: Path<String>,
    body: Json<StatusNote>,
) -> ApiResult<Json<Shipment>> {
    let note = read_note(body.into_inner())?;
    change_status(
        state,
        actor,
        id.into_inner(),
        Status::Returned,
        |p, _| matches!(p, Party::Courier | Party::PlatformAdmin),
        note,
    )
    .await
}

/// Cancel the shipment (its marketplace), from any non-final state.
#[utoipa::path(
    tag = "custody",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Shipment id")),
    request_body = StatusNote,
    responses(
        (status = 200, description = "Cancelled", body = Shipment),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 409, response = crate::openapi::Conflict),
        (status = 415, response = crate::openapi::UnsupportedMediaType),
        (status = 422, response = crate::openapi::Unprocessable),
    )
)]
#[post("/v1/shipments/{id}/cancel")]
pub async fn cancel(
    state: State,
    actor: Actor,
    id: Path<String>,
    body: Json<StatusNote>,
) -> ApiResult<Json<Shipment>> {
    let note = read_note(body.into_inner())?;
    change_status(
        state,
        actor,
        id.into_inner(),
        Status::Cancelled,
        |p, _| matches!(p, Party::Owner | Party::PlatformAdmin),
        note,
    )
    .await
}

/// The shipment's full append-only timeline: every event with time, actor and what changed.
#[utoipa::path(
    tag = "custody",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Shipment id"), PageParams),
    responses(
        (status = 200, description = "Events, oldest first", body = Page<Event>),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 404, response = crate::openapi::NotFound),
        (status = 422, response = crate::openapi::Unprocessable),
    )
)]
#[get("/v1/shipments/{id}/events")]
pub async fn events(
    state: State,
    actor: Actor,
    id: Path<String>,
    page: Query<PageParams>,
) -> ApiResult<Json<Page<Event>>> {
    let page = page.validate()?;
    let req = page.clone();
    let rows = read_visible(&state, actor, id.into_inner(), move |c, ship, _| {
        Ok(store::events(c, &ship.id, &req)?)
    })
    .await?;
    Ok(Json(Page::from_rows(rows, &page, |r| &r.id, Event::from)))
}

/// Custody gaps: hand-offs still not accepted after their due time, on shipments of the
/// caller's org (as marketplace, giver or receiver).
#[utoipa::path(
    tag = "custody",
    security(("bearer" = [])),
    params(PageParams),
    responses(
        (status = 200, description = "Overdue hand-offs", body = Page<Handoff>),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 422, response = crate::openapi::Unprocessable),
    )
)]
#[get("/v1/custody-gaps")]
pub async fn custody_gaps(
    state: State,
    actor: Actor,
    page: Query<PageParams>,
) -> ApiResult<Json<Page<Handoff>>> {
    let page = page.validate()?;
    let org = match actor.role {
        Role::PlatformAdmin => None,
        Role::Driver => return Err(ApiError::Forbidden("custody gaps are for staff".to_owned())),
        _ => actor.org_id.clone(),
    };
    let now = Utc::now().naive_utc();
    let req = page.clone();
    let rows = state
        .db
        .read(move |c| Ok(store::gaps(c, &req, now, org.as_deref())?))
        .await?;
    Ok(Json(Page::from_rows(
        rows,
        &page,
        |r| &r.id,
        |r| Handoff::view(r, now),
    )))
}
