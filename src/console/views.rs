//! The console's HTML (maud): server-rendered, no JavaScript, the tracking page's headers.
//! Charts are inline SVG drawn here, their numbers in a table beside them.

use actix_web::HttpResponse;
use actix_web::http::{StatusCode, header};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Tz;
use maud::{DOCTYPE, Markup, html};

use super::session::Console;
use crate::disputes::model::{DisputeRow, Evidence};
use crate::i18n::{Lang, Shape, local};
use crate::kpis::model::{CourierScorecard, KpiSet};
use crate::kpis::rules::{Kpi, Target};
use crate::orgs::model::OrgKind;
use crate::users::model::Role;

pub const CSS: &str = include_str!("console.css");
const CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; \
                   frame-ancestors 'none'; base-uri 'none'";

/// The KPIs every scorecard shows, with or without a target (others only when targeted).
const ALWAYS: [Kpi; 3] = [
    Kpi::OnTimeRate,
    Kpi::FirstAttemptSuccessRate,
    Kpi::AverageStars,
];

fn secure(mut b: actix_web::HttpResponseBuilder) -> actix_web::HttpResponseBuilder {
    b.insert_header((header::CONTENT_SECURITY_POLICY, CSP))
        .insert_header((header::REFERRER_POLICY, "no-referrer"))
        .insert_header((header::X_FRAME_OPTIONS, "DENY"))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .insert_header((header::CACHE_CONTROL, "no-store"));
    b
}

pub fn page(status: StatusCode, markup: Markup) -> HttpResponse {
    secure(HttpResponse::build(status))
        .content_type("text/html; charset=utf-8")
        .body(markup.into_string())
}

pub fn redirect(to: &str) -> HttpResponse {
    secure(HttpResponse::SeeOther())
        .insert_header((header::LOCATION, to.to_owned()))
        .finish()
}

pub fn csv_response(body: Vec<u8>, name: &str) -> HttpResponse {
    secure(HttpResponse::Ok())
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{name}.csv\""),
        ))
        .body(body)
}

/// The signed-in user's zone: the org's, else UTC.
pub fn zone(c: &Console) -> Tz {
    c.actor
        .org_time_zone
        .as_deref()
        .map_or(Tz::UTC, crate::timezone::zone)
}

pub fn when(l: Lang, tz: Tz, t: NaiveDateTime) -> String {
    local(t.and_utc(), tz, l, Shape::DayAndTime)
}

pub fn when_utc(l: Lang, tz: Tz, t: DateTime<Utc>) -> String {
    local(t, tz, l, Shape::DayAndTime)
}

/// A serde enum's wire name (`attempt_failed`), for display and CSV.
pub fn wire<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// A KPI's name in the page's language.
pub fn kpi_label(l: Lang, k: Kpi) -> String {
    match l.t(&format!("kpi.{}", k.as_str())) {
        "" => k.as_str().replace('_', " "),
        t => t.to_owned(),
    }
}

/// A KPI value as people read it: rates in percent, others with two decimals.
pub fn shown(k: Kpi, v: Option<f64>) -> String {
    match v {
        None => "–".to_owned(),
        Some(v) if k.as_str().ends_with("_rate") => format!("{:.1} %", v * 100.0),
        Some(v) => format!("{v:.2}"),
    }
}

/// A target in the unit of its KPI's values: "≥ 80.0 %", "≥ 4.50".
fn target_text(k: Kpi, t: Option<&Target>) -> String {
    t.map(|t| {
        let op = match t.op {
            crate::kpis::rules::Op::Ge => "≥",
            crate::kpis::rules::Op::Le => "≤",
        };
        format!("{op} {}", shown(k, Some(t.value)))
    })
    .unwrap_or_default()
}

fn nav(l: Lang, c: &Console) -> Markup {
    let a = &c.actor;
    let marketplace = a.org_kind == Some(OrgKind::Marketplace);
    let courier = a.org_kind == Some(OrgKind::Courier);
    let admin = a.role == Role::PlatformAdmin;
    html! {
        nav {
            a href="/console" { (l.t("console.nav.home")) }
            @if marketplace || courier {
                " " a href="/console/scorecard" { (l.t("console.nav.scorecard")) }
            }
            @if courier {
                " " a href="/console/drivers" { (l.t("console.nav.drivers")) }
            }
            @if marketplace || courier {
                " " a href="/console/ratings" { (l.t("console.nav.ratings")) }
            }
            @if marketplace || courier || admin {
                " " a href="/console/disputes" { (l.t("console.nav.disputes")) }
            }
            @if a.org_kind.is_some() {
                " " a href="/console/handoffs" { (l.t("console.nav.handoffs")) }
            }
            @if a.org_kind.is_some() || admin {
                " " a href="/console/shipments" { (l.t("console.nav.shipments")) }
            }
            @if admin {
                " " a href="/console/orgs" { (l.t("console.nav.orgs")) }
            }
            @if a.org_id.as_deref().is_some_and(|o| crate::access::manages_org(a, o)) {
                " " a href="/console/webhooks" { (l.t("console.nav.webhooks")) }
            }
            form.logout method="post" action="/console/logout" {
                input type="hidden" name=(super::csrf::FIELD) value=(c.csrf);
                span.who { (a.name) }
                " "
                button type="submit" { (l.t("console.logout")) }
            }
        }
    }
}

pub fn layout(l: Lang, c: Option<&Console>, title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang=(l.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="referrer" content="no-referrer";
                title { (title) " · " (l.t("console.title")) }
                link rel="stylesheet" href="/console/assets/console.css";
            }
            body {
                header {
                    strong { (l.t("console.title")) }
                    @if let Some(c) = c { (nav(l, c)) }
                }
                main { (body) }
            }
        }
    }
}

/// A page that only says something (404, 403, 429…).
pub fn message(
    l: Lang,
    c: Option<&Console>,
    status: StatusCode,
    title_key: &str,
    body: &str,
) -> HttpResponse {
    let markup = html! {
        h1 { (l.t(title_key)) }
        p { (body) }
    };
    page(status, layout(l, c, l.t(title_key), markup))
}

pub fn login(l: Lang, email: &str, error: Option<&str>, csrf: &str) -> Markup {
    let body = html! {
        h1 { (l.t("console.login.title")) }
        @if let Some(e) = error { p.error role="alert" { (e) } }
        form method="post" action="/console/login" {
            input type="hidden" name=(super::csrf::FIELD) value=(csrf);
            label for="email" { (l.t("console.login.email")) }
            input #email type="email" name="email" value=(email) autocomplete="username" required;
            label for="password" { (l.t("console.login.password")) }
            input #password type="password" name="password" autocomplete="current-password" required;
            button type="submit" { (l.t("console.login.submit")) }
        }
    };
    layout(l, None, l.t("console.login.title"), body)
}

