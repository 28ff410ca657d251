//! The `agora-token` binary, run as a process: it reproduces the known-answer vectors of
//! `tests/vectors/vectors.json` from the command line (006 exact strings, 007 inflated
//! payloads), `inspect` prints the expected JSON, `verify` exits 0/1, and bad input is a
//! one-line `error: field: rule (CODE)` with exit status 2 that never shows the certificate.
#![cfg(feature = "cli")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::process::{Command, Output};

use base64::Engine as _;
use serde_json::Value;

const APP_ID: &str = "970CA35de60c44645bbae8a215061b33";
const CERT: &str = "5CFd2fd1755d40ecb72977518be15d3b";
const OTHER_CERT: &str = "5CFd2fd1755d40ecb72977518be15d3c";
const CHANNEL: &str = "7d72365eb983485397e3e3f9d460bdda";
/// The seed package packs `ts = issue time + 24 h` into 006 tokens.
const DAY: u64 = 86_400;

#[path = "vectors/loader.rs"]
mod loader;
use loader::vectors;

/// Runs the binary with `args`, with no `AGORA_*` variables unless given in `env`.
fn run_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_agora-token"));
    cmd.args(args)
        .env_remove("AGORA_APP_ID")
        .env_remove("AGORA_APP_CERTIFICATE");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("the agora-token binary runs")
}

fn run(args: &[&str]) -> Output {
    run_env(args, &[])
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// Asserts success and returns stdout without the trailing newline.
fn ok(o: &Output) -> String {
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(o));
    assert!(o.stderr.is_empty(), "stderr: {}", stderr(o));
    stdout(o)
        .strip_suffix('\n')
        .expect("output ends with a newline")
        .to_owned()
}

/// Asserts a bad-input failure with `code`, and returns the one line on stderr.
fn bad(o: &Output, field: &str, code: &str) -> String {
    let err = stderr(o);
    assert_eq!(
        o.status.code(),
        Some(2),
        "stdout: {} stderr: {err}",
        stdout(o)
    );
    assert!(
        o.stdout.is_empty(),
        "nothing on stdout on error: {}",
        stdout(o)
    );
    assert_eq!(err.lines().count(), 1, "one line: {err:?}");
    assert!(err.starts_with(&format!("error: {field}: ")), "{err}");
    assert!(err.trim_end().ends_with(&format!("({code})")), "{err}");
    assert!(
        !err.contains(CERT),
        "the certificate is never printed: {err}"
    );
    err
}

fn inflate(token: &str) -> Vec<u8> {
    let packed = base64::engine::general_purpose::STANDARD
        .decode(&token[3..])
        .unwrap();
    miniz_oxide::inflate::decompress_to_vec_zlib(&packed).unwrap()
}

fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        _ => panic!("not text: {v}"),
    }
}

fn role(v: &Value) -> &'static str {
    match v.as_u64() {
        Some(1) => "publisher",
        Some(2) => "subscriber",
        _ => panic!("role {v}"),
    }
}

