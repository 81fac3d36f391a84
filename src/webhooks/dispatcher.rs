//! The dispatcher inside `serve`: fans each new timeline event out to the subscriptions that
//! may see it, then sends due deliveries (signed, no redirects, a timeout per delivery) and
//! schedules retries. Each send is its own task, within two bounds — in total and per org — and
//! due deliveries are claimed round robin across orgs. The per-org bound bites only under
//! contention: an org alone borrows the idle slots, less one org's share kept free, so another
//! org's first deliveries start at once and one org's slow receivers never hold the loop. Several servers may run it against
//! one PostgreSQL (SKIP LOCKED claims; the bounds are per server).

use std::collections::{HashMap, HashSet};

use std::sync::Arc;
use std::time::{Duration, Instant};

use diesel::prelude::*;
use rand::Rng;
use serde_json::json;
use tokio::sync::mpsc;

use super::model::{DeliveryRow, SubscriptionRow};
use super::rules;
use super::store::{self, TryResult};
use crate::access::{self, Party};
use crate::db::schema::shipments;
use crate::db::{Conn, Db};
use crate::error::ApiResult;
use crate::kpis::rules::FactChange;
use crate::shipments::model::{Shipment, ShipmentRow};
use crate::shipments::service::{self as door, Change};
use crate::shipments::store::By;

#[derive(Debug, Clone)]
pub struct Config {
    pub poll: Duration,
    pub retry_base: Duration,
    pub max_age: Duration,
    /// One delivery's whole request (connect, send, response headers).
    pub timeout: Duration,
    pub allow_private: bool,
    /// Timeline events fanned out per round.
    pub batch: i64,
    /// Sends in flight at once, in total and per org.
    pub max_in_flight: usize,
    pub max_in_flight_per_org: usize,
    /// Opens the stored signing secrets.
    pub secrets: Arc<crate::secrets::Keyring>,
    pub clock: crate::clock::Clock,
}

/// Time to record a result, beyond the send's timeout, before a claim lapses (with the default
/// 10 s timeout, a delivery cut by a crash is due again after 60 s).
const LEASE_MARGIN: Duration = Duration::from_secs(50);

impl Config {
    /// How long a claimed delivery stays reserved: longer than its send can take, so it is
    /// never sent twice at once; if the server dies mid-send, it is due again after this.
    fn lease(&self) -> chrono::Duration {
        chrono::Duration::from_std(self.timeout.saturating_add(LEASE_MARGIN))
            .unwrap_or(chrono::Duration::hours(1))
    }
}

pub fn client(cfg: &Config) -> anyhow::Result<reqwest::Client> {
    crate::outbound::safe_client(cfg.timeout, cfg.allow_private)
}

/// The payload a subscriber of `org` gets: the event, and the shipment as that party may see
/// it (contact data only for the marketplace that owns it). The event feed serves the same.
pub fn payload_json(ev: &store::PendingEvent, ship: &ShipmentRow, org: &str) -> serde_json::Value {
    // Only the owner's subscriptions carry contact data: the one policy for listed shipments.
    let fields = access::listed_fields(if ship.marketplace_id == org {
        Party::Owner
    } else {
        Party::Supplier
    });
    let data: serde_json::Value = serde_json::from_str(&ev.data).unwrap_or_default();
    json!({
        "id": ev.id,
        "type": ev.kind,
        "created_at": ev.created_at.and_utc(),
        "data": data,
        "shipment": Shipment::view(ship.clone(), fields),
    })
}

fn payload(ev: &store::PendingEvent, ship: &ShipmentRow, org: &str) -> String {
    payload_json(ev, ship, org).to_string()
}

/// The orgs whose subscriptions hear of a shipment's events: its marketplace, supplier and
/// courier (the event feed serves each of them the same).
pub fn parties(ship: &ShipmentRow) -> [Option<&String>; 3] {
    [
        Some(&ship.marketplace_id),
        ship.supplier_id.as_ref(),
        ship.courier_id.as_ref(),
    ]
}

