//! What the server needs from the platform it runs on, as one small trait.
//!
//! The handler ([`crate::handle`]) is the same everywhere; a platform gives it the time,
//! salts, the caller's JWKS, signature checks, the rate limiter, and where the audit trail
//! and the metrics go. The Cloudflare Worker
//! implements it with workers-rs (`worker/src/cloudflare/`); [`crate::native::Local`]
//! implements it with natives for the tests and the fuzz target.

use std::future::Future;

use crate::audit::DataPoint;
use crate::jwt::jwks::Jwk;
use crate::jwt::Alg;

/// Why the JWKS could not be had. The message never holds the URL's secrets or the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FetchError(pub &'static str);

/// The platform's services, one request at a time.
pub trait Platform {
    /// The current unix time in seconds, or `None` when the clock is unavailable.
    fn now(&self) -> Option<u32>;

    /// A fresh salt in `1..=99999999` from a CSPRNG, or `None` when none is available.
    fn salt(&self) -> Option<u32>;

    /// One fetch of the JWKS at `url` (`AUTH_JWKS_URL`): the body of a `200` answer, at most
    /// [`crate::jwt::jwks::MAX_JWKS_BYTES`] long, within
    /// [`crate::jwt::jwks::FETCH_TIMEOUT_MS`]. Any redirect is a failure. Each request does
    /// its own fetch: none waits on a fetch another request started.
    fn fetch_jwks(&self, url: &str) -> impl Future<Output = Result<Vec<u8>, FetchError>>;

    /// Whether `signature` is `alg`'s signature of `input` under `key` (RS256, ES256, EdDSA;
    /// the key's algorithm is already matched to `alg`). A key that cannot be imported is
    /// `false`.
    fn verify_signature(
        &self,
        key: &Jwk,
        alg: Alg,
        input: &[u8],
        signature: &[u8],
    ) -> impl Future<Output = bool>;

    /// Whether the caller `key` is within the rate limit. A platform without a limiter, or
    /// whose limiter fails, answers `true`: the limiter protects capacity, it does not
    /// authenticate callers.
    fn within_rate_limit(&self, key: &str) -> impl Future<Output = bool>;

    /// Writes one audit line (a JSON object holding no secret) where the platform's logs
    /// are collected.
    fn audit(&self, line: &str);

    /// Records one decision's data point in the platform's metrics store; a platform
    /// without one does nothing.
    fn record_metric(&self, point: &DataPoint);
}
