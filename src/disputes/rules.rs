//! The outcome the evidence suggests for a dispute. Pure: the marketplace decides.

use chrono::{Duration, NaiveDateTime};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::attempts::rules::{
    CONTACT_LOOKBACK_MIN, Flag, GPS_STALE_MIN, Outcome, PhotoFacts, haversine_m,
};

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

/// Evidence about an attempt that is not only the driver's own word for it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Independent {
    /// The customer's handover PIN was given.
    pub pin_verified: bool,
    /// The customer answered a call or ring by the driver in the 30 minutes before, logged
    /// before the attempt reached the server.
    pub answered_contact: bool,
    /// A photo whose EXIF place is within the contract radius of the address and whose EXIF
    /// time is within 10 minutes of the attempt.
    pub matching_photo: bool,
}

impl Independent {
    fn sentence(self) -> String {
        let mut parts = Vec::new();
        if self.pin_verified {
            parts.push("the customer's handover PIN was given");
        }
        if self.answered_contact {
            parts.push("the customer answered the driver's contact attempt before it");
        }
        if self.matching_photo {
            parts.push("a photo's EXIF place and time match the address and the attempt");
        }
        parts.join(", and ")
    }
}

/// A contact attempt as the suggestion weighs it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ContactFact<'a> {
    pub driver_id: &'a str,
    pub answered: bool,
    pub occurred_at: NaiveDateTime,
    /// Server time it was logged.
    pub created_at: NaiveDateTime,
}

/// The contested attempt as the independence check needs it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Visit<'a> {
    pub driver_id: &'a str,
    pub occurred_at: NaiveDateTime,
    pub received_at: NaiveDateTime,
    pub pin_verified: bool,
    /// The recipient's coordinates (absent when never given or erased).
    pub address: Option<(f64, f64)>,
    pub radius_m: f64,
}

/// What, besides the driver's own record, speaks about the attempt. A contact attempt counts
/// when it was answered, by the attempt's driver, within [`CONTACT_LOOKBACK_MIN`] before the
/// attempt and logged before the attempt reached the server (not added once the dispute came).
/// A photo counts when its EXIF position is within the radius of the address and its EXIF time
/// within [`GPS_STALE_MIN`] of the attempt.
pub fn independent(
    v: &Visit<'_>,
    contacts: &[ContactFact<'_>],
    photos: &[PhotoFacts],
) -> Independent {
    let since = v.occurred_at - Duration::minutes(CONTACT_LOOKBACK_MIN);
    let answered_contact = contacts.iter().any(|k| {
        k.answered
            && k.driver_id == v.driver_id
            && k.occurred_at >= since
            && k.occurred_at <= v.occurred_at
            && k.created_at <= v.received_at
    });
    let matching_photo = photos.iter().any(|p| {
        let here = p
            .location
            .zip(v.address)
            .is_some_and(|(at, addr)| haversine_m(at, addr) <= v.radius_m);
        let now = p
            .taken_at
            .is_some_and(|t| (t - v.occurred_at).num_seconds().abs() <= GPS_STALE_MIN * 60);
        here && now
    });
    Independent {
        pin_verified: v.pin_verified,
        answered_contact,
        matching_photo,
    }
}

/// The contested attempt: its outcome, the server's flags, and the independent evidence.
#[derive(Debug, Clone, Copy)]
pub struct Record<'a> {
    pub outcome: Outcome,
    pub flags: &'a [Flag],
    pub independent: Independent,
}

