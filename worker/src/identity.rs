//! Identity-bound tokens: the `AUTH_*` settings, the caller's verified identity (from the
//! JWT's claims) and the rules that bind every issued token to it.
//!
//! - **Identity** (`AUTH_UID_CLAIM`, default `sub`): a canonical decimal in
//!   `1..=4294967295` is the RTC uid, any other text the RTC account; RTM and Chat user
//!   ids are the claim's text. A requested uid/account/user id must equal it or be absent
//!   (then the identity is used); the wildcard uid is never issued in this mode.
//! - **Channels** (`AUTH_CHANNEL_CLAIM`, optional): a claim with the allowed channel
//!   names (a list, or one string); an entry ending in `*` is a prefix. With the setting
//!   and no such claim, no channel is allowed.
//! - **Role** (`AUTH_ROLE_CLAIM`, optional): only `"publisher"` (or a list containing it)
//!   allows a publisher token; otherwise publisher requests are refused and subscriber
//!   ones served.

use std::cell::RefCell;
use std::fmt;

use agora_token::builders::{RtcRole, RtcUser};
use serde_json::{Map, Value};

use crate::config::Settings;
use crate::errors::ApiError;
use crate::http::HttpRequest;
use crate::jwt::cache::{JwksCache, JwksFetcher};
use crate::jwt::claims::{ClaimRules, DEFAULT_LEEWAY};
use crate::jwt::verify::{self, JwtConfig, Secret, SignatureBackend};
use crate::jwt::{self as jwt_mod, AuthError};
use crate::routes::match_path;

/// The largest `AUTH_JWT_LEEWAY`, in seconds.
pub const MAX_LEEWAY: u32 = 600;

/// The `AUTH_*` variables as text (and `TOKEN_RATE_LIMIT_PERIOD`). `Debug` is redacted for
/// the secret.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct AuthVars {
    /// `AUTH_JWKS_URL`: the identity provider's JWKS (https, or http on loopback).
    pub jwks_url: Option<String>,
    /// `AUTH_JWT_SECRET` (secret): the HS256 shared secret, at least 32 bytes.
    pub jwt_secret: Option<String>,
    /// `AUTH_JWT_ISSUER`: the required `iss`.
    pub jwt_issuer: Option<String>,
    /// `AUTH_JWT_AUDIENCE`: the required `aud` (comma-separated: any of them).
    pub jwt_audience: Option<String>,
    /// `AUTH_JWT_LEEWAY`: seconds of clock skew on `exp`/`nbf` (default 60, at most 600).
    pub jwt_leeway: Option<String>,
    /// `AUTH_UID_CLAIM`: the claim holding the caller's identity (default `sub`).
    pub uid_claim: Option<String>,
    /// `AUTH_CHANNEL_CLAIM`: the claim listing the allowed channels.
    pub channel_claim: Option<String>,
    /// `AUTH_ROLE_CLAIM`: the claim that must say `publisher` for publisher tokens.
    pub role_claim: Option<String>,
    /// `TOKEN_RATE_LIMIT_PERIOD`: the period of the `TOKEN_RATE_LIMITER` binding in
    /// seconds (10 or 60, default 60), sent as `Retry-After`.
    pub rate_limit_period: Option<String>,
}

impl fmt::Debug for AuthVars {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AuthVars")
            .field("jwks_url", &self.jwks_url)
            .field(
                "jwt_secret",
                &self.jwt_secret.as_ref().map_or("<unset>", |_| "<redacted>"),
            )
            .field("jwt_issuer", &self.jwt_issuer)
            .field("jwt_audience", &self.jwt_audience)
            .field("jwt_leeway", &self.jwt_leeway)
            .field("uid_claim", &self.uid_claim)
            .field("channel_claim", &self.channel_claim)
            .field("role_claim", &self.role_claim)
            .field("rate_limit_period", &self.rate_limit_period)
            .finish()
    }
}

