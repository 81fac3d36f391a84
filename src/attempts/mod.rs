//! Delivery attempts with proof, contact attempts, the ETA, the handover PIN, photos.
pub mod decode_budget;
pub mod heif;
pub mod model;
pub mod photo_routes;
pub mod picture;
pub mod routes;
pub mod rules;
pub mod service;
pub mod settings;
pub mod store;
