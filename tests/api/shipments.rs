use diesel::prelude::*;
use doorstep::db::schema::{contact_access_log, shipments};
use serde_json::{Value, json};

use crate::fixtures::*;

#[tokio::test]
async fn contracts_are_made_by_marketplace_admins_with_partners() {
    let w = world().await;
    let app = &w.app;
    let r = app
        .post(
            "/v1/contracts",
            Some(&w.courier_admin),
            json!({"partner_id": w.supplier}),
        )
        .await;
    r.assert_problem(403, "forbidden");
    let r = app
        .post(
            "/v1/contracts",
            Some(&w.other_shop_admin),
            json!({"partner_id": w.shop}),
        )
        .await;
    r.assert_problem(422, "validation");
    assert_eq!(r.error_fields(), ["partner_id"]);
    let shop_admin = app.token("admin@shop.test").await;
    let r = app
        .post(
            "/v1/contracts",
            Some(&shop_admin),
            json!({"partner_id": w.courier}),
        )
        .await;
    r.assert_problem(409, "conflict");
    let r = app
        .post(
            "/v1/contracts",
            Some(&shop_admin),
            json!({"partner_id": w.other_courier, "geofence_radius_m": 5}),
        )
        .await;
    assert_eq!(r.error_fields(), ["geofence_radius_m"]);

    let list = app.get("/v1/contracts", Some(&w.courier_admin)).await;
    let items = list.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "the courier sees its own contract");
    assert_eq!(items[0]["geofence_radius_m"], 150);
    assert_eq!(items[0]["retention_days"], 30);
    let id = items[0]["id"].as_str().unwrap();
    assert_eq!(
        app.get(&format!("/v1/contracts/{id}"), Some(&shop_admin))
            .await
            .status,
        200
    );
    app.get(&format!("/v1/contracts/{id}"), Some(&w.other_courier_admin))
        .await
        .assert_problem(404, "not-found");

    // The marketplace changes terms and deactivates; the partner may not.
    let path = format!("/v1/contracts/{id}");
    let patch = |token: String, body: Value| {
        let path = path.clone();
        async move {
            app.request(reqwest::Method::PATCH, &path, Some(&token), Some(body))
                .await
        }
    };
    patch(w.courier_admin.clone(), json!({"active": false}))
        .await
        .assert_problem(403, "forbidden");
    patch(w.other_courier_admin.clone(), json!({"active": false}))
        .await
        .assert_problem(404, "not-found");
    let r = patch(shop_admin.clone(), json!({"retention_days": 0})).await;
    assert_eq!(r.error_fields(), ["retention_days"]);
    let r = patch(
        shop_admin.clone(),
        json!({"retention_days": 7, "active": false}),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["retention_days"], 7);
    assert_eq!(r.body["active"], false);
    assert_eq!(r.body["geofence_radius_m"], 150, "untouched");
    let r = app.post("/v1/shipments", Some(&w.shop_key), tv(&w)).await;
    assert_eq!(
        r.error_fields(),
        ["courier_id"],
        "no shipments to an inactive contract"
    );
}

#[tokio::test]
async fn creating_a_shipment_is_validated_and_idempotent() {
    let w = world().await;
    let app = &w.app;
    let r = app.post("/v1/shipments", Some(&w.shop_key), tv(&w)).await;
    assert_eq!(r.status, 201, "{}", r.body);
    let id = r.body["id"].as_str().unwrap().to_owned();
    assert!(id.starts_with("shp_"));
    assert_eq!(r.body["status"], "created");
    assert_eq!(
        r.body["next_statuses"],
        json!(["at_supplier", "with_courier", "cancelled"])
    );
    assert_eq!(r.body["recipient"]["phone"], "+33612345678", "E.164");
    assert_eq!(r.body["recipient"]["email"], "camille@example.fr");
    assert_eq!(r.body["window"]["firm"], true);
    let token = r.body["tracking"]["token"].as_str().unwrap();
    assert!(token.starts_with("trk_") && token.len() > 40);
    assert!(
        r.body["tracking"]["url"]
            .as_str()
            .unwrap()
            .ends_with(&format!("/t/{token}"))
    );
    let stored: String = {
        let mut c = app.db.get_write().unwrap();
        shipments::table
            .find(&id)
            .select(shipments::tracking_token_hash)
            .first(&mut *c)
            .unwrap()
    };
    assert_ne!(stored, token, "only a hash is stored");

    // Retry: same shipment, 200, token not shown again. Other body: 409.
    let again = app.post("/v1/shipments", Some(&w.shop_key), tv(&w)).await;
    assert_eq!(again.status, 200, "{}", again.body);
    assert_eq!(again.body["id"], id.as_str());
    assert!(again.body.get("tracking").is_none());
    let mut other = tv(&w);
    other["window"]["firm"] = json!(false);
    app.post("/v1/shipments", Some(&w.shop_key), other)
        .await
        .assert_problem(409, "conflict");

    let mut bad = tv(&w);
    bad["reference"] = json!("TV-43");
    bad["courier_id"] = json!(w.other_courier);
    bad["recipient"]["phone"] = json!("12");
    let r = app.post("/v1/shipments", Some(&w.shop_key), bad).await;
    r.assert_problem(422, "validation");
    assert_eq!(r.error_fields(), ["recipient.phone"]);
    let mut no_contract = tv(&w);
    no_contract["reference"] = json!("TV-44");
    no_contract["courier_id"] = json!(w.other_courier);
    let r = app
        .post("/v1/shipments", Some(&w.shop_key), no_contract)
        .await;
    assert_eq!(r.error_fields(), ["courier_id"], "{}", r.body);
    let mut sneaky = tv(&w);
    sneaky["status"] = json!("delivered");
    let r = app.post("/v1/shipments", Some(&w.shop_key), sneaky).await;
    assert_eq!(
        r.error_fields(),
        ["status"],
        "clients cannot set the status"
    );
    app.post("/v1/shipments", Some(&w.courier_admin), tv(&w))
        .await
        .assert_problem(403, "forbidden");
}

