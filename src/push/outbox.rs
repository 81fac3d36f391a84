//! What the one door appends to the push outbox for a change: one push per pushed event and
//! subscription of its driver, written with the change. No statement unless an event of a
//! pushed kind has a driver to tell (none of them is on a budgeted hot path); then one read of
//! the driver's subscriptions (two for a dispute: whose attempt it is) and, when there are
//! any, one multi-row insert.

use chrono::NaiveDateTime;
use diesel::QueryResult;
use serde_json::Value;

use super::model::PushRow;
use super::rules::{self, Moment, Recipient};
use super::store;
use crate::db::Conn;

/// The shipment a change is about, as a push names it (the door fills it in: this module
/// knows no shipment row, so the door may call it without a loop).
pub struct Parcel<'a> {
    pub id: &'a str,
    pub reference: &'a str,
    pub driver_id: Option<&'a str>,
}

/// One event of the change: its id, kind and JSON data.
pub struct Event<'a> {
    pub id: &'a str,
    pub kind: &'a str,
    pub data: &'a str,
}

/// Append the pushes `events` (this change's) call for.
pub fn queue(
    c: &mut Conn,
    ship: &Parcel<'_>,
    events: &[Event<'_>],
    at: NaiveDateTime,
) -> QueryResult<()> {
    if !events.iter().any(|e| rules::may_push(e.kind)) {
        return Ok(());
    }
    let wanted: Vec<(&Event<'_>, Value, Moment, Recipient)> = events
        .iter()
        .filter(|e| rules::may_push(e.kind))
        .filter_map(|e| {
            let data: Value = serde_json::from_str(e.data).unwrap_or_default();
            let (moment, to) = rules::pushed(e.kind, &data, ship.driver_id)?;
            Some((e, data, moment, to))
        })
        .collect();
    if wanted.is_empty() {
        return Ok(());
    }
    let attempts: Vec<String> = wanted
        .iter()
        .filter_map(|(.., to)| match to {
            Recipient::AttemptDriver(a) => Some(a.clone()),
            Recipient::Driver(_) => None,
        })
        .collect();
    let attempt_driver = if attempts.is_empty() {
        Vec::new()
    } else {
        store::attempt_drivers(c, &attempts)?
    };
    let driver_of = |to: &Recipient| -> Option<String> {
        match to {
            Recipient::Driver(d) => Some(d.clone()),
            Recipient::AttemptDriver(a) => attempt_driver
                .iter()
                .find(|(id, _)| id == a)
                .map(|(_, d)| d.clone()),
        }
    };
    let mut users: Vec<String> = wanted.iter().filter_map(|(.., to)| driver_of(to)).collect();
    users.sort();
    users.dedup();
    if users.is_empty() {
        return Ok(());
    }
    let subs = store::subscriptions_of(c, &users)?;
    let mut rows = Vec::new();
    for (event, data, moment, to) in &wanted {
        let Some(user) = driver_of(to) else {
            continue;
        };
        let payload = rules::payload(*moment, event.id, event.kind, data, ship.id, ship.reference)
            .to_string();
        for (sub, _) in subs.iter().filter(|(_, u)| *u == user) {
            rows.push(PushRow {
                id: crate::ids::new_id("psh"),
                subscription_id: sub.clone(),
                shipment_id: ship.id.to_owned(),
                event_id: event.id.to_owned(),
                kind: event.kind.to_owned(),
                payload: payload.clone(),
                status: "pending".to_owned(),
                tries: 0,
                next_try_at: at,
                locked_until: None,
                last_error: None,
                created_at: at,
                sent_at: None,
            });
        }
    }
    store::insert_many(c, &rows)
}
