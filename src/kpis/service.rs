//! The KPI answers the API and the operations console share: a report over a range of days,
//! and a marketplace's courier scorecard. Every answer sums `kpi_daily` rows.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, Duration, NaiveDate};
use diesel::prelude::*;

use super::model::{
    CountedShipment, CourierScore, CourierScorecard, DriverRanking, DriverScore, KpiQuery,
    KpiReport, KpiSet, PeriodKpis,
};
use super::rules::{ALL_DRIVERS, Counters, Kpi, Part, Target, period_of, week_of_row};
use super::store::{GroupBy, Scope, sums};
use super::targets;
use crate::auth::Actor;
use crate::db::Conn;
use crate::db::schema::{contracts, orgs, users};
use crate::error::{ApiError, ApiResult};
use crate::orgs::model::OrgKind;
use crate::users::model::Role;

/// Longest span one query may cover.
pub const MAX_DAYS: i64 = 366;

fn not_found(what: &str) -> ApiError {
    ApiError::NotFound(what.to_owned())
}

/// `from..=to`, defaulting to the last 30 days.
pub fn days(
    from: Option<&str>,
    to: Option<&str>,
    today: NaiveDate,
) -> ApiResult<(NaiveDate, NaiveDate)> {
    let parse = |field: &str, v: &str| {
        NaiveDate::parse_from_str(v, "%Y-%m-%d")
            .ok()
            .filter(|d| (2000..=2100).contains(&d.year()))
            .ok_or_else(|| ApiError::validation(field, "must be a date, YYYY-MM-DD, 2000–2100"))
    };
    let to = match to {
        Some(v) => parse("to", v)?,
        None => today,
    };
    let from = match from {
        Some(v) => parse("from", v)?,
        None => to - Duration::days(29),
    };
    if from > to {
        return Err(ApiError::validation("from", "must not be after `to`"));
    }
    if (to - from).num_days() >= MAX_DAYS {
        return Err(ApiError::validation(
            "from",
            format!("a query covers at most {MAX_DAYS} days"),
        ));
    }
    Ok((from, to))
}

fn is_driver_of(c: &mut Conn, driver_id: &str, courier_id: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        users::table
            .filter(users::id.eq(driver_id))
            .filter(users::org_id.eq(courier_id))
            .filter(users::role.eq("driver")),
    ))
    .get_result(c)
}

/// What the caller may measure: (org, marketplace, driver) filters. Anything else is a 404.
fn kpi_scope(
    c: &mut Conn,
    actor: &Actor,
    q: &KpiQuery,
) -> ApiResult<(Option<String>, Option<String>, Option<String>)> {
    let mut org = q.courier_id.clone();
    let mut marketplace = q.marketplace_id.clone();
    let mut driver = q.driver_id.clone();
    match (actor.role, actor.org_kind, actor.org_id.as_deref()) {
        (Role::PlatformAdmin, _, _) => {}
        (Role::Driver, _, Some(own)) => {
            if driver.as_deref().is_some_and(|d| d != actor.id)
                || org.as_deref().is_some_and(|o| o != own)
            {
                return Err(not_found("driver"));
            }
            org = Some(own.to_owned());
            driver = Some(actor.id.clone());
        }
        (_, Some(OrgKind::Marketplace), Some(own)) => {
            if marketplace.as_deref().is_some_and(|m| m != own) {
                return Err(not_found("marketplace"));
            }
            marketplace = Some(own.to_owned());
        }
        (_, Some(_), Some(own)) => {
            if org.as_deref().is_some_and(|o| o != own) {
                return Err(not_found("courier"));
            }
            org = Some(own.to_owned());
            if let Some(d) = &driver
                && !is_driver_of(c, d, own)?
            {
                return Err(not_found("driver"));
            }
        }
        _ => return Err(ApiError::Forbidden("KPIs are for organisations".to_owned())),
    }
    Ok((org, marketplace, driver))
}

pub fn contract_targets(
    c: &mut Conn,
    marketplace: Option<&str>,
    org: Option<&str>,
) -> QueryResult<(Option<String>, HashMap<Kpi, Target>)> {
    let (Some(m), Some(o)) = (marketplace, org) else {
        return Ok((None, HashMap::new()));
    };
    match targets::courier_contract(c, m, o)? {
        Some(id) => {
            let t = targets::for_contract(c, &id)?;
            Ok((Some(id), t))
        }
        None => Ok((None, HashMap::new())),
    }
}

