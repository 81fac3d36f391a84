//! Chain of custody, the customer's link, contact data down the chain, retention.

use chrono::{Duration, Utc};
use diesel::prelude::*;
use doorstep::db::schema::{handoffs, shipments};
use reqwest::Method;
use serde_json::{Value, json};

use crate::fixtures::*;
use crate::helpers::{Reply, TestApp};

async fn create(w: &World) -> (String, String) {
    let r = w.app.post("/v1/shipments", Some(&w.shop_key), tv(w)).await;
    assert_eq!(r.status, 201, "{}", r.body);
    (
        r.body["id"].as_str().unwrap().to_owned(),
        r.body["tracking"]["token"].as_str().unwrap().to_owned(),
    )
}

async fn hand(app: &TestApp, token: &str, id: &str, body: Value) -> String {
    let r = app
        .post(&format!("/v1/shipments/{id}/handoffs"), Some(token), body)
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    r.body["id"].as_str().unwrap().to_owned()
}

async fn accept(app: &TestApp, token: &str, id: &str, hid: &str) -> Reply {
    app.post(
        &format!("/v1/shipments/{id}/handoffs/{hid}/accept"),
        Some(token),
        json!({"condition": "intact"}),
    )
    .await
}

/// Drivers `dina` (assigned later) and `otto` in the courier, `olga` in the other courier.
async fn drivers(w: &World) -> (String, String, String, String) {
    let app = &w.app;
    let dina_id = app
        .user(&w.courier_admin, "dina@speedy.test", "driver")
        .await;
    app.user(&w.courier_admin, "otto@speedy.test", "driver")
        .await;
    app.user(&w.other_courier_admin, "olga@slowpoke.test", "driver")
        .await;
    (
        dina_id,
        app.token("dina@speedy.test").await,
        app.token("otto@speedy.test").await,
        app.token("olga@slowpoke.test").await,
    )
}

