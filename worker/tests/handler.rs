//! Native tests of the pure handler: every route and error case, under several server
//! configurations, with each issued token decoded and verified independently.

// Test helpers outside #[test] fns: a panic here is a test failure.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use agora_token::builders::RtcUser;
use agora_token_worker::native::Local;
use agora_token_worker::{HttpRequest, Vars};
use common::*;
use serde_json::{json, Value};

const NOW: u32 = 1_750_000_000;

fn env() -> Vars {
    Vars {
        agora_app_id: Some(APP_ID.into()),
        agora_app_certificate: Some(cert().into()),
        ..Vars::default()
    }
}

struct Resp {
    status: u16,
    headers: Vec<(&'static str, String)>,
    json: Value,
}

impl Resp {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    fn code(&self) -> &str {
        self.json["error"]["code"].as_str().unwrap_or("")
    }
    fn token(&self, key: &str) -> &str {
        assert_eq!(self.status, 200, "{}", self.json);
        assert_eq!(self.header("cache-control"), Some("no-store"));
        self.json[key]
            .as_str()
            .unwrap_or_else(|| panic!("no {key} in {}", self.json))
    }
}

fn call(env: &Vars, method: &str, target: &str, headers: &[(&str, &str)], body: &[u8]) -> Resp {
    let r = with_request(method, target, headers, body, |req| {
        answer(env, &Local::at(NOW), req)
    });
    // Never the certificate, in any answer.
    assert!(!r.body.contains(cert()), "{}", r.body);
    assert!(r.headers.iter().all(|(_, v)| !v.contains(cert())));
    capture(
        "handler-responses.log",
        format!(
            "{} {target} -> {} {:?} {}",
            method, r.status, r.headers, r.body
        )
        .as_bytes(),
    );
    assert!(
        r.headers
            .iter()
            .any(|(n, v)| n.eq_ignore_ascii_case("x-content-type-options") && v == "nosniff"),
        "no nosniff: {} {:?}",
        r.status,
        r.headers
    );
    for (i, (n, _)) in r.headers.iter().enumerate() {
        assert!(
            !r.headers
                .iter()
                .skip(i + 1)
                .any(|(m, _)| m.eq_ignore_ascii_case(n)),
            "duplicate {n}: {:?}",
            r.headers
        );
    }
    let json = if r.body.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&r.body).expect("JSON body")
    };
    if r.status >= 400 {
        assert!(
            json["error"]["code"].is_string() && json["error"]["message"].is_string(),
            "{json}"
        );
    }
    Resp {
        status: r.status,
        headers: r.headers,
        json,
    }
}

fn post(env: &Vars, path: &str, body: &Value) -> Resp {
    call(
        env,
        "POST",
        path,
        &[("Content-Type", "application/json")],
        body.to_string().as_bytes(),
    )
}

fn get(env: &Vars, target: &str) -> Resp {
    call(env, "GET", target, &[], b"")
}

fn rtc(
    channel: &str,
    uid: &str,
    privileges: &'static [&'static str],
    expire: u32,
) -> Want007<'static> {
    let fields: &'static [(&'static str, &'static str)] = Box::leak(
        vec![
            (
                "channelName",
                &*Box::leak(channel.to_owned().into_boxed_str()),
            ),
            ("uid", &*Box::leak(uid.to_owned().into_boxed_str())),
        ]
        .into_boxed_slice(),
    );
    let services = Box::leak(
        vec![Svc {
            kind: "rtc",
            fields,
            privileges,
        }]
        .into_boxed_slice(),
    );
    Want007 { services, expire }
}

#[test]
fn ping_always_answers() {
    let r = get(&env(), "/ping");
    assert_eq!((r.status, &r.json), (200, &json!({"message": "pong"})));
    // Even with no credentials and a broken policy.
    let broken = Vars {
        token_max_expire: Some("nope".into()),
        ..Vars::default()
    };
    assert_eq!(get(&broken, "/ping").status, 200);
    assert_eq!(get(&broken, "/rtm/alice").code(), "SERVER_MISCONFIGURED");
}

#[test]
fn get_token_rtc() {
    let e = env();
    let r = call(
        &e,
        "POST",
        "/getToken",
        &[],
        br#"{"tokenType":"rtc","channel":"demo","uid":"42","role":"publisher"}"#,
    );
    check_007(
        r.token("token"),
        &rtc("demo", "42", PUBLISHER, 3600),
        NOW,
        0,
    );
    let r = post(
        &e,
        "/getToken",
        &json!({"tokenType":"rtc","channel":"demo","uid":"alice","expire":600}),
    );
    check_007(
        r.token("token"),
        &rtc("demo", "alice", SUBSCRIBER, 600),
        NOW,
        0,
    );
    let r = post(
        &e,
        "/getToken",
        &json!({"tokenType":"rtc","channel":"demo","uid":"0042","role":"subscriber"}),
    );
    check_007(
        r.token("token"),
        &rtc("demo", "42", SUBSCRIBER, 3600),
        NOW,
        0,
    );
    let r = post(
        &e,
        "/getToken",
        &json!({"tokenType":"rtc","channel":"demo","uid":4294967295u32}),
    );
    check_007(
        r.token("token"),
        &rtc("demo", "4294967295", SUBSCRIBER, 3600),
        NOW,
        0,
    );
    let r = post(
        &e,
        "/getToken",
        &json!({"tokenType":"rtc","channel":"demo","uid":"42","role":"publisher","version":"006","expire":120}),
    );
    check_006(
        r.token("token"),
        "demo",
        RtcUser::Uid(42),
        PUBLISHER,
        120,
        NOW,
        0,
    );
    let r = post(
        &e,
        "/getToken",
        &json!({"tokenType":"rtc","channel":"demo","uid":"bob","version":"006"}),
    );
    check_006(
        r.token("token"),
        "demo",
        RtcUser::Account("bob".into()),
        SUBSCRIBER,
        3600,
        NOW,
        0,
    );
}

