//! Token issuance under the server's policy: the expiry bounds, the wildcard-uid and
//! Chat-app-token rules, and the community token server's (agora-token-service's) choices
//! of builder and of request semantics (role, default lifetime).

use std::str::FromStr;

use agora_token::builders::{self, RtcRole, RtcUser};
use agora_token::v007::{
    AccessToken2, ChatPrivilege, Privilege, Privileges, Rtc, RtcPrivilege, ServiceType,
};
use agora_token::{
    validate, Credentials, ErrorKind, Expiry, Field, Issue, RtcOptions, RtmOptions, Version,
};

use crate::audit::TokenRecord;
use crate::errors::ApiError;
use crate::identity::Identity;
use crate::platform::Platform;
use crate::settings::Policy;

/// Where salts come from (the platform's CSPRNG).
pub trait SaltSource {
    /// A salt in `1..=99999999`, or `None` if none is available.
    fn salt(&self) -> Option<u32>;
}

impl<P: Platform> SaltSource for P {
    fn salt(&self) -> Option<u32> {
        Platform::salt(self)
    }
}

/// How the uid of an RTC token is to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UidKind {
    /// Decimal digits are a numeric uid, anything else an account (`POST /getToken`).
    Auto,
    /// A numeric uid only (`/rtc/…/uid/…`).
    Uid,
    /// An account only (`/rtc/…/userAccount/…`).
    Account,
}

impl UidKind {
    /// The older routes' `tokentype`: `uid` or `userAccount`.
    pub fn from_path(s: &str) -> Result<Self, ApiError> {
        match s {
            "uid" => Ok(Self::Uid),
            "userAccount" => Ok(Self::Account),
            _ => Err(ApiError::bad_request(
                "INVALID_TOKEN_TYPE",
                "tokentype: must be \"uid\" or \"userAccount\"",
            )),
        }
    }
}

/// Issues tokens for one request: credentials, policy, the issue time and the salts.
pub struct Issuer<'a> {
    /// The app credentials.
    pub creds: &'a Credentials,
    /// The server policy.
    pub policy: &'a Policy,
    /// The issue time (unix seconds).
    pub now: u32,
    /// Where salts come from (one per token).
    pub salts: &'a dyn SaltSource,
    /// The caller's verified identity in the JWT mode: every token is bound to it (its
    /// user, its allowed channels, its role).
    pub identity: Option<&'a Identity>,
    /// Every token asked for in this request, as the audit trail records it (recorded
    /// before the identity's rules are checked, so that a refusal names what was asked).
    pub records: Vec<TokenRecord>,
}

