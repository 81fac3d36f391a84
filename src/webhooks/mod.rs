//! Signed webhooks: subscriptions, a dispatcher fed by the timeline (the transactional outbox),
//! retries with backoff, a log of every try.
pub mod dispatcher;
pub mod model;
pub mod routes;
pub mod rules;
pub mod sealing;
pub mod service;
pub mod settings;
pub mod store;
