//! The server's settings: every variable it reads, as text ([`Vars`]), validated once into
//! typed values ([`Settings`]).
//!
//! A variable is one field of [`Vars`]: its name is the field's name in upper case (serde's
//! `SCREAMING_SNAKE_CASE`), its doc is the field's doc, and reading, comparing and redacting it
//! are derived ([`Secret`] for the secrets). Validation names the variable and never its
//! value: a missing or malformed one is a `SERVER_MISCONFIGURED` error.

use agora_token::{AppCertificate, AppId, Credentials};
use serde::Deserialize;
use serde_json::{Map, Value};

use crate::errors::ApiError;
use crate::jwt::claims::{ClaimRules, DEFAULT_LEEWAY};
use crate::secret::Secret;

/// The default token lifetime when `TOKEN_DEFAULT_EXPIRE` is unset, in seconds.
pub const DEFAULT_EXPIRE: u32 = 3600;
/// The default longest lifetime when `TOKEN_MAX_EXPIRE` is unset, in seconds (24 h).
pub const DEFAULT_MAX_EXPIRE: u32 = 86_400;
/// The largest `AUTH_JWT_LEEWAY`, in seconds.
pub const MAX_LEEWAY: u32 = 600;
/// The shortest `AUTH_JWT_SECRET`, in bytes (RFC 7518 §3.2: an HS256 key as long as the hash).
pub const MIN_JWT_SECRET_BYTES: usize = 32;

/// Every variable the server reads, as the platform gives it (text; unset is `None`).
///
/// `Debug` and `==` are derived: the secrets are [`Secret`]s (redacted, compared in constant
/// time). The native server (feature `server`) also derives its command line from it: each
/// field is an environment variable of its name and a `--flag`, documented by its doc.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[cfg_attr(feature = "server", derive(clap::Args))]
pub struct Vars {
    /// The Agora app id (a var or a secret): 32 hex characters.
    #[cfg_attr(feature = "server", arg(long, env))]
    pub agora_app_id: Option<String>,
    /// The app certificate (a secret): 32 hex characters. Tokens are signed with it.
    #[cfg_attr(feature = "server", arg(long, env, hide_env_values = true))]
    pub agora_app_certificate: Option<Secret>,
    /// A second certificate of the same project (a secret), during a certificate rotation:
    /// `/inspect` accepts tokens signed with either and says which one matched.
    #[cfg_attr(feature = "server", arg(long, env, hide_env_values = true))]
    pub agora_app_certificate_secondary: Option<Secret>,
    /// A shared key callers must send as `Authorization: Bearer <key>` (a secret).
    #[cfg_attr(feature = "server", arg(long, env, hide_env_values = true))]
    pub token_api_key: Option<Secret>,
    /// `*` (the default) or a comma-separated list of the browser origins that may call.
    #[cfg_attr(feature = "server", arg(long, env))]
    pub cors_allow_origin: Option<String>,
    /// A token's lifetime when the request names none, in seconds (default 3600).
    #[cfg_attr(feature = "server", arg(long, env))]
    pub token_default_expire: Option<String>,
    /// The longest lifetime a request may ask for, in seconds (default 86400).
    #[cfg_attr(feature = "server", arg(long, env))]
    pub token_max_expire: Option<String>,
    /// `true` to issue uid 0, the wildcard any user may join with (default `false`).
    #[cfg_attr(feature = "server", arg(long, env))]
    pub allow_wildcard_uid: Option<String>,
    /// `true` to issue Chat app tokens, the app-level credential of Agora Chat's REST API
    /// (default `false`).
    #[cfg_attr(feature = "server", arg(long, env))]
    pub allow_chat_app_token: Option<String>,
    /// The `Host` values the server answers, comma-separated `host[:port]` (default: any).
    #[cfg_attr(feature = "server", arg(long, env))]
    pub allowed_hosts: Option<String>,
    /// The identity provider's JWKS: `https://…` (or `http://` to a loopback host).
    #[cfg_attr(feature = "server", arg(long, env))]
    pub auth_jwks_url: Option<String>,
    /// The HS256 secret of caller JWTs (a secret), at least 32 bytes.
    #[cfg_attr(feature = "server", arg(long, env, hide_env_values = true))]
    pub auth_jwt_secret: Option<Secret>,
    /// The `iss` caller JWTs must carry.
    #[cfg_attr(feature = "server", arg(long, env))]
    pub auth_jwt_issuer: Option<String>,
    /// The `aud` caller JWTs must name (comma-separated: any of them).
    #[cfg_attr(feature = "server", arg(long, env))]
    pub auth_jwt_audience: Option<String>,
    /// Seconds of clock skew allowed on the JWT's `exp` and `nbf` (default 60, at most 600).
    #[cfg_attr(feature = "server", arg(long, env))]
    pub auth_jwt_leeway: Option<String>,
    /// The claim holding the caller's identity (default `sub`).
    #[cfg_attr(feature = "server", arg(long, env))]
    pub auth_uid_claim: Option<String>,
    /// The claim listing the channels the caller may join.
    #[cfg_attr(feature = "server", arg(long, env))]
    pub auth_channel_claim: Option<String>,
    /// The claim that must say `publisher` for a token that publishes.
    #[cfg_attr(feature = "server", arg(long, env))]
    pub auth_role_claim: Option<String>,
    /// The period of the per-caller rate limit, in seconds (10 or 60, default 60; the
    /// Worker's `TOKEN_RATE_LIMITER` binding's, the native server's `TOKEN_RATE_LIMIT`), sent
    /// as `Retry-After`.
    #[cfg_attr(feature = "server", arg(long, env))]
    pub token_rate_limit_period: Option<String>,
    /// `off` to stop writing the audit trail (one JSON line per token decision; on by
    /// default).
    #[cfg_attr(feature = "server", arg(long, env))]
    pub audit_log: Option<String>,
}

