//! `doorstep demo`: a first look in one command. Seeds a fresh database with a marketplace, a
//! supplier, three couriers with contracts and KPI targets, their users, a few dozen shipments
//! carried through hand-offs, contact attempts, delivery attempts, ratings and a dispute — all
//! through the real HTTP API of an in-process server (the same services, rules and one door as
//! production, no SQL of its own) — then prints the logins and links to try.
//!
//! History is written as history: the server's clock (settable, shared with the in-process
//! server) starts `--weeks` weeks ago (default 8) and moves forward two days a week, a few
//! parcels a courier each, then today's stories; every fact gets the time the server assigns
//! it then, so charts, trends and rankings have data on first look.

use anyhow::{Context, bail};
use diesel::prelude::*;
use serde_json::{Value, json};

use crate::config::Settings;
use crate::db::Db;
use crate::db::schema::{orgs, shipments};

/// The password of every demo user unless `--password` says otherwise.
pub const DEFAULT_PASSWORD: &str = "doorstep demo password";

pub fn run(mut settings: Settings, password: &str, weeks: u32) -> anyhow::Result<()> {
    let mut errors = Vec::new();
    crate::users::rules::check_password("password", password, &mut errors);
    if let Some(e) = errors.first() {
        bail!("--password {}", e.message);
    }
    let db = Db::open(&settings.db, 1)?;
    db.migrate()?;
    refuse_unless_fresh(&db)?;
    crate::users::bootstrap::create_platform_admin(&db, ROOT, "Platform admin", password)?;
    drop(db);

    let public_url = settings.tracking.public_url.clone();
    let serve = serve_command(&settings.db.url, &settings.http.bind);
    settings.http.bind = "127.0.0.1:0".to_owned();
    settings.http.metrics_bind = None;
    settings.http.workers = Some(2);
    settings.db.pool_size = settings.db.pool_size.min(4);
    // A settable clock, shared with the server it starts: the history is written as history,
    // through the API, with the clock moved back and then forward day by day.
    settings.clock = crate::clock::Clock::settable();
    // The seeding's own server only: its tokens last the whole history, and the customers'
    // ratings of many parcels from one address are not rate-limited.
    settings.auth.access_token_ttl =
        std::time::Duration::from_secs(u64::from(weeks + 1) * 7 * 86_400);
    settings.tracking.per_address_per_minute = 100_000;
    settings.tracking.per_token_per_minute = 100_000;
    let clock = settings.clock.clone();
    actix_web::rt::System::new().block_on(async move {
        let app = crate::Application::build(settings).await?;
        let base = format!("http://127.0.0.1:{}", app.port());
        let stopper = app.stopper();
        let server = actix_web::rt::spawn(app.run());
        let started = std::time::Instant::now();
        let seeded = seed(&Api::new(base, clock), password, weeks).await;
        stopper.stop().await;
        let _ = server.await;
        let seeded = seeded?;
        print_summary(&seeded, &serve, &public_url, password, started.elapsed());
        Ok(())
    })
}

fn refuse_unless_fresh(db: &Db) -> anyhow::Result<()> {
    let mut conn = db.get_write()?;
    let orgs: i64 = orgs::table.count().get_result(&mut conn)?;
    let shipments: i64 = shipments::table.count().get_result(&mut conn)?;
    let admin = crate::users::store::platform_admin_exists(&mut conn)?;
    if orgs > 0 || shipments > 0 || admin {
        bail!(
            "the database already has data ({orgs} org(s), {shipments} shipment(s){}): \
             `doorstep demo` only seeds a fresh database; point --database-url (DATABASE_URL) \
             at a new one, e.g. `--database-url sqlite://demo.db`",
            if admin { ", a platform admin" } else { "" }
        );
    }
    Ok(())
}

const ROOT: &str = "root@demo.example";
const LEAD: (&str, &str) = ("lea@bigshop.example", "Léa Moreau");
const SUPPLIER: (&str, &str) = ("ops@acme.example", "Acme TVs");

/// The couriers, best to worst: name, admin, drivers, and how their 20 parcels go.
struct CourierPlan {
    name: &'static str,
    admin: (&'static str, &'static str),
    drivers: [(&'static str, &'static str); 2],
    /// One letter per parcel: D delivered on time, E early without consent, F failed then
    /// delivered, W failed and waiting, X failed without calling first.
    story: &'static str,
    stars: &'static [i64],
}

