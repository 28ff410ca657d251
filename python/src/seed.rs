//! The seed's API, PyPI `agora-token-builder` 1.0.0: `RtcTokenBuilder.buildTokenWithUid` /
//! `buildTokenWithAccount`, `RtmTokenBuilder.buildToken` and the `Role_*` constants, with
//! the same positional arguments and the same 006 tokens.
//!
//! The seed draws the salt and the time itself; the keyword-only `issued_at` and `salt`
//! pin them (the 006 `ts` is the issue time plus 24 hours, as in the seed).

// The seed's method and argument names are camelCase; Python callers pass them by keyword.
#![allow(non_snake_case)]

use pyo3::prelude::*;

use crate::args;
use crate::core::{issue, v006, Error, ErrorKind, Field, RtcUser, TS_OFFSET_006};
use crate::error::{check, Result};
use crate::gil::core_call;

/// The seed's `Role_Rtm_User`, the only role of its RTM builder.
pub(crate) const ROLE_RTM_USER: u16 = 1;

/// The issue and the 006 `ts` (issue time + 24 h) for pinned or fresh values.
fn issue_006(issued_at: Option<u32>, salt: Option<u32>) -> Result<(u32, u32)> {
    let issue = issue(issued_at, salt)?;
    let ts = issue.issue_ts.checked_add(TS_OFFSET_006).ok_or_else(|| {
        Error::new(
            ErrorKind::InvalidExpiry,
            Field::IssuedAt,
            "issue time plus 24 h is past the year 2106 (u32 unix time)",
        )
    })?;
    Ok((issue.salt, ts))
}

/// The pinned issue time and salt of the keyword-only arguments.
fn pins(
    issued_at: Option<&Bound<'_, PyAny>>,
    salt: Option<&Bound<'_, PyAny>>,
) -> Result<(Option<u32>, Option<u32>)> {
    Ok((
        args::opt_u32(issued_at, ErrorKind::InvalidExpiry, Field::IssuedAt)?,
        args::opt_u32(salt, ErrorKind::InvalidSalt, Field::Salt)?,
    ))
}

#[allow(clippy::too_many_arguments)]
fn rtc(
    py: Python<'_>,
    app_id: &Bound<'_, PyAny>,
    certificate: &Bound<'_, PyAny>,
    channel_name: &Bound<'_, PyAny>,
    user: &Bound<'_, PyAny>,
    field: Field,
    role: &Bound<'_, PyAny>,
    expired_ts: &Bound<'_, PyAny>,
    issued_at: Option<&Bound<'_, PyAny>>,
    salt: Option<&Bound<'_, PyAny>>,
) -> PyResult<String> {
    let app_id = check(args::app_id(app_id))?;
    let certificate = check(args::certificate(certificate))?;
    let channel_name = check(args::text(
        channel_name,
        ErrorKind::InvalidChannelName,
        Field::ChannelName,
    ))?;
    let user = check(args::official_user(user, field))?;
    let role = check(args::role_id(role).and_then(v006::Role::from_id))?;
    let expired_ts = check(args::u32_arg(
        expired_ts,
        ErrorKind::InvalidExpiry,
        Field::PrivilegeExpiredTs,
    ))?;
    let (issued_at, salt) = check(pins(issued_at, salt))?;
    check(core_call(py, || {
        let creds = crate::creds::credentials(&app_id, &certificate)?;
        let (salt, ts) = issue_006(issued_at, salt)?;
        let subject = match &user {
            RtcUser::Uid(n) => v006::Subject::Uid(*n),
            RtcUser::Account(a) => v006::Subject::Account(a),
        };
        v006::build_rtc(
            &creds,
            &v006::RtcParams {
                channel_name: &channel_name,
                subject,
                role,
                privilege_expired_ts: expired_ts,
                salt,
                ts,
            },
        )
    }))
}

/// The seed's RTC builder (AccessToken 006).
#[pyclass(module = "agora_token", frozen)]
pub struct RtcTokenBuilder;

