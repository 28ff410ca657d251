//! wasm-bindgen-test suite of the npm bindings (`src/js.rs`), run by `.ci/test-js.sh` in
//! Node and in headless browsers (Chromium, and Firefox when installed):
//!
//! - every known-answer vector of `../shared/spec/vectors.json` through the JS exports:
//!   006 strings exactly, 007 inflated payloads exactly, inspect and verify;
//! - bad arguments of every kind throw a JS `Error` with the expected stable `code`;
//! - the module never traps: after 10,000 bad calls it still builds the vector tokens.
#![cfg(all(target_arch = "wasm32", feature = "js"))]

use agora_token::js::compat::{
    ApaasTokenBuilder2, ChatTokenBuilder2, EducationTokenBuilder2, RtcTokenBuilder006,
    RtcTokenBuilder2, RtmTokenBuilder006, RtmTokenBuilder2,
};
use agora_token::js::headline::{
    build_chat_app_token, build_rtc_token, build_rtm_token, build_token, inspect_token,
    verify_token,
};
use base64::Engine as _;
use serde_json::{json, Value};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

const VECTORS: &str = include_str!("../../shared/spec/vectors.json");
const APP_ID: &str = "970CA35de60c44645bbae8a215061b33";
const CERT: &str = "5CFd2fd1755d40ecb72977518be15d3b";

fn vectors() -> Vec<Value> {
    let doc: Value = serde_json::from_str(VECTORS).unwrap();
    doc["vectors"].as_array().unwrap().clone()
}

fn js(v: &Value) -> JsValue {
    js_sys::JSON::parse(&v.to_string()).unwrap()
}

fn rust(v: &JsValue) -> Value {
    serde_json::from_str(&String::from(js_sys::JSON::stringify(v).unwrap())).unwrap()
}

fn inflate(token: &str) -> Vec<u8> {
    let packed = base64::engine::general_purpose::STANDARD
        .decode(&token[3..])
        .unwrap();
    miniz_oxide::inflate::decompress_to_vec_zlib(&packed).unwrap()
}

fn s(v: &Value) -> JsValue {
    js(v)
}

fn code(err: &JsValue) -> String {
    assert!(
        err.is_instance_of::<js_sys::Error>(),
        "not an Error: {err:?}"
    );
    js_sys::Reflect::get(err, &"code".into())
        .unwrap()
        .as_string()
        .unwrap_or_default()
}

/// `{ issuedAt, salt }` for a vector (006 packs ts = issue time + 24 h).
fn repro(v: &Value) -> Option<JsValue> {
    let issued_at = match v["format"].as_str() {
        Some("006") => v["ts"].as_u64().unwrap() - 86_400,
        _ => v["issue_ts"].as_u64().unwrap(),
    };
    Some(js(&json!({ "issuedAt": issued_at, "salt": v["salt"] })))
}

