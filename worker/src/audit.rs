//! The audit trail: one record per token decision (a token issued, or a request for one
//! refused), written as one JSON line and counted as one metrics data point.
//!
//! A record names the route, the outcome (`issued`, `inspected`, or the refusal's code),
//! the caller (its JWT's `iss` and `sub`, the API-key mode, or open), the app id, and each
//! token asked for: service, channel, uid or account or user id, role or privileges,
//! lifetime. It never holds a token, the certificate, a JWT, the API key or any secret
//! setting: its fields are taken from the request's validated parts and the settings'
//! public values only.

use serde::Serialize;

use crate::auth::Caller;
use crate::errors::ApiError;

/// One token asked for in a request, as the issuer saw it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TokenRecord {
    /// The service: `rtc`, `rtm` or `chat`.
    pub service: &'static str,
    /// The channel (RTC, and an RTM token's stream channel).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    /// The RTC uid (`0` is the wildcard).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uid: Option<u32>,
    /// The RTC account.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
    /// The RTM or Chat user id (absent for a Chat app token).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// The RTC role.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<&'static str>,
    /// The privileges of an RTM token's stream channel, or `app` for a Chat app token.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub privileges: Vec<&'static str>,
    /// `006` or `007`.
    pub version: &'static str,
    /// The lifetime, in seconds.
    pub expires_in: u32,
    /// The expiry, in unix seconds.
    pub expires_at: u64,
}

/// Who called, as the audit trail names them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CallerRecord {
    /// `open`, `api-key` or `jwt`; `unknown` when the request was refused before the
    /// caller was established.
    pub kind: &'static str,
    /// The JWT's `iss`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub iss: Option<String>,
    /// The JWT's `sub`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub: Option<String>,
}

impl CallerRecord {
    /// A caller not established (refused before authentication, or authentication failed).
    pub const UNKNOWN: Self = Self {
        kind: "unknown",
        iss: None,
        sub: None,
    };

    /// The record of an established caller.
    pub fn of(caller: &Caller) -> Self {
        match caller {
            Caller::Open => Self {
                kind: "open",
                ..Self::UNKNOWN
            },
            Caller::ApiKey => Self {
                kind: "api-key",
                ..Self::UNKNOWN
            },
            Caller::Jwt(id) => Self {
                kind: "jwt",
                iss: id.issuer.clone(),
                sub: id.subject.clone(),
            },
        }
    }
}

/// One decision, written as one JSON line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Decision {
    /// Marks the line as this server's audit record (for log filters).
    pub audit: &'static str,
    /// When, in unix seconds (absent when the clock was unavailable).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time: Option<u32>,
    /// The request id (`cf-ray` on Cloudflare), when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// The route's name (`getToken`, `rtc`, `rte`, …).
    pub route: &'static str,
    /// The method.
    pub method: String,
    /// The answer's status.
    pub status: u16,
    /// `issued`, `inspected`, or the refusal's code (`FORBIDDEN_ROLE`, `UNAUTHORIZED`, …).
    pub outcome: String,
    /// For a refused JWT, its reason (`TOKEN_EXPIRED`, `BAD_SIGNATURE`, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The caller.
    pub caller: CallerRecord,
    /// The app id the tokens are for (absent when the credentials are not configured).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub app_id: Option<String>,
    /// The tokens asked for (issued when the outcome is `issued`).
    pub tokens: Vec<TokenRecord>,
}

/// The name every audit line carries in its `audit` field.
pub const AUDIT_MARK: &str = "agora-token";

impl Decision {
    /// The outcome and reason of an answer: `success` for a 2xx, else the error's code and,
    /// for a refused JWT, the reason at the start of its message.
    pub fn outcome(result: Result<&'static str, &ApiError>) -> (String, Option<String>) {
        match result {
            Ok(success) => (success.to_owned(), None),
            Err(e) => {
                let reason = (e.status == 401)
                    .then(|| e.message.split(':').next().unwrap_or_default().to_owned())
                    .filter(|r| {
                        !r.is_empty() && r.bytes().all(|b| b.is_ascii_uppercase() || b == b'_')
                    });
                (e.code.to_owned(), reason)
            }
        }
    }

    /// The JSON line.
    pub fn line(&self) -> String {
        // Serializing plain strings and integers cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The metrics data point of this decision.
    pub fn data_point(&self) -> DataPoint {
        let services: Vec<&str> = self.tokens.iter().map(|t| t.service).collect();
        let lifetime = self.tokens.iter().map(|t| t.expires_in).max().unwrap_or(0);
        DataPoint {
            index: self.app_id.clone().unwrap_or_default(),
            blobs: vec![
                self.outcome.clone(),
                self.reason.clone().unwrap_or_default(),
                services.join("+"),
                self.caller.kind.to_owned(),
                self.route.to_owned(),
            ],
            doubles: vec![1.0, f64::from(lifetime), f64::from(self.status)],
        }
    }
}

/// One metrics data point (Workers Analytics Engine's shape): an index (the sampling key),
/// blobs (dimensions) and doubles (values).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DataPoint {
    /// The sampling key: the app id.
    pub index: String,
    /// `blob1` outcome, `blob2` reason, `blob3` services, `blob4` caller kind, `blob5` route.
    pub blobs: Vec<String>,
    /// `double1` 1 (a count), `double2` the lifetime in seconds, `double3` the status.
    pub doubles: Vec<f64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes() {
        assert_eq!(Decision::outcome(Ok("issued")), ("issued".into(), None));
        let e = ApiError::new(403, "FORBIDDEN_ROLE", "role: …");
        assert_eq!(Decision::outcome(Err(&e)), ("FORBIDDEN_ROLE".into(), None));
        let e = ApiError::new(
            401,
            "UNAUTHORIZED",
            "TOKEN_EXPIRED: exp: the JWT has expired",
        );
        assert_eq!(
            Decision::outcome(Err(&e)),
            ("UNAUTHORIZED".into(), Some("TOKEN_EXPIRED".into()))
        );
        let e = ApiError::new(401, "UNAUTHORIZED", "the API key is not valid");
        assert_eq!(Decision::outcome(Err(&e)), ("UNAUTHORIZED".into(), None));
    }

    #[test]
    fn line_and_data_point() {
        let d = Decision {
            audit: AUDIT_MARK,
            time: Some(1),
            request_id: None,
            route: "getToken",
            method: "POST".into(),
            status: 200,
            outcome: "issued".into(),
            reason: None,
            caller: CallerRecord::UNKNOWN,
            app_id: Some("a".into()),
            tokens: vec![TokenRecord {
                service: "rtc",
                channel: Some("c\"\n".into()),
                uid: Some(42),
                account: None,
                user_id: None,
                role: Some("publisher"),
                privileges: Vec::new(),
                version: "007",
                expires_in: 60,
                expires_at: 61,
            }],
        };
        let line = d.line();
        assert!(!line.contains('\n'), "one line: {line}");
        let v: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(v["tokens"][0]["channel"], "c\"\n");
        assert_eq!(v["tokens"][0]["expiresIn"], 60);
        assert_eq!(v["caller"]["kind"], "unknown");
        let p = d.data_point();
        assert_eq!(p.blobs, ["issued", "", "rtc", "unknown", "getToken"]);
        assert_eq!(p.doubles, [1.0, 60.0, 200.0]);
    }
}
