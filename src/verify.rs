//! Verification of either format, in one place for every front end (the CLI, the Worker's
//! `/inspect`, the npm package's `verifyToken` and the inspector page through it).
//!
//! The token is parsed once, then checked against one [`Expected`]: the app id, who the
//! client is (channel, uid or account, RTM/Chat user id, APaaS room and user), the time and
//! a leeway. The outcome says whether the token would be accepted, the most likely reason
//! it would be refused, what it is ([`TokenInfo`]), what looks wrong ([`Warning`]) and each
//! identity that differs ([`Mismatch`]).

#[cfg(feature = "serde")]
use serde::Serialize;

use crate::credentials::AppCertificate;
use crate::crypto::crc32;
use crate::error::Field;
use crate::inspect::{describe, ParsedToken, TokenInfo, Warning};
use crate::rtc::RtcUser;
use crate::v006;
use crate::v007::ServiceType;

/// What the caller expects the token to be for. Every field is optional; a 006 signature
/// can only be checked with the identity it signs (the channel and uid, or for RTM the
/// user id), which the token keeps only as CRCs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Expected {
    /// The app id the token must carry.
    pub app_id: Option<String>,
    /// The channel the client joins (RTC, Streaming, FCDN; a 006 RTM token signs its user
    /// id as the channel, so there it is compared with the user id).
    pub channel_name: Option<String>,
    /// The uid or account the client joins with (RTC; the account of Streaming and FCDN).
    /// A token for uid 0 (the wildcard) matches any. On a token that names no uid or
    /// account but an RTM or Chat user id (such as a 006 RTM token), another uid or
    /// account is compared with that user id when [`Expected::user_id`] is not given, and
    /// uid 0 is ignored.
    pub user: Option<RtcUser>,
    /// The RTM, RTM2 or Chat user id the client logs in with (for 006 RTM: the user id the
    /// token signs in its channel slot).
    pub user_id: Option<String>,
    /// The APaaS room uuid.
    pub room_uuid: Option<String>,
    /// The APaaS user uuid.
    pub user_uuid: Option<String>,
    /// The current unix time, to check expiry (`None`: not checked).
    pub now: Option<u32>,
    /// Seconds of clock skew tolerated: the token counts as expired only from
    /// `expiresAt + leeway`.
    pub leeway: u32,
}

/// Why a token would be refused.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Reason {
    /// The token could not be parsed.
    Malformed,
    /// The signature does not hold: most likely another app certificate (or an altered token).
    SignatureMismatch,
    /// A 006 token needs the identity it signs (channel and uid; RTM: the user id) to
    /// recompute its signature.
    ChannelAndUidRequired,
    /// The token carries another app id.
    AppIdMismatch,
    /// The token is for another channel.
    ChannelMismatch,
    /// The token is for another uid or account.
    UidMismatch,
    /// The token is for another RTM, RTM2, Chat or APaaS user.
    UserIdMismatch,
    /// The token is for another APaaS room.
    RoomMismatch,
    /// The token has expired.
    Expired,
    /// No certificate was given, so the signature was not checked (nothing else is wrong).
    SignatureNotChecked,
}

impl Reason {
    /// Every reason, in declaration order (the npm package's `RefusalReason` type is
    /// generated from it).
    pub const ALL: [Self; 10] = [
        Self::Malformed,
        Self::SignatureMismatch,
        Self::ChannelAndUidRequired,
        Self::AppIdMismatch,
        Self::ChannelMismatch,
        Self::UidMismatch,
        Self::UserIdMismatch,
        Self::RoomMismatch,
        Self::Expired,
        Self::SignatureNotChecked,
    ];

