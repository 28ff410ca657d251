//! Agora's python3 007 builders, as PyPI `agoraiotools` 0.3.4 names them:
//! `RtcTokenBuilder2`, `RtmTokenBuilder2`, `ChatTokenBuilder2`, `ApaasTokenBuilder`,
//! `EducationTokenBuilder` and `FpaTokenBuilder`, with their method names and argument
//! orders. Lifetimes are seconds after the issue time.
//!
//! Each method also takes keyword-only `issued_at` and `salt` to pin the issue time and the
//! salt (default: now and a random salt).

#![allow(clippy::too_many_arguments)]

use pyo3::prelude::*;

use crate::args;
use crate::core::{
    builders, issue, AccessToken2, ErrorKind, Field, Issue, RtcPrivilegeExpiries, RtcRole, RtcRtm2,
    RtcUser,
};
use crate::error::check;
use crate::gil::core_call;

type Arg<'a, 'py> = &'a Bound<'py, PyAny>;
type OptArg<'a, 'py> = Option<&'a Bound<'py, PyAny>>;

/// Reads the credentials and pins, then builds and signs the claims `make` returns.
fn sign(
    py: Python<'_>,
    app_id: Arg<'_, '_>,
    certificate: Arg<'_, '_>,
    issued_at: OptArg<'_, '_>,
    salt: OptArg<'_, '_>,
    make: impl FnOnce(Issue) -> AccessToken2 + Send,
) -> PyResult<String> {
    let app_id = check(args::app_id(app_id))?;
    let certificate = check(args::certificate(certificate))?;
    let issued_at = check(args::opt_u32(
        issued_at,
        ErrorKind::InvalidExpiry,
        Field::IssuedAt,
    ))?;
    let salt = check(args::opt_u32(salt, ErrorKind::InvalidSalt, Field::Salt))?;
    check(core_call(py, || {
        let creds = crate::creds::credentials(&app_id, &certificate)?;
        make(issue(issued_at, salt)?).build(&creds)
    }))
}

fn text(obj: Arg<'_, '_>, field: Field) -> PyResult<String> {
    check(args::text(obj, ErrorKind::InvalidField, field).map(|s| s.into_owned()))
}

fn channel(obj: Arg<'_, '_>) -> PyResult<String> {
    check(
        args::text(obj, ErrorKind::InvalidChannelName, Field::ChannelName).map(|s| s.into_owned()),
    )
}

fn seconds(obj: Arg<'_, '_>, field: Field) -> PyResult<u32> {
    check(args::u32_arg(obj, ErrorKind::InvalidExpiry, field))
}

/// A token lifetime, checked by the core's rule under the argument's own name (the token's
/// own check names its header `expire`).
fn token_seconds(obj: Arg<'_, '_>, field: Field) -> PyResult<u32> {
    let s = seconds(obj, field)?;
    check(crate::core::relative_seconds(field, s, 1)).map(|()| s)
}

fn rtc_role(obj: Arg<'_, '_>) -> PyResult<RtcRole> {
    check(args::role_id(obj).and_then(RtcRole::from_id))
}

fn user(obj: Arg<'_, '_>, field: Field) -> PyResult<RtcUser> {
    check(args::official_user(obj, field))
}

fn privileges(
    join: Arg<'_, '_>,
    audio: Arg<'_, '_>,
    video: Arg<'_, '_>,
    data: Arg<'_, '_>,
) -> PyResult<RtcPrivilegeExpiries> {
    Ok(RtcPrivilegeExpiries {
        join_channel: seconds(join, Field::JoinChannelPrivilegeExpire)?,
        publish_audio: seconds(audio, Field::PubAudioPrivilegeExpire)?,
        publish_video: seconds(video, Field::PubVideoPrivilegeExpire)?,
        publish_data: seconds(data, Field::PubDataStreamPrivilegeExpire)?,
    })
}

fn apaas_role(obj: Arg<'_, '_>) -> PyResult<i16> {
    check(args::i16_arg(obj, ErrorKind::InvalidRole, Field::Role))
}

/// `agoraiotools.RtcTokenBuilder2`: RTC tokens, alone or with RTM.
#[pyclass(module = "agora_token", frozen)]
pub struct RtcTokenBuilder2;

