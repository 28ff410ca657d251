//! The conformance table (`tests/conformance/table.json`) through the Worker's handler,
//! natively (the `Local` platform, its clock and salt pinned to the row's): `POST /getToken`
//! in agora-token-service's JSON and `POST /inspect` (surface `worker`), and the GET routes `/rtc/…` and `/rtm/…`
//! (surface `worker-get`). Each row's outcome goes to `target/conformance/worker.json` and
//! `worker-get.json` for `tests/conformance/matrix.mjs`, which compares and prints.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::path::PathBuf;

use agora_token_worker::native::Local;
use agora_token_worker::Vars;
use common::{answer, with_request};
use serde_json::{json, Map, Value};

/// The `/getToken` body of a row, or why it cannot be written.
fn body(row: &Value, issued_at: u64) -> Result<Value, String> {
    let a = &row["args"];
    let role = match &a["role"] {
        v if v == 1 => "publisher",
        v if v == 2 => "subscriber",
        _ if row["op"].as_str().is_some_and(|op| op.starts_with("rtm")) => "",
        _ => return Err("role is a name there".into()),
    };
    let user = |k: &str| a[k].clone();
    match row["op"].as_str().unwrap() {
        "rtc006" => {
            let ts = a["privilegeExpiredTs"].as_u64().unwrap_or(0);
            let expire = ts
                .checked_sub(issued_at)
                .filter(|e| *e > 0)
                .ok_or("expire is seconds after the issue time")?;
            let uid = user(if row["by"] == "uid" { "uid" } else { "account" });
            Ok(
                json!({"tokenType": "rtc", "version": "006", "channel": a["channelName"], "uid": uid, "role": role, "expire": expire}),
            )
        }
        "rtc007" => {
            if a["tokenExpire"] != a["privilegeExpire"] {
                return Err("its privileges last as long as the token".into());
            }
            let uid = user(if row["by"] == "uid" { "uid" } else { "account" });
            Ok(
                json!({"tokenType": "rtc", "channel": a["channelName"], "uid": uid, "role": role, "expire": a["tokenExpire"]}),
            )
        }
        "rtm006" => {
            let ts = a["privilegeExpiredTs"].as_u64().unwrap_or(0);
            let expire = ts
                .checked_sub(issued_at)
                .filter(|e| *e > 0)
                .ok_or("expire is seconds after the issue time")?;
            Ok(
                json!({"tokenType": "rtm", "version": "006", "uid": a["userAccount"], "expire": expire}),
            )
        }
        "rtm007" => Ok(json!({"tokenType": "rtm", "uid": a["userId"], "expire": a["expire"]})),
        op => Err(format!("no /getToken request for {op}")),
    }
}

/// The GET route of a row (`/rtc/:channel/:role/:tokentype/:uid/` or `/rtm/:uid/`, with
/// `?expiry=` and `version`), or why it cannot be written.
fn route(row: &Value, b: &Value) -> Result<String, String> {
    let text = |v: &Value| match v {
        Value::String(s) => Ok(escape(s)),
        Value::Number(n) if n.is_u64() || n.is_i64() => Ok(n.to_string()),
        _ => Err("a path segment is text".to_owned()),
    };
    let mut query = format!("expiry={}", text(&b["expire"])?);
    if b["version"] == "006" {
        query.push_str("&version=006");
    }
    if b["tokenType"] == "rtm" {
        return Ok(format!("/rtm/{}/?{query}", text(&b["uid"])?));
    }
    let kind = if row["by"] == "uid" {
        "uid"
    } else {
        "userAccount"
    };
    let (channel, role, uid) = (text(&b["channel"])?, text(&b["role"])?, text(&b["uid"])?);
    Ok(format!("/rtc/{channel}/{role}/{kind}/{uid}/?{query}"))
}

