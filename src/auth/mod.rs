//! Authentication: passwords, access JWTs, refresh tokens, API keys and who is calling (`Actor`).
pub mod jwt;
pub mod model;
pub mod password;
pub mod refresh;
pub mod routes;
pub mod settings;
pub mod sightings;
pub mod throttle;

pub use model::Actor;
