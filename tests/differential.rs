//! Differential tests against the official packages, on random valid inputs with the salt
//! and issue time pinned:
//!
//! - 006 token strings are identical to PyPI `agora-token-builder` 1.0.0 and npm
//!   `agora-access-token` 2.0.4 (`RtcTokenBuilder.buildTokenWithUid` / `buildTokenWithAccount`
//!   with every role 0, 1, 2, 101, and `RtmTokenBuilder.buildToken`);
//! - inflated 007 payloads are identical to npm `agora-token` 2.0.6 for every builder it has.
//!
//! The reference side is `tests/reference/reference.py` and `reference.mjs` (one process per
//! builder, fed a JSON array of cases). If `python3`, `node` or a reference package is
//! missing the test fails: CI installs them (`.ci/setup.sh`).
//!
//! Where a reference is wrong (see `tests/reference/KNOWN_DIFFERENCES.md`) the case is
//! compared explicitly, never skipped:
//! - npm `agora-token`'s APaaS/Education room-user token has no APaaS privilege: its payload
//!   must equal ours with exactly that privilege removed (so everything else, signature
//!   included, is compared byte for byte);
//! - npm `agora-token` packs APaaS role 0 as −1 (`role || -1`): random roles exclude 0, and
//!   [`npm_apaas_role_zero_is_the_known_reference_bug`] pins that behaviour.
//!
//! The inputs come from a seeded generator; set `DIFF_SEED` to replay another seed, and
//! `DIFF_CASES` to change the number of cases per builder (default 1000). Every failure
//! message carries the seed.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::io::Write as _;
use std::process::{Command, Stdio};

use agora_token::builders::{self, RtcPrivilegeExpiries, RtcRole, RtcRtm2, RtcUser};
use agora_token::v006;
use agora_token::v007::{
    AccessToken2, ParsedToken2, PermissionType, Permissions, Privileges, ResourceType, Service,
};
use agora_token::{Credentials, Issue};
use serde_json::{json, Value};

// ---------------------------------------------------------------- random inputs