pub fn home(l: Lang, c: &Console, todo: &[super::todo::Item]) -> Markup {
    let a = &c.actor;
    let body = html! {
        h1 { (l.f("console.home.hello", &[("name", &a.name)])) }
        section #todo {
            h2 { (l.t("console.todo.title")) }
            @if todo.is_empty() {
                p { (l.t("console.todo.nothing")) }
            } @else {
                ul { @for item in todo {
                    li data-todo=(item.key) { a href=(item.href) {
                        (l.f(item.key, &[("count", &item.shown())]))
                    } }
                } }
            }
        }
        h2 { (l.t("console.todo.go")) }
        ul {
            @if matches!(a.org_kind, Some(OrgKind::Marketplace)) {
                li { a href="/console/scorecard" { (l.t("console.nav.scorecard")) } }
                li { a href="/console/disputes?status=open" { (l.t("console.home.disputes_open")) } }
                li { a href="/console/ratings?max_stars=2" { (l.t("console.ratings.low")) } }
            }
            @if matches!(a.org_kind, Some(OrgKind::Courier)) {
                li { a href="/console/scorecard" { (l.t("console.home.courier_scorecard")) } }
                li { a href="/console/drivers" { (l.t("console.nav.drivers")) } }
                li { a href="/console/disputes?status=open" { (l.t("console.home.disputes_answer")) } }
                li { a href="/console/handoffs" { (l.t("console.home.handoffs_waiting")) } }
            }
            @if matches!(a.org_kind, Some(OrgKind::Supplier)) {
                li { a href="/console/handoffs" { (l.t("console.nav.handoffs")) } }
                li { a href="/console/shipments" { (l.t("console.nav.shipments")) } }
            }
            @if a.role == Role::PlatformAdmin {
                li { a href="/console/orgs" { (l.t("console.nav.orgs")) } }
                li { a href="/console/disputes" { (l.t("console.nav.disputes")) } }
            }
        }
    };
    layout(l, Some(c), l.t("console.nav.home"), body)
}

/// The KPIs a scorecard shows: the usual three and any with a target.
pub fn shown_kpis<'a>(sets: impl Iterator<Item = &'a KpiSet>) -> Vec<Kpi> {
    let sets: Vec<&KpiSet> = sets.collect();
    Kpi::ALL
        .into_iter()
        .filter(|k| {
            ALWAYS.contains(k)
                || sets
                    .iter()
                    .any(|s| s.get(*k).is_some_and(|v| v.target.is_some()))
        })
        .collect()
}

pub fn range_form(l: Lang, action: &str, from: NaiveDate, to: NaiveDate) -> Markup {
    html! {
        form.range method="get" action=(action) {
            label for="from" { (l.t("console.range.from")) }
            input #from type="date" name="from" value=(from.to_string());
            label for="to" { (l.t("console.range.to")) }
            input #to type="date" name="to" value=(to.to_string());
            button type="submit" { (l.t("console.range.show")) }
        }
    }
}

/// A figure against its target, with its sample size; `filters` (with `range`) link the value
/// to the shipments it counts and the count against it to those.
fn met_cell(l: Lang, k: Kpi, set: &KpiSet, range: &str, filters: &[(&str, String)]) -> Markup {
    use crate::kpis::rules::Part;
    let Some(v) = set.get(k) else {
        return html! { td { "–" } };
    };
    let class = match v.met {
        Some(true) => "met",
        Some(false) => "missed",
        None => "",
    };
    let sample = v.denominator.unwrap_or(v.numerator);
    html! {
        td class=(class) {
            @if sample > 0 {
                a.figure href=(counted_href(k, Part::Denominator, range, filters)) { (shown(k, v.value)) }
            } @else {
                (shown(k, v.value))
            }
            @if let Some(d) = v.denominator {
                " " small.sample { (l.f("console.counted.sample", &[("n", &d.to_string())])) }
            }
            @if v.against > 0 {
                br;
                a.against href=(counted_href(k, Part::Against, range, filters)) {
                    (l.f("console.counted.against_link", &[("count", &v.against.to_string())]))
                }
            }
            @if let Some(t) = &v.target {
                br;
                small { (l.t("console.target")) " " (target_text(k, Some(t))) " · "
                    @match v.met {
                        Some(true) => (l.t("console.met")),
                        Some(false) => (l.t("console.missed")),
                        None => (l.t("console.no_data")),
                    }
                }
            }
        }
    }
}

/// One row of a scorecard: a courier (a marketplace's card) or a marketplace (a courier's).
pub struct ScoreRow {
    pub id: String,
    pub name: String,
    pub kpis: KpiSet,
}

/// A scorecard over `from..=to`; `of_marketplaces` for a courier's card.
pub struct Scorecard {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub of_marketplaces: bool,
    /// A marketplace's card: the marketplace (its figures' scope, for the platform admin too).
    pub marketplace_id: Option<String>,
    pub rows: Vec<ScoreRow>,
}

impl From<CourierScorecard> for Scorecard {
    fn from(card: CourierScorecard) -> Scorecard {
        Scorecard {
            from: card.from,
            to: card.to,
            of_marketplaces: false,
            marketplace_id: Some(card.marketplace_id.clone()),
            rows: card
                .couriers
                .into_iter()
                .map(|s| ScoreRow {
                    id: s.courier_id,
                    name: s.courier_name,
                    kpis: s.kpis,
                })
                .collect(),
        }
    }
}

/// Worst first: most targets missed, then fewest met.
pub fn worst_first(card: &mut Scorecard) {
    card.rows.sort_by(|a, b| {
        b.kpis
            .targets_missed
            .cmp(&a.kpis.targets_missed)
            .then(a.kpis.targets_met.cmp(&b.kpis.targets_met))
            .then(a.name.cmp(&b.name))
    });
}

