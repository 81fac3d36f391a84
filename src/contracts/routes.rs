//! `/v1/contracts`: a marketplace declares the suppliers and couriers it works with.

use actix_web::web::{Json, Path, Query};
use actix_web::{HttpResponse, get, patch, post};

use super::model::{
    Contract, ContractRow, CreateContract, DEFAULT_CUSTODY_GAP_HOURS,
    DEFAULT_ETA_TOLERANCE_MINUTES, DEFAULT_GEOFENCE_RADIUS_M, DEFAULT_NOTIFY_CHANNELS,
    DEFAULT_REDELIVERY_HORIZON_DAYS, DEFAULT_RETENTION_DAYS, UpdateContract,
};
use super::store;
use crate::access;
use crate::auth::Actor;
use crate::error::{ApiError, ApiResult, is_unique_violation};
use crate::orgs::model::OrgKind;
use crate::pagination::{Page, PageParams};
use crate::users::model::Role;
use crate::web::state::State;

fn not_found() -> ApiError {
    ApiError::NotFound("contract".to_owned())
}

/// Create a contract with a supplier or courier (marketplace admins).
#[utoipa::path(
    tag = "contracts",
    security(("bearer" = [])),
    request_body = CreateContract,
    responses(
        (status = 201, description = "Created", body = Contract),
        (status = 400, response = crate::error::responses::BadRequest),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 403, response = crate::error::responses::Forbidden),
        (status = 409, response = crate::error::responses::Conflict),
        (status = 413, response = crate::error::responses::PayloadTooLarge),
        (status = 415, response = crate::error::responses::UnsupportedMediaType),
        (status = 422, response = crate::error::responses::Unprocessable),
    )
)]
#[post("/v1/contracts")]
pub async fn create_contract(
    state: State,
    actor: Actor,
    body: Json<CreateContract>,
) -> ApiResult<HttpResponse> {
    let marketplace_id = match (&actor.org_id, actor.org_kind) {
        (Some(org), Some(OrgKind::Marketplace)) if access::manages_org(&actor, org) => org.clone(),
        _ => {
            return Err(ApiError::Forbidden(
                "contracts are created by a marketplace's admins".to_owned(),
            ));
        }
    };
    let input = body.into_inner();
    let errors = input.validate();
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let clock = state.clock.clone();
    let row = state
        .db
        .write(move |c| {
            let partner = crate::orgs::store::find(c, &input.partner_id)?;
            let kind = partner.as_ref().and_then(|p| OrgKind::parse(&p.kind));
            let partner_kind = match kind {
                Some(OrgKind::Supplier) => "supplier",
                Some(OrgKind::Courier) => "courier",
                _ => {
                    return Err(ApiError::validation(
                        "partner_id",
                        "must be the id of a supplier or courier org",
                    ));
                }
            };
            let now = clock.naive();
            let row = ContractRow {
                id: crate::ids::new_id("ctr"),
                marketplace_id,
                partner_id: input.partner_id,
                partner_kind: partner_kind.to_owned(),
                geofence_radius_m: input.geofence_radius_m.unwrap_or(DEFAULT_GEOFENCE_RADIUS_M),
                retention_days: input.retention_days.unwrap_or(DEFAULT_RETENTION_DAYS),
                custody_gap_hours: input.custody_gap_hours.unwrap_or(DEFAULT_CUSTODY_GAP_HOURS),
                photo_required_unattended: input.photo_required_unattended.unwrap_or(true),
                pin_above_value_cents: input.pin_above_value_cents,
                active: true,
                created_at: now,
                updated_at: now,
                time_zone: input.time_zone,
                redelivery_horizon_days: input
                    .redelivery_horizon_days
                    .unwrap_or(DEFAULT_REDELIVERY_HORIZON_DAYS),
                language: input.language,
                notify_channels: input
                    .notify_channels
                    .unwrap_or_else(|| DEFAULT_NOTIFY_CHANNELS.to_owned()),
                eta_tolerance_minutes: input
                    .eta_tolerance_minutes
                    .unwrap_or(DEFAULT_ETA_TOLERANCE_MINUTES),
                delivery_slots: input
                    .delivery_slots
                    .as_ref()
                    .and_then(|list| serde_json::to_string(list).ok()),
            };
            store::insert(c, &row).map_err(|e| {
                if is_unique_violation(&e) {
                    ApiError::Conflict("a contract with this partner already exists".to_owned())
                } else {
                    e.into()
                }
            })?;
            Ok(row)
        })
        .await?;
    Ok(HttpResponse::Created().json(Contract::from(row)))
}

