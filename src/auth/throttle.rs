//! Login throttling: after `max_failures` failed logins within `window` for one key (an
//! account's e-mail or a client address), that key gets 429 until the window ends.
//! In-process state: with several API processes each counts on its own (see the README).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Copy)]
pub struct Policy {
    pub max_failures_per_account: u32,
    pub max_failures_per_address: u32,
    pub window: Duration,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            max_failures_per_account: 5,
            max_failures_per_address: 20,
            window: Duration::from_secs(15 * 60),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Failures {
    pub count: u32,
    pub since: Instant,
}

/// Seconds until `state` stops blocking at `now`, if it blocks.
pub fn blocked_for(
    state: Option<Failures>,
    max: u32,
    window: Duration,
    now: Instant,
) -> Option<u64> {
    let s = state?;
    let until = s.since + window;
    if s.count >= max && now < until {
        // Round up so a client that waits Retry-After is not refused again.
        Some((until - now).as_millis().div_ceil(1000).max(1) as u64)
    } else {
        None
    }
}

/// State after one more failure at `now`: a new window starts once the old one is over.
pub fn after_failure(state: Option<Failures>, window: Duration, now: Instant) -> Failures {
    match state {
        Some(s) if now < s.since + window => Failures {
            count: s.count.saturating_add(1),
            since: s.since,
        },
        _ => Failures {
            count: 1,
            since: now,
        },
    }
}

#[derive(Debug, Default)]
pub struct LoginThrottle {
    policy: Policy,
    failures: Mutex<HashMap<String, Failures>>,
}

impl LoginThrottle {
    pub fn new(policy: Policy) -> Self {
        LoginThrottle {
            policy,
            failures: Mutex::default(),
        }
    }

    /// Check and count in one step, before the password is verified: parallel guesses cannot
    /// all pass the check first. `Err(seconds)` when blocked; a success then calls `succeeded`.
    pub fn begin(&self, account: &str, address: &str) -> Result<(), u64> {
        let now = Instant::now();
        let p = self.policy;
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        let blocked = blocked_for(
            map.get(&account_key(account)).copied(),
            p.max_failures_per_account,
            p.window,
            now,
        )
        .max(blocked_for(
            map.get(&address_key(address)).copied(),
            p.max_failures_per_address,
            p.window,
            now,
        ));
        if let Some(secs) = blocked {
            return Err(secs);
        }
        if map.len() > 100_000 {
            map.retain(|_, f| now < f.since + p.window);
        }
        for key in [account_key(account), address_key(address)] {
            let next = after_failure(map.get(&key).copied(), p.window, now);
            map.insert(key, next);
        }
        Ok(())
    }

    /// The password was right: forget the account's failures and give back the address's count.
    pub fn succeeded(&self, account: &str, address: &str) {
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        map.remove(&account_key(account));
        if let Some(f) = map.get_mut(&address_key(address)) {
            f.count = f.count.saturating_sub(1);
        }
    }
}

fn account_key(email: &str) -> String {
    format!("a:{email}")
}

fn address_key(addr: &str) -> String {
    format!("i:{addr}")
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: Duration = Duration::from_secs(900);

    #[test]
    fn blocks_only_at_the_threshold_and_inside_the_window() {
        let t0 = Instant::now();
        let mut s = None;
        for _ in 0..4 {
            s = Some(after_failure(s, W, t0));
        }
        assert_eq!(blocked_for(s, 5, W, t0), None, "4 failures of 5 allowed");
        s = Some(after_failure(s, W, t0));
        assert_eq!(blocked_for(s, 5, W, t0), Some(900));
        assert_eq!(
            blocked_for(s, 5, W, t0 + Duration::from_millis(899_500)),
            Some(1)
        );
        assert_eq!(blocked_for(s, 5, W, t0 + W), None, "window over");
    }

    #[test]
    fn a_failure_after_the_window_starts_a_new_one() {
        let t0 = Instant::now();
        let s = Failures {
            count: 5,
            since: t0,
        };
        let next = after_failure(Some(s), W, t0 + W + Duration::from_secs(1));
        assert_eq!(next.count, 1);
    }

    #[test]
    fn begin_counts_before_verifying() {
        let t = LoginThrottle::new(Policy {
            max_failures_per_account: 3,
            max_failures_per_address: 10,
            window: W,
        });
        // Three guesses in flight at once use up the account's budget.
        for _ in 0..3 {
            assert!(t.begin("a@x", "1.1.1.1").is_ok());
        }
        assert!(t.begin("a@x", "2.2.2.2").is_err());
        let t = LoginThrottle::new(Policy::default());
        for _ in 0..30 {
            assert!(t.begin("ok@x", "1.1.1.1").is_ok());
            t.succeeded("ok@x", "1.1.1.1");
        }
        assert!(
            t.begin("other@x", "1.1.1.1").is_ok(),
            "successful logins do not block the address"
        );
    }

    #[test]
    fn success_clears_the_account_but_not_the_address() {
        let t = LoginThrottle::new(Policy {
            max_failures_per_account: 2,
            max_failures_per_address: 3,
            window: W,
        });
        assert!(t.begin("a@x", "1.2.3.4").is_ok());
        assert!(t.begin("a@x", "1.2.3.4").is_ok());
        assert!(t.begin("a@x", "9.9.9.9").is_err(), "account blocked");
        assert!(t.begin("b@x", "1.2.3.4").is_ok(), "address at 3 of 3");
        t.succeeded("b@x", "1.2.3.4");
        assert!(
            t.begin("c@x", "1.2.3.4").is_ok(),
            "a success gave its count back"
        );
        assert!(t.begin("d@x", "1.2.3.4").is_err(), "address blocked");
    }
}