/// SplitMix64: small, seeded and reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }

    fn u32_in(&mut self, lo: u32, hi: u32) -> u32 {
        u32::try_from(self.range(u64::from(lo), u64::from(hi))).unwrap()
    }

    fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[usize::try_from(self.range(0, xs.len() as u64 - 1)).unwrap()]
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.range(1, 100) <= percent
    }

    fn hex32(&mut self) -> String {
        (0..32)
            .map(|_| self.pick(b"0123456789abcdefABCDEF".as_slice()) as char)
            .collect()
    }

    /// 1..=64 bytes of Agora's channel-name set.
    fn channel(&mut self) -> String {
        const SET: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 !#$%&()+-:;<=.>?@[]^_{}|~,";
        let len = if self.chance(10) {
            self.pick(&[1, 64])
        } else {
            self.range(1, 64)
        };
        (0..len).map(|_| self.pick(SET) as char).collect()
    }

    /// 1..=`max` bytes of printable text, sometimes multi-byte UTF-8, sometimes all digits.
    fn text(&mut self, max: usize) -> String {
        const WIDE: &[char] = &['é', 'ß', 'Ж', '日', '本', '🙂', '€'];
        let target = if self.chance(10) {
            max
        } else {
            usize::try_from(self.range(1, max as u64)).unwrap()
        };
        let digits = self.chance(15);
        let mut s = String::new();
        while s.len() < target {
            let c = if digits {
                char::from(b'0' + u8::try_from(self.range(0, 9)).unwrap())
            } else if self.chance(8) {
                self.pick(WIDE)
            } else {
                char::from(u8::try_from(self.range(0x20, 0x7E)).unwrap())
            };
            if s.len() + c.len_utf8() > target {
                break;
            }
            s.push(c);
        }
        if s.is_empty() {
            s.push('x');
        }
        s
    }

    fn uid(&mut self) -> u32 {
        match self.range(0, 5) {
            0 => 0,
            1 => u32::MAX,
            2 => self.u32_in(1, 1000),
            _ => self.u32_in(0, u32::MAX),
        }
    }

    fn salt(&mut self) -> u32 {
        match self.range(0, 9) {
            0 => 1,
            1 => 99_999_999,
            _ => self.u32_in(1, 99_999_999),
        }
    }

    /// A 007 lifetime in seconds (1..=10^9).
    fn seconds(&mut self) -> u32 {
        match self.range(0, 6) {
            0 => self.pick(&[1, 60, 600, 3600, 86_400, 1_000_000_000]),
            1 => self.u32_in(1, 1_000_000_000),
            _ => self.u32_in(1, 7 * 86_400),
        }
    }

    /// A 007 privilege lifetime: 0 (as long as the token) or seconds.
    fn privilege_seconds(&mut self) -> u32 {
        if self.chance(20) {
            0
        } else {
            self.seconds()
        }
    }

    /// A 007 issue time: any `u32` that leaves room for a 10^9-second lifetime.
    fn issue_ts(&mut self) -> u32 {
        self.u32_in(0, u32::MAX - 1_000_000_000)
    }

    fn role(&mut self) -> (RtcRole, u32) {
        if self.chance(50) {
            (RtcRole::Publisher, 1)
        } else {
            (RtcRole::Subscriber, 2)
        }
    }

    fn privileges(&mut self) -> RtcPrivilegeExpiries {
        RtcPrivilegeExpiries {
            join_channel: self.privilege_seconds(),
            publish_audio: self.privilege_seconds(),
            publish_video: self.privilege_seconds(),
            publish_data: self.privilege_seconds(),
        }
    }

    /// RTM2 permissions, and the same as `[[resourceType, permissionType, [resource…]]…]`
    /// in a random order (unique pairs, so `Rtm2Permissions.add` never replaces).
    fn permissions(&mut self) -> (Permissions, Value) {
        let mut pairs: Vec<(ResourceType, PermissionType)> = ResourceType::ALL
            .into_iter()
            .flat_map(|r| [(r, PermissionType::Read), (r, PermissionType::Write)])
            .filter(|_| self.chance(30))
            .collect();
        for i in (1..pairs.len()).rev() {
            let j = usize::try_from(self.range(0, i as u64)).unwrap();
            pairs.swap(i, j);
        }
        let mut typed = Permissions::new();
        let mut triples = Vec::new();
        for (r, p) in pairs {
            let resources: Vec<String> = (0..self.range(1, 4)).map(|_| self.text(32)).collect();
            triples.push(json!([r.id(), p.id(), resources]));
            typed.set(r, p, resources);
        }
        (typed, Value::Array(triples))
    }
}

fn seed() -> u64 {
    std::env::var("DIFF_SEED")
        .ok()
        .map_or(0x0A60_2A70_4E5E_ED01, |s| {
            s.parse().expect("DIFF_SEED is a u64")
        })
}

fn cases_per_builder() -> usize {
    std::env::var("DIFF_CASES")
        .ok()
        .map_or(1000, |s| s.parse().expect("DIFF_CASES is a number"))
}

// ---------------------------------------------------------------- the reference processes

/// Runs a reference script on a JSON array of cases and returns its JSON array of results.
fn reference(program: &str, script: &str, cases: &[Value]) -> Vec<Value> {
    let dir = env!("CARGO_MANIFEST_DIR");
    let mut child = Command::new(program)
        .arg(format!("{dir}/tests/reference/{script}"))
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| {
            panic!("`{program}` is required by the differential tests (CI installs it with .ci/setup.sh): {e}")
        });
    let input = serde_json::to_vec(cases).unwrap();
    let mut stdin = child.stdin.take().unwrap();
    // Write on another thread so that a large output cannot deadlock against our input.
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(
        out.status.success(),
        "{program} {script} failed (are the reference packages installed? run .ci/setup.sh): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let results: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(results.len(), cases.len(), "{script}: one result per case");
    results
}

