use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::db::schema::notifications;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = notifications)]
pub struct NotificationRow {
    pub id: String,
    pub shipment_id: String,
    /// The event it tells: with the channel, the dedupe key (also sent as a header).
    pub event_id: String,
    pub channel: String,
    /// The address or E.164 number; erased with the contact data.
    pub recipient: Option<String>,
    pub subject: Option<String>,
    pub body: Option<String>,
    pub lang: String,
    /// `pending`, `sent`, `failed` (a try failed, retried later) or `dead` (given up).
    pub status: String,
    pub tries: i32,
    pub next_try_at: NaiveDateTime,
    pub locked_until: Option<NaiveDateTime>,
    pub last_error: Option<String>,
    pub created_at: NaiveDateTime,
    pub sent_at: Option<NaiveDateTime>,
}

/// One message of a shipment's log. The owning marketplace sees recipient and subject; other
/// parties see channel and state only.
#[derive(Debug, Serialize, ToSchema)]
pub struct Notification {
    pub id: String,
    pub event_id: String,
    #[schema(value_type = NotificationChannel)]
    pub channel: String,
    #[schema(value_type = NotificationStatus)]
    pub status: String,
    pub tries: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recipient: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    pub lang: String,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub next_try_at: Option<DateTime<Utc>>,
    pub sent_at: Option<DateTime<Utc>>,
}

impl Notification {
    pub fn view(r: NotificationRow, owner: bool) -> Notification {
        let waiting = matches!(r.status.as_str(), "pending" | "failed");
        Notification {
            id: r.id,
            event_id: r.event_id,
            channel: r.channel,
            status: r.status,
            tries: r.tries,
            recipient: if owner { r.recipient } else { None },
            subject: if owner { r.subject } else { None },
            lang: r.lang,
            // Errors of a delivery may describe the recipient: the owner's to read.
            last_error: if owner { r.last_error } else { None },
            created_at: r.created_at.and_utc(),
            next_try_at: waiting.then(|| r.next_try_at.and_utc()),
            sent_at: r.sent_at.map(|t| t.and_utc()),
        }
    }
}

/// The customer's choice of channels (`POST /v1/track/{token}/notifications`); an absent field
/// stays as it is.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NotificationChoice {
    pub email: Option<bool>,
    pub sms: Option<bool>,
}

/// The channels the customer hears on.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NotificationChannels {
    pub email: bool,
    pub sms: bool,
}

/// How a customer is told.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum NotificationChannel {
    Email,
    Sms,
}

/// Where a message stands: `failed` is retried later, `dead` was given up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum NotificationStatus {
    Pending,
    Sent,
    Failed,
    Dead,
}