/// Report custody gaps as events, then turn new events into deliveries. Returns the events handled.
pub fn fan_out(conn: &mut Conn, batch: i64, now: chrono::NaiveDateTime) -> anyhow::Result<usize> {
    for (handoff, shipment) in store::unreported_gaps(conn, now, batch)? {
        crate::db::backend::write_transaction(&mut *conn, |c| -> ApiResult<()> {
            // The shipment first, as every other writer does: no lock-order deadlock.
            let mut locked = door::lock(c, &shipment)?;
            if store::mark_gap_reported(c, &handoff, now)? == 1 {
                let change = Change::new(By::System, now)
                    .event("custody.gap", json!({"handoff_id": handoff}))
                    .fact(FactChange::GapReported {
                        handoff_id: handoff.clone(),
                    });
                door::apply(c, &mut locked, change)?;
            }
            Ok(())
        })?;
    }
    let handled = crate::db::backend::write_transaction(&mut *conn, |c| -> QueryResult<usize> {
        let events = store::undispatched(c, batch)?;
        if events.is_empty() {
            return Ok(0);
        }
        let ids: HashSet<&String> = events.iter().map(|e| &e.shipment_id).collect();
        let ships: HashMap<String, ShipmentRow> = shipments::table
            .filter(shipments::id.eq_any(ids))
            .select(ShipmentRow::as_select())
            .load(c)?
            .into_iter()
            .map(|s| (s.id.clone(), s))
            .collect();
        let mut orgs: Vec<String> = ships
            .values()
            .flat_map(|s| {
                [
                    Some(s.marketplace_id.clone()),
                    s.supplier_id.clone(),
                    s.courier_id.clone(),
                ]
            })
            .flatten()
            .collect();
        orgs.sort();
        orgs.dedup();
        let subs = store::active_for_orgs(c, &orgs)?;
        for ev in &events {
            let Some(ship) = ships.get(&ev.shipment_id) else {
                continue;
            };
            let parties = parties(ship);
            for sub in subs.iter().filter(|s| parties.contains(&Some(&s.org_id))) {
                if !rules::wants(&sub.event_types, &ev.kind) {
                    continue;
                }
                store::insert_delivery(
                    c,
                    &new_delivery(
                        &sub.id,
                        &ev.id,
                        &ev.kind,
                        payload(ev, ship, &sub.org_id),
                        now,
                    ),
                )?;
            }
        }
        let ids: Vec<String> = events.iter().map(|e| e.id.clone()).collect();
        store::mark_dispatched(c, &ids)?;
        Ok(events.len())
    })?;
    let misses = crate::db::backend::write_transaction(&mut *conn, |c| -> QueryResult<usize> {
        let misses = crate::kpis::targets::undispatched(c, batch)?;
        if misses.is_empty() {
            return Ok(0);
        }
        let mut orgs: Vec<String> = misses
            .iter()
            .flat_map(|m| [m.marketplace_id.clone(), m.courier_id.clone()])
            .collect();
        orgs.sort();
        orgs.dedup();
        let subs = store::active_for_orgs(c, &orgs)?;
        for m in &misses {
            let parties = [&m.marketplace_id, &m.courier_id];
            let view = crate::kpis::model::TargetMiss::from(m.clone());
            let body = json!({"id": m.id, "type": "kpi.target_missed",
                "created_at": m.created_at.and_utc(), "data": view})
            .to_string();
            for sub in subs.iter().filter(|s| parties.contains(&&s.org_id)) {
                if rules::wants(&sub.event_types, "kpi.target_missed") {
                    store::insert_delivery(
                        c,
                        &new_delivery(&sub.id, &m.id, "kpi.target_missed", body.clone(), now),
                    )?;
                }
            }
        }
        let ids: Vec<String> = misses.iter().map(|m| m.id.clone()).collect();
        crate::kpis::targets::mark_dispatched(c, &ids)?;
        Ok(misses.len())
    })?;
    let told = crate::db::backend::write_transaction(&mut *conn, |c| live_notices(c, batch, now))?;
    Ok(handled + misses + told)
}

