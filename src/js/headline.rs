//! The headline builders: each takes the caller's options object and reads it with serde
//! into one options type ([`super::options::read`]): `buildRtmToken`, the service builders,
//! `buildRtmPermissionsToken` and the generic `buildToken` (`buildRtcToken` keeps a
//! positional export, [`super::exports`]).
//!
//! Every options type has the credentials (`appId`, `appCertificate`), the issue
//! (`issuedAt`, `salt`; absent: the clock and the CSPRNG) and, but for FPA, the lifetime
//! (`expiresIn` | `expiresAt`; absent: one hour). Every value rule is the core's.

use serde::Deserialize;
use wasm_bindgen::prelude::*;

use super::creds::credentials;
use super::error::{coded, out, JsOut};
use super::options::{
    entries, js_i16, js_u32, option_code, read_known, required, Raw, RoleName, Text, UidValue,
    VersionName, U32,
};
use crate::builders::{self, RtcPrivilegeExpiries, RtcRole, RtcRtm2, RtcUser};
use crate::clock::Issue;
use crate::credentials::Credentials;
use crate::error::{ErrorKind, Field};
use crate::options::{self, Expiry, RtmOptions, Version};
use crate::privilege_map::PrivilegeMap;
use crate::v007::codec::Source;
use crate::v007::{AccessToken2, PermissionType, Permissions, ResourceType, Service, ServiceType};
use crate::validate;
use std::rc::Rc;

/// What the readers here return: the value, or the JS `Error`.
type Out<T> = Result<T, JsValue>;

/// The validated (and cached) credentials of the options.
#[inline(never)]
fn creds(app_id: Text, app_certificate: Text) -> Out<Rc<Credentials>> {
    let app_id = required(app_id, ErrorKind::InvalidAppId, "appId")?;
    let cert = required(
        app_certificate,
        ErrorKind::InvalidAppCertificate,
        "appCertificate",
    )?;
    Ok(credentials(&app_id, &cert)?)
}

/// `expiresIn` | `expiresAt` (absent: one hour).
#[inline(never)]
fn expiry(expires_in: U32, expires_at: U32) -> Out<Expiry> {
    match (expires_in.0, expires_at.0) {
        (Some(_), Some(_)) => Err(coded(
            ErrorKind::InvalidExpiry,
            "expiresAt",
            "give either expiresIn (seconds) or expiresAt (unix time), not both",
        )),
        (Some(s), None) => Ok(Expiry::In(s)),
        (None, Some(t)) => Ok(Expiry::At(t)),
        (None, None) => Ok(Expiry::default()),
    }
}

/// The issue time and salt (absent: the clock, the CSPRNG) and the 007 lifetime.
#[inline(never)]
fn issue_and_life(issued_at: U32, salt: U32, expiry: Expiry) -> Out<(Issue, u32)> {
    let issue = options::issue(issued_at.0, salt.0)?;
    let life = expiry.resolve(issue.issue_ts)?.0;
    Ok((issue, life))
}

/// The RTC user: `uid` (a number or its decimal text) or `account`.
#[inline(never)]
fn rtc_user(uid: UidValue, account: Text) -> Out<RtcUser> {
    match (uid, account.0) {
        (UidValue::Absent, Some(a)) => Ok(RtcUser::Account(a)),
        (_, Some(_)) => Err(coded(
            ErrorKind::InvalidUid,
            "uid",
            "give either uid or account, not both",
        )),
        (UidValue::Number(n), None) => Ok(RtcUser::Uid(n)),
        (UidValue::Text(t), None) => {
            Ok(RtcUser::Uid(validate::parse_canonical_uid(Field::Uid, &t)?))
        }
        (UidValue::Absent, None) => Err(coded(
            ErrorKind::InvalidUid,
            "uid",
            "is required: give uid (0 = any user) or account",
        )),
    }
}

fn role(r: Option<RoleName>) -> RtcRole {
    match r {
        Some(RoleName::Publisher) => RtcRole::Publisher,
        Some(RoleName::Subscriber) | None => RtcRole::Subscriber,
    }
}

