//! Property tests (proptest):
//!
//! - build → parse round-trips for arbitrary valid inputs: 006 RTC/RTM, arbitrary 007
//!   tokens of all ten services (RTM2 permissions included), every builder composition, and
//!   the headline `build_rtc_token` / `build_rtm_token` in both formats through `inspect`
//!   and `verify`;
//! - arbitrary bytes and strings, `006`/`007` prefixes over base64 of random bytes, zlib of
//!   random bytes, and valid tokens with bytes flipped or cut, given to both parsers and to
//!   `inspect` / `verify`, return a result and never panic;
//! - the validation rules: over-long strings are errors (never truncated), and uids, salts
//!   and lifetimes out of range are errors (never wrapped or clamped).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use agora_token::builders::{self, RtcPrivilegeExpiries, RtcRole, RtcRtm2, RtcUser};
use agora_token::v006;
use agora_token::v007::{
    AccessToken2, Apaas, Chat, ConvoAi, Fcdn, Fpa, ParsedToken2, PermissionType, Permissions,
    Privilege, Privileges, ResourceType, Rtc, Rtm, Rtm2, Service, Streaming, Stt,
};
use agora_token::{
    build_rtc_token, build_rtm_token, check, inspect, validate, verify, AppCertificate,
    Credentials, ErrorKind, Expected, Expiry, Field, Issue, ParsedToken, Reason, RtcOptions,
    RtmOptions, Version,
};
use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use proptest::prelude::*;

const CHANNEL_SET: &str = "[a-zA-Z0-9 !#$%&()+\\-:;<=.>?@\\[\\]^_{}|~,]";

fn hex32() -> impl Strategy<Value = String> {
    "[0-9a-fA-F]{32}"
}

fn creds() -> impl Strategy<Value = Credentials> {
    (hex32(), hex32()).prop_map(|(a, c)| Credentials::new(a, c).unwrap())
}

fn channel() -> impl Strategy<Value = String> {
    proptest::string::string_regex(&format!("{CHANNEL_SET}{{1,64}}")).unwrap()
}

/// 1..=`max` bytes of text without control characters.
fn text(max: usize) -> impl Strategy<Value = String> {
    "[^\\p{Cc}]{1,64}".prop_map(move |s| {
        let mut out = String::new();
        for c in s.chars() {
            if out.len() + c.len_utf8() > max {
                break;
            }
            out.push(c);
        }
        if out.is_empty() {
            out.push('x');
        }
        out
    })
}

fn salt() -> impl Strategy<Value = u32> {
    1..=validate::MAX_SALT
}

fn seconds() -> impl Strategy<Value = u32> {
    0..=validate::MAX_RELATIVE_SECONDS
}

fn issue() -> impl Strategy<Value = Issue> {
    (0..=u32::MAX - validate::MAX_RELATIVE_SECONDS, salt()).prop_map(|(t, s)| Issue::at(t, s))
}

fn rtc_user() -> impl Strategy<Value = RtcUser> {
    prop_oneof![
        prop_oneof![Just(0u32), Just(u32::MAX), any::<u32>()].prop_map(RtcUser::Uid),
        text(255).prop_map(RtcUser::Account),
    ]
}

fn role() -> impl Strategy<Value = RtcRole> {
    prop_oneof![Just(RtcRole::Publisher), Just(RtcRole::Subscriber)]
}

fn privileges<P: Privilege>(ids: &'static [u16]) -> impl Strategy<Value = Privileges<P>> {
    proptest::collection::btree_map(proptest::sample::select(ids), seconds(), 0..=ids.len())
        .prop_map(|m| {
            m.into_iter()
                .map(|(id, s)| (P::from_id(id).unwrap(), s))
                .collect()
        })
}

fn permissions() -> impl Strategy<Value = Permissions> {
    let resource = proptest::sample::select(ResourceType::ALL.to_vec());
    let permission = prop_oneof![Just(PermissionType::Read), Just(PermissionType::Write)];
    proptest::collection::btree_map(
        resource,
        proptest::collection::btree_map(
            permission,
            proptest::collection::vec(text(255), 0..4),
            0..=2,
        ),
        0..=5,
    )
    .prop_map(|map| {
        let mut perms = Permissions::new();
        for (resource, grants) in map {
            perms.add_resource(resource);
            for (permission, names) in grants {
                perms.set(resource, permission, names);
            }
        }
        perms
    })
}

