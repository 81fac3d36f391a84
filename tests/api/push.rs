//! Driver pushes against a real push service played by the test: an HTTP receiver on
//! 127.0.0.1 that decrypts each RFC 8291 payload with the subscription's private key and
//! checks the VAPID JWT (ES256 with the key from `/v1/push/vapid-public-key`, `aud` the
//! endpoint's origin, `exp` within 24 h), as a browser vendor's push service would.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration as StdDuration;

use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use p256::elliptic_curve::sec1::ToEncodedPoint;
use reqwest::Method;
use serde_json::{Value, json};

use crate::fixtures::{driver, fail, out_now};
use crate::helpers::TestApp;

/// One push the service accepted for delivery, decrypted.
#[derive(Debug, Clone)]
struct Push {
    path: String,
    payload: Value,
    headers: HashMap<String, String>,
}

/// A browser: its push keys, as `PushManager.subscribe` makes them.
struct Browser {
    secret: p256::SecretKey,
    auth: [u8; 16],
}

impl Browser {
    fn new() -> Browser {
        Browser {
            secret: p256::SecretKey::random(&mut rand::rngs::OsRng),
            auth: rand::random(),
        }
    }

    fn subscription(&self, endpoint: &str) -> Value {
        let point = self.secret.public_key().to_encoded_point(false);
        json!({
            "endpoint": endpoint,
            "expirationTime": null,
            "keys": {
                "p256dh": URL_SAFE_NO_PAD.encode(point.as_bytes()),
                "auth": URL_SAFE_NO_PAD.encode(self.auth),
            }
        })
    }
}

#[derive(Default)]
struct State {
    /// The browsers behind the endpoints (path → keys), to decrypt with.
    browsers: HashMap<String, ([u8; 32], [u8; 16])>,
    /// Paths whose subscription the service says is gone (410).
    gone: Vec<String>,
    vapid_key: String,
    pushes: Vec<Push>,
    /// Requests refused, and why (a bad JWT, a payload that does not decrypt).
    refused: Vec<String>,
    gone_hits: usize,
}

struct PushService {
    base: String,
    state: Arc<Mutex<State>>,
    _handle: actix_web::dev::ServerHandle,
}

fn verify_vapid(auth: &str, vapid_key: &str, origin: &str) -> Result<(), String> {
    let rest = auth.strip_prefix("vapid t=").ok_or("not a vapid header")?;
    let (jwt, k) = rest.split_once(", k=").ok_or("no k=")?;
    if k != vapid_key {
        return Err(format!("k={k} is not the server's key"));
    }
    let point = URL_SAFE_NO_PAD.decode(k).map_err(|e| e.to_string())?;
    if point.len() != 65 || point[0] != 4 {
        return Err("k is not an uncompressed point".to_owned());
    }
    let key = jsonwebtoken::DecodingKey::from_ec_components(
        &URL_SAFE_NO_PAD.encode(&point[1..33]),
        &URL_SAFE_NO_PAD.encode(&point[33..]),
    )
    .map_err(|e| e.to_string())?;
    let mut v = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::ES256);
    v.set_audience(&[origin]);
    v.set_required_spec_claims(&["exp", "aud", "sub"]);
    let claims = jsonwebtoken::decode::<Value>(jwt, &key, &v)
        .map_err(|e| format!("JWT refused: {e}"))?
        .claims;
    let exp = claims["exp"].as_i64().ok_or("no exp")?;
    let now = chrono::Utc::now().timestamp();
    if exp > now + 24 * 3600 {
        return Err(format!("exp {exp} is more than 24 h ahead"));
    }
    if !claims["sub"]
        .as_str()
        .is_some_and(|s| s.starts_with("mailto:") || s.starts_with("https://"))
    {
        return Err("sub is not a contact URI".to_owned());
    }
    Ok(())
}

async fn deliver(
    req: HttpRequest,
    body: web::Bytes,
    st: web::Data<Arc<Mutex<State>>>,
) -> HttpResponse {
    let path = req.path().to_owned();
    let headers: HashMap<String, String> = req
        .headers()
        .iter()
        .map(|(k, v)| (k.as_str().to_owned(), v.to_str().unwrap_or("").to_owned()))
        .collect();
    let origin = format!("http://{}", req.connection_info().host());
    let mut st = st.lock().unwrap();
    if st.gone.contains(&path) {
        st.gone_hits += 1;
        return HttpResponse::Gone().finish();
    }
    let check = || -> Result<Value, String> {
        verify_vapid(
            headers.get("authorization").ok_or("no Authorization")?,
            &st.vapid_key,
            &origin,
        )?;
        if headers.get("content-encoding").map(String::as_str) != Some("aes128gcm") {
            return Err("Content-Encoding is not aes128gcm".to_owned());
        }
        let ttl = headers.get("ttl").and_then(|t| t.parse::<u64>().ok());
        if ttl.unwrap_or(0) == 0 {
            return Err("no TTL".to_owned());
        }
        let (secret, auth) = st.browsers.get(&path).ok_or("unknown endpoint")?;
        let secret = p256::SecretKey::from_slice(secret).map_err(|e| e.to_string())?;
        let plain =
            web_push_native::decrypt(body.to_vec(), &secret, &web_push_native::Auth::from(*auth))
                .map_err(|e| format!("does not decrypt: {e}"))?;
        serde_json::from_slice(&plain).map_err(|e| e.to_string())
    };
    match check() {
        Ok(payload) => {
            st.pushes.push(Push {
                path,
                payload,
                headers,
            });
            HttpResponse::Created().finish()
        }
        Err(why) => {
            st.refused.push(why);
            HttpResponse::BadRequest().finish()
        }
    }
}

