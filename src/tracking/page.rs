//! `/t/{token}`: the customer's tracking page, server-rendered HTML that works without
//! JavaScript. Forms post back here and redirect (303) to the page; a form with errors is shown
//! again with the errors next to the fields and what was typed kept. The changes go through the
//! same functions as the JSON routes.

use std::collections::HashMap;

use actix_web::http::{StatusCode, header};
use actix_web::web::{Form, Path, Query};
use actix_web::{HttpRequest, HttpResponse, get, post};
use chrono::{DateTime, NaiveDateTime, Utc};
use chrono_tz::Tz;
use maud::{DOCTYPE, Markup, html};
use serde::Deserialize;
use utoipa::IntoParams;

use super::model::{ContactUpdate, LinkHandover, TrackingView};
use super::service::{apply_contact, apply_early_consent, apply_reschedule, locked_by_token};
use crate::custody::rules::HandoffTarget;
use crate::db::Conn;
use crate::error::{ApiError, ApiResult};
use crate::i18n::{Lang, Shape, local, window};
use crate::kpis::rules::Tag;
use crate::shipments::model::{NewWindow, Preferences, WindowChoice};
use crate::shipments::service::Locked;
use crate::status::Status;
use crate::web::ratelimit::tracking_link as limit;
use crate::web::state::State;

const CSS: &str = include_str!("page.css");
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; \
                   frame-ancestors 'none'; base-uri 'none'";
const DISPUTE_REASONS: [&str; 7] = [
    "was_home",
    "not_called",
    "not_received",
    "damaged",
    "wrong_place",
    "thrown",
    "other",
];

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// `en` or `fr` (default: from `Accept-Language`).
    pub lang: Option<String>,
    /// Which form was just saved (shows a confirmation).
    pub done: Option<String>,
}

fn lang(req: &HttpRequest, q: &PageQuery) -> Lang {
    q.lang.as_deref().and_then(Lang::parse).unwrap_or_else(|| {
        Lang::from_accept(
            req.headers()
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok()),
        )
    })
}

/// A form shown again: which one, what was typed, and the message per field.
#[derive(Debug, Default)]
struct Submitted {
    form: &'static str,
    values: Vec<(String, String)>,
    errors: HashMap<String, String>,
    general: Option<String>,
}

impl Submitted {
    fn value(&self, form: &str, name: &str) -> Option<&str> {
        (self.form == form)
            .then(|| {
                self.values
                    .iter()
                    .find(|(k, _)| k == name)
                    .map(|(_, v)| v.as_str())
            })
            .flatten()
    }
    fn checked(&self, form: &str, name: &str, default: bool) -> bool {
        if self.form == form {
            self.value(form, name).is_some()
        } else {
            default
        }
    }
    fn error(&self, form: &str, name: &str) -> Option<&str> {
        (self.form == form)
            .then(|| self.errors.get(name).map(String::as_str))
            .flatten()
    }
}

fn secure(mut b: actix_web::HttpResponseBuilder) -> actix_web::HttpResponseBuilder {
    b.insert_header((header::CONTENT_SECURITY_POLICY, CSP))
        .insert_header((header::REFERRER_POLICY, "no-referrer"))
        .insert_header((header::X_FRAME_OPTIONS, "DENY"))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        // Private: a link that leaked into a page a crawler reads is still not indexed.
        .insert_header(("x-robots-tag", "noindex, nofollow"));
    b
}

fn html_response(status: StatusCode, markup: Markup) -> HttpResponse {
    secure(HttpResponse::build(status))
        .content_type("text/html; charset=utf-8")
        .body(markup.into_string())
}

fn layout(l: Lang, title: &str, body: Markup) -> Markup {
    layout_refreshed(l, title, None, body)
}

/// Seconds after which a page whose news moves by itself (the driver on the way) reloads:
/// no script, the browser's own refresh.
const LIVE_REFRESH_SECS: u32 = 60;

fn layout_refreshed(l: Lang, title: &str, refresh: Option<u32>, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang=(l.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="referrer" content="no-referrer";
                // A tracking link is private: never in a search engine.
                meta name="robots" content="noindex, nofollow";
                meta name="description" content=(l.t("description"));
                link rel="icon" href=(format!("/t/assets/icon.svg?v={}", assets_version())) type="image/svg+xml";
                @if let Some(secs) = refresh {
                    // Reloads unless the customer is typing; without script, plainly.
                    noscript { meta http-equiv="refresh" content=(secs); }
                    script src=(format!("/t/assets/refresh.js?v={}", assets_version())) data-secs=(secs) defer {}
                }
                title { (title) }
                link rel="stylesheet" href=(format!("/t/assets/page.css?v={}", assets_version()));
            }
            body { main { (body) } }
        }
    }
}

fn message_page(l: Lang, status: StatusCode, title_key: &str, body_key: &str) -> HttpResponse {
    let body = html! {
        h1 { (l.t(title_key)) }
        p { (l.t(body_key)) }
    };
    html_response(status, layout(l, l.t(title_key), body))
}

/// The shop's decision on a dispute in words: upheld or not, and what it does about it.
fn decision(l: Lang, resolution: &str, remedy: &str) -> String {
    let mut s = l.t(&format!("ev.dispute.resolved.{resolution}")).to_owned();
    if s.is_empty() {
        return l.t("ev.dispute.resolved").to_owned();
    }
    let remedy = l.t(&format!("remedy.{remedy}"));
    if !remedy.is_empty() {
        s.push(' ');
        s.push_str(remedy);
    }
    s
}

