//! Erasure of contact data after a final state plus the contract's retention days: run by a
//! background task in `serve` and by `doorstep admin purge-contacts`.

use super::store;
use crate::db::Db;
use crate::error::ApiResult;
use crate::shipments::service::{self as door, Change, Patch};
use crate::shipments::store::By;

const BATCH: i64 = 200;

/// Erase every shipment due now; returns how many were erased. Each erasure is its own short
/// transaction (with its event), so a large backlog never holds the writer for long.
pub fn purge_due(db: &Db, clock: &crate::clock::Clock) -> anyhow::Result<usize> {
    crate::idempotency::purge_expired(&mut *db.get_write()?, clock.naive())?;
    let sightings_kept = chrono::Duration::hours(crate::attempts::rules::MAX_OFFLINE_HOURS + 24);
    crate::auth::sightings::purge(&mut *db.get_write()?, clock.naive() - sightings_kept)?;
    // A driver's position no app refreshed (the phone went quiet mid-round) is not kept.
    let fresh = chrono::Duration::seconds(crate::live::rules::FRESH_FOR_SECS);
    crate::live::store::purge_stale(&mut *db.get_write()?, clock.naive() - fresh)?;
    let mut total = 0;
    loop {
        // A fresh checkout per batch lets other writers in between (SQLite has one writer).
        let mut conn = db.get_write()?;
        let now = clock.naive();
        let ids = store::due_for_erasure(&mut conn, now, BATCH)?;
        for id in &ids {
            let erased =
                crate::db::backend::write_transaction(&mut conn, |c| -> ApiResult<bool> {
                    let mut locked = door::lock(c, id)?;
                    let erased = locked.ship.contact_erased_at.is_none();
                    if erased {
                        store::erase(c, id)?;
                        let change = Change::new(By::System, now)
                            .patch(Patch::EraseContact { at: now })
                            .event("contact.erased", serde_json::json!({}));
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
