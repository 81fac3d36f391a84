//! `POST /v1/shipments/{id}/redelivery-proposal`: the courier proposes a re-delivery window.
//! The customer's side (choose, accept) is on the tracking link (`/v1/track/{token}/redelivery`).

use actix_web::post;
use actix_web::web::{Json, Path};

use super::service;
use crate::auth::Actor;
use crate::error::ApiResult;
use crate::shipments::model::{NewWindow, Shipment};
use crate::web::state::State;

/// Propose a re-delivery window after a failed attempt (the courier's staff). The customer sees
/// it on the link and may accept it, or choose another; a new proposal replaces the last one.
/// The window starts at least 2 hours from now and within the contract's re-delivery horizon
/// (default 7 days), and lasts 1 to 24 hours.
#[utoipa::path(
    tag = "shipments",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Shipment id")),
    request_body = NewWindow,
    responses(
        (status = 200, description = "Proposed", body = Shipment),
        (status = 400, response = crate::error::responses::BadRequest),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 403, response = crate::error::responses::Forbidden),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 409, response = crate::error::responses::Conflict),
        (status = 413, response = crate::error::responses::PayloadTooLarge),
        (status = 415, response = crate::error::responses::UnsupportedMediaType),
        (status = 422, response = crate::error::responses::Unprocessable),
    )
)]
#[post("/v1/shipments/{id}/redelivery-proposal")]
pub async fn propose(
    state: State,
    actor: Actor,
    id: Path<String>,
    body: Json<NewWindow>,
) -> ApiResult<Json<Shipment>> {
    let input = body.into_inner();
    let id = id.into_inner();
    let clock = state.clock.clone();
    let shipment = state
        .db
        .write(move |c| service::propose(c, &actor, &id, input, clock.naive()))
        .await?;
    Ok(Json(shipment))
}