impl Vars {
    /// The variable names, in field order.
    pub fn names() -> &'static [&'static str] {
        serde_aux::serde_introspection::serde_introspect::<Self>()
    }

    /// Reads every variable through `get(name)`.
    pub fn from_lookup(mut get: impl FnMut(&str) -> Option<String>) -> Self {
        let map: Map<String, Value> = Self::names()
            .iter()
            .filter_map(|name| get(name).map(|v| ((*name).to_owned(), Value::String(v))))
            .collect();
        // Every field is optional text, so a map of texts always deserializes.
        serde_json::from_value(Value::Object(map)).unwrap_or_default()
    }

    fn any_jwt_setting(&self) -> bool {
        self.auth_jwks_url.is_some()
            || self.auth_jwt_secret.is_some()
            || [
                &self.auth_jwt_issuer,
                &self.auth_jwt_audience,
                &self.auth_jwt_leeway,
                &self.auth_uid_claim,
                &self.auth_channel_claim,
                &self.auth_role_claim,
            ]
            .iter()
            .any(|v| v.is_some())
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    /// The bearer key callers must present, if any.
    pub api_key: Option<Secret>,
    /// The CORS allow-list.
    pub origins: AllowedOrigins,
    /// The lifetime of a token when the request names none, in seconds.
    pub default_expire: u32,
    /// The longest lifetime a request may ask for, in seconds; more is a 400.
    pub max_expire: u32,
    /// Whether uid 0 (any user) may be issued.
    pub allow_wildcard_uid: bool,
    /// Whether a Chat app token may be issued.
    pub allow_chat_app_token: bool,
    /// The `Host` values the server answers (`host[:port]`, lower case), if restricted: a
    /// defence against DNS rebinding for servers reachable on a private address.
    pub allowed_hosts: Option<Vec<String>>,
    /// Whether each token decision writes an audit line.
    pub audit_log: bool,
}

