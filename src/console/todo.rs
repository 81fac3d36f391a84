//! The console's home: what waits for the signed-in party, counted through the services the
//! API lists with (their scopes, their filters), each count a link to the list it counts.

use chrono::{Duration, NaiveDateTime};

use crate::auth::Actor;
use crate::db::Conn;
use crate::error::ApiResult;
use crate::identity::OrgKind;
use crate::pagination::PageRequest;
use crate::users::model::Role;

/// Counts stop here: "100+" is enough to know the queue is long.
pub const CAP: i64 = 100;

/// One thing to do: its catalog key (a sentence with `$count`), how many, and where they are.
pub struct Item {
    pub key: &'static str,
    pub count: i64,
    pub href: &'static str,
}

impl Item {
    /// The count as shown: capped at `CAP`.
    pub fn shown(&self) -> String {
        if self.count > CAP {
            format!("{CAP}+")
        } else {
            self.count.to_string()
        }
    }
}

fn page() -> PageRequest {
    PageRequest {
        limit: CAP,
        after: None,
    }
}

fn disputes(c: &mut Conn, actor: &Actor, status: &str) -> ApiResult<i64> {
    let rows = crate::disputes::service::list(c, actor, &page(), Some(status), None)?;
    Ok(rows.len() as i64)
}

fn shipments(c: &mut Conn, actor: &Actor, status: &str) -> ApiResult<i64> {
    let q = crate::shipments::service::ListQuery {
        status: Some(status.to_owned()),
        ..Default::default()
    };
    Ok(crate::shipments::service::list(c, actor, &page(), q)?.len() as i64)
}

/// Pending hand-offs of `org` (waiting on it, or on their receivers) and how many are overdue.
fn handoffs(c: &mut Conn, org: &str, incoming: bool, now: NaiveDateTime) -> ApiResult<(i64, i64)> {
    let rows = crate::custody::service::waiting(c, org, incoming, CAP + 1)?;
    let late = rows.iter().filter(|h| h.due_at < now).count();
    Ok((rows.len() as i64, late as i64))
}

/// What waits for `actor` now, in the order to do it; items with nothing to do are left out.
pub fn items(c: &mut Conn, actor: &Actor, now: NaiveDateTime) -> ApiResult<Vec<Item>> {
    let week_ago = now - Duration::days(7);
    let mut todo = Vec::new();
    let mut add = |key, count, href| {
        if count > 0 {
            todo.push(Item { key, count, href });
        }
    };
    if actor.role == Role::PlatformAdmin {
        add(
            "console.todo.disputes_open",
            disputes(c, actor, "open")?,
            "/console/disputes?status=open",
        );
        return Ok(todo);
    }
    let org = actor.org_id.clone().unwrap_or_default();
    match actor.org_kind {
        Some(OrgKind::Marketplace) => {
            add(
                "console.todo.decide",
                disputes(c, actor, "responded")?,
                "/console/disputes?status=responded",
            );
            add(
                "console.todo.courier_answer",
                disputes(c, actor, "open")?,
                "/console/disputes?status=open",
            );
            add(
                "console.todo.misses",
                crate::kpis::service::misses_since(c, actor, week_ago)?,
                "/console/scorecard",
            );
            add(
                "console.todo.waiting",
                shipments(c, actor, "attempt_failed")?,
                "/console/shipments?waiting=1",
            );
        }
        Some(OrgKind::Courier) => {
            add(
                "console.todo.answer",
                disputes(c, actor, "open")?,
                "/console/disputes?status=open",
            );
            let (incoming, late) = handoffs(c, &org, true, now)?;
            add("console.todo.incoming_late", late, "/console/handoffs");
            add(
                "console.todo.incoming",
                incoming - late,
                "/console/handoffs",
            );
            add(
                "console.todo.waiting",
                shipments(c, actor, "attempt_failed")?,
                "/console/shipments?waiting=1",
            );
            add(
                "console.todo.round",
                shipments(c, actor, "out_for_delivery")?,
                "/console/shipments?status=out_for_delivery",
            );
            add(
                "console.todo.misses",
                crate::kpis::service::misses_since(c, actor, week_ago)?,
                "/console/scorecard",
            );
        }
        Some(OrgKind::Supplier) => {
            let (incoming, late) = handoffs(c, &org, true, now)?;
            add("console.todo.incoming_late", late, "/console/handoffs");
            add(
                "console.todo.incoming",
                incoming - late,
                "/console/handoffs",
            );
            let (_, unanswered) = handoffs(c, &org, false, now)?;
            add(
                "console.todo.outgoing_late",
                unanswered,
                "/console/handoffs",
            );
        }
        None => {}
    }
    Ok(todo)
}
