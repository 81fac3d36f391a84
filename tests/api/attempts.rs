//! Delivery attempts with proof, photos, the PIN, and disputes — the intercom story.

use chrono::{DateTime, Duration, Utc};
use reqwest::Method;
use serde_json::{Value, json};

use crate::fixtures::*;
use crate::helpers::{Reply, TestApp};

pub const HOME: (f64, f64) = (48.8606, 2.3376);

/// A point `m` metres north of the recipient's address.
fn north(m: f64) -> (f64, f64) {
    (HOME.0 + m / 111_195.0, HOME.1)
}

/// A shipment whose firm window is now, carried to the driver and out for delivery.
/// Returns (shipment id, tracking token, driver token, driver id).
async fn out_for_delivery(
    w: &World,
    reference: &str,
    body: Option<Value>,
) -> (String, String, String) {
    let app = &w.app;
    let mut s = body.unwrap_or_else(|| tv(w));
    s["reference"] = json!(reference);
    s["window"] = json!({"start": Utc::now() - Duration::hours(1), "end": Utc::now() + Duration::hours(4), "firm": true});
    let r = app.post("/v1/shipments", Some(&w.shop_key), s).await;
    assert_eq!(r.status, 201, "{}", r.body);
    let id = r.body["id"].as_str().unwrap().to_owned();
    let token = r.body["tracking"]["token"].as_str().unwrap().to_owned();
    let driver_email = format!("{}@speedy.test", reference.to_lowercase());
    let driver_id = app.user(&w.courier_admin, &driver_email, "driver").await;
    let driver = app.token(&driver_email).await;
    let h = app
        .post(
            &format!("/v1/shipments/{id}/handoffs"),
            Some(&w.shop_key),
            json!({"to": "courier"}),
        )
        .await;
    let hid = h.body["id"].as_str().unwrap();
    let accept = json!({"condition": "intact"});
    app.post(
        &format!("/v1/shipments/{id}/handoffs/{hid}/accept"),
        Some(&w.courier_admin),
        accept.clone(),
    )
    .await;
    let h = app
        .post(
            &format!("/v1/shipments/{id}/handoffs"),
            Some(&w.courier_admin),
            json!({"to": "driver", "driver_id": driver_id}),
        )
        .await;
    let hid = h.body["id"].as_str().unwrap();
    app.post(
        &format!("/v1/shipments/{id}/handoffs/{hid}/accept"),
        Some(&driver),
        accept,
    )
    .await;
    let r = app
        .post(
            &format!("/v1/shipments/{id}/out-for-delivery"),
            Some(&driver),
            json!({}),
        )
        .await;
    assert_eq!(r.body["status"], "out_for_delivery", "{}", r.body);
    (id, token, driver)
}

fn gps_at(at: (f64, f64), when: DateTime<Utc>) -> Value {
    json!({"lat": at.0, "lon": at.1, "accuracy_m": 8.0, "captured_at": when})
}

async fn attempt(app: &TestApp, driver: &str, id: &str, key: Option<&str>, body: &Value) -> Reply {
    let mut req = app
        .client
        .post(format!("{}/v1/shipments/{id}/attempts", app.base))
        .bearer_auth(driver)
        .json(body);
    if let Some(k) = key {
        req = req.header("Idempotency-Key", k);
    }
    TestApp::reply(req.send().await.unwrap()).await
}

