//! The four subcommands, as thin calls into the core: the headline builders, `inspect`
//! and `verify`. Every argument is checked by the core's rules.

use agora_token::validate;
use agora_token::{
    build_rtc_token, build_rtm_token, AppCertificate, AppId, Credentials, Error, ErrorKind,
    Expected, Expiry, Field, Issue, Result, RtcOptions, RtcRole, RtcUser, RtmOptions, Version,
};

use crate::args::{
    Command, CredentialArgs, ExpiryArgs, InspectArgs, IssueArgs, RtcArgs, RtmArgs, UserArgs,
    VerifyArgs,
};
use crate::report::{print, Failure};

/// How a command that ran to the end came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// It did what was asked (for `verify`: the token is valid).
    Done,
    /// `verify`: the token would be refused.
    Invalid,
}

/// Runs one subcommand.
pub fn run(command: Command) -> Result<Outcome, Failure> {
    match command {
        Command::Rtc(a) => rtc(a),
        Command::Rtm(a) => rtm(a),
        Command::Inspect(a) => inspect(&a),
        Command::Verify(a) => verify(a),
    }
}

fn rtc(a: RtcArgs) -> Result<Outcome, Failure> {
    let creds = credentials(a.credentials)?;
    let mut o = RtcOptions::new(a.channel, user(a.user)?);
    o.role = a.role.parse::<RtcRole>()?;
    o.expiry = expiry(&a.expiry)?;
    (o.version, o.issue) = issue(&a.issue)?;
    print(&build_rtc_token(&creds, &o)?)?;
    Ok(Outcome::Done)
}

fn rtm(a: RtmArgs) -> Result<Outcome, Failure> {
    let creds = credentials(a.credentials)?;
    let mut o = RtmOptions::new(a.user_id);
    o.expiry = expiry(&a.expiry)?;
    (o.version, o.issue) = issue(&a.issue)?;
    print(&build_rtm_token(&creds, &o)?)?;
    Ok(Outcome::Done)
}

fn inspect(a: &InspectArgs) -> Result<Outcome, Failure> {
    let now = now(a.now.as_deref())?;
    let info = agora_token::inspect(&a.token, Some(now))?;
    print(&json(&info)?)?;
    Ok(Outcome::Done)
}

/// `verify`: the core's one verification, with what the options say the client is.
fn verify(a: VerifyArgs) -> Result<Outcome, Failure> {
    let certificate = AppCertificate::new(required(
        a.app_certificate,
        ErrorKind::InvalidAppCertificate,
        Field::AppCertificate,
        "AGORA_APP_CERTIFICATE",
    )?)?;
    let secondary = a
        .secondary_certificate
        .as_deref()
        .map(AppCertificate::new)
        .transpose()?;
    let app_id = a.app_id.map(AppId::new).transpose()?;
    let user = match (a.user.uid, a.user.account) {
        (Some(uid), _) => Some(RtcUser::Uid(validate::parse_uid(Field::Uid, &uid)?)),
        (None, Some(account)) => Some(RtcUser::Account(account)),
        (None, None) => None,
    };
    let expected = Expected {
        app_id: app_id.map(|id| id.as_str().to_owned()),
        channel_name: a.channel,
        user,
        user_id: a.user.user_id,
        room_uuid: a.room_uuid,
        user_uuid: a.user_uuid,
        now: Some(now(a.now.as_deref())?),
        leeway: a
            .leeway
            .as_deref()
            .map(|s| number(Field::Leeway, ErrorKind::InvalidExpiry, s))
            .transpose()?
            .unwrap_or(0),
    };
    let certificates: Vec<&AppCertificate> = std::iter::once(&certificate)
        .chain(secondary.as_ref())
        .collect();
    let outcome = agora_token::verify_any(&a.token, &certificates, &expected);
    print(&json(&outcome)?)?;
    Ok(if outcome.valid {
        Outcome::Done
    } else {
        Outcome::Invalid
    })
}

