//! A plain description of any 006 or 007 token, for people and for JSON.
//!
//! With the `serde` feature the model serializes with camelCase keys; it is what the CLI's
//! `inspect`, the npm package's `inspectToken` and the Worker's `/inspect` return.

#[cfg(feature = "serde")]
use serde::{ser::SerializeMap, Serialize, Serializer};

use crate::error::{Error, ErrorKind, Result};
use crate::v006;
use crate::v007::{ParsedToken2, Service, ServiceType};
use crate::validate::MAX_RELATIVE_SECONDS;

/// A token of either format, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParsedToken {
    /// AccessToken 006.
    V006(v006::Token),
    /// AccessToken2 007.
    V007(ParsedToken2),
}

impl ParsedToken {
    /// Parses a token of either format, chosen by its first three characters.
    pub fn parse(token: &str) -> Result<Self> {
        let token = token.trim();
        match token.get(..3) {
            Some(v006::VERSION) => v006::Token::parse(token).map(Self::V006),
            Some(crate::v007::VERSION) => ParsedToken2::parse(token).map(Self::V007),
            _ => Err(Error::token(
                ErrorKind::UnsupportedVersion,
                "a token starts with \"006\" or \"007\"",
            )),
        }
    }

    /// Describes the token; with `now` (unix seconds) the description says whether it has
    /// expired.
    pub fn describe(&self, now: Option<u32>) -> TokenInfo {
        describe(self, now, 0)
    }

    /// The app id found in the token.
    pub fn app_id(&self) -> &str {
        match self {
            Self::V006(t) => &t.app_id,
            Self::V007(t) => &t.app_id,
        }
    }
}

/// Values by name, in a fixed order (the wire order); serialized as a JSON object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named<V>(pub Vec<(&'static str, V)>);

impl<V> Named<V> {
    /// The value named `name`, if present.
    pub fn get(&self, name: &str) -> Option<&V> {
        self.0.iter().find(|(k, _)| *k == name).map(|(_, v)| v)
    }

    /// The entries in order.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &V)> {
        self.0.iter().map(|(k, v)| (*k, v))
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<V> Default for Named<V> {
    fn default() -> Self {
        Self(Vec::new())
    }
}

impl<'a, V> IntoIterator for &'a Named<V> {
    type Item = &'a (&'static str, V);
    type IntoIter = std::slice::Iter<'a, (&'static str, V)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

#[cfg(feature = "serde")]
impl<V: Serialize> Serialize for Named<V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// One privilege of a token.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize), serde(rename_all = "camelCase"))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct PrivilegeInfo {
    /// The wire id.
    pub id: u16,
    /// The privilege's name, or `unknown` if this crate does not know the id.
    pub name: &'static str,
    /// 007: seconds after the issue time (0 = as long as the token). Absent for 006.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub seconds: Option<u32>,
    /// Absolute unix expiry (for 007 with 0 seconds: the token's expiry; for 006, 0 = never).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub expires_at: u64,
}

/// One service of a 007 token (or the privilege set of a 006 token).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize), serde(rename_all = "camelCase"))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct ServiceInfo {
    /// The wire type number (1–10).
    #[cfg_attr(feature = "serde", serde(rename = "type"))]
    pub type_id: u16,
    /// The type name: `rtc`, `rtm`, `streaming`, `fpa`, `chat`, `fcdn`, `apaas`, `rtm2`, `convoai`, `stt`.
    #[cfg_attr(feature = "ts", ts(type = "ServiceName"))]
    pub type_name: &'static str,
    /// The service's text fields by camelCase name (`channelName`, `uid`, `userId`, …), in
    /// wire order.
    #[cfg_attr(feature = "ts", ts(type = "Record<string, string>"))]
    pub fields: Named<String>,
    /// APaaS: the role.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub role: Option<i16>,
    /// RTM2: resource type → permission type → resources, in wire order.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    #[cfg_attr(
        feature = "ts",
        ts(type = "Record<string, Record<string, string[]>>", optional)
    )]
    pub permissions: Option<Named<Named<Vec<String>>>>,
    /// The privileges.
    pub privileges: Vec<PrivilegeInfo>,
}