impl AuthVars {
    /// The variable names.
    pub const NAMES: [&'static str; 9] = [
        "AUTH_JWKS_URL",
        "AUTH_JWT_SECRET",
        "AUTH_JWT_ISSUER",
        "AUTH_JWT_AUDIENCE",
        "AUTH_JWT_LEEWAY",
        "AUTH_UID_CLAIM",
        "AUTH_CHANNEL_CLAIM",
        "AUTH_ROLE_CLAIM",
        "TOKEN_RATE_LIMIT_PERIOD",
    ];

    /// Reads every variable through `get(name)`.
    pub fn from_fn(mut get: impl FnMut(&'static str) -> Option<String>) -> Self {
        Self {
            jwks_url: get("AUTH_JWKS_URL"),
            jwt_secret: get("AUTH_JWT_SECRET"),
            jwt_issuer: get("AUTH_JWT_ISSUER"),
            jwt_audience: get("AUTH_JWT_AUDIENCE"),
            jwt_leeway: get("AUTH_JWT_LEEWAY"),
            uid_claim: get("AUTH_UID_CLAIM"),
            channel_claim: get("AUTH_CHANNEL_CLAIM"),
            role_claim: get("AUTH_ROLE_CLAIM"),
            rate_limit_period: get("TOKEN_RATE_LIMIT_PERIOD"),
        }
    }

    /// Whether `other` holds the same values (the secret compared in constant time, its
    /// length aside).
    pub fn same_as(&self, other: &Self) -> bool {
        use subtle::ConstantTimeEq;
        let secret = match (&self.jwt_secret, &other.jwt_secret) {
            (None, None) => true,
            (Some(a), Some(b)) => bool::from(a.as_bytes().ct_eq(b.as_bytes())),
            _ => false,
        };
        secret
            && self.jwks_url == other.jwks_url
            && self.jwt_issuer == other.jwt_issuer
            && self.jwt_audience == other.jwt_audience
            && self.jwt_leeway == other.jwt_leeway
            && self.uid_claim == other.uid_claim
            && self.channel_claim == other.channel_claim
            && self.role_claim == other.role_claim
            && self.rate_limit_period == other.rate_limit_period
    }

    fn any_jwt_setting(&self) -> bool {
        [
            &self.jwks_url,
            &self.jwt_secret,
            &self.jwt_issuer,
            &self.jwt_audience,
            &self.jwt_leeway,
            &self.uid_claim,
            &self.channel_claim,
            &self.role_claim,
        ]
        .iter()
        .any(|v| v.is_some())
    }
}

/// The validated identity settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthConfig {
    /// The key sources and claim rules.
    pub jwt: JwtConfig,
    /// The identity claim (default `sub`).
    pub uid_claim: String,
    /// The allowed-channels claim, if channels are restricted.
    pub channel_claim: Option<String>,
    /// The role claim, if publishing is restricted.
    pub role_claim: Option<String>,
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
        return !rest.is_empty() && !rest.starts_with('/');
    }
    let Some(rest) = url.strip_prefix("http://") else {
        return false;
    };
    let host = rest.split(['/', '?']).next().unwrap_or_default();
    let host = host.rsplit_once(':').map_or(host, |(h, port)| {
        if port.bytes().all(|b| b.is_ascii_digit()) && !h.ends_with(':') {
            h
        } else {
            host
        }
    });
    matches!(host, "127.0.0.1" | "localhost" | "[::1]")
}

