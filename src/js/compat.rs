//! Drop-in classes with the official packages' names and positional arguments.
//!
//! - 006, as the seed package and npm `agora-access-token`: `RtcTokenBuilder`,
//!   `RtmTokenBuilder`, `RtcRole`, `RtmRole`; expiries are absolute unix times.
//! - 007, as npm `agora-token`: `RtcTokenBuilder2`, `RtmTokenBuilder2`, `ChatTokenBuilder2`,
//!   `FpaTokenBuilder2`, `ApaasTokenBuilder2`, `EducationTokenBuilder2`; expiries are
//!   seconds after the issue time.
//!
//! Every method takes one extra, optional last argument `{ issuedAt?, salt? }` that pins
//! the issue time and salt, for reproducible tokens. Omitted, they come from the clock and
//! the CSPRNG, as in the official packages.

// The methods mirror the official signatures, which have up to 12 positional arguments.
#![allow(clippy::too_many_arguments)]

use std::collections::BTreeMap;

use js_sys::Object;
use wasm_bindgen::prelude::*;

use super::args::{self, Opts};
use super::error::{js, JsResult};
use super::headline::permissions as named_permissions;
use crate::builders::{self, RtcPrivilegeExpiries, RtcRole, RtcRtm2, RtcUser};
use crate::clock::Issue;
use crate::credentials::Credentials;
use crate::error::{Error, ErrorKind, Result};
use crate::options::{self, TS_OFFSET_006};
use crate::v006;
use crate::v007::{AccessToken2, PermissionType, Permissions, ResourceType};

fn creds(app_id: &JsValue, app_certificate: &JsValue) -> Result<Credentials> {
    Credentials::new(
        args::string(ErrorKind::InvalidAppId, "appId", app_id)?,
        args::string(
            ErrorKind::InvalidAppCertificate,
            "appCertificate",
            app_certificate,
        )?,
    )
}

/// The optional last argument `{ issuedAt?, salt? }`.
fn reproducible(v: &Option<JsValue>) -> Result<Issue> {
    let v = v.clone().unwrap_or(JsValue::UNDEFINED);
    match Opts::optional("reproducible", &v, &["issuedAt", "salt"])? {
        Some(o) => o.issue(),
        None => options::issue(None, None),
    }
}

fn text(kind: ErrorKind, field: &'static str, v: &JsValue) -> Result<String> {
    args::string(kind, field, v)
}

fn seconds(field: &'static str, v: &JsValue) -> Result<u32> {
    args::u32_value(ErrorKind::InvalidExpiry, field, v)
}

/// A trailing argument that defaults to 0 in the official package.
fn seconds_or_zero(field: &'static str, v: &Option<JsValue>) -> Result<u32> {
    match v {
        None => Ok(0),
        Some(v) => seconds(field, v),
    }
}

/// A numeric uid (0 = any user), as `buildTokenWithUid` takes it.
fn numeric_uid(v: &JsValue) -> Result<u32> {
    match v.as_f64() {
        Some(n) => crate::validate::uid_from_f64("uid", n),
        None => Err(args::wrong_type(
            ErrorKind::InvalidUid,
            "uid",
            "an integer in 0..=4294967295 (use the account builder for string accounts)",
            v,
        )),
    }
}

fn role_id(v: &JsValue) -> Result<i64> {
    args::u32_value(ErrorKind::InvalidRole, "role", v).map(i64::from)
}

// ---------------------------------------------------------------------------------------
// 006

/// The 006 RTC roles of the seed package and npm `agora-access-token`.
#[wasm_bindgen(js_name = RtcRole)]
#[allow(non_camel_case_types, clippy::upper_case_acronyms)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RtcRole006 {
    /// Deprecated: the same privileges as `PUBLISHER`.
    ATTENDEE = 0,
    /// Joins and publishes audio, video and data.
    PUBLISHER = 1,
    /// Joins only (publishes too unless hosting-in authentication is enabled for the app).
    SUBSCRIBER = 2,
    /// Deprecated: the same privileges as `PUBLISHER`.
    ADMIN = 101,
}

/// The 006 RTM role of the seed package and npm `agora-access-token`.
#[wasm_bindgen]
#[allow(non_camel_case_types)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RtmRole {
    /// The only RTM role.
    Rtm_User = 1,
}

fn ts_006(issue: Issue) -> Result<u32> {
    issue.issue_ts.checked_add(TS_OFFSET_006).ok_or_else(|| {
        Error::new(
            ErrorKind::InvalidExpiry,
            "issuedAt",
            "issue time plus 24 h is past the year 2106 (u32 unix time)",
        )
    })
}