pub fn scorecard(l: Lang, c: &Console, card: &Scorecard) -> Markup {
    let kpis = shown_kpis(card.rows.iter().map(|s| &s.kpis));
    let range = format!("from={}&to={}", card.from, card.to);
    let (title, who, empty) = if card.of_marketplaces {
        (
            "console.scorecard.courier_title",
            "console.scorecard.marketplace",
            "console.scorecard.no_marketplace",
        )
    } else {
        (
            "console.scorecard.title",
            "console.scorecard.courier",
            "console.scorecard.empty",
        )
    };
    // A cell's figure is the row's party within this card's marketplace (or courier).
    let cell_scope = |id: &str| -> Vec<(&str, String)> {
        match (card.of_marketplaces, &card.marketplace_id) {
            (true, _) => vec![("marketplace_id", id.to_owned())],
            (false, Some(m)) => vec![("courier_id", id.to_owned()), ("marketplace_id", m.clone())],
            (false, None) => vec![("courier_id", id.to_owned())],
        }
    };
    let drivers = |id: &str| {
        if card.of_marketplaces {
            format!("/console/drivers?{range}&marketplace_id={id}")
        } else {
            format!("/console/drivers?{range}&courier_id={id}")
        }
    };
    let body = html! {
        h1 { (l.t(title)) }
        (range_form(l, "/console/scorecard", card.from, card.to))
        p { a href={ "/console/scorecard?" (range) "&format=csv" } { (l.t("console.csv")) } }
        @if card.rows.is_empty() {
            p { (l.t(empty)) }
        } @else {
            table #scorecard {
                thead { tr {
                    th { (l.t(who)) }
                    @for k in &kpis {
                        th { a href={ "/console/kpis/" (k.as_str()) "?" (range) } { (kpi_label(l, *k)) } }
                    }
                    th { (l.t("console.scorecard.met")) }
                    th { (l.t("console.scorecard.missed")) }
                    th {}
                } }
                tbody {
                    @for s in &card.rows {
                        tr data-courier=[(!card.of_marketplaces).then_some(&s.id)]
                            data-marketplace=[card.of_marketplaces.then_some(&s.id)] {
                            th scope="row" { (s.name) }
                            @for k in &kpis {
                                (met_cell(l, *k, &s.kpis, &range, &cell_scope(&s.id)))
                            }
                            td { (s.kpis.targets_met) }
                            td { (s.kpis.targets_missed) }
                            td { a href=(drivers(&s.id)) { (l.t("console.scorecard.drivers")) } }
                        }
                    }
                }
            }
        }
    };
    layout(l, Some(c), l.t(title), body)
}

/// The shipments behind one figure (`/console/kpis/{kpi}/shipments`).
pub struct Counted<'a> {
    pub kpi: Kpi,
    pub part: crate::kpis::rules::Part,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The figure's scope as it came: (`courier_id` | `marketplace_id` | `driver_id`, id).
    pub filters: &'a [(&'a str, String)],
    pub list: &'a crate::pagination::Page<crate::kpis::model::CountedShipment>,
}

/// The link to the shipments behind a figure.
pub fn counted_href(
    k: Kpi,
    part: crate::kpis::rules::Part,
    range: &str,
    filters: &[(&str, String)],
) -> String {
    let mut href = format!(
        "/console/kpis/{}/shipments?{range}&part={}",
        k.as_str(),
        part.as_str()
    );
    for (name, id) in filters {
        href.push_str(&format!("&{name}={id}"));
    }
    href
}

pub fn counted(l: Lang, c: &Console, v: Counted<'_>) -> Markup {
    use crate::kpis::rules::Part;
    let range = format!("from={}&to={}", v.from, v.to);
    let title = format!(
        "{} — {}",
        kpi_label(l, v.kpi),
        l.t(&format!("console.counted.{}", v.part.as_str()))
    );
    let (n, d, against) = v.list.items.iter().fold((0, 0, 0), |(n, d, a), i| {
        (
            n + i.numerator,
            d + i.denominator.unwrap_or(0),
            a + i.against,
        )
    });
    let body = html! {
        h1 { (title) }
        p { (l.f("console.counted.range", &[("from", &v.from.to_string()), ("to", &v.to.to_string())])) }
        nav.parts {
            @for part in [Part::Denominator, Part::Against, Part::Numerator] {
                @if part == v.part {
                    strong { (l.t(&format!("console.counted.{}", part.as_str()))) }
                } @else {
                    a href=(counted_href(v.kpi, part, &range, v.filters)) { (l.t(&format!("console.counted.{}", part.as_str()))) }
                }
                " "
            }
        }
        @if v.list.items.is_empty() {
            p { (l.t("console.counted.none")) }
        } @else {
            table #counted {
                thead { tr {
                    th { (l.t("console.shipments.reference")) }
                    th { (l.t("console.counted.days")) }
                    th { (l.t("console.counted.col_numerator")) }
                    th { (l.t("console.counted.col_denominator")) }
                    th { (l.t("console.counted.col_against")) }
                } }
                tbody {
                    @for i in &v.list.items {
                        tr data-shipment=(i.shipment_id) {
                            td { a href={ "/console/shipments/" (i.shipment_id) } { (i.reference) } }
                            td { (i.days.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(", ")) }
                            td { (i.numerator) }
                            td { (i.denominator.map(|d| d.to_string()).unwrap_or_default()) }
                            td { (i.against) }
                        }
                    }
                }
                tfoot { tr {
                    th scope="row" { (l.t("console.counted.page_total")) }
                    td {}
                    td { (n) }
                    td { (d) }
                    td { (against) }
                } }
            }
            @if let Some(next) = &v.list.next_cursor {
                @let after = crate::pagination::decode_cursor(next).unwrap_or_default();
                p { a #next rel="next" href={ (counted_href(v.kpi, v.part, &range, v.filters)) "&after=" (after) } { (l.t("console.shipments.next")) } }
            }
        }
    };
    layout(l, Some(c), &title, body)
}

/// One line of a chart: who, their target, and the value per period.
pub struct Series {
    pub name: String,
    pub id: String,
    pub target: Option<Target>,
    pub points: Vec<Option<f64>>,
}

/// Okabe and Ito's palette, safe for the common colour-blindnesses; each line also has its own
/// marker shape, so lines differ without colour too.
const COLOURS: [&str; 7] = [
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000",
];
const SHAPES: [Marker; 4] = [
    Marker::Circle,
    Marker::Square,
    Marker::Triangle,
    Marker::Diamond,
];

#[derive(Clone, Copy)]
enum Marker {
    Circle,
    Square,
    Triangle,
    Diamond,
}

