//! The `Actor` extractor: who is calling, from `Authorization: Bearer <JWT | API key>`.

use std::future::Future;
use std::pin::Pin;

use actix_web::{FromRequest, HttpRequest, dev::Payload, http::header};

use super::model::PrincipalKind;
use crate::api_keys;
use crate::error::ApiError;
use crate::orgs::model::OrgKind;
use crate::server::state::AppState;
use crate::users::model::Role;

#[derive(Debug, Clone)]
pub struct Actor {
    pub kind: PrincipalKind,
    /// User id or API key id.
    pub id: String,
    /// API keys act as `staff` of their org.
    pub role: Role,
    pub name: String,
    pub email: Option<String>,
    pub org_id: Option<String>,
    pub org_kind: Option<OrgKind>,
    /// The org's default time zone (read with the identity, no statement of its own).
    pub org_time_zone: Option<String>,
    /// A courier's average speed on its rounds (km/h), read with the identity.
    pub org_average_speed_kmh: Option<i32>,
}

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
        .write(move |c| Ok(super::sightings::record(c, &id, now)?))
        .await?;
    state.sightings.written(driver, now);
    Ok(())
}

impl Actor {
    /// A user's identity, as every door builds it (the JWT here, the console's session);
    /// `None` for a deactivated user, checked on every request so that deactivation stops
    /// them at once.
    pub fn of_user(
        user: crate::users::model::UserRow,
        org: Option<crate::orgs::model::OrgRow>,
    ) -> Option<Actor> {
        if user.disabled_at.is_some() {
            return None;
        }
        Some(Actor {
            kind: PrincipalKind::User,
            role: Role::parse(&user.role)?,
            id: user.id,
            name: user.name,
            email: Some(user.email),
            org_kind: org.as_ref().and_then(|o| OrgKind::parse(&o.kind)),
            org_average_speed_kmh: org.as_ref().and_then(|o| o.average_speed_kmh),
            org_time_zone: org.and_then(|o| o.time_zone),
            org_id: user.org_id,
        })
    }
}

impl FromRequest for Actor {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Actor, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        Box::pin(authenticate(req.clone()))
    }
}
