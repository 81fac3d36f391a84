//! The background sender inside `serve`: claims due messages (SKIP LOCKED on PostgreSQL, so
//! several servers share the work), sends each on its channel, records the outcome and
//! schedules retries with backoff; a message is given up after [`rules::MAX_TRIES`] tries or
//! 72 h. At-least-once: a crash between the send and its record sends it again after the lease,
//! with the same event id in its headers (`Message-ID`, `X-Doorstep-Event-Id`; the SMS form's
//! `X-Doorstep-Event-Id` header) for the receiver to drop the duplicate.

use std::sync::Arc;
use std::time::Duration;

use lettre::message::header::{ContentType, Header, HeaderName, HeaderValue};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use rand::Rng;
use secrecy::{ExposeSecret, SecretString};

use super::model::NotificationRow;
use super::outbox::LINK_MARK;
use super::rules::{self, Channel};
use super::store;
use crate::db::Db;
use crate::status::Status;

#[derive(Debug, Clone)]
pub struct Config {
    /// `smtp://user:pass@host:587` (STARTTLS), `smtps://…:465` (TLS), `smtp://host:port?tls=none`
    /// (plain, tests and local relays).
    pub smtp_url: Option<SecretString>,
    pub mail_from: String,
    /// Twilio's Messages API shape: `https://SID:TOKEN@api.example/2010-04-01/Accounts/SID/Messages.json`.
    pub sms_url: Option<SecretString>,
    pub sms_from: String,
    pub poll: Duration,
    pub retry_base: Duration,
    pub timeout: Duration,
    pub cap: u32,
    /// Messages one address or number gets in 24 hours, all shipments together.
    pub per_recipient_per_day: u32,
    pub batch: i64,
    /// Opens the shipments' sealed tracking links at send time.
    pub secrets: std::sync::Arc<crate::secrets::Keyring>,
    pub clock: crate::clock::Clock,
}

impl Config {
    pub fn channels(&self) -> rules::Channels {
        rules::Channels {
            email: self.smtp_url.is_some(),
            sms: self.sms_url.is_some(),
        }
    }
}

const MAX_AGE: chrono::Duration = chrono::Duration::hours(72);

/// The URL as lettre reads it: plain `smtp://` means STARTTLS required here (lettre's own
/// default would be unencrypted), `?tls=none` plain; `smtps://` and explicit `tls=` pass.
pub fn lettre_url(url: &str) -> Result<String, String> {
    let mut parsed = reqwest::Url::parse(url).map_err(|_| "is not a URL".to_owned())?;
    match parsed.scheme() {
        "smtps" => Ok(url.to_owned()),
        "smtp" => {
            let pairs: Vec<(String, String)> = parsed
                .query_pairs()
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect();
            let tls = pairs
                .iter()
                .find(|(k, _)| k == "tls")
                .map(|(_, v)| v.clone());
            let rest: Vec<&(String, String)> = pairs.iter().filter(|(k, _)| k != "tls").collect();
            parsed.set_query(None);
            {
                let mut q = parsed.query_pairs_mut();
                for (k, v) in rest {
                    q.append_pair(k, v);
                }
                match tls.as_deref() {
                    None => {
                        q.append_pair("tls", "required");
                    }
                    Some("none") => {}
                    Some(other) => {
                        q.append_pair("tls", other);
                    }
                }
            }
            let s = parsed.to_string();
            Ok(s.strip_suffix('?').unwrap_or(&s).to_owned())
        }
        _ => Err("must be smtp:// or smtps://".to_owned()),
    }
}

#[derive(Clone)]
struct EventIdHeader(String);

impl Header for EventIdHeader {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("X-Doorstep-Event-Id")
    }
    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(EventIdHeader(s.to_owned()))
    }
    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), self.0.clone())
    }
}

struct Channels {
    smtp: Option<AsyncSmtpTransport<Tokio1Executor>>,
    http: reqwest::Client,
}

async fn send_email(
    smtp: &AsyncSmtpTransport<Tokio1Executor>,
    cfg: &Config,
    n: &NotificationRow,
) -> Result<(), String> {
    let to = n.recipient.as_deref().unwrap_or_default();
    let msg = Message::builder()
        .from(
            cfg.mail_from
                .parse()
                .map_err(|_| "DOORSTEP_MAIL_FROM is not an address")?,
        )
        .to(to.parse().map_err(|_| "the recipient is not an address")?)
        .subject(n.subject.clone().unwrap_or_default())
        .message_id(Some(format!("<{}.{}@doorstep>", n.event_id, n.channel)))
        .header(EventIdHeader(n.event_id.clone()))
        .header(ContentType::TEXT_PLAIN)
        .body(n.body.clone().unwrap_or_default())
        .map_err(|e| format!("message: {e}"))?;
    smtp.send(msg)
        .await
        .map(|_| ())
        // The server's reply text often quotes the recipient ("550 <a@b>: rejected"): only its
        // code goes to the log and the notification's record.
        .map_err(|e| match e.status() {
            Some(code) => format!("smtp: reply {code}"),
            None if e.is_timeout() => "smtp: timeout".to_owned(),
            None if e.is_tls() => "smtp: TLS error".to_owned(),
            None => "smtp: connection or protocol error".to_owned(),
        })
}