fn rtc006(
    app_id: &JsValue,
    app_certificate: &JsValue,
    channel_name: &JsValue,
    subject: v006::Subject<'_>,
    role: &JsValue,
    privilege_expired_ts: &JsValue,
    repro: &Option<JsValue>,
) -> Result<String> {
    let creds = creds(app_id, app_certificate)?;
    let channel_name = text(ErrorKind::InvalidChannelName, "channelName", channel_name)?;
    let role = v006::Role::from_id(role_id(role)?)?;
    let privilege_expired_ts = seconds("privilegeExpiredTs", privilege_expired_ts)?;
    let issue = reproducible(repro)?;
    v006::build_rtc(
        &creds,
        &v006::RtcParams {
            channel_name: &channel_name,
            subject,
            role,
            privilege_expired_ts,
            salt: issue.salt,
            ts: ts_006(issue)?,
        },
    )
}

/// 006 RTC tokens, as the seed package's and npm `agora-access-token`'s `RtcTokenBuilder`.
#[wasm_bindgen(js_name = RtcTokenBuilder)]
#[derive(Debug)]
pub struct RtcTokenBuilder006 {
    _private: (),
}

#[wasm_bindgen(js_class = RtcTokenBuilder)]
impl RtcTokenBuilder006 {
    /// A 006 RTC token for a numeric uid (0 = any user). `privilegeExpiredTs` is an
    /// absolute unix time (0 = never).
    #[wasm_bindgen(js_name = buildTokenWithUid, unchecked_return_type = "string")]
    pub fn build_token_with_uid(
        #[wasm_bindgen(js_name = appId, unchecked_param_type = "string")] app_id: JsValue,
        #[wasm_bindgen(js_name = appCertificate, unchecked_param_type = "string")] app_certificate: JsValue,
        #[wasm_bindgen(js_name = channelName, unchecked_param_type = "string")]
        channel_name: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] uid: JsValue,
        #[wasm_bindgen(unchecked_param_type = "RtcRole")] role: JsValue,
        #[wasm_bindgen(js_name = privilegeExpiredTs, unchecked_param_type = "number")]
        privilege_expired_ts: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Reproducible")] reproducible: Option<JsValue>,
    ) -> JsResult<String> {
        js((|| {
            let uid = numeric_uid(&uid)?;
            rtc006(
                &app_id,
                &app_certificate,
                &channel_name,
                v006::Subject::Uid(uid),
                &role,
                &privilege_expired_ts,
                &reproducible,
            )
        })())
    }

    /// A 006 RTC token for a string account. `privilegeExpiredTs` is an absolute unix time
    /// (0 = never).
    #[wasm_bindgen(js_name = buildTokenWithAccount, unchecked_return_type = "string")]
    pub fn build_token_with_account(
        #[wasm_bindgen(js_name = appId, unchecked_param_type = "string")] app_id: JsValue,
        #[wasm_bindgen(js_name = appCertificate, unchecked_param_type = "string")] app_certificate: JsValue,
        #[wasm_bindgen(js_name = channelName, unchecked_param_type = "string")]
        channel_name: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] account: JsValue,
        #[wasm_bindgen(unchecked_param_type = "RtcRole")] role: JsValue,
        #[wasm_bindgen(js_name = privilegeExpiredTs, unchecked_param_type = "number")]
        privilege_expired_ts: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Reproducible")] reproducible: Option<JsValue>,
    ) -> JsResult<String> {
        js((|| {
            let account = text(ErrorKind::InvalidField, "account", &account)?;
            rtc006(
                &app_id,
                &app_certificate,
                &channel_name,
                v006::Subject::Account(&account),
                &role,
                &privilege_expired_ts,
                &reproducible,
            )
        })())
    }
}

/// 006 RTM tokens, as the seed package's and npm `agora-access-token`'s `RtmTokenBuilder`.
#[wasm_bindgen(js_name = RtmTokenBuilder)]
#[derive(Debug)]
pub struct RtmTokenBuilder006 {
    _private: (),
}