impl PushService {
    fn start(vapid_key: &str) -> PushService {
        let state = Arc::new(Mutex::new(State {
            vapid_key: vapid_key.to_owned(),
            ..Default::default()
        }));
        let data = web::Data::new(state.clone());
        let listener = std::net::TcpListener::bind(("127.0.0.1", 0)).unwrap();
        let port = listener.local_addr().unwrap().port();
        let server = HttpServer::new(move || {
            App::new()
                .app_data(data.clone())
                .default_service(web::to(deliver))
        })
        .workers(1)
        .listen(listener)
        .unwrap()
        .run();
        let handle = server.handle();
        tokio::spawn(server);
        PushService {
            base: format!("http://127.0.0.1:{port}"),
            state,
            _handle: handle,
        }
    }

    /// An endpoint for `browser` (its push service URL).
    fn endpoint(&self, path: &str, browser: &Browser) -> String {
        self.state.lock().unwrap().browsers.insert(
            path.to_owned(),
            (browser.secret.to_bytes().into(), browser.auth),
        );
        format!("{}{path}", self.base)
    }

    fn gone(&self, path: &str) {
        self.state.lock().unwrap().gone.push(path.to_owned());
    }

    /// Wait for a push to `path` of `kind` about `shipment`.
    async fn wait_for(&self, path: &str, kind: &str, shipment: &str) -> Push {
        for _ in 0..200 {
            {
                let st = self.state.lock().unwrap();
                assert!(st.refused.is_empty(), "refused pushes: {:?}", st.refused);
                if let Some(p) = st.pushes.iter().find(|p| {
                    p.path == path
                        && p.payload["kind"] == kind
                        && p.payload["shipment_id"] == shipment
                }) {
                    return p.clone();
                }
            }
            tokio::time::sleep(StdDuration::from_millis(50)).await;
        }
        panic!(
            "no {kind} push to {path}; got {:?}",
            self.state.lock().unwrap().pushes
        );
    }
}

async fn subscriptions(app: &TestApp, token: &str) -> Vec<Value> {
    let r = app.get("/v1/me/push-subscriptions", Some(token)).await;
    assert_eq!(r.status, 200, "{}", r.body);
    r.body["items"].as_array().unwrap().clone()
}

