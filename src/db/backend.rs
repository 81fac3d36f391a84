//! Every per-backend branch in one place: the row locks (an org for per-org caps; a shipment,
//! read with its contract terms), multi-row inserts and upserts (which diesel builds only for a
//! concrete backend), and `SKIP LOCKED` claims. Everything else is one query text for both
//! backends.

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Integer, Nullable, Text};

use super::Conn;
use crate::shipments::model::ShipmentRow;

/// Expands `$body` once per backend with `$c` bound to the concrete connection: the same
/// builder code type-checks for PostgreSQL and for SQLite.
macro_rules! per_backend {
    ($conn:expr, |$c:ident| $body:expr) => {
        match $conn {
            $crate::db::Conn::Pg($c) => $body,
            $crate::db::Conn::Sqlite($c) => $body,
        }
    };
}
pub(crate) use per_backend;

/// Load the rows of `$query` for a claim: on PostgreSQL locked with `FOR UPDATE SKIP LOCKED`,
/// so several servers claim disjoint sets; SQLite serialises writers and needs no lock.
macro_rules! load_skip_locked {
    ($conn:expr, $query:expr) => {
        match $conn {
            $crate::db::Conn::Pg(c) => $query.for_update().skip_locked().load(c),
            $crate::db::Conn::Sqlite(c) => $query.load(c),
        }
    };
}
pub(crate) use load_skip_locked;

/// A shipment's row as the one door reads it: locked until the transaction ends, with the facts
/// kept for its counters and the terms of its contracts, in one statement.
#[derive(Debug, Clone, QueryableByName)]
pub struct LockedShipmentRow {
    #[diesel(embed)]
    pub ship: ShipmentRow,
    #[diesel(sql_type = Nullable<Text>)]
    pub kpi_facts: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub kpi_contrib: Option<String>,
    /// The courier's active contract, if any.
    #[diesel(sql_type = Nullable<Integer>)]
    pub courier_radius_m: Option<i32>,
    #[diesel(sql_type = Nullable<BigInt>)]
    pub courier_pin_above_cents: Option<i64>,
    #[diesel(sql_type = Nullable<Integer>)]
    pub courier_retention_days: Option<i32>,
    #[diesel(sql_type = Nullable<Integer>)]
    pub courier_redelivery_horizon_days: Option<i32>,
    /// The supplier's active contract, if any.
    #[diesel(sql_type = Nullable<Integer>)]
    pub supplier_retention_days: Option<i32>,
}

/// `$1`/`?` differ between the backends; the rest of the text is shared. `by`: the column the
/// placeholder is compared with (`id`, or `tracking_token_hash` for the customer's link).
fn locked_read_sql(by: &str, placeholder: &str, lock: &str) -> String {
    let term = |col: &str, partner: &str| {
        format!(
            "(SELECT c.{col} FROM contracts c WHERE c.marketplace_id = s.marketplace_id \
             AND c.partner_id = s.{partner} AND c.active ORDER BY c.id LIMIT 1)"
        )
    };
    format!(
        "SELECT s.*, {} AS courier_radius_m, {} AS courier_pin_above_cents, \
         {} AS courier_retention_days, {} AS courier_redelivery_horizon_days, \
         {} AS supplier_retention_days \
         FROM shipments s WHERE s.{by} = {placeholder}{lock}",
        term("geofence_radius_m", "courier_id"),
        term("pin_above_value_cents", "courier_id"),
        term("retention_days", "courier_id"),
        term("redelivery_horizon_days", "courier_id"),
        term("retention_days", "supplier_id"),
    )
}

/// Read a shipment with what a change needs to know about it; `lock`: and lock its row until
/// the transaction ends (PostgreSQL `FOR UPDATE`; SQLite already serialises writers).
pub fn read_shipment(
    conn: &mut Conn,
    id: &str,
    lock: bool,
) -> QueryResult<Option<LockedShipmentRow>> {
    read_shipment_where(conn, "id", id, lock)
}

/// [`read_shipment`], locked, unless another transaction holds it (PostgreSQL
/// `FOR UPDATE SKIP LOCKED`: `None` then, without waiting).
pub fn try_lock_shipment(conn: &mut Conn, id: &str) -> QueryResult<Option<LockedShipmentRow>> {
    match conn {
        Conn::Pg(c) => {
            diesel::sql_query(locked_read_sql("id", "$1", " FOR UPDATE OF s SKIP LOCKED"))
                .bind::<Text, _>(id)
                .get_result(c)
                .optional()
        }
        Conn::Sqlite(_) => read_shipment_where(conn, "id", id, true),
    }
}

/// [`read_shipment`] by the hash of its tracking token (unlocked).
pub fn read_shipment_by_token_hash(
    conn: &mut Conn,
    hash: &str,
) -> QueryResult<Option<LockedShipmentRow>> {
    read_shipment_where(conn, "tracking_token_hash", hash, false)
}

