//! The conformance table (`table.json`) through the core's Rust API and through the CLI
//! (`agora-token`): each row mapped to that surface's call, its outcome written to
//! `target/conformance/{core,cli}.json` for `matrix.mjs`, which compares and prints.
//!
//! A row the surface cannot express is reported `unmapped` with the reason; the matrix
//! fails unless the table lists it as not expressible.

#![cfg(feature = "cli")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::PathBuf;
use std::process::Command;

use agora_token::builders::{self, RtcRole, RtcUser};
use agora_token::v006::{self, Subject};
use agora_token::v007::{PermissionType, Permissions, ResourceType};
use agora_token::validate::{u32_from_f64, uid_from_f64};
use agora_token::{inspect, issue, Credentials, Error, ErrorKind, Field};
use serde_json::{json, Value};

type Outcome = Result<Value, String>;

fn error(e: &Error, field: &str) -> Value {
    json!({"error": {"code": e.code(), "field": field}})
}

fn core_outcome(r: Result<String, Error>) -> Value {
    match r {
        Ok(token) => json!({ "token": token }),
        Err(e) => error(&e, e.field().js_name()),
    }
}

/// A JSON number as a `u32` field (the core's rule for numbers given from outside).
fn num(v: &Value, field: Field, kind: ErrorKind) -> Result<u32, Error> {
    u32_from_f64(field, kind, v.as_f64().unwrap_or(f64::NAN))
}

/// The row through the core's typed API.
fn core(table: &Value, row: &Value) -> Outcome {
    let a = &row["args"];
    let (app_id, cert) = credentials(table, row);
    let pin = pins(table, row);
    let creds = || Credentials::new(app_id.clone(), cert.clone());
    let by_uid = row["by"] == "uid";
    let user = || -> Result<Result<RtcUser, Error>, String> {
        let v = if by_uid { &a["uid"] } else { &a["account"] };
        match v {
            Value::String(s) if by_uid => Ok(RtcUser::from_uid_text(Field::Uid, s)),
            Value::String(s) => Ok(RtcUser::account(Field::Account, s)),
            Value::Number(n) if n.is_i64() || n.is_u64() => {
                Ok(uid_from_f64(Field::Uid, n.as_f64().unwrap()).map(RtcUser::Uid))
            }
            _ => Err("a uid is a u32 in Rust".into()),
        }
    };
    let role_id = || {
        a["role"]
            .as_i64()
            .ok_or("a role is an integer in Rust".to_owned())
    };
    let run = |f: &dyn Fn() -> Result<String, Error>| Ok(core_outcome(f()));
    match row["op"].as_str().unwrap() {
        "rtc006" => {
            let (user, role) = (user()?, role_id()?);
            run(&|| {
                let issue = issue(Some(pin.0), Some(pin.1))?;
                let user = user.clone()?;
                let subject = match &user {
                    RtcUser::Uid(n) => Subject::Uid(*n),
                    RtcUser::Account(s) => Subject::Account(s),
                };
                let ts = num(
                    &a["privilegeExpiredTs"],
                    Field::PrivilegeExpiredTs,
                    ErrorKind::InvalidExpiry,
                )?;
                v006::build_rtc(
                    &creds()?,
                    &v006::RtcParams {
                        channel_name: a["channelName"].as_str().unwrap(),
                        subject,
                        role: v006::Role::from_id(role)?,
                        privilege_expired_ts: ts,
                        salt: issue.salt,
                        ts: v006::ts_for(issue.issue_ts)?,
                    },
                )
            })
        }
        "rtm006" => run(&|| {
            let issue = issue(Some(pin.0), Some(pin.1))?;
            let ts = num(
                &a["privilegeExpiredTs"],
                Field::PrivilegeExpiredTs,
                ErrorKind::InvalidExpiry,
            )?;
            v006::build_rtm(
                &creds()?,
                &v006::RtmParams {
                    user_id: a["userAccount"].as_str().unwrap(),
                    privilege_expired_ts: ts,
                    salt: issue.salt,
                    ts: v006::ts_for(issue.issue_ts)?,
                },
            )
        }),
        "rtc007" => {
            let (user, role) = (user()?, role_id()?);
            run(&|| {
                let te = num(
                    &a["tokenExpire"],
                    Field::TokenExpire,
                    ErrorKind::InvalidExpiry,
                )?;
                let pe = num(
                    &a["privilegeExpire"],
                    Field::PrivilegeExpire,
                    ErrorKind::InvalidExpiry,
                )?;
                let role = RtcRole::from_id(role)?;
                let issue = issue(Some(pin.0), Some(pin.1))?;
                builders::rtc(
                    issue,
                    a["channelName"].as_str().unwrap(),
                    &user.clone()?,
                    role,
                    te,
                    pe,
                )
                .build(&creds()?)
            })
        }
        "rtm007" => run(&|| {
            let e = num(&a["expire"], Field::Expire, ErrorKind::InvalidExpiry)?;
            builders::rtm(
                issue(Some(pin.0), Some(pin.1))?,
                a["userId"].as_str().unwrap(),
                e,
            )
            .build(&creds()?)
        }),
        "rtm2" => {
            let mut p = Permissions::new();
            for t in a["permissions"].as_array().unwrap() {
                let id = |v: &Value| u16::try_from(v.as_u64().unwrap()).unwrap();
                let r = ResourceType::from_id(id(&t[0])).ok_or("ResourceType has no such value")?;
                let q =
                    PermissionType::from_id(id(&t[1])).ok_or("PermissionType has no such value")?;
                let names = t[2]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|n| n.as_str().unwrap().to_owned());
                p.add_resource(r);
                p.set(r, q, names.collect());
            }
            run(&|| {
                let e = num(&a["expire"], Field::Expire, ErrorKind::InvalidExpiry)?;
                builders::rtm_with_permissions(
                    issue(Some(pin.0), Some(pin.1))?,
                    a["userId"].as_str().unwrap(),
                    p.clone(),
                    e,
                )
                .build(&creds()?)
            })
        }
        "inspect" => Ok(match inspect(a["token"].as_str().unwrap(), None) {
            Ok(_) => json!({"inspected": true}),
            Err(e) => error(&e, e.field().js_name()),
        }),
        op => Err(format!("no mapping for {op}")),
    }
}

