//! Erasure of contact data after a final state plus the contract's retention days: run by a
//! background task in `serve` and by `doorstep admin purge-contacts`.

use std::time::Duration;

use chrono::Utc;
use diesel::Connection;

use super::store;
use crate::db::Db;
use crate::shipments::store::{By, record_event};

const BATCH: i64 = 200;

/// Erase every shipment due now; returns how many were erased. Each erasure is its own short
/// transaction (with its event), so a large backlog never holds the writer for long.
pub fn purge_due(db: &Db) -> anyhow::Result<usize> {
    crate::idempotency::purge_expired(&mut *db.get_write()?, Utc::now().naive_utc())?;
    let mut total = 0;
    loop {
        // A fresh checkout per batch lets other writers in between (SQLite has one writer).
        let mut conn = db.get_write()?;
        let now = Utc::now().naive_utc();
        let ids = store::due_for_erasure(&mut conn, now, BATCH)?;
        for id in &ids {
            let erased = conn.transaction(|c| -> diesel::QueryResult<bool> {
                let erased = store::erase(c, id, now)?;
                if erased {
                    record_event(
                        c,
                        id,
                        "contact.erased",
                        By::System,
                        &serde_json::json!({}),
                        now,
                    )?;
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

/// Run `purge_due` every `interval` on the blocking pool, until `shutdown`.
pub fn spawn(db: Db, interval: Duration, mut shutdown: tokio::sync::watch::Receiver<bool>) {
    tokio::spawn(async move {
        let mut ticker = tokio::time::interval(interval);
        loop {
            tokio::select! {
                _ = ticker.tick() => {}
                _ = shutdown.changed() => return,
            }
            let db = db.clone();
            match actix_web::web::block(move || purge_due(&db)).await {
                Ok(Ok(0)) => {}
                Ok(Ok(n)) => tracing::info!(erased = n, "contact data erased after retention"),
                Ok(Err(e)) => tracing::error!(error = format!("{e:#}"), "contact purge failed"),
                Err(e) => tracing::error!(error = %e, "contact purge task failed"),
            }
        }
    });
}
