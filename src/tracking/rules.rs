//! What a customer may choose through the link. Pure: a new delivery window must be one a
//! courier can honour — not years ahead, not a minute long, not the tenth change in a row —
//! or a customer could force "late" and "early" flags on the courier.

use chrono::{Duration, NaiveDateTime};

use crate::error::FieldError;

/// The new window starts at least this long from now (the courier plans the round) ...
pub const NOTICE_HOURS: i64 = 2;
/// ... and at most this many days ahead.
pub const MAX_AHEAD_DAYS: i64 = 14;
/// A window lasts at least an hour and at most a day.
pub const MIN_WINDOW_MINUTES: i64 = 60;
pub const MAX_WINDOW_HOURS: i64 = 24;
/// Times a customer may reschedule one parcel.
pub const MAX_RESCHEDULES: usize = 3;

/// The field errors of a new window chosen at `now`.
pub fn window_errors(
    start: NaiveDateTime,
    end: NaiveDateTime,
    now: NaiveDateTime,
) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if start < now + Duration::hours(NOTICE_HOURS) {
        errors.push(FieldError::new(
            "start",
            format!("must be at least {NOTICE_HOURS} hours from now"),
        ));
    } else if start > now + Duration::days(MAX_AHEAD_DAYS) {
        errors.push(FieldError::new(
            "start",
            format!("must be within {MAX_AHEAD_DAYS} days"),
        ));
    }
    if end <= start {
        errors.push(FieldError::new("end", "must be after start"));
    } else if end - start < Duration::minutes(MIN_WINDOW_MINUTES) {
        errors.push(FieldError::new(
            "end",
            format!("the window must last at least {MIN_WINDOW_MINUTES} minutes"),
        ));
    } else if end - start > Duration::hours(MAX_WINDOW_HOURS) {
        errors.push(FieldError::new(
            "end",
            format!("the window must last at most {MAX_WINDOW_HOURS} hours"),
        ));
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(start: NaiveDateTime, end: NaiveDateTime, now: NaiveDateTime) -> Vec<String> {
        window_errors(start, end, now)
            .into_iter()
            .map(|e| e.field)
            .collect()
    }

    #[test]
    fn windows_a_courier_can_honour() {
        let now = chrono::NaiveDate::from_ymd_opt(2026, 5, 1)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        let start = now + Duration::days(1);
        assert!(fields(start, start + Duration::hours(4), now).is_empty());
        let soon = now + Duration::hours(NOTICE_HOURS);
        assert!(
            fields(soon, soon + Duration::hours(1), now).is_empty(),
            "at the notice"
        );
        assert_eq!(
            fields(soon - Duration::seconds(1), soon + Duration::hours(1), now),
            ["start"]
        );
        let far = now + Duration::days(MAX_AHEAD_DAYS);
        assert!(fields(far, far + Duration::hours(2), now).is_empty());
        assert_eq!(
            fields(far + Duration::seconds(1), far + Duration::hours(2), now),
            ["start"]
        );
        let year_9999 = chrono::NaiveDate::from_ymd_opt(9999, 1, 1)
            .unwrap()
            .and_hms_opt(8, 0, 0)
            .unwrap();
        assert_eq!(
            fields(year_9999, year_9999 + Duration::hours(2), now),
            ["start"]
        );
        assert_eq!(
            fields(start, start + Duration::seconds(1), now),
            ["end"],
            "one second"
        );
        assert!(fields(start, start + Duration::minutes(MIN_WINDOW_MINUTES), now).is_empty());
        assert!(fields(start, start + Duration::hours(MAX_WINDOW_HOURS), now).is_empty());
        assert_eq!(
            fields(
                start,
                start + Duration::hours(MAX_WINDOW_HOURS) + Duration::seconds(1),
                now
            ),
            ["end"]
        );
        assert_eq!(fields(start, start, now), ["end"]);
    }
}
