use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::Conn;
use crate::db::schema::shipments;

/// The chosen re-delivery window becomes the firm promised window (the one door writes the
/// re-delivery columns with the change).
pub fn set_window(
    conn: &mut Conn,
    id: &str,
    start: NaiveDateTime,
    end: NaiveDateTime,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(shipments::table.find(id))
        .set((
            shipments::window_start.eq(start),
            shipments::window_end.eq(end),
            shipments::window_firm.eq(true),
            shipments::updated_at.eq(now),
        ))
        .execute(conn)
        .map(|_| ())
}