const COURIERS: [CourierPlan; 3] = [
    CourierPlan {
        name: "Speedy Couriers",
        admin: ("sam@speedy.example", "Sam Carter"),
        drivers: [
            ("dina@speedy.example", "Dina Lopez"),
            ("omar@speedy.example", "Omar Haddad"),
        ],
        story: "DDDDDDDDDFDDDDDDDDED",
        stars: &[5, 5, 4, 5, 5, 4],
    },
    CourierPlan {
        name: "Steady Express",
        admin: ("kim@steady.example", "Kim Nguyen"),
        drivers: [
            ("paul@steady.example", "Paul Martin"),
            ("ines@steady.example", "Inès Roux"),
        ],
        story: "DDDDFDDEDDDWDDDDFDDE",
        stars: &[4, 5, 3, 4, 4],
    },
    CourierPlan {
        name: "Slowpoke Logistics",
        admin: ("max@slowpoke.example", "Max Weber"),
        drivers: [
            ("leo@slowpoke.example", "Léo Blanc"),
            ("zoe@slowpoke.example", "Zoé Petit"),
        ],
        story: "DXDEDFDDXEWDDEDXDFDW",
        stars: &[4, 3, 5, 2, 3],
    },
];

struct Seeded {
    shop_key: String,
    tv_link: String,
    out_link: String,
    shipments: usize,
    requests: usize,
}

struct Api {
    client: reqwest::Client,
    base: String,
    requests: std::sync::atomic::AtomicUsize,
    /// The server's clock (settable: the demo can write history as history).
    clock: crate::clock::Clock,
}

impl Api {
    fn new(base: String, clock: crate::clock::Clock) -> Api {
        Api {
            clock,
            client: reqwest::Client::new(),
            base,
            requests: Default::default(),
        }
    }

    async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
        idempotency_key: Option<&str>,
    ) -> anyhow::Result<Value> {
        self.requests
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let mut req = self
            .client
            .request(method.clone(), format!("{}{path}", self.base));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        if let Some(k) = idempotency_key {
            req = req.header("Idempotency-Key", k);
        }
        if let Some(b) = body {
            req = req
                .header("content-type", "application/json")
                .body(serde_json::to_vec(&b)?);
        }
        let resp = req
            .send()
            .await
            .with_context(|| format!("{method} {path}"))?;
        let status = resp.status();
        let bytes = resp.bytes().await?;
        if !status.is_success() {
            bail!(
                "{method} {path}: {status}: {}",
                String::from_utf8_lossy(&bytes)
            );
        }
        if bytes.is_empty() {
            return Ok(Value::Null);
        }
        Ok(serde_json::from_slice(&bytes)?)
    }

    async fn post(&self, path: &str, token: &str, body: Value) -> anyhow::Result<Value> {
        self.send(reqwest::Method::POST, path, Some(token), Some(body), None)
            .await
    }

    async fn public(&self, path: &str, body: Value) -> anyhow::Result<Value> {
        self.send(reqwest::Method::POST, path, None, Some(body), None)
            .await
    }

    async fn login(&self, email: &str, password: &str) -> anyhow::Result<String> {
        let r = self
            .public(
                "/v1/auth/login",
                json!({"email": email, "password": password}),
            )
            .await?;
        str_at(&r, "/access_token")
    }

    async fn org(
        &self,
        root: &str,
        kind: &str,
        name: &str,
        admin: (&str, &str),
        password: &str,
    ) -> anyhow::Result<String> {
        let r = self
            .post(
                "/v1/orgs",
                root,
                json!({"kind": kind, "name": name,
                    "admin": {"email": admin.0, "name": admin.1, "password": password}}),
            )
            .await?;
        str_at(&r, "/org/id")
    }

    async fn user(
        &self,
        admin: &str,
        (email, name): (&str, &str),
        role: &str,
        password: &str,
    ) -> anyhow::Result<String> {
        let r = self
            .post(
                "/v1/users",
                admin,
                json!({"email": email, "name": name, "password": password, "role": role}),
            )
            .await?;
        str_at(&r, "/id")
    }

    /// A hand-off from `from` accepted by `to` (intact).
    async fn hand(&self, id: &str, from: &str, to: &str, body: Value) -> anyhow::Result<()> {
        let h = self
            .post(&format!("/v1/shipments/{id}/handoffs"), from, body)
            .await?;
        let hid = str_at(&h, "/id")?;
        self.post(
            &format!("/v1/shipments/{id}/handoffs/{hid}/accept"),
            to,
            json!({"condition": "intact"}),
        )
        .await?;
        Ok(())
    }

    async fn attempt(
        &self,
        id: &str,
        driver: &str,
        key: &str,
        body: Value,
    ) -> anyhow::Result<Value> {
        self.send(
            reqwest::Method::POST,
            &format!("/v1/shipments/{id}/attempts"),
            Some(driver),
            Some(body),
            Some(key),
        )
        .await
    }

    async fn contact(&self, id: &str, driver: &str, outcome: &str) -> anyhow::Result<()> {
        self.post(
            &format!("/v1/shipments/{id}/contact-attempts"),
            driver,
            json!({"channel": "call", "outcome": outcome, "occurred_at": self.clock.now()}),
        )
        .await?;
        Ok(())
    }
}

