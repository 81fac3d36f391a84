//! The world the suites build on, in a line each: orgs with contracts, an API key, drivers,
//! a parcel carried out for delivery, attempts, photos, and a real webhook receiver.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration as StdDuration;

use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use chrono::{DateTime, Datelike, Duration, Utc};
use hmac::{Hmac, Mac};
use serde_json::{Value, json};
use sha2::Sha256;

use crate::helpers::{Reply, TestApp};

pub struct World {
    pub app: TestApp,
    pub shop: String,
    pub shop_key: String,
    pub supplier: String,
    pub supplier_admin: String,
    pub courier: String,
    pub courier_admin: String,
    pub other_shop_admin: String,
    pub other_courier_admin: String,
    pub other_courier: String,
}

pub async fn world() -> World {
    world_with(|_| {}).await
}

pub async fn world_with(configure: impl FnOnce(&mut doorstep::Settings)) -> World {
    world_on(TestApp::spawn_with(configure).await).await
}

/// The world's orgs, contracts and API key on `app`.
pub async fn world_on(app: TestApp) -> World {
    let root = app.platform_admin().await;
    let (shop, shop_admin) = app.org(&root, "marketplace", "shop").await;
    let (supplier, supplier_admin) = app.org(&root, "supplier", "acme").await;
    let (courier, courier_admin) = app.org(&root, "courier", "speedy").await;
    let (_, other_shop_admin) = app.org(&root, "marketplace", "othershop").await;
    let (other_courier, other_courier_admin) = app.org(&root, "courier", "slowpoke").await;
    for partner in [&supplier, &courier] {
        let r = app
            .post(
                "/v1/contracts",
                Some(&shop_admin),
                json!({"partner_id": partner}),
            )
            .await;
        assert_eq!(r.status, 201, "{}", r.body);
    }
    let key = app
        .post("/v1/api-keys", Some(&shop_admin), json!({"name": "orders"}))
        .await;
    World {
        shop,
        shop_key: key.body["secret"].as_str().unwrap().to_owned(),
        supplier,
        supplier_admin,
        courier,
        courier_admin,
        other_shop_admin,
        other_courier_admin,
        other_courier,
        app,
    }
}

/// A world whose server reads the time from a clock the test moves.
pub async fn world_on_clock() -> (World, doorstep::clock::Clock) {
    let clock = doorstep::clock::Clock::settable();
    let w = world_with({
        let clock = clock.clone();
        move |s| s.clock = clock
    })
    .await;
    (w, clock)
}

pub fn tv(w: &World) -> Value {
    json!({
        "reference": "TV-42",
        "supplier_id": w.supplier,
        "courier_id": w.courier,
        "recipient": {"name": "Camille Martin", "phone": "06 12 34 56 78", "email": "Camille@Example.fr",
            "address": {"line1": "1 rue de Rivoli", "postal_code": "75001", "city": "Paris", "country": "FR"},
            "lat": 48.8606, "lon": 2.3376, "access_notes": "Intercom: MARTIN, 3rd floor"},
        "preferences": {"call_before_arrival": true},
        "window": {"start": "2026-05-02T06:00:00Z", "end": "2026-05-02T12:00:00Z", "firm": true},
        "parcel": {"description": "TV 55\"", "weight_grams": 18000, "declared_value_cents": 89900}
    })
}

pub const HOME: (f64, f64) = (48.8606, 2.3376);

