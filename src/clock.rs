//! The one clock. Production reads the system clock; tests and `doorstep demo` use a settable
//! one (the system clock moved by an offset) so that "a day later" is a call, not an edit of
//! rows. Nothing else in the crate reads the system time.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use chrono::{DateTime, Duration, NaiveDateTime, Utc};

/// A clock: cheap to clone, every clone reads (and moves) the same time.
#[derive(Debug, Clone, Default)]
pub struct Clock {
    /// Microseconds added to the system time; `None`: the system clock, not settable.
    offset: Option<Arc<AtomicI64>>,
}

impl Clock {
    /// The system clock (production).
    pub fn system() -> Clock {
        Clock { offset: None }
    }

    /// A clock that runs with the system clock and can be moved (tests, the demo).
    pub fn settable() -> Clock {
        Clock {
            offset: Some(Arc::new(AtomicI64::new(0))),
        }
    }

    pub fn now(&self) -> DateTime<Utc> {
        let system = Utc::now();
        match &self.offset {
            Some(o) => system + Duration::microseconds(o.load(Ordering::Relaxed)),
            None => system,
        }
    }

    /// [`now`](Self::now) as stored (UTC without a zone).
    pub fn naive(&self) -> NaiveDateTime {
        self.now().naive_utc()
    }

    /// Move a settable clock by `by` (backwards too); the system clock cannot be moved.
    pub fn advance(&self, by: Duration) {
        match &self.offset {
            Some(o) => {
                let micros = by.num_microseconds().unwrap_or(i64::MAX);
                o.fetch_add(micros, Ordering::Relaxed);
            }
            None => tracing::warn!("the system clock cannot be moved"),
        }
    }

    /// Whether this clock can be moved.
    pub fn is_settable(&self) -> bool {
        self.offset.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_settable_clock_moves_for_every_clone_and_the_system_clock_does_not() {
        let c = Clock::settable();
        let other = c.clone();
        let before = c.now();
        c.advance(Duration::days(1));
        let after = other.now();
        assert!(after - before >= Duration::days(1));
        assert!(after - before < Duration::days(1) + Duration::seconds(5));
        c.advance(Duration::days(-2));
        assert!(other.now() < before);
        let s = Clock::system();
        s.advance(Duration::days(1));
        assert!(s.now() - Utc::now() < Duration::seconds(5));
        assert!(c.is_settable() && !s.is_settable());
    }
}
