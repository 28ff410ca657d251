//! The last credentials used, kept between calls.
//!
//! Validating an app id and certificate and keying HMAC-SHA256 with the certificate is a
//! good part of a token's cost, and the core's per-second 007 first-stage key lives in the
//! [`Credentials`] value. A server almost always signs with one app, so the binding keeps
//! the last credentials (per thread) and reuses them when the next call passes the same app
//! id and certificate; the certificate is compared in constant time. `make bench`
//! (benches/python/bench.py) measures the effect: docs/python.md.

use std::cell::RefCell;
use std::rc::Rc;

use subtle::ConstantTimeEq;

use crate::core::Credentials;
use crate::error::Result;

/// Credentials with the text they were made from.
struct Cached {
    app_id: String,
    certificate: String,
    creds: Rc<Credentials>,
}

thread_local! {
    static LAST: RefCell<Option<Cached>> = const { RefCell::new(None) };
}

/// Validated credentials for `app_id` and `certificate`: the cached ones when both match
/// the last call's on this thread, otherwise freshly validated ones (then cached).
pub(crate) fn credentials(app_id: &str, certificate: &str) -> Result<Rc<Credentials>> {
    LAST.with(|cell| {
        // The cell is never borrowed across calls; if it somehow were, the cache is skipped.
        if let Ok(slot) = cell.try_borrow() {
            if let Some(c) = slot.as_ref() {
                let same_cert: bool = c
                    .certificate
                    .as_bytes()
                    .ct_eq(certificate.as_bytes())
                    .into();
                if c.app_id == app_id && same_cert {
                    return Ok(Rc::clone(&c.creds));
                }
            }
        }
        let creds = Rc::new(Credentials::new(app_id, certificate)?);
        if let Ok(mut slot) = cell.try_borrow_mut() {
            *slot = Some(Cached {
                app_id: app_id.to_owned(),
                certificate: certificate.to_owned(),
                creds: Rc::clone(&creds),
            });
        }
        Ok(creds)
    })
}
