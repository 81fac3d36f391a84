//! People who log in: platform admins, org admins, staff and drivers.
pub mod bootstrap;
pub mod model;
pub mod routes;
pub mod rules;
pub mod service;
pub mod store;
