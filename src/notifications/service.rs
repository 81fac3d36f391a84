//! The customer's use cases on their messages: switching channels on or off through the door.

use chrono::NaiveDateTime;

use super::model::NotificationChoice;
use super::rules::{Channel, Channels};
use super::store;
use crate::db::Conn;
use crate::error::{ApiError, ApiResult};
use crate::shipments::service::{self as door, Change, Locked, Patch};
use crate::shipments::store::By;

/// The customer switches channels on or off (honoured at once: messages already queued on a
/// channel switched off are given up). `configured`: the channels the server sends on.
pub fn apply_choice(
    c: &mut Conn,
    locked: &mut Locked,
    choice: &NotificationChoice,
    configured: Channels,
    link: Option<String>,
    now: NaiveDateTime,
) -> ApiResult<()> {
    let ship = &locked.ship;
    if ship.contact_erased_at.is_some() {
        return Err(ApiError::Conflict("the contact data was erased".to_owned()));
    }
    // The courier contract's channels bound what the customer may switch on.
    let offered = match &ship.courier_id {
        Some(courier) => crate::contracts::store::between(c, &ship.marketplace_id, courier)?
            .map_or(configured, |ct| {
                configured.and(crate::contracts::model::channels_of(&ct))
            }),
        None => configured,
    };
    let available = Channels::at_creation(
        offered,
        ship.recipient_email.is_some(),
        ship.recipient_phone.is_some(),
    );
    let before = Channels::decode(ship.notify_channels.as_deref());
    let after = before.choose(choice.email, choice.sms, available);
    if after == before {
        return Ok(());
    }
    let link = ship.notify_link.clone().or(link);
    let off: Vec<&str> = [(Channel::Email, after.email), (Channel::Sms, after.sms)]
        .into_iter()
        .filter(|(_, on)| !on)
        .map(|(ch, _)| ch.as_str())
        .collect();
    store::give_up_channels(c, &ship.id, &off)?;
    let change = Change::new(By::Customer, now)
        .patch(Patch::NotifyChannels(after.encode()))
        .patch(Patch::NotifyLink(link));
    door::apply(c, locked, change)?;
    Ok(())
}
