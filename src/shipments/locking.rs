//! The one door's read of a shipment: its row with the facts kept for its counters and the
//! terms of its contracts, in one statement, locked (or not) per backend.

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Integer, Nullable, Text};

use super::model::ShipmentRow;
use crate::db::Conn;
use crate::db::backend::raw_row;

/// A shipment's row as the one door reads it: locked until the transaction ends, with the facts
/// kept for its counters and the terms of its contracts, in one statement.
#[derive(Debug, Clone, QueryableByName)]
pub struct LockedShipmentRow {
    #[diesel(embed)]
    pub ship: ShipmentRow,
    #[diesel(sql_type = Nullable<Text>)]
    pub kpi_facts: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub kpi_contrib: Option<String>,
    /// The courier's active contract, if any.
    #[diesel(sql_type = Nullable<Integer>)]
    pub courier_radius_m: Option<i32>,
    #[diesel(sql_type = Nullable<BigInt>)]
    pub courier_pin_above_cents: Option<i64>,
    #[diesel(sql_type = Nullable<Integer>)]
    pub courier_retention_days: Option<i32>,
    #[diesel(sql_type = Nullable<Integer>)]
    pub courier_redelivery_horizon_days: Option<i32>,
    #[diesel(sql_type = Nullable<Text>)]
    pub courier_contract_id: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub courier_delivery_slots: Option<String>,
    /// The supplier's active contract, if any.
    #[diesel(sql_type = Nullable<Integer>)]
    pub supplier_retention_days: Option<i32>,
    /// Unlocked reads: the driver's live estimates while the parcel is out for delivery
    /// (`live::rules::shown` picks this shipment's); locked reads leave it out.
    #[diesel(sql_type = Nullable<Text>)]
    pub live_estimates: Option<String>,
}

/// `$1`/`?` differ between the backends; the rest of the text is shared. `by`: the column the
/// placeholder is compared with (`id`, or `tracking_token_hash` for the customer's link).
/// `live`: with the driver's live estimates (one primary-key look-up; reads, not changes).
fn locked_read_sql(by: &str, placeholder: &str, lock: &str, live: bool) -> String {
    let term = |col: &str, partner: &str| {
        format!(
            "(SELECT c.{col} FROM contracts c WHERE c.marketplace_id = s.marketplace_id \
             AND c.partner_id = s.{partner} AND c.active ORDER BY c.id LIMIT 1)"
        )
    };
    let live = if live {
        format!(
            "(SELECT p.estimates FROM driver_positions p WHERE p.driver_id = s.driver_id \
             AND s.status = '{}')",
            crate::live::store::OUT_FOR_DELIVERY
        )
    } else {
        "CAST(NULL AS TEXT)".to_owned()
    };
    format!(
        "SELECT s.*, {} AS courier_radius_m, {} AS courier_pin_above_cents, \
         {} AS courier_retention_days, {} AS courier_redelivery_horizon_days, \
         {} AS courier_contract_id, {} AS courier_delivery_slots, \
         {} AS supplier_retention_days, {live} AS live_estimates \
         FROM shipments s WHERE s.{by} = {placeholder}{lock}",
        term("geofence_radius_m", "courier_id"),
        term("pin_above_value_cents", "courier_id"),
        term("retention_days", "courier_id"),
        term("redelivery_horizon_days", "courier_id"),
        term("id", "courier_id"),
        term("delivery_slots", "courier_id"),
        term("retention_days", "supplier_id"),
    )
}

/// Read a shipment with what a change needs to know about it; `lock`: and lock its row until
/// the transaction ends (PostgreSQL `FOR UPDATE`; SQLite already serialises writers).
pub fn read_shipment(
    conn: &mut Conn,
    id: &str,
    lock: bool,
) -> QueryResult<Option<LockedShipmentRow>> {
    read_shipment_where(conn, "id", id, lock)
}

/// [`read_shipment`], locked, unless another transaction holds it (PostgreSQL
/// `FOR UPDATE SKIP LOCKED`: `None` then, without waiting).
pub fn try_lock_shipment(conn: &mut Conn, id: &str) -> QueryResult<Option<LockedShipmentRow>> {
    raw_row(
        conn,
        &locked_read_sql("id", "$1", " FOR UPDATE OF s SKIP LOCKED", false),
        &locked_read_sql("id", "?", "", false),
        id,
    )
}

/// [`read_shipment`] by the hash of its tracking token (unlocked).
pub fn read_shipment_by_token_hash(
    conn: &mut Conn,
    hash: &str,
) -> QueryResult<Option<LockedShipmentRow>> {
    read_shipment_where(conn, "tracking_token_hash", hash, false)
}

fn read_shipment_where(
    conn: &mut Conn,
    by: &str,
    value: &str,
    lock: bool,
) -> QueryResult<Option<LockedShipmentRow>> {
    let suffix = if lock { " FOR UPDATE OF s" } else { "" };
    raw_row(
        conn,
        &locked_read_sql(by, "$1", suffix, !lock),
        &locked_read_sql(by, "?", "", !lock),
        value,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_locked_read_locks_only_the_shipment_on_postgres() {
        let pg = locked_read_sql("id", "$1", " FOR UPDATE OF s", false);
        assert!(pg.ends_with("WHERE s.id = $1 FOR UPDATE OF s"));
        let lite = locked_read_sql("id", "?", "", false);
        assert!(lite.ends_with("WHERE s.id = ?"));
        assert_eq!(lite.matches("FROM contracts").count(), 7);
    }
}
