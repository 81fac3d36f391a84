//! Ratings: the customer rates from the link; drivers, couriers and marketplaces read them.

use actix_web::web::{Json, Path, Query};
use actix_web::{HttpRequest, HttpResponse, get, post};
use chrono::Utc;
use diesel::prelude::*;
use serde_json::json;

use super::model::{
    CustomerRating, DriverComment, DriverRating, RateDelivery, Rating, RatingFilter, RatingRow,
    StarCount, TagCount,
};
use super::rules::{self, Context, DRIVER_RATING_WINDOW};
use super::store;
use crate::access::ListScope;
use crate::auth::Actor;
use crate::db::Conn;
use crate::db::schema::{delivery_attempts, shipments, users};
use crate::error::{ApiError, ApiResult};
use crate::kpis::rules::{CountedFor, Tag, courier_receipt};
use crate::kpis::store as kpi_store;
use crate::orgs::model::OrgKind;
use crate::pagination::{Page, PageParams};
use crate::shipments::model::ShipmentRow;
use crate::shipments::rules::Status;
use crate::shipments::store::{self as shipment_store, By};
use crate::state::State;
use crate::tracking::routes::{limit, locked_by_token};
use crate::users::model::Role;

/// Who may rate, and what: the last attempt (its driver and courier are the ones rated).
fn last_attempt(
    c: &mut Conn,
    shipment_id: &str,
) -> QueryResult<Option<(String, String, String, chrono::NaiveDateTime)>> {
    delivery_attempts::table
        .filter(delivery_attempts::shipment_id.eq(shipment_id))
        .order((
            delivery_attempts::occurred_at.desc(),
            delivery_attempts::id.desc(),
        ))
        .select((
            delivery_attempts::id,
            delivery_attempts::driver_id,
            delivery_attempts::courier_id,
            delivery_attempts::occurred_at,
        ))
        .first(c)
        .optional()
}

/// Whether the customer can rate now (or change their rating).
pub fn can_rate(c: &mut Conn, shipment_id: &str, status: Status) -> QueryResult<bool> {
    if status == Status::Cancelled {
        return Ok(false);
    }
    let now = Utc::now().naive_utc();
    let Some((_, _, _, at)) = last_attempt(c, shipment_id)? else {
        return Ok(false);
    };
    let changeable = match store::for_shipment(c, shipment_id)? {
        Some(r) => rules::may_change(r.created_at, now),
        None => true,
    };
    Ok(rules::may_rate(at, now) && changeable)
}

