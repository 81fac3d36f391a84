//! `kpi_daily`: counters moved in the transaction of the fact, summed by the KPI queries.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{NaiveDate, NaiveDateTime};
use diesel::dsl::sum;
use diesel::prelude::*;
use diesel::upsert::excluded;

use super::rules::{
    ALL_DRIVERS, AttemptFact, Attribution, ContactFact, Counters, Facts, HandoffFact, Key, Kpi,
    ROLLUP_END, RatingFact, RecordedFacts, StoredRow, Tag, WEEK_PREFIX, contributions, is_rollup,
    monday_of, rollup_driver, rollup_drivers, stored_rows, week_of_row, week_row_day, whole_weeks,
    with_counters,
};
use crate::attempts::rules::Flag;
use crate::db::Conn;
use crate::db::backend::per_backend;
use crate::db::schema::{
    contact_attempts, delivery_attempts, disputes, handoffs, kpi_against, kpi_daily, kpi_shipments,
    ratings, shipment_events, shipments,
};
use crate::status::Status;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = shipments)]
pub struct KpiShipment {
    pub id: String,
    pub marketplace_id: String,
    pub status: String,
    pub window_start: NaiveDateTime,
    pub courier_id: Option<String>,
    pub driver_id: Option<String>,
    pub finalized_at: Option<NaiveDateTime>,
    pub kpi_contrib: Option<String>,
    pub kpi_facts: Option<String>,
    pub loss: Option<String>,
    pub time_zone: String,
}

/// What a shipment added to `kpi_daily`, as stored on the shipment.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
struct Stored {
    day: NaiveDate,
    org: String,
    driver: String,
    #[serde(flatten)]
    c: Counters,
}

/// What a shipment's facts add to the counters, as stored on its row.
pub fn encode(m: &BTreeMap<Key, Counters>) -> Option<String> {
    if m.is_empty() {
        return None;
    }
    let v: Vec<Stored> = m
        .iter()
        .map(|((day, org, driver), c)| Stored {
            day: *day,
            org: org.clone(),
            driver: driver.clone(),
            c: *c,
        })
        .collect();
    serde_json::to_string(&v).ok()
}

pub fn decode(s: Option<&str>) -> BTreeMap<Key, Counters> {
    let v: Vec<Stored> = s
        .and_then(|s| serde_json::from_str(s).ok())
        .unwrap_or_default();
    v.into_iter()
        .map(|s| ((s.day, s.org, s.driver), s.c))
        .collect()
}

