//! Known-answer tests driven by `tests/vectors/vectors.json`.
//!
//! - 006: the official builder, called with the vector's inputs, gives the exact string;
//!   parsing recovers salt, ts and privileges; the signature verifies.
//! - 007: the token and each alternative encoding parse to the listed services; each
//!   verifies with its certificate and fails with another; rebuilding with the pinned
//!   salt and issue time gives the same *inflated* payload.
//!
//! Every failure names its vector; all failures are reported together.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeMap;

use agora_token::builders::{self, RtcPrivilegeExpiries, RtcRole, RtcRtm2, RtcUser};
use agora_token::v006;
use agora_token::v007::{
    AccessToken2, Apaas, Chat, Fcdn, Fpa, ParsedToken2, PermissionType, Permissions, Privileges,
    ResourceType, Rtc, Rtm, Rtm2, Service, Streaming,
};
use agora_token::{AppCertificate, Credentials, Issue};
use base64::Engine as _;
use serde_json::{json, Value};

#[path = "vectors/loader.rs"]
mod loader;
use loader::vectors;

fn s(v: &Value) -> &str {
    v.as_str().unwrap_or_else(|| panic!("not a string: {v}"))
}

fn n(v: &Value) -> u32 {
    u32::try_from(v.as_u64().unwrap_or_else(|| panic!("not a number: {v}"))).unwrap()
}

fn creds(inputs: &Value) -> Credentials {
    Credentials::new(s(&inputs["app_id"]), s(&inputs["app_certificate"])).unwrap()
}

fn inflate_token(token: &str) -> Vec<u8> {
    let packed = base64::engine::general_purpose::STANDARD
        .decode(&token[3..])
        .unwrap();
    miniz_oxide::inflate::decompress_to_vec_zlib(&packed).unwrap()
}

/// A user given as a JSON number is a uid, as a string an account.
fn user(v: &Value) -> RtcUser {
    match v {
        Value::Number(_) => RtcUser::Uid(n(v)),
        _ => RtcUser::Account(s(v).to_owned()),
    }
}

/// The vector's description of a service turned into a typed service.
fn service_from_vector(v: &Value) -> Service {
    let privs = v["privileges"].as_object().unwrap();
    let raw = |_: ()| -> BTreeMap<u16, u32> {
        privs
            .iter()
            .map(|(k, v)| (k.parse().unwrap(), n(v)))
            .collect()
    };
    fn typed<P: agora_token::v007::Privilege>(m: BTreeMap<u16, u32>) -> Privileges<P> {
        m.into_iter()
            .map(|(k, v)| (P::from_id(k).unwrap(), v))
            .collect()
    }
    let text = |k: &str| s(&v[k]).to_owned();
    match n(&v["type"]) {
        1 => Rtc {
            channel_name: text("channel_name"),
            uid: text("uid"),
            privileges: typed(raw(())),
        }
        .into(),
        2 => Rtm {
            user_id: text("user_id"),
            privileges: typed(raw(())),
        }
        .into(),
        3 => Streaming {
            channel_name: text("channel_name"),
            account: text("account"),
            privileges: typed(raw(())),
        }
        .into(),
        4 => Fpa {
            privileges: typed(raw(())),
        }
        .into(),
        5 => Chat {
            user_id: text("user_id"),
            privileges: typed(raw(())),
        }
        .into(),
        6 => Fcdn {
            channel_name: text("channel_name"),
            account: text("account"),
            privileges: typed(raw(())),
        }
        .into(),
        7 => Apaas {
            room_uuid: text("room_uuid"),
            user_uuid: text("user_uuid"),
            role: i16::try_from(v["role"].as_i64().unwrap()).unwrap(),
            privileges: typed(raw(())),
        }
        .into(),
        8 => {
            let mut permissions = Permissions::new();
            for (res, kinds) in v["permissions"].as_object().unwrap() {
                let res = ResourceType::from_id(res.parse().unwrap()).unwrap();
                for (perm, list) in kinds.as_object().unwrap() {
                    let perm = PermissionType::from_id(perm.parse().unwrap()).unwrap();
                    let list = list
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|r| s(r).to_owned())
                        .collect();
                    permissions.set(res, perm, list);
                }
            }
            Rtm2 {
                user_id: text("user_id"),
                privileges: typed(raw(())),
                permissions,
            }
            .into()
        }
        other => panic!("vector uses service type {other}"),
    }
}