/// The driver's approach in words: "next stop: you", or the stops before and the minutes.
fn live_line(l: Lang, live: &crate::live::model::LiveEstimate) -> String {
    let minutes = live.minutes.to_string();
    let stops = live.stops_before.to_string();
    let key = match live.stops_before {
        0 => "live.next",
        1 => "live.one",
        _ => "live.many",
    };
    l.f(key, &[("minutes", &minutes), ("stops", &stops)])
}

/// Friendly pages for a wrong link and for throttling; other errors stay problem+json.
fn error_page(l: Lang, e: ApiError) -> HttpResponse {
    match e {
        ApiError::NotFound(_) => {
            message_page(l, StatusCode::NOT_FOUND, "notfound.title", "notfound.body")
        }
        ApiError::TooManyRequests {
            retry_after_secs, ..
        } => {
            let mut r = message_page(
                l,
                StatusCode::TOO_MANY_REQUESTS,
                "limited.title",
                "limited.body",
            );
            if let Ok(v) = header::HeaderValue::from_str(&retry_after_secs.to_string()) {
                r.headers_mut().insert(header::RETRY_AFTER, v);
            }
            r
        }
        other => actix_web::ResponseError::error_response(&other),
    }
}

/// Day and time in the shipment's zone, the zone named.
/// A `datetime-local` field's value: the local time in the shipment's zone (such inputs carry
/// no zone).
fn field_value(t: DateTime<Utc>, tz: Tz) -> String {
    crate::timezone::to_local(t, tz)
        .format("%Y-%m-%dT%H:%M")
        .to_string()
}

/// The courier's slots with a free place, one tap each (a form posting the slot's moments).
fn slot_buttons(l: Lang, tz: Tz, slots: &[WindowChoice], action: &str) -> Markup {
    html! {
        @if slots.is_empty() {
            p #slots-none { (l.t("redelivery.slots_none")) }
        } @else {
            p { (l.t("redelivery.slots")) }
            ul #slots {
                @for slot in slots {
                    li {
                        form method="post" action=(action) {
                            input type="hidden" name="slot" value=(format!("{}/{}", slot.start.to_rfc3339(), slot.end.to_rfc3339()));
                            button.slot type="submit" { (window(slot.start, slot.end, tz, l)) }
                        }
                    }
                }
            }
        }
    }
}

/// The slot a slot button posted: its moments exactly (UTC), no local time to read.
fn posted_slot(p: &Pairs) -> Option<WindowChoice> {
    let (a, b) = get(p, "slot")?.split_once('/')?;
    Some(WindowChoice {
        start: DateTime::parse_from_rfc3339(a).ok()?.with_timezone(&Utc),
        end: DateTime::parse_from_rfc3339(b).ok()?.with_timezone(&Utc),
    })
}

fn time(l: Lang, tz: Tz, t: DateTime<Utc>) -> String {
    local(t, tz, l, Shape::DayAndTime)
}

fn distance(m: f64) -> String {
    if m >= 1000.0 {
        format!("{:.1} km", m / 1000.0)
    } else {
        format!("{m:.0} m")
    }
}

fn timeline_sentence(
    l: Lang,
    v: &TrackingView,
    kind: &str,
    detail: Option<&serde_json::Value>,
) -> String {
    let d = |k: &str| {
        detail
            .and_then(|d| d.get(k))
            .and_then(|x| x.as_str())
            .unwrap_or_default()
            .to_owned()
    };
    match kind {
        "shipment.created" => l.f(
            "ev.shipment.created",
            &[("marketplace", &v.marketplace_name)],
        ),
        "handoff.requested" => {
            let name = d("to_name");
            let key = if name.is_empty() {
                "ev.handoff.requested.unnamed"
            } else if d("to") == HandoffTarget::Driver.as_str() {
                "ev.handoff.requested.driver"
            } else {
                "ev.handoff.requested"
            };
            l.f(key, &[("name", &name)])
        }
        "handoff.accepted" => l.f(
            &format!("ev.handoff.accepted.{}", d("to")),
            &[("courier", v.courier_name.as_deref().unwrap_or_default())],
        ),
        "contact_attempt.recorded" => {
            let tz = crate::timezone::zone(&v.time_zone);
            let at = d("occurred_at")
                .parse::<DateTime<Utc>>()
                .map(|t| local(t, tz, l, Shape::Time))
                .unwrap_or_default();
            let mut s = l.f(&format!("ev.contact.{}", d("channel")), &[("time", &at)]);
            s.push_str(l.t(&format!("outcome.{}", d("outcome"))));
            s
        }
        "redelivery.proposed" | "redelivery.chosen" => {
            let tz = crate::timezone::zone(&v.time_zone);
            let w = detail
                .and_then(|x| x.get("window"))
                .and_then(|w| serde_json::from_value::<WindowChoice>(w.clone()).ok());
            match w {
                Some(w) => l.f(
                    &format!("ev.{kind}"),
                    &[("window", &window(w.start, w.end, tz, l))],
                ),
                None => l.t("ev.other").to_owned(),
            }
        }
        "shipment.eta" => match d("eta").parse::<DateTime<Utc>>() {
            Ok(eta) => {
                let tz = crate::timezone::zone(&v.time_zone);
                l.f("ev.shipment.eta.at", &[("time", &time(l, tz, eta))])
            }
            Err(_) => l.t("ev.shipment.eta").to_owned(),
        },
        "dispute.resolved" => decision(l, &d("resolution"), &d("remedy")),
        "attempt.recorded" => {
            let mut s = l.t(&format!("ev.attempt.{}", d("outcome"))).to_owned();
            if let Some(m) = detail
                .and_then(|x| x.get("distance_m"))
                .and_then(|x| x.as_f64())
            {
                s.push_str(". ");
                s.push_str(&l.f("attempt.distance", &[("distance", &distance(m))]));
            }
            s
        }
        other => {
            let key = format!("ev.{other}");
            match l.t(&key) {
                "" => l.t("ev.other").to_owned(),
                t => t.to_owned(),
            }
        }
    }
}

