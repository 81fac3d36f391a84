//! The one door for change (DESIGN §3): every change of a shipment — status, custody, attempt,
//! photo verdict, rating, dispute outcome, contact change, custody gap — passes through
//! [`apply`]. It checks the transition, writes the status, appends the timeline events in one
//! multi-row insert, and moves the KPI counters by the difference computed in memory from the
//! facts the change carries. Whatever must react to a change hangs off [`apply`], in the same
//! transaction.
//!
//! The caller first takes the shipment with [`lock`] (one statement: the locked row with its
//! contract terms), checks what its domain asks, writes its own rows (the attempt, the
//! hand-off, …), then calls [`apply`] with what changed.

use chrono::{Duration, NaiveDateTime};
use serde_json::Value;

use super::locking::{self as backend, LockedShipmentRow};
use super::model::{EventRow, PIN_CONTEXT, Shipment, ShipmentRow};
use super::patch::RowChanges;
pub use super::patch::{ContactPatch, Patch};
pub use super::store::ListQuery;
use super::store::{self, By};
use crate::access::{self, Party};
use crate::auth::Actor;
use crate::contracts::model::{
    DEFAULT_GEOFENCE_RADIUS_M, DEFAULT_REDELIVERY_HORIZON_DAYS, DEFAULT_RETENTION_DAYS,
};
use crate::custody::rules::Loss;
use crate::db::{Conn, Db};
use crate::error::{ApiError, ApiResult};
use crate::evidence::rules as chain;
use crate::kpis::rules::{FactChange, Facts, RecordedFacts, contributions};
use crate::kpis::store as counters;
use crate::status::{Status, transition};

/// What a change needs to know of the shipment's contracts (read with the lock).
#[derive(Debug, Clone, PartialEq)]
pub struct Terms {
    /// The courier contract's geofence, else the default.
    pub radius_m: f64,
    /// Parcels declared above this value need the customer's PIN on hand-over.
    pub pin_above_value_cents: Option<i64>,
    /// Days contact data is kept after a final state: the courier's contract, else the
    /// supplier's, else the default.
    pub retention_days: i32,
    /// Days ahead a re-delivery window may start: the courier's contract, else the default.
    pub redelivery_horizon_days: i32,
    /// The courier's active contract and its delivery slots (stored JSON), if it has slots.
    pub slots: Option<(String, String)>,
}

/// A shipment locked for change until the transaction ends. Its columns change through the
/// patches of a [`Change`]; the door writes the ones that moved since the row was read.
#[derive(Debug, Clone)]
pub struct Locked {
    pub ship: ShipmentRow,
    pub terms: Terms,
    /// The row as stored: the door writes the columns `ship` changed since.
    before: ShipmentRow,
    kpi_contrib: Option<String>,
    /// Not inserted yet: [`apply`] inserts it, with the head of its chain (no extra statement).
    insert: bool,
    /// Reads ([`read`], [`read_by_token_hash`]): the driver's live estimates while the parcel
    /// is out for delivery, read with the row (`live::rules::shown` picks this one's).
    pub live_estimates: Option<String>,
}

impl Locked {
    /// A new shipment, not inserted yet: [`apply`] inserts the row with its first events and
    /// the head of its evidence chain. No facts, no counters yet.
    pub fn new_shipment(ship: ShipmentRow) -> Locked {
        Locked {
            before: ship.clone(),
            ship,
            terms: Terms {
                radius_m: f64::from(DEFAULT_GEOFENCE_RADIUS_M),
                pin_above_value_cents: None,
                retention_days: DEFAULT_RETENTION_DAYS,
                redelivery_horizon_days: DEFAULT_REDELIVERY_HORIZON_DAYS,
                slots: None,
            },
            kpi_contrib: None,
            insert: true,
            live_estimates: None,
        }
    }

    /// Its recorded facts, or `None` for a shipment written before they were kept.
    pub fn recorded(&self) -> Option<RecordedFacts> {
        RecordedFacts::decode(self.ship.kpi_facts.as_deref())
    }
}

