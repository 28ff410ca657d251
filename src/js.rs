//! The wasm-bindgen exports of the npm package `agora-token-wasm` (cargo feature `js`).
//!
//! The headline exports take the caller's options object and read it here with serde
//! ([`options`]); the drop-in classes of the JS layer (`pkg-template/js/dropins.js`) keep their
//! positional signatures and call [`exports`]. The core applies every value rule. A wrong
//! type, an unknown option, `undefined`, NaN, a fraction or an oversized string becomes a
//! JS `Error` with a stable `code` naming the field, never a wasm-bindgen type error or a
//! trap.
//!
//! - [`headline`]: `buildRtcToken`, `buildRtmToken`, the service builders,
//!   `buildRtmPermissionsToken`, `buildToken`;
//! - `reader` (feature `js-read`): `inspectToken`, `verifyToken`, whose results are the
//!   core's serde model written by serde-wasm-bindgen;
//! - [`options`]: options objects read with serde (serde-wasm-bindgen);
//! - [`exports`]: the drop-in classes' builders, taking positional primitive arguments
//!   (the 007 builders through one export, `token007`);
//! - [`creds`]: the last credentials, which are reused across calls;
//! - [`error`]: the one error conversion;
//! - [`boundary`]: the codes the drop-in classes pass;
//! - `vocab` (a test module): the generated vocabulary (`pkg-template/generated/`).

pub(crate) mod boundary;
pub(crate) mod creds;
pub(crate) mod error;
pub(crate) mod exports;
pub(crate) mod headline;
pub(crate) mod options;
#[cfg(feature = "js-read")]
pub(crate) mod reader;
// The generator of pkg-template/generated/ runs as a test (pkg-template/build.sh).
#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) mod vocab;

#[cfg(all(test, target_arch = "wasm32", feature = "js-read"))]
mod wasm_tests;
