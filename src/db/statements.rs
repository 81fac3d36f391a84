//! Counts the SQL statements each HTTP request sends to the database (BEGIN and COMMIT
//! included), through diesel's connection instrumentation: the statement budgets of the hot
//! paths are checked against these counts, and `/metrics` exposes them per route.
//!
//! A request's counter lives in a task-local; `Db::read`/`Db::write` carry it to the blocking
//! thread that runs the queries, where the instrumentation of every connection adds to it.

use std::cell::RefCell;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use diesel::connection::{Instrumentation, InstrumentationEvent, set_default_instrumentation};

pub type Counter = Arc<AtomicU32>;

tokio::task_local! {
    /// The statements of the request being served.
    pub static REQUEST: Counter;
}

thread_local! {
    static SINK: RefCell<Option<Counter>> = const { RefCell::new(None) };
}

fn counting() -> Option<Box<dyn Instrumentation>> {
    Some(Box::new(|event: InstrumentationEvent<'_>| {
        if let InstrumentationEvent::StartQuery { .. } = event {
            SINK.with(|s| {
                if let Some(c) = &*s.borrow() {
                    c.fetch_add(1, Ordering::Relaxed);
                }
            });
        }
    }))
}

/// Instrument every connection established from now on (idempotent).
pub fn install() {
    if let Err(e) = set_default_instrumentation(counting) {
        tracing::warn!(error = %e, "statement counting is off");
    }
}

/// The counter of the request this task serves, if any.
pub fn current() -> Option<Counter> {
    REQUEST.try_with(Arc::clone).ok()
}

/// While alive, statements run on this thread count for `counter`.
pub struct Scope(Option<Counter>);

impl Scope {
    pub fn enter(counter: Option<Counter>) -> Scope {
        SINK.with(|s| *s.borrow_mut() = counter.clone());
        Scope(counter)
    }
}

impl Drop for Scope {
    fn drop(&mut self) {
        if self.0.is_some() {
            SINK.with(|s| *s.borrow_mut() = None);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use diesel::connection::SimpleConnection;
    use diesel::prelude::*;

    #[test]
    fn statements_count_only_inside_a_scope() {
        install();
        let mut conn = SqliteConnection::establish(":memory:").unwrap();
        let counter = Counter::default();
        conn.batch_execute("SELECT 1").unwrap();
        {
            let _scope = Scope::enter(Some(counter.clone()));
            conn.batch_execute("CREATE TABLE t (x INTEGER)").unwrap();
            conn.transaction(|c| c.batch_execute("INSERT INTO t VALUES (1)"))
                .unwrap();
        }
        conn.batch_execute("SELECT 2").unwrap();
        // CREATE, BEGIN, INSERT, COMMIT.
        assert_eq!(counter.load(Ordering::Relaxed), 4);
    }
}
