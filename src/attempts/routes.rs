//! The driver's endpoints: contact attempts, ETA, delivery attempts; and reading attempts.

use actix_web::web::{Json, Path};
use actix_web::{HttpRequest, HttpResponse, get, post};
use chrono::{Duration, NaiveDateTime, Utc};
use serde_json::json;
use sha2::{Digest, Sha256};

use super::model::{
    Attempt, AttemptRow, ContactAttempt, ContactAttemptRow, CreateAttempt, CreateContactAttempt,
    SetEta, join_flags,
};
use super::rules::{self, Facts, Gps, Outcome, PhotoFacts, Placement, Verdict};
use super::store;
use crate::access::Party;
use crate::auth::Actor;
use crate::contracts::model::{ContractRow, DEFAULT_GEOFENCE_RADIUS_M};
use crate::db::Conn;
use crate::error::{ApiError, ApiResult, FieldError};
use crate::idempotency::{HEADER as IDEMPOTENCY_KEY, Idem};
use crate::shipments::model::ShipmentRow;
use crate::shipments::routes::{load_visible, read_visible};
use crate::shipments::rules::{Status, transition};
use crate::shipments::store::{self as shipment_store, By};
use crate::state::State;

/// Wrong PIN tries before the PIN locks for the shipment.
pub const MAX_PIN_FAILURES: i32 = 5;

fn attempt_not_found() -> ApiError {
    ApiError::NotFound("attempt".to_owned())
}

/// The courier's contract for this shipment, if any.
pub fn contract_for(c: &mut Conn, ship: &ShipmentRow) -> ApiResult<Option<ContractRow>> {
    match &ship.courier_id {
        Some(courier) => Ok(crate::contracts::store::active_between(
            c,
            &ship.marketplace_id,
            courier,
        )?),
        None => Ok(None),
    }
}

pub fn radius_m(contract: Option<&ContractRow>) -> f64 {
    f64::from(contract.map_or(DEFAULT_GEOFENCE_RADIUS_M, |c| c.geofence_radius_m))
}

/// The server's verdict on an attempt, from the shipment, the driver's contact attempts (only
/// read when they matter) and the attempt's photos so far.
pub fn judge(
    c: &mut Conn,
    ship: &ShipmentRow,
    a: &AttemptRow,
    radius_m: f64,
    photos: &[super::model::PhotoRow],
) -> ApiResult<Verdict> {
    let absent =
        a.failure_reason.as_deref() == Some(rules::FailureReason::RecipientAbsent.as_str());
    let contact_times = if absent {
        let since = a.occurred_at - Duration::minutes(rules::CONTACT_LOOKBACK_MIN);
        store::contact_times(c, &ship.id, since, a.occurred_at, a.received_at)?
    } else {
        Vec::new()
    };
    let photos = photos
        .iter()
        .map(|p| PhotoFacts {
            taken_at: p.exif_taken_at,
            location: p.exif_lat.zip(p.exif_lon),
        })
        .collect();
    let facts = Facts {
        outcome: Outcome::parse(&a.outcome).unwrap_or(Outcome::Failed),
        failure_reason: a
            .failure_reason
            .as_deref()
            .and_then(rules::FailureReason::parse),
        placement: a.placement.as_deref().and_then(Placement::parse),
        gps: match (a.lat, a.lon, a.accuracy_m, a.gps_captured_at) {
            (Some(lat), Some(lon), Some(accuracy_m), Some(captured_at)) => Some(Gps {
                lat,
                lon,
                accuracy_m,
                captured_at,
            }),
            _ => None,
        },
        address: ship.lat.zip(ship.lon),
        radius_m,
        occurred_at: a.occurred_at,
        received_at: a.received_at,
        window_start: ship.window_start,
        window_end: ship.window_end,
        window_firm: ship.window_firm,
        early_consent: ship.early_consent_at.is_some_and(|t| t <= a.occurred_at),
        contact_times,
        photos,
        intercom_note: a
            .intercom_note
            .as_deref()
            .is_some_and(|n| !n.trim().is_empty()),
        safe_place_allowed: ship.safe_place_allowed,
    };
    Ok(rules::verdict(&facts))
}

