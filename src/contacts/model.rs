use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

pub use crate::access_log::AccessLogRow;

/// One read of the customer's contact data by someone other than the marketplace.
#[derive(Debug, Serialize, ToSchema)]
pub struct AccessLogEntry {
    pub id: String,
    #[schema(value_type = crate::identity::PrincipalKind)]
    pub actor_kind: String,
    pub actor_id: String,
    pub actor_org_id: Option<String>,
    /// Which fields were shown.
    #[schema(example = json!(["name", "phone", "address"]))]
    pub fields: Vec<String>,
    /// Through which route.
    #[schema(example = "GET /v1/shipments/{id}")]
    pub route: String,
    pub at: DateTime<Utc>,
}

impl From<AccessLogRow> for AccessLogEntry {
    fn from(r: AccessLogRow) -> Self {
        AccessLogEntry {
            id: r.id,
            actor_kind: r.actor_kind,
            actor_id: r.actor_id,
            actor_org_id: r.actor_org_id,
            fields: r.fields.split(',').map(str::to_owned).collect(),
            route: r.route,
            at: r.created_at.and_utc(),
        }
    }
}
