//! Shared by the native handler tests and the workerd integration tests: test credentials
//! and an independent check of issued tokens (decoded with the core's parser, signature
//! verified with the certificate).

#![allow(dead_code, clippy::expect_used, clippy::panic)]

use agora_token::builders::RtcUser;
use agora_token::TokenInfo;
use agora_token::{AppCertificate, Expected};

/// The test app id.
pub const APP_ID: &str = "970CA35de60c44645bbae8a215061b33";
/// The default test certificate: it must never appear in a response.
pub const DEFAULT_CERT: &str = "5CFd2fd1755d40ecb72977518be15d3b";

/// The test certificate of this run: `AGORA_CANARY_CERT` when set (`.ci/test-security.sh`
/// sets a fresh canary per run and scans everything captured for it), else
/// [`DEFAULT_CERT`].
pub fn cert() -> &'static str {
    static CERT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    CERT.get_or_init(|| match std::env::var("AGORA_CANARY_CERT") {
        Ok(c) if c.len() == 32 && c.bytes().all(|b| b.is_ascii_hexdigit()) => c,
        Ok(_) => panic!("AGORA_CANARY_CERT must be 32 hexadecimal characters"),
        Err(_) => DEFAULT_CERT.to_owned(),
    })
}

/// Appends `text` (a response or a log) to `$AGORA_CAPTURE_DIR/<file>` when that variable
/// is set, for the canary scan of `.ci/test-security.sh`.
pub fn capture(file: &str, text: &[u8]) {
    use std::io::Write;
    let Some(dir) = std::env::var_os("AGORA_CAPTURE_DIR") else {
        return;
    };
    let _ = std::fs::create_dir_all(&dir);
    if let Ok(mut f) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(std::path::Path::new(&dir).join(file))
    {
        let _ = f.write_all(text);
        let _ = f.write_all(b"\n");
    }
}
/// Another certificate, to sign tokens the server must not accept.
pub const OTHER_CERT: &str = "0123456789abcdef0123456789abcdef";

/// One expected service: type name, text fields, privilege names (each for `expire` seconds).
pub struct Svc<'a> {
    pub kind: &'a str,
    pub fields: &'a [(&'a str, &'a str)],
    pub privileges: &'a [&'a str],
}

/// What a 007 token must be.
pub struct Want007<'a> {
    pub services: &'a [Svc<'a>],
    pub expire: u32,
}

/// Calls `f` with the request `method target` (the path and query split at `?`), with
/// `headers` and `body`: the request every native handler test builds.
pub fn with_request<T>(
    method: &str,
    target: &str,
    headers: &[(&str, &str)],
    body: &[u8],
    f: impl FnOnce(&agora_token_worker::HttpRequest<'_>) -> T,
) -> T {
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let headers: Vec<(String, String)> = headers
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    let header = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    };
    f(&agora_token_worker::HttpRequest {
        method,
        path,
        query,
        headers: &headers,
        body,
        // As the Worker reads them from Cloudflare's headers.
        client_ip: header("cf-connecting-ip"),
        request_id: header("cf-ray"),
    })
}

/// The handler's answer to `req` for a server of `vars` on `platform` (the native
/// platform's futures are ready at once, so one poll answers).
pub fn answer(
    vars: &agora_token_worker::Vars,
    platform: &agora_token_worker::native::Local,
    req: &agora_token_worker::HttpRequest<'_>,
) -> agora_token_worker::HttpResponse {
    answer_with(&agora_token_worker::Server::new(vars), platform, req)
}

/// [`answer`] for a server kept across requests.
pub fn answer_with(
    server: &agora_token_worker::Server,
    platform: &agora_token_worker::native::Local,
    req: &agora_token_worker::HttpRequest<'_>,
) -> agora_token_worker::HttpResponse {
    agora_token_worker::native::block_on(agora_token_worker::handle(req, server, platform))
        .expect("the native platform answers without waiting")
}