impl From<LockedShipmentRow> for Locked {
    fn from(r: LockedShipmentRow) -> Locked {
        Locked {
            terms: Terms {
                radius_m: f64::from(r.courier_radius_m.unwrap_or(DEFAULT_GEOFENCE_RADIUS_M)),
                pin_above_value_cents: r.courier_pin_above_cents,
                retention_days: r
                    .courier_retention_days
                    .or(r.supplier_retention_days)
                    .unwrap_or(DEFAULT_RETENTION_DAYS),
                redelivery_horizon_days: r
                    .courier_redelivery_horizon_days
                    .unwrap_or(DEFAULT_REDELIVERY_HORIZON_DAYS),
                slots: r.courier_contract_id.zip(r.courier_delivery_slots),
            },
            before: r.ship.clone(),
            ship: r.ship,
            kpi_contrib: r.kpi_contrib,
            insert: false,
            live_estimates: r.live_estimates,
        }
    }
}

fn not_found() -> ApiError {
    ApiError::NotFound("shipment".to_owned())
}

/// Take the shipment for change: one statement (the row, locked on PostgreSQL, with its terms).
pub fn lock(c: &mut Conn, id: &str) -> ApiResult<Locked> {
    backend::read_shipment(c, id, true)?
        .map(Locked::from)
        .ok_or_else(not_found)
}

/// [`lock`], unless another transaction holds the shipment now (`None`, without waiting): for
/// work that may be left to that transaction or done later, where waiting could deadlock.
pub fn try_lock(c: &mut Conn, id: &str) -> ApiResult<Option<Locked>> {
    Ok(backend::try_lock_shipment(c, id)?.map(Locked::from))
}

/// The shipment with its contract terms, unlocked (reads).
pub fn read(c: &mut Conn, id: &str) -> ApiResult<Option<Locked>> {
    Ok(backend::read_shipment(c, id, false)?.map(Locked::from))
}

/// The shipment behind the hash of a tracking token, with its contract terms (reads).
pub fn read_by_token_hash(c: &mut Conn, hash: &str) -> ApiResult<Option<Locked>> {
    Ok(backend::read_shipment_by_token_hash(c, hash)?.map(Locked::from))
}

/// [`read`], for a caller who must be a party of the shipment (else 404).
pub fn read_visible(c: &mut Conn, actor: &Actor, id: &str) -> ApiResult<(Locked, Party)> {
    let read = read(c, id)?.ok_or_else(not_found)?;
    let party = access::shipment_party(actor, &read.ship.parties()).ok_or_else(not_found)?;
    Ok((read, party))
}

/// A new handover PIN, sealed for the shipment row (`None` only if sealing failed).
pub fn new_sealed_pin(secrets: &crate::secrets::Keyring) -> Option<String> {
    secrets.seal_field(PIN_CONTEXT, &new_pin()).ok()
}

/// The stored handover PIN, opened.
pub fn open_pin(
    secrets: &crate::secrets::Keyring,
    stored: Option<&str>,
) -> ApiResult<Option<String>> {
    stored
        .map(|p| secrets.open_field(PIN_CONTEXT, p))
        .transpose()
        .map_err(ApiError::Internal)
}

/// A 6-digit handover PIN, shown only on the customer's link.
pub fn new_pin() -> String {
    use rand::Rng;
    format!("{:06}", rand::rngs::OsRng.gen_range(0..1_000_000u32))
}

/// [`lock`], for a caller who must be a party of the shipment (else 404).
pub fn lock_visible(c: &mut Conn, actor: &Actor, id: &str) -> ApiResult<(Locked, Party)> {
    let locked = lock(c, id)?;
    let party = access::shipment_party(actor, &locked.ship.parties()).ok_or_else(not_found)?;
    Ok((locked, party))
}

/// A shipment and the caller's relation to it, or 404 when it is not theirs (reads).
pub fn load_visible(c: &mut Conn, actor: &Actor, id: &str) -> ApiResult<(ShipmentRow, Party)> {
    let row = store::find(c, id)?.ok_or_else(not_found)?;
    let party = access::shipment_party(actor, &row.parties()).ok_or_else(not_found)?;
    Ok((row, party))
}

/// The driver's approach to a shipment out for delivery (one look-up then, none otherwise).
pub fn live_estimate(
    c: &mut Conn,
    row: &ShipmentRow,
    now: chrono::NaiveDateTime,
) -> ApiResult<Option<crate::live::model::LiveEstimate>> {
    let Some(driver) = row
        .driver_id
        .as_deref()
        .filter(|_| row.status() == Status::OutForDelivery)
    else {
        return Ok(None);
    };
    let kept = crate::live::store::estimates_of(c, driver)?;
    Ok(crate::live::rules::shown(kept.as_deref(), &row.id, now))
}

