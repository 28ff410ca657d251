//! `pkg-template/generated/api.d.ts`: the TypeScript of the package's options and results,
//! generated from the Rust types (feature `ts`, ts-rs):
//!
//! - the results of `inspectToken` and `verifyToken` are the core's serde model
//!   ([`TokenInfo`], [`ServiceInfo`], [`PrivilegeInfo`], [`Verification`], [`Mismatch`] as
//!   `IdentityMismatch`), whose `TS` derives follow its serde attributes; the `///` docs of
//!   their fields are the JSDoc;
//! - the options of each headline export are the fields of [`known`] it takes (the list its
//!   reader accepts), each typed and documented by its field of [`HeadlineOptions`] (the
//!   leaf types `Text`, `U32`, `UidValue` and the literal enums carry their TypeScript
//!   types), grouped into [`GROUPS`] (`Credentials`, `Reproducible`, the exclusive `Expiry`
//!   and `RtcUserSpec`), with the options each reader requires ([`EXPORTS`]);
//! - `VerifyExpectations` is the reader's [`ExpectedOptions`];
//! - one `declare function` per headline export.
//!
//! [`known`]: crate::js::headline::known

use std::collections::BTreeMap;
use std::fmt::Write as _;

use ts_rs::{Config, TS};

use crate::error::Field;
use crate::inspect::{PrivilegeInfo, ServiceInfo, TokenInfo};
use crate::js::headline::{ExportDecl, Group, HeadlineOptions, EXPORTS, GROUPS};
use crate::js::options::{RoleName, VersionName};
use crate::js::reader::ExpectedOptions;
use crate::verify::{Mismatch, Verification, MISMATCH_FIELDS};

/// One field of a ts-rs declaration.
#[derive(Clone, Debug, Default)]
pub(super) struct Member {
    /// The lines of its doc comment.
    pub doc: Vec<String>,
    /// Its JavaScript name.
    pub name: String,
    /// Whether ts-rs declared it optional (`name?:`).
    pub optional: bool,
    /// Its TypeScript type.
    pub ty: String,
}

/// The configuration: `u64` (unix times) is a JavaScript number, as serde-wasm-bindgen's
/// JSON-compatible serializer writes it.
fn config() -> Config {
    Config::new().with_large_int("number")
}

/// A rustdoc link `` [`x`] `` as JSDoc code `` `x` `` (`crate::` paths without it).
fn unlink(line: &str) -> String {
    line.replace("[`crate::", "`")
        .replace("[`", "`")
        .replace("`]", "`")
}

/// The lines of a JSDoc comment (`/**`, ` * …`, ` */`).
fn doc_lines<'a>(lines: impl Iterator<Item = &'a str>) -> Vec<String> {
    lines
        .map(str::trim)
        .filter(|l| *l != "/**" && *l != "*/")
        .map(|l| unlink(l.strip_prefix('*').unwrap_or(l).trim_start()))
        .collect()
}

/// The doc of type `T`.
fn type_doc<T: TS>() -> Vec<String> {
    T::docs().map(|d| doc_lines(d.lines())).unwrap_or_default()
}

/// The fields of the struct `T`, from its ts-rs declaration
/// (`type T = { /** doc */ name?: type, … };`).
pub(super) fn members<T: TS>() -> Vec<Member> {
    let decl = T::decl(&config());
    let body = decl
        .split_once('{')
        .map(|(_, b)| b.trim_end().trim_end_matches("};"))
        .unwrap_or_default();
    let mut out = Vec::new();
    let mut doc = Vec::new();
    let mut in_doc = false;
    for line in body.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if line.starts_with("/**") {
            in_doc = true;
        }
        if in_doc {
            doc.push(line);
            in_doc = !line.ends_with("*/");
            continue;
        }
        let line = line.trim_end_matches(',');
        let (name, ty) = line.split_once(": ").unwrap_or((line, ""));
        let optional = name.ends_with('?');
        out.push(Member {
            doc: doc_lines(doc.drain(..)),
            name: name.trim_end_matches('?').to_owned(),
            optional,
            ty: ty.to_owned(),
        });
    }
    out
}

