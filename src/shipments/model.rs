pub use crate::window::{Window, WindowChoice};
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::access::ContactFields;
use crate::db::schema::{shipment_events, shipments};
use crate::status::Status;

/// Every column given on insert (`None` as NULL, not DEFAULT: no column with a default is
/// nullable), so SQLite inserts a batch of them in one statement.
#[derive(Debug, Clone, Queryable, QueryableByName, Selectable, Insertable)]
#[diesel(table_name = shipments, treat_none_as_default_value = false)]
pub struct ShipmentRow {
    pub id: String,
    pub marketplace_id: String,
    pub reference: String,
    pub request_hash: String,
    pub supplier_id: Option<String>,
    pub courier_id: Option<String>,
    pub driver_id: Option<String>,
    pub status: String,
    pub window_start: NaiveDateTime,
    pub window_end: NaiveDateTime,
    pub window_firm: bool,
    pub recipient_name: Option<String>,
    pub recipient_phone: Option<String>,
    pub recipient_email: Option<String>,
    pub address_line1: Option<String>,
    pub address_line2: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    pub country: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub access_notes: Option<String>,
    pub call_before_arrival: bool,
    pub safe_place_allowed: bool,
    pub safe_place: Option<String>,
    pub parcel_description: Option<String>,
    pub weight_grams: Option<i32>,
    pub declared_value_cents: Option<i64>,
    pub tracking_token_hash: String,
    pub contact_erased_at: Option<NaiveDateTime>,
    pub early_consent_at: Option<NaiveDateTime>,
    pub finalized_at: Option<NaiveDateTime>,
    pub contact_erase_after: Option<NaiveDateTime>,
    pub eta_at: Option<NaiveDateTime>,
    pub handover_pin: Option<String>,
    pub pin_failures: i32,
    pub pin_locked_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// The facts in other tables that move its KPI counters (JSON, kept by the one door).
    pub kpi_facts: Option<String>,
    /// Bumped by the one door on every change (readers' caches compare it).
    pub version: i64,
    /// The IANA zone its times are shown in to people (stored times stay UTC).
    pub time_zone: String,
    /// Where the chain broke, once declared lost (JSON [`crate::custody::rules::Loss`], written
    /// by the one door with the status).
    pub loss: Option<String>,
    /// The courier's proposed re-delivery window, waiting for the customer (the one door drops
    /// it when the status changes).
    pub redelivery_proposed_start: Option<NaiveDateTime>,
    pub redelivery_proposed_end: Option<NaiveDateTime>,
    /// When the promised window was chosen for the re-delivery of this wait (the one door drops
    /// it when a new attempt fails).
    pub redelivery_chosen_at: Option<NaiveDateTime>,
    /// The channels its customer hears on (`email,sms`; none: `None`), see
    /// [`crate::channels::Channels`].
    pub notify_channels: Option<String>,
    /// The tracking link its messages carry, kept only while messages may be sent.
    pub notify_link: Option<String>,
    /// The language its customer reads messages in (`en`, `fr`), see
    /// [`crate::i18n::Lang`].
    pub language: String,
    /// Hex hash of the last chained event (see [`crate::evidence::rules`]), kept by the one door.
    pub chain_head: Option<String>,
    /// Events in the chain (events older than the chain are not counted).
    pub chain_len: i64,
    /// The secret salt of the contact digests its events chain; erased with the contact data.
    pub evidence_salt: Option<String>,
}

impl ShipmentRow {
    pub fn status(&self) -> Status {
        // The column only ever holds values written from `Status`.
        Status::parse(&self.status).unwrap_or(Status::Created)
    }

