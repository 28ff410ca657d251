//! The exports that read whole JavaScript objects: the generic `buildToken`, the RTM
//! permissions builders, `inspectToken` and `verifyToken`. They are rare calls with nested
//! options, so they read JS values here (see [`super::args`]); the hot builders take
//! positional primitives instead ([`super::exports`]).

use wasm_bindgen::prelude::*;

use super::args::{self, Opts};
use super::error::{js, JsResult};
use super::json;
use super::services;
use crate::builders::{self, RtcUser};
use crate::credentials::AppCertificate;
use crate::error::{Error, ErrorKind, Result};
use crate::inspect::inspect;
use crate::v007::{AccessToken2, PermissionType, Permissions, ResourceType};
use crate::verify::{verify, Expected};
use crate::{clock, validate, Credentials};

const ISSUE: [&str; 2] = ["issuedAt", "salt"];

fn keys(specific: &[&'static str]) -> Vec<&'static str> {
    let mut all = vec!["appId", "appCertificate"];
    all.extend_from_slice(specific);
    all.extend_from_slice(&ISSUE);
    all
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
pub fn inspect_token(token: &str, now_kind: u8, now: u32) -> JsResult<String> {
    js((|| {
        Ok(json::token_info_json(&inspect(
            token,
            now_arg(now_kind, now)?,
        )?))
    })())
}

/// Verifies a token's signature with the certificate, and checks what the caller expects
/// (app ID, channel name, user: `user_kind` 0 = `uid`, 1 = the decimal uid `text`, 2 = the
/// account `text`, 3 = none; `now` as in [`inspect_token`]). The JS layer checks the types.
/// A malformed token is not an exception: it gives `{ valid: false, reason: "MALFORMED" }`.
///
/// Returns the result as JSON text; the JS layer parses it.
// The JS layer passes the expectations positionally (9 arguments).
#[allow(clippy::too_many_arguments)]
#[wasm_bindgen(js_name = verifyToken)]
pub fn verify_token(
    token: &str,
    certificate: String,
    now_kind: u8,
    now: u32,
    app_id: Option<String>,
    channel_name: Option<String>,
    user_kind: u8,
    uid: u32,
    text: String,
) -> JsResult<String> {
    js((|| {
        let certificate = AppCertificate::new(certificate)?;
        let user = match user_kind {
            0 => Some(RtcUser::Uid(uid)),
            1 => Some(RtcUser::Uid(validate::parse_uid("uid", &text)?)),
            2 => Some(RtcUser::Account(text)),
            _ => None,
        };
        let exp = Expected {
            app_id,
            channel_name,
            user,
            now: now_arg(now_kind, now)?,
        };
        Ok(json::verification_json(&verify(token, &certificate, &exp)))
    })())
}
