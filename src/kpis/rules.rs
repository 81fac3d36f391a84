//! KPI definitions (DESIGN §8) and how a shipment's facts move the daily counters: pure.
//!
//! Every fact of a shipment contributes to counters keyed by (local day in the shipment's time
//! zone, org, driver). The store
//! keeps what a shipment contributed, so a change subtracts exactly that and adds the new
//! contributions; `rebuild` recomputes the same function over every shipment.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::attempts::rules::Flag;
use crate::status::Status;

/// Calls `$m!` with every counter's name: the one list the struct, the `kpi_daily` table and the
/// queries share.
macro_rules! with_counters {
    ($m:ident) => {
        $m! {
            attempts,
            verified_attempts,
            contacted_attempts,
            early_attempts,
            upheld_disputes,
            first_attempts,
            first_attempt_successes,
            on_time,
            on_time_due,
            late_excused,
            handover_on_time,
            handover_due,
            ended,
            lost,
            handoffs,
            custody_gaps,
            ratings,
            stars_sum,
            stars_1,
            stars_2,
            stars_3,
            stars_4,
            stars_5,
            ratings_excluded,
            ratings_reattributed,
            tag_on_time,
            tag_friendly,
            tag_careful,
            tag_called_ahead,
            tag_good_placement,
            tag_late,
            tag_early_without_notice,
            tag_false_not_home,
            tag_rude,
            tag_damaged,
            tag_thrown,
            tag_wrong_place,
            tag_no_call,
            redeliveries,
            redeliveries_in_window
        }
    };
}
pub(crate) use with_counters;

fn is_zero(v: &i64) -> bool {
    *v == 0
}

macro_rules! define_counters {
    ($($c:ident),*) => {
        /// Additive counters: sums over days, drivers and marketplaces are meaningful.
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
        pub struct Counters {
            $(#[serde(default, skip_serializing_if = "is_zero")] pub $c: i64,)*
        }

        impl Counters {
            pub fn add(&mut self, o: &Counters) {
                $(self.$c += o.$c;)*
            }
            pub fn minus(&self, o: &Counters) -> Counters {
                Counters { $($c: self.$c - o.$c,)* }
            }
            pub fn is_zero(&self) -> bool {
                true $(&& self.$c == 0)*
            }
        }
    };
}
with_counters!(define_counters);

/// Rating tags: the fixed vocabulary the customer picks from.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Tag {
    OnTime,
    Friendly,
    Careful,
    CalledAhead,
    GoodPlacement,
    Late,
    EarlyWithoutNotice,
    FalseNotHome,
    Rude,
    Damaged,
    Thrown,
    WrongPlace,
    NoCall,
}

impl Tag {
    pub const ALL: [Tag; 13] = [
        Tag::OnTime,
        Tag::Friendly,
        Tag::Careful,
        Tag::CalledAhead,
        Tag::GoodPlacement,
        Tag::Late,
        Tag::EarlyWithoutNotice,
        Tag::FalseNotHome,
        Tag::Rude,
        Tag::Damaged,
        Tag::Thrown,
        Tag::WrongPlace,
        Tag::NoCall,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Tag::OnTime => "on_time",
            Tag::Friendly => "friendly",
            Tag::Careful => "careful",
            Tag::CalledAhead => "called_ahead",
            Tag::GoodPlacement => "good_placement",
            Tag::Late => "late",
            Tag::EarlyWithoutNotice => "early_without_notice",
            Tag::FalseNotHome => "false_not_home",
            Tag::Rude => "rude",
            Tag::Damaged => "damaged",
            Tag::Thrown => "thrown",
            Tag::WrongPlace => "wrong_place",
            Tag::NoCall => "no_call",
        }
    }

    pub fn parse(s: &str) -> Option<Tag> {
        Tag::ALL.into_iter().find(|t| t.as_str() == s)
    }

    pub fn negative(self) -> bool {
        !matches!(
            self,
            Tag::OnTime | Tag::Friendly | Tag::Careful | Tag::CalledAhead | Tag::GoodPlacement
        )
    }

    /// The counter this tag moves.
    pub fn counter(self, c: &mut Counters) -> &mut i64 {
        match self {
            Tag::OnTime => &mut c.tag_on_time,
            Tag::Friendly => &mut c.tag_friendly,
            Tag::Careful => &mut c.tag_careful,
            Tag::CalledAhead => &mut c.tag_called_ahead,
            Tag::GoodPlacement => &mut c.tag_good_placement,
            Tag::Late => &mut c.tag_late,
            Tag::EarlyWithoutNotice => &mut c.tag_early_without_notice,
            Tag::FalseNotHome => &mut c.tag_false_not_home,
            Tag::Rude => &mut c.tag_rude,
            Tag::Damaged => &mut c.tag_damaged,
            Tag::Thrown => &mut c.tag_thrown,
            Tag::WrongPlace => &mut c.tag_wrong_place,
            Tag::NoCall => &mut c.tag_no_call,
        }
    }

    pub fn count(self, c: &Counters) -> i64 {
        let mut c = *c;
        *self.counter(&mut c)
    }
}

/// Star distribution counters, index 0 = 1 star.
pub fn stars(c: &Counters) -> [i64; 5] {
    [c.stars_1, c.stars_2, c.stars_3, c.stars_4, c.stars_5]
}

/// A contact attempt counts as pre-arrival when made this long before the delivery attempt.
pub const PRE_ARRIVAL_LOOKBACK_MIN: i64 = 60;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HandoffFact {
    #[serde(default)]
    pub id: String,
    pub from_org: String,
    pub to_org: String,
    pub to_driver: Option<String>,
    pub created_at: NaiveDateTime,
    pub due_at: NaiveDateTime,
    pub accepted_at: Option<NaiveDateTime>,
    pub responded_at: Option<NaiveDateTime>,
    pub damaged: bool,
    pub gap_reported: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttemptFact {
    #[serde(default)]
    pub id: String,
    pub driver_id: String,
    pub courier_id: String,
    pub delivered: bool,
    pub occurred_at: NaiveDateTime,
    pub received_at: NaiveDateTime,
    pub flags: Vec<Flag>,
    /// A dispute about this attempt was upheld.
    pub upheld: bool,
}

/// A re-delivery window the customer chose (or accepted) while the parcel waited.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RedeliveryFact {
    pub chosen_at: NaiveDateTime,
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContactFact {
    pub driver_id: String,
    pub occurred_at: NaiveDateTime,
    pub created_at: NaiveDateTime,
}

/// Whom a rating counts for, decided when it is given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Attribution {
    Driver,
    /// Its negative tags point at the party that handed the parcel to the courier.
    Upstream(String),
    Excluded,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RatingFact {
    pub driver_id: String,
    pub courier_id: String,
    pub stars: i32,
    pub tags: Vec<Tag>,
    pub counted_for: Attribution,
    pub created_at: NaiveDateTime,
}

/// A parcel lost while a hand-off waited for its receiver (the `loss` recorded on the shipment).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LossFact {
    /// The giver of the hand-off: custody stays with it until the receiver accepts.
    pub giver: String,
    /// The hand-off was to the courier: a hand-over that never happened.
    pub to_courier: bool,
}

/// Everything about one shipment that moves KPIs.
#[derive(Debug, Clone)]
pub struct Facts {
    pub status: Status,
    /// The shipment's zone: its facts count on the local day they happened there.
    pub time_zone: chrono_tz::Tz,
    pub window_start: NaiveDateTime,
    pub courier_id: Option<String>,
    pub driver_id: Option<String>,
    pub finalized_at: Option<NaiveDateTime>,
    /// Set when the parcel was lost in transit (kept on the shipment's row, `loss`).
    pub lost_in_transit: Option<LossFact>,
    pub handoffs: Vec<HandoffFact>,
    pub attempts: Vec<AttemptFact>,
    pub contacts: Vec<ContactFact>,
    pub rating: Option<RatingFact>,
    pub redeliveries: Vec<RedeliveryFact>,
}

/// The facts of a shipment that live in other tables, kept on the shipment's row (JSON) by the
/// one door of change, so a change computes the counters' difference without re-reading them.
/// `rebuild` recomputes them from the tables and proves them exact.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RecordedFacts {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub handoffs: Vec<HandoffFact>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attempts: Vec<AttemptFact>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<ContactFact>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating: Option<RatingFact>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub redeliveries: Vec<RedeliveryFact>,
}

