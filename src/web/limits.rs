//! Limits shared by every node: login throttles and tracking-link rate limits, in process (one
//! server) or in Redis (`DOORSTEP_REDIS_URL`, several). The rules are the same either way:
//!
//! - **Logins** follow `auth::throttle`'s pure rules, decided in Rust. In Redis, each key (pair,
//!   account, address) is a hash `{c: count, l: last failure, unix ms}`; `begin` reads the three
//!   states (one script, with Redis' clock), decides, and writes the counted states with a
//!   compare-and-set script that applies only if no other node changed them meanwhile (else it
//!   reads again). Refused attempts write nothing, as in process. If Redis cannot be reached a
//!   login is refused with 503 `/problems/limits-unavailable` (fail closed: guessing must not
//!   get cheaper when Redis is down).
//! - **Tracking links** use GCRA (what `governor` does in process): one script checks the
//!   token's and the address's theoretical arrival times and takes both, or neither. If Redis
//!   cannot be reached the request goes through (fail open: customers keep their page).
//!
//! Either failure is logged as a warning at most once a minute.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use redis::aio::{ConnectionManager, ConnectionManagerConfig};

use crate::auth::throttle::{self, Failures, LoginThrottle, Policy};
use crate::web::ratelimit::KeyedLimit;

/// Why a limited action may not go ahead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Over the limit: wait this many seconds.
    Wait(u64),
    /// The shared store is unreachable (logins fail closed).
    Unavailable,
}

/// A Redis connection shared by the limits, made on first use (a node starts while Redis is
/// down, and reconnects by itself).
pub struct Shared {
    manager: ConnectionManager,
    prefix: String,
    last_warning: AtomicU64,
}

