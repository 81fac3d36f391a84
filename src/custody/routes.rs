//! Hand-offs, lost/cancelled, the timeline and custody gaps.

use actix_web::http::StatusCode;
use actix_web::web::{Json, Path, Query};
use actix_web::{HttpRequest, HttpResponse, get, post};

use super::model::{
    AcceptHandoff, Condition, CreateHandoff, Handoff, RejectHandoff, StatusNote, check_note,
};
use super::rules::HandoffTarget;
use super::{service, store};
use crate::access::Party;
use crate::auth::Actor;
use crate::error::{ApiError, ApiResult, FieldError};
use crate::pagination::{Page, PageParams};
use crate::shipments::model::Event;
use crate::shipments::model::Shipment;
use crate::shipments::service::on_visible;
use crate::status::Status;
use crate::users::model::Role;
use crate::web::state::State;

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
        (status = 400, response = crate::error::responses::BadRequest),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 403, response = crate::error::responses::Forbidden),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 409, response = crate::error::responses::Conflict),
        (status = 413, response = crate::error::responses::PayloadTooLarge),
        (status = 415, response = crate::error::responses::UnsupportedMediaType),
        (status = 422, response = crate::error::responses::Unprocessable),
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
    if input.to == HandoffTarget::Driver && input.driver_id.is_none() {
        errors.push(FieldError::new(
            "driver_id",
            "is required to hand off to a driver",
        ));
    }
    if input.to != HandoffTarget::Driver && input.driver_id.is_some() {
        errors.push(FieldError::new(
            "driver_id",
            "is only for hand-offs to a driver",
        ));
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let id = id.into_inner();
    let clock = state.clock.clone();
    let row = state
        .db
        .write(move |c| service::create_handoff(c, &actor, &id, input, clock.naive()))
        .await?;
    Ok(HttpResponse::Created().json(Handoff::view(row, state.clock.naive())))
}

/// The shipment's hand-offs, oldest first, with custody gaps flagged.
#[utoipa::path(
    tag = "custody",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Shipment id"), PageParams),
    responses(
        (status = 200, description = "Hand-offs, oldest first", body = Page<Handoff>),
        (status = 400, response = crate::error::responses::BadRequest),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 422, response = crate::error::responses::Unprocessable),
    )
)]
#[get("/v1/shipments/{id}/handoffs")]
pub async fn list_handoffs(
    state: State,
    actor: Actor,
    id: Path<String>,
    page: Query<PageParams>,
) -> ApiResult<Json<Page<Handoff>>> {
    let page = page.validate()?;
    let rows = on_visible(&state.db, actor, id.into_inner(), |c, ship, _| {
        Ok(store::for_shipment(c, &ship.id)?)
    })
    .await?;
    let now = state.clock.naive();
    Ok(Json(Page::from_ordered(
        rows,
        &page,
        |r| &r.id,
        |r| Handoff::view(r, now),
    )))
}

/// Accept a hand-off (the receiver's scan): custody moves and the shipment's status follows.
#[utoipa::path(
    tag = "custody",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, description = "Shipment id"),
        ("hid" = String, Path, description = "Hand-off id"),
        ("Idempotency-Key" = Option<String>, Header, description = "A retry with the same key and body gets the stored answer, not a 409"),
    ),
    request_body = AcceptHandoff,
    responses(
        (status = 200, description = "Accepted; the shipment now", body = Shipment),
        (status = 400, response = crate::error::responses::BadRequest),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 409, response = crate::error::responses::Conflict),
        (status = 413, response = crate::error::responses::PayloadTooLarge),
        (status = 415, response = crate::error::responses::UnsupportedMediaType),
        (status = 422, response = crate::error::responses::Unprocessable),
    )
)]
#[post("/v1/shipments/{id}/handoffs/{hid}/accept")]
pub async fn accept_handoff(
    state: State,
    actor: Actor,
    req: HttpRequest,
    path: Path<(String, String)>,
    body: Json<AcceptHandoff>,
) -> ApiResult<HttpResponse> {
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
    let idem = crate::idempotency::for_step(
        &req,
        &actor.id,
        "POST /v1/shipments/{id}/handoffs/{hid}/accept",
        &input,
    )?;
    let (id, hid) = path.into_inner();
    crate::idempotency::step(
        &state.db,
        &state.clock,
        idem,
        StatusCode::OK,
        move |c, now| service::accept_handoff(c, &actor, &id, &hid, input, now),
    )
    .await
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
        (status = 400, response = crate::error::responses::BadRequest),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 409, response = crate::error::responses::Conflict),
        (status = 413, response = crate::error::responses::PayloadTooLarge),
        (status = 415, response = crate::error::responses::UnsupportedMediaType),
        (status = 422, response = crate::error::responses::Unprocessable),
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
    let clock = state.clock.clone();
    let row = state
        .db
        .write(move |c| service::reject_handoff(c, &actor, &id, &hid, reason, clock.naive()))
        .await?;
    Ok(Json(Handoff::view(row, state.clock.naive())))
}

