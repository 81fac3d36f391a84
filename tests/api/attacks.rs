//! Attacks from the OWASP API Security Top 10 (2023) that other modules do not already cover:
//! object level over every route with an id, property level, function level, and what errors
//! and CORS give away. (Authentication: `auth.rs`; resource limits: `errors.rs`, `auth.rs`,
//! `custody.rs`, `attempts.rs`; SSRF: `webhooks.rs` and the dispatcher's unit tests.)

use reqwest::Method;
use serde_json::{Value, json};

use crate::fixtures::*;
use crate::helpers::{PLATFORM_EMAIL, Reply, TestApp};

/// Everything a marketplace ("shop") and its courier ("speedy") own, with one object of
/// every kind that a route takes an id of.
struct Owned {
    shipment: String,
    handoff: String,
    attempt: String,
    photo: String,
    dispute: String,
    contract: String,
    key: String,
    driver: String,
    webhook: String,
    delivery: String,
}

async fn owned(w: &World) -> Owned {
    let app = &w.app;
    let shop_admin = app.token("admin@shop.test").await;
    let d = driver(w, &w.courier_admin, "dan@speedy.test").await;
    let (shipment, token) = out_now(w, "OWN-1", &d).await;
    fail(app, &d, &shipment, "own-fail", chrono::Utc::now()).await;
    let attempts = app
        .get(
            &format!("/v1/shipments/{shipment}/attempts"),
            Some(&d.token),
        )
        .await;
    let attempt = first_id(&attempts);
    let photo = upload(
        app,
        &d.token,
        &attempt,
        "door",
        jpeg(64, 48, None),
        "image/jpeg",
    )
    .await;
    assert_eq!(photo.status, 201, "{}", photo.body);
    let dispute = app
        .post(
            &format!("/v1/track/{token}/disputes"),
            None,
            json!({"reason": "was_home"}),
        )
        .await;
    assert_eq!(dispute.status, 201, "{}", dispute.body);
    let handoffs = app
        .get(
            &format!("/v1/shipments/{shipment}/handoffs"),
            Some(&w.shop_key),
        )
        .await;
    let contracts = app.get("/v1/contracts", Some(&w.shop_key)).await;
    let keys = app.get("/v1/api-keys", Some(&shop_admin)).await;
    let webhook = app
        .post(
            "/v1/webhooks",
            Some(&shop_admin),
            json!({"url": "https://partner.example/h", "event_types": ["*"]}),
        )
        .await;
    let webhook = webhook.body["id"].as_str().unwrap().to_owned();
    let ping = app
        .post(
            &format!("/v1/webhooks/{webhook}/ping"),
            Some(&shop_admin),
            json!({}),
        )
        .await;
    assert_eq!(ping.status, 202, "{}", ping.body);
    let deliveries = app
        .get(
            &format!("/v1/webhooks/{webhook}/deliveries"),
            Some(&shop_admin),
        )
        .await;
    Owned {
        handoff: first_id(&handoffs),
        attempt,
        photo: photo.body["id"].as_str().unwrap().to_owned(),
        dispute: dispute.body["id"].as_str().unwrap().to_owned(),
        contract: first_id(&contracts),
        key: first_id(&keys),
        driver: d.id,
        webhook,
        delivery: first_id(&deliveries),
        shipment,
    }
}

/// The id of the first item of a list (paginated `{items}` or a bare array).
fn first_id(r: &Reply) -> String {
    let items = if r.body.is_array() {
        &r.body
    } else {
        &r.body["items"]
    };
    items[0]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("no id in {}", r.body))
        .to_owned()
}

impl Owned {
    /// The owned object a path parameter names, by the route's prefix.
    fn fill(&self, template: &str) -> String {
        let id = match template.split('/').nth(2).unwrap_or("") {
            "shipments" => &self.shipment,
            "attempts" => &self.attempt,
            "photos" => &self.photo,
            "disputes" => &self.dispute,
            "contracts" => &self.contract,
            "api-keys" => &self.key,
            "users" | "drivers" => &self.driver,
            "webhooks" => &self.webhook,
            "webhook-deliveries" => &self.delivery,
            other => panic!("no owned object for /v1/{other}"),
        };
        template.replace("{id}", id).replace("{hid}", &self.handoff)
    }
}

