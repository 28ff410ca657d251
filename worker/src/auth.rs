//! Caller authentication: who is calling, by the server's mode. With `AUTH_*` set, the
//! caller's JWT ([`crate::jwt`]) and the identity it binds; else with `TOKEN_API_KEY`, the
//! key as `Authorization: Bearer <key>` (compared in constant time); else nobody is checked.

use std::sync::Mutex;

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::errors::ApiError;
use crate::http::HttpRequest;
use crate::identity::Identity;
use crate::jwt::cache::JwksCache;
use crate::jwt::{self, AuthError};
use crate::platform::Platform;
use crate::secret::Secret;
use crate::settings::{CallerPolicy, Policy};

/// Who is calling, as [`authenticate`] established it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Caller {
    /// No caller check is configured (no `TOKEN_API_KEY`, no `AUTH_*`).
    Open,
    /// The caller presented `TOKEN_API_KEY`.
    ApiKey,
    /// The caller's JWT verified, and the identity it binds.
    Jwt(Identity),
}

impl Caller {
    /// The identity every token is bound to, in the JWT mode.
    pub fn identity(&self) -> Option<&Identity> {
        match self {
            Self::Jwt(id) => Some(id),
            Self::Open | Self::ApiKey => None,
        }
    }
}

/// Establishes the caller of `req` under the server's mode, at `now` (unix seconds): the
/// JWT (through the JWKS `cache` and the `platform`), or the API key, or nobody.
pub async fn authenticate<P: Platform>(
    req: &HttpRequest<'_>,
    policy: &Policy,
    callers: &CallerPolicy,
    cache: &Mutex<JwksCache>,
    platform: &P,
    now: u32,
) -> Result<Caller, ApiError> {
    // The JWT mode and TOKEN_API_KEY are exclusive (CallerPolicy refuses both).
    if let Some(auth) = &callers.jwt {
        let token = jwt::extract(req.headers).map_err(AuthError::into_api_error)?;
        let claims = jwt::verify::verify(token, auth, cache, platform, u64::from(now))
            .await
            .map_err(AuthError::into_api_error)?;
        return Identity::from_claims(&claims, auth).map(Caller::Jwt);
    }
    match &policy.api_key {
        Some(key) => check(req.header("authorization"), key).map(|()| Caller::ApiKey),
        None => Ok(Caller::Open),
    }
}

/// Checks the `Authorization` header against `key`.
///
/// The scheme is matched case-insensitively. The key comparison is [`keys_match`]: its
/// time does not depend on where, or whether, the presented key differs from the real one,
/// nor on the real key's length.
pub fn check(authorization: Option<&str>, key: &Secret) -> Result<(), ApiError> {
    let presented = authorization.and_then(|h| {
        let (scheme, rest) = h.trim().split_once(' ')?;
        scheme.eq_ignore_ascii_case("bearer").then(|| rest.trim())
    });
    match presented {
        None => Err(unauthorized(
            "this server requires Authorization: Bearer <api key>",
        )),
        Some(p) if keys_match(p, key.expose()) => Ok(()),
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
    use crate::secret::Secret;

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
        let key = Secret::from("k3y");
        assert!(check(Some("Bearer k3y"), &key).is_ok());
        assert!(check(Some("bearer  k3y "), &key).is_ok());
        for bad in [
            None,
            Some(""),
            Some("k3y"),
            Some("Basic k3y"),
            Some("Bearer k3"),
            Some("Bearer k3yy"),
            Some("Bearer "),
        ] {
            let e = check(bad, &key).unwrap_err();
            assert_eq!((e.status, e.code), (401, "UNAUTHORIZED"), "{bad:?}");
            assert!(!e.message.contains("k3y"));
        }
    }
}
