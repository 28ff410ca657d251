//! wasm-bindgen-test suite of the npm bindings (`src/js.rs`, a private module, hence a unit-test
//! module of the crate), run by `.ci/test-js.sh` in
//! Node and in headless browsers (Chromium, and Firefox when installed):
//!
//! - every known-answer vector of `tests/vectors/vectors.json` through the wasm exports
//!   behind the drop-in classes: 006 strings exactly, 007 inflated payloads exactly, inspect
//!   and verify;
//! - values that break a core rule throw a JS `Error` with the expected stable `code`
//!   (the JS type checks of the package's API layer are tested by `tests/js/api.mjs`);
//! - the cached credentials follow the arguments;
//! - the module never traps: after 10,000 bad calls it still builds the vector tokens.
#![cfg(all(target_arch = "wasm32", feature = "js"))]

/// The per-builder signatures over the one `token007` export, with the preset numbers of
/// `pkg-template/js/dropins.js`, so the cases below read as the JS layer's calls.
#[allow(clippy::too_many_arguments)]
mod x {
    use crate::js::exports::token_007;
    pub use crate::js::exports::{rtc_006, rtc_token, rtm_006};
    use serde_json::{json, Value};
    use wasm_bindgen::JsValue;

    /// A JSON value as the plain JS object a caller passes.
    pub fn js(v: &Value) -> JsValue {
        serde::Serialize::serialize(v, &serde_wasm_bindgen::Serializer::json_compatible()).unwrap()
    }

    /// The expiry options of a life kind (`life` in `vocabulary.boundary`).
    fn life_options(o: &mut Value, life_kind: u8, life: u32) {
        match life_kind {
            1 => o["expiresIn"] = json!(life),
            2 => o["expiresAt"] = json!(life),
            _ => {}
        }
    }

    /// The issue options (absent ones left out).
    fn issue_options(o: &mut Value, issued_at: Option<u32>, salt: Option<u32>) {
        if let Some(t) = issued_at {
            o["issuedAt"] = json!(t);
        }
        if let Some(s) = salt {
            o["salt"] = json!(s);
        }
    }

    /// `buildRtmToken` with the options these positions stand for.
    pub fn rtm_token(
        app: &str,
        cert: &str,
        v006: bool,
        user_id: String,
        life_kind: u8,
        life: u32,
        issued_at: Option<u32>,
        salt: Option<u32>,
    ) -> JsValue {
        let mut o = json!({ "appId": app, "appCertificate": cert, "userId": user_id });
        if v006 {
            o["version"] = json!("006");
        }
        life_options(&mut o, life_kind, life);
        issue_options(&mut o, issued_at, salt);
        crate::js::headline::build_rtm_token(js(&o))
    }

    /// The arguments of one `token007` call; absent ones are zero or none.
    #[derive(Default)]
    pub struct Call {
        pub preset: u8,
        pub text1: String,
        pub text2: String,
        pub user_kind: u8,
        pub uid: u32,
        pub role: i32,
        pub life_kind: u8,
        pub life: u32,
        pub privilege: u32,
        pub privileges: Option<Box<[u32]>>,
        pub rtm_user_id: Option<String>,
        pub rtm_expire: Option<u32>,
        pub issued_at: Option<u32>,
        pub salt: Option<u32>,
    }

    impl Call {
        /// A call of `preset` with this lifetime and issue, every other argument absent.
        pub fn of(
            preset: u8,
            life_kind: u8,
            life: u32,
            issued_at: Option<u32>,
            salt: Option<u32>,
        ) -> Self {
            Self {
                preset,
                life_kind,
                life,
                issued_at,
                salt,
                ..Self::default()
            }
        }

        pub fn run(self, app: &str, cert: &str) -> JsValue {
            token_007(
                self.preset,
                app,
                cert,
                self.text1,
                self.text2,
                self.user_kind,
                self.uid,
                self.role,
                self.life_kind,
                self.life,
                self.privilege,
                self.privileges,
                self.rtm_user_id,
                self.rtm_expire,
                self.issued_at,
                self.salt,
            )
        }
    }

    fn role(r: u32) -> i32 {
        i32::try_from(r).unwrap_or(-1)
    }