fn str_at(v: &Value, pointer: &str) -> anyhow::Result<String> {
    v.pointer(pointer)
        .and_then(Value::as_str)
        .map(str::to_owned)
        .with_context(|| format!("no {pointer} in {v}"))
}

struct Driver {
    id: String,
    token: String,
}

/// The customer's home, by parcel number: somewhere in Paris.
fn home(n: usize) -> (f64, f64) {
    let k = n as f64;
    (48.84 + (k * 0.0037) % 0.05, 2.30 + (k * 0.0053) % 0.08)
}

const FIRST: [&str; 10] = [
    "Camille", "Hugo", "Chloé", "Lucas", "Manon", "Nathan", "Emma", "Louis", "Jade", "Gabriel",
];
const LAST: [&str; 8] = [
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Durand", "Lefebvre",
];
const ITEMS: [&str; 6] = [
    "Headphones",
    "Coffee machine",
    "Running shoes",
    "Desk lamp",
    "Board game",
    "Blender",
];

fn shipment(
    n: usize,
    reference: &str,
    supplier: Option<&str>,
    courier: &str,
    window: (chrono::DateTime<chrono::Utc>, chrono::DateTime<chrono::Utc>),
) -> Value {
    let (lat, lon) = home(n);
    let name = format!("{} {}", FIRST[n % FIRST.len()], LAST[n % LAST.len()]);
    let mut s = json!({
        "reference": reference,
        "courier_id": courier,
        "recipient": {"name": name, "phone": format!("06 12 {:02} {:02} {:02}", n / 100 % 100, n / 10 % 10 * 10 + 3, n % 100),
            "email": format!("customer{n}@mail.example"),
            "address": {"line1": format!("{} rue de Rivoli", n + 1), "postal_code": "75001", "city": "Paris", "country": "FR"},
            "lat": lat, "lon": lon},
        "preferences": {"call_before_arrival": n.is_multiple_of(3)},
        "window": {"start": window.0, "end": window.1, "firm": true},
        "time_zone": "Europe/Paris",
        "parcel": {"description": ITEMS[n % ITEMS.len()], "weight_grams": 500 + 250 * (n % 9) as i64,
            "declared_value_cents": 2900 + 1000 * (n % 7) as i64}
    });
    if let Some(sup) = supplier {
        s["supplier_id"] = json!(sup);
    }
    s
}

/// The stories of a history day `day` (three parcels from the courier's story, taken in turn),
/// or of today (`None`: the whole story).
fn day_story(story: &str, day: Option<u32>) -> Vec<(usize, char)> {
    let all: Vec<char> = story.chars().collect();
    match day {
        None => all.into_iter().enumerate().collect(),
        Some(d) => (0..3)
            .map(|k| {
                let i = (d as usize * 3 + k) % all.len();
                (i, all[i])
            })
            .collect(),
    }
}

/// History day `d` of `weeks` weeks: Tuesdays and Thursdays at 09:30 UTC, oldest first.
fn history_moment(
    today: chrono::DateTime<chrono::Utc>,
    weeks: u32,
    d: u32,
) -> chrono::DateTime<chrono::Utc> {
    use chrono::{Datelike, Duration};
    let monday =
        today.date_naive() - Duration::days(i64::from(today.weekday().num_days_from_monday()));
    let week_start = monday - Duration::weeks(i64::from(weeks - d / 2));
    let day = week_start + Duration::days(if d.is_multiple_of(2) { 1 } else { 3 });
    day.and_hms_opt(9, 30, 0).unwrap_or_default().and_utc()
}

