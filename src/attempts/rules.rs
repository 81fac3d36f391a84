//! The verdict on a delivery attempt (DESIGN §7): pure, computed by the server, never by the
//! driver's app. An attempt with no flags is verified.

use chrono::{Duration, NaiveDateTime};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A GPS fix less precise than this is not evidence of where the driver was.
pub const LOW_ACCURACY_M: f64 = 100.0;
/// "Recipient absent" needs a contact attempt within this long before it.
pub const CONTACT_LOOKBACK_MIN: i64 = 30;
/// Device clock ahead of the server by more than this is skew (beyond `MAX_FUTURE_SKEW` refused).
pub const CLOCK_SKEW_SECS: i64 = 60;
pub const MAX_FUTURE_SKEW_SECS: i64 = 300;
/// A GPS fix taken this long before or after the attempt is not about the attempt.
pub const GPS_STALE_MIN: i64 = 10;
/// Offline attempts are accepted this long after they happened.
pub const MAX_OFFLINE_HOURS: i64 = 72;
/// A photo taken this long before the attempt does not show it.
pub const PHOTO_STALE_MIN: i64 = 60;
/// An app that comes back online sends its queue within this long; a sighting of the driver
/// online earlier than that, yet after the claimed time (plus the grace), means backdating.
pub const OFFLINE_FLUSH_SECS: i64 = 300;
pub const BACKDATE_GRACE_SECS: i64 = 120;
/// Photos one attempt may carry (each is a chained event and a re-judgement).
pub const MAX_PHOTOS_PER_ATTEMPT: usize = 10;
/// A handover PIN is reset at most this often per parcel, this long apart.
pub const MAX_PIN_RESETS: usize = 2;
pub const PIN_RESET_GAP_MIN: i64 = 30;

pub use crate::geo::haversine_m;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Delivered,
    Failed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum FailureReason {
    RecipientAbsent,
    NoAccess,
    Refused,
    AddressNotFound,
    Unsafe,
    Damaged,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Placement {
    HandedToRecipient,
    FrontDoor,
    Mailbox,
    Neighbour,
    SafePlace,
    Reception,
}

macro_rules! snake_names {
    ($t:ty { $($v:ident => $s:literal),* $(,)? }) => {
        impl $t {
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$v => $s),* }
            }
            pub fn parse(s: &str) -> Option<Self> {
                match s { $($s => Some(Self::$v),)* _ => None }
            }
        }
    };
}

snake_names!(Outcome { Delivered => "delivered", Failed => "failed" });
snake_names!(FailureReason {
    RecipientAbsent => "recipient_absent", NoAccess => "no_access", Refused => "refused",
    AddressNotFound => "address_not_found", Unsafe => "unsafe", Damaged => "damaged", Other => "other",
});
snake_names!(Placement {
    HandedToRecipient => "handed_to_recipient", FrontDoor => "front_door", Mailbox => "mailbox",
    Neighbour => "neighbour", SafePlace => "safe_place", Reception => "reception",
});

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Flag {
    FarFromAddress,
    LowGpsAccuracy,
    NoGps,
    EarlyWithoutConsent,
    Late,
    AbsentWithoutContact,
    AbsentWithoutProof,
    UnauthorizedSafePlace,
    NoPhoto,
    ClockSkew,
    PhotoMismatch,
    Backdated,
}

snake_names!(Flag {
    FarFromAddress => "far_from_address", LowGpsAccuracy => "low_gps_accuracy", NoGps => "no_gps",
    EarlyWithoutConsent => "early_without_consent", Late => "late",
    AbsentWithoutContact => "absent_without_contact", AbsentWithoutProof => "absent_without_proof",
    UnauthorizedSafePlace => "unauthorized_safe_place", NoPhoto => "no_photo",
    ClockSkew => "clock_skew", PhotoMismatch => "photo_mismatch", Backdated => "backdated",
});

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Gps {
    pub lat: f64,
    pub lon: f64,
    pub accuracy_m: f64,
    pub captured_at: NaiveDateTime,
}

/// What a photo says about where and when it was taken (from its EXIF data).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PhotoFacts {
    pub taken_at: Option<NaiveDateTime>,
    pub location: Option<(f64, f64)>,
}

