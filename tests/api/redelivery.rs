//! Re-delivery (issue 15): after a failed (or upheld-disputed) attempt the parcel waits with the
//! courier; the customer chooses the new visit's window, or accepts the courier's proposal; the
//! driver's route and round follow the chosen day; KPIs count the re-delivery and whether it met
//! the window.

use chrono::{DateTime, Duration, NaiveTime, Utc};
use serde_json::{Value, json};

use crate::fixtures::*;
use crate::helpers::TestApp;

fn kpi<'a>(set: &'a Value, name: &str) -> &'a Value {
    set["kpis"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["kpi"] == name)
        .unwrap()
}

/// Tomorrow (UTC) at `h`:00.
fn tomorrow_at(h: u32) -> DateTime<Utc> {
    (Utc::now() + Duration::days(1))
        .date_naive()
        .and_time(NaiveTime::from_hms_opt(h, 0, 0).unwrap())
        .and_utc()
}

/// The items of a list (a bare array, or a page's `items`).
fn items(r: &Value) -> &Vec<Value> {
    r.get("items").unwrap_or(r).as_array().unwrap()
}

fn route_ids(r: &Value) -> Vec<String> {
    items(r)
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_owned())
        .collect()
}

/// The chosen day comes: the last chosen window is moved (with the fact and the event that
/// record it) to start half an hour ago, as if the customer had chosen that time. Nothing else
/// changes: the wait, the choice and the counters are those the API made.
fn the_chosen_window_comes(app: &TestApp, id: &str) -> (DateTime<Utc>, DateTime<Utc>) {
    use diesel::prelude::*;
    use doorstep::db::schema::{shipment_events as ev, shipments};
    use doorstep::kpis::rules::RecordedFacts;
    let start = Utc::now() - Duration::minutes(30);
    let end = start + Duration::hours(4);
    let (s, e) = (start.naive_utc(), end.naive_utc());
    let mut c = app.db.get_write().unwrap();
    let facts: Option<String> = shipments::table
        .find(id)
        .select(shipments::kpi_facts)
        .first(&mut *c)
        .unwrap();
    let mut facts = RecordedFacts::decode(facts.as_deref()).unwrap();
    let last = facts.redeliveries.last_mut().unwrap();
    (last.start, last.end) = (s, e);
    diesel::update(shipments::table.find(id))
        .set((
            shipments::window_start.eq(s),
            shipments::window_end.eq(e),
            shipments::kpi_facts.eq(Some(facts.encode())),
            shipments::version.eq(shipments::version + 1),
        ))
        .execute(&mut *c)
        .unwrap();
    let (eid, data): (String, String) = ev::table
        .filter(ev::shipment_id.eq(id))
        .filter(ev::kind.eq("redelivery.chosen"))
        .order(ev::id.desc())
        .select((ev::id, ev::data))
        .first(&mut *c)
        .unwrap();
    let mut data: Value = serde_json::from_str(&data).unwrap();
    data["window"] = json!({"start": start, "end": end});
    diesel::update(ev::table.find(eid))
        .set(ev::data.eq(data.to_string()))
        .execute(&mut *c)
        .unwrap();
    (start, end)
}