/// The facts of a batch of shipments, loaded with one query per table (no N+1).
pub fn load_facts(c: &mut Conn, ships: &[KpiShipment]) -> QueryResult<Vec<Facts>> {
    let ids: Vec<&str> = ships.iter().map(|s| s.id.as_str()).collect();
    let mut by_ship: HashMap<&str, Facts> = ships
        .iter()
        .map(|s| {
            let facts = Facts {
                status: Status::parse(&s.status).unwrap_or(Status::Created),
                time_zone: crate::timezone::zone(&s.time_zone),
                window_start: s.window_start,
                courier_id: s.courier_id.clone(),
                driver_id: s.driver_id.clone(),
                finalized_at: s.finalized_at,
                lost_in_transit: crate::custody::rules::Loss::decode(s.loss.as_deref())
                    .and_then(|l| l.transit_fact()),
                handoffs: vec![],
                attempts: vec![],
                contacts: vec![],
                rating: None,
                redeliveries: vec![],
            };
            (s.id.as_str(), facts)
        })
        .collect();

    type HandoffTuple = (
        String,
        String,
        String,
        String,
        Option<String>,
        String,
        NaiveDateTime,
        NaiveDateTime,
        Option<NaiveDateTime>,
        Option<String>,
        Option<NaiveDateTime>,
    );
    let hs: Vec<HandoffTuple> = handoffs::table
        .filter(handoffs::shipment_id.eq_any(&ids))
        .select((
            handoffs::shipment_id,
            handoffs::id,
            handoffs::from_org_id,
            handoffs::to_org_id,
            handoffs::to_driver_id,
            handoffs::status,
            handoffs::created_at,
            handoffs::due_at,
            handoffs::responded_at,
            handoffs::parcel_condition,
            handoffs::gap_reported_at,
        ))
        .load(c)?;
    for (sid, hid, from, to, driver, status, created, due, responded, condition, gap) in hs {
        if let Some(f) = by_ship.get_mut(sid.as_str()) {
            let accepted = status == "accepted";
            f.handoffs.push(HandoffFact {
                id: hid,
                from_org: from,
                to_org: to,
                to_driver: driver,
                created_at: created,
                due_at: due,
                accepted_at: responded.filter(|_| accepted),
                responded_at: responded,
                damaged: accepted && condition.as_deref() == Some("damaged"),
                gap_reported: gap.is_some(),
            });
        }
    }

    let upheld: Vec<String> = disputes::table
        .filter(disputes::shipment_id.eq_any(&ids))
        .filter(disputes::resolution.eq("upheld"))
        .filter(disputes::attempt_id.is_not_null())
        .select(disputes::attempt_id.assume_not_null())
        .load(c)?;
    type AttemptTuple = (
        String,
        String,
        String,
        String,
        String,
        NaiveDateTime,
        NaiveDateTime,
        String,
    );
    let atts: Vec<AttemptTuple> = delivery_attempts::table
        .filter(delivery_attempts::shipment_id.eq_any(&ids))
        .select((
            delivery_attempts::shipment_id,
            delivery_attempts::id,
            delivery_attempts::driver_id,
            delivery_attempts::courier_id,
            delivery_attempts::outcome,
            delivery_attempts::occurred_at,
            delivery_attempts::received_at,
            delivery_attempts::flags,
        ))
        .load(c)?;
    for (sid, id, driver, courier, outcome, occurred, received, flags) in atts {
        if let Some(f) = by_ship.get_mut(sid.as_str()) {
            f.attempts.push(AttemptFact {
                upheld: upheld.contains(&id),
                id,
                driver_id: driver,
                courier_id: courier,
                delivered: outcome == "delivered",
                occurred_at: occurred,
                received_at: received,
                flags: flags.split(',').filter_map(Flag::parse).collect(),
            });
        }
    }

    let contacts: Vec<(String, String, NaiveDateTime, NaiveDateTime)> = contact_attempts::table
        .filter(contact_attempts::shipment_id.eq_any(&ids))
        .select((
            contact_attempts::shipment_id,
            contact_attempts::driver_id,
            contact_attempts::occurred_at,
            contact_attempts::created_at,
        ))
        .load(c)?;
    for (sid, driver, occurred, created) in contacts {
        if let Some(f) = by_ship.get_mut(sid.as_str()) {
            f.contacts.push(ContactFact {
                driver_id: driver,
                occurred_at: occurred,
                created_at: created,
            });
        }
    }

    type RatingTuple = (
        String,
        String,
        String,
        i32,
        String,
        String,
        Option<String>,
        NaiveDateTime,
    );
    let rs: Vec<RatingTuple> = ratings::table
        .filter(ratings::shipment_id.eq_any(&ids))
        .select((
            ratings::shipment_id,
            ratings::driver_id,
            ratings::courier_id,
            ratings::stars,
            ratings::tags,
            ratings::counted_for,
            ratings::attributed_org_id,
            ratings::created_at,
        ))
        .load(c)?;
    for (sid, driver, courier, stars, tags, counted_for, org, created) in rs {
        if let Some(f) = by_ship.get_mut(sid.as_str()) {
            f.rating = Some(RatingFact {
                driver_id: driver,
                courier_id: courier,
                stars,
                tags: tags.split(',').filter_map(Tag::parse).collect(),
                counted_for: match (counted_for.as_str(), org) {
                    ("upstream", Some(org)) => Attribution::Upstream(org),
                    ("excluded", _) => Attribution::Excluded,
                    _ => Attribution::Driver,
                },
                created_at: created,
            });
        }
    }

    // The re-delivery windows chosen: their events are the record (the window and its time).
    let chosen: Vec<(String, String, NaiveDateTime)> = shipment_events::table
        .filter(shipment_events::shipment_id.eq_any(&ids))
        .filter(shipment_events::kind.eq(crate::redelivery::rules::CHOSEN))
        .order(shipment_events::id.asc())
        .select((
            shipment_events::shipment_id,
            shipment_events::data,
            shipment_events::created_at,
        ))
        .load(c)?;
    for (sid, data, at) in chosen {
        if let (Some(f), Some(r)) = (
            by_ship.get_mut(sid.as_str()),
            crate::redelivery::rules::chosen_fact(&data, at),
        ) {
            f.redeliveries.push(r);
        }
    }

    Ok(ships
        .iter()
        .filter_map(|s| by_ship.remove(s.id.as_str()))
        .collect())
}