/// How one change of a shipment moves its recorded facts.
#[derive(Debug, Clone, PartialEq)]
pub enum FactChange {
    /// A new hand-off.
    Handoff(HandoffFact),
    /// The receiver answered a hand-off.
    HandoffAnswered {
        handoff_id: String,
        at: NaiveDateTime,
        accepted: bool,
        damaged: bool,
    },
    /// Every hand-off still waiting was closed (the shipment reached a final state).
    PendingHandoffsClosed {
        at: NaiveDateTime,
    },
    /// A custody gap was reported on this hand-off.
    GapReported {
        handoff_id: String,
    },
    /// A new attempt, or a new verdict on one (replaced by id).
    Attempt(AttemptFact),
    /// A dispute about this attempt was upheld.
    Upheld {
        attempt_id: String,
    },
    Contact(ContactFact),
    /// The customer's rating, new or replaced.
    Rating(RatingFact),
    /// The customer chose a re-delivery window.
    Redelivery(RedeliveryFact),
}

impl RecordedFacts {
    pub fn apply(&mut self, change: &FactChange) {
        match change {
            FactChange::Handoff(h) => match self.handoffs.iter_mut().find(|x| x.id == h.id) {
                Some(x) => *x = h.clone(),
                None => self.handoffs.push(h.clone()),
            },
            FactChange::HandoffAnswered {
                handoff_id,
                at,
                accepted,
                damaged,
            } => {
                for h in self.handoffs.iter_mut().filter(|h| &h.id == handoff_id) {
                    h.responded_at = Some(*at);
                    h.accepted_at = accepted.then_some(*at);
                    h.damaged = *accepted && *damaged;
                }
            }
            FactChange::PendingHandoffsClosed { at } => {
                for h in self
                    .handoffs
                    .iter_mut()
                    .filter(|h| h.responded_at.is_none())
                {
                    h.responded_at = Some(*at);
                }
            }
            FactChange::GapReported { handoff_id } => {
                for h in self.handoffs.iter_mut().filter(|h| &h.id == handoff_id) {
                    h.gap_reported = true;
                }
            }
            FactChange::Attempt(a) => match self.attempts.iter_mut().find(|x| x.id == a.id) {
                Some(x) => *x = a.clone(),
                None => self.attempts.push(a.clone()),
            },
            FactChange::Upheld { attempt_id } => {
                for a in self.attempts.iter_mut().filter(|a| &a.id == attempt_id) {
                    a.upheld = true;
                }
            }
            FactChange::Contact(c) => self.contacts.push(c.clone()),
            FactChange::Rating(r) => self.rating = Some(r.clone()),
            FactChange::Redelivery(r) => self.redeliveries.push(r.clone()),
        }
    }

    pub fn encode(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// `None` for a shipment written before facts were kept on its row (loaded once instead).
    pub fn decode(s: Option<&str>) -> Option<RecordedFacts> {
        s.and_then(|s| serde_json::from_str(s).ok())
    }
}

impl Facts {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        status: Status,
        time_zone: chrono_tz::Tz,
        window_start: NaiveDateTime,
        courier_id: Option<String>,
        driver_id: Option<String>,
        finalized_at: Option<NaiveDateTime>,
        lost_in_transit: Option<LossFact>,
        r: RecordedFacts,
    ) -> Facts {
        Facts {
            status,
            time_zone,
            window_start,
            courier_id,
            driver_id,
            finalized_at,
            lost_in_transit,
            handoffs: r.handoffs,
            attempts: r.attempts,
            contacts: r.contacts,
            rating: r.rating,
            redeliveries: r.redeliveries,
        }
    }

    pub fn recorded(&self) -> RecordedFacts {
        RecordedFacts {
            handoffs: self.handoffs.clone(),
            attempts: self.attempts.clone(),
            contacts: self.contacts.clone(),
            rating: self.rating.clone(),
            redeliveries: self.redeliveries.clone(),
        }
    }
}

/// Rollup rows of an org are spread over this many rows per day and marketplace, chosen by
/// shipment, so that one courier's attempts do not queue on one counter row's lock; KPI reads
/// sum them.
pub const ROLLUP_SHARDS: u32 = 16;

/// The driver column of a rollup row for `shipment_id`: [`ALL_DRIVERS`] followed by the shard
/// (shard 0 is the bare [`ALL_DRIVERS`], as rows written before sharding).
pub fn rollup_driver(shipment_id: &str) -> String {
    // FNV-1a: stable across builds and platforms (the shard must not change between releases).
    let h = shipment_id.bytes().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    match h % ROLLUP_SHARDS {
        0 => ALL_DRIVERS.to_owned(),
        n => format!("{ALL_DRIVERS}{n:x}"),
    }
}

/// The driver column of every rollup shard, for reads that sum them (an `IN` list keeps the
/// index on (org, driver, day) usable for the day range).
pub fn rollup_drivers() -> Vec<String> {
    (0..ROLLUP_SHARDS)
        .map(|n| match n {
            0 => ALL_DRIVERS.to_owned(),
            n => format!("{ALL_DRIVERS}{n:x}"),
        })
        .collect()
}

/// The first value above every rollup driver column (`'*' + 1`), for index range scans.
pub const ROLLUP_END: &str = "+";

/// Whether a `kpi_daily` driver column is one of the org's rollup shards (not a driver).
pub fn is_rollup(driver: &str) -> bool {
    driver.starts_with(ALL_DRIVERS) && driver < ROLLUP_END
}

/// Every day row has a week row beside it in `kpi_daily`, with `day` = this prefix and the
/// week's Monday (`W2026-11-30`): the sum of the same key's days of that week (a rollup shard's
/// too, folded like the days' once the week is over), written in the same statement as the day
/// rows. The prefix sorts after every date, so a day range never reads a week row, and a sum
/// over 90 days reads 13 week rows a key and the days at the edges instead of 90 day rows
/// (issue 30: summing the rows, not finding them, was the cost).
pub const WEEK_PREFIX: &str = "W";

/// The `day` column of the week row that `day` adds to.
pub fn week_row_day(day: NaiveDate) -> String {
    format!("{WEEK_PREFIX}{}", monday_of(day))
}

/// The Monday a week row is keyed by, back from its `day` column.
pub fn week_of_row(day: &str) -> Option<NaiveDate> {
    day.strip_prefix(WEEK_PREFIX)?.parse().ok()
}

