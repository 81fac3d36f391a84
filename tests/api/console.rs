//! The operations console over real HTTP: a cookie session from the API's own password check,
//! pages through the API's services (another party's dispute is the 404 page), CSRF on forms,
//! a deactivated user stopped at once, and the chart's numbers equal to `GET /v1/kpis`.

use chrono::{Datelike, Duration, Utc};
use reqwest::header::{COOKIE, LOCATION, SET_COOKIE};
use serde_json::json;

use crate::fixtures::*;
use crate::helpers::{PASSWORD, TestApp};

fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// A console session: the cookie a browser would send back.
struct Session {
    cookie: String,
}

/// The login form as a browser gets it: its cookie and the token the form carries.
async fn login_form(app: &TestApp) -> (String, String) {
    let r = browser()
        .get(format!("{}/console/login", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let set = r.headers()[SET_COOKIE].to_str().unwrap().to_owned();
    for attr in ["HttpOnly", "SameSite=Strict", "Path=/console"] {
        assert!(set.contains(attr), "{set}");
    }
    let cookie = set.split(';').next().unwrap().to_owned();
    assert!(cookie.starts_with("doorstep_login="), "{cookie}");
    let page = r.text().await.unwrap();
    let token = page
        .split(r#"name="csrf" value=""#)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_owned();
    (cookie, token)
}

/// Post the login form (fetched first, as a browser does).
async fn post_login(app: &TestApp, email: &str, password: &str) -> reqwest::Response {
    let (cookie, token) = login_form(app).await;
    browser()
        .post(format!("{}/console/login", app.base))
        .header("content-type", "application/x-www-form-urlencoded")
        .header(COOKIE, cookie)
        .body(format!(
            "email={}&password={}&csrf={token}",
            email.replace('@', "%40"),
            password.replace(' ', "+")
        ))
        .send()
        .await
        .unwrap()
}

async fn console_login(app: &TestApp, email: &str) -> Session {
    let r = post_login(app, email, PASSWORD).await;
    assert_eq!(r.status(), 303, "login {email}");
    assert_eq!(r.headers()[LOCATION], "/console");
    let set = r.headers()[SET_COOKIE].to_str().unwrap().to_owned();
    for attr in ["HttpOnly", "SameSite=Strict", "Path=/console"] {
        assert!(set.contains(attr), "{set}");
    }
    assert!(
        !set.contains("Secure"),
        "plain http: no Secure flag ({set})"
    );
    let cookie = set.split(';').next().unwrap().to_owned();
    assert!(cookie.starts_with("doorstep_console=") && cookie.len() > 40);
    Session { cookie }
}

async fn get(app: &TestApp, s: &Session, path: &str) -> (u16, String, reqwest::header::HeaderMap) {
    let r = browser()
        .get(format!("{}{path}", app.base))
        .header(COOKIE, &s.cookie)
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    let headers = r.headers().clone();
    (status, r.text().await.unwrap(), headers)
}

async fn post(
    app: &TestApp,
    s: &Session,
    path: &str,
    body: String,
) -> (u16, String, reqwest::header::HeaderMap) {
    let r = browser()
        .post(format!("{}{path}", app.base))
        .header(COOKIE, &s.cookie)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    let headers = r.headers().clone();
    (status, r.text().await.unwrap(), headers)
}

/// The CSRF token of the page's forms.
fn csrf(page: &str) -> String {
    let at = page
        .find(r#"name="csrf" value=""#)
        .expect("a form with a CSRF token")
        + 19;
    page[at..at + 64].to_owned()
}

#[tokio::test]
async fn a_marketplace_reads_its_scorecard_and_resolves_a_dispute_with_its_form() {
    let w = world().await;
    let app = &w.app;
    // Another marketplace works with another courier: neither shows in the shop's console.
    let r = app
        .post(
            "/v1/contracts",
            Some(&w.other_shop_admin),
            json!({"partner_id": w.other_courier}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let (shipment, dispute) = disputed_tv(&w).await;

    // No session: the login page.
    let r = browser()
        .get(format!("{}/console/scorecard", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()[LOCATION], "/console/login");
    let r = browser()
        .get(format!("{}/console/login", app.base))
        .header("accept-language", "fr-FR,fr;q=0.9")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.text().await.unwrap().contains("Mot de passe"));
    // A wrong password is the login page again, counted by the API's throttle.
    let r = post_login(app, "admin@shop.test", "wrong").await;
    assert_eq!(r.status(), 401);
    assert!(r.headers().get(SET_COOKIE).is_none());
    // Login CSRF (issue 24): a form posted without the token, or with a token that is not
    // its cookie's, logs nobody in.
    let r = browser()
        .post(format!("{}/console/login", app.base))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!(
            "email=admin%40shop.test&password={}",
            PASSWORD.replace(' ', "+")
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let (_, token) = login_form(app).await;
    let (other_cookie, _) = login_form(app).await;
    let r = browser()
        .post(format!("{}/console/login", app.base))
        .header("content-type", "application/x-www-form-urlencoded")
        .header(COOKIE, other_cookie)
        .body(format!(
            "email=admin%40shop.test&password={}&csrf={token}",
            PASSWORD.replace(' ', "+")
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    assert!(
        !r.headers()
            .get_all(SET_COOKIE)
            .iter()
            .any(|v| v.to_str().unwrap().starts_with("doorstep_console=")),
        "no session"
    );

    let shop = console_login(app, "admin@shop.test").await;
    let (status, page, headers) = get(app, &shop, "/console/scorecard").await;
    assert_eq!(status, 200, "{page}");
    let csp = headers["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("default-src 'none'"), "{csp}");
    assert!(page.contains("speedy inc"), "{page}");
    assert!(
        !page.contains("slowpoke inc"),
        "another marketplace's courier"
    );
    assert!(!page.contains("<script"), "no JavaScript");
    let (status, csv, headers) = get(app, &shop, "/console/scorecard?format=csv").await;
    assert_eq!(status, 200);
    assert!(
        headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    assert!(csv.starts_with("courier_id,courier_name,"), "{csv}");
    assert!(
        csv.contains(&w.courier) && !csv.contains(&w.other_courier),
        "{csv}"
    );

    // Issue 27: a figure leads to its shipments. The failed first attempt counts against the
    // courier's first-attempt rate; its cell links to the list that names the parcel.
    let (_, page, _) = get(app, &shop, "/console/scorecard").await;
    let link = page
        .split('"')
        .find(|h| {
            h.starts_with("/console/kpis/first_attempt_success_rate/shipments?")
                && h.contains("part=against")
        })
        .unwrap_or_else(|| panic!("no link to what counts against the rate: {page}"))
        .replace("&amp;", "&");
    assert!(
        link.contains(&format!("courier_id={}", w.courier)),
        "{link}"
    );
    let (status, list, _) = get(app, &shop, &link).await;
    assert_eq!(status, 200, "{list}");
    assert!(
        list.contains(&format!(
            r#"<a href="/console/shipments/{shipment}">TV-C1</a>"#
        )),
        "{list}"
    );
    // Another marketplace asking for this one's figures: the 404 page.
    let other = console_login(app, "admin@othershop.test").await;
    let (status, _, _) = get(app, &other, &link).await;
    assert_eq!(status, 404);

    // The queue, and the evidence.
    let (status, page, _) = get(app, &shop, "/console/disputes?status=open").await;
    assert_eq!(status, 200);
    assert!(
        page.contains(&format!("/console/disputes/{dispute}")),
        "{page}"
    );
    // The parcel by its order reference, linked to its page.
    assert!(
        page.contains(&format!(
            r#"<a href="/console/shipments/{shipment}">TV-C1</a>"#
        )),
        "{page}"
    );
    let (status, csv, _) = get(app, &shop, "/console/disputes?format=csv").await;
    assert_eq!(status, 200);
    assert!(csv.contains(&dispute) && csv.contains("was_home"), "{csv}");
    assert!(csv.starts_with("id,shipment_id,reference,"), "{csv}");
    assert!(csv.contains(&format!("{shipment},TV-C1,")), "{csv}");
    let path = format!("/console/disputes/{dispute}");
    let (status, page, _) = get(app, &shop, &path).await;
    assert_eq!(status, 200, "{page}");
    assert!(
        page.contains("I was on the intercom!"),
        "the customer's words"
    );
    assert!(page.contains(r#"id="flags""#) || page.contains(r#"id="distance""#));
    // What the driver wrote at the door, beside what the customer says.
    assert!(
        page.contains(r#"<dd id="intercom-note">no answer</dd>"#),
        "{page}"
    );
    // No link the console session cannot open (the JSON API wants a bearer token).
    assert!(!page.contains("href=\"/v1/photos/"), "{page}");
    let token = csrf(&page);

    // Another marketplace and another courier: the 404 page, the dispute not in their lists.
    for outsider in ["admin@othershop.test", "admin@slowpoke.test"] {
        let s = console_login(app, outsider).await;
        let (status, page, headers) = get(app, &s, &path).await;
        assert_eq!(status, 404, "{outsider}");
        assert!(
            headers["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/html")
        );
        assert!(!page.contains("intercom"), "{page}");
        let (_, list, _) = get(app, &s, "/console/disputes").await;
        assert!(!list.contains(&dispute), "{outsider}");
        // Their own form token does not work on the shop's session either.
        let (_, own, _) = get(app, &s, "/console").await;
        let theirs = csrf(&own);
        let (status, _, _) = post(
            app,
            &shop,
            &format!("{path}/resolution"),
            format!("csrf={theirs}&resolution=upheld&remedy=redeliver"),
        )
        .await;
        assert_eq!(status, 403, "another session's token");
    }

    // Without the token: 403 and nothing changed.
    let (status, page, _) = post(
        app,
        &shop,
        &format!("{path}/resolution"),
        "resolution=rejected&remedy=none".to_owned(),
    )
    .await;
    assert_eq!(status, 403, "{page}");
    let api = app
        .get(&format!("/v1/disputes/{dispute}"), Some(&w.shop_key))
        .await;
    assert_eq!(api.body["dispute"]["status"], "open", "{}", api.body);

    // With it: resolved through the API's service, as the API then says.
    let (status, _, headers) = post(
        app,
        &shop,
        &format!("{path}/resolution"),
        format!("csrf={token}&resolution=rejected&remedy=none&note=Driver+was+at+the+door"),
    )
    .await;
    assert_eq!(status, 303);
    assert_eq!(headers[LOCATION].to_str().unwrap(), path);
    let api = app
        .get(&format!("/v1/disputes/{dispute}"), Some(&w.shop_key))
        .await;
    assert_eq!(api.body["dispute"]["status"], "resolved", "{}", api.body);
    assert_eq!(api.body["dispute"]["resolution"], "rejected");
    assert_eq!(
        api.body["dispute"]["resolution_note"],
        "Driver was at the door"
    );
    // Again: the conflict shown on the page.
    let (status, _, _) = post(
        app,
        &shop,
        &format!("{path}/resolution"),
        format!("csrf={token}&resolution=upheld&remedy=refund"),
    )
    .await;
    assert_eq!(status, 409);

    // The shipment by its reference: the timeline and the contact access log, the shop's only.
    let (status, page, _) = get(app, &shop, "/console/shipments?reference=TV-C1").await;
    assert_eq!(status, 200);
    let detail = format!("/console/shipments/{shipment}");
    assert!(page.contains(&detail), "{page}");
    let (status, page, _) = get(app, &shop, &detail).await;
    assert_eq!(status, 200, "{page}");
    // Issue 27: a page a person reads: events in words, names where the record keeps ids, the
    // attempt with the server's verdict in sentences and its intercom note, the dispute linked.
    assert!(
        page.contains("Order registered") && page.contains("Delivery attempt recorded"),
        "{page}"
    );
    assert!(
        !page.contains(">attempt.recorded<"),
        "no event codes: {page}"
    );
    assert!(
        page.contains("speedy inc") && page.contains("shop inc") && !page.contains(">org_"),
        "names, not ids: {page}"
    );
    assert!(
        page.contains("with no call, message or ring") && page.contains("Not delivered"),
        "the verdict in words: {page}"
    );
    assert!(page.contains(r#"class="intercom""#), "{page}");
    assert!(
        page.contains(&format!("/console/disputes/{dispute}")),
        "the dispute is linked: {page}"
    );
    assert!(page.contains(r#"id="access-log""#), "{page}");
    let courier = console_login(app, "admin@speedy.test").await;
    let (status, page, _) = get(app, &courier, &detail).await;
    assert_eq!(status, 200);
    assert!(
        !page.contains(r#"id="access-log""#),
        "the log is the marketplace's"
    );
    let other = console_login(app, "admin@othershop.test").await;
    let (_, page, _) = get(app, &other, "/console/shipments?reference=TV-C1").await;
    assert!(!page.contains(&detail));
    let (status, _, _) = get(app, &other, &detail).await;
    assert_eq!(status, 404);

    // Logging out ends the session on the server, not only in the browser.
    let (status, _, headers) = post(app, &shop, "/console/logout", format!("csrf={token}")).await;
    assert_eq!(status, 303);
    assert!(headers[SET_COOKIE].to_str().unwrap().contains("Max-Age=0"));
    let (status, _, headers) = get(app, &shop, "/console/scorecard").await;
    assert_eq!(status, 303);
    assert_eq!(headers[LOCATION], "/console/login");
}

#[tokio::test]
async fn a_deactivated_users_session_stops_at_once() {
    let w = world().await;
    let app = &w.app;
    let shop_admin = app.token("admin@shop.test").await;
    let id = app.user(&shop_admin, "desk@shop.test", "staff").await;
    let s = console_login(app, "desk@shop.test").await;
    let (status, page, _) = get(app, &s, "/console").await;
    assert_eq!(status, 200, "{page}");
    let r = app
        .delete(&format!("/v1/users/{id}"), Some(&shop_admin))
        .await;
    assert!(r.status.is_success(), "{}", r.body);
    let (status, _, headers) = get(app, &s, "/console").await;
    assert_eq!(status, 303, "the session ended with the user");
    assert_eq!(headers[LOCATION], "/console/login");

    // Drivers use the app.
    driver(&w, &w.courier_admin, "van@speedy.test").await;
    let r = post_login(app, "van@speedy.test", PASSWORD).await;
    assert_eq!(r.status(), 403);
}

#[tokio::test]
async fn the_chart_plots_the_numbers_of_the_kpi_api() {
    let w = world().await;
    let app = &w.app;
    let shop_admin = app.token("admin@shop.test").await;
    a_first_attempt_target_and_two_deliveries(&w).await;

    let to = Utc::now().date_naive();
    let from = to - Duration::days(20);
    let s = console_login(app, "admin@shop.test").await;
    let (status, page, _) = get(
        app,
        &s,
        &format!("/console/kpis/first_attempt_success_rate?from={from}&to={to}"),
    )
    .await;
    assert_eq!(status, 200, "{page}");
    assert!(
        page.contains("<svg") && page.contains("<polyline"),
        "{page}"
    );
    assert!(page.contains(r#"data-target="0.8""#), "the target line");
    let chart = plotted(&page, &w.courier);

    let by_week = kpi_by_week(
        app,
        &shop_admin,
        &w.courier,
        "first_attempt_success_rate",
        from,
        to,
    )
    .await;
    assert!(!by_week.is_empty());
    // Every week the API has numbers for is plotted with the same number; the chart's other
    // weeks are empty.
    let api_values: Vec<f64> = by_week.iter().filter_map(|(_, v)| *v).collect();
    let chart_values: Vec<f64> = chart.iter().filter_map(|v| *v).collect();
    assert_eq!(chart_values, api_values, "{page}");
    assert!(chart_values.contains(&0.5), "{chart_values:?}");
    assert!(chart.len() >= 3, "every week of the 21 days: {chart:?}");
    // The CSV has the same numbers.
    let (_, csv, _) = get(
        app,
        &s,
        &format!("/console/kpis/first_attempt_success_rate?from={from}&to={to}&format=csv"),
    )
    .await;
    assert!(csv.contains(",0.5"), "{csv}");

    // Issue 27: charts people can read. A marker on every value (a one-point line still shows),
    // the legend in the line's colour, one line per target, ticks in the values' unit.
    let svg = &page[page.find("<svg").unwrap()..page.find("</svg>").unwrap()];
    let points = &svg[svg
        .find(&format!(r#"class="points" data-courier="{}""#, w.courier))
        .expect("the courier's markers")..];
    let points = &points[..points.find("</g>").unwrap()];
    assert_eq!(
        points.matches(r#"class="point""#).count(),
        chart_values.len(),
        "{points}"
    );
    assert!(
        points.contains("50.0 %"),
        "each marker tells its value: {points}"
    );
    let at = svg
        .find(&format!(r#"data-courier="{}""#, w.courier))
        .unwrap();
    let line = &svg[svg[..at].rfind("<polyline").unwrap()..at];
    let stroke = attrs(line, "stroke")[0].clone();
    let legend = &page[page.find(r#"class="legend""#).unwrap()..];
    let legend = &legend[..legend.find("</ul>").unwrap()];
    assert!(
        legend.contains(&format!(r#"stroke="{stroke}""#)),
        "{legend}"
    );
    assert!(legend.contains(&format!(r#"fill="{stroke}""#)), "{legend}");
    assert_eq!(svg.matches(r#"class="target""#).count(), 1, "{svg}");
    for tick in ["0.0 %", "50.0 %", "100.0 %"] {
        assert!(svg.contains(&format!(">{tick}</text>")), "{tick}: {svg}");
    }
    assert!(page.contains("≥ 80.0 %"), "the target in the values' unit");
}

/// The id of a shipment's first attempt, as `who` reads it through the API.
async fn first_attempt(app: &TestApp, shipment: &str, who: &str) -> String {
    let r = app
        .get(&format!("/v1/shipments/{shipment}/attempts"), Some(who))
        .await;
    r.body["items"][0]["id"]
        .as_str()
        .or(r.body[0]["id"].as_str())
        .unwrap()
        .to_owned()
}

/// The attribute `name="…"` values of the page, in order.
fn attrs(page: &str, name: &str) -> Vec<String> {
    let key = format!("{name}=\"");
    page.match_indices(&key)
        .map(|(at, _)| {
            let rest = &page[at + key.len()..];
            rest[..rest.find('"').unwrap()].to_owned()
        })
        .collect()
}

#[tokio::test]
async fn a_courier_ranks_its_drivers_reads_their_ratings_and_manages_them() {
    let w = world().await;
    let app = &w.app;
    let slow = driver(&w, &w.courier_admin, "slow@speedy.test").await;
    let kind = driver(&w, &w.courier_admin, "kind@speedy.test").await;
    let (a, ta) = out_now(&w, "R-1", &slow).await;
    deliver(app, &slow, &a, Utc::now()).await;
    let (b, tb) = out_now(&w, "R-2", &kind).await;
    deliver(app, &kind, &b, Utc::now()).await;
    for (token, body) in [
        (
            &ta,
            json!({"stars": 1, "tags": ["rude"], "comment": "Threw it over the gate."}),
        ),
        (&tb, json!({"stars": 5, "tags": ["friendly"]})),
    ] {
        let r = app
            .post(&format!("/v1/track/{token}/rating"), None, body)
            .await;
        assert_eq!(r.status, 201, "{}", r.body);
    }

    // The courier's scorecard: one row per marketplace it delivers for.
    let s = console_login(app, "admin@speedy.test").await;
    let (status, page, _) = get(app, &s, "/console/scorecard").await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(
        attrs(&page, "data-marketplace"),
        vec![w.shop.clone()],
        "{page}"
    );
    let (status, page, _) = get(app, &s, "/console/kpis/average_stars").await;
    assert_eq!(status, 200, "{page}");
    assert!(
        page.contains(&format!("data-courier=\"{}\"", w.shop)),
        "{page}"
    );

    // Drivers worst first, with their tags; the ratings page shows the attempt rated.
    let (status, page, _) = get(app, &s, "/console/drivers").await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(
        attrs(&page, "data-driver"),
        [slow.id.clone(), kind.id.clone()]
    );
    assert!(page.contains("Rude ×1"), "{page}");
    let (status, page, _) = get(
        app,
        &s,
        &format!("/console/ratings?driver_id={}&max_stars=2", slow.id),
    )
    .await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(attrs(&page, "data-stars"), ["1"], "{page}");
    assert!(page.contains("Threw it over the gate."), "{page}");
    let attempt = first_attempt(app, &a, &w.courier_admin).await;
    assert_eq!(attrs(&page, "data-attempt"), [attempt], "{page}");
    assert!(page.contains("delivered"), "{page}");

    // Create a driver from the form; a taken e-mail is said on the page; no token, no driver.
    let (_, page, _) = get(app, &s, "/console/drivers").await;
    let token = csrf(&page);
    let form = |csrf: &str, email: &str| {
        format!(
            "csrf={csrf}&name=New+Driver&email={}&password={}",
            email.replace('@', "%40"),
            PASSWORD.replace(' ', "+")
        )
    };
    let (status, _, _) = post(app, &s, "/console/drivers", form("x", "new@speedy.test")).await;
    assert_eq!(status, 403);
    let (status, _, headers) =
        post(app, &s, "/console/drivers", form(&token, "new@speedy.test")).await;
    assert_eq!(status, 303);
    assert_eq!(headers[LOCATION], "/console/drivers");
    let (status, page, _) =
        post(app, &s, "/console/drivers", form(&token, "new@speedy.test")).await;
    assert_eq!(status, 409, "{page}");
    assert!(page.contains("already exists"), "{page}");
    let newbie = app.token("new@speedy.test").await;
    let me = app.get("/v1/me", Some(&newbie)).await;
    assert_eq!(me.body["role"], "driver", "{}", me.body);
    let newbie_id = me.body["id"].as_str().unwrap().to_owned();

    // Deactivate it: its token stops; the courier's admin cannot be deactivated as a driver,
    // another courier's driver is not found.
    let (status, _, _) = post(
        app,
        &s,
        &format!("/console/drivers/{newbie_id}/deactivation"),
        format!("csrf={token}"),
    )
    .await;
    assert_eq!(status, 303);
    assert_eq!(app.get("/v1/me", Some(&newbie)).await.status, 401);
    let (_, page, _) = get(app, &s, "/console/drivers").await;
    assert!(page.contains("deactivated"), "{page}");
    let stranger = driver(&w, &w.other_courier_admin, "far@slowpoke.test").await;
    let (status, _, _) = post(
        app,
        &s,
        &format!("/console/drivers/{}/deactivation", stranger.id),
        format!("csrf={token}"),
    )
    .await;
    assert_eq!(status, 404);
    assert_eq!(app.get("/v1/me", Some(&stranger.token)).await.status, 200);

    // The marketplace sees the drivers of a courier it contracts, without the forms; another
    // courier is the 404 page.
    let m = console_login(app, "admin@shop.test").await;
    let (status, page, _) = get(
        app,
        &m,
        &format!("/console/drivers?courier_id={}", w.courier),
    )
    .await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(attrs(&page, "data-driver")[0], slow.id);
    assert!(!page.contains("new-driver"), "{page}");
    let (status, _, _) = get(
        app,
        &m,
        &format!("/console/drivers?courier_id={}", w.other_courier),
    )
    .await;
    assert_eq!(status, 404);
    let (status, page, _) = get(app, &m, "/console/ratings?max_stars=2").await;
    assert_eq!(status, 200);
    assert_eq!(attrs(&page, "data-stars"), ["1"], "{page}");
    let (status, csv, _) = get(app, &m, "/console/ratings?format=csv").await;
    assert_eq!(status, 200);
    assert!(
        csv.starts_with("id,shipment_id,reference,driver_id,driver,stars"),
        "{csv}"
    );
    assert_eq!(csv.lines().count(), 3, "{csv}");
    assert!(
        csv.lines()
            .skip(1)
            .all(|row| row.split(',').nth(4).is_some_and(|n| !n.is_empty())),
        "each rating names its driver: {csv}"
    );
}

#[tokio::test]
async fn hand_offs_wait_punctuality_is_the_kpi_and_the_platform_lists_organisations() {
    let w = world().await;
    let app = &w.app;
    let d = driver(&w, &w.courier_admin, "dan@speedy.test").await;
    let (id, _) = out_with(
        &w,
        "H-1",
        &w.courier,
        &w.courier_admin,
        &d,
        now_window(),
        true,
        "intact",
    )
    .await;
    deliver(app, &d, &id, Utc::now()).await;
    // A second parcel waits for the supplier to accept it.
    let r = app
        .post("/v1/shipments", Some(&w.shop_key), {
            let mut s = tv(&w);
            s["reference"] = json!("H-2");
            s
        })
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let waiting = r.body["id"].as_str().unwrap().to_owned();
    let h = handoff(app, &waiting, &w.shop_key, json!({"to": "supplier"})).await;

    let s = console_login(app, "admin@acme.test").await;
    let (status, page, _) = get(app, &s, "/console/handoffs").await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(attrs(&page, "data-handoff"), vec![h.clone()], "{page}");
    let (_, csv, _) = get(app, &s, "/console/handoffs?format=csv").await;
    assert!(
        csv.starts_with("direction,id,shipment_id,reference,from_org_id,from_org,"),
        "{csv}"
    );
    assert!(
        csv.contains(",H-2,") && csv.contains("shop inc"),
        "names beside ids: {csv}"
    );
    // The punctuality shown is the API's KPI for the same range.
    let today = Utc::now().date_naive();
    let first = today - Duration::days(i64::from(today.day0()));
    let r = app
        .get(
            &format!("/v1/kpis?granularity=week&from={first}&to={today}"),
            Some(&w.supplier_admin),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let api = r.body["overall"]["kpis"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["kpi"] == "handover_on_time_rate")
        .unwrap()["value"]
        .as_f64()
        .unwrap();
    assert_eq!(api, 1.0);
    let at = page.find("id=\"punctuality-overall\"").unwrap();
    let value = attrs(&page[at..], "data-value")[0].clone();
    assert_eq!(value.parse::<f64>().unwrap(), api, "{page}");
    // The shop sees the same hand-off as waiting for the receiver.
    let m = console_login(app, "admin@shop.test").await;
    let (_, page, _) = get(app, &m, "/console/handoffs").await;
    let at = page.find("id=\"outgoing\"").unwrap();
    assert_eq!(attrs(&page[at..], "data-handoff"), [h], "{page}");
    // Organisations are the platform admin's.
    let (status, _, _) = get(app, &m, "/console/orgs").await;
    assert_eq!(status, 403);
    let root = console_login(app, crate::helpers::PLATFORM_EMAIL).await;
    let (status, page, _) = get(app, &root, "/console/orgs").await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(attrs(&page, "data-org").len(), 5, "{page}");
    assert!(page.contains("admin@speedy.test"), "{page}");
    let (_, csv, _) = get(app, &root, "/console/orgs?format=csv").await;
    assert_eq!(csv.lines().count(), 6, "{csv}");
    // Each marketplace's name leads to its scorecard; the scorecard without one, to this list.
    let card = format!("/console/scorecard?org_id={}", w.shop);
    assert!(page.contains(&format!("href=\"{card}\"")), "{page}");
    let (status, page, _) = get(app, &root, &card).await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("speedy inc"), "{page}");
    let (status, _, headers) = get(app, &root, "/console/scorecard").await;
    assert_eq!(status, 303);
    assert_eq!(headers["location"], "/console/orgs");
}

#[tokio::test]
async fn an_admin_sees_webhook_deliveries_and_sends_one_again() {
    let w = world().await;
    let app = &w.app;
    let shop_admin = app.token("admin@shop.test").await;
    // Nobody listens there: every try fails and is kept with its error.
    let url = format!("http://127.0.0.1:{}/hook", free_port());
    let r = app
        .post(
            "/v1/webhooks",
            Some(&shop_admin),
            json!({"url": url, "event_types": ["shipment.created"]}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let hook = r.body["id"].as_str().unwrap().to_owned();
    let r = app.post("/v1/shipments", Some(&w.shop_key), tv(&w)).await;
    assert_eq!(r.status, 201, "{}", r.body);
    let api = format!("/v1/webhooks/{hook}/deliveries");
    app.run_jobs().await;
    let delivery = app.get(&api, Some(&shop_admin)).await.body["items"][0].clone();
    assert!(delivery["tries"].as_i64().unwrap_or(0) >= 1, "{delivery}");
    assert_eq!(delivery["status"], "pending", "{delivery}");
    let id = delivery["id"].as_str().unwrap().to_owned();

    let s = console_login(app, "admin@shop.test").await;
    let (status, page, _) = get(app, &s, "/console/webhooks").await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(attrs(&page, "data-webhook"), vec![hook.clone()]);
    let (status, page, _) = get(app, &s, &format!("/console/webhooks/{hook}")).await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(attrs(&page, "data-delivery"), vec![id.clone()]);
    assert!(page.contains("shipment.created"), "{page}");
    let token = csrf(&page);
    let (status, _, headers) = post(
        app,
        &s,
        &format!("/console/webhook-deliveries/{id}/retry"),
        format!("csrf={token}"),
    )
    .await;
    assert_eq!(status, 303);
    assert_eq!(headers[LOCATION], format!("/console/webhooks/{hook}"));
    // Sent again at once: one more try on record.
    app.run_jobs().await;
    let tries = app.get(&api, Some(&shop_admin)).await.body["items"][0]["tries"]
        .as_i64()
        .unwrap();
    assert!(tries > delivery["tries"].as_i64().unwrap(), "{tries}");

    // Issue 27: a subscription from the console's form — the API's checks (an unknown type,
    // a URL that is not https: the page again saying so), then created with its secret shown
    // once, and listed as the API lists it.
    let (_, page, _) = get(app, &s, "/console/webhooks").await;
    let token = csrf(&page);
    let (status, page, _) = post(
        app,
        &s,
        "/console/webhooks",
        format!("csrf={token}&url=ftp%3A%2F%2Fx&event_types=nonsense"),
    )
    .await;
    assert_eq!(status, 422, "{page}");
    assert!(
        page.contains(r#"role="alert""#) && page.contains("event_types"),
        "{page}"
    );
    let (status, page, _) = post(
        app,
        &s,
        "/console/webhooks",
        format!(
            "csrf={token}&url={}&event_types=shipment.delivered&event_types=shipment.attempt_failed&description=ERP",
            url.replace(':', "%3A").replace('/', "%2F")
        ),
    )
    .await;
    assert_eq!(status, 201, "{page}");
    let secret = page
        .split(r#"<code id="secret">"#)
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .unwrap_or_else(|| panic!("{page}"));
    assert!(secret.starts_with("whsec_"), "{secret}");
    let listed = app.get("/v1/webhooks", Some(&shop_admin)).await;
    let made = listed.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["description"] == "ERP")
        .unwrap_or_else(|| panic!("{}", listed.body))
        .clone();
    assert_eq!(
        made["event_types"],
        json!(["shipment.attempt_failed", "shipment.delivered"]),
        "{made}"
    );

    // Another org's subscription and delivery are not found; staff who are not admins are refused.
    let c = console_login(app, "admin@speedy.test").await;
    let (status, _, _) = get(app, &c, &format!("/console/webhooks/{hook}")).await;
    assert_eq!(status, 404);
    let (_, page, _) = get(app, &c, "/console/webhooks").await;
    let (status, _, _) = post(
        app,
        &c,
        &format!("/console/webhook-deliveries/{id}/retry"),
        format!("csrf={}", csrf(&page)),
    )
    .await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn the_chart_costs_the_same_statements_whatever_the_number_of_couriers() {
    let w = world().await;
    let app = &w.app;
    let s = console_login(app, "admin@shop.test").await;
    let route = "/console/kpis/{kpi}";
    let cost = || async {
        let (s0, n0) = crate::budgets::counted(app, "GET", route).await;
        let (status, page, _) = get(app, &s, "/console/kpis/on_time_rate").await;
        assert_eq!(status, 200, "{page}");
        let (s1, n1) = crate::budgets::counted(app, "GET", route).await;
        assert_eq!(n1 - n0, 1);
        (s1 - s0, attrs(&page, "data-courier").len())
    };
    let (one, lines_one) = cost().await;
    let shop_admin = app.token("admin@shop.test").await;
    let r = app
        .post(
            "/v1/contracts",
            Some(&shop_admin),
            json!({"partner_id": w.other_courier}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let (two, lines_two) = cost().await;
    assert!(lines_two > lines_one, "{lines_one} → {lines_two}");
    assert_eq!(one, two, "a second courier adds no statement");
    // The session and its user (the actor's reads), then the couriers, their targets and every
    // courier's days in one grouped sum: 7 in all on either backend (was 3 per courier).
    assert!(two <= 7, "{two} statements");
}

#[tokio::test]
async fn the_dispute_page_shows_the_photos_to_its_parties_only() {
    let w = world().await;
    let app = &w.app;
    let (shipment, dispute) = disputed_tv(&w).await;
    let attempt = first_attempt(app, &shipment, &w.courier_admin).await;
    let driver = app.token("tv@speedy.test").await;
    let r = upload(
        app,
        &driver,
        &attempt,
        "door",
        jpeg(64, 48, None),
        "image/jpeg",
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let photo = r.body["id"].as_str().unwrap().to_owned();

    let s = console_login(app, "admin@shop.test").await;
    let (status, page, _) = get(app, &s, &format!("/console/disputes/{dispute}")).await;
    assert_eq!(status, 200, "{page}");
    assert!(
        page.contains(&format!(r#"<img src="/console/photos/{photo}""#)),
        "{page}"
    );
    let r = browser()
        .get(format!("{}/console/photos/{photo}", app.base))
        .header(COOKIE, &s.cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("image/")
    );
    assert!(!r.bytes().await.unwrap().is_empty());
    // Another marketplace's staff: the 404 page; no session: the login.
    app.user(&w.other_shop_admin, "ops@othershop.test", "staff")
        .await;
    let o = console_login(app, "ops@othershop.test").await;
    let (status, _, _) = get(app, &o, &format!("/console/photos/{photo}")).await;
    assert_eq!(status, 404);
    let r = browser()
        .get(format!("{}/console/photos/{photo}", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
}

/// Issue 27: the shipments list — every shipment the caller sees, filtered by part of the
/// reference (any case), status, local window days, waiting for a new visit, open dispute and
/// flagged attempt, paged, and as CSV with the same filters.
#[tokio::test]
async fn the_shipments_list_filters_what_the_caller_sees() {
    let w = world().await;
    let app = &w.app;
    let (tv_id, _) = disputed_tv(&w).await;
    let d = driver(&w, &w.courier_admin, "list@speedy.test").await;
    let (out, _) = out_now(&w, "LIST-A1", &d).await;
    let (failed, _) = out_now(&w, "List-B2", &d).await;
    fail(app, &d, &failed, "list-b2-fail", Utc::now()).await;
    let mut s = tv(&w);
    s["reference"] = json!("list-c3");
    let r = app.post("/v1/shipments", Some(&w.shop_key), s).await;
    assert_eq!(r.status, 201, "{}", r.body);
    let created = r.body["id"].as_str().unwrap().to_owned();

    let shop = console_login(app, "admin@shop.test").await;
    let listed = |path: String| {
        let (app, shop) = (app, &shop);
        async move {
            let (status, page, _) = get(app, shop, &path).await;
            assert_eq!(status, 200, "{page}");
            let mut ids = attrs(&page, "data-shipment");
            ids.sort();
            ids
        }
    };
    let sorted = |mut v: Vec<&String>| {
        v.sort();
        v.into_iter().cloned().collect::<Vec<_>>()
    };
    assert_eq!(
        listed("/console/shipments?reference=list".into()).await,
        sorted(vec![&out, &failed, &created]),
        "part of the reference, any case"
    );
    assert_eq!(
        listed("/console/shipments?reference=LIST&status=out_for_delivery".into()).await,
        std::slice::from_ref(&out)
    );
    let waiting = listed("/console/shipments?waiting=1".into()).await;
    assert_eq!(
        waiting,
        sorted(vec![&tv_id, &failed]),
        "failed, waiting for a visit"
    );
    assert_eq!(
        listed("/console/shipments?disputed=1".into()).await,
        std::slice::from_ref(&tv_id)
    );
    let flagged = listed("/console/shipments?flagged=1".into()).await;
    assert!(
        flagged.contains(&tv_id) && !flagged.contains(&out),
        "{flagged:?}"
    );
    assert!(
        listed("/console/shipments?reference=50%25".into())
            .await
            .is_empty(),
        "a % is a character, not a wildcard"
    );
    // Local window days: the world's parcels have today's windows; the TV's is May 2.
    let today = Utc::now().date_naive();
    let (from, to) = (today - Duration::days(1), today + Duration::days(1));
    let in_window = listed(format!("/console/shipments?from={from}&to={to}")).await;
    assert!(
        in_window.contains(&out) && !in_window.contains(&created),
        "{in_window:?}"
    );
    // Everything, unfiltered, and the CSV with the filters.
    let all = listed("/console/shipments".into()).await;
    assert!(all.len() >= 4, "{all:?}");
    let (status, csv, _) = get(app, &shop, "/console/shipments?reference=list&format=csv").await;
    assert_eq!(status, 200);
    assert_eq!(csv.lines().count(), 4, "a header and three rows: {csv}");
    // Names, not only ids: the courier and the driver of each parcel.
    assert!(
        csv.lines().next().unwrap().contains(",courier,driver,"),
        "{csv}"
    );
    assert!(csv.contains("speedy inc"), "{csv}");
    // The marketplace narrows to one courier (a select of its couriers, by name); the courier's
    // staff to one driver.
    let (_, page, _) = get(app, &shop, "/console/shipments").await;
    assert!(
        page.contains(&format!(
            r#"<option value="{}">speedy inc</option>"#,
            w.courier
        )),
        "{page}"
    );
    assert_eq!(
        listed(format!(
            "/console/shipments?reference=list&courier_id={}",
            w.courier
        ))
        .await,
        sorted(vec![&out, &failed, &created]),
        "all three go with speedy"
    );
    assert!(
        listed(format!("/console/shipments?courier_id={}", w.other_courier))
            .await
            .is_empty()
    );
    let courier = console_login(app, "admin@speedy.test").await;
    let (_, page, _) = get(
        app,
        &courier,
        &format!("/console/shipments?driver_id={}", d.id),
    )
    .await;
    assert!(
        page.contains(&format!(r#"<option value="{}" selected>"#, d.id)),
        "the courier's drivers: {page}"
    );
    let mut mine = attrs(&page, "data-shipment");
    mine.sort();
    assert_eq!(
        mine,
        sorted(vec![&out, &failed]),
        "not the parcel no driver has yet"
    );
    // Another marketplace sees none of them.
    let other = console_login(app, "admin@othershop.test").await;
    let (_, page, _) = get(app, &other, "/console/shipments?reference=list").await;
    assert!(attrs(&page, "data-shipment").is_empty(), "{page}");
}

/// Issue 27: home is what waits for the signed-in party, each count a link to the list that
/// holds exactly those (counted through the same services as the lists).
#[tokio::test]
async fn home_is_what_waits_for_me_with_links_to_the_lists() {
    let w = world().await;
    let app = &w.app;
    let other = console_login(app, "admin@othershop.test").await;
    let (status, page, _) = get(app, &other, "/console").await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("Nothing waits for you."), "{page}");

    // A failed visit the customer disputes: it waits for a new visit and for the courier.
    disputed_tv(&w).await;
    let shop = console_login(app, "admin@shop.test").await;
    let (_, page, _) = get(app, &shop, "/console").await;
    for (sentence, href) in [
        (
            "One dispute waits for the courier's answer",
            "/console/disputes?status=open",
        ),
        (
            "One parcel waits for a new visit",
            "/console/shipments?waiting=1",
        ),
    ] {
        assert!(
            page.contains(&format!(r#"<a href="{href}">{sentence}</a>"#)),
            "{sentence}: {page}"
        );
    }
    assert!(!page.contains("Nothing waits"), "{page}");
    let courier = console_login(app, "admin@speedy.test").await;
    let (_, page, _) = get(app, &courier, "/console").await;
    assert!(
        page.contains(
            r#"<a href="/console/disputes?status=open">One dispute waits for your answer</a>"#
        ),
        "{page}"
    );
    assert!(page.contains("One parcel waits for a new visit"), "{page}");
    // The link lists what was counted.
    let (_, list, _) = get(app, &courier, "/console/shipments?waiting=1").await;
    assert_eq!(list.matches("data-shipment=").count(), 1, "{list}");
    assert!(list.contains("TV-C1"), "{list}");
    let (_, page, _) = get(app, &other, "/console").await;
    assert!(
        page.contains("Nothing waits for you."),
        "another shop's queue is not mine"
    );
}

/// Issue 27 §3: the courier acts from the shipment page — proposes a new visit in the
/// parcel's own time zone, or returns it — through the API's services and rules.
#[tokio::test]
async fn a_courier_proposes_a_new_visit_or_returns_the_parcel_from_its_page() {
    let w = world().await;
    let app = &w.app;
    let (shipment, _) = disputed_tv(&w).await;
    let path = format!("/console/shipments/{shipment}");
    let courier = console_login(app, "admin@speedy.test").await;
    let (status, page, _) = get(app, &courier, &path).await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains(r#"id="courier-actions""#), "{page}");
    let token = csrf(&page);
    // The evidence export works from the console's session (the API's needs a bearer token):
    // the same bundle as the API's, and the 404 page for whom is not a party.
    let link = format!("{path}/evidence");
    assert!(page.contains(&format!(r#"href="{link}""#)), "{page}");
    let (status, bundle, headers) = get(app, &courier, &link).await;
    assert_eq!(status, 200, "{bundle}");
    assert!(
        headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/json")
    );
    let bundle: serde_json::Value = serde_json::from_str(&bundle).unwrap();
    let api = app
        .get(
            &format!("/v1/shipments/{shipment}/evidence"),
            Some(&w.shop_key),
        )
        .await;
    assert_eq!(bundle["shipment_id"], shipment.as_str());
    assert_eq!(bundle["chain_valid"], true, "{bundle}");
    assert!(
        bundle["events"].as_array().is_some_and(|e| e.len() > 3),
        "{bundle}"
    );
    assert_eq!(bundle["events"], api.body["events"], "the API's bundle");
    let (status, zip, headers) = get(app, &courier, &format!("{link}?photos=true")).await;
    assert_eq!(status, 200, "{zip}");
    assert_eq!(headers["content-type"], "application/zip");
    let outsider = console_login(app, "admin@slowpoke.test").await;
    let (status, _, _) = get(app, &outsider, &link).await;
    assert_eq!(status, 404);
    // The marketplace reads the page without the courier's forms, and cannot post them.
    let shop = console_login(app, "admin@shop.test").await;
    let (_, shop_page, _) = get(app, &shop, &path).await;
    assert!(!shop_page.contains(r#"id="courier-actions""#));
    let shop_token = csrf(&shop_page);
    let (status, _, _) = post(
        app,
        &shop,
        &format!("{path}/return"),
        format!("csrf={shop_token}&note=mine"),
    )
    .await;
    assert_eq!(status, 403);

    // A window ending before it starts: the page again, saying what was wrong.
    let zone = app
        .get(&format!("/v1/shipments/{shipment}"), Some(&w.shop_key))
        .await
        .body["time_zone"]
        .as_str()
        .unwrap()
        .to_owned();
    let tz = doorstep::timezone::zone(&zone);
    let day = doorstep::timezone::to_local(Utc::now(), tz).date() + Duration::days(2);
    let (status, page, _) = post(
        app,
        &courier,
        &format!("{path}/proposal"),
        format!("csrf={token}&day={day}&start=12%3A00&end=10%3A00"),
    )
    .await;
    assert_eq!(status, 422, "{page}");
    assert!(
        page.contains(r#"role="alert""#) && page.contains("window.end"),
        "{page}"
    );
    // Two days ahead, 10:00–12:00 local: proposed, as the API shows it.
    let (status, _, headers) = post(
        app,
        &courier,
        &format!("{path}/proposal"),
        format!("csrf={token}&day={day}&start=10%3A00&end=12%3A00"),
    )
    .await;
    assert_eq!(status, 303);
    assert_eq!(headers[LOCATION], path.as_str());
    let s = app
        .get(&format!("/v1/shipments/{shipment}"), Some(&w.shop_key))
        .await;
    assert_eq!(s.body["redelivery"]["state"], "proposed", "{}", s.body);
    let start = doorstep::timezone::from_local(day.and_hms_opt(10, 0, 0).unwrap(), tz).unwrap();
    let proposed: chrono::DateTime<Utc> = s.body["redelivery"]["proposed_window"]["start"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(proposed, start, "10:00 in {zone}");

    // Returned, with the courier's note; the forms are gone.
    let (status, page, _) = post(
        app,
        &courier,
        &format!("{path}/return"),
        format!("csrf={token}&note="),
    )
    .await;
    assert_eq!(status, 422, "a note is required: {page}");
    let (status, _, _) = post(
        app,
        &courier,
        &format!("{path}/return"),
        format!("csrf={token}&note=Refused+at+the+door"),
    )
    .await;
    assert_eq!(status, 303);
    let s = app
        .get(&format!("/v1/shipments/{shipment}"), Some(&w.shop_key))
        .await;
    assert_eq!(s.body["status"], "returned", "{}", s.body);
    let (_, page, _) = get(app, &courier, &path).await;
    assert!(!page.contains(r#"id="courier-actions""#));
}
