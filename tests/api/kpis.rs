//! Ratings from the customer's link, fair attribution, KPIs against contract targets,
//! scorecards, and the counters' rebuild.

use chrono::{Duration, Utc};
use rand::{Rng, SeedableRng};
use reqwest::Method;
use serde_json::{Value, json};

use crate::fixtures::*;
use crate::helpers::{Reply, TestApp};

async fn rate(app: &TestApp, token: &str, body: Value) -> Reply {
    app.post(&format!("/v1/track/{token}/rating"), None, body)
        .await
}

fn kpi<'a>(set: &'a Value, name: &str) -> &'a Value {
    set["kpis"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["kpi"] == name)
        .unwrap()
}

#[tokio::test]
async fn customers_rate_the_driver_who_reads_comments_without_the_customer() {
    let w = world().await;
    let app = &w.app;
    let d = driver(&w, &w.courier_admin, "rated@speedy.test").await;
    let (id, token) = out_now(&w, "R-1", &d).await;

    rate(app, &token, json!({"stars": 5}))
        .await
        .assert_problem(409, "conflict");
    deliver(app, &d, &id, Utc::now()).await;

    let r = rate(
        app,
        &token,
        json!({"stars": 6, "tags": ["friendly", "bogus"]}),
    )
    .await;
    r.assert_problem(422, "validation");
    assert_eq!(r.error_fields(), ["stars", "tags[1]"]);
    let long = "x".repeat(1001);
    rate(app, &token, json!({"stars": 4, "comment": long}))
        .await
        .assert_problem(422, "validation");

    let r = rate(
        app,
        &token,
        json!({"stars": 4, "tags": ["friendly", "called_ahead", "friendly"],
            "comment": "Called ahead, very kind."}),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(r.body["tags"], json!(["friendly", "called_ahead"]));

    let me = app.get("/v1/me/rating", Some(&d.token)).await;
    assert_eq!(me.status, 200, "{}", me.body);
    assert_eq!(me.body["average"], 4.0);
    assert_eq!(me.body["count"], 1);
    let comment = &me.body["comments"][0];
    assert_eq!(comment["comment"], "Called ahead, very kind.");
    assert_eq!(comment["day"], Utc::now().date_naive().to_string());
    let keys: Vec<&String> = comment.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        ["comment", "day", "stars", "tags"],
        "nothing about the customer"
    );

    // Changed within 7 days: replaces it, and is an event.
    let r = rate(app, &token, json!({"stars": 3, "tags": ["late"]})).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let me = app.get("/v1/me/rating", Some(&d.token)).await;
    assert_eq!(
        (me.body["average"].as_f64(), me.body["count"].as_i64()),
        (Some(3.0), Some(1))
    );
    assert_eq!(me.body["distribution"][2], json!({"stars": 3, "count": 1}));
    let ev = app
        .get(&format!("/v1/shipments/{id}/events"), Some(&w.shop_key))
        .await;
    let kinds: Vec<&str> = ev.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert!(
        kinds.contains(&"rating.submitted") && kinds.contains(&"rating.changed"),
        "{kinds:?}"
    );

    let track = app.get(&format!("/v1/track/{token}"), None).await;
    assert_eq!(track.body["rating"]["stars"], 3);
    assert_eq!(track.body["driver_rating"], 3.0);
    assert_eq!(track.body["can_rate"], true);

    // Who reads the driver's rating: their courier (with comments), the marketplace whose
    // parcels they carried (figures only); nobody else.
    let path = format!("/v1/drivers/{}/rating", d.id);
    let r = app.get(&path, Some(&w.courier_admin)).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.body["comments"].is_array());
    let r = app.get(&path, Some(&w.shop_key)).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["average"], 3.0);
    assert!(r.body["comments"].is_null());
    for outsider in [
        &w.other_shop_admin,
        &w.other_courier_admin,
        &w.supplier_admin,
    ] {
        app.get(&path, Some(outsider))
            .await
            .assert_problem(404, "not-found");
    }
    app.get("/v1/me/rating", Some(&w.courier_admin))
        .await
        .assert_problem(403, "forbidden");
}