fn case(reference: &str, function: &str, args: Value, salt: u32, ts: u32) -> Value {
    json!({"ref": reference, "fn": function, "args": args, "salt": salt, "ts": ts})
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Collects mismatches and fails once, with the seed and the first few.
struct Report {
    name: String,
    compared: usize,
    failures: Vec<String>,
}

impl Report {
    fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            compared: 0,
            failures: Vec::new(),
        }
    }

    fn check(&mut self, equal: bool, detail: impl FnOnce() -> String) {
        self.compared += 1;
        if !equal {
            self.failures.push(detail());
        }
    }

    fn finish(self) {
        assert!(
            self.failures.is_empty(),
            "{}: {} of {} cases differ (seed {}; replay with DIFF_SEED={}):\n{}",
            self.name,
            self.failures.len(),
            self.compared,
            seed(),
            seed(),
            self.failures
                .iter()
                .take(5)
                .cloned()
                .collect::<Vec<_>>()
                .join("\n")
        );
        assert!(
            self.compared >= cases_per_builder(),
            "{}: only {} cases compared",
            self.name,
            self.compared
        );
        println!("{}: {} cases identical", self.name, self.compared);
    }
}

// ---------------------------------------------------------------- 006

const BUILDERS_006: [&str; 3] = [
    "RtcTokenBuilder.buildTokenWithUid",
    "RtcTokenBuilder.buildTokenWithAccount",
    "RtmTokenBuilder.buildToken",
];

/// One random 006 case: the reference arguments and our token.
fn case_006(rng: &mut Rng, function: &str) -> (Value, u32, u32, String) {
    let (app_id, cert) = (rng.hex32(), rng.hex32());
    let creds = Credentials::new(app_id.clone(), cert.clone()).unwrap();
    let (salt, ts) = (rng.salt(), rng.u32_in(0, u32::MAX));
    let expire = if rng.chance(5) {
        0
    } else {
        rng.u32_in(0, u32::MAX)
    };
    let (args, token) = match function {
        "RtmTokenBuilder.buildToken" => {
            let user = rng.text(64);
            let token = v006::build_rtm(
                &creds,
                &v006::RtmParams {
                    user_id: &user,
                    privilege_expired_ts: expire,
                    salt,
                    ts,
                },
            );
            (json!([app_id, cert, user, 1, expire]), token)
        }
        _ => {
            let channel = rng.channel();
            let role = rng.pick(&[0, 1, 2, 101]);
            let (uid_json, account);
            let subject = if function.ends_with("WithUid") {
                let uid = rng.uid();
                uid_json = json!(uid);
                v006::Subject::Uid(uid)
            } else {
                account = if rng.chance(5) {
                    "0".to_owned()
                } else {
                    rng.text(255)
                };
                uid_json = json!(account);
                v006::Subject::Account(&account)
            };
            let params = v006::RtcParams {
                channel_name: &channel,
                subject,
                role: v006::Role::from_id(role).unwrap(),
                privilege_expired_ts: expire,
                salt,
                ts,
            };
            (
                json!([app_id, cert, channel, uid_json, role, expire]),
                v006::build_rtc(&creds, &params),
            )
        }
    };
    (
        args,
        salt,
        ts,
        token.unwrap_or_else(|e| panic!("{function}: our builder refused valid input: {e}")),
    )
}

fn differential_006(reference_name: &str, program: &str, script: &str) {
    let mut rng = Rng(seed() ^ 0x006);
    for function in BUILDERS_006 {
        let ours: Vec<_> = (0..cases_per_builder())
            .map(|_| case_006(&mut rng, function))
            .collect();
        let cases: Vec<Value> = ours
            .iter()
            .map(|(args, salt, ts, _)| case(reference_name, function, args.clone(), *salt, *ts))
            .collect();
        let theirs = reference(program, script, &cases);
        let mut report = Report::new(format!("{reference_name} {function}"));
        for ((input, (_, _, _, token)), result) in cases.iter().zip(&ours).zip(&theirs) {
            report.check(result["token"].as_str() == Some(token.as_str()), || {
                format!("  input {input}\n  ours   {token}\n  theirs {result}")
            });
        }
        report.finish();
    }
}

