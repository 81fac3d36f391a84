//! What the one door appends to the outbox for a change: one message per moment and channel,
//! in the shipment's language and local time, written with the change (one multi-row insert;
//! no statement when the shipment's customer hears on no channel).

use chrono::NaiveDateTime;

use super::model::NotificationRow;
use super::rules::{self, Channel, Channels, Moment};
use crate::i18n::{Lang, Shape, local};
use crate::shipments::model::{EventRow, ShipmentRow};
use crate::status::Status;

/// The language of a shipment's messages: the one it was created with.
pub fn lang_of(ship: &ShipmentRow) -> Lang {
    Lang::of_code(&ship.language)
}

/// Where a message's tracking link goes: stored texts carry this mark, never the link (a
/// working capability to the customer's data); the sender opens the shipment's sealed link
/// and puts it in at send time (`sender::with_link`).
pub const LINK_MARK: &str = "[[doorstep:link]]";

/// The subject and body of `moment`'s message (the body ends with how to opt out), with
/// [`LINK_MARK`] where the link goes.
pub fn texts(ship: &ShipmentRow, moment: Moment, at: NaiveDateTime, l: Lang) -> (String, String) {
    let tz = crate::timezone::zone(&ship.time_zone);
    let link = LINK_MARK.to_owned();
    let shown = match moment {
        Moment::Delivered => format!("{link}#rating"),
        _ => link.clone(),
    };
    let when = |t: NaiveDateTime| local(t.and_utc(), tz, l, Shape::DayAndTime);
    let time = when(at);
    let eta = ship.eta_at.map(when).unwrap_or_default();
    let promised = crate::i18n::window(
        ship.window_start.and_utc(),
        ship.window_end.and_utc(),
        tz,
        l,
    );
    let args = [
        // A reference someone filled with text or a link is not repeated to the customer.
        (
            "reference",
            rules::safe_reference(&ship.reference).unwrap_or(ship.id.as_str()),
        ),
        ("link", shown.as_str()),
        ("window", promised.as_str()),
        ("time", time.as_str()),
        ("eta", eta.as_str()),
    ];
    // A loss between two parties (a hand-off never accepted) is told as what it is.
    let in_transit = moment == Moment::Lost
        && crate::custody::rules::Loss::decode(ship.loss.as_deref())
            .is_some_and(|loss| loss.in_transit.is_some());
    let key = if in_transit {
        "lost.in_transit"
    } else {
        moment.key()
    };
    let subject = l.f(&format!("msg.{key}.subject"), &args);
    let body = format!(
        "{}\n\n{}",
        l.f(&format!("msg.{key}.body"), &args),
        l.f("msg.optout", &[("link", link.as_str())])
    );
    (subject, body)
}

/// The messages `events` (this change's, from `from` to `to`) tell, to append: the one door
/// inserts those of its changes at once (`store::insert_many`).
pub fn messages(
    ship: &ShipmentRow,
    from: Status,
    to: Status,
    events: &[EventRow],
    at: NaiveDateTime,
) -> Vec<NotificationRow> {
    let channels = Channels::decode(ship.notify_channels.as_deref());
    if channels.is_empty() || ship.notify_link.is_none() || ship.contact_erased_at.is_some() {
        return Vec::new();
    }
    let kinds: Vec<&str> = events.iter().map(|e| e.kind.as_str()).collect();
    let early = rules::starts_early(at, ship.window_start, ship.window_firm)
        && ship.early_consent_at.is_none();
    let l = lang_of(ship);
    let tz = crate::timezone::zone(&ship.time_zone);
    // A re-attempt moves attempt_failed → out_for_delivery → attempt_failed in one change: the
    // driver was out for it too.
    let driver_out = from == Status::OutForDelivery
        || to == Status::OutForDelivery
        || kinds.contains(&"shipment.out_for_delivery");
    let mut rows = Vec::new();
    let mut told = rules::moments(from, to, &kinds, early);
    // The ETA event says whether it moved beyond the contract's tolerance (set_eta knows).
    let eta_news = events.iter().any(|e| {
        e.kind == "shipment.eta"
            && serde_json::from_str::<serde_json::Value>(&e.data)
                .is_ok_and(|d| d["beyond_tolerance"] == serde_json::Value::Bool(true))
    });
    if eta_news {
        told.push(Moment::EtaChanged);
    }
    for moment in told {
        let Some(event) = events
            .iter()
            .find(|e| e.kind == moment.event_kind())
            .or_else(|| events.last())
        else {
            continue;
        };
        let (subject, body) = texts(ship, moment, at, l);
        for channel in channels.list() {
            let (recipient, next_try_at) = match channel {
                Channel::Email => (ship.recipient_email.clone(), at),
                Channel::Sms => (
                    ship.recipient_phone.clone(),
                    rules::sms_due(at, tz, driver_out),
                ),
            };
            let Some(recipient) = recipient else {
                continue;
            };
            rows.push(NotificationRow {
                id: crate::ids::new_id("ntf"),
                shipment_id: ship.id.clone(),
                event_id: event.id.clone(),
                channel: channel.as_str().to_owned(),
                recipient: Some(recipient),
                subject: Some(subject.clone()),
                body: Some(body.clone()),
                lang: l.code().to_owned(),
                status: "pending".to_owned(),
                tries: 0,
                next_try_at,
                locked_until: None,
                last_error: None,
                created_at: at,
                sent_at: None,
            });
        }
    }
    rows
}
