//! The API reference, generated from the handlers' annotations. `openapi.yaml` at the repo
//! root is this output; a test fails when it is stale (`cargo run -- openapi > openapi.yaml`).

use actix_web::App;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_actix_web::AppExt;

use crate::error::Problem;
use crate::error::responses::{
    BadRequest, Conflict, Forbidden, NotFound, PayloadTooLarge, TooManyRequests, Unauthorized,
    Unavailable, Unprocessable, UnsupportedMediaType,
};

struct Security;

impl Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "An access JWT from /v1/auth/login, or an API key (`dsk_…`).",
                    ))
                    .build(),
            ),
        );
    }
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Doorstep API",
        description = "Accountable parcel delivery: shipments, custody, attempts with proof, ratings and KPIs. \
Errors are RFC 9457 problem details (`application/problem+json`) with a stable `type`.",
    ),
    modifiers(&Security),
    components(
        schemas(
            Problem,
            crate::error::FieldError,
            crate::kpis::model::SortOrder,
            crate::kpis::rules::Part
        ),
        responses(
            BadRequest, Unauthorized, Forbidden, NotFound, Conflict, PayloadTooLarge,
            UnsupportedMediaType, Unprocessable, TooManyRequests, Unavailable
        )
    ),
    tags(
        (name = "auth", description = "Log in, refresh, log out, who am I"),
        (name = "orgs", description = "Marketplaces, suppliers and couriers"),
        (name = "users", description = "Admins, staff and drivers of an org"),
        (name = "api-keys", description = "Server-to-server credentials of an org"),
        (name = "contracts", description = "A marketplace's suppliers and couriers, and the terms"),
        (name = "shipments", description = "Parcels from marketplace to customer, shaped per party"),
        (name = "custody", description = "Hand-offs, custody gaps, lost and cancelled, the timeline"),
        (name = "attempts", description = "Contact attempts, ETA, delivery attempts with proof and the server's verdict, photos"),
        (name = "disputes", description = "The customer contests, the courier answers, the marketplace resolves"),
        (name = "ratings", description = "Customers' stars, tags and comments; drivers' Uber-style ratings; whom each rating counts for"),
        (name = "kpis", description = "KPIs per courier and driver against contract targets, scorecards"),
        (name = "push", description = "Web Push to drivers' browsers: the VAPID key, a driver's subscriptions"),
        (name = "webhooks", description = "Signed event deliveries to partners, with retries and a log"),
        (name = "tracking", description = "The customer's link: no account, the token is the capability"),
        (name = "evidence", description = "The hash-chained timeline, signed roots, evidence bundles to verify offline"),
        (name = "console", description = "The operations console: HTML pages for staff, a cookie session, CSRF on forms"),
        (name = "ops", description = "Health, readiness, metrics, this document"),
    )
)]
struct ApiDoc;

/// The integration contract (`openapi.yaml`, served at `/openapi.yaml`, what clients are
/// generated from): the integration API only, shaped by `contract`.
pub fn spec() -> anyhow::Result<utoipa::openapi::OpenApi> {
    let mut doc = serde_json::to_value(routes_spec())?;
    crate::server::contract::shape(&mut doc);
    Ok(serde_json::from_value(doc)?)
}

/// The OpenAPI document of every route `http::routes` registers, the browser surfaces
/// included: the 405 table, and `doorstep openapi --all` for the fuzzing of every surface.
pub fn routes_spec() -> utoipa::openapi::OpenApi {
    let (_, mut api) = App::new()
        .into_utoipa_app()
        .openapi(ApiDoc::openapi())
        .configure(crate::server::http::routes)
        .split_for_parts();
    name_operations(&mut api);
    json_body_errors(&mut api);
    api
}

/// The operations of a path, to change them in place.
fn operations_mut(
    item: &mut utoipa::openapi::path::PathItem,
) -> impl Iterator<Item = &mut utoipa::openapi::path::Operation> {
    [
        &mut item.get,
        &mut item.post,
        &mut item.put,
        &mut item.patch,
        &mut item.delete,
    ]
    .into_iter()
    .flatten()
}

fn json_body(op: &utoipa::openapi::path::Operation) -> bool {
    matches!(&op.request_body, Some(utoipa::openapi::RefOr::T(b))
        if b.content.contains_key("application/json"))
}

/// Every operation with a JSON body can answer 413 (over the body limit) and 415 (not sent as
/// JSON): documented once here, so that a strict client does not fail on them.
fn json_body_errors(api: &mut utoipa::openapi::OpenApi) {
    use utoipa::openapi::{Ref, RefOr};
    for item in api.paths.paths.values_mut() {
        for op in operations_mut(item) {
            if !json_body(op) {
                continue;
            }
            for (status, name) in [("413", "PayloadTooLarge"), ("415", "UnsupportedMediaType")] {
                op.responses
                    .responses
                    .entry(status.to_owned())
                    .or_insert_with(|| RefOr::Ref(Ref::from_response_name(name)));
            }
        }
    }
}

/// An operation's id is its handler's name, and the console, the customer's page and the API
/// share a few (`login`, `photo`, `stylesheet` …): the HTML surfaces' ids get their surface as a
/// prefix, so that every id is unique as OpenAPI requires (and generated clients compile).
fn name_operations(api: &mut utoipa::openapi::OpenApi) {
    for (path, item) in api.paths.paths.iter_mut() {
        let prefix = match path.as_str() {
            p if p.starts_with("/console") => "console_",
            p if p.starts_with("/t/") => "page_",
            p if p.starts_with("/driver") => "driver_app_",
            _ => continue,
        };
        for op in operations_mut(item) {
            if let Some(id) = op
                .operation_id
                .as_mut()
                .filter(|id| !id.starts_with(prefix))
            {
                *id = format!("{prefix}{id}");
            }
        }
    }
}

