//! The server's errors: a status, a stable code and a message, rendered as
//! `{"error":{"code":"…","message":"…"}}`.
//!
//! Messages name the field and the rule. They never contain a credential or any value
//! read from the environment.

use std::borrow::Cow;

use agora_token::ErrorKind;
use serde::Serialize;

use crate::http::HttpResponse;

/// An error answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// The HTTP status.
    pub status: u16,
    /// The stable code, such as `INVALID_UID` or `UNAUTHORIZED`.
    pub code: &'static str,
    /// What went wrong, naming the field and the rule.
    pub message: Cow<'static, str>,
    /// Extra headers (`Allow` for 405, `WWW-Authenticate` for 401).
    pub headers: Vec<(&'static str, String)>,
}

impl ApiError {
    /// An error with no extra headers.
    pub fn new(status: u16, code: &'static str, message: impl Into<Cow<'static, str>>) -> Self {
        Self {
            status,
            code,
            message: message.into(),
            headers: Vec::new(),
        }
    }

    /// 400 with `code`.
    pub fn bad_request(code: &'static str, message: impl Into<Cow<'static, str>>) -> Self {
        Self::new(400, code, message)
    }

    /// 400 `MISSING_FIELD`.
    pub fn missing(field: &str) -> Self {
        Self::bad_request("MISSING_FIELD", format!("{field}: is required"))
    }

    /// 400 `INVALID_FIELD` for a field of the wrong JSON type.
    pub fn wrong_type(field: &str, expected: &str) -> Self {
        Self::bad_request(
            ErrorKind::InvalidField.code(),
            format!("{field}: must be {expected}"),
        )
    }

    /// 404 `NOT_FOUND`.
    pub fn not_found() -> Self {
        Self::new(
            404,
            "NOT_FOUND",
            "no such route: see GET / (the token inspector page), GET /ping, POST /getToken, POST /inspect, GET /rtc/…, /rtm/…, /rte/…, /chat/…",
        )
    }

    /// 404 `NOT_FOUND` for the inspector page's paths: the page is served as static assets
    /// in front of the Worker, so the Worker sees these paths only when they are missing.
    pub fn page_not_found() -> Self {
        Self::new(
            404,
            "NOT_FOUND",
            "the inspector page is served as static assets ([assets] in wrangler.toml, built by worker/page/build.sh), and this path is not among them",
        )
    }

    /// 405 `METHOD_NOT_ALLOWED` with the `Allow` header.
    pub fn method_not_allowed(allow: &'static str) -> Self {
        let mut e = Self::new(
            405,
            "METHOD_NOT_ALLOWED",
            format!("this route accepts {allow}"),
        );
        e.headers.push(("Allow", allow.to_owned()));
        e
    }

    /// 500 `SERVER_MISCONFIGURED`, naming the variable but never its value.
    pub fn misconfigured(message: impl Into<Cow<'static, str>>) -> Self {
        Self::new(500, "SERVER_MISCONFIGURED", message)
    }

    /// 500 `INTERNAL_ERROR`.
    pub fn internal(message: impl Into<Cow<'static, str>>) -> Self {
        Self::new(500, "INTERNAL_ERROR", message)
    }

    /// The JSON response.
    pub fn into_response(self) -> HttpResponse {
        #[derive(Serialize)]
        struct Body<'a> {
            error: Inner<'a>,
        }
        #[derive(Serialize)]
        struct Inner<'a> {
            code: &'a str,
            message: &'a str,
        }
        let body = Body {
            error: Inner {
                code: self.code,
                message: &self.message,
            },
        };
        // Serializing two strings cannot fail; fall back to a fixed body all the same.
        let text = serde_json::to_string(&body).unwrap_or_else(|_| {
            r#"{"error":{"code":"INTERNAL_ERROR","message":"error serialization failed"}}"#
                .to_owned()
        });
        let mut r = HttpResponse::json(self.status, text);
        r.headers.extend(self.headers);
        r
    }
}

impl From<agora_token::Error> for ApiError {
    /// Bad input to the core: 400 with the core's stable code and `field: rule`, the field
    /// named as this API names it (`channel`, `uid`, `expire`). The issue time and the salt
    /// are the server's own (from the platform), never the caller's: an error in them is
    /// a 500.
    fn from(e: agora_token::Error) -> Self {
        if matches!(
            e.field(),
            agora_token::Field::Salt | agora_token::Field::IssuedAt
        ) {
            return Self::internal(format!(
                "the platform gave an unusable {}",
                e.field().http_name()
            ));
        }
        Self::bad_request(
            e.code(),
            format!("{}: {}", e.field().http_name(), e.message()),
        )
    }
}
