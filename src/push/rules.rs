//! Which timeline events reach a driver's phone, whom, and what the push says. Pure: no I/O.
//!
//! A push names the moment and the shipment, never the customer's contact data: "the
//! customer changed their phone number" and the shipment id; the app reads the shipment
//! (where the driver may see the number) to learn the new one.

use serde_json::{Value, json};

/// The moments pushed to a driver.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Moment {
    /// A hand-off to the driver waits for their acceptance.
    HandoffWaiting,
    /// The customer changed the phone number, access notes or delivery preferences.
    ContactChanged,
    /// The customer moved the delivery window (or chose the re-delivery window).
    WindowChanged,
    /// The customer agreed to an early delivery.
    EarlyConsent,
    /// The customer disputes the driver's delivery attempt.
    DisputeOpened,
}

/// Who gets the push.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recipient {
    /// This driver (user id).
    Driver(String),
    /// The driver who made this delivery attempt (attempt id).
    AttemptDriver(String),
}

/// Contact fields a driver works with (e-mail is not one: the driver calls or rings).
const DRIVER_FIELDS: [(&str, &str); 3] = [
    ("phone", "phone number"),
    ("access_notes", "access notes"),
    ("preferences", "delivery preferences"),
];

fn str_field<'a>(data: &'a Value, key: &str) -> Option<&'a str> {
    data.get(key)
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
}

/// The contact fields of a `shipment.contact_updated` event the driver is told of.
fn driver_fields(data: &Value) -> Vec<&'static str> {
    let touched: Vec<&str> = data
        .get("fields")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    DRIVER_FIELDS
        .iter()
        .filter(|(f, _)| touched.contains(f))
        .map(|(f, _)| *f)
        .collect()
}

/// Whether the event of `kind` (with its `data`) is pushed, and to whom; `assigned` is the
/// shipment's driver after the change.
pub fn pushed(kind: &str, data: &Value, assigned: Option<&str>) -> Option<(Moment, Recipient)> {
    let assigned = || assigned.map(|d| Recipient::Driver(d.to_owned()));
    match kind {
        "handoff.requested" if str_field(data, "to") == Some("driver") => Some((
            Moment::HandoffWaiting,
            Recipient::Driver(str_field(data, "to_driver_id")?.to_owned()),
        )),
        "shipment.contact_updated" if !driver_fields(data).is_empty() => {
            Some((Moment::ContactChanged, assigned()?))
        }
        "shipment.rescheduled" | "redelivery.chosen" => Some((Moment::WindowChanged, assigned()?)),
        "shipment.early_consent" => Some((Moment::EarlyConsent, assigned()?)),
        "dispute.opened" => Some((
            Moment::DisputeOpened,
            Recipient::AttemptDriver(str_field(data, "attempt_id")?.to_owned()),
        )),
        _ => None,
    }
}

/// Whether any event kind of `kinds` may be pushed (a cheap test before reading anything).
pub fn may_push(kind: &str) -> bool {
    matches!(
        kind,
        "handoff.requested"
            | "shipment.contact_updated"
            | "shipment.rescheduled"
            | "redelivery.chosen"
            | "shipment.early_consent"
            | "dispute.opened"
    )
}

fn listed(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The short text of a push (English: shipments carry no language yet).
pub fn text(moment: Moment, kind: &str, data: &Value, reference: &str) -> String {
    match moment {
        Moment::HandoffWaiting => {
            format!("Parcel {reference} is being handed to you: accept it in the app.")
        }
        Moment::ContactChanged => {
            let fields = driver_fields(data);
            let names: Vec<&str> = DRIVER_FIELDS
                .iter()
                .filter(|(f, _)| fields.contains(f))
                .map(|(_, n)| *n)
                .collect();
            format!(
                "The customer of parcel {reference} changed their {}.",
                listed(&names)
            )
        }
        Moment::WindowChanged if kind == "redelivery.chosen" => {
            format!("The customer of parcel {reference} chose the re-delivery window.")
        }
        Moment::WindowChanged => {
            format!("The customer of parcel {reference} moved the delivery window.")
        }
        Moment::EarlyConsent => {
            format!("The customer of parcel {reference} agrees to an early delivery.")
        }
        Moment::DisputeOpened => {
            format!("The customer of parcel {reference} disputes your delivery attempt.")
        }
    }
}

/// The push's JSON: the event's id (the app drops a duplicate by it), kind, shipment id and
/// reference, the short text, and the ids or field names the app needs to fetch the rest.
pub fn payload(
    moment: Moment,
    event_id: &str,
    kind: &str,
    data: &Value,
    shipment_id: &str,
    reference: &str,
) -> Value {
    let mut p = json!({
        "event_id": event_id,
        "kind": kind,
        "shipment_id": shipment_id,
        "reference": reference,
        "text": text(moment, kind, data, reference),
    });
    let extra = match moment {
        Moment::HandoffWaiting => json!({"handoff_id": data.get("handoff_id")}),
        Moment::ContactChanged => json!({"fields": driver_fields(data)}),
        Moment::WindowChanged => json!({"window": data.get("window").or(data.get("new_window"))}),
        Moment::EarlyConsent => json!({}),
        Moment::DisputeOpened => {
            json!({"dispute_id": data.get("dispute_id"), "attempt_id": data.get("attempt_id")})
        }
    };
    if let (Some(p), Some(extra)) = (p.as_object_mut(), extra.as_object()) {
        for (k, v) in extra {
            p.insert(k.clone(), v.clone());
        }
    }
    p
}

/// How long a push service keeps a push for a phone that is offline (the `TTL` header): past
/// a working day the moment is stale.
pub const TTL_SECS: u64 = 12 * 3600;

/// Tries before a push is given up (it is given up at its TTL anyway).
pub const MAX_TRIES: i32 = 8;

/// What a push service's answer means for the push and its subscription.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Delivered,
    /// The subscription is gone (404, 410): remove it and its pushes.
    Gone,
    /// Try again later (429, 5xx, no answer).
    Retry,
    /// The push is refused as it is (400, 401/403 — the VAPID key does not match —, 413):
    /// give it up.
    Refused,
}

