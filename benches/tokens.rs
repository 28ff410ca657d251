//! Native benchmarks (criterion): building, parsing and verifying tokens, against the
//! crypto floor of each format measured in the same run — the HMACs, CRCs and base64 a
//! token cannot avoid, computed directly with the same libraries.
//!
//! `cargo bench --bench tokens` runs them; `.ci/bench-table.py` prints the ratios.

#![allow(missing_docs, clippy::unwrap_used)]

use std::hint::black_box;

use agora_token::builders::{self, RtcRole, RtcUser};
use agora_token::v006;
use agora_token::v007::ParsedToken2;
use agora_token::{Credentials, Issue};
use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use criterion::{criterion_group, criterion_main, Criterion};
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

const APP_ID: &str = "970CA35de60c44645bbae8a215061b33";
const CERT: &str = "5CFd2fd1755d40ecb72977518be15d3b";
const CHANNEL: &str = "7d72365eb983485397e3e3f9d460bdda";

fn hmac(key: &[u8], msg: &[&[u8]]) -> [u8; 32] {
    let mut m = Hmac::<Sha256>::new_from_slice(key).unwrap();
    for p in msg {
        m.update(p);
    }
    m.finalize().into_bytes().into()
}

fn benches(c: &mut Criterion) {
    let creds = Credentials::new(APP_ID, CERT).unwrap();
    let issue = Issue::at(1_700_000_000, 12345);
    let user = RtcUser::Uid(2_882_341_273);

    let p006 = v006::RtcParams {
        channel_name: CHANNEL,
        subject: v006::Subject::Uid(2_882_341_273),
        role: v006::Role::Publisher,
        privilege_expired_ts: 1_700_003_600,
        salt: 12345,
        ts: 1_700_086_400,
    };
    let t006 = v006::build_rtc(&creds, &p006).unwrap();
    let rtc007 = builders::rtc(issue, CHANNEL, &user, RtcRole::Publisher, 3600, 3600);
    let t007 = rtc007.build(&creds).unwrap();
    let payload007 = rtc007.payload(&creds).unwrap();
    let info_len = payload007.len() - 34;

    let mut g = c.benchmark_group("native");
    g.bench_function("build_006_rtc", |b| {
        b.iter(|| v006::build_rtc(&creds, black_box(&p006)).unwrap())
    });
    g.bench_function("build_007_rtc", |b| {
        b.iter(|| {
            builders::rtc(
                black_box(issue),
                CHANNEL,
                &user,
                RtcRole::Publisher,
                3600,
                3600,
            )
            .build(&creds)
            .unwrap()
        })
    });
    g.bench_function("build_007_rtm", |b| {
        b.iter(|| {
            builders::rtm(black_box(issue), "test_user", 3600)
                .build(&creds)
                .unwrap()
        })
    });
    g.bench_function("parse_006", |b| {
        b.iter(|| v006::Token::parse(black_box(&t006)).unwrap())
    });
    g.bench_function("parse_007", |b| {
        b.iter(|| ParsedToken2::parse(black_box(&t007)).unwrap())
    });
    let parsed006 = v006::Token::parse(&t006).unwrap();
    g.bench_function("verify_006", |b| {
        b.iter(|| {
            parsed006
                .verify(&creds.certificate, CHANNEL, black_box("2882341273"))
                .unwrap()
        })
    });
    let parsed007 = ParsedToken2::parse(&t007).unwrap();
    g.bench_function("verify_007", |b| {
        b.iter(|| assert!(black_box(&parsed007).verify(&creds.certificate)))
    });

    // The floors: what any implementation must compute per token, with the same caching any
    // implementation may use: the HMAC state keyed by the certificate (006) and the 007
    // first-stage key HMAC(issueTs, certificate), shared by every token of the same second.
    let m006 = [0u8; 38]; // salt, ts, 4 privileges
    let content006 = vec![0u8; 86];
    let keyed = Hmac::<Sha256>::new_from_slice(CERT.as_bytes()).unwrap();
    g.bench_function("floor_006", |b| {
        b.iter(|| {
            let mut m = black_box(&keyed).clone();
            for p in [
                APP_ID.as_bytes(),
                CHANNEL.as_bytes(),
                b"2882341273",
                black_box(&m006),
            ] {
                m.update(p);
            }
            let sig: [u8; 32] = m.finalize().into_bytes().into();
            let crc = crc32fast::hash(CHANNEL.as_bytes()) ^ crc32fast::hash(b"2882341273");
            let mut s = String::with_capacity(200);
            STANDARD.encode_string(black_box(&content006), &mut s);
            (sig, crc, s)
        })
    });
    let info = vec![0u8; info_len];
    let compressed = vec![0u8; t007.len() * 3 / 4];
    let k1 = hmac(&1_700_000_000u32.to_le_bytes(), &[CERT.as_bytes()]);
    g.bench_function("floor_007", |b| {
        b.iter(|| {
            let k2 = hmac(&12345u32.to_le_bytes(), &[black_box(&k1)]);
            let sig = hmac(&k2, &[black_box(&info)]);
            let mut s = String::with_capacity(300);
            STANDARD.encode_string(black_box(&compressed), &mut s);
            (sig, s)
        })
    });
    g.bench_function("deflate_ours", |b| {
        b.iter(|| agora_token::deflate_for_bench(black_box(&payload007)))
    });
    g.bench_function("deflate_miniz_oxide", |b| {
        b.iter(|| miniz_oxide::deflate::compress_to_vec_zlib(black_box(&payload007), 6))
    });
    g.finish();
}

criterion_group!(native, benches);
criterion_main!(native);