#[wasm_bindgen(js_class = RtmTokenBuilder)]
impl RtmTokenBuilder006 {
    /// A 006 RTM token. `role` must be `RtmRole.Rtm_User`; `privilegeExpiredTs` is an
    /// absolute unix time (0 = never).
    #[wasm_bindgen(js_name = buildToken, unchecked_return_type = "string")]
    pub fn build_token(
        #[wasm_bindgen(js_name = appId, unchecked_param_type = "string")] app_id: JsValue,
        #[wasm_bindgen(js_name = appCertificate, unchecked_param_type = "string")] app_certificate: JsValue,
        #[wasm_bindgen(js_name = userAccount, unchecked_param_type = "string")]
        user_account: JsValue,
        #[wasm_bindgen(unchecked_param_type = "RtmRole")] role: JsValue,
        #[wasm_bindgen(js_name = privilegeExpiredTs, unchecked_param_type = "number")]
        privilege_expired_ts: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Reproducible")] reproducible: Option<JsValue>,
    ) -> JsResult<String> {
        js((|| {
            let creds = creds(&app_id, &app_certificate)?;
            let user_id = text(ErrorKind::InvalidField, "userAccount", &user_account)?;
            if role_id(&role)? != RtmRole::Rtm_User as i64 {
                return Err(Error::new(
                    ErrorKind::InvalidRole,
                    "role",
                    "must be RtmRole.Rtm_User (1)",
                ));
            }
            let privilege_expired_ts = seconds("privilegeExpiredTs", &privilege_expired_ts)?;
            let issue = self::reproducible(&reproducible)?;
            v006::build_rtm(
                &creds,
                &v006::RtmParams {
                    user_id: &user_id,
                    privilege_expired_ts,
                    salt: issue.salt,
                    ts: ts_006(issue)?,
                },
            )
        })())
    }
}

// ---------------------------------------------------------------------------------------
// 007

fn sign(
    app_id: &JsValue,
    app_certificate: &JsValue,
    claims: impl FnOnce() -> Result<AccessToken2>,
) -> JsResult<String> {
    js((|| {
        let creds = creds(app_id, app_certificate)?;
        claims()?.build(&creds)
    })())
}

fn role007(v: &JsValue) -> Result<RtcRole> {
    RtcRole::from_id(role_id(v)?)
}

/// 007 RTC tokens, as npm `agora-token`'s `RtcTokenBuilder`.
#[wasm_bindgen]
#[derive(Debug)]
pub struct RtcTokenBuilder2 {
    _private: (),
}