pub fn monday_of(day: NaiveDate) -> NaiveDate {
    day - Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

/// The whole weeks (Monday to Sunday) inside `from..=to`: their first and last Monday, or
/// `None` when the range holds no whole week.
pub fn whole_weeks(from: NaiveDate, to: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    let first = monday_of(from + Duration::days(6));
    let last = monday_of(to + Duration::days(1)) - Duration::days(7);
    (first <= last).then_some((first, last))
}

/// One `kpi_daily` row as written: (org, day column, marketplace, driver, counters).
pub type StoredRow = (String, String, String, String, Counters);

/// The rows an upsert of `rows` writes: each (marketplace, key, delta) as its day row and added
/// to its week row, one row per key, in the table's key order (org, day, marketplace, driver)
/// so writers lock rows in one order.
pub fn stored_rows(rows: &[(String, Key, Counters)]) -> Vec<StoredRow> {
    let mut out: BTreeMap<(String, String, String, String), Counters> = BTreeMap::new();
    for (marketplace, (day, org, driver), delta) in rows {
        let mut add = |day: String| {
            out.entry((org.clone(), day, marketplace.clone(), driver.clone()))
                .or_default()
                .add(delta);
        };
        add(day.to_string());
        add(week_row_day(*day));
    }
    // A delta moved between two days of one week leaves its week row as it was.
    out.into_iter()
        .filter(|(_, c)| !c.is_zero())
        .map(|((org, day, marketplace, driver), c)| (org, day, marketplace, driver, c))
        .collect()
}

/// When and from whom the courier took custody (the first hand-off into the courier it accepted).
#[derive(Debug, Clone, PartialEq)]
pub struct Receipt {
    pub from_org: String,
    pub at: NaiveDateTime,
    pub damaged: bool,
}

pub fn courier_receipt(handoffs: &[HandoffFact], courier: &str) -> Option<Receipt> {
    handoffs
        .iter()
        .filter(|h| h.to_org == courier && h.to_driver.is_none() && h.from_org != courier)
        .filter_map(|h| {
            h.accepted_at.map(|at| Receipt {
                from_org: h.from_org.clone(),
                at,
                damaged: h.damaged,
            })
        })
        .min_by_key(|r| r.at)
}

/// Lateness is the upstream party's when the courier only received the parcel after the
/// promised window had started.
pub fn late_upstream(receipt: Option<&Receipt>, window_start: NaiveDateTime) -> Option<&str> {
    receipt
        .filter(|r| r.at > window_start)
        .map(|r| r.from_org.as_str())
}

/// (day, org, driver; '' when none, [`ALL_DRIVERS`] for the org's rollup).
pub type Key = (NaiveDate, String, String);

/// The driver of the rollup row that sums every driver (and none) of an org on a day, so a
/// courier's KPIs read one row per day and marketplace, however many drivers it has.
pub const ALL_DRIVERS: &str = "*";

pub fn contributions(f: &Facts) -> BTreeMap<Key, Counters> {
    let mut out: BTreeMap<Key, Counters> = BTreeMap::new();
    let o = &mut out;

    for h in &f.handoffs {
        let c = slot(
            o,
            f.time_zone,
            h.created_at,
            &h.to_org,
            h.to_driver.as_deref().unwrap_or(""),
        );
        c.handoffs += 1;
        let late_answer = h.responded_at.is_some_and(|r| r > h.due_at);
        c.custody_gaps += i64::from(h.gap_reported || late_answer);
    }

    let mut attempts: Vec<&AttemptFact> = f.attempts.iter().collect();
    attempts.sort_by_key(|a| a.occurred_at);
    for (i, a) in attempts.iter().enumerate() {
        let contacted = f.contacts.iter().any(|k| {
            k.driver_id == a.driver_id
                && k.occurred_at <= a.occurred_at
                && a.occurred_at - k.occurred_at <= Duration::minutes(PRE_ARRIVAL_LOOKBACK_MIN)
                && k.created_at <= a.received_at
        });
        let c = slot(o, f.time_zone, a.occurred_at, &a.courier_id, &a.driver_id);
        c.attempts += 1;
        c.verified_attempts += i64::from(a.flags.is_empty());
        c.contacted_attempts += i64::from(contacted);
        c.early_attempts += i64::from(a.flags.contains(&Flag::EarlyWithoutConsent));
        c.upheld_disputes += i64::from(a.upheld);
        if i == 0 {
            c.first_attempts += 1;
            c.first_attempt_successes += i64::from(a.delivered && !a.upheld);
        }
    }

    for (a, r) in redelivery_visits(&f.attempts, &f.redeliveries) {
        let c = slot(o, f.time_zone, a.occurred_at, &a.courier_id, &a.driver_id);
        c.redeliveries += 1;
        c.redeliveries_in_window += i64::from(in_window(a, r));
    }

    if f.status == Status::Delivered
        && let Some(d) = attempts.iter().rev().find(|a| a.delivered)
    {
        let receipt = courier_receipt(&f.handoffs, &d.courier_id);
        let late = d.flags.contains(&Flag::Late);
        // A backdated claim of time proves nothing about punctuality.
        let on_time = !late
            && !d.flags.contains(&Flag::EarlyWithoutConsent)
            && !d.flags.contains(&Flag::Backdated);
        let upstream = late_upstream(receipt.as_ref(), f.window_start);
        let c = slot(o, f.time_zone, d.occurred_at, &d.courier_id, &d.driver_id);
        match upstream.filter(|_| late) {
            Some(_) => c.late_excused += 1,
            None => {
                c.on_time_due += 1;
                c.on_time += i64::from(on_time);
            }
        }
        // The party that handed the parcel to the courier is measured on the same deliveries,
        // in its own counters (so network-wide sums do not count a delivery twice): did its
        // late hand-over make the parcel late?
        if let Some(r) = &receipt {
            let c = slot(o, f.time_zone, d.occurred_at, &r.from_org, "");
            c.handover_due += 1;
            c.handover_on_time += i64::from(!(late && upstream.is_some()));
        }
    }

    if matches!(
        f.status,
        Status::Delivered | Status::Returned | Status::Lost
    ) && let (Some(end), Some(day)) = (ended_for(f), f.finalized_at)
    {
        let c = slot(o, f.time_zone, day, &end.org, &end.driver);
        c.ended += 1;
        c.lost += i64::from(f.status == Status::Lost);
        c.handover_due += i64::from(end.handover_missed);
    }

    if let Some(r) = &f.rating {
        let counted = |c: &mut Counters| {
            c.ratings += 1;
            c.stars_sum += i64::from(r.stars);
            match r.stars {
                1 => c.stars_1 += 1,
                2 => c.stars_2 += 1,
                3 => c.stars_3 += 1,
                4 => c.stars_4 += 1,
                _ => c.stars_5 += 1,
            }
            for t in &r.tags {
                *t.counter(c) += 1;
            }
        };
        match &r.counted_for {
            Attribution::Driver => counted(slot(
                o,
                f.time_zone,
                r.created_at,
                &r.courier_id,
                &r.driver_id,
            )),
            Attribution::Upstream(org) => {
                slot(o, f.time_zone, r.created_at, &r.courier_id, &r.driver_id)
                    .ratings_reattributed += 1;
                counted(slot(o, f.time_zone, r.created_at, org, ""));
            }
            Attribution::Excluded => {
                slot(o, f.time_zone, r.created_at, &r.courier_id, &r.driver_id).ratings_excluded +=
                    1
            }
        }
    }

    let rollup: Vec<(Key, Counters)> = out
        .iter()
        .map(|((day, org, _), c)| ((*day, org.clone(), ALL_DRIVERS.to_owned()), *c))
        .collect();
    for (key, c) in rollup {
        out.entry(key).or_default().add(&c);
    }
    out.retain(|_, c| !c.is_zero());
    out
}

/// Whose end of a shipment it is (`ended`, `lost`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndedFor {
    pub org: String,
    /// The driver who held the parcel ('' when none did).
    pub driver: String,
    /// The org was handing the parcel to the courier and it never arrived: a hand-over counted
    /// due and not on time.
    pub handover_missed: bool,
}

/// Loss in transit (the book: integrators/shipments.md, "Loss in transit"): custody stays with the giver of a hand-off until the
/// receiver accepts, so a parcel lost while a hand-off waited is the giver's — its lost rate
/// counts it, never the receiver's, and when it was handing the parcel to the courier (a
/// supplier, or the marketplace itself) its hand-over rate counts a hand-over that failed.
/// Every other end (delivered, returned, lost by its holder) is the courier's, with the driver
/// who held the parcel. Each shipment ends once, for one org.
pub fn ended_for(f: &Facts) -> Option<EndedFor> {
    match (&f.lost_in_transit, f.status) {
        (Some(l), Status::Lost) if f.courier_id.as_deref() != Some(l.giver.as_str()) => {
            Some(EndedFor {
                org: l.giver.clone(),
                driver: String::new(),
                handover_missed: l.to_courier,
            })
        }
        _ => f.courier_id.clone().map(|org| EndedFor {
            org,
            driver: f.driver_id.clone().unwrap_or_default(),
            handover_missed: false,
        }),
    }
}

/// The re-delivery visits: each attempt recorded after a window was chosen in the wait before
/// it, with the last window chosen in that wait (an attempt without a choice before it is the
/// courier's own re-attempt, not a re-delivery).
pub fn redelivery_visits<'a>(
    attempts: &'a [AttemptFact],
    chosen: &'a [RedeliveryFact],
) -> Vec<(&'a AttemptFact, &'a RedeliveryFact)> {
    let mut by_receipt: Vec<&AttemptFact> = attempts.iter().collect();
    by_receipt.sort_by_key(|a| (a.received_at, a.occurred_at));
    let mut previous: Option<NaiveDateTime> = None;
    let mut out = Vec::new();
    for a in by_receipt {
        let choice = chosen
            .iter()
            .filter(|r| r.chosen_at <= a.received_at && previous.is_none_or(|p| r.chosen_at > p))
            .max_by_key(|r| r.chosen_at);
        if let Some(r) = choice {
            out.push((a, r));
        }
        previous = Some(a.received_at);
    }
    out
}

