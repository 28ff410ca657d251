//! The token builders the JavaScript layer calls, with positional, already type-checked
//! arguments.
//!
//! The package's public functions and classes (`buildRtcToken`, `RtcTokenBuilder`, …) are
//! a thin JavaScript layer (`pkg-template/api.js`): it checks the JavaScript types of the
//! arguments (a string is a string, a number is an integer in range, an options object
//! has no unknown keys) and passes primitives here, which is both smaller and faster than
//! reading JS objects from Rust. Every value rule (channel-name set, lengths, expiry and
//! salt ranges, roles) is still the core's, applied here.
//!
//! Conventions of the arguments:
//! - `user_kind`: 0 = the numeric uid `uid`, 1 = the decimal uid text `text`, 2 = the
//!   account `text`;
//! - `life_kind`: 0 = `life` seconds as given (the drop-in classes), 1 = `expiresIn`,
//!   2 = `expiresAt` (resolved against the issue time), 3 = the default expiry;
//! - `issued_at` / `salt`: `None` = from the clock / the CSPRNG.

// The builders mirror the official signatures, which have up to 12 positional arguments.
#![allow(clippy::too_many_arguments)]

use wasm_bindgen::prelude::*;

use super::creds::credentials;
use super::error::{js, JsOut};
use crate::builders::{self, RtcPrivilegeExpiries, RtcRole, RtcRtm2, RtcUser};
use crate::clock::Issue;
use crate::error::{Error, ErrorKind, Result};
use crate::options::{self, Expiry, RtcOptions, RtmOptions, Version, TS_OFFSET_006};
use crate::v006;
use crate::v007::AccessToken2;
use crate::validate;

/// The RTC user of `kind` (see the module docs).
pub(super) fn user(kind: u8, uid: u32, text: String) -> Result<RtcUser> {
    match kind {
        0 => Ok(RtcUser::Uid(uid)),
        1 => validate::parse_uid("uid", &text).map(RtcUser::Uid),
        _ => Ok(RtcUser::Account(text)),
    }
}

fn expiry(kind: u8, value: u32) -> Expiry {
    match kind {
        2 => Expiry::At(value),
        3 => Expiry::default(),
        _ => Expiry::In(value),
    }
}

fn lifetime(issue: Issue, kind: u8, value: u32) -> Result<u32> {
    if kind == 0 {
        return Ok(value);
    }
    Ok(expiry(kind, value).resolve(issue.issue_ts)?.0)
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
            "privileges",
            "must list four lifetimes",
        )),
    }
}

/// Signs the 007 claims `make` returns for this issue time and lifetime.
pub(super) fn sign007(
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

/// `buildRtcToken`: an RTC token in either format.
#[wasm_bindgen(js_name = rtcToken)]
pub fn rtc_token(
    app_id: &str,
    certificate: &str,
    v006: bool,
    channel_name: String,
    user_kind: u8,
    uid: u32,
    text: String,
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
            user: user(user_kind, uid, text)?,
            role: if publisher {
                RtcRole::Publisher
            } else {
                RtcRole::Subscriber
            },
            expiry: expiry(life_kind, life),
            privileges: privilege_seconds.as_deref().map(privileges).transpose()?,
            version: version(v006),
            issued_at,
            salt,
        };
        options::build_rtc_token(&creds, &o)
    }))
}

/// `buildRtmToken`: an RTM token in either format.
#[wasm_bindgen(js_name = rtmToken)]
pub fn rtm_token(
    app_id: &str,
    certificate: &str,
    v006: bool,
    user_id: String,
    life_kind: u8,
    life: u32,
    issued_at: Option<u32>,
    salt: Option<u32>,
) -> JsOut {
    js(credentials(app_id, certificate).and_then(|creds| {
        let o = RtmOptions {
            user_id,
            expiry: expiry(life_kind, life),
            version: version(v006),
            issued_at,
            salt,
        };
        options::build_rtm_token(&creds, &o)
    }))
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
        let subject = match user_kind {
            0 => v006::Subject::Uid(uid),
            _ => v006::Subject::Account(text),
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
                ts: ts_006(issue)?,
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
                "role",
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
                ts: ts_006(issue)?,
            },
        )
    }))
}

/// `RtcTokenBuilder2.buildTokenWithUid/UserAccount`: 007 RTC (`role` 1 or 2).
#[wasm_bindgen(js_name = rtc007)]
pub fn rtc_007(
    app_id: &str,
    certificate: &str,
    channel_name: &str,
    user_kind: u8,
    uid: u32,
    text: String,
    role: u32,
    token_expire: u32,
    privilege_expire: u32,
    issued_at: Option<u32>,
    salt: Option<u32>,
) -> JsOut {
    sign007(
        app_id,
        certificate,
        issued_at,
        salt,
        0,
        token_expire,
        |issue, life| {
            let user = user(user_kind, uid, text)?;
            let role = RtcRole::from_id(i64::from(role))?;
            Ok(builders::rtc(
                issue,
                channel_name,
                &user,
                role,
                life,
                privilege_expire,
            ))
        },
    )
}

