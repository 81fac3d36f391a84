use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::rules::{Reason, Suggestion};
use crate::attempts::model::{Attempt, ContactAttempt};
use crate::db::schema::disputes;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = disputes)]
pub struct DisputeRow {
    pub id: String,
    pub shipment_id: String,
    pub attempt_id: Option<String>,
    pub marketplace_id: String,
    pub courier_id: Option<String>,
    pub reason: String,
    pub comment: Option<String>,
    pub status: String,
    pub courier_response: Option<String>,
    pub responded_at: Option<NaiveDateTime>,
    pub responded_by: Option<String>,
    pub resolution: Option<String>,
    pub remedy: Option<String>,
    pub resolution_note: Option<String>,
    pub resolved_at: Option<NaiveDateTime>,
    pub resolved_by: Option<String>,
    pub created_at: NaiveDateTime,
}

/// The customer contests an attempt ("This is not right").
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateDispute {
    /// The attempt contested; the latest one when absent.
    pub attempt_id: Option<String>,
    pub reason: Reason,
    /// Up to 2000 characters.
    pub comment: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RespondDispute {
    /// The courier's account (1–2000 characters).
    pub response: String,
}

/// Where a dispute stands: the courier answers an open one, the marketplace resolves it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DisputeStatus {
    Open,
    Responded,
    Resolved,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Resolution {
    Upheld,
    Rejected,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Remedy {
    Redeliver,
    Refund,
    Reship,
    Compensation,
    None,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResolveDispute {
    pub resolution: Resolution,
    pub remedy: Remedy,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Dispute {
    #[schema(example = "dsp_01jd2v3k4m5n6p7q8r9s0t1u2v")]
    pub id: String,
    pub shipment_id: String,
    pub attempt_id: Option<String>,
    #[schema(value_type = crate::disputes::rules::Reason)]
    pub reason: String,
    pub comment: Option<String>,
    #[schema(value_type = DisputeStatus)]
    pub status: String,
    pub courier_response: Option<String>,
    pub responded_at: Option<DateTime<Utc>>,
    #[schema(value_type = Option<Resolution>)]
    pub resolution: Option<String>,
    #[schema(value_type = Option<Remedy>)]
    pub remedy: Option<String>,
    pub resolution_note: Option<String>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl From<DisputeRow> for Dispute {
    fn from(r: DisputeRow) -> Self {
        Dispute {
            id: r.id,
            shipment_id: r.shipment_id,
            attempt_id: r.attempt_id,
            reason: r.reason,
            comment: r.comment,
            status: r.status,
            courier_response: r.courier_response,
            responded_at: r.responded_at.map(|t| t.and_utc()),
            resolution: r.resolution,
            remedy: r.remedy,
            resolution_note: r.resolution_note,
            resolved_at: r.resolved_at.map(|t| t.and_utc()),
            created_at: r.created_at.and_utc(),
        }
    }
}

/// Everything needed to decide: the dispute, the attempt with its verdict and photos, the
/// driver's contact attempts, both sides' words, and what the evidence suggests.
#[derive(Debug, Serialize, ToSchema)]
pub struct Evidence {
    pub dispute: Dispute,
    pub attempt: Option<Attempt>,
    pub contact_attempts: Vec<ContactAttempt>,
    pub promised_window: crate::window::Window,
    pub suggested_outcome: Suggestion,
    pub suggestion_reason: String,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DisputeFilter {
    #[param(value_type = Option<DisputeStatus>)]
    pub status: Option<String>,
    pub shipment_id: Option<String>,
}

impl Resolution {
    pub fn as_str(self) -> &'static str {
        match self {
            Resolution::Upheld => "upheld",
            Resolution::Rejected => "rejected",
        }
    }
}

impl Remedy {
    pub fn as_str(self) -> &'static str {
        match self {
            Remedy::Redeliver => "redeliver",
            Remedy::Refund => "refund",
            Remedy::Reship => "reship",
            Remedy::Compensation => "compensation",
            Remedy::None => "none",
        }
    }
}