/// Narrow a shipment list to what `actor` sees: the caller's scope overrides any filter
/// naming another party; a caller without an org (and not a platform admin) sees none (404).
fn scope_list(actor: &Actor, q: &mut store::ListQuery) -> ApiResult<()> {
    use crate::orgs::model::OrgKind;
    use crate::users::model::Role;
    let org = actor.org_id.clone();
    match (actor.role, actor.org_kind) {
        (Role::PlatformAdmin, _) => {}
        (Role::Driver, _) => q.driver_id = Some(actor.id.clone()),
        (_, Some(OrgKind::Marketplace)) => q.marketplace_id = org,
        (_, Some(OrgKind::Supplier)) => q.supplier_id = org,
        (_, Some(OrgKind::Courier)) => q.courier_id = org,
        (_, None) => return Err(not_found()),
    }
    Ok(())
}

/// One page of the shipments a caller may list, filtered: a party's own (a driver's route, an
/// org's shipments, everything for the platform admin) — the JSON list and the console's search.
pub fn list(
    c: &mut Conn,
    actor: &Actor,
    page: &crate::pagination::PageRequest,
    mut q: store::ListQuery,
) -> ApiResult<Vec<ShipmentRow>> {
    scope_list(actor, &mut q)?;
    Ok(store::list(c, page, &q)?)
}

/// Order references by shipment id, for pages listing what the caller already sees by id
/// (disputes, ratings): people know a parcel by its order.
pub fn references(
    c: &mut Conn,
    ids: &[String],
) -> ApiResult<std::collections::HashMap<String, String>> {
    Ok(store::references(c, ids)?.into_iter().collect())
}

/// The shipment's recorded facts: kept on its row, or read from their tables for a shipment
/// written before they were kept.
pub fn recorded(c: &mut Conn, locked: &Locked) -> ApiResult<RecordedFacts> {
    match locked.recorded() {
        Some(r) => Ok(r),
        None => Ok(counters::load_recorded(c, &locked.ship.id)?),
    }
}

/// The shipment as returned by lists and state changes: contact data only for its owner
/// (others read it through `GET /v1/shipments/{id}`, which logs the read).
pub fn summary(row: ShipmentRow, party: Party) -> Shipment {
    Shipment::view(row, access::listed_fields(party))
}

/// Run read-only `f` on the read pool for a shipment the caller can see (else 404).
pub async fn on_visible<T, F>(db: &Db, actor: Actor, id: String, f: F) -> ApiResult<T>
where
    F: FnOnce(&mut Conn, ShipmentRow, Party) -> ApiResult<T> + Send + 'static,
    T: Send + 'static,
{
    db.read(move |c| {
        let (ship, party) = load_visible(c, &actor, &id)?;
        f(c, ship, party)
    })
    .await
}

/// One change of a shipment, as its caller describes it.
#[derive(Debug)]
pub struct Change<'a> {
    by: By<'a>,
    at: NaiveDateTime,
    /// Statuses passed through, in order (each step checked); the last is written.
    path: Vec<Status>,
    driver: Option<String>,
    events: Vec<(String, Value)>,
    facts: Vec<FactChange>,
    patches: Vec<Patch>,
    /// Where the chain broke, when the parcel is declared lost.
    loss: Option<Loss>,
}

