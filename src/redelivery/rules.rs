//! Re-delivery, pure: after a failed attempt the parcel waits with the courier for a new visit
//! (`attempt_failed` is "waiting for a new visit"). The courier may propose a window, the
//! customer accepts it or chooses their own; the choice becomes the firm promised window, and
//! the round may not start before its day.
//!
//! | status | wait | courier proposes | customer chooses | customer accepts | driver goes out |
//! |---|---|---|---|---|---|
//! | attempt_failed | waiting | → proposed | → chosen | 409 | → out_for_delivery |
//! | attempt_failed | proposed | → proposed (replaced) | → chosen | → chosen | → out_for_delivery |
//! | attempt_failed | chosen | 409, unless the chosen window is over | → chosen (again) | 409 | from the chosen day on |
//! | any other | — | 409 | 409 | 409 | (not a re-delivery) |
//!
//! The one door keeps the columns honest: any status change drops a pending proposal, and a new
//! failed attempt drops the choice (a new wait begins).

use chrono::{Duration, NaiveDateTime};
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::FieldError;
use crate::kpis::rules::RedeliveryFact;
use crate::status::Status;
use crate::window::WindowChoice;
use crate::window::{MAX_WINDOW_HOURS, MIN_WINDOW_MINUTES, NOTICE_HOURS};

/// Windows a customer may choose in one wait (each is an event and a webhook: a few, not a
/// stream).
pub const MAX_CHOICES: usize = 3;
pub use crate::contracts::model::{MAX_HORIZON_DAYS, MIN_HORIZON_DAYS};

/// Where a parcel waiting for a new visit stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Wait {
    /// No window yet: the customer may choose one, the courier may propose one.
    Waiting,
    /// The courier proposed a window; the customer may accept it or choose another.
    Proposed,
    /// The promised window is the one chosen for this re-delivery.
    Chosen,
}

pub const ALL_WAITS: [Wait; 3] = [Wait::Waiting, Wait::Proposed, Wait::Chosen];

/// The wait as the shipment's columns record it.
pub fn wait(proposed: bool, chosen: bool) -> Wait {
    match (chosen, proposed) {
        (true, _) => Wait::Chosen,
        (false, true) => Wait::Proposed,
        (false, false) => Wait::Waiting,
    }
}

/// What someone asks of a waiting parcel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// The courier's staff propose a window.
    Propose,
    /// The customer chooses a window.
    Choose,
    /// The customer accepts the courier's proposal.
    Accept,
    /// The driver starts the round again (explicitly, or by recording a new attempt).
    GoOut,
}

pub const ALL_ACTIONS: [Action; 4] = [
    Action::Propose,
    Action::Choose,
    Action::Accept,
    Action::GoOut,
];

/// What the clock says about a chosen window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Clock {
    /// Its local day (in the shipment's zone) has begun.
    pub chosen_day_started: bool,
    /// It has ended (the visit did not happen in it).
    pub chosen_window_ended: bool,
}

impl Clock {
    pub fn of(
        window_start: NaiveDateTime,
        window_end: NaiveDateTime,
        tz: chrono_tz::Tz,
        now: NaiveDateTime,
    ) -> Clock {
        use crate::timezone::{local_date, start_of_day};
        Clock {
            chosen_day_started: now >= start_of_day(local_date(window_start, tz), tz),
            chosen_window_ended: now > window_end,
        }
    }
}

/// The wait after `action`, or why it is refused (a 409).
pub fn step(status: Status, wait: Wait, action: Action, clock: Clock) -> Result<Wait, String> {
    use Action::*;
    use Wait::*;
    if status != Status::AttemptFailed {
        return Err(format!(
            "the parcel is {}; a re-delivery is arranged after a failed attempt",
            status.as_str()
        ));
    }
    match (wait, action) {
        (Waiting | Proposed, Propose) => Ok(Proposed),
        (Chosen, Propose) if clock.chosen_window_ended => Ok(Proposed),
        (Chosen, Propose) => Err("the customer already chose the re-delivery window".to_owned()),
        (_, Choose) => Ok(Chosen),
        (Proposed, Accept) => Ok(Chosen),
        (Waiting | Chosen, Accept) => {
            Err("there is no proposed re-delivery window to accept".to_owned())
        }
        (Waiting | Proposed, GoOut) => Ok(wait),
        (Chosen, GoOut) if clock.chosen_day_started => Ok(Chosen),
        (Chosen, GoOut) => {
            Err("the customer chose the re-delivery window: the round starts on its day".to_owned())
        }
    }
}

