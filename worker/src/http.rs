//! The plain request and response the pure handler works on, independent of the runtime.

/// The largest request body the server reads, in bytes (8 KiB).
pub const MAX_BODY_BYTES: usize = 8 * 1024;

/// An HTTP request, as the pure handler sees it.
///
/// `Debug` redacts the value of `Authorization` (it carries the API key).
#[derive(Clone, Copy)]
pub struct HttpRequest<'a> {
    /// The method, such as `GET` (compared case-sensitively, as HTTP requires).
    pub method: &'a str,
    /// The path, still percent-encoded, starting with `/`.
    pub path: &'a str,
    /// The query string without the leading `?` (empty when there is none).
    pub query: &'a str,
    /// The headers as `(name, value)`; names are matched case-insensitively.
    pub headers: &'a [(String, String)],
    /// The body. The adapter stops reading after [`MAX_BODY_BYTES`] + 1 bytes.
    pub body: &'a [u8],
    /// The client's address, as the platform knows it (Cloudflare's `CF-Connecting-IP`, the
    /// native server's peer or trusted proxy header): the rate limit's key without a JWT.
    pub client_ip: Option<&'a str>,
    /// The platform's id of this request (Cloudflare's `cf-ray`), for the audit trail.
    pub request_id: Option<&'a str>,
}

impl std::fmt::Debug for HttpRequest<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(n, v)| {
                let v = if n.eq_ignore_ascii_case("authorization")
                    || n.eq_ignore_ascii_case("cf-access-jwt-assertion")
                {
                    "<redacted>"
                } else {
                    v.as_str()
                };
                (n.as_str(), v)
            })
            .collect();
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("query", &self.query)
            .field("headers", &headers)
            .field("body", &String::from_utf8_lossy(self.body))
            .field("client_ip", &self.client_ip)
            .field("request_id", &self.request_id)
            .finish()
    }
}

impl HttpRequest<'_> {
    /// The first header called `name` (case-insensitive), if any.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// An HTTP response produced by the pure handler.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpResponse {
    /// The status code.
    pub status: u16,
    /// The headers, in order.
    pub headers: Vec<(&'static str, String)>,
    /// The body (JSON, or empty for 204).
    pub body: String,
}

impl HttpResponse {
    /// A JSON response with `Cache-Control: no-store` (every answer may carry a token or
    /// describe one, so none is cacheable) and `X-Content-Type-Options: nosniff`.
    pub fn json(status: u16, body: String) -> Self {
        Self {
            status,
            headers: vec![
                ("Content-Type", "application/json; charset=utf-8".to_owned()),
                ("Cache-Control", "no-store".to_owned()),
                ("X-Content-Type-Options", "nosniff".to_owned()),
            ],
            body,
        }
    }

    /// An empty response (for 204), with the same `Cache-Control` and `nosniff`.
    pub fn empty(status: u16) -> Self {
        Self {
            status,
            headers: vec![
                ("Cache-Control", "no-store".to_owned()),
                ("X-Content-Type-Options", "nosniff".to_owned()),
            ],
            body: String::new(),
        }
    }

    /// The first header called `name` (case-insensitive), if any.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Adds a header.
    pub fn with_header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }
}
