//! Keyed request rate limits (GCRA, via `governor`): e.g. per tracking token and per address.

use std::num::NonZeroU32;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use actix_web::HttpRequest;

use super::state::AppState;
use crate::error::{ApiError, ApiResult};

pub struct KeyedLimit {
    limiter: DefaultKeyedRateLimiter<String>,
    clock: DefaultClock,
}

impl KeyedLimit {
    /// `per_minute` requests a minute per key, all of which may come in a burst.
    pub fn per_minute(per_minute: u32) -> KeyedLimit {
        let n = NonZeroU32::new(per_minute.max(1)).unwrap_or(NonZeroU32::MIN);
        KeyedLimit {
            limiter: RateLimiter::keyed(Quota::per_minute(n)),
            clock: DefaultClock::default(),
        }
    }

    /// `Err(seconds to wait)` when `key` is over its limit.
    pub fn check(&self, key: &str) -> Result<(), u64> {
        if self.limiter.len() > 100_000 {
            // Bound memory under a spray of keys.
            self.limiter.retain_recent();
        }
        self.limiter
            .check_key(&key.to_owned())
            .map_err(|not_until| {
                let wait = not_until.wait_time_from(self.clock.now());
                wait.as_millis().div_ceil(1000).max(1) as u64
            })
    }
}

/// Rate-limit per token and per client address, before touching the database.
/// With Redis, the limits are shared by every node, and an unreachable Redis lets requests
/// through (`web::limits`).
pub async fn tracking_link(state: &AppState, req: &HttpRequest, token: &str) -> ApiResult<()> {
    let address = crate::client_addr::of_request(req, &state.settings.trusted_proxies);
    let token_key = crate::ids::secret_hash(token);
    let limited = state.tracking_limits.check(&token_key, &address).await;
    limited.map_err(|secs| ApiError::TooManyRequests {
        retry_after_secs: secs,
        detail: "too many requests for this tracking link; try again shortly".to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allows_the_quota_then_refuses_with_a_wait() {
        let l = KeyedLimit::per_minute(3);
        for _ in 0..3 {
            assert!(l.check("a").is_ok());
        }
        let wait = l.check("a").unwrap_err();
        assert!((1..=20).contains(&wait), "wait {wait}");
        assert!(l.check("b").is_ok(), "keys are independent");
    }
}
