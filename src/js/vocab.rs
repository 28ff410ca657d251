//! The vocabulary of the JS boundary, generated from the core's definitions: service types
//! (wire id, fields, the required field, privileges), RTM2 resource and permission types,
//! error codes (a list, and by kind: `errors.invalidUid` is `"INVALID_UID"`, so that the JS
//! layer names a kind without spelling its code) and the boundary's codes ([`super::boundary`]).
//!
//! [`render_js`] writes `pkg-template/generated/vocab.js` (an ES module: the `VOCABULARY`
//! object the drop-in classes, `pkg-template/js/dropins.js`, are driven by, exported as
//! `vocabulary`) and [`render_dts`]
//! `pkg-template/generated/vocab.d.ts` (the TypeScript unions and interfaces that use the
//! names). [`render_options_js`] writes `pkg-template/generated/options.js` (the options
//! `buildRtcToken`'s JavaScript reader takes) and, with the cargo feature `ts`, [`api`]
//! `pkg-template/generated/api.d.ts` (the options and result types, from the Rust types).
//! `pkg-template/build.sh` writes them all (`AGORA_TOKEN_WRITE_VOCAB=1 cargo test
//! --all-features --lib js::vocab`); without the variable the same test fails when the
//! committed files differ from what the core generates, so CI (`cargo test
//! --all-features`) catches a core change without regenerated files.

use std::fmt::Write as _;

#[cfg(all(feature = "ts", feature = "js-read"))]
mod api;

use super::boundary::{LifeKind, Preset, UserKind};
use crate::error::{ErrorKind, Field};
use crate::v007::{PermissionType, ResourceType, ServiceType};
use crate::{Reason, Warning};

/// A JSON-like value that renders as JavaScript and as its TypeScript literal type.
enum Value {
    Num(i64),
    Str(String),
    List(Vec<Value>),
    Obj(Vec<(String, Value)>),
}

impl Value {
    fn obj<K: Into<String>>(entries: impl IntoIterator<Item = (K, Value)>) -> Self {
        Self::Obj(entries.into_iter().map(|(k, v)| (k.into(), v)).collect())
    }

    fn strs<'a>(names: impl IntoIterator<Item = &'a str>) -> Self {
        Self::List(names.into_iter().map(|s| Self::Str(s.into())).collect())
    }

    /// JavaScript (`ts` false) or the TypeScript type of the value (`ts` true). The
    /// JavaScript is frozen as it is built (`Object.freeze` around each object and array),
    /// which starts faster than freezing it afterwards by walking it.
    fn render(&self, ts: bool, indent: usize, out: &mut String) {
        let pad = "  ".repeat(indent + 1);
        let end = "  ".repeat(indent);
        match self {
            Self::Num(n) => {
                let _ = write!(out, "{n}");
            }
            Self::Str(s) if ts => {
                let _ = write!(out, "\"{s}\"");
            }
            Self::Str(s) => {
                let _ = write!(out, "'{s}'");
            }
            Self::List(items) => {
                out.push_str(if ts { "readonly [" } else { "Object.freeze([" });
                for (i, v) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    v.render(ts, indent, out);
                }
                out.push_str(if ts { "]" } else { "])" });
            }
            Self::Obj(entries) if entries.is_empty() => {
                out.push_str(if ts { "{}" } else { "Object.freeze({})" });
            }
            Self::Obj(entries) => {
                out.push_str(if ts { "{\n" } else { "Object.freeze({\n" });
                for (i, (k, v)) in entries.iter().enumerate() {
                    out.push_str(&pad);
                    if ts {
                        out.push_str("readonly ");
                    }
                    out.push_str(k);
                    out.push_str(": ");
                    v.render(ts, indent + 1, out);
                    out.push_str(match (ts, i + 1 == entries.len()) {
                        (true, _) => ";\n",
                        (false, true) => "\n",
                        (false, false) => ",\n",
                    });
                }
                out.push_str(&end);
                out.push_str(if ts { "}" } else { "})" });
            }
        }
    }
}

/// `{ name: code }` of one boundary code set.
macro_rules! code_set {
    ($t:ty) => {
        (
            <$t>::JS,
            Value::obj(
                <$t>::ALL
                    .iter()
                    .map(|c| (c.name(), Value::Num(i64::from(c.code())))),
            ),
        )
    };
}

