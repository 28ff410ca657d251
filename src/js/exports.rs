//! The builders behind the drop-in classes, with positional, already type-checked
//! arguments.
//!
//! The drop-in classes (`RtcTokenBuilder`, `RtcTokenBuilder2`, …, `pkg-template/js/dropins.js`)
//! keep the official packages' positional signatures: they check the JavaScript types of
//! the arguments (a string is a string, a number is an integer in range) and pass
//! primitives here. Every value rule (channel-name set, lengths, expiry and salt ranges,
//! roles) is still the core's, applied here.
//!
//! The codes of the arguments (`user_kind`, `life_kind`, `preset`) are those of
//! [`super::boundary`] (documented in `docs/js-boundary.md`); `issued_at` / `salt`: `None` =
//! from the clock / the CSPRNG.

// The builders mirror the official signatures, which have up to 12 positional arguments.
#![allow(clippy::too_many_arguments)]

use wasm_bindgen::prelude::*;

use super::boundary::{LifeKind, Preset, UserKind};
use super::creds::credentials;
use super::error::{js, JsOut};
use crate::builders::{self, RtcPrivilegeExpiries, RtcRole, RtcRtm2, RtcUser};
use crate::clock::Issue;
use crate::error::{Error, ErrorKind, Field, Result};
use crate::options::{self, Expiry, RtcOptions, Version};
use crate::v006;
use crate::v007::AccessToken2;
use crate::validate;

/// The RTC user of `kind` ([`UserKind`]): a builder needs one.
#[inline(never)]
pub(super) fn user(kind: u8, uid: u32, text: String) -> Result<RtcUser> {
    match UserKind::from_code(kind)? {
        UserKind::Uid => Ok(RtcUser::Uid(uid)),
        UserKind::UidText => validate::parse_canonical_uid(Field::Uid, &text).map(RtcUser::Uid),
        UserKind::Account => RtcUser::account(Field::Account, &text),
        UserKind::UidOrAccount => RtcUser::from_uid_text(Field::Uid, &text),
        UserKind::None | UserKind::Text => Err(no_user()),
    }
}

/// A builder's RTC user is missing (the JS layer never sends `None` or `Text` to one).
fn no_user() -> Error {
    Error::new(
        ErrorKind::InvalidUid,
        Field::Uid,
        "is required: give uid (0 = any user) or account",
    )
}

/// `RtmTokenBuilder2.buildTokenWithPermissions`: a 007 RTM token with resource
/// permissions, npm `agora-token`'s `Rtm2Permissions` (its `details`) or the named form of
/// `buildRtmPermissionsToken`, read here; `expire` as given.
#[wasm_bindgen(js_name = rtmPermissions007)]
pub fn rtm_permissions_007(
    app_id: &str,
    certificate: &str,
    user_id: &str,
    permissions: JsValue,
    expire: u32,
    issued_at: Option<u32>,
    salt: Option<u32>,
) -> JsOut {
    let perms = match super::headline::dropin_permissions(&permissions) {
        Ok(p) => p,
        Err(e) => return e,
    };
    js(credentials(app_id, certificate).and_then(|creds| {
        let issue = options::issue(issued_at, salt)?;
        builders::rtm_with_permissions(issue, user_id, perms, expire).build(&creds)
    }))
}

/// The expiry of `kind` ([`LifeKind`]); `AsGiven` is an `expiresIn` here.
fn expiry_of(kind: LifeKind, value: u32) -> Expiry {
    match kind {
        LifeKind::ExpiresAt => Expiry::At(value),
        LifeKind::Default => Expiry::default(),
        LifeKind::AsGiven | LifeKind::ExpiresIn => Expiry::In(value),
    }
}

fn expiry(kind: u8, value: u32) -> Result<Expiry> {
    LifeKind::from_code(kind).map(|k| expiry_of(k, value))
}

/// The lifetime `value` of `kind` ([`LifeKind`]) for a token issued at `issue`.
fn lifetime(issue: Issue, kind: u8, value: u32) -> Result<u32> {
    match LifeKind::from_code(kind)? {
        LifeKind::AsGiven => Ok(value),
        k => Ok(expiry_of(k, value).resolve(issue.issue_ts)?.0),
    }
}

