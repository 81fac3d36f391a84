//! Delivery slots (pure): a courier contract's slots per local weekday, each with a capacity per
//! day, and the slots a customer can be offered from now to the horizon. The places taken are
//! counted by `redelivery::store`; choosing one is `redelivery::service::choose`.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc, Weekday};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::error::FieldError;
use crate::window::NOTICE_HOURS;

/// Most slot definitions a contract may hold.
pub const MAX_DEFINITIONS: usize = 50;
/// Most places one slot may have a day.
pub const MAX_CAPACITY: u32 = 100_000;
/// Most slots offered at once (the page shows them as buttons).
pub const MAX_OFFERED: usize = 60;

/// One slot of a courier's week: the same hours on each of `days`, in the shipment's zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SlotDefinition {
    /// Local weekdays, lowercase three letters.
    #[schema(example = json!(["mon", "tue", "wed", "thu", "fri"]))]
    pub days: Vec<String>,
    /// Local start, `HH:MM`.
    #[schema(example = "08:00")]
    pub start: String,
    /// Local end, `HH:MM`, after the start the same day.
    #[schema(example = "12:00")]
    pub end: String,
    /// Places a day (re-deliveries the courier takes in this slot).
    #[schema(example = 20, minimum = 1, maximum = 100000)]
    pub capacity: u32,
}

/// A slot on a given day: its moments and its places.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    pub capacity: u32,
}

const DAYS: [(&str, Weekday); 7] = [
    ("mon", Weekday::Mon),
    ("tue", Weekday::Tue),
    ("wed", Weekday::Wed),
    ("thu", Weekday::Thu),
    ("fri", Weekday::Fri),
    ("sat", Weekday::Sat),
    ("sun", Weekday::Sun),
];

fn weekday(name: &str) -> Option<Weekday> {
    DAYS.iter().find(|(n, _)| *n == name).map(|(_, d)| *d)
}

fn hours(s: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(s, "%H:%M").ok()
}

/// The field errors of a contract's slot definitions (`field`: where they were given).
pub fn errors(field: &str, defs: &[SlotDefinition]) -> Vec<FieldError> {
    let mut out = Vec::new();
    if defs.len() > MAX_DEFINITIONS {
        out.push(FieldError::new(
            field,
            format!("at most {MAX_DEFINITIONS} slots"),
        ));
    }
    for (i, d) in defs.iter().enumerate() {
        let at = |name: &str| format!("{field}[{i}].{name}");
        if d.days.is_empty() || d.days.iter().any(|n| weekday(n).is_none()) {
            out.push(FieldError::new(
                at("days"),
                "must list weekdays as mon, tue, wed, thu, fri, sat, sun",
            ));
        }
        match (hours(&d.start), hours(&d.end)) {
            (None, _) => out.push(FieldError::new(at("start"), "must be HH:MM")),
            (_, None) => out.push(FieldError::new(at("end"), "must be HH:MM")),
            (Some(s), Some(e)) if e <= s => {
                out.push(FieldError::new(at("end"), "must be after the start"));
            }
            _ => {}
        }
        if !(1..=MAX_CAPACITY).contains(&d.capacity) {
            out.push(FieldError::new(
                at("capacity"),
                format!("must be between 1 and {MAX_CAPACITY}"),
            ));
        }
    }
    out
}

/// The stored definitions (checked on their way in; anything unreadable offers nothing).
pub fn decode(stored: Option<&str>) -> Vec<SlotDefinition> {
    stored
        .and_then(|s| serde_json::from_str(s).ok())
        .unwrap_or_default()
}

/// Every slot starting after the courier's notice and within `horizon_days` of `now` (UTC),
/// in order; a local time the clocks skip has no slot that day, one they pass twice is its
/// first moment.
pub fn upcoming(
    defs: &[SlotDefinition],
    tz: Tz,
    now: NaiveDateTime,
    horizon_days: i32,
) -> Vec<Slot> {
    let earliest = now + Duration::hours(NOTICE_HOURS);
    let latest = now + Duration::days(i64::from(horizon_days));
    let today: NaiveDate = crate::timezone::to_local(now.and_utc(), tz).date();
    let mut out = Vec::new();
    for offset in 0..=i64::from(horizon_days) {
        let day = today + Duration::days(offset);
        for d in defs {
            if !d.days.iter().any(|n| weekday(n) == Some(day.weekday())) {
                continue;
            }
            let (Some(s), Some(e)) = (hours(&d.start), hours(&d.end)) else {
                continue;
            };
            let moment = |t: NaiveTime| -> Option<DateTime<Utc>> {
                use chrono::TimeZone;
                tz.from_local_datetime(&day.and_time(t))
                    .earliest()
                    .map(|m| m.with_timezone(&Utc))
            };
            let (Some(start), Some(end)) = (moment(s), moment(e)) else {
                continue;
            };
            let (start, end) = (start.naive_utc(), end.naive_utc());
            if start >= earliest && start <= latest && end > start {
                out.push(Slot {
                    start,
                    end,
                    capacity: d.capacity,
                });
            }
        }
    }
    out.sort_by_key(|s| (s.start, s.end));
    out.dedup_by_key(|s| (s.start, s.end));
    out
}

