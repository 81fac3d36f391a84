//! Login throttling, keyed first by (account, client address), so that guessing someone's
//! password from one address never locks its owner out from another:
//!
//! - **pair** (account, address): after `free_failures_per_pair` failures that address is slowed
//!   down for that account: 429 with a `Retry-After` of `first_delay`, doubling with every
//!   further failure, at most `window`. A success from the pair clears it.
//! - **account** across addresses: past `max_failures_per_account` failures the account is under
//!   attack, and every address that has failed for it at least once is slowed down from its
//!   first failure. An address that has not failed for the account still gets through, so a
//!   correct password from the owner's own address works during an attack from others.
//! - **address** across accounts: past `max_failures_per_address` failures, every account that
//!   has itself failed from that address gets 429 until `window` has passed since the
//!   address's last failure. An account that has not failed from it is never refused there, so
//!   behind a shared address (a proxy, carrier NAT) a spray of wrong passwords locks nobody out.
//!
//! A key's failures are forgotten once `window` passes without a new one. Refused attempts are
//! not counted, so no key can keep itself blocked. `LoginThrottle` keeps the state in process;
//! with `DOORSTEP_REDIS_URL` the same rules run over state in Redis, shared by every node
//! (`web::limits`).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Copy)]
pub struct Policy {
    /// Failures one address may make for one account before it is slowed down.
    pub free_failures_per_pair: u32,
    /// The first wait once slowed down; it doubles with each further failure.
    pub first_delay: Duration,
    /// Failures for one account (all addresses) from which every address that has failed for
    /// it is slowed down from its first failure.
    pub max_failures_per_account: u32,
    /// Failures one address may make (all accounts) before it gets 429 for `window`.
    pub max_failures_per_address: u32,
    /// Failures are forgotten after this long without a new one; also the longest wait.
    pub window: Duration,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            free_failures_per_pair: 5,
            first_delay: Duration::from_secs(1),
            max_failures_per_account: 50,
            max_failures_per_address: 20,
            window: Duration::from_secs(15 * 60),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Failures {
    pub count: u32,
    /// When the last failure was counted.
    pub last: Instant,
}

/// The failures of a key that still count at `now`.
pub fn live(state: Option<Failures>, window: Duration, now: Instant) -> Option<Failures> {
    state.filter(|s| now < s.last + window)
}

/// State after one more failure at `now`.
pub fn after_failure(state: Option<Failures>, window: Duration, now: Instant) -> Failures {
    Failures {
        count: live(state, window, now).map_or(1, |s| s.count.saturating_add(1)),
        last: now,
    }
}

/// The wait after `count` failures of which `free` are free: none up to `free`, then
/// `first` doubling with each failure beyond, at most `cap`.
pub fn slowdown(count: u32, free: u32, first: Duration, cap: Duration) -> Option<Duration> {
    let free = free.max(1);
    if count < free {
        return None;
    }
    let factor = 1u32.checked_shl(count - free).unwrap_or(u32::MAX);
    Some(first.saturating_mul(factor).min(cap))
}

/// How long an attempt for `account` from `address` must wait at `now`, given the live
/// failures of the pair, the account and the address; `None` lets it through.
pub fn wait(
    p: &Policy,
    pair: Option<Failures>,
    account: Option<Failures>,
    address: Option<Failures>,
    now: Instant,
) -> Option<Duration> {
    let remaining = |until: Instant| (now < until).then(|| until - now);
    let under_attack = account.is_some_and(|a| a.count >= p.max_failures_per_account);
    let free = if under_attack {
        1
    } else {
        p.free_failures_per_pair
    };
    let pair_wait = pair
        .and_then(|s| Some(s.last + slowdown(s.count, free, p.first_delay, p.window)?))
        .and_then(remaining);
    // An address over its budget (a proxy, a carrier NAT, an office) slows only the accounts
    // that have themselves failed from it: a correct password of anyone else gets through.
    let address_wait = address
        .filter(|s| s.count >= p.max_failures_per_address && pair.is_some())
        .and_then(|s| remaining(s.last + p.window));
    pair_wait.max(address_wait)
}

/// Whole seconds for `Retry-After`, rounded up so a client that waits them is let through.
pub fn retry_after_secs(wait: Duration) -> u64 {
    (wait.as_millis().div_ceil(1000) as u64).max(1)
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Pair { account: String, address: String },
    Account(String),
    Address(String),
}

#[derive(Debug, Default)]
pub struct LoginThrottle {
    policy: Policy,
    failures: Mutex<HashMap<Key, Failures>>,
}

impl LoginThrottle {
    pub fn new(policy: Policy) -> Self {
        LoginThrottle {
            policy,
            failures: Mutex::default(),
        }
    }

