//! Transaction bodies of a re-delivery: the courier proposes a window, the customer chooses one
//! or accepts the proposal (the JSON routes and the tracking page), and the guard the round
//! passes before it starts again. Each change passes the one door.

use chrono::{DateTime, NaiveDateTime, Utc};
use serde_json::json;

use super::rules::{self, Action, CHOSEN, Clock, Wait, step};
use super::store;
use crate::access;
use crate::auth::Actor;
use crate::contracts::slots;
use crate::db::Conn;
use crate::error::{ApiError, ApiResult};
use crate::kpis::rules::{FactChange, RedeliveryFact};
use crate::shipments::model::{NewWindow, Shipment, ShipmentRow, WindowChoice};
use crate::shipments::service::{self as door, Change, Locked, Patch, Terms};
use crate::shipments::store::By;
use crate::status::Status;

/// Timeline events (and webhook types) of a re-delivery.
pub const PROPOSED: &str = "redelivery.proposed";

fn wait_of(ship: &ShipmentRow) -> Wait {
    rules::wait(
        ship.redelivery_proposed_start.is_some(),
        ship.redelivery_chosen_at.is_some(),
    )
}

fn clock_of(ship: &ShipmentRow, now: NaiveDateTime) -> Clock {
    let tz = crate::timezone::zone(&ship.time_zone);
    Clock::of(ship.window_start, ship.window_end, tz, now)
}

/// `action` on the shipment as it is now, or the 409 that refuses it.
fn check(ship: &ShipmentRow, action: Action, now: NaiveDateTime) -> ApiResult<()> {
    step(ship.status(), wait_of(ship), action, clock_of(ship, now))
        .map(|_| ())
        .map_err(ApiError::Conflict)
}

fn window_json(start: NaiveDateTime, end: NaiveDateTime) -> serde_json::Value {
    json!({"start": start.and_utc(), "end": end.and_utc()})
}

/// The round may start again (explicitly, or by a new attempt) unless the customer chose a
/// re-delivery window whose day has not come. Pure on the locked row: no statement.
pub fn check_go_out(ship: &ShipmentRow, now: NaiveDateTime) -> ApiResult<()> {
    if ship.status() != Status::AttemptFailed {
        return Ok(());
    }
    check(ship, Action::GoOut, now).map_err(|_| {
        ApiError::Conflict(format!(
            "the customer chose the re-delivery window {} to {}: the round starts on {}",
            ship.window_start.and_utc().to_rfc3339(),
            ship.window_end.and_utc().to_rfc3339(),
            crate::timezone::local_date(ship.window_start, crate::timezone::zone(&ship.time_zone))
        ))
    })
}

/// The courier's staff propose a re-delivery window; the customer sees it on the link with an
/// accept button. A new proposal replaces the last one.
pub fn propose(
    c: &mut Conn,
    actor: &Actor,
    id: &str,
    input: NewWindow,
    now: NaiveDateTime,
) -> ApiResult<Shipment> {
    let (mut locked, party) = door::lock_visible(c, actor, id)?;
    if !access::may_propose_redelivery(party) {
        return Err(ApiError::Forbidden(
            "re-delivery windows are proposed by the courier's staff".to_owned(),
        ));
    }
    check(&locked.ship, Action::Propose, now)?;
    let (start, end) = (input.window.start.naive_utc(), input.window.end.naive_utc());
    let errors = rules::window_errors(start, end, now, locked.terms.redelivery_horizon_days);
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let data = json!({"window": window_json(start, end)});
    let change = Change::new(By::Actor(actor), now)
        .patch(Patch::RedeliveryProposal(Some((start, end))))
        .event(PROPOSED, data);
    door::apply(c, &mut locked, change)?;
    Ok(door::summary(locked.ship, party))
}

