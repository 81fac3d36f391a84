use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::rules::HandoffTarget;
use crate::db::schema::handoffs;
use crate::error::FieldError;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = handoffs)]
pub struct HandoffRow {
    pub id: String,
    pub shipment_id: String,
    pub from_org_id: String,
    pub from_actor_id: String,
    pub to_kind: String,
    pub to_org_id: String,
    pub to_driver_id: Option<String>,
    pub status: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub note: Option<String>,
    pub due_at: NaiveDateTime,
    pub responded_at: Option<NaiveDateTime>,
    pub responded_by: Option<String>,
    pub parcel_condition: Option<String>,
    pub response_note: Option<String>,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, PartialEq)]
pub struct Location {
    pub lat: f64,
    pub lon: f64,
}

impl Location {
    pub fn check(&self, field: &str, errors: &mut Vec<FieldError>) {
        if !(-90.0..=90.0).contains(&self.lat) || !(-180.0..=180.0).contains(&self.lon) {
            errors.push(FieldError::new(
                field,
                "lat must be within ±90 and lon within ±180",
            ));
        }
    }
}

/// Start a hand-off. The receiver must accept it for custody to move.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateHandoff {
    /// `supplier` and `courier` are the shipment's; `driver` needs `driver_id`.
    pub to: HandoffTarget,
    /// A driver of the courier (with `to: driver`).
    pub driver_id: Option<String>,
    pub location: Option<Location>,
    /// Up to 1000 characters.
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Condition {
    Intact,
    Damaged,
}

impl Condition {
    pub fn as_str(self) -> &'static str {
        match self {
            Condition::Intact => "intact",
            Condition::Damaged => "damaged",
        }
    }
}

/// The receiver's scan: the parcel's condition on receipt.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AcceptHandoff {
    pub condition: Condition,
    /// Required when damaged; up to 1000 characters.
    pub note: Option<String>,
    pub location: Option<Location>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RejectHandoff {
    /// Why the receiver refuses it (1–1000 characters).
    pub reason: String,
}

/// A reason for lost or cancelled (1–1000 characters).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusNote {
    pub note: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Handoff {
    #[schema(example = "hof_01jd2v3k4m5n6p7q8r9s0t1u2v")]
    pub id: String,
    pub shipment_id: String,
    pub from_org_id: String,
    pub to: HandoffTarget,
    pub to_org_id: String,
    pub to_driver_id: Option<String>,
    #[schema(value_type = HandoffStatus)]
    pub status: String,
    pub location: Option<Location>,
    pub note: Option<String>,
    /// Accept before this, or it is a custody gap.
    pub due_at: DateTime<Utc>,
    /// Pending past `due_at`.
    pub custody_gap: bool,
    pub responded_at: Option<DateTime<Utc>>,
    pub condition: Option<Condition>,
    pub response_note: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl Handoff {
    pub fn view(r: HandoffRow, now: NaiveDateTime) -> Handoff {
        Handoff {
            custody_gap: r.status == "pending" && now > r.due_at,
            to: HandoffTarget::parse(&r.to_kind).unwrap_or(HandoffTarget::Courier),
            location: r.lat.zip(r.lon).map(|(lat, lon)| Location { lat, lon }),
            condition: match r.parcel_condition.as_deref() {
                Some("intact") => Some(Condition::Intact),
                Some("damaged") => Some(Condition::Damaged),
                _ => None,
            },
            id: r.id,
            shipment_id: r.shipment_id,
            from_org_id: r.from_org_id,
            to_org_id: r.to_org_id,
            to_driver_id: r.to_driver_id,
            status: r.status,
            note: r.note,
            due_at: r.due_at.and_utc(),
            responded_at: r.responded_at.map(|t| t.and_utc()),
            response_note: r.response_note,
            created_at: r.created_at.and_utc(),
        }
    }
}

/// Where a hand-off stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum HandoffStatus {
    Pending,
    Accepted,
    Rejected,
}

/// Check an optional free-text note.
pub fn check_note(
    field: &str,
    note: &Option<String>,
    required: bool,
    errors: &mut Vec<FieldError>,
) {
    match note.as_deref().map(str::trim) {
        None | Some("") if required => errors.push(FieldError::new(field, "is required")),
        Some(n) if n.chars().count() > 1000 => {
            errors.push(FieldError::new(field, "must have at most 1000 characters"))
        }
        _ => {}
    }
}