/// The KPI report `q` asks for over `from..=to`, within what `actor` may measure (anything
/// else is a 404).
pub fn report(
    c: &mut Conn,
    actor: &Actor,
    q: &KpiQuery,
    from: NaiveDate,
    to: NaiveDate,
) -> ApiResult<KpiReport> {
    let granularity = q.granularity.unwrap_or_default();
    let (org, marketplace, driver) = kpi_scope(c, actor, q)?;
    let (contract_id, targets) = contract_targets(c, marketplace.as_deref(), org.as_deref())?;
    let scope = Scope {
        from,
        to,
        org_id: org.clone(),
        marketplace_id: marketplace.clone(),
        driver_id: driver.clone(),
    };
    // By week, each whole week is its one week row.
    let by = match granularity {
        super::rules::Granularity::Week => GroupBy::Week,
        _ => GroupBy::Day,
    };
    let days = sums(c, &scope, by)?;
    let (overall, periods) = by_period(days, &targets, granularity, from, to);
    Ok(KpiReport {
        marketplace_id: marketplace,
        courier_id: org,
        driver_id: driver,
        from,
        to,
        granularity,
        contract_id,
        overall,
        periods,
    })
}

/// Shipments read per statement while a drill-down fills a page.
const SCAN_BATCH: i64 = 500;

/// The shipments behind one figure of the report `q` asks for (same scope, same 404s): each
/// with what it added to `kpi`'s numerator and denominator over `from..=to`, read from the
/// contributions the door recorded on the shipment when it moved the counters — so the items
/// of every page sum to the report's own figure. Those with something in `part`, in id order.
pub fn counted_shipments(
    c: &mut Conn,
    actor: &Actor,
    q: &KpiQuery,
    (kpi, part): (Kpi, Part),
    from: NaiveDate,
    to: NaiveDate,
    page: &crate::pagination::PageRequest,
) -> ApiResult<crate::pagination::Page<CountedShipment>> {
    let (org, marketplace, driver) = kpi_scope(c, actor, q)?;
    let scope = Scope {
        from,
        to,
        org_id: org,
        marketplace_id: marketplace,
        driver_id: driver,
    };
    // Without a driver, the org's whole figure: its rollup key, as `kpi_daily`'s rollup rows.
    let key_driver = scope.driver_id.as_deref().unwrap_or(ALL_DRIVERS);
    let mut items: Vec<CountedShipment> = Vec::new();
    let mut after = page.after.clone();
    'scan: loop {
        let batch = super::store::contributing(
            c,
            &scope,
            key_driver,
            kpi.narrowed_by_against(part).then_some(kpi),
            after.as_deref(),
            SCAN_BATCH,
        )?;
        let last = (batch.len() as i64) < SCAN_BATCH;
        for (id, reference, contrib) in batch {
            after = Some(id.clone());
            let mut sum = Counters::default();
            let mut days = Vec::new();
            for ((day, org, driver), counters) in super::store::decode(contrib.as_deref()) {
                let in_scope = (from..=to).contains(&day)
                    && scope.org_id.as_deref().is_none_or(|o| o == org)
                    && driver == key_driver;
                if in_scope && kpi.counts_in(Part::Denominator, &counters) {
                    sum.add(&counters);
                    days.push(day);
                }
            }
            if !kpi.counts_in(part, &sum) {
                continue;
            }
            days.dedup();
            let (numerator, denominator) = kpi.parts(&sum);
            items.push(CountedShipment {
                shipment_id: id,
                reference,
                numerator,
                denominator,
                against: kpi.against(&sum),
                days,
            });
            if items.len() as i64 > page.limit {
                break 'scan;
            }
        }
        if last {
            break;
        }
    }
    Ok(crate::pagination::Page::from_rows(
        items,
        page,
        |i| &i.shipment_id,
        |i| i,
    ))
}

