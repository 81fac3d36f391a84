use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::rules::{self, FailureReason, Flag, Outcome, Placement};
use crate::db::schema::{contact_attempts, delivery_attempts, photos};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Call,
    Sms,
    Intercom,
    Doorbell,
    InApp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ContactOutcome {
    Reached,
    NoAnswer,
    Voicemail,
    Sent,
    Busy,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Call => "call",
            Channel::Sms => "sms",
            Channel::Intercom => "intercom",
            Channel::Doorbell => "doorbell",
            Channel::InApp => "in_app",
        }
    }
}

impl ContactOutcome {
    pub fn as_str(self) -> &'static str {
        match self {
            ContactOutcome::Reached => "reached",
            ContactOutcome::NoAnswer => "no_answer",
            ContactOutcome::Voicemail => "voicemail",
            ContactOutcome::Sent => "sent",
            ContactOutcome::Busy => "busy",
        }
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = contact_attempts)]
pub struct ContactAttemptRow {
    pub id: String,
    pub shipment_id: String,
    pub driver_id: String,
    pub channel: String,
    pub outcome: String,
    pub occurred_at: NaiveDateTime,
    pub note: Option<String>,
    pub created_at: NaiveDateTime,
}

/// The driver tried to reach the customer before arriving.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateContactAttempt {
    pub channel: Channel,
    pub outcome: ContactOutcome,
    /// Device time.
    pub occurred_at: DateTime<Utc>,
    pub note: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ContactAttempt {
    pub id: String,
    pub shipment_id: String,
    pub driver_id: String,
    #[schema(value_type = Channel)]
    pub channel: String,
    #[schema(value_type = ContactOutcome)]
    pub outcome: String,
    pub occurred_at: DateTime<Utc>,
    pub note: Option<String>,
}

impl From<ContactAttemptRow> for ContactAttempt {
    fn from(r: ContactAttemptRow) -> Self {
        ContactAttempt {
            id: r.id,
            shipment_id: r.shipment_id,
            driver_id: r.driver_id,
            channel: r.channel,
            outcome: r.outcome,
            occurred_at: r.occurred_at.and_utc(),
            note: r.note,
        }
    }
}

/// The driver's "arriving around HH:MM".
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SetEta {
    pub eta: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct GpsInput {
    pub lat: f64,
    pub lon: f64,
    /// Horizontal accuracy, metres.
    pub accuracy_m: f64,
    pub captured_at: DateTime<Utc>,
}

/// A delivery attempt as the driver's app sends it (requires an `Idempotency-Key`).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateAttempt {
    pub outcome: Outcome,
    /// Required when failed.
    pub failure_reason: Option<FailureReason>,
    /// Required when delivered.
    pub placement: Option<Placement>,
    pub recipient_name: Option<String>,
    /// The code the customer reads out (their tracking link shows it).
    pub handover_pin: Option<String>,
    pub gps: Option<GpsInput>,
    /// What the intercom or doorbell showed or said.
    pub intercom_note: Option<String>,
    /// Device time; up to 72 h in the past (offline), not in the future beyond 5 minutes.
    pub occurred_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = delivery_attempts)]
pub struct AttemptRow {
    pub id: String,
    pub shipment_id: String,
    pub driver_id: String,
    pub courier_id: String,
    pub outcome: String,
    pub failure_reason: Option<String>,
    pub placement: Option<String>,
    pub recipient_name: Option<String>,
    pub pin_verified: bool,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub accuracy_m: Option<f64>,
    pub gps_captured_at: Option<NaiveDateTime>,
    pub distance_m: Option<f64>,
    pub intercom_note: Option<String>,
    pub occurred_at: NaiveDateTime,
    pub received_at: NaiveDateTime,
    pub flags: String,
    pub idempotency_key: String,
    pub request_hash: String,
}

impl AttemptRow {
    pub fn flag_list(&self) -> Vec<Flag> {
        self.flags.split(',').filter_map(Flag::parse).collect()
    }
}

pub fn join_flags(flags: &[Flag]) -> String {
    flags
        .iter()
        .map(|f| f.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

/// A flag with the sentence every party (and the customer) reads.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FlagView {
    pub flag: Flag,
    #[schema(example = "Driver was 2.4 km from the address (allowed: 150 m).")]
    pub sentence: String,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = photos)]
