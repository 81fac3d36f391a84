//! The `doorstep` command line: `serve` (default), `migrate`, `admin bootstrap`, `openapi`,
//! `verify`, `demo`.

use std::io::BufRead;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};
use secrecy::SecretString;

use crate::config::{Settings, random_dev_secret};
use crate::db::Db;
use crate::webhooks::sealing::{Scope, reseal};

#[derive(Parser, Debug)]
#[command(name = "doorstep", version, about = "Accountable parcel delivery API")]
pub struct Cli {
    #[command(flatten)]
    pub opts: Opts,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Args, Debug)]
pub struct Opts {
    /// `sqlite://path` (default) or `postgres://user@host/db`.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://doorstep.db",
        global = true
    )]
    pub database_url: String,
    /// Address to listen on.
    #[arg(
        long,
        env = "DOORSTEP_BIND",
        default_value = crate::config::DEFAULT_BIND,
        global = true
    )]
    pub bind: String,
    /// HS256 secret for access tokens, at least 32 bytes. Unset: a random one per start.
    #[arg(
        long,
        env = "DOORSTEP_JWT_SECRET",
        hide_env_values = true,
        global = true
    )]
    pub jwt_secret: Option<String>,
    /// Base64 of the 32-byte Ed25519 seed that signs evidence roots. Unset: a random one per
    /// start (roots then verify only under the key kept with them).
    #[arg(
        long,
        env = "DOORSTEP_SIGNING_KEY",
        hide_env_values = true,
        global = true
    )]
    pub signing_key: Option<String>,
    /// Earlier values of DOORSTEP_SIGNING_KEY, comma-separated: roots they signed stay
    /// trusted and their public keys published (only configured keys ever are).
    #[arg(
        long,
        env = "DOORSTEP_SIGNING_KEYS_OLD",
        hide_env_values = true,
        global = true
    )]
    pub signing_keys_old: Option<String>,
    /// Seconds between evidence roots (each signs the chains changed since the last).
    #[arg(long, env = "DOORSTEP_EVIDENCE_ROOT_INTERVAL_SECS", default_value_t = 24 * 3600, global = true)]
    pub evidence_root_interval_secs: u64,
    /// Access token lifetime in seconds.
    #[arg(
        long,
        env = "DOORSTEP_ACCESS_TOKEN_TTL",
        default_value_t = 900,
        global = true
    )]
    pub access_token_ttl: u64,
    /// Refresh token lifetime in seconds.
    #[arg(long, env = "DOORSTEP_REFRESH_TOKEN_TTL", default_value_t = 30 * 24 * 3600, global = true)]
    pub refresh_token_ttl: u64,
    /// Database connections per pool.
    #[arg(
        long,
        env = "DOORSTEP_DB_POOL_SIZE",
        default_value_t = 8,
        global = true
    )]
    pub db_pool_size: u32,
    /// HTTP worker threads (default: one per core).
    #[arg(long, env = "DOORSTEP_WORKERS", global = true)]
    pub workers: Option<usize>,
    /// Largest JSON body accepted, in bytes.
    #[arg(long, env = "DOORSTEP_JSON_LIMIT", default_value_t = 64 * 1024, global = true)]
    pub json_limit: usize,
    /// Password hashes and verifications running at once, 19 MiB of memory each (default: one
    /// per core). Logins beyond wait in a queue.
    #[arg(long, env = "DOORSTEP_MAX_CONCURRENT_HASHES", global = true)]
    pub max_concurrent_hashes: Option<usize>,
    /// Milliseconds a login may wait in that queue before 503 with `Retry-After: 1`.
    #[arg(
        long,
        env = "DOORSTEP_HASH_QUEUE_TIMEOUT_MS",
        default_value_t = 2000,
        global = true
    )]
    pub hash_queue_timeout_ms: u64,
    /// Seconds a request body may take to arrive, plus one per DOORSTEP_BODY_MIN_BYTES_PER_SEC
    /// bytes received (late: 408 and the connection closed).
    #[arg(
        long,
        env = "DOORSTEP_BODY_TIMEOUT_SECS",
        default_value_t = 30,
        global = true
    )]
    pub body_timeout_secs: u64,
    /// Longest wait, in seconds, for the next bytes of a request body.
    #[arg(
        long,
        env = "DOORSTEP_BODY_IDLE_TIMEOUT_SECS",
        default_value_t = 10,
        global = true
    )]
    pub body_idle_timeout_secs: u64,
    /// Upload rate, in bytes a second, that earns a long body (a photo) more time; 0: none.
    #[arg(long, env = "DOORSTEP_BODY_MIN_BYTES_PER_SEC", default_value_t = 16 * 1024, global = true)]
    pub body_min_bytes_per_sec: u64,
    /// Serve /metrics only on this address (e.g. 127.0.0.1:9464); the public listener then
    /// answers 404 there. Unset: /metrics on the public listener.
    #[arg(long, env = "DOORSTEP_METRICS_BIND", global = true)]
    pub metrics_bind: Option<String>,
    /// Customer e-mail over SMTP: `smtp://user:pass@host:587` (STARTTLS), `smtps://user:pass@host`
    /// (implicit TLS), `smtp://host:port?tls=none` (plain, local relays and tests).
    #[arg(long, env = "DOORSTEP_SMTP_URL", global = true, hide_env_values = true)]
    pub smtp_url: Option<String>,
    /// The From of customer e-mail.
    #[arg(
        long,
        env = "DOORSTEP_MAIL_FROM",
        default_value = "Doorstep <no-reply@doorstep.invalid>",
        global = true
    )]
    pub mail_from: String,
    /// Customer SMS: an endpoint in Twilio's Messages API shape, credentials in the userinfo
    /// (`https://SID:TOKEN@api.twilio.com/2010-04-01/Accounts/SID/Messages.json`).
    #[arg(long, env = "DOORSTEP_SMS_URL", global = true, hide_env_values = true)]
    pub sms_url: Option<String>,
    /// The sender number or name of customer SMS.
    #[arg(
        long,
        env = "DOORSTEP_SMS_FROM",
        default_value = "Doorstep",
        global = true
    )]
    pub sms_from: String,
    /// Messages one shipment's customer gets at most.
    #[arg(long, env = "DOORSTEP_NOTIFY_CAP", default_value_t = crate::notifications::rules::DEFAULT_CAP, global = true)]
    pub notify_cap: u32,
    /// Messages one e-mail address or phone number gets in 24 hours, all its shipments
    /// together (a batch for one address cannot flood its inbox).
    #[arg(
        long,
        env = "DOORSTEP_NOTIFY_PER_RECIPIENT_PER_DAY",
        default_value_t = 30,
        global = true
    )]
    pub notify_per_recipient_per_day: u32,
    /// Base URL of customers' tracking links.
    #[arg(
        long,
        env = "DOORSTEP_PUBLIC_URL",
        default_value = "http://127.0.0.1:8080",
        global = true
    )]
    pub public_url: String,
    /// Where photos are stored: a directory, or `s3://bucket/prefix` (AWS_* variables apply).
    #[arg(
        long,
        env = "DOORSTEP_BLOB_URL",
        default_value = "./data/blobs",
        global = true
    )]
    pub blob_url: String,
    /// A PostgreSQL streaming standby for read-only requests (GETs outside their caller's
    /// read-your-writes window), used while it lags at most DOORSTEP_READ_MAX_LAG_MS.
    #[arg(
        long,
        env = "DOORSTEP_READ_DATABASE_URL",
        global = true,
        hide_env_values = true
    )]
    pub read_database_url: Option<String>,
    /// The replica's lag bound in milliseconds, and the read-your-writes window.
    #[arg(
        long,
        env = "DOORSTEP_READ_MAX_LAG_MS",
        default_value_t = 2000,
        global = true
    )]
    pub read_max_lag_ms: u64,
    /// S3-compatible endpoint for `s3://` blob URLs (MinIO: `http://127.0.0.1:9000`); else
    /// AWS_ENDPOINT or AWS itself.
    #[arg(long, env = "DOORSTEP_S3_ENDPOINT", global = true)]
    pub s3_endpoint: Option<String>,
    /// S3 region; else AWS_REGION / AWS_DEFAULT_REGION.
    #[arg(long, env = "DOORSTEP_S3_REGION", global = true)]
    pub s3_region: Option<String>,
    /// Allow an `http://` S3 endpoint (local servers only).
    #[arg(
        long,
        env = "DOORSTEP_S3_ALLOW_HTTP",
        default_value_t = false,
        global = true
    )]
    pub s3_allow_http: bool,
    /// S3 access key id; else AWS_ACCESS_KEY_ID (or the instance's role).
    #[arg(long, env = "DOORSTEP_S3_ACCESS_KEY_ID", global = true)]
    pub s3_access_key_id: Option<String>,
    /// S3 secret access key; else AWS_SECRET_ACCESS_KEY.
    #[arg(
        long,
        env = "DOORSTEP_S3_SECRET_ACCESS_KEY",
        global = true,
        hide_env_values = true
    )]
    pub s3_secret_access_key: Option<String>,
    /// Largest photo accepted, in bytes.
    #[arg(long, env = "DOORSTEP_PHOTO_MAX_BYTES", default_value_t = 10 * 1024 * 1024, global = true)]
    pub photo_max_bytes: usize,
    /// Most pixels a photo may have (50 MP: a 200 MB decode at most).
    #[arg(
        long,
        env = "DOORSTEP_PHOTO_MAX_PIXELS",
        default_value_t = 50_000_000,
        global = true
    )]
    pub photo_max_pixels: u64,
    /// Memory the customers' cached tracking views may take, in MiB (a view is kept 30 s at
    /// most; a busy link is read from memory instead of the database).
    #[arg(
        long,
        env = "DOORSTEP_TRACKING_VIEW_CACHE_MB",
        default_value_t = 64,
        global = true
    )]
    pub tracking_view_cache_mb: u64,
    /// Memory all photos decoded at once may take together, in MiB (four bytes a pixel); an
    /// upload that cannot get its share within 5 s is answered 503 with Retry-After.
    #[arg(
        long,
        env = "DOORSTEP_DECODE_MEMORY_MB",
        default_value_t = 512,
        global = true
    )]
    pub decode_memory_mb: u32,
    /// Allow webhooks to http:// and loopback/private addresses (local development only).
    #[arg(
        long,
        env = "DOORSTEP_WEBHOOK_ALLOW_PRIVATE",
        default_value_t = false,
        global = true
    )]
    pub webhook_allow_private: bool,
    /// VAPID private key of driver pushes: the raw 32-byte P-256 key, base64url (as
    /// `web-push generate-vapid-keys` prints it). Unset: a random one per start.
    #[arg(
        long,
        env = "DOORSTEP_VAPID_PRIVATE_KEY",
        hide_env_values = true,
        global = true
    )]
    pub vapid_private_key: Option<String>,
    /// The VAPID contact push services see (`mailto:` or `https:`).
    #[arg(
        long,
        env = "DOORSTEP_VAPID_SUBJECT",
        default_value = "mailto:ops@doorstep.invalid",
        global = true
    )]
    pub vapid_subject: String,
    /// Seconds one webhook delivery may take before it counts as failed (and is retried).
    #[arg(
        long,
        env = "DOORSTEP_WEBHOOK_TIMEOUT_SECS",
        default_value_t = 10,
        global = true
    )]
    pub webhook_timeout_secs: u64,
    /// Webhook deliveries in flight at once (per server).
    #[arg(
        long,
        env = "DOORSTEP_WEBHOOK_MAX_IN_FLIGHT",
        default_value_t = 32,
        global = true
    )]
    pub webhook_max_in_flight: usize,
    /// Webhook deliveries in flight at once for one org (per server): its slow receivers
    /// cannot delay other orgs' deliveries.
    #[arg(
        long,
        env = "DOORSTEP_WEBHOOK_MAX_IN_FLIGHT_PER_ORG",
        default_value_t = 4,
        global = true
    )]
    pub webhook_max_in_flight_per_org: usize,
    /// Webhook subscriptions one org may keep (deleted ones do not count).
    #[arg(
        long,
        env = "DOORSTEP_WEBHOOK_MAX_SUBSCRIPTIONS",
        default_value_t = 25,
        global = true
    )]
    pub webhook_max_subscriptions: u32,
    /// Minutes without a request after which an operations console session ends.
    #[arg(
        long,
        env = "DOORSTEP_CONSOLE_IDLE_MINUTES",
        default_value_t = 30,
        global = true
    )]
    pub console_idle_minutes: u64,
    /// Requests a minute one tracking link may make (page and JSON), all in a burst if need be.
    #[arg(
        long,
        env = "DOORSTEP_TRACKING_PER_TOKEN_PER_MINUTE",
        default_value_t = 60,
        global = true
    )]
    pub tracking_per_token_per_minute: u32,
    /// Requests a minute one client address may make to tracking links (behind a proxy that
    /// hides customers' addresses, raise it: every customer then shares one).
    #[arg(
        long,
        env = "DOORSTEP_TRACKING_PER_ADDRESS_PER_MINUTE",
        default_value_t = 300,
        global = true
    )]
    pub tracking_per_address_per_minute: u32,
    /// Reverse proxies (CIDRs or addresses, comma-separated) whose `Forwarded` and
    /// `X-Forwarded-For` headers name the client: the login and tracking limits then key on
    /// the rightmost address that is not one of them. Unset: headers are never believed.
    #[arg(long, env = "DOORSTEP_TRUSTED_PROXIES", global = true, value_parser = parse_trusted)]
    pub trusted_proxies: Option<TrustedProxies>,
    /// A customer with at least this many ratings, ...
    #[arg(
        long,
        env = "DOORSTEP_HARSH_RATER_MIN_RATINGS",
        default_value_t = 5,
        global = true
    )]
    pub harsh_rater_min_ratings: i64,
    /// ... of which at least this share are one star, is a harsh rater: their low ratings do
    /// not count against drivers.
    #[arg(
        long,
        env = "DOORSTEP_HARSH_RATER_SHARE",
        default_value_t = 0.9,
        global = true
    )]
    pub harsh_rater_share: f64,
    /// Seals webhook signing secrets at rest: base64 of 32 random bytes
    /// (`openssl rand -base64 32`). Unset: they are kept in plain text (development).
    #[arg(
        long,
        env = "DOORSTEP_SECRET_KEY",
        hide_env_values = true,
        global = true
    )]
    pub secret_key: Option<String>,
    /// Earlier secret keys, comma-separated: they still open what they sealed, until
    /// `admin rotate-secret-key` has re-sealed everything under DOORSTEP_SECRET_KEY.
    #[arg(
        long,
        env = "DOORSTEP_SECRET_KEYS_OLD",
        hide_env_values = true,
        global = true
    )]
    pub secret_keys_old: Option<String>,
    /// Redis for limits shared by every node (`redis://127.0.0.1:6379/0`): login throttles and
    /// tracking-link rate limits. Unset: each process counts on its own.
    #[arg(
        long,
        env = "DOORSTEP_REDIS_URL",
        hide_env_values = true,
        global = true
    )]
    pub redis_url: Option<String>,
    /// Prefix of Doorstep's Redis keys.
    #[arg(
        long,
        env = "DOORSTEP_REDIS_PREFIX",
        default_value = "doorstep:",
        global = true
    )]
    pub redis_prefix: String,
    /// Log format: `text` or `json`.
    #[arg(
        long,
        env = "DOORSTEP_LOG_FORMAT",
        default_value = "text",
        global = true
    )]
    pub log_format: String,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run the HTTP API (the default).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Administration.
    #[command(subcommand)]
    Admin(AdminCommand),
    /// Print the OpenAPI document of the integration API (YAML) to stdout.
    Openapi {
        /// Every route instead, the console, the customer's page and the driver app included
        /// (what the fuzzing explores).
        #[arg(long)]
        all: bool,
    },
    /// Print the configuration reference (Markdown, the book's operators/configuration.md)
    /// from these very definitions.
    ConfigReference,
    /// Seed a fresh database with a demo world (a marketplace, a supplier, three couriers,
    /// their users, a few dozen shipments, the TV story) through the API, print the logins and
    /// links, and exit; then run `doorstep serve` on the same database. Refuses a database
    /// that already has data.
    Demo {
        /// The password of every demo user (at least 12 characters).
        #[arg(long, default_value = crate::demo::DEFAULT_PASSWORD)]
        password: String,
        /// Weeks of history written before today (two days a week, through the API with the
        /// clock moved), so charts and trends have data on first look.
        #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u32).range(0..=52))]
        weeks: u32,
    },
    /// Check an evidence bundle offline (the JSON of GET /v1/shipments/{id}/evidence, or its
    /// zip): the chain recomputed, the photos, the root's signature, the inclusion proof.
    /// Exits non-zero when any check fails.
    Verify {
        /// The bundle file (`.json` or `.zip`).
        bundle: std::path::PathBuf,
        /// A trusted base64 Ed25519 public key (repeatable).
        #[arg(long = "key")]
        keys: Vec<String>,
        /// A `doorstep-keys.json` file of trusted keys (repeatable).
        #[arg(long = "keys")]
        key_files: Vec<std::path::PathBuf>,
        /// Accept a bundle no signed root covers yet (the chain is still checked).
        #[arg(long)]
        allow_unsigned: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum AdminCommand {
    /// Create the first platform admin; refuses if one exists.
    Bootstrap {
        #[arg(long)]
        email: String,
        #[arg(long, default_value = "Platform admin")]
        name: String,
        /// Read the password from the first line of standard input.
        #[arg(long, required = true)]
        password_stdin: bool,
    },
    /// Erase contact data of shipments past their retention period now (the server also does
    /// this every hour).
    PurgeContacts,
    /// Recompute every KPI counter from the facts (run with the API stopped); reports how many
    /// daily rows the kept counters had wrong.
    RebuildKpis,
    /// Re-seal every webhook signing secret under DOORSTEP_SECRET_KEY (after a key change, with
    /// the former key in DOORSTEP_SECRET_KEYS_OLD); the old key may be dropped afterwards.
    RotateSecretKey,
}

impl Opts {
    /// The secret keys alone (for commands that need no other settings).
    pub fn keyring(&self) -> anyhow::Result<crate::secrets::Keyring> {
        let key = |k: &Option<String>| k.clone().map(SecretString::from);
        crate::secrets::Keyring::from_config(
            key(&self.secret_key).as_ref(),
            key(&self.secret_keys_old).as_ref(),
        )
    }

    pub fn settings(&self) -> Settings {
        let secret = match &self.jwt_secret {
            Some(s) => SecretString::from(s.clone()),
            None => {
                tracing::warn!(
                    "DOORSTEP_JWT_SECRET is not set: using a random development secret; \
                     tokens will not survive a restart. Set it in production."
                );
                random_dev_secret()
            }
        };
        let mut s = Settings::new(self.database_url.clone(), secret);
        match &self.signing_key {
            Some(k) => s.signing_key = SecretString::from(k.clone()),
            None => tracing::warn!(
                "DOORSTEP_SIGNING_KEY is not set: evidence roots are signed with a random \
                 development key that is lost at restart (its roots stay checkable with the \
                 key kept beside them). Set it in production."
            ),
        }
        s.signing_keys_old = self.signing_keys_old.clone().map(SecretString::from);
        s.evidence_root_interval = Duration::from_secs(self.evidence_root_interval_secs);
        s.bind = self.bind.clone();
        s.access_token_ttl = Duration::from_secs(self.access_token_ttl);
        s.refresh_token_ttl = Duration::from_secs(self.refresh_token_ttl);
        s.db_pool_size = self.db_pool_size;
        if let Some(w) = self.workers {
            s.workers = w;
        }
        s.json_limit = self.json_limit;
        if let Some(n) = self.max_concurrent_hashes {
            s.max_concurrent_hashes = n;
        }
        s.hash_queue_timeout = Duration::from_millis(self.hash_queue_timeout_ms);
        s.body_timeout = Duration::from_secs(self.body_timeout_secs);
        s.body_idle_timeout = Duration::from_secs(self.body_idle_timeout_secs);
        s.body_min_bytes_per_sec = self.body_min_bytes_per_sec;
        s.metrics_bind = self.metrics_bind.clone();
        s.public_url = self.public_url.trim_end_matches('/').to_owned();
        s.blob_url = self.blob_url.clone();
        s.read_database_url = self.read_database_url.clone();
        s.read_max_lag = Duration::from_millis(self.read_max_lag_ms);
        s.s3 = crate::config::S3Settings {
            endpoint: self.s3_endpoint.clone(),
            region: self.s3_region.clone(),
            allow_http: self.s3_allow_http,
            access_key_id: self.s3_access_key_id.clone(),
            secret_access_key: self.s3_secret_access_key.clone().map(SecretString::from),
        };
        s.photo_max_bytes = self.photo_max_bytes;
        s.photo_max_pixels = self.photo_max_pixels;
        s.tracking_view_cache_mb = self.tracking_view_cache_mb;
        s.decode_memory_mb = self.decode_memory_mb;
        s.webhook_allow_private = self.webhook_allow_private;
        s.webhook_timeout = Duration::from_secs(self.webhook_timeout_secs);
        s.webhook_max_in_flight = self.webhook_max_in_flight;
        s.webhook_max_in_flight_per_org = self.webhook_max_in_flight_per_org;
        s.webhook_max_subscriptions = self.webhook_max_subscriptions;
        s.tracking_per_token_per_minute = self.tracking_per_token_per_minute;
        s.console_idle = std::time::Duration::from_secs(self.console_idle_minutes.max(1) * 60);
        s.tracking_per_address_per_minute = self.tracking_per_address_per_minute;
        s.trusted_proxies = self
            .trusted_proxies
            .clone()
            .map(|t| t.0)
            .unwrap_or_default();
        s.smtp_url = self.smtp_url.clone().map(secrecy::SecretString::from);
        s.mail_from = self.mail_from.clone();
        s.sms_url = self.sms_url.clone().map(secrecy::SecretString::from);
        s.sms_from = self.sms_from.clone();
        s.notify_cap = self.notify_cap;
        s.notify_per_recipient_per_day = self.notify_per_recipient_per_day;
        match &self.vapid_private_key {
            Some(k) => s.vapid_private_key = SecretString::from(k.clone()),
            None => tracing::warn!(
                "DOORSTEP_VAPID_PRIVATE_KEY is not set: using a random key for driver pushes; \
                 browsers subscribed now stop receiving pushes after a restart. Set it in production."
            ),
        }
        s.vapid_subject = self.vapid_subject.clone();
        s.secret_key = self.secret_key.clone().map(SecretString::from);
        s.secret_keys_old = self.secret_keys_old.clone().map(SecretString::from);
        s.redis_url = self.redis_url.clone();
        s.redis_prefix = self.redis_prefix.clone();
        s.harsh_rater = crate::ratings::rules::HarshRater {
            min_ratings: self.harsh_rater_min_ratings,
            share: self.harsh_rater_share,
        };
        s
    }
}

fn init_tracing(format: &str, default_filter: &str) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default_filter));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    if format == "json" {
        builder.json().init();
    } else {
        builder.init();
    }
}