/// Whether a re-delivery visit met the chosen window (a backdated claim of time proves nothing).
pub fn in_window(a: &AttemptFact, r: &RedeliveryFact) -> bool {
    r.start <= a.occurred_at && a.occurred_at <= r.end && !a.flags.contains(&Flag::Backdated)
}

/// The counters of `org`'s (and `driver`'s) local day at the moment `at` (UTC) in `tz`: a
/// Tokyo courier's 08:30 delivery counts on that Tokyo date, a late Saturday evening in Paris
/// on the Saturday, whatever the UTC date.
fn slot<'a>(
    m: &'a mut BTreeMap<Key, Counters>,
    tz: chrono_tz::Tz,
    at: NaiveDateTime,
    org: &str,
    driver: &str,
) -> &'a mut Counters {
    let day = crate::timezone::to_local(at.and_utc(), tz).date();
    m.entry((day, org.to_owned(), driver.to_owned()))
        .or_default()
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Kpi {
    OnTimeRate,
    FirstAttemptSuccessRate,
    AverageStars,
    RatingsCount,
    PreArrivalContactRate,
    ProofCompliance,
    UpheldDisputeRate,
    EarlyWithoutConsentRate,
    LostRate,
    CustodyGapRate,
    HandoverOnTimeRate,
    /// Re-delivery visits inside the window the customer chose, of all re-delivery visits.
    RedeliveryInWindowRate,
}

impl Kpi {
    pub const ALL: [Kpi; 12] = [
        Kpi::OnTimeRate,
        Kpi::FirstAttemptSuccessRate,
        Kpi::AverageStars,
        Kpi::RatingsCount,
        Kpi::PreArrivalContactRate,
        Kpi::ProofCompliance,
        Kpi::UpheldDisputeRate,
        Kpi::EarlyWithoutConsentRate,
        Kpi::LostRate,
        Kpi::CustodyGapRate,
        Kpi::HandoverOnTimeRate,
        Kpi::RedeliveryInWindowRate,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kpi::OnTimeRate => "on_time_rate",
            Kpi::FirstAttemptSuccessRate => "first_attempt_success_rate",
            Kpi::AverageStars => "average_stars",
            Kpi::RatingsCount => "ratings_count",
            Kpi::PreArrivalContactRate => "pre_arrival_contact_rate",
            Kpi::ProofCompliance => "proof_compliance",
            Kpi::UpheldDisputeRate => "upheld_dispute_rate",
            Kpi::EarlyWithoutConsentRate => "early_without_consent_rate",
            Kpi::LostRate => "lost_rate",
            Kpi::CustodyGapRate => "custody_gap_rate",
            Kpi::HandoverOnTimeRate => "handover_on_time_rate",
            Kpi::RedeliveryInWindowRate => "redelivery_in_window_rate",
        }
    }

    pub fn parse(s: &str) -> Option<Kpi> {
        Kpi::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// (numerator, denominator); `None` for a plain count.
    pub fn parts(self, c: &Counters) -> (i64, Option<i64>) {
        match self {
            Kpi::OnTimeRate => (c.on_time, Some(c.on_time_due)),
            Kpi::FirstAttemptSuccessRate => (c.first_attempt_successes, Some(c.first_attempts)),
            Kpi::AverageStars => (c.stars_sum, Some(c.ratings)),
            Kpi::RatingsCount => (c.ratings, None),
            Kpi::PreArrivalContactRate => (c.contacted_attempts, Some(c.attempts)),
            Kpi::ProofCompliance => (c.verified_attempts, Some(c.attempts)),
            Kpi::UpheldDisputeRate => (c.upheld_disputes, Some(c.attempts)),
            Kpi::EarlyWithoutConsentRate => (c.early_attempts, Some(c.attempts)),
            Kpi::LostRate => (c.lost, Some(c.ended)),
            Kpi::CustodyGapRate => (c.custody_gaps, Some(c.handoffs)),
            Kpi::HandoverOnTimeRate => (c.handover_on_time, Some(c.handover_due)),
            Kpi::RedeliveryInWindowRate => (c.redeliveries_in_window, Some(c.redeliveries)),
        }
    }

    /// `None` when nothing was measured (denominator 0).
    pub fn value(self, c: &Counters) -> Option<f64> {
        match self.parts(c) {
            (n, None) => Some(n as f64),
            (_, Some(0)) => None,
            (n, Some(d)) => Some(n as f64 / d as f64),
        }
    }

    /// Whether a higher value is better (the default target direction, and the ranking order).
    pub fn higher_is_better(self) -> bool {
        matches!(
            self,
            Kpi::OnTimeRate
                | Kpi::FirstAttemptSuccessRate
                | Kpi::AverageStars
                | Kpi::RatingsCount
                | Kpi::PreArrivalContactRate
                | Kpi::ProofCompliance
                | Kpi::HandoverOnTimeRate
                | Kpi::RedeliveryInWindowRate
        )
    }

    /// The counts that work against the KPI, as a drill-down lists them: the rest of the
    /// denominator where higher is better, the numerator where lower is better, the ratings of
    /// 3 stars or fewer for the average; nothing for a plain count.
    pub fn against(self, c: &Counters) -> i64 {
        match (self, self.parts(c)) {
            (Kpi::AverageStars, _) => c.stars_1 + c.stars_2 + c.stars_3,
            (_, (_, None)) => 0,
            (k, (n, Some(d))) if k.higher_is_better() => d - n,
            (_, (n, Some(_))) => n,
        }
    }

    /// Whether counters hold anything of `part` of this KPI.
    pub fn counts_in(self, part: Part, c: &Counters) -> bool {
        let (n, d) = self.parts(c);
        match part {
            Part::Numerator => n != 0,
            Part::Denominator => n != 0 || d.is_some_and(|d| d != 0),
            Part::Against => self.against(c) != 0,
        }
    }

    /// The KPIs whose "against" lists are kept in an index (`kpi_against`), because they are
    /// too rare for a page to fill from the first candidates: lost parcels, upheld disputes,
    /// custody gaps, early attempts without consent, re-deliveries outside the chosen window,
    /// late deliveries (each written when it happens: a late delivery pays one statement).
    /// The others are common (failed first attempts, no proof, no call ahead, low ratings):
    /// their pages fill from the first candidates, and indexing them would cost every failed
    /// attempt, the hot path, a statement.
    pub const INDEXED_AGAINST: [Kpi; 6] = [
        Kpi::OnTimeRate,
        Kpi::UpheldDisputeRate,
        Kpi::EarlyWithoutConsentRate,
        Kpi::LostRate,
        Kpi::CustodyGapRate,
        Kpi::RedeliveryInWindowRate,
    ];

    /// The indexed KPIs that `c` counts against: a drill-down key's rows in `kpi_against`.
    /// Counters are summed over keys, and a sum holds something against a KPI only if one of
    /// its terms does, so a shipment with no key in range listed against a KPI cannot count
    /// against it: the table narrows a drill-down's candidates without ever dropping one.
    pub fn against_set(c: &Counters) -> Vec<Kpi> {
        Kpi::INDEXED_AGAINST
            .into_iter()
            .filter(|k| k.against(c) != 0)
            .collect()
    }

    /// Whether the shipments listed in `part` are those with a key in `kpi_against` for this
    /// KPI: what counts against an indexed KPI, and the numerator of a lower-is-better one
    /// (the same count).
    pub fn narrowed_by_against(self, part: Part) -> bool {
        Kpi::INDEXED_AGAINST.contains(&self)
            && match part {
                Part::Against => true,
                Part::Numerator => !self.higher_is_better(),
                Part::Denominator => false,
            }
    }

    /// The values a target may take.
    pub fn range(self) -> (f64, f64) {
        match self {
            Kpi::AverageStars => (1.0, 5.0),
            Kpi::RatingsCount => (0.0, 1e9),
            _ => (0.0, 1.0),
        }
    }
}

/// Which of a KPI's counts a drill-down lists: what the numerator counts, everything the
/// denominator counts (the default), or what counts against the KPI (late deliveries, attempts
/// without proof, upheld disputes, lost parcels…).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema, Default)]
#[serde(rename_all = "snake_case")]
#[schema(as = KpiPart)]
pub enum Part {
    Numerator,
    #[default]
    Denominator,
    Against,
}

