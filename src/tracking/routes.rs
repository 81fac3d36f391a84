//! `/v1/track/{token}`: what the customer sees and may change, without an account.

use actix_web::web::{Json, Path};
use actix_web::{HttpRequest, delete, get, patch, post};

use super::model::{ContactUpdate, TrackingView};
use super::service;
use crate::db::Conn;
use crate::error::{ApiError, ApiResult};
use crate::shipments::model::NewWindow;
use crate::shipments::service::Locked;
use crate::web::ratelimit::tracking_link as limit;
use crate::web::state::State;

/// A change by the customer: rate-limit, apply `change` to the shipment behind the token in one
/// transaction (with its event), and answer with the refreshed view.
async fn customer_change<F>(
    state: State,
    req: &HttpRequest,
    token: String,
    change: F,
) -> ApiResult<Json<TrackingView>>
where
    F: FnOnce(&mut Conn, &mut Locked, chrono::NaiveDateTime) -> ApiResult<()> + Send + 'static,
{
    limit(&state, req, &token).await?;
    let (secrets, now) = (state.secrets.clone(), state.clock.naive());
    let v = state
        .db
        .write(move |c| {
            let mut locked = service::locked_by_token(c, &token)?;
            change(c, &mut locked, now)?;
            // Read again: the change wrote columns the locked copy does not follow.
            service::view_of(c, &secrets, &locked.ship.id, now)
        })
        .await?;
    Ok(Json(v))
}

/// Follow a parcel: status, promised window, courier and driver, the timeline, and the
/// customer's own contact data.
#[utoipa::path(
    tag = "tracking",
    params(("token" = String, Path, description = "The tracking token from the customer's link")),
    responses(
        (status = 200, description = "The parcel as the customer sees it", body = TrackingView),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 429, response = crate::error::responses::TooManyRequests),
    )
)]
#[get("/v1/track/{token}")]
pub async fn track(
    state: State,
    req: HttpRequest,
    token: Path<String>,
) -> ApiResult<Json<TrackingView>> {
    let token = token.into_inner();
    limit(&state, &req, &token).await?;
    let (views, secrets) = (state.tracking_views.clone(), state.secrets.clone());
    let now = state.clock.naive();
    let v = state
        .db
        .read(move |c| service::track(c, &views, &secrets, &token, now))
        .await?;
    Ok(Json(v))
}

/// Fix the phone number, e-mail, access notes or preferences until the parcel is delivered.
/// The courier and the assigned driver see the change at once; it is an event on the timeline.
#[utoipa::path(
    tag = "tracking",
    params(("token" = String, Path, description = "Tracking token")),
    request_body = ContactUpdate,
    responses(
        (status = 200, description = "Updated", body = TrackingView),
        (status = 400, response = crate::error::responses::BadRequest),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 409, response = crate::error::responses::Conflict),
        (status = 413, response = crate::error::responses::PayloadTooLarge),
        (status = 415, response = crate::error::responses::UnsupportedMediaType),
        (status = 422, response = crate::error::responses::Unprocessable),
        (status = 429, response = crate::error::responses::TooManyRequests),
    )
)]
#[patch("/v1/track/{token}/contact")]
pub async fn update_contact(
    state: State,
    req: HttpRequest,
    token: Path<String>,
    body: Json<ContactUpdate>,
) -> ApiResult<Json<TrackingView>> {
    let input = body.into_inner();
    customer_change(state, &req, token.into_inner(), move |c, row, now| {
        service::apply_contact(c, row, input, now)
    })
    .await
}

/// Choose a new delivery window while the parcel is not yet out for delivery (after a failed
/// attempt, choose the re-delivery window instead). It becomes the firm promised window.
#[utoipa::path(
    tag = "tracking",
    params(("token" = String, Path, description = "Tracking token")),
    request_body = NewWindow,
    responses(
        (status = 200, description = "Rescheduled", body = TrackingView),
        (status = 400, response = crate::error::responses::BadRequest),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 409, response = crate::error::responses::Conflict),
        (status = 413, response = crate::error::responses::PayloadTooLarge),
        (status = 415, response = crate::error::responses::UnsupportedMediaType),
        (status = 422, response = crate::error::responses::Unprocessable),
        (status = 429, response = crate::error::responses::TooManyRequests),
    )
)]
#[post("/v1/track/{token}/reschedule")]
pub async fn reschedule(
    state: State,
    req: HttpRequest,
    token: Path<String>,
    body: Json<NewWindow>,
) -> ApiResult<Json<TrackingView>> {
    let input = body.into_inner();
    customer_change(state, &req, token.into_inner(), move |c, row, now| {
        service::apply_reschedule(c, row, input, now)
    })
    .await
}

/// After a failed attempt, choose the window of the new visit: it becomes the firm promised
/// window, and the driver comes on its day. It starts at least 2 hours from now and within the
/// courier's re-delivery horizon (`redelivery_horizon_days`, default 7), and lasts 1 to 24
/// hours; 3 choices per wait.
#[utoipa::path(
    tag = "tracking",
    params(("token" = String, Path, description = "Tracking token")),
    request_body = NewWindow,
    responses(
        (status = 200, description = "Chosen", body = TrackingView),
        (status = 400, response = crate::error::responses::BadRequest),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 409, response = crate::error::responses::Conflict),
        (status = 413, response = crate::error::responses::PayloadTooLarge),
        (status = 415, response = crate::error::responses::UnsupportedMediaType),
        (status = 422, response = crate::error::responses::Unprocessable),
        (status = 429, response = crate::error::responses::TooManyRequests),
    )
)]
#[post("/v1/track/{token}/redelivery")]
pub async fn choose_redelivery(
    state: State,
    req: HttpRequest,
    token: Path<String>,
    body: Json<NewWindow>,
) -> ApiResult<Json<TrackingView>> {
    let input = body.into_inner();
    customer_change(state, &req, token.into_inner(), move |c, row, now| {
        crate::redelivery::service::choose(c, row, input, now)
    })
    .await
}

