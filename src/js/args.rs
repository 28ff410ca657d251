//! Reading JavaScript values into Rust values, strictly.
//!
//! Nothing is coerced: a number field must hold a JS number that is an integer in range, a
//! string field a JS string of valid UTF-16 (a lone surrogate would otherwise be replaced
//! silently), an options object a plain object without unknown keys. `undefined` counts as
//! absent. Every failure is a core [`Error`] naming the field.

use js_sys::{JsString, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use crate::builders::{RtcPrivilegeExpiries, RtcRole, RtcUser};
use crate::clock::Issue;
use crate::credentials::Credentials;
use crate::error::{Error, ErrorKind, Result};
use crate::options::{self, Expiry, Version};
use crate::validate;

/// The longest string accepted from JavaScript, in UTF-16 code units, before any
/// field-specific rule. It keeps a 100 MB string from being copied into wasm memory.
pub const MAX_STRING: u32 = 65_536;

/// A short description of a JS value's type, for error messages (never the value itself).
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
    } else if js_sys::Array::is_array(v) {
        "an array"
    } else {
        "an object"
    }
}

/// The error for a value of the wrong type.
pub fn wrong_type(kind: ErrorKind, field: &'static str, expected: &str, v: &JsValue) -> Error {
    if v.is_undefined() {
        return Error::new(kind, field, format!("is required ({expected})"));
    }
    Error::new(
        kind,
        field,
        format!("must be {expected} (got {})", type_name(v)),
    )
}

/// A JS string, checked for size and well-formed UTF-16.
pub fn string(kind: ErrorKind, field: &'static str, v: &JsValue) -> Result<String> {
    let Some(s) = v.dyn_ref::<JsString>() else {
        return Err(wrong_type(kind, field, "a string", v));
    };
    let len = s.length();
    if len > MAX_STRING {
        return Err(Error::new(
            ErrorKind::FieldTooLong,
            field,
            format!("must be at most {MAX_STRING} characters (got {len})"),
        ));
    }
    if !s.is_valid_utf16() {
        return Err(Error::new(kind, field, "contains a lone UTF-16 surrogate"));
    }
    Ok(String::from(s))
}

/// A JS number that is an integer in `0..=4294967295`.
pub fn u32_value(kind: ErrorKind, field: &'static str, v: &JsValue) -> Result<u32> {
    match v.as_f64() {
        Some(n) => validate::u32_from_f64(field, kind, n),
        None => Err(wrong_type(kind, field, "an integer in 0..=4294967295", v)),
    }
}

/// A JS number that is an integer in `-32768..=32767`.
pub fn i16_value(kind: ErrorKind, field: &'static str, v: &JsValue) -> Result<i16> {
    let bad = || Error::new(kind, field, "must be an integer in -32768..=32767");
    let n = v
        .as_f64()
        .ok_or_else(|| wrong_type(kind, field, "an integer in -32768..=32767", v))?;
    if !n.is_finite() || n.fract() != 0.0 || !(-32768.0..=32767.0).contains(&n) {
        return Err(bad());
    }
    // In range and integral, checked above: the conversion is exact.
    #[allow(clippy::cast_possible_truncation)]
    Ok(n as i16)
}

/// A uid: a JS number (integer `0..=4294967295`) or a string of decimal digits.
pub fn uid(field: &'static str, v: &JsValue) -> Result<u32> {
    if let Some(n) = v.as_f64() {
        return validate::uid_from_f64(field, n);
    }
    if v.is_string() {
        return validate::parse_uid(field, &string(ErrorKind::InvalidUid, field, v)?);
    }
    Err(wrong_type(
        ErrorKind::InvalidUid,
        field,
        "an integer in 0..=4294967295 or a string of decimal digits",
        v,
    ))
}

/// An array of JS strings.
pub fn string_array(kind: ErrorKind, field: &'static str, v: &JsValue) -> Result<Vec<String>> {
    if !js_sys::Array::is_array(v) {
        return Err(wrong_type(kind, field, "an array of strings", v));
    }
    let arr: &js_sys::Array = v.unchecked_ref();
    if arr.length() > u32::from(u16::MAX) {
        return Err(Error::new(
            ErrorKind::FieldTooLong,
            field,
            "may list at most 65535 entries",
        ));
    }
    arr.iter().map(|item| string(kind, field, &item)).collect()
}

/// A plain options object: its properties, read through `Reflect.get`.
#[derive(Debug)]
pub struct Opts {
    obj: JsValue,
    field: &'static str,
}

