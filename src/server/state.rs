//! What every handler can reach: built once in `http::build`, shared by all workers.

use crate::auth::jwt::JwtKeys;
use crate::auth::password::PasswordGate;
use crate::auth::throttle::LoginThrottle;
use crate::blobs::Blobs;
use crate::config::Settings;
use crate::db::Db;
use crate::server::metrics::Metrics;
use crate::server::ratelimit::KeyedLimit;

pub struct AppState {
    pub settings: Settings,
    pub db: Db,
    pub jwt: JwtKeys,
    pub login_throttle: LoginThrottle,
    /// Every password hash and verification of the server goes through it.
    pub password_gate: PasswordGate,
    pub metrics: Metrics,
    pub tracking_limit_token: KeyedLimit,
    pub tracking_limit_address: KeyedLimit,
    pub blobs: Blobs,
    /// The customers' tracking views, per shipment version.
    pub tracking_views: crate::tracking::views::ViewCache,
    /// Callers who wrote within the replica's lag bound read the primary (read-your-writes).
    pub recent_writers: crate::server::read_routing::RecentWriters,
}

pub type State = actix_web::web::Data<AppState>;
