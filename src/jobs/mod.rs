//! One runner for every background job of `serve`: the webhook dispatcher, customer messages,
//! driver pushes, and the periodic ones (retention purge, KPI target checks, evidence roots).
//!
//! A job is a [`Job`]: one round claims what is due (`SKIP LOCKED` on PostgreSQL, the single
//! writer on SQLite, see [`claim_due`]), does it and records the outcome, with the job's own
//! lease and retry schedule. The runner takes the jobs in turn, one round each: a busy job is
//! due again right after the others had their turn, an idle one after its interval, so no job
//! starves another. A job whose work comes back later (a webhook send on its own task) wakes
//! the runner through [`Wake`]. Rounds, items done and failures are counted per job kind.
//!
//! Tests and tools drain the queues with [`Jobs::run_until_empty`] instead of sleeping: it runs
//! rounds of every job until none has anything due or in flight.

pub mod periodic;

use std::sync::Arc;
use std::time::Duration;

use futures_util::future::BoxFuture;
use prometheus::IntCounterVec;
use tokio::sync::{Notify, mpsc, oneshot, watch};
use tokio::time::Instant;

use crate::db::Db;

/// A background job.
pub trait Job: Send + 'static {
    /// Its kind: a metrics label and a log field.
    fn kind(&self) -> &'static str;
    /// How long it waits after a round that found nothing to do.
    fn interval(&self) -> Duration;
    /// One round: claim what is due, do it, record it; how much it did (0: nothing was due).
    /// When `stopping` (only jobs with work [`pending`](Job::pending) are asked), record what
    /// earlier rounds started and start nothing new.
    fn round<'a>(&'a mut self, db: &'a Db, stopping: bool) -> BoxFuture<'a, anyhow::Result<usize>>;
    /// Work its rounds started that is not recorded yet (sends in flight).
    fn pending(&self) -> usize {
        0
    }
    /// A queue takes another round as soon as one found work; a periodic job (which finds
    /// work every time, e.g. the evidence root re-signs recent chains) waits its interval.
    fn is_queue(&self) -> bool {
        true
    }
}

/// What a job calls when work it started elsewhere has come back (its next round records it).
pub type Wake = Arc<Notify>;

/// The counters the runner keeps per job kind.
#[derive(Clone)]
pub struct Counters {
    pub rounds: IntCounterVec,
    pub items: IntCounterVec,
    pub failures: IntCounterVec,
}

/// A handle on a running [`Runner`].
#[derive(Clone)]
pub struct Jobs {
    drains: mpsc::UnboundedSender<oneshot::Sender<usize>>,
}

impl Jobs {
    /// Run every periodic job once and the queues (webhooks, messages, pushes) until none has
    /// anything due or in flight; how much the queues did.
    /// Returns 0 at once when the runner has stopped.
    pub async fn run_until_empty(&self) -> usize {
        let (tx, rx) = oneshot::channel();
        if self.drains.send(tx).is_err() {
            return 0;
        }
        rx.await.unwrap_or(0)
    }
}

struct Slot {
    job: Box<dyn Job>,
    due: Instant,
}

pub struct Runner {
    db: Db,
    slots: Vec<Slot>,
    wake: Wake,
    counters: Counters,
    drains: mpsc::UnboundedReceiver<oneshot::Sender<usize>>,
    handle: Jobs,
}

/// How long a drain may run before it answers anyway (a job that never runs dry).
const DRAIN_AT_MOST: Duration = Duration::from_secs(30);
/// How long a stopping runner waits for work in flight to come back and be recorded.
const FINISH_AT_MOST: Duration = Duration::from_secs(14);

impl Runner {
    pub fn new(db: Db, counters: Counters) -> Runner {
        let (tx, drains) = mpsc::unbounded_channel();
        Runner {
            db,
            slots: Vec::new(),
            wake: Arc::new(Notify::new()),
            counters,
            drains,
            handle: Jobs { drains: tx },
        }
    }

    /// What jobs call when their work in flight comes back.
    pub fn wake(&self) -> Wake {
        self.wake.clone()
    }

    pub fn handle(&self) -> Jobs {
        self.handle.clone()
    }

    pub fn add(&mut self, job: impl Job) {
        self.slots.push(Slot {
            job: Box::new(job),
            due: Instant::now(),
        });
    }

    /// Run until `shutdown` says stop, then record what is in flight (bounded): await the
    /// handle when the server stops.
    pub fn spawn(self, shutdown: watch::Receiver<bool>) -> tokio::task::JoinHandle<()> {
        tokio::spawn(self.run(shutdown))
    }

