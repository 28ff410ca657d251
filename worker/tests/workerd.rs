//! End-to-end tests of the built Worker on Cloudflare's runtime (workerd from npm).
//!
//! One `workerd serve` process hosts the Worker under several configurations, each on its
//! own free 127.0.0.1 port; secrets come in through `fromEnvironment` bindings. Every
//! route and error case is exercised, and every token is decoded and verified with the
//! core. Run by `.ci/test-worker.sh` after `worker/build.sh`:
//!
//! ```sh
//! cargo test -p agora-token-worker --test workerd -- --ignored
//! ```
//!
//! `AGORA_WORKER_BUILD` (default `worker/build`) and `WORKERD_BIN` (default
//! `node_modules/.bin/workerd`) override the paths.

// Test helpers outside #[test] fns: a panic here is a test failure.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::io::Read;
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use agora_token::builders::RtcUser;
use common::*;
use serde_json::{json, Value};

const API_KEY: &str = "test-api-key-0123456789";
const SLACK: u32 = 10;

/// The server configurations: name and extra bindings (besides the app id).
fn configs() -> Vec<(&'static str, String)> {
    let cert =
        r#"(name = "AGORA_APP_CERTIFICATE", fromEnvironment = "TEST_AGORA_APP_CERTIFICATE"),"#;
    vec![
        ("open", cert.to_owned()),
        (
            "locked",
            format!(
                r#"{cert}
    (name = "TOKEN_API_KEY", fromEnvironment = "TEST_TOKEN_API_KEY"),
    (name = "CORS_ALLOW_ORIGIN", text = "https://app.example, http://localhost:3000"),
    (name = "TOKEN_DEFAULT_EXPIRE", text = "300"),
    (name = "TOKEN_MAX_EXPIRE", text = "600"),"#
            ),
        ),
        (
            "wildcard",
            format!(r#"{cert} (name = "ALLOW_WILDCARD_UID", text = "true"),"#),
        ),
        (
            "hosts",
            format!(
                r#"{cert} (name = "ALLOWED_HOSTS", text = "127.0.0.1:{{PORT}}, localhost:{{PORT}}"),"#
            ),
        ),
        ("nocert", String::new()),
        (
            "badcert",
            r#"(name = "AGORA_APP_CERTIFICATE", fromEnvironment = "TEST_BAD_CERTIFICATE"),"#
                .to_owned(),
        ),
    ]
}

/// A running workerd, stopped (by process group) when dropped.
struct Server {
    child: Child,
    ports: Vec<(&'static str, u16)>,
    dir: PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let pgid = format!("-{}", self.child.id());
        let _ = Command::new("kill").args(["-TERM", "--", &pgid]).status();
        let _ = self.child.wait();
        capture("workerd-suite.log", self.log().as_bytes());
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

impl Server {
    fn url(&self, config: &str, path: &str) -> String {
        let port = self
            .ports
            .iter()
            .find(|(n, _)| *n == config)
            .map(|(_, p)| *p)
            .unwrap();
        format!("http://127.0.0.1:{port}{path}")
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn start() -> Server {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let build =
        std::env::var_os("AGORA_WORKER_BUILD").map_or_else(|| root.join("build"), PathBuf::from);
    let workerd = std::env::var_os("WORKERD_BIN")
        .map_or_else(|| root.join("../node_modules/.bin/workerd"), PathBuf::from);
    let dir = std::env::temp_dir().join(format!("agora-worker-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for f in ["index.js", "index_bg.wasm"] {
        std::fs::copy(build.join(f), dir.join(f)).unwrap_or_else(|e| {
            panic!(
                "{}: {e} (build the Worker first: bash worker/build.sh)",
                build.join(f).display()
            )
        });
    }
    let mut services = String::new();
    let mut sockets = String::new();
    let mut workers = String::new();
    let mut ports = Vec::new();
    for (name, bindings) in configs() {
        let port = free_port();
        let bindings = bindings.replace("{PORT}", &port.to_string());
        ports.push((name, port));
        services += &format!("(name = \"{name}\", worker = .{name}),\n");
        sockets += &format!("(name = \"{name}\", address = \"127.0.0.1:{port}\", http = (), service = \"{name}\"),\n");
        workers += &format!(
            r#"const {name} :Workerd.Worker = (
  modules = [
    (name = "index.js", esModule = embed "index.js"),
    (name = "index_bg.wasm", wasm = embed "index_bg.wasm"),
  ],
  compatibilityDate = "2025-09-01",
  bindings = [
    (name = "AGORA_APP_ID", text = "{APP_ID}"),
    {bindings}
  ],
);
"#
        );
    }
    let config = format!(
        "using Workerd = import \"/workerd/workerd.capnp\";\nconst config :Workerd.Config = (\n services = [\n{services}],\n sockets = [\n{sockets}],\n);\n{workers}"
    );
    std::fs::write(dir.join("config.capnp"), config).unwrap();
    let log = std::fs::File::create(dir.join("workerd.log")).unwrap();
    let child = Command::new(&workerd)
        .args(["serve", "config.capnp"])
        .current_dir(&dir)
        .env("TEST_AGORA_APP_CERTIFICATE", cert())
        .env("TEST_TOKEN_API_KEY", API_KEY)
        .env("TEST_BAD_CERTIFICATE", "not-a-certificate")
        .stdout(Stdio::from(log.try_clone().unwrap()))
        .stderr(Stdio::from(log))
        .process_group(0)
        .spawn()
        .unwrap_or_else(|e| panic!("{}: {e}", workerd.display()));
    let server = Server { child, ports, dir };
    let deadline = Instant::now() + Duration::from_secs(20);
    for (_, port) in &server.ports {
        while TcpStream::connect(("127.0.0.1", *port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "workerd did not listen: {}",
                server.log()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
    server
}

impl Server {
    fn log(&self) -> String {
        std::fs::read_to_string(self.dir.join("workerd.log")).unwrap_or_default()
    }
}

struct Resp {
    status: u16,
    headers: Vec<(String, String)>,
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
    fn token(&self, key: &str) -> String {
        assert_eq!(self.status, 200, "{}", self.json);
        assert_eq!(self.header("cache-control"), Some("no-store"));
        self.json[key]
            .as_str()
            .unwrap_or_else(|| panic!("no {key} in {}", self.json))
            .to_owned()
    }
}

fn send(method: &str, url: &str, headers: &[(&str, &str)], body: Option<&[u8]>) -> Resp {
    let agent = ureq::AgentBuilder::new()
        .timeout(Duration::from_secs(10))
        .build();
    let mut req = agent.request(method, url);
    for (k, v) in headers {
        req = req.set(k, v);
    }
    let result = match body {
        Some(b) => req.send_bytes(b),
        None => req.call(),
    };
    let resp = match result {
        Ok(r) | Err(ureq::Error::Status(_, r)) => r,
        Err(e) => panic!("{method} {url}: {e}"),
    };
    let status = resp.status();
    let headers: Vec<(String, String)> = resp
        .headers_names()
        .into_iter()
        .flat_map(|n| {
            resp.all(&n)
                .into_iter()
                .map(|v| (n.clone(), v.to_owned()))
                .collect::<Vec<_>>()
        })
        .collect();
    let mut text = String::new();
    resp.into_reader()
        .take(1 << 20)
        .read_to_string(&mut text)
        .unwrap();
    assert!(!text.contains(cert()), "certificate in a response: {text}");
    assert!(
        headers
            .iter()
            .any(|(n, v)| n.eq_ignore_ascii_case("x-content-type-options") && v == "nosniff"),
        "{method} {url}: no nosniff in {headers:?}"
    );
    assert!(headers.iter().all(|(_, v)| !v.contains(cert())));
    capture(
        "workerd-suite-responses.log",
        format!("{method} {url} -> {status} {headers:?} {text}").as_bytes(),
    );
    let json = if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON: {text}"))
    };
    note_decision(method, url, status, &json);
    if status >= 400 {
        assert!(
            json["error"]["code"].is_string() && json["error"]["message"].is_string(),
            "{json}"
        );
    }
    Resp {
        status,
        headers,
        json,
    }
}

fn post(url: &str, body: &Value) -> Resp {
    send(
        "POST",
        url,
        &[("Content-Type", "application/json")],
        Some(body.to_string().as_bytes()),
    )
}

fn now() -> u32 {
    u32::try_from(
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_secs(),
    )
    .unwrap()
}

fn rtc_want(
    channel: &'static str,
    uid: &'static str,
    privileges: &'static [&'static str],
    expire: u32,
) -> Want007<'static> {
    let fields: &'static [(&'static str, &'static str)] =
        Box::leak(vec![("channelName", channel), ("uid", uid)].into_boxed_slice());
    Want007 {
        services: Box::leak(
            vec![Svc {
                kind: "rtc",
                fields,
                privileges,
            }]
            .into_boxed_slice(),
        ),
        expire,
    }
}

fn rtm_want(user: &'static str, expire: u32) -> Want007<'static> {
    let fields: &'static [(&'static str, &'static str)] =
        Box::leak(vec![("userId", user)].into_boxed_slice());
    Want007 {
        services: Box::leak(
            vec![Svc {
                kind: "rtm",
                fields,
                privileges: &["login"],
            }]
            .into_boxed_slice(),
        ),
        expire,
    }
}

#[test]
#[ignore = "needs the built Worker and workerd: run .ci/test-worker.sh"]
fn worker_on_workerd() {
    let s = start();
    open_server(&s);
    locked_server(&s);
    allowed_hosts(&s);
    wildcard_and_misconfigured(&s);
    // Nothing the server logged may contain the certificate either.
    assert!(!s.log().contains(cert()));
    check_audit_trail(&s.log());
}

/// A decision the suite caused: a request to a token route or `/inspect` (not a preflight),
/// with its answer.
struct Sent {
    method: String,
    route: &'static str,
    status: u16,
    json: Value,
}

static SENT: std::sync::Mutex<Vec<Sent>> = std::sync::Mutex::new(Vec::new());

/// Records `method url -> status json` when it is a token decision.
fn note_decision(method: &str, url: &str, status: u16, json: &Value) {
    let path = url
        .splitn(4, '/')
        .nth(3)
        .map_or("/".to_owned(), |p| format!("/{p}"));
    let path = path.split('?').next().unwrap_or("/");
    let Ok(Some(route)) = agora_token_worker::routes::match_path(path) else {
        return;
    };
    if route.needs_auth() && method != "OPTIONS" {
        SENT.lock().unwrap().push(Sent {
            method: method.to_owned(),
            route: route.name(),
            status,
            json: json.clone(),
        });
    }
}

/// Every decision of the suite wrote exactly one audit line, in order, with the route,
/// method, status and outcome of its answer, the caller, the app id, and for each issued
/// token its service and the lifetime the answer states; no line holds a token or secret.
fn check_audit_trail(log: &str) {
    let lines: Vec<Value> = log
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter(|v| v["audit"] == "agora-token")
        .collect();
    let sent = SENT.lock().unwrap();
    assert_eq!(lines.len(), sent.len(), "one audit line per decision");
    assert!(sent.len() > 50, "{} decisions", sent.len());
    for (line, sent) in lines.iter().zip(sent.iter()) {
        let what = format!("{} {}: {line}", sent.method, sent.route);
        assert_eq!(line["route"], sent.route, "{what}");
        assert_eq!(line["method"], sent.method.as_str(), "{what}");
        assert_eq!(line["status"], sent.status, "{what}");
        let outcome = line["outcome"].as_str().unwrap();
        match sent.status {
            200 if sent.route == "inspect" => assert_eq!(outcome, "inspected", "{what}"),
            200 => {
                assert_eq!(outcome, "issued", "{what}");
                let tokens = line["tokens"].as_array().unwrap();
                assert!(!tokens.is_empty(), "{what}");
                for t in tokens {
                    assert!(["rtc", "rtm", "chat"].contains(&t["service"].as_str().unwrap()));
                    assert_eq!(t["expiresIn"], sent.json["expiresIn"], "{what}");
                    assert_eq!(t["expiresAt"], sent.json["expiresAt"], "{what}");
                }
            }
            _ => assert_eq!(outcome, sent.json["error"]["code"], "{what}"),
        }
        let kind = line["caller"]["kind"].as_str().unwrap();
        assert!(
            ["open", "api-key", "jwt", "unknown"].contains(&kind),
            "{what}"
        );
        if sent.status == 200 {
            assert_ne!(kind, "unknown", "{what}");
            assert_eq!(line["appId"], APP_ID, "{what}");
        }
        for key in ["token", "rtcToken", "rtmToken", "chatToken"] {
            if let Some(token) = sent.json[key].as_str() {
                assert!(
                    !line.to_string().contains(token),
                    "a token in the audit line: {what}"
                );
            }
        }
    }
}

fn open_server(s: &Server) {
    let u = |p: &str| s.url("open", p);
    let r = send("GET", &u("/ping"), &[], None);
    assert_eq!((r.status, &r.json), (200, &json!({"message": "pong"})));

    // The README's command: curl -d sends a form content type.
    let r = send(
        "POST",
        &u("/getToken"),
        &[("Content-Type", "application/x-www-form-urlencoded")],
        Some(br#"{"tokenType":"rtc","channel":"demo","uid":"42","role":"publisher"}"#),
    );
    check_007(
        &r.token("token"),
        &rtc_want("demo", "42", PUBLISHER, 3600),
        now(),
        SLACK,
    );
    let r = post(
        &u("/getToken"),
        &json!({"tokenType":"rtc","channel":"demo","uid":"alice","expire":120}),
    );
    check_007(
        &r.token("token"),
        &rtc_want("demo", "alice", SUBSCRIBER, 120),
        now(),
        SLACK,
    );
    let r = post(
        &u("/getToken"),
        &json!({"tokenType":"rtc","channel":"demo","uid":"42","role":"publisher","version":"006"}),
    );
    check_006(
        &r.token("token"),
        "demo",
        RtcUser::Uid(42),
        PUBLISHER,
        3600,
        now(),
        SLACK,
    );
    let r = post(&u("/getToken"), &json!({"tokenType":"rtm","uid":"alice"}));
    check_007(&r.token("token"), &rtm_want("alice", 3600), now(), SLACK);
    let r = post(
        &u("/getToken"),
        &json!({"tokenType":"rtm","uid":"alice","channel":"s1","expire":60}),
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
                fields: &[("channelName", "s1"), ("uid", "alice")],
                privileges: &["joinChannel", "publishDataStream"],
            },
        ],
        expire: 60,
    };
    check_007(&r.token("token"), &want, now(), SLACK);
    let r = post(&u("/getToken"), &json!({"tokenType":"chat","uid":"alice"}));
    let want = Want007 {
        services: &[Svc {
            kind: "chat",
            fields: &[("userId", "alice")],
            privileges: &["user"],
        }],
        expire: 3600,
    };
    check_007(&r.token("token"), &want, now(), SLACK);
    // A Chat app token: refused while ALLOW_CHAT_APP_TOKEN is false (the default).
    let r = post(&u("/getToken"), &json!({"tokenType":"chat"}));
    assert_eq!((r.status, r.code()), (403, "CHAT_APP_TOKEN_NOT_ALLOWED"));
    let r = send("GET", &u("/chat/app/"), &[], None);
    assert_eq!((r.status, r.code()), (403, "CHAT_APP_TOKEN_NOT_ALLOWED"));
    let r = send("GET", &u("/chat/account/alice/?expiry=60"), &[], None);
    let want = Want007 {
        services: &[Svc {
            kind: "chat",
            fields: &[("userId", "alice")],
            privileges: &["user"],
        }],
        expire: 60,
    };
    check_007(&r.token("chatToken"), &want, now(), SLACK);

    // The older GET routes.
    let r = send(
        "GET",
        &u("/rtc/demo/publisher/uid/42/?expiry=90"),
        &[],
        None,
    );
    check_007(
        &r.token("rtcToken"),
        &rtc_want("demo", "42", PUBLISHER, 90),
        now(),
        SLACK,
    );
    let r = send(
        "GET",
        &u("/rtc/my%20room/subscriber/userAccount/bob/"),
        &[],
        None,
    );
    check_007(
        &r.token("rtcToken"),
        &rtc_want("my room", "bob", SUBSCRIBER, 3600),
        now(),
        SLACK,
    );
    let r = send("GET", &u("/rtm/bob/?expiry=30"), &[], None);
    check_007(&r.token("rtmToken"), &rtm_want("bob", 30), now(), SLACK);
    let r = send("GET", &u("/rte/demo/publisher/uid/42/carol/"), &[], None);
    check_007(
        &r.token("rtcToken"),
        &rtc_want("demo", "42", PUBLISHER, 3600),
        now(),
        SLACK,
    );
    check_007(
        &r.token("rtmToken"),
        &rte_rtm_want("carol", 3600),
        now(),
        SLACK,
    );
    let r = send("GET", &u("/rte/demo/subscriber/uid/42"), &[], None);
    check_007(
        &r.token("rtmToken"),
        &rte_rtm_want("42", 3600),
        now(),
        SLACK,
    );

    // /inspect.
    let token = post(
        &u("/getToken"),
        &json!({"tokenType":"rtc","channel":"demo","uid":"42"}),
    )
    .token("token");
    let r = post(&u("/inspect"), &json!({"token": token}));
    assert_eq!(
        (r.status, &r.json["signatureValid"], &r.json["valid"]),
        (200, &json!(true), &json!(true)),
        "{}",
        r.json
    );
    assert_eq!(
        r.json["token"]["services"][0]["fields"]["channelName"],
        json!("demo")
    );
    let other = agora_token::Credentials::new(APP_ID, OTHER_CERT).unwrap();
    let foreign = agora_token::builders::rtm(agora_token::Issue::at(now(), 7), "x", 60)
        .build(&other)
        .unwrap();
    let r = post(&u("/inspect"), &json!({"token": foreign}));
    assert_eq!((r.status, &r.json["signatureValid"]), (200, &json!(false)));
    let t006 = post(
        &u("/getToken"),
        &json!({"tokenType":"rtc","channel":"demo","uid":"42","version":"006"}),
    )
    .token("token");
    let r = post(&u("/inspect"), &json!({"token": t006}));
    assert_eq!(
        (&r.json["signatureValid"], &r.json["reason"]),
        (&Value::Null, &json!("CHANNEL_AND_UID_REQUIRED"))
    );
    let r = post(
        &u("/inspect"),
        &json!({"token": t006, "channel": "demo", "uid": "42"}),
    );
    assert_eq!(r.json["signatureValid"], json!(true));
    assert_eq!(post(&u("/inspect"), &json!({"token": "007!!"})).status, 400);

    // Bad input: 400 with the rule's code.
    for (body, code) in [
        (
            json!({"tokenType":"rtc","channel":"demo","uid":"4294967296"}),
            "INVALID_UID",
        ),
        (
            json!({"tokenType":"rtc","channel":"demo","uid":"0"}),
            "WILDCARD_UID_NOT_ALLOWED",
        ),
        (
            json!({"tokenType":"rtc","channel":"demo","uid":""}),
            "MISSING_FIELD",
        ),
        (
            json!({"tokenType":"rtc","channel":"demo","uid":"1","expire":86401}),
            "INVALID_EXPIRY",
        ),
        (
            json!({"tokenType":"rtc","channel":"bad/name","uid":"1"}),
            "INVALID_CHANNEL_NAME",
        ),
        (json!({"tokenType":"video"}), "INVALID_TOKEN_TYPE"),
        (json!({"uid":"1"}), "MISSING_FIELD"),
        (
            json!({"tokenType":"rtc","channel":"demo","uid":"1","version":"005"}),
            "UNSUPPORTED_VERSION",
        ),
    ] {
        let r = post(&u("/getToken"), &body);
        assert_eq!((r.status, r.code()), (400, code), "{body}");
    }
    let r = send("GET", &u("/rtc/demo/publisher/uid/4294967296"), &[], None);
    assert_eq!((r.status, r.code()), (400, "INVALID_UID"));

    // HTTP errors.
    let r = send("GET", &u("/nothing/here"), &[], None);
    assert_eq!((r.status, r.code()), (404, "NOT_FOUND"));
    let r = send("GET", &u("/getToken"), &[], None);
    assert_eq!((r.status, r.header("allow")), (405, Some("POST, OPTIONS")));
    let r = send("PUT", &u("/rtm/a"), &[], Some(b""));
    assert_eq!((r.status, r.header("allow")), (405, Some("GET, OPTIONS")));
    let big = format!(
        r#"{{"tokenType":"rtm","uid":"a","pad":"{}"}}"#,
        "x".repeat(9000)
    );
    let r = send(
        "POST",
        &u("/getToken"),
        &[("Content-Type", "application/json")],
        Some(big.as_bytes()),
    );
    assert_eq!((r.status, r.code()), (413, "BODY_TOO_LARGE"));
    // Chunked, with no Content-Length: the adapter stops reading past the limit.
    let agent = ureq::AgentBuilder::new()
        .timeout(Duration::from_secs(10))
        .build();
    let status = match agent
        .post(&u("/getToken"))
        .set("Content-Type", "application/json")
        .send(std::io::Cursor::new(big.into_bytes()))
    {
        Ok(r) | Err(ureq::Error::Status(_, r)) => r.status(),
        Err(e) => panic!("{e}"),
    };
    assert_eq!(status, 413);
    note_decision(
        "POST",
        &u("/getToken"),
        status,
        &json!({"error": {"code": "BODY_TOO_LARGE"}}),
    );
    let r = send(
        "POST",
        &u("/getToken"),
        &[("Content-Type", "text/xml")],
        Some(b"<x/>"),
    );
    assert_eq!((r.status, r.code()), (415, "UNSUPPORTED_MEDIA_TYPE"));
    let r = send(
        "POST",
        &u("/getToken"),
        &[("Content-Type", "application/x-www-form-urlencoded")],
        Some(b"tokenType=rtc"),
    );
    assert_eq!(r.status, 415);
    let r = send(
        "POST",
        &u("/getToken"),
        &[("Content-Type", "application/json")],
        Some(b"{\"tokenType\":"),
    );
    assert_eq!((r.status, r.code()), (400, "INVALID_JSON"));

    // CORS "*" (the default).
    let r = send(
        "GET",
        &u("/rtm/a"),
        &[("Origin", "https://anywhere.example")],
        None,
    );
    assert_eq!(
        (r.status, r.header("access-control-allow-origin")),
        (200, Some("*"))
    );
}

fn locked_server(s: &Server) {
    let u = |p: &str| s.url("locked", p);
    let auth = format!("Bearer {API_KEY}");
    let body = json!({"tokenType":"rtc","channel":"demo","uid":"7"}).to_string();
    for h in [
        vec![],
        vec![("Authorization", "Bearer nope")],
        vec![("Authorization", API_KEY)],
    ] {
        let mut h = h;
        h.push(("Content-Type", "application/json"));
        let r = send("POST", &u("/getToken"), &h, Some(body.as_bytes()));
        assert_eq!(
            (r.status, r.code(), r.header("www-authenticate")),
            (401, "UNAUTHORIZED", Some("Bearer")),
            "{h:?}"
        );
        assert!(!r.json.to_string().contains(API_KEY));
    }
    assert_eq!(send("GET", &u("/rtm/a"), &[], None).status, 401);
    assert_eq!(
        send("GET", &u("/rte/demo/publisher/uid/1"), &[], None).status,
        401
    );
    assert_eq!(post(&u("/inspect"), &json!({"token": "007"})).status, 401);
    assert_eq!(send("GET", &u("/ping"), &[], None).status, 200);

    // Authorized: the server's default and maximum expiry apply.
    let r = send(
        "POST",
        &u("/getToken"),
        &[
            ("Authorization", &auth),
            ("Content-Type", "application/json"),
        ],
        Some(body.as_bytes()),
    );
    check_007(
        &r.token("token"),
        &rtc_want("demo", "7", SUBSCRIBER, 300),
        now(),
        SLACK,
    );
    let r = send(
        "GET",
        &u("/rtm/a?expiry=601"),
        &[("Authorization", &auth)],
        None,
    );
    assert_eq!((r.status, r.code()), (400, "INVALID_EXPIRY"));
    let r = send(
        "GET",
        &u("/rtm/a?expiry=600"),
        &[("Authorization", &auth)],
        None,
    );
    check_007(&r.token("rtmToken"), &rtm_want("a", 600), now(), SLACK);

    // CORS allow-list.
    let r = send(
        "GET",
        &u("/rtm/a"),
        &[("Authorization", &auth), ("Origin", "https://app.example")],
        None,
    );
    assert_eq!(
        (
            r.status,
            r.header("access-control-allow-origin"),
            r.header("vary")
        ),
        (200, Some("https://app.example"), Some("Origin"))
    );
    let r = send(
        "GET",
        &u("/rtm/a"),
        &[("Authorization", &auth), ("Origin", "https://evil.example")],
        None,
    );
    assert_eq!((r.status, r.code()), (403, "ORIGIN_NOT_ALLOWED"));
    let r = send(
        "OPTIONS",
        &u("/getToken"),
        &[
            ("Origin", "http://localhost:3000"),
            ("Access-Control-Request-Method", "POST"),
            (
                "Access-Control-Request-Headers",
                "authorization,content-type",
            ),
        ],
        None,
    );
    assert_eq!(r.status, 204);
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("http://localhost:3000")
    );
    assert_eq!(
        r.header("access-control-allow-methods"),
        Some("POST, OPTIONS")
    );
    assert!(r
        .header("access-control-allow-headers")
        .unwrap_or("")
        .contains("Authorization"));
    let r = send(
        "OPTIONS",
        &u("/getToken"),
        &[("Origin", "https://evil.example")],
        None,
    );
    assert_eq!(r.status, 403);

    // No same-origin exemption: an Origin naming this server's own host and port (as the
    // Host header does) is refused unless listed, and so is the listed host under another
    // scheme (F2 of the security review).
    let host = u("").trim_start_matches("http://").to_owned();
    for origin in [
        format!("http://{host}"),
        format!("ftp://{host}"),
        "http://app.example".to_owned(),
    ] {
        let r = send(
            "POST",
            &u("/getToken"),
            &[
                ("Authorization", &auth),
                ("Origin", &origin),
                ("Content-Type", "application/json"),
            ],
            Some(body.as_bytes()),
        );
        assert_eq!(
            (r.status, r.code()),
            (403, "ORIGIN_NOT_ALLOWED"),
            "{origin}"
        );
    }
}

fn allowed_hosts(s: &Server) {
    let u = |p: &str| s.url("hosts", p);
    let r = send("GET", &u("/rtc/demo/publisher/uid/42/"), &[], None);
    assert_eq!(r.status, 200, "{}", r.json);
    // A DNS-rebinding page: same-origin GET, no Origin, the attacker's name in Host.
    let port = u("").rsplit(':').next().unwrap_or_default().to_owned();
    let r = send(
        "GET",
        &u("/rtc/demo/publisher/uid/42/"),
        &[("Host", &format!("evil.example:{port}"))],
        None,
    );
    assert_eq!((r.status, r.code()), (403, "HOST_NOT_ALLOWED"));
    let r = send(
        "GET",
        &u("/ping"),
        &[("Host", &format!("localhost:{port}"))],
        None,
    );
    assert_eq!(r.status, 200);
}

fn wildcard_and_misconfigured(s: &Server) {
    let r = post(
        &s.url("wildcard", "/getToken"),
        &json!({"tokenType":"rtc","channel":"demo","uid":"0"}),
    );
    check_007(
        &r.token("token"),
        &rtc_want("demo", "", SUBSCRIBER, 3600),
        now(),
        SLACK,
    );
    let r = send(
        "GET",
        &s.url("wildcard", "/rtc/demo/publisher/uid/0"),
        &[],
        None,
    );
    check_007(
        &r.token("rtcToken"),
        &rtc_want("demo", "", PUBLISHER, 3600),
        now(),
        SLACK,
    );
    for config in ["nocert", "badcert"] {
        let r = post(
            &s.url(config, "/getToken"),
            &json!({"tokenType":"rtm","uid":"a"}),
        );
        assert_eq!(
            (r.status, r.code()),
            (500, "SERVER_MISCONFIGURED"),
            "{config}"
        );
        assert!(!r.json.to_string().contains("not-a-certificate"));
        assert_eq!(send("GET", &s.url(config, "/ping"), &[], None).status, 200);
    }
}