#[test]
fn get_token_rtm_and_chat() {
    let e = env();
    let r = post(
        &e,
        "/getToken",
        &json!({"tokenType":"rtm","uid":"alice","expire":900}),
    );
    let want = Want007 {
        services: &[Svc {
            kind: "rtm",
            fields: &[("userId", "alice")],
            privileges: &["login"],
        }],
        expire: 900,
    };
    check_007(r.token("token"), &want, NOW, 0);
    let r = post(
        &e,
        "/getToken",
        &json!({"tokenType":"rtm","uid":"alice","channel":"stream-1"}),
    );
    let want = Want007 {
        services: &[
            Svc {
                kind: "rtm",
                fields: &[("userId", "alice")],
                privileges: &["login"],
            },
            Svc {
                kind: "rtc",
                fields: &[("channelName", "stream-1"), ("uid", "alice")],
                privileges: &["joinChannel", "publishDataStream"],
            },
        ],
        expire: 3600,
    };
    check_007(r.token("token"), &want, NOW, 0);
    let r = post(
        &e,
        "/getToken",
        &json!({"tokenType":"rtm","uid":"alice","version":"006"}),
    );
    check_006(
        r.token("token"),
        "alice",
        RtcUser::Uid(0),
        &["rtmLogin"],
        3600,
        NOW,
        0,
    );
    let r = post(
        &e,
        "/getToken",
        &json!({"tokenType":"rtm","uid":"alice","channel":"c","version":"006"}),
    );
    assert_eq!((r.status, r.code()), (400, "UNSUPPORTED_VERSION"));
    assert_eq!(
        post(&e, "/getToken", &json!({"tokenType":"rtm"})).code(),
        "MISSING_FIELD"
    );

    let r = post(&e, "/getToken", &json!({"tokenType":"chat","uid":"alice"}));
    let want = Want007 {
        services: &[Svc {
            kind: "chat",
            fields: &[("userId", "alice")],
            privileges: &["user"],
        }],
        expire: 3600,
    };
    check_007(r.token("token"), &want, NOW, 0);
    // A Chat app token (no uid, or an empty one) only with ALLOW_CHAT_APP_TOKEN=true.
    for body in [
        json!({"tokenType":"chat"}),
        json!({"tokenType":"chat","uid":""}),
        json!({"tokenType":"chat","uid":null,"expire":60}),
        json!({"tokenType":"chat","version":"006"}),
    ] {
        let r = post(&e, "/getToken", &body);
        assert_eq!(
            (r.status, r.code()),
            (403, "CHAT_APP_TOKEN_NOT_ALLOWED"),
            "{body}"
        );
        assert!(r.json["error"]["message"]
            .as_str()
            .unwrap()
            .contains("ALLOW_CHAT_APP_TOKEN"));
    }
    let r = get(&e, "/chat/app/");
    assert_eq!((r.status, r.code()), (403, "CHAT_APP_TOKEN_NOT_ALLOWED"));
    let allowed = Vars {
        allow_chat_app_token: Some("true".into()),
        ..env()
    };
    let app = |expire| Want007 {
        services: &[Svc {
            kind: "chat",
            fields: &[("userId", "")],
            privileges: &["app"],
        }],
        expire,
    };
    let r = post(&allowed, "/getToken", &json!({"tokenType":"chat"}));
    check_007(r.token("token"), &app(3600), NOW, 0);
    let r = post(&allowed, "/getToken", &json!({"tokenType":"chat","uid":""}));
    check_007(r.token("token"), &app(3600), NOW, 0);
    let r = get(&allowed, "/chat/app/?expiry=120");
    check_007(r.token("chatToken"), &app(120), NOW, 0);
    assert_eq!(
        post(
            &allowed,
            "/getToken",
            &json!({"tokenType":"chat","version":"006"})
        )
        .code(),
        "UNSUPPORTED_VERSION"
    );
    // Chat user tokens are unaffected by the setting.
    let user = |expire| Want007 {
        services: &[Svc {
            kind: "chat",
            fields: &[("userId", "bob")],
            privileges: &["user"],
        }],
        expire,
    };
    for env in [&e, &allowed] {
        let r = get(env, "/chat/account/bob/?expiry=600");
        check_007(r.token("chatToken"), &user(600), NOW, 0);
        let r = get(env, "/chat/account/bob");
        check_007(r.token("chatToken"), &user(3600), NOW, 0);
        let r = get(env, "/chat/account/bob/?expiry=fail");
        assert_eq!((r.status, r.code()), (400, "INVALID_EXPIRY"));
        assert_eq!(get(env, "/chat/account/").status, 404);
        assert_eq!(get(env, "/chat/invalid/").status, 404);
    }
}

#[test]
fn agora_token_service_semantics() {
    let e = env();
    // Any role but "publisher" (exactly) is a join-only token.
    for role in [
        json!("subscriber"),
        json!("audience"),
        json!("Publisher"),
        json!("admin"),
        json!(""),
        Value::Null,
    ] {
        let r = post(
            &e,
            "/getToken",
            &json!({"tokenType":"rtc","channel":"demo","uid":"7","role":role}),
        );
        check_007(
            r.token("token"),
            &rtc("demo", "7", SUBSCRIBER, 3600),
            NOW,
            0,
        );
    }
    for path in [
        "/rtc/demo/audience/uid/7/",
        "/rtc/demo/host/uid/7/",
        "/rtc/demo/PUBLISHER/uid/7/",
    ] {
        check_007(
            get(&e, path).token("rtcToken"),
            &rtc("demo", "7", SUBSCRIBER, 3600),
            NOW,
            0,
        );
    }
    // expire/expiry 0 is the default lifetime (TOKEN_DEFAULT_EXPIRE).
    let short = Vars {
        token_default_expire: Some("900".into()),
        ..env()
    };
    let r = post(
        &short,
        "/getToken",
        &json!({"tokenType":"rtc","channel":"demo","uid":"7","expire":0}),
    );
    check_007(r.token("token"), &rtc("demo", "7", SUBSCRIBER, 900), NOW, 0);
    let r = get(&short, "/rtc/demo/publisher/uid/7/?expiry=0");
    check_007(
        r.token("rtcToken"),
        &rtc("demo", "7", PUBLISHER, 900),
        NOW,
        0,
    );
    let r = get(&short, "/rtm/bob/?expiry=0");
    assert_eq!(r.status, 200);
    // A missing or empty body is a 400 whatever the content type.
    for ct in [
        None,
        Some("application/json"),
        Some("text/plain"),
        Some("text/xml"),
    ] {
        let headers: Vec<(&str, &str)> = ct.map(|c| ("Content-Type", c)).into_iter().collect();
        let r = call(&e, "POST", "/getToken", &headers, b"");
        assert_eq!((r.status, r.code()), (400, "INVALID_JSON"), "{ct:?}");
    }
    // No content type: the body is read as JSON (agora-token-service ignores the type).
    let r = call(&e, "POST", "/getToken", &[], b"tokenType=rtc");
    assert_eq!((r.status, r.code()), (400, "INVALID_JSON"));
}