impl AuthConfig {
    /// Validates the `AUTH_*` variables: `Ok(None)` when none is set (the API-key or open
    /// mode of [`crate::config::Policy`]).
    pub fn from_vars(v: &AuthVars) -> Result<Option<Self>, ApiError> {
        if !v.any_jwt_setting() {
            return Ok(None);
        }
        if cfg!(not(feature = "jwt")) {
            return Err(ApiError::misconfigured(
                "AUTH_* settings need the Worker built with its `jwt` feature (the default); this build verifies no JWT",
            ));
        }
        let secret = match v.jwt_secret.as_deref() {
            None => None,
            Some(s) if s.len() < 32 => {
                return Err(ApiError::misconfigured(
                    "AUTH_JWT_SECRET must be at least 32 bytes (RFC 7518 §3.2: an HS256 key as long as the hash)",
                ))
            }
            Some(s) => Some(Secret(s.as_bytes().to_vec())),
        };
        let jwks_url = match v.jwks_url.as_deref().map(str::trim) {
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
        let leeway = match text(&v.jwt_leeway) {
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
        let audiences: Vec<String> = text(&v.jwt_audience)
            .map(|a| {
                a.split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        if v.jwt_audience.is_some() && audiences.is_empty() {
            return Err(ApiError::misconfigured(
                "AUTH_JWT_AUDIENCE is set but empty; unset it or name the audience",
            ));
        }
        let issuer = match v.jwt_issuer.as_deref().map(str::trim) {
            None => None,
            Some("") => {
                return Err(ApiError::misconfigured(
                    "AUTH_JWT_ISSUER is set but empty; unset it or name the issuer",
                ))
            }
            Some(s) => Some(s.to_owned()),
        };
        Ok(Some(Self {
            jwt: JwtConfig {
                secret,
                jwks_url,
                rules: ClaimRules {
                    issuer,
                    audiences,
                    leeway,
                },
            },
            uid_claim: claim_name("AUTH_UID_CLAIM", &v.uid_claim)?.unwrap_or_else(|| "sub".into()),
            channel_claim: claim_name("AUTH_CHANNEL_CLAIM", &v.channel_claim)?,
            role_claim: claim_name("AUTH_ROLE_CLAIM", &v.role_claim)?,
        }))
    }
}

/// A rule on channel names from the channel claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChannelRule {
    /// Exactly this channel.
    Exact(String),
    /// Any channel starting with this text (an entry ending in `*`).
    Prefix(String),
}

impl ChannelRule {
    fn allows(&self, channel: &str) -> bool {
        match self {
            Self::Exact(c) => c == channel,
            Self::Prefix(p) => channel.starts_with(p.as_str()),
        }
    }
}

/// The caller's verified identity and what its claims allow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    /// The identity claim's text: the RTM and Chat user id.
    pub user: String,
    /// The RTC user: the uid when the text is a decimal in `1..=4294967295`, else the
    /// account.
    pub rtc: RtcUser,
    /// The allowed channels, or `None` when channels are not restricted.
    pub channels: Option<Vec<ChannelRule>>,
    /// Whether publisher tokens are allowed.
    pub publisher: bool,
}

/// The RTC user of an identity text: a uid in its canonical decimal text
/// ([`agora_token::validate::parse_canonical_uid`]) in `1..=4294967295` is that uid,
/// anything else (`"0"` included: an identity is never the wildcard) an account.
pub fn rtc_user_of(text: &str) -> RtcUser {
    match agora_token::validate::parse_canonical_uid(agora_token::Field::Uid, text) {
        Ok(n) if n != 0 => RtcUser::Uid(n),
        _ => RtcUser::Account(text.to_owned()),
    }
}

fn forbidden(code: &'static str, message: String) -> ApiError {
    ApiError::new(403, code, message)
}

impl Identity {
    /// The identity from verified claims under `cfg`.
    pub fn from_claims(claims: &Map<String, Value>, cfg: &AuthConfig) -> Result<Self, ApiError> {
        let user = match claims.get(&cfg.uid_claim) {
            Some(Value::String(s)) if !s.is_empty() => s.clone(),
            // `as_u64` then the integer's digits: `Number`'s own Display would link float
            // formatting into the module for a case that never has a fraction.
            Some(Value::Number(n)) if n.is_u64() => n.as_u64().unwrap_or_default().to_string(),
            _ => {
                return Err(forbidden(
                    "FORBIDDEN_IDENTITY",
                    format!(
                        "the JWT has no usable identity: its {} claim (AUTH_UID_CLAIM) must be non-empty text",
                        cfg.uid_claim
                    ),
                ))
            }
        };
        let channels = cfg.channel_claim.as_ref().map(|name| {
            let entries: Vec<&str> = match claims.get(name) {
                Some(Value::String(s)) => vec![s.as_str()],
                Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
                _ => Vec::new(),
            };
            entries
                .into_iter()
                .filter(|e| !e.is_empty())
                .map(|e| match e.strip_suffix('*') {
                    Some(p) => ChannelRule::Prefix(p.to_owned()),
                    None => ChannelRule::Exact(e.to_owned()),
                })
                .collect()
        });
        let publisher = cfg
            .role_claim
            .as_ref()
            .is_none_or(|name| match claims.get(name) {
                Some(Value::String(s)) => s == "publisher",
                Some(Value::Array(a)) => a.iter().any(|v| v.as_str() == Some("publisher")),
                _ => false,
            });
        Ok(Self {
            rtc: rtc_user_of(&user),
            user,
            channels,
            publisher,
        })
    }

    /// 403 `FORBIDDEN_CHANNEL` unless the channel claim allows `channel`.
    pub fn check_channel(&self, channel: &str) -> Result<(), ApiError> {
        match &self.channels {
            Some(rules) if !rules.iter().any(|r| r.allows(channel)) => Err(forbidden(
                "FORBIDDEN_CHANNEL",
                "channel: not among the channels the JWT allows (AUTH_CHANNEL_CLAIM)".into(),
            )),
            _ => Ok(()),
        }
    }

    /// 403 `FORBIDDEN_IDENTITY` unless `user` is the caller's RTC user.
    pub fn check_rtc_user(&self, user: &RtcUser) -> Result<(), ApiError> {
        if *user == self.rtc {
            Ok(())
        } else {
            Err(forbidden(
                "FORBIDDEN_IDENTITY",
                format!(
                    "uid: must be the caller's own {} (from the JWT's identity claim) or absent",
                    match self.rtc {
                        RtcUser::Uid(_) => "uid",
                        RtcUser::Account(_) => "account",
                    }
                ),
            ))
        }
    }

    /// 403 `FORBIDDEN_IDENTITY` unless `user_id` (RTM, Chat) is the caller's.
    pub fn check_user_id(&self, user_id: &str) -> Result<(), ApiError> {
        if user_id == self.user {
            Ok(())
        } else {
            Err(forbidden(
                "FORBIDDEN_IDENTITY",
                "uid: must be the caller's own user id (from the JWT's identity claim) or absent"
                    .into(),
            ))
        }
    }

    /// 403 `FORBIDDEN_ROLE` for a publisher token the role claim does not allow.
    pub fn check_role(&self, role: RtcRole) -> Result<(), ApiError> {
        if role == RtcRole::Publisher && !self.publisher {
            Err(forbidden(
                "FORBIDDEN_ROLE",
                "role: publisher needs the JWT's role claim (AUTH_ROLE_CLAIM) to say \"publisher\"; ask for subscriber".into(),
            ))
        } else {
            Ok(())
        }
    }
}

/// The outcome of the caller's JWT, computed by the adapter before the handler runs.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Verification {
    /// Not checked (no `AUTH_*` setting, or a request that needs none). With `AUTH_*`
    /// set, the handler refuses such a request (fail closed).
    #[default]
    NotChecked,
    /// A valid JWT and the identity it binds.
    Verified(Identity),
    /// A refused JWT (401), or claims without a usable identity (403).
    Refused(ApiError),
}

/// What the adapter learned about the caller before the handler runs.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Caller {
    /// The JWT's outcome.
    pub jwt: Verification,
    /// Whether the `TOKEN_RATE_LIMITER` binding refused this caller.
    pub rate_limited: bool,
}

