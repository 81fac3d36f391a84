use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::model::UserRow;
use crate::db::Conn;
use crate::db::schema::{orgs, users};
use crate::orgs::model::OrgRow;
use crate::pagination::PageRequest;

pub fn insert(conn: &mut Conn, row: &UserRow) -> QueryResult<()> {
    diesel::insert_into(users::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn find(conn: &mut Conn, id: &str) -> QueryResult<Option<UserRow>> {
    users::table
        .find(id)
        .select(UserRow::as_select())
        .first(conn)
        .optional()
}

pub fn find_by_email(conn: &mut Conn, email: &str) -> QueryResult<Option<UserRow>> {
    users::table
        .filter(users::email.eq(email))
        .select(UserRow::as_select())
        .first(conn)
        .optional()
}

/// A user with their org, in one query (the per-request identity lookup).
pub fn find_with_org(conn: &mut Conn, id: &str) -> QueryResult<Option<(UserRow, Option<OrgRow>)>> {
    users::table
        .left_join(orgs::table)
        .filter(users::id.eq(id))
        .select((UserRow::as_select(), Option::<OrgRow>::as_select()))
        .first(conn)
        .optional()
}

pub fn platform_admin_exists(conn: &mut Conn) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        users::table.filter(users::role.eq("platform_admin")),
    ))
    .get_result(conn)
}

/// A page of users in id order, optionally within one org.
pub fn list(
    conn: &mut Conn,
    page: &PageRequest,
    org: Option<&str>,
    only: Option<&str>,
) -> QueryResult<Vec<UserRow>> {
    let mut q = users::table
        .select(UserRow::as_select())
        .order(users::id.asc())
        .limit(page.limit + 1)
        .into_boxed();
    if let Some(after) = &page.after {
        q = q.filter(users::id.gt(after.clone()));
    }
    if let Some(org) = org {
        q = q.filter(users::org_id.eq(org.to_owned()));
    }
    if let Some(id) = only {
        q = q.filter(users::id.eq(id.to_owned()));
    }
    q.load(conn)
}

pub fn disable(conn: &mut Conn, id: &str, at: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(users::table.find(id).filter(users::disabled_at.is_null()))
        .set(users::disabled_at.eq(at))
        .execute(conn)
}

/// The admins of these orgs (active or not), by org then e-mail.
pub fn admins_of(conn: &mut Conn, org_ids: &[String]) -> QueryResult<Vec<UserRow>> {
    users::table
        .filter(users::org_id.eq_any(org_ids))
        .filter(users::role.eq("admin"))
        .order((users::org_id.asc(), users::email.asc()))
        .select(UserRow::as_select())
        .load(conn)
}

/// The names of `ids` (those that exist).
/// An org's active drivers, (id, name) by name.
pub fn drivers_of(conn: &mut Conn, org: &str) -> QueryResult<Vec<(String, String)>> {
    users::table
        .filter(users::org_id.eq(org))
        .filter(users::role.eq("driver"))
        .filter(users::disabled_at.is_null())
        .order(users::name.asc())
        .select((users::id, users::name))
        .load(conn)
}

pub fn names(conn: &mut Conn, ids: &[String]) -> QueryResult<Vec<(String, String)>> {
    users::table
        .filter(users::id.eq_any(ids))
        .select((users::id, users::name))
        .load(conn)
}
