//! The hostile-input catalogue (`tests/hostile/catalogue.json`) against the Worker: the pure
//! `handle()` natively, and the built Worker on workerd over raw HTTP/1.1 (so that bodies
//! can carry bytes that are not UTF-8). Also the deflate bombs through `POST /inspect`.
//!
//! The server: credentials, `TOKEN_API_KEY` and `CORS_ALLOW_ORIGIN=https://app.example`.
//! The certificate is `AGORA_CANARY_CERT` when set (`.ci/test-security.sh` sets a fresh
//! one per run), and every response, and workerd's log, is appended to
//! `$AGORA_CAPTURE_DIR` when set, for the canary scan.
//!
//! ```sh
//! cargo test -p agora-token-worker --test hostile                 # native
//! cargo test -p agora-token-worker --test hostile -- --ignored    # workerd (built Worker)
//! ```

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "../../tests/hostile/catalogue.rs"]
mod catalogue;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use agora_token_worker::native::{block_on, Local};
use agora_token_worker::{handle, HttpRequest, Server, Vars};
use serde_json::Value;

const APP_ID: &str = "970CA35de60c44645bbae8a215061b33";
const DEFAULT_CERT: &str = "5CFd2fd1755d40ecb72977518be15d3b";
const API_KEY: &str = "hostile-api-key-0123456789";
const ORIGIN: &str = "https://app.example";
const NOW: u32 = 1_750_000_000;

/// The certificate of this run: the canary when one is given.
fn cert() -> String {
    match std::env::var("AGORA_CANARY_CERT") {
        Ok(c) => {
            assert!(
                c.len() == 32 && c.bytes().all(|b| b.is_ascii_hexdigit()),
                "AGORA_CANARY_CERT: 32 hex"
            );
            c
        }
        Err(_) => DEFAULT_CERT.to_owned(),
    }
}

/// Appends a response (or log) to the capture directory, if there is one.
fn capture(name: &str, text: &[u8]) {
    let Some(dir) = std::env::var_os("AGORA_CAPTURE_DIR") else {
        return;
    };
    std::fs::create_dir_all(&dir).unwrap();
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(Path::new(&dir).join(name))
        .unwrap();
    f.write_all(text).unwrap();
    f.write_all(b"\n").unwrap();
}

struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

/// The invariants of every answer, then `(status, code)`.
fn check(id: &str, a: &Answer, cert: &str) -> (u16, String) {
    let mut all = a.body.clone();
    for (n, v) in &a.headers {
        all.extend(format!("\n{n}: {v}").into_bytes());
    }
    let text = String::from_utf8_lossy(&all).to_ascii_lowercase();
    assert!(
        !text.contains(&cert.to_ascii_lowercase()),
        "{id}: certificate in the answer"
    );
    assert!(
        a.status < 500,
        "{id}: {} {}",
        a.status,
        String::from_utf8_lossy(&a.body)
    );
    let nosniff = a
        .headers
        .iter()
        .any(|(n, v)| n.eq_ignore_ascii_case("x-content-type-options") && v == "nosniff");
    assert!(nosniff, "{id}: no X-Content-Type-Options: nosniff");
    let json: Value = if a.status == 204 && a.body.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&a.body).unwrap_or_else(|e| {
            panic!("{id}: not JSON ({e}): {}", String::from_utf8_lossy(&a.body))
        })
    };
    let code = if a.status >= 400 {
        let err = json["error"]
            .as_object()
            .unwrap_or_else(|| panic!("{id}: {json}"));
        assert_eq!(json.as_object().unwrap().len(), 1, "{id}: {json}");
        assert_eq!(err.len(), 2, "{id}: {json}");
        assert!(err["message"].is_string(), "{id}: {json}");
        err["code"].as_str().unwrap().to_owned()
    } else {
        String::new()
    };
    let no_store = a
        .headers
        .iter()
        .any(|(n, v)| n.eq_ignore_ascii_case("cache-control") && v == "no-store");
    assert!(no_store, "{id}: no Cache-Control: no-store");
    (a.status, code)
}

