//! What the chain covers of a shipment's rows, computed without I/O: the door's callers
//! (attempts, contact changes) put these in their events, and the service reads them back.

use sha2::{Digest, Sha256};

use super::records::{self, Judged};
use super::rules;
use crate::attempts::model::AttemptRow;
use crate::shipments::model::ShipmentRow;

/// Hex SHA-256 of bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// The salted digest of a shipment's contact fields as they are now (`None` without a salt:
/// erased, or a shipment from before the chain).
pub fn recipient_digest(ship: &ShipmentRow) -> Option<String> {
    let salt = ship.evidence_salt.as_deref()?;
    let (lat, lon) = (
        ship.lat.map(|v| v.to_string()),
        ship.lon.map(|v| v.to_string()),
    );
    Some(rules::contact_digest(
        salt,
        &[
            ("name", ship.recipient_name.as_deref()),
            ("phone", ship.recipient_phone.as_deref()),
            ("email", ship.recipient_email.as_deref()),
            ("address_line1", ship.address_line1.as_deref()),
            ("address_line2", ship.address_line2.as_deref()),
            ("postal_code", ship.postal_code.as_deref()),
            ("city", ship.city.as_deref()),
            ("lat", lat.as_deref()),
            ("lon", lon.as_deref()),
            ("access_notes", ship.access_notes.as_deref()),
            ("safe_place", ship.safe_place.as_deref()),
        ],
    ))
}

/// An attempt as judged, as the chain covers it (`evidence::records`): from its row, with the
/// digest of its private facts under the attempt's salt (none once erased).
pub fn judged(ship: &ShipmentRow, a: &AttemptRow) -> Judged {
    let flags = a.flag_list();
    Judged {
        outcome: a.outcome.clone(),
        failure_reason: a.failure_reason.clone(),
        placement: a.placement.clone(),
        occurred_at: rules::canonical_time(a.occurred_at),
        received_at: rules::canonical_time(a.received_at),
        distance_m: a.distance_m.map(f64::round),
        verified: flags.is_empty(),
        flags: flags.iter().map(|f| f.as_str().to_owned()).collect(),
        pin_verified: a.pin_verified,
        private_digest: attempt_salt(ship, &a.id).map(|salt| {
            records::private_digest(
                &salt,
                &records::Private {
                    recipient_name: a.recipient_name.clone(),
                    intercom_note: a.intercom_note.clone(),
                    gps: match (a.lat, a.lon, a.accuracy_m) {
                        (Some(lat), Some(lon), Some(acc)) => {
                            Some((lat, lon, acc, a.gps_captured_at.map(rules::canonical_time)))
                        }
                        _ => None,
                    },
                },
            )
        }),
    }
}

/// The salt of an attempt's private digest (`None` once the shipment's salt is erased).
pub fn attempt_salt(ship: &ShipmentRow, attempt_id: &str) -> Option<String> {
    let salt = ship.evidence_salt.as_deref()?;
    Some(records::attempt_salt(salt, attempt_id))
}