/// A marker of `shape` centred on (x, y), filled with `colour`, with its words as a tooltip.
fn marker(shape: Marker, x: f64, y: f64, colour: &str, tip: &str) -> Markup {
    let r = 4.0;
    let poly = |pts: &[(f64, f64)]| {
        pts.iter()
            .map(|(dx, dy)| format!("{:.1},{:.1}", x + dx, y + dy))
            .collect::<Vec<_>>()
            .join(" ")
    };
    html! {
        @match shape {
            Marker::Circle => circle.point cx=(format!("{x:.1}")) cy=(format!("{y:.1}")) r=(r) fill=(colour) { title { (tip) } },
            Marker::Square => rect.point x=(format!("{:.1}", x - r)) y=(format!("{:.1}", y - r)) width=(2.0 * r) height=(2.0 * r) fill=(colour) { title { (tip) } },
            Marker::Triangle => polygon.point points=(poly(&[(0.0, -r - 1.0), (r + 1.0, r), (-r - 1.0, r)])) fill=(colour) { title { (tip) } },
            Marker::Diamond => polygon.point points=(poly(&[(0.0, -r - 1.0), (r + 1.0, 0.0), (0.0, r + 1.0), (-r - 1.0, 0.0)])) fill=(colour) { title { (tip) } },
        }
    }
}

/// The y axis' ticks: quarters of the range (0–100 % for rates, 0–5 stars).
fn ticks(max: f64) -> Vec<f64> {
    (0..=4).map(|i| max * f64::from(i) / 4.0).collect()
}
const W: f64 = 640.0;
const H: f64 = 240.0;
const PAD: f64 = 30.0;
/// The left margin holds the y axis' labels ("100.0 %").
const LEFT: f64 = 52.0;

/// The top of the y axis: 1 for rates, 5 for stars, else the largest value or target.
fn y_max(k: Kpi, series: &[Series]) -> f64 {
    if k.as_str().ends_with("_rate") {
        return 1.0;
    }
    if k == Kpi::AverageStars {
        return 5.0;
    }
    let m = series
        .iter()
        .flat_map(|s| {
            s.points
                .iter()
                .flatten()
                .copied()
                .chain(s.target.map(|t| t.value))
        })
        .fold(0.0_f64, f64::max);
    if m > 0.0 { m * 1.1 } else { 1.0 }
}

/// Where each value of a series is drawn: (period index, x, y), y scaled to `max`; gaps
/// skipped. A single period sits in the middle.
fn positions(values: &[Option<f64>], max: f64) -> Vec<(usize, f64, f64)> {
    let n = values.len().saturating_sub(1);
    values
        .iter()
        .enumerate()
        .filter_map(|(i, v)| {
            let v = (*v)?;
            let x = if n == 0 {
                (LEFT + W - PAD) / 2.0
            } else {
                LEFT + (W - LEFT - PAD) * i as f64 / n as f64
            };
            Some((i, x, target_y(v, max)))
        })
        .collect()
}

