//! `/v1/users`: org admins create staff, drivers and other admins; members list their org.

use actix_web::web::{Json, Path, Query};
use actix_web::{HttpResponse, delete, get, post};

use super::model::{CreateUser, Role, UserFilter, UserView};
use super::store;
use crate::access;
use crate::auth::Actor;
use crate::error::{ApiError, ApiResult};
use crate::pagination::{Page, PageParams};
use crate::web::state::State;

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
        (status = 400, response = crate::error::responses::BadRequest),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 403, response = crate::error::responses::Forbidden),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 409, response = crate::error::responses::Conflict),
        (status = 413, response = crate::error::responses::PayloadTooLarge),
        (status = 415, response = crate::error::responses::UnsupportedMediaType),
        (status = 422, response = crate::error::responses::Unprocessable),
        (status = 503, response = crate::error::responses::Unavailable),
    )
)]
#[post("/v1/users")]
pub async fn create_user(
    state: State,
    actor: Actor,
    body: Json<CreateUser>,
) -> ApiResult<HttpResponse> {
    let row = super::service::create(
        &state.db,
        &state.password_gate,
        state.clock.naive(),
        &actor,
        body.into_inner(),
    )
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
        (status = 400, response = crate::error::responses::BadRequest),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 422, response = crate::error::responses::Unprocessable),
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
    rows.retain(|u| access::sees_user(&actor, &u.id, u.org_id.as_deref()));
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
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 404, response = crate::error::responses::NotFound),
    )
)]
#[get("/v1/users/{id}")]
pub async fn get_user(state: State, actor: Actor, id: Path<String>) -> ApiResult<Json<UserView>> {
    let id = id.into_inner();
    let user = state.db.read(move |c| Ok(store::find(c, &id)?)).await?;
    match user {
        Some(u) if access::sees_user(&actor, &u.id, u.org_id.as_deref()) => Ok(Json(u.into())),
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
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 403, response = crate::error::responses::Forbidden),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 409, response = crate::error::responses::Conflict),
    )
)]
#[delete("/v1/users/{id}")]
pub async fn deactivate_user(
    state: State,
    actor: Actor,
    id: Path<String>,
) -> ApiResult<HttpResponse> {
    super::service::deactivate(
        &state.db,
        state.clock.naive(),
        &actor,
        id.into_inner(),
        None,
    )
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