/// The privilege lifetimes `{ name: seconds }` of service type `t`, as wire id → seconds.
#[inline(never)]
fn privilege_map(v: &Raw, t: ServiceType) -> Out<PrivilegeMap> {
    let mut out = PrivilegeMap::new();
    if !v.given() {
        return Ok(out);
    }
    let given = entries(&v.0, "privileges")?;
    let names = t.privilege_names();
    for (name, seconds) in given {
        let seconds =
            js_u32(&seconds).map_err(|rule| coded(ErrorKind::InvalidExpiry, &name, &rule))?;
        let Some(&(id, _)) = names.iter().find(|(_, n)| *n == name) else {
            let list: Vec<&str> = names.iter().map(|(_, n)| *n).collect();
            return Err(coded(
                ErrorKind::InvalidField,
                "privileges",
                &format!(
                    "has no privilege of that name; the privileges of {} are {}",
                    t.name(),
                    list.join(", ")
                ),
            ));
        };
        out.insert(id, seconds);
    }
    Ok(out)
}

/// The four RTC privilege lifetimes (absent ones 0), in wire order.
#[inline(never)]
fn rtc_privileges(v: &Raw) -> Out<Option<RtcPrivilegeExpiries>> {
    if !v.given() {
        return Ok(None);
    }
    let map = privilege_map(v, ServiceType::Rtc)?;
    let ids = ServiceType::Rtc.privilege_names();
    let at = |i: usize| {
        ids.get(i)
            .and_then(|(id, _)| map.get(*id))
            .unwrap_or_default()
    };
    Ok(Some(RtcPrivilegeExpiries {
        join_channel: at(0),
        publish_audio: at(1),
        publish_video: at(2),
        publish_data: at(3),
    }))
}

/// Signs the 007 token `make` returns with the credentials.
#[inline(never)]
fn sign(creds: &Credentials, token: Out<AccessToken2>) -> Out<JsValue> {
    Ok(JsValue::from_str(&token?.build(creds)?))
}

fn version(v: Option<VersionName>) -> Version {
    match v {
        Some(VersionName::V006) => Version::V006,
        Some(VersionName::V007) | None => Version::V007,
    }
}

/// The options of every builder here, and of one `buildToken` service object: one type, so
/// that the module has one deserializer for them. Each export names the options it takes
/// ([`known`], read by [`read_options`]); any other property is an unknown option there.
///
/// With the feature `ts` the fields' TypeScript types (from their leaf types, or the
/// `#[ts(type)]` of a [`Raw`] one) and their docs are the options types of the package's
/// `generated/api.d.ts` (src/js/vocab/api.rs, which takes each export's fields from [`known`]).
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub(crate) struct HeadlineOptions {
    /// The Agora app id (32 hex characters).
    app_id: Text,
    /// The app certificate (32 hex characters). Never logged or echoed in errors.
    app_certificate: Text,
    /// Seconds after the issue time, 1..=1000000000. A unix timestamp here is rejected: use
    /// `expiresAt`.
    expires_in: U32,
    /// Absolute unix time in seconds, after the issue time.
    expires_at: U32,
    /// Unix time of issue, in seconds (default: now).
    issued_at: U32,
    /// Salt, 1..=99999999 (default: random from the platform CSPRNG).
    salt: U32,
    /// Default `"007"`.
    version: Option<VersionName>,
    /// The service type.
    #[serde(rename = "type")]
    #[cfg_attr(feature = "ts", ts(type = "ServiceName"))]
    kind: Text,
    /// 1..=64 bytes of a-z A-Z 0-9 space and !#$%&()+-:;<=.>?@[]^_{}|~,
    channel_name: Text,
    /// 0..=4294967295 as a number, or its decimal digits as a string. 0 is the wildcard.
    uid: UidValue,
    /// A string account, 1..=255 bytes. `"0"` is an account, not the wildcard.
    account: Text,
    /// The RTM or Chat user id, 1..=64 bytes.
    user_id: Text,
    /// The APaaS / Education room uuid.
    room_uuid: Text,
    /// The APaaS / Education user uuid.
    user_uuid: Text,
    /// Default `"subscriber"`.
    #[cfg_attr(feature = "ts", ts(type = "RtcRoleName"))]
    role: Raw,
    /// When given, all four privileges are granted with these lifetimes, whatever the role.
    #[cfg_attr(feature = "ts", ts(type = "RtcPrivilegeSeconds"))]
    privileges: Raw,
    /// RTM2 resource permissions by resource type.
    #[cfg_attr(feature = "ts", ts(type = "RtmPermissions"))]
    permissions: Raw,
    /// The RTM user id (default: the uid's digits or the account).
    rtm_user_id: Text,
    /// RTM login lifetime in seconds (default: the token's).
    rtm_expires_in: U32,
    /// 1..=64 services.
    #[cfg_attr(feature = "ts", ts(type = "ServiceSpec[]"))]
    services: Raw,
}