/// The assigned driver, on a shipment in one of `statuses`; others get 404 (not theirs) or
/// 403 (theirs to see, not to act on).
fn as_driver(c: &mut Conn, actor: &Actor, id: &str) -> ApiResult<ShipmentRow> {
    let (ship, party) = load_visible(c, actor, id)?;
    if party != Party::Driver {
        return Err(ApiError::Forbidden(
            "only the assigned driver records this".to_owned(),
        ));
    }
    Ok(ship)
}

fn check_note(field: &str, v: &Option<String>, errors: &mut Vec<FieldError>) {
    if v.as_deref().is_some_and(|n| n.chars().count() > 1000) {
        errors.push(FieldError::new(field, "must have at most 1000 characters"));
    }
}

/// Log a call, SMS, intercom ring or doorbell before arriving (assigned driver).
#[utoipa::path(
    tag = "attempts",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Shipment id")),
    request_body = CreateContactAttempt,
    responses(
        (status = 201, description = "Recorded", body = ContactAttempt),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 409, response = crate::openapi::Conflict),
        (status = 415, response = crate::openapi::UnsupportedMediaType),
        (status = 422, response = crate::openapi::Unprocessable),
    )
)]
#[post("/v1/shipments/{id}/contact-attempts")]
pub async fn create_contact_attempt(
    state: State,
    actor: Actor,
    id: Path<String>,
    body: Json<CreateContactAttempt>,
) -> ApiResult<HttpResponse> {
    let input = body.into_inner();
    let now = Utc::now().naive_utc();
    let mut errors = Vec::new();
    check_note("note", &input.note, &mut errors);
    if let Some(why) = rules::check_times(input.occurred_at.naive_utc(), now) {
        errors.push(FieldError::new("occurred_at", why));
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let id = id.into_inner();
    let row = state
        .db
        .write(move |c| {
            shipment_store::lock(c, &id)?;
            // Taken under the lock: the pre-arrival rule compares it with attempts' receipt.
            let now = Utc::now().naive_utc();
            let ship = as_driver(c, &actor, &id)?;
            if ship.status().is_final() {
                return Err(ApiError::Conflict(format!(
                    "the shipment is {}",
                    ship.status().as_str()
                )));
            }
            let row = ContactAttemptRow {
                id: crate::ids::new_id("cat"),
                shipment_id: id.clone(),
                driver_id: actor.id.clone(),
                channel: input.channel.as_str().to_owned(),
                outcome: input.outcome.as_str().to_owned(),
                occurred_at: input.occurred_at.naive_utc(),
                note: input.note,
                created_at: now,
            };
            store::insert_contact(c, &row)?;
            let data = json!({"contact_attempt_id": row.id, "channel": row.channel,
                "outcome": row.outcome, "occurred_at": input.occurred_at});
            shipment_store::record_event(
                c,
                &id,
                "contact_attempt.recorded",
                By::Actor(&actor),
                &data,
                now,
            )?;
            crate::kpis::store::refresh(c, &id)?;
            Ok(row)
        })
        .await?;
    Ok(HttpResponse::Created().json(ContactAttempt::from(row)))
}

/// The driver's contact attempts on a shipment (its parties).
#[utoipa::path(
    tag = "attempts",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Shipment id")),
    responses(
        (status = 200, description = "Contact attempts in device-time order", body = Vec<ContactAttempt>),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 404, response = crate::openapi::NotFound),
    )
)]
#[get("/v1/shipments/{id}/contact-attempts")]
pub async fn list_contact_attempts(
    state: State,
    actor: Actor,
    id: Path<String>,
) -> ApiResult<Json<Vec<ContactAttempt>>> {
    let rows = read_visible(&state, actor, id.into_inner(), |c, ship, _| {
        Ok(store::contacts_for(c, &ship.id)?)
    })
    .await?;
    Ok(Json(rows.into_iter().map(ContactAttempt::from).collect()))
}

