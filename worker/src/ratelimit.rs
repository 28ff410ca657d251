//! The per-caller rate limit on Cloudflare's Rate Limiting binding (`TOKEN_RATE_LIMITER`,
//! `[[ratelimits]]` in wrangler.toml), optional: without the binding nothing is limited.
//!
//! The key is the verified identity (`id:<identity>`) when the JWT mode verified one,
//! else the client address (`ip:<CF-Connecting-IP>`). The adapter asks the binding before
//! the handler runs and passes the outcome in [`crate::identity::Caller`]; over the limit
//! the handler answers 429 `RATE_LIMITED` with `Retry-After` (the binding's period).

use crate::errors::ApiError;
use crate::http::HttpRequest;
use crate::identity::Verification;
use crate::routes::match_path;

/// The binding's name.
pub const BINDING: &str = "TOKEN_RATE_LIMITER";

/// Whether `req` is limited: a matched route that needs the caller's authentication
/// (the token routes and `/inspect`), called with its own method.
pub fn applies(req: &HttpRequest<'_>) -> bool {
    matches!(match_path(req.path), Ok(Some(r)) if r.needs_auth() && r.accepts(req.method))
}

/// The limiter key of a caller.
pub fn key(jwt: &Verification, client_ip: Option<&str>) -> String {
    match jwt {
        Verification::Verified(id) => format!("id:{}", id.user),
        _ => format!("ip:{}", client_ip.map(str::trim).unwrap_or("unknown")),
    }
}

/// 429 `RATE_LIMITED` with `Retry-After: period`.
pub fn exceeded(period: u32) -> ApiError {
    let mut e = ApiError::new(
        429,
        "RATE_LIMITED",
        format!("too many token requests from this caller; retry after {period} s"),
    );
    e.headers.push(("Retry-After", period.to_string()));
    e
}

/// Asks the binding whether `key` may go on (`true`: within the limit), through
/// worker/shim.js's `agoraRateLimit` (one promise; the binding call written through js-sys
/// was glue of its own). No binding, or a binding that fails, limits nothing: the limiter
/// protects capacity, it is not what authenticates callers.
#[cfg(target_arch = "wasm32")]
pub(crate) async fn allowed(env: &wasm_bindgen::JsValue, key: String) -> bool {
    #[wasm_bindgen::prelude::wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(js_name = agoraRateLimit)]
        fn rate_limit(env: &wasm_bindgen::JsValue, key: &str) -> js_sys::Promise;
    }
    wasm_bindgen_futures::JsFuture::from(rate_limit(env, &key))
        .await
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::identity::{rtc_user_of, Identity};

    #[test]
    fn keys_and_answer() {
        let id = Identity {
            user: "alice".into(),
            rtc: rtc_user_of("alice"),
            channels: None,
            publisher: true,
        };
        assert_eq!(
            key(&Verification::Verified(id), Some("1.2.3.4")),
            "id:alice"
        );
        assert_eq!(
            key(&Verification::NotChecked, Some(" 1.2.3.4")),
            "ip:1.2.3.4"
        );
        assert_eq!(key(&Verification::NotChecked, None), "ip:unknown");
        let e = exceeded(60);
        assert_eq!((e.status, e.code), (429, "RATE_LIMITED"));
        assert_eq!(e.headers, vec![("Retry-After", "60".to_owned())]);
    }
}
