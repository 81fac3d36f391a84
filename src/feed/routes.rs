//! `GET /v1/events`: a party's event feed.

use actix_web::get;
use actix_web::web::{Json, Query};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::rules::{self, Cursor};
use super::store;
use crate::auth::Actor;
use crate::error::{ApiError, ApiResult};
use crate::users::model::Role;
use crate::web::state::State;
use crate::webhooks::dispatcher::payload_json;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct FeedParams {
    /// `next_cursor` of the previous page; absent: from the beginning.
    pub after: Option<String>,
    /// Comma-separated event types from the webhook catalog (all when absent).
    #[param(example = "shipment.created,shipment.delivered")]
    pub types: Option<String>,
    /// Events per page, 1–1000 (default 100).
    pub limit: Option<i64>,
}

/// An event as a webhook delivers it and the feed serves it.
#[derive(ToSchema)]
#[allow(dead_code)] // the document's shape of `webhooks::service`'s payloads
pub struct EventPayload {
    /// The event's id: a receiver dedupes by it (a delivery may be retried).
    #[schema(example = "evt_01jd2v3k4m5n6p7q8r9s0t1u2v")]
    id: String,
    /// The event type (`ping` when a subscription is tested).
    #[schema(value_type = String, example = "shipment.delivered")]
    r#type: String,
    created_at: chrono::DateTime<chrono::Utc>,
    /// What changed (status from/to, the attempt, the dispute …), as the timeline records it.
    #[schema(value_type = Object)]
    data: serde_json::Value,
    /// The shipment as the receiver's org may see it when the event was sent (absent for
    /// events of no shipment, like `kpi.target_missed` and `ping`).
    shipment: Option<crate::shipments::model::Shipment>,
}

/// A page of the feed.
#[derive(Debug, Serialize, ToSchema)]
pub struct FeedPage {
    /// The events, each exactly the body a webhook of the caller's org would be sent (`id`,
    /// `type`, `created_at`, `data`, and the shipment as the caller may see it now), in commit
    /// order.
    #[schema(value_type = Vec<EventPayload>)]
    pub items: Vec<serde_json::Value>,
    /// Where to resume: always present, also when the page is empty. Opaque; valid across
    /// restarts.
    pub next_cursor: String,
}

/// The events the caller's org would receive by webhook (all types), as their payloads, in the
/// order they committed. Resume from `next_cursor`: no event is skipped (one that commits late
/// is served once every transaction before it has ended) nor served twice. Marketplace,
/// supplier and courier staff and API keys only, each seeing the shipments they are party to.
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = [])),
    params(FeedParams),
    responses(
        (status = 200, description = "A page of events", body = FeedPage),
        (status = 400, response = crate::error::responses::BadRequest),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 403, response = crate::error::responses::Forbidden),
        (status = 422, response = crate::error::responses::Unprocessable),
    )
)]
#[get("/v1/events")]
pub async fn feed(
    state: State,
    actor: Actor,
    params: Query<FeedParams>,
) -> ApiResult<Json<FeedPage>> {
    let org = match (&actor.org_id, actor.role) {
        (Some(org), Role::Admin | Role::Staff) => org.clone(),
        _ => {
            return Err(ApiError::Forbidden(
                "the event feed is read by an org's staff or API keys".to_owned(),
            ));
        }
    };
    let p = params.into_inner();
    let mut errors = Vec::new();
    let after = match p.after.as_deref() {
        None => Some(Cursor::default()),
        Some(c) => Cursor::decode(c),
    };
    if after.is_none() {
        errors.push(crate::error::FieldError::new(
            "after",
            "is not a cursor returned by this feed",
        ));
    }
    let types = rules::parse_types(p.types.as_deref(), crate::webhooks::rules::CATALOG)
        .map_err(|e| errors.push(crate::error::FieldError::new("types", e)))
        .ok()
        .flatten();
    let limit = rules::check_limit(p.limit)
        .map_err(|e| errors.push(crate::error::FieldError::new("limit", e)))
        .unwrap_or(rules::DEFAULT_LIMIT);
    let (Some(after), true) = (after, errors.is_empty()) else {
        return Err(ApiError::Validation(errors));
    };
    let page = state
        .db
        .read(move |c| {
            let horizon = store::horizon(c)?;
            let rows = store::page(c, &org, &after, horizon, types.as_deref(), limit)?;
            let full = rows.len() as i64 == limit;
            let last = rows.last().map(|(ev, txid, _)| Cursor {
                txid: *txid,
                id: ev.id.clone(),
            });
            let items = rows
                .iter()
                .map(|(ev, _, ship)| payload_json(ev, ship, &org))
                .collect();
            Ok(FeedPage {
                items,
                next_cursor: after.next(last, full, horizon).encode(),
            })
        })
        .await?;
    Ok(Json(page))
}
