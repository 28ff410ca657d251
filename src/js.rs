//! The wasm-bindgen exports of the npm package `agora-token-wasm` (cargo feature `js`).
//!
//! The package's public API is a thin JavaScript layer (`pkg-template/api.js`) over these
//! exports: it checks the JavaScript types of the arguments and options objects and passes
//! primitives here; the core applies every value rule. A wrong type, `undefined`, NaN, a
//! fraction or an oversized string becomes a JS `Error` with a stable `code` (thrown by
//! the JS layer, or converted from the core's [`Error`](crate::Error) here), never a
//! wasm-bindgen type error or a trap.
//!
//! - [`exports`]: the token builders, taking positional primitive arguments (the 007
//!   builders through one export, `token007`);
//! - [`creds`]: the last credentials, which are reused across calls;
//! - [`headline`]: `buildToken`, `buildRtmPermissionsToken`;
//! - `reader` (feature `js-read`): `inspectToken`, `verifyToken`;
//! - [`json`]: the JSON text of inspection and verification results;
//! - [`error`]: the one error conversion;
//! - [`services`]: the JS layer's encoding of services and permissions;
//! - [`boundary`]: the codes of the boundary's one encoding;
//! - `vocab` (a test module): the generated vocabulary (`pkg-template/generated/`).

pub(crate) mod boundary;
pub(crate) mod creds;
pub(crate) mod error;
pub(crate) mod exports;
pub(crate) mod headline;
#[cfg(feature = "js-read")]
pub(crate) mod json;
#[cfg(feature = "js-read")]
pub(crate) mod reader;
pub(crate) mod services;
// The generator of pkg-template/generated/ runs as a test (pkg-template/build.sh).
#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) mod vocab;

#[cfg(all(test, target_arch = "wasm32", feature = "js-read"))]
mod wasm_tests;