fn gps(n: usize, at: chrono::DateTime<chrono::Utc>) -> Value {
    let (lat, lon) = home(n);
    json!({"lat": lat, "lon": lon, "accuracy_m": 9.0, "captured_at": at})
}

async fn seed(api: &Api, password: &str, weeks: u32) -> anyhow::Result<Seeded> {
    use chrono::Duration;
    // Everything begins `weeks` weeks ago, so the history is written as it happened.
    let today = api.clock.now();
    api.clock.advance(-Duration::weeks(i64::from(weeks)));
    let root = api.login(ROOT, password).await?;
    let _shop = api
        .org(&root, "marketplace", "Big Shop", LEAD, password)
        .await?;
    let lead = api.login(LEAD.0, password).await?;
    let acme = api
        .org(
            &root,
            "supplier",
            SUPPLIER.1,
            (SUPPLIER.0, "Acme dispatch"),
            password,
        )
        .await?;
    let acme_t = api.login(SUPPLIER.0, password).await?;
    api.post("/v1/contracts", &lead, json!({"partner_id": acme}))
        .await?;
    api.user(
        &lead,
        ("anna@bigshop.example", "Anna Keller"),
        "staff",
        password,
    )
    .await?;
    let key = api
        .post("/v1/api-keys", &lead, json!({"name": "demo order sync"}))
        .await?;
    let key = str_at(&key, "/secret")?;

    let mut n = 0usize;
    let mut couriers = Vec::new();
    for plan in &COURIERS {
        let id = api
            .org(&root, "courier", plan.name, plan.admin, password)
            .await?;
        let admin = api.login(plan.admin.0, password).await?;
        let contract = api
            .post("/v1/contracts", &lead, json!({"partner_id": id}))
            .await?;
        let contract = str_at(&contract, "/id")?;
        api.send(
            reqwest::Method::PUT,
            &format!("/v1/contracts/{contract}/targets"),
            Some(&lead),
            Some(json!({"targets": [
                {"kpi": "on_time_rate", "op": ">=", "value": 0.9},
                {"kpi": "first_attempt_success_rate", "op": ">=", "value": 0.85},
                {"kpi": "average_stars", "op": ">=", "value": 4.0},
                {"kpi": "early_without_consent_rate", "op": "<=", "value": 0.1},
                {"kpi": "proof_compliance", "op": ">=", "value": 0.8},
            ]})),
            None,
        )
        .await?;
        let mut drivers = Vec::new();
        for d in plan.drivers {
            let did = api.user(&admin, d, "driver", password).await?;
            drivers.push(Driver {
                id: did,
                token: api.login(d.0, password).await?,
            });
        }
        couriers.push((id, admin, drivers));
    }

    // Carry a shipment from the marketplace (or through the supplier) to a driver and out.
    let carry = |id: String, courier: usize, driver: usize, via_supplier: bool| {
        let (_, admin, drivers) = &couriers[courier];
        let (key, acme_t) = (&key, &acme_t);
        async move {
            let d = &drivers[driver];
            if via_supplier {
                api.hand(&id, key, acme_t, json!({"to": "supplier"}))
                    .await?;
                api.hand(&id, acme_t, admin, json!({"to": "courier"}))
                    .await?;
            } else {
                api.hand(&id, key, admin, json!({"to": "courier"})).await?;
            }
            api.hand(
                &id,
                admin,
                &d.token,
                json!({"to": "driver", "driver_id": d.id}),
            )
            .await?;
            api.post(
                &format!("/v1/shipments/{id}/out-for-delivery"),
                &d.token,
                json!({}),
            )
            .await?;
            anyhow::Ok(id)
        }
    };

    let now_window = || {
        (
            api.clock.now() - Duration::hours(1),
            api.clock.now() + Duration::hours(4),
        )
    };
    let later_window = || {
        (
            api.clock.now() + Duration::hours(3),
            api.clock.now() + Duration::hours(7),
        )
    };
    let mut shipments = 0;
    // Two days a week of history (Tuesday and Thursday mornings, Paris time), a few parcels a
    // courier each, then today's full stories.
    let mut days: Vec<Option<u32>> = (0..weeks * 2).map(Some).collect();
    days.push(None);
    for day in days {
        match day {
            Some(d) => {
                let at = history_moment(today, weeks, d);
                api.clock.advance(at - api.clock.now());
            }
            None => api.clock.advance(today - api.clock.now()),
        }
        for (c, plan) in COURIERS.iter().enumerate() {
            let courier_id = couriers[c].0.clone();
            for (i, kind) in day_story(plan.story, day) {
                n += 1;
                let early = kind == 'E';
                let window = if early { later_window() } else { now_window() };
                let reference = match day {
                    Some(d) => format!(
                        "ORD-{}-{:02}{:02}",
                        &plan.name[..2].to_uppercase(),
                        d,
                        i + 1
                    ),
                    None => format!("ORD-{}{:03}", &plan.name[..2].to_uppercase(), i + 1),
                };
                let body = shipment(
                    n,
                    &reference,
                    (i % 4 == 0).then_some(acme.as_str()),
                    &courier_id,
                    window,
                );
                let created = api
                    .send(
                        reqwest::Method::POST,
                        "/v1/shipments",
                        Some(&key),
                        Some(body),
                        Some(&reference),
                    )
                    .await?;
                shipments += 1;
                let id = str_at(&created, "/id")?;
                let token = str_at(&created, "/tracking/token")?;
                let driver = i % 2;
                let id = carry(id, c, driver, i % 4 == 0).await?;
                let d = &couriers[c].2[driver];
                if kind != 'X' {
                    api.contact(
                        &id,
                        &d.token,
                        if kind == 'D' { "reached" } else { "no_answer" },
                    )
                    .await?;
                }
                let delivered = || {
                    json!({"outcome": "delivered", "placement": "handed_to_recipient",
                        "recipient_name": "the customer", "gps": gps(n, api.clock.now()), "occurred_at": api.clock.now()})
                };
                let failed = || {
                    json!({"outcome": "failed", "failure_reason": "recipient_absent",
                        "gps": gps(n, api.clock.now()), "intercom_note": "rang twice, no answer", "occurred_at": api.clock.now()})
                };
                let (stars, tags, comment): (i64, Value, &str) = match kind {
                    'D' => {
                        api.attempt(&id, &d.token, &format!("{reference}-1"), delivered())
                            .await?;
                        let s = plan.stars[i % plan.stars.len()];
                        match s {
                            5 => (
                                5,
                                json!(["on_time", "friendly"]),
                                "Right on time, very friendly.",
                            ),
                            4 => (4, json!(["on_time"]), "Fine, arrived in the window."),
                            3 => (3, json!(["careful"]), "OK, but nobody called ahead."),
                            _ => (2, json!(["rude"]), "The driver was rude at the door."),
                        }
                    }
                    'E' => {
                        api.attempt(&id, &d.token, &format!("{reference}-1"), delivered())
                            .await?;
                        (
                            2,
                            json!(["early_without_notice"]),
                            "Came hours before the window, I had to rush home.",
                        )
                    }
                    'F' => {
                        api.attempt(&id, &d.token, &format!("{reference}-1"), failed())
                            .await?;
                        api.post(
                            &format!("/v1/shipments/{id}/out-for-delivery"),
                            &d.token,
                            json!({}),
                        )
                        .await?;
                        api.attempt(&id, &d.token, &format!("{reference}-2"), delivered())
                            .await?;
                        (3, json!(["called_ahead"]), "Second visit worked.")
                    }
                    _ => {
                        // W and X: failed, waiting for a new visit.
                        api.attempt(&id, &d.token, &format!("{reference}-1"), failed())
                            .await?;
                        if kind == 'X' {
                            (
                                1,
                                json!(["false_not_home", "no_call"]),
                                "I was home all day, nobody rang.",
                            )
                        } else {
                            (2, json!(["no_call"]), "Missed me, no call before.")
                        }
                    }
                };
                // Most customers rate; a few do not.
                if i % 5 != 3 {
                    api.public(
                        &format!("/v1/track/{token}/rating"),
                        json!({"stars": stars, "tags": tags, "comment": comment}),
                    )
                    .await?;
                }
            }
        }
    }
    api.clock.advance(today - api.clock.now());

    // The TV story: a firm afternoon window, the driver comes early without consent, finds
    // nobody, and the customer disputes; the courier has answered, the marketplace decides.
    n += 1;
    let mut tv = shipment(n, "TV-4242", Some(&acme), &couriers[0].0, later_window());
    tv["recipient"]["name"] = json!("Camille Martin");
    tv["recipient"]["access_notes"] = json!("Intercom MARTIN, 3rd floor");
    tv["preferences"]["call_before_arrival"] = json!(true);
    tv["parcel"] =
        json!({"description": "TV 55\"", "weight_grams": 18000, "declared_value_cents": 89900});
    let created = api
        .send(
            reqwest::Method::POST,
            "/v1/shipments",
            Some(&key),
            Some(tv),
            Some("TV-4242"),
        )
        .await?;
    shipments += 1;
    let tv_id = carry(str_at(&created, "/id")?, 0, 0, true).await?;
    let tv_link = str_at(&created, "/tracking/url")?;
    let tv_token = str_at(&created, "/tracking/token")?;
    let dina = &couriers[0].2[0];
    api.attempt(
        &tv_id,
        &dina.token,
        "TV-4242-1",
        json!({"outcome": "failed", "failure_reason": "recipient_absent", "gps": gps(n, api.clock.now()),
            "intercom_note": "rang MARTIN, no answer", "occurred_at": api.clock.now()}),
    )
    .await?;
    let dispute = api
        .public(
            &format!("/v1/track/{tv_token}/disputes"),
            json!({"reason": "was_home", "comment":
                "I was home for the afternoon window you promised; the driver came at lunch and never called."}),
        )
        .await?;
    let dispute = str_at(&dispute, "/id")?;
    api.post(
        &format!("/v1/disputes/{dispute}/response"),
        &couriers[0].1,
        json!({"response": "Our driver rang the intercom twice before leaving."}),
    )
    .await?;

    // One parcel out for delivery now, with the driver whose login is printed.
    n += 1;
    let created = api
        .send(
            reqwest::Method::POST,
            "/v1/shipments",
            Some(&key),
            Some(shipment(
                n,
                "ORD-OUT-001",
                None,
                &couriers[0].0,
                now_window(),
            )),
            Some("ORD-OUT-001"),
        )
        .await?;
    shipments += 1;
    carry(str_at(&created, "/id")?, 0, 0, false).await?;
    let out_link = str_at(&created, "/tracking/url")?;

    Ok(Seeded {
        shop_key: key,
        tv_link,
        out_link,
        shipments,
        requests: api.requests.load(std::sync::atomic::Ordering::Relaxed),
    })
}