macro_rules! define_upsert {
    ($($c:ident),*) => {
        /// Add each delta to its day row and its week row (creating them): one multi-row
        /// upsert ([`stored_rows`]). Rows go in key order, so two transactions never lock the
        /// same rows in opposite orders.
        pub fn upsert(conn: &mut Conn, rows: &[(String, Key, Counters)]) -> QueryResult<()> {
            upsert_rows(conn, stored_rows(rows))
        }

        /// Add each row's counters to the row of its key as written (a day or a week row).
        fn upsert_rows(conn: &mut Conn, rows: Vec<StoredRow>) -> QueryResult<()> {
            if rows.is_empty() {
                return Ok(());
            }
            let values: Vec<_> = rows
                .into_iter()
                .map(|(org, day, marketplace, driver, d)| {
                    (
                        kpi_daily::org_id.eq(org),
                        kpi_daily::day.eq(day),
                        kpi_daily::marketplace_id.eq(marketplace),
                        kpi_daily::driver_id.eq(driver),
                        $(kpi_daily::$c.eq(d.$c as i32),)*
                    )
                })
                .collect();
            let target = (
                kpi_daily::org_id,
                kpi_daily::day,
                kpi_daily::marketplace_id,
                kpi_daily::driver_id,
            );
            let set = ($(kpi_daily::$c.eq(kpi_daily::$c + excluded(kpi_daily::$c)),)*);
            per_backend!(conn, |c| diesel::insert_into(kpi_daily::table)
                .values(values)
                .on_conflict(target)
                .do_update()
                .set(set)
                .execute(c))
            .map(|_| ())
        }

        /// Sums of every counter, one row per value of the grouping column.
        #[derive(Debug, Queryable)]
        struct SumRow {
            group: String,
            $($c: Option<i64>,)*
        }

        impl SumRow {
            fn split(self) -> (String, Counters) {
                (self.group, Counters { $($c: self.$c.unwrap_or(0),)* })
            }
        }

        /// A whole `kpi_daily` row (columns in table order).
        #[derive(Debug, Queryable)]
        struct FullRow {
            org_id: String,
            day: String,
            marketplace_id: String,
            driver_id: String,
            $($c: i32,)*
        }

        impl FullRow {
            /// The row as written, to write again.
            fn stored(self) -> StoredRow {
                let c = Counters { $($c: i64::from(self.$c),)* };
                (self.org_id, self.day, self.marketplace_id, self.driver_id, c)
            }

            /// A day row keyed like the recomputation (`None` for a week row).
            fn split(self) -> Option<((String, Key), Counters)> {
                let day = self.day.parse().ok()?;
                let c = Counters { $($c: i64::from(self.$c),)* };
                Some(((self.marketplace_id, (day, self.org_id, self.driver_id)), c))
            }

            /// A week row keyed by its Monday (`None` for a day row).
            fn split_week(self) -> Option<((String, Key), Counters)> {
                let monday = week_of_row(&self.day)?;
                let c = Counters { $($c: i64::from(self.$c),)* };
                Some(((self.marketplace_id, (monday, self.org_id, self.driver_id)), c))
            }
        }

        macro_rules! sum_by {
            ($fn_name:ident, $col:expr, $rollup:expr, $by_week:expr) => {
                fn $fn_name(c: &mut Conn, s: &Scope) -> QueryResult<Vec<(String, Counters)>> {
                    let q = kpi_daily::table
                        .group_by($col)
                        .select(($col, $(sum(kpi_daily::$c),)*))
                        .into_boxed();
                    let (from, to) = (s.from.to_string(), s.to.to_string());
                    // Each whole week of the range as its week row, the days before and
                    // after it as day rows.
                    let weeks = match $by_week {
                        true => whole_weeks(s.from, s.to),
                        false => None,
                    };
                    let mut q = match weeks {
                        Some((first, last)) => q.filter(
                            kpi_daily::day.ge(from).and(kpi_daily::day.lt(first.to_string()))
                                .or(kpi_daily::day
                                    .gt((last + chrono::Duration::days(6)).to_string())
                                    .and(kpi_daily::day.le(to)))
                                .or(kpi_daily::day
                                    .ge(week_row_day(first))
                                    .and(kpi_daily::day.le(week_row_day(last)))),
                        ),
                        None => q.filter(kpi_daily::day.ge(from)).filter(kpi_daily::day.le(to)),
                    };
                    if let Some(o) = &s.org_id {
                        q = q.filter(kpi_daily::org_id.eq(o.clone()));
                    }
                    if let Some(m) = &s.marketplace_id {
                        q = q.filter(kpi_daily::marketplace_id.eq(m.clone()));
                    }
                    // Without a driver, the rollup rows: one per org, day and marketplace.
                    q = match &s.driver_id {
                        Some(d) => q.filter(kpi_daily::driver_id.eq(d.clone())),
                        // Every shard of the rollup.
                        None if $rollup => q.filter(kpi_daily::driver_id.eq_any(rollup_drivers())),
                        None => q.filter(
                            kpi_daily::driver_id
                                .lt(ALL_DRIVERS)
                                .or(kpi_daily::driver_id.ge(ROLLUP_END)),
                        ),
                    };
                    let rows: Vec<SumRow> = q.load(c)?;
                    Ok(rows.into_iter().map(SumRow::split).collect())
                }
            };
        }
        /// Sums per (org, day), rollup rows only.
        #[derive(Debug, Queryable)]
        struct OrgDaySumRow {
            org: String,
            day: String,
            $($c: Option<i64>,)*
        }

        /// Every org's days of `s` in one statement (a marketplace's couriers side by side):
        /// (org, day, counters).
        pub fn sums_by_org_day(c: &mut Conn, s: &Scope) -> QueryResult<Vec<(String, String, Counters)>> {
            let mut q = kpi_daily::table
                .group_by((kpi_daily::org_id, kpi_daily::day))
                .select((kpi_daily::org_id, kpi_daily::day, $(sum(kpi_daily::$c),)*))
                .filter(kpi_daily::day.ge(s.from.to_string()))
                .filter(kpi_daily::day.le(s.to.to_string()))
                .filter(kpi_daily::driver_id.eq_any(rollup_drivers()))
                .into_boxed();
            if let Some(o) = &s.org_id {
                q = q.filter(kpi_daily::org_id.eq(o.clone()));
            }
            if let Some(m) = &s.marketplace_id {
                q = q.filter(kpi_daily::marketplace_id.eq(m.clone()));
            }
            let rows: Vec<OrgDaySumRow> = q.load(c)?;
            Ok(rows
                .into_iter()
                .map(|r| (r.org, r.day, Counters { $($c: r.$c.unwrap_or(0),)* }))
                .collect())
        }

        sum_by!(sum_by_day, kpi_daily::day, true, false);
        sum_by!(sum_by_week, kpi_daily::day, true, true);
        sum_by!(sum_by_org, kpi_daily::org_id, true, true);
        sum_by!(sum_by_driver, kpi_daily::driver_id, false, true);
    };
}
with_counters!(define_upsert);

