use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use super::rules::{Wait, wait};
use chrono::NaiveDateTime;

use crate::status::Status;
use crate::window::WindowChoice;

/// A parcel's wait for a new visit after a failed attempt, and the re-delivery round that
/// follows a chosen window.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Redelivery {
    /// `waiting` (no window yet), `proposed` (the courier proposed one) or `chosen` (the
    /// promised window is the customer's choice for this re-delivery).
    pub state: Wait,
    /// The courier's proposal, waiting for the customer to accept it.
    pub proposed_window: Option<WindowChoice>,
    /// When the customer chose the window (or accepted the proposal).
    pub chosen_at: Option<DateTime<Utc>>,
}

impl Redelivery {
    /// While the parcel waits (`attempt_failed`), and during a round that follows a chosen
    /// window; `None` otherwise.
    pub fn of(
        status: Status,
        proposed: (Option<NaiveDateTime>, Option<NaiveDateTime>),
        chosen_at: Option<NaiveDateTime>,
    ) -> Option<Redelivery> {
        let proposed_window = match proposed {
            (Some(start), Some(end)) => Some(WindowChoice {
                start: start.and_utc(),
                end: end.and_utc(),
            }),
            _ => None,
        };
        let chosen = chosen_at.is_some();
        let shown = status == Status::AttemptFailed || (chosen && !status.is_final());
        shown.then(|| Redelivery {
            state: wait(proposed_window.is_some(), chosen),
            proposed_window,
            chosen_at: chosen_at.map(|t| t.and_utc()),
        })
    }
}