async fn send_sms(http: &reqwest::Client, cfg: &Config, n: &NotificationRow) -> Result<(), String> {
    let Some(url) = &cfg.sms_url else {
        return Err("no SMS provider configured".to_owned());
    };
    let mut url = reqwest::Url::parse(url.expose_secret()).map_err(|_| "bad DOORSTEP_SMS_URL")?;
    let user = percent_decode(url.username());
    let pass = url.password().map(percent_decode);
    let _ = url.set_username("");
    let _ = url.set_password(None);
    let form = [
        ("To", n.recipient.clone().unwrap_or_default()),
        ("From", cfg.sms_from.clone()),
        ("Body", n.body.clone().unwrap_or_default()),
    ];
    let mut req = http
        .post(url)
        .header("X-Doorstep-Event-Id", &n.event_id)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(form_encode(&form));
    if !user.is_empty() {
        req = req.basic_auth(user, pass);
    }
    match req.send().await {
        Ok(r) if r.status().is_success() => Ok(()),
        Ok(r) => Err(format!("sms provider answered {}", r.status().as_u16())),
        Err(e) if e.is_timeout() => Err("sms provider: timeout".to_owned()),
        Err(_) => Err("sms provider: request failed".to_owned()),
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Some(hex) = s.get(i + 1..i + 3)
            && let Ok(b) = u8::from_str_radix(hex, 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn form_encode(pairs: &[(&str, String)]) -> String {
    let Ok(mut url) = reqwest::Url::parse("x:/") else {
        return String::new();
    };
    {
        let mut q = url.query_pairs_mut();
        for (k, v) in pairs {
            q.append_pair(k, v);
        }
    }
    url.query().unwrap_or_default().to_owned()
}

/// Check the settings: the SMTP URL must be one the sender reads.
pub fn check(cfg: &Config) -> anyhow::Result<()> {
    if let Some(u) = &cfg.smtp_url {
        lettre_url(u.expose_secret()).map_err(|e| anyhow::anyhow!("DOORSTEP_SMTP_URL {e}"))?;
        anyhow::ensure!(
            cfg.mail_from.parse::<lettre::message::Mailbox>().is_ok(),
            "DOORSTEP_MAIL_FROM must be an e-mail address"
        );
    }
    if let Some(u) = &cfg.sms_url {
        anyhow::ensure!(
            reqwest::Url::parse(u.expose_secret())
                .is_ok_and(|u| matches!(u.scheme(), "http" | "https")),
            "DOORSTEP_SMS_URL must be an http(s) URL"
        );
    }
    Ok(())
}

/// The sender as the one runner takes it: each round claims due messages, sends them and
/// records the outcomes.
pub struct Sender {
    cfg: Arc<Config>,
    ch: Arc<Channels>,
}

impl Sender {
    /// `None` when no channel is configured (nothing to send with).
    pub fn new(cfg: Config) -> anyhow::Result<Option<Sender>> {
        if cfg.channels().is_empty() {
            return Ok(None);
        }
        check(&cfg)?;
        crate::install_crypto_provider();
        let smtp = match &cfg.smtp_url {
            Some(u) => Some(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(
                    &lettre_url(u.expose_secret()).map_err(|e| anyhow::anyhow!(e))?,
                )?
                .timeout(Some(cfg.timeout))
                .build(),
            ),
            None => None,
        };
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(cfg.timeout)
            .build()?;
        Ok(Some(Sender {
            cfg: Arc::new(cfg),
            ch: Arc::new(Channels { smtp, http }),
        }))
    }
}

impl crate::jobs::Job for Sender {
    fn kind(&self) -> &'static str {
        "messages"
    }

    fn interval(&self) -> std::time::Duration {
        self.cfg.poll
    }

    fn round<'a>(
        &'a mut self,
        db: &'a Db,
        _stopping: bool,
    ) -> futures_util::future::BoxFuture<'a, anyhow::Result<usize>> {
        Box::pin(round(db, &self.cfg, &self.ch))
    }
}