/// The options every 007 builder takes but FPA's: the credentials, the lifetime, the issue.
macro_rules! common007 {
    ($($more:literal),* $(,)?) => {
        &["appId", "appCertificate", "expiresIn", "expiresAt", "issuedAt", "salt", $($more),*]
    };
}

/// The options each headline export takes, by JavaScript name: what [`read_options`]
/// accepts there, and the fields of the export's TypeScript options type
/// (written by src/js/vocab/api.rs from the test table `EXPORTS` below).
pub(crate) mod known {
    /// `buildRtcToken`, whose options are read in JavaScript (`pkg-template/js/rtc.js`
    /// imports this list from the generated `pkg-template/generated/options.js`).
    #[cfg(test)]
    pub(crate) const RTC: &[&str] = &[
        "appId",
        "appCertificate",
        "channelName",
        "uid",
        "account",
        "role",
        "expiresIn",
        "expiresAt",
        "privileges",
        "version",
        "issuedAt",
        "salt",
    ];
    /// `buildRtmToken`.
    pub(crate) const RTM: &[&str] = common007!["userId", "version"];
    /// `buildChatAppToken` and `buildApaasAppToken`.
    pub(crate) const SERVICE: &[&str] = common007![];
    /// `buildChatUserToken`.
    pub(crate) const CHAT_USER: &[&str] = common007!["userId"];
    /// `buildApaasUserToken`.
    pub(crate) const APAAS_USER: &[&str] = common007!["userUuid"];
    /// `buildApaasRoomUserToken`.
    pub(crate) const APAAS_ROOM_USER: &[&str] = common007!["roomUuid", "userUuid", "role"];
    /// `buildFpaToken` (FPA tokens always last 24 hours).
    pub(crate) const FPA: &[&str] = &["appId", "appCertificate", "issuedAt", "salt"];
    /// `buildRtcRtmToken`.
    pub(crate) const RTC_RTM: &[&str] = common007![
        "channelName",
        "uid",
        "account",
        "role",
        "privileges",
        "rtmUserId",
        "rtmExpiresIn"
    ];
    /// `buildRtmPermissionsToken`.
    pub(crate) const RTM_PERMISSIONS: &[&str] = common007!["userId", "permissions"];
    /// `buildToken`.
    pub(crate) const TOKEN: &[&str] = common007!["services"];
    /// One service object of `buildToken` (its type is `ServiceSpec`, generated per service
    /// type from the core's fields).
    pub(crate) const SERVICE_OBJECT: &[&str] = &[
        "type",
        "channelName",
        "uid",
        "account",
        "userId",
        "roomUuid",
        "userUuid",
        "role",
        "permissions",
        "privileges",
    ];
}

/// The TypeScript declaration of one headline export (src/js/vocab/api.rs writes it into
/// `pkg-template/generated/api.d.ts`): `function(options: options): string`, whose options
/// type has the fields of `known`, their types and docs from [`HeadlineOptions`].
#[cfg(all(test, feature = "js-read", any(feature = "ts", target_arch = "wasm32")))]
// Without `ts` (the wasm tests) only the options and their requirement are read.
#[cfg_attr(not(feature = "ts"), allow(dead_code))]
pub(crate) struct ExportDecl {
    /// The JavaScript function.
    pub function: &'static str,
    /// Its JSDoc.
    pub doc: &'static str,
    /// The name of its options type (exports with the same `known` may share one).
    pub options: &'static str,
    /// The options type's JSDoc.
    pub options_doc: &'static str,
    /// The options it takes ([`known`]).
    pub known: &'static [&'static str],
    /// The options it requires besides the credentials and a [`GROUPS`] choice: those
    /// whose absence its reader refuses (`required`, [`apaas_role`], `named_permissions`;
    /// the wasm test `headline_exports_require_the_declared_options` calls each export
    /// without each option).
    pub required: &'static [&'static str],
    /// Options whose type or doc differ for this export: name, TypeScript type, doc.
    pub overrides: &'static [(&'static str, &'static str, &'static str)],
}