/// Everything the verdict looks at.
#[derive(Debug, Clone)]
pub struct AttemptEvidence {
    pub outcome: Outcome,
    pub failure_reason: Option<FailureReason>,
    pub placement: Option<Placement>,
    pub gps: Option<Gps>,
    /// The recipient's coordinates, when the marketplace gave them.
    pub address: Option<(f64, f64)>,
    pub radius_m: f64,
    /// Device time of the attempt and server time of receipt.
    pub occurred_at: NaiveDateTime,
    pub received_at: NaiveDateTime,
    pub window_start: NaiveDateTime,
    pub window_end: NaiveDateTime,
    pub window_firm: bool,
    pub early_consent: bool,
    /// Times of the driver's contact attempts for this shipment.
    pub contact_times: Vec<NaiveDateTime>,
    pub photos: Vec<PhotoFacts>,
    pub intercom_note: bool,
    pub safe_place_allowed: bool,
    /// The driver was seen online after the claimed time, long before sending (see [`backdated`]).
    pub backdated: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub flags: Vec<Flag>,
    pub distance_m: Option<f64>,
}

impl Verdict {
    pub fn verified(&self) -> bool {
        self.flags.is_empty()
    }
}

pub fn verdict(f: &AttemptEvidence) -> Verdict {
    let mut flags = Vec::new();
    let distance_m = f
        .gps
        .zip(f.address)
        .map(|(g, addr)| haversine_m((g.lat, g.lon), addr));
    match f.gps {
        None => flags.push(Flag::NoGps),
        Some(g) => {
            if distance_m.is_some_and(|d| d > f.radius_m) {
                flags.push(Flag::FarFromAddress);
            }
            if g.accuracy_m > LOW_ACCURACY_M {
                flags.push(Flag::LowGpsAccuracy);
            }
        }
    }
    if f.window_firm && f.occurred_at < f.window_start && !f.early_consent {
        flags.push(Flag::EarlyWithoutConsent);
    }
    if f.occurred_at > f.window_end {
        flags.push(Flag::Late);
    }
    let absent =
        f.outcome == Outcome::Failed && f.failure_reason == Some(FailureReason::RecipientAbsent);
    if absent {
        let since = f.occurred_at - Duration::minutes(CONTACT_LOOKBACK_MIN);
        if !f
            .contact_times
            .iter()
            .any(|t| *t >= since && *t <= f.occurred_at)
        {
            flags.push(Flag::AbsentWithoutContact);
        }
        if f.photos.is_empty() && !f.intercom_note {
            flags.push(Flag::AbsentWithoutProof);
        }
    }
    if f.outcome == Outcome::Delivered {
        if f.placement == Some(Placement::SafePlace) && !f.safe_place_allowed {
            flags.push(Flag::UnauthorizedSafePlace);
        }
        if f.placement != Some(Placement::HandedToRecipient) && f.photos.is_empty() {
            flags.push(Flag::NoPhoto);
        }
    }
    let ahead = (f.occurred_at - f.received_at).num_seconds();
    let gps_off = f
        .gps
        .is_some_and(|g| (g.captured_at - f.occurred_at).num_seconds().abs() > GPS_STALE_MIN * 60);
    if ahead > CLOCK_SKEW_SECS || gps_off {
        flags.push(Flag::ClockSkew);
    }
    let photo_off = f.photos.iter().any(|p| {
        let far = p
            .location
            .zip(f.address)
            .is_some_and(|(at, addr)| haversine_m(at, addr) > f.radius_m);
        let stale = p
            .taken_at
            .is_some_and(|t| (f.occurred_at - t).num_seconds() > PHOTO_STALE_MIN * 60);
        far || stale
    });
    if photo_off {
        flags.push(Flag::PhotoMismatch);
    }
    if f.backdated {
        flags.push(Flag::Backdated);
    }
    Verdict { flags, distance_m }
}

/// The window in which a sighting of the driver online proves an attempt was not queued
/// offline: after the claimed time (plus a grace for the last seconds of signal) and before
/// the app's queue flush that delivered it. `None` when the send was prompt.
pub fn backdating_window(
    occurred_at: NaiveDateTime,
    received_at: NaiveDateTime,
) -> Option<(NaiveDateTime, NaiveDateTime)> {
    let from = occurred_at + Duration::seconds(BACKDATE_GRACE_SECS);
    let to = received_at - Duration::seconds(OFFLINE_FLUSH_SECS);
    (from < to).then_some((from, to))
}

