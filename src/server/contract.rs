//! The integration contract: the public OpenAPI document shaped from every route's
//! annotations. Only the integration API (`/v1`, `/.well-known`, health) is in it — the
//! console, the customer's page and the driver app are HTML for browsers — and each operation
//! says what a generated client must know: its security (none is `security: []`), every
//! problem the server can answer, binary bodies as binary, a short summary and a description.
//! Pure: a JSON value in, the same value shaped.

use serde_json::{Value, json};

/// Where the integration API lives; every other path is a browser surface.
pub fn is_integration(path: &str) -> bool {
    path.starts_with("/v1/")
        || path.starts_with("/.well-known/")
        || path == "/healthz"
        || path == "/readyz"
}

/// What every integrator must know beyond each operation (the book's "Generated clients and
/// the contract" says it at length).
const CONTRACT: &str = "

**Retrying.** Every `GET`, `PUT` and `DELETE` is safe to repeat. A `POST` that takes an \
`Idempotency-Key` (shipments, batches, contact attempts, accepting a hand-off, out for delivery; \
required on delivery attempts) answers a retry with the same key and body with the first answer \
for 24 hours, and another body under that key with 422 `/problems/idempotency-key-reused`; other \
`POST`s create again: read before retrying after a timeout. 429 and 503 carry `Retry-After`.

**Webhooks.** A subscription receives the events committed after it was created, each signed with \
`Doorstep-Signature` and retried until a 2xx (dedupe by `id`); `GET /v1/events` serves the same \
payloads from any cursor, to catch up without a gap.

**Compatibility.** Within `/v1` changes are additive (new operations, optional fields, response \
fields and enum values: ignore what you do not know); a removal comes only after a `Deprecation` \
header and a `Sunset` date. Every change is in CHANGELOG.md.";

/// The longest summary kept whole; a longer first sentence is cut at a word.
const SUMMARY_MAX: usize = 100;

pub fn shape(doc: &mut Value) {
    if let Some(paths) = doc["paths"].as_object_mut() {
        paths.retain(|path, _| is_integration(path));
        for (path, item) in paths.iter_mut() {
            for op in operations(item) {
                operation(path, op);
            }
        }
    }
    let about = doc["info"]["description"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    doc["info"]["description"] = json!(format!("{about}{CONTRACT}"));
    // Whoever runs the deployment answers for it; the document names the project.
    doc["info"]["contact"] = json!({"name": "Doorstep maintainers"});
    doc["servers"] = json!([{
        "url": format!("http://{}", crate::config::DEFAULT_BIND),
        "description": "`doorstep serve` with the default bind; use your deployment's address",
    }]);
    doc["components"]["responses"]["Problem"] = json!({
        "description": "Any other problem (RFC 9457 problem details with a stable `type`).",
        "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}},
    });
    event_types(doc);
    typed_events(doc);
    page_items(doc);
    webhooks(doc);
    drop_unused_tags(doc);
    drop_unused_components(doc);
}

fn operations(item: &mut Value) -> impl Iterator<Item = &mut Value> {
    item.as_object_mut()
        .into_iter()
        .flat_map(|m| m.iter_mut())
        .filter(|(method, _)| {
            matches!(method.as_str(), "get" | "post" | "put" | "patch" | "delete")
        })
        .map(|(_, op)| op)
}

fn operation(path: &str, op: &mut Value) {
    let Some(op) = op.as_object_mut() else { return };
    op.entry("security").or_insert_with(|| json!([]));
    if let Some(Value::String(text)) = op.get("summary").cloned() {
        op.insert("summary".into(), json!(summary(&text)));
        op.entry("description").or_insert_with(|| json!(text));
    }
    let public = op["security"].as_array().is_some_and(|s| s.is_empty());
    let responses = op
        .entry("responses")
        .or_insert_with(|| json!({}))
        .as_object_mut();
    if let Some(responses) = responses {
        let reference = |name: &str| json!({"$ref": format!("#/components/responses/{name}")});
        // Limited: the customer's link and every credential exchange (`web::ratelimit`,
        // `web::login`); elsewhere the handler's annotation says so.
        if path.contains("{token}") || path.starts_with("/v1/auth/") || public {
            responses
                .entry("429")
                .or_insert_with(|| reference("TooManyRequests"));
        }
        // Every request may find the database unreachable (503 with `Retry-After`).
        if path != "/healthz" {
            responses
                .entry("503")
                .or_insert_with(|| reference("Unavailable"));
        }
        responses
            .entry("default")
            .or_insert_with(|| reference("Problem"));
        for response in responses.values_mut() {
            binary_bodies(response);
        }
    }
    if let Some(body) = op.get_mut("requestBody") {
        binary_bodies(body);
    }
}

/// The first sentence (or clause) of a doc comment, on one line.
pub fn summary(text: &str) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let end = [". ", ": ", "; ", " — ", " (", ", so "]
        .iter()
        .filter_map(|stop| flat.find(stop))
        .min()
        .unwrap_or(flat.len());
    let first = flat[..end].trim_end_matches('.');
    if first.chars().count() <= SUMMARY_MAX {
        return first.to_owned();
    }
    let cut: String = first.chars().take(SUMMARY_MAX).collect();
    let at = cut.rfind(' ').unwrap_or(cut.len());
    format!("{}…", &cut[..at])
}

