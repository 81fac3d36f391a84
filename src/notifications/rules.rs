//! The pure rules of customer messages: which moments of a change are told, on which channels,
//! quiet hours for SMS, the per-shipment cap, and the customer's opt-out.

use chrono::{Duration, NaiveDateTime, NaiveTime, Timelike};

pub use crate::channels::{Channel, Channels};
use crate::status::Status;

/// Messages sent to one shipment's customer at most, over all channels; later ones are dropped
/// (status `dead`, "cap reached").
pub const DEFAULT_CAP: u32 = 12;
/// Tries before a message is given up (also given up 72 h after it was queued).
pub const MAX_TRIES: i32 = 8;

/// A moment the customer is told about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Moment {
    /// The shipment exists: here is the tracking link.
    Created,
    /// The driver is on the way; `early`: before a firm window, so the customer is asked
    /// whether an earlier visit is fine.
    OutForDelivery {
        early: bool,
    },
    AttemptFailed,
    Delivered,
    Lost,
    DisputeResolved,
    /// A hand-off was not accepted in time: the parcel is between two parties, unconfirmed.
    CustodyGap,
    /// The driver's ETA moved beyond the contract's tolerance ([`eta_moved`]).
    EtaChanged,
}

impl Moment {
    /// The catalogue key of its texts (`msg.{key}.subject`, `msg.{key}.body`).
    pub fn key(self) -> &'static str {
        match self {
            Moment::Created => "created",
            Moment::OutForDelivery { early: false } => "out_for_delivery",
            Moment::OutForDelivery { early: true } => "out_for_delivery.early",
            Moment::AttemptFailed => "attempt_failed",
            Moment::Delivered => "delivered",
            Moment::Lost => "lost",
            Moment::DisputeResolved => "dispute_resolved",
            Moment::EtaChanged => "eta_changed",
            Moment::CustodyGap => "custody_gap",
        }
    }

    /// The event kind whose id is its dedupe key.
    pub fn event_kind(self) -> &'static str {
        match self {
            Moment::Created => "shipment.created",
            Moment::OutForDelivery { .. } => "shipment.out_for_delivery",
            Moment::AttemptFailed => "shipment.attempt_failed",
            Moment::Delivered => "shipment.delivered",
            Moment::Lost => "shipment.lost",
            Moment::DisputeResolved => "dispute.resolved",
            Moment::EtaChanged => "shipment.eta",
            Moment::CustodyGap => "custody.gap",
        }
    }
}

/// The moments one change tells: from its status move and the kinds of its events. `early`:
/// the driver started before the promised firm window's start.
pub fn moments(from: Status, to: Status, kinds: &[&str], early: bool) -> Vec<Moment> {
    let mut out = Vec::new();
    if kinds.contains(&"shipment.created") {
        out.push(Moment::Created);
    }
    // The status the change ended in, by its last status event: a re-attempt on a failed
    // parcel moves attempt_failed → out_for_delivery → attempt_failed in one change, so its
    // first and last status are the same and only the events tell the customer's news.
    let last_move = kinds.iter().rev().find_map(|k| match *k {
        "shipment.out_for_delivery" => Some(Status::OutForDelivery),
        "shipment.attempt_failed" => Some(Status::AttemptFailed),
        "shipment.delivered" => Some(Status::Delivered),
        "shipment.lost" => Some(Status::Lost),
        _ => None,
    });
    match last_move.or((to != from).then_some(to)) {
        Some(Status::OutForDelivery) => out.push(Moment::OutForDelivery { early }),
        Some(Status::AttemptFailed) => out.push(Moment::AttemptFailed),
        Some(Status::Delivered) => out.push(Moment::Delivered),
        Some(Status::Lost) => out.push(Moment::Lost),
        _ => {}
    }
    if kinds.contains(&"dispute.resolved") {
        out.push(Moment::DisputeResolved);
    }
    if kinds.contains(&"custody.gap") {
        out.push(Moment::CustodyGap);
    }
    out
}

/// Whether a driver's new ETA is news for the customer: it moved more than `tolerance` from
/// the one they were told, or (the first ETA) it lies more than `tolerance` outside the
/// promised window.
pub fn eta_moved(
    previous: Option<NaiveDateTime>,
    eta: NaiveDateTime,
    window: (NaiveDateTime, NaiveDateTime),
    tolerance: Duration,
) -> bool {
    match previous {
        Some(p) => (eta - p).abs() > tolerance,
        None => eta < window.0 - tolerance || eta > window.1 + tolerance,
    }
}

