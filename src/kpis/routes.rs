//! `/v1/kpis…` and contract targets. Every figure sums `kpi_daily` rows, never a shipment scan; only
//! the drill-down behind a figure (`/v1/kpis/shipments`) reads shipments, by design.

use std::collections::HashMap;

use actix_web::http::header;
use actix_web::web::{Json, Path, Query};
use actix_web::{HttpRequest, HttpResponse, get, put};

use super::model::{
    CountedQuery, CountedShipment, CourierScorecard, DriverRanking, KpiQuery, KpiReport, KpiSet,
    ScorecardQuery, SetTargets, TargetMiss, TargetView, Targets,
};
use super::rules::{Kpi, Target};
use super::service::{self, days};
use super::targets;
use crate::access;
use crate::auth::Actor;
use crate::db::Conn;
use crate::error::{ApiError, ApiResult};
use crate::pagination::{Page, PageParams};
use crate::users::model::Role;
use crate::web::state::State;

fn not_found(what: &str) -> ApiError {
    ApiError::NotFound(what.to_owned())
}

/// KPIs of a courier (or a driver, or a marketplace's whole network) over a range of days,
/// overall and per day, week or month, each with numerator, denominator, the contract's target
/// and whether it is met. Definitions: the book, integrators/ratings-kpis.md.
#[utoipa::path(
    tag = "kpis",
    security(("bearer" = [])),
    params(KpiQuery),
    responses(
        (status = 200, description = "KPIs overall and per period", body = KpiReport),
        (status = 400, response = crate::error::responses::BadRequest),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 403, response = crate::error::responses::Forbidden),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 422, response = crate::error::responses::Unprocessable),
    )
)]
#[get("/v1/kpis")]
pub async fn get_kpis(
    state: State,
    actor: Actor,
    q: Query<KpiQuery>,
) -> ApiResult<Json<KpiReport>> {
    let q = q.into_inner();
    let (from, to) = days(
        q.from.as_deref(),
        q.to.as_deref(),
        state.clock.now().date_naive(),
    )?;
    let report = state
        .db
        .read(move |c| service::report(c, &actor, &q, from, to))
        .await?;
    Ok(Json(report))
}

/// The shipments behind one figure of `GET /v1/kpis` (same scope, same parameters, one KPI):
/// each with what it adds to the figure's numerator and denominator, as recorded when its
/// facts were written — summed over every page, they are the figure. `part=against` lists what
/// counts against the KPI: the late deliveries, the attempts without proof, the lost parcels.
#[utoipa::path(
    tag = "kpis",
    security(("bearer" = [])),
    params(CountedQuery),
    responses(
        (status = 200, description = "A page of shipments, in id order", body = Page<CountedShipment>),
        (status = 400, response = crate::error::responses::BadRequest),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 403, response = crate::error::responses::Forbidden),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 422, response = crate::error::responses::Unprocessable),
    )
)]
#[get("/v1/kpis/shipments")]
pub async fn counted_shipments(
    state: State,
    actor: Actor,
    q: Query<CountedQuery>,
) -> ApiResult<Json<Page<CountedShipment>>> {
    let q = q.into_inner();
    let page = PageParams {
        limit: q.limit,
        cursor: q.cursor.clone(),
    }
    .validate()?;
    let (from, to) = days(
        q.from.as_deref(),
        q.to.as_deref(),
        state.clock.now().date_naive(),
    )?;
    let what = (q.kpi, q.part.unwrap_or_default());
    let scope = q.scope();
    let list = state
        .db
        .read(move |c| service::counted_shipments(c, &actor, &scope, what, from, to, &page))
        .await?;
    Ok(Json(list))
}

fn wants_csv(req: &HttpRequest) -> bool {
    req.headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/csv"))
}

/// Columns for every KPI: value, numerator, denominator, target, met.
fn kpi_header(first: &[&str]) -> Vec<String> {
    let mut h: Vec<String> = first.iter().map(|s| (*s).to_owned()).collect();
    for k in Kpi::ALL {
        let k = k.as_str();
        for suffix in ["", "_numerator", "_denominator", "_target", "_met"] {
            h.push(format!("{k}{suffix}"));
        }
    }
    h.extend(["targets_met", "targets_missed", "top_tags"].map(str::to_owned));
    h
}