const READ_LOGIN: &str = r"
local t = redis.call('TIME')
local out = { tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) }
for i = 1, #KEYS do
  local v = redis.call('HMGET', KEYS[i], 'c', 'l')
  out[#out + 1] = v[1] or ''
  out[#out + 1] = v[2] or ''
end
return out
";

/// ARGV: window ms, then per key: expected count, expected last, new count, new last.
const WRITE_LOGIN: &str = r"
for i = 1, #KEYS do
  local v = redis.call('HMGET', KEYS[i], 'c', 'l')
  local base = 1 + (i - 1) * 4
  if (v[1] or '') ~= ARGV[base + 1] or (v[2] or '') ~= ARGV[base + 2] then
    return 0
  end
end
for i = 1, #KEYS do
  local base = 1 + (i - 1) * 4
  redis.call('HSET', KEYS[i], 'c', ARGV[base + 3], 'l', ARGV[base + 4])
  redis.call('PEXPIRE', KEYS[i], ARGV[1])
end
return 1
";

/// ARGV[1] = 1: the first key (the pair) is cleared; every other key gives back one count.
const GIVE_BACK: &str = r"
local first = 1
if ARGV[1] == '1' then
  redis.call('DEL', KEYS[1])
  first = 2
end
for i = first, #KEYS do
  local c = tonumber(redis.call('HGET', KEYS[i], 'c'))
  if c and c > 0 then redis.call('HINCRBY', KEYS[i], 'c', -1) end
end
return 1
";

/// GCRA over two keys. ARGV: interval ms and burst of each key. Returns 0 (both taken) or the
/// milliseconds until both would allow one more.
const GCRA: &str = r"
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local wait = 0
local tats = {}
for i = 1, #KEYS do
  local interval = tonumber(ARGV[(i - 1) * 2 + 1])
  local burst = tonumber(ARGV[(i - 1) * 2 + 2])
  local tat = tonumber(redis.call('GET', KEYS[i])) or now
  if tat < now then tat = now end
  local next_tat = tat + interval
  local allow_at = next_tat - burst * interval
  if allow_at > now and allow_at - now > wait then wait = allow_at - now end
  tats[i] = next_tat
end
if wait > 0 then return wait end
for i = 1, #KEYS do
  redis.call('SET', KEYS[i], tats[i], 'PX', math.max(1, tats[i] - now))
end
return 0
";

impl Shared {
    /// A lazy connection to `url` (nothing is sent until the first limit is checked); short
    /// timeouts, so that a request does not hang on an unreachable Redis.
    pub fn connect(url: &str, prefix: &str) -> anyhow::Result<Shared> {
        let client = redis::Client::open(url)?;
        let config = ConnectionManagerConfig::new()
            .set_connection_timeout(Some(Duration::from_millis(500)))
            .set_response_timeout(Some(Duration::from_millis(500)))
            .set_number_of_retries(1)
            .set_min_delay(Duration::from_millis(10))
            .set_max_delay(Duration::from_millis(200));
        Ok(Shared {
            manager: ConnectionManager::new_lazy_with_config(client, config)?,
            prefix: prefix.to_owned(),
            last_warning: AtomicU64::new(0),
        })
    }

    fn key(&self, kind: &str, parts: &[&str]) -> String {
        // Hashed: e-mail addresses are not kept in Redis, and keys have a bounded length.
        let joined = parts.join("\u{0}");
        let hash = crate::ids::secret_hash(&joined);
        format!("{}{kind}:{}", self.prefix, &hash[..32])
    }

    /// Log that Redis failed, at most once a minute.
    fn warn(&self, what: &str, e: &redis::RedisError) {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let last = self.last_warning.load(Ordering::Relaxed);
        if now >= last + 60
            && self
                .last_warning
                .compare_exchange(last, now, Ordering::Relaxed, Ordering::Relaxed)
                .is_ok()
        {
            tracing::warn!(error = %e, "Redis unreachable: {what} (logged once a minute)");
        }
    }

    fn login_keys(&self, account: &str, address: &str) -> [String; 3] {
        [
            self.key("login:pair", &[account, address]),
            self.key("login:account", &[account]),
            self.key("login:address", &[address]),
        ]
    }

    async fn login_begin(
        &self,
        p: &Policy,
        account: &str,
        address: &str,
    ) -> redis::RedisResult<Result<(), u64>> {
        let keys = self.login_keys(account, address);
        let (read, write) = (
            redis::Script::new(READ_LOGIN),
            redis::Script::new(WRITE_LOGIN),
        );
        let mut conn = self.manager.clone();
        let window_ms = u64::try_from(p.window.as_millis()).unwrap_or(u64::MAX);
        // Another node changing the same keys between our read and write makes us read again;
        // past a few rounds of that (a storm on one account) the attempt waits a second.
        for _ in 0..8 {
            let mut inv = read.prepare_invoke();
            for k in &keys {
                inv.key(k);
            }
            let v: Vec<String> = inv.invoke_async(&mut conn).await?;
            let (now_ms, raw) = parse_read(&v);
            let now = Instant::now();
            let states = [0, 1, 2].map(|i| {
                raw[i].map(|(count, last_ms)| Failures {
                    count,
                    last: instant_of(now, now_ms, last_ms),
                })
            });
            let live = states.map(|s| throttle::live(s, p.window, now));
            if let Some(w) = throttle::wait(p, live[0], live[1], live[2], now) {
                return Ok(Err(throttle::retry_after_secs(w)));
            }
            let mut inv = write.prepare_invoke();
            inv.arg(window_ms);
            for (i, k) in keys.iter().enumerate() {
                let next = throttle::after_failure(states[i], p.window, now);
                inv.key(k)
                    .arg(&v[1 + 2 * i])
                    .arg(&v[2 + 2 * i])
                    .arg(next.count)
                    .arg(now_ms);
            }
            let applied: i64 = inv.invoke_async(&mut conn).await?;
            if applied == 1 {
                return Ok(Ok(()));
            }
        }
        Ok(Err(1))
    }

    async fn login_give_back(
        &self,
        account: &str,
        address: &str,
        clear_pair: bool,
    ) -> redis::RedisResult<()> {
        let script = redis::Script::new(GIVE_BACK);
        let mut inv = script.prepare_invoke();
        for k in self.login_keys(account, address) {
            inv.key(k);
        }
        inv.arg(if clear_pair { "1" } else { "0" });
        let mut conn = self.manager.clone();
        let _: i64 = inv.invoke_async(&mut conn).await?;
        Ok(())
    }

    async fn gcra(&self, limits: [(&str, &str, u32); 2]) -> redis::RedisResult<u64> {
        let script = redis::Script::new(GCRA);
        let mut inv = script.prepare_invoke();
        for (kind, key, per_minute) in limits {
            let per_minute = per_minute.max(1);
            inv.key(self.key(kind, &[key]))
                .arg((60_000 / u64::from(per_minute)).max(1))
                .arg(per_minute);
        }
        let mut conn = self.manager.clone();
        inv.invoke_async(&mut conn).await
    }
}

/// The read script's answer: Redis' time (unix ms) and each key's (count, last ms), if any.
fn parse_read(v: &[String]) -> (u64, [Option<(u32, u64)>; 3]) {
    let now_ms = v.first().and_then(|s| s.parse().ok()).unwrap_or(0);
    let state = |i: usize| {
        let c = v.get(1 + 2 * i)?.parse().ok()?;
        let l = v.get(2 + 2 * i)?.parse().ok()?;
        Some((c, l))
    };
    (now_ms, [state(0), state(1), state(2)])
}

/// The local `Instant` of a moment `last_ms` on Redis' clock, which reads `now_ms` at `now`.
fn instant_of(now: Instant, now_ms: u64, last_ms: u64) -> Instant {
    now.checked_sub(Duration::from_millis(now_ms.saturating_sub(last_ms)))
        .unwrap_or(now)
}

/// Login throttles: in process, or shared through Redis.
pub enum LoginLimits {
    Local(LoginThrottle),
    Shared(Policy, std::sync::Arc<Shared>),
}

impl LoginLimits {
    /// Check and count in one step, before the password is verified (see `auth::throttle`).
    pub async fn begin(&self, account: &str, address: &str) -> Result<(), Refusal> {
        match self {
            LoginLimits::Local(t) => t.begin(account, address).map_err(Refusal::Wait),
            LoginLimits::Shared(p, s) => match s.login_begin(p, account, address).await {
                Ok(r) => r.map_err(Refusal::Wait),
                Err(e) => {
                    s.warn("logins are refused (503) until it is back", &e);
                    Err(Refusal::Unavailable)
                }
            },
        }
    }

    /// The password was right: the pair starts afresh; the others get their count back.
    pub async fn succeeded(&self, account: &str, address: &str) {
        match self {
            LoginLimits::Local(t) => t.succeeded(account, address),
            LoginLimits::Shared(_, s) => {
                if let Err(e) = s.login_give_back(account, address, true).await {
                    s.warn("a successful login's count was not given back", &e);
                }
            }
        }
    }

    /// The password was not checked: every count `begin` took is given back.
    pub async fn abandoned(&self, account: &str, address: &str) {
        match self {
            LoginLimits::Local(t) => t.abandoned(account, address),
            LoginLimits::Shared(_, s) => {
                if let Err(e) = s.login_give_back(account, address, false).await {
                    s.warn("an unchecked login's count was not given back", &e);
                }
            }
        }
    }
}

/// Tracking-link limits per token and per client address.
pub enum TrackingLimits {
    Local {
        token: KeyedLimit,
        address: KeyedLimit,
    },
    Shared {
        per_token: u32,
        per_address: u32,
        shared: std::sync::Arc<Shared>,
    },
}

impl TrackingLimits {
    /// `Err(seconds to wait)` when the token or the address is over its limit.
    pub async fn check(&self, token_key: &str, address: &str) -> Result<(), u64> {
        match self {
            TrackingLimits::Local { token, address: a } => {
                token.check(token_key).and(a.check(address))
            }
            TrackingLimits::Shared {
                per_token,
                per_address,
                shared,
            } => {
                let limits = [
                    ("track:token", token_key, *per_token),
                    ("track:address", address, *per_address),
                ];
                match shared.gcra(limits).await {
                    Ok(0) => Ok(()),
                    Ok(ms) => Err(ms.div_ceil(1000).max(1)),
                    Err(e) => {
                        shared.warn("tracking links are not rate-limited until it is back", &e);
                        Ok(())
                    }
                }
            }
        }
    }
}

/// Where the limits live: this process, or Redis shared by every node.
#[derive(clap::Args, Clone, Debug)]
pub struct Sharing {
    /// Redis for limits shared by every node (`redis://127.0.0.1:6379/0`): login throttles and
    /// tracking-link rate limits. Unset: each process counts on its own.
    #[arg(
        long = "redis-url",
        env = "DOORSTEP_REDIS_URL",
        hide_env_values = true,
        global = true
    )]
    pub redis_url: Option<String>,
    /// Prefix of Doorstep's Redis keys.
    #[arg(
        long = "redis-prefix",
        env = "DOORSTEP_REDIS_PREFIX",
        default_value = "doorstep:",
        global = true
    )]
    pub redis_prefix: String,
}