/// Which counters a query sums: days `from..=to`, and each filter when set.
#[derive(Debug, Clone)]
pub struct Scope {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub org_id: Option<String>,
    pub marketplace_id: Option<String>,
    pub driver_id: Option<String>,
}

#[derive(Debug, Clone, Copy)]
pub enum GroupBy {
    /// Per `day` column: one row a day.
    Day,
    /// Per `day` column, each whole week of the range as its week row (`W` + Monday) and the
    /// days at the edges as days: for figures per week.
    Week,
    Org,
    Driver,
}

pub fn sums(c: &mut Conn, scope: &Scope, by: GroupBy) -> QueryResult<Vec<(String, Counters)>> {
    match by {
        GroupBy::Day => sum_by_day(c, scope),
        GroupBy::Week => sum_by_week(c, scope),
        GroupBy::Org => sum_by_org(c, scope),
        GroupBy::Driver => sum_by_driver(c, scope),
    }
}

/// The ids of a drill-down index (`kpi_shipments`, or `kpi_against` narrowed to one KPI) in
/// `scope`'s range for `driver`, in id order after `after`.
macro_rules! ids_in_range {
    ($c:expr, $t:ident, $scope:expr, $driver:expr, $after:expr, $limit:expr $(, $extra:expr)?) => {{
        let mut q = $t::table
            .filter($t::driver_id.eq($driver.to_owned()))
            .filter($t::day.ge($scope.from.to_string()))
            .filter($t::day.le($scope.to.to_string()))
            $(.filter($extra))?
            .select($t::shipment_id)
            .distinct()
            .order($t::shipment_id.asc())
            .limit($limit)
            .into_boxed();
        if let Some(o) = &$scope.org_id {
            q = q.filter($t::org_id.eq(o.clone()));
        }
        if let Some(m) = &$scope.marketplace_id {
            q = q.filter($t::marketplace_id.eq(m.clone()));
        }
        if let Some(a) = $after {
            q = q.filter($t::shipment_id.gt(a.to_owned()));
        }
        q.load::<String>($c)?
    }};
}

