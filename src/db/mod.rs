//! Database access: one connection enum over PostgreSQL and SQLite, pools, migrations.
//!
//! SQLite serialises writers, so writes go through a pool of one connection and reads through a
//! separate pool; PostgreSQL uses one pool for both, plus an optional streaming standby for
//! read-only requests (`replica`).

pub mod backend;
pub mod group;
pub mod replica;
pub mod schema;
pub mod settings;
pub mod statements;

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::r2d2::{ManageConnection, Pool};
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

use crate::error::{ApiError, ApiResult};

pub const PG_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");
pub const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");

#[derive(diesel::MultiConnection)]
pub enum Conn {
    Pg(PgConnection),
    Sqlite(SqliteConnection),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Postgres,
    Sqlite,
}

/// Which backend a `DATABASE_URL` names, and what to pass to its driver.
/// `postgres://…`/`postgresql://…` → PostgreSQL; `sqlite://path`, `sqlite:path` or a bare path → SQLite.
pub fn parse_url(url: &str) -> anyhow::Result<(Backend, String)> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        return Ok((Backend::Postgres, url.to_owned()));
    }
    if let Some(path) = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
    {
        anyhow::ensure!(!path.is_empty(), "DATABASE_URL names no SQLite file");
        return Ok((Backend::Sqlite, path.to_owned()));
    }
    anyhow::ensure!(
        !url.contains("://"),
        "unsupported DATABASE_URL scheme (use postgres://… or sqlite://path)"
    );
    anyhow::ensure!(!url.is_empty(), "DATABASE_URL is empty");
    Ok((Backend::Sqlite, url.to_owned()))
}

/// r2d2 manager that establishes the variant the URL names (the enum's own `establish` would
/// hide the real error) and applies SQLite's durability settings to every connection.
#[derive(Debug, Clone)]
pub struct Manager {
    backend: Backend,
    target: String,
    /// PostgreSQL: prepared statements named and cached per connection; without, each is sent
    /// unnamed in one round trip (what PgBouncer's transaction pooling allows).
    statement_cache: bool,
}

impl ManageConnection for Manager {
    type Connection = Conn;
    type Error = diesel::r2d2::Error;

    fn connect(&self) -> Result<Conn, Self::Error> {
        match self.backend {
            Backend::Postgres => {
                let mut conn = PgConnection::establish(&self.target)
                    .map_err(diesel::r2d2::Error::ConnectionError)?;
                if !self.statement_cache {
                    conn.set_prepared_statement_cache_size(diesel::connection::CacheSize::Disabled);
                }
                Ok(Conn::Pg(conn))
            }
            Backend::Sqlite => {
                let mut conn = SqliteConnection::establish(&self.target)
                    .map_err(diesel::r2d2::Error::ConnectionError)?;
                // FULL: a commit acknowledged with a 2xx survives power loss, not only a crash.
                // The busy timeout first: `journal_mode` reads the database header and, without
                // it, fails at once ("database is locked") while another process holds a lock
                // (an `admin` command opened beside a busy server, seen in CI).
                conn.batch_execute(
                    "PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL; \
                     PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;",
                )
                .map_err(diesel::r2d2::Error::QueryError)?;
                Ok(Conn::Sqlite(conn))
            }
        }
    }

    fn is_valid(&self, conn: &mut Conn) -> Result<(), Self::Error> {
        conn.batch_execute("SELECT 1")
            .map_err(diesel::r2d2::Error::QueryError)
    }

    /// A fast local check (diesel's: the connection's status and its transaction state): no
    /// `SELECT 1` round trip on every checkout, which would cost each request a statement.
    fn has_broken(&self, conn: &mut Conn) -> bool {
        use diesel::r2d2::R2D2Connection;
        std::thread::panicking() || conn.is_broken()
    }
}

type ConnPool = Pool<Manager>;

#[derive(Clone)]
pub struct Db {
    pub backend: Backend,
    statement_cache: bool,
    write: ConnPool,
    read: ConnPool,
    replica: Option<Arc<replica::Replica>>,
    /// SQLite's one writer, committing the writes waiting together (`group`); PostgreSQL
    /// writes run on the blocking pool, each its own transaction.
    group: Option<group::GroupWriter>,
    /// `Db::read` calls by the pool that served them (`replica` or `primary`).
    reads: prometheus::IntCounterVec,
}

