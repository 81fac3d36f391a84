use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub use crate::identity::{Actor, PrincipalKind};
use crate::orgs::model::{Org, OrgKind};
use crate::users::model::Role;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    #[schema(example = "ops@example.com")]
    pub email: String,
    #[schema(format = Password)]
    pub password: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RefreshRequest {
    pub refresh_token: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TokenPair {
    /// Short-lived JWT for `Authorization: Bearer`.
    pub access_token: String,
    #[schema(example = "Bearer")]
    pub token_type: String,
    /// Seconds until the access token expires.
    pub expires_in: u64,
    /// Opaque; exchange it at `/v1/auth/refresh`. Each use returns a new one.
    pub refresh_token: String,
    pub refresh_expires_in: u64,
}

/// Who the caller is.
#[derive(Debug, Serialize, ToSchema)]
pub struct Me {
    pub kind: PrincipalKind,
    /// User id or API key id.
    pub id: String,
    /// For API keys: the role they act with (`staff`).
    pub role: Role,
    pub name: String,
    /// Users only.
    pub email: Option<String>,
    /// Absent for platform admins.
    pub org: Option<Org>,
}

impl Actor {
    /// A user's identity, as every door builds it (the JWT here, the console's session);
    /// `None` for a deactivated user, checked on every request so that deactivation stops
    /// them at once.
    pub fn of_user(
        user: crate::users::model::UserRow,
        org: Option<crate::orgs::model::OrgRow>,
    ) -> Option<Actor> {
        if user.disabled_at.is_some() {
            return None;
        }
        Some(Actor {
            kind: PrincipalKind::User,
            role: Role::parse(&user.role)?,
            id: user.id,
            name: user.name,
            email: Some(user.email),
            org_kind: org.as_ref().and_then(|o| OrgKind::parse(&o.kind)),
            org_average_speed_kmh: org.as_ref().and_then(|o| o.average_speed_kmh),
            org_time_zone: org.and_then(|o| o.time_zone),
            org_id: user.org_id,
        })
    }
}