fn version(v006: bool) -> Version {
    if v006 {
        Version::V006
    } else {
        Version::V007
    }
}

fn privileges(p: &[u32]) -> Result<RtcPrivilegeExpiries> {
    match p {
        [join_channel, publish_audio, publish_video, publish_data] => Ok(RtcPrivilegeExpiries {
            join_channel: *join_channel,
            publish_audio: *publish_audio,
            publish_video: *publish_video,
            publish_data: *publish_data,
        }),
        _ => Err(Error::new(
            ErrorKind::InvalidField,
            Field::Privileges,
            "must list four lifetimes",
        )),
    }
}

/// Signs the 007 claims `make` returns for this issue time and lifetime.
fn sign007(
    app_id: &str,
    certificate: &str,
    issued_at: Option<u32>,
    salt: Option<u32>,
    life_kind: u8,
    life: u32,
    make: impl FnOnce(Issue, u32) -> Result<AccessToken2>,
) -> JsOut {
    js(credentials(app_id, certificate).and_then(|creds| {
        let issue = options::issue(issued_at, salt)?;
        let life = lifetime(issue, life_kind, life)?;
        make(issue, life)?.build(&creds)
    }))
}

/// `buildRtcToken`: an RTC token in either format, with the options the JS layer checked
/// (`pkg-template/js/rtc.js`): positional, because reading them with serde costs this hot
/// path more than the boundary allows (`docs/js-boundary.md`).
#[wasm_bindgen(js_name = rtcToken)]
pub fn rtc_token(
    app_id: &str,
    certificate: &str,
    v006: bool,
    channel_name: String,
    user_kind: u8,
    uid: u32,
    text: Option<String>,
    publisher: bool,
    life_kind: u8,
    life: u32,
    privilege_seconds: Option<Box<[u32]>>,
    issued_at: Option<u32>,
    salt: Option<u32>,
) -> JsOut {
    js(credentials(app_id, certificate).and_then(|creds| {
        let o = RtcOptions {
            channel_name,
            user: user(user_kind, uid, text.unwrap_or_default())?,
            role: if publisher {
                RtcRole::Publisher
            } else {
                RtcRole::Subscriber
            },
            expiry: expiry(life_kind, life)?,
            privileges: privilege_seconds.as_deref().map(privileges).transpose()?,
            version: version(v006),
            issue: Some(options::issue(issued_at, salt)?),
        };
        options::build_rtc_token(&creds, &o)
    }))
}

/// `RtcTokenBuilder.buildTokenWithUid/Account`: a 006 RTC token (`role` is the seed's
/// numeric role, `privilege_expired_ts` absolute).
#[wasm_bindgen(js_name = rtc006)]
pub fn rtc_006(
    app_id: &str,
    certificate: &str,
    channel_name: &str,
    user_kind: u8,
    uid: u32,
    text: &str,
    role: u32,
    privilege_expired_ts: u32,
    issued_at: Option<u32>,
    salt: Option<u32>,
) -> JsOut {
    js(credentials(app_id, certificate).and_then(|creds| {
        let user = user(user_kind, uid, text.to_owned())?;
        let subject = match &user {
            RtcUser::Uid(n) => v006::Subject::Uid(*n),
            RtcUser::Account(a) => v006::Subject::Account(a),
        };
        let role = v006::Role::from_id(i64::from(role))?;
        let issue = options::issue(issued_at, salt)?;
        v006::build_rtc(
            &creds,
            &v006::RtcParams {
                channel_name,
                subject,
                role,
                privilege_expired_ts,
                salt: issue.salt,
                ts: v006::ts_for(issue.issue_ts)?,
            },
        )
    }))
}

/// `RtmTokenBuilder.buildToken`: a 006 RTM token (`role` must be 1, `Rtm_User`).
#[wasm_bindgen(js_name = rtm006)]
pub fn rtm_006(
    app_id: &str,
    certificate: &str,
    user_id: &str,
    role: u32,
    privilege_expired_ts: u32,
    issued_at: Option<u32>,
    salt: Option<u32>,
) -> JsOut {
    js(credentials(app_id, certificate).and_then(|creds| {
        if role != 1 {
            return Err(Error::new(
                ErrorKind::InvalidRole,
                Field::Role,
                "must be RtmRole.Rtm_User (1)",
            ));
        }
        let issue = options::issue(issued_at, salt)?;
        v006::build_rtm(
            &creds,
            &v006::RtmParams {
                user_id,
                privilege_expired_ts,
                salt: issue.salt,
                ts: v006::ts_for(issue.issue_ts)?,
            },
        )
        .map_err(|e| e.renamed(Field::UserId, Field::UserAccount))
    }))
}