/// Runs every case through `send` and compares with the catalogue's HTTP expectations.
fn run_catalogue(
    suite: &str,
    mut send: impl FnMut(&str, &str, &[(String, String)], &[u8]) -> Answer,
) {
    let cert = cert();
    let (mut ran, mut skipped) = (0, 0);
    let mut failures = Vec::new();
    for case in catalogue::cases() {
        let id = case["id"].as_str().unwrap();
        let Some(want) = catalogue::expected(&case, "http") else {
            skipped += 1;
            continue;
        };
        let (method, target, headers, body) = catalogue::http_request(&case, API_KEY);
        let a = send(&method, &target, &headers, &body);
        let (status, code) = check(id, &a, &cert);
        ran += 1;
        let want_status = u16::try_from(want["status"].as_u64().unwrap()).unwrap();
        let want_code = want["code"].as_str().unwrap_or_default();
        if (status, code.as_str()) != (want_status, want_code) {
            failures.push(format!(
                "{id}: expected {want_status} {want_code}, got {status} {code}"
            ));
        }
    }
    println!("[hostile/{suite}] {ran} cases run, {skipped} not applicable to HTTP");
    assert!(ran >= 40, "{ran} cases");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn env(cert: &str) -> Vars {
    Vars {
        agora_app_id: Some(APP_ID.into()),
        agora_app_certificate: Some(cert.into()),
        token_api_key: Some(API_KEY.into()),
        cors_allow_origin: Some(ORIGIN.into()),
        ..Vars::default()
    }
}

fn native(method: &str, target: &str, headers: &[(String, String)], body: &[u8]) -> Answer {
    let env = env(&cert());
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let req = HttpRequest {
        method,
        path,
        query,
        headers,
        body,
        client_ip: None,
        request_id: None,
    };
    let r = block_on(handle(&req, &Server::new(&env), &Local::at(NOW))).expect("ready");
    let mut record = format!("{} {target} -> {}\n", method, r.status);
    for (n, v) in &r.headers {
        record += &format!("{n}: {v}\n");
    }
    record += &r.body;
    capture("native-responses.log", record.as_bytes());
    Answer {
        status: r.status,
        headers: r
            .headers
            .iter()
            .map(|(n, v)| ((*n).to_owned(), v.clone()))
            .collect(),
        body: r.body.into_bytes(),
    }
}

#[test]
fn catalogue_against_handle() {
    run_catalogue("handle", native);
}

#[test]
fn bombs_against_handle() {
    for (id, _, token) in catalogue::bombs() {
        let body = serde_json::json!({ "token": token }).to_string();
        let headers = vec![
            ("Authorization".to_owned(), format!("Bearer {API_KEY}")),
            ("Content-Type".to_owned(), "application/json".to_owned()),
        ];
        let t = Instant::now();
        let a = native("POST", "/inspect", &headers, body.as_bytes());
        let ms = t.elapsed().as_secs_f64() * 1e3;
        let (status, code) = check(&id, &a, &cert());
        let want = if body.len() > agora_token_worker::MAX_BODY_BYTES {
            (413, "BODY_TOO_LARGE")
        } else {
            (400, "PAYLOAD_TOO_LARGE")
        };
        assert_eq!((status, code.as_str()), want, "{id}");
        println!("[bombs/handle] {id}: {status} {code} in {ms:.2} ms");
        assert!(ms < 500.0);
    }
}

// ---- workerd ----------------------------------------------------------------------------

/// The server under test on a free 127.0.0.1 port: the built Worker on workerd, or with
/// `AGORA_SERVER=native` the native `agora-token-server` (`AGORA_SERVER_BIN`, default
/// target/release/agora-token-server); stopped by process group on drop.
struct Workerd {
    child: Child,
    port: u16,
    dir: PathBuf,
}

impl Drop for Workerd {
    fn drop(&mut self) {
        let pgid = format!("-{}", self.child.id());
        let _ = Command::new("kill").args(["-TERM", "--", &pgid]).status();
        let _ = self.child.wait();
        capture(
            "workerd.log",
            &std::fs::read(self.dir.join("workerd.log")).unwrap_or_default(),
        );
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

impl Workerd {
    fn start() -> Self {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let build = std::env::var_os("AGORA_WORKER_BUILD")
            .map_or_else(|| root.join("build"), PathBuf::from);
        let workerd = std::env::var_os("WORKERD_BIN")
            .map_or_else(|| root.join("../node_modules/.bin/workerd"), PathBuf::from);
        let dir = std::env::temp_dir().join(format!("agora-hostile-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for f in ["index.js", "index_bg.wasm"] {
            std::fs::copy(build.join(f), dir.join(f)).unwrap_or_else(|e| {
                panic!("{}: {e} (run worker/build.sh)", build.join(f).display())
            });
        }
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        if server_under_test() == "native" {
            return Self::native(port, dir);
        }
        let config = format!(
            r#"using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [(name = "main", worker = .w)],
  sockets = [(name = "http", address = "127.0.0.1:{port}", http = (), service = "main")],
);
const w :Workerd.Worker = (
  modules = [
    (name = "index.js", esModule = embed "index.js"),
    (name = "index_bg.wasm", wasm = embed "index_bg.wasm"),
  ],
  compatibilityDate = "2025-09-01",
  bindings = [
    (name = "AGORA_APP_ID", text = "{APP_ID}"),
    (name = "AGORA_APP_CERTIFICATE", fromEnvironment = "HOSTILE_CERT"),
    (name = "TOKEN_API_KEY", fromEnvironment = "HOSTILE_API_KEY"),
    (name = "CORS_ALLOW_ORIGIN", text = "{ORIGIN}"),
  ],
);
"#
        );
        std::fs::write(dir.join("config.capnp"), config).unwrap();
        let log = std::fs::File::create(dir.join("workerd.log")).unwrap();
        let child = Command::new(&workerd)
            .args(["serve", "config.capnp", "--verbose"])
            .current_dir(&dir)
            .env("HOSTILE_CERT", cert())
            .env("HOSTILE_API_KEY", API_KEY)
            .stdout(Stdio::from(log.try_clone().unwrap()))
            .stderr(Stdio::from(log))
            .process_group(0)
            .spawn()
            .unwrap_or_else(|e| panic!("{}: {e}", workerd.display()));
        let w = Self { child, port, dir };
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "workerd did not listen");
            std::thread::sleep(Duration::from_millis(50));
        }
        w
    }

    /// The native server with the same settings as the workerd configuration above.
    fn native(port: u16, dir: PathBuf) -> Self {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let bin = std::env::var_os("AGORA_SERVER_BIN").map_or_else(
            || root.join("../target/release/agora-token-server"),
            PathBuf::from,
        );
        let log = std::fs::File::create(dir.join("workerd.log")).unwrap();
        let child = Command::new(&bin)
            .env_clear()
            .env("PORT", port.to_string())
            .env("LISTEN_ADDRESS", "127.0.0.1")
            .env("AGORA_APP_ID", APP_ID)
            .env("AGORA_APP_CERTIFICATE", cert())
            .env("TOKEN_API_KEY", API_KEY)
            .env("CORS_ALLOW_ORIGIN", ORIGIN)
            .stdout(Stdio::from(log.try_clone().unwrap()))
            .stderr(Stdio::from(log))
            .process_group(0)
            .spawn()
            .unwrap_or_else(|e| {
                panic!(
                    "{}: {e} (cargo build --release -p agora-token-worker --features server)",
                    bin.display()
                )
            });
        let w = Self { child, port, dir };
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "agora-token-server did not listen"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        w
    }

    /// One request over a fresh connection, raw HTTP/1.1 (`Connection: close`).
    fn send(
        &self,
        method: &str,
        target: &str,
        headers: &[(String, String)],
        body: &[u8],
    ) -> Answer {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        // The case's own Host, if it names one (the CORS cases do), else 127.0.0.1.
        let host = if headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("host")) {
            String::new()
        } else {
            "Host: 127.0.0.1\r\n".to_owned()
        };
        let mut req =
            format!("{method} {target} HTTP/1.1\r\n{host}Connection: close\r\n").into_bytes();
        for (n, v) in headers {
            req.extend(format!("{n}: {v}\r\n").into_bytes());
        }
        if !body.is_empty() || method == "POST" {
            req.extend(format!("Content-Length: {}\r\n", body.len()).into_bytes());
        }
        req.extend(b"\r\n");
        req.extend(body);
        s.write_all(&req).unwrap();
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).unwrap();
        capture("workerd-responses.log", &raw);
        parse_response(&raw)
    }
}