    pub fn rtc_007(
        app: &str,
        cert: &str,
        channel: &str,
        user_kind: u8,
        uid: u32,
        text: String,
        r: u32,
        token_expire: u32,
        privilege_expire: u32,
        issued_at: Option<u32>,
        salt: Option<u32>,
    ) -> JsValue {
        let (text1, text2, role) = (channel.into(), text, role(r));
        let base = Call::of(0, 0, token_expire, issued_at, salt);
        let privilege = privilege_expire;
        Call {
            text1,
            text2,
            user_kind,
            uid,
            role,
            privilege,
            ..base
        }
        .run(app, cert)
    }

    pub fn rtc_007_privileges(
        app: &str,
        cert: &str,
        channel: &str,
        user_kind: u8,
        uid: u32,
        text: String,
        token_expire: u32,
        privileges: &[u32],
        issued_at: Option<u32>,
        salt: Option<u32>,
    ) -> JsValue {
        let (text1, text2) = (channel.into(), text);
        let base = Call::of(1, 0, token_expire, issued_at, salt);
        let privileges = Some(privileges.into());
        Call {
            text1,
            text2,
            user_kind,
            uid,
            privileges,
            ..base
        }
        .run(app, cert)
    }

    pub fn rtc_rtm_2(
        app: &str,
        cert: &str,
        text1: String,
        user_kind: u8,
        uid: u32,
        text2: String,
        r: u32,
        life_kind: u8,
        life: u32,
        privileges: Option<Box<[u32]>>,
        rtm_user_id: Option<String>,
        rtm_expire: Option<u32>,
        issued_at: Option<u32>,
        salt: Option<u32>,
    ) -> JsValue {
        let (role, base) = (role(r), Call::of(3, life_kind, life, issued_at, salt));
        let rtm = (rtm_user_id, rtm_expire);
        Call {
            text1,
            text2,
            user_kind,
            uid,
            role,
            privileges,
            rtm_user_id: rtm.0,
            rtm_expire: rtm.1,
            ..base
        }
        .run(app, cert)
    }

    /// The builders whose one string is a user id or user uuid (or none).
    macro_rules! one_text_builders {
        ($($name:ident = $preset:literal),*) => {$(
            pub fn $name(
                app: &str,
                cert: &str,
                text1: &str,
                life_kind: u8,
                life: u32,
                issued_at: Option<u32>,
                salt: Option<u32>,
            ) -> JsValue {
                let base = Call::of($preset, life_kind, life, issued_at, salt);
                Call { text1: text1.into(), ..base }.run(app, cert)
            }
        )*};
    }
    one_text_builders!(rtm_007 = 4, chat_user = 5, apaas_user = 9);

    pub fn chat_app(a: &str, c: &str, k: u8, l: u32, ia: Option<u32>, s: Option<u32>) -> JsValue {
        app_only(6, a, c, k, l, ia, s)
    }

    pub fn apaas_app(a: &str, c: &str, k: u8, l: u32, ia: Option<u32>, s: Option<u32>) -> JsValue {
        app_only(10, a, c, k, l, ia, s)
    }

    fn app_only(
        preset: u8,
        app: &str,
        cert: &str,
        life_kind: u8,
        life: u32,
        issued_at: Option<u32>,
        salt: Option<u32>,
    ) -> JsValue {
        Call::of(preset, life_kind, life, issued_at, salt).run(app, cert)
    }

    pub fn apaas_room_user(
        app: &str,
        cert: &str,
        room: &str,
        user: &str,
        r: i16,
        life_kind: u8,
        life: u32,
        issued_at: Option<u32>,
        salt: Option<u32>,
    ) -> JsValue {
        let (text1, text2, role) = (room.into(), user.into(), i32::from(r));
        let base = Call::of(8, life_kind, life, issued_at, salt);
        Call {
            text1,
            text2,
            role,
            ..base
        }
        .run(app, cert)
    }
}
use crate::js::headline::build_token;
use crate::js::reader;

/// `now` of a now kind: 0 the clock (`undefined`), 1 none (`null`), 2 the given time.
fn now_arg(now_kind: u8, now: u32) -> JsValue {
    match now_kind {
        0 => JsValue::UNDEFINED,
        1 => JsValue::NULL,
        _ => now.into(),
    }
}

