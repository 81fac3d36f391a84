//! The HTML of the drivers, ratings, hand-offs and organisations pages.

use actix_web::http::StatusCode;
use maud::{Markup, html};

use super::session::Console;
use super::views::{kpi_label, layout, shown, when, wire, zone};
use crate::attempts::model::AttemptRow;
use crate::custody::model::HandoffRow;
use crate::custody::rules::HandoffAnswers;
use crate::i18n::Lang;
use crate::kpis::model::{DriverRanking, KpiReport, KpiSet};
use crate::kpis::rules::Kpi;
use crate::orgs::model::OrgRow;
use crate::ratings::model::RatingRow;
use crate::users::model::UserRow;

/// The KPIs of the drivers table.
const DRIVER_KPIS: [Kpi; 3] = [
    Kpi::AverageStars,
    Kpi::FirstAttemptSuccessRate,
    Kpi::OnTimeRate,
];

/// The create-driver form shown again with what was wrong.
#[derive(Debug)]
pub struct DriverForm {
    pub status: StatusCode,
    pub message: Option<String>,
    pub name: String,
    pub email: String,
}

impl Default for DriverForm {
    fn default() -> Self {
        DriverForm {
            status: StatusCode::OK,
            message: None,
            name: String::new(),
            email: String::new(),
        }
    }
}

/// A rating and the attempt it rates.
pub struct RatedAttempt {
    pub rating: RatingRow,
    pub attempt: Option<AttemptRow>,
}

