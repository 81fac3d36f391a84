use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::db::schema::contracts;
use crate::error::FieldError;

/// Contract bounds of the re-delivery horizon (days ahead a re-delivery window may start).
pub const MIN_HORIZON_DAYS: i32 = 1;
pub const MAX_HORIZON_DAYS: i32 = 30;

pub const DEFAULT_GEOFENCE_RADIUS_M: i32 = 150;
pub const DEFAULT_RETENTION_DAYS: i32 = 30;
pub const DEFAULT_CUSTODY_GAP_HOURS: i32 = 24;
/// Days ahead a re-delivery window may start, by default (the courier keeps the parcel that long).
pub const DEFAULT_REDELIVERY_HORIZON_DAYS: i32 = 7;
/// Minutes a driver's ETA may move before the customer is told, by default.
pub const DEFAULT_ETA_TOLERANCE_MINUTES: i32 = 30;
/// The channels a contract's customers are told on, by default: every channel the server has.
pub const DEFAULT_NOTIFY_CHANNELS: &str = "email,sms";

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = contracts)]
pub struct ContractRow {
    pub id: String,
    pub marketplace_id: String,
    pub partner_id: String,
    pub partner_kind: String,
    pub geofence_radius_m: i32,
    pub retention_days: i32,
    pub custody_gap_hours: i32,
    pub photo_required_unattended: bool,
    pub pin_above_value_cents: Option<i64>,
    pub active: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// The default IANA zone of the shipments this courier carries for the marketplace.
    pub time_zone: Option<String>,
    pub redelivery_horizon_days: i32,
    /// The default language of the messages of shipments this courier carries.
    pub language: Option<String>,
    /// The channels the customers of its shipments are told on (`email,sms`; `` none).
    pub notify_channels: String,
    pub eta_tolerance_minutes: i32,
    /// Delivery slots (JSON of `contracts::slots::SlotDefinition`s); `None`: none.
    pub delivery_slots: Option<String>,
}

/// A marketplace's contract with a supplier or a courier.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateContract {
    /// The supplier or courier org.
    pub partner_id: String,
    /// Attempts farther than this from the address are flagged (10–5000, default 150).
    pub geofence_radius_m: Option<i32>,
    /// Days after a final state before contact data is erased (1–3650, default 30).
    pub retention_days: Option<i32>,
    /// A hand-off not accepted within this many hours is a custody gap (1–720, default 24).
    pub custody_gap_hours: Option<i32>,
    /// Unattended drop-offs need a photo (default true).
    pub photo_required_unattended: Option<bool>,
    /// Parcels declared above this value (cents) need the handover PIN; absent: never.
    pub pin_above_value_cents: Option<i64>,
    /// Courier contracts: the IANA time zone of new shipments for this courier that name
    /// none (before the marketplace's default), e.g. `Europe/Paris`.
    #[schema(example = "Europe/Paris")]
    pub time_zone: Option<String>,
    /// After a failed attempt, a re-delivery window may start at most this many days ahead
    /// (1–30, default 7; a courier's contract).
    pub redelivery_horizon_days: Option<i32>,
    /// Courier contracts: the language of the customer's messages for new shipments that name
    /// none (`en`, `fr`; absent: `en`).
    #[schema(example = "fr")]
    pub language: Option<String>,
    /// Courier contracts: the channels customers of new shipments are told on, among those the
    /// server has (`email`, `sms`; default both; `[]`: none). The customer may switch them off.
    #[serde(default, deserialize_with = "channel_list")]
    #[schema(value_type = Option<Vec<String>>, example = json!(["email"]))]
    pub notify_channels: Option<String>,
    /// Courier contracts: a driver's ETA moving more than this many minutes (or first set
    /// outside the promised window by more) is told to the customer (0–720, default 30).
    pub eta_tolerance_minutes: Option<i32>,
    /// Courier contracts: the delivery slots a customer picks a re-delivery from, per local
    /// weekday (the shipment's time zone) with a capacity a day; absent: the customer types a
    /// window.
    pub delivery_slots: Option<Vec<crate::contracts::slots::SlotDefinition>>,
}

/// A settable slot list in an update, kept as the contract stores it: absent leaves it,
/// `null` clears it, a list sets it (checked by [`UpdateContract::validate`]).
fn slot_list<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
    let v = Option::<Vec<crate::contracts::slots::SlotDefinition>>::deserialize(d)?;
    Ok(Some(v.map(|list| {
        serde_json::to_string(&list).unwrap_or_else(|_| "[]".to_owned())
    })))
}

/// A JSON list of channels as the contract keeps it (`["sms","email"]` → `email,sms`); an
/// unknown channel is kept as given for [`check_channels`] to name it.
fn channel_list<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    use crate::channels::{Channel, Channels};
    let list = Vec::<String>::deserialize(d)?;
    if list.iter().all(|c| Channel::parse(c).is_some()) {
        let set = Channels::decode(Some(&list.join(",")));
        return Ok(Some(set.encode().unwrap_or_default()));
    }
    Ok(Some(list.join(",")))
}

