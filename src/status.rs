//! A shipment's lifecycle: its states, named once, and the one pure transition function
//! (DESIGN §5). Base, not the shipments domain, because access decisions (`access`), custody
//! and the KPI rules speak of them.
//!
//!
//! `created → at_supplier → with_courier → out_for_delivery → delivered`;
//! `out_for_delivery → attempt_failed → out_for_delivery | returned`;
//! any non-final → `cancelled`; `with_courier | out_for_delivery → lost`; `created |
//! at_supplier → lost` only while a hand-off waits for its receiver (a loss in transit,
//! `custody::rules::lost_declaration`).
//! `attempt_failed` is the wait for a new visit: the customer may choose its window, and then
//! `attempt_failed → out_for_delivery` waits for that window's day (see `redelivery::rules`).
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Created,
    AtSupplier,
    WithCourier,
    OutForDelivery,
    AttemptFailed,
    Delivered,
    Returned,
    Cancelled,
    Lost,
}

pub const ALL: [Status; 9] = [
    Status::Created,
    Status::AtSupplier,
    Status::WithCourier,
    Status::OutForDelivery,
    Status::AttemptFailed,
    Status::Delivered,
    Status::Returned,
    Status::Cancelled,
    Status::Lost,
];

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Created => "created",
            Status::AtSupplier => "at_supplier",
            Status::WithCourier => "with_courier",
            Status::OutForDelivery => "out_for_delivery",
            Status::AttemptFailed => "attempt_failed",
            Status::Delivered => "delivered",
            Status::Returned => "returned",
            Status::Cancelled => "cancelled",
            Status::Lost => "lost",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        ALL.into_iter().find(|st| st.as_str() == s)
    }

    pub fn is_final(self) -> bool {
        matches!(
            self,
            Status::Delivered | Status::Returned | Status::Cancelled | Status::Lost
        )
    }
}

impl Status {
    /// Every state reachable in one step from this one.
    pub fn next(self) -> Vec<Status> {
        ALL.into_iter().filter(|to| allowed(self, *to)).collect()
    }
}

/// Whether `from → to` is a legal transition.
pub fn allowed(from: Status, to: Status) -> bool {
    use Status::*;
    if from.is_final() {
        return false;
    }
    matches!(
        (from, to),
        (Created, AtSupplier)
            | (Created, WithCourier)
            | (AtSupplier, WithCourier)
            | (WithCourier, OutForDelivery)
            | (OutForDelivery, Delivered)
            | (OutForDelivery, AttemptFailed)
            | (AttemptFailed, OutForDelivery)
            | (AttemptFailed, Returned)
            | (WithCourier, Lost)
            | (OutForDelivery, Lost)
            // In transit: only while a hand-off waits (custody::rules::lost_declaration).
            | (Created, Lost)
            | (AtSupplier, Lost)
            | (_, Cancelled)
    )
}

/// The states a shipment may move to next as its parties are told (`next_statuses`, the 409's
/// `allowed_next`): from `created` or `at_supplier` a loss needs a hand-off waiting for its
/// receiver (a loss in transit), so `lost` is listed there only while one waits.
pub fn next_for(status: Status, handoff_waiting: bool) -> Vec<Status> {
    let in_transit_only = matches!(status, Status::Created | Status::AtSupplier);
    status
        .next()
        .into_iter()
        .filter(|to| *to != Status::Lost || handoff_waiting || !in_transit_only)
        .collect()
}

/// A refused transition: what the 409 problem says.
#[derive(Debug, PartialEq, Eq)]
pub struct InvalidTransition {
    pub from: Status,
    pub to: Status,
    pub allowed: Vec<Status>,
}

impl From<InvalidTransition> for crate::error::ApiError {
    fn from(t: InvalidTransition) -> Self {
        crate::error::ApiError::InvalidTransition(crate::error::Transition {
            from: t.from.as_str().to_owned(),
            allowed: t.allowed.iter().map(|s| s.as_str().to_owned()).collect(),
            detail: t.to_string(),
        })
    }
}

impl std::fmt::Display for InvalidTransition {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let next: Vec<&str> = self.allowed.iter().map(|s| s.as_str()).collect();
        write!(
            f,
            "the shipment is {}; it cannot become {} (allowed next: {})",
            self.from.as_str(),
            self.to.as_str(),
            if next.is_empty() {
                "none, the state is final".to_owned()
            } else {
                next.join(", ")
            }
        )
    }
}