/// A body the route would accept from its owner, so that an outsider's request gets as far
/// as the lookup (an empty body would stop at validation, before any object is read).
fn body_for(method: &Method, template: &str) -> Option<Value> {
    let now = chrono::Utc::now();
    let gps = json!({"lat": 48.8606, "lon": 2.3376, "accuracy_m": 8.0, "captured_at": now});
    let last = template.rsplit('/').next().unwrap();
    Some(match (method.as_str(), last) {
        ("GET" | "DELETE", _) => return None,
        (_, "attempts") => json!({"outcome": "delivered", "placement": "handed_to_recipient",
            "gps": gps, "occurred_at": now}),
        (_, "contact-attempts") => {
            json!({"channel": "call", "outcome": "reached", "occurred_at": now})
        }
        (_, "eta") => json!({"eta": now + chrono::Duration::hours(1)}),
        (_, "redelivery-proposal") => {
            let start = now + chrono::Duration::days(1);
            json!({"window": {"start": start, "end": start + chrono::Duration::hours(3)}})
        }
        (_, "handoffs") => json!({"to": "courier"}),
        (_, "accept") => json!({"condition": "intact"}),
        (_, "reject") => json!({"reason": "not ours"}),
        (_, "cancel" | "lost" | "return") => json!({"note": "test"}),
        (_, "resolution") => json!({"resolution": "upheld", "remedy": "redeliver"}),
        (_, "response") => json!({"response": "I rang twice"}),
        (_, "targets") => json!({"targets": [{"kpi": "on_time_rate", "value": 0.9}]}),
        ("PATCH", _) if template.starts_with("/v1/contracts") => json!({"retention_days": 7}),
        ("PATCH", _) => json!({"active": false}),
        _ => json!({}),
    })
}

async fn call(
    app: &TestApp,
    method: &Method,
    path: &str,
    bearer: &str,
    body: Option<Value>,
) -> Reply {
    if path.ends_with("/photos") && method == Method::POST {
        let res = app
            .client
            .post(format!("{}{path}?kind=door", app.base))
            .bearer_auth(bearer)
            .header("content-type", "image/jpeg")
            .body(jpeg(64, 48, None))
            .send()
            .await
            .unwrap();
        return TestApp::reply(res).await;
    }
    let mut req = app
        .client
        .request(method.clone(), format!("{}{path}", app.base))
        .bearer_auth(bearer)
        .header("Idempotency-Key", "matrix-1");
    if let Some(b) = body {
        req = req.json(&b);
    }
    TestApp::reply(req.send().await.unwrap()).await
}

