use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::rules::{Counters, Granularity, Kpi, Op, Part, Tag, Target, stars};
use crate::error::FieldError;

/// One KPI: value = numerator / denominator (a plain count has no denominator), the contract's
/// target and whether it is met. `value` and `met` are absent when nothing was measured.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct KpiValue {
    pub kpi: Kpi,
    pub value: Option<f64>,
    pub numerator: i64,
    pub denominator: Option<i64>,
    /// The counts against it (late deliveries, attempts without proof, lost parcels, ratings
    /// of 3 stars or fewer…), listed by `GET /v1/kpis/shipments?part=against`.
    pub against: i64,
    pub target: Option<Target>,
    pub met: Option<bool>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StarsCount {
    pub stars: i32,
    pub count: i64,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TagTotal {
    pub tag: Tag,
    pub count: i64,
}

/// Every KPI over a set of days, with the rating distribution, the tags and what fair
/// attribution moved elsewhere.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct KpiSet {
    pub kpis: Vec<KpiValue>,
    /// Counted ratings per star, 5 first.
    pub ratings_distribution: Vec<StarsCount>,
    /// Tags of counted ratings, most frequent first.
    pub tags: Vec<TagTotal>,
    /// Late deliveries not counted against the courier: it received the parcel late.
    pub late_excused: i64,
    /// Low ratings counted against the party that handed the parcel over instead.
    pub ratings_reattributed: i64,
    /// Ratings counted for nobody (harsh raters).
    pub ratings_excluded: i64,
    pub targets_met: i64,
    pub targets_missed: i64,
}

impl KpiSet {
    pub fn build(c: &Counters, targets: &HashMap<Kpi, Target>) -> KpiSet {
        let kpis: Vec<KpiValue> = Kpi::ALL
            .into_iter()
            .map(|k| {
                let (numerator, denominator) = k.parts(c);
                let value = k.value(c).map(|v| (v * 10_000.0).round() / 10_000.0);
                let target = targets.get(&k).copied();
                KpiValue {
                    kpi: k,
                    value,
                    numerator,
                    denominator,
                    against: k.against(c),
                    met: target.and_then(|t| t.met(k.value(c))),
                    target,
                }
            })
            .collect();
        let mut tags: Vec<TagTotal> = Tag::ALL
            .into_iter()
            .map(|t| TagTotal {
                tag: t,
                count: t.count(c),
            })
            .filter(|t| t.count > 0)
            .collect();
        tags.sort_by_key(|t| std::cmp::Reverse(t.count));
        let s = stars(c);
        KpiSet {
            targets_met: kpis.iter().filter(|k| k.met == Some(true)).count() as i64,
            targets_missed: kpis.iter().filter(|k| k.met == Some(false)).count() as i64,
            kpis,
            ratings_distribution: (1..=5)
                .rev()
                .map(|n| StarsCount {
                    stars: n as i32,
                    count: s[n - 1],
                })
                .collect(),
            tags,
            late_excused: c.late_excused,
            ratings_reattributed: c.ratings_reattributed,
            ratings_excluded: c.ratings_excluded,
        }
    }

