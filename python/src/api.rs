//! The Pythonic API: `build_rtc_token`, `build_rtm_token`, `inspect_token` and
//! `verify_token`, with keyword arguments, on the core's headline functions.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};

use crate::args;
use crate::core::{
    build_rtc_token as core_rtc, build_rtm_token as core_rtm, builders, inspect, verify_any,
    AppCertificate, Error, ErrorKind, Expected, Expiry, Field, RtcOptions, RtcRole, RtcUser,
    RtmOptions, Version,
};
use crate::error::{check, Result};
use crate::gil::core_call;

type OptArg<'a, 'py> = Option<&'a Bound<'py, PyAny>>;

/// `expires_in` or `expires_at` (not both), or the default.
fn expiry(expires_in: OptArg<'_, '_>, expires_at: OptArg<'_, '_>) -> Result<Expiry> {
    let expires_in = args::opt_u32(expires_in, ErrorKind::InvalidExpiry, Field::ExpiresIn)?;
    let expires_at = args::opt_u32(expires_at, ErrorKind::InvalidExpiry, Field::ExpiresAt)?;
    match (expires_in, expires_at) {
        (Some(_), Some(_)) => Err(Error::new(
            ErrorKind::InvalidExpiry,
            Field::ExpiresAt,
            "give either expires_in (seconds) or expires_at (unix time), not both",
        )),
        (Some(s), None) => Ok(Expiry::In(s)),
        (None, Some(t)) => Ok(Expiry::At(t)),
        (None, None) => Ok(Expiry::default()),
    }
}

fn version(obj: &Bound<'_, PyAny>) -> Result<Version> {
    args::text(obj, ErrorKind::UnsupportedVersion, Field::Version)?.parse()
}

fn pins(issued_at: OptArg<'_, '_>, salt: OptArg<'_, '_>) -> Result<(Option<u32>, Option<u32>)> {
    Ok((
        args::opt_u32(issued_at, ErrorKind::InvalidExpiry, Field::IssuedAt)?,
        args::opt_u32(salt, ErrorKind::InvalidSalt, Field::Salt)?,
    ))
}

fn rtc_user(uid: OptArg<'_, '_>, account: OptArg<'_, '_>) -> Result<RtcUser> {
    let uid = uid.filter(|u| !u.is_none());
    let account = args::opt_text(account, ErrorKind::InvalidField, Field::Account)?;
    match (uid, account) {
        (Some(_), Some(_)) => Err(Error::new(
            ErrorKind::InvalidUid,
            Field::Uid,
            "give either uid or account, not both",
        )),
        (Some(u), None) => args::uid(u, true).map(RtcUser::Uid),
        (None, Some(a)) => Ok(RtcUser::Account(a.into_owned())),
        (None, None) => Err(Error::new(
            ErrorKind::InvalidUid,
            Field::Uid,
            "is required: give uid (0 = any user) or account",
        )),
    }
}

/// Builds an RTC token (007 by default, or 006).
///
/// Give `uid` (an int, or a str of decimal digits; 0 = any user) or `account` (a str);
/// `role` is "publisher" or "subscriber"; `expires_in` (seconds) or `expires_at` (unix time),
/// one hour by default. `issued_at` and `salt` pin the issue time and salt for reproducible
/// tokens. Raises `TokenError` on invalid input.
#[pyfunction]
#[pyo3(signature = (*, app_id, app_certificate, channel_name, uid=None, account=None, role=None, expires_in=None, expires_at=None, version=None, issued_at=None, salt=None))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn build_rtc_token(
    py: Python<'_>,
    app_id: &Bound<'_, PyAny>,
    app_certificate: &Bound<'_, PyAny>,
    channel_name: &Bound<'_, PyAny>,
    uid: OptArg<'_, '_>,
    account: OptArg<'_, '_>,
    role: OptArg<'_, '_>,
    expires_in: OptArg<'_, '_>,
    expires_at: OptArg<'_, '_>,
    version: OptArg<'_, '_>,
    issued_at: OptArg<'_, '_>,
    salt: OptArg<'_, '_>,
) -> PyResult<String> {
    let app_id = check(args::app_id(app_id))?;
    let certificate = check(args::certificate(app_certificate))?;
    let (issued_at, salt) = check(pins(issued_at, salt))?;
    let o = check((|| {
        Ok(RtcOptions {
            channel_name: args::text(
                channel_name,
                ErrorKind::InvalidChannelName,
                Field::ChannelName,
            )?
            .into_owned(),
            user: rtc_user(uid, account)?,
            role: match args::opt_text(role, ErrorKind::InvalidRole, Field::Role)? {
                Some(r) => r.parse::<RtcRole>()?,
                None => RtcRole::default(),
            },
            expiry: expiry(expires_in, expires_at)?,
            privileges: None,
            version: match version {
                Some(v) if !v.is_none() => self::version(v)?,
                _ => Version::default(),
            },
            issue: Some(crate::core::issue(issued_at, salt)?),
        })
    })())?;
    check(core_call(py, || {
        core_rtc(&*crate::creds::credentials(&app_id, &certificate)?, &o)
    }))
}