/// Where the parcel is between two parties, in plain words: lost (and where it was last
/// confirmed), an overdue hand-over (a custody gap), or a hand-over waiting for its receiver.
fn custody_lines(l: Lang, v: &TrackingView) -> Markup {
    let driver = |h: &LinkHandover| h.to == HandoffTarget::Driver;
    let tz = crate::timezone::zone(&v.time_zone);
    let last = v
        .loss
        .as_ref()
        .map(|x| &x.last_confirmed)
        .or(v.last_confirmed.as_ref());
    let last_line = last.map(|c| {
        l.f(
            "custody.last_confirmed",
            &[("name", &c.with_name), ("time", &time(l, tz, c.at))],
        )
    });
    html! {
        @if let Some(loss) = &v.loss {
            section #custody .lost {
                @if let Some(h) = &loss.never_accepted {
                    @let key = if driver(h) { "lost.in_transit.driver" } else { "lost.in_transit" };
                    @let from = &loss.last_confirmed.with_name;
                    p { (l.f(key, &[("from", from), ("to", &h.to_name), ("time", &time(l, tz, h.requested_at))])) }
                }
                @if let Some(line) = &last_line {
                    p #last-confirmed { (line) }
                }
            }
        } @else if let Some(h) = &v.handover {
            section #custody {
                @let key = match (h.custody_gap, driver(h)) {
                    (false, false) => "handover.waiting",
                    (false, true) => "handover.waiting.driver",
                    (true, false) => "handover.gap",
                    (true, true) => "handover.gap.driver",
                };
                p #handover { (l.f(key, &[("name", &h.to_name), ("time", &time(l, tz, h.requested_at))])) }
                @if h.custody_gap && let Some(line) = &last_line {
                    p #last-confirmed { (line) }
                }
            }
        }
    }
}

fn field_error(s: &Submitted, form: &str, name: &str) -> Markup {
    html! {
        @if let Some(msg) = s.error(form, name) {
            p.error id=(format!("{form}-{name}-error")) role="alert" { (msg) }
        }
    }
}

fn text_input(l: Lang, s: &Submitted, form: &str, name: &str, kind: &str, current: &str) -> Markup {
    bounded_input(l, s, (form, name), kind, current, None)
}

/// The earliest and latest local times a window may start (the picker offers no other day).
type Bounds = (String, String);

fn window_bounds(now: DateTime<Utc>, days: i64, tz: Tz) -> Bounds {
    use crate::tracking::rules::NOTICE_HOURS;
    (
        field_value(now + chrono::Duration::hours(NOTICE_HOURS), tz),
        field_value(now + chrono::Duration::days(days), tz),
    )
}

fn bounded_input(
    l: Lang,
    s: &Submitted,
    (form, name): (&str, &str),
    kind: &str,
    current: &str,
    bounds: Option<&Bounds>,
) -> Markup {
    let value = s.value(form, name).unwrap_or(current);
    let id = format!("{form}-{name}");
    let (min, max) = (bounds.map(|b| b.0.as_str()), bounds.map(|b| b.1.as_str()));
    html! {
        label for=(id) { (l.t(&format!("field.{name}"))) }
        @if let Some(msg) = s.error(form, name) {
            // The field in error takes the focus (the browser scrolls to it).
            input id=(id) name=(name) type=(kind) value=(value) min=[min] max=[max]
                aria-invalid="true" aria-describedby=(format!("{id}-error")) autofocus;
            p.error id=(format!("{id}-error")) role="alert" { (msg) }
        } @else {
            input id=(id) name=(name) type=(kind) value=(value) min=[min] max=[max];
        }
    }
}

