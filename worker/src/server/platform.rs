//! The handler's platform natively: the system clock, salts from the OS CSPRNG (through the
//! core), the JWKS over HTTPS with reqwest on rustls (no redirects, the same size and time
//! bounds as the Worker), RustCrypto signatures, an in-process per-caller rate limit
//! (`governor`), and the audit trail as JSON lines on stdout.

use std::io::Write;
use std::num::NonZeroU32;
use std::time::Duration;

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::audit::DataPoint;
use crate::jwt::jwks::{Jwk, FETCH_TIMEOUT_MS, MAX_JWKS_BYTES};
use crate::jwt::Alg;
use crate::native::RustCrypto;
use crate::platform::{FetchError, Platform};

/// The most callers the rate limiter remembers before it drops the idle ones.
const LIMITER_KEYS: usize = 100_000;

/// The native platform, shared by every connection.
pub struct Native {
    client: reqwest::Client,
    limiter: Option<DefaultKeyedRateLimiter<String>>,
}

impl Native {
    /// The platform, with `limit` requests per `period` seconds per caller, if any.
    pub fn new(limit: Option<NonZeroU32>, period: u32) -> Result<Self, reqwest::Error> {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_millis(u64::from(FETCH_TIMEOUT_MS)))
            .connect_timeout(Duration::from_millis(u64::from(FETCH_TIMEOUT_MS)))
            .user_agent(concat!("agora-token-server/", env!("CARGO_PKG_VERSION")))
            .build()?;
        let limiter = limit.and_then(|n| {
            let every = Duration::from_secs(u64::from(period.max(1))) / n.get();
            Quota::with_period(every).map(|q| RateLimiter::keyed(q.allow_burst(n)))
        });
        Ok(Self { client, limiter })
    }

    /// Drops the limiter's state of callers idle for a whole period (the state is bounded
    /// by the callers of one period).
    pub fn tidy(&self) {
        if let Some(l) = &self.limiter {
            l.retain_recent();
            l.shrink_to_fit();
        }
    }
}

impl Platform for Native {
    fn now(&self) -> Option<u32> {
        agora_token::now().ok()
    }

    fn salt(&self) -> Option<u32> {
        agora_token::random_salt().ok()
    }

    async fn fetch_jwks(&self, url: &str) -> Result<Vec<u8>, FetchError> {
        let mut response = self
            .client
            .get(url)
            .send()
            .await
            .map_err(|_| FetchError("the JWKS endpoint could not be reached in time"))?;
        if response.status() != reqwest::StatusCode::OK {
            return Err(FetchError(
                "the JWKS endpoint did not answer 200 (redirects are not followed)",
            ));
        }
        let too_large = FetchError("the JWKS response is too large");
        if response
            .content_length()
            .is_some_and(|n| n > MAX_JWKS_BYTES as u64)
        {
            return Err(too_large);
        }
        let mut body = Vec::new();
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|_| FetchError("the JWKS response could not be read in time"))?
        {
            body.extend_from_slice(&chunk);
            if body.len() > MAX_JWKS_BYTES {
                return Err(too_large);
            }
        }
        Ok(body)
    }

    async fn verify_signature(&self, key: &Jwk, alg: Alg, input: &[u8], signature: &[u8]) -> bool {
        RustCrypto::check(key, alg, input, signature)
    }

    async fn within_rate_limit(&self, key: &str) -> bool {
        let Some(limiter) = &self.limiter else {
            return true;
        };
        if limiter.len() > LIMITER_KEYS {
            limiter.retain_recent();
        }
        limiter.check_key(&key.to_owned()).is_ok()
    }

    fn audit(&self, line: &str) {
        // One write per line, so that lines of concurrent requests never interleave; a
        // closed stdout loses the line, never the answer.
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "{line}");
        let _ = out.flush();
    }

    fn record_metric(&self, _point: &DataPoint) {
        // No metrics store natively: the audit lines carry every decision.
    }
}
