//! The contact access log (for the marketplace) and the driver's route.

use actix_web::web::{Json, Path, Query};
use actix_web::{get, put};
use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::IntoParams;

use super::model::AccessLogEntry;
use super::store;
use crate::access::{self, Party};
use crate::auth::Actor;
use crate::error::{ApiError, ApiResult, FieldError};
use crate::live::{
    self,
    model::{PositionAnswer, PositionReport},
};
use crate::pagination::{Page, PageParams};
use crate::shipments::model::Shipment;
use crate::shipments::service::on_visible;
use crate::users::model::Role;
use crate::web::state::State;

/// Who read the customer's contact data, which fields, through which route and when
/// (the owning marketplace; everyone else gets 404).
#[utoipa::path(
    tag = "shipments",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Shipment id"), PageParams),
    responses(
        (status = 200, description = "Reads, oldest first", body = Page<AccessLogEntry>),
        (status = 400, response = crate::error::responses::BadRequest),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 422, response = crate::error::responses::Unprocessable),
    )
)]
#[get("/v1/shipments/{id}/contact-access-log")]
pub async fn contact_access_log(
    state: State,
    actor: Actor,
    id: Path<String>,
    page: Query<PageParams>,
) -> ApiResult<Json<Page<AccessLogEntry>>> {
    let page = page.validate()?;
    let req = page.clone();
    let rows = on_visible(&state.db, actor, id.into_inner(), move |c, ship, party| {
        super::service::access_log(c, &ship, party, &req)
    })
    .await?;
    Ok(Json(Page::from_rows(
        rows,
        &page,
        |r| &r.id,
        AccessLogEntry::from,
    )))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RouteQuery {
    /// The day, local to the courier (its org's time zone, else UTC): shipments whose window
    /// starts before its end. Without it: today's, and everything the driver has out for
    /// delivery now, whatever its window.
    #[param(format = Date)]
    pub date: Option<NaiveDate>,
}

/// The driver's route: their assigned, not-final shipments whose window starts by the end of
/// the day (without `date`: today, plus every parcel they have out for delivery, whatever its
/// window), ordered by window start, with the contact fields the policy allows now (each read
/// is logged). A re-delivery is on it from the day the customer chose, never before: its window
/// is the chosen one, and the round cannot start earlier.
#[utoipa::path(
    tag = "shipments",
    security(("bearer" = [])),
    params(RouteQuery),
    responses(
        (status = 200, description = "Stops in order (one page: the route is bounded)", body = Page<Shipment>),
        (status = 400, response = crate::error::responses::BadRequest),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 403, response = crate::error::responses::Forbidden),
    )
)]
#[get("/v1/driver/route")]
pub async fn driver_route(
    state: State,
    actor: Actor,
    q: Query<RouteQuery>,
) -> ApiResult<Json<Page<Shipment>>> {
    if actor.role != Role::Driver {
        return Err(ApiError::Forbidden("the route is for drivers".to_owned()));
    }
    let today = q.date.is_none();
    let tz = crate::timezone::zone(
        actor
            .org_time_zone
            .as_deref()
            .unwrap_or(crate::timezone::DEFAULT),
    );
    let day = q
        .date
        .unwrap_or_else(|| crate::timezone::local_date(state.clock.naive(), tz));
    let day_end = crate::timezone::start_of_day(day.succ_opt().unwrap_or(day), tz);
    let clock = state.clock.clone();
    let stops = state
        .db
        .write(move |c| {
            let rows = store::route(c, &actor.id, day_end, today)?;
            let now = clock.naive();
            let mut stops = Vec::with_capacity(rows.len());
            for row in rows {
                let fields = access::contact_fields(Party::Driver, row.status());
                if fields.any() && row.contact_erased_at.is_none() {
                    crate::access_log::log_contact_read(
                        c,
                        &row.id,
                        &actor,
                        &fields.names(),
                        "GET /v1/driver/route",
                        now,
                    )?;
                }
                stops.push(Shipment::view(row, fields));
            }
            Ok(stops)
        })
        .await?;
    Ok(Json(Page::whole(stops)))
}

/// The driver's position now, while out for delivery (the app sends it about every 30 s, live
/// only: never queued offline). The server keeps only this latest position, with the estimate
/// it gives each stop out for delivery, and forgets it when the round ends; customers and
/// marketplaces see stops before theirs and minutes, never the position. With nothing out for
/// delivery the position is not kept (`kept: false`).
#[utoipa::path(
    tag = "shipments",
    security(("bearer" = [])),
    request_body = PositionReport,
    responses(
        (status = 200, description = "The estimate of every stop out for delivery, in route order", body = PositionAnswer),
        (status = 400, response = crate::error::responses::BadRequest),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 403, response = crate::error::responses::Forbidden),
        (status = 413, response = crate::error::responses::PayloadTooLarge),
        (status = 415, response = crate::error::responses::UnsupportedMediaType),
        (status = 422, response = crate::error::responses::Unprocessable),
    )
)]
#[put("/v1/driver/position")]
pub async fn report_position(
    state: State,
    actor: Actor,
    body: Json<serde_json::Value>,
) -> ApiResult<Json<PositionAnswer>> {
    if actor.role != Role::Driver {
        return Err(ApiError::Forbidden(
            "positions are reported by drivers".to_owned(),
        ));
    }
    let report: PositionReport = crate::error::object(body.into_inner())?;
    let mut errors = Vec::new();
    if !crate::geo::valid(report.lat, report.lon) {
        errors.push(FieldError::new(
            "lat",
            "lat and lon must be degrees (±90, ±180)",
        ));
    }
    if report
        .accuracy_m
        .is_some_and(|a| !a.is_finite() || !(0.0..=100_000.0).contains(&a))
    {
        errors.push(FieldError::new("accuracy_m", "must be 0 to 100000 metres"));
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let now = state.clock.naive();
    // A read and one upsert, no transaction: the row is the latest report, nothing to keep
    // whole across statements.
    let answer = state
        .db
        .write_each(move |c| {
            let stops = live::store::out_stops(c, &actor.id)?;
            if stops.is_empty() {
                live::store::erase(c, &actor.id)?;
                return Ok(PositionAnswer {
                    kept: false,
                    stops: Vec::new(),
                });
            }
            let from = (report.lat, report.lon);
            let estimates = live::rules::estimates(from, &stops, actor.org_average_speed_kmh);
            live::store::save(
                c,
                &live::store::PositionRow {
                    driver_id: actor.id.clone(),
                    lat: report.lat,
                    lon: report.lon,
                    accuracy_m: report.accuracy_m,
                    reported_at: now,
                    estimates: live::rules::encode(now, &estimates),
                    notified_at: None,
                },
            )?;
            Ok(PositionAnswer {
                kept: true,
                stops: estimates,
            })
        })
        .await?;
    Ok(Json(answer))
}
