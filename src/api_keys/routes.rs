//! `/v1/api-keys`: org admins create, list and revoke their org's keys.

use actix_web::web::{Json, Path, Query};
use actix_web::{HttpResponse, delete, get, post};

use super::model::{ApiKeyView, CreateApiKey, CreatedApiKey};
use super::store;
use crate::access;
use crate::auth::Actor;
use crate::error::{ApiError, ApiResult};
use crate::pagination::{Page, PageParams};
use crate::users::rules::check_name;
use crate::web::state::State;

fn not_found() -> ApiError {
    ApiError::NotFound("API key".to_owned())
}

/// Create an API key. The secret is in this response only; it is stored hashed.
#[utoipa::path(
    tag = "api-keys",
    security(("bearer" = [])),
    request_body = CreateApiKey,
    responses(
        (status = 201, description = "Created; `secret` is shown this once", body = CreatedApiKey),
        (status = 400, response = crate::error::responses::BadRequest),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 403, response = crate::error::responses::Forbidden),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 413, response = crate::error::responses::PayloadTooLarge),
        (status = 415, response = crate::error::responses::UnsupportedMediaType),
        (status = 422, response = crate::error::responses::Unprocessable),
    )
)]
#[post("/v1/api-keys")]
pub async fn create_api_key(
    state: State,
    actor: Actor,
    body: Json<CreateApiKey>,
) -> ApiResult<HttpResponse> {
    let input = body.into_inner();
    let org_id = access::managed_org(&actor, input.org_id.as_deref())?;
    let mut errors = Vec::new();
    check_name("name", &input.name, &mut errors);
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let (secret, row) = store::new_key(&org_id, &input.name, &actor.id, state.clock.naive());
    let row = state
        .db
        .write(move |c| {
            if crate::orgs::store::find(c, &row.org_id)?.is_none() {
                return Err(ApiError::NotFound("org".to_owned()));
            }
            store::insert(c, &row)?;
            Ok(row)
        })
        .await?;
    tracing::info!(key_id = %row.id, org_id = %row.org_id, "API key created");
    Ok(HttpResponse::Created().json(CreatedApiKey {
        key: row.into(),
        secret,
    }))
}

/// The org's API keys, revoked ones included (never their secrets). Org admins only.
#[utoipa::path(
    tag = "api-keys",
    security(("bearer" = [])),
    params(PageParams, ("org_id" = Option<String>, Query, description = "Platform admins: the org")),
    responses(
        (status = 200, description = "A page of API keys", body = Page<ApiKeyView>),
        (status = 400, response = crate::error::responses::BadRequest),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 403, response = crate::error::responses::Forbidden),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 422, response = crate::error::responses::Unprocessable),
    )
)]
#[get("/v1/api-keys")]
pub async fn list_api_keys(
    state: State,
    actor: Actor,
    page: Query<PageParams>,
    filter: Query<crate::users::model::UserFilter>,
) -> ApiResult<Json<Page<ApiKeyView>>> {
    let page = page.validate()?;
    let org_id = access::managed_org(&actor, filter.org_id.as_deref())?;
    let req = page.clone();
    let rows = state
        .db
        .read(move |c| Ok(store::list(c, &req, &org_id)?))
        .await?;
    Ok(Json(Page::from_rows(
        rows,
        &page,
        |r| &r.id,
        ApiKeyView::from,
    )))
}

/// Revoke an API key: it stops working at once. Idempotent.
#[utoipa::path(
    tag = "api-keys",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "API key id")),
    responses(
        (status = 204, description = "Revoked"),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 404, response = crate::error::responses::NotFound),
    )
)]
#[delete("/v1/api-keys/{id}")]
pub async fn revoke_api_key(
    state: State,
    actor: Actor,
    id: Path<String>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let clock = state.clock.clone();
    state
        .db
        .write(move |c| match store::find(c, &id)? {
            Some(k) if access::manages_org(&actor, &k.org_id) => {
                store::revoke(c, &id, clock.naive())?;
                Ok(())
            }
            _ => Err(not_found()),
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