/// Builds an RTM token (007 by default, or 006) for `user_id`; expiry and pins as in
/// `build_rtc_token`. Raises `TokenError` on invalid input.
#[pyfunction]
#[pyo3(signature = (*, app_id, app_certificate, user_id, expires_in=None, expires_at=None, version=None, issued_at=None, salt=None))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn build_rtm_token(
    py: Python<'_>,
    app_id: &Bound<'_, PyAny>,
    app_certificate: &Bound<'_, PyAny>,
    user_id: &Bound<'_, PyAny>,
    expires_in: OptArg<'_, '_>,
    expires_at: OptArg<'_, '_>,
    version: OptArg<'_, '_>,
    issued_at: OptArg<'_, '_>,
    salt: OptArg<'_, '_>,
) -> PyResult<String> {
    let app_id = check(args::app_id(app_id))?;
    let certificate = check(args::certificate(app_certificate))?;
    let (issued_at, salt) = check(pins(issued_at, salt))?;
    let o = check((|| {
        Ok(RtmOptions {
            user_id: args::text(user_id, ErrorKind::InvalidField, Field::UserId)?.into_owned(),
            expiry: expiry(expires_in, expires_at)?,
            version: match version {
                Some(v) if !v.is_none() => self::version(v)?,
                _ => Version::default(),
            },
            issue: Some(crate::core::issue(issued_at, salt)?),
        })
    })())?;
    check(core_call(py, || {
        core_rtm(&*crate::creds::credentials(&app_id, &certificate)?, &o)
    }))
}

/// `now` as given, or the clock's time when `None`.
/// Builds an RTM2 token (007, service 8) for `user_id` (`""`: any user) with resource
/// `permissions`: an `agora_token.ServiceRtm2.Permissions`, or a dict
/// `{resource: {permission: [name, ...]}}` whose keys are the core's names
/// (`"messageChannels"`, `"streamChannels"`, `"groupChannels"`, `"serverGroups"`, `"users"`;
/// `"read"`, `"write"`) or the python3 builder's integers. Expiry and pins as in
/// `build_rtc_token`; login lasts as long as the token. Raises `TokenError` on invalid input.
#[pyfunction]
#[pyo3(signature = (*, app_id, app_certificate, user_id, permissions, expires_in=None, expires_at=None, issued_at=None, salt=None))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn build_rtm2_token(
    py: Python<'_>,
    app_id: &Bound<'_, PyAny>,
    app_certificate: &Bound<'_, PyAny>,
    user_id: &Bound<'_, PyAny>,
    permissions: &Bound<'_, PyAny>,
    expires_in: OptArg<'_, '_>,
    expires_at: OptArg<'_, '_>,
    issued_at: OptArg<'_, '_>,
    salt: OptArg<'_, '_>,
) -> PyResult<String> {
    let app_id = check(args::app_id(app_id))?;
    let certificate = check(args::certificate(app_certificate))?;
    let user_id = check(args::text(user_id, ErrorKind::InvalidField, Field::UserId))?.into_owned();
    let permissions = check(args::permissions(permissions))?;
    let expiry = check(expiry(expires_in, expires_at))?;
    let (issued_at, salt) = check(pins(issued_at, salt))?;
    check(core_call(py, || {
        let creds = crate::creds::credentials(&app_id, &certificate)?;
        let issue = crate::core::issue(issued_at, salt)?;
        let (expire, _) = expiry.resolve(issue.issue_ts)?;
        builders::rtm_with_permissions(issue, &user_id, permissions, expire).build(&creds)
    }))
}

/// The certificates of `verify_token`: one `str`, or a list or tuple of them (the primary
/// first, then a secondary during a rotation).
fn certificates(obj: &Bound<'_, PyAny>) -> Result<Vec<AppCertificate>> {
    let one =
        |o: &Bound<'_, PyAny>| args::certificate(o).and_then(|c| AppCertificate::new(c.as_ref()));
    if obj.is_instance_of::<PyString>() {
        return one(obj).map(|c| vec![c]);
    }
    if let Ok(list) = obj.cast::<pyo3::types::PyList>() {
        return list.iter().map(|c| one(&c)).collect();
    }
    if let Ok(tuple) = obj.cast::<pyo3::types::PyTuple>() {
        return tuple.iter().map(|c| one(&c)).collect();
    }
    one(obj).map(|c| vec![c])
}