/// The three most given tags: `rude:2 no_call:1`.
pub fn tags_text(k: &KpiSet) -> String {
    k.tags
        .iter()
        .take(3)
        .map(|t| format!("{}:{}", t.tag.as_str(), t.count))
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn drivers(
    l: Lang,
    c: &Console,
    r: &DriverRanking,
    marketplace: Option<&str>,
    managed: Option<&[UserRow]>,
    form: &DriverForm,
) -> Markup {
    let mut q = format!("from={}&to={}", r.from, r.to);
    if c.actor.org_id.as_deref() != Some(r.courier_id.as_str()) {
        q.push_str(&format!("&courier_id={}", r.courier_id));
    } else if let Some(m) = marketplace {
        q.push_str(&format!("&marketplace_id={m}"));
    }
    let inactive = |id: &str| {
        managed.is_some_and(|users| users.iter().any(|u| u.id == id && u.disabled_at.is_some()))
    };
    let body = html! {
        h1 { (l.t("console.drivers.title")) }
        (super::views::range_form(l, "/console/drivers", r.from, r.to))
        p { a href={ "/console/drivers?" (q) "&format=csv" } { (l.t("console.csv")) } }
        @if r.drivers.is_empty() {
            p { (l.t("console.drivers.empty")) }
        } @else {
            table #drivers {
                thead { tr {
                    th { (l.t("console.drivers.driver")) }
                    @for k in DRIVER_KPIS { th { (kpi_label(l, k)) } }
                    th { (l.t("console.drivers.ratings")) }
                    th { (l.t("console.drivers.tags")) }
                    @if managed.is_some() { th {} }
                } }
                tbody {
                    @for d in &r.drivers {
                        tr data-driver=(d.driver_id) {
                            th scope="row" {
                                a href={ "/console/ratings?driver_id=" (d.driver_id) } { (d.name) }
                                @if inactive(&d.driver_id) { " " small.missed { (l.t("console.drivers.inactive")) } }
                            }
                            @for k in DRIVER_KPIS {
                                td { (shown(k, d.kpis.get(k).and_then(|v| v.value))) }
                            }
                            td { (d.kpis.get(Kpi::AverageStars).and_then(|v| v.denominator).unwrap_or(0)) }
                            td {
                                @for t in d.kpis.tags.iter().take(3) {
                                    span.tag { (l.t(&format!("tag.{}", t.tag.as_str()))) " ×" (t.count) } " "
                                }
                            }
                            @if managed.is_some() {
                                td {
                                    @if !inactive(&d.driver_id) {
                                        form method="post" action={ "/console/drivers/" (d.driver_id) "/deactivation" } {
                                            input type="hidden" name=(super::csrf::FIELD) value=(c.csrf);
                                            button type="submit" { (l.t("console.drivers.deactivate")) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        @if managed.is_some() {
            section {
                h2 { (l.t("console.drivers.add")) }
                @if let Some(m) = &form.message { p.error role="alert" { (m) } }
                form #new-driver method="post" action="/console/drivers" {
                    input type="hidden" name=(super::csrf::FIELD) value=(c.csrf);
                    label for="name" { (l.t("console.drivers.name")) }
                    input #name name="name" value=(form.name) required maxlength="200";
                    label for="email" { (l.t("console.login.email")) }
                    input #email type="email" name="email" value=(form.email) required;
                    label for="password" { (l.t("console.login.password")) }
                    input #password type="password" name="password" autocomplete="new-password" required minlength="12";
                    button type="submit" { (l.t("console.drivers.add")) }
                }
            }
        }
    };
    layout(l, Some(c), l.t("console.drivers.title"), body)
}

pub fn ratings(
    l: Lang,
    c: &Console,
    rows: &[RatedAttempt],
    driver: Option<&str>,
    max_stars: Option<i32>,
) -> Markup {
    let tz = zone(c);
    let mut q = String::new();
    if let Some(d) = driver {
        q.push_str(&format!("driver_id={d}&"));
    }
    let low = format!("/console/ratings?{q}max_stars=2");
    if let Some(m) = max_stars {
        q.push_str(&format!("max_stars={m}&"));
    }
    let body = html! {
        h1 { (l.t("console.ratings.title")) }
        p {
            a href=(low) { (l.t("console.ratings.low")) } " · "
            a href={ "/console/ratings?" (q) "format=csv" } { (l.t("console.csv")) }
        }
        @if rows.is_empty() {
            p { (l.t("console.ratings.empty")) }
        } @else {
            table #ratings {
                thead { tr {
                    th { (l.t("console.dispute.when")) }
                    th { (l.t("console.ratings.stars")) }
                    th { (l.t("console.drivers.tags")) }
                    th { (l.t("console.ratings.comment")) }
                    th { (l.t("console.ratings.counted")) }
                    th { (l.t("console.dispute.attempt")) }
                } }
                tbody {
                    @for x in rows {
                        @let r = &x.rating;
                        tr data-rating=(r.id) data-stars=(r.stars) {
                            td { a href={ "/console/shipments/" (r.shipment_id) } { (when(l, tz, r.created_at)) } }
                            td { (format!("{} ★", r.stars)) }
                            td { @for t in r.tag_list() { span.tag { (l.t(&format!("tag.{}", t.as_str()))) } " " } }
                            td { (r.comment.clone().unwrap_or_default()) }
                            td { (r.counted_for) }
                            td.attempt data-attempt=(r.attempt_id) {
                                @match &x.attempt {
                                    None => "–",
                                    Some(a) => {
                                        (a.outcome)
                                        @if let Some(f) = &a.failure_reason { " (" (f) ")" }
                                        " · " (when(l, tz, a.occurred_at))
                                        @if let Some(m) = a.distance_m { " · " (format!("{m:.0} m")) }
                                        @if a.flag_list().is_empty() {
                                            " · " (l.t("console.dispute.verified"))
                                        } @else {
                                            ul.flags { @for f in a.flag_list() { li { (wire(&f)) } } }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    layout(l, Some(c), l.t("console.ratings.title"), body)
}

fn handoff_table(l: Lang, c: &Console, id: &str, rows: &[HandoffRow]) -> Markup {
    let tz = zone(c);
    let now = c.now;
    html! {
        @if rows.is_empty() {
            p id=(id) { (l.t("console.handoffs.none")) }
        } @else {
            table id=(id) {
                thead { tr {
                    th { (l.t("console.disputes.shipment")) }
                    th { (l.t("console.handoffs.from")) }
                    th { (l.t("console.handoffs.to")) }
                    th { (l.t("console.handoffs.given")) }
                    th { (l.t("console.handoffs.due")) }
                } }
                tbody {
                    @for h in rows {
                        tr data-handoff=(h.id) {
                            td { a href={ "/console/shipments/" (h.shipment_id) } { (h.shipment_id) } }
                            td { (h.from_org_id) }
                            td { (h.to_kind) " " (h.to_driver_id.clone().unwrap_or_else(|| h.to_org_id.clone())) }
                            td { (when(l, tz, h.created_at)) }
                            td class=(if h.due_at < now { "missed" } else { "" }) {
                                (when(l, tz, h.due_at))
                                @if h.due_at < now { " · " (l.t("console.handoffs.overdue")) }
                            }
                        }
                    }
                }
            }
        }
    }
}

pub fn handoffs(
    l: Lang,
    c: &Console,
    report: &KpiReport,
    incoming: &[HandoffRow],
    outgoing: &[HandoffRow],
    p: &HandoffAnswers,
) -> Markup {
    let (from, to) = (report.from, report.to);
    let rate = p.on_time_rate();
    let k = Kpi::HandoverOnTimeRate;
    let cell = |set: &KpiSet| {
        let v = set.get(k);
        html! {
            td data-value=(v.and_then(|v| v.value).map(|x| x.to_string()).unwrap_or_default()) {
                (shown(k, v.and_then(|v| v.value)))
                @if let Some(v) = v { " (" (v.numerator) "/" (v.denominator.unwrap_or(0)) ")" }
            }
        }
    };
    let body = html! {
        h1 { (l.t("console.handoffs.title")) }
        (super::views::range_form(l, "/console/handoffs", from, to))
        p { a href={ "/console/handoffs?from=" (from) "&to=" (to) "&format=csv" } { (l.t("console.csv")) } }
        section {
            h2 { (l.t("console.handoffs.incoming")) }
            (handoff_table(l, c, "incoming", incoming))
        }
        section {
            h2 { (l.t("console.handoffs.outgoing")) }
            (handoff_table(l, c, "outgoing", outgoing))
        }
        section {
            h2 { (l.t("console.handoffs.punctuality")) }
            table #punctuality {
                thead { tr { th { (l.t("console.chart.week")) } th { (kpi_label(l, k)) } } }
                tbody {
                    @for period in &report.periods {
                        tr data-period=(period.period) { th scope="row" { (period.period) } (cell(&period.kpis)) }
                    }
                    tr #punctuality-overall { th scope="row" { (l.t("console.handoffs.overall")) } (cell(&report.overall)) }
                }
            }
        }
        section {
            h2 { (l.t("console.handoffs.answers")) }
            table #answers {
                tbody {
                    tr { th scope="row" { (l.t("console.handoffs.handed_over")) } td data-value=(p.handed_over()) { (p.handed_over()) } }
                    tr { th scope="row" { (l.t("console.handoffs.on_time")) } td data-value=(p.accepted_on_time) { (p.accepted_on_time) } }
                    tr { th scope="row" { (l.t("console.handoffs.late")) } td data-value=(p.accepted_late) { (p.accepted_late) } }
                    tr { th scope="row" { (l.t("console.handoffs.rejected")) } td data-value=(p.rejected) { (p.rejected) } }
                    tr { th scope="row" { (l.t("console.handoffs.overdue")) } td data-value=(p.overdue) { (p.overdue) } }
                    tr { th scope="row" { (l.t("console.handoffs.waiting")) } td data-value=(p.waiting) { (p.waiting) } }
                    tr {
                        th scope="row" { (l.t("console.handoffs.rate")) }
                        td #answered-in-time data-value=(rate.map(|r| r.to_string()).unwrap_or_default()) {
                            (shown(Kpi::OnTimeRate, rate))
                        }
                    }
                }
            }
            p { small { (l.t("console.handoffs.rule")) } }
        }
    };
    layout(l, Some(c), l.t("console.handoffs.title"), body)
}

pub fn orgs(l: Lang, c: &Console, rows: &[(OrgRow, Vec<UserRow>)]) -> Markup {
    let tz = zone(c);
    let body = html! {
        h1 { (l.t("console.orgs.title")) }
        p { a href="/console/orgs?format=csv" { (l.t("console.csv")) } }
        table #orgs {
            thead { tr {
                th { (l.t("console.orgs.name")) }
                th { (l.t("console.orgs.kind")) }
                th { (l.t("console.orgs.admins")) }
                th { (l.t("console.orgs.created")) }
            } }
            tbody {
                @for (o, admins) in rows {
                    tr data-org=(o.id) {
                        th scope="row" {
                            // A marketplace's name leads to its courier scorecard.
                            @if o.kind == "marketplace" {
                                a href={ "/console/scorecard?org_id=" (o.id) } { (o.name) }
                            } @else {
                                (o.name)
                            }
                            br; small { code { (o.id) } }
                        }
                        td { (o.kind) }
                        td {
                            @for u in admins {
                                (u.name) " <" (u.email) ">"
                                @if u.disabled_at.is_some() { " " small.missed { (l.t("console.drivers.inactive")) } }
                                br;
                            }
                        }
                        td { (when(l, tz, o.created_at)) }
                    }
                }
            }
        }
    };
    layout(l, Some(c), l.t("console.orgs.title"), body)
}
