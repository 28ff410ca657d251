//! JSON text of the inspection and verification results, for `inspectToken` and
//! `verifyToken` (the JS layer parses it with `JSON.parse`).
//!
//! It writes exactly what the `serde` feature's derives serialize (camelCase keys, absent
//! optional fields left out, enum names in SCREAMING_SNAKE_CASE), without serde and
//! serde-wasm-bindgen, which were about a tenth of the npm module. A test compares the two
//! on every vector.

use std::fmt::Write as _;

use crate::inspect::{PrivilegeInfo, ServiceInfo, TokenInfo};
use crate::verify::{Mismatch, Verification};

/// A JSON object being written: keys are separated by commas as they come.
struct Obj<'a> {
    out: &'a mut String,
    first: bool,
}

impl<'a> Obj<'a> {
    fn new(out: &'a mut String) -> Self {
        out.push('{');
        Self { out, first: true }
    }

    fn key(&mut self, k: &str) -> &mut String {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        string(self.out, k);
        self.out.push(':');
        self.out
    }

    fn str(&mut self, k: &str, v: &str) {
        string(self.key(k), v);
    }

    /// An integer (any of the model's: `u16`, `i16`, `u32`, `u64`), written exactly (with
    /// itoa, which the crate already uses, rather than one `Display` per integer type).
    fn num(&mut self, k: &str, v: impl itoa::Integer) {
        self.key(k).push_str(itoa::Buffer::new().format(v));
    }

    fn opt_num(&mut self, k: &str, v: Option<impl itoa::Integer>) {
        if let Some(v) = v {
            self.num(k, v);
        }
    }

    fn bool(&mut self, k: &str, v: bool) {
        self.key(k).push_str(if v { "true" } else { "false" });
    }

    fn end(self) {
        self.out.push('}');
    }
}

/// A JSON string literal: quotes, backslashes and control characters escaped.
fn string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn array<T>(out: &mut String, items: &[T], mut each: impl FnMut(&mut String, &T)) {
    out.push('[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        each(out, item);
    }
    out.push(']');
}

fn privilege(out: &mut String, p: &PrivilegeInfo) {
    let mut o = Obj::new(out);
    o.num("id", p.id);
    o.str("name", p.name);
    o.opt_num("seconds", p.seconds);
    o.num("expiresAt", p.expires_at);
    o.end();
}

fn service(out: &mut String, s: &ServiceInfo) {
    let mut o = Obj::new(out);
    o.num("type", s.type_id);
    o.str("typeName", s.type_name);
    let fields = o.key("fields");
    let mut f = Obj::new(fields);
    for (k, v) in s.fields.iter() {
        f.str(k, v);
    }
    f.end();
    o.opt_num("role", s.role);
    if let Some(perms) = &s.permissions {
        let mut p = Obj::new(o.key("permissions"));
        for (res, kinds) in perms.iter() {
            let mut r = Obj::new(p.key(res));
            for (kind, list) in kinds.iter() {
                array(r.key(kind), list, |out, s| string(out, s));
            }
            r.end();
        }
        p.end();
    }
    array(o.key("privileges"), &s.privileges, privilege);
    o.end();
}

fn mismatch(out: &mut String, m: &Mismatch) {
    let mut o = Obj::new(out);
    if let Some(service) = m.service {
        o.str("service", service);
    }
    o.str("field", m.field.js_name());
    o.str("expected", &m.expected);
    if let Some(found) = &m.found {
        o.str("found", found);
    }
    o.str("message", &m.message);
    o.end();
}

fn token_info(out: &mut String, t: &TokenInfo) {
    let mut o = Obj::new(out);
    o.str("version", t.version);
    o.str("appId", &t.app_id);
    o.opt_num("issuedAt", t.issued_at);
    o.opt_num("expire", t.expire);
    o.num("expiresAt", t.expires_at);
    o.num("salt", t.salt);
    o.opt_num("ts", t.ts);
    o.opt_num("crcChannelName", t.crc_channel_name);
    o.opt_num("crcUid", t.crc_uid);
    array(o.key("services"), &t.services, service);
    if let Some(expired) = t.expired {
        o.bool("expired", expired);
    }
    array(o.key("warnings"), &t.warnings, |out, w| {
        string(out, w.code());
    });
    o.end();
}

