//! Customer ratings of a delivery, attributed fairly along the chain of custody.

pub mod model;
pub mod routes;
pub mod rules;
pub mod service;
pub mod store;