/// After a failed attempt: the courier's proposal with an accept button, and a form to choose
/// the new visit's window (offered first: the proposal, else the promised hours on the first day
/// with notice).
fn redelivery_section(
    l: Lang,
    s: &Submitted,
    v: &TrackingView,
    action: &dyn Fn(&str) -> String,
    now: chrono::DateTime<chrono::Utc>,
) -> Markup {
    let proposal = v
        .redelivery
        .as_ref()
        .and_then(|r| r.proposed_window.as_ref());
    let chosen = v.redelivery.as_ref().and_then(|r| r.chosen_at).is_some();
    let offer = crate::redelivery::service::suggestion(&v.window, proposal, now);
    let days = v.redelivery_horizon_days.to_string();
    let tz = crate::timezone::zone(&v.time_zone);
    let bounds = window_bounds(now, i64::from(v.redelivery_horizon_days) + 1, tz);
    html! {
        section #redelivery {
            h2 { (l.t("redelivery.title")) }
            @if chosen {
                p #redelivery-chosen { (l.f("redelivery.chosen", &[("window", &window(v.window.start, v.window.end, tz, l))])) }
            } @else {
                p { (l.t("redelivery.help")) }
            }
            @if let Some(p) = proposal {
                p #redelivery-proposal { (l.f("redelivery.proposed", &[("window", &window(p.start, p.end, tz, l))])) }
                form method="post" action=(action("redelivery-accept")) {
                    button #redelivery-accept type="submit" { (l.t("button.redelivery_accept")) }
                }
            }
            @if let Some(slots) = &v.slots {
                (slot_buttons(l, tz, slots, &action("redelivery")))
            } @else {
                p { (l.f("redelivery.horizon", &[("days", &days)])) }
                form #redelivery-form method="post" action=(action("redelivery")) {
                    (bounded_input(l, s, ("redelivery", "start"), "datetime-local", &field_value(offer.start, tz), Some(&bounds)))
                    (bounded_input(l, s, ("redelivery", "end"), "datetime-local", &field_value(offer.end, tz), Some(&bounds)))
                    button type="submit" { (l.t("button.redelivery")) }
                }
            }
        }
    }
}

/// What the page leads with.
#[derive(Clone, Copy)]
enum Lead {
    /// After a failed visit: choose the new day.
    Redelivery,
    /// A contested attempt was decided: the outcome and its remedy.
    Decision,
    /// Delivered: rate the driver.
    Rating,
    /// Otherwise: the parcel's facts (window, ETA, the driver on the way, the PIN).
    Facts,
}

