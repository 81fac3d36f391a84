//! Background jobs that run every so often in `serve` (retention purge, KPI target checks), on
//! the blocking pool, until shutdown.

use std::time::Duration;

use crate::db::Db;

/// Run `job` at start and then every `interval` until `shutdown` changes. `job` returns how many
/// things it did; a non-zero count is logged with `what`.
pub fn every<F>(
    db: Db,
    interval: Duration,
    mut shutdown: tokio::sync::watch::Receiver<bool>,
    what: &'static str,
    job: F,
) where
    F: Fn(&Db) -> anyhow::Result<usize> + Clone + Send + 'static,
{
    tokio::spawn(async move {
        let mut ticker = tokio::time::interval(interval);
        loop {
            tokio::select! {
                _ = ticker.tick() => {}
                _ = shutdown.changed() => return,
            }
            let (db, job) = (db.clone(), job.clone());
            match actix_web::web::block(move || job(&db)).await {
                Ok(Ok(0)) => {}
                Ok(Ok(n)) => tracing::info!(count = n, "{what}"),
                Ok(Err(e)) => tracing::error!(error = format!("{e:#}"), "{what}: failed"),
                Err(e) => tracing::error!(error = %e, "{what}: task failed"),
            }
        }
    });
}
