//! The Worker's request handling as a pure function: method, path, query, headers and body
//! in, status, headers and body out (`agora_token_worker::handle`, built natively).
//!
//! Input layout (text-like, so that the seeds read as HTTP requests):
//! byte 0 picks the server configuration, byte 1 the method; then the request target up to
//! `\n`; then `name: value` header lines up to an empty line; the rest is the body.
//!
//! Invariants checked on every answer:
//! - no 5xx, except `500 SERVER_MISCONFIGURED` from the deliberately misconfigured server;
//! - the certificate (in any letter case, or base64 of it) is in no body and no header;
//! - every answer has `Cache-Control: no-store`; a 204 has an empty body;
//! - every error body is exactly `{"error":{"code":"UPPER_SNAKE","message":"…"}}`;
//! - every token in a 200 answer verifies with the certificate.
#![no_main]

use agora_token::{verify, AppCertificate, Expected};
use agora_token_worker::native::{block_on, Local};
use agora_token_worker::{handle, HttpRequest, Server, Vars};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

const APP_ID: &str = "970CA35de60c44645bbae8a215061b33";
const CERT: &str = "5CFd2fd1755d40ecb72977518be15d3b";
const API_KEY: &str = "fuzz-api-key-0123456789";
const NOW: u32 = 1_750_000_000;

const METHODS: [&str; 8] = [
    "GET", "POST", "OPTIONS", "PUT", "DELETE", "HEAD", "get", "PATCH",
];

/// The server configurations: open, locked (API key, CORS list, short expiry), wildcard,
/// and two misconfigured ones (the only ones allowed to answer 500).
fn env(selector: u8) -> (Vars, bool) {
    let mut e = Vars {
        agora_app_id: Some(APP_ID.into()),
        agora_app_certificate: Some(CERT.into()),
        ..Vars::default()
    };
    let misconfigured = match selector % 5 {
        0 => false,
        1 => {
            e.token_api_key = Some(API_KEY.into());
            e.cors_allow_origin = Some("https://app.example, http://localhost:3000".into());
            e.token_default_expire = Some("300".into());
            e.token_max_expire = Some("600".into());
            e.allowed_hosts = Some("127.0.0.1:8787, tokens.example".into());
            false
        }
        2 => {
            e.allow_wildcard_uid = Some("true".into());
            e.allow_chat_app_token = Some("true".into());
            false
        }
        3 => {
            e.agora_app_certificate = None;
            true
        }
        _ => {
            e.token_max_expire = Some("4294967296".into());
            true
        }
    };
    (e, misconfigured)
}

fn base64(s: &str) -> String {
    use std::fmt::Write;
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in s.as_bytes().chunks(3) {
        let b = [
            chunk.first().copied().unwrap_or(0),
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..=chunk.len() {
            let idx = usize::try_from((n >> (18 - 6 * i)) & 63).unwrap_or(0);
            let _ = write!(out, "{}", char::from(ABC.get(idx).copied().unwrap_or(b'A')));
        }
    }
    out
}

fn leaks(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    lower.contains(&CERT.to_ascii_lowercase()) || text.contains(&base64(CERT))
}

fuzz_target!(|data: &[u8]| {
    let [config, method, rest @ ..] = data else {
        return;
    };
    let (env, misconfigured) = env(*config);
    let method = METHODS
        .get(usize::from(*method) % METHODS.len())
        .copied()
        .unwrap_or("GET");
    let (target, rest) = split_line(rest);
    let target = String::from_utf8_lossy(target);
    let (path, query) = target.split_once('?').unwrap_or((&target, ""));
    let mut headers = Vec::new();
    let mut rest = rest;
    loop {
        let (line, tail) = split_line(rest);
        rest = tail;
        if line.is_empty() {
            break;
        }
        let line = String::from_utf8_lossy(line);
        let (n, v) = line.split_once(':').unwrap_or((&line, ""));
        headers.push((n.trim().to_owned(), v.trim().to_owned()));
    }
    let req = HttpRequest {
        method,
        path,
        query,
        headers: &headers,
        body: rest,
        client_ip: None,
        request_id: None,
    };
    let Some(r) = block_on(handle(&req, &Server::new(&env), &Local::at(NOW))) else {
        panic!("the native platform answers without waiting");
    };

    assert!(!leaks(&r.body), "certificate in the body: {}", r.body);
    for (n, v) in &r.headers {
        assert!(!leaks(v), "certificate in header {n}");
    }
    assert_eq!(r.header("cache-control"), Some("no-store"), "{r:?}");
    assert_eq!(r.header("x-content-type-options"), Some("nosniff"), "{r:?}");
    if r.status == 204 {
        assert!(r.body.is_empty());
        return;
    }
    let json: Value = serde_json::from_str(&r.body).unwrap_or_else(|e| panic!("{e}: {}", r.body));
    if r.status >= 400 {
        let code = json
            .pointer("/error/code")
            .and_then(Value::as_str)
            .unwrap_or_else(|| panic!("no error code: {json}"));
        assert!(
            json.pointer("/error/message").is_some_and(Value::is_string),
            "{json}"
        );
        assert_eq!(json.as_object().map(|o| o.len()), Some(1), "{json}");
        assert_eq!(
            json.pointer("/error")
                .and_then(Value::as_object)
                .map(|o| o.len()),
            Some(2)
        );
        assert!(
            !code.is_empty()
                && code
                    .bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_'),
            "{code}"
        );
        if r.status >= 500 {
            assert!(
                misconfigured && r.status == 500 && code == "SERVER_MISCONFIGURED",
                "{r:?}"
            );
        }
        return;
    }
    assert_eq!(r.status, 200, "{r:?}");
    let Ok(cert) = AppCertificate::new(CERT) else {
        return;
    };
    for key in ["token", "rtcToken", "rtmToken"] {
        // /inspect answers carry a "token" object, not a string.
        if let Some(token) = json.get(key).and_then(Value::as_str) {
            let v = verify(token, &cert, &Expected::default());
            // 006 RTC tokens need the channel and uid to check; everything else must verify.
            assert!(
                v.signature_valid != Some(false),
                "issued token does not verify: {token} {v:?}"
            );
        }
    }
});

fn split_line(data: &[u8]) -> (&[u8], &[u8]) {
    match data.iter().position(|&b| b == b'\n') {
        Some(i) => (
            data.get(..i).unwrap_or_default(),
            data.get(i + 1..).unwrap_or_default(),
        ),
        None => (data, &[]),
    }
}