impl Part {
    pub fn as_str(self) -> &'static str {
        match self {
            Part::Numerator => "numerator",
            Part::Denominator => "denominator",
            Part::Against => "against",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub enum Op {
    #[serde(rename = ">=")]
    Ge,
    #[serde(rename = "<=")]
    Le,
}

impl Op {
    pub fn as_str(self) -> &'static str {
        match self {
            Op::Ge => ">=",
            Op::Le => "<=",
        }
    }
    pub fn parse(s: &str) -> Option<Op> {
        match s {
            ">=" => Some(Op::Ge),
            "<=" => Some(Op::Le),
            _ => None,
        }
    }
}

// Named `KpiTarget` in the API: `Target` is the receiving side of a hand-off.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, ToSchema)]
#[schema(as = KpiTarget)]
pub struct Target {
    pub op: Op,
    pub value: f64,
}

impl Target {
    /// `None` when there is no value to judge.
    pub fn met(&self, value: Option<f64>) -> Option<bool> {
        // Rates are compared at 1e-9 so that 0.95 == 19/20 meets ">= 0.95".
        value.map(|v| match self.op {
            Op::Ge => v + 1e-9 >= self.value,
            Op::Le => v - 1e-9 <= self.value,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema, Default)]
#[serde(rename_all = "snake_case")]
pub enum Granularity {
    Day,
    #[default]
    Week,
    Month,
}

/// The period a day falls in: (label, first day, last day). Weeks are ISO weeks (Monday first).
pub fn period_of(day: NaiveDate, g: Granularity) -> (String, NaiveDate, NaiveDate) {
    match g {
        Granularity::Day => (day.to_string(), day, day),
        Granularity::Week => {
            let start = monday_of(day);
            let w = day.iso_week();
            (
                format!("{}-W{:02}", w.year(), w.week()),
                start,
                start + Duration::days(6),
            )
        }
        Granularity::Month => {
            let start = day.with_day(1).unwrap_or(day);
            let next = if start.month() == 12 {
                NaiveDate::from_ymd_opt(start.year() + 1, 1, 1)
            } else {
                NaiveDate::from_ymd_opt(start.year(), start.month() + 1, 1)
            };
            let end = next.map_or(start, |n| n - Duration::days(1));
            (format!("{}-{:02}", start.year(), start.month()), start, end)
        }
    }
}

/// A cell of a CSV export as a spreadsheet may open it: text that starts like a formula
/// (`=`, `+`, `-`, `@`, tab, carriage return) gets a leading `'` so it stays text (OWASP CSV
/// injection: driver and org names come from other organisations). Numbers are left alone.
pub fn csv_cell(v: &str) -> std::borrow::Cow<'_, str> {
    let formula = v.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if formula && v.parse::<f64>().is_err() {
        std::borrow::Cow::Owned(format!("'{v}"))
    } else {
        std::borrow::Cow::Borrowed(v)
    }
}

/// Every CSV the product writes: header and cells alike through [`csv_cell`] (a header can
/// carry another organisation's name).
pub fn csv_document(header: &[String], rows: Vec<Vec<String>>) -> anyhow::Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(header.iter().map(|c| csv_cell(c).into_owned()))?;
    for r in rows {
        w.write_record(r.iter().map(|c| csv_cell(c).into_owned()))?;
    }
    w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn whole_weeks_are_the_mondays_whose_sundays_are_in_range() {
        // 2026-11-30 is a Monday.
        let w = |a, b| whole_weeks(date(a), date(b));
        assert_eq!(
            w("2026-11-30", "2026-12-06"),
            Some((date("2026-11-30"), date("2026-11-30")))
        );
        assert_eq!(w("2026-11-30", "2026-12-05"), None, "a Sunday short");
        assert_eq!(w("2026-12-01", "2026-12-07"), None, "a Monday late");
        assert_eq!(w("2026-12-06", "2026-12-06"), None);
        assert_eq!(
            w("2026-11-29", "2026-12-14"),
            Some((date("2026-11-30"), date("2026-12-07"))),
            "a Sunday before, a Monday after"
        );
        // 90 days ending on a Sunday: 12 whole weeks and 6 days at the front.
        assert_eq!(
            w("2026-09-08", "2026-12-06"),
            Some((date("2026-09-14"), date("2026-11-30")))
        );
        assert_eq!(monday_of(date("2026-12-06")), date("2026-11-30"));
        assert_eq!(monday_of(date("2026-11-30")), date("2026-11-30"));
    }

    #[test]
    fn a_week_row_sorts_after_every_day_and_reads_back() {
        let day = week_row_day(date("2026-12-03"));
        assert_eq!(day, "W2026-11-30");
        assert!(day.as_str() > "9999-12-31", "no day range reaches it");
        assert_eq!(week_of_row(&day), Some(date("2026-11-30")));
        assert_eq!(week_of_row("2026-11-30"), None);
        assert!(is_rollup("*") && is_rollup("*f") && !is_rollup("usr_1") && !is_rollup(""));
    }

    #[test]
    fn deltas_also_go_to_their_week_row_and_rows_come_in_key_order() {
        let one = Counters {
            attempts: 1,
            ..Counters::default()
        };
        let key = |d: &str, driver: &str| (date(d), "org_c".to_owned(), driver.to_owned());
        let rows = stored_rows(&[
            ("mp".to_owned(), key("2026-12-01", "usr_d"), one),
            ("mp".to_owned(), key("2026-12-02", "usr_d"), one),
            ("mp".to_owned(), key("2026-12-02", "*3"), one),
            ("mp".to_owned(), key("2026-12-08", ""), one),
        ]);
        let keys: Vec<(&str, &str, i64)> = rows
            .iter()
            .map(|(_, day, _, driver, c)| (day.as_str(), driver.as_str(), c.attempts))
            .collect();
        assert_eq!(
            keys,
            [
                ("2026-12-01", "usr_d", 1),
                ("2026-12-02", "*3", 1),
                ("2026-12-02", "usr_d", 1),
                ("2026-12-08", "", 1),
                ("W2026-11-30", "*3", 1),
                ("W2026-11-30", "usr_d", 2),
                ("W2026-12-07", "", 1),
            ],
            "two days of one week are one week row"
        );
        // A delta moved between two days of one week leaves the week row alone.
        let minus = Counters {
            attempts: -1,
            ..Counters::default()
        };
        let moved = stored_rows(&[
            ("mp".to_owned(), key("2026-12-01", "usr_d"), minus),
            ("mp".to_owned(), key("2026-12-02", "usr_d"), one),
        ]);
        assert_eq!(moved.len(), 2, "{moved:?}");
        assert!(moved.iter().all(|r| !r.1.starts_with(WEEK_PREFIX)));
    }

    #[test]
    fn every_csv_cell_and_header_is_kept_as_text() {
        let doc = csv_document(
            &["day".to_owned(), "=HYPERLINK(\"http://evil\")".to_owned()],
            vec![vec!["-1".to_owned(), "@SUM(A1)".to_owned()]],
        )
        .unwrap();
        let text = String::from_utf8(doc).unwrap();
        assert!(text.contains("\"'=HYPERLINK"), "{text}");
        assert!(text.contains("'@SUM(A1)"), "{text}");
        assert!(text.contains("-1,"), "numbers stay numbers: {text}");
    }

    fn t(h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, 24)
            .and_then(|d| d.and_hms_opt(h, m, 0))
            .expect("valid time")
    }

    fn attempt(driver: &str, delivered: bool, at: NaiveDateTime, flags: Vec<Flag>) -> AttemptFact {
        AttemptFact {
            id: format!("att_{at}"),
            driver_id: driver.into(),
            courier_id: "cou".into(),
            delivered,
            occurred_at: at,
            received_at: at,
            flags,
            upheld: false,
        }
    }

    fn handoff(from: &str, to: &str, accepted: NaiveDateTime, damaged: bool) -> HandoffFact {
        HandoffFact {
            id: format!("hof_{from}_{to}"),
            from_org: from.into(),
            to_org: to.into(),
            to_driver: None,
            created_at: accepted,
            due_at: accepted + Duration::hours(24),
            accepted_at: Some(accepted),
            responded_at: Some(accepted),
            damaged,
            gap_reported: false,
        }
    }

