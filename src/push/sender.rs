//! The background sender inside `serve`: claims due pushes (SKIP LOCKED on PostgreSQL, so
//! several servers share the work), encrypts each for its subscription (RFC 8291,
//! `aes128gcm`), signs it (VAPID) and posts it through the webhooks' outbound client (no
//! redirects, forbidden addresses refused at connect time). A push service answering 404 or
//! 410 ends the subscription (it and its waiting pushes are removed); 429, 5xx and no answer
//! are retried with backoff until [`rules::MAX_TRIES`] or the push's TTL; other answers give
//! the push up. At-least-once: a crash between the send and its record sends it again after
//! the lease, with the same `Topic` (the event id: a push service replaces a message still
//! waiting under the same topic) and the same `event_id` in the payload for the app to drop.

use std::sync::Arc;
use std::time::Duration;

use chrono::NaiveDateTime;
use rand::Rng;

use super::model::{AUTH_CONTEXT, PushRow, SubscriptionRow};
use super::rules::{self, Answer};
use super::store;
use super::vapid::{Vapid, decode_b64url};
use crate::db::Db;

#[derive(Debug, Clone)]
pub struct Config {
    pub vapid: Vapid,
    pub poll: Duration,
    pub retry_base: Duration,
    pub timeout: Duration,
    /// http:// and loopback/private endpoints (tests, local development): the webhooks' setting.
    pub allow_private: bool,
    pub batch: i64,
    /// Opens the browsers' sealed push secrets (`auth`).
    pub secrets: std::sync::Arc<crate::secrets::Keyring>,
    pub clock: crate::clock::Clock,
}

/// The `Topic` header: the event id in the URL-safe alphabet, at most 32 characters (RFC 8030
/// §5.4).
pub fn topic(event_id: &str) -> String {
    event_id
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .take(32)
        .collect()
}

/// The request body for `sub`: `payload` encrypted with the browser's keys.
pub fn encrypt_for(sub: &SubscriptionRow, payload: &str) -> Result<Vec<u8>, String> {
    let public = decode_b64url(&sub.p256dh)
        .and_then(|b| web_push_native::p256::PublicKey::from_sec1_bytes(&b).ok())
        .ok_or("the subscription's p256dh is not a P-256 public key")?;
    let auth: [u8; 16] = decode_b64url(&sub.auth)
        .and_then(|a| a.try_into().ok())
        .ok_or("the subscription's auth is not 16 bytes")?;
    let auth = web_push_native::Auth::from(auth);
    web_push_native::encrypt(payload.as_bytes().to_vec(), &public, &auth)
        .map_err(|e| format!("encryption: {e}"))
}

async fn send(
    http: &reqwest::Client,
    cfg: &Config,
    push: &PushRow,
    sub: &SubscriptionRow,
    now: NaiveDateTime,
) -> (Answer, Option<String>) {
    if let Err(why) = crate::outbound::check_url(&sub.endpoint, cfg.allow_private) {
        return (Answer::Refused, Some(format!("endpoint {why}")));
    }
    let Ok(url) = reqwest::Url::parse(&sub.endpoint) else {
        return (Answer::Refused, Some("endpoint is not a URL".to_owned()));
    };
    let age = (now - push.created_at).num_seconds().max(0);
    let ttl = i64::try_from(rules::TTL_SECS).unwrap_or(i64::MAX) - age;
    if ttl <= 0 {
        return (Answer::Refused, Some("expired".to_owned()));
    }
    let opened = cfg
        .secrets
        .open_field(AUTH_CONTEXT, &sub.auth)
        .map(|auth| SubscriptionRow {
            auth,
            ..sub.clone()
        });
    let body = match opened
        .map_err(|e| format!("the push secret cannot be opened: {e}"))
        .and_then(|sub| encrypt_for(&sub, &push.payload))
    {
        Ok(b) => b,
        Err(e) => return (Answer::Refused, Some(e)),
    };
    let req = http
        .post(url.clone())
        .header("TTL", ttl.to_string())
        .header("Topic", topic(&push.event_id))
        .header("Urgency", "high")
        .header("Content-Encoding", "aes128gcm")
        .header("Content-Type", "application/octet-stream")
        .header(
            "Authorization",
            cfg.vapid.authorization(&url, now.and_utc().timestamp()),
        )
        .body(body);
    match req.send().await {
        Ok(r) => {
            let status = r.status().as_u16();
            let a = rules::answer(Some(status));
            (
                a,
                (a != Answer::Delivered).then(|| format!("push service answered {status}")),
            )
        }
        Err(e) if e.is_timeout() => (Answer::Retry, Some("push service: timeout".to_owned())),
        Err(_) => (
            Answer::Retry,
            Some("push service: request failed".to_owned()),
        ),
    }
}

/// The push sender as the one runner takes it: each round claims due pushes, sends them and
/// records the outcomes.
pub struct Pusher {
    cfg: Arc<Config>,
    http: reqwest::Client,
}

impl Pusher {
    pub fn new(cfg: Config) -> anyhow::Result<Pusher> {
        let http = crate::outbound::safe_client(cfg.timeout, cfg.allow_private)?;
        Ok(Pusher {
            cfg: Arc::new(cfg),
            http,
        })
    }
}

