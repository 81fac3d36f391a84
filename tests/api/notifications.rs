//! Customer messages against real protocol servers: an SMTP server (Python's aiosmtpd, writing
//! a maildir the test parses) and a local HTTP receiver playing Twilio's Messages API.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use base64::Engine;
use chrono::Utc;
use secrecy::SecretString;
use serde_json::json;

use crate::fixtures::{
    World, courier_contract, deliver, driver, fail, free_port, out_now, start_round, world_with,
};

/// aiosmtpd on a free port, storing every message in a maildir; killed on drop.
struct Smtp {
    port: u16,
    dir: tempfile::TempDir,
    child: std::process::Child,
}

impl Drop for Smtp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn smtp() -> Smtp {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let child = std::process::Command::new("python3")
        .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}")])
        .args(["-c", "aiosmtpd.handlers.Mailbox"])
        .arg(dir.path().join("mail"))
        .spawn()
        .expect("python3 -m aiosmtpd (pip install aiosmtpd)");
    for _ in 0..100 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Smtp { port, dir, child }
}

/// A received e-mail: its headers and decoded body.
#[derive(Debug)]
struct Mail {
    subject: String,
    event_id: String,
    to: String,
    body: String,
}

fn decode_qp(s: &str) -> String {
    let s = s.replace("=\r\n", "").replace("=\n", "");
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'='
            && let Some(v) = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn parse_mail(raw: &str) -> Mail {
    let raw = raw.replace("\r\n", "\n");
    let (head, body) = raw.split_once("\n\n").unwrap();
    // Unfold continuation lines.
    let head = head.replace("\n ", " ").replace("\n\t", " ");
    let header = |name: &str| {
        head.lines()
            .find_map(|l| {
                let (k, v) = l.split_once(':')?;
                k.eq_ignore_ascii_case(name).then(|| v.trim().to_owned())
            })
            .unwrap_or_default()
    };
    let body = match header("Content-Transfer-Encoding")
        .to_ascii_lowercase()
        .as_str()
    {
        "quoted-printable" => decode_qp(body),
        "base64" => String::from_utf8(
            base64::engine::general_purpose::STANDARD
                .decode(body.replace('\n', ""))
                .unwrap(),
        )
        .unwrap(),
        _ => body.to_owned(),
    };
    Mail {
        subject: header("Subject"),
        event_id: header("X-Doorstep-Event-Id"),
        to: header("To"),
        body,
    }
}

fn mails(dir: &Path) -> Vec<Mail> {
    let mut out = Vec::new();
    for sub in ["new", "cur"] {
        let Ok(entries) = std::fs::read_dir(dir.join("mail").join(sub)) else {
            continue;
        };
        for e in entries.flatten() {
            let p: PathBuf = e.path();
            out.push(parse_mail(&std::fs::read_to_string(p).unwrap()));
        }
    }
    out
}

async fn wait_mails(dir: &Path, n: usize) -> Vec<Mail> {
    for _ in 0..200 {
        let m = mails(dir);
        if m.len() >= n {
            return m;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("expected {n} mails, got {:?}", mails(dir));
}

/// One request to the SMS API.
#[derive(Debug, Clone)]
struct Sms {
    auth: String,
    event_id: String,
    form: Vec<(String, String)>,
    answered: u16,
}

impl Sms {
    fn field(&self, k: &str) -> &str {
        self.form
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }
}

#[derive(Default)]
struct SmsInbox {
    plan: VecDeque<u16>,
    hits: Vec<Sms>,
}

async fn sms_receive(
    req: HttpRequest,
    body: web::Form<Vec<(String, String)>>,
    inbox: web::Data<Arc<Mutex<SmsInbox>>>,
) -> HttpResponse {
    let header = |n: &str| {
        req.headers()
            .get(n)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned()
    };
    let mut inbox = inbox.lock().unwrap();
    let status = inbox.plan.pop_front().unwrap_or(200);
    inbox.hits.push(Sms {
        auth: header("authorization"),
        event_id: header("x-doorstep-event-id"),
        form: body.into_inner(),
        answered: status,
    });
    HttpResponse::build(actix_web::http::StatusCode::from_u16(status).unwrap())
        .json(json!({"sid": "SM1", "status": "queued"}))
}

struct SmsApi {
    url: String,
    inbox: Arc<Mutex<SmsInbox>>,
}

fn sms_api(plan: &[u16]) -> SmsApi {
    let inbox = Arc::new(Mutex::new(SmsInbox {
        plan: plan.iter().copied().collect(),
        hits: Vec::new(),
    }));
    let data = web::Data::new(inbox.clone());
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = HttpServer::new(move || {
        App::new().app_data(data.clone()).route(
            "/2010-04-01/Accounts/AC1/Messages.json",
            web::post().to(sms_receive),
        )
    })
    .workers(1)
    .listen(listener)
    .unwrap()
    .run();
    tokio::spawn(server);
    SmsApi {
        url: format!("http://AC1:s3cret@127.0.0.1:{port}/2010-04-01/Accounts/AC1/Messages.json"),
        inbox,
    }
}

async fn notified_world(smtp_port: Option<u16>, sms_url: Option<String>) -> World {
    world_with(move |s| {
        s.notify.smtp_url =
            smtp_port.map(|p| SecretString::from(format!("smtp://127.0.0.1:{p}?tls=none")));
        s.notify.mail_from = "Shop deliveries <deliveries@shop.example>".to_owned();
        s.notify.sms_url = sms_url.map(SecretString::from);
        s.notify.sms_from = "+33700000000".to_owned();
        s.notify.poll = Duration::from_millis(100);
        s.notify.retry_base = Duration::from_millis(200);
        // Links and secrets sealed at rest, as in production (issue 24).
        s.secrets.key = Some(SecretString::from(
            base64::engine::general_purpose::STANDARD.encode([7u8; 32]),
        ));
    })
    .await
}

/// The TV story with messages: the link by e-mail at creation, the driver on the way (by
/// e-mail and SMS, the SMS retried after a 500 and received once), the failed visit with the
/// re-delivery link, the delivered message with the rating link; the log for each party.
#[actix_web::test]
async fn tv_story_messages_reach_real_servers() {
    let mail = smtp().await;
    let sms = sms_api(&[500]);
    let w = notified_world(Some(mail.port), Some(sms.url.clone())).await;
    let app = &w.app;
    let d = driver(&w, &w.courier_admin, "dan@speedy.example").await;
    let (id, token) = out_now(&w, "TV-42", &d).await;
    let link = format!("/t/{token}");
    // Created and out for delivery.
    let got = wait_mails(mail.dir.path(), 2).await;
    let created = got
        .iter()
        .find(|m| m.subject.contains("TV-42"))
        .expect("creation e-mail");
    assert_eq!(created.to, "camille@example.fr");
    assert!(created.body.contains(&link), "{}", created.body);
    assert!(created.body.contains("switch them off"), "{}", created.body);
    assert!(created.event_id.starts_with("evt_"), "{created:?}");
    let out = got
        .iter()
        .find(|m| m.subject.contains("out for delivery"))
        .expect("out-for-delivery e-mail");
    // The window in the shipment's local time, with its zone.
    assert!(out.body.contains("Promised:"), "{}", out.body);

    let now = Utc::now();
    fail(app, &d, &id, "f-1", now).await;
    let got = wait_mails(mail.dir.path(), 3).await;
    let failed = got
        .iter()
        .find(|m| m.subject.contains("could not deliver"))
        .expect("failed-visit e-mail");
    assert!(failed.body.contains(&link), "{}", failed.body);
    assert!(failed.body.contains("new day"), "{}", failed.body);

    start_round(app, &d, &id).await;
    deliver(app, &d, &id, Utc::now()).await;
    let got = wait_mails(mail.dir.path(), 5).await;
    let delivered = got
        .iter()
        .find(|m| m.subject.contains("delivered"))
        .expect("delivered e-mail");
    assert!(
        delivered.body.contains(&format!("{link}#rating")),
        "{}",
        delivered.body
    );
    // One e-mail per event: no duplicates.
    let mut ids: Vec<&str> = got.iter().map(|m| m.event_id.as_str()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), got.len(), "{got:?}");

    // SMS: basic auth from the URL, Twilio's fields; the 500 retried, each event accepted once.
    let mut accepted = Vec::new();
    for _ in 0..300 {
        let hits = sms.inbox.lock().unwrap().hits.clone();
        accepted = hits
            .iter()
            .filter(|h| h.answered == 200)
            .cloned()
            .collect::<Vec<_>>();
        // Done when the failed-visit SMS went out and the one answered 500 was retried.
        // Two SMS may be in flight at once: the one the plan answered 500 is not always the
        // first recorded.
        let retried = hits
            .iter()
            .find(|h| h.answered == 500)
            .is_some_and(|first| accepted.iter().any(|h| h.event_id == first.event_id));
        if retried && accepted.iter().any(|h| h.field("Body").contains("new day")) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let hits = sms.inbox.lock().unwrap().hits.clone();
    let first = hits
        .iter()
        .find(|h| h.answered == 500)
        .expect("an SMS answered 500");
    assert_eq!(hits.iter().filter(|h| h.answered == 500).count(), 1);
    assert!(
        hits.iter()
            .any(|h| h.event_id == first.event_id && h.answered == 200),
        "the SMS answered 500 was retried: {hits:?}"
    );
    let expected = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode("AC1:s3cret")
    );
    for h in &hits {
        assert_eq!(h.auth, expected);
        assert_eq!(h.field("To"), "+33612345678");
        assert_eq!(h.field("From"), "+33700000000");
    }
    let mut ids: Vec<&str> = accepted.iter().map(|h| h.event_id.as_str()).collect();
    let n = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), n, "an event's SMS accepted twice: {accepted:?}");

    // The log: the owner sees recipients and subjects, the courier channel and state only.
    let log = app
        .get(
            &format!("/v1/shipments/{id}/notifications"),
            Some(&w.shop_key),
        )
        .await;
    assert_eq!(log.status, 200, "{}", log.body);
    let items = log.body["items"].as_array().unwrap();
    assert!(items.len() >= 8, "{}", log.body);
    assert!(items.iter().any(|i| i["recipient"] == "camille@example.fr"
        && i["status"] == "sent"
        && i["channel"] == "email"));
    let theirs = app
        .get(
            &format!("/v1/shipments/{id}/notifications"),
            Some(&w.courier_admin),
        )
        .await;
    assert_eq!(theirs.status, 200, "{}", theirs.body);
    for i in theirs.body["items"].as_array().unwrap() {
        assert!(
            i.get("recipient").is_none() && i.get("subject").is_none(),
            "{i}"
        );
        assert!(i["channel"].is_string() && i["status"].is_string());
    }
    let other = app
        .get(
            &format!("/v1/shipments/{id}/notifications"),
            Some(&w.other_shop_admin),
        )
        .await;
    assert_eq!(other.status, 404);
}