pub fn transition(from: Status, to: Status) -> Result<Status, InvalidTransition> {
    if allowed(from, to) {
        Ok(to)
    } else {
        Err(InvalidTransition {
            from,
            to,
            allowed: next_for(from, false),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Status::*;

    /// The whole table, written out: every pair not listed here must be refused.
    const LEGAL: &[(Status, Status)] = &[
        (Created, AtSupplier),
        (Created, WithCourier),
        (Created, Lost),
        (Created, Cancelled),
        (AtSupplier, WithCourier),
        (AtSupplier, Lost),
        (AtSupplier, Cancelled),
        (WithCourier, OutForDelivery),
        (WithCourier, Lost),
        (WithCourier, Cancelled),
        (OutForDelivery, Delivered),
        (OutForDelivery, AttemptFailed),
        (OutForDelivery, Lost),
        (OutForDelivery, Cancelled),
        (AttemptFailed, OutForDelivery),
        (AttemptFailed, Returned),
        (AttemptFailed, Cancelled),
    ];

    #[test]
    fn every_pair_matches_the_table() {
        for from in ALL {
            for to in ALL {
                let expected = LEGAL.contains(&(from, to));
                assert_eq!(allowed(from, to), expected, "{from:?} -> {to:?}");
                assert_eq!(transition(from, to).is_ok(), expected);
            }
        }
    }

    /// Re-delivery (issue 15) adds no status: `attempt_failed` is the wait for a new visit.
    /// Its only guard is on `attempt_failed → out_for_delivery` (not before the day of a window
    /// the customer chose); every other pair is decided by the table above alone, whatever the
    /// wait. (An upheld dispute no longer moves the status at all.)
    #[test]
    fn the_wait_for_a_new_visit_guards_one_pair_only() {
        use crate::redelivery::rules::{ALL_WAITS, Action, Clock, Wait, step};
        for from in ALL {
            for to in ALL {
                for wait in ALL_WAITS {
                    for day_started in [false, true] {
                        let clock = Clock {
                            chosen_day_started: day_started,
                            chosen_window_ended: false,
                        };
                        let guarded = (from, to) == (AttemptFailed, OutForDelivery);
                        let may = allowed(from, to)
                            && (!guarded || step(from, wait, Action::GoOut, clock).is_ok());
                        let expected = LEGAL.contains(&(from, to))
                            && !(guarded && wait == Wait::Chosen && !day_started);
                        assert_eq!(may, expected, "{from:?} -> {to:?} {wait:?} {clock:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn final_states_go_nowhere() {
        for s in [Delivered, Returned, Cancelled, Lost] {
            assert!(s.is_final());
            assert!(s.next().is_empty());
            let err = transition(s, Cancelled).unwrap_err();
            assert!(err.to_string().contains("final"), "{err}");
        }
        assert!(!AttemptFailed.is_final());
    }

    #[test]
    fn refusal_names_current_and_allowed_states() {
        let err = transition(Created, Delivered).unwrap_err();
        assert_eq!(err.allowed, vec![AtSupplier, WithCourier, Cancelled]);
        let msg = err.to_string();
        assert!(msg.contains("is created"), "{msg}");
        assert!(
            msg.contains("at_supplier, with_courier, cancelled"),
            "{msg}"
        );
    }

    #[test]
    fn lost_is_offered_early_only_while_a_hand_off_waits() {
        assert_eq!(
            next_for(Created, false),
            vec![AtSupplier, WithCourier, Cancelled]
        );
        assert_eq!(
            next_for(Created, true),
            vec![AtSupplier, WithCourier, Cancelled, Lost]
        );
        assert_eq!(next_for(AtSupplier, false), vec![WithCourier, Cancelled]);
        assert_eq!(next_for(WithCourier, false), WithCourier.next());
        assert!(next_for(Lost, true).is_empty());
    }

    #[test]
    fn names_round_trip() {
        for s in ALL {
            assert_eq!(Status::parse(s.as_str()), Some(s));
            let json = serde_json::to_string(&s).unwrap();
            assert_eq!(json, format!("\"{}\"", s.as_str()));
        }
        assert_eq!(Status::parse("shipped"), None);
    }
}
