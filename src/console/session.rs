//! Console sessions: the browser holds a random 256-bit token in an HttpOnly cookie; the table
//! keeps only its SHA-256 (the session id), the user and when it was last used. Every request
//! reads the user again, so a deactivated user's session stops at once, as the JWT actor's
//! does; an idle session ends after `Settings::console_idle`.

use std::future::Future;
use std::pin::Pin;

use actix_web::http::Method;
use actix_web::web::Data;
use actix_web::{FromRequest, HttpRequest, dev::Payload};
use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::csrf;
use crate::auth::Actor;
use crate::db::Conn;
use crate::db::schema::console_sessions;
use crate::error::ApiResult;
use crate::web::state::AppState;

pub const COOKIE: &str = "doorstep_console";

/// Bytes of randomness in a session token: 256 bits.
const TOKEN_BYTES: usize = 32;

/// `last_seen_at` is written at most this often (seconds): reading a page is not a write each
/// time, and an idle timeout in minutes loses nothing by it.
const TOUCH_EVERY_SECS: i64 = 60;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = console_sessions)]
pub struct SessionRow {
    pub id: String,
    pub user_id: String,
    pub created_at: NaiveDateTime,
    pub last_seen_at: NaiveDateTime,
}

/// A new session token (for the cookie, shown once) and its row.
pub fn new_session(user_id: &str, now: NaiveDateTime) -> (String, SessionRow) {
    let token = crate::ids::random_token(TOKEN_BYTES);
    let row = SessionRow {
        id: crate::ids::secret_hash(&token),
        user_id: user_id.to_owned(),
        created_at: now,
        last_seen_at: now,
    };
    (token, row)
}

pub fn insert(c: &mut Conn, row: &SessionRow) -> QueryResult<()> {
    diesel::insert_into(console_sessions::table)
        .values(row)
        .execute(c)
        .map(|_| ())
}

pub fn find(c: &mut Conn, id: &str) -> QueryResult<Option<SessionRow>> {
    console_sessions::table
        .find(id)
        .select(SessionRow::as_select())
        .first(c)
        .optional()
}

pub fn delete(c: &mut Conn, id: &str) -> QueryResult<usize> {
    diesel::delete(console_sessions::table.find(id)).execute(c)
}

fn touch(c: &mut Conn, id: &str, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(console_sessions::table.find(id))
        .set(console_sessions::last_seen_at.eq(now))
        .execute(c)
}

/// Is a session last seen at `last_seen` still alive at `now`?
pub fn alive(last_seen: NaiveDateTime, now: NaiveDateTime, idle: std::time::Duration) -> bool {
    let idle = chrono::Duration::from_std(idle).unwrap_or(chrono::Duration::minutes(30));
    now - last_seen < idle
}

/// The signed-in user of a console request: the same `Actor` the API's services take, the
/// session id, and the form token of this session.
#[derive(Debug, Clone)]
pub struct Console {
    pub actor: Actor,
    pub session_id: String,
    pub csrf: String,
    secret: String,
    /// When the request was authenticated (the one clock).
    pub now: NaiveDateTime,
}

impl Console {
    /// Does a form's token belong to this session?
    pub fn form_ok(&self, given: Option<&str>) -> bool {
        csrf::verify(&self.secret, &self.session_id, given)
    }
}

/// Why a request has no console user.
#[derive(Debug)]
pub enum NoSession {
    /// No cookie, an unknown or expired session, a deactivated user: log in.
    Login,
    /// The same, for a form sent (not a page read): refused with a page that links to the
    /// login, so a form is never taken as done.
    Ended,
    /// The database failed.
    Failed(crate::error::ApiError),
}

impl std::fmt::Display for NoSession {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NoSession::Login | NoSession::Ended => f.write_str("not signed in"),
            NoSession::Failed(e) => write!(f, "{e}"),
        }
    }
}

impl actix_web::ResponseError for NoSession {
    fn status_code(&self) -> actix_web::http::StatusCode {
        match self {
            NoSession::Login => actix_web::http::StatusCode::SEE_OTHER,
            NoSession::Ended => actix_web::http::StatusCode::UNAUTHORIZED,
            NoSession::Failed(e) => e.status_code(),
        }
    }
    fn error_response(&self) -> actix_web::HttpResponse {
        match self {
            NoSession::Login => super::views::redirect("/console/login"),
            NoSession::Ended => super::views::page(
                actix_web::http::StatusCode::UNAUTHORIZED,
                maud::html! {
                    (maud::DOCTYPE)
                    html {
                        head { meta charset="utf-8"; title { "Doorstep console" } }
                        body { main { p { a href="/console/login" { "Log in again · Se reconnecter" } } } }
                    }
                },
            ),
            NoSession::Failed(e) => e.error_response(),
        }
    }
}

