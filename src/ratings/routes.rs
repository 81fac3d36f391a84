//! Ratings: the customer rates from the link; drivers, couriers and marketplaces read them.

use actix_web::web::{Json, Path, Query};
use actix_web::{HttpRequest, HttpResponse, get, post};

use super::model::{CustomerRating, DriverRating, RateDelivery, Rating, RatingFilter};
use super::{service, store};
use crate::auth::Actor;
use crate::error::{ApiError, ApiResult};
use crate::pagination::{Page, PageParams};
use crate::users::model::Role;
use crate::web::ratelimit::tracking_link as limit;
use crate::web::state::State;

/// Rate the delivery: 1–5 stars, tags, a comment. Possible once an attempt was made (delivered
/// or failed), up to 30 days after it. Rating again within 7 days replaces the rating.
#[utoipa::path(
    tag = "tracking",
    params(("token" = String, Path, description = "Tracking token")),
    request_body = RateDelivery,
    responses(
        (status = 201, description = "Rating recorded", body = CustomerRating),
        (status = 200, description = "Rating replaced", body = CustomerRating),
        (status = 400, response = crate::error::responses::BadRequest),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 409, response = crate::error::responses::Conflict),
        (status = 413, response = crate::error::responses::PayloadTooLarge),
        (status = 415, response = crate::error::responses::UnsupportedMediaType),
        (status = 422, response = crate::error::responses::Unprocessable),
        (status = 429, response = crate::error::responses::TooManyRequests),
    )
)]
#[post("/v1/track/{token}/rating")]
pub async fn rate(
    state: State,
    req: HttpRequest,
    token: Path<String>,
    body: Json<RateDelivery>,
) -> ApiResult<HttpResponse> {
    let token = token.into_inner();
    limit(&state, &req, &token).await?;
    let input = body.into_inner();
    let (harsh, now) = (state.settings.harsh_rater, state.clock.naive());
    let (row, created) = state
        .db
        .write(move |c| {
            let mut locked = crate::tracking::service::locked_by_token(c, &token)?;
            service::submit(c, &mut locked, input, harsh, now)
        })
        .await?;
    let view = CustomerRating::from(&row);
    Ok(if created {
        HttpResponse::Created().json(view)
    } else {
        HttpResponse::Ok().json(view)
    })
}

/// A driver's rating, Uber-style: the mean of their latest 500 counted ratings, with the
/// distribution and tags. Their courier's staff also get the comments, each with the shipment
/// and attempt rated (nothing that identifies the customer); marketplaces whose parcels the
/// driver carried get the figures.
#[utoipa::path(
    tag = "ratings",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Driver (user) id")),
    responses(
        (status = 200, description = "The driver's rating", body = DriverRating),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 404, response = crate::error::responses::NotFound),
    )
)]
#[get("/v1/drivers/{id}/rating")]
pub async fn get_driver_rating(
    state: State,
    actor: Actor,
    id: Path<String>,
) -> ApiResult<Json<DriverRating>> {
    let id = id.into_inner();
    let v = state
        .db
        .read(move |c| service::driver_rating_for(c, &actor, &id))
        .await?;
    Ok(Json(v))
}

/// The calling driver's own rating, with the comments customers left.
#[utoipa::path(
    tag = "ratings",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Your rating", body = DriverRating),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 403, response = crate::error::responses::Forbidden),
    )
)]
#[get("/v1/me/rating")]
pub async fn my_rating(state: State, actor: Actor) -> ApiResult<Json<DriverRating>> {
    if actor.role != Role::Driver {
        return Err(ApiError::Forbidden("only drivers have a rating".to_owned()));
    }
    let v = state
        .db
        .read(move |c| {
            Ok(service::driver_rating(
                c,
                &actor.id,
                actor.name.clone(),
                service::Comments::Anonymous,
            )?)
        })
        .await?;
    Ok(Json(v))
}

/// Ratings of the caller's shipments (marketplace) or deliveries (courier staff), each with its
/// shipment and attempt, whom it counts for and, when not the driver, why. Never the
/// customer's contact data.
#[utoipa::path(
    tag = "ratings",
    security(("bearer" = [])),
    params(PageParams, RatingFilter),
    responses(
        (status = 200, description = "A page of ratings", body = Page<Rating>),
        (status = 400, response = crate::error::responses::BadRequest),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 403, response = crate::error::responses::Forbidden),
        (status = 422, response = crate::error::responses::Unprocessable),
    )
)]
#[get("/v1/ratings")]
pub async fn list_ratings(
    state: State,
    actor: Actor,
    page: Query<PageParams>,
    filter: Query<RatingFilter>,
) -> ApiResult<Json<Page<Rating>>> {
    let page = page.validate()?;
    let scope = crate::access::list_scope(
        &actor,
        "drivers read their own rating at /v1/me/rating",
        "ratings are for marketplaces and couriers",
    )?;
    let f = filter.into_inner();
    if f.counted_for
        .as_deref()
        .is_some_and(|s| !["driver", "upstream", "excluded"].contains(&s))
    {
        return Err(ApiError::validation(
            "counted_for",
            "must be driver, upstream or excluded",
        ));
    }
    let req = page.clone();
    let rows = state
        .db
        .read(move |c| {
            Ok(store::list(
                c,
                &req,
                &scope,
                f.driver_id.as_deref(),
                f.counted_for.as_deref(),
                f.shipment_id.as_deref(),
            )?)
        })
        .await?;
    Ok(Json(Page::from_rows(rows, &page, |r| &r.id, Rating::view)))
}