#[test]
fn get_token_bad_input() {
    let e = env();
    let cases: &[(Value, &str)] = &[
        (json!({"channel":"demo","uid":"1"}), "MISSING_FIELD"),
        (json!({"tokenType":"rtc","uid":"1"}), "MISSING_FIELD"),
        (
            json!({"tokenType":"voice","channel":"demo","uid":"1"}),
            "INVALID_TOKEN_TYPE",
        ),
        (json!({"tokenType":7}), "INVALID_FIELD"),
        (
            json!({"tokenType":"rtc","channel":"demo","uid":"4294967296"}),
            "INVALID_UID",
        ),
        (
            json!({"tokenType":"rtc","channel":"demo","uid":"99999999999"}),
            "INVALID_UID",
        ),
        (
            json!({"tokenType":"rtc","channel":"demo","uid":-1}),
            "INVALID_UID",
        ),
        (
            json!({"tokenType":"rtc","channel":"demo","uid":"0"}),
            "WILDCARD_UID_NOT_ALLOWED",
        ),
        // As agora-token-service: an RTC token needs a uid (the wildcard is "0").
        (
            json!({"tokenType":"rtc","channel":"demo","uid":""}),
            "MISSING_FIELD",
        ),
        (json!({"tokenType":"rtc","channel":"demo"}), "MISSING_FIELD"),
        (
            json!({"tokenType":"rtc","channel":"","uid":"1"}),
            "MISSING_FIELD",
        ),
        (json!({"tokenType":"rtm","uid":""}), "MISSING_FIELD"),
        (
            json!({"tokenType":"rtc","channel":"de/mo","uid":"1"}),
            "INVALID_CHANNEL_NAME",
        ),
        (
            json!({"tokenType":"rtc","channel":"x".repeat(65),"uid":"1"}),
            "FIELD_TOO_LONG",
        ),
        (
            json!({"tokenType":"rtc","channel":"demo","uid":"1","role":7}),
            "INVALID_FIELD",
        ),
        (
            json!({"tokenType":"rtc","channel":"demo","uid":"1","expire":86401}),
            "INVALID_EXPIRY",
        ),
        (
            json!({"tokenType":"rtc","channel":"demo","uid":"1","expire":-1}),
            "INVALID_EXPIRY",
        ),
        (
            json!({"tokenType":"rtc","channel":"demo","uid":"1","expire":1.5}),
            "INVALID_EXPIRY",
        ),
        (
            json!({"tokenType":"rtc","channel":"demo","uid":"1","expire":"60"}),
            "INVALID_EXPIRY",
        ),
        (
            json!({"tokenType":"rtc","channel":"demo","uid":"1","expire":1_750_000_000u32}),
            "INVALID_EXPIRY",
        ),
        (
            json!({"tokenType":"rtc","channel":"demo","uid":"1","version":"008"}),
            "UNSUPPORTED_VERSION",
        ),
        (
            json!({"tokenType":"rtm","uid":"x".repeat(65)}),
            "FIELD_TOO_LONG",
        ),
        (json!({"tokenType":"chat","uid":"a\u{1}"}), "INVALID_FIELD"),
    ];
    for (body, code) in cases {
        let r = post(&e, "/getToken", body);
        assert_eq!((r.status, r.code()), (400, *code), "{body}: {}", r.json);
    }
    let msg = post(
        &e,
        "/getToken",
        &json!({"tokenType":"rtc","channel":"demo","uid":"1","expire":86401}),
    )
    .json;
    assert!(
        msg["error"]["message"]
            .as_str()
            .unwrap_or("")
            .contains("86400"),
        "{msg}"
    );
}

#[test]
fn policy_from_env() {
    let e = Vars {
        token_max_expire: Some("600".into()),
        token_default_expire: Some("300".into()),
        allow_wildcard_uid: Some("true".into()),
        ..env()
    };
    let r = post(
        &e,
        "/getToken",
        &json!({"tokenType":"rtc","channel":"demo","uid":"0"}),
    );
    let info = check_007(r.token("token"), &rtc("demo", "", SUBSCRIBER, 300), NOW, 0);
    assert!(!info.warnings.is_empty(), "wildcard warning");
    // An empty uid segment on GET /rtc is the wildcard too (as agora-token-service).
    let r = get(&e, "/rtc/demo/publisher/uid//");
    check_007(
        r.token("rtcToken"),
        &rtc("demo", "", PUBLISHER, 300),
        NOW,
        0,
    );
    assert_eq!(
        get(&env(), "/rtc/demo/publisher/uid//").code(),
        "WILDCARD_UID_NOT_ALLOWED"
    );
    assert_eq!(
        post(
            &e,
            "/getToken",
            &json!({"tokenType":"rtm","uid":"a","expire":601})
        )
        .code(),
        "INVALID_EXPIRY"
    );
    let r = post(
        &e,
        "/getToken",
        &json!({"tokenType":"rtm","uid":"a","expire":600}),
    );
    assert_eq!(r.status, 200);
}

