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

    /// Seconds to wait if either key is blocked.
    pub fn check(&self, account: &str, address: &str) -> Option<u64> {
        let now = Instant::now();
        let map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        let p = self.policy;
        let a = blocked_for(
            map.get(&account_key(account)).copied(),
            p.max_failures_per_account,
            p.window,
            now,
        );
        let b = blocked_for(
            map.get(&address_key(address)).copied(),
            p.max_failures_per_address,
            p.window,
            now,
        );
        a.max(b)
    }

    pub fn record_failure(&self, account: &str, address: &str) {
        let now = Instant::now();
        let window = self.policy.window;
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        if map.len() > 100_000 {
            // Bound memory under a spray of addresses: forget finished windows.
            map.retain(|_, f| now < f.since + window);
        }
        for key in [account_key(account), address_key(address)] {
            let next = after_failure(map.get(&key).copied(), window, now);
            map.insert(key, next);
        }
    }

    pub fn record_success(&self, account: &str) {
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        map.remove(&account_key(account));
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
    fn success_clears_the_account_but_not_the_address() {
        let t = LoginThrottle::new(Policy {
            max_failures_per_account: 2,
            max_failures_per_address: 3,
            window: W,
        });
        t.record_failure("a@x", "1.2.3.4");
        t.record_failure("a@x", "1.2.3.4");
        assert!(t.check("a@x", "9.9.9.9").is_some(), "account blocked");
        assert!(
            t.check("b@x", "1.2.3.4").is_none(),
            "address below its limit"
        );
        t.record_success("a@x");
        assert!(t.check("a@x", "9.9.9.9").is_none());
        t.record_failure("c@x", "1.2.3.4");
        assert!(t.check("d@x", "1.2.3.4").is_some(), "address blocked");
    }
}
