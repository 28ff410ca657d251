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
//! - [`headline`]: `buildToken`, `buildRtmPermissionsToken`, `inspectToken`, `verifyToken`;
//! - [`json`]: the JSON text of inspection and verification results;
//! - [`error`]: the one error conversion;
//! - [`services`]: the JS layer's encoding of services and permissions.

pub(crate) mod creds;
pub(crate) mod error;
pub(crate) mod exports;
pub(crate) mod headline;
pub(crate) mod json;
pub(crate) mod services;

#[cfg(all(test, target_arch = "wasm32"))]
mod wasm_tests;
