//! The request handler: one async pass per request over a [`Platform`].
//!
//! It matches the route once, then runs the checks in the order the policy states:
//! `Host` syntax (400) → route (404) → policy (500) → `Host` allow-list (403) → CORS origin
//! (403, for every request with an `Origin`) → preflight (204) → method (405) → caller: API
//! key or JWT (401/403) → rate limit (429) → credentials (500) → body (413, 415, 400) → the
//! route. No caller check (and no JWKS fetch) runs for a request refused before it. It
//! never panics.
//!
//! Every decision on a token route or `/inspect` (a token issued, a token inspected, or the
//! request refused; not a preflight) writes one audit line and one metrics data point
//! through the platform ([`crate::audit`]).

use std::sync::Mutex;

use serde_json::{json, Value};

use crate::audit::{CallerRecord, Decision, TokenRecord, AUDIT_MARK};
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

/// What one request's pass learned, for its audit record.
#[derive(Default)]
struct Trace {
    /// The route, when the request is a token decision.
    route: Option<&'static str>,
    /// `issued` or `inspected`, when the route answered.
    success: &'static str,
    /// The time the request was handled at.
    now: Option<u32>,
    /// The caller, once established.
    caller: Option<CallerRecord>,
    /// The tokens asked for.
    tokens: Vec<TokenRecord>,
}

/// Answers one request.
pub async fn handle<P: Platform>(
    req: &HttpRequest<'_>,
    server: &Server,
    platform: &P,
) -> HttpResponse {
    let mut allow_origin = None;
    let mut trace = Trace {
        now: platform.now(),
        ..Trace::default()
    };
    let result = serve(req, server, platform, &mut allow_origin, &mut trace).await;
    if let Some(route) = trace.route {
        let (outcome, reason) = Decision::outcome(result.as_ref().map(|_| trace.success));
        let status = match &result {
            Ok(r) => r.status,
            Err(e) => e.status,
        };
        let decision = Decision {
            audit: AUDIT_MARK,
            time: trace.now,
            request_id: req.request_id.map(str::to_owned),
            route,
            method: req.method.to_owned(),
            status,
            outcome,
            reason,
            caller: trace.caller.unwrap_or(CallerRecord::UNKNOWN),
            app_id: server
                .settings
                .credentials
                .as_ref()
                .ok()
                .map(|c| c.app_id.as_str().to_owned()),
            tokens: trace.tokens,
        };
        if server
            .settings
            .policy
            .as_ref()
            .map_or(true, |p| p.audit_log)
        {
            platform.audit(&decision.line());
        }
        platform.record_metric(&decision.data_point());
    }
    let response = result.unwrap_or_else(ApiError::into_response);
    cors::decorate(response, allow_origin.as_deref())
}

async fn serve<P: Platform>(
    req: &HttpRequest<'_>,
    server: &Server,
    platform: &P,
    allow_origin: &mut Option<String>,
    trace: &mut Trace,
) -> Result<HttpResponse, ApiError> {
    let settings = &server.settings;
    let route = match_path(req.path);
    if let Ok(Some(r)) = &route {
        if r.needs_auth() && req.method != "OPTIONS" {
            trace.route = Some(r.name());
        }
    }
    hosts::check_syntax(req.header("host"))?;
    let Some(route) = route? else {
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
    let now = trace
        .now
        .ok_or_else(|| ApiError::internal("the clock is unavailable"))?;
    let caller = auth::authenticate(req, policy, callers, &server.jwks, platform, now).await?;
    trace.caller = Some(CallerRecord::of(&caller));
    let key = ratelimit::key(&caller, req.client_ip);
    if !platform.within_rate_limit(&key).await {
        return Err(ratelimit::exceeded(callers.rate_limit_period));
    }
    let creds = settings.credentials.as_ref().map_err(Clone::clone)?;
    let secondary = settings
        .secondary_certificate
        .as_ref()
        .map_err(Clone::clone)?;
    let mut issuer = Issuer {
        creds,
        policy,
        now,
        salts: platform,
        identity: caller.identity(),
        records: Vec::new(),
    };
    let value = match &route {
        Route::Ping => return Ok(pong()),
        Route::GetToken => body::json_object(req).and_then(|o| api::get_token(&o, &mut issuer)),
        Route::Inspect => {
            body::json_object(req).and_then(|o| api::inspect(&o, creds, secondary.as_ref(), now))
        }
        Route::Rtc(p) => api::rtc(p, req.query, &mut issuer),
        Route::Rtm { uid } => api::rtm(uid, req.query, &mut issuer),
        Route::Rte { rtc, rtm_uid } => api::rte(rtc, rtm_uid.as_deref(), req.query, &mut issuer),
        Route::ChatApp => api::chat_app(req.query, &mut issuer),
        Route::ChatAccount { uid } => api::chat_account(uid, req.query, &mut issuer),
    };
    trace.tokens = issuer.records;
    trace.success = if route == Route::Inspect {
        "inspected"
    } else {
        "issued"
    };
    Ok(ok(&value?))
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
