//! The headline exports: one options object per token kind.

use wasm_bindgen::prelude::*;

use super::args::{self, Opts};
use super::error::{js, JsResult};
use super::services;
use crate::builders::{self, RtcPrivilegeExpiries, RtcRtm2};
use crate::error::{Error, ErrorKind, Result};
use crate::inspect::inspect;
use crate::options::{self, RtcOptions, RtmOptions};
use crate::v007::{AccessToken2, PermissionType, Permissions, ResourceType};
use crate::verify::{verify, Expected};
use crate::{clock, Credentials};

const ISSUE: [&str; 2] = ["issuedAt", "salt"];

fn keys(specific: &[&'static str]) -> Vec<&'static str> {
    let mut all = vec!["appId", "appCertificate"];
    all.extend_from_slice(specific);
    all.extend_from_slice(&ISSUE);
    all
}

fn rtc_options(o: &Opts) -> Result<RtcOptions> {
    Ok(RtcOptions {
        channel_name: o.str(ErrorKind::InvalidChannelName, "channelName")?,
        user: o.rtc_user()?,
        role: o.rtc_role()?,
        expiry: o.expiry()?,
        privileges: o.rtc_privileges()?,
        version: o.version()?,
        issued_at: o.opt_u32(ErrorKind::InvalidExpiry, "issuedAt")?,
        salt: o.opt_u32(ErrorKind::InvalidSalt, "salt")?,
    })
}

const RTC_KEYS: [&str; 8] = [
    "channelName",
    "uid",
    "account",
    "role",
    "expiresIn",
    "expiresAt",
    "privileges",
    "version",
];

/// Builds an RTC token (007 by default, or 006) from one options object.
#[wasm_bindgen(js_name = buildRtcToken, unchecked_return_type = "string")]
pub fn build_rtc_token(
    #[wasm_bindgen(unchecked_param_type = "RtcTokenOptions")] options: JsValue,
) -> JsResult<String> {
    js((|| {
        let o = Opts::new("options", &options, &keys(&RTC_KEYS))?;
        let creds = o.credentials()?;
        options::build_rtc_token(&creds, &rtc_options(&o)?)
    })())
}

/// Builds an RTM token (007 by default, or 006) from one options object.
#[wasm_bindgen(js_name = buildRtmToken, unchecked_return_type = "string")]
pub fn build_rtm_token(
    #[wasm_bindgen(unchecked_param_type = "RtmTokenOptions")] options: JsValue,
) -> JsResult<String> {
    js((|| {
        let o = Opts::new(
            "options",
            &options,
            &keys(&["userId", "expiresIn", "expiresAt", "version"]),
        )?;
        let creds = o.credentials()?;
        let rtm = RtmOptions {
            user_id: o.str(ErrorKind::InvalidField, "userId")?,
            expiry: o.expiry()?,
            version: o.version()?,
            issued_at: o.opt_u32(ErrorKind::InvalidExpiry, "issuedAt")?,
            salt: o.opt_u32(ErrorKind::InvalidSalt, "salt")?,
        };
        options::build_rtm_token(&creds, &rtm)
    })())
}

/// Reads the options of a 007-only builder, then signs the claims `make` returns.
fn build007(
    options: &JsValue,
    specific: &[&'static str],
    make: impl FnOnce(&Opts, clock::Issue, u32) -> Result<AccessToken2>,
) -> JsResult<String> {
    js((|| {
        let mut k = vec!["expiresIn", "expiresAt"];
        k.extend_from_slice(specific);
        let o = Opts::new("options", options, &keys(&k))?;
        let creds: Credentials = o.credentials()?;
        let (issue, lifetime) = o.issue_and_lifetime()?;
        make(&o, issue, lifetime)?.build(&creds)
    })())
}

/// Builds a 007 Chat user token: `Chat(userId){user}`.
#[wasm_bindgen(js_name = buildChatUserToken, unchecked_return_type = "string")]
pub fn build_chat_user_token(
    #[wasm_bindgen(unchecked_param_type = "ChatUserTokenOptions")] options: JsValue,
) -> JsResult<String> {
    build007(&options, &["userId"], |o, issue, life| {
        Ok(builders::chat_user(
            issue,
            &o.str(ErrorKind::InvalidField, "userId")?,
            life,
        ))
    })
}

/// Builds a 007 Chat app token: `Chat(""){app}`.
#[wasm_bindgen(js_name = buildChatAppToken, unchecked_return_type = "string")]
pub fn build_chat_app_token(
    #[wasm_bindgen(unchecked_param_type = "ServiceTokenOptions")] options: JsValue,
) -> JsResult<String> {
    build007(&options, &[], |_, issue, life| {
        Ok(builders::chat_app(issue, life))
    })
}

/// Builds a 007 FPA token (24 hours, as the official builder does).
#[wasm_bindgen(js_name = buildFpaToken, unchecked_return_type = "string")]
pub fn build_fpa_token(
    #[wasm_bindgen(unchecked_param_type = "FpaTokenOptions")] options: JsValue,
) -> JsResult<String> {
    js((|| {
        let o = Opts::new("options", &options, &keys(&[]))?;
        let creds = o.credentials()?;
        builders::fpa(o.issue()?).build(&creds)
    })())
}

/// Builds a 007 APaaS / Education room-user token: APaaS{roomUser} + RTM{login} +
/// Chat(md5(userUuid)){user}.
#[wasm_bindgen(js_name = buildApaasRoomUserToken, unchecked_return_type = "string")]
pub fn build_apaas_room_user_token(
    #[wasm_bindgen(unchecked_param_type = "ApaasRoomUserTokenOptions")] options: JsValue,
) -> JsResult<String> {
    build007(
        &options,
        &["roomUuid", "userUuid", "role"],
        |o, issue, life| {
            let role = args::i16_value(ErrorKind::InvalidRole, "role", &o.get("role")?)?;
            Ok(builders::apaas_room_user(
                issue,
                &o.str(ErrorKind::InvalidField, "roomUuid")?,
                &o.str(ErrorKind::InvalidField, "userUuid")?,
                role,
                life,
            ))
        },
    )
}

/// Builds a 007 APaaS / Education user token: `APaaS("", userUuid, -1){user}`.
#[wasm_bindgen(js_name = buildApaasUserToken, unchecked_return_type = "string")]
pub fn build_apaas_user_token(
    #[wasm_bindgen(unchecked_param_type = "ApaasUserTokenOptions")] options: JsValue,
) -> JsResult<String> {
    build007(&options, &["userUuid"], |o, issue, life| {
        Ok(builders::apaas_user(
            issue,
            &o.str(ErrorKind::InvalidField, "userUuid")?,
            life,
        ))
    })
}

/// Builds a 007 APaaS / Education app token: `APaaS("", "", -1){app}`.
#[wasm_bindgen(js_name = buildApaasAppToken, unchecked_return_type = "string")]
pub fn build_apaas_app_token(
    #[wasm_bindgen(unchecked_param_type = "ServiceTokenOptions")] options: JsValue,
) -> JsResult<String> {
    build007(&options, &[], |_, issue, life| {
        Ok(builders::apaas_app(issue, life))
    })
}

/// Builds a 007 RTC + RTM token (`buildTokenWithRtm2`): the RTC options of
/// `buildRtcToken`, plus the RTM user id (default: the uid or account) and its lifetime
/// (default: the token's).
#[wasm_bindgen(js_name = buildRtcRtmToken, unchecked_return_type = "string")]
pub fn build_rtc_rtm_token(
    #[wasm_bindgen(unchecked_param_type = "RtcRtmTokenOptions")] options: JsValue,
) -> JsResult<String> {
    build007(
        &options,
        &[
            "channelName",
            "uid",
            "account",
            "role",
            "privileges",
            "rtmUserId",
            "rtmExpiresIn",
        ],
        |o, issue, life| {
            let rtc_user = o.rtc_user()?;
            let rtm_user_id = match o.opt_str(ErrorKind::InvalidField, "rtmUserId")? {
                Some(id) => id,
                None => rtc_user.wire(),
            };
            let rtm_token_expire = o
                .opt_u32(ErrorKind::InvalidExpiry, "rtmExpiresIn")?
                .unwrap_or(life);
            Ok(builders::rtc_rtm2(
                issue,
                &RtcRtm2 {
                    channel_name: o.str(ErrorKind::InvalidChannelName, "channelName")?,
                    rtc_user,
                    role: o.rtc_role()?,
                    rtc_token_expire: life,
                    privileges: o
                        .rtc_privileges()?
                        .unwrap_or(RtcPrivilegeExpiries::all(life)),
                    rtm_user_id,
                    rtm_token_expire,
                },
            ))
        },
    )
}

/// Reads `{ messageChannels?: { read?: string[], write?: string[] }, … }`.
pub fn permissions(v: &JsValue) -> Result<Permissions> {
    let names: Vec<&'static str> = ResourceType::ALL.iter().map(|r| r.name()).collect();
    let o = Opts::new("permissions", v, &names)?;
    let mut out = Permissions::new();
    for res in ResourceType::ALL {
        let Some(kinds) = o.opt(res.name())? else {
            continue;
        };
        let k = Opts::new("permissions", &kinds, &["read", "write"])?;
        let mut map = std::collections::BTreeMap::new();
        for kind in [PermissionType::Read, PermissionType::Write] {
            if let Some(list) = k.opt(kind.name())? {
                map.insert(
                    kind,
                    args::string_array(ErrorKind::InvalidField, "permissions", &list)?,
                );
            }
        }
        out.insert(res, map);
    }
    Ok(out)
}

/// Builds a 007 RTM token with resource permissions (service 8,
/// `buildTokenWithPermissions`).
#[wasm_bindgen(js_name = buildRtmPermissionsToken, unchecked_return_type = "string")]
pub fn build_rtm_permissions_token(
    #[wasm_bindgen(unchecked_param_type = "RtmPermissionsTokenOptions")] options: JsValue,
) -> JsResult<String> {
    build007(&options, &["userId", "permissions"], |o, issue, life| {
        let perms = permissions(&o.get("permissions")?)?;
        Ok(builders::rtm_with_permissions(
            issue,
            &o.str(ErrorKind::InvalidField, "userId")?,
            perms,
            life,
        ))
    })
}

/// Builds a 007 token with any services: `{ appId, appCertificate, services: [...] }`.
#[wasm_bindgen(js_name = buildToken, unchecked_return_type = "string")]
pub fn build_token(
    #[wasm_bindgen(unchecked_param_type = "MultiServiceTokenOptions")] options: JsValue,
) -> JsResult<String> {
    build007(&options, &["services"], |o, issue, life| {
        let list = o.get("services")?;
        if !js_sys::Array::is_array(&list) {
            return Err(args::wrong_type(
                ErrorKind::NoServices,
                "services",
                "an array of service objects",
                &list,
            ));
        }
        let list: js_sys::Array = list.into();
        if list.length() > 64 {
            return Err(Error::new(
                ErrorKind::FieldTooLong,
                "services",
                "may list at most 64 services",
            ));
        }
        let mut token = AccessToken2::new(issue.issue_ts, life, issue.salt);
        for s in list.iter() {
            token.add(services::service(&s)?);
        }
        Ok(token)
    })
}

fn now_or(v: &JsValue, field: &'static str) -> Result<Option<u32>> {
    if v.is_undefined() {
        return clock::now().map(Some);
    }
    if v.is_null() {
        return Ok(None);
    }
    args::u32_value(ErrorKind::InvalidField, field, v).map(Some)
}

fn to_plain<T: serde::Serialize>(value: &T) -> Result<JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|_| Error::new(ErrorKind::MalformedToken, "token", "could not be described"))
}

/// Describes any 006 or 007 token as a plain object. `now` (unix seconds, default the
/// current time) decides `expired`.
#[wasm_bindgen(js_name = inspectToken, unchecked_return_type = "TokenInfo")]
pub fn inspect_token(
    #[wasm_bindgen(unchecked_param_type = "string")] token: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] now: Option<JsValue>,
) -> JsResult<JsValue> {
    js((|| {
        let token = args::string(ErrorKind::MalformedToken, "token", &token)?;
        let now = now_or(&now.unwrap_or(JsValue::UNDEFINED), "now")?;
        to_plain(&inspect(&token, now)?)
    })())
}

/// Verifies a token's signature with `appCertificate`, and checks what the caller expects
/// (`appId`, `channelName`, `uid`/`account`, `now`). A malformed token is not an exception:
/// it gives `{ valid: false, reason: "MALFORMED" }`.
#[wasm_bindgen(js_name = verifyToken, unchecked_return_type = "Verification")]
pub fn verify_token(
    #[wasm_bindgen(unchecked_param_type = "string")] token: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] app_certificate: JsValue,
    #[wasm_bindgen(unchecked_param_type = "VerifyExpectations")] expected: Option<JsValue>,
) -> JsResult<JsValue> {
    js((|| {
        let token = args::string(ErrorKind::MalformedToken, "token", &token)?;
        let certificate = args::certificate(&app_certificate)?;
        let mut exp = Expected::default();
        let expected = expected.unwrap_or(JsValue::UNDEFINED);
        let o = Opts::optional(
            "expected",
            &expected,
            &["appId", "channelName", "uid", "account", "now"],
        )?;
        let now = match &o {
            Some(o) => o.get("now")?,
            None => JsValue::UNDEFINED,
        };
        exp.now = now_or(&now, "now")?;
        if let Some(o) = &o {
            exp.app_id = o.opt_str(ErrorKind::InvalidAppId, "appId")?;
            exp.channel_name = o.opt_str(ErrorKind::InvalidChannelName, "channelName")?;
            if o.opt("uid")?.is_some() || o.opt("account")?.is_some() {
                exp.user = Some(o.rtc_user()?);
            }
        }
        to_plain(&verify(&token, &certificate, &exp))
    })())
}