fn check_channels(v: Option<&str>, errors: &mut Vec<FieldError>) {
    let bad = v.is_some_and(|v| {
        v.split(',')
            .any(|c| !c.is_empty() && crate::channels::Channel::parse(c).is_none())
    });
    if bad {
        errors.push(FieldError::new(
            "notify_channels",
            "must list only email and sms",
        ));
    }
}

/// The channels a contract's customers are told on, as the contract keeps them.
pub fn channels_of(row: &ContractRow) -> crate::channels::Channels {
    crate::channels::Channels::decode(Some(&row.notify_channels))
}

/// Bounds of the contract settings, shared by create and update.
fn check_settings(
    geofence_radius_m: Option<i32>,
    retention_days: Option<i32>,
    custody_gap_hours: Option<i32>,
    pin_above_value_cents: Option<i64>,
    redelivery_horizon_days: Option<i32>,
    eta_tolerance_minutes: Option<i32>,
) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let mut range = |field: &str, v: Option<i32>, lo: i32, hi: i32| {
        if v.is_some_and(|v| !(lo..=hi).contains(&v)) {
            errors.push(FieldError::new(
                field,
                format!("must be between {lo} and {hi}"),
            ));
        }
    };
    range("geofence_radius_m", geofence_radius_m, 10, 5000);
    range("retention_days", retention_days, 1, 3650);
    range("custody_gap_hours", custody_gap_hours, 1, 720);
    range(
        "redelivery_horizon_days",
        redelivery_horizon_days,
        MIN_HORIZON_DAYS,
        MAX_HORIZON_DAYS,
    );
    range("eta_tolerance_minutes", eta_tolerance_minutes, 0, 720);
    if pin_above_value_cents.is_some_and(|v| v < 0) {
        errors.push(FieldError::new(
            "pin_above_value_cents",
            "must not be negative",
        ));
    }
    errors
}

impl CreateContract {
    pub fn validate(&self) -> Vec<FieldError> {
        let mut errors = check_settings(
            self.geofence_radius_m,
            self.retention_days,
            self.custody_gap_hours,
            self.pin_above_value_cents,
            self.redelivery_horizon_days,
            self.eta_tolerance_minutes,
        );
        if let Some(tz) = &self.time_zone {
            crate::timezone::check("time_zone", tz, &mut errors);
        }
        if let Some(lang) = &self.language {
            crate::i18n::check("language", lang, &mut errors);
        }
        check_channels(self.notify_channels.as_deref(), &mut errors);
        if let Some(slots) = &self.delivery_slots {
            errors.extend(crate::contracts::slots::errors("delivery_slots", slots));
        }
        errors
    }
}

/// Change a contract's settings or (de)activate it; absent fields stay as they are. A
/// marketplace hands shipments only to partners whose contract is active.
#[derive(Debug, Deserialize, ToSchema, AsChangeset)]
#[diesel(table_name = contracts)]
#[serde(deny_unknown_fields)]
pub struct UpdateContract {
    pub geofence_radius_m: Option<i32>,
    pub retention_days: Option<i32>,
    pub custody_gap_hours: Option<i32>,
    pub photo_required_unattended: Option<bool>,
    pub pin_above_value_cents: Option<i64>,
    pub active: Option<bool>,
    /// The IANA time zone of new shipments for this courier; `null` clears it (the
    /// marketplace's default applies). Shipments keep the zone they were created with.
    #[serde(default, deserialize_with = "crate::timezone::clearable")]
    #[schema(value_type = Option<String>, example = "Europe/Paris")]
    pub time_zone: Option<Option<String>>,
    /// Days ahead a re-delivery window may start (1–30).
    pub redelivery_horizon_days: Option<i32>,
    /// The language of new shipments' messages (`en`, `fr`); `null` clears it (`en`).
    #[serde(default, deserialize_with = "crate::timezone::clearable")]
    #[schema(value_type = Option<String>, example = "fr")]
    pub language: Option<Option<String>>,
    /// The channels customers of new shipments are told on (`["email","sms"]`, `[]`: none).
    /// Shipments keep the channels they were created with, less what their customer switched
    /// off.
    #[serde(default, deserialize_with = "channel_list")]
    #[schema(value_type = Option<Vec<String>>, example = json!(["email"]))]
    pub notify_channels: Option<String>,
    /// Minutes a driver's ETA may move before the customer is told (0–720).
    pub eta_tolerance_minutes: Option<i32>,
    /// The delivery slots (see `CreateContract`); `null` clears them.
    #[serde(default, deserialize_with = "slot_list")]
    #[schema(value_type = Option<Vec<crate::contracts::slots::SlotDefinition>>)]
    pub delivery_slots: Option<Option<String>>,
}

