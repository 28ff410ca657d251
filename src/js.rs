//! The wasm-bindgen exports of the npm package `agora-token-wasm` (cargo feature `js`).
//!
//! This layer is thin: it reads JavaScript values into the core's types, calls the core,
//! and turns the result (or the core's [`Error`](crate::Error)) back into JavaScript.
//! Every argument arrives as a raw [`JsValue`](wasm_bindgen::JsValue) and is checked here,
//! so a wrong type, `undefined`, NaN, a fraction or an oversized string becomes a JS
//! `Error` with a stable `code` instead of a wasm-bindgen type error or a trap.
//!
//! - [`headline`]: `buildRtcToken`, `buildRtmToken` and the builders of the other services,
//!   `buildToken`, `inspectToken`, `verifyToken`;
//! - [`compat`]: the seed-compatible 006 classes (`RtcTokenBuilder`, `RtmTokenBuilder`,
//!   `RtcRole`, `RtmRole`) and npm `agora-token`'s 007 classes (`RtcTokenBuilder2`, …);
//! - [`args`]: reading and checking JS values; [`error`]: the one error conversion;
//! - [`services`]: the service objects of the generic `buildToken`;
//! - [`typings`]: the TypeScript declarations of the option objects.

pub mod args;
pub mod compat;
pub mod error;
pub mod headline;
pub mod services;
pub mod typings;

pub use error::to_js_error;
