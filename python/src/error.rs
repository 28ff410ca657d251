//! The one exception of the package, [`TokenError`], and the one conversion from the core's
//! [`Error`] to it.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

use crate::core::{Error, ErrorKind, Field};

pyo3::create_exception!(
    agora_token,
    TokenError,
    PyValueError,
    "Invalid input or an unreadable token.\n\n\
     ``code`` is the core's stable code (such as ``INVALID_UID``), ``field`` the argument at \
     fault in snake_case, and ``str(e)`` is ``field: rule``. The message never contains the \
     app certificate."
);

/// A core field name (camelCase, such as `channelName`) in Python's snake_case.
pub(crate) fn snake_case(field: &str) -> String {
    let mut out = String::with_capacity(field.len() + 4);
    for c in field.chars() {
        if c.is_ascii_uppercase() {
            if !out.is_empty() {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// Converts a core [`Error`] into a [`TokenError`] with `code`, `field` and `message`.
#[inline(never)]
pub(crate) fn to_py(e: Error) -> PyErr {
    Python::attach(|py| {
        let field = snake_case(e.field().js_name());
        let text = format!("{field}: {}", e.message());
        let err = TokenError::new_err(text);
        let value = err.value(py);
        // Setting an attribute on a fresh exception instance cannot fail; if it somehow did,
        // the exception is still raised, without the attribute.
        let _ = value.setattr("code", e.code());
        let _ = value.setattr("field", field);
        let _ = value.setattr("message", e.message());
        err
    })
}

/// A [`TokenError`] for an argument of the wrong Python type (the core's rules apply to
/// values; the type is the binding's to check).
pub(crate) fn wrong_type(kind: ErrorKind, field: Field, want: &str, got: &str) -> Error {
    Error::new(kind, field, format!("must be {want} (got {got})"))
}

/// The result type of the binding's internal steps.
pub(crate) type Result<T, E = Error> = std::result::Result<T, E>;

/// Converts a core result for Python.
pub(crate) fn check<T>(r: Result<T>) -> PyResult<T> {
    r.map_err(to_py)
}
