//! `/v1/shipments`: marketplaces create them; every party reads them shaped by DESIGN §6.

use actix_web::web::{Json, Path, Query};
use actix_web::{HttpRequest, HttpResponse, get, post};
use sha2::{Digest, Sha256};

use super::creation::{Asked, new_row, new_tracking, reference_taken, under_contract};
use super::model::{CreateShipment, Shipment, ShipmentFilter, ShipmentRow, Tracking};
use super::service::{self, Change, Locked, Patch};
use super::store::By;
use super::{store, validate};
use crate::access::{self, ContactFields, Party};
use crate::auth::Actor;
use crate::custody::model::Handoff;
use crate::error::{ApiError, ApiResult};
use crate::idempotency::{Idem, Stored};
use crate::orgs::model::OrgKind;
use crate::pagination::{Page, PageParams};
use crate::users::model::Role;
use crate::web::state::State;
use serde_json::json;

fn not_found() -> ApiError {
    ApiError::NotFound("shipment".to_owned())
}

enum Created {
    New(Box<ShipmentRow>),
    /// Same reference and body as an earlier request.
    Replay(Box<ShipmentRow>),
    /// Same `Idempotency-Key` and body as an earlier request.
    Stored(Stored),
}

/// Create a shipment (marketplace staff or API key). A retry with the same `Idempotency-Key`
/// and body gets the stored response; with the same reference and body (no key), the existing
/// shipment with 200. Either way the tracking token is not shown again (rotate it if it was
/// lost). The same reference with another body is a 409.
#[utoipa::path(
    tag = "shipments",
    security(("bearer" = [])),
    request_body = CreateShipment,
    params(("Idempotency-Key" = Option<String>, Header, description = "Retries with the same key and body get the stored response; with another body, 422 /problems/idempotency-key-reused")),
    responses(
        (status = 201, description = "Created, with the customer's tracking link (shown once)", body = Shipment),
        (status = 200, description = "A retry of an earlier identical request: the same shipment", body = Shipment),
        (status = 400, response = crate::error::responses::BadRequest),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 403, response = crate::error::responses::Forbidden),
        (status = 409, response = crate::error::responses::Conflict),
        (status = 413, response = crate::error::responses::PayloadTooLarge),
        (status = 415, response = crate::error::responses::UnsupportedMediaType),
        (status = 422, response = crate::error::responses::Unprocessable),
    )
)]
#[post("/v1/shipments")]
pub async fn create_shipment(
    state: State,
    actor: Actor,
    req: HttpRequest,
    body: Json<CreateShipment>,
) -> ApiResult<HttpResponse> {
    let marketplace_id = match (&actor.org_id, actor.org_kind, actor.role) {
        (Some(org), Some(OrgKind::Marketplace), Role::Admin | Role::Staff) => org.clone(),
        _ => {
            return Err(ApiError::Forbidden(
                "shipments are created by marketplaces".to_owned(),
            ));
        }
    };
    let input = body.into_inner();
    let (errors, phone) = validate::check(&input);
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let canonical = serde_json::to_vec(&input).unwrap_or_default();
    let request_hash = hex::encode(Sha256::digest(&canonical));
    let idem = Idem::from_request(&req, format!("{} POST /v1/shipments", actor.id), &canonical)?;
    let now = state.clock.naive();
    let (row, tracking) = new_row(
        &state.settings.public_url,
        &state.secrets,
        &marketplace_id,
        &input,
        phone,
        request_hash.clone(),
        now,
    );
    let given_zone = input.time_zone.clone();
    let given_lang = input.language.clone();
    let configured = state.settings.notify_channels;
    // Stored sealed: a working link to the customer's data is not kept in clear.
    let tracking_url = state
        .secrets
        .seal_field(crate::shipments::model::LINK_CONTEXT, &tracking.url)?;
    let marketplace_zone = actor.org_time_zone.clone();
    let reference = row.reference.clone();
    let ev_actor = actor.clone();
    let outcome = state
        .db
        .write(move |c| {
            if let Some(stored) = idem
                .as_ref()
                .map(|i| i.lookup(c, now))
                .transpose()?
                .flatten()
            {
                return Ok(Created::Stored(stored));
            }
            if let Some(existing) =
                store::find_by_reference(c, &row.marketplace_id, &row.reference)?
            {
                return replay_or_conflict(existing, &row.request_hash);
            }
            // Both partners' contracts in one query.
            let partners: Vec<&str> = [row.supplier_id.as_deref(), row.courier_id.as_deref()]
                .into_iter()
                .flatten()
                .collect();
            let contracts = match partners.is_empty() {
                true => Vec::new(),
                false => crate::contracts::store::active_with(c, &row.marketplace_id, &partners)?,
            };
            let asked = Asked {
                zone: given_zone.as_deref(),
                marketplace_zone: marketplace_zone.as_deref(),
                language: given_lang.as_deref(),
                configured,
                tracking_url: &tracking_url,
            };
            let row = under_contract(row, &contracts, &asked)?;
            let data = json!({"status": "created", "reference": row.reference,
                "contact_digest": crate::evidence::facts::recipient_digest(&row)});
            let change = Change::new(By::Actor(&ev_actor), now).event("shipment.created", data);
            service::apply(c, &mut Locked::new_shipment(row.clone()), change)?;
            if let Some(idem) = &idem {
                // The stored answer never holds the tracking token: only its hash is kept.
                let body = serde_json::to_string(&Shipment::view(row.clone(), ContactFields::ALL))
                    .map_err(anyhow::Error::from)?;
                idem.save(c, 201, &body, now)?;
            }
            Ok(Created::New(Box::new(row)))
        })
        .await;
    let outcome = match outcome {
        // Two identical requests raced: the loser finds the winner's row.
        Err(ApiError::Conflict(_)) => {
            let existing = state
                .db
                .read(move |c| Ok(store::find_by_reference(c, &marketplace_id, &reference)?))
                .await?
                .ok_or_else(not_found)?;
            replay_or_conflict(existing, &request_hash)?
        }
        other => other?,
    };
    Ok(match outcome {
        Created::New(row) => {
            tracing::info!(shipment_id = %row.id, "shipment created");
            let mut view = Shipment::view(*row, ContactFields::ALL);
            view.tracking = Some(tracking);
            HttpResponse::Created().json(view)
        }
        Created::Replay(row) => HttpResponse::Ok().json(Shipment::view(*row, ContactFields::ALL)),
        Created::Stored(stored) => HttpResponse::build(
            actix_web::http::StatusCode::from_u16(stored.status)
                .unwrap_or(actix_web::http::StatusCode::OK),
        )
        .content_type("application/json")
        .body(stored.body),
    })
}