    fn facts(status: Status, attempts: Vec<AttemptFact>) -> Facts {
        Facts {
            status,
            time_zone: chrono_tz::Tz::UTC,
            window_start: t(10, 0),
            courier_id: Some("cou".into()),
            driver_id: Some("drv".into()),
            finalized_at: attempts.last().map(|a| a.occurred_at),
            lost_in_transit: None,
            handoffs: vec![handoff("sup", "cou", t(8, 0), false)],
            attempts,
            contacts: vec![],
            rating: None,
            redeliveries: vec![],
        }
    }

    fn sum(m: &BTreeMap<Key, Counters>, org: &str, driver: &str) -> Counters {
        let mut c = Counters::default();
        for ((_, o, d), v) in m {
            if o == org && d == driver {
                c.add(v);
            }
        }
        c
    }

    #[test]
    fn first_attempt_success_counts_only_the_earliest_attempt() {
        let f = facts(
            Status::Delivered,
            vec![
                attempt("drv", true, t(12, 0), vec![]),
                attempt("drv", false, t(11, 0), vec![Flag::NoPhoto]),
            ],
        );
        let c = sum(&contributions(&f), "cou", "drv");
        assert_eq!((c.first_attempts, c.first_attempt_successes), (1, 0));
        assert_eq!((c.attempts, c.verified_attempts), (2, 1));
        assert_eq!((c.on_time, c.on_time_due, c.ended), (1, 1, 1));
    }

    /// The days of a Key map, for one org and driver.
    fn days(m: &BTreeMap<Key, Counters>, org: &str, driver: &str) -> Vec<NaiveDate> {
        m.keys()
            .filter(|(_, o, d)| o == org && d == driver)
            .map(|(day, _, _)| *day)
            .collect()
    }

    #[test]
    fn facts_count_on_the_local_day_of_the_shipment() {
        let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let utc = |y, m, d, h, mi| date(y, m, d).and_hms_opt(h, mi, 0).unwrap();
        // Tokyo (UTC+9): 23:30 UTC on the 23rd is 08:30 on the 24th; 14:59 UTC is 23:59.
        let mut f = facts(
            Status::Delivered,
            vec![attempt("drv", true, utc(2026, 11, 23, 23, 30), vec![])],
        );
        f.handoffs.clear();
        f.time_zone = "Asia/Tokyo".parse().unwrap();
        assert_eq!(days(&contributions(&f), "cou", "drv"), [date(2026, 11, 24)]);
        f.attempts[0].occurred_at = utc(2026, 11, 24, 14, 59);
        f.finalized_at = Some(f.attempts[0].occurred_at);
        assert_eq!(days(&contributions(&f), "cou", "drv"), [date(2026, 11, 24)]);
        f.attempts[0].occurred_at = utc(2026, 11, 24, 15, 0);
        f.finalized_at = Some(f.attempts[0].occurred_at);
        assert_eq!(days(&contributions(&f), "cou", "drv"), [date(2026, 11, 25)]);
        // Paris across both changes of 2026 (29 March, 25 October): local midnight is 22:00
        // UTC in summer and 23:00 UTC in winter.
        f.time_zone = "Europe/Paris".parse().unwrap();
        for (at, day) in [
            (utc(2026, 3, 28, 22, 59), date(2026, 3, 28)),
            (utc(2026, 3, 28, 23, 0), date(2026, 3, 29)),
            (utc(2026, 3, 29, 21, 59), date(2026, 3, 29)),
            (utc(2026, 3, 29, 22, 0), date(2026, 3, 30)),
            (utc(2026, 10, 24, 21, 59), date(2026, 10, 24)),
            (utc(2026, 10, 24, 22, 0), date(2026, 10, 25)),
            (utc(2026, 10, 25, 22, 59), date(2026, 10, 25)),
            (utc(2026, 10, 25, 23, 0), date(2026, 10, 26)),
        ] {
            f.attempts[0].occurred_at = at;
            f.finalized_at = Some(at);
            assert_eq!(days(&contributions(&f), "cou", "drv"), [day], "{at}");
        }
    }

    #[test]
    fn the_rollup_row_sums_every_driver_and_none() {
        let mut f = facts(
            Status::Delivered,
            vec![
                attempt("drv", false, t(11, 0), vec![]),
                attempt("other", true, t(12, 0), vec![]),
            ],
        );
        f.handoffs.push(handoff("cou", "cou", t(9, 0), false));
        let m = contributions(&f);
        let all = sum(&m, "cou", ALL_DRIVERS);
        let mut parts = sum(&m, "cou", "drv");
        parts.add(&sum(&m, "cou", "other"));
        parts.add(&sum(&m, "cou", ""));
        assert_eq!(all, parts);
        assert_eq!((all.attempts, all.handoffs), (2, 2));
    }

    #[test]
    fn upheld_dispute_turns_a_first_success_into_a_failure() {
        let mut a = attempt("drv", true, t(12, 0), vec![]);
        a.upheld = true;
        let c = sum(
            &contributions(&facts(Status::Delivered, vec![a])),
            "cou",
            "drv",
        );
        assert_eq!(
            (
                c.first_attempts,
                c.first_attempt_successes,
                c.upheld_disputes
            ),
            (1, 0, 1)
        );
    }

    #[test]
    fn a_redelivery_is_the_first_attempt_after_a_chosen_window_and_meets_it_or_not() {
        let chosen = |at, start, end| RedeliveryFact {
            chosen_at: at,
            start,
            end,
        };
        let failed = attempt("drv", false, t(9, 0), vec![Flag::EarlyWithoutConsent]);
        // A re-attempt by the courier without a choice is not a re-delivery.
        let f = facts(
            Status::Delivered,
            vec![failed.clone(), attempt("drv", true, t(10, 0), vec![])],
        );
        let c = sum(&contributions(&f), "cou", "drv");
        assert_eq!((c.redeliveries, c.redeliveries_in_window), (0, 0));

        // Chosen twice in the wait: the last choice counts, once, for the next attempt only.
        let mut f = facts(
            Status::Delivered,
            vec![
                failed.clone(),
                attempt("drv", false, t(15, 30), vec![]),
                attempt("drv", true, t(18, 0), vec![]),
            ],
        );
        f.redeliveries = vec![
            chosen(t(9, 30), t(12, 0), t(14, 0)),
            chosen(t(9, 40), t(15, 0), t(17, 0)),
        ];
        let c = sum(&contributions(&f), "cou", "drv");
        assert_eq!((c.redeliveries, c.redeliveries_in_window), (1, 1));
        assert_eq!(sum(&contributions(&f), "cou", ALL_DRIVERS).redeliveries, 1);

        // Outside the window, or backdated into it: a re-delivery that missed it.
        f.attempts[1].occurred_at = t(17, 1);
        f.attempts[1].received_at = t(17, 1);
        let c = sum(&contributions(&f), "cou", "drv");
        assert_eq!((c.redeliveries, c.redeliveries_in_window), (1, 0));
        f.attempts[1].occurred_at = t(16, 0);
        f.attempts[1].flags = vec![Flag::Backdated];
        let c = sum(&contributions(&f), "cou", "drv");
        assert_eq!((c.redeliveries, c.redeliveries_in_window), (1, 0));

        // The rate: inside / all re-deliveries.
        let c = Counters {
            redeliveries: 4,
            redeliveries_in_window: 3,
            ..Counters::default()
        };
        assert_eq!(Kpi::RedeliveryInWindowRate.value(&c), Some(0.75));
        assert!(Kpi::RedeliveryInWindowRate.higher_is_better());
    }

    #[test]
    fn late_after_a_late_handoff_is_the_suppliers() {
        let mut f = facts(
            Status::Delivered,
            vec![attempt("drv", true, t(20, 0), vec![Flag::Late])],
        );
        f.handoffs = vec![handoff("sup", "cou", t(11, 0), false)];
        let m = contributions(&f);
        let c = sum(&m, "cou", "drv");
        assert_eq!((c.on_time, c.on_time_due, c.late_excused), (0, 0, 1));
        let s = sum(&m, "sup", "");
        assert_eq!(
            (s.handover_on_time, s.handover_due, s.on_time_due),
            (0, 1, 0)
        );
    }

    #[test]
    fn late_with_an_early_handoff_is_the_couriers() {
        let f = facts(
            Status::Delivered,
            vec![attempt("drv", true, t(20, 0), vec![Flag::Late])],
        );
        let m = contributions(&f);
        let c = sum(&m, "cou", "drv");
        assert_eq!((c.on_time, c.on_time_due, c.late_excused), (0, 1, 0));
        let s = sum(&m, "sup", "");
        assert_eq!((s.handover_on_time, s.handover_due), (1, 1));
    }