/// Record or replace the customer's rating (the JSON route and the tracking page). Returns the
/// rating and whether it is new.
pub(crate) fn submit(
    c: &mut Conn,
    ship: &ShipmentRow,
    input: RateDelivery,
    harsh: rules::HarshRater,
) -> ApiResult<(RatingRow, bool)> {
    let (stars, tags, comment) = input.validate().map_err(ApiError::Validation)?;
    let now = Utc::now().naive_utc();
    let (attempt_id, driver_id, courier_id, attempt_at) = match last_attempt(c, &ship.id)? {
        Some(a) if ship.status() != Status::Cancelled => a,
        _ => {
            return Err(ApiError::Conflict(
                "there is no delivery attempt to rate yet".to_owned(),
            ));
        }
    };
    if !rules::may_rate(attempt_at, now) {
        return Err(ApiError::Conflict(format!(
            "ratings are accepted up to {} days after delivery",
            rules::RATE_WITHIN_DAYS
        )));
    }
    let existing = store::for_shipment(c, &ship.id)?;
    if let Some(r) = &existing
        && !rules::may_change(r.created_at, now)
    {
        return Err(ApiError::Conflict(format!(
            "a rating can be changed for {} days after it was given",
            rules::CHANGE_WITHIN_DAYS
        )));
    }
    // Whom it counts for: the custody chain and the customer's other ratings decide.
    let kpi_ship = shipments::table
        .find(&ship.id)
        .select(kpi_store::KpiShipment::as_select())
        .first(c)?;
    let facts = kpi_store::load_facts(c, &[kpi_ship])?;
    let receipt = facts
        .first()
        .and_then(|f| courier_receipt(&f.handoffs, &courier_id));
    let customer_key = ship
        .recipient_phone
        .as_deref()
        .or(ship.recipient_email.as_deref())
        .map(|k| crate::ids::secret_hash(&format!("rater:{k}")));
    let history = match &customer_key {
        Some(k) => store::customer_history(c, k, &ship.id)?,
        None => (0, 0),
    };
    let ctx = Context {
        receipt: receipt.as_ref(),
        window_start: ship.window_start,
        customer_history: history,
    };
    let (counted_for, reason) = rules::attribute(stars, &tags, &ctx, harsh);
    let (counted, org) = match counted_for {
        CountedFor::Driver => ("driver", None),
        CountedFor::Upstream(org) => ("upstream", Some(org)),
        CountedFor::Excluded => ("excluded", None),
    };
    let row = RatingRow {
        id: existing
            .as_ref()
            .map_or_else(|| crate::ids::new_id("rat"), |r| r.id.clone()),
        shipment_id: ship.id.clone(),
        marketplace_id: ship.marketplace_id.clone(),
        courier_id,
        driver_id,
        attempt_id,
        stars,
        tags: tags
            .iter()
            .map(|t| t.as_str())
            .collect::<Vec<_>>()
            .join(","),
        comment,
        customer_key: existing
            .as_ref()
            .map_or(customer_key, |r| r.customer_key.clone()),
        counted_for: counted.to_owned(),
        attributed_org_id: org,
        reason: reason.map(|r| r.as_str().to_owned()),
        created_at: existing.as_ref().map_or(now, |r| r.created_at),
        updated_at: now,
    };
    let kind = if existing.is_some() {
        store::replace(c, &row)?;
        "rating.changed"
    } else {
        store::insert(c, &row)?;
        "rating.submitted"
    };
    // The comment stays off the timeline that every party reads.
    let data = json!({"rating_id": row.id, "stars": stars, "tags": tags});
    shipment_store::record_event(c, &ship.id, kind, By::Customer, &data, now)?;
    kpi_store::refresh(c, &ship.id)?;
    Ok((row, existing.is_none()))
}

/// Rate the delivery: 1–5 stars, tags, a comment. Possible once an attempt was made (delivered
/// or failed), up to 30 days after it. Rating again within 7 days replaces the rating.
#[utoipa::path(
    tag = "tracking",
    params(("token" = String, Path, description = "Tracking token")),
    request_body = RateDelivery,
    responses(
        (status = 201, description = "Rating recorded", body = CustomerRating),
        (status = 200, description = "Rating replaced", body = CustomerRating),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 404, response = crate::openapi::NotFound),
        (status = 409, response = crate::openapi::Conflict),
        (status = 413, response = crate::openapi::PayloadTooLarge),
        (status = 415, response = crate::openapi::UnsupportedMediaType),
        (status = 422, response = crate::openapi::Unprocessable),
        (status = 429, response = crate::openapi::TooManyRequests),
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
    limit(&state, &req, &token)?;
    let input = body.into_inner();
    let harsh = state.settings.harsh_rater;
    let (row, created) = state
        .db
        .write(move |c| {
            let ship = locked_by_token(c, &token)?;
            submit(c, &ship, input, harsh)
        })
        .await?;
    let view = CustomerRating::from(&row);
    Ok(if created {
        HttpResponse::Created().json(view)
    } else {
        HttpResponse::Ok().json(view)
    })
}

/// Mean, count, distribution and tags of a window of ratings.
pub fn summarize(window: &[RatingRow]) -> (Option<f64>, Vec<StarCount>, Vec<TagCount>) {
    let count = window.len() as i64;
    let sum: i64 = window.iter().map(|r| i64::from(r.stars)).sum();
    let average = (count > 0).then(|| (sum as f64 / count as f64 * 100.0).round() / 100.0);
    let distribution = (1..=5)
        .rev()
        .map(|s| StarCount {
            stars: s,
            count: window.iter().filter(|r| r.stars == s).count() as i64,
        })
        .collect();
    let mut tags: Vec<TagCount> = Tag::ALL
        .into_iter()
        .map(|t| TagCount {
            tag: t,
            count: window.iter().filter(|r| r.tag_list().contains(&t)).count() as i64,
        })
        .filter(|t| t.count > 0)
        .collect();
    tags.sort_by_key(|t| std::cmp::Reverse(t.count));
    (average, distribution, tags)
}