#[pymethods]
impl RtcTokenBuilder2 {
    /// An RTC token for an int uid (0 = any user); `role` is `Role_Publisher` or
    /// `Role_Subscriber`.
    #[staticmethod]
    #[pyo3(signature = (app_id, app_certificate, channel_name, uid, role, token_expire, privilege_expire=None, *, issued_at=None, salt=None))]
    fn build_token_with_uid(
        py: Python<'_>,
        app_id: Arg<'_, '_>,
        app_certificate: Arg<'_, '_>,
        channel_name: Arg<'_, '_>,
        uid: Arg<'_, '_>,
        role: Arg<'_, '_>,
        token_expire: Arg<'_, '_>,
        privilege_expire: OptArg<'_, '_>,
        issued_at: OptArg<'_, '_>,
        salt: OptArg<'_, '_>,
    ) -> PyResult<String> {
        Self::rtc(
            py,
            app_id,
            app_certificate,
            channel_name,
            user(uid, Field::Uid)?,
            role,
            token_expire,
            privilege_expire,
            issued_at,
            salt,
        )
    }

    /// An RTC token for a str account; otherwise like `build_token_with_uid`.
    #[staticmethod]
    #[pyo3(signature = (app_id, app_certificate, channel_name, account, role, token_expire, privilege_expire=None, *, issued_at=None, salt=None))]
    fn build_token_with_user_account(
        py: Python<'_>,
        app_id: Arg<'_, '_>,
        app_certificate: Arg<'_, '_>,
        channel_name: Arg<'_, '_>,
        account: Arg<'_, '_>,
        role: Arg<'_, '_>,
        token_expire: Arg<'_, '_>,
        privilege_expire: OptArg<'_, '_>,
        issued_at: OptArg<'_, '_>,
        salt: OptArg<'_, '_>,
    ) -> PyResult<String> {
        Self::rtc(
            py,
            app_id,
            app_certificate,
            channel_name,
            user(account, Field::Account)?,
            role,
            token_expire,
            privilege_expire,
            issued_at,
            salt,
        )
    }

    /// An RTC token with the four privilege lifetimes, whatever the role.
    #[staticmethod]
    #[pyo3(signature = (app_id, app_certificate, channel_name, uid, token_expire, join_channel_privilege_expire, pub_audio_privilege_expire, pub_video_privilege_expire, pub_data_stream_privilege_expire, *, issued_at=None, salt=None))]
    fn build_token_with_uid_and_privilege(
        py: Python<'_>,
        app_id: Arg<'_, '_>,
        app_certificate: Arg<'_, '_>,
        channel_name: Arg<'_, '_>,
        uid: Arg<'_, '_>,
        token_expire: Arg<'_, '_>,
        join_channel_privilege_expire: Arg<'_, '_>,
        pub_audio_privilege_expire: Arg<'_, '_>,
        pub_video_privilege_expire: Arg<'_, '_>,
        pub_data_stream_privilege_expire: Arg<'_, '_>,
        issued_at: OptArg<'_, '_>,
        salt: OptArg<'_, '_>,
    ) -> PyResult<String> {
        let channel = channel(channel_name)?;
        let user = user(uid, Field::Uid)?;
        let expire = token_seconds(token_expire, Field::TokenExpire)?;
        let p = privileges(
            join_channel_privilege_expire,
            pub_audio_privilege_expire,
            pub_video_privilege_expire,
            pub_data_stream_privilege_expire,
        )?;
        sign(py, app_id, app_certificate, issued_at, salt, |issue| {
            builders::rtc_with_privileges(issue, &channel, &user, expire, &p)
        })
    }

    /// Like `build_token_with_uid_and_privilege`, for a str account.
    #[staticmethod]
    #[pyo3(signature = (app_id, app_certificate, channel_name, account, token_expire, join_channel_privilege_expire, pub_audio_privilege_expire, pub_video_privilege_expire, pub_data_stream_privilege_expire, *, issued_at=None, salt=None))]
    fn build_token_with_user_account_and_privilege(
        py: Python<'_>,
        app_id: Arg<'_, '_>,
        app_certificate: Arg<'_, '_>,
        channel_name: Arg<'_, '_>,
        account: Arg<'_, '_>,
        token_expire: Arg<'_, '_>,
        join_channel_privilege_expire: Arg<'_, '_>,
        pub_audio_privilege_expire: Arg<'_, '_>,
        pub_video_privilege_expire: Arg<'_, '_>,
        pub_data_stream_privilege_expire: Arg<'_, '_>,
        issued_at: OptArg<'_, '_>,
        salt: OptArg<'_, '_>,
    ) -> PyResult<String> {
        let channel = channel(channel_name)?;
        let user = user(account, Field::Account)?;
        let expire = token_seconds(token_expire, Field::TokenExpire)?;
        let p = privileges(
            join_channel_privilege_expire,
            pub_audio_privilege_expire,
            pub_video_privilege_expire,
            pub_data_stream_privilege_expire,
        )?;
        sign(py, app_id, app_certificate, issued_at, salt, |issue| {
            builders::rtc_with_privileges(issue, &channel, &user, expire, &p)
        })
    }

