use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::db::schema::orgs;
pub use crate::identity::OrgKind;
use crate::users::model::{NewUserInput, UserView};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = orgs)]
pub struct OrgRow {
    pub id: String,
    pub kind: String,
    pub name: String,
    pub created_at: NaiveDateTime,
    /// The default IANA zone of the marketplace's shipments.
    pub time_zone: Option<String>,
    /// A courier's average speed on its rounds, km/h (the live arrival estimate).
    pub average_speed_kmh: Option<i32>,
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
    /// A courier's average speed on its rounds (km/h), from which the live arrival estimate
    /// is computed; absent: 20.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(example = 18)]
    pub average_speed_kmh: Option<i32>,
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
            average_speed_kmh: row.average_speed_kmh,
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
#[schema(min_properties = 1)]
pub struct UpdateOrg {
    /// A marketplace's default IANA time zone for new shipments; `null` clears it
    /// (UTC). Shipments keep the zone they were created with.
    #[serde(default, deserialize_with = "crate::timezone::clearable")]
    #[schema(value_type = Option<String>, required = false, example = "Europe/Paris")]
    pub time_zone: Option<Option<String>>,
    /// A courier's average speed on its rounds, 5–130 km/h, for the live arrival estimate its
    /// customers see; `null` clears it (20 km/h).
    #[serde(default, deserialize_with = "crate::orgs::model::clearable_speed")]
    #[schema(value_type = Option<i32>, required = false, minimum = 5, maximum = 130, example = 18)]
    pub average_speed_kmh: Option<Option<i32>>,
}

/// Present (`Some`), with `null` as `Some(None)`: absent stays `None` (`#[serde(default)]`).
pub fn clearable_speed<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<Option<i32>>, D::Error> {
    Ok(Some(Option::<i32>::deserialize(d)?))
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