impl UpdateContract {
    pub fn validate(&self) -> Vec<FieldError> {
        let mut errors = check_settings(
            self.geofence_radius_m,
            self.retention_days,
            self.custody_gap_hours,
            self.pin_above_value_cents,
            self.redelivery_horizon_days,
            self.eta_tolerance_minutes,
        );
        if let Some(Some(tz)) = &self.time_zone {
            crate::timezone::check("time_zone", tz, &mut errors);
        }
        if let Some(Some(lang)) = &self.language {
            crate::i18n::check("language", lang, &mut errors);
        }
        check_channels(self.notify_channels.as_deref(), &mut errors);
        if let Some(Some(stored)) = &self.delivery_slots {
            let slots = crate::contracts::slots::decode(Some(stored));
            errors.extend(crate::contracts::slots::errors("delivery_slots", &slots));
        }
        errors
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Contract {
    #[schema(example = "ctr_01jd2v3k4m5n6p7q8r9s0t1u2v")]
    pub id: String,
    pub marketplace_id: String,
    pub partner_id: String,
    /// `supplier` or `courier`.
    #[schema(value_type = crate::identity::OrgKind)]
    pub partner_kind: String,
    pub geofence_radius_m: i32,
    pub retention_days: i32,
    pub custody_gap_hours: i32,
    pub photo_required_unattended: bool,
    pub pin_above_value_cents: Option<i64>,
    pub active: bool,
    pub redelivery_horizon_days: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The default IANA time zone of new shipments for this courier; absent: the
    /// marketplace's.
    pub time_zone: Option<String>,
    /// The default language of new shipments' messages; absent: `en`.
    pub language: Option<String>,
    /// The channels customers of new shipments are told on.
    #[schema(example = json!(["email", "sms"]))]
    pub notify_channels: Vec<String>,
    /// Minutes a driver's ETA may move before the customer is told.
    pub eta_tolerance_minutes: i32,
    /// The delivery slots customers pick a re-delivery from; absent: none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delivery_slots: Option<Vec<crate::contracts::slots::SlotDefinition>>,
}

impl From<ContractRow> for Contract {
    fn from(r: ContractRow) -> Self {
        let notify_channels = channels_of(&r)
            .list()
            .iter()
            .map(|c| c.as_str().to_owned())
            .collect();
        Contract {
            id: r.id,
            marketplace_id: r.marketplace_id,
            partner_id: r.partner_id,
            partner_kind: r.partner_kind,
            geofence_radius_m: r.geofence_radius_m,
            retention_days: r.retention_days,
            custody_gap_hours: r.custody_gap_hours,
            photo_required_unattended: r.photo_required_unattended,
            pin_above_value_cents: r.pin_above_value_cents,
            active: r.active,
            redelivery_horizon_days: r.redelivery_horizon_days,
            created_at: r.created_at.and_utc(),
            updated_at: r.updated_at.and_utc(),
            notify_channels,
            time_zone: r.time_zone,
            language: r.language,
            eta_tolerance_minutes: r.eta_tolerance_minutes,
            delivery_slots: r
                .delivery_slots
                .as_deref()
                .map(|s| crate::contracts::slots::decode(Some(s))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn channel_lists_are_kept_in_one_spelling() {
        let parse = |v: serde_json::Value| {
            serde_json::from_value::<UpdateContract>(serde_json::json!({ "notify_channels": v }))
                .unwrap()
                .notify_channels
        };
        assert_eq!(
            parse(serde_json::json!(["sms", "email", "sms"])).as_deref(),
            Some("email,sms")
        );
        assert_eq!(parse(serde_json::json!([])).as_deref(), Some(""));
        let odd = parse(serde_json::json!(["email", "fax"]));
        let mut errors = Vec::new();
        check_channels(odd.as_deref(), &mut errors);
        assert_eq!(errors.len(), 1);
    }

    #[test]
    fn settings_are_bounded() {
        let mut c = CreateContract {
            partner_id: "org_x".into(),
            geofence_radius_m: Some(10),
            retention_days: Some(3650),
            custody_gap_hours: Some(1),
            photo_required_unattended: None,
            pin_above_value_cents: Some(0),
            time_zone: Some("Europe/Paris".into()),
            redelivery_horizon_days: Some(30),
            language: Some("fr".into()),
            notify_channels: Some("email".into()),
            eta_tolerance_minutes: Some(0),
            delivery_slots: Some(vec![crate::contracts::slots::SlotDefinition {
                days: vec!["mon".into()],
                start: "08:00".into(),
                end: "12:00".into(),
                capacity: 1,
            }]),
        };
        assert!(c.validate().is_empty());
        c.geofence_radius_m = Some(9);
        c.retention_days = Some(0);
        c.custody_gap_hours = Some(721);
        c.pin_above_value_cents = Some(-1);
        c.time_zone = Some("Paris".into());
        c.redelivery_horizon_days = Some(0);
        c.eta_tolerance_minutes = Some(721);
        c.language = Some("de".into());
        c.notify_channels = Some("email,fax".into());
        c.delivery_slots.as_mut().unwrap()[0].capacity = 0;
        let fields: Vec<_> = c.validate().into_iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            [
                "geofence_radius_m",
                "retention_days",
                "custody_gap_hours",
                "redelivery_horizon_days",
                "eta_tolerance_minutes",
                "pin_above_value_cents",
                "time_zone",
                "language",
                "notify_channels",
                "delivery_slots[0].capacity"
            ]
        );
    }
}
