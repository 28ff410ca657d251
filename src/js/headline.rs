//! The exports behind the rarer headline builders: the generic `buildToken` and
//! `buildRtmPermissionsToken` (`inspectToken` and `verifyToken` are in [`super::reader`]).
//! Like the builders in
//! [`super::exports`], they take positional primitives: the JS layer checks the options
//! objects and encodes nested ones (services, permissions; see [`super::services`]).

// The JS layer passes the options positionally.
#![allow(clippy::too_many_arguments)]

use wasm_bindgen::prelude::*;

use super::error::JsOut;
use super::exports::sign007;
use super::services::{self, Encoded};
use crate::builders;
use crate::v007::AccessToken2;

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