    /// Check and count in one step, before the password is verified: parallel guesses cannot
    /// all pass the check first. `Err(seconds)` when refused; after the verification call
    /// `succeeded`, or `abandoned` if the password was not checked after all.
    pub fn begin(&self, account: &str, address: &str) -> Result<(), u64> {
        self.begin_at(account, address, Instant::now())
    }

    fn begin_at(&self, account: &str, address: &str, now: Instant) -> Result<(), u64> {
        let p = self.policy;
        let keys = keys(account, address);
        let mut map = self.lock();
        let [pair, acc, addr] = keys
            .clone()
            .map(|k| live(map.get(&k).copied(), p.window, now));
        if let Some(w) = wait(&p, pair, acc, addr, now) {
            return Err(retry_after_secs(w));
        }
        if map.len() > 100_000 {
            // Bound memory under a spray of keys.
            map.retain(|_, f| live(Some(*f), p.window, now).is_some());
        }
        for key in keys {
            let next = after_failure(map.get(&key).copied(), p.window, now);
            map.insert(key, next);
        }
        Ok(())
    }

    /// The password was right: the pair starts afresh, and the account and address get back
    /// the count `begin` took.
    pub fn succeeded(&self, account: &str, address: &str) {
        let [pair, acc, addr] = keys(account, address);
        let mut map = self.lock();
        map.remove(&pair);
        give_back(&mut map, &acc);
        give_back(&mut map, &addr);
    }

