//! Verifying a caller's JWT: the algorithm allow-list per key source, the signature, then
//! the registered claims.

use std::sync::Mutex;

use hmac::{Hmac, KeyInit, Mac};
use serde_json::{Map, Value};
use sha2::Sha256;

use super::cache::{remember_verified, resolve, was_verified, JwksCache};
use super::verified::fingerprint;
use super::{token, AuthError, KeySource, Reason};
use crate::platform::Platform;
use crate::settings::AuthConfig;

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
/// the server's cache, fetched by the platform) → the signature (checked by the platform,
/// or already verified with that key) → `exp`/`nbf`/`iss`/`aud`.
pub async fn verify<P: Platform>(
    jwt: &str,
    config: &AuthConfig,
    cache: &Mutex<JwksCache>,
    platform: &P,
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
            if !hs256_matches(secret.expose().as_bytes(), input, &jws.signature) {
                return Err(bad_signature());
            }
        }
        KeySource::Jwks => {
            let Some(url) = &config.jwks_url else {
                return Err(AuthError::new(
                    Reason::AlgNotAllowed,
                    "header: this server accepts only HS256 (AUTH_JWT_SECRET; no AUTH_JWKS_URL is set)",
                ));
            };
            let key = resolve(cache, platform, url, jws.header.kid.as_deref(), alg, now).await?;
            if key.key.alg() != alg {
                return Err(bad_signature());
            }
            // The key is resolved for every request; a signature already verified with it
            // (the same bytes) is not checked by the platform again.
            let seen = fingerprint(&key, input, &jws.signature);
            if !was_verified(cache, &seen) {
                if !platform
                    .verify_signature(&key, alg, input, &jws.signature)
                    .await
                {
                    return Err(bad_signature());
                }
                remember_verified(cache, seen);
            }
        }
    }
    config.rules.check(&jws.claims, now)?;
    Ok(jws.claims)
}
