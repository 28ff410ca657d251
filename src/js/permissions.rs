//! `RtmTokenBuilder2.buildTokenWithPermissions` (npm `agora-token`'s positional form),
//! reading its permissions object from JavaScript.

use std::collections::BTreeMap;

use js_sys::Object;
use wasm_bindgen::prelude::*;

use super::args::{self, Opts};
use super::error::{js, JsResult};
use super::headline::permissions as named_permissions;
use crate::builders;
use crate::clock::Issue;
use crate::credentials::Credentials;
use crate::error::{Error, ErrorKind, Result};
use crate::options;
use crate::v007::{AccessToken2, PermissionType, Permissions, ResourceType};

fn creds(app_id: &JsValue, app_certificate: &JsValue) -> Result<Credentials> {
    Credentials::new(
        args::string(ErrorKind::InvalidAppId, "appId", app_id)?,
        args::string(
            ErrorKind::InvalidAppCertificate,
            "appCertificate",
            app_certificate,
        )?,
    )
}

/// The optional last argument `{ issuedAt?, salt? }`.
fn issue(v: &Option<JsValue>) -> Result<Issue> {
    let v = v.clone().unwrap_or(JsValue::UNDEFINED);
    match Opts::optional("reproducible", &v, &["issuedAt", "salt"])? {
        Some(o) => o.issue(),
        None => options::issue(None, None),
    }
}

fn sign(
    app_id: &JsValue,
    app_certificate: &JsValue,
    claims: impl FnOnce() -> Result<AccessToken2>,
) -> JsResult<String> {
    js((|| {
        let creds = creds(app_id, app_certificate)?;
        claims()?.build(&creds)
    })())
}

/// Reads npm `agora-token`'s `Rtm2Permissions` (`{ details: { [resourceType]: {
/// [permissionType]: string[] } } }`), or the named form
/// `{ messageChannels: { read: [...] }, … }`.
fn rtm2_permissions(v: &JsValue) -> Result<Permissions> {
    if !v.is_object() {
        return Err(args::wrong_type(
            ErrorKind::InvalidField,
            "permissions",
            "an Rtm2Permissions object",
            v,
        ));
    }
    let details = js_sys::Reflect::get(v, &JsValue::from_str("details"))
        .map_err(|_| Error::new(ErrorKind::InvalidField, "permissions", "could not be read"))?;
    if details.is_undefined() {
        return named_permissions(v);
    }
    let bad = || {
        Error::new(
            ErrorKind::InvalidField,
            "permissions",
            "details must map resource type (0-4) to permission type (0-1) to an array of strings",
        )
    };
    if !details.is_object() {
        return Err(bad());
    }
    let mut out = Permissions::new();
    for entry in Object::entries(details.unchecked_ref::<Object>()).iter() {
        let pair: js_sys::Array = entry.unchecked_into();
        let res = pair
            .get(0)
            .as_string()
            .and_then(|k| k.parse::<u16>().ok())
            .and_then(ResourceType::from_id)
            .ok_or_else(bad)?;
        let kinds = pair.get(1);
        if !kinds.is_object() {
            return Err(bad());
        }
        let mut map = BTreeMap::new();
        for inner in Object::entries(kinds.unchecked_ref::<Object>()).iter() {
            let pair: js_sys::Array = inner.unchecked_into();
            let kind = pair
                .get(0)
                .as_string()
                .and_then(|k| k.parse::<u16>().ok())
                .and_then(PermissionType::from_id)
                .ok_or_else(bad)?;
            map.insert(
                kind,
                args::string_array(ErrorKind::InvalidField, "permissions", &pair.get(1))?,
            );
        }
        out.insert(res, map);
    }
    Ok(out)
}

/// RTM login with resource permissions (service 8). `permissions` is npm
/// `agora-token`'s `Rtm2Permissions` (anything with its `details` shape) or the named
/// form `{ messageChannels: { read: [...] }, … }`.
#[wasm_bindgen(js_name = rtm2PermissionsToken)]
pub fn build_token_with_permissions(
    #[wasm_bindgen(js_name = appId, unchecked_param_type = "string")] app_id: JsValue,
    #[wasm_bindgen(js_name = appCertificate, unchecked_param_type = "string")]
    app_certificate: JsValue,
    #[wasm_bindgen(js_name = userId, unchecked_param_type = "string")] user_id: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Rtm2PermissionsLike | RtmPermissions")]
    permissions: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] expire: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Reproducible")] reproducible: Option<JsValue>,
) -> JsResult<String> {
    sign(&app_id, &app_certificate, || {
        let user_id = args::string(ErrorKind::InvalidField, "userId", &user_id)?;
        let permissions = rtm2_permissions(&permissions)?;
        let expire = args::u32_value(ErrorKind::InvalidExpiry, "expire", &expire)?;
        Ok(builders::rtm_with_permissions(
            issue(&reproducible)?,
            &user_id,
            permissions,
            expire,
        ))
    })
}
