//! Caller JWTs with arbitrary input: the compact-JWS parser, the JWKS parser and the whole
//! path of a request (verification through the JWKS cache, then the routes), built natively
//! with RustCrypto in place of WebCrypto.
//!
//! Byte 0 picks what the rest is: a bearer JWT to a JWKS server (0), to an HS256 server
//! (1), the `Cf-Access-Jwt-Assertion` header (2), a JWKS document (3), or a JWT for the
//! parser alone (4).
//!
//! Invariants: no panic; no token is ever issued (the fuzzer cannot sign a new JWT, and the
//! seeds' valid JWTs carry no `channels` claim or another subject than the requested uid,
//! so the server refuses them with 403 `FORBIDDEN_*`); every 401 is `UNAUTHORIZED` with `WWW-Authenticate: Bearer…`; no answer
//! echoes the presented JWT.
#![no_main]

use agora_token_worker::jwt::jwks::JwkSet;
use agora_token_worker::jwt::token;
use agora_token_worker::native::{block_on, Local};
use agora_token_worker::{handle, HttpRequest, Server, Vars};
use libfuzzer_sys::fuzz_target;

const APP_ID: &str = "970CA35de60c44645bbae8a215061b33";
const CERT: &str = "5CFd2fd1755d40ecb72977518be15d3b";
const NOW: u32 = 1_750_000_000;
/// The JWKS of the native tests' fixtures (RSA, P-256 and Ed25519 keys made by `jose`).
const FIXTURES: &str = include_str!("../../worker/tests/data/jwt.json");

fn env(secret: bool) -> Vars {
    Vars {
        agora_app_id: Some(APP_ID.into()),
        agora_app_certificate: Some(CERT.into()),
        auth_jwks_url: (!secret).then(|| "https://idp.example/.well-known/jwks.json".into()),
        auth_jwt_secret: secret.then(|| "fuzz-secret-of-at-least-32-bytes-long".into()),
        auth_jwt_issuer: Some("https://idp.example/".into()),
        auth_jwt_audience: Some("agora-app".into()),
        auth_channel_claim: Some("channels".into()),
        auth_role_claim: Some("agora_role".into()),
        ..Vars::default()
    }
}

fn jwks() -> String {
    let v: serde_json::Value = serde_json::from_str(FIXTURES).unwrap_or_default();
    v["jwks"].to_string()
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    match mode % 5 {
        3 => {
            let _ = JwkSet::parse(rest);
            return;
        }
        4 => {
            if let Ok(s) = std::str::from_utf8(rest) {
                let _ = token::parse(s);
            }
            return;
        }
        _ => {}
    }
    let Ok(jwt) = std::str::from_utf8(rest) else {
        return;
    };
    let e = env(mode % 5 == 1);
    let header = if mode % 5 == 2 {
        ("cf-access-jwt-assertion".to_owned(), jwt.to_owned())
    } else {
        ("authorization".to_owned(), format!("Bearer {jwt}"))
    };
    let headers = vec![header];
    let req = HttpRequest {
        method: "GET",
        path: "/rtc/room-1/publisher/uid/42/",
        query: "",
        headers: &headers,
        body: b"",
        client_ip: None,
        request_id: None,
    };
    let body = jwks().into_bytes();
    let platform = Local::at(NOW).with_jwks(move |_| Ok(body.clone()));
    let Some(r) = block_on(handle(&req, &Server::new(&e), &platform)) else {
        panic!("the native platform answers without waiting");
    };
    match r.status {
        401 => {
            assert!(r.body.contains("\"UNAUTHORIZED\""), "{}", r.body);
            assert!(r
                .headers
                .iter()
                .any(|(n, v)| *n == "WWW-Authenticate" && v.starts_with("Bearer")));
        }
        403 => assert!(r.body.contains("\"FORBIDDEN_"), "{}", r.body),
        s => panic!("status {s}: {}", r.body),
    }
    // A JWT-shaped input (a fragment of the server's own message text is not an echo).
    let trimmed = jwt.trim();
    if trimmed.len() >= 16 && trimmed.matches('.').count() >= 2 {
        assert!(!r.body.contains(trimmed), "the answer echoes the JWT");
    }
});