impl Opts {
    /// Checks that `v` is a non-null, non-array object whose own enumerable keys are all in
    /// `allowed` (a typo such as `expireIn` would otherwise silently give the default).
    pub fn new(field: &'static str, v: &JsValue, allowed: &[&'static str]) -> Result<Self> {
        if !v.is_object() || js_sys::Array::is_array(v) || v.is_function() {
            return Err(wrong_type(ErrorKind::InvalidField, field, "an object", v));
        }
        let keys = Object::keys(v.unchecked_ref::<Object>());
        for key in keys.iter() {
            let known = key
                .as_string()
                .is_some_and(|k| allowed.iter().any(|a| *a == k));
            if !known {
                let shown = key
                    .as_string()
                    .filter(|k| k.len() <= 64 && k.bytes().all(|b| b.is_ascii_graphic()))
                    .map_or_else(String::new, |k| format!(" \"{k}\""));
                return Err(Error::new(
                    ErrorKind::InvalidField,
                    field,
                    format!(
                        "has an unknown option{shown}; the options are {}",
                        allowed.join(", ")
                    ),
                ));
            }
        }
        Ok(Self {
            obj: v.clone(),
            field,
        })
    }

    /// Options that may be omitted entirely (`undefined` or `null` = no options).
    pub fn optional(
        field: &'static str,
        v: &JsValue,
        allowed: &[&'static str],
    ) -> Result<Option<Self>> {
        if v.is_undefined() || v.is_null() {
            return Ok(None);
        }
        Self::new(field, v, allowed).map(Some)
    }

    /// The property `key` (`undefined` if absent). A throwing getter becomes an error.
    pub fn get(&self, key: &'static str) -> Result<JsValue> {
        Reflect::get(&self.obj, &JsValue::from_str(key)).map_err(|_| {
            Error::new(
                ErrorKind::InvalidField,
                key,
                format!("could not be read from {}", self.field),
            )
        })
    }

    /// The property `key` unless it is `undefined`.
    pub fn opt(&self, key: &'static str) -> Result<Option<JsValue>> {
        let v = self.get(key)?;
        Ok(if v.is_undefined() { None } else { Some(v) })
    }

    /// A required string property.
    pub fn str(&self, kind: ErrorKind, key: &'static str) -> Result<String> {
        string(kind, key, &self.get(key)?)
    }

    /// An optional string property.
    pub fn opt_str(&self, kind: ErrorKind, key: &'static str) -> Result<Option<String>> {
        self.opt(key)?.map(|v| string(kind, key, &v)).transpose()
    }

    /// An optional `u32` property.
    pub fn opt_u32(&self, kind: ErrorKind, key: &'static str) -> Result<Option<u32>> {
        self.opt(key)?.map(|v| u32_value(kind, key, &v)).transpose()
    }

    /// `appId` and `appCertificate`, validated.
    pub fn credentials(&self) -> Result<Credentials> {
        let app_id = self.str(ErrorKind::InvalidAppId, "appId")?;
        let certificate = self.str(ErrorKind::InvalidAppCertificate, "appCertificate")?;
        Credentials::new(app_id, certificate)
    }

    /// `expiresIn` or `expiresAt` (mutually exclusive; default one hour).
    pub fn expiry(&self) -> Result<Expiry> {
        let expires_in = self.opt_u32(ErrorKind::InvalidExpiry, "expiresIn")?;
        let expires_at = self.opt_u32(ErrorKind::InvalidExpiry, "expiresAt")?;
        match (expires_in, expires_at) {
            (Some(_), Some(_)) => Err(Error::new(
                ErrorKind::InvalidExpiry,
                "expiresAt",
                "give either expiresIn (seconds) or expiresAt (unix time), not both",
            )),
            (Some(s), None) => Ok(Expiry::In(s)),
            (None, Some(t)) => Ok(Expiry::At(t)),
            (None, None) => Ok(Expiry::default()),
        }
    }

    /// `issuedAt` and `salt`, each filled from the clock / CSPRNG when absent.
    pub fn issue(&self) -> Result<Issue> {
        let issued_at = self.opt_u32(ErrorKind::InvalidExpiry, "issuedAt")?;
        let salt = self.opt_u32(ErrorKind::InvalidSalt, "salt")?;
        options::issue(issued_at, salt)
    }

    /// The issue and the token lifetime `(issue, seconds after issue)`.
    pub fn issue_and_lifetime(&self) -> Result<(Issue, u32)> {
        let expiry = self.expiry()?;
        let issue = self.issue()?;
        let (rel, _) = expiry.resolve(issue.issue_ts)?;
        Ok((issue, rel))
    }

    /// `version`: `"007"` (default) or `"006"`.
    pub fn version(&self) -> Result<Version> {
        match self.opt_str(ErrorKind::UnsupportedVersion, "version")? {
            None => Ok(Version::default()),
            Some(v) => v.parse(),
        }
    }

    /// `role`: `"publisher"` or `"subscriber"` (default).
    pub fn rtc_role(&self) -> Result<RtcRole> {
        match self.opt_str(ErrorKind::InvalidRole, "role")? {
            None => Ok(RtcRole::default()),
            Some(r) => r.parse(),
        }
    }

    /// `uid` (number or decimal string) or `account` (string): exactly one.
    pub fn rtc_user(&self) -> Result<RtcUser> {
        let number = self.opt("uid")?;
        let account = self.opt_str(ErrorKind::InvalidField, "account")?;
        match (number, account) {
            (Some(_), Some(_)) => Err(Error::new(
                ErrorKind::InvalidUid,
                "uid",
                "give either uid or account, not both",
            )),
            (Some(u), None) => Ok(RtcUser::Uid(uid("uid", &u)?)),
            (None, Some(a)) => Ok(RtcUser::Account(a)),
            (None, None) => Err(Error::new(
                ErrorKind::InvalidUid,
                "uid",
                "is required: give uid (0 = any user) or account",
            )),
        }
    }

    /// `privileges`: optional per-privilege lifetimes in seconds (absent ones: 0 = as long
    /// as the token).
    pub fn rtc_privileges(&self) -> Result<Option<RtcPrivilegeExpiries>> {
        let Some(v) = self.opt("privileges")? else {
            return Ok(None);
        };
        let p = Opts::new("privileges", &v, &RTC_PRIVILEGES)?;
        let get = |k| Ok::<_, Error>(p.opt_u32(ErrorKind::InvalidExpiry, k)?.unwrap_or(0));
        Ok(Some(RtcPrivilegeExpiries {
            join_channel: get("joinChannel")?,
            publish_audio: get("publishAudioStream")?,
            publish_video: get("publishVideoStream")?,
            publish_data: get("publishDataStream")?,
        }))
    }
}

/// The keys of an RTC `privileges` object.
pub const RTC_PRIVILEGES: [&str; 4] = [
    "joinChannel",
    "publishAudioStream",
    "publishVideoStream",
    "publishDataStream",
];
