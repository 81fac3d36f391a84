//! The customer's tracking page in real headless Chromium (chromedriver + fantoccini), with
//! JavaScript off (`crate::browser`): follow, fix the phone number, contest a false "not home",
//! rate the driver.

use crate::browser::{Browser, Options, within};
use crate::fixtures::*;
use chrono::Utc;
use fantoccini::Locator;
use serde_json::json;

fn page(w: &World, token: &str) -> String {
    format!("{}/t/{token}", w.app.base)
}

#[tokio::test]
async fn from_the_link_alone_a_customer_follows_fixes_contests_and_rates() {
    within(customer_story()).await;
}

async fn customer_story() {
    let w = world().await;
    let app = &w.app;
    let d = driver(&w, &w.courier_admin, "browser@speedy.test").await;
    let (id, token) = out_now(&w, "WEB-1", &d).await;
    let b = Browser::start(Options::PHONE).await;

    // A wrong link: a friendly page, not an error dump.
    b.client.goto(&page(&w, "trk_nope")).await.unwrap();
    assert_eq!(b.text("h1").await, "We cannot find this parcel");

    // Follow: status in words, the PIN, no script anywhere (JavaScript is off in this browser).
    b.client.goto(&page(&w, &token)).await.unwrap();
    assert_eq!(b.text("#status").await, "Out for delivery");
    assert_eq!(b.text("#pin").await.len(), 6);
    let html = b.source().await;
    // The one script is the optional reload while the driver is on the way (off here).
    assert!(
        html.matches("<script").count() == html.matches("/t/assets/refresh.js").count()
            && html.matches("<script").count() <= 1,
        "no JavaScript needed"
    );
    assert!(html.contains("Handed to speedy inc"), "timeline in words");

    // Fix the phone number: a wrong one is refused next to the field, what was typed is kept.
    b.fill("#contact-phone", "12").await;
    b.submit("#contact button").await;
    assert_eq!(
        b.text("#contact-phone-error").await,
        "This phone number is not valid."
    );
    let kept = b
        .client
        .find(Locator::Css("#contact-phone"))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap();
    assert_eq!(kept.as_deref(), Some("12"));
    b.fill("#contact-phone", "06 98 76 54 32").await;
    b.submit("#contact button").await;
    assert!(b.text(".done").await.contains("updated"));
    let s = app
        .get(&format!("/v1/shipments/{id}"), Some(&w.shop_key))
        .await;
    assert_eq!(s.body["recipient"]["phone"], "+33698765432", "{}", s.body);

    // A false "not home": the attempt shows, the customer contests it from the page.
    fail(app, &d, &id, "web-fail", Utc::now()).await;
    b.client.goto(&page(&w, &token)).await.unwrap();
    assert_eq!(b.text("#status").await, "Delivery attempt failed");
    b.client
        .find(Locator::Css("#dispute-reason"))
        .await
        .unwrap()
        .select_by_value("was_home")
        .await
        .unwrap();
    b.fill("#dispute-comment", "I was at home, nobody rang.")
        .await;
    b.submit("#dispute button").await;
    assert!(b.text(".done").await.contains("dispute was sent"));
    let disputes = app.get("/v1/disputes", Some(&w.shop_key)).await;
    let item = &disputes.body["items"][0];
    assert_eq!(item["reason"], "was_home");
    assert_eq!(item["comment"], "I was at home, nobody rang.");

    // Rate after the delivery: 4 stars, a tag, a comment; the driver's rating shows it.
    start_round(app, &d, &id).await;
    deliver(app, &d, &id, Utc::now()).await;
    b.client.goto(&page(&w, &token)).await.unwrap();
    assert_eq!(b.text("#status").await, "Delivered");
    b.submit("#rating button").await;
    assert_eq!(
        b.text("#rating-stars-error").await,
        "Choose from 1 to 5 stars."
    );
    b.click("label[for=stars-4]").await;
    b.click("input[name=tag_called_ahead]").await;
    b.fill("#rating-comment", "Called before coming up.").await;
    b.submit("#rating button").await;
    assert!(b.text(".done").await.contains("Thank you"));
    let r = app
        .get(
            &format!("/v1/drivers/{}/rating", d.id),
            Some(&w.courier_admin),
        )
        .await;
    assert_eq!(r.body["average"], 4.0, "{}", r.body);
    assert_eq!(r.body["comments"][0]["comment"], "Called before coming up.");
    assert_eq!(r.body["tags"][0]["tag"], "called_ahead");
    assert!(
        b.text("#driver").await.contains("4.0"),
        "the driver's stars on the page"
    );

    // The same page in French, by the switch.
    b.submit(".switch a").await;
    assert_eq!(b.text("#status").await, "Livré");
    b.client.goto(&page(&w, &token)).await.unwrap();
    b.screenshot("tracking-page.png").await;
    b.client.clone().close().await.unwrap();
}

