use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::error::FieldError;
use crate::shipments::model::{Preferences, RecipientView, Window};
use crate::status::Status;

/// One step of the customer's timeline: what happened and when, without internal notes or
/// staff identities.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TimelineEntry {
    #[schema(example = "handoff.accepted")]
    pub kind: String,
    pub at: DateTime<Utc>,
    /// The status the shipment moved to, when it moved.
    pub status: Option<Status>,
    /// Safe details for the customer: a contact attempt's channel and outcome, an attempt's
    /// outcome, flags and distance, the announced arrival (`eta`), a photo's `kind`, a
    /// dispute's reason, resolution and remedy, a proposed or chosen window.
    #[schema(value_type = Option<Object>)]
    pub detail: Option<serde_json::Value>,
}

/// A hand-off as the customer sees it: to whom (the receiving organisation's display name),
/// since when.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LinkHandover {
    /// `driver`: one of the carrier's drivers (`to_name` is the carrier's).
    pub to: crate::custody::rules::HandoffTarget,
    #[schema(example = "Speedy")]
    pub to_name: String,
    pub requested_at: DateTime<Utc>,
    /// Not accepted in time: a custody gap.
    pub custody_gap: bool,
}

/// Who last confirmed holding the parcel (an organisation's display name), and when.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LastConfirmed {
    #[schema(example = "Acme warehouse")]
    pub with_name: String,
    pub at: DateTime<Utc>,
}

/// A lost parcel as the customer sees it: where it was last confirmed, and the hand-over that
/// never completed.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LinkLoss {
    pub last_confirmed: LastConfirmed,
    /// The hand-over its receiver never confirmed; absent when lost in one party's hands.
    pub never_accepted: Option<LinkHandover>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TrackingView {
    /// The marketplace's order reference.
    pub reference: String,
    pub status: Status,
    pub window: Window,
    /// The IANA time zone the page shows times in; times in JSON stay UTC.
    #[schema(example = "Europe/Paris")]
    pub time_zone: String,
    /// The customer accepted delivery before a firm window.
    pub early_consent: bool,
    /// The channels the customer hears on; absent when the parcel sends no messages.
    pub notifications: Option<crate::notifications::model::NotificationChannels>,
    pub marketplace_name: String,
    /// The carrier, once it accepted the parcel.
    pub courier_name: Option<String>,
    pub driver_first_name: Option<String>,
    /// The driver's latest "arriving around".
    pub eta: Option<DateTime<Utc>>,
    /// The driver's approach, live: only while the parcel is out for delivery among the
    /// driver's next stops, from a position reported in the last minutes. Never the position.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub live: Option<crate::live::model::LiveEstimate>,
    /// When the courier offers delivery slots and the window may be changed (a re-delivery
    /// after a failed attempt, or a reschedule before the parcel goes out): the slots with a
    /// free place, in order, from the courier's notice to its re-delivery horizon. Choose one
    /// by posting it as the window (`…/redelivery` or `…/reschedule`). Absent: type a window.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub slots: Option<Vec<crate::shipments::model::WindowChoice>>,
    /// The hand-over waiting for its receiver: whom it waits for and since when.
    pub handover: Option<LinkHandover>,
    /// Who last confirmed holding the parcel, and when.
    pub last_confirmed: Option<LastConfirmed>,
    /// Once lost: where it was last confirmed and the hand-over that never completed.
    pub loss: Option<LinkLoss>,
    /// Read it to the driver at handover. Absent once delivered, or locked after wrong tries.
    pub handover_pin: Option<String>,
    /// The customer's own contact data (absent once erased).
    pub recipient: Option<RecipientView>,
    pub preferences: Preferences,
    /// Contact data and preferences can be changed until the parcel is delivered.
    pub can_update_contact: bool,
    /// A new window can be chosen until the parcel is out for delivery.
    pub can_reschedule: bool,
    /// After a failed attempt the parcel waits for a new visit: the customer may choose its
    /// window (`POST …/redelivery`) or accept the courier's proposal (`…/redelivery/accept`).
    pub can_choose_redelivery: bool,
    /// The wait for a new visit: the courier's proposal, the customer's choice.
    pub redelivery: Option<crate::redelivery::model::Redelivery>,
    /// A re-delivery window may start at most this many days ahead (the courier's contract).
    pub redelivery_horizon_days: i32,
    pub timeline: Vec<TimelineEntry>,
    /// Delivery attempts with their verdict (flags in plain words) and photos.
    pub attempts: Vec<crate::attempts::model::Attempt>,
    pub disputes: Vec<crate::disputes::model::Dispute>,
    /// The driver's rating (mean of their latest 500 counted ratings).
    #[schema(example = 4.87)]
    pub driver_rating: Option<f64>,
    /// The customer's own rating of this delivery.
    pub rating: Option<crate::ratings::model::CustomerRating>,
    /// A rating can be given (or changed) now: after an attempt, for 30 days; changes for 7.
    pub can_rate: bool,
}

