//! `Idempotency-Key` on POSTs a client may retry: the same key and body return the stored
//! response; the same key with another body is a 422 `/problems/idempotency-key-reused`. Keys
//! are scoped to the caller and route.

use actix_web::HttpRequest;
use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::Conn;
use crate::db::schema::idempotency_keys;
use crate::error::{ApiError, ApiResult};

pub const HEADER: &str = "Idempotency-Key";

/// A request carrying an idempotency key.
#[derive(Debug, Clone)]
pub struct Idem {
    scope: String,
    key: String,
    request_hash: String,
}

/// The stored answer to an earlier request with the same key and body.
pub struct Stored {
    pub status: u16,
    pub body: String,
}

impl Idem {
    /// Read the header; `scope` names the caller and the route; `body` is the request's
    /// canonical bytes. No header: `None`.
    pub fn from_request(req: &HttpRequest, scope: String, body: &[u8]) -> ApiResult<Option<Idem>> {
        let Some(value) = req.headers().get(HEADER) else {
            return Ok(None);
        };
        let key = value
            .to_str()
            .ok()
            .filter(|k| !k.is_empty() && k.len() <= 255 && k.chars().all(|c| c.is_ascii_graphic()))
            .ok_or_else(|| {
                ApiError::validation(HEADER, "must be 1–255 visible ASCII characters")
            })?;
        Ok(Some(Idem {
            scope,
            key: key.to_owned(),
            request_hash: crate::ids::secret_hash(&String::from_utf8_lossy(body)),
        }))
    }

    /// A key whose request hash the caller computed (for requests whose key is mandatory).
    pub fn with_hash(scope: String, key: String, request_hash: String) -> Idem {
        Idem {
            scope,
            key,
            request_hash,
        }
    }

    /// The stored response for this key, or `None` the first time.
    pub fn lookup(&self, conn: &mut Conn, now: NaiveDateTime) -> ApiResult<Option<Stored>> {
        let row: Option<(String, i32, String, NaiveDateTime)> = idempotency_keys::table
            .find((&self.scope, &self.key))
            .select((
                idempotency_keys::request_hash,
                idempotency_keys::response_status,
                idempotency_keys::response_body,
                idempotency_keys::created_at,
            ))
            .first(conn)
            .optional()?;
        match row {
            None => Ok(None),
            Some((_, _, _, at)) if at < now - Self::ttl() => {
                diesel::delete(idempotency_keys::table.find((&self.scope, &self.key)))
                    .execute(conn)?;
                Ok(None)
            }
            Some((hash, status, body, _)) if hash == self.request_hash => Ok(Some(Stored {
                status: u16::try_from(status).unwrap_or(200),
                body,
            })),
            Some(_) => Err(ApiError::IdempotencyKeyReused),
        }
    }

    /// How long a key is remembered. Stored answers may hold contact data: they expire well
    /// before any retention period ends (at least a day after the final state).
    pub fn ttl() -> chrono::Duration {
        chrono::Duration::hours(24)
    }

    /// Keep the response, in the same transaction as the change it reports.
    pub fn save(
        &self,
        conn: &mut Conn,
        status: u16,
        body: &str,
        now: NaiveDateTime,
    ) -> ApiResult<()> {
        diesel::insert_into(idempotency_keys::table)
            .values((
                idempotency_keys::scope.eq(&self.scope),
                idempotency_keys::idem_key.eq(&self.key),
                idempotency_keys::request_hash.eq(&self.request_hash),
                idempotency_keys::response_status.eq(i32::from(status)),
                idempotency_keys::response_body.eq(body),
                idempotency_keys::created_at.eq(now),
            ))
            .execute(conn)?;
        Ok(())
    }
}

/// What a request with an optional key came to: the stored answer to an earlier try with the
/// same key and body, or this try's result.
pub enum Once<T> {
    Stored(Stored),
    Done(T),
}

/// In the caller's write transaction: the stored answer for `idem`'s key, else run `work` and
/// keep its answer (`status` and its JSON) with the change it made, so that a retry whose
/// answer was lost on the way (a driver's phone offline) gets it again instead of a 409 or a
/// second record. Without a key, `work` runs.
pub fn once<T: serde::Serialize>(
    idem: Option<&Idem>,
    c: &mut Conn,
    status: u16,
    now: NaiveDateTime,
    work: impl FnOnce(&mut Conn) -> ApiResult<T>,
) -> ApiResult<Once<T>> {
    if let Some(stored) = idem.map(|i| i.lookup(c, now)).transpose()?.flatten() {
        return Ok(Once::Stored(stored));
    }
    let done = work(c)?;
    if let Some(i) = idem {
        let body = serde_json::to_string(&done).map_err(anyhow::Error::from)?;
        i.save(c, status, &body, now)?;
    }
    Ok(Once::Done(done))
}

impl<T: serde::Serialize> Once<T> {
    /// The answer: the stored one as it was, or `status` with this try's JSON.
    pub fn respond(self, status: actix_web::http::StatusCode) -> actix_web::HttpResponse {
        match self {
            Once::Stored(s) => actix_web::HttpResponse::build(
                actix_web::http::StatusCode::from_u16(s.status).unwrap_or(status),
            )
            .content_type("application/json")
            .body(s.body),
            Once::Done(v) => actix_web::HttpResponse::build(status).json(v),
        }
    }
}

/// A keyed step in one write transaction (see [`once`]), answered with `status`: what the
/// driver's routes share.
pub async fn step<T, F>(
    db: &crate::db::Db,
    clock: &crate::clock::Clock,
    idem: Option<Idem>,
    status: actix_web::http::StatusCode,
    work: F,
) -> ApiResult<actix_web::HttpResponse>
where
    T: serde::Serialize + Send + 'static,
    F: FnOnce(&mut Conn, NaiveDateTime) -> ApiResult<T> + Send + 'static,
{
    let clock = clock.clone();
    let done = db
        .write(move |c| {
            // Taken in the transaction: rules compare it with what other writers stamped.
            let now = clock.naive();
            once(idem.as_ref(), c, status.as_u16(), now, |c| work(c, now))
        })
        .await?;
    Ok(done.respond(status))
}

/// The key of a driver's step (`scope`: the caller and the route; the path and body are what
/// the key must come back with).
pub fn for_step(
    req: &HttpRequest,
    actor_id: &str,
    route: &str,
    body: &impl serde::Serialize,
) -> ApiResult<Option<Idem>> {
    let mut canonical = req.path().as_bytes().to_vec();
    canonical.extend(serde_json::to_vec(body).unwrap_or_default());
    Idem::from_request(req, format!("{actor_id} {route}"), &canonical)
}

/// Forget keys past their time (run with the retention purge).
pub fn purge_expired(conn: &mut Conn, now: NaiveDateTime) -> diesel::QueryResult<usize> {
    diesel::delete(
        idempotency_keys::table.filter(idempotency_keys::created_at.lt(now - Idem::ttl())),
    )
    .execute(conn)
}
