//! The Cloudflare Worker, on workers-rs: the `fetch` event hands each request to the
//! handler with [`Cloudflare`] as its platform.
//!
//! The event takes and returns the runtime's own `web_sys::Request` / `web_sys::Response`
//! (workers-rs's `FromRequest` / `IntoResponse` accept both): `worker::Request` parses every
//! URL with the `url` crate and copies the `cf` object, which the handler never reads, and
//! that cost per request shows in `make bench` (the table in docs/performance.md).
//!
//! - Settings come from the bindings through `env.var` (vars and secrets alike), are
//!   validated once per isolate and kept while the bindings stay the same.
//! - A new route is an arm of `crate::routes::Route`; a new setting a field of
//!   `crate::settings::Vars`; a new binding a method of `crate::platform::Platform`,
//!   implemented here with workers-rs's typed binding (`env.kv`, `env.d1`,
//!   `env.analytics_engine`, …) and natively in `crate::native`.

mod platform;
mod webcrypto;

use std::cell::RefCell;
use std::rc::Rc;

use futures_util::StreamExt;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Headers, Request, Response, ResponseInit};
use worker::{console_error, event, ByteStream, Context, Env};

use crate::http::{HttpRequest, HttpResponse, MAX_BODY_BYTES};
use crate::routes::split_url;
use crate::{handle, Server, Vars};
use platform::Cloudflare;

/// The request headers the handler reads; no other header is copied out of the runtime.
const HEADERS: [&str; 8] = [
    "origin",
    "host",
    "authorization",
    "content-type",
    "content-length",
    "cf-access-jwt-assertion",
    "cf-connecting-ip",
    "cf-ray",
];

/// The server of this isolate, with the bindings it was built from.
struct Cached {
    /// The `env` object of the last request: the runtime hands an isolate the same object
    /// for every request, so an identical object needs no re-reading.
    env: JsValue,
    /// The variables the server was built from.
    vars: Vars,
    /// The server.
    server: Rc<Server>,
}

thread_local! {
    /// The server of this isolate: changed bindings (a new secret, say) build a new one.
    static SERVER: RefCell<Option<Cached>> = const { RefCell::new(None) };
}

/// The Worker's `fetch` handler. Every answer, errors included, is a response; only a
/// failure of the runtime's own `Headers`/`Response` constructors is an exception.
#[event(fetch)]
pub async fn fetch(req: Request, env: Env, _ctx: Context) -> worker::Result<Response> {
    let url = req.url();
    let (path, query) = split_url(&url);
    let method = req.method();
    let headers = read_headers(&req.headers());
    let body = if matches!(method.as_str(), "GET" | "HEAD" | "OPTIONS") {
        Vec::new()
    } else {
        read_body(&req, &headers).await
    };
    let header = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    let request = HttpRequest {
        method: &method,
        path,
        query,
        headers: &headers,
        body: &body,
        client_ip: header("cf-connecting-ip"),
        request_id: header("cf-ray"),
    };
    let server = server(&env);
    let response = handle(&request, &server, &Cloudflare::new(&env)).await;
    if response.status >= 500 {
        // The body is an error code and message; it never contains a credential.
        console_error!("{method} {path} -> {} {}", response.status, response.body);
    }
    into_response(response).map_err(worker::Error::from)
}

/// The server for the current bindings: the cached one when `env` is the object it was
/// built from, or when every variable is as it was; otherwise a new one (then cached).
fn server(env: &Env) -> Rc<Server> {
    SERVER.with(|cell| {
        let mut cached = cell.borrow_mut();
        if let Some(c) = cached.as_ref() {
            if js_sys::Object::is(&c.env, env) {
                return Rc::clone(&c.server);
            }
        }
        let vars = Vars::from_lookup(|name| binding(env, name));
        if let Some(c) = cached.as_mut() {
            if c.vars == vars {
                c.env = env.clone().into();
                return Rc::clone(&c.server);
            }
        }
        let server = Rc::new(Server::new(&vars));
        *cached = Some(Cached {
            env: env.clone().into(),
            vars,
            server: Rc::clone(&server),
        });
        server
    })
}

/// A binding as text. `env.var` reads vars and secrets; a `[vars]` number or boolean
/// becomes its text, so that it is validated rather than silently ignored.
fn binding(env: &Env, name: &str) -> Option<String> {
    if let Ok(text) = env.var(name) {
        return Some(text.to_string());
    }
    let value = js_sys::Reflect::get(env, &JsValue::from_str(name)).ok()?;
    if value.is_undefined() || value.is_null() {
        None
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

/// The headers in [`HEADERS`] that the request carries, names in lower case.
fn read_headers(all: &Headers) -> Vec<(String, String)> {
    HEADERS
        .iter()
        .filter_map(|name| match all.get(name) {
            Ok(Some(value)) => Some(((*name).to_owned(), value)),
            _ => None,
        })
        .collect()
}

/// Reads the body, at most `MAX_BODY_BYTES + 1` bytes: enough for the handler to answer
/// 413 without buffering an arbitrarily large body (the rest is never read).
///
/// A body whose `Content-Length` is within the limit is read in one call (the runtime holds
/// it to that length); one without a length, or declared larger, as a stream up to the bound.
async fn read_body(req: &Request, headers: &[(String, String)]) -> Vec<u8> {
    let declared = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.trim().parse::<usize>().ok());
    if declared.is_some_and(|n| n <= MAX_BODY_BYTES) {
        let Ok(promise) = req.array_buffer() else {
            return Vec::new();
        };
        let mut body = match JsFuture::from(promise).await {
            Ok(buffer) => js_sys::Uint8Array::new(&buffer).to_vec(),
            Err(_) => Vec::new(),
        };
        body.truncate(MAX_BODY_BYTES + 1);
        return body;
    }
    let Some(mut stream) = req.body().map(ByteStream::from) else {
        return Vec::new();
    };
    let mut body = Vec::new();
    while body.len() <= MAX_BODY_BYTES {
        match stream.next().await {
            Some(Ok(chunk)) => body.extend_from_slice(&chunk),
            Some(Err(_)) | None => break,
        }
    }
    body.truncate(MAX_BODY_BYTES + 1);
    body
}

/// The runtime's `Response` for a handler answer (a JSON text body, or none).
fn into_response(r: HttpResponse) -> Result<Response, JsValue> {
    let headers = Headers::new()?;
    for (name, value) in &r.headers {
        headers.append(name, value)?;
    }
    let init = ResponseInit::new();
    init.set_status(r.status);
    init.set_headers(&headers);
    let body = (r.status != 204 && !r.body.is_empty()).then_some(r.body.as_str());
    Response::new_with_opt_str_and_init(body, &init)
}
