//! The convenience layer: the issue time from the clock and the salt from a CSPRNG.
//!
//! This is the crate's only platform seam. Natively the time comes from `SystemTime`;
//! on `wasm32-unknown-unknown` from JavaScript's `Date.now()`. Salts come from
//! a SHA-256 generator seeded from `getrandom` (the OS natively, `crypto.getRandomValues`
//! on wasm32).

use std::cell::RefCell;

use sha2::{Digest, Sha256};
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
/// The generator is SHA-256 in counter mode over a 256-bit secret seed: block `n` is
/// `SHA-256(seed | n)`, eight 32-bit outputs per block. The seed comes once per thread from
/// the platform (`getrandom`: the OS natively, `crypto.getRandomValues` on wasm32) and is
/// renewed every 65,536 draws. A call into the platform per salt costs about 2.4 µs on
/// wasm32; a draw from the generator costs an eighth of one SHA-256 block, and SHA-256 is
/// already in the module for HMAC (a ChaCha generator added about 7 KB to the npm module).
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

const RESEED_AFTER: u32 = 1 << 16;

/// The generator's state: the secret seed, the next block number, the current block and
/// how many of its words are used, and the draws since seeding. The seed and the block are
/// zeroized on drop.
struct HashRng {
    seed: Zeroizing<[u8; 32]>,
    counter: u64,
    block: Zeroizing<[u32; 8]>,
    used: usize,
    draws: u32,
}

impl HashRng {
    fn seeded() -> Result<Self> {
        let mut seed = Zeroizing::new([0u8; 32]);
        getrandom::fill(&mut *seed).map_err(|_| unavailable())?;
        Ok(Self::with_seed(seed))
    }

    /// A generator that has drawn no block yet: the first draw computes block 0.
    fn with_seed(seed: Zeroizing<[u8; 32]>) -> Self {
        Self {
            seed,
            counter: 0,
            block: Zeroizing::new([0; 8]),
            used: 8,
            draws: 0,
        }
    }

    /// Replaces the block with `SHA-256(seed | counter)` as eight little-endian words.
    fn refill(&mut self) {
        let digest = Sha256::new()
            .chain_update(*self.seed)
            .chain_update(self.counter.to_le_bytes())
            .finalize();
        self.counter = self.counter.wrapping_add(1);
        for (word, bytes) in self.block.iter_mut().zip(digest.chunks_exact(4)) {
            // Little-endian, folded from the last byte: no length assumption, no panic path.
            *word = bytes
                .iter()
                .rev()
                .fold(0, |acc, &b| (acc << 8) | u32::from(b));
        }
        self.used = 0;
    }

    fn next(&mut self) -> u32 {
        self.draws += 1;
        loop {
            if let Some(&v) = self.block.get(self.used) {
                self.used += 1;
                return v;
            }
            self.refill();
        }
    }
}

thread_local! {
    static RNG: RefCell<Option<HashRng>> = const { RefCell::new(None) };
}

fn next_u32() -> Result<u32> {
    RNG.with(|cell| {
        let mut slot = cell.try_borrow_mut().map_err(|_| unavailable())?;
        let rng = match slot.take() {
            Some(rng) if rng.draws < RESEED_AFTER => slot.insert(rng),
            _ => slot.insert(HashRng::seeded()?),
        };
        Ok(rng.next())
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
    fn the_generator_is_sha256_in_counter_mode() {
        let mut rng = HashRng::with_seed(Zeroizing::new([7; 32]));
        let words: Vec<u32> = (0..16).map(|_| rng.next()).collect();
        for (n, chunk) in words.chunks(8).enumerate() {
            let mut input = vec![7u8; 32];
            input.extend_from_slice(&(n as u64).to_le_bytes());
            let digest = Sha256::digest(&input);
            let want: Vec<u32> = digest
                .chunks(4)
                .map(|b| u32::from_le_bytes(b.try_into().unwrap()))
                .collect();
            assert_eq!(chunk, want.as_slice(), "block {n}");
        }
        assert_eq!(rng.draws, 16);
        // Salts are spread over the whole range (a crude uniformity check over 100,000).
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
