//! `POST /v1/shipments/batch`: up to 500 shipments in one request and one transaction, a
//! result per item. Each item is checked on its own (an invalid one does not stop the others),
//! is idempotent by its reference as a single creation is (the same reference and body: the
//! existing shipment, 200; another body: 409), and the whole batch by its `Idempotency-Key`.
//! The statements do not grow with the batch: the references and the contracts are read in one
//! query each, the shipments and their events written in one multi-row insert each, through the
//! one door's batch form (so the webhooks' outbox and customer messages are written for every
//! shipment created).

use std::collections::{BTreeSet, HashMap};

use actix_web::dev::JsonBody;
use actix_web::web::Payload;
use actix_web::{HttpRequest, HttpResponse, post};
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use utoipa::ToSchema;

use super::creation::{Asked, new_row, reference_taken, under_contract};
use super::model::{CreateShipment, Shipment, ShipmentRow, Tracking};
use super::service::{self, Change, Locked};
use super::store::{self, By};
use super::validate;
use crate::access::ContactFields;
use crate::auth::Actor;
use crate::db::Conn;
use crate::error::{ApiError, ApiResult, Problem};
use crate::idempotency::{Idem, Stored};
use crate::orgs::model::OrgKind;
use crate::users::model::Role;
use crate::web::state::State;

/// Items per batch.
pub const MAX_ITEMS: usize = 500;
/// The body of a batch: 500 shipments of up to 8 KiB each (a typical one is under 1 KiB; a
/// single creation takes up to the server's JSON limit, 64 KiB by default).
pub const BODY_LIMIT: usize = MAX_ITEMS * 8 * 1024;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateBatch {
    /// 1–500 shipments, each the body of `POST /v1/shipments`.
    #[schema(value_type = Vec<CreateShipment>)]
    pub shipments: Vec<Value>,
}

