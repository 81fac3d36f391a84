//! What the customer sees and may change through the tracking link: the view, and the
//! changes (contact, window, early consent) that pass the one door.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde_json::json;

use super::model::{
    ContactUpdate, LastConfirmed, LinkHandover, LinkLoss, TimelineEntry, TrackingView,
};
use super::rules::custody_story;
use super::views::ViewCache;
use crate::access::ContactFields;
use crate::custody::rules::Loss;
use crate::db::Conn;
use crate::db::schema::{orgs, shipment_events, shipments, users};
use crate::error::{ApiError, ApiResult};
use crate::redelivery::service::Held;
use crate::secrets::Keyring;
use crate::shipments::model::{NewWindow, Shipment, ShipmentRow};
use crate::shipments::service::{self as door, Change, Locked, Patch};
use crate::shipments::store::By;
use crate::status::Status;

const TOKEN_PREFIX: &str = "trk_";

fn not_found() -> ApiError {
    ApiError::NotFound("tracking link".to_owned())
}

/// The shipment behind a token. The lookup is by SHA-256 of the token (a unique index), so
/// its timing reveals nothing about valid tokens; malformed tokens never reach the database.
pub fn by_token(c: &mut Conn, token: &str) -> ApiResult<ShipmentRow> {
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

/// The shipment behind a token, locked for the rest of the transaction; the token is checked
/// again under the lock (it may have been rotated a moment ago).
pub fn locked_by_token(c: &mut Conn, token: &str) -> ApiResult<Locked> {
    let row = by_token(c, token)?;
    let locked = door::lock(c, &row.id)?;
    if locked.ship.tracking_token_hash != crate::ids::secret_hash(token) {
        return Err(not_found());
    }
    Ok(locked)
}

fn can_update_contact(s: Status) -> bool {
    !s.is_final()
}

const RESCHEDULED: &str = "shipment.rescheduled";

fn can_reschedule(s: Status) -> bool {
    matches!(
        s,
        Status::Created | Status::AtSupplier | Status::WithCourier
    )
}

pub fn view(
    c: &mut Conn,
    row: ShipmentRow,
    radius_m: f64,
    redelivery_horizon_days: i32,
    secrets: &Keyring,
    now: NaiveDateTime,
) -> ApiResult<TrackingView> {
    let status = row.status();
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
    let events: Vec<(String, serde_json::Value, NaiveDateTime)> = events
        .into_iter()
        .map(|(kind, data, at)| (kind, serde_json::from_str(&data).unwrap_or_default(), at))
        .collect();
    let told: Vec<(&str, &serde_json::Value, NaiveDateTime)> = events
        .iter()
        .map(|(k, d, at)| (k.as_str(), d, *at))
        .collect();
    let story = custody_story(&told, &row.marketplace_id, row.created_at, status);
    let loss = Loss::decode(row.loss.as_deref());

    // Every organisation the page names, in one query: the marketplace, the courier, the
    // receivers of the hand-offs on the timeline, and where custody was last confirmed.
    let mut ids: Vec<&str> = vec![row.marketplace_id.as_str(), story.last_confirmed.0.as_str()];
    ids.extend(row.courier_id.as_deref());
    ids.extend(
        told.iter()
            .filter(|(k, _, _)| *k == "handoff.requested")
            .filter_map(|(_, d, _)| d.get("to_org_id").and_then(|v| v.as_str())),
    );
    if let Some(l) = &loss {
        ids.push(&l.last_confirmed.org_id);
        ids.extend(l.in_transit.as_ref().map(|b| b.to_org_id.as_str()));
    }
    ids.sort_unstable();
    ids.dedup();
    let names: Vec<(String, String)> = orgs::table
        .filter(orgs::id.eq_any(&ids))
        .select((orgs::id, orgs::name))
        .load(c)?;
    let org_name = |id: &str| names.iter().find(|(i, _)| i == id).map(|(_, n)| n.clone());
    let name_of = |id: &str| org_name(id).unwrap_or_default();
    let marketplace_name = name_of(&row.marketplace_id);
    // The carrier is named once it accepted the parcel, not when it was merely chosen.
    let courier_name = row
        .courier_id
        .as_deref()
        .filter(|_| story.courier_accepted)
        .and_then(org_name);
    let handover = story.waiting.as_ref().map(|w| LinkHandover {
        to: w.to,
        to_name: name_of(&w.to_org_id),
        requested_at: w.requested_at.and_utc(),
        custody_gap: w.custody_gap,
    });
    let loss = loss.filter(|_| status == Status::Lost).map(|l| LinkLoss {
        last_confirmed: LastConfirmed {
            with_name: name_of(&l.last_confirmed.org_id),
            at: l.last_confirmed.since,
        },
        never_accepted: l.in_transit.map(|b| LinkHandover {
            to: b.to,
            to_name: name_of(&b.to_org_id),
            requested_at: b.requested_at,
            custody_gap: b.custody_gap,
        }),
    });
    let last_confirmed = match &loss {
        Some(l) => l.last_confirmed.clone(),
        None => LastConfirmed {
            with_name: name_of(&story.last_confirmed.0),
            at: story.last_confirmed.1.and_utc(),
        },
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
    let timeline = events
        .into_iter()
        .map(|(kind, data, at)| {
            let to = data.get("to_status").or_else(|| data.get("status"));
            let keep: &[&str] = match kind.as_str() {
                "contact_attempt.recorded" => &["channel", "outcome", "occurred_at"],
                "attempt.recorded" => &["outcome", "flags", "distance_m", "verified"],
                "handoff.requested" | "handoff.accepted" => &["to"],
                "dispute.opened" | "dispute.resolved" => &["reason", "resolution", "remedy"],
                "redelivery.proposed" | "redelivery.chosen" => &["window"],
                "shipment.eta" => &["eta"],
                "attempt.photo_added" => &["kind"],
                _ => &[],
            };
            let mut detail: serde_json::Map<String, serde_json::Value> = keep
                .iter()
                .filter_map(|k| data.get(*k).map(|v| ((*k).to_owned(), v.clone())))
                .collect();
            // The receiving organisation by its display name (never a person's contact data).
            if kind == "handoff.requested"
                && let Some(name) = data
                    .get("to_org_id")
                    .and_then(|v| v.as_str())
                    .and_then(org_name)
            {
                detail.insert("to_name".to_owned(), serde_json::Value::String(name));
            }
            TimelineEntry {
                status: to.and_then(|v| v.as_str()).and_then(Status::parse),
                kind,
                at: at.and_utc(),
                detail: (!detail.is_empty()).then_some(serde_json::Value::Object(detail)),
            }
        })
        .collect();
    let consented = row.early_consent_at.is_some();
    let attempts = crate::attempts::service::attempts_of(
        c,
        &row,
        radius_m,
        crate::access::AttemptFields::CUSTOMER,
    )?;
    let disputes = crate::disputes::store::for_shipment(c, &row.id)?
        .into_iter()
        .map(Into::into)
        .collect();
    let eta = row.eta_at.map(|t| t.and_utc());
    let rating = crate::ratings::store::for_shipment(c, &row.id)?;
    let can_rate = crate::ratings::service::may_rate_now(
        status,
        attempts.last().map(|a| a.occurred_at.naive_utc()),
        rating.as_ref().map(|r| r.created_at),
        now,
    );
    let driver_rating = match &row.driver_id {
        Some(d) => crate::ratings::service::driver_average(c, d)?,
        None => None,
    };
    let handover_pin = door::open_pin(secrets, row.handover_pin.as_deref())?
        .filter(|_| !status.is_final() && row.pin_locked_at.is_none());
    let reference = row.reference.clone();
    let erased = row.contact_erased_at.is_some();
    let can_choose_redelivery = crate::redelivery::service::may_choose(&row);
    let notifications = row.notify_link.as_ref().map(|_| {
        let ch = crate::channels::Channels::decode(row.notify_channels.as_deref());
        crate::notifications::model::NotificationChannels {
            email: ch.email,
            sms: ch.sms,
        }
    });
    let shipment: Shipment = Shipment::view(row, ContactFields::ALL);
    Ok(TrackingView {
        reference,
        status,
        window: shipment.window,
        time_zone: shipment.time_zone,
        early_consent: consented,
        notifications,
        marketplace_name,
        courier_name,
        driver_first_name,
        eta,
        live: None,
        slots: None,
        handover,
        last_confirmed: Some(last_confirmed),
        loss,
        handover_pin,
        recipient: shipment.recipient.filter(|_| !erased),
        preferences: shipment.preferences,
        can_update_contact: can_update_contact(status) && !erased,
        can_reschedule: can_reschedule(status),
        can_choose_redelivery,
        redelivery: shipment.redelivery,
        redelivery_horizon_days,
        timeline,
        attempts,
        disputes,
        driver_rating,
        rating: rating.as_ref().map(Into::into),
        can_rate,
    })
}

/// Apply the customer's contact changes (the JSON route and the tracking page).
pub fn apply_contact(
    c: &mut Conn,
    locked: &mut Locked,
    input: ContactUpdate,
    now: NaiveDateTime,
) -> ApiResult<()> {
    let row = &locked.ship;
    if !can_update_contact(row.status()) || row.contact_erased_at.is_some() {
        return Err(ApiError::Conflict(format!(
            "the parcel is {}; contact details can no longer change",
            row.status().as_str()
        )));
    }
    let (changes, touched) = input.changes(&row.country).map_err(ApiError::Validation)?;
    // The row as it will be written, for the digest below.
    let mut after = locked.ship.clone();
    Patch::Contact(changes.clone()).apply(&mut after);
    // The event names the fields, never their values: every party sees the timeline. The
    // evidence chain gets a salted digest of the new values (see the book: operators/evidence.md).
    let data = json!({"fields": touched,
        "contact_digest": crate::evidence::facts::recipient_digest(&after)});
    let change = Change::new(By::Customer, now)
        .patch(Patch::Contact(changes))
        .event("shipment.contact_updated", data);
    door::apply(c, locked, change)?;
    Ok(())
}

/// Move the promised window as the customer asks (the JSON route and the tracking page).
pub fn apply_reschedule(
    c: &mut Conn,
    locked: &mut Locked,
    input: NewWindow,
    now: NaiveDateTime,
) -> ApiResult<()> {
    let row = &locked.ship;
    if !can_reschedule(row.status()) {
        let after_failure = if row.status() == Status::AttemptFailed {
            "; choose the re-delivery window instead (POST …/redelivery)"
        } else {
            ""
        };
        return Err(ApiError::Conflict(format!(
            "the parcel is {}; it can no longer be rescheduled{after_failure}",
            row.status().as_str()
        )));
    }
    let input = input.window;
    let (start, end) = (input.start.naive_utc(), input.end.naive_utc());
    match crate::redelivery::service::hold_slot(c, locked, start, end, now)? {
        Held::NoSlots => {
            let errors = super::rules::window_errors(start, end, now, super::rules::MAX_AHEAD_DAYS);
            if !errors.is_empty() {
                return Err(ApiError::Validation(errors));
            }
        }
        // The slot it holds, again: nothing changes (a double tap, a retry).
        Held::Already if (row.window_start, row.window_end) == (start, end) => return Ok(()),
        Held::Already | Held::Taken => {}
    }
    let row = &locked.ship;
    // Each change is an event and a webhook to the partners: a few, not a stream.
    let done = crate::shipments::store::event_times(c, &row.id, RESCHEDULED)?.len();
    if done >= super::rules::MAX_RESCHEDULES {
        return Err(ApiError::Conflict(format!(
            "this parcel was already rescheduled {done} times; contact the shop to change it again"
        )));
    }
    let data = json!({
        "old_window": {"start": row.window_start.and_utc(), "end": row.window_end.and_utc()},
        "new_window": {"start": input.start, "end": input.end},
    });
    // The window moves the on-time counters: the door recomputes them from the row.
    let window = Patch::Window {
        start: input.start.naive_utc(),
        end: input.end.naive_utc(),
    };
    let change = Change::new(By::Customer, now)
        .patch(window)
        .event(RESCHEDULED, data);
    door::apply(c, locked, change)?;
    Ok(())
}

/// Record the customer's consent to an early delivery; idempotent.
pub fn apply_early_consent(c: &mut Conn, locked: &mut Locked, now: NaiveDateTime) -> ApiResult<()> {
    let row = &locked.ship;
    if row.status().is_final() {
        return Err(ApiError::Conflict(format!(
            "the parcel is {}",
            row.status().as_str()
        )));
    }
    if row.early_consent_at.is_none() {
        let change = Change::new(By::Customer, now)
            .patch(Patch::EarlyConsent(Some(now)))
            .event("shipment.early_consent", json!({}));
        door::apply(c, locked, change)?;
    }
    Ok(())
}

/// Record that the customer declines an early delivery (withdrawing a consent given before):
/// the promised window stays, and a visit before it is flagged `early_without_consent`.
pub fn apply_early_decline(c: &mut Conn, locked: &mut Locked, now: NaiveDateTime) -> ApiResult<()> {
    let row = &locked.ship;
    if row.status().is_final() {
        return Err(ApiError::Conflict(format!(
            "the parcel is {}",
            row.status().as_str()
        )));
    }
    let mut change = Change::new(By::Customer, now).event("shipment.early_declined", json!({}));
    if row.early_consent_at.is_some() {
        change = change.patch(Patch::EarlyConsent(None));
    }
    door::apply(c, locked, change)?;
    Ok(())
}

/// The parcel as the customer sees it, by token: the shipment and its terms in one statement,
/// then the view cached for its version, or built (and cached).
pub fn track(
    c: &mut Conn,
    views: &ViewCache,
    secrets: &Keyring,
    token: &str,
    now: NaiveDateTime,
) -> ApiResult<TrackingView> {
    if !token.starts_with(TOKEN_PREFIX) || token.len() > 100 {
        return Err(not_found());
    }
    let read =
        door::read_by_token_hash(c, &crate::ids::secret_hash(token))?.ok_or_else(not_found)?;
    let (id, version) = (read.ship.id.clone(), read.ship.version);
    // The approach moves without the shipment: read with the row, never cached in the view.
    let live = crate::live::rules::shown(read.live_estimates.as_deref(), &id, now);
    // Free places move without the shipment too.
    let open = crate::redelivery::service::may_choose(&read.ship)
        || (can_reschedule(read.ship.status()) && read.ship.contact_erased_at.is_none());
    let slots = crate::redelivery::service::offered(c, &read.ship, &read.terms, now, open)?;
    let mut v = match views.get(&id, version) {
        Some(v) => v,
        None => {
            let v = view(
                c,
                read.ship,
                read.terms.radius_m,
                read.terms.redelivery_horizon_days,
                secrets,
                now,
            )?;
            views.put(&id, version, &v);
            v
        }
    };
    v.live = live;
    v.slots = slots;
    Ok(v)
}

/// The parcel as the customer sees it, by shipment id.
pub fn view_of(
    c: &mut Conn,
    secrets: &Keyring,
    id: &str,
    now: NaiveDateTime,
) -> ApiResult<TrackingView> {
    let read = door::read(c, id)?.ok_or_else(not_found)?;
    view(
        c,
        read.ship,
        read.terms.radius_m,
        read.terms.redelivery_horizon_days,
        secrets,
        now,
    )
}
