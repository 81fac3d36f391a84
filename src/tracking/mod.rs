//! The customer's tracking link: no account, the token in the path is the capability.
pub mod model;
pub mod page;
pub mod routes;
pub mod rules;
pub mod service;
pub mod settings;
pub mod views;