/// The outcome of one item, at its index in the request.
#[derive(Debug, Serialize, ToSchema)]
pub struct BatchItem {
    pub index: usize,
    /// 201 created (with its tracking link, shown once), 200 the existing shipment with this
    /// reference and the same body, or the problem's status (409 the reference is taken by
    /// another body, 422 invalid).
    pub status: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shipment: Option<Shipment>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem: Option<Problem>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BatchResult {
    /// One per item, in the order given.
    pub results: Vec<BatchItem>,
}

/// What the batch's transaction came to.
enum Outcome {
    /// The same `Idempotency-Key` and body as an earlier batch.
    Stored(Stored),
    Done(Vec<BatchItem>),
}

/// An item that passed the checks that need no database.
#[derive(Debug, Clone)]
struct Prepared {
    index: usize,
    row: ShipmentRow,
    given_zone: Option<String>,
    given_lang: Option<String>,
    tracking_url: String,
}

/// Create up to 500 shipments (marketplace staff or API key): one result per item, in order.
/// Items are independent: an invalid one gets its problem, the others are created. An item
/// whose reference the marketplace already used returns that shipment (200) when its body is
/// the same, else a 409 problem; the same holds for a reference repeated within the batch. A
/// retry with the same `Idempotency-Key` and body gets the stored results (tracking links are
/// shown only the first time).
#[utoipa::path(
    tag = "shipments",
    security(("bearer" = [])),
    request_body = CreateBatch,
    params(("Idempotency-Key" = Option<String>, Header, description = "Retries with the same key and body get the stored results; with another body, 422 /problems/idempotency-key-reused")),
    responses(
        (status = 200, description = "One result per item (each 201, 200 or a problem)", body = BatchResult),
        (status = 400, response = crate::error::responses::BadRequest),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 403, response = crate::error::responses::Forbidden),
        (status = 413, response = crate::error::responses::PayloadTooLarge),
        (status = 415, response = crate::error::responses::UnsupportedMediaType),
        (status = 422, response = crate::error::responses::Unprocessable),
        (status = 503, response = crate::error::responses::Unavailable),
    )
)]
#[post("/v1/shipments/batch")]
pub async fn create_batch(
    state: State,
    actor: Actor,
    req: HttpRequest,
    payload: Payload,
) -> Result<HttpResponse, actix_web::Error> {
    let marketplace_id = match (&actor.org_id, actor.org_kind, actor.role) {
        (Some(org), Some(OrgKind::Marketplace), Role::Admin | Role::Staff) => org.clone(),
        _ => {
            return Err(
                ApiError::Forbidden("shipments are created by marketplaces".to_owned()).into(),
            );
        }
    };
    let mut payload = payload.into_inner();
    let body: Value = JsonBody::new(&req, &mut payload, None, true)
        .limit(BODY_LIMIT)
        .await
        .map_err(|e| crate::error::json_error(e, &req))?;
    let canonical = serde_json::to_vec(&body).unwrap_or_default();
    let batch: CreateBatch = crate::error::object(body)?;
    if batch.shipments.is_empty() || batch.shipments.len() > MAX_ITEMS {
        return Err(ApiError::validation(
            "shipments",
            format!("must hold 1 to {MAX_ITEMS} shipments"),
        )
        .into());
    }
    let idem = Idem::from_request(
        &req,
        format!("{} POST /v1/shipments/batch", actor.id),
        &canonical,
    )?;
    let now = state.clock.naive();
    let mut results: Vec<Option<BatchItem>> = Vec::with_capacity(batch.shipments.len());
    let mut prepared = Vec::new();
    let mut tracking: HashMap<usize, Tracking> = HashMap::new();
    for (index, item) in batch.shipments.into_iter().enumerate() {
        let input: CreateShipment = match crate::error::object(item) {
            Ok(input) => input,
            Err(e) => {
                results.push(Some(failed(index, &e)));
                continue;
            }
        };
        let (errors, phone) = validate::check(&input);
        if !errors.is_empty() {
            results.push(Some(failed(index, &ApiError::Validation(errors))));
            continue;
        }
        // The same hash as a single creation's: a batch item replays a shipment created alone.
        let request_hash = hex::encode(Sha256::digest(
            serde_json::to_vec(&input).unwrap_or_default(),
        ));
        let (row, link) = new_row(
            &state.settings.public_url,
            &state.secrets,
            &marketplace_id,
            &input,
            phone,
            request_hash,
            now,
        );
        prepared.push(Prepared {
            index,
            row,
            given_zone: input.time_zone.clone(),
            given_lang: input.language.clone(),
            tracking_url: state
                .secrets
                .seal_field(crate::shipments::model::LINK_CONTEXT, &link.url)
                .map_err(ApiError::Internal)?,
        });
        tracking.insert(index, link);
        results.push(None);
    }
    // Two batches racing on a reference: the loser's insert fails whole, and its second run
    // finds the winner's shipments.
    let configured = state.settings.notify_channels;
    let mut outcome = Err(ApiError::Conflict(String::new()));
    for _ in 0..2 {
        let (actor, idem, prepared, results) = (
            actor.clone(),
            idem.clone(),
            prepared.clone(),
            checked(&results),
        );
        outcome = state
            .db
            .write(move |c| run(c, &actor, idem.as_ref(), prepared, results, configured, now))
            .await;
        if !matches!(outcome, Err(ApiError::Conflict(_))) {
            break;
        }
    }
    match outcome? {
        Outcome::Stored(stored) => Ok(HttpResponse::build(
            actix_web::http::StatusCode::from_u16(stored.status)
                .unwrap_or(actix_web::http::StatusCode::OK),
        )
        .content_type("application/json")
        .body(stored.body)),
        Outcome::Done(mut results) => {
            for item in &mut results {
                if item.status == 201
                    && let (Some(view), Some(link)) =
                        (item.shipment.as_mut(), tracking.remove(&item.index))
                {
                    view.tracking = Some(link);
                }
            }
            tracing::info!(
                created = results.iter().filter(|r| r.status == 201).count(),
                items = results.len(),
                "shipment batch"
            );
            Ok(HttpResponse::Ok().json(BatchResult { results }))
        }
    }
}

fn failed(index: usize, e: &ApiError) -> BatchItem {
    let problem = e.problem();
    BatchItem {
        index,
        status: problem.status,
        shipment: None,
        problem: Some(problem),
    }
}

/// The problems found before the database, by index (the rest are to be decided).
fn checked(results: &[Option<BatchItem>]) -> Vec<Option<Problem>> {
    results
        .iter()
        .map(|r| {
            r.as_ref()
                .and_then(|i| i.problem.as_ref())
                .map(copy_problem)
        })
        .collect()
}