/// The customer switches e-mail off from the link: honoured at once (nothing more queued on
/// it), SMS stays; the page shows the choice; unknown fields are refused.
#[actix_web::test]
async fn opt_out_from_the_link_is_honoured() {
    let sms = sms_api(&[]);
    // An SMTP port nobody listens on: e-mail stays queued, never sent.
    let w = notified_world(Some(free_port()), Some(sms.url.clone())).await;
    let app = &w.app;
    let mut s = crate::fixtures::tv(&w);
    s["reference"] = json!("OPT-1");
    let r = app.post("/v1/shipments", Some(&w.shop_key), s).await;
    assert_eq!(r.status, 201, "{}", r.body);
    let id = r.body["id"].as_str().unwrap().to_owned();
    let token = r.body["tracking"]["token"].as_str().unwrap().to_owned();
    let v = app.get(&format!("/v1/track/{token}"), None).await;
    assert_eq!(v.body["notifications"], json!({"email": true, "sms": true}));

    let bad = app
        .post(
            &format!("/v1/track/{token}/notifications"),
            None,
            json!({"email": false, "fax": true}),
        )
        .await;
    assert!(bad.status.is_client_error(), "{}", bad.body);
    // An array is not read as the fields in order (serde would take `[false, false]`).
    let positional = app
        .post(
            &format!("/v1/track/{token}/notifications"),
            None,
            json!([false, false]),
        )
        .await;
    positional.assert_problem(422, "validation");
    let r = app
        .post(
            &format!("/v1/track/{token}/notifications"),
            None,
            json!({"email": false}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        r.body["notifications"],
        json!({"email": false, "sms": true})
    );

    let log = app
        .get(
            &format!("/v1/shipments/{id}/notifications"),
            Some(&w.shop_key),
        )
        .await;
    let items = log.body["items"].as_array().unwrap().clone();
    let email: Vec<_> = items.iter().filter(|i| i["channel"] == "email").collect();
    assert_eq!(email.len(), 1, "{items:?}");
    assert_eq!(email[0]["status"], "dead", "{items:?}");

    // A later moment: SMS only.
    let h = crate::fixtures::handoff(app, &id, &w.shop_key, json!({"to": "courier"})).await;
    crate::fixtures::accept(app, &id, &h, &w.courier_admin, "intact").await;
    let d = driver(&w, &w.courier_admin, "dan@speedy.example").await;
    let h = crate::fixtures::handoff(
        app,
        &id,
        &w.courier_admin,
        json!({"to": "driver", "driver_id": d.id}),
    )
    .await;
    crate::fixtures::accept(app, &id, &h, &d.token, "intact").await;
    start_round(app, &d, &id).await;
    let log = app
        .get(
            &format!("/v1/shipments/{id}/notifications"),
            Some(&w.shop_key),
        )
        .await;
    let items = log.body["items"].as_array().unwrap();
    assert_eq!(
        items.iter().filter(|i| i["channel"] == "email").count(),
        1,
        "{items:?}"
    );
    assert_eq!(
        items.iter().filter(|i| i["channel"] == "sms").count(),
        2,
        "{items:?}"
    );

    // The page's own section, with e-mail unchecked.
    let page = reqwest::get(format!("{}/t/{token}", app.base))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("id=\"notifications\""), "{page}");
}

