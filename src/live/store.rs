//! The one row per driver out for delivery: their latest position and the estimates it gives.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::rules::Stop;
use crate::db::Conn;
use crate::db::backend::per_backend;
use crate::db::schema::{driver_positions, shipments};

/// `shipments::rules::Status::OutForDelivery` as stored (named here so that this base of the
/// shipment domain imports nothing of it: the door and the attempts call this module).
pub const OUT_FOR_DELIVERY: &str = "out_for_delivery";

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = driver_positions)]
pub struct PositionRow {
    pub driver_id: String,
    pub lat: f64,
    pub lon: f64,
    pub accuracy_m: Option<f64>,
    pub reported_at: NaiveDateTime,
    pub estimates: String,
    pub notified_at: Option<NaiveDateTime>,
}

/// The driver's stops out for delivery, in route order (window start, then id; 500 at most).
pub fn out_stops(conn: &mut Conn, driver_id: &str) -> QueryResult<Vec<Stop>> {
    let rows: Vec<(String, Option<f64>, Option<f64>)> = shipments::table
        .filter(shipments::driver_id.eq(driver_id))
        .filter(shipments::status.eq(OUT_FOR_DELIVERY))
        .order((shipments::window_start.asc(), shipments::id.asc()))
        .limit(500)
        .select((shipments::id, shipments::lat, shipments::lon))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(shipment_id, lat, lon)| Stop {
            shipment_id,
            at: lat.zip(lon),
        })
        .collect())
}

/// Keep `row` as the driver's one position (the previous one is replaced, not kept); when
/// `eta.updated` was last sent stays as it was.
pub fn save(conn: &mut Conn, row: &PositionRow) -> QueryResult<()> {
    use diesel::upsert::excluded;
    per_backend!(conn, |c| diesel::insert_into(driver_positions::table)
        .values(row)
        .on_conflict(driver_positions::driver_id)
        .do_update()
        .set((
            driver_positions::lat.eq(excluded(driver_positions::lat)),
            driver_positions::lon.eq(excluded(driver_positions::lon)),
            driver_positions::accuracy_m.eq(excluded(driver_positions::accuracy_m)),
            driver_positions::reported_at.eq(excluded(driver_positions::reported_at)),
            driver_positions::estimates.eq(excluded(driver_positions::estimates)),
        ))
        .execute(c))
    .map(|_| ())
}

/// Forget the driver's position.
pub fn erase(conn: &mut Conn, driver_id: &str) -> QueryResult<usize> {
    diesel::delete(driver_positions::table.find(driver_id)).execute(conn)
}

/// The round ended when nothing of the driver's is out for delivery any more: forget their
/// position then (one statement, run after each attempt).
pub fn erase_if_round_ended(conn: &mut Conn, driver_id: &str) -> QueryResult<usize> {
    let out = shipments::table
        .filter(shipments::driver_id.eq(driver_id))
        .filter(shipments::status.eq(OUT_FOR_DELIVERY))
        .select(shipments::id);
    diesel::delete(
        driver_positions::table
            .filter(driver_positions::driver_id.eq(driver_id))
            .filter(diesel::dsl::not(diesel::dsl::exists(out))),
    )
    .execute(conn)
}

/// The estimates kept for a driver, if they are out with a position.
pub fn estimates_of(conn: &mut Conn, driver_id: &str) -> QueryResult<Option<String>> {
    driver_positions::table
        .find(driver_id)
        .select(driver_positions::estimates)
        .first(conn)
        .optional()
}

/// Positions whose stops are due an `eta.updated` (never told, or told before `told_before`),
/// received after `fresh_after`.
pub fn due_for_notice(
    conn: &mut Conn,
    told_before: NaiveDateTime,
    fresh_after: NaiveDateTime,
    limit: i64,
) -> QueryResult<Vec<PositionRow>> {
    driver_positions::table
        .filter(
            driver_positions::notified_at
                .is_null()
                .or(driver_positions::notified_at.le(told_before)),
        )
        .filter(driver_positions::reported_at.gt(fresh_after))
        .order(driver_positions::driver_id.asc())
        .limit(limit)
        .select(PositionRow::as_select())
        .load(conn)
}

pub fn mark_notified(conn: &mut Conn, driver_id: &str, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(driver_positions::table.find(driver_id))
        .set(driver_positions::notified_at.eq(now))
        .execute(conn)
}

/// Forget positions no app refreshed since `before` (the phone went quiet mid-round).
pub fn purge_stale(conn: &mut Conn, before: NaiveDateTime) -> QueryResult<usize> {
    diesel::delete(driver_positions::table.filter(driver_positions::reported_at.lt(before)))
        .execute(conn)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_status_is_the_shipments_one() {
        assert_eq!(
            super::OUT_FOR_DELIVERY,
            crate::status::Status::OutForDelivery.as_str()
        );
    }
}
