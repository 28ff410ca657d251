//! The Worker's configuration: credentials and policy, read from the environment.
//!
//! Every value arrives as optional text ([`EnvVars`]) and is validated here into a
//! [`Policy`] and [`Credentials`]. A missing or malformed value is a
//! `SERVER_MISCONFIGURED` error that names the variable and never its value.

use std::fmt;

use agora_token::Credentials;

use crate::errors::ApiError;
use crate::identity::{AuthVars, CallerPolicy};

/// The default token lifetime when `TOKEN_DEFAULT_EXPIRE` is unset, in seconds.
pub const DEFAULT_EXPIRE: u32 = 3600;
/// The default longest lifetime when `TOKEN_MAX_EXPIRE` is unset, in seconds (24 h).
pub const DEFAULT_MAX_EXPIRE: u32 = 86_400;

/// The environment as text, one field per variable the Worker reads.
///
/// `Debug` is redacted for the two secrets.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct EnvVars {
    /// `AGORA_APP_ID` (var or secret): 32 hex characters.
    pub app_id: Option<String>,
    /// `AGORA_APP_CERTIFICATE` (secret): 32 hex characters.
    pub app_certificate: Option<String>,
    /// `TOKEN_API_KEY` (secret): when set, callers must send `Authorization: Bearer <key>`.
    pub api_key: Option<String>,
    /// `CORS_ALLOW_ORIGIN`: `*` (the default) or a comma-separated list of origins.
    pub cors_allow_origin: Option<String>,
    /// `TOKEN_DEFAULT_EXPIRE`: seconds, default 3600.
    pub default_expire: Option<String>,
    /// `TOKEN_MAX_EXPIRE`: seconds, default 86400.
    pub max_expire: Option<String>,
    /// `ALLOW_WILDCARD_UID`: `true` or `false` (the default).
    pub allow_wildcard_uid: Option<String>,
    /// `ALLOW_CHAT_APP_TOKEN`: `true` or `false` (the default).
    pub allow_chat_app_token: Option<String>,
    /// `ALLOWED_HOSTS`: unset (the default: any `Host`) or a comma-separated list of
    /// `host[:port]`.
    pub allowed_hosts: Option<String>,
    /// The caller-identity variables (`AUTH_*`, `TOKEN_RATE_LIMIT_PERIOD`).
    pub auth: AuthVars,
}

impl fmt::Debug for EnvVars {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let secret = |v: &Option<String>| if v.is_some() { "<redacted>" } else { "<unset>" };
        f.debug_struct("EnvVars")
            .field("app_id", &self.app_id)
            .field("app_certificate", &secret(&self.app_certificate))
            .field("api_key", &secret(&self.api_key))
            .field("cors_allow_origin", &self.cors_allow_origin)
            .field("default_expire", &self.default_expire)
            .field("max_expire", &self.max_expire)
            .field("allow_wildcard_uid", &self.allow_wildcard_uid)
            .field("allow_chat_app_token", &self.allow_chat_app_token)
            .field("allowed_hosts", &self.allowed_hosts)
            .field("auth", &self.auth)
            .finish()
    }
}

impl EnvVars {
    /// The variable names, in field order.
    pub const NAMES: [&'static str; 9] = [
        "AGORA_APP_ID",
        "AGORA_APP_CERTIFICATE",
        "TOKEN_API_KEY",
        "CORS_ALLOW_ORIGIN",
        "TOKEN_DEFAULT_EXPIRE",
        "TOKEN_MAX_EXPIRE",
        "ALLOW_WILDCARD_UID",
        "ALLOW_CHAT_APP_TOKEN",
        "ALLOWED_HOSTS",
    ];

