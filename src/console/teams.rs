//! The console's pages about people and hand-overs: a courier's drivers ranked (a marketplace
//! sees the drivers of a courier it contracts, on its own shipments), each driver's ratings with
//! the attempt they rate, creating and deactivating drivers, hand-offs waiting and the
//! punctuality of the hand-overs an org gave, and the platform admin's organisations. Every
//! page reads through the services the API uses.

use actix_web::http::StatusCode;
use actix_web::web::{Path, Query};
use actix_web::{HttpRequest, HttpResponse, get, post};
use chrono::Duration;
use serde::Deserialize;

use super::pages::{CheckedForm, csv, error_page, lang, range, wants_csv};
use super::session::Console;
use super::team_views::{self, DriverForm, RatedAttempt};
use super::views;
use crate::error::ApiError;
use crate::i18n::Lang;
use crate::kpis::rules::Kpi;
use crate::orgs::model::OrgKind;
use crate::pagination::{MAX_LIMIT, PageRequest};
use crate::users::model::{CreateUser, OrgRole, Role};
use crate::web::state::State;

fn all() -> PageRequest {
    PageRequest {
        limit: MAX_LIMIT,
        after: None,
    }
}

#[derive(Debug, Deserialize)]
pub struct DriversQuery {
    from: Option<String>,
    to: Option<String>,
    format: Option<String>,
    /// Marketplaces and platform admins: the courier.
    courier_id: Option<String>,
    /// Couriers: only this marketplace's shipments (and its targets).
    marketplace_id: Option<String>,
}

/// Whose drivers the caller ranks, on whose shipments: a courier its own (optionally within
/// one marketplace's), a marketplace a courier it contracts on its own shipments (another
/// courier is the 404 page), a platform admin any courier.
fn ranking_scope(
    c: &mut crate::db::Conn,
    c_actor: &crate::auth::Actor,
    q: &DriversQuery,
) -> Result<(String, Option<String>), ApiError> {
    match (c_actor.role, c_actor.org_kind, c_actor.org_id.as_deref()) {
        (_, Some(OrgKind::Marketplace), Some(own)) => {
            let courier = q
                .courier_id
                .clone()
                .ok_or_else(|| ApiError::validation("courier_id", "name the courier"))?;
            let contracted = crate::kpis::service::marketplace_couriers(c, own)?
                .into_iter()
                .any(|(_, id, _)| id == courier);
            if !contracted {
                return Err(ApiError::NotFound("courier".to_owned()));
            }
            Ok((courier, Some(own.to_owned())))
        }
        _ => {
            let courier = crate::kpis::service::ranking_courier(c_actor, q.courier_id.as_deref())?;
            Ok((courier, q.marketplace_id.clone()))
        }
    }
}

/// A courier's drivers, worst average stars first, with the tags customers gave.
#[utoipa::path(tag = "console", responses(super::responses::Page))]
#[get("/console/drivers")]
pub async fn drivers(
    state: State,
    req: HttpRequest,
    c: Console,
    q: Query<DriversQuery>,
) -> HttpResponse {
    show_drivers(
        &state,
        lang(&req),
        &c,
        q.into_inner(),
        DriverForm::default(),
    )
    .await
}

async fn show_drivers(
    state: &State,
    l: Lang,
    c: &Console,
    q: DriversQuery,
    form: DriverForm,
) -> HttpResponse {
    let actor = c.actor.clone();
    let range_q = super::pages::RangeQuery {
        from: q.from.clone(),
        to: q.to.clone(),
        format: None,
        org_id: None,
    };
    let result = async {
        let (from, to) = range(&range_q, state.clock.now().date_naive())?;
        state
            .db
            .read(move |conn| {
                let (courier, marketplace) = ranking_scope(conn, &actor, &q)?;
                let (sort, order) = crate::kpis::service::ranking_order(None, None)?;
                let ranking = crate::kpis::service::driver_ranking(
                    conn,
                    &courier,
                    marketplace.as_deref(),
                    from,
                    to,
                    sort,
                    order,
                )?;
                // Only the courier's own admins manage its drivers (and see who is inactive).
                let managed = crate::users::service::managed(conn, &actor, &courier, &all())?;
                Ok((ranking, marketplace, managed, q.format))
            })
            .await
    }
    .await;
    let (ranking, marketplace, managed, format) = match result {
        Ok(r) => r,
        Err(e) => return error_page(l, Some(c), e),
    };
    if format.as_deref() == Some("csv") {
        let kpis = [
            Kpi::AverageStars,
            Kpi::FirstAttemptSuccessRate,
            Kpi::OnTimeRate,
        ];
        let mut header = vec!["driver_id".to_owned(), "name".to_owned()];
        header.extend(kpis.iter().map(|k| k.as_str().to_owned()));
        header.push("tags".to_owned());
        let rows = ranking
            .drivers
            .iter()
            .map(|d| {
                let mut row = vec![d.driver_id.clone(), d.name.clone()];
                for k in &kpis {
                    row.push(
                        d.kpis
                            .get(*k)
                            .and_then(|v| v.value)
                            .map(|v| v.to_string())
                            .unwrap_or_default(),
                    );
                }
                row.push(team_views::tags_text(&d.kpis));
                row
            })
            .collect();
        return csv(&header, rows, "drivers").unwrap_or_else(|e| error_page(l, Some(c), e));
    }
    let status = if form.message.is_some() {
        form.status
    } else {
        StatusCode::OK
    };
    views::page(
        status,
        team_views::drivers(
            l,
            c,
            &ranking,
            marketplace.as_deref(),
            managed.as_deref(),
            &form,
        ),
    )
}