/// `Vec<u8>` bodies are documented by utoipa as arrays of integers; on the wire they are the
/// raw bytes of their media type.
fn binary_bodies(holder: &mut Value) {
    let Some(content) = holder.get_mut("content").and_then(Value::as_object_mut) else {
        return;
    };
    let binary = json!({"schema": {"type": "string", "format": "binary"}});
    let mut images = false;
    for (media_type, media) in content.iter_mut() {
        let bytes = media["schema"]["type"] == "array"
            && media["schema"]["items"]["type"] == "integer"
            && media["schema"]["items"]["minimum"] == 0;
        if bytes {
            media["schema"] = binary["schema"].clone();
            images |= media_type.starts_with("image/") && media_type != "image/svg+xml";
        }
    }
    // A photo is any of the accepted image types, each named (clients choose by type).
    if images {
        content.retain(|media_type, _| !media_type.starts_with("image/"));
        for media_type in crate::attempts::picture::MEDIA_TYPES {
            content.insert((*media_type).to_owned(), binary.clone());
        }
    }
}

/// The event types a webhook subscription names, from the catalog the server checks them
/// against (`*`: every type; `ping` is sent to test a subscription).
fn event_types(doc: &mut Value) {
    let mut types = vec!["*", "ping"];
    types.extend(crate::webhooks::rules::CATALOG);
    doc["components"]["schemas"]["EventType"] = json!({
        "type": "string",
        "description": "An event type: `*` subscribes to every type; `ping` tests a subscription.",
        "enum": types,
    });
    let one = json!({"$ref": "#/components/schemas/EventType"});
    for schema in ["CreateWebhook", "UpdateWebhook", "Webhook"] {
        if let Some(p) = doc["components"]["schemas"][schema]["properties"].get_mut("event_types") {
            p["items"] = one.clone();
        }
    }
}

/// The schema name of an event type's variant: `shipment.created` with `Event` →
/// `ShipmentCreatedEvent`.
fn variant(kind: &str, suffix: &str) -> String {
    let mut name: String = kind
        .split(['.', '_'])
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect();
    name.push_str(suffix);
    name
}

/// Event types not stored on a shipment's timeline (sent or served only).
const NOT_STORED: &[&str] = &["eta.updated", "kpi.target_missed", "ping"];

/// Every event's `data` typed by its type (`feed::payloads`): `EventPayload` (the feed, the
/// webhooks) is a `oneOf` discriminated by `type`, and `Event` (a shipment's timeline) one
/// discriminated by `kind`, one variant per event type with that type's `data`.
fn typed_events(doc: &mut Value) {
    let schemas = &mut doc["components"]["schemas"];
    for (name, schema) in crate::feed::payloads::schemas() {
        schemas[name.as_str()] = serde_json::to_value(schema).unwrap_or_default();
    }
    // Types a subscription cannot name but `*`, the feed and the timeline still carry.
    let all = || {
        crate::feed::payloads::DATA_SCHEMAS
            .iter()
            .chain(crate::feed::payloads::UNLISTED_DATA_SCHEMAS)
    };
    discriminate(schemas, "EventPayload", "type", "Event", all());
    let stored = all().filter(|(kind, _)| !NOT_STORED.contains(kind));
    discriminate(schemas, "Event", "kind", "TimelineEvent", stored);
}