/// Every route that takes an id, called with the ids of another party's objects by every
/// party that has nothing to do with them, answers 404 — as for an id that does not exist —
/// and changes nothing.
#[tokio::test]
async fn another_partys_objects_are_not_found_on_any_route() {
    let w = world().await;
    let app = &w.app;
    let own = owned(&w).await;
    let root = app.token(PLATFORM_EMAIL).await;
    let (_, lonely_supplier) = app.org(&root, "supplier", "lonely").await;
    let other_driver = driver(&w, &w.other_courier_admin, "olga@slowpoke.test").await;
    let other_key = app
        .post(
            "/v1/api-keys",
            Some(&w.other_shop_admin),
            json!({"name": "theirs"}),
        )
        .await
        .body["secret"]
        .as_str()
        .unwrap()
        .to_owned();
    let outsiders = [
        ("another marketplace's admin", w.other_shop_admin.as_str()),
        ("another marketplace's API key", other_key.as_str()),
        ("another courier's admin", w.other_courier_admin.as_str()),
        ("another courier's driver", other_driver.token.as_str()),
        ("a supplier without a contract", lonely_supplier.as_str()),
    ];
    let shipment_path = format!("/v1/shipments/{}", own.shipment);
    let before = app.get(&shipment_path, Some(&w.shop_key)).await.body;

    let spec = serde_json::to_value(doorstep::server::openapi::spec().unwrap()).unwrap();
    let mut checked = 0;
    for (template, item) in spec["paths"].as_object().unwrap() {
        // Customers' token routes have their own test (a token is the capability).
        if !template.contains('{') || template.contains("{token}") {
            continue;
        }
        // Orgs are directory entries every member may look up by id (names, kinds).
        if template.starts_with("/v1/orgs/") {
            continue;
        }
        // Console pages authenticate with a session cookie, not a bearer: `console::*` checks
        // that another party's id is the 404 page there.
        if template.starts_with("/console/") {
            continue;
        }
        // The caller's own things (`/v1/me/…`): `push::*` checks that another driver's
        // subscription is 404.
        if template.starts_with("/v1/me/") {
            continue;
        }
        for method in [
            Method::GET,
            Method::POST,
            Method::PUT,
            Method::PATCH,
            Method::DELETE,
        ] {
            if item.get(method.as_str().to_lowercase()).is_none() {
                continue;
            }
            let path = own.fill(template);
            let missing = template
                .replace("{id}", "xyz_01nothinghere00000000000000")
                .replace("{hid}", "hof_01nothinghere00000000000000");
            for (who, bearer) in outsiders {
                let body = body_for(&method, template);
                let r = call(app, &method, &path, bearer, body.clone()).await;
                let control = call(app, &method, &missing, bearer, body).await;
                assert_eq!(
                    r.status.as_u16(),
                    404,
                    "{who}: {method} {template} with another party's id: {}",
                    r.body
                );
                assert_eq!(
                    (r.status, &r.body["type"], &r.body["detail"]),
                    (
                        control.status,
                        &control.body["type"],
                        &control.body["detail"]
                    ),
                    "{who}: {method} {template} tells a foreign id from a missing one"
                );
                checked += 1;
            }
        }
    }
    // 39 operations take an id today, each tried by 5 outsiders.
    assert!(checked >= 190, "only {checked} calls");
    let after = app.get(&shipment_path, Some(&w.shop_key)).await.body;
    assert_eq!(before["status"], after["status"]);
    assert_eq!(before["recipient"], after["recipient"]);
    // The owners still have every object the outsiders tried to revoke, pause or delete.
    let shop_admin = app.token("admin@shop.test").await;
    let hook = app
        .get(&format!("/v1/webhooks/{}", own.webhook), Some(&shop_admin))
        .await;
    assert_eq!(hook.body["active"], true, "{}", hook.body);
    assert_eq!(app.get("/v1/me", Some(&w.shop_key)).await.status, 200);
    let dan = app
        .get(&format!("/v1/users/{}", own.driver), Some(&w.courier_admin))
        .await;
    assert_eq!(dan.body["disabled"], false, "{}", dan.body);
    let contract = app
        .get(
            &format!("/v1/contracts/{}", own.contract),
            Some(&w.shop_key),
        )
        .await;
    assert_ne!(contract.body["retention_days"], 7, "{}", contract.body);
    let dispute = app
        .get(&format!("/v1/disputes/{}", own.dispute), Some(&shop_admin))
        .await;
    assert_eq!(
        dispute.body["dispute"]["status"], "open",
        "{}",
        dispute.body
    );
    let targets = app
        .get(
            &format!("/v1/contracts/{}/targets", own.contract),
            Some(&w.shop_key),
        )
        .await;
    assert_eq!(targets.body["targets"], json!([]), "{}", targets.body);
}

