//! Local time: a shipment's IANA zone (given, else the courier contract's, else the
//! marketplace's, else UTC) is what its customer reads times in; JSON stays UTC.

use chrono::{DateTime, Duration, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Europe::Paris;
use reqwest::Method;
use serde_json::{Value, json};

use crate::fixtures::*;
use crate::helpers::{PLATFORM_EMAIL, TestApp};

async fn create(w: &World, reference: &str, edit: impl FnOnce(&mut Value)) -> Value {
    let mut s = tv(w);
    s["reference"] = json!(reference);
    edit(&mut s);
    let r = w.app.post("/v1/shipments", Some(&w.shop_key), s).await;
    assert_eq!(r.status, 201, "{}", r.body);
    r.body
}

async fn patch(app: &TestApp, path: &str, who: &str, body: Value) -> crate::helpers::Reply {
    app.request(Method::PATCH, path, Some(who), Some(body))
        .await
}

async fn html(app: &TestApp, path: &str) -> String {
    let r = app
        .client
        .get(format!("{}{path}", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    r.text().await.unwrap()
}

#[tokio::test]
async fn a_paris_window_is_shown_in_paris_time() {
    let w = world().await;
    let app = &w.app;
    // The TV's firm window: 08:00–14:00 in Paris on 2 May is 06:00–12:00 UTC (summer time).
    let s = create(&w, "PARIS-1", |s| s["time_zone"] = json!("Europe/Paris")).await;
    assert_eq!(s["time_zone"], "Europe/Paris", "{s}");
    assert_eq!(s["window"]["start"], "2026-05-02T06:00:00Z");
    let token = s["tracking"]["token"].as_str().unwrap().to_owned();

    // The link's JSON: the zone, and times still in UTC.
    let t = app.get(&format!("/v1/track/{token}"), None).await;
    assert_eq!(t.status, 200, "{}", t.body);
    assert_eq!(t.body["time_zone"], "Europe/Paris");
    assert_eq!(t.body["window"]["start"], "2026-05-02T06:00:00Z");
    assert_eq!(t.body["window"]["end"], "2026-05-02T12:00:00Z");
    let created_at = t.body["timeline"][0]["at"].as_str().unwrap().to_owned();
    assert!(created_at.ends_with('Z'), "{created_at}");

    // The page: local time with the zone named, in both languages.
    let en = html(app, &format!("/t/{token}?lang=en")).await;
    assert!(
        en.contains("Promised delivery: Sat 2 May, 08:00–14:00 (Paris time)"),
        "{en}"
    );
    let fr = html(app, &format!("/t/{token}?lang=fr")).await;
    assert!(
        fr.contains("Livraison promise : sam. 2 mai, 08:00–14:00 (heure de Paris)"),
        "{fr}"
    );
    // The timeline's machine-readable times stay UTC; what it says is Paris time.
    let at: DateTime<Utc> = created_at.parse().unwrap();
    let shown = at
        .with_timezone(&Paris)
        .format("%H:%M (Paris time)")
        .to_string();
    assert!(en.contains(&shown), "{shown} in {en}");
    // The reschedule form is filled in, and read, in Paris time.
    assert!(en.contains(r#"value="2026-05-02T08:00""#), "{en}");
    assert!(en.contains(r#"value="2026-05-02T14:00""#), "{en}");
    assert!(en.contains("Times are in the Europe/Paris time zone."));

    // Without a zone anywhere: UTC, as before.
    let s = create(&w, "UTC-1", |_| {}).await;
    assert_eq!(s["time_zone"], "UTC");
    let token = s["tracking"]["token"].as_str().unwrap();
    let en = html(app, &format!("/t/{token}?lang=en")).await;
    assert!(
        en.contains("Promised delivery: Sat 2 May, 06:00–12:00 (UTC)"),
        "{en}"
    );
}

#[tokio::test]
async fn the_zone_comes_from_the_contract_else_the_marketplace() {
    let w = world().await;
    let app = &w.app;
    let shop_admin = app.token("admin@shop.test").await;

    // The marketplace's default, set by its admin.
    let r = patch(
        app,
        &format!("/v1/orgs/{}", w.shop),
        &shop_admin,
        json!({"time_zone": "Europe/Paris"}),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["time_zone"], "Europe/Paris");
    let from_shop = create(&w, "TZ-SHOP", |_| {}).await;
    assert_eq!(from_shop["time_zone"], "Europe/Paris", "{from_shop}");
    let token = from_shop["tracking"]["token"].as_str().unwrap();
    let t = app.get(&format!("/v1/track/{token}"), None).await;
    assert_eq!(t.body["time_zone"], "Europe/Paris");
    assert_eq!(t.body["window"]["start"], "2026-05-02T06:00:00Z");
    let en = html(app, &format!("/t/{token}?lang=en")).await;
    assert!(en.contains("Sat 2 May, 08:00–14:00 (Paris time)"), "{en}");

    // The courier's contract names its own zone: it comes before the marketplace's.
    let contracts = app.get("/v1/contracts", Some(&shop_admin)).await;
    let contract = contracts.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["partner_id"] == json!(w.courier))
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let path = format!("/v1/contracts/{contract}");
    let r = patch(
        app,
        &path,
        &shop_admin,
        json!({"time_zone": "Europe/London"}),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["time_zone"], "Europe/London");
    let from_contract = create(&w, "TZ-CONTRACT", |_| {}).await;
    assert_eq!(from_contract["time_zone"], "Europe/London");
    // A zone given at creation comes first; without a courier, the marketplace's applies.
    let given = create(&w, "TZ-GIVEN", |s| {
        s["time_zone"] = json!("America/New_York")
    })
    .await;
    assert_eq!(given["time_zone"], "America/New_York");
    let no_courier = create(&w, "TZ-NO-COURIER", |s| {
        s.as_object_mut().unwrap().remove("courier_id");
    })
    .await;
    assert_eq!(no_courier["time_zone"], "Europe/Paris");

    // Cleared (null): the next default applies to new shipments; a shipment keeps the zone it
    // was created with. An empty name is no way to clear: it is refused like any bad name.
    let r = patch(app, &path, &shop_admin, json!({"time_zone": null})).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.body["time_zone"].is_null(), "{}", r.body);
    assert_eq!(
        create(&w, "TZ-AFTER-CONTRACT", |_| {}).await["time_zone"],
        "Europe/Paris"
    );
    let r = patch(
        app,
        &format!("/v1/orgs/{}", w.shop),
        &shop_admin,
        json!({"time_zone": ""}),
    )
    .await;
    r.assert_problem(422, "validation");
    let r = patch(
        app,
        &format!("/v1/orgs/{}", w.shop),
        &shop_admin,
        json!(["Europe/Paris"]),
    )
    .await;
    r.assert_problem(422, "validation");
    let r = patch(
        app,
        &format!("/v1/orgs/{}", w.shop),
        &shop_admin,
        json!({"time_zone": null}),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.body["time_zone"].is_null(), "{}", r.body);
    assert_eq!(create(&w, "TZ-AFTER-ORG", |_| {}).await["time_zone"], "UTC");
    let id = from_contract["id"].as_str().unwrap();
    let r = app
        .get(&format!("/v1/shipments/{id}"), Some(&w.shop_key))
        .await;
    assert_eq!(r.body["time_zone"], "Europe/London");

    // A contract created with a zone shows it.
    let (courier2, _) = app
        .org(&app.token(PLATFORM_EMAIL).await, "courier", "zoned")
        .await;
    let r = app
        .post(
            "/v1/contracts",
            Some(&shop_admin),
            json!({"partner_id": courier2, "time_zone": "Europe/Berlin"}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(r.body["time_zone"], "Europe/Berlin");
    let s = create(&w, "TZ-BERLIN", |s| s["courier_id"] = json!(courier2)).await;
    assert_eq!(s["time_zone"], "Europe/Berlin");

    // Only the org's own admins (or a platform admin) change it; others do not see it.
    let r = patch(
        app,
        &format!("/v1/orgs/{}", w.shop),
        &w.shop_key,
        json!({"time_zone": "Europe/Paris"}),
    )
    .await;
    assert_eq!(r.status, 403, "{}", r.body);
    let r = patch(
        app,
        &format!("/v1/orgs/{}", w.shop),
        &w.courier_admin,
        json!({"time_zone": "Europe/Paris"}),
    )
    .await;
    assert_eq!(r.status, 404, "{}", r.body);
    let root = app.token(PLATFORM_EMAIL).await;
    let r = patch(
        app,
        &format!("/v1/orgs/{}", w.shop),
        &root,
        json!({"time_zone": "Europe/Madrid"}),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let r = app
        .get(&format!("/v1/orgs/{}", w.shop), Some(&shop_admin))
        .await;
    assert_eq!(r.body["time_zone"], "Europe/Madrid");
}

#[tokio::test]
async fn zones_are_checked_and_windows_need_an_offset() {
    let w = world().await;
    let app = &w.app;
    let shop_admin = app.token("admin@shop.test").await;
    let message = "is not an IANA time zone, e.g. Europe/Paris";

    for zone in ["Paris", "CEST", "+02:00", "Europe/paris"] {
        let mut s = tv(&w);
        s["reference"] = json!(format!("BAD-{zone}"));
        s["time_zone"] = json!(zone);
        let r = app.post("/v1/shipments", Some(&w.shop_key), s).await;
        r.assert_problem(422, "validation");
        assert_eq!(r.error_fields(), ["time_zone"], "{zone}: {}", r.body);
        assert_eq!(r.body["errors"][0]["message"], message);
    }
    let r = patch(
        app,
        &format!("/v1/orgs/{}", w.shop),
        &shop_admin,
        json!({"time_zone": "Mars/Olympus"}),
    )
    .await;
    r.assert_problem(422, "validation");
    assert_eq!(r.error_fields(), ["time_zone"]);
    let r = app
        .post(
            "/v1/contracts",
            Some(&shop_admin),
            json!({"partner_id": w.other_courier, "time_zone": "UTC+2"}),
        )
        .await;
    r.assert_problem(422, "validation");
    assert_eq!(r.error_fields(), ["time_zone"]);
    let r = app
        .post(
            "/v1/orgs",
            Some(&app.token(PLATFORM_EMAIL).await),
            json!({"kind": "marketplace", "name": "Zoned", "time_zone": "Moon/Base",
                   "admin": {"email": "a@zoned.test", "name": "A", "password": crate::helpers::PASSWORD}}),
        )
        .await;
    r.assert_problem(422, "validation");
    assert_eq!(r.error_fields(), ["time_zone"]);

    // A window without an offset is refused, as before: JSON times name their offset.
    let mut s = tv(&w);
    s["reference"] = json!("NO-OFFSET");
    s["time_zone"] = json!("Europe/Paris");
    s["window"]["start"] = json!("2026-05-02T08:00:00");
    let r = app.post("/v1/shipments", Some(&w.shop_key), s).await;
    assert_eq!(r.status, 422, "{}", r.body);
    // Any offset is read for what it says.
    let mut s = tv(&w);
    s["reference"] = json!("OFFSET");
    s["window"]["start"] = json!("2026-05-02T08:00:00+02:00");
    let r = app.post("/v1/shipments", Some(&w.shop_key), s).await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(r.body["window"]["start"], "2026-05-02T06:00:00Z");
}

#[tokio::test]
async fn the_page_reads_a_new_window_in_the_shipments_zone() {
    let w = world().await;
    let app = &w.app;
    let s = create(&w, "PARIS-RESCHEDULE", |s| {
        s["time_zone"] = json!("Europe/Paris");
    })
    .await;
    let token = s["tracking"]["token"].as_str().unwrap().to_owned();
    let path = format!("/t/{token}/reschedule?lang=en");
    let form = |body: String| post_form(app, &path, body);

    // 10:00–13:00 in Paris, three days from now.
    let day = (Utc::now().with_timezone(&Paris) + Duration::days(3)).date_naive();
    let local = |h: u32| day.and_hms_opt(h, 0, 0).unwrap();
    let utc = |t: NaiveDateTime| {
        Paris
            .from_local_datetime(&t)
            .single()
            .unwrap()
            .with_timezone(&Utc)
    };
    let r = form(format!("start={day}T10%3A00&end={day}T13%3A00")).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let t = app.get(&format!("/v1/track/{token}"), None).await;
    let start: DateTime<Utc> = t.body["window"]["start"].as_str().unwrap().parse().unwrap();
    let end: DateTime<Utc> = t.body["window"]["end"].as_str().unwrap().parse().unwrap();
    assert_eq!(start, utc(local(10)), "{}", t.body);
    assert_eq!(end, utc(local(13)), "{}", t.body);
    let en = html(app, &format!("/t/{token}?lang=en")).await;
    let filled = format!(r#"value="{day}T10:00""#);
    assert!(en.contains(&filled), "{filled} in {en}");
    assert!(en.contains(", 10:00–13:00 (Paris time)"), "{en}");

    // Local times a clock change skips (29 March 2026, 02:00 → 03:00) or passes twice
    // (25 October 2026, 03:00 → 02:00) are refused on their field, never guessed.
    let r = form("start=2026-03-29T02%3A30&end=2026-03-29T05%3A00".to_owned()).await;
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(body.contains("reschedule-start-error"), "{body}");
    assert!(body.contains("the clocks go forward then"), "{body}");
    let r = form("start=2026-10-25T09%3A00&end=2026-10-25T02%3A30".to_owned()).await;
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(body.contains("reschedule-end-error"), "{body}");
    assert!(body.contains("the clocks go back then"), "{body}");
    // Nothing moved.
    let again = app.get(&format!("/v1/track/{token}"), None).await;
    assert_eq!(again.body["window"], t.body["window"]);
}

/// Issue 28: KPI days are local days. A Tokyo courier's 08:30 delivery counts on that Tokyo
/// date (not the UTC date before it), and Paris deliveries late in the evening on either side
/// of both 2026 clock changes count on their Paris dates; the counters kept on the way equal a
/// rebuild from the facts.
#[tokio::test]
async fn kpi_days_are_local_days_across_the_clock_changes() {
    let (w, clock) = world_on_clock().await;
    let app = &w.app;
    let d = driver(&w, &w.courier_admin, "localdays@speedy.test").await;
    // (zone, moment of the delivery, its local date), in time order; tokens are minted again
    // at each moment (one issued "later" is refused).
    let cases = [
        ("Europe/Paris", "2026-03-28T22:30:00Z", "2026-03-28"), // 23:30 CET, the eve
        ("Europe/Paris", "2026-03-29T21:30:00Z", "2026-03-29"), // 23:30 CEST, the day
        ("Europe/Paris", "2026-10-24T21:30:00Z", "2026-10-24"), // 23:30 CEST, the eve
        ("Europe/Paris", "2026-10-25T22:30:00Z", "2026-10-25"), // 23:30 CET, the day
        ("Asia/Tokyo", "2026-11-23T23:30:00Z", "2026-11-24"),   // 08:30 JST
        ("Asia/Tokyo", "2026-11-24T14:30:00Z", "2026-11-24"),   // 23:30 JST
    ];
    for (i, (zone, at, _)) in cases.iter().enumerate() {
        let at: DateTime<Utc> = at.parse().unwrap();
        clock.advance(at - clock.now());
        let admin = app.token("admin@speedy.test").await;
        let d = Driver {
            id: d.id.clone(),
            token: app.token("localdays@speedy.test").await,
        };
        let mut s = tv(&w);
        s["reference"] = json!(format!("LOCAL-DAY-{i}"));
        s["time_zone"] = json!(zone);
        s["window"] =
            json!({"start": at - Duration::hours(1), "end": at + Duration::hours(1), "firm": true});
        let (id, _) = out_body(&w, s, &admin, &d, false, "intact").await;
        deliver(app, &d, &id, at).await;
    }
    use diesel::prelude::*;
    use doorstep::db::schema::kpi_daily;
    let days: Vec<String> = kpi_daily::table
        .filter(kpi_daily::org_id.eq(&w.courier))
        .filter(kpi_daily::driver_id.eq(&d.id))
        .filter(kpi_daily::attempts.gt(0))
        .filter(kpi_daily::day.lt("W")) // day rows, not the week's
        .select(kpi_daily::day)
        .order(kpi_daily::day)
        .load(&mut *app.db.get_write().unwrap())
        .unwrap();
    let mut expected: Vec<String> = cases.iter().map(|c| c.2.to_owned()).collect();
    expected.dedup();
    assert_eq!(days, expected, "one row a local day");
    app.stop().await;
    let mut conn = app.db.get_write().unwrap();
    let report = doorstep::kpis::store::rebuild(&mut conn, 2).unwrap();
    assert_eq!(report.rows_differing, 0, "{report:?}");
}
