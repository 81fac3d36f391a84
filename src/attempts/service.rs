//! Transaction bodies of the driver's records: contact attempts, ETA, delivery attempts and
//! their photos, the PIN. Each takes the shipment through the one door.

use chrono::{Duration, NaiveDateTime};
use serde_json::json;

use super::model::{
    Attempt, AttemptRow, ContactAttemptRow, CreateAttempt, CreateContactAttempt, PhotoRow,
    join_flags,
};
use super::rules::{self, AttemptEvidence, Gps, Outcome, PhotoFacts, Placement, Verdict};
use super::store;
use crate::access::{self, AttemptFields};
use crate::auth::Actor;
use crate::db::Conn;
use crate::error::{ApiError, ApiResult};
use crate::idempotency::{Idem, Stored};
use crate::kpis::rules::{AttemptFact, ContactFact, FactChange};
use crate::shipments::model::ShipmentRow;
use crate::shipments::service::{self as door, Change, Locked, Patch};
use crate::shipments::store::By;
use crate::status::Status;

/// Wrong PIN tries before the PIN locks for the shipment.
pub const MAX_PIN_FAILURES: i32 = 5;
/// Timeline event of a PIN reset: its count and times are the reset policy's input.
const PIN_RESET_EVENT: &str = "handover_pin.reset";

fn attempt_not_found() -> ApiError {
    ApiError::NotFound("attempt".to_owned())
}

fn final_conflict(ship: &ShipmentRow) -> ApiError {
    ApiError::Conflict(format!("the shipment is {}", ship.status().as_str()))
}

/// The server's verdict on an attempt: pure, from the shipment, the driver's contact attempts
/// (as recorded with the shipment), the attempt's photos so far, and whether it was found
/// backdated when received.
pub fn verdict(
    ship: &ShipmentRow,
    radius_m: f64,
    contacts: &[ContactFact],
    a: &AttemptRow,
    photos: &[PhotoRow],
    backdated: bool,
) -> Verdict {
    let failure_reason = a
        .failure_reason
        .as_deref()
        .and_then(rules::FailureReason::parse);
    let contact_times = if failure_reason == Some(rules::FailureReason::RecipientAbsent) {
        let since = a.occurred_at - Duration::minutes(rules::CONTACT_LOOKBACK_MIN);
        contacts
            .iter()
            .filter(|k| k.occurred_at >= since && k.occurred_at <= a.occurred_at)
            .filter(|k| k.created_at <= a.received_at)
            .map(|k| k.occurred_at)
            .collect()
    } else {
        Vec::new()
    };
    let evidence = AttemptEvidence {
        outcome: Outcome::parse(&a.outcome).unwrap_or(Outcome::Failed),
        failure_reason,
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
        photos: photos
            .iter()
            .map(|p| PhotoFacts {
                taken_at: p.exif_taken_at,
                location: p.exif_lat.zip(p.exif_lon),
            })
            .collect(),
        intercom_note: a
            .intercom_note
            .as_deref()
            .is_some_and(|n| !n.trim().is_empty()),
        safe_place_allowed: ship.safe_place_allowed,
        backdated,
    };
    rules::verdict(&evidence)
}

/// What an attempt contributes to the KPIs (`upheld`: a dispute about it was upheld).
pub fn attempt_fact(a: &AttemptRow, upheld: bool) -> AttemptFact {
    AttemptFact {
        id: a.id.clone(),
        driver_id: a.driver_id.clone(),
        courier_id: a.courier_id.clone(),
        delivered: a.outcome == Outcome::Delivered.as_str(),
        occurred_at: a.occurred_at,
        received_at: a.received_at,
        flags: a.flag_list(),
        upheld,
    }
}