/// The JSON text of a token description.
pub fn token_info_json(t: &TokenInfo) -> String {
    let mut out = String::with_capacity(512);
    token_info(&mut out, t);
    out
}

/// The JSON text of a verification result.
pub fn verification_json(v: &Verification) -> String {
    let mut out = String::with_capacity(640);
    let mut o = Obj::new(&mut out);
    o.bool("valid", v.valid);
    match v.signature_valid {
        Some(b) => o.bool("signatureValid", b),
        None => o.key("signatureValid").push_str("null"),
    }
    o.opt_num(
        "certificate",
        v.certificate.and_then(|i| u64::try_from(i).ok()),
    );
    if let Some(expired) = v.expired {
        o.bool("expired", expired);
    }
    if let Some(r) = v.reason {
        o.str("reason", r.code());
    }
    if let Some(m) = &v.message {
        o.str("message", m);
    }
    if let Some(c) = v.code {
        o.str("code", c);
    }
    array(o.key("warnings"), &v.warnings, |out, w| {
        string(out, w.code())
    });
    array(o.key("mismatches"), &v.mismatches, mismatch);
    if let Some(t) = &v.token {
        token_info(o.key("token"), t);
    }
    o.end();
    out
}

#[cfg(all(test, feature = "serde"))]
mod tests {
    use super::*;
    use crate::inspect::inspect;
    use crate::rtc::RtcUser;
    use crate::test_vectors as loader;
    use crate::verify::{check, verify, Expected};
    use crate::AppCertificate;

    #[test]
    fn same_json_as_the_serde_derives_on_every_vector() {
        let mut checked = 0;
        for v in &loader::vectors() {
            let token = v["expected"].as_str().unwrap();
            for now in [None, Some(0), Some(u32::MAX)] {
                let info = inspect(token, now).unwrap();
                let ours: serde_json::Value =
                    serde_json::from_str(&token_info_json(&info)).unwrap();
                assert_eq!(ours, serde_json::to_value(&info).unwrap(), "{}", v["id"]);
                let cert = v["inputs"]["app_certificate"]
                    .as_str()
                    .unwrap_or("00000000000000000000000000000000");
                let cert = AppCertificate::new(cert).unwrap();
                let exp = Expected {
                    now,
                    ..Expected::default()
                };
                // And with identities that differ, so that mismatches are written too.
                let other = Expected {
                    channel_name: Some("other".into()),
                    user: Some(RtcUser::Account("x\"y".into())),
                    user_id: Some("u".into()),
                    room_uuid: Some("r".into()),
                    user_uuid: Some("w".into()),
                    leeway: 5,
                    ..exp.clone()
                };
                for r in [verify(token, &cert, &exp), check(token, &other)] {
                    let ours: serde_json::Value =
                        serde_json::from_str(&verification_json(&r)).unwrap();
                    assert_eq!(ours, serde_json::to_value(&r).unwrap(), "{}", v["id"]);
                }
                checked += 1;
            }
        }
        assert!(checked >= 60, "{checked}");
        let zero = AppCertificate::new("0".repeat(32)).unwrap();
        for garbage in ["007garbage", "006", "007eJw=", "nope", ""] {
            let bad = verify(garbage, &zero, &Expected::default());
            let ours: serde_json::Value = serde_json::from_str(&verification_json(&bad)).unwrap();
            assert_eq!(ours, serde_json::to_value(&bad).unwrap(), "{garbage}");
        }
    }

    #[test]
    fn strings_are_escaped() {
        let mut out = String::new();
        string(&mut out, "a\"b\\c\n\u{1}é😀");
        assert_eq!(out, "\"a\\\"b\\\\c\\n\\u0001é😀\"");
        let back: String = serde_json::from_str(&out).unwrap();
        assert_eq!(back, "a\"b\\c\n\u{1}é😀");
    }
}
