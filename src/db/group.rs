//! SQLite's group commit (issue 30). SQLite has one writer; each write paid its own
//! `BEGIN IMMEDIATE … COMMIT` and fsync. Here one thread takes every write waiting (up to
//! `MAX_GROUP`), runs each in its own SAVEPOINT inside one transaction, commits once — one
//! fsync for the group — and only then answers each: nothing is acknowledged before it is
//! durable. A write whose work fails rolls back to its savepoint alone and gets its own error;
//! a failed COMMIT fails every write of the group.

use std::panic::AssertUnwindSafe;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use diesel::Connection;
use diesel::connection::{AnsiTransactionManager, TransactionManager};

use super::statements::{self, Counter};
use super::{Conn, ConnPool};
use crate::error::{ApiError, ApiResult};

/// Writes one transaction carries at most (a bound on how long the first one waits).
const MAX_GROUP: usize = 64;

/// A write still queued after this is not run but answered 503 (nothing written), as a wait
/// for the write connection was before: the queue cannot grow without bound under overload.
const MAX_WAIT: Duration = Duration::from_secs(10);

/// Why a whole group failed.
enum Failure {
    /// The write connection could not be had: 503, nothing written.
    Unavailable(String),
    /// BEGIN or COMMIT failed: nothing of the group is written.
    Database(String),
}

impl Failure {
    fn error(&self) -> ApiError {
        match self {
            Failure::Unavailable(e) => {
                tracing::warn!(error = %e, "the SQLite write connection is not available");
                ApiError::Unavailable(
                    "the database is not reachable right now; retry later".to_owned(),
                )
            }
            Failure::Database(e) => {
                ApiError::Internal(anyhow::anyhow!("the write's group did not commit: {e}"))
            }
        }
    }
}

/// One write waiting for its group.
trait Pending: Send {
    /// Run inside the group's transaction; keep the outcome.
    fn run(&mut self, conn: &mut Conn);
    /// The group committed, or failed as a whole: answer the caller.
    fn answer(self: Box<Self>, commit: &Result<(), Failure>);
}

struct Request<T, F> {
    work: Option<F>,
    /// In its own savepoint (`Db::write`), or statements as they come (`Db::write_each`).
    atomic: bool,
    counter: Option<Counter>,
    queued: Instant,
    outcome: Option<ApiResult<T>>,
    reply: tokio::sync::oneshot::Sender<ApiResult<T>>,
}

fn panicked() -> ApiError {
    ApiError::Internal(anyhow::anyhow!("a database write panicked"))
}

impl<T, F> Pending for Request<T, F>
where
    T: Send,
    F: FnOnce(&mut Conn) -> ApiResult<T> + Send,
{
    fn run(&mut self, conn: &mut Conn) {
        let Some(work) = self.work.take() else {
            return;
        };
        if self.queued.elapsed() > MAX_WAIT {
            self.outcome = Some(Err(ApiError::Unavailable(
                "the database is too busy right now; retry later".to_owned(),
            )));
            return;
        }
        let _counting = statements::Scope::enter(self.counter.clone());
        let guarded = |c: &mut Conn| {
            std::panic::catch_unwind(AssertUnwindSafe(|| work(c)))
                .unwrap_or_else(|_| Err(panicked()))
        };
        self.outcome = Some(match self.atomic {
            // Nested in the group's transaction, diesel makes this a SAVEPOINT.
            true => conn.transaction(guarded),
            false => guarded(conn),
        });
    }

    fn answer(self: Box<Self>, commit: &Result<(), Failure>) {
        let outcome = match (self.outcome, commit) {
            (Some(Err(e)), _) => Err(e),
            (Some(Ok(v)), Ok(())) => Ok(v),
            (_, Err(failure)) => Err(failure.error()),
            (None, Ok(())) => Err(panicked()),
        };
        // The caller may have gone (its request was cancelled): the write stays committed.
        let _ = self.reply.send(outcome);
    }
}

/// The sending side of the one writer thread.
#[derive(Clone)]
pub struct GroupWriter {
    queue: mpsc::Sender<Box<dyn Pending>>,
    sizes: prometheus::Histogram,
}

impl GroupWriter {
    /// Start the writer thread on `pool` (SQLite's one write connection). It ends when every
    /// `GroupWriter` clone is dropped.
    pub fn start(pool: ConnPool) -> anyhow::Result<GroupWriter> {
        let sizes = prometheus::Histogram::with_opts(
            prometheus::HistogramOpts::new(
                "db_write_group_size",
                "Writes committed together by SQLite's group commit (one fsync each group)",
            )
            .buckets(vec![1.0, 2.0, 3.0, 4.0, 6.0, 8.0, 12.0, 16.0, 32.0, 64.0]),
        )?;
        let (queue, waiting) = mpsc::channel::<Box<dyn Pending>>();
        let observed = sizes.clone();
        std::thread::Builder::new()
            .name("sqlite-writer".to_owned())
            .spawn(move || {
                while let Ok(first) = waiting.recv() {
                    let mut group = vec![first];
                    while group.len() < MAX_GROUP {
                        match waiting.try_recv() {
                            Ok(next) => group.push(next),
                            Err(_) => break,
                        }
                    }
                    let commit = run_group(&pool, &mut group);
                    observed.observe(group.len() as f64);
                    for pending in group {
                        pending.answer(&commit);
                    }
                }
            })?;
        Ok(GroupWriter { queue, sizes })
    }