pub fn spec_yaml() -> anyhow::Result<String> {
    Ok(spec()?.to_yaml()?)
}

pub fn routes_spec_yaml() -> anyhow::Result<String> {
    Ok(routes_spec().to_yaml()?)
}

/// The rendered document, served at `/openapi.yaml`.
pub struct SpecYaml(pub String);

/// Paths and methods of the API, to answer 405 (with `Allow`) rather than 404 when a path
/// exists under another method.
pub struct RouteTable(Vec<(Vec<String>, Vec<String>)>);

impl RouteTable {
    pub fn from_spec(api: &utoipa::openapi::OpenApi) -> RouteTable {
        let routes = api
            .paths
            .paths
            .iter()
            .map(|(path, item)| {
                let segments = path.split('/').map(str::to_owned).collect();
                let mut methods: Vec<String> = [
                    ("GET", item.get.is_some()),
                    ("POST", item.post.is_some()),
                    ("PUT", item.put.is_some()),
                    ("PATCH", item.patch.is_some()),
                    ("DELETE", item.delete.is_some()),
                ]
                .into_iter()
                .filter(|(_, has)| *has)
                .map(|(m, _)| m.to_owned())
                .collect();
                methods.sort();
                (segments, methods)
            })
            .collect();
        RouteTable(routes)
    }

    /// Methods served at `path`, or none when no route matches it. A concrete path is matched
    /// before templated ones (OpenAPI): `/v1/shipments/batch` is not `/v1/shipments/{id}`.
    pub fn allowed(&self, path: &str) -> Vec<String> {
        let parts: Vec<&str> = path.split('/').collect();
        if let Some((_, methods)) = self.0.iter().find(|(segments, _)| {
            segments.len() == parts.len() && segments.iter().zip(&parts).all(|(s, p)| s == p)
        }) {
            return methods.clone();
        }
        let mut allowed: Vec<String> = self
            .0
            .iter()
            .filter(|(segments, _)| {
                segments.len() == parts.len()
                    && segments.iter().zip(&parts).all(|(s, p)| {
                        (s.starts_with('{') && s.ends_with('}') && !p.is_empty()) || s == p
                    })
            })
            .flat_map(|(_, m)| m.iter().cloned())
            .collect();
        allowed.sort();
        allowed.dedup();
        allowed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn route_table_matches_templates() {
        let table = RouteTable::from_spec(&routes_spec());
        assert_eq!(table.allowed("/v1/orgs"), vec!["GET", "POST"]);
        assert_eq!(table.allowed("/v1/orgs/org_1"), vec!["GET", "PATCH"]);
        assert_eq!(table.allowed("/v1/users/usr_1"), vec!["DELETE", "GET"]);
        assert!(table.allowed("/v1/orgs/").is_empty());
        assert!(table.allowed("/v1/nope").is_empty());
    }

    /// Issue 29: OpenAPI requires unique operation ids; six were shared by a console or page
    /// route and an API route.
    #[test]
    fn every_operation_id_is_unique() {
        let api = routes_spec();
        let mut seen = std::collections::BTreeMap::new();
        for (path, item) in &api.paths.paths {
            for op in [&item.get, &item.post, &item.put, &item.patch, &item.delete]
                .into_iter()
                .flatten()
            {
                let id = op.operation_id.clone().expect("every operation has an id");
                if let Some(other) = seen.insert(id.clone(), path.clone()) {
                    panic!("{id} names an operation of {other} and of {path}");
                }
            }
        }
        assert!(seen.contains_key("login") && seen.contains_key("console_login"));
    }

    /// Issue 29: a JSON body can be too large or not JSON; every such operation says so.
    #[test]
    fn every_json_body_documents_413_and_415() {
        let api = spec().unwrap();
        for (path, item) in &api.paths.paths {
            for op in [&item.post, &item.put, &item.patch]
                .into_iter()
                .flatten()
                .filter(|op| json_body(op))
            {
                for status in ["413", "415"] {
                    assert!(
                        op.responses.responses.contains_key(status),
                        "{path} does not document {status}"
                    );
                }
            }
        }
    }

    #[test]
    fn every_operation_documents_its_responses() {
        let api = spec().unwrap();
        for (path, item) in &api.paths.paths {
            for op in [&item.get, &item.post, &item.put, &item.patch, &item.delete]
                .into_iter()
                .flatten()
            {
                assert!(
                    !op.responses.responses.is_empty(),
                    "{path} has no responses"
                );
            }
        }
    }

    /// Every `$ref` points at a component that exists (a type used only inside a parameter
    /// struct is easily left out, and clients then cannot load the document).
    #[test]
    fn every_reference_resolves() {
        fn walk(v: &serde_json::Value, root: &serde_json::Value, path: &str) {
            match v {
                serde_json::Value::Object(map) => {
                    if let Some(serde_json::Value::String(r)) = map.get("$ref") {
                        let pointer = r.trim_start_matches('#');
                        assert!(root.pointer(pointer).is_some(), "{path}: dangling {r}");
                    }
                    for (k, v) in map {
                        walk(v, root, &format!("{path}/{k}"));
                    }
                }
                serde_json::Value::Array(items) => {
                    for (i, v) in items.iter().enumerate() {
                        walk(v, root, &format!("{path}/{i}"));
                    }
                }
                _ => {}
            }
        }
        let doc = serde_json::to_value(spec().unwrap()).unwrap();
        walk(&doc, &doc, "");
    }
}