fn parse_response(raw: &[u8]) -> Answer {
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("end of headers");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status: u16 = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    let chunked = headers
        .iter()
        .any(|(n, v)| n.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    if chunked {
        let mut out = Vec::new();
        let mut rest = &body[..];
        loop {
            let nl = rest.windows(2).position(|w| w == b"\r\n").unwrap();
            let size =
                usize::from_str_radix(String::from_utf8_lossy(&rest[..nl]).trim(), 16).unwrap();
            rest = &rest[nl + 2..];
            if size == 0 {
                break;
            }
            out.extend_from_slice(&rest[..size]);
            rest = &rest[size + 2..];
        }
        body = out;
    }
    Answer {
        status,
        headers,
        body,
    }
}

/// `workerd`, or `native` with `AGORA_SERVER=native`.
fn server_under_test() -> &'static str {
    match std::env::var("AGORA_SERVER").as_deref() {
        Ok("native") => "native",
        Ok("workerd") | Err(_) => "workerd",
        Ok(other) => panic!("AGORA_SERVER must be workerd or native, not {other}"),
    }
}

#[test]
#[ignore = "needs the built Worker and workerd (or the native server): run .ci/test-security.sh"]
fn catalogue_and_bombs_on_the_server() {
    let w = Workerd::start();
    let name = server_under_test();
    run_catalogue(name, |m, t, h, b| w.send(m, t, h, b));
    let pid = w.child.id();
    let rss = |field: &str| -> u64 {
        // node_modules/.bin/workerd is the workerd binary itself: its pid is the server's.
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
        status
            .lines()
            .find(|l| l.starts_with(field))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|n| n.parse().ok())
            .unwrap_or(0)
    };
    for (id, _, token) in catalogue::bombs() {
        let body = serde_json::json!({ "token": token }).to_string();
        let headers = vec![
            ("Authorization".to_owned(), format!("Bearer {API_KEY}")),
            ("Content-Type".to_owned(), "application/json".to_owned()),
        ];
        let before = rss("VmRSS:");
        let t = Instant::now();
        let a = w.send("POST", "/inspect", &headers, body.as_bytes());
        let ms = t.elapsed().as_secs_f64() * 1e3;
        let (status, code) = check(&id, &a, &cert());
        let want = if body.len() > agora_token_worker::MAX_BODY_BYTES {
            (413, "BODY_TOO_LARGE")
        } else {
            (400, "PAYLOAD_TOO_LARGE")
        };
        assert_eq!((status, code.as_str()), want, "{id}");
        let after = rss("VmRSS:");
        println!(
            "[bombs/{name}] {id}: {status} {code} in {ms:.1} ms; RSS {before} → {after} KiB (peak {} KiB)",
            rss("VmHWM:")
        );
        assert!(ms < 2000.0, "{id}: {ms} ms");
        assert!(
            after.saturating_sub(before) < 32 * 1024,
            "{id}: RSS grew {before} → {after} KiB"
        );
    }
}