/// Any valid 007 service, of all ten types.
fn service() -> impl Strategy<Value = Service> {
    let optional = |max| prop_oneof![Just(String::new()), text(max)];
    prop_oneof![
        (channel(), rtc_user(), privileges(&[1, 2, 3, 4])).prop_map(
            |(channel_name, u, privileges)| Rtc {
                channel_name,
                uid: u.wire(),
                privileges
            }
            .into()
        ),
        (text(64), privileges(&[1])).prop_map(|(user_id, privileges)| Rtm {
            user_id,
            privileges
        }
        .into()),
        (channel(), optional(255), privileges(&[1, 2])).prop_map(
            |(channel_name, account, privileges)| Streaming {
                channel_name,
                account,
                privileges
            }
            .into()
        ),
        privileges(&[1]).prop_map(|privileges| Fpa { privileges }.into()),
        (optional(64), privileges(&[1, 2])).prop_map(|(user_id, privileges)| Chat {
            user_id,
            privileges
        }
        .into()),
        (channel(), optional(255), privileges(&[1, 2])).prop_map(
            |(channel_name, account, privileges)| Fcdn {
                channel_name,
                account,
                privileges
            }
            .into()
        ),
        (
            optional(255),
            optional(255),
            any::<i16>(),
            privileges(&[1, 2, 3])
        )
            .prop_map(|(room_uuid, user_uuid, role, privileges)| Apaas {
                room_uuid,
                user_uuid,
                role,
                privileges
            }
            .into()),
        (text(64), privileges(&[1]), permissions()).prop_map(
            |(user_id, privileges, permissions)| Rtm2 {
                user_id,
                privileges,
                permissions
            }
            .into()
        ),
        Just(ConvoAi::default().into()),
        Just(Stt::default().into()),
    ]
}

/// The claims as the parser must return them: services sorted by type, stably.
fn sorted(claims: &AccessToken2) -> AccessToken2 {
    let mut c = claims.clone();
    c.services.sort_by_key(Service::service_type);
    c
}