fn copy_problem(p: &Problem) -> Problem {
    Problem {
        type_: p.type_.clone(),
        title: p.title.clone(),
        status: p.status,
        detail: p.detail.clone(),
        errors: p.errors.clone(),
        current_status: p.current_status.clone(),
        allowed_next: p.allowed_next.clone(),
    }
}

/// The batch's transaction: the stored answer, or every item decided and the new shipments
/// written (a constant number of statements, whatever the batch's size).
fn run(
    c: &mut Conn,
    actor: &Actor,
    idem: Option<&Idem>,
    prepared: Vec<Prepared>,
    checked: Vec<Option<Problem>>,
    configured: crate::channels::Channels,
    now: NaiveDateTime,
) -> ApiResult<Outcome> {
    if let Some(stored) = idem.map(|i| i.lookup(c, now)).transpose()?.flatten() {
        return Ok(Outcome::Stored(stored));
    }
    let marketplace = actor.org_id.clone().unwrap_or_default();
    let references: Vec<String> = prepared
        .iter()
        .map(|p| p.row.reference.clone())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut taken: HashMap<String, ShipmentRow> =
        store::find_by_references(c, &marketplace, &references)?
            .into_iter()
            .map(|r| (r.reference.clone(), r))
            .collect();
    let partners: Vec<&str> = prepared
        .iter()
        .flat_map(|p| [p.row.supplier_id.as_deref(), p.row.courier_id.as_deref()])
        .flatten()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let contracts = match partners.is_empty() {
        true => Vec::new(),
        false => crate::contracts::store::active_with(c, &marketplace, &partners)?,
    };
    let mut results: Vec<Option<BatchItem>> = checked
        .into_iter()
        .enumerate()
        .map(|(index, p)| {
            p.map(|problem| BatchItem {
                index,
                status: problem.status,
                shipment: None,
                problem: Some(problem),
            })
        })
        .collect();
    let mut created: Vec<ShipmentRow> = Vec::new();
    for p in prepared {
        let index = p.index;
        let decided = match taken.get(&p.row.reference) {
            // Taken before this batch, or by an earlier item of it.
            Some(existing) if existing.request_hash == p.row.request_hash => BatchItem {
                index,
                status: 200,
                shipment: Some(Shipment::view(existing.clone(), ContactFields::ALL)),
                problem: None,
            },
            Some(_) => failed(index, &reference_taken()),
            None => match under_contract(
                p.row,
                &contracts,
                &Asked {
                    zone: p.given_zone.as_deref(),
                    marketplace_zone: actor.org_time_zone.as_deref(),
                    language: p.given_lang.as_deref(),
                    configured,
                    tracking_url: &p.tracking_url,
                },
            ) {
                Ok(row) => {
                    taken.insert(row.reference.clone(), row.clone());
                    created.push(row.clone());
                    BatchItem {
                        index,
                        status: 201,
                        shipment: Some(Shipment::view(row, ContactFields::ALL)),
                        problem: None,
                    }
                }
                Err(e) => failed(index, &e),
            },
        };
        if let Some(slot) = results.get_mut(index) {
            *slot = Some(decided);
        }
    }
    // The door inserts them, their chains' heads included, in one multi-row insert.
    let mut locked: Vec<Locked> = created.into_iter().map(Locked::new_shipment).collect();
    let changes = locked
        .iter_mut()
        .map(|l| {
            let data = json!({"status": "created", "reference": l.ship.reference,
                "contact_digest": crate::evidence::facts::recipient_digest(&l.ship)});
            let change = Change::new(By::Actor(actor), now).event("shipment.created", data);
            (l, change)
        })
        .collect();
    service::apply_many(c, changes)?;
    let results: Vec<BatchItem> = results.into_iter().flatten().collect();
    if let Some(idem) = idem {
        // The stored answer never holds tracking tokens: only their hashes are kept.
        let body =
            serde_json::to_string(&json!({ "results": &results })).map_err(anyhow::Error::from)?;
        idem.save(c, 200, &body, now)?;
    }
    Ok(Outcome::Done(results))
}