/// The assigned driver, on a shipment they hold; others get 404 (not theirs) or 403 (theirs
/// to see, not to act on).
fn as_driver(c: &mut Conn, actor: &Actor, id: &str) -> ApiResult<Locked> {
    let (locked, party) = door::lock_visible(c, actor, id)?;
    if !access::may_record_delivery(party) {
        return Err(ApiError::Forbidden(
            "only the assigned driver records this".to_owned(),
        ));
    }
    Ok(locked)
}

/// Log a call, SMS, intercom ring or doorbell before arriving.
pub fn record_contact(
    c: &mut Conn,
    actor: &Actor,
    id: &str,
    input: CreateContactAttempt,
    now: NaiveDateTime,
) -> ApiResult<ContactAttemptRow> {
    let mut locked = as_driver(c, actor, id)?;
    if locked.ship.status().is_final() {
        return Err(final_conflict(&locked.ship));
    }
    let row = ContactAttemptRow {
        id: crate::ids::new_id("cat"),
        shipment_id: id.to_owned(),
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
    let change = Change::new(By::Actor(actor), now)
        .event("contact_attempt.recorded", data)
        .fact(FactChange::Contact(ContactFact {
            driver_id: row.driver_id.clone(),
            occurred_at: row.occurred_at,
            created_at: row.created_at,
        }));
    door::apply(c, &mut locked, change)?;
    Ok(row)
}

/// The driver's estimated arrival.
pub fn set_eta(
    c: &mut Conn,
    actor: &Actor,
    id: &str,
    eta: chrono::DateTime<chrono::Utc>,
    now: NaiveDateTime,
) -> ApiResult<()> {
    let mut locked = as_driver(c, actor, id)?;
    if locked.ship.status().is_final() {
        return Err(final_conflict(&locked.ship));
    }
    let ship = &locked.ship;
    let previous = ship.eta_at;
    let mut data = json!({"eta": eta, "previous": previous.map(|p| p.and_utc())});
    // Whether the customer is told: read the contract's tolerance only for a customer who
    // hears on some channel.
    if ship.notify_channels.is_some() {
        let minutes = match &ship.courier_id {
            Some(courier) => crate::contracts::store::between(c, &ship.marketplace_id, courier)?
                .map(|ct| ct.eta_tolerance_minutes),
            None => None,
        }
        .unwrap_or(crate::contracts::model::DEFAULT_ETA_TOLERANCE_MINUTES);
        data["beyond_tolerance"] = json!(crate::notifications::rules::eta_moved(
            previous,
            eta.naive_utc(),
            (ship.window_start, ship.window_end),
            chrono::Duration::minutes(i64::from(minutes)),
        ));
    }
    let change = Change::new(By::Actor(actor), now)
        .patch(Patch::Eta(eta.naive_utc()))
        .event("shipment.eta", data);
    door::apply(c, &mut locked, change)?;
    Ok(())
}

pub fn wrong_pin(failures: i32) -> ApiError {
    ApiError::validation(
        "handover_pin",
        format!(
            "is wrong ({} tries left)",
            (MAX_PIN_FAILURES - failures).max(0)
        ),
    )
}

pub enum Recorded {
    /// The stored answer to an earlier identical request that was refused (a wrong PIN), so a
    /// retried typo is not counted twice.
    Stored(Stored),
    /// A new attempt and the contract radius its verdict used.
    New(Box<AttemptRow>, f64),
    Replay(Box<AttemptRow>),
    WrongPin(i32),
    PinLocked,
}

/// A retry with the same key: the stored attempt if the body is the same, else 422.
pub fn replay_or_reject(existing: AttemptRow, request_hash: &str) -> ApiResult<Recorded> {
    if existing.request_hash == request_hash {
        Ok(Recorded::Replay(Box::new(existing)))
    } else {
        Err(ApiError::IdempotencyKeyReused)
    }
}

/// One transaction: PIN, proof requirements, verdict, attempt, then the one door (status,
/// events, counters). The idempotency key is enforced by its unique index: a retry fails the
/// insert (or the transition) and the caller then looks the key up.
#[allow(clippy::too_many_arguments)]
pub fn record_attempt(
    c: &mut Conn,
    actor: &Actor,
    id: &str,
    key: String,
    request_hash: String,
    input: CreateAttempt,
    secrets: &crate::secrets::Keyring,
    now: NaiveDateTime,
) -> ApiResult<Recorded> {
    let mut locked = as_driver(c, actor, id)?;
    let from = locked.ship.status();
    let to = match input.outcome {
        Outcome::Delivered => Status::Delivered,
        Outcome::Failed => Status::AttemptFailed,
    };
    // A re-attempt after a failure restarts the round implicitly (not before the day of a
    // re-delivery window the customer chose: checked on the locked row, no statement).
    let restart = from == Status::AttemptFailed;
    if restart {
        crate::redelivery::service::check_go_out(&locked.ship, now)?;
    }
    let handed = input.placement == Some(Placement::HandedToRecipient);
    let mut pin_verified = false;
    if let (true, Some(pin)) = (handed, input.handover_pin.as_deref()) {
        // Only a request with a PIN can have a stored refusal (a wrong PIN).
        let refusals = Idem::with_hash(
            format!("{} attempts {id}", actor.id),
            key.clone(),
            request_hash.clone(),
        );
        if let Some(stored) = refusals.lookup(c, now)? {
            return Ok(Recorded::Stored(stored));
        }
        if locked.ship.pin_locked_at.is_some() {
            return Ok(Recorded::PinLocked);
        }
        let stored = door::open_pin(secrets, locked.ship.handover_pin.as_deref())?;
        if stored.as_deref() != Some(pin.trim()) {
            let failed = Patch::PinFailed {
                max: MAX_PIN_FAILURES,
                at: now,
            };
            door::apply(
                c,
                &mut locked,
                Change::new(By::Actor(actor), now).patch(failed),
            )?;
            let failures = locked.ship.pin_failures;
            let body = serde_json::to_string(&wrong_pin(failures).problem()).unwrap_or_default();
            refusals.save(c, 422, &body, now)?;
            return Ok(Recorded::WrongPin(failures));
        }
        pin_verified = true;
    }
    let pin_required = locked
        .terms
        .pin_above_value_cents
        .is_some_and(|limit| locked.ship.declared_value_cents.is_some_and(|v| v > limit));
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
        courier_id: locked.ship.courier_id.clone().unwrap_or_default(),
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
    let radius = locked.terms.radius_m;
    let facts = door::recorded(c, &locked)?;
    // The server's own stamps bound the claim: not before the parcel existed, not before
    // this driver held it, not before the previous attempt.
    let custody = facts
        .handoffs
        .iter()
        .filter(|h| h.to_driver.as_deref() == Some(actor.id.as_str()))
        .filter_map(|h| h.accepted_at)
        .max();
    let previous = facts.attempts.iter().map(|a| a.occurred_at).max();
    let bounds = [
        (rules::Before::ShipmentCreated, Some(locked.ship.created_at)),
        (rules::Before::CustodyBegan, custody),
        (rules::Before::PreviousAttempt, previous),
    ];
    if let Some((before, at)) = rules::contradicted(row.occurred_at, &bounds) {
        return Err(ApiError::validation(
            "occurred_at",
            rules::contradiction(before, at),
        ));
    }
    // Only a late send pays for the look-up: was the driver online after the claimed time?
    let backdated = match rules::backdating_window(row.occurred_at, now) {
        Some((from, to)) => crate::auth::sightings::seen_between(c, &actor.id, from, to)?,
        None => false,
    };
    // A new attempt has no photos yet; they arrive later and the verdict is recomputed then.
    let verdict = verdict(&locked.ship, radius, &facts.contacts, &row, &[], backdated);
    row.flags = join_flags(&verdict.flags);
    row.distance_m = verdict.distance_m;
    let mut change = Change::new(By::Actor(actor), now);
    let mut before = from;
    if restart {
        before = Status::OutForDelivery;
        let data = json!({"from_status": from, "to_status": before, "note": "re-attempt"});
        change = change
            .to(Status::OutForDelivery)
            .event("shipment.out_for_delivery", data);
    }
    // Checked before the insert: a retry of a finished attempt is a conflict, not a key clash.
    crate::status::transition(before, to)?;
    store::insert(c, &row)?;
    let data = json!({"attempt_id": row.id, "outcome": row.outcome, "flags": verdict.flags,
        "distance_m": row.distance_m.map(f64::round), "verified": verdict.verified(),
        "judged": crate::evidence::facts::judged(&locked.ship, &row)});
    let moved = json!({"from_status": before, "to_status": to, "attempt_id": row.id});
    let change = change
        .to(to)
        .event("attempt.recorded", data)
        .event(format!("shipment.{}", to.as_str()), moved)
        .fact(FactChange::Attempt(attempt_fact(&row, false)));
    door::apply(c, &mut locked, change)?;
    // The driver's live position is kept only while they have parcels out for delivery.
    crate::live::store::erase_if_round_ended(c, &actor.id)?;
    Ok(Recorded::New(Box::new(row), radius))
}

/// Add a photo to an attempt and judge the attempt again with it.
pub fn add_photo(
    c: &mut Conn,
    actor: &Actor,
    attempt: &AttemptRow,
    row: &PhotoRow,
) -> ApiResult<()> {
    let mut locked = door::lock(c, &attempt.shipment_id)?;
    store::insert_photo(c, row)?;
    if locked.ship.contact_erased_at.is_some() {
        // Positions were erased with the retention period: a new verdict would be wrong.
        return Err(ApiError::Conflict(
            "the retention period of this shipment is over".to_owned(),
        ));
    }
    let facts = door::recorded(c, &locked)?;
    let photos = store::photos_for(c, std::slice::from_ref(&attempt.id))?;
    if photos.len() > rules::MAX_PHOTOS_PER_ATTEMPT {
        // Counted with this one inserted, in the transaction that rolls it back.
        return Err(ApiError::Conflict(format!(
            "an attempt has at most {} photos",
            rules::MAX_PHOTOS_PER_ATTEMPT
        )));
    }
    // Backdating was judged on receipt, from sightings then: a photo does not undo it.
    let backdated = attempt.flag_list().contains(&rules::Flag::Backdated);
    let verdict = verdict(
        &locked.ship,
        locked.terms.radius_m,
        &facts.contacts,
        attempt,
        &photos,
        backdated,
    );
    let mut judged = attempt.clone();
    judged.flags = join_flags(&verdict.flags);
    judged.distance_m = verdict.distance_m;
    store::set_verdict(c, &attempt.id, &judged.flags, verdict.distance_m)?;
    let upheld = facts
        .attempts
        .iter()
        .any(|a| a.id == attempt.id && a.upheld);
    let data = json!({"attempt_id": attempt.id, "photo_id": row.id, "kind": row.kind,
        "sha256": row.sha256, "flags": verdict.flags,
        "judged": crate::evidence::facts::judged(&locked.ship, &judged)});
    let change = Change::new(By::Actor(actor), row.created_at)
        .event("attempt.photo_added", data)
        .fact(FactChange::Attempt(attempt_fact(&judged, upheld)));
    door::apply(c, &mut locked, change)?;
    Ok(())
}

/// A new handover PIN after it was locked by wrong tries.
pub fn reset_pin(
    c: &mut Conn,
    actor: &Actor,
    id: &str,
    secrets: &crate::secrets::Keyring,
    now: NaiveDateTime,
) -> ApiResult<()> {
    let (mut locked, party) = door::lock_visible(c, actor, id)?;
    if !access::may_reset_pin(party) {
        return Err(ApiError::Forbidden(
            "the PIN is reset by the marketplace or the courier".to_owned(),
        ));
    }
    if locked.ship.status().is_final() {
        return Err(final_conflict(&locked.ship));
    }
    // Each reset gives its reader five more guesses: rare, spaced, and on the timeline that
    // the marketplace (webhooks) and the customer (the link, with the new PIN) both see.
    let resets = crate::shipments::store::event_times(c, id, PIN_RESET_EVENT)?;
    if let Err((wait, why)) = rules::may_reset_pin(&resets, now) {
        return Err(match wait {
            0 => ApiError::Conflict(why),
            secs => ApiError::TooManyRequests {
                retry_after_secs: secs,
                detail: why,
            },
        });
    }
    let pin = door::new_sealed_pin(secrets)
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("sealing a new PIN failed")))?;
    let data = json!({"reset": resets.len() + 1, "of": rules::MAX_PIN_RESETS});
    let change = Change::new(By::Actor(actor), now)
        .patch(Patch::PinReset(pin))
        .event(PIN_RESET_EVENT, data);
    door::apply(c, &mut locked, change)?;
    Ok(())
}

