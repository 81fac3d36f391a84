use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::model::{AttemptRow, ContactAttemptRow, PhotoRow};
use crate::db::Conn;
use crate::db::schema::{contact_attempts, delivery_attempts, photos};

pub fn insert_contact(conn: &mut Conn, row: &ContactAttemptRow) -> QueryResult<()> {
    diesel::insert_into(contact_attempts::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn contacts_for(conn: &mut Conn, shipment_id: &str) -> QueryResult<Vec<ContactAttemptRow>> {
    contact_attempts::table
        .filter(contact_attempts::shipment_id.eq(shipment_id))
        .order((
            contact_attempts::occurred_at.asc(),
            contact_attempts::id.asc(),
        ))
        .limit(1000)
        .select(ContactAttemptRow::as_select())
        .load(conn)
}

/// Times of contact attempts in `[from, to]` that reached the server by `reported_by`, for
/// the "not home" rule: a call logged after the attempt, backdated, does not count.
pub fn contact_times(
    conn: &mut Conn,
    shipment_id: &str,
    from: NaiveDateTime,
    to: NaiveDateTime,
    reported_by: NaiveDateTime,
) -> QueryResult<Vec<NaiveDateTime>> {
    contact_attempts::table
        .filter(contact_attempts::shipment_id.eq(shipment_id))
        .filter(contact_attempts::occurred_at.ge(from))
        .filter(contact_attempts::occurred_at.le(to))
        .filter(contact_attempts::created_at.le(reported_by))
        .select(contact_attempts::occurred_at)
        .load(conn)
}

pub fn insert(conn: &mut Conn, row: &AttemptRow) -> QueryResult<()> {
    diesel::insert_into(delivery_attempts::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn find(conn: &mut Conn, id: &str) -> QueryResult<Option<AttemptRow>> {
    delivery_attempts::table
        .find(id)
        .select(AttemptRow::as_select())
        .first(conn)
        .optional()
}

pub fn find_by_key(conn: &mut Conn, driver_id: &str, key: &str) -> QueryResult<Option<AttemptRow>> {
    delivery_attempts::table
        .filter(delivery_attempts::driver_id.eq(driver_id))
        .filter(delivery_attempts::idempotency_key.eq(key))
        .select(AttemptRow::as_select())
        .first(conn)
        .optional()
}

/// A shipment's attempts in device-time order (offline attempts arrive late).
pub fn for_shipment(conn: &mut Conn, shipment_id: &str) -> QueryResult<Vec<AttemptRow>> {
    delivery_attempts::table
        .filter(delivery_attempts::shipment_id.eq(shipment_id))
        .order((
            delivery_attempts::occurred_at.asc(),
            delivery_attempts::id.asc(),
        ))
        .limit(1000)
        .select(AttemptRow::as_select())
        .load(conn)
}

pub fn set_verdict(
    conn: &mut Conn,
    id: &str,
    flags: &str,
    distance_m: Option<f64>,
) -> QueryResult<()> {
    diesel::update(delivery_attempts::table.find(id))
        .set((
            delivery_attempts::flags.eq(flags),
            delivery_attempts::distance_m.eq(distance_m),
        ))
        .execute(conn)
        .map(|_| ())
}

pub fn insert_photo(conn: &mut Conn, row: &PhotoRow) -> QueryResult<()> {
    diesel::insert_into(photos::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn find_photo(conn: &mut Conn, id: &str) -> QueryResult<Option<PhotoRow>> {
    photos::table
        .find(id)
        .select(PhotoRow::as_select())
        .first(conn)
        .optional()
}

/// Photos of several attempts at once (one query for a list, not one per attempt).
pub fn photos_for(conn: &mut Conn, attempt_ids: &[String]) -> QueryResult<Vec<PhotoRow>> {
    photos::table
        .filter(photos::attempt_id.eq_any(attempt_ids))
        .order(photos::id.asc())
        .select(PhotoRow::as_select())
        .load(conn)
}

/// These attempts, in one statement (the console's ratings list shows the attempt each rates).
pub fn find_many(conn: &mut Conn, ids: &[String]) -> QueryResult<Vec<AttemptRow>> {
    delivery_attempts::table
        .filter(delivery_attempts::id.eq_any(ids))
        .select(AttemptRow::as_select())
        .load(conn)
}
