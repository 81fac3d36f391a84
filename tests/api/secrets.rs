//! Webhook signing secrets at rest: sealed under DOORSTEP_SECRET_KEY, plain rows sealed at
//! start-up once a key is set, `admin rotate-secret-key` re-seals under a new key, and the
//! receivers' signature checks hold throughout.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use diesel::prelude::*;
use p256::elliptic_curve::sec1::ToEncodedPoint;
use secrecy::SecretString;
use serde_json::json;

use crate::fixtures::*;
use crate::helpers::TestApp;

fn key(byte: u8) -> String {
    STANDARD.encode([byte; 32])
}

fn secret(byte: u8) -> Option<SecretString> {
    Some(SecretString::from(key(byte)))
}

/// (stored secret, its key id), read from the row.
fn stored(app: &TestApp, hook: &str) -> (String, Option<String>) {
    use doorstep::db::schema::webhook_subscriptions as w;
    let mut conn = app.db.get_write().unwrap();
    w::table
        .find(hook)
        .select((w::secret, w::secret_key_id))
        .first(&mut *conn)
        .unwrap()
}

async fn subscribe(app: &TestApp, token: &str, url: &str) -> (String, String) {
    let r = app
        .post(
            "/v1/webhooks",
            Some(token),
            json!({"url": url, "event_types": ["*"]}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    (
        r.body["id"].as_str().unwrap().to_owned(),
        r.body["secret"].as_str().unwrap().to_owned(),
    )
}

/// Ping `hook` and return the signature check of the `n`-th hit against `secret`.
async fn ping_verifies(
    app: &TestApp,
    admin: &str,
    hook: &str,
    rx: &Receiver,
    n: usize,
    secret: &str,
) -> bool {
    let r = app
        .post(&format!("/v1/webhooks/{hook}/ping"), Some(admin), json!({}))
        .await;
    assert_eq!(r.status, 202, "{}", r.body);
    let hits = rx.wait_for(n).await;
    signed_by(&hits[n - 1], secret)
}

fn rotate_secret_key(app: &TestApp, current: u8, old: u8) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_doorstep"))
        .args(["admin", "rotate-secret-key"])
        .env("DATABASE_URL", &app.settings().db.url)
        .env("DOORSTEP_SECRET_KEY", key(current))
        .env("DOORSTEP_SECRET_KEYS_OLD", key(old))
        .env("RUST_LOG", "warn")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[tokio::test]
async fn signing_secrets_are_sealed_at_rest_and_rotated_to_a_new_key() {
    let mut w = world_with(|s| s.secrets.key = secret(1)).await;
    let admin = w.app.token("admin@shop.test").await;
    let rx = Receiver::start(0, &[]).await;
    let (hook, plain) = subscribe(&w.app, &admin, &rx.url).await;

    // The row holds no plain secret, only a sealed one named by its key.
    let (text, key_id) = stored(&w.app, &hook);
    assert_ne!(text, plain);
    assert!(!text.contains(plain.trim_start_matches("whsec_")), "{text}");
    assert_eq!(key_id, Some(doorstep::secrets::key_id(&[1; 32])));
    assert!(ping_verifies(&w.app, &admin, &hook, &rx, 1, &plain).await);

    // Events fanned out from the timeline are signed with it too.
    w.app.post("/v1/shipments", Some(&w.shop_key), tv(&w)).await;
    let hits = rx.wait_for(2).await;
    assert!(hits.iter().all(|h| signed_by(h, &plain)));

    // A new key, the former one kept to open: deliveries still verify before the rotation ...
    w.app
        .restart_with(|s| {
            s.secrets.key = secret(2);
            s.secrets.keys_old = secret(1);
        })
        .await;
    assert!(ping_verifies(&w.app, &admin, &hook, &rx, 3, &plain).await);
    // ... the rotation re-seals the row under the new key ...
    let out = rotate_secret_key(&w.app, 2, 1);
    assert!(out.contains("1 webhook subscription(s)"), "{out}");
    let (again, key_id) = stored(&w.app, &hook);
    assert_eq!(key_id, Some(doorstep::secrets::key_id(&[2; 32])));
    assert_ne!(again, text);
    assert!(
        rotate_secret_key(&w.app, 2, 1).contains("0 webhook"),
        "idempotent"
    );
    // ... and the former key can go.
    w.app.restart_with(|s| s.secrets.keys_old = None).await;
    assert!(ping_verifies(&w.app, &admin, &hook, &rx, 4, &plain).await);

    // A rotated signing secret: the previous one is kept sealed too, and both still sign.
    let r = w
        .app
        .post(
            &format!("/v1/webhooks/{hook}/rotate-secret"),
            Some(&admin),
            json!({}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let fresh = r.body["secret"].as_str().unwrap().to_owned();
    assert!(ping_verifies(&w.app, &admin, &hook, &rx, 5, &fresh).await);
    assert!(
        signed_by(&rx.hits()[4], &plain),
        "the previous secret signs for a day"
    );
    let (text, _) = stored(&w.app, &hook);
    assert!(!text.contains(fresh.trim_start_matches("whsec_")));
}

#[tokio::test]
async fn plain_secrets_are_sealed_once_a_key_is_set() {
    let mut w = world().await;
    let admin = w.app.token("admin@shop.test").await;
    let rx = Receiver::start(0, &[]).await;
    let (hook, plain) = subscribe(&w.app, &admin, &rx.url).await;
    // No key (development): kept as given, and named by no key.
    assert_eq!(stored(&w.app, &hook), (plain.clone(), None));
    w.app.restart_with(|s| s.secrets.key = secret(7)).await;
    let (text, key_id) = stored(&w.app, &hook);
    assert_eq!(key_id, Some(doorstep::secrets::key_id(&[7; 32])));
    assert!(!text.contains(plain.trim_start_matches("whsec_")));
    assert!(ping_verifies(&w.app, &admin, &hook, &rx, 1, &plain).await);
    // A second start changes nothing.
    w.app.restart().await;
    assert_eq!(stored(&w.app, &hook).0, text);
}

/// Issue 24: the other secrets kept at rest — the customer's tracking link kept for messages,
/// the handover PIN, a browser's push auth secret — are re-sealed by `admin rotate-secret-key`
/// too, so the former key can go and the PIN, the link and the push secret still open.
#[tokio::test]
async fn rotation_reseals_links_pins_and_push_secrets() {
    use doorstep::db::schema::{push_subscriptions as ps, shipments};
    let mut w = world_with(|s| {
        s.secrets.key = secret(1);
        // Messages configured (to a closed port): the link is kept for them.
        s.notify.smtp_url = Some(SecretString::from(format!(
            "smtp://127.0.0.1:{}?tls=none",
            free_port()
        )));
    })
    .await;
    let d = driver(&w, &w.courier_admin, "rot@speedy.test").await;
    let (id, token) = out_now(&w, "ROTATE-1", &d).await;
    let pin = w.app.get(&format!("/v1/track/{token}"), None).await.body["handover_pin"]
        .as_str()
        .unwrap()
        .to_owned();
    let point = p256::SecretKey::random(&mut rand::rngs::OsRng)
        .public_key()
        .to_encoded_point(false);
    let b64 = |b: &[u8]| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(b);
    let r = w
        .app
        .post(
            "/v1/me/push-subscriptions",
            Some(&d.token),
            json!({"endpoint": "http://127.0.0.1:9/push/rot", "keys": {
                "p256dh": b64(point.as_bytes()), "auth": b64(&[3u8; 16])}}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let sub = r.body["id"].as_str().unwrap().to_owned();
    let columns = |app: &TestApp| -> Vec<String> {
        let mut c = app.db.get_write().unwrap();
        let (link, pin): (Option<String>, Option<String>) = shipments::table
            .find(&id)
            .select((shipments::notify_link, shipments::handover_pin))
            .first(&mut *c)
            .unwrap();
        let auth: String = ps::table
            .find(&sub)
            .select(ps::auth)
            .first(&mut *c)
            .unwrap();
        vec![link.unwrap(), pin.unwrap(), auth]
    };
    let sealed_by = |byte: u8| format!("sealed.v1.{}.", doorstep::secrets::key_id(&[byte; 32]));
    let before = columns(&w.app);
    assert!(
        before.iter().all(|v| v.starts_with(&sealed_by(1))),
        "{before:?}"
    );

    w.app
        .restart_with(|s| {
            s.secrets.key = secret(2);
            s.secrets.keys_old = secret(1);
        })
        .await;
    let out = rotate_secret_key(&w.app, 2, 1);
    assert!(
        out.contains("1 tracking link(s), 1 handover PIN(s), 1 push subscription(s)"),
        "{out}"
    );
    let after = columns(&w.app);
    assert!(
        after.iter().all(|v| v.starts_with(&sealed_by(2))),
        "{after:?}"
    );
    assert!(
        rotate_secret_key(&w.app, 2, 1).contains("0 tracking link(s), 0 handover PIN(s), 0 push"),
        "idempotent"
    );
    // The former key gone, what was sealed still opens: the customer's PIN and link ...
    w.app.restart_with(|s| s.secrets.keys_old = None).await;
    let view = w.app.get(&format!("/v1/track/{token}"), None).await;
    assert_eq!(view.status, 200, "{}", view.body);
    assert_eq!(view.body["handover_pin"], pin.as_str(), "{}", view.body);
    let keyring = doorstep::secrets::Keyring::from_config(secret(2).as_ref(), None).unwrap();
    let link = keyring
        .open_field(doorstep::shipments::model::LINK_CONTEXT, &after[0])
        .unwrap();
    assert!(link.ends_with(&format!("/t/{token}")), "{link}");
    let auth = keyring
        .open_field(doorstep::push::model::AUTH_CONTEXT, &after[2])
        .unwrap();
    assert_eq!(auth, b64(&[3u8; 16]));
}
