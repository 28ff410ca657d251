//! The caller's options objects, read with serde (serde-wasm-bindgen).
//!
//! [`read`] takes a JavaScript value and deserializes it into one options type per call
//! (`#[derive(Deserialize)]`, camelCase, `deny_unknown_fields`). It first checks that the
//! value is a plain object (a `Map`, an array or a class instance is refused, naming the
//! options), reads each own enumerable property once (a throwing getter is an error naming
//! the property, never an exception through wasm), leaves out `undefined` ones (absent) and
//! refuses a string longer than [`MAX_STRING`] code units. The derived `Deserialize` then
//! hands each value to the field's leaf type, which reads the JavaScript value itself; an
//! unknown property is an error that names it, and a value of the wrong type one that names
//! the property and the type it wants, with the core's code for that property. The errors
//! are [`ReadError`]s, never serde's messages, so no number is ever formatted (which would
//! link float formatting into the module).
//!
//! The leaf types ([`Text`], [`U32`], [`UidValue`], [`Raw`]) keep JavaScript's
//! distinctions that a generic deserializer loses: `null` is not absent, a BigInt is not a
//! number, a string with a lone UTF-16 surrogate is refused (not replaced).

use std::cell::Cell;

use js_sys::{Array, JsString, Object, Reflect};
use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::error::coded;
use crate::error::ErrorKind;

/// The longest string accepted from JavaScript, in UTF-16 code units (every core rule is
/// far below it; longer strings are refused before they are copied into wasm).
pub const MAX_STRING: u32 = 65_536;

/// The rule of a 32-bit unsigned integer.
const U32_RULE: &str = "an integer in 0..=4294967295";
/// The rule of a 16-bit signed integer.
const I16_RULE: &str = "an integer in -32768..=32767";

#[wasm_bindgen]
extern "C" {
    /// A JavaScript string, for the method below.
    type StringValue;

    /// `String.prototype.isWellFormed`: no lone UTF-16 surrogate.
    #[wasm_bindgen(method, js_name = isWellFormed)]
    fn is_well_formed(this: &StringValue) -> bool;
}

/// What a JavaScript value is, for messages ("a string", "null", "an array", …); never the
/// value itself.
pub fn type_name(v: &JsValue) -> &'static str {
    if v.is_undefined() {
        "undefined"
    } else if v.is_null() {
        "null"
    } else if v.is_string() {
        "a string"
    } else if let Some(n) = v.as_f64() {
        if n.is_nan() {
            "NaN"
        } else {
            "a number"
        }
    } else if v.as_bool().is_some() {
        "a boolean"
    } else if v.is_bigint() {
        "a bigint"
    } else if v.is_symbol() {
        "a symbol"
    } else if v.is_function() {
        "a function"
    } else if Array::is_array(v) {
        "an array"
    } else {
        "an object"
    }
}

/// The text of a JavaScript string, or the rule it breaks.
pub fn js_text(v: &JsValue) -> Result<String, String> {
    let Some(s) = v.dyn_ref::<JsString>() else {
        return Err(format!("must be a string (got {})", type_name(v)));
    };
    if s.length() > MAX_STRING {
        return Err(format!(
            "must be at most {MAX_STRING} characters (got {})",
            s.length()
        ));
    }
    if !v.unchecked_ref::<StringValue>().is_well_formed() {
        return Err("contains a lone UTF-16 surrogate".into());
    }
    Ok(String::from(s))
}

/// A JavaScript number that is an integer in `min..=max`.
fn js_int(v: &JsValue, min: f64, max: f64, rule: &str) -> Result<f64, String> {
    match v.as_f64() {
        Some(n) if n.fract() == 0.0 && n >= min && n <= max => Ok(n),
        Some(_) => Err(format!("must be {rule}")),
        None => Err(format!("must be {rule} (got {})", type_name(v))),
    }
}

/// The number of a JavaScript value that must be a `u32`, or the rule it breaks.
pub fn js_u32(v: &JsValue) -> Result<u32, String> {
    // In range and integral: the conversion is exact.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    js_int(v, 0.0, f64::from(u32::MAX), U32_RULE).map(|n| n as u32)
}

/// The number of a JavaScript value that must be an `i16`, or the rule it breaks.
pub fn js_i16(v: &JsValue) -> Result<i16, String> {
    // In range and integral: the conversion is exact.
    #[allow(clippy::cast_possible_truncation)]
    js_int(v, f64::from(i16::MIN), f64::from(i16::MAX), I16_RULE).map(|n| n as i16)
}

/// The name under which a leaf asks [`Value`] for the JavaScript value itself.
const LEAF: &str = "agora_token::js::options::Leaf";

thread_local! {
    /// The value [`Value`] hands to the leaf that asked for it (wasm32 has one thread, and
    /// the hand-off is taken in the same call that fills it).
    static HANDOFF: Cell<Option<JsValue>> = const { Cell::new(None) };
}