#[wasm_bindgen]
impl RtcTokenBuilder2 {
    /// RTC for a numeric uid (0 = any user); `role` 1 (publisher) or 2 (subscriber);
    /// `tokenExpire` and `privilegeExpire` in seconds after issue.
    #[wasm_bindgen(js_name = buildTokenWithUid, unchecked_return_type = "string")]
    pub fn build_token_with_uid(
        #[wasm_bindgen(js_name = appId, unchecked_param_type = "string")] app_id: JsValue,
        #[wasm_bindgen(js_name = appCertificate, unchecked_param_type = "string")] app_certificate: JsValue,
        #[wasm_bindgen(js_name = channelName, unchecked_param_type = "string")]
        channel_name: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] uid: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Role2")] role: JsValue,
        #[wasm_bindgen(js_name = tokenExpire, unchecked_param_type = "number")]
        token_expire: JsValue,
        #[wasm_bindgen(js_name = privilegeExpire, unchecked_param_type = "number")]
        privilege_expire: Option<JsValue>,
        #[wasm_bindgen(unchecked_param_type = "Reproducible")] reproducible: Option<JsValue>,
    ) -> JsResult<String> {
        sign(&app_id, &app_certificate, || {
            let user = RtcUser::Uid(numeric_uid(&uid)?);
            rtc007(
                &channel_name,
                &user,
                &role,
                &token_expire,
                &privilege_expire,
                &reproducible,
            )
        })
    }

    /// RTC for a string account; otherwise as `buildTokenWithUid`.
    #[wasm_bindgen(js_name = buildTokenWithUserAccount, unchecked_return_type = "string")]
    pub fn build_token_with_user_account(
        #[wasm_bindgen(js_name = appId, unchecked_param_type = "string")] app_id: JsValue,
        #[wasm_bindgen(js_name = appCertificate, unchecked_param_type = "string")] app_certificate: JsValue,
        #[wasm_bindgen(js_name = channelName, unchecked_param_type = "string")]
        channel_name: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] account: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Role2")] role: JsValue,
        #[wasm_bindgen(js_name = tokenExpire, unchecked_param_type = "number")]
        token_expire: JsValue,
        #[wasm_bindgen(js_name = privilegeExpire, unchecked_param_type = "number")]
        privilege_expire: Option<JsValue>,
        #[wasm_bindgen(unchecked_param_type = "Reproducible")] reproducible: Option<JsValue>,
    ) -> JsResult<String> {
        sign(&app_id, &app_certificate, || {
            let user = RtcUser::Account(text(ErrorKind::InvalidField, "account", &account)?);
            rtc007(
                &channel_name,
                &user,
                &role,
                &token_expire,
                &privilege_expire,
                &reproducible,
            )
        })
    }

    /// RTC for a numeric uid with all four privileges, each with its own lifetime.
    #[wasm_bindgen(js_name = buildTokenWithUidAndPrivilege, unchecked_return_type = "string")]
    pub fn build_token_with_uid_and_privilege(
        #[wasm_bindgen(js_name = appId, unchecked_param_type = "string")] app_id: JsValue,
        #[wasm_bindgen(js_name = appCertificate, unchecked_param_type = "string")] app_certificate: JsValue,
        #[wasm_bindgen(js_name = channelName, unchecked_param_type = "string")]
        channel_name: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] uid: JsValue,
        #[wasm_bindgen(js_name = tokenExpire, unchecked_param_type = "number")]
        token_expire: JsValue,
        #[wasm_bindgen(js_name = joinChannelPrivilegeExpire, unchecked_param_type = "number")] join: JsValue,
        #[wasm_bindgen(js_name = pubAudioPrivilegeExpire, unchecked_param_type = "number")]
        audio: JsValue,
        #[wasm_bindgen(js_name = pubVideoPrivilegeExpire, unchecked_param_type = "number")]
        video: JsValue,
        #[wasm_bindgen(js_name = pubDataStreamPrivilegeExpire, unchecked_param_type = "number")]
        data: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Reproducible")] reproducible: Option<JsValue>,
    ) -> JsResult<String> {
        sign(&app_id, &app_certificate, || {
            let user = RtcUser::Uid(numeric_uid(&uid)?);
            rtc007_privileges(
                &channel_name,
                &user,
                &token_expire,
                [&join, &audio, &video, &data],
                &reproducible,
            )
        })
    }

    /// RTC for a string account with all four privileges, each with its own lifetime.
    #[wasm_bindgen(js_name = buildTokenWithUserAccountAndPrivilege, unchecked_return_type = "string")]
    pub fn build_token_with_user_account_and_privilege(
        #[wasm_bindgen(js_name = appId, unchecked_param_type = "string")] app_id: JsValue,
        #[wasm_bindgen(js_name = appCertificate, unchecked_param_type = "string")] app_certificate: JsValue,
        #[wasm_bindgen(js_name = channelName, unchecked_param_type = "string")]
        channel_name: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] account: JsValue,
        #[wasm_bindgen(js_name = tokenExpire, unchecked_param_type = "number")]
        token_expire: JsValue,
        #[wasm_bindgen(js_name = joinChannelPrivilegeExpire, unchecked_param_type = "number")] join: JsValue,
        #[wasm_bindgen(js_name = pubAudioPrivilegeExpire, unchecked_param_type = "number")]
        audio: JsValue,
        #[wasm_bindgen(js_name = pubVideoPrivilegeExpire, unchecked_param_type = "number")]
        video: JsValue,
        #[wasm_bindgen(js_name = pubDataStreamPrivilegeExpire, unchecked_param_type = "number")]
        data: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Reproducible")] reproducible: Option<JsValue>,
    ) -> JsResult<String> {
        sign(&app_id, &app_certificate, || {
            let user = RtcUser::Account(text(ErrorKind::InvalidField, "account", &account)?);
            rtc007_privileges(
                &channel_name,
                &user,
                &token_expire,
                [&join, &audio, &video, &data],
                &reproducible,
            )
        })
    }

    /// The same as `buildTokenWithUserAccountAndPrivilege`, under the capitalised name npm
    /// `agora-token` uses.
    #[wasm_bindgen(js_name = BuildTokenWithUserAccountAndPrivilege, unchecked_return_type = "string")]
    pub fn build_token_with_user_account_and_privilege_capitalised(
        #[wasm_bindgen(js_name = appId, unchecked_param_type = "string")] app_id: JsValue,
        #[wasm_bindgen(js_name = appCertificate, unchecked_param_type = "string")] app_certificate: JsValue,
        #[wasm_bindgen(js_name = channelName, unchecked_param_type = "string")]
        channel_name: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] account: JsValue,
        #[wasm_bindgen(js_name = tokenExpire, unchecked_param_type = "number")]
        token_expire: JsValue,
        #[wasm_bindgen(js_name = joinChannelPrivilegeExpire, unchecked_param_type = "number")] join: JsValue,
        #[wasm_bindgen(js_name = pubAudioPrivilegeExpire, unchecked_param_type = "number")]
        audio: JsValue,
        #[wasm_bindgen(js_name = pubVideoPrivilegeExpire, unchecked_param_type = "number")]
        video: JsValue,
        #[wasm_bindgen(js_name = pubDataStreamPrivilegeExpire, unchecked_param_type = "number")]
        data: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Reproducible")] reproducible: Option<JsValue>,
    ) -> JsResult<String> {
        Self::build_token_with_user_account_and_privilege(
            app_id,
            app_certificate,
            channel_name,
            account,
            token_expire,
            join,
            audio,
            video,
            data,
            reproducible,
        )
    }

    /// RTC plus RTM login for the same account (RTM login lasts `tokenExpire`).
    #[wasm_bindgen(js_name = buildTokenWithRtm, unchecked_return_type = "string")]
    pub fn build_token_with_rtm(
        #[wasm_bindgen(js_name = appId, unchecked_param_type = "string")] app_id: JsValue,
        #[wasm_bindgen(js_name = appCertificate, unchecked_param_type = "string")] app_certificate: JsValue,
        #[wasm_bindgen(js_name = channelName, unchecked_param_type = "string")]
        channel_name: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] account: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Role2")] role: JsValue,
        #[wasm_bindgen(js_name = tokenExpire, unchecked_param_type = "number")]
        token_expire: JsValue,
        #[wasm_bindgen(js_name = privilegeExpire, unchecked_param_type = "number")]
        privilege_expire: Option<JsValue>,
        #[wasm_bindgen(unchecked_param_type = "Reproducible")] reproducible: Option<JsValue>,
    ) -> JsResult<String> {
        sign(&app_id, &app_certificate, || {
            let channel = text(ErrorKind::InvalidChannelName, "channelName", &channel_name)?;
            let user = RtcUser::Account(text(ErrorKind::InvalidField, "account", &account)?);
            let role = role007(&role)?;
            let token_expire = seconds("tokenExpire", &token_expire)?;
            let privilege_expire = seconds_or_zero("privilegeExpire", &privilege_expire)?;
            let issue = self::reproducible(&reproducible)?;
            Ok(builders::rtc_rtm(
                issue,
                &channel,
                &user,
                role,
                token_expire,
                privilege_expire,
            ))
        })
    }

    /// RTC plus RTM with separate users and lifetimes; publish privileges only for a
    /// publisher.
    #[wasm_bindgen(js_name = buildTokenWithRtm2, unchecked_return_type = "string")]
    pub fn build_token_with_rtm2(
        #[wasm_bindgen(js_name = appId, unchecked_param_type = "string")] app_id: JsValue,
        #[wasm_bindgen(js_name = appCertificate, unchecked_param_type = "string")] app_certificate: JsValue,
        #[wasm_bindgen(js_name = channelName, unchecked_param_type = "string")]
        channel_name: JsValue,
        #[wasm_bindgen(js_name = rtcAccount, unchecked_param_type = "string")] rtc_account: JsValue,
        #[wasm_bindgen(js_name = rtcRole, unchecked_param_type = "Role2")] rtc_role: JsValue,
        #[wasm_bindgen(js_name = rtcTokenExpire, unchecked_param_type = "number")] rtc_token_expire: JsValue,
        #[wasm_bindgen(js_name = joinChannelPrivilegeExpire, unchecked_param_type = "number")] join: JsValue,
        #[wasm_bindgen(js_name = pubAudioPrivilegeExpire, unchecked_param_type = "number")]
        audio: JsValue,
        #[wasm_bindgen(js_name = pubVideoPrivilegeExpire, unchecked_param_type = "number")]
        video: JsValue,
        #[wasm_bindgen(js_name = pubDataStreamPrivilegeExpire, unchecked_param_type = "number")]
        data: JsValue,
        #[wasm_bindgen(js_name = rtmUserId, unchecked_param_type = "string")] rtm_user_id: JsValue,
        #[wasm_bindgen(js_name = rtmTokenExpire, unchecked_param_type = "number")] rtm_token_expire: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Reproducible")] reproducible: Option<JsValue>,
    ) -> JsResult<String> {
        sign(&app_id, &app_certificate, || {
            let p = RtcRtm2 {
                channel_name: text(ErrorKind::InvalidChannelName, "channelName", &channel_name)?,
                rtc_user: RtcUser::Account(text(
                    ErrorKind::InvalidField,
                    "rtcAccount",
                    &rtc_account,
                )?),
                role: role007(&rtc_role)?,
                rtc_token_expire: seconds("rtcTokenExpire", &rtc_token_expire)?,
                privileges: privilege_set([&join, &audio, &video, &data])?,
                rtm_user_id: text(ErrorKind::InvalidField, "rtmUserId", &rtm_user_id)?,
                rtm_token_expire: seconds("rtmTokenExpire", &rtm_token_expire)?,
            };
            Ok(builders::rtc_rtm2(self::reproducible(&reproducible)?, &p))
        })
    }
}

