//! `/console…`: HTTP only. Each page reads through the same services and access checks as the
//! API (`kpis::service`, `disputes::service`, `access::list_scope`); another party's object is
//! the 404 page. Forms carry the session's CSRF token (403 page without it). These routes are
//! a browser's door, documented in the spec as HTML like the tracking page.

use actix_web::http::StatusCode;
use actix_web::web::{Form, Path, Query};
use actix_web::{HttpRequest, HttpResponse, get, post};
use serde::Deserialize;

use super::csrf;
use super::pages::{
    CheckedForm, Pairs, RangeQuery, csv, error_page, field, lang, range, wants_csv,
};
use super::session::{self, Console};
use super::views::{self, FormError, Series};
use crate::disputes::model::{Remedy, Resolution, ResolveDispute};
use crate::error::ApiError;
use crate::i18n::Lang;
use crate::kpis::rules::{Granularity, Kpi, Part};
use crate::orgs::model::OrgKind;
use crate::pagination::{MAX_LIMIT, PageRequest};
use crate::status::Status;
use crate::users::model::Role;
use crate::web::state::State;

#[utoipa::path(
    tag = "console",
    responses(
        (status = 200, description = "CSS", content_type = "text/css", body = String),
    )
)]
#[get("/console/assets/console.css")]
pub async fn stylesheet() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/css; charset=utf-8")
        .insert_header((
            actix_web::http::header::CACHE_CONTROL,
            "public, max-age=86400",
        ))
        .insert_header((actix_web::http::header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .body(views::CSS)
}

#[utoipa::path(
    tag = "console",
    responses(
        (status = 200, description = "The login form", content_type = "text/html", body = String),
    )
)]
#[get("/console/login")]
pub async fn login_page(req: HttpRequest) -> HttpResponse {
    login_form(&req, StatusCode::OK, "", None)
}

/// The login form with its double-submit token: from the browser's login cookie when it has
/// one, else from a new one set with the page.
fn login_form(
    req: &HttpRequest,
    status: StatusCode,
    email: &str,
    error: Option<&str>,
) -> HttpResponse {
    let (token, fresh) = match session::read_login_cookie(req) {
        Some(t) => (t, false),
        None => (crate::ids::random_token(32), true),
    };
    let form = views::login(lang(req), email, error, &csrf::token(&token, "login"));
    let mut r = views::page(status, form);
    let cookie = session::login_cookie(req, &token);
    if let (true, Ok(v)) = (
        fresh,
        actix_web::http::header::HeaderValue::from_str(&cookie),
    ) {
        r.headers_mut()
            .append(actix_web::http::header::SET_COOKIE, v);
    }
    r
}

/// E-mail and password through the API login's own check and throttle; a session cookie on
/// success. Drivers use the app, not the console.
#[utoipa::path(
    tag = "console",
    request_body(content = String, content_type = "application/x-www-form-urlencoded", description = "The form's fields: `email`, `password`, `csrf` (the token the form carries, matching its `doorstep_login` cookie)"),
    responses(
        (status = 303, description = "Logged in: the session cookie, to `/console`"),
        (status = 400, response = crate::error::responses::BadRequest),
        (status = 401, description = "Wrong e-mail or password: the form again", content_type = "text/html", body = String),
        (status = 403, description = "Drivers use the app; or the form's token is missing or not its cookie's (login CSRF): the form again", content_type = "text/html", body = String),
        (status = 413, response = crate::error::responses::PayloadTooLarge),
        (status = 415, response = crate::error::responses::UnsupportedMediaType),
        (status = 422, description = "E-mail or password missing: the form again", content_type = "text/html", body = String),
        (status = 429, description = "Too many failed logins (a page)", content_type = "text/html", body = String),
        (status = 503, response = crate::error::responses::Unavailable),
    )
)]
#[post("/console/login")]
pub async fn login(state: State, req: HttpRequest, body: Form<Pairs>) -> HttpResponse {
    let l = lang(&req);
    let pairs = body.into_inner();
    let email = crate::users::rules::normalize_email(field(&pairs, "email").unwrap_or_default());
    let password = field(&pairs, "password").unwrap_or_default().to_owned();
    // Login CSRF: the form's token must match the login cookie set with the form.
    let posted = field(&pairs, csrf::FIELD);
    let genuine =
        session::read_login_cookie(&req).is_some_and(|t| csrf::verify(&t, "login", posted));
    if !genuine {
        return login_form(
            &req,
            StatusCode::FORBIDDEN,
            &email,
            Some(l.t("console.login.expired")),
        );
    }
    if email.is_empty() || password.is_empty() {
        return login_form(
            &req,
            StatusCode::UNPROCESSABLE_ENTITY,
            &email,
            Some(l.t("console.login.missing")),
        );
    }
    let address = crate::client_addr::of_request(&req, &state.settings.trusted_proxies);
    let user = match crate::web::login::check(&state, &email, password, &address).await {
        Ok(Some(u)) => u,
        Ok(None) => {
            return login_form(
                &req,
                StatusCode::UNAUTHORIZED,
                &email,
                Some(l.t("console.login.wrong")),
            );
        }
        Err(e) => return error_page(l, None, e),
    };
    if Role::parse(&user.role) == Some(Role::Driver) {
        return login_form(
            &req,
            StatusCode::FORBIDDEN,
            &email,
            Some(l.t("console.login.driver")),
        );
    }
    let (token, row) = session::new_session(&user.id, state.clock.naive());
    if let Err(e) = state.db.write(move |c| Ok(session::insert(c, &row)?)).await {
        return error_page(l, None, e);
    }
    tracing::info!(user_id = %user.id, "console login");
    let mut r = views::redirect("/console");
    if let Ok(v) = actix_web::http::header::HeaderValue::from_str(&session::cookie(&req, &token)) {
        r.headers_mut()
            .insert(actix_web::http::header::SET_COOKIE, v);
    }
    r
}