/// A JSDoc comment at `indent` spaces: one line when it fits on one.
fn jsdoc(doc: &[String], indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    match doc {
        [] => {}
        [one] => {
            let _ = writeln!(out, "{pad}/** {one} */");
        }
        lines => {
            let _ = writeln!(out, "{pad}/**");
            for l in lines {
                let _ = writeln!(out, "{pad} * {l}");
            }
            let _ = writeln!(out, "{pad} */");
        }
    }
}

/// One property line.
fn property(m: &Member, optional: bool, out: &mut String) {
    jsdoc(&m.doc, 4, out);
    let q = if optional { "?" } else { "" };
    let _ = writeln!(out, "    {}{q}: {};", m.name, m.ty);
}

/// `export interface name { … }` of the struct `T`; `optional`: every field is.
fn interface<T: TS>(name: &str, optional: bool, out: &mut String) {
    out.push('\n');
    jsdoc(&type_doc::<T>(), 0, out);
    let _ = writeln!(out, "export interface {name} {{");
    for m in members::<T>() {
        property(&m, optional || m.optional, out);
    }
    out.push_str("}\n");
}

/// `export type name = "a" | "b";` of the literal enum `T`.
fn literal_union<T: TS>(out: &mut String) {
    out.push('\n');
    jsdoc(&type_doc::<T>(), 0, out);
    let _ = writeln!(out, "export {}", T::decl(&config()));
}

/// The fields of [`HeadlineOptions`] by name.
fn options_fields() -> BTreeMap<String, Member> {
    members::<HeadlineOptions>()
        .into_iter()
        .map(|m| (m.name.clone(), m))
        .collect()
}

/// The field `name` of `fields`, with `e`'s override of its type and doc.
fn field(fields: &BTreeMap<String, Member>, e: Option<&ExportDecl>, name: &str) -> Member {
    assert!(
        fields.contains_key(name),
        "{name} is not a field of HeadlineOptions"
    );
    let mut m = fields.get(name).cloned().unwrap_or_default();
    if let Some(&(_, ty, doc)) = e.and_then(|e| e.overrides.iter().find(|o| o.0 == name)) {
        ty.clone_into(&mut m.ty);
        m.doc = vec![doc.to_owned()];
    }
    m
}

/// A group's type: an interface, or a union of `?: never` alternatives.
fn group(g: &Group, fields: &BTreeMap<String, Member>, out: &mut String) {
    out.push('\n');
    jsdoc(&[g.doc.to_owned()], 0, out);
    if !g.one_of {
        let _ = writeln!(out, "export interface {} {{", g.name);
        for f in g.fields {
            property(&field(fields, None, f), !g.required, out);
        }
        out.push_str("}\n");
        return;
    }
    let _ = writeln!(out, "export type {} =", g.name);
    for (i, chosen) in g.fields.iter().enumerate() {
        out.push_str("| {\n");
        for f in g.fields {
            if f == chosen {
                // Without a required choice the first alternative also stands for none.
                property(&field(fields, None, f), !g.required && i == 0, out);
            } else {
                let _ = writeln!(out, "    {f}?: never;");
            }
        }
        out.push_str(if i + 1 == g.fields.len() {
            "};\n"
        } else {
            "}\n"
        });
    }
}

