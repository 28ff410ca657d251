//! The hostile-input catalogue (`catalogue.json`) against the core, and the deflate bombs
//! (`bombs.json`, made with CPython's zlib) against `inspect` and `verify`.
//!
//! Each case maps its input to the core's typed API the way a binding would (a JSON string
//! uid through `parse_uid`, a number through `uid_from_f64`, `$js` numbers as the f64
//! values), and must fail with the catalogue's code, or succeed where it says `OK`. Cases
//! the typed API cannot express say so in the catalogue (`na`).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "catalogue.rs"]
mod catalogue;

use std::str::FromStr;
use std::time::Instant;

use agora_token::validate::{parse_uid, u32_from_f64, uid_from_f64};
use agora_token::{
    build_rtc_token, build_rtm_token, inspect, verify, AppCertificate, Credentials, ErrorKind,
    Expected, Expiry, Field, Issue, Reason, RtcOptions, RtcRole, RtcUser, RtmOptions, Version,
};
use catalogue::{bytes, cases, expected, js_marker, js_number, text};
use serde_json::Value;

const APP_ID: &str = "970CA35de60c44645bbae8a215061b33";
const CERT: &str = "5CFd2fd1755d40ecb72977518be15d3b";
const NOW: u32 = 1_700_000_000;

/// A JS-style number: a JSON number or a `$js` marker.
fn number(v: &Value) -> Option<f64> {
    v.as_f64().or_else(|| js_marker(v).and_then(js_number))
}

fn expiry(input: &Value) -> agora_token::Result<Expiry> {
    if let Some(v) = input.get("expiresIn") {
        let n = number(v).expect("expiresIn: a number");
        return Ok(Expiry::In(u32_from_f64(
            Field::ExpiresIn,
            ErrorKind::InvalidExpiry,
            n,
        )?));
    }
    if let Some(v) = input.get("expiresAt") {
        let n = number(v).expect("expiresAt: a number");
        return Ok(Expiry::At(u32_from_f64(
            Field::ExpiresAt,
            ErrorKind::InvalidExpiry,
            n,
        )?));
    }
    Ok(Expiry::default())
}

fn creds(input: &Value) -> agora_token::Result<Credentials> {
    let get = |k: &str, d: &str| input.get(k).map_or(d.to_owned(), |v| text(v).expect(k));
    Credentials::new(get("appId", APP_ID), get("appCertificate", CERT))
}

fn run_rtc(input: &Value) -> agora_token::Result<String> {
    let creds = creds(input)?;
    let channel = text(&input["channelName"]).expect("channelName: text");
    let user = match (input.get("uid"), input.get("account")) {
        (Some(Value::String(s)), None) => RtcUser::Uid(parse_uid(Field::Uid, s)?),
        (Some(v), None) => RtcUser::Uid(uid_from_f64(Field::Uid, number(v).expect("uid"))?),
        (None, Some(a)) => RtcUser::Account(text(a).expect("account")),
        _ => panic!("uid or account"),
    };
    let mut o = RtcOptions::new(channel, user);
    if let Some(r) = input.get("role") {
        o.role = RtcRole::from_str(r.as_str().expect("role"))?;
    }
    if let Some(v) = input.get("version") {
        o.version = Version::from_str(v.as_str().expect("version"))?;
    }
    o.expiry = expiry(input)?;
    o.issue = Some(Issue::at(NOW, 1));
    build_rtc_token(&creds, &o)
}

fn run_rtm(input: &Value) -> agora_token::Result<String> {
    let creds = creds(input)?;
    let mut o = RtmOptions::new(text(&input["userId"]).expect("userId"));
    if let Some(v) = input.get("version") {
        o.version = Version::from_str(v.as_str().expect("version"))?;
    }
    o.expiry = expiry(input)?;
    o.issue = Some(Issue::at(NOW, 1));
    build_rtm_token(&creds, &o)
}

/// `inspect` fails with a code; `verify` must refuse the same token as malformed, with the
/// same code.
fn run_inspect(input: &Value) -> agora_token::Result<String> {
    let token = text(&input["token"]).expect("token: text");
    let result = inspect(&token, Some(NOW));
    let v = verify(&token, &AppCertificate::new(CERT)?, &Expected::default());
    match &result {
        Ok(_) => assert_ne!(v.reason, Some(Reason::Malformed)),
        Err(e) => {
            assert_eq!(v.reason, Some(Reason::Malformed), "verify of {token:.60}");
            assert_eq!(v.code, Some(e.code()), "verify's code");
            assert!(!v.valid);
        }
    }
    result.map(|i| i.version.to_owned())
}

