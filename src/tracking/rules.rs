//! What a customer may choose through the link, and what the link says about custody. Pure: a
//! new delivery window must be one a courier can honour — not years ahead, not a minute long,
//! not the tenth change in a row — or a customer could force "late" and "early" flags on the
//! courier; a hand-off is told as waiting until its receiver accepts.

pub use crate::window::{
    MAX_AHEAD_DAYS, MAX_WINDOW_HOURS, MIN_WINDOW_MINUTES, NOTICE_HOURS, window_errors,
};
use chrono::NaiveDateTime;
use serde_json::Value;

use crate::custody::rules::HandoffTarget;
use crate::status::Status;

/// Times a customer may reschedule one parcel.
pub const MAX_RESCHEDULES: usize = 3;

/// A hand-off waiting for its receiver, as the timeline tells it.
#[derive(Debug, Clone, PartialEq)]
pub struct Waiting {
    pub handoff_id: String,
    pub to: HandoffTarget,
    pub to_org_id: String,
    pub requested_at: NaiveDateTime,
    /// A custody gap was reported on it (not accepted in time).
    pub custody_gap: bool,
}

/// Custody as the customer's link tells it, from the shipment's timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct CustodyStory {
    /// The courier accepted the parcel at some point (until then it is not named as carrier).
    pub courier_accepted: bool,
    /// The hand-off waiting for its receiver (none once the shipment is final).
    pub waiting: Option<Waiting>,
    /// Who last confirmed holding the parcel (the marketplace until a hand-off was accepted;
    /// a driver's acceptance counts for their courier) and when.
    pub last_confirmed: (String, NaiveDateTime),
}

/// Fold the timeline — `(kind, data, at)`, oldest first — into what the link says about
/// custody: a hand-off waits from `handoff.requested` until `handoff.accepted` or
/// `handoff.rejected` (or the shipment ends); `custody.gap` marks it overdue.
pub fn custody_story(
    events: &[(&str, &Value, NaiveDateTime)],
    marketplace_id: &str,
    created_at: NaiveDateTime,
    status: Status,
) -> CustodyStory {
    let text = |d: &Value, k: &str| {
        d.get(k)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    let mut story = CustodyStory {
        courier_accepted: false,
        waiting: None,
        last_confirmed: (marketplace_id.to_owned(), created_at),
    };
    for (kind, data, at) in events {
        let id = text(data, "handoff_id");
        let this = story
            .waiting
            .as_ref()
            .filter(|w| w.handoff_id == id)
            .cloned();
        match *kind {
            "handoff.requested" => {
                story.waiting = Some(Waiting {
                    handoff_id: id,
                    to: HandoffTarget::parse(&text(data, "to")).unwrap_or(HandoffTarget::Courier),
                    to_org_id: text(data, "to_org_id"),
                    requested_at: *at,
                    custody_gap: false,
                });
            }
            "handoff.accepted" => {
                if let Some(w) = this {
                    story.last_confirmed = (w.to_org_id, *at);
                    story.waiting = None;
                }
                story.courier_accepted |= text(data, "to") == HandoffTarget::Courier.as_str();
            }
            "handoff.rejected" if this.is_some() => story.waiting = None,
            "custody.gap" => {
                if let Some(w) = story.waiting.as_mut().filter(|w| w.handoff_id == id) {
                    w.custody_gap = true;
                }
            }
            _ => {}
        }
    }
    if status.is_final() {
        story.waiting = None;
    }
    story
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    #[test]
    fn the_link_tells_a_hand_off_as_waiting_until_accepted() {
        let t = |h: u32, m: u32| {
            chrono::NaiveDate::from_ymd_opt(2026, 12, 2)
                .unwrap()
                .and_hms_opt(h, m, 0)
                .unwrap()
        };
        let req = |id: &str, to: &str, org: &str| serde_json::json!({"handoff_id": id, "to": to, "to_org_id": org});
        let (r1, a1) = (
            req("h1", "supplier", "sup"),
            serde_json::json!({"handoff_id": "h1", "to": "supplier"}),
        );
        let r2 = req("h2", "courier", "cou");
        let gap = serde_json::json!({"handoff_id": "h2"});
        let other_gap = serde_json::json!({"handoff_id": "h1"});
        let created = serde_json::json!({});
        let mut events = vec![
            ("shipment.created", &created, t(8, 0)),
            ("handoff.requested", &r1, t(9, 0)),
        ];
        let s = custody_story(&events, "mkt", t(8, 0), Status::Created);
        assert_eq!(
            s.waiting.as_ref().map(|w| w.to_org_id.as_str()),
            Some("sup")
        );
        assert_eq!(s.last_confirmed, ("mkt".to_owned(), t(8, 0)));
        events.push(("handoff.accepted", &a1, t(10, 2)));
        events.push(("handoff.requested", &r2, t(11, 0)));
        events.push(("custody.gap", &other_gap, t(11, 30)));
        let s = custody_story(&events, "mkt", t(8, 0), Status::AtSupplier);
        let w = s.waiting.clone().unwrap();
        assert_eq!(
            (w.to, w.requested_at, w.custody_gap),
            (HandoffTarget::Courier, t(11, 0), false)
        );
        assert_eq!(s.last_confirmed, ("sup".to_owned(), t(10, 2)));
        assert!(
            !s.courier_accepted,
            "the carrier is not named before it accepts"
        );
        events.push(("custody.gap", &gap, t(12, 0)));
        let s = custody_story(&events, "mkt", t(8, 0), Status::AtSupplier);
        assert!(s.waiting.as_ref().unwrap().custody_gap);
        assert_eq!(
            custody_story(&events, "mkt", t(8, 0), Status::Lost).waiting,
            None,
            "a final shipment waits for nothing"
        );
        let a2 = serde_json::json!({"handoff_id": "h2", "to": "courier"});
        events.push(("handoff.accepted", &a2, t(13, 0)));
        let s = custody_story(&events, "mkt", t(8, 0), Status::WithCourier);
        assert!(s.courier_accepted && s.waiting.is_none());
        assert_eq!(s.last_confirmed, ("cou".to_owned(), t(13, 0)));
        let rejected = serde_json::json!({"handoff_id": "h3"});
        let r3 = req("h3", "driver", "cou");
        events.push(("handoff.requested", &r3, t(14, 0)));
        events.push(("handoff.rejected", &rejected, t(14, 5)));
        assert_eq!(
            custody_story(&events, "mkt", t(8, 0), Status::WithCourier).waiting,
            None
        );
    }

    fn fields(start: NaiveDateTime, end: NaiveDateTime, now: NaiveDateTime) -> Vec<String> {
        window_errors(start, end, now, MAX_AHEAD_DAYS)
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
            ["window.start"]
        );
        let far = now + Duration::days(MAX_AHEAD_DAYS);
        assert!(fields(far, far + Duration::hours(2), now).is_empty());
        assert_eq!(
            fields(far + Duration::seconds(1), far + Duration::hours(2), now),
            ["window.start"]
        );
        let year_9999 = chrono::NaiveDate::from_ymd_opt(9999, 1, 1)
            .unwrap()
            .and_hms_opt(8, 0, 0)
            .unwrap();
        assert_eq!(
            fields(year_9999, year_9999 + Duration::hours(2), now),
            ["window.start"]
        );
        assert_eq!(
            fields(start, start + Duration::seconds(1), now),
            ["window.end"],
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
            ["window.end"]
        );
        assert_eq!(fields(start, start, now), ["window.end"]);
    }
}