impl Policy {
    /// Validates the policy variables.
    pub fn from_vars(v: &Vars) -> Result<Self, ApiError> {
        let api_key =
            match v.token_api_key.as_ref().map(Secret::expose) {
                None => None,
                Some("") => return Err(ApiError::misconfigured(
                    "TOKEN_API_KEY is set but empty; unset it to run an open server, or set a key",
                )),
                Some(k) if k.chars().any(|c| c.is_control() || c.is_whitespace()) => {
                    return Err(ApiError::misconfigured(
                        "TOKEN_API_KEY must not contain spaces or control characters",
                    ))
                }
                Some(_) => v.token_api_key.clone(),
            };
        let origins = parse_origins(v.cors_allow_origin.as_deref())?;
        let max_expire = parse_seconds(
            "TOKEN_MAX_EXPIRE",
            v.token_max_expire.as_deref(),
            DEFAULT_MAX_EXPIRE,
        )?;
        let default_expire = parse_seconds(
            "TOKEN_DEFAULT_EXPIRE",
            v.token_default_expire.as_deref(),
            DEFAULT_EXPIRE.min(max_expire),
        )?;
        if default_expire > max_expire {
            return Err(ApiError::misconfigured(
                "TOKEN_DEFAULT_EXPIRE must not exceed TOKEN_MAX_EXPIRE",
            ));
        }
        Ok(Self {
            api_key,
            origins,
            default_expire,
            max_expire,
            allow_wildcard_uid: parse_bool("ALLOW_WILDCARD_UID", v.allow_wildcard_uid.as_deref())?,
            allow_chat_app_token: parse_bool(
                "ALLOW_CHAT_APP_TOKEN",
                v.allow_chat_app_token.as_deref(),
            )?,
            allowed_hosts: parse_hosts(v.allowed_hosts.as_deref())?,
            audit_log: match v.audit_log.as_deref().map(str::trim) {
                None | Some("") => true,
                Some(a) if a.eq_ignore_ascii_case("on") => true,
                Some(a) if a.eq_ignore_ascii_case("off") => false,
                Some(_) => return Err(ApiError::misconfigured("AUDIT_LOG must be on or off")),
            },
        })
    }
}

/// Validates the credentials. The errors name the variable, never its value.
pub fn credentials(v: &Vars) -> Result<Credentials, ApiError> {
    let app_id = v
        .agora_app_id
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| ApiError::misconfigured("AGORA_APP_ID is not set"))?;
    let certificate = v
        .agora_app_certificate
        .as_ref()
        .map(|c| c.expose().trim())
        .filter(|s| !s.is_empty())
        .ok_or_else(|| {
            ApiError::misconfigured(
                "AGORA_APP_CERTIFICATE is not set (a secret: `wrangler secret put AGORA_APP_CERTIFICATE` on Cloudflare, the environment of agora-token-server)",
            )
        })?;
    let app_id = AppId::new(app_id)
        .map_err(|_| ApiError::misconfigured("AGORA_APP_ID must be 32 hexadecimal characters"))?;
    let certificate = AppCertificate::new(certificate).map_err(|_| {
        ApiError::misconfigured("AGORA_APP_CERTIFICATE must be 32 hexadecimal characters")
    })?;
    Ok(Credentials {
        app_id,
        certificate,
    })
}

/// Validates `AGORA_APP_CERTIFICATE_SECONDARY`: unset, or 32 hex characters other than the
/// primary's.
pub fn secondary_certificate(v: &Vars) -> Result<Option<AppCertificate>, ApiError> {
    let Some(text) = v
        .agora_app_certificate_secondary
        .as_ref()
        .map(|c| c.expose().trim())
        .filter(|s| !s.is_empty())
    else {
        return Ok(None);
    };
    let secondary = AppCertificate::new(text).map_err(|_| {
        ApiError::misconfigured("AGORA_APP_CERTIFICATE_SECONDARY must be 32 hexadecimal characters")
    })?;
    let primary = v
        .agora_app_certificate
        .as_ref()
        .and_then(|c| AppCertificate::new(c.expose().trim()).ok());
    if primary.is_some_and(|p| p == secondary) {
        return Err(ApiError::misconfigured(
            "AGORA_APP_CERTIFICATE_SECONDARY is the same as AGORA_APP_CERTIFICATE; set it to the project's other certificate, or unset it",
        ));
    }
    Ok(Some(secondary))
}

/// The validated caller-JWT settings (the `AUTH_*` variables).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthConfig {
    /// `AUTH_JWT_SECRET`: HS256 tokens are checked against it (and only against it).
    pub secret: Option<Secret>,
    /// `AUTH_JWKS_URL`: RS256 / ES256 / EdDSA tokens are checked against its keys.
    pub jwks_url: Option<String>,
    /// `AUTH_JWT_ISSUER`, `AUTH_JWT_AUDIENCE`, `AUTH_JWT_LEEWAY`.
    pub rules: ClaimRules,
    /// The identity claim (default `sub`).
    pub uid_claim: String,
    /// The allowed-channels claim, if channels are restricted.
    pub channel_claim: Option<String>,
    /// The role claim, if publishing is restricted.
    pub role_claim: Option<String>,
}

