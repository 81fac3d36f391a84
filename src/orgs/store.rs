use diesel::prelude::*;

use super::model::OrgRow;
use crate::db::Conn;
use crate::db::schema::orgs;
use crate::pagination::PageRequest;

pub fn insert(conn: &mut Conn, row: &OrgRow) -> QueryResult<()> {
    diesel::insert_into(orgs::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn find(conn: &mut Conn, id: &str) -> QueryResult<Option<OrgRow>> {
    orgs::table
        .find(id)
        .select(OrgRow::as_select())
        .first(conn)
        .optional()
}

/// A page of orgs in id order; `only` restricts to one org (non-admin callers).
pub fn list(
    conn: &mut Conn,
    page: &PageRequest,
    kind: Option<&str>,
    only: Option<&str>,
) -> QueryResult<Vec<OrgRow>> {
    let mut q = orgs::table
        .select(OrgRow::as_select())
        .order(orgs::id.asc())
        .limit(page.limit + 1)
        .into_boxed();
    if let Some(after) = &page.after {
        q = q.filter(orgs::id.gt(after.clone()));
    }
    if let Some(kind) = kind {
        q = q.filter(orgs::kind.eq(kind.to_owned()));
    }
    if let Some(id) = only {
        q = q.filter(orgs::id.eq(id.to_owned()));
    }
    q.load(conn)
}

/// Set (or clear) a courier's average speed on its rounds.
pub fn set_average_speed(conn: &mut Conn, id: &str, kmh: Option<i32>) -> QueryResult<usize> {
    diesel::update(orgs::table.find(id))
        .set(orgs::average_speed_kmh.eq(kmh))
        .execute(conn)
}

/// Set (or clear) an org's default time zone.
pub fn set_time_zone(conn: &mut Conn, id: &str, time_zone: Option<&str>) -> QueryResult<usize> {
    diesel::update(orgs::table.find(id))
        .set(orgs::time_zone.eq(time_zone))
        .execute(conn)
}

/// The names of `ids` (those that exist).
pub fn names(conn: &mut Conn, ids: &[String]) -> QueryResult<Vec<(String, String)>> {
    orgs::table
        .filter(orgs::id.eq_any(ids))
        .select((orgs::id, orgs::name))
        .load(conn)
}