/// The intercom story: "not home" 3 km away with no call, disputed from the link, upheld.
#[tokio::test]
async fn a_false_not_home_is_flagged_disputed_and_upheld() {
    let w = world().await;
    let app = &w.app;
    let (id, token, driver) = out_for_delivery(&w, "INTERCOM-1", None).await;
    let now = Utc::now();
    let body = json!({"outcome": "failed", "failure_reason": "recipient_absent",
        "gps": gps_at(north(3000.0), now), "occurred_at": now});
    let r = attempt(app, &driver, &id, None, &body).await;
    r.assert_problem(422, "validation");
    assert_eq!(r.error_fields(), ["Idempotency-Key"]);

    let r = attempt(app, &driver, &id, Some("att-1"), &body).await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(
        flags(&r.body),
        [
            "far_from_address",
            "absent_without_contact",
            "absent_without_proof"
        ]
    );
    assert_eq!(r.body["verified"], false);
    assert_eq!(r.body["distance_m"], 3000.0);
    assert_eq!(
        r.body["flags"][0]["sentence"],
        "Driver was 3.0 km from the address (allowed: 150 m)."
    );
    let attempt_id = r.body["id"].as_str().unwrap().to_owned();
    let again = attempt(app, &driver, &id, Some("att-1"), &body).await;
    assert_eq!(again.status, 200, "a retry returns the stored attempt");
    assert_eq!(again.body["id"], attempt_id.as_str());
    let mut other = body.clone();
    other["failure_reason"] = json!("no_access");
    let r = attempt(app, &driver, &id, Some("att-1"), &other).await;
    r.assert_problem(422, "idempotency-key-reused");
    assert!(
        r.body["detail"]
            .as_str()
            .unwrap()
            .contains("already used with a different request body"),
        "{}",
        r.body
    );
    assert!(r.body["errors"].is_null(), "not a field error");
    let s = app
        .get(&format!("/v1/shipments/{id}"), Some(&w.shop_key))
        .await;
    assert_eq!(s.body["status"], "attempt_failed");

    // A call logged afterwards and backdated does not count; a late photo is proof, though.
    let backdated = json!({"channel": "call", "outcome": "no_answer", "occurred_at": now - Duration::minutes(5)});
    let r = app
        .post(
            &format!("/v1/shipments/{id}/contact-attempts"),
            Some(&driver),
            backdated,
        )
        .await;
    assert_eq!(r.status, 201);
    let photo = jpeg(640, 480, None);
    assert_eq!(
        upload(
            app,
            &driver,
            &attempt_id,
            "door",
            photo.clone(),
            "image/jpeg"
        )
        .await
        .status,
        201
    );
    let a = app
        .get(&format!("/v1/attempts/{attempt_id}"), Some(&w.shop_key))
        .await;
    assert_eq!(
        flags(&a.body),
        ["far_from_address", "absent_without_contact"]
    );

    // The customer sees the same verdict, without the driver's position.
    let t = app.get(&format!("/v1/track/{token}"), None).await;
    let seen = &t.body["attempts"][0];
    assert_eq!(flags(seen), ["far_from_address", "absent_without_contact"]);
    assert!(seen["gps"].is_null() && seen["driver_id"].is_null());
    assert!(
        t.body["timeline"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["kind"] == "attempt.recorded"
                && e["detail"]["flags"].as_array().unwrap().len() == 3)
    );

    // The customer disputes; the courier answers; the marketplace upholds.
    let d = app
        .post(
            &format!("/v1/track/{token}/disputes"),
            None,
            json!({"reason": "was_home", "comment": "I was on the intercom!"}),
        )
        .await;
    assert_eq!(d.status, 201, "{}", d.body);
    assert_eq!(
        d.body["attempt_id"],
        attempt_id.as_str(),
        "the latest attempt by default"
    );
    let dispute = d.body["id"].as_str().unwrap().to_owned();
    // The driver's proof stays acceptable for its 72 h, whatever the customer did meanwhile.
    let late_photo = upload(app, &driver, &attempt_id, "door", photo, "image/jpeg").await;
    assert_eq!(late_photo.status, 201, "{}", late_photo.body);
    app.post(
        &format!("/v1/track/{token}/disputes"),
        None,
        json!({"reason": "not_called"}),
    )
    .await
    .assert_problem(409, "conflict");
    let path = format!("/v1/disputes/{dispute}");
    app.get(&path, Some(&w.supplier_admin))
        .await
        .assert_problem(404, "not-found");
    app.get(&path, Some(&w.other_courier_admin))
        .await
        .assert_problem(404, "not-found");
    app.post(
        &format!("{path}/response"),
        Some(&w.shop_key),
        json!({"response": "x"}),
    )
    .await
    .assert_problem(403, "forbidden");
    let r = app
        .post(
            &format!("{path}/response"),
            Some(&w.courier_admin),
            json!({"response": "Driver says nobody answered."}),
        )
        .await;
    assert_eq!(r.body["status"], "responded", "{}", r.body);
    let ev = app.get(&path, Some(&w.shop_key)).await;
    assert_eq!(ev.status, 200, "{}", ev.body);
    assert_eq!(ev.body["suggested_outcome"], "uphold");
    assert_eq!(ev.body["attempt"]["distance_m"], 3000.0);
    assert_eq!(ev.body["dispute"]["comment"], "I was on the intercom!");
    assert_eq!(
        ev.body["dispute"]["courier_response"],
        "Driver says nobody answered."
    );
    let resolve =
        json!({"resolution": "upheld", "remedy": "redeliver", "note": "re-deliver tomorrow"});
    app.post(
        &format!("{path}/resolution"),
        Some(&w.courier_admin),
        resolve.clone(),
    )
    .await
    .assert_problem(403, "forbidden");
    let r = app
        .post(
            &format!("{path}/resolution"),
            Some(&w.shop_key),
            resolve.clone(),
        )
        .await;
    assert_eq!(r.body["resolution"], "upheld", "{}", r.body);
    app.post(&format!("{path}/resolution"), Some(&w.shop_key), resolve)
        .await
        .assert_problem(409, "conflict");
    let s = app
        .get(&format!("/v1/shipments/{id}"), Some(&w.shop_key))
        .await;
    assert_eq!(
        s.body["status"], "attempt_failed",
        "the parcel waits for the new visit the customer chooses (no longer straight back out)"
    );
    assert_eq!(s.body["redelivery"]["state"], "waiting", "{}", s.body);
    let t = app.get(&format!("/v1/track/{token}"), None).await;
    assert_eq!(t.body["can_choose_redelivery"], true);
    let list = app
        .get("/v1/disputes?status=resolved", Some(&w.courier_admin))
        .await;
    assert_eq!(list.body["items"].as_array().unwrap().len(), 1);
    assert_eq!(
        app.get("/v1/disputes", Some(&w.other_courier_admin))
            .await
            .body["items"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
}

/// GPS at the door, intercom rung, call unanswered, photo of the door: verified.
#[tokio::test]
async fn an_honest_attempt_is_verified_and_its_photo_kept() {
    let w = world().await;
    let app = &w.app;
    let (id, token, driver) = out_for_delivery(&w, "HONEST-1", None).await;
    let now = Utc::now();
    for (channel, minutes) in [("call", 12), ("intercom", 1)] {
        let r = app
            .post(&format!("/v1/shipments/{id}/contact-attempts"), Some(&driver),
                json!({"channel": channel, "outcome": "no_answer", "occurred_at": now - Duration::minutes(minutes)}))
            .await;
        assert_eq!(r.status, 201, "{}", r.body);
    }
    let r = app
        .post(
            &format!("/v1/shipments/{id}/eta"),
            Some(&driver),
            json!({"eta": now + Duration::minutes(5)}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let body = json!({"outcome": "failed", "failure_reason": "recipient_absent", "gps": gps_at(north(20.0), now),
        "intercom_note": "Rang MARTIN twice, no answer", "occurred_at": now});
    let r = attempt(app, &driver, &id, Some("honest-1"), &body).await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(flags(&r.body), Vec::<String>::new());
    assert_eq!(r.body["verified"], true);
    assert_eq!(r.body["distance_m"], 20.0);
    let attempt_id = r.body["id"].as_str().unwrap().to_owned();

    let photo = jpeg(1200, 900, Some((now, north(15.0))));
    let r = upload(
        app,
        &driver,
        &attempt_id,
        "door",
        photo.clone(),
        "application/octet-stream",
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(
        r.body["content_type"], "image/jpeg",
        "sniffed, not taken from the header"
    );
    assert_eq!(r.body["width"], 1200);
    assert_eq!(r.body["bytes"], photo.len());
    assert!(r.body["taken_at"].is_string(), "EXIF time kept: {}", r.body);
    let photo_id = r.body["id"].as_str().unwrap().to_owned();
    let a = app
        .get(
            &format!("/v1/attempts/{attempt_id}"),
            Some(&w.courier_admin),
        )
        .await;
    assert_eq!(a.body["verified"], true, "{}", a.body);
    assert_eq!(a.body["photos"][0]["id"], photo_id.as_str());

    let got = app
        .client
        .get(format!("{}/v1/photos/{photo_id}", app.base))
        .bearer_auth(&w.shop_key)
        .send()
        .await
        .unwrap();
    assert_eq!(got.status(), 200);
    assert_eq!(got.headers()["content-type"], "image/jpeg");
    assert_eq!(
        got.bytes().await.unwrap().to_vec(),
        photo,
        "the original, byte for byte"
    );
    app.get(
        &format!("/v1/photos/{photo_id}"),
        Some(&w.other_courier_admin),
    )
    .await
    .assert_problem(404, "not-found");
    let mine = app
        .client
        .get(format!("{}/v1/track/{token}/photos/{photo_id}", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(mine.status(), 200);
    let public = mine.bytes().await.unwrap();
    assert!(
        doorstep::attempts::picture::exif_facts(&photo).1.is_some(),
        "the original has GPS"
    );
    assert_eq!(
        doorstep::attempts::picture::exif_facts(&public),
        (None, None),
        "the customer's copy has no EXIF"
    );
    assert_eq!(
        doorstep::attempts::picture::sniff(&public, 50_000_000).unwrap(),
        ("image/jpeg", 1200, 900)
    );
    let t = app.get(&format!("/v1/track/{token}"), None).await;
    assert!(t.body["eta"].is_string());
    let kinds: Vec<&str> = t.body["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"contact_attempt.recorded"));
    let ring = t.body["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "contact_attempt.recorded")
        .unwrap();
    assert_eq!(ring["detail"]["outcome"], "no_answer");

    // The same photo taken 3 km away marks the attempt.
    let far = jpeg(800, 600, Some((now, north(3000.0))));
    let r = upload(app, &driver, &attempt_id, "door", far, "image/jpeg").await;
    assert_eq!(r.status, 201);
    let a = app
        .get(&format!("/v1/attempts/{attempt_id}"), Some(&w.shop_key))
        .await;
    assert_eq!(flags(&a.body), ["photo_mismatch"]);
}

#[tokio::test]
async fn photos_are_checked_before_they_are_kept() {
    let w = world_with(|s| s.photos.max_bytes = 32 * 1024).await;
    let app = &w.app;
    let (id, _, driver) = out_for_delivery(&w, "PHOTO-1", None).await;
    let now = Utc::now();
    let r = attempt(
        app,
        &driver,
        &id,
        Some("p-1"),
        &json!({"outcome": "delivered", "placement": "front_door",
        "gps": gps_at(HOME, now), "occurred_at": now}),
    )
    .await;
    assert_eq!(flags(&r.body), ["no_photo"], "{}", r.body);
    let a = r.body["id"].as_str().unwrap().to_owned();
    upload(
        app,
        &driver,
        &a,
        "placement",
        b"GIF89a not a photo at all".to_vec(),
        "image/jpeg",
    )
    .await
    .assert_problem(415, "unsupported-media-type");
    upload(
        app,
        &driver,
        &a,
        "placement",
        vec![0xFF; 40 * 1024],
        "image/jpeg",
    )
    .await
    .assert_problem(413, "payload-too-large");
    let r = upload(
        app,
        &driver,
        &a,
        "placement",
        jpeg_header(30_000, 30_000),
        "image/jpeg",
    )
    .await;
    r.assert_problem(422, "validation");
    // 100 megapixels in a small file (a decompression bomb), a PNG header with one byte of
    // body, a JPEG cut after its frame header: none is a photo, none clears `no_photo`.
    for (bytes, why) in [
        (png_header(20_000, 5_000, 300), "not plausible"),
        (png_header(64, 48, 1), "does not decode"),
        (jpeg_header(640, 480), "does not decode"),
    ] {
        let r = upload(app, &driver, &a, "placement", bytes, "image/png").await;
        r.assert_problem(422, "validation");
        let message = r.body["errors"][0]["message"].as_str().unwrap();
        assert!(message.contains(why), "{}", r.body);
    }
    let s = app
        .get(&format!("/v1/attempts/{a}"), Some(&w.shop_key))
        .await;
    assert_eq!(flags(&s.body), ["no_photo"], "{}", s.body);
    upload(
        app,
        &w.courier_admin,
        &a,
        "placement",
        jpeg(10, 10, None),
        "image/jpeg",
    )
    .await
    .assert_problem(403, "forbidden");
    upload(
        app,
        &w.other_courier_admin,
        &a,
        "placement",
        jpeg(10, 10, None),
        "image/jpeg",
    )
    .await
    .assert_problem(404, "not-found");
    let r = app
        .request(
            Method::POST,
            &format!("/v1/attempts/{a}/photos?kind=selfie"),
            Some(&driver),
            None,
        )
        .await;
    r.assert_problem(400, "bad-request");
    let r = upload(
        app,
        &driver,
        &a,
        "placement",
        jpeg(640, 480, None),
        "image/jpeg",
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let s = app
        .get(&format!("/v1/attempts/{a}"), Some(&w.shop_key))
        .await;
    assert_eq!(
        s.body["verified"], true,
        "the photo clears no_photo: {}",
        s.body
    );
    assert_eq!(
        app.get(&format!("/v1/shipments/{id}"), Some(&w.shop_key))
            .await
            .body["status"],
        "delivered"
    );
}

#[tokio::test]
async fn the_handover_pin() {
    let w = world().await;
    let app = &w.app;
    let (contract, shop_admin) = courier_contract(&w).await;
    let r = app
        .request(
            Method::PATCH,
            &format!("/v1/contracts/{contract}"),
            Some(&shop_admin),
            Some(json!({"pin_above_value_cents": 50000})),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let (id, token, driver) = out_for_delivery(&w, "PIN-1", None).await;
    let pin = app.get(&format!("/v1/track/{token}"), None).await.body["handover_pin"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(pin.len(), 6);
    assert!(
        !app.get(&format!("/v1/shipments/{id}"), Some(&w.shop_key))
            .await
            .body
            .to_string()
            .contains(&pin),
        "only the customer's link shows the PIN"
    );
    let now = Utc::now();
    let deliver = |pin: Option<&str>| {
        json!({"outcome": "delivered", "placement": "handed_to_recipient",
        "handover_pin": pin, "gps": gps_at(HOME, now), "occurred_at": now})
    };
    let r = attempt(app, &driver, &id, Some("pin-0"), &deliver(None)).await;
    r.assert_problem(422, "validation");
    assert_eq!(r.error_fields(), ["handover_pin"]);
    let wrong = if pin == "000000" { "111111" } else { "000000" };
    for i in 0..5 {
        let r = attempt(
            app,
            &driver,
            &id,
            Some(&format!("pin-w{i}")),
            &deliver(Some(wrong)),
        )
        .await;
        assert_eq!(r.error_fields(), ["handover_pin"]);
        let left = format!("({} tries left)", 4 - i);
        assert!(
            r.body["errors"][0]["message"]
                .as_str()
                .unwrap()
                .contains(&left),
            "{}",
            r.body
        );
        if i == 0 {
            // A flaky network retries the same request: the typo is not counted twice.
            let again = attempt(app, &driver, &id, Some("pin-w0"), &deliver(Some(wrong))).await;
            again.assert_problem(422, "validation");
            assert_eq!(again.body, r.body);
        }
    }
    let r = attempt(
        app,
        &driver,
        &id,
        Some("pin-right-after-lock"),
        &deliver(Some(&pin)),
    )
    .await;
    assert!(
        r.body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("locked"),
        "{}",
        r.body
    );
    assert!(app.get(&format!("/v1/track/{token}"), None).await.body["handover_pin"].is_null());
    // The courier resets it; the customer reads the new one to the driver.
    let reset = format!("/v1/shipments/{id}/handover-pin/reset");
    app.post(&reset, Some(&driver), json!({}))
        .await
        .assert_problem(403, "forbidden");
    assert_eq!(
        app.post(&reset, Some(&w.courier_admin), json!({}))
            .await
            .status,
        204
    );
    let new_pin = app.get(&format!("/v1/track/{token}"), None).await.body["handover_pin"]
        .as_str()
        .unwrap()
        .to_owned();
    let r = attempt(
        app,
        &driver,
        &id,
        Some("pin-after-reset"),
        &deliver(Some(&new_pin)),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(r.body["pin_verified"], true);

    let (id2, token2, driver2) = out_for_delivery(&w, "PIN-2", None).await;
    let pin2 = app.get(&format!("/v1/track/{token2}"), None).await.body["handover_pin"]
        .as_str()
        .unwrap()
        .to_owned();
    let r = attempt(app, &driver2, &id2, Some("pin-ok"), &deliver(Some(&pin2))).await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(r.body["pin_verified"], true);
    assert_eq!(r.body["verified"], true);
}

#[tokio::test]
async fn attempt_input_times_and_retries() {
    let w = world().await;
    let app = &w.app;
    let (id, _, driver) = out_for_delivery(&w, "TIME-1", None).await;
    let now = Utc::now();
    let at = |t: DateTime<Utc>| json!({"outcome": "failed", "failure_reason": "no_access", "gps": gps_at(HOME, t), "occurred_at": t});
    let r = attempt(
        app,
        &driver,
        &id,
        Some("t-future"),
        &at(now + Duration::minutes(10)),
    )
    .await;
    assert_eq!(r.error_fields(), ["occurred_at"]);
    let r = attempt(
        app,
        &driver,
        &id,
        Some("t-old"),
        &at(now - Duration::hours(73)),
    )
    .await;
    assert_eq!(r.error_fields(), ["occurred_at"]);
    let r = attempt(
        app,
        &driver,
        &id,
        Some("t-both"),
        &json!({"outcome": "delivered", "failure_reason": "refused", "occurred_at": now}),
    )
    .await;
    assert_eq!(r.error_fields(), ["placement", "failure_reason"]);
    app.post(
        &format!("/v1/shipments/{id}/attempts"),
        Some(&w.courier_admin),
        at(now),
    )
    .await
    .assert_problem(422, "validation");

    // Two concurrent identical requests (a flaky network) create one attempt.
    held_since(app, &id, Duration::hours(31)).await;
    let body = at(now - Duration::hours(30));
    let (a, b) = tokio::join!(
        attempt(app, &driver, &id, Some("dup"), &body),
        attempt(app, &driver, &id, Some("dup"), &body)
    );
    assert!(
        a.status.is_success() && b.status.is_success(),
        "{} {}",
        a.body,
        b.body
    );
    assert_eq!(a.body["id"], b.body["id"]);
    let all = app
        .get(&format!("/v1/shipments/{id}/attempts"), Some(&w.shop_key))
        .await;
    assert_eq!(all.body["items"].as_array().unwrap().len(), 1);
    assert_eq!(
        flags(&all.body["items"][0]),
        ["early_without_consent"],
        "30 h ago was before the window"
    );

    // A re-attempt after a failure restarts the round; attempts are ordered by device time.
    let r = attempt(
        app,
        &driver,
        &id,
        Some("again"),
        &json!({"outcome": "delivered", "placement": "handed_to_recipient",
        "gps": gps_at(HOME, now), "occurred_at": now}),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let all = app
        .get(
            &format!("/v1/shipments/{id}/attempts"),
            Some(&w.courier_admin),
        )
        .await;
    assert_eq!(all.body["items"].as_array().unwrap().len(), 2);
    assert_eq!(all.body["items"][1]["outcome"], "delivered");
    let r = attempt(app, &driver, &id, Some("after-final"), &at(now)).await;
    r.assert_problem(409, "invalid-transition");
    assert_eq!(r.body["current_status"], "delivered");
}

/// Retention erases the driver's coordinates with the contact data; the verdict stays.
#[tokio::test]
async fn retention_erases_driver_positions_but_keeps_the_verdict() {
    use diesel::prelude::*;
    use doorstep::db::schema::shipments;
    let w = world().await;
    let app = &w.app;
    let (id, _, driver) = out_for_delivery(&w, "RET-1", None).await;
    let now = Utc::now();
    let r = attempt(
        app,
        &driver,
        &id,
        Some("ret"),
        &json!({"outcome": "delivered", "placement": "front_door", "recipient_name": "Camille",
        "intercom_note": "MARTIN", "gps": gps_at(north(400.0), now), "occurred_at": now}),
    )
    .await;
    let a = r.body["id"].as_str().unwrap().to_owned();
    let photo = upload(
        app,
        &driver,
        &a,
        "placement",
        jpeg(640, 480, Some((now, north(10.0)))),
        "image/jpeg",
    )
    .await;
    let photo_id = photo.body["id"].as_str().unwrap().to_owned();
    {
        let mut c = app.db.get_write().unwrap();
        diesel::update(shipments::table.find(&id))
            .set(shipments::contact_erase_after.eq(Utc::now().naive_utc() - Duration::seconds(1)))
            .execute(&mut *c)
            .unwrap();
    }
    assert_eq!(
        doorstep::contacts::purge::purge_due(&app.db, &app.settings().clock).unwrap(),
        1
    );
    let v = app
        .get(&format!("/v1/attempts/{a}"), Some(&w.shop_key))
        .await;
    assert!(v.body["gps"].is_null(), "{}", v.body);
    assert_eq!(v.body["distance_m"], 400.0);
    assert_eq!(flags(&v.body), ["far_from_address"]);
    assert!(v.body["recipient_name"].is_null() && v.body["intercom_note"].is_null());
    let served = app
        .client
        .get(format!("{}/v1/photos/{photo_id}", app.base))
        .bearer_auth(&w.shop_key)
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert_eq!(
        doorstep::attempts::picture::exif_facts(&served).1,
        None,
        "no EXIF position after retention"
    );
    let late = upload(
        app,
        &driver,
        &a,
        "placement",
        jpeg(640, 480, None),
        "image/jpeg",
    )
    .await;
    late.assert_problem(409, "conflict");
}

#[tokio::test]
async fn a_failed_parcel_can_be_returned_by_the_courier() {
    let w = world().await;
    let app = &w.app;
    let (id, _, driver) = out_for_delivery(&w, "RETURN-1", None).await;
    let now = Utc::now();
    let body = json!({"outcome": "failed", "failure_reason": "refused", "gps": gps_at(HOME, now), "occurred_at": now});
    assert_eq!(
        attempt(app, &driver, &id, Some("ret-1"), &body)
            .await
            .status,
        201
    );
    let path = format!("/v1/shipments/{id}/return");
    let note = json!({"note": "refused at the door"});
    app.post(&path, Some(&w.shop_key), note.clone())
        .await
        .assert_problem(403, "forbidden");
    app.post(&path, Some(&driver), note.clone())
        .await
        .assert_problem(403, "forbidden");
    let r = app.post(&path, Some(&w.courier_admin), note).await;
    assert_eq!(r.body["status"], "returned", "{}", r.body);
    assert!(r.body["holder"].is_null());
}