#[test]
fn older_get_routes() {
    let e = env();
    let r = get(&e, "/rtc/demo/publisher/uid/42/?expiry=600");
    check_007(
        r.token("rtcToken"),
        &rtc("demo", "42", PUBLISHER, 600),
        NOW,
        0,
    );
    let r = get(&e, "/rtc/my%20room/subscriber/userAccount/alice");
    check_007(
        r.token("rtcToken"),
        &rtc("my room", "alice", SUBSCRIBER, 3600),
        NOW,
        0,
    );
    let r = get(&e, "/rtc/demo/publisher/uid/42/?version=006");
    check_006(
        r.token("rtcToken"),
        "demo",
        RtcUser::Uid(42),
        PUBLISHER,
        3600,
        NOW,
        0,
    );
    let r = get(&e, "/rtm/alice/?expiry=60");
    let want = Want007 {
        services: &[Svc {
            kind: "rtm",
            fields: &[("userId", "alice")],
            privileges: &["login"],
        }],
        expire: 60,
    };
    check_007(r.token("rtmToken"), &want, NOW, 0);
    // /rte: the RTM token carries the login and an RTC service for the channel (a stream
    // channel: joinChannel and publishDataStream), for the RTM user.
    let r = get(&e, "/rte/demo/subscriber/uid/42/");
    check_007(
        r.token("rtcToken"),
        &rtc("demo", "42", SUBSCRIBER, 3600),
        NOW,
        0,
    );
    check_007(r.token("rtmToken"), &rte_rtm_want("42", 3600), NOW, 0);
    let r = get(&e, "/rte/demo/publisher/userAccount/alice/bob?expiry=90");
    check_007(
        r.token("rtcToken"),
        &rtc("demo", "alice", PUBLISHER, 90),
        NOW,
        0,
    );
    check_007(r.token("rtmToken"), &rte_rtm_want("bob", 90), NOW, 0);
    // 006 has no services: the RTM token is the login alone.
    let r = get(&e, "/rte/demo/publisher/uid/42/?version=006");
    check_006(
        r.token("rtmToken"),
        "42",
        RtcUser::Uid(0),
        &["rtmLogin"],
        3600,
        NOW,
        0,
    );
    // The wildcard is no RTM user: /rte needs an rtmuid then (as agora-token-service).
    let wild = Vars {
        allow_wildcard_uid: Some("true".into()),
        ..env()
    };
    let r = get(&wild, "/rte/demo/publisher/uid/0/");
    assert_eq!((r.status, r.code()), (400, "MISSING_FIELD"));
    let r = get(&wild, "/rte/demo/publisher/uid/0/carol/?expiry=600");
    check_007(
        r.token("rtcToken"),
        &rtc("demo", "", PUBLISHER, 600),
        NOW,
        0,
    );
    check_007(r.token("rtmToken"), &rte_rtm_want("carol", 600), NOW, 0);

    for (target, code) in [
        ("/rtc/demo/publisher/uid/abc", "INVALID_UID"),
        ("/rtc/demo/publisher/uid/4294967296", "INVALID_UID"),
        ("/rtc/demo/publisher/uid/0", "WILDCARD_UID_NOT_ALLOWED"),
        ("/rtc/demo/publisher/account/1", "INVALID_TOKEN_TYPE"),
        ("/rtc/demo/publisher/uid/1?expiry=abc", "INVALID_EXPIRY"),
        ("/rtc/demo/publisher/uid/1?expiry=", "INVALID_EXPIRY"),
        (
            "/rtc/demo/publisher/uid/1?expiry=4294967296",
            "INVALID_EXPIRY",
        ),
        ("/rtm/0/", "INVALID_UID"),
        ("/rte/demo/publisher/userAccount/0/", "MISSING_FIELD"),
        ("/rtc/demo/publisher/uid/1?expiry=86401", "INVALID_EXPIRY"),
        ("/rtc/demo/publisher/uid/1?expiry=-5", "INVALID_EXPIRY"),
        ("/rtc/a%2Fb/publisher/uid/1", "INVALID_CHANNEL_NAME"),
        ("/rtc/demo/publisher/uid/%ZZ", "INVALID_PATH"),
        ("/rtm/x?version=5", "UNSUPPORTED_VERSION"),
    ] {
        let r = get(&e, target);
        assert_eq!((r.status, r.code()), (400, code), "{target}: {}", r.json);
    }
}

#[test]
fn inspect_route() {
    let e = env();
    let token = post(
        &e,
        "/getToken",
        &json!({"tokenType":"rtc","channel":"demo","uid":"42"}),
    )
    .json["token"]
        .as_str()
        .unwrap_or("")
        .to_owned();
    let r = post(&e, "/inspect", &json!({"token": token}));
    assert_eq!(r.status, 200, "{}", r.json);
    assert_eq!(r.json["signatureValid"], json!(true));
    assert_eq!(r.json["valid"], json!(true));
    assert_eq!(r.json["appIdMatches"], json!(true));
    assert_eq!(r.json["token"]["services"][0]["fields"]["uid"], json!("42"));
    assert_eq!(r.json["token"]["expire"], json!(3600));

    // Signed with another certificate: decoded, but the signature does not hold.
    let other = agora_token::Credentials::new(APP_ID, OTHER_CERT).unwrap();
    let foreign = agora_token::builders::rtm(agora_token::Issue::at(NOW, 7), "x", 60)
        .build(&other)
        .unwrap();
    let r = post(&e, "/inspect", &json!({"token": foreign}));
    assert_eq!(
        (r.status, &r.json["signatureValid"], &r.json["reason"]),
        (200, &json!(false), &json!("SIGNATURE_MISMATCH"))
    );

    let t006 = post(
        &e,
        "/getToken",
        &json!({"tokenType":"rtc","channel":"demo","uid":"42","version":"006"}),
    )
    .json["token"]
        .as_str()
        .unwrap_or("")
        .to_owned();
    let r = post(&e, "/inspect", &json!({"token": t006}));
    assert_eq!(
        (r.status, &r.json["signatureValid"], &r.json["reason"]),
        (200, &Value::Null, &json!("CHANNEL_AND_UID_REQUIRED"))
    );
    let r = post(
        &e,
        "/inspect",
        &json!({"token": t006, "channel": "demo", "uid": "42"}),
    );
    assert_eq!(r.json["signatureValid"], json!(true), "{}", r.json);
    let r = post(
        &e,
        "/inspect",
        &json!({"token": t006, "channel": "demo", "uid": 42}),
    );
    assert_eq!(r.json["signatureValid"], json!(true), "{}", r.json);

    assert_eq!(
        post(&e, "/inspect", &json!({"token": "007garbage"})).code(),
        "INVALID_BASE64"
    );
    assert_eq!(
        post(&e, "/inspect", &json!({"token": "hello"})).code(),
        "UNSUPPORTED_VERSION"
    );
    assert_eq!(post(&e, "/inspect", &json!({})).code(), "MISSING_FIELD");
}