/// The message's texts with the shipment's tracking link put where [`LINK_MARK`] stands,
/// opened from its sealed form (`Err`: it cannot be opened, the message is not sent).
fn with_link(
    mut n: NotificationRow,
    sealed: Option<&str>,
    cfg: &Config,
) -> Result<NotificationRow, String> {
    let needs = |t: &Option<String>| t.as_deref().is_some_and(|t| t.contains(LINK_MARK));
    if !needs(&n.subject) && !needs(&n.body) {
        return Ok(n);
    }
    let sealed = sealed.ok_or("the tracking link was erased")?;
    let link = cfg
        .secrets
        .open_field(crate::shipments::model::LINK_CONTEXT, sealed)
        .map_err(|e| format!("the tracking link cannot be opened: {e}"))?;
    n.subject = n.subject.map(|t| t.replace(LINK_MARK, &link));
    n.body = n.body.map(|t| t.replace(LINK_MARK, &link));
    Ok(n)
}

/// What the caps need to know of a claimed message.
struct Plan {
    /// The shipment's sealed tracking link.
    link: Option<String>,
    budget: rules::Budget,
    /// Messages of its budget already sent to the shipment's customer.
    sent_in_budget: i64,
    /// Messages sent to its recipient in the last 24 hours.
    sent_to_recipient: i64,
    eta: rules::EtaTurn,
}

fn plan(
    c: &mut crate::db::Conn,
    r: &NotificationRow,
    now: chrono::NaiveDateTime,
) -> diesel::QueryResult<Plan> {
    let kind = store::event_kind(c, &r.event_id)?.unwrap_or_default();
    let budget = rules::budget_of(&kind);
    let sent_in_budget = store::sent_count_of(
        c,
        &r.shipment_id,
        &rules::ACTIONABLE_KINDS,
        budget == rules::Budget::Actionable,
    )?;
    let sent_to_recipient = match &r.recipient {
        Some(to) => store::sent_to_since(c, to, now - chrono::Duration::hours(24))?,
        None => 0,
    };
    let eta = if kind == "shipment.eta" {
        let others = store::eta_messages(c, &r.shipment_id, &r.channel, &r.id)?;
        rules::eta_turn(&r.id, &others, now)
    } else {
        rules::EtaTurn::Send
    };
    Ok(Plan {
        link: store::sealed_link(c, &r.shipment_id)?,
        budget,
        sent_in_budget,
        sent_to_recipient,
        eta,
    })
}