/// Something about a token that is valid but probably not what was meant.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Warning {
    /// The token has expired (at the time given to [`inspect`]).
    Expired,
    /// An RTC service (or 006 token) is for uid 0, the wildcard: any user can use it.
    WildcardUid,
    /// A privilege lasts longer than the token itself; the token's expiry wins.
    PrivilegeOutlivesToken,
    /// A 007 lifetime looks like a unix timestamp passed where seconds belong.
    LooksLikeTimestamp,
    /// Verification only: an identity the caller expects (channel, uid, user id, room)
    /// differs from the token's (see [`crate::Mismatch`]).
    IdentityMismatch,
}

#[cfg(feature = "serde")]
impl Serialize for Warning {
    /// The code ([`Warning::code`]).
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl Warning {
    /// Every warning, in declaration order (the npm package's `TokenWarning` type is
    /// generated from it).
    pub const ALL: [Self; 5] = [
        Self::Expired,
        Self::WildcardUid,
        Self::PrivilegeOutlivesToken,
        Self::LooksLikeTimestamp,
        Self::IdentityMismatch,
    ];

    /// The stable code, such as `WILDCARD_UID` (what the JSON outputs carry).
    pub const fn code(self) -> &'static str {
        match self {
            Self::Expired => "EXPIRED",
            Self::WildcardUid => "WILDCARD_UID",
            Self::PrivilegeOutlivesToken => "PRIVILEGE_OUTLIVES_TOKEN",
            Self::LooksLikeTimestamp => "LOOKS_LIKE_TIMESTAMP",
            Self::IdentityMismatch => "IDENTITY_MISMATCH",
        }
    }

    /// A plain sentence describing the warning.
    pub const fn message(self) -> &'static str {
        match self {
            Self::Expired => "The token has expired.",
            Self::WildcardUid => "The token is for uid 0, the wildcard: any user may join with it.",
            Self::PrivilegeOutlivesToken => "A privilege lasts longer than the token; the token's expiry ends it first.",
            Self::LooksLikeTimestamp => "A 007 lifetime looks like a unix timestamp; 007 expects seconds relative to the issue time.",
            Self::IdentityMismatch => "The token names another channel, uid or user than the client's.",
        }
    }
}

/// A description of a token.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize), serde(rename_all = "camelCase"))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct TokenInfo {
    /// `"006"` or `"007"`.
    #[cfg_attr(feature = "ts", ts(type = "TokenVersion"))]
    pub version: &'static str,
    /// The app id found in the token.
    pub app_id: String,
    /// 007: unix issue time. Absent for 006.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub issued_at: Option<u32>,
    /// 007: lifetime in seconds. Absent for 006.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub expire: Option<u32>,
    /// Unix expiry: 007 `issuedAt + expire`; 006 the latest privilege expiry (0 = never).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub expires_at: u64,
    /// The salt.
    pub salt: u32,
    /// 006: the packed ts. Absent for 007.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub ts: Option<u32>,
    /// 006: CRC-32 of the channel name.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub crc_channel_name: Option<u32>,
    /// 006: CRC-32 of the uid string.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub crc_uid: Option<u32>,
    /// The services (for 006, one pseudo-service `rtc` or `rtm` with the privileges).
    pub services: Vec<ServiceInfo>,
    /// Whether the token had expired at the time given to [`inspect`] (`inspectToken`'s
    /// `now`); absent when no time was given.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub expired: Option<bool>,
    /// Things that are valid but probably not meant.
    #[cfg_attr(feature = "ts", ts(type = "TokenWarning[]"))]
    pub warnings: Vec<Warning>,
}

/// Parses and describes a token. With `now` (unix seconds) the description says whether
/// the token has expired.
pub fn inspect(token: &str, now: Option<u32>) -> Result<TokenInfo> {
    Ok(describe(&ParsedToken::parse(token)?, now, 0))
}

/// Describes an already parsed token; with `now` it has expired from `expiresAt + leeway`.
pub(crate) fn describe(parsed: &ParsedToken, now: Option<u32>, leeway: u32) -> TokenInfo {
    let mut info = match parsed {
        ParsedToken::V006(t) => describe_006(t),
        ParsedToken::V007(t) => describe_007(t),
    };
    if let Some(now) = now {
        let expired = info.expires_at != 0 && u64::from(now) >= info.expires_at + u64::from(leeway);
        info.expired = Some(expired);
        if expired {
            info.warnings.insert(0, Warning::Expired);
        }
    }
    info
}

