//! What the API's `/v1/webhooks…` routes and the console's webhooks pages share.

use chrono::NaiveDateTime;

use super::model::{CreateWebhook, Delivery, DeliveryRow, SubscriptionRow};
use super::rules::CATALOG;
use super::store;
use crate::access;
use crate::auth::Actor;
use crate::db::Conn;
use crate::error::{ApiError, ApiResult, FieldError};
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

/// A new signing secret, shown once.
pub fn new_secret() -> String {
    format!("whsec_{}", crate::ids::random_token(32))
}

/// The stored form of requested event types (`*` or sorted, deduplicated names), with an error
/// for each unknown one.
pub fn check_types(types: &[String], errors: &mut Vec<FieldError>) -> String {
    if types.is_empty() {
        errors.push(FieldError::new(
            "event_types",
            "name at least one type, or \"*\"",
        ));
    } else if types.iter().any(|t| t == "*") {
        return "*".to_owned();
    }
    for t in types {
        if !CATALOG.contains(&t.as_str()) {
            errors.push(FieldError::new(
                "event_types",
                format!("unknown event type {t:?}"),
            ));
        }
    }
    let mut sorted = types.to_vec();
    sorted.sort();
    sorted.dedup();
    sorted.join(",")
}

/// Whether `url` may receive deliveries (https, no private address unless allowed).
pub fn check_target(url: &str, allow_private: bool, errors: &mut Vec<FieldError>) {
    if url.len() > 2000 {
        errors.push(FieldError::new("url", "must have at most 2000 characters"));
    } else if let Err(why) = crate::outbound::check_url(url, allow_private) {
        errors.push(FieldError::new("url", why));
    }
}

/// What the server allows a subscription (DOORSTEP_WEBHOOK_ALLOW_PRIVATE,
/// DOORSTEP_WEBHOOK_MAX_SUBSCRIPTIONS).
#[derive(Debug, Clone, Copy)]
pub struct Policy {
    pub allow_private: bool,
    pub max_subscriptions: u32,
}

/// Subscribe the org `actor` administers to events (the API's `POST /v1/webhooks` and the
/// console's form): checked, its secret sealed at rest, and counted under the org's lock in
/// the insert's transaction, so two requests cannot both take the last place. The row and the
/// secret, which is shown this once.
pub fn create(
    c: &mut Conn,
    actor: &Actor,
    input: CreateWebhook,
    policy: Policy,
    secrets: &crate::secrets::Keyring,
    now: NaiveDateTime,
) -> ApiResult<(SubscriptionRow, String)> {
    let org_id = access::managed_org(actor, None)?;
    let mut errors = Vec::new();
    check_target(&input.url, policy.allow_private, &mut errors);
    let types = check_types(&input.event_types, &mut errors);
    if input
        .description
        .as_deref()
        .is_some_and(|d| d.chars().count() > 500)
    {
        errors.push(FieldError::new(
            "description",
            "must have at most 500 characters",
        ));
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let id = crate::ids::new_id("whk");
    let secret = new_secret();
    let sealed = secrets.seal(&id, &secret)?;
    let row = SubscriptionRow {
        id,
        org_id,
        url: input.url,
        description: input.description,
        event_types: types,
        secret: sealed.text,
        previous_secret: None,
        previous_secret_expires_at: None,
        active: true,
        disabled_reason: None,
        created_at: now,
        updated_at: now,
        secret_key_id: sealed.key_id,
        previous_secret_key_id: None,
    };
    crate::db::backend::lock_org(c, &row.org_id)?;
    let cap = policy.max_subscriptions;
    if store::count_kept(c, &row.org_id)? >= i64::from(cap) {
        return Err(ApiError::Conflict(format!(
            "an organisation may keep at most {cap} webhook subscriptions; delete one before \
             adding another"
        )));
    }
    store::insert(c, &row)?;
    Ok((row, secret))
}