    /// The stable code, such as `SIGNATURE_MISMATCH` (what the JSON outputs carry).
    pub const fn code(self) -> &'static str {
        match self {
            Self::Malformed => "MALFORMED",
            Self::SignatureMismatch => "SIGNATURE_MISMATCH",
            Self::ChannelAndUidRequired => "CHANNEL_AND_UID_REQUIRED",
            Self::AppIdMismatch => "APP_ID_MISMATCH",
            Self::ChannelMismatch => "CHANNEL_MISMATCH",
            Self::UidMismatch => "UID_MISMATCH",
            Self::UserIdMismatch => "USER_ID_MISMATCH",
            Self::RoomMismatch => "ROOM_MISMATCH",
            Self::Expired => "EXPIRED",
            Self::SignatureNotChecked => "SIGNATURE_NOT_CHECKED",
        }
    }

    /// A plain sentence explaining the reason.
    pub const fn message(self) -> &'static str {
        match self {
            Self::Malformed => "The token could not be parsed.",
            Self::SignatureMismatch => "The signature does not match: the token was most likely signed with another app certificate, or altered.",
            Self::ChannelAndUidRequired => "A 006 token's signature covers the channel and uid (for RTM, the user id), which it stores only as CRCs: give them to verify it.",
            Self::AppIdMismatch => "The token was issued for another app id.",
            Self::ChannelMismatch => "The token was issued for another channel name.",
            Self::UidMismatch => "The token was issued for another uid or account.",
            Self::UserIdMismatch => "The token was issued for another user id.",
            Self::RoomMismatch => "The token was issued for another room.",
            Self::Expired => "The token has expired.",
            Self::SignatureNotChecked => "No app certificate was given, so the signature was not checked.",
        }
    }

    fn for_field(field: Field) -> Self {
        match field {
            Field::ChannelName => Self::ChannelMismatch,
            Field::RoomUuid => Self::RoomMismatch,
            Field::UserId | Field::UserUuid => Self::UserIdMismatch,
            _ => Self::UidMismatch,
        }
    }
}

#[cfg(feature = "serde")]
impl Serialize for Reason {
    /// The code ([`Reason::code`]).
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

/// An identity the caller expects that the token does not name.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize), serde(rename_all = "camelCase"))]
#[cfg_attr(
    feature = "ts",
    derive(ts_rs::TS),
    ts(rename = "IdentityMismatch", optional_fields)
)]
pub struct Mismatch {
    /// The type name of the service that names another value (`rtc`, `rtm`, …); absent when
    /// no service of the token names this field.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    #[cfg_attr(feature = "ts", ts(type = "ServiceName", optional))]
    pub service: Option<&'static str>,
    /// The field (`channelName`, `uid`, `account`, `userId`, `roomUuid`, `userUuid`).
    #[cfg_attr(feature = "ts", ts(type = "MismatchField"))]
    pub field: Field,
    /// What the caller expects.
    pub expected: String,
    /// What the token names; absent for 006, which keeps only CRC-32s, or when no service
    /// names the field.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub found: Option<String>,
    /// A sentence describing the difference.
    pub message: String,
}

/// The outcome of [`verify`] and [`check`] (`verifyToken`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize), serde(rename_all = "camelCase"))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct Verification {
    /// Whether the token is acceptable: the signature holds and nothing expected differs.
    pub valid: bool,
    /// Whether the signature holds; `None` (`null` in the JSON) when it could not be
    /// checked.
    #[cfg_attr(feature = "ts", ts(optional = false))]
    pub signature_valid: Option<bool>,
    /// Which of the certificates given to [`verify_any`] (`verifyToken`) signed the token,
    /// by position (0: the first); absent when none did or the signature was not checked.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub certificate: Option<usize>,
    /// Whether the token has expired (absent without a current time).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub expired: Option<bool>,
    /// The most likely reason it would be refused, if it would.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    #[cfg_attr(feature = "ts", ts(type = "RefusalReason", optional))]
    pub reason: Option<Reason>,
    /// A sentence explaining `reason`.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub message: Option<String>,
    /// For [`Reason::Malformed`] (`MALFORMED`): the stable code of the parse error, such as
    /// `PAYLOAD_TOO_LARGE` or `INVALID_BASE64` (the same code [`crate::inspect()`]
    /// (`inspectToken`) fails with).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    #[cfg_attr(feature = "ts", ts(type = "ErrorCode", optional))]
    pub code: Option<&'static str>,
    /// What is valid but probably not meant: the token's own warnings, and
    /// [`Warning::IdentityMismatch`] (`IDENTITY_MISMATCH`) when an expected identity differs.
    #[cfg_attr(feature = "ts", ts(type = "TokenWarning[]"))]
    pub warnings: Vec<Warning>,
    /// Each expected identity the token does not name.
    pub mismatches: Vec<Mismatch>,
    /// The token's description, when it could be parsed.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub token: Option<TokenInfo>,
}