/// Hands the leaf its JavaScript value: [`Value`] answers a newtype struct named [`LEAF`] by
/// putting the value in [`HANDOFF`] and visiting a unit, which [`Handoff`] turns back into
/// the value.
struct Handoff;

impl<'de> Visitor<'de> for Handoff {
    type Value = JsValue;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JavaScript value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<JsValue, E> {
        HANDOFF
            .with(Cell::take)
            .ok_or_else(|| E::custom("could not be read"))
    }
}

/// Reads the value as it is.
fn preserved<'de, D: Deserializer<'de>>(d: D) -> Result<JsValue, D::Error> {
    d.deserialize_newtype_struct(LEAF, Handoff)
}

/// Why an options object could not be read: an unknown property (with the ones that are
/// known), or the rule its value breaks. Never formats the value: serde's own messages
/// (which would format a number) are replaced by the rule of the field.
#[derive(Debug)]
pub enum ReadError {
    /// A property that is not an option; the options there are.
    Unknown(&'static [&'static str]),
    /// The rule the value breaks.
    Rule(String),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Unknown(_) => f.write_str("is not a known option"),
            Self::Rule(rule) => f.write_str(rule),
        }
    }
}

impl std::error::Error for ReadError {}

impl de::Error for ReadError {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        Self::Rule(msg.to_string())
    }

    fn invalid_type(_: de::Unexpected<'_>, _: &dyn de::Expected) -> Self {
        Self::Rule("has the wrong type".into())
    }

    fn invalid_value(_: de::Unexpected<'_>, _: &dyn de::Expected) -> Self {
        Self::Rule("has an invalid value".into())
    }

    fn invalid_length(_: usize, _: &dyn de::Expected) -> Self {
        Self::Rule("has the wrong length".into())
    }

    fn unknown_variant(_: &str, _: &'static [&'static str]) -> Self {
        Self::Rule("is not one of the accepted values".into())
    }

    fn unknown_field(_: &str, expected: &'static [&'static str]) -> Self {
        Self::Unknown(expected)
    }

    fn missing_field(_: &'static str) -> Self {
        Self::Rule("is required".into())
    }

    fn duplicate_field(_: &'static str) -> Self {
        Self::Rule("is given twice".into())
    }
}

/// One property's value, for its leaf type (see [`preserved`]).
struct Value(JsValue);

impl<'de> Deserializer<'de> for Value {
    type Error = ReadError;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        Err(ReadError::Rule("could not be read".into()))
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        if name != LEAF {
            return self.deserialize_any(visitor);
        }
        HANDOFF.with(|h| h.set(Some(self.0)));
        let r = visitor.visit_unit();
        HANDOFF.with(|h| h.set(None));
        r
    }

    /// `null` is `None` (as serde-wasm-bindgen reads it), anything else the option's value.
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        if self.0.is_null() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct seq tuple tuple_struct map struct enum
        identifier ignored_any
    }
}

/// An optional string option (absent: `None`; `null` or another type is refused).
#[derive(Debug, Default)]
pub struct Text(pub Option<String>);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        js_text(&preserved(d)?)
            .map(|s| Self(Some(s)))
            .map_err(de::Error::custom)
    }
}

/// An optional `u32` option (seconds, unix times, salts).
#[derive(Debug, Default, Clone, Copy)]
pub struct U32(pub Option<u32>);

impl<'de> Deserialize<'de> for U32 {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        js_u32(&preserved(d)?)
            .map(|n| Self(Some(n)))
            .map_err(de::Error::custom)
    }
}

/// A uid option: a number, or the decimal text of one (which the core parses).
#[derive(Debug, Default)]
pub enum UidValue {
    /// Not given.
    #[default]
    Absent,
    /// A number in `0..=4294967295`.
    Number(u32),
    /// A string, to be parsed as a decimal uid.
    Text(String),
}

impl<'de> Deserialize<'de> for UidValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = preserved(d)?;
        let r = if v.as_f64().is_some() {
            js_u32(&v).map(Self::Number)
        } else if v.is_string() {
            js_text(&v).map(Self::Text)
        } else {
            Err(format!(
                "must be {U32_RULE} or a string of decimal digits (got {})",
                type_name(&v)
            ))
        };
        r.map_err(de::Error::custom)
    }
}

/// The TypeScript type of a leaf option (feature `ts`, for the generated options types).
#[cfg(feature = "ts")]
macro_rules! ts_leaf {
    ($t:ty, $ts:literal) => {
        impl ts_rs::TS for $t {
            type WithoutGenerics = Self;
            type OptionInnerType = Self;

            fn name(_: &ts_rs::Config) -> String {
                $ts.into()
            }

            fn inline(_: &ts_rs::Config) -> String {
                $ts.into()
            }
        }
    };
}