/// `/inspect` is the core's one verification: RTM by user id (006 and 007), the uid as one
/// text, mismatches named, and error fields in this API's terms.
#[test]
fn inspect_route_identities() {
    let e = env();
    let token = |body: Value| {
        post(&e, "/getToken", &body).json["token"]
            .as_str()
            .unwrap_or("")
            .to_owned()
    };
    for version in ["006", "007"] {
        let rtm = token(json!({"tokenType":"rtm","uid":"alice","version":version}));
        for body in [
            json!({"token": rtm, "userId": "alice"}),
            json!({"token": rtm, "uid": "alice"}),
        ] {
            let r = post(&e, "/inspect", &body);
            assert_eq!(r.json["valid"], json!(true), "{version}: {}", r.json);
        }
        let r = post(&e, "/inspect", &json!({"token": rtm, "userId": "bob"}));
        assert_eq!(r.json["reason"], json!("USER_ID_MISMATCH"), "{}", r.json);
        assert_eq!(r.json["mismatches"][0]["field"], json!("userId"));
        assert!(r.json["warnings"]
            .as_array()
            .is_some_and(|w| w.contains(&json!("IDENTITY_MISMATCH"))));
    }
    let rtc = token(json!({"tokenType":"rtc","channel":"demo","uid":"42"}));
    let r = post(
        &e,
        "/inspect",
        &json!({"token": rtc, "channel": "other", "uid": "7"}),
    );
    assert_eq!(r.json["reason"], json!("CHANNEL_MISMATCH"), "{}", r.json);
    assert_eq!(r.json["mismatches"][0]["found"], json!("demo"));
    assert_eq!(r.json["mismatches"][1]["found"], json!("42"));
    // A uid that would wrap is refused, and the field is named as this API names it.
    let r = post(&e, "/inspect", &json!({"token": rtc, "uid": "4294967296"}));
    assert_eq!((r.status, r.code()), (400, "INVALID_UID"));
    assert!(r.json["error"]["message"]
        .as_str()
        .is_some_and(|m| m.starts_with("uid: ")));
}

#[test]
fn http_errors() {
    let e = env();
    let r = get(&e, "/nope");
    assert_eq!((r.status, r.code()), (404, "NOT_FOUND"));
    let r = get(&e, "/getToken");
    assert_eq!(
        (r.status, r.code(), r.header("allow")),
        (405, "METHOD_NOT_ALLOWED", Some("POST, OPTIONS"))
    );
    let r = call(&e, "POST", "/ping", &[], b"{}");
    assert_eq!((r.status, r.header("allow")), (405, Some("GET, OPTIONS")));
    let r = call(&e, "DELETE", "/rtm/a", &[], b"");
    assert_eq!((r.status, r.header("allow")), (405, Some("GET, OPTIONS")));

    let body = format!(
        r#"{{"tokenType":"rtm","uid":"a","pad":"{}"}}"#,
        "x".repeat(9000)
    );
    let r = call(
        &e,
        "POST",
        "/getToken",
        &[("Content-Type", "application/json")],
        body.as_bytes(),
    );
    assert_eq!((r.status, r.code()), (413, "BODY_TOO_LARGE"));
    let r = call(
        &e,
        "POST",
        "/getToken",
        &[("Content-Type", "text/xml")],
        b"<a/>",
    );
    assert_eq!((r.status, r.code()), (415, "UNSUPPORTED_MEDIA_TYPE"));
    let r = call(
        &e,
        "POST",
        "/getToken",
        &[("Content-Type", "application/x-www-form-urlencoded")],
        b"tokenType=rtm&uid=a",
    );
    assert_eq!((r.status, r.code()), (415, "UNSUPPORTED_MEDIA_TYPE"));
    let r = call(
        &e,
        "POST",
        "/getToken",
        &[("Content-Type", "application/json")],
        b"{tokenType:rtm}",
    );
    assert_eq!((r.status, r.code()), (400, "INVALID_JSON"));
    // curl -d sends JSON as a form: accepted because it parses as a JSON object.
    let r = call(
        &e,
        "POST",
        "/getToken",
        &[("Content-Type", "application/x-www-form-urlencoded")],
        br#"{"tokenType":"rtm","uid":"a"}"#,
    );
    assert_eq!(r.status, 200);
}

#[test]
fn misconfiguration_is_500_without_values() {
    let cases = [
        Vars {
            agora_app_certificate: None,
            ..env()
        },
        Vars {
            agora_app_id: None,
            ..env()
        },
        Vars {
            agora_app_certificate: Some(format!("{}0", cert()).into()),
            ..env()
        },
        Vars {
            agora_app_id: Some("not-an-app-id".into()),
            ..env()
        },
        Vars {
            token_max_expire: Some("0".into()),
            ..env()
        },
        Vars {
            cors_allow_origin: Some("example.com".into()),
            ..env()
        },
        Vars {
            token_api_key: Some("".into()),
            ..env()
        },
    ];
    for e in &cases {
        let r = post(e, "/getToken", &json!({"tokenType":"rtm","uid":"a"}));
        assert_eq!((r.status, r.code()), (500, "SERVER_MISCONFIGURED"), "{e:?}");
        assert!(
            !r.json.to_string().contains("not-an-app-id") && !r.json.to_string().contains("5CFd2")
        );
    }
}