/// A 007 token from one of the builders `preset` numbers ([`Preset`]). Each uses the arguments its variant
/// names: `text1`/`text2` are its strings (channel, user id, room uuid / uid text, account,
/// user uuid), `user_kind`/`uid`/`text2` the RTC user (see the module docs), `role` the RTC
/// role id or the APaaS role, `privilege` the RTC privilege lifetime, `privileges` the four
/// RTC privilege lifetimes, `rtm_user_id`/`rtm_expire` the RTM side of `RtcRtm2` (absent:
/// the RTC user, the token's lifetime).
#[wasm_bindgen(js_name = token007)]
pub fn token_007(
    preset: u8,
    app_id: &str,
    certificate: &str,
    text1: String,
    text2: String,
    user_kind: u8,
    uid: u32,
    role: i32,
    life_kind: u8,
    life: u32,
    privilege: u32,
    privileges_4: Option<Box<[u32]>>,
    rtm_user_id: Option<String>,
    rtm_expire: Option<u32>,
    issued_at: Option<u32>,
    salt: Option<u32>,
) -> JsOut {
    sign007(
        app_id,
        certificate,
        issued_at,
        salt,
        life_kind,
        life,
        |issue, life| {
            let rtc_role = || RtcRole::from_id(i64::from(role));
            let kind = Preset::from_code(preset)?;
            Ok(match kind {
                Preset::Rtc => builders::rtc(
                    issue,
                    &text1,
                    &user(user_kind, uid, text2)?,
                    rtc_role()?,
                    life,
                    privilege,
                ),
                Preset::RtcPrivileges => builders::rtc_with_privileges(
                    issue,
                    &text1,
                    &user(user_kind, uid, text2)?,
                    life,
                    &privileges(privileges_4.as_deref().unwrap_or_default())?,
                ),
                Preset::RtcRtm => builders::rtc_rtm(
                    issue,
                    &text1,
                    &RtcUser::Account(text2),
                    rtc_role()?,
                    life,
                    privilege,
                ),
                Preset::RtcRtm2 | Preset::ConvoAi | Preset::Stt => {
                    let rtc_user = user(user_kind, uid, text2)?;
                    let privileges = match privileges_4.as_deref() {
                        Some(p) => privileges(p)?,
                        None => RtcPrivilegeExpiries::all(life),
                    };
                    let rtm_user_id = rtm_user_id.unwrap_or_else(|| rtc_user.wire());
                    let p = RtcRtm2 {
                        channel_name: text1,
                        rtc_user,
                        role: rtc_role()?,
                        rtc_token_expire: life,
                        privileges,
                        rtm_user_id,
                        rtm_token_expire: rtm_expire.unwrap_or(life),
                    };
                    match kind {
                        Preset::ConvoAi => builders::convoai(issue, &p),
                        Preset::Stt => builders::stt(issue, &p),
                        _ => builders::rtc_rtm2(issue, &p),
                    }
                }
                Preset::Rtm => builders::rtm(issue, &text1, life),
                Preset::ChatUser => builders::chat_user(issue, &text1, life),
                Preset::ChatApp => builders::chat_app(issue, life),
                Preset::Fpa => builders::fpa(issue),
                Preset::ApaasRoomUser => {
                    let role = i16::try_from(role).map_err(|_| {
                        Error::new(
                            ErrorKind::InvalidRole,
                            Field::Role,
                            "must be an integer in -32768..=32767",
                        )
                    })?;
                    builders::apaas_room_user(issue, &text1, &text2, role, life)
                }
                Preset::ApaasUser => builders::apaas_user(issue, &text1, life),
                Preset::ApaasApp => builders::apaas_app(issue, life),
            })
        },
    )
}