/// The TV story, second chance: an early visit, disputed and upheld; the customer picks a new
/// day (through the link, then changes it once through the page form); the driver's route
/// shows the parcel on that day only and the round cannot start before it; delivered in the
/// window; the KPIs count a re-delivery that met its window, and a rebuild agrees.
#[tokio::test]
async fn redelivery_an_early_visit_disputed_then_delivered_on_the_day_the_customer_chose() {
    let w = world_with(|s| s.tracking.per_token_per_minute = 1000).await;
    let app = &w.app;
    let d = driver(&w, &w.courier_admin, "second@speedy.test").await;
    let promised = (
        Utc::now() + Duration::days(2),
        Utc::now() + Duration::days(2) + Duration::hours(6),
    );
    let (id, token) = out_with(
        &w,
        "TV-2",
        &w.courier,
        &w.courier_admin,
        &d,
        promised,
        false,
        "intact",
    )
    .await;
    let link = format!("/v1/track/{token}");
    let choose = format!("{link}/redelivery");

    // Before any failure there is nothing to re-deliver.
    let r = app
        .post(
            &choose,
            None,
            json!({"window": {"start": tomorrow_at(10), "end": tomorrow_at(14)}}),
        )
        .await;
    r.assert_problem(409, "conflict");

    // Four days early, "not home": flagged, disputed, upheld.
    fail(app, &d, &id, "early-visit", Utc::now()).await;
    let r = app
        .post(
            &format!("{link}/disputes"),
            None,
            json!({"reason": "was_home"}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let dispute = r.body["id"].as_str().unwrap().to_owned();
    let r = app
        .post(
            &format!("/v1/disputes/{dispute}/resolution"),
            Some(&w.shop_key),
            json!({"resolution": "upheld", "remedy": "redeliver"}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let s = app
        .get(&format!("/v1/shipments/{id}"), Some(&w.shop_key))
        .await;
    assert_eq!(
        s.body["status"], "attempt_failed",
        "waits, not straight back out"
    );
    assert_eq!(s.body["redelivery"]["state"], "waiting");
    let ev = app
        .get(&format!("/v1/shipments/{id}/events"), Some(&w.shop_key))
        .await;
    let resolved = items(&ev.body)
        .iter()
        .find(|e| e["kind"] == "dispute.resolved")
        .unwrap();
    assert_eq!(resolved["data"]["awaiting_redelivery"], true);

    // The link offers the choice; the old reschedule is not the way any more.
    let t = app.get(&link, None).await;
    assert_eq!(t.body["can_choose_redelivery"], true);
    assert_eq!(t.body["can_reschedule"], false);
    assert_eq!(t.body["redelivery_horizon_days"], 7);
    let r = app
        .post(
            &format!("{link}/reschedule"),
            None,
            json!({"window": {"start": tomorrow_at(10), "end": tomorrow_at(14)}}),
        )
        .await;
    r.assert_problem(409, "conflict");

    // Refused: beyond the 7-day horizon (the field is named), the old body shape, no proposal.
    let far = Utc::now() + Duration::days(8);
    let r = app
        .post(
            &choose,
            None,
            json!({"window": {"start": far, "end": far + Duration::hours(2)}}),
        )
        .await;
    r.assert_problem(422, "validation");
    assert_eq!(r.error_fields(), ["window.start"]);
    assert!(
        r.body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("7 days")
    );
    let r = app
        .post(
            &choose,
            None,
            json!({"start": tomorrow_at(10), "end": tomorrow_at(14)}),
        )
        .await;
    assert_eq!(r.status, 422, "{}", r.body);
    app.post(&format!("{choose}/accept"), None, json!({}))
        .await
        .assert_problem(409, "conflict");

    // The customer picks tomorrow morning on the link: the firm promised window.
    let r = app
        .post(
            &choose,
            None,
            json!({"window": {"start": tomorrow_at(9), "end": tomorrow_at(13)}}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["redelivery"]["state"], "chosen");
    assert_eq!(r.body["window"]["firm"], true);
    assert_eq!(
        r.body["window"]["start"]
            .as_str()
            .unwrap()
            .parse::<DateTime<Utc>>()
            .unwrap(),
        tomorrow_at(9)
    );

    // ... and changes it once through the page form (times in UTC): an error first, by field.
    let path = format!("/t/{token}/redelivery?lang=en");
    let form = |body: String| post_form(app, &path, body);
    let fmt = |t: DateTime<Utc>| t.format("%Y-%m-%dT%H%%3A%M").to_string();
    let r = form(format!(
        "start={}&end={}",
        fmt(far),
        fmt(far + Duration::hours(2))
    ))
    .await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(html.contains("redelivery-start-error"), "{html}");
    assert!(html.contains("within the days shown"), "{html}");
    let r = form(format!(
        "start={}&end={}",
        fmt(tomorrow_at(10)),
        fmt(tomorrow_at(14))
    ))
    .await;
    assert_eq!(r.status(), 303);
    assert!(
        r.headers()["location"]
            .to_str()
            .unwrap()
            .contains("done=redelivery")
    );
    let t = app.get(&link, None).await;
    assert_eq!(
        t.body["window"]["start"]
            .as_str()
            .unwrap()
            .parse::<DateTime<Utc>>()
            .unwrap(),
        tomorrow_at(10),
        "{}",
        t.body
    );
    let kinds: Vec<&str> = t.body["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds.iter().filter(|k| **k == "redelivery.chosen").count(),
        2
    );
    let page = app
        .client
        .get(format!("{}/t/{token}?lang=en", app.base))
        .send()
        .await
        .unwrap();
    let html = page.text().await.unwrap();
    assert!(
        html.contains("Choose a new day") && html.contains("The driver comes back"),
        "{html}"
    );

    // The route: not today, not without a date, on the chosen day; the round waits for it.
    let today = Utc::now().date_naive();
    let tomorrow = tomorrow_at(0).date_naive();
    let on = |date: Option<chrono::NaiveDate>| {
        let path = match date {
            Some(d) => format!("/v1/driver/route?date={d}"),
            None => "/v1/driver/route".to_owned(),
        };
        let token = d.token.clone();
        async move { route_ids(&app.get(&path, Some(&token)).await.body) }
    };
    assert!(!on(Some(today)).await.contains(&id));
    assert!(!on(None).await.contains(&id));
    assert!(on(Some(tomorrow)).await.contains(&id));
    let r = app
        .post(
            &format!("/v1/shipments/{id}/out-for-delivery"),
            Some(&d.token),
            json!({}),
        )
        .await;
    r.assert_problem(409, "conflict");
    assert!(
        r.body["detail"]
            .as_str()
            .unwrap()
            .contains(&tomorrow.to_string()),
        "{}",
        r.body
    );
    let r = attempt(
        app,
        &d,
        &id,
        "too-soon",
        json!({"outcome": "delivered", "placement": "handed_to_recipient", "gps": gps(Utc::now()),
            "occurred_at": Utc::now()}),
    )
    .await;
    r.assert_problem(409, "conflict");

    // The day comes: on the route, out for delivery, delivered inside the chosen window.
    let (start, end) = the_chosen_window_comes(app, &id);
    assert!(on(None).await.contains(&id));
    start_round(app, &d, &id).await;
    assert!(
        on(None).await.contains(&id),
        "out for delivery with the driver"
    );
    let at = Utc::now();
    assert!(start <= at && at <= end);
    deliver(app, &d, &id, at).await;
    let s = app
        .get(&format!("/v1/shipments/{id}"), Some(&w.shop_key))
        .await;
    assert_eq!(s.body["status"], "delivered");
    assert!(s.body["redelivery"].is_null(), "{}", s.body);
    let a = app
        .get(&format!("/v1/shipments/{id}/attempts"), Some(&w.shop_key))
        .await;
    let last = items(&a.body).last().unwrap().clone();
    let flags: Vec<&str> = last["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["flag"].as_str().unwrap())
        .collect();
    assert!(
        !flags.contains(&"late") && !flags.contains(&"early_without_consent"),
        "on time for the chosen window: {last}"
    );

    // After the end nothing is re-delivered.
    app.post(
        &choose,
        None,
        json!({"window": {"start": tomorrow_at(10), "end": tomorrow_at(14)}}),
    )
    .await
    .assert_problem(409, "conflict");

    // KPIs: one re-delivery, in its window; the early first visit stays a failure.
    let k = app
        .get("/v1/kpis?granularity=day", Some(&w.courier_admin))
        .await;
    assert_eq!(k.status, 200, "{}", k.body);
    let r = kpi(&k.body["overall"], "redelivery_in_window_rate");
    assert_eq!(
        (r["numerator"].as_i64(), r["denominator"].as_i64()),
        (Some(1), Some(1)),
        "{r}"
    );
    assert_eq!(r["value"], 1.0);
    let first = kpi(&k.body["overall"], "first_attempt_success_rate");
    assert_eq!(
        (first["numerator"].as_i64(), first["denominator"].as_i64()),
        (Some(0), Some(1))
    );
    let mine = app
        .get(
            &format!("/v1/kpis?granularity=day&driver_id={}", d.id),
            Some(&w.courier_admin),
        )
        .await;
    assert_eq!(
        kpi(&mine.body["overall"], "redelivery_in_window_rate")["denominator"],
        1,
        "{}",
        mine.body
    );

    // The counters kept on the way are what a rebuild from the facts finds.
    app.stop().await;
    let mut conn = app.db.get_write().unwrap();
    let report = doorstep::kpis::store::rebuild(&mut conn, 10).unwrap();
    assert_eq!(report.rows_differing, 0, "{report:?}");
}

/// The courier proposes, the customer accepts (webhooks carry both); the contract bounds the
/// horizon; only the courier's staff propose, only while the parcel waits.
#[tokio::test]
async fn redelivery_the_courier_proposes_and_the_customer_accepts() {
    let w = world().await;
    let app = &w.app;
    let shop_admin = app.token("admin@shop.test").await;
    let rx = Receiver::start(0, &[]).await;
    let r = app
        .post(
            "/v1/webhooks",
            Some(&shop_admin),
            json!({"url": rx.url, "event_types": ["redelivery.proposed", "redelivery.chosen"]}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let d = driver(&w, &w.courier_admin, "propose@speedy.test").await;
    let (id, token) = out_now(&w, "PROP-1", &d).await;
    let propose = format!("/v1/shipments/{id}/redelivery-proposal");
    let body = |start: DateTime<Utc>| json!({"window": {"start": start, "end": start + Duration::hours(3)}});

    // Only while the parcel waits for a new visit.
    app.post(&propose, Some(&w.courier_admin), body(tomorrow_at(9)))
        .await
        .assert_problem(409, "conflict");
    fail(app, &d, &id, "prop-fail", Utc::now()).await;

    // The courier's staff propose; the driver, the marketplace and strangers do not.
    app.post(&propose, Some(&d.token), body(tomorrow_at(9)))
        .await
        .assert_problem(403, "forbidden");
    app.post(&propose, Some(&w.shop_key), body(tomorrow_at(9)))
        .await
        .assert_problem(403, "forbidden");
    app.post(&propose, Some(&w.other_courier_admin), body(tomorrow_at(9)))
        .await
        .assert_problem(404, "not-found");

    // The contract's horizon bounds the proposal.
    let (contract, _) = courier_contract(&w).await;
    let r = app
        .request(
            reqwest::Method::PATCH,
            &format!("/v1/contracts/{contract}"),
            Some(&shop_admin),
            Some(json!({"redelivery_horizon_days": 2})),
        )
        .await;
    assert_eq!(r.body["redelivery_horizon_days"], 2, "{}", r.body);
    let r = app
        .request(
            reqwest::Method::PATCH,
            &format!("/v1/contracts/{contract}"),
            Some(&shop_admin),
            Some(json!({"redelivery_horizon_days": 31})),
        )
        .await;
    assert_eq!(r.error_fields(), ["redelivery_horizon_days"]);
    let r = app
        .post(
            &propose,
            Some(&w.courier_admin),
            body(Utc::now() + Duration::days(3)),
        )
        .await;
    assert_eq!(r.error_fields(), ["window.start"]);
    let r = app
        .post(&propose, Some(&w.courier_admin), body(tomorrow_at(8)))
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    // A new proposal replaces the last one.
    let r = app
        .post(&propose, Some(&w.courier_admin), body(tomorrow_at(9)))
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["redelivery"]["state"], "proposed");
    assert_eq!(r.body["status"], "attempt_failed");

    // The link shows it with an accept button; accepting makes it the firm promise.
    let t = app.get(&format!("/v1/track/{token}"), None).await;
    assert_eq!(t.body["redelivery_horizon_days"], 2);
    let proposed = t.body["redelivery"]["proposed_window"].clone();
    assert_eq!(
        proposed["start"]
            .as_str()
            .unwrap()
            .parse::<DateTime<Utc>>()
            .unwrap(),
        tomorrow_at(9)
    );
    let html = app
        .client
        .get(format!("{}/t/{token}?lang=en", app.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("The carrier proposes") && html.contains("redelivery-accept"),
        "{html}"
    );
    let r = app
        .post(
            &format!("/v1/track/{token}/redelivery/accept"),
            None,
            json!({}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["window"]["start"], proposed["start"]);
    assert_eq!(r.body["window"]["end"], proposed["end"]);
    assert_eq!(r.body["window"]["firm"], true);
    assert_eq!(r.body["redelivery"]["state"], "chosen");
    assert!(r.body["redelivery"]["proposed_window"].is_null());

    // Once chosen: nothing left to accept, and the courier no longer proposes.
    app.post(
        &format!("/v1/track/{token}/redelivery/accept"),
        None,
        json!({}),
    )
    .await
    .assert_problem(409, "conflict");
    app.post(&propose, Some(&w.courier_admin), body(tomorrow_at(12)))
        .await
        .assert_problem(409, "conflict");

    // The marketplace's webhooks carried both steps.
    let hits = rx.wait_for(3).await;
    let count = |t: &str| hits.iter().filter(|h| h.event_type == t).count();
    assert_eq!(
        (count("redelivery.proposed"), count("redelivery.chosen")),
        (2, 1)
    );
    let chosen: Value = hits
        .iter()
        .find(|h| h.event_type == "redelivery.chosen")
        .map(|h| serde_json::from_str(&h.body).unwrap())
        .unwrap();
    assert_eq!(chosen["data"]["accepted_proposal"], true, "{chosen}");
    assert_eq!(chosen["data"]["window"]["start"], proposed["start"]);
    assert_eq!(
        chosen["shipment"]["redelivery"]["state"], "chosen",
        "{chosen}"
    );

    // The day comes, the re-delivery fails again inside the window: a new wait begins, with
    // nothing chosen yet; the KPIs count a re-delivery that met its window (the visit did).
    the_chosen_window_comes(app, &id);
    start_round(app, &d, &id).await;
    fail(app, &d, &id, "prop-fail-again", Utc::now()).await;
    let t = app.get(&format!("/v1/track/{token}"), None).await;
    assert_eq!(t.body["status"], "attempt_failed");
    assert_eq!(t.body["redelivery"]["state"], "waiting", "{}", t.body);
    assert!(t.body["redelivery"]["chosen_at"].is_null());
    let r = app
        .post(&propose, Some(&w.courier_admin), body(tomorrow_at(11)))
        .await;
    assert_eq!(r.status, 200, "a new wait, a new proposal: {}", r.body);
    let k = app
        .get("/v1/kpis?granularity=day", Some(&w.courier_admin))
        .await;
    let r = kpi(&k.body["overall"], "redelivery_in_window_rate");
    assert_eq!(
        (r["numerator"].as_i64(), r["denominator"].as_i64()),
        (Some(1), Some(1)),
        "{r}"
    );
}

/// Without `?date` the route holds everything the driver has out for delivery, whatever its
/// window (a parcel due tomorrow, taken out today); with a date, windows starting that day.
#[tokio::test]
async fn redelivery_the_route_without_a_date_holds_everything_out_for_delivery() {
    let w = world().await;
    let app = &w.app;
    let d = driver(&w, &w.courier_admin, "route@speedy.test").await;
    let later = (tomorrow_at(8), tomorrow_at(12));
    let (id, _) = out_with(
        &w,
        "LATER-1",
        &w.courier,
        &w.courier_admin,
        &d,
        later,
        false,
        "intact",
    )
    .await;
    let today = Utc::now().date_naive();
    let route = |path: String| {
        let token = d.token.clone();
        async move { route_ids(&app.get(&path, Some(&token)).await.body) }
    };
    assert!(route("/v1/driver/route".into()).await.contains(&id));
    assert!(
        !route(format!("/v1/driver/route?date={today}"))
            .await
            .contains(&id)
    );
    let tomorrow = tomorrow_at(0).date_naive();
    assert!(
        route(format!("/v1/driver/route?date={tomorrow}"))
            .await
            .contains(&id)
    );
}

/// A few choices per wait (each is an event and a webhook), counted again after a new failure.
#[tokio::test]
async fn redelivery_choices_are_a_few_per_wait() {
    let w = world().await;
    let app = &w.app;
    let d = driver(&w, &w.courier_admin, "few@speedy.test").await;
    let (id, token) = out_now(&w, "FEW-1", &d).await;
    fail(app, &d, &id, "few-fail", Utc::now()).await;
    let choose = format!("/v1/track/{token}/redelivery");
    for h in [9, 10, 11] {
        let r = app
            .post(
                &choose,
                None,
                json!({"window": {"start": tomorrow_at(h), "end": tomorrow_at(h + 2)}}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
    }
    let r = app
        .post(
            &choose,
            None,
            json!({"window": {"start": tomorrow_at(12), "end": tomorrow_at(14)}}),
        )
        .await;
    r.assert_problem(409, "conflict");
    let s = app
        .get(&format!("/v1/shipments/{id}"), Some(&w.courier_admin))
        .await;
    assert_eq!(s.body["redelivery"]["state"], "chosen", "{}", s.body);
    assert_eq!(
        s.body["window"]["start"]
            .as_str()
            .unwrap()
            .parse::<DateTime<Utc>>()
            .unwrap(),
        tomorrow_at(11)
    );
}

/// Delivery slots (issue 28): the courier's contract offers slots per local weekday with a
/// capacity a day; after a failed visit the link lists the free ones; ten customers race for
/// the one place of a slot and exactly one gets it; the others see it gone and take the next;
/// choosing one's own slot again changes nothing; the page offers them as buttons.
#[tokio::test]
async fn redelivery_ten_customers_race_for_the_one_place_of_a_slot() {
    let w = world().await;
    let app = &w.app;
    let (contract, admin) = courier_contract(&w).await;
    let path = format!("/v1/contracts/{contract}");
    let bad = app
        .request(
            reqwest::Method::PATCH,
            &path,
            Some(&admin),
            Some(json!({"delivery_slots": [{"days": ["someday"], "start": "8", "end": "12:00", "capacity": 0}]})),
        )
        .await;
    bad.assert_problem(422, "validation");
    let fields: Vec<&str> = bad.body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(
        fields,
        [
            "delivery_slots[0].days",
            "delivery_slots[0].start",
            "delivery_slots[0].capacity"
        ],
        "{}",
        bad.body
    );
    let set = set_slots(&w).await;
    assert_eq!(set.body["delivery_slots"][1]["capacity"], 20);

    let d = driver(&w, &w.courier_admin, "slots@speedy.test").await;
    let mut parcels = Vec::new();
    for i in 0..10 {
        let (id, token) = out_now(&w, &format!("SLOT-{i}"), &d).await;
        fail(app, &d, &id, &format!("slot-fail-{i}"), Utc::now()).await;
        parcels.push((id, token));
    }
    let view = app.get(&format!("/v1/track/{}", parcels[0].1), None).await;
    let slots = view.body["slots"]
        .as_array()
        .expect("slots offered")
        .clone();
    // Seven days of two slots a day, less the one the notice or the horizon cuts at this hour.
    assert!(
        slots.len() >= 13,
        "a week of two slots a day: {}",
        view.body
    );
    // The first morning slot: the one with a single place.
    let morning = slots
        .iter()
        .find(|s| {
            let start: DateTime<Utc> = s["start"].as_str().unwrap().parse().unwrap();
            let tz: chrono_tz::Tz = view.body["time_zone"].as_str().unwrap().parse().unwrap();
            start.with_timezone(&tz).time() == NaiveTime::from_hms_opt(8, 0, 0).unwrap()
        })
        .expect("a morning slot")
        .clone();
    // A window that is no slot is refused, by field.
    let start: DateTime<Utc> = morning["start"].as_str().unwrap().parse().unwrap();
    let off = app
        .post(
            &format!("/v1/track/{}/redelivery", parcels[0].1),
            None,
            json!({"window": {"start": start, "end": start + Duration::hours(1)}}),
        )
        .await;
    off.assert_problem(422, "validation");
    assert_eq!(off.body["errors"][0]["field"], "window", "{}", off.body);

    let race = parcels.iter().map(|(_, token)| {
        let (path, window) = (
            format!("/v1/track/{token}/redelivery"),
            json!({"window": morning}),
        );
        async move { app.post(&path, None, window).await }
    });
    let answers = futures_util::future::join_all(race).await;
    let won: Vec<usize> = (0..10).filter(|i| answers[*i].status == 200).collect();
    assert_eq!(won.len(), 1, "exactly one wins the last place");
    for (i, a) in answers.iter().enumerate() {
        if i != won[0] {
            a.assert_problem(409, "conflict");
        }
    }
    let (winner_id, winner) = &parcels[won[0]];
    let loser = &parcels[(won[0] + 1) % 10].1;
    let after = app.get(&format!("/v1/track/{loser}"), None).await;
    let offered = after.body["slots"].as_array().unwrap();
    assert!(!offered.contains(&morning), "a full slot is not offered");
    // The loser takes the next slot offered.
    let next = offered[0].clone();
    let r = app
        .post(
            &format!("/v1/track/{loser}/redelivery"),
            None,
            json!({"window": next}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    // The winner taps again: nothing changes (no second event).
    let events = |b: &Value| {
        b["timeline"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["kind"] == "redelivery.chosen")
            .count()
    };
    let before = app
        .get(
            &format!("/v1/shipments/{winner_id}"),
            Some(&w.courier_admin),
        )
        .await;
    let again = app
        .post(
            &format!("/v1/track/{winner}/redelivery"),
            None,
            json!({"window": morning}),
        )
        .await;
    assert_eq!(again.status, 200, "{}", again.body);
    let view = app.get(&format!("/v1/track/{winner}"), None).await;
    assert_eq!(events(&view.body), 1, "{}", view.body);
    assert_eq!(
        before.body["window"]["start"], morning["start"],
        "the slot is the promised window"
    );
    // The page offers the free slots as one-tap buttons, the full one not among them.
    let page = reqwest::get(format!("{}/t/{loser}?lang=en", app.base))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("id=\"slots\""), "{page}");
    let full = format!("{}/", start.to_rfc3339());
    assert!(!page.contains(&full), "the full slot is not a button");
    // A tap on a button (the form post) takes that slot.
    let button = offered[1]["start"]
        .as_str()
        .unwrap()
        .parse::<DateTime<Utc>>()
        .unwrap();
    let end = offered[1]["end"]
        .as_str()
        .unwrap()
        .parse::<DateTime<Utc>>()
        .unwrap();
    let third = &parcels[(won[0] + 2) % 10].1;
    let tap = post_form(
        app,
        &format!("/t/{third}/redelivery?lang=en"),
        format!(
            "slot={}",
            urlencoding(&format!("{}/{}", button.to_rfc3339(), end.to_rfc3339()))
        ),
    )
    .await;
    assert!(
        tap.status().is_redirection() || tap.status() == 200,
        "{}",
        tap.status()
    );
    let third_view = app.get(&format!("/v1/track/{third}"), None).await;
    assert_eq!(
        third_view.body["window"]["start"]
            .as_str()
            .unwrap()
            .parse::<DateTime<Utc>>()
            .unwrap(),
        button,
        "{}",
        third_view.body
    );
}

/// The speedy contract's slots every day: 08–12 with one place, 14–18 with twenty.
async fn set_slots(w: &World) -> crate::helpers::Reply {
    let (contract, admin) = courier_contract(w).await;
    let week = json!(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]);
    let set = w
        .app
        .request(
            reqwest::Method::PATCH,
            &format!("/v1/contracts/{contract}"),
            Some(&admin),
            Some(json!({"delivery_slots": [
                {"days": week, "start": "08:00", "end": "12:00", "capacity": 1},
                {"days": week, "start": "14:00", "end": "18:00", "capacity": 20}
            ]})),
        )
        .await;
    assert_eq!(set.status, 200, "{}", set.body);
    set
}

/// Before the parcel goes out, a reschedule offers the same slots: any other window is a 422,
/// a slot is taken once (again: nothing changes), and a reschedule to another slot gives the
/// first place back.
#[tokio::test]
async fn a_reschedule_picks_a_slot_too() {
    let w = world().await;
    let app = &w.app;
    set_slots(&w).await;
    let mut s = tv(&w);
    s["reference"] = json!("SLOT-RESCHEDULE");
    s["courier_id"] = json!(w.courier);
    let r = app.post("/v1/shipments", Some(&w.shop_key), s).await;
    assert_eq!(r.status, 201, "{}", r.body);
    let token = r.body["tracking"]["token"].as_str().unwrap().to_owned();
    let view = app.get(&format!("/v1/track/{token}"), None).await;
    let slots = view.body["slots"]
        .as_array()
        .expect("slots offered")
        .clone();
    let path = format!("/v1/track/{token}/reschedule");
    let start: DateTime<Utc> = slots[0]["start"].as_str().unwrap().parse().unwrap();
    let off = app
        .post(
            &path,
            None,
            json!({"window": {"start": start, "end": start + Duration::minutes(90)}}),
        )
        .await;
    off.assert_problem(422, "validation");
    assert_eq!(off.body["errors"][0]["field"], "window", "{}", off.body);
    for _ in 0..2 {
        let r = app.post(&path, None, json!({"window": slots[0]})).await;
        assert_eq!(r.status, 200, "{}", r.body);
    }
    let view = app.get(&format!("/v1/track/{token}"), None).await;
    let rescheduled = view.body["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "shipment.rescheduled")
        .count();
    assert_eq!(rescheduled, 1, "the second tap changed nothing");
    assert_eq!(view.body["window"]["start"], slots[0]["start"]);
    // A morning slot has one place: held by this parcel, it is no longer offered to it;
    // moving to another slot gives it back.
    let morning = |v: &Value| -> Vec<Value> {
        let tz: chrono_tz::Tz = v["time_zone"].as_str().unwrap().parse().unwrap();
        v["slots"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| {
                let at: DateTime<Utc> = s["start"].as_str().unwrap().parse().unwrap();
                at.with_timezone(&tz).time() == NaiveTime::from_hms_opt(8, 0, 0).unwrap()
            })
            .cloned()
            .collect()
    };
    let first_morning = morning(&view.body)[0].clone();
    let r = app
        .post(&path, None, json!({"window": first_morning}))
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let held = app.get(&format!("/v1/track/{token}"), None).await;
    assert!(
        !held.body["slots"]
            .as_array()
            .unwrap()
            .contains(&first_morning)
    );
    let r = app
        .post(&path, None, json!({"window": slots.last().unwrap()}))
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let back = app.get(&format!("/v1/track/{token}"), None).await;
    assert!(
        morning(&back.body).contains(&first_morning),
        "the place was given back"
    );
}

fn urlencoding(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