    /// RTC plus RTM login for the same account; the RTM login lasts `token_expire`.
    #[staticmethod]
    #[pyo3(signature = (app_id, app_certificate, channel_name, account, role, token_expire, privilege_expire=None, *, issued_at=None, salt=None))]
    fn build_token_with_rtm(
        py: Python<'_>,
        app_id: Arg<'_, '_>,
        app_certificate: Arg<'_, '_>,
        channel_name: Arg<'_, '_>,
        account: Arg<'_, '_>,
        role: Arg<'_, '_>,
        token_expire: Arg<'_, '_>,
        privilege_expire: OptArg<'_, '_>,
        issued_at: OptArg<'_, '_>,
        salt: OptArg<'_, '_>,
    ) -> PyResult<String> {
        let channel = channel(channel_name)?;
        let user = user(account, Field::Account)?;
        let role = rtc_role(role)?;
        let expire = token_seconds(token_expire, Field::TokenExpire)?;
        let privilege = Self::privilege_expire(privilege_expire)?;
        sign(py, app_id, app_certificate, issued_at, salt, |issue| {
            builders::rtc_rtm(issue, &channel, &user, role, expire, privilege)
        })
    }

    /// RTC (with the four privilege lifetimes, publish ones for a publisher only) plus RTM
    /// login for `rtm_user_id`, each with its own lifetime.
    #[staticmethod]
    #[pyo3(signature = (app_id, app_certificate, channel_name, rtc_account, rtc_role, rtc_token_expire, join_channel_privilege_expire, pub_audio_privilege_expire, pub_video_privilege_expire, pub_data_stream_privilege_expire, rtm_user_id, rtm_token_expire, *, issued_at=None, salt=None))]
    fn build_token_with_rtm2(
        py: Python<'_>,
        app_id: Arg<'_, '_>,
        app_certificate: Arg<'_, '_>,
        channel_name: Arg<'_, '_>,
        rtc_account: Arg<'_, '_>,
        rtc_role: Arg<'_, '_>,
        rtc_token_expire: Arg<'_, '_>,
        join_channel_privilege_expire: Arg<'_, '_>,
        pub_audio_privilege_expire: Arg<'_, '_>,
        pub_video_privilege_expire: Arg<'_, '_>,
        pub_data_stream_privilege_expire: Arg<'_, '_>,
        rtm_user_id: Arg<'_, '_>,
        rtm_token_expire: Arg<'_, '_>,
        issued_at: OptArg<'_, '_>,
        salt: OptArg<'_, '_>,
    ) -> PyResult<String> {
        let p = RtcRtm2 {
            channel_name: channel(channel_name)?,
            rtc_user: user(rtc_account, Field::RtcAccount)?,
            role: self::rtc_role(rtc_role)?,
            rtc_token_expire: token_seconds(rtc_token_expire, Field::RtcTokenExpire)?,
            privileges: privileges(
                join_channel_privilege_expire,
                pub_audio_privilege_expire,
                pub_video_privilege_expire,
                pub_data_stream_privilege_expire,
            )?,
            rtm_user_id: text(rtm_user_id, Field::RtmUserId)?,
            rtm_token_expire: seconds(rtm_token_expire, Field::RtmTokenExpire)?,
        };
        sign(py, app_id, app_certificate, issued_at, salt, |issue| {
            builders::rtc_rtm2(issue, &p)
        })
    }
}

impl RtcTokenBuilder2 {
    /// `privilege_expire`, 0 when absent (as in the official builder).
    fn privilege_expire(obj: OptArg<'_, '_>) -> PyResult<u32> {
        Ok(check(args::opt_u32(
            obj,
            ErrorKind::InvalidExpiry,
            Field::PrivilegeExpire,
        ))?
        .unwrap_or(0))
    }

