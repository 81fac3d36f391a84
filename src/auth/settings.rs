//! Sign-in settings: token secrets and lifetimes, the password hashing queue, console sessions.

use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};

pub const MIN_JWT_SECRET_BYTES: usize = 32;

#[derive(clap::Args, Clone, Debug)]
pub struct AuthSettings {
    /// HS256 secret for access tokens, at least 32 bytes. Unset: a random one per start.
    #[arg(
        long = "jwt-secret",
        env = "DOORSTEP_JWT_SECRET",
        hide_env_values = true,
        value_parser = crate::args::secret,
        global = true
    )]
    pub jwt_secret: Option<SecretString>,
    #[arg(skip = "doorstep".to_owned())]
    pub jwt_issuer: String,
    #[arg(skip = "doorstep-api".to_owned())]
    pub jwt_audience: String,
    /// Access token lifetime in seconds.
    #[arg(
        long = "access-token-ttl",
        env = "DOORSTEP_ACCESS_TOKEN_TTL",
        default_value = "900",
        value_parser = crate::args::secs,
        global = true
    )]
    pub access_token_ttl: Duration,
    /// Refresh token lifetime in seconds.
    #[arg(
        long = "refresh-token-ttl",
        env = "DOORSTEP_REFRESH_TOKEN_TTL",
        default_value = "2592000",
        value_parser = crate::args::secs,
        global = true
    )]
    pub refresh_token_ttl: Duration,
    /// A just-rotated refresh token stays usable this long (flaky mobile networks retry).
    #[arg(skip = Duration::from_secs(10))]
    pub refresh_reuse_grace: Duration,
    /// Password hashes and verifications running at once, 19 MiB of memory each (default: one
    /// per core). Logins beyond wait in a queue.
    #[arg(
        long = "max-concurrent-hashes",
        env = "DOORSTEP_MAX_CONCURRENT_HASHES",
        global = true
    )]
    pub max_concurrent_hashes: Option<usize>,
    /// Milliseconds a login may wait in that queue before 503 with `Retry-After: 1`.
    #[arg(
        long = "hash-queue-timeout-ms",
        env = "DOORSTEP_HASH_QUEUE_TIMEOUT_MS",
        default_value = "2000",
        value_parser = crate::args::millis,
        global = true
    )]
    pub hash_queue_timeout: Duration,
    /// Minutes without a request after which an operations console session ends.
    #[arg(
        long = "console-idle-minutes",
        env = "DOORSTEP_CONSOLE_IDLE_MINUTES",
        default_value = "30",
        value_parser = crate::args::minutes,
        global = true
    )]
    pub console_idle: Duration,
}

impl AuthSettings {
    /// Password hashes at once: as configured, else one per core.
    pub fn hashes_at_once(&self) -> usize {
        self.max_concurrent_hashes
            .unwrap_or_else(crate::args::one_per_core)
    }

    /// The token secret, refused when missing or short.
    pub fn jwt_secret(&self) -> anyhow::Result<&SecretString> {
        let secret = self
            .jwt_secret
            .as_ref()
            .ok_or_else(|| anyhow::anyhow!("DOORSTEP_JWT_SECRET is not set"))?;
        anyhow::ensure!(
            secret.expose_secret().len() >= MIN_JWT_SECRET_BYTES,
            "DOORSTEP_JWT_SECRET must be at least {MIN_JWT_SECRET_BYTES} bytes"
        );
        Ok(secret)
    }

    pub fn validate(&self) -> anyhow::Result<()> {
        self.jwt_secret()?;
        anyhow::ensure!(
            !self.access_token_ttl.is_zero(),
            "access token TTL must be positive"
        );
        anyhow::ensure!(
            self.hashes_at_once() > 0,
            "DOORSTEP_MAX_CONCURRENT_HASHES must be positive"
        );
        Ok(())
    }
}