/// A group of options that several exports take together, declared once as a TypeScript
/// type: all of `fields`, or (`one_of`) at most one of them, as the reader enforces
/// (`expiry`: `expiresIn` | `expiresAt`; `rtc_user`: `uid` | `account`).
#[cfg(all(test, feature = "js-read", any(feature = "ts", target_arch = "wasm32")))]
// Without `ts` (the wasm tests) only the options and their requirement are read.
#[cfg_attr(not(feature = "ts"), allow(dead_code))]
pub(crate) struct Group {
    /// The TypeScript type.
    pub name: &'static str,
    /// Its JSDoc.
    pub doc: &'static str,
    /// Its options.
    pub fields: &'static [&'static str],
    /// At most one of the fields (rendered as a union of `?: never` alternatives).
    pub one_of: bool,
    /// Whether a field (`one_of`: one of them) is required.
    pub required: bool,
}

/// The groups an export's options type is made of, when it takes all of their fields.
#[cfg(all(test, feature = "js-read", any(feature = "ts", target_arch = "wasm32")))]
pub(crate) const GROUPS: &[Group] = &[
    Group {
        name: "Credentials",
        doc: "The app credentials: both are 32 hexadecimal characters. The certificate is secret.",
        fields: &["appId", "appCertificate"],
        one_of: false,
        required: true,
    },
    Group {
        name: "Reproducible",
        doc: "Pins the issue time and salt, for reproducible tokens.",
        fields: &["issuedAt", "salt"],
        one_of: false,
        required: false,
    },
    Group {
        name: "Expiry",
        doc: "When a token expires: seconds from issue, or an absolute unix time. Default `{ expiresIn: 3600 }`.",
        fields: &["expiresIn", "expiresAt"],
        one_of: true,
        required: false,
    },
    Group {
        name: "RtcUserSpec",
        doc: "Who an RTC token is for: a uid (0 = any user; a number or a string of decimal digits) or a string account.",
        fields: &["uid", "account"],
        one_of: true,
        required: true,
    },
];

/// The exports that take nothing but credentials and an expiry (their function and doc
/// aside): one options type.
#[cfg(all(test, feature = "js-read", any(feature = "ts", target_arch = "wasm32")))]
const SERVICE_ONLY: ExportDecl = ExportDecl {
    function: "",
    doc: "",
    options: "ServiceTokenOptions",
    options_doc: "Options of the 007 builders that take nothing but credentials and an expiry.",
    known: known::SERVICE,
    required: &[],
    overrides: &[],
};

/// Every headline export, in the order of `generated/api.d.ts`.
#[cfg(all(test, feature = "js-read", any(feature = "ts", target_arch = "wasm32")))]
pub(crate) const EXPORTS: &[ExportDecl] = &[
    ExportDecl {
        function: "buildRtcToken",
        doc: "Builds an RTC token (007 by default, or 006) from one options object.",
        options: "RtcTokenOptions",
        options_doc: "Options of `buildRtcToken`.",
        known: known::RTC,
        required: &["channelName"],
        overrides: &[],
    },
    ExportDecl {
        function: "buildRtmToken",
        doc: "Builds an RTM token (007 by default, or 006) from one options object.",
        options: "RtmTokenOptions",
        options_doc: "Options of `buildRtmToken`.",
        known: known::RTM,
        required: &["userId"],
        overrides: &[("userId", "string", "The RTM user id, 1..=64 bytes.")],
    },
    ExportDecl {
        function: "buildChatAppToken",
        doc: "Builds a 007 Chat app token: `Chat(\"\"){app}`.",
        ..SERVICE_ONLY
    },
    ExportDecl {
        function: "buildChatUserToken",
        doc: "Builds a 007 Chat user token: `Chat(userId){user}`.",
        options: "ChatUserTokenOptions",
        options_doc: "Options of `buildChatUserToken`.",
        known: known::CHAT_USER,
        required: &["userId"],
        overrides: &[("userId", "string", "The Chat user id, 1..=64 bytes.")],
    },
    ExportDecl {
        function: "buildFpaToken",
        doc: "Builds a 007 FPA token (24 hours, as the official builder does).",
        options: "FpaTokenOptions",
        options_doc: "Options of `buildFpaToken` (FPA tokens always last 24 hours).",
        known: known::FPA,
        required: &[],
        overrides: &[],
    },
    ExportDecl {
        function: "buildApaasAppToken",
        doc: "Builds a 007 APaaS / Education app token: `APaaS(\"\", \"\", -1){app}`.",
        ..SERVICE_ONLY
    },
    ExportDecl {
        function: "buildApaasRoomUserToken",
        doc: "Builds a 007 APaaS / Education room-user token: APaaS{roomUser} + RTM{login} +\nChat(md5(userUuid)){user}.",
        options: "ApaasRoomUserTokenOptions",
        options_doc: "Options of `buildApaasRoomUserToken`.",
        known: known::APAAS_ROOM_USER,
        required: &["roomUuid", "userUuid", "role"],
        overrides: &[(
            "role",
            "number",
            "The role in the room, an integer in -32768..=32767 (e.g. 1 teacher, 2 student).",
        )],
    },
    ExportDecl {
        function: "buildApaasUserToken",
        doc: "Builds a 007 APaaS / Education user token: `APaaS(\"\", userUuid, -1){user}`.",
        options: "ApaasUserTokenOptions",
        options_doc: "Options of `buildApaasUserToken`.",
        known: known::APAAS_USER,
        required: &["userUuid"],
        overrides: &[],
    },
    ExportDecl {
        function: "buildRtcRtmToken",
        doc: "Builds a 007 RTC + RTM token (`buildTokenWithRtm2`): the RTC options of\n`buildRtcToken`, plus the RTM user id (default: the uid or account) and its lifetime\n(default: the token's).",
        options: "RtcRtmTokenOptions",
        options_doc: "Options of `buildRtcRtmToken`: RTC as `buildRtcToken` (007 only), plus RTM login.",
        known: known::RTC_RTM,
        required: &["channelName"],
        overrides: &[],
    },
    ExportDecl {
        function: "buildRtmPermissionsToken",
        doc: "Builds a 007 RTM token with resource permissions (service 8,\n`buildTokenWithPermissions`).",
        options: "RtmPermissionsTokenOptions",
        options_doc: "Options of `buildRtmPermissionsToken`.",
        known: known::RTM_PERMISSIONS,
        required: &["userId", "permissions"],
        overrides: &[("userId", "string", "The RTM user id (`\"\"`: any user).")],
    },
    ExportDecl {
        function: "buildToken",
        doc: "Builds a 007 token with any services: `{ appId, appCertificate, services: [...] }`.",
        options: "MultiServiceTokenOptions",
        options_doc: "Options of the generic `buildToken` (007).",
        known: known::TOKEN,
        required: &["services"],
        overrides: &[],
    },
];