/// `schemas[base]` becomes a `oneOf` of one variant per `(kind, data schema)`: the base's
/// fields with `tag` fixed to the kind and `data` that kind's schema.
fn discriminate<'a>(
    schemas: &mut Value,
    base: &str,
    tag: &str,
    suffix: &str,
    kinds: impl Iterator<Item = &'a (&'a str, &'a str)>,
) {
    let shape = schemas[base].take();
    let (mut variants, mut mapping) = (Vec::new(), serde_json::Map::new());
    for (kind, data) in kinds {
        let name = variant(kind, suffix);
        let mut v = shape.clone();
        v["description"] = json!(format!("The `{kind}` event."));
        v["properties"][tag] = json!({"type": "string", "enum": [kind]});
        v["properties"]["data"] = json!({"$ref": format!("#/components/schemas/{data}")});
        schemas[name.as_str()] = v;
        let reference = format!("#/components/schemas/{name}");
        variants.push(json!({"$ref": reference}));
        mapping.insert((*kind).to_owned(), json!(reference));
    }
    schemas[base] = json!({
        "description": shape["description"],
        "oneOf": variants,
        "discriminator": {"propertyName": tag, "mapping": mapping},
    });
}

/// utoipa inlines a generic page's items (`Page_Shipment` repeats `Shipment`), so clients got
/// every listed type twice: a page refers to its item's schema where one exists.
fn page_items(doc: &mut Value) {
    let Some(schemas) = doc["components"]["schemas"].as_object_mut() else {
        return;
    };
    let pages: Vec<(String, String)> = schemas
        .keys()
        .filter_map(|name| Some((name.clone(), name.strip_prefix("Page_")?.to_owned())))
        .filter(|(_, item)| schemas.contains_key(item))
        .collect();
    for (page, item) in pages {
        if let Some(items) = schemas[&page].pointer_mut("/properties/items") {
            items["items"] = json!({"$ref": format!("#/components/schemas/{item}")});
        }
    }
}

/// OAS 3.1 `webhooks`: what a subscription receives, one entry per event type, each the
/// body the feed serves too. Signed with `Doorstep-Signature`; any 2xx acknowledges it.
fn webhooks(doc: &mut Value) {
    let mut hooks = serde_json::Map::new();
    let unlisted = crate::feed::payloads::UNLISTED_DATA_SCHEMAS
        .iter()
        .map(|(k, _)| *k);
    let types = std::iter::once("ping")
        .chain(crate::webhooks::rules::CATALOG.iter().copied())
        .chain(unlisted);
    for kind in types {
        let to = if crate::webhooks::rules::CATALOG.contains(&kind) || kind == "ping" {
            format!("each active subscription whose `event_types` include `{kind}` (or `*`)")
        } else {
            "each active subscription to `*` (the type cannot be named alone)".to_owned()
        };
        hooks.insert(
            kind.to_owned(),
            json!({"post": {
                "tags": ["webhooks"],
                "summary": format!("The `{kind}` event"),
                "description": format!(
                    "Sent to {to}, for events committed after the subscription was created. Verify \
                     `Doorstep-Signature` on the raw body; dedupe by `id` (a delivery is retried \
                     until a 2xx, for about 3 days)."),
                "operationId": format!("on_{}", kind.replace('.', "_")),
                "security": [],
                "parameters": [{
                    "name": "Doorstep-Signature", "in": "header", "required": true,
                    "description": "`t=<unix seconds>,v1=<hex HMAC-SHA256(secret, \"<t>.<raw body>\")>`, one `v1` per valid secret.",
                    "schema": {"type": "string"},
                }],
                "requestBody": {"required": true, "content": {"application/json": {
                    "schema": {"$ref": format!("#/components/schemas/{}", variant(kind, "Event"))}}}},
                "responses": {
                    "2XX": {"description": "Received: any 2xx acknowledges the delivery"},
                    "410": {"description": "Gone: the subscription is disabled, no more deliveries"},
                    "default": {"description": "Any other answer: the delivery is retried"},
                },
            }}),
        );
    }
    doc["webhooks"] = Value::Object(hooks);
}

fn drop_unused_tags(doc: &mut Value) {
    let mut used = std::collections::BTreeSet::new();
    if let Some(paths) = doc["paths"].as_object_mut() {
        for item in paths.values_mut() {
            for op in operations(item) {
                for tag in op["tags"].as_array().into_iter().flatten() {
                    used.insert(tag.as_str().unwrap_or_default().to_owned());
                }
            }
        }
    }
    if let Some(tags) = doc["tags"].as_array_mut() {
        tags.retain(|t| used.contains(t["name"].as_str().unwrap_or_default()));
    }
}

