//! Caller JWTs: the compact JWS, its registered claims, the JWKS and its cache, and the
//! verification path.
//!
//! # Why a JWS layer of its own rather than `jsonwebtoken`
//!
//! In the Worker, RS256 / ES256 / EdDSA signatures are checked by the runtime's WebCrypto,
//! which is asynchronous; `jsonwebtoken`'s verifier is synchronous and brings its own
//! big-integer and curve arithmetic. So the split is:
//!
//! - **Ours, pure Rust, shared by every platform and fuzzed:** parsing the compact JWS
//!   ([`token`]: base64url without padding, the one strict JSON reader, size bounds), the
//!   registered claims ([`claims`]: `exp`/`nbf` with leeway, a bound on `exp`, `iss`, `aud`),
//!   the algorithm allow-list per key source ([`Alg::source`]: `none` is no algorithm at
//!   all, HS256 is only ever checked against the secret and never against a JWKS key),
//!   JWKS parsing with its key filter ([`jwks`]) and the cache policy ([`cache`]: TTL,
//!   refresh on an unknown `kid` at most once per interval, fail closed).
//! - **HS256** with the `hmac` + `sha2` crates the core already uses (constant-time
//!   comparison through `Mac::verify_slice`).
//! - **RS256 / ES256 / EdDSA** through the [`crate::platform::Platform`]: WebCrypto in the
//!   Worker, RustCrypto natively ([`crate::native`]).

pub mod cache;
pub mod claims;
pub mod jwks;
pub mod token;
pub mod verified;
pub mod verify;

use std::borrow::Cow;
use std::fmt;

use crate::errors::ApiError;

/// A JWS algorithm this server verifies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Alg {
    /// HMAC SHA-256 with the shared secret (`AUTH_JWT_SECRET`).
    Hs256,
    /// RSASSA-PKCS1-v1_5 with SHA-256 (a JWKS `RSA` key).
    Rs256,
    /// ECDSA P-256 with SHA-256 (a JWKS `EC` key on `P-256`).
    Es256,
    /// Ed25519 (a JWKS `OKP` key on `Ed25519`).
    EdDsa,
}

/// Where the key of an algorithm comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeySource {
    /// The HS256 shared secret.
    Secret,
    /// The public keys of the JWKS.
    Jwks,
}

impl Alg {
    /// The algorithm of a JWS header's `alg`, if this server accepts it at all (`none`,
    /// HS384, RS512, PS256, … are not accepted).
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "HS256" => Some(Self::Hs256),
            "RS256" => Some(Self::Rs256),
            "ES256" => Some(Self::Es256),
            "EdDSA" | "Ed25519" => Some(Self::EdDsa),
            _ => None,
        }
    }

    /// The JWS name.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Hs256 => "HS256",
            Self::Rs256 => "RS256",
            Self::Es256 => "ES256",
            Self::EdDsa => "EdDSA",
        }
    }

    /// The only key source this algorithm is checked against: a symmetric algorithm never
    /// meets a public key (the RSA-public-key-as-HMAC-secret confusion), and an asymmetric
    /// one never meets the secret.
    pub const fn source(self) -> KeySource {
        match self {
            Self::Hs256 => KeySource::Secret,
            Self::Rs256 | Self::Es256 | Self::EdDsa => KeySource::Jwks,
        }
    }
}

/// Why a caller's JWT was refused: the reason code of the 401 answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// No `Authorization: Bearer` or `Cf-Access-Jwt-Assertion` header.
    TokenMissing,
    /// Not a compact JWS, bad base64url or JSON, or too large.
    TokenMalformed,
    /// An algorithm this server does not accept from this key source.
    AlgNotAllowed,
    /// No key with the token's `kid` (and algorithm) in the JWKS.
    UnknownKey,
    /// The signature does not verify.
    BadSignature,
    /// `exp` (plus the leeway) is past.
    TokenExpired,
    /// `nbf` (minus the leeway) is still ahead.
    TokenNotYetValid,
    /// A required claim is missing or of the wrong type (`exp`, …).
    BadClaim,
    /// `iss` is not `AUTH_JWT_ISSUER`.
    BadIssuer,
    /// `aud` does not name `AUTH_JWT_AUDIENCE`.
    BadAudience,
    /// The JWKS could not be fetched and no cached key matches: fail closed.
    JwksUnavailable,
}