/// A reader's result as JSON text (a JS string), or the `Error` it returned.
fn json_text(v: JsValue) -> JsValue {
    if v.is_instance_of::<js_sys::Error>() {
        return v;
    }
    js_sys::JSON::stringify(&v).unwrap().into()
}

/// `inspectToken(token, now)`, its result as JSON text.
fn inspect_token(token: &str, now_kind: u8, now: u32) -> JsValue {
    json_text(reader::inspect_token(token.into(), now_arg(now_kind, now)))
}

/// `verifyToken` without expectations beyond `now`, its result as JSON text.
fn verify(token: &str, cert: String, now_kind: u8, now: u32) -> Result<String, JsValue> {
    let expected = js_sys::Object::new();
    let now = now_arg(now_kind, now);
    if !now.is_undefined() {
        js_sys::Reflect::set(&expected, &"now".into(), &now).unwrap();
    }
    res(json_text(reader::verify_token(
        token.into(),
        cert.into(),
        expected.into(),
    )))
}
use base64::Engine as _;
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::test_vectors::vectors;
const APP_ID: &str = "970CA35de60c44645bbae8a215061b33";
const CERT: &str = "5CFd2fd1755d40ecb72977518be15d3b";

/// An export's result as a `Result`: the exports return the token (or JSON text) as a JS
/// string, or the JS `Error` the JS layer throws.
fn res(v: JsValue) -> Result<String, JsValue> {
    v.as_string().ok_or(v)
}

fn rust(v: &str) -> Value {
    serde_json::from_str(v).unwrap()
}

