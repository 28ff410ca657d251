//! The exports behind the rarer headline functions: the generic `buildToken`,
//! `buildRtmPermissionsToken`, `inspectToken` and `verifyToken`. Like the builders in
//! [`super::exports`], they take positional primitives: the JS layer checks the options
//! objects and encodes nested ones (services, permissions; see [`super::services`]).

// The JS layer passes the options positionally.
#![allow(clippy::too_many_arguments)]

use wasm_bindgen::prelude::*;

use super::error::{js, JsOut};
use super::exports::sign007;
use super::json;
use super::services::{self, Encoded};
use crate::builders;
use crate::clock;
use crate::credentials::AppCertificate;
use crate::error::{Field, Result};
use crate::inspect::inspect;
use crate::rtc::RtcUser;
use crate::v007::AccessToken2;
use crate::validate;
use crate::verify::{check, verify, Expected};

/// Builds a 007 RTM token with resource permissions (service 8): `buildRtmPermissionsToken`
/// and `RtmTokenBuilder2.buildTokenWithPermissions`. The JS layer checks the options and
/// encodes the permissions, either npm `agora-token`'s `Rtm2Permissions` or the named form
/// (see [`services`]).
#[wasm_bindgen(js_name = buildRtmPermissionsToken)]
pub fn build_rtm_permissions_token(
    app_id: &str,
    certificate: &str,
    life_kind: u8,
    life: u32,
    issued_at: Option<u32>,
    salt: Option<u32>,
    user_id: &str,
    nums: &[u32],
    strs: Vec<String>,
) -> JsOut {
    sign007(
        app_id,
        certificate,
        issued_at,
        salt,
        life_kind,
        life,
        |issue, life| {
            let perms = services::permissions(&mut Encoded::new(nums, strs))?;
            Ok(builders::rtm_with_permissions(issue, user_id, perms, life))
        },
    )
}

/// Builds a 007 token with `count` services (`buildToken`), which the JS layer checks and
/// encodes (see [`services`]).
#[wasm_bindgen(js_name = buildToken)]
pub fn build_token(
    app_id: &str,
    certificate: &str,
    life_kind: u8,
    life: u32,
    issued_at: Option<u32>,
    salt: Option<u32>,
    count: u32,
    nums: &[u32],
    strs: Vec<String>,
) -> JsOut {
    sign007(
        app_id,
        certificate,
        issued_at,
        salt,
        life_kind,
        life,
        |issue, life| {
            let mut e = Encoded::new(nums, strs);
            let mut token = AccessToken2::new(issue.issue_ts, life, issue.salt);
            for _ in 0..count {
                token.add(services::service(&mut e)?);
            }
            Ok(token)
        },
    )
}

/// `now` as the JS layer encodes it: 0 = the clock, 1 = none (`null`), 2 = `value`.
fn now_arg(kind: u8, value: u32) -> Result<Option<u32>> {
    match kind {
        0 => clock::now().map(Some),
        1 => Ok(None),
        _ => Ok(Some(value)),
    }
}

/// Describes any 006 or 007 token as a plain object. `now_kind`/`now` (see `now_arg`;
/// the JS layer checks the types) decide `expired`.
///
/// Returns the description as JSON text; the JS layer parses it.
#[wasm_bindgen(js_name = inspectToken)]
pub fn inspect_token(token: &str, now_kind: u8, now: u32) -> JsOut {
    js((|| {
        Ok(json::token_info_json(&inspect(
            token,
            now_arg(now_kind, now)?,
        )?))
    })())
}

/// Verifies a token with the core's one verification ([`crate::verify`], or without a
/// certificate [`crate::check`]): the signature, and what the caller expects: app id,
/// channel name, the RTC user (`user_kind` 0 = `uid`, 1 = the decimal uid `text`, 2 = the
/// account `text`, 3 = none, 4 = a uid or account typed as one `text`, see
/// [`RtcUser::from_text`]), the RTM/Chat `user_id`, the APaaS `room_uuid` and `user_uuid`,
/// `now` as in [`inspect_token`] and the `leeway` in seconds. The JS layer checks the types.
/// A malformed token is not an exception: it gives `{ valid: false, reason: "MALFORMED" }`.
///
/// Returns the result as JSON text; the JS layer parses it.
#[wasm_bindgen(js_name = verifyToken)]
pub fn verify_token(
    token: &str,
    certificate: Option<String>,
    now_kind: u8,
    now: u32,
    leeway: u32,
    app_id: Option<String>,
    channel_name: Option<String>,
    user_kind: u8,
    uid: u32,
    text: String,
    user_id: Option<String>,
    room_uuid: Option<String>,
    user_uuid: Option<String>,
) -> JsOut {
    js((|| {
        let certificate = certificate.map(AppCertificate::new).transpose()?;
        let user = match user_kind {
            0 => Some(RtcUser::Uid(uid)),
            1 => Some(RtcUser::Uid(validate::parse_uid(Field::Uid, &text)?)),
            2 => Some(RtcUser::Account(text)),
            4 => Some(RtcUser::from_text(&text)?),
            _ => None,
        };
        let exp = Expected {
            app_id,
            channel_name,
            user,
            user_id,
            room_uuid,
            user_uuid,
            now: now_arg(now_kind, now)?,
            leeway,
        };
        let v = match &certificate {
            Some(cert) => verify(token, cert, &exp),
            None => check(token, &exp),
        };
        Ok(json::verification_json(&v))
    })())
}
