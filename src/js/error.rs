//! The one conversion from the core's [`Error`] to a JavaScript `Error`.

use js_sys::Reflect;
use wasm_bindgen::JsValue;

use crate::error::Error;

/// The result type of the exported functions: a value, or a thrown JS `Error`.
pub type JsResult<T> = std::result::Result<T, JsValue>;

/// Converts a core [`Error`] into a JS `Error` whose `message` is `field: rule`, with
/// `code` (the stable code, such as `INVALID_UID`) and `field` properties.
///
/// The core's messages never contain the app certificate or echo input values, so neither
/// does the JS error.
#[inline(never)]
pub fn to_js_error(e: &Error) -> JsValue {
    let err = js_sys::Error::new(&e.to_string());
    // Setting a data property on a fresh Error object cannot fail; if it somehow did, the
    // error would still be thrown, only without the extra property.
    let _ = Reflect::set(
        &err,
        &JsValue::from_str("code"),
        &JsValue::from_str(e.code()),
    );
    let _ = Reflect::set(
        &err,
        &JsValue::from_str("field"),
        &JsValue::from_str(e.field()),
    );
    err.into()
}

/// Runs a core computation and converts its error for JavaScript.
pub fn js<T>(r: crate::Result<T>) -> JsResult<T> {
    r.map_err(|e| to_js_error(&e))
}
