//! Statement budgets of the hot paths: the SQL statements one request sends to the database
//! (BEGIN and COMMIT included, counted by diesel's connection instrumentation and exposed as
//! `doorstep_sql_statements_total` per route). Cost is designed, not discovered: a change that
//! adds a statement to one of these fails here, on both databases.

use chrono::Utc;
use serde_json::json;

use crate::fixtures::*;
use crate::helpers::{Reply, TestApp};

/// Statements per request on either backend (the identity read of the caller is the first).
/// Shipment creation: identity, BEGIN, Idempotency-Key, reference, both contracts, insert,
/// event, stored answer, COMMIT.
const SHIPMENT_CREATE: u64 = 9;
/// Hand-off acceptance: identity, BEGIN, locked shipment with its terms, the hand-off, its
/// answer, then the one door (shipment, events), COMMIT.
const HANDOFF_ACCEPT: u64 = 8;
/// Contact attempt: identity, BEGIN, locked shipment, insert, the door (shipment, events),
/// COMMIT.
const CONTACT_ATTEMPT: u64 = 7;
/// Delivery attempt: identity, BEGIN, locked shipment with its contract, insert (its
/// idempotency key enforced by the unique index), the door (shipment, events, counters), the
/// driver's live position forgotten if the round ended, COMMIT.
const DELIVERY_ATTEMPT: u64 = 9;
/// The driver's position: identity, their stops out for delivery, one upsert (no transaction).
const POSITION_REPORT: u64 = 3;
/// Photo upload: identity and three reads that check the attempt before the bytes are read;
/// then BEGIN, locked shipment, insert, the attempt's photos, its verdict, the door
/// (shipment, events), COMMIT.
const PHOTO_UPLOAD: u64 = 12;
/// Tracking read: shipment with its terms by token, org names, driver name, events,
/// attempts, photos, disputes, rating, the driver's average.
const TRACKING_READ: u64 = 9;
/// The same link read again while the parcel has not changed: the shipment row by token (its
/// version matches the cached view).
const TRACKING_READ_AGAIN: u64 = 1;

