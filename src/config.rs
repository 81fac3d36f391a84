//! Typed settings, built once from the CLI/environment and passed in (never read from a global).
//! Each subsystem declares its own part (`#[derive(clap::Args)]`, defaults in its attributes,
//! written once); `Settings` flattens them, and only `server::build` sees them all.

use std::time::Duration;

use secrecy::SecretString;

pub use crate::blobs::S3Settings;

/// Where the server listens unless told otherwise.
pub const DEFAULT_BIND: &str = "127.0.0.1:8080";

/// The HTTP server: where it listens, its workers, and how long a request body may take.
#[derive(clap::Args, Clone, Debug)]
pub struct HttpSettings {
    /// Address to listen on (port 0 picks a free port).
    #[arg(
        long = "bind",
        env = "DOORSTEP_BIND",
        default_value = DEFAULT_BIND,
        global = true
    )]
    pub bind: String,
    /// HTTP worker threads (default: one per core).
    #[arg(long = "workers", env = "DOORSTEP_WORKERS", global = true)]
    pub workers: Option<usize>,
    /// Largest JSON body accepted, in bytes.
    #[arg(
        long = "json-limit",
        env = "DOORSTEP_JSON_LIMIT",
        default_value_t = 64 * 1024,
        global = true
    )]
    pub json_limit: usize,
    /// Seconds a request body may take to arrive, plus one per DOORSTEP_BODY_MIN_BYTES_PER_SEC
    /// bytes received (late: 408 and the connection closed).
    #[arg(
        long = "body-timeout-secs",
        env = "DOORSTEP_BODY_TIMEOUT_SECS",
        default_value = "30",
        value_parser = crate::args::secs,
        global = true
    )]
    pub body_timeout: Duration,
    /// Longest wait, in seconds, for the next bytes of a request body.
    #[arg(
        long = "body-idle-timeout-secs",
        env = "DOORSTEP_BODY_IDLE_TIMEOUT_SECS",
        default_value = "10",
        value_parser = crate::args::secs,
        global = true
    )]
    pub body_idle_timeout: Duration,
    /// Upload rate, in bytes a second, that earns a long body (a photo) more time; 0: none.
    #[arg(
        long = "body-min-bytes-per-sec",
        env = "DOORSTEP_BODY_MIN_BYTES_PER_SEC",
        default_value_t = 16 * 1024,
        global = true
    )]
    pub body_min_bytes_per_sec: u64,
    /// Serve /metrics only on this address (e.g. 127.0.0.1:9464); the public listener then
    /// answers 404 there. Unset: /metrics on the public listener.
    #[arg(long = "metrics-bind", env = "DOORSTEP_METRICS_BIND", global = true)]
    pub metrics_bind: Option<String>,
    /// Reverse proxies (CIDRs or addresses, comma-separated) whose `Forwarded` and
    /// `X-Forwarded-For` headers name the client: the login and tracking limits then key on
    /// the rightmost address that is not one of them. Unset: headers are never believed.
    #[arg(
        long = "trusted-proxies",
        env = "DOORSTEP_TRUSTED_PROXIES",
        value_delimiter = ',',
        value_parser = crate::client_addr::parse_proxy,
        global = true
    )]
    pub trusted_proxies: Vec<ipnet::IpNet>,
}

impl HttpSettings {
    /// Worker threads: as configured, else one per core.
    pub fn workers(&self) -> usize {
        self.workers.unwrap_or_else(crate::args::one_per_core)
    }

    pub fn validate(&self) -> anyhow::Result<()> {
        anyhow::ensure!(
            !self.body_timeout.is_zero() && !self.body_idle_timeout.is_zero(),
            "request body timeouts must be positive"
        );
        Ok(())
    }
}

/// Every subsystem's settings.
#[derive(clap::Args, Clone, Debug)]
pub struct Settings {
    #[command(flatten)]
    pub db: crate::db::settings::DbSettings,
    #[command(flatten)]
    pub http: HttpSettings,
    #[command(flatten)]
    pub auth: crate::auth::settings::AuthSettings,
    #[command(flatten)]
    pub tracking: crate::tracking::settings::TrackingSettings,
    #[command(flatten)]
    pub blobs: crate::blobs::BlobSettings,
    #[command(flatten)]
    pub photos: crate::attempts::settings::PhotoSettings,
    #[command(flatten)]
    pub webhooks: crate::webhooks::settings::WebhookSettings,
    #[command(flatten)]
    pub notify: crate::notifications::settings::NotifySettings,
    #[command(flatten)]
    pub push: crate::push::settings::PushSettings,
    #[command(flatten)]
    pub secrets: crate::secrets::SecretSettings,
    #[command(flatten)]
    pub limits: crate::web::limits::Sharing,
    #[command(flatten)]
    pub evidence: crate::evidence::settings::EvidenceSettings,
    /// Whose low ratings do not count (customers who give nearly every delivery one star).
    #[command(flatten)]
    pub harsh_rater: crate::ratings::rules::HarshRater,
    /// How failed logins slow the next ones.
    #[arg(skip)]
    pub login_throttle: crate::auth::throttle::Policy,
    /// How often contact data past retention is erased and closed periods are checked.
    #[arg(skip = Duration::from_secs(3600))]
    pub purge_interval: Duration,
    /// The clock every service reads: the system clock, or a settable one (tests, the demo).
    #[arg(skip = crate::clock::Clock::system())]
    pub clock: crate::clock::Clock,
}