/// The flags of an attempt as the API shows it, by name.
pub fn flags(attempt: &Value) -> Vec<String> {
    attempt["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["flag"].as_str().unwrap().to_owned())
        .collect()
}

pub fn gps(when: DateTime<Utc>) -> Value {
    json!({"lat": HOME.0, "lon": HOME.1, "accuracy_m": 8.0, "captured_at": when})
}

pub struct Driver {
    pub id: String,
    pub token: String,
}

pub async fn driver(w: &World, admin: &str, email: &str) -> Driver {
    let id = w.app.user(admin, email, "driver").await;
    Driver {
        id,
        token: w.app.token(email).await,
    }
}

pub async fn accept(app: &TestApp, id: &str, hid: &str, who: &str, condition: &str) {
    let r = app
        .post(
            &format!("/v1/shipments/{id}/handoffs/{hid}/accept"),
            Some(who),
            json!({"condition": condition, "note": "box dented"}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
}

pub async fn handoff(app: &TestApp, id: &str, from: &str, to: Value) -> String {
    let r = app
        .post(&format!("/v1/shipments/{id}/handoffs"), Some(from), to)
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    r.body["id"].as_str().unwrap().to_owned()
}

/// The usual case: a shipment for the world's courier, handed over intact by the marketplace,
/// out for delivery with `d` in a window around now. Returns (id, tracking token).
pub async fn out_now(w: &World, reference: &str, d: &Driver) -> (String, String) {
    out_with(
        w,
        reference,
        &w.courier,
        &w.courier_admin,
        d,
        now_window(),
        false,
        "intact",
    )
    .await
}

/// A shipment for `courier` (whose admin is `courier_admin`), handed from the marketplace
/// (or through the supplier), out for delivery with `d`. Returns (id, tracking token).
#[allow(clippy::too_many_arguments)]
pub async fn out_with(
    w: &World,
    reference: &str,
    courier: &str,
    courier_admin: &str,
    d: &Driver,
    window: (DateTime<Utc>, DateTime<Utc>),
    via_supplier: bool,
    condition: &str,
) -> (String, String) {
    let mut s = tv(w);
    s["reference"] = json!(reference);
    s["courier_id"] = json!(courier);
    s["window"] = json!({"start": window.0, "end": window.1, "firm": true});
    out_body(w, s, courier_admin, d, via_supplier, condition).await
}

/// A shipment created from `s` (the world's shop), carried to `d` and out for delivery.
/// Returns (id, tracking token).
pub async fn out_body(
    w: &World,
    s: Value,
    courier_admin: &str,
    d: &Driver,
    via_supplier: bool,
    condition: &str,
) -> (String, String) {
    let app = &w.app;
    let r = app.post("/v1/shipments", Some(&w.shop_key), s).await;
    assert_eq!(r.status, 201, "{}", r.body);
    let id = r.body["id"].as_str().unwrap().to_owned();
    let token = r.body["tracking"]["token"].as_str().unwrap().to_owned();
    if via_supplier {
        let h = handoff(app, &id, &w.shop_key, json!({"to": "supplier"})).await;
        accept(app, &id, &h, &w.supplier_admin, "intact").await;
        let h = handoff(app, &id, &w.supplier_admin, json!({"to": "courier"})).await;
        accept(app, &id, &h, courier_admin, condition).await;
    } else {
        let h = handoff(app, &id, &w.shop_key, json!({"to": "courier"})).await;
        accept(app, &id, &h, courier_admin, condition).await;
    }
    let h = handoff(
        app,
        &id,
        courier_admin,
        json!({"to": "driver", "driver_id": d.id}),
    )
    .await;
    accept(app, &id, &h, &d.token, "intact").await;
    start_round(app, d, &id).await;
    (id, token)
}

/// The driver starts (or, after a failed attempt, restarts) the round.
pub async fn start_round(app: &TestApp, d: &Driver, id: &str) {
    let r = app
        .post(
            &format!("/v1/shipments/{id}/out-for-delivery"),
            Some(&d.token),
            json!({}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["status"], "out_for_delivery", "{}", r.body);
}

pub fn now_window() -> (DateTime<Utc>, DateTime<Utc>) {
    (
        Utc::now() - Duration::hours(1),
        Utc::now() + Duration::hours(4),
    )
}

pub async fn attempt(app: &TestApp, d: &Driver, id: &str, key: &str, body: Value) -> Reply {
    let req = app
        .client
        .post(format!("{}/v1/shipments/{id}/attempts", app.base))
        .bearer_auth(&d.token)
        .header("Idempotency-Key", key)
        .json(&body);
    TestApp::reply(req.send().await.unwrap()).await
}

/// A tracking-page form posted as a browser would, without following its 303 (the test reads
/// where it points).
pub async fn post_form(app: &TestApp, path: &str, body: impl Into<String>) -> reqwest::Response {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .post(format!("{}{path}", app.base))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body.into())
        .send()
        .await
        .unwrap()
}

pub async fn deliver(app: &TestApp, d: &Driver, id: &str, at: DateTime<Utc>) {
    let r = attempt(
        app,
        d,
        id,
        &format!("d-{id}"),
        json!({"outcome": "delivered", "placement": "handed_to_recipient", "gps": gps(at),
            "occurred_at": at}),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.body);
}

/// A failed attempt (nobody home, the intercom rung) at `at`: its id.
pub async fn fail(app: &TestApp, d: &Driver, id: &str, key: &str, at: DateTime<Utc>) -> String {
    let r = attempt(
        app,
        d,
        id,
        key,
        json!({"outcome": "failed", "failure_reason": "recipient_absent", "gps": gps(at),
            "intercom_note": "no answer", "occurred_at": at}),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.body);
    r.body["id"].as_str().unwrap().to_owned()
}

/// A real JPEG of the given size (one grey), carrying EXIF time and GPS when given.
pub fn jpeg(width: u16, height: u16, exif: Option<(DateTime<Utc>, (f64, f64))>) -> Vec<u8> {
    let grey = vec![128u8; usize::from(width) * usize::from(height)];
    let mut encoded = Vec::new();
    jpeg_encoder::Encoder::new(&mut encoded, 75)
        .encode(&grey, width, height, jpeg_encoder::ColorType::Luma)
        .unwrap();
    // The EXIF segment goes right after the start-of-image marker.
    let mut out = encoded[..2].to_vec();
    out.extend_from_slice(&exif_segment(exif));
    out.extend_from_slice(&encoded[2..]);
    out
}

/// A JPEG that is only a frame header of the given size: it announces an image and has none
/// (no scan), as a cut or forged file would.
pub fn jpeg_header(width: u16, height: u16) -> Vec<u8> {
    let mut out = vec![0xFF, 0xD8];
    out.extend_from_slice(&[0xFF, 0xC0, 0x00, 0x11, 0x08]);
    out.extend_from_slice(&height.to_be_bytes());
    out.extend_from_slice(&width.to_be_bytes());
    out.extend_from_slice(&[0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01]);
    out.extend_from_slice(&[0u8; 64]);
    out.extend_from_slice(&[0xFF, 0xD9]);
    out
}

/// A PNG header (signature and IHDR) announcing the given size, with `body` bytes after it.
pub fn png_header(width: u32, height: u32, body: usize) -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    out.extend_from_slice(&13u32.to_be_bytes());
    out.extend_from_slice(b"IHDR");
    out.extend_from_slice(&width.to_be_bytes());
    out.extend_from_slice(&height.to_be_bytes());
    out.extend_from_slice(&[8, 2, 0, 0, 0]);
    out.extend_from_slice(&[0u8; 4]);
    out.extend(std::iter::repeat_n(0u8, body));
    out
}

/// An APP1 segment with EXIF time and GPS, or nothing.
fn exif_segment(exif: Option<(DateTime<Utc>, (f64, f64))>) -> Vec<u8> {
    use exif::{Field, In, Rational, Tag, Value as V};
    let mut out = Vec::new();
    if let Some((at, (lat, lon))) = exif {
        let dms = |v: f64| {
            let v = v.abs();
            let d = v.floor();
            let m = ((v - d) * 60.0).floor();
            let s = ((v - d) * 60.0 - m) * 60.0;
            V::Rational(vec![
                Rational {
                    num: d as u32,
                    denom: 1,
                },
                Rational {
                    num: m as u32,
                    denom: 1,
                },
                Rational {
                    num: (s * 1000.0).round() as u32,
                    denom: 1000,
                },
            ])
        };
        let ascii = |s: &str| V::Ascii(vec![s.as_bytes().to_vec()]);
        let fields = [
            Field {
                tag: Tag::DateTimeOriginal,
                ifd_num: In::PRIMARY,
                value: ascii(&at.format("%Y:%m:%d %H:%M:%S").to_string()),
            },
            Field {
                tag: Tag::OffsetTimeOriginal,
                ifd_num: In::PRIMARY,
                value: ascii("+00:00"),
            },
            Field {
                tag: Tag::GPSLatitudeRef,
                ifd_num: In::PRIMARY,
                value: ascii(if lat < 0.0 { "S" } else { "N" }),
            },
            Field {
                tag: Tag::GPSLatitude,
                ifd_num: In::PRIMARY,
                value: dms(lat),
            },
            Field {
                tag: Tag::GPSLongitudeRef,
                ifd_num: In::PRIMARY,
                value: ascii(if lon < 0.0 { "W" } else { "E" }),
            },
            Field {
                tag: Tag::GPSLongitude,
                ifd_num: In::PRIMARY,
                value: dms(lon),
            },
        ];
        let mut w = exif::experimental::Writer::new();
        for f in &fields {
            w.push_field(f);
        }
        let mut tiff = std::io::Cursor::new(Vec::new());
        w.write(&mut tiff, false).unwrap();
        let tiff = tiff.into_inner();
        let len = (2 + 6 + tiff.len()) as u16;
        out.extend_from_slice(&[0xFF, 0xE1]);
        out.extend_from_slice(&len.to_be_bytes());
        out.extend_from_slice(b"Exif\0\0");
        out.extend_from_slice(&tiff);
    }
    out
}

pub async fn upload(
    app: &TestApp,
    token: &str,
    attempt_id: &str,
    kind: &str,
    bytes: Vec<u8>,
    ct: &str,
) -> Reply {
    let res = app
        .client
        .post(format!(
            "{}/v1/attempts/{attempt_id}/photos?kind={kind}",
            app.base
        ))
        .bearer_auth(token)
        .header("content-type", ct)
        .body(bytes)
        .send()
        .await
        .unwrap();
    TestApp::reply(res).await
}

#[derive(Debug, Clone)]
pub struct Hit {
    pub event_id: String,
    pub event_type: String,
    pub signature: String,
    pub body: String,
}

#[derive(Default)]
pub struct Inbox {
    hits: Vec<Hit>,
    /// Statuses to answer, in order; 200 once empty.
    plan: VecDeque<u16>,
    /// Once the plan is used up, answer 500 to this share of requests at random.
    fail_ratio: f64,
    /// Event ids answered with a 2xx.
    accepted: std::collections::HashSet<String>,
    /// How long each answer takes (a slow receiver).
    delay: StdDuration,
    /// Requests being answered now, the most there were at once, and those answered.
    in_flight: usize,
    max_in_flight: usize,
    answered: usize,
}

pub struct Receiver {
    pub url: String,
    inbox: Arc<Mutex<Inbox>>,
    handle: actix_web::dev::ServerHandle,
}

pub async fn receive(
    req: HttpRequest,
    body: web::Bytes,
    inbox: web::Data<Arc<Mutex<Inbox>>>,
) -> HttpResponse {
    let header = |n: &str| {
        req.headers()
            .get(n)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned()
    };
    // Webhooks name their event in `Doorstep-Event-Id`, customer SMS in `X-Doorstep-Event-Id`.
    let event_id = match header("doorstep-event-id") {
        id if id.is_empty() => header("x-doorstep-event-id"),
        id => id,
    };
    let (status, delay) = {
        let mut inbox = inbox.lock().unwrap();
        inbox.hits.push(Hit {
            event_id: event_id.clone(),
            event_type: header("doorstep-event-type"),
            signature: header("doorstep-signature"),
            body: String::from_utf8_lossy(&body).into_owned(),
        });
        let random_failure = rand::random::<f64>() < inbox.fail_ratio;
        let status = inbox
            .plan
            .pop_front()
            .unwrap_or(if random_failure { 500 } else { 200 });
        if (200..300).contains(&status) {
            inbox.accepted.insert(event_id);
        }
        inbox.in_flight += 1;
        inbox.max_in_flight = inbox.max_in_flight.max(inbox.in_flight);
        (status, inbox.delay)
    };
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    let mut inbox = inbox.lock().unwrap();
    inbox.in_flight -= 1;
    inbox.answered += 1;
    HttpResponse::build(actix_web::http::StatusCode::from_u16(status).unwrap()).finish()
}

impl Receiver {
    /// A receiver on `port` (0: any free port) answering `plan` first, then 200.
    pub async fn start(port: u16, plan: &[u16]) -> Receiver {
        Self::start_failing(port, plan, 0.0).await
    }

    /// Like `start`, then failing `fail_ratio` of requests with 500 at random.
    pub async fn start_failing(port: u16, plan: &[u16], fail_ratio: f64) -> Receiver {
        Self::serve(
            port,
            Inbox {
                plan: plan.iter().copied().collect(),
                fail_ratio,
                ..Default::default()
            },
        )
    }

    /// A receiver that takes `delay` to answer each request (200), many at once.
    pub async fn start_slow(delay: StdDuration) -> Receiver {
        Self::start_slow_on(0, delay).await
    }

    /// Like `start_slow`, on `port` (0: any free port).
    pub async fn start_slow_on(port: u16, delay: StdDuration) -> Receiver {
        Self::serve(
            port,
            Inbox {
                delay,
                ..Default::default()
            },
        )
    }

    fn serve(port: u16, inbox: Inbox) -> Receiver {
        let inbox = Arc::new(Mutex::new(inbox));
        let data = web::Data::new(inbox.clone());
        let listener = std::net::TcpListener::bind(("127.0.0.1", port)).unwrap();
        let port = listener.local_addr().unwrap().port();
        let server = HttpServer::new(move || {
            App::new()
                .app_data(data.clone())
                .default_service(web::to(receive))
        })
        .workers(1)
        .listen(listener)
        .unwrap()
        .run();
        let handle = server.handle();
        tokio::spawn(server);
        Receiver {
            url: format!("http://127.0.0.1:{port}/hook"),
            inbox,
            handle,
        }
    }

    /// Distinct events the receiver accepted (answered 2xx).
    pub fn unique_events(&self) -> usize {
        self.inbox.lock().unwrap().accepted.len()
    }

    /// The ids of the events the receiver accepted (answered 2xx).
    pub fn accepted_ids(&self) -> std::collections::HashSet<String> {
        self.inbox.lock().unwrap().accepted.clone()
    }

    /// Bodies of the requests the receiver answered with 2xx.
    pub fn accepted_bodies(&self) -> Vec<String> {
        let inbox = self.inbox.lock().unwrap();
        inbox
            .hits
            .iter()
            .filter(|h| inbox.accepted.contains(&h.event_id))
            .map(|h| h.body.clone())
            .collect()
    }

    pub fn hits(&self) -> Vec<Hit> {
        self.inbox.lock().unwrap().hits.clone()
    }

    /// Requests answered so far (a slow receiver answers each after its delay).
    pub fn answered(&self) -> usize {
        self.inbox.lock().unwrap().answered
    }

    /// The most requests this receiver was answering at once.
    pub fn max_concurrent(&self) -> usize {
        self.inbox.lock().unwrap().max_in_flight
    }

    /// Wait (up to 15 s) until `n` hits arrived.
    pub async fn wait_for(&self, n: usize) -> Vec<Hit> {
        for _ in 0..300 {
            let hits = self.hits();
            if hits.len() >= n {
                return hits;
            }
            tokio::time::sleep(StdDuration::from_millis(50)).await;
        }
        panic!("expected {n} webhook hits, got {:?}", self.hits());
    }

    pub async fn stop(&self) {
        self.handle.stop(false).await;
    }
}

/// Check `t=…,v1=…` against the secret the way a receiver would (the webhooks chapter's recipe).
pub fn signed_by(hit: &Hit, secret: &str) -> bool {
    let mut t = "";
    let mut sigs = Vec::new();
    for part in hit.signature.split(',') {
        match part.split_once('=') {
            Some(("t", v)) => t = v,
            Some(("v1", v)) => sigs.push(v),
            _ => {}
        }
    }
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(format!("{t}.{}", hit.body).as_bytes());
    let expected = hex::encode(mac.finalize().into_bytes());
    sigs.contains(&expected.as_str())
}

// The console (tests/api/console.rs over HTTP, tests/api/console_browser.rs in Chromium).

/// A failed first attempt on a TV the customer says she was home for: the dispute waiting.
/// Returns (shipment id, dispute id).
pub async fn disputed_tv(w: &World) -> (String, String) {
    let d = driver(w, &w.courier_admin, "tv@speedy.test").await;
    let (id, token) = out_now(w, "TV-C1", &d).await;
    held_since(&w.app, &id, Duration::hours(1)).await;
    fail(
        &w.app,
        &d,
        &id,
        "tv-c1-fail",
        Utc::now() - Duration::minutes(10),
    )
    .await;
    let r = w
        .app
        .post(
            &format!("/v1/track/{token}/disputes"),
            None,
            json!({"reason": "was_home", "comment": "I was on the intercom!"}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    (id, r.body["id"].as_str().unwrap().to_owned())
}

/// The courier contract's id and the shop admin's token (contracts are changed by its admins).
pub async fn courier_contract(w: &World) -> (String, String) {
    let admin = w.app.token("admin@shop.test").await;
    let list = w.app.get("/v1/contracts", Some(&admin)).await;
    let id = list.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["partner_kind"] == "courier")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    (id, admin)
}

/// The shop's contract with speedy targets a first-attempt success rate of 0.8; one parcel
/// delivered at once, one after a failed first visit: 50 % this week.
pub async fn a_first_attempt_target_and_two_deliveries(w: &World) {
    let app = &w.app;
    let (contract, shop_admin) = courier_contract(w).await;
    let r = app
        .request(
            reqwest::Method::PUT,
            &format!("/v1/contracts/{contract}/targets"),
            Some(&shop_admin),
            Some(json!({"targets": [{"kpi": "first_attempt_success_rate", "value": 0.8}]})),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let d = driver(w, &w.courier_admin, "chart@speedy.test").await;
    let (first, _) = out_now(w, "C-1", &d).await;
    deliver(app, &d, &first, Utc::now()).await;
    let (second, _) = out_now(w, "C-2", &d).await;
    held_since(app, &second, Duration::hours(1)).await;
    // 20 minutes ago, but not in last week (KPI weeks are UTC weeks from Monday 00:00).
    let now = Utc::now();
    let monday = (now.date_naive() - Duration::days(now.weekday().num_days_from_monday().into()))
        .and_time(chrono::NaiveTime::MIN)
        .and_utc();
    fail(
        app,
        &d,
        &second,
        "c2-fail",
        (now - Duration::minutes(20)).max(monday),
    )
    .await;
    start_round(app, &d, &second).await;
    deliver(app, &d, &second, Utc::now()).await;
}

/// `data-value` of each cell of the courier's column in a chart page's table, in order.
pub fn plotted(page: &str, courier: &str) -> Vec<Option<f64>> {
    let table = &page[page
        .find(r#"id="chart-data""#)
        .expect("the table beside the chart")..];
    let marker = format!(r#"data-courier="{courier}" data-value=""#);
    table
        .match_indices(&marker)
        .map(|(i, _)| {
            let rest = &table[i + marker.len()..];
            let v = &rest[..rest.find('"').unwrap()];
            (!v.is_empty()).then(|| v.parse().unwrap())
        })
        .collect()
}

/// One KPI of a courier week by week from `GET /v1/kpis`: (period, value).
pub async fn kpi_by_week(
    app: &TestApp,
    token: &str,
    courier: &str,
    kpi: &str,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
) -> Vec<(String, Option<f64>)> {
    let api = app
        .get(
            &format!("/v1/kpis?courier_id={courier}&from={from}&to={to}&granularity=week"),
            Some(token),
        )
        .await;
    assert_eq!(api.status, 200, "{}", api.body);
    api.body["periods"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let v = p["kpis"]
                .as_array()
                .unwrap()
                .iter()
                .find(|k| k["kpi"] == kpi)
                .unwrap();
            (
                p["period"].as_str().unwrap().to_owned(),
                v["value"].as_f64(),
            )
        })
        .collect()
}

/// A port nothing listens on (just now).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Move a shipment's server-stamped start back by `by`: its creation and the acceptance of
/// every hand-off to a driver, as if the driver had held the parcel that long. For the tests
/// of attempts sent after hours offline (an attempt may not claim a time before either).
pub async fn held_since(app: &TestApp, id: &str, by: Duration) {
    use diesel::prelude::*;
    use doorstep::db::schema::shipments;
    let db = app.db.clone();
    let id = id.to_owned();
    tokio::task::spawn_blocking(move || {
        let mut c = db.get_write().unwrap();
        let (created, facts): (chrono::NaiveDateTime, Option<String>) = shipments::table
            .find(&id)
            .select((shipments::created_at, shipments::kpi_facts))
            .first(&mut *c)
            .unwrap();
        let mut facts: Value = serde_json::from_str(facts.as_deref().unwrap_or("{}")).unwrap();
        for h in facts["handoffs"].as_array_mut().into_iter().flatten() {
            if h["to_driver"].is_null() {
                continue;
            }
            for key in ["accepted_at", "responded_at"] {
                if let Some(t) = h[key]
                    .as_str()
                    .and_then(|s| s.parse::<chrono::NaiveDateTime>().ok())
                {
                    h[key] = serde_json::to_value(t - by).unwrap();
                }
            }
        }
        diesel::update(shipments::table.find(&id))
            .set((
                shipments::created_at.eq(created - by),
                shipments::kpi_facts.eq(facts.to_string()),
            ))
            .execute(&mut *c)
            .unwrap();
    })
    .await
    .unwrap();
}
