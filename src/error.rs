//! The crate's one error type.
//!
//! Every failure is an [`Error`]: a matchable [`ErrorKind`] with a stable string code
//! (the same code the npm package and the Worker report), the name of the field at fault,
//! and a message stating the rule that was broken. Messages never contain the app
//! certificate, and never echo attacker-controlled strings verbatim (lengths and positions
//! only), so they are safe to log and to return over HTTP.

use std::borrow::Cow;
use std::fmt;

/// What went wrong, as a closed set you can match on.
///
/// Each kind has a stable machine-readable [`code`](ErrorKind::code).
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// The app id is not 32 hexadecimal characters.
    InvalidAppId,
    /// The app certificate is not 32 hexadecimal characters.
    InvalidAppCertificate,
    /// A channel name is empty, too long, or has a character outside Agora's set.
    InvalidChannelName,
    /// A uid is outside `0..=4294967295`, or is not an integer.
    InvalidUid,
    /// An account, user id or other string field is empty or has a forbidden character.
    InvalidField,
    /// A string field is longer than its limit.
    FieldTooLong,
    /// A salt outside `1..=99999999`.
    InvalidSalt,
    /// An expiry or issue time outside its range.
    InvalidExpiry,
    /// A role that the chosen token kind does not have.
    InvalidRole,
    /// A token with no services, or a request that names none.
    NoServices,
    /// The token does not start with a version this crate knows (`006` or `007`).
    UnsupportedVersion,
    /// The token's body is not valid base64.
    InvalidBase64,
    /// The compressed body of a 007 token is not a valid zlib stream.
    InvalidCompression,
    /// The decompressed body of a 007 token is larger than the inflate limit.
    PayloadTooLarge,
    /// The token ends before a field it announces.
    TruncatedToken,
    /// The token is structurally wrong: bad lengths, unknown service, trailing bytes.
    MalformedToken,
    /// The platform could not give the time or random bytes (the clock is outside the
    /// `u32` unix-time range, or the CSPRNG is unavailable). Not a fault of the input.
    PlatformUnavailable,
}

impl ErrorKind {
    /// Every kind, in declaration order.
    pub const ALL: [Self; 17] = [
        Self::InvalidAppId,
        Self::InvalidAppCertificate,
        Self::InvalidChannelName,
        Self::InvalidUid,
        Self::InvalidField,
        Self::FieldTooLong,
        Self::InvalidSalt,
        Self::InvalidExpiry,
        Self::InvalidRole,
        Self::NoServices,
        Self::UnsupportedVersion,
        Self::InvalidBase64,
        Self::InvalidCompression,
        Self::PayloadTooLarge,
        Self::TruncatedToken,
        Self::MalformedToken,
        Self::PlatformUnavailable,
    ];

    /// The stable code of this kind, such as `INVALID_APP_ID`.
    pub const fn code(self) -> &'static str {
        match self {
            Self::InvalidAppId => "INVALID_APP_ID",
            Self::InvalidAppCertificate => "INVALID_APP_CERTIFICATE",
            Self::InvalidChannelName => "INVALID_CHANNEL_NAME",
            Self::InvalidUid => "INVALID_UID",
            Self::InvalidField => "INVALID_FIELD",
            Self::FieldTooLong => "FIELD_TOO_LONG",
            Self::InvalidSalt => "INVALID_SALT",
            Self::InvalidExpiry => "INVALID_EXPIRY",
            Self::InvalidRole => "INVALID_ROLE",
            Self::NoServices => "NO_SERVICES",
            Self::UnsupportedVersion => "UNSUPPORTED_VERSION",
            Self::InvalidBase64 => "INVALID_BASE64",
            Self::InvalidCompression => "INVALID_COMPRESSION",
            Self::PayloadTooLarge => "PAYLOAD_TOO_LARGE",
            Self::TruncatedToken => "TRUNCATED_TOKEN",
            Self::MalformedToken => "MALFORMED_TOKEN",
            Self::PlatformUnavailable => "PLATFORM_UNAVAILABLE",
        }
    }

    /// Whether this kind describes a token that could not be read (as opposed to bad builder input).
    pub const fn is_token_error(self) -> bool {
        matches!(
            self,
            Self::UnsupportedVersion
                | Self::InvalidBase64
                | Self::InvalidCompression
                | Self::PayloadTooLarge
                | Self::TruncatedToken
                | Self::MalformedToken
        )
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// An error from building, parsing or verifying a token.
///
/// `Display` gives `field: rule` with the field's camelCase name, for example
/// `channelName: must be at most 64 bytes (got 65)`; each front end renders the [`Field`]
/// in its own terms ([`Field::js_name`], [`Field::http_name`], [`Field::cli_flag`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    field: Field,
    message: Cow<'static, str>,
}

