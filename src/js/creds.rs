//! The last credentials used, kept between calls.
//!
//! Validating an app id and certificate and keying HMAC-SHA256 with the certificate costs
//! more than the rest of a 006 token in wasm. A server almost always signs with one app,
//! so the binding keeps the last [`Credentials`] and reuses them (with their precomputed
//! HMAC state and per-second 007 key cache) when the next call passes the same app id and
//! certificate. The certificate is compared in constant time.

use std::cell::RefCell;

use crate::credentials::Credentials;
use crate::crypto::ct_eq;
use crate::error::Result;

thread_local! {
    static LAST: RefCell<Option<Credentials>> = const { RefCell::new(None) };
}

/// Runs `f` with validated credentials for `app_id` and `certificate`: the cached ones when
/// both match the last call's, otherwise freshly validated ones (then cached).
pub fn with_credentials<T>(
    app_id: &str,
    certificate: &str,
    f: impl FnOnce(&Credentials) -> Result<T>,
) -> Result<T> {
    LAST.with(|cell| {
        // Re-entrancy cannot happen (no JS runs inside `f`), but if the cell were busy the
        // call would simply not use the cache.
        let Ok(mut slot) = cell.try_borrow_mut() else {
            return f(&Credentials::new(app_id, certificate)?);
        };
        let hit = slot.as_ref().is_some_and(|c| {
            c.app_id.as_str() == app_id && ct_eq(c.certificate.key(), certificate.as_bytes())
        });
        if !hit {
            *slot = Some(Credentials::new(app_id, certificate)?);
        }
        match slot.as_ref() {
            Some(c) => f(c),
            None => f(&Credentials::new(app_id, certificate)?),
        }
    })
}