impl Reason {
    /// The stable code, as it appears at the start of the 401 message.
    pub const fn code(self) -> &'static str {
        match self {
            Self::TokenMissing => "TOKEN_MISSING",
            Self::TokenMalformed => "TOKEN_MALFORMED",
            Self::AlgNotAllowed => "ALG_NOT_ALLOWED",
            Self::UnknownKey => "UNKNOWN_KEY",
            Self::BadSignature => "BAD_SIGNATURE",
            Self::TokenExpired => "TOKEN_EXPIRED",
            Self::TokenNotYetValid => "TOKEN_NOT_YET_VALID",
            Self::BadClaim => "BAD_CLAIM",
            Self::BadIssuer => "BAD_ISSUER",
            Self::BadAudience => "BAD_AUDIENCE",
            Self::JwksUnavailable => "JWKS_UNAVAILABLE",
        }
    }
}

/// A refused JWT: the reason and a short explanation. Neither ever contains the JWT, a
/// claim value or a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthError {
    /// The reason code.
    pub reason: Reason,
    /// What was wrong, naming the header or claim and the rule.
    pub detail: Cow<'static, str>,
}

impl AuthError {
    /// An error with `reason` and `detail`.
    pub fn new(reason: Reason, detail: impl Into<Cow<'static, str>>) -> Self {
        Self {
            reason,
            detail: detail.into(),
        }
    }

    /// The 401 answer: `UNAUTHORIZED`, the message `REASON: detail` and
    /// `WWW-Authenticate: Bearer` (with `error="invalid_token"` when a token was sent,
    /// RFC 6750 §3.1).
    pub fn into_api_error(self) -> ApiError {
        let mut e = ApiError::new(
            401,
            "UNAUTHORIZED",
            format!("{}: {}", self.reason.code(), self.detail),
        );
        let challenge = if self.reason == Reason::TokenMissing {
            "Bearer".to_owned()
        } else {
            format!(
                "Bearer error=\"invalid_token\", error_description=\"{}\"",
                self.reason.code()
            )
        };
        e.headers.push(("WWW-Authenticate", challenge));
        e
    }
}

impl fmt::Display for AuthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.reason.code(), self.detail)
    }
}

impl From<AuthError> for ApiError {
    fn from(e: AuthError) -> Self {
        e.into_api_error()
    }
}

/// The caller's JWT from the request headers: `Authorization: Bearer <jwt>` first, else
/// Cloudflare Access's `Cf-Access-Jwt-Assertion`. Header names are matched without case.
pub fn extract(headers: &[(String, String)]) -> Result<&str, AuthError> {
    let get = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.trim())
    };
    let bearer = get("authorization").and_then(|h| {
        h.split_once(' ')
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
            .map(|(_, rest)| rest.trim())
            .filter(|t| !t.is_empty())
    });
    if let Some(token) = bearer {
        return Ok(token);
    }
    get("cf-access-jwt-assertion")
        .filter(|t| !t.is_empty())
        .ok_or_else(|| {
            AuthError::new(
                Reason::TokenMissing,
                "this server requires a JWT: Authorization: Bearer <jwt> (or Cloudflare Access's Cf-Access-Jwt-Assertion)",
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect()
    }

    #[test]
    fn extract_prefers_authorization() {
        assert_eq!(
            extract(&h(&[("authorization", "Bearer a.b.c")])),
            Ok("a.b.c")
        );
        assert_eq!(
            extract(&h(&[("Authorization", "bearer  a.b.c ")])),
            Ok("a.b.c")
        );
        assert_eq!(
            extract(&h(&[("cf-access-jwt-assertion", "x.y.z")])),
            Ok("x.y.z")
        );
        assert_eq!(
            extract(&h(&[
                ("authorization", "Bearer a.b.c"),
                ("cf-access-jwt-assertion", "x.y.z")
            ])),
            Ok("a.b.c")
        );
        for bad in [
            h(&[]),
            h(&[("authorization", "Basic a.b.c")]),
            h(&[("authorization", "Bearer ")]),
            h(&[("cf-access-jwt-assertion", "")]),
        ] {
            assert_eq!(extract(&bad).unwrap_err().reason, Reason::TokenMissing);
        }
    }

    #[test]
    fn alg_sources() {
        assert_eq!(Alg::from_name("none"), None);
        assert_eq!(Alg::from_name("HS512"), None);
        assert_eq!(
            Alg::from_name("RS256").map(Alg::source),
            Some(KeySource::Jwks)
        );
        assert_eq!(
            Alg::from_name("HS256").map(Alg::source),
            Some(KeySource::Secret)
        );
        let e = AuthError::new(Reason::TokenExpired, "exp is past").into_api_error();
        assert_eq!((e.status, e.code), (401, "UNAUTHORIZED"));
        assert!(e.message.starts_with("TOKEN_EXPIRED: "));
        assert!(e
            .headers
            .iter()
            .any(|(n, v)| *n == "WWW-Authenticate" && v.starts_with("Bearer")));
    }
}