/// The CLI arguments that rebuild a builder vector, or `None` for vectors the CLI's two
/// builders do not cover (raw multi-service tokens, Chat, APaaS…).
fn cli_args(v: &Value) -> Option<Vec<String>> {
    let i = &v["inputs"];
    let s = |x: &str| x.to_owned();
    let mut args = match (v["format"].as_str()?, v["builder"].as_str()?) {
        ("006", "RtcTokenBuilder.buildTokenWithUid" | "RtcTokenBuilder.buildTokenWithAccount") => {
            let issued_at = v["ts"].as_u64()? - DAY;
            let user = if i.get("uid").is_some() {
                vec![s("--uid"), text(&i["uid"])]
            } else {
                vec![s("--account"), text(&i["account"])]
            };
            let mut a = vec![s("rtc"), s("--channel"), text(&i["channel_name"])];
            a.extend(user);
            a.extend([
                s("--role"),
                s(role(&i["role"])),
                s("--expires-at"),
                text(&i["privilege_expired_ts"]),
            ]);
            a.extend([
                s("--version"),
                s("006"),
                s("--issued-at"),
                issued_at.to_string(),
            ]);
            a
        }
        ("006", "RtmTokenBuilder.buildToken") => {
            let issued_at = v["ts"].as_u64()? - DAY;
            vec![
                s("rtm"),
                s("--user-id"),
                text(&i["user_account"]),
                s("--expires-at"),
                text(&i["privilege_expired_ts"]),
                s("--version"),
                s("006"),
                s("--issued-at"),
                issued_at.to_string(),
            ]
        }
        (
            "007",
            "RtcTokenBuilder.build_token_with_uid"
            | "RtcTokenBuilder.build_token_with_user_account",
        ) => {
            // The CLI grants every privilege for the token's lifetime.
            if i["token_expire"] != i["privilege_expire"] {
                return None;
            }
            let user = if i.get("uid").is_some() {
                vec![s("--uid"), text(&i["uid"])]
            } else {
                vec![s("--account"), text(&i["account"])]
            };
            let mut a = vec![s("rtc"), s("--channel"), text(&i["channel_name"])];
            a.extend(user);
            a.extend([
                s("--role"),
                s(role(&i["role"])),
                s("--expires-in"),
                text(&i["token_expire"]),
            ]);
            a.extend([s("--issued-at"), text(&v["issue_ts"])]);
            a
        }
        ("007", "RtmTokenBuilder.build_token") => vec![
            s("rtm"),
            s("--user-id"),
            text(&i["user_id"]),
            s("--expires-in"),
            text(&i["expire"]),
            s("--issued-at"),
            text(&v["issue_ts"]),
        ],
        _ => return None,
    };
    args.extend([s("--salt"), text(&v["salt"])]);
    Some(args)
}

#[test]
fn reproduces_vector_tokens() {
    let mut covered = (0, 0);
    for v in vectors() {
        let Some(mut args) = cli_args(&v) else {
            continue;
        };
        let id = v["id"].as_str().unwrap();
        let (app_id, cert) = (
            text(&v["inputs"]["app_id"]),
            text(&v["inputs"]["app_certificate"]),
        );
        // Credentials from flags for 006 and from the environment for 007: both paths are used.
        let out = if v["format"] == "006" {
            args.extend([
                "--app-id".to_owned(),
                app_id,
                "--app-certificate".to_owned(),
                cert,
            ]);
            run(&args.iter().map(String::as_str).collect::<Vec<_>>())
        } else {
            run_env(
                &args.iter().map(String::as_str).collect::<Vec<_>>(),
                &[("AGORA_APP_ID", &app_id), ("AGORA_APP_CERTIFICATE", &cert)],
            )
        };
        let token = ok(&out);
        let expected = v["expected"].as_str().unwrap();
        if v["format"] == "006" {
            assert_eq!(token, expected, "{id}: {args:?}");
            covered.0 += 1;
        } else {
            assert_eq!(
                inflate(&token),
                inflate(expected),
                "{id}: inflated payload, {args:?}"
            );
            covered.1 += 1;
        }
    }
    // Every 006 builder vector and the four plain 007 RTC/RTM vectors.
    assert!(
        covered.0 >= 5 && covered.1 >= 4,
        "vectors covered (006, 007): {covered:?}"
    );
}

fn creds_env() -> [(&'static str, &'static str); 2] {
    [("AGORA_APP_ID", APP_ID), ("AGORA_APP_CERTIFICATE", CERT)]
}

fn build_007_rtc(extra: &[&str]) -> String {
    let mut args = vec![
        "rtc",
        "--channel",
        CHANNEL,
        "--uid",
        "2882341273",
        "--issued-at",
        "1111111",
        "--salt",
        "1",
    ];
    args.extend_from_slice(extra);
    ok(&run_env(&args, &creds_env()))
}

