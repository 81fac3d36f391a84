//! Contract targets, and the `kpi.target_missed` record when a closed period misses one.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::rules::{Counters, Granularity, Kpi, Op, Target, period_of};
use super::store::{GroupBy, Scope, sums};
use crate::db::backend::{load_skip_locked, per_backend};
use crate::db::schema::{contracts, kpi_target_misses, kpi_targets};
use crate::db::{Conn, Db};

pub fn for_contract(c: &mut Conn, contract_id: &str) -> QueryResult<HashMap<Kpi, Target>> {
    Ok(for_contracts(c, &[contract_id])?
        .remove(contract_id)
        .unwrap_or_default())
}

/// Targets of several contracts in one query, by contract id.
pub fn for_contracts(
    c: &mut Conn,
    ids: &[&str],
) -> QueryResult<HashMap<String, HashMap<Kpi, Target>>> {
    let rows: Vec<(String, String, String, f64)> = kpi_targets::table
        .filter(kpi_targets::contract_id.eq_any(ids))
        .select((
            kpi_targets::contract_id,
            kpi_targets::kpi,
            kpi_targets::op,
            kpi_targets::target,
        ))
        .load(c)?;
    let mut out: HashMap<String, HashMap<Kpi, Target>> = HashMap::new();
    for (contract, k, op, value) in rows {
        if let (Some(k), Some(op)) = (Kpi::parse(&k), Op::parse(&op)) {
            out.entry(contract)
                .or_default()
                .insert(k, Target { op, value });
        }
    }
    Ok(out)
}

pub fn replace(c: &mut Conn, contract_id: &str, targets: &[(Kpi, Target)]) -> QueryResult<()> {
    diesel::delete(kpi_targets::table.filter(kpi_targets::contract_id.eq(contract_id)))
        .execute(c)?;
    for (k, t) in targets {
        diesel::insert_into(kpi_targets::table)
            .values((
                kpi_targets::contract_id.eq(contract_id),
                kpi_targets::kpi.eq(k.as_str()),
                kpi_targets::op.eq(t.op.as_str()),
                kpi_targets::target.eq(t.value),
            ))
            .execute(c)?;
    }
    Ok(())
}

/// The courier contract between a marketplace and a courier, if any.
pub fn courier_contract(
    c: &mut Conn,
    marketplace_id: &str,
    courier_id: &str,
) -> QueryResult<Option<String>> {
    contracts::table
        .filter(contracts::marketplace_id.eq(marketplace_id))
        .filter(contracts::partner_id.eq(courier_id))
        .filter(contracts::partner_kind.eq("courier"))
        .select(contracts::id)
        .first(c)
        .optional()
}

/// The latest closed period of each granularity on `today` (UTC).
pub fn closed_periods(today: NaiveDate) -> Vec<(String, NaiveDate, NaiveDate)> {
    [Granularity::Day, Granularity::Week, Granularity::Month]
        .into_iter()
        .map(|g| {
            let (_, start, _) = period_of(today, g);
            period_of(start - chrono::Duration::days(1), g)
        })
        .collect()
}

/// Record a miss for every target a contract's courier missed in the latest closed day, week
/// and month. Each (contract, KPI, period) is recorded once, however often this runs.
pub fn check_closed_periods(db: &Db, now: chrono::NaiveDateTime) -> anyhow::Result<usize> {
    let today: NaiveDate = now.date();
    let mut conn = db.get_write()?;
    let with_targets: Vec<(String, String, String)> = kpi_targets::table
        .inner_join(contracts::table)
        .filter(contracts::active.eq(true))
        .select((
            contracts::id,
            contracts::marketplace_id,
            contracts::partner_id,
        ))
        .distinct()
        .load(&mut conn)?;
    let mut recorded = 0;
    for (contract_id, marketplace_id, courier_id) in with_targets {
        let targets = for_contract(&mut conn, &contract_id)?;
        for (period, from, to) in closed_periods(today) {
            let scope = Scope {
                from,
                to,
                org_id: Some(courier_id.clone()),
                marketplace_id: Some(marketplace_id.clone()),
                driver_id: None,
            };
            let mut total = Counters::default();
            for (_, c) in sums(&mut conn, &scope, GroupBy::Org)? {
                total.add(&c);
            }
            for (kpi, target) in &targets {
                let value = kpi.value(&total);
                if target.met(value) != Some(false) {
                    continue;
                }
                let (numerator, denominator) = kpi.parts(&total);
                let miss = Miss {
                    id: crate::ids::new_id("kpm"),
                    contract_id: contract_id.clone(),
                    marketplace_id: marketplace_id.clone(),
                    courier_id: courier_id.clone(),
                    kpi: kpi.as_str().to_owned(),
                    period: period.clone(),
                    period_start: from.to_string(),
                    period_end: to.to_string(),
                    value: value.unwrap_or_default(),
                    numerator,
                    denominator: denominator.unwrap_or_default(),
                    op: target.op.as_str().to_owned(),
                    target: target.value,
                    created_at: now,
                    dispatched: false,
                };
                recorded += insert_once(&mut conn, &miss)?;
            }
        }
    }
    Ok(recorded)
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = kpi_target_misses)]
pub struct Miss {
    pub id: String,
    pub contract_id: String,
    pub marketplace_id: String,
    pub courier_id: String,
    pub kpi: String,
    pub period: String,
    pub period_start: String,
    pub period_end: String,
    pub value: f64,
    pub numerator: i64,
    pub denominator: i64,
    pub op: String,
    pub target: f64,
    pub created_at: NaiveDateTime,
    pub dispatched: bool,
}

