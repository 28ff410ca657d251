//! The `jwt` feature's two builds, natively: with it (the default) an `AUTH_*` setting turns
//! on the caller-JWT mode; without it (`--no-default-features`, the lean module) the same
//! setting is a configuration error, 500 `SERVER_MISCONFIGURED` naming the feature, so the
//! lean module never serves tokens unchecked where the operator asked for identity checks.
//! Both branches run in CI: the default one with the workspace tests, the lean one in
//! `.ci/test-worker.sh` (`cargo test -p agora-token-worker --no-default-features --test
//! features`).

// Test helpers outside #[test] fns: a panic here is a test failure.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use agora_token_worker::identity::AuthVars;
use agora_token_worker::{handle, EnvVars, Settings};
use common::{cert, with_request, APP_ID};
use serde_json::Value;

const NOW: u32 = 1_750_000_000;
/// An HS256 secret long enough for the JWT mode (32 bytes).
const SECRET: &str = "0123456789abcdef0123456789abcdef";

fn env(auth: AuthVars) -> EnvVars {
    EnvVars {
        app_id: Some(APP_ID.into()),
        app_certificate: Some(cert().into()),
        auth,
        ..EnvVars::default()
    }
}

/// `GET target` on the pure handler: status, error code and message.
fn get(env: &EnvVars, target: &str) -> (u16, String, String) {
    let mut salts = || Some(7);
    let r = with_request("GET", target, &[], b"", |req| {
        handle(req, env, NOW, &mut salts)
    });
    assert!(!r.body.contains(cert()), "{}", r.body);
    let json: Value = serde_json::from_str(&r.body).unwrap();
    let field = |k: &str| json["error"][k].as_str().unwrap_or("").to_owned();
    (r.status, field("code"), field("message"))
}

/// Each `AUTH_*` setting on its own (valid in the JWT build).
fn auth_settings() -> Vec<(&'static str, AuthVars)> {
    vec![
        (
            "AUTH_JWT_SECRET",
            AuthVars {
                jwt_secret: Some(SECRET.into()),
                ..AuthVars::default()
            },
        ),
        (
            "AUTH_JWKS_URL",
            AuthVars {
                jwks_url: Some("https://issuer.example/.well-known/jwks.json".into()),
                ..AuthVars::default()
            },
        ),
    ]
}

#[test]
fn auth_settings_need_the_jwt_feature() {
    for (name, auth) in auth_settings() {
        let env = env(auth);
        let caller = Settings::from_env(&env).caller;
        if cfg!(feature = "jwt") {
            assert!(caller.is_ok(), "{name}: {:?}", caller.err());
        } else {
            let e = caller.expect_err(name);
            assert_eq!((e.status, e.code), (500, "SERVER_MISCONFIGURED"), "{name}");
            assert!(e.message.contains("`jwt` feature"), "{name}: {}", e.message);
        }
        // Either way no token route answers without a verified caller: the lean build
        // refuses the setting, the JWT build the missing JWT.
        let (status, code, message) = get(&env, "/rtm/alice");
        if cfg!(feature = "jwt") {
            assert_eq!(status, 401, "{name}: {code} {message}");
        } else {
            assert_eq!(
                (status, code.as_str()),
                (500, "SERVER_MISCONFIGURED"),
                "{name}"
            );
            assert!(message.contains("`jwt` feature"), "{name}: {message}");
        }
        assert_eq!(get(&env, "/ping").0, 200, "{name}: /ping needs nothing");
    }
}

#[test]
fn without_auth_settings_both_builds_issue_tokens() {
    let env = env(AuthVars::default());
    assert!(Settings::from_env(&env).caller.is_ok());
    let (status, code, message) = get(&env, "/rtm/alice");
    assert_eq!(status, 200, "{code} {message}");
}