impl Error {
    /// Creates an error of `kind` about `field`, with a message stating the rule.
    pub fn new(kind: ErrorKind, field: Field, message: impl Into<Cow<'static, str>>) -> Self {
        Self {
            kind,
            field,
            message: message.into(),
        }
    }

    /// The kind of error, to match on.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The stable code, such as `INVALID_UID`.
    pub fn code(&self) -> &'static str {
        self.kind.code()
    }

    /// The field at fault. Render it with [`Field::js_name`] (`channelName`),
    /// [`Field::http_name`] (`channel`) or [`Field::cli_flag`] (`--channel`).
    pub fn field(&self) -> Field {
        self.field
    }

    /// The rule that was broken, without the field name.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// This error, naming `to` where it names `from`: for a front end whose caller spelled
    /// the field otherwise (the seed's RTM `userAccount` is the core's user id).
    ///
    /// ```
    /// # use agora_token::{Error, ErrorKind, Field};
    /// let e = Error::new(ErrorKind::InvalidField, Field::UserId, "must not be empty");
    /// assert_eq!(e.renamed(Field::UserId, Field::UserAccount).field(), Field::UserAccount);
    /// ```
    #[must_use]
    pub fn renamed(mut self, from: Field, to: Field) -> Self {
        if self.field == from {
            self.field = to;
        }
        self
    }

    pub(crate) fn token(kind: ErrorKind, message: impl Into<Cow<'static, str>>) -> Self {
        Self::new(kind, Field::Token, message)
    }

    pub(crate) fn truncated(what: &'static str) -> Self {
        Self::token(
            ErrorKind::TruncatedToken,
            format!("token ends inside {what}"),
        )
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field.js_name(), self.message)
    }
}

impl std::error::Error for Error {}

/// The field an [`Error`] is about, named once for every front end.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// The app id.
    AppId,
    /// The app certificate.
    AppCertificate,
    /// The channel name.
    ChannelName,
    /// A numeric uid.
    Uid,
    /// A string account (RTC, Streaming, FCDN).
    Account,
    /// An RTM, RTM2 or Chat user id.
    UserId,
    /// An APaaS room uuid.
    RoomUuid,
    /// An APaaS user uuid.
    UserUuid,
    /// A role.
    Role,
    /// The salt.
    Salt,
    /// The issue time.
    IssuedAt,
    /// A lifetime in seconds after the issue time.
    ExpiresIn,
    /// An absolute expiry time.
    ExpiresAt,
    /// A 007 token's stored lifetime.
    Expire,
    /// Privilege lifetimes.
    Privileges,
    /// RTM2 resource permissions.
    Permissions,
    /// The services of a token.
    Services,
    /// A token being read.
    Token,
    /// The token format.
    Version,
    /// The current time given for an expiry check.
    Now,
    /// The clock skew tolerated by an expiry check.
    Leeway,
    /// The choice of builder (an encoding between the npm package's JS layer and its wasm).
    Builder,
    /// The expectations of a verification (as a whole).
    Expected,
    /// The official 007 builders' token lifetime.
    TokenExpire,
    /// The official 007 builders' privilege lifetime.
    PrivilegeExpire,
    /// The seed's (006) absolute privilege expiry.
    PrivilegeExpiredTs,
    /// The seed's RTM user account.
    UserAccount,
    /// `buildTokenWithRtm2`: the RTC account.
    RtcAccount,
    /// `buildTokenWithRtm2`: the RTC token lifetime.
    RtcTokenExpire,
    /// `buildTokenWithRtm2`: the RTM user id.
    RtmUserId,
    /// `buildTokenWithRtm2`: the RTM token lifetime.
    RtmTokenExpire,
    /// The official builders' join privilege lifetime.
    JoinChannelPrivilegeExpire,
    /// The official builders' publish-audio privilege lifetime.
    PubAudioPrivilegeExpire,
    /// The official builders' publish-video privilege lifetime.
    PubVideoPrivilegeExpire,
    /// The official builders' publish-data privilege lifetime.
    PubDataStreamPrivilegeExpire,
}