/// An export's options type: its [`GROUPS`] and the rest of its options.
fn options_type(e: &ExportDecl, fields: &BTreeMap<String, Member>, out: &mut String) {
    let mut parts: Vec<String> = Vec::new();
    let mut rest: Vec<&str> = e.known.to_vec();
    for g in GROUPS {
        let taken = g.fields.iter().filter(|f| e.known.contains(f)).count();
        assert!(
            taken == 0 || taken == g.fields.len(),
            "{} takes part of {}",
            e.function,
            g.name
        );
        if taken > 0 {
            parts.push(g.name.to_owned());
            rest.retain(|f| !g.fields.contains(f));
        }
    }
    let mut body = parts.join(" &\n");
    if !rest.is_empty() {
        body.push_str(if parts.is_empty() { "{\n" } else { " & {\n" });
        for f in rest {
            property(
                &field(fields, Some(e), f),
                !e.required.contains(&f),
                &mut body,
            );
        }
        body.push('}');
    }
    out.push('\n');
    jsdoc(&[e.options_doc.to_owned()], 0, out);
    let _ = writeln!(out, "export type {} = {body};", e.options);
}

/// The file's header.
const HEAD: &str = "// Generated from the Rust types by src/js/vocab/api.rs (ts-rs; pkg-template/build.sh runs it;\n\
// `cargo test --all-features` fails when this file is not current). Do not edit.\n\
// The options types: each headline export's options (src/js/headline.rs `known`, typed by\n\
// `HeadlineOptions`) and verifyToken's (src/js/reader.rs); the results: the core's serde\n\
// model (src/inspect.rs, src/verify.rs).\n";

/// `pkg-template/generated/api.d.ts`.
pub(crate) fn render() -> String {
    let mut o = String::from(HEAD);
    literal_union::<VersionName>(&mut o);
    literal_union::<RoleName>(&mut o);
    let fields = options_fields();
    for g in GROUPS {
        group(g, &fields, &mut o);
    }
    let mut declared = Vec::new();
    for e in EXPORTS {
        if !declared.contains(&e.options) {
            declared.push(e.options);
            options_type(e, &fields, &mut o);
        }
    }
    interface::<ExpectedOptions>("VerifyExpectations", true, &mut o);

    interface::<PrivilegeInfo>("PrivilegeInfo", false, &mut o);
    interface::<ServiceInfo>("ServiceInfo", false, &mut o);
    interface::<TokenInfo>("TokenInfo", false, &mut o);
    let mismatch_fields: Vec<&str> = MISMATCH_FIELDS
        .iter()
        .flat_map(|f| f.iter().map(|f| Field::js_name(*f)))
        .collect();
    let _ = writeln!(
        o,
        "\n/** A field an identity mismatch names. */\nexport type MismatchField = {};",
        super::union(mismatch_fields)
    );
    interface::<Mismatch>("IdentityMismatch", false, &mut o);
    interface::<Verification>("Verification", false, &mut o);
    o.push_str(
        "\n/** Every error this package throws for bad input: `message` is `field: rule` (src/js/error.rs). */\n\
         export interface AgoraTokenError extends Error {\n    \
         code: ErrorCode;\n    \
         /** The field at fault, in camelCase (`appId`, `uid`, …). */\n    \
         field: string;\n}\n",
    );
    for e in EXPORTS {
        o.push('\n');
        let doc: Vec<String> = e.doc.lines().map(str::to_owned).collect();
        jsdoc(&doc, 0, &mut o);
        let _ = writeln!(
            o,
            "export declare function {}(options: {}): string;",
            e.function, e.options
        );
    }
    o
}

mod tests {
    use super::*;

    /// Every headline export of src/js/headline.rs, and `buildRtcToken` (its reader is in
    /// JavaScript), has its declaration in [`EXPORTS`], once.
    #[test]
    fn every_headline_export_is_declared() {
        let rust = include_str!("../headline.rs");
        let mut exports: Vec<&str> = rust
            .split("#[wasm_bindgen(js_name = ")
            .skip(1)
            .filter_map(|s| s.split(')').next())
            .collect();
        exports.push("buildRtcToken");
        exports.sort_unstable();
        let mut declared: Vec<&str> = EXPORTS.iter().map(|e| e.function).collect();
        declared.sort_unstable();
        assert_eq!(declared, exports);
    }