impl Issuer<'_> {
    /// The audit record of a token for `service` (the caller fills in the rest and pushes
    /// it to [`Issuer::records`]).
    fn record(&self, service: &'static str, version: Version, expire: u32) -> TokenRecord {
        TokenRecord {
            service,
            channel: None,
            uid: None,
            account: None,
            user_id: None,
            role: None,
            privileges: Vec::new(),
            version: version.as_str(),
            expires_in: expire,
            expires_at: u64::from(self.now) + u64::from(expire),
        }
    }

    /// The issue time and a fresh salt (the core checks the salt when it packs it).
    fn issue(&self) -> Result<Issue, ApiError> {
        let salt = self
            .salts
            .salt()
            .ok_or_else(|| ApiError::internal("no random salt is available"))?;
        Ok(Issue::at(self.now, salt))
    }

    /// The token lifetime: the request's (1..=max), or the default when it names none or
    /// 0 (as agora-token-service). A request over the maximum is a 400, never clamped.
    ///
    /// In the JWT mode no token outlives the caller's JWT (its `exp` plus the leeway): the
    /// lifetime is at most what is left of it, which the answer's `expiresIn` states.
    pub fn expire(&self, field: &str, requested: Option<u64>) -> Result<u32, ApiError> {
        let max = self.policy.max_expire;
        let lifetime = match requested {
            None | Some(0) => self.policy.default_expire,
            Some(n) => u32::try_from(n).ok().filter(|n| *n <= max).ok_or_else(|| {
                ApiError::bad_request(
                    ErrorKind::InvalidExpiry.code(),
                    format!(
                        "{field}: must be at most {max} seconds (this server's TOKEN_MAX_EXPIRE)"
                    ),
                )
            })?,
        };
        match self.identity {
            None => Ok(lifetime),
            Some(id) => {
                let left = id.valid_until.saturating_sub(u64::from(self.now));
                let left = u32::try_from(left).unwrap_or(u32::MAX);
                if left == 0 {
                    return Err(crate::jwt::AuthError::new(
                        crate::jwt::Reason::TokenExpired,
                        "exp: the JWT has no lifetime left for a token",
                    )
                    .into_api_error());
                }
                Ok(lifetime.min(left))
            }
        }
    }

    /// The RTC user for `uid`, applying the wildcard rule. An empty uid is uid 0, the
    /// wildcard (as agora-token-service reads an empty path segment).
    pub fn rtc_user(&self, uid: Option<&str>, kind: UidKind) -> Result<RtcUser, ApiError> {
        if let Some(id) = self.identity {
            // JWT mode: absent is the caller's own identity; anything else must equal it
            // (so the wildcard uid is never issued).
            let Some(uid) = uid.filter(|u| !u.is_empty()) else {
                return Ok(id.rtc.clone());
            };
            let user = match kind {
                UidKind::Auto => crate::identity::rtc_user_of(uid),
                UidKind::Uid => RtcUser::Uid(validate::parse_uid(Field::Uid, uid)?),
                UidKind::Account => RtcUser::Account(uid.to_owned()),
            };
            id.check_rtc_user(&user)?;
            return Ok(user);
        }
        let uid = uid.unwrap_or_default();
        let user = match kind {
            UidKind::Auto | UidKind::Uid if uid.is_empty() => RtcUser::Uid(0),
            // Digits are a uid, anything else an account: the core's one reading of a text.
            UidKind::Auto => RtcUser::from_text(uid)?,
            UidKind::Uid => RtcUser::Uid(validate::parse_uid(Field::Uid, uid)?),
            // The core refuses an empty or over-long account when it builds the token.
            UidKind::Account => RtcUser::Account(uid.to_owned()),
        };
        if user.is_wildcard() && !self.policy.allow_wildcard_uid {
            return Err(ApiError::bad_request(
                "WILDCARD_UID_NOT_ALLOWED",
                "uid: 0 or empty is the wildcard (any user may join with it), which this server does not issue (ALLOW_WILDCARD_UID=false)",
            ));
        }
        Ok(user)
    }

    /// An RTC token (uid or account builder by `user`). The identity's rules come first;
    /// the core then checks every value once, as it builds.
    pub fn rtc(
        &mut self,
        channel: &str,
        user: RtcUser,
        role: RtcRole,
        expire: u32,
        version: Version,
    ) -> Result<String, ApiError> {
        let mut r = self.record(ServiceType::Rtc.name(), version, expire);
        r.channel = Some(channel.to_owned());
        match &user {
            RtcUser::Uid(n) => r.uid = Some(*n),
            RtcUser::Account(a) => r.account = Some(a.clone()),
        }
        r.role = Some(role.name());
        self.records.push(r);
        if let Some(id) = self.identity {
            id.check_rtc_user(&user)?;
            id.check_channel(channel)?;
            id.check_role(role)?;
        }
        let issue = self.issue()?;
        let mut o = RtcOptions::new(channel, user);
        o.role = role;
        o.expiry = Expiry::In(expire);
        o.version = version;
        o.issue = Some(issue);
        Ok(agora_token::build_rtc_token(self.creds, &o)?)
    }

    /// An RTM token; with `channel` (007 only) it also grants join and publishData in that
    /// stream channel, for the same user. Publishing data there is publishing: in the JWT
    /// mode it needs the role claim's publisher grant, as an RTC publisher token does.
    pub fn rtm(
        &mut self,
        uid: &str,
        channel: Option<&str>,
        expire: u32,
        version: Version,
    ) -> Result<String, ApiError> {
        let mut r = self.record(ServiceType::Rtm.name(), version, expire);
        r.user_id = Some(uid.to_owned());
        if let Some(c) = channel {
            r.channel = Some(c.to_owned());
            r.privileges = STREAM_CHANNEL.iter().map(|p| p.name()).collect();
        }
        self.records.push(r);
        if let Some(id) = self.identity {
            id.check_user_id(uid)?;
            if let Some(c) = channel {
                id.check_channel(c)?;
                id.check_stream_channel_role()?;
            }
        }
        let Some(channel) = channel else {
            let issue = self.issue()?;
            let mut o = RtmOptions::new(uid);
            o.expiry = Expiry::In(expire);
            o.version = version;
            o.issue = Some(issue);
            return Ok(agora_token::build_rtm_token(self.creds, &o)?);
        };
        require_007(version, "an RTM token with a channel")?;
        let issue = self.issue()?;
        let privileges: Privileges<RtcPrivilege> =
            STREAM_CHANNEL.iter().map(|p| (*p, expire)).collect();
        let token = AccessToken2::new(issue.issue_ts, expire, issue.salt)
            .with(Rtc {
                channel_name: channel.to_owned(),
                uid: uid.to_owned(),
                privileges,
            })
            .with(builders::rtm_service(uid, expire));
        Ok(token.build(self.creds)?)
    }

    /// A Chat user token for `uid`, or a Chat app token without one (007 only). The app
    /// token is the app-level credential of Agora Chat's REST API: it is issued only with
    /// `ALLOW_CHAT_APP_TOKEN=true`, else 403 `CHAT_APP_TOKEN_NOT_ALLOWED`.
    pub fn chat(
        &mut self,
        uid: Option<&str>,
        expire: u32,
        version: Version,
    ) -> Result<String, ApiError> {
        // JWT mode: a Chat user token for the caller only, never an app token.
        let uid = uid
            .filter(|u| !u.is_empty())
            .or(self.identity.map(|id| id.user.as_str()));
        let mut r = self.record(ServiceType::Chat.name(), version, expire);
        match uid {
            Some(u) => r.user_id = Some(u.to_owned()),
            None => r.privileges = vec![ChatPrivilege::App.name()],
        }
        self.records.push(r);
        if let (Some(id), Some(u)) = (self.identity, uid) {
            id.check_user_id(u)?;
        }
        if uid.is_none() {
            self.check_chat_app()?;
        }
        require_007(version, "a Chat token")?;
        let token = match uid {
            Some(u) => builders::chat_user(self.issue()?, u, expire),
            None => builders::chat_app(self.issue()?, expire),
        };
        Ok(token.build(self.creds)?)
    }

    /// 403 `CHAT_APP_TOKEN_NOT_ALLOWED` unless the policy allows Chat app tokens.
    /// In the JWT mode it is 403 `FORBIDDEN_IDENTITY`: an app token is bound to no user.
    pub fn check_chat_app(&self) -> Result<(), ApiError> {
        if self.identity.is_some() {
            Err(ApiError::new(
                403,
                "FORBIDDEN_IDENTITY",
                "a Chat app token is bound to no user: never issued to a JWT caller (ask for the caller's Chat user token)",
            ))
        } else if self.policy.allow_chat_app_token {
            Ok(())
        } else {
            Err(ApiError::new(
                403,
                "CHAT_APP_TOKEN_NOT_ALLOWED",
                "a Chat app token (no uid) is the app-level credential of Agora Chat's REST API, which this server does not issue (ALLOW_CHAT_APP_TOKEN=false); send a uid for a Chat user token",
            ))
        }
    }
}

/// The RTC privileges of an RTM token's stream channel (agora-token-service's `/rte`).
const STREAM_CHANNEL: [RtcPrivilege; 2] =
    [RtcPrivilege::JoinChannel, RtcPrivilege::PublishDataStream];

/// Parses an optional `version` (default 007).
pub fn version(v: Option<&str>) -> Result<Version, ApiError> {
    v.map_or(Ok(Version::V007), |v| {
        Version::from_str(v).map_err(ApiError::from)
    })
}

/// The RTC role of a request, as agora-token-service reads it: exactly `"publisher"` is a
/// publisher, any other value (or none) joins without publishing (least privilege).
pub fn role(r: Option<&str>) -> RtcRole {
    if r == Some("publisher") {
        RtcRole::Publisher
    } else {
        RtcRole::Subscriber
    }
}

fn require_007(version: Version, what: &str) -> Result<(), ApiError> {
    if version == Version::V007 {
        Ok(())
    } else {
        Err(ApiError::bad_request(
            ErrorKind::UnsupportedVersion.code(),
            format!("version: {what} exists only in format 007"),
        ))
    }
}
