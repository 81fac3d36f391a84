//! KPIs against contract targets: definitions, counters kept per day, queries and scorecards.

pub mod model;
pub mod routes;
pub mod rules;
pub mod service;
pub mod store;
pub mod targets;