impl AuthConfig {
    /// Validates the `AUTH_*` variables: `Ok(None)` when none is set (the API-key or open
    /// mode).
    pub fn from_vars(v: &Vars) -> Result<Option<Self>, ApiError> {
        if !v.any_jwt_setting() {
            return Ok(None);
        }
        let secret = match v.auth_jwt_secret.as_ref().map(Secret::expose) {
            None => None,
            Some(s) if s.trim() != s => {
                return Err(ApiError::misconfigured(
                    "AUTH_JWT_SECRET begins or ends with whitespace (a pasted newline?); set it without",
                ))
            }
            Some(s) if s.len() < MIN_JWT_SECRET_BYTES => {
                return Err(ApiError::misconfigured(
                    "AUTH_JWT_SECRET must be at least 32 bytes (RFC 7518 §3.2: an HS256 key as long as the hash)",
                ))
            }
            Some(_) => v.auth_jwt_secret.clone(),
        };
        let jwks_url = match v.auth_jwks_url.as_deref().map(str::trim) {
            None => None,
            Some(u) if is_jwks_url(u) => Some(u.to_owned()),
            Some(_) => return Err(ApiError::misconfigured(
                "AUTH_JWKS_URL must be an https:// URL (http:// only to 127.0.0.1 or localhost)",
            )),
        };
        if secret.is_none() && jwks_url.is_none() {
            return Err(ApiError::misconfigured(
                "AUTH_* settings need a key source: set AUTH_JWKS_URL or AUTH_JWT_SECRET",
            ));
        }
        let leeway = match text(&v.auth_jwt_leeway) {
            None => DEFAULT_LEEWAY,
            Some(s) => s
                .parse::<u32>()
                .ok()
                .filter(|n| *n <= MAX_LEEWAY)
                .ok_or_else(|| {
                    ApiError::misconfigured(format!(
                        "AUTH_JWT_LEEWAY must be a whole number of seconds in 0..={MAX_LEEWAY}"
                    ))
                })?,
        };
        let audiences: Vec<String> = text(&v.auth_jwt_audience)
            .map(|a| {
                a.split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        if v.auth_jwt_audience.is_some() && audiences.is_empty() {
            return Err(ApiError::misconfigured(
                "AUTH_JWT_AUDIENCE is set but empty; unset it or name the audience",
            ));
        }
        let issuer = match v.auth_jwt_issuer.as_deref().map(str::trim) {
            None => None,
            Some("") => {
                return Err(ApiError::misconfigured(
                    "AUTH_JWT_ISSUER is set but empty; unset it or name the issuer",
                ))
            }
            Some(s) => Some(s.to_owned()),
        };
        Ok(Some(Self {
            secret,
            jwks_url,
            rules: ClaimRules {
                issuer,
                audiences,
                leeway,
            },
            uid_claim: claim_name("AUTH_UID_CLAIM", &v.auth_uid_claim)?
                .unwrap_or_else(|| "sub".into()),
            channel_claim: claim_name("AUTH_CHANNEL_CLAIM", &v.auth_channel_claim)?,
            role_claim: claim_name("AUTH_ROLE_CLAIM", &v.auth_role_claim)?,
        }))
    }
}

/// The caller settings: the JWT mode (if any `AUTH_*` is set) and the rate limiter's period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallerPolicy {
    /// The JWT mode, or `None` for the API-key / open modes.
    pub jwt: Option<AuthConfig>,
    /// `TOKEN_RATE_LIMIT_PERIOD`: the `Retry-After` of a 429, in seconds.
    pub rate_limit_period: u32,
}

impl CallerPolicy {
    /// Validates the variables. `AUTH_*` with `TOKEN_API_KEY` is refused: with a JWT key
    /// source set, only a valid JWT gets a token, so a key that no longer guards anything
    /// must not look as if it did.
    pub fn from_vars(v: &Vars) -> Result<Self, ApiError> {
        let jwt = AuthConfig::from_vars(v)?;
        if jwt.is_some() && v.token_api_key.is_some() {
            return Err(ApiError::misconfigured(
                "TOKEN_API_KEY and AUTH_* are exclusive: with AUTH_JWKS_URL or AUTH_JWT_SECRET only a valid JWT gets a token; unset TOKEN_API_KEY",
            ));
        }
        let rate_limit_period = match text(&v.token_rate_limit_period) {
            None | Some("60") => 60,
            Some("10") => 10,
            Some(_) => {
                return Err(ApiError::misconfigured(
                    "TOKEN_RATE_LIMIT_PERIOD must be 10 or 60 (the period of [[ratelimits]] TOKEN_RATE_LIMITER)",
                ))
            }
        };
        Ok(Self {
            jwt,
            rate_limit_period,
        })
    }
}

/// The settings validated once: the policy, the credentials and the caller settings, or
/// the error each gives. Building them is the per-configuration work (parsing, the
/// certificate's HMAC key state); a server keeps them while the variables stay the same,
/// so the certificate's per-second 007 signing key is also reused across requests.
#[derive(Debug, Clone)]
pub struct Settings {
    /// [`Policy::from_vars`].
    pub policy: Result<Policy, ApiError>,
    /// [`credentials`].
    pub credentials: Result<Credentials, ApiError>,
    /// [`secondary_certificate`].
    pub secondary_certificate: Result<Option<AppCertificate>, ApiError>,
    /// [`CallerPolicy::from_vars`].
    pub caller: Result<CallerPolicy, ApiError>,
}

impl Settings {
    /// Validates `vars`.
    pub fn from_vars(vars: &Vars) -> Self {
        Self {
            policy: Policy::from_vars(vars),
            credentials: credentials(vars),
            secondary_certificate: secondary_certificate(vars),
            caller: CallerPolicy::from_vars(vars),
        }
    }

