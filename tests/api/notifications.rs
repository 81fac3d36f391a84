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

use crate::fixtures::{World, deliver, driver, fail, out_now, start_round, world_with};

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

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
        s.smtp_url =
            smtp_port.map(|p| SecretString::from(format!("smtp://127.0.0.1:{p}?tls=none")));
        s.mail_from = "Shop deliveries <deliveries@shop.example>".to_owned();
        s.sms_url = sms_url.map(SecretString::from);
        s.sms_from = "+33700000000".to_owned();
        s.notify_poll = Duration::from_millis(100);
        s.notify_retry_base = Duration::from_millis(200);
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
    for _ in 0..100 {
        let hits = sms.inbox.lock().unwrap().hits.clone();
        accepted = hits
            .iter()
            .filter(|h| h.answered == 200)
            .cloned()
            .collect::<Vec<_>>();
        if hits.iter().any(|h| h.answered == 500)
            && accepted.iter().any(|h| h.field("Body").contains("new day"))
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let hits = sms.inbox.lock().unwrap().hits.clone();
    let first = hits.first().expect("an SMS request");
    assert_eq!(first.answered, 500);
    assert!(
        hits[1..]
            .iter()
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
