//! Python arguments to the core's Rust types.
//!
//! Only the Python type is checked here (a `str` is a `str`, an `int` is an `int` and not a
//! `bool` or a `float`); every rule about values (ranges, lengths, character sets) is the
//! core's, and out-of-range integers get the core's own error. Nothing is truncated, wrapped
//! or coerced: `True` is not 1, `1.0` is not 1, `-1` is not 4294967295.

use std::borrow::Cow;

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyInt, PyString};

use crate::core::{
    parse_canonical_uid, parse_uid, u32_from_f64, Error, ErrorKind, Field, PermissionType,
    Permissions, ResourceType, RtcUser,
};
use crate::error::{wrong_type, Result};

/// The Python type name of `obj`, for messages (never its value).
fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "an unknown type".to_owned())
}

/// Whether `obj` is an `int` and not a `bool`.
fn is_int(obj: &Bound<'_, PyAny>) -> bool {
    obj.is_exact_instance_of::<PyInt>()
        || (obj.is_instance_of::<PyInt>() && !obj.is_instance_of::<PyBool>())
}

/// A `str` argument as UTF-8 text.
pub(crate) fn text<'a>(
    obj: &'a Bound<'_, PyAny>,
    kind: ErrorKind,
    field: Field,
) -> Result<Cow<'a, str>> {
    let s = obj
        .cast::<PyString>()
        .map_err(|_| wrong_type(kind, field, "a str", &type_name(obj)))?;
    s.to_cow().map_err(|_| {
        Error::new(
            kind,
            field,
            "must be valid Unicode text (it contains a lone surrogate)",
        )
    })
}

/// The app id argument: a `str` (its value is the core's to check).
pub(crate) fn app_id<'a>(obj: &'a Bound<'_, PyAny>) -> Result<Cow<'a, str>> {
    text(obj, ErrorKind::InvalidAppId, Field::AppId)
}

/// The app certificate argument: a `str` (its value is the core's to check).
pub(crate) fn certificate<'a>(obj: &'a Bound<'_, PyAny>) -> Result<Cow<'a, str>> {
    text(obj, ErrorKind::InvalidAppCertificate, Field::AppCertificate)
}

/// An optional `str` argument (`None` is absent).
pub(crate) fn opt_text<'a>(
    obj: Option<&'a Bound<'_, PyAny>>,
    kind: ErrorKind,
    field: Field,
) -> Result<Option<Cow<'a, str>>> {
    match obj {
        Some(o) if !o.is_none() => text(o, kind, field).map(Some),
        _ => Ok(None),
    }
}

/// An `int` argument in `0..=4294967295` (times, lifetimes, salts).
pub(crate) fn u32_arg(obj: &Bound<'_, PyAny>, kind: ErrorKind, field: Field) -> Result<u32> {
    if !is_int(obj) {
        return Err(wrong_type(kind, field, "an int", &type_name(obj)));
    }
    match obj.extract::<u32>() {
        Ok(v) => Ok(v),
        // Out of range: the core's rule. An int too large even for a float is out of range
        // all the same, so it is passed on as infinity.
        Err(_) => {
            let n = obj.extract::<f64>().unwrap_or(f64::INFINITY);
            u32_from_f64(field, kind, n).and_then(|_| {
                Err(Error::new(
                    kind,
                    field,
                    "must be an integer in 0..=4294967295",
                ))
            })
        }
    }
}

/// An optional `int` argument (`None` is absent).
pub(crate) fn opt_u32(
    obj: Option<&Bound<'_, PyAny>>,
    kind: ErrorKind,
    field: Field,
) -> Result<Option<u32>> {
    match obj {
        Some(o) if !o.is_none() => u32_arg(o, kind, field).map(Some),
        _ => Ok(None),
    }
}

/// An `int` that must fit an `i16` (the APaaS role).
pub(crate) fn i16_arg(obj: &Bound<'_, PyAny>, kind: ErrorKind, field: Field) -> Result<i16> {
    if !is_int(obj) {
        return Err(wrong_type(kind, field, "an int", &type_name(obj)));
    }
    obj.extract::<i16>()
        .map_err(|_| Error::new(kind, field, "must be an integer in -32768..=32767"))
}

/// An `int` role of the official builders (the core maps it to a role type).
pub(crate) fn role_id(obj: &Bound<'_, PyAny>) -> Result<i64> {
    if !is_int(obj) {
        return Err(wrong_type(
            ErrorKind::InvalidRole,
            Field::Role,
            "an int",
            &type_name(obj),
        ));
    }
    // An int beyond i64 is no role; -1 is none either, so the core refuses it.
    Ok(obj.extract::<i64>().unwrap_or(-1))
}

