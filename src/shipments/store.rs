use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::model::{EventRow, ShipmentRow};
use crate::auth::Actor;
use crate::db::Conn;
use crate::db::backend::per_backend;
use crate::db::schema::{shipment_events, shipments};
use crate::pagination::PageRequest;

/// Only the one door inserts a shipment (with the head of its chain).
pub(super) fn insert(conn: &mut Conn, row: &ShipmentRow) -> QueryResult<()> {
    diesel::insert_into(shipments::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

/// Many new shipments in one multi-row insert (bulk creation).
pub fn insert_many(conn: &mut Conn, rows: &[ShipmentRow]) -> QueryResult<()> {
    if rows.is_empty() {
        return Ok(());
    }
    per_backend!(conn, |c| diesel::insert_into(shipments::table)
        .values(rows)
        .execute(c))
    .map(|_| ())
}

/// A marketplace's shipments with any of these references (one query).
pub fn find_by_references(
    conn: &mut Conn,
    marketplace_id: &str,
    references: &[String],
) -> QueryResult<Vec<ShipmentRow>> {
    if references.is_empty() {
        return Ok(Vec::new());
    }
    shipments::table
        .filter(shipments::marketplace_id.eq(marketplace_id))
        .filter(shipments::reference.eq_any(references))
        .select(ShipmentRow::as_select())
        .load(conn)
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
    /// The marketplace's order reference, exact.
    pub reference: Option<String>,
    pub status: Option<String>,
    pub updated_since: Option<NaiveDateTime>,
    /// Part of the order reference, any case (the console's search).
    pub reference_like: Option<String>,
    /// Windows starting from, and before (UTC bounds of local days).
    pub window_from: Option<NaiveDateTime>,
    pub window_before: Option<NaiveDateTime>,
    /// With a dispute not yet resolved.
    pub open_dispute: bool,
    /// With an attempt that carries a flag (not verified).
    pub flagged: bool,
}

diesel::define_sql_function!(fn lower(x: diesel::sql_types::Text) -> diesel::sql_types::Text);

/// `%text%` for LIKE, with LIKE's own wildcards in `text` taken literally (escape `\`).
pub fn like_pattern(text: &str) -> String {
    let escaped = text
        .to_lowercase()
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

/// The order references of `ids` (those that exist).
pub fn references(conn: &mut Conn, ids: &[String]) -> QueryResult<Vec<(String, String)>> {
    shipments::table
        .filter(shipments::id.eq_any(ids))
        .select((shipments::id, shipments::reference))
        .load(conn)
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
    if let Some(v) = &q.reference {
        query = query.filter(shipments::reference.eq(v.clone()));
    }
    if let Some(v) = q.updated_since {
        query = query.filter(shipments::updated_at.ge(v));
    }
    if let Some(v) = &q.reference_like {
        query = query.filter(
            lower(shipments::reference)
                .like(like_pattern(v))
                .escape('\\'),
        );
    }
    if let Some(v) = q.window_from {
        query = query.filter(shipments::window_start.ge(v));
    }
    if let Some(v) = q.window_before {
        query = query.filter(shipments::window_start.lt(v));
    }
    if q.open_dispute {
        use crate::db::schema::disputes;
        query = query.filter(
            shipments::id.eq_any(
                disputes::table
                    .filter(disputes::status.ne("resolved"))
                    .select(disputes::shipment_id),
            ),
        );
    }
    if q.flagged {
        use crate::db::schema::delivery_attempts;
        query = query.filter(
            shipments::id.eq_any(
                delivery_attempts::table
                    .filter(delivery_attempts::flags.ne(""))
                    .select(delivery_attempts::shipment_id),
            ),
        );
    }
    query.load(conn)
}

/// The door's one UPDATE of a shipment: the columns its change moved.
pub(super) fn update(
    conn: &mut Conn,
    id: &str,
    columns: &super::patch::RowChanges,
) -> QueryResult<()> {
    if columns.is_empty() {
        return Ok(());
    }
    diesel::update(shipments::table.find(id))
        .set(columns)
        .execute(conn)
        .map(|_| ())
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

impl EventRow {
    pub fn new(
        id: String,
        shipment_id: &str,
        kind: String,
        by: By<'_>,
        data: serde_json::Value,
        at: NaiveDateTime,
    ) -> EventRow {
        let (actor_kind, actor_id, actor_org_id) = match by {
            By::Actor(a) => (a.kind.as_str(), Some(a.id.clone()), a.org_id.clone()),
            By::Customer => ("customer", None, None),
            By::System => ("system", None, None),
        };
        EventRow {
            id,
            shipment_id: shipment_id.to_owned(),
            kind,
            actor_kind: actor_kind.to_owned(),
            actor_id,
            actor_org_id,
            data: data.to_string(),
            created_at: at,
            chain_seq: None,
            hash: None,
        }
    }
}

/// Append events to timelines: one multi-row insert. Only the one door calls it. (Rows are
/// given as column values, not as the struct: SQLite inserts a batch in one statement only
/// when no value may fall back to the column default.)
pub(super) fn insert_events(conn: &mut Conn, events: &[EventRow]) -> QueryResult<()> {
    if events.is_empty() {
        return Ok(());
    }
    let rows: Vec<_> = events
        .iter()
        .map(|e| {
            (
                shipment_events::id.eq(&e.id),
                shipment_events::shipment_id.eq(&e.shipment_id),
                shipment_events::kind.eq(&e.kind),
                shipment_events::actor_kind.eq(&e.actor_kind),
                shipment_events::actor_id.eq(e.actor_id.as_deref()),
                shipment_events::actor_org_id.eq(e.actor_org_id.as_deref()),
                shipment_events::data.eq(&e.data),
                shipment_events::created_at.eq(e.created_at),
                shipment_events::chain_seq.eq(e.chain_seq),
                shipment_events::hash.eq(e.hash.as_deref()),
            )
        })
        .collect();
    per_backend!(conn, |c| diesel::insert_into(shipment_events::table)
        .values(&rows)
        .execute(c))
    .map(|_| ())
}

/// When events of `kind` happened on a shipment, oldest first (policies that count them:
/// PIN resets, reschedules).
pub fn event_times(
    conn: &mut Conn,
    shipment_id: &str,
    kind: &str,
) -> QueryResult<Vec<NaiveDateTime>> {
    shipment_events::table
        .filter(shipment_events::shipment_id.eq(shipment_id))
        .filter(shipment_events::kind.eq(kind))
        .order(shipment_events::id.asc())
        .select(shipment_events::created_at)
        .load(conn)
}

/// The sealed columns of a shipment (tracking link, handover PIN) sealed again under the
/// current key where `scope` asks (`admin rotate-secret-key`, and `migrate` once a key is
/// set), a batch of shipments per transaction so a rerun finishes what an interrupted run began:
/// (links, PINs) re-sealed.
pub fn reseal(
    conn: &mut Conn,
    ring: &crate::secrets::Keyring,
    scope: crate::secrets::Scope,
) -> anyhow::Result<(usize, usize)> {
    use crate::shipments::model::LINK_CONTEXT;
    use crate::shipments::model::PIN_CONTEXT;
    let (mut links, mut pins, mut after) = (0, 0, String::new());
    if ring.current_id().is_none() {
        return Ok((0, 0));
    }
    loop {
        let batch: Vec<(String, Option<String>, Option<String>)> = shipments::table
            .filter(shipments::id.gt(&after))
            .filter(
                shipments::notify_link
                    .is_not_null()
                    .or(shipments::handover_pin.is_not_null()),
            )
            .order(shipments::id.asc())
            .limit(500)
            .select((
                shipments::id,
                shipments::notify_link,
                shipments::handover_pin,
            ))
            .load(conn)?;
        let Some(last) = batch.last() else {
            return Ok((links, pins));
        };
        after = last.0.clone();
        conn.transaction::<_, anyhow::Error, _>(|c| {
            for (id, link, pin) in &batch {
                let reseal = |context: &str, v: &Option<String>| {
                    v.as_deref()
                        .map(|v| ring.reseal_field(context, v, scope))
                        .transpose()
                        .map(Option::flatten)
                };
                let (link, pin) = (reseal(LINK_CONTEXT, link)?, reseal(PIN_CONTEXT, pin)?);
                if let Some(l) = &link {
                    diesel::update(shipments::table.find(id))
                        .set(shipments::notify_link.eq(l))
                        .execute(c)?;
                    links += 1;
                }
                if let Some(p) = &pin {
                    diesel::update(shipments::table.find(id))
                        .set(shipments::handover_pin.eq(p))
                        .execute(c)?;
                    pins += 1;
                }
            }
            Ok(())
        })?;
    }
}

#[cfg(test)]
mod like_tests {
    #[test]
    fn a_search_takes_wildcards_literally() {
        assert_eq!(super::like_pattern("Ord-1"), "%ord-1%");
        assert_eq!(super::like_pattern("50%_off"), "%50\\%\\_off%");
    }
}