/// The driver's estimated arrival, shown on the customer's link.
#[utoipa::path(
    tag = "attempts",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Shipment id")),
    request_body = SetEta,
    responses(
        (status = 200, description = "Recorded", body = SetEta),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 409, response = crate::openapi::Conflict),
        (status = 415, response = crate::openapi::UnsupportedMediaType),
        (status = 422, response = crate::openapi::Unprocessable),
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
    let now = Utc::now();
    if input.eta < now - Duration::hours(1) || input.eta > now + Duration::days(7) {
        return Err(ApiError::validation(
            "eta",
            "must be between an hour ago and 7 days ahead",
        ));
    }
    let id = id.into_inner();
    state
        .db
        .write(move |c| {
            let ship = as_driver(c, &actor, &id)?;
            if ship.status().is_final() {
                return Err(ApiError::Conflict(format!(
                    "the shipment is {}",
                    ship.status().as_str()
                )));
            }
            let now = now.naive_utc();
            store::set_eta(c, &id, input.eta.naive_utc(), now)?;
            shipment_store::record_event(
                c,
                &id,
                "shipment.eta",
                By::Actor(&actor),
                &json!({"eta": input.eta}),
                now,
            )?;
            Ok(())
        })
        .await?;
    Ok(Json(input))
}

fn wrong_pin(failures: i32) -> ApiError {
    ApiError::validation(
        "handover_pin",
        format!(
            "is wrong ({} tries left)",
            (MAX_PIN_FAILURES - failures).max(0)
        ),
    )
}