/// A numeric uid: an `int` in `0..=4294967295`, or (`digits`) a `str` of decimal digits.
pub(crate) fn uid(obj: &Bound<'_, PyAny>, digits: bool) -> Result<u32> {
    if is_int(obj) {
        if let Ok(v) = obj.extract::<u32>() {
            return Ok(v);
        }
        // Negative or too large: the core's rule, with its message.
        let shown = obj.str().map(|s| s.to_string()).unwrap_or_default();
        return parse_uid(Field::Uid, &shown).and_then(|_| {
            Err(Error::new(
                ErrorKind::InvalidUid,
                Field::Uid,
                "must be in 0..=4294967295",
            ))
        });
    }
    if digits && obj.is_instance_of::<PyString>() {
        return parse_canonical_uid(Field::Uid, &text(obj, ErrorKind::InvalidUid, Field::Uid)?);
    }
    let want = if digits {
        "an int or a str of decimal digits"
    } else {
        "an int"
    };
    Err(wrong_type(
        ErrorKind::InvalidUid,
        Field::Uid,
        want,
        &type_name(obj),
    ))
}

/// The user of the official builders' RTC tokens, as they take it: an `int` is a uid (0 is
/// the wildcard); a `str` given as the uid is read by the core's [`RtcUser::from_uid_text`]
/// (`"0"` is an account, not the wildcard; empty text is refused, naming `uid`), one given
/// as the account is that account. Both pack the same bytes as the official builders'
/// `str(uid)`.
pub(crate) fn official_user(obj: &Bound<'_, PyAny>, field: Field) -> Result<RtcUser> {
    if obj.is_instance_of::<PyString>() {
        let s = text(obj, ErrorKind::InvalidField, field)?;
        return if field == Field::Uid {
            RtcUser::from_uid_text(field, &s)
        } else {
            RtcUser::account(field, &s)
        };
    }
    if is_int(obj) {
        return uid(obj, false).map(RtcUser::Uid);
    }
    Err(wrong_type(
        ErrorKind::InvalidUid,
        field,
        "an int uid or a str account",
        &type_name(obj),
    ))
}

/// An RTM2 permission set: Agora's python3 `ServiceRtm2.Permissions` (an object whose
/// `details` is `{resource_type: {permission_type: [resource, ...]}}`), or that dict itself.
/// Types are given as the python3 builder's integers (`kMessageChannels` … `kUsers`, `kRead`,
/// `kWrite`) or as the core's names (`"messageChannels"`, `"read"`); resources are any
/// iterable of `str`, kept in order.
pub(crate) fn permissions(obj: &Bound<'_, PyAny>) -> Result<Permissions> {
    const WANT: &str = "an agora_token.ServiceRtm2.Permissions or a dict {resource type: {permission type: [resource, ...]}}";
    let details = match obj.getattr("details") {
        Ok(d) => d,
        Err(_) => obj.clone(),
    };
    let details = details.cast::<PyDict>().map_err(|_| {
        wrong_type(
            ErrorKind::InvalidField,
            Field::Permissions,
            WANT,
            &type_name(obj),
        )
    })?;
    let mut out = Permissions::new();
    for (resource, grants) in details.iter() {
        let resource = type_id(
            &resource,
            "resource",
            |id| u16::try_from(id).ok().and_then(ResourceType::from_id),
            |name| ResourceType::ALL.into_iter().find(|r| r.name() == name),
        )?;
        out.add_resource(resource);
        let grants = grants.cast::<PyDict>().map_err(|_| {
            wrong_type(
                ErrorKind::InvalidField,
                Field::Permissions,
                "a dict {permission type: [resource, ...]} for each resource type",
                &type_name(&grants),
            )
        })?;
        for (permission, names) in grants.iter() {
            let permission = type_id(
                &permission,
                "permission",
                |id| u16::try_from(id).ok().and_then(PermissionType::from_id),
                |name| {
                    [PermissionType::Read, PermissionType::Write]
                        .into_iter()
                        .find(|p| p.name() == name)
                },
            )?;
            let list = names.try_iter().map_err(|_| {
                wrong_type(
                    ErrorKind::InvalidField,
                    Field::Permissions,
                    "an iterable of str resources",
                    &type_name(&names),
                )
            })?;
            let mut resources = Vec::new();
            for item in list {
                let item = item.map_err(|_| {
                    Error::new(
                        ErrorKind::InvalidField,
                        Field::Permissions,
                        "could not be iterated",
                    )
                })?;
                resources
                    .push(text(&item, ErrorKind::InvalidField, Field::Permissions)?.into_owned());
            }
            out.set(resource, permission, resources);
        }
    }
    Ok(out)
}

/// A resource or permission type given as its integer or its core name.
fn type_id<T>(
    obj: &Bound<'_, PyAny>,
    what: &str,
    by_id: impl FnOnce(i64) -> Option<T>,
    by_name: impl FnOnce(&str) -> Option<T>,
) -> Result<T> {
    let found = if is_int(obj) {
        obj.extract::<i64>().ok().and_then(by_id)
    } else if obj.is_instance_of::<PyString>() {
        text(obj, ErrorKind::InvalidField, Field::Permissions)
            .ok()
            .and_then(|s| by_name(&s))
    } else {
        None
    };
    found.ok_or_else(|| {
        let names = if what == "resource" {
            "ServiceRtm2.Permissions.kMessageChannels (0), kStreamChannels (1), kGroupChannels (2), kServerGroups (3) or kUsers (4)"
        } else {
            "ServiceRtm2.Permissions.kRead (0) or kWrite (1)"
        };
        Error::new(
            ErrorKind::InvalidField,
            Field::Permissions,
            format!("has an unknown {what} type: pass {names}"),
        )
    })
}
