//! One memory budget for every photo decoded at once on this server
//! (`DOORSTEP_DECODE_MEMORY_MB`): a decode takes its pixels' bytes (four a pixel) from the
//! budget before it starts and gives them back when done, so concurrent large photos wait
//! their turn instead of taking gigabytes together. A photo that cannot get its share within
//! a short wait is refused with 503 and `Retry-After`, and loses nothing (the driver's app
//! sends it again).

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::error::ApiError;

/// Units of the budget: one MiB.
const UNIT: u64 = 1024 * 1024;

#[derive(Debug, Clone)]
pub struct DecodeBudget {
    units: Arc<Semaphore>,
    total: u32,
    wait: Duration,
}

/// The share of the budget a decode of `pixels` takes, in MiB (at least one, at most all).
pub fn share(pixels: u64, total: u32) -> u32 {
    let bytes = pixels.saturating_mul(4);
    let units = bytes.div_ceil(UNIT).max(1);
    u32::try_from(units).unwrap_or(u32::MAX).min(total.max(1))
}

impl DecodeBudget {
    pub fn new(megabytes: u32, wait: Duration) -> DecodeBudget {
        let total = megabytes.max(1);
        DecodeBudget {
            units: Arc::new(Semaphore::new(total as usize)),
            total,
            wait,
        }
    }

    /// Take the share of a decode of `pixels`, waiting at most the configured time.
    pub async fn take(&self, pixels: u64) -> Result<OwnedSemaphorePermit, ApiError> {
        let n = share(pixels, self.total);
        match tokio::time::timeout(self.wait, self.units.clone().acquire_many_owned(n)).await {
            Ok(Ok(permit)) => Ok(permit),
            _ => Err(ApiError::Overloaded(
                "the server is decoding other photos; send this one again in a moment".to_owned(),
            )),
        }
    }

    /// MiB free now (for tests and metrics).
    pub fn available(&self) -> usize {
        self.units.available_permits()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_share_is_four_bytes_a_pixel_bounded_by_the_budget() {
        assert_eq!(share(1, 512), 1);
        assert_eq!(share(7000 * 7000, 512), 187);
        assert_eq!(share(50_000_000, 100), 100, "never more than the whole");
        assert_eq!(share(u64::MAX, 512), 512);
    }

    #[tokio::test]
    async fn decodes_wait_for_their_share_then_are_refused() {
        let b = DecodeBudget::new(300, Duration::from_millis(50));
        let first = b.take(7000 * 7000).await.unwrap();
        assert_eq!(b.available(), 113);
        let refused = b.take(7000 * 7000).await.unwrap_err();
        assert!(matches!(refused, ApiError::Overloaded(_)));
        drop(first);
        assert!(b.take(7000 * 7000).await.is_ok(), "given back");
    }
}
