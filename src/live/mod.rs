//! Live arrival (issue 26): while a driver is out for delivery, their app reports its position
//! about every 30 s. The server keeps only the latest one per driver (no trail) with the
//! estimate it gives each remaining stop, and erases it when the round ends. Customers and
//! marketplaces see how many stops come before theirs and about how many minutes — never the
//! position. The driver's report is `PUT /v1/driver/position` (beside the route, in
//! `contacts::routes`); the shipment reads show the estimate; `eta.updated` goes out with the
//! webhooks.
pub mod model;
pub mod rules;
pub mod store;
