//! The database's settings: where it is, how many connections, and the read replica.

use std::time::Duration;

#[derive(clap::Args, Clone, Debug)]
pub struct DbSettings {
    /// `sqlite://path` (default) or `postgres://user@host/db`.
    #[arg(
        id = "database_url",
        long = "database-url",
        env = "DATABASE_URL",
        default_value = "sqlite://doorstep.db",
        global = true
    )]
    pub url: String,
    /// Database connections per pool.
    #[arg(
        long = "db-pool-size",
        env = "DOORSTEP_DB_POOL_SIZE",
        default_value_t = 8,
        global = true
    )]
    pub pool_size: u32,
    /// A PostgreSQL streaming standby for read-only requests (GETs outside their caller's
    /// read-your-writes window), used while it lags at most DOORSTEP_READ_MAX_LAG_MS.
    #[arg(
        long = "read-database-url",
        env = "DOORSTEP_READ_DATABASE_URL",
        global = true,
        hide_env_values = true
    )]
    pub read_url: Option<String>,
    /// The replica's lag bound in milliseconds, and the read-your-writes window.
    #[arg(
        long = "read-max-lag-ms",
        env = "DOORSTEP_READ_MAX_LAG_MS",
        default_value = "2000",
        value_parser = crate::args::millis,
        global = true
    )]
    pub read_max_lag: Duration,
    /// PostgreSQL: cache prepared statements per connection (named). `false` sends each
    /// statement unnamed in one round trip, for PgBouncer in transaction pooling mode (before
    /// PgBouncer 1.21, which tracks named ones).
    #[arg(
        long = "db-statement-cache",
        env = "DOORSTEP_DB_STATEMENT_CACHE",
        default_value_t = true,
        action = clap::ArgAction::Set,
        global = true
    )]
    pub statement_cache: bool,
}

impl DbSettings {
    /// Refuse a replica that cannot work.
    pub fn validate(&self) -> anyhow::Result<()> {
        anyhow::ensure!(self.pool_size > 0, "database pool size must be positive");
        if let Some(url) = &self.read_url {
            let pg = |u: &str| matches!(super::parse_url(u), Ok((super::Backend::Postgres, _)));
            anyhow::ensure!(
                pg(url) && pg(&self.url),
                "DOORSTEP_READ_DATABASE_URL needs PostgreSQL (postgres://…) for both DATABASE_URL \
                 and the replica"
            );
            anyhow::ensure!(
                !self.read_max_lag.is_zero(),
                "DOORSTEP_READ_MAX_LAG_MS must be positive"
            );
        }
        Ok(())
    }
}
