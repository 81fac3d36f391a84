use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::db::schema::{webhook_deliveries, webhook_subscriptions, webhook_tries};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = webhook_subscriptions)]
pub struct SubscriptionRow {
    pub id: String,
    pub org_id: String,
    pub url: String,
    pub description: Option<String>,
    pub event_types: String,
    pub secret: String,
    pub previous_secret: Option<String>,
    pub previous_secret_expires_at: Option<NaiveDateTime>,
    pub active: bool,
    pub disabled_reason: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// The key that sealed `secret` / `previous_secret` (`None`: plain text, see `secrets`).
    pub secret_key_id: Option<String>,
    pub previous_secret_key_id: Option<String>,
}

impl SubscriptionRow {
    pub fn stored_secret(&self) -> crate::secrets::Stored {
        crate::secrets::Stored {
            text: self.secret.clone(),
            key_id: self.secret_key_id.clone(),
        }
    }

    pub fn stored_previous_secret(&self) -> Option<crate::secrets::Stored> {
        self.previous_secret
            .as_ref()
            .map(|text| crate::secrets::Stored {
                text: text.clone(),
                key_id: self.previous_secret_key_id.clone(),
            })
    }
}

#[derive(Debug, Clone, Queryable, QueryableByName, Selectable, Insertable)]
#[diesel(table_name = webhook_deliveries)]
pub struct DeliveryRow {
    pub id: String,
    pub subscription_id: String,
    pub event_id: String,
    pub event_type: String,
    pub payload: String,
    pub status: String,
    pub tries: i32,
    pub next_try_at: NaiveDateTime,
    pub locked_until: Option<NaiveDateTime>,
    pub last_status_code: Option<i32>,
    pub last_error: Option<String>,
    pub last_latency_ms: Option<i32>,
    pub delivered_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = webhook_tries)]
pub struct TryRow {
    pub id: String,
    pub delivery_id: String,
    pub at: NaiveDateTime,
    pub status_code: Option<i32>,
    pub error: Option<String>,
    pub latency_ms: i32,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateWebhook {
    /// https:// (http:// and private addresses only with DOORSTEP_WEBHOOK_ALLOW_PRIVATE=true).
    #[schema(example = "https://partner.example/doorstep-events")]
    pub url: String,
    /// Types from the catalog, or `["*"]` for all.
    pub event_types: Vec<String>,
    pub description: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateWebhook {
    pub url: Option<String>,
    pub event_types: Option<Vec<String>>,
    pub description: Option<String>,
    /// Re-enable a subscription disabled by a 410, or pause one.
    pub active: Option<bool>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Webhook {
    #[schema(example = "whk_01jd2v3k4m5n6p7q8r9s0t1u2v")]
    pub id: String,
    pub org_id: String,
    pub url: String,
    pub description: Option<String>,
    pub event_types: Vec<String>,
    pub active: bool,
    /// Why it was disabled (e.g. the receiver answered 410 Gone).
    pub disabled_reason: Option<String>,
    /// Until then the previous secret's signature is sent too.
    pub previous_secret_expires_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<SubscriptionRow> for Webhook {
    fn from(r: SubscriptionRow) -> Self {
        Webhook {
            id: r.id,
            org_id: r.org_id,
            url: r.url,
            description: r.description,
            event_types: r.event_types.split(',').map(str::to_owned).collect(),
            active: r.active,
            disabled_reason: r.disabled_reason,
            previous_secret_expires_at: r.previous_secret_expires_at.map(|t| t.and_utc()),
            created_at: r.created_at.and_utc(),
            updated_at: r.updated_at.and_utc(),
        }
    }
}

/// A subscription with its signing secret: shown when created or rotated, never again.
#[derive(Debug, Serialize, ToSchema)]
pub struct WebhookWithSecret {
    #[serde(flatten)]
    pub webhook: Webhook,
    #[schema(example = "whsec_3q2…")]
    pub secret: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Try {
    pub at: DateTime<Utc>,
    pub status_code: Option<i32>,
    pub error: Option<String>,
    pub latency_ms: i32,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Delivery {
    pub id: String,
    pub webhook_id: String,
    pub event_id: String,
    pub event_type: String,
    #[schema(value_type = DeliveryStatus)]
    pub status: String,
    pub tries: i32,
    pub next_try_at: Option<DateTime<Utc>>,
    pub last_status_code: Option<i32>,
    pub last_error: Option<String>,
    pub last_latency_ms: Option<i32>,
    pub delivered_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    /// Every try, oldest first.
    pub history: Vec<Try>,
}

impl Delivery {
    pub fn view(r: DeliveryRow, history: Vec<TryRow>) -> Delivery {
        Delivery {
            next_try_at: (r.status == "pending").then(|| r.next_try_at.and_utc()),
            id: r.id,
            webhook_id: r.subscription_id,
            event_id: r.event_id,
            event_type: r.event_type,
            status: r.status,
            tries: r.tries,
            last_status_code: r.last_status_code,
            last_error: r.last_error,
            last_latency_ms: r.last_latency_ms,
            delivered_at: r.delivered_at.map(|t| t.and_utc()),
            created_at: r.created_at.and_utc(),
            history: history
                .into_iter()
                .map(|t| Try {
                    at: t.at.and_utc(),
                    status_code: t.status_code,
                    error: t.error,
                    latency_ms: t.latency_ms,
                })
                .collect(),
        }
    }
}

/// Where a webhook delivery stands: `dead` once given up (after about 3 days of retries).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryStatus {
    Pending,
    Delivered,
    Dead,
}