#[tokio::test]
async fn a_driver_hears_of_the_customers_phone_change_and_gone_subscriptions_are_removed() {
    // The browsers' push secrets sealed at rest (issue 24): sending opens them.
    let w = crate::fixtures::world_with(|s| {
        s.secrets.key = Some(secrecy::SecretString::from(
            base64::engine::general_purpose::STANDARD.encode([9u8; 32]),
        ))
    })
    .await;
    let app = &w.app;
    let r = app.get("/v1/push/vapid-public-key", None).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let vapid_key = r.body["public_key"].as_str().unwrap().to_owned();
    let point = URL_SAFE_NO_PAD.decode(&vapid_key).unwrap();
    assert!(p256::PublicKey::from_sec1_bytes(&point).is_ok() && point.len() == 65);

    let service = PushService::start(&vapid_key);
    let d = driver(&w, &w.courier_admin, "pia@speedy.test").await;
    let other = driver(&w, &w.courier_admin, "olaf@speedy.test").await;
    let phone = Browser::new();
    let endpoint = service.endpoint("/push/pia-phone", &phone);

    // Only drivers subscribe: staff and API keys get a clear 403.
    for who in [&w.courier_admin, &w.shop_key] {
        let r = app
            .post(
                "/v1/me/push-subscriptions",
                Some(who),
                phone.subscription(&endpoint),
            )
            .await;
        r.assert_problem(403, "forbidden");
    }
    // Keys and endpoints are checked.
    let mut bad = phone.subscription("ftp://127.0.0.1/x");
    bad["keys"]["p256dh"] = json!("AAAA");
    bad["keys"]["auth"] = json!(URL_SAFE_NO_PAD.encode([1u8; 15]));
    let r = app
        .post("/v1/me/push-subscriptions", Some(&d.token), bad)
        .await;
    assert_eq!(r.status, 422, "{}", r.body);
    let mut fields = r.error_fields();
    fields.sort();
    assert_eq!(
        fields,
        ["endpoint", "keys.auth", "keys.p256dh"],
        "{}",
        r.body
    );

    let r = app
        .post(
            "/v1/me/push-subscriptions",
            Some(&d.token),
            phone.subscription(&endpoint),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let sub_id = r.body["id"].as_str().unwrap().to_owned();
    {
        use diesel::prelude::*;
        use doorstep::db::schema::push_subscriptions as ps;
        let mut c = app.db.get_write().unwrap();
        let auth: String = ps::table
            .find(&sub_id)
            .select(ps::auth)
            .first(&mut *c)
            .unwrap();
        assert!(auth.starts_with("sealed.v1."), "sealed at rest: {auth}");
    }
    // Idempotent per endpoint.
    let r = app
        .post(
            "/v1/me/push-subscriptions",
            Some(&d.token),
            phone.subscription(&endpoint),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["id"], sub_id.as_str());
    assert_eq!(subscriptions(app, &d.token).await.len(), 1);

    // The parcel is handed to the driver (a hand-off waits for their acceptance: pushed), then
    // the customer changes the phone number on the tracking link.
    let (id, token) = out_now(&w, "PUSH-1", &d).await;
    let handoff = service
        .wait_for("/push/pia-phone", "handoff.requested", &id)
        .await;
    assert!(handoff.payload["handoff_id"].is_string(), "{:?}", handoff);
    let r = app
        .request(
            Method::PATCH,
            &format!("/v1/track/{token}/contact"),
            None,
            Some(json!({"phone": "+33 6 98 76 54 32"})),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let push = service
        .wait_for("/push/pia-phone", "shipment.contact_updated", &id)
        .await;
    assert_eq!(push.payload["reference"], "PUSH-1");
    assert_eq!(push.payload["fields"], json!(["phone"]));
    let text = push.payload["text"].as_str().unwrap();
    assert!(text.contains("phone number"), "{text}");
    let plain = push.payload.to_string();
    assert!(
        !plain.contains("98 76") && !plain.contains("698765432"),
        "the push carries no number: {plain}"
    );
    // The event id is the dedupe key: in the payload and as the Topic.
    let event_id = push.payload["event_id"].as_str().unwrap();
    assert!(event_id.starts_with("evt_"), "{event_id}");
    assert_eq!(
        push.headers.get("topic").map(String::as_str),
        Some(event_id)
    );

    // A second browser whose push service says the subscription is gone: removed on the
    // next push; the first one still hears.
    let tablet = Browser::new();
    let gone = service.endpoint("/push/pia-tablet", &tablet);
    service.gone("/push/pia-tablet");
    let r = app
        .post(
            "/v1/me/push-subscriptions",
            Some(&d.token),
            tablet.subscription(&gone),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(subscriptions(app, &d.token).await.len(), 2);
    let r = app
        .post(&format!("/v1/track/{token}/early-consent"), None, json!({}))
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    service
        .wait_for("/push/pia-phone", "shipment.early_consent", &id)
        .await;
    app.run_jobs().await;
    let left = subscriptions(app, &d.token).await;
    assert_eq!(left.len(), 1, "the gone subscription is removed: {left:?}");
    assert_eq!(left[0]["id"], sub_id.as_str());
    assert_eq!(service.state.lock().unwrap().gone_hits, 1);

    // The driver's failed attempt is disputed: the push names the dispute and the attempt.
    fail(app, &d, &id, "push-fail-1", chrono::Utc::now()).await;
    let r = app
        .post(
            &format!("/v1/track/{token}/disputes"),
            None,
            json!({"reason": "was_home"}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let dispute = service
        .wait_for("/push/pia-phone", "dispute.opened", &id)
        .await;
    assert_eq!(dispute.payload["dispute_id"], r.body["id"]);
    assert_eq!(dispute.payload["attempt_id"], r.body["attempt_id"]);
    assert!(
        dispute.payload["text"]
            .as_str()
            .unwrap()
            .contains("disputes your delivery attempt"),
        "{:?}",
        dispute.payload
    );
    // Nothing else was pushed to this phone: staff's and the driver's own acts are not.
    let kinds: Vec<String> = service
        .state
        .lock()
        .unwrap()
        .pushes
        .iter()
        .filter(|p| p.path == "/push/pia-phone")
        .map(|p| p.payload["kind"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        kinds,
        [
            "handoff.requested",
            "shipment.contact_updated",
            "shipment.early_consent",
            "dispute.opened"
        ]
    );

    // Another driver sees none of them and cannot delete them.
    assert!(subscriptions(app, &other.token).await.is_empty());
    let path = format!("/v1/me/push-subscriptions/{sub_id}");
    app.delete(&path, Some(&other.token))
        .await
        .assert_problem(404, "not-found");
    let r = app.delete(&path, Some(&d.token)).await;
    assert_eq!(r.status, 204, "{}", r.body);
    assert!(subscriptions(app, &d.token).await.is_empty());
    app.delete(&path, Some(&d.token))
        .await
        .assert_problem(404, "not-found");
}