/// The reads counter, by pool.
fn reads_counter() -> prometheus::Result<prometheus::IntCounterVec> {
    prometheus::IntCounterVec::new(
        prometheus::Opts::new(
            "db_reads_total",
            "Read-only database work (Db::read) by the pool that served it",
        ),
        &["pool"],
    )
}

impl Db {
    pub fn connect(url: &str, pool_size: u32) -> anyhow::Result<Db> {
        Db::connect_with(url, pool_size, true)
    }

    /// The database the settings name (`DOORSTEP_DB_STATEMENT_CACHE` applied).
    pub fn open(settings: &settings::DbSettings, pool_size: u32) -> anyhow::Result<Db> {
        Db::connect_with(&settings.url, pool_size, settings.statement_cache)
    }

    fn connect_with(url: &str, pool_size: u32, statement_cache: bool) -> anyhow::Result<Db> {
        let (backend, target) = parse_url(url)?;
        statements::install();
        let manager = Manager {
            backend,
            target,
            statement_cache,
        };
        let build = |size: u32| {
            Pool::builder()
                .max_size(size)
                .connection_timeout(Duration::from_secs(10))
                .test_on_check_out(false)
                .build(manager.clone())
                .context("cannot connect to the database")
        };
        let write = build(match backend {
            Backend::Postgres => pool_size,
            Backend::Sqlite => 1,
        })?;
        let read = match backend {
            Backend::Postgres => write.clone(),
            Backend::Sqlite => build(pool_size)?,
        };
        let group = match backend {
            Backend::Sqlite => Some(group::GroupWriter::start(write.clone())?),
            Backend::Postgres => None,
        };
        Ok(Db {
            backend,
            statement_cache,
            write,
            read,
            replica: None,
            group,
            reads: reads_counter()?,
        })
    }

    /// Send read-only requests to the PostgreSQL standby at `url` while it lags at most
    /// `max_lag` (see `replica`). Nothing is connected yet: an unreachable standby does not stop
    /// the server from starting, the lag monitor (`spawn_replica_monitor`) finds it.
    pub fn with_replica(
        mut self,
        url: &str,
        max_lag: Duration,
        pool_size: u32,
    ) -> anyhow::Result<Db> {
        let (backend, target) = parse_url(url)?;
        anyhow::ensure!(
            backend == Backend::Postgres && self.backend == Backend::Postgres,
            "DOORSTEP_READ_DATABASE_URL needs PostgreSQL for both the primary and the replica"
        );
        let pool = Pool::builder()
            .max_size(pool_size)
            .min_idle(Some(0))
            // A standby that stopped answering since the last check: fall back quickly.
            .connection_timeout(Duration::from_secs(1))
            .test_on_check_out(false)
            .error_handler(Box::new(diesel::r2d2::NopErrorHandler))
            .build_unchecked(Manager {
                backend,
                target: target.clone(),
                statement_cache: self.statement_cache,
            });
        let lag = prometheus::Gauge::new(
            "db_replica_lag_seconds",
            "The read replica's lag at the last check (-1: unreachable)",
        )?;
        let usable = prometheus::IntGauge::new(
            "db_replica_usable",
            "1 while read-only requests may go to the read replica",
        )?;
        self.replica = Some(Arc::new(replica::Replica::new(
            pool, target, max_lag, lag, usable,
        )));
        Ok(self)
    }

    /// Start measuring the standby's lag (when there is one), until `shutdown` changes.
    pub fn spawn_replica_monitor(
        &self,
        shutdown: tokio::sync::watch::Receiver<bool>,
    ) -> anyhow::Result<()> {
        match &self.replica {
            Some(r) => replica::spawn_monitor(r.clone(), shutdown),
            None => Ok(()),
        }
    }

    pub fn has_replica(&self) -> bool {
        self.replica.is_some()
    }

    /// What `/metrics` shows of the database: reads by pool, the replica's lag and state.
    pub fn collectors(&self) -> Vec<Box<dyn prometheus::core::Collector>> {
        let mut all: Vec<Box<dyn prometheus::core::Collector>> = vec![Box::new(self.reads.clone())];
        if let Some(g) = &self.group {
            all.push(Box::new(g.sizes()));
        }
        if let Some(r) = &self.replica {
            all.push(Box::new(r.lag_gauge.clone()));
            all.push(Box::new(r.usable_gauge.clone()));
        }
        all
    }

