//! CORS: the origin allow-list, the response headers, and preflight answers.

use crate::config::AllowedOrigins;
use crate::errors::ApiError;
use crate::http::HttpResponse;

/// The request headers a browser may send (answered to preflights).
pub const ALLOW_HEADERS: &str = "Authorization, Content-Type";
/// How long a browser may cache a preflight answer, in seconds.
pub const MAX_AGE: &str = "86400";

/// Checks the request's `Origin` (if any) against the allow-list, and returns the value of
/// `Access-Control-Allow-Origin` to send (`None` when the request has no `Origin`).
///
/// Requests without `Origin` (curl, servers) are not subject to CORS. An origin not on the
/// list is a 403 `ORIGIN_NOT_ALLOWED`.
pub fn allow_origin(
    origins: &AllowedOrigins,
    origin: Option<&str>,
) -> Result<Option<String>, ApiError> {
    let Some(origin) = origin.map(str::trim) else {
        return Ok(None);
    };
    match origins {
        AllowedOrigins::Any => Ok(Some("*".to_owned())),
        AllowedOrigins::List(list) => {
            if list.iter().any(|o| o.eq_ignore_ascii_case(origin)) {
                Ok(Some(origin.to_owned()))
            } else {
                Err(ApiError::new(
                    403,
                    "ORIGIN_NOT_ALLOWED",
                    "this origin is not in the server's CORS_ALLOW_ORIGIN list",
                ))
            }
        }
    }
}

/// Whether `origin` is the request's own origin: its host (and port) is the request's
/// `Host`. The inspector page served by this Worker posts to `/getToken`, and browsers send
/// `Origin` with every POST, also to the same origin; that is not a cross-origin request, so
/// the allow-list does not apply (a browser cannot forge `Host`).
pub fn is_same_origin(origin: Option<&str>, host: Option<&str>) -> bool {
    match (origin, host) {
        (Some(origin), Some(host)) => {
            origin
                .trim()
                .split_once("://")
                .is_some_and(|(_, authority)| {
                    !host.trim().is_empty() && authority.eq_ignore_ascii_case(host.trim())
                })
        }
        _ => false,
    }
}

/// Adds the CORS headers of an actual (non-preflight) response.
pub fn decorate(mut response: HttpResponse, allow_origin: Option<&str>) -> HttpResponse {
    if let Some(o) = allow_origin {
        response
            .headers
            .push(("Access-Control-Allow-Origin", o.to_owned()));
        if o != "*" {
            response.headers.push(("Vary", "Origin".to_owned()));
        }
    }
    response
}

/// The 204 answer to an `OPTIONS` request for a route that accepts `allow` (the
/// `Access-Control-Allow-Origin` header is added by [`decorate`], as for every response).
pub fn preflight(allow: &'static str, allow_origin: Option<&str>) -> HttpResponse {
    let mut r = HttpResponse::empty(204).with_header("Allow", allow);
    if allow_origin.is_some() {
        r = r
            .with_header("Access-Control-Allow-Methods", allow)
            .with_header("Access-Control-Allow-Headers", ALLOW_HEADERS)
            .with_header("Access-Control-Max-Age", MAX_AGE);
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origin_rules() {
        let list = AllowedOrigins::List(vec!["https://app.example".into()]);
        assert_eq!(allow_origin(&list, None).unwrap(), None);
        assert_eq!(
            allow_origin(&list, Some("https://APP.example"))
                .unwrap()
                .as_deref(),
            Some("https://APP.example")
        );
        let e = allow_origin(&list, Some("https://evil.example")).unwrap_err();
        assert_eq!((e.status, e.code), (403, "ORIGIN_NOT_ALLOWED"));
        assert_eq!(
            allow_origin(&AllowedOrigins::Any, Some("https://x"))
                .unwrap()
                .as_deref(),
            Some("*")
        );
    }

    #[test]
    fn same_origin() {
        let same = |o, h| is_same_origin(Some(o), Some(h));
        assert!(same("http://127.0.0.1:8787", "127.0.0.1:8787"));
        assert!(same("https://Tokens.Example", "tokens.example"));
        assert!(!same("https://tokens.example", "tokens.example:8443"));
        assert!(!same("https://evil.example", "tokens.example"));
        assert!(!same("null", "null"));
        assert!(!same("https://", ""));
        assert!(!is_same_origin(Some("https://a.example"), None));
        assert!(!is_same_origin(None, Some("a.example")));
    }

    #[test]
    fn preflight_headers() {
        let r = decorate(
            preflight("POST, OPTIONS", Some("https://app.example")),
            Some("https://app.example"),
        );
        assert_eq!(r.status, 204);
        assert_eq!(
            r.header("access-control-allow-headers"),
            Some(ALLOW_HEADERS)
        );
        assert_eq!(
            r.header("access-control-allow-methods"),
            Some("POST, OPTIONS")
        );
        assert_eq!(
            r.header("access-control-allow-origin"),
            Some("https://app.example")
        );
        assert_eq!(r.header("vary"), Some("Origin"));
    }
}