/// Whether the driver starts before the promised window: only a firm window is a promise.
pub fn starts_early(at: NaiveDateTime, window_start: NaiveDateTime, firm: bool) -> bool {
    firm && at < window_start
}

const QUIET_FROM: u32 = 21;
const QUIET_UNTIL: u32 = 8;

/// When an SMS may go at the earliest, in local time: `now_local` outside quiet hours
/// (21:00–08:00), else the next 08:00 — except on the delivery day while the driver is out
/// (`driver_out`), when it goes at once.
pub fn sms_not_before(now_local: NaiveDateTime, driver_out: bool) -> NaiveDateTime {
    let h = now_local.hour();
    let quiet = !(QUIET_UNTIL..QUIET_FROM).contains(&h);
    if !quiet || driver_out {
        return now_local;
    }
    let eight = NaiveTime::from_hms_opt(QUIET_UNTIL, 0, 0).unwrap_or_default();
    let day = if h >= QUIET_FROM {
        now_local.date() + Duration::days(1)
    } else {
        now_local.date()
    };
    day.and_time(eight)
}

/// When an SMS due at `at` (UTC) may go, in UTC: [`sms_not_before`] in the shipment's zone.
/// Used when it is queued and again when a failed try is rescheduled (a retry does not wake
/// the customer either).
pub fn sms_due(at: NaiveDateTime, tz: chrono_tz::Tz, driver_out: bool) -> NaiveDateTime {
    let local_at = crate::timezone::to_local(at.and_utc(), tz);
    let ok = sms_not_before(local_at, driver_out);
    crate::timezone::from_local(ok, tz)
        .map(|t| t.naive_utc())
        .unwrap_or(at + (ok - local_at))
        .max(at)
}

/// Whether one more message may be sent to a shipment's customer who was sent `sent` already.
pub fn within_cap(sent: i64, cap: u32) -> bool {
    sent < i64::from(cap)
}

/// The budget a message counts against: what the customer needs to act on (the link, a
/// failed visit and its new day, a dispute's outcome, a loss) never waits behind news (an ETA,
/// "on the way", "delivered", a custody gap), which has the per-shipment cap to itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Budget {
    Actionable,
    Informational,
}

/// The event kinds of the messages a customer needs to act on.
pub const ACTIONABLE_KINDS: [&str; 4] = [
    "shipment.created",
    "shipment.attempt_failed",
    "dispute.resolved",
    "shipment.lost",
];

pub fn budget_of(event_kind: &str) -> Budget {
    if ACTIONABLE_KINDS.contains(&event_kind) {
        Budget::Actionable
    } else {
        Budget::Informational
    }
}

/// A changed ETA is told at most this often per shipment and channel; the latest wins.
pub const ETA_EVERY_MIN: i64 = 30;

/// What to do with an ETA message now, given the shipment's other ETA messages on its channel
/// (id, sent at; ids are time-ordered).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EtaTurn {
    Send,
    /// A later ETA replaces it.
    Superseded,
    /// One was sent less than [`ETA_EVERY_MIN`] ago: wait until then.
    HoldUntil(NaiveDateTime),
}

pub fn eta_turn(
    id: &str,
    others: &[(String, Option<NaiveDateTime>)],
    now: NaiveDateTime,
) -> EtaTurn {
    if others
        .iter()
        .any(|(o, sent)| o.as_str() > id && sent.is_none())
    {
        return EtaTurn::Superseded;
    }
    let last = others.iter().filter_map(|(_, sent)| *sent).max();
    match last.map(|t| t + Duration::minutes(ETA_EVERY_MIN)) {
        Some(next) if next > now => EtaTurn::HoldUntil(next),
        _ => EtaTurn::Send,
    }
}

/// Messages one e-mail address or phone number receives in 24 hours, whatever the shipment:
/// a batch of parcels for one address cannot flood an inbox.
pub const DEFAULT_PER_RECIPIENT_PER_DAY: u32 = 30;