    /// Apply pending migrations of this backend.
    pub fn migrate(&self) -> anyhow::Result<Vec<String>> {
        let mut conn = self.write.get()?;
        run_migrations(&mut conn)
    }

    /// Run read-only queries on the blocking pool: on the read replica when there is one, it is
    /// within its lag bound and the request may read it (a GET or HEAD outside its caller's
    /// read-your-writes window: `web::read_routing`); else on the primary.
    pub async fn read<T, F>(&self, f: F) -> ApiResult<T>
    where
        F: FnOnce(&mut Conn) -> ApiResult<T> + Send + 'static,
        T: Send + 'static,
    {
        let replica = self
            .replica
            .as_ref()
            .filter(|r| replica::request_may_use_replica() && r.fresh())
            .cloned();
        self.run_read(replica, f).await
    }

    /// Run read-only queries on the primary whatever the request: what must see the latest
    /// commit (the caller's identity, so that a revoked key or a deactivated user is refused at
    /// once; the readiness check).
    pub async fn read_primary<T, F>(&self, f: F) -> ApiResult<T>
    where
        F: FnOnce(&mut Conn) -> ApiResult<T> + Send + 'static,
        T: Send + 'static,
    {
        self.run_read(None, f).await
    }

    async fn run_read<T, F>(&self, replica: Option<Arc<replica::Replica>>, f: F) -> ApiResult<T>
    where
        F: FnOnce(&mut Conn) -> ApiResult<T> + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.read.clone();
        let reads = self.reads.clone();
        let counter = statements::current();
        actix_web::web::block(move || {
            let standby = replica.and_then(|r| match r.pool.get() {
                Ok(conn) => Some(conn),
                Err(e) => {
                    r.mark_down(&e);
                    None
                }
            });
            let mut conn = match standby {
                Some(conn) => {
                    reads.with_label_values(&["replica"]).inc();
                    conn
                }
                None => {
                    reads.with_label_values(&["primary"]).inc();
                    pool.get()?
                }
            };
            let _counting = statements::Scope::enter(counter);
            f(&mut conn)
        })
        .await?
    }

    /// Run writes in one transaction on the blocking pool: all of `f` commits or none of it.
    pub async fn write<T, F>(&self, f: F) -> ApiResult<T>
    where
        F: FnOnce(&mut Conn) -> ApiResult<T> + Send + 'static,
        T: Send + 'static,
    {
        if let Some(group) = &self.group {
            return Self::noted(group.write(true, f).await);
        }
        self.on_writer(move |c| backend::write_transaction(c, f))
            .await
    }

    /// Run `f` on the writer without a transaction: each statement commits on its own. For a
    /// write that is one statement, or whose statements need no all-or-nothing (the driver's
    /// latest position: a read, then one upsert), so BEGIN and COMMIT are not paid for.
    pub async fn write_each<T, F>(&self, f: F) -> ApiResult<T>
    where
        F: FnOnce(&mut Conn) -> ApiResult<T> + Send + 'static,
        T: Send + 'static,
    {
        if let Some(group) = &self.group {
            return Self::noted(group.write(false, f).await);
        }
        self.on_writer(f).await
    }

    fn noted<T>(written: ApiResult<T>) -> ApiResult<T> {
        if written.is_ok() {
            replica::note_write();
        }
        written
    }

    async fn on_writer<T, F>(&self, f: F) -> ApiResult<T>
    where
        F: FnOnce(&mut Conn) -> ApiResult<T> + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.write.clone();
        let counter = statements::current();
        let written = actix_web::web::block(move || {
            let mut conn = pool.get()?;
            let _counting = statements::Scope::enter(counter);
            f(&mut conn)
        })
        .await?;
        // Read-your-writes: this caller reads the primary for a while.
        Self::noted(written)
    }

    /// Blocking access for the CLI and tests.
    pub fn get_write(&self) -> anyhow::Result<diesel::r2d2::PooledConnection<Manager>> {
        Ok(self.write.get()?)
    }

    /// Blocking read access, for code already on the blocking pool.
    pub fn get_read(&self) -> ApiResult<diesel::r2d2::PooledConnection<Manager>> {
        Ok(self.read.get()?)
    }

    /// A primary answers and takes writes (readiness does not depend on the replica: reads
    /// fall back). During a failover there is none for a while: the probe says so, within
    /// [`PING_WAIT`] (a probe's own timeout is short; the pool's wait is 10 s).
    pub async fn ping(&self) -> ApiResult<()> {
        let (pool, backend) = (self.read.clone(), self.backend);
        // Whether the server reached takes writes.
        let checked = actix_web::web::block(move || -> ApiResult<bool> {
            let mut conn = pool.get_timeout(PING_WAIT)?;
            match &mut *conn {
                // A single-host URL may reach a demoted primary that still answers reads.
                Conn::Pg(pg) => Ok(!diesel::select(diesel::dsl::sql::<diesel::sql_types::Bool>(
                    "pg_is_in_recovery()",
                ))
                .get_result::<bool>(pg)?),
                c @ Conn::Sqlite(_) => c
                    .batch_execute("SELECT 1")
                    .map(|()| true)
                    .map_err(|e| ApiError::Unavailable(format!("database check failed: {e}"))),
            }
        })
        .await?;
        match (checked, backend) {
            (Ok(true), _) => Ok(()),
            (Ok(false), _) => Err(ApiError::Unavailable(
                "no primary: the server reached is a standby (read-only)".to_owned(),
            )),
            (Err(ApiError::Unavailable(_)), Backend::Postgres) => Err(ApiError::Unavailable(
                "no primary: no database server takes writes right now (a failover may be \
                 under way); retry later"
                    .to_owned(),
            )),
            (Err(e), _) => Err(e),
        }
    }
}