fn kpi_cells(first: Vec<String>, set: &KpiSet) -> Vec<String> {
    let opt = |v: Option<String>| v.unwrap_or_default();
    let mut row = first;
    for v in &set.kpis {
        row.push(opt(v.value.map(|x| x.to_string())));
        row.push(v.numerator.to_string());
        row.push(opt(v.denominator.map(|x| x.to_string())));
        row.push(opt(v
            .target
            .map(|t| format!("{}{}", t.op.as_str(), t.value))));
        row.push(opt(v.met.map(|m| m.to_string())));
    }
    row.push(set.targets_met.to_string());
    row.push(set.targets_missed.to_string());
    let tags: Vec<String> = set
        .tags
        .iter()
        .take(3)
        .map(|t| format!("{}:{}", t.tag.as_str(), t.count))
        .collect();
    row.push(tags.join(" "));
    row
}

fn csv(header: Vec<String>, rows: Vec<Vec<String>>) -> ApiResult<HttpResponse> {
    let body = crate::kpis::rules::csv_document(&header, rows)?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .body(body))
}

/// A marketplace's couriers side by side over a range of days, each against the targets of
/// its contract: which courier meets its on-time, first-attempt and rating targets and which
/// does not. `Accept: text/csv` for a spreadsheet.
#[utoipa::path(
    tag = "kpis",
    security(("bearer" = [])),
    params(ScorecardQuery),
    responses(
        (status = 200, description = "One row per courier", content(
            (CourierScorecard = "application/json"),
            (String = "text/csv"),
        )),
        (status = 400, response = crate::error::responses::BadRequest),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 403, response = crate::error::responses::Forbidden),
        (status = 422, response = crate::error::responses::Unprocessable),
    )
)]
#[get("/v1/kpis/couriers")]
pub async fn courier_scorecard(
    state: State,
    actor: Actor,
    req: HttpRequest,
    q: Query<ScorecardQuery>,
) -> ApiResult<HttpResponse> {
    let q = q.into_inner();
    let (from, to) = days(
        q.from.as_deref(),
        q.to.as_deref(),
        state.clock.now().date_naive(),
    )?;
    // The query is the drivers' ranking's too: a `sort` or `order` it would refuse is refused
    // here as well (the contract types both as enums), though couriers are not ranked by it.
    service::ranking_order(q.sort.as_deref(), q.order.as_deref())?;
    let marketplace = service::scorecard_marketplace(&actor, q.org_id.as_deref())?;
    let card = state
        .db
        .read(move |c| service::scorecard(c, &marketplace, from, to))
        .await?;
    if wants_csv(&req) {
        let rows = card
            .couriers
            .iter()
            .map(|s| kpi_cells(vec![s.courier_id.clone(), s.courier_name.clone()], &s.kpis))
            .collect();
        return csv(kpi_header(&["courier_id", "courier_name"]), rows);
    }
    Ok(HttpResponse::Ok().json(card))
}

/// A courier's drivers ranked by a KPI (default: average stars, worst first), with the tags
/// customers gave: who pulls the rating down, and why. `Accept: text/csv` for a spreadsheet.
#[utoipa::path(
    tag = "kpis",
    security(("bearer" = [])),
    params(ScorecardQuery),
    responses(
        (status = 200, description = "One row per driver", content(
            (DriverRanking = "application/json"),
            (String = "text/csv"),
        )),
        (status = 400, response = crate::error::responses::BadRequest),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 403, response = crate::error::responses::Forbidden),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 422, response = crate::error::responses::Unprocessable),
    )
)]
#[get("/v1/kpis/drivers")]
pub async fn driver_ranking(
    state: State,
    actor: Actor,
    req: HttpRequest,
    q: Query<ScorecardQuery>,
) -> ApiResult<HttpResponse> {
    let q = q.into_inner();
    let (from, to) = days(
        q.from.as_deref(),
        q.to.as_deref(),
        state.clock.now().date_naive(),
    )?;
    let (sort, order) = service::ranking_order(q.sort.as_deref(), q.order.as_deref())?;
    let courier = service::ranking_courier(&actor, q.org_id.as_deref())?;
    let marketplace = q.marketplace_id.clone();
    let ranking = state
        .db
        .read(move |c| {
            service::driver_ranking(c, &courier, marketplace.as_deref(), from, to, sort, order)
        })
        .await?;
    if wants_csv(&req) {
        let rows = ranking
            .drivers
            .iter()
            .map(|d| kpi_cells(vec![d.driver_id.clone(), d.name.clone()], &d.kpis))
            .collect();
        return csv(kpi_header(&["driver_id", "name"]), rows);
    }
    Ok(HttpResponse::Ok().json(ranking))
}

