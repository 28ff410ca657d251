//! The wasm32 adapter: converts the runtime's request, bindings, clock and CSPRNG into the
//! inputs of [`crate::handle`], and its output into a response. No policy lives here.
//!
//! `fetch` is exported through wasm-bindgen and called by the module's entry
//! (`worker/shim.js`, `export default { fetch }`). It works on the runtime's own objects
//! (`web_sys::Request`, `Headers`, `Response`): workers-rs's wrappers parse the URL with the
//! `url` crate (its IDNA tables alone were about 150 KB of the module) and copy the `cf`
//! object on every request, and its glue was a tenth of the module (docs/performance.md).

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::config::{EnvVars, Settings};
use crate::errors::ApiError;
use crate::http::{HttpRequest, HttpResponse, MAX_BODY_BYTES};
use crate::identity::Caller;
#[cfg(feature = "jwt")]
use crate::jwt::webcrypto;
use crate::routes::split_url;

/// The request headers the handler reads; no other header is copied out of the runtime.
const HEADERS: [&str; 7] = [
    "origin",
    "host",
    "authorization",
    "content-type",
    "content-length",
    "cf-access-jwt-assertion",
    "cf-connecting-ip",
];

/// Validated settings, with what they were built from.
struct Cached {
    /// The `env` object of the last request: the runtime hands an isolate the same object
    /// for every request, so an identical object needs no re-reading.
    env: JsValue,
    /// The raw variables the settings were built from.
    vars: EnvVars,
    /// The settings.
    settings: Rc<Settings>,
}

thread_local! {
    /// The settings of this isolate, keyed by the raw variables they were built from: a
    /// changed variable or secret builds new ones (and a new certificate, re-keyed).
    static SETTINGS: RefCell<Option<Cached>> = const { RefCell::new(None) };
}

/// The Worker's `fetch` handler: `(request, env)` → response. It never rejects for a request
/// (every answer, errors included, is a response); only a failure of the runtime's own
/// `Headers`/`Response` constructors would surface as an exception.
#[wasm_bindgen]
pub async fn fetch(req: web_sys::Request, env: JsValue) -> Result<web_sys::Response, JsValue> {
    let url = req.url();
    let (path, query) = split_url(&url);
    let method = req.method();
    let headers = read_headers(&req);
    let body = if matches!(method.as_str(), "GET" | "HEAD" | "OPTIONS") {
        Vec::new()
    } else {
        read_body(&req, &headers).await
    };
    let request = HttpRequest {
        method: &method,
        path,
        query,
        headers: &headers,
        body: &body,
    };
    let settings = settings(&env);
    let response = match agora_token::now() {
        Ok(now) => {
            let caller = check_caller(&request, &settings, &env, now).await;
            let mut salts = || agora_token::random_salt().ok();
            crate::handle_as(&request, &settings, &caller, now, &mut salts)
        }
        Err(_) => ApiError::internal("the clock is unavailable").into_response(),
    };
    if response.status >= 500 {
        // The body is an error code and message; it never contains a credential.
        let line = format!("{method} {path} -> {} {}", response.status, response.body);
        web_sys::console::error_1(&JsValue::from_str(&line));
    }
    into_response(response)
}

/// The caller's JWT (in the JWT mode) and rate limit (with the binding), for the
/// handler: the only asynchronous checks, done here so that the handler stays pure.
#[cfg_attr(not(feature = "jwt"), allow(unused_variables))]
async fn check_caller(
    req: &HttpRequest<'_>,
    settings: &Settings,
    env: &JsValue,
    now: u32,
) -> Caller {
    let mut caller = Caller::unchecked();
    // Without the `jwt` feature the settings refuse AUTH_* (a configuration error), so
    // nothing is verified here; the cfg keeps the verifier out of that build.
    #[cfg(feature = "jwt")]
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

/// The settings for the current bindings: the cached ones when `env` is the object they
/// were read from, or when every variable is as when they were built; otherwise newly
/// validated ones (then cached).
fn settings(env: &JsValue) -> Rc<Settings> {
    SETTINGS.with(|cell| {
        let mut cached = cell.borrow_mut();
        if let Some(c) = cached.as_ref() {
            if js_sys::Object::is(&c.env, env) {
                return Rc::clone(&c.settings);
            }
        }
        let vars = EnvVars::from_fn(|name| binding(env, name));
        if let Some(c) = cached.as_mut() {
            if c.vars.same_as(&vars) {
                c.env = env.clone();
                return Rc::clone(&c.settings);
            }
        }
        let settings = Rc::new(Settings::from_env(&vars));
        *cached = Some(Cached {
            env: env.clone(),
            vars,
            settings: Rc::clone(&settings),
        });
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
async fn read_body(req: &web_sys::Request, headers: &[(String, String)]) -> Vec<u8> {
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
    let Some(stream) = req.body() else {
        return Vec::new();
    };
    let Ok(reader) = stream
        .get_reader()
        .dyn_into::<web_sys::ReadableStreamDefaultReader>()
    else {
        return Vec::new();
    };
    let mut body = Vec::new();
    while body.len() <= MAX_BODY_BYTES {
        let Ok(chunk) = JsFuture::from(reader.read()).await else {
            break;
        };
        let done = js_sys::Reflect::get(&chunk, &JsValue::from_str("done"))
            .ok()
            .and_then(|d| d.as_bool())
            .unwrap_or(true);
        if done {
            break;
        }
        match js_sys::Reflect::get(&chunk, &JsValue::from_str("value")) {
            Ok(value) => body.extend(js_sys::Uint8Array::new(&value).to_vec()),
            Err(_) => break,
        }
    }
    // Stop reading: the rest of an oversized body is never buffered.
    let _ = reader.cancel();
    body
}

/// A binding as text: secrets and string variables as they are, other variables whatever
/// their JSON type (a `[vars]` number or boolean becomes its text, so that it is
/// validated rather than silently ignored).
/// A number is written as an integer when it is one (float formatting is not linked in).
#[inline(never)]
fn binding(env: &JsValue, name: &str) -> Option<String> {
    let value = js_sys::Reflect::get(env, &JsValue::from_str(name)).ok()?;
    if value.is_undefined() || value.is_null() {
        None
    } else if let Some(s) = value.as_string() {
        Some(s)
    } else if let Some(b) = value.as_bool() {
        Some(b.to_string())
    } else if let Some(n) = value.as_f64() {
        // A whole number within i64 is its digits; anything else stays invalid text.
        let whole = n.fract() == 0.0 && n.abs() < 9.0e15;
        Some(if whole {
            #[allow(clippy::cast_possible_truncation)]
            let i = n as i64;
            i.to_string()
        } else {
            "<not a whole number>".to_owned()
        })
    } else {
        Some("<not text>".to_owned())
    }
}

/// The runtime's `Response` for a handler answer (a JSON text body, or none).
fn into_response(r: HttpResponse) -> std::result::Result<web_sys::Response, JsValue> {
    let headers = web_sys::Headers::new()?;
    for (name, value) in &r.headers {
        headers.append(name, value)?;
    }
    let init = web_sys::ResponseInit::new();
    init.set_status(r.status);
    init.set_headers(&headers);
    let body = (r.status != 204 && !r.body.is_empty()).then_some(r.body.as_str());
    web_sys::Response::new_with_opt_str_and_init(body, &init)
}