fn rtc007(
    channel_name: &JsValue,
    user: &RtcUser,
    role: &JsValue,
    token_expire: &JsValue,
    privilege_expire: &Option<JsValue>,
    repro: &Option<JsValue>,
) -> Result<AccessToken2> {
    let channel = text(ErrorKind::InvalidChannelName, "channelName", channel_name)?;
    let role = role007(role)?;
    let token_expire = seconds("tokenExpire", token_expire)?;
    let privilege_expire = seconds_or_zero("privilegeExpire", privilege_expire)?;
    let issue = reproducible(repro)?;
    Ok(builders::rtc(
        issue,
        &channel,
        user,
        role,
        token_expire,
        privilege_expire,
    ))
}

fn privilege_set(v: [&JsValue; 4]) -> Result<RtcPrivilegeExpiries> {
    let [join, audio, video, data] = v;
    Ok(RtcPrivilegeExpiries {
        join_channel: seconds("joinChannelPrivilegeExpire", join)?,
        publish_audio: seconds("pubAudioPrivilegeExpire", audio)?,
        publish_video: seconds("pubVideoPrivilegeExpire", video)?,
        publish_data: seconds("pubDataStreamPrivilegeExpire", data)?,
    })
}

fn rtc007_privileges(
    channel_name: &JsValue,
    user: &RtcUser,
    token_expire: &JsValue,
    privileges: [&JsValue; 4],
    repro: &Option<JsValue>,
) -> Result<AccessToken2> {
    let channel = text(ErrorKind::InvalidChannelName, "channelName", channel_name)?;
    let token_expire = seconds("tokenExpire", token_expire)?;
    let p = privilege_set(privileges)?;
    let issue = reproducible(repro)?;
    Ok(builders::rtc_with_privileges(
        issue,
        &channel,
        user,
        token_expire,
        &p,
    ))
}

