use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::model::DisputeRow;
use crate::access::ListScope;
use crate::db::Conn;
use crate::db::schema::disputes;
use crate::pagination::PageRequest;

pub fn insert(conn: &mut Conn, row: &DisputeRow) -> QueryResult<()> {
    diesel::insert_into(disputes::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn find(conn: &mut Conn, id: &str) -> QueryResult<Option<DisputeRow>> {
    disputes::table
        .find(id)
        .select(DisputeRow::as_select())
        .first(conn)
        .optional()
}

pub fn for_shipment(conn: &mut Conn, shipment_id: &str) -> QueryResult<Vec<DisputeRow>> {
    disputes::table
        .filter(disputes::shipment_id.eq(shipment_id))
        .order(disputes::id.asc())
        .select(DisputeRow::as_select())
        .load(conn)
}

pub fn list(
    conn: &mut Conn,
    page: &PageRequest,
    scope: &ListScope,
    status: Option<&str>,
    shipment_id: Option<&str>,
) -> QueryResult<Vec<DisputeRow>> {
    let mut q = disputes::table
        .select(DisputeRow::as_select())
        .order(disputes::id.asc())
        .limit(page.limit + 1)
        .into_boxed();
    if let Some(after) = &page.after {
        q = q.filter(disputes::id.gt(after.clone()));
    }
    match scope {
        ListScope::Marketplace(org) => q = q.filter(disputes::marketplace_id.eq(org.clone())),
        ListScope::Courier(org) => q = q.filter(disputes::courier_id.eq(org.clone())),
        ListScope::All => {}
    }
    if let Some(s) = status {
        q = q.filter(disputes::status.eq(s.to_owned()));
    }
    if let Some(s) = shipment_id {
        q = q.filter(disputes::shipment_id.eq(s.to_owned()));
    }
    q.load(conn)
}

pub fn respond(
    conn: &mut Conn,
    id: &str,
    response: &str,
    by: &str,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        disputes::table
            .find(id)
            .filter(disputes::status.ne("resolved")),
    )
    .set((
        disputes::status.eq("responded"),
        disputes::courier_response.eq(response),
        disputes::responded_at.eq(now),
        disputes::responded_by.eq(by),
    ))
    .execute(conn)
}

pub fn resolve(
    conn: &mut Conn,
    id: &str,
    resolution: &str,
    remedy: &str,
    note: Option<&str>,
    by: &str,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        disputes::table
            .find(id)
            .filter(disputes::status.ne("resolved")),
    )
    .set((
        disputes::status.eq("resolved"),
        disputes::resolution.eq(resolution),
        disputes::remedy.eq(remedy),
        disputes::resolution_note.eq(note),
        disputes::resolved_at.eq(now),
        disputes::resolved_by.eq(by),
    ))
    .execute(conn)
}