/// What the attempt's verdict says about the customer's claim, and why. The driver's own
/// record (GPS, notes, flags none) never settles a claim against the driver alone: without
/// independent evidence the suggestion is `review`.
pub fn suggest(reason: Reason, attempt: Option<Record<'_>>) -> (Suggestion, String) {
    let Some(Record {
        outcome,
        flags,
        independent,
    }) = attempt
    else {
        return (
            Suggestion::Review,
            "The dispute names no attempt.".to_owned(),
        );
    };
    let has = |f: Flag| flags.contains(&f);
    let say = |s: Suggestion, why: &str| (s, why.to_owned());
    match reason {
        Reason::WasHome | Reason::NotCalled if outcome == Outcome::Failed => {
            // A call or ring the driver logged as answered and a photo whose EXIF the driver's
            // phone wrote are the driver's own records: they support the driver's account,
            // they do not contradict the customer's. Only what the customer gave (the PIN)
            // does.
            let evidence = Independent {
                pin_verified: independent.pin_verified,
                ..Independent::default()
            };
            let own = Independent {
                pin_verified: false,
                ..independent
            };
            if has(Flag::AbsentWithoutContact)
                || has(Flag::FarFromAddress)
                || has(Flag::AbsentWithoutProof)
                || has(Flag::Backdated)
            {
                say(
                    Suggestion::Uphold,
                    "The attempt lacks a contact attempt, proof, was far from the address or backdated.",
                )
            } else if !flags.is_empty() {
                say(
                    Suggestion::Review,
                    "The attempt has flags that do not settle the claim.",
                )
            } else if evidence == Independent::default() && own != Independent::default() {
                (
                    Suggestion::Review,
                    format!(
                        "Only the driver's own records contradict the customer ({}, as the driver recorded it). Read both accounts.",
                        own.sentence()
                    ),
                )
            } else if evidence == Independent::default() {
                say(
                    Suggestion::Review,
                    "Only the driver's own record contradicts the customer: no answered call or ring before the attempt, no photo whose EXIF place and time match it. Read both accounts.",
                )
            } else {
                (
                    Suggestion::Reject,
                    format!(
                        "The attempt was verified (at the address, contact tried, with proof), and {}.",
                        evidence.sentence()
                    ),
                )
            }
        }
        Reason::NotReceived if outcome == Outcome::Delivered => {
            if independent.pin_verified {
                say(
                    Suggestion::Reject,
                    "The customer's handover PIN was given at delivery.",
                )
            } else if has(Flag::FarFromAddress)
                || has(Flag::NoPhoto)
                || has(Flag::UnauthorizedSafePlace)
            {
                say(
                    Suggestion::Uphold,
                    "The delivery was far from the address, unproven, or in a place not allowed.",
                )
            } else {
                say(
                    Suggestion::Review,
                    "The delivery has no PIN; look at the photos.",
                )
            }
        }
        Reason::WrongPlace | Reason::Thrown => {
            if has(Flag::UnauthorizedSafePlace) || has(Flag::NoPhoto) || has(Flag::FarFromAddress) {
                say(
                    Suggestion::Uphold,
                    "The parcel was left where the customer did not allow, or without proof.",
                )
            } else {
                say(Suggestion::Review, "Look at the placement photos.")
            }
        }
        _ => say(
            Suggestion::Review,
            "The evidence does not settle this kind of claim.",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(outcome: Outcome, flags: &[Flag], independent: Independent) -> Option<Record<'_>> {
        Some(Record {
            outcome,
            flags,
            independent,
        })
    }

    const NONE: Independent = Independent {
        pin_verified: false,
        answered_contact: false,
        matching_photo: false,
    };
    const ANSWERED: Independent = Independent {
        answered_contact: true,
        ..NONE
    };
    const PHOTO: Independent = Independent {
        matching_photo: true,
        ..NONE
    };
    const PIN: Independent = Independent {
        pin_verified: true,
        ..NONE
    };

    #[test]
    fn false_not_home_is_upheld_and_honest_attempts_rejected_only_with_independent_evidence() {
        let flagged = [Flag::FarFromAddress, Flag::AbsentWithoutContact];
        assert_eq!(
            suggest(Reason::WasHome, rec(Outcome::Failed, &flagged, ANSWERED)).0,
            Suggestion::Uphold,
            "the driver's record against the driver settles it"
        );
        // A call the driver logged as answered, a photo whose EXIF the driver's phone wrote:
        // the driver's own records, not independent evidence (issue 24).
        let (s, why) = suggest(Reason::WasHome, rec(Outcome::Failed, &[], ANSWERED));
        assert_eq!(s, Suggestion::Review);
        assert!(
            why.contains("answered") && why.contains("own records"),
            "{why}"
        );
        let (s, why) = suggest(Reason::WasHome, rec(Outcome::Failed, &[], PHOTO));
        assert_eq!(s, Suggestion::Review);
        assert!(why.contains("EXIF"), "{why}");
        assert_eq!(
            suggest(
                Reason::NotCalled,
                rec(Outcome::Failed, &[Flag::Late], ANSWERED)
            )
            .0,
            Suggestion::Review
        );
        assert_eq!(suggest(Reason::WasHome, None).0, Suggestion::Review);
    }

    #[test]
    fn the_drivers_own_record_alone_never_rejects_a_claim() {
        // Verified (GPS at the door, an unanswered call, an intercom note): all the driver's.
        let (s, why) = suggest(Reason::WasHome, rec(Outcome::Failed, &[], NONE));
        assert_eq!(s, Suggestion::Review);
        assert!(why.starts_with("Only the driver's own record"), "{why}");
        // "Not called" is answered by a call the customer picked up, not by a photo.
        let (s, why) = suggest(Reason::NotCalled, rec(Outcome::Failed, &[], PHOTO));
        assert_eq!(s, Suggestion::Review, "{why}");
        assert_eq!(
            suggest(Reason::NotCalled, rec(Outcome::Failed, &[], ANSWERED)).0,
            Suggestion::Review,
            "the driver logged the answer"
        );
        // A delivery without the PIN is never rejected on the driver's word.
        assert_eq!(
            suggest(Reason::NotReceived, rec(Outcome::Delivered, &[], PHOTO)).0,
            Suggestion::Review
        );
    }

    #[test]
    fn deliveries() {
        assert_eq!(
            suggest(Reason::NotReceived, rec(Outcome::Delivered, &[], PIN)).0,
            Suggestion::Reject
        );
        assert_eq!(
            suggest(
                Reason::NotReceived,
                rec(Outcome::Delivered, &[Flag::NoPhoto], NONE)
            )
            .0,
            Suggestion::Uphold
        );
        assert_eq!(
            suggest(
                Reason::Thrown,
                rec(Outcome::Delivered, &[Flag::UnauthorizedSafePlace], NONE)
            )
            .0,
            Suggestion::Uphold
        );
        assert_eq!(
            suggest(Reason::Damaged, rec(Outcome::Delivered, &[], PIN)).0,
            Suggestion::Review
        );
        assert_eq!(Reason::parse("was_home"), Some(Reason::WasHome));
    }

    #[test]
    fn independent_evidence_is_an_answered_contact_before_or_a_photo_that_matches() {
        let t = |h: u32, m: u32| {
            chrono::NaiveDate::from_ymd_opt(2026, 5, 2)
                .unwrap()
                .and_hms_opt(h, m, 0)
                .unwrap()
        };
        let home = (48.8606, 2.3376);
        let v = Visit {
            driver_id: "drv",
            occurred_at: t(10, 0),
            received_at: t(10, 1),
            pin_verified: false,
            address: Some(home),
            radius_m: 150.0,
        };
        let call = |driver, answered, at, logged| ContactFact {
            driver_id: driver,
            answered,
            occurred_at: at,
            created_at: logged,
        };
        assert_eq!(independent(&v, &[], &[]), NONE);
        let ok = call("drv", true, t(9, 45), t(9, 45));
        assert!(independent(&v, &[ok], &[]).answered_contact);
        for not_it in [
            call("drv", false, t(9, 45), t(9, 45)),  // no answer
            call("other", true, t(9, 45), t(9, 45)), // another driver
            call("drv", true, t(9, 20), t(9, 20)),   // over 30 min before
            call("drv", true, t(10, 5), t(10, 5)),   // after the attempt
            call("drv", true, t(9, 45), t(11, 0)),   // logged after the attempt arrived
        ] {
            assert!(
                !independent(&v, &[not_it], &[]).answered_contact,
                "{not_it:?}"
            );
        }

        let north = |m: f64| (home.0 + m / 111_195.0, home.1);
        let photo = |at, place| PhotoFacts {
            taken_at: Some(at),
            location: Some(place),
        };
        assert!(independent(&v, &[], &[photo(t(10, 2), north(40.0))]).matching_photo);
        for not_it in [
            photo(t(10, 2), north(400.0)), // elsewhere
            photo(t(9, 30), north(40.0)),  // half an hour before
            PhotoFacts {
                taken_at: None,
                location: Some(home),
            }, // no EXIF time
            PhotoFacts {
                taken_at: Some(t(10, 0)),
                location: None,
            }, // no EXIF place
        ] {
            assert!(
                !independent(&v, &[], &[not_it]).matching_photo,
                "{not_it:?}"
            );
        }
        let erased = Visit { address: None, ..v };
        assert!(
            !independent(&erased, &[], &[photo(t(10, 0), home)]).matching_photo,
            "no address to compare with"
        );
        let pin = Visit {
            pin_verified: true,
            ..v
        };
        assert_eq!(independent(&pin, &[], &[]), PIN);
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
