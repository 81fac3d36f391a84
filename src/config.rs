//! Typed settings, built once from the CLI/environment and passed in (never read from a global).

use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};

/// Where the server listens unless told otherwise.
pub const DEFAULT_BIND: &str = "127.0.0.1:8080";

#[derive(Clone, Debug)]
pub struct Settings {
    /// `postgres://…` or `sqlite://path` (a bare path means SQLite).
    pub database_url: String,
    /// Address to listen on; port 0 picks a free port (tests).
    pub bind: String,
    pub jwt_secret: SecretString,
    pub jwt_issuer: String,
    pub jwt_audience: String,
    pub access_token_ttl: Duration,
    pub refresh_token_ttl: Duration,
    /// A just-rotated refresh token stays usable this long (flaky mobile networks retry).
    pub refresh_reuse_grace: Duration,
    pub db_pool_size: u32,
    pub workers: usize,
    /// Largest JSON request body accepted, in bytes.
    pub json_limit: usize,
    /// A request body must arrive within this, plus a second per `body_min_bytes_per_sec`
    /// bytes received (late: 408, see `server::body_deadline`) ...
    pub body_timeout: Duration,
    /// ... and never leave its reader waiting longer than this for the next bytes.
    pub body_idle_timeout: Duration,
    /// 0: a body never earns extra time.
    pub body_min_bytes_per_sec: u64,
    /// When set, `/metrics` is served on this address only; the public listener answers 404.
    pub metrics_bind: Option<String>,
    pub login_throttle: crate::auth::throttle::Policy,
    /// Reverse proxies whose `Forwarded` / `X-Forwarded-For` are believed (`client_addr`).
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// Password hashes and verifications (argon2, 19 MiB each) running at once; the rest wait.
    pub max_concurrent_hashes: usize,
    /// How long a request waits for one of those before 503 with `Retry-After`.
    pub hash_queue_timeout: Duration,
    /// Base of the links given to customers (`{public_url}/t/{token}`).
    pub public_url: String,
    /// Requests a minute to the tracking API per token and per client address.
    pub tracking_per_token_per_minute: u32,
    pub tracking_per_address_per_minute: u32,
    /// How often the background task erases contact data past retention.
    pub purge_interval: Duration,
    /// A PostgreSQL streaming standby for read-only requests (`db::replica`); unset: none.
    pub read_database_url: Option<String>,
    /// Reads go to the standby only while it lags at most this; it is also how long a caller
    /// reads the primary after its own write (read-your-writes).
    pub read_max_lag: Duration,
    /// Where photos go: a directory, or `s3://bucket/prefix`.
    pub blob_url: String,
    /// S3 settings applied over the `AWS_*` environment (for `s3://` blob URLs).
    pub s3: S3Settings,
    /// Largest photo accepted, in bytes.
    pub photo_max_bytes: usize,
    /// Most pixels a photo may have (its decoded size is four bytes a pixel).
    pub photo_max_pixels: u64,
    /// Memory the customers' cached tracking views may take, in MiB.
    pub tracking_view_cache_mb: u64,
    /// Memory every photo decoded at once may take together, in MiB (four bytes a pixel),
    /// and how long an upload waits for its share before 503 with `Retry-After`.
    pub decode_memory_mb: u32,
    pub decode_wait: Duration,
    /// The clock every service reads: the system clock, or a settable one (tests, the demo).
    pub clock: crate::clock::Clock,
    /// Webhooks may target http:// and loopback/private addresses (tests, local development).
    pub webhook_allow_private: bool,
    /// How often the dispatcher looks for work when idle, and the first retry delay.
    pub webhook_poll: Duration,
    pub webhook_retry_base: Duration,
    /// How long one delivery may take (connect, send, response headers) before it counts as
    /// failed and is retried.
    pub webhook_timeout: Duration,
    /// Deliveries in flight at once, in total and per org (per server): one org's slow
    /// receivers can hold only its own share.
    pub webhook_max_in_flight: usize,
    pub webhook_max_in_flight_per_org: usize,
    /// Subscriptions an org may keep (deleted ones do not count).
    pub webhook_max_subscriptions: u32,
    /// Whose low ratings do not count (customers who give nearly every delivery one star).
    pub harsh_rater: crate::ratings::rules::HarshRater,
    /// Customer e-mail: `smtp://user:pass@host:587` (STARTTLS), `smtps://…` (implicit TLS),
    /// `smtp://host:port?tls=none` (plain). Unset: no e-mail.
    pub smtp_url: Option<SecretString>,
    pub mail_from: String,
    /// Customer SMS through Twilio's Messages API shape (form POST, basic auth from the URL's
    /// userinfo). Unset: no SMS.
    pub sms_url: Option<SecretString>,
    pub sms_from: String,
    /// How often the message sender looks for work when idle, and its first retry delay.
    pub notify_poll: Duration,
    pub notify_retry_base: Duration,
    /// Messages one shipment's customer gets at most.
    pub notify_cap: u32,
    /// Messages one e-mail address or phone number gets in 24 hours, all shipments together.
    pub notify_per_recipient_per_day: u32,
    /// The VAPID key driver pushes are signed with: the raw 32-byte P-256 private key,
    /// base64url. `Settings::new` generates one (the CLI warns when it is not configured:
    /// browsers subscribed under a key stop receiving pushes when it changes).
    pub vapid_private_key: SecretString,
    /// The VAPID `sub` claim: a `mailto:` or `https:` contact for push services.
    pub vapid_subject: String,
    /// Seals webhook signing secrets at rest: base64 of 32 bytes (AES-256-GCM). Unset: plain
    /// text, with a warning (development).
    pub secret_key: Option<SecretString>,
    /// Earlier keys, comma-separated: they still open what they sealed until
    /// `admin rotate-secret-key` has re-sealed it under `secret_key`.
    pub secret_keys_old: Option<SecretString>,
    /// Shared login throttles and tracking limits (`redis://host:6379/0`). Unset: each
    /// process counts on its own.
    pub redis_url: Option<String>,
    /// Prefix of every Redis key (several deployments, or tests, on one Redis).
    pub redis_prefix: String,
    /// Base64 of the 32-byte Ed25519 seed that signs evidence roots.
    pub signing_key: SecretString,
    /// Earlier signing seeds, comma-separated: their public keys stay published and trusted.
    pub signing_keys_old: Option<SecretString>,
    /// How often a root is signed over the chains changed since the last one.
    pub evidence_root_interval: Duration,
    /// An operations console session ends after this long without a request.
    pub console_idle: Duration,
}

