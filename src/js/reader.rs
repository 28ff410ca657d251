//! The exports that read tokens: `inspectToken` and `verifyToken` (cargo feature
//! `js-read`, on for the package's main entry, off for the builder-only `./build` entry:
//! what they pull in, the parser, inflate and verification, is a large part of the module).
//!
//! Their results are the core's serde model ([`TokenInfo`](crate::inspect::TokenInfo),
//! [`Verification`](crate::verify::Verification)) written by serde-wasm-bindgen as plain
//! objects: maps as objects, integers as numbers, absent optional fields left out.

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use super::error::{coded, out, JsOut};
use super::options::{js_text, js_u32, option_code, read, Raw, Text, UidValue, MAX_STRING, U32};
use crate::clock;
use crate::credentials::AppCertificate;
use crate::error::{ErrorKind, Field};
use crate::inspect::inspect;
use crate::rtc::RtcUser;
use crate::validate;
use crate::verify::{check, verify_any, Expected};

/// What the readers here return: the value, or the JS `Error`.
type Out<T> = Result<T, JsValue>;

/// A string argument (`token`, a certificate): longer than [`MAX_STRING`] is
/// `FIELD_TOO_LONG`, anything else wrong is `kind`.
fn text_arg(v: &JsValue, kind: ErrorKind, field: &str) -> Out<String> {
    js_text(v).map_err(|rule| {
        let too_long = v
            .dyn_ref::<js_sys::JsString>()
            .is_some_and(|s| s.length() > MAX_STRING);
        coded(
            if too_long {
                ErrorKind::FieldTooLong
            } else {
                kind
            },
            field,
            &rule,
        )
    })
}

/// `now`: the clock (`undefined`), none (`null`), or the given unix seconds.
fn now_of(v: &JsValue) -> Out<Option<u32>> {
    if v.is_undefined() {
        Ok(Some(clock::now()?))
    } else if v.is_null() {
        Ok(None)
    } else {
        js_u32(v)
            .map(Some)
            .map_err(|rule| coded(ErrorKind::InvalidField, "now", &rule))
    }
}

/// The core's model as a plain JS object.
fn to_js<T: Serialize>(value: &T) -> Out<JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(JsValue::from)
}

/// `inspectToken(token, now?)`: describes any 006 or 007 token as a plain object; `now`
/// (see `now_of`) decides `expired`.
#[wasm_bindgen(js_name = inspectToken)]
pub fn inspect_token(token: JsValue, now: JsValue) -> JsOut {
    out((|| {
        let token = text_arg(&token, ErrorKind::MalformedToken, "token")?;
        to_js(&inspect(&token, now_of(&now)?)?)
    })())
}

// With the feature `ts` this is the package's `VerifyExpectations` type, every field
// optional (src/js/vocab/api.rs); the docs are its JSDoc.
/// What `verifyToken` should check besides the signature: who the client is, and when. Every
/// identity given must be named by the token (a 006 token keeps only the CRC-32 of its
/// channel and uid, so they are compared by CRC).
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "VerifyExpectations"))]
pub(crate) struct ExpectedOptions {
    /// The app id the token must carry.
    app_id: Text,
    /// The channel the client joins (RTC, Streaming, FCDN). Required, with uid or account,
    /// to check the signature of a 006 RTC token.
    channel_name: Text,
    /// The uid the client joins with (a token for uid 0, the wildcard, matches any).
    uid: UidValue,
    /// The account the client joins with.
    account: Text,
    /// The uid or account as one text, as a person types it: decimal digits are a uid,
    /// anything else an account. Not with `uid` or `account`.
    user: Text,
    /// The RTM, RTM2 or Chat user id the client logs in with. For a 006 RTM token (the
    /// seed's `RtmTokenBuilder.buildToken`) it is what the signature covers:
    /// `verifyToken(token, cert, { userId: 'alice' })` is valid for alice only.
    user_id: Text,
    /// The APaaS / Education room uuid.
    room_uuid: Text,
    /// The APaaS / Education user uuid.
    user_uuid: Text,
    /// The current unix time (default: now; `null` skips the expiry check).
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    now: Raw,
    /// Seconds of clock skew tolerated: expired only from `expiresAt + leeway` (default 0).
    leeway: U32,
}

