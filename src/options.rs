//! The headline API shared by the CLI, the npm package and the Worker: one options value
//! per token kind, either format, expiry given as `expiresIn` or `expiresAt`.

use std::str::FromStr;

use crate::builders::{self, RtcPrivilegeExpiries, RtcRole, RtcUser};
use crate::clock::{self, Issue};
use crate::credentials::Credentials;
use crate::error::{Error, ErrorKind, Field, Result};
use crate::v006;
use crate::validate;

/// The token format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Version {
    /// AccessToken 006 (absolute expiries; the seed package's format).
    V006,
    /// AccessToken2 007 (relative expiries; what Agora recommends today).
    #[default]
    V007,
}

impl Version {
    /// `"006"` or `"007"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::V006 => "006",
            Self::V007 => "007",
        }
    }
}

impl FromStr for Version {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "006" => Ok(Self::V006),
            "007" => Ok(Self::V007),
            _ => Err(Error::new(
                ErrorKind::UnsupportedVersion,
                Field::Version,
                "must be \"006\" or \"007\"",
            )),
        }
    }
}

/// When a token expires.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Expiry {
    /// Seconds after the issue time (1..=1000000000).
    In(u32),
    /// An absolute unix time, after the issue time.
    At(u32),
}

impl Default for Expiry {
    /// One hour.
    fn default() -> Self {
        Self::In(DEFAULT_EXPIRES_IN)
    }
}

/// The default lifetime: one hour.
pub const DEFAULT_EXPIRES_IN: u32 = 3600;

impl Expiry {
    /// Resolves to `(seconds after issue, absolute unix time)`.
    pub fn resolve(self, issued_at: u32) -> Result<(u32, u32)> {
        let (rel, field) = match self {
            Self::In(s) => (s, Field::ExpiresIn),
            Self::At(t) => {
                let rel = t.checked_sub(issued_at).filter(|r| *r > 0).ok_or_else(|| {
                    Error::new(
                        ErrorKind::InvalidExpiry,
                        Field::ExpiresAt,
                        format!("must be after the issue time {issued_at} (got {t})"),
                    )
                })?;
                (rel, Field::ExpiresAt)
            }
        };
        validate::relative_seconds(field, rel, 1)?;
        let abs = issued_at.checked_add(rel).ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidExpiry,
                field,
                "issue time plus lifetime is past the year 2106 (u32 unix time)",
            )
        })?;
        Ok((rel, abs))
    }

    /// Resolves for a format: like [`Expiry::resolve`], except that a 006 token given an
    /// absolute time ([`Expiry::At`]) may last longer than
    /// [`MAX_RELATIVE_SECONDS`](validate::MAX_RELATIVE_SECONDS). 006 stores the absolute time
    /// itself, so a far-off `At` (such as the official vectors' 1446455471 issued at 1025711)
    /// is what the caller meant, not a timestamp passed where seconds belong.
    pub fn resolve_for(self, version: Version, issued_at: u32) -> Result<(u32, u32)> {
        match (version, self) {
            (Version::V006, Self::At(t)) => match t.checked_sub(issued_at).filter(|r| *r > 0) {
                Some(rel) => Ok((rel, t)),
                None => Err(Error::new(
                    ErrorKind::InvalidExpiry,
                    Field::ExpiresAt,
                    format!("must be after the issue time {issued_at} (got {t})"),
                )),
            },
            _ => self.resolve(issued_at),
        }
    }
}

/// Fills the issue time and salt for a surface that takes them apart: missing ones come from
/// the clock and the CSPRNG. A given salt is checked once, by the builder that packs it.
pub fn issue(issued_at: Option<u32>, salt: Option<u32>) -> Result<Issue> {
    let issue_ts = match issued_at {
        Some(t) => t,
        None => clock::now()?,
    };
    let salt = match salt {
        Some(s) => s,
        None => clock::random_salt()?,
    };
    Ok(Issue { issue_ts, salt })
}

/// Options of [`build_rtc_token`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RtcOptions {
    /// The channel name.
    pub channel_name: String,
    /// The uid (0 = wildcard) or account.
    pub user: RtcUser,
    /// Publisher or subscriber (default subscriber).
    pub role: RtcRole,
    /// The token's expiry (default one hour).
    pub expiry: Expiry,
    /// Per-privilege lifetimes in seconds after issue; when set, all four privileges are
    /// granted with these lifetimes, whatever the role (0 = as long as the token).
    pub privileges: Option<RtcPrivilegeExpiries>,
    /// 006 or 007 (default 007).
    pub version: Version,
    /// Issue time and salt, for reproducible tokens (default: now and a random salt).
    pub issue: Option<Issue>,
}