/// Components no operation reaches (those only the browser surfaces used), to a fixpoint:
/// a schema used only by an unused schema goes too.
fn drop_unused_components(doc: &mut Value) {
    loop {
        let mut refs = std::collections::BTreeSet::new();
        let mut outside = doc.clone();
        let components = outside
            .as_object_mut()
            .and_then(|d| d.remove("components"))
            .unwrap_or_default();
        collect_refs(&outside, &mut refs);
        // References from the kept components count as uses, transitively.
        let mut todo: Vec<String> = refs.iter().cloned().collect();
        while let Some(r) = todo.pop() {
            let Some(target) = components.pointer(r.trim_start_matches("#/components")) else {
                continue;
            };
            let mut found = std::collections::BTreeSet::new();
            collect_refs(target, &mut found);
            todo.extend(found.into_iter().filter(|f| refs.insert(f.clone())));
        }
        let mut removed = false;
        for kind in ["schemas", "responses"] {
            if let Some(map) = doc["components"][kind].as_object_mut() {
                let before = map.len();
                map.retain(|name, _| refs.contains(&format!("#/components/{kind}/{name}")));
                removed |= map.len() != before;
            }
        }
        if !removed {
            return;
        }
    }
}

fn collect_refs(v: &Value, refs: &mut std::collections::BTreeSet<String>) {
    match v {
        Value::Object(map) => {
            if let Some(Value::String(r)) = map.get("$ref") {
                refs.insert(r.clone());
            }
            map.values().for_each(|v| collect_refs(v, refs));
        }
        Value::Array(items) => items.iter().for_each(|v| collect_refs(v, refs)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_event_type_names_its_payload() {
        assert_eq!(variant("shipment.created", "Event"), "ShipmentCreatedEvent");
        assert_eq!(
            variant("kpi.target_missed", "Event"),
            "KpiTargetMissedEvent"
        );
        assert_eq!(variant("ping", "TimelineEvent"), "PingTimelineEvent");
    }

    #[test]
    fn a_summary_is_the_first_clause_on_one_line() {
        assert_eq!(
            summary("The public keys that sign evidence roots: the current one and\nevery one."),
            "The public keys that sign evidence roots"
        );
        assert_eq!(summary("Log in."), "Log in");
        let long = "word ".repeat(40);
        let s = summary(&long);
        assert!(
            s.ends_with('…') && s.chars().count() <= SUMMARY_MAX + 1,
            "{s}"
        );
    }

    #[test]
    fn only_the_integration_api_is_kept_and_each_operation_is_complete() {
        let mut doc = json!({
            "info": {},
            "paths": {
                "/console": {"get": {"tags": ["console"], "responses": {"200": {"description": "x"}}}},
                "/v1/track/{token}": {"get": {"tags": ["tracking"], "summary": "A. B", "responses": {}}},
                "/v1/photos/{id}": {"get": {"tags": ["attempts"], "security": [{"bearer": []}],
                    "responses": {"200": {"description": "img", "content": {"image/jpeg": {"schema":
                        {"type": "array", "items": {"type": "integer", "format": "int32", "minimum": 0}}}}}}}},
            },
            "tags": [{"name": "console"}, {"name": "tracking"}, {"name": "attempts"}],
            "components": {"schemas": {"Problem": {}, "ConsoleOnly": {}}, "responses": {}},
        });
        shape(&mut doc);
        assert!(doc["paths"].get("/console").is_none());
        assert_eq!(doc["tags"].as_array().unwrap().len(), 2);
        let track = &doc["paths"]["/v1/track/{token}"]["get"];
        assert_eq!(track["security"], json!([]));
        assert_eq!(track["summary"], "A");
        assert_eq!(track["description"], "A. B");
        assert!(track["responses"]["429"].is_object() && track["responses"]["503"].is_object());
        let photo = &doc["paths"]["/v1/photos/{id}"]["get"];
        assert!(photo["responses"].get("429").is_none());
        assert_eq!(
            photo["responses"]["200"]["content"]["image/jpeg"]["schema"]["format"],
            "binary"
        );
        assert!(doc["components"]["schemas"].get("ConsoleOnly").is_none());
        assert!(doc["components"]["schemas"].get("Problem").is_some());
    }
}
