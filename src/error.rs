//! One error type for the whole API, rendered as RFC 9457 `application/problem+json`.

use actix_web::error::JsonPayloadError;
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, ResponseError};
use serde::Serialize;
use utoipa::ToSchema;

pub const PROBLEM_JSON: &str = "application/problem+json";

/// One offending field of a request.
#[derive(Debug, Clone, Serialize, ToSchema, PartialEq, Eq)]
pub struct FieldError {
    /// Field name, dotted for nested fields (`admin.email`).
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// RFC 9457 problem details. `type` is a stable identifier of the kind of problem.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    /// Stable problem type, e.g. `/problems/validation`.
    #[serde(rename = "type")]
    pub type_: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    /// Present on validation problems: every offending field.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub errors: Option<Vec<FieldError>>,
    /// On invalid transitions: the shipment's current status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub current_status: Option<String>,
    /// On invalid transitions: the statuses it may move to next.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed_next: Option<Vec<String>>,
}

/// A status change the state machine refuses: the status now, those allowed next, and the
/// sentence saying so (built by the state machine, `shipments::rules`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transition {
    pub from: String,
    pub allowed: Vec<String>,
    pub detail: String,
}

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    Unauthorized(String),
    #[error("{0}")]
    Forbidden(String),
    #[error("{0} not found")]
    NotFound(String),
    #[error("method not allowed")]
    MethodNotAllowed { allow: Vec<String> },
    #[error("{0}")]
    Conflict(String),
    #[error("{}", .0.detail)]
    InvalidTransition(Transition),
    #[error("request validation failed")]
    Validation(Vec<FieldError>),
    /// The same `Idempotency-Key` came with another request body (422, its own problem type:
    /// the request is not invalid, the key is taken).
    #[error(
        "the Idempotency-Key was already used with a different request body; use a new key for a new request"
    )]
    IdempotencyKeyReused,
    #[error("{0}")]
    PayloadTooLarge(String),
    #[error("{0}")]
    UnsupportedMediaType(String),
    /// The request body did not arrive in time (see `server::body_deadline`).
    #[error("{0}")]
    RequestTimeout(String),
    #[error("{detail}")]
    TooManyRequests {
        retry_after_secs: u64,
        detail: String,
    },
    #[error("{0}")]
    Unavailable(String),
    /// The shared limits (Redis) cannot be checked: what they guard is refused (503).
    #[error("{0}")]
    LimitsUnavailable(String),
    /// Too much work of one kind at once (password hashing): 503 with `Retry-After: 1`.
    #[error("{0}")]
    Overloaded(String),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl ApiError {
    pub fn validation(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Validation(vec![FieldError::new(field, message)])
    }

    /// Stable slug, title and status of each kind of problem.
    fn kind(&self) -> (&'static str, &'static str, StatusCode) {
        use ApiError::*;
        match self {
            BadRequest(_) => ("bad-request", "Bad request", StatusCode::BAD_REQUEST),
            Unauthorized(_) => ("unauthorized", "Unauthorized", StatusCode::UNAUTHORIZED),
            Forbidden(_) => ("forbidden", "Forbidden", StatusCode::FORBIDDEN),
            NotFound(_) => ("not-found", "Not found", StatusCode::NOT_FOUND),
            MethodNotAllowed { .. } => (
                "method-not-allowed",
                "Method not allowed",
                StatusCode::METHOD_NOT_ALLOWED,
            ),
            Conflict(_) => ("conflict", "Conflict", StatusCode::CONFLICT),
            InvalidTransition(_) => (
                "invalid-transition",
                "Invalid status transition",
                StatusCode::CONFLICT,
            ),
            Validation(_) => (
                "validation",
                "Validation failed",
                StatusCode::UNPROCESSABLE_ENTITY,
            ),
            IdempotencyKeyReused => (
                "idempotency-key-reused",
                "Idempotency key reused",
                StatusCode::UNPROCESSABLE_ENTITY,
            ),
            PayloadTooLarge(_) => (
                "payload-too-large",
                "Payload too large",
                StatusCode::PAYLOAD_TOO_LARGE,
            ),
            UnsupportedMediaType(_) => (
                "unsupported-media-type",
                "Unsupported media type",
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ),
            RequestTimeout(_) => (
                "request-timeout",
                "Request timeout",
                StatusCode::REQUEST_TIMEOUT,
            ),
            TooManyRequests { .. } => (
                "too-many-requests",
                "Too many requests",
                StatusCode::TOO_MANY_REQUESTS,
            ),
            Unavailable(_) => (
                "unavailable",
                "Service unavailable",
                StatusCode::SERVICE_UNAVAILABLE,
            ),
            Overloaded(_) => ("overloaded", "Overloaded", StatusCode::SERVICE_UNAVAILABLE),
            LimitsUnavailable(_) => (
                "limits-unavailable",
                "Limits unavailable",
                StatusCode::SERVICE_UNAVAILABLE,
            ),
            Internal(_) => (
                "internal",
                "Internal server error",
                StatusCode::INTERNAL_SERVER_ERROR,
            ),
        }
    }

    pub fn problem(&self) -> Problem {
        let (slug, title, status) = self.kind();
        let detail = match self {
            // Never leak the cause of a 5xx: it is logged instead.
            ApiError::Internal(_) => "an unexpected error occurred; it has been logged".to_owned(),
            ApiError::Validation(errors) => {
                let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
                format!("invalid fields: {}", fields.join(", "))
            }
            other => other.to_string(),
        };
        Problem {
            type_: format!("/problems/{slug}"),
            title: title.to_owned(),
            status: status.as_u16(),
            detail,
            errors: match self {
                ApiError::Validation(errors) => Some(errors.clone()),
                _ => None,
            },
            current_status: match self {
                ApiError::InvalidTransition(t) => Some(t.from.clone()),
                _ => None,
            },
            allowed_next: match self {
                ApiError::InvalidTransition(t) => Some(t.allowed.clone()),
                _ => None,
            },
        }
    }
}