/// The configuration reference: every option that has an environment variable, its flag,
/// default and meaning, from the clap definitions (written once; the book's page is this text,
/// and a test fails when the two drift).
pub fn configuration_reference() -> String {
    use clap::CommandFactory;
    let cmd = Cli::command();
    let mut out = String::from(
        "# Configuration\n\n\
         <!-- Generated by `doorstep config-reference > docs/src/operators/configuration.md`; \
         tests/api/layout.rs fails when this page and the code drift. -->\n\n\
         Every option is an environment variable or a flag (`doorstep --help`); the flag wins.\n\n\
         | variable | flag | default | meaning |\n|---|---|---|---|\n",
    );
    for a in cmd.get_arguments() {
        let Some(env) = a.get_env() else { continue };
        let flag = a.get_long().map(|l| format!("`--{l}`")).unwrap_or_default();
        let defaults: Vec<String> = a
            .get_default_values()
            .iter()
            .map(|v| v.to_string_lossy().into_owned())
            .collect();
        let default = match defaults.is_empty() {
            true => "unset".to_owned(),
            false => format!("`{}`", defaults.join(",")),
        };
        let meaning = a
            .get_long_help()
            .or(a.get_help())
            .map(|h| h.to_string())
            .unwrap_or_default()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .replace('|', "\\|");
        out.push_str(&format!(
            "| `{}` | {flag} | {default} | {meaning} |\n",
            env.to_string_lossy()
        ));
    }
    out
}

