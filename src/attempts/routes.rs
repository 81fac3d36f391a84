//! The driver's endpoints: contact attempts, ETA, delivery attempts; and reading attempts.

use actix_web::web::{Json, Path, Query};
use actix_web::{HttpRequest, HttpResponse, get, post};
use chrono::{Duration, NaiveDateTime};
use sha2::{Digest, Sha256};

use super::model::{Attempt, ContactAttempt, CreateAttempt, CreateContactAttempt, SetEta};
use super::rules::{self, Outcome};
use super::service::{self, Recorded};
use super::store;
use crate::auth::Actor;
use crate::error::{ApiError, ApiResult, FieldError};
use crate::idempotency::HEADER as IDEMPOTENCY_KEY;
use crate::pagination::{Page, PageParams};
use crate::shipments::service as door;
use crate::web::state::State;

fn check_note(field: &str, v: &Option<String>, errors: &mut Vec<FieldError>) {
    if v.as_deref().is_some_and(|n| n.chars().count() > 1000) {
        errors.push(FieldError::new(field, "must have at most 1000 characters"));
    }
}

/// Log a call, SMS, intercom ring or doorbell before arriving (assigned driver).
#[utoipa::path(
    tag = "attempts",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, description = "Shipment id"),
        ("Idempotency-Key" = Option<String>, Header, description = "A retry with the same key and body gets the stored answer, not a second record"),
    ),
    request_body = CreateContactAttempt,
    responses(
        (status = 201, description = "Recorded", body = ContactAttempt),
        (status = 400, response = crate::error::responses::BadRequest),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 403, response = crate::error::responses::Forbidden),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 409, response = crate::error::responses::Conflict),
        (status = 415, response = crate::error::responses::UnsupportedMediaType),
        (status = 422, response = crate::error::responses::Unprocessable),
    )
)]
#[post("/v1/shipments/{id}/contact-attempts")]
pub async fn create_contact_attempt(
    state: State,
    actor: Actor,
    req: HttpRequest,
    id: Path<String>,
    body: Json<CreateContactAttempt>,
) -> ApiResult<HttpResponse> {
    let input = body.into_inner();
    let now = state.clock.naive();
    let mut errors = Vec::new();
    check_note("note", &input.note, &mut errors);
    if let Some(why) = rules::check_times(input.occurred_at.naive_utc(), now) {
        errors.push(FieldError::new("occurred_at", why));
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let idem = crate::idempotency::for_step(
        &req,
        &actor.id,
        "POST /v1/shipments/{id}/contact-attempts",
        &input,
    )?;
    let id = id.into_inner();
    let created = actix_web::http::StatusCode::CREATED;
    // `now` is taken in the transaction: the pre-arrival rule compares it with attempts' receipt.
    crate::idempotency::step(&state.db, &state.clock, idem, created, move |c, now| {
        Ok(ContactAttempt::from(service::record_contact(
            c, &actor, &id, input, now,
        )?))
    })
    .await
}

/// The driver's contact attempts on a shipment (its parties).
#[utoipa::path(
    tag = "attempts",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Shipment id"), PageParams),
    responses(
        (status = 200, description = "Contact attempts in device-time order", body = Page<ContactAttempt>),
        (status = 400, response = crate::error::responses::BadRequest),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 422, response = crate::error::responses::Unprocessable),
    )
)]
#[get("/v1/shipments/{id}/contact-attempts")]
pub async fn list_contact_attempts(
    state: State,
    actor: Actor,
    id: Path<String>,
    page: Query<PageParams>,
) -> ApiResult<Json<Page<ContactAttempt>>> {
    let page = page.validate()?;
    let id = id.into_inner();
    let rows = state
        .db
        .read(move |c| {
            let (ship, _) = door::load_visible(c, &actor, &id)?;
            Ok(store::contacts_for(c, &ship.id)?)
        })
        .await?;
    Ok(Json(Page::from_ordered(
        rows,
        &page,
        |r| &r.id,
        ContactAttempt::from,
    )))
}

