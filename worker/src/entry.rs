//! The workers-rs adapter: converts the runtime's request, bindings, clock and CSPRNG into
//! the inputs of [`crate::handle`], and its output into a response. No policy lives here.

use futures_util::StreamExt;
use worker::{
    event, js_sys, wasm_bindgen::JsValue, Context, Env, Headers, Request, Response,
    ResponseBuilder, Result,
};

use crate::config::EnvVars;
use crate::errors::ApiError;
use crate::http::{HttpRequest, HttpResponse, MAX_BODY_BYTES};

#[event(fetch)]
async fn fetch(mut req: Request, env: Env, _ctx: Context) -> Result<Response> {
    let url = req.url()?;
    let method = req.inner().method();
    let headers: Vec<(String, String)> = req.headers().entries().collect();
    let body = if matches!(method.as_str(), "GET" | "HEAD" | "OPTIONS") {
        Vec::new()
    } else {
        read_body(&mut req).await
    };
    let vars = EnvVars::from_fn(|name| binding(&env, name));
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
    let response = match agora_token::clock::now() {
        Ok(now) => {
            let mut salts = || agora_token::clock::random_salt().ok();
            crate::handle(&request, &vars, now, &mut salts)
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

/// Reads at most `MAX_BODY_BYTES + 1` bytes: enough for the handler to answer 413 without
/// buffering an arbitrarily large body. (A body declared larger is still read up to that
/// bound before answering, so that ordinary clients see the 413 rather than a reset.)
async fn read_body(req: &mut Request) -> Vec<u8> {
    let Ok(mut stream) = req.stream() else {
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

/// A binding as text: secrets through `env.secret`, other variables whatever their JSON
/// type (a `[vars]` number or boolean becomes its text, so that it is validated rather
/// than silently ignored).
fn binding(env: &Env, name: &str) -> Option<String> {
    if matches!(name, "AGORA_APP_CERTIFICATE" | "TOKEN_API_KEY") {
        if let Ok(s) = env.secret(name) {
            return Some(s.to_string());
        }
    }
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
