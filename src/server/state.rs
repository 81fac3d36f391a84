//! What every handler can reach: built once in `http::build`, shared by all workers.

use crate::auth::jwt::JwtKeys;
use crate::auth::password::PasswordGate;
use crate::blobs::Blobs;
use crate::config::Settings;
use crate::db::Db;
use crate::server::limits::{LoginLimits, TrackingLimits};
use crate::server::metrics::Metrics;

pub struct AppState {
    pub settings: Settings,
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
    pub recent_writers: crate::server::read_routing::RecentWriters,
    /// Drivers this process wrote a sighting of in the last minute.
    pub sightings: crate::auth::sightings::Sightings,
    /// Memory for photos decoded at once (`DOORSTEP_DECODE_MEMORY_MB`).
    pub decode_budget: crate::attempts::decode_budget::DecodeBudget,
    /// The one clock (`crate::clock`): services take `now` from it.
    pub clock: crate::clock::Clock,
}

pub type State = actix_web::web::Data<AppState>;
