//! The HTTP/1.1 layer of the native server on hyper: connections with keep-alive and a
//! header timeout, request bodies bounded in size and time, the inspector page's files in
//! front, every other request to the handler, and a graceful shutdown that lets accepted
//! requests finish.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use http_body_util::{BodyExt, Full, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::header::{HeaderName, HeaderValue, CONNECTION, CONTENT_LENGTH};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;

use super::assets::{Answer, Assets};
use super::platform::Native;
use crate::http::{HttpRequest, HttpResponse, MAX_BODY_BYTES};
use crate::routes::split_url;
use crate::{handle, Server};

/// How long a client may take to send a request's headers (slowloris).
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a client may take to send a request's body.
pub const BODY_TIMEOUT: Duration = Duration::from_secs(10);
/// The most bytes of request line and headers read (hyper answers 431 past it).
pub const MAX_HEADER_BYTES: usize = 16 * 1024;
/// How long a shutdown waits for accepted requests before it exits anyway.
pub const DRAIN_TIMEOUT: Duration = Duration::from_secs(30);

/// What every connection shares.
pub struct Shared {
    /// The token server.
    pub server: Server,
    /// The platform.
    pub platform: Native,
    /// The inspector page, if served.
    pub assets: Option<Assets>,
    /// The client-address header of a trusted proxy, lower case.
    pub client_ip_header: Option<String>,
}

type Body = Full<Bytes>;

fn response(status: u16, headers: Vec<(String, String)>, body: Vec<u8>) -> Response<Body> {
    let mut r = Response::new(Full::new(Bytes::from(body)));
    *r.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    for (n, v) in headers {
        if let (Ok(n), Ok(v)) = (HeaderName::try_from(n), HeaderValue::try_from(v)) {
            r.headers_mut().append(n, v);
        }
    }
    r
}

fn from_handler(r: HttpResponse) -> Response<Body> {
    let headers = r
        .headers
        .into_iter()
        .map(|(n, v)| (n.to_owned(), v))
        .collect();
    response(r.status, headers, r.body.into_bytes())
}

/// 408 `REQUEST_TIMEOUT`, and the connection closes.
fn timed_out() -> Response<Body> {
    let mut r = from_handler(
        crate::ApiError::new(
            408,
            "REQUEST_TIMEOUT",
            "the request body did not arrive in time",
        )
        .into_response(),
    );
    r.headers_mut()
        .insert(CONNECTION, HeaderValue::from_static("close"));
    r
}

/// The client's address: the trusted proxy's header (its first entry), else the peer.
fn client_ip(req: &Request<Incoming>, header: Option<&str>, peer: SocketAddr) -> String {
    header
        .and_then(|h| req.headers().get(h))
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(',').next())
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| peer.ip().to_string())
}

async fn serve(
    req: Request<Incoming>,
    shared: Arc<Shared>,
    peer: SocketAddr,
) -> Result<Response<Body>, Infallible> {
    let target = req
        .uri()
        .path_and_query()
        .map_or("/", |p| p.as_str())
        .to_owned();
    let (path, query) = split_url(&target);
    let method = req.method().as_str().to_owned();
    if let Some(assets) = &shared.assets {
        let inm = req
            .headers()
            .get("if-none-match")
            .and_then(|v| v.to_str().ok());
        let q = if query.is_empty() {
            String::new()
        } else {
            format!("?{query}")
        };
        if let Answer::Serve(status, headers, body) = assets.answer(&method, path, &q, inm) {
            return Ok(response(status, headers, body));
        }
    }
    let headers: Vec<(String, String)> = req
        .headers()
        .iter()
        .filter_map(|(n, v)| Some((n.as_str().to_owned(), v.to_str().ok()?.to_owned())))
        .collect();
    let client = client_ip(&req, shared.client_ip_header.as_deref(), peer);
    let request_id = req
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let declared = req
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    let body = if matches!(method.as_str(), "GET" | "HEAD" | "OPTIONS")
        || declared.is_some_and(|n| n > MAX_BODY_BYTES as u64)
    {
        // Nothing to read, or more than the handler accepts: it answers 413 from the
        // declared length, and the unread body closes the connection.
        Vec::new()
    } else {
        let limited = Limited::new(req.into_body(), MAX_BODY_BYTES);
        match tokio::time::timeout(BODY_TIMEOUT, limited.collect()).await {
            Err(_) => return Ok(timed_out()),
            Ok(Ok(collected)) => collected.to_bytes().to_vec(),
            // Over the limit: one byte more than the handler accepts, so that it answers 413.
            Ok(Err(_)) => vec![b' '; MAX_BODY_BYTES + 1],
        }
    };
    let request = HttpRequest {
        method: &method,
        path,
        query,
        headers: &headers,
        body: &body,
        client_ip: Some(&client),
        request_id: request_id.as_deref(),
    };
    let answer = handle(&request, &shared.server, &shared.platform).await;
    Ok(from_handler(answer))
}

/// Serves `listener` until `shutdown` resolves, then stops accepting and waits (at most
/// [`DRAIN_TIMEOUT`]) for the accepted connections' requests to finish.
pub async fn run(
    listener: TcpListener,
    shared: Arc<Shared>,
    shutdown: impl std::future::Future<Output = ()>,
) {
    let graceful = GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let Ok((stream, peer)) = accepted else { continue };
                let _ = stream.set_nodelay(true);
                let shared = Arc::clone(&shared);
                let service = service_fn(move |req| serve(req, Arc::clone(&shared), peer));
                let conn = http1::Builder::new()
                    .timer(TokioTimer::new())
                    .header_read_timeout(HEADER_TIMEOUT)
                    .max_buf_size(MAX_HEADER_BYTES)
                    .keep_alive(true)
                    .serve_connection(TokioIo::new(stream), service);
                let conn = graceful.watch(conn);
                tokio::spawn(async move {
                    let _ = conn.await;
                });
            }
            () = &mut shutdown => break,
        }
    }
    drop(listener);
    let _ = tokio::time::timeout(DRAIN_TIMEOUT, graceful.shutdown()).await;
}
