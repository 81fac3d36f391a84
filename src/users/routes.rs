//! `/v1/users`: org admins create staff, drivers and other admins; members list their org.

use actix_web::web::{Json, Path, Query};
use actix_web::{HttpResponse, delete, get, post};
use chrono::Utc;

use super::model::{CreateUser, OrgRole, Role, UserFilter, UserRow, UserView};
use super::rules::{check_email, check_name, check_password, normalize_email};
use super::store;
use crate::access;
use crate::auth::Actor;
use crate::error::{ApiError, ApiResult, FieldError, is_unique_violation};
use crate::orgs::model::OrgKind;
use crate::pagination::{Page, PageParams};
use crate::server::state::State;

fn not_found() -> ApiError {
    ApiError::NotFound("user".to_owned())
}

/// Create a user in an org. Org admins create users in their own org; platform admins name
/// the org with `org_id`. Drivers exist only in courier orgs.
#[utoipa::path(
    tag = "users",
    security(("bearer" = [])),
    request_body = CreateUser,
    responses(
        (status = 201, description = "Created", body = UserView),
        (status = 400, response = crate::server::openapi::BadRequest),
        (status = 401, response = crate::server::openapi::Unauthorized),
        (status = 403, response = crate::server::openapi::Forbidden),
        (status = 404, response = crate::server::openapi::NotFound),
        (status = 409, response = crate::server::openapi::Conflict),
        (status = 413, response = crate::server::openapi::PayloadTooLarge),
        (status = 415, response = crate::server::openapi::UnsupportedMediaType),
        (status = 422, response = crate::server::openapi::Unprocessable),
        (status = 503, response = crate::server::openapi::Unavailable),
    )
)]
#[post("/v1/users")]
pub async fn create_user(
    state: State,
    actor: Actor,
    body: Json<CreateUser>,
) -> ApiResult<HttpResponse> {
    let input = body.into_inner();
    let org_id = access::managed_org(&actor, input.org_id.as_deref())?;
    let mut errors = Vec::new();
    check_email("email", &input.email, &mut errors);
    check_name("name", &input.name, &mut errors);
    check_password("password", &input.password, &mut errors);
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let lookup = org_id.clone();
    let org = state
        .db
        .read(move |c| Ok(crate::orgs::store::find(c, &lookup)?))
        .await?
        .ok_or_else(|| ApiError::NotFound("org".to_owned()))?;
    if input.role == OrgRole::Driver && OrgKind::parse(&org.kind) != Some(OrgKind::Courier) {
        return Err(ApiError::Validation(vec![FieldError::new(
            "role",
            "drivers belong to courier organisations only",
        )]));
    }
    let password = input.password;
    let hash = state.password_gate.hash(password).await?;
    let row = UserRow {
        id: crate::ids::new_id("usr"),
        org_id: Some(org_id),
        email: normalize_email(&input.email),
        name: input.name.trim().to_owned(),
        role: Role::from(input.role).as_str().to_owned(),
        password_hash: hash,
        disabled_at: None,
        created_at: Utc::now().naive_utc(),
    };
    let row = state
        .db
        .write(move |c| {
            store::insert(c, &row).map_err(|e| {
                if is_unique_violation(&e) {
                    ApiError::Conflict("a user with this e-mail already exists".to_owned())
                } else {
                    e.into()
                }
            })?;
            Ok(row)
        })
        .await?;
    tracing::info!(user_id = %row.id, role = %row.role, "user created");
    Ok(HttpResponse::Created().json(UserView::from(row)))
}

/// Users of the caller's org (platform admins: all, or one org with `org_id`). Drivers see
/// only themselves.
#[utoipa::path(
    tag = "users",
    security(("bearer" = [])),
    params(PageParams, UserFilter),
    responses(
        (status = 200, description = "A page of users", body = Page<UserView>),
        (status = 400, response = crate::server::openapi::BadRequest),
        (status = 401, response = crate::server::openapi::Unauthorized),
        (status = 422, response = crate::server::openapi::Unprocessable),
    )
)]
#[get("/v1/users")]
pub async fn list_users(
    state: State,
    actor: Actor,
    page: Query<PageParams>,
    filter: Query<UserFilter>,
) -> ApiResult<Json<Page<UserView>>> {
    let page = page.validate()?;
    let org = match actor.role {
        Role::PlatformAdmin => filter.org_id.clone(),
        _ => actor.org_id.clone(),
    };
    let req = page.clone();
    // Drivers see only themselves: filter in the query so pages stay full.
    let only_self = (actor.role == Role::Driver).then(|| actor.id.clone());
    let mut rows = state
        .db
        .read(move |c| Ok(store::list(c, &req, org.as_deref(), only_self.as_deref())?))
        .await?;
    rows.retain(|u| access::sees_user(&actor, u));
    Ok(Json(Page::from_rows(
        rows,
        &page,
        |r| &r.id,
        UserView::from,
    )))
}

/// One user, if the caller may see them.
#[utoipa::path(
    tag = "users",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "User id")),
    responses(
        (status = 200, description = "The user", body = UserView),
        (status = 401, response = crate::server::openapi::Unauthorized),
        (status = 404, response = crate::server::openapi::NotFound),
    )
)]
#[get("/v1/users/{id}")]
pub async fn get_user(state: State, actor: Actor, id: Path<String>) -> ApiResult<Json<UserView>> {
    let id = id.into_inner();
    let user = state.db.read(move |c| Ok(store::find(c, &id)?)).await?;
    match user {
        Some(u) if access::sees_user(&actor, &u) => Ok(Json(u.into())),
        _ => Err(not_found()),
    }
}

/// Deactivate a user: they can no longer log in, their refresh tokens are revoked and their
/// access tokens stop working at once. Their records stay. Idempotent.
#[utoipa::path(
    tag = "users",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "User id")),
    responses(
        (status = 204, description = "Deactivated"),
        (status = 401, response = crate::server::openapi::Unauthorized),
        (status = 403, response = crate::server::openapi::Forbidden),
        (status = 404, response = crate::server::openapi::NotFound),
        (status = 409, response = crate::server::openapi::Conflict),
    )
)]
#[delete("/v1/users/{id}")]
pub async fn deactivate_user(
    state: State,
    actor: Actor,
    id: Path<String>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let lookup = id.clone();
    let user = state.db.read(move |c| Ok(store::find(c, &lookup)?)).await?;
    let user = match user {
        Some(u) if access::sees_user(&actor, &u) => u,
        _ => return Err(not_found()),
    };
    let org = user.org_id.as_deref().unwrap_or_default();
    if !access::manages_org(&actor, org) {
        return Err(ApiError::Forbidden(
            "this action needs an org admin user".to_owned(),
        ));
    }
    if user.id == actor.id {
        return Err(ApiError::Conflict(
            "you cannot deactivate yourself".to_owned(),
        ));
    }
    state
        .db
        .write(move |c| {
            let now = Utc::now().naive_utc();
            store::disable(c, &id, now)?;
            crate::auth::refresh::revoke_user(c, &id, now)?;
            Ok(())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
