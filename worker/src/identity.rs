//! Identity-bound tokens: the caller's verified identity (from the JWT's claims, under the
//! `AUTH_*` settings) and the rules that bind every issued token to it.
//!
//! - **Identity** (`AUTH_UID_CLAIM`, default `sub`): a canonical decimal in
//!   `1..=4294967295` is the RTC uid, any other text the RTC account; RTM and Chat user
//!   ids are the claim's text. A requested uid/account/user id must equal it or be absent
//!   (then the identity is used); the wildcard uid is never issued in this mode.
//! - **Channels** (`AUTH_CHANNEL_CLAIM`, optional): a claim with the allowed channel
//!   names (a list, or one string); an entry ending in `*` is a prefix. With the setting
//!   and no such claim, no channel is allowed.
//! - **Role** (`AUTH_ROLE_CLAIM`, optional): only `"publisher"` (or a list containing it)
//!   allows a token that publishes (an RTC publisher, or an RTM token whose stream channel
//!   grants publishDataStream); otherwise those requests are refused and subscriber ones
//!   served.
//! - **Lifetime**: no token outlives the JWT it was issued for (`exp` plus the leeway).

use agora_token::builders::{RtcRole, RtcUser};
use serde_json::{Map, Value};

use crate::errors::ApiError;
use crate::settings::AuthConfig;

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
    /// The JWT's `iss`, if it has one (for the audit trail).
    pub issuer: Option<String>,
    /// The JWT's `sub`, if it has one (for the audit trail).
    pub subject: Option<String>,
    /// The last unix second at which this server accepts the JWT (`exp` plus the leeway):
    /// no token issued for it lives longer.
    pub valid_until: u64,
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
        let exp = claims
            .get("exp")
            .and_then(Value::as_f64)
            .filter(|e| e.is_finite() && *e >= 0.0)
            .unwrap_or(0.0);
        // A NumericDate checked by the claim rules; whole seconds, within u64.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let exp = exp.floor().min(9.0e15) as u64;
        let text = |name: &str| claims.get(name).and_then(Value::as_str).map(str::to_owned);
        Ok(Self {
            rtc: rtc_user_of(&user),
            user,
            channels,
            publisher,
            issuer: text("iss"),
            subject: text("sub"),
            valid_until: exp.saturating_add(u64::from(cfg.rules.leeway)),
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

    /// 403 `FORBIDDEN_ROLE` for an RTM token with a stream channel (which grants
    /// publishDataStream there) when the role claim does not allow publishing.
    pub fn check_stream_channel_role(&self) -> Result<(), ApiError> {
        if self.publisher {
            Ok(())
        } else {
            Err(forbidden(
                "FORBIDDEN_ROLE",
                "channel: an RTM token with a stream channel grants publishDataStream there, which needs the JWT's role claim (AUTH_ROLE_CLAIM) to say \"publisher\"; ask without a channel".into(),
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn cfg(f: impl FnOnce(&mut crate::settings::Vars)) -> Result<Option<AuthConfig>, ApiError> {
        let mut v = crate::settings::Vars::default();
        f(&mut v);
        AuthConfig::from_vars(&v)
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
            v.auth_jwt_secret = Some("x".repeat(32).into());
            v.auth_uid_claim = Some("uid".into());
            v.auth_channel_claim = Some("channels".into());
            v.auth_role_claim = Some("agora_role".into());
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
        assert_eq!(
            sub.check_stream_channel_role().unwrap_err().code,
            "FORBIDDEN_ROLE"
        );
        assert!(id.check_stream_channel_role().is_ok());
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