/// 007 RTM tokens, as npm `agora-token`'s `RtmTokenBuilder`.
#[wasm_bindgen]
#[derive(Debug)]
pub struct RtmTokenBuilder2 {
    _private: (),
}

/// Reads npm `agora-token`'s `Rtm2Permissions` (`{ details: { [resourceType]: {
/// [permissionType]: string[] } } }`), or the named form
/// `{ messageChannels: { read: [...] }, … }`.
fn rtm2_permissions(v: &JsValue) -> Result<Permissions> {
    if !v.is_object() {
        return Err(args::wrong_type(
            ErrorKind::InvalidField,
            "permissions",
            "an Rtm2Permissions object",
            v,
        ));
    }
    let details = js_sys::Reflect::get(v, &JsValue::from_str("details"))
        .map_err(|_| Error::new(ErrorKind::InvalidField, "permissions", "could not be read"))?;
    if details.is_undefined() {
        return named_permissions(v);
    }
    let bad = || {
        Error::new(
            ErrorKind::InvalidField,
            "permissions",
            "details must map resource type (0-4) to permission type (0-1) to an array of strings",
        )
    };
    if !details.is_object() {
        return Err(bad());
    }
    let mut out = Permissions::new();
    for entry in Object::entries(details.unchecked_ref::<Object>()).iter() {
        let pair: js_sys::Array = entry.unchecked_into();
        let res = pair
            .get(0)
            .as_string()
            .and_then(|k| k.parse::<u16>().ok())
            .and_then(ResourceType::from_id)
            .ok_or_else(bad)?;
        let kinds = pair.get(1);
        if !kinds.is_object() {
            return Err(bad());
        }
        let mut map = BTreeMap::new();
        for inner in Object::entries(kinds.unchecked_ref::<Object>()).iter() {
            let pair: js_sys::Array = inner.unchecked_into();
            let kind = pair
                .get(0)
                .as_string()
                .and_then(|k| k.parse::<u16>().ok())
                .and_then(PermissionType::from_id)
                .ok_or_else(bad)?;
            map.insert(
                kind,
                args::string_array(ErrorKind::InvalidField, "permissions", &pair.get(1))?,
            );
        }
        out.insert(res, map);
    }
    Ok(out)
}

#[wasm_bindgen]
impl RtmTokenBuilder2 {
    /// RTM login for `expire` seconds.
    #[wasm_bindgen(js_name = buildToken, unchecked_return_type = "string")]
    pub fn build_token(
        #[wasm_bindgen(js_name = appId, unchecked_param_type = "string")] app_id: JsValue,
        #[wasm_bindgen(js_name = appCertificate, unchecked_param_type = "string")] app_certificate: JsValue,
        #[wasm_bindgen(js_name = userId, unchecked_param_type = "string")] user_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] expire: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Reproducible")] reproducible: Option<JsValue>,
    ) -> JsResult<String> {
        sign(&app_id, &app_certificate, || {
            let user_id = text(ErrorKind::InvalidField, "userId", &user_id)?;
            let expire = seconds("expire", &expire)?;
            Ok(builders::rtm(
                self::reproducible(&reproducible)?,
                &user_id,
                expire,
            ))
        })
    }

