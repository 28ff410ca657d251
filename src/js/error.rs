//! The one conversion from the core's [`Error`] to a JavaScript `Error`.

use js_sys::Reflect;
use wasm_bindgen::JsValue;

use crate::error::{Error, ErrorKind};

/// What every export returns: its result (a token string, or a plain object), or the JS
/// `Error` for the JS layer (`pkg-template/js/`) to throw.
///
/// One return value, not wasm-bindgen's `Result<String, JsValue>`: that returns four values
/// (multi-value), and V8 (Node 20) compiles a JS-to-wasm wrapper in its optimizing tier for
/// every such export signature when the module is compiled, about 10 ms of `require` for
/// this module's 20 exports. A single `externref` return stays on V8's generic wrapper, and
/// the JS string is made in one call instead of a copy plus a `free` call back into wasm.
pub type JsOut = JsValue;

/// Converts a core [`Error`] into a JS `Error` whose `message` is `field: rule`, with
/// `code` (the stable code, such as `INVALID_UID`) and `field` properties.
///
/// The core's messages never contain the app certificate or echo input values, so neither
/// does the JS error.
#[inline(never)]
pub fn to_js_error(e: &Error) -> JsValue {
    coded_error(e.code(), e.field().js_name(), &e.to_string())
}

/// A JS `Error` of `kind` about `field` (as the caller spelled it): message `field: rule`.
#[inline(never)]
pub fn coded(kind: ErrorKind, field: &str, rule: &str) -> JsValue {
    coded_error(kind.code(), field, &format!("{field}: {rule}"))
}

fn coded_error(code: &str, field: &str, message: &str) -> JsValue {
    let err = js_sys::Error::new(message);
    // Setting a data property on a fresh Error object cannot fail; if it somehow did, the
    // error would still be thrown, only without the extra property.
    let _ = Reflect::set(&err, &JsValue::from_str("code"), &JsValue::from_str(code));
    let _ = Reflect::set(&err, &JsValue::from_str("field"), &JsValue::from_str(field));
    err.into()
}

impl From<Error> for JsValue {
    fn from(e: Error) -> Self {
        to_js_error(&e)
    }
}

/// Converts the result of a core computation for JavaScript (see [`JsOut`]).
pub fn js(r: crate::Result<String>) -> JsOut {
    match r {
        Ok(s) => JsValue::from_str(&s),
        Err(e) => to_js_error(&e),
    }
}

/// Converts the result of an export for JavaScript: the value, or the `Error` (see [`JsOut`]).
pub fn out(r: Result<JsValue, JsValue>) -> JsOut {
    r.unwrap_or_else(|e| e)
}