/// The polyline points of a series (see [`positions`]).
pub fn points(values: &[Option<f64>], max: f64) -> String {
    positions(values, max)
        .iter()
        .map(|(_, x, y)| format!("{x:.1},{y:.1}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The distinct targets of the lines, each in the colour of its line when only one line has
/// it, else grey.
fn target_lines(series: &[Series]) -> Vec<(Target, &'static str)> {
    let mut out: Vec<(Target, &'static str)> = Vec::new();
    for (i, s) in series.iter().enumerate() {
        let Some(t) = s.target else { continue };
        match out
            .iter_mut()
            .find(|(o, _)| o.op == t.op && (o.value - t.value).abs() < 1e-9)
        {
            Some(shared) => shared.1 = "#666666",
            None => out.push((t, COLOURS[i % COLOURS.len()])),
        }
    }
    out
}

fn target_y(t: f64, max: f64) -> f64 {
    H - PAD - (H - 2.0 * PAD) * (t / max).clamp(0.0, 1.0)
}

pub fn chart(
    l: Lang,
    c: &Console,
    kpi: Kpi,
    from: NaiveDate,
    to: NaiveDate,
    periods: &[String],
    series: &[Series],
) -> Markup {
    let max = y_max(kpi, series);
    let title = l.f("console.chart.title", &[("kpi", &kpi_label(l, kpi))]);
    let body = html! {
        h1 { (title) }
        (range_form(l, &format!("/console/kpis/{}", kpi.as_str()), from, to))
        p { a href={ "/console/kpis/" (kpi.as_str()) "?from=" (from) "&to=" (to) "&format=csv" } { (l.t("console.csv")) } }
        div.chart {
            svg #chart viewBox={ "0 0 " (W) " " (H) } width=(W) height=(H) role="img"
                aria-labelledby="chart-title" xmlns="http://www.w3.org/2000/svg" {
                title #chart-title { (title) }
                @for t in ticks(max) {
                    @let y = format!("{:.1}", target_y(t, max));
                    line.tick x1=(LEFT) x2=(W - PAD) y1=(y) y2=(y) stroke="#e5e5e5" {}
                    text x=(LEFT - 4.0) y=(y) font-size="9" text-anchor="end" dominant-baseline="middle" { (shown(kpi, Some(t))) }
                }
                line.axis-x x1=(LEFT) y1=(H - PAD) x2=(W - PAD) y2=(H - PAD) stroke="#999" {}
                line.axis-y x1=(LEFT) y1=(PAD) x2=(LEFT) y2=(H - PAD) stroke="#999" {}
                @for (i, x, _) in positions(&vec![Some(0.0); periods.len()], max) {
                    text x=(format!("{x:.1}")) y=(H - 10.0) font-size="9" text-anchor="middle" { (periods[i]) }
                }
                // One line per target value: couriers with the same target share it.
                @for (t, colour) in target_lines(series) {
                    @let y = format!("{:.1}", target_y(t.value, max));
                    line.target x1=(LEFT) x2=(W - PAD) y1=(y) y2=(y) stroke=(colour)
                        stroke-dasharray="6 4" data-target=(t.value) {
                        title { (l.t("console.target")) " " (target_text(kpi, Some(&t))) }
                    }
                }
                @for (i, s) in series.iter().enumerate() {
                    @let colour = COLOURS[i % COLOURS.len()];
                    @let shape = SHAPES[i % SHAPES.len()];
                    polyline points=(points(&s.points, max)) fill="none" stroke=(colour)
                        stroke-width="2" data-courier=(s.id) {}
                    g.points data-courier=(s.id) {
                        @for (p, x, y) in positions(&s.points, max) {
                            (marker(shape, x, y, colour, &format!("{} · {} · {}", s.name, periods[p], shown(kpi, s.points[p]))))
                        }
                    }
                }
            }
            ul.legend {
                @for (i, s) in series.iter().enumerate() {
                    li data-courier=(s.id) {
                        svg.swatch width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" {
                            line x1="0" y1="8" x2="16" y2="8" stroke=(COLOURS[i % COLOURS.len()]) stroke-width="2" {}
                            (marker(SHAPES[i % SHAPES.len()], 8.0, 8.0, COLOURS[i % COLOURS.len()], &s.name))
                        }
                        " " (s.name)
                        @if let Some(t) = &s.target { " (" (l.t("console.target")) " " (target_text(kpi, Some(t))) ")" }
                    }
                }
            }
        }
        table #chart-data {
            caption { (l.t("console.chart.numbers")) }
            thead { tr {
                th { (l.t("console.chart.week")) }
                @for s in series { th data-courier=(s.id) { (s.name) } }
            } }
            tbody {
                @for (i, p) in periods.iter().enumerate() {
                    tr {
                        th scope="row" { (p) }
                        @for s in series {
                            @let v = s.points.get(i).copied().flatten();
                            td data-courier=(s.id) data-value=(v.map(|v| v.to_string()).unwrap_or_default()) {
                                (shown(kpi, v))
                            }
                        }
                    }
                }
                tr {
                    th scope="row" { (l.t("console.target")) }
                    @for s in series { td { (target_text(kpi, s.target.as_ref())) } }
                }
            }
        }
    };
    layout(l, Some(c), &title, body)
}

pub fn disputes(
    l: Lang,
    c: &Console,
    rows: &[DisputeRow],
    refs: &std::collections::HashMap<String, String>,
    status: Option<&str>,
) -> Markup {
    let tz = zone(c);
    let csv = match status {
        Some(s) => format!("/console/disputes?status={s}&format=csv"),
        None => "/console/disputes?format=csv".to_owned(),
    };
    let body = html! {
        h1 { (l.t("console.disputes.title")) }
        p {
            a href="/console/disputes" { (l.t("console.disputes.all")) } " · "
            a href="/console/disputes?status=open" { (l.t("console.dispute.status.open")) } " · "
            a href="/console/disputes?status=responded" { (l.t("console.dispute.status.responded")) } " · "
            a href="/console/disputes?status=resolved" { (l.t("console.dispute.status.resolved")) } " · "
            a href=(csv) { (l.t("console.csv")) }
        }
        @if rows.is_empty() {
            p { (l.t("console.disputes.empty")) }
        } @else {
            table #disputes {
                thead { tr {
                    th { (l.t("console.disputes.opened")) }
                    th { (l.t("console.disputes.reason")) }
                    th { (l.t("console.disputes.status")) }
                    th { (l.t("console.disputes.shipment")) }
                } }
                tbody {
                    @for d in rows {
                        tr {
                            td { a href={ "/console/disputes/" (d.id) } { (when(l, tz, d.created_at)) } }
                            td { (l.t(&format!("reason.{}", d.reason))) }
                            td { (l.t(&format!("console.dispute.status.{}", d.status))) }
                            td { a href={ "/console/shipments/" (d.shipment_id) } {
                                (refs.get(&d.shipment_id).map_or(d.shipment_id.as_str(), String::as_str))
                            } }
                        }
                    }
                }
            }
        }
    };
    layout(l, Some(c), l.t("console.disputes.title"), body)
}

/// A form shown again with what was wrong.
#[derive(Debug, Default)]
pub struct FormError {
    pub message: Option<String>,
}

pub fn dispute(l: Lang, c: &Console, ev: &Evidence, err: &FormError) -> Markup {
    let tz = zone(c);
    let d = &ev.dispute;
    let may_resolve = d.status != "resolved"
        && (c.actor.role == Role::PlatformAdmin || c.actor.org_kind == Some(OrgKind::Marketplace));
    let may_respond = d.status == "open" && c.actor.org_kind == Some(OrgKind::Courier);
    let body = html! {
        h1 { (l.t("console.dispute.title")) }
        @if let Some(m) = &err.message { p.error role="alert" { (m) } }
        dl {
            dt { (l.t("console.disputes.status")) }
            dd #status { (l.t(&format!("console.dispute.status.{}", d.status))) }
            dt { (l.t("console.disputes.opened")) } dd { (when_utc(l, tz, d.created_at)) }
            dt { (l.t("console.disputes.shipment")) }
            dd { a #shipment href={ "/console/shipments/" (d.shipment_id) } { (d.shipment_id) } }
            dt { (l.t("console.dispute.window")) }
            dd { (when_utc(l, tz, ev.promised_window.start)) " – " (when_utc(l, tz, ev.promised_window.end)) }
        }
        section {
            h2 { (l.t("console.dispute.customer")) }
            p { strong { (l.t(&format!("reason.{}", d.reason))) } }
            @if let Some(t) = &d.comment { blockquote { (t) } }
        }
        section {
            h2 { (l.t("console.dispute.courier")) }
            @match &d.courier_response {
                Some(t) => blockquote { (t) },
                None => p { (l.t("console.dispute.no_response")) },
            }
        }
        section {
            h2 { (l.t("console.dispute.attempt")) }
            @match &ev.attempt {
                None => p { (l.t("console.dispute.no_attempt")) },
                Some(a) => {
                    dl {
                        dt { (l.t("console.dispute.outcome")) } dd { (wire(&a.outcome))
                            @if let Some(r) = &a.failure_reason { " (" (wire(r)) ")" } }
                        dt { (l.t("console.dispute.when")) } dd { (when_utc(l, tz, a.occurred_at)) }
                        dt { (l.t("console.dispute.distance")) }
                        dd #distance { @match a.distance_m { Some(m) => { (format!("{m:.0} m")) }, None => "–" } }
                        dt { (l.t("console.dispute.pin")) }
                        dd { (if a.pin_verified { l.t("console.yes") } else { l.t("console.no") }) }
                        // What the driver wrote at the door: the heart of a "not home" dispute.
                        dt { (l.t("console.dispute.intercom")) }
                        dd #intercom-note { (a.intercom_note.as_deref().unwrap_or("–")) }
                    }
                    @if a.flags.is_empty() {
                        p.ok { (l.t("console.dispute.verified")) }
                    } @else {
                        ul.flags #flags { @for f in &a.flags { li { (f.sentence) } } }
                    }
                    @if !a.photos.is_empty() {
                        h3 { (l.t("console.dispute.photos")) }
                        ul.photos {
                            @for p in &a.photos {
                                li {
                                    a href={ "/console/photos/" (p.id) } {
                                        img src={ "/console/photos/" (p.id) } alt=(p.kind) width="240" loading="lazy";
                                    }
                                    br;
                                    (p.kind) " · " (p.content_type) " · " (p.bytes) " B · "
                                    code title=(p.sha256) { (p.sha256.get(..12).unwrap_or_default()) } }
                            }
                        }
                    }
                }
            }
        }
        section {
            h2 { (l.t("console.dispute.contacts")) }
            @if ev.contact_attempts.is_empty() {
                p #contacts { (l.t("console.dispute.no_contacts")) }
            } @else {
                table #contacts {
                    thead { tr {
                        th { (l.t("console.dispute.when")) }
                        th { (l.t("console.dispute.channel")) }
                        th { (l.t("console.dispute.outcome")) }
                        th { (l.t("console.dispute.note")) }
                    } }
                    tbody {
                        @for k in &ev.contact_attempts {
                            tr {
                                td { (when_utc(l, tz, k.occurred_at)) }
                                td { (k.channel) }
                                td { (k.outcome) }
                                td { (k.note.clone().unwrap_or_default()) }
                            }
                        }
                    }
                }
            }
        }
        section {
            h2 { (l.t("console.dispute.suggestion")) }
            p #suggestion { strong { (wire(&ev.suggested_outcome)) } " — " (ev.suggestion_reason) }
        }
        @if let Some(r) = &d.resolution {
            section #resolution {
                h2 { (l.t("console.dispute.resolution")) }
                p { (r) " · " (d.remedy.clone().unwrap_or_default()) }
                @if let Some(n) = &d.resolution_note { blockquote { (n) } }
            }
        }
        @if may_resolve {
            section {
                h2 { (l.t("console.dispute.resolve")) }
                form method="post" action={ "/console/disputes/" (d.id) "/resolution" } {
                    input type="hidden" name=(super::csrf::FIELD) value=(c.csrf);
                    label for="resolution" { (l.t("console.dispute.resolution")) }
                    select #resolution name="resolution" {
                        option value="upheld" { (l.t("console.dispute.upheld")) }
                        option value="rejected" { (l.t("console.dispute.rejected")) }
                    }
                    label for="remedy" { (l.t("console.dispute.remedy")) }
                    select #remedy name="remedy" {
                        @for r in ["redeliver", "refund", "reship", "compensation", "none"] {
                            option value=(r) { (l.t(&format!("console.remedy.{r}"))) }
                        }
                    }
                    label for="note" { (l.t("console.dispute.note")) }
                    textarea #note name="note" maxlength="2000" {}
                    button type="submit" { (l.t("console.dispute.resolve")) }
                }
            }
        }
        @if may_respond {
            section {
                h2 { (l.t("console.dispute.respond")) }
                form method="post" action={ "/console/disputes/" (d.id) "/response" } {
                    input type="hidden" name=(super::csrf::FIELD) value=(c.csrf);
                    label for="response" { (l.t("console.dispute.courier")) }
                    textarea #response name="response" maxlength="2000" required {}
                    button type="submit" { (l.t("console.dispute.respond")) }
                }
            }
        }
    };
    layout(l, Some(c), l.t("console.dispute.title"), body)
}