    #[test]
    fn early_without_consent_is_not_on_time() {
        let f = facts(
            Status::Delivered,
            vec![attempt(
                "drv",
                true,
                t(9, 0),
                vec![Flag::EarlyWithoutConsent],
            )],
        );
        let c = sum(&contributions(&f), "cou", "drv");
        assert_eq!((c.on_time, c.on_time_due, c.early_attempts), (0, 1, 1));
    }

    #[test]
    fn pre_arrival_contact_needs_the_same_driver_within_the_hour_and_not_backdated() {
        let mut f = facts(
            Status::Delivered,
            vec![attempt("drv", true, t(12, 0), vec![])],
        );
        let contact = |d: &str, at, created| ContactFact {
            driver_id: String::from(d),
            occurred_at: at,
            created_at: created,
        };
        f.contacts = vec![
            contact("other", t(11, 50), t(11, 50)),
            contact("drv", t(10, 59), t(10, 59)),
            contact("drv", t(11, 55), t(12, 5)),
        ];
        assert_eq!(sum(&contributions(&f), "cou", "drv").contacted_attempts, 0);
        f.contacts.push(contact("drv", t(11, 0), t(11, 0)));
        assert_eq!(sum(&contributions(&f), "cou", "drv").contacted_attempts, 1);
    }

    #[test]
    fn lost_counts_against_the_holder_when_the_shipment_ends() {
        let mut f = facts(Status::Lost, vec![]);
        f.finalized_at = Some(t(15, 0));
        let c = sum(&contributions(&f), "cou", "drv");
        assert_eq!((c.lost, c.ended), (1, 1));
        f.status = Status::OutForDelivery;
        let c = sum(&contributions(&f), "cou", "drv");
        assert_eq!((c.lost, c.ended), (0, 0));
    }

    #[test]
    fn a_loss_in_transit_is_the_givers_not_the_receivers() {
        // The supplier handed it to the courier, which never accepted; the supplier declares it.
        let mut f = facts(Status::Lost, vec![]);
        f.driver_id = None;
        f.finalized_at = Some(t(15, 0));
        let mut pending = handoff("sup", "cou", t(8, 0), false);
        pending.accepted_at = None;
        pending.responded_at = Some(t(15, 0));
        f.handoffs = vec![pending];
        f.lost_in_transit = Some(LossFact {
            giver: "sup".into(),
            to_courier: true,
        });
        let m = contributions(&f);
        let s = sum(&m, "sup", "");
        assert_eq!((s.lost, s.ended), (1, 1), "the giver's lost rate");
        assert_eq!(
            (s.handover_due, s.handover_on_time),
            (1, 0),
            "a hand-over that failed"
        );
        assert_eq!(sum(&m, "sup", ALL_DRIVERS).lost, 1, "in the giver's rollup");
        let c = sum(&m, "cou", ALL_DRIVERS);
        assert_eq!((c.lost, c.ended), (0, 0), "never the receiver's");
        assert_eq!((c.handoffs, c.custody_gaps), (1, 0), "answered before due");

        // Lost by the marketplace's own hand-off to the supplier: the marketplace's, no hand-over.
        f.lost_in_transit = Some(LossFact {
            giver: "mkt".into(),
            to_courier: false,
        });
        let s = sum(&contributions(&f), "mkt", "");
        assert_eq!((s.lost, s.ended, s.handover_due), (1, 1, 0));

        // The courier reassigning it to a driver: the courier's, with the driver who held it.
        f.driver_id = Some("drv".into());
        f.lost_in_transit = Some(LossFact {
            giver: "cou".into(),
            to_courier: false,
        });
        let c = sum(&contributions(&f), "cou", "drv");
        assert_eq!((c.lost, c.ended, c.handover_due), (1, 1, 0));
        assert_eq!(
            ended_for(&f).map(|e| e.org),
            Some("cou".to_owned()),
            "as any end"
        );
    }

    #[test]
    fn custody_gap_when_reported_or_answered_after_due() {
        let mut f = facts(Status::WithCourier, vec![]);
        let mut late = handoff("sup", "cou", t(8, 0), false);
        late.responded_at = Some(late.due_at + Duration::minutes(1));
        let mut reported = handoff("mkt", "sup", t(7, 0), false);
        reported.accepted_at = None;
        reported.responded_at = None;
        reported.gap_reported = true;
        f.handoffs = vec![late, reported, handoff("cou", "cou", t(9, 0), false)];
        let m = contributions(&f);
        assert_eq!(sum(&m, "cou", "").custody_gaps, 1);
        assert_eq!(sum(&m, "cou", "").handoffs, 2);
        assert_eq!(sum(&m, "sup", "").custody_gaps, 1);
    }

    #[test]
    fn ratings_count_for_driver_upstream_or_nobody() {
        let mut f = facts(
            Status::Delivered,
            vec![attempt("drv", true, t(12, 0), vec![])],
        );
        let rating = |counted_for| RatingFact {
            driver_id: "drv".into(),
            courier_id: "cou".into(),
            stars: 2,
            tags: vec![Tag::Late, Tag::Rude],
            counted_for,
            created_at: t(13, 0),
        };
        f.rating = Some(rating(Attribution::Driver));
        let c = sum(&contributions(&f), "cou", "drv");
        assert_eq!(
            (c.ratings, c.stars_sum, c.stars_2, c.tag_late, c.tag_rude),
            (1, 2, 1, 1, 1)
        );

        f.rating = Some(rating(Attribution::Upstream("sup".into())));
        let m = contributions(&f);
        let c = sum(&m, "cou", "drv");
        assert_eq!((c.ratings, c.ratings_reattributed), (0, 1));
        assert_eq!(sum(&m, "sup", "").ratings, 1);

        f.rating = Some(rating(Attribution::Excluded));
        let c = sum(&contributions(&f), "cou", "drv");
        assert_eq!((c.ratings, c.ratings_excluded, c.tag_rude), (0, 1, 0));
    }

    #[test]
    fn kpi_values_and_targets() {
        let c = Counters {
            on_time: 19,
            on_time_due: 20,
            ..Counters::default()
        };
        assert_eq!(Kpi::OnTimeRate.value(&c), Some(0.95));
        assert_eq!(Kpi::LostRate.value(&c), None);
        let ge = Target {
            op: Op::Ge,
            value: 0.95,
        };
        assert_eq!(ge.met(Kpi::OnTimeRate.value(&c)), Some(true));
        assert_eq!(ge.met(Some(0.9499)), Some(false));
        assert_eq!(ge.met(None), None);
        let le = Target {
            op: Op::Le,
            value: 0.01,
        };
        assert_eq!(le.met(Some(0.02)), Some(false));
        assert_eq!(le.met(Some(0.0)), Some(true));
        for k in Kpi::ALL {
            assert_eq!(Kpi::parse(k.as_str()), Some(k));
        }
    }

