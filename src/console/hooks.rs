//! The console's webhooks pages (org admins): the org's subscriptions, each one's deliveries
//! with every try, and a retry button — the API's `/v1/webhooks…` services underneath.

use actix_web::http::StatusCode;
use actix_web::web::{Path, Query};
use actix_web::{HttpRequest, HttpResponse, get, post};
use maud::{Markup, html};
use serde::Deserialize;

use super::pages::{CheckedForm, error_page, lang};
use super::session::Console;
use super::views::{self, layout, when, when_utc, zone};
use crate::i18n::Lang;
use crate::pagination::{MAX_LIMIT, PageRequest};
use crate::web::state::State;
use crate::webhooks::model::{Delivery, SubscriptionRow};

/// Deliveries per page.
const PER_PAGE: i64 = 50;

/// The org's webhook subscriptions.
#[utoipa::path(tag = "console", responses(super::responses::Page))]
#[get("/console/webhooks")]
pub async fn webhooks(state: State, req: HttpRequest, c: Console) -> HttpResponse {
    show_list(&state, lang(&req), &c, StatusCode::OK, None).await
}

/// The subscriptions page, with what a form posted to it got wrong (409/422 then).
async fn show_list(
    state: &State,
    l: Lang,
    c: &Console,
    status: StatusCode,
    error: Option<&str>,
) -> HttpResponse {
    let actor = c.actor.clone();
    let rows = state
        .db
        .read(move |conn| {
            let page = PageRequest {
                limit: MAX_LIMIT,
                after: None,
            };
            crate::webhooks::service::list(conn, &actor, &page)
        })
        .await;
    match rows {
        Ok(rows) => views::page(status, list(l, c, &rows, error)),
        Err(e) => error_page(l, Some(c), e),
    }
}

/// Subscribe the org to events from the console (the API's `POST /v1/webhooks`, its checks
/// and its limit): the secret is shown once, on the answer.
#[utoipa::path(
    tag = "console",
    request_body(content = String, content_type = "application/x-www-form-urlencoded", description = "`url`, `event_types` (repeated, or `*`), `description`, with `csrf`"),
    responses(super::responses::Form)
)]
#[post("/console/webhooks")]
pub async fn create(state: State, f: CheckedForm) -> HttpResponse {
    let (l, c) = (f.l, &f.c);
    let input = crate::webhooks::model::CreateWebhook {
        url: f.field("url").unwrap_or_default().trim().to_owned(),
        event_types: f
            .pairs
            .iter()
            .filter(|(k, _)| k == "event_types")
            .map(|(_, v)| v.clone())
            .collect(),
        description: f
            .field("description")
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .map(str::to_owned),
    };
    let policy = state.settings.webhook_policy();
    let (actor, secrets, now) = (c.actor.clone(), state.secrets.clone(), state.clock.naive());
    let created = state
        .db
        .write(move |conn| {
            crate::webhooks::service::create(conn, &actor, input, policy, &secrets, now)
        })
        .await;
    let (status, message) = match created {
        Ok((row, secret)) => {
            return views::page(StatusCode::CREATED, created_page(l, c, &row, &secret));
        }
        Err(crate::error::ApiError::Validation(errors)) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            super::pages::what_was_wrong(&errors),
        ),
        Err(crate::error::ApiError::Conflict(m)) => (StatusCode::CONFLICT, m),
        Err(e) => return error_page(l, Some(c), e),
    };
    show_list(&state, l, c, status, Some(&message)).await
}

fn created_page(l: Lang, c: &Console, row: &SubscriptionRow, secret: &str) -> Markup {
    let body = html! {
        h1 { (l.t("console.webhooks.created")) }
        p { code { (row.url) } }
        p { (l.t("console.webhooks.secret_once")) }
        p { code #secret { (secret) } }
        p { a href={ "/console/webhooks/" (row.id) } { (l.t("console.webhooks.deliveries")) } }
    };
    layout(l, Some(c), l.t("console.webhooks.created"), body)
}

#[derive(Debug, Deserialize)]
pub struct AfterQuery {
    /// The last delivery id of the previous page.
    after: Option<String>,
}

/// One subscription's deliveries, oldest first, 50 a page, each with its tries and a retry
/// button (another org's subscription is the 404 page).
#[utoipa::path(
    tag = "console",
    params(("id" = String, Path, description = "Webhook id")),
    responses(super::responses::Page)
)]
#[get("/console/webhooks/{id}")]
pub async fn webhook(
    state: State,
    req: HttpRequest,
    c: Console,
    id: Path<String>,
    q: Query<AfterQuery>,
) -> HttpResponse {
    let l = lang(&req);
    let id = id.into_inner();
    let actor = c.actor.clone();
    let after = q.into_inner().after;
    let found = state
        .db
        .read(move |conn| {
            let sub = crate::webhooks::service::owned(conn, &actor, &id)?;
            let page = PageRequest {
                limit: PER_PAGE,
                after,
            };
            let rows = crate::webhooks::service::deliveries(conn, &actor, &id, &page)?;
            Ok((sub, rows))
        })
        .await;
    match found {
        Ok((sub, rows)) => {
            let more = rows.len() as i64 > PER_PAGE;
            let shown: Vec<Delivery> = rows
                .into_iter()
                .take(PER_PAGE as usize)
                .map(|(_, d)| d)
                .collect();
            views::page(StatusCode::OK, deliveries(l, &c, &sub, &shown, more))
        }
        Err(e) => error_page(l, Some(&c), e),
    }
}

