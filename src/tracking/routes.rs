//! `/v1/track/{token}`: what the customer sees and may change, without an account.

use actix_web::web::{Json, Path};
use actix_web::{HttpRequest, get, patch, post};
use chrono::Utc;
use diesel::prelude::*;
use serde_json::json;

use super::model::{ContactUpdate, Reschedule, TimelineEntry, TrackingView};
use crate::access::ContactFields;
use crate::db::Conn;
use crate::db::schema::{orgs, shipment_events, shipments, users};
use crate::error::{ApiError, ApiResult, FieldError};
use crate::shipments::model::{Shipment, ShipmentRow};
use crate::shipments::rules::Status;
use crate::shipments::store as shipment_store;
use crate::shipments::store::By;
use crate::state::State;

const TOKEN_PREFIX: &str = "trk_";

fn not_found() -> ApiError {
    ApiError::NotFound("tracking link".to_owned())
}

/// Rate-limit per token and per client address, before touching the database.
pub(crate) fn limit(state: &State, req: &HttpRequest, token: &str) -> ApiResult<()> {
    let address = req
        .peer_addr()
        .map(|a| a.ip().to_string())
        .unwrap_or_default();
    let token_key = crate::ids::secret_hash(token);
    let limited = state
        .tracking_limit_token
        .check(&token_key)
        .and(state.tracking_limit_address.check(&address));
    limited.map_err(|secs| ApiError::TooManyRequests {
        retry_after_secs: secs,
        detail: "too many requests for this tracking link; try again shortly".to_owned(),
    })
}

/// The shipment behind a token. The lookup is by SHA-256 of the token (a unique index), so
/// its timing reveals nothing about valid tokens; malformed tokens never reach the database.
pub(crate) fn by_token(c: &mut Conn, token: &str) -> ApiResult<ShipmentRow> {
    if !token.starts_with(TOKEN_PREFIX) || token.len() > 100 {
        return Err(not_found());
    }
    shipments::table
        .filter(shipments::tracking_token_hash.eq(crate::ids::secret_hash(token)))
        .select(ShipmentRow::as_select())
        .first(c)
        .optional()?
        .ok_or_else(not_found)
}

/// The shipment behind a token, its row locked for the rest of the transaction and read again
/// under the lock (what the customer changes is checked against the current state).
pub(crate) fn locked_by_token(c: &mut Conn, token: &str) -> ApiResult<ShipmentRow> {
    let row = by_token(c, token)?;
    shipment_store::lock(c, &row.id)?;
    by_token(c, token)
}

fn can_update_contact(s: Status) -> bool {
    !s.is_final()
}

fn can_reschedule(s: Status) -> bool {
    matches!(
        s,
        Status::Created | Status::AtSupplier | Status::WithCourier
    )
}

pub(crate) fn view(c: &mut Conn, row: ShipmentRow) -> ApiResult<TrackingView> {
    let status = row.status();
    let org_name = |c: &mut Conn, id: &str| -> QueryResult<Option<String>> {
        orgs::table.find(id).select(orgs::name).first(c).optional()
    };
    let marketplace_name = org_name(c, &row.marketplace_id)?.unwrap_or_default();
    let courier_name = match &row.courier_id {
        Some(id) => org_name(c, id)?,
        None => None,
    };
    let driver_first_name = match &row.driver_id {
        Some(id) => users::table
            .find(id)
            .select(users::name)
            .first::<String>(c)
            .optional()?
            .and_then(|n| n.split_whitespace().next().map(str::to_owned)),
        None => None,
    };
    let events: Vec<(String, String, chrono::NaiveDateTime)> = shipment_events::table
        .filter(shipment_events::shipment_id.eq(&row.id))
        .filter(shipment_events::kind.ne("tracking.rotated"))
        .order(shipment_events::id.asc())
        .limit(500)
        .select((
            shipment_events::kind,
            shipment_events::data,
            shipment_events::created_at,
        ))
        .load(c)?;
    let timeline = events
        .into_iter()
        .map(|(kind, data, at)| {
            let data: serde_json::Value = serde_json::from_str(&data).unwrap_or_default();
            let to = data.get("to_status").or_else(|| data.get("status"));
            let keep: &[&str] = match kind.as_str() {
                "contact_attempt.recorded" => &["channel", "outcome", "occurred_at"],
                "attempt.recorded" => &["outcome", "flags", "distance_m", "verified"],
                "handoff.accepted" => &["to"],
                "dispute.opened" | "dispute.resolved" => &["reason", "resolution", "remedy"],
                _ => &[],
            };
            let detail: serde_json::Map<String, serde_json::Value> = keep
                .iter()
                .filter_map(|k| data.get(*k).map(|v| ((*k).to_owned(), v.clone())))
                .collect();
            TimelineEntry {
                status: to.and_then(|v| v.as_str()).and_then(Status::parse),
                kind,
                at: at.and_utc(),
                detail: (!detail.is_empty()).then_some(serde_json::Value::Object(detail)),
            }
        })
        .collect();
    let consented = row.early_consent_at.is_some();
    let attempts = crate::attempts::routes::attempts_of(c, &row, false)?;
    let disputes = crate::disputes::store::for_shipment(c, &row.id)?
        .into_iter()
        .map(Into::into)
        .collect();
    let eta = row.eta_at.map(|t| t.and_utc());
    let rating = crate::ratings::store::for_shipment(c, &row.id)?;
    let can_rate = crate::ratings::routes::can_rate(c, &row.id, status)?;
    let driver_rating = match &row.driver_id {
        Some(d) => crate::ratings::routes::driver_average(c, d)?,
        None => None,
    };
    let handover_pin = row
        .handover_pin
        .clone()
        .filter(|_| !status.is_final() && row.pin_locked_at.is_none());
    let reference = row.reference.clone();
    let erased = row.contact_erased_at.is_some();
    let shipment: Shipment = Shipment::view(row, ContactFields::ALL);
    Ok(TrackingView {
        reference,
        status,
        window: shipment.window,
        early_consent: consented,
        marketplace_name,
        courier_name,
        driver_first_name,
        eta,
        handover_pin,
        recipient: shipment.recipient.filter(|_| !erased),
        preferences: shipment.preferences,
        can_update_contact: can_update_contact(status) && !erased,
        can_reschedule: can_reschedule(status),
        timeline,
        attempts,
        disputes,
        driver_rating,
        rating: rating.as_ref().map(Into::into),
        can_rate,
    })
}

