//! What the delivery layer (the JSON routes, the console, the tracking page, the driver app)
//! shares: the state handlers reach, the `Actor` extractor, the one login check, rate limits,
//! read routing and metrics. Below `server` (which builds it from the settings), above the
//! domains it serves.

pub mod actor;
pub mod limits;
pub mod login;
pub mod metrics;
pub mod ratelimit;
pub mod read_routing;
pub mod state;
