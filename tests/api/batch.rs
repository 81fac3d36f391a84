//! Bulk creation (`POST /v1/shipments/batch`): a result per item, items independent and
//! idempotent by reference, the batch by its `Idempotency-Key`, webhooks for every shipment
//! created, and a statement count that does not grow with the batch.

use reqwest::Method;
use serde_json::{Value, json};

use crate::fixtures::*;
use crate::helpers::{Reply, TestApp};

fn item(w: &World, reference: &str) -> Value {
    let mut s = tv(w);
    s["reference"] = json!(reference);
    s
}

async fn batch(app: &TestApp, token: &str, key: Option<&str>, items: Vec<Value>) -> Reply {
    let mut req = app
        .client
        .post(format!("{}/v1/shipments/batch", app.base))
        .bearer_auth(token)
        .json(&json!({ "shipments": items }));
    if let Some(k) = key {
        req = req.header("Idempotency-Key", k);
    }
    TestApp::reply(req.send().await.unwrap()).await
}

fn statuses(r: &Reply) -> Vec<u64> {
    r.body["results"]
        .as_array()
        .unwrap_or_else(|| panic!("{}", r.body))
        .iter()
        .map(|i| i["status"].as_u64().unwrap())
        .collect()
}

/// Statements the batch route has run so far (diesel's instrumentation, from /metrics).
async fn statements(app: &TestApp) -> u64 {
    let text = app.metrics().await;
    text.lines()
        .filter(|l| l.starts_with("doorstep_sql_statements_total"))
        .filter(|l| l.contains(r#"route="/v1/shipments/batch""#))
        .filter_map(|l| l.rsplit(' ').next()?.parse::<u64>().ok())
        .sum()
}

#[tokio::test]
async fn items_succeed_or_fail_on_their_own_and_references_replay() {
    let w = world().await;
    let app = &w.app;
    // Created alone before the batch.
    let r = app
        .post("/v1/shipments", Some(&w.shop_key), item(&w, "SOLO"))
        .await;
    assert_eq!(r.status, 201);
    let solo = r.body["id"].as_str().unwrap().to_owned();

    let mut other_body = item(&w, "A");
    other_body["parcel"]["weight_grams"] = json!(1);
    let mut solo_changed = item(&w, "SOLO");
    solo_changed["recipient"]["name"] = json!("Someone Else");
    let mut no_contract = item(&w, "C");
    no_contract["courier_id"] = json!(w.other_courier);
    let mut invalid = item(&w, "B");
    invalid["recipient"]["phone"] = json!("not a phone");
    let mut missing = item(&w, "M");
    missing.as_object_mut().unwrap().remove("window");
    let items = vec![
        item(&w, "A"),    // 0 created
        invalid,          // 1 422 (field)
        no_contract,      // 2 422 (no contract with that courier)
        item(&w, "D"),    // 3 created
        item(&w, "A"),    // 4 the same reference and body again: item 0's shipment
        other_body,       // 5 the same reference, another body: 409
        item(&w, "SOLO"), // 6 an existing shipment, same body: 200
        solo_changed,     // 7 an existing shipment, another body: 409
        json!([1, 2]),    // 8 not an object: 422
        missing,          // 9 a required field missing: 422
    ];
    let r = batch(app, &w.shop_key, None, items).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        statuses(&r),
        [201, 422, 422, 201, 200, 409, 200, 409, 422, 422]
    );
    let res = r.body["results"].as_array().unwrap();
    for (i, item) in res.iter().enumerate() {
        assert_eq!(item["index"], i);
        let ok = item["status"].as_u64().unwrap() < 300;
        assert_eq!(item["shipment"].is_object(), ok, "{item}");
        assert_eq!(item["problem"].is_object(), !ok, "{item}");
    }
    assert_eq!(res[1]["problem"]["type"], "/problems/validation");
    assert!(
        res[1]["problem"]["errors"][0]["field"]
            .as_str()
            .unwrap()
            .contains("phone")
    );
    assert_eq!(res[2]["problem"]["errors"][0]["field"], "courier_id");
    assert_eq!(res[9]["problem"]["errors"][0]["field"], "window");
    assert_eq!(res[5]["problem"]["type"], "/problems/conflict");
    // Created ones carry their tracking link (once); replays do not.
    assert!(res[0]["shipment"]["tracking"]["url"].is_string());
    assert!(res[4]["shipment"]["tracking"].is_null());
    assert_eq!(res[4]["shipment"]["id"], res[0]["shipment"]["id"]);
    assert_eq!(res[6]["shipment"]["id"], solo.as_str());
    assert_eq!(res[3]["shipment"]["reference"], "D");
    // Exactly one shipment per reference, each with its creation event.
    for reference in ["A", "D", "SOLO"] {
        let l = app
            .get(
                &format!("/v1/shipments?reference={reference}"),
                Some(&w.shop_key),
            )
            .await;
        assert_eq!(l.body["items"].as_array().unwrap().len(), 1, "{reference}");
    }
    let a = res[0]["shipment"]["id"].as_str().unwrap();
    let ev = app
        .get(&format!("/v1/shipments/{a}/events"), Some(&w.shop_key))
        .await;
    assert_eq!(
        ev.body["items"][0]["kind"], "shipment.created",
        "{}",
        ev.body
    );
    // The courier sees the created shipment like any other.
    let seen = app
        .get(&format!("/v1/shipments/{a}"), Some(&w.courier_admin))
        .await;
    assert_eq!(seen.status, 200);
    // And the tracking link works.
    let link = res[3]["shipment"]["tracking"]["token"].as_str().unwrap();
    assert_eq!(
        app.get(&format!("/v1/track/{link}"), None).await.status,
        200
    );
}

#[tokio::test]
async fn a_retry_with_the_same_key_gets_the_same_results() {
    let w = world().await;
    let app = &w.app;
    let items = vec![item(&w, "K1"), json!({"reference": "bad"}), item(&w, "K2")];
    let first = batch(app, &w.shop_key, Some("batch-1"), items.clone()).await;
    assert_eq!(statuses(&first), [201, 422, 201]);
    let again = batch(app, &w.shop_key, Some("batch-1"), items.clone()).await;
    assert_eq!(again.status, 200);
    assert_eq!(statuses(&again), [201, 422, 201]);
    for i in [0, 2] {
        assert_eq!(
            again.body["results"][i]["shipment"]["id"],
            first.body["results"][i]["shipment"]["id"]
        );
        // The stored answer never holds the tracking token.
        assert!(again.body["results"][i]["shipment"]["tracking"].is_null());
    }
    // Without the key, the references replay instead: no second shipment either.
    let plain = batch(app, &w.shop_key, None, items.clone()).await;
    assert_eq!(statuses(&plain), [200, 422, 200]);
    let l = app
        .get("/v1/shipments?reference=K1", Some(&w.shop_key))
        .await;
    assert_eq!(l.body["items"].as_array().unwrap().len(), 1);
    // The same key with another body.
    batch(app, &w.shop_key, Some("batch-1"), vec![item(&w, "K3")])
        .await
        .assert_problem(422, "idempotency-key-reused");
}

#[tokio::test]
async fn batch_limits_and_rights() {
    let w = world().await;
    let app = &w.app;
    let many: Vec<Value> = (0..501).map(|i| item(&w, &format!("N{i}"))).collect();
    let r = batch(app, &w.shop_key, None, many).await;
    r.assert_problem(422, "validation");
    assert_eq!(r.error_fields(), ["shipments"]);
    batch(app, &w.shop_key, None, vec![])
        .await
        .assert_problem(422, "validation");
    // Far past the body limit (500 items of 8 KiB).
    let mut huge = item(&w, "HUGE");
    huge["recipient"]["access_notes"] = json!("x".repeat(4_200_000));
    batch(app, &w.shop_key, None, vec![huge])
        .await
        .assert_problem(413, "payload-too-large");
    let r = app
        .request(
            Method::POST,
            "/v1/shipments/batch",
            Some(&w.shop_key),
            Some(json!({"shipments": [item(&w, "X")], "extra": 1})),
        )
        .await;
    r.assert_problem(422, "validation");
    batch(app, &w.courier_admin, None, vec![item(&w, "Y")])
        .await
        .assert_problem(403, "forbidden");
    let res = app
        .client
        .post(format!("{}/v1/shipments/batch", app.base))
        .bearer_auth(&w.shop_key)
        .header("Content-Type", "text/plain")
        .body("{}")
        .send()
        .await
        .unwrap();
    TestApp::reply(res)
        .await
        .assert_problem(415, "unsupported-media-type");
}

#[tokio::test]
async fn webhooks_fire_for_every_created_item_in_a_constant_number_of_statements() {
    let w = world().await;
    let app = &w.app;
    let rx = Receiver::start(0, &[]).await;
    let shop_admin = app.token("admin@shop.test").await;
    let r = app
        .post(
            "/v1/webhooks",
            Some(&shop_admin),
            json!({"url": rx.url, "event_types": ["shipment.created"]}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);

    // The key's "last used" stamp is written at most once a minute: not the batch's cost.
    app.get("/v1/shipments", Some(&w.shop_key)).await;
    let s0 = statements(app).await;
    let small = batch(
        app,
        &w.shop_key,
        Some("small"),
        vec![item(&w, "S1"), item(&w, "S2")],
    )
    .await;
    assert_eq!(statuses(&small), [201, 201]);
    let s1 = statements(app).await;
    let mut items: Vec<Value> = (0..200).map(|i| item(&w, &format!("L{i}"))).collect();
    items[7] = json!({"reference": "broken"});
    let large = batch(app, &w.shop_key, Some("large"), items).await;
    let st = statuses(&large);
    assert_eq!(st.iter().filter(|s| **s == 201).count(), 199);
    assert_eq!(st[7], 422);
    let s2 = statements(app).await;
    println!(
        "statements: batch of 2: {}, batch of 200: {}",
        s1 - s0,
        s2 - s1
    );
    assert_eq!(s2 - s1, s1 - s0, "statements do not grow with the batch");
    assert!(s2 - s1 <= 10, "{}", s2 - s1);

    let hits = rx.wait_for(201).await;
    let mut refs: Vec<String> = hits
        .iter()
        .filter(|h| h.event_type == "shipment.created")
        .map(|h| {
            let body: Value = serde_json::from_str(&h.body).unwrap();
            body["shipment"]["reference"].as_str().unwrap().to_owned()
        })
        .collect();
    refs.sort();
    refs.dedup();
    assert_eq!(refs.len(), 201, "one webhook per created shipment");
    assert!(!refs.contains(&"broken".to_owned()));
    // The feed carries the same events, as the same payloads.
    // (Polled: on PostgreSQL a transaction open anywhere on the cluster holds the feed back.)
    let mut served = 0;
    for _ in 0..300 {
        let feed = app.get("/v1/events?limit=1000", Some(&w.shop_key)).await;
        served = feed.body["items"].as_array().unwrap().len();
        if served >= 201 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(served, 201);
}
