use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::model::HandoffRow;
use crate::db::Conn;
use crate::db::schema::{handoffs, shipment_events, shipments};
use crate::pagination::PageRequest;
use crate::shipments::model::EventRow;

pub fn insert(conn: &mut Conn, row: &HandoffRow) -> QueryResult<()> {
    diesel::insert_into(handoffs::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn find(conn: &mut Conn, shipment_id: &str, id: &str) -> QueryResult<Option<HandoffRow>> {
    handoffs::table
        .find(id)
        .filter(handoffs::shipment_id.eq(shipment_id))
        .select(HandoffRow::as_select())
        .first(conn)
        .optional()
}

pub fn pending_for(conn: &mut Conn, shipment_id: &str) -> QueryResult<Option<HandoffRow>> {
    handoffs::table
        .filter(handoffs::shipment_id.eq(shipment_id))
        .filter(handoffs::status.eq("pending"))
        .select(HandoffRow::as_select())
        .first(conn)
        .optional()
}

pub fn for_shipment(conn: &mut Conn, shipment_id: &str) -> QueryResult<Vec<HandoffRow>> {
    handoffs::table
        .filter(handoffs::shipment_id.eq(shipment_id))
        .order(handoffs::id.asc())
        .select(HandoffRow::as_select())
        .load(conn)
}

/// Record the receiver's answer, only if still pending; false when someone answered first.
pub fn respond(
    conn: &mut Conn,
    id: &str,
    status: &str,
    by: &str,
    condition: Option<&str>,
    note: Option<&str>,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let n = diesel::update(
        handoffs::table
            .find(id)
            .filter(handoffs::status.eq("pending")),
    )
    .set((
        handoffs::status.eq(status),
        handoffs::responded_at.eq(now),
        handoffs::responded_by.eq(by),
        handoffs::parcel_condition.eq(condition),
        handoffs::response_note.eq(note),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// Close any pending hand-off when the shipment reaches a final state.
pub fn close_pending(
    conn: &mut Conn,
    shipment_id: &str,
    reason: &str,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        handoffs::table
            .filter(handoffs::shipment_id.eq(shipment_id))
            .filter(handoffs::status.eq("pending")),
    )
    .set((
        handoffs::status.eq("rejected"),
        handoffs::responded_at.eq(now),
        handoffs::responded_by.eq("system"),
        handoffs::response_note.eq(reason),
    ))
    .execute(conn)
}

/// Pending hand-offs past due — custody gaps — involving `org` (`None`: all).
pub fn gaps(
    conn: &mut Conn,
    page: &PageRequest,
    now: NaiveDateTime,
    org: Option<&str>,
) -> QueryResult<Vec<HandoffRow>> {
    let mut q = handoffs::table
        .inner_join(shipments::table)
        .filter(handoffs::status.eq("pending"))
        .filter(handoffs::due_at.lt(now))
        .select(HandoffRow::as_select())
        .order(handoffs::id.asc())
        .limit(page.limit + 1)
        .into_boxed();
    if let Some(after) = &page.after {
        q = q.filter(handoffs::id.gt(after.clone()));
    }
    if let Some(org) = org {
        q = q.filter(
            shipments::marketplace_id
                .eq(org.to_owned())
                .or(handoffs::from_org_id.eq(org.to_owned()))
                .or(handoffs::to_org_id.eq(org.to_owned())),
        );
    }
    q.load(conn)
}

pub fn events(
    conn: &mut Conn,
    shipment_id: &str,
    page: &PageRequest,
) -> QueryResult<Vec<EventRow>> {
    let mut q = shipment_events::table
        .filter(shipment_events::shipment_id.eq(shipment_id.to_owned()))
        .order(shipment_events::id.asc())
        .limit(page.limit + 1)
        .select(EventRow::as_select())
        .into_boxed();
    if let Some(after) = &page.after {
        q = q.filter(shipment_events::id.gt(after.clone()));
    }
    q.load(conn)
}

/// Pending hand-offs to `org` (to the org or one of its drivers) — `incoming` — or from it,
/// the first due first.
pub fn waiting(
    conn: &mut Conn,
    org: &str,
    incoming: bool,
    limit: i64,
) -> QueryResult<Vec<HandoffRow>> {
    let q = handoffs::table
        .filter(handoffs::status.eq("pending"))
        .order((handoffs::due_at.asc(), handoffs::id.asc()))
        .limit(limit)
        .select(HandoffRow::as_select())
        .into_boxed();
    let q = if incoming {
        q.filter(handoffs::to_org_id.eq(org.to_owned()))
    } else {
        q.filter(handoffs::from_org_id.eq(org.to_owned()))
    };
    q.load(conn)
}

/// How the receivers answered the hand-offs `org` gave in `from..to` (counted in the database).
pub fn answers(
    conn: &mut Conn,
    org: &str,
    from: NaiveDateTime,
    to: NaiveDateTime,
    now: NaiveDateTime,
) -> QueryResult<super::rules::HandoffAnswers> {
    let given = || {
        handoffs::table
            .filter(handoffs::from_org_id.eq(org.to_owned()))
            .filter(handoffs::created_at.ge(from))
            .filter(handoffs::created_at.lt(to))
            .into_boxed()
    };
    let by_status: Vec<(String, i64)> = handoffs::table
        .filter(handoffs::from_org_id.eq(org))
        .filter(handoffs::created_at.ge(from))
        .filter(handoffs::created_at.lt(to))
        .group_by(handoffs::status)
        .select((handoffs::status, diesel::dsl::count_star()))
        .load(conn)?;
    let count = |s: &str| {
        by_status
            .iter()
            .find(|(k, _)| k == s)
            .map_or(0, |(_, n)| *n)
    };
    let accepted_late: i64 = given()
        .filter(handoffs::status.eq("accepted"))
        .filter(handoffs::responded_at.gt(handoffs::due_at.nullable()))
        .count()
        .get_result(conn)?;
    let overdue: i64 = given()
        .filter(handoffs::status.eq("pending"))
        .filter(handoffs::due_at.lt(now))
        .count()
        .get_result(conn)?;
    Ok(super::rules::HandoffAnswers {
        accepted_on_time: count("accepted") - accepted_late,
        accepted_late,
        rejected: count("rejected"),
        waiting: count("pending") - overdue,
        overdue,
    })
}
