//! The operations console in real headless Chromium at desk width (`crate::browser`), once with
//! JavaScript off and once with it on: each role logs in through the form and sees its own data
//! only (an outsider's id is the 404 page), the courier answers a dispute and the marketplace
//! resolves it (the API then says so), the chart plots the numbers of `GET /v1/kpis`, a form
//! without its CSRF token is refused, and a deactivated user's session stops at once.

use chrono::{Duration, Utc};
use fantoccini::Locator;
use serde_json::json;

use crate::browser::{Browser, Options, within};
use crate::fixtures::*;
use crate::helpers::PASSWORD;

#[tokio::test]
async fn each_role_works_the_console_in_chromium_without_javascript() {
    within(console_story(false)).await;
}

#[tokio::test]
async fn each_role_works_the_console_in_chromium_with_javascript() {
    within(console_story(true)).await;
}

async fn log_in(b: &Browser, w: &World, email: &str) {
    b.goto(&format!("{}/console/login", w.app.base)).await;
    assert_eq!(b.text("h1").await, "Log in");
    b.fill("#email", email).await;
    b.fill("#password", PASSWORD).await;
    b.submit("main form button").await;
    assert_eq!(b.path().await, "/console", "{email}: {}", b.source().await);
}

async fn log_out(b: &Browser) {
    b.submit("form.logout button").await;
    assert_eq!(b.path().await, "/console/login");
}

async fn value(b: &Browser, css: &str) -> String {
    let e = b.client.find(Locator::Css(css)).await.unwrap();
    e.prop("value").await.unwrap().unwrap_or_default()
}

fn number(attrs: Vec<Option<String>>) -> f64 {
    attrs[0].as_deref().unwrap().parse().unwrap()
}