#[utoipa::path(
    tag = "console",
    request_body(content = String, content_type = "application/x-www-form-urlencoded", description = "The form's fields, with `csrf`"),
    responses(super::responses::Form)
)]
#[post("/console/logout")]
pub async fn logout(state: State, req: HttpRequest, f: CheckedForm) -> HttpResponse {
    let (l, c) = (f.l, &f.c);
    let id = c.session_id.clone();
    if let Err(e) = state
        .db
        .write(move |conn| Ok(session::delete(conn, &id)?))
        .await
    {
        return error_page(l, Some(c), e);
    }
    let mut r = views::redirect("/console/login");
    if let Ok(v) = actix_web::http::header::HeaderValue::from_str(&session::cleared(&req)) {
        r.headers_mut()
            .insert(actix_web::http::header::SET_COOKIE, v);
    }
    r
}

#[utoipa::path(tag = "console", responses(super::responses::Page))]
#[get("/console")]
pub async fn home(state: State, req: HttpRequest, c: Console) -> HttpResponse {
    let l = lang(&req);
    let actor = c.actor.clone();
    let now = state.clock.now().naive_utc();
    let todo = state
        .db
        .read(move |conn| super::todo::items(conn, &actor, now))
        .await;
    match todo {
        Ok(todo) => views::page(StatusCode::OK, views::home(l, &c, &todo)),
        Err(e) => error_page(l, Some(&c), e),
    }
}

/// A marketplace's couriers against their targets, worst first.
#[utoipa::path(tag = "console", responses(super::responses::Page))]
#[get("/console/scorecard")]
pub async fn scorecard(
    state: State,
    req: HttpRequest,
    c: Console,
    q: Query<RangeQuery>,
) -> HttpResponse {
    let l = lang(&req);
    let q = q.into_inner();
    let actor = c.actor.clone();
    let courier = actor.org_kind == Some(OrgKind::Courier) && actor.role != Role::Driver;
    let org_id = q.org_id.clone();
    if actor.role == Role::PlatformAdmin && org_id.is_none() {
        // Which marketplace? The list of orgs links each to its scorecard.
        return HttpResponse::SeeOther()
            .insert_header((actix_web::http::header::LOCATION, "/console/orgs"))
            .finish();
    }
    let result = async {
        let (from, to) = range(&q, state.clock.now().date_naive())?;
        if courier {
            // A courier's card: each marketplace it delivers for, against that contract's targets.
            let (_, lines) = state
                .db
                .read(move |conn| {
                    crate::kpis::service::partner_reports(
                        conn,
                        &actor,
                        None,
                        from,
                        to,
                        Granularity::Month,
                    )
                })
                .await?;
            return Ok(views::Scorecard {
                from,
                to,
                of_marketplaces: true,
                marketplace_id: None,
                rows: lines
                    .into_iter()
                    .map(|(id, name, r)| views::ScoreRow {
                        id,
                        name,
                        kpis: r.overall,
                    })
                    .collect(),
            });
        }
        let marketplace = crate::kpis::service::scorecard_marketplace(&actor, org_id.as_deref())?;
        state
            .db
            .read(move |conn| crate::kpis::service::scorecard(conn, &marketplace, from, to))
            .await
            .map(views::Scorecard::from)
    }
    .await;
    let mut card = match result {
        Ok(card) => card,
        Err(e) => return error_page(l, Some(&c), e),
    };
    views::worst_first(&mut card);
    if wants_csv(&q) {
        let kpis = views::shown_kpis(card.rows.iter().map(|s| &s.kpis));
        let who = if card.of_marketplaces {
            ["marketplace_id", "marketplace_name"]
        } else {
            ["courier_id", "courier_name"]
        };
        let mut header = who.map(str::to_owned).to_vec();
        for k in &kpis {
            header.push(k.as_str().to_owned());
            header.push(format!("{}_target", k.as_str()));
            header.push(format!("{}_met", k.as_str()));
        }
        header.extend(["targets_met", "targets_missed"].map(str::to_owned));
        let rows = card
            .rows
            .iter()
            .map(|s| {
                let mut row = vec![s.id.clone(), s.name.clone()];
                for k in &kpis {
                    let v = s.kpis.get(*k);
                    row.push(
                        v.and_then(|v| v.value)
                            .map(|x| x.to_string())
                            .unwrap_or_default(),
                    );
                    row.push(
                        v.and_then(|v| v.target)
                            .map(|t| format!("{}{}", t.op.as_str(), t.value))
                            .unwrap_or_default(),
                    );
                    row.push(
                        v.and_then(|v| v.met)
                            .map(|m| m.to_string())
                            .unwrap_or_default(),
                    );
                }
                row.push(s.kpis.targets_met.to_string());
                row.push(s.kpis.targets_missed.to_string());
                row
            })
            .collect();
        return csv(&header, rows, "scorecard").unwrap_or_else(|e| error_page(l, Some(&c), e));
    }
    views::page(StatusCode::OK, views::scorecard(l, &c, &card))
}

