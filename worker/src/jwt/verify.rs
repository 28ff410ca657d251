//! Verifying a caller's JWT: the algorithm allow-list per key source, the signature, then
//! the registered claims.

use std::cell::RefCell;
use std::fmt;
use std::future::Future;

use hmac::{Hmac, KeyInit, Mac};
use serde_json::{Map, Value};
use sha2::Sha256;

use super::cache::{resolve, JwksCache, JwksFetcher};
use super::claims::ClaimRules;
use super::jwks::Jwk;
use super::{token, Alg, AuthError, KeySource, Reason};

/// Checks an asymmetric signature (RS256, ES256, EdDSA) with a JWKS key: WebCrypto in the
/// Worker, RustCrypto natively ([`super::native`]).
pub trait SignatureBackend {
    /// Whether `signature` is `alg`'s signature of `signing_input` under `key`. The key's
    /// own algorithm has already been matched to `alg`; a key the backend cannot import is
    /// `false`.
    fn verify(
        &self,
        key: &Jwk,
        alg: Alg,
        signing_input: &[u8],
        signature: &[u8],
    ) -> impl Future<Output = bool>;
}

/// The HS256 secret (`AUTH_JWT_SECRET`). `Debug` is redacted.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(pub Vec<u8>);

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

/// Where the keys come from and what the claims must satisfy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JwtConfig {
    /// `AUTH_JWT_SECRET`: HS256 tokens are checked against it (and only against it).
    pub secret: Option<Secret>,
    /// `AUTH_JWKS_URL`: RS256 / ES256 / EdDSA tokens are checked against its keys.
    pub jwks_url: Option<String>,
    /// `AUTH_JWT_ISSUER`, `AUTH_JWT_AUDIENCE`, `AUTH_JWT_LEEWAY`.
    pub rules: ClaimRules,
}

/// Whether `signature` is the HS256 MAC of `input` under `secret`, compared in constant
/// time (`Mac::verify_slice`).
pub fn hs256_matches(secret: &[u8], input: &[u8], signature: &[u8]) -> bool {
    let Ok(mut mac) = <Hmac<Sha256> as KeyInit>::new_from_slice(secret) else {
        return false;
    };
    mac.update(input);
    mac.verify_slice(signature).is_ok()
}

fn bad_signature() -> AuthError {
    AuthError::new(Reason::BadSignature, "the JWT's signature does not verify")
}

/// Verifies `jwt` at `now` (unix seconds) and returns its claims.
///
/// The order: parse (bounded) → the algorithm's key source must be configured (HS256 only
/// with `AUTH_JWT_SECRET`; RS256/ES256/EdDSA only with `AUTH_JWKS_URL`) → the key (through
/// the isolate cache) → the signature → `exp`/`nbf`/`iss`/`aud`.
pub async fn verify<F: JwksFetcher, B: SignatureBackend>(
    jwt: &str,
    config: &JwtConfig,
    cache: &RefCell<JwksCache>,
    fetcher: &F,
    backend: &B,
    now: u64,
) -> Result<Map<String, Value>, AuthError> {
    let jws = token::parse(jwt)?;
    let alg = jws.header.alg;
    let input = jws.signing_input.as_bytes();
    match alg.source() {
        KeySource::Secret => {
            let Some(secret) = &config.secret else {
                return Err(AuthError::new(
                    Reason::AlgNotAllowed,
                    "header: alg HS256 is refused (this server takes its keys from a JWKS, AUTH_JWKS_URL)",
                ));
            };
            if !hs256_matches(&secret.0, input, &jws.signature) {
                return Err(bad_signature());
            }
        }
        KeySource::Jwks => {
            if config.jwks_url.is_none() {
                return Err(AuthError::new(
                    Reason::AlgNotAllowed,
                    "header: this server accepts only HS256 (AUTH_JWT_SECRET; no AUTH_JWKS_URL is set)",
                ));
            }
            let key = resolve(cache, fetcher, jws.header.kid.as_deref(), alg, now).await?;
            if !backend.verify(&key, alg, input, &jws.signature).await {
                return Err(bad_signature());
            }
        }
    }
    config.rules.check(&jws.claims, now)?;
    Ok(jws.claims)
}