fn credentials(c: CredentialArgs) -> Result<Credentials> {
    let app_id = required(
        c.app_id,
        ErrorKind::InvalidAppId,
        Field::AppId,
        "AGORA_APP_ID",
    )?;
    let certificate = required(
        c.app_certificate,
        ErrorKind::InvalidAppCertificate,
        Field::AppCertificate,
        "AGORA_APP_CERTIFICATE",
    )?;
    Credentials::new(app_id, certificate)
}

fn required(value: Option<String>, kind: ErrorKind, field: Field, env: &str) -> Result<String> {
    value.ok_or_else(|| Error::new(kind, field, format!("is required: pass it or set {env}")))
}

/// The uid (parsed with the core's rule for uid text where an account is given apart:
/// canonical decimal, so 4294967296 is an error, never 0, and `007` is refused rather than
/// read as uid 7 or the account "007") or account.
fn user(u: UserArgs) -> Result<RtcUser> {
    match (u.uid, u.account) {
        (Some(uid), _) => Ok(RtcUser::Uid(validate::parse_canonical_uid(
            Field::Uid,
            &uid,
        )?)),
        (None, Some(account)) => Ok(RtcUser::Account(account)),
        (None, None) => Err(Error::new(
            ErrorKind::InvalidUid,
            Field::Uid,
            "give --uid or --account",
        )),
    }
}

fn expiry(e: &ExpiryArgs) -> Result<Expiry> {
    match (&e.expires_in, &e.expires_at) {
        (Some(s), _) => Ok(Expiry::In(number(
            Field::ExpiresIn,
            ErrorKind::InvalidExpiry,
            s,
        )?)),
        (None, Some(t)) => Ok(Expiry::At(number(
            Field::ExpiresAt,
            ErrorKind::InvalidExpiry,
            t,
        )?)),
        (None, None) => Err(Error::new(
            ErrorKind::InvalidExpiry,
            Field::ExpiresIn,
            "give --expires-in or --expires-at",
        )),
    }
}

fn issue(i: &IssueArgs) -> Result<(Version, Option<Issue>)> {
    let version = i.format.parse::<Version>()?;
    let issued_at = i
        .issued_at
        .as_deref()
        .map(|t| number(Field::IssuedAt, ErrorKind::InvalidExpiry, t))
        .transpose()?;
    let salt = i
        .salt
        .as_deref()
        .map(|s| number(Field::Salt, ErrorKind::InvalidSalt, s))
        .transpose()?;
    Ok((version, Some(agora_token::issue(issued_at, salt)?)))
}

fn now(given: Option<&str>) -> Result<u32> {
    match given {
        Some(t) => number(Field::Now, ErrorKind::InvalidExpiry, t),
        None => agora_token::now(),
    }
}

/// A decimal `u32`: digits only, never wrapped or clamped.
fn number(field: Field, kind: ErrorKind, s: &str) -> Result<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Error::new(
            kind,
            field,
            "must be a decimal integer in 0..=4294967295",
        ));
    }
    s.parse::<u32>().map_err(|_| {
        Error::new(
            kind,
            field,
            "must be at most 4294967295 (a u32 unix time or count)",
        )
    })
}

fn json<T: serde::Serialize>(value: &T) -> Result<String, Failure> {
    serde_json::to_string_pretty(value)
        .map_err(|e| Failure::Output(std::io::Error::other(e.to_string())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_checked_not_wrapped() {
        assert_eq!(
            number(Field::Salt, ErrorKind::InvalidSalt, "4294967295").unwrap(),
            u32::MAX
        );
        for bad in ["4294967296", "-1", "", "1.0", "+5", " 5", "0x10"] {
            let e = number(Field::Salt, ErrorKind::InvalidSalt, bad).unwrap_err();
            assert_eq!(e.code(), "INVALID_SALT", "{bad:?}");
        }
    }
}