/// One KPI week by week, one line per courier with its target, through the same report as
/// `GET /v1/kpis?courier_id=…&granularity=week`.
#[utoipa::path(
    tag = "console",
    params(("kpi" = String, Path, description = "A KPI name, e.g. `on_time_rate`")),
    responses(super::responses::Page)
)]
#[get("/console/kpis/{kpi}")]
pub async fn chart(
    state: State,
    req: HttpRequest,
    c: Console,
    kpi: Path<String>,
    q: Query<RangeQuery>,
) -> HttpResponse {
    let l = lang(&req);
    let Some(kpi) = Kpi::parse(&kpi.into_inner()) else {
        return error_page(l, Some(&c), ApiError::NotFound("kpi".to_owned()));
    };
    let q = q.into_inner();
    let actor = c.actor.clone();
    let result = async {
        let (from, to) = range(&q, state.clock.now().date_naive())?;
        let org_id = q.org_id.clone();
        let (_, lines) = state
            .db
            .read(move |conn| {
                crate::kpis::service::partner_reports(
                    conn,
                    &actor,
                    org_id.as_deref(),
                    from,
                    to,
                    Granularity::Week,
                )
            })
            .await?;
        Ok((from, to, lines))
    }
    .await;
    let (from, to, reports) = match result {
        Ok(r) => r,
        Err(e) => return error_page(l, Some(&c), e),
    };
    // Every week of the range, whether or not a courier has numbers in it.
    let mut periods: Vec<String> = Vec::new();
    let mut day = from;
    while day <= to {
        let (label, _, end) = crate::kpis::rules::period_of(day, Granularity::Week);
        periods.push(label);
        day = end + chrono::Duration::days(1);
    }
    let series: Vec<Series> = reports
        .into_iter()
        .map(|(id, name, report)| Series {
            target: report.overall.get(kpi).and_then(|v| v.target),
            points: periods
                .iter()
                .map(|p| {
                    report
                        .periods
                        .iter()
                        .find(|r| &r.period == p)
                        .and_then(|r| r.kpis.get(kpi))
                        .and_then(|v| v.value)
                })
                .collect(),
            id,
            name,
        })
        .collect();
    if wants_csv(&q) {
        let mut header = vec!["week".to_owned()];
        header.extend(series.iter().map(|s| s.name.clone()));
        let rows = periods
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let mut row = vec![p.clone()];
                row.extend(series.iter().map(|s| {
                    s.points
                        .get(i)
                        .copied()
                        .flatten()
                        .map(|v| v.to_string())
                        .unwrap_or_default()
                }));
                row
            })
            .collect();
        return csv(&header, rows, kpi.as_str()).unwrap_or_else(|e| error_page(l, Some(&c), e));
    }
    views::page(
        StatusCode::OK,
        views::chart(l, &c, kpi, from, to, &periods, &series),
    )
}

/// The shipments behind one figure, as `GET /v1/kpis/shipments` lists them.
#[derive(Debug, Deserialize)]
struct CountedSearch {
    from: Option<String>,
    to: Option<String>,
    courier_id: Option<String>,
    marketplace_id: Option<String>,
    driver_id: Option<String>,
    part: Option<String>,
    after: Option<String>,
}