fn replay_or_conflict(existing: ShipmentRow, request_hash: &str) -> ApiResult<Created> {
    if existing.request_hash == request_hash {
        Ok(Created::Replay(Box::new(existing)))
    } else {
        Err(reference_taken())
    }
}

/// Shipments the caller is party to, newest last, with filters. Lists carry no contact data
/// except for the owning marketplace; read one shipment to see (and log) contact fields.
#[utoipa::path(
    tag = "shipments",
    security(("bearer" = [])),
    params(PageParams, ShipmentFilter),
    responses(
        (status = 200, description = "A page of shipments", body = Page<Shipment>),
        (status = 400, response = crate::error::responses::BadRequest),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 422, response = crate::error::responses::Unprocessable),
    )
)]
#[get("/v1/shipments")]
pub async fn list_shipments(
    state: State,
    actor: Actor,
    page: Query<PageParams>,
    filter: Query<ShipmentFilter>,
) -> ApiResult<Json<Page<Shipment>>> {
    let page = page.validate()?;
    let f = filter.into_inner();
    let q = store::ListQuery {
        supplier_id: f.supplier_id,
        courier_id: f.courier_id,
        driver_id: f.driver_id,
        marketplace_id: None,
        reference: f.reference,
        status: f.status.map(|s| s.as_str().to_owned()),
        updated_since: f.updated_since.map(|t| t.naive_utc()),
        ..Default::default()
    };
    let req = page.clone();
    let rows = state
        .db
        .read({
            let actor = actor.clone();
            move |c| service::list(c, &actor, &req, q)
        })
        .await?;
    Ok(Json(Page::from_rows(
        rows,
        &page,
        |r| &r.id,
        |r| {
            let party = access::shipment_party(&actor, &r.parties());
            service::summary(r, party.unwrap_or(Party::Supplier))
        },
    )))
}