/// Create a driver in the caller's courier (org admins): the API's `POST /v1/users`.
#[utoipa::path(
    tag = "console",
    request_body(content = String, content_type = "application/x-www-form-urlencoded", description = "`name`, `email`, `password` and `csrf`"),
    responses(super::responses::Form)
)]
#[post("/console/drivers")]
pub async fn create_driver(state: State, f: CheckedForm) -> HttpResponse {
    let (l, c) = (f.l, &f.c);
    let input = CreateUser {
        email: f.field("email").unwrap_or_default().trim().to_owned(),
        name: f.field("name").unwrap_or_default().to_owned(),
        password: f.field("password").unwrap_or_default().to_owned(),
        role: OrgRole::Driver,
        org_id: None,
    };
    let (name, email) = (input.name.clone(), input.email.clone());
    match crate::users::service::create(
        &state.db,
        &state.password_gate,
        state.clock.naive(),
        &c.actor,
        input,
    )
    .await
    {
        Ok(_) => views::redirect("/console/drivers"),
        Err(e) => {
            let (status, message) = match e {
                ApiError::Conflict(m) => (StatusCode::CONFLICT, m),
                ApiError::Validation(errors) => (
                    StatusCode::UNPROCESSABLE_ENTITY,
                    super::pages::what_was_wrong(&errors),
                ),
                other => return error_page(l, Some(c), other),
            };
            let form = DriverForm {
                status,
                message: Some(message),
                name,
                email,
            };
            let q = DriversQuery {
                from: None,
                to: None,
                format: None,
                courier_id: None,
                marketplace_id: None,
            };
            show_drivers(&state, l, c, q, form).await
        }
    }
}

/// Deactivate one of the courier's drivers: the API's `DELETE /v1/users/{id}` (their app and
/// sessions stop at once).
#[utoipa::path(
    tag = "console",
    params(("id" = String, Path, description = "The driver's user id")),
    request_body(content = String, content_type = "application/x-www-form-urlencoded", description = "`csrf`"),
    responses(super::responses::Form)
)]
#[post("/console/drivers/{id}/deactivation")]
pub async fn deactivate_driver(state: State, id: Path<String>, f: CheckedForm) -> HttpResponse {
    let (l, c) = (f.l, &f.c);
    match crate::users::service::deactivate(
        &state.db,
        state.clock.naive(),
        &c.actor,
        id.into_inner(),
        Some(Role::Driver),
    )
    .await
    {
        Ok(()) => views::redirect("/console/drivers"),
        Err(e) => error_page(l, Some(c), e),
    }
}

#[derive(Debug, Deserialize)]
pub struct RatingsQuery {
    driver_id: Option<String>,
    /// Only ratings of at most this many stars (default: all).
    max_stars: Option<i32>,
    format: Option<String>,
}

/// Shown at most: the newest ratings, each with its attempt.
const RATINGS_SHOWN: i64 = 50;