fn inflate(token: &str) -> Vec<u8> {
    let packed = base64::engine::general_purpose::STANDARD
        .decode(&token[3..])
        .unwrap();
    miniz_oxide::inflate::decompress_to_vec_zlib(&packed).unwrap()
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

fn text(v: &Value) -> &str {
    v.as_str().unwrap()
}

fn num(v: &Value) -> u32 {
    u32::try_from(v.as_u64().unwrap()).unwrap()
}

/// `(issuedAt, salt)` for a vector (006 packs ts = issue time + 24 h).
fn pinned(v: &Value) -> (Option<u32>, Option<u32>) {
    let issued_at = match v["format"].as_str() {
        Some("006") => num(&v["ts"]) - 86_400,
        _ => num(&v["issue_ts"]),
    };
    (Some(issued_at), Some(num(&v["salt"])))
}

/// Builds a vector's token through the positional wasm exports behind the drop-in
/// classes, or `None` for raw vectors.
fn build_with_exports(v: &Value) -> Option<String> {
    if !v["builder"].as_str().unwrap().contains("TokenBuilder.") {
        return None;
    }
    let i = &v["inputs"];
    let (app, cert) = (text(&i["app_id"]), text(&i["app_certificate"]));
    let (ia, salt) = pinned(v);
    let out = match v["builder"].as_str().unwrap() {
        "RtcTokenBuilder.buildTokenWithUid" => res(x::rtc_006(
            app,
            cert,
            text(&i["channel_name"]),
            0,
            num(&i["uid"]),
            "",
            num(&i["role"]),
            num(&i["privilege_expired_ts"]),
            ia,
            salt,
        )),
        "RtcTokenBuilder.buildTokenWithAccount" => res(x::rtc_006(
            app,
            cert,
            text(&i["channel_name"]),
            2,
            0,
            text(&i["account"]),
            num(&i["role"]),
            num(&i["privilege_expired_ts"]),
            ia,
            salt,
        )),
        "RtmTokenBuilder.buildToken" => res(x::rtm_006(
            app,
            cert,
            text(&i["user_account"]),
            num(&i["role"]),
            num(&i["privilege_expired_ts"]),
            ia,
            salt,
        )),
        "RtcTokenBuilder.build_token_with_uid" => res(x::rtc_007(
            app,
            cert,
            text(&i["channel_name"]),
            0,
            num(&i["uid"]),
            String::new(),
            num(&i["role"]),
            num(&i["token_expire"]),
            num(&i["privilege_expire"]),
            ia,
            salt,
        )),
        "RtcTokenBuilder.build_token_with_user_account" => res(x::rtc_007(
            app,
            cert,
            text(&i["channel_name"]),
            2,
            0,
            text(&i["account"]).to_owned(),
            num(&i["role"]),
            num(&i["token_expire"]),
            num(&i["privilege_expire"]),
            ia,
            salt,
        )),
        "RtcTokenBuilder.build_token_with_rtm2" => res(x::rtc_rtm_2(
            app,
            cert,
            text(&i["channel_name"]).to_owned(),
            2,
            0,
            text(&i["rtc_account"]).to_owned(),
            num(&i["rtc_role"]),
            0,
            num(&i["rtc_token_expire"]),
            Some(
                [
                    num(&i["join_channel_privilege_expire"]),
                    num(&i["pub_audio_privilege_expire"]),
                    num(&i["pub_video_privilege_expire"]),
                    num(&i["pub_data_stream_privilege_expire"]),
                ]
                .into(),
            ),
            Some(text(&i["rtm_user_id"]).to_owned()),
            Some(num(&i["rtm_token_expire"])),
            ia,
            salt,
        )),
        "RtmTokenBuilder.build_token" => res(x::rtm_007(
            app,
            cert,
            text(&i["user_id"]),
            0,
            num(&i["expire"]),
            ia,
            salt,
        )),
        "ChatTokenBuilder.build_user_token" => res(x::chat_user(
            app,
            cert,
            text(&i["user_id"]),
            0,
            num(&i["expire"]),
            ia,
            salt,
        )),
        "ChatTokenBuilder.build_app_token" => {
            res(x::chat_app(app, cert, 0, num(&i["expire"]), ia, salt))
        }
        "ApaasTokenBuilder.build_room_user_token"
        | "EducationTokenBuilder.build_room_user_token" => res(x::apaas_room_user(
            app,
            cert,
            text(&i["room_uuid"]),
            text(&i["user_uuid"]),
            i16::try_from(i["role"].as_i64().unwrap()).unwrap(),
            0,
            num(&i["expire"]),
            ia,
            salt,
        )),
        "ApaasTokenBuilder.build_user_token" | "EducationTokenBuilder.build_user_token" => {
            res(x::apaas_user(
                app,
                cert,
                text(&i["user_uuid"]),
                0,
                num(&i["expire"]),
                ia,
                salt,
            ))
        }
        "ApaasTokenBuilder.build_app_token" | "EducationTokenBuilder.build_app_token" => {
            res(x::apaas_app(app, cert, 0, num(&i["expire"]), ia, salt))
        }
        _ => return None,
    };
    Some(out.unwrap_or_else(|e| panic!("{}: threw {}", v["id"], code(&e))))
}

/// Checks one vector; returns a failure description.
fn check_vector(v: &Value) -> Result<(), String> {
    let id = v["id"].as_str().unwrap();
    let expected = v["expected"].as_str().unwrap();
    if let Some(token) = build_with_exports(v) {
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
        &res(inspect_token(expected, 2, 0))
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
            let cert = v["inputs"]["app_certificate"].as_str().unwrap().to_string();
            let now = u32::try_from(v["issue_ts"].as_u64().unwrap()).unwrap();
            let ok = rust(&verify(expected, cert, 2, now).unwrap());
            if ok["valid"] != true {
                return Err(format!("{id}: verify {ok}"));
            }
            let wrong = "00000000000000000000000000000000".to_string();
            let bad = rust(&verify(expected, wrong, 1, 0).unwrap());
            if bad["reason"] != "SIGNATURE_MISMATCH" {
                return Err(format!("{id}: verify with another certificate {bad}"));
            }
        }
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

const CHANNEL: &str = "7d72365eb983485397e3e3f9d460bdda";

/// `buildRtcToken({ appId, appCertificate, channelName, uid: 2882341273, issuedAt: 1111111,
/// salt: 1, expiresIn: 600 })` as the JS layer passes it, with one argument changed by `f`.
struct Rtc {
    app: &'static str,
    cert: &'static str,
    v006: bool,
    channel: String,
    user_kind: u8,
    uid: u32,
    text: String,
    life_kind: u8,
    life: u32,
    privileges: Option<Box<[u32]>>,
    salt: Option<u32>,
}

fn rtc(f: impl FnOnce(&mut Rtc)) -> Result<String, JsValue> {
    let mut r = Rtc {
        app: APP_ID,
        cert: CERT,
        v006: false,
        channel: CHANNEL.into(),
        user_kind: 0,
        uid: 2_882_341_273,
        text: String::new(),
        life_kind: 1,
        life: 600,
        privileges: None,
        salt: Some(1),
    };
    f(&mut r);
    res(x::rtc_token(
        r.app,
        r.cert,
        r.v006,
        r.channel,
        r.user_kind,
        r.uid,
        Some(r.text),
        false,
        r.life_kind,
        r.life,
        r.privileges,
        Some(1_111_111),
        r.salt,
    ))
}

#[wasm_bindgen_test]
fn headline_builders_match_the_vectors() {
    let all = vectors();
    let find = |id: &str| all.iter().find(|v| v["id"] == id).unwrap().clone();
    // 007 RTC subscriber = buildTokenWithUid(role 2, 600, 600).
    let token = rtc(|_| {}).unwrap();
    assert_eq!(
        inflate(&token),
        inflate(find("007-rtc-uid")["expected"].as_str().unwrap())
    );
    // The uid as decimal text is the same token.
    let same = rtc(|r| {
        r.user_kind = 1;
        r.text = "2882341273".into();
    });
    assert_eq!(same.unwrap(), token);
    // expiresAt = issuedAt + 600 is the same token.
    let same = rtc(|r| {
        r.life_kind = 2;
        r.life = 1_111_711;
    });
    assert_eq!(same.unwrap(), token);
    // 007 RTM.
    let t = res(x::rtm_token(
        APP_ID,
        CERT,
        false,
        "test_user".into(),
        1,
        600,
        Some(1_111_111),
        Some(1),
    ));
    assert_eq!(
        inflate(&t.unwrap()),
        inflate(find("007-rtm")["expected"].as_str().unwrap())
    );
    // 006 RTM: the seed's ts = issue + 24 h, privilege at expiresAt.
    let t = res(x::rtm_token(
        APP_ID,
        CERT,
        true,
        "test_user".into(),
        2,
        1_446_455_471,
        Some(1_111_111 - 86_400),
        Some(1),
    ));
    assert_eq!(t.unwrap(), find("006-rtm")["expected"].as_str().unwrap());
    // Chat app with expiresIn.
    let t = res(x::chat_app(APP_ID, CERT, 1, 600, Some(1_111_111), Some(1)));
    assert_eq!(
        inflate(&t.unwrap()),
        inflate(find("007-chat-app")["expected"].as_str().unwrap())
    );
}

/// `(call, expected code)`: values that pass the JS type checks but break a core rule.
fn bad_calls() -> Vec<(Result<String, JsValue>, &'static str)> {
    let huge = "a".repeat(100 * 1024);
    vec![
        (rtc(|r| r.app = "xyz"), "INVALID_APP_ID"),
        (rtc(|r| r.cert = "short"), "INVALID_APP_CERTIFICATE"),
        (rtc(|r| r.channel = huge.clone()), "FIELD_TOO_LONG"),
        (rtc(|r| r.channel = "a".repeat(65)), "FIELD_TOO_LONG"),
        (
            rtc(|r| r.channel = "bad/name".into()),
            "INVALID_CHANNEL_NAME",
        ),
        (rtc(|r| r.channel = String::new()), "INVALID_CHANNEL_NAME"),
        (
            rtc(|r| {
                r.user_kind = 1;
                r.text = "12a".into();
            }),
            "INVALID_UID",
        ),
        (
            rtc(|r| {
                r.user_kind = 1;
                r.text = "4294967296".into();
            }),
            "INVALID_UID",
        ),
        (
            rtc(|r| {
                r.user_kind = 2;
                r.text = String::new();
            }),
            "INVALID_FIELD",
        ),
        (rtc(|r| r.life = 0), "INVALID_EXPIRY"),
        (rtc(|r| r.life = 1_700_000_000), "INVALID_EXPIRY"),
        (
            rtc(|r| {
                r.life_kind = 2;
                r.life = 1_111_111;
            }),
            "INVALID_EXPIRY",
        ),
        (
            rtc(|r| {
                r.v006 = true;
                r.privileges = Some([1, 2, 3].into());
            }),
            "INVALID_FIELD",
        ),
        (rtc(|r| r.salt = Some(0)), "INVALID_SALT"),
        (rtc(|r| r.salt = Some(100_000_000)), "INVALID_SALT"),
        (
            res(x::rtc_006(APP_ID, CERT, "c", 0, 1, "", 7, 0, None, None)),
            "INVALID_ROLE",
        ),
        (
            res(x::rtm_006(APP_ID, CERT, &"a".repeat(65), 1, 0, None, None)),
            "FIELD_TOO_LONG",
        ),
        (
            res(x::rtm_006(APP_ID, CERT, "u", 2, 0, None, None)),
            "INVALID_ROLE",
        ),
        (
            res(x::rtc_007(
                APP_ID,
                CERT,
                "c",
                0,
                1,
                String::new(),
                3,
                600,
                0,
                None,
                None,
            )),
            "INVALID_ROLE",
        ),
        (
            res(x::rtc_007(
                APP_ID,
                CERT,
                "c",
                0,
                1,
                String::new(),
                1,
                1_700_000_000,
                0,
                None,
                None,
            )),
            "INVALID_EXPIRY",
        ),
        (
            res(x::rtc_007_privileges(
                APP_ID,
                CERT,
                "c",
                0,
                1,
                String::new(),
                600,
                &[1, 2],
                None,
                None,
            )),
            "INVALID_FIELD",
        ),
        (
            res(x::rtm_007(APP_ID, CERT, "u", 0, 600, None, Some(0))),
            "INVALID_SALT",
        ),
        (
            res(x::rtm_007(APP_ID, CERT, "", 0, 600, None, None)),
            "INVALID_FIELD",
        ),
        (
            // A preset number the JS layer never produces (0..=12 are the builders).
            res(x::Call::of(13, 0, 600, None, None).run(APP_ID, CERT)),
            "INVALID_FIELD",
        ),
        (
            res(x::apaas_room_user(
                APP_ID, CERT, "r", "u", 1, 0, 600, None, None,
            ))
            .and_then(|_| {
                let (text1, text2, role) = ("r".into(), "u".into(), 40_000);
                let base = x::Call::of(8, 0, 600, None, None);
                res(x::Call {
                    text1,
                    text2,
                    role,
                    ..base
                }
                .run(APP_ID, CERT))
            }),
            "INVALID_ROLE",
        ),
        (
            res(build_token(x::js(&serde_json::json!({
                "appId": APP_ID, "appCertificate": CERT, "services": []
            })))),
            "NO_SERVICES",
        ),
        // A service type the core does not know.
        (
            res(build_token(x::js(&serde_json::json!({
                "appId": APP_ID, "appCertificate": CERT, "services": [{ "type": "video" }]
            })))),
            "INVALID_FIELD",
        ),
        (
            res(inspect_token("008abc", 0, 0)).map(|_| String::new()),
            "UNSUPPORTED_VERSION",
        ),
        (
            verify("007abc", "short".into(), 0, 0).map(|_| String::new()),
            "INVALID_APP_CERTIFICATE",
        ),
    ]
}

#[wasm_bindgen_test]
fn bad_values_throw_coded_errors_naming_the_field() {
    let mut failures = Vec::new();
    for (i, (r, want)) in bad_calls().into_iter().enumerate() {
        match r {
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
}

#[wasm_bindgen_test]
fn ten_thousand_bad_calls_do_not_trap_the_module() {
    let expected = vectors()
        .into_iter()
        .find(|v| v["id"] == "007-rtc-uid")
        .unwrap();
    let before = rtc(|_| {}).unwrap();
    let mut thrown = 0;
    for i in 0..10_000 {
        let bad = match i % 4 {
            0 => rtc(|r| r.channel = "bad/name".into()),
            1 => rtc(|r| r.salt = Some(0)),
            2 => rtc(|r| r.cert = "5CFd2fd1755d40ecb72977518be15d3"),
            _ => rtc(|r| r.life = 0),
        };
        if bad.is_err() {
            thrown += 1;
        }
        if i % 7 == 0 {
            let garbage = format!("007{}", "A".repeat(i % 300));
            let _ = res(inspect_token(&garbage, 0, 0));
            let _ = verify(&garbage, CERT.into(), 0, 0);
        }
    }
    assert_eq!(thrown, 10_000);
    let after = rtc(|_| {}).unwrap();
    assert_eq!(after, before);
    assert_eq!(
        inflate(&after),
        inflate(expected["expected"].as_str().unwrap())
    );
}

#[wasm_bindgen_test]
fn cached_credentials_follow_the_arguments() {
    // The same call with another certificate after a cached one must sign with the new one.
    let rtm = |cert: &str| {
        res(x::rtm_007(
            APP_ID,
            cert,
            "u",
            0,
            600,
            Some(1_111_111),
            Some(1),
        ))
    };
    let a = rtm(CERT).unwrap();
    let other = "00000000000000000000000000000000";
    let b = rtm(other).unwrap();
    assert_ne!(a, b);
    let ok = rust(&verify(&b, other.into(), 0, 0).unwrap());
    assert_eq!(ok["signatureValid"], true, "{ok}");
    let again = rtm(CERT).unwrap();
    assert_eq!(again, a);
}

#[wasm_bindgen_test]
fn random_salts_and_the_clock_fill_missing_values() {
    let mk = || {
        res(x::rtc_token(
            APP_ID,
            CERT,
            false,
            "c".into(),
            0,
            1,
            None,
            false,
            3,
            0,
            None,
            None,
            None,
        ))
        .unwrap()
    };
    let a = mk();
    let b = mk();
    assert_ne!(a, b, "two tokens with random salts were identical");
    let info = rust(&res(inspect_token(&a, 0, 0)).unwrap());
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

/// The options each headline export requires (`EXPORTS` in src/js/headline.rs, the required
/// fields of the generated options types) are those its reader refuses to go without: with
/// every option it takes (the first of each exclusive group) the export builds, and without
/// one it fails exactly when that option is required.
#[wasm_bindgen_test]
fn headline_exports_require_the_declared_options() {
    use crate::js::headline::{self as h, EXPORTS, GROUPS};
    use serde_json::json;
    for e in EXPORTS {
        let call: fn(JsValue) -> JsValue = match e.function {
            "buildRtmToken" => h::build_rtm_token,
            "buildChatAppToken" => h::build_chat_app_token,
            "buildChatUserToken" => h::build_chat_user_token,
            "buildFpaToken" => h::build_fpa_token,
            "buildApaasAppToken" => h::build_apaas_app_token,
            "buildApaasRoomUserToken" => h::build_apaas_room_user_token,
            "buildApaasUserToken" => h::build_apaas_user_token,
            "buildRtcRtmToken" => h::build_rtc_rtm_token,
            "buildRtmPermissionsToken" => h::build_rtm_permissions_token,
            "buildToken" => h::build_token,
            // Read in JavaScript (pkg-template/js/rtc.js; tests/js/api.mjs).
            "buildRtcToken" => continue,
            other => panic!("{other} has no case here"),
        };
        let numeric_role = e.overrides.iter().any(|o| o.0 == "role" && o.1 == "number");
        let sample = |name: &str| -> Value {
            match name {
                "appId" => json!(APP_ID),
                "appCertificate" => json!(CERT),
                "expiresIn" | "rtmExpiresIn" => json!(600),
                "issuedAt" => json!(1_700_000_000),
                "salt" => json!(7),
                "version" => json!("007"),
                "uid" => json!(42),
                "role" if numeric_role => json!(1),
                "role" => json!("publisher"),
                "privileges" | "permissions" => json!({}),
                "services" => json!([{ "type": "rtm", "userId": "u" }]),
                _ => json!("x"),
            }
        };
        let second_of_group = |f: &&str| {
            GROUPS
                .iter()
                .any(|g| g.one_of && g.fields.contains(f) && g.fields.first() != Some(f))
        };
        let taken: Vec<&str> = e
            .known
            .iter()
            .filter(|f| !second_of_group(f))
            .copied()
            .collect();
        let full: serde_json::Map<String, Value> =
            taken.iter().map(|f| ((*f).to_owned(), sample(f))).collect();
        assert!(
            res(call(x::js(&Value::Object(full.clone())))).is_ok(),
            "{} with every option",
            e.function
        );
        for f in taken {
            let mut o = full.clone();
            o.remove(f);
            let required = e.required.contains(&f)
                || GROUPS.iter().any(|g| g.required && g.fields.contains(&f));
            assert_eq!(
                res(call(x::js(&Value::Object(o)))).is_err(),
                required,
                "{} without {f}",
                e.function
            );
        }
    }
}