async fn patch_contract(w: &World, body: serde_json::Value) -> crate::helpers::Reply {
    let (id, admin) = courier_contract(w).await;
    w.app
        .request(
            reqwest::Method::PATCH,
            &format!("/v1/contracts/{id}"),
            Some(&admin),
            Some(body),
        )
        .await
}

async fn log(w: &World, id: &str) -> Vec<serde_json::Value> {
    let r = w
        .app
        .get(
            &format!("/v1/shipments/{id}/notifications?limit=100"),
            Some(&w.shop_key),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    r.body["items"].as_array().unwrap().clone()
}

/// A shipment given in French and in Paris time is told in French with Paris times; the
/// contract's language is the default of shipments naming none; an unknown language is 422.
#[actix_web::test]
async fn a_french_shipment_is_told_in_french_in_its_local_time() {
    let mail = smtp().await;
    let w = notified_world(Some(mail.port), None).await;
    let app = &w.app;
    let d = driver(&w, &w.courier_admin, "dan@speedy.example").await;

    let mut bad = crate::fixtures::tv(&w);
    bad["language"] = json!("de");
    let r = app.post("/v1/shipments", Some(&w.shop_key), bad).await;
    r.assert_problem(422, "validation");
    assert_eq!(r.error_fields(), ["language"], "{}", r.body);

    let mut s = crate::fixtures::tv(&w);
    s["reference"] = json!("FR-1");
    s["language"] = json!("fr");
    s["time_zone"] = json!("Europe/Paris");
    // 06:00 UTC in May is 08:00 in Paris.
    s["window"] =
        json!({"start": "2026-05-02T06:00:00Z", "end": "2026-05-02T12:00:00Z", "firm": false});
    let (id, token) = crate::fixtures::out_body(&w, s, &w.courier_admin, &d, false, "intact").await;
    let shown = app
        .get(&format!("/v1/shipments/{id}"), Some(&w.shop_key))
        .await;
    assert_eq!(shown.body["language"], "fr", "{}", shown.body);
    let got = wait_mails(mail.dir.path(), 2).await;
    let created = got
        .iter()
        .find(|m| m.subject.contains("FR-1"))
        .expect("creation e-mail");
    assert_eq!(
        created.subject,
        "Votre commande FR-1 est en route vers vous"
    );
    assert!(
        created.body.contains(&format!("/t/{token}")),
        "{}",
        created.body
    );
    assert!(created.body.contains("désactivez-les"), "{}", created.body);
    let out = got
        .iter()
        .find(|m| m.subject.contains("en cours de livraison"))
        .expect("out-for-delivery e-mail in French");
    assert!(
        out.body
            .contains("Promis : sam. 2 mai, 08:00–14:00 (heure de Paris)."),
        "{}",
        out.body
    );
    assert!(log(&w, &id).await.iter().all(|n| n["lang"] == "fr"));

    // The contract's language for shipments that name none; English without either.
    let r = patch_contract(&w, json!({"language": "fr"})).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["language"], "fr");
    let mut s = crate::fixtures::tv(&w);
    s["reference"] = json!("FR-2");
    let r = app.post("/v1/shipments", Some(&w.shop_key), s).await;
    assert_eq!(r.body["language"], "fr", "{}", r.body);
    let r = patch_contract(&w, json!({"language": null})).await;
    assert!(r.body["language"].is_null(), "{}", r.body);
    let mut s = crate::fixtures::tv(&w);
    s["reference"] = json!("EN-1");
    let r = app.post("/v1/shipments", Some(&w.shop_key), s).await;
    assert_eq!(r.body["language"], "en", "{}", r.body);
    patch_contract(&w, json!({"language": "xx"}))
        .await
        .assert_problem(422, "validation");
}

