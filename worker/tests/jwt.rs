//! Native tests of identity-bound tokens: the whole path the Worker takes (the caller's
//! JWT verified through the JWKS cache, then the pure handler), with RustCrypto in place
//! of WebCrypto. The RS256 / ES256 / EdDSA tokens and the JWKS come from npm `jose`
//! (worker/tests/data/jwt.json, made by worker/tests/js/jwt-fixtures.mjs); HS256 tokens are
//! made here with `hmac`. Every issued token is decoded and its signature verified with
//! the certificate.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::cell::Cell;
use std::rc::Rc;

use agora_token::builders::RtcUser;
use agora_token::{AppCertificate, Expected};
use agora_token_worker::jwt::cache::{MIN_REFETCH_INTERVAL, STALE_GRACE, TTL};
use agora_token_worker::native::Local;
use agora_token_worker::platform::FetchError;
use agora_token_worker::{Server, Vars};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use common::*;
use hmac::{Hmac, KeyInit, Mac};
use proptest::prelude::*;
use serde_json::{json, Value};

const SECRET: &str = "super-secret-hs256-key-of-32-bytes!!";

struct Fixtures {
    now: u32,
    jwks: String,
    tokens: serde_json::Map<String, Value>,
}

fn fixtures() -> &'static Fixtures {
    static F: std::sync::OnceLock<Fixtures> = std::sync::OnceLock::new();
    F.get_or_init(|| {
        let text =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/jwt.json"))
                .unwrap();
        let v: Value = serde_json::from_str(&text).unwrap();
        Fixtures {
            now: u32::try_from(v["now"].as_u64().unwrap()).unwrap(),
            jwks: v["jwks"].to_string(),
            tokens: v["tokens"].as_object().unwrap().clone(),
        }
    })
}

fn token(name: &str) -> &'static str {
    fixtures().tokens[name].as_str().unwrap()
}

const JWKS_URL: &str = "https://idp.example/.well-known/jwks.json";

/// A JWKS endpoint: the fixture set (or down), counting fetches.
#[derive(Clone)]
struct TestJwks {
    up: Rc<Cell<bool>>,
    fetches: Rc<Cell<u32>>,
}

impl TestJwks {
    fn new(up: bool) -> Self {
        Self {
            up: Rc::new(Cell::new(up)),
            fetches: Rc::new(Cell::new(0)),
        }
    }

    /// The native platform at `now` with this endpoint.
    fn platform(&self, now: u32) -> Local {
        let jwks = self.clone();
        Local::at(now).with_jwks(move |url| {
            assert_eq!(url, JWKS_URL);
            jwks.fetches.set(jwks.fetches.get() + 1);
            if jwks.up.get() {
                Ok(fixtures().jwks.clone().into_bytes())
            } else {
                Err(FetchError("down"))
            }
        })
    }
}

fn jwks_env(f: impl FnOnce(&mut Vars)) -> Vars {
    let mut v = Vars {
        agora_app_id: Some(APP_ID.into()),
        agora_app_certificate: Some(cert().into()),
        auth_jwks_url: Some(JWKS_URL.into()),
        auth_jwt_issuer: Some("https://idp.example/".into()),
        auth_jwt_audience: Some("agora-app".into()),
        ..Vars::default()
    };
    f(&mut v);
    v
}

fn hs_env(f: impl FnOnce(&mut Vars)) -> Vars {
    jwks_env(|a| {
        a.auth_jwks_url = None;
        a.auth_jwt_secret = Some(SECRET.into());
        f(a);
    })
}

/// An HS256 JWT with `claims`, made here with `hmac` (and `key` as the secret).
fn hs256(claims: &Value, key: &str) -> String {
    let h = URL_SAFE_NO_PAD.encode(r#"{"alg":"HS256","typ":"JWT"}"#);
    let p = URL_SAFE_NO_PAD.encode(claims.to_string());
    let mut mac = <Hmac<sha2::Sha256> as KeyInit>::new_from_slice(key.as_bytes()).unwrap();
    mac.update(format!("{h}.{p}").as_bytes());
    let s = URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes());
    format!("{h}.{p}.{s}")
}

fn claims(extra: Value) -> Value {
    let now = fixtures().now;
    let mut c =
        json!({"sub": "42", "iss": "https://idp.example/", "aud": "agora-app", "exp": now + 600});
    for (k, v) in extra.as_object().unwrap() {
        c[k] = v.clone();
    }
    c
}