/// Closed periods (day, ISO week, month) in which a courier missed a target of its contract.
/// Also delivered as the webhook `kpi.target_missed` to the marketplace and the courier.
#[utoipa::path(
    tag = "kpis",
    security(("bearer" = [])),
    params(PageParams),
    responses(
        (status = 200, description = "A page of misses, oldest first", body = Page<TargetMiss>),
        (status = 400, response = crate::error::responses::BadRequest),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 403, response = crate::error::responses::Forbidden),
        (status = 422, response = crate::error::responses::Unprocessable),
    )
)]
#[get("/v1/kpis/target-misses")]
pub async fn target_misses(
    state: State,
    actor: Actor,
    page: Query<PageParams>,
) -> ApiResult<Json<Page<TargetMiss>>> {
    let page = page.validate()?;
    let (marketplace, courier) = match access::list_scope(
        &actor,
        "target misses are for staff",
        "target misses are for marketplaces and couriers",
    )? {
        access::ListScope::All => (None, None),
        access::ListScope::Marketplace(o) => (Some(o), None),
        access::ListScope::Courier(o) => (None, Some(o)),
    };
    let req = page.clone();
    let rows = state
        .db
        .read(move |c| {
            Ok(targets::list(
                c,
                &req,
                marketplace.as_deref(),
                courier.as_deref(),
            )?)
        })
        .await?;
    Ok(Json(Page::from_rows(
        rows,
        &page,
        |r| &r.id,
        TargetMiss::from,
    )))
}

fn contract_for_targets(
    c: &mut Conn,
    actor: &Actor,
    id: &str,
) -> ApiResult<crate::contracts::model::ContractRow> {
    let row = crate::contracts::store::find(c, id)?.ok_or_else(|| not_found("contract"))?;
    if actor.role == Role::Driver
        || !(access::sees_org(actor, &row.marketplace_id)
            || access::sees_org(actor, &row.partner_id))
    {
        return Err(not_found("contract"));
    }
    Ok(row)
}

fn targets_view(contract_id: String, t: &HashMap<Kpi, Target>) -> Targets {
    let targets = Kpi::ALL
        .into_iter()
        .filter_map(|k| {
            t.get(&k).map(|t| TargetView {
                kpi: k,
                op: t.op,
                value: t.value,
            })
        })
        .collect();
    Targets {
        contract_id,
        targets,
    }
}

/// The contract's KPI targets (both parties of the contract).
#[utoipa::path(
    tag = "kpis",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Contract id")),
    responses(
        (status = 200, description = "The targets", body = Targets),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 404, response = crate::error::responses::NotFound),
    )
)]
#[get("/v1/contracts/{id}/targets")]
pub async fn get_targets(state: State, actor: Actor, id: Path<String>) -> ApiResult<Json<Targets>> {
    let id = id.into_inner();
    let v = state
        .db
        .read(move |c| {
            let row = contract_for_targets(c, &actor, &id)?;
            let t = targets::for_contract(c, &row.id)?;
            Ok(targets_view(row.id, &t))
        })
        .await?;
    Ok(Json(v))
}

/// Set the contract's KPI targets (the marketplace's admins): one per KPI, `>=` or `<=` a
/// value. Replaces the whole set. `GET /v1/kpis` then says met or missed for each.
#[utoipa::path(
    tag = "kpis",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Contract id")),
    request_body = SetTargets,
    responses(
        (status = 200, description = "The targets now", body = Targets),
        (status = 400, response = crate::error::responses::BadRequest),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 403, response = crate::error::responses::Forbidden),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 413, response = crate::error::responses::PayloadTooLarge),
        (status = 415, response = crate::error::responses::UnsupportedMediaType),
        (status = 422, response = crate::error::responses::Unprocessable),
    )
)]
#[put("/v1/contracts/{id}/targets")]
pub async fn set_targets(
    state: State,
    actor: Actor,
    id: Path<String>,
    body: Json<SetTargets>,
) -> ApiResult<Json<Targets>> {
    let input = body.into_inner().validate().map_err(ApiError::Validation)?;
    let id = id.into_inner();
    let v = state
        .db
        .write(move |c| {
            let row = contract_for_targets(c, &actor, &id)?;
            if !access::manages_org(&actor, &row.marketplace_id) {
                return Err(ApiError::Forbidden(
                    "targets are set by the marketplace's admins".to_owned(),
                ));
            }
            targets::replace(c, &row.id, &input)?;
            let t = targets::for_contract(c, &row.id)?;
            Ok(targets_view(row.id, &t))
        })
        .await?;
    Ok(Json(v))
}

impl From<targets::Miss> for TargetMiss {
    fn from(m: targets::Miss) -> Self {
        TargetMiss {
            id: m.id,
            contract_id: m.contract_id,
            marketplace_id: m.marketplace_id,
            courier_id: m.courier_id,
            kpi: m.kpi,
            period: m.period,
            from: m.period_start,
            to: m.period_end,
            value: m.value,
            numerator: m.numerator,
            denominator: m.denominator,
            op: m.op,
            target: m.target,
            recorded_at: m.created_at.and_utc(),
        }
    }
}
