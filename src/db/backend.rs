//! The per-backend branches the domains share: the row lock of an org (per-org caps),
//! multi-row inserts and upserts (which diesel builds only for a concrete backend), and
//! `SKIP LOCKED` claims. Everything else is one query text for both backends. (The door's
//! locked read of a shipment is `shipments::locking`.)

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};

use super::Conn;

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

/// Load the rows of `$query` to change them: on PostgreSQL locked with `FOR UPDATE` (a
/// concurrent writer waits until this transaction ends); SQLite serialises writers.
macro_rules! load_locked {
    ($conn:expr, $query:expr) => {
        match $conn {
            $crate::db::Conn::Pg(c) => $query.for_update().load(c),
            $crate::db::Conn::Sqlite(c) => $query.load(c),
        }
    };
}
pub(crate) use load_locked;

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

/// Run `work` holding the advisory lock `key` on PostgreSQL, if no other session holds it
/// (`None`: skipped). The lock is transaction-level, taken in a transaction `conn` keeps open
/// while `work` runs on other connections: it ends with that transaction (or with the
/// connection, so a node dying mid-job frees it), and it holds behind PgBouncer's transaction
/// pooling, where a session-level lock could outlive its client on a pooled server connection.
/// SQLite is one process: `work` always runs.
pub fn with_job_lock<T>(
    conn: &mut Conn,
    key: i64,
    work: impl FnOnce() -> T,
) -> QueryResult<Option<T>> {
    match conn {
        Conn::Pg(c) => c.transaction(|c| {
            let locked = diesel::sql_query("SELECT pg_try_advisory_xact_lock($1) AS locked")
                .bind::<BigInt, _>(key)
                .get_result::<Locked>(c)?
                .locked;
            Ok(locked.then(work))
        }),
        Conn::Sqlite(_) => Ok(Some(work())),
    }
}

/// One row of a raw query with one text parameter, its text per backend (`$1` and row locks on
/// PostgreSQL, `?` on SQLite).
pub fn raw_row<R>(conn: &mut Conn, pg: &str, sqlite: &str, value: &str) -> QueryResult<Option<R>>
where
    R: QueryableByName<diesel::pg::Pg> + QueryableByName<diesel::sqlite::Sqlite> + 'static,
{
    match conn {
        Conn::Pg(c) => diesel::sql_query(pg)
            .bind::<Text, _>(value)
            .get_result(c)
            .optional(),
        Conn::Sqlite(c) => diesel::sql_query(sqlite)
            .bind::<Text, _>(value)
            .get_result(c)
            .optional(),
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