/// An attempt with its photos, as `shown` to its reader.
pub fn attempt_view(c: &mut Conn, row: AttemptRow, shown: AttemptFields) -> ApiResult<Attempt> {
    let locked = door::read(c, &row.shipment_id)?.ok_or_else(attempt_not_found)?;
    let photos = store::photos_for(c, std::slice::from_ref(&row.id))?;
    Ok(Attempt::view(row, photos, locked.terms.radius_m, shown))
}

/// Every attempt on a shipment with its photos, in device-time order (one query for photos).
pub fn attempts_of(
    c: &mut Conn,
    ship: &ShipmentRow,
    radius_m: f64,
    shown: AttemptFields,
) -> ApiResult<Vec<Attempt>> {
    let rows = store::for_shipment(c, &ship.id)?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let mut photos = store::photos_for(c, &ids)?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let (mine, rest): (Vec<_>, Vec<_>) =
                photos.drain(..).partition(|p| p.attempt_id == r.id);
            photos = rest;
            Attempt::view(r, mine, radius_m, shown)
        })
        .collect())
}

/// An attempt whose shipment the caller is party to (else 404), with what the contact-field
/// policy lets the caller see of it now.
pub fn visible_attempt(c: &mut Conn, actor: &Actor, id: &str) -> ApiResult<Attempt> {
    let row = store::find(c, id)?.ok_or_else(attempt_not_found)?;
    let (ship, party) =
        door::load_visible(c, actor, &row.shipment_id).map_err(|_| attempt_not_found())?;
    attempt_view(c, row, access::attempt_fields(party, ship.status()))
}