fn render(
    l: Lang,
    token: &str,
    v: &TrackingView,
    done: Option<&str>,
    s: &Submitted,
    now: chrono::DateTime<chrono::Utc>,
) -> Markup {
    let q = format!("?lang={}", l.code());
    let action = |name: &str| format!("/t/{token}/{name}{q}");
    let other = if l == Lang::En { "fr" } else { "en" };
    let window_key = if v.window.firm {
        "window.firm"
    } else {
        "window.estimated"
    };
    let recipient = v.recipient.as_ref();
    let prefs = &v.preferences;
    let open_dispute = v.disputes.iter().find(|d| d.status != "resolved");
    // The last attempt was already contested and decided: the decision, not the form again.
    let last_attempt = v.attempts.last().map(|a| a.id.as_str());
    let decided = v
        .disputes
        .iter()
        .rfind(|d| d.status == "resolved" && d.attempt_id.as_deref() == last_attempt);
    let rating = v.rating.as_ref();
    let tz = crate::timezone::zone(&v.time_zone);
    let reschedule_bounds = window_bounds(now, crate::tracking::rules::MAX_AHEAD_DAYS, tz);
    // The one thing to do now leads, by state; everything else follows in its usual order.
    let lead = if v.can_choose_redelivery {
        Lead::Redelivery
    } else if decided.is_some() && open_dispute.is_none() && v.status != Status::Delivered {
        Lead::Decision
    } else if v.can_rate {
        Lead::Rating
    } else {
        Lead::Facts
    };
    // After a failure the old window and ETA are history, not a promise: hidden until a new
    // window is chosen.
    let stale = v.status == Status::AttemptFailed
        && v.redelivery.as_ref().and_then(|r| r.chosen_at).is_none();
    let attempts = html! {
        @if !v.attempts.is_empty() {
            section #attempts {
                h2 { (l.t("section.attempts")) }
                @for a in &v.attempts {
                    article.attempt {
                        @let key = if a.outcome == crate::attempts::rules::Outcome::Delivered { "attempt.delivered" } else { "attempt.failed" };
                        h3 { (l.f(key, &[("time", &time(l, tz, a.occurred_at))])) }
                        @if let Some(m) = a.distance_m {
                            p { (l.f("attempt.distance", &[("distance", &distance(m))])) }
                        }
                        @if a.verified {
                            p.ok { (l.t("attempt.verified")) }
                        }
                        ul.flags {
                            @for f in &a.flags {
                                li { (l.t(&format!("flag.{}", f.flag.as_str()))) }
                            }
                        }
                        @for p in &a.photos {
                            img src=(format!("/v1/track/{token}/photos/{}", p.id)) alt=(l.t("attempt.photo")) loading="lazy";
                        }
                    }
                }
            }
        }
    };
    let dispute = html! {
        @if !v.attempts.is_empty() {
            section #dispute {
                h2 { (l.t("section.dispute")) }
                @if let Some(d) = open_dispute {
                    p { (l.f("dispute.open", &[("status", l.t(&format!("dispute.status.{}", d.status)))])) }
                } @else if let Some(d) = decided {
                    p #decision { (decision(l, d.resolution.as_deref().unwrap_or_default(), d.remedy.as_deref().unwrap_or_default())) }
                } @else {
                    p { (l.t("dispute.help")) }
                    form method="post" action=(action("dispute")) {
                        label for="dispute-reason" { (l.t("field.reason")) }
                        select #dispute-reason name="reason" {
                            @for r in DISPUTE_REASONS {
                                option value=(r) selected[s.value("dispute", "reason") == Some(r)] { (l.t(&format!("reason.{r}"))) }
                            }
                        }
                        (field_error(s, "dispute", "reason"))
                        label for="dispute-comment" { (l.t("field.comment")) }
                        textarea #dispute-comment name="comment" maxlength="1000" { (s.value("dispute", "comment").unwrap_or_default()) }
                        (field_error(s, "dispute", "comment"))
                        button type="submit" { (l.t("button.dispute")) }
                    }
                }
            }
        }
    };
    let rating_section = html! {
        @if v.can_rate {
            section #rating {
                h2 { (l.t("section.rating")) }
                p { (l.t("rating.help")) }
                form method="post" action=(action("rating")) {
                    fieldset.stars {
                        legend { (l.t("field.stars")) }
                        @for n in 1..=5 {
                            @let typed = s.value("rating", "stars").map(|x| x == n.to_string());
                            @let checked = typed.unwrap_or(rating.is_some_and(|r| r.stars == n));
                            input type="radio" name="stars" id=(format!("stars-{n}")) value=(n) checked[checked];
                            label for=(format!("stars-{n}")) { (n) " ★" }
                        }
                    }
                    (field_error(s, "rating", "stars"))
                    fieldset.tags {
                        legend { (l.t("field.tags")) }
                        @for t in Tag::ALL {
                            @let name = format!("tag_{}", t.as_str());
                            @let had = rating.is_some_and(|r| r.tags.contains(&t));
                            label {
                                input type="checkbox" name=(name) value="1" checked[s.checked("rating", &name, had)];
                                " " (l.t(&format!("tag.{}", t.as_str())))
                            }
                        }
                    }
                    label for="rating-comment" { (l.t("field.comment")) }
                    textarea #rating-comment name="comment" maxlength="1000" {
                        (s.value("rating", "comment").or(rating.and_then(|r| r.comment.as_deref())).unwrap_or_default())
                    }
                    (field_error(s, "rating", "comment"))
                    button type="submit" { (l.t("button.rating")) }
                }
            }
        }
    };
    let redelivery = html! {
        @if v.can_choose_redelivery {
            (redelivery_section(l, s, v, &action, now))
        }
    };
    let body = html! {
        p.order { (l.f("order", &[("reference", &v.reference), ("marketplace", &v.marketplace_name)])) }
        h1 #status { (l.t(&format!("status.{}", v.status.as_str()))) }
        @if let Some(key) = done.filter(|d| ["contact", "reschedule", "early", "dispute", "rating", "redelivery", "redelivery_accept"].contains(d)) {
            p.done role="status" { (l.t(&format!("done.{key}"))) }
        }
        @if let Some(msg) = &s.general {
            p.error role="alert" { (msg) }
        } @else if !s.errors.is_empty() {
            p.error role="alert" { (l.t("error.summary")) }
        }
        @match lead {
            Lead::Redelivery => { (redelivery) (attempts) (dispute) }
            Lead::Decision => { (dispute) (attempts) }
            Lead::Rating => { (rating_section) }
            Lead::Facts => {}
        }
        @if !stale {
            p #window { (l.f(window_key, &[("window", &window(v.window.start, v.window.end, tz, l))])) }
        }
        @if let Some(live) = &v.live {
            p #live role="status" { (live_line(l, live)) }
        }
        @if let Some(eta) = v.eta.filter(|_| !stale) {
            p #eta { (l.f("eta", &[("time", &time(l, tz, eta))])) }
        }
        (custody_lines(l, v))
        @if let Some(c) = &v.courier_name {
            p { (l.f("carrier", &[("name", c)])) }
        }
        @if let Some(d) = &v.driver_first_name {
            p #driver {
                (l.f("driver", &[("name", d)]))
                @if let Some(r) = v.driver_rating {
                    " · " span.stars { (l.f("driver_rating", &[("stars", &format!("{r:.1}"))])) }
                }
            }
        }
        @if let Some(pin) = &v.handover_pin {
            section.pin {
                h2 { (l.t("pin.title")) }
                p.code #pin { (pin) }
                p { (l.t("pin.help")) }
            }
        }
        @match lead {
            Lead::Redelivery => {}
            Lead::Decision => { (rating_section) }
            Lead::Rating => { (attempts) (dispute) }
            Lead::Facts => { (attempts) (dispute) (rating_section) }
        }
        @if v.can_update_contact {
            section #contact {
                h2 { (l.t("section.contact")) }
                form method="post" action=(action("contact")) {
                    (text_input(l, s, "contact", "phone", "tel", recipient.and_then(|r| r.phone.as_deref()).unwrap_or_default()))
                    (text_input(l, s, "contact", "email", "email", recipient.and_then(|r| r.email.as_deref()).unwrap_or_default()))
                    (text_input(l, s, "contact", "access_notes", "text", recipient.and_then(|r| r.access_notes.as_deref()).unwrap_or_default()))
                    label.check {
                        input type="checkbox" name="call_before_arrival" value="1" checked[s.checked("contact", "call_before_arrival", prefs.call_before_arrival)];
                        " " (l.t("field.call_before_arrival"))
                    }
                    label.check {
                        input type="checkbox" name="safe_place_allowed" value="1" checked[s.checked("contact", "safe_place_allowed", prefs.safe_place_allowed)];
                        " " (l.t("field.safe_place_allowed"))
                    }
                    (text_input(l, s, "contact", "safe_place", "text", prefs.safe_place.as_deref().unwrap_or_default()))
                    button type="submit" { (l.t("button.contact")) }
                }
            }
        }
        @if v.can_reschedule {
            section #reschedule {
                h2 { (l.t("section.reschedule")) }
                @if let Some(slots) = &v.slots {
                    (slot_buttons(l, tz, slots, &action("reschedule")))
                } @else {
                    p { (l.f("reschedule.zone", &[("zone", tz.name())])) }
                    form method="post" action=(action("reschedule")) {
                        (bounded_input(l, s, ("reschedule", "start"), "datetime-local", &field_value(v.window.start, tz), Some(&reschedule_bounds)))
                        (bounded_input(l, s, ("reschedule", "end"), "datetime-local", &field_value(v.window.end, tz), Some(&reschedule_bounds)))
                        button type="submit" { (l.t("button.reschedule")) }
                    }
                }
            }
        }
        @if v.window.firm && !v.status.is_final() {
            section #early {
                h2 { (l.t("section.early")) }
                @if v.early_consent {
                    p { (l.t("early.given")) }
                } @else {
                    p { (l.t("early.help")) }
                    form method="post" action=(action("early-consent")) {
                        button type="submit" { (l.t("button.early")) }
                    }
                }
            }
        }
        @if let Some(n) = &v.notifications {
            section #notifications {
                h2 { (l.t("msg.section")) }
                p { (l.t("msg.help")) }
                form method="post" action=(action("notifications")) {
                    label { input type="checkbox" name="email" checked[n.email]; " " (l.t("msg.channel.email")) }
                    label { input type="checkbox" name="sms" checked[n.sms]; " " (l.t("msg.channel.sms")) }
                    button type="submit" { (l.t("msg.button")) }
                }
            }
        }
        section #timeline {
            h2 { (l.t("section.timeline")) }
            ol {
                @for e in v.timeline.iter().rev() {
                    li {
                        time datetime=(e.at.to_rfc3339()) { (time(l, tz, e.at)) }
                        " " (timeline_sentence(l, v, &e.kind, e.detail.as_ref()))
                    }
                }
            }
        }
        p.switch { a href=(format!("/t/{token}?lang={other}")) lang=(other) { (l.t("switch")) } }
    };
    let live = v.status == Status::OutForDelivery;
    layout_refreshed(l, l.t("title"), live.then_some(LIVE_REFRESH_SECS), body)
}

