//! An optional PostgreSQL streaming standby for read-only work (`DOORSTEP_READ_DATABASE_URL`).
//!
//! `Db::read` sends a query to the standby only when all of these hold:
//! - the request is a GET or HEAD whose caller has not written through this node within the
//!   lag bound (read-your-writes: `web::read_routing` decides, and tells `Db::read` through
//!   the task-local [`ROUTE`]); work outside a request (background jobs, the CLI) reads the
//!   primary;
//! - the lag monitor saw the standby healthy recently enough that the lag it measured, plus the
//!   time since it measured it, is within `DOORSTEP_READ_MAX_LAG_MS`: a standby that stops
//!   answering, or stops replaying, falls out within the bound without a request waiting on it.
//!
//! The monitor runs on its own thread with its own connection (no request pays a statement for
//! it) and checks every [`CHECK_EVERY`]: the standby is caught up when everything it received is
//! replayed (even when the primary is idle and the last replayed commit is old), else its lag is
//! `now() - pg_last_xact_replay_timestamp()`.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool};

use super::ConnPool;

/// How often the monitor measures the standby's lag.
pub const CHECK_EVERY: Duration = Duration::from_millis(500);

/// How a request's reads are routed, and whether it wrote (set by `Db::write` on commit).
#[derive(Debug, Default)]
pub struct Route {
    primary: bool,
    wrote: AtomicBool,
}

tokio::task_local! {
    /// The routing of the request being served.
    pub static ROUTE: Arc<Route>;
}

impl Route {
    pub fn new(primary: bool) -> Arc<Route> {
        Arc::new(Route {
            primary,
            wrote: AtomicBool::new(false),
        })
    }

    /// Whether a transaction of this request committed.
    pub fn wrote(&self) -> bool {
        self.wrote.load(Ordering::Relaxed)
    }
}

/// Whether the request this task serves may read the standby (never outside a request).
pub(super) fn request_may_use_replica() -> bool {
    ROUTE.try_with(|r| !r.primary).unwrap_or(false)
}

/// Called by `Db::write` after a commit.
pub(super) fn note_write() {
    let _ = ROUTE.try_with(|r| r.wrote.store(true, Ordering::Relaxed));
}

/// The standby's pool and what the monitor last measured.
pub struct Replica {
    pub(super) pool: ConnPool,
    url: String,
    max_lag_ms: u64,
    epoch: Instant,
    /// Milliseconds since `epoch` of the last good check; 0: none (or the last one failed).
    checked_at_ms: AtomicU64,
    lag_ms: AtomicU64,
    pub(super) lag_gauge: prometheus::Gauge,
    pub(super) usable_gauge: prometheus::IntGauge,
}

/// What one check found.
#[derive(Debug, Clone, PartialEq)]
enum Health {
    Unknown,
    Fresh,
    Lagging,
    Down(String),
}

#[derive(QueryableByName)]
struct Lag {
    #[diesel(sql_type = Bool)]
    standby: bool,
    #[diesel(sql_type = Bool)]
    caught_up: bool,
    /// -1 when nothing was replayed since the standby started.
    #[diesel(sql_type = BigInt)]
    lag_ms: i64,
}

const LAG_QUERY: &str = "SELECT pg_is_in_recovery() AS standby, \
     COALESCE(pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn(), false) \
       AND EXISTS (SELECT 1 FROM pg_stat_wal_receiver) AS caught_up, \
     COALESCE((EXTRACT(EPOCH FROM (now() - pg_last_xact_replay_timestamp())) * 1000)::bigint, -1) \
       AS lag_ms";

impl Replica {
    pub(super) fn new(
        pool: ConnPool,
        url: String,
        max_lag: Duration,
        lag_gauge: prometheus::Gauge,
        usable_gauge: prometheus::IntGauge,
    ) -> Replica {
        Replica {
            pool,
            url,
            max_lag_ms: u64::try_from(max_lag.as_millis()).unwrap_or(u64::MAX),
            epoch: Instant::now(),
            checked_at_ms: AtomicU64::new(0),
            lag_ms: AtomicU64::new(u64::MAX),
            lag_gauge,
            usable_gauge,
        }
    }

    fn now_ms(&self) -> u64 {
        // At least 1: 0 means "no good check".
        u64::try_from(self.epoch.elapsed().as_millis())
            .unwrap_or(u64::MAX)
            .max(1)
    }

    /// The standby is within the lag bound as far as we can know: the lag measured, plus the
    /// time since (it may have stopped replaying right after the check).
    pub fn fresh(&self) -> bool {
        let at = self.checked_at_ms.load(Ordering::Acquire);
        if at == 0 {
            return false;
        }
        let lag = self.lag_ms.load(Ordering::Acquire);
        let age = self.now_ms().saturating_sub(at);
        lag.saturating_add(age) <= self.max_lag_ms
    }