/// A request cannot set what its sender does not own: unknown fields (status, verdicts,
/// flags, another party's ids) are refused with 422 naming them, and nothing changes.
#[tokio::test]
async fn requests_cannot_set_fields_they_do_not_own() {
    let w = world().await;
    let app = &w.app;
    let own = owned(&w).await;
    let shop_admin = app.token("admin@shop.test").await;
    let s = format!("/v1/shipments/{}", own.shipment);
    let dan = app.token("dan@speedy.test").await;
    let now = chrono::Utc::now();
    let cases: Vec<(&str, &str, Value, &str)> = vec![
        (
            "/v1/shipments",
            &w.shop_key,
            {
                let mut s = tv(&w);
                s["reference"] = json!("EXTRA-1");
                s["status"] = json!("delivered");
                s
            },
            "status",
        ),
        (
            &s,
            &dan,
            json!({"outcome": "delivered", "placement": "handed_to_recipient", "occurred_at": now,
                   "verdict": "verified", "gps": {"lat": 48.8606, "lon": 2.3376, "accuracy_m": 5.0, "captured_at": now}}),
            "verdict",
        ),
        (
            "/v1/users",
            &w.courier_admin,
            json!({"email": "x@speedy.test", "name": "X", "password": "a long enough password",
                   "role": "driver", "id": "usr_chosen_by_me"}),
            "id",
        ),
        (
            "/v1/webhooks",
            &shop_admin,
            json!({"url": "https://partner.example/x", "event_types": ["*"], "secret": "mine"}),
            "secret",
        ),
    ];
    for (path, bearer, body, field) in cases {
        let path = if path == s {
            format!("{s}/attempts")
        } else {
            path.to_owned()
        };
        let r = app.post(&path, Some(bearer), body).await;
        r.assert_problem(422, "validation");
        assert_eq!(r.error_fields(), [field], "{path}: {}", r.body);
    }
    // The customer's link cannot touch the status, the window's firmness or the driver.
    let token = app
        .post(&format!("{s}/tracking-token"), Some(&w.shop_key), json!({}))
        .await
        .body["token"]
        .as_str()
        .unwrap()
        .to_owned();
    for (field, value) in [
        ("status", json!("delivered")),
        ("driver_id", json!(own.driver)),
        ("flags", json!([])),
    ] {
        let r = app
            .request(
                Method::PATCH,
                &format!("/v1/track/{token}/contact"),
                None,
                Some(json!({"phone": "+33 6 11 22 33 44", field: value})),
            )
            .await;
        r.assert_problem(422, "validation");
        assert_eq!(r.error_fields(), [field]);
    }
    // A rating cannot be given for another driver or with another's stars.
    let r = app
        .post(
            &format!("/v1/track/{token}/rating"),
            None,
            json!({"stars": 5, "driver_id": "usr_someone_else"}),
        )
        .await;
    r.assert_problem(422, "validation");
    assert_eq!(r.error_fields(), ["driver_id"]);
    let after = app.get(&s, Some(&w.shop_key)).await;
    assert_eq!(after.body["status"], "attempt_failed", "{}", after.body);
    assert_ne!(after.body["recipient"]["phone"], "+33611223344");
    let attempts = app.get(&format!("{s}/attempts"), Some(&w.shop_key)).await;
    assert_eq!(attempts.body["items"].as_array().unwrap().len(), 1);
}