/// Reads the options object `value` (named `object` in errors), taking only `known`.
#[inline(never)]
fn read_options(value: &JsValue, object: &str, known: &[&str]) -> Out<HeadlineOptions> {
    read_known(value, object, option_code, Some(known))
}

/// A 007 builder's options with `known`: the options, the credentials, the issue and the
/// lifetime.
#[inline(never)]
fn read007(
    options: &JsValue,
    known: &[&str],
) -> Out<(HeadlineOptions, Rc<Credentials>, Issue, u32)> {
    let mut o = read_options(options, "options", known)?;
    let creds = creds(
        std::mem::take(&mut o.app_id),
        std::mem::take(&mut o.app_certificate),
    )?;
    let (issue, life) = issue_and_life(o.issued_at, o.salt, expiry(o.expires_in, o.expires_at)?)?;
    Ok((o, creds, issue, life))
}

/// The APaaS role (absent: `None`), an integer in `-32768..=32767`.
fn apaas_role(v: &Raw) -> Out<Option<i16>> {
    if !v.given() {
        return Ok(None);
    }
    js_i16(&v.0)
        .map(Some)
        .map_err(|rule| coded(ErrorKind::InvalidRole, "role", &rule))
}

/// The headline RTC role (absent: `None`), `"publisher"` or `"subscriber"`.
fn role_name(v: &Raw) -> Out<Option<RoleName>> {
    if !v.given() {
        return Ok(None);
    }
    RoleName::from_js(&v.0)
        .map(Some)
        .map_err(|rule| coded(ErrorKind::InvalidRole, "role", &rule))
}

/// `buildRtmToken(options)`: an RTM token in either format.
#[wasm_bindgen(js_name = buildRtmToken)]
pub fn build_rtm_token(options: JsValue) -> JsOut {
    out((|| {
        let o = read_options(&options, "options", known::RTM)?;
        let creds = creds(o.app_id, o.app_certificate)?;
        let opts = RtmOptions {
            user_id: required(o.user_id, ErrorKind::InvalidField, "userId")?,
            expiry: expiry(o.expires_in, o.expires_at)?,
            version: version(o.version),
            issue: Some(options::issue(o.issued_at.0, o.salt.0)?),
        };
        Ok(JsValue::from_str(&options::build_rtm_token(&creds, &opts)?))
    })())
}