/// The customer chooses the re-delivery window (the JSON route and the tracking page). When the
/// courier offers delivery slots, the window must be one of them with a free place
/// ([`hold_slot`]). Choosing the slot already held changes nothing (a double tap, a retry).
pub fn choose(
    c: &mut Conn,
    locked: &mut Locked,
    input: NewWindow,
    now: NaiveDateTime,
) -> ApiResult<()> {
    check(&locked.ship, Action::Choose, now)?;
    let (start, end) = (input.window.start.naive_utc(), input.window.end.naive_utc());
    match hold_slot(c, locked, start, end, now)? {
        Held::NoSlots => {
            let errors =
                rules::window_errors(start, end, now, locked.terms.redelivery_horizon_days);
            if !errors.is_empty() {
                return Err(ApiError::Validation(errors));
            }
        }
        Held::Already
            if locked.ship.redelivery_chosen_at.is_some()
                && (locked.ship.window_start, locked.ship.window_end) == (start, end) =>
        {
            return Ok(());
        }
        Held::Already | Held::Taken => {}
    }
    set_window(c, locked, start, end, false, now)
}

/// What [`hold_slot`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Held {
    /// The courier offers no slots: any window within the usual bounds.
    NoSlots,
    /// The shipment already holds this slot.
    Already,
    /// A place was taken (and the one held before given back).
    Taken,
}

/// For a window the customer chooses (a re-delivery or a reschedule) when the courier offers
/// delivery slots: it must be one of them (422 on `window`), and one of its places is taken in
/// the caller's transaction by one conditional update, so when several customers race for the
/// last place exactly one gets it (409 for the others); the place held before is given back.
pub fn hold_slot(
    c: &mut Conn,
    locked: &Locked,
    start: NaiveDateTime,
    end: NaiveDateTime,
    now: NaiveDateTime,
) -> ApiResult<Held> {
    let Some((contract, upcoming)) = upcoming_slots(&locked.ship, &locked.terms, now) else {
        return Ok(Held::NoSlots);
    };
    let slot = slots::find(&upcoming, start, end).ok_or_else(|| {
        ApiError::validation(
            "window",
            "must be one of the courier's delivery slots (`slots` of the tracking view)",
        )
    })?;
    let id = &locked.ship.id;
    let held = store::booking(c, id)?;
    if held.as_ref() == Some(&(contract.clone(), slot.start)) {
        return Ok(Held::Already);
    }
    if !store::take_place(c, &contract, slot.start, slot.capacity)? {
        return Err(ApiError::Conflict(
            "this delivery slot has just been taken; choose another one".to_owned(),
        ));
    }
    if let Some((old_contract, old_start)) = held {
        store::release_place(c, &old_contract, old_start)?;
    }
    store::book(c, id, &contract, slot.start)?;
    Ok(Held::Taken)
}

/// The courier's slots from now to the horizon, when it offers slots: (its contract, the
/// slots).
fn upcoming_slots(
    ship: &ShipmentRow,
    terms: &Terms,
    now: NaiveDateTime,
) -> Option<(String, Vec<slots::Slot>)> {
    let (contract, stored) = terms.slots.as_ref()?;
    let defs = slots::decode(Some(stored));
    if defs.is_empty() {
        return None;
    }
    let tz = crate::timezone::zone(&ship.time_zone);
    let upcoming = slots::upcoming(&defs, tz, now, terms.redelivery_horizon_days);
    Some((contract.clone(), upcoming))
}

/// The delivery slots the customer can choose now (`open`: a re-delivery or a reschedule is
/// possible), with a free place, in order (one read); `None` when the courier offers no slots
/// or there is nothing to choose.
pub fn offered(
    c: &mut Conn,
    ship: &ShipmentRow,
    terms: &Terms,
    now: NaiveDateTime,
    open: bool,
) -> ApiResult<Option<Vec<WindowChoice>>> {
    if !open {
        return Ok(None);
    }
    let Some((contract, upcoming)) = upcoming_slots(ship, terms, now) else {
        return Ok(None);
    };
    let (Some(first), Some(last)) = (upcoming.first(), upcoming.last()) else {
        return Ok(Some(Vec::new()));
    };
    let taken = store::taken_between(c, &contract, first.start, last.start)?;
    Ok(Some(
        slots::free(&upcoming, &taken)
            .into_iter()
            .map(|s| WindowChoice {
                start: s.start.and_utc(),
                end: s.end.and_utc(),
            })
            .collect(),
    ))
}

