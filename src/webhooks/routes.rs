//! `/v1/webhooks`: an org's admins subscribe to events; deliveries can be inspected and retried.

use actix_web::web::{Json, Path, Query};
use actix_web::{HttpResponse, delete, get, patch, post};
use chrono::Duration;

use super::client::check_url;
use super::dispatcher::new_delivery;
use super::model::{
    CreateWebhook, Delivery, SubscriptionRow, UpdateWebhook, Webhook, WebhookWithSecret,
};
use super::rules::CATALOG;
use super::store;
use crate::access;
use crate::auth::Actor;
use crate::db::backend::lock_org;
use crate::error::{ApiError, ApiResult, FieldError};
use crate::pagination::{Page, PageParams};
use crate::web::state::{AppState, State};

fn not_found() -> ApiError {
    ApiError::NotFound("webhook".to_owned())
}

fn new_secret() -> String {
    format!("whsec_{}", crate::ids::random_token(32))
}

fn check_types(types: &[String], errors: &mut Vec<FieldError>) -> String {
    if types.is_empty() {
        errors.push(FieldError::new(
            "event_types",
            "name at least one type, or \"*\"",
        ));
    } else if types.iter().any(|t| t == "*") {
        return "*".to_owned();
    }
    for t in types {
        if !CATALOG.contains(&t.as_str()) {
            errors.push(FieldError::new(
                "event_types",
                format!("unknown event type {t:?}"),
            ));
        }
    }
    let mut sorted = types.to_vec();
    sorted.sort();
    sorted.dedup();
    sorted.join(",")
}

fn check_target(state: &AppState, url: &str, errors: &mut Vec<FieldError>) {
    if url.len() > 2000 {
        errors.push(FieldError::new("url", "must have at most 2000 characters"));
    } else if let Err(why) = check_url(url, state.settings.webhook_allow_private) {
        errors.push(FieldError::new("url", why));
    }
}

/// The subscription, if the caller administers its org (others: 404).
use super::service::owned;

/// Subscribe to events (org admins). The signing secret is in this response only. An org keeps
/// at most DOORSTEP_WEBHOOK_MAX_SUBSCRIPTIONS (default 25; deleted ones do not count): one more
/// is a 409.
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = [])),
    request_body = CreateWebhook,
    responses(
        (status = 201, description = "Created, with its secret", body = WebhookWithSecret),
        (status = 400, response = crate::error::responses::BadRequest),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 403, response = crate::error::responses::Forbidden),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 409, response = crate::error::responses::Conflict),
        (status = 415, response = crate::error::responses::UnsupportedMediaType),
        (status = 422, response = crate::error::responses::Unprocessable),
    )
)]
#[post("/v1/webhooks")]
pub async fn create_webhook(
    state: State,
    actor: Actor,
    body: Json<CreateWebhook>,
) -> ApiResult<HttpResponse> {
    let org_id = access::managed_org(&actor, None)?;
    let input = body.into_inner();
    let mut errors = Vec::new();
    check_target(&state, &input.url, &mut errors);
    let types = check_types(&input.event_types, &mut errors);
    if input
        .description
        .as_deref()
        .is_some_and(|d| d.chars().count() > 500)
    {
        errors.push(FieldError::new(
            "description",
            "must have at most 500 characters",
        ));
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let now = state.clock.naive();
    let id = crate::ids::new_id("whk");
    let secret = new_secret();
    let sealed = state.secrets.seal(&id, &secret)?;
    let row = SubscriptionRow {
        id,
        org_id,
        url: input.url,
        description: input.description,
        event_types: types,
        secret: sealed.text,
        previous_secret: None,
        previous_secret_expires_at: None,
        active: true,
        disabled_reason: None,
        created_at: now,
        updated_at: now,
        secret_key_id: sealed.key_id,
        previous_secret_key_id: None,
    };
    let cap = state.settings.webhook_max_subscriptions;
    let row = state
        .db
        .write(move |c| {
            // Counted under the org's lock, in the insert's transaction: two concurrent
            // requests cannot both take the last place.
            lock_org(c, &row.org_id)?;
            if store::count_kept(c, &row.org_id)? >= i64::from(cap) {
                return Err(ApiError::Conflict(format!(
                    "an organisation may keep at most {cap} webhook subscriptions; \
                     delete one before adding another"
                )));
            }
            store::insert(c, &row)?;
            Ok(row)
        })
        .await?;
    Ok(HttpResponse::Created().json(WebhookWithSecret {
        webhook: row.into(),
        secret,
    }))
}

/// The org's subscriptions (org admins).
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = [])),
    params(PageParams),
    responses(
        (status = 200, description = "A page of subscriptions", body = Page<Webhook>),
        (status = 400, response = crate::error::responses::BadRequest),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 403, response = crate::error::responses::Forbidden),
        (status = 422, response = crate::error::responses::Unprocessable),
    )
)]
#[get("/v1/webhooks")]
pub async fn list_webhooks(
    state: State,
    actor: Actor,
    page: Query<PageParams>,
) -> ApiResult<Json<Page<Webhook>>> {
    let page = page.validate()?;
    let req = page.clone();
    let rows = state
        .db
        .read(move |c| super::service::list(c, &actor, &req))
        .await?;
    Ok(Json(Page::from_rows(rows, &page, |r| &r.id, Webhook::from)))
}

