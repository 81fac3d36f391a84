use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use super::model::{PushRow, SubscriptionRow};
use crate::db::Conn;
use crate::db::backend::per_backend;
use crate::db::schema::{delivery_attempts, push_outbox, push_subscriptions, users};
use crate::pagination::PageRequest;

/// `user_id`'s subscription of this endpoint (an endpoint is registered per driver).
pub fn find_by_endpoint(
    conn: &mut Conn,
    user_id: &str,
    endpoint: &str,
) -> QueryResult<Option<SubscriptionRow>> {
    push_subscriptions::table
        .filter(push_subscriptions::user_id.eq(user_id))
        .filter(push_subscriptions::endpoint.eq(endpoint))
        .select(SubscriptionRow::as_select())
        .first(conn)
        .optional()
}

/// Insert the subscription, or — the driver registered this endpoint already — give it the
/// new keys. Another driver's registration of the same endpoint is a row of its own.
pub fn upsert(conn: &mut Conn, row: &SubscriptionRow) -> QueryResult<()> {
    use push_subscriptions as s;
    per_backend!(conn, |c| diesel::insert_into(s::table)
        .values(row)
        .on_conflict((s::user_id, s::endpoint))
        .do_update()
        .set((
            s::p256dh.eq(&row.p256dh),
            s::auth.eq(&row.auth),
            s::updated_at.eq(row.updated_at),
        ))
        .execute(c))
    .map(|_| ())
}

/// The subscription, if it is `user_id`'s.
pub fn find_of(conn: &mut Conn, user_id: &str, id: &str) -> QueryResult<Option<SubscriptionRow>> {
    push_subscriptions::table
        .find(id)
        .filter(push_subscriptions::user_id.eq(user_id))
        .select(SubscriptionRow::as_select())
        .first(conn)
        .optional()
}

pub fn count_for(conn: &mut Conn, user_id: &str) -> QueryResult<i64> {
    push_subscriptions::table
        .filter(push_subscriptions::user_id.eq(user_id))
        .count()
        .get_result(conn)
}

/// A page of a driver's subscriptions, oldest first.
pub fn list(
    conn: &mut Conn,
    user_id: &str,
    page: &PageRequest,
) -> QueryResult<Vec<SubscriptionRow>> {
    let mut q = push_subscriptions::table
        .filter(push_subscriptions::user_id.eq(user_id))
        .select(SubscriptionRow::as_select())
        .order(push_subscriptions::id.asc())
        .limit(page.limit + 1)
        .into_boxed();
    if let Some(after) = &page.after {
        q = q.filter(push_subscriptions::id.gt(after.clone()));
    }
    q.load(conn)
}

/// Remove a subscription and the pushes still waiting for it. Returns whether it existed.
pub fn delete(conn: &mut Conn, id: &str) -> QueryResult<bool> {
    diesel::delete(push_outbox::table.filter(push_outbox::subscription_id.eq(id))).execute(conn)?;
    let n = diesel::delete(push_subscriptions::table.find(id)).execute(conn)?;
    Ok(n > 0)
}

/// (subscription id, user id) of every subscription of `users` still enabled (a disabled
/// driver's phone hears nothing more).
pub fn subscriptions_of(conn: &mut Conn, users: &[String]) -> QueryResult<Vec<(String, String)>> {
    push_subscriptions::table
        .inner_join(users::table)
        .filter(push_subscriptions::user_id.eq_any(users))
        .filter(users::disabled_at.is_null())
        .select((push_subscriptions::id, push_subscriptions::user_id))
        .order(push_subscriptions::id.asc())
        .load(conn)
}

/// (attempt id, driver id) of these delivery attempts.
pub fn attempt_drivers(conn: &mut Conn, attempts: &[String]) -> QueryResult<Vec<(String, String)>> {
    delivery_attempts::table
        .filter(delivery_attempts::id.eq_any(attempts))
        .select((delivery_attempts::id, delivery_attempts::driver_id))
        .load(conn)
}

