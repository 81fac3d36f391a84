//! Jobs that run every so often (retention purge, KPI target checks, evidence roots, folding
//! past days' KPI shards), on the
//! blocking pool, as [`Every`] in the one runner.
//!
//! Several nodes may run against one PostgreSQL: each round of a job first takes that job's
//! advisory lock (transaction-level, in a transaction a connection of its own keeps open for
//! the round, which PgBouncer's transaction pooling keeps on one server); a node that
//! does not get it skips the round, so a round runs once, not once per node. A node dying
//! mid-round loses its connection, and PostgreSQL releases the lock with it. SQLite is one
//! process: rounds run as they come.

use std::sync::Arc;
use std::time::Duration;

use futures_util::future::BoxFuture;

use prometheus::IntCounterVec;

use crate::db::Db;
use crate::db::backend::with_job_lock;

/// A periodic job: its name (a metrics label) and its advisory lock key (one per job).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Job {
    pub name: &'static str,
    pub lock_key: i64,
}

/// Keys are "dstp" followed by a job number, so they do not meet other applications' locks
/// on a shared database by chance.
const KEY_BASE: i64 = 0x6473_7470_0000_0000;

pub const PURGE_CONTACTS: Job = Job {
    name: "purge_contacts",
    lock_key: KEY_BASE + 1,
};
pub const TARGET_MISSES: Job = Job {
    name: "kpi_target_misses",
    lock_key: KEY_BASE + 2,
};
pub const EVIDENCE_ROOTS: Job = Job {
    name: "evidence_roots",
    lock_key: KEY_BASE + 3,
};
pub const KPI_FOLD: Job = Job {
    name: "kpi_fold",
    lock_key: KEY_BASE + 4,
};

/// One round of `job` if no other node is running it: `Ok(None)` when skipped, else what
/// `work` returned. `rounds` counts the rounds this node ran, per job.
pub fn round<F>(db: &Db, job: Job, rounds: &IntCounterVec, work: F) -> anyhow::Result<Option<usize>>
where
    F: FnOnce(&Db) -> anyhow::Result<usize>,
{
    // The lock's connection is held for the whole round; the work uses others of the pool.
    let mut lock_conn = db.get_write()?;
    let sqlite = db.backend == crate::db::Backend::Sqlite;
    if sqlite {
        // SQLite's only writer connection: the job needs it.
        drop(lock_conn);
        rounds.with_label_values(&[job.name]).inc();
        return work(db).map(Some);
    }
    let ran = with_job_lock(&mut lock_conn, job.lock_key, || {
        rounds.with_label_values(&[job.name]).inc();
        work(db)
    })?;
    ran.transpose()
}

/// What a periodic job does in a round: how much it did.
pub type Work = dyn Fn(&Db) -> anyhow::Result<usize> + Send + Sync;

/// A periodic job as the runner takes it: `work` at start and then every `interval`, one
/// round at a time across nodes (see [`round`]). A non-zero count is logged with `what`.
pub struct Every {
    pub job: Job,
    pub interval: Duration,
    pub rounds: IntCounterVec,
    pub what: &'static str,
    pub work: Arc<Work>,
}

impl Every {
    pub fn new(
        job: Job,
        interval: Duration,
        rounds: IntCounterVec,
        what: &'static str,
        work: impl Fn(&Db) -> anyhow::Result<usize> + Send + Sync + 'static,
    ) -> Every {
        Every {
            job,
            interval,
            rounds,
            what,
            work: Arc::new(work),
        }
    }
}

impl super::Job for Every {
    fn kind(&self) -> &'static str {
        self.job.name
    }

    fn interval(&self) -> Duration {
        self.interval
    }

    fn is_queue(&self) -> bool {
        false
    }

    fn round<'a>(
        &'a mut self,
        db: &'a Db,
        _stopping: bool,
    ) -> BoxFuture<'a, anyhow::Result<usize>> {
        Box::pin(async move {
            let (db, job, rounds, work) =
                (db.clone(), self.job, self.rounds.clone(), self.work.clone());
            let did = actix_web::web::block(move || round(&db, job, &rounds, |db| work(db)))
                .await??
                .unwrap_or(0);
            if did > 0 {
                tracing::info!(count = did, "{}", self.what);
            }
            Ok(did)
        })
    }
}