async fn show(
    state: &State,
    token: String,
    l: Lang,
    done: Option<String>,
    submitted: Submitted,
    status: StatusCode,
) -> HttpResponse {
    let t = token.clone();
    let (views, secrets) = (state.tracking_views.clone(), state.secrets.clone());
    let now = state.clock.naive();
    let found = state
        .db
        .read(move |c| super::service::track(c, &views, &secrets, &t, now))
        .await;
    match found {
        Ok(v) => html_response(
            status,
            render(l, &token, &v, done.as_deref(), &submitted, now.and_utc()),
        ),
        Err(e) => error_page(l, e),
    }
}

/// The customer's tracking page (HTML, English or French, works without JavaScript).
#[utoipa::path(
    tag = "tracking",
    params(("token" = String, Path, description = "Tracking token"), PageQuery),
    responses(
        (status = 200, description = "The page", content_type = "text/html", body = String),
        (status = 404, description = "Unknown link (a friendly page)", content_type = "text/html", body = String),
        (status = 429, description = "Too many requests (a friendly page)", content_type = "text/html", body = String),
    )
)]
#[get("/t/{token}")]
pub async fn page(
    state: State,
    req: HttpRequest,
    token: Path<String>,
    q: Query<PageQuery>,
) -> HttpResponse {
    let l = lang(&req, &q);
    let token = token.into_inner();
    if let Err(e) = limit(&state, &req, &token).await {
        return error_page(l, e);
    }
    let done = q.into_inner().done;
    show(&state, token, l, done, Submitted::default(), StatusCode::OK).await
}

/// The first 12 hex digits of the SHA-256 of the page's assets: the `?v=` of their links, so
/// that they are cached for a year and a new version is fetched at once.
fn assets_version() -> &'static str {
    use sha2::{Digest, Sha256};
    static V: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    V.get_or_init(|| {
        let mut h = Sha256::new();
        for part in [CSS, ICON, REFRESH] {
            h.update(part.as_bytes());
            h.update([0]);
        }
        hex::encode(h.finalize())[..12].to_owned()
    })
}

const ICON: &str = include_str!("icon.svg");
const REFRESH: &str = include_str!("refresh.js");
const ASSET_CACHE: &str = "public, max-age=31536000, immutable";

/// A static asset of the page: its type, how long it may be cached, no sniffing.
fn asset(content_type: &str, cache: &str, body: &'static str) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(content_type)
        .insert_header((header::CACHE_CONTROL, cache))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .body(body)
}

/// The page's stylesheet.
#[utoipa::path(
    tag = "tracking",
    responses((status = 200, description = "CSS", content_type = "text/css", body = String))
)]
#[get("/t/assets/page.css")]
pub async fn stylesheet() -> HttpResponse {
    asset("text/css; charset=utf-8", ASSET_CACHE, CSS)
}

/// The page's script while the driver is on the way: it reloads the page for the news unless
/// the customer is typing in a form.
#[utoipa::path(
    tag = "tracking",
    responses((status = 200, description = "JavaScript", content_type = "text/javascript", body = String))
)]
#[get("/t/assets/refresh.js")]
pub async fn refresh_script() -> HttpResponse {
    asset("text/javascript; charset=utf-8", ASSET_CACHE, REFRESH)
}