    /// The first configuration error, if any (a server's start-up check).
    pub fn error(&self) -> Option<&ApiError> {
        self.policy
            .as_ref()
            .err()
            .or(self.credentials.as_ref().err())
            .or(self.secondary_certificate.as_ref().err())
            .or(self.caller.as_ref().err())
    }
}

fn text(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

fn claim_name(name: &'static str, v: &Option<String>) -> Result<Option<String>, ApiError> {
    match v.as_deref().map(str::trim) {
        None => Ok(None),
        Some("") => Err(ApiError::misconfigured(format!(
            "{name} is set but empty; unset it or name a claim"
        ))),
        Some(s) if s.len() > 256 || s.chars().any(char::is_control) => Err(
            ApiError::misconfigured(format!("{name} must be a claim name of at most 256 bytes")),
        ),
        Some(s) => Ok(Some(s.to_owned())),
    }
}

/// Whether `url` is `https://…`, or `http://` to a loopback host (local tests).
fn is_jwks_url(url: &str) -> bool {
    if url.len() > 2048 || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    if let Some(rest) = url.strip_prefix("https://") {
        let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
        return !authority.is_empty() && !authority.contains(['@', '\\']);
    }
    let Some(rest) = url.strip_prefix("http://") else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = host.rsplit_once(':').map_or(host, |(h, port)| {
        if port.bytes().all(|b| b.is_ascii_digit()) && !h.ends_with(':') {
            h
        } else {
            host
        }
    });
    matches!(host, "127.0.0.1" | "localhost" | "[::1]")
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
    if list.is_empty() || !list.iter().all(|h| is_host_chars(h)) {
        return Err(ApiError::misconfigured(
            "ALLOWED_HOSTS must be a comma-separated list of host[:port] (no scheme or path)",
        ));
    }
    Ok(Some(list))
}

/// Whether `h` is non-empty and made of the characters of a `host[:port]`.
pub fn is_host_chars(h: &str) -> bool {
    !h.is_empty()
        && h.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'[' | b']'))
}

