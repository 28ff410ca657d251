//! Verification of either format, with the most likely reason a token would be refused.

#[cfg(feature = "serde")]
use serde::Serialize;

use crate::builders::RtcUser;
use crate::credentials::AppCertificate;
use crate::inspect::{describe, ParsedToken, TokenInfo};
use crate::v006::Mismatch;
use crate::v007::Service;

/// What the caller expects the token to be for. Every field is optional, except that a
/// 006 signature can only be checked with the channel and uid (006 stores only their CRCs).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Expected {
    /// The app id the token must carry.
    pub app_id: Option<String>,
    /// The channel the client joins.
    pub channel_name: Option<String>,
    /// The uid or account the client joins with.
    pub user: Option<RtcUser>,
    /// The current unix time, to check expiry.
    pub now: Option<u32>,
}

/// Why a token would be refused.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(Serialize),
    serde(rename_all = "SCREAMING_SNAKE_CASE")
)]
pub enum Reason {
    /// The token could not be parsed.
    Malformed,
    /// The signature does not hold: most likely another app certificate (or an altered token).
    SignatureMismatch,
    /// A 006 token needs the channel and uid to recompute its signature.
    ChannelAndUidRequired,
    /// The token carries another app id.
    AppIdMismatch,
    /// The token is for another channel.
    ChannelMismatch,
    /// The token is for another uid or account.
    UidMismatch,
    /// The token has expired.
    Expired,
}

impl Reason {
    /// A plain sentence explaining the reason.
    pub const fn message(self) -> &'static str {
        match self {
            Self::Malformed => "The token could not be parsed.",
            Self::SignatureMismatch => "The signature does not match: the token was most likely signed with another app certificate, or altered.",
            Self::ChannelAndUidRequired => "A 006 token's signature covers the channel and uid, which it stores only as CRCs: give both to verify it.",
            Self::AppIdMismatch => "The token was issued for another app id.",
            Self::ChannelMismatch => "The token was issued for another channel name.",
            Self::UidMismatch => "The token was issued for another uid or account.",
            Self::Expired => "The token has expired.",
        }
    }
}

/// The outcome of [`verify`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize), serde(rename_all = "camelCase"))]
pub struct Verification {
    /// Whether the token is acceptable: the signature holds and nothing expected differs.
    pub valid: bool,
    /// Whether the signature holds (`None` when it could not be checked).
    pub signature_valid: Option<bool>,
    /// Whether the token has expired (`None` without a current time).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub expired: Option<bool>,
    /// The most likely reason it would be refused, if it would.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub reason: Option<Reason>,
    /// A sentence explaining `reason`.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub message: Option<String>,
    /// For [`Reason::Malformed`]: the stable code of the parse error, such as
    /// `PAYLOAD_TOO_LARGE` or `INVALID_BASE64` (the same code [`crate::inspect()`] fails with).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub code: Option<&'static str>,
    /// The token's description, when it could be parsed.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub token: Option<TokenInfo>,
}

impl Verification {
    fn refused(reason: Reason, signature_valid: Option<bool>, token: Option<TokenInfo>) -> Self {
        Self {
            valid: false,
            signature_valid,
            expired: token.as_ref().and_then(|t| t.expired),
            reason: Some(reason),
            message: Some(reason.message().to_owned()),
            code: None,
            token,
        }
    }
}

/// Verifies `token` against `certificate` and what the caller expects.
///
/// The signature is compared in constant time. A malformed token is reported as
/// [`Reason::Malformed`] with the parse error's message and code.
pub fn verify(token: &str, certificate: &AppCertificate, expected: &Expected) -> Verification {
    let parsed = match ParsedToken::parse(token) {
        Ok(p) => p,
        Err(e) => {
            let mut v = Verification::refused(Reason::Malformed, None, None);
            v.message = Some(e.to_string());
            v.code = Some(e.code());
            return v;
        }
    };
    let info = describe(&parsed, expected.now);
    if let Some(app_id) = &expected.app_id {
        if app_id != parsed.app_id() {
            return Verification::refused(Reason::AppIdMismatch, None, Some(info));
        }
    }
    let signature_valid = match &parsed {
        ParsedToken::V006(t) => {
            let (Some(channel), Some(user)) = (&expected.channel_name, &expected.user) else {
                return Verification::refused(Reason::ChannelAndUidRequired, None, Some(info));
            };
            let uid = if is_006_rtm(t) {
                String::new()
            } else {
                user.wire()
            };
            match t.verify(certificate, channel, &uid) {
                Ok(()) => true,
                Err(Mismatch::ChannelName) => {
                    return Verification::refused(Reason::ChannelMismatch, None, Some(info))
                }
                Err(Mismatch::Uid) => {
                    return Verification::refused(Reason::UidMismatch, None, Some(info))
                }
                Err(Mismatch::AppId | Mismatch::Signature) => false,
            }
        }
        ParsedToken::V007(t) => t.verify(certificate),
    };
    if !signature_valid {
        return Verification::refused(Reason::SignatureMismatch, Some(false), Some(info));
    }
    if let ParsedToken::V007(t) = &parsed {
        if let Some(reason) = rtc_mismatch(&t.token.services, expected) {
            return Verification::refused(reason, Some(true), Some(info));
        }
    }
    if info.expired == Some(true) {
        return Verification::refused(Reason::Expired, Some(true), Some(info));
    }
    Verification {
        valid: true,
        signature_valid: Some(true),
        expired: info.expired,
        reason: None,
        message: None,
        code: None,
        token: Some(info),
    }
}

fn is_006_rtm(t: &crate::v006::Token) -> bool {
    t.message
        .privileges
        .contains_key(crate::v006::Privilege::RtmLogin.id())
}

/// For 007: whether some RTC service matches the expected channel and uid (an empty uid in
/// the token is the wildcard and matches any).
fn rtc_mismatch(services: &[Service], expected: &Expected) -> Option<Reason> {
    if expected.channel_name.is_none() && expected.user.is_none() {
        return None;
    }
    let rtc: Vec<_> = services
        .iter()
        .filter_map(|s| match s {
            Service::Rtc(r) => Some(r),
            _ => None,
        })
        .collect();
    let channel_ok = |c: &str| expected.channel_name.as_deref().is_none_or(|e| e == c);
    let uid_ok = |u: &str| u.is_empty() || expected.user.as_ref().is_none_or(|e| e.wire() == u);
    if rtc
        .iter()
        .any(|r| channel_ok(&r.channel_name) && uid_ok(&r.uid))
    {
        None
    } else if rtc.iter().any(|r| channel_ok(&r.channel_name)) {
        Some(Reason::UidMismatch)
    } else {
        Some(Reason::ChannelMismatch)
    }
}