#[test]
fn api_key() {
    let e = Vars {
        token_api_key: Some("s3cret-key".into()),
        ..env()
    };
    let body = json!({"tokenType":"rtm","uid":"a"}).to_string();
    for auth in [
        None,
        Some("Bearer wrong"),
        Some("s3cret-key"),
        Some("Basic s3cret-key"),
        Some("Bearer s3cret-ke"),
    ] {
        let h: Vec<(&str, &str)> = auth.map(|a| ("Authorization", a)).into_iter().collect();
        let r = call(&e, "POST", "/getToken", &h, body.as_bytes());
        assert_eq!(
            (r.status, r.code(), r.header("www-authenticate")),
            (401, "UNAUTHORIZED", Some("Bearer")),
            "{auth:?}"
        );
        assert!(!r.json.to_string().contains("s3cret"));
        assert_eq!(call(&e, "GET", "/rtm/a", &h, b"").status, 401);
        assert_eq!(call(&e, "POST", "/inspect", &h, b"{}").status, 401);
    }
    let r = call(
        &e,
        "POST",
        "/getToken",
        &[("authorization", "Bearer s3cret-key")],
        body.as_bytes(),
    );
    assert_eq!(r.status, 200);
    assert_eq!(get(&e, "/ping").status, 200);
    // A preflight carries no credentials.
    assert_eq!(
        call(
            &e,
            "OPTIONS",
            "/getToken",
            &[("Origin", "https://a.example")],
            b""
        )
        .status,
        204
    );
}

#[test]
fn cors() {
    let any = env();
    let r = call(
        &any,
        "GET",
        "/rtm/a",
        &[("Origin", "https://x.example")],
        b"",
    );
    assert_eq!(
        (r.status, r.header("access-control-allow-origin")),
        (200, Some("*"))
    );
    let r = get(&any, "/rtm/a");
    assert_eq!(r.header("access-control-allow-origin"), None);

    let list = Vars {
        cors_allow_origin: Some("https://a.example, http://localhost:3000".into()),
        ..env()
    };
    let r = call(
        &list,
        "GET",
        "/rtm/a",
        &[("Origin", "http://localhost:3000")],
        b"",
    );
    assert_eq!(
        (
            r.status,
            r.header("access-control-allow-origin"),
            r.header("vary")
        ),
        (200, Some("http://localhost:3000"), Some("Origin"))
    );
    let r = call(
        &list,
        "GET",
        "/rtm/a",
        &[("Origin", "https://evil.example")],
        b"",
    );
    assert_eq!((r.status, r.code()), (403, "ORIGIN_NOT_ALLOWED"));
    let r = call(
        &list,
        "OPTIONS",
        "/getToken",
        &[("Origin", "https://evil.example")],
        b"",
    );
    assert_eq!(r.status, 403);
    assert_eq!(get(&list, "/rtm/a").status, 200, "no Origin, no CORS");
    let r = call(
        &list,
        "OPTIONS",
        "/getToken",
        &[
            ("Origin", "https://a.example"),
            ("Access-Control-Request-Method", "POST"),
        ],
        b"",
    );
    assert_eq!(r.status, 204);
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("https://a.example")
    );
    assert_eq!(
        r.header("access-control-allow-methods"),
        Some("POST, OPTIONS")
    );
    assert!(r
        .header("access-control-allow-headers")
        .unwrap_or("")
        .contains("Authorization"));
    assert_eq!(
        call(
            &list,
            "OPTIONS",
            "/nope",
            &[("Origin", "https://a.example")],
            b""
        )
        .status,
        404
    );

    // The allow-list applies whatever Host says (no same-origin exemption): a caller sets
    // both headers, and a DNS-rebinding page sends exactly that shape.
    let dev = Vars {
        cors_allow_origin: Some("http://127.0.0.1:8787".into()),
        ..env()
    };
    for (origin, host) in [
        ("http://evil.example:8787", "evil.example:8787"),
        ("https://evil.example", "evil.example"),
        ("ftp://127.0.0.1:8787", "127.0.0.1:8787"),
        ("https://127.0.0.1:8787", "127.0.0.1:8787"),
        ("http://127.0.0.1:8788", "127.0.0.1:8788"),
        ("null", "127.0.0.1:8787"),
    ] {
        let r = call(
            &dev,
            "POST",
            "/getToken",
            &[
                ("Origin", origin),
                ("Host", host),
                ("Content-Type", "application/json"),
            ],
            br#"{"tokenType":"rtc","channel":"demo","uid":"42"}"#,
        );
        assert_eq!(
            (r.status, r.code()),
            (403, "ORIGIN_NOT_ALLOWED"),
            "{origin} / {host}"
        );
        assert_eq!(r.json.get("token"), None);
    }
    // The page's own origin, listed: its same-origin POST works.
    let r = call(
        &dev,
        "POST",
        "/getToken",
        &[
            ("Origin", "http://127.0.0.1:8787"),
            ("Host", "127.0.0.1:8787"),
            ("Content-Type", "application/json"),
        ],
        br#"{"tokenType":"rtc","channel":"demo","uid":"42"}"#,
    );
    assert_eq!(
        (r.status, r.header("access-control-allow-origin")),
        (200, Some("http://127.0.0.1:8787"))
    );
    // With the default `*`, the page (and every origin) is answered.
    let r = call(
        &any,
        "POST",
        "/getToken",
        &[
            ("Origin", "http://127.0.0.1:8787"),
            ("Host", "127.0.0.1:8787"),
            ("Content-Type", "application/json"),
        ],
        br#"{"tokenType":"rtc","channel":"demo","uid":"42"}"#,
    );
    assert_eq!(r.status, 200);
}

