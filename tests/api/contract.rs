//! Issue 29: what the server sends matches the integration contract. A small validator of the
//! JSON Schema subset `openapi.yaml` uses (`$ref`, `oneOf` with a discriminator, `allOf`,
//! `type`, `enum`, `const`, `required`, `properties`, `additionalProperties: false`, `items`),
//! so that a body can be checked against the document a generated client was made from.

use serde_json::Value;

/// The integration contract as JSON.
pub fn document() -> Value {
    serde_json::to_value(doorstep::server::openapi::spec().unwrap()).unwrap()
}

/// `Err(where and why)` when `value` does not match `schema` (resolved in `doc`).
pub fn conforms(value: &Value, schema: &Value, doc: &Value, at: &str) -> Result<(), String> {
    if let Some(Value::String(r)) = schema.get("$ref") {
        let target = doc
            .pointer(r.trim_start_matches('#'))
            .ok_or_else(|| format!("{at}: dangling {r}"))?;
        return conforms(value, target, doc, at);
    }
    if let Some(Value::Array(all)) = schema.get("allOf") {
        for s in all {
            conforms(value, s, doc, at)?;
        }
    }
    if let Some(Value::Array(options)) = schema.get("oneOf") {
        // A discriminator names the one option; otherwise exactly one must match.
        if let Some(prop) = schema
            .pointer("/discriminator/propertyName")
            .and_then(Value::as_str)
        {
            let tag = value[prop]
                .as_str()
                .ok_or_else(|| format!("{at}: no {prop}"))?;
            let target = schema
                .pointer(&format!(
                    "/discriminator/mapping/{}",
                    tag.replace('/', "~1")
                ))
                .ok_or_else(|| format!("{at}: {prop} {tag:?} is not in the mapping"))?;
            return conforms(value, &serde_json::json!({"$ref": target}), doc, at);
        }
        let matching = options
            .iter()
            .filter(|s| conforms(value, s, doc, at).is_ok())
            .count();
        if matching != 1 {
            return Err(format!("{at}: {matching} of oneOf match {value}"));
        }
    }
    if let Some(types) = schema.get("type") {
        let allowed: Vec<&str> = match types {
            Value::String(t) => vec![t.as_str()],
            Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
            _ => vec![],
        };
        let actual = match value {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
        };
        let fits =
            allowed.contains(&actual) || (actual == "integer" && allowed.contains(&"number"));
        if !fits {
            return Err(format!("{at}: {actual} where {allowed:?} is expected"));
        }
    }
    if let Some(Value::Array(values)) = schema.get("enum")
        && !values.contains(value)
    {
        return Err(format!("{at}: {value} is not one of {values:?}"));
    }
    if let Some(c) = schema.get("const")
        && c != value
    {
        return Err(format!("{at}: {value} is not {c}"));
    }
    if let Value::Object(map) = value {
        for name in schema["required"].as_array().into_iter().flatten() {
            let name = name.as_str().unwrap_or_default();
            if !map.contains_key(name) {
                return Err(format!("{at}: {name} is required"));
            }
        }
        let props = schema.get("properties").and_then(Value::as_object);
        for (name, v) in map {
            match props.and_then(|p| p.get(name)) {
                Some(s) => conforms(v, s, doc, &format!("{at}.{name}"))?,
                None if schema.get("additionalProperties") == Some(&Value::Bool(false)) => {
                    return Err(format!("{at}: {name} is not in the schema"));
                }
                None => {}
            }
        }
    }
    if let (Value::Array(items), Some(s)) = (value, schema.get("items")) {
        for (i, v) in items.iter().enumerate() {
            conforms(v, s, doc, &format!("{at}[{i}]"))?;
        }
    }
    Ok(())
}

#[test]
fn the_validator_can_fail() {
    let doc = serde_json::json!({"components": {"schemas": {
        "A": {"type": "object", "required": ["n"], "properties": {"n": {"type": "integer"},
              "k": {"enum": ["x", "y"]}}, "additionalProperties": false}}}});
    let a = serde_json::json!({"$ref": "#/components/schemas/A"});
    assert!(conforms(&serde_json::json!({"n": 1, "k": "x"}), &a, &doc, "").is_ok());
    assert!(conforms(&serde_json::json!({"k": "x"}), &a, &doc, "").is_err());
    assert!(conforms(&serde_json::json!({"n": "1"}), &a, &doc, "").is_err());
    assert!(conforms(&serde_json::json!({"n": 1, "k": "z"}), &a, &doc, "").is_err());
    assert!(conforms(&serde_json::json!({"n": 1, "other": 2}), &a, &doc, "").is_err());
}