/// The shipments one scorecard figure counts (or those counting against it), each with what
/// it adds to the figure: the same service and scope as `GET /v1/kpis/shipments`.
#[utoipa::path(
    tag = "console",
    params(("kpi" = String, Path, description = "A KPI name, e.g. `on_time_rate`")),
    responses(super::responses::Page)
)]
#[get("/console/kpis/{kpi}/shipments")]
pub async fn counted(
    state: State,
    req: HttpRequest,
    c: Console,
    kpi: Path<String>,
    q: Query<CountedSearch>,
) -> HttpResponse {
    let l = lang(&req);
    let Some(kpi) = Kpi::parse(&kpi.into_inner()) else {
        return error_page(l, Some(&c), ApiError::NotFound("kpi".to_owned()));
    };
    let q = q.into_inner();
    let part = match q.part.as_deref() {
        Some("against") => Part::Against,
        Some("numerator") => Part::Numerator,
        _ => Part::Denominator,
    };
    let scope = crate::kpis::model::KpiQuery {
        courier_id: q.courier_id.clone().filter(|v| !v.is_empty()),
        driver_id: q.driver_id.clone().filter(|v| !v.is_empty()),
        marketplace_id: q.marketplace_id.clone().filter(|v| !v.is_empty()),
        from: q.from.clone(),
        to: q.to.clone(),
        granularity: None,
    };
    let page = PageRequest {
        limit: LIST_PAGE,
        after: q.after.clone().filter(|a| !a.is_empty()),
    };
    let actor = c.actor.clone();
    let result = async {
        let range_q = RangeQuery {
            from: q.from.clone(),
            to: q.to.clone(),
            format: None,
            org_id: None,
        };
        let (from, to) = range(&range_q, state.clock.now().date_naive())?;
        let list = state
            .db
            .read(move |conn| {
                crate::kpis::service::counted_shipments(
                    conn,
                    &actor,
                    &scope,
                    (kpi, part),
                    from,
                    to,
                    &page,
                )
            })
            .await?;
        Ok::<_, ApiError>((from, to, list))
    }
    .await;
    let (from, to, list) = match result {
        Ok(r) => r,
        Err(e) => return error_page(l, Some(&c), e),
    };
    let filters: Vec<(&str, String)> = [
        ("courier_id", &q.courier_id),
        ("marketplace_id", &q.marketplace_id),
        ("driver_id", &q.driver_id),
    ]
    .into_iter()
    .filter_map(|(k, v)| v.clone().filter(|v| !v.is_empty()).map(|v| (k, v)))
    .collect();
    views::page(
        StatusCode::OK,
        views::counted(
            l,
            &c,
            views::Counted {
                kpi,
                part,
                from,
                to,
                filters: &filters,
                list: &list,
            },
        ),
    )
}

#[derive(Debug, Deserialize)]
struct DisputesQuery {
    status: Option<String>,
    format: Option<String>,
}

/// The disputes of the caller's shipments (marketplace) or deliveries (courier), as the API's
/// list scopes them.
#[utoipa::path(tag = "console", responses(super::responses::Page))]
#[get("/console/disputes")]
pub async fn disputes(
    state: State,
    req: HttpRequest,
    c: Console,
    q: Query<DisputesQuery>,
) -> HttpResponse {
    let l = lang(&req);
    let q = q.into_inner();
    let status = q
        .status
        .filter(|s| ["open", "responded", "resolved"].contains(&s.as_str()));
    let (st, actor) = (status.clone(), c.actor.clone());
    let rows = state
        .db
        .read(move |conn| {
            let page = PageRequest {
                limit: MAX_LIMIT,
                after: None,
            };
            let rows = crate::disputes::service::list(conn, &actor, &page, st.as_deref(), None)?;
            let ids: Vec<String> = rows.iter().map(|d| d.shipment_id.clone()).collect();
            let refs = crate::shipments::service::references(conn, &ids)?;
            Ok((rows, refs))
        })
        .await;
    let (rows, refs) = match rows {
        Ok(r) => r,
        Err(e) => return error_page(l, Some(&c), e),
    };
    if q.format.as_deref() == Some("csv") {
        let header = [
            "id",
            "shipment_id",
            "reference",
            "attempt_id",
            "reason",
            "comment",
            "status",
            "courier_response",
            "resolution",
            "remedy",
            "created_at",
        ]
        .map(str::to_owned);
        let rows = rows
            .into_iter()
            .map(|d| {
                let reference = refs.get(&d.shipment_id).cloned().unwrap_or_default();
                vec![
                    d.id,
                    d.shipment_id,
                    reference,
                    d.attempt_id.unwrap_or_default(),
                    d.reason,
                    d.comment.unwrap_or_default(),
                    d.status,
                    d.courier_response.unwrap_or_default(),
                    d.resolution.unwrap_or_default(),
                    d.remedy.unwrap_or_default(),
                    d.created_at.and_utc().to_rfc3339(),
                ]
            })
            .collect();
        return csv(&header, rows, "disputes").unwrap_or_else(|e| error_page(l, Some(&c), e));
    }
    views::page(
        StatusCode::OK,
        views::disputes(l, &c, &rows, &refs, status.as_deref()),
    )
}

