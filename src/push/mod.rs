//! Driver pushes (issue 16): Web Push (RFC 8030) to the browsers a driver registered. The one
//! door appends pushes to an outbox in the change's transaction ([`outbox`]); a background
//! sender encrypts each (RFC 8291, aes128gcm), signs it (VAPID, RFC 8292) and posts it
//! ([`sender`]); drivers manage their subscriptions ([`routes`]).

pub mod model;
pub mod outbox;
pub mod routes;
pub mod rules;
pub mod sender;
pub mod settings;
pub mod store;
pub mod vapid;
