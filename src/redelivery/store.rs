//! Places taken in delivery slots, and the slot each shipment holds.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::upsert::excluded;

use crate::db::Conn;
use crate::db::backend::per_backend;
use crate::db::schema::{slot_bookings, slot_places};

/// Take one place of a slot, unless its `capacity` is reached: `false` then. The place is
/// taken by one conditional UPDATE, so two customers racing for the last place cannot both get
/// it (PostgreSQL re-checks the condition on the row it waited for; SQLite has one writer).
pub fn take_place(
    c: &mut Conn,
    contract_id: &str,
    start: NaiveDateTime,
    capacity: u32,
) -> QueryResult<bool> {
    let capacity = i32::try_from(capacity).unwrap_or(i32::MAX);
    per_backend!(c, |c| diesel::insert_into(slot_places::table)
        .values((
            slot_places::contract_id.eq(contract_id),
            slot_places::slot_start.eq(start),
            slot_places::taken.eq(0),
        ))
        .on_conflict((slot_places::contract_id, slot_places::slot_start))
        .do_nothing()
        .execute(c))?;
    diesel::update(
        slot_places::table
            .filter(slot_places::contract_id.eq(contract_id))
            .filter(slot_places::slot_start.eq(start))
            .filter(slot_places::taken.lt(capacity)),
    )
    .set(slot_places::taken.eq(slot_places::taken + 1))
    .execute(c)
    .map(|n| n == 1)
}

/// Give a place back.
pub fn release_place(c: &mut Conn, contract_id: &str, start: NaiveDateTime) -> QueryResult<()> {
    diesel::update(
        slot_places::table
            .filter(slot_places::contract_id.eq(contract_id))
            .filter(slot_places::slot_start.eq(start))
            .filter(slot_places::taken.gt(0)),
    )
    .set(slot_places::taken.eq(slot_places::taken - 1))
    .execute(c)
    .map(|_| ())
}

/// Places taken per slot start of a contract, from `from` to `to`.
pub fn taken_between(
    c: &mut Conn,
    contract_id: &str,
    from: NaiveDateTime,
    to: NaiveDateTime,
) -> QueryResult<Vec<(NaiveDateTime, i32)>> {
    slot_places::table
        .filter(slot_places::contract_id.eq(contract_id))
        .filter(slot_places::slot_start.ge(from))
        .filter(slot_places::slot_start.le(to))
        .select((slot_places::slot_start, slot_places::taken))
        .load(c)
}

/// The slot a shipment holds: (contract, start).
pub fn booking(c: &mut Conn, shipment_id: &str) -> QueryResult<Option<(String, NaiveDateTime)>> {
    slot_bookings::table
        .find(shipment_id)
        .select((slot_bookings::contract_id, slot_bookings::slot_start))
        .first(c)
        .optional()
}

/// Record (or move) the slot a shipment holds.
pub fn book(
    c: &mut Conn,
    shipment_id: &str,
    contract_id: &str,
    start: NaiveDateTime,
) -> QueryResult<()> {
    per_backend!(c, |c| diesel::insert_into(slot_bookings::table)
        .values((
            slot_bookings::shipment_id.eq(shipment_id),
            slot_bookings::contract_id.eq(contract_id),
            slot_bookings::slot_start.eq(start),
        ))
        .on_conflict(slot_bookings::shipment_id)
        .do_update()
        .set((
            slot_bookings::contract_id.eq(excluded(slot_bookings::contract_id)),
            slot_bookings::slot_start.eq(excluded(slot_bookings::slot_start)),
        ))
        .execute(c))
    .map(|_| ())
}