/// `buildChatUserToken(options)`: a 007 Chat user token.
#[wasm_bindgen(js_name = buildChatUserToken)]
pub fn build_chat_user_token(options: JsValue) -> JsOut {
    out((|| {
        let (o, creds, issue, life) = read007(&options, known::CHAT_USER)?;
        let user_id = required(o.user_id, ErrorKind::InvalidField, "userId")?;
        sign(&creds, Ok(builders::chat_user(issue, &user_id, life)))
    })())
}

/// `buildChatAppToken(options)`: a 007 Chat app token.
#[wasm_bindgen(js_name = buildChatAppToken)]
pub fn build_chat_app_token(options: JsValue) -> JsOut {
    out((|| {
        let (_, creds, issue, life) = read007(&options, known::SERVICE)?;
        sign(&creds, Ok(builders::chat_app(issue, life)))
    })())
}

/// `buildApaasAppToken(options)`: a 007 APaaS app token.
#[wasm_bindgen(js_name = buildApaasAppToken)]
pub fn build_apaas_app_token(options: JsValue) -> JsOut {
    out((|| {
        let (_, creds, issue, life) = read007(&options, known::SERVICE)?;
        sign(&creds, Ok(builders::apaas_app(issue, life)))
    })())
}

/// `buildApaasUserToken(options)`: a 007 APaaS user token.
#[wasm_bindgen(js_name = buildApaasUserToken)]
pub fn build_apaas_user_token(options: JsValue) -> JsOut {
    out((|| {
        let (o, creds, issue, life) = read007(&options, known::APAAS_USER)?;
        let user = required(o.user_uuid, ErrorKind::InvalidField, "userUuid")?;
        sign(&creds, Ok(builders::apaas_user(issue, &user, life)))
    })())
}

/// `buildApaasRoomUserToken(options)`: a 007 APaaS room-user token.
#[wasm_bindgen(js_name = buildApaasRoomUserToken)]
pub fn build_apaas_room_user_token(options: JsValue) -> JsOut {
    out((|| {
        let (o, creds, issue, life) = read007(&options, known::APAAS_ROOM_USER)?;
        let role = apaas_role(&o.role)?.ok_or_else(|| {
            coded(
                ErrorKind::InvalidRole,
                "role",
                "is required (an integer in -32768..=32767)",
            )
        })?;
        let room = required(o.room_uuid, ErrorKind::InvalidField, "roomUuid")?;
        let user = required(o.user_uuid, ErrorKind::InvalidField, "userUuid")?;
        sign(
            &creds,
            Ok(builders::apaas_room_user(issue, &room, &user, role, life)),
        )
    })())
}

/// `buildFpaToken(options)`: a 007 FPA token.
#[wasm_bindgen(js_name = buildFpaToken)]
pub fn build_fpa_token(options: JsValue) -> JsOut {
    out((|| {
        let o = read_options(&options, "options", known::FPA)?;
        let creds = creds(o.app_id, o.app_certificate)?;
        let issue = options::issue(o.issued_at.0, o.salt.0)?;
        sign(&creds, Ok(builders::fpa(issue)))
    })())
}

/// `buildRtcRtmToken(options)`: a 007 RTC + RTM token.
#[wasm_bindgen(js_name = buildRtcRtmToken)]
pub fn build_rtc_rtm_token(options: JsValue) -> JsOut {
    out((|| {
        let (o, creds, issue, life) = read007(&options, known::RTC_RTM)?;
        let rtc_user = rtc_user(o.uid, o.account)?;
        let channel_name = required(o.channel_name, ErrorKind::InvalidChannelName, "channelName")?;
        let privileges = rtc_privileges(&o.privileges)?.unwrap_or(RtcPrivilegeExpiries::all(life));
        let rtm_user_id = o.rtm_user_id.0.unwrap_or_else(|| rtc_user.wire());
        let p = RtcRtm2 {
            channel_name,
            rtc_user,
            role: role(role_name(&o.role)?),
            rtc_token_expire: life,
            privileges,
            rtm_user_id,
            rtm_token_expire: o.rtm_expires_in.0.unwrap_or(life),
        };
        sign(&creds, Ok(builders::rtc_rtm2(issue, &p)))
    })())
}