/// Percent-encodes a path segment (every byte but unreserved ASCII).
fn escape(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The token or the coded refusal (`{"error": {"code", "message": "field: rule"}}`).
fn call(vars: &Vars, platform: &Local, method: &str, target: &str, body: &[u8]) -> Value {
    let headers: &[(&str, &str)] = if method == "POST" {
        &[("Content-Type", "application/json")]
    } else {
        &[]
    };
    let r = with_request(method, target, headers, body, |req| {
        answer(vars, platform, req)
    });
    let v: Value = serde_json::from_str(&r.body).unwrap();
    if r.status == 200 {
        let token = ["token", "rtcToken", "rtmToken"]
            .iter()
            .find_map(|k| v.get(*k));
        return json!({ "token": token });
    }
    let message = v["error"]["message"].as_str().unwrap_or("");
    json!({"error": {"code": v["error"]["code"], "field": message.split(": ").next().unwrap_or("")}})
}

fn post(vars: &Vars, platform: &Local, body: &Value) -> Value {
    call(
        vars,
        platform,
        "POST",
        "/getToken",
        body.to_string().as_bytes(),
    )
}

#[test]
fn conformance_table_worker() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let table: Value =
        serde_json::from_str(include_str!("../../tests/conformance/table.json")).unwrap();
    let (mut posts, mut gets) = (Map::new(), Map::new());
    for row in table["rows"].as_array().unwrap() {
        let issue = row.get("issue").unwrap_or(&table["issue"]);
        let (issued_at, salt) = (
            issue["issuedAt"].as_u64().unwrap(),
            issue["salt"].as_u64().unwrap(),
        );
        let cred = |k: &str| {
            row["args"]
                .get(k)
                .unwrap_or(&table["credentials"][k])
                .as_str()
                .unwrap()
                .to_owned()
        };
        let vars = Vars {
            agora_app_id: Some(cred("appId")),
            agora_app_certificate: Some(cred("appCertificate").into()),
            ..Vars::default()
        };
        let platform = || {
            Local::at(u32::try_from(issued_at).unwrap())
                .with_salts(move || u32::try_from(salt).ok())
        };
        let id = row["id"].as_str().unwrap().to_owned();
        let posted = if row["op"] == "inspect" {
            let b = json!({ "token": row["args"]["token"] }).to_string();
            let got = call(&vars, &platform(), "POST", "/inspect", b.as_bytes());
            if got.get("error").is_some() {
                got
            } else {
                json!({ "inspected": true })
            }
        } else {
            match body(row, issued_at) {
                Err(why) => json!({ "unmapped": why }),
                Ok(b) => {
                    let mut got = post(&vars, &platform(), &b);
                    // A row that expects this surface's token for other arguments: that token too.
                    if let Some(same) = row["surfaces"]["worker"]["expect"]["sameAs"].as_object() {
                        let mut other = b.clone();
                        for (k, v) in same {
                            other[k] = v.clone();
                        }
                        got["sameAs"] = post(&vars, &platform(), &other)["token"].clone();
                    }
                    got
                }
            }
        };
        posts.insert(id.clone(), posted);
        let got = match body(row, issued_at).and_then(|b| Ok((route(row, &b)?, b))) {
            Err(why) => json!({ "unmapped": why }),
            Ok((target, b)) => {
                let mut got = call(&vars, &platform(), "GET", &target, b"");
                if let Some(same) = row["surfaces"]["worker-get"]["expect"]["sameAs"].as_object() {
                    let mut other = b.clone();
                    for (k, v) in same {
                        other[k] = v.clone();
                    }
                    let target = route(row, &other).unwrap();
                    got["sameAs"] = call(&vars, &platform(), "GET", &target, b"")["token"].clone();
                }
                got
            }
        };
        gets.insert(id, got);
    }
    let dir =
        std::env::var_os("CONFORMANCE_OUT").map_or(root.join("target/conformance"), PathBuf::from);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("worker.json"),
        serde_json::to_string_pretty(&posts).unwrap(),
    )
    .unwrap();
    std::fs::write(
        dir.join("worker-get.json"),
        serde_json::to_string_pretty(&gets).unwrap(),
    )
    .unwrap();
}