/// The driver's estimated arrival, shown on the customer's link.
#[utoipa::path(
    tag = "attempts",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Shipment id")),
    request_body = SetEta,
    responses(
        (status = 200, description = "Recorded", body = SetEta),
        (status = 400, response = crate::error::responses::BadRequest),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 403, response = crate::error::responses::Forbidden),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 409, response = crate::error::responses::Conflict),
        (status = 415, response = crate::error::responses::UnsupportedMediaType),
        (status = 422, response = crate::error::responses::Unprocessable),
    )
)]
#[post("/v1/shipments/{id}/eta")]
pub async fn set_eta(
    state: State,
    actor: Actor,
    id: Path<String>,
    body: Json<SetEta>,
) -> ApiResult<Json<SetEta>> {
    let input = body.into_inner();
    let now = state.clock.now();
    if input.eta < now - Duration::hours(1) || input.eta > now + Duration::days(7) {
        return Err(ApiError::validation(
            "eta",
            "must be between an hour ago and 7 days ahead",
        ));
    }
    let id = id.into_inner();
    let eta = input.eta;
    state
        .db
        .write(move |c| service::set_eta(c, &actor, &id, eta, now.naive_utc()))
        .await?;
    Ok(Json(input))
}

fn validate_attempt(input: &CreateAttempt, now: NaiveDateTime) -> Vec<FieldError> {
    let mut errors = Vec::new();
    match input.outcome {
        Outcome::Delivered => {
            if input.placement.is_none() {
                errors.push(FieldError::new("placement", "is required when delivered"));
            }
            if input.failure_reason.is_some() {
                errors.push(FieldError::new(
                    "failure_reason",
                    "is only for failed attempts",
                ));
            }
        }
        Outcome::Failed => {
            if input.failure_reason.is_none() {
                errors.push(FieldError::new("failure_reason", "is required when failed"));
            }
            if input.placement.is_some() {
                errors.push(FieldError::new("placement", "is only for deliveries"));
            }
        }
    }
    if let Some(why) = rules::check_times(input.occurred_at.naive_utc(), now) {
        errors.push(FieldError::new("occurred_at", why));
    }
    if let Some(g) = &input.gps {
        if !(-90.0..=90.0).contains(&g.lat) || !(-180.0..=180.0).contains(&g.lon) {
            errors.push(FieldError::new(
                "gps",
                "lat must be within ±90 and lon within ±180",
            ));
        }
        if !(g.accuracy_m.is_finite() && g.accuracy_m > 0.0) {
            errors.push(FieldError::new(
                "gps.accuracy_m",
                "must be a positive number of metres",
            ));
        }
    }
    check_note("intercom_note", &input.intercom_note, &mut errors);
    check_note("recipient_name", &input.recipient_name, &mut errors);
    errors
}

