//! The HTTP server: routes, middleware, framework error handlers.

use std::net::TcpListener;
use std::time::Instant;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{Server, ServerHandle, ServiceRequest, ServiceResponse};
use actix_web::error::{PathError, QueryPayloadError, UrlencodedError};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::middleware::{DefaultHeaders, Next, from_fn};
use actix_web::web::{self, Data};
use actix_web::{App, HttpRequest, HttpServer};
use tracing::Instrument;

use crate::auth::jwt::JwtKeys;
use crate::config::Settings;
use crate::db::Db;
use crate::error::{ApiError, PROBLEM_JSON, Problem, json_error, problem_response};
use crate::server::body_deadline;
use crate::server::openapi::{RouteTable, SpecYaml};
use crate::server::ops;
use crate::web::metrics::Metrics;
use crate::web::state::AppState;
use crate::{
    api_keys, attempts, auth, console, contacts, contracts, custody, disputes, evidence, kpis,
    orgs, ratings, redelivery, shipments, tracking, users, webhooks,
};

pub const REQUEST_ID: &str = "x-request-id";

/// Every route of the API. The OpenAPI document is collected from this same list.
pub fn routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(ops::healthz)
        .service(ops::readyz)
        .service(ops::metrics)
        .service(ops::openapi_yaml)
        .service(auth::routes::login)
        .service(auth::routes::refresh_tokens)
        .service(auth::routes::logout)
        .service(auth::routes::me)
        .service(orgs::routes::create_org)
        .service(orgs::routes::list_orgs)
        .service(orgs::routes::get_org)
        .service(orgs::routes::update_org)
        .service(users::routes::create_user)
        .service(users::routes::list_users)
        .service(users::routes::get_user)
        .service(users::routes::deactivate_user)
        .service(api_keys::routes::create_api_key)
        .service(api_keys::routes::list_api_keys)
        .service(api_keys::routes::revoke_api_key)
        .service(contracts::routes::create_contract)
        .service(contracts::routes::list_contracts)
        .service(contracts::routes::get_contract)
        .service(contracts::routes::update_contract)
        .service(shipments::routes::create_shipment)
        .service(shipments::batch_routes::create_batch)
        .service(shipments::routes::list_shipments)
        .service(shipments::routes::get_shipment)
        .service(shipments::routes::rotate_tracking_token)
        .service(custody::routes::create_handoff)
        .service(custody::routes::list_handoffs)
        .service(custody::routes::accept_handoff)
        .service(custody::routes::reject_handoff)
        .service(custody::routes::out_for_delivery)
        .service(redelivery::routes::propose)
        .service(custody::routes::declare_lost)
        .service(custody::routes::cancel)
        .service(custody::routes::return_to_sender)
        .service(custody::routes::events)
        .service(custody::routes::custody_gaps)
        .service(attempts::routes::create_contact_attempt)
        .service(attempts::routes::list_contact_attempts)
        .service(attempts::routes::set_eta)
        .service(attempts::routes::create_attempt)
        .service(attempts::routes::reset_pin)
        .service(attempts::routes::list_attempts)
        .service(attempts::routes::get_attempt)
        .service(attempts::photo_routes::upload_photo)
        .service(attempts::photo_routes::get_photo)
        .service(disputes::routes::open_dispute)
        .service(disputes::routes::respond)
        .service(disputes::routes::resolve)
        .service(disputes::routes::get_dispute)
        .service(disputes::routes::list_disputes)
        .service(webhooks::routes::create_webhook)
        .service(webhooks::routes::list_webhooks)
        .service(webhooks::routes::get_webhook)
        .service(webhooks::routes::update_webhook)
        .service(webhooks::routes::delete_webhook)
        .service(webhooks::routes::rotate_secret)
        .service(webhooks::routes::ping)
        .service(webhooks::routes::deliveries)
        .service(webhooks::routes::retry_delivery)
        .service(crate::push::routes::vapid_public_key)
        .service(crate::push::routes::subscribe)
        .service(crate::push::routes::list_subscriptions)
        .service(crate::push::routes::unsubscribe)
        .service(crate::feed::routes::feed)
        .service(contacts::routes::contact_access_log)
        .service(contacts::routes::driver_route)
        .service(contacts::routes::report_position)
        .service(tracking::routes::track)
        .service(tracking::routes::update_contact)
        .service(tracking::routes::reschedule)
        .service(tracking::routes::early_consent)
        .service(tracking::routes::early_decline)
        .service(tracking::routes::choose_notifications)
        .service(crate::notifications::routes::list_notifications)
        .service(tracking::routes::choose_redelivery)
        .service(tracking::routes::accept_redelivery)
        .service(tracking::routes::photo)
        .service(tracking::page::stylesheet)
        .service(tracking::page::icon)
        .service(tracking::page::refresh_script)
        .service(tracking::page::robots)
        .service(tracking::page::page)
        .service(tracking::page::page_contact)
        .service(tracking::page::page_reschedule)
        .service(tracking::page::page_early_consent)
        .service(tracking::page::page_notifications)
        .service(tracking::page::page_redelivery)
        .service(tracking::page::page_redelivery_accept)
        .service(tracking::page::page_dispute)
        .service(tracking::page::page_rating)
        .service(ratings::routes::rate)
        .service(ratings::routes::get_driver_rating)
        .service(ratings::routes::my_rating)
        .service(ratings::routes::list_ratings)
        .service(kpis::routes::get_kpis)
        .service(kpis::routes::counted_shipments)
        .service(kpis::routes::courier_scorecard)
        .service(kpis::routes::driver_ranking)
        .service(kpis::routes::target_misses)
        .service(kpis::routes::get_targets)
        .service(kpis::routes::set_targets)
        .service(evidence::routes::public_keys)
        .service(evidence::routes::list_roots)
        .service(evidence::routes::sign_root)
        .service(evidence::routes::evidence)
        .service(crate::driver_app::driver_page)
        .service(crate::driver_app::driver_script)
        .service(crate::driver_app::driver_styles)
        .service(crate::driver_app::driver_worker)
        .service(crate::driver_app::driver_manifest)
        .service(crate::driver_app::driver_icon)
        .service(console::routes::stylesheet)
        .service(console::routes::login_page)
        .service(console::routes::login)
        .service(console::routes::logout)
        .service(console::routes::home)
        .service(console::routes::scorecard)
        .service(console::routes::chart)
        .service(console::routes::counted)
        .service(console::routes::disputes)
        .service(console::routes::dispute)
        .service(console::routes::resolve)
        .service(console::routes::respond)
        .service(console::routes::shipments)
        .service(console::routes::propose_window)
        .service(console::routes::return_to_sender)
        .service(console::routes::evidence)
        .service(console::routes::shipment)
        .service(console::routes::photo)
        .service(console::teams::drivers)
        .service(console::teams::create_driver)
        .service(console::teams::deactivate_driver)
        .service(console::teams::ratings)
        .service(console::teams::handoffs)
        .service(console::teams::orgs)
        .service(console::hooks::webhooks)
        .service(console::hooks::create)
        .service(console::hooks::webhook)
        .service(console::hooks::retry);
}

