use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use super::model::NotificationRow;
use crate::db::Conn;
use crate::db::backend::per_backend;
use crate::db::schema::{notifications, shipment_events};
use crate::pagination::PageRequest;

/// The outbox rows of one change, in one multi-row insert (none: no statement). A row for an
/// event and channel already queued is skipped (the dedupe key).
pub fn insert_many(conn: &mut Conn, rows: &[NotificationRow]) -> QueryResult<()> {
    if rows.is_empty() {
        return Ok(());
    }
    use notifications as n;
    // Every column given (None as NULL, not DEFAULT): SQLite's multi-row insert needs it.
    let values: Vec<_> = rows
        .iter()
        .map(|r| {
            (
                n::id.eq(&r.id),
                n::shipment_id.eq(&r.shipment_id),
                n::event_id.eq(&r.event_id),
                n::channel.eq(&r.channel),
                n::recipient.eq(r.recipient.as_deref()),
                n::subject.eq(r.subject.as_deref()),
                n::body.eq(r.body.as_deref()),
                n::lang.eq(&r.lang),
                n::status.eq(&r.status),
                n::tries.eq(r.tries),
                n::next_try_at.eq(r.next_try_at),
                n::locked_until.eq(r.locked_until),
                n::last_error.eq(r.last_error.as_deref()),
                n::created_at.eq(r.created_at),
                n::sent_at.eq(r.sent_at),
            )
        })
        .collect();
    per_backend!(conn, |c| diesel::insert_into(notifications::table)
        .values(&values)
        .on_conflict((notifications::event_id, notifications::channel))
        .do_nothing()
        .execute(c))
    .map(|_| ())
}

/// Claim up to `limit` due messages nobody holds, for `lease` (SKIP LOCKED on PostgreSQL).
pub fn claim(
    conn: &mut Conn,
    now: NaiveDateTime,
    limit: i64,
    lease: Duration,
) -> QueryResult<Vec<NotificationRow>> {
    let ids = crate::jobs::claim_due!(
        conn,
        notifications,
        ["pending", "failed"],
        now,
        limit,
        lease
    );
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    notifications::table
        .filter(notifications::id.eq_any(&ids))
        .select(NotificationRow::as_select())
        .load(conn)
}

/// A shipment's time zone and status (an SMS retry's quiet hours).
pub fn zone_and_status(
    conn: &mut Conn,
    shipment_id: &str,
) -> QueryResult<Option<(String, String)>> {
    use crate::db::schema::shipments;
    shipments::table
        .find(shipment_id)
        .select((shipments::time_zone, shipments::status))
        .first(conn)
        .optional()
}

/// The shipment's tracking link for messages, sealed (`None`: erased, or no messages).
pub fn sealed_link(conn: &mut Conn, shipment_id: &str) -> QueryResult<Option<String>> {
    use crate::db::schema::shipments;
    shipments::table
        .find(shipment_id)
        .select(shipments::notify_link)
        .first::<Option<String>>(conn)
        .optional()
        .map(Option::flatten)
}

/// The event kind a message tells.
pub fn event_kind(conn: &mut Conn, event_id: &str) -> QueryResult<Option<String>> {
    shipment_events::table
        .find(event_id)
        .select(shipment_events::kind)
        .first(conn)
        .optional()
}

/// Messages sent to a shipment's customer that tell one of `kinds` (`inside`) or any other.
pub fn sent_count_of(
    conn: &mut Conn,
    shipment_id: &str,
    kinds: &[&str],
    inside: bool,
) -> QueryResult<i64> {
    let events = shipment_events::table
        .filter(shipment_events::shipment_id.eq(shipment_id))
        .filter(shipment_events::kind.eq_any(kinds))
        .select(shipment_events::id);
    let sent = notifications::table
        .filter(notifications::shipment_id.eq(shipment_id))
        .filter(notifications::status.eq("sent"));
    if inside {
        sent.filter(notifications::event_id.eq_any(events))
            .count()
            .get_result(conn)
    } else {
        sent.filter(notifications::event_id.ne_all(events))
            .count()
            .get_result(conn)
    }
}

/// The shipment's other messages on `channel` that tell an ETA: (id, sent at).
pub fn eta_messages(
    conn: &mut Conn,
    shipment_id: &str,
    channel: &str,
    except: &str,
) -> QueryResult<Vec<(String, Option<NaiveDateTime>)>> {
    let etas = shipment_events::table
        .filter(shipment_events::shipment_id.eq(shipment_id))
        .filter(shipment_events::kind.eq("shipment.eta"))
        .select(shipment_events::id);
    notifications::table
        .filter(notifications::shipment_id.eq(shipment_id))
        .filter(notifications::channel.eq(channel))
        .filter(notifications::id.ne(except))
        .filter(notifications::status.eq_any(["pending", "failed", "sent"]))
        .filter(notifications::event_id.eq_any(etas))
        .select((notifications::id, notifications::sent_at))
        .load(conn)
}