enum Recorded {
    /// The stored answer to an earlier identical request that was refused (a wrong PIN), so a
    /// retried typo is not counted twice.
    Stored(crate::idempotency::Stored),
    /// A new attempt and the contract radius its verdict used.
    New(Box<AttemptRow>, f64),
    Replay(Box<AttemptRow>),
    WrongPin(i32),
    PinLocked,
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

fn replay_or_reject(existing: AttemptRow, request_hash: &str) -> ApiResult<Recorded> {
    if existing.request_hash == request_hash {
        Ok(Recorded::Replay(Box::new(existing)))
    } else {
        Err(ApiError::validation(
            IDEMPOTENCY_KEY,
            "was already used with a different request body",
        ))
    }
}

/// Record a delivery attempt (assigned driver). Requires `Idempotency-Key`: a retry with the
/// same key and body returns the stored attempt; another body is a 422. The server judges the
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
    let now = Utc::now().naive_utc();
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
    let outcome = state
        .db
        .write(move |c| record(c, &actor, &id, key, request_hash, input, now))
        .await;
    let outcome = match outcome {
        // Two identical requests raced: the loser finds the winner's attempt.
        Err(ApiError::Conflict(_)) => {
            let existing = state
                .db
                .read(move |c| Ok(store::find_by_key(c, &driver_id, &retry_key)?))
                .await?
                .ok_or_else(|| {
                    ApiError::Conflict("the attempt could not be recorded; retry".to_owned())
                })?;
            replay_or_reject(existing, &retry_hash)?
        }
        other => other?,
    };
    let view = match outcome {
        // Built from what the transaction already had: no photos yet, no re-read.
        Recorded::New(row, radius) => {
            return Ok(HttpResponse::Created().json(Attempt::view(*row, Vec::new(), radius, true)));
        }
        Recorded::Replay(row) => state.db.read(move |c| attempt_view(c, *row, true)).await?,
        Recorded::WrongPin(failures) => return Err(wrong_pin(failures)),
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

/// One transaction: idempotency check, PIN, proof requirements, verdict, status change, events.
fn record(
    c: &mut Conn,
    actor: &Actor,
    id: &str,
    key: String,
    request_hash: String,
    input: CreateAttempt,
    now: NaiveDateTime,
) -> ApiResult<Recorded> {
    shipment_store::lock(c, id)?;
    if let Some(existing) = store::find_by_key(c, &actor.id, &key)? {
        return replay_or_reject(existing, &request_hash);
    }
    let refusals = Idem::with_hash(
        format!("{} attempts {id}", actor.id),
        key.clone(),
        request_hash.clone(),
    );
    if let Some(stored) = refusals.lookup(c)? {
        return Ok(Recorded::Stored(stored));
    }
    let ship = as_driver(c, actor, id)?;
    let from = ship.status();
    let to = match input.outcome {
        Outcome::Delivered => Status::Delivered,
        Outcome::Failed => Status::AttemptFailed,
    };
    // A re-attempt after a failure restarts the round implicitly.
    let restart = from == Status::AttemptFailed;
    transition(
        if restart {
            Status::OutForDelivery
        } else {
            from
        },
        to,
    )?;
    let contract = contract_for(c, &ship)?;
    let handed = input.placement == Some(Placement::HandedToRecipient);
    let mut pin_verified = false;
    if let (true, Some(pin)) = (handed, input.handover_pin.as_deref()) {
        if ship.pin_locked_at.is_some() {
            return Ok(Recorded::PinLocked);
        }
        if ship.handover_pin.as_deref() != Some(pin.trim()) {
            let failures = store::pin_failed(c, id, MAX_PIN_FAILURES, now)?;
            let body = serde_json::to_string(&wrong_pin(failures).problem()).unwrap_or_default();
            refusals.save(c, 422, &body, now)?;
            return Ok(Recorded::WrongPin(failures));
        }
        pin_verified = true;
    }
    let pin_required = contract
        .as_ref()
        .and_then(|ct| ct.pin_above_value_cents)
        .is_some_and(|limit| ship.declared_value_cents.is_some_and(|v| v > limit));
    if input.outcome == Outcome::Delivered && pin_required && !pin_verified {
        return Err(ApiError::validation(
            "handover_pin",
            "is required: the contract asks for the customer's PIN on parcels of this value, handed to the recipient",
        ));
    }
    let gps = input.gps;
    let mut row = AttemptRow {
        id: crate::ids::new_id("att"),
        shipment_id: id.to_owned(),
        driver_id: actor.id.clone(),
        courier_id: ship.courier_id.clone().unwrap_or_default(),
        outcome: input.outcome.as_str().to_owned(),
        failure_reason: input.failure_reason.map(|r| r.as_str().to_owned()),
        placement: input.placement.map(|p| p.as_str().to_owned()),
        recipient_name: input.recipient_name,
        pin_verified,
        lat: gps.map(|g| g.lat),
        lon: gps.map(|g| g.lon),
        accuracy_m: gps.map(|g| g.accuracy_m),
        gps_captured_at: gps.map(|g| g.captured_at.naive_utc()),
        distance_m: None,
        intercom_note: input.intercom_note,
        occurred_at: input.occurred_at.naive_utc(),
        received_at: now,
        flags: String::new(),
        idempotency_key: key,
        request_hash,
    };
    let radius = radius_m(contract.as_ref());
    // A new attempt has no photos yet; they arrive later and the verdict is recomputed then.
    let verdict = judge(c, &ship, &row, radius, &[])?;
    row.flags = join_flags(&verdict.flags);
    row.distance_m = verdict.distance_m;
    store::insert(c, &row)?;
    let by = By::Actor(actor);
    crate::custody::store::set_status(c, &ship, to, None, now)?;
    if restart {
        let data =
            json!({"from_status": from, "to_status": Status::OutForDelivery, "note": "re-attempt"});
        shipment_store::record_event(c, id, "shipment.out_for_delivery", by, &data, now)?;
    }
    let data = json!({"attempt_id": row.id, "outcome": row.outcome, "flags": verdict.flags,
        "distance_m": row.distance_m.map(f64::round), "verified": verdict.verified()});
    shipment_store::record_event(c, id, "attempt.recorded", by, &data, now)?;
    let data = json!({"from_status": if restart { Status::OutForDelivery } else { from }, "to_status": to,
        "attempt_id": row.id});
    shipment_store::record_event(c, id, &format!("shipment.{}", to.as_str()), by, &data, now)?;
    crate::kpis::store::refresh(c, id)?;
    Ok(Recorded::New(Box::new(row), radius))
}

/// An attempt with its photos; `private` adds the driver and GPS (parties, not the customer).
pub fn attempt_view(c: &mut Conn, row: AttemptRow, private: bool) -> ApiResult<Attempt> {
    let ship = crate::shipments::store::find(c, &row.shipment_id)?.ok_or_else(attempt_not_found)?;
    let radius = radius_m(contract_for(c, &ship)?.as_ref());
    let photos = store::photos_for(c, std::slice::from_ref(&row.id))?;
    Ok(Attempt::view(row, photos, radius, private))
}

/// Every attempt on a shipment with its photos, in device-time order (one query for photos).
pub fn attempts_of(c: &mut Conn, ship: &ShipmentRow, private: bool) -> ApiResult<Vec<Attempt>> {
    let rows = store::for_shipment(c, &ship.id)?;
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let mut photos = store::photos_for(c, &ids)?;
    let radius = radius_m(contract_for(c, ship)?.as_ref());
    Ok(rows
        .into_iter()
        .map(|r| {
            let (mine, rest): (Vec<_>, Vec<_>) =
                photos.drain(..).partition(|p| p.attempt_id == r.id);
            photos = rest;
            Attempt::view(r, mine, radius, private)
        })
        .collect())
}

/// A shipment's attempts with verdicts and photos (its parties).
#[utoipa::path(
    tag = "attempts",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Shipment id")),
    responses(
        (status = 200, description = "Attempts in device-time order", body = Vec<Attempt>),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 404, response = crate::openapi::NotFound),
    )
)]
#[get("/v1/shipments/{id}/attempts")]
pub async fn list_attempts(
    state: State,
    actor: Actor,
    id: Path<String>,
) -> ApiResult<Json<Vec<Attempt>>> {
    let attempts = read_visible(&state, actor, id.into_inner(), |c, ship, party| {
        // Suppliers see verdicts, not where the courier's driver was.
        attempts_of(c, &ship, party != Party::Supplier)
    })
    .await?;
    Ok(Json(attempts))
}