/// Verifies `token` against `certificate` and what the caller expects.
///
/// The token is parsed once; the signature is compared in constant time. A malformed token
/// is reported as [`Reason::Malformed`] with the parse error's message and code.
pub fn verify(token: &str, certificate: &AppCertificate, expected: &Expected) -> Verification {
    run(token, &[certificate], expected)
}

/// Verifies `token` against any of `certificates` (the primary and a secondary during a
/// certificate rotation) and what the caller expects: the signature holds when one of them
/// signed the token, and [`Verification::certificate`] says which. With no certificate this
/// is [`check`].
pub fn verify_any(
    token: &str,
    certificates: &[&AppCertificate],
    expected: &Expected,
) -> Verification {
    run(token, certificates, expected)
}

/// Checks `token` against what the caller expects without a certificate: everything
/// [`verify`] checks except the signature (`signature_valid` is `None`, and a token that
/// passes every other check is refused with [`Reason::SignatureNotChecked`]).
pub fn check(token: &str, expected: &Expected) -> Verification {
    run(token, &[], expected)
}

// Not inlined: `verify` and `check` share one copy (the npm module carries both).
#[inline(never)]
fn run(token: &str, certificates: &[&AppCertificate], expected: &Expected) -> Verification {
    let parsed = match ParsedToken::parse(token) {
        Ok(p) => p,
        Err(e) => {
            return Verification {
                valid: false,
                signature_valid: None,
                certificate: None,
                expired: None,
                reason: Some(Reason::Malformed),
                message: Some(e.to_string()),
                code: Some(e.code()),
                warnings: Vec::new(),
                mismatches: Vec::new(),
                token: None,
            }
        }
    };
    let info = describe(&parsed, expected.now, expected.leeway);
    let parts = Parts::new(&parsed, expected);
    let mismatches = parts.mismatches();
    let signed_006 = match &parsed {
        ParsedToken::V006(t) if mismatches.is_empty() => parts.signed_006(t),
        _ => None,
    };
    let signed_by = |cert: &AppCertificate| match &parsed {
        ParsedToken::V007(t) => Some(t.verify(cert)),
        ParsedToken::V006(t) => {
            let (channel, uid) = signed_006.as_ref()?;
            Some(t.verify(cert, channel, uid).is_ok())
        }
    };
    let outcomes: Vec<Option<bool>> = certificates.iter().map(|c| signed_by(c)).collect();
    let certificate = outcomes.iter().position(|o| *o == Some(true));
    let signature_valid = match outcomes.first() {
        None | Some(None) => None,
        Some(Some(_)) => Some(certificate.is_some()),
    };
    let app_id_differs = expected
        .app_id
        .as_deref()
        .is_some_and(|id| id != parsed.app_id());
    let is_006 = matches!(parsed, ParsedToken::V006(_));
    let reason = if app_id_differs {
        Some(Reason::AppIdMismatch)
    } else if signature_valid == Some(false) {
        Some(Reason::SignatureMismatch)
    } else if let Some(m) = mismatches.first() {
        Some(Reason::for_field(m.field))
    } else if is_006 && !certificates.is_empty() && signature_valid.is_none() {
        Some(Reason::ChannelAndUidRequired)
    } else if info.expired == Some(true) {
        Some(Reason::Expired)
    } else if signature_valid.is_none() {
        Some(Reason::SignatureNotChecked)
    } else {
        None
    };
    let mut warnings = info.warnings.clone();
    if !mismatches.is_empty() {
        warnings.push(Warning::IdentityMismatch);
    }
    Verification {
        valid: reason.is_none(),
        signature_valid,
        certificate,
        expired: info.expired,
        reason,
        message: reason.map(|r| r.message().to_owned()),
        code: None,
        warnings,
        mismatches,
        token: Some(info),
    }
}

/// A field value as the token keeps it: the text (007), or only its CRC-32 (006).
#[derive(Debug, Clone, Copy)]
enum Value<'a> {
    Text(&'a str),
    Crc(u32),
}