    pub fn get(&self, k: Kpi) -> Option<&KpiValue> {
        self.kpis.iter().find(|v| v.kpi == k)
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PeriodKpis {
    /// `2026-11-24`, `2026-W48` or `2026-11`.
    pub period: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    #[serde(flatten)]
    pub kpis: KpiSet,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct KpiReport {
    pub marketplace_id: Option<String>,
    pub courier_id: Option<String>,
    pub driver_id: Option<String>,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub granularity: Granularity,
    /// The contract whose targets apply (a marketplace and one courier).
    pub contract_id: Option<String>,
    pub overall: KpiSet,
    /// Periods with activity, oldest first.
    pub periods: Vec<PeriodKpis>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct KpiQuery {
    /// The courier (or other party) measured. Couriers and drivers: their own (default).
    pub courier_id: Option<String>,
    pub driver_id: Option<String>,
    /// Couriers: only this marketplace's shipments (and its contract's targets).
    pub marketplace_id: Option<String>,
    /// First day, `YYYY-MM-DD` (default: 29 days before `to`).
    #[param(format = Date)]
    pub from: Option<String>,
    /// Last day, included (default: today, UTC).
    #[param(format = Date)]
    pub to: Option<String>,
    /// `day`, `week` (ISO, default) or `month`.
    pub granularity: Option<Granularity>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ScorecardQuery {
    /// First day, `YYYY-MM-DD` (default: 29 days before `to`).
    #[param(format = Date)]
    pub from: Option<String>,
    /// Last day, included (default: today, UTC).
    #[param(format = Date)]
    pub to: Option<String>,
    /// Platform admins: whose scorecard (marketplace for couriers, courier for drivers).
    pub org_id: Option<String>,
    /// Drivers: only this marketplace's shipments, with its contract's targets.
    pub marketplace_id: Option<String>,
    /// Drivers: the KPI to rank by (default `average_stars`).
    #[param(value_type = Option<Kpi>)]
    pub sort: Option<String>,
    /// Drivers: the order (default: worst first).
    #[param(value_type = Option<SortOrder>)]
    pub order: Option<String>,
}

/// An order to rank in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SortOrder {
    Asc,
    Desc,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CourierScore {
    pub courier_id: String,
    pub courier_name: String,
    pub contract_id: String,
    #[serde(flatten)]
    pub kpis: KpiSet,
}

/// The shipments behind one KPI figure: the same scope as `GET /v1/kpis`, one KPI and which
/// of its counts.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CountedQuery {
    /// The KPI whose counts are listed.
    #[param(value_type = Kpi)]
    pub kpi: Kpi,
    /// `denominator` (default: every shipment the figure counts), `numerator`, or `against`
    /// (what counts against it: late, without proof, upheld disputes, lost…).
    #[param(value_type = Option<Part>)]
    pub part: Option<Part>,
    pub courier_id: Option<String>,
    pub driver_id: Option<String>,
    pub marketplace_id: Option<String>,
    /// First day, `YYYY-MM-DD` (default: 29 days before `to`).
    #[param(format = Date)]
    pub from: Option<String>,
    /// Last day, included (default: today, UTC).
    #[param(format = Date)]
    pub to: Option<String>,
    /// Items per page, 1–200 (default 50).
    pub limit: Option<i64>,
    /// `next_cursor` from the previous page.
    pub cursor: Option<String>,
}

impl CountedQuery {
    /// The report's scope, for the same access rule.
    pub fn scope(&self) -> KpiQuery {
        KpiQuery {
            courier_id: self.courier_id.clone(),
            driver_id: self.driver_id.clone(),
            marketplace_id: self.marketplace_id.clone(),
            from: self.from.clone(),
            to: self.to.clone(),
            granularity: None,
        }
    }
}

/// One shipment behind a KPI figure: what it adds to the figure's numerator and denominator
/// over the range (summed over every page, these are the figure's own), exactly as the door
/// recorded it when the facts were written.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CountedShipment {
    pub shipment_id: String,
    /// The marketplace's reference.
    pub reference: String,
    pub numerator: i64,
    /// Absent for a plain count.
    pub denominator: Option<i64>,
    /// Its counts against the KPI (see `part=against`).
    pub against: i64,
    /// The local days it counts on.
    pub days: Vec<NaiveDate>,
}

/// A marketplace's couriers side by side, each against its contract's targets.
#[derive(Debug, Serialize, ToSchema)]
pub struct CourierScorecard {
    pub marketplace_id: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub couriers: Vec<CourierScore>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DriverScore {
    pub driver_id: String,
    pub name: String,
    #[serde(flatten)]
    pub kpis: KpiSet,
}

/// A courier's drivers ranked by one KPI.
#[derive(Debug, Serialize, ToSchema)]
pub struct DriverRanking {
    pub courier_id: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub sort: Kpi,
    pub order: String,
    pub drivers: Vec<DriverScore>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TargetInput {
    #[schema(value_type = crate::kpis::rules::Kpi, example = "on_time_rate")]
    pub kpi: String,
    /// Default: `>=` for KPIs where higher is better, else `<=`.
    #[schema(value_type = Option<crate::kpis::rules::Op>, example = ">=")]
    pub op: Option<String>,
    /// Rates are 0–1, average stars 1–5, counts 0 or more (each KPI's own range is checked).
    #[schema(example = 0.95, minimum = 0.0, maximum = 1_000_000_000.0)]
    pub value: f64,
}

/// The complete set of targets (replaces the previous set; an empty list removes them all).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SetTargets {
    pub targets: Vec<TargetInput>,
}

impl SetTargets {
    pub fn validate(&self) -> Result<Vec<(Kpi, Target)>, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut out: Vec<(Kpi, Target)> = Vec::new();
        for (i, t) in self.targets.iter().enumerate() {
            let Some(kpi) = Kpi::parse(&t.kpi) else {
                errors.push(FieldError::new(
                    format!("targets[{i}].kpi"),
                    format!(
                        "unknown KPI; use one of: {}",
                        Kpi::ALL.map(Kpi::as_str).join(", ")
                    ),
                ));
                continue;
            };
            let op = match t.op.as_deref() {
                None if kpi.higher_is_better() => Op::Ge,
                None => Op::Le,
                Some(s) => match Op::parse(s) {
                    Some(op) => op,
                    None => {
                        errors.push(FieldError::new(
                            format!("targets[{i}].op"),
                            "must be >= or <=",
                        ));
                        continue;
                    }
                },
            };
            let (lo, hi) = kpi.range();
            if !t.value.is_finite() || t.value < lo || t.value > hi {
                errors.push(FieldError::new(
                    format!("targets[{i}].value"),
                    format!("must be between {lo} and {hi} for {}", kpi.as_str()),
                ));
                continue;
            }
            if out.iter().any(|(k, _)| *k == kpi) {
                errors.push(FieldError::new(
                    format!("targets[{i}].kpi"),
                    "appears twice",
                ));
                continue;
            }
            out.push((kpi, Target { op, value: t.value }));
        }
        if errors.is_empty() {
            Ok(out)
        } else {
            Err(errors)
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Targets {
    pub contract_id: String,
    pub targets: Vec<TargetView>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TargetView {
    pub kpi: Kpi,
    pub op: Op,
    pub value: f64,
}

/// A KPI of a closed period that missed its contract's target (also sent as the webhook
/// `kpi.target_missed`).
#[derive(Debug, Serialize, ToSchema)]
pub struct TargetMiss {
    pub id: String,
    pub contract_id: String,
    pub marketplace_id: String,
    pub courier_id: String,
    pub kpi: String,
    /// `2026-11-24`, `2026-W48` or `2026-11`.
    pub period: String,
    pub from: String,
    pub to: String,
    pub value: f64,
    pub numerator: i64,
    pub denominator: i64,
    pub op: String,
    pub target: f64,
    pub recorded_at: chrono::DateTime<chrono::Utc>,
}