    fn rtc(
        py: Python<'_>,
        app_id: Arg<'_, '_>,
        app_certificate: Arg<'_, '_>,
        channel_name: Arg<'_, '_>,
        user: RtcUser,
        role: Arg<'_, '_>,
        token_expire: Arg<'_, '_>,
        privilege_expire: OptArg<'_, '_>,
        issued_at: OptArg<'_, '_>,
        salt: OptArg<'_, '_>,
    ) -> PyResult<String> {
        let channel = channel(channel_name)?;
        let role = rtc_role(role)?;
        let expire = token_seconds(token_expire, Field::TokenExpire)?;
        let privilege = Self::privilege_expire(privilege_expire)?;
        sign(py, app_id, app_certificate, issued_at, salt, |issue| {
            builders::rtc(issue, &channel, &user, role, expire, privilege)
        })
    }
}

/// `agoraiotools.RtmTokenBuilder2`: RTM login tokens.
#[pyclass(module = "agora_token", frozen)]
pub struct RtmTokenBuilder2;

#[pymethods]
impl RtmTokenBuilder2 {
    /// An RTM token for `user_id`; login and token both last `expire` seconds.
    #[staticmethod]
    #[pyo3(signature = (app_id, app_certificate, user_id, expire, *, issued_at=None, salt=None))]
    fn build_token(
        py: Python<'_>,
        app_id: Arg<'_, '_>,
        app_certificate: Arg<'_, '_>,
        user_id: Arg<'_, '_>,
        expire: Arg<'_, '_>,
        issued_at: OptArg<'_, '_>,
        salt: OptArg<'_, '_>,
    ) -> PyResult<String> {
        let user_id = text(user_id, Field::UserId)?;
        let expire = seconds(expire, Field::Expire)?;
        sign(py, app_id, app_certificate, issued_at, salt, |issue| {
            builders::rtm(issue, &user_id, expire)
        })
    }

    /// An RTM2 token with resource permissions (service 8) for `user_id` (`""`: any user);
    /// `permissions` is an `agora_token.ServiceRtm2.Permissions` (Agora's python3 shape) or
    /// its `details` dict; login and token both last `expire` seconds.
    #[staticmethod]
    #[pyo3(signature = (app_id, app_certificate, user_id, permissions, expire=None, *, issued_at=None, salt=None))]
    fn build_token_with_permissions(
        py: Python<'_>,
        app_id: Arg<'_, '_>,
        app_certificate: Arg<'_, '_>,
        user_id: Arg<'_, '_>,
        permissions: Arg<'_, '_>,
        expire: OptArg<'_, '_>,
        issued_at: OptArg<'_, '_>,
        salt: OptArg<'_, '_>,
    ) -> PyResult<String> {
        let user_id = text(user_id, Field::UserId)?;
        let permissions = check(args::permissions(permissions))?;
        let expire = match expire {
            Some(e) => seconds(e, Field::Expire)?,
            None => 0,
        };
        sign(py, app_id, app_certificate, issued_at, salt, |issue| {
            builders::rtm_with_permissions(issue, &user_id, permissions, expire)
        })
    }
}

/// `agoraiotools.ChatTokenBuilder2`: Chat user and app tokens.
#[pyclass(module = "agora_token", frozen)]
pub struct ChatTokenBuilder2;

#[pymethods]
impl ChatTokenBuilder2 {
    /// A Chat user token for `user_id`.
    #[staticmethod]
    #[pyo3(signature = (app_id, app_certificate, user_id, expire, *, issued_at=None, salt=None))]
    fn build_user_token(
        py: Python<'_>,
        app_id: Arg<'_, '_>,
        app_certificate: Arg<'_, '_>,
        user_id: Arg<'_, '_>,
        expire: Arg<'_, '_>,
        issued_at: OptArg<'_, '_>,
        salt: OptArg<'_, '_>,
    ) -> PyResult<String> {
        let user_id = text(user_id, Field::UserId)?;
        let expire = seconds(expire, Field::Expire)?;
        sign(py, app_id, app_certificate, issued_at, salt, |issue| {
            builders::chat_user(issue, &user_id, expire)
        })
    }