    /// RTM login with resource permissions (service 8). `permissions` is npm
    /// `agora-token`'s `Rtm2Permissions` (anything with its `details` shape) or the named
    /// form `{ messageChannels: { read: [...] }, … }`.
    #[wasm_bindgen(js_name = buildTokenWithPermissions, unchecked_return_type = "string")]
    pub fn build_token_with_permissions(
        #[wasm_bindgen(js_name = appId, unchecked_param_type = "string")] app_id: JsValue,
        #[wasm_bindgen(js_name = appCertificate, unchecked_param_type = "string")] app_certificate: JsValue,
        #[wasm_bindgen(js_name = userId, unchecked_param_type = "string")] user_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Rtm2PermissionsLike | RtmPermissions")] permissions: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] expire: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Reproducible")] reproducible: Option<JsValue>,
    ) -> JsResult<String> {
        sign(&app_id, &app_certificate, || {
            let user_id = text(ErrorKind::InvalidField, "userId", &user_id)?;
            let permissions = rtm2_permissions(&permissions)?;
            let expire = seconds("expire", &expire)?;
            Ok(builders::rtm_with_permissions(
                self::reproducible(&reproducible)?,
                &user_id,
                permissions,
                expire,
            ))
        })
    }
}

/// 007 Chat tokens, as npm `agora-token`'s `ChatTokenBuilder`.
#[wasm_bindgen]
#[derive(Debug)]
pub struct ChatTokenBuilder2 {
    _private: (),
}

#[wasm_bindgen]
impl ChatTokenBuilder2 {
    /// A Chat user token for `expire` seconds.
    #[wasm_bindgen(js_name = buildUserToken, unchecked_return_type = "string")]
    pub fn build_user_token(
        #[wasm_bindgen(js_name = appId, unchecked_param_type = "string")] app_id: JsValue,
        #[wasm_bindgen(js_name = appCertificate, unchecked_param_type = "string")] app_certificate: JsValue,
        #[wasm_bindgen(js_name = userUuid, unchecked_param_type = "string")] user_uuid: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] expire: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Reproducible")] reproducible: Option<JsValue>,
    ) -> JsResult<String> {
        sign(&app_id, &app_certificate, || {
            let user = text(ErrorKind::InvalidField, "userUuid", &user_uuid)?;
            let expire = seconds("expire", &expire)?;
            Ok(builders::chat_user(
                self::reproducible(&reproducible)?,
                &user,
                expire,
            ))
        })
    }

    /// A Chat app token for `expire` seconds.
    #[wasm_bindgen(js_name = buildAppToken, unchecked_return_type = "string")]
    pub fn build_app_token(
        #[wasm_bindgen(js_name = appId, unchecked_param_type = "string")] app_id: JsValue,
        #[wasm_bindgen(js_name = appCertificate, unchecked_param_type = "string")] app_certificate: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] expire: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Reproducible")] reproducible: Option<JsValue>,
    ) -> JsResult<String> {
        sign(&app_id, &app_certificate, || {
            let expire = seconds("expire", &expire)?;
            Ok(builders::chat_app(
                self::reproducible(&reproducible)?,
                expire,
            ))
        })
    }
}

/// 007 FPA tokens, as npm `agora-token`'s `FpaTokenBuilder`.
#[wasm_bindgen]
#[derive(Debug)]
pub struct FpaTokenBuilder2 {
    _private: (),
}

#[wasm_bindgen]
impl FpaTokenBuilder2 {
    /// An FPA token (24 hours).
    #[wasm_bindgen(js_name = buildToken, unchecked_return_type = "string")]
    pub fn build_token(
        #[wasm_bindgen(js_name = appId, unchecked_param_type = "string")] app_id: JsValue,
        #[wasm_bindgen(js_name = appCertificate, unchecked_param_type = "string")] app_certificate: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Reproducible")] reproducible: Option<JsValue>,
    ) -> JsResult<String> {
        sign(&app_id, &app_certificate, || {
            Ok(builders::fpa(self::reproducible(&reproducible)?))
        })
    }
}

