//! The one password check behind every login (the API's `/v1/auth/login` and the operations
//! console): throttled per account and per client address, verified on the password gate, an
//! unknown e-mail costing the same time as a known one, a deactivated user refused.

use crate::error::{ApiError, ApiResult};
use crate::users;
use crate::web::limits::Refusal;
use crate::web::state::AppState;

/// The user whose e-mail (already normalised) and password these are, `None` for wrong
/// credentials (counted by the throttle), 429 when throttled, 503 when the gate is full or the
/// shared limits cannot be read.
pub async fn check(
    state: &actix_web::web::Data<AppState>,
    email: &str,
    password: String,
    address: &str,
) -> ApiResult<Option<users::model::UserRow>> {
    match state.login_throttle.begin(email, address).await {
        Ok(()) => {}
        Err(Refusal::Wait(secs)) => {
            return Err(ApiError::TooManyRequests {
                retry_after_secs: secs,
                detail: "too many failed logins; try again later".to_owned(),
            });
        }
        Err(Refusal::Unavailable) => {
            // Fail closed: without the shared counts, guessing would be unthrottled.
            return Err(ApiError::LimitsUnavailable(
                "logins are unavailable while the login limits cannot be checked; retry later"
                    .to_owned(),
            ));
        }
    }
    let st = state.clone();
    let lookup_email = email.to_owned();
    // One permit of the password gate covers the lookup and the verification (argon2, on the
    // blocking pool); an unknown e-mail costs the same time.
    let checked = state
        .password_gate
        .run(move |hasher| -> ApiResult<Option<users::model::UserRow>> {
            let mut conn = st.db.get_read()?;
            let user = users::store::find_by_email(&mut conn, &lookup_email)?;
            drop(conn);
            Ok(match user {
                Some(u)
                    if hasher.verify(&password, &u.password_hash) && u.disabled_at.is_none() =>
                {
                    Some(u)
                }
                Some(_) => None,
                None => {
                    hasher.verify_dummy(&password);
                    None
                }
            })
        })
        .await;
    let user = match checked {
        Ok(user) => user,
        Err(e) => {
            // Overloaded or no database: no verdict on the password, so it counts for no one.
            state.login_throttle.abandoned(email, address).await;
            return Err(e);
        }
    };
    match user {
        Some(u) => {
            state.login_throttle.succeeded(email, address).await;
            Ok(Some(u))
        }
        None => {
            tracing::info!("login failed");
            Ok(None)
        }
    }
}