/// The array of strings `v` (a permission's resource names).
#[inline(never)]
fn names(v: &JsValue) -> Out<Vec<String>> {
    let bad = |rule: &str| coded(ErrorKind::InvalidField, "permissions", rule);
    let Some(list) = v.dyn_ref::<js_sys::Array>() else {
        return Err(bad(&format!(
            "must list resource names in an array of strings (got {})",
            super::options::type_name(v)
        )));
    };
    if list.length() > u32::from(u16::MAX) {
        return Err(coded(
            ErrorKind::FieldTooLong,
            "permissions",
            "may list at most 65535 entries",
        ));
    }
    list.iter()
        .map(|s| super::options::js_text(&s).map_err(|rule| bad(&rule)))
        .collect()
}

/// The named RTM2 permissions: `{ messageChannels?: { read?: string[], write?: string[] }, … }`.
#[inline(never)]
pub fn named_permissions(v: &JsValue) -> Out<Permissions> {
    let given = entries(v, "permissions")?;
    let mut out = Permissions::new();
    let resource_names = || {
        ResourceType::ALL
            .iter()
            .map(|r| r.name())
            .collect::<Vec<_>>()
            .join(", ")
    };
    for (name, _) in &given {
        if !ResourceType::ALL.iter().any(|r| r.name() == name) {
            return Err(coded(
                ErrorKind::InvalidField,
                "permissions",
                &format!(
                    "has no resource type of that name; the types are {}",
                    resource_names()
                ),
            ));
        }
    }
    for r in ResourceType::ALL {
        let Some((_, kinds)) = given.iter().find(|(name, _)| name == r.name()) else {
            continue;
        };
        let kinds = entries(kinds, "permissions")?;
        out.clear_resource(r);
        for (kind, list) in kinds {
            let Some(p) = PermissionType::ALL.iter().find(|p| p.name() == kind) else {
                let all: Vec<&str> = PermissionType::ALL.iter().map(|p| p.name()).collect();
                return Err(coded(
                    ErrorKind::InvalidField,
                    "permissions",
                    &format!(
                        "has no permission type of that name; the types are {}",
                        all.join(", ")
                    ),
                ));
            };
            out.set(r, *p, names(&list)?);
        }
    }
    Ok(out)
}

/// The permissions of `RtmTokenBuilder2.buildTokenWithPermissions`: npm `agora-token`'s
/// `Rtm2Permissions` (`{ details: { [resourceType]: { [permissionType]: string[] } } }`,
/// by wire id), or the named form.
pub fn dropin_permissions(v: &JsValue) -> Out<Permissions> {
    let bad = || {
        coded(
            ErrorKind::InvalidField,
            "permissions",
            "details must map resource type (0-4) to permission type (0-1) to an array of strings",
        )
    };
    if !v.is_object() {
        return Err(coded(
            ErrorKind::InvalidField,
            "permissions",
            &format!(
                "must be an Rtm2Permissions object (got {})",
                super::options::type_name(v)
            ),
        ));
    }
    let details = js_sys::Reflect::get(v, &JsValue::from_str("details"))
        .map_err(|_| coded(ErrorKind::InvalidField, "permissions", "could not be read"))?;
    if details.is_undefined() {
        return named_permissions(v);
    }
    let given = entries(&details, "permissions").map_err(|_| bad())?;
    let mut out = Permissions::new();
    for (key, kinds) in given {
        let r = key
            .parse::<u16>()
            .ok()
            .and_then(ResourceType::from_id)
            .ok_or_else(bad)?;
        let kinds = entries(&kinds, "permissions").map_err(|_| bad())?;
        out.clear_resource(r);
        for (kind, list) in kinds {
            let p = kind
                .parse::<u16>()
                .ok()
                .and_then(PermissionType::from_id)
                .ok_or_else(bad)?;
            out.set(r, p, names(&list)?);
        }
    }
    Ok(out)
}

/// `buildRtmPermissionsToken(options)`: a 007 RTM token with resource permissions.
#[wasm_bindgen(js_name = buildRtmPermissionsToken)]
pub fn build_rtm_permissions_token(options: JsValue) -> JsOut {
    out((|| {
        let (o, creds, issue, life) = read007(&options, known::RTM_PERMISSIONS)?;
        let perms = named_permissions(&o.permissions.0)?;
        let user_id = required(o.user_id, ErrorKind::InvalidField, "userId")?;
        sign(
            &creds,
            Ok(builders::rtm_with_permissions(issue, &user_id, perms, life)),
        )
    })())
}

/// A service object read, as the core's codecs read a service ([`Source`]).
struct GivenService {
    options: HeadlineOptions,
    role: Option<i16>,
    user: Option<RtcUser>,
    privileges: PrivilegeMap,
    permissions: Permissions,
}