/// Whether a reset of the handover PIN is allowed after the earlier ones (`resets`, in
/// order): rare, and never in a quick loop that would let its reader guess PIN after PIN.
/// `Err((seconds to wait or 0 for never, why))`.
pub fn may_reset_pin(resets: &[NaiveDateTime], now: NaiveDateTime) -> Result<(), (u64, String)> {
    if resets.len() >= MAX_PIN_RESETS {
        return Err((
            0,
            format!(
                "the PIN was already reset {MAX_PIN_RESETS} times; the customer's PIN stands: hand the parcel over with it or record a failed attempt"
            ),
        ));
    }
    if let Some(last) = resets.last() {
        let next = *last + Duration::minutes(PIN_RESET_GAP_MIN);
        if now < next {
            let wait = (next - now).num_seconds().max(1) as u64;
            return Err((
                wait,
                format!(
                    "the PIN can be reset again {PIN_RESET_GAP_MIN} minutes after its last reset"
                ),
            ));
        }
    }
    Ok(())
}

/// A server-stamped fact an attempt's claimed time cannot precede.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Before {
    /// The shipment did not exist yet.
    ShipmentCreated,
    /// The driver did not hold the parcel yet (their hand-off was accepted later).
    CustodyBegan,
    /// The previous attempt on the shipment was later.
    PreviousAttempt,
}

impl Before {
    fn what(self) -> &'static str {
        match self {
            Before::ShipmentCreated => "the shipment was created",
            Before::CustodyBegan => "the driver accepted the parcel (the hand-off to them)",
            Before::PreviousAttempt => "the previous attempt on this shipment",
        }
    }
}

/// The latest server-stamped fact the claimed time contradicts (with a device-clock grace of
/// `CLOCK_SKEW_SECS`): such a claim is refused, never judged verified or on time.
pub fn contradicted(
    occurred_at: NaiveDateTime,
    facts: &[(Before, Option<NaiveDateTime>)],
) -> Option<(Before, NaiveDateTime)> {
    let grace = Duration::seconds(CLOCK_SKEW_SECS);
    facts
        .iter()
        .filter_map(|(b, t)| t.map(|t| (*b, t)))
        .filter(|(_, t)| occurred_at < *t - grace)
        .max_by_key(|(_, t)| *t)
}

/// The 422 message for [`contradicted`].
pub fn contradiction(before: Before, at: NaiveDateTime) -> String {
    format!(
        "is before {} at {}Z: an attempt cannot have happened before that",
        before.what(),
        at.format("%Y-%m-%dT%H:%M:%S")
    )
}

/// Why a new attempt is refused outright (422), before any verdict.
pub fn check_times(occurred_at: NaiveDateTime, now: NaiveDateTime) -> Option<&'static str> {
    if (occurred_at - now).num_seconds() > MAX_FUTURE_SKEW_SECS {
        Some("is in the future; check the device clock")
    } else if (now - occurred_at).num_hours() >= MAX_OFFLINE_HOURS {
        Some("is more than 72 hours ago")
    } else {
        None
    }
}

/// Distances the way people say them: "80 m", "2.4 km".
pub fn human_distance(m: f64) -> String {
    if m < 1000.0 {
        format!("{} m", m.round() as i64)
    } else {
        format!("{:.1} km", m / 1000.0)
    }
}