/// The filters of the shipments list (its query string).
#[derive(Debug, Default, serde::Deserialize)]
pub struct ShipmentSearch {
    /// Part of the order reference, any case.
    pub reference: Option<String>,
    pub status: Option<String>,
    /// Windows starting on these local days (the caller's org's zone).
    pub from: Option<chrono::NaiveDate>,
    pub to: Option<chrono::NaiveDate>,
    /// "1": waiting for a re-delivery (a failed attempt, nothing delivered yet).
    pub waiting: Option<String>,
    /// "1": with a dispute not yet resolved.
    pub disputed: Option<String>,
    /// "1": with a flagged attempt.
    pub flagged: Option<String>,
    /// Carried by this courier (a marketplace's list), or by this driver (a courier's).
    pub courier_id: Option<String>,
    pub driver_id: Option<String>,
    /// The cursor of the next page.
    pub after: Option<String>,
    pub format: Option<String>,
}

/// The query string of a shipments list, the cursor and format aside (for its links).
fn list_query(q: &ShipmentSearch) -> String {
    let mut parts: Vec<(&str, String)> = Vec::new();
    let mut put = |k: &'static str, v: Option<String>| {
        if let Some(v) = v.filter(|v| !v.is_empty()) {
            parts.push((k, v));
        }
    };
    put("reference", q.reference.clone());
    put("status", q.status.clone());
    put("from", q.from.map(|d| d.to_string()));
    put("to", q.to.map(|d| d.to_string()));
    put("waiting", q.waiting.clone());
    put("disputed", q.disputed.clone());
    put("flagged", q.flagged.clone());
    put("courier_id", q.courier_id.clone());
    put("driver_id", q.driver_id.clone());
    serde_urlencoded::to_string(&parts).unwrap_or_default()
}

/// Whom a shipments list may be narrowed to: (id, name) of the marketplace's couriers, or of
/// the courier's drivers.
#[derive(Debug, Default)]
pub struct Pickers {
    pub couriers: Vec<(String, String)>,
    pub drivers: Vec<(String, String)>,
}

