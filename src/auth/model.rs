use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::orgs::model::Org;
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