/// The marketplace chooses the channels per contract: a shipment's customer hears on those
/// (with the contact and the server's), may switch them off but not beyond the contract.
#[actix_web::test]
async fn channels_per_contract_bound_what_the_customer_hears() {
    let sms = sms_api(&[]);
    // Nobody listens on the SMTP port: messages stay queued, the log shows them.
    let w = notified_world(Some(free_port()), Some(sms.url.clone())).await;
    let app = &w.app;
    let (cid, admin) = courier_contract(&w).await;
    let c = app.get(&format!("/v1/contracts/{cid}"), Some(&admin)).await;
    assert_eq!(
        c.body["notify_channels"],
        json!(["email", "sms"]),
        "{}",
        c.body
    );
    assert_eq!(c.body["eta_tolerance_minutes"], 30);
    patch_contract(&w, json!({"notify_channels": ["email", "fax"]}))
        .await
        .assert_problem(422, "validation");
    let r = patch_contract(&w, json!({"notify_channels": ["email", "email"]})).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["notify_channels"], json!(["email"]));

    let mut s = crate::fixtures::tv(&w);
    s["reference"] = json!("CH-1");
    let r = app.post("/v1/shipments", Some(&w.shop_key), s).await;
    assert_eq!(r.status, 201, "{}", r.body);
    let id = r.body["id"].as_str().unwrap().to_owned();
    let token = r.body["tracking"]["token"].as_str().unwrap().to_owned();
    let v = app.get(&format!("/v1/track/{token}"), None).await;
    assert_eq!(
        v.body["notifications"],
        json!({"email": true, "sms": false})
    );
    // Switching SMS on is not the customer's to do when the contract has none.
    let r = app
        .post(
            &format!("/v1/track/{token}/notifications"),
            None,
            json!({"sms": true}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        r.body["notifications"],
        json!({"email": true, "sms": false})
    );
    let rows = log(&w, &id).await;
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0]["channel"], "email");

    // No channel at all: nothing is queued, and the customer cannot switch one on.
    let r = patch_contract(&w, json!({"notify_channels": []})).await;
    assert_eq!(r.body["notify_channels"], json!([]), "{}", r.body);
    let mut s = crate::fixtures::tv(&w);
    s["reference"] = json!("CH-2");
    let r = app.post("/v1/shipments", Some(&w.shop_key), s).await;
    let id2 = r.body["id"].as_str().unwrap().to_owned();
    let token2 = r.body["tracking"]["token"].as_str().unwrap().to_owned();
    assert!(log(&w, &id2).await.is_empty());
    let r = app
        .post(
            &format!("/v1/track/{token2}/notifications"),
            None,
            json!({"email": true, "sms": true}),
        )
        .await;
    // No channel to offer: the page has no message section at all.
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.body["notifications"].is_null(), "{}", r.body);
    assert!(log(&w, &id2).await.is_empty());
    // The first shipment keeps what it was created with.
    let v = app.get(&format!("/v1/track/{token}"), None).await;
    assert_eq!(
        v.body["notifications"],
        json!({"email": true, "sms": false})
    );
    assert!(sms.inbox.lock().unwrap().hits.is_empty());
}

fn subjects(rows: &[serde_json::Value], part: &str) -> usize {
    rows.iter()
        .filter(|n| n["channel"] == "email" && n["subject"].as_str().unwrap_or("").contains(part))
        .count()
}

