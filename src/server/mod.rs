//! Wiring, no domain rules: builds the HTTP app from the settings (the only module that sees
//! them all), its middleware, the OpenAPI document and route table, operational endpoints.

pub mod body_deadline;
pub mod contract;
pub mod http;
pub mod openapi;
pub mod ops;