/// A parsed service in the vector's JSON shape.
fn service_to_vector(svc: &Service) -> Value {
    let info =
        agora_token::ParsedToken::V007(ParsedToken2::from_payload(&payload_of(svc)).unwrap())
            .describe(None);
    let si = &info.services[0];
    let mut out = json!({
        "type": si.type_id,
        "privileges": si.privileges.iter().map(|p| (p.id.to_string(), json!(p.seconds.unwrap()))).collect::<serde_json::Map<_, _>>(),
    });
    let snake = |k: &str| -> String {
        k.chars()
            .flat_map(|c| {
                if c.is_ascii_uppercase() {
                    vec!['_', c.to_ascii_lowercase()]
                } else {
                    vec![c]
                }
            })
            .collect()
    };
    for (k, v) in &si.fields {
        out[snake(k)] = json!(v);
    }
    if let Some(role) = si.role {
        out["role"] = json!(role);
    }
    if let Service::Rtm2(r) = svc {
        let mut perms = serde_json::Map::new();
        for (res, kinds) in r.permissions.by_resource() {
            let k: serde_json::Map<_, _> = kinds
                .iter()
                .map(|(p, l)| (p.id().to_string(), json!(l)))
                .collect();
            perms.insert(res.id().to_string(), Value::Object(k));
        }
        out["permissions"] = Value::Object(perms);
    }
    out
}

/// A one-service payload, to reuse the inspection model for a single service.
fn payload_of(svc: &Service) -> Vec<u8> {
    let c = Credentials::new(
        "970CA35de60c44645bbae8a215061b33",
        "5CFd2fd1755d40ecb72977518be15d3b",
    )
    .unwrap();
    let mut t = AccessToken2::new(1, 1, 1);
    t.services.push(svc.clone());
    // Skip validation: parsed services may be empty-valued (e.g. a wildcard Streaming account).
    t.payload(&c)
        .or_else(|_| {
            let mut u = t.clone();
            u.expire = 1;
            u.payload(&c)
        })
        .unwrap_or_else(|e| panic!("cannot repack {svc:?}: {e}"))
}

/// Strips the vector-only `account_input` key, which is the builder input, not wire data.
fn wire_services(v: &Value) -> Vec<Value> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let mut s = s.clone();
            s.as_object_mut().unwrap().remove("account_input");
            s
        })
        .collect()
}