/// The whole vocabulary.
fn vocabulary() -> Value {
    let services = ServiceType::ALL.iter().map(|t| {
        let fields: Vec<&str> = t.fields().into_iter().map(Field::js_name).collect();
        let privileges = t
            .privilege_names()
            .into_iter()
            .map(|(id, name)| (name, Value::Num(i64::from(id))));
        let required: Vec<&str> = t.required_field().map(Field::js_name).into_iter().collect();
        (
            t.name(),
            Value::obj([
                ("id", Value::Num(i64::from(t.id()))),
                ("fields", Value::strs(fields)),
                ("required", Value::strs(required)),
                ("privileges", Value::obj(privileges)),
            ]),
        )
    });
    Value::obj([
        ("services", Value::obj(services)),
        (
            "rtm2Resources",
            Value::obj(
                ResourceType::ALL
                    .iter()
                    .map(|r| (r.name(), Value::Num(i64::from(r.id())))),
            ),
        ),
        (
            "rtm2Permissions",
            Value::obj(
                PermissionType::ALL
                    .iter()
                    .map(|p| (p.name(), Value::Num(i64::from(p.id())))),
            ),
        ),
        (
            "errorCodes",
            Value::strs(ErrorKind::ALL.iter().map(|k| k.code())),
        ),
        (
            "errors",
            Value::obj(
                ErrorKind::ALL
                    .iter()
                    .map(|k| (lower_first(&format!("{k:?}")), Value::Str(k.code().into()))),
            ),
        ),
        (
            "boundary",
            Value::obj([code_set!(UserKind), code_set!(LifeKind), code_set!(Preset)]),
        ),
    ])
}

const HEAD: &str =
    "// Generated from the Rust core by src/js/vocab.rs (pkg-template/build.sh runs it;\n\
// `cargo test --all-features` fails when this file is not current). Do not edit.\n";

/// `pkg-template/generated/vocab.js`: the ES module `export const VOCABULARY = { … }`.
pub(crate) fn render_js() -> String {
    let mut out = String::from(HEAD);
    out.push_str("export const VOCABULARY = ");
    vocabulary().render(false, 0, &mut out);
    out.push('\n');
    out
}

/// `pkg-template/generated/options.js`: the options `buildRtcToken` takes, for its reader in
/// JavaScript (`pkg-template/js/rtc.js`), from [`known::RTC`](super::headline::known::RTC).
pub(crate) fn render_options_js() -> String {
    let mut out = String::from(HEAD);
    out.push_str(
        "// The options buildRtcToken takes (src/js/headline.rs `known::RTC`).
",
    );
    let names: Vec<String> = super::headline::known::RTC
        .iter()
        .map(|n| format!("'{n}'"))
        .collect();
    let _ = writeln!(out, "export const RTC_OPTIONS = [{}]", names.join(", "));
    out
}

/// `"a" | "b" | …` (`never` for none).
fn union<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    let names: Vec<String> = names.into_iter().map(|n| format!("\"{n}\"")).collect();
    if names.is_empty() {
        "never".into()
    } else {
        names.join(" | ")
    }
}

/// The TypeScript name of a service type's privilege-lifetimes interface.
fn privileges_type(t: ServiceType) -> String {
    format!("{t:?}PrivilegeSeconds")
}

/// `InvalidUid` → `invalidUid`: an [`ErrorKind`] variant as the key of `VOCABULARY.errors`.
fn lower_first(name: &str) -> String {
    let mut c = name.chars();
    c.next().map_or_else(String::new, |f| {
        format!("{}{}", f.to_ascii_lowercase(), c.as_str())
    })
}

/// `k` + the capitalised name: npm agora-token's `Rtm2Permissions` constant names.
pub(crate) fn constant(name: &str) -> String {
    let mut c = name.chars();
    c.next().map_or_else(String::new, |f| {
        format!("k{}{}", f.to_ascii_uppercase(), c.as_str())
    })
}

