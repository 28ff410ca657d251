//! The input rules, in one place. Each check returns an [`Error`] that names the field and
//! the rule, and never echoes the offending value.

use crate::error::{Error, ErrorKind, Field, Result};

/// The longest channel name Agora accepts, in bytes.
pub const MAX_CHANNEL_NAME: usize = 64;
/// The longest user account (RTC account, APaaS uuid), in bytes.
pub const MAX_ACCOUNT: usize = 255;
/// The longest RTM or Chat user id, in bytes.
pub const MAX_USER_ID: usize = 64;
/// The largest salt the formats use (salts are drawn from `1..=MAX_SALT`).
pub const MAX_SALT: u32 = 99_999_999;
/// The longest lifetime accepted for a token or privilege, in seconds (about 31.7 years).
///
/// A larger relative value is almost certainly a unix timestamp passed where seconds
/// belong, the most common mistake with 007 tokens.
pub const MAX_RELATIVE_SECONDS: u32 = 1_000_000_000;

/// Agora's channel-name punctuation, besides ASCII letters, digits and space.
const CHANNEL_PUNCTUATION: &[u8] = b"!#$%&()+-:;<=.>?@[]^_{}|~,";

/// The channel-name set as a bit mask over ASCII, computed at compile time: one shift and
/// test per byte instead of a search of the punctuation list (channel names are checked on
/// every token).
const CHANNEL_SET: u128 = {
    let mut set = 1u128 << b' ';
    let mut b = 0u8;
    while b < 128 {
        if b.is_ascii_alphanumeric() {
            set |= 1 << b;
        }
        b += 1;
    }
    let mut i = 0;
    while i < CHANNEL_PUNCTUATION.len() {
        // Const evaluation: an out-of-range index fails the build, never at run time.
        #[allow(clippy::indexing_slicing)]
        let p = CHANNEL_PUNCTUATION[i];
        set |= 1 << p;
        i += 1;
    }
    set
};

/// Whether `b` may appear in a channel name.
pub fn is_channel_byte(b: u8) -> bool {
    b < 128 && (CHANNEL_SET >> b) & 1 == 1
}

fn length(field: Field, s: &str, max: usize) -> Result<()> {
    if s.is_empty() {
        return Err(Error::new(
            ErrorKind::InvalidField,
            field,
            "must not be empty",
        ));
    }
    if s.len() > max {
        return Err(Error::new(
            ErrorKind::FieldTooLong,
            field,
            format!("must be at most {max} bytes (got {})", s.len()),
        ));
    }
    Ok(())
}

/// A channel name: 1–64 bytes of `a-z A-Z 0-9`, space and `!#$%&()+-:;<=.>?@[]^_{}|~,`.
pub fn channel_name(field: Field, s: &str) -> Result<()> {
    if s.is_empty() {
        return Err(Error::new(
            ErrorKind::InvalidChannelName,
            field,
            "must not be empty",
        ));
    }
    if s.len() > MAX_CHANNEL_NAME {
        return Err(Error::new(
            ErrorKind::FieldTooLong,
            field,
            format!("must be at most {MAX_CHANNEL_NAME} bytes (got {})", s.len()),
        ));
    }
    if let Some(pos) = s.bytes().position(|b| !is_channel_byte(b)) {
        return Err(Error::new(
            ErrorKind::InvalidChannelName,
            field,
            format!(
                "byte {} is outside Agora's channel-name set (a-z A-Z 0-9 space !#$%&()+-:;<=.>?@[]^_{{}}|~,)",
                pos + 1
            ),
        ));
    }
    Ok(())
}

fn no_control(field: Field, s: &str) -> Result<()> {
    if let Some(pos) = s.chars().position(char::is_control) {
        return Err(Error::new(
            ErrorKind::InvalidField,
            field,
            format!("character {} is a control character", pos + 1),
        ));
    }
    Ok(())
}

/// A user account (RTC account, APaaS room or user uuid): 1–255 bytes, no control characters.
pub fn account(field: Field, s: &str) -> Result<()> {
    length(field, s, MAX_ACCOUNT)?;
    no_control(field, s)
}

