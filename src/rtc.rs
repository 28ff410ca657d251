//! Who an RTC token is for and with which role: the format-neutral vocabulary of the
//! headline builders, both formats and verification.

use crate::error::{Error, ErrorKind, Field, Result};
use crate::validate;

/// The role of an RTC user in the headline APIs and in 007 tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum RtcRole {
    /// Joins and publishes audio, video and data.
    Publisher,
    /// Joins only (the default, as in the seed package).
    #[default]
    Subscriber,
}

impl RtcRole {
    /// The official builders' integer (1 publisher, 2 subscriber).
    pub const fn id(self) -> u16 {
        match self {
            Self::Publisher => 1,
            Self::Subscriber => 2,
        }
    }

    /// `"publisher"` or `"subscriber"`.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Publisher => "publisher",
            Self::Subscriber => "subscriber",
        }
    }

    /// The role with integer `id` (1 or 2).
    pub fn from_id(id: i64) -> Result<Self> {
        match id {
            1 => Ok(Self::Publisher),
            2 => Ok(Self::Subscriber),
            _ => Err(Error::new(
                ErrorKind::InvalidRole,
                Field::Role,
                "must be 1 (publisher) or 2 (subscriber)",
            )),
        }
    }
}

impl std::str::FromStr for RtcRole {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "publisher" => Ok(Self::Publisher),
            "subscriber" => Ok(Self::Subscriber),
            _ => Err(Error::new(
                ErrorKind::InvalidRole,
                Field::Role,
                "must be \"publisher\" or \"subscriber\"",
            )),
        }
    }
}

/// Who an RTC token is for: a numeric uid (0 is the wildcard) or a string account.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum RtcUser {
    /// A numeric uid; 0 means any user.
    Uid(u32),
    /// A string account (`"0"` is an account, not the wildcard).
    Account(String),
}

impl RtcUser {
    /// The uid in wire form: decimal text, `""` for uid 0, or the account.
    pub fn wire(&self) -> String {
        match self {
            Self::Uid(0) => String::new(),
            Self::Uid(n) => n.to_string(),
            Self::Account(s) => s.clone(),
        }
    }

    /// Whether this is the wildcard uid 0.
    pub fn is_wildcard(&self) -> bool {
        matches!(self, Self::Uid(0))
    }

    /// A string account, checked by the account rule (1–255 bytes, no control
    /// characters) and named `field` when it breaks it: an empty account would sign the
    /// wildcard `""`, a token for any user.
    ///
    /// ```
    /// # use agora_token::{Field, RtcUser};
    /// assert_eq!(RtcUser::account(Field::Account, "alice").unwrap(), RtcUser::Account("alice".into()));
    /// assert_eq!(RtcUser::account(Field::Account, "").unwrap_err().code(), "INVALID_FIELD");
    /// ```
    pub fn account(field: Field, text: &str) -> Result<Self> {
        validate::account(field, text)?;
        Ok(Self::Account(text.to_owned()))
    }

