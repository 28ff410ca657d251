//! The four subcommands, as thin calls into the core: the headline builders, `inspect`
//! and `verify`. Every argument is checked by the core's rules.

use agora_token::error::{Error, ErrorKind, Result};
use agora_token::validate;
use agora_token::{
    build_rtc_token, build_rtm_token, clock, AppCertificate, AppId, Credentials, Expected, Expiry,
    Reason, RtcOptions, RtcRole, RtcUser, RtmOptions, Verification, Version,
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
    (o.version, o.issued_at, o.salt) = issue(&a.issue)?;
    print(&build_rtc_token(&creds, &o)?)?;
    Ok(Outcome::Done)
}

fn rtm(a: RtmArgs) -> Result<Outcome, Failure> {
    let creds = credentials(a.credentials)?;
    let mut o = RtmOptions::new(a.user_id);
    o.expiry = expiry(&a.expiry)?;
    (o.version, o.issued_at, o.salt) = issue(&a.issue)?;
    print(&build_rtm_token(&creds, &o)?)?;
    Ok(Outcome::Done)
}

fn inspect(a: &InspectArgs) -> Result<Outcome, Failure> {
    let now = now(a.now.as_deref())?;
    let info = agora_token::inspect(&a.token, Some(now))?;
    print(&json(&info)?)?;
    Ok(Outcome::Done)
}

fn verify(a: VerifyArgs) -> Result<Outcome, Failure> {
    let certificate = AppCertificate::new(required(
        a.app_certificate,
        ErrorKind::InvalidAppCertificate,
        "appCertificate",
        "--app-certificate",
        "AGORA_APP_CERTIFICATE",
    )?)?;
    let app_id = a.app_id.map(AppId::new).transpose()?;
    let is_006 = a.token.trim_start().starts_with(agora_token::v006::VERSION);
    let mut expected = Expected {
        app_id: app_id.map(|id| id.as_str().to_owned()),
        channel_name: a.channel,
        user: None,
        now: Some(now(a.now.as_deref())?),
    };
    if let Some(uid) = a.user.uid {
        expected.user = Some(RtcUser::Uid(validate::parse_uid("uid", &uid)?));
    } else if let Some(account) = a.user.account {
        expected.user = Some(RtcUser::Account(account));
    }
    let rtm_user = a.user.user_id;
    if let (true, Some(user_id)) = (is_006, &rtm_user) {
        // A 006 RTM token signs the user id in the channel slot, with an empty uid.
        if expected.channel_name.is_some() {
            return Err(Error::new(
                ErrorKind::InvalidField,
                "userId",
                "a 006 RTM token has no channel: give --user-id or --channel, not both",
            )
            .into());
        }
        expected.channel_name = Some(user_id.clone());
        expected.user = Some(RtcUser::Uid(0));
    }
    let mut outcome = agora_token::verify(&a.token, &certificate, &expected);
    if let (false, Some(user_id)) = (is_006, &rtm_user) {
        check_007_user_id(&mut outcome, user_id);
    }
    print(&json(&outcome)?)?;
    Ok(if outcome.valid {
        Outcome::Done
    } else {
        Outcome::Invalid
    })
}

/// For 007, whose signature does not depend on who asks: refuses a valid token that names
/// no RTM, RTM2 or Chat user `user_id`.
fn check_007_user_id(outcome: &mut Verification, user_id: &str) {
    let Some(info) = outcome.token.as_ref() else {
        return;
    };
    let names_user = info.services.iter().any(|s| {
        matches!(s.type_name, "rtm" | "rtm2" | "chat")
            && s.fields.get("userId").is_some_and(|u| u == user_id)
    });
    if outcome.valid && !names_user {
        outcome.valid = false;
        outcome.reason = Some(Reason::UidMismatch);
        outcome.message =
            Some("The token has no RTM, RTM2 or Chat service for this user id.".to_owned());
    }
}

fn credentials(c: CredentialArgs) -> Result<Credentials> {
    let app_id = required(
        c.app_id,
        ErrorKind::InvalidAppId,
        "appId",
        "--app-id",
        "AGORA_APP_ID",
    )?;
    let certificate = required(
        c.app_certificate,
        ErrorKind::InvalidAppCertificate,
        "appCertificate",
        "--app-certificate",
        "AGORA_APP_CERTIFICATE",
    )?;
    Credentials::new(app_id, certificate)
}

fn required(
    value: Option<String>,
    kind: ErrorKind,
    field: &'static str,
    flag: &str,
    env: &str,
) -> Result<String> {
    value.ok_or_else(|| {
        Error::new(
            kind,
            field,
            format!("is required: pass {flag} or set {env}"),
        )
    })
}

/// The uid (parsed with the core's rule: 4294967296 is an error, never 0) or account.
fn user(u: UserArgs) -> Result<RtcUser> {
    match (u.uid, u.account) {
        (Some(uid), _) => Ok(RtcUser::Uid(validate::parse_uid("uid", &uid)?)),
        (None, Some(account)) => Ok(RtcUser::Account(account)),
        (None, None) => Err(Error::new(
            ErrorKind::InvalidUid,
            "uid",
            "give --uid or --account",
        )),
    }
}

fn expiry(e: &ExpiryArgs) -> Result<Expiry> {
    match (&e.expires_in, &e.expires_at) {
        (Some(s), _) => Ok(Expiry::In(number(
            "expiresIn",
            ErrorKind::InvalidExpiry,
            s,
        )?)),
        (None, Some(t)) => Ok(Expiry::At(number(
            "expiresAt",
            ErrorKind::InvalidExpiry,
            t,
        )?)),
        (None, None) => Err(Error::new(
            ErrorKind::InvalidExpiry,
            "expiresIn",
            "give --expires-in or --expires-at",
        )),
    }
}

fn issue(i: &IssueArgs) -> Result<(Version, Option<u32>, Option<u32>)> {
    let version = i.format.parse::<Version>()?;
    let issued_at = i
        .issued_at
        .as_deref()
        .map(|t| number("issuedAt", ErrorKind::InvalidExpiry, t))
        .transpose()?;
    let salt = i
        .salt
        .as_deref()
        .map(|s| number("salt", ErrorKind::InvalidSalt, s))
        .transpose()?;
    Ok((version, issued_at, salt))
}

fn now(given: Option<&str>) -> Result<u32> {
    match given {
        Some(t) => number("now", ErrorKind::InvalidExpiry, t),
        None => clock::now(),
    }
}

/// A decimal `u32`: digits only, never wrapped or clamped.
fn number(field: &'static str, kind: ErrorKind, s: &str) -> Result<u32> {
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
            number("salt", ErrorKind::InvalidSalt, "4294967295").unwrap(),
            u32::MAX
        );
        for bad in ["4294967296", "-1", "", "1.0", "+5", " 5", "0x10"] {
            let e = number("salt", ErrorKind::InvalidSalt, bad).unwrap_err();
            assert_eq!(e.code(), "INVALID_SALT", "{bad:?}");
        }
    }
}
