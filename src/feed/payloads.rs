//! The `data` of each event type, as webhooks and the feed deliver it: the document's shapes of
//! what the producers write. A shipment's events pass the one door
//! (`shipments::service::Change::event`), which stores each `data` exactly as its producer
//! built it (it adds no key: statuses, ids and notes are the producer's own), and
//! `webhooks::dispatcher::payload_json` delivers it unchanged; `eta.updated`,
//! `kpi.target_missed` and `ping` are built by the dispatcher and the subscription test, not
//! stored. A key that is always written but may be `null` is required and nullable here; a key
//! written only sometimes is optional. Events recorded by older versions may lack keys added
//! since (`contact_digest`, `judged`, `loss`, `beyond_tolerance`, `awaiting_redelivery`).
//! `tests/api/feed.rs` checks recorded events against them.
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::Schema;

use crate::attempts::model::{Channel, ContactOutcome};
use crate::attempts::rules::{FailureReason, Flag, Outcome, Placement};
use crate::custody::model::{Condition, Location};
use crate::custody::rules::{HandoffTarget, Loss};
use crate::disputes::model::{Remedy, Resolution};
use crate::disputes::rules::Reason;
use crate::kpis::model::TargetMiss;
use crate::kpis::rules::Tag;
use crate::live::model::LiveEstimate;
use crate::shipments::model::WindowChoice;
use crate::status::Status;

/// `shipment.created`: the shipment exists (single and bulk creation write the same).
#[derive(Serialize, ToSchema)]
#[allow(dead_code)]
pub struct ShipmentCreated {
    /// Always `created`: the status it starts in.
    pub status: Status,
    pub reference: String,
    /// Salted digest of the recipient's contact data as created (the evidence chain's; never
    /// the data itself).
    pub contact_digest: String,
}

/// `handoff.requested`: a party hands the parcel on; custody moves when the receiver accepts.
#[derive(Serialize, ToSchema)]
#[allow(dead_code)]
pub struct HandoffRequested {
    pub handoff_id: String,
    pub to: HandoffTarget,
    /// The receiving org (the supplier, or the courier for `courier` and `driver`).
    pub to_org_id: String,
    /// The driver it is addressed to, if any.
    #[schema(required)]
    pub to_driver_id: Option<String>,
    /// Where the giver was, if they said.
    #[schema(required)]
    pub location: Option<Location>,
    #[schema(required)]
    pub note: Option<String>,
}

/// `handoff.accepted`: the receiver took the parcel; custody and the status follow (the two
/// statuses are equal when the status does not change, e.g. a driver reassigned).
#[derive(Serialize, ToSchema)]
#[allow(dead_code)]
pub struct HandoffAccepted {
    pub handoff_id: String,
    pub from_status: Status,
    pub to_status: Status,
    pub to: HandoffTarget,
    /// The parcel's condition on receipt.
    pub condition: Condition,
    #[schema(required)]
    pub note: Option<String>,
    /// Where the receiver was, if they said.
    #[schema(required)]
    pub location: Option<Location>,
}

/// `handoff.rejected`: the receiver refused the parcel; custody stays with the giver.
#[derive(Serialize, ToSchema)]
#[allow(dead_code)]
pub struct HandoffRejected {
    pub handoff_id: String,
    /// Why the receiver refused it (the API always asks for one).
    #[schema(required)]
    pub reason: Option<String>,
}

/// `custody.gap`: a hand-off was not accepted before it was due.
#[derive(Serialize, ToSchema)]
#[allow(dead_code)]
pub struct CustodyGap {
    pub handoff_id: String,
}

/// `shipment.out_for_delivery`: the round starts (declared by the driver or the courier), or
/// starts again with a new attempt after a failed one (`note` is then `re-attempt`).
#[derive(Serialize, ToSchema)]
#[allow(dead_code)]
pub struct StatusChanged {
    pub from_status: Status,
    pub to_status: Status,
    /// `null` when declared; `re-attempt` when a new attempt restarted the round.
    #[schema(required)]
    pub note: Option<String>,
}