fn rebuild_007(v: &Value) -> AccessToken2 {
    let i = &v["inputs"];
    let issue = Issue::at(n(&v["issue_ts"]), n(&v["salt"]));
    let builder = s(&v["builder"]);
    let method = builder.rsplit('.').next().unwrap();
    if builder.starts_with("AccessToken2") {
        let mut t = AccessToken2::new(issue.issue_ts, n(&v["expire"]), issue.salt);
        for svc in v["services"].as_array().unwrap() {
            t.services.push(service_from_vector(svc));
        }
        return t;
    }
    match method {
        "build_token_with_uid" => builders::rtc(
            issue,
            s(&i["channel_name"]),
            &user(&i["uid"]),
            RtcRole::from_id(i["role"].as_i64().unwrap()).unwrap(),
            n(&i["token_expire"]),
            n(&i["privilege_expire"]),
        ),
        "build_token_with_user_account" => builders::rtc(
            issue,
            s(&i["channel_name"]),
            &user(&i["account"]),
            RtcRole::from_id(i["role"].as_i64().unwrap()).unwrap(),
            n(&i["token_expire"]),
            n(&i["privilege_expire"]),
        ),
        "build_token_with_rtm2" => builders::rtc_rtm2(
            issue,
            &RtcRtm2 {
                channel_name: s(&i["channel_name"]).to_owned(),
                rtc_user: user(&i["rtc_account"]),
                role: RtcRole::from_id(i["rtc_role"].as_i64().unwrap()).unwrap(),
                rtc_token_expire: n(&i["rtc_token_expire"]),
                privileges: RtcPrivilegeExpiries {
                    join_channel: n(&i["join_channel_privilege_expire"]),
                    publish_audio: n(&i["pub_audio_privilege_expire"]),
                    publish_video: n(&i["pub_video_privilege_expire"]),
                    publish_data: n(&i["pub_data_stream_privilege_expire"]),
                },
                rtm_user_id: s(&i["rtm_user_id"]).to_owned(),
                rtm_token_expire: n(&i["rtm_token_expire"]),
            },
        ),
        "build_token" => builders::rtm(issue, s(&i["user_id"]), n(&i["expire"])),
        "build_user_token" if builder.starts_with("Chat") => {
            builders::chat_user(issue, s(&i["user_id"]), n(&i["expire"]))
        }
        "build_app_token" if builder.starts_with("Chat") => {
            builders::chat_app(issue, n(&i["expire"]))
        }
        "build_room_user_token" => builders::apaas_room_user(
            issue,
            s(&i["room_uuid"]),
            s(&i["user_uuid"]),
            i16::try_from(i["role"].as_i64().unwrap()).unwrap(),
            n(&i["expire"]),
        ),
        "build_user_token" => builders::apaas_user(issue, s(&i["user_uuid"]), n(&i["expire"])),
        "build_app_token" => builders::apaas_app(issue, n(&i["expire"])),
        other => panic!("no builder mapped for {builder} ({other})"),
    }
}

fn check_006(v: &Value) -> Result<(), String> {
    let i = &v["inputs"];
    let c = creds(i);
    let (salt, ts, exp) = (n(&v["salt"]), n(&v["ts"]), n(&i["privilege_expired_ts"]));
    let builder = s(&v["builder"]);
    let (token, channel, uid) = match builder {
        "RtcTokenBuilder.buildTokenWithUid" | "RtcTokenBuilder.buildTokenWithAccount" => {
            let channel = s(&i["channel_name"]);
            let owned;
            let subject = if builder.ends_with("Uid") {
                v006::Subject::Uid(n(&i["uid"]))
            } else {
                owned = s(&i["account"]).to_owned();
                v006::Subject::Account(&owned)
            };
            let role = v006::Role::from_id(i["role"].as_i64().unwrap()).unwrap();
            let uid = subject.uid_str();
            let p = v006::RtcParams {
                channel_name: channel,
                subject,
                role,
                privilege_expired_ts: exp,
                salt,
                ts,
            };
            (
                v006::build_rtc(&c, &p).map_err(|e| e.to_string())?,
                channel.to_owned(),
                uid,
            )
        }
        "RtmTokenBuilder.buildToken" => {
            let user = s(&i["user_account"]);
            let p = v006::RtmParams {
                user_id: user,
                privilege_expired_ts: exp,
                salt,
                ts,
            };
            (
                v006::build_rtm(&c, &p).map_err(|e| e.to_string())?,
                user.to_owned(),
                String::new(),
            )
        }
        other => return Err(format!("unknown 006 builder {other}")),
    };
    let expected = s(&v["expected"]);
    if token != expected {
        return Err(format!("built {token}\n expected {expected}"));
    }
    let parsed = v006::Token::parse(expected).map_err(|e| e.to_string())?;
    let privileges: BTreeMap<u16, u32> = v["privileges"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.parse().unwrap(), n(v)))
        .collect();
    if parsed.message.salt != salt
        || parsed.message.ts != ts
        || parsed.message.privileges.iter().collect::<BTreeMap<_, _>>() != privileges
    {
        return Err(format!("parsed {:?}", parsed.message));
    }
    parsed
        .verify(&c.certificate, &channel, &uid)
        .map_err(|m| format!("does not verify: {m:?}"))?;
    let other = AppCertificate::new("00000000000000000000000000000000").unwrap();
    if parsed.verify(&other, &channel, &uid).is_ok() {
        return Err("verifies with another certificate".into());
    }
    Ok(())
}

