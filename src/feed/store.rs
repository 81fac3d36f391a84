use diesel::prelude::*;

use super::rules::Cursor;
use crate::db::Conn;
use crate::db::schema::{shipment_events, shipments};
use crate::shipments::model::ShipmentRow;
use crate::webhooks::store::PendingEvent;

/// Every event below the horizon has committed or never will (see
/// [`crate::db::backend::feed_horizon`]). Read before the page, so the page's own snapshot sees
/// all of them.
pub fn horizon(conn: &mut Conn) -> QueryResult<i64> {
    crate::db::backend::feed_horizon(conn)
}

/// An event of the feed with its position and its shipment as it is now.
pub type FeedRow = (PendingEvent, i64, ShipmentRow);

/// Up to `limit` events after `after` and below `horizon`, of shipments `org` is a party of
/// (marketplace, supplier or courier: whom webhooks notify), in feed order.
pub fn page(
    conn: &mut Conn,
    org: &str,
    after: &Cursor,
    horizon: i64,
    types: Option<&[String]>,
    limit: i64,
) -> QueryResult<Vec<FeedRow>> {
    let mut q = shipment_events::table
        .inner_join(shipments::table)
        .filter(shipment_events::txid.lt(horizon))
        // (txid, id) > (after.txid, after.id), with a bound the index can range over.
        .filter(shipment_events::txid.ge(after.txid))
        .filter(
            shipment_events::txid
                .gt(after.txid)
                .or(shipment_events::id.gt(after.id.clone())),
        )
        .filter(
            shipments::marketplace_id
                .eq(org.to_owned())
                .or(shipments::supplier_id.eq(org.to_owned()))
                .or(shipments::courier_id.eq(org.to_owned())),
        )
        .order((shipment_events::txid.asc(), shipment_events::id.asc()))
        .limit(limit)
        .select((
            (
                shipment_events::id,
                shipment_events::shipment_id,
                shipment_events::kind,
                shipment_events::data,
                shipment_events::created_at,
            ),
            shipment_events::txid,
            ShipmentRow::as_select(),
        ))
        .into_boxed();
    if let Some(types) = types {
        q = q.filter(shipment_events::kind.eq_any(types.to_vec()));
    }
    q.load(conn)
}