/// `shipment.cancelled` (and `shipment.returned`): a party ended the shipment, with its reason.
#[derive(Serialize, ToSchema)]
#[allow(dead_code)]
pub struct StatusDeclared {
    pub from_status: Status,
    pub to_status: Status,
    /// The reason given (1–1000 characters).
    pub note: String,
}

/// `shipment.lost`: the parcel is declared lost, with where the chain of custody broke.
#[derive(Serialize, ToSchema)]
#[allow(dead_code)]
pub struct ShipmentLost {
    pub from_status: Status,
    /// Always `lost`.
    pub to_status: Status,
    /// The reason given (1–1000 characters).
    pub note: String,
    pub loss: Loss,
}

/// `shipment.delivered`, `shipment.attempt_failed`: the status an attempt moved the parcel to
/// (follows its `attempt.recorded`).
#[derive(Serialize, ToSchema)]
#[allow(dead_code)]
pub struct AttemptStatusChanged {
    pub from_status: Status,
    pub to_status: Status,
    pub attempt_id: String,
}

/// `shipment.eta`: the driver's estimated arrival.
#[derive(Serialize, ToSchema)]
#[allow(dead_code)]
pub struct EtaSet {
    pub eta: DateTime<Utc>,
    /// The estimate before this one.
    #[schema(required)]
    pub previous: Option<DateTime<Utc>>,
    /// Whether the estimate moved beyond the contract's tolerance (the customer is told);
    /// present only when the customer hears on some channel.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub beyond_tolerance: Option<bool>,
}

/// `eta.updated`: the driver's approach to a stop (webhooks only, not stored nor in the feed).
#[derive(Serialize, ToSchema)]
#[allow(dead_code)]
pub struct EtaUpdated {
    pub shipment_id: String,
    pub live: LiveEstimate,
}

/// A contact field the customer changed (named, never its value).
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[allow(dead_code)]
pub enum ContactField {
    Phone,
    Email,
    AccessNotes,
    Preferences,
}

/// `shipment.contact_updated`: the customer changed contact details on the link.
#[derive(Serialize, ToSchema)]
#[allow(dead_code)]
pub struct ContactUpdated {
    /// The fields changed, never their values (every party sees the timeline).
    pub fields: Vec<ContactField>,
    /// Salted digest of the contact data after the change; `null` for a shipment created
    /// before digests were kept.
    #[schema(required)]
    pub contact_digest: Option<String>,
}

/// `shipment.rescheduled`: the customer moved the promised window.
#[derive(Serialize, ToSchema)]
#[allow(dead_code)]
pub struct Rescheduled {
    pub old_window: WindowChoice,
    pub new_window: WindowChoice,
}

/// `shipment.early_consent`, `shipment.early_declined`, `contact.erased`, `ping` (and
/// `tracking.rotated`): nothing more than the event itself, `{}`.
#[derive(Serialize, ToSchema)]
#[allow(dead_code)]
pub struct Empty {}

/// `redelivery.proposed`: the courier proposes a re-delivery window.
#[derive(Serialize, ToSchema)]
#[allow(dead_code)]
pub struct RedeliveryProposed {
    pub window: WindowChoice,
}

/// `redelivery.chosen`: the customer chose the re-delivery window (or accepted the proposal);
/// it becomes the firm promise.
#[derive(Serialize, ToSchema)]
#[allow(dead_code)]
pub struct RedeliveryChosen {
    pub window: WindowChoice,
    /// The promised window before.
    pub old_window: WindowChoice,
    /// Whether the customer accepted the courier's proposal rather than choosing.
    pub accepted_proposal: bool,
}

/// `contact_attempt.recorded`: the driver called, texted or rang before arriving.
#[derive(Serialize, ToSchema)]
#[allow(dead_code)]
pub struct ContactAttemptRecorded {
    pub contact_attempt_id: String,
    pub channel: Channel,
    pub outcome: ContactOutcome,
    /// Device time.
    pub occurred_at: DateTime<Utc>,
}