#[test]
fn allowed_hosts_defend_against_dns_rebinding() {
    let e = Vars {
        allowed_hosts: Some("127.0.0.1:8787, localhost:8787".into()),
        ..env()
    };
    // A rebinding page: same-origin GET, so no Origin at all; only Host tells.
    for host in [Some("evil.example:8787"), Some("127.0.0.1:9999"), None] {
        let headers: Vec<(&str, &str)> = host.map(|h| ("Host", h)).into_iter().collect();
        let r = call(&e, "GET", "/rtc/demo/publisher/uid/42/", &headers, b"");
        assert_eq!((r.status, r.code()), (403, "HOST_NOT_ALLOWED"), "{host:?}");
        let r = call(&e, "GET", "/ping", &headers, b"");
        assert_eq!(r.status, 403, "{host:?}");
    }
    for host in ["127.0.0.1:8787", "LOCALHOST:8787"] {
        let r = call(
            &e,
            "GET",
            "/rtc/demo/publisher/uid/42/",
            &[("Host", host)],
            b"",
        );
        assert_eq!(r.status, 200, "{host}");
    }
    // Unset: every host is answered.
    let r = call(&env(), "GET", "/rtm/a", &[("Host", "evil.example")], b"");
    assert_eq!(r.status, 200);
}

#[test]
fn salt_failure_is_500() {
    let e = env();
    let headers: Vec<(String, String)> = Vec::new();
    let req = HttpRequest {
        method: "GET",
        path: "/rtm/a",
        query: "",
        headers: &headers,
        body: b"",
        client_ip: None,
        request_id: None,
    };
    let r = answer(&e, &Local::at(NOW).with_salts(|| None), &req);
    assert_eq!(r.status, 500);
    assert!(r.body.contains("INTERNAL_ERROR"));
    // A salt out of range is refused by the core, never packed; it is the server's fault.
    let r = answer(&e, &Local::at(NOW).with_salts(|| Some(0)), &req);
    assert_eq!(
        (r.status, r.body.contains("INTERNAL_ERROR")),
        (500, true),
        "{}",
        r.body
    );
}

#[test]
fn clock_failure_is_500() {
    let e = env();
    let platform = Local::at(NOW);
    platform.set_now(None);
    let r = with_request("GET", "/rtm/a", &[], b"", |req| answer(&e, &platform, req));
    assert_eq!(r.status, 500);
    assert!(r.body.contains("the clock is unavailable"), "{}", r.body);
    // /ping needs no clock.
    let r = with_request("GET", "/ping", &[], b"", |req| answer(&e, &platform, req));
    assert_eq!(r.status, 200);
}

mod fuzz {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]
        /// Arbitrary requests never panic, and every answer is a known status with a JSON body.
        #[test]
        fn never_panics(
            method in prop::sample::select(vec!["GET", "POST", "OPTIONS", "PUT", "get", ""]),
            path in "(/(ping|getToken|inspect|rtc|rtm|rte|[a-z%0-9]{0,4})){0,7}/?",
            query in "(expiry=[0-9a-z-]{0,12}&?)?(version=[0-9]{0,4})?",
            body in prop::collection::vec(any::<u8>(), 0..64),
            json_body in r#"\{("(tokenType|uid|channel|role|expire|version|token)":("[a-z0-9]{0,6}"|[0-9]{1,12}|-1|null|1\.5),?){0,6}\}"#,
            use_json in any::<bool>(),
        ) {
            let e = env();
            let b = if use_json { json_body.into_bytes() } else { body };
            let target = format!("{path}?{query}");
            let r = call(&e, method, &target, &[("Content-Type", "application/json")], &b);
            prop_assert!([200, 204, 400, 403, 404, 405, 413, 415].contains(&r.status), "{} {}", r.status, r.json);
        }
    }
}