/// The moments still missing: an ETA moving beyond the contract's tolerance, a custody gap
/// (in honest words), a loss between two parties.
#[actix_web::test]
async fn eta_custody_gap_and_loss_in_transit_are_told() {
    let w = notified_world(Some(free_port()), None).await;
    let app = &w.app;
    let d = driver(&w, &w.courier_admin, "dan@speedy.example").await;
    let (start, _) = crate::fixtures::now_window();
    let (id, _) = out_now(&w, "ETA-1", &d).await;
    let eta = |at: chrono::DateTime<Utc>| {
        let (id, tok) = (id.clone(), d.token.clone());
        async move {
            let r = app
                .post(
                    &format!("/v1/shipments/{id}/eta"),
                    Some(&tok),
                    json!({"eta": at}),
                )
                .await;
            assert_eq!(r.status, 200, "{}", r.body);
        }
    };
    const NEWS: &str = "New arrival time";
    // Inside the window: no news.
    eta(start + chrono::Duration::hours(2)).await;
    assert_eq!(subjects(&log(&w, &id).await, NEWS), 0);
    // Moved 20 minutes (tolerance 30): no news; 90 minutes: news.
    eta(start + chrono::Duration::minutes(140)).await;
    assert_eq!(subjects(&log(&w, &id).await, NEWS), 0);
    eta(start + chrono::Duration::minutes(230)).await;
    let rows = log(&w, &id).await;
    assert_eq!(subjects(&rows, NEWS), 1, "{rows:?}");
    // A tolerance of 0: every move is news.
    let r = patch_contract(&w, json!({"eta_tolerance_minutes": 0})).await;
    assert_eq!(r.status, 200, "{}", r.body);
    eta(start + chrono::Duration::minutes(231)).await;
    assert_eq!(subjects(&log(&w, &id).await, NEWS), 2);

    // A hand-off nobody accepts in time: the customer hears the parcel is between two parties.
    let mut s = crate::fixtures::tv(&w);
    s["reference"] = json!("GAP-1");
    let r = app.post("/v1/shipments", Some(&w.shop_key), s).await;
    let gid = r.body["id"].as_str().unwrap().to_owned();
    let h = crate::fixtures::handoff(app, &gid, &w.shop_key, json!({"to": "courier"})).await;
    {
        use diesel::prelude::*;
        use doorstep::db::schema::handoffs;
        let mut c = app.db.get_write().unwrap();
        diesel::update(handoffs::table.find(&h))
            .set(handoffs::due_at.eq(Utc::now().naive_utc() - chrono::Duration::minutes(1)))
            .execute(&mut *c)
            .unwrap();
    }
    let mut told = 0;
    for _ in 0..200 {
        told = subjects(&log(&w, &gid).await, "delayed between two carriers");
        if told > 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(told, 1, "{:?}", log(&w, &gid).await);
    // The marketplace declares it lost: a loss in transit, told as what it is.
    let r = app
        .post(
            &format!("/v1/shipments/{gid}/lost"),
            Some(&w.shop_key),
            json!({"note": "never arrived at the depot"}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let rows = log(&w, &gid).await;
    assert_eq!(subjects(&rows, "Your parcel is missing"), 1, "{rows:?}");
    let db_body: String = {
        use diesel::prelude::*;
        use doorstep::db::schema::notifications as n;
        let mut c = app.db.get_write().unwrap();
        n::table
            .filter(n::shipment_id.eq(&gid))
            .filter(n::subject.eq("Your parcel is missing"))
            .select(n::body)
            .first::<Option<String>>(&mut *c)
            .unwrap()
            .unwrap()
    };
    assert!(
        db_body.contains("never confirmed receiving it"),
        "{db_body}"
    );
    assert!(db_body.contains("The shop knows"), "{db_body}");
}

async fn wait_sms(sms: &SmsApi, n: usize) -> Vec<Sms> {
    for _ in 0..200 {
        let hits = sms.inbox.lock().unwrap().hits.clone();
        if hits.len() >= n {
            return hits;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("expected {n} SMS, got {:?}", sms.inbox.lock().unwrap().hits);
}

/// The TV story of the issue, with messages: the link by e-mail at creation; the driver sets
/// out days before the promised window and an SMS asks whether an earlier visit is fine; the
/// customer declines from the link, so the window stays and the early visit is flagged
/// `early_without_consent`; the failed visit's message carries the re-delivery link; the
/// delivered message carries the rating link, and a rating posted through it arrives.
#[actix_web::test]
async fn tv_story_early_start_declined_from_the_link() {
    let mail = smtp().await;
    let sms = sms_api(&[]);
    let w = notified_world(Some(mail.port), Some(sms.url.clone())).await;
    let app = &w.app;
    let d = driver(&w, &w.courier_admin, "dan@speedy.example").await;
    let start = Utc::now() + chrono::Duration::days(3);
    let window = (start, start + chrono::Duration::hours(4));
    let (id, token) = crate::fixtures::out_with(
        &w,
        "TV-43",
        &w.courier,
        &w.courier_admin,
        &d,
        window,
        false,
        "intact",
    )
    .await;
    let link = format!("/t/{token}");
    let got = wait_mails(mail.dir.path(), 2).await;
    let created = got
        .iter()
        .find(|m| m.subject.contains("TV-43"))
        .expect("creation e-mail");
    assert!(created.body.contains(&link), "{}", created.body);
    // The driver is out days early: the SMS asks (at once, the driver is out), with the link.
    let mut asked = None;
    for _ in 0..100 {
        asked = sms
            .inbox
            .lock()
            .unwrap()
            .hits
            .iter()
            .find(|h| h.field("Body").contains("before the promised window"))
            .cloned();
        if asked.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let asked = asked.expect("the early-start SMS");
    assert!(asked.field("Body").contains(&link), "{asked:?}");
    assert!(asked.field("Body").contains("Accept it on"), "{asked:?}");

    // The customer first accepts, then declines from the link: the promised window stays.
    let r = app
        .post(&format!("/v1/track/{token}/early-consent"), None, json!({}))
        .await;
    assert_eq!(r.body["early_consent"], true, "{}", r.body);
    let r = app
        .delete(&format!("/v1/track/{token}/early-consent"), None)
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["early_consent"], false, "{}", r.body);
    let ev = app
        .get(&format!("/v1/shipments/{id}/events"), Some(&w.shop_key))
        .await;
    assert!(
        ev.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["kind"] == "shipment.early_declined"),
        "{}",
        ev.body
    );
    let s = app
        .get(&format!("/v1/shipments/{id}"), Some(&w.shop_key))
        .await;
    assert_eq!(
        s.body["window"]["start"]
            .as_str()
            .map(|t| t[..16].to_owned()),
        Some(start.to_rfc3339()[..16].to_owned()),
        "{}",
        s.body
    );

    // The driver comes anyway, now: flagged, and the failed visit's message has the link.
    let now = Utc::now();
    let r = crate::fixtures::attempt(
        app,
        &d,
        &id,
        "tv43-f",
        json!({"outcome": "failed", "failure_reason": "recipient_absent",
            "gps": crate::fixtures::gps(now), "intercom_note": "no answer", "occurred_at": now}),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let flags: Vec<&str> = r.body["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["flag"].as_str().unwrap())
        .collect();
    assert!(flags.contains(&"early_without_consent"), "{}", r.body);
    let got = wait_mails(mail.dir.path(), 3).await;
    let failed = got
        .iter()
        .find(|m| m.subject.contains("could not deliver"))
        .expect("failed-visit e-mail");
    assert!(failed.body.contains(&link), "{}", failed.body);
    assert!(failed.body.contains("new day"), "{}", failed.body);

    start_round(app, &d, &id).await;
    deliver(app, &d, &id, Utc::now()).await;
    let got = wait_mails(mail.dir.path(), 5).await;
    let delivered = got
        .iter()
        .find(|m| m.subject.contains("delivered"))
        .expect("delivered e-mail");
    let rating_link = format!("{link}#rating");
    assert!(delivered.body.contains(&rating_link), "{}", delivered.body);
    // The rating link's token rates the delivery; the customer's view shows it.
    let r = app
        .post(
            &format!("/v1/track/{token}/rating"),
            None,
            json!({"stars": 4, "comment": "late but fine"}),
        )
        .await;
    assert!(r.status.is_success(), "{}", r.body);
    let v = app.get(&format!("/v1/track/{token}"), None).await;
    assert_eq!(v.body["rating"]["stars"], 4, "{}", v.body);
    // Every e-mail once per event.
    let mut ids: Vec<&str> = got.iter().map(|m| m.event_id.as_str()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), got.len(), "{got:?}");
}

/// An `Etc/GMT±N` zone where it is 01:xx now: deep in quiet hours.
fn night_zone() -> String {
    use chrono::Timelike;
    let mut o = (1 - Utc::now().hour() as i32).rem_euclid(24);
    if o > 14 {
        o -= 24;
    }
    match o {
        0 => "Etc/GMT".to_owned(),
        // IANA's Etc zones have the sign inverted: Etc/GMT-2 is UTC+2.
        o if o > 0 => format!("Etc/GMT-{o}"),
        o => format!("Etc/GMT+{}", -o),
    }
}

/// Quiet hours hold an SMS retry as they hold a first try: a message sent at night while the
/// driver was out, failing after the driver has finished, is retried at 08:00 local time.
#[actix_web::test]
async fn quiet_hours_are_kept_on_retry() {
    let sms = sms_api(&[200, 500]);
    let w = notified_world(None, Some(sms.url.clone())).await;
    let app = &w.app;
    let d = driver(&w, &w.courier_admin, "dan@speedy.example").await;
    let zone = night_zone();
    let mut s = crate::fixtures::tv(&w);
    s["reference"] = json!("NIGHT-1");
    s["time_zone"] = json!(zone);
    let (a, b) = crate::fixtures::now_window();
    s["window"] = json!({"start": a, "end": b, "firm": true});
    let (id, _) = crate::fixtures::out_body(&w, s, &w.courier_admin, &d, false, "intact").await;
    // At night: the creation SMS waits for the morning; the driver's setting out goes at once.
    wait_sms(&sms, 1).await;
    fail(app, &d, &id, "n-1", Utc::now()).await;
    wait_sms(&sms, 2).await;
    let mut failed = None;
    for _ in 0..100 {
        failed = log(&w, &id)
            .await
            .into_iter()
            .find(|n| n["channel"] == "sms" && n["status"] == "failed");
        if failed.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let failed = failed.expect("the failed SMS, waiting for its retry");
    let next: chrono::DateTime<Utc> = failed["next_try_at"].as_str().unwrap().parse().unwrap();
    let tz: chrono_tz::Tz = zone.parse().unwrap();
    let local = next.with_timezone(&tz);
    assert_eq!(local.format("%H:%M").to_string(), "08:00", "{failed}");
    assert!(next > Utc::now() + chrono::Duration::hours(5), "{failed}");
    let rows = log(&w, &id).await;
    let created = rows
        .iter()
        .filter(|n| n["channel"] == "sms" && n["status"] == "pending")
        .count();
    assert!(
        created >= 1,
        "the creation SMS waits for the morning: {rows:?}"
    );
    // Nothing more was sent through the night.
    w.app.run_jobs().await;
    assert_eq!(sms.inbox.lock().unwrap().hits.len(), 2);
}

/// The per-shipment cap: past it, messages are given up, not sent; at retention, the bodies,
/// subjects and recipients of its messages are erased and waiting ones given up.
#[actix_web::test]
async fn the_cap_holds_and_retention_erases_message_bodies() {
    let mail = smtp().await;
    let w = world_with(|s| {
        s.notify.smtp_url = Some(SecretString::from(format!(
            "smtp://127.0.0.1:{}?tls=none",
            mail.port
        )));
        s.notify.mail_from = "deliveries@shop.example".to_owned();
        s.notify.poll = Duration::from_millis(100);
        s.notify.cap = 2;
    })
    .await;
    let app = &w.app;
    let d = driver(&w, &w.courier_admin, "dan@speedy.example").await;
    let (id, _) = out_now(&w, "CAP-1", &d).await;
    wait_mails(mail.dir.path(), 2).await;
    // The failed visit is what the customer must act on: its own budget, never starved by
    // news (issue 24). A second round is news, the delivery is news past the cap.
    fail(app, &d, &id, "c-1", Utc::now()).await;
    wait_mails(mail.dir.path(), 3).await;
    start_round(app, &d, &id).await;
    wait_mails(mail.dir.path(), 4).await;
    deliver(app, &d, &id, Utc::now()).await;
    let mut rows = Vec::new();
    for _ in 0..100 {
        rows = log(&w, &id).await;
        if rows.iter().any(|n| n["status"] == "dead") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let dead: Vec<_> = rows.iter().filter(|n| n["status"] == "dead").collect();
    assert_eq!(dead.len(), 1, "{rows:?}");
    assert_eq!(dead[0]["last_error"], "cap reached");
    assert!(
        dead[0]["subject"].as_str().unwrap().contains("delivered"),
        "{}",
        dead[0]
    );
    app.run_jobs().await;
    let sent = mails(mail.dir.path());
    assert_eq!(sent.len(), 4);
    assert!(
        sent.iter().any(|m| m.subject.contains("could not deliver")),
        "the failed visit was told: {sent:?}"
    );

    // Retention: the texts go with the contact data.
    {
        use diesel::prelude::*;
        use doorstep::db::schema::shipments;
        let mut c = app.db.get_write().unwrap();
        diesel::update(shipments::table.find(&id))
            .set(
                shipments::contact_erase_after
                    .eq(Utc::now().naive_utc() - chrono::Duration::seconds(1)),
            )
            .execute(&mut *c)
            .unwrap();
    }
    assert_eq!(
        doorstep::contacts::purge::purge_due(&app.db, &app.settings().clock).unwrap(),
        1
    );
    let rows = log(&w, &id).await;
    assert_eq!(rows.len(), 5, "{rows:?}");
    for n in &rows {
        assert!(
            n.get("recipient").is_none() && n.get("subject").is_none(),
            "{n}"
        );
    }
    use diesel::prelude::*;
    use doorstep::db::schema::notifications as n;
    let mut c = app.db.get_write().unwrap();
    let texts: Vec<(Option<String>, Option<String>, Option<String>)> = n::table
        .filter(n::shipment_id.eq(&id))
        .select((n::recipient, n::subject, n::body))
        .load(&mut *c)
        .unwrap();
    assert_eq!(texts.len(), 5);
    assert!(texts.iter().all(|t| *t == (None, None, None)), "{texts:?}");
}

/// Issue 24: with a secret key, the working tracking link is kept sealed: on the shipment, and
/// message texts carry a mark the sender fills at send time; the customer gets the link.
#[actix_web::test]
async fn tracking_links_are_sealed_at_rest() {
    use diesel::prelude::*;
    use doorstep::db::schema::{notifications as n, shipments};
    let mail = smtp().await;
    let w = notified_world(Some(mail.port), None).await;
    let r = w
        .app
        .post("/v1/shipments", Some(&w.shop_key), crate::fixtures::tv(&w))
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let id = r.body["id"].as_str().unwrap().to_owned();
    let token = r.body["tracking"]["token"].as_str().unwrap().to_owned();
    let sent = wait_mails(mail.dir.path(), 1).await;
    assert!(
        sent[0].body.contains(&format!("/t/{token}")),
        "{:?}",
        sent[0]
    );
    let mut c = w.app.db.get_write().unwrap();
    let link: Option<String> = shipments::table
        .find(&id)
        .select(shipments::notify_link)
        .first(&mut *c)
        .unwrap();
    let link = link.unwrap();
    assert!(
        link.starts_with("sealed.v1.") && !link.contains(&token),
        "{link}"
    );
    let bodies: Vec<Option<String>> = n::table
        .filter(n::shipment_id.eq(&id))
        .select(n::body)
        .load(&mut *c)
        .unwrap();
    assert!(!bodies.is_empty());
    for b in bodies.iter().flatten() {
        assert!(
            !b.contains("trk_") && b.contains("[[doorstep:link]]"),
            "{b}"
        );
    }
}

/// Issue 24: fourteen ETA swings of ±45 minutes used to use up the customer's cap, and the
/// failed visit's "choose a new day" then died. ETA changes are told once per half hour (the
/// latest wins) and never starve what the customer must act on.
#[actix_web::test]
async fn eta_swings_never_starve_the_failed_visit() {
    let mail = smtp().await;
    let w = world_with(|s| {
        s.notify.smtp_url = Some(SecretString::from(format!(
            "smtp://127.0.0.1:{}?tls=none",
            mail.port
        )));
        s.notify.poll = Duration::from_millis(100);
    })
    .await;
    let app = &w.app;
    let r = patch_contract(&w, json!({"eta_tolerance_minutes": 0})).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let d = driver(&w, &w.courier_admin, "swing@speedy.example").await;
    let (start, _) = crate::fixtures::now_window();
    let (id, _) = out_now(&w, "SWING-1", &d).await;
    wait_mails(mail.dir.path(), 2).await;
    for i in 0..14 {
        let minutes = if i % 2 == 0 { 150 } else { 60 };
        let r = app
            .post(
                &format!("/v1/shipments/{id}/eta"),
                Some(&d.token),
                json!({"eta": start + chrono::Duration::minutes(minutes)}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
    fail(app, &d, &id, "swing-fail", Utc::now()).await;
    let sent = {
        let mut sent = Vec::new();
        for _ in 0..100 {
            sent = mails(mail.dir.path());
            if sent.iter().any(|m| m.subject.contains("could not deliver")) {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        sent
    };
    assert!(
        sent.iter().any(|m| m.subject.contains("could not deliver")),
        "{sent:?}"
    );
    let etas = sent
        .iter()
        .filter(|m| m.subject.contains("New arrival time"))
        .count();
    assert!(etas <= 1, "one ETA message per half hour: {sent:?}");
    // The other changes wait their turn (the latest will replace them), none was sent.
    let rows = log(&w, &id).await;
    let eta_rows: Vec<_> = rows
        .iter()
        .filter(|n| {
            n["subject"]
                .as_str()
                .is_some_and(|s| s.contains("New arrival time"))
        })
        .collect();
    assert!(eta_rows.len() >= 10, "{rows:?}");
    assert_eq!(
        eta_rows.iter().filter(|n| n["status"] == "sent").count(),
        1,
        "{eta_rows:?}"
    );
}

/// Issue 24: a 500-parcel batch to one address flooded its inbox (the cap is per shipment),
/// and a reference carrying text and a link was repeated in every message.
#[actix_web::test]
async fn one_address_gets_a_bounded_day_of_plain_messages() {
    let mail = smtp().await;
    let w = world_with(|s| {
        s.notify.smtp_url = Some(SecretString::from(format!(
            "smtp://127.0.0.1:{}?tls=none",
            mail.port
        )));
        s.notify.poll = Duration::from_millis(100);
        s.notify.per_recipient_per_day = 3;
    })
    .await;
    let app = &w.app;
    for i in 0..5 {
        let mut s = crate::fixtures::tv(&w);
        s["reference"] = json!(if i == 0 {
            "PAY FEE AT https://evil.example/pay\r\nBcc: x".to_owned()
        } else {
            format!("FLOOD-{i}")
        });
        let r = app.post("/v1/shipments", Some(&w.shop_key), s).await;
        assert_eq!(r.status, 201, "{}", r.body);
    }
    let mut rows: Vec<serde_json::Value> = Vec::new();
    for _ in 0..100 {
        rows = notification_rows(&w).await;
        if rows.iter().filter(|n| n["status"] == "dead").count() >= 2 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let dead: Vec<_> = rows.iter().filter(|n| n["status"] == "dead").collect();
    assert_eq!(dead.len(), 2, "{rows:?}");
    assert!(
        dead.iter()
            .all(|n| n["last_error"] == "daily cap of this address reached"),
        "{dead:?}"
    );
    app.run_jobs().await;
    let sent = mails(mail.dir.path());
    assert_eq!(sent.len(), 3, "{sent:?}");
    for m in &sent {
        assert!(
            !m.subject.contains("evil") && !m.body.contains("evil"),
            "{m:?}"
        );
    }
}

/// Every customer message row of the world's shipments (status and error), straight from the
/// database.
async fn notification_rows(w: &World) -> Vec<serde_json::Value> {
    use diesel::prelude::*;
    use doorstep::db::schema::notifications as n;
    let mut c = w.app.db.get_write().unwrap();
    n::table
        .select((n::status, n::last_error))
        .load::<(String, Option<String>)>(&mut *c)
        .unwrap()
        .into_iter()
        .map(|(status, error)| json!({"status": status, "last_error": error}))
        .collect()
}

/// One runner drives every job, and a drain is all a test needs: with the jobs' intervals an
/// hour long, nothing is sent until the queue is drained, and then the webhook and the
/// customer's message are both out, recorded, with nothing left due or in flight.
#[tokio::test]
async fn draining_the_job_runner_sends_what_is_due_and_nothing_waits_for_a_poll() {
    let mail = smtp().await;
    let w = world_with(|s| {
        s.webhooks.poll = Duration::from_secs(3600);
        s.notify.poll = Duration::from_secs(3600);
        s.notify.smtp_url = Some(SecretString::from(format!(
            "smtp://127.0.0.1:{}?tls=none",
            mail.port
        )));
    })
    .await;
    let app = &w.app;
    let shop_admin = app.token("admin@shop.test").await;
    let rx = crate::fixtures::Receiver::start(0, &[]).await;
    let r = app
        .post(
            "/v1/webhooks",
            Some(&shop_admin),
            json!({"url": rx.url, "event_types": ["shipment.created"]}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    // The runner took its first round of every job at start; the next is an hour away.
    app.run_jobs().await;
    let mut s = crate::fixtures::tv(&w);
    s["recipient"]["email"] = json!("cleo@example.test");
    let r = app.post("/v1/shipments", Some(&w.shop_key), s).await;
    assert_eq!(r.status, 201, "{}", r.body);
    let id = r.body["id"].as_str().unwrap().to_owned();
    assert!(rx.hits().is_empty(), "sent before the drain");
    assert!(
        app.run_jobs().await >= 2,
        "fanned out, claimed, sent and recorded"
    );
    let hits = rx.hits();
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0].event_type, "shipment.created");
    let rows = log(&w, &id).await;
    let emails: Vec<_> = rows.iter().filter(|n| n["channel"] == "email").collect();
    assert!(!emails.is_empty(), "{rows:?}");
    assert!(emails.iter().all(|n| n["status"] == "sent"), "{rows:?}");
    assert_eq!(mails(mail.dir.path()).len(), emails.len());
    // Drained: another drain finds nothing to do, and nothing more arrives.
    assert_eq!(app.run_jobs().await, 0);
    assert_eq!(rx.hits().len(), 1);
}