/// The TV story of DESIGN §0, replayed: the phone number reaches the driver, the customer
/// fixes it, the driver sees the new one, and the marketplace sees who read it.
#[tokio::test]
async fn the_tv_story() {
    let w = world().await;
    let app = &w.app;
    let (id, token) = create(&w).await;
    let (dina_id, dina, _, _) = drivers(&w).await;

    let h = hand(
        app,
        &w.shop_key,
        &id,
        json!({"to": "supplier", "note": "order picked"}),
    )
    .await;
    let r = accept(app, &w.supplier_admin, &id, &h).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["status"], "at_supplier");
    let h = hand(
        app,
        &w.supplier_admin,
        &id,
        json!({"to": "courier", "location": {"lat": 48.9, "lon": 2.4}}),
    )
    .await;
    assert_eq!(
        accept(app, &w.courier_admin, &id, &h).await.body["status"],
        "with_courier"
    );
    let h = hand(
        app,
        &w.courier_admin,
        &id,
        json!({"to": "driver", "driver_id": dina_id}),
    )
    .await;
    let r = accept(app, &dina, &id, &h).await;
    assert_eq!(r.body["driver_id"], dina_id.as_str());
    assert!(
        r.body["recipient"].is_null(),
        "the driver sees no contact data in the hand-off answer"
    );
    let r = app
        .post(
            &format!("/v1/shipments/{id}/out-for-delivery"),
            Some(&dina),
            json!({}),
        )
        .await;
    assert_eq!(r.body["status"], "out_for_delivery", "{}", r.body);

    let route = app.get("/v1/driver/route", Some(&dina)).await;
    assert_eq!(route.status, 200, "{}", route.body);
    assert_eq!(route.body["items"][0]["id"], id.as_str());
    assert!(route.body["next_cursor"].is_null(), "the route is one page");
    assert_eq!(route.body["items"][0]["recipient"]["phone"], "+33612345678");
    assert_eq!(
        route.body["items"][0]["recipient"]["access_notes"],
        "Intercom: MARTIN, 3rd floor"
    );

    // The customer fixes the number through the link; the driver sees it at once.
    let r = app
        .request(
            Method::PATCH,
            &format!("/v1/track/{token}/contact"),
            None,
            Some(json!({"phone": "06 98 76 54 32"})),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["recipient"]["phone"], "+33698765432");
    let route = app.get("/v1/driver/route", Some(&dina)).await;
    assert_eq!(route.body["items"][0]["recipient"]["phone"], "+33698765432");

    // The marketplace sees who read the number.
    let log = app
        .get(
            &format!("/v1/shipments/{id}/contact-access-log"),
            Some(&w.shop_key),
        )
        .await;
    assert_eq!(log.status, 200, "{}", log.body);
    let entries = log.body["items"].as_array().unwrap();
    assert_eq!(entries.len(), 2);
    assert!(
        entries
            .iter()
            .all(|e| e["actor_id"] == dina_id.as_str() && e["route"] == "GET /v1/driver/route")
    );
    assert!(
        entries[0]["fields"]
            .as_array()
            .unwrap()
            .contains(&json!("phone"))
    );
    app.get(
        &format!("/v1/shipments/{id}/contact-access-log"),
        Some(&w.courier_admin),
    )
    .await
    .assert_problem(404, "not-found");

    // The customer's view: courier and driver named, the timeline in order, no staff ids.
    let t = app.get(&format!("/v1/track/{token}"), None).await;
    assert_eq!(t.status, 200, "{}", t.body);
    assert_eq!(t.body["status"], "out_for_delivery");
    assert_eq!(t.body["courier_name"], "speedy inc");
    assert_eq!(t.body["driver_first_name"], "Someone");
    assert_eq!(t.body["can_reschedule"], false);
    let kinds: Vec<&str> = t.body["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "shipment.created",
            "handoff.requested",
            "handoff.accepted",
            "handoff.requested",
            "handoff.accepted",
            "handoff.requested",
            "handoff.accepted",
            "shipment.out_for_delivery",
            "shipment.contact_updated"
        ]
    );
    assert!(
        !t.body.to_string().contains(&dina_id),
        "no staff ids on the customer's page"
    );
    assert!(
        !t.body.to_string().contains("order picked"),
        "no internal notes"
    );

    // The full timeline for parties, with actors.
    let ev = app
        .get(&format!("/v1/shipments/{id}/events"), Some(&w.shop_key))
        .await;
    let items = ev.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 9);
    assert_eq!(items[2]["data"]["to_status"], "at_supplier");
    assert_eq!(items[2]["actor_org_id"], w.supplier.as_str());
    assert_eq!(items[8]["actor_kind"], "customer");
    assert_eq!(items[8]["data"]["fields"], json!(["phone"]));
    assert!(
        !ev.body.to_string().contains("+3369876"),
        "events never carry contact values"
    );
    let r = app
        .post(
            &format!("/v1/track/{token}/reschedule"),
            None,
            json!({"window": {"start": "2030-01-01T08:00:00Z", "end": "2030-01-01T12:00:00Z"}}),
        )
        .await;
    r.assert_problem(409, "conflict");
}