/// Send a delivery again now: the API's retry; back to its subscription's page.
#[utoipa::path(
    tag = "console",
    params(("id" = String, Path, description = "Delivery id")),
    request_body(content = String, content_type = "application/x-www-form-urlencoded", description = "`csrf`"),
    responses(super::responses::Form)
)]
#[post("/console/webhook-deliveries/{id}/retry")]
pub async fn retry(state: State, id: Path<String>, f: CheckedForm) -> HttpResponse {
    let (l, c) = (f.l, &f.c);
    let actor = c.actor.clone();
    let id = id.into_inner();
    let clock = state.clock.clone();
    let done = state
        .db
        .write(move |conn| crate::webhooks::service::retry(conn, &actor, &id, clock.naive()))
        .await;
    match done {
        Ok(d) => views::redirect(&format!("/console/webhooks/{}", d.subscription_id)),
        Err(crate::error::ApiError::Conflict(m)) => views::message(
            l,
            Some(c),
            StatusCode::CONFLICT,
            "console.webhooks.paused",
            &m,
        ),
        Err(e) => error_page(l, Some(c), e),
    }
}

fn list(l: Lang, c: &Console, rows: &[SubscriptionRow], error: Option<&str>) -> Markup {
    let tz = zone(c);
    let body = html! {
        h1 { (l.t("console.webhooks.title")) }
        @if let Some(m) = error { p.error role="alert" { (m) } }
        details #new-webhook open[error.is_some() || rows.is_empty()] {
            summary { (l.t("console.webhooks.new")) }
            form method="post" action="/console/webhooks" {
                input type="hidden" name=(super::csrf::FIELD) value=(c.csrf);
                label for="url" { "URL" }
                input #url type="url" name="url" required placeholder="https://partner.example/doorstep-events";
                fieldset {
                    legend { (l.t("console.webhooks.events")) }
                    label { input type="checkbox" name="event_types" value="*"; " " (l.t("console.webhooks.all")) }
                    @for t in crate::webhooks::rules::CATALOG {
                        label { input type="checkbox" name="event_types" value=(t); " " code { (t) } }
                    }
                }
                label for="description" { (l.t("console.webhooks.description")) }
                input #description type="text" name="description" maxlength="500";
                button type="submit" { (l.t("console.webhooks.create")) }
            }
        }
        @if rows.is_empty() {
            p { (l.t("console.webhooks.empty")) }
        } @else {
            table #webhooks {
                thead { tr {
                    th { "URL" }
                    th { (l.t("console.webhooks.events")) }
                    th { (l.t("console.disputes.status")) }
                    th { (l.t("console.orgs.created")) }
                } }
                tbody {
                    @for s in rows {
                        tr data-webhook=(s.id) {
                            td { a href={ "/console/webhooks/" (s.id) } { code { (s.url) } }
                                @if let Some(d) = &s.description { br; small { (d) } } }
                            td { (s.event_types.replace(',', ", ")) }
                            td {
                                @if s.active { (l.t("console.webhooks.active")) }
                                @else { span.missed { (l.t("console.webhooks.paused")) }
                                    @if let Some(r) = &s.disabled_reason { " — " (r) } }
                            }
                            td { (when(l, tz, s.created_at)) }
                        }
                    }
                }
            }
        }
    };
    layout(l, Some(c), l.t("console.webhooks.title"), body)
}

fn deliveries(
    l: Lang,
    c: &Console,
    sub: &SubscriptionRow,
    rows: &[Delivery],
    more: bool,
) -> Markup {
    let tz = zone(c);
    let body = html! {
        h1 { (l.t("console.webhooks.deliveries")) }
        p { code { (sub.url) } }
        @if rows.is_empty() {
            p { (l.t("console.webhooks.none")) }
        } @else {
            table #deliveries {
                thead { tr {
                    th { (l.t("console.disputes.opened")) }
                    th { (l.t("console.shipment.event")) }
                    th { (l.t("console.disputes.status")) }
                    th { (l.t("console.webhooks.tries")) }
                    th { (l.t("console.webhooks.last")) }
                    th {}
                } }
                tbody {
                    @for d in rows {
                        tr data-delivery=(d.id) data-status=(d.status) {
                            td { (when_utc(l, tz, d.created_at)) }
                            td { code { (d.event_type) } }
                            td class=(if d.status == "dead" { "missed" } else { "" }) { (d.status)
                                @if let Some(t) = d.next_try_at { br; small { (l.t("console.webhooks.next")) " " (when_utc(l, tz, t)) } } }
                            td { (d.tries) }
                            td {
                                @if let Some(code) = d.last_status_code { "HTTP " (code) }
                                @if let Some(e) = &d.last_error { " " small { (e) } }
                                @if let Some(ms) = d.last_latency_ms { " · " (ms) " ms" }
                            }
                            td {
                                @if d.status != "delivered" && sub.active {
                                    form method="post" action={ "/console/webhook-deliveries/" (d.id) "/retry" } {
                                        input type="hidden" name=(super::csrf::FIELD) value=(c.csrf);
                                        button type="submit" { (l.t("console.webhooks.retry")) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            @if more {
                @if let Some(last) = rows.last() {
                    p { a rel="next" href={ "/console/webhooks/" (sub.id) "?after=" (last.id) } { (l.t("console.webhooks.more")) } }
                }
            }
        }
    };
    layout(l, Some(c), l.t("console.webhooks.deliveries"), body)
}
