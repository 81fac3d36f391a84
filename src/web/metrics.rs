//! Prometheus metrics: request counts and latency histograms per route pattern and status.

use prometheus::{
    Encoder, HistogramOpts, HistogramVec, IntCounterVec, Opts, Registry, TextEncoder,
};

pub struct Metrics {
    registry: Registry,
    requests: IntCounterVec,
    latency: HistogramVec,
    statements: IntCounterVec,
    job_rounds: IntCounterVec,
    jobs: crate::jobs::Counters,
}

impl Metrics {
    pub fn new() -> anyhow::Result<Metrics> {
        let registry = Registry::new_custom(Some("doorstep".to_owned()), None)?;
        let requests = IntCounterVec::new(
            Opts::new("http_requests_total", "HTTP requests by route and status"),
            &["method", "route", "status"],
        )?;
        let latency = HistogramVec::new(
            HistogramOpts::new(
                "http_request_duration_seconds",
                "HTTP request latency by route and status",
            )
            .buckets(vec![
                0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
            ]),
            &["method", "route", "status"],
        )?;
        let statements = IntCounterVec::new(
            Opts::new(
                "sql_statements_total",
                "SQL statements sent to the database (BEGIN and COMMIT included) by route",
            ),
            &["method", "route"],
        )?;
        let job_rounds = IntCounterVec::new(
            Opts::new(
                "job_rounds_total",
                "Rounds of periodic jobs this node ran (not those another node ran)",
            ),
            &["job"],
        )?;
        registry.register(Box::new(job_rounds.clone()))?;
        let per_job = |name: &str, help: &str| -> anyhow::Result<IntCounterVec> {
            let c = IntCounterVec::new(Opts::new(name, help), &["job"])?;
            registry.register(Box::new(c.clone()))?;
            Ok(c)
        };
        let jobs = crate::jobs::Counters {
            rounds: per_job(
                "job_runner_rounds_total",
                "Rounds the job runner took, by job kind",
            )?,
            items: per_job(
                "job_items_total",
                "Work items done (claimed, sent, recorded, purged), by job kind",
            )?,
            failures: per_job("job_failures_total", "Rounds that failed, by job kind")?,
        };
        registry.register(Box::new(statements.clone()))?;
        registry.register(Box::new(requests.clone()))?;
        registry.register(Box::new(latency.clone()))?;
        Ok(Metrics {
            registry,
            requests,
            latency,
            statements,
            job_rounds,
            jobs,
        })
    }

    /// The counter of periodic job rounds, by job (`jobs::periodic`).
    pub fn job_rounds(&self) -> IntCounterVec {
        self.job_rounds.clone()
    }

    /// The job runner's counters, by job kind (`jobs`).
    pub fn job_counters(&self) -> crate::jobs::Counters {
        self.jobs.clone()
    }

    /// `route` is the matched pattern (`/v1/orgs/{id}`) or `unmatched`, never the raw path, so
    /// ids and tokens in paths do not become labels; `method` is one of a fixed list.
    pub fn observe(&self, method: &str, route: &str, status: u16, seconds: f64) {
        let status = status_label(status);
        let labels = [method, route, status.as_str()];
        self.requests.with_label_values(&labels).inc();
        self.latency.with_label_values(&labels).observe(seconds);
    }

    /// Also show these (the database's reads by pool, the replica's lag).
    pub fn register(
        &self,
        collectors: Vec<Box<dyn prometheus::core::Collector>>,
    ) -> anyhow::Result<()> {
        for c in collectors {
            self.registry.register(c)?;
        }
        Ok(())
    }

    pub fn observe_statements(&self, method: &str, route: &str, n: u32) {
        self.statements
            .with_label_values(&[method, route])
            .inc_by(u64::from(n));
    }

    pub fn render(&self) -> String {
        let mut buf = Vec::new();
        let encoder = TextEncoder::new();
        if let Err(e) = encoder.encode(&self.registry.gather(), &mut buf) {
            tracing::error!(error = %e, "metrics encoding failed");
        }
        String::from_utf8(buf).unwrap_or_default()
    }
}

/// The status as a label: registered codes as they are, any other as its class (`5xx`), so the
/// label has a few dozen values at most.
fn status_label(status: u16) -> String {
    let registered = actix_web::http::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .is_some();
    if registered {
        status.to_string()
    } else {
        format!("{}xx", (status / 100).min(9))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unregistered_statuses_are_their_class() {
        assert_eq!(status_label(404), "404");
        assert_eq!(status_label(408), "408");
        assert_eq!(status_label(599), "5xx");
        assert_eq!(status_label(999), "9xx");
        assert_eq!(status_label(7), "0xx");
    }

    #[test]
    fn counts_and_histograms_are_rendered() {
        let m = Metrics::new().unwrap();
        m.observe("GET", "/v1/orgs/{id}", 200, 0.003);
        m.observe("GET", "/v1/orgs/{id}", 200, 0.2);
        let text = m.render();
        assert!(text.contains(
            r#"doorstep_http_requests_total{method="GET",route="/v1/orgs/{id}",status="200"} 2"#
        ));
        assert!(text.contains("doorstep_http_request_duration_seconds_bucket"));
    }
}