impl crate::jobs::Job for Pusher {
    fn kind(&self) -> &'static str {
        "pushes"
    }

    fn interval(&self) -> Duration {
        self.cfg.poll
    }

    fn round<'a>(
        &'a mut self,
        db: &'a Db,
        _stopping: bool,
    ) -> futures_util::future::BoxFuture<'a, anyhow::Result<usize>> {
        Box::pin(round(db, &self.cfg, &self.http))
    }
}

/// Claim due pushes, send them, record the outcomes. Returns how many were claimed.
async fn round(db: &Db, cfg: &Arc<Config>, http: &reqwest::Client) -> anyhow::Result<usize> {
    let (db2, cfg2) = (db.clone(), cfg.clone());
    let claimed = actix_web::web::block(move || -> anyhow::Result<_> {
        let mut conn = db2.get_write()?;
        let now = cfg2.clock.naive();
        let lease = chrono::Duration::from_std(cfg2.timeout).unwrap_or_default()
            * i32::try_from(cfg2.batch).unwrap_or(i32::MAX)
            + chrono::Duration::seconds(60);
        Ok(crate::db::backend::write_transaction(&mut conn, |c| {
            store::claim(c, now, cfg2.batch, lease)
        })?)
    })
    .await??;
    let n = claimed.len();
    let mut outcomes = Vec::new();
    for (push, sub) in claimed {
        let now = cfg.clock.naive();
        let (answer, error) = send(http, cfg, &push, &sub, now).await;
        outcomes.push((push, sub, answer, error));
    }
    let (db, cfg) = (db.clone(), cfg.clone());
    actix_web::web::block(move || -> anyhow::Result<()> {
        let mut conn = db.get_write()?;
        let now = cfg.clock.naive();
        crate::db::backend::write_transaction(&mut conn, |c| -> diesel::QueryResult<()> {
            let mut gone: Vec<String> = Vec::new();
            for (push, sub, answer, error) in outcomes {
                if gone.contains(&sub.id) {
                    continue;
                }
                let error = error.unwrap_or_default();
                match answer {
                    Answer::Delivered => store::record(c, &push.id, now, Ok(()))?,
                    Answer::Gone => {
                        tracing::info!(subscription = sub.id, error, "push subscription gone");
                        store::delete(c, &sub.id)?;
                        gone.push(sub.id);
                    }
                    Answer::Refused => {
                        tracing::warn!(push = push.id, error, "push given up");
                        store::record(c, &push.id, now, Err((error, None)))?;
                    }
                    Answer::Retry => {
                        let tries = push.tries + 1;
                        let delay = crate::outbound::backoff(
                            u32::try_from(tries).unwrap_or(u32::MAX),
                            cfg.retry_base,
                            rand::thread_rng().r#gen::<f64>(),
                        );
                        let next = now + chrono::Duration::from_std(delay).unwrap_or_default();
                        let expires = push.created_at
                            + chrono::Duration::seconds(
                                i64::try_from(rules::TTL_SECS).unwrap_or(i64::MAX),
                            );
                        let next = (tries < rules::MAX_TRIES && next < expires).then_some(next);
                        tracing::warn!(push = push.id, error, "push not sent");
                        store::record(c, &push.id, now, Err((error, next)))?;
                    }
                }
            }
            Ok(())
        })?;
        Ok(())
    })
    .await??;
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;

    #[test]
    fn topics_fit_the_header() {
        let t = topic("evt_01jq3z8k2m4n5p6q7r8s9t0v1w");
        assert_eq!(t, "evt_01jq3z8k2m4n5p6q7r8s9t0v1w");
        assert!(topic(&"x".repeat(40)).len() == 32);
        assert_eq!(topic("a.b:c"), "abc");
    }

    #[test]
    fn a_payload_decrypts_with_the_browsers_key() {
        let ua = web_push_native::p256::SecretKey::random(&mut rand::rngs::OsRng);
        let public = {
            use web_push_native::p256::elliptic_curve::sec1::ToEncodedPoint;
            ua.public_key().to_encoded_point(false)
        };
        let auth = [7u8; 16];
        let sub = SubscriptionRow {
            id: "sub".to_owned(),
            user_id: "u".to_owned(),
            endpoint: "https://push.example/x".to_owned(),
            p256dh: URL_SAFE_NO_PAD.encode(public.as_bytes()),
            auth: URL_SAFE_NO_PAD.encode(auth),
            created_at: chrono::Utc::now().naive_utc(),
            updated_at: chrono::Utc::now().naive_utc(),
        };
        let body = encrypt_for(&sub, r#"{"kind":"x"}"#).unwrap();
        let plain =
            web_push_native::decrypt(body, &ua, &web_push_native::Auth::from(auth)).unwrap();
        assert_eq!(plain, br#"{"kind":"x"}"#);
        let mut bad = sub.clone();
        bad.auth = "AAAA".to_owned();
        assert!(encrypt_for(&bad, "{}").is_err());
    }
}
