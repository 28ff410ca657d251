//! The last credentials used, kept between calls.
//!
//! Validating an app id and certificate and keying HMAC-SHA256 with the certificate costs
//! more than the rest of a 006 token in wasm. A server almost always signs with one app,
//! so the binding keeps the last [`Credentials`] and reuses them (with their precomputed
//! HMAC state and per-second 007 key cache) when the next call passes the same app id and
//! certificate. The certificate is compared in constant time.

use std::cell::RefCell;
use std::rc::Rc;

use crate::credentials::Credentials;
use crate::crypto::ct_eq;
use crate::error::Result;

thread_local! {
    static LAST: RefCell<Option<Rc<Credentials>>> = const { RefCell::new(None) };
}

/// Validated credentials for `app_id` and `certificate`: the cached ones when both match
/// the last call's, otherwise freshly validated ones (then cached). Not inlined: every
/// export shares this one copy.
#[inline(never)]
pub fn credentials(app_id: &str, certificate: &str) -> Result<Rc<Credentials>> {
    LAST.with(|cell| {
        // The cell is never borrowed across calls; if it somehow were, the cache is skipped.
        let cached = cell.try_borrow().ok().and_then(|slot| {
            slot.as_ref().and_then(|c| {
                let same = c.app_id.as_str() == app_id
                    && ct_eq(c.certificate.key(), certificate.as_bytes());
                same.then(|| Rc::clone(c))
            })
        });
        if let Some(c) = cached {
            return Ok(c);
        }
        let fresh = Rc::new(Credentials::new(app_id, certificate)?);
        if let Ok(mut slot) = cell.try_borrow_mut() {
            *slot = Some(Rc::clone(&fresh));
        }
        Ok(fresh)
    })
}
