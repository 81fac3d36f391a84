//! `/v1/disputes` and the customer's `POST /v1/track/{token}/disputes`.

use actix_web::web::{Json, Path, Query};
use actix_web::{HttpRequest, HttpResponse, get, post};

use super::model::{
    CreateDispute, Dispute, DisputeFilter, Evidence, ResolveDispute, RespondDispute,
};
use super::service::{self, check_text};
use crate::auth::Actor;
use crate::error::{ApiError, ApiResult};
use crate::pagination::{Page, PageParams};
use crate::web::state::State;

/// Contest an attempt from the tracking link ("I was home", "nobody called"…).
#[utoipa::path(
    tag = "tracking",
    params(("token" = String, Path, description = "Tracking token")),
    request_body = CreateDispute,
    responses(
        (status = 201, description = "Opened", body = Dispute),
        (status = 400, response = crate::error::responses::BadRequest),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 409, response = crate::error::responses::Conflict),
        (status = 415, response = crate::error::responses::UnsupportedMediaType),
        (status = 422, response = crate::error::responses::Unprocessable),
        (status = 429, response = crate::error::responses::TooManyRequests),
    )
)]
#[post("/v1/track/{token}/disputes")]
pub async fn open_dispute(
    state: State,
    req: HttpRequest,
    token: Path<String>,
    body: Json<CreateDispute>,
) -> ApiResult<HttpResponse> {
    let token = token.into_inner();
    crate::web::ratelimit::tracking_link(&state, &req, &token).await?;
    let (input, now) = (body.into_inner(), state.clock.naive());
    let row = state
        .db
        .write(move |c| {
            let mut locked = crate::tracking::service::locked_by_token(c, &token)?;
            service::open(c, &mut locked, input, now)
        })
        .await?;
    Ok(HttpResponse::Created().json(Dispute::from(row)))
}

/// The courier's answer to a dispute (courier staff).
#[utoipa::path(
    tag = "disputes",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Dispute id")),
    request_body = RespondDispute,
    responses(
        (status = 200, description = "Answered", body = Dispute),
        (status = 400, response = crate::error::responses::BadRequest),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 403, response = crate::error::responses::Forbidden),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 409, response = crate::error::responses::Conflict),
        (status = 415, response = crate::error::responses::UnsupportedMediaType),
        (status = 422, response = crate::error::responses::Unprocessable),
    )
)]
#[post("/v1/disputes/{id}/response")]
pub async fn respond(
    state: State,
    actor: Actor,
    id: Path<String>,
    body: Json<RespondDispute>,
) -> ApiResult<Json<Dispute>> {
    let response = body.into_inner().response;
    let mut errors = Vec::new();
    check_text("response", Some(&response), true, &mut errors);
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let id = id.into_inner();
    let clock = state.clock.clone();
    let row = state
        .db
        .write(move |c| service::respond(c, &actor, &id, response, clock.naive()))
        .await?;
    Ok(Json(row.into()))
}

/// Resolve a dispute (the marketplace). Upholding one about a failed attempt sends the parcel
/// back out for delivery at no cost to the customer.
#[utoipa::path(
    tag = "disputes",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Dispute id")),
    request_body = ResolveDispute,
    responses(
        (status = 200, description = "Resolved", body = Dispute),
        (status = 400, response = crate::error::responses::BadRequest),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 403, response = crate::error::responses::Forbidden),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 409, response = crate::error::responses::Conflict),
        (status = 415, response = crate::error::responses::UnsupportedMediaType),
        (status = 422, response = crate::error::responses::Unprocessable),
    )
)]
#[post("/v1/disputes/{id}/resolution")]
pub async fn resolve(
    state: State,
    actor: Actor,
    id: Path<String>,
    body: Json<ResolveDispute>,
) -> ApiResult<Json<Dispute>> {
    let input = body.into_inner();
    let mut errors = Vec::new();
    check_text("note", input.note.as_deref(), false, &mut errors);
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let id = id.into_inner();
    let clock = state.clock.clone();
    let row = state
        .db
        .write(move |c| service::resolve(c, &actor, &id, input, clock.naive()))
        .await?;
    Ok(Json(row.into()))
}

/// The evidence bundle: the attempt with flags, distance and photos, the driver's contact
/// attempts, both sides' words, and the outcome the evidence suggests.
#[utoipa::path(
    tag = "disputes",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Dispute id")),
    responses(
        (status = 200, description = "Evidence", body = Evidence),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 404, response = crate::error::responses::NotFound),
    )
)]
#[get("/v1/disputes/{id}")]
pub async fn get_dispute(
    state: State,
    actor: Actor,
    id: Path<String>,
) -> ApiResult<Json<Evidence>> {
    let id = id.into_inner();
    let evidence = state
        .db
        .read(move |c| service::evidence(c, &actor, &id))
        .await?;
    Ok(Json(evidence))
}

/// Disputes on the caller's shipments (marketplace) or deliveries (courier staff).
#[utoipa::path(
    tag = "disputes",
    security(("bearer" = [])),
    params(PageParams, DisputeFilter),
    responses(
        (status = 200, description = "A page of disputes", body = Page<Dispute>),
        (status = 400, response = crate::error::responses::BadRequest),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 403, response = crate::error::responses::Forbidden),
        (status = 422, response = crate::error::responses::Unprocessable),
    )
)]
#[get("/v1/disputes")]
pub async fn list_disputes(
    state: State,
    actor: Actor,
    page: Query<PageParams>,
    filter: Query<DisputeFilter>,
) -> ApiResult<Json<Page<Dispute>>> {
    let page = page.validate()?;
    let f = filter.into_inner();
    let req = page.clone();
    let rows = state
        .db
        .read(move |c| {
            service::list(
                c,
                &actor,
                &req,
                f.status.as_deref(),
                f.shipment_id.as_deref(),
            )
        })
        .await?;
    Ok(Json(Page::from_rows(rows, &page, |r| &r.id, Dispute::from)))
}