pub use crate::blobs::S3Settings;

pub const MIN_JWT_SECRET_BYTES: usize = 32;

impl Settings {
    /// Defaults that run on a laptop; the JWT secret must still be given or generated.
    pub fn new(database_url: impl Into<String>, jwt_secret: SecretString) -> Settings {
        Settings {
            database_url: database_url.into(),
            bind: DEFAULT_BIND.to_owned(),
            jwt_secret,
            jwt_issuer: "doorstep".to_owned(),
            jwt_audience: "doorstep-api".to_owned(),
            access_token_ttl: Duration::from_secs(15 * 60),
            refresh_token_ttl: Duration::from_secs(30 * 24 * 3600),
            refresh_reuse_grace: Duration::from_secs(10),
            db_pool_size: 8,
            workers: std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(2),
            json_limit: 64 * 1024,
            body_timeout: Duration::from_secs(30),
            body_idle_timeout: Duration::from_secs(10),
            body_min_bytes_per_sec: 16 * 1024,
            metrics_bind: None,
            login_throttle: crate::auth::throttle::Policy::default(),
            trusted_proxies: Vec::new(),
            max_concurrent_hashes: std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(2),
            hash_queue_timeout: Duration::from_millis(2000),
            public_url: "http://127.0.0.1:8080".to_owned(),
            tracking_per_token_per_minute: 60,
            tracking_per_address_per_minute: 300,
            purge_interval: Duration::from_secs(3600),
            read_database_url: None,
            read_max_lag: Duration::from_millis(2000),
            blob_url: "./data/blobs".to_owned(),
            s3: S3Settings::default(),
            photo_max_bytes: 10 * 1024 * 1024,
            photo_max_pixels: 50_000_000,
            tracking_view_cache_mb: 64,
            decode_memory_mb: 512,
            decode_wait: Duration::from_secs(5),
            clock: crate::clock::Clock::system(),
            webhook_allow_private: false,
            webhook_poll: Duration::from_millis(500),
            webhook_retry_base: Duration::from_secs(10),
            webhook_timeout: Duration::from_secs(10),
            webhook_max_in_flight: 32,
            webhook_max_in_flight_per_org: 4,
            webhook_max_subscriptions: 25,
            harsh_rater: crate::ratings::rules::HarshRater::default(),
            smtp_url: None,
            mail_from: "Doorstep <no-reply@doorstep.invalid>".to_owned(),
            sms_url: None,
            sms_from: "Doorstep".to_owned(),
            notify_poll: Duration::from_millis(500),
            notify_retry_base: Duration::from_secs(30),
            notify_cap: crate::notifications::rules::DEFAULT_CAP,
            notify_per_recipient_per_day:
                crate::notifications::rules::DEFAULT_PER_RECIPIENT_PER_DAY,
            vapid_private_key: crate::push::vapid::generate_private_key(),
            vapid_subject: "mailto:ops@doorstep.invalid".to_owned(),
            secret_key: None,
            secret_keys_old: None,
            redis_url: None,
            redis_prefix: "doorstep:".to_owned(),
            signing_key: crate::evidence::keys::random_seed(),
            signing_keys_old: None,
            evidence_root_interval: Duration::from_secs(24 * 3600),
            console_idle: Duration::from_secs(30 * 60),
        }
    }