/// A running server and the port it listens on (useful when bound to port 0).
pub struct Application {
    port: u16,
    server: Server,
    /// The dedicated `/metrics` listener (`DOORSTEP_METRICS_BIND`) and its port.
    metrics: Option<(u16, Server)>,
    /// Tells the background tasks (dispatcher, purge) to stop.
    shutdown: tokio::sync::watch::Sender<bool>,
    /// Dies when the last worker has dropped the shared state (and its database pools).
    state: std::sync::Weak<AppState>,
    /// Background tasks that record work in flight when they stop: awaited (a bounded time)
    /// once the server has stopped.
    finishing: Vec<tokio::task::JoinHandle<()>>,
    /// The job runner's handle (drain its queues).
    jobs: crate::jobs::Jobs,
}

/// Stops a running application: the HTTP servers and their background tasks.
pub struct Stopper {
    server: ServerHandle,
    metrics: Option<ServerHandle>,
    shutdown: tokio::sync::watch::Sender<bool>,
}

impl Stopper {
    pub async fn stop(&self) {
        let _ = self.shutdown.send(true);
        // Bounded: a stop racing the application's own stop of the metrics listener was once
        // seen never to answer under load (the listener was gone all the same).
        let bound = std::time::Duration::from_secs(20);
        let _ = tokio::time::timeout(bound, self.server.stop(false)).await;
        if let Some(metrics) = &self.metrics {
            let _ = tokio::time::timeout(bound, metrics.stop(false)).await;
        }
    }