/// An attempt as the server judged it, as the evidence chain covers it (`judged` of
/// `attempt.recorded` and `attempt.photo_added`: the latest judgement).
#[derive(Serialize, ToSchema)]
#[allow(dead_code)]
pub struct JudgedAttempt {
    pub outcome: Outcome,
    #[schema(required)]
    pub failure_reason: Option<FailureReason>,
    #[schema(required)]
    pub placement: Option<Placement>,
    /// Device time, canonical (`YYYY-MM-DDTHH:MM:SS.ffffffZ`).
    #[schema(format = DateTime)]
    pub occurred_at: String,
    /// Server time, canonical.
    #[schema(format = DateTime)]
    pub received_at: String,
    /// Metres from the address, rounded; `null` without GPS or a geocoded address.
    #[schema(required)]
    pub distance_m: Option<f64>,
    pub flags: Vec<Flag>,
    pub verified: bool,
    pub pin_verified: bool,
    /// Salted digest of the attempt's private facts; `null` once erased.
    #[schema(required)]
    pub private_digest: Option<String>,
}

/// `attempt.recorded`: the driver recorded a delivery attempt, with the server's verdict.
#[derive(Serialize, ToSchema)]
#[allow(dead_code)]
pub struct AttemptRecorded {
    pub attempt_id: String,
    pub outcome: Outcome,
    pub flags: Vec<Flag>,
    /// Metres from the address, rounded; `null` without GPS or a geocoded address.
    #[schema(required)]
    pub distance_m: Option<f64>,
    /// No flags.
    pub verified: bool,
    pub judged: JudgedAttempt,
}

/// `attempt.photo_added`: a photo of an attempt, and the attempt judged again with it.
#[derive(Serialize, ToSchema)]
#[allow(dead_code)]
pub struct PhotoAdded {
    pub attempt_id: String,
    pub photo_id: String,
    #[schema(value_type = crate::attempts::model::PhotoKind)]
    pub kind: String,
    /// Hex SHA-256 of the stored photo.
    pub sha256: String,
    /// The attempt's flags after this photo.
    pub flags: Vec<Flag>,
    pub judged: JudgedAttempt,
}

/// `dispute.opened`: the customer contests an attempt (or the parcel) on the link.
#[derive(Serialize, ToSchema)]
#[allow(dead_code)]
pub struct DisputeOpened {
    pub dispute_id: String,
    /// The attempt contested: the one named, else the last; `null` when there was none.
    #[schema(required)]
    pub attempt_id: Option<String>,
    pub reason: Reason,
}

/// `dispute.responded`: the courier answered (the answer itself is read on the dispute).
#[derive(Serialize, ToSchema)]
#[allow(dead_code)]
pub struct DisputeResponded {
    pub dispute_id: String,
}

/// `dispute.resolved`: the marketplace's decision.
#[derive(Serialize, ToSchema)]
#[allow(dead_code)]
pub struct DisputeResolved {
    pub dispute_id: String,
    pub resolution: Resolution,
    pub remedy: Remedy,
    /// Upheld about a failed attempt while the parcel waits in `attempt_failed`: the customer
    /// chooses the re-delivery window.
    pub awaiting_redelivery: bool,
}

/// `rating.submitted`, `rating.changed`: the customer's rating (the comment stays off the
/// timeline).
#[derive(Serialize, ToSchema)]
#[allow(dead_code)]
pub struct RatingGiven {
    pub rating_id: String,
    /// 1–5.
    pub stars: i32,
    pub tags: Vec<Tag>,
}

/// `handover_pin.reset`: the handover PIN was reset after wrong tries locked it.
#[derive(Serialize, ToSchema)]
#[allow(dead_code)]
pub struct PinReset {
    /// This reset's number (1 for the first).
    pub reset: u32,
    /// The most resets a shipment allows.
    pub of: u32,
}