#[tokio::test]
async fn custody_rules_are_enforced() {
    let w = world().await;
    let app = &w.app;
    let (id, _) = create(&w).await;
    let (dina_id, dina, otto, _) = drivers(&w).await;
    let olga_id = app
        .get("/v1/users", Some(&w.other_courier_admin))
        .await
        .body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["role"] == "driver")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let path = format!("/v1/shipments/{id}/handoffs");

    // Only the holder hands off, and only down the chain.
    app.post(
        &path,
        Some(&w.courier_admin),
        json!({"to": "driver", "driver_id": dina_id}),
    )
    .await
    .assert_problem(403, "forbidden");
    app.post(&path, Some(&w.supplier_admin), json!({"to": "courier"}))
        .await
        .assert_problem(403, "forbidden");
    let r = app
        .post(
            &path,
            Some(&w.shop_key),
            json!({"to": "driver", "driver_id": dina_id}),
        )
        .await;
    r.assert_problem(403, "forbidden");
    let r = app
        .post(
            &path,
            Some(&w.shop_key),
            json!({"to": "courier", "driver_id": dina_id}),
        )
        .await;
    assert_eq!(r.error_fields(), ["driver_id"]);
    let h = hand(app, &w.shop_key, &id, json!({"to": "courier"})).await;
    app.post(&path, Some(&w.shop_key), json!({"to": "supplier"}))
        .await
        .assert_problem(409, "conflict");

    // Only the receiver answers; damage needs a note; an answer is final.
    accept(app, &w.supplier_admin, &id, &h)
        .await
        .assert_problem(404, "not-found");
    accept(app, &dina, &id, &h)
        .await
        .assert_problem(404, "not-found");
    let r = app
        .post(
            &format!("{path}/{h}/accept"),
            Some(&w.courier_admin),
            json!({"condition": "damaged"}),
        )
        .await;
    assert_eq!(r.error_fields(), ["note"]);
    let r = app
        .post(
            &format!("{path}/{h}/accept"),
            Some(&w.courier_admin),
            json!({"condition": "damaged", "note": "corner crushed"}),
        )
        .await;
    assert_eq!(r.body["status"], "with_courier");
    accept(app, &w.courier_admin, &id, &h)
        .await
        .assert_problem(409, "conflict");
    let list = app.get(&path, Some(&w.shop_key)).await;
    assert_eq!(list.body["items"][0]["condition"], "damaged");
    assert_eq!(list.body["items"][0]["status"], "accepted");

    // Drivers: only active drivers of this courier; a rejection leaves custody where it was.
    let r = app
        .post(
            &path,
            Some(&w.courier_admin),
            json!({"to": "driver", "driver_id": olga_id}),
        )
        .await;
    assert_eq!(r.error_fields(), ["driver_id"]);
    let h = hand(
        app,
        &w.courier_admin,
        &id,
        json!({"to": "driver", "driver_id": dina_id}),
    )
    .await;
    accept(app, &otto, &id, &h)
        .await
        .assert_problem(404, "not-found");
    let r = app
        .post(
            &format!("{path}/{h}/reject"),
            Some(&dina),
            json!({"reason": "van full"}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["status"], "rejected");
    let s = app
        .get(&format!("/v1/shipments/{id}"), Some(&w.shop_key))
        .await;
    assert!(s.body["driver_id"].is_null());
    app.post(
        &format!("/v1/shipments/{id}/out-for-delivery"),
        Some(&dina),
        json!({}),
    )
    .await
    .assert_problem(404, "not-found");

    // Invalid transitions are 409s naming the current state and the allowed next ones.
    let r = app
        .post(
            &format!("/v1/shipments/{id}/cancel"),
            Some(&w.courier_admin),
            json!({"note": "x"}),
        )
        .await;
    r.assert_problem(403, "forbidden");
    let r = app
        .post(
            &format!("/v1/shipments/{id}/lost"),
            Some(&w.courier_admin),
            json!({"note": "not found at depot"}),
        )
        .await;
    assert_eq!(r.body["status"], "lost", "{}", r.body);
    let r = app
        .post(
            &format!("/v1/shipments/{id}/cancel"),
            Some(&w.shop_key),
            json!({"note": "too late"}),
        )
        .await;
    r.assert_problem(409, "invalid-transition");
    assert_eq!(r.body["current_status"], "lost");
    assert_eq!(r.body["allowed_next"], json!([]));
    let r = app
        .post(
            &format!("/v1/shipments/{id}/cancel"),
            Some(&w.shop_key),
            json!({}),
        )
        .await;
    assert_eq!(r.error_fields(), ["note"]);

    let (id2, _) = create_ref(&w, "TV-2").await;
    let r = app
        .post(
            &format!("/v1/shipments/{id2}/lost"),
            Some(&w.courier_admin),
            json!({"note": "?"}),
        )
        .await;
    r.assert_problem(409, "invalid-transition");
    assert_eq!(r.body["current_status"], "created");
    assert_eq!(
        r.body["allowed_next"],
        json!(["at_supplier", "with_courier", "cancelled"])
    );
    let h = hand(app, &w.shop_key, &id2, json!({"to": "supplier"})).await;
    let r = app
        .post(
            &format!("/v1/shipments/{id2}/cancel"),
            Some(&w.shop_key),
            json!({"note": "customer cancelled"}),
        )
        .await;
    assert_eq!(r.body["status"], "cancelled");
    let r = accept(app, &w.supplier_admin, &id2, &h).await;
    r.assert_problem(409, "conflict");
}

async fn create_ref(w: &World, reference: &str) -> (String, String) {
    let mut body = tv(w);
    body["reference"] = json!(reference);
    let r = w.app.post("/v1/shipments", Some(&w.shop_key), body).await;
    assert_eq!(r.status, 201, "{}", r.body);
    (
        r.body["id"].as_str().unwrap().to_owned(),
        r.body["tracking"]["token"].as_str().unwrap().to_owned(),
    )
}