    /// Reads every variable through `get(name)`.
    pub fn from_fn(mut get: impl FnMut(&'static str) -> Option<String>) -> Self {
        Self {
            app_id: get("AGORA_APP_ID"),
            app_certificate: get("AGORA_APP_CERTIFICATE"),
            api_key: get("TOKEN_API_KEY"),
            cors_allow_origin: get("CORS_ALLOW_ORIGIN"),
            default_expire: get("TOKEN_DEFAULT_EXPIRE"),
            max_expire: get("TOKEN_MAX_EXPIRE"),
            allow_wildcard_uid: get("ALLOW_WILDCARD_UID"),
            allow_chat_app_token: get("ALLOW_CHAT_APP_TOKEN"),
            allowed_hosts: get("ALLOWED_HOSTS"),
            auth: AuthVars::from_fn(get),
        }
    }
}

/// Which browser origins may call the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AllowedOrigins {
    /// Any origin (`*`).
    Any,
    /// Exactly these origins (`scheme://host[:port]`).
    List(Vec<String>),
}

/// The request policy.
///
/// `Debug` is redacted for the API key.
#[derive(Clone, PartialEq, Eq)]
pub struct Policy {
    /// The bearer key callers must present, if any.
    pub api_key: Option<String>,
    /// The CORS allow-list.
    pub origins: AllowedOrigins,
    /// The lifetime of a token when the request names none, in seconds.
    pub default_expire: u32,
    /// The longest lifetime a request may ask for, in seconds; more is a 400.
    pub max_expire: u32,
    /// Whether uid 0 (any user) may be issued.
    pub allow_wildcard_uid: bool,
    /// Whether a Chat app token (the app-level credential of Agora Chat's REST API) may be
    /// issued.
    pub allow_chat_app_token: bool,
    /// The `Host` values the server answers (`host[:port]`, lower case), if restricted: a
    /// defence against DNS rebinding for servers reachable on a private address.
    pub allowed_hosts: Option<Vec<String>>,
}

impl fmt::Debug for Policy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Policy")
            .field("api_key", &self.api_key.as_ref().map(|_| "<redacted>"))
            .field("origins", &self.origins)
            .field("default_expire", &self.default_expire)
            .field("max_expire", &self.max_expire)
            .field("allow_wildcard_uid", &self.allow_wildcard_uid)
            .field("allow_chat_app_token", &self.allow_chat_app_token)
            .field("allowed_hosts", &self.allowed_hosts)
            .finish()
    }
}

impl Policy {
    /// Validates the policy variables.
    pub fn from_env(env: &EnvVars) -> Result<Self, ApiError> {
        let api_key =
            match env.api_key.as_deref() {
                None => None,
                Some("") => return Err(ApiError::misconfigured(
                    "TOKEN_API_KEY is set but empty; unset it to run an open server, or set a key",
                )),
                Some(k) if k.chars().any(|c| c.is_control() || c == ' ') => {
                    return Err(ApiError::misconfigured(
                        "TOKEN_API_KEY must not contain spaces or control characters",
                    ))
                }
                Some(k) => Some(k.to_owned()),
            };
        let origins = parse_origins(env.cors_allow_origin.as_deref())?;
        let max_expire = parse_seconds(
            "TOKEN_MAX_EXPIRE",
            env.max_expire.as_deref(),
            DEFAULT_MAX_EXPIRE,
        )?;
        let default_expire = parse_seconds(
            "TOKEN_DEFAULT_EXPIRE",
            env.default_expire.as_deref(),
            DEFAULT_EXPIRE.min(max_expire),
        )?;
        if default_expire > max_expire {
            return Err(ApiError::misconfigured(
                "TOKEN_DEFAULT_EXPIRE must not exceed TOKEN_MAX_EXPIRE",
            ));
        }
        let allow_wildcard_uid =
            parse_bool("ALLOW_WILDCARD_UID", env.allow_wildcard_uid.as_deref())?;
        let allow_chat_app_token =
            parse_bool("ALLOW_CHAT_APP_TOKEN", env.allow_chat_app_token.as_deref())?;
        let allowed_hosts = parse_hosts(env.allowed_hosts.as_deref())?;
        Ok(Self {
            api_key,
            origins,
            default_expire,
            max_expire,
            allow_wildcard_uid,
            allow_chat_app_token,
            allowed_hosts,
        })
    }
}

