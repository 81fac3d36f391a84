//! The `Actor` extractor: who is calling, from `Authorization: Bearer <JWT | API key>`
//! (the identity itself is `auth::model::Actor`).

use std::future::Future;
use std::pin::Pin;

use actix_web::{FromRequest, HttpRequest, dev::Payload, http::header};

use crate::api_keys;
use crate::auth::Actor;
use crate::error::ApiError;
use crate::users::model::Role;
use crate::web::state::AppState;

fn bearer(req: &HttpRequest) -> Result<String, ApiError> {
    let value = req.headers().get(header::AUTHORIZATION).ok_or_else(|| {
        ApiError::Unauthorized("missing Authorization: Bearer credentials".to_owned())
    })?;
    let value = value
        .to_str()
        .map_err(|_| ApiError::Unauthorized("malformed Authorization header".to_owned()))?;
    let (scheme, token) = value
        .split_once(' ')
        .ok_or_else(|| ApiError::Unauthorized("malformed Authorization header".to_owned()))?;
    if !scheme.eq_ignore_ascii_case("bearer") || token.trim().is_empty() {
        return Err(ApiError::Unauthorized(
            "the Authorization scheme must be Bearer".to_owned(),
        ));
    }
    Ok(token.trim().to_owned())
}

async fn authenticate(req: HttpRequest) -> Result<Actor, ApiError> {
    let state = req
        .app_data::<actix_web::web::Data<AppState>>()
        .cloned()
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("application state missing")))?;
    let token = bearer(&req)?;
    if token.starts_with(api_keys::model::KEY_PREFIX) {
        return api_keys::store::authenticate(&state.db, token, state.clock.naive()).await;
    }
    let invalid = || ApiError::Unauthorized("invalid or expired access token".to_owned());
    let user_id = state.jwt.verify(&token).ok_or_else(invalid)?;
    // The primary, not the read replica: a deactivated user is refused at once.
    let found = state
        .db
        .read_primary(move |c| Ok(crate::users::store::find_with_org(c, &user_id)?))
        .await?;
    let (user, org) = found.ok_or_else(invalid)?;
    let actor = Actor::of_user(user, org).ok_or_else(invalid)?;
    if actor.role == Role::Driver {
        seen(&state, &actor.id).await?;
    }
    Ok(actor)
}

/// A driver's request (or login): a sighting, written at most once a minute per process
/// (`auth::sightings`), so a claim sent later of an earlier, "offline" time is found out.
pub async fn seen(state: &AppState, driver: &str) -> Result<(), ApiError> {
    let now = state.clock.naive();
    if !state.sightings.due(driver, now) {
        return Ok(());
    }
    let id = driver.to_owned();
    state
        .db
        .write(move |c| Ok(crate::auth::sightings::record(c, &id, now)?))
        .await?;
    state.sightings.written(driver, now);
    Ok(())
}

impl FromRequest for Actor {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Actor, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        Box::pin(authenticate(req.clone()))
    }
}