/// The row through the CLI: its options, and its `error: --flag: rule (CODE)` line.
fn cli(table: &Value, row: &Value) -> Outcome {
    let a = &row["args"];
    let (app_id, cert) = credentials(table, row);
    let pin = pins(table, row);
    let text = |v: &Value| match v {
        Value::String(s) => Ok(s.clone()),
        Value::Number(n) if n.is_i64() || n.is_u64() => Ok(n.to_string()),
        _ => Err("an argument is text".to_owned()),
    };
    let role = || match &a["role"] {
        v if v == 1 => Ok("publisher"),
        v if v == 2 => Ok("subscriber"),
        _ => Err("--role is publisher or subscriber".to_owned()),
    };
    let mut args: Vec<String> = Vec::new();
    let mut opt = |k: &str, v: String| {
        args.push(if k.is_empty() { v } else { format!("{k}={v}") });
    };
    match row["op"].as_str().unwrap() {
        op @ ("rtc006" | "rtc007") => {
            opt("", "rtc".into());
            opt("--channel", text(&a["channelName"])?);
            if row["by"] == "uid" {
                opt("--uid", text(&a["uid"])?)
            } else {
                opt("--account", text(&a["account"])?)
            }
            opt("--role", role()?.to_owned());
            if op == "rtc006" {
                opt("--version", "006".into());
                opt("--expires-at", text(&a["privilegeExpiredTs"])?);
            } else {
                if a["tokenExpire"] != a["privilegeExpire"] {
                    return Err("its privileges last as long as the token".into());
                }
                opt("--expires-in", text(&a["tokenExpire"])?);
            }
        }
        op @ ("rtm006" | "rtm007") => {
            opt("", "rtm".into());
            if op == "rtm006" {
                opt("--user-id", text(&a["userAccount"])?);
                opt("--version", "006".into());
                opt("--expires-at", text(&a["privilegeExpiredTs"])?);
            } else {
                opt("--user-id", text(&a["userId"])?);
                opt("--expires-in", text(&a["expire"])?);
            }
        }
        "inspect" => {
            let out = Command::new(env!("CARGO_BIN_EXE_agora-token"))
                .args(["inspect", "--", a["token"].as_str().unwrap()])
                .output()
                .unwrap();
            return Ok(cli_outcome(&out, true));
        }
        op => return Err(format!("no CLI command for {op}")),
    }
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_agora-token"));
    cmd.env_clear()
        .args(&args)
        .arg(format!("--app-id={app_id}"))
        .arg(format!("--app-certificate={cert}"))
        .arg(format!("--issued-at={}", pin.0))
        .arg(format!("--salt={}", pin.1));
    Ok(cli_outcome(&cmd.output().unwrap(), false))
}

fn cli_outcome(out: &std::process::Output, inspecting: bool) -> Value {
    let stdout = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    let stderr = String::from_utf8_lossy(&out.stderr);
    if out.status.success() {
        return if inspecting {
            json!({"inspected": true})
        } else {
            json!({ "token": stdout })
        };
    }
    // `error: --option: rule (CODE)`
    let line = stderr
        .lines()
        .find(|l| l.starts_with("error: "))
        .unwrap_or("");
    let body = line.trim_start_matches("error: ");
    let field = body.split(": ").next().unwrap_or("");
    let code = body
        .rsplit_once('(')
        .map_or("", |(_, c)| c.trim_end_matches(')'));
    json!({"error": {"code": code, "field": field}})
}

fn credentials(table: &Value, row: &Value) -> (String, String) {
    let get = |k: &str| {
        row["args"]
            .get(k)
            .unwrap_or(&table["credentials"][k])
            .as_str()
            .unwrap()
            .to_owned()
    };
    (get("appId"), get("appCertificate"))
}

fn pins(table: &Value, row: &Value) -> (u32, u32) {
    let i = row.get("issue").unwrap_or(&table["issue"]);
    let n = |k: &str| u32::try_from(i[k].as_u64().unwrap()).unwrap();
    (n("issuedAt"), n("salt"))
}

#[test]
fn conformance_table_core_and_cli() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let table: Value = serde_json::from_str(include_str!("table.json")).unwrap();
    let out =
        std::env::var_os("CONFORMANCE_OUT").map_or(root.join("target/conformance"), PathBuf::from);
    std::fs::create_dir_all(&out).unwrap();
    for (surface, driver) in [
        ("core", core as fn(&Value, &Value) -> Outcome),
        ("cli", cli),
    ] {
        let results: serde_json::Map<String, Value> = table["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|row| {
                let outcome = driver(&table, row).unwrap_or_else(|why| json!({ "unmapped": why }));
                (row["id"].as_str().unwrap().to_owned(), outcome)
            })
            .collect();
        std::fs::write(
            out.join(format!("{surface}.json")),
            serde_json::to_string_pretty(&results).unwrap(),
        )
        .unwrap();
    }
}