async fn show_dispute(
    state: &State,
    l: Lang,
    c: &Console,
    id: String,
    status: StatusCode,
    err: FormError,
) -> HttpResponse {
    let actor = c.actor.clone();
    let found = state
        .db
        .read(move |conn| crate::disputes::service::evidence(conn, &actor, &id))
        .await;
    match found {
        Ok(ev) => views::page(status, views::dispute(l, c, &ev, &err)),
        Err(e) => error_page(l, Some(c), e),
    }
}

/// The evidence of one dispute (another party's is the 404 page).
#[utoipa::path(
    tag = "console",
    params(("id" = String, Path, description = "Id")),
    responses(super::responses::Page)
)]
#[get("/console/disputes/{id}")]
pub async fn dispute(state: State, req: HttpRequest, c: Console, id: Path<String>) -> HttpResponse {
    let l = lang(&req);
    show_dispute(
        &state,
        l,
        &c,
        id.into_inner(),
        StatusCode::OK,
        FormError::default(),
    )
    .await
}

fn parse_choice<T: serde::de::DeserializeOwned>(v: Option<&str>) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(v?.to_owned())).ok()
}

/// A form's outcome: back to the dispute (303), or the dispute again with the message.
async fn after_form(
    state: &State,
    l: Lang,
    c: &Console,
    id: String,
    result: Result<(), ApiError>,
) -> HttpResponse {
    match result {
        Ok(()) => views::redirect(&format!("/console/disputes/{id}")),
        Err(ApiError::Conflict(m)) => {
            let err = FormError { message: Some(m) };
            show_dispute(state, l, c, id, StatusCode::CONFLICT, err).await
        }
        Err(ApiError::Validation(errors)) => {
            let err = FormError {
                message: Some(super::pages::what_was_wrong(&errors)),
            };
            show_dispute(state, l, c, id, StatusCode::UNPROCESSABLE_ENTITY, err).await
        }
        Err(e) => error_page(l, Some(c), e),
    }
}

/// Resolve a dispute: the API's `disputes::service::resolve`, with the same checks.
#[utoipa::path(
    tag = "console",
    params(("id" = String, Path, description = "Id")),
    request_body(content = String, content_type = "application/x-www-form-urlencoded", description = "The form's fields, with `csrf`"),
    responses(super::responses::Form)
)]
#[post("/console/disputes/{id}/resolution")]
pub async fn resolve(state: State, id: Path<String>, f: CheckedForm) -> HttpResponse {
    let (l, c) = (f.l, &f.c);
    let id = id.into_inner();
    let resolution: Option<Resolution> = parse_choice(f.field("resolution"));
    let remedy: Option<Remedy> = parse_choice(f.field("remedy"));
    let note = f
        .field("note")
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_owned);
    let result = match (resolution, remedy) {
        (Some(resolution), Some(remedy)) => {
            let mut errors = Vec::new();
            crate::disputes::service::check_text("note", note.as_deref(), false, &mut errors);
            if errors.is_empty() {
                let input = ResolveDispute {
                    resolution,
                    remedy,
                    note,
                };
                let actor = c.actor.clone();
                let d = id.clone();
                let clock = state.clock.clone();
                state
                    .db
                    .write(move |conn| {
                        crate::disputes::service::resolve(conn, &actor, &d, input, clock.naive())
                            .map(|_| ())
                    })
                    .await
            } else {
                Err(ApiError::Validation(errors))
            }
        }
        _ => Err(ApiError::validation(
            "resolution",
            "choose a resolution and a remedy",
        )),
    };
    after_form(&state, l, c, id, result).await
}

/// The courier's answer: the API's `disputes::service::respond`.
#[utoipa::path(
    tag = "console",
    params(("id" = String, Path, description = "Id")),
    request_body(content = String, content_type = "application/x-www-form-urlencoded", description = "The form's fields, with `csrf`"),
    responses(super::responses::Form)
)]
#[post("/console/disputes/{id}/response")]
pub async fn respond(state: State, id: Path<String>, f: CheckedForm) -> HttpResponse {
    let (l, c) = (f.l, &f.c);
    let id = id.into_inner();
    let response = f.field("response").unwrap_or_default().to_owned();
    let mut errors = Vec::new();
    crate::disputes::service::check_text("response", Some(&response), true, &mut errors);
    let result = if errors.is_empty() {
        let actor = c.actor.clone();
        let d = id.clone();
        let clock = state.clock.clone();
        state
            .db
            .write(move |conn| {
                crate::disputes::service::respond(conn, &actor, &d, response, clock.naive())
                    .map(|_| ())
            })
            .await
    } else {
        Err(ApiError::Validation(errors))
    };
    after_form(&state, l, c, id, result).await
}