pub async fn counted(app: &TestApp, method: &str, route: &str) -> (u64, u64) {
    let text = app.metrics().await;
    let labels = format!(r#"{{method="{method}",route="{route}""#);
    let sum = |name: &str| -> u64 {
        text.lines()
            .filter(|l| l.starts_with(name) && l.contains(&labels))
            .filter_map(|l| l.rsplit(' ').next()?.parse::<u64>().ok())
            .sum()
    };
    (
        sum("doorstep_sql_statements_total"),
        sum("doorstep_http_requests_total"),
    )
}

/// Run `request` once and return its reply with the statements it cost.
async fn measure<F, Fut>(app: &TestApp, method: &str, route: &str, request: F) -> (Reply, u64)
where
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = Reply>,
{
    let (s0, n0) = counted(app, method, route).await;
    let reply = request().await;
    let (s1, n1) = counted(app, method, route).await;
    assert_eq!(n1 - n0, 1, "one request of {method} {route} measured");
    (reply, s1 - s0)
}

fn within(what: &str, used: u64, budget: u64) {
    println!("statements: {what}: {used} (budget {budget})");
    assert!(
        used <= budget,
        "{what} ran {used} SQL statements, over its budget of {budget}"
    );
    assert!(used > 0, "{what}: statements are counted");
}

#[tokio::test]
async fn hot_paths_stay_within_their_statement_budgets() {
    let w = world().await;
    let app = &w.app;
    let d = driver(&w, &w.courier_admin, "dina@speedy.test").await;

    // The key's "last used" stamp is written at most once a minute: not part of the budget.
    let r = app.get("/v1/shipments", Some(&w.shop_key)).await;
    assert_eq!(r.status, 200, "{}", r.body);

    // Shipment creation, with an Idempotency-Key (the mobile-retry case).
    let mut s = tv(&w);
    s["reference"] = json!("BUDGET-1");
    let (r, used) = measure(app, "POST", "/v1/shipments", || async {
        let req = app
            .client
            .post(format!("{}/v1/shipments", app.base))
            .bearer_auth(&w.shop_key)
            .header("Idempotency-Key", "create-budget-1")
            .json(&s);
        TestApp::reply(req.send().await.unwrap()).await
    })
    .await;
    assert_eq!(r.status, 201, "{}", r.body);
    within("shipment creation", used, SHIPMENT_CREATE);
    let id = r.body["id"].as_str().unwrap().to_owned();
    let token = r.body["tracking"]["token"].as_str().unwrap().to_owned();

    // Hand-off acceptance by the courier.
    let h = handoff(app, &id, &w.shop_key, json!({"to": "courier"})).await;
    let route = "/v1/shipments/{id}/handoffs/{hid}/accept";
    let (r, used) = measure(app, "POST", route, || async {
        app.post(
            &format!("/v1/shipments/{id}/handoffs/{h}/accept"),
            Some(&w.courier_admin),
            json!({"condition": "intact"}),
        )
        .await
    })
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    within("hand-off acceptance", used, HANDOFF_ACCEPT);
    let h = handoff(
        app,
        &id,
        &w.courier_admin,
        json!({"to": "driver", "driver_id": d.id}),
    )
    .await;
    accept(app, &id, &h, &d.token, "intact").await;
    start_round(app, &d, &id).await;

    // A call before arriving.
    let (r, used) = measure(
        app,
        "POST",
        "/v1/shipments/{id}/contact-attempts",
        || async {
            app.post(
                &format!("/v1/shipments/{id}/contact-attempts"),
                Some(&d.token),
                json!({"channel": "call", "outcome": "no_answer", "occurred_at": Utc::now()}),
            )
            .await
        },
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.body);
    within("contact attempt", used, CONTACT_ATTEMPT);

    // The driver's position on the way, and the customer's link that shows the approach.
    let (r, used) = measure(app, "PUT", "/v1/driver/position", || async {
        app.request(
            reqwest::Method::PUT,
            "/v1/driver/position",
            Some(&d.token),
            Some(json!({"lat": 48.85, "lon": 2.35, "accuracy_m": 10.0})),
        )
        .await
    })
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["stops"][0]["stops_before"], 0, "{}", r.body);
    within("position report", used, POSITION_REPORT);
    let r = app.get(&format!("/v1/track/{token}"), None).await;
    assert_eq!(r.body["live"]["stops_before"], 0, "{}", r.body);
    let (r, used) = measure(app, "GET", "/v1/track/{token}", || async {
        app.get(&format!("/v1/track/{token}"), None).await
    })
    .await;
    assert_eq!(r.body["live"]["stops_before"], 0, "{}", r.body);
    within(
        "tracking read again, with the driver's approach",
        used,
        TRACKING_READ_AGAIN,
    );

    // The delivery attempt: the hot path of the whole system.
    let now = Utc::now();
    let (r, used) = measure(app, "POST", "/v1/shipments/{id}/attempts", || {
        attempt(
            app,
            &d,
            &id,
            "budget-attempt-1",
            json!({"outcome": "failed", "failure_reason": "recipient_absent", "gps": gps(now),
                "intercom_note": "no answer", "occurred_at": now}),
        )
    })
    .await;
    assert_eq!(r.status, 201, "{}", r.body);
    within("delivery attempt", used, DELIVERY_ATTEMPT);
    let attempt_id = r.body["id"].as_str().unwrap().to_owned();

    // Its photo.
    let (r, used) = measure(app, "POST", "/v1/attempts/{id}/photos", || {
        upload(
            app,
            &d.token,
            &attempt_id,
            "door",
            jpeg(64, 48, None),
            "image/jpeg",
        )
    })
    .await;
    assert_eq!(r.status, 201, "{}", r.body);
    within("photo upload", used, PHOTO_UPLOAD);

    // The customer's link.
    let (r, used) = measure(app, "GET", "/v1/track/{token}", || async {
        app.get(&format!("/v1/track/{token}"), None).await
    })
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["status"], "attempt_failed");
    within("tracking read", used, TRACKING_READ);
    let first = r.body;
    let (r, used) = measure(app, "GET", "/v1/track/{token}", || async {
        app.get(&format!("/v1/track/{token}"), None).await
    })
    .await;
    assert_eq!(r.body, first, "the same view");
    within("tracking read again", used, TRACKING_READ_AGAIN);

    // Any change through the one door makes the next read build the view again.
    let r = app
        .post(&format!("/v1/track/{token}/early-consent"), None, json!({}))
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let r = app.get(&format!("/v1/track/{token}"), None).await;
    assert_eq!(r.body["early_consent"], true, "{}", r.body);
    let r = app
        .post(
            &format!("/v1/shipments/{id}/eta"),
            Some(&d.token),
            json!({"eta": Utc::now() + chrono::Duration::minutes(20)}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let r = app.get(&format!("/v1/track/{token}"), None).await;
    assert!(
        r.body["eta"].is_string(),
        "the driver's new ETA shows: {}",
        r.body
    );
}