    /// What an export requires is one of its options, and not one of a group's (a group
    /// says itself whether its options are required).
    #[test]
    fn required_options_are_taken() {
        for e in EXPORTS {
            for r in e.required {
                assert!(e.known.contains(r), "{}: {r}", e.function);
                assert!(
                    GROUPS.iter().all(|g| !g.fields.contains(r)),
                    "{}: {r}",
                    e.function
                );
            }
            for (name, _, _) in e.overrides {
                assert!(e.known.contains(name), "{}: {name}", e.function);
            }
        }
    }

    /// The keys serde writes for `value`, a `T`, are fields `T` declares, and every
    /// field it declares required is written; `T`'s nested results are checked as well.
    fn check_keys<T: TS>(value: &serde_json::Value) {
        let declared = members::<T>();
        let keys: Vec<&String> = value
            .as_object()
            .map(|o| o.keys().collect())
            .unwrap_or_default();
        for k in &keys {
            assert!(
                declared.iter().any(|m| &m.name == *k),
                "{}: {k} is not declared",
                T::name(&config())
            );
        }
        for m in declared.iter().filter(|m| !m.optional) {
            assert!(
                keys.contains(&&m.name),
                "{}: {} is not written",
                T::name(&config()),
                m.name
            );
        }
    }

    /// Every key of a serialized inspection and verification (006 and 007, every optional
    /// field present in one of them) is declared, and every required field is written.
    #[test]
    fn results_declare_the_serialized_keys() {
        use crate::builders::{apaas_room_user, rtm_with_permissions};
        use crate::clock::Issue;
        use crate::credentials::{AppCertificate, Credentials};
        use crate::options::{build_rtc_token, RtcOptions, Version};
        use crate::rtc::RtcUser;
        use crate::v007::{PermissionType, Permissions, ResourceType};
        use crate::verify::{check, verify, Expected};

        let app_id = "970ca35de60c44645bbae8a215061b33";
        let cert = "5cfd2fd1755d40ecb72977518be15d3b";
        let creds = Credentials::new(app_id, cert).unwrap();
        let issue = Issue {
            issue_ts: 1_700_000_000,
            salt: 1,
        };
        let mut perms = Permissions::new();
        perms.set(
            ResourceType::ALL[0],
            PermissionType::ALL[0],
            vec!["c".into()],
        );
        let mut rtc = RtcOptions::new("demo", RtcUser::Uid(0));
        rtc.version = Version::V006;
        rtc.issue = Some(issue);
        let tokens = [
            rtm_with_permissions(issue, "u", perms, 600)
                .build(&creds)
                .unwrap(),
            apaas_room_user(issue, "r", "u", 1, 600)
                .build(&creds)
                .unwrap(),
            build_rtc_token(&creds, &rtc).unwrap(),
        ];
        let certificate = AppCertificate::new(cert).unwrap();
        let expected = Expected {
            user_id: Some("other".into()),
            channel_name: Some("other".into()),
            now: Some(1_700_000_100),
            ..Expected::default()
        };
        for token in &tokens {
            let info =
                serde_json::to_value(crate::inspect::inspect(token, Some(1)).unwrap()).unwrap();
            check_keys::<TokenInfo>(&info);
            for service in info["services"].as_array().unwrap() {
                check_keys::<ServiceInfo>(service);
                for privilege in service["privileges"].as_array().unwrap() {
                    check_keys::<PrivilegeInfo>(privilege);
                }
            }
            for v in [
                verify(token, &certificate, &expected),
                check(token, &expected),
            ] {
                let v = serde_json::to_value(v).unwrap();
                check_keys::<Verification>(&v);
                for m in v["mismatches"].as_array().unwrap() {
                    check_keys::<Mismatch>(m);
                }
            }
        }
        let malformed = serde_json::to_value(check("007x", &expected)).unwrap();
        check_keys::<Verification>(&malformed);
    }
}