/// `eta.updated` to the marketplace and the courier: the driver's approach to each of their
/// next stops (what the customer sees), at most once per shipment per
/// `live::rules::NOTIFY_EVERY_SECS` although the app reports every ~30 s. Not a shipment event
/// (not chained, not in the feed): an estimate, not a fact. Returns the shipments told.
fn live_notices(c: &mut Conn, batch: i64, now: chrono::NaiveDateTime) -> QueryResult<usize> {
    use crate::live::{rules as live, store as positions};
    let told_before = now - chrono::Duration::seconds(live::NOTIFY_EVERY_SECS);
    let fresh_after = now - chrono::Duration::seconds(live::FRESH_FOR_SECS);
    let due = positions::due_for_notice(c, told_before, fresh_after, batch)?;
    if due.is_empty() {
        return Ok(0);
    }
    let told: Vec<(String, crate::live::model::LiveEstimate)> = due
        .iter()
        .flat_map(|p| live::shown_all(&p.estimates, now))
        .collect();
    let ids: Vec<&String> = told.iter().map(|(id, _)| id).collect();
    let ships: HashMap<String, ShipmentRow> = shipments::table
        .filter(shipments::id.eq_any(ids))
        .filter(shipments::status.eq(positions::OUT_FOR_DELIVERY))
        .select(ShipmentRow::as_select())
        .load(c)?
        .into_iter()
        .map(|s| (s.id.clone(), s))
        .collect();
    let mut orgs: Vec<String> = ships
        .values()
        .flat_map(|s| [Some(s.marketplace_id.clone()), s.courier_id.clone()])
        .flatten()
        .collect();
    orgs.sort();
    orgs.dedup();
    let subs = store::active_for_orgs(c, &orgs)?;
    let mut n = 0;
    for (id, estimate) in &told {
        let Some(ship) = ships.get(id) else {
            continue;
        };
        n += 1;
        let event_id = crate::ids::new_id("evt");
        let parties = [Some(&ship.marketplace_id), ship.courier_id.as_ref()];
        for sub in subs.iter().filter(|s| parties.contains(&Some(&s.org_id))) {
            if !rules::wants(&sub.event_types, "eta.updated") {
                continue;
            }
            let fields = access::listed_fields(if ship.marketplace_id == sub.org_id {
                Party::Owner
            } else {
                Party::Supplier
            });
            let body = json!({"id": event_id, "type": "eta.updated", "created_at": now.and_utc(),
                "data": {"shipment_id": id, "live": estimate},
                "shipment": Shipment::view(ship.clone(), fields)});
            store::insert_delivery(
                c,
                &new_delivery(&sub.id, &event_id, "eta.updated", body.to_string(), now),
            )?;
        }
    }
    for p in &due {
        positions::mark_notified(c, &p.driver_id, now)?;
    }
    Ok(n)
}

pub fn new_delivery(
    sub: &str,
    event_id: &str,
    event_type: &str,
    payload: String,
    now: chrono::NaiveDateTime,
) -> DeliveryRow {
    DeliveryRow {
        id: crate::ids::new_id("wdl"),
        subscription_id: sub.to_owned(),
        event_id: event_id.to_owned(),
        event_type: event_type.to_owned(),
        payload,
        status: "pending".to_owned(),
        tries: 0,
        next_try_at: now,
        locked_until: None,
        last_status_code: None,
        last_error: None,
        last_latency_ms: None,
        delivered_at: None,
        created_at: now,
    }
}

