use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::db::schema::users;
pub use crate::identity::Role;

/// Roles an org admin may give (platform admins are made with the CLI only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum OrgRole {
    Admin,
    Staff,
    Driver,
}

impl From<OrgRole> for Role {
    fn from(r: OrgRole) -> Role {
        match r {
            OrgRole::Admin => Role::Admin,
            OrgRole::Staff => Role::Staff,
            OrgRole::Driver => Role::Driver,
        }
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = users)]
pub struct UserRow {
    pub id: String,
    pub org_id: Option<String>,
    pub email: String,
    pub name: String,
    pub role: String,
    pub password_hash: String,
    pub disabled_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
}

/// A user as the API shows it (never the password hash).
#[derive(Debug, Serialize, ToSchema)]
pub struct UserView {
    #[schema(example = "usr_01jd2v3k4m5n6p7q8r9s0t1u2v")]
    pub id: String,
    pub org_id: Option<String>,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub disabled: bool,
    pub created_at: DateTime<Utc>,
}

impl From<UserRow> for UserView {
    fn from(row: UserRow) -> Self {
        UserView {
            role: Role::parse(&row.role).unwrap_or(Role::Staff),
            disabled: row.disabled_at.is_some(),
            id: row.id,
            org_id: row.org_id,
            email: row.email,
            name: row.name,
            created_at: row.created_at.and_utc(),
        }
    }
}

/// Identity and initial password of a new user.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewUserInput {
    #[schema(example = "ops@example.com")]
    pub email: String,
    /// 1–200 characters.
    pub name: String,
    /// 12–256 characters.
    #[schema(format = Password)]
    pub password: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateUser {
    #[schema(example = "driver@example.com")]
    pub email: String,
    pub name: String,
    #[schema(format = Password)]
    pub password: String,
    /// `driver` only in courier orgs.
    pub role: OrgRole,
    /// Required for platform admins; org admins create users in their own org.
    pub org_id: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UserFilter {
    /// Platform admins: only users of this org.
    pub org_id: Option<String>,
}