impl Caller {
    /// A caller nothing was checked for (the API-key and open modes).
    pub fn unchecked() -> Self {
        Self::default()
    }

    /// The identity for a route under `auth`, or the answer refusing the request.
    pub fn identity(&self) -> Result<&Identity, ApiError> {
        match &self.jwt {
            Verification::Verified(id) => Ok(id),
            Verification::Refused(e) => Err(e.clone()),
            Verification::NotChecked => Err(AuthError::new(
                jwt_mod::Reason::TokenMissing,
                "the caller's JWT was not verified",
            )
            .into_api_error()),
        }
    }
}

/// The caller settings: the JWT mode (if any `AUTH_*` is set) and the rate limiter's
/// period.
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
    pub fn from_vars(v: &AuthVars, api_key_set: bool) -> Result<Self, ApiError> {
        let jwt = AuthConfig::from_vars(v)?;
        if jwt.is_some() && api_key_set {
            return Err(ApiError::misconfigured(
                "TOKEN_API_KEY and AUTH_* are exclusive: with AUTH_JWKS_URL or AUTH_JWT_SECRET only a valid JWT gets a token; unset TOKEN_API_KEY",
            ));
        }
        let rate_limit_period = match text(&v.rate_limit_period) {
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

/// The identity settings that apply to `req`: those of a matched route that needs the
/// caller's authentication, called with its own method, when `AUTH_*` is configured.
/// The adapter verifies the JWT only then (not for `/ping`, the page, preflights, 404s).
pub fn applies<'s>(req: &HttpRequest<'_>, settings: &'s Settings) -> Option<&'s AuthConfig> {
    let auth = settings.caller.as_ref().ok()?.jwt.as_ref()?;
    let route = match_path(req.path).ok()??;
    (route.needs_auth() && route.accepts(req.method)).then_some(auth)
}

/// Verifies the request's JWT under `auth` at `now` (unix seconds): the header, the key
/// (through `cache` and `fetcher`), the signature (`backend`), the claims, the identity.
pub async fn authenticate<F: JwksFetcher, B: SignatureBackend>(
    req: &HttpRequest<'_>,
    auth: &AuthConfig,
    cache: &RefCell<JwksCache>,
    fetcher: &F,
    backend: &B,
    now: u64,
) -> Verification {
    let outcome = async {
        let jwt = jwt_mod::extract(req.headers).map_err(AuthError::into_api_error)?;
        let claims = verify::verify(jwt, &auth.jwt, cache, fetcher, backend, now)
            .await
            .map_err(AuthError::into_api_error)?;
        Identity::from_claims(&claims, auth)
    };
    match outcome.await {
        Ok(id) => Verification::Verified(id),
        Err(e) => Verification::Refused(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn cfg(f: impl FnOnce(&mut AuthVars)) -> Result<Option<AuthConfig>, ApiError> {
        let mut v = AuthVars::default();
        f(&mut v);
        AuthConfig::from_vars(&v)
    }

    #[test]
    fn settings_are_validated() {
        assert_eq!(cfg(|_| {}), Ok(None));
        let c = cfg(|v| v.jwks_url = Some("https://idp.example/.well-known/jwks.json".into()))
            .unwrap()
            .unwrap();
        assert_eq!(c.uid_claim, "sub");
        assert_eq!(c.jwt.rules.leeway, 60);
        assert!(cfg(|v| v.jwks_url = Some("http://127.0.0.1:9/jwks".into())).is_ok());
        assert!(cfg(|v| v.jwks_url = Some("http://localhost/jwks".into())).is_ok());
        assert!(cfg(|v| v.jwks_url = Some("http://[::1]:8080/jwks".into())).is_ok());
        for bad in [
            "http://127.0.0.1:80@evil.example/jwks",
            "http://localhost@evil.example/jwks",
            "http://localhost.evil.example/jwks",
            "https:///jwks",
            "https://idp.example/ jwks",
        ] {
            assert!(cfg(|v| v.jwks_url = Some(bad.into())).is_err(), "{bad}");
        }
        let bad: [fn(&mut AuthVars); 9] = [
            |v| v.jwks_url = Some("http://idp.example/jwks".into()),
            |v| v.jwks_url = Some("http://127.0.0.1.evil.example/jwks".into()),
            |v| v.jwks_url = Some("ftp://idp.example/jwks".into()),
            |v| v.jwt_secret = Some("short".into()),
            |v| v.jwt_issuer = Some("https://idp.example/".into()),
            |v| {
                v.jwt_secret = Some("x".repeat(32));
                v.jwt_leeway = Some("601".into());
            },
            |v| {
                v.jwt_secret = Some("x".repeat(32));
                v.jwt_audience = Some(" , ".into());
            },
            |v| {
                v.jwt_secret = Some("x".repeat(32));
                v.uid_claim = Some(String::new());
            },
            |v| v.role_claim = Some("role".into()),
        ];
        for (i, f) in bad.into_iter().enumerate() {
            let e = cfg(f).unwrap_err();
            assert_eq!(e.code, "SERVER_MISCONFIGURED", "case {i}");
        }
        let dbg = format!(
            "{:?}",
            AuthVars {
                jwt_secret: Some("sekrit-sekrit-sekrit-sekrit-sekrit".into()),
                ..AuthVars::default()
            }
        );
        assert!(!dbg.contains("sekrit"), "{dbg}");
        let c = cfg(|v| v.jwt_secret = Some("sekrit-sekrit-sekrit-sekrit-sekrit".into())).unwrap();
        assert!(!format!("{c:?}").contains("sekrit"));
    }

    #[test]
    fn identity_text_to_rtc_user() {
        assert_eq!(rtc_user_of("42"), RtcUser::Uid(42));
        assert_eq!(rtc_user_of("4294967295"), RtcUser::Uid(u32::MAX));
        for account in [
            "0",
            "4294967296",
            "042",
            "+42",
            "-1",
            "42a",
            "auth0|abc",
            " 42",
        ] {
            assert_eq!(
                rtc_user_of(account),
                RtcUser::Account(account.into()),
                "{account}"
            );
        }
    }

    #[test]
    fn claims_bind_channels_and_role() {
        let c = cfg(|v| {
            v.jwt_secret = Some("x".repeat(32));
            v.uid_claim = Some("uid".into());
            v.channel_claim = Some("channels".into());
            v.role_claim = Some("agora_role".into());
        })
        .unwrap()
        .unwrap();
        let claims = |v: Value| match v {
            Value::Object(m) => m,
            _ => Map::new(),
        };
        let id = Identity::from_claims(
            &claims(json!({"uid": 7, "channels": ["room-*", "lobby"], "agora_role": ["x", "publisher"]})),
            &c,
        )
        .unwrap();
        assert_eq!(
            (id.user.as_str(), &id.rtc, id.publisher),
            ("7", &RtcUser::Uid(7), true)
        );
        assert!(id.check_channel("room-1").is_ok());
        assert!(id.check_channel("room-").is_ok());
        assert!(id.check_channel("lobby").is_ok());
        for c in ["lobby2", "room", "Room-1", "xroom-1"] {
            assert_eq!(
                id.check_channel(c).unwrap_err().code,
                "FORBIDDEN_CHANNEL",
                "{c}"
            );
        }
        assert_eq!(
            id.check_rtc_user(&RtcUser::Account("7".into()))
                .unwrap_err()
                .code,
            "FORBIDDEN_IDENTITY"
        );
        assert_eq!(
            id.check_rtc_user(&RtcUser::Uid(0)).unwrap_err().code,
            "FORBIDDEN_IDENTITY"
        );
        assert!(id.check_user_id("7").is_ok());
        assert!(id.check_user_id("8").is_err());

        let sub = Identity::from_claims(
            &claims(json!({"uid": "alice", "agora_role": "subscriber"})),
            &c,
        )
        .unwrap();
        assert_eq!(sub.rtc, RtcUser::Account("alice".into()));
        assert_eq!(
            sub.check_role(RtcRole::Publisher).unwrap_err().code,
            "FORBIDDEN_ROLE"
        );
        assert!(sub.check_role(RtcRole::Subscriber).is_ok());
        // The channel setting without the claim: no channel at all.
        assert_eq!(
            sub.check_channel("lobby").unwrap_err().code,
            "FORBIDDEN_CHANNEL"
        );
        // The wildcard entry allows every channel.
        let all = Identity::from_claims(&claims(json!({"uid": "a", "channels": "*"})), &c).unwrap();
        assert!(all.check_channel("anything").is_ok());

        for bad in [
            json!({}),
            json!({"uid": ""}),
            json!({"uid": -1}),
            json!({"uid": ["a"]}),
        ] {
            assert_eq!(
                Identity::from_claims(&claims(bad), &c).unwrap_err().code,
                "FORBIDDEN_IDENTITY"
            );
        }
    }
}