/// The newest ratings of the caller's shipments (marketplace) or deliveries (courier), each with
/// the attempt it rates (outcome, time, distance, flags): what `GET /v1/ratings` lists.
#[utoipa::path(tag = "console", responses(super::responses::Page))]
#[get("/console/ratings")]
pub async fn ratings(
    state: State,
    req: HttpRequest,
    c: Console,
    q: Query<RatingsQuery>,
) -> HttpResponse {
    let l = lang(&req);
    let q = q.into_inner();
    let driver = q.driver_id.clone();
    let (max, actor) = (q.max_stars, c.actor.clone());
    let rows = state
        .db
        .read(move |conn| {
            let rows = crate::ratings::service::newest_with_attempts(
                conn,
                &actor,
                driver.as_deref(),
                max,
                RATINGS_SHOWN,
            )?;
            Ok(rows
                .into_iter()
                .map(|(rating, attempt)| RatedAttempt { rating, attempt })
                .collect::<Vec<_>>())
        })
        .await;
    let rows = match rows {
        Ok(r) => r,
        Err(e) => return error_page(l, Some(&c), e),
    };
    if q.format.as_deref() == Some("csv") {
        let ships: Vec<String> = rows.iter().map(|x| x.rating.shipment_id.clone()).collect();
        let users: Vec<String> = rows.iter().map(|x| x.rating.driver_id.clone()).collect();
        let names = state
            .db
            .read(move |conn| {
                Ok((
                    crate::shipments::service::references(conn, &ships)?,
                    crate::users::service::names(conn, &users)?,
                ))
            })
            .await;
        let (references, driver_names) = match names {
            Ok(n) => n,
            Err(e) => return error_page(l, Some(&c), e),
        };
        let header = [
            "id",
            "shipment_id",
            "reference",
            "driver_id",
            "driver",
            "stars",
            "tags",
            "comment",
            "counted_for",
            "attempt_id",
            "attempt_outcome",
            "attempt_distance_m",
            "created_at",
        ]
        .map(str::to_owned);
        let rows = rows
            .iter()
            .map(|x| {
                let r = &x.rating;
                vec![
                    r.id.clone(),
                    r.shipment_id.clone(),
                    references.get(&r.shipment_id).cloned().unwrap_or_default(),
                    r.driver_id.clone(),
                    driver_names.get(&r.driver_id).cloned().unwrap_or_default(),
                    r.stars.to_string(),
                    r.tags.clone(),
                    r.comment.clone().unwrap_or_default(),
                    r.counted_for.clone(),
                    r.attempt_id.clone(),
                    x.attempt
                        .as_ref()
                        .map(|a| a.outcome.clone())
                        .unwrap_or_default(),
                    x.attempt
                        .as_ref()
                        .and_then(|a| a.distance_m)
                        .map(|d| format!("{d:.0}"))
                        .unwrap_or_default(),
                    r.created_at.and_utc().to_rfc3339(),
                ]
            })
            .collect();
        return csv(&header, rows, "ratings").unwrap_or_else(|e| error_page(l, Some(&c), e));
    }
    views::page(
        StatusCode::OK,
        team_views::ratings(l, &c, &rows, q.driver_id.as_deref(), q.max_stars),
    )
}

/// Shown at most in each list of waiting hand-offs.
const WAITING_SHOWN: i64 = 200;