impl<'a> Change<'a> {
    pub fn new(by: By<'a>, at: NaiveDateTime) -> Change<'a> {
        Change {
            by,
            at,
            path: Vec::new(),
            driver: None,
            events: Vec::new(),
            facts: Vec::new(),
            patches: Vec::new(),
            loss: None,
        }
    }

    /// The parcel is declared lost: record where the chain broke (written with the status; it
    /// decides whose loss the KPIs count).
    pub fn loss(mut self, loss: Loss) -> Self {
        self.loss = Some(loss);
        self
    }

    /// Move to `status` (checked against the transition table from the status before it).
    pub fn to(mut self, status: Status) -> Self {
        self.path.push(status);
        self
    }

    /// The driver who now holds the parcel.
    pub fn assign(mut self, driver: Option<String>) -> Self {
        self.driver = driver;
        self
    }

    /// Append an event to the timeline.
    pub fn event(mut self, kind: impl Into<String>, data: Value) -> Self {
        self.events.push((kind.into(), data));
        self
    }

    /// A typed change of the shipment row's own columns (the door writes it).
    pub fn patch(mut self, p: Patch) -> Self {
        self.patches.push(p);
        self
    }

    /// A fact that moves the KPI counters (the caller wrote its row already).
    pub fn fact(mut self, f: FactChange) -> Self {
        self.facts.push(f);
        self
    }
}

/// What [`apply`] did.
#[derive(Debug, Clone)]
pub struct Applied {
    pub from: Status,
    pub to: Status,
    /// The events appended, in order.
    pub events: Vec<EventRow>,
}

/// The one door: check, write the status, append the events (hash-chained), move the counters.
pub fn apply(c: &mut Conn, locked: &mut Locked, change: Change<'_>) -> ApiResult<Applied> {
    let mut staged = Staged::default();
    let applied = stage(c, locked, change, &mut staged)?;
    staged.write(c)?;
    Ok(applied)
}

/// The one door for many shipments at once (bulk creation): each change is checked and
/// written as [`apply`] does it, and what hangs off the door for all of them — the timeline
/// events (the webhooks' outbox and the feed), the customer messages — is written together, one
/// multi-row insert each.
pub fn apply_many(
    c: &mut Conn,
    changes: Vec<(&mut Locked, Change<'_>)>,
) -> ApiResult<Vec<Applied>> {
    let mut staged = Staged::default();
    let applied = changes
        .into_iter()
        .map(|(locked, change)| stage(c, locked, change, &mut staged))
        .collect::<ApiResult<Vec<_>>>()?;
    staged.write(c)?;
    Ok(applied)
}

/// The rows of one or more changes that are written together at the end of the door.
#[derive(Default)]
struct Staged {
    shipments: Vec<ShipmentRow>,
    events: Vec<EventRow>,
    messages: Vec<crate::notifications::model::NotificationRow>,
}

impl Staged {
    fn write(self, c: &mut Conn) -> ApiResult<()> {
        store::insert_many(c, &self.shipments)?;
        store::insert_events(c, &self.events)?;
        // Customer messages, in this transaction (no statement unless the customer hears on a
        // channel and a moment is told).
        crate::notifications::store::insert_many(c, &self.messages)?;
        Ok(())
    }
}

/// One change through the door; its events and messages are left in `staged`.
fn stage(
    c: &mut Conn,
    locked: &mut Locked,
    change: Change<'_>,
    staged: &mut Staged,
) -> ApiResult<Applied> {
    let Change {
        by,
        at,
        path,
        driver,
        events,
        facts,
        patches,
        loss,
    } = change;
    for p in patches {
        p.apply(&mut locked.ship);
    }
    let from = locked.ship.status();
    let mut to = from;
    for step in &path {
        to = transition(to, *step)?;
    }
    let ship = &mut locked.ship;
    if let Some(l) = &loss {
        ship.loss = Some(l.encode());
    }
    // A status change ends the wait a proposal was made for; a new failure opens a new wait.
    let (drop_proposal, drop_choice) = crate::redelivery::rules::cleared_by(&path);
    if drop_proposal {
        (ship.redelivery_proposed_start, ship.redelivery_proposed_end) = (None, None);
    }
    if drop_choice {
        ship.redelivery_chosen_at = None;
    }
    let status_changed = to != from || driver.is_some() || loss.is_some();
    if status_changed {
        ship.status = to.as_str().to_owned();
        (ship.finalized_at, ship.contact_erase_after) = if to.is_final() {
            let days = i64::from(locked.terms.retention_days);
            (Some(at), Some(at + Duration::days(days)))
        } else {
            (None, None)
        };
        if driver.is_some() {
            ship.driver_id = driver;
        }
    }

    // The facts after the change: in memory from the row, or — for a shipment written before
    // facts were kept — read once from their tables, where the caller's rows already are.
    let recorded = match RecordedFacts::decode(ship.kpi_facts.as_deref()) {
        Some(mut r) => {
            for f in &facts {
                r.apply(f);
            }
            r
        }
        None => counters::load_recorded(c, &ship.id)?,
    };
    let old = counters::decode(locked.kpi_contrib.as_deref());
    let new = contributions(&Facts::new(
        to,
        crate::timezone::zone(&ship.time_zone),
        ship.window_start,
        ship.courier_id.clone(),
        ship.driver_id.clone(),
        ship.finalized_at,
        Loss::decode(ship.loss.as_deref()).and_then(|l| l.transit_fact()),
        recorded.clone(),
    ));
    let facts_json = Some(recorded.encode());
    let contrib = counters::encode(&new);
    let changed = status_changed || facts_json != ship.kpi_facts || contrib != locked.kpi_contrib;
    // The events, chained: each hash covers the one before, and the head is kept on the row
    // this door writes anyway.
    let ids = crate::ids::new_ids("evt", events.len());
    let mut head = ship
        .chain_head
        .as_deref()
        .and_then(chain::parse_hash)
        .unwrap_or_else(|| chain::genesis(&ship.id));
    let events: Vec<EventRow> = events
        .into_iter()
        .zip(ids)
        .map(|((kind, data), id)| {
            let mut e = EventRow::new(id, &ship.id, kind, by, Value::Null, at);
            let seq = ship.chain_len + 1;
            let chained = chain::ChainEvent {
                seq: Some(seq),
                id: e.id.clone(),
                kind: e.kind.clone(),
                actor_kind: e.actor_kind.clone(),
                actor_id: e.actor_id.clone(),
                actor_org_id: e.actor_org_id.clone(),
                at: chain::canonical_time(at),
                hash: None,
                data,
            };
            head = chain::chain_hash(&head, &ship.id, seq, &chained);
            ship.chain_len = seq;
            e.data = chained.data.to_string();
            e.chain_seq = Some(seq);
            e.hash = Some(chain::to_hex(&head));
            e
        })
        .collect();
    if !events.is_empty() {
        ship.chain_head = Some(chain::to_hex(&head));
    }
    // A shipment inserted below needs no update; one inserted earlier in this transaction
    // needs one only to keep its chain's head. Any column a patch (or the caller) moved counts.
    let moved = !locked.insert && !RowChanges::between(&locked.before, ship).is_empty();
    let write = changed || moved || !(events.is_empty() || locked.insert);
    let contrib_moved = contrib != locked.kpi_contrib;
    if write {
        ship.kpi_facts = facts_json;
        locked.kpi_contrib = contrib;
        ship.version += 1;
        // Any change counts as an update (lists filter on it), not only a new status.
        ship.updated_at = at;
    }
    // A new shipment is inserted at the end of the door with its first events (one
    // multi-row insert for a batch), its chain's head included; one whose counters moved at
    // creation (none do today) is inserted here, so the update below finds it.
    if locked.insert && write {
        store::insert(c, ship)?;
        locked.insert = false;
    }
    if locked.insert {
        staged.shipments.push(ship.clone());
        locked.insert = false;
    } else if write {
        // One UPDATE: the columns that differ from the row as stored.
        let mut columns = RowChanges::between(&locked.before, ship);
        if contrib_moved {
            columns.kpi_contrib = Some(locked.kpi_contrib.clone());
        }
        store::update(c, &ship.id, &columns)?;
    }
    locked.before = ship.clone();
    counters::upsert(
        c,
        &counters::deltas(&ship.id, &ship.marketplace_id, &old, &new),
    )?;
    counters::reindex(c, &ship.id, &ship.marketplace_id, &old, &new)?;
    staged.events.extend(events.iter().cloned());
    staged
        .messages
        .extend(crate::notifications::outbox::messages(
            ship, from, to, &events, at,
        ));
    // Driver pushes (no statement unless an event of a pushed kind has a driver).
    let parcel = crate::push::outbox::Parcel {
        id: &ship.id,
        reference: &ship.reference,
        driver_id: ship.driver_id.as_deref(),
    };
    let told: Vec<crate::push::outbox::Event<'_>> = events
        .iter()
        .map(|e| crate::push::outbox::Event {
            id: &e.id,
            kind: &e.kind,
            data: &e.data,
        })
        .collect();
    crate::push::outbox::queue(c, &parcel, &told, at)?;
    Ok(Applied { from, to, events })
}