impl Value<'_> {
    /// Whether the token's value is `expected`; with `wildcard`, an empty value (uid 0)
    /// matches any.
    fn matches(self, expected: &str, wildcard: bool) -> bool {
        match self {
            Self::Text(t) => t == expected || (wildcard && t.is_empty()),
            // crc32("") == 0: the uid string was empty, the wildcard.
            Self::Crc(c) => crc32(expected.as_bytes()) == c || (wildcard && c == 0),
        }
    }
}

/// One identity field of a token: the service that names it, the field and the value.
struct Named<'a> {
    service: &'static str,
    field: Field,
    value: Value<'a>,
}

/// One expected identity: the fields that carry it and the expected value.
struct Part {
    fields: &'static [Field],
    wildcard: bool,
    value: String,
}

/// The token's identity fields and the expected identities, paired.
struct Parts<'a> {
    named: Vec<Named<'a>>,
    parts: Vec<Part>,
}

const CHANNEL: &[Field] = &[Field::ChannelName];
const USER: &[Field] = &[Field::Uid, Field::Account];
const USER_ID: &[Field] = &[Field::UserId];
const ROOM: &[Field] = &[Field::RoomUuid];
const USER_UUID: &[Field] = &[Field::UserUuid];
/// Every field a [`Mismatch`] may name, by expected identity (the npm package's
/// `MismatchField` type is generated from it).
#[cfg(all(test, feature = "ts"))]
pub(crate) const MISMATCH_FIELDS: [&[Field]; 5] = [CHANNEL, USER, USER_ID, ROOM, USER_UUID];

impl<'a> Parts<'a> {
    fn new(parsed: &'a ParsedToken, expected: &Expected) -> Self {
        let named = match parsed {
            // The seed's RTM builder signs the user id as the channel name.
            ParsedToken::V006(t) if is_006_rtm(t) => vec![
                Named {
                    service: ServiceType::Rtm.name(),
                    field: Field::UserId,
                    value: Value::Crc(t.crc_channel_name),
                },
                Named {
                    service: ServiceType::Rtm.name(),
                    field: Field::ChannelName,
                    value: Value::Crc(t.crc_channel_name),
                },
            ],
            ParsedToken::V006(t) => vec![
                Named {
                    service: ServiceType::Rtc.name(),
                    field: Field::ChannelName,
                    value: Value::Crc(t.crc_channel_name),
                },
                Named {
                    service: ServiceType::Rtc.name(),
                    field: Field::Uid,
                    value: Value::Crc(t.crc_uid),
                },
            ],
            ParsedToken::V007(t) => t
                .token
                .services
                .iter()
                .flat_map(|s| {
                    let service = s.service_type().name();
                    s.text_fields().into_iter().map(move |(field, text)| Named {
                        service,
                        field,
                        value: Value::Text(text),
                    })
                })
                .collect(),
        };
        let names = |fields: &[Field]| named.iter().any(|n| fields.contains(&n.field));
        let mut parts = Vec::new();
        let mut part = |fields, wildcard, value: Option<String>| {
            if let Some(value) = value {
                parts.push(Part {
                    fields,
                    wildcard,
                    value,
                });
            }
        };
        part(CHANNEL, false, expected.channel_name.clone());
        match &expected.user {
            // On a token that names no uid or account (006 RTM, RTM or Chat only), uid 0
            // says nothing, and another uid or account is the client's user id (the seed's
            // RTM builder and agora-token-service call it the uid) unless one is given.
            Some(u) if !names(USER) && u.is_wildcard() => {}
            Some(u) if !names(USER) && expected.user_id.is_none() && names(USER_ID) => {
                part(USER_ID, false, Some(u.wire()));
            }
            user => part(USER, true, user.as_ref().map(RtcUser::wire)),
        }
        part(USER_ID, false, expected.user_id.clone());
        part(ROOM, false, expected.room_uuid.clone());
        part(USER_UUID, false, expected.user_uuid.clone());
        Self { named, parts }
    }

