//! `/v1/disputes` and the customer's `POST /v1/track/{token}/disputes`.

use actix_web::web::{Json, Path, Query};
use actix_web::{HttpRequest, HttpResponse, get, post};
use chrono::Utc;
use serde_json::json;

use super::model::{
    CreateDispute, Dispute, DisputeFilter, DisputeRow, Evidence, Resolution, ResolveDispute,
    RespondDispute,
};
use super::rules::{Reason, suggest};
use super::store;
use crate::access::Party;
use crate::attempts::model::ContactAttempt;
use crate::attempts::routes::attempt_view;
use crate::attempts::rules::Outcome;
use crate::auth::Actor;
use crate::db::Conn;
use crate::error::{ApiError, ApiResult, FieldError};
use crate::pagination::{Page, PageParams};
use crate::shipments::model::{ShipmentRow, Window};
use crate::shipments::routes::load_visible;
use crate::shipments::rules::Status;
use crate::shipments::store::{self as shipment_store, By};
use crate::state::State;

fn not_found() -> ApiError {
    ApiError::NotFound("dispute".to_owned())
}

fn check_text(field: &str, v: Option<&str>, required: bool, errors: &mut Vec<FieldError>) {
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
fn load(c: &mut Conn, actor: &Actor, id: &str) -> ApiResult<(DisputeRow, ShipmentRow, Party)> {
    let d = store::find(c, id)?.ok_or_else(not_found)?;
    let (ship, party) = load_visible(c, actor, &d.shipment_id).map_err(|_| not_found())?;
    if !matches!(party, Party::Owner | Party::Courier | Party::PlatformAdmin) {
        return Err(not_found());
    }
    Ok((d, ship, party))
}

/// Contest an attempt from the tracking link ("I was home", "nobody called"…).
/// Open a dispute from the customer's link (the JSON route and the tracking page).
pub(crate) fn open(
    c: &mut Conn,
    ship: &ShipmentRow,
    input: CreateDispute,
) -> ApiResult<DisputeRow> {
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
    let open = store::for_shipment(c, &ship.id)?
        .into_iter()
        .any(|d| d.status != "resolved" && d.attempt_id == attempt_id);
    if open {
        return Err(ApiError::Conflict(
            "a dispute about this attempt is already open".to_owned(),
        ));
    }
    let now = Utc::now().naive_utc();
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
    store::insert(c, &row)?;
    let data = json!({"dispute_id": row.id, "attempt_id": row.attempt_id, "reason": row.reason});
    shipment_store::record_event(c, &ship.id, "dispute.opened", By::Customer, &data, now)?;
    Ok(row)
}

#[utoipa::path(
    tag = "tracking",
    params(("token" = String, Path, description = "Tracking token")),
    request_body = CreateDispute,
    responses(
        (status = 201, description = "Opened", body = Dispute),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 404, response = crate::openapi::NotFound),
        (status = 409, response = crate::openapi::Conflict),
        (status = 415, response = crate::openapi::UnsupportedMediaType),
        (status = 422, response = crate::openapi::Unprocessable),
        (status = 429, response = crate::openapi::TooManyRequests),
    )
)]
#[post("/v1/track/{token}/disputes")]
pub async fn open_dispute(
    state: State,
    req: HttpRequest,
    token: Path<String>,
    body: Json<CreateDispute>,
) -> ApiResult<HttpResponse> {
    let token = token.into_inner();
    crate::tracking::routes::limit(&state, &req, &token)?;
    let input = body.into_inner();
    let row = state
        .db
        .write(move |c| {
            let ship = crate::tracking::routes::by_token(c, &token)?;
            open(c, &ship, input)
        })
        .await?;
    Ok(HttpResponse::Created().json(Dispute::from(row)))
}

/// The courier's answer to a dispute (courier staff).
#[utoipa::path(
    tag = "disputes",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Dispute id")),
    request_body = RespondDispute,
    responses(
        (status = 200, description = "Answered", body = Dispute),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 409, response = crate::openapi::Conflict),
        (status = 415, response = crate::openapi::UnsupportedMediaType),
        (status = 422, response = crate::openapi::Unprocessable),
    )
)]
#[post("/v1/disputes/{id}/response")]
pub async fn respond(
    state: State,
    actor: Actor,
    id: Path<String>,
    body: Json<RespondDispute>,
) -> ApiResult<Json<Dispute>> {
    let response = body.into_inner().response;
    let mut errors = Vec::new();
    check_text("response", Some(&response), true, &mut errors);
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let id = id.into_inner();
    let row = state
        .db
        .write(move |c| {
            let (d, ship, party) = load(c, &actor, &id)?;
            if party != Party::Courier {
                return Err(ApiError::Forbidden(
                    "disputes are answered by the courier".to_owned(),
                ));
            }
            let now = Utc::now().naive_utc();
            if store::respond(c, &id, response.trim(), &actor.id, now)? == 0 {
                return Err(ApiError::Conflict(format!("the dispute is {}", d.status)));
            }
            let data = json!({"dispute_id": id});
            shipment_store::record_event(
                c,
                &ship.id,
                "dispute.responded",
                By::Actor(&actor),
                &data,
                now,
            )?;
            store::find(c, &id)?.ok_or_else(not_found)
        })
        .await?;
    Ok(Json(row.into()))
}