/// Builds a vector's token through the compat classes, or `None` for raw vectors.
fn build_with_compat(v: &Value) -> Option<String> {
    let i = &v["inputs"];
    let (app, cert) = (s(&i["app_id"]), s(&i["app_certificate"]));
    let r = repro(v);
    let out = match v["builder"].as_str().unwrap() {
        "RtcTokenBuilder.buildTokenWithUid" => RtcTokenBuilder006::build_token_with_uid(
            app,
            cert,
            s(&i["channel_name"]),
            s(&i["uid"]),
            s(&i["role"]),
            s(&i["privilege_expired_ts"]),
            r,
        ),
        "RtcTokenBuilder.buildTokenWithAccount" => RtcTokenBuilder006::build_token_with_account(
            app,
            cert,
            s(&i["channel_name"]),
            s(&i["account"]),
            s(&i["role"]),
            s(&i["privilege_expired_ts"]),
            r,
        ),
        "RtmTokenBuilder.buildToken" => RtmTokenBuilder006::build_token(
            app,
            cert,
            s(&i["user_account"]),
            s(&i["role"]),
            s(&i["privilege_expired_ts"]),
            r,
        ),
        "RtcTokenBuilder.build_token_with_uid" => RtcTokenBuilder2::build_token_with_uid(
            app,
            cert,
            s(&i["channel_name"]),
            s(&i["uid"]),
            s(&i["role"]),
            s(&i["token_expire"]),
            Some(s(&i["privilege_expire"])),
            r,
        ),
        "RtcTokenBuilder.build_token_with_user_account" => {
            RtcTokenBuilder2::build_token_with_user_account(
                app,
                cert,
                s(&i["channel_name"]),
                s(&i["account"]),
                s(&i["role"]),
                s(&i["token_expire"]),
                Some(s(&i["privilege_expire"])),
                r,
            )
        }
        "RtcTokenBuilder.build_token_with_rtm2" => RtcTokenBuilder2::build_token_with_rtm2(
            app,
            cert,
            s(&i["channel_name"]),
            s(&i["rtc_account"]),
            s(&i["rtc_role"]),
            s(&i["rtc_token_expire"]),
            s(&i["join_channel_privilege_expire"]),
            s(&i["pub_audio_privilege_expire"]),
            s(&i["pub_video_privilege_expire"]),
            s(&i["pub_data_stream_privilege_expire"]),
            s(&i["rtm_user_id"]),
            s(&i["rtm_token_expire"]),
            r,
        ),
        "RtmTokenBuilder.build_token" => {
            RtmTokenBuilder2::build_token(app, cert, s(&i["user_id"]), s(&i["expire"]), r)
        }
        "ChatTokenBuilder.build_user_token" => {
            ChatTokenBuilder2::build_user_token(app, cert, s(&i["user_id"]), s(&i["expire"]), r)
        }
        "ChatTokenBuilder.build_app_token" => {
            ChatTokenBuilder2::build_app_token(app, cert, s(&i["expire"]), r)
        }
        "ApaasTokenBuilder.build_room_user_token" => ApaasTokenBuilder2::build_room_user_token(
            app,
            cert,
            s(&i["room_uuid"]),
            s(&i["user_uuid"]),
            s(&i["role"]),
            s(&i["expire"]),
            r,
        ),
        "EducationTokenBuilder.build_room_user_token" => {
            EducationTokenBuilder2::build_room_user_token(
                app,
                cert,
                s(&i["room_uuid"]),
                s(&i["user_uuid"]),
                s(&i["role"]),
                s(&i["expire"]),
                r,
            )
        }
        "ApaasTokenBuilder.build_user_token" => {
            ApaasTokenBuilder2::build_user_token(app, cert, s(&i["user_uuid"]), s(&i["expire"]), r)
        }
        "EducationTokenBuilder.build_user_token" => EducationTokenBuilder2::build_user_token(
            app,
            cert,
            s(&i["user_uuid"]),
            s(&i["expire"]),
            r,
        ),
        "ApaasTokenBuilder.build_app_token" => {
            ApaasTokenBuilder2::build_app_token(app, cert, s(&i["expire"]), r)
        }
        "EducationTokenBuilder.build_app_token" => {
            EducationTokenBuilder2::build_app_token(app, cert, s(&i["expire"]), r)
        }
        _ => return None,
    };
    Some(out.unwrap_or_else(|e| panic!("{}: threw {}", v["id"], code(&e))))
}