#[tokio::test]
async fn unaccepted_handoffs_become_custody_gaps() {
    let w = world().await;
    let app = &w.app;
    let (id, _) = create(&w).await;
    let h = hand(app, &w.shop_key, &id, json!({"to": "courier"})).await;
    assert!(
        app.get("/v1/custody-gaps", Some(&w.shop_key)).await.body["items"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let due: chrono::NaiveDateTime = {
        let mut c = app.db.get_write().unwrap();
        handoffs::table
            .find(&h)
            .select(handoffs::due_at)
            .first(&mut *c)
            .unwrap()
    };
    let hours = (due - Utc::now().naive_utc()).num_minutes();
    assert!(
        (23 * 60..=24 * 60).contains(&hours),
        "default 24 h: {hours} min"
    );
    {
        let mut c = app.db.get_write().unwrap();
        diesel::update(handoffs::table.find(&h))
            .set(handoffs::due_at.eq(Utc::now().naive_utc() - Duration::minutes(1)))
            .execute(&mut *c)
            .unwrap();
    }
    for token in [&w.shop_key, &w.courier_admin] {
        let gaps = app.get("/v1/custody-gaps", Some(token)).await;
        assert_eq!(
            gaps.body["items"].as_array().unwrap().len(),
            1,
            "{}",
            gaps.body
        );
        assert_eq!(gaps.body["items"][0]["id"], h.as_str());
        assert_eq!(gaps.body["items"][0]["custody_gap"], true);
    }
    assert!(
        app.get("/v1/custody-gaps", Some(&w.other_courier_admin))
            .await
            .body["items"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        app.get(&format!("/v1/shipments/{id}/handoffs"), Some(&w.shop_key))
            .await
            .body["items"][0]["custody_gap"],
        true
    );
    let s = app
        .get(&format!("/v1/shipments/{id}"), Some(&w.shop_key))
        .await;
    assert_eq!(s.body["holder"], "marketplace", "custody has not moved");
    assert_eq!(s.body["pending_handoff"]["custody_gap"], true);
    // Accepting late closes the gap.
    let r = accept(app, &w.courier_admin, &id, &h).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.body["holder"], "courier");
    assert!(
        app.get("/v1/custody-gaps", Some(&w.shop_key)).await.body["items"]
            .as_array()
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn contact_data_is_erased_after_retention() {
    let w = world().await;
    let app = &w.app;
    let (id, token) = create(&w).await;
    let (keep, _) = create_ref(&w, "TV-keep").await;
    let r = app
        .post(
            &format!("/v1/shipments/{id}/cancel"),
            Some(&w.shop_key),
            json!({"note": "out of stock"}),
        )
        .await;
    assert_eq!(r.status, 200);
    let after: Option<chrono::NaiveDateTime> = {
        let mut c = app.db.get_write().unwrap();
        shipments::table
            .find(&id)
            .select(shipments::contact_erase_after)
            .first(&mut *c)
            .unwrap()
    };
    let days = (after.unwrap() - Utc::now().naive_utc()).num_hours();
    assert!(
        (29 * 24..=30 * 24).contains(&days),
        "contract retention 30 days: {days} h"
    );
    assert_eq!(
        doorstep::contacts::purge::purge_due(&app.db, &app.settings().clock).unwrap(),
        0,
        "not yet due"
    );
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
    assert_eq!(
        doorstep::contacts::purge::purge_due(&app.db, &app.settings().clock).unwrap(),
        0,
        "once"
    );
    let s = app
        .get(&format!("/v1/shipments/{id}"), Some(&w.shop_key))
        .await;
    assert_eq!(s.body["contact_erased"], true);
    assert_eq!(s.body["recipient"], json!({}), "{}", s.body);
    assert_eq!(s.body["reference"], "TV-42", "facts stay");
    assert_eq!(s.body["country"], "FR");
    let t = app.get(&format!("/v1/track/{token}"), None).await;
    assert!(t.body["recipient"].is_null());
    let kinds: Vec<&str> = t.body["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds.last(), Some(&"contact.erased"));
    let kept = app
        .get(&format!("/v1/shipments/{keep}"), Some(&w.shop_key))
        .await;
    assert_eq!(
        kept.body["recipient"]["phone"], "+33612345678",
        "other shipments untouched"
    );
}

#[tokio::test]
async fn the_customer_link() {
    let w = world_with(|s| s.tracking.per_token_per_minute = 6).await;
    let app = &w.app;
    let (_, token) = create(&w).await;
    let t = app.get(&format!("/v1/track/{token}"), None).await;
    assert_eq!(t.status, 200);
    assert_eq!(t.body["recipient"]["phone"], "+33612345678");
    assert_eq!(t.body["marketplace_name"], "shop inc");
    assert_eq!(t.body["can_reschedule"], true);
    app.get("/v1/track/trk_wrong", None)
        .await
        .assert_problem(404, "not-found");
    app.get("/v1/track/garbage", None)
        .await
        .assert_problem(404, "not-found");

    let contact = format!("/v1/track/{token}/contact");
    let patch = |body: Value| app.request(Method::PATCH, &contact, None, Some(body));
    let r = patch(json!({"phone": "12"})).await;
    assert_eq!(r.error_fields(), ["phone"]);
    let r = patch(json!({"status": "delivered"})).await;
    assert_eq!(
        r.error_fields(),
        ["status"],
        "the customer cannot set the status"
    );
    let r = patch(json!({"access_notes": "Code 1234B", "preferences": {"safe_place_allowed": true, "safe_place": "behind the gate"}})).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["recipient"]["access_notes"], "Code 1234B");
    assert_eq!(r.body["preferences"]["safe_place"], "behind the gate");

    let start = Utc::now() + Duration::days(2);
    let r = app
        .post(
            &format!("/v1/track/{token}/reschedule"),
            None,
            json!({"window": {"start": start, "end": start - Duration::hours(1)}}),
        )
        .await;
    assert_eq!(r.error_fields(), ["window.end"]);
    let r = app
        .post(
            &format!("/v1/track/{token}/reschedule"),
            None,
            json!({"window": {"start": start, "end": start + Duration::hours(4)}}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["window"]["firm"], true);
    let r = app
        .post(&format!("/v1/track/{token}/early-consent"), None, json!({}))
        .await;
    assert_eq!(r.body["early_consent"], true);
    // 6 requests a minute per token (the 422 for an unknown field never reached the handler):
    // this one is the 7th.
    let r = app.get(&format!("/v1/track/{token}"), None).await;
    r.assert_problem(429, "too-many-requests");
    assert!(r.headers.contains_key("retry-after"));

    // Rotating the token kills the old link.
    let id = app.get("/v1/shipments", Some(&w.shop_key)).await.body["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let fresh = app
        .post(
            &format!("/v1/shipments/{id}/tracking-token"),
            Some(&w.shop_key),
            json!({}),
        )
        .await;
    let new_token = fresh.body["token"].as_str().unwrap();
    assert_eq!(
        app.get(&format!("/v1/track/{new_token}"), None)
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn idempotency_key_replays_the_stored_response() {
    let w = world().await;
    let app = &w.app;
    let send = |body: Value, key: &'static str| {
        app.client
            .post(format!("{}/v1/shipments", app.base))
            .bearer_auth(&w.shop_key)
            .header("Idempotency-Key", key)
            .json(&body)
            .send()
    };
    let first = TestApp::reply(send(tv(&w), "k-1").await.unwrap()).await;
    assert_eq!(first.status, 201);
    assert!(first.body["tracking"]["token"].is_string());
    let again = TestApp::reply(send(tv(&w), "k-1").await.unwrap()).await;
    assert_eq!(again.status, 201, "the stored response");
    assert_eq!(again.body["id"], first.body["id"]);
    assert!(
        again.body.get("tracking").is_none(),
        "the token is never stored"
    );
    let mut other = tv(&w);
    other["reference"] = json!("TV-other");
    let r = TestApp::reply(send(other, "k-1").await.unwrap()).await;
    r.assert_problem(422, "idempotency-key-reused");
    assert!(
        r.body["detail"]
            .as_str()
            .unwrap()
            .contains("already used with a different request body"),
        "{}",
        r.body
    );
    let list = app.get("/v1/shipments", Some(&w.shop_key)).await;
    assert_eq!(
        list.body["items"].as_array().unwrap().len(),
        1,
        "one shipment"
    );
}

/// Every shipment route, called by every party: the expected status (other parties' objects
/// are 404; tracking tokens are no bearer credential).
#[tokio::test]
async fn authorization_matrix() {
    let w = world().await;
    let app = &w.app;
    let (id, token) = create(&w).await;
    let (dina_id, dina, otto, olga) = drivers(&w).await;
    let h = hand(app, &w.shop_key, &id, json!({"to": "courier"})).await;
    accept(app, &w.courier_admin, &id, &h).await;
    let h = hand(
        app,
        &w.courier_admin,
        &id,
        json!({"to": "driver", "driver_id": dina_id}),
    )
    .await;
    accept(app, &dina, &id, &h).await;
    let other_shop = w.other_shop_admin.clone();
    let parties: Vec<(&str, &str)> = vec![
        ("owner", &w.shop_key),
        ("other marketplace", &other_shop),
        ("supplier", &w.supplier_admin),
        ("courier", &w.courier_admin),
        ("other courier", &w.other_courier_admin),
        ("assigned driver", &dina),
        ("other driver", &otto),
        ("other courier's driver", &olga),
        ("customer token as bearer", &token),
        ("wrong token", "trk_wrong"),
    ];
    let s = format!("/v1/shipments/{id}");
    // (method, path, body, expected per party in the order above)
    let cases: Vec<(Method, String, Option<Value>, [u16; 10])> = vec![
        (
            Method::GET,
            s.clone(),
            None,
            [200, 404, 200, 200, 404, 200, 404, 404, 401, 401],
        ),
        (
            Method::GET,
            format!("{s}/events"),
            None,
            [200, 404, 200, 200, 404, 200, 404, 404, 401, 401],
        ),
        (
            Method::GET,
            format!("{s}/handoffs"),
            None,
            [200, 404, 200, 200, 404, 200, 404, 404, 401, 401],
        ),
        (
            Method::GET,
            format!("{s}/contact-access-log"),
            None,
            [200, 404, 404, 404, 404, 404, 404, 404, 401, 401],
        ),
        (
            Method::POST,
            format!("{s}/handoffs"),
            Some(json!({"to": "supplier"})),
            [403, 404, 403, 403, 404, 403, 404, 404, 401, 401],
        ),
        (
            Method::POST,
            format!("{s}/out-for-delivery"),
            None,
            [403, 404, 403, 403, 404, 200, 404, 404, 401, 401],
        ),
        (
            Method::POST,
            format!("{s}/tracking-token"),
            Some(json!({})),
            [200, 404, 404, 404, 404, 404, 404, 404, 401, 401],
        ),
        (
            Method::POST,
            format!("{s}/cancel"),
            Some(json!({"note": "x"})),
            [200, 404, 403, 403, 404, 403, 404, 404, 401, 401],
        ),
    ];
    for (method, path, body, expected) in cases {
        // Mutations that succeed for the owner run last, so earlier parties see the same state.
        for ((who, bearer), want) in parties.iter().zip(expected).rev() {
            let r = app
                .request(method.clone(), &path, Some(bearer), body.clone())
                .await;
            assert_eq!(r.status.as_u16(), want, "{who} {method} {path}: {}", r.body);
            assert!(r.status.is_success() || r.content_type() == "application/problem+json");
        }
    }
    let t = app.get(&format!("/v1/track/{token}"), None).await;
    assert_eq!(t.status, 404, "the owner rotated the token above");
    assert_eq!(app.get("/v1/track/trk_wrong", None).await.status, 404);
    // Lists: each party sees only its own.
    for (who, bearer, n) in [
        ("owner", &w.shop_key, 1),
        ("other marketplace", &other_shop, 0),
        ("other driver", &otto, 0),
        ("driver", &dina, 1),
    ] {
        let r = app.get("/v1/shipments", Some(bearer)).await;
        assert_eq!(r.body["items"].as_array().unwrap().len(), n, "{who}");
    }
}

/// A POST with an `Idempotency-Key`, as the driver app sends every queued step.
async fn keyed(app: &TestApp, token: &str, path: &str, key: &str, body: Value) -> Reply {
    let req = app
        .client
        .post(format!("{}{path}", app.base))
        .bearer_auth(token)
        .header("Idempotency-Key", key)
        .json(&body);
    TestApp::reply(req.send().await.unwrap()).await
}

/// A phone that lost the answer sends the step again with its key: it gets the stored answer,
/// not a 409 and not a second record; the key with another body is refused.
#[tokio::test]
async fn a_drivers_retried_steps_with_their_keys_are_taken_once() {
    let w = world().await;
    let app = &w.app;
    let d = driver(&w, &w.courier_admin, "kim@speedy.test").await;
    let mut s = tv(&w);
    let (start, end) = now_window();
    s["window"] = json!({"start": start, "end": end, "firm": true});
    let r = app.post("/v1/shipments", Some(&w.shop_key), s).await;
    let id = r.body["id"].as_str().unwrap().to_owned();
    let h = handoff(app, &id, &w.shop_key, json!({"to": "courier"})).await;
    crate::fixtures::accept(app, &id, &h, &w.courier_admin, "intact").await;
    let h = handoff(
        app,
        &id,
        &w.courier_admin,
        json!({"to": "driver", "driver_id": d.id}),
    )
    .await;

    let path = format!("/v1/shipments/{id}/handoffs/{h}/accept");
    let body = json!({"condition": "intact"});
    let first = keyed(app, &d.token, &path, "phone-accept-1", body.clone()).await;
    assert_eq!(first.status, 200, "{}", first.body);
    let again = keyed(app, &d.token, &path, "phone-accept-1", body.clone()).await;
    assert_eq!(again.status, 200, "{}", again.body);
    assert_eq!(again.body, first.body, "the stored answer");
    let unkeyed = app.post(&path, Some(&d.token), body).await;
    assert_eq!(
        unkeyed.status, 409,
        "without a key, a second acceptance conflicts"
    );

    let path = format!("/v1/shipments/{id}/out-for-delivery");
    let first = keyed(app, &d.token, &path, "phone-out-1", json!({})).await;
    assert_eq!(first.status, 200, "{}", first.body);
    let again = keyed(app, &d.token, &path, "phone-out-1", json!({})).await;
    assert_eq!((again.status.as_u16(), &again.body), (200, &first.body));

    let path = format!("/v1/shipments/{id}/contact-attempts");
    let call = json!({"channel": "call", "outcome": "no_answer", "occurred_at": Utc::now()});
    let first = keyed(app, &d.token, &path, "phone-call-1", call.clone()).await;
    assert_eq!(first.status, 201, "{}", first.body);
    let again = keyed(app, &d.token, &path, "phone-call-1", call.clone()).await;
    assert_eq!(again.status, 201, "{}", again.body);
    assert_eq!(again.body["id"], first.body["id"]);
    let log = app.get(&path, Some(&d.token)).await;
    assert_eq!(
        log.body["items"].as_array().unwrap().len(),
        1,
        "{}",
        log.body
    );
    let mut other = call;
    other["outcome"] = json!("reached");
    keyed(app, &d.token, &path, "phone-call-1", other)
        .await
        .assert_problem(422, "idempotency-key-reused");

    // A photo whose answer was lost, sent again with its key: one photo.
    let attempt_id = fail(app, &d, &id, "phone-fail-1", Utc::now()).await;
    let photo = jpeg(64, 48, None);
    let send = |bytes: Vec<u8>| {
        app.client
            .post(format!(
                "{}/v1/attempts/{attempt_id}/photos?kind=door",
                app.base
            ))
            .bearer_auth(&d.token)
            .header("content-type", "image/jpeg")
            .header("Idempotency-Key", "phone-photo-1")
            .body(bytes)
            .send()
    };
    let first = TestApp::reply(send(photo.clone()).await.unwrap()).await;
    assert_eq!(first.status, 201, "{}", first.body);
    let again = TestApp::reply(send(photo).await.unwrap()).await;
    assert_eq!((again.status.as_u16(), &again.body), (201, &first.body));
    TestApp::reply(send(jpeg(48, 64, None)).await.unwrap())
        .await
        .assert_problem(422, "idempotency-key-reused");
    let attempt = app
        .get(&format!("/v1/attempts/{attempt_id}"), Some(&d.token))
        .await;
    assert_eq!(
        attempt.body["photos"].as_array().map(Vec::len),
        Some(1),
        "{}",
        attempt.body
    );
}