/// Apply a status change by `actor` if `may` allows it (one transaction through the door).
async fn change_status(
    state: State,
    actor: Actor,
    id: String,
    to: Status,
    may: fn(Party) -> bool,
    note: Option<String>,
) -> ApiResult<Json<Shipment>> {
    let clock = state.clock.clone();
    let shipment = state
        .db
        .write(move |c| service::change_status(c, &actor, &id, to, may, note, clock.naive()))
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
    params(
        ("id" = String, Path, description = "Shipment id"),
        ("Idempotency-Key" = Option<String>, Header, description = "A retry with the same key gets the stored answer, not a 409"),
    ),
    responses(
        (status = 200, description = "Out for delivery", body = Shipment),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 403, response = crate::error::responses::Forbidden),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 409, response = crate::error::responses::Conflict),
        (status = 422, response = crate::error::responses::Unprocessable),
    )
)]
#[post("/v1/shipments/{id}/out-for-delivery")]
pub async fn out_for_delivery(
    state: State,
    actor: Actor,
    req: HttpRequest,
    id: Path<String>,
) -> ApiResult<HttpResponse> {
    let idem = crate::idempotency::for_step(
        &req,
        &actor.id,
        "POST /v1/shipments/{id}/out-for-delivery",
        &(),
    )?;
    let id = id.into_inner();
    crate::idempotency::step(
        &state.db,
        &state.clock,
        idem,
        StatusCode::OK,
        move |c, now| {
            let may = crate::access::may_record_delivery;
            service::change_status(c, &actor, &id, Status::OutForDelivery, may, None, now)
        },
    )
    .await
}

/// Declare the parcel lost, with what is known: its holder (courier staff or the driver) while
/// it is with the courier or out for delivery, or — while a hand-off waits for its receiver —
/// the giver of that hand-off or the marketplace (a custody gap turned into a loss). The
/// receiver of a hand-off it never accepted may not (403). The shipment's `loss` records where
/// the chain broke; the loss counts for the party that held custody.
#[utoipa::path(
    tag = "custody",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Shipment id")),
    request_body = StatusNote,
    responses(
        (status = 200, description = "Lost", body = Shipment),
        (status = 400, response = crate::error::responses::BadRequest),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 403, response = crate::error::responses::Forbidden),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 409, response = crate::error::responses::Conflict),
        (status = 415, response = crate::error::responses::UnsupportedMediaType),
        (status = 422, response = crate::error::responses::Unprocessable),
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
    let id = id.into_inner();
    let clock = state.clock.clone();
    let shipment = state
        .db
        .write(move |c| service::declare_lost(c, &actor, &id, note, clock.naive()))
        .await?;
    Ok(Json(shipment))
}

/// Return the parcel to the sender after a failed attempt (the courier's staff), with a note.
#[utoipa::path(
    tag = "custody",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Shipment id")),
    request_body = StatusNote,
    responses(
        (status = 200, description = "Returned", body = Shipment),
        (status = 400, response = crate::error::responses::BadRequest),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 403, response = crate::error::responses::Forbidden),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 409, response = crate::error::responses::Conflict),
        (status = 415, response = crate::error::responses::UnsupportedMediaType),
        (status = 422, response = crate::error::responses::Unprocessable),
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
    let clock = state.clock.clone();
    let id = id.into_inner();
    let shipment = state
        .db
        .write(move |c| service::return_to_sender(c, &actor, &id, note, clock.naive()))
        .await?;
    Ok(Json(shipment))
}

/// Cancel the shipment (its marketplace), from any non-final state.
#[utoipa::path(
    tag = "custody",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Shipment id")),
    request_body = StatusNote,
    responses(
        (status = 200, description = "Cancelled", body = Shipment),
        (status = 400, response = crate::error::responses::BadRequest),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 403, response = crate::error::responses::Forbidden),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 409, response = crate::error::responses::Conflict),
        (status = 415, response = crate::error::responses::UnsupportedMediaType),
        (status = 422, response = crate::error::responses::Unprocessable),
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
        |p| matches!(p, Party::Owner | Party::PlatformAdmin),
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
        (status = 400, response = crate::error::responses::BadRequest),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 422, response = crate::error::responses::Unprocessable),
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
    let rows = on_visible(&state.db, actor, id.into_inner(), move |c, ship, _| {
        service::timeline(c, &ship, &req)
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
        (status = 400, response = crate::error::responses::BadRequest),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 403, response = crate::error::responses::Forbidden),
        (status = 422, response = crate::error::responses::Unprocessable),
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
    let now = state.clock.naive();
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
