//! The operations console (`/console`): server-rendered pages for marketplace and courier
//! staff and platform admins — scorecards against targets, week-by-week charts, the disputes
//! queue with its evidence and resolve form. A cookie session (`session`), a CSRF token on every
//! form (`csrf`), the API's services and access checks underneath.
pub mod csrf;
pub mod hooks;
pub mod pages;
pub mod responses;
pub mod routes;
pub mod session;
pub mod team_views;
pub mod teams;
pub mod todo;
pub mod views;
