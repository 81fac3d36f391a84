//! Sightings: when the server saw a driver online. Every authenticated request of a driver
//! (and a driver's login) is one; an attempt sent later that claims a time before a sighting
//! was not queued offline, it was backdated (`attempts::rules::backdating_window`).
//!
//! Cheap by design: a process writes a driver's sighting at most once per
//! [`SIGHTING_EVERY`] (remembered in memory), as one upsert into a row per driver per minute.

use std::collections::HashMap;
use std::sync::Mutex;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::Conn;
use crate::db::backend::per_backend;
use crate::db::schema::driver_sightings;

/// A driver seen within this long needs no new row (the backdating window is minutes wide).
pub const SIGHTING_EVERY_SECS: i64 = 60;

/// The last sighting this process wrote, per driver.
#[derive(Debug, Default)]
pub struct Sightings {
    last: Mutex<HashMap<String, NaiveDateTime>>,
}

impl Sightings {
    /// Whether `driver` must be written as seen at `now` (not written in the last minute).
    pub fn due(&self, driver: &str, now: NaiveDateTime) -> bool {
        let map = self.last.lock().unwrap_or_else(|p| p.into_inner());
        map.get(driver)
            .is_none_or(|t| (now - *t).num_seconds().abs() >= SIGHTING_EVERY_SECS)
    }

    /// The sighting was written.
    pub fn written(&self, driver: &str, now: NaiveDateTime) {
        let mut map = self.last.lock().unwrap_or_else(|p| p.into_inner());
        if map.len() > 100_000 {
            // Bound memory: forget drivers not seen for a while.
            map.retain(|_, t| (now - *t).num_seconds() < SIGHTING_EVERY_SECS);
        }
        map.insert(driver.to_owned(), now);
    }
}

/// Record that `driver` was seen at `now`: one statement; the first sighting of a minute stays.
pub fn record(conn: &mut Conn, driver: &str, now: NaiveDateTime) -> QueryResult<()> {
    let row = (
        driver_sightings::driver_id.eq(driver),
        driver_sightings::minute.eq(now.and_utc().timestamp().div_euclid(60)),
        driver_sightings::seen_at.eq(now),
    );
    per_backend!(conn, |c| diesel::insert_into(driver_sightings::table)
        .values(row)
        .on_conflict_do_nothing()
        .execute(c))
    .map(|_| ())
}

/// Whether `driver` was seen between `from` and `to` (inclusive).
pub fn seen_between(
    conn: &mut Conn,
    driver: &str,
    from: NaiveDateTime,
    to: NaiveDateTime,
) -> QueryResult<bool> {
    let minute = |t: NaiveDateTime| t.and_utc().timestamp().div_euclid(60);
    diesel::select(diesel::dsl::exists(
        driver_sightings::table
            .filter(driver_sightings::driver_id.eq(driver))
            .filter(driver_sightings::minute.between(minute(from), minute(to)))
            .filter(driver_sightings::seen_at.between(from, to)),
    ))
    .get_result(conn)
}

/// Sightings are kept as long as an attempt may arrive from offline, and a day more.
pub fn purge(conn: &mut Conn, before: NaiveDateTime) -> QueryResult<usize> {
    diesel::delete(driver_sightings::table.filter(driver_sightings::seen_at.lt(before)))
        .execute(conn)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_driver_is_written_at_most_once_a_minute() {
        let s = Sightings::default();
        let t0 = chrono::DateTime::from_timestamp(1_800_000_000, 0)
            .unwrap()
            .naive_utc();
        assert!(s.due("drv_1", t0));
        s.written("drv_1", t0);
        assert!(!s.due("drv_1", t0 + chrono::Duration::seconds(59)));
        assert!(s.due("drv_2", t0), "per driver");
        assert!(s.due("drv_1", t0 + chrono::Duration::seconds(60)));
    }
}