/// Shipments whose recorded contributions count in `scope`, in id order after `after`:
/// (id, reference, kpi_contrib), the caller narrowing by decoding `kpi_contrib`. Found through
/// `kpi_shipments` (an index range on org, driver and days, or marketplace, driver and days),
/// then read by id: two statements, bounded by `limit`. With `against`, only the shipments
/// with a key in range that counts against that KPI (`kpi_against`), so a rare list reads its
/// few candidates rather than decoding the whole range.
pub fn contributing(
    c: &mut Conn,
    scope: &Scope,
    driver: &str,
    against: Option<Kpi>,
    after: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<(String, String, Option<String>)>> {
    let ids = match against {
        Some(kpi) => ids_in_range!(
            c,
            kpi_against,
            scope,
            driver,
            after,
            limit,
            kpi_against::kpi.eq(kpi.as_str())
        ),
        None => ids_in_range!(c, kpi_shipments, scope, driver, after, limit),
    };
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    shipments::table
        .filter(shipments::id.eq_any(&ids))
        .select((shipments::id, shipments::reference, shipments::kpi_contrib))
        .order(shipments::id.asc())
        .load(c)
}

/// Keeps `kpi_shipments` and `kpi_against` in step with a shipment's contribution going from
/// `old` to `new`: no statement while its keys and what they count against stay the same
/// (most changes); an insert of what appears (a key: a first attempt on another day, a
/// rating; a KPI worked against: a failed visit, a late one); a delete per key, or per KPI of
/// a key, that goes (rare: a rating excluded later, a parcel found again).
pub fn reindex(
    c: &mut Conn,
    shipment_id: &str,
    marketplace_id: &str,
    old: &BTreeMap<Key, Counters>,
    new: &BTreeMap<Key, Counters>,
) -> QueryResult<()> {
    // By the whole key: the tables have no index by shipment (it would tempt the planner to
    // walk it in id order for a drill-down's LIMIT instead of the range of days).
    for (day, org, driver) in old.keys().filter(|k| !new.contains_key(*k)) {
        diesel::delete(
            kpi_shipments::table
                .filter(kpi_shipments::org_id.eq(org))
                .filter(kpi_shipments::driver_id.eq(driver))
                .filter(kpi_shipments::day.eq(day.to_string()))
                .filter(kpi_shipments::marketplace_id.eq(marketplace_id))
                .filter(kpi_shipments::shipment_id.eq(shipment_id)),
        )
        .execute(c)?;
    }
    let rows: Vec<_> = new
        .keys()
        .filter(|k| !old.contains_key(*k))
        .map(|key| index_row(shipment_id, marketplace_id, key))
        .collect();
    if !rows.is_empty() {
        per_backend!(c, |c| diesel::insert_into(kpi_shipments::table)
            .values(&rows)
            .on_conflict_do_nothing()
            .execute(c))?;
    }
    let against = |m: &BTreeMap<Key, Counters>| -> BTreeSet<(Key, Kpi)> {
        m.iter()
            .flat_map(|(k, v)| Kpi::against_set(v).into_iter().map(|kpi| (k.clone(), kpi)))
            .collect()
    };
    let (before, after) = (against(old), against(new));
    for ((day, org, driver), kpi) in before.difference(&after) {
        diesel::delete(
            kpi_against::table
                .filter(kpi_against::org_id.eq(org))
                .filter(kpi_against::driver_id.eq(driver))
                .filter(kpi_against::kpi.eq(kpi.as_str()))
                .filter(kpi_against::day.eq(day.to_string()))
                .filter(kpi_against::marketplace_id.eq(marketplace_id))
                .filter(kpi_against::shipment_id.eq(shipment_id)),
        )
        .execute(c)?;
    }
    let rows: Vec<_> = after
        .difference(&before)
        .map(|(key, kpi)| against_row(shipment_id, marketplace_id, key, *kpi))
        .collect();
    if !rows.is_empty() {
        per_backend!(c, |c| diesel::insert_into(kpi_against::table)
            .values(&rows)
            .on_conflict_do_nothing()
            .execute(c))?;
    }
    Ok(())
}

type IndexRow = (
    diesel::dsl::Eq<kpi_shipments::org_id, String>,
    diesel::dsl::Eq<kpi_shipments::driver_id, String>,
    diesel::dsl::Eq<kpi_shipments::day, String>,
    diesel::dsl::Eq<kpi_shipments::marketplace_id, String>,
    diesel::dsl::Eq<kpi_shipments::shipment_id, String>,
);

fn index_row(shipment: &str, marketplace: &str, (day, org, driver): &Key) -> IndexRow {
    (
        kpi_shipments::org_id.eq(org.to_owned()),
        kpi_shipments::driver_id.eq(driver.to_owned()),
        kpi_shipments::day.eq(day.to_string()),
        kpi_shipments::marketplace_id.eq(marketplace.to_owned()),
        kpi_shipments::shipment_id.eq(shipment.to_owned()),
    )
}

type AgainstRow = (
    diesel::dsl::Eq<kpi_against::org_id, String>,
    diesel::dsl::Eq<kpi_against::driver_id, String>,
    diesel::dsl::Eq<kpi_against::kpi, &'static str>,
    diesel::dsl::Eq<kpi_against::day, String>,
    diesel::dsl::Eq<kpi_against::marketplace_id, String>,
    diesel::dsl::Eq<kpi_against::shipment_id, String>,
);

fn against_row(
    shipment: &str,
    marketplace: &str,
    (day, org, driver): &Key,
    kpi: Kpi,
) -> AgainstRow {
    (
        kpi_against::org_id.eq(org.to_owned()),
        kpi_against::driver_id.eq(driver.to_owned()),
        kpi_against::kpi.eq(kpi.as_str()),
        kpi_against::day.eq(day.to_string()),
        kpi_against::marketplace_id.eq(marketplace.to_owned()),
        kpi_against::shipment_id.eq(shipment.to_owned()),
    )
}

fn load_shipments(c: &mut Conn, ids: &[&str]) -> QueryResult<Vec<KpiShipment>> {
    shipments::table
        .filter(shipments::id.eq_any(ids))
        .select(KpiShipment::as_select())
        .load(c)
}

/// The rows to add to `kpi_daily` when a shipment's contribution goes from `old` to `new`: the
/// difference, with the org's rollup written to the shipment's shard.
pub fn deltas(
    shipment_id: &str,
    marketplace_id: &str,
    old: &BTreeMap<Key, Counters>,
    new: &BTreeMap<Key, Counters>,
) -> Vec<(String, Key, Counters)> {
    let keys: BTreeSet<&Key> = old.keys().chain(new.keys()).collect();
    let mut rows: Vec<(String, Key, Counters)> = keys
        .into_iter()
        .filter_map(|key| {
            let before = old.get(key).copied().unwrap_or_default();
            let after = new.get(key).copied().unwrap_or_default();
            let delta = after.minus(&before);
            (!delta.is_zero()).then(|| {
                (
                    marketplace_id.to_owned(),
                    stored_key(shipment_id, key),
                    delta,
                )
            })
        })
        .collect();
    rows.sort_by(|a, b| (&a.1, &a.0).cmp(&(&b.1, &b.0)));
    rows
}

/// The `kpi_daily` key a contribution is written to: rollups go to the shipment's shard.
fn stored_key(shipment_id: &str, (day, org, driver): &Key) -> Key {
    let driver = if driver == ALL_DRIVERS {
        rollup_driver(shipment_id)
    } else {
        driver.clone()
    };
    (*day, org.clone(), driver)
}

/// The recorded facts of one shipment read from their tables (for a shipment written before
/// its facts were kept on its row).
pub fn load_recorded(c: &mut Conn, shipment_id: &str) -> QueryResult<RecordedFacts> {
    let ships = load_shipments(c, &[shipment_id])?;
    let facts = load_facts(c, &ships)?;
    Ok(facts.first().map(Facts::recorded).unwrap_or_default())
}

/// What `rebuild` found and did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct RebuildReport {
    pub shipments: usize,
    /// `kpi_daily` rows that differed from the recomputation (0 when the counters were right).
    pub rows_differing: usize,
    /// Shipments whose recorded contribution (`kpi_contrib`, what the drill-down lists) differed
    /// from the recomputation.
    pub contributions_differing: usize,
    pub rows_written: usize,
}

