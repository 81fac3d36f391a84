//! Fairer ratings and disputes (issue 15): a habitual low rater's ratings stop counting,
//! retroactively, in the driver's mean, the KPI counters and a rebuild alike; the courier sees
//! each rating's shipment and attempt; a dispute against the driver's own record alone is
//! `review`. And the API's consistent shapes: paged lists, filters, the reused key's problem.

use chrono::{Duration, Utc};
use reqwest::Method;
use serde_json::{Value, json};

use crate::fixtures::*;
use crate::helpers::{Reply, TestApp};

async fn rate(app: &TestApp, token: &str, body: Value) -> Reply {
    let r = app
        .post(&format!("/v1/track/{token}/rating"), None, body)
        .await;
    assert!(r.status.is_success(), "{}", r.body);
    r
}

fn kpi<'a>(set: &'a Value, name: &str) -> &'a Value {
    set["kpis"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["kpi"] == name)
        .unwrap()
}

/// (average, count, not counted) of the driver's own rating.
async fn mean(app: &TestApp, d: &Driver) -> (Option<f64>, i64, i64) {
    let me = app.get("/v1/me/rating", Some(&d.token)).await;
    assert_eq!(me.status, 200, "{}", me.body);
    (
        me.body["average"].as_f64(),
        me.body["count"].as_i64().unwrap(),
        me.body["not_counted"].as_i64().unwrap(),
    )
}

/// (ratings counted, stars sum, ratings excluded) in the courier's KPI counters.
async fn counters(w: &World) -> (i64, i64, i64) {
    let k = w
        .app
        .get("/v1/kpis?granularity=day", Some(&w.courier_admin))
        .await;
    assert_eq!(k.status, 200, "{}", k.body);
    let stars = kpi(&k.body["overall"], "average_stars");
    (
        stars["denominator"].as_i64().unwrap(),
        stars["numerator"].as_i64().unwrap(),
        k.body["overall"]["ratings_excluded"].as_i64().unwrap(),
    )
}

async fn delivered(w: &World, reference: &str, d: &Driver) -> (String, String) {
    let (id, token) = out_now(w, reference, d).await;
    deliver(&w.app, d, &id, Utc::now()).await;
    (id, token)
}