    pub fn sizes(&self) -> prometheus::Histogram {
        self.sizes.clone()
    }

    /// Queue `f` for the next group and wait until that group has committed.
    pub async fn write<T, F>(&self, atomic: bool, f: F) -> ApiResult<T>
    where
        F: FnOnce(&mut Conn) -> ApiResult<T> + Send + 'static,
        T: Send + 'static,
    {
        let (reply, answer) = tokio::sync::oneshot::channel();
        let request = Request {
            work: Some(f),
            atomic,
            counter: statements::current(),
            queued: Instant::now(),
            outcome: None,
            reply,
        };
        self.queue
            .send(Box::new(request))
            .map_err(|_| ApiError::Internal(anyhow::anyhow!("the database writer has stopped")))?;
        answer
            .await
            .map_err(|_| ApiError::Internal(anyhow::anyhow!("the database writer has stopped")))?
    }
}

/// One transaction around the group: BEGIN IMMEDIATE, every write, COMMIT.
fn run_group(pool: &ConnPool, group: &mut [Box<dyn Pending>]) -> Result<(), Failure> {
    let mut conn = pool
        .get()
        .map_err(|e| Failure::Unavailable(e.to_string()))?;
    let conn: &mut Conn = &mut conn;
    let not_sqlite = || Failure::Database("group commit is for SQLite".to_owned());
    let Conn::Sqlite(c) = &mut *conn else {
        return Err(not_sqlite());
    };
    AnsiTransactionManager::begin_transaction_sql(c, "BEGIN IMMEDIATE")
        .map_err(|e| Failure::Database(e.to_string()))?;
    for pending in group.iter_mut() {
        pending.run(conn);
    }
    let Conn::Sqlite(c) = &mut *conn else {
        return Err(not_sqlite());
    };
    AnsiTransactionManager::commit_transaction(c).map_err(|e| {
        let _ = AnsiTransactionManager::rollback_transaction(c);
        Failure::Database(e.to_string())
    })
}

#[cfg(test)]
mod tests {
    use diesel::RunQueryDsl;
    use diesel::connection::SimpleConnection;

    use super::super::Db;
    use crate::error::ApiError;

    fn count(db: &Db) -> i64 {
        #[derive(diesel::QueryableByName)]
        struct N {
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            n: i64,
        }
        let mut c = db.get_write().unwrap();
        diesel::sql_query("SELECT COUNT(*) AS n FROM t")
            .get_result::<N>(&mut *c)
            .unwrap()
            .n
    }

    /// Writes sent together commit together; one that fails leaves no trace and gets its own
    /// error, the others are kept; a panic is an error, not a dead writer.
    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn a_failed_write_rolls_back_alone_and_the_group_commits() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::connect(&format!("sqlite://{}/g.db", dir.path().display()), 2).unwrap();
        db.get_write()
            .unwrap()
            .batch_execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)")
            .unwrap();
        let mut tasks = Vec::new();
        for i in 0..200i64 {
            let db = db.clone();
            tasks.push(tokio::spawn(async move {
                db.write(move |c| {
                    diesel::sql_query(format!("INSERT INTO t (id, v) VALUES ({i}, 'x')"))
                        .execute(c)?;
                    match i % 10 {
                        // Fails after its insert: the insert must go with it.
                        3 => Err(ApiError::Conflict(format!("no {i}"))),
                        7 if i == 7 => panic!("a bug in one write"),
                        _ => Ok(i),
                    }
                })
                .await
            }));
        }
        let mut ok = 0;
        for (i, t) in tasks.into_iter().enumerate() {
            match (i % 10, t.await.unwrap()) {
                (3, Err(ApiError::Conflict(m))) => assert_eq!(m, format!("no {i}")),
                (7, Err(ApiError::Internal(_))) if i == 7 => {}
                (_, Ok(v)) => {
                    assert_eq!(v, i as i64);
                    ok += 1;
                }
                (_, other) => panic!("write {i}: {other:?}"),
            }
        }
        assert_eq!(ok, 179);
        assert_eq!(count(&db), 179, "exactly the acknowledged writes are kept");
        let sizes = db.group.as_ref().unwrap().sizes();
        assert!(sizes.get_sample_count() < 200, "some writes were grouped");
        assert_eq!(sizes.get_sample_sum() as i64, 200);
        // The writer still works after all that.
        assert_eq!(db.write(|_| Ok(1)).await.unwrap(), 1);
    }
}