/// Contracts the caller's org is party to (as marketplace or partner).
#[utoipa::path(
    tag = "contracts",
    security(("bearer" = [])),
    params(PageParams),
    responses(
        (status = 200, description = "A page of contracts", body = Page<Contract>),
        (status = 400, response = crate::error::responses::BadRequest),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 422, response = crate::error::responses::Unprocessable),
    )
)]
#[get("/v1/contracts")]
pub async fn list_contracts(
    state: State,
    actor: Actor,
    page: Query<PageParams>,
) -> ApiResult<Json<Page<Contract>>> {
    let page = page.validate()?;
    let org = match actor.role {
        Role::PlatformAdmin => None,
        Role::Driver => {
            return Ok(Json(Page::from_rows(
                Vec::new(),
                &page,
                |r: &ContractRow| &r.id,
                Contract::from,
            )));
        }
        _ => actor.org_id.clone(),
    };
    let req = page.clone();
    let rows = state
        .db
        .read(move |c| Ok(store::list(c, &req, org.as_deref())?))
        .await?;
    Ok(Json(Page::from_rows(
        rows,
        &page,
        |r| &r.id,
        Contract::from,
    )))
}

/// One contract, to its two parties.
#[utoipa::path(
    tag = "contracts",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Contract id")),
    responses(
        (status = 200, description = "The contract", body = Contract),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 404, response = crate::error::responses::NotFound),
    )
)]
#[get("/v1/contracts/{id}")]
pub async fn get_contract(
    state: State,
    actor: Actor,
    id: Path<String>,
) -> ApiResult<Json<Contract>> {
    let id = id.into_inner();
    let row = state.db.read(move |c| Ok(store::find(c, &id)?)).await?;
    match row {
        Some(r)
            if actor.role != Role::Driver
                && (access::sees_org(&actor, &r.marketplace_id)
                    || access::sees_org(&actor, &r.partner_id)) =>
        {
            Ok(Json(r.into()))
        }
        _ => Err(not_found()),
    }
}

/// Change a contract's settings or deactivate it (the marketplace's admins). Shipments
/// already handed over keep their partner; new ones need an active contract.
#[utoipa::path(
    tag = "contracts",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Contract id")),
    request_body = UpdateContract,
    responses(
        (status = 200, description = "Updated", body = Contract),
        (status = 400, response = crate::error::responses::BadRequest),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 403, response = crate::error::responses::Forbidden),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 413, response = crate::error::responses::PayloadTooLarge),
        (status = 415, response = crate::error::responses::UnsupportedMediaType),
        (status = 422, response = crate::error::responses::Unprocessable),
    )
)]
#[patch("/v1/contracts/{id}")]
pub async fn update_contract(
    state: State,
    actor: Actor,
    id: Path<String>,
    body: Json<UpdateContract>,
) -> ApiResult<Json<Contract>> {
    let changes = body.into_inner();
    let errors = changes.validate();
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let id = id.into_inner();
    let clock = state.clock.clone();
    let row = state
        .db
        .write(move |c| {
            let row = store::find(c, &id)?.ok_or_else(not_found)?;
            if !(access::sees_org(&actor, &row.marketplace_id)
                || access::sees_org(&actor, &row.partner_id))
                || actor.role == Role::Driver
            {
                return Err(not_found());
            }
            if !access::manages_org(&actor, &row.marketplace_id) {
                return Err(ApiError::Forbidden(
                    "contracts are changed by the marketplace's admins".to_owned(),
                ));
            }
            let nothing = changes.geofence_radius_m.is_none()
                && changes.retention_days.is_none()
                && changes.custody_gap_hours.is_none()
                && changes.photo_required_unattended.is_none()
                && changes.pin_above_value_cents.is_none()
                && changes.active.is_none()
                && changes.time_zone.is_none()
                && changes.redelivery_horizon_days.is_none()
                && changes.language.is_none()
                && changes.notify_channels.is_none()
                && changes.eta_tolerance_minutes.is_none()
                && changes.delivery_slots.is_none();
            // An empty change (`{}`, or a JSON array serde would read as one) is refused.
            if nothing {
                return Err(ApiError::validation("body", "names no setting to change"));
            }
            store::update(c, &id, &changes, clock.naive())?;
            store::find(c, &id)?.ok_or_else(not_found)
        })
        .await?;
    Ok(Json(row.into()))
}