#[test]
fn inspect_prints_the_token_as_json() {
    let token = build_007_rtc(&["--role", "publisher", "--expires-in", "600"]);
    let info: Value =
        serde_json::from_str(&ok(&run(&["inspect", &token, "--now", "1111200"]))).unwrap();
    assert_eq!(info["version"], "007");
    assert_eq!(info["appId"], APP_ID);
    assert_eq!(info["issuedAt"], 1_111_111);
    assert_eq!(info["expire"], 600);
    assert_eq!(info["expiresAt"], 1_111_711);
    assert_eq!(info["salt"], 1);
    assert_eq!(info["expired"], false);
    let services = info["services"].as_array().unwrap();
    assert_eq!(services.len(), 1);
    assert_eq!(services[0]["type"], 1);
    assert_eq!(services[0]["typeName"], "rtc");
    assert_eq!(services[0]["fields"]["channelName"], CHANNEL);
    assert_eq!(services[0]["fields"]["uid"], "2882341273");
    let privileges: Vec<(&str, u64, u64)> = services[0]["privileges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["name"].as_str().unwrap(),
                p["seconds"].as_u64().unwrap(),
                p["expiresAt"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        privileges,
        [
            ("joinChannel", 600, 1_111_711),
            ("publishAudioStream", 600, 1_111_711),
            ("publishVideoStream", 600, 1_111_711),
            ("publishDataStream", 600, 1_111_711),
        ]
    );
    let later: Value =
        serde_json::from_str(&ok(&run(&["inspect", &token, "--now", "1111711"]))).unwrap();
    assert_eq!(later["expired"], true);
    assert_eq!(later["warnings"][0], "EXPIRED");
}

#[test]
fn inspect_006_shows_the_crcs() {
    let expected = vectors()
        .into_iter()
        .find(|v| v["id"] == "006-rtc-uid-publisher")
        .unwrap();
    let token = expected["expected"].as_str().unwrap();
    let info: Value = serde_json::from_str(&ok(&run(&["inspect", token, "--now", "1"]))).unwrap();
    assert_eq!(info["version"], "006");
    assert_eq!(info["appId"], APP_ID);
    assert_eq!(info["salt"], 1);
    assert_eq!(info["ts"], 1_111_111);
    assert_eq!(info["expiresAt"], 1_446_455_471_u64);
    assert_eq!(info["crcChannelName"], crc32fast::hash(CHANNEL.as_bytes()));
    assert_eq!(info["crcUid"], crc32fast::hash(b"2882341273"));
    let names: Vec<&str> = info["services"][0]["privileges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "joinChannel",
            "publishAudioStream",
            "publishVideoStream",
            "publishDataStream"
        ]
    );
}

fn verify(args: &[&str]) -> (Option<i32>, Value) {
    let out = run(args);
    assert!(out.stderr.is_empty(), "{}", stderr(&out));
    assert!(
        !stdout(&out).contains(CERT),
        "the certificate is never printed"
    );
    (
        out.status.code(),
        serde_json::from_str(&stdout(&out)).unwrap(),
    )
}