fn apaas_room_user(
    room_uuid: &JsValue,
    user_uuid: &JsValue,
    role: &JsValue,
    expire: &JsValue,
    repro: &Option<JsValue>,
) -> Result<AccessToken2> {
    let room = text(ErrorKind::InvalidField, "roomUuid", room_uuid)?;
    let user = text(ErrorKind::InvalidField, "userUuid", user_uuid)?;
    let role = args::i16_value(ErrorKind::InvalidRole, "role", role)?;
    let expire = seconds("expire", expire)?;
    Ok(builders::apaas_room_user(
        reproducible(repro)?,
        &room,
        &user,
        role,
        expire,
    ))
}

fn apaas_user(
    user_uuid: &JsValue,
    expire: &JsValue,
    repro: &Option<JsValue>,
) -> Result<AccessToken2> {
    let user = text(ErrorKind::InvalidField, "userUuid", user_uuid)?;
    let expire = seconds("expire", expire)?;
    Ok(builders::apaas_user(reproducible(repro)?, &user, expire))
}

fn apaas_app(expire: &JsValue, repro: &Option<JsValue>) -> Result<AccessToken2> {
    let expire = seconds("expire", expire)?;
    Ok(builders::apaas_app(reproducible(repro)?, expire))
}

macro_rules! apaas_class {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[wasm_bindgen]
        #[derive(Debug)]
        pub struct $name {
            _private: (),
        }

        #[wasm_bindgen]
        impl $name {
            /// A room-user token: APaaS{roomUser} + RTM{login} + Chat(md5(userUuid)){user},
            /// all for `expire` seconds. (npm `agora-token` leaves the APaaS privilege
            /// out; the official vectors and the other references include it.)
            #[wasm_bindgen(js_name = buildRoomUserToken, unchecked_return_type = "string")]
            pub fn build_room_user_token(
                #[wasm_bindgen(js_name = appId, unchecked_param_type = "string")] app_id: JsValue,
                #[wasm_bindgen(js_name = appCertificate, unchecked_param_type = "string")] app_certificate: JsValue,
                #[wasm_bindgen(js_name = roomUuid, unchecked_param_type = "string")] room_uuid: JsValue,
                #[wasm_bindgen(js_name = userUuid, unchecked_param_type = "string")] user_uuid: JsValue,
                #[wasm_bindgen(unchecked_param_type = "number")] role: JsValue,
                #[wasm_bindgen(unchecked_param_type = "number")] expire: JsValue,
                #[wasm_bindgen(unchecked_param_type = "Reproducible")] reproducible: Option<JsValue>,
            ) -> JsResult<String> {
                sign(&app_id, &app_certificate, || apaas_room_user(&room_uuid, &user_uuid, &role, &expire, &reproducible))
            }

            /// A user token for `expire` seconds.
            #[wasm_bindgen(js_name = buildUserToken, unchecked_return_type = "string")]
            pub fn build_user_token(
                #[wasm_bindgen(js_name = appId, unchecked_param_type = "string")] app_id: JsValue,
                #[wasm_bindgen(js_name = appCertificate, unchecked_param_type = "string")] app_certificate: JsValue,
                #[wasm_bindgen(js_name = userUuid, unchecked_param_type = "string")] user_uuid: JsValue,
                #[wasm_bindgen(unchecked_param_type = "number")] expire: JsValue,
                #[wasm_bindgen(unchecked_param_type = "Reproducible")] reproducible: Option<JsValue>,
            ) -> JsResult<String> {
                sign(&app_id, &app_certificate, || apaas_user(&user_uuid, &expire, &reproducible))
            }

            /// An app token for `expire` seconds.
            #[wasm_bindgen(js_name = buildAppToken, unchecked_return_type = "string")]
            pub fn build_app_token(
                #[wasm_bindgen(js_name = appId, unchecked_param_type = "string")] app_id: JsValue,
                #[wasm_bindgen(js_name = appCertificate, unchecked_param_type = "string")] app_certificate: JsValue,
                #[wasm_bindgen(unchecked_param_type = "number")] expire: JsValue,
                #[wasm_bindgen(unchecked_param_type = "Reproducible")] reproducible: Option<JsValue>,
            ) -> JsResult<String> {
                sign(&app_id, &app_certificate, || apaas_app(&expire, &reproducible))
            }
        }
    };
}

apaas_class! {
    /// 007 APaaS tokens, as npm `agora-token`'s `ApaasTokenBuilder`.
    ApaasTokenBuilder2
}

apaas_class! {
    /// 007 Education (Flexible Classroom) tokens, as npm `agora-token`'s
    /// `EducationTokenBuilder` (the same tokens as `ApaasTokenBuilder2`).
    EducationTokenBuilder2
}