/// Fields to change; absent fields stay as they are. An empty `email` or `access_notes`
/// clears it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContactUpdate {
    #[schema(example = "+33 6 98 76 54 32")]
    pub phone: Option<String>,
    pub email: Option<String>,
    pub access_notes: Option<String>,
    pub preferences: Option<Preferences>,
}

use crate::shipments::patch::ContactPatch;

impl ContactUpdate {
    /// Validated changes and the names of the fields they touch.
    pub fn changes(
        &self,
        country: &str,
    ) -> Result<(ContactPatch, Vec<&'static str>), Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut ch = ContactPatch::default();
        let mut touched = Vec::new();
        if let Some(phone) = &self.phone {
            match crate::shipments::validate::normalize_phone(phone, country) {
                Some(p) => ch.recipient_phone = Some(p),
                None => errors.push(FieldError::new("phone", "is not a valid phone number")),
            }
            touched.push("phone");
        }
        if let Some(email) = &self.email {
            if email.trim().is_empty() {
                ch.recipient_email = Some(None);
            } else {
                crate::users::rules::check_email("email", email, &mut errors);
                ch.recipient_email = Some(Some(crate::users::rules::normalize_email(email)));
            }
            touched.push("email");
        }
        if let Some(notes) = &self.access_notes {
            if notes.chars().count() > 1000 {
                errors.push(FieldError::new(
                    "access_notes",
                    "must have at most 1000 characters",
                ));
            }
            ch.access_notes = Some(Some(notes.trim().to_owned()).filter(|n| !n.is_empty()));
            touched.push("access_notes");
        }
        if let Some(p) = &self.preferences {
            if p.safe_place_allowed && p.safe_place.as_deref().is_none_or(|s| s.trim().is_empty()) {
                errors.push(FieldError::new(
                    "preferences.safe_place",
                    "is required when safe_place_allowed is true",
                ));
            }
            if p.safe_place
                .as_deref()
                .is_some_and(|s| s.chars().count() > 200)
            {
                errors.push(FieldError::new(
                    "preferences.safe_place",
                    "must have at most 200 characters",
                ));
            }
            ch.call_before_arrival = Some(p.call_before_arrival);
            ch.safe_place_allowed = Some(p.safe_place_allowed);
            ch.safe_place = Some(p.safe_place.clone());
            touched.push("preferences");
        }
        if touched.is_empty() {
            errors.push(FieldError::new("body", "name at least one field to change"));
        }
        if errors.is_empty() {
            Ok((ch, touched))
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn update(v: serde_json::Value) -> ContactUpdate {
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn contact_updates_are_validated_and_normalised() {
        let (ch, touched) = update(serde_json::json!({"phone": "06 98 76 54 32", "email": ""}))
            .changes("FR")
            .unwrap();
        assert_eq!(ch.recipient_phone.as_deref(), Some("+33698765432"));
        assert_eq!(ch.recipient_email, Some(None), "empty clears");
        assert_eq!(touched, ["phone", "email"]);
        let errs = update(serde_json::json!({"phone": "1"}))
            .changes("FR")
            .unwrap_err();
        assert_eq!(errs[0].field, "phone");
        let errs = update(serde_json::json!({})).changes("FR").unwrap_err();
        assert_eq!(errs[0].field, "body");
        let errs = update(serde_json::json!({"preferences": {"safe_place_allowed": true}}))
            .changes("FR")
            .unwrap_err();
        assert_eq!(errs[0].field, "preferences.safe_place");
    }
}