/// Validates the credentials. The errors name the variable, never its value.
pub fn credentials(env: &EnvVars) -> Result<Credentials, ApiError> {
    let app_id = env
        .app_id
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| ApiError::misconfigured("AGORA_APP_ID is not set"))?;
    let certificate = env
        .app_certificate
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| {
            ApiError::misconfigured(
                "AGORA_APP_CERTIFICATE is not set (wrangler secret put AGORA_APP_CERTIFICATE)",
            )
        })?;
    let app_id = agora_token::AppId::new(app_id)
        .map_err(|_| ApiError::misconfigured("AGORA_APP_ID must be 32 hexadecimal characters"))?;
    let certificate = agora_token::AppCertificate::new(certificate).map_err(|_| {
        ApiError::misconfigured("AGORA_APP_CERTIFICATE must be 32 hexadecimal characters")
    })?;
    Ok(Credentials {
        app_id,
        certificate,
    })
}

/// The environment validated once: the policy and the credentials, or the error each
/// gives. Building it is the per-configuration work (parsing, the certificate's HMAC key
/// state); the Worker keeps one per isolate while the variables stay the same, so the
/// certificate's per-second 007 signing key is also reused across requests.
///
/// `Debug` is redacted (through [`Policy`] and [`Credentials`]).
#[derive(Debug, Clone)]
pub struct Settings {
    /// [`Policy::from_env`] of the environment.
    pub policy: Result<Policy, ApiError>,
    /// [`credentials`] of the environment.
    pub credentials: Result<Credentials, ApiError>,
    /// [`CallerPolicy::from_vars`] of the environment (the JWT mode, the rate limit).
    pub caller: Result<CallerPolicy, ApiError>,
}

impl Settings {
    /// Validates the policy and the credentials of `env`.
    pub fn from_env(env: &EnvVars) -> Self {
        Self {
            policy: Policy::from_env(env),
            credentials: credentials(env),
            caller: CallerPolicy::from_vars(&env.auth, env.api_key.is_some()),
        }
    }
}

impl EnvVars {
    /// Whether `other` holds the same values. The two secrets are compared in constant
    /// time (their lengths aside), the other variables as plain text.
    pub fn same_as(&self, other: &EnvVars) -> bool {
        fn ct(a: &Option<String>, b: &Option<String>) -> bool {
            use subtle::ConstantTimeEq;
            match (a, b) {
                (None, None) => true,
                (Some(a), Some(b)) => bool::from(a.as_bytes().ct_eq(b.as_bytes())),
                _ => false,
            }
        }
        // Evaluate both secret comparisons whatever the outcome of the first.
        let secrets =
            ct(&self.app_certificate, &other.app_certificate) & ct(&self.api_key, &other.api_key);
        secrets
            && self.app_id == other.app_id
            && self.cors_allow_origin == other.cors_allow_origin
            && self.default_expire == other.default_expire
            && self.max_expire == other.max_expire
            && self.allow_wildcard_uid == other.allow_wildcard_uid
            && self.allow_chat_app_token == other.allow_chat_app_token
            && self.allowed_hosts == other.allowed_hosts
            && self.auth.same_as(&other.auth)
    }
}

/// A boolean setting: `true`/`1` or `false`/`0` (any case); unset or empty is false.
fn parse_bool(name: &'static str, value: Option<&str>) -> Result<bool, ApiError> {
    match value.map(str::trim) {
        None | Some("") => Ok(false),
        Some(v) if v.eq_ignore_ascii_case("true") || v == "1" => Ok(true),
        Some(v) if v.eq_ignore_ascii_case("false") || v == "0" => Ok(false),
        Some(_) => Err(ApiError::misconfigured(format!(
            "{name} must be true or false"
        ))),
    }
}

fn parse_seconds(name: &'static str, value: Option<&str>, default: u32) -> Result<u32, ApiError> {
    let Some(v) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(default);
    };
    let n = (v.len() <= 10 && v.bytes().all(|b| b.is_ascii_digit()))
        .then(|| v.parse::<u32>().ok())
        .flatten()
        .filter(|n| (1..=agora_token::validate::MAX_RELATIVE_SECONDS).contains(n));
    n.ok_or_else(|| {
        ApiError::misconfigured(format!(
            "{name} must be a whole number of seconds in 1..={}",
            agora_token::validate::MAX_RELATIVE_SECONDS
        ))
    })
}

