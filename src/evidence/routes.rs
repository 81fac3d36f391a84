//! The evidence routes: the signing keys, the signed roots, a shipment's evidence bundle.

use actix_web::web::{Json, Path, Query};
use actix_web::{HttpResponse, get, post};
use serde::Deserialize;

use super::model::{Bundle, KeySet, PublicKey, Root};
use super::rules;
use super::service;
use super::store;
use crate::auth::Actor;
use crate::error::{ApiError, ApiResult};
use crate::pagination::{Page, PageParams};
use crate::users::model::Role;
use crate::web::state::State;

/// The public keys that sign evidence roots: the current one and every one that signed a kept
/// root (a rotated key stays listed as long as its roots exist). No authentication.
#[utoipa::path(
    tag = "evidence",
    responses(
        (status = 200, description = "The signing keys", body = KeySet),
    )
)]
#[get("/.well-known/doorstep-keys.json")]
pub async fn public_keys(state: State) -> ApiResult<Json<KeySet>> {
    // Only the configured keys: a key that reached the database (an inserted root) is never
    // vouched for here.
    let current = &state.evidence_keys;
    let mut keys = vec![PublicKey {
        key_id: current.key_id.clone(),
        algorithm: rules::ALGORITHM.to_owned(),
        public_key: current.public_key.clone(),
        current: true,
    }];
    keys.extend(
        current
            .retired
            .iter()
            .map(|(key_id, public_key)| PublicKey {
                key_id: key_id.clone(),
                algorithm: rules::ALGORITHM.to_owned(),
                public_key: public_key.clone(),
                current: false,
            }),
    );
    Ok(Json(KeySet { keys }))
}

/// Signed roots, oldest first (any authenticated caller: roots carry no shipment data).
#[utoipa::path(
    tag = "evidence",
    security(("bearer" = [])),
    params(PageParams),
    responses(
        (status = 200, description = "Signed roots", body = Page<Root>),
        (status = 400, response = crate::error::responses::BadRequest),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 422, response = crate::error::responses::Unprocessable),
    )
)]
#[get("/v1/evidence/roots")]
pub async fn list_roots(
    state: State,
    _actor: Actor,
    page: Query<PageParams>,
) -> ApiResult<Json<Page<Root>>> {
    let page = page.validate()?;
    let req = page.clone();
    let rows = state
        .db
        .read(move |c| Ok(store::list_roots(c, &req)?))
        .await?;
    Ok(Json(Page::from_rows(rows, &page, |r| &r.id, Root::from)))
}

/// Sign a root now over the chain heads of the shipments changed since the last root
/// (platform admins; the server also signs one every day).
#[utoipa::path(
    tag = "evidence",
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The new root", body = Root),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 403, response = crate::error::responses::Forbidden),
        (status = 409, response = crate::error::responses::Conflict),
    )
)]
#[post("/v1/evidence/roots")]
pub async fn sign_root(state: State, actor: Actor) -> ApiResult<HttpResponse> {
    if actor.role != Role::PlatformAdmin {
        return Err(ApiError::Forbidden(
            "roots are signed on demand by platform admins".to_owned(),
        ));
    }
    let keys = state.evidence_keys.clone();
    let clock = state.clock.clone();
    let row = state
        .db
        .write(move |c| service::sign_root(c, &keys, clock.naive()))
        .await?
        .ok_or_else(|| ApiError::Conflict("no shipment changed since the last root".to_owned()))?;
    Ok(HttpResponse::Created().json(Root::from(row)))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct EvidenceQuery {
    /// `true`: a zip with `bundle.json` and the original photos (for whom may see them).
    #[serde(default)]
    pub photos: bool,
}

/// A shipment's evidence bundle: its chained events, attempts with their verdicts, photos'
/// hashes, whether the chain checks, and the inclusion proof to the latest signed root.
/// Verify it offline with `doorstep verify`. Parties of the shipment only.
#[utoipa::path(
    tag = "evidence",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Shipment id"), EvidenceQuery),
    responses(
        (status = 200, description = "The bundle (or, with `photos=true`, a zip of it and the photos)", body = Bundle,
            content((Bundle = "application/json"), (Vec<u8> = "application/zip"))),
        (status = 400, response = crate::error::responses::BadRequest),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 404, response = crate::error::responses::NotFound),
    )
)]
#[get("/v1/shipments/{id}/evidence")]
pub async fn evidence(
    state: State,
    actor: Actor,
    id: Path<String>,
    q: Query<EvidenceQuery>,
) -> ApiResult<HttpResponse> {
    let export = super::export::export(
        state.evidence_sources(),
        &actor,
        &id.into_inner(),
        q.photos,
        "GET /v1/shipments/{id}/evidence",
    )
    .await?;
    Ok(super::export::response(export))
}