/// How long the readiness probe waits for a connection.
const PING_WAIT: Duration = Duration::from_secs(2);

pub fn run_migrations(conn: &mut Conn) -> anyhow::Result<Vec<String>> {
    let names = |v: Vec<diesel::migration::MigrationVersion<'_>>| {
        v.iter().map(|v| v.to_string()).collect::<Vec<_>>()
    };
    let applied = match conn {
        Conn::Pg(c) => {
            // Nodes starting together: one migrates, the others wait, then find none pending.
            // The lock is the transaction's (it also holds behind PgBouncer's transaction
            // pooling) and the pending migrations run in it, each in a savepoint: all or none.
            const MIGRATION_LOCK: i64 = 0x646f_6f72_0001;
            let mut failed = None;
            let done = c.transaction::<_, diesel::result::Error, _>(|c| {
                let lock = format!("SELECT pg_advisory_xact_lock({MIGRATION_LOCK})");
                diesel::RunQueryDsl::execute(diesel::sql_query(lock), c)?;
                c.run_pending_migrations(PG_MIGRATIONS)
                    .map(names)
                    .map_err(|e| {
                        failed = Some(e.to_string());
                        diesel::result::Error::RollbackTransaction
                    })
            });
            match (done, failed) {
                (_, Some(e)) => Err(e),
                (done, None) => done.map_err(|e| e.to_string()),
            }
        }
        Conn::Sqlite(c) => c
            .run_pending_migrations(SQLITE_MIGRATIONS)
            .map(names)
            .map_err(|e| e.to_string()),
    }
    .map_err(|e| anyhow::anyhow!("migration failed: {e}"))?;
    Ok(applied)
}

/// Revert every migration (used by the migration round-trip test).
pub fn revert_all_migrations(conn: &mut Conn) -> anyhow::Result<usize> {
    let reverted = match conn {
        Conn::Pg(c) => c.revert_all_migrations(PG_MIGRATIONS),
        Conn::Sqlite(c) => c.revert_all_migrations(SQLITE_MIGRATIONS),
    }
    .map_err(|e| anyhow::anyhow!("revert failed: {e}"))?;
    Ok(reverted.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_schemes_pick_the_backend() {
        let pg = parse_url("postgres://u@127.0.0.1/db").unwrap();
        assert_eq!(pg.0, Backend::Postgres);
        assert_eq!(parse_url("postgresql://h/db").unwrap().0, Backend::Postgres);
        assert_eq!(
            parse_url("sqlite://data/x.db").unwrap(),
            (Backend::Sqlite, "data/x.db".to_owned())
        );
        assert_eq!(
            parse_url("doorstep.db").unwrap(),
            (Backend::Sqlite, "doorstep.db".to_owned())
        );
        assert!(parse_url("mysql://h/db").is_err());
        assert!(parse_url("sqlite://").is_err());
        assert!(parse_url("").is_err());
    }
}