#[tokio::test]
async fn a_habitual_low_raters_earlier_ratings_stop_counting_everywhere() {
    let w = world_with(|s| {
        s.harsh_rater.min_ratings = 3;
        s.harsh_rater.share = 0.6;
    })
    .await;
    let app = &w.app;
    let d = driver(&w, &w.courier_admin, "habit@speedy.test").await;

    // Another customer (another phone) is happy.
    let (other, other_token) = out_now(&w, "H-0", &d).await;
    let r = app
        .request(
            Method::PATCH,
            &format!("/v1/track/{other_token}/contact"),
            None,
            Some(json!({"phone": "06 98 76 54 32"})),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    deliver(app, &d, &other, Utc::now()).await;
    rate(
        app,
        &other_token,
        json!({"stars": 4, "comment": "Friendly and on time"}),
    )
    .await;

    // The same customer rates two deliveries low: too few ratings to judge, they count.
    let (s1, t1) = delivered(&w, "H-1", &d).await;
    rate(app, &t1, json!({"stars": 1, "tags": ["rude"]})).await;
    let (_, t2) = delivered(&w, "H-2", &d).await;
    rate(app, &t2, json!({"stars": 2})).await;
    assert_eq!(mean(app, &d).await, (Some(2.33), 3, 0));
    assert_eq!(counters(&w).await, (3, 7, 0));

    // The third low rating makes a habitual low rater: all three stop counting.
    let (_, t3) = delivered(&w, "H-3", &d).await;
    rate(app, &t3, json!({"stars": 1})).await;
    assert_eq!(mean(app, &d).await, (Some(4.0), 1, 3));
    assert_eq!(counters(&w).await, (1, 4, 3));
    let link = app.get(&format!("/v1/track/{t1}"), None).await;
    assert_eq!(link.body["driver_rating"], 4.0, "{}", link.body);
    let r = app
        .get(
            &format!("/v1/ratings?shipment_id={s1}"),
            Some(&w.courier_admin),
        )
        .await;
    assert_eq!(r.body["items"][0]["counted_for"], "excluded", "{}", r.body);
    assert_eq!(r.body["items"][0]["reason"], "harsh_rater");
    let excluded = app
        .get("/v1/ratings?counted_for=excluded", Some(&w.shop_key))
        .await;
    assert_eq!(excluded.body["items"].as_array().unwrap().len(), 3);

    // They change the last one to five stars: no longer habitual, the low ones count again.
    rate(app, &t3, json!({"stars": 5})).await;
    assert_eq!(mean(app, &d).await, (Some(3.0), 4, 0));
    assert_eq!(counters(&w).await, (4, 12, 0));
    // And back to one star.
    rate(app, &t3, json!({"stars": 1})).await;
    assert_eq!(mean(app, &d).await, (Some(4.0), 1, 3));
    assert_eq!(counters(&w).await, (1, 4, 3));

    // The courier coaches with the evidence: each comment names its shipment and attempt;
    // the driver reads the words and the day only.
    let r = app
        .get(
            &format!("/v1/drivers/{}/rating", d.id),
            Some(&w.courier_admin),
        )
        .await;
    let comment = &r.body["comments"][0];
    assert_eq!(comment["shipment_id"], other.as_str(), "{}", r.body);
    assert!(comment["attempt_id"].as_str().unwrap().starts_with("att_"));
    let me = app.get("/v1/me/rating", Some(&d.token)).await;
    assert!(
        me.body["comments"][0]["shipment_id"].is_null(),
        "{}",
        me.body
    );
    assert!(me.body["comments"][0]["attempt_id"].is_null());

    // The counters kept on the way equal a rebuild from the facts.
    app.stop().await;
    let mut conn = app.db.get_write().unwrap();
    let report = doorstep::kpis::store::rebuild(&mut conn, 2).unwrap();
    assert_eq!(report.shipments, 4);
    assert_eq!(report.rows_differing, 0, "{report:?}");
}

/// A failed "not home" attempt, verified by the server (at the door, a call tried, an intercom
/// note), then disputed: returns (dispute path, attempt id).
async fn disputed(
    w: &World,
    reference: &str,
    d: &Driver,
    call_outcome: &str,
    reason: &str,
) -> (String, String) {
    let app = &w.app;
    let (id, token) = out_now(w, reference, d).await;
    let r = app
        .post(
            &format!("/v1/shipments/{id}/contact-attempts"),
            Some(&d.token),
            json!({"channel": "call", "outcome": call_outcome,
                "occurred_at": Utc::now() - Duration::minutes(10)}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    fail(app, d, &id, &format!("f-{reference}"), Utc::now()).await;
    let a = app
        .get(&format!("/v1/shipments/{id}/attempts"), Some(&w.shop_key))
        .await;
    let attempt = &a.body["items"][0];
    assert_eq!(attempt["verified"], true, "{}", a.body);
    let r = app
        .post(
            &format!("/v1/track/{token}/disputes"),
            None,
            json!({"reason": reason, "comment": "I answered the intercom!"}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    (
        format!("/v1/disputes/{}", r.body["id"].as_str().unwrap()),
        attempt["id"].as_str().unwrap().to_owned(),
    )
}

#[tokio::test]
async fn the_drivers_own_record_alone_is_a_review_not_a_rejection() {
    let w = world().await;
    let app = &w.app;
    let d = driver(&w, &w.courier_admin, "record@speedy.test").await;

    // Verified, but only by what the driver's own device says: review, with the reason.
    let (path, _) = disputed(&w, "REV-1", &d, "no_answer", "was_home").await;
    let ev = app.get(&path, Some(&w.shop_key)).await;
    assert_eq!(ev.status, 200, "{}", ev.body);
    assert_eq!(ev.body["suggested_outcome"], "review");
    let why = ev.body["suggestion_reason"].as_str().unwrap();
    assert!(why.starts_with("Only the driver's own record"), "{why}");

    // The driver logged the call as answered: the driver's own record, not the customer's
    // word against it (issue 24): review, saying so.
    let (path, _) = disputed(&w, "REV-2", &d, "reached", "not_called").await;
    let ev = app.get(&path, Some(&w.courier_admin)).await;
    assert_eq!(ev.body["suggested_outcome"], "review", "{}", ev.body);
    assert!(
        ev.body["suggestion_reason"]
            .as_str()
            .unwrap()
            .contains("answered")
    );

    // A photo whose EXIF place and time match the attempt: EXIF the driver's phone wrote,
    // supporting the driver, still a review.
    let (path, attempt_id) = disputed(&w, "REV-3", &d, "no_answer", "was_home").await;
    let photo = jpeg(640, 480, Some((Utc::now(), HOME)));
    let r = upload(app, &d.token, &attempt_id, "door", photo, "image/jpeg").await;
    assert_eq!(r.status, 201, "{}", r.body);
    let ev = app.get(&path, Some(&w.shop_key)).await;
    assert_eq!(ev.body["suggested_outcome"], "review", "{}", ev.body);
    assert!(
        ev.body["suggestion_reason"]
            .as_str()
            .unwrap()
            .contains("EXIF")
    );
    // A photo from elsewhere proves nothing.
    let (path, attempt_id) = disputed(&w, "REV-4", &d, "no_answer", "was_home").await;
    let far = jpeg(640, 480, Some((Utc::now(), (48.87, 2.36))));
    let r = upload(app, &d.token, &attempt_id, "door", far, "image/jpeg").await;
    assert_eq!(r.status, 201, "{}", r.body);
    let ev = app.get(&path, Some(&w.shop_key)).await;
    assert_ne!(ev.body["suggested_outcome"], "reject", "{}", ev.body);
}

#[tokio::test]
async fn lists_are_pages_filters_find_one_and_a_reused_key_has_its_own_problem() {
    let w = world().await;
    let app = &w.app;
    let d = driver(&w, &w.courier_admin, "pages@speedy.test").await;
    let (id, token) = out_now(&w, "PAGE-1", &d).await;
    let (id2, _) = out_now(&w, "PAGE-2", &d).await;

    // The driver's route, a shipment's hand-offs, contact attempts and attempts: all pages.
    let route = app.get("/v1/driver/route", Some(&d.token)).await;
    assert_eq!(route.status, 200, "{}", route.body);
    assert_eq!(route.body["items"].as_array().unwrap().len(), 2);
    assert!(route.body["next_cursor"].is_null());
    for minutes in [30, 20, 10] {
        let r = app
            .post(
                &format!("/v1/shipments/{id}/contact-attempts"),
                Some(&d.token),
                json!({"channel": "call", "outcome": "no_answer",
                    "occurred_at": Utc::now() - Duration::minutes(minutes)}),
            )
            .await;
        assert_eq!(r.status, 201, "{}", r.body);
    }
    deliver(app, &d, &id, Utc::now()).await;
    for list in ["handoffs", "contact-attempts", "attempts"] {
        let path = format!("/v1/shipments/{id}/{list}");
        let all = app.get(&path, Some(&w.shop_key)).await;
        assert_eq!(all.status, 200, "{path}: {}", all.body);
        let items = all.body["items"].as_array().unwrap().clone();
        assert!(!items.is_empty(), "{path}");
        assert!(all.body["next_cursor"].is_null(), "{path}: {}", all.body);
        // Paged one at a time, the same items in the same order.
        let mut seen = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let q = match &cursor {
                Some(c) => format!("{path}?limit=1&cursor={c}"),
                None => format!("{path}?limit=1"),
            };
            let page = app.get(&q, Some(&w.shop_key)).await;
            assert_eq!(page.status, 200, "{q}: {}", page.body);
            seen.extend(page.body["items"].as_array().unwrap().iter().cloned());
            match page.body["next_cursor"].as_str() {
                Some(c) => cursor = Some(c.to_owned()),
                None => break,
            }
            assert!(seen.len() <= items.len(), "{path} pages forever");
        }
        assert_eq!(seen, items, "{path}");
        app.get(&format!("{path}?limit=0"), Some(&w.shop_key))
            .await
            .assert_problem(422, "validation");
    }
    let contacts = app
        .get(
            &format!("/v1/shipments/{id}/contact-attempts"),
            Some(&w.shop_key),
        )
        .await;
    assert_eq!(contacts.body["items"].as_array().unwrap().len(), 3);

    // The marketplace finds a shipment by its own reference.
    let found = app
        .get("/v1/shipments?reference=PAGE-2", Some(&w.shop_key))
        .await;
    let items = found.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{}", found.body);
    assert_eq!(items[0]["id"], id2.as_str());
    let none = app
        .get("/v1/shipments?reference=PAGE", Some(&w.shop_key))
        .await;
    assert!(
        none.body["items"].as_array().unwrap().is_empty(),
        "exact match"
    );
    let theirs = app
        .get("/v1/shipments?reference=PAGE-2", Some(&w.other_shop_admin))
        .await;
    assert!(theirs.body["items"].as_array().unwrap().is_empty());

    // Ratings and disputes by shipment.
    rate(app, &token, json!({"stars": 5})).await;
    let r = app
        .get(
            &format!("/v1/ratings?shipment_id={id}"),
            Some(&w.courier_admin),
        )
        .await;
    assert_eq!(r.body["items"].as_array().unwrap().len(), 1, "{}", r.body);
    assert_eq!(r.body["items"][0]["shipment_id"], id.as_str());
    let r = app
        .get(
            &format!("/v1/ratings?shipment_id={id2}"),
            Some(&w.courier_admin),
        )
        .await;
    assert!(r.body["items"].as_array().unwrap().is_empty());
    let r = app
        .post(
            &format!("/v1/track/{token}/disputes"),
            None,
            json!({"reason": "damaged"}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let r = app
        .get(&format!("/v1/disputes?shipment_id={id}"), Some(&w.shop_key))
        .await;
    assert_eq!(r.body["items"].as_array().unwrap().len(), 1, "{}", r.body);
    let r = app
        .get(
            &format!("/v1/disputes?shipment_id={id2}"),
            Some(&w.shop_key),
        )
        .await;
    assert!(r.body["items"].as_array().unwrap().is_empty());

    // A reused Idempotency-Key with another body: its own problem, not a field error.
    let send = |body: Value| {
        app.client
            .post(format!("{}/v1/shipments", app.base))
            .bearer_auth(&w.shop_key)
            .header("Idempotency-Key", "reuse-1")
            .json(&body)
            .send()
    };
    let mut s = tv(&w);
    s["reference"] = json!("KEY-1");
    let first = TestApp::reply(send(s.clone()).await.unwrap()).await;
    assert_eq!(first.status, 201, "{}", first.body);
    s["reference"] = json!("KEY-2");
    let r = TestApp::reply(send(s).await.unwrap()).await;
    r.assert_problem(422, "idempotency-key-reused");
    assert!(r.body["errors"].is_null(), "{}", r.body);
    assert!(
        r.body["detail"]
            .as_str()
            .unwrap()
            .contains("different request body")
    );
}

/// PostgreSQL, issue 24: the rating that makes a harsh rater recounts the customer's earlier
/// ratings, each through its shipment's lock, while holding the rated shipment's. Another
/// transaction holding one of those shipments and then wanting the rated one (as a second rating
/// by the same customer at the same instant does) made a deadlock, and the rating failed with a
/// 500. The recount now skips a shipment another transaction holds (the next rating recounts it).
#[tokio::test]
async fn a_recount_never_deadlocks_with_another_transaction_on_the_customers_shipments() {
    use diesel::connection::SimpleConnection;
    use diesel::prelude::*;
    let w = world_with(|s| {
        s.harsh_rater.min_ratings = 3;
        s.harsh_rater.share = 0.6;
    })
    .await;
    let url = w.app.settings().db.url.clone();
    if !url.starts_with("postgres") {
        return; // one writer on SQLite: no lock waits to cross
    }
    let app = &w.app;
    let d = driver(&w, &w.courier_admin, "dead@speedy.test").await;
    let (s1, t1) = delivered(&w, "DL-1", &d).await;
    rate(app, &t1, json!({"stars": 1})).await;
    let (_, t2) = delivered(&w, "DL-2", &d).await;
    rate(app, &t2, json!({"stars": 1})).await;
    let (s3, t3) = delivered(&w, "DL-3", &d).await;

    // Another transaction holds the first shipment …
    let mut other = PgConnection::establish(&url).unwrap();
    other
        .batch_execute(&format!(
            "BEGIN; SET lock_timeout = '10s'; SELECT id FROM shipments WHERE id = '{s1}' FOR UPDATE;"
        ))
        .unwrap();
    // … while the third rating (which makes the customer harsh) locks its shipment and
    // recounts the first two …
    let rating = {
        let (base, client, t3) = (app.base.clone(), app.client.clone(), t3.clone());
        tokio::spawn(async move {
            let r = client
                .post(format!("{base}/v1/track/{t3}/rating"))
                .json(&json!({"stars": 1}))
                .send()
                .await
                .unwrap();
            (r.status().as_u16(), r.text().await.unwrap())
        })
    };
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    // … and then the other transaction wants the third shipment.
    let s3_lock = format!("SELECT id FROM shipments WHERE id = '{s3}' FOR UPDATE; COMMIT;");
    let locked = tokio::task::spawn_blocking(move || other.batch_execute(&s3_lock))
        .await
        .unwrap();
    let (status, body) = rating.await.unwrap();
    assert!(status == 200 || status == 201, "{status}: {body}");
    assert!(locked.is_ok(), "{locked:?}");
}