/// One subscription.
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Webhook id")),
    responses(
        (status = 200, description = "The subscription", body = Webhook),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 404, response = crate::error::responses::NotFound),
    )
)]
#[get("/v1/webhooks/{id}")]
pub async fn get_webhook(state: State, actor: Actor, id: Path<String>) -> ApiResult<Json<Webhook>> {
    let id = id.into_inner();
    let row = state.db.read(move |c| owned(c, &actor, &id)).await?;
    Ok(Json(row.into()))
}

/// Change the URL, types or description, or pause/re-enable.
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Webhook id")),
    request_body = UpdateWebhook,
    responses(
        (status = 200, description = "Updated", body = Webhook),
        (status = 400, response = crate::error::responses::BadRequest),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 415, response = crate::error::responses::UnsupportedMediaType),
        (status = 422, response = crate::error::responses::Unprocessable),
    )
)]
#[patch("/v1/webhooks/{id}")]
pub async fn update_webhook(
    state: State,
    actor: Actor,
    id: Path<String>,
    body: Json<UpdateWebhook>,
) -> ApiResult<Json<Webhook>> {
    let input = body.into_inner();
    let mut errors = Vec::new();
    if let Some(url) = &input.url {
        check_target(&state, url, &mut errors);
    }
    let types = input
        .event_types
        .as_ref()
        .map(|t| check_types(t, &mut errors));
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let id = id.into_inner();
    let clock = state.clock.clone();
    let row = state
        .db
        .write(move |c| {
            let mut row = owned(c, &actor, &id)?;
            if row.disabled_reason.as_deref() == Some("deleted") {
                return Err(not_found());
            }
            if let Some(url) = input.url {
                row.url = url;
            }
            if let Some(t) = types {
                row.event_types = t;
            }
            if let Some(d) = input.description {
                row.description = Some(d);
            }
            if let Some(active) = input.active {
                row.active = active;
                row.disabled_reason = (!active).then(|| "paused".to_owned());
            }
            row.updated_at = clock.naive();
            store::save(c, &row)?;
            Ok(row)
        })
        .await?;
    Ok(Json(row.into()))
}