#[pymethods]
impl RtcTokenBuilder {
    /// Builds a 006 RTC token for an int uid (0 = any user); `role` is one of the `Role_*`
    /// constants, `privilegeExpiredTs` an absolute unix time (0 = never).
    ///
    /// A str uid is packed as given, as the seed does. `issued_at` and `salt` pin the issue
    /// time and salt (default: now and a random salt).
    #[staticmethod]
    #[pyo3(signature = (appId, appCertificate, channelName, uid, role, privilegeExpiredTs, *, issued_at=None, salt=None))]
    #[allow(clippy::too_many_arguments)]
    fn buildTokenWithUid(
        py: Python<'_>,
        appId: &Bound<'_, PyAny>,
        appCertificate: &Bound<'_, PyAny>,
        channelName: &Bound<'_, PyAny>,
        uid: &Bound<'_, PyAny>,
        role: &Bound<'_, PyAny>,
        privilegeExpiredTs: &Bound<'_, PyAny>,
        issued_at: Option<&Bound<'_, PyAny>>,
        salt: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<String> {
        rtc(
            py,
            appId,
            appCertificate,
            channelName,
            uid,
            Field::Uid,
            role,
            privilegeExpiredTs,
            issued_at,
            salt,
        )
    }

    /// Builds a 006 RTC token for a str account (an int is taken as a uid, as the seed
    /// does); otherwise like `buildTokenWithUid`.
    #[staticmethod]
    #[pyo3(signature = (appId, appCertificate, channelName, account, role, privilegeExpiredTs, *, issued_at=None, salt=None))]
    #[allow(clippy::too_many_arguments)]
    fn buildTokenWithAccount(
        py: Python<'_>,
        appId: &Bound<'_, PyAny>,
        appCertificate: &Bound<'_, PyAny>,
        channelName: &Bound<'_, PyAny>,
        account: &Bound<'_, PyAny>,
        role: &Bound<'_, PyAny>,
        privilegeExpiredTs: &Bound<'_, PyAny>,
        issued_at: Option<&Bound<'_, PyAny>>,
        salt: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<String> {
        rtc(
            py,
            appId,
            appCertificate,
            channelName,
            account,
            Field::Account,
            role,
            privilegeExpiredTs,
            issued_at,
            salt,
        )
    }
}

/// The seed's RTM builder (AccessToken 006).
#[pyclass(module = "agora_token", frozen)]
pub struct RtmTokenBuilder;

#[pymethods]
impl RtmTokenBuilder {
    /// Builds a 006 RTM token for `userAccount`; `role` must be `Role_Rtm_User`,
    /// `privilegeExpiredTs` is an absolute unix time (0 = never). `issued_at` and `salt` as
    /// in `RtcTokenBuilder.buildTokenWithUid`.
    #[staticmethod]
    #[pyo3(signature = (appId, appCertificate, userAccount, role, privilegeExpiredTs, *, issued_at=None, salt=None))]
    #[allow(clippy::too_many_arguments)]
    fn buildToken(
        py: Python<'_>,
        appId: &Bound<'_, PyAny>,
        appCertificate: &Bound<'_, PyAny>,
        userAccount: &Bound<'_, PyAny>,
        role: &Bound<'_, PyAny>,
        privilegeExpiredTs: &Bound<'_, PyAny>,
        issued_at: Option<&Bound<'_, PyAny>>,
        salt: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<String> {
        let app_id = check(args::app_id(appId))?;
        let certificate = check(args::certificate(appCertificate))?;
        let user_id = check(args::text(
            userAccount,
            ErrorKind::InvalidField,
            Field::UserAccount,
        ))?;
        if check(args::role_id(role))? != i64::from(ROLE_RTM_USER) {
            return Err(crate::error::to_py(Error::new(
                ErrorKind::InvalidRole,
                Field::Role,
                "must be Role_Rtm_User (1)",
            )));
        }
        let expired_ts = check(args::u32_arg(
            privilegeExpiredTs,
            ErrorKind::InvalidExpiry,
            Field::PrivilegeExpiredTs,
        ))?;
        let (issued_at, salt) = check(pins(issued_at, salt))?;
        check(core_call(py, || {
            let creds = crate::creds::credentials(&app_id, &certificate)?;
            let (salt, ts) = issue_006(issued_at, salt)?;
            v006::build_rtm(
                &creds,
                &v006::RtmParams {
                    user_id: &user_id,
                    privilege_expired_ts: expired_ts,
                    salt,
                    ts,
                },
            )
            .map_err(|e| e.renamed(Field::UserId, Field::UserAccount))
        }))
    }
}