/// How many stored secrets of each kind were sealed again.
struct Resealed {
    webhooks: usize,
    links: usize,
    pins: usize,
    push: usize,
}

impl Resealed {
    fn any(&self) -> bool {
        self.webhooks + self.links + self.pins + self.push > 0
    }
}

impl std::fmt::Display for Resealed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} webhook subscription(s), {} tracking link(s), {} handover PIN(s), {} push \
             subscription(s)",
            self.webhooks, self.links, self.pins, self.push
        )
    }
}

/// Every secret kept at rest — webhook signing secrets, the customer's tracking link and the
/// handover PIN on shipments, push subscriptions' auth secrets — sealed again under the
/// current key where `scope` asks.
fn reseal_everything(
    conn: &mut crate::db::Conn,
    ring: &crate::secrets::Keyring,
    scope: Scope,
) -> anyhow::Result<Resealed> {
    let webhooks = reseal(conn, ring, scope)?;
    let (links, pins) = crate::shipments::store::reseal(conn, ring, scope)?;
    let push = crate::push::store::reseal(conn, ring, scope)?;
    Ok(Resealed {
        webhooks,
        links,
        pins,
        push,
    })
}

pub fn run(cli: Cli) -> anyhow::Result<()> {
    crate::install_crypto_provider();
    // The demo's own server logs nothing but errors: its output is the summary.
    let demo = matches!(cli.command, Some(Command::Demo { .. }));
    init_tracing(&cli.opts.log_format, if demo { "error" } else { "info" });
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(cli.opts.settings()),
        Command::Demo { password, weeks } => {
            crate::demo::run(cli.opts.settings(), &password, weeks)
        }
        Command::Migrate => {
            let db = Db::connect(&cli.opts.database_url, 1)?;
            let applied = db.migrate()?;
            println!("{} migration(s) applied", applied.len());
            let ring = cli.opts.keyring()?;
            let mut conn = db.get_write()?;
            let n = reseal_everything(&mut conn, &ring, Scope::Plain)?;
            if n.any() {
                println!("plain secrets sealed: {n}");
            }
            Ok(())
        }
        Command::Admin(AdminCommand::RotateSecretKey) => {
            let ring = cli.opts.keyring()?;
            let Some(id) = ring.current_id().map(str::to_owned) else {
                anyhow::bail!("DOORSTEP_SECRET_KEY is not set: there is no key to rotate to");
            };
            let db = Db::connect(&cli.opts.database_url, 1)?;
            db.migrate()?;
            let mut conn = db.get_write()?;
            let n = reseal_everything(&mut conn, &ring, Scope::NotCurrent)?;
            println!("re-sealed under key {id}: {n}");
            Ok(())
        }
        Command::Verify {
            bundle,
            keys,
            key_files,
            allow_unsigned,
        } => verify(&bundle, &keys, &key_files, allow_unsigned),
        Command::ConfigReference => {
            print!("{}", configuration_reference());
            Ok(())
        }
        Command::Openapi { all } => {
            let yaml = if all {
                crate::server::openapi::routes_spec_yaml()?
            } else {
                crate::server::openapi::spec_yaml()?
            };
            print!("{yaml}");
            Ok(())
        }
        Command::Admin(AdminCommand::Bootstrap {
            email,
            name,
            password_stdin: _,
        }) => {
            let mut password = String::new();
            std::io::stdin().lock().read_line(&mut password)?;
            let password = password.trim_end_matches(['\r', '\n']);
            let db = Db::connect(&cli.opts.database_url, 1)?;
            db.migrate()?;
            let id = crate::users::bootstrap::create_platform_admin(&db, &email, &name, password)?;
            println!("platform admin created: {id}");
            Ok(())
        }
        Command::Admin(AdminCommand::PurgeContacts) => {
            let db = Db::connect(&cli.opts.database_url, 1)?;
            db.migrate()?;
            let n = crate::contacts::purge::purge_due(&db, &crate::clock::Clock::system())?;
            println!("contact data erased on {n} shipment(s)");
            Ok(())
        }
        Command::Admin(AdminCommand::RebuildKpis) => {
            let db = Db::connect(&cli.opts.database_url, 1)?;
            db.migrate()?;
            let started = std::time::Instant::now();
            let mut conn = db.get_write()?;
            let r = crate::kpis::store::rebuild(&mut conn, 1000)?;
            println!(
                "KPI counters rebuilt from {} shipment(s) in {:.1} s: {} daily row(s) written, \
                 {} differed from the kept counters; {} shipment contribution(s) corrected",
                r.shipments,
                started.elapsed().as_secs_f64(),
                r.rows_written,
                r.rows_differing,
                r.contributions_differing
            );
            Ok(())
        }
    }
}