/// One sentence per flag, the same for every party and for the customer.
pub fn sentence(flag: Flag, distance_m: Option<f64>, radius_m: f64) -> String {
    match flag {
        Flag::FarFromAddress => format!(
            "Driver was {} from the address (allowed: {}).",
            human_distance(distance_m.unwrap_or_default()),
            human_distance(radius_m)
        ),
        Flag::LowGpsAccuracy => {
            "The driver's GPS position was too imprecise to prove where they were.".to_owned()
        }
        Flag::NoGps => "No GPS position was recorded.".to_owned(),
        Flag::EarlyWithoutConsent => {
            "The attempt came before the promised window, without the customer's consent."
                .to_owned()
        }
        Flag::Late => "The attempt came after the promised window.".to_owned(),
        Flag::AbsentWithoutContact => {
            "Recorded as 'not home' with no call, message or ring in the 30 minutes before."
                .to_owned()
        }
        Flag::AbsentWithoutProof => {
            "Recorded as 'not home' without a photo or an intercom note.".to_owned()
        }
        Flag::UnauthorizedSafePlace => "Left in a place the customer did not allow.".to_owned(),
        Flag::NoPhoto => "Left unattended without a photo.".to_owned(),
        Flag::ClockSkew => "The driver's device clock did not match the server's.".to_owned(),
        Flag::PhotoMismatch => {
            "A photo was taken far from the address or long before the attempt.".to_owned()
        }
        Flag::Backdated => {
            "Sent long after the time it claims, while the driver's app was online in between."
                .to_owned()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap()
    }

    const HOME: (f64, f64) = (48.8606, 2.3376);

    /// An honest delivery: at the door, in the window, handed over.
    fn honest() -> AttemptEvidence {
        AttemptEvidence {
            outcome: Outcome::Delivered,
            failure_reason: None,
            placement: Some(Placement::HandedToRecipient),
            gps: Some(Gps {
                lat: HOME.0,
                lon: HOME.1,
                accuracy_m: 8.0,
                captured_at: t("2026-05-02 09:59:50"),
            }),
            address: Some(HOME),
            radius_m: 150.0,
            occurred_at: t("2026-05-02 10:00:00"),
            received_at: t("2026-05-02 10:00:02"),
            window_start: t("2026-05-02 08:00:00"),
            window_end: t("2026-05-02 14:00:00"),
            window_firm: true,
            early_consent: false,
            contact_times: vec![],
            photos: vec![],
            intercom_note: false,
            safe_place_allowed: false,
            backdated: false,
        }
    }

    fn absent() -> AttemptEvidence {
        AttemptEvidence {
            outcome: Outcome::Failed,
            failure_reason: Some(FailureReason::RecipientAbsent),
            placement: None,
            contact_times: vec![t("2026-05-02 09:50:00")],
            intercom_note: true,
            ..honest()
        }
    }

    fn flags(f: &AttemptEvidence) -> Vec<Flag> {
        verdict(f).flags
    }

    /// A point `m` metres north of HOME.
    fn north(m: f64) -> (f64, f64) {
        (HOME.0 + m / 111_195.0, HOME.1)
    }

    #[test]
    fn haversine_is_right() {
        assert!(haversine_m(HOME, HOME) < 1e-6);
        // Paris → London ≈ 343.5 km.
        let d = haversine_m((48.8566, 2.3522), (51.5074, -0.1278));
        assert!((d - 343_500.0).abs() < 1_000.0, "{d}");
        assert!((haversine_m(HOME, north(150.0)) - 150.0).abs() < 0.5);
        assert!(
            (haversine_m((0.0, 179.9), (0.0, -179.9)) - 22_239.0).abs() < 10.0,
            "across the antimeridian"
        );
    }

    #[test]
    fn honest_attempts_are_verified() {
        let v = verdict(&honest());
        assert!(v.verified(), "{:?}", v.flags);
        assert!(v.distance_m.unwrap() < 1.0);
        assert!(
            verdict(&absent()).verified(),
            "{:?}",
            verdict(&absent()).flags
        );
    }

    #[test]
    fn far_from_address_at_the_radius_boundary() {
        let mut f = honest();
        let (lat, lon) = north(149.0);
        f.gps = Some(Gps {
            lat,
            lon,
            ..f.gps.unwrap()
        });
        assert!(!flags(&f).contains(&Flag::FarFromAddress));
        let (lat, lon) = north(151.0);
        f.gps = Some(Gps {
            lat,
            lon,
            ..f.gps.unwrap()
        });
        assert_eq!(flags(&f), [Flag::FarFromAddress]);
        f.radius_m = 200.0;
        assert!(flags(&f).is_empty(), "the contract's radius applies");
        f.address = None;
        assert!(flags(&f).is_empty(), "no coordinates, no distance");
        assert_eq!(verdict(&f).distance_m, None);
    }

    #[test]
    fn gps_presence_and_accuracy() {
        let mut f = honest();
        f.gps = None;
        assert_eq!(flags(&f), [Flag::NoGps]);
        let mut f = honest();
        f.gps = Some(Gps {
            accuracy_m: LOW_ACCURACY_M,
            ..f.gps.unwrap()
        });
        assert!(flags(&f).is_empty(), "100 m is still acceptable");
        f.gps = Some(Gps {
            accuracy_m: LOW_ACCURACY_M + 0.1,
            ..f.gps.unwrap()
        });
        assert_eq!(flags(&f), [Flag::LowGpsAccuracy]);
    }

    #[test]
    fn window_early_and_late() {
        let mut f = honest();
        f.occurred_at = t("2026-05-02 07:59:59");
        f.gps = Some(Gps {
            captured_at: f.occurred_at,
            ..f.gps.unwrap()
        });
        f.received_at = f.occurred_at;
        assert_eq!(flags(&f), [Flag::EarlyWithoutConsent]);
        f.early_consent = true;
        assert!(flags(&f).is_empty(), "the customer agreed");
        f.early_consent = false;
        f.window_firm = false;
        assert!(flags(&f).is_empty(), "an estimate is no promise");
        let mut f = honest();
        f.occurred_at = t("2026-05-02 08:00:00");
        f.gps = Some(Gps {
            captured_at: f.occurred_at,
            ..f.gps.unwrap()
        });
        assert!(flags(&f).is_empty(), "the window start itself is on time");
        f.occurred_at = t("2026-05-02 14:00:00");
        f.received_at = f.occurred_at;
        f.gps = Some(Gps {
            captured_at: f.occurred_at,
            ..f.gps.unwrap()
        });
        assert!(flags(&f).is_empty(), "the window end itself is on time");
        f.occurred_at = t("2026-05-02 14:00:01");
        assert_eq!(flags(&f), [Flag::Late]);
    }

    #[test]
    fn not_home_needs_a_contact_attempt_in_the_30_minutes_before() {
        let mut f = absent();
        f.contact_times = vec![t("2026-05-02 09:30:00")];
        assert!(flags(&f).is_empty(), "exactly 30 minutes before counts");
        f.contact_times = vec![t("2026-05-02 09:29:59")];
        assert_eq!(flags(&f), [Flag::AbsentWithoutContact]);
        f.contact_times = vec![t("2026-05-02 10:00:01")];
        assert_eq!(
            flags(&f),
            [Flag::AbsentWithoutContact],
            "a call after does not count"
        );
        f.contact_times = vec![];
        f.failure_reason = Some(FailureReason::NoAccess);
        assert!(
            flags(&f).is_empty(),
            "only 'recipient absent' needs the call"
        );
    }

    #[test]
    fn not_home_needs_proof() {
        let mut f = absent();
        f.intercom_note = false;
        assert_eq!(flags(&f), [Flag::AbsentWithoutProof]);
        f.photos = vec![PhotoFacts {
            taken_at: None,
            location: None,
        }];
        assert!(flags(&f).is_empty(), "a photo is proof");
    }

    #[test]
    fn unattended_deliveries() {
        let mut f = honest();
        f.placement = Some(Placement::FrontDoor);
        assert_eq!(flags(&f), [Flag::NoPhoto]);
        f.photos = vec![PhotoFacts {
            taken_at: Some(t("2026-05-02 10:00:05")),
            location: Some(HOME),
        }];
        assert!(flags(&f).is_empty());
        f.placement = Some(Placement::SafePlace);
        assert_eq!(flags(&f), [Flag::UnauthorizedSafePlace]);
        f.safe_place_allowed = true;
        assert!(flags(&f).is_empty());
    }

    #[test]
    fn clock_skew() {
        let mut f = honest();
        f.received_at = f.occurred_at - Duration::seconds(CLOCK_SKEW_SECS);
        assert!(flags(&f).is_empty(), "60 s ahead is tolerated");
        f.received_at = f.occurred_at - Duration::seconds(CLOCK_SKEW_SECS + 1);
        assert_eq!(flags(&f), [Flag::ClockSkew]);
        let mut f = honest();
        f.received_at = f.occurred_at + Duration::hours(48);
        assert!(flags(&f).is_empty(), "sent late from offline is fine");
        f.gps = Some(Gps {
            captured_at: f.occurred_at - Duration::minutes(11),
            ..f.gps.unwrap()
        });
        assert_eq!(flags(&f), [Flag::ClockSkew], "a stale GPS fix");
    }

    #[test]
    fn photo_mismatch() {
        let mut f = honest();
        f.photos = vec![PhotoFacts {
            taken_at: Some(t("2026-05-02 08:59:59")),
            location: None,
        }];
        assert_eq!(
            flags(&f),
            [Flag::PhotoMismatch],
            "taken over an hour before"
        );
        f.photos = vec![PhotoFacts {
            taken_at: Some(t("2026-05-02 09:00:00")),
            location: Some(north(3000.0)),
        }];
        assert_eq!(flags(&f), [Flag::PhotoMismatch], "taken 3 km away");
        f.photos = vec![PhotoFacts {
            taken_at: Some(t("2026-05-02 09:00:00")),
            location: Some(north(100.0)),
        }];
        assert!(flags(&f).is_empty());
    }

    #[test]
    fn times_refused_outright() {
        let now = t("2026-05-02 10:00:00");
        assert_eq!(check_times(now + Duration::seconds(300), now), None);
        assert!(check_times(now + Duration::seconds(301), now).is_some());
        assert_eq!(check_times(now - Duration::hours(71), now), None);
        assert!(check_times(now - Duration::hours(72), now).is_some());
    }

    #[test]
    fn a_claim_before_a_server_stamped_fact_is_contradicted() {
        let t = |m: i64| {
            chrono::DateTime::from_timestamp(1_800_000_000 + m * 60, 0)
                .unwrap()
                .naive_utc()
        };
        let facts = [
            (Before::ShipmentCreated, Some(t(0))),
            (Before::CustodyBegan, Some(t(60))),
            (Before::PreviousAttempt, None),
        ];
        assert_eq!(contradicted(t(61), &facts), None);
        assert_eq!(
            contradicted(t(30), &facts),
            Some((Before::CustodyBegan, t(60)))
        );
        assert_eq!(
            contradicted(t(-10), &facts),
            Some((Before::CustodyBegan, t(60))),
            "the latest fact contradicted is named"
        );
        let created_only = [(Before::ShipmentCreated, Some(t(0)))];
        assert_eq!(
            contradicted(t(-10), &created_only),
            Some((Before::ShipmentCreated, t(0)))
        );
        // A device clock a few seconds behind is not a contradiction.
        let just = t(60) - Duration::seconds(CLOCK_SKEW_SECS);
        assert_eq!(contradicted(just, &facts), None);
        assert!(contradicted(just - Duration::seconds(1), &facts).is_some());
        let msg = contradiction(Before::CustodyBegan, t(60));
        assert!(msg.contains("accepted the parcel"), "{msg}");
    }

    #[test]
    fn backdating_needs_a_sighting_between_the_claim_and_the_flush() {
        let occ = t("2026-05-02 11:00:00");
        assert_eq!(
            backdating_window(occ, occ + Duration::seconds(30)),
            None,
            "sent at once"
        );
        assert_eq!(
            backdating_window(
                occ,
                occ + Duration::seconds(BACKDATE_GRACE_SECS + OFFLINE_FLUSH_SECS)
            ),
            None,
            "no room between grace and flush"
        );
        let (from, to) = backdating_window(occ, t("2026-05-02 14:00:00")).unwrap();
        assert_eq!(from, t("2026-05-02 11:02:00"));
        assert_eq!(to, t("2026-05-02 13:55:00"));
        let mut f = honest();
        f.backdated = true;
        assert_eq!(flags(&f), [Flag::Backdated], "never verified");
    }

    #[test]
    fn pin_resets_are_rare_and_spaced() {
        let now = t("2026-05-02 10:00:00");
        assert!(may_reset_pin(&[], now).is_ok());
        let first = now - Duration::minutes(PIN_RESET_GAP_MIN) + Duration::seconds(10);
        assert_eq!(may_reset_pin(&[first], now).unwrap_err().0, 10);
        assert!(may_reset_pin(&[now - Duration::minutes(PIN_RESET_GAP_MIN)], now).is_ok());
        let two = [now - Duration::hours(3), now - Duration::hours(2)];
        assert_eq!(may_reset_pin(&two, now).unwrap_err().0, 0, "never again");
    }

    #[test]
    fn sentences_say_what_happened() {
        assert_eq!(
            sentence(Flag::FarFromAddress, Some(2400.0), 150.0),
            "Driver was 2.4 km from the address (allowed: 150 m)."
        );
        assert_eq!(human_distance(80.4), "80 m");
        for flag in [Flag::NoGps, Flag::Late, Flag::NoPhoto, Flag::ClockSkew] {
            assert!(sentence(flag, None, 150.0).ends_with('.'));
            assert_eq!(Flag::parse(flag.as_str()), Some(flag));
        }
    }
}