/// Every event type and the schema name of its `data`.
pub const DATA_SCHEMAS: &[(&str, &str)] = &[
    ("shipment.created", "ShipmentCreated"),
    ("handoff.requested", "HandoffRequested"),
    ("handoff.accepted", "HandoffAccepted"),
    ("handoff.rejected", "HandoffRejected"),
    ("custody.gap", "CustodyGap"),
    ("shipment.out_for_delivery", "StatusChanged"),
    ("shipment.eta", "EtaSet"),
    ("eta.updated", "EtaUpdated"),
    ("shipment.contact_updated", "ContactUpdated"),
    ("shipment.rescheduled", "Rescheduled"),
    ("shipment.early_consent", "Empty"),
    ("shipment.early_declined", "Empty"),
    ("redelivery.proposed", "RedeliveryProposed"),
    ("redelivery.chosen", "RedeliveryChosen"),
    ("contact_attempt.recorded", "ContactAttemptRecorded"),
    ("attempt.recorded", "AttemptRecorded"),
    ("attempt.photo_added", "PhotoAdded"),
    ("shipment.delivered", "AttemptStatusChanged"),
    ("shipment.attempt_failed", "AttemptStatusChanged"),
    ("shipment.lost", "ShipmentLost"),
    ("shipment.cancelled", "StatusDeclared"),
    ("dispute.opened", "DisputeOpened"),
    ("dispute.responded", "DisputeResponded"),
    ("dispute.resolved", "DisputeResolved"),
    ("contact.erased", "Empty"),
    ("rating.submitted", "RatingGiven"),
    ("rating.changed", "RatingGiven"),
    ("kpi.target_missed", "TargetMiss"),
    ("ping", "Empty"),
];

/// Event types that are not in the webhook catalog but still reach subscriptions to `*` and the
/// unfiltered feed (they pass the same door), and the schema name of their `data`.
pub const UNLISTED_DATA_SCHEMAS: &[(&str, &str)] = &[
    ("shipment.returned", "StatusDeclared"),
    ("tracking.rotated", "Empty"),
    ("handover_pin.reset", "PinReset"),
];

/// Each `data` schema by name, with the schemas they refer to (statuses, windows, flags …),
/// each name once.
pub fn schemas() -> Vec<(String, RefOr<Schema>)> {
    fn add<T: ToSchema>(out: &mut Vec<(String, RefOr<Schema>)>) {
        out.push((
            <T as ToSchema>::name().into_owned(),
            <T as utoipa::PartialSchema>::schema(),
        ));
        <T as ToSchema>::schemas(out);
    }
    let mut out = Vec::new();
    add::<ShipmentCreated>(&mut out);
    add::<HandoffRequested>(&mut out);
    add::<HandoffAccepted>(&mut out);
    add::<HandoffRejected>(&mut out);
    add::<CustodyGap>(&mut out);
    add::<StatusChanged>(&mut out);
    add::<StatusDeclared>(&mut out);
    add::<ShipmentLost>(&mut out);
    add::<AttemptStatusChanged>(&mut out);
    add::<EtaSet>(&mut out);
    add::<EtaUpdated>(&mut out);
    add::<ContactUpdated>(&mut out);
    add::<Rescheduled>(&mut out);
    add::<Empty>(&mut out);
    add::<RedeliveryProposed>(&mut out);
    add::<RedeliveryChosen>(&mut out);
    add::<ContactAttemptRecorded>(&mut out);
    add::<AttemptRecorded>(&mut out);
    add::<PhotoAdded>(&mut out);
    add::<DisputeOpened>(&mut out);
    add::<DisputeResponded>(&mut out);
    add::<DisputeResolved>(&mut out);
    add::<RatingGiven>(&mut out);
    add::<TargetMiss>(&mut out);
    add::<PinReset>(&mut out);
    let mut seen = std::collections::HashSet::new();
    out.retain(|(name, _)| seen.insert(name.clone()));
    out
}
