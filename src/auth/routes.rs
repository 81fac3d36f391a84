//! `/v1/auth/*` and `/v1/me`.

use actix_web::web::Json;
use actix_web::{HttpRequest, HttpResponse, get, post};

use super::Actor;
use super::model::{LoginRequest, Me, RefreshRequest, TokenPair};
use super::refresh::{self, Decision};
use crate::error::{ApiError, ApiResult, FieldError};
use crate::orgs;
use crate::users::{self, rules::normalize_email};
use crate::web::state::{AppState, State};

fn bad_credentials() -> ApiError {
    ApiError::Unauthorized("wrong e-mail or password".to_owned())
}

fn pair(state: &AppState, user_id: &str, refresh_token: String) -> ApiResult<TokenPair> {
    Ok(TokenPair {
        access_token: state.jwt.issue(user_id)?,
        token_type: "Bearer".to_owned(),
        expires_in: state.jwt.ttl.as_secs(),
        refresh_token,
        refresh_expires_in: state.settings.refresh_token_ttl.as_secs(),
    })
}

/// Exchange e-mail and password for an access token and a refresh token.
///
/// Failed logins are throttled per account and per client address (429 with `Retry-After`).
#[utoipa::path(
    tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Logged in", body = TokenPair),
        (status = 400, response = crate::error::responses::BadRequest),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 413, response = crate::error::responses::PayloadTooLarge),
        (status = 415, response = crate::error::responses::UnsupportedMediaType),
        (status = 422, response = crate::error::responses::Unprocessable),
        (status = 429, response = crate::error::responses::TooManyRequests),
        (status = 503, response = crate::error::responses::Unavailable),
    )
)]
#[post("/v1/auth/login")]
pub async fn login(
    state: State,
    req: HttpRequest,
    body: Json<LoginRequest>,
) -> ApiResult<Json<TokenPair>> {
    let LoginRequest { email, password } = body.into_inner();
    let email = normalize_email(&email);
    if email.is_empty() || password.is_empty() {
        let mut errors = Vec::new();
        if email.is_empty() {
            errors.push(FieldError::new("email", "is required"));
        }
        if password.is_empty() {
            errors.push(FieldError::new("password", "is required"));
        }
        return Err(ApiError::Validation(errors));
    }
    let address = crate::client_addr::of_request(&req, &state.settings.trusted_proxies);
    let Some(user) = crate::web::login::check(&state, &email, password, &address).await? else {
        return Err(bad_credentials());
    };
    if crate::users::model::Role::parse(&user.role) == Some(crate::users::model::Role::Driver) {
        crate::web::actor::seen(&state, &user.id).await?;
    }
    let now = state.clock.naive();
    let (token, row) = refresh::new_token(
        &user.id,
        &crate::ids::new_id("fam"),
        now,
        state.settings.refresh_token_ttl,
    );
    state
        .db
        .write(move |c| Ok(refresh::insert(c, &row)?))
        .await?;
    tracing::info!(user_id = %user.id, "login succeeded");
    Ok(Json(pair(&state, &user.id, token)?))
}

/// Rotate a refresh token: returns a new pair. Reusing a rotated token (after a grace period of
/// a few seconds for retried requests) revokes every token of that login.
#[utoipa::path(
    tag = "auth",
    request_body = RefreshRequest,
    responses(
        (status = 200, description = "New tokens", body = TokenPair),
        (status = 400, response = crate::error::responses::BadRequest),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 413, response = crate::error::responses::PayloadTooLarge),
        (status = 415, response = crate::error::responses::UnsupportedMediaType),
        (status = 422, response = crate::error::responses::Unprocessable),
    )
)]
#[post("/v1/auth/refresh")]
pub async fn refresh_tokens(
    state: State,
    body: Json<RefreshRequest>,
) -> ApiResult<Json<TokenPair>> {
    let presented = body.into_inner().refresh_token;
    let grace = state.settings.refresh_reuse_grace;
    let ttl = state.settings.refresh_token_ttl;
    enum Outcome {
        Issued(String, String),
        Theft,
        Invalid,
    }
    // One transaction: the theft revocation commits even though the caller gets a 401.
    let clock = state.clock.clone();
    let outcome = state
        .db
        .write(move |c| {
            let now = clock.naive();
            let Some(row) = refresh::find_by_token(c, &presented)? else {
                return Ok(Outcome::Invalid);
            };
            let user_ok =
                users::store::find(c, &row.user_id)?.is_some_and(|u| u.disabled_at.is_none());
            if !user_ok {
                return Ok(Outcome::Invalid);
            }
            let mut decision = refresh::decide(&row, now, grace);
            if decision == Decision::Rotate && !refresh::mark_rotated(c, &row.id, now)? {
                // A concurrent request rotated it an instant ago.
                decision = Decision::GraceReuse;
            }
            match decision {
                Decision::Rotate | Decision::GraceReuse => {
                    let (token, new_row) =
                        refresh::new_token(&row.user_id, &row.family_id, now, ttl);
                    refresh::insert(c, &new_row)?;
                    Ok(Outcome::Issued(row.user_id, token))
                }
                Decision::Theft => {
                    refresh::revoke_family(c, &row.family_id, now)?;
                    Ok(Outcome::Theft)
                }
                Decision::Invalid => Ok(Outcome::Invalid),
            }
        })
        .await?;
    match outcome {
        Outcome::Issued(user_id, token) => Ok(Json(pair(&state, &user_id, token)?)),
        Outcome::Theft => {
            tracing::warn!("refresh token reuse detected; family revoked");
            Err(ApiError::Unauthorized(
                "this refresh token was already used; every session of this login is now revoked"
                    .to_owned(),
            ))
        }
        Outcome::Invalid => Err(ApiError::Unauthorized(
            "invalid, expired or revoked refresh token".to_owned(),
        )),
    }
}

/// Log out: revoke the refresh token and every token of the same login. Always 204, so the
/// answer reveals nothing about the token.
#[utoipa::path(
    tag = "auth",
    request_body = RefreshRequest,
    responses(
        (status = 204, description = "Logged out"),
        (status = 400, response = crate::error::responses::BadRequest),
        (status = 413, response = crate::error::responses::PayloadTooLarge),
        (status = 415, response = crate::error::responses::UnsupportedMediaType),
        (status = 422, response = crate::error::responses::Unprocessable),
    )
)]
#[post("/v1/auth/logout")]
pub async fn logout(state: State, body: Json<RefreshRequest>) -> ApiResult<HttpResponse> {
    let presented = body.into_inner().refresh_token;
    let clock = state.clock.clone();
    state
        .db
        .write(move |c| {
            if let Some(row) = refresh::find_by_token(c, &presented)? {
                refresh::revoke_family(c, &row.family_id, clock.naive())?;
            }
            Ok(())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Who am I: the user or API key behind the credentials, with its org.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The caller", body = Me),
        (status = 401, response = crate::error::responses::Unauthorized),
    )
)]
#[get("/v1/me")]
pub async fn me(state: State, actor: Actor) -> ApiResult<Json<Me>> {
    let org = match actor.org_id.clone() {
        Some(id) => {
            state
                .db
                .read(move |c| Ok(orgs::store::find(c, &id)?))
                .await?
        }
        None => None,
    };
    Ok(Json(Me {
        kind: actor.kind,
        id: actor.id,
        role: actor.role,
        name: actor.name,
        email: actor.email,
        org: org.map(Into::into),
    }))
}
