//! The token inspector and generator page: `GET /` and its assets under
//! `/static/<version>/…` (the page's HTML, CSS and JS from `worker/page/`, and the npm
//! package's browser build from `pkg/`), embedded at build time by `build.rs`.
//!
//! Every page response carries a Content-Security-Policy that allows nothing but this
//! origin (plus `'wasm-unsafe-eval'` to compile the package's WebAssembly). The HTML is
//! revalidated on every load (`no-cache` with an `ETag`); the assets' URLs change with
//! their content, so they are cached as immutable.

mod assets {
    include!(concat!(env!("OUT_DIR"), "/page_assets.rs"));
}

pub use assets::{PACKAGE_BUILT, VERSION};

use crate::errors::ApiError;
use crate::http::HttpRequest;

/// The Content-Security-Policy of every page response: same origin only, no inline code.
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; \
form-action 'none'; frame-ancestors 'none'; object-src 'none'";

/// The `Cache-Control` of the HTML: always revalidate (the `ETag` makes that cheap).
pub const HTML_CACHE: &str = "no-cache";
/// The `Cache-Control` of the versioned assets.
pub const ASSET_CACHE: &str = "public, max-age=31536000, immutable";
/// The methods the page routes accept.
pub const ALLOW: &str = "GET, HEAD";

/// A page response: like [`crate::HttpResponse`], with a static (possibly binary) body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageResponse {
    /// The status code (200, 304 or 405).
    pub status: u16,
    /// The headers, in order.
    pub headers: Vec<(&'static str, String)>,
    /// The body (empty for 304).
    pub body: &'static [u8],
}

impl PageResponse {
    /// The first header called `name` (case-insensitive), if any.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// The asset served at `path` (below `/static/<version>/`), if any.
pub fn asset(path: &str) -> Option<(&'static str, &'static [u8])> {
    assets::ASSETS
        .iter()
        .find(|(p, _, _)| *p == path)
        .map(|(_, ct, body)| (*ct, *body))
}

/// Answers a page route, or `None` when `req` is for another route (the API's, or an
/// unknown path, which the API answers with its JSON 404).
pub fn serve(req: &HttpRequest<'_>) -> Option<Result<PageResponse, ApiError>> {
    let (content_type, body, cache) = if req.path == "/" {
        ("text/html; charset=utf-8", assets::INDEX_HTML, HTML_CACHE)
    } else {
        let rest = req.path.strip_prefix("/static/")?;
        let (version, name) = rest.split_once('/')?;
        if version != VERSION {
            return None;
        }
        let (ct, body) = asset(name)?;
        (ct, body, ASSET_CACHE)
    };
    if !matches!(req.method, "GET" | "HEAD") {
        return Some(Err(ApiError::method_not_allowed(ALLOW)));
    }
    let etag = format!("\"{VERSION}\"");
    let not_modified = req
        .header("if-none-match")
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    let headers = vec![
        ("Content-Type", content_type.to_owned()),
        ("Cache-Control", cache.to_owned()),
        ("ETag", etag),
        ("Content-Security-Policy", CSP.to_owned()),
        ("X-Content-Type-Options", "nosniff".to_owned()),
        ("Referrer-Policy", "no-referrer".to_owned()),
        ("Cross-Origin-Opener-Policy", "same-origin".to_owned()),
        ("Cross-Origin-Resource-Policy", "same-origin".to_owned()),
    ];
    Some(Ok(PageResponse {
        status: if not_modified { 304 } else { 200 },
        headers,
        body: if not_modified { &[] } else { body },
    }))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;

    fn get(path: &str, headers: &[(String, String)]) -> Option<Result<PageResponse, ApiError>> {
        serve(&HttpRequest {
            method: "GET",
            path,
            query: "",
            headers,
            body: &[],
        })
    }

    #[test]
    fn index_links_versioned_assets_that_exist() {
        let r = get("/", &[]).unwrap().unwrap();
        assert_eq!(r.status, 200);
        assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
        assert_eq!(r.header("cache-control"), Some(HTML_CACHE));
        assert_eq!(r.header("content-security-policy"), Some(CSP));
        let html = std::str::from_utf8(r.body).unwrap();
        assert!(!html.contains("{{VERSION}}"));
        let prefix = format!("/static/{VERSION}/");
        let links: Vec<&str> = html
            .split('"')
            .filter_map(|s| s.strip_prefix(prefix.as_str()))
            .collect();
        assert!(
            links.contains(&"app.js") && links.contains(&"app.css"),
            "{links:?}"
        );
        for l in links {
            let r = get(&format!("{prefix}{l}"), &[]).unwrap().unwrap();
            assert_eq!(r.status, 200, "{l}");
            assert_eq!(r.header("cache-control"), Some(ASSET_CACHE));
        }
        // No inline script or style: the CSP forbids them.
        assert!(
            !html.contains("<script>") && !html.contains("<style") && !html.contains(" style=")
        );
    }

    #[test]
    fn content_types() {
        let v = VERSION;
        let ct = |p: &str| {
            get(&format!("/static/{v}/{p}"), &[])
                .unwrap()
                .unwrap()
                .header("content-type")
                .map(str::to_owned)
        };
        assert_eq!(
            ct("app.js").as_deref(),
            Some("text/javascript; charset=utf-8")
        );
        assert_eq!(ct("app.css").as_deref(), Some("text/css; charset=utf-8"));
        if PACKAGE_BUILT {
            assert_eq!(
                ct("pkg/web/agora_token_wasm_bg.wasm").as_deref(),
                Some("application/wasm")
            );
            let (_, wasm) = asset("pkg/web/agora_token_wasm_bg.wasm").unwrap();
            assert_eq!(wasm.get(..4), Some(&b"\0asm"[..]));
        }
    }

    #[test]
    fn other_paths_fall_through_and_methods_are_checked() {
        assert!(get("/ping", &[]).is_none());
        assert!(get("/static/0000000000000000/app.js", &[]).is_none());
        assert!(get(&format!("/static/{VERSION}/nope.js"), &[]).is_none());
        assert!(get(&format!("/static/{VERSION}/../build.rs"), &[]).is_none());
        let post = serve(&HttpRequest {
            method: "POST",
            path: "/",
            query: "",
            headers: &[],
            body: b"x",
        })
        .unwrap()
        .unwrap_err();
        assert_eq!(post.status, 405);
    }

    #[test]
    fn etag_revalidation() {
        let etag = format!("\"{VERSION}\"");
        let r = get("/", &[("If-None-Match".into(), etag.clone())])
            .unwrap()
            .unwrap();
        assert_eq!((r.status, r.body.len()), (304, 0));
        let r = get("/", &[("If-None-Match".into(), "\"other\"".into())])
            .unwrap()
            .unwrap();
        assert_eq!(r.status, 200);
        assert_eq!(r.header("etag"), Some(etag.as_str()));
    }
}
