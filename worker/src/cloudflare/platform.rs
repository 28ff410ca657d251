//! The handler's platform on Cloudflare: `Date.now()`, salts from the runtime's CSPRNG
//! (through the core), the JWKS through `worker::Fetch`, signatures through WebCrypto, the
//! rate limit through the `TOKEN_RATE_LIMITER` binding, the audit trail through
//! `console.log` (what Workers Logs, `wrangler tail` and Logpush collect), the metrics
//! through the optional `TOKEN_METRICS` Analytics Engine dataset.

use futures_util::StreamExt;
use worker::{
    console_log, AbortSignal, AnalyticsEngineDataPointBuilder, Env, Fetch, Method, Request,
    RequestInit, RequestRedirect,
};

use super::webcrypto;
use crate::audit::DataPoint;
use crate::jwt::jwks::{Jwk, FETCH_TIMEOUT_MS, MAX_JWKS_BYTES};
use crate::jwt::Alg;
use crate::platform::{FetchError, Platform};
use crate::ratelimit::BINDING;

/// The Analytics Engine dataset binding (`[[analytics_engine_datasets]]`) of the metrics.
pub const METRICS_BINDING: &str = "TOKEN_METRICS";

/// The platform of one request.
pub(super) struct Cloudflare<'a> {
    env: &'a Env,
}

impl<'a> Cloudflare<'a> {
    /// The platform with the request's bindings.
    pub(super) fn new(env: &'a Env) -> Self {
        Self { env }
    }
}

impl Platform for Cloudflare<'_> {
    fn now(&self) -> Option<u32> {
        agora_token::now().ok()
    }

    fn salt(&self) -> Option<u32> {
        agora_token::random_salt().ok()
    }

    async fn fetch_jwks(&self, url: &str) -> Result<Vec<u8>, FetchError> {
        fetch_jwks(url).await
    }

    async fn verify_signature(&self, key: &Jwk, alg: Alg, input: &[u8], signature: &[u8]) -> bool {
        webcrypto::verify(key, alg, input, signature).await
    }

    async fn within_rate_limit(&self, key: &str) -> bool {
        // No binding (or one that fails) limits nothing.
        let Ok(limiter) = self.env.rate_limiter(BINDING) else {
            return true;
        };
        limiter
            .limit(key.to_owned())
            .await
            .map_or(true, |outcome| outcome.success)
    }

    fn audit(&self, line: &str) {
        console_log!("{line}");
    }

    fn record_metric(&self, point: &DataPoint) {
        // No binding: nothing is sent. A failed write loses one data point, never the answer.
        let Ok(dataset) = self.env.analytics_engine(METRICS_BINDING) else {
            return;
        };
        let _ = AnalyticsEngineDataPointBuilder::new()
            .indexes([point.index.as_str()])
            .blobs(point.blobs.iter().map(String::as_str))
            .doubles(point.doubles.iter().copied())
            .write_to(&dataset);
    }
}

/// One GET of the JWKS: redirects are not followed (any 3xx is a failure), only a `200` is a
/// key set, the whole exchange is bounded by [`FETCH_TIMEOUT_MS`] and the body by
/// [`MAX_JWKS_BYTES`].
async fn fetch_jwks(url: &str) -> Result<Vec<u8>, FetchError> {
    let mut init = RequestInit::new();
    init.with_method(Method::Get)
        .with_redirect(RequestRedirect::Manual);
    let request = Request::new_with_init(url, &init)
        .map_err(|_| FetchError("AUTH_JWKS_URL is not a URL the runtime can fetch"))?;
    let signal = AbortSignal::from(web_sys::AbortSignal::timeout_with_u32(FETCH_TIMEOUT_MS));
    let mut response = Fetch::Request(request)
        .send_with_signal(&signal)
        .await
        .map_err(|_| FetchError("the JWKS endpoint could not be reached in time"))?;
    if response.status_code() != 200 {
        return Err(FetchError(
            "the JWKS endpoint did not answer 200 (redirects are not followed)",
        ));
    }
    let declared = response
        .headers()
        .get("content-length")
        .ok()
        .flatten()
        .and_then(|v| v.trim().parse::<usize>().ok());
    if declared.is_some_and(|n| n > MAX_JWKS_BYTES) {
        return Err(FetchError("the JWKS response is too large"));
    }
    let mut stream = response
        .stream()
        .map_err(|_| FetchError("the JWKS response has no body"))?;
    let mut body = Vec::new();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|_| FetchError("the JWKS response could not be read in time"))?;
        body.extend_from_slice(&chunk);
        if body.len() > MAX_JWKS_BYTES {
            return Err(FetchError("the JWKS response is too large"));
        }
    }
    Ok(body)
}
