//! Read-your-writes over a lagging read replica: a caller who just wrote reads the primary for
//! a while, so it always sees its own writes.
//!
//! The caller is its credentials: the SHA-256 of the `Authorization` header, or of the tracking
//! token in the path (`/v1/track/{token}…`, `/t/{token}…`) for the customer. After a request of
//! that caller commits a transaction (`Db::write`), its key is kept here with the time; for the
//! lag bound from then, its GETs read the primary. Every other request that is not a GET or HEAD
//! reads the primary throughout (what it decides on must be current). The window is per node:
//! behind a load balancer a caller's next read may land on another node, which has no window
//! for it — sticky sessions keep it, and otherwise that read is at most the lag bound old, as
//! anyone's.

use std::sync::Arc;
use std::time::{Duration, Instant};

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::middleware::Next;
use actix_web::web::Data;
use quick_cache::sync::Cache;
use sha2::{Digest, Sha256};

use crate::db::replica::{ROUTE, Route};
use crate::web::state::AppState;

/// Callers remembered per node (the most recent writers stay).
const CAPACITY: usize = 100_000;

type Key = [u8; 32];

/// The callers who wrote recently, and when.
#[derive(Clone)]
pub struct RecentWriters {
    writes: Arc<Cache<Key, Instant>>,
    window: Duration,
}

impl RecentWriters {
    pub fn new(window: Duration) -> RecentWriters {
        RecentWriters {
            writes: Arc::new(Cache::new(CAPACITY)),
            window,
        }
    }

    fn wrote_recently(&self, key: &Key) -> bool {
        self.writes
            .get(key)
            .is_some_and(|at| at.elapsed() < self.window)
    }

    fn wrote(&self, key: Key) {
        self.writes.insert(key, Instant::now());
    }
}

/// The caller's key: its Authorization header, else the tracking token of the path.
pub fn caller_key(authorization: Option<&[u8]>, path: &str) -> Option<Key> {
    let material = match authorization {
        Some(a) if !a.is_empty() => a,
        _ => tracking_token(path)?.as_bytes(),
    };
    Some(Sha256::digest(material).into())
}

fn tracking_token(path: &str) -> Option<&str> {
    let rest = path
        .strip_prefix("/v1/track/")
        .or_else(|| path.strip_prefix("/t/"))?;
    let token = rest.split('/').next()?;
    (!token.is_empty()).then_some(token)
}

/// Route the request's reads (see the module doc); remember its caller when it wrote.
pub async fn route_reads(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let writers = req
        .app_data::<Data<AppState>>()
        .filter(|s| s.db.has_replica())
        .map(|s| s.recent_writers.clone());
    let Some(writers) = writers else {
        // No replica: every read is the primary's anyway.
        return next.call(req).await;
    };
    let key = caller_key(
        req.headers()
            .get(actix_web::http::header::AUTHORIZATION)
            .map(|v| v.as_bytes()),
        req.path(),
    );
    let reads_only = matches!(*req.method(), Method::GET | Method::HEAD);
    let primary = !reads_only || key.as_ref().is_some_and(|k| writers.wrote_recently(k));
    let route = Route::new(primary);
    let res = ROUTE.scope(route.clone(), next.call(req)).await;
    if route.wrote()
        && let Some(key) = key
    {
        writers.wrote(key);
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_caller_is_its_credentials_or_its_tracking_token() {
        let bearer = caller_key(Some(b"Bearer abc"), "/v1/shipments").unwrap();
        assert_eq!(bearer, caller_key(Some(b"Bearer abc"), "/v1/kpis").unwrap());
        assert_ne!(
            bearer,
            caller_key(Some(b"Bearer abd"), "/v1/shipments").unwrap()
        );
        let api = caller_key(None, "/v1/track/tok123").unwrap();
        assert_eq!(api, caller_key(None, "/t/tok123/contact").unwrap());
        assert_eq!(api, caller_key(None, "/v1/track/tok123/photos/p1").unwrap());
        assert_ne!(api, caller_key(None, "/t/tok124").unwrap());
        assert_eq!(caller_key(None, "/v1/shipments"), None);
        assert_eq!(caller_key(None, "/v1/track/"), None);
    }

    #[test]
    fn a_write_opens_a_window_that_closes() {
        let w = RecentWriters::new(Duration::from_millis(50));
        let k = caller_key(Some(b"Bearer x"), "/").unwrap();
        assert!(!w.wrote_recently(&k));
        w.wrote(k);
        assert!(w.wrote_recently(&k));
        std::thread::sleep(Duration::from_millis(60));
        assert!(!w.wrote_recently(&k));
    }
}