/// One shipment, with the contact fields the caller may see now. Reads of contact data by
/// anyone but the owning marketplace are logged.
#[utoipa::path(
    tag = "shipments",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Shipment id")),
    responses(
        (status = 200, description = "The shipment", body = Shipment),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 404, response = crate::error::responses::NotFound),
    )
)]
#[get("/v1/shipments/{id}")]
pub async fn get_shipment(
    state: State,
    actor: Result<Actor, ApiError>,
    id: Path<String>,
) -> ApiResult<Json<Shipment>> {
    let id = id.into_inner();
    // A concrete path is matched before a templated one (OpenAPI): GET /v1/shipments/batch is
    // not a read of a shipment named "batch".
    if id == "batch" {
        return Err(ApiError::MethodNotAllowed {
            allow: vec!["POST".to_owned()],
        });
    }
    let actor = actor?;
    let reader = actor.clone();
    let now = state.clock.naive();
    let (row, party, pending, live) = state
        .db
        .read(move |c| {
            let (row, party) = service::load_visible(c, &reader, &id)?;
            let pending = crate::custody::store::pending_for(c, &id)?;
            let live = service::live_estimate(c, &row, now)?;
            Ok((row, party, pending, live))
        })
        .await?;
    let fields = access::contact_fields(party, row.status());
    if fields.any() && access::contact_read_is_logged(party) && row.contact_erased_at.is_none() {
        let shipment_id = row.id.clone();
        let clock = state.clock.clone();
        state
            .db
            .write(move |c| {
                let names = fields.names();
                Ok(crate::access_log::log_contact_read(
                    c,
                    &shipment_id,
                    &actor,
                    &names,
                    "GET /v1/shipments/{id}",
                    clock.naive(),
                )?)
            })
            .await?;
    }
    let mut view = Shipment::view(row, fields);
    if pending.is_some() {
        view.next_statuses = crate::status::next_for(view.status, true);
    }
    view.pending_handoff = pending.map(|h| Handoff::view(h, state.clock.naive()));
    view.live = live;
    Ok(Json(view))
}

/// Rotate the customer's tracking token (owning marketplace): the old link stops working.
#[utoipa::path(
    tag = "shipments",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Shipment id")),
    responses(
        (status = 200, description = "The new tracking link, shown once", body = Tracking),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 404, response = crate::error::responses::NotFound),
    )
)]
#[post("/v1/shipments/{id}/tracking-token")]
pub async fn rotate_tracking_token(
    state: State,
    actor: Actor,
    id: Path<String>,
) -> ApiResult<Json<Tracking>> {
    let id = id.into_inner();
    let (tracking, hash) = new_tracking(&state.settings.public_url);
    let url = state
        .secrets
        .seal_field(crate::shipments::model::LINK_CONTEXT, &tracking.url)?;
    let clock = state.clock.clone();
    state
        .db
        .write(move |c| {
            let (mut locked, party) = service::lock_visible(c, &actor, &id)?;
            if party != Party::Owner {
                return Err(not_found());
            }
            let now = clock.naive();
            let mut change = Change::new(By::Actor(&actor), now)
                .patch(Patch::TrackingHash(hash))
                .event("tracking.rotated", json!({}));
            if locked.ship.notify_link.is_some() {
                change = change.patch(Patch::NotifyLink(Some(url)));
            }
            service::apply(c, &mut locked, change)?;
            Ok(())
        })
        .await?;
    Ok(Json(tracking))
}
