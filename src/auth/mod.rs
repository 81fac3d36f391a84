//! Authentication: passwords, access JWTs, refresh tokens, API keys and the `Actor` extractor.
pub mod actor;
pub mod jwt;
pub mod login;
pub mod model;
pub mod password;
pub mod refresh;
pub mod routes;
pub mod sightings;
pub mod throttle;

pub use actor::Actor;