fn parse_origins(value: Option<&str>) -> Result<AllowedOrigins, ApiError> {
    let v = value.map(str::trim).unwrap_or("*");
    if v == "*" {
        return Ok(AllowedOrigins::Any);
    }
    let list: Vec<String> = v
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(normalize_origin)
        .collect();
    if list.is_empty() {
        return Err(ApiError::misconfigured(
            "CORS_ALLOW_ORIGIN must be * or a comma-separated list of origins",
        ));
    }
    if !list.iter().all(|o| is_origin(o)) {
        return Err(ApiError::misconfigured(
            "CORS_ALLOW_ORIGIN: each origin must be scheme://host[:port], without a path or trailing slash",
        ));
    }
    Ok(AllowedOrigins::List(list))
}

/// An origin as browsers serialize it: lower case, without the scheme's default port
/// (`https://A.example:443` is `https://a.example`), so that list entries and `Origin`
/// headers compare as plain text.
pub fn normalize_origin(origin: &str) -> String {
    let o = origin.trim().to_ascii_lowercase();
    for (scheme, port) in [("https://", ":443"), ("http://", ":80")] {
        if o.starts_with(scheme) {
            if let Some(bare) = o.strip_suffix(port) {
                return bare.to_owned();
            }
        }
    }
    o
}

/// `ALLOWED_HOSTS`: unset or empty is no restriction; otherwise `host[:port]` entries.
fn parse_hosts(value: Option<&str>) -> Result<Option<Vec<String>>, ApiError> {
    let Some(v) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    let list: Vec<String> = v
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    let valid = |h: &String| {
        !h.is_empty()
            && h.bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'[' | b']'))
    };
    if list.is_empty() || !list.iter().all(valid) {
        return Err(ApiError::misconfigured(
            "ALLOWED_HOSTS must be a comma-separated list of host[:port] (no scheme or path)",
        ));
    }
    Ok(Some(list))
}

