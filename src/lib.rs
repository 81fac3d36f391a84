//! Doorstep: the shared, accountable record of a parcel's delivery.

pub mod access;
pub mod access_log;
pub mod api_keys;
pub mod args;
pub mod attempts;
pub mod auth;
pub mod blobs;
pub mod channels;
pub mod cli;
pub mod client_addr;
pub mod clock;
pub mod config;
pub mod console;
pub mod contacts;
pub mod contracts;
pub mod custody;
pub mod db;
pub mod demo;
pub mod disputes;
pub mod driver_app;
pub mod error;
pub mod evidence;
pub mod feed;
pub mod geo;
pub mod i18n;
pub mod idempotency;
pub mod identity;
pub mod ids;
pub mod jobs;
pub mod kpis;
pub mod live;
pub mod notifications;
pub mod orgs;
pub mod outbound;
pub mod pagination;
pub mod push;
pub mod ratings;
pub mod redelivery;
pub mod secrets;
pub mod server;
pub mod shipments;
pub mod status;
pub mod timezone;
pub mod tracking;
pub mod users;

pub mod web;
pub mod webhooks;
pub mod window;

pub use config::Settings;

/// TLS (webhooks, S3) goes through rustls with the `ring` provider; call before building a TLS
/// client. Idempotent.
pub fn install_crypto_provider() {
    // Err only when a provider is already installed.
    let _ = rustls::crypto::ring::default_provider().install_default();
}
pub use server::http::Application;
