//! Typed changes of a shipment row's own columns, pure. A [`Change`](super::service::Change)
//! carries them; the one door applies them to the row in memory and writes the columns that
//! differ ([`RowChanges::between`]) in its one UPDATE, so no caller writes the row, copies a
//! column into the locked row by hand or forgets to move its version.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::model::ShipmentRow;
use crate::db::schema::shipments;

/// The customer's contact changes (validated by the tracking service): `None` leaves a field.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ContactPatch {
    pub recipient_phone: Option<String>,
    pub recipient_email: Option<Option<String>>,
    pub access_notes: Option<Option<String>>,
    pub call_before_arrival: Option<bool>,
    pub safe_place_allowed: Option<bool>,
    pub safe_place: Option<Option<String>>,
}

/// One typed change of the row.
#[derive(Debug, Clone, PartialEq)]
pub enum Patch {
    /// The driver's estimated arrival.
    Eta(NaiveDateTime),
    /// A firm promised window (the customer's reschedule, a chosen re-delivery).
    Window {
        start: NaiveDateTime,
        end: NaiveDateTime,
    },
    /// The customer's consent to an early delivery, given (`Some`) or withdrawn.
    EarlyConsent(Option<NaiveDateTime>),
    Contact(ContactPatch),
    /// A wrong PIN entry, at this time: counted, and the PIN locked at `max` failures.
    PinFailed {
        max: i32,
        at: NaiveDateTime,
    },
    /// A new (sealed) PIN: the failures start again.
    PinReset(String),
    /// The hash of a new tracking token.
    TrackingHash(String),
    /// The (sealed) link messages carry.
    NotifyLink(Option<String>),
    /// The channels the customer hears on.
    NotifyChannels(Option<String>),
    /// Retention passed: the contact data, the link and the evidence salt go.
    EraseContact {
        at: NaiveDateTime,
    },
    /// A re-delivery window proposed by the courier, waiting for the customer.
    RedeliveryProposal(Option<(NaiveDateTime, NaiveDateTime)>),
    /// When the customer chose the re-delivery window of this wait.
    RedeliveryChosen(Option<NaiveDateTime>),
}

impl Patch {
    /// Apply to the row in memory.
    pub fn apply(self, s: &mut ShipmentRow) {
        match self {
            Patch::Eta(eta) => s.eta_at = Some(eta),
            Patch::Window { start, end } => {
                (s.window_start, s.window_end, s.window_firm) = (start, end, true);
            }
            Patch::EarlyConsent(at) => s.early_consent_at = at,
            Patch::Contact(c) => {
                if let Some(v) = c.recipient_phone {
                    s.recipient_phone = Some(v);
                }
                if let Some(v) = c.recipient_email {
                    s.recipient_email = v;
                }
                if let Some(v) = c.access_notes {
                    s.access_notes = v;
                }
                if let Some(v) = c.call_before_arrival {
                    s.call_before_arrival = v;
                }
                if let Some(v) = c.safe_place_allowed {
                    s.safe_place_allowed = v;
                }
                if let Some(v) = c.safe_place {
                    s.safe_place = v;
                }
            }
            Patch::PinFailed { max, at } => {
                s.pin_failures += 1;
                if s.pin_failures >= max && s.pin_locked_at.is_none() {
                    s.pin_locked_at = Some(at);
                }
            }
            Patch::PinReset(pin) => {
                (s.handover_pin, s.pin_failures, s.pin_locked_at) = (Some(pin), 0, None);
            }
            Patch::TrackingHash(h) => s.tracking_token_hash = h,
            Patch::NotifyLink(l) => s.notify_link = l,
            Patch::NotifyChannels(c) => s.notify_channels = c,
            Patch::EraseContact { at } => {
                s.recipient_name = None;
                s.recipient_phone = None;
                s.recipient_email = None;
                s.address_line1 = None;
                s.address_line2 = None;
                s.postal_code = None;
                s.city = None;
                s.access_notes = None;
                s.safe_place = None;
                s.lat = None;
                s.lon = None;
                s.contact_erased_at = Some(at);
                s.notify_channels = None;
                s.notify_link = None;
                // The salt goes with the values: the digests chained in events can no longer
                // be linked to a guessed phone number.
                s.evidence_salt = None;
            }
            Patch::RedeliveryProposal(w) => {
                (s.redelivery_proposed_start, s.redelivery_proposed_end) =
                    (w.map(|w| w.0), w.map(|w| w.1));
            }
            Patch::RedeliveryChosen(at) => s.redelivery_chosen_at = at,
        }
    }
}

/// The row's columns that a change may write, each `Some` when it differs (the id never does).
macro_rules! row_changes {
    ($($col:ident: $ty:ty),* $(,)?) => {
        /// The columns of a shipment row that differ between two versions of it: the door's
        /// one UPDATE.
        #[derive(Debug, Default, AsChangeset)]
        #[diesel(table_name = shipments)]
        pub struct RowChanges {
            $(pub $col: Option<$ty>,)*
            /// The counters' contributions (kept beside the row, not in [`ShipmentRow`]).
            pub kpi_contrib: Option<Option<String>>,
        }

        impl RowChanges {
            pub fn between(before: &ShipmentRow, after: &ShipmentRow) -> RowChanges {
                RowChanges {
                    $($col: (before.$col != after.$col).then(|| after.$col.clone()),)*
                    kpi_contrib: None,
                }
            }

            pub fn is_empty(&self) -> bool {
                true $(&& self.$col.is_none())* && self.kpi_contrib.is_none()
            }
        }
    };
}

