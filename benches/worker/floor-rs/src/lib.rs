//! A workers-rs Worker that answers every request with the same small JSON: the floor of
//! the Worker benchmark.
#![forbid(unsafe_code)]

use worker::{event, Context, Env, Request, Response, Result};

/// Answers `{"token":"007floor"}` to any request.
#[event(fetch)]
pub async fn fetch(_req: Request, _env: Env, _ctx: Context) -> Result<Response> {
    let mut r = Response::from_bytes(br#"{"token":"007floor"}"#.to_vec())?;
    r.headers_mut().set("content-type", "application/json")?;
    r.headers_mut().set("cache-control", "no-store")?;
    Ok(r)
}