/// Apply the customer's contact changes (the JSON route and the tracking page).
pub(crate) fn apply_contact(
    c: &mut Conn,
    row: &ShipmentRow,
    input: ContactUpdate,
    now: chrono::NaiveDateTime,
) -> ApiResult<()> {
    if !can_update_contact(row.status()) || row.contact_erased_at.is_some() {
        return Err(ApiError::Conflict(format!(
            "the parcel is {}; contact details can no longer change",
            row.status().as_str()
        )));
    }
    let (mut changes, touched) = input.changes(&row.country).map_err(ApiError::Validation)?;
    changes.updated_at = Some(now);
    diesel::update(shipments::table.find(&row.id))
        .set(&changes)
        .execute(c)?;
    // The event names the fields, never their values: every party sees the timeline.
    let data = json!({"fields": touched});
    shipment_store::record_event(
        c,
        &row.id,
        "shipment.contact_updated",
        By::Customer,
        &data,
        now,
    )?;
    Ok(())
}

/// Move the promised window as the customer asks (the JSON route and the tracking page).
pub(crate) fn apply_reschedule(
    c: &mut Conn,
    row: &ShipmentRow,
    input: Reschedule,
    now: chrono::NaiveDateTime,
) -> ApiResult<()> {
    let mut errors = Vec::new();

    if input.end <= input.start {
        errors.push(FieldError::new("end", "must be after start"));
    }
    if input.start.naive_utc() < now {
        errors.push(FieldError::new("start", "must not be in the past"));
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    if !can_reschedule(row.status()) {
        return Err(ApiError::Conflict(format!(
            "the parcel is {}; it can no longer be rescheduled",
            row.status().as_str()
        )));
    }
    diesel::update(shipments::table.find(&row.id))
        .set((
            shipments::window_start.eq(input.start.naive_utc()),
            shipments::window_end.eq(input.end.naive_utc()),
            shipments::window_firm.eq(true),
            shipments::updated_at.eq(now),
        ))
        .execute(c)?;
    let data = json!({
        "old_window": {"start": row.window_start.and_utc(), "end": row.window_end.and_utc()},
        "new_window": {"start": input.start, "end": input.end},
    });
    shipment_store::record_event(c, &row.id, "shipment.rescheduled", By::Customer, &data, now)?;
    Ok(())
}

/// Record the customer's consent to an early delivery; idempotent.
pub(crate) fn apply_early_consent(
    c: &mut Conn,
    row: &ShipmentRow,
    now: chrono::NaiveDateTime,
) -> ApiResult<()> {
    if row.status().is_final() {
        return Err(ApiError::Conflict(format!(
            "the parcel is {}",
            row.status().as_str()
        )));
    }
    if row.early_consent_at.is_none() {
        diesel::update(shipments::table.find(&row.id))
            .set((
                shipments::early_consent_at.eq(now),
                shipments::updated_at.eq(now),
            ))
            .execute(c)?;
        shipment_store::record_event(
            c,
            &row.id,
            "shipment.early_consent",
            By::Customer,
            &json!({}),
            now,
        )?;
    }
    Ok(())
}

/// A change by the customer: rate-limit, apply `change` to the shipment behind the token in one
/// transaction (with its event), and answer with the refreshed view.
async fn customer_change<F>(
    state: State,
    req: &HttpRequest,
    token: String,
    change: F,
) -> ApiResult<Json<TrackingView>>
where
    F: FnOnce(&mut Conn, &ShipmentRow, chrono::NaiveDateTime) -> ApiResult<()> + Send + 'static,
{
    limit(&state, req, &token)?;
    let v = state
        .db
        .write(move |c| {
            let row = locked_by_token(c, &token)?;
            change(c, &row, Utc::now().naive_utc())?;
            let row = by_token(c, &token)?;
            view(c, row)
        })
        .await?;
    Ok(Json(v))
}

/// Follow a parcel: status, promised window, courier and driver, the timeline, and the
/// customer's own contact data.
#[utoipa::path(
    tag = "tracking",
    params(("token" = String, Path, description = "The tracking token from the customer's link")),
    responses(
        (status = 200, description = "The parcel as the customer sees it", body = TrackingView),
        (status = 404, response = crate::openapi::NotFound),
        (status = 429, response = crate::openapi::TooManyRequests),
    )
)]
#[get("/v1/track/{token}")]
pub async fn track(
    state: State,
    req: HttpRequest,
    token: Path<String>,
) -> ApiResult<Json<TrackingView>> {
    let token = token.into_inner();
    limit(&state, &req, &token)?;
    let v = state
        .db
        .read(move |c| {
            let row = by_token(c, &token)?;
            view(c, row)
        })
        .await?;
    Ok(Json(v))
}