fn describe_006(t: &v006::Token) -> TokenInfo {
    let privileges: Vec<PrivilegeInfo> = t
        .message
        .privileges
        .iter()
        .map(|(id, ts)| PrivilegeInfo {
            id,
            name: v006::Privilege::from_id(id).map_or("unknown", v006::Privilege::name),
            seconds: None,
            expires_at: u64::from(ts),
        })
        .collect();
    let is_rtm = t
        .message
        .privileges
        .contains_key(v006::Privilege::RtmLogin.id());
    // A 006 token is one service: RTM login, or RTC.
    let kind = if is_rtm {
        ServiceType::Rtm
    } else {
        ServiceType::Rtc
    };
    let mut warnings = Vec::new();
    if !is_rtm && t.crc_uid == 0 {
        // crc32("") == 0: the uid string was empty, i.e. uid 0.
        warnings.push(Warning::WildcardUid);
    }
    let never = privileges.iter().any(|p| p.expires_at == 0);
    let expires_at = if never {
        0
    } else {
        privileges.iter().map(|p| p.expires_at).max().unwrap_or(0)
    };
    TokenInfo {
        version: v006::VERSION,
        app_id: t.app_id.clone(),
        issued_at: None,
        expire: None,
        expires_at,
        salt: t.message.salt,
        ts: Some(t.message.ts),
        crc_channel_name: Some(t.crc_channel_name),
        crc_uid: Some(t.crc_uid),
        services: vec![ServiceInfo {
            type_id: kind.id(),
            type_name: kind.name(),
            fields: Named::default(),
            role: None,
            permissions: None,
            privileges,
        }],
        expired: None,
        warnings,
    }
}

fn describe_007(p: &ParsedToken2) -> TokenInfo {
    let t = &p.token;
    let token_end = u64::from(t.issue_ts) + u64::from(t.expire);
    let mut warnings = Vec::new();
    let mut warn = |w: Warning| {
        if !warnings.contains(&w) {
            warnings.push(w);
        }
    };
    if t.expire > MAX_RELATIVE_SECONDS {
        warn(Warning::LooksLikeTimestamp);
    }
    let services = t
        .services
        .iter()
        .map(|s| {
            let privileges: Vec<PrivilegeInfo> = s
                .raw_privileges()
                .iter()
                .map(|(id, seconds)| {
                    if seconds > MAX_RELATIVE_SECONDS {
                        warn(Warning::LooksLikeTimestamp);
                    } else if seconds > t.expire {
                        warn(Warning::PrivilegeOutlivesToken);
                    }
                    PrivilegeInfo {
                        id,
                        name: s.privilege_name(id).unwrap_or("unknown"),
                        seconds: Some(seconds),
                        expires_at: if seconds == 0 {
                            token_end
                        } else {
                            u64::from(t.issue_ts) + u64::from(seconds)
                        },
                    }
                })
                .collect();
            if let Service::Rtc(rtc) = s {
                if rtc.uid.is_empty() {
                    warn(Warning::WildcardUid);
                }
            }
            service_info(s, privileges)
        })
        .collect();
    TokenInfo {
        version: crate::v007::VERSION,
        app_id: p.app_id.clone(),
        issued_at: Some(t.issue_ts),
        expire: Some(t.expire),
        expires_at: token_end,
        salt: t.salt,
        ts: None,
        crc_channel_name: None,
        crc_uid: None,
        services,
        expired: None,
        warnings,
    }
}

fn service_info(s: &Service, privileges: Vec<PrivilegeInfo>) -> ServiceInfo {
    let kind = s.service_type();
    let fields = s
        .text_fields()
        .into_iter()
        .map(|(field, value)| (field.js_name(), value.to_owned()))
        .collect();
    let permissions = s.permissions().map(|p| {
        Named(
            p.by_resource()
                .map(|(res, group)| {
                    let kinds = group.iter().map(|(k, v)| (k.name(), v.clone())).collect();
                    (res.name(), Named(kinds))
                })
                .collect(),
        )
    });
    ServiceInfo {
        type_id: kind.id(),
        type_name: kind.name(),
        fields: Named(fields),
        role: s.role(),
        permissions,
        privileges,
    }
}