/// `Debug` of everything that holds a secret is redacted: the environment, the policy,
/// the credentials the handler builds, and a request's `Authorization` header.
#[test]
fn debug_is_redacted() {
    let cert = cert();
    let env = env(&cert);
    let policy = agora_token_worker::settings::Policy::from_vars(&env).unwrap();
    let creds = agora_token_worker::settings::credentials(&env).unwrap();
    let settings = agora_token_worker::Settings::from_vars(&env);
    let headers = vec![("Authorization".to_owned(), format!("Bearer {API_KEY}"))];
    let req = HttpRequest {
        method: "POST",
        path: "/getToken",
        query: "",
        headers: &headers,
        body: b"{}",
        client_ip: None,
        request_id: None,
    };
    for (what, dbg) in [
        ("Vars", format!("{env:?} {env:#?}")),
        ("Policy", format!("{policy:?} {policy:#?}")),
        ("Settings", format!("{settings:?} {settings:#?}")),
        ("Credentials", format!("{creds:?} {creds:#?}")),
        ("AppCertificate", format!("{:?}", creds.certificate)),
        ("HttpRequest", format!("{req:?} {req:#?}")),
    ] {
        let lower = dbg.to_ascii_lowercase();
        assert!(!lower.contains(&cert.to_ascii_lowercase()), "{what}: {dbg}");
        assert!(!dbg.contains(API_KEY), "{what}: {dbg}");
        assert!(
            dbg.contains("redacted"),
            "{what} says nothing was redacted: {dbg}"
        );
    }
}
