//! The pure request handler: `(request, environment, now, salts) → response`.
//!
//! It never panics and never reads the clock or the network, so it can be tested and
//! fuzzed natively. The order of checks: route (404) → policy (500) → `Host` allow-list
//! (403) → CORS origin (403, for every request with an `Origin`) → preflight (204) →
//! method (405) → API key or caller JWT (401/403) → rate limit (429) → credentials (500)
//! → body (413, 415, 400) → the route.

use serde_json::{json, Value};

use crate::config::{EnvVars, Settings};
use crate::errors::ApiError;
use crate::http::{HttpRequest, HttpResponse};
use crate::identity::Caller;
use crate::routes::{match_path, Route};
use crate::tokens::{Issuer, SaltSource};
use crate::{api, auth, body, cors, hosts, ratelimit};

/// Answers one request.
///
/// `now` is the current unix time in seconds (the issue time of any token), and `salts`
/// supplies one salt per token.
pub fn handle(
    req: &HttpRequest<'_>,
    env: &EnvVars,
    now: u32,
    salts: &mut dyn SaltSource,
) -> HttpResponse {
    handle_with(req, &Settings::from_env(env), now, salts)
}

/// Answers one request with an environment already validated into [`Settings`] (the
/// Worker keeps them per isolate); the same answer as [`handle`] with that environment.
/// No JWT is verified here: with `AUTH_*` set, every token route is refused (see
/// [`handle_as`]).
pub fn handle_with(
    req: &HttpRequest<'_>,
    settings: &Settings,
    now: u32,
    salts: &mut dyn SaltSource,
) -> HttpResponse {
    handle_as(req, settings, &Caller::unchecked(), now, salts)
}

/// Answers one request for a `caller` whose JWT (when `AUTH_*` is set) and rate limit
/// the adapter has already checked ([`crate::identity::authenticate`],
/// [`crate::ratelimit`]).
pub fn handle_as(
    req: &HttpRequest<'_>,
    settings: &Settings,
    caller: &Caller,
    now: u32,
    salts: &mut dyn SaltSource,
) -> HttpResponse {
    let mut allow_origin = None;
    let result = route(req, settings, caller, now, salts, &mut allow_origin);
    let response = match result {
        Ok(r) => r,
        Err(e) => e.into_response(),
    };
    cors::decorate(response, allow_origin.as_deref())
}

fn route(
    req: &HttpRequest<'_>,
    settings: &Settings,
    caller: &Caller,
    now: u32,
    salts: &mut dyn SaltSource,
    allow_origin: &mut Option<String>,
) -> Result<HttpResponse, ApiError> {
    let Some(route) = match_path(req.path)? else {
        return Err(if req.path == "/" || req.path.starts_with("/static/") {
            ApiError::page_not_found()
        } else {
            ApiError::not_found()
        });
    };
    let policy = match &settings.policy {
        Ok(p) => p,
        // /ping is a liveness check: it answers even when the policy is broken.
        Err(_) if route == Route::Ping && req.method == "GET" => {
            return Ok(ok(json!({"message": "pong"})))
        }
        Err(e) => return Err(e.clone()),
    };
    hosts::check(policy.allowed_hosts.as_deref(), req.header("host"))?;
    *allow_origin = cors::allow_origin(&policy.origins, req.header("origin"))?;
    if req.method == "OPTIONS" {
        return Ok(cors::preflight(route.allow(), allow_origin.as_deref()));
    }
    if !route.accepts(req.method) {
        return Err(ApiError::method_not_allowed(route.allow()));
    }
    let mut identity = None;
    if route.needs_auth() {
        let caller_policy = settings.caller.as_ref().map_err(Clone::clone)?;
        // The JWT mode and TOKEN_API_KEY are exclusive (config::Settings refuses both).
        if caller_policy.jwt.is_some() {
            identity = Some(caller.identity()?);
        } else if let Some(key) = &policy.api_key {
            auth::check(req.header("authorization"), key)?;
        }
        if caller.rate_limited {
            return Err(ratelimit::exceeded(caller_policy.rate_limit_period));
        }
    }
    if route == Route::Ping {
        return Ok(ok(json!({"message": "pong"})));
    }
    let creds = settings.credentials.as_ref().map_err(Clone::clone)?;
    let mut issuer = Issuer {
        creds,
        policy,
        now,
        salts,
        identity,
    };
    let value = match &route {
        Route::Ping => json!({"message": "pong"}),
        Route::GetToken => api::get_token(&body::json_object(req)?, &mut issuer)?,
        Route::Inspect => api::inspect(&body::json_object(req)?, creds, now)?,
        Route::Rtc(p) => api::rtc(p, req.query, &mut issuer)?,
        Route::Rtm { uid } => api::rtm(uid, req.query, &mut issuer)?,
        Route::Rte { rtc, rtm_uid } => api::rte(rtc, rtm_uid.as_deref(), req.query, &mut issuer)?,
        Route::ChatApp => api::chat_app(req.query, &mut issuer)?,
        Route::ChatAccount { uid } => api::chat_account(uid, req.query, &mut issuer)?,
    };
    Ok(ok(value))
}

fn ok(value: Value) -> HttpResponse {
    match serde_json::to_string(&value) {
        Ok(body) => HttpResponse::json(200, body),
        Err(_) => ApiError::internal("response serialization failed").into_response(),
    }
}