fn check_007(v: &Value) -> Result<(), String> {
    let expected = s(&v["expected"]);
    let mut encodings = vec![("expected".to_owned(), expected.to_owned())];
    if let Some(alts) = v["alt_encodings"].as_object() {
        for (name, alt) in alts {
            encodings.push((name.clone(), s(&alt["token"]).to_owned()));
        }
    }
    let want_services = wire_services(&v["services"]);
    for (name, token) in &encodings {
        let parsed = ParsedToken2::parse(token).map_err(|e| format!("{name}: {e}"))?;
        let t = &parsed.token;
        if t.issue_ts != n(&v["issue_ts"]) || t.salt != n(&v["salt"]) || t.expire != n(&v["expire"])
        {
            return Err(format!("{name}: header {t:?}"));
        }
        if parsed.app_id != s(&v["inputs"]["app_id"]) {
            return Err(format!("{name}: app id {}", parsed.app_id));
        }
        let got: Vec<Value> = t.services.iter().map(service_to_vector).collect();
        if got != want_services {
            return Err(format!(
                "{name}: services\n got  {}\n want {}",
                json!(got),
                json!(want_services)
            ));
        }
        if v["parse_only"].as_bool() == Some(true) {
            continue;
        }
        let c = creds(&v["inputs"]);
        if !parsed.verify(&c.certificate) {
            return Err(format!("{name}: does not verify with its certificate"));
        }
        let other = AppCertificate::new("5CFd2fd1755d40ecb72977518be15d3c").unwrap();
        if parsed.verify(&other) {
            return Err(format!("{name}: verifies with another certificate"));
        }
        if inflate_token(token) != inflate_token(expected) {
            return Err(format!("{name}: inflates to another payload than expected"));
        }
    }
    if v["parse_only"].as_bool() == Some(true) {
        return Ok(());
    }
    let c = creds(&v["inputs"]);
    let rebuilt = rebuild_007(v);
    let payload = rebuilt.payload(&c).map_err(|e| format!("rebuild: {e}"))?;
    if payload != inflate_token(expected) {
        return Err(format!(
            "rebuilt payload differs\n got  {}\n want {}",
            hex(&payload),
            hex(&inflate_token(expected))
        ));
    }
    // And the full token we build parses back to the same claims and verifies.
    let ours = rebuilt.build(&c).map_err(|e| format!("build: {e}"))?;
    let back = ParsedToken2::parse(&ours).map_err(|e| format!("parse ours: {e}"))?;
    if !back.verify(&c.certificate) || inflate_token(&ours) != payload {
        return Err("our token does not round-trip".into());
    }
    // Genuinely compressed: no longer than CPython zlib's token plus 4 characters.
    if ours.len() > expected.len() + 4 {
        return Err(format!(
            "our token is {} chars, zlib's {}",
            ours.len(),
            expected.len()
        ));
    }
    Ok(())
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

#[test]
fn every_vector() {
    let vectors = vectors();
    assert!(vectors.len() >= 20, "only {} vectors", vectors.len());
    let mut failures = Vec::new();
    let (mut n006, mut n007) = (0, 0);
    for v in &vectors {
        let id = s(&v["id"]);
        let res = match s(&v["format"]) {
            "006" => {
                n006 += 1;
                check_006(v)
            }
            "007" => {
                n007 += 1;
                check_007(v)
            }
            f => Err(format!("unknown format {f}")),
        };
        if let Err(e) = res {
            failures.push(format!("{id}: {e}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} vector(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(n006 >= 5 && n007 >= 15, "006: {n006}, 007: {n007}");
}

#[test]
fn apaas_and_education_are_the_same_builder() {
    // The Education builders are the APaaS builders under another name; the vectors say so
    // with `same_as`. Check every `same_as` pair really gives the identical token.
    let vectors = vectors();
    for v in &vectors {
        if let Some(other) = v["same_as"].as_str() {
            let o = vectors.iter().find(|x| x["id"] == other).unwrap();
            assert_eq!(v["expected"], o["expected"], "{} vs {other}", s(&v["id"]));
        }
    }
}