#[test]
fn every_decision_writes_one_audit_line_and_one_data_point() {
    let e = env();
    let platform = Local::at(NOW);
    let cases: [(&str, &str, &str, u16, &str); 7] = [
        (
            "POST",
            "/getToken",
            r#"{"tokenType":"rtc","channel":"demo","uid":"42","role":"publisher"}"#,
            200,
            "issued",
        ),
        (
            "GET",
            "/rte/demo/publisher/uid/42/?expiry=600",
            "",
            200,
            "issued",
        ),
        (
            "GET",
            "/rtc/demo/publisher/uid/0/",
            "",
            400,
            "WILDCARD_UID_NOT_ALLOWED",
        ),
        ("POST", "/getToken", "{", 400, "INVALID_JSON"),
        ("DELETE", "/getToken", "", 405, "METHOD_NOT_ALLOWED"),
        (
            "POST",
            "/inspect",
            r#"{"token":"x"}"#,
            400,
            "UNSUPPORTED_VERSION",
        ),
        ("GET", "/chat/app/", "", 403, "CHAT_APP_TOKEN_NOT_ALLOWED"),
    ];
    for (method, target, body, status, outcome) in cases {
        let r = with_request(
            method,
            target,
            &[("Content-Type", "application/json")],
            body.as_bytes(),
            |req| answer(&e, &platform, req),
        );
        assert_eq!(r.status, status, "{target}: {}", r.body);
        let lines = platform.take_audit();
        assert_eq!(lines.len(), 1, "{method} {target}: {lines:?}");
        let line: Value = serde_json::from_str(&lines[0]).unwrap();
        assert_eq!(
            (line["status"].as_u64(), line["outcome"].as_str()),
            (Some(u64::from(status)), Some(outcome)),
            "{line}"
        );
        assert_eq!(line["audit"], "agora-token");
        assert_eq!(line["time"], NOW);
        // The caller is known once authenticated (a 405 is refused before that).
        let kind = if status == 405 { "unknown" } else { "open" };
        assert_eq!(line["caller"]["kind"], kind, "{line}");
        assert_eq!(line["appId"], APP_ID);
        assert!(!lines[0].contains(cert()));
        let points = platform.take_metrics();
        assert_eq!(points.len(), 1);
        assert_eq!(points[0].blobs[0], outcome);
        if status == 200 {
            let answer: Value = serde_json::from_str(&r.body).unwrap();
            for t in line["tokens"].as_array().unwrap() {
                assert_eq!(t["expiresIn"], answer["expiresIn"]);
                assert_eq!(t["expiresAt"], answer["expiresAt"]);
            }
            for key in ["token", "rtcToken", "rtmToken"] {
                if let Some(tok) = answer[key].as_str() {
                    assert!(!lines[0].contains(tok), "the token is in the audit line");
                }
            }
        }
    }
    // The first decision named what was issued.
    let r = with_request(
        "POST",
        "/getToken",
        &[],
        br#"{"tokenType":"rtm","uid":"bob","channel":"lobby"}"#,
        |req| answer(&e, &platform, req),
    );
    assert_eq!(r.status, 200);
    let line: Value = serde_json::from_str(&platform.take_audit()[0]).unwrap();
    assert_eq!(platform.take_metrics()[0].blobs[2], "rtm");
    assert_eq!(
        line["tokens"],
        json!([{"service": "rtm", "userId": "bob", "channel": "lobby",
                "privileges": ["joinChannel", "publishDataStream"], "version": "007",
                "expiresIn": 3600, "expiresAt": NOW + 3600}])
    );
    // Not decisions: /ping, preflights, unknown routes.
    for (method, target) in [("GET", "/ping"), ("OPTIONS", "/getToken"), ("GET", "/nope")] {
        with_request(method, target, &[], b"", |req| answer(&e, &platform, req));
    }
    assert!(platform.take_audit().is_empty());
    assert!(platform.take_metrics().is_empty());
    // AUDIT_LOG=off: no line, the data point still.
    let quiet = Vars {
        audit_log: Some("off".into()),
        ..env()
    };
    let r = with_request("GET", "/rtm/alice", &[], b"", |req| {
        answer(&quiet, &platform, req)
    });
    assert_eq!(r.status, 200);
    assert!(platform.take_audit().is_empty());
    assert_eq!(platform.take_metrics().len(), 1);
}

#[test]
fn answers_state_the_expiry() {
    let e = env();
    for (method, target, body, keys) in [
        (
            "POST",
            "/getToken",
            r#"{"tokenType":"rtc","channel":"c","uid":"1","expire":600}"#,
            &["token"][..],
        ),
        (
            "GET",
            "/rtc/c/subscriber/uid/1/?expiry=600",
            "",
            &["rtcToken"][..],
        ),
        ("GET", "/rtm/u/?expiry=600", "", &["rtmToken"][..]),
        (
            "GET",
            "/rte/c/subscriber/uid/1/?expiry=600",
            "",
            &["rtcToken", "rtmToken"][..],
        ),
        ("GET", "/chat/account/u/?expiry=600", "", &["chatToken"][..]),
        (
            "GET",
            "/rtc/c/subscriber/uid/1/?expiry=600&version=006",
            "",
            &["rtcToken"][..],
        ),
    ] {
        let r = call(
            &e,
            method,
            target,
            &[("Content-Type", "application/json")],
            body.as_bytes(),
        );
        assert_eq!(r.status, 200, "{target}: {}", r.json);
        assert_eq!(r.json["expiresIn"], 600, "{target}");
        assert_eq!(r.json["expiresAt"], NOW + 600, "{target}");
        for key in keys {
            let info = agora_token::inspect(r.token(key), Some(NOW)).unwrap();
            assert_eq!(info.expires_at, u64::from(NOW) + 600, "{target} {key}");
        }
    }
}

/// A certificate rotation: tokens are signed with the primary; `/inspect` accepts tokens
/// signed with either certificate and says which one matched.
#[test]
fn inspect_during_a_certificate_rotation() {
    let rotating = Vars {
        agora_app_certificate_secondary: Some(OTHER_CERT.into()),
        ..env()
    };
    let issued = post(
        &rotating,
        "/getToken",
        &json!({"tokenType":"rtc","channel":"demo","uid":"42"}),
    );
    let token = issued.token("token").to_owned();
    // Signed with the primary only.
    check_007(&token, &rtc("demo", "42", SUBSCRIBER, 3600), NOW, 0);
    let r = post(&rotating, "/inspect", &json!({"token": token}));
    assert_eq!(
        (&r.json["valid"], &r.json["certificate"]),
        (&json!(true), &json!("primary"))
    );
    let old = agora_token::Credentials::new(APP_ID, OTHER_CERT).unwrap();
    let by_secondary = agora_token::builders::rtm(agora_token::Issue::at(NOW, 7), "x", 60)
        .build(&old)
        .unwrap();
    let r = post(&rotating, "/inspect", &json!({"token": by_secondary}));
    assert_eq!(
        (
            &r.json["valid"],
            &r.json["signatureValid"],
            &r.json["certificate"]
        ),
        (&json!(true), &json!(true), &json!("secondary"))
    );
    // Without the secondary: a signature mismatch, no certificate named.
    let r = post(&env(), "/inspect", &json!({"token": by_secondary}));
    assert_eq!(
        (&r.json["reason"], &r.json["certificate"]),
        (&json!("SIGNATURE_MISMATCH"), &Value::Null)
    );
    // A malformed secondary is a configuration error naming the variable, not its value.
    let broken = Vars {
        agora_app_certificate_secondary: Some("nope".into()),
        ..env()
    };
    let r = post(&broken, "/inspect", &json!({"token": by_secondary}));
    assert_eq!((r.status, r.code()), (500, "SERVER_MISCONFIGURED"));
    assert!(r
        .json
        .to_string()
        .contains("AGORA_APP_CERTIFICATE_SECONDARY"));
    // The secondary never appears in an answer.
    assert!(!r.json.to_string().contains(OTHER_CERT));
}