/// Checks one vector; returns a failure description.
fn check_vector(v: &Value) -> Result<(), String> {
    let id = v["id"].as_str().unwrap();
    let expected = v["expected"].as_str().unwrap();
    if let Some(token) = build_with_compat(v) {
        let same = if v["format"] == "006" {
            token == expected
        } else {
            inflate(&token) == inflate(expected)
        };
        if !same {
            return Err(format!("{id}: compat builder gave {token}"));
        }
    }
    // inspectToken and verifyToken on the expected token.
    let info = rust(
        &inspect_token(JsValue::from_str(expected), Some(JsValue::from_f64(0.0)))
            .map_err(|e| format!("{id}: inspect threw {}", code(&e)))?,
    );
    if info["salt"] != v["salt"] {
        return Err(format!("{id}: inspect salt {}", info["salt"]));
    }
    if v["format"] == "007" {
        if info["issuedAt"] != v["issue_ts"] || info["expire"] != v["expire"] {
            return Err(format!("{id}: inspect header {info}"));
        }
        let types: Vec<&Value> = info["services"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| &s["type"])
            .collect();
        let want: Vec<&Value> = v["services"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| &s["type"])
            .collect();
        if types != want {
            return Err(format!("{id}: inspect services {types:?} != {want:?}"));
        }
        if v.get("parse_only").is_none() {
            let cert = JsValue::from_str(v["inputs"]["app_certificate"].as_str().unwrap());
            let now = js(&json!({ "now": v["issue_ts"] }));
            let ok = rust(&verify_token(JsValue::from_str(expected), cert, Some(now)).unwrap());
            if ok["valid"] != true {
                return Err(format!("{id}: verify {ok}"));
            }
            let wrong = JsValue::from_str("00000000000000000000000000000000");
            let bad = rust(
                &verify_token(
                    JsValue::from_str(expected),
                    wrong,
                    Some(js(&json!({ "now": null }))),
                )
                .unwrap(),
            );
            if bad["reason"] != "SIGNATURE_MISMATCH" {
                return Err(format!("{id}: verify with another certificate {bad}"));
            }
            rebuild_from_inspection(v, &info)?;
        }
    }
    Ok(())
}

/// The generic `buildToken`, fed with `inspectToken`'s description of the vector, must give
/// the vector's inflated payload (services whose privileges this crate names).
fn rebuild_from_inspection(v: &Value, info: &Value) -> Result<(), String> {
    let id = v["id"].as_str().unwrap();
    let mut services = Vec::new();
    for s in info["services"].as_array().unwrap() {
        let mut o = serde_json::Map::new();
        o.insert("type".into(), s["typeName"].clone());
        for (k, val) in s["fields"].as_object().unwrap() {
            if k == "uid" {
                o.insert("account".into(), val.clone());
            } else {
                o.insert(k.clone(), val.clone());
            }
        }
        if s["typeName"] == "rtc" && s["fields"]["uid"] == "" {
            o.remove("account");
            o.insert("uid".into(), json!(0));
        }
        if let Some(r) = s.get("role") {
            o.insert("role".into(), r.clone());
        }
        if let Some(p) = s.get("permissions") {
            o.insert("permissions".into(), p.clone());
        }
        let mut privileges = serde_json::Map::new();
        for p in s["privileges"].as_array().unwrap() {
            if p["name"] == "unknown" {
                return Ok(());
            }
            privileges.insert(p["name"].as_str().unwrap().into(), p["seconds"].clone());
        }
        if !privileges.is_empty() {
            o.insert("privileges".into(), privileges.into());
        }
        services.push(Value::Object(o));
    }
    let options = json!({
        "appId": v["inputs"]["app_id"], "appCertificate": v["inputs"]["app_certificate"],
        "issuedAt": v["issue_ts"], "salt": v["salt"], "expiresIn": v["expire"], "services": services,
    });
    let token =
        build_token(js(&options)).map_err(|e| format!("{id}: buildToken threw {}", code(&e)))?;
    if inflate(&token) != inflate(v["expected"].as_str().unwrap()) {
        return Err(format!(
            "{id}: buildToken from inspection gave another payload"
        ));
    }
    Ok(())
}

