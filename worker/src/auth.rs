//! Caller authentication: `Authorization: Bearer <TOKEN_API_KEY>`, compared in constant time.

use subtle::ConstantTimeEq;

use crate::errors::ApiError;

/// Checks the `Authorization` header against `key`.
///
/// The scheme is matched case-insensitively. The key comparison takes the same time
/// whatever bytes differ (only a length mismatch is decided early, which reveals the key's
/// length at most).
pub fn check(authorization: Option<&str>, key: &str) -> Result<(), ApiError> {
    let presented = authorization.and_then(|h| {
        let (scheme, rest) = h.trim().split_once(' ')?;
        scheme.eq_ignore_ascii_case("bearer").then(|| rest.trim())
    });
    match presented {
        None => Err(unauthorized(
            "this server requires Authorization: Bearer <api key>",
        )),
        Some(p) if bool::from(p.as_bytes().ct_eq(key.as_bytes())) => Ok(()),
        Some(_) => Err(unauthorized("the API key is not valid")),
    }
}

fn unauthorized(message: &'static str) -> ApiError {
    let mut e = ApiError::new(401, "UNAUTHORIZED", message);
    e.headers.push(("WWW-Authenticate", "Bearer".to_owned()));
    e
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn bearer_rules() {
        assert!(check(Some("Bearer k3y"), "k3y").is_ok());
        assert!(check(Some("bearer  k3y "), "k3y").is_ok());
        for bad in [
            None,
            Some(""),
            Some("k3y"),
            Some("Basic k3y"),
            Some("Bearer k3"),
            Some("Bearer k3yy"),
            Some("Bearer "),
        ] {
            let e = check(bad, "k3y").unwrap_err();
            assert_eq!((e.status, e.code), (401, "UNAUTHORIZED"), "{bad:?}");
            assert!(!e.message.contains("k3y"));
        }
    }
}
