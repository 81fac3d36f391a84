//! Shipments: created by a marketplace, carried down the chain, shaped per party on read.
pub mod batch_routes;
pub mod creation;
pub mod locking;
pub mod model;
pub mod patch;
pub mod routes;
pub mod service;
pub mod store;
pub mod validate;