fn verify(
    bundle: &std::path::Path,
    keys: &[String],
    key_files: &[std::path::PathBuf],
    allow_unsigned: bool,
) -> anyhow::Result<()> {
    use anyhow::Context;
    let file =
        std::fs::read(bundle).with_context(|| format!("cannot read {}", bundle.display()))?;
    let documents = key_files
        .iter()
        .map(|p| std::fs::read_to_string(p).with_context(|| format!("cannot read {}", p.display())))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let keys = crate::evidence::verify::parse_keys(keys, &documents)?;
    let report = crate::evidence::verify::verify(&file, &keys, allow_unsigned);
    for line in &report.lines {
        println!("{line}");
    }
    anyhow::ensure!(report.ok, "the evidence bundle does NOT verify");
    println!("the evidence bundle verifies");
    Ok(())
}

fn serve(settings: Settings) -> anyhow::Result<()> {
    actix_web::rt::System::new().block_on(async move {
        let bind = settings.bind.clone();
        let metrics_bind = settings.metrics_bind.clone();
        let app = crate::Application::build(settings).await?;
        let host = bind.rsplit_once(':').map(|(h, _)| h).unwrap_or("127.0.0.1");
        tracing::info!("Doorstep listening on http://{host}:{}", app.port());
        println!("Doorstep listening on http://{host}:{}", app.port());
        if let (Some(addr), Some(port)) = (&metrics_bind, app.metrics_port()) {
            let host = addr.rsplit_once(':').map(|(h, _)| h).unwrap_or("127.0.0.1");
            tracing::info!("metrics on http://{host}:{port}/metrics only");
        }
        app.run().await?;
        Ok(())
    })
}

/// `DOORSTEP_TRUSTED_PROXIES`, parsed once by clap.
#[derive(Debug, Clone)]
pub struct TrustedProxies(pub Vec<ipnet::IpNet>);

fn parse_trusted(s: &str) -> Result<TrustedProxies, String> {
    crate::client_addr::parse_trusted(s).map(TrustedProxies)
}