    /// Ask everything to stop without waiting (from `Drop`, inside a runtime).
    pub fn signal(&self) {
        let _ = self.shutdown.send(true);
        if let Ok(rt) = tokio::runtime::Handle::try_current() {
            let server = self.server.clone();
            let metrics = self.metrics.clone();
            rt.spawn(async move {
                server.stop(false).await;
                if let Some(metrics) = metrics {
                    metrics.stop(false).await;
                }
            });
        }
    }
}

/// What requests read of the settings.
fn options(s: &Settings) -> anyhow::Result<crate::web::state::Options> {
    Ok(crate::web::state::Options {
        public_url: s.tracking.public_url.clone(),
        trusted_proxies: s.http.trusted_proxies.clone(),
        refresh_token_ttl: s.auth.refresh_token_ttl,
        refresh_reuse_grace: s.auth.refresh_reuse_grace,
        console_idle: s.auth.console_idle,
        photo_max_bytes: s.photos.max_bytes,
        photo_max_pixels: s.photos.max_pixels,
        webhook_allow_private: s.webhooks.allow_private,
        webhook_max_subscriptions: s.webhooks.max_subscriptions,
        harsh_rater: s.harsh_rater,
        notify_channels: s.notify_channels(),
        vapid_private_key: s
            .push
            .vapid_private_key
            .clone()
            .ok_or_else(|| anyhow::anyhow!("DOORSTEP_VAPID_PRIVATE_KEY is not set"))?,
        vapid_subject: s.push.vapid_subject.clone(),
        metrics_bind: s.http.metrics_bind.is_some(),
    })
}