/// The pushes of one change, in one multi-row insert (none: no statement). A push for an
/// event and subscription already queued is skipped (the dedupe key).
pub fn insert_many(conn: &mut Conn, rows: &[PushRow]) -> QueryResult<()> {
    if rows.is_empty() {
        return Ok(());
    }
    use push_outbox as p;
    // Every column given (None as NULL, not DEFAULT): SQLite's multi-row insert needs it.
    let values: Vec<_> = rows
        .iter()
        .map(|r| {
            (
                p::id.eq(&r.id),
                p::subscription_id.eq(&r.subscription_id),
                p::shipment_id.eq(&r.shipment_id),
                p::event_id.eq(&r.event_id),
                p::kind.eq(&r.kind),
                p::payload.eq(&r.payload),
                p::status.eq(&r.status),
                p::tries.eq(r.tries),
                p::next_try_at.eq(r.next_try_at),
                p::locked_until.eq(r.locked_until),
                p::last_error.eq(r.last_error.as_deref()),
                p::created_at.eq(r.created_at),
                p::sent_at.eq(r.sent_at),
            )
        })
        .collect();
    per_backend!(conn, |c| diesel::insert_into(push_outbox::table)
        .values(&values)
        .on_conflict((push_outbox::event_id, push_outbox::subscription_id))
        .do_nothing()
        .execute(c))
    .map(|_| ())
}

/// Claim up to `limit` due pushes nobody holds, for `lease` (SKIP LOCKED on PostgreSQL), each
/// with its subscription.
pub fn claim(
    conn: &mut Conn,
    now: NaiveDateTime,
    limit: i64,
    lease: Duration,
) -> QueryResult<Vec<(PushRow, SubscriptionRow)>> {
    let ids = crate::jobs::claim_due!(conn, push_outbox, ["pending", "failed"], now, limit, lease);
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    push_outbox::table
        .inner_join(push_subscriptions::table)
        .filter(push_outbox::id.eq_any(&ids))
        .select((PushRow::as_select(), SubscriptionRow::as_select()))
        .load(conn)
}

/// Record a try: `sent`, retried at `next` (`failed`), or given up (`dead`).
pub fn record(
    conn: &mut Conn,
    id: &str,
    now: NaiveDateTime,
    outcome: Result<(), (String, Option<NaiveDateTime>)>,
) -> QueryResult<()> {
    let row = push_outbox::table.find(id);
    match outcome {
        Ok(()) => diesel::update(row)
            .set((
                push_outbox::status.eq("sent"),
                push_outbox::tries.eq(push_outbox::tries + 1),
                push_outbox::sent_at.eq(now),
                push_outbox::locked_until.eq(None::<NaiveDateTime>),
                push_outbox::last_error.eq(None::<String>),
            ))
            .execute(conn),
        Err((error, next)) => diesel::update(row)
            .set((
                push_outbox::status.eq(if next.is_some() { "failed" } else { "dead" }),
                push_outbox::tries.eq(push_outbox::tries + 1),
                push_outbox::next_try_at.eq(next.unwrap_or(now)),
                push_outbox::locked_until.eq(None::<NaiveDateTime>),
                push_outbox::last_error.eq(error),
            ))
            .execute(conn),
    }
    .map(|_| ())
}

/// The subscriptions' auth secrets sealed again under the current key where `scope` asks
/// (`admin rotate-secret-key`, and `migrate` once a key is set): how many.
pub fn reseal(
    conn: &mut Conn,
    ring: &crate::secrets::Keyring,
    scope: crate::secrets::Scope,
) -> anyhow::Result<usize> {
    use crate::push::model::AUTH_CONTEXT;
    if ring.current_id().is_none() {
        return Ok(0);
    }
    conn.transaction::<_, anyhow::Error, _>(|c| {
        let all: Vec<(String, String)> = push_subscriptions::table
            .select((push_subscriptions::id, push_subscriptions::auth))
            .load(c)?;
        let mut changed = 0;
        for (id, auth) in all {
            if let Some(sealed) = ring.reseal_field(AUTH_CONTEXT, &auth, scope)? {
                diesel::update(push_subscriptions::table.find(&id))
                    .set(push_subscriptions::auth.eq(sealed))
                    .execute(c)?;
                changed += 1;
            }
        }
        Ok(changed)
    })
}
