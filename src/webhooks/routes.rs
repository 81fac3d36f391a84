//! `/v1/webhooks`: an org's admins subscribe to events; deliveries can be inspected and retried.

use actix_web::web::{Json, Path, Query};
use actix_web::{HttpResponse, delete, get, patch, post};
use chrono::Duration;

use super::dispatcher::new_delivery;
use super::model::{CreateWebhook, Delivery, UpdateWebhook, Webhook, WebhookWithSecret};
use super::service;
use super::store;
use crate::auth::Actor;
use crate::error::{ApiError, ApiResult};
use crate::pagination::{Page, PageParams};
use crate::web::state::State;

fn not_found() -> ApiError {
    ApiError::NotFound("webhook".to_owned())
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
    let input = body.into_inner();
    let policy = state.settings.webhook_policy();
    let (secrets, now) = (state.secrets.clone(), state.clock.naive());
    let (row, secret) = state
        .db
        .write(move |c| service::create(c, &actor, input, policy, &secrets, now))
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
        service::check_target(url, state.settings.webhook_allow_private, &mut errors);
    }
    let types = input
        .event_types
        .as_ref()
        .map(|t| service::check_types(t, &mut errors));
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
    let secret = service::new_secret();
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