/// A shipment's reference as messages may carry it: a plain order number (letters, digits,
/// `-_./#`, at most 32 characters); anything else — text, a link, line breaks someone put in
/// a reference — is not repeated to the customer.
pub fn safe_reference(reference: &str) -> Option<&str> {
    let ok = !reference.is_empty()
        && reference.len() <= 32
        && reference
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./#".contains(c));
    ok.then_some(reference)
}

/// What happens to a message whose try failed: retried at `next`, or given up (`None`) after
/// [`MAX_TRIES`] tries or past its deadline.
pub fn retry_at(tries: i32, next: NaiveDateTime, deadline: NaiveDateTime) -> Option<NaiveDateTime> {
    (tries < MAX_TRIES && next <= deadline).then_some(next)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(d: u32, h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 5, d)
            .unwrap()
            .and_hms_opt(h, m, 0)
            .unwrap()
    }

    #[test]
    fn channels_round_trip_and_honour_the_customer() {
        let both = Channels {
            email: true,
            sms: true,
        };
        assert_eq!(both.encode().as_deref(), Some("email,sms"));
        assert_eq!(Channels::decode(Some("email,sms")), both);
        assert_eq!(Channels::decode(None), Channels::default());
        assert_eq!(Channels::default().encode(), None);
        let email_only = Channels::at_creation(both, true, false);
        assert_eq!(email_only.list(), vec![Channel::Email]);
        // Opting out is honoured; opting in only where the channel is available.
        let off = both.choose(Some(false), None, both);
        assert_eq!(off.list(), vec![Channel::Sms]);
        let on = off.choose(Some(true), Some(true), email_only);
        assert_eq!(on.list(), vec![Channel::Email]);
        assert!(both.choose(Some(false), Some(false), both).is_empty());
    }

    #[test]
    fn moments_follow_the_change() {
        use Status::*;
        assert_eq!(
            moments(Created, Created, &["shipment.created"], false),
            vec![Moment::Created]
        );
        assert_eq!(
            moments(
                WithCourier,
                OutForDelivery,
                &["shipment.out_for_delivery"],
                true
            ),
            vec![Moment::OutForDelivery { early: true }]
        );
        assert_eq!(
            moments(OutForDelivery, AttemptFailed, &[], false),
            vec![Moment::AttemptFailed]
        );
        assert_eq!(
            moments(OutForDelivery, Delivered, &[], false),
            vec![Moment::Delivered]
        );
        assert_eq!(moments(WithCourier, Lost, &[], false), vec![Moment::Lost]);
        assert_eq!(
            moments(Delivered, Delivered, &["dispute.resolved"], false),
            vec![Moment::DisputeResolved]
        );
        assert_eq!(
            moments(AtSupplier, AtSupplier, &["custody.gap"], false),
            vec![Moment::CustodyGap]
        );
        // No move, no moment: a contact attempt, an ETA, a photo tell nothing.
        assert!(
            moments(
                OutForDelivery,
                OutForDelivery,
                &["attempt.photo_added"],
                false
            )
            .is_empty()
        );
        assert!(moments(Created, AtSupplier, &[], false).is_empty());
        // A re-attempt that fails again: same status before and after, the failure is news.
        let again = [
            "shipment.out_for_delivery",
            "attempt.recorded",
            "shipment.attempt_failed",
        ];
        assert_eq!(
            moments(AttemptFailed, AttemptFailed, &again, false),
            vec![Moment::AttemptFailed]
        );
    }

    #[test]
    fn an_eta_is_news_beyond_the_tolerance() {
        let tol = Duration::minutes(30);
        let window = (at(2, 10, 0), at(2, 12, 0));
        // First ETA: inside the window (or within the tolerance of it) is no news.
        assert!(!eta_moved(None, at(2, 11, 0), window, tol));
        assert!(!eta_moved(None, at(2, 12, 30), window, tol));
        assert!(eta_moved(None, at(2, 12, 31), window, tol));
        assert!(eta_moved(None, at(2, 9, 29), window, tol));
        // Later ETAs: against the one before, both ways.
        assert!(!eta_moved(Some(at(2, 11, 0)), at(2, 11, 30), window, tol));
        assert!(eta_moved(Some(at(2, 11, 0)), at(2, 11, 31), window, tol));
        assert!(eta_moved(Some(at(2, 11, 0)), at(2, 10, 29), window, tol));
        assert!(eta_moved(
            Some(at(2, 11, 0)),
            at(2, 11, 1),
            window,
            Duration::zero()
        ));
    }

    #[test]
    fn only_a_firm_window_makes_an_early_start() {
        assert!(starts_early(at(1, 9, 0), at(3, 14, 0), true));
        assert!(!starts_early(at(1, 9, 0), at(3, 14, 0), false));
        assert!(!starts_early(at(3, 14, 30), at(3, 14, 0), true));
    }

    #[test]
    fn quiet_hours_hold_sms_until_eight_except_while_the_driver_is_out() {
        // Daytime: at once.
        assert_eq!(sms_not_before(at(2, 8, 0), false), at(2, 8, 0));
        assert_eq!(sms_not_before(at(2, 20, 59), false), at(2, 20, 59));
        // Evening: the next morning; night: this morning.
        assert_eq!(sms_not_before(at(2, 21, 0), false), at(3, 8, 0));
        assert_eq!(sms_not_before(at(2, 23, 30), false), at(3, 8, 0));
        assert_eq!(sms_not_before(at(3, 0, 10), false), at(3, 8, 0));
        assert_eq!(sms_not_before(at(3, 7, 59), false), at(3, 8, 0));
        // The driver is on the way: the customer hears it now.
        assert_eq!(sms_not_before(at(2, 21, 30), true), at(2, 21, 30));
    }

    #[test]
    fn sms_due_reads_quiet_hours_in_the_shipments_zone() {
        let paris: chrono_tz::Tz = "Europe/Paris".parse().unwrap();
        // 20:30 UTC in May is 22:30 in Paris: held until 08:00 Paris, 06:00 UTC.
        assert_eq!(sms_due(at(2, 20, 30), paris, false), at(3, 6, 0));
        assert_eq!(sms_due(at(2, 20, 30), paris, true), at(2, 20, 30));
        // 12:00 UTC is daytime there: at once.
        assert_eq!(sms_due(at(2, 12, 0), paris, false), at(2, 12, 0));
    }

    #[test]
    fn actionable_messages_have_their_own_budget() {
        assert_eq!(budget_of("shipment.attempt_failed"), Budget::Actionable);
        assert_eq!(budget_of("dispute.resolved"), Budget::Actionable);
        assert_eq!(budget_of("shipment.eta"), Budget::Informational);
        assert_eq!(
            budget_of("shipment.out_for_delivery"),
            Budget::Informational
        );
    }

    #[test]
    fn an_eta_is_told_once_per_half_hour_and_the_latest_wins() {
        let now = at(6, 12, 0);
        let sent = |m: i64| Some(now - Duration::minutes(m));
        assert_eq!(eta_turn("b", &[], now), EtaTurn::Send);
        assert_eq!(
            eta_turn("b", &[("c".to_owned(), None)], now),
            EtaTurn::Superseded
        );
        assert_eq!(
            eta_turn("b", &[("a".to_owned(), sent(10))], now),
            EtaTurn::HoldUntil(now + Duration::minutes(20))
        );
        assert_eq!(
            eta_turn("b", &[("a".to_owned(), sent(31))], now),
            EtaTurn::Send
        );
        // A later one already sent does not supersede (it was told; this one is newer news
        // only if it is later, which ids say it is not).
        assert_eq!(
            eta_turn("b", &[("c".to_owned(), sent(40))], now),
            EtaTurn::Send
        );
    }

    #[test]
    fn references_in_messages_are_plain_order_numbers() {
        assert_eq!(safe_reference("ORD-2026/0042"), Some("ORD-2026/0042"));
        assert_eq!(safe_reference("PAY FEE AT https://evil.example"), None);
        assert_eq!(safe_reference("A\r\nSubject: x"), None);
        assert_eq!(safe_reference(&"9".repeat(33)), None);
        assert_eq!(safe_reference(""), None);
    }

    #[test]
    fn cap_and_retries_end() {
        assert!(within_cap(11, DEFAULT_CAP));
        assert!(!within_cap(12, DEFAULT_CAP));
        let deadline = at(5, 0, 0);
        assert_eq!(retry_at(1, at(2, 0, 0), deadline), Some(at(2, 0, 0)));
        assert_eq!(retry_at(MAX_TRIES, at(2, 0, 0), deadline), None);
        assert_eq!(retry_at(1, at(6, 0, 0), deadline), None);
    }
}
