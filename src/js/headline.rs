//! The exports that read whole JavaScript objects: the generic `buildToken`, the RTM
//! permissions builders, `inspectToken` and `verifyToken`. They are rare calls with nested
//! options, so they read JS values here (see [`super::args`]); the hot builders take
//! positional primitives instead ([`super::exports`]).

use wasm_bindgen::prelude::*;

use super::args::{self, Opts};
use super::error::{js, JsResult};
use super::json;
use super::services;
use crate::builders;
use crate::error::{Error, ErrorKind, Result};
use crate::inspect::inspect;
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

fn now_or(v: &JsValue, field: &'static str) -> Result<Option<u32>> {
    if v.is_undefined() {
        return clock::now().map(Some);
    }
    if v.is_null() {
        return Ok(None);
    }
    args::u32_value(ErrorKind::InvalidField, field, v).map(Some)
}

/// Describes any 006 or 007 token as a plain object. `now` (unix seconds, default the
/// current time) decides `expired`.
///
/// Returns the description as JSON text; the JS layer parses it.
#[wasm_bindgen(js_name = inspectToken)]
pub fn inspect_token(
    #[wasm_bindgen(unchecked_param_type = "string")] token: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] now: Option<JsValue>,
) -> JsResult<String> {
    js((|| {
        let token = args::string(ErrorKind::MalformedToken, "token", &token)?;
        let now = now_or(&now.unwrap_or(JsValue::UNDEFINED), "now")?;
        Ok(json::token_info_json(&inspect(&token, now)?))
    })())
}

/// Verifies a token's signature with `appCertificate`, and checks what the caller expects
/// (`appId`, `channelName`, `uid`/`account`, `now`). A malformed token is not an exception:
/// it gives `{ valid: false, reason: "MALFORMED" }`.
///
/// Returns the result as JSON text; the JS layer parses it.
#[wasm_bindgen(js_name = verifyToken)]
pub fn verify_token(
    #[wasm_bindgen(unchecked_param_type = "string")] token: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] app_certificate: JsValue,
    #[wasm_bindgen(unchecked_param_type = "VerifyExpectations")] expected: Option<JsValue>,
) -> JsResult<String> {
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
        Ok(json::verification_json(&verify(&token, &certificate, &exp)))
    })())
}
