//! `/v1/shipments`: marketplaces create them; every party reads them shaped by DESIGN §6.

use actix_web::web::{Json, Path, Query};
use actix_web::{HttpRequest, HttpResponse, get, post};
use chrono::Utc;
use sha2::{Digest, Sha256};

use super::model::{CreateShipment, Shipment, ShipmentFilter, ShipmentRow, Tracking};
use super::rules::Status;
use super::service::{self, Change, Locked};
use super::store::By;
use super::{store, validate};
use crate::access::{self, ContactFields, Party};
use crate::auth::Actor;
use crate::custody::model::Handoff;
use crate::error::{ApiError, ApiResult, FieldError};
use crate::idempotency::{Idem, Stored};
use crate::kpis::rules::RecordedFacts;
use crate::orgs::model::OrgKind;
use crate::pagination::{Page, PageParams};
use crate::server::state::{AppState, State};
use crate::users::model::Role;
use serde_json::json;

fn not_found() -> ApiError {
    ApiError::NotFound("shipment".to_owned())
}

pub(super) fn new_tracking(state: &AppState) -> (Tracking, String) {
    let token = format!("trk_{}", crate::ids::random_token(32));
    let hash = crate::ids::secret_hash(&token);
    let url = format!("{}/t/{token}", state.settings.public_url);
    (Tracking { token, url }, hash)
}

/// A new shipment's row from a checked body (the time zone is resolved once the courier's
/// contract is read), with its tracking link (shown once).
pub(super) fn new_row(
    state: &AppState,
    marketplace_id: &str,
    input: &CreateShipment,
    phone: Option<String>,
    request_hash: String,
    now: chrono::NaiveDateTime,
) -> (ShipmentRow, Tracking) {
    let (tracking, tracking_hash) = new_tracking(state);
    let r = &input.recipient;
    let row = ShipmentRow {
        id: crate::ids::new_id("shp"),
        marketplace_id: marketplace_id.to_owned(),
        reference: input.reference.trim().to_owned(),
        request_hash,
        supplier_id: input.supplier_id.clone(),
        courier_id: input.courier_id.clone(),
        driver_id: None,
        status: Status::Created.as_str().to_owned(),
        window_start: input.window.start.naive_utc(),
        window_end: input.window.end.naive_utc(),
        window_firm: input.window.firm,
        recipient_name: Some(r.name.trim().to_owned()),
        recipient_phone: phone,
        recipient_email: r.email.as_deref().map(crate::users::rules::normalize_email),
        address_line1: Some(r.address.line1.trim().to_owned()),
        address_line2: r.address.line2.clone(),
        postal_code: Some(r.address.postal_code.trim().to_owned()),
        city: Some(r.address.city.trim().to_owned()),
        country: r.address.country.clone(),
        lat: r.lat,
        lon: r.lon,
        access_notes: r.access_notes.clone(),
        call_before_arrival: input.preferences.call_before_arrival,
        safe_place_allowed: input.preferences.safe_place_allowed,
        safe_place: input.preferences.safe_place.clone(),
        parcel_description: input.parcel.description.clone(),
        weight_grams: input.parcel.weight_grams,
        declared_value_cents: input.parcel.declared_value_cents,
        tracking_token_hash: tracking_hash,
        contact_erased_at: None,
        early_consent_at: None,
        finalized_at: None,
        contact_erase_after: None,
        eta_at: None,
        handover_pin: Some(service::new_pin()),
        pin_failures: 0,
        pin_locked_at: None,
        created_at: now,
        updated_at: now,
        kpi_facts: Some(RecordedFacts::default().encode()),
        version: 0,
        // Set below, once the courier's contract is read.
        time_zone: String::new(),
        loss: None,
        redelivery_proposed_start: None,
        redelivery_proposed_end: None,
        redelivery_chosen_at: None,
        // Set by `under_contract`, once the courier's contract is read.
        notify_channels: None,
        notify_link: None,
        language: String::new(),
        chain_head: None,
        chain_len: 0,
        evidence_salt: Some(crate::ids::random_token(24)),
    };
    (row, tracking)
}