/// Delete a subscription: nothing more is sent; its delivery log stays readable.
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Webhook id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 404, response = crate::error::responses::NotFound),
    )
)]
#[delete("/v1/webhooks/{id}")]
pub async fn delete_webhook(
    state: State,
    actor: Actor,
    id: Path<String>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let clock = state.clock.clone();
    state
        .db
        .write(move |c| {
            owned(c, &actor, &id)?;
            Ok(store::delete(c, &id, clock.naive())?)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// A new signing secret; the old one stays valid (both signatures are sent) for 24 hours.
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Webhook id")),
    responses(
        (status = 200, description = "The new secret", body = WebhookWithSecret),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 404, response = crate::error::responses::NotFound),
    )
)]
#[post("/v1/webhooks/{id}/rotate-secret")]
pub async fn rotate_secret(
    state: State,
    actor: Actor,
    id: Path<String>,
) -> ApiResult<Json<WebhookWithSecret>> {
    let id = id.into_inner();
    let secret = new_secret();
    let sealed = state.secrets.seal(&id, &secret)?;
    let clock = state.clock.clone();
    let row = state
        .db
        .write(move |c| {
            let mut row = owned(c, &actor, &id)?;
            let now = clock.naive();
            // The old secret moves as stored (sealed or not), with the id of its key.
            row.previous_secret = Some(std::mem::replace(&mut row.secret, sealed.text));
            row.previous_secret_key_id = std::mem::replace(&mut row.secret_key_id, sealed.key_id);
            row.previous_secret_expires_at = Some(now + Duration::hours(24));
            row.updated_at = now;
            store::save(c, &row)?;
            Ok(row)
        })
        .await?;
    Ok(Json(WebhookWithSecret {
        webhook: row.into(),
        secret,
    }))
}

/// Send a `ping` event now, to check the receiver and its signature check.
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Webhook id")),
    responses(
        (status = 202, description = "Queued", body = Delivery),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 409, response = crate::error::responses::Conflict),
    )
)]
#[post("/v1/webhooks/{id}/ping")]
pub async fn ping(state: State, actor: Actor, id: Path<String>) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let clock = state.clock.clone();
    let row = state
        .db
        .write(move |c| {
            let sub = owned(c, &actor, &id)?;
            if !sub.active {
                return Err(ApiError::Conflict("the subscription is not active".to_owned()));
            }
            let now = clock.naive();
            let event_id = crate::ids::new_id("evt");
            let body = serde_json::json!({"id": event_id, "type": "ping", "created_at": now.and_utc(), "data": {}});
            let d = new_delivery(&sub.id, &event_id, "ping", body.to_string(), now);
            store::insert_delivery(c, &d)?;
            Ok(d)
        })
        .await?;
    Ok(HttpResponse::Accepted().json(Delivery::view(row, Vec::new())))
}

/// Deliveries of a subscription with every try (status, response code, latency, next try).
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Webhook id"), PageParams),
    responses(
        (status = 200, description = "A page of deliveries, oldest first", body = Page<Delivery>),
        (status = 400, response = crate::error::responses::BadRequest),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 422, response = crate::error::responses::Unprocessable),
    )
)]
#[get("/v1/webhooks/{id}/deliveries")]
pub async fn deliveries(
    state: State,
    actor: Actor,
    id: Path<String>,
    page: Query<PageParams>,
) -> ApiResult<Json<Page<Delivery>>> {
    let page = page.validate()?;
    let id = id.into_inner();
    let req = page.clone();
    let rows = state
        .db
        .read(move |c| super::service::deliveries(c, &actor, &id, &req))
        .await?;
    Ok(Json(Page::from_rows(rows, &page, |r| &r.0.id, |r| r.1)))
}

/// Send a delivery again now (also a dead one).
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Delivery id")),
    responses(
        (status = 202, description = "Queued", body = Delivery),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 409, response = crate::error::responses::Conflict),
    )
)]
#[post("/v1/webhook-deliveries/{id}/retry")]
pub async fn retry_delivery(
    state: State,
    actor: Actor,
    id: Path<String>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let clock = state.clock.clone();
    let row = state
        .db
        .write(move |c| super::service::retry(c, &actor, &id, clock.naive()))
        .await?;
    Ok(HttpResponse::Accepted().json(Delivery::view(row, Vec::new())))
}