    #[test]
    fn periods() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).expect("date");
        assert_eq!(
            period_of(d(2026, 11, 25), Granularity::Week),
            ("2026-W48".into(), d(2026, 11, 23), d(2026, 11, 29))
        );
        // ISO week-year differs from the calendar year at the turn of the year.
        assert_eq!(period_of(d(2027, 1, 1), Granularity::Week).0, "2026-W53");
        assert_eq!(
            period_of(d(2026, 12, 31), Granularity::Month),
            ("2026-12".into(), d(2026, 12, 1), d(2026, 12, 31))
        );
        assert_eq!(
            period_of(d(2028, 2, 10), Granularity::Month).2,
            d(2028, 2, 29)
        );
        assert_eq!(period_of(d(2026, 1, 1), Granularity::Day).0, "2026-01-01");
    }

    #[test]
    fn counters_serialise_without_zeros_and_round_trip() {
        let c = Counters {
            attempts: 2,
            tag_no_call: 1,
            ..Counters::default()
        };
        let s = serde_json::to_string(&c).expect("json");
        assert_eq!(s, r#"{"attempts":2,"tag_no_call":1}"#);
        assert_eq!(serde_json::from_str::<Counters>(&s).expect("parse"), c);
        assert!(c.minus(&c).is_zero());
    }

    #[test]
    fn csv_cells_that_look_like_formulas_stay_text() {
        for evil in [
            "=HYPERLINK(\"http://x\")",
            "+1+1",
            "-2+3",
            "@SUM(A1)",
            "\t=1",
            "\r=1",
        ] {
            assert_eq!(csv_cell(evil), format!("'{evil}"), "{evil:?}");
        }
        for fine in ["Dina Martin", "0.93", "-0.5", "12", "", "a=b"] {
            assert_eq!(csv_cell(fine), fine);
        }
    }

    #[test]
    fn recorded_facts_follow_each_change_and_survive_encoding() {
        let mut r = RecordedFacts::default();
        let h = handoff("sup", "cou", t(8, 0), false);
        let mut pending = handoff("cou", "cou", t(9, 0), false);
        pending.id = "hof_pending".into();
        pending.accepted_at = None;
        pending.responded_at = None;
        r.apply(&FactChange::Handoff(h.clone()));
        r.apply(&FactChange::Handoff(pending));
        let mut again = h.clone();
        again.damaged = true;
        r.apply(&FactChange::Handoff(again));
        assert_eq!(r.handoffs.len(), 2, "a hand-off is kept once");
        assert!(r.handoffs[0].damaged);
        r.apply(&FactChange::HandoffAnswered {
            handoff_id: h.id.clone(),
            at: t(8, 30),
            accepted: false,
            damaged: true,
        });
        assert_eq!(r.handoffs[0].accepted_at, None, "refused");
        assert!(
            !r.handoffs[0].damaged,
            "only an accepted parcel counts as damaged"
        );
        r.apply(&FactChange::HandoffAnswered {
            handoff_id: h.id.clone(),
            at: t(8, 0),
            accepted: true,
            damaged: false,
        });
        r.apply(&FactChange::PendingHandoffsClosed { at: t(11, 0) });
        assert_eq!(r.handoffs[1].responded_at, Some(t(11, 0)));
        assert_eq!(
            r.handoffs[0].responded_at,
            Some(t(8, 0)),
            "answered ones stay"
        );
        r.apply(&FactChange::GapReported {
            handoff_id: "hof_pending".into(),
        });
        assert!(r.handoffs[1].gap_reported && !r.handoffs[0].gap_reported);

        let a = attempt("drv", false, t(12, 0), vec![Flag::NoPhoto]);
        r.apply(&FactChange::Attempt(a.clone()));
        let mut judged = a.clone();
        judged.flags.clear();
        r.apply(&FactChange::Attempt(judged));
        assert_eq!(r.attempts.len(), 1);
        assert!(
            r.attempts[0].flags.is_empty(),
            "a new verdict replaces the flags"
        );
        r.apply(&FactChange::Upheld {
            attempt_id: a.id.clone(),
        });
        assert!(r.attempts[0].upheld);
        r.apply(&FactChange::Contact(ContactFact {
            driver_id: "drv".into(),
            occurred_at: t(11, 30),
            created_at: t(11, 30),
        }));
        assert_eq!(r.contacts.len(), 1);
        r.apply(&FactChange::Redelivery(RedeliveryFact {
            chosen_at: t(13, 0),
            start: t(15, 0),
            end: t(17, 0),
        }));
        assert_eq!(r.redeliveries.len(), 1);

        let back = RecordedFacts::decode(Some(&r.encode())).unwrap();
        assert_eq!(back, r);
        assert_eq!(
            RecordedFacts::decode(None),
            None,
            "not yet kept: loaded from the tables"
        );
    }

    #[test]
    fn rollup_rows_spread_over_shards_that_reads_recognise() {
        let shards: std::collections::BTreeSet<String> = (0..2000)
            .map(|i| rollup_driver(&format!("shp_{i:05}")))
            .collect();
        assert_eq!(shards.len(), ROLLUP_SHARDS as usize, "every shard is used");
        for s in &shards {
            assert!(s.starts_with(ALL_DRIVERS));
            assert!(s.as_str() >= ALL_DRIVERS && s.as_str() < ROLLUP_END);
        }
        assert!(
            shards.contains(ALL_DRIVERS),
            "shard 0 is the row written before sharding"
        );
        assert_eq!(rollup_driver("shp_1"), rollup_driver("shp_1"), "stable");
        assert!(
            "usr_01J" > ROLLUP_END && String::new().as_str() < ALL_DRIVERS,
            "drivers sort outside the range"
        );
    }

    #[test]
    fn what_counts_against_a_kpi() {
        let c = Counters {
            on_time: 7,
            on_time_due: 10,
            attempts: 4,
            upheld_disputes: 1,
            ratings: 3,
            stars_sum: 11,
            stars_5: 2,
            stars_1: 1,
            ..Counters::default()
        };
        // Higher is better: the rest of the denominator.
        assert_eq!(Kpi::OnTimeRate.against(&c), 3);
        // Lower is better: the numerator itself.
        assert_eq!(Kpi::UpheldDisputeRate.against(&c), 1);
        assert_eq!(Kpi::AverageStars.against(&c), 1);
        assert_eq!(Kpi::RatingsCount.against(&c), 0);
        assert!(Kpi::OnTimeRate.counts_in(Part::Against, &c));
        assert!(!Kpi::LostRate.counts_in(Part::Denominator, &c));
        // A shipment in the denominator only (on time due, not on time) is listed there.
        let due_only = Counters {
            on_time_due: 1,
            ..Counters::default()
        };
        assert!(Kpi::OnTimeRate.counts_in(Part::Denominator, &due_only));
        assert!(!Kpi::OnTimeRate.counts_in(Part::Numerator, &due_only));
        assert!(Kpi::OnTimeRate.counts_in(Part::Against, &due_only));
        assert!(Kpi::RatingsCount.counts_in(Part::Denominator, &c));
    }

    #[test]
    fn the_against_rows_never_drop_a_shipment_the_list_shows() {
        let late = Counters {
            on_time_due: 1,
            ..Counters::default()
        };
        let on_time = Counters {
            on_time: 1,
            on_time_due: 1,
            attempts: 1,
            contacted_attempts: 1,
            verified_attempts: 1,
            ..Counters::default()
        };
        let lost = Counters {
            ended: 1,
            lost: 1,
            ..Counters::default()
        };
        assert!(Kpi::against_set(&on_time).is_empty(), "nothing against");
        assert_eq!(Kpi::against_set(&late), [Kpi::OnTimeRate]);
        let failed_first = Counters {
            attempts: 1,
            first_attempts: 1,
            ..Counters::default()
        };
        assert!(
            Kpi::against_set(&failed_first).is_empty(),
            "a failed first attempt (and its missing call, proof) is common: not indexed"
        );
        assert_eq!(Kpi::against_set(&lost), [Kpi::LostRate]);
        let upheld = Counters {
            attempts: 1,
            upheld_disputes: 1,
            ..Counters::default()
        };
        assert_eq!(Kpi::against_set(&upheld), [Kpi::UpheldDisputeRate]);
        // Whatever the terms, a sum that counts in a narrowed part has a term listed against.
        let terms = [
            late,
            on_time,
            lost,
            upheld,
            failed_first,
            Counters::default(),
        ];
        for a in terms {
            for b in terms {
                let mut sum = a;
                sum.add(&b);
                for kpi in Kpi::ALL {
                    for part in [Part::Numerator, Part::Denominator, Part::Against] {
                        if kpi.narrowed_by_against(part) && kpi.counts_in(part, &sum) {
                            let listed = Kpi::against_set(&a).contains(&kpi)
                                || Kpi::against_set(&b).contains(&kpi);
                            assert!(listed, "{kpi:?} {part:?} {a:?} + {b:?}");
                        }
                    }
                }
            }
        }
        // Only what counts against an indexed KPI is narrowed.
        assert!(Kpi::OnTimeRate.narrowed_by_against(Part::Against));
        assert!(!Kpi::OnTimeRate.narrowed_by_against(Part::Numerator));
        assert!(!Kpi::FirstAttemptSuccessRate.narrowed_by_against(Part::Against));
        assert!(Kpi::RedeliveryInWindowRate.narrowed_by_against(Part::Against));
        assert!(!Kpi::RedeliveryInWindowRate.narrowed_by_against(Part::Numerator));
        assert!(Kpi::LostRate.narrowed_by_against(Part::Numerator));
        assert!(!Kpi::LostRate.narrowed_by_against(Part::Denominator));
    }
}