/// Send one delivery; the status code or the error, and the latency.
async fn send(
    client: &reqwest::Client,
    sub: &SubscriptionRow,
    d: &DeliveryRow,
    cfg: &Config,
) -> TryResult {
    let start = Instant::now();
    let now = cfg.clock.now();
    let mut stored = vec![sub.stored_secret()];
    if let (Some(prev), Some(until)) =
        (sub.stored_previous_secret(), sub.previous_secret_expires_at)
        && until > now.naive_utc()
    {
        stored.push(prev);
    }
    let opened: anyhow::Result<Vec<String>> = stored
        .iter()
        .map(|s| cfg.secrets.open(&sub.id, s))
        .collect();
    let outcome = match (
        crate::outbound::check_url(&sub.url, cfg.allow_private),
        opened,
    ) {
        (Err(why), _) => Err(format!("URL {why}")),
        (Ok(()), Err(e)) => {
            tracing::error!(subscription = %sub.id, error = format!("{e:#}"), "webhook secret unreadable");
            Err("the signing secret could not be read (server key missing?)".to_owned())
        }
        (Ok(()), Ok(secrets)) => client
            .post(&sub.url)
            .header("Content-Type", "application/json")
            .header("User-Agent", "Doorstep-Webhooks/1")
            .header("Doorstep-Event-Id", &d.event_id)
            .header("Doorstep-Event-Type", &d.event_type)
            .header(
                "Doorstep-Signature",
                rules::signature_header(
                    &secrets.iter().map(String::as_str).collect::<Vec<_>>(),
                    now.timestamp(),
                    &d.payload,
                ),
            )
            .body(d.payload.clone())
            .send()
            .await
            .map(|r| r.status().as_u16())
            .map_err(|e| error_text(&e)),
    };
    let latency_ms = i32::try_from(start.elapsed().as_millis()).unwrap_or(i32::MAX);
    match outcome {
        Ok(code) => TryResult {
            status_code: Some(i32::from(code)),
            error: None,
            latency_ms,
        },
        Err(e) => TryResult {
            status_code: None,
            error: Some(e),
            latency_ms,
        },
    }
}

fn error_text(e: &reqwest::Error) -> String {
    let kind = if e.is_timeout() {
        "timeout"
    } else if e.is_connect() {
        "connection failed"
    } else {
        "request failed"
    };
    let mut source = std::error::Error::source(e);
    let mut detail = String::new();
    while let Some(s) = source {
        detail = s.to_string();
        source = s.source();
    }
    if detail.is_empty() {
        kind.to_owned()
    } else {
        format!("{kind}: {detail}")
    }
}

/// Sends in flight (claimed, result not yet recorded), in total and per org. Only the loop
/// changes it: it counts a send when it claims it and uncounts it when its outcome comes back.
#[derive(Debug, Clone, Default)]
struct InFlight {
    total: usize,
    per_org: HashMap<String, usize>,
}

impl InFlight {
    fn free(&self, cfg: &Config) -> usize {
        cfg.max_in_flight.saturating_sub(self.total)
    }

    fn room(&self, org: &str, cfg: &Config) -> usize {
        let busy = self.per_org.get(org).copied().unwrap_or(0);
        cfg.max_in_flight_per_org.saturating_sub(busy)
    }

    fn start(&mut self, org: &str) {
        self.total += 1;
        *self.per_org.entry(org.to_owned()).or_default() += 1;
    }

    fn finish(&mut self, org: &str) {
        self.total = self.total.saturating_sub(1);
        if let Some(n) = self.per_org.get_mut(org) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                self.per_org.remove(org);
            }
        }
    }
}

/// A claimed delivery, its subscription, and the org whose share it takes.
struct Job {
    org: String,
    delivery: DeliveryRow,
    sub: Option<SubscriptionRow>,
}

/// A job and its try (`None`: not sent, the subscription is gone or paused).
type Outcome = (Job, Option<TryResult>);

/// What a round did: events fanned out, deliveries claimed, the org the next claim starts after.
#[derive(Default)]
struct Round {
    fanned: usize,
    claimed: Vec<Job>,
    after: Option<String>,
}

