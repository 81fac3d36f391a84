use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::Conn;
use crate::db::schema::{
    contact_attempts, delivery_attempts, photos, shipment_events, shipments, webhook_deliveries,
};
use crate::shipments::model::ShipmentRow;
use crate::status::Status;

/// A driver's stops: their assigned, not-final shipments whose window starts before `day_end`,
/// and with `out_now` also every one they have out for delivery whatever its window; by window
/// start (500 at most).
pub fn route(
    conn: &mut Conn,
    driver_id: &str,
    day_end: NaiveDateTime,
    out_now: bool,
) -> QueryResult<Vec<ShipmentRow>> {
    let finals: Vec<&str> = [
        Status::Delivered,
        Status::Returned,
        Status::Cancelled,
        Status::Lost,
    ]
    .iter()
    .map(|s| s.as_str())
    .collect();
    let q = shipments::table
        .filter(shipments::driver_id.eq(driver_id))
        .filter(shipments::status.ne_all(finals))
        .order((shipments::window_start.asc(), shipments::id.asc()))
        .limit(500)
        .select(ShipmentRow::as_select())
        .into_boxed();
    let starts = shipments::window_start.lt(day_end);
    let q = if out_now {
        let out = vec![Status::OutForDelivery.as_str()];
        q.filter(starts.or(shipments::status.eq_any(out)))
    } else {
        q.filter(starts)
    };
    q.load(conn)
}

/// Ids of shipments whose contact data is due for erasure, oldest first.
pub fn due_for_erasure(
    conn: &mut Conn,
    now: NaiveDateTime,
    limit: i64,
) -> QueryResult<Vec<String>> {
    shipments::table
        .filter(shipments::contact_erase_after.le(now))
        .filter(shipments::contact_erased_at.is_null())
        .order(shipments::contact_erase_after.asc())
        .limit(limit)
        .select(shipments::id)
        .load(conn)
}

/// Erase what hangs off a shipment whose contact data goes (the door erases the shipment's own
/// columns with the same change): the driver's GPS coordinates (facts, distances, flags and the
/// timeline stay), typed names and notes, the rater key, messages and webhook bodies.
pub fn erase(conn: &mut Conn, id: &str) -> QueryResult<()> {
    // The driver's positions are personal data too (coordinates go, distances and flags stay),
    // and so are the names and notes they typed.
    diesel::update(delivery_attempts::table.filter(delivery_attempts::shipment_id.eq(id)))
        .set((
            delivery_attempts::lat.eq(None::<f64>),
            delivery_attempts::lon.eq(None::<f64>),
            delivery_attempts::accuracy_m.eq(None::<f64>),
            delivery_attempts::recipient_name.eq(None::<String>),
            delivery_attempts::intercom_note.eq(None::<String>),
        ))
        .execute(conn)?;
    diesel::update(photos::table.filter(photos::shipment_id.eq(id)))
        .set((
            photos::exif_lat.eq(None::<f64>),
            photos::exif_lon.eq(None::<f64>),
        ))
        .execute(conn)?;
    // Notes of contact attempts, and webhook bodies that carried contact data.
    diesel::update(contact_attempts::table.filter(contact_attempts::shipment_id.eq(id)))
        .set(contact_attempts::note.eq(None::<String>))
        .execute(conn)?;
    // The rater key is a hash of the phone number: it goes with the number.
    diesel::update(
        crate::db::schema::ratings::table.filter(crate::db::schema::ratings::shipment_id.eq(id)),
    )
    .set(crate::db::schema::ratings::customer_key.eq(None::<String>))
    .execute(conn)?;
    crate::notifications::store::erase(conn, id)?;
    let events = shipment_events::table
        .filter(shipment_events::shipment_id.eq(id))
        .select(shipment_events::id);
    diesel::update(webhook_deliveries::table.filter(webhook_deliveries::event_id.eq_any(events)))
        .set(
            webhook_deliveries::payload
                .eq(r#"{"erased":"contact data passed its retention period"}"#),
        )
        .execute(conn)?;
    Ok(())
}