/// Recompute every counter from the facts, report how far the kept counters were off, and
/// replace them. Run it with the API stopped (it rewrites every shipment's contribution).
pub fn rebuild(c: &mut Conn, batch: i64) -> QueryResult<RebuildReport> {
    c.transaction(|c| {
        // Take the write lock before the first read: SQLite's deferred transaction fails with
        // "database is locked" if another connection commits between its reads and its writes.
        diesel::sql_query("DELETE FROM kpi_daily WHERE 1 = 0").execute(c)?;
        let mut report = RebuildReport::default();
        let mut all: BTreeMap<(String, Key), Counters> = BTreeMap::new();
        diesel::delete(kpi_shipments::table).execute(c)?;
        diesel::delete(kpi_against::table).execute(c)?;
        let mut after = String::new();
        loop {
            let ids: Vec<String> = shipments::table
                .filter(shipments::id.gt(&after))
                .order(shipments::id)
                .limit(batch)
                .select(shipments::id)
                .load(c)?;
            let Some(last) = ids.last() else { break };
            after = last.clone();
            let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
            let ships = load_shipments(c, &refs)?;
            let facts = load_facts(c, &ships)?;
            let mut keys: Vec<IndexRow> = Vec::new();
            let mut against: Vec<AgainstRow> = Vec::new();
            for (ship, f) in ships.iter().zip(&facts) {
                let m = contributions(f);
                for (k, v) in &m {
                    all.entry((ship.marketplace_id.clone(), stored_key(&ship.id, k)))
                        .or_default()
                        .add(v);
                    against.extend(
                        Kpi::against_set(v)
                            .into_iter()
                            .map(|kpi| against_row(&ship.id, &ship.marketplace_id, k, kpi)),
                    );
                }
                keys.extend(
                    m.keys()
                        .map(|key| index_row(&ship.id, &ship.marketplace_id, key)),
                );
                let encoded = encode(&m);
                report.contributions_differing += usize::from(encoded != ship.kpi_contrib);
                let recorded = Some(f.recorded().encode());
                if encoded != ship.kpi_contrib || recorded != ship.kpi_facts {
                    diesel::update(shipments::table.find(&ship.id))
                        .set((
                            shipments::kpi_contrib.eq(encoded),
                            shipments::kpi_facts.eq(recorded),
                        ))
                        .execute(c)?;
                }
            }
            for chunk in keys.chunks(500) {
                per_backend!(c, |c| diesel::insert_into(kpi_shipments::table)
                    .values(chunk)
                    .execute(c))?;
            }
            for chunk in against.chunks(500) {
                per_backend!(c, |c| diesel::insert_into(kpi_against::table)
                    .values(chunk)
                    .execute(c))?;
            }
            report.shipments += ships.len();
        }
        // Compared as read: a day whose shards were folded holds the same sums in one row.
        // The week rows as well: each key's week is the sum of its days.
        let kept = as_read(all_rows(c)?);
        let recomputed = as_read(all.iter().map(|(k, v)| (k.clone(), *v)));
        report.rows_differing = differing(&kept, &recomputed)
            + differing(&as_read(rows_keyed(c, true)?), &weeks_of(&recomputed));
        diesel::delete(kpi_daily::table).execute(c)?;
        let rows: Vec<(String, Key, Counters)> = all
            .iter()
            .map(|((marketplace, key), v)| (marketplace.clone(), key.clone(), *v))
            .collect();
        for chunk in rows.chunks(200) {
            upsert(c, chunk)?;
        }
        report.rows_written = all.len();
        Ok(report)
    })
}

