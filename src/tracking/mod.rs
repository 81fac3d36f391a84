//! The customer's tracking link: no account, the token in the path is the capability.
pub mod model;
pub mod routes;