/// Claim due messages, send them, record the outcomes. Returns how many were claimed.
async fn round(db: &Db, cfg: &Arc<Config>, ch: &Channels) -> anyhow::Result<usize> {
    let (db2, cfg2) = (db.clone(), cfg.clone());
    // Claimed with what the caps need of each: its budget and what was sent in it, the
    // recipient's day, and (an ETA) whether it is its turn.
    let claimed = actix_web::web::block(move || -> anyhow::Result<Vec<(NotificationRow, Plan)>> {
        let mut conn = db2.get_write()?;
        let now = cfg2.clock.naive();
        // The batch is sent one message after another: the lease covers all of it, so another
        // server does not claim (and send again) the end of a slow batch.
        let lease = chrono::Duration::from_std(cfg2.timeout).unwrap_or_default()
            * i32::try_from(cfg2.batch).unwrap_or(i32::MAX)
            + chrono::Duration::seconds(60);
        let rows = crate::db::backend::write_transaction(&mut conn, |c| {
            store::claim(c, now, cfg2.batch, lease)
        })?;
        let mut out = Vec::new();
        for r in rows {
            let plan = plan(&mut conn, &r, now)?;
            out.push((r, plan));
        }
        Ok(out)
    })
    .await??;
    let n = claimed.len();
    // What this round sent, per (shipment, budget) and per recipient.
    let mut sent_now: std::collections::HashMap<(String, bool), i64> = Default::default();
    let mut sent_to: std::collections::HashMap<String, i64> = Default::default();
    let mut outcomes = Vec::new();
    for (row, plan) in claimed {
        let key = (
            row.shipment_id.clone(),
            plan.budget == rules::Budget::Actionable,
        );
        let extra = sent_now.get(&key).copied().unwrap_or(0);
        match plan.eta {
            rules::EtaTurn::Superseded => {
                outcomes.push((row, Outcome::GiveUp("superseded by a later ETA")));
                continue;
            }
            rules::EtaTurn::HoldUntil(at) => {
                outcomes.push((row, Outcome::Hold(at)));
                continue;
            }
            rules::EtaTurn::Send => {}
        }
        if !rules::within_cap(plan.sent_in_budget + extra, cfg.cap) {
            outcomes.push((row, Outcome::GiveUp("cap reached")));
            continue;
        }
        let to = row.recipient.clone().unwrap_or_default();
        let day = plan.sent_to_recipient + sent_to.get(&to).copied().unwrap_or(0);
        if !rules::within_cap(day, cfg.per_recipient_per_day) {
            outcomes.push((row, Outcome::GiveUp("daily cap of this address reached")));
            continue;
        }
        if row.recipient.is_none() {
            outcomes.push((row, Outcome::GiveUp("contact data erased")));
            continue;
        }
        let texts = match with_link(row.clone(), plan.link.as_deref(), cfg) {
            Ok(t) => t,
            Err(why) => {
                outcomes.push((row, Outcome::Tried(Err(why))));
                continue;
            }
        };
        let result = match Channel::parse(&texts.channel) {
            Some(Channel::Email) => match &ch.smtp {
                Some(smtp) => send_email(smtp, cfg, &texts).await,
                None => Err("no SMTP server configured".to_owned()),
            },
            Some(Channel::Sms) => send_sms(&ch.http, cfg, &texts).await,
            None => Err("unknown channel".to_owned()),
        };
        if result.is_ok() {
            *sent_now.entry(key).or_default() += 1;
            *sent_to.entry(to).or_default() += 1;
        }
        outcomes.push((row, Outcome::Tried(result)));
    }
    let (db, cfg) = (db.clone(), cfg.clone());
    actix_web::web::block(move || -> anyhow::Result<()> {
        let mut conn = db.get_write()?;
        let now = cfg.clock.naive();
        crate::db::backend::write_transaction(&mut conn, |c| -> diesel::QueryResult<()> {
            for (row, outcome) in outcomes {
                match outcome {
                    Outcome::GiveUp(why) => store::give_up(c, &row.id, why)?,
                    Outcome::Hold(at) => store::hold(c, &row.id, at)?,
                    Outcome::Tried(Ok(())) => store::record(c, &row.id, now, Ok(()))?,
                    Outcome::Tried(Err(e)) => {
                        let tries = u32::try_from(row.tries + 1).unwrap_or(u32::MAX);
                        let delay = crate::outbound::backoff(
                            tries,
                            cfg.retry_base,
                            rand::thread_rng().r#gen::<f64>(),
                        );
                        let next = now + chrono::Duration::from_std(delay).unwrap_or_default();
                        let mut next =
                            rules::retry_at(row.tries + 1, next, row.created_at + MAX_AGE);
                        // An SMS retry keeps to quiet hours, as the first try did (the
                        // exception: the driver is out now).
                        if let (Some(at), Some(Channel::Sms)) = (next, Channel::parse(&row.channel))
                            && let Some((zone, status)) =
                                store::zone_and_status(c, &row.shipment_id)?
                        {
                            let driver_out = status == Status::OutForDelivery.as_str();
                            let due = rules::sms_due(at, crate::timezone::zone(&zone), driver_out);
                            next = Some(due).filter(|d| *d <= row.created_at + MAX_AGE);
                        }
                        tracing::warn!(
                            notification = row.id,
                            channel = row.channel,
                            error = e,
                            "message not sent"
                        );
                        store::record(c, &row.id, now, Err((e, next)))?;
                    }
                }
            }
            Ok(())
        })?;
        Ok(())
    })
    .await??;
    Ok(n)
}

enum Outcome {
    GiveUp(&'static str),
    /// Not its turn yet (an ETA within half an hour of the last one told).
    Hold(chrono::NaiveDateTime),
    Tried(Result<(), String>),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smtp_urls_mean_tls_unless_told_otherwise() {
        assert_eq!(
            lettre_url("smtp://u:p@mail.example:587").unwrap(),
            "smtp://u:p@mail.example:587?tls=required"
        );
        assert_eq!(
            lettre_url("smtp://127.0.0.1:2525?tls=none").unwrap(),
            "smtp://127.0.0.1:2525"
        );
        assert_eq!(
            lettre_url("smtps://u:p@mail.example").unwrap(),
            "smtps://u:p@mail.example"
        );
        assert!(lettre_url("http://mail.example").is_err());
    }

    #[test]
    fn form_fields_are_encoded() {
        let s = form_encode(&[
            ("To", "+33612345678".to_owned()),
            ("Body", "a b&c".to_owned()),
        ]);
        assert_eq!(s, "To=%2B33612345678&Body=a+b%26c");
        assert_eq!(percent_decode("AC%3Ax"), "AC:x");
    }
}