/// `RtcTokenBuilder2.buildTokenWith…AndPrivilege`: 007 RTC with four privilege lifetimes.
#[wasm_bindgen(js_name = rtc007Privileges)]
pub fn rtc_007_privileges(
    app_id: &str,
    certificate: &str,
    channel_name: &str,
    user_kind: u8,
    uid: u32,
    text: String,
    token_expire: u32,
    privilege_seconds: &[u32],
    issued_at: Option<u32>,
    salt: Option<u32>,
) -> JsOut {
    sign007(
        app_id,
        certificate,
        issued_at,
        salt,
        0,
        token_expire,
        |issue, life| {
            let user = user(user_kind, uid, text)?;
            let p = privileges(privilege_seconds)?;
            Ok(builders::rtc_with_privileges(
                issue,
                channel_name,
                &user,
                life,
                &p,
            ))
        },
    )
}

/// `RtcTokenBuilder2.buildTokenWithRtm`: RTC plus RTM login for one account.
#[wasm_bindgen(js_name = rtcRtm)]
pub fn rtc_rtm(
    app_id: &str,
    certificate: &str,
    channel_name: &str,
    account: String,
    role: u32,
    token_expire: u32,
    privilege_expire: u32,
    issued_at: Option<u32>,
    salt: Option<u32>,
) -> JsOut {
    sign007(
        app_id,
        certificate,
        issued_at,
        salt,
        0,
        token_expire,
        |issue, life| {
            let role = RtcRole::from_id(i64::from(role))?;
            let user = RtcUser::Account(account);
            Ok(builders::rtc_rtm(
                issue,
                channel_name,
                &user,
                role,
                life,
                privilege_expire,
            ))
        },
    )
}

/// `RtcTokenBuilder2.buildTokenWithRtm2` and `buildRtcRtmToken`: RTC plus RTM with separate
/// users and lifetimes. Absent privileges last as long as the token; an absent RTM user is
/// the RTC user; an absent RTM lifetime is the token's.
#[wasm_bindgen(js_name = rtcRtm2)]
pub fn rtc_rtm_2(
    app_id: &str,
    certificate: &str,
    channel_name: String,
    user_kind: u8,
    uid: u32,
    text: String,
    role: u32,
    life_kind: u8,
    life: u32,
    privilege_seconds: Option<Box<[u32]>>,
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
            let rtc_user = user(user_kind, uid, text)?;
            let role = RtcRole::from_id(i64::from(role))?;
            let privileges = match privilege_seconds.as_deref() {
                Some(p) => privileges(p)?,
                None => RtcPrivilegeExpiries::all(life),
            };
            let rtm_user_id = rtm_user_id.unwrap_or_else(|| rtc_user.wire());
            Ok(builders::rtc_rtm2(
                issue,
                &RtcRtm2 {
                    channel_name,
                    rtc_user,
                    role,
                    rtc_token_expire: life,
                    privileges,
                    rtm_user_id,
                    rtm_token_expire: rtm_expire.unwrap_or(life),
                },
            ))
        },
    )
}

/// `RtmTokenBuilder2.buildToken`: 007 RTM login.
#[wasm_bindgen(js_name = rtm007)]
pub fn rtm_007(
    app_id: &str,
    certificate: &str,
    user_id: &str,
    life_kind: u8,
    life: u32,
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
        |issue, life| Ok(builders::rtm(issue, user_id, life)),
    )
}

/// Chat user tokens (`buildChatUserToken`, `ChatTokenBuilder2.buildUserToken`).
#[wasm_bindgen(js_name = chatUser)]
pub fn chat_user(
    app_id: &str,
    certificate: &str,
    user_id: &str,
    life_kind: u8,
    life: u32,
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
        |issue, life| Ok(builders::chat_user(issue, user_id, life)),
    )
}

/// Chat app tokens (`buildChatAppToken`, `ChatTokenBuilder2.buildAppToken`).
#[wasm_bindgen(js_name = chatApp)]
pub fn chat_app(
    app_id: &str,
    certificate: &str,
    life_kind: u8,
    life: u32,
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
        |issue, life| Ok(builders::chat_app(issue, life)),
    )
}

/// FPA tokens (24 hours, as the official builder does).
#[wasm_bindgen(js_name = fpa)]
pub fn fpa(app_id: &str, certificate: &str, issued_at: Option<u32>, salt: Option<u32>) -> JsOut {
    sign007(app_id, certificate, issued_at, salt, 0, 0, |issue, _| {
        Ok(builders::fpa(issue))
    })
}

/// APaaS / Education room-user tokens.
#[wasm_bindgen(js_name = apaasRoomUser)]
pub fn apaas_room_user(
    app_id: &str,
    certificate: &str,
    room_uuid: &str,
    user_uuid: &str,
    role: i16,
    life_kind: u8,
    life: u32,
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
            Ok(builders::apaas_room_user(
                issue, room_uuid, user_uuid, role, life,
            ))
        },
    )
}

/// APaaS / Education user tokens.
#[wasm_bindgen(js_name = apaasUser)]
pub fn apaas_user(
    app_id: &str,
    certificate: &str,
    user_uuid: &str,
    life_kind: u8,
    life: u32,
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
        |issue, life| Ok(builders::apaas_user(issue, user_uuid, life)),
    )
}

/// APaaS / Education app tokens.
#[wasm_bindgen(js_name = apaasApp)]
pub fn apaas_app(
    app_id: &str,
    certificate: &str,
    life_kind: u8,
    life: u32,
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
        |issue, life| Ok(builders::apaas_app(issue, life)),
    )
}