/// Claim due deliveries that fit the bounds, round robin across orgs. Returns them with their
/// subscriptions, and the org the next claim starts after.
fn claim(
    conn: &mut Conn,
    cfg: &Config,
    flight: &InFlight,
    after: Option<String>,
) -> anyhow::Result<(Vec<Job>, Option<String>)> {
    let free = flight.free(cfg);
    if free == 0 {
        return Ok((Vec::new(), after));
    }
    let now = cfg.clock.naive();
    let demands = store::due_by_org(conn, now)?
        .into_iter()
        .map(|(org, due)| rules::Demand {
            room: flight.room(&org, cfg),
            due: usize::try_from(due).unwrap_or(0),
            org,
        })
        .collect();
    // One org's share stays free for an org with nothing in flight yet.
    let (shares, next) = rules::plan(demands, after.as_deref(), free, cfg.max_in_flight_per_org);
    if shares.is_empty() {
        return Ok((Vec::new(), after));
    }
    let rows = crate::db::backend::write_transaction(
        &mut *conn,
        |c| -> QueryResult<Vec<(String, DeliveryRow)>> {
            let mut rows = Vec::new();
            for (org, n) in shares {
                let limit = i64::try_from(n).unwrap_or(i64::MAX);
                for d in store::claim(c, &org, now, limit, cfg.lease())? {
                    rows.push((org.clone(), d));
                }
            }
            Ok(rows)
        },
    )?;
    let mut ids: Vec<String> = rows
        .iter()
        .map(|(_, d)| d.subscription_id.clone())
        .collect();
    ids.sort();
    ids.dedup();
    let subs: HashMap<String, SubscriptionRow> = store::find_many(conn, &ids)?
        .into_iter()
        .map(|s| (s.id.clone(), s))
        .collect();
    let jobs = rows
        .into_iter()
        .map(|(org, delivery)| Job {
            sub: subs.get(&delivery.subscription_id).cloned(),
            org,
            delivery,
        })
        .collect();
    Ok((jobs, next.or(after)))
}

/// One round on the blocking pool: record the outcomes that came back, then (unless stopping)
/// fan out new events and claim what fits. The outcomes it could not record come back with
/// the error, to be recorded next round: a result dropped would be sent again when its claim
/// lapses (a duplicate at the receiver).
async fn round(
    db: &Db,
    cfg: &Arc<Config>,
    done: Vec<Outcome>,
    flight: &InFlight,
    after: Option<String>,
    stopping: bool,
) -> Result<Round, (anyhow::Error, Vec<Outcome>)> {
    if stopping && done.is_empty() {
        return Ok(Round::default());
    }
    let (db, cfg, flight) = (db.clone(), cfg.clone(), flight.clone());
    let ran = actix_web::web::block(move || -> Result<Round, (anyhow::Error, Vec<Outcome>)> {
        let mut conn = match db.get_write() {
            Ok(c) => c,
            Err(e) => return Err((e, done)),
        };
        if !done.is_empty()
            && let Err(e) =
                crate::db::backend::write_transaction(&mut conn, |c| record(c, &done, &cfg))
        {
            return Err((e.into(), done));
        }
        if stopping {
            return Ok(Round::default());
        }
        let next = || -> anyhow::Result<Round> {
            let fanned = fan_out(&mut conn, cfg.batch, cfg.clock.naive())?;
            let (claimed, after) = claim(&mut conn, &cfg, &flight, after)?;
            Ok(Round {
                fanned,
                claimed,
                after,
            })
        };
        next().map_err(|e| (e, Vec::new()))
    })
    .await;
    ran.unwrap_or_else(|e| Err((e.into(), Vec::new())))
}

/// One send, as its own task; the outcome goes back to the dispatcher, which records it.
async fn deliver(
    client: reqwest::Client,
    cfg: Arc<Config>,
    job: Job,
    done: mpsc::UnboundedSender<Outcome>,
    wake: crate::jobs::Wake,
) {
    let result = match &job.sub {
        Some(s) if s.active => Some(send(&client, s, &job.delivery, &cfg).await),
        _ => None,
    };
    // The runner outlives every send it started; were it gone, the lease would lapse and the
    // delivery be sent again.
    let _ = done.send((job, result));
    wake.notify_one();
}

