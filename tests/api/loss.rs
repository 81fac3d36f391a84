//! Losses between parties: a hand-off never accepted is declared lost by its giver (or the
//! marketplace, turning a custody gap into a loss); the shipment records where the chain broke,
//! the customer's link says it in plain words, and the giver's KPIs count it, not the receiver's.

use chrono::{DateTime, Duration, Utc};
use serde_json::{Value, json};

use crate::fixtures::*;
use crate::helpers::{Reply, TestApp};

fn kpi<'a>(report: &'a Value, name: &str) -> &'a Value {
    report["overall"]["kpis"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["kpi"] == name)
        .unwrap()
}

fn parts(report: &Value, name: &str) -> (Option<i64>, Option<i64>) {
    let k = kpi(report, name);
    (k["numerator"].as_i64(), k["denominator"].as_i64())
}

async fn lost(app: &TestApp, id: &str, who: &str, note: &str) -> Reply {
    app.post(
        &format!("/v1/shipments/{id}/lost"),
        Some(who),
        json!({ "note": note }),
    )
    .await
}

async fn page_html(app: &TestApp, token: &str) -> String {
    let r = app
        .client
        .get(format!("{}/t/{token}?lang=en", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    r.text().await.unwrap()
}

/// The page's time format (the same helper the page uses today).
fn shown(t: &Value) -> String {
    t.as_str()
        .unwrap()
        .parse::<DateTime<Utc>>()
        .unwrap()
        .format("%a %-d %b, %H:%M (UTC)")
        .to_string()
}

async fn create(w: &World, reference: &str) -> (String, String) {
    let mut s = tv(w);
    s["reference"] = json!(reference);
    let r = w.app.post("/v1/shipments", Some(&w.shop_key), s).await;
    assert_eq!(r.status, 201, "{}", r.body);
    (
        r.body["id"].as_str().unwrap().to_owned(),
        r.body["tracking"]["token"].as_str().unwrap().to_owned(),
    )
}

#[tokio::test]
async fn a_hand_off_never_accepted_is_lost_by_its_giver_and_counts_against_it() {
    let w = world().await;
    let app = &w.app;
    let (id, token) = create(&w, "LOST-1").await;
    let h = handoff(app, &id, &w.shop_key, json!({"to": "supplier"})).await;
    accept(app, &id, &h, &w.supplier_admin, "intact").await;
    let h = handoff(app, &id, &w.supplier_admin, json!({"to": "courier"})).await;

    // The link: waiting for the courier by name, since when; the courier is not yet the carrier.
    let t = app.get(&format!("/v1/track/{token}"), None).await;
    assert_eq!(t.status, 200, "{}", t.body);
    assert_eq!(t.body["handover"]["to"], "courier", "{}", t.body);
    assert_eq!(t.body["handover"]["to_name"], "speedy inc");
    assert_eq!(t.body["handover"]["custody_gap"], false);
    assert!(t.body["courier_name"].is_null(), "not before it accepted");
    assert_eq!(t.body["last_confirmed"]["with_name"], "acme inc");
    let requested = t.body["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .rev()
        .find(|e| e["kind"] == "handoff.requested")
        .unwrap();
    assert_eq!(requested["detail"]["to_name"], "speedy inc");
    let html = page_html(app, &token).await;
    let since = shown(&t.body["handover"]["requested_at"]);
    assert!(
        html.contains(&format!(
            "Waiting for speedy inc to confirm they have it (since {since})."
        )),
        "{html}"
    );
    assert!(html.contains("Hand-over to speedy inc announced"), "{html}");
    assert!(!html.contains("Carrier:"), "{html}");

    // The receiver never had it: it may not declare it lost; outsiders do not see it.
    lost(app, &id, &w.courier_admin, "never saw it")
        .await
        .assert_problem(403, "forbidden");
    lost(app, &id, &w.other_courier_admin, "?")
        .await
        .assert_problem(404, "not-found");

    // The giver declares it lost: the shipment records where the chain broke.
    let r = lost(app, &id, &w.supplier_admin, "courier never scanned it").await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["status"], "lost");
    let loss = &r.body["loss"];
    assert_eq!(loss["charged_to_org_id"], w.supplier.as_str(), "{loss}");
    assert_eq!(loss["declared_by_org_id"], w.supplier.as_str());
    assert_eq!(loss["last_confirmed"]["org_id"], w.supplier.as_str());
    assert_eq!(loss["last_confirmed"]["holder"], "supplier");
    let b = &loss["in_transit"];
    assert_eq!(b["handoff_id"], h.as_str());
    assert_eq!(b["from_org_id"], w.supplier.as_str());
    assert_eq!(b["to"], "courier");
    assert_eq!(b["to_org_id"], w.courier.as_str());
    assert_eq!(b["requested_at"], t.body["handover"]["requested_at"]);
    assert_eq!(b["custody_gap"], false);

    // The marketplace sees the break in one field; the hand-off is closed; the event carries it.
    let s = app
        .get(&format!("/v1/shipments/{id}"), Some(&w.shop_key))
        .await;
    assert_eq!(&s.body["loss"], loss, "{}", s.body);
    assert!(s.body["pending_handoff"].is_null());
    let hs = app
        .get(&format!("/v1/shipments/{id}/handoffs"), Some(&w.shop_key))
        .await;
    let closed = hs.body["items"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(closed["id"], h.as_str());
    assert_ne!(closed["status"], "pending");
    assert_ne!(closed["status"], "accepted");
    let ev = app
        .get(&format!("/v1/shipments/{id}/events"), Some(&w.shop_key))
        .await;
    let last = ev.body["items"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["kind"], "shipment.lost");
    assert_eq!(&last["data"]["loss"], loss);

    // The link and the page say lost, with where it was last confirmed.
    let t = app.get(&format!("/v1/track/{token}"), None).await;
    assert_eq!(t.body["status"], "lost");
    assert!(t.body["handover"].is_null(), "nothing waits any more");
    assert_eq!(t.body["loss"]["last_confirmed"]["with_name"], "acme inc");
    assert_eq!(
        t.body["loss"]["never_accepted"]["to_name"], "speedy inc",
        "{}",
        t.body
    );
    let html = page_html(app, &token).await;
    assert!(html.contains("Your parcel was reported lost"), "{html}");
    let confirmed = shown(&t.body["loss"]["last_confirmed"]["at"]);
    assert!(
        html.contains(&format!("Last confirmed with acme inc on {confirmed}.")),
        "{html}"
    );
    assert!(
        html.contains("It went missing between acme inc and speedy inc"),
        "{html}"
    );

    // The giver's KPIs count it (lost rate, and a hand-over to the courier that failed); the
    // receiver's do not; the marketplace's network counts it once.
    let q = "/v1/kpis?granularity=day";
    let sup = app.get(q, Some(&w.supplier_admin)).await;
    assert_eq!(sup.status, 200, "{}", sup.body);
    assert_eq!(parts(&sup.body, "lost_rate"), (Some(1), Some(1)));
    assert_eq!(
        parts(&sup.body, "handover_on_time_rate"),
        (Some(0), Some(1))
    );
    let cou = app.get(q, Some(&w.courier_admin)).await;
    assert_eq!(
        parts(&cou.body, "lost_rate"),
        (Some(0), Some(0)),
        "{}",
        cou.body
    );
    let shop = app.get(q, Some(&w.shop_key)).await;
    assert_eq!(parts(&shop.body, "lost_rate"), (Some(1), Some(1)));

    // Final: nothing more to declare.
    lost(app, &id, &w.supplier_admin, "again")
        .await
        .assert_problem(409, "invalid-transition");
}

#[tokio::test]
async fn the_marketplace_turns_a_custody_gap_into_a_loss() {
    let w = world().await;
    let app = &w.app;
    let (id, token) = create(&w, "GAP-1").await;
    let h = handoff(app, &id, &w.shop_key, json!({"to": "courier"})).await;
    {
        use diesel::prelude::*;
        use doorstep::db::schema::handoffs;
        let mut c = app.db.get_write().unwrap();
        diesel::update(handoffs::table.find(&h))
            .set(handoffs::due_at.eq(Utc::now().naive_utc() - Duration::minutes(1)))
            .execute(&mut *c)
            .unwrap();
    }
    // The server reports the gap (`custody.gap`) on its next pass.
    let mut reported = false;
    for _ in 0..200 {
        let ev = app
            .get(&format!("/v1/shipments/{id}/events"), Some(&w.shop_key))
            .await;
        if ev.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["kind"] == "custody.gap")
        {
            reported = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(reported, "the custody gap was reported");

    // The customer reads it in plain words.
    let t = app.get(&format!("/v1/track/{token}"), None).await;
    assert_eq!(t.body["handover"]["custody_gap"], true, "{}", t.body);
    assert_eq!(t.body["last_confirmed"]["with_name"], "shop inc");
    let html = page_html(app, &token).await;
    assert!(
        html.contains("speedy inc has still not confirmed they have it"),
        "{html}"
    );
    assert!(html.contains("Last confirmed with shop inc on"), "{html}");

    // The marketplace turns the gap into a loss: its own (it held custody), not the courier's.
    lost(app, &id, &w.courier_admin, "not ours")
        .await
        .assert_problem(403, "forbidden");
    let r = lost(app, &id, &w.shop_key, "the courier never collected it").await;
    assert_eq!(r.status, 200, "{}", r.body);
    let loss = &r.body["loss"];
    assert_eq!(loss["in_transit"]["custody_gap"], true, "{loss}");
    assert_eq!(loss["in_transit"]["handoff_id"], h.as_str());
    assert_eq!(loss["charged_to_org_id"], w.shop.as_str());
    assert_eq!(loss["last_confirmed"]["holder"], "marketplace");
    let t = app.get(&format!("/v1/track/{token}"), None).await;
    assert_eq!(t.body["loss"]["never_accepted"]["custody_gap"], true);
    assert_eq!(t.body["loss"]["last_confirmed"]["with_name"], "shop inc");

    let q = "/v1/kpis?granularity=day";
    let cou = app.get(q, Some(&w.courier_admin)).await;
    assert_eq!(
        parts(&cou.body, "lost_rate"),
        (Some(0), Some(0)),
        "{}",
        cou.body
    );
    assert_eq!(
        parts(&cou.body, "custody_gap_rate"),
        (Some(1), Some(1)),
        "the gap stays the receiver's"
    );
    let shop = app.get(q, Some(&w.shop_key)).await;
    assert_eq!(parts(&shop.body, "lost_rate"), (Some(1), Some(1)));

    // The counters kept through the door are the ones recomputed from the tables.
    app.stop().await;
    let mut conn = app.db.get_write().unwrap();
    let report = doorstep::kpis::store::rebuild(&mut conn, 10).unwrap();
    assert_eq!(report.rows_differing, 0, "{report:?}");
}

#[tokio::test]
async fn who_may_not_declare_a_loss() {
    let w = world().await;
    let app = &w.app;
    let (id, _) = create(&w, "LOST-2").await;
    let h = handoff(app, &id, &w.shop_key, json!({"to": "supplier"})).await;
    lost(app, &id, &w.supplier_admin, "?")
        .await
        .assert_problem(403, "forbidden");
    accept(app, &id, &h, &w.supplier_admin, "intact").await;

    // Held by the supplier, nothing in transit: no loss to declare at this stage.
    for who in [&w.supplier_admin, &w.shop_key, &w.courier_admin] {
        let r = lost(app, &id, who, "?").await;
        r.assert_problem(409, "invalid-transition");
        assert_eq!(r.body["current_status"], "at_supplier");
        assert_eq!(r.body["allowed_next"], json!(["with_courier", "cancelled"]));
    }

    // With the courier: the marketplace is not the holder.
    let h = handoff(app, &id, &w.supplier_admin, json!({"to": "courier"})).await;
    accept(app, &id, &h, &w.courier_admin, "intact").await;
    lost(app, &id, &w.shop_key, "?")
        .await
        .assert_problem(403, "forbidden");
    lost(app, &id, &w.supplier_admin, "?")
        .await
        .assert_problem(403, "forbidden");

    // Handed to a driver who has not accepted it: not theirs to see, let alone declare.
    let d = driver(&w, &w.courier_admin, "pending@speedy.test").await;
    let h = handoff(
        app,
        &id,
        &w.courier_admin,
        json!({"to": "driver", "driver_id": d.id}),
    )
    .await;
    lost(app, &id, &d.token, "?")
        .await
        .assert_problem(404, "not-found");

    // The courier, giver of that hand-off, may: the courier's loss, the break recorded.
    let r = lost(app, &id, &w.courier_admin, "van stolen").await;
    assert_eq!(r.status, 200, "{}", r.body);
    let b = &r.body["loss"]["in_transit"];
    assert_eq!(b["handoff_id"], h.as_str(), "{}", r.body);
    assert_eq!(b["to"], "driver");
    assert_eq!(b["to_driver_id"], d.id.as_str());
    assert_eq!(r.body["loss"]["charged_to_org_id"], w.courier.as_str());
    let cou = app
        .get("/v1/kpis?granularity=day", Some(&w.courier_admin))
        .await;
    assert_eq!(parts(&cou.body, "lost_rate"), (Some(1), Some(1)));
    let sup = app
        .get("/v1/kpis?granularity=day", Some(&w.supplier_admin))
        .await;
    assert_eq!(parts(&sup.body, "lost_rate"), (Some(0), Some(0)));
}
