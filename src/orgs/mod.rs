//! Organisations: marketplaces, suppliers and couriers.
pub mod model;
pub mod routes;
pub mod service;
pub mod store;