/// An RTM or Chat user id: 1–64 bytes, no control characters.
pub fn user_id(field: Field, s: &str) -> Result<()> {
    length(field, s, MAX_USER_ID)?;
    no_control(field, s)
}

/// A salt in `1..=99999999`.
pub fn salt(s: u32) -> Result<()> {
    if s == 0 || s > MAX_SALT {
        return Err(Error::new(
            ErrorKind::InvalidSalt,
            Field::Salt,
            format!("must be in 1..={MAX_SALT} (got {s})"),
        ));
    }
    Ok(())
}

/// A relative lifetime in seconds: `min..=MAX_RELATIVE_SECONDS`.
pub fn relative_seconds(field: Field, s: u32, min: u32) -> Result<()> {
    if s < min {
        return Err(Error::new(
            ErrorKind::InvalidExpiry,
            field,
            format!("must be at least {min} second(s) (got {s}): pass the lifetime in seconds after the issue time, such as 3600"),
        ));
    }
    if s > MAX_RELATIVE_SECONDS {
        return Err(Error::new(
            ErrorKind::InvalidExpiry,
            field,
            format!(
                "is {s} seconds, which looks like a unix timestamp; it must be at most {MAX_RELATIVE_SECONDS} seconds (pass an absolute time as expiresAt instead)"
            ),
        ));
    }
    Ok(())
}

/// Parses a uid given as decimal text: `0..=4294967295`, digits only.
///
/// ```
/// # use agora_token::{validate::parse_uid, Field};
/// assert_eq!(parse_uid(Field::Uid, "4294967295").unwrap(), u32::MAX);
/// assert_eq!(parse_uid(Field::Uid, "4294967296").unwrap_err().code(), "INVALID_UID");
/// ```
pub fn parse_uid(field: Field, s: &str) -> Result<u32> {
    if s.is_empty() || s.len() > 10 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Error::new(
            ErrorKind::InvalidUid,
            field,
            "must be a decimal integer in 0..=4294967295 (0 means any user)",
        ));
    }
    s.parse::<u32>().map_err(|_| {
        Error::new(
            ErrorKind::InvalidUid,
            field,
            "must be in 0..=4294967295 (it would wrap; uid 0 is the wildcard)",
        )
    })
}

/// Parses a uid given as its canonical decimal text: [`parse_uid`], and no leading zeros
/// (`"0"` itself is the wildcard). For APIs where a string could also be read as an
/// account, as the npm package's uid builders: the official builders sign `"007"` as the
/// account text `"007"`, which is neither uid 7 nor what a client joining as uid 7
/// presents, so the text must name exactly one uid. The CLI, the Worker (whose
/// agora-token-service clients send `"0042"` for uid 42) and the verifiers use
/// [`parse_uid`].
///
/// ```
/// # use agora_token::{validate::parse_canonical_uid, Field};
/// assert_eq!(parse_canonical_uid(Field::Uid, "7").unwrap(), 7);
/// assert_eq!(parse_canonical_uid(Field::Uid, "0").unwrap(), 0);
/// assert_eq!(parse_canonical_uid(Field::Uid, "007").unwrap_err().code(), "INVALID_UID");
/// ```
pub fn parse_canonical_uid(field: Field, s: &str) -> Result<u32> {
    let uid = parse_uid(field, s)?;
    if s.len() > 1 && s.starts_with('0') {
        return Err(Error::new(
            ErrorKind::InvalidUid,
            field,
            "must be written without leading zeros (pass the uid without them, or the text as an account)",
        ));
    }
    Ok(uid)
}

/// Converts a JavaScript-style number to a uid, refusing NaN, infinities, fractions and
/// anything outside `0..=4294967295`.
pub fn uid_from_f64(field: Field, n: f64) -> Result<u32> {
    if !n.is_finite() || n.fract() != 0.0 || !(0.0..=4_294_967_295.0).contains(&n) {
        return Err(Error::new(
            ErrorKind::InvalidUid,
            field,
            "must be an integer in 0..=4294967295",
        ));
    }
    // In range and integral, checked above: the conversion is exact.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    Ok(n as u32)
}