pub fn answer(status: Option<u16>) -> Answer {
    match status {
        Some(200..=299) => Answer::Delivered,
        Some(404 | 410) => Answer::Gone,
        Some(408 | 425 | 429) | Some(500..) | None => Answer::Retry,
        Some(_) => Answer::Refused,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn to(d: &str) -> Recipient {
        Recipient::Driver(d.to_owned())
    }

    #[test]
    fn hand_offs_to_a_driver_push_to_that_driver_not_the_holder() {
        let data = json!({"handoff_id": "hof_1", "to": "driver", "to_driver_id": "usr_new"});
        assert_eq!(
            pushed("handoff.requested", &data, Some("usr_old")),
            Some((Moment::HandoffWaiting, to("usr_new")))
        );
        let courier = json!({"handoff_id": "hof_1", "to": "courier", "to_driver_id": null});
        assert_eq!(pushed("handoff.requested", &courier, Some("usr_old")), None);
        // Accepting or refusing is the driver's own act: nothing to tell them.
        assert_eq!(pushed("handoff.accepted", &data, Some("usr_new")), None);
    }

    #[test]
    fn contact_changes_push_only_the_fields_a_driver_uses() {
        let phone = json!({"fields": ["phone"]});
        assert_eq!(
            pushed("shipment.contact_updated", &phone, Some("usr_d")),
            Some((Moment::ContactChanged, to("usr_d")))
        );
        let email = json!({"fields": ["email"]});
        assert_eq!(
            pushed("shipment.contact_updated", &email, Some("usr_d")),
            None
        );
        // No driver yet: nobody to tell.
        assert_eq!(pushed("shipment.contact_updated", &phone, None), None);
        let t = text(
            Moment::ContactChanged,
            "shipment.contact_updated",
            &json!({"fields": ["email", "access_notes", "phone"]}),
            "R-1",
        );
        assert_eq!(
            t,
            "The customer of parcel R-1 changed their phone number and access notes."
        );
    }

    #[test]
    fn window_consent_and_disputes() {
        for k in ["shipment.rescheduled", "redelivery.chosen"] {
            assert_eq!(
                pushed(k, &json!({}), Some("usr_d")),
                Some((Moment::WindowChanged, to("usr_d")))
            );
        }
        assert_eq!(
            pushed("shipment.early_consent", &json!({}), Some("usr_d")),
            Some((Moment::EarlyConsent, to("usr_d")))
        );
        // A dispute goes to whoever made the attempt, not to the shipment's current driver.
        assert_eq!(
            pushed(
                "dispute.opened",
                &json!({"attempt_id": "att_1"}),
                Some("usr_d")
            ),
            Some((
                Moment::DisputeOpened,
                Recipient::AttemptDriver("att_1".to_owned())
            ))
        );
        assert_eq!(
            pushed("dispute.opened", &json!({"attempt_id": null}), Some("u")),
            None
        );
        for k in [
            "attempt.recorded",
            "shipment.created",
            "contact_attempt.recorded",
            "attempt.photo_added",
            "shipment.out_for_delivery",
            "handoff.accepted",
        ] {
            assert_eq!(pushed(k, &json!({"fields": ["phone"]}), Some("u")), None);
            assert!(!may_push(k), "{k}");
        }
    }

    #[test]
    fn every_pushed_kind_passes_the_cheap_test() {
        let data = json!({"to": "driver", "to_driver_id": "u", "fields": ["phone"],
            "attempt_id": "a"});
        for k in [
            "handoff.requested",
            "shipment.contact_updated",
            "shipment.rescheduled",
            "redelivery.chosen",
            "shipment.early_consent",
            "dispute.opened",
        ] {
            assert!(pushed(k, &data, Some("u")).is_some(), "{k}");
            assert!(may_push(k), "{k}");
        }
    }

    #[test]
    fn the_payload_carries_no_contact_values() {
        let p = payload(
            Moment::ContactChanged,
            "evt_1",
            "shipment.contact_updated",
            &json!({"fields": ["phone"]}),
            "shp_1",
            "R-1",
        );
        assert_eq!(p["fields"], json!(["phone"]));
        assert_eq!(p["shipment_id"], "shp_1");
        assert_eq!(p["event_id"], "evt_1");
        assert!(!p.to_string().contains('+'), "{p}");
    }

    #[test]
    fn answers() {
        assert_eq!(answer(Some(201)), Answer::Delivered);
        assert_eq!(answer(Some(410)), Answer::Gone);
        assert_eq!(answer(Some(404)), Answer::Gone);
        assert_eq!(answer(Some(429)), Answer::Retry);
        assert_eq!(answer(Some(503)), Answer::Retry);
        assert_eq!(answer(None), Answer::Retry);
        assert_eq!(answer(Some(403)), Answer::Refused);
        assert_eq!(answer(Some(413)), Answer::Refused);
    }
}