#[tokio::test]
async fn low_ratings_that_point_upstream_or_come_from_harsh_raters_do_not_count_for_the_driver() {
    let w = world_with(|s| {
        s.harsh_rater.min_ratings = 2;
        s.harsh_rater.share = 0.6;
    })
    .await;
    let app = &w.app;
    let d = driver(&w, &w.courier_admin, "fair@speedy.test").await;

    // Damage noted when the courier accepted the supplier's hand-off.
    let (id, token) = out_with(
        &w,
        "F-1",
        &w.courier,
        &w.courier_admin,
        &d,
        now_window(),
        true,
        "damaged",
    )
    .await;
    deliver(app, &d, &id, Utc::now()).await;
    let r = rate(app, &token, json!({"stars": 1, "tags": ["damaged"]})).await;
    assert_eq!(r.status, 201, "{}", r.body);

    // The supplier handed over after the window had started, and the parcel came late.
    let past = (
        Utc::now() - Duration::hours(6),
        Utc::now() - Duration::hours(2),
    );
    let (id2, token2) = out_with(
        &w,
        "F-2",
        &w.courier,
        &w.courier_admin,
        &d,
        past,
        true,
        "intact",
    )
    .await;
    deliver(app, &d, &id2, Utc::now()).await;
    assert_eq!(
        rate(app, &token2, json!({"stars": 2, "tags": ["late"]}))
            .await
            .status,
        201
    );

    // Both low ratings point upstream: they count against the supplier, not the driver.
    let list = app.get("/v1/ratings", Some(&w.courier_admin)).await;
    assert_eq!(list.status, 200, "{}", list.body);
    let reasons = |list: &Value| -> Vec<(String, String)> {
        list["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| {
                (
                    i["counted_for"].as_str().unwrap().to_owned(),
                    i["reason"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    };
    assert_eq!(
        reasons(&list.body),
        [
            ("upstream".to_owned(), "upstream_damage".to_owned()),
            ("upstream".to_owned(), "upstream_late".to_owned()),
        ]
    );
    let items = &list.body["items"];
    assert_eq!(items[0]["attributed_org_id"], w.supplier.as_str());
    assert!(items[0]["reason_text"].as_str().unwrap().contains("damage"));
    // The courier sees which shipment and attempt each rating is about, never the customer.
    assert_eq!(items[0]["shipment_id"], id.as_str());
    assert!(items[0]["attempt_id"].as_str().unwrap().starts_with("att_"));
    let text = list.body.to_string();
    for contact in ["Camille", "+33612345678", "Rivoli", "camille@example.fr"] {
        assert!(!text.contains(contact), "{contact} in {text}");
    }
    let q = "/v1/kpis?granularity=day";
    let k = app.get(q, Some(&w.courier_admin)).await;
    assert_eq!(k.body["overall"]["ratings_reattributed"], 2, "{}", k.body);
    let s = app.get(q, Some(&w.supplier_admin)).await;
    assert_eq!(kpi(&s.body["overall"], "ratings_count")["value"], 2.0);

    // Same customer phone on every shipment: their third one-star rating makes them a harsh
    // rater, and all their low ratings stop counting, the earlier ones too.
    let (id3, token3) = out_now(&w, "F-3", &d).await;
    deliver(app, &d, &id3, Utc::now()).await;
    assert_eq!(
        rate(app, &token3, json!({"stars": 1, "tags": ["rude"]}))
            .await
            .status,
        201
    );

    let me = app.get("/v1/me/rating", Some(&d.token)).await;
    assert_eq!(me.body["count"], 0, "{}", me.body);
    assert_eq!(me.body["not_counted"], 3);

    let list = app.get("/v1/ratings", Some(&w.courier_admin)).await;
    assert_eq!(list.status, 200, "{}", list.body);
    let harsh = ("excluded".to_owned(), "harsh_rater".to_owned());
    assert_eq!(reasons(&list.body), [harsh.clone(), harsh.clone(), harsh]);
    assert!(list.body["items"][0]["attributed_org_id"].is_null());
    let mine = app
        .get(&format!("/v1/ratings?shipment_id={id3}"), Some(&w.shop_key))
        .await;
    let items = mine.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{}", mine.body);
    assert_eq!(items[0]["shipment_id"], id3.as_str());
    assert_eq!(items[0]["counted_for"], "excluded");
    app.get("/v1/ratings", Some(&d.token))
        .await
        .assert_problem(403, "forbidden");

    // Lateness after the late hand-off is the supplier's, not the courier's.
    let k = app.get(q, Some(&w.courier_admin)).await;
    assert_eq!(k.status, 200, "{}", k.body);
    assert_eq!(k.body["overall"]["late_excused"], 1, "{}", k.body);
    assert_eq!(kpi(&k.body["overall"], "on_time_rate")["denominator"], 2);
    assert_eq!(k.body["overall"]["ratings_reattributed"], 0, "{}", k.body);
    assert_eq!(k.body["overall"]["ratings_excluded"], 3);
    let s = app.get(q, Some(&w.supplier_admin)).await;
    let on_time = kpi(&s.body["overall"], "handover_on_time_rate");
    assert_eq!(
        (
            on_time["numerator"].as_i64(),
            on_time["denominator"].as_i64()
        ),
        (Some(1), Some(2))
    );
    assert_eq!(kpi(&s.body["overall"], "ratings_count")["value"], 0.0);
}

async fn put(app: &TestApp, path: &str, token: &str, body: Value) -> Reply {
    app.request(Method::PUT, path, Some(token), Some(body))
        .await
}

#[tokio::test]
async fn a_marketplace_compares_its_couriers_against_their_targets() {
    let w = world().await;
    let app = &w.app;
    let root = app.token(crate::helpers::PLATFORM_EMAIL).await;
    let (third, third_admin) = app.org(&root, "courier", "third").await;
    let mut contracts = vec![];
    for courier in [&w.courier, &w.other_courier, &third] {
        let r = app.get("/v1/contracts?limit=200", Some(&w.shop_key)).await;
        let existing = r.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["partner_id"] == courier.as_str())
            .map(|c| c["id"].as_str().unwrap().to_owned());
        let id = match existing {
            Some(id) => id,
            None => {
                let shop_admin = app.token("admin@shop.test").await;
                let r = app
                    .post(
                        "/v1/contracts",
                        Some(&shop_admin),
                        json!({"partner_id": courier}),
                    )
                    .await;
                assert_eq!(r.status, 201, "{}", r.body);
                r.body["id"].as_str().unwrap().to_owned()
            }
        };
        contracts.push(id);
    }
    let shop_admin = app.token("admin@shop.test").await;
    let targets = json!({"targets": [
        {"kpi": "on_time_rate", "op": ">=", "value": 0.9},
        {"kpi": "first_attempt_success_rate", "value": 0.8},
        {"kpi": "average_stars", "op": ">=", "value": 4.5},
        {"kpi": "lost_rate", "value": 0.01}
    ]});
    for c in &contracts {
        let r = put(
            app,
            &format!("/v1/contracts/{c}/targets"),
            &shop_admin,
            targets.clone(),
        )
        .await;
        assert_eq!(r.status, 200, "{}", r.body);
        assert_eq!(r.body["targets"].as_array().unwrap().len(), 4);
    }
    let bad = json!({"targets": [{"kpi": "speed", "value": 1}, {"kpi": "on_time_rate", "op": ">", "value": 0.5},
        {"kpi": "average_stars", "value": 7}]});
    let r = put(
        app,
        &format!("/v1/contracts/{}/targets", contracts[0]),
        &shop_admin,
        bad,
    )
    .await;
    r.assert_problem(422, "validation");
    assert_eq!(
        r.error_fields(),
        ["targets[0].kpi", "targets[1].op", "targets[2].value"]
    );
    put(
        app,
        &format!("/v1/contracts/{}/targets", contracts[0]),
        &w.courier_admin,
        targets.clone(),
    )
    .await
    .assert_problem(403, "forbidden");
    let r = app
        .get(
            &format!("/v1/contracts/{}/targets", contracts[0]),
            Some(&w.courier_admin),
        )
        .await;
    assert_eq!(
        r.body["targets"][1]["op"], ">=",
        "default direction: {}",
        r.body
    );
    app.get(
        &format!("/v1/contracts/{}/targets", contracts[0]),
        Some(&w.other_courier_admin),
    )
    .await
    .assert_problem(404, "not-found");

    // Speedy: delivered on the first attempt, five stars. Slowpoke: failed first, two stars.
    let fast = driver(&w, &w.courier_admin, "fast@speedy.test").await;
    let (id, token) = out_now(&w, "K-1", &fast).await;
    deliver(app, &fast, &id, Utc::now()).await;
    assert_eq!(
        rate(app, &token, json!({"stars": 5, "tags": ["on_time"]}))
            .await
            .status,
        201
    );

    let slow = driver(&w, &w.other_courier_admin, "slow@slowpoke.test").await;
    let (id, token) = out_with(
        &w,
        "K-2",
        &w.other_courier,
        &w.other_courier_admin,
        &slow,
        now_window(),
        false,
        "intact",
    )
    .await;
    let failed_at = Utc::now() - Duration::minutes(30);
    held_since(app, &id, Duration::hours(1)).await;
    fail(app, &slow, &id, "k2-fail", failed_at).await;
    start_round(app, &slow, &id).await;
    deliver(app, &slow, &id, Utc::now()).await;
    assert_eq!(
        rate(
            app,
            &token,
            json!({"stars": 2, "tags": ["rude", "no_call"]})
        )
        .await
        .status,
        201
    );

    let card = app.get("/v1/kpis/couriers", Some(&w.shop_key)).await;
    assert_eq!(card.status, 200, "{}", card.body);
    let couriers = card.body["couriers"].as_array().unwrap();
    assert_eq!(couriers.len(), 3);
    let by = |name: &str| couriers.iter().find(|c| c["courier_name"] == name).unwrap();
    let speedy = by("speedy inc");
    for k in [
        "on_time_rate",
        "first_attempt_success_rate",
        "average_stars",
    ] {
        assert_eq!(kpi(speedy, k)["met"], true, "{k}: {speedy}");
    }
    let slowpoke = by("slowpoke inc");
    assert_eq!(kpi(slowpoke, "first_attempt_success_rate")["met"], false);
    assert_eq!(
        kpi(slowpoke, "first_attempt_success_rate")["denominator"],
        1
    );
    assert_eq!(kpi(slowpoke, "average_stars")["met"], false);
    assert_eq!(kpi(slowpoke, "on_time_rate")["met"], true);
    assert_eq!(slowpoke["targets_missed"], 2);
    let quiet = by("third inc");
    assert!(kpi(quiet, "on_time_rate")["value"].is_null());
    assert!(kpi(quiet, "on_time_rate")["met"].is_null());

    let csv = app
        .client
        .get(format!("{}/v1/kpis/couriers", app.base))
        .bearer_auth(&w.shop_key)
        .header("Accept", "text/csv")
        .send()
        .await
        .unwrap();
    assert!(
        csv.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let text = csv.text().await.unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert!(lines[0].starts_with("courier_id,courier_name,on_time_rate,on_time_rate_numerator"));
    assert!(
        lines
            .iter()
            .any(|l| l.contains("slowpoke") && l.contains("rude:1")),
        "{text}"
    );

    // The courier sees which drivers pull its rating down, and why.
    let other = driver(&w, &w.other_courier_admin, "good@slowpoke.test").await;
    let (id, token) = out_with(
        &w,
        "K-3",
        &w.other_courier,
        &w.other_courier_admin,
        &other,
        now_window(),
        false,
        "intact",
    )
    .await;
    deliver(app, &other, &id, Utc::now()).await;
    assert_eq!(rate(app, &token, json!({"stars": 5})).await.status, 201);
    let r = app
        .get("/v1/kpis/drivers", Some(&w.other_courier_admin))
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["sort"], "average_stars");
    let drivers = r.body["drivers"].as_array().unwrap();
    assert_eq!(
        drivers[0]["driver_id"],
        slow.id.as_str(),
        "worst first: {}",
        r.body
    );
    assert_eq!(drivers[0]["tags"][0]["count"], 1);
    assert_eq!(drivers[1]["driver_id"], other.id.as_str());
    let r = app
        .get(
            "/v1/kpis/drivers?sort=average_stars&order=desc",
            Some(&w.other_courier_admin),
        )
        .await;
    assert_eq!(r.body["drivers"][0]["driver_id"], other.id.as_str());
    app.get("/v1/kpis/drivers?sort=speed", Some(&w.other_courier_admin))
        .await
        .assert_problem(422, "validation");
    app.get("/v1/kpis/drivers", Some(&w.shop_key))
        .await
        .assert_problem(403, "forbidden");
    app.get("/v1/kpis/couriers", Some(&w.courier_admin))
        .await
        .assert_problem(403, "forbidden");

    // One courier's KPIs per period with the contract's targets; drivers see only their own.
    let r = app
        .get(
            &format!("/v1/kpis?courier_id={}&granularity=day", w.other_courier),
            Some(&w.shop_key),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["contract_id"], contracts[1].as_str());
    // Periods are the UTC days of the attempts: two just after midnight.
    let mut days = vec![failed_at.date_naive(), Utc::now().date_naive()];
    days.dedup();
    let periods: Vec<String> = r.body["periods"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["period"].as_str().unwrap().to_owned())
        .collect();
    let days: Vec<String> = days.iter().map(|d| d.to_string()).collect();
    assert_eq!(periods, days, "{}", r.body);
    assert_eq!(kpi(&r.body["overall"], "ratings_count")["value"], 2.0);
    let mine = app.get("/v1/kpis", Some(&slow.token)).await;
    assert_eq!(
        kpi(&mine.body["overall"], "first_attempt_success_rate")["value"],
        0.0
    );
    app.get(
        &format!("/v1/kpis?driver_id={}", other.id),
        Some(&slow.token),
    )
    .await
    .assert_problem(404, "not-found");
    app.get(
        &format!("/v1/kpis?courier_id={}", w.courier),
        Some(&w.other_courier_admin),
    )
    .await
    .assert_problem(404, "not-found");
    app.get(
        &format!("/v1/kpis?driver_id={}", fast.id),
        Some(&w.other_courier_admin),
    )
    .await
    .assert_problem(404, "not-found");
    // Issue 27: the shipments behind a figure, scoped like the figure. Slowpoke's failed
    // first attempt is what counts against its first-attempt rate; the slow driver's own list
    // names it, a driver cannot list another's, and another courier's figure is a 404.
    let behind = |who: &str, query: String| {
        let who = who.to_owned();
        async move {
            app.get(&format!("/v1/kpis/shipments?{query}"), Some(&who))
                .await
        }
    };
    let r = behind(
        &w.shop_key,
        format!(
            "kpi=first_attempt_success_rate&part=against&courier_id={}",
            w.other_courier
        ),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["items"][0]["reference"], "K-2", "{}", r.body);
    assert_eq!(r.body["items"][0]["against"], 1);
    assert_eq!(r.body["items"].as_array().unwrap().len(), 1, "{}", r.body);
    let r = behind(&slow.token, "kpi=ratings_count".to_owned()).await;
    assert_eq!(r.body["items"][0]["reference"], "K-2", "{}", r.body);
    assert_eq!(r.body["items"][0]["numerator"], 1);
    assert!(r.body["items"][0]["denominator"].is_null());
    behind(
        &slow.token,
        format!("kpi=ratings_count&driver_id={}", other.id),
    )
    .await
    .assert_problem(404, "not-found");
    behind(
        &w.other_courier_admin,
        format!("kpi=on_time_rate&courier_id={}", w.courier),
    )
    .await
    .assert_problem(404, "not-found");
    let r = behind(&w.shop_key, "kpi=speed".to_owned()).await;
    r.assert_problem(400, "bad-request");
    let r = behind(&w.shop_key, "kpi=on_time_rate&limit=0".to_owned()).await;
    assert_eq!(r.error_fields(), ["limit"]);
    let r = app.get("/v1/kpis?from=2026-13-01", Some(&w.shop_key)).await;
    assert_eq!(r.error_fields(), ["from"]);
    let r = app
        .get("/v1/kpis?from=2025-01-01&to=2026-06-01", Some(&w.shop_key))
        .await;
    assert_eq!(r.error_fields(), ["from"]);
    let _ = third_admin;
}

#[tokio::test]
async fn a_closed_day_that_misses_a_target_is_recorded_once() {
    let w = world_with(|s| s.purge_interval = std::time::Duration::from_millis(200)).await;
    let app = &w.app;
    let shop_admin = app.token("admin@shop.test").await;
    let contracts = app.get("/v1/contracts", Some(&w.shop_key)).await;
    let contract = contracts.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["partner_id"] == w.courier.as_str())
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let r = put(
        app,
        &format!("/v1/contracts/{contract}/targets"),
        &shop_admin,
        json!({"targets": [{"kpi": "first_attempt_success_rate", "value": 0.9}]}),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let d = driver(&w, &w.courier_admin, "yesterday@speedy.test").await;
    let (id, _) = out_now(&w, "M-1", &d).await;
    // Sent from the van yesterday at noon, after a day offline.
    let yesterday = Utc::now().date_naive() - Duration::days(1);
    let noon = yesterday.and_hms_opt(12, 0, 0).unwrap().and_utc();
    // The driver held it since the day before.
    held_since(app, &id, Duration::days(2)).await;
    fail(app, &d, &id, "offline-1", noon).await;

    app.run_jobs().await;
    let misses = app
        .get("/v1/kpis/target-misses", Some(&w.shop_key))
        .await
        .body;
    let day: Vec<&Value> = misses["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["period"] == yesterday.to_string())
        .collect();
    assert_eq!(day.len(), 1, "{misses}");
    assert_eq!(day[0]["kpi"], "first_attempt_success_rate");
    assert_eq!(
        (day[0]["numerator"].as_i64(), day[0]["denominator"].as_i64()),
        (Some(0), Some(1))
    );
    app.run_jobs().await;
    let again = app
        .get("/v1/kpis/target-misses", Some(&w.courier_admin))
        .await;
    let n = again.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["period"] == yesterday.to_string())
        .count();
    assert_eq!(n, 1, "checked many times, recorded once");
    app.get("/v1/kpis/target-misses", Some(&w.other_courier_admin))
        .await
        .body["items"]
        .as_array()
        .unwrap()
        .is_empty()
        .then_some(())
        .expect("another courier sees nothing");
}

/// Random histories through the API; the counters kept on the way must equal a rebuild from
/// the facts, and a corrupted counter must be found and fixed.
#[tokio::test]
async fn rebuilt_counters_equal_the_counters_kept_on_the_way() {
    // One customer rates every delivery: with a low bar they become (and stop being) a harsh
    // rater along the way, so their earlier ratings are recounted through the one door.
    let w = world_with(|s| {
        s.harsh_rater.min_ratings = 3;
        s.harsh_rater.share = 0.5;
    })
    .await;
    let app = &w.app;
    let mut rng = rand::rngs::StdRng::seed_from_u64(20261125);
    let drivers = [
        driver(&w, &w.courier_admin, "r1@speedy.test").await,
        driver(&w, &w.courier_admin, "r2@speedy.test").await,
    ];
    // The fold runs beside every write below, as the periodic job does, over today's rows
    // too (its day is taken as over): a fact landing while its key is rewritten waits and
    // counts once; the rebuild at the end finds any difference.
    let folding = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
    let folder = {
        let (db, folding) = (app.db.clone(), folding.clone());
        std::thread::spawn(move || {
            let mut keys = 0;
            while folding.load(std::sync::atomic::Ordering::Relaxed) {
                let tomorrow = (Utc::now() + Duration::days(2)).date_naive();
                let mut c = db.get_write().unwrap();
                keys += doorstep::kpis::store::fold_shards(&mut c, tomorrow, 10_000).unwrap();
                drop(c);
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            keys
        })
    };
    for n in 0..8 {
        let d = &drivers[n % 2];
        let late_window = (
            Utc::now() - Duration::hours(6),
            Utc::now() - Duration::hours(3),
        );
        let window = if rng.gen_bool(0.3) {
            late_window
        } else {
            now_window()
        };
        let via = rng.gen_bool(0.5);
        let condition = if rng.gen_bool(0.2) {
            "damaged"
        } else {
            "intact"
        };
        let (id, token) = out_with(
            &w,
            &format!("RB-{n}"),
            &w.courier,
            &w.courier_admin,
            d,
            window,
            via,
            condition,
        )
        .await;
        if rng.gen_bool(0.5) {
            let r = app
                .post(
                    &format!("/v1/shipments/{id}/contact-attempts"),
                    Some(&d.token),
                    json!({"channel": "call", "outcome": "no_answer",
                        "occurred_at": Utc::now() - Duration::minutes(40)}),
                )
                .await;
            assert_eq!(r.status, 201, "{}", r.body);
        }
        if rng.gen_bool(0.4) {
            held_since(app, &id, Duration::hours(1)).await;
            fail(
                app,
                d,
                &id,
                &format!("f-{n}"),
                Utc::now() - Duration::minutes(20),
            )
            .await;
            if rng.gen_bool(0.5) {
                let r = app
                    .post(
                        &format!("/v1/track/{token}/disputes"),
                        None,
                        json!({"reason": "was_home"}),
                    )
                    .await;
                assert_eq!(r.status, 201, "{}", r.body);
                let dispute = r.body["id"].as_str().unwrap();
                let r = app
                    .post(
                        &format!("/v1/disputes/{dispute}/resolution"),
                        Some(&w.shop_key),
                        json!({"resolution": "upheld", "remedy": "redeliver"}),
                    )
                    .await;
                assert_eq!(r.status, 200, "{}", r.body);
            } else {
                start_round(app, d, &id).await;
            }
        }
        if rng.gen_bool(0.15) {
            let r = app
                .post(
                    &format!("/v1/shipments/{id}/lost"),
                    Some(&w.courier_admin),
                    json!({}),
                )
                .await;
            assert_eq!(r.status, 200, "{}", r.body);
            continue;
        }
        deliver(app, d, &id, Utc::now()).await;
        let stars = rng.gen_range(1..=5);
        let tags = ["late", "damaged", "rude", "friendly"];
        let tag = tags[rng.gen_range(0..tags.len())];
        let r = rate(app, &token, json!({"stars": stars, "tags": [tag]})).await;
        assert_eq!(r.status, 201, "{}", r.body);
        if rng.gen_bool(0.3) {
            let r = rate(app, &token, json!({"stars": 6 - stars})).await;
            assert_eq!(r.status, 200, "{}", r.body);
        }
    }

    // Folding every day's rollup shards into one row (issue 30 §4, the periodic `kpi_fold`)
    // changes no figure; the rebuild below compares the folded rows with the recomputation.
    let figures = || async {
        let r = app
            .get("/v1/kpis?granularity=day", Some(&w.courier_admin))
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        r.body
    };
    folding.store(false, std::sync::atomic::Ordering::Relaxed);
    let folded_beside = folder.join().unwrap();
    let unfolded = figures().await;
    let folded = {
        let mut c = app.db.get_write().unwrap();
        let tomorrow = (Utc::now() + Duration::days(2)).date_naive();
        doorstep::kpis::store::fold_shards(&mut c, tomorrow, 10_000).unwrap()
    };
    assert!(folded + folded_beside > 0, "some day had shards to fold");
    assert_eq!(
        figures().await,
        unfolded,
        "the same figures, read from one row a day"
    );

    // The drivers' ranking sums each whole week of its range as the driver's week row (issue
    // 30 §4): over a range holding this week whole, each driver's figures are those of their
    // own report, which reads day rows.
    let today = Utc::now().date_naive();
    let range = format!(
        "from={}&to={}",
        today - Duration::days(20),
        today + Duration::days(7)
    );
    let ranking = ok(app, &format!("/v1/kpis/drivers?{range}"), &w.courier_admin).await;
    for d in &drivers {
        let mut row = ranking["drivers"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["driver_id"] == d.id.as_str())
            .unwrap()
            .clone();
        row.as_object_mut()
            .unwrap()
            .retain(|k, _| k != "driver_id" && k != "name");
        let own = ok(
            app,
            &format!("/v1/kpis?driver_id={}&granularity=day&{range}", d.id),
            &w.courier_admin,
        )
        .await;
        assert!(
            row["kpis"]
                .as_array()
                .unwrap()
                .iter()
                .any(|k| !k["value"].is_null()),
            "figures to compare: {row}"
        );
        assert_eq!(
            row, own["overall"],
            "the ranking's week rows are the days' sums"
        );
    }
    // The same for an org's rollup: the marketplace's scorecard and a report by week read the
    // week rows of the shards (folded or not), a report by day reads days.
    let report = |granularity: &str| {
        format!(
            "/v1/kpis?courier_id={}&granularity={granularity}&{range}",
            w.courier
        )
    };
    let by_day = ok(app, &report("day"), &w.shop_key).await;
    assert_eq!(
        ok(app, &report("week"), &w.shop_key).await["overall"],
        by_day["overall"],
        "a report by week reads the week rows"
    );
    let scorecard = ok(app, &format!("/v1/kpis/couriers?{range}"), &w.shop_key).await;
    let mut row = scorecard["couriers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["courier_id"] == w.courier.as_str())
        .unwrap()
        .clone();
    row.as_object_mut()
        .unwrap()
        .retain(|k, _| !["courier_id", "courier_name", "contract_id"].contains(&k.as_str()));
    assert_eq!(row, by_day["overall"], "the scorecard's week rows");

    // `rebuild` runs with the API stopped (as documented): on SQLite a write of the running
    // server's dispatcher between its reads and writes would void its snapshot (SQLITE_BUSY).
    app.stop().await;
    let mut conn = app.db.get_write().unwrap();
    // The drill-down's index as the door kept it, change by change.
    let index = |conn: &mut doorstep::db::Conn| drill_down_index(conn);
    let kept = index(&mut conn);
    assert!(kept.0.len() >= 16, "{kept:?}");
    assert!(!kept.1.is_empty(), "something counts against: {kept:?}");
    // The migration's backfill (the same rule in SQL, from each recorded contribution) gives
    // the rows the door keeps.
    {
        use diesel::RunQueryDsl;
        let up = migration("2026-12-07-000030_kpi_against");
        let backfill = up
            .split(';')
            .find(|s| s.contains("INSERT INTO kpi_against"))
            .unwrap();
        diesel::sql_query("DELETE FROM kpi_against")
            .execute(&mut conn)
            .unwrap();
        diesel::sql_query(backfill).execute(&mut conn).unwrap();
        assert_eq!(index(&mut conn), kept, "the migration's backfill");
    }
    // The week rows' backfill too (issue 30 §4): the days' sums, as the door keeps them.
    {
        use diesel::RunQueryDsl;
        let up = migration("2026-12-07-000031_kpi_week_rows");
        // As read: an org's shards summed into its one rollup row, zero rows left out (the
        // backfill starts from days whose shards were folded).
        type Week = (String, String, String);
        let weeks =
            |conn: &mut doorstep::db::Conn| -> std::collections::BTreeMap<Week, (i32, i32)> {
                use diesel::prelude::*;
                use doorstep::db::schema::kpi_daily as k;
                let rows: Vec<(String, String, String, i32, i32)> = k::table
                    .filter(k::day.ge("W"))
                    .select((
                        k::day,
                        k::driver_id,
                        k::marketplace_id,
                        k::attempts,
                        k::ratings,
                    ))
                    .load(conn)
                    .unwrap();
                let mut out = std::collections::BTreeMap::<Week, (i32, i32)>::new();
                for (day, driver, marketplace, attempts, ratings) in rows {
                    let driver = match doorstep::kpis::rules::is_rollup(&driver) {
                        true => "*".to_owned(),
                        false => driver,
                    };
                    let sum = out.entry((day, driver, marketplace)).or_default();
                    *sum = (sum.0 + attempts, sum.1 + ratings);
                }
                out.retain(|_, v| *v != (0, 0));
                out
            };
        let written = weeks(&mut conn);
        assert!(written.values().any(|v| v.0 > 0), "{written:?}");
        diesel::sql_query("DELETE FROM kpi_daily WHERE day >= 'W'")
            .execute(&mut conn)
            .unwrap();
        diesel::sql_query(up).execute(&mut conn).unwrap();
        assert_eq!(weeks(&mut conn), written, "the migration's week rows");
    }
    let report = doorstep::kpis::store::rebuild(&mut conn, 3).unwrap();
    assert_eq!(
        index(&mut conn),
        kept,
        "the door kept kpi_shipments as a rebuild writes it"
    );
    assert_eq!(report.shipments, 8);
    assert!(report.rows_written > 0);
    assert_eq!(report.rows_differing, 0, "{report:?}");
    // What each shipment recorded (the drill-down's source) is the recomputation too.
    assert_eq!(report.contributions_differing, 0, "{report:?}");

    use diesel::prelude::*;
    use doorstep::db::schema::kpi_daily;
    diesel::update(kpi_daily::table)
        .set(kpi_daily::attempts.eq(kpi_daily::attempts + 1))
        .execute(&mut *conn)
        .unwrap();
    let report = doorstep::kpis::store::rebuild(&mut conn, 100).unwrap();
    assert!(report.rows_differing > 0);
    let report = doorstep::kpis::store::rebuild(&mut conn, 100).unwrap();
    assert_eq!(report.rows_differing, 0, "fixed");
}

#[tokio::test]
async fn a_dispute_before_any_attempt_can_be_upheld() {
    let w = world().await;
    let app = &w.app;
    let r = app.post("/v1/shipments", Some(&w.shop_key), tv(&w)).await;
    let token = r.body["tracking"]["token"].as_str().unwrap().to_owned();
    let id = r.body["id"].as_str().unwrap().to_owned();
    // Nothing to contest yet: refused today. Disputes without an attempt opened before that
    // rule remain, and upholding one must still work.
    app.post(
        &format!("/v1/track/{token}/disputes"),
        None,
        json!({"reason": "not_received"}),
    )
    .await
    .assert_problem(409, "conflict");
    {
        use diesel::prelude::*;
        use doorstep::db::schema::disputes;
        let mut c = app.db.get_write().unwrap();
        diesel::insert_into(disputes::table)
            .values((
                disputes::id.eq("dsp_legacy"),
                disputes::shipment_id.eq(&id),
                disputes::marketplace_id.eq(&w.shop),
                disputes::reason.eq("not_received"),
                disputes::status.eq("open"),
                disputes::created_at.eq(chrono::Utc::now().naive_utc()),
            ))
            .execute(&mut *c)
            .unwrap();
    }
    let r = app
        .post(
            "/v1/disputes/dsp_legacy/resolution",
            Some(&w.shop_key),
            json!({"resolution": "upheld", "remedy": "refund"}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
}

/// Issue 27: `bench/kpis_gen.sql` writes the counters the server writes — per driver and per
/// rollup shard — so `rebuild-kpis` finds nothing to correct (the unsharded '*' rows it wrote
/// before differed on 915 of 984 rows). PostgreSQL only: the generator is psql's.
#[test]
fn the_bench_history_is_what_the_server_keeps() {
    use diesel::RunQueryDsl;
    let (url, _tmp, pg) = crate::helpers::fresh_database();
    let Some((admin, name)) = pg else {
        eprintln!("PostgreSQL only (the generator is a psql script): skipped");
        return;
    };
    let db = doorstep::db::Db::connect(&url, 1).unwrap();
    db.migrate().unwrap();
    {
        let mut c = db.get_write().unwrap();
        for sql in [
            "INSERT INTO orgs (id, kind, name, created_at) VALUES \
             ('org_c1', 'courier', 'C1', now()), ('org_c2', 'courier', 'C2', now()), \
             ('org_m1', 'marketplace', 'M1', now()), ('org_m2', 'marketplace', 'M2', now())",
            "INSERT INTO users (id, org_id, email, name, role, password_hash, created_at) \
             SELECT 'usr_d_' || o.id || '_' || k, o.id, 'd' || k || '@' || o.id, 'D', 'driver', \
             'x', now() FROM orgs o, generate_series(1, 3) k WHERE o.kind = 'courier'",
        ] {
            diesel::sql_query(sql).execute(&mut *c).unwrap();
        }
    }
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/kpis_gen.sql");
    let out = std::process::Command::new("psql")
        .arg(&url)
        .args(["-q", "-v", "n=500", "-f"])
        .arg(&script)
        .output()
        .expect("psql runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let index = |db: &doorstep::db::Db| drill_down_index(&mut db.get_write().unwrap());
    let written = index(&db);
    assert_eq!(written.0.len(), 1000, "two keys a shipment");
    assert!(
        written.1.iter().any(|r| r.5 == "lost_rate")
            && written.1.iter().any(|r| r.5 == "on_time_rate")
            && written
                .1
                .iter()
                .all(|r| ["lost_rate", "on_time_rate"].contains(&r.5.as_str())),
        "the lost parcels and the late deliveries: {:?}",
        written.1
    );
    let report = doorstep::kpis::store::rebuild(&mut db.get_write().unwrap(), 1000).unwrap();
    assert_eq!(
        index(&db),
        written,
        "the drill-down's index as the server writes it"
    );
    assert_eq!(report.shipments, 500);
    assert!(report.rows_written > 500, "{report:?}");
    assert_eq!(report.rows_differing, 0, "{report:?}");
    // Each shipment's recorded contribution too, as the server encodes it (the drill-down).
    assert_eq!(report.contributions_differing, 0, "{report:?}");
    drop(db);
    crate::helpers::drop_pg_database(&admin, &name);
}

/// The drill-down's two indexes: `kpi_shipments` (shipment, org, driver, day, marketplace) and
/// `kpi_against` (the same and the KPI), in a stable order.
#[allow(clippy::type_complexity)]
fn drill_down_index(
    conn: &mut doorstep::db::Conn,
) -> (
    Vec<(String, String, String, String, String)>,
    Vec<(String, String, String, String, String, String)>,
) {
    use diesel::prelude::*;
    use doorstep::db::schema::{kpi_against as a, kpi_shipments as k};
    let keys = k::table
        .select((
            k::shipment_id,
            k::org_id,
            k::driver_id,
            k::day,
            k::marketplace_id,
        ))
        .order((k::shipment_id, k::org_id, k::driver_id, k::day))
        .load(conn)
        .unwrap();
    let against = a::table
        .select((
            a::shipment_id,
            a::org_id,
            a::driver_id,
            a::day,
            a::marketplace_id,
            a::kpi,
        ))
        .order((a::shipment_id, a::org_id, a::driver_id, a::day, a::kpi))
        .load(conn)
        .unwrap();
    (keys, against)
}

/// The body of a GET that must answer 200.
async fn ok(app: &TestApp, path: &str, token: &str) -> Value {
    let r = app.get(path, Some(token)).await;
    assert_eq!(r.status, 200, "{path}: {}", r.body);
    r.body
}

/// A migration's SQL for the database the tests run on.
fn migration(name: &str) -> String {
    let backend = match std::env::var("TEST_DATABASE_URL") {
        Ok(_) => "postgres",
        Err(_) => "sqlite",
    };
    std::fs::read_to_string(format!("migrations/{backend}/{name}/up.sql")).unwrap()
}