/// What crawlers may fetch: nothing of the tracking links (each page also says `noindex`).
#[utoipa::path(
    tag = "tracking",
    responses((status = 200, description = "robots.txt", content_type = "text/plain", body = String))
)]
#[get("/robots.txt")]
pub async fn robots() -> HttpResponse {
    asset(
        "text/plain; charset=utf-8",
        "public, max-age=86400",
        "User-agent: *\nDisallow: /t/\nDisallow: /console/\nDisallow: /driver\n",
    )
}

/// The page's icon (browsers ask for one on every page; without it, a 404 each time).
#[utoipa::path(
    tag = "tracking",
    responses((status = 200, description = "SVG", content_type = "image/svg+xml", body = String))
)]
#[get("/t/assets/icon.svg")]
pub async fn icon() -> HttpResponse {
    asset("image/svg+xml", ASSET_CACHE, ICON)
}

type Pairs = Vec<(String, String)>;

fn get<'a>(pairs: &'a Pairs, name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

fn has(pairs: &Pairs, name: &str) -> bool {
    get(pairs, name).is_some()
}

fn nonempty(pairs: &Pairs, name: &str) -> Option<String> {
    get(pairs, name)
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
}

/// Apply a form in one transaction on the locked shipment; on success redirect to the page,
/// otherwise show the page again with the errors.
async fn submit<F>(
    state: State,
    req: HttpRequest,
    token: String,
    q: PageQuery,
    form: &'static str,
    pairs: Pairs,
    apply: F,
) -> HttpResponse
where
    F: FnOnce(&mut Conn, &mut Locked, NaiveDateTime) -> ApiResult<()> + Send + 'static,
{
    let l = lang(&req, &q);
    if let Err(e) = limit(&state, &req, &token).await {
        return error_page(l, e);
    }
    let t = token.clone();
    let clock = state.clock.clone();
    let result = state
        .db
        .write(move |c| {
            let mut locked = locked_by_token(c, &t)?;
            apply(c, &mut locked, clock.naive())
        })
        .await;
    let mut submitted = Submitted {
        form,
        values: pairs,
        ..Submitted::default()
    };
    let status = match result {
        Ok(()) => {
            let to = format!("/t/{token}?lang={}&done={form}#status", l.code());
            return secure(HttpResponse::SeeOther())
                .insert_header((header::LOCATION, to))
                .finish();
        }
        Err(ApiError::Validation(errors)) => {
            for e in errors {
                let field = form_field(&e.field).to_owned();
                // A local time a clock change skips or repeats has its own words; then a form's
                // own wording (`error.redelivery.start`), else the field's.
                let keys = match e.message.as_str() {
                    crate::timezone::SKIPPED => vec!["error.time_skipped".to_owned()],
                    crate::timezone::REPEATED => vec!["error.time_repeated".to_owned()],
                    _ => vec![format!("error.{form}.{field}"), format!("error.{field}")],
                };
                let msg = keys
                    .iter()
                    .map(|k| l.t(k))
                    .find(|m| !m.is_empty())
                    .unwrap_or(l.t("error.generic"));
                submitted.errors.insert(field, msg.to_owned());
            }
            StatusCode::UNPROCESSABLE_ENTITY
        }
        Err(ApiError::Conflict(_)) => {
            submitted.general = Some(l.t("error.conflict").to_owned());
            StatusCode::CONFLICT
        }
        Err(e) => return error_page(l, e),
    };
    show(&state, token, l, None, submitted, status).await
}

/// The page's field for an error's field path: the window forms post `start` and `end` where
/// the JSON body says `window.start`, `window.end`; other paths name their first segment.
fn form_field(path: &str) -> &str {
    let path = path.strip_prefix("window.").unwrap_or(path);
    path.split(['.', '[']).next().unwrap_or_default()
}

macro_rules! form_route {
    ($name:ident, $path:literal, $form:literal, $doc:literal, $build:expr) => {
        #[doc = $doc]
        #[utoipa::path(
            tag = "tracking",
            params(("token" = String, Path, description = "Tracking token"), PageQuery),
            request_body(content = String, content_type = "application/x-www-form-urlencoded",
                description = "The page's form fields"),
            responses(
                (status = 303, description = "Saved: back to the page"),
                (status = 400, response = crate::error::responses::BadRequest),
                (status = 404, description = "Unknown link (a friendly page)", content_type = "text/html", body = String),
                (status = 409, description = "No longer possible: the page with a message", content_type = "text/html", body = String),
                (status = 413, response = crate::error::responses::PayloadTooLarge),
                (status = 415, response = crate::error::responses::UnsupportedMediaType),
                (status = 422, description = "The page with the errors next to the fields", content_type = "text/html", body = String),
                (status = 429, description = "Too many requests (a friendly page)", content_type = "text/html", body = String),
            )
        )]
        #[post($path)]
        pub async fn $name(
            state: State,
            req: HttpRequest,
            token: Path<String>,
            q: Query<PageQuery>,
            body: Form<Pairs>,
        ) -> HttpResponse {
            let pairs = body.into_inner();
            let build: fn(&Pairs, &State) -> Box<dyn FnOnce(&mut Conn, &mut Locked, NaiveDateTime) -> ApiResult<()> + Send> = $build;
            let apply = build(&pairs, &state);
            submit(state, req, token.into_inner(), q.into_inner(), $form, pairs, move |c, r, now| apply(c, r, now)).await
        }
    };
}

