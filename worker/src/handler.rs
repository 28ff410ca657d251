//! The request handler: one async pass per request over a [`Platform`].
//!
//! It matches the route once, then runs the checks in the order the policy states:
//! `Host` syntax (400) → route (404) → policy (500) → `Host` allow-list (403) → CORS origin
//! (403, for every request with an `Origin`) → preflight (204) → method (405) → caller: API
//! key or JWT (401/403) → rate limit (429) → credentials (500) → body (413, 415, 400) → the
//! route. No caller check (and no JWKS fetch) runs for a request refused before it. It
//! never panics.

use std::sync::Mutex;

use serde_json::{json, Value};

use crate::errors::ApiError;
use crate::http::{HttpRequest, HttpResponse};
use crate::jwt::cache::JwksCache;
use crate::platform::Platform;
use crate::routes::{match_path, Route};
use crate::settings::{Settings, Vars};
use crate::tokens::Issuer;
use crate::{api, auth, body, cors, hosts, ratelimit};

/// What a server keeps between requests: the settings, validated once, and the JWKS cache.
#[derive(Debug)]
pub struct Server {
    /// The validated settings.
    pub settings: Settings,
    /// The JWKS cache of `AUTH_JWKS_URL` (a new server, as for new settings, starts cold).
    jwks: Mutex<JwksCache>,
}

impl Server {
    /// A server for `vars`.
    pub fn new(vars: &Vars) -> Self {
        Self::from_settings(Settings::from_vars(vars))
    }

    /// A server with these settings.
    pub fn from_settings(settings: Settings) -> Self {
        Self {
            settings,
            jwks: Mutex::new(JwksCache::default()),
        }
    }
}

/// Answers one request.
pub async fn handle<P: Platform>(
    req: &HttpRequest<'_>,
    server: &Server,
    platform: &P,
) -> HttpResponse {
    let mut allow_origin = None;
    let response = match serve(req, server, platform, &mut allow_origin).await {
        Ok(r) => r,
        Err(e) => e.into_response(),
    };
    cors::decorate(response, allow_origin.as_deref())
}

async fn serve<P: Platform>(
    req: &HttpRequest<'_>,
    server: &Server,
    platform: &P,
    allow_origin: &mut Option<String>,
) -> Result<HttpResponse, ApiError> {
    let settings = &server.settings;
    hosts::check_syntax(req.header("host"))?;
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
        Err(_) if route == Route::Ping && req.method == "GET" => return Ok(pong()),
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
    if !route.needs_auth() {
        return Ok(pong());
    }
    let callers = settings.caller.as_ref().map_err(Clone::clone)?;
    let now = platform
        .now()
        .ok_or_else(|| ApiError::internal("the clock is unavailable"))?;
    let caller = auth::authenticate(req, policy, callers, &server.jwks, platform, now).await?;
    let key = ratelimit::key(&caller, req.header("cf-connecting-ip"));
    if !platform.within_rate_limit(&key).await {
        return Err(ratelimit::exceeded(callers.rate_limit_period));
    }
    let creds = settings.credentials.as_ref().map_err(Clone::clone)?;
    let mut issuer = Issuer {
        creds,
        policy,
        now,
        salts: platform,
        identity: caller.identity(),
    };
    let value = match &route {
        Route::Ping => return Ok(pong()),
        Route::GetToken => api::get_token(&body::json_object(req)?, &mut issuer)?,
        Route::Inspect => api::inspect(&body::json_object(req)?, creds, now)?,
        Route::Rtc(p) => api::rtc(p, req.query, &mut issuer)?,
        Route::Rtm { uid } => api::rtm(uid, req.query, &mut issuer)?,
        Route::Rte { rtc, rtm_uid } => api::rte(rtc, rtm_uid.as_deref(), req.query, &mut issuer)?,
        Route::ChatApp => api::chat_app(req.query, &mut issuer)?,
        Route::ChatAccount { uid } => api::chat_account(uid, req.query, &mut issuer)?,
    };
    Ok(ok(&value))
}

fn pong() -> HttpResponse {
    ok(&json!({"message": "pong"}))
}

fn ok(value: &Value) -> HttpResponse {
    match serde_json::to_string(value) {
        Ok(body) => HttpResponse::json(200, body),
        Err(_) => ApiError::internal("response serialization failed").into_response(),
    }
}