/// Build a problem+json response from a problem body.
pub fn problem_response(problem: &Problem) -> HttpResponse {
    let status = StatusCode::from_u16(problem.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = serde_json::to_string(problem).unwrap_or_else(|_| "{}".to_owned());
    HttpResponse::build(status)
        .insert_header((header::CONTENT_TYPE, PROBLEM_JSON))
        .body(body)
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.kind().2
    }

    fn error_response(&self) -> HttpResponse {
        if let ApiError::Internal(cause) = self {
            tracing::error!(error = format!("{cause:#}"), "internal error");
        }
        let mut response = problem_response(&self.problem());
        let headers = response.headers_mut();
        match self {
            ApiError::TooManyRequests {
                retry_after_secs, ..
            } => {
                headers.insert(header::RETRY_AFTER, (*retry_after_secs).into());
            }
            ApiError::LimitsUnavailable(_) => {
                headers.insert(header::RETRY_AFTER, header::HeaderValue::from_static("5"));
            }
            ApiError::Overloaded(_) => {
                // Each password check takes tens of milliseconds: the queue moves fast.
                headers.insert(header::RETRY_AFTER, header::HeaderValue::from_static("1"));
            }
            ApiError::Unavailable(_) => {
                // A lost connection is replaced at the next checkout; a database restarting
                // takes a few seconds.
                headers.insert(header::RETRY_AFTER, header::HeaderValue::from_static("2"));
            }
            ApiError::Unauthorized(_) => {
                headers.insert(
                    header::WWW_AUTHENTICATE,
                    header::HeaderValue::from_static("Bearer"),
                );
            }
            ApiError::MethodNotAllowed { allow } => {
                if let Ok(v) = header::HeaderValue::from_str(&allow.join(", ")) {
                    headers.insert(header::ALLOW, v);
                }
            }
            _ => {}
        }
        response
    }
}

impl From<diesel::result::Error> for ApiError {
    fn from(err: diesel::result::Error) -> Self {
        use diesel::result::{DatabaseErrorKind, Error};
        match err {
            Error::NotFound => ApiError::NotFound("resource".to_owned()),
            Error::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => {
                ApiError::Conflict("a resource with these unique values already exists".to_owned())
            }
            // PostgreSQL refuses NUL in text; that is the client's input, not our failure.
            Error::DatabaseError(_, info) if info.message().contains("invalid byte sequence") => {
                ApiError::BadRequest("text must not contain NUL (\\u0000) characters".to_owned())
            }
            // A connection lost mid-request (the server restarted, a failover, a network cut)
            // is the database being unavailable, not a bug: 503 with Retry-After.
            Error::DatabaseError(DatabaseErrorKind::ClosedConnection, _) => unavailable(),
            Error::DatabaseError(_, info) if connection_lost(info.message()) => unavailable(),
            // Two transactions that each wait for the other (PostgreSQL picks one to fail) or
            // a serialization conflict: nothing is written, the same request succeeds again.
            Error::DatabaseError(DatabaseErrorKind::SerializationFailure, _) => contended(),
            Error::DatabaseError(_, info) if info.message().contains("deadlock detected") => {
                contended()
            }
            other => ApiError::Internal(other.into()),
        }
    }
}