#[cfg(feature = "ts")]
ts_leaf!(Text, "string");
#[cfg(feature = "ts")]
ts_leaf!(U32, "number");
#[cfg(feature = "ts")]
ts_leaf!(UidValue, "number | string");

/// A nested value kept as it is, read by its own [`read`] (absent: `undefined`).
#[derive(Debug, Default)]
pub struct Raw(pub JsValue);

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        preserved(d).map(Self)
    }
}

impl Raw {
    /// Whether the option was given.
    pub fn given(&self) -> bool {
        !self.0.is_undefined()
    }
}

/// Declares a string-literal enum option: its variants and their JavaScript spellings, and
/// (feature `ts`) its TypeScript union, named `$ts`.
macro_rules! literal_enum {
    ($(#[$doc:meta])* $name:ident as $ts:literal { $($(#[$vdoc:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = $ts))]
        pub enum $name {
            $($(#[$vdoc])* #[cfg_attr(feature = "ts", ts(rename = $text))] $variant),+
        }

        impl $name {
            /// The accepted spellings, for messages.
            const RULE: &'static str = concat!("must be ", literal_enum!(@list $($text),+));
        }

        impl $name {
            /// The variant a JavaScript value spells, or the rule it breaks.
            pub fn from_js(v: &JsValue) -> Result<Self, String> {
                match js_text(v)?.as_str() {
                    $($text => Ok(Self::$variant),)+
                    _ => Err(Self::RULE.into()),
                }
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                Self::from_js(&preserved(d)?).map_err(de::Error::custom)
            }
        }
    };
    (@list $a:literal, $b:literal) => { concat!("\"", $a, "\" or \"", $b, "\"") };
}

literal_enum! {
    /// The RTC role of the headline API.
    RoleName as "RtcRoleName" {
        /// May publish.
        Publisher = "publisher",
        /// May only subscribe (the default).
        Subscriber = "subscriber",
    }
}

literal_enum! {
    /// The token format: `"007"` (AccessToken2, the default) or `"006"` (AccessToken, the
    /// seed package's).
    VersionName as "TokenVersion" {
        /// AccessToken 006.
        V006 = "006",
        /// AccessToken2 007 (the default).
        V007 = "007",
    }
}

/// Where deserialization last was: reading the key or the value of property `i`.
#[derive(Debug, Clone, Copy)]
enum Stage {
    Start,
    Key(usize),
    Value(usize),
}

/// The properties of an object as serde's map, remembering where it is.
struct Pairs<'a> {
    pairs: &'a [(String, JsValue)],
    next: usize,
    at: &'a Cell<Stage>,
}

impl<'de> Deserializer<'de> for Pairs<'_> {
    type Error = ReadError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        visitor.visit_map(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct enum
        identifier ignored_any
    }
}

impl<'de> MapAccess<'de> for Pairs<'_> {
    type Error = ReadError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Self::Error> {
        let Some((key, _)) = self.pairs.get(self.next) else {
            return Ok(None);
        };
        self.at.set(Stage::Key(self.next));
        let key: de::value::StrDeserializer<'_, Self::Error> = key.as_str().into_deserializer();
        seed.deserialize(key).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, Self::Error> {
        let i = self.next;
        self.next += 1;
        self.at.set(Stage::Value(i));
        let value = self
            .pairs
            .get(i)
            .map_or(JsValue::UNDEFINED, |(_, v)| v.clone());
        seed.deserialize(Value(value))
    }
}

/// A key shown as the field of an error: printable ASCII of at most 64 characters.
fn printable(key: &str) -> bool {
    !key.is_empty() && key.len() <= 64 && key.bytes().all(|b| b.is_ascii_graphic())
}

/// The own enumerable properties of plain object `value` (named `object` in errors),
/// each read once, without the `undefined` ones.
fn properties(value: &JsValue, object: &str) -> Result<Vec<(String, JsValue)>, JsValue> {
    if !value.is_object() || Array::is_array(value) {
        return Err(coded(
            ErrorKind::InvalidField,
            object,
            &format!("must be an object (got {})", type_name(value)),
        ));
    }
    // A plain object's prototype is `Object.prototype` (of any realm, whose own prototype
    // is null) or null; a Map's, an array's or a class instance's is not.
    let proto = Object::get_prototype_of(value);
    if !(proto.is_null() || Object::get_prototype_of(&proto).is_null()) {
        return Err(coded(
            ErrorKind::InvalidField,
            object,
            "must be a plain object ({ … }), not a Map or a class instance",
        ));
    }
    let obj: &Object = value.unchecked_ref();
    let keys = Object::keys(obj);
    let mut out = Vec::with_capacity(keys.length() as usize);
    for key in keys.iter() {
        let name = key.as_string().unwrap_or_default();
        let field = if printable(&name) {
            name.as_str()
        } else {
            object
        };
        let v = Reflect::get(obj, &key).map_err(|_| {
            coded(
                ErrorKind::InvalidField,
                field,
                &format!("could not be read from {object}"),
            )
        })?;
        if let Some(text) = v.dyn_ref::<JsString>() {
            if text.length() > MAX_STRING {
                return Err(coded(
                    ErrorKind::FieldTooLong,
                    field,
                    &format!(
                        "must be at most {MAX_STRING} characters (got {})",
                        text.length()
                    ),
                ));
            }
        }
        if !v.is_undefined() {
            out.push((name, v));
        }
    }
    Ok(out)
}

/// The own enumerable properties of the plain object `value` (named `object` in errors),
/// each read once, without the `undefined` ones: a map of names, read without serde.
pub fn entries(value: &JsValue, object: &str) -> Result<Vec<(String, JsValue)>, JsValue> {
    properties(value, object)
}

/// Deserializes the plain object `value` (named `object` in errors) into `T`; an invalid
/// value of property `key` is an error of kind `code(key)`.
#[inline(never)]
pub fn read<T: DeserializeOwned>(
    value: &JsValue,
    object: &str,
    code: fn(&str) -> ErrorKind,
) -> Result<T, JsValue> {
    read_known(value, object, code, None)
}

/// As [`read`], and with `known`, a property not named there is an unknown option even if
/// `T` has the field: one options type read by several exports, each with its own options,
/// is one deserializer in the module instead of one per export.
#[inline(never)]
pub fn read_known<T: DeserializeOwned>(
    value: &JsValue,
    object: &str,
    code: fn(&str) -> ErrorKind,
    known: Option<&[&str]>,
) -> Result<T, JsValue> {
    let pairs = properties(value, object)?;
    if let Some(known) = known {
        if let Some((key, _)) = pairs.iter().find(|(k, _)| !known.contains(&k.as_str())) {
            return Err(if printable(key) {
                coded(
                    ErrorKind::InvalidField,
                    key,
                    &format!(
                        "is not a known option; expected one of {}",
                        known.join(", ")
                    ),
                )
            } else {
                unprintable(object)
            });
        }
    }
    let at = Cell::new(Stage::Start);
    let r = T::deserialize(Pairs {
        pairs: &pairs,
        next: 0,
        at: &at,
    });
    r.map_err(|e| explain(&e, &pairs, at.get(), object, code))
}

/// The coded error for serde's message `msg`, raised at `stage` of reading `pairs`.
#[inline(never)]
fn explain(
    e: &ReadError,
    pairs: &[(String, JsValue)],
    stage: Stage,
    object: &str,
    code: fn(&str) -> ErrorKind,
) -> JsValue {
    let key = |i: usize| pairs.get(i).map_or("", |(k, _)| k.as_str());
    match stage {
        Stage::Key(i) if printable(key(i)) => {
            let known = match e {
                ReadError::Unknown(known) => known.join(", "),
                ReadError::Rule(_) => String::new(),
            };
            coded(
                ErrorKind::InvalidField,
                key(i),
                &format!("is not a known option; expected one of {known}"),
            )
        }
        Stage::Key(_) => unprintable(object),
        Stage::Value(i) => coded(code(key(i)), key(i), &e.to_string()),
        Stage::Start => coded(ErrorKind::InvalidField, object, &e.to_string()),
    }
}

/// The error of an unknown option whose key cannot be shown.
fn unprintable(object: &str) -> JsValue {
    coded(
        ErrorKind::InvalidField,
        object,
        "has an unknown option (a key that is not printable ASCII of at most 64 characters)",
    )
}

/// The property `key`'s code when its value is invalid: the core's code for that field.
pub fn option_code(key: &str) -> ErrorKind {
    match key {
        "appId" => ErrorKind::InvalidAppId,
        "appCertificate" => ErrorKind::InvalidAppCertificate,
        "channelName" => ErrorKind::InvalidChannelName,
        "uid" => ErrorKind::InvalidUid,
        "role" => ErrorKind::InvalidRole,
        "expiresIn" | "expiresAt" | "issuedAt" | "rtmExpiresIn" | "leeway" => {
            ErrorKind::InvalidExpiry
        }
        "salt" => ErrorKind::InvalidSalt,
        "version" => ErrorKind::UnsupportedVersion,
        "services" => ErrorKind::NoServices,
        _ => ErrorKind::InvalidField,
    }
}

/// The string of a required option, or the error that it is missing.
pub fn required(t: Text, kind: ErrorKind, field: &str) -> Result<String, JsValue> {
    t.0.ok_or_else(|| coded(kind, field, "is required (a string)"))
}