/// The attempt a photo is added to: the caller's own, on a shipment still within retention,
/// within the attempt's proof window (the offline window), whatever the customer did
/// meanwhile: a dispute opened before the photo arrived must not void the driver's proof.
/// Checked before reading megabytes.
pub fn attempt_for_photo(
    c: &mut Conn,
    actor: &Actor,
    id: &str,
    now: NaiveDateTime,
) -> ApiResult<AttemptRow> {
    let a = store::find(c, id)?.ok_or_else(attempt_not_found)?;
    let (ship, party) =
        door::load_visible(c, actor, &a.shipment_id).map_err(|_| attempt_not_found())?;
    if ship.contact_erased_at.is_some() {
        return Err(ApiError::Conflict(
            "the retention period of this shipment is over".to_owned(),
        ));
    }
    // Photos come with the attempt, not days later: the same 72 h an offline attempt has.
    let late = now - a.received_at > Duration::hours(rules::MAX_OFFLINE_HOURS);
    if late {
        return Err(ApiError::Conflict(
            "photos can no longer be added to this attempt (over 72 hours old)".to_owned(),
        ));
    }
    if !access::may_record_delivery(party) || a.driver_id != actor.id {
        return Err(ApiError::Forbidden(
            "photos are added by the attempt's driver".to_owned(),
        ));
    }
    Ok(a)
}
