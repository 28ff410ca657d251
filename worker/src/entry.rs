//! The workers-rs adapter: converts the runtime's request, bindings, clock and CSPRNG into
//! the inputs of [`crate::handle`], and its output into a response. No policy lives here.

use std::cell::RefCell;
use std::rc::Rc;

use futures_util::StreamExt;
use worker::{
    event, js_sys, wasm_bindgen::JsValue, wasm_bindgen_futures::JsFuture, web_sys, Context, Env,
    Headers, Request, Response, ResponseBuilder, Result, Url,
};

use crate::config::{EnvVars, Settings};
use crate::errors::ApiError;
use crate::http::{HttpRequest, HttpResponse, MAX_BODY_BYTES};
use crate::identity::Caller;
use crate::jwt::webcrypto;

/// The request headers the handler and the page read; no other header is copied out of
/// the runtime.
const HEADERS: [&str; 8] = [
    "origin",
    "host",
    "authorization",
    "content-type",
    "content-length",
    "if-none-match",
    "cf-access-jwt-assertion",
    "cf-connecting-ip",
];

thread_local! {
    /// The settings of this isolate, keyed by the raw variables they were built from: a
    /// changed variable or secret builds new ones (and a new certificate, re-keyed).
    static SETTINGS: RefCell<Option<(EnvVars, Rc<Settings>)>> = const { RefCell::new(None) };
}

#[event(fetch)]
// The runtime's own request (not `worker::Request`, whose conversion parses the URL and
// copies the `cf` object on every request): the URL is parsed once, here.
async fn fetch(req: web_sys::Request, env: Env, _ctx: Context) -> Result<Response> {
    let url = Url::parse(&req.url())?;
    let method = req.method();
    let headers = read_headers(&req);
    let body = if matches!(method.as_str(), "GET" | "HEAD" | "OPTIONS") {
        Vec::new()
    } else {
        read_body(req, &headers).await
    };
    let request = HttpRequest {
        method: &method,
        path: url.path(),
        query: url.query().unwrap_or_default(),
        headers: &headers,
        body: &body,
    };
    // The page and its assets (static, no credentials); every other path goes to the API.
    match crate::page::serve(&request) {
        Some(Ok(page)) => return page_response(page),
        Some(Err(e)) => return into_response(e.into_response()),
        None => {}
    }
    let settings = settings(&env);
    let response = match agora_token::clock::now() {
        Ok(now) => {
            let caller = check_caller(&request, &settings, &env, now).await;
            let mut salts = || agora_token::clock::random_salt().ok();
            crate::handle_as(&request, &settings, &caller, now, &mut salts)
        }
        Err(_) => ApiError::internal("the clock is unavailable").into_response(),
    };
    if response.status >= 500 {
        // The body is an error code and message; it never contains a credential.
        worker::console_error!(
            "{} {} -> {} {}",
            method,
            url.path(),
            response.status,
            response.body
        );
    }
    into_response(response)
}

/// The caller's JWT (in the JWT mode) and rate limit (with the binding), for the
/// handler: the only asynchronous checks, done here so that the handler stays pure.
async fn check_caller(req: &HttpRequest<'_>, settings: &Settings, env: &Env, now: u32) -> Caller {
    let mut caller = Caller::unchecked();
    if let Some(auth) = crate::identity::applies(req, settings) {
        let url = auth.jwt.jwks_url.as_deref().unwrap_or_default();
        let cache = webcrypto::cache_for(url);
        let fetcher = webcrypto::Fetcher { url };
        caller.jwt = crate::identity::authenticate(
            req,
            auth,
            &cache,
            &fetcher,
            &webcrypto::WebCrypto,
            u64::from(now),
        )
        .await;
    }
    if crate::ratelimit::applies(req) {
        let key = crate::ratelimit::key(&caller.jwt, req.header("cf-connecting-ip"));
        caller.rate_limited = !crate::ratelimit::allowed(env, key).await;
    }
    caller
}