    /// Refuse settings that would run insecurely.
    pub fn validate(&self) -> anyhow::Result<()> {
        anyhow::ensure!(
            self.jwt_secret.expose_secret().len() >= MIN_JWT_SECRET_BYTES,
            "DOORSTEP_JWT_SECRET must be at least {MIN_JWT_SECRET_BYTES} bytes"
        );
        anyhow::ensure!(
            !self.access_token_ttl.is_zero(),
            "access token TTL must be positive"
        );
        anyhow::ensure!(self.db_pool_size > 0, "database pool size must be positive");
        anyhow::ensure!(
            self.max_concurrent_hashes > 0,
            "DOORSTEP_MAX_CONCURRENT_HASHES must be positive"
        );
        anyhow::ensure!(
            !self.body_timeout.is_zero() && !self.body_idle_timeout.is_zero(),
            "request body timeouts must be positive"
        );
        anyhow::ensure!(
            !self.webhook_timeout.is_zero() && self.webhook_timeout <= Duration::from_secs(300),
            "DOORSTEP_WEBHOOK_TIMEOUT_SECS must be between 1 and 300"
        );
        anyhow::ensure!(
            self.webhook_max_in_flight > 0 && self.webhook_max_in_flight_per_org > 0,
            "DOORSTEP_WEBHOOK_MAX_IN_FLIGHT and DOORSTEP_WEBHOOK_MAX_IN_FLIGHT_PER_ORG must be positive"
        );
        if let Some(url) = &self.read_database_url {
            let pg = |u: &str| {
                matches!(
                    crate::db::parse_url(u),
                    Ok((crate::db::Backend::Postgres, _))
                )
            };
            anyhow::ensure!(
                pg(url) && pg(&self.database_url),
                "DOORSTEP_READ_DATABASE_URL needs PostgreSQL (postgres://…) for both DATABASE_URL \
                 and the replica"
            );
            anyhow::ensure!(
                !self.read_max_lag.is_zero(),
                "DOORSTEP_READ_MAX_LAG_MS must be positive"
            );
        }
        crate::notifications::sender::check(&self.notifier())?;
        self.vapid().map_err(|e| anyhow::anyhow!(e))?;
        self.keyring()?;
        if let Some(url) = &self.redis_url {
            redis::Client::open(url.as_str())
                .map_err(|e| anyhow::anyhow!("DOORSTEP_REDIS_URL: {e}"))?;
        }
        crate::evidence::keys::Keys::from_seed(&self.signing_key)?
            .with_retired(self.signing_keys_old.as_ref())?;
        anyhow::ensure!(
            !self.evidence_root_interval.is_zero(),
            "the evidence root interval must be positive"
        );
        Ok(())
    }

    /// The VAPID identity of driver pushes.
    pub fn vapid(&self) -> Result<crate::push::vapid::Vapid, String> {
        crate::push::vapid::Vapid::parse(&self.vapid_private_key, &self.vapid_subject)
    }