/// Converts a JavaScript-style number to a `u32` field (times, salts, seconds), refusing
/// NaN, infinities, fractions and anything outside `0..=4294967295`.
pub fn u32_from_f64(field: Field, kind: ErrorKind, n: f64) -> Result<u32> {
    if !n.is_finite() || n.fract() != 0.0 || !(0.0..=4_294_967_295.0).contains(&n) {
        return Err(Error::new(
            kind,
            field,
            "must be an integer in 0..=4294967295",
        ));
    }
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    Ok(n as u32)
}

#[cfg(test)]
mod tests {

    #[test]
    fn channel_byte_mask_is_the_documented_set() {
        for b in 0..=u8::MAX {
            let expected = b.is_ascii_alphanumeric()
                || b == b' '
                || b"!#$%&()+-:;<=.>?@[]^_{}|~,".contains(&b);
            assert_eq!(is_channel_byte(b), expected, "byte {b}");
        }
    }

    use super::*;

    #[test]
    fn channel_rules() {
        assert!(channel_name(Field::ChannelName, "7d72365eb983485397e3e3f9d460bdda").is_ok());
        assert!(channel_name(Field::ChannelName, "a b!#$%&()+-:;<=.>?@[]^_{}|~,").is_ok());
        assert!(channel_name(Field::ChannelName, &"a".repeat(64)).is_ok());
        assert_eq!(
            channel_name(Field::ChannelName, &"a".repeat(65))
                .unwrap_err()
                .kind(),
            ErrorKind::FieldTooLong
        );
        assert_eq!(
            channel_name(Field::ChannelName, "").unwrap_err().kind(),
            ErrorKind::InvalidChannelName
        );
        for bad in ["a\nb", "a/b", "é", "a\"b", "a'b", "a*b", "a\\b", "\0"] {
            assert_eq!(
                channel_name(Field::ChannelName, bad).unwrap_err().kind(),
                ErrorKind::InvalidChannelName,
                "{bad:?}"
            );
        }
    }

    #[test]
    fn uid_rules() {
        assert_eq!(parse_uid(Field::Uid, "0").unwrap(), 0);
        assert_eq!(parse_uid(Field::Uid, "0000000042").unwrap(), 42);
        for bad in [
            "",
            "-1",
            "1.5",
            "4294967296",
            "99999999999",
            "+1",
            " 1",
            "1e3",
            "0x10",
        ] {
            assert_eq!(
                parse_uid(Field::Uid, bad).unwrap_err().kind(),
                ErrorKind::InvalidUid,
                "{bad}"
            );
        }
        assert_eq!(uid_from_f64(Field::Uid, 4_294_967_295.0).unwrap(), u32::MAX);
        for bad in [
            4_294_967_296.0,
            -1.0,
            1.5,
            f64::NAN,
            f64::INFINITY,
            1e21,
            -0.5,
        ] {
            assert!(uid_from_f64(Field::Uid, bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn expiry_and_salt_rules() {
        assert!(salt(1).is_ok());
        assert!(salt(MAX_SALT).is_ok());
        assert!(salt(0).is_err());
        assert!(salt(MAX_SALT + 1).is_err());
        assert!(relative_seconds(Field::ExpiresIn, 3600, 1).is_ok());
        let e = relative_seconds(Field::ExpiresIn, 1_700_000_000, 1).unwrap_err();
        assert!(e.message().contains("expiresAt"), "{e}");
        assert!(relative_seconds(Field::ExpiresIn, 0, 1).is_err());
    }

    #[test]
    fn account_rules() {
        assert!(account(Field::Account, &"x".repeat(255)).is_ok());
        assert_eq!(
            account(Field::Account, &"x".repeat(256))
                .unwrap_err()
                .kind(),
            ErrorKind::FieldTooLong
        );
        assert_eq!(
            account(Field::Account, "").unwrap_err().kind(),
            ErrorKind::InvalidField
        );
        assert_eq!(
            account(Field::Account, "a\u{7}").unwrap_err().kind(),
            ErrorKind::InvalidField
        );
        assert!(user_id(Field::UserId, &"x".repeat(64)).is_ok());
        assert!(user_id(Field::UserId, &"x".repeat(65)).is_err());
    }
}