/// The code of an invalid expectation: `user` (a uid or an account as one text) is a uid's.
fn expected_code(key: &str) -> ErrorKind {
    match key {
        "user" => ErrorKind::InvalidUid,
        _ => option_code(key),
    }
}

/// The certificates to verify with: one string, an array of them (the primary first, then
/// those of a rotation), or `null` (the signature is not checked).
fn certificates(v: &JsValue) -> Out<Vec<AppCertificate>> {
    const FIELD: &str = "appCertificate";
    if v.is_null() {
        return Ok(Vec::new());
    }
    let one = |v: &JsValue| -> Out<AppCertificate> {
        Ok(AppCertificate::new(text_arg(
            v,
            ErrorKind::InvalidAppCertificate,
            FIELD,
        )?)?)
    };
    match v.dyn_ref::<js_sys::Array>() {
        Some(list) if list.length() == 0 || list.length() > 8 => Err(coded(
            ErrorKind::InvalidAppCertificate,
            FIELD,
            "must list 1 to 8 certificates",
        )),
        Some(list) => list.iter().map(|c| one(&c)).collect(),
        None if v.is_undefined() => Err(coded(
            ErrorKind::InvalidAppCertificate,
            FIELD,
            "is required: a certificate, an array of certificates (during a rotation), \
             or null (the signature is not checked)",
        )),
        None => one(v).map(|c| vec![c]),
    }
}

/// The expected RTC user: `user` (a uid or an account as one text), or `uid` | `account`.
fn expected_user(o: &mut ExpectedOptions) -> Out<Option<RtcUser>> {
    let uid = std::mem::take(&mut o.uid);
    let account = o.account.0.take();
    let text = o.user.0.take();
    let rtc = !matches!(uid, UidValue::Absent) || account.is_some();
    if text.is_some() && rtc {
        return Err(coded(
            ErrorKind::InvalidUid,
            "user",
            "give user, or uid or account, not both",
        ));
    }
    if let Some(t) = text {
        return Ok(Some(RtcUser::from_text(&t)?));
    }
    Ok(match (uid, account) {
        (UidValue::Absent, None) => None,
        (UidValue::Absent, Some(a)) => Some(RtcUser::Account(a)),
        (_, Some(_)) => {
            return Err(coded(
                ErrorKind::InvalidUid,
                "uid",
                "give either uid or account, not both",
            ))
        }
        (UidValue::Number(n), None) => Some(RtcUser::Uid(n)),
        (UidValue::Text(t), None) => Some(RtcUser::Uid(validate::parse_uid(Field::Uid, &t)?)),
    })
}

/// `verifyToken(token, appCertificate, expected?)`: the core's one verification
/// ([`verify_any`], or without a certificate [`check`]): the signature (by any of the
/// certificates given; the result's `certificate` is the position of the one that signed
/// it), and what the caller expects. A malformed token is not an exception: it gives
/// `{ valid: false, reason: "MALFORMED" }`.
#[wasm_bindgen(js_name = verifyToken)]
pub fn verify_token(token: JsValue, certificate: JsValue, expected: JsValue) -> JsOut {
    out((|| {
        let token = text_arg(&token, ErrorKind::MalformedToken, "token")?;
        let certs = certificates(&certificate)?;
        let mut o: ExpectedOptions = if expected.is_undefined() || expected.is_null() {
            ExpectedOptions::default()
        } else {
            read(&expected, "expected", expected_code)?
        };
        let user = expected_user(&mut o)?;
        let exp = Expected {
            app_id: o.app_id.0,
            channel_name: o.channel_name.0,
            user,
            user_id: o.user_id.0,
            room_uuid: o.room_uuid.0,
            user_uuid: o.user_uuid.0,
            now: now_of(&o.now.0)?,
            leeway: o.leeway.0.unwrap_or_default(),
        };
        let v = if certs.is_empty() {
            check(&token, &exp)
        } else {
            let refs: Vec<&AppCertificate> = certs.iter().collect();
            verify_any(&token, &refs, &exp)
        };
        to_js(&v)
    })())
}