/// The customer accepts the courier's proposal (the JSON route and the tracking page).
pub fn accept(c: &mut Conn, locked: &mut Locked, now: NaiveDateTime) -> ApiResult<()> {
    check(&locked.ship, Action::Accept, now)?;
    let (Some(start), Some(end)) = (
        locked.ship.redelivery_proposed_start,
        locked.ship.redelivery_proposed_end,
    ) else {
        return Err(ApiError::Conflict(
            "there is no proposed re-delivery window to accept".to_owned(),
        ));
    };
    if start <= now {
        return Err(ApiError::Conflict(
            "the proposed window has begun; choose another one".to_owned(),
        ));
    }
    set_window(c, locked, start, end, true, now)
}

/// The chosen window becomes the firm promise: the window columns, the choice, the event and
/// the KPI fact.
fn set_window(
    c: &mut Conn,
    locked: &mut Locked,
    start: NaiveDateTime,
    end: NaiveDateTime,
    accepted_proposal: bool,
    now: NaiveDateTime,
) -> ApiResult<()> {
    // Each choice is an event and a webhook to the partners: a few per wait, not a stream.
    let facts = door::recorded(c, locked)?;
    let wait_began = facts
        .attempts
        .iter()
        .filter(|a| !a.delivered)
        .map(|a| a.received_at)
        .max();
    let chosen = crate::shipments::store::event_times(c, &locked.ship.id, CHOSEN)?;
    if rules::choices_in_wait(&chosen, wait_began) >= rules::MAX_CHOICES {
        return Err(ApiError::Conflict(format!(
            "a re-delivery window was already chosen {} times; contact the shop to change it again",
            rules::MAX_CHOICES
        )));
    }
    let ship = &locked.ship;
    let data = json!({
        "window": window_json(start, end),
        "old_window": window_json(ship.window_start, ship.window_end),
        "accepted_proposal": accepted_proposal,
    });
    // The window moves the on-time counters: the door recomputes them from the row.
    let change = Change::new(By::Customer, now)
        .patch(Patch::Window { start, end })
        .patch(Patch::RedeliveryChosen(Some(now)))
        .patch(Patch::RedeliveryProposal(None))
        .event(CHOSEN, data)
        .fact(FactChange::Redelivery(RedeliveryFact {
            chosen_at: now,
            start,
            end,
        }));
    door::apply(c, locked, change)?;
    Ok(())
}

/// Whether the customer may choose a re-delivery window now (the link shows the form).
pub fn may_choose(ship: &ShipmentRow) -> bool {
    ship.status() == Status::AttemptFailed && ship.contact_erased_at.is_none()
}

/// A first window to offer on the page (the proposal, else the promised hours on the first day
/// with notice).
pub fn suggestion(
    window: &crate::shipments::model::Window,
    proposal: Option<&WindowChoice>,
    now: DateTime<Utc>,
) -> WindowChoice {
    if let Some(p) = proposal {
        return *p;
    }
    let (s, e) = rules::suggestion(
        window.start.naive_utc(),
        window.end.naive_utc(),
        now.naive_utc(),
    );
    WindowChoice {
        start: s.and_utc(),
        end: e.and_utc(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chosen_event_is_read_back_as_its_fact() {
        let at = chrono::NaiveDate::from_ymd_opt(2026, 5, 1)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        let data = json!({"window": window_json(at + chrono::Duration::days(1), at + chrono::Duration::days(1) + chrono::Duration::hours(4)),
            "old_window": window_json(at, at), "accepted_proposal": false})
        .to_string();
        let f = rules::chosen_fact(&data, at).unwrap();
        assert_eq!(f.chosen_at, at);
        assert_eq!(f.start, at + chrono::Duration::days(1));
        assert_eq!(f.end - f.start, chrono::Duration::hours(4));
        assert_eq!(rules::chosen_fact("{}", at), None);
        assert_eq!(rules::chosen_fact("nonsense", at), None);
    }
}