/// What the one door clears when a change moves the shipment along `path` (the statuses passed
/// through, in order): (the pending proposal, the choice).
pub fn cleared_by(path: &[Status]) -> (bool, bool) {
    (
        !path.is_empty(),
        path.last() == Some(&Status::AttemptFailed),
    )
}

/// The field errors of a re-delivery window chosen (or proposed) at `now`: the usual bounds of
/// a customer's window, starting within the contract's horizon.
pub fn window_errors(
    start: NaiveDateTime,
    end: NaiveDateTime,
    now: NaiveDateTime,
    horizon_days: i32,
) -> Vec<FieldError> {
    crate::window::window_errors(start, end, now, i64::from(horizon_days))
}

/// Choices the customer made in this wait (`wait_began`: the failed attempt that opened it).
pub fn choices_in_wait(chosen_at: &[NaiveDateTime], wait_began: Option<NaiveDateTime>) -> usize {
    chosen_at
        .iter()
        .filter(|t| wait_began.is_none_or(|b| **t >= b))
        .count()
}

/// A window to offer first on the page: the proposal if there is one, else the promised window's
/// hours on the first day that leaves the courier its notice (at most a day long).
pub fn suggestion(
    start: NaiveDateTime,
    end: NaiveDateTime,
    now: NaiveDateTime,
) -> (NaiveDateTime, NaiveDateTime) {
    let length = (end - start)
        .max(Duration::minutes(MIN_WINDOW_MINUTES))
        .min(Duration::hours(MAX_WINDOW_HOURS));
    let earliest = now + Duration::hours(NOTICE_HOURS);
    let mut s = start;
    if s < earliest {
        let days = (earliest - s).num_days();
        s += Duration::days(days);
        if s < earliest {
            s += Duration::days(1);
        }
    }
    (s, s + length)
}

pub const CHOSEN: &str = "redelivery.chosen";

