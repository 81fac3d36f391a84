//! Creating and deactivating users: what `/v1/users` and the console's drivers page both do.

use super::model::{CreateUser, OrgRole, Role, UserRow};
use super::rules::{check_email, check_name, check_password, normalize_email};
use super::store;
use crate::access;
use crate::auth::Actor;
use crate::auth::password::PasswordGate;
use crate::db::Db;
use crate::error::{ApiError, ApiResult, FieldError, is_unique_violation};
use crate::orgs::model::OrgKind;

fn not_found() -> ApiError {
    ApiError::NotFound("user".to_owned())
}

/// A user in the org `actor` manages (a platform admin names it). Drivers exist only in
/// courier orgs; an e-mail already taken is a 409.
pub async fn create(
    db: &Db,
    gate: &PasswordGate,
    now: chrono::NaiveDateTime,
    actor: &Actor,
    input: CreateUser,
) -> ApiResult<UserRow> {
    let org_id = access::managed_org(actor, input.org_id.as_deref())?;
    let mut errors = Vec::new();
    check_email("email", &input.email, &mut errors);
    check_name("name", &input.name, &mut errors);
    check_password("password", &input.password, &mut errors);
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let lookup = org_id.clone();
    let org = db
        .read(move |c| Ok(crate::orgs::store::find(c, &lookup)?))
        .await?
        .ok_or_else(|| ApiError::NotFound("org".to_owned()))?;
    if input.role == OrgRole::Driver && OrgKind::parse(&org.kind) != Some(OrgKind::Courier) {
        return Err(ApiError::Validation(vec![FieldError::new(
            "role",
            "drivers belong to courier organisations only",
        )]));
    }
    let hash = gate.hash(input.password).await?;
    let row = UserRow {
        id: crate::ids::new_id("usr"),
        org_id: Some(org_id),
        email: normalize_email(&input.email),
        name: input.name.trim().to_owned(),
        role: Role::from(input.role).as_str().to_owned(),
        password_hash: hash,
        disabled_at: None,
        created_at: now,
    };
    db.write(move |c| {
        store::insert(c, &row).map_err(|e| {
            if is_unique_violation(&e) {
                ApiError::Conflict("a user with this e-mail already exists".to_owned())
            } else {
                e.into()
            }
        })?;
        Ok(row)
    })
    .await
}

/// Deactivate a user `actor` manages: no more logins, refresh tokens revoked, access tokens
/// and console sessions stop at once (both read the user on every request). Idempotent;
/// nobody deactivates themselves. `only`: a user of another role is not found (the console's
/// drivers page deactivates drivers only).
pub async fn deactivate(
    db: &Db,
    now: chrono::NaiveDateTime,
    actor: &Actor,
    id: String,
    only: Option<Role>,
) -> ApiResult<()> {
    let lookup = id.clone();
    let user = db.read(move |c| Ok(store::find(c, &lookup)?)).await?;
    let user = match user {
        Some(u)
            if access::sees_user(actor, &u.id, u.org_id.as_deref())
                && only.is_none_or(|r| r.as_str() == u.role) =>
        {
            u
        }
        _ => return Err(not_found()),
    };
    let org = user.org_id.as_deref().unwrap_or_default();
    if !access::manages_org(actor, org) {
        return Err(ApiError::Forbidden(
            "this action needs an org admin user".to_owned(),
        ));
    }
    if user.id == actor.id {
        return Err(ApiError::Conflict(
            "you cannot deactivate yourself".to_owned(),
        ));
    }
    db.write(move |c| {
        store::disable(c, &id, now)?;
        crate::auth::refresh::revoke_user(c, &id, now)?;
        Ok(())
    })
    .await
}

/// The users of `org`, for one of its own admins (`None` for anyone else): who manages the
/// drivers sees who is inactive (the console's drivers page).
pub fn managed(
    c: &mut crate::db::Conn,
    actor: &Actor,
    org: &str,
    page: &crate::pagination::PageRequest,
) -> ApiResult<Option<Vec<UserRow>>> {
    let own = access::manages_org(actor, org) && actor.org_id.as_deref() == Some(org);
    Ok(match own {
        true => Some(store::list(c, page, Some(org), None)?),
        false => None,
    })
}

/// A user with their organisation (a console session's owner).
pub fn with_org(
    c: &mut crate::db::Conn,
    id: &str,
) -> ApiResult<Option<(UserRow, Option<crate::orgs::model::OrgRow>)>> {
    Ok(store::find_with_org(c, id)?)
}

/// User names by id, for pages that show who did what on a shipment the caller may see.
pub fn names(
    c: &mut crate::db::Conn,
    ids: &[String],
) -> ApiResult<std::collections::HashMap<String, String>> {
    Ok(store::names(c, ids)?.into_iter().collect())
}

/// The drivers whose parcels `actor` may filter a list by: its own org's active drivers, for
/// the staff of a courier (none for anyone else).
pub fn drivers_to_filter(
    c: &mut crate::db::Conn,
    actor: &Actor,
) -> ApiResult<Vec<(String, String)>> {
    let courier_staff = actor.org_kind == Some(crate::identity::OrgKind::Courier)
        && actor.role != crate::identity::Role::Driver;
    match (courier_staff, actor.org_id.as_deref()) {
        (true, Some(org)) => Ok(store::drivers_of(c, org)?),
        _ => Ok(Vec::new()),
    }
}
