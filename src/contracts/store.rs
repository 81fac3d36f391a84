use diesel::prelude::*;

use super::model::ContractRow;
use crate::db::Conn;
use crate::db::schema::contracts;
use crate::pagination::PageRequest;

pub fn insert(conn: &mut Conn, row: &ContractRow) -> QueryResult<()> {
    diesel::insert_into(contracts::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn find(conn: &mut Conn, id: &str) -> QueryResult<Option<ContractRow>> {
    contracts::table
        .find(id)
        .select(ContractRow::as_select())
        .first(conn)
        .optional()
}

/// The active contract between a marketplace and a partner, if any.
pub fn active_between(
    conn: &mut Conn,
    marketplace_id: &str,
    partner_id: &str,
) -> QueryResult<Option<ContractRow>> {
    contracts::table
        .filter(contracts::marketplace_id.eq(marketplace_id))
        .filter(contracts::partner_id.eq(partner_id))
        .filter(contracts::active.eq(true))
        .select(ContractRow::as_select())
        .first(conn)
        .optional()
}

/// The contract between a marketplace and a partner, active or not.
pub fn between(
    conn: &mut Conn,
    marketplace_id: &str,
    partner_id: &str,
) -> QueryResult<Option<ContractRow>> {
    contracts::table
        .filter(contracts::marketplace_id.eq(marketplace_id))
        .filter(contracts::partner_id.eq(partner_id))
        .select(ContractRow::as_select())
        .first(conn)
        .optional()
}

/// The active contracts between a marketplace and any of `partners`.
pub fn active_with(
    conn: &mut Conn,
    marketplace_id: &str,
    partners: &[&str],
) -> QueryResult<Vec<ContractRow>> {
    contracts::table
        .filter(contracts::marketplace_id.eq(marketplace_id))
        .filter(contracts::partner_id.eq_any(partners))
        .filter(contracts::active.eq(true))
        .select(ContractRow::as_select())
        .load(conn)
}

/// Contracts where `org` is the marketplace or the partner (`None`: all, platform admins).
pub fn list(
    conn: &mut Conn,
    page: &PageRequest,
    org: Option<&str>,
) -> QueryResult<Vec<ContractRow>> {
    let mut q = contracts::table
        .select(ContractRow::as_select())
        .order(contracts::id.asc())
        .limit(page.limit + 1)
        .into_boxed();
    if let Some(after) = &page.after {
        q = q.filter(contracts::id.gt(after.clone()));
    }
    if let Some(org) = org {
        q = q.filter(
            contracts::marketplace_id
                .eq(org.to_owned())
                .or(contracts::partner_id.eq(org.to_owned())),
        );
    }
    q.load(conn)
}

pub fn update(
    conn: &mut Conn,
    id: &str,
    changes: &super::model::UpdateContract,
    now: chrono::NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(contracts::table.find(id))
        .set((changes, contracts::updated_at.eq(now)))
        .execute(conn)
        .map(|_| ())
}