/// The KPI fact of a `redelivery.chosen` event (its data and time), for rebuilds.
pub fn chosen_fact(data: &str, at: NaiveDateTime) -> Option<RedeliveryFact> {
    let v: serde_json::Value = serde_json::from_str(data).ok()?;
    let w: WindowChoice = serde_json::from_value(v.get("window")?.clone()).ok()?;
    Some(RedeliveryFact {
        chosen_at: at,
        start: w.start.naive_utc(),
        end: w.end.naive_utc(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::status::ALL;
    use Action::*;
    use Wait::*;

    /// (wait, action, day started?, window ended?, wait after).
    type Row = (Wait, Action, Option<bool>, Option<bool>, Wait);

    /// Every (wait, action, clock) a parcel in `attempt_failed` accepts, and the wait after it:
    /// anything not listed is refused, and every other status refuses everything.
    fn legal(w: Wait, a: Action, c: Clock) -> Option<Wait> {
        const TABLE: &[Row] = &[
            // (wait, action, day started?, window ended?, after) — None: either.
            (Waiting, Propose, None, None, Proposed),
            (Proposed, Propose, None, None, Proposed),
            (Chosen, Propose, None, Some(true), Proposed),
            (Waiting, Choose, None, None, Chosen),
            (Proposed, Choose, None, None, Chosen),
            (Chosen, Choose, None, None, Chosen),
            (Proposed, Accept, None, None, Chosen),
            (Waiting, GoOut, None, None, Waiting),
            (Proposed, GoOut, None, None, Proposed),
            (Chosen, GoOut, Some(true), None, Chosen),
        ];
        TABLE
            .iter()
            .find(|(tw, ta, day, ended, _)| {
                *tw == w
                    && *ta == a
                    && day.is_none_or(|d| d == c.chosen_day_started)
                    && ended.is_none_or(|e| e == c.chosen_window_ended)
            })
            .map(|row| row.4)
    }

    #[test]
    fn every_combination_matches_the_table() {
        for status in ALL {
            for w in ALL_WAITS {
                for a in ALL_ACTIONS {
                    for (day, ended) in [(false, false), (true, false), (true, true), (false, true)]
                    {
                        let clock = Clock {
                            chosen_day_started: day,
                            chosen_window_ended: ended,
                        };
                        let expected = if status == Status::AttemptFailed {
                            legal(w, a, clock)
                        } else {
                            None
                        };
                        assert_eq!(
                            step(status, w, a, clock).ok(),
                            expected,
                            "{status:?} {w:?} {a:?} {clock:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn refusals_say_why() {
        let err = step(Status::OutForDelivery, Waiting, Choose, Clock::default()).unwrap_err();
        assert!(err.contains("out_for_delivery"), "{err}");
        let err = step(Status::AttemptFailed, Chosen, GoOut, Clock::default()).unwrap_err();
        assert!(err.contains("its day"), "{err}");
    }

    fn at(d: u32, h: u32, m: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 5, d)
            .unwrap()
            .and_hms_opt(h, m, 0)
            .unwrap()
    }

    #[test]
    fn the_clock_of_a_chosen_window() {
        let utc = chrono_tz::Tz::UTC;
        let (s, e) = (at(3, 8, 0), at(3, 12, 0));
        assert_eq!(Clock::of(s, e, utc, at(2, 23, 59)), Clock::default());
        let morning = Clock::of(s, e, utc, at(3, 0, 0));
        assert!(morning.chosen_day_started && !morning.chosen_window_ended);
        let after = Clock::of(s, e, utc, at(3, 12, 1));
        assert!(after.chosen_day_started && after.chosen_window_ended);
        // Tokyo: a window chosen for the 3rd from 08:00 local (23:00 UTC on the 2nd) begins
        // its day at 15:00 UTC on the 2nd, not at UTC midnight on the 3rd.
        let tokyo: chrono_tz::Tz = "Asia/Tokyo".parse().unwrap();
        let (s, e) = (at(2, 23, 0), at(3, 3, 0));
        assert!(!Clock::of(s, e, tokyo, at(2, 14, 59)).chosen_day_started);
        assert!(Clock::of(s, e, tokyo, at(2, 15, 0)).chosen_day_started);
    }

    #[test]
    fn the_door_drops_a_proposal_on_any_move_and_the_choice_on_a_new_failure() {
        assert_eq!(cleared_by(&[]), (false, false));
        assert_eq!(cleared_by(&[Status::OutForDelivery]), (true, false));
        assert_eq!(
            cleared_by(&[Status::OutForDelivery, Status::AttemptFailed]),
            (true, true)
        );
        assert_eq!(cleared_by(&[Status::AttemptFailed]), (true, true));
        assert_eq!(cleared_by(&[Status::Delivered]), (true, false));
    }

    #[test]
    fn windows_start_within_the_horizon() {
        let now = at(1, 9, 0);
        let ok = now + Duration::days(7);
        assert!(window_errors(ok, ok + Duration::hours(4), now, 7).is_empty());
        let late = ok + Duration::seconds(1);
        let errs = window_errors(late, late + Duration::hours(4), now, 7);
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].field, "window.start");
        assert!(errs[0].message.contains("7 days"), "{}", errs[0].message);
        assert!(window_errors(late, late + Duration::hours(4), now, 8).is_empty());
        let soon = now + Duration::minutes(30);
        assert_eq!(
            window_errors(soon, soon + Duration::hours(2), now, 7)[0].field,
            "window.start"
        );
        let errs = window_errors(ok, ok, now, 7);
        assert_eq!(errs[0].field, "window.end");
    }

    #[test]
    fn choices_count_from_the_failure_that_opened_the_wait() {
        let times = [at(1, 10, 0), at(2, 10, 0), at(4, 10, 0)];
        assert_eq!(choices_in_wait(&times, None), 3);
        assert_eq!(choices_in_wait(&times, Some(at(2, 10, 0))), 2);
        assert_eq!(choices_in_wait(&times, Some(at(5, 0, 0))), 0);
    }

    #[test]
    fn the_suggestion_keeps_the_hours_and_leaves_the_notice() {
        let now = at(10, 9, 0);
        // A past window: the same hours on the first day with notice (today 11:00 is too soon).
        assert_eq!(
            suggestion(at(2, 8, 0), at(2, 12, 0), now),
            (at(11, 8, 0), at(11, 12, 0))
        );
        assert_eq!(
            suggestion(at(2, 14, 0), at(2, 18, 0), now),
            (at(10, 14, 0), at(10, 18, 0))
        );
        // A future window is offered as it is.
        assert_eq!(
            suggestion(at(12, 8, 0), at(12, 12, 0), now),
            (at(12, 8, 0), at(12, 12, 0))
        );
        // At most a day long.
        assert_eq!(
            suggestion(at(12, 8, 0), at(15, 8, 0), now),
            (at(12, 8, 0), at(13, 8, 0))
        );
    }
}
