//! A Cloudflare Worker that issues and inspects Agora tokens.
//!
//! The inspector page is not part of this module: it is served as Workers Static Assets
//! (`[assets]` in `wrangler.toml`, built by `worker/page/build.sh`), before the Worker runs.
//!
//! The HTTP and policy logic is the pure function [`handle`]: request, environment, time
//! and salts in, response out. It never panics and never touches the platform, so it is
//! tested (and can be fuzzed) natively. On `wasm32` a thin wasm-bindgen adapter (`entry`)
//! feeds it the request, the bindings, `Date.now()` and CSPRNG salts.
//!
//! | module | concern |
//! |---|---|
//! | [`http`] | the plain request/response types and the body limit |
//! | [`config`] | credentials and policy from the environment |
//! | [`routes`] | path → route, methods, percent-decoding |
//! | [`auth`] | the bearer API key |
//! | [`jwt`] | caller JWTs: the JWS, claims, JWKS and its cache, signatures |
//! | [`identity`] | the `AUTH_*` settings and the identity bound to every token |
//! | [`ratelimit`] | the per-caller rate limit (`TOKEN_RATE_LIMITER`) |
//! | [`cors`] | the origin allow-list and preflights |
//! | [`hosts`] | the `Host` allow-list (DNS rebinding) |
//! | [`body`] | content type, size and JSON fields |
//! | [`tokens`] | issuing tokens under the policy |
//! | [`api`] | the route bodies |
//! | [`errors`] | JSON errors with stable codes |
#![forbid(unsafe_code)]

pub mod api;
pub mod auth;
pub mod body;
pub mod config;
pub mod cors;
pub mod errors;
pub mod handler;
pub mod hosts;
pub mod http;
pub mod identity;
pub mod jwt;
pub mod ratelimit;
pub mod routes;
pub mod tokens;

#[cfg(target_arch = "wasm32")]
mod entry;

pub use config::{EnvVars, Policy, Settings};
pub use errors::ApiError;
pub use handler::{handle, handle_as, handle_with};
pub use http::{HttpRequest, HttpResponse, MAX_BODY_BYTES};
pub use identity::{Caller, Identity, Verification};
pub use tokens::SaltSource;
