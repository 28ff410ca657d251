//! The token server: issues and inspects Agora tokens over HTTP, with caller auth, CORS and
//! expiry policy.
//!
//! One async handler ([`handle`]) owns each request, over a small [`Platform`] trait for
//! what the platform gives (clock, salts, the JWKS fetch, signature checks, the rate
//! limit, the audit and metrics sinks). On `wasm32` it is the Cloudflare Worker (`cloudflare`, on workers-rs); natively
//! [`native::Local`] runs it for the tests and the fuzz target, and `server` (feature
//! `server`) is the native token server `agora-token-server`. The inspector page is not
//! part of the module: it is served as Workers Static Assets (`[assets]` in
//! `wrangler.toml`, built by `worker/page/build.sh`), before the Worker runs.
//!
//! | module | concern |
//! |---|---|
//! | [`handler`] | the one pass per request, and the [`Server`] state |
//! | [`platform`] | what the platform gives the handler |
//! | [`audit`] | the audit record of every token decision, and its metrics data point |
//! | [`settings`] | every variable, validated once |
//! | [`secret`] | the secret settings' type |
//! | [`http`] | the plain request/response types and the body limit |
//! | [`routes`] | path → route, methods, percent-decoding |
//! | [`auth`] | who is calling: the API key or the caller's JWT |
//! | [`jwt`] | caller JWTs: the JWS, claims, JWKS and its cache |
//! | [`identity`] | the identity bound to every token in the JWT mode |
//! | [`ratelimit`] | the per-caller rate limit's key and answer |
//! | [`cors`] | the origin allow-list and preflights |
//! | [`hosts`] | the `Host` syntax and allow-list |
//! | [`body`] | content type, size and JSON fields |
//! | [`tokens`] | issuing tokens under the policy |
//! | [`api`] | the route bodies |
//! | [`errors`] | JSON errors with stable codes |
#![forbid(unsafe_code)]

pub mod api;
pub mod audit;
pub mod auth;
pub mod body;
pub mod cors;
pub mod errors;
pub mod handler;
pub mod hosts;
pub mod http;
pub mod identity;
pub mod jwt;
pub mod platform;
pub mod ratelimit;
pub mod routes;
pub mod secret;
pub mod settings;
pub mod tokens;

#[cfg(not(target_arch = "wasm32"))]
pub mod native;

#[cfg(all(feature = "server", not(target_arch = "wasm32")))]
pub mod server;

#[cfg(target_arch = "wasm32")]
mod cloudflare;

pub use errors::ApiError;
pub use handler::{handle, Server};
pub use http::{HttpRequest, HttpResponse, MAX_BODY_BYTES};
pub use platform::Platform;
pub use secret::Secret;
pub use settings::{Settings, Vars};