/// The slot of `upcoming` that is exactly this window, if any.
pub fn find(upcoming: &[Slot], start: NaiveDateTime, end: NaiveDateTime) -> Option<Slot> {
    upcoming
        .iter()
        .find(|s| s.start == start && s.end == end)
        .copied()
}

/// The slots with a free place (`taken`: places taken per slot start), at most `MAX_OFFERED`.
pub fn free(upcoming: &[Slot], taken: &[(NaiveDateTime, i32)]) -> Vec<Slot> {
    upcoming
        .iter()
        .filter(|s| {
            let used = taken
                .iter()
                .find(|(at, _)| *at == s.start)
                .map_or(0, |(_, n)| *n);
            i64::from(used) < i64::from(s.capacity)
        })
        .take(MAX_OFFERED)
        .copied()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn def(days: &[&str], start: &str, end: &str, capacity: u32) -> SlotDefinition {
        SlotDefinition {
            days: days.iter().map(|d| (*d).to_owned()).collect(),
            start: start.to_owned(),
            end: end.to_owned(),
            capacity,
        }
    }

    fn utc(y: i32, m: u32, d: u32, h: u32, mi: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, mi, 0)
            .unwrap()
    }

    #[test]
    fn definitions_are_checked_field_by_field() {
        assert!(errors("s", &[def(&["mon"], "08:00", "12:00", 3)]).is_empty());
        let e = errors(
            "s",
            &[
                def(&["monday"], "8h", "12:00", 0),
                def(&["sat"], "12:00", "08:00", 1),
            ],
        );
        let fields: Vec<&str> = e.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(
            fields,
            ["s[0].days", "s[0].start", "s[0].capacity", "s[1].end"]
        );
    }

    #[test]
    fn slots_are_local_weekdays_after_the_notice_and_within_the_horizon() {
        let tz: Tz = "Asia/Tokyo".parse().unwrap();
        let defs = [
            def(&["mon", "tue", "wed", "thu", "fri"], "08:00", "12:00", 2),
            def(&["sat"], "16:00", "20:00", 1),
        ];
        // Friday 2026-12-04 23:30 UTC is Saturday 08:30 in Tokyo.
        let now = utc(2026, 12, 4, 23, 30);
        let s = upcoming(&defs, tz, now, 3);
        let starts: Vec<NaiveDateTime> = s.iter().map(|s| s.start).collect();
        // Sat 16:00 JST (07:00 UTC), Mon 08:00 JST (Sun 23:00 UTC), Tue 08:00 JST: Sunday has
        // none; Tuesday 08:00 JST is 3 days minus 30 minutes ahead, inside the horizon.
        assert_eq!(
            starts,
            [
                utc(2026, 12, 5, 7, 0),
                utc(2026, 12, 6, 23, 0),
                utc(2026, 12, 7, 23, 0)
            ]
        );
        assert_eq!(s[0].end - s[0].start, Duration::hours(4));
        // Within the notice: Saturday's slot is gone at 14:30 local.
        let later = utc(2026, 12, 5, 5, 30);
        assert_eq!(
            upcoming(&defs, tz, later, 3)[0].start,
            utc(2026, 12, 6, 23, 0)
        );
    }

    #[test]
    fn a_skipped_hour_has_no_slot_and_full_slots_are_not_offered() {
        let tz: Tz = "Europe/Paris".parse().unwrap();
        // Sunday 29 March 2026: 02:00–03:00 does not exist in Paris.
        let defs = [
            def(&["sun"], "02:30", "04:00", 1),
            def(&["sun"], "09:00", "12:00", 1),
        ];
        let now = utc(2026, 3, 28, 12, 0);
        let s = upcoming(&defs, tz, now, 1);
        assert_eq!(s.len(), 1, "{s:?}");
        assert_eq!(s[0].start, utc(2026, 3, 29, 7, 0), "09:00 CEST");
        assert!(free(&s, &[(s[0].start, 1)]).is_empty());
        assert_eq!(free(&s, &[(s[0].start, 0)]), s);
        assert_eq!(find(&s, s[0].start, s[0].end), Some(s[0]));
        assert_eq!(find(&s, s[0].start, s[0].start + Duration::hours(1)), None);
    }
}
