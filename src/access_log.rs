//! The contact access log: every read of a customer's contact data by someone other than the
//! marketplace, with who, which fields and through which route. Base, because every door that
//! shows contact data (the shipment, its photos, its evidence, the driver's route) writes it.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::Conn;
use crate::db::schema::contact_access_log;
use crate::identity::Actor;
use crate::pagination::PageRequest;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = contact_access_log)]
pub struct AccessLogRow {
    pub id: String,
    pub shipment_id: String,
    pub actor_kind: String,
    pub actor_id: String,
    pub actor_org_id: Option<String>,
    pub fields: String,
    pub route: String,
    pub created_at: NaiveDateTime,
}

/// Log that `actor` read `fields` of a shipment's contact data through `route`.
pub fn log_contact_read(
    conn: &mut Conn,
    shipment_id: &str,
    actor: &Actor,
    fields: &[&str],
    route: &str,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(contact_access_log::table)
        .values((
            contact_access_log::id.eq(crate::ids::new_id("cal")),
            contact_access_log::shipment_id.eq(shipment_id),
            contact_access_log::actor_kind.eq(actor.kind.as_str()),
            contact_access_log::actor_id.eq(&actor.id),
            contact_access_log::actor_org_id.eq(&actor.org_id),
            contact_access_log::fields.eq(fields.join(",")),
            contact_access_log::route.eq(route),
            contact_access_log::created_at.eq(now),
        ))
        .execute(conn)
        .map(|_| ())
}

pub fn access_log(
    conn: &mut Conn,
    shipment_id: &str,
    page: &PageRequest,
) -> QueryResult<Vec<AccessLogRow>> {
    let mut q = contact_access_log::table
        .filter(contact_access_log::shipment_id.eq(shipment_id.to_owned()))
        .order(contact_access_log::id.asc())
        .limit(page.limit + 1)
        .select(AccessLogRow::as_select())
        .into_boxed();
    if let Some(after) = &page.after {
        q = q.filter(contact_access_log::id.gt(after.clone()));
    }
    q.load(conn)
}