/// The driver's average for the customer's page.
pub fn driver_average(c: &mut Conn, driver_id: &str) -> QueryResult<Option<f64>> {
    Ok(summarize(&store::driver_window(c, driver_id)?).0)
}

fn driver_rating(
    c: &mut Conn,
    driver_id: &str,
    name: String,
    comments: bool,
) -> QueryResult<DriverRating> {
    let window = store::driver_window(c, driver_id)?;
    let (average, distribution, tags) = summarize(&window);
    let not_counted = store::not_counted(c, driver_id)?;
    let comments = comments.then(|| {
        window
            .iter()
            .filter_map(|r| {
                r.comment.as_ref().map(|text| DriverComment {
                    day: r.created_at.date(),
                    stars: r.stars,
                    tags: r.tag_list(),
                    comment: text.clone(),
                })
            })
            .take(50)
            .collect()
    });
    Ok(DriverRating {
        driver_id: driver_id.to_owned(),
        name,
        average,
        count: window.len() as i64,
        window: DRIVER_RATING_WINDOW,
        distribution,
        tags,
        not_counted,
        comments,
    })
}

/// A driver's rating, Uber-style: the mean of their latest 500 counted ratings, with the
/// distribution and tags. Their courier's staff also get the comments (day only, nothing that
/// identifies the customer); marketplaces whose parcels the driver carried get the figures.
#[utoipa::path(
    tag = "ratings",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Driver (user) id")),
    responses(
        (status = 200, description = "The driver's rating", body = DriverRating),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 404, response = crate::openapi::NotFound),
    )
)]
#[get("/v1/drivers/{id}/rating")]
pub async fn get_driver_rating(
    state: State,
    actor: Actor,
    id: Path<String>,
) -> ApiResult<Json<DriverRating>> {
    let id = id.into_inner();
    let not_found = || ApiError::NotFound("driver".to_owned());
    let v = state
        .db
        .read(move |c| {
            let user: Option<(String, Option<String>, String)> = users::table
                .find(&id)
                .filter(users::role.eq("driver"))
                .select((users::name, users::org_id, users::role))
                .first(c)
                .optional()?;
            let (name, org, _) = user.ok_or_else(not_found)?;
            let own_courier = org.is_some() && actor.org_id == org && actor.role != Role::Driver;
            let comments = own_courier || actor.id == id || actor.role == Role::PlatformAdmin;
            let carried_for_us = match (&actor.org_kind, &actor.org_id) {
                (Some(OrgKind::Marketplace), Some(m)) if actor.role != Role::Driver => {
                    diesel::select(diesel::dsl::exists(
                        delivery_attempts::table
                            .inner_join(shipments::table)
                            .filter(delivery_attempts::driver_id.eq(&id))
                            .filter(shipments::marketplace_id.eq(m)),
                    ))
                    .get_result(c)?
                }
                _ => false,
            };
            if !(comments || carried_for_us) {
                return Err(not_found());
            }
            Ok(driver_rating(c, &id, name, comments)?)
        })
        .await?;
    Ok(Json(v))
}

/// The calling driver's own rating, with the comments customers left.
#[utoipa::path(
    tag = "ratings",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Your rating", body = DriverRating),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
    )
)]
#[get("/v1/me/rating")]
pub async fn my_rating(state: State, actor: Actor) -> ApiResult<Json<DriverRating>> {
    if actor.role != Role::Driver {
        return Err(ApiError::Forbidden("only drivers have a rating".to_owned()));
    }
    let v = state
        .db
        .read(move |c| Ok(driver_rating(c, &actor.id, actor.name.clone(), true)?))
        .await?;
    Ok(Json(v))
}

/// Ratings of the caller's shipments (marketplace) or deliveries (courier staff), each with
/// whom it counts for and, when not the driver, why.
#[utoipa::path(
    tag = "ratings",
    security(("bearer" = [])),
    params(PageParams, RatingFilter),
    responses(
        (status = 200, description = "A page of ratings", body = Page<Rating>),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 422, response = crate::openapi::Unprocessable),
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
    let owner = !matches!(scope, ListScope::Courier(_));
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
            )?)
        })
        .await?;
    Ok(Json(Page::from_rows(
        rows,
        &page,
        |r| &r.id,
        |r| Rating::view(r, owner),
    )))
}