impl Source for GivenService {
    fn privileges(&mut self) -> crate::Result<PrivilegeMap> {
        Ok(std::mem::take(&mut self.privileges))
    }

    fn text(&mut self, field: Field) -> crate::Result<String> {
        let o = &mut self.options;
        let text = match field {
            Field::Uid => return Ok(self.user.as_ref().map(RtcUser::wire).unwrap_or_default()),
            Field::ChannelName => &mut o.channel_name,
            Field::UserId => &mut o.user_id,
            Field::RoomUuid => &mut o.room_uuid,
            Field::UserUuid => &mut o.user_uuid,
            _ => &mut o.account,
        };
        Ok(text.0.take().unwrap_or_default())
    }

    fn role(&mut self) -> crate::Result<i16> {
        Ok(self.role.unwrap_or(-1))
    }

    fn permissions(&mut self) -> crate::Result<Permissions> {
        Ok(std::mem::take(&mut self.permissions))
    }
}

/// One service of `buildToken`, read with the core's codec for its type.
#[inline(never)]
fn service(v: &JsValue) -> Out<Service> {
    let o = read_options(v, "services", known::SERVICE_OBJECT)?;
    let role = apaas_role(&o.role)?;
    let name = o.kind.0.clone().ok_or_else(|| {
        coded(
            ErrorKind::InvalidField,
            "type",
            "is required (a service type name)",
        )
    })?;
    let Some(t) = ServiceType::from_name(&name) else {
        let all: Vec<&str> = ServiceType::ALL.iter().map(|t| t.name()).collect();
        return Err(coded(
            ErrorKind::InvalidField,
            "type",
            &format!("must be one of {}", all.join(", ")),
        ));
    };
    let fields = t.fields();
    // rtc's uid is a uid or an account; other services name their account field.
    let account = if fields.contains(&Field::Uid) {
        Field::Uid
    } else {
        Field::Account
    };
    let given = [
        (Field::ChannelName, o.channel_name.0.is_some()),
        (Field::Uid, !matches!(o.uid, UidValue::Absent)),
        (account, o.account.0.is_some()),
        (Field::UserId, o.user_id.0.is_some()),
        (Field::RoomUuid, o.room_uuid.0.is_some()),
        (Field::UserUuid, o.user_uuid.0.is_some()),
        (Field::Role, role.is_some()),
        (Field::Permissions, o.permissions.given()),
    ];
    if let Some((f, _)) = given.iter().find(|(f, g)| *g && !fields.contains(f)) {
        return Err(coded(
            ErrorKind::InvalidField,
            f.js_name(),
            &format!("is not a field of a {} service", t.name()),
        ));
    }
    let privileges = privilege_map(&o.privileges, t)?;
    let permissions = if o.permissions.given() {
        named_permissions(&o.permissions.0)?
    } else {
        Permissions::new()
    };
    let mut options = o;
    let user = if fields.contains(&Field::Uid) {
        Some(rtc_user(
            std::mem::take(&mut options.uid),
            std::mem::take(&mut options.account),
        )?)
    } else {
        None
    };
    let mut given = GivenService {
        options,
        role,
        user,
        privileges,
        permissions,
    };
    let s = Service::read(t, &mut given)?;
    match s.unknown_privilege() {
        Some(_) => Err(coded(
            ErrorKind::InvalidField,
            "privileges",
            "has a privilege the service type does not define",
        )),
        None => Ok(s),
    }
}

/// The most services one token may list.
const MAX_SERVICES: u32 = 64;

/// `buildToken(options)`: a 007 token with the given services.
#[wasm_bindgen(js_name = buildToken)]
pub fn build_token(options: JsValue) -> JsOut {
    out((|| {
        let (o, creds, issue, life) = read007(&options, known::TOKEN)?;
        let Some(list) = o.services.0.dyn_ref::<js_sys::Array>() else {
            return Err(coded(
                ErrorKind::NoServices,
                "services",
                &format!(
                    "must be an array of service objects (got {})",
                    super::options::type_name(&o.services.0)
                ),
            ));
        };
        if list.length() > MAX_SERVICES {
            return Err(coded(
                ErrorKind::FieldTooLong,
                "services",
                "may list at most 64 services",
            ));
        }
        let mut token = AccessToken2::new(issue.issue_ts, life, issue.salt);
        for s in list.iter() {
            token.add(service(&s)?);
        }
        sign(&creds, Ok(token))
    })())
}