#[tokio::test]
async fn the_page_names_who_must_confirm_a_hand_over_and_says_lost_in_plain_words() {
    within(lost_between_parties()).await;
}

async fn lost_between_parties() {
    let w = world().await;
    let app = &w.app;
    let r = app.post("/v1/shipments", Some(&w.shop_key), tv(&w)).await;
    let id = r.body["id"].as_str().unwrap().to_owned();
    let token = r.body["tracking"]["token"].as_str().unwrap().to_owned();
    let h = handoff(app, &id, &w.shop_key, json!({"to": "supplier"})).await;
    accept(app, &id, &h, &w.supplier_admin, "intact").await;
    handoff(app, &id, &w.supplier_admin, json!({"to": "courier"})).await;
    let b = Browser::start(Options::PHONE).await;

    // Waiting for the courier, by name and since when; it is not the carrier yet.
    b.client.goto(&page(&w, &token)).await.unwrap();
    let waiting = b.text("#handover").await;
    assert!(
        waiting.starts_with("Waiting for speedy inc to confirm they have it (since ")
            && waiting.ends_with(" (UTC))."),
        "{waiting}"
    );
    assert!(!b.source().await.contains("Carrier:"));

    // The supplier (the giver) declares it lost: the page says so, and where it was last seen.
    let r = app
        .post(
            &format!("/v1/shipments/{id}/lost"),
            Some(&w.supplier_admin),
            json!({"note": "the courier never scanned it"}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    b.client.goto(&page(&w, &token)).await.unwrap();
    assert_eq!(b.text("#status").await, "Your parcel was reported lost");
    assert!(
        b.text("#last-confirmed")
            .await
            .starts_with("Last confirmed with acme inc on "),
    );
    assert!(
        b.text("#custody")
            .await
            .contains("speedy inc never confirmed receiving it")
    );
    b.client.clone().close().await.unwrap();
}

#[tokio::test]
async fn the_page_is_locked_down_and_speaks_the_browsers_language() {
    let w = world().await;
    let app = &w.app;
    let d = driver(&w, &w.courier_admin, "headers@speedy.test").await;
    let (_, token) = out_now(&w, "WEB-2", &d).await;
    let r = app
        .client
        .get(format!("{}/t/{token}", app.base))
        .header("Accept-Language", "fr-FR,fr;q=0.9")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let h = r.headers().clone();
    let csp = h["content-security-policy"].to_str().unwrap();
    assert!(
        csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'"),
        "{csp}"
    );
    assert_eq!(h["referrer-policy"], "no-referrer");
    assert_eq!(h["cache-control"], "no-store");
    assert!(h["content-type"].to_str().unwrap().starts_with("text/html"));
    let body = r.text().await.unwrap();
    assert!(
        body.contains("En cours de livraison"),
        "French from Accept-Language"
    );
    assert!(body.contains("lang=\"fr\""));

    let r = app
        .client
        .get(format!("{}/t/trk_unknown", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    assert!(r.text().await.unwrap().contains("cannot find this parcel"));

    // A form post with an invalid window: 422 with the page, the error next to the field.
    let r = app
        .post("/v1/shipments", Some(&w.shop_key), {
            let mut s = tv(&w);
            s["reference"] = json!("WEB-3");
            s
        })
        .await;
    let token = r.body["tracking"]["token"].as_str().unwrap().to_owned();
    let r = post_form(
        app,
        &format!("/t/{token}/reschedule?lang=en"),
        "start=2020-01-01T10%3A00&end=nonsense",
    )
    .await;
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(body.contains("reschedule-end-error"), "{body}");
    let r = post_form(app, &format!("/t/{token}/early-consent"), "").await;
    assert_eq!(r.status(), 303);
    assert!(
        r.headers()["location"]
            .to_str()
            .unwrap()
            .contains("done=early")
    );
}

#[tokio::test]
async fn a_paris_window_reads_in_paris_time_in_the_browser() {
    within(paris_window()).await;
}

async fn paris_window() {
    let w = world().await;
    let mut s = tv(&w);
    s["reference"] = json!("WEB-PARIS");
    s["time_zone"] = json!("Europe/Paris");
    let r = w.app.post("/v1/shipments", Some(&w.shop_key), s).await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(r.body["window"]["start"], "2026-05-02T06:00:00Z");
    let token = r.body["tracking"]["token"].as_str().unwrap().to_owned();
    let b = Browser::start(Options::PHONE).await;
    b.client
        .goto(&format!("{}?lang=en", page(&w, &token)))
        .await
        .unwrap();
    let text = b.text("main").await;
    assert!(
        text.contains("Promised delivery: Sat 2 May, 08:00–14:00 (Paris time)"),
        "{text}"
    );
    for (field, local) in [("start", "2026-05-02T08:00"), ("end", "2026-05-02T14:00")] {
        let value = b
            .client
            .find(Locator::Css(&format!("#reschedule-{field}")))
            .await
            .unwrap()
            .prop("value")
            .await
            .unwrap();
        assert_eq!(
            value.as_deref(),
            Some(local),
            "the {field} field in Paris time"
        );
    }
}

#[tokio::test]
async fn redelivery_on_the_page_the_customer_accepts_the_proposal_then_picks_another_time() {
    within(redelivery_story()).await;
}

async fn redelivery_story() {
    let w = world().await;
    let app = &w.app;
    let d = driver(&w, &w.courier_admin, "again@speedy.test").await;
    let (id, token) = out_now(&w, "WEB-R", &d).await;
    fail(app, &d, &id, "web-r-fail", Utc::now()).await;
    let start = (Utc::now() + chrono::Duration::days(1))
        .date_naive()
        .and_hms_opt(9, 0, 0)
        .unwrap()
        .and_utc();
    let r = app
        .post(
            &format!("/v1/shipments/{id}/redelivery-proposal"),
            Some(&w.courier_admin),
            json!({"window": {"start": start, "end": start + chrono::Duration::hours(3)}}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let b = Browser::start(Options::PHONE).await;

    // The courier's proposal, with a button.
    b.client.goto(&page(&w, &token)).await.unwrap();
    assert_eq!(b.text("#redelivery h2").await, "Choose a new day");
    assert!(
        b.text("#redelivery-proposal")
            .await
            .contains("The carrier proposes")
    );
    b.submit("#redelivery-accept").await;
    assert!(
        b.text(".done")
            .await
            .contains("accepted the carrier's time")
    );
    assert!(
        b.text("#redelivery-chosen")
            .await
            .contains("The driver comes back")
    );
    let t = app.get(&format!("/v1/track/{token}"), None).await;
    assert_eq!(t.body["redelivery"]["state"], "chosen");
    assert_eq!(
        t.body["window"]["start"]
            .as_str()
            .unwrap()
            .parse::<chrono::DateTime<Utc>>()
            .unwrap(),
        start
    );

    // The form comes filled with a time the courier can honour (here the chosen one): one click
    // confirms it (typing into date pickers depends on the browser's locale).
    let filled = b
        .client
        .find(Locator::Css("#redelivery-start"))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap();
    assert_eq!(filled, Some(start.format("%Y-%m-%dT%H:%M").to_string()));
    b.submit("#redelivery-form button").await;
    let done = b.source().await;
    assert!(
        done.contains("Your new delivery time is recorded"),
        "{done}"
    );
    let t = app.get(&format!("/v1/track/{token}"), None).await;
    let kinds = t.body["timeline"].to_string();
    assert_eq!(kinds.matches("redelivery.chosen").count(), 2, "{}", t.body);
    b.client.clone().close().await.unwrap();
}

/// Issue 28: the timeline in the customer's words — the announced time, the photo, the shop's
/// decision and what it does — and a page kept out of search engines, with its own icon.
#[tokio::test]
async fn the_page_tells_the_eta_the_photo_and_the_decision_and_stays_private() {
    let w = world().await;
    let app = &w.app;
    let d = driver(&w, &w.courier_admin, "words@speedy.test").await;
    let (id, token) = out_now(&w, "WEB-9", &d).await;
    let r = app
        .post(
            &format!("/v1/shipments/{id}/eta"),
            Some(&d.token),
            json!({"eta": Utc::now() + chrono::Duration::minutes(30)}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    held_since(app, &id, chrono::Duration::hours(1)).await;
    let attempt = fail(
        app,
        &d,
        &id,
        "web9-fail",
        Utc::now() - chrono::Duration::minutes(10),
    )
    .await;
    let r = upload(
        app,
        &d.token,
        &attempt,
        "door",
        jpeg(64, 48, None),
        "image/jpeg",
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let r = app
        .post(
            &format!("/v1/track/{token}/disputes"),
            None,
            json!({"reason": "was_home", "comment": "I was home"}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let dispute = r.body["id"].as_str().unwrap().to_owned();
    let r = app
        .post(
            &format!("/v1/disputes/{dispute}/resolution"),
            Some(&w.shop_key),
            json!({"resolution": "upheld", "remedy": "redeliver", "note": "sorry"}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);

    let r = app
        .client
        .get(format!("{}/t/{token}?lang=en", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["x-robots-tag"], "noindex, nofollow");
    let page = r.text().await.unwrap();
    assert!(page.contains(r#"<meta name="robots" content="noindex, nofollow">"#));
    assert!(page.contains("Arrival announced for "), "{page}");
    assert!(!page.contains("Arrival time announced"), "{page}");
    assert!(
        page.contains("The driver added a photo to the delivery attempt"),
        "{page}"
    );
    assert!(
        page.contains("The shop agreed with you. The parcel will be delivered again"),
        "{page}"
    );
    assert!(!page.contains(">Update<"), "every event in words: {page}");
    // The contested attempt was decided: the decision, not the form again.
    assert!(page.contains(r#"id="decision""#), "{page}");
    assert!(!page.contains(r#"id="dispute-reason""#), "{page}");
    let icon = page
        .split(r#"<link rel="icon" href=""#)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_owned();
    let r = app
        .client
        .get(format!("{}{icon}", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "image/svg+xml");
}

/// The page and its stylesheet travel gzip-compressed to a browser that asks for it, with the
/// stylesheet versioned and cached for good; without the asking, plain.
#[tokio::test]
async fn the_page_travels_compressed_and_its_assets_are_cached_for_good() {
    let w = world().await;
    let app = &w.app;
    let d = driver(&w, &w.courier_admin, "gzip@speedy.test").await;
    let (_, token) = out_now(&w, "GZIP-1", &d).await;
    let client = reqwest::Client::new();
    let get = |path: String, gzip: bool| {
        let mut req = client.get(format!("{}{path}", app.base));
        if gzip {
            req = req.header("accept-encoding", "gzip");
        }
        req.send()
    };
    let page = get(format!("/t/{token}?lang=en"), true).await.unwrap();
    assert_eq!(page.status(), 200);
    assert_eq!(page.headers()["content-encoding"], "gzip");
    let plain = get(format!("/t/{token}?lang=en"), false).await.unwrap();
    assert!(plain.headers().get("content-encoding").is_none());
    let html = plain.text().await.unwrap();
    let css = html
        .split(r#"rel="stylesheet" href=""#)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .replace("&amp;", "&");
    assert!(css.contains("?v="), "{css}");
    let sheet = get(css, true).await.unwrap();
    assert_eq!(sheet.headers()["content-encoding"], "gzip");
    assert_eq!(
        sheet.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    // Crawlers are told to keep off the links (each page also says noindex), and the page
    // describes itself.
    let robots = get("/robots.txt".to_owned(), false).await.unwrap();
    assert!(robots.text().await.unwrap().contains("Disallow: /t/"));
    assert!(html.contains(r#"<meta name="description""#), "{html}");
}

/// Issue 28: the page leads with the one thing to do now. On a phone, the first control is
/// the state's action and sits on the first screen (844 px): after a failed visit, choosing the
/// new day (the stale window and ETA gone); delivered, rating; out for delivery, the PIN to
/// have ready comes before any form.
#[tokio::test]
async fn on_a_phone_the_first_control_is_the_action_of_the_state() {
    within(async {
        let w = world().await;
        let app = &w.app;
        let d = driver(&w, &w.courier_admin, "lead@speedy.test").await;
        let (out_id, out_token) = out_now(&w, "LEAD-OUT", &d).await;
        let (failed_id, failed_token) = out_now(&w, "LEAD-FAIL", &d).await;
        fail(app, &d, &failed_id, "lead-fail", Utc::now()).await;
        let (done_id, done_token) = out_now(&w, "LEAD-DONE", &d).await;
        deliver(app, &d, &done_id, Utc::now()).await;
        let _ = out_id;

        let b = Browser::start(Options::PHONE).await;
        let first_control =
            "main a, main button, main input:not([type=hidden]), main select, main textarea";
        let first = |css: &'static str| {
            let b = &b;
            async move {
                let e = b.client.find(Locator::Css(css)).await.unwrap();
                let id = e.attr("id").await.unwrap().unwrap_or_default();
                let y = e.rectangle().await.unwrap().1;
                (id, y)
            }
        };
        b.client.goto(&page(&w, &failed_token)).await.unwrap();
        let (id, y) = first(first_control).await;
        assert_eq!(id, "redelivery-start", "choose the new day first");
        assert!(y < 844.0, "on the first screen: {y}");
        let html = b.source().await;
        assert!(
            !html.contains("id=\"window\"") && !html.contains("id=\"eta\""),
            "no stale promise"
        );

        b.client.goto(&page(&w, &done_token)).await.unwrap();
        let (id, y) = first(first_control).await;
        assert_eq!(id, "stars-1", "rate first");
        assert!(y < 844.0, "on the first screen: {y}");

        b.client.goto(&page(&w, &out_token)).await.unwrap();
        let (id, _) = first(first_control).await;
        assert_eq!(id, "contact-phone");
        let pin = b.client.find(Locator::Css("#pin")).await.unwrap();
        let (pin_y, control_y) = (
            pin.rectangle().await.unwrap().1,
            first(first_control).await.1,
        );
        assert!(pin_y < control_y, "the PIN to have ready comes first");
        b.close().await;
    })
    .await;
}