row_changes! {
    marketplace_id: String,
    reference: String,
    request_hash: String,
    supplier_id: Option<String>,
    courier_id: Option<String>,
    driver_id: Option<String>,
    status: String,
    window_start: NaiveDateTime,
    window_end: NaiveDateTime,
    window_firm: bool,
    recipient_name: Option<String>,
    recipient_phone: Option<String>,
    recipient_email: Option<String>,
    address_line1: Option<String>,
    address_line2: Option<String>,
    postal_code: Option<String>,
    city: Option<String>,
    country: String,
    lat: Option<f64>,
    lon: Option<f64>,
    access_notes: Option<String>,
    call_before_arrival: bool,
    safe_place_allowed: bool,
    safe_place: Option<String>,
    parcel_description: Option<String>,
    weight_grams: Option<i32>,
    declared_value_cents: Option<i64>,
    tracking_token_hash: String,
    contact_erased_at: Option<NaiveDateTime>,
    early_consent_at: Option<NaiveDateTime>,
    finalized_at: Option<NaiveDateTime>,
    contact_erase_after: Option<NaiveDateTime>,
    eta_at: Option<NaiveDateTime>,
    handover_pin: Option<String>,
    pin_failures: i32,
    pin_locked_at: Option<NaiveDateTime>,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
    kpi_facts: Option<String>,
    version: i64,
    time_zone: String,
    loss: Option<String>,
    redelivery_proposed_start: Option<NaiveDateTime>,
    redelivery_proposed_end: Option<NaiveDateTime>,
    redelivery_chosen_at: Option<NaiveDateTime>,
    notify_channels: Option<String>,
    notify_link: Option<String>,
    language: String,
    chain_head: Option<String>,
    chain_len: i64,
    evidence_salt: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, Utc};

    fn row() -> ShipmentRow {
        let now = Utc::now().naive_utc();
        ShipmentRow {
            id: "shp_1".to_owned(),
            marketplace_id: "org_m".to_owned(),
            reference: "R-1".to_owned(),
            request_hash: String::new(),
            supplier_id: None,
            courier_id: None,
            driver_id: None,
            status: "created".to_owned(),
            window_start: now,
            window_end: now,
            window_firm: false,
            recipient_name: Some("Jeanne Martin".to_owned()),
            recipient_phone: None,
            recipient_email: None,
            address_line1: Some("1 rue de Rivoli".to_owned()),
            address_line2: None,
            postal_code: Some("75001".to_owned()),
            city: Some("Paris".to_owned()),
            country: "FR".to_owned(),
            lat: Some(48.86),
            lon: Some(2.35),
            access_notes: None,
            call_before_arrival: false,
            safe_place_allowed: false,
            safe_place: None,
            parcel_description: None,
            weight_grams: None,
            declared_value_cents: None,
            tracking_token_hash: "h".to_owned(),
            contact_erased_at: None,
            early_consent_at: None,
            finalized_at: None,
            contact_erase_after: None,
            eta_at: None,
            handover_pin: None,
            pin_failures: 0,
            pin_locked_at: None,
            created_at: now,
            updated_at: now,
            kpi_facts: None,
            version: 0,
            time_zone: "Europe/Paris".to_owned(),
            loss: None,
            redelivery_proposed_start: None,
            redelivery_proposed_end: None,
            redelivery_chosen_at: None,
            notify_channels: None,
            notify_link: None,
            language: "en".to_owned(),
            chain_head: None,
            chain_len: 0,
            evidence_salt: None,
        }
    }

    #[test]
    fn only_the_columns_a_patch_moves_are_written() {
        let before = row();
        let mut after = before.clone();
        assert!(RowChanges::between(&before, &after).is_empty());
        let at = before.created_at + Duration::hours(1);
        Patch::Window {
            start: at,
            end: at + Duration::hours(2),
        }
        .apply(&mut after);
        let ch = RowChanges::between(&before, &after);
        assert_eq!(ch.window_start, Some(at));
        assert_eq!(ch.window_firm, Some(true));
        assert!(ch.eta_at.is_none() && ch.status.is_none() && ch.recipient_phone.is_none());
    }

    #[test]
    fn the_pin_locks_at_the_last_failure_and_a_reset_opens_it() {
        let mut s = row();
        let at = s.created_at;
        for _ in 0..3 {
            Patch::PinFailed { max: 3, at }.apply(&mut s);
        }
        assert_eq!((s.pin_failures, s.pin_locked_at), (3, Some(at)));
        Patch::PinFailed {
            max: 3,
            at: at + Duration::minutes(1),
        }
        .apply(&mut s);
        assert_eq!(s.pin_locked_at, Some(at), "locked once, at the third");
        Patch::PinReset("sealed".to_owned()).apply(&mut s);
        assert_eq!((s.pin_failures, s.pin_locked_at), (0, None));
    }

    #[test]
    fn erasing_takes_the_contact_data_the_link_and_the_salt() {
        let mut s = row();
        s.recipient_phone = Some("+33600000000".to_owned());
        s.notify_link = Some("sealed".to_owned());
        s.evidence_salt = Some("salt".to_owned());
        let at = s.created_at;
        Patch::EraseContact { at }.apply(&mut s);
        assert_eq!(s.recipient_phone, None);
        assert_eq!(s.notify_link, None);
        assert_eq!(s.evidence_salt, None);
        assert_eq!(s.contact_erased_at, Some(at));
    }
}
