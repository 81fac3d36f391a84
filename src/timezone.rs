//! Local time. Every shipment keeps an IANA time zone (given at creation, else its courier
//! contract's, else its marketplace's, else UTC). Times are stored and sent in JSON as UTC;
//! what people read (the tracking page, its sentences) is local time in that zone, and what
//! they type in a local-time form field is read in that zone. Pure, no I/O.

use chrono::{DateTime, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Deserializer};

use crate::error::FieldError;

/// The zone of shipments nobody gave one for.
pub const DEFAULT: &str = "UTC";

/// The message of a zone that is not one.
pub const NOT_A_ZONE: &str = "is not an IANA time zone, e.g. Europe/Paris";

/// A local time the clocks skip (spring forward): it never happens in the zone.
pub const SKIPPED: &str = "does not exist in this time zone: the clocks go forward then";

/// A local time the clocks pass twice (fall back): it names two moments.
pub const REPEATED: &str = "happens twice in this time zone: the clocks go back then";

/// The zone named `name` (IANA names, exactly as the database spells them: `Europe/Paris`).
pub fn parse(name: &str) -> Option<Tz> {
    name.parse::<Tz>().ok()
}

/// The zone of a stored name. Stored names were checked on their way in; anything else reads
/// as UTC rather than failing a page.
pub fn zone(name: &str) -> Tz {
    parse(name).unwrap_or(Tz::UTC)
}

/// Add the field error of `value` when it is not a zone.
pub fn check(field: &str, value: &str, errors: &mut Vec<FieldError>) {
    if parse(value).is_none() {
        errors.push(FieldError::new(field, NOT_A_ZONE));
    }
}

/// The zone of a new shipment: the one given, else its courier contract's, else its
/// marketplace's, else UTC (the first that is set, each checked where it was set).
pub fn resolve(given: Option<&str>, contract: Option<&str>, marketplace: Option<&str>) -> String {
    [given, contract, marketplace]
        .into_iter()
        .flatten()
        .find_map(parse)
        .map_or_else(|| DEFAULT.to_owned(), |tz| tz.name().to_owned())
}

/// The wall-clock time in `tz` at the moment `t`.
pub fn to_local(t: DateTime<Utc>, tz: Tz) -> NaiveDateTime {
    t.with_timezone(&tz).naive_local()
}

/// The moment a wall-clock time in `tz` names; `Err` with the field message when the clocks
/// skip it or pass it twice (a daylight-saving change), so the person chooses again.
pub fn from_local(local: NaiveDateTime, tz: Tz) -> Result<DateTime<Utc>, &'static str> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => Ok(t.with_timezone(&Utc)),
        LocalResult::None => Err(SKIPPED),
        LocalResult::Ambiguous(..) => Err(REPEATED),
    }
}

/// The local date in `tz` at the moment `t` (UTC, as stored).
pub fn local_date(t: NaiveDateTime, tz: Tz) -> NaiveDate {
    to_local(t.and_utc(), tz).date()
}

/// The moment (UTC, as stored) a local day begins in `tz`: its first instant, even where the
/// clocks skip midnight.
pub fn start_of_day(day: NaiveDate, tz: Tz) -> NaiveDateTime {
    (0..24)
        .find_map(|h| {
            tz.from_local_datetime(&day.and_hms_opt(h, 0, 0)?)
                .earliest()
        })
        .map_or_else(|| day.and_time(NaiveTime::MIN), |t| t.naive_utc())
}

