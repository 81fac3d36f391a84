use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::db::schema::{push_outbox, push_subscriptions};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = push_subscriptions)]
pub struct SubscriptionRow {
    pub id: String,
    pub user_id: String,
    pub endpoint: String,
    /// The browser's P-256 public key (uncompressed point, base64url).
    pub p256dh: String,
    /// The browser's 16-byte auth secret (base64url).
    pub auth: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = push_outbox)]
pub struct PushRow {
    pub id: String,
    pub subscription_id: String,
    pub shipment_id: String,
    /// The event it tells: with the subscription, the dedupe key (also the push's `Topic`).
    pub event_id: String,
    pub kind: String,
    /// The plaintext JSON, encrypted for the subscription at each send.
    pub payload: String,
    /// `pending`, `sent`, `failed` (retried later) or `dead` (given up).
    pub status: String,
    pub tries: i32,
    pub next_try_at: NaiveDateTime,
    pub locked_until: Option<NaiveDateTime>,
    pub last_error: Option<String>,
    pub created_at: NaiveDateTime,
    pub sent_at: Option<NaiveDateTime>,
}

/// The keys of a browser's push subscription.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PushKeys {
    /// The browser's P-256 public key: the uncompressed point (65 bytes), base64url.
    #[schema(
        example = "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM"
    )]
    pub p256dh: String,
    /// The browser's auth secret (16 bytes), base64url.
    #[schema(example = "tBHItJI5svbpez7KI4CCXg")]
    pub auth: String,
}

/// A browser's push subscription, as `PushSubscription.toJSON()` gives it.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewPushSubscription {
    /// The push service's URL for this browser (https).
    pub endpoint: String,
    /// Sent by browsers (usually null); not used: a subscription is removed when its push
    /// service answers 404 or 410.
    #[serde(rename = "expirationTime", default)]
    #[allow(dead_code)]
    pub expiration_time: Option<f64>,
    pub keys: PushKeys,
}

/// One of the calling driver's push subscriptions.
#[derive(Debug, Serialize, ToSchema)]
pub struct PushSubscription {
    pub id: String,
    pub endpoint: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<SubscriptionRow> for PushSubscription {
    fn from(r: SubscriptionRow) -> PushSubscription {
        PushSubscription {
            id: r.id,
            endpoint: r.endpoint,
            created_at: r.created_at.and_utc(),
            updated_at: r.updated_at.and_utc(),
        }
    }
}

/// The server's VAPID public key, for `pushManager.subscribe({applicationServerKey})`.
#[derive(Debug, Serialize, ToSchema)]
pub struct VapidPublicKey {
    /// The uncompressed P-256 point, base64url without padding.
    pub public_key: String,
}

/// The column context a browser's push `auth` secret is sealed under.
pub const AUTH_CONTEXT: &str = "push_subscriptions.auth";