    /// Every expected identity that no field of the token matches: one entry per field
    /// that names another value, or one entry when no field names it at all.
    fn mismatches(&self) -> Vec<Mismatch> {
        let mut out = Vec::new();
        for part in &self.parts {
            let carriers: Vec<&Named<'_>> = self
                .named
                .iter()
                .filter(|n| part.fields.contains(&n.field))
                .collect();
            if carriers
                .iter()
                .any(|n| n.value.matches(&part.value, part.wildcard))
            {
                continue;
            }
            let Some(&field) = part.fields.first() else {
                continue;
            };
            if carriers.is_empty() {
                out.push(Mismatch {
                    service: None,
                    field,
                    expected: part.value.clone(),
                    found: None,
                    message: format!(
                        "The token names no {}, but the client {} \"{}\".",
                        noun(field),
                        verb(field),
                        part.value
                    ),
                });
            }
            for n in carriers {
                let (found, message) = match n.value {
                    Value::Text(t) => (
                        Some(t.to_owned()),
                        format!(
                            "The {} service is for {} \"{t}\", but the client {} \"{}\".",
                            n.service,
                            noun(n.field),
                            verb(n.field),
                            part.value
                        ),
                    ),
                    Value::Crc(c) => (
                        None,
                        format!(
                            "The token was not issued for {} \"{}\" (its CRC-32 is {c}, that of \"{}\" is {}).",
                            noun(n.field),
                            part.value,
                            part.value,
                            crc32(part.value.as_bytes())
                        ),
                    ),
                };
                out.push(Mismatch {
                    service: Some(n.service),
                    field: n.field,
                    expected: part.value.clone(),
                    found,
                    message,
                });
            }
        }
        out
    }

    /// The channel and uid strings a 006 token signs, when the caller gave them: RTC the
    /// channel and uid (`""` when the token is for the wildcard), RTM the user id and `""`.
    fn signed_006(&self, t: &v006::Token) -> Option<(String, String)> {
        let value = |fields: &[Field]| {
            self.parts
                .iter()
                .find(|p| p.fields == fields)
                .map(|p| p.value.clone())
        };
        if is_006_rtm(t) {
            return Some((value(USER_ID).or_else(|| value(CHANNEL))?, String::new()));
        }
        let channel = value(CHANNEL)?;
        // crc32("") == 0: a token for the wildcard signs the empty uid, whoever joins.
        let uid = if t.crc_uid == 0 {
            String::new()
        } else {
            value(USER)?
        };
        Some((channel, uid))
    }
}

fn is_006_rtm(t: &v006::Token) -> bool {
    t.message
        .privileges
        .contains_key(v006::Privilege::RtmLogin.id())
}

fn noun(field: Field) -> &'static str {
    match field {
        Field::ChannelName => "channel",
        Field::Uid => "uid or account",
        Field::Account => "account",
        Field::UserId => "user id",
        Field::RoomUuid => "room",
        Field::UserUuid => "user uuid",
        other => other.js_name(),
    }
}