/// The settings for the current bindings: the cached ones when every variable is as
/// when they were built, otherwise newly validated ones (then cached).
fn settings(env: &Env) -> Rc<Settings> {
    let vars = EnvVars::from_fn(|name| binding(env, name));
    SETTINGS.with(|cell| {
        let mut cached = cell.borrow_mut();
        if let Some((key, settings)) = cached.as_ref() {
            if key.same_as(&vars) {
                return Rc::clone(settings);
            }
        }
        let settings = Rc::new(Settings::from_env(&vars));
        *cached = Some((vars, Rc::clone(&settings)));
        settings
    })
}

/// The headers in [`HEADERS`] that the request carries, names in lower case.
fn read_headers(req: &web_sys::Request) -> Vec<(String, String)> {
    let all = req.headers();
    HEADERS
        .iter()
        .filter_map(|name| match all.get(name) {
            Ok(Some(value)) => Some(((*name).to_owned(), value)),
            _ => None,
        })
        .collect()
}

/// Reads the body, at most `MAX_BODY_BYTES + 1` bytes: enough for the handler to answer
/// 413 without buffering an arbitrarily large body.
///
/// A body whose `Content-Length` is within the limit is read in one call (the runtime
/// bounds it by that length). A body without a length, or declared larger, is read as a
/// stream up to the bound and no further (the handler then answers 413 from the declared
/// length or the bytes read; reading up to the bound first lets ordinary clients see
/// the 413 rather than a reset).
async fn read_body(req: web_sys::Request, headers: &[(String, String)]) -> Vec<u8> {
    let declared = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.trim().parse::<usize>().ok());
    if declared.is_some_and(|n| n <= MAX_BODY_BYTES) {
        let Ok(promise) = req.array_buffer() else {
            return Vec::new();
        };
        return match JsFuture::from(promise).await {
            // The runtime enforces the declared length; the bound is kept regardless.
            Ok(buffer) => {
                let mut body = js_sys::Uint8Array::new(&buffer).to_vec();
                body.truncate(MAX_BODY_BYTES + 1);
                body
            }
            Err(_) => Vec::new(),
        };
    }
    let Ok(mut stream) = Request::from(req).stream() else {
        return Vec::new();
    };
    let mut body = Vec::new();
    while let Some(chunk) = stream.next().await {
        match chunk {
            Ok(c) => body.extend_from_slice(&c),
            Err(_) => break,
        }
        if body.len() > MAX_BODY_BYTES {
            break;
        }
    }
    body
}

/// A binding as text: secrets and string variables as they are, other variables whatever
/// their JSON type (a `[vars]` number or boolean becomes its text, so that it is
/// validated rather than silently ignored).
fn binding(env: &Env, name: &str) -> Option<String> {
    let value = js_sys::Reflect::get(env, &JsValue::from_str(name)).ok()?;
    if value.is_undefined() || value.is_null() {
        None
    } else if let Some(s) = value.as_string() {
        Some(s)
    } else if let Some(b) = value.as_bool() {
        Some(b.to_string())
    } else if let Some(n) = value.as_f64() {
        Some(n.to_string())
    } else {
        Some("<not text>".to_owned())
    }
}

fn into_response(r: HttpResponse) -> Result<Response> {
    let headers = Headers::new();
    for (name, value) in &r.headers {
        headers.append(name, value)?;
    }
    let builder = ResponseBuilder::new()
        .with_status(r.status)
        .with_headers(headers);
    Ok(if r.status == 204 || r.body.is_empty() {
        builder.empty()
    } else {
        builder.fixed(r.body.into_bytes())
    })
}

fn page_response(p: crate::page::PageResponse) -> Result<Response> {
    let headers = Headers::new();
    for (name, value) in &p.headers {
        headers.append(name, value)?;
    }
    let builder = ResponseBuilder::new()
        .with_status(p.status)
        .with_headers(headers);
    Ok(if p.body.is_empty() {
        builder.empty()
    } else {
        builder.fixed(p.body.to_vec())
    })
}
