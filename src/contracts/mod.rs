//! Contracts: which suppliers and couriers a marketplace works with, and on what terms.
pub mod model;
pub mod routes;
pub mod slots;
pub mod store;