/// Folds the rollup shards of the days before `before` into each day's one row (`*`), up to
/// `max_keys` (org, day, marketplace) keys: what the org's figures read for a past day becomes
/// one row instead of up to 16, and sums do not change (the counters are additive). The
/// shards exist so that today's writers do not queue on one row; a late fact on a folded day
/// (a rating, a dispute) writes its shard again, and the next fold takes it in. Each key is its
/// own transaction, its rows locked first (PostgreSQL), so a concurrent fact waits and lands
/// after the fold: nothing is counted twice or lost. The key's driver rows are rewritten with
/// it, side by side. The weeks whose Sunday is before `before` are folded the same way.
/// Returns the keys folded.
pub fn fold_shards(c: &mut Conn, before: NaiveDate, max_keys: i64) -> QueryResult<usize> {
    let shards: Vec<String> = super::rules::rollup_drivers()
        .into_iter()
        .filter(|d| d != ALL_DRIVERS)
        .collect();
    // The days before `before`, and the weeks whose Sunday is before it.
    let weeks_before = format!("{WEEK_PREFIX}{}", before - chrono::Duration::days(6));
    let keys: Vec<(String, String, String)> = kpi_daily::table
        .filter(
            kpi_daily::day.lt(before.to_string()).or(kpi_daily::day
                .ge(WEEK_PREFIX)
                .and(kpi_daily::day.lt(weeks_before))),
        )
        .filter(kpi_daily::driver_id.eq_any(&shards))
        .select((kpi_daily::org_id, kpi_daily::day, kpi_daily::marketplace_id))
        .distinct()
        .limit(max_keys)
        .load(c)?;
    for (org, day, marketplace) in &keys {
        let of_key = || {
            kpi_daily::table
                .filter(kpi_daily::org_id.eq(org))
                .filter(kpi_daily::day.eq(day))
                .filter(kpi_daily::marketplace_id.eq(marketplace))
        };
        crate::db::backend::write_transaction(&mut *c, |c| -> QueryResult<()> {
            // Every row of the key, locked in key order as writers lock them.
            let rows: Vec<FullRow> =
                crate::db::backend::load_locked!(c, of_key().order(kpi_daily::driver_id))?;
            let mut rollup = Counters::default();
            let mut kept: Vec<StoredRow> = Vec::new();
            for row in rows.into_iter().map(FullRow::stored) {
                match is_rollup(&row.3) {
                    true => rollup.add(&row.4),
                    false => kept.push(row),
                }
            }
            let all = ALL_DRIVERS.to_owned();
            kept.push((org.clone(), day.clone(), marketplace.clone(), all, rollup));
            kept.retain(|r| !r.4.is_zero());
            kept.sort_by(|a, b| a.3.cmp(&b.3));
            // Rewritten together rather than updated in place: a past day's or week's rows
            // then sit side by side in the heap, so a sum over a courier's drivers reads a few
            // blocks instead of one block a row (issue 30 §4: `CLUSTER` showed 70 blocks
            // against 1 600). Written as they are (day or week rows), nothing derived.
            diesel::delete(of_key()).execute(c)?;
            for chunk in kept.chunks(200) {
                upsert_rows(c, chunk.to_vec())?;
            }
            Ok(())
        })?;
    }
    Ok(keys.len())
}