/// Counters per day summed overall and per period of `granularity`, against `targets`.
fn by_period(
    days: impl IntoIterator<Item = (String, Counters)>,
    targets: &HashMap<Kpi, Target>,
    granularity: super::rules::Granularity,
    from: NaiveDate,
    to: NaiveDate,
) -> (KpiSet, Vec<PeriodKpis>) {
    let mut overall = Counters::default();
    let mut periods: BTreeMap<String, (NaiveDate, NaiveDate, Counters)> = BTreeMap::new();
    for (day, counters) in days {
        // A week row counts from its Monday (only read by week).
        let Some(day) = day.parse::<NaiveDate>().ok().or(week_of_row(&day)) else {
            continue;
        };
        overall.add(&counters);
        let (label, start, end) = period_of(day, granularity);
        periods
            .entry(label)
            .or_insert((start, end, Counters::default()))
            .2
            .add(&counters);
    }
    let periods = periods
        .into_iter()
        .map(|(period, (start, end, c))| PeriodKpis {
            period,
            from: start.max(from),
            to: end.min(to),
            kpis: KpiSet::build(&c, targets),
        })
        .collect();
    (KpiSet::build(&overall, targets), periods)
}

/// The marketplace whose scorecard `actor` reads: its own, or the one a platform admin names.
pub fn scorecard_marketplace(actor: &Actor, requested: Option<&str>) -> ApiResult<String> {
    match (actor.role, actor.org_kind, &actor.org_id) {
        (Role::PlatformAdmin, _, _) => requested
            .map(str::to_owned)
            .ok_or_else(|| ApiError::validation("org_id", "name the marketplace")),
        (Role::Driver, _, _) => Err(ApiError::Forbidden("scorecards are for staff".to_owned())),
        (_, Some(OrgKind::Marketplace), Some(own)) => Ok(own.clone()),
        _ => Err(ApiError::Forbidden(
            "the courier scorecard is a marketplace's".to_owned(),
        )),
    }
}

