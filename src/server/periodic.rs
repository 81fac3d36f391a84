//! Background jobs that run every so often in `serve` (retention purge, KPI target checks), on
//! the blocking pool, until shutdown.
//!
//! Several nodes may run against one PostgreSQL: each round of a job first takes that job's
//! advisory lock (session-level, on a connection of its own, held for the round); a node that
//! does not get it skips the round, so a round runs once, not once per node. A node dying
//! mid-round loses its connection, and PostgreSQL releases the lock with it. SQLite is one
//! process: rounds run as they come.

use std::time::Duration;

use prometheus::IntCounterVec;

use crate::db::Db;
use crate::db::backend::{job_try_lock, job_unlock};

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
    if !job_try_lock(&mut lock_conn, job.lock_key)? {
        return Ok(None);
    }
    rounds.with_label_values(&[job.name]).inc();
    let result = work(db);
    // If unlocking fails the connection is broken, and its end releases the lock.
    if let Err(e) = job_unlock(&mut lock_conn, job.lock_key) {
        tracing::warn!(error = %e, job = job.name, "advisory unlock failed");
    }
    result.map(Some)
}

/// Run `work` at start and then every `interval` until `shutdown` changes, one round at a
/// time across nodes (see [`round`]). A non-zero count is logged with `what`.
pub fn every<F>(
    db: Db,
    interval: Duration,
    mut shutdown: tokio::sync::watch::Receiver<bool>,
    job: Job,
    rounds: IntCounterVec,
    what: &'static str,
    work: F,
) where
    F: Fn(&Db) -> anyhow::Result<usize> + Clone + Send + 'static,
{
    tokio::spawn(async move {
        let mut ticker = tokio::time::interval(interval);
        loop {
            tokio::select! {
                _ = ticker.tick() => {}
                _ = shutdown.changed() => return,
            }
            let (db, work, rounds) = (db.clone(), work.clone(), rounds.clone());
            match actix_web::web::block(move || round(&db, job, &rounds, work)).await {
                Ok(Ok(None | Some(0))) => {}
                Ok(Ok(Some(n))) => tracing::info!(count = n, "{what}"),
                Ok(Err(e)) => tracing::error!(error = format!("{e:#}"), "{what}: failed"),
                Err(e) => tracing::error!(error = %e, "{what}: task failed"),
            }
        }
    });
}