#[tokio::test]
async fn each_party_sees_what_is_theirs_and_contact_reads_are_logged() {
    let w = world().await;
    let app = &w.app;
    let id = app
        .post("/v1/shipments", Some(&w.shop_key), tv(&w))
        .await
        .body["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let path = format!("/v1/shipments/{id}");

    let owner = app.get(&path, Some(&w.shop_key)).await;
    assert_eq!(
        owner.body["recipient"]["access_notes"],
        "Intercom: MARTIN, 3rd floor"
    );
    // Partners see the shipment, but no contact data before they hold it.
    for token in [&w.courier_admin, &w.supplier_admin] {
        let r = app.get(&path, Some(token)).await;
        assert_eq!(r.status, 200);
        assert!(r.body["recipient"].is_null(), "{}", r.body);
    }
    for token in [&w.other_shop_admin, &w.other_courier_admin] {
        app.get(&path, Some(token))
            .await
            .assert_problem(404, "not-found");
    }
    let driver_id = app
        .user(&w.courier_admin, "dina@speedy.test", "driver")
        .await;
    let driver = app.token("dina@speedy.test").await;
    app.get(&path, Some(&driver))
        .await
        .assert_problem(404, "not-found");

    // Custody moves (hand-offs come in a later change; set the state directly here).
    let set = |status: &str, driver: Option<&str>| {
        let mut c = app.db.get_write().unwrap();
        diesel::update(shipments::table.find(&id))
            .set((
                shipments::status.eq(status),
                shipments::driver_id.eq(driver),
            ))
            .execute(&mut *c)
            .unwrap();
    };
    set("at_supplier", None);
    let r = app.get(&path, Some(&w.supplier_admin)).await;
    assert_eq!(r.body["recipient"]["name"], "Camille Martin");
    assert!(
        r.body["recipient"].get("phone").is_none(),
        "suppliers never see the phone"
    );
    set("with_courier", Some(&driver_id));
    let r = app.get(&path, Some(&w.courier_admin)).await;
    assert_eq!(r.body["recipient"]["phone"], "+33612345678");
    assert!(
        app.get(&path, Some(&w.supplier_admin)).await.body["recipient"].is_null(),
        "no longer theirs"
    );
    assert!(
        app.get(&path, Some(&driver)).await.body["recipient"].is_null(),
        "driver: not yet out"
    );
    set("out_for_delivery", Some(&driver_id));
    let r = app.get(&path, Some(&driver)).await;
    assert_eq!(r.body["recipient"]["phone"], "+33612345678");
    set("delivered", Some(&driver_id));
    assert!(
        app.get(&path, Some(&driver)).await.body["recipient"].is_null(),
        "gone after delivery"
    );

    let logged: Vec<(String, String)> = {
        let mut c = app.db.get_write().unwrap();
        contact_access_log::table
            .filter(contact_access_log::shipment_id.eq(&id))
            .order(contact_access_log::id.asc())
            .select((
                contact_access_log::actor_org_id.assume_not_null(),
                contact_access_log::fields,
            ))
            .load(&mut *c)
            .unwrap()
    };
    assert_eq!(
        logged,
        vec![
            (w.supplier.clone(), "name,address".to_owned()),
            (
                w.courier.clone(),
                "name,phone,email,address,access_notes".to_owned()
            ),
            (
                w.courier.clone(),
                "name,phone,email,address,access_notes".to_owned()
            ),
        ],
        "supplier, courier and driver reads are logged; the owner's are not"
    );

    // Lists: scoped per party; contact data only for the owner.
    let mine = app.get("/v1/shipments", Some(&w.shop_key)).await;
    assert_eq!(mine.body["items"][0]["recipient"]["phone"], "+33612345678");
    let courier = app
        .get(
            &format!("/v1/shipments?courier_id={}", w.other_courier),
            Some(&w.courier_admin),
        )
        .await;
    assert_eq!(
        courier.body["items"].as_array().unwrap().len(),
        1,
        "scope overrides the filter"
    );
    assert!(courier.body["items"][0]["recipient"].is_null());
    let none = app.get("/v1/shipments", Some(&w.other_courier_admin)).await;
    assert_eq!(none.body["items"].as_array().unwrap().len(), 0);
    let delivered = app
        .get("/v1/shipments?status=delivered", Some(&driver))
        .await;
    assert_eq!(delivered.body["items"].as_array().unwrap().len(), 1);
    let created = app
        .get("/v1/shipments?status=created", Some(&w.shop_key))
        .await;
    assert_eq!(created.body["items"].as_array().unwrap().len(), 0);

    // Only the owner rotates the tracking link.
    app.post(
        &format!("{path}/tracking-token"),
        Some(&w.courier_admin),
        json!({}),
    )
    .await
    .assert_problem(404, "not-found");
    let r = app
        .post(
            &format!("{path}/tracking-token"),
            Some(&w.shop_key),
            json!({}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.body["token"].as_str().unwrap().starts_with("trk_"));
    let _ = &w.shop;
}
