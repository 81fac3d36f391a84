//! One integration test binary: every module starts the real server and talks HTTP to it.
//! SQLite by default; PostgreSQL when `TEST_DATABASE_URL` is set.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod attacks;
mod attempts;
mod auth;
mod batch;
mod browser;
mod budgets;
mod cli;
mod clients;
mod console;
mod console_browser;
mod contract;
mod crash;
mod custody;
mod driver_app;
mod errors;
mod evidence;
mod fairness;
mod feed;
mod fixtures;
mod ha;
mod hardening;
mod helpers;
mod kpis;
mod layout;
mod live;
mod load;
mod loss;
mod migrations;
mod nodes;
mod notifications;
mod ops;
mod orgs_users_keys;
mod page;
mod push;
mod redelivery;
mod replica;
mod s3;
mod secrets;
mod shipments;
mod timezones;
mod trust;
mod webhooks;
