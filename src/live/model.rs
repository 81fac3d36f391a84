//! What the driver's app reports, and the estimates the API shows.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The driver's position now (the phone's Geolocation API). Live only: a position is never
/// queued offline and sent later.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PositionReport {
    #[schema(example = 48.8566, minimum = -90, maximum = 90)]
    pub lat: f64,
    #[schema(example = 2.3522, minimum = -180, maximum = 180)]
    pub lon: f64,
    /// The fix's accuracy radius, metres.
    #[schema(example = 12.0, minimum = 0, maximum = 100000)]
    pub accuracy_m: Option<f64>,
}

/// One remaining stop of the driver's round, as the estimate sees it.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct StopEstimate {
    pub shipment_id: String,
    /// Stops the driver makes before this one.
    pub stops_before: u32,
    /// About how many minutes until the driver is there.
    pub minutes: u32,
}

/// The answer to a position report: the estimate of every stop out for delivery, in route
/// order. `kept` is false when nothing is out for delivery (the position is not kept).
#[derive(Debug, Serialize, ToSchema)]
pub struct PositionAnswer {
    pub kept: bool,
    pub stops: Vec<StopEstimate>,
}

/// The driver's approach as the customer and the marketplace see it: shown only while the
/// parcel is out for delivery, among the next few stops, and the driver's app reported within
/// the last minutes. Never the position.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct LiveEstimate {
    /// Stops the driver makes before this parcel's (0: it is the next stop).
    pub stops_before: u32,
    /// About how many minutes until the driver is at the door.
    pub minutes: u32,
    /// When the driver's position behind the estimate was received.
    pub updated_at: DateTime<Utc>,
}
