//! Caller authentication: `Authorization: Bearer <TOKEN_API_KEY>`, compared in constant time.

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::errors::ApiError;

/// Checks the `Authorization` header against `key`.
///
/// The scheme is matched case-insensitively. The key comparison is [`keys_match`]: its
/// time does not depend on where, or whether, the presented key differs from the real one,
/// nor on the real key's length.
pub fn check(authorization: Option<&str>, key: &str) -> Result<(), ApiError> {
    let presented = authorization.and_then(|h| {
        let (scheme, rest) = h.trim().split_once(' ')?;
        scheme.eq_ignore_ascii_case("bearer").then(|| rest.trim())
    });
    match presented {
        None => Err(unauthorized(
            "this server requires Authorization: Bearer <api key>",
        )),
        Some(p) if keys_match(p, key) => Ok(()),
        Some(_) => Err(unauthorized("the API key is not valid")),
    }
}

/// Compares a presented key with the real one in constant time.
///
/// Both are hashed with SHA-256 first and the two 32-byte digests are compared with
/// `subtle`, so that a length mismatch is not decided early (a plain `ct_eq` on the keys
/// themselves returns at once when the lengths differ, which reveals the key's length).
/// Hashing takes time proportional to the *presented* key only, which the caller knows.
pub fn keys_match(presented: &str, key: &str) -> bool {
    let a = Sha256::digest(presented.as_bytes());
    let b = Sha256::digest(key.as_bytes());
    a.as_slice().ct_eq(b.as_slice()).into()
}

fn unauthorized(message: &'static str) -> ApiError {
    let mut e = ApiError::new(401, "UNAUTHORIZED", message);
    e.headers.push(("WWW-Authenticate", "Bearer".to_owned()));
    e
}

#[cfg(test)]
mod tests {
    use super::{check, keys_match};

    #[test]
    fn keys_match_only_when_equal() {
        let key = "k3y-0123456789abcdef";
        assert!(keys_match(key, key));
        for other in [
            "",
            "k",
            "k3y-0123456789abcde",
            "k3y-0123456789abcdef0",
            "K3y-0123456789abcdef",
            "k3y-0123456789abcdeF",
            "k3y-0123456789abcdef\0",
        ] {
            assert!(!keys_match(other, key), "{other:?}");
        }
    }

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