    /// The password was not checked (the server was overloaded, the database unreachable):
    /// give back every count `begin` took.
    pub fn abandoned(&self, account: &str, address: &str) {
        let mut map = self.lock();
        for key in keys(account, address) {
            give_back(&mut map, &key);
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Key, Failures>> {
        self.failures.lock().unwrap_or_else(|p| p.into_inner())
    }
}

fn keys(account: &str, address: &str) -> [Key; 3] {
    [
        Key::Pair {
            account: account.to_owned(),
            address: address.to_owned(),
        },
        Key::Account(account.to_owned()),
        Key::Address(address.to_owned()),
    ]
}

fn give_back(map: &mut HashMap<Key, Failures>, key: &Key) {
    if let Some(f) = map.get_mut(key) {
        f.count = f.count.saturating_sub(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: Duration = Duration::from_secs(900);
    const S: Duration = Duration::from_secs(1);

    fn throttle() -> LoginThrottle {
        LoginThrottle::new(Policy::default())
    }

    #[test]
    fn the_slowdown_doubles_and_is_capped_at_the_window() {
        assert_eq!(slowdown(4, 5, S, W), None);
        assert_eq!(slowdown(5, 5, S, W), Some(S));
        assert_eq!(slowdown(6, 5, S, W), Some(2 * S));
        assert_eq!(slowdown(9, 5, S, W), Some(16 * S));
        assert_eq!(slowdown(15, 5, S, W), Some(W), "2^10 s capped");
        assert_eq!(slowdown(u32::MAX, 5, S, W), Some(W), "no overflow");
        assert_eq!(slowdown(0, 0, S, W), None, "no failure, no wait");
    }

    #[test]
    fn a_pair_is_slowed_down_more_with_each_failure() {
        let t = throttle();
        let t0 = Instant::now();
        for _ in 0..5 {
            assert!(t.begin_at("a@x", "1.1.1.1", t0).is_ok());
        }
        assert_eq!(t.begin_at("a@x", "1.1.1.1", t0), Err(1), "6th: wait 1 s");
        // Refused attempts do not count: after the wait one more guess is allowed.
        let t1 = t0 + S;
        assert!(t.begin_at("a@x", "1.1.1.1", t1).is_ok());
        assert_eq!(t.begin_at("a@x", "1.1.1.1", t1), Err(2));
        let t2 = t1 + 2 * S;
        assert!(t.begin_at("a@x", "1.1.1.1", t2).is_ok());
        assert_eq!(t.begin_at("a@x", "1.1.1.1", t2), Err(4));
        // Forgotten after a quiet window.
        let later = t2 + W;
        for _ in 0..5 {
            assert!(t.begin_at("a@x", "1.1.1.1", later).is_ok());
        }
    }

    #[test]
    fn another_address_gets_through_while_one_is_slowed() {
        let t = throttle();
        let t0 = Instant::now();
        for _ in 0..5 {
            assert!(t.begin_at("alice@x", "6.6.6.6", t0).is_ok());
        }
        for _ in 0..20 {
            assert!(t.begin_at("alice@x", "6.6.6.6", t0).is_err());
        }
        assert!(t.begin_at("alice@x", "10.0.0.7", t0).is_ok(), "the owner");
        t.succeeded("alice@x", "10.0.0.7");
        assert!(
            t.begin_at("alice@x", "6.6.6.6", t0).is_err(),
            "still slowed"
        );
    }

    #[test]
    fn an_account_under_attack_slows_every_address_that_failed_for_it() {
        let t = throttle();
        let t0 = Instant::now();
        for i in 0..50 {
            assert!(t.begin_at("alice@x", &format!("10.1.0.{i}"), t0).is_ok());
        }
        // 50 failures from 50 addresses: one more from any of them waits ...
        assert_eq!(t.begin_at("alice@x", "10.1.0.3", t0), Err(1));
        // ... an address that has not failed for alice does not.
        assert!(t.begin_at("alice@x", "10.9.9.9", t0).is_ok());
        // Other accounts are not concerned.
        assert!(t.begin_at("bob@x", "10.1.0.3", t0).is_ok());
    }

    #[test]
    fn an_address_has_a_limit_across_accounts() {
        let t = throttle();
        let t0 = Instant::now();
        for i in 0..20 {
            assert!(t.begin_at(&format!("u{i}@x"), "5.5.5.5", t0).is_ok());
        }
        // A failing account waits the window from that address ...
        assert_eq!(t.begin_at("u3@x", "5.5.5.5", t0), Err(900));
        assert!(t.begin_at("u3@x", "5.5.5.6", t0).is_ok(), "per address");
        // ... an account that has not failed from it goes through, and goes on going
        // through while it succeeds (30 drivers behind one NAT).
        for i in 0..30 {
            let who = format!("driver{i}@x");
            assert!(t.begin_at(&who, "5.5.5.5", t0).is_ok(), "{who}");
        }
        for i in 0..30 {
            t.succeeded(&format!("driver{i}@x"), "5.5.5.5");
        }
        assert!(t.begin_at("driver0@x", "5.5.5.5", t0).is_ok());
        // A fresh account's first wrong guess goes through, its second waits.
        assert!(t.begin_at("fresh@x", "5.5.5.5", t0).is_ok());
        assert_eq!(t.begin_at("fresh@x", "5.5.5.5", t0), Err(900));
        assert!(t.begin_at("u4@x", "5.5.5.5", t0 + W).is_ok(), "not forever");
    }

    #[test]
    fn a_success_clears_the_pair_and_gives_back_its_count() {
        let t = throttle();
        let t0 = Instant::now();
        for _ in 0..4 {
            assert!(t.begin_at("a@x", "1.2.3.4", t0).is_ok());
        }
        assert!(t.begin_at("a@x", "1.2.3.4", t0).is_ok());
        t.succeeded("a@x", "1.2.3.4");
        for _ in 0..5 {
            assert!(t.begin_at("a@x", "1.2.3.4", t0).is_ok(), "pair cleared");
        }
        // Successful logins do not use up the address's budget.
        let t = throttle();
        for _ in 0..30 {
            assert!(t.begin_at("ok@x", "1.1.1.1", t0).is_ok());
            t.succeeded("ok@x", "1.1.1.1");
        }
        assert!(t.begin_at("other@x", "1.1.1.1", t0).is_ok());
    }

    #[test]
    fn begin_counts_before_verifying_and_abandoned_gives_back() {
        let t = throttle();
        let t0 = Instant::now();
        // Five guesses in flight at once use up the pair's free failures.
        for _ in 0..5 {
            assert!(t.begin_at("a@x", "1.1.1.1", t0).is_ok());
        }
        assert!(t.begin_at("a@x", "1.1.1.1", t0).is_err());
        // One of them was never checked (503): its count comes back.
        t.abandoned("a@x", "1.1.1.1");
        assert!(t.begin_at("a@x", "1.1.1.1", t0).is_ok());
        assert!(t.begin_at("a@x", "1.1.1.1", t0).is_err());
    }

    #[test]
    fn retry_after_rounds_up() {
        assert_eq!(retry_after_secs(Duration::from_millis(1)), 1);
        assert_eq!(retry_after_secs(Duration::from_millis(1001)), 2);
        assert_eq!(retry_after_secs(W), 900);
    }
}