struct Resp {
    status: u16,
    headers: Vec<(&'static str, String)>,
    json: Value,
}

impl Resp {
    fn code(&self) -> &str {
        self.json["error"]["code"].as_str().unwrap_or("")
    }
    fn message(&self) -> &str {
        self.json["error"]["message"].as_str().unwrap_or("")
    }
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    fn reason(&self) -> &str {
        assert_eq!(self.status, 401, "{}", self.json);
        assert_eq!(self.code(), "UNAUTHORIZED");
        assert!(self
            .header("www-authenticate")
            .unwrap()
            .starts_with("Bearer"));
        self.message().split(':').next().unwrap()
    }
}

/// One request to `server` (whose JWKS cache persists across calls) with `jwks` as the
/// identity provider's endpoint, at `now`.
#[allow(clippy::too_many_arguments)]
fn call_with(
    server: &Server,
    jwks: &TestJwks,
    now: u32,
    method: &str,
    target: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Resp {
    let platform = jwks.platform(now);
    let r = with_request(method, target, headers, body, |req| {
        answer_with(server, &platform, req)
    });
    for t in [token("rs256"), SECRET] {
        assert!(!r.body.contains(t), "a response echoes a secret or the JWT");
    }
    assert!(!r.body.contains(cert()));
    Resp {
        status: r.status,
        headers: r.headers,
        json: serde_json::from_str(&r.body).unwrap_or(Value::Null),
    }
}

fn get_token(env: &Vars, jwt: Option<&str>, body: &Value) -> Resp {
    let server = Server::new(env);
    let jwks = TestJwks::new(true);
    let auth = jwt.map(|t| format!("Bearer {t}"));
    let mut headers = vec![("content-type", "application/json")];
    if let Some(a) = &auth {
        headers.push(("authorization", a));
    }
    call_with(
        &server,
        &jwks,
        fixtures().now,
        "POST",
        "/getToken",
        &headers,
        body.to_string().as_bytes(),
    )
}

/// Checks an RTC 007 token: signature under the certificate, channel, user and role.
fn check_rtc(r: &Resp, key: &str, channel: &str, user: RtcUser, publisher: bool) {
    assert_eq!(r.status, 200, "{}", r.json);
    let t = r.json[key].as_str().unwrap();
    let v = agora_token::verify(
        t,
        &AppCertificate::new(cert()).unwrap(),
        &Expected {
            channel_name: Some(channel.into()),
            user: Some(user.clone()),
            now: Some(fixtures().now),
            ..Expected::default()
        },
    );
    assert!(v.valid && v.signature_valid == Some(true), "{v:?}");
    let info = agora_token::inspect(t, Some(fixtures().now)).unwrap();
    let rtc = info.services.iter().find(|s| s.type_name == "rtc").unwrap();
    assert_eq!(
        rtc.fields.get("channelName").map(String::as_str),
        Some(channel)
    );
    assert_eq!(rtc.fields.get("uid").cloned(), Some(user.wire()));
    let n = rtc.privileges.len();
    assert_eq!(n, if publisher { 4 } else { 1 }, "{:?}", rtc.privileges);
}

fn user_of_service(r: &Resp, kind: &str) -> String {
    assert_eq!(r.status, 200, "{}", r.json);
    let info = agora_token::inspect(r.json["token"].as_str().unwrap(), None).unwrap();
    let s = info.services.iter().find(|s| s.type_name == kind).unwrap();
    s.fields.get("userId").cloned().unwrap()
}

#[test]
fn valid_rs256_es256_eddsa_tokens_bind_the_identity() {
    let e = jwks_env(|_| {});
    let body = json!({"tokenType": "rtc", "channel": "demo", "role": "publisher"});
    for name in ["rs256", "eddsa"] {
        let r = get_token(&e, Some(token(name)), &body);
        check_rtc(&r, "token", "demo", RtcUser::Uid(42), true);
    }
    // ES256 with sub "alice": an account.
    let r = get_token(&e, Some(token("es256")), &body);
    check_rtc(&r, "token", "demo", RtcUser::Account("alice".into()), true);
    // The same uid in the request is fine; the expiry leeway admits a just-expired JWT.
    let r = get_token(
        &e,
        Some(token("expired_within_leeway")),
        &json!({"tokenType": "rtc", "channel": "demo", "uid": "42"}),
    );
    check_rtc(&r, "token", "demo", RtcUser::Uid(42), false);
}

#[test]
fn refused_jwts_get_401_with_a_reason() {
    let e = jwks_env(|_| {});
    let body = json!({"tokenType": "rtc", "channel": "demo"});
    for (name, reason) in [
        ("expired", "TOKEN_EXPIRED"),
        ("not_yet_valid", "TOKEN_NOT_YET_VALID"),
        ("wrong_audience", "BAD_AUDIENCE"),
        ("wrong_issuer", "BAD_ISSUER"),
        ("unknown_kid", "UNKNOWN_KEY"),
        ("other_key_same_kid", "BAD_SIGNATURE"),
        ("tampered", "BAD_SIGNATURE"),
        ("alg_none", "ALG_NOT_ALLOWED"),
        ("alg_none_sig", "ALG_NOT_ALLOWED"),
        ("hs256_with_public_key", "ALG_NOT_ALLOWED"),
        ("no_exp", "BAD_CLAIM"),
    ] {
        let r = get_token(&e, Some(token(name)), &body);
        assert_eq!(r.reason(), reason, "{name}: {}", r.json);
        assert!(!r.message().contains(token(name)));
    }
    let r = get_token(&e, None, &body);
    assert_eq!(r.reason(), "TOKEN_MISSING");
    assert_eq!(r.header("www-authenticate"), Some("Bearer"));
    let r = get_token(&e, Some("not-a-jwt"), &body);
    assert_eq!(r.reason(), "TOKEN_MALFORMED");
    // An HS256 JWT made with a secret is refused when keys come from a JWKS.
    let r = get_token(&e, Some(&hs256(&claims(json!({})), SECRET)), &body);
    assert_eq!(r.reason(), "ALG_NOT_ALLOWED");
}

#[test]
fn every_route_needs_the_jwt_and_fails_closed_without_verification() {
    let e = jwks_env(|_| {});
    let server = Server::new(&e);
    let jwks = TestJwks::new(true);
    let now = fixtures().now;
    let bearer = format!("Bearer {}", token("rs256"));
    for (method, target, body) in [
        ("GET", "/rtc/demo/publisher/uid/42/", ""),
        ("GET", "/rtm/42/", ""),
        ("GET", "/rte/demo/publisher/uid/42/", ""),
        ("POST", "/inspect", r#"{"token":"007eJx"}"#),
        ("POST", "/getToken", r#"{"tokenType":"rtm"}"#),
    ] {
        let hdrs = [("content-type", "application/json")];
        let r = call_with(&server, &jwks, now, method, target, &hdrs, body.as_bytes());
        assert_eq!(r.reason(), "TOKEN_MISSING", "{target}");
        let hdrs = [
            ("content-type", "application/json"),
            ("authorization", bearer.as_str()),
        ];
        let r = call_with(&server, &jwks, now, method, target, &hdrs, body.as_bytes());
        assert_ne!(r.status, 401, "{target}: {}", r.json);
    }
    // /ping needs nothing, even with a broken AUTH_* setting (which refuses the rest).
    let r = call_with(&server, &jwks, now, "GET", "/ping", &[], b"");
    assert_eq!(r.status, 200);
    let broken = Server::new(&jwks_env(|a| a.auth_jwt_leeway = Some("forever".into())));
    let r = call_with(&broken, &jwks, now, "GET", "/ping", &[], b"");
    assert_eq!(r.status, 200);
    let hdrs = [("authorization", bearer.as_str())];
    let r = call_with(&broken, &jwks, now, "GET", "/rtm/42", &hdrs, b"");
    assert_eq!((r.status, r.code()), (500, "SERVER_MISCONFIGURED"));
    assert!(r.message().contains("AUTH_JWT_LEEWAY"), "{}", r.message());
    // The GET routes bind the path's uid too.
    let hdrs = [("authorization", bearer.as_str())];
    let r = call_with(
        &server,
        &jwks,
        now,
        "GET",
        "/rte/demo/subscriber/uid/42/",
        &hdrs,
        b"",
    );
    check_rtc(&r, "rtcToken", "demo", RtcUser::Uid(42), false);
    for target in [
        "/rtc/demo/publisher/uid/43/",
        "/rtc/demo/publisher/uid/0/",
        "/rtc/demo/publisher/userAccount/42/",
        "/rtm/43/",
        "/rte/demo/publisher/uid/42/43/",
    ] {
        let r = call_with(&server, &jwks, now, "GET", target, &hdrs, b"");
        assert_eq!(
            (r.status, r.code()),
            (403, "FORBIDDEN_IDENTITY"),
            "{target}"
        );
    }
    // The JWKS was fetched once for all of these.
    assert_eq!(jwks.fetches.get(), 1);
}

#[test]
fn the_access_header_carries_the_jwt() {
    let e = jwks_env(|_| {});
    let server = Server::new(&e);
    let jwks = TestJwks::new(true);
    let hdrs = [("cf-access-jwt-assertion", token("es256"))];
    let r = call_with(
        &server,
        &jwks,
        fixtures().now,
        "GET",
        "/rtm/alice",
        &hdrs,
        b"",
    );
    assert_eq!(r.status, 200, "{}", r.json);
    let info = agora_token::inspect(r.json["rtmToken"].as_str().unwrap(), None).unwrap();
    assert_eq!(
        info.services[0].fields.get("userId").map(String::as_str),
        Some("alice")
    );
}

#[test]
fn identity_binding_for_rtm_and_chat() {
    let e = hs_env(|_| {});
    let jwt = hs256(&claims(json!({"sub": "alice"})), SECRET);
    let r = get_token(&e, Some(&jwt), &json!({"tokenType": "rtm"}));
    assert_eq!(user_of_service(&r, "rtm"), "alice");
    let r = get_token(&e, Some(&jwt), &json!({"tokenType": "chat"}));
    assert_eq!(user_of_service(&r, "chat"), "alice");
    let r = get_token(&e, Some(&jwt), &json!({"tokenType": "rtc", "channel": "c"}));
    check_rtc(&r, "token", "c", RtcUser::Account("alice".into()), false);
    for body in [
        json!({"tokenType": "rtm", "uid": "bob"}),
        json!({"tokenType": "chat", "uid": "bob"}),
        json!({"tokenType": "rtc", "channel": "c", "uid": "bob"}),
        json!({"tokenType": "rtc", "channel": "c", "uid": 0}),
    ] {
        let r = get_token(&e, Some(&jwt), &body);
        assert_eq!((r.status, r.code()), (403, "FORBIDDEN_IDENTITY"), "{body}");
    }
    // A numeric identity: uid 42 for RTC, "42" for RTM; the wildcard never.
    let e = hs_env(|a| a.auth_uid_claim = Some("agora_uid".into()));
    let jwt = hs256(&claims(json!({"agora_uid": 42})), SECRET);
    let r = get_token(
        &e,
        Some(&jwt),
        &json!({"tokenType": "rtc", "channel": "c", "uid": ""}),
    );
    check_rtc(&r, "token", "c", RtcUser::Uid(42), false);
    let r = get_token(&e, Some(&jwt), &json!({"tokenType": "rtm", "uid": "42"}));
    assert_eq!(user_of_service(&r, "rtm"), "42");
    // Without the identity claim: 403.
    let jwt = hs256(&claims(json!({})), SECRET);
    let r = get_token(&e, Some(&jwt), &json!({"tokenType": "rtm"}));
    assert_eq!((r.status, r.code()), (403, "FORBIDDEN_IDENTITY"));
    // HS256 mode: a wrong secret, and an RS256 token (no JWKS configured).
    let e = hs_env(|_| {});
    let bad = hs256(&claims(json!({})), "another-secret-of-at-least-32-bytes!!");
    assert_eq!(
        get_token(&e, Some(&bad), &json!({"tokenType": "rtm"})).reason(),
        "BAD_SIGNATURE"
    );
    assert_eq!(
        get_token(&e, Some(token("rs256")), &json!({"tokenType": "rtm"})).reason(),
        "ALG_NOT_ALLOWED"
    );
}

#[test]
fn channel_claim_with_prefixes() {
    let e = hs_env(|a| a.auth_channel_claim = Some("channels".into()));
    let jwt = hs256(&claims(json!({"channels": ["room-*", "lobby"]})), SECRET);
    for ch in ["room-1", "room-", "lobby"] {
        let r = get_token(&e, Some(&jwt), &json!({"tokenType": "rtc", "channel": ch}));
        check_rtc(&r, "token", ch, RtcUser::Uid(42), false);
    }
    for ch in ["room", "lobby2", "xroom-1", "Room-1"] {
        let r = get_token(&e, Some(&jwt), &json!({"tokenType": "rtc", "channel": ch}));
        assert_eq!((r.status, r.code()), (403, "FORBIDDEN_CHANNEL"), "{ch}");
    }
    // An RTM token with a stream channel is bound too.
    let r = get_token(
        &e,
        Some(&jwt),
        &json!({"tokenType": "rtm", "channel": "other"}),
    );
    assert_eq!((r.status, r.code()), (403, "FORBIDDEN_CHANNEL"));
    // No claim: no channel.
    let none = hs256(&claims(json!({})), SECRET);
    let r = get_token(
        &e,
        Some(&none),
        &json!({"tokenType": "rtc", "channel": "lobby"}),
    );
    assert_eq!((r.status, r.code()), (403, "FORBIDDEN_CHANNEL"));
}

#[test]
fn role_claim() {
    let e = hs_env(|a| a.auth_role_claim = Some("agora_role".into()));
    let pubr = json!({"tokenType": "rtc", "channel": "c", "role": "publisher"});
    let subr = json!({"tokenType": "rtc", "channel": "c", "role": "subscriber"});
    for allowed in [json!("publisher"), json!(["audience", "publisher"])] {
        let jwt = hs256(&claims(json!({"agora_role": allowed})), SECRET);
        check_rtc(
            &get_token(&e, Some(&jwt), &pubr),
            "token",
            "c",
            RtcUser::Uid(42),
            true,
        );
    }
    for denied in [
        json!("subscriber"),
        json!(["admin"]),
        json!(null),
        json!("Publisher"),
    ] {
        let jwt = hs256(&claims(json!({"agora_role": denied})), SECRET);
        let r = get_token(&e, Some(&jwt), &pubr);
        assert_eq!((r.status, r.code()), (403, "FORBIDDEN_ROLE"), "{denied}");
        check_rtc(
            &get_token(&e, Some(&jwt), &subr),
            "token",
            "c",
            RtcUser::Uid(42),
            false,
        );
    }
}

#[test]
fn jwks_cache_fetches_once_refetches_bounded_and_fails_closed() {
    let e = jwks_env(|_| {});
    let server = Server::new(&e);
    let jwks = TestJwks::new(true);
    let now = fixtures().now;
    let bearer = |name: &str| format!("Bearer {}", token(name));
    let rtm = |t: u32, name: &str| {
        let b = bearer(name);
        call_with(
            &server,
            &jwks,
            t,
            "GET",
            "/rtm/42",
            &[("authorization", b.as_str())],
            b"",
        )
    };
    for _ in 0..50 {
        assert_eq!(rtm(now, "rs256").status, 200);
    }
    assert_eq!(jwks.fetches.get(), 1);
    // An unknown kid refetches at most once per interval (the first fetch counts).
    let interval = u32::try_from(MIN_REFETCH_INTERVAL).unwrap();
    assert_eq!(rtm(now + 1, "unknown_kid").reason(), "UNKNOWN_KEY");
    assert_eq!(jwks.fetches.get(), 1);
    assert_eq!(rtm(now + interval, "unknown_kid").reason(), "UNKNOWN_KEY");
    assert_eq!(
        rtm(now + interval + 1, "unknown_kid").reason(),
        "UNKNOWN_KEY"
    );
    assert_eq!(jwks.fetches.get(), 2);
    assert_eq!(
        rtm(now + 2 * interval, "unknown_kid").reason(),
        "UNKNOWN_KEY"
    );
    assert_eq!(jwks.fetches.get(), 3);
    // Known keys keep working meanwhile, without fetches.
    assert_eq!(rtm(now + 2 * interval + 1, "rs256").status, 200);
    assert_eq!(jwks.fetches.get(), 3);
    // The provider goes down: cached keys serve within the TTL and a grace period.
    jwks.up.set(false);
    let past_ttl = now + 2 * interval + u32::try_from(TTL).unwrap();
    assert_eq!(rtm(past_ttl, "rs256").status, 200);
    assert_eq!(jwks.fetches.get(), 4);
    // Past the grace period: fail closed.
    let past_grace = past_ttl + u32::try_from(STALE_GRACE).unwrap() + interval;
    assert_eq!(rtm(past_grace, "rs256").reason(), "JWKS_UNAVAILABLE");
    assert_eq!(jwks.fetches.get(), 5);

    // Down from the start: fail closed, and no fetch storm.
    let cold = Server::new(&e);
    let down = TestJwks::new(false);
    for _ in 0..10 {
        let b = bearer("rs256");
        let r = call_with(
            &cold,
            &down,
            now,
            "GET",
            "/rtm/42",
            &[("authorization", b.as_str())],
            b"",
        );
        assert_eq!(r.reason(), "JWKS_UNAVAILABLE");
    }
    assert_eq!(down.fetches.get(), 1);
}

#[test]
fn api_key_and_auth_are_exclusive_and_api_key_mode_is_unchanged() {
    let mut e = hs_env(|_| {});
    e.token_api_key = Some("k3y".into());
    let r = get_token(
        &e,
        Some(&hs256(&claims(json!({})), SECRET)),
        &json!({"tokenType": "rtm"}),
    );
    assert_eq!((r.status, r.code()), (500, "SERVER_MISCONFIGURED"));
    assert!(!r.message().contains("k3y"));
    // No AUTH_*: the API key as before.
    let e = Vars {
        agora_app_id: Some(APP_ID.into()),
        agora_app_certificate: Some(cert().into()),
        token_api_key: Some("k3y".into()),
        ..Vars::default()
    };
    let r = get_token(&e, Some("k3y"), &json!({"tokenType": "rtm", "uid": "u"}));
    assert_eq!(r.status, 200);
    let r = get_token(
        &e,
        Some(token("rs256")),
        &json!({"tokenType": "rtm", "uid": "u"}),
    );
    assert_eq!(r.status, 401);
}

#[test]
fn rate_limited_caller_gets_429() {
    let e = hs_env(|a| a.token_rate_limit_period = Some("10".into()));
    let jwt = hs256(&claims(json!({})), SECRET);
    let bearer = format!("Bearer {jwt}");
    let keys = Rc::new(std::cell::RefCell::new(Vec::new()));
    let seen = Rc::clone(&keys);
    let platform = Local::at(fixtures().now).with_limiter(move |key| {
        seen.borrow_mut().push(key.to_owned());
        false
    });
    let headers = [
        ("authorization", bearer.as_str()),
        ("cf-connecting-ip", "203.0.113.9"),
    ];
    let r = with_request("GET", "/rtm/42", &headers, b"", |req| {
        answer(&e, &platform, req)
    });
    assert_eq!(r.status, 429);
    assert!(r.body.contains("RATE_LIMITED"));
    assert!(r
        .headers
        .iter()
        .any(|(n, v)| *n == "Retry-After" && v == "10"));
    // The limiter is asked once, keyed by the verified identity, not the address.
    assert_eq!(*keys.borrow(), ["id:42"]);
    // A refused JWT is refused before the limiter is asked.
    let r = with_request(
        "GET",
        "/rtm/42",
        &[("authorization", "Bearer x.y.z")],
        b"",
        |req| answer(&e, &platform, req),
    );
    assert_eq!(r.status, 401);
    assert_eq!(keys.borrow().len(), 1);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Arbitrary text as the JWT: never a panic, never a token.
    #[test]
    fn arbitrary_jwts_never_get_a_token(s in "\\PC{0,300}", dots in proptest::collection::vec("[A-Za-z0-9_-]{0,80}", 0..5)) {
        let e = jwks_env(|_| {});
        for jwt in [s.clone(), dots.join(".")] {
            let r = get_token(&e, Some(&jwt), &json!({"tokenType": "rtm"}));
            prop_assert!(r.status == 401, "{} {}", r.status, r.json);
        }
    }

    /// A valid token with one byte changed anywhere: refused.
    #[test]
    fn any_single_byte_change_is_refused(pos in 0usize..2000, byte in any::<u8>()) {
        let e = jwks_env(|_| {});
        let t = token("es256");
        let mut bytes = t.as_bytes().to_vec();
        let i = pos % bytes.len();
        prop_assume!(bytes[i] != byte);
        bytes[i] = byte;
        let Ok(jwt) = String::from_utf8(bytes) else { return Ok(()) };
        let r = get_token(&e, Some(&jwt), &json!({"tokenType": "rtm"}));
        prop_assert!(r.status == 401, "{} {}", r.status, r.json);
    }
}

#[test]
fn chat_app_tokens_are_never_issued_to_a_jwt_caller() {
    // Even where the policy allows Chat app tokens, a JWT caller gets its own user token
    // (POST without uid) or a 403 (GET /chat/app/): an app token is bound to no user.
    let mut e = hs_env(|_| {});
    e.allow_chat_app_token = Some("true".into());
    let jwt = hs256(&claims(json!({})), SECRET);
    let r = get_token(&e, Some(&jwt), &json!({"tokenType": "chat"}));
    assert_eq!(r.status, 200, "{}", r.json);
    assert_eq!(user_of_service(&r, "chat"), "42");
    let server = Server::new(&e);
    let bearer = format!("Bearer {jwt}");
    let r = call_with(
        &server,
        &TestJwks::new(true),
        fixtures().now,
        "GET",
        "/chat/app/",
        &[("authorization", &bearer)],
        b"",
    );
    assert_eq!(
        (r.status, r.code()),
        (403, "FORBIDDEN_IDENTITY"),
        "{}",
        r.json
    );
    let r = call_with(
        &server,
        &TestJwks::new(true),
        fixtures().now,
        "GET",
        "/chat/account/42/",
        &[("authorization", &bearer)],
        b"",
    );
    assert_eq!(r.status, 200, "{}", r.json);
    let info = agora_token::inspect(r.json["chatToken"].as_str().unwrap(), None).unwrap();
    let chat = info
        .services
        .iter()
        .find(|s| s.type_name == "chat")
        .unwrap();
    assert_eq!(chat.fields.get("userId").map(String::as_str), Some("42"));
}

/// The lifetime of the 007 token in `r`'s `key`.
fn lifetime(r: &Resp, key: &str) -> u32 {
    assert_eq!(r.status, 200, "{}", r.json);
    let info = agora_token::inspect(r.json[key].as_str().unwrap(), None).unwrap();
    info.expire.unwrap()
}

#[test]
fn no_token_outlives_the_jwt() {
    let e = hs_env(|a| a.auth_jwt_leeway = Some("5".into()));
    let now = fixtures().now;
    let body = json!({"tokenType": "rtc", "channel": "c"});
    // 20 s left (plus the 5 s leeway): the default 3600 s becomes 25 s.
    let short = hs256(&claims(json!({"exp": now + 20})), SECRET);
    assert_eq!(lifetime(&get_token(&e, Some(&short), &body), "token"), 25);
    // An explicit request is capped the same way; the server's maximum still refuses more.
    let asked = json!({"tokenType": "rtc", "channel": "c", "expire": 600});
    assert_eq!(lifetime(&get_token(&e, Some(&short), &asked), "token"), 25);
    let over = json!({"tokenType": "rtc", "channel": "c", "expire": 86_401});
    let r = get_token(&e, Some(&short), &over);
    assert_eq!((r.status, r.code()), (400, "INVALID_EXPIRY"));
    // A JWT with a long life leaves the requested lifetime alone.
    let long = hs256(&claims(json!({"exp": now + 7200})), SECRET);
    assert_eq!(lifetime(&get_token(&e, Some(&long), &asked), "token"), 600);
    assert_eq!(lifetime(&get_token(&e, Some(&long), &body), "token"), 3600);
    // Past exp but within the leeway: what is left of the leeway.
    let just = hs256(&claims(json!({"exp": now - 2})), SECRET);
    assert_eq!(lifetime(&get_token(&e, Some(&just), &body), "token"), 3);
    // The GET routes too.
    let server = Server::new(&e);
    let bearer = format!("Bearer {short}");
    let r = call_with(
        &server,
        &TestJwks::new(true),
        now,
        "GET",
        "/rte/c/subscriber/uid/42/?expiry=900",
        &[("authorization", &bearer)],
        b"",
    );
    assert_eq!(lifetime(&r, "rtcToken"), 25);
    assert_eq!(lifetime(&r, "rtmToken"), 25);
}

#[test]
fn exp_far_ahead_is_refused() {
    let e = hs_env(|_| {});
    let now = fixtures().now;
    let month = 30 * 86_400;
    let ok = hs256(&claims(json!({"exp": now + month})), SECRET);
    assert_eq!(
        get_token(&e, Some(&ok), &json!({"tokenType": "rtm"})).status,
        200
    );
    let eternal = hs256(&claims(json!({"exp": now + month + 1})), SECRET);
    assert_eq!(
        get_token(&e, Some(&eternal), &json!({"tokenType": "rtm"})).reason(),
        "BAD_CLAIM"
    );
}

#[test]
fn role_claim_covers_the_stream_channel_of_rtm_tokens() {
    let e = hs_env(|a| {
        a.auth_role_claim = Some("agora_role".into());
        a.auth_channel_claim = Some("channels".into());
    });
    let server = Server::new(&e);
    let now = fixtures().now;
    let sub = hs256(
        &claims(json!({"agora_role": "subscriber", "channels": ["lobby"]})),
        SECRET,
    );
    let publ = hs256(
        &claims(json!({"agora_role": "publisher", "channels": ["lobby"]})),
        SECRET,
    );
    let body = json!({"tokenType": "rtm", "channel": "lobby"});
    let r = get_token(&e, Some(&sub), &body);
    assert_eq!((r.status, r.code()), (403, "FORBIDDEN_ROLE"), "{}", r.json);
    // Without a channel the RTM token publishes nothing: served.
    assert_eq!(
        user_of_service(
            &get_token(&e, Some(&sub), &json!({"tokenType": "rtm"})),
            "rtm"
        ),
        "42"
    );
    for (jwt, want) in [(&sub, 403), (&publ, 200)] {
        let bearer = format!("Bearer {jwt}");
        let r = call_with(
            &server,
            &TestJwks::new(true),
            now,
            "GET",
            "/rte/lobby/subscriber/uid/42/",
            &[("authorization", &bearer)],
            b"",
        );
        assert_eq!(r.status, want, "{}", r.json);
    }
    let r = get_token(&e, Some(&publ), &body);
    let info = agora_token::inspect(r.json["token"].as_str().unwrap(), None).unwrap();
    let rtc = info.services.iter().find(|s| s.type_name == "rtc").unwrap();
    assert_eq!(rtc.privileges.len(), 2);
}

#[test]
fn host_and_origin_refusals_come_before_any_jwt_work() {
    let e = jwks_env(|a| {
        a.cors_allow_origin = Some("https://app.example".into());
        a.allowed_hosts = Some("tokens.example".into());
    });
    let server = Server::new(&e);
    let jwks = TestJwks::new(true);
    let bearer = format!("Bearer {}", token("rs256"));
    let now = fixtures().now;
    for (headers, status, code) in [
        (
            vec![("host", "evil.example"), ("authorization", bearer.as_str())],
            403,
            "HOST_NOT_ALLOWED",
        ),
        (
            vec![
                ("host", "tokens.example"),
                ("origin", "https://evil.example"),
                ("authorization", bearer.as_str()),
            ],
            403,
            "ORIGIN_NOT_ALLOWED",
        ),
        (
            vec![
                ("host", "tokens.example/rtc/lobby/publisher/uid/42/?x="),
                ("authorization", bearer.as_str()),
            ],
            400,
            "INVALID_HOST",
        ),
    ] {
        let r = call_with(&server, &jwks, now, "GET", "/rtm/42", &headers, b"");
        assert_eq!((r.status, r.code()), (status, code), "{}", r.json);
    }
    assert_eq!(jwks.fetches.get(), 0, "a refused request fetched the JWKS");
    let ok = [
        ("host", "tokens.example"),
        ("authorization", bearer.as_str()),
    ];
    assert_eq!(
        call_with(&server, &jwks, now, "GET", "/rtm/42", &ok, b"").status,
        200
    );
    assert_eq!(jwks.fetches.get(), 1);
}

#[test]
fn the_audit_trail_names_the_jwt_caller_never_the_jwt() {
    let e = hs_env(|a| a.auth_role_claim = Some("agora_role".into()));
    let server = Server::new(&e);
    let platform = TestJwks::new(true).platform(fixtures().now);
    let jwt = hs256(&claims(json!({"sub": "alice"})), SECRET);
    let bearer = format!("Bearer {jwt}");
    let line = |body: &str| {
        let r = with_request(
            "POST",
            "/getToken",
            &[("authorization", &bearer)],
            body.as_bytes(),
            |req| answer_with(&server, &platform, req),
        );
        let lines = platform.take_audit();
        assert_eq!(lines.len(), 1);
        assert!(
            !lines[0].contains(&jwt) && !lines[0].contains(SECRET),
            "{}",
            lines[0]
        );
        (r.status, serde_json::from_str::<Value>(&lines[0]).unwrap())
    };
    let (status, l) = line(r#"{"tokenType":"rtc","channel":"private"}"#);
    assert_eq!(status, 200);
    assert_eq!(
        l["caller"],
        json!({"kind": "jwt", "iss": "https://idp.example/", "sub": "alice"})
    );
    assert_eq!(l["tokens"][0]["account"], "alice");
    // Who asked to publish in the private channel, and was refused.
    let (status, l) = line(r#"{"tokenType":"rtc","channel":"private","role":"publisher"}"#);
    assert_eq!(
        (status, l["outcome"].as_str()),
        (403, Some("FORBIDDEN_ROLE"))
    );
    assert_eq!(l["tokens"][0]["channel"], "private");
    assert_eq!(l["tokens"][0]["role"], "publisher");
    assert_eq!(l["caller"]["sub"], "alice");
    // A refused JWT: the reason, no caller.
    let expired = hs256(&claims(json!({"exp": fixtures().now - 3600})), SECRET);
    let r = with_request(
        "GET",
        "/rtm/alice",
        &[("authorization", &format!("Bearer {expired}"))],
        b"",
        |req| answer_with(&server, &platform, req),
    );
    assert_eq!(r.status, 401);
    let l: Value = serde_json::from_str(&platform.take_audit()[0]).unwrap();
    assert_eq!(
        (l["outcome"].as_str(), l["reason"].as_str()),
        (Some("UNAUTHORIZED"), Some("TOKEN_EXPIRED"))
    );
    assert_eq!(l["caller"]["kind"], "unknown");
    let points = platform.take_metrics();
    assert_eq!(
        points.last().unwrap().blobs[..2],
        ["UNAUTHORIZED", "TOKEN_EXPIRED"]
    );
}

/// The native platform, counting the signature checks it is asked for.
struct Counting {
    inner: Local,
    checks: Cell<u32>,
}

impl agora_token_worker::platform::Platform for Counting {
    fn now(&self) -> Option<u32> {
        self.inner.now()
    }
    fn salt(&self) -> Option<u32> {
        self.inner.salt()
    }
    fn fetch_jwks(
        &self,
        url: &str,
    ) -> impl std::future::Future<Output = Result<Vec<u8>, FetchError>> {
        self.inner.fetch_jwks(url)
    }
    fn verify_signature(
        &self,
        key: &agora_token_worker::jwt::jwks::Jwk,
        alg: agora_token_worker::jwt::Alg,
        input: &[u8],
        signature: &[u8],
    ) -> impl std::future::Future<Output = bool> {
        self.checks.set(self.checks.get() + 1);
        self.inner.verify_signature(key, alg, input, signature)
    }
    fn within_rate_limit(&self, key: &str) -> impl std::future::Future<Output = bool> {
        self.inner.within_rate_limit(key)
    }
    fn audit(&self, line: &str) {
        self.inner.audit(line);
    }
    fn record_metric(&self, point: &agora_token_worker::audit::DataPoint) {
        self.inner.record_metric(point);
    }
}

#[test]
fn a_verified_signature_is_not_checked_again_and_vouches_for_nothing_else() {
    use agora_token_worker::platform::Platform as _;
    let now = fixtures().now;
    let server = Server::new(&jwks_env(|_| {}));
    // The JWKS the provider serves: the fixture set, then (after a rotation that kept the
    // kid) the RS256 key with another modulus.
    let served = Rc::new(std::cell::RefCell::new(fixtures().jwks.clone()));
    let platform = |t: u32| {
        let served = Rc::clone(&served);
        Counting {
            inner: Local::at(t).with_jwks(move |_| Ok(served.borrow().clone().into_bytes())),
            checks: Cell::new(0),
        }
    };
    let rtm = |p: &Counting, jwt: &str| {
        let auth = format!("Bearer {jwt}");
        with_request("GET", "/rtm/42", &[("authorization", &auth)], b"", |req| {
            agora_token_worker::native::block_on(agora_token_worker::handle(req, &server, p))
                .unwrap()
        })
    };
    let jwt = token("rs256");
    let p = platform(now);
    for _ in 0..20 {
        assert_eq!(rtm(&p, jwt).status, 200);
    }
    assert_eq!(
        p.checks.get(),
        1,
        "one check for one JWT presented 20 times"
    );

    // Every byte of the signature still counts: a changed one is checked, and refused.
    let (head, sig) = jwt.rsplit_once('.').unwrap();
    let mut raw = URL_SAFE_NO_PAD.decode(sig).unwrap();
    raw[0] ^= 1;
    let forged = format!("{head}.{}", URL_SAFE_NO_PAD.encode(&raw));
    let r = rtm(&p, &forged);
    assert_eq!(r.status, 401);
    assert!(
        r.body.contains("BAD_SIGNATURE") || r.body.contains("signature"),
        "{}",
        r.body
    );
    assert_eq!(p.checks.get(), 2);
    // The claims are checked on every request: past exp (and the leeway) it is refused.
    let late = platform(now + 3 * 86_400);
    let r = rtm(&late, jwt);
    assert_eq!(r.status, 401);
    assert!(r.body.contains("expired"), "{}", r.body);

    // The provider rotates the key under the same kid: after the refetch the remembered
    // signature is not trusted; the new key is asked, and refuses it.
    let mut set: Value = serde_json::from_str(&served.borrow()).unwrap();
    for k in set["keys"].as_array_mut().unwrap() {
        if k["kty"] == "RSA" {
            let mut n = URL_SAFE_NO_PAD.decode(k["n"].as_str().unwrap()).unwrap();
            let last = n.len() - 1;
            n[last] ^= 2;
            k["n"] = Value::String(URL_SAFE_NO_PAD.encode(&n));
        }
    }
    *served.borrow_mut() = set.to_string();
    let after = platform(now + 3 * 86_400 + u32::try_from(TTL).unwrap() + 1);
    assert!(after.now().is_some());
    let r = rtm(&after, jwt);
    assert_eq!(r.status, 401, "{}", r.body);
    assert!(r.body.contains("signature"), "{}", r.body);
    assert_eq!(after.checks.get(), 1, "the rotated key is asked");
}