    /// The text given as the `uid` of an official-style uid builder
    /// (`buildTokenWithUid`, `build_token_with_uid`), read as the official builders read it,
    /// so that the token is the one they sign: the text itself is the user.
    ///
    /// - canonical decimal (`"42"`) is that uid (the same bytes as the account `"42"`);
    /// - `"0"` is the account `"0"`, never the wildcard (the official builders sign `"0"`;
    ///   only the number 0 means any user);
    /// - leading zeros (`"007"`) and other text (`"GENERATE SOME USER ID"`) are accounts:
    ///   a client joins with that same text as its user account;
    /// - empty text is refused (the official builders would sign the wildcard `""`), as is
    ///   text an account cannot be (over 255 bytes, control characters), naming `field`.
    ///
    /// ```
    /// # use agora_token::{Field, RtcUser};
    /// assert_eq!(RtcUser::from_uid_text(Field::Uid, "42").unwrap(), RtcUser::Uid(42));
    /// assert_eq!(RtcUser::from_uid_text(Field::Uid, "0").unwrap(), RtcUser::Account("0".into()));
    /// assert_eq!(RtcUser::from_uid_text(Field::Uid, "007").unwrap(), RtcUser::Account("007".into()));
    /// let e = RtcUser::from_uid_text(Field::Uid, "").unwrap_err();
    /// assert_eq!((e.code(), e.field()), ("INVALID_UID", Field::Uid));
    /// ```
    pub fn from_uid_text(field: Field, text: &str) -> Result<Self> {
        if text.is_empty() {
            return Err(Error::new(
                ErrorKind::InvalidUid,
                field,
                "must not be empty: pass an integer uid (0 means any user) or a non-empty account",
            ));
        }
        validate::account(field, text)?;
        match validate::parse_canonical_uid(field, text) {
            Ok(uid) if uid != 0 => Ok(Self::Uid(uid)),
            _ => Ok(Self::Account(text.to_owned())),
        }
    }

    /// A uid or account typed as one text (the Worker's `uid` field, the inspector page's
    /// user field): decimal digits are a uid (which must fit `0..=4294967295`; `"0"` is the
    /// wildcard), anything else an account.
    ///
    /// ```
    /// # use agora_token::RtcUser;
    /// assert_eq!(RtcUser::from_text("42").unwrap(), RtcUser::Uid(42));
    /// assert_eq!(RtcUser::from_text("alice").unwrap(), RtcUser::Account("alice".into()));
    /// assert_eq!(RtcUser::from_text("4294967296").unwrap_err().code(), "INVALID_UID");
    /// ```
    pub fn from_text(text: &str) -> Result<Self> {
        if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
            validate::parse_uid(Field::Uid, text).map(Self::Uid)
        } else {
            Ok(Self::Account(text.to_owned()))
        }
    }
}

/// Per-privilege lifetimes of an RTC service, in seconds after the issue time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct RtcPrivilegeExpiries {
    /// Join the channel.
    pub join_channel: u32,
    /// Publish audio.
    pub publish_audio: u32,
    /// Publish video.
    pub publish_video: u32,
    /// Publish data streams.
    pub publish_data: u32,
}

impl RtcPrivilegeExpiries {
    /// The same lifetime for all four privileges.
    pub const fn all(seconds: u32) -> Self {
        Self {
            join_channel: seconds,
            publish_audio: seconds,
            publish_video: seconds,
            publish_data: seconds,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uid_text_is_the_official_builders_user() {
        let account = |s: &str| RtcUser::Account(s.to_owned());
        for (text, want) in [
            ("1", RtcUser::Uid(1)),
            ("4294967295", RtcUser::Uid(u32::MAX)),
            ("0", account("0")),
            ("00", account("00")),
            ("007", account("007")),
            ("4294967296", account("4294967296")),
            ("GENERATE SOME USER ID", account("GENERATE SOME USER ID")),
            (" 1", account(" 1")),
            ("-1", account("-1")),
        ] {
            let user = RtcUser::from_uid_text(Field::Uid, text).unwrap();
            // The wire form is the text itself, as the official builders sign it.
            assert_eq!(user.wire(), text, "{text:?}");
            assert_eq!(user, want, "{text:?}");
            assert!(!user.is_wildcard(), "{text:?}");
        }
        let refused = [
            ("", ErrorKind::InvalidUid),
            ("a\u{7}", ErrorKind::InvalidField),
            (&*"x".repeat(256), ErrorKind::FieldTooLong),
        ];
        for (text, kind) in refused {
            let e = RtcUser::from_uid_text(Field::Uid, text).unwrap_err();
            assert_eq!((e.kind(), e.field()), (kind, Field::Uid), "{text:?}");
        }
        let empty = RtcUser::from_uid_text(Field::Uid, "").unwrap_err();
        assert!(empty.message().contains("0 means any user"), "{empty}");
    }
}