/// The RTM token of `/rte/demo/…` for `expire` seconds: the login and the stream channel
/// `demo` (joinChannel, publishDataStream) for `user`, as agora-token-service issues it.
pub fn rte_rtm_want(user: &'static str, expire: u32) -> Want007<'static> {
    Want007 {
        services: Box::leak(
            vec![
                Svc {
                    kind: "rtm",
                    fields: Box::leak(vec![("userId", user)].into_boxed_slice()),
                    privileges: &["login"],
                },
                Svc {
                    kind: "rtc",
                    fields: Box::leak(
                        vec![("channelName", "demo"), ("uid", user)].into_boxed_slice(),
                    ),
                    privileges: &["joinChannel", "publishDataStream"],
                },
            ]
            .into_boxed_slice(),
        ),
        expire,
    }
}

/// Decodes a 007 token and checks the app id, the issue time (within `slack` seconds of
/// `now`), the lifetime, every service with its fields and privileges, and the signature.
pub fn check_007(token: &str, want: &Want007<'_>, now: u32, slack: u32) -> TokenInfo {
    let info = agora_token::inspect(token, Some(now)).unwrap_or_else(|e| panic!("{token}: {e}"));
    assert_eq!(info.version, "007");
    assert_eq!(info.app_id, APP_ID);
    assert_eq!(info.expire, Some(want.expire), "token lifetime");
    let issued = info.issued_at.unwrap_or_default();
    assert!(
        issued.abs_diff(now) <= slack,
        "issued at {issued}, now {now}"
    );
    assert_eq!(
        info.services.len(),
        want.services.len(),
        "{:?}",
        info.services
    );
    for w in want.services {
        let s = info
            .services
            .iter()
            .find(|s| s.type_name == w.kind)
            .unwrap_or_else(|| panic!("no {} service in {:?}", w.kind, info.services));
        for (k, v) in w.fields {
            assert_eq!(
                s.fields.get(k).map(String::as_str),
                Some(*v),
                "{} field {k}",
                w.kind
            );
        }
        let mut got: Vec<&str> = s.privileges.iter().map(|p| p.name).collect();
        got.sort_unstable();
        let mut exp = w.privileges.to_vec();
        exp.sort_unstable();
        assert_eq!(got, exp, "{} privileges", w.kind);
        for p in &s.privileges {
            assert_eq!(
                p.seconds,
                Some(want.expire),
                "{} {} lifetime",
                w.kind,
                p.name
            );
        }
    }
    let cert = AppCertificate::new(cert()).expect("test certificate");
    let v = agora_token::verify(token, &cert, &Expected::default());
    assert_eq!(v.signature_valid, Some(true), "{v:?}");
    let other = AppCertificate::new(OTHER_CERT).expect("other certificate");
    assert_eq!(
        agora_token::verify(token, &other, &Expected::default()).signature_valid,
        Some(false)
    );
    info
}

/// Decodes a 006 token and checks its privileges' absolute expiry (within `slack` of
/// `now + expire`) and its signature for `channel` and `user` (for an RTM token, the
/// channel is the user id and the user is ignored).
pub fn check_006(
    token: &str,
    channel: &str,
    user: RtcUser,
    privileges: &[&str],
    expire: u32,
    now: u32,
    slack: u32,
) {
    let info = agora_token::inspect(token, Some(now)).unwrap_or_else(|e| panic!("{token}: {e}"));
    assert_eq!(info.version, "006");
    assert_eq!(info.app_id, APP_ID);
    let s = info.services.first().expect("006 privileges");
    let mut got: Vec<&str> = s.privileges.iter().map(|p| p.name).collect();
    got.sort_unstable();
    let mut exp = privileges.to_vec();
    exp.sort_unstable();
    assert_eq!(got, exp);
    let end = u64::from(now) + u64::from(expire);
    for p in &s.privileges {
        assert!(
            p.expires_at.abs_diff(end) <= u64::from(slack),
            "{} expires {} not ~{end}",
            p.name,
            p.expires_at
        );
    }
    let expected = Expected {
        channel_name: Some(channel.to_owned()),
        user: Some(user),
        ..Expected::default()
    };
    let cert = AppCertificate::new(cert()).expect("test certificate");
    let v = agora_token::verify(token, &cert, &expected);
    assert_eq!(v.signature_valid, Some(true), "{v:?}");
}

/// The four RTC privileges of a publisher.
pub const PUBLISHER: &[&str] = &[
    "joinChannel",
    "publishAudioStream",
    "publishVideoStream",
    "publishDataStream",
];
/// The RTC privilege of a subscriber.
pub const SUBSCRIBER: &[&str] = &["joinChannel"];
