//! Re-delivery: after a failed attempt the parcel waits with the courier for a new visit; the
//! customer chooses the window (or accepts the courier's proposal) and the round follows it.
pub mod model;
pub mod routes;
pub mod rules;
pub mod service;
pub mod store;
