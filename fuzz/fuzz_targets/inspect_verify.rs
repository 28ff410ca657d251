//! `inspect`, `verify` and `check` of either format, with and without expectations.
#![no_main]

use agora_token::{check, inspect, verify, AppCertificate, Expected, RtcUser};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let _ = inspect(&text, Some(1_700_000_000));
    let Ok(cert) = AppCertificate::new("5CFd2fd1755d40ecb72977518be15d3b") else {
        return;
    };
    let expected = match selector % 5 {
        0 => Expected::default(),
        1 => Expected {
            channel_name: Some("7d72365eb983485397e3e3f9d460bdda".into()),
            user: Some(RtcUser::Uid(2_882_341_273)),
            now: Some(1_700_000_000),
            ..Expected::default()
        },
        2 => Expected {
            channel_name: Some(String::new()),
            user: Some(RtcUser::Uid(0)),
            app_id: Some("970CA35de60c44645bbae8a215061b33".into()),
            now: Some(u32::MAX),
            leeway: u32::MAX,
            ..Expected::default()
        },
        3 => Expected {
            user_id: Some(text.to_string()),
            room_uuid: Some(text.to_string()),
            user_uuid: Some(String::new()),
            ..Expected::default()
        },
        _ => Expected {
            user: Some(RtcUser::Account(text.to_string())),
            ..Expected::default()
        },
    };
    let v = verify(&text, &cert, &expected);
    // A verification that says valid must carry a description, no reason and no mismatch.
    assert!(!v.valid || (v.reason.is_none() && v.token.is_some() && v.mismatches.is_empty()));
    // Without a certificate nothing is ever valid, and the identities found are the same.
    let c = check(&text, &expected);
    assert!(!c.valid && c.signature_valid.is_none());
    assert_eq!(c.mismatches, v.mismatches);
});
