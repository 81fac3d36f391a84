//! Every query of the evidence chain.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::model::{LeafRow, RootRow};
use crate::db::Conn;
use crate::db::backend::per_backend;
use crate::db::schema::{evidence_leaves, evidence_roots, shipment_events, shipments};
use crate::pagination::PageRequest;
use crate::shipments::model::EventRow;

/// Every event of a shipment, by id (chain order is by `chain_seq`).
pub fn events(c: &mut Conn, shipment_id: &str) -> QueryResult<Vec<EventRow>> {
    shipment_events::table
        .filter(shipment_events::shipment_id.eq(shipment_id))
        .order(shipment_events::id.asc())
        .select(EventRow::as_select())
        .load(c)
}

/// The most recent root.
pub fn last_root(c: &mut Conn) -> QueryResult<Option<RootRow>> {
    evidence_roots::table
        .order((evidence_roots::signed_at.desc(), evidence_roots::id.desc()))
        .select(RootRow::as_select())
        .first(c)
        .optional()
}

/// (id, head, length) of every chained shipment changed at or after `since`, by id.
pub fn changed_heads(
    c: &mut Conn,
    since: NaiveDateTime,
) -> QueryResult<Vec<(String, Option<String>, i64)>> {
    shipments::table
        .filter(shipments::updated_at.ge(since))
        .filter(shipments::chain_head.is_not_null())
        .order(shipments::id.asc())
        .select((shipments::id, shipments::chain_head, shipments::chain_len))
        .load(c)
}

/// Store a root and its leaves (multi-row inserts of at most 1000 leaves).
pub fn insert_root(c: &mut Conn, root: &RootRow, leaves: &[LeafRow]) -> QueryResult<()> {
    diesel::insert_into(evidence_roots::table)
        .values(root)
        .execute(c)?;
    for chunk in leaves.chunks(1000) {
        let rows: Vec<_> = chunk
            .iter()
            .map(|l| {
                (
                    evidence_leaves::root_id.eq(&l.root_id),
                    evidence_leaves::position.eq(l.position),
                    evidence_leaves::shipment_id.eq(&l.shipment_id),
                    evidence_leaves::head.eq(&l.head),
                    evidence_leaves::chain_len.eq(l.chain_len),
                )
            })
            .collect();
        per_backend!(c, |c| diesel::insert_into(evidence_leaves::table)
            .values(&rows)
            .execute(c))?;
    }
    Ok(())
}

/// The latest root with a leaf for this shipment, and that leaf.
pub fn latest_leaf(c: &mut Conn, shipment_id: &str) -> QueryResult<Option<(LeafRow, RootRow)>> {
    evidence_leaves::table
        .inner_join(evidence_roots::table)
        .filter(evidence_leaves::shipment_id.eq(shipment_id))
        .order((evidence_roots::signed_at.desc(), evidence_roots::id.desc()))
        .select((LeafRow::as_select(), RootRow::as_select()))
        .first(c)
        .optional()
}

/// A root's leaves in order.
pub fn leaves(c: &mut Conn, root_id: &str) -> QueryResult<Vec<LeafRow>> {
    evidence_leaves::table
        .filter(evidence_leaves::root_id.eq(root_id))
        .order(evidence_leaves::position.asc())
        .select(LeafRow::as_select())
        .load(c)
}

pub fn list_roots(c: &mut Conn, page: &PageRequest) -> QueryResult<Vec<RootRow>> {
    let mut q = evidence_roots::table
        .order(evidence_roots::id.asc())
        .limit(page.limit + 1)
        .select(RootRow::as_select())
        .into_boxed();
    if let Some(after) = &page.after {
        q = q.filter(evidence_roots::id.gt(after.clone()));
    }
    q.load(c)
}
