//! CORS: the origin allow-list, the response headers, and preflight answers.

use crate::errors::ApiError;
use crate::http::HttpResponse;
use crate::settings::{normalize_origin, AllowedOrigins};

/// The request headers a browser may send (answered to preflights).
pub const ALLOW_HEADERS: &str = "Authorization, Content-Type";
/// How long a browser may cache a preflight answer, in seconds.
pub const MAX_AGE: &str = "86400";

/// Checks the request's `Origin` (if any) against the allow-list, and returns the value of
/// `Access-Control-Allow-Origin` to send (`None` when the request has no `Origin`).
///
/// Requests without `Origin` (curl, servers) are not subject to CORS. Every request with an
/// `Origin` is, the server's own inspector page included: the list is compared with the
/// whole serialized origin (scheme, host and port; see [`normalize_origin`]), and the
/// request's `Host` plays no part (outside a browser the caller sets both headers, and a
/// DNS-rebinding page in a browser sends an `Origin` whose host equals `Host`). An origin
/// not on the list is a 403 `ORIGIN_NOT_ALLOWED`.
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
            let normalized = normalize_origin(origin);
            if list.contains(&normalized) {
                Ok(Some(origin.to_owned()))
            } else {
                Err(ApiError::new(
                    403,
                    "ORIGIN_NOT_ALLOWED",
                    "this origin (scheme, host and port) is not in the server's CORS_ALLOW_ORIGIN list",
                ))
            }
        }
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
    fn scheme_port_and_host_header_do_not_matter_but_the_origin_does() {
        let list = AllowedOrigins::List(vec!["http://127.0.0.1:8787".into()]);
        assert!(allow_origin(&list, Some("http://127.0.0.1:8787")).is_ok());
        for foreign in [
            "ftp://127.0.0.1:8787",
            "https://127.0.0.1:8787",
            "http://127.0.0.1:8788",
            "http://127.0.0.1",
            "http://127.0.0.1:8787.evil.example",
            "null",
            "",
        ] {
            let e = allow_origin(&list, Some(foreign)).unwrap_err();
            assert_eq!((e.status, e.code), (403, "ORIGIN_NOT_ALLOWED"), "{foreign}");
        }
        let list = AllowedOrigins::List(vec!["https://app.example".into()]);
        assert_eq!(
            allow_origin(&list, Some("https://app.example:443"))
                .unwrap()
                .as_deref(),
            Some("https://app.example:443")
        );
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