/// Rows keyed as a reader sums them: the rollup shards of a day as its one `*` row (what
/// [`fold_shards`] makes of them), zero rows left out.
fn as_read(
    rows: impl IntoIterator<Item = ((String, Key), Counters)>,
) -> BTreeMap<(String, Key), Counters> {
    let mut out: BTreeMap<(String, Key), Counters> = BTreeMap::new();
    for ((m, (day, org, driver)), v) in rows {
        let driver = if is_rollup(&driver) {
            ALL_DRIVERS.to_owned()
        } else {
            driver
        };
        out.entry((m, (day, org, driver))).or_default().add(&v);
    }
    out.retain(|_, v| !v.is_zero());
    out
}

/// Every non-zero `kpi_daily` day row, keyed like the recomputation.
pub fn all_rows(c: &mut Conn) -> QueryResult<BTreeMap<(String, Key), Counters>> {
    rows_keyed(c, false)
}

/// Every non-zero day row, or with `weeks` every week row keyed by its Monday (shards apart).
fn rows_keyed(c: &mut Conn, weeks: bool) -> QueryResult<BTreeMap<(String, Key), Counters>> {
    let q = kpi_daily::table.into_boxed();
    let (q, split): (_, fn(FullRow) -> _) = match weeks {
        true => (
            q.filter(kpi_daily::day.ge(WEEK_PREFIX)),
            FullRow::split_week,
        ),
        false => (q.filter(kpi_daily::day.lt(WEEK_PREFIX)), FullRow::split),
    };
    let rows: Vec<FullRow> = q.load(c)?;
    Ok(rows
        .into_iter()
        .filter_map(split)
        .filter(|(_, v)| !v.is_zero())
        .collect())
}

/// The week rows `days` add up to, keyed by Monday, zero rows left out.
fn weeks_of(days: &BTreeMap<(String, Key), Counters>) -> BTreeMap<(String, Key), Counters> {
    let mut out: BTreeMap<(String, Key), Counters> = BTreeMap::new();
    for ((m, (day, org, driver)), v) in days {
        out.entry((m.clone(), (monday_of(*day), org.clone(), driver.clone())))
            .or_default()
            .add(v);
    }
    out.retain(|_, v| !v.is_zero());
    out
}

/// How many keys differ between `kept` and `recomputed` (either side missing counts).
fn differing(
    kept: &BTreeMap<(String, Key), Counters>,
    recomputed: &BTreeMap<(String, Key), Counters>,
) -> usize {
    kept.iter()
        .filter(|(k, v)| recomputed.get(*k) != Some(*v))
        .count()
        + recomputed.keys().filter(|k| !kept.contains_key(*k)).count()
}
