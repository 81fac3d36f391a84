//! The outcome the evidence suggests for a dispute. Pure: the marketplace decides.

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
            {
                (
                    Suggestion::Uphold,
                    "The attempt lacks a contact attempt, proof, or was far from the address.",
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
}