/// The session a cookie names, with its user, checked now: alive, the user active.
pub async fn authenticate(state: &Data<AppState>, token: String) -> Result<Console, NoSession> {
    let id = crate::ids::secret_hash(&token);
    let idle = state.settings.console_idle;
    let sid = id.clone();
    let now = state.clock.naive();
    let found = state
        .db
        .write(move |c| -> ApiResult<Option<Actor>> {
            let Some(s) = find(c, &sid)? else {
                return Ok(None);
            };
            if !alive(s.last_seen_at, now, idle) {
                delete(c, &sid)?;
                return Ok(None);
            }
            let Some((user, org)) = crate::users::service::with_org(c, &s.user_id)? else {
                return Ok(None);
            };
            let Some(actor) = Actor::of_user(user, org) else {
                // Deactivated: the session ends with the user.
                delete(c, &sid)?;
                return Ok(None);
            };
            if (now - s.last_seen_at).num_seconds() >= TOUCH_EVERY_SECS {
                touch(c, &sid, now)?;
            }
            Ok(Some(actor))
        })
        .await
        .map_err(NoSession::Failed)?;
    let actor = found.ok_or(NoSession::Login)?;
    Ok(Console {
        csrf: csrf::token(&token, &id),
        secret: token,
        actor,
        session_id: id,
        now,
    })
}

impl FromRequest for Console {
    type Error = NoSession;
    type Future = Pin<Box<dyn Future<Output = Result<Console, NoSession>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let read = matches!(*req.method(), Method::GET | Method::HEAD);
            let none = || {
                if read {
                    NoSession::Login
                } else {
                    NoSession::Ended
                }
            };
            let state = req.app_data::<Data<AppState>>().cloned().ok_or_else(none)?;
            let token = read_cookie(&req).ok_or_else(none)?;
            authenticate(&state, token).await.map_err(|e| match e {
                NoSession::Login => none(),
                other => other,
            })
        })
    }
}

/// Was the request made over https (directly, or says the proxy in front)?
fn over_https(req: &HttpRequest) -> bool {
    req.connection_info().scheme() == "https"
}

/// The session token from the `Cookie` header(s), if one is there and well-formed (the
/// cookies are parsed by hand: actix's `cookies` feature would bring the `cookie` and `time`
/// crates for this one read).
pub fn read_cookie(req: &HttpRequest) -> Option<String> {
    read_named(req, COOKIE)
}

fn read_named(req: &HttpRequest, cookie: &str) -> Option<String> {
    req.headers()
        .get_all(actix_web::http::header::COOKIE)
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == cookie)
        .map(|(_, value)| value.trim().to_owned())
        .filter(|v| {
            !v.is_empty()
                && v.len() <= 128
                && v.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        })
}

/// The `Set-Cookie` value of the session cookie: HttpOnly, SameSite=Strict, Path=/console,
/// Secure when the request came over https.
pub fn cookie(req: &HttpRequest, token: &str) -> String {
    let secure = if over_https(req) { "; Secure" } else { "" };
    format!("{COOKIE}={token}; Path=/console; HttpOnly; SameSite=Strict{secure}")
}

/// The login form's own cookie: a random token set with the form, whose HMAC the form carries
/// (double submit), so another site cannot log a browser in under its own account.
pub const LOGIN_COOKIE: &str = "doorstep_login";

/// The login form's token from the `Cookie` header(s), if well-formed.
pub fn read_login_cookie(req: &HttpRequest) -> Option<String> {
    read_named(req, LOGIN_COOKIE)
}

/// The `Set-Cookie` value of the login form's cookie (as the session's, by name).
pub fn login_cookie(req: &HttpRequest, token: &str) -> String {
    let secure = if over_https(req) { "; Secure" } else { "" };
    format!("{LOGIN_COOKIE}={token}; Path=/console; HttpOnly; SameSite=Strict{secure}")
}

/// The `Set-Cookie` value that clears it.
pub fn cleared(req: &HttpRequest) -> String {
    format!(
        "{}; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT",
        cookie(req, "")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_256_bits_and_only_their_hash_is_kept() {
        let now = chrono::Utc::now().naive_utc();
        let (token, row) = new_session("usr_1", now);
        assert_eq!(token.len(), 43, "32 bytes, base64url without padding");
        assert_ne!(row.id, token);
        assert_eq!(row.id, crate::ids::secret_hash(&token));
        let (other, _) = new_session("usr_1", now);
        assert_ne!(token, other);
    }

    #[test]
    fn idle_sessions_end() {
        let t = chrono::Utc::now().naive_utc();
        let idle = std::time::Duration::from_secs(1800);
        assert!(alive(t, t + chrono::Duration::minutes(29), idle));
        assert!(!alive(t, t + chrono::Duration::minutes(30), idle));
    }
}
