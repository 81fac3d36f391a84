//! Who is asking: the roles, org kinds and principals every access decision (`access`) speaks
//! of, and the `Actor` built from them. Base: the users, orgs and auth domains build these
//! (`auth::model`), the delivery layer extracts them (`web::actor`).

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Runs the platform; belongs to no org.
    PlatformAdmin,
    /// Manages their org's users and API keys.
    Admin,
    Staff,
    /// A courier's driver (mobile app).
    Driver,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::PlatformAdmin => "platform_admin",
            Role::Admin => "admin",
            Role::Staff => "staff",
            Role::Driver => "driver",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "platform_admin" => Some(Role::PlatformAdmin),
            "admin" => Some(Role::Admin),
            "staff" => Some(Role::Staff),
            "driver" => Some(Role::Driver),
            _ => None,
        }
    }
}

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

#[derive(Debug, Clone, Copy, Serialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum PrincipalKind {
    User,
    ApiKey,
}

impl PrincipalKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PrincipalKind::User => "user",
            PrincipalKind::ApiKey => "api_key",
        }
    }
}

/// Who is calling: a user (JWT or console session) or an API key, with their org.
#[derive(Debug, Clone)]
pub struct Actor {
    pub kind: PrincipalKind,
    /// User id or API key id.
    pub id: String,
    /// API keys act as `staff` of their org.
    pub role: Role,
    pub name: String,
    pub email: Option<String>,
    pub org_id: Option<String>,
    pub org_kind: Option<OrgKind>,
    /// The org's default time zone (read with the identity, no statement of its own).
    pub org_time_zone: Option<String>,
    /// A courier's average speed on its rounds (km/h), read with the identity.
    pub org_average_speed_kmh: Option<i32>,
}