#[wasm_bindgen_test]
fn every_vector_through_the_js_exports() {
    let all = vectors();
    assert!(all.len() >= 20, "only {} vectors", all.len());
    let failures: Vec<String> = all.iter().filter_map(|v| check_vector(v).err()).collect();
    assert!(
        failures.is_empty(),
        "{} vector failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn rtc_vector_options() -> Value {
    json!({
        "appId": APP_ID, "appCertificate": CERT, "channelName": "7d72365eb983485397e3e3f9d460bdda",
        "uid": 2882341273u32, "issuedAt": 1111111, "salt": 1, "expiresIn": 600,
    })
}

#[wasm_bindgen_test]
fn headline_builders_match_the_vectors() {
    let all = vectors();
    let find = |id: &str| all.iter().find(|v| v["id"] == id).unwrap().clone();
    // 007 RTC subscriber = buildTokenWithUid(role 2, 600, 600).
    let token = build_rtc_token(js(&rtc_vector_options())).unwrap();
    assert_eq!(
        inflate(&token),
        inflate(find("007-rtc-uid")["expected"].as_str().unwrap())
    );
    // The uid as decimal text is the same token; as an account it is the account vector.
    let mut o = rtc_vector_options();
    o["uid"] = json!("2882341273");
    assert_eq!(build_rtc_token(js(&o)).unwrap(), token);
    // expiresAt = issuedAt + 600 is the same token.
    let mut o = rtc_vector_options();
    o.as_object_mut().unwrap().remove("expiresIn");
    o["expiresAt"] = json!(1111711);
    assert_eq!(build_rtc_token(js(&o)).unwrap(), token);
    // 007 RTM.
    let rtm = json!({ "appId": APP_ID, "appCertificate": CERT, "userId": "test_user", "issuedAt": 1111111, "salt": 1, "expiresIn": 600 });
    let t = build_rtm_token(js(&rtm)).unwrap();
    assert_eq!(
        inflate(&t),
        inflate(find("007-rtm")["expected"].as_str().unwrap())
    );
    // 006 RTM: the seed's ts = issue + 24 h, privilege at expiresAt.
    let rtm006 = json!({ "appId": APP_ID, "appCertificate": CERT, "userId": "test_user", "version": "006",
        "issuedAt": 1111111 - 86400, "salt": 1, "expiresAt": 1446455471u32 });
    assert_eq!(
        build_rtm_token(js(&rtm006)).unwrap(),
        find("006-rtm")["expected"].as_str().unwrap()
    );
    // Chat app.
    let chat = json!({ "appId": APP_ID, "appCertificate": CERT, "issuedAt": 1111111, "salt": 1, "expiresIn": 600 });
    let t = build_chat_app_token(js(&chat)).unwrap();
    assert_eq!(
        inflate(&t),
        inflate(find("007-chat-app")["expected"].as_str().unwrap())
    );
}

/// `(options, expected code)` for `buildRtcToken`.
fn bad_rtc_calls() -> Vec<(JsValue, &'static str)> {
    let with = |k: &str, v: Value| {
        let mut o = rtc_vector_options();
        o[k] = v;
        js(&o)
    };
    let without = |k: &str| {
        let mut o = rtc_vector_options();
        o.as_object_mut().unwrap().remove(k);
        js(&o)
    };
    let uid_nan = {
        let o = js(&rtc_vector_options());
        js_sys::Reflect::set(&o, &"uid".into(), &JsValue::from_f64(f64::NAN)).unwrap();
        o
    };
    let uid_bigint = {
        let o = js(&rtc_vector_options());
        js_sys::Reflect::set(&o, &"uid".into(), &js_sys::BigInt::from(5u32).into()).unwrap();
        o
    };
    let huge = "a".repeat(100 * 1024);
    vec![
        (JsValue::UNDEFINED, "INVALID_FIELD"),
        (JsValue::NULL, "INVALID_FIELD"),
        (JsValue::from_str("options"), "INVALID_FIELD"),
        (js(&json!([])), "INVALID_FIELD"),
        (without("appId"), "INVALID_APP_ID"),
        (with("appId", json!(12)), "INVALID_APP_ID"),
        (with("appId", json!("xyz")), "INVALID_APP_ID"),
        (
            with("appCertificate", json!(null)),
            "INVALID_APP_CERTIFICATE",
        ),
        (with("appCertificate", json!(huge)), "FIELD_TOO_LONG"),
        (without("channelName"), "INVALID_CHANNEL_NAME"),
        (with("channelName", json!(huge)), "FIELD_TOO_LONG"),
        (with("channelName", json!("a".repeat(65))), "FIELD_TOO_LONG"),
        (
            with("channelName", json!("bad/name")),
            "INVALID_CHANNEL_NAME",
        ),
        (with("channelName", json!(["x"])), "INVALID_CHANNEL_NAME"),
        (without("uid"), "INVALID_UID"),
        (with("uid", json!(1.5)), "INVALID_UID"),
        (with("uid", json!(-1)), "INVALID_UID"),
        (with("uid", json!(4294967296u64)), "INVALID_UID"),
        (with("uid", json!("12a")), "INVALID_UID"),
        (with("uid", json!("4294967296")), "INVALID_UID"),
        (with("uid", json!(true)), "INVALID_UID"),
        (with("uid", json!({})), "INVALID_UID"),
        (uid_nan, "INVALID_UID"),
        (uid_bigint, "INVALID_UID"),
        (with("account", json!("acc")), "INVALID_UID"),
        (with("role", json!("admin")), "INVALID_ROLE"),
        (with("role", json!(1)), "INVALID_ROLE"),
        (with("expiresIn", json!(0)), "INVALID_EXPIRY"),
        (with("expiresIn", json!(-5)), "INVALID_EXPIRY"),
        (with("expiresIn", json!(1_700_000_000u32)), "INVALID_EXPIRY"),
        (with("expiresIn", json!("3600")), "INVALID_EXPIRY"),
        (with("expiresAt", json!(1111711)), "INVALID_EXPIRY"),
        (with("salt", json!(0)), "INVALID_SALT"),
        (with("salt", json!(100_000_000)), "INVALID_SALT"),
        (with("salt", json!(0.5)), "INVALID_SALT"),
        (with("version", json!("008")), "UNSUPPORTED_VERSION"),
        (with("version", json!(7)), "UNSUPPORTED_VERSION"),
        (
            with("privileges", json!({ "joinChannel": -1 })),
            "INVALID_EXPIRY",
        ),
        (with("privileges", json!({ "join": 5 })), "INVALID_FIELD"),
        (with("expireIn", json!(60)), "INVALID_FIELD"),
    ]
}

#[wasm_bindgen_test]
fn bad_arguments_throw_coded_errors_naming_the_field() {
    let mut failures = Vec::new();
    for (i, (options, want)) in bad_rtc_calls().into_iter().enumerate() {
        match build_rtc_token(options) {
            Ok(t) => failures.push(format!("case {i}: no error, token {t}")),
            Err(e) => {
                let got = code(&e);
                let message = js_sys::Reflect::get(&e, &"message".into())
                    .unwrap()
                    .as_string()
                    .unwrap();
                let field = js_sys::Reflect::get(&e, &"field".into())
                    .unwrap()
                    .as_string()
                    .unwrap();
                if got != want {
                    failures.push(format!("case {i}: code {got}, want {want} ({message})"));
                }
                if !message.starts_with(&format!("{field}: ")) || field.is_empty() {
                    failures.push(format!(
                        "case {i}: message {message:?} does not name field {field:?}"
                    ));
                }
                if message.contains(CERT) {
                    failures.push(format!("case {i}: the certificate leaked"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // Positional compat arguments too.
    let cases: Vec<(Result<String, JsValue>, &str)> = vec![
        (
            RtcTokenBuilder006::build_token_with_uid(
                APP_ID.into(),
                CERT.into(),
                "c".into(),
                JsValue::from_f64(1.5),
                1.into(),
                0.into(),
                None,
            ),
            "INVALID_UID",
        ),
        (
            RtcTokenBuilder006::build_token_with_uid(
                APP_ID.into(),
                CERT.into(),
                "c".into(),
                JsValue::UNDEFINED,
                1.into(),
                0.into(),
                None,
            ),
            "INVALID_UID",
        ),
        (
            RtcTokenBuilder006::build_token_with_uid(
                APP_ID.into(),
                CERT.into(),
                "c".into(),
                1.into(),
                7.into(),
                0.into(),
                None,
            ),
            "INVALID_ROLE",
        ),
        (
            RtcTokenBuilder006::build_token_with_uid(
                APP_ID.into(),
                CERT.into(),
                "c".into(),
                1.into(),
                1.into(),
                JsValue::from_f64(f64::NAN),
                None,
            ),
            "INVALID_EXPIRY",
        ),
        (
            RtmTokenBuilder006::build_token(
                APP_ID.into(),
                CERT.into(),
                "a".repeat(65).into(),
                1.into(),
                0.into(),
                None,
            ),
            "FIELD_TOO_LONG",
        ),
        (
            RtcTokenBuilder2::build_token_with_uid(
                APP_ID.into(),
                JsValue::UNDEFINED,
                "c".into(),
                1.into(),
                1.into(),
                600.into(),
                None,
                None,
            ),
            "INVALID_APP_CERTIFICATE",
        ),
        (
            RtcTokenBuilder2::build_token_with_uid(
                APP_ID.into(),
                CERT.into(),
                "c".into(),
                1.into(),
                1.into(),
                1_700_000_000u32.into(),
                None,
                None,
            ),
            "INVALID_EXPIRY",
        ),
        (
            RtcTokenBuilder2::build_token_with_uid(
                APP_ID.into(),
                CERT.into(),
                "c".into(),
                (-1).into(),
                1.into(),
                600.into(),
                None,
                None,
            ),
            "INVALID_UID",
        ),
        (
            RtmTokenBuilder2::build_token(
                APP_ID.into(),
                CERT.into(),
                "u".into(),
                600.into(),
                Some(js(&json!({ "salt": 0 }))),
            ),
            "INVALID_SALT",
        ),
        (
            build_token(js(
                &json!({ "appId": APP_ID, "appCertificate": CERT, "services": [] }),
            )),
            "NO_SERVICES",
        ),
        (
            build_token(js(
                &json!({ "appId": APP_ID, "appCertificate": CERT, "services": [{ "type": "video" }] }),
            )),
            "INVALID_FIELD",
        ),
        (
            inspect_token(JsValue::from_str("008abc"), None).map(|_| String::new()),
            "UNSUPPORTED_VERSION",
        ),
        (
            inspect_token(JsValue::from_f64(7.0), None).map(|_| String::new()),
            "MALFORMED_TOKEN",
        ),
        (
            verify_token("007abc".into(), "short".into(), None).map(|_| String::new()),
            "INVALID_APP_CERTIFICATE",
        ),
    ];
    for (i, (r, want)) in cases.into_iter().enumerate() {
        match r {
            Ok(t) => panic!("compat case {i}: no error ({t})"),
            Err(e) => assert_eq!(code(&e), want, "compat case {i}"),
        }
    }
}

#[wasm_bindgen_test]
fn ten_thousand_bad_calls_do_not_trap_the_module() {
    let expected = vectors()
        .into_iter()
        .find(|v| v["id"] == "007-rtc-uid")
        .unwrap();
    let before = build_rtc_token(js(&rtc_vector_options())).unwrap();
    let bad = bad_rtc_calls();
    let mut thrown = 0;
    for i in 0..10_000 {
        let (options, _) = &bad[i % bad.len()];
        if build_rtc_token(options.clone()).is_err() {
            thrown += 1;
        }
        if i % 7 == 0 {
            let garbage = format!("007{}", "A".repeat(i % 300));
            let _ = inspect_token(JsValue::from_str(&garbage), None);
            let _ = verify_token(JsValue::from_str(&garbage), CERT.into(), None);
        }
    }
    assert_eq!(thrown, 10_000);
    let after = build_rtc_token(js(&rtc_vector_options())).unwrap();
    assert_eq!(after, before);
    assert_eq!(
        inflate(&after),
        inflate(expected["expected"].as_str().unwrap())
    );
}

#[wasm_bindgen_test]
fn random_salts_and_the_clock_fill_missing_values() {
    let o = json!({ "appId": APP_ID, "appCertificate": CERT, "channelName": "c", "uid": 1 });
    let a = build_rtc_token(js(&o)).unwrap();
    let b = build_rtc_token(js(&o)).unwrap();
    assert_ne!(a, b, "two tokens with random salts were identical");
    let info = rust(&inspect_token(JsValue::from_str(&a), None).unwrap());
    let now = js_sys::Date::now() / 1000.0;
    let issued = info["issuedAt"].as_f64().unwrap();
    assert!(
        (now - issued).abs() < 60.0,
        "issuedAt {issued} vs now {now}"
    );
    assert_eq!(info["expire"], 3600);
    assert_eq!(info["expired"], false);
    assert_eq!(
        info["services"][0]["privileges"].as_array().unwrap().len(),
        1,
        "default role is subscriber"
    );
}
