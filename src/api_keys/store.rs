use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::model::{ApiKeyRow, KEY_PREFIX};
use crate::auth::Actor;
use crate::auth::model::PrincipalKind;
use crate::db::schema::{api_keys, orgs};
use crate::db::{Conn, Db};
use crate::error::ApiError;
use crate::orgs::model::{OrgKind, OrgRow};
use crate::pagination::PageRequest;
use crate::users::model::Role;

/// `last_used_at` is refreshed at most this often, so reads do not each cost a write.
const LAST_USED_GRANULARITY_SECS: i64 = 60;

/// A new secret and the row storing its hash.
pub fn new_key(
    org_id: &str,
    name: &str,
    created_by: &str,
    now: NaiveDateTime,
) -> (String, ApiKeyRow) {
    let secret = format!("{KEY_PREFIX}{}", crate::ids::random_token(32));
    let row = ApiKeyRow {
        id: crate::ids::new_id("key"),
        org_id: org_id.to_owned(),
        name: name.trim().to_owned(),
        prefix: secret.chars().take(KEY_PREFIX.len() + 8).collect(),
        secret_hash: crate::ids::secret_hash(&secret),
        created_by: created_by.to_owned(),
        created_at: now,
        last_used_at: None,
        revoked_at: None,
    };
    (secret, row)
}

pub fn insert(conn: &mut Conn, row: &ApiKeyRow) -> QueryResult<()> {
    diesel::insert_into(api_keys::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn find(conn: &mut Conn, id: &str) -> QueryResult<Option<ApiKeyRow>> {
    api_keys::table
        .find(id)
        .select(ApiKeyRow::as_select())
        .first(conn)
        .optional()
}

pub fn list(conn: &mut Conn, page: &PageRequest, org_id: &str) -> QueryResult<Vec<ApiKeyRow>> {
    let mut q = api_keys::table
        .filter(api_keys::org_id.eq(org_id.to_owned()))
        .select(ApiKeyRow::as_select())
        .order(api_keys::id.asc())
        .limit(page.limit + 1)
        .into_boxed();
    if let Some(after) = &page.after {
        q = q.filter(api_keys::id.gt(after.clone()));
    }
    q.load(conn)
}

pub fn revoke(conn: &mut Conn, id: &str, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(
        api_keys::table
            .find(id)
            .filter(api_keys::revoked_at.is_null()),
    )
    .set(api_keys::revoked_at.eq(now))
    .execute(conn)
}

fn find_active_by_secret(
    conn: &mut Conn,
    secret: &str,
) -> QueryResult<Option<(ApiKeyRow, OrgRow)>> {
    api_keys::table
        .inner_join(orgs::table)
        .filter(api_keys::secret_hash.eq(crate::ids::secret_hash(secret)))
        .filter(api_keys::revoked_at.is_null())
        .select((ApiKeyRow::as_select(), OrgRow::as_select()))
        .first(conn)
        .optional()
}

/// The actor behind an API key secret; keeps `last_used_at` roughly current.
pub async fn authenticate(db: &Db, secret: String, now: NaiveDateTime) -> Result<Actor, ApiError> {
    // The primary, not the read replica: a revoked key is refused at once.
    let found = db
        .read_primary(move |c| Ok(find_active_by_secret(c, &secret)?))
        .await?;
    let (key, org) =
        found.ok_or_else(|| ApiError::Unauthorized("unknown or revoked API key".to_owned()))?;
    let stale = key
        .last_used_at
        .is_none_or(|t| (now - t).num_seconds() >= LAST_USED_GRANULARITY_SECS);
    if stale {
        let id = key.id.clone();
        db.write(move |c| {
            diesel::update(api_keys::table.find(id))
                .set(api_keys::last_used_at.eq(now))
                .execute(c)?;
            Ok(())
        })
        .await?;
    }
    Ok(Actor {
        kind: PrincipalKind::ApiKey,
        id: key.id,
        role: Role::Staff,
        name: key.name,
        email: None,
        org_kind: OrgKind::parse(&org.kind),
        org_average_speed_kmh: org.average_speed_kmh,
        org_time_zone: org.time_zone,
        org_id: Some(key.org_id),
    })
}