impl Sharing {
    pub fn validate(&self) -> anyhow::Result<()> {
        if let Some(url) = &self.redis_url {
            redis::Client::open(url.as_str())
                .map_err(|e| anyhow::anyhow!("DOORSTEP_REDIS_URL: {e}"))?;
        }
        Ok(())
    }
}

/// The limits the settings ask for.
pub fn build(
    sharing: &Sharing,
    login: Policy,
    per_token: u32,
    per_address: u32,
) -> anyhow::Result<(LoginLimits, TrackingLimits)> {
    let Some(url) = sharing.redis_url.as_deref() else {
        return Ok((
            LoginLimits::Local(LoginThrottle::new(login)),
            TrackingLimits::Local {
                token: KeyedLimit::per_minute(per_token),
                address: KeyedLimit::per_minute(per_address),
            },
        ));
    };
    let shared = std::sync::Arc::new(Shared::connect(url, &sharing.redis_prefix)?);
    Ok((
        LoginLimits::Shared(login, shared.clone()),
        TrackingLimits::Shared {
            per_token,
            per_address,
            shared,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_read_answer_is_parsed_and_mapped_to_local_time() {
        let v: Vec<String> = ["1000000", "3", "999000", "", "", "7", "1000000"]
            .map(str::to_owned)
            .to_vec();
        let (now_ms, s) = parse_read(&v);
        assert_eq!(now_ms, 1_000_000);
        assert_eq!(s, [Some((3, 999_000)), None, Some((7, 1_000_000))]);
        let now = Instant::now();
        let then = instant_of(now, now_ms, 999_000);
        assert_eq!(now - then, Duration::from_secs(1));
        assert_eq!(instant_of(now, 5, 10), now, "a later clock is now");
    }
}
