//! The exports that read tokens: `inspectToken` and `verifyToken` (cargo feature
//! `js-read`, on for the package's main entry, off for the builder-only `./build` entry:
//! what they pull in, the parser, inflate, verification and the JSON output, is about 40% of
//! the module). Like the builders, they take positional primitives (see
//! [`super::boundary`]).

// The JS layer passes the expectations positionally.
#![allow(clippy::too_many_arguments)]

use wasm_bindgen::prelude::*;

use super::boundary::{NowKind, UserKind};
use super::error::{js, JsOut};
use super::json;
use crate::clock;
use crate::credentials::AppCertificate;
use crate::error::{Field, Result};
use crate::inspect::inspect;
use crate::rtc::RtcUser;
use crate::validate;
use crate::verify::{check, verify, Expected};

/// `now` as the JS layer encodes it ([`NowKind`]).
#[inline(never)]
fn now_arg(kind: u8, value: u32) -> Result<Option<u32>> {
    match NowKind::from_code(kind)? {
        NowKind::Clock => clock::now().map(Some),
        NowKind::Never => Ok(None),
        NowKind::At => Ok(Some(value)),
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

/// Verifies a token with the core's one verification ([`crate::verify()`], or without a
/// certificate [`crate::check`]): the signature, and what the caller expects: app id,
/// channel name, the RTC user (`user_kind`, [`UserKind`]: `uid`, the decimal uid `text`,
/// the account `text`, none, or a uid or account typed as one `text`, see
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
        let user = match UserKind::from_code(user_kind)? {
            UserKind::Uid => Some(RtcUser::Uid(uid)),
            UserKind::UidText => Some(RtcUser::Uid(validate::parse_uid(Field::Uid, &text)?)),
            UserKind::Account => Some(RtcUser::Account(text)),
            UserKind::Text => Some(RtcUser::from_text(&text)?),
            UserKind::UidOrAccount => Some(RtcUser::from_uid_text(Field::Uid, &text)?),
            UserKind::None => None,
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
