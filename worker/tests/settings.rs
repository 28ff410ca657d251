//! Settings validated once and reused (as the Worker does per isolate) answer exactly as
//! the environment validated on every request, across seconds (the certificate caches
//! the per-second 007 signing key) and for broken configurations.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use agora_token_worker::native::Local;
use agora_token_worker::{HttpResponse, Server, Vars};
use common::*;

const NOW: u32 = 1_750_000_000;

/// One request to `server` at `now`, with the same salt every time.
fn ask(
    server: &Server,
    method: &str,
    target: &str,
    headers: &[(&str, &str)],
    body: &str,
    now: u32,
) -> HttpResponse {
    let platform = Local::at(now).with_salts(|| Some(8));
    with_request(method, target, headers, body.as_bytes(), |req| {
        answer_with(server, &platform, req)
    })
}

const JSON: (&str, &str) = ("Content-Type", "application/json");
const RTC: &str = r#"{"tokenType":"rtc","channel":"demo","uid":"42","role":"publisher"}"#;

/// (method, target, headers, body) of a spread of routes and outcomes.
/// A request: method, target, headers, body.
type Req = (
    &'static str,
    &'static str,
    Vec<(&'static str, &'static str)>,
    String,
);

fn requests() -> Vec<Req> {
    let token = {
        let env = good();
        let r = ask(&Server::new(&env), "POST", "/getToken", &[JSON], RTC, NOW);
        let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
        v["token"].as_str().unwrap().to_owned()
    };
    vec![
        ("POST", "/getToken", vec![JSON], RTC.to_owned()),
        (
            "POST",
            "/getToken",
            vec![JSON, ("Origin", "https://a.example")],
            RTC.to_owned(),
        ),
        (
            "POST",
            "/getToken",
            vec![JSON],
            r#"{"tokenType":"rtm","uid":"u"}"#.to_owned(),
        ),
        (
            "POST",
            "/getToken",
            vec![JSON],
            r#"{"tokenType":"rtc","channel":"c","uid":"0"}"#.to_owned(),
        ),
        (
            "POST",
            "/inspect",
            vec![JSON],
            format!(r#"{{"token":"{token}"}}"#),
        ),
        ("GET", "/rtm/alice?expire=600", vec![], String::new()),
        ("GET", "/ping", vec![], String::new()),
        (
            "OPTIONS",
            "/getToken",
            vec![("Origin", "https://a.example")],
            String::new(),
        ),
        ("DELETE", "/getToken", vec![], String::new()),
    ]
}

fn good() -> Vars {
    Vars {
        agora_app_id: Some(APP_ID.into()),
        agora_app_certificate: Some(cert().into()),
        ..Vars::default()
    }
}

#[test]
fn reused_settings_answer_as_fresh_ones() {
    let broken_cert = Vars {
        agora_app_certificate: Some("not hex".into()),
        ..good()
    };
    let broken_policy = Vars {
        token_max_expire: Some("-1".into()),
        ..good()
    };
    let keyed = Vars {
        token_api_key: Some("k3y".into()),
        cors_allow_origin: Some("https://b.example".into()),
        ..good()
    };
    let mut statuses = Vec::new();
    for env in [good(), broken_cert, broken_policy, keyed] {
        let kept = Server::new(&env);
        let mut tokens = Vec::new();
        // Back and forth across seconds: a stale per-second key would show here.
        for now in [NOW, NOW + 1, NOW, NOW + 2, NOW + 2] {
            for (method, target, headers, body) in requests() {
                let fresh = ask(&Server::new(&env), method, target, &headers, &body, now);
                let reused = ask(&kept, method, target, &headers, &body, now);
                assert_eq!(reused, fresh, "{method} {target} at {now} with {env:?}");
                assert!(!reused.body.contains(cert()));
                statuses.push(reused.status);
                if target == "/getToken"
                    && reused.status == 200
                    && body == RTC
                    && headers.len() == 1
                {
                    tokens.push((now, reused.body));
                }
            }
        }
        // Distinct seconds give distinct tokens; the same second the same token.
        for (a, ta) in &tokens {
            for (b, tb) in &tokens {
                assert_eq!(a == b, ta == tb, "{a} {b}");
            }
        }
    }
    // The spread covers success and each kind of failure.
    for s in [200, 204, 401, 403, 405, 500] {
        assert!(statuses.contains(&s), "no {s} in {statuses:?}");
    }
}