/// Resolve a dispute (the marketplace). Upholding one about a failed attempt sends the parcel
/// back out for delivery at no cost to the customer.
#[utoipa::path(
    tag = "disputes",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Dispute id")),
    request_body = ResolveDispute,
    responses(
        (status = 200, description = "Resolved", body = Dispute),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 409, response = crate::openapi::Conflict),
        (status = 415, response = crate::openapi::UnsupportedMediaType),
        (status = 422, response = crate::openapi::Unprocessable),
    )
)]
#[post("/v1/disputes/{id}/resolution")]
pub async fn resolve(
    state: State,
    actor: Actor,
    id: Path<String>,
    body: Json<ResolveDispute>,
) -> ApiResult<Json<Dispute>> {
    let input = body.into_inner();
    let mut errors = Vec::new();
    check_text("note", input.note.as_deref(), false, &mut errors);
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let id = id.into_inner();
    let row = state
        .db
        .write(move |c| {
            let d = store::find(c, &id)?.ok_or_else(not_found)?;
            shipment_store::lock(c, &d.shipment_id)?;
            let (d, ship, party) = load(c, &actor, &id)?;
            if !matches!(party, Party::Owner | Party::PlatformAdmin) {
                return Err(ApiError::Forbidden("disputes are resolved by the marketplace".to_owned()));
            }
            let now = Utc::now().naive_utc();
            let note = input.note.as_deref().map(str::trim);
            if store::resolve(c, &id, input.resolution.as_str(), input.remedy.as_str(), note, &actor.id, now)? == 0 {
                return Err(ApiError::Conflict("the dispute is already resolved".to_owned()));
            }
            let by = By::Actor(&actor);
            let data = json!({"dispute_id": id, "resolution": input.resolution, "remedy": input.remedy});
            shipment_store::record_event(c, &ship.id, "dispute.resolved", by, &data, now)?;
            let failed_attempt = match &d.attempt_id {
                Some(a) => crate::attempts::store::find(c, a)?.is_some_and(|a| a.outcome == Outcome::Failed.as_str()),
                None => false,
            };
            if input.resolution == Resolution::Upheld && failed_attempt && ship.status() == Status::AttemptFailed {
                crate::custody::store::set_status(c, &ship, Status::OutForDelivery, None, now)?;
                let data = json!({"from_status": Status::AttemptFailed, "to_status": Status::OutForDelivery,
                    "note": "dispute upheld: re-delivery at no cost to the customer", "dispute_id": id});
                shipment_store::record_event(c, &ship.id, "shipment.out_for_delivery", by, &data, now)?;
            }
            crate::kpis::store::refresh(c, &ship.id)?;
            store::find(c, &id)?.ok_or_else(not_found)
        })
        .await?;
    Ok(Json(row.into()))
}

/// The evidence bundle: the attempt with flags, distance and photos, the driver's contact
/// attempts, both sides' words, and the outcome the evidence suggests.
#[utoipa::path(
    tag = "disputes",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Dispute id")),
    responses(
        (status = 200, description = "Evidence", body = Evidence),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 404, response = crate::openapi::NotFound),
    )
)]
#[get("/v1/disputes/{id}")]
pub async fn get_dispute(
    state: State,
    actor: Actor,
    id: Path<String>,
) -> ApiResult<Json<Evidence>> {
    let id = id.into_inner();
    let evidence = state
        .db
        .read(move |c| {
            let (d, ship, _) = load(c, &actor, &id)?;
            let attempt = match &d.attempt_id {
                Some(a) => match crate::attempts::store::find(c, a)? {
                    Some(row) => Some(attempt_view(c, row, true)?),
                    None => None,
                },
                None => None,
            };
            let flags: Vec<_> = attempt
                .as_ref()
                .map(|a| a.flags.iter().map(|f| f.flag).collect())
                .unwrap_or_default();
            let (suggested_outcome, why) = suggest(
                Reason::parse(&d.reason).unwrap_or(Reason::Other),
                attempt
                    .as_ref()
                    .map(|a| (a.outcome, flags.as_slice(), a.pin_verified)),
            );
            let contact_attempts = crate::attempts::store::contacts_for(c, &ship.id)?
                .into_iter()
                .map(ContactAttempt::from)
                .collect();
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
                suggestion_reason: why.to_owned(),
            })
        })
        .await?;
    Ok(Json(evidence))
}

/// Disputes on the caller's shipments (marketplace) or deliveries (courier staff).
#[utoipa::path(
    tag = "disputes",
    security(("bearer" = [])),
    params(PageParams, DisputeFilter),
    responses(
        (status = 200, description = "A page of disputes", body = Page<Dispute>),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 422, response = crate::openapi::Unprocessable),
    )
)]
#[get("/v1/disputes")]
pub async fn list_disputes(
    state: State,
    actor: Actor,
    page: Query<PageParams>,
    filter: Query<DisputeFilter>,
) -> ApiResult<Json<Page<Dispute>>> {
    let page = page.validate()?;
    let scope = crate::access::list_scope(
        &actor,
        "disputes are for staff",
        "disputes are for marketplaces and couriers",
    )?;
    let f = filter.into_inner();
    if f.status
        .as_deref()
        .is_some_and(|s| !["open", "responded", "resolved"].contains(&s))
    {
        return Err(ApiError::validation(
            "status",
            "must be open, responded or resolved",
        ));
    }
    let req = page.clone();
    let rows = state
        .db
        .read(move |c| {
            Ok(store::list(
                c,
                &req,
                &scope,
                f.status.as_deref(),
                f.shipment_id.as_deref(),
            )?)
        })
        .await?;
    Ok(Json(Page::from_rows(rows, &page, |r| &r.id, Dispute::from)))
}