/// Rows on a page of the console's list.
const LIST_PAGE: i64 = 50;

/// The shipments the caller sees (the API's list scope), filtered and paged, or as CSV.
#[utoipa::path(tag = "console", responses(super::responses::Page))]
#[get("/console/shipments")]
pub async fn shipments(
    state: State,
    req: HttpRequest,
    c: Console,
    q: Query<views::ShipmentSearch>,
) -> HttpResponse {
    let l = lang(&req);
    let q = q.into_inner();
    let on = |v: &Option<String>| v.as_deref() == Some("1");
    let tz = views::zone(&c);
    let status = q
        .status
        .as_deref()
        .filter(|s| crate::status::Status::parse(s).is_some())
        .map(str::to_owned)
        .or_else(|| on(&q.waiting).then(|| "attempt_failed".to_owned()));
    let list = crate::shipments::service::ListQuery {
        reference_like: q
            .reference
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map(str::to_owned),
        status,
        window_from: q.from.map(|d| crate::timezone::start_of_day(d, tz)),
        window_before: q
            .to
            .and_then(|d| d.succ_opt())
            .map(|d| crate::timezone::start_of_day(d, tz)),
        open_dispute: on(&q.disputed),
        flagged: on(&q.flagged),
        courier_id: q.courier_id.clone().filter(|v| !v.is_empty()),
        driver_id: q.driver_id.clone().filter(|v| !v.is_empty()),
        ..Default::default()
    };
    let csv_wanted = q.format.as_deref() == Some("csv");
    let page = PageRequest {
        limit: if csv_wanted { MAX_LIMIT } else { LIST_PAGE },
        after: q.after.clone().filter(|a| !a.is_empty()),
    };
    let actor = c.actor.clone();
    let found = state
        .db
        .read(move |conn| {
            let rows = crate::shipments::service::list(conn, &actor, &page, list)?;
            // Names for the pickers and the CSV: the marketplace's couriers, the courier's
            // drivers, and whoever carries a listed parcel.
            let couriers = match actor.org_kind {
                Some(OrgKind::Marketplace) => actor
                    .org_id
                    .as_deref()
                    .map(|m| crate::kpis::service::marketplace_couriers(conn, m))
                    .transpose()?
                    .unwrap_or_default()
                    .into_iter()
                    .map(|(_, id, name)| (id, name))
                    .collect(),
                _ => Vec::new(),
            };
            let drivers = crate::users::service::drivers_to_filter(conn, &actor)?;
            let mut orgs: Vec<String> = rows.iter().filter_map(|r| r.courier_id.clone()).collect();
            let mut users: Vec<String> = rows.iter().filter_map(|r| r.driver_id.clone()).collect();
            orgs.sort();
            orgs.dedup();
            users.sort();
            users.dedup();
            let names = views::Names {
                orgs: crate::orgs::service::names(conn, &orgs)?,
                users: crate::users::service::names(conn, &users)?,
            };
            Ok((rows, views::Pickers { couriers, drivers }, names))
        })
        .await;
    let (mut rows, pickers, names) = match found {
        Ok(r) => r,
        Err(e) => return error_page(l, Some(&c), e),
    };
    if csv_wanted {
        rows.truncate(MAX_LIMIT as usize);
        let header = [
            "id",
            "reference",
            "status",
            "window_start",
            "window_end",
            "courier_id",
            "courier",
            "driver",
            "updated_at",
        ]
        .map(str::to_owned);
        let rows = rows
            .iter()
            .map(|r| {
                vec![
                    r.id.clone(),
                    r.reference.clone(),
                    r.status.clone(),
                    r.window_start.and_utc().to_rfc3339(),
                    r.window_end.and_utc().to_rfc3339(),
                    r.courier_id.clone().unwrap_or_default(),
                    r.courier_id
                        .as_deref()
                        .map(|o| names.org(o).to_owned())
                        .unwrap_or_default(),
                    r.driver_id
                        .as_deref()
                        .map(|u| names.user(u).to_owned())
                        .unwrap_or_default(),
                    r.updated_at.and_utc().to_rfc3339(),
                ]
            })
            .collect();
        return csv(&header, rows, "shipments").unwrap_or_else(|e| error_page(l, Some(&c), e));
    }
    let more = rows.len() > LIST_PAGE as usize;
    rows.truncate(LIST_PAGE as usize);
    let next = more.then(|| rows.last().map(|r| r.id.clone())).flatten();
    views::page(
        StatusCode::OK,
        views::shipments(l, &c, &q, &pickers, &rows, next.as_deref()),
    )
}

