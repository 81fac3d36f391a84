use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::db::schema::api_keys;

/// Every API key starts with this, so `Authorization: Bearer` can tell keys from JWTs.
pub const KEY_PREFIX: &str = "dsk_";

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = api_keys)]
pub struct ApiKeyRow {
    pub id: String,
    pub org_id: String,
    pub name: String,
    pub prefix: String,
    pub secret_hash: String,
    pub created_by: String,
    pub created_at: NaiveDateTime,
    pub last_used_at: Option<NaiveDateTime>,
    pub revoked_at: Option<NaiveDateTime>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateApiKey {
    /// What the key is for, 1–200 characters.
    #[schema(example = "order sync")]
    pub name: String,
    /// Required for platform admins; org admins create keys for their own org.
    pub org_id: Option<String>,
}

/// An API key as listed (never the secret).
#[derive(Debug, Serialize, ToSchema)]
pub struct ApiKeyView {
    #[schema(example = "key_01jd2v3k4m5n6p7q8r9s0t1u2v")]
    pub id: String,
    pub org_id: String,
    pub name: String,
    /// The first characters of the secret, to recognise it.
    #[schema(example = "dsk_Xy12Ab34")]
    pub prefix: String,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    /// Updated at most once a minute.
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

impl From<ApiKeyRow> for ApiKeyView {
    fn from(r: ApiKeyRow) -> Self {
        ApiKeyView {
            id: r.id,
            org_id: r.org_id,
            name: r.name,
            prefix: r.prefix,
            created_by: r.created_by,
            created_at: r.created_at.and_utc(),
            last_used_at: r.last_used_at.map(|t| t.and_utc()),
            revoked_at: r.revoked_at.map(|t| t.and_utc()),
        }
    }
}

/// A newly created key: the only time its secret is shown.
#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedApiKey {
    #[serde(flatten)]
    pub key: ApiKeyView,
    /// Use as `Authorization: Bearer <secret>`. Store it now: it cannot be shown again.
    pub secret: String,
}