#[test]
fn pypi_agora_token_builder_006() {
    differential_006("agora-token-builder", "python3", "reference.py");
}

#[test]
fn npm_agora_access_token_006() {
    differential_006("agora-access-token", "node", "reference.mjs");
}

// ---------------------------------------------------------------- 007

/// Every builder of npm `agora-token` 2.0.6 that `reference.mjs` exposes.
const BUILDERS_007: [&str; 19] = [
    "RtcTokenBuilder.buildTokenWithUid",
    "RtcTokenBuilder.buildTokenWithUserAccount",
    "RtcTokenBuilder.buildTokenWithUidAndPrivilege",
    "RtcTokenBuilder.buildTokenWithUserAccountAndPrivilege",
    "RtcTokenBuilder.buildTokenWithRtm",
    "RtcTokenBuilder.buildTokenWithRtm2",
    "RtmTokenBuilder.buildToken",
    "RtmTokenBuilder.buildTokenWithPermissions",
    "ChatTokenBuilder.buildUserToken",
    "ChatTokenBuilder.buildAppToken",
    "FpaTokenBuilder.buildToken",
    "ApaasTokenBuilder.buildRoomUserToken",
    "ApaasTokenBuilder.buildUserToken",
    "ApaasTokenBuilder.buildAppToken",
    "EducationTokenBuilder.buildRoomUserToken",
    "EducationTokenBuilder.buildUserToken",
    "EducationTokenBuilder.buildAppToken",
    "ConvoAITokenBuilder.buildToken",
    "SttTokenBuilder.buildToken",
];

