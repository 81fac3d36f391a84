//! Operational endpoints: liveness, readiness, metrics, the API reference.

use actix_web::web::{Data, Json};
use actix_web::{HttpRequest, HttpResponse, get};
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::{ApiError, ApiResult};
use crate::server::openapi::SpecYaml;
use crate::web::state::State;

#[derive(Serialize, ToSchema)]
pub struct Health {
    #[schema(example = "ok")]
    pub status: String,
}

/// Liveness: the process is up and serving.
#[utoipa::path(tag = "ops", responses((status = 200, description = "Up", body = Health)))]
#[get("/healthz")]
pub async fn healthz() -> Json<Health> {
    Json(Health {
        status: "ok".to_owned(),
    })
}

/// Readiness: the database answers.
#[utoipa::path(
    tag = "ops",
    responses(
        (status = 200, description = "Ready", body = Health),
        (status = 503, response = crate::error::responses::Unavailable),
    )
)]
#[get("/readyz")]
pub async fn readyz(state: State) -> ApiResult<Json<Health>> {
    state.db.ping().await?;
    Ok(Json(Health {
        status: "ready".to_owned(),
    }))
}

/// Marks the app of the dedicated metrics listener (`DOORSTEP_METRICS_BIND`).
pub struct MetricsListener;

/// Prometheus metrics (text exposition format).
#[utoipa::path(
    tag = "ops",
    responses((status = 200, description = "Metrics", body = String, content_type = "text/plain"))
)]
#[get("/metrics")]
pub async fn metrics(state: State, req: HttpRequest) -> ApiResult<HttpResponse> {
    // With a metrics address configured, the public listener does not reveal them.
    if state.settings.metrics_bind && req.app_data::<MetricsListener>().is_none() {
        return Err(ApiError::NotFound("route".to_owned()));
    }
    Ok(HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4")
        .body(state.metrics.render()))
}

/// This API's OpenAPI 3.1 description.
#[utoipa::path(
    tag = "ops",
    responses((status = 200, description = "The OpenAPI document", body = Object, content_type = "application/yaml"))
)]
#[get("/openapi.yaml")]
pub async fn openapi_yaml(spec: Data<SpecYaml>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/yaml")
        .body(spec.0.clone())
}