fn insert_once(c: &mut Conn, m: &Miss) -> QueryResult<usize> {
    let q = diesel::insert_into(kpi_target_misses::table).values(m);
    per_backend!(c, |c| q.on_conflict_do_nothing().execute(c))
}

/// On PostgreSQL locked with SKIP LOCKED, so several servers fan out disjoint sets.
pub fn undispatched(c: &mut Conn, limit: i64) -> QueryResult<Vec<Miss>> {
    // `as_select` names the backend, so the statement is written for each.
    let base = kpi_target_misses::table
        // A literal `NOT dispatched` matches the partial index (see webhooks::store).
        .filter(diesel::dsl::not(kpi_target_misses::dispatched))
        .order(kpi_target_misses::created_at)
        .limit(limit);
    load_skip_locked!(c, base.select(Miss::as_select()))
}

pub fn mark_dispatched(c: &mut Conn, ids: &[String]) -> QueryResult<usize> {
    diesel::update(kpi_target_misses::table.filter(kpi_target_misses::id.eq_any(ids)))
        .set(kpi_target_misses::dispatched.eq(true))
        .execute(c)
}

pub fn list(
    c: &mut Conn,
    page: &crate::pagination::PageRequest,
    marketplace_id: Option<&str>,
    courier_id: Option<&str>,
) -> QueryResult<Vec<Miss>> {
    let mut q = kpi_target_misses::table
        .select(Miss::as_select())
        .order(kpi_target_misses::id.asc())
        .limit(page.limit + 1)
        .into_boxed();
    if let Some(after) = &page.after {
        q = q.filter(kpi_target_misses::id.gt(after.clone()));
    }
    if let Some(m) = marketplace_id {
        q = q.filter(kpi_target_misses::marketplace_id.eq(m.to_owned()));
    }
    if let Some(o) = courier_id {
        q = q.filter(kpi_target_misses::courier_id.eq(o.to_owned()));
    }
    q.load(c)
}

/// How many misses were recorded since `since`, for a marketplace or a courier (or all).
pub fn count_since(
    c: &mut Conn,
    since: chrono::NaiveDateTime,
    marketplace_id: Option<&str>,
    courier_id: Option<&str>,
) -> QueryResult<i64> {
    let mut q = kpi_target_misses::table
        .filter(kpi_target_misses::created_at.ge(since))
        .count()
        .into_boxed();
    if let Some(m) = marketplace_id {
        q = q.filter(kpi_target_misses::marketplace_id.eq(m.to_owned()));
    }
    if let Some(o) = courier_id {
        q = q.filter(kpi_target_misses::courier_id.eq(o.to_owned()));
    }
    q.get_result(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closed_periods_are_the_previous_day_week_and_month() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).expect("date");
        let p = closed_periods(d(2026, 12, 1));
        assert_eq!(
            p[0],
            ("2026-11-30".into(), d(2026, 11, 30), d(2026, 11, 30))
        );
        assert_eq!(p[1], ("2026-W48".into(), d(2026, 11, 23), d(2026, 11, 29)));
        assert_eq!(p[2], ("2026-11".into(), d(2026, 11, 1), d(2026, 11, 30)));
    }
}