    async fn run(mut self, mut shutdown: watch::Receiver<bool>) {
        loop {
            if *shutdown.borrow() {
                break;
            }
            for i in 0..self.slots.len() {
                if self.slots[i].due <= Instant::now() {
                    let did = self.turn(i, false).await;
                    self.schedule(i, did);
                }
            }
            let next = self
                .slots
                .iter()
                .map(|s| s.due)
                .min()
                .unwrap_or_else(|| Instant::now() + Duration::from_secs(3600));
            tokio::select! {
                _ = tokio::time::sleep_until(next) => {}
                _ = self.wake.notified() => self.returned(),
                Some(reply) = self.drains.recv() => {
                    let did = self.drain().await;
                    let _ = reply.send(did);
                }
                _ = shutdown.changed() => {}
            }
        }
        self.finish().await;
    }

    /// One round of slot `i`, counted; an error is logged and counts as idle.
    async fn turn(&mut self, i: usize, stopping: bool) -> usize {
        let slot = &mut self.slots[i];
        let kind = slot.job.kind();
        self.counters.rounds.with_label_values(&[kind]).inc();
        match slot.job.round(&self.db, stopping).await {
            Ok(did) => {
                self.counters
                    .items
                    .with_label_values(&[kind])
                    .inc_by(u64::try_from(did).unwrap_or(0));
                did
            }
            Err(e) => {
                self.counters.failures.with_label_values(&[kind]).inc();
                tracing::error!(job = kind, error = format!("{e:#}"), "job round failed");
                0
            }
        }
    }

    /// A busy queue is due again after the others' turn; an idle one, or a periodic job, after
    /// its interval.
    fn schedule(&mut self, i: usize, did: usize) {
        let slot = &mut self.slots[i];
        slot.due = Instant::now()
            + if did > 0 && slot.job.is_queue() {
                Duration::ZERO
            } else {
                slot.job.interval()
            };
    }

    /// Work in flight came back: the jobs waiting on it are due now.
    fn returned(&mut self) {
        let now = Instant::now();
        for slot in &mut self.slots {
            if slot.job.pending() > 0 {
                slot.due = now;
            }
        }
    }

    fn pending(&self) -> usize {
        self.slots.iter().map(|s| s.job.pending()).sum()
    }

    /// Every periodic job once, the queues until they are empty; what the queues did.
    async fn drain(&mut self) -> usize {
        let deadline = Instant::now() + DRAIN_AT_MOST;
        let mut total = 0;
        for first in std::iter::once(true).chain(std::iter::repeat(false)) {
            let mut pass = 0;
            for i in 0..self.slots.len() {
                let queue = self.slots[i].job.is_queue();
                if queue {
                    pass += self.turn(i, false).await;
                } else if first {
                    self.turn(i, false).await;
                }
            }
            total += pass;
            if (pass == 0 && self.pending() == 0) || Instant::now() >= deadline {
                break;
            }
            if pass == 0 {
                // Only work in flight is left: wait for it to come back.
                tokio::select! {
                    _ = self.wake.notified() => {}
                    _ = tokio::time::sleep(Duration::from_millis(20)) => {}
                }
            }
        }
        for i in 0..self.slots.len() {
            self.schedule(i, 0);
        }
        total
    }

    /// Stopping: record what is in flight; a database down for longer than the bound loses
    /// the last results (their claims lapse and they are done again), better than never
    /// stopping.
    async fn finish(&mut self) {
        let deadline = Instant::now() + FINISH_AT_MOST;
        loop {
            for i in 0..self.slots.len() {
                if self.slots[i].job.pending() > 0 {
                    self.turn(i, true).await;
                }
            }
            if self.pending() == 0 || Instant::now() >= deadline {
                break;
            }
            tokio::select! {
                _ = self.wake.notified() => {}
                _ = tokio::time::sleep(Duration::from_millis(100)) => {}
            }
        }
    }
}

/// Claim up to `limit` due rows of an outbox table (`status` one of `statuses`, `next_try_at`
/// passed, no live lease; `where` narrows further), oldest first, and lease them until
/// `now + lease`: the ids claimed. On PostgreSQL the rows are locked with `SKIP LOCKED`, so
/// that nodes claim disjoint sets; call it inside the transaction that reads them. One claim
/// for every outbox (webhook deliveries, customer messages, pushes).
macro_rules! claim_due {
    ($conn:expr, $table:ident, $statuses:expr, $now:expr, $limit:expr, $lease:expr
     $(, where $extra:expr)?) => {{
        let due = $table::table
            .filter($table::status.eq_any($statuses))
            $(.filter($extra))?
            .filter($table::next_try_at.le($now))
            .filter(
                $table::locked_until
                    .is_null()
                    .or($table::locked_until.lt($now)),
            )
            .order(($table::next_try_at.asc(), $table::id.asc()))
            .limit($limit)
            .select($table::id);
        let ids: Vec<String> = $crate::db::backend::load_skip_locked!($conn, due)?;
        if !ids.is_empty() {
            diesel::update($table::table.filter($table::id.eq_any(&ids)))
                .set($table::locked_until.eq($now + $lease))
                .execute($conn)?;
        }
        ids
    }};
}
pub(crate) use claim_due;