fn assert_round_trip(creds: &Credentials, claims: &AccessToken2) -> Result<(), TestCaseError> {
    let token = claims.build(creds).unwrap();
    prop_assert!(token.starts_with("007"));
    let parsed = ParsedToken2::parse(&token).unwrap();
    prop_assert_eq!(&parsed.app_id, creds.app_id.as_str());
    prop_assert_eq!(&parsed.token, &sorted(claims));
    prop_assert!(parsed.verify(&creds.certificate));
    let other = AppCertificate::new("00000000000000000000000000000000").unwrap();
    prop_assert!(!parsed.verify(&other));
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn v007_any_services_round_trip(
        creds in creds(),
        issue in issue(),
        expire in 1..=validate::MAX_RELATIVE_SECONDS,
        services in proptest::collection::vec(service(), 1..6),
    ) {
        let mut claims = AccessToken2::new(issue.issue_ts, expire, issue.salt);
        for s in services {
            claims.add(s);
        }
        assert_round_trip(&creds, &claims)?;
    }

    #[test]
    fn v007_builders_round_trip(
        creds in creds(),
        issue in issue(),
        channel in channel(),
        user in rtc_user(),
        account in text(64),
        role in role(),
        te in 1..=validate::MAX_RELATIVE_SECONDS,
        pe in seconds(),
        p in (seconds(), seconds(), seconds(), seconds()),
        apaas_role in any::<i16>(),
        permissions in permissions(),
        which in 0usize..13,
    ) {
        let p = RtcPrivilegeExpiries { join_channel: p.0, publish_audio: p.1, publish_video: p.2, publish_data: p.3 };
        let rtm2 = RtcRtm2 {
            channel_name: channel.clone(),
            rtc_user: user.clone(),
            role,
            rtc_token_expire: te,
            privileges: p,
            rtm_user_id: account.clone(),
            rtm_token_expire: pe,
        };
        let claims = match which {
            0 => builders::rtc(issue, &channel, &user, role, te, pe),
            1 => builders::rtc_with_privileges(issue, &channel, &user, te, &p),
            2 => builders::rtc_rtm(issue, &channel, &RtcUser::Account(account.clone()), role, te, pe),
            3 => builders::rtc_rtm2(issue, &rtm2),
            4 => builders::convoai(issue, &rtm2),
            5 => builders::stt(issue, &rtm2),
            6 => builders::rtm(issue, &account, te),
            7 => builders::rtm_with_permissions(issue, &account, permissions, te),
            8 => builders::chat_user(issue, &account, te),
            9 => builders::chat_app(issue, te),
            10 => builders::fpa(issue),
            11 => builders::apaas_room_user(issue, &channel, &account, apaas_role, te),
            _ => builders::apaas_user(issue, &account, te),
        };
        assert_round_trip(&creds, &claims)?;
    }

    #[test]
    fn v006_rtc_round_trip(
        creds in creds(),
        channel in channel(),
        user in rtc_user(),
        role in proptest::sample::select(vec![0i64, 1, 2, 101]),
        expire in any::<u32>(),
        salt in salt(),
        ts in any::<u32>(),
    ) {
        let uid = user.wire();
        let subject = match &user {
            RtcUser::Uid(n) => v006::Subject::Uid(*n),
            RtcUser::Account(a) => v006::Subject::Account(a),
        };
        let role = v006::Role::from_id(role).unwrap();
        let token = v006::build_rtc(&creds, &v006::RtcParams {
            channel_name: &channel, subject, role, privilege_expired_ts: expire, salt, ts,
        }).unwrap();
        let prefix = format!("006{}", creds.app_id.as_str());
        prop_assert!(token.starts_with(&prefix));
        let t = v006::Token::parse(&token).unwrap();
        prop_assert_eq!((t.message.salt, t.message.ts), (salt, ts));
        let expected: Vec<(u16, u32)> = role.privileges().iter().map(|p| (p.id(), expire)).collect();
        prop_assert_eq!(t.message.privileges.into_iter().collect::<Vec<_>>(), expected);
        prop_assert_eq!(t.crc_channel_name, crc32fast::hash(channel.as_bytes()));
        prop_assert_eq!(t.crc_uid, crc32fast::hash(uid.as_bytes()));
        let t = v006::Token::parse(&token).unwrap();
        prop_assert_eq!(t.verify(&creds.certificate, &channel, &uid), Ok(()));
        let expected = Expected { channel_name: Some(channel), user: Some(user), ..Expected::default() };
        prop_assert!(verify(&token, &creds.certificate, &expected).valid);
    }

    #[test]
    fn v006_rtm_round_trip(creds in creds(), user in text(64), expire in any::<u32>(), salt in salt(), ts in any::<u32>()) {
        let token = v006::build_rtm(&creds, &v006::RtmParams { user_id: &user, privilege_expired_ts: expire, salt, ts }).unwrap();
        let t = v006::Token::parse(&token).unwrap();
        prop_assert_eq!(t.message.privileges.clone().into_iter().collect::<Vec<_>>(), vec![(1000, expire)]);
        prop_assert_eq!((t.message.salt, t.message.ts, t.crc_uid), (salt, ts, 0));
        prop_assert_eq!(t.verify(&creds.certificate, &user, ""), Ok(()));
    }

    #[test]
    fn headline_api_round_trips_through_inspect_and_verify(
        creds in creds(),
        channel in channel(),
        user in rtc_user(),
        user_id in text(64),
        role in role(),
        version in prop_oneof![Just(Version::V006), Just(Version::V007)],
        issued_at in 0..=u32::MAX - validate::MAX_RELATIVE_SECONDS,
        lifetime in 1..=validate::MAX_RELATIVE_SECONDS,
        absolute in any::<bool>(),
        salt in salt(),
    ) {
        let expiry = if absolute { Expiry::At(issued_at + lifetime) } else { Expiry::In(lifetime) };
        let mut o = RtcOptions::new(channel.clone(), user.clone());
        (o.role, o.expiry, o.version, o.issue) = (role, expiry, version, Some(Issue::at(issued_at, salt)));
        let token = build_rtc_token(&creds, &o).unwrap();
        let info = inspect(&token, Some(issued_at)).unwrap();
        prop_assert_eq!(info.version, version.as_str());
        prop_assert_eq!(info.salt, salt);
        prop_assert_eq!(info.expires_at, u64::from(issued_at) + u64::from(lifetime));
        prop_assert_eq!(info.expired, Some(false));
        let privileges = info.services[0].privileges.iter().map(|p| p.name).collect::<Vec<_>>();
        prop_assert_eq!(privileges.len(), if role == RtcRole::Publisher { 4 } else { 1 });
        match version {
            Version::V007 => {
                prop_assert_eq!(info.issued_at, Some(issued_at));
                prop_assert_eq!(info.expire, Some(lifetime));
                prop_assert_eq!(info.services[0].fields.get("channelName"), Some(&channel));
                prop_assert_eq!(info.services[0].fields.get("uid"), Some(&user.wire()));
            }
            Version::V006 => prop_assert_eq!(info.ts, issued_at.checked_add(86_400)),
        }
        let expected = Expected {
            channel_name: Some(channel),
            user: Some(user),
            now: Some(issued_at),
            app_id: Some(creds.app_id.as_str().to_owned()),
            ..Expected::default()
        };
        let v = verify(&token, &creds.certificate, &expected);
        prop_assert!(v.valid, "{:?}", v.reason);

        let mut o = RtmOptions::new(user_id.clone());
        (o.expiry, o.version, o.issue) = (expiry, version, Some(Issue::at(issued_at, salt)));
        let token = build_rtm_token(&creds, &o).unwrap();
        let info = inspect(&token, None).unwrap();
        prop_assert_eq!(info.services[0].type_name, "rtm");
        prop_assert_eq!(info.expires_at, u64::from(issued_at) + u64::from(lifetime));
        // Either format, verified by the user id: valid for that user, refused for another.
        let for_user = |id: &str| Expected {
            user_id: Some(id.to_owned()),
            now: Some(issued_at),
            ..Expected::default()
        };
        let v = verify(&token, &creds.certificate, &for_user(&user_id));
        prop_assert!(v.valid, "{:?}", v.reason);
        let other = format!("{user_id}x");
        let v = verify(&token, &creds.certificate, &for_user(&other));
        prop_assert_eq!(v.reason, Some(Reason::UserIdMismatch));
    }
}