fn verb(field: Field) -> &'static str {
    match field {
        Field::ChannelName => "joins",
        Field::UserId | Field::UserUuid => "logs in as",
        Field::RoomUuid => "enters",
        _ => "joins as",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_vectors::find;

    const CERT: &str = "5CFd2fd1755d40ecb72977518be15d3b";
    const CHANNEL: &str = "7d72365eb983485397e3e3f9d460bdda";

    /// `ALL` lists every variant once, in declaration order: the exhaustive `match`es
    /// below stop compiling when a variant is added, pointing here.
    #[test]
    fn all_lists_every_reason_and_warning() {
        for (i, r) in Reason::ALL.iter().enumerate() {
            let at = match r {
                Reason::Malformed => 0,
                Reason::SignatureMismatch => 1,
                Reason::ChannelAndUidRequired => 2,
                Reason::AppIdMismatch => 3,
                Reason::ChannelMismatch => 4,
                Reason::UidMismatch => 5,
                Reason::UserIdMismatch => 6,
                Reason::RoomMismatch => 7,
                Reason::Expired => 8,
                Reason::SignatureNotChecked => 9,
            };
            assert_eq!(at, i, "{r:?}");
        }
        for (i, w) in Warning::ALL.iter().enumerate() {
            let at = match w {
                Warning::Expired => 0,
                Warning::WildcardUid => 1,
                Warning::PrivilegeOutlivesToken => 2,
                Warning::LooksLikeTimestamp => 3,
                Warning::IdentityMismatch => 4,
            };
            assert_eq!(at, i, "{w:?}");
        }
    }

    fn token(id: &str) -> String {
        find(id)["expected"].as_str().unwrap().to_owned()
    }

    fn cert() -> AppCertificate {
        AppCertificate::new(CERT).unwrap()
    }

    fn rtc(channel: &str, user: RtcUser) -> Expected {
        Expected {
            channel_name: Some(channel.into()),
            user: Some(user),
            ..Expected::default()
        }
    }

    fn user_id(id: &str) -> Expected {
        Expected {
            user_id: Some(id.into()),
            ..Expected::default()
        }
    }

    /// During a certificate rotation a token verifies under either certificate, and the
    /// outcome says which one signed it; under neither it is a signature mismatch.
    #[test]
    fn any_of_several_certificates() {
        let other = AppCertificate::new("0123456789abcdef0123456789abcdef").unwrap();
        let third = AppCertificate::new("fedcba9876543210fedcba9876543210").unwrap();
        for (t, expected) in [
            (token("007-rtc-uid"), Expected::default()),
            (
                token("006-rtc-uid-publisher"),
                rtc(CHANNEL, RtcUser::Uid(2_882_341_273)),
            ),
        ] {
            let v = verify_any(&t, &[&other, &cert()], &expected);
            assert!(v.valid, "{v:?}");
            assert_eq!((v.signature_valid, v.certificate), (Some(true), Some(1)));
            let v = verify_any(&t, &[&cert(), &other], &expected);
            assert_eq!((v.signature_valid, v.certificate), (Some(true), Some(0)));
            let v = verify_any(&t, &[&other, &third], &expected);
            assert_eq!(v.reason, Some(Reason::SignatureMismatch));
            assert_eq!((v.signature_valid, v.certificate), (Some(false), None));
            let v = verify_any(&t, &[], &expected);
            assert_eq!((v.signature_valid, v.certificate), (None, None));
            assert_eq!(v, check(&t, &expected));
            assert_eq!(
                verify(&t, &cert(), &expected),
                verify_any(&t, &[&cert()], &expected)
            );
        }
    }

    #[test]
    fn rtm_006_by_user_id() {
        let t = token("006-rtm");
        let v = verify(&t, &cert(), &user_id("test_user"));
        assert!(v.valid && v.signature_valid == Some(true), "{v:?}");
        let v = verify(&t, &cert(), &user_id("someone"));
        assert_eq!(v.reason, Some(Reason::UserIdMismatch));
        assert_eq!(v.signature_valid, None);
        assert_eq!(v.warnings, [Warning::IdentityMismatch]);
        assert_eq!(
            (
                v.mismatches.len(),
                v.mismatches[0].field,
                v.mismatches[0].found.as_deref()
            ),
            (1, Field::UserId, None)
        );
        // The user id typed as the uid or account of the page, and the seed's channel form.
        assert!(!verify(&t, &cert(), &rtc("", RtcUser::Account("test_user".into()))).valid);
        let typed = Expected {
            user: Some(RtcUser::from_text("test_user").unwrap()),
            ..Expected::default()
        };
        assert!(verify(&t, &cert(), &typed).valid);
        assert!(verify(&t, &cert(), &rtc("test_user", RtcUser::Uid(0))).valid);
        // Without the user id the signature cannot be recomputed.
        let v = verify(&t, &cert(), &Expected::default());
        assert_eq!(v.reason, Some(Reason::ChannelAndUidRequired));
        let other = AppCertificate::new("0".repeat(32)).unwrap();
        assert_eq!(
            verify(&t, &other, &user_id("test_user")).reason,
            Some(Reason::SignatureMismatch)
        );
    }

    #[test]
    fn rtc_006_by_channel_and_uid_and_the_wildcard() {
        let t = token("006-rtc-uid-publisher");
        assert!(verify(&t, &cert(), &rtc(CHANNEL, RtcUser::Uid(2_882_341_273))).valid);
        let v = verify(&t, &cert(), &rtc("other", RtcUser::Uid(1)));
        assert_eq!(v.reason, Some(Reason::ChannelMismatch));
        let fields: Vec<Field> = v.mismatches.iter().map(|m| m.field).collect();
        assert_eq!(fields, [Field::ChannelName, Field::Uid]);
        assert!(
            v.mismatches[0].message.contains("CRC-32"),
            "{:?}",
            v.mismatches
        );
        let v = verify(&t, &cert(), &rtc(CHANNEL, RtcUser::Uid(1)));
        assert_eq!(v.reason, Some(Reason::UidMismatch));
        // A token for uid 0 signs the empty uid: any uid may join with it.
        let wild = token("006-rtc-uid0");
        assert!(verify(&wild, &cert(), &rtc(CHANNEL, RtcUser::Uid(77))).valid);
        let only_channel = Expected {
            channel_name: Some(CHANNEL.into()),
            ..Expected::default()
        };
        assert!(verify(&wild, &cert(), &only_channel).valid);
        assert!(verify(&wild, &cert(), &only_channel)
            .warnings
            .contains(&Warning::WildcardUid));
        // The account "0" is not uid 0.
        let zero = token("006-rtc-account-string-zero");
        assert!(verify(&zero, &cert(), &rtc(CHANNEL, RtcUser::Account("0".into()))).valid);
        assert_eq!(
            verify(&zero, &cert(), &rtc(CHANNEL, RtcUser::Uid(0))).reason,
            Some(Reason::UidMismatch)
        );
    }

    #[test]
    fn every_identity_of_a_007_token() {
        let t = token("007-rtc-rtm2-publisher");
        let all = Expected {
            channel_name: Some(CHANNEL.into()),
            user: Some(RtcUser::Account("2882341273".into())),
            user_id: Some("test_user".into()),
            now: Some(1_111_111),
            ..Expected::default()
        };
        let v = verify(&t, &cert(), &all);
        assert!(v.valid && v.mismatches.is_empty(), "{v:?}");
        let wrong = Expected {
            user_id: Some("someone".into()),
            ..all.clone()
        };
        let v = verify(&t, &cert(), &wrong);
        assert_eq!(v.reason, Some(Reason::UserIdMismatch));
        assert_eq!(
            v.mismatches[0].message,
            "The rtm service is for user id \"test_user\", but the client logs in as \"someone\"."
        );
        let room = token("007-apaas-room-user");
        let apaas = Expected {
            room_uuid: Some("123".into()),
            user_uuid: Some("2882341273".into()),
            ..Expected::default()
        };
        assert!(verify(&room, &cert(), &apaas).valid);
        let other_room = Expected {
            room_uuid: Some("124".into()),
            ..apaas.clone()
        };
        assert_eq!(
            verify(&room, &cert(), &other_room).reason,
            Some(Reason::RoomMismatch)
        );
        // A token that names no channel is refused for one.
        let v = verify(&token("007-rtm"), &cert(), &rtc(CHANNEL, RtcUser::Uid(1)));
        assert_eq!(v.reason, Some(Reason::ChannelMismatch));
        assert_eq!(v.mismatches[0].service, None);
    }

    #[test]
    fn now_and_leeway() {
        let t = token("007-rtm");
        let at = |now, leeway| Expected {
            now: Some(now),
            leeway,
            ..Expected::default()
        };
        assert!(verify(&t, &cert(), &at(1_111_710, 0)).valid);
        let v = verify(&t, &cert(), &at(1_111_711, 0));
        assert_eq!((v.reason, v.expired), (Some(Reason::Expired), Some(true)));
        assert!(verify(&t, &cert(), &at(1_111_740, 30)).valid);
        assert_eq!(
            verify(&t, &cert(), &at(1_111_741, 30)).reason,
            Some(Reason::Expired)
        );
        assert_eq!(
            verify(&t, &cert(), &at(u32::MAX, u32::MAX)).reason,
            None,
            "a leeway past u32 does not wrap"
        );
    }

    #[test]
    fn check_without_a_certificate() {
        let t = token("007-rtc-uid");
        let v = check(&t, &Expected::default());
        assert_eq!(
            (v.valid, v.signature_valid, v.reason),
            (false, None, Some(Reason::SignatureNotChecked))
        );
        let v = check(&t, &rtc("other", RtcUser::Uid(1)));
        assert_eq!(v.reason, Some(Reason::ChannelMismatch));
        assert_eq!(v.mismatches.len(), 2);
        assert_eq!(v.mismatches[1].found.as_deref(), Some("2882341273"));
        let v = check("007garbage", &Expected::default());
        assert_eq!(
            (v.reason, v.code),
            (Some(Reason::Malformed), Some("INVALID_BASE64"))
        );
    }
}
