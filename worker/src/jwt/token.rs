//! The compact JWS: `base64url(header) . base64url(claims) . base64url(signature)`.
//!
//! Parsing never panics and bounds every size: the whole token, each part, and the JSON.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde_json::{Map, Value};

use super::{Alg, AuthError, Reason};

/// The longest JWT accepted, in bytes (identity-provider tokens are 0.5–2 KB).
pub const MAX_JWT_BYTES: usize = 8 * 1024;

/// The protected header fields this server reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// The algorithm (already on the allow-list of algorithms this server knows).
    pub alg: Alg,
    /// The key id, if any.
    pub kid: Option<String>,
}

/// A parsed, not yet verified, JWS.
#[derive(Debug, Clone, PartialEq)]
pub struct Jws<'a> {
    /// The protected header.
    pub header: Header,
    /// The claims (a JSON object), untrusted until the signature is verified.
    pub claims: Map<String, Value>,
    /// `header . payload`, the bytes the signature covers.
    pub signing_input: &'a str,
    /// The decoded signature.
    pub signature: Vec<u8>,
}

fn malformed(detail: &'static str) -> AuthError {
    AuthError::new(Reason::TokenMalformed, detail)
}

/// Parses a compact JWS. The algorithm must be one this server knows (`none` and every
/// other name are `ALG_NOT_ALLOWED`); whether its key source is configured is decided by
/// the caller.
pub fn parse(jwt: &str) -> Result<Jws<'_>, AuthError> {
    if jwt.len() > MAX_JWT_BYTES {
        return Err(malformed("the JWT is longer than 8 KiB"));
    }
    let mut parts = jwt.split('.');
    let (Some(h), Some(p), Some(s), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(malformed(
            "a JWT is three base64url parts separated by dots (JWE and unsigned JWTs are not accepted)",
        ));
    };
    let header_bytes = URL_SAFE_NO_PAD
        .decode(h)
        .map_err(|_| malformed("header: not base64url without padding"))?;
    // The request bodies' reader, not a derived struct: the module keeps one JSON parser
    // (see jwks.rs). A key given twice is refused, as in request bodies: which of two `sub`
    // or `alg` members counts is where JWT libraries disagree.
    let header = match crate::body::parse_strict(&header_bytes) {
        Ok(Value::Object(m)) => m,
        _ => {
            return Err(malformed(
                "header: not a JSON object (without duplicate keys)",
            ))
        }
    };
    let alg_name = header
        .get("alg")
        .and_then(Value::as_str)
        .ok_or_else(|| malformed("header: alg must be a string"))?;
    let kid = match header.get("kid") {
        None | Some(Value::Null) => None,
        Some(Value::String(k)) => Some(k.clone()),
        Some(_) => return Err(malformed("header: kid must be a string")),
    };
    if header.contains_key("crit") {
        return Err(malformed(
            "header: crit names extensions this server does not understand",
        ));
    }
    let alg = Alg::from_name(alg_name).ok_or_else(|| {
        AuthError::new(
            Reason::AlgNotAllowed,
            "header: alg must be RS256, ES256, EdDSA or HS256 (none and other algorithms are refused)",
        )
    })?;
    let payload = URL_SAFE_NO_PAD
        .decode(p)
        .map_err(|_| malformed("payload: not base64url without padding"))?;
    let claims = match crate::body::parse_strict(&payload) {
        Ok(Value::Object(m)) => m,
        _ => {
            return Err(malformed(
                "payload: not a JSON object (without duplicate keys)",
            ))
        }
    };
    let signature = URL_SAFE_NO_PAD
        .decode(s)
        .map_err(|_| malformed("signature: not base64url without padding"))?;
    if signature.is_empty() {
        return Err(malformed("signature: empty"));
    }
    let signing_input = jwt.get(..h.len() + 1 + p.len()).unwrap_or_default();
    Ok(Jws {
        header: Header { alg, kid },
        claims,
        signing_input,
        signature,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b64(s: &str) -> String {
        URL_SAFE_NO_PAD.encode(s)
    }

    #[test]
    fn parses_a_compact_jws() {
        let jwt = format!(
            "{}.{}.{}",
            b64(r#"{"alg":"RS256","kid":"k1","typ":"JWT"}"#),
            b64(r#"{"sub":"42","exp":1}"#),
            b64("sig")
        );
        let j = parse(&jwt).unwrap();
        assert_eq!(j.header.alg, Alg::Rs256);
        assert_eq!(j.header.kid.as_deref(), Some("k1"));
        assert_eq!(j.claims["sub"], "42");
        assert_eq!(j.signature, b"sig");
        assert_eq!(j.signing_input, jwt.rsplit_once('.').unwrap().0);
    }

    #[test]
    fn refusals() {
        let ok_h = b64(r#"{"alg":"HS256"}"#);
        let ok_p = b64(r#"{"sub":"a"}"#);
        let cases: Vec<(String, Reason)> = vec![
            (String::new(), Reason::TokenMalformed),
            ("a.b".into(), Reason::TokenMalformed),
            (format!("{ok_h}.{ok_p}.c.d"), Reason::TokenMalformed),
            (format!("{ok_h}.{ok_p}."), Reason::TokenMalformed),
            (format!("{ok_h}=.{ok_p}.c2ln"), Reason::TokenMalformed),
            (
                format!("{}.{ok_p}.c2ln", b64(r#"{"alg":"none"}"#)),
                Reason::AlgNotAllowed,
            ),
            (
                format!("{}.{ok_p}.c2ln", b64(r#"{"alg":"HS512"}"#)),
                Reason::AlgNotAllowed,
            ),
            (
                format!("{}.{ok_p}.c2ln", b64(r#"{"alg":1}"#)),
                Reason::TokenMalformed,
            ),
            (
                format!("{}.{ok_p}.c2ln", b64(r#"{"alg":"RS256","crit":["b64"]}"#)),
                Reason::TokenMalformed,
            ),
            (
                format!("{ok_h}.{}.c2ln", b64("[1]")),
                Reason::TokenMalformed,
            ),
            (format!("{ok_h}.{}.c2ln", b64("{")), Reason::TokenMalformed),
            // A key given twice (which one counts is where JWT libraries disagree).
            (
                format!("{}.{ok_p}.c2ln", b64(r#"{"alg":"none","alg":"HS256"}"#)),
                Reason::TokenMalformed,
            ),
            (
                format!("{ok_h}.{}.c2ln", b64(r#"{"sub":"a","sub":"b"}"#)),
                Reason::TokenMalformed,
            ),
            (
                format!("{ok_h}.{ok_p}.{}", "A".repeat(MAX_JWT_BYTES)),
                Reason::TokenMalformed,
            ),
        ];
        for (jwt, reason) in cases {
            assert_eq!(parse(&jwt).unwrap_err().reason, reason, "{jwt:.60}");
        }
    }
}