fn read_shipment_where(
    conn: &mut Conn,
    by: &str,
    value: &str,
    lock: bool,
) -> QueryResult<Option<LockedShipmentRow>> {
    let suffix = if lock { " FOR UPDATE OF s" } else { "" };
    match conn {
        Conn::Pg(c) => diesel::sql_query(locked_read_sql(by, "$1", suffix))
            .bind::<Text, _>(value)
            .get_result(c)
            .optional(),
        Conn::Sqlite(c) => diesel::sql_query(locked_read_sql(by, "?", ""))
            .bind::<Text, _>(value)
            .get_result(c)
            .optional(),
    }
}

/// Run `f` in one write transaction. On SQLite it begins `IMMEDIATE`: the write lock is taken
/// at the start, waiting (`busy_timeout`) while another process (an `admin` command beside
/// `serve`) writes, instead of a deferred transaction failing "database is locked" when it
/// turns from reading to writing after that process committed. Statements of `f` that open
/// their own transaction become savepoints inside it. PostgreSQL: a plain transaction.
pub fn write_transaction<T, E, F>(conn: &mut Conn, f: F) -> Result<T, E>
where
    F: FnOnce(&mut Conn) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    use diesel::connection::{AnsiTransactionManager, TransactionManager};
    match conn {
        Conn::Pg(_) => conn.transaction(f),
        Conn::Sqlite(c) => {
            AnsiTransactionManager::begin_transaction_sql(c, "BEGIN IMMEDIATE")?;
            let result = f(conn);
            if let Conn::Sqlite(c) = conn {
                match &result {
                    Ok(_) => AnsiTransactionManager::commit_transaction(c)?,
                    Err(_) => AnsiTransactionManager::rollback_transaction(c)?,
                }
            }
            result
        }
    }
}

/// Lock an org's row until the transaction ends, so that a per-org cap counted next still holds
/// at commit. PostgreSQL: `FOR NO KEY UPDATE`, which rows referencing the org (their foreign
/// key's `KEY SHARE`) do not wait for; SQLite already serialises writers.
pub fn lock_org(conn: &mut Conn, id: &str) -> QueryResult<()> {
    use super::schema::orgs;
    match conn {
        Conn::Pg(c) => orgs::table
            .find(id)
            .select(orgs::id)
            .for_no_key_update()
            .load::<String>(c)
            .map(|_| ()),
        Conn::Sqlite(_) => Ok(()),
    }
}

#[derive(QueryableByName)]
struct Locked {
    #[diesel(sql_type = diesel::sql_types::Bool)]
    locked: bool,
}

/// Try to take the session-level advisory lock `key` on PostgreSQL (false: another session
/// holds it). It lasts until [`job_unlock`] or until the connection ends, so a node dying
/// mid-job frees it. SQLite is one process: always true.
pub fn job_try_lock(conn: &mut Conn, key: i64) -> QueryResult<bool> {
    match conn {
        Conn::Pg(c) => diesel::sql_query("SELECT pg_try_advisory_lock($1) AS locked")
            .bind::<BigInt, _>(key)
            .get_result::<Locked>(c)
            .map(|r| r.locked),
        Conn::Sqlite(_) => Ok(true),
    }
}

/// Release what [`job_try_lock`] took.
pub fn job_unlock(conn: &mut Conn, key: i64) -> QueryResult<()> {
    match conn {
        Conn::Pg(c) => diesel::sql_query("SELECT pg_advisory_unlock($1) AS locked")
            .bind::<BigInt, _>(key)
            .get_result::<Locked>(c)
            .map(|_| ()),
        Conn::Sqlite(_) => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_locked_read_locks_only_the_shipment_on_postgres() {
        let pg = locked_read_sql("id", "$1", " FOR UPDATE OF s");
        assert!(pg.ends_with("WHERE s.id = $1 FOR UPDATE OF s"));
        let lite = locked_read_sql("id", "?", "");
        assert!(lite.ends_with("WHERE s.id = ?"));
        assert_eq!(lite.matches("FROM contracts").count(), 5);
    }
}

/// The event feed's horizon: every event below it has committed or never will.
#[derive(QueryableByName)]
struct Horizon {
    #[diesel(sql_type = BigInt)]
    horizon: i64,
}

/// PostgreSQL: the oldest
/// transaction still running in this snapshot (`xmin`; any transaction that starts later gets a
/// larger id). SQLite: one past the last event committed (one writer: the next one written will
/// be numbered above it).
pub fn feed_horizon(conn: &mut Conn) -> QueryResult<i64> {
    let h: Horizon = match conn {
        Conn::Pg(c) => diesel::sql_query(
            "SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS horizon",
        )
        .get_result(c)?,
        Conn::Sqlite(c) => {
            diesel::sql_query("SELECT COALESCE(MAX(txid), 0) + 1 AS horizon FROM shipment_events")
                .get_result(c)?
        }
    };
    Ok(h.horizon)
}