/// A settable zone in an update: absent leaves it, `null` clears it (the default
/// applies again), a name sets it.
pub fn clearable<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
    // One way to clear, `null`: an empty string is a zone name like any other (and refused).
    let v = Option::<String>::deserialize(d)?;
    Ok(Some(v.map(|s| s.trim().to_owned())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, mo, d)
            .unwrap()
            .and_hms_opt(h, mi, 0)
            .unwrap()
    }

    #[test]
    fn local_days_begin_at_local_midnight() {
        let paris: Tz = "Europe/Paris".parse().unwrap();
        let tokyo: Tz = "Asia/Tokyo".parse().unwrap();
        let day = |d| NaiveDate::from_ymd_opt(2026, 3, d).unwrap();
        assert_eq!(start_of_day(day(29), paris), at(2026, 3, 28, 23, 0));
        assert_eq!(start_of_day(day(30), paris), at(2026, 3, 29, 22, 0));
        assert_eq!(start_of_day(day(30), tokyo), at(2026, 3, 29, 15, 0));
        assert_eq!(local_date(at(2026, 3, 29, 15, 0), tokyo), day(30));
        assert_eq!(local_date(at(2026, 3, 29, 14, 59), tokyo), day(29));
        // Santiago skips midnight when its clocks go forward (6 September 2026): the day
        // begins at 01:00 local.
        let santiago: Tz = "America/Santiago".parse().unwrap();
        let sep = NaiveDate::from_ymd_opt(2026, 9, 6).unwrap();
        assert_eq!(start_of_day(sep, santiago), at(2026, 9, 6, 4, 0));
    }

    #[test]
    fn zones_are_iana_names() {
        assert_eq!(
            parse("Europe/Paris").map(|t| t.name()),
            Some("Europe/Paris")
        );
        assert_eq!(parse("UTC"), Some(Tz::UTC));
        assert!(parse("Mars/Olympus").is_none());
        assert!(parse("CEST").is_none(), "abbreviations are not zones");
        assert!(parse("+02:00").is_none());
        assert!(parse("").is_none());
        let mut errors = Vec::new();
        check("time_zone", "Europe/Pariss", &mut errors);
        check("time_zone", "America/New_York", &mut errors);
        assert_eq!(errors, [FieldError::new("time_zone", NOT_A_ZONE)]);
        assert_eq!(zone("garbage"), Tz::UTC);
    }

    #[test]
    fn a_shipment_takes_the_first_zone_set() {
        let paris = Some("Europe/Paris");
        let london = Some("Europe/London");
        assert_eq!(resolve(paris, london, None), "Europe/Paris");
        assert_eq!(resolve(None, london, paris), "Europe/London");
        assert_eq!(resolve(None, None, paris), "Europe/Paris");
        assert_eq!(resolve(None, None, None), "UTC");
    }

    #[test]
    fn a_paris_window_in_summer_and_in_winter() {
        let paris = zone("Europe/Paris");
        // 06:00Z in May is 08:00 in Paris (CEST, +2); in January 07:00 (CET, +1).
        assert_eq!(
            to_local(at(2026, 5, 2, 6, 0).and_utc(), paris),
            at(2026, 5, 2, 8, 0)
        );
        assert_eq!(
            to_local(at(2026, 1, 15, 6, 0).and_utc(), paris),
            at(2026, 1, 15, 7, 0)
        );
        assert_eq!(
            from_local(at(2026, 5, 2, 14, 0), paris),
            Ok(at(2026, 5, 2, 12, 0).and_utc())
        );
        assert_eq!(
            from_local(at(2026, 5, 2, 8, 0), Tz::UTC),
            Ok(at(2026, 5, 2, 8, 0).and_utc())
        );
    }

    #[test]
    fn daylight_saving_changes_are_refused_not_guessed() {
        let paris = zone("Europe/Paris");
        // 29 March 2026: 02:00 CET jumps to 03:00 CEST.
        assert_eq!(from_local(at(2026, 3, 29, 2, 30), paris), Err(SKIPPED));
        assert_eq!(
            from_local(at(2026, 3, 29, 1, 59), paris),
            Ok(at(2026, 3, 29, 0, 59).and_utc())
        );
        assert_eq!(
            from_local(at(2026, 3, 29, 3, 0), paris),
            Ok(at(2026, 3, 29, 1, 0).and_utc())
        );
        // 25 October 2026: 03:00 CEST falls back to 02:00 CET; 02:30 happens twice.
        assert_eq!(from_local(at(2026, 10, 25, 2, 30), paris), Err(REPEATED));
        assert_eq!(
            from_local(at(2026, 10, 25, 3, 0), paris),
            Ok(at(2026, 10, 25, 2, 0).and_utc())
        );
        // Either side of the change, UTC moments read back as the right wall clock.
        assert_eq!(
            to_local(at(2026, 10, 25, 0, 30).and_utc(), paris),
            at(2026, 10, 25, 2, 30)
        );
        assert_eq!(
            to_local(at(2026, 10, 25, 1, 30).and_utc(), paris),
            at(2026, 10, 25, 2, 30)
        );
    }

    #[test]
    fn updates_clear_with_null_only() {
        #[derive(Deserialize)]
        struct U {
            #[serde(default, deserialize_with = "clearable")]
            time_zone: Option<Option<String>>,
        }
        let u = |v| serde_json::from_value::<U>(v).unwrap().time_zone;
        assert_eq!(u(serde_json::json!({})), None);
        assert_eq!(u(serde_json::json!({"time_zone": null})), Some(None));
        assert_eq!(
            u(serde_json::json!({"time_zone": " "})),
            Some(Some(String::new())),
            "a name to check (and refuse), not a way to clear"
        );
        assert_eq!(
            u(serde_json::json!({"time_zone": "Europe/Paris"})),
            Some(Some("Europe/Paris".to_owned()))
        );
    }
}
