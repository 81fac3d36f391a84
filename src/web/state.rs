//! What every handler can reach: built once by `server::http`, shared by all workers.

use crate::auth::jwt::JwtKeys;
use crate::auth::password::PasswordGate;
use crate::blobs::Blobs;
use crate::db::Db;
use crate::web::limits::{LoginLimits, TrackingLimits};
use crate::web::metrics::Metrics;

pub struct AppState {
    /// The settings handlers read (the rest stay with `server`, which wires them).
    pub settings: Options,
    pub db: Db,
    pub jwt: JwtKeys,
    /// In process, or shared by every node through Redis.
    pub login_throttle: LoginLimits,
    /// Every password hash and verification of the server goes through it.
    pub password_gate: PasswordGate,
    pub metrics: Metrics,
    pub tracking_limits: TrackingLimits,
    /// Seals and opens webhook signing secrets.
    pub secrets: std::sync::Arc<crate::secrets::Keyring>,
    pub blobs: Blobs,
    /// The key that signs evidence roots.
    pub evidence_keys: crate::evidence::keys::Keys,
    /// The customers' tracking views, per shipment version.
    pub tracking_views: crate::tracking::views::ViewCache,
    /// Callers who wrote within the replica's lag bound read the primary (read-your-writes).
    pub recent_writers: crate::web::read_routing::RecentWriters,
    /// Drivers this process wrote a sighting of in the last minute.
    pub sightings: crate::auth::sightings::Sightings,
    /// Memory for photos decoded at once (`DOORSTEP_DECODE_MEMORY_MB`).
    pub decode_budget: crate::attempts::decode_budget::DecodeBudget,
    /// The one clock (`crate::clock`): services take `now` from it.
    pub clock: crate::clock::Clock,
}

pub type State = actix_web::web::Data<AppState>;

/// The part of the settings (`config::Settings`, same meaning and defaults) that requests read.
pub struct Options {
    pub public_url: String,
    pub trusted_proxies: Vec<ipnet::IpNet>,
    pub refresh_token_ttl: std::time::Duration,
    pub refresh_reuse_grace: std::time::Duration,
    pub console_idle: std::time::Duration,
    pub photo_max_bytes: usize,
    pub photo_max_pixels: u64,
    pub webhook_allow_private: bool,
    pub webhook_max_subscriptions: u32,
    pub harsh_rater: crate::ratings::rules::HarshRater,
    pub notify_channels: crate::channels::Channels,
    pub vapid_private_key: secrecy::SecretString,
    pub vapid_subject: String,
    /// `/metrics` has a listener of its own (the public one answers 404).
    pub metrics_bind: bool,
}

impl AppState {
    /// What an evidence export reads (the API's and the console's downloads).
    pub fn evidence_sources(&self) -> crate::evidence::export::Sources<'_> {
        crate::evidence::export::Sources {
            db: &self.db,
            blobs: &self.blobs,
            keys: &self.evidence_keys,
            clock: &self.clock,
        }
    }
}

impl Options {
    /// What a new webhook subscription may be (the API's and the console's forms).
    pub fn webhook_policy(&self) -> crate::webhooks::service::Policy {
        crate::webhooks::service::Policy {
            allow_private: self.webhook_allow_private,
            max_subscriptions: self.webhook_max_subscriptions,
        }
    }
}
