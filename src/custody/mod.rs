//! Chain of custody: two-sided hand-offs, custody gaps, lost/cancelled, the timeline.
pub mod model;
pub mod routes;
pub mod rules;
pub mod service;
pub mod store;