pub struct PhotoRow {
    pub id: String,
    pub attempt_id: String,
    pub shipment_id: String,
    pub kind: String,
    pub object_key: String,
    pub sha256: String,
    pub bytes: i64,
    pub content_type: String,
    pub width: Option<i32>,
    pub height: Option<i32>,
    pub exif_taken_at: Option<NaiveDateTime>,
    pub exif_lat: Option<f64>,
    pub exif_lon: Option<f64>,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Photo {
    pub id: String,
    pub attempt_id: String,
    #[schema(value_type = PhotoKind)]
    pub kind: String,
    pub sha256: String,
    pub bytes: i64,
    pub content_type: String,
    pub width: Option<i32>,
    pub height: Option<i32>,
    /// From EXIF, when the photo carries it.
    pub taken_at: Option<DateTime<Utc>>,
    pub uploaded_at: DateTime<Utc>,
}

impl From<PhotoRow> for Photo {
    fn from(r: PhotoRow) -> Self {
        Photo {
            id: r.id,
            attempt_id: r.attempt_id,
            kind: r.kind,
            sha256: r.sha256,
            bytes: r.bytes,
            content_type: r.content_type,
            width: r.width,
            height: r.height,
            taken_at: r.exif_taken_at.map(|t| t.and_utc()),
            uploaded_at: r.created_at.and_utc(),
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct GpsView {
    pub lat: f64,
    pub lon: f64,
    pub accuracy_m: f64,
    pub captured_at: Option<DateTime<Utc>>,
}

/// A delivery attempt with the server's verdict.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Attempt {
    #[schema(example = "att_01jd2v3k4m5n6p7q8r9s0t1u2v")]
    pub id: String,
    pub shipment_id: String,
    pub driver_id: Option<String>,
    pub outcome: Outcome,
    pub failure_reason: Option<FailureReason>,
    pub placement: Option<Placement>,
    pub recipient_name: Option<String>,
    pub pin_verified: bool,
    /// The driver's position (not shown to the customer).
    pub gps: Option<GpsView>,
    /// Metres from the recipient's coordinates.
    pub distance_m: Option<f64>,
    pub intercom_note: Option<String>,
    pub occurred_at: DateTime<Utc>,
    pub received_at: DateTime<Utc>,
    /// No flags: every check passed.
    pub verified: bool,
    pub flags: Vec<FlagView>,
    pub photos: Vec<Photo>,
}

impl Attempt {
    /// What the reader sees of it: `shown` (`access::attempt_fields`).
    pub fn view(
        r: AttemptRow,
        photos: Vec<PhotoRow>,
        radius_m: f64,
        shown: crate::access::AttemptFields,
    ) -> Attempt {
        let flags = r.flag_list();
        Attempt {
            verified: flags.is_empty(),
            flags: flags
                .into_iter()
                .map(|flag| FlagView {
                    flag,
                    sentence: rules::sentence(flag, r.distance_m, radius_m),
                })
                .collect(),
            outcome: Outcome::parse(&r.outcome).unwrap_or(Outcome::Failed),
            failure_reason: r.failure_reason.as_deref().and_then(FailureReason::parse),
            placement: r.placement.as_deref().and_then(Placement::parse),
            gps: match (shown.gps, r.lat, r.lon, r.accuracy_m) {
                (true, Some(lat), Some(lon), Some(accuracy_m)) => Some(GpsView {
                    lat,
                    lon,
                    accuracy_m,
                    captured_at: r.gps_captured_at.map(|t| t.and_utc()),
                }),
                _ => None,
            },
            driver_id: shown.driver.then_some(r.driver_id),
            id: r.id,
            shipment_id: r.shipment_id,
            recipient_name: r.recipient_name.filter(|_| shown.typed),
            pin_verified: r.pin_verified,
            distance_m: r.distance_m.map(|d| d.round()),
            intercom_note: r.intercom_note.filter(|_| shown.typed),
            occurred_at: r.occurred_at.and_utc(),
            received_at: r.received_at.and_utc(),
            photos: photos.into_iter().map(Photo::from).collect(),
        }
    }
}

/// What a photo shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PhotoKind {
    Placement,
    Parcel,
    Door,
    Label,
    Damage,
    Signature,
}

impl PhotoKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PhotoKind::Placement => "placement",
            PhotoKind::Parcel => "parcel",
            PhotoKind::Door => "door",
            PhotoKind::Label => "label",
            PhotoKind::Damage => "damage",
            PhotoKind::Signature => "signature",
        }
    }
}