/// One shipment: its timeline, and for the marketplace the log of who read the customer's
/// contact data (another party's shipment is the 404 page).
#[utoipa::path(
    tag = "console",
    params(("id" = String, Path, description = "Id")),
    responses(super::responses::Page)
)]
#[get("/console/shipments/{id}")]
pub async fn shipment(
    state: State,
    req: HttpRequest,
    c: Console,
    id: Path<String>,
) -> HttpResponse {
    let l = lang(&req);
    show_shipment(
        &state,
        l,
        &c,
        id.into_inner(),
        StatusCode::OK,
        FormError::default(),
    )
    .await
}

/// The shipment page, with what a form posted to it got wrong (`status` 409/422 then).
async fn show_shipment(
    state: &State,
    l: Lang,
    c: &Console,
    id: String,
    status: StatusCode,
    err: FormError,
) -> HttpResponse {
    let actor = c.actor.clone();
    // What each service shows this caller, the API's rules: the same read as its endpoints.
    let found = state
        .db
        .read(move |conn| {
            let (read, party) = crate::shipments::service::read_visible(conn, &actor, &id)?;
            let ship = read.ship;
            let page = PageRequest {
                limit: MAX_LIMIT,
                after: None,
            };
            let events = crate::custody::service::timeline(conn, &ship, &page)?;
            let log = match crate::access::may_read_access_log(party) {
                true => Some(crate::contacts::service::access_log(
                    conn, &ship, party, &page,
                )?),
                false => None,
            };
            let shown = crate::access::attempt_fields(party, ship.status());
            let attempts =
                crate::attempts::service::attempts_of(conn, &ship, read.terms.radius_m, shown)?;
            // Suppliers have no disputes to list: none shown.
            let contested =
                crate::disputes::service::list(conn, &actor, &page, None, Some(&ship.id))
                    .unwrap_or_default();
            let rating = crate::ratings::service::of_shipment(conn, &actor, &ship.id)?;
            let mut orgs: Vec<String> = [&ship.marketplace_id]
                .into_iter()
                .chain(ship.supplier_id.as_ref())
                .chain(ship.courier_id.as_ref())
                .chain(events.iter().filter_map(|e| e.actor_org_id.as_ref()))
                .cloned()
                .collect();
            orgs.sort();
            orgs.dedup();
            let mut users: Vec<String> = ship
                .driver_id
                .iter()
                .chain(attempts.iter().filter_map(|a| a.driver_id.as_ref()))
                .chain(events.iter().filter_map(|e| e.actor_id.as_ref()))
                .cloned()
                .collect();
            users.sort();
            users.dedup();
            let names = views::Names {
                orgs: crate::orgs::service::names(conn, &orgs)?,
                users: crate::users::service::names(conn, &users)?,
            };
            Ok(views::Dossier {
                acts: crate::access::may_return(party) && ship.status() == Status::AttemptFailed,
                ship,
                events,
                log,
                attempts,
                disputes: contested,
                rating,
                names,
            })
        })
        .await;
    match found {
        Ok(dossier) => views::page(status, views::shipment(l, c, &dossier, &err)),
        Err(e) => error_page(l, Some(c), e),
    }
}

#[derive(Debug, Deserialize)]
struct ExportQuery {
    photos: Option<bool>,
}

/// The shipment's evidence bundle for the console's session (the API's export: the same reads,
/// the same log of who saw the photos); `?photos=true` for the zip with the original photos.
#[utoipa::path(
    tag = "console",
    params(("id" = String, Path, description = "Id")),
    responses(super::responses::Download)
)]
#[get("/console/shipments/{id}/evidence")]
pub async fn evidence(
    state: State,
    req: HttpRequest,
    c: Console,
    id: Path<String>,
    q: Query<ExportQuery>,
) -> HttpResponse {
    let export = crate::evidence::export::export(
        state.evidence_sources(),
        &c.actor,
        &id.into_inner(),
        q.photos.unwrap_or(false),
        "GET /console/shipments/{id}/evidence",
    )
    .await;
    match export {
        Ok(e) => crate::evidence::export::response(e),
        Err(e) => error_page(lang(&req), Some(&c), e),
    }
}

/// What a courier's form on the shipment page got: back to the page, or the page again with
/// what was wrong.
async fn after_shipment_form(
    state: &State,
    l: Lang,
    c: &Console,
    id: String,
    result: Result<(), ApiError>,
) -> HttpResponse {
    let (status, message) = match result {
        Ok(()) => return views::redirect(&format!("/console/shipments/{id}")),
        Err(ApiError::Conflict(m)) => (StatusCode::CONFLICT, m),
        Err(ApiError::Validation(errors)) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            super::pages::what_was_wrong(&errors),
        ),
        Err(e) => return error_page(l, Some(c), e),
    };
    let err = FormError {
        message: Some(message),
    };
    show_shipment(state, l, c, id, status, err).await
}

