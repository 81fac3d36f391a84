//! Webhook delivery settings: where receivers may be, how long a delivery may take, how many
//! run at once.

use std::time::Duration;

#[derive(clap::Args, Clone, Debug)]
pub struct WebhookSettings {
    /// Allow webhooks to http:// and loopback/private addresses (local development only).
    #[arg(
        long = "webhook-allow-private",
        env = "DOORSTEP_WEBHOOK_ALLOW_PRIVATE",
        default_value_t = false,
        global = true
    )]
    pub allow_private: bool,
    /// How often the dispatcher looks for work when idle.
    #[arg(skip = Duration::from_millis(500))]
    pub poll: Duration,
    /// The first retry delay (the schedule grows from it).
    #[arg(skip = Duration::from_secs(10))]
    pub retry_base: Duration,
    /// Seconds one webhook delivery may take before it counts as failed (and is retried).
    #[arg(
        long = "webhook-timeout-secs",
        env = "DOORSTEP_WEBHOOK_TIMEOUT_SECS",
        default_value = "10",
        value_parser = crate::args::secs,
        global = true
    )]
    pub timeout: Duration,
    /// Webhook deliveries in flight at once (per server).
    #[arg(
        long = "webhook-max-in-flight",
        env = "DOORSTEP_WEBHOOK_MAX_IN_FLIGHT",
        default_value_t = 64,
        global = true
    )]
    pub max_in_flight: usize,
    /// Webhook deliveries in flight at once for one org while others wait (per server): its
    /// slow receivers cannot delay other orgs' deliveries. An org alone borrows the idle
    /// slots, less this many kept free for the next org.
    #[arg(
        long = "webhook-max-in-flight-per-org",
        env = "DOORSTEP_WEBHOOK_MAX_IN_FLIGHT_PER_ORG",
        default_value_t = 4,
        global = true
    )]
    pub max_in_flight_per_org: usize,
    /// Webhook subscriptions one org may keep (deleted ones do not count).
    #[arg(
        long = "webhook-max-subscriptions",
        env = "DOORSTEP_WEBHOOK_MAX_SUBSCRIPTIONS",
        default_value_t = 25,
        global = true
    )]
    pub max_subscriptions: u32,
}

impl WebhookSettings {
    pub fn validate(&self) -> anyhow::Result<()> {
        anyhow::ensure!(
            !self.timeout.is_zero() && self.timeout <= Duration::from_secs(300),
            "DOORSTEP_WEBHOOK_TIMEOUT_SECS must be between 1 and 300"
        );
        anyhow::ensure!(
            self.max_in_flight > 0 && self.max_in_flight_per_org > 0,
            "DOORSTEP_WEBHOOK_MAX_IN_FLIGHT and DOORSTEP_WEBHOOK_MAX_IN_FLIGHT_PER_ORG must be positive"
        );
        Ok(())
    }
}
