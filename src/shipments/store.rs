use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::model::ShipmentRow;
use crate::auth::Actor;
use crate::db::Conn;
use crate::db::schema::{shipment_events, shipments};
use crate::pagination::PageRequest;

pub fn insert(conn: &mut Conn, row: &ShipmentRow) -> QueryResult<()> {
    diesel::insert_into(shipments::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn find(conn: &mut Conn, id: &str) -> QueryResult<Option<ShipmentRow>> {
    shipments::table
        .find(id)
        .select(ShipmentRow::as_select())
        .first(conn)
        .optional()
}

pub fn find_by_reference(
    conn: &mut Conn,
    marketplace_id: &str,
    reference: &str,
) -> QueryResult<Option<ShipmentRow>> {
    shipments::table
        .filter(shipments::marketplace_id.eq(marketplace_id))
        .filter(shipments::reference.eq(reference))
        .select(ShipmentRow::as_select())
        .first(conn)
        .optional()
}

/// Which shipments a list query covers: the caller's scope plus optional filters.
#[derive(Debug, Clone, Default)]
pub struct ListQuery {
    pub marketplace_id: Option<String>,
    pub supplier_id: Option<String>,
    pub courier_id: Option<String>,
    pub driver_id: Option<String>,
    pub status: Option<String>,
    pub updated_since: Option<NaiveDateTime>,
}

pub fn list(conn: &mut Conn, page: &PageRequest, q: &ListQuery) -> QueryResult<Vec<ShipmentRow>> {
    let mut query = shipments::table
        .select(ShipmentRow::as_select())
        .order(shipments::id.asc())
        .limit(page.limit + 1)
        .into_boxed();
    if let Some(after) = &page.after {
        query = query.filter(shipments::id.gt(after.clone()));
    }
    if let Some(v) = &q.marketplace_id {
        query = query.filter(shipments::marketplace_id.eq(v.clone()));
    }
    if let Some(v) = &q.supplier_id {
        query = query.filter(shipments::supplier_id.eq(v.clone()));
    }
    if let Some(v) = &q.courier_id {
        query = query.filter(shipments::courier_id.eq(v.clone()));
    }
    if let Some(v) = &q.driver_id {
        query = query.filter(shipments::driver_id.eq(v.clone()));
    }
    if let Some(v) = &q.status {
        query = query.filter(shipments::status.eq(v.clone()));
    }
    if let Some(v) = q.updated_since {
        query = query.filter(shipments::updated_at.ge(v));
    }
    query.load(conn)
}

pub fn set_tracking_hash(
    conn: &mut Conn,
    id: &str,
    hash: &str,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(shipments::table.find(id))
        .set((
            shipments::tracking_token_hash.eq(hash),
            shipments::updated_at.eq(now),
        ))
        .execute(conn)
}

/// Who caused an event.
#[derive(Debug, Clone, Copy)]
pub enum By<'a> {
    Actor(&'a Actor),
    /// The customer, through the tracking link.
    Customer,
    /// Doorstep itself (e.g. retention erasure).
    System,
}

/// Append an event to a shipment's timeline.
pub fn record_event(
    conn: &mut Conn,
    shipment_id: &str,
    kind: &str,
    by: By<'_>,
    data: &serde_json::Value,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let (actor_kind, actor_id, actor_org_id) = match by {
        By::Actor(a) => (a.kind.as_str(), Some(a.id.clone()), a.org_id.clone()),
        By::Customer => ("customer", None, None),
        By::System => ("system", None, None),
    };
    diesel::insert_into(shipment_events::table)
        .values((
            shipment_events::id.eq(crate::ids::new_id("evt")),
            shipment_events::shipment_id.eq(shipment_id),
            shipment_events::kind.eq(kind),
            shipment_events::actor_kind.eq(actor_kind),
            shipment_events::actor_id.eq(actor_id),
            shipment_events::actor_org_id.eq(actor_org_id),
            shipment_events::data.eq(data.to_string()),
            shipment_events::created_at.eq(now),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Lock the shipment's row until the transaction ends, so checks made on it (its status, a
/// pending hand-off) still hold when the transaction writes. PostgreSQL only: SQLite already
/// serialises writers.
pub fn lock(conn: &mut Conn, id: &str) -> QueryResult<()> {
    match conn {
        Conn::Pg(c) => shipments::table
            .find(id)
            .select(shipments::id)
            .for_update()
            .first::<String>(c)
            .optional()
            .map(|_| ()),
        Conn::Sqlite(_) => Ok(()),
    }
}