/// The chart's line for one courier read back off the SVG: each point's height on the y axis
/// (the axis' bottom is 0, its top `top`).
async fn read_line(b: &Browser, courier: &str, top: f64) -> Vec<f64> {
    let axis = "#chart > line.axis-y";
    let y_top = number(b.attrs(axis, "y1").await);
    let y_zero = number(b.attrs(axis, "y2").await);
    let points = b
        .attrs(
            &format!(r#"#chart polyline[data-courier="{courier}"]"#),
            "points",
        )
        .await;
    assert_eq!(points.len(), 1, "one line per courier");
    points[0]
        .as_deref()
        .unwrap_or_default()
        .split_whitespace()
        .map(|p| {
            let (_, y) = p.split_once(',').unwrap();
            top * (y_zero - y.parse::<f64>().unwrap()) / (y_zero - y_top)
        })
        .collect()
}

async fn console_story(js: bool) {
    let w = world().await;
    let app = &w.app;
    let url = |path: &str| format!("{}{path}", app.base);
    // Another marketplace works with another courier: neither shows in the shop's pages.
    let r = app
        .post(
            "/v1/contracts",
            Some(&w.other_shop_admin),
            json!({"partner_id": w.other_courier}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    a_first_attempt_target_and_two_deliveries(&w).await;
    let (shipment, dispute) = disputed_tv(&w).await;
    let api_dispute = format!("/v1/disputes/{dispute}");
    let console_dispute = format!("/console/disputes/{dispute}");
    let b = Browser::start(Options::desktop(js)).await;

    // The courier: its disputes to answer, and it answers; the scorecard is the marketplace's.
    log_in(&b, &w, "admin@speedy.test").await;
    b.submit(r#"main a[href="/console/disputes?status=open"]"#)
        .await;
    b.submit(&format!(r#"#disputes a[href="{console_dispute}"]"#))
        .await;
    assert!(b.text("main").await.contains("I was on the intercom!"));
    b.fill("#response", "The driver rang twice and called her.")
        .await;
    b.submit(r#"form[action$="/response"] button"#).await;
    assert_eq!(b.path().await, console_dispute);
    assert_eq!(b.text("#status").await, "Answered by the courier");
    let api = app.get(&api_dispute, Some(&w.courier_admin)).await;
    assert_eq!(api.status, 200, "{}", api.body);
    assert_eq!(
        api.body["dispute"]["courier_response"],
        "The driver rang twice and called her."
    );
    // Its own scorecard: one row per marketplace it delivers for; the platform's pages are not
    // for it.
    b.goto(&url("/console/scorecard")).await;
    assert_eq!(
        b.text("h1").await,
        "Your KPIs against each marketplace's targets"
    );
    assert_eq!(
        b.attrs("#scorecard tbody tr", "data-marketplace").await,
        [Some(w.shop.clone())]
    );
    assert!(!b.source().await.contains(r#"href="/console/orgs""#));
    b.goto(&url("/console/orgs")).await;
    assert_eq!(b.text("h1").await, "Not allowed");
    log_out(&b).await;

    // The marketplace: its couriers only, against their targets.
    log_in(&b, &w, "admin@shop.test").await;
    let to = Utc::now().date_naive();
    let from = to - Duration::days(20);
    // The range form is a plain GET (typing into date pickers depends on the browser's locale).
    b.goto(&url(&format!("/console/scorecard?from={from}&to={to}")))
        .await;
    assert_eq!(
        b.attrs("#scorecard tbody tr", "data-courier").await,
        [Some(w.courier.clone())]
    );
    let card = b.text("#scorecard").await;
    assert!(card.contains("speedy inc"), "{card}");
    assert!(
        !card.contains("slowpoke inc"),
        "another marketplace's courier"
    );
    if !js {
        b.screenshot("console-scorecard.png").await;
    }
    // Issue 27: a figure's "against" link opens the parcels behind it, the failed TV among them.
    b.submit(
        r#"#scorecard a.against[href^="/console/kpis/first_attempt_success_rate/shipments?"]"#,
    )
    .await;
    let listed = b.attrs("#counted tbody tr", "data-shipment").await;
    assert!(listed.contains(&Some(shipment.clone())), "{listed:?}");
    if !js {
        b.screenshot("console-counted.png").await;
    }
    // Its parcel's page: the attempt in sentences, the evidence link.
    b.submit(&format!(
        r#"#counted a[href="/console/shipments/{shipment}"]"#
    ))
    .await;
    assert_eq!(b.text("h1").await, "TV-C1");
    assert!(b.text("#evidence").await.contains("Evidence bundle"));
    if !js {
        b.screenshot("console-shipment.png").await;
    }
    b.goto(&url(&format!("/console/scorecard?from={from}&to={to}")))
        .await;

    // Its chart, from the scorecard's heading: what is plotted is what the API says.
    b.submit(r#"#scorecard thead a[href^="/console/kpis/first_attempt_success_rate?"]"#)
        .await;
    assert_eq!(value(&b, "#from").await, from.to_string(), "the same range");
    assert_eq!(value(&b, "#to").await, to.to_string());
    if !js {
        b.screenshot("console-chart.png").await;
    }
    let table = plotted(&b.source().await, &w.courier);
    let shop_admin = app.token("admin@shop.test").await;
    let weeks = kpi_by_week(
        app,
        &shop_admin,
        &w.courier,
        "first_attempt_success_rate",
        from,
        to,
    )
    .await;
    let api_values: Vec<f64> = weeks.iter().filter_map(|(_, v)| *v).collect();
    let table_values: Vec<f64> = table.iter().filter_map(|v| *v).collect();
    assert!(!api_values.is_empty(), "{weeks:?}");
    assert_eq!(table_values, api_values, "the table beside the chart");
    assert!(table.len() >= 3, "every week of the 21 days: {table:?}");
    // A rate: the axis goes from 0 to 100 %, and the line's heights are the API's numbers.
    assert_eq!(b.text("#chart > text:nth-of-type(1)").await, "0.0 %");
    assert_eq!(b.text("#chart > text:nth-of-type(5)").await, "100.0 %");
    let line = read_line(&b, &w.courier, 1.0).await;
    assert_eq!(line.len(), api_values.len(), "{line:?}");
    for (drawn, api) in line.iter().zip(&api_values) {
        assert!((drawn - api).abs() < 0.001, "{line:?} vs {api_values:?}");
    }

    // The queue, the dispute with both sides' words.
    b.submit(r#"nav a[href="/console/disputes"]"#).await;
    b.submit(&format!(r#"#disputes a[href="{console_dispute}"]"#))
        .await;
    let main = b.text("main").await;
    assert!(
        main.contains("I was on the intercom!") && main.contains("The driver rang twice"),
        "{main}"
    );
    if !js {
        b.screenshot("console-dispute.png").await;
    }

    // The resolve form with its CSRF token taken out (by chromedriver's script, which runs also
    // when the page's JavaScript is off): the 403 page, nothing changed.
    b.select("#resolution", "upheld").await;
    b.client
        .execute(
            r#"document.querySelector('form[action$="/resolution"] input[name=csrf]').remove()"#,
            vec![],
        )
        .await
        .unwrap();
    b.submit(r#"form[action$="/resolution"] button"#).await;
    assert_eq!(b.text("h1").await, "Form expired");
    let api = app.get(&api_dispute, Some(&w.shop_key)).await;
    assert_eq!(api.body["dispute"]["status"], "responded", "{}", api.body);

    // The form as the page gives it: resolved, and the API says so.
    b.goto(&url(&console_dispute)).await;
    b.select("#resolution", "rejected").await;
    b.select("#remedy", "none").await;
    b.fill("#note", "The calls are in the log: she did not answer.")
        .await;
    b.submit(r#"form[action$="/resolution"] button"#).await;
    assert_eq!(b.path().await, console_dispute);
    assert_eq!(b.text("#status").await, "Resolved");
    let api = app.get(&api_dispute, Some(&w.shop_key)).await;
    assert_eq!(api.body["dispute"]["status"], "resolved", "{}", api.body);
    assert_eq!(api.body["dispute"]["resolution"], "rejected");
    assert_eq!(api.body["dispute"]["remedy"], "none");
    assert_eq!(
        api.body["dispute"]["resolution_note"],
        "The calls are in the log: she did not answer."
    );
    log_out(&b).await;

    // Staff of the other marketplace: its own courier; the shop's dispute and shipment are the
    // 404 page and not in its lists.
    let desk = app
        .user(&w.other_shop_admin, "desk@othershop.test", "staff")
        .await;
    log_in(&b, &w, "desk@othershop.test").await;
    b.submit(r#"nav a[href="/console/scorecard"]"#).await;
    let card = b.text("#scorecard").await;
    assert!(
        card.contains("slowpoke inc") && !card.contains("speedy inc"),
        "{card}"
    );
    for path in [
        console_dispute.clone(),
        format!("/console/shipments/{shipment}"),
    ] {
        b.goto(&url(&path)).await;
        assert_eq!(b.text("h1").await, "Not found", "{path}");
        assert!(!b.source().await.contains("intercom"));
    }
    b.submit(r#"nav a[href="/console/disputes"]"#).await;
    assert!(!b.source().await.contains(&dispute));

    // Deactivated: the very next page is the login.
    let r = app
        .delete(&format!("/v1/users/{desk}"), Some(&w.other_shop_admin))
        .await;
    assert!(r.status.is_success(), "{}", r.body);
    b.submit(r#"nav a[href="/console/scorecard"]"#).await;
    assert_eq!(b.path().await, "/console/login");
    assert_eq!(b.text("h1").await, "Log in");
    b.goto(&url("/console")).await;
    assert_eq!(b.path().await, "/console/login", "the session is gone");
    b.close().await;
}