    /// A Chat app token.
    #[staticmethod]
    #[pyo3(signature = (app_id, app_certificate, expire, *, issued_at=None, salt=None))]
    fn build_app_token(
        py: Python<'_>,
        app_id: Arg<'_, '_>,
        app_certificate: Arg<'_, '_>,
        expire: Arg<'_, '_>,
        issued_at: OptArg<'_, '_>,
        salt: OptArg<'_, '_>,
    ) -> PyResult<String> {
        let expire = seconds(expire, Field::Expire)?;
        sign(py, app_id, app_certificate, issued_at, salt, |issue| {
            builders::chat_app(issue, expire)
        })
    }
}

/// `agoraiotools.ApaasTokenBuilder`: APaaS room-user, user and app tokens.
#[pyclass(module = "agora_token", frozen, subclass)]
pub struct ApaasTokenBuilder;

#[pymethods]
impl ApaasTokenBuilder {
    /// A room-user token: APaaS room user, RTM login for `user_uuid` and Chat user
    /// `md5(user_uuid)`, all for `expire` seconds.
    #[staticmethod]
    #[pyo3(signature = (app_id, app_certificate, room_uuid, user_uuid, role, expire, *, issued_at=None, salt=None))]
    fn build_room_user_token(
        py: Python<'_>,
        app_id: Arg<'_, '_>,
        app_certificate: Arg<'_, '_>,
        room_uuid: Arg<'_, '_>,
        user_uuid: Arg<'_, '_>,
        role: Arg<'_, '_>,
        expire: Arg<'_, '_>,
        issued_at: OptArg<'_, '_>,
        salt: OptArg<'_, '_>,
    ) -> PyResult<String> {
        let room = text(room_uuid, Field::RoomUuid)?;
        let user = text(user_uuid, Field::UserUuid)?;
        let role = apaas_role(role)?;
        let expire = seconds(expire, Field::Expire)?;
        sign(py, app_id, app_certificate, issued_at, salt, |issue| {
            builders::apaas_room_user(issue, &room, &user, role, expire)
        })
    }

    /// A user token for `user_uuid`.
    #[staticmethod]
    #[pyo3(signature = (app_id, app_certificate, user_uuid, expire, *, issued_at=None, salt=None))]
    fn build_user_token(
        py: Python<'_>,
        app_id: Arg<'_, '_>,
        app_certificate: Arg<'_, '_>,
        user_uuid: Arg<'_, '_>,
        expire: Arg<'_, '_>,
        issued_at: OptArg<'_, '_>,
        salt: OptArg<'_, '_>,
    ) -> PyResult<String> {
        let user = text(user_uuid, Field::UserUuid)?;
        let expire = seconds(expire, Field::Expire)?;
        sign(py, app_id, app_certificate, issued_at, salt, |issue| {
            builders::apaas_user(issue, &user, expire)
        })
    }

    /// An app token.
    #[staticmethod]
    #[pyo3(signature = (app_id, app_certificate, expire, *, issued_at=None, salt=None))]
    fn build_app_token(
        py: Python<'_>,
        app_id: Arg<'_, '_>,
        app_certificate: Arg<'_, '_>,
        expire: Arg<'_, '_>,
        issued_at: OptArg<'_, '_>,
        salt: OptArg<'_, '_>,
    ) -> PyResult<String> {
        let expire = seconds(expire, Field::Expire)?;
        sign(py, app_id, app_certificate, issued_at, salt, |issue| {
            builders::apaas_app(issue, expire)
        })
    }
}

/// `agoraiotools.EducationTokenBuilder`: the same tokens as `ApaasTokenBuilder`.
#[pyclass(module = "agora_token", frozen, extends = ApaasTokenBuilder)]
pub struct EducationTokenBuilder;

/// `agoraiotools.FpaTokenBuilder`: FPA tokens (24 hours).
#[pyclass(module = "agora_token", frozen)]
pub struct FpaTokenBuilder;

#[pymethods]
impl FpaTokenBuilder {
    /// An FPA token, valid for 24 hours.
    #[staticmethod]
    #[pyo3(signature = (app_id, app_certificate, *, issued_at=None, salt=None))]
    fn build_token(
        py: Python<'_>,
        app_id: Arg<'_, '_>,
        app_certificate: Arg<'_, '_>,
        issued_at: OptArg<'_, '_>,
        salt: OptArg<'_, '_>,
    ) -> PyResult<String> {
        sign(py, app_id, app_certificate, issued_at, salt, builders::fpa)
    }
}