form_route!(
    page_contact,
    "/t/{token}/contact",
    "contact",
    "Page form: update phone, e-mail, access notes and preferences.",
    |p, _| {
        let input = ContactUpdate {
            phone: nonempty(p, "phone"),
            email: get(p, "email").map(|v| v.trim().to_owned()),
            access_notes: get(p, "access_notes").map(|v| v.trim().to_owned()),
            preferences: Some(Preferences {
                call_before_arrival: has(p, "call_before_arrival"),
                safe_place_allowed: has(p, "safe_place_allowed"),
                safe_place: nonempty(p, "safe_place"),
            }),
        };
        Box::new(move |c, row, now| apply_contact(c, row, input, now))
    }
);

/// A `datetime-local` field: a wall-clock time, read in the shipment's zone later.
fn parse_local(p: &Pairs, name: &str) -> Option<NaiveDateTime> {
    get(p, name).and_then(|v| NaiveDateTime::parse_from_str(v, "%Y-%m-%dT%H:%M").ok())
}

/// The window typed in a form's `start` and `end` fields, read in the shipment's time zone
/// (`datetime-local` inputs carry no zone), or their errors: a time the clocks skip or repeat
/// at a change is refused, never guessed.
fn window_form(
    typed: (Option<NaiveDateTime>, Option<NaiveDateTime>),
    time_zone: &str,
) -> Result<NewWindow, ApiError> {
    let tz = crate::timezone::zone(time_zone);
    let mut errors = Vec::new();
    let mut moment = |name: &str, local: Option<NaiveDateTime>| {
        let Some(local) = local else {
            errors.push(crate::error::FieldError::new(
                name,
                "must be a date and time",
            ));
            return None;
        };
        match crate::timezone::from_local(local, tz) {
            Ok(t) => Some(t),
            Err(why) => {
                errors.push(crate::error::FieldError::new(name, why));
                None
            }
        }
    };
    let (start, end) = (
        moment("window.start", typed.0),
        moment("window.end", typed.1),
    );
    match (start, end) {
        (Some(start), Some(end)) => Ok(NewWindow {
            window: WindowChoice { start, end },
        }),
        _ => Err(ApiError::Validation(errors)),
    }
}

form_route!(
    page_reschedule,
    "/t/{token}/reschedule",
    "reschedule",
    "Page form: choose a new delivery window (local times in the shipment's time zone).",
    |p, _| {
        let typed = (parse_local(p, "start"), parse_local(p, "end"));
        let slot = posted_slot(p);
        Box::new(move |c, row, now| {
            let input = match slot {
                Some(window) => NewWindow { window },
                None => window_form(typed, &row.ship.time_zone)?,
            };
            apply_reschedule(c, row, input, now)
        })
    }
);

form_route!(
    page_redelivery,
    "/t/{token}/redelivery",
    "redelivery",
    "Page form: after a failed attempt, choose the new visit's window (local times in the shipment's time zone).",
    |p, _| {
        let typed = (parse_local(p, "start"), parse_local(p, "end"));
        let slot = posted_slot(p);
        Box::new(move |c, row, now| {
            let input = match slot {
                Some(window) => NewWindow { window },
                None => window_form(typed, &row.ship.time_zone)?,
            };
            crate::redelivery::service::choose(c, row, input, now)
        })
    }
);

form_route!(
    page_redelivery_accept,
    "/t/{token}/redelivery-accept",
    "redelivery_accept",
    "Page form: accept the courier's proposed re-delivery window.",
    |_, _| Box::new(crate::redelivery::service::accept)
);

form_route!(
    page_early_consent,
    "/t/{token}/early-consent",
    "early",
    "Page form: accept an earlier delivery.",
    |_, _| Box::new(apply_early_consent)
);

form_route!(
    page_notifications,
    "/t/{token}/notifications",
    "notifications",
    "Page form: switch the parcel's messages on or off per channel.",
    |p, state| {
        let choice = crate::notifications::model::NotificationChoice {
            email: Some(has(p, "email")),
            sms: Some(has(p, "sms")),
        };
        let configured = state.settings.notify_channels;
        Box::new(move |c, row, now| {
            crate::notifications::service::apply_choice(c, row, &choice, configured, None, now)
        })
    }
);

form_route!(
    page_dispute,
    "/t/{token}/dispute",
    "dispute",
    "Page form: contest the latest attempt.",
    |p, _| {
        let reason =
            serde_json::from_value(serde_json::json!(get(p, "reason").unwrap_or_default()));
        let comment = nonempty(p, "comment");
        Box::new(move |c, row, now| {
            let reason = reason.map_err(|_| ApiError::validation("reason", "choose a reason"))?;
            let input = crate::disputes::model::CreateDispute {
                reason,
                comment,
                attempt_id: None,
            };
            crate::disputes::service::open(c, row, input, now).map(|_| ())
        })
    }
);

form_route!(
    page_rating,
    "/t/{token}/rating",
    "rating",
    "Page form: rate the delivery (stars, tags, comment).",
    |p, state| {
        let stars = get(p, "stars").and_then(|s| s.parse().ok()).unwrap_or(0);
        let tags = Tag::ALL
            .into_iter()
            .filter(|t| has(p, &format!("tag_{}", t.as_str())))
            .map(|t| t.as_str().to_owned())
            .collect();
        let input = crate::ratings::model::RateDelivery {
            stars,
            tags,
            comment: nonempty(p, "comment"),
        };
        let harsh = state.settings.harsh_rater;
        Box::new(move |c, row, now| {
            crate::ratings::service::submit(c, row, input, harsh, now).map(|_| ())
        })
    }
);
