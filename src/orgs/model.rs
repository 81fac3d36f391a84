use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::db::schema::orgs;
use crate::users::model::{NewUserInput, UserView};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    Marketplace,
    Supplier,
    Courier,
}

impl OrgKind {
    pub fn as_str(self) -> &'static str {
        match self {
            OrgKind::Marketplace => "marketplace",
            OrgKind::Supplier => "supplier",
            OrgKind::Courier => "courier",
        }
    }

    pub fn parse(s: &str) -> Option<OrgKind> {
        match s {
            "marketplace" => Some(OrgKind::Marketplace),
            "supplier" => Some(OrgKind::Supplier),
            "courier" => Some(OrgKind::Courier),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = orgs)]
pub struct OrgRow {
    pub id: String,
    pub kind: String,
    pub name: String,
    pub created_at: NaiveDateTime,
    /// The default IANA zone of the marketplace's shipments.
    pub time_zone: Option<String>,
}

use diesel::prelude::*;

/// An organisation as the API shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct Org {
    #[schema(example = "org_01jd2v3k4m5n6p7q8r9s0t1u2v")]
    pub id: String,
    pub kind: OrgKind,
    pub name: String,
    pub created_at: DateTime<Utc>,
    /// A marketplace's default IANA time zone for its shipments (when neither the shipment
    /// nor the courier's contract names one); absent: UTC.
    #[schema(example = "Europe/Paris")]
    pub time_zone: Option<String>,
}

impl From<OrgRow> for Org {
    fn from(row: OrgRow) -> Self {
        Org {
            // The CHECK constraint guarantees a known kind.
            kind: OrgKind::parse(&row.kind).unwrap_or(OrgKind::Marketplace),
            id: row.id,
            name: row.name,
            created_at: row.created_at.and_utc(),
            time_zone: row.time_zone,
        }
    }
}

/// Create an organisation together with its first admin user.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateOrg {
    pub kind: OrgKind,
    /// 1–200 characters.
    pub name: String,
    /// The organisation's first admin.
    pub admin: NewUserInput,
    /// A marketplace's default IANA time zone for its shipments, e.g. `Europe/Paris`.
    #[schema(example = "Europe/Paris")]
    pub time_zone: Option<String>,
}

/// Change an organisation (a platform admin or the org's admin); absent fields stay as they
/// are.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateOrg {
    /// A marketplace's default IANA time zone for new shipments; `null` clears it
    /// (UTC). Shipments keep the zone they were created with.
    #[serde(default, deserialize_with = "crate::timezone::clearable")]
    #[schema(value_type = Option<String>, example = "Europe/Paris")]
    pub time_zone: Option<Option<String>>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedOrg {
    pub org: Org,
    pub admin: UserView,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OrgFilter {
    /// Only organisations of this kind.
    pub kind: Option<OrgKind>,
}