/// Whether `o` looks like a serialized origin: `http(s)://host[:port]`.
fn is_origin(o: &str) -> bool {
    o.strip_prefix("https://")
        .or_else(|| o.strip_prefix("http://"))
        .is_some_and(is_host_chars)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(f: impl FnOnce(&mut Vars)) -> Vars {
        let mut v = Vars::default();
        f(&mut v);
        v
    }

    #[test]
    fn names_are_the_fields_in_upper_case() {
        let names = Vars::names();
        assert_eq!(names.first(), Some(&"AGORA_APP_ID"));
        assert!(names.contains(&"AUTH_JWT_SECRET"));
        assert!(names.contains(&"TOKEN_RATE_LIMIT_PERIOD"));
        let v = Vars::from_lookup(|n| (n == "TOKEN_MAX_EXPIRE").then(|| "60".to_owned()));
        assert_eq!(v.token_max_expire.as_deref(), Some("60"));
        assert_eq!(v, vars(|v| v.token_max_expire = Some("60".into())));
        // Every name reads its own field.
        for name in names {
            let v = Vars::from_lookup(|n| (n == *name).then(|| "x".to_owned()));
            assert_ne!(v, Vars::default(), "{name}");
        }
    }

    #[test]
    fn equality_covers_every_variable() {
        let base = vars(|v| {
            v.agora_app_id = Some("970CA35de60c44645bbae8a215061b33".into());
            v.agora_app_certificate = Some("5CFd2fd1755d40ecb72977518be15d3b".into());
            v.token_api_key = Some("k".into());
        });
        for name in Vars::names() {
            let mut changed = false;
            let other = Vars::from_lookup(|n| {
                if n == *name {
                    changed = true;
                    Some("changed".to_owned())
                } else {
                    // The same values as `base`.
                    match n {
                        "AGORA_APP_ID" => base.agora_app_id.clone(),
                        "AGORA_APP_CERTIFICATE" => Some("5CFd2fd1755d40ecb72977518be15d3b".into()),
                        "TOKEN_API_KEY" => Some("k".into()),
                        _ => None,
                    }
                }
            });
            assert!(changed);
            assert_ne!(base, other, "{name}");
        }
    }

    #[test]
    fn defaults() {
        let p = Policy::from_vars(&Vars::default()).unwrap();
        assert_eq!(p.api_key, None);
        assert_eq!(p.origins, AllowedOrigins::Any);
        assert_eq!((p.default_expire, p.max_expire), (3600, 86_400));
        assert!(!p.allow_wildcard_uid);
        assert!(!p.allow_chat_app_token);
        assert_eq!(p.allowed_hosts, None);
        assert!(p.audit_log);
        let off = Policy::from_vars(&vars(|v| v.audit_log = Some(" OFF ".into()))).unwrap();
        assert!(!off.audit_log);
    }

    #[test]
    fn secondary_certificate_rules() {
        let with = |s: &str| {
            secondary_certificate(&vars(|v| {
                v.agora_app_certificate = Some("5CFd2fd1755d40ecb72977518be15d3b".into());
                v.agora_app_certificate_secondary = Some(s.into());
            }))
        };
        assert_eq!(secondary_certificate(&Vars::default()).unwrap(), None);
        assert!(with("0123456789abcdef0123456789abcdef").unwrap().is_some());
        for bad in ["not-hex", "5CFd2fd1755d40ecb72977518be15d3b"] {
            let e = with(bad).unwrap_err();
            assert_eq!(e.code, "SERVER_MISCONFIGURED");
            assert!(!e.message.contains(bad), "{}", e.message);
        }
    }

    #[test]
    fn values_are_validated() {
        let p = Policy::from_vars(&vars(|v| {
            v.cors_allow_origin = Some(" https://a.example , http://localhost:3000".into());
            v.token_max_expire = Some("600".into());
            v.allow_wildcard_uid = Some("TRUE".into());
            v.allow_chat_app_token = Some(" 1 ".into());
            v.allowed_hosts = Some("Tokens.Example, 127.0.0.1:8787".into());
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

        let bad: [fn(&mut Vars); 14] = [
            |v| v.audit_log = Some("no".into()),
            |v| v.token_api_key = Some("".into()),
            |v| v.token_api_key = Some("a key".into()),
            |v| v.cors_allow_origin = Some("https://a.example/".into()),
            |v| v.cors_allow_origin = Some("a.example".into()),
            |v| v.token_max_expire = Some("-1".into()),
            |v| v.token_max_expire = Some("4294967296".into()),
            |v| v.token_default_expire = Some("0".into()),
            |v| {
                v.token_default_expire = Some("7200".into());
                v.token_max_expire = Some("3600".into());
            },
            |v| v.allow_wildcard_uid = Some("yes".into()),
            |v| v.allow_chat_app_token = Some("on".into()),
            |v| v.allowed_hosts = Some("https://a.example".into()),
            |v| v.allowed_hosts = Some("a.example/x".into()),
            |v| v.allowed_hosts = Some(" , ".into()),
        ];
        for (i, f) in bad.into_iter().enumerate() {
            let err = Policy::from_vars(&vars(f)).unwrap_err();
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
        let p = Policy::from_vars(&vars(|v| {
            v.cors_allow_origin = Some("https://App.example:443".into());
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
        let v = vars(|v| {
            v.agora_app_id = Some("970CA35de60c44645bbae8a215061b33".into());
            v.agora_app_certificate = Some(cert.into());
            v.token_api_key = Some("sekrit-key".into());
        });
        let e = credentials(&v).unwrap_err();
        assert_eq!(e.code, "SERVER_MISCONFIGURED");
        assert!(!e.message.contains("5CFd2"), "{}", e.message);
        assert!(credentials(&Vars::default()).is_err());
        let dbg = format!("{v:?} {v:#?} {:?}", Settings::from_vars(&v));
        assert!(!dbg.contains("5CFd2") && !dbg.contains("sekrit"), "{dbg}");
    }

    fn auth(f: impl FnOnce(&mut Vars)) -> Result<Option<AuthConfig>, ApiError> {
        AuthConfig::from_vars(&vars(f))
    }

    #[test]
    fn auth_settings_are_validated() {
        assert_eq!(auth(|_| {}), Ok(None));
        let c =
            auth(|v| v.auth_jwks_url = Some("https://idp.example/.well-known/jwks.json".into()))
                .unwrap()
                .unwrap();
        assert_eq!(c.uid_claim, "sub");
        assert_eq!(c.rules.leeway, 60);
        for ok in [
            "http://127.0.0.1:9/jwks",
            "http://localhost/jwks",
            "http://[::1]:8080/jwks",
        ] {
            assert!(auth(|v| v.auth_jwks_url = Some(ok.into())).is_ok(), "{ok}");
        }
        for bad in [
            "http://127.0.0.1:80@evil.example/jwks",
            "http://localhost@evil.example/jwks",
            "http://localhost.evil.example/jwks",
            "https:///jwks",
            "https://idp.example/ jwks",
            "https://user@idp.example/jwks",
            "http://idp.example/jwks",
            "http://127.0.0.1.evil.example/jwks",
            "ftp://idp.example/jwks",
        ] {
            assert!(
                auth(|v| v.auth_jwks_url = Some(bad.into())).is_err(),
                "{bad}"
            );
        }
        let bad: [fn(&mut Vars); 9] = [
            |v| v.auth_jwt_secret = Some("short".into()),
            |v| v.auth_jwt_secret = Some(" ".repeat(32).into()),
            |v| v.auth_jwt_secret = Some(format!("{}\n", "x".repeat(32)).into()),
            |v| v.auth_jwt_issuer = Some("https://idp.example/".into()),
            |v| {
                v.auth_jwt_secret = Some("x".repeat(32).into());
                v.auth_jwt_leeway = Some("601".into());
            },
            |v| {
                v.auth_jwt_secret = Some("x".repeat(32).into());
                v.auth_jwt_audience = Some(" , ".into());
            },
            |v| {
                v.auth_jwt_secret = Some("x".repeat(32).into());
                v.auth_uid_claim = Some(String::new());
            },
            |v| v.auth_role_claim = Some("role".into()),
            |v| {
                v.auth_jwt_secret = Some("x".repeat(32).into());
                v.token_api_key = Some("key".into());
            },
        ];
        for (i, f) in bad.into_iter().enumerate() {
            let e = CallerPolicy::from_vars(&vars(f)).unwrap_err();
            assert_eq!(e.code, "SERVER_MISCONFIGURED", "case {i}");
        }
        let v = vars(|v| v.auth_jwt_secret = Some("sekrit-sekrit-sekrit-sekrit-sekrit".into()));
        let c = AuthConfig::from_vars(&v).unwrap();
        assert!(!format!("{v:?} {c:?}").contains("sekrit"));
    }
}
