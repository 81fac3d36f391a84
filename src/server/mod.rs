//! Server plumbing, no domain rules: the HTTP app and its middleware, shared state, the
//! OpenAPI document and route table, operational endpoints, metrics, rate limits.

pub mod body_deadline;
pub mod http;
pub mod limits;
pub mod metrics;
pub mod openapi;
pub mod ops;
pub mod ratelimit;
pub mod read_routing;
pub mod state;
