//! The convenience layer: the issue time from the clock and the salt from a CSPRNG.
//!
//! This is the crate's only platform seam. Natively the time comes from `SystemTime`;
//! on `wasm32-unknown-unknown` from JavaScript's `Date.now()`. Salts come from `getrandom`
//! (the OS natively, `crypto.getRandomValues` on wasm32), one platform call per 64 salts.

use std::cell::RefCell;

use zeroize::Zeroizing;

use crate::error::{Error, ErrorKind, Field, Result};
use crate::validate::MAX_SALT;

/// The issue time and salt of one token. Builders take it explicitly so that tokens are
/// reproducible; [`Issue::now`] fills it for real use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Issue {
    /// Unix time of issue, in seconds.
    pub issue_ts: u32,
    /// Salt, 1..=99999999.
    pub salt: u32,
}

impl Issue {
    /// An explicit issue time and salt.
    pub const fn at(issue_ts: u32, salt: u32) -> Self {
        Self { issue_ts, salt }
    }

    /// The current time and a fresh random salt.
    pub fn now() -> Result<Self> {
        Ok(Self {
            issue_ts: now()?,
            salt: random_salt()?,
        })
    }
}

/// The current unix time in whole seconds.
pub fn now() -> Result<u32> {
    let secs = now_f64_secs();
    if !(0.0..4_294_967_296.0).contains(&secs) {
        return Err(Error::new(
            ErrorKind::PlatformUnavailable,
            Field::IssuedAt,
            "the system clock is outside the u32 unix-time range",
        ));
    }
    // In range, checked above; flooring to whole seconds is intended.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    Ok(secs as u32)
}

#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
fn now_f64_secs() -> f64 {
    use std::time::{SystemTime, UNIX_EPOCH};
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_secs_f64(),
        Err(_) => -1.0,
    }
}

#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
fn now_f64_secs() -> f64 {
    js_sys::Date::now() / 1000.0
}

/// A uniformly random salt in `1..=99999999`, from a CSPRNG.
///
/// The random words come from the platform (`getrandom`: the OS natively,
/// `crypto.getRandomValues` on wasm32) into a buffer of 64 32-bit words, handed
/// out one at a time: one platform call per 64 salts (measured against a generator in
/// docs/performance.md, the npm boundary section).
pub fn random_salt() -> Result<u32> {
    // Rejection sampling: accept only values below the largest multiple of MAX_SALT, so
    // that every salt is equally likely.
    const ZONE: u32 = u32::MAX - (u32::MAX % MAX_SALT);
    loop {
        let v = next_u32()?;
        if v < ZONE {
            return Ok(v % MAX_SALT + 1);
        }
    }
}

/// How many 32-bit words one platform call fills.
const POOL_WORDS: usize = 64;
/// The buffer's size in bytes.
const POOL_BYTES: usize = POOL_WORDS * 4;

/// Random bytes from the platform and how many are used; zeroized on drop.
struct Pool {
    bytes: Zeroizing<[u8; POOL_BYTES]>,
    used: usize,
}

impl Pool {
    /// An empty pool: the first draw fills it.
    fn new() -> Self {
        Self {
            bytes: Zeroizing::new([0; POOL_BYTES]),
            used: POOL_BYTES,
        }
    }

    /// The next little-endian word, refilling the buffer from `fill` when it is used up.
    fn next(&mut self, fill: impl FnOnce(&mut [u8]) -> Result<()>) -> Result<u32> {
        if self.used + 4 > POOL_BYTES {
            fill(&mut *self.bytes)?;
            self.used = 0;
        }
        // In bounds by the refill above; the fallback is never taken and keeps a panic out.
        let word: [u8; 4] = self
            .bytes
            .get(self.used..self.used + 4)
            .and_then(|w| w.try_into().ok())
            .unwrap_or_default();
        self.used += 4;
        Ok(u32::from_le_bytes(word))
    }
}

thread_local! {
    static POOL: RefCell<Option<Pool>> = const { RefCell::new(None) };
}

fn next_u32() -> Result<u32> {
    POOL.with(|cell| {
        let mut slot = cell.try_borrow_mut().map_err(|_| unavailable())?;
        slot.get_or_insert_with(Pool::new)
            .next(|buf| getrandom::fill(buf).map_err(|_| unavailable()))
    })
}

fn unavailable() -> Error {
    Error::new(
        ErrorKind::PlatformUnavailable,
        Field::Salt,
        "the platform random number generator is unavailable",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn now_is_plausible_and_salts_are_in_range() {
        let t = now().unwrap();
        assert!(t > 1_700_000_000, "{t}");
        let salts: Vec<u32> = (0..1000).map(|_| random_salt().unwrap()).collect();
        assert!(salts.iter().all(|s| (1..=MAX_SALT).contains(s)));
        let distinct: std::collections::HashSet<_> = salts.iter().collect();
        assert!(distinct.len() > 990);
    }

    #[test]
    fn one_platform_call_per_64_words() {
        let mut pool = Pool::new();
        let mut calls = 0u8;
        let mut words = Vec::new();
        for _ in 0..(2 * POOL_WORDS) {
            let w = pool
                .next(|buf| {
                    calls += 1;
                    for (i, b) in buf.iter_mut().enumerate() {
                        *b = u8::try_from(i % 256).unwrap() ^ calls;
                    }
                    Ok(())
                })
                .unwrap();
            words.push(w);
        }
        assert_eq!(calls, 2);
        // Word n of a fill is bytes 4n..4n+4, little-endian.
        assert_eq!(words[0], u32::from_le_bytes([1, 0, 3, 2]));
        assert_eq!(words[POOL_WORDS], u32::from_le_bytes([2, 3, 0, 1]));
        // A failing platform is an error, not a salt.
        let mut empty = Pool::new();
        assert!(empty.next(|_| Err(unavailable())).is_err());
    }

    #[test]
    fn salts_are_spread_over_the_range() {
        // A crude uniformity check over 100,000.
        let mut buckets = [0u32; 10];
        for _ in 0..100_000 {
            let s = random_salt().unwrap();
            buckets[((s - 1) / 10_000_000) as usize] += 1;
        }
        assert!(
            buckets.iter().all(|&b| (9_000..11_000).contains(&b)),
            "{buckets:?}"
        );
    }
}