    /// A request could not get a standby connection: primary until the next good check.
    pub(super) fn mark_down(&self, error: &dyn std::fmt::Display) {
        if self.checked_at_ms.swap(0, Ordering::AcqRel) != 0 {
            tracing::warn!(error = %error, "read replica unreachable: reading the primary");
            self.usable_gauge.set(0);
        }
    }

    fn record(&self, lag_ms: Option<u64>) {
        match lag_ms {
            Some(lag) => {
                self.lag_ms.store(lag, Ordering::Release);
                self.checked_at_ms.store(self.now_ms(), Ordering::Release);
                self.lag_gauge.set(lag as f64 / 1000.0);
            }
            None => {
                self.checked_at_ms.store(0, Ordering::Release);
                self.lag_gauge.set(-1.0);
            }
        }
        self.usable_gauge.set(i64::from(self.fresh()));
    }

    /// Measure once with `conn` (established if needed).
    fn check(&self, conn: &mut Option<PgConnection>) -> Health {
        if conn.is_none() {
            match PgConnection::establish(&with_connect_timeout(&self.url)) {
                Ok(mut c) => {
                    // A standby that hangs must not hold the monitor for long.
                    if let Err(e) = c.batch_execute("SET statement_timeout = 2000") {
                        return Health::Down(e.to_string());
                    }
                    *conn = Some(c);
                }
                Err(e) => return Health::Down(e.to_string()),
            }
        }
        let Some(c) = conn.as_mut() else {
            return Health::Down("no connection".to_owned());
        };
        match diesel::sql_query(LAG_QUERY).get_result::<Lag>(c) {
            Ok(lag) if !lag.standby => {
                // Promoted by a failover: connect again, so that a URL with
                // `target_session_attrs=standby` finds a member that still is one.
                *conn = None;
                Health::Down("the server is not a standby (not in recovery)".to_owned())
            }
            Ok(lag) => {
                let ms = if lag.caught_up {
                    0
                } else {
                    // Nothing replayed yet and WAL waiting: unknown, so too far behind.
                    u64::try_from(lag.lag_ms).unwrap_or(u64::MAX)
                };
                self.record(Some(ms));
                if self.fresh() {
                    Health::Fresh
                } else {
                    Health::Lagging
                }
            }
            Err(e) => {
                *conn = None;
                Health::Down(e.to_string())
            }
        }
    }
}

/// `connect_timeout=2` unless the URL sets one: an unreachable host fails fast.
fn with_connect_timeout(url: &str) -> String {
    if url.contains("connect_timeout=") {
        url.to_owned()
    } else if url.contains('?') {
        format!("{url}&connect_timeout=2")
    } else {
        format!("{url}?connect_timeout=2")
    }
}

/// Measure the standby every [`CHECK_EVERY`] on a thread of its own until `shutdown` changes;
/// each change of health is logged once.
pub fn spawn_monitor(
    replica: Arc<Replica>,
    shutdown: tokio::sync::watch::Receiver<bool>,
) -> anyhow::Result<()> {
    std::thread::Builder::new()
        .name("doorstep-replica-lag".to_owned())
        .spawn(move || {
            let mut conn = None;
            let mut last = Health::Unknown;
            while matches!(shutdown.has_changed(), Ok(false)) {
                let health = replica.check(&mut conn);
                if let Health::Down(_) = &health {
                    replica.record(None);
                }
                if health != last {
                    let lag_ms = replica.lag_ms.load(Ordering::Acquire);
                    match &health {
                        Health::Fresh => tracing::info!(lag_ms, "read replica in use"),
                        Health::Lagging => tracing::warn!(
                            lag_ms,
                            max_lag_ms = replica.max_lag_ms,
                            "read replica lags past the bound: reading the primary"
                        ),
                        Health::Down(e) => tracing::warn!(
                            error = %e,
                            "read replica check failed: reading the primary"
                        ),
                        Health::Unknown => {}
                    }
                    last = health;
                }
                std::thread::sleep(CHECK_EVERY);
            }
        })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connect_timeout_is_added_once() {
        assert_eq!(
            with_connect_timeout("postgres://h/db"),
            "postgres://h/db?connect_timeout=2"
        );
        assert_eq!(
            with_connect_timeout("postgres://h/db?sslmode=disable"),
            "postgres://h/db?sslmode=disable&connect_timeout=2"
        );
        assert_eq!(
            with_connect_timeout("postgres://h/db?connect_timeout=9"),
            "postgres://h/db?connect_timeout=9"
        );
    }
}