/// Whether `o` looks like a serialized origin: `http(s)://host[:port]`.
fn is_origin(o: &str) -> bool {
    let rest = o
        .strip_prefix("https://")
        .or_else(|| o.strip_prefix("http://"));
    match rest {
        Some(host) => {
            !host.is_empty()
                && host.bytes().all(|b| {
                    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'[' | b']')
                })
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(f: impl FnOnce(&mut EnvVars)) -> EnvVars {
        let mut e = EnvVars::default();
        f(&mut e);
        e
    }

    #[test]
    fn same_as_compares_every_variable() {
        let base = env(|e| {
            e.app_id = Some("970CA35de60c44645bbae8a215061b33".into());
            e.app_certificate = Some("5CFd2fd1755d40ecb72977518be15d3b".into());
            e.api_key = Some("k".into());
        });
        assert!(base.same_as(&base.clone()));
        assert!(EnvVars::default().same_as(&EnvVars::default()));
        let changes: [fn(&mut EnvVars); 11] = [
            |e| e.app_id = None,
            |e| e.app_certificate = Some("5CFd2fd1755d40ecb72977518be15d3c".into()),
            |e| e.app_certificate = None,
            |e| e.api_key = Some("K".into()),
            |e| e.api_key = Some(String::new()),
            |e| e.cors_allow_origin = Some("*".into()),
            |e| e.default_expire = Some("60".into()),
            |e| e.max_expire = Some("60".into()),
            |e| e.allow_wildcard_uid = Some("false".into()),
            |e| e.allow_chat_app_token = Some("false".into()),
            |e| e.allowed_hosts = Some("a.example".into()),
        ];
        for (i, change) in changes.iter().enumerate() {
            let mut other = base.clone();
            change(&mut other);
            assert!(!base.same_as(&other), "change {i}");
            assert!(!other.same_as(&base), "change {i}");
        }
    }

    #[test]
    fn defaults() {
        let p = Policy::from_env(&EnvVars::default()).unwrap();
        assert_eq!(p.api_key, None);
        assert_eq!(p.origins, AllowedOrigins::Any);
        assert_eq!((p.default_expire, p.max_expire), (3600, 86_400));
        assert!(!p.allow_wildcard_uid);
        assert!(!p.allow_chat_app_token);
        assert_eq!(p.allowed_hosts, None);
    }

    #[test]
    fn values_are_validated() {
        let p = Policy::from_env(&env(|e| {
            e.cors_allow_origin = Some(" https://a.example , http://localhost:3000".into());
            e.max_expire = Some("600".into());
            e.allow_wildcard_uid = Some("TRUE".into());
            e.allow_chat_app_token = Some(" 1 ".into());
            e.allowed_hosts = Some("Tokens.Example, 127.0.0.1:8787".into());
        }))
        .unwrap();
        assert_eq!(
            p.origins,
            AllowedOrigins::List(vec![
                "https://a.example".into(),
                "http://localhost:3000".into()
            ])
        );
        assert!(p.allow_chat_app_token);
        assert_eq!(
            p.allowed_hosts,
            Some(vec!["tokens.example".into(), "127.0.0.1:8787".into()])
        );
        // The default shrinks to the maximum when only the maximum is set below it.
        assert_eq!((p.default_expire, p.max_expire), (600, 600));
        assert!(p.allow_wildcard_uid);

        let bad: [fn(&mut EnvVars); 12] = [
            |e| e.api_key = Some(String::new()),
            |e| e.cors_allow_origin = Some("https://a.example/".into()),
            |e| e.cors_allow_origin = Some("a.example".into()),
            |e| e.max_expire = Some("-1".into()),
            |e| e.max_expire = Some("4294967296".into()),
            |e| e.default_expire = Some("0".into()),
            |e| {
                e.default_expire = Some("7200".into());
                e.max_expire = Some("3600".into());
            },
            |e| e.allow_wildcard_uid = Some("yes".into()),
            |e| e.allow_chat_app_token = Some("on".into()),
            |e| e.allowed_hosts = Some("https://a.example".into()),
            |e| e.allowed_hosts = Some("a.example/x".into()),
            |e| e.allowed_hosts = Some(" , ".into()),
        ];
        for (i, f) in bad.into_iter().enumerate() {
            let err = Policy::from_env(&env(f)).unwrap_err();
            assert_eq!(
                (err.status, err.code),
                (500, "SERVER_MISCONFIGURED"),
                "case {i}"
            );
        }
    }

    #[test]
    fn origins_are_normalized() {
        assert_eq!(
            normalize_origin("HTTPS://A.example:443"),
            "https://a.example"
        );
        assert_eq!(normalize_origin("http://a.example:80"), "http://a.example");
        assert_eq!(
            normalize_origin("http://a.example:443"),
            "http://a.example:443"
        );
        assert_eq!(
            normalize_origin("https://a.example:8443"),
            "https://a.example:8443"
        );
        let p = Policy::from_env(&env(|e| {
            e.cors_allow_origin = Some("https://App.example:443".into());
        }))
        .unwrap();
        assert_eq!(
            p.origins,
            AllowedOrigins::List(vec!["https://app.example".into()])
        );
    }

    #[test]
    fn credential_errors_never_echo_values() {
        let cert = "5CFd2fd1755d40ecb72977518be15d3bX";
        let e = credentials(&env(|e| {
            e.app_id = Some("970CA35de60c44645bbae8a215061b33".into());
            e.app_certificate = Some(cert.into());
        }))
        .unwrap_err();
        assert_eq!(e.code, "SERVER_MISCONFIGURED");
        assert!(!e.message.contains("5CFd2"), "{}", e.message);
        assert!(credentials(&EnvVars::default()).is_err());
        let dbg = format!(
            "{:?}",
            env(|e| {
                e.app_certificate = Some(cert.into());
                e.api_key = Some("sekrit-key".into());
            })
        );
        assert!(!dbg.contains("5CFd2") && !dbg.contains("sekrit"), "{dbg}");
    }
}