/// One random 007 case: the builder's arguments after appId and certificate, and our claims.
fn claims_007(rng: &mut Rng, function: &str, issue: Issue) -> (Vec<Value>, AccessToken2) {
    let (_, builder) = function.split_once('.').unwrap();
    match (function, builder) {
        ("RtcTokenBuilder.buildTokenWithUid" | "RtcTokenBuilder.buildTokenWithUserAccount", _) => {
            let channel = rng.channel();
            let (user, user_json) = rtc_user(rng, function.ends_with("Uid"));
            let (role, role_id) = rng.role();
            let (te, pe) = (rng.seconds(), rng.privilege_seconds());
            let claims = builders::rtc(issue, &channel, &user, role, te, pe);
            (
                vec![
                    json!(channel),
                    user_json,
                    json!(role_id),
                    json!(te),
                    json!(pe),
                ],
                claims,
            )
        }
        (_, "buildTokenWithUidAndPrivilege" | "buildTokenWithUserAccountAndPrivilege") => {
            let channel = rng.channel();
            let (user, user_json) = rtc_user(rng, builder.contains("Uid"));
            let te = rng.seconds();
            let p = rng.privileges();
            let claims = builders::rtc_with_privileges(issue, &channel, &user, te, &p);
            let args = vec![json!(channel), user_json, json!(te)];
            ([args, privilege_args(&p)].concat(), claims)
        }
        ("RtcTokenBuilder.buildTokenWithRtm", _) => {
            let channel = rng.channel();
            // The account is also the RTM user id, so it follows the user-id rule (≤ 64 bytes).
            let account = rng.text(64);
            let (role, role_id) = rng.role();
            let (te, pe) = (rng.seconds(), rng.privilege_seconds());
            let claims = builders::rtc_rtm(
                issue,
                &channel,
                &RtcUser::Account(account.clone()),
                role,
                te,
                pe,
            );
            (
                vec![
                    json!(channel),
                    json!(account),
                    json!(role_id),
                    json!(te),
                    json!(pe),
                ],
                claims,
            )
        }
        (
            "RtcTokenBuilder.buildTokenWithRtm2"
            | "ConvoAITokenBuilder.buildToken"
            | "SttTokenBuilder.buildToken",
            _,
        ) => {
            let p = RtcRtm2 {
                channel_name: rng.channel(),
                rtc_user: RtcUser::Account(rng.text(255)),
                role: rng.role().0,
                rtc_token_expire: rng.seconds(),
                privileges: rng.privileges(),
                rtm_user_id: rng.text(64),
                rtm_token_expire: rng.privilege_seconds(),
            };
            let args = vec![
                json!(p.channel_name),
                json!(p.rtc_user.wire()),
                json!(p.role.id()),
                json!(p.rtc_token_expire),
            ];
            let args = [
                args,
                privilege_args(&p.privileges),
                vec![json!(p.rtm_user_id), json!(p.rtm_token_expire)],
            ]
            .concat();
            let claims = match function {
                "ConvoAITokenBuilder.buildToken" => builders::convoai(issue, &p),
                "SttTokenBuilder.buildToken" => builders::stt(issue, &p),
                _ => builders::rtc_rtm2(issue, &p),
            };
            (args, claims)
        }
        ("RtmTokenBuilder.buildToken", _) => {
            let (user, expire) = (rng.text(64), rng.seconds());
            (
                vec![json!(user), json!(expire)],
                builders::rtm(issue, &user, expire),
            )
        }
        ("RtmTokenBuilder.buildTokenWithPermissions", _) => {
            let (user, expire) = (rng.text(64), rng.seconds());
            let (permissions, triples) = rng.permissions();
            let claims = builders::rtm_with_permissions(issue, &user, permissions, expire);
            (vec![json!(user), triples, json!(expire)], claims)
        }
        ("ChatTokenBuilder.buildUserToken", _) => {
            let (user, expire) = (rng.text(64), rng.seconds());
            (
                vec![json!(user), json!(expire)],
                builders::chat_user(issue, &user, expire),
            )
        }
        ("ChatTokenBuilder.buildAppToken", _) => {
            let expire = rng.seconds();
            (vec![json!(expire)], builders::chat_app(issue, expire))
        }
        ("FpaTokenBuilder.buildToken", _) => (vec![], builders::fpa(issue)),
        (_, "buildRoomUserToken") => {
            let (room, user, expire) = (rng.text(64), rng.text(64), rng.seconds());
            // Role 0 is excluded here: npm packs it as -1 (see npm_apaas_role_zero_…).
            let role = loop {
                let r = if rng.chance(50) {
                    rng.pick(&[-1, 1, 2, 3])
                } else {
                    i16::try_from(rng.range(0, 65535) as i64 - 32768).unwrap()
                };
                if r != 0 {
                    break r;
                }
            };
            let claims = builders::apaas_room_user(issue, &room, &user, role, expire);
            (
                vec![json!(room), json!(user), json!(role), json!(expire)],
                claims,
            )
        }
        (_, "buildUserToken") => {
            let (user, expire) = (rng.text(255), rng.seconds());
            (
                vec![json!(user), json!(expire)],
                builders::apaas_user(issue, &user, expire),
            )
        }
        (_, "buildAppToken") => {
            let expire = rng.seconds();
            (vec![json!(expire)], builders::apaas_app(issue, expire))
        }
        _ => panic!("no generator for {function}"),
    }
}

fn rtc_user(rng: &mut Rng, numeric: bool) -> (RtcUser, Value) {
    if numeric {
        let uid = rng.uid();
        (RtcUser::Uid(uid), json!(uid))
    } else {
        let account = if rng.chance(5) {
            "0".to_owned()
        } else {
            rng.text(255)
        };
        (RtcUser::Account(account.clone()), json!(account))
    }
}