/// Messages sent to this address or number since `since`, whatever the shipment.
pub fn sent_to_since(conn: &mut Conn, recipient: &str, since: NaiveDateTime) -> QueryResult<i64> {
    notifications::table
        .filter(notifications::recipient.eq(recipient))
        .filter(notifications::status.eq("sent"))
        .filter(notifications::sent_at.ge(since))
        .count()
        .get_result(conn)
}

/// Put a message back to wait until `at` (an ETA held for its half hour), not counted as a try.
pub fn hold(conn: &mut Conn, id: &str, at: NaiveDateTime) -> QueryResult<()> {
    diesel::update(notifications::table.find(id))
        .set((
            notifications::next_try_at.eq(at),
            notifications::locked_until.eq(None::<NaiveDateTime>),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Record a try: `sent`, retried at `next` (`failed`), or given up (`dead`).
pub fn record(
    conn: &mut Conn,
    id: &str,
    now: NaiveDateTime,
    outcome: Result<(), (String, Option<NaiveDateTime>)>,
) -> QueryResult<()> {
    let row = notifications::table.find(id);
    match outcome {
        Ok(()) => diesel::update(row)
            .set((
                notifications::status.eq("sent"),
                notifications::tries.eq(notifications::tries + 1),
                notifications::sent_at.eq(now),
                notifications::locked_until.eq(None::<NaiveDateTime>),
                notifications::last_error.eq(None::<String>),
            ))
            .execute(conn),
        // A row given up meanwhile (the customer opted out, retention erased it) stays dead: a
        // failed try must not bring it back to be retried.
        Err((error, next)) => {
            diesel::update(row.filter(notifications::status.eq_any(["pending", "failed"])))
                .set((
                    notifications::status.eq(if next.is_some() { "failed" } else { "dead" }),
                    notifications::tries.eq(notifications::tries + 1),
                    notifications::next_try_at.eq(next.unwrap_or(now)),
                    notifications::locked_until.eq(None::<NaiveDateTime>),
                    notifications::last_error.eq(error),
                ))
                .execute(conn)
        }
    }
    .map(|_| ())
}

/// Give a message up without trying it (cap reached, contact erased).
pub fn give_up(conn: &mut Conn, id: &str, why: &str) -> QueryResult<()> {
    diesel::update(notifications::table.find(id))
        .set((
            notifications::status.eq("dead"),
            notifications::locked_until.eq(None::<NaiveDateTime>),
            notifications::last_error.eq(why),
        ))
        .execute(conn)
        .map(|_| ())
}

/// A page of a shipment's messages, oldest first.
pub fn list(
    conn: &mut Conn,
    shipment_id: &str,
    page: &PageRequest,
) -> QueryResult<Vec<NotificationRow>> {
    let mut q = notifications::table
        .filter(notifications::shipment_id.eq(shipment_id))
        .select(NotificationRow::as_select())
        .order(notifications::id.asc())
        .limit(page.limit + 1)
        .into_boxed();
    if let Some(after) = &page.after {
        q = q.filter(notifications::id.gt(after.clone()));
    }
    q.load(conn)
}

/// Erase recipients and texts with the contact data; messages still waiting are given up.
pub fn erase(conn: &mut Conn, shipment_id: &str) -> QueryResult<()> {
    let of = notifications::table.filter(notifications::shipment_id.eq(shipment_id));
    diesel::update(of.filter(notifications::status.eq_any(["pending", "failed"])))
        .set((
            notifications::status.eq("dead"),
            notifications::last_error.eq("contact data erased"),
        ))
        .execute(conn)?;
    diesel::update(of)
        .set((
            notifications::recipient.eq(None::<String>),
            notifications::subject.eq(None::<String>),
            notifications::body.eq(None::<String>),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Gives up the messages still waiting on channels the customer switched off.
pub fn give_up_channels(conn: &mut Conn, shipment_id: &str, off: &[&str]) -> QueryResult<usize> {
    diesel::update(
        notifications::table
            .filter(notifications::shipment_id.eq(shipment_id))
            .filter(notifications::status.eq_any(["pending", "failed"]))
            .filter(notifications::channel.eq_any(off)),
    )
    .set((
        notifications::status.eq("dead"),
        notifications::last_error.eq("switched off by the customer"),
    ))
    .execute(conn)
}