/// The courier proposes a re-delivery window (the API's `redelivery::service::propose`): a day
/// and two times in the shipment's own time zone.
#[utoipa::path(
    tag = "console",
    params(("id" = String, Path, description = "Id")),
    request_body(content = String, content_type = "application/x-www-form-urlencoded", description = "`day`, `start`, `end` (local), with `csrf`"),
    responses(super::responses::Form)
)]
#[post("/console/shipments/{id}/proposal")]
pub async fn propose_window(state: State, id: Path<String>, f: CheckedForm) -> HttpResponse {
    let (l, c) = (f.l, &f.c);
    let id = id.into_inner();
    let day = chrono::NaiveDate::parse_from_str(f.field("day").unwrap_or_default(), "%Y-%m-%d");
    let time =
        |name: &str| chrono::NaiveTime::parse_from_str(f.field(name).unwrap_or_default(), "%H:%M");
    let mut errors = Vec::new();
    if day.is_err() {
        errors.push(crate::error::FieldError::new("day", "must be a date"));
    }
    for name in ["start", "end"] {
        if time(name).is_err() {
            errors.push(crate::error::FieldError::new(name, "must be a time, HH:MM"));
        }
    }
    let result = match (day, time("start"), time("end")) {
        (Ok(day), Ok(start), Ok(end)) if errors.is_empty() => {
            let (actor, ship_id, clock) = (c.actor.clone(), id.clone(), state.clock.clone());
            state
                .db
                .write(move |conn| {
                    let (read, _) =
                        crate::shipments::service::read_visible(conn, &actor, &ship_id)?;
                    let tz = crate::timezone::zone(&read.ship.time_zone);
                    let at = |t| {
                        crate::timezone::from_local(day.and_time(t), tz)
                            .map_err(|why| ApiError::validation("day", why))
                    };
                    let window = crate::window::WindowChoice {
                        start: at(start)?,
                        end: at(end)?,
                    };
                    crate::redelivery::service::propose(
                        conn,
                        &actor,
                        &ship_id,
                        crate::shipments::model::NewWindow { window },
                        clock.naive(),
                    )
                    .map(|_| ())
                })
                .await
        }
        _ => Err(ApiError::Validation(errors)),
    };
    after_shipment_form(&state, l, c, id, result).await
}

/// The courier returns the parcel to its sender (the API's return), with a note.
#[utoipa::path(
    tag = "console",
    params(("id" = String, Path, description = "Id")),
    request_body(content = String, content_type = "application/x-www-form-urlencoded", description = "`note`, with `csrf`"),
    responses(super::responses::Form)
)]
#[post("/console/shipments/{id}/return")]
pub async fn return_to_sender(state: State, id: Path<String>, f: CheckedForm) -> HttpResponse {
    let (l, c) = (f.l, &f.c);
    let id = id.into_inner();
    let note = Some(f.field("note").unwrap_or_default().trim().to_owned());
    let mut errors = Vec::new();
    crate::custody::model::check_note("note", &note, true, &mut errors);
    let result = if errors.is_empty() {
        let (actor, ship_id, clock) = (c.actor.clone(), id.clone(), state.clock.clone());
        state
            .db
            .write(move |conn| {
                crate::custody::service::return_to_sender(
                    conn,
                    &actor,
                    &ship_id,
                    note,
                    clock.naive(),
                )
                .map(|_| ())
            })
            .await
    } else {
        Err(ApiError::Validation(errors))
    };
    after_shipment_form(&state, l, c, id, result).await
}

/// A photo of an attempt, for the dispute page's `<img>`: the API's `GET /v1/photos/{id}` with
/// the session (the same rules: the original to whom may see the address, a logged read).
#[utoipa::path(
    tag = "console",
    params(("id" = String, Path, description = "Photo id")),
    responses(
        (status = 200, description = "The image", content_type = "image/*", body = Vec<u8>),
        (status = 303, description = "Not signed in: to `/console/login`"),
        (status = 404, description = "Not found, or another party's (a page)", content_type = "text/html", body = String),
    )
)]
#[get("/console/photos/{id}")]
pub async fn photo(state: State, req: HttpRequest, c: Console, id: Path<String>) -> HttpResponse {
    let l = lang(&req);
    crate::attempts::photo_routes::visible_photo(
        &state,
        c.actor.clone(),
        id.into_inner(),
        "GET /console/photos/{id}",
    )
    .await
    .unwrap_or_else(|e| error_page(l, Some(&c), e))
}