pub fn shipments(
    l: Lang,
    c: &Console,
    q: &ShipmentSearch,
    pickers: &Pickers,
    rows: &[crate::shipments::model::ShipmentRow],
    next: Option<&str>,
) -> Markup {
    let tz = zone(c);
    let query = list_query(q);
    let checked = |v: &Option<String>| v.as_deref() == Some("1");
    let body = html! {
        h1 { (l.t("console.shipments.title")) }
        form.range #shipment-filters method="get" action="/console/shipments" {
            label for="reference" { (l.t("console.shipments.reference")) }
            input #reference type="search" name="reference" value=(q.reference.as_deref().unwrap_or_default());
            label for="status" { (l.t("console.disputes.status")) }
            select #status name="status" {
                option value="" { (l.t("console.shipments.any")) }
                @for st in crate::status::ALL {
                    option value=(st.as_str()) selected[q.status.as_deref() == Some(st.as_str())] { (l.t(&format!("status.{}", st.as_str()))) }
                }
            }
            label for="from" { (l.t("console.shipments.from")) }
            input #from type="date" name="from" value=(q.from.map(|d| d.to_string()).unwrap_or_default());
            label for="to" { (l.t("console.shipments.to")) }
            input #to type="date" name="to" value=(q.to.map(|d| d.to_string()).unwrap_or_default());
            @for (name, label, options, chosen) in [
                ("courier_id", "console.shipment.courier", &pickers.couriers, &q.courier_id),
                ("driver_id", "console.shipment.driver", &pickers.drivers, &q.driver_id),
            ] {
                @if !options.is_empty() {
                    label for=(name) { (l.t(label)) }
                    select id=(name) name=(name) {
                        option value="" { (l.t("console.shipments.any")) }
                        @for (id, who) in options {
                            option value=(id) selected[chosen.as_deref() == Some(id.as_str())] { (who) }
                        }
                    }
                }
            }
            label { input type="checkbox" name="waiting" value="1" checked[checked(&q.waiting)]; " " (l.t("console.shipments.waiting")) }
            label { input type="checkbox" name="disputed" value="1" checked[checked(&q.disputed)]; " " (l.t("console.shipments.disputed")) }
            label { input type="checkbox" name="flagged" value="1" checked[checked(&q.flagged)]; " " (l.t("console.shipments.flagged")) }
            button type="submit" { (l.t("console.shipments.search")) }
        }
        @if rows.is_empty() {
            p { (l.t("console.shipments.none")) }
        } @else {
            p { a href={ "/console/shipments?" (query) "&format=csv" } { (l.t("console.csv")) } }
            table #shipments {
                thead { tr {
                    th { (l.t("console.shipments.reference")) }
                    th { (l.t("console.disputes.status")) }
                    th { (l.t("console.shipments.window")) }
                    th { (l.t("console.shipments.updated")) }
                } }
                tbody {
                    @for s in rows {
                        tr data-shipment=(s.id) {
                            td { a href={ "/console/shipments/" (s.id) } { (s.reference) } }
                            td { (l.t(&format!("status.{}", s.status))) }
                            td { (crate::i18n::window(s.window_start.and_utc(), s.window_end.and_utc(), tz, l)) }
                            td { (when(l, tz, s.updated_at)) }
                        }
                    }
                }
            }
            @if let Some(after) = next {
                p { a #next rel="next" href={ "/console/shipments?" (query) "&after=" (after) } { (l.t("console.shipments.next")) } }
            }
        }
    };
    layout(l, Some(c), l.t("console.shipments.title"), body)
}

/// Names for the ids a record keeps.
#[derive(Default)]
pub struct Names {
    pub orgs: std::collections::HashMap<String, String>,
    pub users: std::collections::HashMap<String, String>,
}

impl Names {
    pub fn org<'a>(&'a self, id: &'a str) -> &'a str {
        self.orgs.get(id).map_or(id, String::as_str)
    }

    pub fn user<'a>(&'a self, id: &'a str) -> &'a str {
        self.users.get(id).map_or(id, String::as_str)
    }
}

/// Everything the shipment page shows, each part read through its service.
pub struct Dossier {
    /// The caller carries it and it waits for a new visit: the courier's forms are shown.
    pub acts: bool,
    pub ship: crate::shipments::model::ShipmentRow,
    pub events: Vec<crate::shipments::model::EventRow>,
    pub log: Option<Vec<crate::contacts::model::AccessLogRow>>,
    pub attempts: Vec<crate::attempts::model::Attempt>,
    pub disputes: Vec<DisputeRow>,
    pub rating: Option<crate::ratings::model::Rating>,
    pub names: Names,
}

/// An event in words for staff (its code when a newer kind has no words yet).
fn event_words(l: Lang, kind: &str) -> String {
    match l.t(&format!("console.ev.{kind}")) {
        "" => kind.to_owned(),
        words => words.to_owned(),
    }
}

/// Who wrote an event: a name where the record keeps an id.
fn actor_words(l: Lang, n: &Names, e: &crate::shipments::model::EventRow) -> String {
    match e.actor_kind.as_str() {
        "customer" => l.t("console.actor.customer").to_owned(),
        "system" => l.t("console.actor.system").to_owned(),
        _ => {
            let org = e.actor_org_id.as_deref().map(|o| n.org(o));
            let who = e
                .actor_id
                .as_deref()
                .filter(|_| e.actor_kind == "user")
                .map(|u| n.user(u));
            match (who, org) {
                (Some(who), Some(org)) => format!("{who} ({org})"),
                (Some(who), None) => who.to_owned(),
                (None, Some(org)) => org.to_owned(),
                (None, None) => e.actor_kind.clone(),
            }
        }
    }
}

