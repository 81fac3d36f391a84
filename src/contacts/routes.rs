//! The contact access log (for the marketplace) and the driver's route.

use actix_web::get;
use actix_web::web::{Json, Path, Query};
use chrono::{NaiveDate, NaiveTime, Utc};
use diesel::prelude::*;
use serde::Deserialize;
use utoipa::IntoParams;

use super::model::AccessLogEntry;
use super::store;
use crate::access::{self, Party};
use crate::auth::Actor;
use crate::db::schema::shipments;
use crate::error::{ApiError, ApiResult};
use crate::pagination::{Page, PageParams};
use crate::server::state::State;
use crate::shipments::model::{Shipment, ShipmentRow};
use crate::shipments::rules::Status;
use crate::shipments::service::on_visible;
use crate::users::model::Role;

/// Who read the customer's contact data, which fields, through which route and when
/// (the owning marketplace; everyone else gets 404).
#[utoipa::path(
    tag = "shipments",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Shipment id"), PageParams),
    responses(
        (status = 200, description = "Reads, oldest first", body = Page<AccessLogEntry>),
        (status = 400, response = crate::server::openapi::BadRequest),
        (status = 401, response = crate::server::openapi::Unauthorized),
        (status = 404, response = crate::server::openapi::NotFound),
        (status = 422, response = crate::server::openapi::Unprocessable),
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
        if !matches!(party, Party::Owner | Party::PlatformAdmin) {
            return Err(ApiError::NotFound("shipment".to_owned()));
        }
        Ok(store::access_log(c, &ship.id, &req)?)
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
    /// The day (UTC), default today: shipments whose window starts before its end.
    pub date: Option<NaiveDate>,
}

/// The driver's route: their assigned, not-final shipments whose window starts by the end of
/// the day, ordered by window start, with the contact fields the policy allows now (each read
/// is logged).
#[utoipa::path(
    tag = "shipments",
    security(("bearer" = [])),
    params(RouteQuery),
    responses(
        (status = 200, description = "Stops in order (one page: the route is bounded)", body = Page<Shipment>),
        (status = 400, response = crate::server::openapi::BadRequest),
        (status = 401, response = crate::server::openapi::Unauthorized),
        (status = 403, response = crate::server::openapi::Forbidden),
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
    let day = q.date.unwrap_or_else(|| Utc::now().date_naive());
    let day_end = day.succ_opt().unwrap_or(day).and_time(NaiveTime::MIN);
    let finals: Vec<&str> = [
        Status::Delivered,
        Status::Returned,
        Status::Cancelled,
        Status::Lost,
    ]
    .iter()
    .map(|s| s.as_str())
    .collect();
    let stops = state
        .db
        .write(move |c| {
            let rows: Vec<ShipmentRow> = shipments::table
                .filter(shipments::driver_id.eq(&actor.id))
                .filter(shipments::status.ne_all(finals))
                .filter(shipments::window_start.lt(day_end))
                .order((shipments::window_start.asc(), shipments::id.asc()))
                .limit(500)
                .select(ShipmentRow::as_select())
                .load(c)?;
            let now = Utc::now().naive_utc();
            // The app is online now: an attempt later claiming an earlier time was not offline.
            crate::attempts::store::record_sighting(c, &actor.id, now)?;
            let mut stops = Vec::with_capacity(rows.len());
            for row in rows {
                let fields = access::contact_fields(Party::Driver, row.status());
                if fields.any() && row.contact_erased_at.is_none() {
                    store::log_contact_read(
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