/// `pkg-template/generated/vocab.d.ts`: the unions and interfaces over the vocabulary, for
/// `generated/api.d.ts` and `pkg-template/api.d.ts` (the three are joined into every entry's
/// types).
pub(crate) fn render_dts() -> String {
    let mut o = String::from(HEAD);
    let _ = writeln!(
        o,
        "\n/** A 007 service type, by its name in the core. */\nexport type ServiceName = {};",
        union(ServiceType::ALL.iter().map(|t| t.name()))
    );
    let _ = writeln!(
        o,
        "\n/** The stable codes of thrown errors (`error.code`). */\nexport type ErrorCode = {};",
        union(ErrorKind::ALL.iter().map(|k| k.code()))
    );
    let _ = writeln!(
        o,
        "\n/** Something valid but probably unintended (`inspectToken`, `verifyToken`). */\nexport type TokenWarning = {};",
        union(Warning::ALL.iter().map(|w| w.code()))
    );
    let _ = writeln!(
        o,
        "\n/** Why `verifyToken` would refuse a token. */\nexport type RefusalReason = {};",
        union(Reason::ALL.iter().map(|r| r.code()))
    );
    let _ = writeln!(
        o,
        "\n/** An RTM2 resource type. */\nexport type RtmResourceName = {};",
        union(ResourceType::ALL.iter().map(|r| r.name()))
    );
    let _ = writeln!(
        o,
        "\n/** An RTM2 permission type. */\nexport type RtmPermissionName = {};",
        union(PermissionType::ALL.iter().map(|p| p.name()))
    );
    o.push_str(
        "\n/** Resource names a user may read and write. */\n\
         export type RtmPermissionLists = { [P in RtmPermissionName]?: string[] };\n\
         \n/** RTM2 resource permissions by resource type. */\n\
         export type RtmPermissions = { [R in RtmResourceName]?: RtmPermissionLists };\n",
    );
    for t in ServiceType::ALL {
        let names = t.privilege_names();
        if names.is_empty() {
            continue;
        }
        let _ = writeln!(
            o,
            "\n/** Lifetimes of the {} privileges, in seconds after issue (0 or absent = as long as the token). */\nexport interface {} {{",
            t.name(),
            privileges_type(*t)
        );
        for (id, name) in names {
            let _ = writeln!(o, "    /** Privilege {id}. */\n    {name}?: number;");
        }
        o.push_str("}\n");
    }
    o.push_str("\n/** One service of `buildToken`; `privileges` maps privilege names to seconds after issue (0 = as long as the token). */\nexport type ServiceSpec =\n");
    for t in ServiceType::ALL {
        let required = t.required_field();
        let mut parts = vec![format!("type: \"{}\"", t.name())];
        let mut rtc_user = false;
        for f in t.fields() {
            let opt = if Some(f) == required { "" } else { "?" };
            match f {
                Field::Uid => rtc_user = true,
                Field::Role => parts.push("role?: number".into()),
                Field::Permissions => parts.push("permissions?: RtmPermissions".into()),
                _ => parts.push(format!("{}{opt}: string", f.js_name())),
            }
        }
        if !t.privilege_names().is_empty() {
            parts.push(format!("privileges?: {}", privileges_type(*t)));
        }
        let body = format!("{{ {} }}", parts.join("; "));
        if rtc_user {
            let _ = writeln!(o, "| ({body} & RtcUserSpec)");
        } else {
            let _ = writeln!(o, "| {body}");
        }
    }
    o.pop();
    o.push_str(";\n");
    let _ = writeln!(
        o,
        "\n/** npm agora-token's `Rtm2Permissions` constants: resource and permission type ids. */\nexport interface Rtm2PermissionConstants {{"
    );
    for r in ResourceType::ALL {
        let _ = writeln!(o, "    readonly {}: {};", constant(r.name()), r.id());
    }
    for p in PermissionType::ALL {
        let _ = writeln!(o, "    readonly {}: {};", constant(p.name()), p.id());
    }
    o.push_str("}\n\n/** The core's vocabulary: names and wire ids of services, privileges, RTM2 resources and permissions, error codes, and the codes of the JS boundary (docs/js-boundary.md). */\nexport interface Vocabulary ");
    vocabulary().render(true, 0, &mut o);
    o.push_str("\n\n/** The core's vocabulary (frozen). */\nexport declare const vocabulary: Vocabulary;\n");
    o
}

mod tests {
    use super::*;
    use std::path::PathBuf;

    /// Writes the generated files with `AGORA_TOKEN_WRITE_VOCAB=1` (pkg-template/build.sh);
    /// otherwise fails when the committed ones are not what the core generates.
    #[test]
    fn generated_vocabulary_is_current() {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("pkg-template/generated");
        #[allow(unused_mut)]
        let mut files = vec![
            ("vocab.js", render_js()),
            ("vocab.d.ts", render_dts()),
            ("options.js", render_options_js()),
        ];
        // The options and result types need ts-rs (cargo feature `ts`).
        #[cfg(all(feature = "ts", feature = "js-read"))]
        files.push(("api.d.ts", api::render()));
        if std::env::var_os("AGORA_TOKEN_WRITE_VOCAB").is_some() {
            std::fs::create_dir_all(&dir).unwrap();
            for (name, text) in &files {
                std::fs::write(dir.join(name), text).unwrap();
            }
            return;
        }
        for (name, text) in &files {
            let committed = std::fs::read_to_string(dir.join(name)).unwrap_or_default();
            assert!(
                committed == *text,
                "pkg-template/generated/{name} is not what the core generates: run \
                 AGORA_TOKEN_WRITE_VOCAB=1 cargo test --all-features --lib js::vocab \
                 (pkg-template/build.sh does) and commit it"
            );
        }
    }

    /// `buildRtcToken`'s reader in JavaScript (`pkg-template/js/rtc.js`, whose error
    /// message lists the generated `RTC_OPTIONS`) takes exactly the options of
    /// `known::RTC`, the fields of the generated `RtcTokenOptions`.
    #[test]
    fn rtc_reader_takes_the_known_options() {
        let js = include_str!("../../pkg-template/js/rtc.js");
        let body = js
            .split("export function buildRtcToken")
            .nth(1)
            .unwrap_or_default();
        let cases: Vec<&str> = body
            .split("case '")
            .skip(1)
            .filter_map(|c| c.split('\'').next())
            .collect();
        assert_eq!(cases, super::super::headline::known::RTC);
    }

    #[test]
    fn vocabulary_names_every_service_and_code() {
        let js = render_js();
        for t in ServiceType::ALL {
            assert!(
                js.contains(&format!("  {}: Object.freeze({{\n", t.name())),
                "{}",
                t.name()
            );
            for (_, p) in t.privilege_names() {
                assert!(js.contains(&format!("{p}: ")), "{p}");
            }
        }
        for k in ErrorKind::ALL {
            assert!(js.contains(&format!("'{}'", k.code())));
        }
        assert_eq!(constant("messageChannels"), "kMessageChannels");
    }
}
