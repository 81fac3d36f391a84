//! Disputes: the customer contests an attempt, the courier answers, the marketplace resolves.
pub mod model;
pub mod routes;
pub mod rules;
pub mod service;
pub mod store;
