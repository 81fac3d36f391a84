//! The driver's app (`/driver`) in headless Chromium at a phone's size, with its JavaScript, a
//! position given through the DevTools protocol and the network cut off mid-round.

use serde_json::{Value, json};

use crate::browser::{Browser, Options, within};
use crate::fixtures::*;
use crate::helpers::PASSWORD;

const PHONE: Options = Options {
    javascript: true,
    width: 412,
    height: 915,
};

/// How many actions the app says are waiting.
fn waiting() -> &'static str {
    "return Number(document.querySelector('#queue').dataset.waiting)"
}

#[tokio::test]
async fn a_driver_works_a_stop_from_the_phone_offline_and_nothing_is_lost() {
    within(async {
        let w = world().await;
        let app = &w.app;
        let d = driver(&w, &w.courier_admin, "pia@speedy.test").await;
        // Parcels above 500 € are handed over against the customer's code.
        let (contract, shop_admin) = courier_contract(&w).await;
        let r = app
            .request(
                reqwest::Method::PATCH,
                &format!("/v1/contracts/{contract}"),
                Some(&shop_admin),
                Some(json!({"pin_above_value_cents": 50000})),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        let mut s = tv(&w);
        s["reference"] = json!("PHONE-1");
        let (start, end) = now_window();
        s["window"] = json!({"start": start, "end": end, "firm": true});
        let r = app.post("/v1/shipments", Some(&w.shop_key), s).await;
        assert_eq!(r.status, 201, "{}", r.body);
        let id = r.body["id"].as_str().unwrap().to_owned();
        let link = r.body["tracking"]["token"].as_str().unwrap().to_owned();
        let h = handoff(app, &id, &w.shop_key, json!({"to": "courier"})).await;
        accept(app, &id, &h, &w.courier_admin, "intact").await;
        // The courier hands it to Pia; she scans its code on her phone.
        let to_pia = handoff(
            app,
            &id,
            &w.courier_admin,
            json!({"to": "driver", "driver_id": d.id}),
        )
        .await;

        let b = Browser::start(PHONE).await;
        b.goto(&format!("{}/driver", app.base)).await;
        // At the customer's door (the shipment's coordinates), 8 m accuracy.
        b.cdp(
            "Browser.grantPermissions",
            json!({"origin": app.base, "permissions": ["geolocation"]}),
        )
        .await;
        b.cdp(
            "Emulation.setGeolocationOverride",
            json!({"latitude": 48.8606, "longitude": 2.3376, "accuracy": 8}),
        )
        .await;
        b.fill("#login input[name=email]", "pia@speedy.test").await;
        b.fill("#login input[name=password]", PASSWORD).await;
        b.click("#login button[type=submit]").await;
        b.until(
            "the route is shown",
            "return !document.querySelector('#route').hidden",
        )
        .await;
        b.fill("#scan input[name=shipment]", &format!("{id}/{to_pia}"))
            .await;
        b.click("#scan button[type=submit]").await;
        let stop = format!("li[data-shipment=\"{id}\"]");
        b.until(
            "the accepted parcel is a stop",
            &format!("return !!document.querySelector('{stop} .out:not([hidden])')"),
        )
        .await;
        b.click(&format!("{stop} .out")).await;
        b.until(
            "out for delivery",
            &format!(
                "return document.querySelector('{stop}')?.dataset.status === 'out_for_delivery' \
                 && {}",
                "Number(document.querySelector('#queue').dataset.waiting) === 0"
            ),
        )
        .await;
        let shipment = app
            .get(&format!("/v1/shipments/{id}"), Some(&d.token))
            .await;
        assert_eq!(
            shipment.body["status"], "out_for_delivery",
            "{}",
            shipment.body
        );
        // Out for delivery, the app reports where the phone is (at the door): the stop and the
        // customer's link show the approach, the link never the position.
        b.goto(&format!("{}/driver", app.base)).await;
        b.until(
            "the stop shows its estimate",
            &format!(
                "return !!document.querySelector('{stop} .state')?.textContent.includes('≈ 1 min')"
            ),
        )
        .await;
        let tracked = app.get(&format!("/v1/track/{link}"), None).await;
        assert_eq!(tracked.body["live"]["stops_before"], 0, "{}", tracked.body);
        assert!(tracked.body["live"].get("lat").is_none(), "{}", tracked.body);

        // The network goes: a failed visit with the intercom's answer and a photo of the door.
        b.offline(true).await;
        let photo = tempfile::Builder::new().suffix(".jpg").tempfile().unwrap();
        std::fs::write(photo.path(), jpeg(640, 480, None)).unwrap();
        b.select(&format!("{stop} select[name=outcome]"), "failed")
            .await;
        b.select(
            &format!("{stop} select[name=failure_reason]"),
            "recipient_absent",
        )
        .await;
        b.fill(
            &format!("{stop} input[name=intercom_note]"),
            "Rang 3 times, no answer",
        )
        .await;
        b.fill(
            &format!("{stop} input[name=photo]"),
            &photo.path().display().to_string(),
        )
        .await;
        let before_send = chrono::Utc::now();
        b.click(&format!("{stop} form.attempt button[type=submit]"))
            .await;
        b.until(
            "the attempt and its photo wait",
            &format!("{} === 2", waiting()),
        )
        .await;
        let attempts = app
            .get(&format!("/v1/shipments/{id}/attempts"), Some(&d.token))
            .await;
        assert_eq!(attempts.body["items"], json!([]), "nothing sent offline");

        // Reloaded while offline: the queue is still there.
        b.goto(&format!("{}/driver", app.base)).await;
        b.until("the queue survived", &format!("{} === 2", waiting()))
            .await;

        // Back online: both go, once, in order, with the phone's time and position.
        b.offline(false).await;
        b.click("#refresh").await;
        b.until("the queue drained", &format!("{} === 0", waiting()))
            .await;
        let attempts = app
            .get(&format!("/v1/shipments/{id}/attempts"), Some(&d.token))
            .await;
        let items = attempts.body["items"].as_array().unwrap();
        assert_eq!(items.len(), 1, "{}", attempts.body);
        let a: &Value = &items[0];
        assert_eq!(a["outcome"], "failed");
        assert_eq!(a["failure_reason"], "recipient_absent");
        assert_eq!(a["intercom_note"], "Rang 3 times, no answer");
        let occurred: chrono::DateTime<chrono::Utc> =
            serde_json::from_value(a["occurred_at"].clone()).unwrap();
        assert!(
            occurred <= before_send + chrono::Duration::seconds(5),
            "the device time of the tap, not of the sending: {a}"
        );
        assert!(
            a["distance_m"].as_f64().is_some_and(|m| m < 50.0),
            "GPS from the phone, at the door: {a}"
        );
        let photos = a["photos"].as_array().map(Vec::len).unwrap_or(0);
        assert_eq!(photos, 1, "the photo followed its attempt: {a}");
        b.until(
            "the server's word on the stop",
            &format!(
                "return document.querySelector('{stop} .state')?.textContent === 'failed attempt'"
            ),
        )
        .await;

        // A second parcel for Pia: the push's notification opens the app on its hand-off, one
        // tap accepts it.
        let mut s = tv(&w);
        s["reference"] = json!("PHONE-2");
        s["window"] = json!({"start": start, "end": end, "firm": true});
        let r = app.post("/v1/shipments", Some(&w.shop_key), s).await;
        let id2 = r.body["id"].as_str().unwrap().to_owned();
        let link2 = r.body["tracking"]["token"].as_str().unwrap().to_owned();
        let h = handoff(app, &id2, &w.shop_key, json!({"to": "courier"})).await;
        accept(app, &id2, &h, &w.courier_admin, "intact").await;
        let h2 = handoff(
            app,
            &id2,
            &w.courier_admin,
            json!({"to": "driver", "driver_id": d.id}),
        )
        .await;
        b.goto(&format!(
            "{}/driver?handoff={id2}/{h2}&ref=PHONE-2",
            app.base
        ))
        .await;
        b.until(
            "the announced hand-off is offered",
            "return !!document.querySelector('button.take')?.textContent.includes('PHONE-2')",
        )
        .await;
        b.click("button.take").await;
        b.until(
            "the second parcel is a stop",
            &format!(
                "return !!document.querySelector('li[data-shipment=\"{id2}\"] .out:not([hidden])')"
            ),
        )
        .await;
        let second = app
            .get(&format!("/v1/shipments/{id2}"), Some(&d.token))
            .await;
        assert_eq!(second.body["driver_id"], d.id.as_str(), "{}", second.body);

        // Offline again for the whole second stop: set out, call (no answer), then hand it
        // over against the code the customer reads from their link.
        let pin = app.get(&format!("/v1/track/{link2}"), None).await.body["handover_pin"]
            .as_str()
            .unwrap()
            .to_owned();
        b.offline(true).await;
        let stop2 = format!("li[data-shipment=\"{id2}\"]");
        b.click(&format!("{stop2} .out")).await;
        b.until(
            "set out, queued",
            &format!(
                "return !document.querySelector('{stop2} form.attempt')?.hidden && {} === 1",
                "Number(document.querySelector('#queue').dataset.waiting)"
            ),
        )
        .await;
        // The dialer is the phone's: the link's navigation is held back, the app's question stays.
        b.until(
            "the call asked about",
            &format!(
                "const a = document.querySelector('{stop2} .call'); \
                 a.addEventListener('click', (e) => e.preventDefault()); a.click(); \
                 return !!document.querySelector('{stop2} .called .no_answer')"
            ),
        )
        .await;
        b.click(&format!("{stop2} .called .no_answer")).await;
        b.until("the call queued", &format!("{} === 2", waiting()))
            .await;
        b.select(&format!("{stop2} select[name=outcome]"), "delivered")
            .await;
        b.select(
            &format!("{stop2} select[name=placement]"),
            "handed_to_recipient",
        )
        .await;
        b.fill(&format!("{stop2} input[name=recipient_name]"), "Camille")
            .await;
        b.fill(&format!("{stop2} input[name=handover_pin]"), &pin)
            .await;
        let tapped = chrono::Utc::now();
        b.click(&format!("{stop2} form.attempt button[type=submit]"))
            .await;
        b.until("three waiting", &format!("{} === 3", waiting()))
            .await;
        b.goto(&format!("{}/driver", app.base)).await;
        b.until("the queue survived", &format!("{} === 3", waiting()))
            .await;
        b.offline(false).await;
        b.click("#refresh").await;
        b.until("the queue drained", &format!("{} === 0", waiting()))
            .await;
        let calls = app
            .get(
                &format!("/v1/shipments/{id2}/contact-attempts"),
                Some(&d.token),
            )
            .await;
        assert_eq!(calls.body["items"].as_array().map(Vec::len), Some(1));
        let attempts = app
            .get(&format!("/v1/shipments/{id2}/attempts"), Some(&d.token))
            .await;
        let items = attempts.body["items"].as_array().unwrap();
        assert_eq!(items.len(), 1, "{}", attempts.body);
        let a = &items[0];
        assert_eq!(a["outcome"], "delivered", "{a}");
        assert_eq!(a["pin_verified"], true, "{a}");
        assert_eq!(a["verified"], true, "on time, at the door, nothing to flag: {a}");
        let occurred: chrono::DateTime<chrono::Utc> =
            serde_json::from_value(a["occurred_at"].clone()).unwrap();
        assert!(occurred <= tapped + chrono::Duration::seconds(5), "{a}");
        let call_at: chrono::DateTime<chrono::Utc> =
            serde_json::from_value(calls.body["items"][0]["occurred_at"].clone()).unwrap();
        assert!(call_at <= occurred, "in order, with their device times");

        // A push as the push service hands it to the service worker (the DevTools protocol
        // delivers it; headless Chromium has no push service): the worker shows it and tells
        // the page, which offers the hand-off it announces.
        b.cdp(
            "Browser.grantPermissions",
            json!({"origin": app.base, "permissions": ["notifications"]}),
        )
        .await;
        b.cdp("ServiceWorker.enable", json!({})).await;
        let push = json!({"kind": "handoff.requested", "text": "New parcel PUSH-3",
            "shipment_id": "shp_pushed", "handoff_id": "hof_pushed", "reference": "PUSH-3"})
        .to_string();
        // A fresh profile numbers its first registration 0.
        let delivered = b
            .try_cdp(
                "ServiceWorker.deliverPushMessage",
                json!({"origin": app.base, "registrationId": "0", "data": push}),
            )
            .await;
        assert!(delivered.is_ok(), "{delivered:?}");
        b.until(
            "the pushed hand-off is offered",
            "return [...document.querySelectorAll('button.take')].some((b) => b.textContent.includes('PUSH-3'))",
        )
        .await;

        // A visit recorded offline on a parcel the shop cancels meanwhile: back online, the
        // server refuses it (409) and the app says so with the server's words, never retrying.
        let mut s = tv(&w);
        s["reference"] = json!("PHONE-3");
        s["window"] = json!({"start": start, "end": end, "firm": true});
        let r = app.post("/v1/shipments", Some(&w.shop_key), s).await;
        let id3 = r.body["id"].as_str().unwrap().to_owned();
        let h = handoff(app, &id3, &w.shop_key, json!({"to": "courier"})).await;
        accept(app, &id3, &h, &w.courier_admin, "intact").await;
        let h = handoff(
            app,
            &id3,
            &w.courier_admin,
            json!({"to": "driver", "driver_id": d.id}),
        )
        .await;
        accept(app, &id3, &h, &d.token, "intact").await;
        start_round(app, &d, &id3).await;
        b.click("#refresh").await;
        let stop3 = format!("li[data-shipment=\"{id3}\"]");
        b.until(
            "the third stop can be recorded",
            &format!(
                "const f = document.querySelector('{stop3} form.attempt'); return !!f && !f.hidden"
            ),
        )
        .await;
        b.offline(true).await;
        b.select(&format!("{stop3} select[name=outcome]"), "failed")
            .await;
        b.click(&format!("{stop3} form.attempt button[type=submit]"))
            .await;
        b.until("the visit waits", &format!("{} === 1", waiting()))
            .await;
        let r = app
            .post(
                &format!("/v1/shipments/{id3}/cancel"),
                Some(&w.shop_key),
                json!({"note": "customer cancelled"}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        b.offline(false).await;
        b.click("#refresh").await;
        b.until(
            "the refusal is shown, not retried",
            &format!(
                "return {} === 0 && document.querySelector('#refusals')?.textContent.includes('PHONE-3') \
                 && document.querySelector('#refusals').textContent.includes('cancelled')",
                "Number(document.querySelector('#queue').dataset.waiting)"
            ),
        )
        .await;
        let attempts = app
            .get(&format!("/v1/shipments/{id3}/attempts"), Some(&w.shop_key))
            .await;
        assert_eq!(attempts.body["items"], json!([]), "{}", attempts.body);
        b.screenshot("driver-app.png").await;
        b.close().await;
    })
    .await;
}

/// The app's files: served by the binary, versioned, the page under a strict policy, the
/// worker allowed to control `/driver`.
#[tokio::test]
async fn the_app_is_served_by_the_binary_and_cached_by_version() {
    let app = crate::helpers::TestApp::spawn().await;
    let page = app
        .client
        .get(format!("{}/driver", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let csp = page.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(csp.contains("script-src 'self'"), "{csp}");
    assert_eq!(page.headers()["cache-control"], "no-cache");
    let html = page.text().await.unwrap();
    let v = html
        .split("/driver/app.js?v=")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_owned();
    assert_eq!(v.len(), 12, "{html}");
    let js = app
        .client
        .get(format!("{}/driver/app.js?v={v}", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(js.status(), 200);
    assert!(
        js.headers()["cache-control"]
            .to_str()
            .unwrap()
            .contains("immutable")
    );
    let sw = app
        .client
        .get(format!("{}/driver/sw.js", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(sw.headers()["service-worker-allowed"], "/driver");
    assert!(sw.text().await.unwrap().contains(&format!("\"{v}\"")));
    let manifest: Value = app
        .client
        .get(format!("{}/driver/manifest.webmanifest", app.base))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(manifest["start_url"], "/driver");
}

/// Bench, run by hand: the app on a throttled phone (Lighthouse's mobile preset: 150 ms round
/// trips, 1.6 Mbit/s down, 750 kbit/s up, the CPU slowed 4×) — bytes and time to a usable
/// screen, first load and warm start — and the queue's drain when 50 actions come back online
/// at once (unthrottled, the server on this machine).
/// `cargo test --test api driver_app::bench_driver_app -- --ignored --nocapture`
#[tokio::test]
#[ignore]
async fn bench_driver_app() {
    within(async {
        let w = world().await;
        let app = &w.app;
        let d = driver(&w, &w.courier_admin, "bench@speedy.test").await;
        let (id, _) = out_now(&w, "BENCH-1", &d).await;
        let b = Browser::start(PHONE).await;
        let throttle = || async {
            b.cdp("Network.enable", json!({})).await;
            b.cdp(
                "Network.emulateNetworkConditions",
                json!({"offline": false, "latency": 150,
                    "downloadThroughput": 1_600_000 / 8, "uploadThroughput": 750_000 / 8}),
            )
            .await;
            b.cdp("Emulation.setCPUThrottlingRate", json!({"rate": 4}))
                .await;
        };
        // What the page says about its own load: bytes over the wire, and the time until the
        // script has drawn the screen (`ready`: the login form or the route is shown).
        let timing = "const done = arguments[0]; \
            const n = performance.getEntriesByType('navigation')[0]; \
            const r = performance.getEntriesByType('resource'); \
            const bytes = n.transferSize + r.reduce((s, e) => s + e.transferSize, 0); \
            done({bytes, dcl: Math.round(n.domContentLoadedEventEnd), load: Math.round(n.loadEventEnd), \
                  ready: Math.round(performance.now())});";
        throttle().await;
        b.goto(&format!("{}/driver", app.base)).await;
        b.until(
            "the login form",
            "return !document.querySelector('#login').hidden && document.readyState === 'complete'",
        )
        .await;
        println!("first load: {}", b.eval_async(timing).await);
        b.fill("#login input[name=email]", "bench@speedy.test").await;
        b.fill("#login input[name=password]", PASSWORD).await;
        b.click("#login button[type=submit]").await;
        b.until("the route", "return !document.querySelector('#route').hidden")
            .await;
        // Warm: the service worker and the versioned files are cached.
        b.goto(&format!("{}/driver", app.base)).await;
        b.until(
            "the route, warm",
            "return !document.querySelector('#route').hidden && document.readyState === 'complete'",
        )
        .await;
        println!("warm start: {}", b.eval_async(timing).await);

        // 50 calls recorded offline, then the network back (and the phone's full speed).
        b.cdp("Emulation.setCPUThrottlingRate", json!({"rate": 1}))
            .await;
        b.offline(true).await;
        let queue = format!(
            "const done = arguments[0]; (async () => {{ for (let i = 0; i < 50; i++) \
             await enqueue({{kind: 'call', shipment: '{id}', method: 'POST', \
             path: '/v1/shipments/{id}/contact-attempts', body: {{channel: 'call', \
             outcome: 'no_answer', occurred_at: new Date().toISOString()}}}}); }})() \
             .then(() => done(true));"
        );
        b.eval_async(&queue).await;
        b.until("50 waiting", &format!("{} === 50", waiting())).await;
        b.offline(false).await;
        let started = std::time::Instant::now();
        b.click("#refresh").await;
        b.until("the queue drained", &format!("{} === 0", waiting()))
            .await;
        let took = started.elapsed();
        let r = app
            .get(
                &format!("/v1/shipments/{id}/contact-attempts?limit=100"),
                Some(&d.token),
            )
            .await;
        let n = r.body["items"].as_array().map(Vec::len).unwrap_or(0);
        println!(
            "drain: {n} actions in {:.2} s ({:.0}/s)",
            took.as_secs_f64(),
            n as f64 / took.as_secs_f64()
        );
        assert_eq!(n, 50, "every action arrived once: {}", r.body);
        b.close().await;
    })
    .await;
}
