//! Request bodies: the size limit, the content-type rule and JSON field extraction.
//!
//! The content-type rule: a missing or empty body is a 400 `INVALID_JSON` whatever its
//! content type (as agora-token-service). `application/json` and `application/*+json`
//! bodies, and bodies with no content type, must be JSON (else 400 `INVALID_JSON`). A body
//! sent with `application/x-www-form-urlencoded` (what `curl -d` sends) or `text/plain` is
//! accepted when it parses as a JSON object, and is a 415 otherwise. Any other content type
//! is a 415.
//!
//! A key given twice in an object is an `INVALID_JSON` error at any depth, rather than
//! "the last one wins": parsers disagree on which one wins, and a proxy that checked the
//! first must not be bypassed with the second.

use std::fmt;

use agora_token::ErrorKind;
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use crate::errors::ApiError;
use crate::http::{HttpRequest, MAX_BODY_BYTES};

/// A JSON object body.
pub type Object = Map<String, Value>;

/// Reads a POST body as a JSON object, applying the size limit and the content-type rule.
pub fn json_object(req: &HttpRequest<'_>) -> Result<Object, ApiError> {
    check_size(req)?;
    if req.body.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::bad_request(
            "INVALID_JSON",
            "the body is empty: send a JSON object such as {\"tokenType\":\"rtc\",…}",
        ));
    }
    let media = req.header("content-type").map(|v| {
        v.split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase()
    });
    let strict = match media.as_deref() {
        Some("application/json") => true,
        Some(m) if m.starts_with("application/") && m.ends_with("+json") => true,
        // No content type (agora-token-service reads every body as JSON).
        None | Some("") => true,
        Some("application/x-www-form-urlencoded" | "text/plain") => false,
        Some(_) => return Err(unsupported()),
    };
    match parse_strict(req.body) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(ApiError::bad_request(
            "INVALID_JSON",
            "the body must be a JSON object",
        )),
        Err(e) if e.is_data() => Err(ApiError::bad_request(
            "INVALID_JSON",
            format!(
                "the body has a key given twice (line {}, column {})",
                e.line(),
                e.column()
            ),
        )),
        Err(e) if strict => Err(ApiError::bad_request(
            "INVALID_JSON",
            format!(
                "the body is not valid JSON (line {}, column {})",
                e.line(),
                e.column()
            ),
        )),
        Err(_) => Err(unsupported()),
    }
}

/// Parses `bytes` as one JSON value whose objects have no duplicate keys (at any depth).
///
/// The one JSON reader of the module: request bodies, and the JWT header, claims and JWKS
/// (crate::jwt) all go through it, so the module links one monomorphised parser. A
/// duplicate key is a "data" error ([`serde_json::Error::is_data`]).
pub fn parse_strict(bytes: &[u8]) -> Result<Value, serde_json::Error> {
    serde_json::from_slice::<Strict>(bytes).map(|s| s.0)
}

/// A JSON value whose objects have no duplicate keys (at any depth).
struct Strict(Value);

impl<'de> Deserialize<'de> for Strict {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(StrictVisitor).map(Strict)
    }
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(Strict(v)) = seq.next_element()? {
            items.push(v);
        }
        Ok(Value::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let Strict(value) = map.next_value()?;
            if out.insert(key, value).is_some() {
                return Err(de::Error::custom("duplicate key"));
            }
        }
        Ok(Value::Object(out))
    }
}

/// 413 when the body (or its declared length) is over [`MAX_BODY_BYTES`].
pub fn check_size(req: &HttpRequest<'_>) -> Result<(), ApiError> {
    let declared = req
        .header("content-length")
        .and_then(|v| v.trim().parse::<u64>().ok());
    let limit = u64::try_from(MAX_BODY_BYTES).unwrap_or(u64::MAX);
    if req.body.len() > MAX_BODY_BYTES || declared.is_some_and(|n| n > limit) {
        return Err(ApiError::new(
            413,
            "BODY_TOO_LARGE",
            format!("the body must be at most {MAX_BODY_BYTES} bytes"),
        ));
    }
    Ok(())
}

fn unsupported() -> ApiError {
    ApiError::new(
        415,
        "UNSUPPORTED_MEDIA_TYPE",
        "send a JSON object with Content-Type: application/json",
    )
}

/// An optional string field (`null` is absent).
pub fn opt_str<'a>(o: &'a Object, field: &str) -> Result<Option<&'a str>, ApiError> {
    match o.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(ApiError::wrong_type(field, "a string")),
    }
}

/// A required string field.
pub fn req_str<'a>(o: &'a Object, field: &str) -> Result<&'a str, ApiError> {
    opt_str(o, field)?.ok_or_else(|| ApiError::missing(field))
}

/// An optional uid: a string, or a non-negative integer (turned into its decimal text).
pub fn opt_uid(o: &Object, field: &str) -> Result<Option<String>, ApiError> {
    match o.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(Value::Number(n)) => n.as_u64().map(|n| Some(n.to_string())).ok_or_else(|| {
            ApiError::bad_request(
                ErrorKind::InvalidUid.code(),
                format!("{field}: must be a string, or an integer in 0..=4294967295"),
            )
        }),
        Some(_) => Err(ApiError::wrong_type(field, "a string")),
    }
}

