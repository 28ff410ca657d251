//! Reading `catalogue.json` and `bombs.json`: shared by the core runner (`main.rs`) and the
//! Worker's runner (`worker/tests/hostile.rs`, through `#[path]`).

#![allow(dead_code, clippy::expect_used, clippy::panic, clippy::unwrap_used)]

use serde_json::Value;

/// The catalogue, parsed.
pub fn cases() -> Vec<Value> {
    let doc: Value = serde_json::from_str(include_str!("catalogue.json")).expect("catalogue.json");
    doc["cases"].as_array().expect("cases").clone()
}

/// The bombs of `bombs.json`: `(id, inflated bytes, token)`.
pub fn bombs() -> Vec<(String, u64, String)> {
    let doc: Value = serde_json::from_str(include_str!("bombs.json")).expect("bombs.json");
    doc["bombs"]
        .as_array()
        .expect("bombs")
        .iter()
        .map(|b| {
            (
                b["id"].as_str().unwrap().to_owned(),
                b["inflatedBytes"].as_u64().unwrap(),
                b["token"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn bomb(id: &str) -> String {
    bombs()
        .into_iter()
        .find(|(b, _, _)| b == id)
        .unwrap_or_else(|| panic!("no bomb {id}"))
        .2
}

/// A `$js` marker's name, if `v` is one.
pub fn js_marker(v: &Value) -> Option<&str> {
    v.as_object()
        .filter(|o| o.len() == 1)
        .and_then(|o| o.get("$js"))
        .and_then(Value::as_str)
}

/// The JS number of a `$js` marker (`None` for non-numbers).
pub fn js_number(name: &str) -> Option<f64> {
    match name {
        "NaN" => Some(f64::NAN),
        "Infinity" => Some(f64::INFINITY),
        "-Infinity" => Some(f64::NEG_INFINITY),
        _ => None,
    }
}

/// The bytes of a text value: a string, `$repeat`, `$concat`, `$hex` or `$bomb`. `None`
/// for anything else.
pub fn bytes(v: &Value) -> Option<Vec<u8>> {
    if let Some(s) = v.as_str() {
        return Some(s.as_bytes().to_vec());
    }
    let o = v.as_object().filter(|o| o.len() == 1)?;
    let (k, arg) = o.iter().next()?;
    match k.as_str() {
        "$repeat" => {
            let s = arg[0].as_str()?;
            let n = usize::try_from(arg[1].as_u64()?).ok()?;
            Some(s.repeat(n).into_bytes())
        }
        "$concat" => {
            let mut out = Vec::new();
            for part in arg.as_array()? {
                out.extend(bytes(part)?);
            }
            Some(out)
        }
        "$hex" => {
            let h = arg.as_str()?;
            (0..h.len())
                .step_by(2)
                .map(|i| u8::from_str_radix(h.get(i..i + 2)?, 16).ok())
                .collect()
        }
        "$bomb" => Some(bomb(arg.as_str()?).into_bytes()),
        _ => None,
    }
}

/// A text value as a Rust string (raw bytes decoded lossily, as any caller must).
pub fn text(v: &Value) -> Option<String> {
    bytes(v).map(|b| String::from_utf8_lossy(&b).into_owned())
}

/// Writes `v` as JSON bytes, with the markers raw: `$js` numbers as `NaN`/`Infinity`, the
/// lone surrogate as the escape `\ud800`, `$hex` bytes unescaped inside a string.
pub fn raw_json(v: &Value, out: &mut Vec<u8>) {
    if let Some(name) = js_marker(v) {
        match name {
            "loneSurrogate" => out.extend_from_slice(br#""a\ud800b""#),
            other => out.extend_from_slice(other.as_bytes()),
        }
        return;
    }
    match v {
        Value::Object(o) if o.len() == 1 && o.keys().all(|k| k.starts_with('$')) => {
            let b = bytes(v).expect("marker");
            match std::str::from_utf8(&b) {
                Ok(s) => out.extend(serde_json::to_string(s).unwrap().into_bytes()),
                Err(_) => {
                    out.push(b'"');
                    out.extend(b);
                    out.push(b'"');
                }
            }
        }
        Value::Object(o) => {
            out.push(b'{');
            for (i, (k, v)) in o.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                out.extend(serde_json::to_string(k).unwrap().into_bytes());
                out.push(b':');
                raw_json(v, out);
            }
            out.push(b'}');
        }
        Value::Array(a) => {
            out.push(b'[');
            for (i, v) in a.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                raw_json(v, out);
            }
            out.push(b']');
        }
        other => out.extend(serde_json::to_string(other).unwrap().into_bytes()),
    }
}

/// The HTTP request of a case: `(method, path with query, headers, body)`. The builder and
/// inspect ops become `POST /getToken` and `POST /inspect`; `http` cases give theirs.
/// Default headers: JSON content type and `Authorization: Bearer <api_key>`.
pub fn http_request(
    case: &Value,
    api_key: &str,
) -> (String, String, Vec<(String, String)>, Vec<u8>) {
    let mut headers: Vec<(String, Option<String>)> = vec![
        ("Content-Type".into(), Some("application/json".into())),
        ("Authorization".into(), Some(format!("Bearer {api_key}"))),
    ];
    let input = &case["input"];
    let field = |name: &str| input.get(name).cloned();
    let (method, path, body) = match case["op"].as_str().unwrap() {
        op @ ("rtc" | "rtm") => {
            let mut o = serde_json::Map::new();
            o.insert("tokenType".into(), Value::from(op));
            let pairs: &[(&str, &str)] = if op == "rtc" {
                &[
                    ("channelName", "channel"),
                    ("uid", "uid"),
                    ("account", "uid"),
                    ("role", "role"),
                    ("expiresIn", "expire"),
                    ("version", "version"),
                ]
            } else {
                &[
                    ("userId", "uid"),
                    ("expiresIn", "expire"),
                    ("version", "version"),
                ]
            };
            for (from, to) in pairs {
                if let Some(v) = field(from) {
                    o.insert((*to).into(), v);
                }
            }
            let mut body = Vec::new();
            raw_json(&Value::Object(o), &mut body);
            ("POST".to_owned(), "/getToken".to_owned(), Some(body))
        }
        "inspect" => {
            let mut body = Vec::new();
            raw_json(&serde_json::json!({ "token": input["token"] }), &mut body);
            ("POST".to_owned(), "/inspect".to_owned(), Some(body))
        }
        "http" => {
            let r = &case["request"];
            if let Some(h) = r["headers"].as_object() {
                for (k, v) in h {
                    headers.retain(|(n, _)| !n.eq_ignore_ascii_case(k));
                    headers.push((k.clone(), v.as_str().map(str::to_owned)));
                }
            }
            (
                r["method"].as_str().unwrap().to_owned(),
                r["path"].as_str().unwrap().to_owned(),
                r.get("body").map(|b| bytes(b).expect("body")),
            )
        }
        other => panic!("unknown op {other}"),
    };
    let prefix = api_key.get(..api_key.len() - 1).unwrap_or_default();
    let headers = headers
        .into_iter()
        .filter_map(|(k, v)| {
            v.map(|v| {
                let v = v
                    .replace("$API_KEY_PREFIX", prefix)
                    .replace("$API_KEY", api_key);
                (k, v)
            })
        })
        .collect();
    (method, path, headers, body.unwrap_or_default())
}

/// The expectation of `layer` (`core`, `npm`, `http`): `None` when not applicable.
pub fn expected<'a>(case: &'a Value, layer: &str) -> Option<&'a Value> {
    let e = &case["expect"][layer];
    assert!(!e.is_null(), "{}: no expectation for {layer}", case["id"]);
    if e.get("na").is_some() {
        None
    } else {
        Some(e)
    }
}
