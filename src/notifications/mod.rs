//! Customer messages (issue 16): an outbox the one door writes in the change's transaction
//! ([`outbox`]), a background sender over SMTP and an SMS API ([`sender`]), the customer's
//! opt-out and the shipment's message log ([`routes`]).

pub mod model;
pub mod outbox;
pub mod routes;
pub mod rules;
pub mod sender;
pub mod service;
pub mod settings;
pub mod store;