/// Responses carry only the reader's fields (DESIGN §6): the courier's driver never sees the
/// marketplace's tracking token or the contact access log; another courier never sees a
/// field of the shipment; a supplier no longer holding the parcel sees no phone.
#[tokio::test]
async fn responses_carry_only_the_readers_fields() {
    let w = world().await;
    let app = &w.app;
    let own = owned(&w).await;
    let s = format!("/v1/shipments/{}", own.shipment);
    let dan = app.token("dan@speedy.test").await;
    let driver_view = app.get(&s, Some(&dan)).await;
    assert_eq!(driver_view.status, 200);
    let text = driver_view.body.to_string();
    for secret in ["trk_", "tracking", "contact_access"] {
        assert!(!text.contains(secret), "driver sees {secret}: {text}");
    }
    // The supplier is on the shipment but no longer holds it: the shipment, no contact data.
    let supplier_view = app.get(&s, Some(&w.supplier_admin)).await;
    assert_eq!(supplier_view.status, 200, "{}", supplier_view.body);
    let text = supplier_view.body.to_string();
    assert!(!text.contains("+336"), "supplier sees the phone: {text}");
    assert!(
        !text.contains("example.fr"),
        "supplier sees the e-mail: {text}"
    );
    // Lists never carry contact data to non-owners.
    let list = app.get("/v1/shipments", Some(&w.courier_admin)).await;
    assert!(!list.body.to_string().contains("+336"), "{}", list.body);
    // The customer's view names no staff ids.
    let token = app
        .post(&format!("{s}/tracking-token"), Some(&w.shop_key), json!({}))
        .await
        .body["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let view = app
        .get(&format!("/v1/track/{token}"), None)
        .await
        .body
        .to_string();
    for staff in [own.driver.as_str(), "usr_", "org_"] {
        assert!(!view.contains(staff), "customer sees {staff}: {view}");
    }
}

/// Drivers cannot use admin routes; couriers cannot judge disputes; API keys cannot mint
/// credentials; nobody below platform admin creates orgs.
#[tokio::test]
async fn functions_are_limited_to_their_roles() {
    let w = world().await;
    let app = &w.app;
    let own = owned(&w).await;
    let dan = app.token("dan@speedy.test").await;
    let s = format!("/v1/shipments/{}", own.shipment);
    let password = "a long enough password";
    let calls: Vec<(&str, Method, String, Value)> = vec![
        (
            "driver",
            Method::POST,
            "/v1/users".into(),
            json!({"email": "d2@speedy.test", "name": "D", "password": password, "role": "driver"}),
        ),
        (
            "driver",
            Method::POST,
            "/v1/api-keys".into(),
            json!({"name": "mine"}),
        ),
        (
            "driver",
            Method::POST,
            "/v1/webhooks".into(),
            json!({"url": "https://partner.example/d", "event_types": ["*"]}),
        ),
        (
            "driver",
            Method::POST,
            format!("{s}/return"),
            json!({"note": "x"}),
        ),
        (
            "driver",
            Method::POST,
            format!("{s}/handover-pin/reset"),
            json!({}),
        ),
        (
            "driver",
            Method::DELETE,
            format!("/v1/users/{}", own.driver),
            Value::Null,
        ),
        (
            "driver",
            Method::GET,
            "/v1/kpis/drivers".into(),
            Value::Null,
        ),
        ("driver", Method::GET, "/v1/disputes".into(), Value::Null),
        (
            "courier admin",
            Method::POST,
            format!("/v1/disputes/{}/resolution", own.dispute),
            json!({"resolution": "rejected", "remedy": "none"}),
        ),
        (
            "courier admin",
            Method::POST,
            "/v1/contracts".into(),
            json!({"partner_id": w.supplier}),
        ),
        (
            "courier admin",
            Method::POST,
            format!("{s}/cancel"),
            json!({"note": "x"}),
        ),
        (
            "courier admin",
            Method::POST,
            "/v1/orgs".into(),
            json!({"kind": "courier", "name": "Mine", "admin": {"email": "a@m.test", "name": "A", "password": password}}),
        ),
        (
            "marketplace key",
            Method::POST,
            "/v1/api-keys".into(),
            json!({"name": "child"}),
        ),
        (
            "marketplace key",
            Method::POST,
            "/v1/users".into(),
            json!({"email": "k@shop.test", "name": "K", "password": password, "role": "admin"}),
        ),
    ];
    for (who, method, path, body) in calls {
        let bearer = match who {
            "driver" => dan.as_str(),
            "courier admin" => w.courier_admin.as_str(),
            _ => w.shop_key.as_str(),
        };
        let body = (!body.is_null()).then_some(body);
        let r = app.request(method.clone(), &path, Some(bearer), body).await;
        r.assert_problem(403, "forbidden");
    }
    // The dispute is still open and the driver still active.
    let shop_admin = app.token("admin@shop.test").await;
    let d = app
        .get(&format!("/v1/disputes/{}", own.dispute), Some(&shop_admin))
        .await;
    assert_eq!(d.body["dispute"]["status"], "open", "{}", d.body);
    // A courier's staff may not raise themselves to admin.
    let staff = app
        .user(&w.courier_admin, "staff@speedy.test", "staff")
        .await;
    let staff_token = app.token("staff@speedy.test").await;
    app.post(
        "/v1/users",
        Some(&staff_token),
        json!({"email": "boss@speedy.test", "name": "B", "password": password, "role": "admin"}),
    )
    .await
    .assert_problem(403, "forbidden");
    let me = app
        .get(&format!("/v1/users/{staff}"), Some(&staff_token))
        .await;
    assert_eq!(me.body["role"], "staff");
}

/// Errors give nothing away: no stack traces, no versions, no framework or database names,
/// no `Server` header; and no CORS: a browser on another origin cannot read any answer.
#[tokio::test]
async fn errors_and_cors_give_nothing_away() {
    let w = world().await;
    let app = &w.app;
    let big = "x".repeat(70_000);
    let probes: Vec<(Method, String, Option<String>, &str)> = vec![
        (Method::GET, "/v1/nope".into(), None, "application/json"),
        (Method::PUT, "/v1/orgs".into(), None, "application/json"),
        (
            Method::POST,
            "/v1/shipments".into(),
            Some("{not json".into()),
            "application/json",
        ),
        (
            Method::POST,
            "/v1/shipments".into(),
            Some("{\"reference\": 5}".into()),
            "application/json",
        ),
        (
            Method::POST,
            "/v1/shipments".into(),
            Some(format!("{{\"x\":\"{big}\"}}")),
            "application/json",
        ),
        (
            Method::POST,
            "/v1/shipments".into(),
            Some("a=b".into()),
            "text/plain",
        ),
        (
            Method::GET,
            "/v1/shipments?limit=-1&cursor=%ff".into(),
            None,
            "application/json",
        ),
        (
            Method::GET,
            "/v1/shipments/%00".into(),
            None,
            "application/json",
        ),
        (
            Method::GET,
            "/v1/kpis?from=-262143-01-01".into(),
            None,
            "application/json",
        ),
    ];
    for (method, path, body, ct) in probes {
        let mut req = app
            .client
            .request(method.clone(), format!("{}{path}", app.base))
            .bearer_auth(&w.shop_key)
            .header("origin", "https://evil.example")
            .header("content-type", ct);
        if let Some(b) = body {
            req = req.body(b);
        }
        let r = TestApp::reply(req.send().await.unwrap()).await;
        assert!(r.status.is_client_error(), "{method} {path}: {}", r.status);
        assert_eq!(
            r.content_type(),
            "application/problem+json",
            "{method} {path}"
        );
        let text = r.body.to_string().to_lowercase();
        for leak in [
            "panicked",
            "src/",
            ".rs:",
            "backtrace",
            "actix",
            "diesel",
            "serde",
            "tokio",
            "sqlite",
            "postgres",
            "doorstep/",
            "version",
            "stack",
        ] {
            assert!(!text.contains(leak), "{method} {path} says {leak}: {text}");
        }
        assert!(!r.headers.contains_key("server"), "{method} {path}");
        assert!(!r.headers.contains_key("access-control-allow-origin"));
    }
    // A CORS preflight from another origin is not granted.
    let res = app
        .client
        .request(Method::OPTIONS, format!("{}/v1/shipments", app.base))
        .header("origin", "https://evil.example")
        .header("access-control-request-method", "POST")
        .header(
            "access-control-request-headers",
            "authorization, content-type",
        )
        .send()
        .await
        .unwrap();
    assert!(!res.headers().contains_key("access-control-allow-origin"));
    assert!(
        !res.headers()
            .contains_key("access-control-allow-credentials")
    );
    let ok = app.get("/v1/me", Some(&w.shop_key)).await;
    assert!(!ok.headers.contains_key("access-control-allow-origin"));
    assert!(!ok.headers.contains_key("server"));
}
