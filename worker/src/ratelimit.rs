//! The per-caller rate limit on Cloudflare's Rate Limiting binding (`TOKEN_RATE_LIMITER`,
//! `[[ratelimits]]` in wrangler.toml), optional: without the binding nothing is limited.
//!
//! The key is the verified identity (`id:<identity>`) in the JWT mode, else the client
//! address (`ip:<CF-Connecting-IP>`). The handler asks the platform's limiter once the
//! caller is known, for the token routes and `/inspect`; over the limit it answers 429
//! `RATE_LIMITED` with `Retry-After` (the limiter's period).

use crate::auth::Caller;
use crate::errors::ApiError;

/// The Worker's binding name.
pub const BINDING: &str = "TOKEN_RATE_LIMITER";

/// The limiter key of a caller.
pub fn key(caller: &Caller, client_ip: Option<&str>) -> String {
    match caller.identity() {
        Some(id) => format!("id:{}", id.user),
        None => format!("ip:{}", client_ip.map(str::trim).unwrap_or("unknown")),
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
            issuer: None,
            subject: None,
            valid_until: 0,
        };
        assert_eq!(key(&Caller::Jwt(id), Some("1.2.3.4")), "id:alice");
        assert_eq!(key(&Caller::ApiKey, Some(" 1.2.3.4")), "ip:1.2.3.4");
        assert_eq!(key(&Caller::Open, None), "ip:unknown");
        let e = exceeded(60);
        assert_eq!((e.status, e.code), (429, "RATE_LIMITED"));
        assert_eq!(e.headers, vec![("Retry-After", "60".to_owned())]);
    }
}