fn privilege_args(p: &RtcPrivilegeExpiries) -> Vec<Value> {
    vec![
        json!(p.join_channel),
        json!(p.publish_audio),
        json!(p.publish_video),
        json!(p.publish_data),
    ]
}

/// What npm `agora-token` builds for a room-user token: ours without the APaaS privilege.
fn without_apaas_privilege(claims: &AccessToken2) -> AccessToken2 {
    let mut c = claims.clone();
    for s in &mut c.services {
        if let Service::Apaas(a) = s {
            assert!(
                !a.privileges.is_empty(),
                "our room-user token grants the APaaS privilege"
            );
            a.privileges = Privileges::new();
        }
    }
    c
}

#[test]
fn npm_agora_token_007() {
    let mut rng = Rng(seed() ^ 0x007);
    for function in BUILDERS_007 {
        let mut ours = Vec::new();
        let mut cases = Vec::new();
        for _ in 0..cases_per_builder() {
            let (app_id, cert) = (rng.hex32(), rng.hex32());
            let issue = Issue::at(rng.issue_ts(), rng.salt());
            let (rest, claims) = claims_007(&mut rng, function, issue);
            let args = [vec![json!(app_id), json!(cert)], rest].concat();
            cases.push(case(
                "agora-token",
                function,
                Value::Array(args),
                issue.salt,
                issue.issue_ts,
            ));
            ours.push((Credentials::new(app_id, cert).unwrap(), claims));
        }
        let theirs = reference("node", "reference.mjs", &cases);
        let known_bug = function.ends_with("buildRoomUserToken");
        let mut report = Report::new(format!("agora-token {function}"));
        for ((input, (creds, claims)), result) in cases.iter().zip(&ours).zip(&theirs) {
            let ours = claims.payload(creds).unwrap_or_else(|e| {
                panic!("{function}: our builder refused valid input {input}: {e}")
            });
            let expected = if known_bug {
                without_apaas_privilege(claims).payload(creds).unwrap()
            } else {
                ours
            };
            let their_hex = result["payload_hex"].as_str().unwrap_or_default();
            // Their token also parses and verifies with our parser.
            let verifies = result["token"]
                .as_str()
                .and_then(|t| ParsedToken2::parse(t).ok())
                .is_some_and(|p| p.verify(&creds.certificate));
            report.check(their_hex == hex(&expected) && verifies, || {
                format!(
                    "  input {input}\n  ours   {}\n  theirs {result} (verifies: {verifies})",
                    hex(&expected)
                )
            });
        }
        report.finish();
    }
}

/// npm `agora-token` stores the APaaS role as `role || -1`, so role 0 becomes -1. This is
/// the one input the random room-user cases leave out; here it is checked to stay exactly
/// that difference.
#[test]
fn npm_apaas_role_zero_is_the_known_reference_bug() {
    let creds = Credentials::new(
        "970CA35de60c44645bbae8a215061b33",
        "5CFd2fd1755d40ecb72977518be15d3b",
    )
    .unwrap();
    let issue = Issue::at(1_111_111, 1);
    let args = json!([
        creds.app_id.as_str(),
        "5CFd2fd1755d40ecb72977518be15d3b",
        "123",
        "2882341273",
        0,
        600
    ]);
    let results = reference(
        "node",
        "reference.mjs",
        &[case(
            "agora-token",
            "ApaasTokenBuilder.buildRoomUserToken",
            args,
            issue.salt,
            issue.issue_ts,
        )],
    );
    let ours = builders::apaas_room_user(issue, "123", "2882341273", 0, 600);
    let mut npm = without_apaas_privilege(&ours);
    for s in &mut npm.services {
        if let Service::Apaas(a) = s {
            a.role = -1;
        }
    }
    assert_eq!(
        results[0]["payload_hex"].as_str(),
        Some(hex(&npm.payload(&creds).unwrap()).as_str())
    );
    assert_ne!(ours.payload(&creds).unwrap(), npm.payload(&creds).unwrap());
}