impl RtcOptions {
    /// Options with the defaults: subscriber, one hour, 007, now, random salt.
    pub fn new(channel_name: impl Into<String>, user: RtcUser) -> Self {
        Self {
            channel_name: channel_name.into(),
            user,
            role: RtcRole::default(),
            expiry: Expiry::default(),
            privileges: None,
            version: Version::default(),
            issue: None,
        }
    }
}

/// Options of [`build_rtm_token`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RtmOptions {
    /// The RTM user id.
    pub user_id: String,
    /// The token's expiry (default one hour).
    pub expiry: Expiry,
    /// 006 or 007 (default 007).
    pub version: Version,
    /// Issue time and salt, for reproducible tokens (default: now and a random salt).
    pub issue: Option<Issue>,
}

impl RtmOptions {
    /// Options with the defaults: one hour, 007, now, random salt.
    pub fn new(user_id: impl Into<String>) -> Self {
        Self {
            user_id: user_id.into(),
            expiry: Expiry::default(),
            version: Version::default(),
            issue: None,
        }
    }
}

/// Builds an RTC token in either format.
///
/// For 006, the privileges carry the absolute expiry and `ts` is the issue time plus 24 h,
/// as in the seed package. For 007, the token and its privileges carry relative seconds.
pub fn build_rtc_token(creds: &Credentials, o: &RtcOptions) -> Result<String> {
    // Checked for both formats: an empty account must be an error, never the wildcard
    // (007 packs the account as the uid, where `""` means any user).
    if let RtcUser::Account(a) = &o.user {
        validate::account(Field::Account, a)?;
    }
    let issue = match o.issue {
        Some(given) => given,
        None => Issue::now()?,
    };
    let (rel, abs) = o.expiry.resolve_for(o.version, issue.issue_ts)?;
    match o.version {
        Version::V007 => match &o.privileges {
            None => builders::rtc(issue, &o.channel_name, &o.user, o.role, rel, rel),
            Some(p) => builders::rtc_with_privileges(issue, &o.channel_name, &o.user, rel, p),
        }
        .build(creds),
        Version::V006 => {
            let account;
            let subject = match &o.user {
                RtcUser::Uid(n) => v006::Subject::Uid(*n),
                RtcUser::Account(a) => {
                    account = a.as_str();
                    v006::Subject::Account(account)
                }
            };
            let ts = v006::ts_for(issue.issue_ts)?;
            match &o.privileges {
                None => v006::build_rtc(
                    creds,
                    &v006::RtcParams {
                        channel_name: &o.channel_name,
                        subject,
                        role: match o.role {
                            RtcRole::Publisher => v006::Role::Publisher,
                            RtcRole::Subscriber => v006::Role::Subscriber,
                        },
                        privilege_expired_ts: abs,
                        salt: issue.salt,
                        ts,
                    },
                ),
                Some(p) => {
                    let at = |s: u32| -> Result<u32> {
                        validate::relative_seconds(Field::Privileges, s, 0)?;
                        Ok(if s == 0 {
                            abs
                        } else {
                            Expiry::In(s).resolve(issue.issue_ts)?.1
                        })
                    };
                    let expiries = [
                        at(p.join_channel)?,
                        at(p.publish_audio)?,
                        at(p.publish_video)?,
                        at(p.publish_data)?,
                    ];
                    v006::build_rtc_with_expiries(
                        creds,
                        &o.channel_name,
                        &subject,
                        expiries,
                        issue.salt,
                        ts,
                    )
                }
            }
        }
    }
}

/// Builds an RTM token in either format.
pub fn build_rtm_token(creds: &Credentials, o: &RtmOptions) -> Result<String> {
    let issue = match o.issue {
        Some(given) => given,
        None => Issue::now()?,
    };
    let (rel, abs) = o.expiry.resolve_for(o.version, issue.issue_ts)?;
    match o.version {
        Version::V007 => builders::rtm(issue, &o.user_id, rel).build(creds),
        Version::V006 => v006::build_rtm(
            creds,
            &v006::RtmParams {
                user_id: &o.user_id,
                privilege_expired_ts: abs,
                salt: issue.salt,
                ts: v006::ts_for(issue.issue_ts)?,
            },
        ),
    }
}
