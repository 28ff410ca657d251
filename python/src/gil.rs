//! Where the GIL is held or released around a core call.
//!
//! A token takes 0.3 to 3 µs in the core; releasing and re-taking the GIL costs about as
//! much, and Python threads calling the builders contend for it on every call. So by
//! default the GIL is held. The `release-gil` feature releases it around each core call,
//! for measuring (`benches/python/bench.py --threads`; the figures are in docs/python.md).

use pyo3::marker::Ungil;
use pyo3::Python;

/// Runs a core call: with the GIL held, or released under the `release-gil` feature.
#[inline(always)]
pub(crate) fn core_call<T: Ungil>(py: Python<'_>, f: impl FnOnce() -> T + Ungil) -> T {
    #[cfg(feature = "release-gil")]
    {
        py.detach(f)
    }
    #[cfg(not(feature = "release-gil"))]
    {
        let _ = py;
        f()
    }
}
