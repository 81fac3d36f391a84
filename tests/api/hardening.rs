//! What an attacker found (issue 14): location leaks through photos, gamed verdicts, dispute
//! abuse, PIN brute force and customers' reschedule loops. Each test fails on the code before.

use chrono::{Duration, Utc};
use diesel::prelude::*;
use serde_json::{Value, json};

use crate::fixtures::*;
use crate::helpers::TestApp;

async fn photo_bytes(app: &TestApp, path: &str, token: Option<&str>) -> (u16, String, Vec<u8>) {
    let mut req = app.client.get(format!("{}{path}", app.base));
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    let res = req.send().await.unwrap();
    let status = res.status().as_u16();
    let cache = res
        .headers()
        .get("cache-control")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (status, cache, res.bytes().await.unwrap().to_vec())
}

fn gps_of(bytes: &[u8]) -> Option<(f64, f64)> {
    doorstep::attempts::picture::exif_facts(bytes).1
}

fn north(m: f64) -> (f64, f64) {
    (HOME.0 + m / 111_195.0, HOME.1)
}

fn log_routes(log: &Value) -> Vec<(String, String)> {
    log["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["actor_id"].as_str().unwrap_or_default().to_owned(),
                e["route"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[tokio::test]
async fn photos_show_the_address_only_to_whom_may_see_it() {
    let w = world().await;
    let app = &w.app;
    let d = driver(&w, &w.courier_admin, "pho@speedy.test").await;
    let (id, token) = out_with(
        &w,
        "PHO-1",
        &w.courier,
        &w.courier_admin,
        &d,
        now_window(),
        true,
        "intact",
    )
    .await;
    let now = Utc::now();
    let r = attempt(
        app,
        &d,
        &id,
        "pho-1",
        json!({"outcome": "failed", "failure_reason": "recipient_absent", "gps": gps(now),
            "occurred_at": now}),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let a = r.body["id"].as_str().unwrap().to_owned();
    let at_door = north(10.0);
    let jpg = jpeg(640, 480, Some((now, at_door)));
    let heic = doorstep::attempts::heif::test_heic_with_exif(640, 480, at_door.0, at_door.1);
    assert!(gps_of(&heic).is_some(), "the HEIC fixture carries GPS");
    let mut ids = Vec::new();
    for (bytes, ct) in [(jpg.clone(), "image/jpeg"), (heic.clone(), "image/heic")] {
        let r = upload(app, &d.token, &a, "door", bytes, ct).await;
        assert_eq!(r.status, 201, "{}", r.body);
        ids.push(r.body["id"].as_str().unwrap().to_owned());
    }
    assert_eq!(
        app.get(&format!("/v1/shipments/{id}"), Some(&w.supplier_admin))
            .await
            .status,
        200,
        "the supplier is a party of the parcel"
    );
    for (photo, original) in ids.iter().zip([&jpg, &heic]) {
        let path = format!("/v1/photos/{photo}");
        // The supplier never sees the address: a copy without the position.
        let (status, cache, bytes) = photo_bytes(app, &path, Some(&w.supplier_admin)).await;
        assert_eq!(status, 200);
        assert_eq!(cache, "no-store");
        assert_ne!(&bytes, original);
        assert_eq!(gps_of(&bytes), None, "no EXIF position for the supplier");
        // The customer's link: the copy, never cached.
        let (status, cache, bytes) =
            photo_bytes(app, &format!("/v1/track/{token}/photos/{photo}"), None).await;
        assert_eq!(status, 200);
        assert_eq!(cache, "no-store");
        assert_eq!(gps_of(&bytes), None, "no EXIF on the customer's copy");
        // The courier delivering it may see the address: the original, and the read is logged.
        let (status, cache, bytes) = photo_bytes(app, &path, Some(&w.courier_admin)).await;
        assert_eq!((status, cache.as_str()), (200, "no-store"));
        assert_eq!(&bytes, original, "the evidence, byte for byte");
    }
    let log = app
        .get(
            &format!("/v1/shipments/{id}/contact-access-log"),
            Some(&w.shop_key),
        )
        .await;
    let photo_reads = log_routes(&log.body)
        .into_iter()
        .filter(|(_, route)| route == "GET /v1/photos/{id}")
        .count();
    assert_eq!(photo_reads, 2, "the courier's two reads: {}", log.body);

    // After retention every party gets the copy: no HEIC or JPEG position survives.
    {
        use doorstep::db::schema::shipments;
        let mut c = app.db.get_write().unwrap();
        diesel::update(shipments::table.find(&id))
            .set((
                shipments::status.eq("returned"),
                shipments::contact_erase_after.eq(Utc::now().naive_utc() - Duration::seconds(1)),
            ))
            .execute(&mut *c)
            .unwrap();
    }
    assert_eq!(
        doorstep::contacts::purge::purge_due(&app.db, &app.settings().clock).unwrap(),
        1
    );
    for photo in &ids {
        let (status, _, bytes) =
            photo_bytes(app, &format!("/v1/photos/{photo}"), Some(&w.shop_key)).await;
        assert_eq!(status, 200);
        assert_eq!(gps_of(&bytes), None, "no position after retention");
    }
}

#[tokio::test]
async fn a_driver_lists_only_themselves() {
    let w = world().await;
    let d = driver(&w, &w.courier_admin, "solo@speedy.test").await;
    let r = w.app.get("/v1/users", Some(&d.token)).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let items = r.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{}", r.body);
    assert_eq!(items[0]["id"], d.id.as_str());
    assert!(
        !r.body.to_string().contains("admin@speedy.test"),
        "{}",
        r.body
    );
}

#[tokio::test]
async fn a_backdated_attempt_is_never_verified() {
    use doorstep::db::schema::driver_sightings;
    let w = world().await;
    let app = &w.app;
    // The firm window ended two hours ago.
    let window = (
        Utc::now() - Duration::hours(6),
        Utc::now() - Duration::hours(2),
    );
    let d = driver(&w, &w.courier_admin, "late@speedy.test").await;
    let (id, _) = out_with(
        &w,
        "BACK-1",
        &w.courier,
        &w.courier_admin,
        &d,
        window,
        false,
        "intact",
    )
    .await;
    // The app fetched its route an hour ago: it was online after the time it will claim.
    assert_eq!(
        app.get("/v1/driver/route", Some(&d.token)).await.status,
        200
    );
    {
        let mut c = app.db.get_write().unwrap();
        let hour_ago = Utc::now().naive_utc() - Duration::hours(1);
        diesel::delete(driver_sightings::table.filter(driver_sightings::driver_id.eq(&d.id)))
            .execute(&mut *c)
            .unwrap();
        doorstep::auth::sightings::record(&mut c, &d.id, hour_ago).unwrap();
    }
    held_since(app, &id, Duration::hours(4)).await;
    let claimed = Utc::now() - Duration::hours(3);
    let r = attempt(
        app,
        &d,
        &id,
        "back-1",
        json!({"outcome": "delivered", "placement": "handed_to_recipient", "gps": gps(claimed),
            "occurred_at": claimed}),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(r.body["verified"], false, "{}", r.body);
    let flags: Vec<&str> = r.body["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["flag"].as_str().unwrap())
        .collect();
    assert_eq!(flags, ["backdated"], "{}", r.body);

    // A driver who really was offline: the same late send, nothing seen in between.
    let honest = driver(&w, &w.courier_admin, "offline@speedy.test").await;
    let (id, _) = out_with(
        &w,
        "BACK-2",
        &w.courier,
        &w.courier_admin,
        &honest,
        window,
        false,
        "intact",
    )
    .await;
    held_since(app, &id, Duration::hours(4)).await;
    let r = attempt(
        app,
        &honest,
        &id,
        "back-2",
        json!({"outcome": "delivered", "placement": "handed_to_recipient", "gps": gps(claimed),
            "occurred_at": claimed}),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(
        r.body["verified"], true,
        "queued offline is fine: {}",
        r.body
    );
}

async fn dispute(app: &TestApp, token: &str, body: Value) -> crate::helpers::Reply {
    app.post(&format!("/v1/track/{token}/disputes"), None, body)
        .await
}

#[tokio::test]
async fn disputes_have_a_window_and_one_decision_per_attempt() {
    let w = world_with(|s| s.tracking.per_token_per_minute = 1000).await;
    let app = &w.app;
    let d = driver(&w, &w.courier_admin, "dsp@speedy.test").await;
    // A parcel not yet attempted, and a cancelled one: nothing to dispute.
    let r = app.post("/v1/shipments", Some(&w.shop_key), tv(&w)).await;
    let token = r.body["tracking"]["token"].as_str().unwrap().to_owned();
    let shipment = r.body["id"].as_str().unwrap().to_owned();
    dispute(app, &token, json!({"reason": "was_home"}))
        .await
        .assert_problem(409, "conflict");
    let r = app
        .post(
            &format!("/v1/shipments/{shipment}/cancel"),
            Some(&w.shop_key),
            json!({"note": "customer changed their mind"}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    dispute(app, &token, json!({"reason": "was_home"}))
        .await
        .assert_problem(409, "conflict");

    let (id, token) = out_now(&w, "DSP-1", &d).await;
    fail(app, &d, &id, "dsp-1", Utc::now()).await;
    // Sent together, only one opens: the unique index decides, not a read.
    let sends = (0..6).map(|_| dispute(app, &token, json!({"reason": "was_home"})));
    let answers = futures_util::future::join_all(sends).await;
    let opened: Vec<_> = answers.iter().filter(|r| r.status == 201).collect();
    assert_eq!(
        opened.len(),
        1,
        "{:?}",
        answers.iter().map(|r| r.status).collect::<Vec<_>>()
    );
    assert!(answers.iter().all(|r| r.status == 201 || r.status == 409));
    let dispute_id = opened[0].body["id"].as_str().unwrap().to_owned();
    let r = app
        .post(
            &format!("/v1/disputes/{dispute_id}/resolution"),
            Some(&w.shop_key),
            json!({"resolution": "rejected", "remedy": "none"}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    // Resolved is decided: no second dispute (and no second refund) about the same attempt.
    dispute(app, &token, json!({"reason": "not_called"}))
        .await
        .assert_problem(409, "conflict");
    {
        // The index itself: a second open dispute cannot be written, whatever the code reads.
        use doorstep::db::schema::disputes;
        let mut c = app.db.get_write().unwrap();
        let open = disputes::table
            .filter(disputes::id.eq(&dispute_id))
            .select(disputes::attempt_id)
            .first::<Option<String>>(&mut *c)
            .unwrap();
        let copy = |n: &str| {
            diesel::insert_into(disputes::table).values((
                disputes::id.eq(format!("dsp_copy{n}")),
                disputes::shipment_id.eq(&id),
                disputes::attempt_id.eq(open.clone()),
                disputes::marketplace_id.eq(&w.shop),
                disputes::reason.eq("was_home"),
                disputes::status.eq("open"),
                disputes::created_at.eq(Utc::now().naive_utc()),
            ))
        };
        copy("1").execute(&mut *c).unwrap();
        assert!(
            copy("2").execute(&mut *c).is_err(),
            "two open disputes on one attempt"
        );
    }

    // 31 days after the attempt, the window is closed.
    let d2 = driver(&w, &w.courier_admin, "dsp2@speedy.test").await;
    let (id, token) = out_now(&w, "DSP-2", &d2).await;
    fail(app, &d2, &id, "dsp-2", Utc::now()).await;
    {
        use doorstep::db::schema::delivery_attempts;
        let mut c = app.db.get_write().unwrap();
        diesel::update(delivery_attempts::table.filter(delivery_attempts::shipment_id.eq(&id)))
            .set(delivery_attempts::occurred_at.eq(Utc::now().naive_utc() - Duration::days(31)))
            .execute(&mut *c)
            .unwrap();
    }
    let r = dispute(app, &token, json!({"reason": "was_home"})).await;
    r.assert_problem(409, "conflict");
    assert!(
        r.body["detail"].as_str().unwrap().contains("30 days"),
        "{}",
        r.body
    );
}

#[tokio::test]
async fn the_drivers_photo_is_accepted_after_a_dispute_opened() {
    let w = world().await;
    let app = &w.app;
    let d = driver(&w, &w.courier_admin, "proof@speedy.test").await;
    let (id, token) = out_now(&w, "PROOF-1", &d).await;
    let now = Utc::now();
    let r = attempt(
        app,
        &d,
        &id,
        "proof-1",
        json!({"outcome": "delivered", "placement": "front_door", "gps": gps(now), "occurred_at": now}),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let a = r.body["id"].as_str().unwrap().to_owned();
    let r = dispute(app, &token, json!({"reason": "not_received"})).await;
    assert_eq!(r.status, 201, "{}", r.body);
    let dispute_id = r.body["id"].as_str().unwrap().to_owned();
    let before = app
        .get(&format!("/v1/disputes/{dispute_id}"), Some(&w.shop_key))
        .await;
    assert_eq!(before.status, 200, "{}", before.body);
    let r = upload(
        app,
        &d.token,
        &a,
        "placement",
        jpeg(640, 480, Some((now, north(5.0)))),
        "image/jpeg",
    )
    .await;
    assert_eq!(
        r.status, 201,
        "the proof window is 72 h, dispute or not: {}",
        r.body
    );
    let after = app
        .get(&format!("/v1/disputes/{dispute_id}"), Some(&w.shop_key))
        .await;
    assert_eq!(after.body["attempt"]["verified"], true, "{}", after.body);
    assert_eq!(after.body["attempt"]["photos"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn customers_reschedule_into_windows_a_courier_can_honour() {
    let w = world_with(|s| s.tracking.per_token_per_minute = 1000).await;
    let app = &w.app;
    let r = app.post("/v1/shipments", Some(&w.shop_key), tv(&w)).await;
    let token = r.body["tracking"]["token"].as_str().unwrap().to_owned();
    let path = format!("/v1/track/{token}/reschedule");
    let r = app
        .post(
            &path,
            None,
            json!({"window": {"start": "9999-01-01T08:00:00Z", "end": "9999-01-01T12:00:00Z"}}),
        )
        .await;
    r.assert_problem(422, "validation");
    assert_eq!(r.error_fields(), ["window.start"]);
    let start = Utc::now() + Duration::days(2);
    let r = app
        .post(
            &path,
            None,
            json!({"window": {"start": start, "end": start + Duration::seconds(1)}}),
        )
        .await;
    assert_eq!(r.error_fields(), ["window.end"], "a one-second window");
    let soon = Utc::now() + Duration::minutes(5);
    let r = app
        .post(
            &path,
            None,
            json!({"window": {"start": soon, "end": soon + Duration::hours(2)}}),
        )
        .await;
    assert_eq!(
        r.error_fields(),
        ["window.start"],
        "no notice for the courier"
    );
    for i in 0..3 {
        let s = start + Duration::hours(i);
        let r = app
            .post(
                &path,
                None,
                json!({"window": {"start": s, "end": s + Duration::hours(3)}}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
    }
    let r = app
        .post(
            &path,
            None,
            json!({"window": {"start": start, "end": start + Duration::hours(3)}}),
        )
        .await;
    r.assert_problem(409, "conflict");
}

#[tokio::test]
async fn the_pin_is_reset_rarely_and_in_view_of_the_customer() {
    use doorstep::db::schema::shipment_events;
    let w = world().await;
    let app = &w.app;
    let d = driver(&w, &w.courier_admin, "pin@speedy.test").await;
    let (id, token) = out_now(&w, "PIN-9", &d).await;
    let reset = format!("/v1/shipments/{id}/handover-pin/reset");
    let pin = async |app: &TestApp| {
        app.get(&format!("/v1/track/{token}"), None).await.body["handover_pin"].clone()
    };
    let first = pin(app).await;
    assert_eq!(
        app.post(&reset, Some(&w.courier_admin), json!({}))
            .await
            .status,
        204
    );
    let second = pin(app).await;
    assert_ne!(first, second, "a new PIN, on the customer's link");
    assert!(
        !app.get(&format!("/v1/shipments/{id}"), Some(&w.courier_admin))
            .await
            .body
            .to_string()
            .contains(second.as_str().unwrap()),
        "the courier never sees it"
    );
    // At once again: refused, with when to come back.
    let r = app.post(&reset, Some(&w.courier_admin), json!({})).await;
    r.assert_problem(429, "too-many-requests");
    assert!(r.headers.contains_key("retry-after"));
    let back_dated = |c: &mut doorstep::db::Conn| {
        diesel::update(
            shipment_events::table
                .filter(shipment_events::shipment_id.eq(&id))
                .filter(shipment_events::kind.eq("handover_pin.reset")),
        )
        .set(shipment_events::created_at.eq(Utc::now().naive_utc() - Duration::hours(1)))
        .execute(c)
        .unwrap();
    };
    back_dated(&mut app.db.get_write().unwrap());
    assert_eq!(
        app.post(&reset, Some(&w.courier_admin), json!({}))
            .await
            .status,
        204
    );
    back_dated(&mut app.db.get_write().unwrap());
    let r = app.post(&reset, Some(&w.shop_key), json!({})).await;
    r.assert_problem(409, "conflict");
    // The customer and the marketplace see each reset on the timeline.
    let t = app.get(&format!("/v1/track/{token}"), None).await;
    let resets = t.body["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "handover_pin.reset")
        .count();
    assert_eq!(resets, 2, "{}", t.body);
}
