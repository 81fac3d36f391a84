//! `GET /v1/shipments/{id}/notifications`: the shipment's message log. The customer's choice
//! of channels is under `/v1/track/{token}/notifications` (tracking routes).

use actix_web::get;
use actix_web::web::{Json, Path, Query};

use super::model::Notification;
use super::store;
use crate::access::Party;
use crate::auth::Actor;
use crate::error::ApiResult;
use crate::pagination::{Page, PageParams};
use crate::shipments::service::on_visible;
use crate::web::state::State;

/// What was sent to the shipment's customer, when, on which channel, its state and tries,
/// oldest first. The owning marketplace sees recipients and subjects; other parties see only
/// channel and state.
#[utoipa::path(
    tag = "shipments",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Shipment id"), PageParams),
    responses(
        (status = 200, description = "Messages, oldest first", body = Page<Notification>),
        (status = 400, response = crate::error::responses::BadRequest),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 422, response = crate::error::responses::Unprocessable),
    )
)]
#[get("/v1/shipments/{id}/notifications")]
pub async fn list_notifications(
    state: State,
    actor: Actor,
    id: Path<String>,
    page: Query<PageParams>,
) -> ApiResult<Json<Page<Notification>>> {
    let page = page.validate()?;
    let req = page.clone();
    let (rows, owner) = on_visible(&state.db, actor, id.into_inner(), move |c, ship, party| {
        let owner = matches!(party, Party::Owner | Party::PlatformAdmin);
        Ok((store::list(c, &ship.id, &req)?, owner))
    })
    .await?;
    Ok(Json(Page::from_rows(
        rows,
        &page,
        |r| &r.id,
        |r| Notification::view(r, owner),
    )))
}