    pub fn parties(&self) -> crate::access::ShipmentParties<'_> {
        crate::access::ShipmentParties {
            marketplace_id: &self.marketplace_id,
            supplier_id: self.supplier_id.as_deref(),
            courier_id: self.courier_id.as_deref(),
            driver_id: self.driver_id.as_deref(),
            status: self.status(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Address {
    pub line1: String,
    pub line2: Option<String>,
    pub postal_code: String,
    pub city: String,
    /// ISO 3166-1 alpha-2, e.g. `FR`.
    #[schema(example = "FR")]
    pub country: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RecipientInput {
    pub name: String,
    /// Any common notation; stored in E.164, read in the address's country when no `+` prefix.
    #[schema(example = "06 12 34 56 78")]
    pub phone: String,
    pub email: Option<String>,
    pub address: Address,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// Intercom name, floor, door code… (up to 1000 characters).
    pub access_notes: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Preferences {
    /// The customer wants a call before the driver arrives.
    #[serde(default)]
    pub call_before_arrival: bool,
    /// The parcel may be left unattended at `safe_place`.
    #[serde(default)]
    pub safe_place_allowed: bool,
    pub safe_place: Option<String>,
}

/// A new delivery window, named as at creation: `{"window": {"start": …, "end": …}}` (so field
/// errors say `window.start`, `window.end`).
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewWindow {
    pub window: WindowChoice,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Parcel {
    pub description: Option<String>,
    pub weight_grams: Option<i32>,
    pub declared_value_cents: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateShipment {
    /// The marketplace's own reference, unique per marketplace (1–100 characters).
    #[schema(example = "ORDER-2026-0042")]
    pub reference: String,
    /// Needs an active contract with this supplier.
    pub supplier_id: Option<String>,
    /// Needs an active contract with this courier.
    pub courier_id: Option<String>,
    pub recipient: RecipientInput,
    #[serde(default)]
    pub preferences: Preferences,
    pub window: Window,
    #[serde(default)]
    pub parcel: Parcel,
    /// The IANA time zone the customer reads times in, e.g. `Europe/Paris`. Absent: the
    /// courier contract's, else the marketplace's default, else UTC. Times in JSON stay UTC.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(example = "Europe/Paris")]
    pub time_zone: Option<String>,
    /// The language the customer's messages are written in: `en` or `fr`. Absent: the
    /// courier contract's, else `en`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(example = "fr")]
    pub language: Option<String>,
}

/// Contact data as the caller may see it: fields the caller may not see are absent.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RecipientView {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub access_notes: Option<String>,
}

/// The customer's tracking link: shown once, at creation or rotation.
#[derive(Debug, Serialize, ToSchema)]
pub struct Tracking {
    #[schema(example = "trk_3q2…")]
    pub token: String,
    pub url: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Shipment {
    #[schema(example = "shp_01jd2v3k4m5n6p7q8r9s0t1u2v")]
    pub id: String,
    pub reference: String,
    pub marketplace_id: String,
    pub supplier_id: Option<String>,
    pub courier_id: Option<String>,
    pub driver_id: Option<String>,
    pub status: Status,
    /// States this shipment may move to next (`lost` from `created` or `at_supplier` only
    /// while a hand-off waits for its receiver, shown on a single shipment).
    pub next_statuses: Vec<Status>,
    pub window: Window,
    /// The IANA time zone its times are shown in to the customer (JSON times stay UTC).
    #[schema(example = "Europe/Paris")]
    pub time_zone: String,
    /// The language of the customer's messages (`en`, `fr`).
    #[schema(example = "fr")]
    pub language: String,
    /// After a failed attempt: the wait for a new visit (a proposal, the customer's choice).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub redelivery: Option<crate::redelivery::model::Redelivery>,
    /// Present when the caller may see any contact field.
    pub recipient: Option<RecipientView>,
    /// The delivery country (kept after contact data is erased).
    pub country: String,
    pub preferences: Preferences,
    pub parcel: Parcel,
    /// Who holds the parcel now (none once final).
    pub holder: Option<crate::custody::rules::Holder>,
    /// On a single shipment: the hand-off waiting for its receiver (`custody_gap` when overdue).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pending_handoff: Option<crate::custody::model::Handoff>,
    /// On a single shipment out for delivery: the driver's approach (stops before this one,
    /// minutes), as the customer sees it; see `eta.updated`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub live: Option<crate::live::model::LiveEstimate>,
    /// Once lost: where the chain broke — who last confirmed holding the parcel and since when,
    /// the hand-off that was never accepted (`in_transit`), and whose lost rate counts it.
    pub loss: Option<crate::custody::rules::Loss>,
    /// Contact fields were erased after the retention period.
    pub contact_erased: bool,
    /// Only in the response that created the shipment or rotated the token.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tracking: Option<Tracking>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Shipment {
    /// The shipment as a caller seeing `fields` of its contact data sees it.
    pub fn view(row: ShipmentRow, fields: ContactFields) -> Shipment {
        let status = row.status();
        let holder = crate::custody::rules::holder(status, row.driver_id.is_some());
        let redelivery = crate::redelivery::model::Redelivery::of(
            status,
            (row.redelivery_proposed_start, row.redelivery_proposed_end),
            row.redelivery_chosen_at,
        );
        let recipient = fields.any().then(|| RecipientView {
            name: row.recipient_name.clone().filter(|_| fields.name),
            phone: row.recipient_phone.clone().filter(|_| fields.phone),
            email: row.recipient_email.clone().filter(|_| fields.email),
            address: match (&row.address_line1, &row.postal_code, &row.city) {
                (Some(line1), Some(pc), Some(city)) if fields.address => Some(Address {
                    line1: line1.clone(),
                    line2: row.address_line2.clone(),
                    postal_code: pc.clone(),
                    city: city.clone(),
                    country: row.country.clone(),
                }),
                _ => None,
            },
            lat: row.lat.filter(|_| fields.address),
            lon: row.lon.filter(|_| fields.address),
            access_notes: row.access_notes.clone().filter(|_| fields.access_notes),
        });
        Shipment {
            id: row.id,
            reference: row.reference,
            marketplace_id: row.marketplace_id,
            supplier_id: row.supplier_id,
            courier_id: row.courier_id,
            driver_id: row.driver_id,
            status,
            next_statuses: crate::status::next_for(status, false),
            window: Window {
                start: row.window_start.and_utc(),
                end: row.window_end.and_utc(),
                firm: row.window_firm,
            },
            time_zone: row.time_zone,
            language: row.language,
            redelivery,
            recipient,
            country: row.country,
            preferences: Preferences {
                call_before_arrival: row.call_before_arrival,
                safe_place_allowed: row.safe_place_allowed,
                // Where a parcel may be left is about the home: contact data.
                safe_place: row.safe_place.filter(|_| fields.address),
            },
            parcel: Parcel {
                description: row.parcel_description,
                weight_grams: row.weight_grams,
                declared_value_cents: row.declared_value_cents,
            },
            holder,
            pending_handoff: None,
            live: None,
            loss: crate::custody::rules::Loss::decode(row.loss.as_deref()),
            contact_erased: row.contact_erased_at.is_some(),
            tracking: None,
            created_at: row.created_at.and_utc(),
            updated_at: row.updated_at.and_utc(),
        }
    }
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ShipmentFilter {
    /// The marketplace's own order reference, exact match (at most one per marketplace).
    pub reference: Option<String>,
    pub status: Option<Status>,
    pub courier_id: Option<String>,
    pub supplier_id: Option<String>,
    pub driver_id: Option<String>,
    /// Only shipments changed at or after this time (RFC 3339).
    pub updated_since: Option<DateTime<Utc>>,
}

/// An event of a shipment's timeline: appended by the one door, read by the timeline routes.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = shipment_events)]
pub struct EventRow {
    pub id: String,
    pub shipment_id: String,
    pub kind: String,
    pub actor_kind: String,
    pub actor_id: Option<String>,
    pub actor_org_id: Option<String>,
    /// JSON.
    pub data: String,
    pub created_at: NaiveDateTime,
    /// Its place in the shipment's evidence chain (none: written before the chain existed).
    pub chain_seq: Option<i64>,
    /// Hex SHA-256 chaining it to the event before.
    pub hash: Option<String>,
}

/// The column context the handover PIN is sealed under (`secrets::Keyring::seal_field`).
pub const PIN_CONTEXT: &str = "shipments.handover_pin";

/// The column context the tracking link is sealed under (`secrets::Keyring::seal_field`).
pub const LINK_CONTEXT: &str = "shipments.notify_link";

/// Who wrote an event: a user, an API key, the customer through the link, or the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    User,
    ApiKey,
    Customer,
    System,
}

/// One entry of a shipment's append-only timeline.
#[derive(Debug, Serialize, ToSchema)]
pub struct Event {
    pub id: String,
    /// e.g. `shipment.created`, `handoff.accepted`, `shipment.contact_updated`.
    pub kind: String,
    #[schema(value_type = ActorKind)]
    pub actor_kind: String,
    pub actor_id: Option<String>,
    pub actor_org_id: Option<String>,
    /// What changed (status from/to, location, notes…).
    #[schema(value_type = Object)]
    pub data: serde_json::Value,
    pub at: DateTime<Utc>,
}

impl From<EventRow> for Event {
    fn from(r: EventRow) -> Self {
        Event {
            id: r.id,
            kind: r.kind,
            actor_kind: r.actor_kind,
            actor_id: r.actor_id,
            actor_org_id: r.actor_org_id,
            data: serde_json::from_str(&r.data).unwrap_or(serde_json::Value::Null),
            at: r.created_at.and_utc(),
        }
    }
}