impl Settings {
    /// The declared defaults on `database_url` (the environment is not read); the JWT secret
    /// must still be given or generated, the other keys are random.
    pub fn new(database_url: impl Into<String>, jwt_secret: SecretString) -> Settings {
        let mut s: Settings = crate::args::defaults();
        s.db.url = database_url.into();
        s.auth.jwt_secret = Some(jwt_secret);
        s.with_development_keys(false)
    }

    /// Fill every key left unset with a random one, warning that it will not survive a
    /// restart when `warn` (a server started from the command line).
    pub fn with_development_keys(mut self, warn: bool) -> Settings {
        if self.auth.jwt_secret.is_none() {
            if warn {
                tracing::warn!(
                    "DOORSTEP_JWT_SECRET is not set: using a random development secret; \
                     tokens will not survive a restart. Set it in production."
                );
            }
            self.auth.jwt_secret = Some(random_dev_secret());
        }
        if self.evidence.signing_key.is_none() {
            if warn {
                tracing::warn!(
                    "DOORSTEP_SIGNING_KEY is not set: evidence roots are signed with a random \
                     development key that is lost at restart (its roots stay checkable with the \
                     key kept beside them). Set it in production."
                );
            }
            self.evidence.signing_key = Some(crate::evidence::keys::random_seed());
        }
        if self.push.vapid_private_key.is_none() {
            if warn {
                tracing::warn!(
                    "DOORSTEP_VAPID_PRIVATE_KEY is not set: using a random key for driver \
                     pushes; browsers subscribed now stop receiving pushes after a restart. \
                     Set it in production."
                );
            }
            self.push.vapid_private_key = Some(crate::push::vapid::generate_private_key());
        }
        self
    }

    /// Refuse settings that would run insecurely.
    pub fn validate(&self) -> anyhow::Result<()> {
        self.db.validate()?;
        self.http.validate()?;
        self.auth.validate()?;
        self.webhooks.validate()?;
        crate::notifications::sender::check(&self.notifier())?;
        self.push.vapid().map_err(|e| anyhow::anyhow!(e))?;
        self.secrets.keyring()?;
        self.limits.validate()?;
        self.evidence.validate()?;
        Ok(())
    }

    /// The push sender's settings (the webhooks' timeout, polling and private-target setting).
    pub fn pusher(&self) -> anyhow::Result<crate::push::sender::Config> {
        Ok(crate::push::sender::Config {
            vapid: self.push.vapid().map_err(|e| anyhow::anyhow!(e))?,
            poll: self.webhooks.poll,
            retry_base: self.webhooks.retry_base,
            timeout: self.webhooks.timeout,
            allow_private: self.webhooks.allow_private,
            batch: 20,
            secrets: Default::default(),
            clock: self.clock.clone(),
        })
    }

    /// The channels customer messages go out on (configured ones).
    pub fn notify_channels(&self) -> crate::channels::Channels {
        self.notifier().channels()
    }

    /// The message sender's settings.
    pub fn notifier(&self) -> crate::notifications::sender::Config {
        let n = &self.notify;
        crate::notifications::sender::Config {
            smtp_url: n.smtp_url.clone(),
            mail_from: n.mail_from.clone(),
            sms_url: n.sms_url.clone(),
            sms_from: n.sms_from.clone(),
            poll: n.poll,
            retry_base: n.retry_base,
            timeout: self.webhooks.timeout,
            cap: n.cap,
            per_recipient_per_day: n.per_recipient_per_day,
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
        s.webhooks.max_in_flight_per_org = 0;
        assert!(s.validate().is_err());
        let mut s = ok.clone();
        s.webhooks.max_in_flight = 0;
        assert!(s.validate().is_err());
        let mut s = ok.clone();
        s.webhooks.timeout = Duration::ZERO;
        assert!(s.validate().is_err());
        let mut s = ok;
        s.webhooks.timeout = Duration::from_secs(301);
        assert!(s.validate().is_err());
    }

    #[test]
    fn vapid_settings_are_checked() {
        let mut s = Settings::new("x.db", random_dev_secret());
        assert!(s.validate().is_ok());
        s.push.vapid_subject = "ops@example.com".to_owned();
        assert!(s.validate().is_err());
        s.push.vapid_subject = "https://doorstep.example".to_owned();
        s.push.vapid_private_key = Some(SecretString::from("not a key".to_owned()));
        assert!(s.validate().is_err());
    }

    #[test]
    fn a_read_replica_needs_postgresql_on_both_sides() {
        let mut s = Settings::new("postgres://h/db", random_dev_secret());
        s.db.read_url = Some("postgres://standby/db".to_owned());
        assert!(s.validate().is_ok());
        s.db.read_max_lag = Duration::ZERO;
        assert!(s.validate().is_err());
        let mut s = Settings::new("x.db", random_dev_secret());
        s.db.read_url = Some("postgres://standby/db".to_owned());
        assert!(s.validate().is_err());
        let mut s = Settings::new("postgres://h/db", random_dev_secret());
        s.db.read_url = Some("sqlite://copy.db".to_owned());
        assert!(s.validate().is_err());
    }

    #[test]
    fn dev_secret_is_long_enough() {
        let s = Settings::new("x.db", random_dev_secret());
        assert!(s.validate().is_ok());
    }
}