/// An optional number of seconds: a non-negative JSON integer (`null` is absent).
pub fn opt_seconds(o: &Object, field: &str) -> Result<Option<u64>, ApiError> {
    match o.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => n.as_u64().map(Some).ok_or_else(|| {
            ApiError::bad_request(
                ErrorKind::InvalidExpiry.code(),
                format!("{field}: must be a whole, positive number of seconds"),
            )
        }),
        Some(_) => Err(ApiError::bad_request(
            ErrorKind::InvalidExpiry.code(),
            format!("{field}: must be a number of seconds"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req<'a>(headers: &'a [(String, String)], body: &'a [u8]) -> HttpRequest<'a> {
        HttpRequest {
            method: "POST",
            path: "/getToken",
            query: "",
            headers,
            body,
            client_ip: None,
            request_id: None,
        }
    }

    fn ct(v: &str) -> Vec<(String, String)> {
        vec![("Content-Type".to_owned(), v.to_owned())]
    }

    #[test]
    fn content_type_rule() {
        let ok = br#"{"a":1}"#;
        for h in [
            vec![],
            ct("application/json; charset=utf-8"),
            ct("application/x-www-form-urlencoded"),
            ct("text/plain"),
            ct("application/vnd.x+json"),
        ] {
            assert_eq!(json_object(&req(&h, ok)).unwrap().len(), 1, "{h:?}");
        }
        let code = |h: Vec<(String, String)>, b: &[u8]| json_object(&req(&h, b)).unwrap_err().code;
        assert_eq!(code(ct("application/json"), b"{"), "INVALID_JSON");
        assert_eq!(code(ct("application/json"), b"[1]"), "INVALID_JSON");
        assert_eq!(
            code(ct("application/x-www-form-urlencoded"), b"a=1"),
            "UNSUPPORTED_MEDIA_TYPE"
        );
        // Empty: 400 whatever the content type.
        for h in [
            vec![],
            ct("text/xml"),
            ct("application/json"),
            ct("text/plain"),
        ] {
            assert_eq!(code(h.clone(), b""), "INVALID_JSON", "{h:?}");
            assert_eq!(code(h, b" \r\n"), "INVALID_JSON");
        }
        assert_eq!(code(vec![], b"tokenType=rtc"), "INVALID_JSON");
        assert_eq!(
            code(ct("multipart/form-data; boundary=x"), ok),
            "UNSUPPORTED_MEDIA_TYPE"
        );
        assert_eq!(code(ct("text/xml"), ok), "UNSUPPORTED_MEDIA_TYPE");
    }

    #[test]
    fn duplicate_keys_are_refused() {
        let code = |h: Vec<(String, String)>, b: &[u8]| json_object(&req(&h, b)).unwrap_err().code;
        for body in [
            &br#"{"a":1,"a":1}"#[..],
            br#"{"a":1,"b":{"c":[{"d":1,"d":2}]}}"#,
            br#"{"tokenType":"rtc","tokenType":"rtm"}"#,
        ] {
            assert_eq!(code(ct("application/json"), body), "INVALID_JSON");
            // Also without a content type: it is JSON, so the answer is not a 415.
            assert_eq!(code(vec![], body), "INVALID_JSON");
        }
        let o = json_object(&req(
            &[],
            br#"{"a":{"a":[1,2.5,-3,null,true,"x"]},"b":"a"}"#,
        ))
        .unwrap();
        assert_eq!(
            Value::Object(o),
            serde_json::json!({"a":{"a":[1,2.5,-3,null,true,"x"]},"b":"a"})
        );
    }

    #[test]
    fn size_limit() {
        let big = vec![b' '; MAX_BODY_BYTES + 1];
        let e = json_object(&req(&[], &big)).unwrap_err();
        assert_eq!((e.status, e.code), (413, "BODY_TOO_LARGE"));
        let declared = vec![("content-length".to_owned(), "9000".to_owned())];
        assert_eq!(json_object(&req(&declared, b"{}")).unwrap_err().status, 413);
        let mut exact = vec![b' '; MAX_BODY_BYTES - 2];
        exact.extend_from_slice(b"{}");
        assert!(json_object(&req(&[], &exact)).is_ok());
    }

    #[test]
    fn fields() {
        let o: Object =
            serde_json::from_str(r#"{"s":"x","n":7,"f":1.5,"neg":-1,"b":true,"z":null}"#).unwrap();
        assert_eq!(opt_str(&o, "s").unwrap(), Some("x"));
        assert_eq!(opt_str(&o, "z").unwrap(), None);
        assert_eq!(opt_str(&o, "n").unwrap_err().code, "INVALID_FIELD");
        assert_eq!(req_str(&o, "missing").unwrap_err().code, "MISSING_FIELD");
        assert_eq!(opt_uid(&o, "n").unwrap().as_deref(), Some("7"));
        assert_eq!(opt_uid(&o, "neg").unwrap_err().code, "INVALID_UID");
        assert_eq!(opt_uid(&o, "f").unwrap_err().code, "INVALID_UID");
        assert_eq!(opt_seconds(&o, "n").unwrap(), Some(7));
        assert_eq!(opt_seconds(&o, "f").unwrap_err().code, "INVALID_EXPIRY");
        assert_eq!(opt_seconds(&o, "s").unwrap_err().code, "INVALID_EXPIRY");
        assert_eq!(opt_seconds(&o, "b").unwrap_err().code, "INVALID_EXPIRY");
    }
}