/// Fix the phone number, e-mail, access notes or preferences until the parcel is delivered.
/// The courier and the assigned driver see the change at once; it is an event on the timeline.
#[utoipa::path(
    tag = "tracking",
    params(("token" = String, Path, description = "Tracking token")),
    request_body = ContactUpdate,
    responses(
        (status = 200, description = "Updated", body = TrackingView),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 404, response = crate::openapi::NotFound),
        (status = 409, response = crate::openapi::Conflict),
        (status = 413, response = crate::openapi::PayloadTooLarge),
        (status = 415, response = crate::openapi::UnsupportedMediaType),
        (status = 422, response = crate::openapi::Unprocessable),
        (status = 429, response = crate::openapi::TooManyRequests),
    )
)]
#[patch("/v1/track/{token}/contact")]
pub async fn update_contact(
    state: State,
    req: HttpRequest,
    token: Path<String>,
    body: Json<ContactUpdate>,
) -> ApiResult<Json<TrackingView>> {
    let input = body.into_inner();
    customer_change(state, &req, token.into_inner(), move |c, row, now| {
        apply_contact(c, row, input, now)
    })
    .await
}

/// Choose a new delivery window while the parcel is not yet out for delivery.
#[utoipa::path(
    tag = "tracking",
    params(("token" = String, Path, description = "Tracking token")),
    request_body = Reschedule,
    responses(
        (status = 200, description = "Rescheduled", body = TrackingView),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 404, response = crate::openapi::NotFound),
        (status = 409, response = crate::openapi::Conflict),
        (status = 413, response = crate::openapi::PayloadTooLarge),
        (status = 415, response = crate::openapi::UnsupportedMediaType),
        (status = 422, response = crate::openapi::Unprocessable),
        (status = 429, response = crate::openapi::TooManyRequests),
    )
)]
#[post("/v1/track/{token}/reschedule")]
pub async fn reschedule(
    state: State,
    req: HttpRequest,
    token: Path<String>,
    body: Json<Reschedule>,
) -> ApiResult<Json<TrackingView>> {
    let input = body.into_inner();
    customer_change(state, &req, token.into_inner(), move |c, row, now| {
        apply_reschedule(c, row, input, now)
    })
    .await
}

/// Accept delivery before the promised window (so an early visit is not flagged). Idempotent.
#[utoipa::path(
    tag = "tracking",
    params(("token" = String, Path, description = "Tracking token")),
    responses(
        (status = 200, description = "Consent recorded", body = TrackingView),
        (status = 404, response = crate::openapi::NotFound),
        (status = 409, response = crate::openapi::Conflict),
        (status = 429, response = crate::openapi::TooManyRequests),
    )
)]
#[post("/v1/track/{token}/early-consent")]
pub async fn early_consent(
    state: State,
    req: HttpRequest,
    token: Path<String>,
) -> ApiResult<Json<TrackingView>> {
    customer_change(state, &req, token.into_inner(), |c, row, now| {
        apply_early_consent(c, row, now)
    })
    .await
}

/// A photo of an attempt on the customer's parcel.
#[utoipa::path(
    tag = "tracking",
    params(
        ("token" = String, Path, description = "Tracking token"),
        ("photo_id" = String, Path, description = "Photo id"),
    ),
    responses(
        (status = 200, description = "The image", content_type = "image/*", body = Vec<u8>),
        (status = 404, response = crate::openapi::NotFound),
        (status = 429, response = crate::openapi::TooManyRequests),
    )
)]
#[get("/v1/track/{token}/photos/{photo_id}")]
pub async fn photo(
    state: State,
    req: HttpRequest,
    path: Path<(String, String)>,
) -> ApiResult<actix_web::HttpResponse> {
    let (token, photo_id) = path.into_inner();
    limit(&state, &req, &token)?;
    let row = state
        .db
        .read(move |c| {
            let ship = by_token(c, &token)?;
            crate::attempts::store::find_photo(c, &photo_id)?
                .filter(|p| p.shipment_id == ship.id)
                .ok_or_else(|| ApiError::NotFound("photo".to_owned()))
        })
        .await?;
    crate::attempts::photos::serve_photo(&state, row, false).await
}