/// What the caller asked for beside the contracts: applied by [`under_contract`].
pub(super) struct Asked<'a> {
    pub zone: Option<&'a str>,
    pub marketplace_zone: Option<&'a str>,
    pub language: Option<&'a str>,
    /// The channels this server sends on.
    pub configured: crate::notifications::rules::Channels,
    /// The customer's link, which the messages carry.
    pub tracking_url: &'a str,
}

/// The row, once its partners are checked against the marketplace's active `contracts` (422
/// naming each partner without one), in its time zone (given, else the courier's contract's,
/// else the marketplace's) and language (given, else the courier's contract's), heard on the
/// channels the courier's contract offers of those the server has, for which it has contact.
pub(super) fn under_contract(
    row: ShipmentRow,
    contracts: &[crate::contracts::model::ContractRow],
    asked: &Asked<'_>,
) -> ApiResult<ShipmentRow> {
    let mut errors = Vec::new();
    for (field, partner, kind) in [
        ("supplier_id", &row.supplier_id, "supplier"),
        ("courier_id", &row.courier_id, "courier"),
    ] {
        if let Some(p) = partner {
            let ok = contracts.iter().any(|ct| {
                &ct.partner_id == p
                    && ct.partner_kind == kind
                    && ct.marketplace_id == row.marketplace_id
            });
            if !ok {
                errors.push(FieldError::new(
                    field,
                    format!("no active contract with this {kind}"),
                ));
            }
        }
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let courier = contracts
        .iter()
        .find(|ct| Some(&ct.partner_id) == row.courier_id.as_ref());
    let courier_zone = courier.and_then(|ct| ct.time_zone.as_deref());
    let offered = courier.map_or(asked.configured, |ct| {
        asked
            .configured
            .and(crate::contracts::model::channels_of(ct))
    });
    let notify_channels = crate::notifications::rules::Channels::at_creation(
        offered,
        row.recipient_email.is_some(),
        row.recipient_phone.is_some(),
    )
    .encode();
    let language = crate::tracking::i18n::Lang::resolve(
        asked.language,
        courier.and_then(|ct| ct.language.as_deref()),
    );
    Ok(ShipmentRow {
        time_zone: crate::timezone::resolve(asked.zone, courier_zone, asked.marketplace_zone),
        notify_link: notify_channels
            .is_some()
            .then(|| asked.tracking_url.to_owned()),
        notify_channels,
        language: language.code().to_owned(),
        ..row
    })
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
        (status = 400, response = crate::server::openapi::BadRequest),
        (status = 401, response = crate::server::openapi::Unauthorized),
        (status = 403, response = crate::server::openapi::Forbidden),
        (status = 409, response = crate::server::openapi::Conflict),
        (status = 413, response = crate::server::openapi::PayloadTooLarge),
        (status = 415, response = crate::server::openapi::UnsupportedMediaType),
        (status = 422, response = crate::server::openapi::Unprocessable),
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
    let now = Utc::now().naive_utc();
    let (row, tracking) = new_row(
        &state,
        &marketplace_id,
        &input,
        phone,
        request_hash.clone(),
        now,
    );
    let given_zone = input.time_zone.clone();
    let given_lang = input.language.clone();
    let configured = state.settings.notify_channels();
    let tracking_url = tracking.url.clone();
    let marketplace_zone = actor.org_time_zone.clone();
    let reference = row.reference.clone();
    let ev_actor = actor.clone();
    let outcome = state
        .db
        .write(move |c| {
            if let Some(stored) = idem.as_ref().map(|i| i.lookup(c)).transpose()?.flatten() {
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
                "contact_digest": crate::evidence::service::recipient_digest(&row)});
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

/// The marketplace's reference names a shipment created with another body.
pub(super) fn reference_taken() -> ApiError {
    ApiError::Conflict(
        "this reference is already used by a shipment with different details".to_owned(),
    )
}

/// Shipments the caller is party to, newest last, with filters. Lists carry no contact data
/// except for the owning marketplace; read one shipment to see (and log) contact fields.
#[utoipa::path(
    tag = "shipments",
    security(("bearer" = [])),
    params(PageParams, ShipmentFilter),
    responses(
        (status = 200, description = "A page of shipments", body = Page<Shipment>),
        (status = 400, response = crate::server::openapi::BadRequest),
        (status = 401, response = crate::server::openapi::Unauthorized),
        (status = 422, response = crate::server::openapi::Unprocessable),
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
    let mut q = store::ListQuery {
        supplier_id: f.supplier_id,
        courier_id: f.courier_id,
        driver_id: f.driver_id,
        marketplace_id: None,
        reference: f.reference,
        status: f.status.map(|s| s.as_str().to_owned()),
        updated_since: f.updated_since.map(|t| t.naive_utc()),
    };
    service::scope_list(&actor, &mut q)?;
    let req = page.clone();
    let rows = state
        .db
        .read(move |c| Ok(store::list(c, &req, &q)?))
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
        (status = 401, response = crate::server::openapi::Unauthorized),
        (status = 404, response = crate::server::openapi::NotFound),
    )
)]
#[get("/v1/shipments/{id}")]
pub async fn get_shipment(
    state: State,
    actor: Actor,
    id: Path<String>,
) -> ApiResult<Json<Shipment>> {
    let id = id.into_inner();
    let reader = actor.clone();
    let (row, party, pending) = state
        .db
        .read(move |c| {
            let (row, party) = service::load_visible(c, &reader, &id)?;
            let pending = crate::custody::store::pending_for(c, &id)?;
            Ok((row, party, pending))
        })
        .await?;
    let fields = access::contact_fields(party, row.status());
    if fields.any() && access::contact_read_is_logged(party) && row.contact_erased_at.is_none() {
        let shipment_id = row.id.clone();
        state
            .db
            .write(move |c| {
                let names = fields.names();
                Ok(crate::contacts::store::log_contact_read(
                    c,
                    &shipment_id,
                    &actor,
                    &names,
                    "GET /v1/shipments/{id}",
                    Utc::now().naive_utc(),
                )?)
            })
            .await?;
    }
    let mut view = Shipment::view(row, fields);
    if pending.is_some() {
        view.next_statuses = crate::shipments::rules::next_for(view.status, true);
    }
    view.pending_handoff = pending.map(|h| Handoff::view(h, Utc::now().naive_utc()));
    Ok(Json(view))
}

/// Rotate the customer's tracking token (owning marketplace): the old link stops working.
#[utoipa::path(
    tag = "shipments",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Shipment id")),
    responses(
        (status = 200, description = "The new tracking link, shown once", body = Tracking),
        (status = 401, response = crate::server::openapi::Unauthorized),
        (status = 404, response = crate::server::openapi::NotFound),
    )
)]
#[post("/v1/shipments/{id}/tracking-token")]
pub async fn rotate_tracking_token(
    state: State,
    actor: Actor,
    id: Path<String>,
) -> ApiResult<Json<Tracking>> {
    let id = id.into_inner();
    let (tracking, hash) = new_tracking(&state);
    let url = tracking.url.clone();
    state
        .db
        .write(move |c| {
            let (mut locked, party) = service::lock_visible(c, &actor, &id)?;
            if party != Party::Owner {
                return Err(not_found());
            }
            let now = Utc::now().naive_utc();
            store::set_tracking_hash(c, &id, &hash, now)?;
            if locked.ship.notify_link.is_some() {
                crate::notifications::outbox::set_link(c, &id, &url)?;
                locked.ship.notify_link = Some(url);
            }
            let change = Change::new(By::Actor(&actor), now).event("tracking.rotated", json!({}));
            service::apply(c, &mut locked, change)?;
            Ok(())
        })
        .await?;
    Ok(Json(tracking))
}
