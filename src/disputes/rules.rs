//! The outcome the evidence suggests for a dispute. Pure: the marketplace decides.

use chrono::{Duration, NaiveDateTime};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::attempts::rules::{Flag, Outcome};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// "I was home" — the driver wrote "not home".
    WasHome,
    NotCalled,
    NotReceived,
    Damaged,
    WrongPlace,
    Thrown,
    Other,
}

impl Reason {
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::WasHome => "was_home",
            Reason::NotCalled => "not_called",
            Reason::NotReceived => "not_received",
            Reason::Damaged => "damaged",
            Reason::WrongPlace => "wrong_place",
            Reason::Thrown => "thrown",
            Reason::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Reason> {
        [
            Reason::WasHome,
            Reason::NotCalled,
            Reason::NotReceived,
            Reason::Damaged,
            Reason::WrongPlace,
            Reason::Thrown,
            Reason::Other,
        ]
        .into_iter()
        .find(|r| r.as_str() == s)
    }
}

/// A dispute is opened within this long after the attempt it contests (as a rating is given
/// within 30 days of delivery).
pub const DISPUTE_WITHIN_DAYS: i64 = 30;

/// What opening a dispute needs to know about the parcel and the contested attempt.
#[derive(Debug, Clone, Copy)]
pub struct Contested {
    /// When the contested attempt happened (`None`: the parcel has no attempt).
    pub attempt_at: Option<NaiveDateTime>,
    /// The contact data is erased: the retention period is over.
    pub erased: bool,
    /// Disputes about this attempt so far (open or resolved).
    pub earlier: usize,
}

/// Why a customer may not open a dispute now: there is an attempt to contest, it is recent,
/// the record is still kept, and it was not disputed before (one dispute, one decision, per
/// attempt: a resolved dispute is not reopened).
pub fn refusal(c: Contested, now: NaiveDateTime) -> Option<String> {
    let Some(at) = c.attempt_at else {
        return Some("there is no delivery attempt to dispute on this parcel".to_owned());
    };
    if c.erased {
        return Some("the retention period of this parcel is over".to_owned());
    }
    if now - at > Duration::days(DISPUTE_WITHIN_DAYS) {
        return Some(format!(
            "disputes are opened within {DISPUTE_WITHIN_DAYS} days of the attempt"
        ));
    }
    if c.earlier > 0 {
        return Some("this attempt was already disputed".to_owned());
    }
    None
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Suggestion {
    /// The evidence supports the customer.
    Uphold,
    /// The evidence supports the driver.
    Reject,
    /// The evidence does not settle it: read the words and photos.
    Review,
}

/// What the attempt's verdict says about the customer's claim, and why.
pub fn suggest(
    reason: Reason,
    attempt: Option<(Outcome, &[Flag], bool)>,
) -> (Suggestion, &'static str) {
    let Some((outcome, flags, pin_verified)) = attempt else {
        return (Suggestion::Review, "The dispute names no attempt.");
    };
    let has = |f: Flag| flags.contains(&f);
    match reason {
        Reason::WasHome | Reason::NotCalled if outcome == Outcome::Failed => {
            if has(Flag::AbsentWithoutContact)
                || has(Flag::FarFromAddress)
                || has(Flag::AbsentWithoutProof)
                || has(Flag::Backdated)
            {
                (
                    Suggestion::Uphold,
                    "The attempt lacks a contact attempt, proof, was far from the address or backdated.",
                )
            } else if flags.is_empty() {
                (
                    Suggestion::Reject,
                    "The attempt was verified: at the address, contact tried, with proof.",
                )
            } else {
                (
                    Suggestion::Review,
                    "The attempt has flags that do not settle the claim.",
                )
            }
        }
        Reason::NotReceived if outcome == Outcome::Delivered => {
            if pin_verified {
                (
                    Suggestion::Reject,
                    "The customer's handover PIN was given at delivery.",
                )
            } else if has(Flag::FarFromAddress)
                || has(Flag::NoPhoto)
                || has(Flag::UnauthorizedSafePlace)
            {
                (
                    Suggestion::Uphold,
                    "The delivery was far from the address, unproven, or in a place not allowed.",
                )
            } else {
                (
                    Suggestion::Review,
                    "The delivery has no PIN; look at the photos.",
                )
            }
        }
        Reason::WrongPlace | Reason::Thrown => {
            if has(Flag::UnauthorizedSafePlace) || has(Flag::NoPhoto) || has(Flag::FarFromAddress) {
                (
                    Suggestion::Uphold,
                    "The parcel was left where the customer did not allow, or without proof.",
                )
            } else {
                (Suggestion::Review, "Look at the placement photos.")
            }
        }
        _ => (
            Suggestion::Review,
            "The evidence does not settle this kind of claim.",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn false_not_home_is_upheld_and_honest_attempts_rejected() {
        let flagged = [Flag::FarFromAddress, Flag::AbsentWithoutContact];
        assert_eq!(
            suggest(Reason::WasHome, Some((Outcome::Failed, &flagged, false))).0,
            Suggestion::Uphold
        );
        assert_eq!(
            suggest(Reason::WasHome, Some((Outcome::Failed, &[], false))).0,
            Suggestion::Reject
        );
        assert_eq!(
            suggest(
                Reason::NotCalled,
                Some((Outcome::Failed, &[Flag::Late], false))
            )
            .0,
            Suggestion::Review
        );
        assert_eq!(suggest(Reason::WasHome, None).0, Suggestion::Review);
    }

    #[test]
    fn deliveries() {
        assert_eq!(
            suggest(Reason::NotReceived, Some((Outcome::Delivered, &[], true))).0,
            Suggestion::Reject
        );
        assert_eq!(
            suggest(
                Reason::NotReceived,
                Some((Outcome::Delivered, &[Flag::NoPhoto], false))
            )
            .0,
            Suggestion::Uphold
        );
        assert_eq!(
            suggest(
                Reason::Thrown,
                Some((Outcome::Delivered, &[Flag::UnauthorizedSafePlace], false))
            )
            .0,
            Suggestion::Uphold
        );
        assert_eq!(
            suggest(Reason::Damaged, Some((Outcome::Delivered, &[], false))).0,
            Suggestion::Review
        );
        assert_eq!(Reason::parse("was_home"), Some(Reason::WasHome));
    }

    #[test]
    fn disputes_are_one_per_recent_attempt() {
        let at = chrono::NaiveDate::from_ymd_opt(2026, 5, 2)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap();
        let ok = Contested {
            attempt_at: Some(at),
            erased: false,
            earlier: 0,
        };
        assert_eq!(refusal(ok, at + Duration::days(DISPUTE_WITHIN_DAYS)), None);
        assert!(
            refusal(
                ok,
                at + Duration::days(DISPUTE_WITHIN_DAYS) + Duration::seconds(1)
            )
            .is_some()
        );
        let none = Contested {
            attempt_at: None,
            ..ok
        };
        assert!(refusal(none, at).unwrap().contains("no delivery attempt"));
        let erased = Contested { erased: true, ..ok };
        assert!(refusal(erased, at).unwrap().contains("retention"));
        let again = Contested { earlier: 1, ..ok };
        assert!(refusal(again, at).unwrap().contains("already disputed"));
    }
}