impl Application {
    /// Connect to the database, migrate, bind and build the server (not yet polled).
    pub async fn build(settings: Settings) -> anyhow::Result<Application> {
        crate::install_crypto_provider();
        settings.validate()?;
        let db_settings = settings.db.clone();
        let pool_size = settings.db.pool_size;
        let replica = settings.db.read_url.clone();
        let max_lag = settings.db.read_max_lag;
        let secrets = std::sync::Arc::new(settings.secrets.keyring()?);
        if secrets.current_id().is_none() {
            tracing::warn!(
                "DOORSTEP_SECRET_KEY is not set: webhook signing secrets are stored in plain \
                 text. Set it in production (base64 of 32 random bytes)."
            );
        }
        let ring = secrets.clone();
        let db = web::block(move || -> anyhow::Result<Db> {
            let mut db = Db::open(&db_settings, pool_size)?;
            if let Some(replica) = &replica {
                db = db.with_replica(replica, max_lag, pool_size)?;
            }
            let applied = db.migrate()?;
            if !applied.is_empty() {
                tracing::info!(migrations = ?applied, "migrations applied");
            }
            // Secrets kept in plain text before a key was set are sealed now (idempotent).
            let sealed = crate::webhooks::sealing::reseal(
                &mut *db.get_write()?,
                &ring,
                crate::webhooks::sealing::Scope::Plain,
            )?;
            if sealed > 0 {
                tracing::info!(count = sealed, "plain webhook secrets sealed");
            }
            Ok(db)
        })
        .await??;
        let listener = TcpListener::bind(&settings.http.bind)?;
        let port = listener.local_addr()?.port();
        let metrics_listener = match &settings.http.metrics_bind {
            Some(addr) => Some(TcpListener::bind(addr)?),
            None => None,
        };
        let route_table = Data::new(RouteTable::from_spec(&crate::server::openapi::routes_spec()));
        let spec_yaml = Data::new(SpecYaml(crate::server::openapi::spec_yaml()?));
        let (shutdown, stop_rx) = tokio::sync::watch::channel(false);
        let metrics = Metrics::new()?;
        let mut runner = crate::jobs::Runner::new(db.clone(), metrics.job_counters());
        let clock = settings.clock.clone();
        runner.add(crate::jobs::periodic::Every::new(
            crate::jobs::periodic::PURGE_CONTACTS,
            settings.purge_interval,
            metrics.job_rounds(),
            "contact data erased after retention",
            move |db| crate::contacts::purge::purge_due(db, &clock),
        ));
        let clock = settings.clock.clone();
        runner.add(crate::jobs::periodic::Every::new(
            crate::jobs::periodic::TARGET_MISSES,
            settings.purge_interval,
            metrics.job_rounds(),
            "KPI targets missed in closed periods",
            move |db| crate::kpis::targets::check_closed_periods(db, clock.naive()),
        ));
        let clock = settings.clock.clone();
        runner.add(crate::jobs::periodic::Every::new(
            crate::jobs::periodic::KPI_FOLD,
            settings.purge_interval,
            metrics.job_rounds(),
            "past days' KPI rollup shards folded (org, day, marketplace keys)",
            move |db| crate::kpis::service::fold_past_shards(db, clock.naive().date()),
        ));
        let evidence_keys = settings.evidence.keys()?;
        let (signer, clock) = (evidence_keys.clone(), settings.clock.clone());
        runner.add(crate::jobs::periodic::Every::new(
            crate::jobs::periodic::EVIDENCE_ROOTS,
            settings.evidence.root_interval,
            metrics.job_rounds(),
            "evidence root signed over changed chains (leaves)",
            move |db| crate::evidence::service::sign_due(db, &signer, clock.naive()),
        ));
        let notifier = crate::notifications::sender::Config {
            secrets: secrets.clone(),
            ..settings.notifier()
        };
        if let Some(sender) = crate::notifications::sender::Sender::new(notifier)? {
            runner.add(sender);
        }
        runner.add(crate::push::sender::Pusher::new(
            crate::push::sender::Config {
                secrets: secrets.clone(),
                ..settings.pusher()?
            },
        )?);
        db.spawn_replica_monitor(stop_rx.clone())?;
        runner.add(crate::webhooks::dispatcher::Dispatcher::new(
            crate::webhooks::dispatcher::Config {
                poll: settings.webhooks.poll,
                retry_base: settings.webhooks.retry_base,
                max_age: std::time::Duration::from_secs(72 * 3600),
                timeout: settings.webhooks.timeout,
                allow_private: settings.webhooks.allow_private,
                clock: settings.clock.clone(),
                batch: 100,
                max_in_flight: settings.webhooks.max_in_flight,
                max_in_flight_per_org: settings.webhooks.max_in_flight_per_org,
                secrets: secrets.clone(),
            },
            runner.wake(),
        )?);
        let jobs = runner.handle();
        let runner = runner.spawn(stop_rx);
        let json_limit = settings.http.json_limit;
        let workers = settings.http.workers();
        metrics.register(db.collectors())?;
        let (login_throttle, tracking_limits) = crate::web::limits::build(
            &settings.limits,
            settings.login_throttle,
            settings.tracking.per_token_per_minute,
            settings.tracking.per_address_per_minute,
        )?;
        let state = Data::new(AppState {
            jwt: JwtKeys::new(
                settings.auth.jwt_secret()?,
                &settings.auth.jwt_issuer,
                &settings.auth.jwt_audience,
                settings.auth.access_token_ttl,
                settings.clock.clone(),
            ),
            login_throttle,
            tracking_limits,
            secrets,
            password_gate: crate::auth::password::PasswordGate::new(
                settings.auth.hashes_at_once(),
                settings.auth.hash_queue_timeout,
            ),
            metrics,
            tracking_views: crate::tracking::views::ViewCache::new(
                settings.tracking.view_cache_mb.saturating_mul(1024 * 1024),
            ),
            recent_writers: crate::web::read_routing::RecentWriters::new(settings.db.read_max_lag),
            sightings: Default::default(),
            decode_budget: crate::attempts::decode_budget::DecodeBudget::new(
                settings.photos.decode_memory_mb,
                settings.photos.decode_wait,
            ),
            clock: settings.clock.clone(),
            blobs: crate::blobs::Blobs::open(&settings.blobs.url, &settings.blobs.s3)?,
            evidence_keys,
            db,
            settings: options(&settings)?,
        });
        let body_limits = Data::new(body_deadline::Limits::new(&settings));
        let metrics_state = state.clone();
        let state_probe = std::sync::Arc::downgrade(&*state);
        let server = HttpServer::new(move || {
            App::new()
                .app_data(state.clone())
                .app_data(body_limits.clone())
                .app_data(route_table.clone())
                .app_data(spec_yaml.clone())
                .app_data(
                    web::JsonConfig::default()
                        .limit(json_limit)
                        .error_handler(json_error),
                )
                .app_data(web::FormConfig::default().error_handler(form_error))
                .app_data(web::QueryConfig::default().error_handler(query_error))
                .app_data(web::PathConfig::default().error_handler(path_error))
                .configure(|c| routes(&mut utoipa_actix_web::service_config::ServiceConfig::new(c)))
                .default_service(web::to(fallback))
                .wrap(
                    DefaultHeaders::new()
                        .add((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
                        .add((header::REFERRER_POLICY, "no-referrer"))
                        .add((header::X_FRAME_OPTIONS, "DENY"))
                        .add((header::CACHE_CONTROL, "no-store")),
                )
                // gzip when the client asks for it; images (photos) are left as they are.
                .wrap(actix_web::middleware::Compress::default())
                // Inside `observe`: the reads of every handler are routed.
                .wrap(from_fn(crate::web::read_routing::route_reads))
                .wrap(from_fn(observe))
                // Outermost, so that it holds the request body until the final response is sent.
                .wrap(from_fn(body_deadline::guard))
        })
        .workers(workers)
        .listen(listener)?
        .run();
        let metrics = match metrics_listener {
            Some(listener) => Some((
                listener.local_addr()?.port(),
                metrics_server(listener, metrics_state)?,
            )),
            None => None,
        };
        Ok(Application {
            port,
            server,
            metrics,
            shutdown,
            state: state_probe,
            finishing: vec![runner],
            jobs,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// The port of the dedicated `/metrics` listener, when `metrics_bind` is set.
    pub fn metrics_port(&self) -> Option<u16> {
        self.metrics.as_ref().map(|(port, _)| *port)
    }

    /// Whether some thread still holds the shared state (its database pools): after a stop,
    /// the HTTP workers drop it as their threads end, which the stop does not wait for.
    pub fn state_probe(&self) -> std::sync::Weak<AppState> {
        self.state.clone()
    }

    /// The background job runner (tests drain its queues instead of sleeping).
    pub fn jobs(&self) -> crate::jobs::Jobs {
        self.jobs.clone()
    }

    /// Something that stops this application later (tests simulate restarts with it).
    pub fn stopper(&self) -> Stopper {
        Stopper {
            server: self.server.handle(),
            metrics: self.metrics.as_ref().map(|(_, server)| server.handle()),
            shutdown: self.shutdown.clone(),
        }
    }

    /// The server future: await it, or spawn it (tests). When it ends, so do the tasks and the
    /// metrics listener.
    pub async fn run(self) -> std::io::Result<()> {
        let result = match self.metrics {
            None => self.server.await,
            Some((_, metrics)) => {
                let metrics_handle = metrics.handle();
                let public = async {
                    let result = self.server.await;
                    metrics_handle.stop(false).await;
                    result
                };
                let (result, metrics_result) = futures_util::future::join(public, metrics).await;
                if let Err(e) = metrics_result {
                    tracing::error!(error = %e, "the metrics listener failed");
                }
                result
            }
        };
        let _ = self.shutdown.send(true);
        let finishing = futures_util::future::join_all(self.finishing);
        if tokio::time::timeout(FINISH_WITHIN, finishing)
            .await
            .is_err()
        {
            tracing::warn!("background tasks still busy at shutdown; their claims lapse and retry");
        }
        result
    }
}

/// How long a stopping server waits for its background tasks to record what is in flight.
const FINISH_WITHIN: std::time::Duration = std::time::Duration::from_secs(15);

/// `/metrics` alone, on its own listener (an internal address): one worker, no signal
/// handling of its own — it stops with the public server (`Application::run`, `Stopper`).
fn metrics_server(listener: TcpListener, state: Data<AppState>) -> std::io::Result<Server> {
    Ok(HttpServer::new(move || {
        App::new()
            .app_data(state.clone())
            .app_data(ops::MetricsListener)
            .service(ops::metrics)
            .default_service(web::to(not_found))
    })
    .workers(1)
    .disable_signals()
    .listen(listener)?
    .run())
}

async fn not_found() -> Result<actix_web::HttpResponse, ApiError> {
    Err(ApiError::NotFound("route".to_owned()))
}

/// Unknown routes are 404; known paths under another method are 405 with `Allow`.
async fn fallback(
    req: HttpRequest,
    table: Data<RouteTable>,
) -> Result<actix_web::HttpResponse, ApiError> {
    let allow = table.allowed(req.path());
    Err(if allow.is_empty() {
        ApiError::NotFound("route".to_owned())
    } else {
        ApiError::MethodNotAllowed { allow }
    })
}

/// Form bodies (the tracking page's forms): a late body is 408 as everywhere; other errors
/// keep the framework's status (`observe` gives them the problem shape).
fn form_error(err: UrlencodedError, _req: &HttpRequest) -> actix_web::Error {
    match err {
        UrlencodedError::Payload(e) if body_deadline::is_timeout(&e) => ApiError::from(e).into(),
        other => other.into(),
    }
}

fn query_error(err: QueryPayloadError, _req: &HttpRequest) -> actix_web::Error {
    ApiError::BadRequest(format!("invalid query string: {err}")).into()
}

fn path_error(_err: PathError, _req: &HttpRequest) -> actix_web::Error {
    ApiError::NotFound("resource".to_owned()).into()
}

/// A request id we accept from the client: short and printable, so it is safe to log.
fn client_request_id(req: &ServiceRequest) -> Option<String> {
    let v = req.headers().get(REQUEST_ID)?.to_str().ok()?;
    let ok = !v.is_empty()
        && v.len() <= 128
        && v.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.:".contains(c));
    ok.then(|| v.to_owned())
}

/// Request id, one log line per request, metrics, and the problem+json safety net.
async fn observe(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let start = Instant::now();
    let request_id = client_request_id(&req).unwrap_or_else(|| crate::ids::new_id("req"));
    let method = metric_method(req.method()).to_owned();
    let span = tracing::info_span!("request", request_id = %request_id, method = %method);
    let statements = crate::db::statements::Counter::default();
    let res = crate::db::statements::REQUEST
        .scope(statements.clone(), next.call(req).instrument(span.clone()))
        .await?;
    let statements = statements.load(std::sync::atomic::Ordering::Relaxed);
    let mut res = res.map_into_boxed_body();
    let status = res.status();
    if status.as_u16() >= 400 && !is_problem(res.headers()) {
        // Anything the framework answered on its own still gets the problem shape.
        let problem = Problem {
            type_: format!("/problems/http-{}", status.as_u16()),
            title: status.canonical_reason().unwrap_or("Error").to_owned(),
            status: status.as_u16(),
            detail: status.canonical_reason().unwrap_or("error").to_owned(),
            errors: None,
            current_status: None,
            allowed_next: None,
        };
        res = res.into_response(problem_response(&problem));
    }
    if let Ok(v) = HeaderValue::from_str(&request_id) {
        res.headers_mut()
            .insert(HeaderName::from_static(REQUEST_ID), v);
    }
    let route = res
        .request()
        .match_pattern()
        .unwrap_or_else(|| "unmatched".to_owned());
    let elapsed = start.elapsed();
    if let Some(state) = res.request().app_data::<Data<AppState>>() {
        state
            .metrics
            .observe(&method, &route, status.as_u16(), elapsed.as_secs_f64());
        state
            .metrics
            .observe_statements(&method, &route, statements);
    }
    // The route pattern, never the raw path: paths may carry tokens.
    span.in_scope(|| {
        tracing::info!(
            route = %route,
            status = status.as_u16(),
            latency_ms = elapsed.as_secs_f64() * 1000.0,
            statements,
            "request"
        )
    });
    Ok(res)
}

/// The method as a metrics label and in the log: the standard ones, every other as `other`, so
/// made-up methods cannot grow the series (or the log) without bound.
fn metric_method(m: &actix_web::http::Method) -> &'static str {
    const KNOWN: [&str; 9] = [
        "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "CONNECT", "TRACE",
    ];
    KNOWN
        .into_iter()
        .find(|k| *k == m.as_str())
        .unwrap_or("other")
}

/// A problem+json body, or one of the tracking page's own HTML error pages (a browser shows
/// those to the customer).
fn is_problem(headers: &header::HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with(PROBLEM_JSON) || v.starts_with("text/html"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn made_up_methods_are_one_label() {
        use actix_web::http::Method;
        assert_eq!(metric_method(&Method::PATCH), "PATCH");
        let odd = Method::from_bytes(b"FOOBAR").unwrap();
        assert_eq!(metric_method(&odd), "other");
        let long = Method::from_bytes("X".repeat(4000).as_bytes()).unwrap();
        assert_eq!(metric_method(&long), "other");
    }

    #[test]
    fn serde_messages_name_their_field() {
        use crate::error::{serde_field, strip_position};
        assert_eq!(
            serde_field("missing field `email` at line 1 column 2"),
            "email"
        );
        assert_eq!(
            serde_field("unknown field `role`, expected one of `email`, `password`"),
            "role"
        );
        assert_eq!(
            serde_field("invalid type: integer `3`, expected a string"),
            "body"
        );
        assert_eq!(
            strip_position("missing field `email` at line 1 column 2"),
            "missing field `email`"
        );
    }
}