fn contended() -> ApiError {
    tracing::warn!("a transaction lost a lock conflict; the client retries");
    ApiError::Overloaded("another change of the same data got in the way; retry".to_owned())
}

fn unavailable() -> ApiError {
    tracing::warn!("a database connection was lost");
    ApiError::Unavailable("the database is not reachable right now; retry later".to_owned())
}

/// libpq's and PostgreSQL's words for a connection that is gone or going.
fn connection_lost(message: &str) -> bool {
    const LOST: [&str; 9] = [
        "no connection to the server",
        "server closed the connection",
        "terminating connection",
        "connection to server",
        "could not receive data from server",
        "could not send data to server",
        "the database system is shutting down",
        "the database system is starting up",
        "the database system is in recovery mode",
    ];
    LOST.iter().any(|l| message.contains(l))
}

impl From<diesel::r2d2::PoolError> for ApiError {
    fn from(err: diesel::r2d2::PoolError) -> Self {
        tracing::warn!(error = %err, "database pool exhausted or unreachable");
        ApiError::Unavailable("the database is not reachable right now; retry later".to_owned())
    }
}

/// A failed read of a request body: late (408) or broken (400).
impl From<actix_web::error::PayloadError> for ApiError {
    fn from(err: actix_web::error::PayloadError) -> Self {
        // A late body is a read that timed out (`server::body_deadline` makes it one).
        if matches!(&err, actix_web::error::PayloadError::Io(e) if e.kind() == std::io::ErrorKind::TimedOut)
        {
            ApiError::RequestTimeout(err.to_string())
        } else {
            ApiError::BadRequest(format!("unreadable body: {err}"))
        }
    }
}

impl From<actix_web::error::BlockingError> for ApiError {
    fn from(err: actix_web::error::BlockingError) -> Self {
        ApiError::Internal(anyhow::anyhow!("blocking task failed: {err}"))
    }
}

/// True when a diesel error is a unique violation (on any backend).
pub fn is_unique_violation(err: &diesel::result::Error) -> bool {
    matches!(
        err,
        diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _)
    )
}

pub type ApiResult<T> = Result<T, ApiError>;

// Request bodies: the JSON extractor's errors and object-only bodies, as problems.

pub fn json_error(err: JsonPayloadError, _req: &HttpRequest) -> actix_web::Error {
    let api = match err {
        JsonPayloadError::OverflowKnownLength { length, limit } => {
            ApiError::PayloadTooLarge(format!("the body has {length} bytes; the limit is {limit}"))
        }
        JsonPayloadError::Overflow { limit } => {
            ApiError::PayloadTooLarge(format!("the body exceeds the limit of {limit} bytes"))
        }
        JsonPayloadError::ContentType => ApiError::UnsupportedMediaType(
            "the body must be JSON, sent with Content-Type: application/json".to_owned(),
        ),
        JsonPayloadError::Deserialize(e) if e.is_data() => {
            ApiError::Validation(vec![FieldError::new(
                serde_field(&e.to_string()),
                strip_position(&e.to_string()),
            )])
        }
        JsonPayloadError::Deserialize(e) => ApiError::BadRequest(format!("malformed JSON: {e}")),
        // A late body is 408 (`body_deadline`), a broken one 400.
        JsonPayloadError::Payload(e) => ApiError::from(e),
        other => ApiError::BadRequest(format!("unreadable body: {other}")),
    };
    api.into()
}

/// A JSON body read as an object only. serde reads a struct from an array too (`[true]` as its
/// fields in order); bodies of a few optional fields would then take a positional array for a
/// change. Routes with such bodies take `Json<Value>` and pass it here.
pub fn object<T: serde::de::DeserializeOwned>(body: serde_json::Value) -> ApiResult<T> {
    if !body.is_object() {
        return Err(ApiError::validation("body", "must be a JSON object"));
    }
    serde_json::from_value(body).map_err(|e| {
        ApiError::Validation(vec![FieldError::new(
            serde_field(&e.to_string()),
            strip_position(&e.to_string()),
        )])
    })
}

