//! Erasure of contact data after a final state plus the contract's retention days: run by a
//! background task in `serve` and by `doorstep admin purge-contacts`.

use chrono::Utc;
use diesel::Connection;

use super::store;
use crate::db::Db;
use crate::error::ApiResult;
use crate::shipments::service::{self as door, Change};
use crate::shipments::store::By;

const BATCH: i64 = 200;

/// Erase every shipment due now; returns how many were erased. Each erasure is its own short
/// transaction (with its event), so a large backlog never holds the writer for long.
pub fn purge_due(db: &Db) -> anyhow::Result<usize> {
    crate::idempotency::purge_expired(&mut *db.get_write()?, Utc::now().naive_utc())?;
    let sightings_kept = chrono::Duration::hours(crate::attempts::rules::MAX_OFFLINE_HOURS + 24);
    crate::auth::sightings::purge(
        &mut *db.get_write()?,
        Utc::now().naive_utc() - sightings_kept,
    )?;
    let mut total = 0;
    loop {
        // A fresh checkout per batch lets other writers in between (SQLite has one writer).
        let mut conn = db.get_write()?;
        let now = Utc::now().naive_utc();
        let ids = store::due_for_erasure(&mut conn, now, BATCH)?;
        for id in &ids {
            let erased = conn.transaction(|c| -> ApiResult<bool> {
                let mut locked = door::lock(c, id)?;
                let erased = store::erase(c, id, now)?;
                if erased {
                    let change =
                        Change::new(By::System, now).event("contact.erased", serde_json::json!({}));
                    door::apply(c, &mut locked, change)?;
                }
                Ok(erased)
            })?;
            total += usize::from(erased);
        }
        if (ids.len() as i64) < BATCH {
            return Ok(total);
        }
    }
}