impl Field {
    /// The camelCase name of the npm package and of [`Error`]'s `Display`
    /// (`channelName`, `userId`, …).
    pub const fn js_name(self) -> &'static str {
        match self {
            Self::AppId => "appId",
            Self::AppCertificate => "appCertificate",
            Self::ChannelName => "channelName",
            Self::Uid => "uid",
            Self::Account => "account",
            Self::UserId => "userId",
            Self::RoomUuid => "roomUuid",
            Self::UserUuid => "userUuid",
            Self::Role => "role",
            Self::Salt => "salt",
            Self::IssuedAt => "issuedAt",
            Self::ExpiresIn => "expiresIn",
            Self::ExpiresAt => "expiresAt",
            Self::Expire => "expire",
            Self::Privileges => "privileges",
            Self::Permissions => "permissions",
            Self::Services => "services",
            Self::Token => "token",
            Self::Version => "version",
            Self::Now => "now",
            Self::Leeway => "leeway",
            Self::Builder => "builder",
            Self::Expected => "expected",
            Self::TokenExpire => "tokenExpire",
            Self::PrivilegeExpire => "privilegeExpire",
            Self::PrivilegeExpiredTs => "privilegeExpiredTs",
            Self::UserAccount => "userAccount",
            Self::RtcAccount => "rtcAccount",
            Self::RtcTokenExpire => "rtcTokenExpire",
            Self::RtmUserId => "rtmUserId",
            Self::RtmTokenExpire => "rtmTokenExpire",
            Self::JoinChannelPrivilegeExpire => "joinChannelPrivilegeExpire",
            Self::PubAudioPrivilegeExpire => "pubAudioPrivilegeExpire",
            Self::PubVideoPrivilegeExpire => "pubVideoPrivilegeExpire",
            Self::PubDataStreamPrivilegeExpire => "pubDataStreamPrivilegeExpire",
        }
    }

    /// The name in the Worker's HTTP API (the JSON of agora-token-service): `channel`, and
    /// `uid` for the uid, the account and the RTM user id.
    pub const fn http_name(self) -> &'static str {
        match self {
            Self::ChannelName => "channel",
            Self::Account | Self::UserId => "uid",
            Self::ExpiresIn | Self::ExpiresAt => "expire",
            other => other.js_name(),
        }
    }

    /// The command-line option (`--channel`), or `token` for the positional token.
    pub const fn cli_flag(self) -> &'static str {
        match self {
            Self::AppId => "--app-id",
            Self::AppCertificate => "--app-certificate",
            Self::ChannelName => "--channel",
            Self::Uid => "--uid",
            Self::Account => "--account",
            Self::UserId => "--user-id",
            Self::RoomUuid => "--room-uuid",
            Self::UserUuid => "--user-uuid",
            Self::Role => "--role",
            Self::Salt => "--salt",
            Self::IssuedAt => "--issued-at",
            Self::ExpiresIn | Self::Expire => "--expires-in",
            Self::ExpiresAt => "--expires-at",
            Self::Privileges => "--privileges",
            Self::Permissions => "--permissions",
            Self::Services => "--services",
            Self::Token => "token",
            Self::Version => "--version",
            Self::Now => "--now",
            Self::Leeway => "--leeway",
            Self::Builder => "--builder",
            other => other.js_name(),
        }
    }
}

impl fmt::Display for Field {
    /// The camelCase name ([`Field::js_name`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.js_name())
    }
}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(feature = "serde")]
impl serde::Serialize for Field {
    /// The camelCase name ([`Field::js_name`]).
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.js_name())
    }
}