/// One attempt with its verdict and photos (parties of its shipment).
#[utoipa::path(
    tag = "attempts",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Attempt id")),
    responses(
        (status = 200, description = "The attempt", body = Attempt),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 404, response = crate::openapi::NotFound),
    )
)]
#[get("/v1/attempts/{id}")]
pub async fn get_attempt(state: State, actor: Actor, id: Path<String>) -> ApiResult<Json<Attempt>> {
    let id = id.into_inner();
    let attempt = state
        .db
        .read(move |c| {
            let row = store::find(c, &id)?.ok_or_else(attempt_not_found)?;
            let (_, party) =
                load_visible(c, &actor, &row.shipment_id).map_err(|_| attempt_not_found())?;
            attempt_view(c, row, party != Party::Supplier)
        })
        .await?;
    Ok(Json(attempt))
}

/// A new handover PIN after it was locked by wrong tries (the marketplace or the courier's
/// staff); the customer's link shows the new one.
#[utoipa::path(
    tag = "attempts",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Shipment id")),
    responses(
        (status = 204, description = "Reset"),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 409, response = crate::openapi::Conflict),
    )
)]
#[post("/v1/shipments/{id}/handover-pin/reset")]
pub async fn reset_pin(state: State, actor: Actor, id: Path<String>) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    state
        .db
        .write(move |c| {
            shipment_store::lock(c, &id)?;
            let (ship, party) = load_visible(c, &actor, &id)?;
            if !matches!(party, Party::Owner | Party::Courier | Party::PlatformAdmin) {
                return Err(ApiError::Forbidden(
                    "the PIN is reset by the marketplace or the courier".to_owned(),
                ));
            }
            if ship.status().is_final() {
                return Err(ApiError::Conflict(format!(
                    "the shipment is {}",
                    ship.status().as_str()
                )));
            }
            let now = Utc::now().naive_utc();
            store::reset_pin(c, &id, &crate::shipments::routes::new_pin(), now)?;
            shipment_store::record_event(
                c,
                &id,
                "handover_pin.reset",
                By::Actor(&actor),
                &json!({}),
                now,
            )?;
            Ok(())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
