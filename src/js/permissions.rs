//! `RtmTokenBuilder2.buildTokenWithPermissions` (npm `agora-token`'s positional form). The
//! JS layer checks the arguments and encodes the permissions (either npm `agora-token`'s
//! `Rtm2Permissions` `details` or the named form; see [`super::services`]).

use wasm_bindgen::prelude::*;

use super::error::JsOut;
use super::exports::sign007;
use super::services::{self, Encoded};
use crate::builders;

/// RTM login with resource permissions (service 8); `expire` is seconds after the issue.
#[allow(clippy::too_many_arguments)]
#[wasm_bindgen(js_name = rtm2PermissionsToken)]
pub fn build_token_with_permissions(
    app_id: &str,
    certificate: &str,
    user_id: &str,
    nums: &[u32],
    strs: Vec<String>,
    expire: u32,
    issued_at: Option<u32>,
    salt: Option<u32>,
) -> JsOut {
    sign007(
        app_id,
        certificate,
        issued_at,
        salt,
        0,
        expire,
        |issue, life| {
            let perms = services::permissions(&mut Encoded::new(nums, strs))?;
            Ok(builders::rtm_with_permissions(issue, user_id, perms, life))
        },
    )
}
