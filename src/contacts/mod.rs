//! Contact data down the chain: who read it (the access log), the driver's route, and erasure
//! after the retention period.
pub mod model;
pub mod purge;
pub mod routes;
pub mod service;
pub mod store;
