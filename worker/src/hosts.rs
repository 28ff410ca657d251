//! The `Host` allow-list (`ALLOWED_HOSTS`): a defence against DNS rebinding.
//!
//! A server on a private address (`make dev`, `wrangler dev`, self-hosted workerd) can be
//! reached by a hostile page whose domain is re-pointed at that address: the browser then
//! treats the server as the page's own origin, sends no `Origin` on a same-origin GET, and
//! lets the page read the answer. The request still names the hostile domain in `Host`, so
//! a server that answers only its own host names refuses it. On Cloudflare the platform
//! routes by host already; the list is optional there.

use crate::errors::ApiError;

/// 400 `INVALID_HOST` for a `Host` that is no `host[:port]`: one holding a path, query,
/// fragment or user-info delimiter (`/ ? # \ @`), whitespace or a control character. The
/// runtime builds the request URL from `Host`, so such a value would move the route away
/// from what a proxy or WAF in front saw. Checked whatever the settings, before anything
/// else.
pub fn check_syntax(host: Option<&str>) -> Result<(), ApiError> {
    let bad = host.is_some_and(|h| {
        h.chars().any(|c| {
            matches!(c, '/' | '?' | '#' | '\\' | '@') || c.is_whitespace() || c.is_control()
        })
    });
    if bad {
        Err(ApiError::bad_request(
            "INVALID_HOST",
            "Host: must be host[:port], without a path, query, user info or spaces",
        ))
    } else {
        Ok(())
    }
}

/// Checks `Host` against the allow-list (`None`: every host is answered).
///
/// Names compare case-insensitively; the port is part of the entry (`127.0.0.1:8787`). A
/// request without `Host` is refused while a list is set.
pub fn check(allowed: Option<&[String]>, host: Option<&str>) -> Result<(), ApiError> {
    let Some(list) = allowed else {
        return Ok(());
    };
    let host = host.map(str::trim).unwrap_or_default();
    if !host.is_empty() && list.iter().any(|h| h.eq_ignore_ascii_case(host)) {
        Ok(())
    } else {
        Err(ApiError::new(
            403,
            "HOST_NOT_ALLOWED",
            "this Host is not in the server's ALLOWED_HOSTS list",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::{check, check_syntax};

    #[test]
    fn host_syntax() {
        for ok in [
            None,
            Some("127.0.0.1:8787"),
            Some("tokens.example"),
            Some("[::1]:80"),
        ] {
            assert!(check_syntax(ok).is_ok(), "{ok:?}");
        }
        for bad in [
            "127.0.0.1:8787/rtc/lobby/publisher/uid/42/?x=",
            "a.example?x",
            "a.example#f",
            "user@a.example",
            "a.example\\x",
            "a.example x",
            "a.example\t",
        ] {
            let e = check_syntax(Some(bad)).unwrap_err();
            assert_eq!((e.status, e.code), (400, "INVALID_HOST"), "{bad}");
        }
    }

    #[test]
    fn hosts() {
        let list = vec!["127.0.0.1:8787".to_owned(), "tokens.example".to_owned()];
        assert!(check(None, None).is_ok());
        assert!(check(None, Some("evil.example")).is_ok());
        assert!(check(Some(&list), Some("127.0.0.1:8787")).is_ok());
        assert!(check(Some(&list), Some("Tokens.Example")).is_ok());
        for bad in [
            None,
            Some(""),
            Some("evil.example:8787"),
            Some("127.0.0.1"),
            Some("127.0.0.1:8788"),
            Some("tokens.example.evil.example"),
        ] {
            let e = check(Some(&list), bad).unwrap_err();
            assert_eq!((e.status, e.code), (403, "HOST_NOT_ALLOWED"), "{bad:?}");
        }
    }
}
