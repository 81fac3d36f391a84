//! What the one door appends to the outbox for a change: one message per moment and channel,
//! in the shipment's language and local time, written with the change (one multi-row insert;
//! no statement when the shipment's customer hears on no channel).

use chrono::NaiveDateTime;
use diesel::QueryResult;

use super::model::NotificationRow;
use super::rules::{self, Channel, Channels, Moment};
use super::store;
use crate::db::Conn;
use crate::shipments::model::{EventRow, ShipmentRow};
use crate::shipments::rules::Status;
use crate::tracking::i18n::{Lang, Shape, local};

/// The language of a shipment's messages: English (shipments carry no language yet).
pub fn lang_of(_ship: &ShipmentRow) -> Lang {
    Lang::En
}

/// The subject and body of `moment`'s message (the body ends with how to opt out).
pub fn texts(ship: &ShipmentRow, moment: Moment, at: NaiveDateTime, l: Lang) -> (String, String) {
    let tz = crate::timezone::zone(&ship.time_zone);
    let link = ship.notify_link.clone().unwrap_or_default();
    let shown = match moment {
        Moment::Delivered => format!("{link}#rating"),
        _ => link.clone(),
    };
    let when = |t: NaiveDateTime| local(t.and_utc(), tz, l, Shape::DayAndTime);
    let (start, end, time) = (when(ship.window_start), when(ship.window_end), when(at));
    let args = [
        ("reference", ship.reference.as_str()),
        ("link", shown.as_str()),
        ("start", start.as_str()),
        ("end", end.as_str()),
        ("time", time.as_str()),
    ];
    let key = moment.key();
    let subject = l.f(&format!("msg.{key}.subject"), &args);
    let body = format!(
        "{}\n\n{}",
        l.f(&format!("msg.{key}.body"), &args),
        l.f("msg.optout", &[("link", link.as_str())])
    );
    (subject, body)
}

/// Append the messages `events` (this change's, from `from` to `to`) tell.
pub fn queue(
    c: &mut Conn,
    ship: &ShipmentRow,
    from: Status,
    to: Status,
    events: &[EventRow],
    at: NaiveDateTime,
) -> QueryResult<()> {
    let channels = Channels::decode(ship.notify_channels.as_deref());
    if channels.is_empty() || ship.notify_link.is_none() || ship.contact_erased_at.is_some() {
        return Ok(());
    }
    let kinds: Vec<&str> = events.iter().map(|e| e.kind.as_str()).collect();
    let early = rules::starts_early(at, ship.window_start, ship.window_firm)
        && ship.early_consent_at.is_none();
    let l = lang_of(ship);
    let tz = crate::timezone::zone(&ship.time_zone);
    let driver_out = from == Status::OutForDelivery || to == Status::OutForDelivery;
    let mut rows = Vec::new();
    for moment in rules::moments(from, to, &kinds, early) {
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
                Channel::Sms => {
                    let local_now = crate::timezone::to_local(at.and_utc(), tz);
                    let ok = rules::sms_not_before(local_now, driver_out);
                    let utc = crate::timezone::from_local(ok, tz)
                        .map(|t| t.naive_utc())
                        .unwrap_or(at + (ok - local_now));
                    (ship.recipient_phone.clone(), utc.max(at))
                }
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
    store::insert_many(c, &rows)
}

/// The customer switches channels on or off (honoured at once: messages already queued on a
/// channel switched off are given up). `configured`: the channels the server sends on.
pub fn apply_choice(
    c: &mut Conn,
    locked: &mut crate::shipments::service::Locked,
    choice: &super::model::NotificationChoice,
    configured: Channels,
    link: Option<String>,
    now: NaiveDateTime,
) -> crate::error::ApiResult<()> {
    use crate::db::schema::{notifications, shipments};
    use diesel::prelude::*;
    let ship = &locked.ship;
    if ship.contact_erased_at.is_some() {
        return Err(crate::error::ApiError::Conflict(
            "the contact data was erased".to_owned(),
        ));
    }
    let available = Channels::at_creation(
        configured,
        ship.recipient_email.is_some(),
        ship.recipient_phone.is_some(),
    );
    let before = Channels::decode(ship.notify_channels.as_deref());
    let after = before.choose(choice.email, choice.sms, available);
    if after == before {
        return Ok(());
    }
    let link = ship.notify_link.clone().or(link);
    diesel::update(shipments::table.find(&ship.id))
        .set((
            shipments::notify_channels.eq(after.encode()),
            shipments::notify_link.eq(&link),
        ))
        .execute(c)?;
    let off: Vec<&str> = [(Channel::Email, after.email), (Channel::Sms, after.sms)]
        .into_iter()
        .filter(|(_, on)| !on)
        .map(|(ch, _)| ch.as_str())
        .collect();
    diesel::update(
        notifications::table
            .filter(notifications::shipment_id.eq(&ship.id))
            .filter(notifications::status.eq_any(["pending", "failed"]))
            .filter(notifications::channel.eq_any(off)),
    )
    .set((
        notifications::status.eq("dead"),
        notifications::last_error.eq("switched off by the customer"),
    ))
    .execute(c)?;
    locked.ship.notify_channels = after.encode();
    locked.ship.notify_link = link;
    let change = crate::shipments::service::Change::new(crate::shipments::store::By::Customer, now)
        .touched();
    crate::shipments::service::apply(c, locked, change)?;
    Ok(())
}

/// The link messages carry, after the token was rotated.
pub fn set_link(c: &mut Conn, id: &str, url: &str) -> QueryResult<()> {
    use crate::db::schema::shipments;
    use diesel::prelude::*;
    diesel::update(shipments::table.find(id))
        .set(shipments::notify_link.eq(url))
        .execute(c)
        .map(|_| ())
}