fn record(c: &mut Conn, done: &[Outcome], cfg: &Config) -> QueryResult<()> {
    let now = cfg.clock.naive();
    let mut tries = Vec::with_capacity(done.len());
    for (job, result) in done {
        let (d, sub) = (&job.delivery, &job.sub);
        let Some(r) = result.clone() else {
            // The subscription is gone or paused: this delivery will not be sent.
            let gone = TryResult {
                status_code: None,
                error: Some("subscription inactive".to_owned()),
                latency_ms: 0,
            };
            store::settle(c, d, &gone, now, false, None)?;
            tries.push(store::try_row(d, &gone, now));
            continue;
        };
        let code = r.status_code.unwrap_or(0);
        if (200..300).contains(&code) {
            store::settle(c, d, &r, now, true, None)?;
        } else if code == 410 {
            store::settle(c, d, &r, now, false, None)?;
            if let Some(s) = sub {
                store::disable(c, &s.id, "the receiver answered 410 Gone", now)?;
            }
        } else {
            let tries = u32::try_from(d.tries + 1).unwrap_or(u32::MAX);
            let delay = rules::backoff(tries, cfg.retry_base, rand::thread_rng().r#gen::<f64>());
            let next = now + chrono::Duration::from_std(delay).unwrap_or_default();
            let deadline =
                d.created_at + chrono::Duration::from_std(cfg.max_age).unwrap_or_default();
            store::settle(c, d, &r, now, false, (next <= deadline).then_some(next))?;
        }
        tries.push(store::try_row(d, &r, now));
    }
    store::insert_tries(c, &tries)
}

/// The dispatcher as the one runner takes it: each round records the outcomes that came back,
/// fans out new events, claims what fits the bounds and starts those sends, each on its own
/// task, which wakes the runner when its outcome is back. When the server stops, the runner
/// keeps taking rounds until the sends in flight are recorded, rather than leaving them
/// claimed until their lease lapses.
pub struct Dispatcher {
    client: reqwest::Client,
    cfg: Arc<Config>,
    done_tx: mpsc::UnboundedSender<Outcome>,
    done_rx: mpsc::UnboundedReceiver<Outcome>,
    flight: InFlight,
    /// The org the next claim starts after.
    after: Option<String>,
    /// Outcomes a failed round could not record, and how many rounds failed in a row.
    unrecorded: Vec<Outcome>,
    failures: u32,
    wake: crate::jobs::Wake,
}

impl Dispatcher {
    pub fn new(cfg: Config, wake: crate::jobs::Wake) -> anyhow::Result<Dispatcher> {
        let (done_tx, done_rx) = mpsc::unbounded_channel();
        Ok(Dispatcher {
            client: client(&cfg)?,
            cfg: Arc::new(cfg),
            done_tx,
            done_rx,
            flight: InFlight::default(),
            after: None,
            unrecorded: Vec::new(),
            failures: 0,
            wake,
        })
    }
}

impl crate::jobs::Job for Dispatcher {
    fn kind(&self) -> &'static str {
        "webhooks"
    }

    fn interval(&self) -> Duration {
        self.cfg.poll
    }

    fn pending(&self) -> usize {
        self.flight.total + self.unrecorded.len()
    }

    fn round<'a>(
        &'a mut self,
        db: &'a Db,
        stopping: bool,
    ) -> futures_util::future::BoxFuture<'a, anyhow::Result<usize>> {
        Box::pin(async move {
            let mut done = std::mem::take(&mut self.unrecorded);
            let retried = done.len();
            while let Ok(outcome) = self.done_rx.try_recv() {
                done.push(outcome);
            }
            for (job, _) in done.iter().skip(retried) {
                self.flight.finish(&job.org);
            }
            // At shutdown, a database that stays down for a while loses the last results
            // (their claims lapse and they are sent again): better than never stopping.
            if stopping && self.failures > 20 {
                return Ok(0);
            }
            let recorded = done.len();
            match round(
                db,
                &self.cfg,
                done,
                &self.flight,
                self.after.clone(),
                stopping,
            )
            .await
            {
                Ok(r) => {
                    self.failures = 0;
                    self.after = r.after;
                    let did = recorded + r.fanned + r.claimed.len();
                    for job in r.claimed {
                        self.flight.start(&job.org);
                        tokio::spawn(deliver(
                            self.client.clone(),
                            self.cfg.clone(),
                            job,
                            self.done_tx.clone(),
                            self.wake.clone(),
                        ));
                    }
                    Ok(did)
                }
                Err((e, kept)) => {
                    self.unrecorded = kept;
                    self.failures += 1;
                    Err(e.context(format!(
                        "webhook dispatch failed; {} results are recorded next round",
                        self.unrecorded.len()
                    )))
                }
            }
        })
    }
}