/// The marketplace's couriers over `from..=to`, each against its contract's targets.
pub fn scorecard(
    c: &mut Conn,
    marketplace: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> ApiResult<CourierScorecard> {
    let couriers = marketplace_couriers(c, marketplace)?;
    let scope = Scope {
        from,
        to,
        org_id: None,
        marketplace_id: Some(marketplace.to_owned()),
        driver_id: None,
    };
    let by_org: HashMap<String, Counters> = sums(c, &scope, GroupBy::Org)?.into_iter().collect();
    let ids: Vec<&str> = couriers.iter().map(|(id, _, _)| id.as_str()).collect();
    let all_targets = targets::for_contracts(c, &ids)?;
    let rows = couriers
        .into_iter()
        .map(|(contract_id, courier_id, courier_name)| {
            let counters = by_org.get(&courier_id).copied().unwrap_or_default();
            let t = all_targets.get(&contract_id).cloned().unwrap_or_default();
            CourierScore {
                kpis: KpiSet::build(&counters, &t),
                courier_id,
                courier_name,
                contract_id,
            }
        })
        .collect();
    Ok(CourierScorecard {
        marketplace_id: marketplace.to_owned(),
        from,
        to,
        couriers: rows,
    })
}

/// The KPI a driver ranking sorts by (average stars by default) and its order (worst first by
/// default).
pub fn ranking_order(sort: Option<&str>, order: Option<&str>) -> ApiResult<(Kpi, String)> {
    let sort = match sort {
        None => Kpi::AverageStars,
        Some(s) => Kpi::parse(s).ok_or_else(|| {
            ApiError::validation(
                "sort",
                format!("use one of: {}", Kpi::ALL.map(Kpi::as_str).join(", ")),
            )
        })?,
    };
    let worst_first = if sort.higher_is_better() {
        "asc"
    } else {
        "desc"
    };
    let order = match order {
        None => worst_first.to_owned(),
        Some(o @ ("asc" | "desc")) => o.to_owned(),
        Some(_) => return Err(ApiError::validation("order", "must be asc or desc")),
    };
    Ok((sort, order))
}

/// The courier whose drivers `actor` ranks: its own, or the one a platform admin names.
pub fn ranking_courier(actor: &Actor, requested: Option<&str>) -> ApiResult<String> {
    match (actor.role, actor.org_kind, &actor.org_id) {
        (Role::PlatformAdmin, _, _) => requested
            .map(str::to_owned)
            .ok_or_else(|| ApiError::validation("org_id", "name the courier")),
        (Role::Driver, _, _) => Err(ApiError::Forbidden(
            "drivers see their own KPIs at /v1/kpis".to_owned(),
        )),
        (_, Some(OrgKind::Courier), Some(own)) => Ok(own.clone()),
        _ => Err(ApiError::Forbidden(
            "the driver ranking is a courier's".to_owned(),
        )),
    }
}

/// A courier's drivers over `from..=to` (within one marketplace's shipments if given), sorted
/// by `sort`; drivers with nothing measured go last whatever the order.
pub fn driver_ranking(
    c: &mut Conn,
    courier: &str,
    marketplace: Option<&str>,
    from: NaiveDate,
    to: NaiveDate,
    sort: Kpi,
    order: String,
) -> ApiResult<DriverRanking> {
    let (_, t) = contract_targets(c, marketplace, Some(courier))?;
    let drivers: Vec<(String, String)> = users::table
        .filter(users::org_id.eq(courier))
        .filter(users::role.eq("driver"))
        .select((users::id, users::name))
        .load(c)?;
    let scope = Scope {
        from,
        to,
        org_id: Some(courier.to_owned()),
        marketplace_id: marketplace.map(str::to_owned),
        driver_id: None,
    };
    let by_driver: HashMap<String, Counters> =
        sums(c, &scope, GroupBy::Driver)?.into_iter().collect();
    let mut rows: Vec<DriverScore> = drivers
        .into_iter()
        .map(|(id, name)| DriverScore {
            kpis: KpiSet::build(&by_driver.get(&id).copied().unwrap_or_default(), &t),
            driver_id: id,
            name,
        })
        .collect();
    let value = |d: &DriverScore| d.kpis.get(sort).and_then(|v| v.value);
    rows.sort_by(|a, b| match (value(a), value(b)) {
        (Some(x), Some(y)) if order == "asc" => x.total_cmp(&y),
        (Some(x), Some(y)) => y.total_cmp(&x),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.name.cmp(&b.name),
    });
    Ok(DriverRanking {
        courier_id: courier.to_owned(),
        from,
        to,
        sort,
        order,
        drivers: rows,
    })
}

/// The marketplaces a courier delivers for (its contracts), by name: (id, name).
pub fn courier_marketplaces(c: &mut Conn, courier: &str) -> ApiResult<Vec<(String, String)>> {
    Ok(contracts::table
        .inner_join(orgs::table.on(orgs::id.eq(contracts::marketplace_id)))
        .filter(contracts::partner_id.eq(courier))
        .filter(contracts::partner_kind.eq("courier"))
        .order(orgs::name)
        .select((orgs::id, orgs::name))
        .load(c)?)
}

/// The couriers a marketplace has a contract with, by name: (contract id, id, name).
pub fn marketplace_couriers(
    c: &mut Conn,
    marketplace: &str,
) -> ApiResult<Vec<(String, String, String)>> {
    Ok(contracts::table
        .inner_join(orgs::table.on(orgs::id.eq(contracts::partner_id)))
        .filter(contracts::marketplace_id.eq(marketplace))
        .filter(contracts::partner_kind.eq("courier"))
        .order(orgs::name)
        .select((contracts::id, orgs::id, orgs::name))
        .load(c)?)
}

/// One line of a scorecard or chart: the partner's id, its name and its report.
pub type PartnerReport = (String, String, KpiReport);

/// The lines of the caller's scorecard and charts, each with its report over `from..=to` by
/// `granularity`: a courier's marketplaces (`true`), or a marketplace's couriers (a platform
/// admin names the marketplace). (id, name, report) per line, by name.
pub fn partner_reports(
    c: &mut Conn,
    actor: &Actor,
    marketplace: Option<&str>,
    from: NaiveDate,
    to: NaiveDate,
    granularity: super::rules::Granularity,
) -> ApiResult<(bool, Vec<PartnerReport>)> {
    let query = |courier: Option<String>, marketplace: Option<String>| KpiQuery {
        courier_id: courier,
        driver_id: None,
        marketplace_id: marketplace,
        from: None,
        to: None,
        granularity: Some(granularity),
    };
    if let (Some(OrgKind::Courier), Some(own), false) = (
        actor.org_kind,
        actor.org_id.as_deref(),
        actor.role == Role::Driver,
    ) {
        let mut lines = Vec::new();
        for (id, name) in courier_marketplaces(c, own)? {
            let r = report(c, actor, &query(None, Some(id.clone())), from, to)?;
            lines.push((id, name, r));
        }
        return Ok((true, lines));
    }
    // A marketplace's couriers: three statements whatever their number (the couriers, their
    // targets, every courier's days), the same numbers as `report` for each.
    let marketplace = scorecard_marketplace(actor, marketplace)?;
    let couriers = marketplace_couriers(c, &marketplace)?;
    let ids: Vec<&str> = couriers.iter().map(|(id, _, _)| id.as_str()).collect();
    let all_targets = targets::for_contracts(c, &ids)?;
    let scope = Scope {
        from,
        to,
        org_id: None,
        marketplace_id: Some(marketplace.clone()),
        driver_id: None,
    };
    let mut days: HashMap<String, Vec<(String, Counters)>> = HashMap::new();
    for (org, day, counters) in super::store::sums_by_org_day(c, &scope)? {
        days.entry(org).or_default().push((day, counters));
    }
    let lines = couriers
        .into_iter()
        .map(|(contract_id, id, name)| {
            let t = all_targets.get(&contract_id).cloned().unwrap_or_default();
            let (overall, periods) = by_period(
                days.remove(&id).unwrap_or_default(),
                &t,
                granularity,
                from,
                to,
            );
            let r = KpiReport {
                marketplace_id: Some(marketplace.clone()),
                courier_id: Some(id.clone()),
                driver_id: None,
                from,
                to,
                granularity,
                contract_id: Some(contract_id),
                overall,
                periods,
            };
            (id, name, r)
        })
        .collect();
    Ok((false, lines))
}

/// Target misses recorded since `since` that the caller may list (its marketplace's or its
/// courier's; every one for the platform admin).
pub fn misses_since(c: &mut Conn, actor: &Actor, since: chrono::NaiveDateTime) -> ApiResult<i64> {
    let (marketplace, courier) = match crate::access::list_scope(
        actor,
        "target misses are for staff",
        "target misses are for marketplaces and couriers",
    )? {
        crate::access::ListScope::All => (None, None),
        crate::access::ListScope::Marketplace(o) => (Some(o), None),
        crate::access::ListScope::Courier(o) => (None, Some(o)),
    };
    Ok(super::targets::count_since(
        c,
        since,
        marketplace.as_deref(),
        courier.as_deref(),
    )?)
}

/// Keys folded per statement batch, and per round at most (each key its own short
/// transaction, so writers wait at most one key's fold).
const FOLD_BATCH: i64 = 1000;
const FOLD_PER_ROUND: usize = 100_000;

/// Fold the rollup shards of days that ended two days ago or earlier (every time zone's
/// day is over), and of weeks whose Sunday did, into each key's one row, rewriting the key's
/// rows side by side: the periodic job that keeps past figures one row a day or week (see
/// `store::fold_shards`). Returns the keys folded.
pub fn fold_past_shards(db: &crate::db::Db, today: NaiveDate) -> anyhow::Result<usize> {
    let mut conn = db.get_write()?;
    let before = today - chrono::Duration::days(2);
    let mut total = 0;
    loop {
        let n = super::store::fold_shards(&mut conn, before, FOLD_BATCH)?;
        total += n;
        if i64::try_from(n).unwrap_or(i64::MAX) < FOLD_BATCH || total >= FOLD_PER_ROUND {
            return Ok(total);
        }
    }
}

/// Every round of [`fold_past_shards`] until nothing is left to fold (`admin fold-kpis`).
pub fn fold_all_past_shards(db: &crate::db::Db, today: NaiveDate) -> anyhow::Result<usize> {
    let mut total = 0;
    loop {
        let n = fold_past_shards(db, today)?;
        total += n;
        if n < FOLD_PER_ROUND {
            return Ok(total);
        }
    }
}