/// Hand-offs waiting for the caller's org to accept, those it gave still waiting for the
/// receiver, its hand-over punctuality week by week (the KPI `handover_on_time_rate`, as
/// `GET /v1/kpis?granularity=week` answers it) and how receivers answered its hand-offs.
#[utoipa::path(tag = "console", responses(super::responses::Page))]
#[get("/console/handoffs")]
pub async fn handoffs(
    state: State,
    req: HttpRequest,
    c: Console,
    q: Query<super::pages::RangeQuery>,
) -> HttpResponse {
    let l = lang(&req);
    let q = q.into_inner();
    let Some(org) = c
        .actor
        .org_id
        .clone()
        .filter(|_| c.actor.role != Role::Driver)
    else {
        return error_page(
            l,
            Some(&c),
            ApiError::Forbidden("hand-offs are an organisation's".to_owned()),
        );
    };
    let actor = c.actor.clone();
    let result = async {
        let (from, to) = range(&q, state.clock.now().date_naive())?;
        let clock = state.clock.clone();
        state
            .db
            .read(move |conn| {
                let weekly = crate::kpis::model::KpiQuery {
                    courier_id: None,
                    driver_id: None,
                    marketplace_id: None,
                    from: None,
                    to: None,
                    granularity: Some(crate::kpis::rules::Granularity::Week),
                };
                let report = crate::kpis::service::report(conn, &actor, &weekly, from, to)?;
                let now = clock.naive();
                let start = from.and_hms_opt(0, 0, 0).unwrap_or_default();
                let end = (to + Duration::days(1))
                    .and_hms_opt(0, 0, 0)
                    .unwrap_or_default();
                let (incoming, outgoing, p) =
                    crate::custody::service::board(conn, &org, WAITING_SHOWN, start, end, now)?;
                Ok((report, incoming, outgoing, p))
            })
            .await
    }
    .await;
    let (report, incoming, outgoing, p) = match result {
        Ok(r) => r,
        Err(e) => return error_page(l, Some(&c), e),
    };
    if wants_csv(&q) {
        let all: Vec<_> = incoming.iter().chain(outgoing.iter()).collect();
        let ships: Vec<String> = all.iter().map(|h| h.shipment_id.clone()).collect();
        let org_ids: Vec<String> = all
            .iter()
            .flat_map(|h| [h.from_org_id.clone(), h.to_org_id.clone()])
            .collect();
        let users: Vec<String> = all.iter().filter_map(|h| h.to_driver_id.clone()).collect();
        let names = state
            .db
            .read(move |conn| {
                Ok((
                    crate::shipments::service::references(conn, &ships)?,
                    crate::orgs::service::names(conn, &org_ids)?,
                    crate::users::service::names(conn, &users)?,
                ))
            })
            .await;
        let (references, org_names, user_names) = match names {
            Ok(n) => n,
            Err(e) => return error_page(l, Some(&c), e),
        };
        let name = |m: &std::collections::HashMap<String, String>, id: &str| {
            m.get(id).cloned().unwrap_or_default()
        };
        let header = [
            "direction",
            "id",
            "shipment_id",
            "reference",
            "from_org_id",
            "from_org",
            "to_kind",
            "to_org_id",
            "to_org",
            "to_driver_id",
            "to_driver",
            "due_at",
            "created_at",
        ]
        .map(str::to_owned);
        let rows = incoming
            .iter()
            .map(|h| ("incoming", h))
            .chain(outgoing.iter().map(|h| ("outgoing", h)))
            .map(|(dir, h)| {
                vec![
                    dir.to_owned(),
                    h.id.clone(),
                    h.shipment_id.clone(),
                    name(&references, &h.shipment_id),
                    h.from_org_id.clone(),
                    name(&org_names, &h.from_org_id),
                    h.to_kind.clone(),
                    h.to_org_id.clone(),
                    name(&org_names, &h.to_org_id),
                    h.to_driver_id.clone().unwrap_or_default(),
                    h.to_driver_id
                        .as_deref()
                        .map(|u| name(&user_names, u))
                        .unwrap_or_default(),
                    h.due_at.and_utc().to_rfc3339(),
                    h.created_at.and_utc().to_rfc3339(),
                ]
            })
            .collect();
        return csv(&header, rows, "handoffs").unwrap_or_else(|e| error_page(l, Some(&c), e));
    }
    views::page(
        StatusCode::OK,
        team_views::handoffs(l, &c, &report, &incoming, &outgoing, &p),
    )
}

#[derive(Debug, Deserialize)]
pub struct OrgsQuery {
    format: Option<String>,
}

/// Every organisation with its admins (platform admins only).
#[utoipa::path(tag = "console", responses(super::responses::Page))]
#[get("/console/orgs")]
pub async fn orgs(state: State, req: HttpRequest, c: Console, q: Query<OrgsQuery>) -> HttpResponse {
    let l = lang(&req);
    let actor = c.actor.clone();
    let rows = state
        .db
        .read(move |conn| crate::orgs::service::with_admins(conn, &actor, &all()))
        .await;
    let rows = match rows {
        Ok(r) => r,
        Err(e) => return error_page(l, Some(&c), e),
    };
    if q.format.as_deref() == Some("csv") {
        let header = ["id", "kind", "name", "time_zone", "admins", "created_at"].map(str::to_owned);
        let rows = rows
            .iter()
            .map(|(o, admins)| {
                vec![
                    o.id.clone(),
                    o.kind.clone(),
                    o.name.clone(),
                    o.time_zone.clone().unwrap_or_default(),
                    admins
                        .iter()
                        .map(|u| u.email.as_str())
                        .collect::<Vec<_>>()
                        .join(" "),
                    o.created_at.and_utc().to_rfc3339(),
                ]
            })
            .collect();
        return csv(&header, rows, "orgs").unwrap_or_else(|e| error_page(l, Some(&c), e));
    }
    views::page(StatusCode::OK, team_views::orgs(l, &c, &rows))
}