/// Accept the courier's proposed re-delivery window (`redelivery.proposed_window`): it becomes
/// the firm promised window.
#[utoipa::path(
    tag = "tracking",
    params(("token" = String, Path, description = "Tracking token")),
    responses(
        (status = 200, description = "Accepted", body = TrackingView),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 409, response = crate::error::responses::Conflict),
        (status = 429, response = crate::error::responses::TooManyRequests),
    )
)]
#[post("/v1/track/{token}/redelivery/accept")]
pub async fn accept_redelivery(
    state: State,
    req: HttpRequest,
    token: Path<String>,
) -> ApiResult<Json<TrackingView>> {
    customer_change(state, &req, token.into_inner(), |c, row, now| {
        crate::redelivery::service::accept(c, row, now)
    })
    .await
}

/// Accept delivery before the promised window (so an early visit is not flagged). Idempotent.
#[utoipa::path(
    tag = "tracking",
    params(("token" = String, Path, description = "Tracking token")),
    responses(
        (status = 200, description = "Consent recorded", body = TrackingView),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 409, response = crate::error::responses::Conflict),
        (status = 429, response = crate::error::responses::TooManyRequests),
    )
)]
#[post("/v1/track/{token}/early-consent")]
pub async fn early_consent(
    state: State,
    req: HttpRequest,
    token: Path<String>,
) -> ApiResult<Json<TrackingView>> {
    customer_change(state, &req, token.into_inner(), |c, row, now| {
        service::apply_early_consent(c, row, now)
    })
    .await
}

/// Decline delivery before the promised window (withdrawing an earlier consent): the window
/// stays, and an early visit is flagged `early_without_consent`. Recorded on the timeline.
#[utoipa::path(
    tag = "tracking",
    params(("token" = String, Path, description = "Tracking token")),
    responses(
        (status = 200, description = "Decline recorded", body = TrackingView),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 409, response = crate::error::responses::Conflict),
        (status = 429, response = crate::error::responses::TooManyRequests),
    )
)]
#[delete("/v1/track/{token}/early-consent")]
pub async fn early_decline(
    state: State,
    req: HttpRequest,
    token: Path<String>,
) -> ApiResult<Json<TrackingView>> {
    customer_change(state, &req, token.into_inner(), |c, row, now| {
        service::apply_early_decline(c, row, now)
    })
    .await
}

/// Switch the parcel's messages on or off per channel (`{"email": false}`); honoured at once.
/// Switching on needs the channel to be offered and the contact field (e-mail, phone) given.
#[utoipa::path(
    tag = "tracking",
    params(("token" = String, Path, description = "Tracking token")),
    request_body = crate::notifications::model::NotificationChoice,
    responses(
        (status = 200, description = "The choice recorded", body = TrackingView),
        (status = 400, response = crate::error::responses::BadRequest),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 409, response = crate::error::responses::Conflict),
        (status = 413, response = crate::error::responses::PayloadTooLarge),
        (status = 415, response = crate::error::responses::UnsupportedMediaType),
        (status = 422, response = crate::error::responses::Unprocessable),
        (status = 429, response = crate::error::responses::TooManyRequests),
    )
)]
#[post("/v1/track/{token}/notifications")]
pub async fn choose_notifications(
    state: State,
    req: HttpRequest,
    token: Path<String>,
    body: Json<serde_json::Value>,
) -> ApiResult<Json<TrackingView>> {
    let choice: crate::notifications::model::NotificationChoice =
        crate::error::object(body.into_inner())?;
    let configured = state.settings.notify_channels;
    let link = state.secrets.seal_field(
        crate::shipments::model::LINK_CONTEXT,
        &format!("{}/t/{}", state.settings.public_url, token.as_str()),
    )?;
    customer_change(state, &req, token.into_inner(), move |c, row, now| {
        crate::notifications::service::apply_choice(c, row, &choice, configured, Some(link), now)
    })
    .await
}

/// A photo of an attempt on the customer's parcel.
#[utoipa::path(
    tag = "tracking",
    params(
        ("token" = String, Path, description = "Tracking token"),
        ("photo_id" = String, Path, description = "Photo id"),
    ),
    responses(
        (status = 200, description = "The image", content_type = "image/*", body = Vec<u8>),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 429, response = crate::error::responses::TooManyRequests),
    )
)]
#[get("/v1/track/{token}/photos/{photo_id}")]
pub async fn photo(
    state: State,
    req: HttpRequest,
    path: Path<(String, String)>,
) -> ApiResult<actix_web::HttpResponse> {
    let (token, photo_id) = path.into_inner();
    limit(&state, &req, &token).await?;
    let row = state
        .db
        .read(move |c| {
            let ship = service::by_token(c, &token)?;
            crate::attempts::store::find_photo(c, &photo_id)?
                .filter(|p| p.shipment_id == ship.id)
                .ok_or_else(|| ApiError::NotFound("photo".to_owned()))
        })
        .await?;
    crate::attempts::photo_routes::serve_photo(&state, row, false).await
}