/// The field a serde data error names (`missing field `x``, `unknown field `x``), else `body`.
pub(crate) fn serde_field(message: &str) -> String {
    for marker in ["missing field `", "unknown field `", "duplicate field `"] {
        if let Some(rest) = message.split(marker).nth(1)
            && let Some(field) = rest.split('`').next()
        {
            return field.to_owned();
        }
    }
    "body".to_owned()
}

pub(crate) fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

/// The shared error responses of the API reference, beside the errors they describe: every
/// route's `#[utoipa::path]` names them.
pub mod responses {
    use utoipa::ToResponse;

    use super::Problem;

    /// The request is malformed: unparsable JSON or query string.
    #[derive(ToResponse)]
    #[response(content_type = "application/problem+json")]
    pub struct BadRequest(pub Problem);

    /// Missing, invalid or expired credentials.
    #[derive(ToResponse)]
    #[response(content_type = "application/problem+json")]
    pub struct Unauthorized(pub Problem);

    /// The caller is known but lacks the role for this action.
    #[derive(ToResponse)]
    #[response(content_type = "application/problem+json")]
    pub struct Forbidden(pub Problem);

    /// No such object, or it belongs to another party.
    #[derive(ToResponse)]
    #[response(content_type = "application/problem+json")]
    pub struct NotFound(pub Problem);

    /// The request conflicts with the current state (duplicate, invalid transition).
    #[derive(ToResponse)]
    #[response(content_type = "application/problem+json")]
    pub struct Conflict(pub Problem);

    /// The body exceeds the size limit.
    #[derive(ToResponse)]
    #[response(content_type = "application/problem+json")]
    pub struct PayloadTooLarge(pub Problem);

    /// The body is not `application/json`.
    #[derive(ToResponse)]
    #[response(content_type = "application/problem+json")]
    pub struct UnsupportedMediaType(pub Problem);

    /// Validation failed (`errors` lists every offending field), or an `Idempotency-Key` was
    /// reused with another body (`/problems/idempotency-key-reused`).
    #[derive(ToResponse)]
    #[response(content_type = "application/problem+json")]
    pub struct Unprocessable(pub Problem);

    /// Too many attempts; retry after the `Retry-After` seconds.
    #[derive(ToResponse)]
    #[response(
        content_type = "application/problem+json",
        headers(("Retry-After" = u64, description = "Seconds to wait"))
    )]
    pub struct TooManyRequests(pub Problem);

    /// A dependency (the database) is unavailable, or no password-hashing slot freed in time
    /// (see `Retry-After`).
    #[derive(ToResponse)]
    #[response(
        content_type = "application/problem+json",
        headers(("Retry-After" = u64, description = "Seconds to wait"))
    )]
    pub struct Unavailable(pub Problem);
}

#[cfg(test)]
mod tests {
    use super::*;
    use diesel::result::{DatabaseErrorKind, Error};

    fn db(kind: DatabaseErrorKind, message: &str) -> ApiError {
        ApiError::from(Error::DatabaseError(kind, Box::new(message.to_owned())))
    }

    #[test]
    fn a_lost_connection_is_503_not_500() {
        for message in [
            "no connection to the server\n",
            "server closed the connection unexpectedly",
            "terminating connection due to administrator command",
        ] {
            let e = db(DatabaseErrorKind::Unknown, message);
            assert!(matches!(e, ApiError::Unavailable(_)), "{message}: {e:?}");
        }
        let e = db(DatabaseErrorKind::ClosedConnection, "gone");
        assert!(matches!(e, ApiError::Unavailable(_)));
        let e = db(DatabaseErrorKind::Unknown, "syntax error at or near");
        assert!(matches!(e, ApiError::Internal(_)), "a bug stays a 500");
        // A lock conflict the database broke is a retry, not a bug.
        let e = db(DatabaseErrorKind::Unknown, "deadlock detected");
        assert!(matches!(e, ApiError::Overloaded(_)), "{e:?}");
        let e = db(
            DatabaseErrorKind::SerializationFailure,
            "could not serialize access",
        );
        assert!(matches!(e, ApiError::Overloaded(_)), "{e:?}");
    }
}
