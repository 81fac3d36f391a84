//! A delivery window's vocabulary, and what a window chosen after creation (a reschedule, a
//! re-delivery, a slot) must meet. Base, because the shipment, its re-delivery, its dispute and
//! the customer's page all speak of windows.

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::error::FieldError;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Window {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// A firm window is a promise; otherwise it is an estimate.
    pub firm: bool,
}

/// A window someone chooses or proposes after creation (a reschedule, a re-delivery): it is
/// always a firm promise once chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WindowChoice {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

/// The new window starts at least this long from now (the courier plans the round) ...
pub const NOTICE_HOURS: i64 = 2;

/// ... and at most this many days ahead.
pub const MAX_AHEAD_DAYS: i64 = 14;

/// A window lasts at least an hour and at most a day.
pub const MIN_WINDOW_MINUTES: i64 = 60;

pub const MAX_WINDOW_HOURS: i64 = 24;

/// The field errors of a new window (`window.start`, `window.end`: the body's field paths, as
/// at creation) chosen at `now`, starting at most `max_ahead_days` ahead ([`MAX_AHEAD_DAYS`]
/// for a reschedule, the contract's horizon for a re-delivery).
pub fn window_errors(
    start: NaiveDateTime,
    end: NaiveDateTime,
    now: NaiveDateTime,
    max_ahead_days: i64,
) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if start < now + Duration::hours(NOTICE_HOURS) {
        errors.push(FieldError::new(
            "window.start",
            format!("must be at least {NOTICE_HOURS} hours from now"),
        ));
    } else if start > now + Duration::days(max_ahead_days) {
        errors.push(FieldError::new(
            "window.start",
            format!("must be within {max_ahead_days} days"),
        ));
    }
    if end <= start {
        errors.push(FieldError::new("window.end", "must be after start"));
    } else if end - start < Duration::minutes(MIN_WINDOW_MINUTES) {
        errors.push(FieldError::new(
            "window.end",
            format!("the window must last at least {MIN_WINDOW_MINUTES} minutes"),
        ));
    } else if end - start > Duration::hours(MAX_WINDOW_HOURS) {
        errors.push(FieldError::new(
            "window.end",
            format!("the window must last at most {MAX_WINDOW_HOURS} hours"),
        ));
    }
    errors
}