fn now(obj: OptArg<'_, '_>) -> Result<u32> {
    match args::opt_u32(obj, ErrorKind::InvalidExpiry, Field::Now)? {
        Some(t) => Ok(t),
        None => crate::core::Issue::now().map(|i| i.issue_ts),
    }
}

/// The token argument as text.
fn token_text<'a>(obj: &'a Bound<'_, PyAny>) -> Result<std::borrow::Cow<'a, str>> {
    args::text(obj, ErrorKind::MalformedToken, Field::Token)
}

/// Describes any 006 or 007 token as a dict (the same keys as the CLI's and the npm
/// package's description: `version`, `appId`, `issuedAt`, `expiresAt`, `services`,
/// `expired`, `warnings`, ...). `now` (unix time, default the clock) decides `expired`.
/// Raises `TokenError` for a token that cannot be read.
#[pyfunction]
#[pyo3(signature = (token, now=None))]
pub(crate) fn inspect_token<'py>(
    py: Python<'py>,
    token: &Bound<'py, PyAny>,
    now: OptArg<'_, 'py>,
) -> PyResult<Bound<'py, PyAny>> {
    let token = check(token_text(token))?;
    let now = check(self::now(now))?;
    let info = check(core_call(py, || inspect(&token, Some(now))))?;
    Ok(pythonize::pythonize(py, &info)?)
}

/// The keys `verify_token` accepts.
const EXPECTED_KEYS: [&str; 5] = ["app_id", "channel_name", "uid", "account", "now"];

/// Verifies a token's signature with `app_certificate` (one `str`, or a list of them: the
/// primary and a secondary during a rotation; `certificate` in the result is the position of
/// the one that signed it) and checks what the caller expects:
/// `app_id`, `channel_name`, `uid` or `account`, `now` (default the clock). A 006 token can
/// only be checked with its channel and user. Returns a dict: `valid`, `signatureValid`,
/// `expired`, `reason` (such as `SIGNATURE_MISMATCH`), `message`, `token` (the
/// description). A malformed token is not an exception: it is `valid: False, reason:
/// "MALFORMED"`. Raises `TokenError` for an invalid certificate or expectation.
#[pyfunction]
#[pyo3(signature = (token, app_certificate, **expected))]
pub(crate) fn verify_token<'py>(
    py: Python<'py>,
    token: &Bound<'py, PyAny>,
    app_certificate: &Bound<'py, PyAny>,
    expected: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    let token = check(token_text(token))?;
    let certificates = check(certificates(app_certificate))?;
    let exp = check(expectations(expected))?;
    let v = core_call(py, || {
        let refs: Vec<&AppCertificate> = certificates.iter().collect();
        verify_any(&token, &refs, &exp)
    });
    Ok(pythonize::pythonize(py, &v)?)
}

fn expectations(expected: Option<&Bound<'_, PyDict>>) -> Result<Expected> {
    let get = |key: &str| expected.and_then(|d| d.get_item(key).ok().flatten());
    if let Some(d) = expected {
        for k in d.keys() {
            let known = k
                .cast::<PyString>()
                .ok()
                .and_then(|s| s.to_cow().ok())
                .is_some_and(|s| EXPECTED_KEYS.contains(&s.as_ref()));
            if !known {
                return Err(Error::new(
                    ErrorKind::InvalidField,
                    Field::Expected,
                    format!(
                        "has an unknown key; the keys are {}",
                        EXPECTED_KEYS.join(", ")
                    ),
                ));
            }
        }
    }
    let app_id = get("app_id");
    let channel = get("channel_name");
    let uid = get("uid");
    let account = get("account");
    let user = match (uid.as_ref(), account.as_ref()) {
        (None, None) => None,
        (u, a) => Some(rtc_user(u, a)?),
    };
    Ok(Expected {
        app_id: args::opt_text(app_id.as_ref(), ErrorKind::InvalidAppId, Field::AppId)?
            .map(|s| s.into_owned()),
        channel_name: args::opt_text(
            channel.as_ref(),
            ErrorKind::InvalidChannelName,
            Field::ChannelName,
        )?
        .map(|s| s.into_owned()),
        user,
        now: Some(now(get("now").as_ref())?),
        ..Expected::default()
    })
}