/// The exact command that serves the seeded database (as given: run as printed, it opens the
/// same database on the same address).
fn serve_command(database_url: &str, bind: &str) -> String {
    let mut cmd = format!("doorstep serve --database-url '{database_url}'");
    if bind != crate::config::DEFAULT_BIND {
        cmd.push_str(&format!(" --bind {bind}"));
    }
    cmd
}

fn print_summary(
    s: &Seeded,
    serve: &str,
    public_url: &str,
    password: &str,
    took: std::time::Duration,
) {
    println!(
        "Demo data seeded: 1 marketplace, 1 supplier, 3 couriers, {} shipments ({} API requests, {:.1} s).",
        s.shipments,
        s.requests,
        took.as_secs_f64()
    );
    println!();
    println!("Start the server on this database:  {serve}");
    println!("Console:  {public_url}/console/login");
    println!("Driver app (on a phone, or a narrow window):  {public_url}/driver");
    println!();
    println!("Logins (password for all: {password}):");
    println!("  marketplace ops lead  {}", LEAD.0);
    println!("  courier admin         {}", COURIERS[0].admin.0);
    println!("  driver                {}", COURIERS[0].drivers[0].0);
    println!("  platform admin        {ROOT}");
    println!();
    println!("Marketplace API key:  {}", s.shop_key);
    println!();
    println!("Tracking links:");
    println!("  TV story (early visit, dispute waiting)  {}", s.tv_link);
    println!("  out for delivery now                     {}", s.out_link);
    println!();
    println!(
        "Tracking links and the API key are shown only now: keep them. Access tokens are signed \
         with DOORSTEP_JWT_SECRET; log in again after `doorstep serve` starts."
    );
}
