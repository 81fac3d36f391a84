use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use super::model::{DeliveryRow, SubscriptionRow, TryRow};
use crate::db::Conn;
use crate::db::backend::load_skip_locked;
use crate::db::schema::{
    handoffs, shipment_events, webhook_deliveries, webhook_subscriptions, webhook_tries,
};
use crate::pagination::PageRequest;

pub fn insert(conn: &mut Conn, row: &SubscriptionRow) -> QueryResult<()> {
    diesel::insert_into(webhook_subscriptions::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn find(conn: &mut Conn, id: &str) -> QueryResult<Option<SubscriptionRow>> {
    webhook_subscriptions::table
        .find(id)
        .select(SubscriptionRow::as_select())
        .first(conn)
        .optional()
}

/// Subscriptions counting towards an org's cap: all but deleted ones (paused and disabled ones
/// may be switched on again).
pub fn count_kept(conn: &mut Conn, org_id: &str) -> QueryResult<i64> {
    webhook_subscriptions::table
        .filter(webhook_subscriptions::org_id.eq(org_id))
        .filter(
            webhook_subscriptions::disabled_reason
                .is_null()
                .or(webhook_subscriptions::disabled_reason.ne("deleted")),
        )
        .count()
        .get_result(conn)
}

pub fn find_many(conn: &mut Conn, ids: &[String]) -> QueryResult<Vec<SubscriptionRow>> {
    webhook_subscriptions::table
        .filter(webhook_subscriptions::id.eq_any(ids))
        .select(SubscriptionRow::as_select())
        .load(conn)
}

pub fn list(
    conn: &mut Conn,
    page: &PageRequest,
    org_id: &str,
) -> QueryResult<Vec<SubscriptionRow>> {
    let mut q = webhook_subscriptions::table
        .filter(webhook_subscriptions::org_id.eq(org_id.to_owned()))
        .order(webhook_subscriptions::id.asc())
        .limit(page.limit + 1)
        .select(SubscriptionRow::as_select())
        .into_boxed();
    if let Some(after) = &page.after {
        q = q.filter(webhook_subscriptions::id.gt(after.clone()));
    }
    q.load(conn)
}

pub fn save(conn: &mut Conn, row: &SubscriptionRow) -> QueryResult<()> {
    diesel::update(webhook_subscriptions::table.find(&row.id))
        .set((
            webhook_subscriptions::url.eq(&row.url),
            webhook_subscriptions::description.eq(&row.description),
            webhook_subscriptions::event_types.eq(&row.event_types),
            webhook_subscriptions::secret.eq(&row.secret),
            webhook_subscriptions::previous_secret.eq(&row.previous_secret),
            webhook_subscriptions::previous_secret_expires_at.eq(row.previous_secret_expires_at),
            webhook_subscriptions::secret_key_id.eq(&row.secret_key_id),
            webhook_subscriptions::previous_secret_key_id.eq(&row.previous_secret_key_id),
            webhook_subscriptions::active.eq(row.active),
            webhook_subscriptions::disabled_reason.eq(&row.disabled_reason),
            webhook_subscriptions::updated_at.eq(row.updated_at),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Deleting keeps the delivery log: the subscription is deactivated and its pending deliveries die.
pub fn delete(conn: &mut Conn, id: &str, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(webhook_subscriptions::table.find(id))
        .set((
            webhook_subscriptions::active.eq(false),
            webhook_subscriptions::disabled_reason.eq("deleted"),
            webhook_subscriptions::updated_at.eq(now),
        ))
        .execute(conn)?;
    diesel::update(
        webhook_deliveries::table
            .filter(webhook_deliveries::subscription_id.eq(id))
            .filter(webhook_deliveries::status.eq("pending")),
    )
    .set(webhook_deliveries::status.eq("dead"))
    .execute(conn)
    .map(|_| ())
}

pub fn active_for_orgs(conn: &mut Conn, orgs: &[String]) -> QueryResult<Vec<SubscriptionRow>> {
    webhook_subscriptions::table
        .filter(webhook_subscriptions::org_id.eq_any(orgs))
        .filter(webhook_subscriptions::active.eq(true))
        .select(SubscriptionRow::as_select())
        .load(conn)
}

pub fn insert_delivery(conn: &mut Conn, row: &DeliveryRow) -> QueryResult<()> {
    diesel::insert_into(webhook_deliveries::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn find_delivery(conn: &mut Conn, id: &str) -> QueryResult<Option<DeliveryRow>> {
    webhook_deliveries::table
        .find(id)
        .select(DeliveryRow::as_select())
        .first(conn)
        .optional()
}

pub fn deliveries(
    conn: &mut Conn,
    subscription_id: &str,
    page: &PageRequest,
) -> QueryResult<Vec<DeliveryRow>> {
    let mut q = webhook_deliveries::table
        .filter(webhook_deliveries::subscription_id.eq(subscription_id.to_owned()))
        .order(webhook_deliveries::id.asc())
        .limit(page.limit + 1)
        .select(DeliveryRow::as_select())
        .into_boxed();
    if let Some(after) = &page.after {
        q = q.filter(webhook_deliveries::id.gt(after.clone()));
    }
    q.load(conn)
}

pub fn tries_of(conn: &mut Conn, delivery_ids: &[String]) -> QueryResult<Vec<TryRow>> {
    webhook_tries::table
        .filter(webhook_tries::delivery_id.eq_any(delivery_ids))
        .order(webhook_tries::id.asc())
        .select(TryRow::as_select())
        .load(conn)
}

/// A timeline event not yet turned into webhook deliveries.
#[derive(Debug, Clone, Queryable)]
pub struct PendingEvent {
    pub id: String,
    pub shipment_id: String,
    pub kind: String,
    /// JSON.
    pub data: String,
    pub created_at: NaiveDateTime,
}

/// Undispatched timeline events, oldest first. On PostgreSQL the rows are locked with SKIP
/// LOCKED so several servers fan out disjoint sets.
pub fn undispatched(conn: &mut Conn, limit: i64) -> QueryResult<Vec<PendingEvent>> {
    let q = shipment_events::table
        // `NOT dispatched`, not `dispatched = $1`: a bound value cannot match the partial
        // index `WHERE dispatched = FALSE` in a cached plan, which then scans every event.
        .filter(diesel::dsl::not(shipment_events::dispatched))
        .order((shipment_events::created_at.asc(), shipment_events::id.asc()))
        .limit(limit)
        .select((
            shipment_events::id,
            shipment_events::shipment_id,
            shipment_events::kind,
            shipment_events::data,
            shipment_events::created_at,
        ));
    load_skip_locked!(conn, q)
}

pub fn mark_dispatched(conn: &mut Conn, ids: &[String]) -> QueryResult<usize> {
    diesel::update(shipment_events::table.filter(shipment_events::id.eq_any(ids)))
        .set(shipment_events::dispatched.eq(true))
        .execute(conn)
}

/// Orgs with due deliveries nobody holds, and how many each has.
pub fn due_by_org(conn: &mut Conn, now: NaiveDateTime) -> QueryResult<Vec<(String, i64)>> {
    webhook_deliveries::table
        .inner_join(webhook_subscriptions::table)
        .filter(webhook_deliveries::status.eq("pending"))
        .filter(webhook_deliveries::next_try_at.le(now))
        .filter(
            webhook_deliveries::locked_until
                .is_null()
                .or(webhook_deliveries::locked_until.lt(now)),
        )
        .group_by(webhook_subscriptions::org_id)
        .select((webhook_subscriptions::org_id, diesel::dsl::count_star()))
        .load(conn)
}

/// Claim up to `limit` of an org's due deliveries, oldest first, for `lease`: nobody else sends
/// them until the result is recorded or the lease runs out. On PostgreSQL, `FOR UPDATE SKIP
/// LOCKED` lets several servers claim disjoint sets.
pub fn claim(
    conn: &mut Conn,
    org_id: &str,
    now: NaiveDateTime,
    limit: i64,
    lease: Duration,
) -> QueryResult<Vec<DeliveryRow>> {
    // A sub-select, not a join: only the deliveries are locked, never the subscription.
    let of_org = webhook_subscriptions::table
        .filter(webhook_subscriptions::org_id.eq(org_id))
        .select(webhook_subscriptions::id);
    let ids = crate::jobs::claim_due!(
        conn,
        webhook_deliveries,
        ["pending"],
        now,
        limit,
        lease,
        where webhook_deliveries::subscription_id.eq_any(of_org)
    );
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    webhook_deliveries::table
        .filter(webhook_deliveries::id.eq_any(&ids))
        .select(DeliveryRow::as_select())
        .load(conn)
}

/// What one try came to.
#[derive(Debug, Clone)]
pub struct TryResult {
    pub status_code: Option<i32>,
    pub error: Option<String>,
    pub latency_ms: i32,
}

/// The tries of one round, in one statement.
pub fn insert_tries(conn: &mut Conn, tries: &[TryRow]) -> QueryResult<()> {
    for chunk in tries.chunks(500) {
        crate::db::backend::per_backend!(conn, |c| diesel::insert_into(webhook_tries::table)
            .values(chunk)
            .execute(c))?;
    }
    Ok(())
}

/// What one try of `d` is kept as (inserted with the round's others by [`insert_tries`]).
pub fn try_row(d: &DeliveryRow, r: &TryResult, now: NaiveDateTime) -> TryRow {
    TryRow {
        id: crate::ids::new_id("wtr"),
        delivery_id: d.id.clone(),
        at: now,
        status_code: r.status_code,
        error: r.error.clone(),
        latency_ms: r.latency_ms,
    }
}

/// Settle a delivery after a try; `next` is when to try again (`None`: give up), used only on
/// failure.
pub fn settle(
    conn: &mut Conn,
    d: &DeliveryRow,
    r: &TryResult,
    now: NaiveDateTime,
    delivered: bool,
    next: Option<NaiveDateTime>,
) -> QueryResult<()> {
    let status = match (delivered, next) {
        (true, _) => "delivered",
        (false, Some(_)) => "pending",
        (false, None) => "dead",
    };
    diesel::update(webhook_deliveries::table.find(&d.id))
        .set((
            webhook_deliveries::status.eq(status),
            webhook_deliveries::tries.eq(d.tries + 1),
            webhook_deliveries::next_try_at.eq(next.unwrap_or(d.next_try_at)),
            webhook_deliveries::locked_until.eq(None::<NaiveDateTime>),
            webhook_deliveries::last_status_code.eq(r.status_code),
            webhook_deliveries::last_error.eq(&r.error),
            webhook_deliveries::last_latency_ms.eq(r.latency_ms),
            webhook_deliveries::delivered_at.eq(delivered.then_some(now)),
        ))
        .execute(conn)
        .map(|_| ())
}

pub fn disable(conn: &mut Conn, id: &str, reason: &str, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(webhook_subscriptions::table.find(id))
        .set((
            webhook_subscriptions::active.eq(false),
            webhook_subscriptions::disabled_reason.eq(reason),
            webhook_subscriptions::updated_at.eq(now),
        ))
        .execute(conn)?;
    diesel::update(
        webhook_deliveries::table
            .filter(webhook_deliveries::subscription_id.eq(id))
            .filter(webhook_deliveries::status.eq("pending")),
    )
    .set(webhook_deliveries::status.eq("dead"))
    .execute(conn)
    .map(|_| ())
}

/// Due again now. A lease still held stays: a send in flight is never doubled by a retry.
pub fn retry(conn: &mut Conn, id: &str, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(webhook_deliveries::table.find(id))
        .set((
            webhook_deliveries::status.eq("pending"),
            webhook_deliveries::next_try_at.eq(now),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Pending hand-offs past due whose gap has not been reported: (handoff id, shipment id).
pub fn unreported_gaps(
    conn: &mut Conn,
    now: NaiveDateTime,
    limit: i64,
) -> QueryResult<Vec<(String, String)>> {
    handoffs::table
        .filter(handoffs::status.eq("pending"))
        .filter(handoffs::due_at.lt(now))
        .filter(handoffs::gap_reported_at.is_null())
        .order(handoffs::due_at.asc())
        .limit(limit)
        .select((handoffs::id, handoffs::shipment_id))
        .load(conn)
}

pub fn mark_gap_reported(conn: &mut Conn, id: &str, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(
        handoffs::table
            .find(id)
            .filter(handoffs::gap_reported_at.is_null()),
    )
    .set(handoffs::gap_reported_at.eq(now))
    .execute(conn)
}

/// Every subscription's stored secrets: (id, secret, its key id, previous secret, its key id).
pub type StoredSecrets = (
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
);

pub fn all_secrets(conn: &mut Conn) -> QueryResult<Vec<StoredSecrets>> {
    webhook_subscriptions::table
        .order(webhook_subscriptions::id.asc())
        .select((
            webhook_subscriptions::id,
            webhook_subscriptions::secret,
            webhook_subscriptions::secret_key_id,
            webhook_subscriptions::previous_secret,
            webhook_subscriptions::previous_secret_key_id,
        ))
        .load(conn)
}

pub fn set_secrets(conn: &mut Conn, s: &StoredSecrets) -> QueryResult<()> {
    diesel::update(webhook_subscriptions::table.find(&s.0))
        .set((
            webhook_subscriptions::secret.eq(&s.1),
            webhook_subscriptions::secret_key_id.eq(&s.2),
            webhook_subscriptions::previous_secret.eq(&s.3),
            webhook_subscriptions::previous_secret_key_id.eq(&s.4),
        ))
        .execute(conn)
        .map(|_| ())
}