/// The shipment as a person reads it: the promise in the shipment's own time zone, who holds
/// it, each attempt with the server's verdict in sentences and its proof, the disputes and
/// the rating, then the timeline in words with names.
pub fn shipment(l: Lang, c: &Console, d: &Dossier, err: &FormError) -> Markup {
    let s = &d.ship;
    let n = &d.names;
    let tz = crate::timezone::zone(&s.time_zone);
    let body = html! {
        h1 { (s.reference) }
        p #status { (l.t(&format!("status.{}", s.status))) }
        @if let Some(m) = &err.message { p.error role="alert" { (m) } }
        p #evidence {
            a href={ "/console/shipments/" (s.id) "/evidence" } download { (l.t("console.shipment.evidence")) }
            " · "
            a href={ "/console/shipments/" (s.id) "/evidence?photos=true" } download { (l.t("console.shipment.evidence_photos")) }
        }
        @if d.acts {
            section #courier-actions {
                h2 { (l.t("console.act.title")) }
                form method="post" action={ "/console/shipments/" (s.id) "/proposal" } {
                    input type="hidden" name=(super::csrf::FIELD) value=(c.csrf);
                    p { (l.f("console.act.propose_hint", &[("zone", &s.time_zone)])) }
                    label for="day" { (l.t("console.act.day")) }
                    input #day type="date" name="day" required;
                    label for="start" { (l.t("console.act.from")) }
                    input #start type="time" name="start" required;
                    label for="end" { (l.t("console.act.to")) }
                    input #end type="time" name="end" required;
                    button type="submit" { (l.t("console.act.propose")) }
                }
                form method="post" action={ "/console/shipments/" (s.id) "/return" } {
                    input type="hidden" name=(super::csrf::FIELD) value=(c.csrf);
                    label for="note" { (l.t("console.act.return_note")) }
                    textarea #note name="note" maxlength="1000" required {}
                    button type="submit" { (l.t("console.act.return")) }
                }
            }
        }
        dl #promise {
            dt { (l.t("console.shipment.window")) }
            dd #window { (crate::i18n::window(s.window_start.and_utc(), s.window_end.and_utc(), tz, l)) }
            @if let Some(eta) = s.eta_at {
                dt { (l.t("console.shipment.eta")) }
                dd #eta { (when(l, tz, eta)) }
            }
        }
        section #parties {
            h2 { (l.t("console.shipment.parties")) }
            dl {
                dt { (l.t("console.shipment.marketplace")) } dd { (n.org(&s.marketplace_id)) }
                @if let Some(o) = &s.supplier_id { dt { (l.t("console.shipment.supplier")) } dd { (n.org(o)) } }
                @if let Some(o) = &s.courier_id { dt { (l.t("console.shipment.courier")) } dd #courier { (n.org(o)) } }
                @if let Some(u) = &s.driver_id { dt { (l.t("console.shipment.driver")) } dd #driver { (n.user(u)) } }
            }
        }
        section #attempts {
            h2 { (l.t("console.shipment.attempts")) }
            @if d.attempts.is_empty() {
                p { (l.t("console.shipment.no_attempts")) }
            }
            @for a in &d.attempts {
                article.attempt data-attempt=(a.id) {
                    h3 {
                        (l.t(&format!("console.shipment.outcome.{}", wire(&a.outcome))))
                        " · " (when_utc(l, tz, a.occurred_at))
                        @if let Some(u) = &a.driver_id { " · " (n.user(u)) }
                    }
                    p.distance {
                        @match a.distance_m {
                            Some(m) => (l.f("console.shipment.distance", &[("metres", &format!("{m:.0}"))])),
                            None => (l.t("console.shipment.no_distance")),
                        }
                    }
                    @if a.flags.is_empty() {
                        p.verified { (l.t("console.shipment.verified")) }
                    } @else {
                        ul.flags { @for f in &a.flags { li { (f.sentence) } } }
                    }
                    @if let Some(note) = &a.intercom_note {
                        p.intercom { strong { (l.t("console.shipment.intercom")) } ": " (note) }
                    }
                    @if a.pin_verified { p.pin { (l.t("console.shipment.pin")) } }
                    @for p in &a.photos {
                        a href={ "/console/photos/" (p.id) } {
                            img src={ "/console/photos/" (p.id) } alt=(p.kind) width="240" loading="lazy";
                        }
                    }
                }
            }
        }
        @if !d.disputes.is_empty() {
            section #disputes {
                h2 { (l.t("console.shipment.disputes")) }
                ul { @for x in &d.disputes {
                    li { a href={ "/console/disputes/" (x.id) } {
                        (l.t(&format!("reason.{}", x.reason))) " · " (l.t(&format!("console.dispute.status.{}", x.status)))
                    } }
                } }
            }
        }
        @if let Some(r) = &d.rating {
            section #rating {
                h2 { (l.t("console.shipment.rating")) }
                p { a href={ "/console/ratings?driver_id=" (r.driver_id) } {
                    (l.f("console.shipment.stars", &[("stars", &r.stars.to_string())]))
                } }
                @if !r.tags.is_empty() {
                    p.tags { @for (i, t) in r.tags.iter().enumerate() {
                        @if i > 0 { ", " } (l.t(&format!("tag.{}", wire(t))))
                    } }
                }
                @if let Some(comment) = &r.comment { blockquote { (comment) } }
            }
        }
        section {
            h2 { (l.t("console.shipment.timeline")) }
            table #timeline {
                thead { tr {
                    th { (l.t("console.dispute.when")) }
                    th { (l.t("console.shipment.event")) }
                    th { (l.t("console.shipment.by")) }
                } }
                tbody {
                    @for e in &d.events {
                        tr data-kind=(e.kind) {
                            td { (when(l, tz, e.created_at)) }
                            td { (event_words(l, &e.kind)) }
                            td { (actor_words(l, n, e)) }
                        }
                    }
                }
            }
        }
        @if let Some(log) = &d.log {
            section {
                h2 { (l.t("console.shipment.access_log")) }
                @if log.is_empty() {
                    p #access-log { (l.t("console.shipment.no_reads")) }
                } @else {
                    table #access-log {
                        thead { tr {
                            th { (l.t("console.dispute.when")) }
                            th { (l.t("console.shipment.by")) }
                            th { (l.t("console.shipment.fields")) }
                            th { (l.t("console.shipment.route")) }
                        } }
                        tbody {
                            @for r in log {
                                tr {
                                    td { (when(l, tz, r.created_at)) }
                                    td { (n.user(&r.actor_id)) " " (r.actor_org_id.as_deref().map(|o| n.org(o)).unwrap_or_default()) }
                                    td { (r.fields) }
                                    td { code { (r.route) } }
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    layout(l, Some(c), &s.reference, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_scale_to_the_box_and_skip_gaps() {
        let p = points(&[Some(0.0), None, Some(1.0)], 1.0);
        assert_eq!(p, "52.0,210.0 610.0,30.0");
        // One period: in the middle (its marker shows it; a line of one point draws nothing).
        assert_eq!(points(&[Some(0.5)], 1.0), "331.0,120.0");
    }

    #[test]
    fn the_axis_has_quarters_and_shared_targets_one_line() {
        assert_eq!(ticks(1.0), [0.0, 0.25, 0.5, 0.75, 1.0]);
        assert_eq!(ticks(5.0)[2], 2.5);
        let target = |value| Target {
            op: crate::kpis::rules::Op::Ge,
            value,
        };
        let line = |target| Series {
            name: String::new(),
            id: String::new(),
            target,
            points: Vec::new(),
        };
        let lines = target_lines(&[
            line(Some(target(0.9))),
            line(Some(target(0.9))),
            line(None),
            line(Some(target(0.8))),
        ]);
        let drawn: Vec<(f64, &str)> = lines.iter().map(|(t, c)| (t.value, *c)).collect();
        assert_eq!(drawn, [(0.9, "#666666"), (0.8, COLOURS[3])]);
        assert_eq!(target_text(Kpi::OnTimeRate, Some(&target(0.9))), "≥ 90.0 %");
    }

    #[test]
    fn rates_read_in_percent() {
        assert_eq!(shown(Kpi::OnTimeRate, Some(0.875)), "87.5 %");
        assert_eq!(shown(Kpi::AverageStars, Some(4.0)), "4.00");
        assert_eq!(shown(Kpi::AverageStars, None), "–");
    }
}
