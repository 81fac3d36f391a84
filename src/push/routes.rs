//! `/v1/push/vapid-public-key` and `/v1/me/push-subscriptions`: a driver's browsers subscribe
//! to pushes about their parcels.

use actix_web::web::{Json, Path, Query};
use actix_web::{HttpResponse, delete, get, post};

use super::model::{NewPushSubscription, PushSubscription, SubscriptionRow, VapidPublicKey};
use super::store;
use super::vapid::{Vapid, decode_b64url};
use crate::auth::Actor;
use crate::auth::model::PrincipalKind;
use crate::error::{ApiError, ApiResult, FieldError};
use crate::pagination::{Page, PageParams};
use crate::users::model::Role;
use crate::web::state::{AppState, State};

/// Browsers (devices) one driver may keep subscribed.
pub const MAX_PER_DRIVER: i64 = 10;

fn not_found() -> ApiError {
    ApiError::NotFound("push subscription".to_owned())
}

/// The calling driver's id: pushes are for drivers signed in with a JWT.
fn driver(actor: &Actor) -> ApiResult<String> {
    if actor.kind == PrincipalKind::User && actor.role == Role::Driver {
        Ok(actor.id.clone())
    } else {
        Err(ApiError::Forbidden(
            "push subscriptions are for drivers signed in with their account".to_owned(),
        ))
    }
}

fn vapid(state: &AppState) -> ApiResult<Vapid> {
    Vapid::parse(
        &state.settings.vapid_private_key,
        &state.settings.vapid_subject,
    )
    .map_err(|e| ApiError::Internal(anyhow::anyhow!(e)))
}

/// The checked subscription: an https endpoint (http and private addresses only where
/// webhooks may reach them), a P-256 public key and a 16-byte auth secret.
fn check(state: &AppState, input: &NewPushSubscription) -> ApiResult<()> {
    let mut errors = Vec::new();
    if input.endpoint.len() > 2000 {
        errors.push(FieldError::new(
            "endpoint",
            "must have at most 2000 characters",
        ));
    } else if let Err(why) =
        crate::outbound::check_url(&input.endpoint, state.settings.webhook_allow_private)
    {
        errors.push(FieldError::new("endpoint", why));
    }
    let point = decode_b64url(&input.keys.p256dh)
        .filter(|b| b.len() == 65 && b[0] == 4)
        .and_then(|b| web_push_native::p256::PublicKey::from_sec1_bytes(&b).ok());
    if point.is_none() {
        errors.push(FieldError::new(
            "keys.p256dh",
            "must be an uncompressed P-256 public key (65 bytes, base64url)",
        ));
    }
    if decode_b64url(&input.keys.auth).is_none_or(|a| a.len() != 16) {
        errors.push(FieldError::new("keys.auth", "must be 16 bytes, base64url"));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ApiError::Validation(errors))
    }
}

/// The server's VAPID public key: pass it as `applicationServerKey` to
/// `pushManager.subscribe`. No authentication.
#[utoipa::path(
    tag = "push",
    responses(
        (status = 200, description = "The VAPID public key", body = VapidPublicKey),
    )
)]
#[get("/v1/push/vapid-public-key")]
pub async fn vapid_public_key(state: State) -> ApiResult<Json<VapidPublicKey>> {
    Ok(Json(VapidPublicKey {
        public_key: vapid(&state)?.public_key().to_owned(),
    }))
}

/// Register a browser for pushes (drivers): the body is `PushSubscription.toJSON()`.
/// Idempotent per endpoint: registering it again updates its keys (200); an endpoint another
/// driver registered on this browser becomes the caller's (201). A driver keeps at most 10.
#[utoipa::path(
    tag = "push",
    security(("bearer" = [])),
    request_body = NewPushSubscription,
    responses(
        (status = 201, description = "Registered", body = PushSubscription),
        (status = 200, description = "Already registered by the caller; keys updated", body = PushSubscription),
        (status = 400, response = crate::error::responses::BadRequest),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 403, response = crate::error::responses::Forbidden),
        (status = 409, response = crate::error::responses::Conflict),
        (status = 413, response = crate::error::responses::PayloadTooLarge),
        (status = 415, response = crate::error::responses::UnsupportedMediaType),
        (status = 422, response = crate::error::responses::Unprocessable),
    )
)]
#[post("/v1/me/push-subscriptions")]
pub async fn subscribe(
    state: State,
    actor: Actor,
    body: Json<NewPushSubscription>,
) -> ApiResult<HttpResponse> {
    let user_id = driver(&actor)?;
    let input = body.into_inner();
    check(&state, &input)?;
    let now = state.clock.naive();
    let secrets = state.secrets.clone();
    let (row, created) = state
        .db
        .write(move |c| {
            let before = store::find_by_endpoint(c, &user_id, &input.endpoint)?;
            let mine = before.is_some();
            if !mine && store::count_for(c, &user_id)? >= MAX_PER_DRIVER {
                return Err(ApiError::Conflict(format!(
                    "a driver keeps at most {MAX_PER_DRIVER} push subscriptions; \
                     delete one before adding another"
                )));
            }
            let row = SubscriptionRow {
                id: before
                    .as_ref()
                    .map_or_else(|| crate::ids::new_id("pss"), |b| b.id.clone()),
                user_id,
                endpoint: input.endpoint,
                p256dh: input.keys.p256dh,
                // The browser's push secret, sealed at rest like webhook secrets.
                auth: secrets.seal_field(crate::push::model::AUTH_CONTEXT, &input.keys.auth)?,
                created_at: before.as_ref().map_or(now, |b| b.created_at),
                updated_at: now,
            };
            store::upsert(c, &row)?;
            Ok((row, !mine))
        })
        .await?;
    let view = PushSubscription::from(row);
    Ok(if created {
        HttpResponse::Created().json(view)
    } else {
        HttpResponse::Ok().json(view)
    })
}

/// The calling driver's push subscriptions.
#[utoipa::path(
    tag = "push",
    security(("bearer" = [])),
    params(PageParams),
    responses(
        (status = 200, description = "A page of subscriptions", body = Page<PushSubscription>),
        (status = 400, response = crate::error::responses::BadRequest),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 403, response = crate::error::responses::Forbidden),
        (status = 422, response = crate::error::responses::Unprocessable),
    )
)]
#[get("/v1/me/push-subscriptions")]
pub async fn list_subscriptions(
    state: State,
    actor: Actor,
    page: Query<PageParams>,
) -> ApiResult<Json<Page<PushSubscription>>> {
    let page = page.validate()?;
    let user_id = driver(&actor)?;
    let req = page.clone();
    let rows = state
        .db
        .read(move |c| Ok(store::list(c, &user_id, &req)?))
        .await?;
    Ok(Json(Page::from_rows(
        rows,
        &page,
        |r| &r.id,
        PushSubscription::from,
    )))
}

/// Unsubscribe a browser (its waiting pushes are dropped). Another driver's: 404.
#[utoipa::path(
    tag = "push",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Push subscription id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 403, response = crate::error::responses::Forbidden),
        (status = 404, response = crate::error::responses::NotFound),
    )
)]
#[delete("/v1/me/push-subscriptions/{id}")]
pub async fn unsubscribe(state: State, actor: Actor, id: Path<String>) -> ApiResult<HttpResponse> {
    let user_id = driver(&actor)?;
    let id = id.into_inner();
    state
        .db
        .write(move |c| {
            store::find_of(c, &user_id, &id)?.ok_or_else(not_found)?;
            store::delete(c, &id)?;
            Ok(())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