    /// The push sender's settings (the webhooks' timeout, polling and private-target setting).
    pub fn pusher(&self) -> anyhow::Result<crate::push::sender::Config> {
        Ok(crate::push::sender::Config {
            vapid: self.vapid().map_err(|e| anyhow::anyhow!(e))?,
            poll: self.webhook_poll,
            retry_base: self.webhook_retry_base,
            timeout: self.webhook_timeout,
            allow_private: self.webhook_allow_private,
            batch: 20,
            secrets: Default::default(),
            clock: self.clock.clone(),
        })
    }

    /// The channels customer messages go out on (configured ones).
    pub fn notify_channels(&self) -> crate::notifications::rules::Channels {
        self.notifier().channels()
    }

    /// The keys that seal and open secrets at rest.
    pub fn keyring(&self) -> anyhow::Result<crate::secrets::Keyring> {
        crate::secrets::Keyring::from_config(
            self.secret_key.as_ref(),
            self.secret_keys_old.as_ref(),
        )
    }

    /// The message sender's settings.
    pub fn notifier(&self) -> crate::notifications::sender::Config {
        crate::notifications::sender::Config {
            smtp_url: self.smtp_url.clone(),
            mail_from: self.mail_from.clone(),
            sms_url: self.sms_url.clone(),
            sms_from: self.sms_from.clone(),
            poll: self.notify_poll,
            retry_base: self.notify_retry_base,
            timeout: self.webhook_timeout,
            cap: self.notify_cap,
            per_recipient_per_day: self.notify_per_recipient_per_day,
            secrets: Default::default(),
            clock: self.clock.clone(),
            batch: 10,
        }
    }
}

/// A random secret for development, used when none is configured.
pub fn random_dev_secret() -> SecretString {
    SecretString::from(crate::ids::random_token(48))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_jwt_secret_is_refused() {
        let s = Settings::new("x.db", SecretString::from("short".to_owned()));
        assert!(s.validate().is_err());
        let s = Settings::new("x.db", SecretString::from("a".repeat(32)));
        assert!(s.validate().is_ok());
        let s = Settings::new("x.db", SecretString::from("a".repeat(31)));
        assert!(s.validate().is_err());
    }

    #[test]
    fn webhook_bounds_must_let_deliveries_run() {
        let ok = Settings::new("x.db", random_dev_secret());
        let mut s = ok.clone();
        s.webhook_max_in_flight_per_org = 0;
        assert!(s.validate().is_err());
        let mut s = ok.clone();
        s.webhook_max_in_flight = 0;
        assert!(s.validate().is_err());
        let mut s = ok.clone();
        s.webhook_timeout = Duration::ZERO;
        assert!(s.validate().is_err());
        let mut s = ok;
        s.webhook_timeout = Duration::from_secs(301);
        assert!(s.validate().is_err());
    }

    #[test]
    fn vapid_settings_are_checked() {
        let mut s = Settings::new("x.db", random_dev_secret());
        assert!(s.validate().is_ok());
        s.vapid_subject = "ops@example.com".to_owned();
        assert!(s.validate().is_err());
        s.vapid_subject = "https://doorstep.example".to_owned();
        s.vapid_private_key = SecretString::from("not a key".to_owned());
        assert!(s.validate().is_err());
    }

    #[test]
    fn a_read_replica_needs_postgresql_on_both_sides() {
        let mut s = Settings::new("postgres://h/db", random_dev_secret());
        s.read_database_url = Some("postgres://standby/db".to_owned());
        assert!(s.validate().is_ok());
        s.read_max_lag = Duration::ZERO;
        assert!(s.validate().is_err());
        let mut s = Settings::new("x.db", random_dev_secret());
        s.read_database_url = Some("postgres://standby/db".to_owned());
        assert!(s.validate().is_err());
        let mut s = Settings::new("postgres://h/db", random_dev_secret());
        s.read_database_url = Some("sqlite://copy.db".to_owned());
        assert!(s.validate().is_err());
    }

    #[test]
    fn dev_secret_is_long_enough() {
        let s = Settings::new("x.db", random_dev_secret());
        assert!(s.validate().is_ok());
    }
}