#[test]
fn verify_exit_codes_and_reasons() {
    let token = build_007_rtc(&["--role", "subscriber", "--expires-in", "600"]);
    let now = ["--now", "1111200"];
    let with = |extra: &[&str]| {
        let mut a = vec!["verify", token.as_str()];
        a.extend_from_slice(extra);
        a.extend_from_slice(&now);
        verify(&a)
    };
    let (code, v) = with(&["--app-certificate", CERT]);
    assert_eq!(
        (code, &v["valid"], &v["signatureValid"]),
        (Some(0), &Value::Bool(true), &Value::Bool(true))
    );
    let (code, v) = with(&["--app-certificate", OTHER_CERT]);
    assert_eq!(
        (code, v["reason"].as_str()),
        (Some(1), Some("SIGNATURE_MISMATCH"))
    );
    assert_eq!(v["signatureValid"], false);
    // A certificate rotation: either certificate, and which one signed.
    let (code, v) = with(&[
        "--app-certificate",
        OTHER_CERT,
        "--secondary-certificate",
        CERT,
    ]);
    assert_eq!(
        (code, &v["valid"], &v["certificate"]),
        (Some(0), &Value::Bool(true), &Value::from(1))
    );
    let (code, v) = with(&[
        "--app-certificate",
        CERT,
        "--secondary-certificate",
        OTHER_CERT,
    ]);
    assert_eq!((code, &v["certificate"]), (Some(0), &Value::from(0)));
    let (code, v) = with(&[
        "--app-certificate",
        CERT,
        "--channel",
        CHANNEL,
        "--uid",
        "2882341273",
    ]);
    assert_eq!(code, Some(0), "{v}");
    let (code, v) = with(&[
        "--app-certificate",
        CERT,
        "--channel",
        "other",
        "--uid",
        "2882341273",
    ]);
    assert_eq!(
        (code, v["reason"].as_str()),
        (Some(1), Some("CHANNEL_MISMATCH"))
    );
    let (code, v) = with(&[
        "--app-certificate",
        CERT,
        "--channel",
        CHANNEL,
        "--account",
        "someone",
    ]);
    assert_eq!(
        (code, v["reason"].as_str()),
        (Some(1), Some("UID_MISMATCH"))
    );
    let (code, v) = verify(&[
        "verify",
        &token,
        "--app-certificate",
        CERT,
        "--now",
        "1111711",
    ]);
    assert_eq!(
        (code, v["reason"].as_str(), &v["signatureValid"]),
        (Some(1), Some("EXPIRED"), &Value::Bool(true))
    );
    let (code, v) = verify(&[
        "verify",
        &token,
        "--app-certificate",
        CERT,
        "--app-id",
        "00000000000000000000000000000000",
    ]);
    assert_eq!(
        (code, v["reason"].as_str()),
        (Some(1), Some("APP_ID_MISMATCH"))
    );
    // The certificate may also come from the environment.
    let out = run_env(&["verify", &token, "--now", "1111200"], &creds_env());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn verify_006_needs_channel_and_uid() {
    let token = ok(&run_env(
        &[
            "rtc",
            "--channel",
            CHANNEL,
            "--account",
            "0",
            "--role",
            "subscriber",
            "--expires-in",
            "600",
            "--version",
            "006",
        ],
        &creds_env(),
    ));
    assert!(token.starts_with("006"));
    let base = [
        "verify",
        token.as_str(),
        "--app-certificate",
        CERT,
        "--now",
        "1",
    ];
    let with = |extra: &[&str]| verify(&[&base[..], extra].concat());
    let (code, v) = with(&[]);
    assert_eq!(
        (code, v["reason"].as_str()),
        (Some(1), Some("CHANNEL_AND_UID_REQUIRED"))
    );
    assert_eq!(with(&["--channel", CHANNEL, "--account", "0"]).0, Some(0));
    // The account "0" is not uid 0, the wildcard.
    let (code, v) = with(&["--channel", CHANNEL, "--uid", "0"]);
    assert_eq!(
        (code, v["reason"].as_str()),
        (Some(1), Some("UID_MISMATCH"))
    );
    let (code, v) = verify(&[
        "verify",
        &token,
        "--app-certificate",
        OTHER_CERT,
        "--now",
        "1",
        "--channel",
        CHANNEL,
        "--account",
        "0",
    ]);
    assert_eq!(
        (code, v["reason"].as_str()),
        (Some(1), Some("SIGNATURE_MISMATCH"))
    );

    let rtm = ok(&run_env(
        &[
            "rtm",
            "--user-id",
            "test_user",
            "--expires-in",
            "600",
            "--version",
            "006",
        ],
        &creds_env(),
    ));
    assert_eq!(
        verify(&[
            "verify",
            &rtm,
            "--app-certificate",
            CERT,
            "--now",
            "1",
            "--user-id",
            "test_user"
        ])
        .0,
        Some(0)
    );
    let (code, v) = verify(&[
        "verify",
        &rtm,
        "--app-certificate",
        CERT,
        "--now",
        "1",
        "--user-id",
        "someone",
    ]);
    assert_eq!(
        (code, v["reason"].as_str()),
        (Some(1), Some("USER_ID_MISMATCH"))
    );
    // 006 keeps only the CRC-32 of the user id: the mismatch says so, with no found value.
    assert_eq!(v["mismatches"][0]["field"], "userId");
    assert_eq!(v["mismatches"][0]["expected"], "someone");
    assert!(v["mismatches"][0].get("found").is_none(), "{v}");
    assert!(v["warnings"]
        .as_array()
        .unwrap()
        .contains(&Value::from("IDENTITY_MISMATCH")));
}

#[test]
fn verify_007_rtm_user_id() {
    let rtm = ok(&run_env(
        &["rtm", "--user-id", "test_user", "--expires-in", "600"],
        &creds_env(),
    ));
    let base = ["verify", rtm.as_str(), "--app-certificate", CERT];
    assert_eq!(
        verify(&[&base[..], &["--user-id", "test_user"]].concat()).0,
        Some(0)
    );
    let (code, v) = verify(&[&base[..], &["--user-id", "someone"]].concat());
    assert_eq!(
        (code, v["reason"].as_str()),
        (Some(1), Some("USER_ID_MISMATCH"))
    );
    assert_eq!(
        v["mismatches"][0]["message"],
        "The rtm service is for user id \"test_user\", but the client logs in as \"someone\"."
    );
    // An RTM token names no channel: a channel is a mismatch, not ignored.
    let (code, v) = verify(&[&base[..], &["--channel", "c"]].concat());
    assert_eq!(
        (code, v["reason"].as_str()),
        (Some(1), Some("CHANNEL_MISMATCH"))
    );
}

#[test]
fn verify_leeway_and_apaas_room() {
    let issued = "1700000000";
    let rtm = ok(&run_env(
        &[
            "rtm",
            "--user-id",
            "u",
            "--expires-in",
            "600",
            "--issued-at",
            issued,
        ],
        &creds_env(),
    ));
    let at = |now: &str, extra: &[&str]| {
        let mut a = vec![
            "verify",
            rtm.as_str(),
            "--app-certificate",
            CERT,
            "--now",
            now,
        ];
        a.extend_from_slice(extra);
        verify(&a)
    };
    assert_eq!(at("1700000599", &[]).0, Some(0));
    let (code, v) = at("1700000600", &[]);
    assert_eq!((code, v["reason"].as_str()), (Some(1), Some("EXPIRED")));
    assert_eq!(at("1700000629", &["--leeway", "30"]).0, Some(0));
    let (code, v) = at("1700000630", &["--leeway", "30"]);
    assert_eq!((code, v["reason"].as_str()), (Some(1), Some("EXPIRED")));
    // The token has no APaaS service: a room is a mismatch.
    let (code, v) = at("1700000000", &["--room-uuid", "r"]);
    assert_eq!(
        (code, v["reason"].as_str()),
        (Some(1), Some("ROOM_MISMATCH"))
    );
    bad(
        &run(&[
            "verify",
            rtm.as_str(),
            "--app-certificate",
            CERT,
            "--leeway",
            "x",
        ]),
        "--leeway",
        "INVALID_EXPIRY",
    );
}

#[test]
fn verify_malformed_token_is_refused() {
    let (code, v) = verify(&["verify", "007eJxgarbage", "--app-certificate", CERT]);
    assert_eq!(
        (code, v["reason"].as_str(), v["valid"].as_bool()),
        (Some(1), Some("MALFORMED"), Some(false))
    );
}

#[test]
fn defaults_fill_time_and_salt() {
    let args = [
        "rtc",
        "--channel",
        "c",
        "--uid",
        "1",
        "--role",
        "publisher",
        "--expires-in",
        "60",
    ];
    let (a, b) = (
        ok(&run_env(&args, &creds_env())),
        ok(&run_env(&args, &creds_env())),
    );
    assert_ne!(a, b, "fresh salt per token");
    let info: Value = serde_json::from_str(&ok(&run(&["inspect", &a]))).unwrap();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let issued = info["issuedAt"].as_u64().unwrap();
    assert!(
        issued <= now && now - issued < 60,
        "issuedAt {issued}, now {now}"
    );
    let salt = info["salt"].as_u64().unwrap();
    assert!((1..=99_999_999).contains(&salt), "{salt}");
}

#[test]
fn bad_input_is_one_line_with_a_code() {
    let e = creds_env();
    let rtc = |extra: &[&str]| {
        let mut a = vec![
            "rtc",
            "--channel",
            "c",
            "--role",
            "publisher",
            "--expires-in",
            "60",
        ];
        a.extend_from_slice(extra);
        run_env(&a, &e)
    };
    let err = bad(&rtc(&["--uid", "4294967296"]), "--uid", "INVALID_UID");
    assert!(err.contains("4294967295"), "{err}");
    bad(&rtc(&["--uid", "-1"]), "--uid", "INVALID_UID");
    bad(&rtc(&["--uid", "1.5"]), "--uid", "INVALID_UID");
    bad(&rtc(&["--account", ""]), "--account", "INVALID_FIELD");
    bad(
        &rtc(&["--account", &"x".repeat(256)]),
        "--account",
        "FIELD_TOO_LONG",
    );
    bad(
        &rtc(&["--uid", "1", "--salt", "0"]),
        "--salt",
        "INVALID_SALT",
    );
    bad(
        &rtc(&["--uid", "1", "--salt", "100000000"]),
        "--salt",
        "INVALID_SALT",
    );
    bad(
        &rtc(&["--uid", "1", "--version", "008"]),
        "--version",
        "UNSUPPORTED_VERSION",
    );
    bad(
        &rtc(&["--uid", "1", "--issued-at", "4294967296"]),
        "--issued-at",
        "INVALID_EXPIRY",
    );
    let args = |channel: &str, role: &str, expiry: [&str; 2]| {
        run_env(
            &[
                "rtc",
                "--channel",
                channel,
                "--uid",
                "1",
                "--role",
                role,
                expiry[0],
                expiry[1],
            ],
            &e,
        )
    };
    bad(
        &args("a/b", "publisher", ["--expires-in", "60"]),
        "--channel",
        "INVALID_CHANNEL_NAME",
    );
    bad(
        &args(&"c".repeat(65), "publisher", ["--expires-in", "60"]),
        "--channel",
        "FIELD_TOO_LONG",
    );
    bad(
        &args("c", "admin", ["--expires-in", "60"]),
        "--role",
        "INVALID_ROLE",
    );
    let err = bad(
        &args("c", "publisher", ["--expires-in", "1700000000"]),
        "--expires-in",
        "INVALID_EXPIRY",
    );
    assert!(err.contains("expiresAt"), "points to --expires-at: {err}");
    bad(
        &args("c", "publisher", ["--expires-at", "1000"]),
        "--expires-at",
        "INVALID_EXPIRY",
    );
    bad(
        &run_env(
            &["rtm", "--user-id", &"u".repeat(65), "--expires-in", "60"],
            &e,
        ),
        "--user-id",
        "FIELD_TOO_LONG",
    );
    bad(&run(&["inspect", "008abc"]), "token", "UNSUPPORTED_VERSION");
    bad(&run(&["inspect", "007!!!"]), "token", "INVALID_BASE64");
    bad(
        &run(&["inspect", "006970CA35de60c44645bbae8a215061b33IAAA"]),
        "token",
        "TRUNCATED_TOKEN",
    );
    // Usage errors from the argument parser are one line too.
    bad(
        &run_env(&["rtc", "--channel", "c", "--role", "publisher"], &e),
        "arguments",
        "INVALID_ARGUMENTS",
    );
    bad(
        &run_env(
            &[
                "rtc",
                "--channel",
                "c",
                "--uid",
                "1",
                "--account",
                "a",
                "--role",
                "publisher",
                "--expires-in",
                "1",
            ],
            &e,
        ),
        "arguments",
        "INVALID_ARGUMENTS",
    );
    bad(&run(&[]), "arguments", "INVALID_ARGUMENTS");
    bad(&run(&["frobnicate"]), "arguments", "INVALID_ARGUMENTS");
}

#[test]
fn credentials_are_required_and_never_printed() {
    let rtc = [
        "rtc",
        "--channel",
        "c",
        "--uid",
        "1",
        "--role",
        "publisher",
        "--expires-in",
        "60",
    ];
    let err = bad(&run(&rtc), "--app-id", "INVALID_APP_ID");
    assert!(err.contains("AGORA_APP_ID"), "{err}");
    let err = bad(
        &run_env(&rtc, &[("AGORA_APP_ID", APP_ID)]),
        "--app-certificate",
        "INVALID_APP_CERTIFICATE",
    );
    assert!(err.contains("AGORA_APP_CERTIFICATE"), "{err}");
    // A certificate one character off the rule, and one given where no argument is expected.
    let almost = &CERT[..31];
    let out = run_env(
        &rtc,
        &[("AGORA_APP_ID", APP_ID), ("AGORA_APP_CERTIFICATE", almost)],
    );
    let err = bad(&out, "--app-certificate", "INVALID_APP_CERTIFICATE");
    assert!(!err.contains(almost), "{err}");
    let token = build_007_rtc(&["--role", "publisher", "--expires-in", "60"]);
    bad(
        &run(&["verify", &token, CERT]),
        "arguments",
        "INVALID_ARGUMENTS",
    );
    bad(
        &run(&["rtc", "--channel", "c", "--uid", "1", CERT]),
        "arguments",
        "INVALID_ARGUMENTS",
    );
    // Help shows that the variable exists, never its value.
    let help = run_env(&["rtc", "--help"], &creds_env());
    assert_eq!(help.status.code(), Some(0));
    assert!(stdout(&help).contains("AGORA_APP_CERTIFICATE") && !stdout(&help).contains(CERT));
}