/// Every parser and the inspection/verification entry points, on any text: a result, never a panic.
fn never_panics(token: &str) {
    let cert = AppCertificate::new("5CFd2fd1755d40ecb72977518be15d3b").unwrap();
    let _ = v006::Token::parse(token);
    let _ = ParsedToken2::parse(token);
    let _ = ParsedToken::parse(token);
    let _ = inspect(token, Some(1_700_000_000));
    let full = Expected {
        app_id: Some("970CA35de60c44645bbae8a215061b33".to_owned()),
        channel_name: Some("c".to_owned()),
        user: Some(RtcUser::Uid(1)),
        user_id: Some("u".to_owned()),
        room_uuid: Some("r".to_owned()),
        user_uuid: Some("w".to_owned()),
        now: Some(1),
        leeway: u32::MAX,
    };
    let _ = check(token, &full);
    let _ = verify(token, &cert, &full);
    let v = verify(token, &cert, &Expected::default());
    if v.token.is_none() {
        assert!(!v.valid, "an unreadable token is never valid");
    }
}

fn zlib(bytes: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(bytes, 6)
}

/// A valid 007 payload (signature and signing info), to mutate.
fn valid_007_payload() -> Vec<u8> {
    let creds = Credentials::new(
        "970CA35de60c44645bbae8a215061b33",
        "5CFd2fd1755d40ecb72977518be15d3b",
    )
    .unwrap();
    let mut perms = Permissions::new();
    perms.set(
        ResourceType::Users,
        PermissionType::Write,
        vec!["u1".into(), "u2".into()],
    );
    let claims = builders::apaas_room_user(Issue::at(1_111_111, 1), "room", "user", 1, 600)
        .with(Rtm2 {
            user_id: "u".into(),
            privileges: Privileges::new(),
            permissions: perms,
        })
        .with(builders::rtc_service(
            "c",
            &RtcUser::Uid(7),
            RtcRole::Publisher,
            60,
        ));
    claims.payload(&creds).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_strings_never_panic(s in ".{0,200}") {
        never_panics(&s);
        never_panics(&format!("006{s}"));
        never_panics(&format!("007{s}"));
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        never_panics(&String::from_utf8_lossy(&bytes));
        never_panics(&format!("007{}", STANDARD.encode(&bytes)));
        never_panics(&format!("006970CA35de60c44645bbae8a215061b33{}", STANDARD.encode(&bytes)));
        never_panics(&format!("007{}", STANDARD.encode(zlib(&bytes))));
    }

    #[test]
    fn mutated_valid_tokens_never_panic(
        flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..4),
        cut in any::<prop::sample::Index>(),
        do_cut in any::<bool>(),
    ) {
        let mut payload = valid_007_payload();
        for (at, byte) in &flips {
            let i = at.index(payload.len());
            payload[i] = *byte;
        }
        if do_cut {
            payload.truncate(cut.index(payload.len()));
        }
        never_panics(&format!("007{}", STANDARD.encode(zlib(&payload))));
        let _ = ParsedToken2::from_payload(&payload);
        // The same bytes as a 006 body.
        never_panics(&format!("006970CA35de60c44645bbae8a215061b33{}", STANDARD.encode(&payload)));
        if flips.is_empty() && !do_cut {
            prop_assert!(ParsedToken2::from_payload(&payload).is_ok());
        }
    }

    #[test]
    fn over_long_strings_are_errors_not_truncations(
        creds in creds(),
        extra in 1usize..300,
        which in 0usize..4,
    ) {
        let issue = Issue::at(1_700_000_000, 1);
        let (result, field) = match which {
            0 => (builders::rtc(issue, &"c".repeat(64 + extra), &RtcUser::Uid(1), RtcRole::Publisher, 60, 60).build(&creds), Field::ChannelName),
            1 => {
                let o = RtcOptions::new("c", RtcUser::Account("a".repeat(255 + extra)));
                (build_rtc_token(&creds, &o), Field::Account)
            }
            2 => (builders::rtm(issue, &"u".repeat(64 + extra), 60).build(&creds), Field::UserId),
            _ => (builders::apaas_user(issue, &"u".repeat(255 + extra), 60).build(&creds), Field::UserUuid),
        };
        let e = result.unwrap_err();
        prop_assert_eq!(e.kind(), ErrorKind::FieldTooLong);
        prop_assert_eq!(e.field(), field);
    }

    #[test]
    fn out_of_range_numbers_are_errors_not_wraps(
        big in (u64::from(u32::MAX) + 1)..=u64::MAX,
        frac in 0.001f64..0.999,
        bad_salt in prop_oneof![Just(0u32), (validate::MAX_SALT + 1)..=u32::MAX],
        too_long in (validate::MAX_RELATIVE_SECONDS + 1)..=u32::MAX,
    ) {
        prop_assert_eq!(validate::parse_uid(Field::Uid, &big.to_string()).unwrap_err().code(), "INVALID_UID");
        #[allow(clippy::cast_precision_loss)]
        let as_float = big as f64;
        prop_assert!(validate::uid_from_f64(Field::Uid, as_float).is_err());
        prop_assert!(validate::uid_from_f64(Field::Uid, 7.0 + frac).is_err());
        prop_assert_eq!(validate::salt(bad_salt).unwrap_err().code(), "INVALID_SALT");
        prop_assert_eq!(Expiry::In(too_long).resolve(0).unwrap_err().code(), "INVALID_EXPIRY");
        let creds = Credentials::new("970CA35de60c44645bbae8a215061b33", "5CFd2fd1755d40ecb72977518be15d3b").unwrap();
        prop_assert!(builders::rtm(Issue::at(0, 1), "u", too_long).build(&creds).is_err());
        prop_assert!(builders::rtm(Issue::at(0, bad_salt), "u", 60).build(&creds).is_err());
        // Issue time plus lifetime past u32 is an error, not a wrapped expiry.
        prop_assert!(builders::rtm(Issue::at(u32::MAX - 10, 1), "u", 11 + (too_long % 1000)).build(&creds).is_err());
    }
}
