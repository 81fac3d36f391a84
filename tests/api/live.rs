//! Live arrival (issue 26): the driver's position while out for delivery, the approach the
//! customer and the marketplace see (never the position), `eta.updated`, and nothing kept once
//! the round ends.

use chrono::Duration;
use reqwest::Method;
use serde_json::{Value, json};

use crate::fixtures::*;
use crate::helpers::{Reply, TestApp};

async fn report(app: &TestApp, token: &str, body: Value) -> Reply {
    app.request(Method::PUT, "/v1/driver/position", Some(token), Some(body))
        .await
}

/// 0.01° of latitude south of the customers' address: 1.1 km as the crow flies.
const NEARBY: (f64, f64) = (HOME.0 - 0.01, HOME.1);

/// The customer's page, in `lang`.
async fn page(app: &TestApp, token: &str, lang: &str) -> String {
    let url = format!("{}/t/{token}?lang={lang}", app.base);
    app.client
        .get(url)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

fn positions_of(app: &TestApp, driver: &str) -> i64 {
    use diesel::prelude::*;
    use doorstep::db::schema::driver_positions;
    let mut c = app.db.get_write().unwrap();
    driver_positions::table
        .filter(driver_positions::driver_id.eq(driver))
        .count()
        .get_result(&mut *c)
        .unwrap()
}

#[tokio::test]
async fn the_customer_sees_the_drivers_approach_only_near_their_turn_and_nothing_stays() {
    let (w, clock) = world_on_clock().await;
    let app = &w.app;
    let hook = Receiver::start(0, &[]).await;
    let shop_admin = app.token("admin@shop.test").await;
    let r = app
        .post(
            "/v1/webhooks",
            Some(&shop_admin),
            json!({"url": hook.url, "event_types": ["eta.updated"]}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);

    // The courier drives at 30 km/h; a marketplace has no rounds to set a speed for.
    let r = app
        .request(
            Method::PATCH,
            &format!("/v1/orgs/{}", w.courier),
            Some(&w.courier_admin),
            Some(json!({"average_speed_kmh": 30})),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["average_speed_kmh"], 30);
    let r = app
        .request(
            Method::PATCH,
            &format!("/v1/orgs/{}", w.shop),
            Some(&shop_admin),
            Some(json!({"average_speed_kmh": 30})),
        )
        .await;
    r.assert_problem(422, "validation");
    assert_eq!(r.error_fields(), ["average_speed_kmh"]);

    let d = driver(&w, &w.courier_admin, "live@speedy.test").await;
    // Nothing out yet: the position is not kept.
    let r = report(app, &d.token, json!({"lat": NEARBY.0, "lon": NEARBY.1})).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body, json!({"kept": false, "stops": []}));
    assert_eq!(positions_of(app, &d.id), 0);

    // Five parcels out, in this order (same window: by id, the order of creation).
    let mut parcels = Vec::new();
    for i in 1..=5 {
        parcels.push(out_now(&w, &format!("LIVE-{i}"), &d).await);
    }
    // Bad reports and other callers.
    report(app, &d.token, json!({"lat": 91.0, "lon": 2.0}))
        .await
        .assert_problem(422, "validation");
    let r = report(
        app,
        &d.token,
        json!({"lat": 48.0, "lon": 2.0, "accuracy_m": -1}),
    )
    .await;
    r.assert_problem(422, "validation");
    assert_eq!(r.error_fields(), ["accuracy_m"]);
    report(app, &w.courier_admin, json!({"lat": 48.0, "lon": 2.0}))
        .await
        .assert_problem(403, "forbidden");

    let r = report(
        app,
        &d.token,
        json!({"lat": NEARBY.0, "lon": NEARBY.1, "accuracy_m": 9.5}),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["kept"], true);
    let stops = r.body["stops"].as_array().unwrap();
    let ids: Vec<&str> = stops
        .iter()
        .map(|s| s["shipment_id"].as_str().unwrap())
        .collect();
    let expected: Vec<&str> = parcels.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(ids, expected, "in route order");
    // 1.45 km of road at 30 km/h: 3 minutes; then 4 minutes a stop (all at one address).
    let minutes: Vec<u64> = stops
        .iter()
        .map(|s| s["minutes"].as_u64().unwrap())
        .collect();
    assert_eq!(minutes, [3, 7, 11, 15, 19]);
    assert_eq!(positions_of(app, &d.id), 1, "one row per driver");

    // The customers: the next stop, two before, and too far down the round to be shown.
    let (first, first_token) = &parcels[0];
    let r = app.get(&format!("/v1/track/{first_token}"), None).await;
    assert_eq!(r.body["live"]["stops_before"], 0, "{}", r.body);
    assert_eq!(r.body["live"]["minutes"], 3);
    let live = r.body["live"].as_object().unwrap();
    let mut keys: Vec<&str> = live.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        ["minutes", "stops_before", "updated_at"],
        "never the position"
    );
    let html = page(app, first_token, "en").await;
    assert!(
        html.contains("Next stop: you. The driver is about 3 min away."),
        "{html}"
    );
    assert!(
        html.contains(r#"http-equiv="refresh""#),
        "the page refreshes itself"
    );
    // With script, only while nobody types in its forms (a reload would lose what they typed).
    let script = html
        .split(r#"<script src=""#)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the refresh script is linked");
    let served = reqwest::get(format!("{}{script}", app.base)).await.unwrap();
    assert_eq!(served.status(), 200);
    assert!(
        served.headers()["cache-control"]
            .to_str()
            .unwrap()
            .contains("immutable"),
        "versioned assets are cached for good"
    );
    assert!(served.text().await.unwrap().contains("activeElement"));
    assert!(
        !html.contains(&NEARBY.0.to_string()),
        "no position on the page"
    );
    let (_, third_token) = &parcels[2];
    let html = page(app, third_token, "fr").await;
    assert!(
        html.contains("Environ 11 min : encore 2 arrêts avant le vôtre."),
        "{html}"
    );
    let (_, fifth_token) = &parcels[4];
    let r = app.get(&format!("/v1/track/{fifth_token}"), None).await;
    assert!(r.body.get("live").is_none(), "4 stops before: {}", r.body);

    // The marketplace sees the same on the shipment, and `eta.updated` for the four next stops,
    // once per five minutes however often the app reports.
    let r = app
        .get(
            &format!("/v1/shipments/{}", parcels[1].0),
            Some(&w.shop_key),
        )
        .await;
    assert_eq!(r.body["live"]["stops_before"], 1, "{}", r.body);
    app.run_jobs().await;
    let told = |hits: &[Hit]| -> Vec<String> {
        hits.iter()
            .filter(|h| h.event_type == "eta.updated")
            .map(|h| {
                let b: Value = serde_json::from_str(&h.body).unwrap();
                assert_eq!(
                    b["data"]["live"]["stops_before"].as_u64().map(|n| n <= 3),
                    Some(true)
                );
                assert!(b["data"]["live"].get("lat").is_none());
                b["data"]["shipment_id"].as_str().unwrap().to_owned()
            })
            .collect()
    };
    let hits = hook.wait_for(4).await;
    let mut sent = told(&hits);
    sent.sort();
    let mut next_four: Vec<String> = expected[..4].iter().map(|s| s.to_string()).collect();
    next_four.sort();
    assert_eq!(sent, next_four);
    clock.advance(Duration::seconds(30));
    let r = report(app, &d.token, json!({"lat": HOME.0, "lon": HOME.1})).await;
    assert_eq!(r.body["stops"][0]["minutes"], 1, "at the door: {}", r.body);
    app.run_jobs().await;
    assert_eq!(
        told(&hook.hits()).len(),
        4,
        "coalesced: at most one per 5 minutes"
    );
    clock.advance(Duration::minutes(5));
    let r = report(app, &d.token, json!({"lat": HOME.0, "lon": HOME.1})).await;
    assert_eq!(r.status, 200, "{}", r.body);
    app.run_jobs().await;
    assert_eq!(
        hook.wait_for(8).await.len(),
        8,
        "five minutes later, told again"
    );

    // A position nobody refreshes goes stale: not shown.
    clock.advance(Duration::minutes(6));
    let r = app.get(&format!("/v1/track/{first_token}"), None).await;
    assert!(r.body.get("live").is_none(), "stale: {}", r.body);
    let r = report(app, &d.token, json!({"lat": HOME.0, "lon": HOME.1})).await;
    assert_eq!(r.status, 200, "{}", r.body);

    // A failed visit hides the estimate; the last attempt of the round forgets the position.
    let now = clock.now();
    fail(app, &d, first, "live-fail-1", now).await;
    let r = app.get(&format!("/v1/track/{first_token}"), None).await;
    assert!(
        r.body.get("live").is_none(),
        "after a failed visit: {}",
        r.body
    );
    let html = page(app, first_token, "en").await;
    assert!(!html.contains("Next stop"), "{html}");
    assert!(!html.contains(r#"http-equiv="refresh""#));
    let r = app.get(&format!("/v1/track/{}", parcels[1].1), None).await;
    assert_eq!(
        r.body["live"]["stops_before"], 1,
        "the others keep theirs until the next report"
    );
    assert_eq!(positions_of(app, &d.id), 1);
    for (id, _) in &parcels[1..] {
        deliver(app, &d, id, clock.now()).await;
    }
    assert_eq!(
        positions_of(app, &d.id),
        0,
        "the round ended: no position remains"
    );
}