/// Record a delivery attempt (assigned driver). Requires `Idempotency-Key`: a retry with the
/// same key and body returns the stored attempt; another body is a 422
/// `/problems/idempotency-key-reused`. The server judges the
/// attempt (flags, distance) and moves the shipment to `delivered` or `attempt_failed`.
#[utoipa::path(
    tag = "attempts",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, description = "Shipment id"),
        ("Idempotency-Key" = String, Header, description = "Required; unique per attempt on the device"),
    ),
    request_body = CreateAttempt,
    responses(
        (status = 201, description = "Recorded and judged", body = Attempt),
        (status = 200, description = "A retry: the stored attempt", body = Attempt),
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
#[post("/v1/shipments/{id}/attempts")]
pub async fn create_attempt(
    state: State,
    actor: Actor,
    req: HttpRequest,
    id: Path<String>,
    body: Json<CreateAttempt>,
) -> ApiResult<HttpResponse> {
    let input = body.into_inner();
    let key = req
        .headers()
        .get(IDEMPOTENCY_KEY)
        .and_then(|v| v.to_str().ok())
        .filter(|k| !k.is_empty() && k.len() <= 255 && k.chars().all(|c| c.is_ascii_graphic()))
        .map(str::to_owned)
        .ok_or_else(|| {
            ApiError::validation(
                IDEMPOTENCY_KEY,
                "is required: 1–255 visible ASCII characters",
            )
        })?;
    let now = state.clock.naive();
    let errors = validate_attempt(&input, now);
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let id = id.into_inner();
    let request_hash = hex::encode(Sha256::digest(
        format!(
            "{id}\n{}",
            serde_json::to_string(&input).unwrap_or_default()
        )
        .as_bytes(),
    ));
    let (driver_id, retry_key, retry_hash) = (actor.id.clone(), key.clone(), request_hash.clone());
    let secrets = state.secrets.clone();
    let outcome = state
        .db
        .write(move |c| {
            service::record_attempt(c, &actor, &id, key, request_hash, input, &secrets, now)
        })
        .await;
    let outcome = match outcome {
        // The key is enforced by its unique index, not looked up first: a retry fails (the
        // insert, or the transition the first request made) and finds the stored attempt.
        Err(e) => {
            let existing = state
                .db
                .read(move |c| Ok(store::find_by_key(c, &driver_id, &retry_key)?))
                .await?;
            match existing {
                Some(existing) => service::replay_or_reject(existing, &retry_hash)?,
                None => return Err(e),
            }
        }
        Ok(recorded) => recorded,
    };
    let view = match outcome {
        // Built from what the transaction already had: no photos yet, no re-read.
        Recorded::New(row, radius) => {
            return Ok(HttpResponse::Created().json(Attempt::view(
                *row,
                Vec::new(),
                radius,
                crate::access::AttemptFields::RECORDER,
            )));
        }
        Recorded::Replay(row) => {
            state
                .db
                .read(move |c| {
                    service::attempt_view(c, *row, crate::access::AttemptFields::RECORDER)
                })
                .await?
        }
        Recorded::WrongPin(failures) => return Err(service::wrong_pin(failures)),
        Recorded::Stored(stored) => {
            let status = actix_web::http::StatusCode::from_u16(stored.status)
                .unwrap_or(actix_web::http::StatusCode::UNPROCESSABLE_ENTITY);
            return Ok(HttpResponse::build(status)
                .content_type(crate::error::PROBLEM_JSON)
                .body(stored.body));
        }
        Recorded::PinLocked => {
            return Err(ApiError::validation(
                "handover_pin",
                "is locked after 5 wrong tries for this shipment",
            ));
        }
    };
    Ok(HttpResponse::Ok().json(view))
}

/// A shipment's attempts with verdicts and photos (its parties).
#[utoipa::path(
    tag = "attempts",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Shipment id"), PageParams),
    responses(
        (status = 200, description = "Attempts in device-time order", body = Page<Attempt>),
        (status = 400, response = crate::error::responses::BadRequest),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 422, response = crate::error::responses::Unprocessable),
    )
)]
#[get("/v1/shipments/{id}/attempts")]
pub async fn list_attempts(
    state: State,
    actor: Actor,
    id: Path<String>,
    page: Query<PageParams>,
) -> ApiResult<Json<Page<Attempt>>> {
    let page = page.validate()?;
    let id = id.into_inner();
    let attempts = state
        .db
        .read(move |c| {
            let (read, party) = door::read_visible(c, &actor, &id)?;
            // What the contact-field policy lets the caller see now (suppliers: verdicts).
            let shown = crate::access::attempt_fields(party, read.ship.status());
            service::attempts_of(c, &read.ship, read.terms.radius_m, shown)
        })
        .await?;
    Ok(Json(Page::from_ordered(attempts, &page, |a| &a.id, |a| a)))
}

/// One attempt with its verdict and photos (parties of its shipment).
#[utoipa::path(
    tag = "attempts",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Attempt id")),
    responses(
        (status = 200, description = "The attempt", body = Attempt),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 404, response = crate::error::responses::NotFound),
    )
)]
#[get("/v1/attempts/{id}")]
pub async fn get_attempt(state: State, actor: Actor, id: Path<String>) -> ApiResult<Json<Attempt>> {
    let id = id.into_inner();
    let attempt = state
        .db
        .read(move |c| service::visible_attempt(c, &actor, &id))
        .await?;
    Ok(Json(attempt))
}

/// A new handover PIN after it was locked by wrong tries (the marketplace or the courier's
/// staff); the customer's link shows the new one. At most twice per parcel, 30 minutes apart
/// (sooner: 429 with `Retry-After`; a third: 409), each reset on the customer's timeline.
#[utoipa::path(
    tag = "attempts",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Shipment id")),
    responses(
        (status = 204, description = "Reset"),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 403, response = crate::error::responses::Forbidden),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 409, response = crate::error::responses::Conflict),
        (status = 429, response = crate::error::responses::TooManyRequests),
    )
)]
#[post("/v1/shipments/{id}/handover-pin/reset")]
pub async fn reset_pin(state: State, actor: Actor, id: Path<String>) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let secrets = state.secrets.clone();
    let clock = state.clock.clone();
    state
        .db
        .write(move |c| service::reset_pin(c, &actor, &id, &secrets, clock.naive()))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
