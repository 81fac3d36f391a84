//! What the API's `/v1/webhooks…` routes and the console's webhooks pages share.

use chrono::NaiveDateTime;

use super::model::{Delivery, DeliveryRow, SubscriptionRow};
use super::store;
use crate::access;
use crate::auth::Actor;
use crate::db::Conn;
use crate::error::{ApiError, ApiResult};
use crate::pagination::PageRequest;

fn not_found(what: &str) -> ApiError {
    ApiError::NotFound(what.to_owned())
}

/// A subscription of an org `actor` manages (anything else is not found).
/// One page of the subscriptions of the org the caller administers (the JSON list and the
/// console's page).
pub fn list(c: &mut Conn, actor: &Actor, page: &PageRequest) -> ApiResult<Vec<SubscriptionRow>> {
    let org = access::managed_org(actor, None)?;
    Ok(store::list(c, page, &org)?)
}

pub fn owned(c: &mut Conn, actor: &Actor, id: &str) -> ApiResult<SubscriptionRow> {
    store::find(c, id)?
        .filter(|s| access::manages_org(actor, &s.org_id))
        .ok_or_else(|| not_found("webhook"))
}

/// A page of a subscription's deliveries (oldest first), each with every try. `limit + 1`
/// rows at most, for the page's `next`.
pub fn deliveries(
    c: &mut Conn,
    actor: &Actor,
    id: &str,
    page: &PageRequest,
) -> ApiResult<Vec<(DeliveryRow, Delivery)>> {
    owned(c, actor, id)?;
    let rows = store::deliveries(c, id, page)?;
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let mut tries = store::tries_of(c, &ids)?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let (mine, rest): (Vec<_>, Vec<_>) =
                tries.drain(..).partition(|t| t.delivery_id == r.id);
            tries = rest;
            (r.clone(), Delivery::view(r, mine))
        })
        .collect())
}

/// Send a delivery again now (also a dead one), if its subscription is active.
pub fn retry(c: &mut Conn, actor: &Actor, id: &str, now: NaiveDateTime) -> ApiResult<DeliveryRow> {
    let d = store::find_delivery(c, id)?.ok_or_else(|| not_found("delivery"))?;
    let sub = owned(c, actor, &d.subscription_id).map_err(|_| not_found("delivery"))?;
    if !sub.active {
        return Err(ApiError::Conflict(
            "the subscription is not active".to_owned(),
        ));
    }
    store::retry(c, id, now)?;
    store::find_delivery(c, id)?.ok_or_else(|| not_found("delivery"))
}