#[test]
fn catalogue_against_the_core() {
    let cases = cases();
    assert!(cases.len() >= 40, "the catalogue has {} cases", cases.len());
    let (mut ran, mut skipped) = (0, 0);
    let mut failures = Vec::new();
    for case in &cases {
        let id = case["id"].as_str().unwrap();
        let Some(want) = expected(case, "core") else {
            skipped += 1;
            continue;
        };
        let input = &case["input"];
        let got = match case["op"].as_str().unwrap() {
            "rtc" => run_rtc(input),
            "rtm" => run_rtm(input),
            "inspect" => run_inspect(input),
            "http" => panic!("{id}: an http case must be na for the core"),
            other => panic!("{id}: unknown op {other}"),
        };
        ran += 1;
        let got = match &got {
            Ok(_) => "OK".to_owned(),
            Err(e) => {
                // Messages name the field and never echo the input.
                assert!(!e.to_string().contains(CERT), "{id}: {e}");
                e.code().to_owned()
            }
        };
        if want.as_str() != Some(got.as_str()) {
            failures.push(format!("{id}: expected {want}, got {got}"));
        }
    }
    println!("[hostile/core] {ran} cases run, {skipped} not applicable to the core");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The peak resident set of this process (VmHWM), in KiB.
fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}

#[test]
fn deflate_bombs_against_inspect_and_verify() {
    let cert = AppCertificate::new(CERT).unwrap();
    let bombs = catalogue::bombs();
    assert_eq!(bombs.len(), 5);
    let before = peak_rss_kib();
    for (id, inflated, token) in &bombs {
        let base = peak_rss_kib();
        let t = Instant::now();
        let e = inspect(token, Some(NOW)).unwrap_err();
        let inspect_ms = t.elapsed().as_secs_f64() * 1e3;
        assert_eq!(e.code(), "PAYLOAD_TOO_LARGE", "{id}");
        let t = Instant::now();
        let v = verify(token, &cert, &Expected::default());
        let verify_ms = t.elapsed().as_secs_f64() * 1e3;
        assert_eq!(
            (v.reason, v.code),
            (Some(Reason::Malformed), Some("PAYLOAD_TOO_LARGE"))
        );
        let grew = peak_rss_kib().saturating_sub(base);
        println!(
            "[bombs/core] {id}: {} chars → {inflated} bytes inflated; inspect {inspect_ms:.2} ms, verify {verify_ms:.2} ms, peak RSS growth {grew} KiB",
            token.len()
        );
        // Generous bounds (debug build, shared CI machine): the limit is 64 KiB.
        assert!(inspect_ms < 500.0 && verify_ms < 500.0, "{id} too slow");
        assert!(grew < 16 * 1024, "{id}: peak RSS grew by {grew} KiB");
    }
    println!(
        "[bombs/core] peak RSS of the test process: {before} KiB before the bombs, {} KiB after",
        peak_rss_kib()
    );
    // The fixtures are what they say: zlib streams that really inflate to `inflated` bytes
    // (checked last, with an unbounded inflate, so that it does not mask the measurements).
    for (id, inflated, token) in &bombs {
        let z = base64_decode(token.strip_prefix("007").unwrap());
        let full = miniz_oxide::inflate::decompress_to_vec_zlib(&z).unwrap();
        assert_eq!(full.len() as u64, *inflated, "{id}");
    }
}

fn base64_decode(s: &str) -> Vec<u8> {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.decode(s).unwrap()
}

#[test]
fn markers_resolve() {
    let v: Value = serde_json::json!({"$concat": ["a", {"$repeat": ["b", 3]}, {"$hex": "ff"}]});
    assert_eq!(bytes(&v).unwrap(), b"abbb\xff");
    assert_eq!(text(&v).unwrap(), "abbb\u{fffd}");
}

/// `Debug` of the core's secret-holding types never shows the certificate.
#[test]
fn debug_is_redacted() {
    let creds = Credentials::new(APP_ID, CERT).unwrap();
    for dbg in [
        format!("{creds:?}"),
        format!("{creds:#?}"),
        format!("{:?}", creds.certificate),
        format!("{:?}", AppCertificate::new(CERT.to_lowercase()).unwrap()),
    ] {
        assert!(!dbg.to_lowercase().contains(&CERT.to_lowercase()), "{dbg}");
        assert!(dbg.contains("redacted"), "{dbg}");
    }
    // The app id is not secret, and stays readable.
    assert!(format!("{creds:?}").contains(APP_ID));
}
