//! The isolate's JWKS cache and its policy, and key resolution through it.
//!
//! - A fetched set is fresh for [`TTL`]; after that the next request refetches it.
//! - A token whose `kid` the fresh set lacks (the provider rotated its keys) triggers a
//!   refetch, but at most once per [`MIN_REFETCH_INTERVAL`]: a stream of tokens with
//!   made-up `kid`s costs one fetch per interval, not one per request.
//! - A failed fetch is also remembered for [`MIN_REFETCH_INTERVAL`]. Meanwhile, and while
//!   the provider is down, keys of the last good set are used up to [`STALE_GRACE`] past
//!   their TTL; after that, or with no cached key for the token, the answer is
//!   `JWKS_UNAVAILABLE`: fail closed, never a token.
//!
//! No request waits on a fetch another request started (a waiter would hang if the
//! request that started it were cancelled): while the cache holds no usable set, each
//! request that needs one fetches it itself. A refetch for an unknown `kid` while a fresh
//! set is cached counts from its start, so concurrent made-up `kid`s cost one fetch per
//! interval.

use std::sync::{Mutex, MutexGuard, PoisonError};

use super::jwks::{Jwk, JwkSet};
use super::verified::{Fingerprint, Verified};
use super::{Alg, AuthError, Reason};
use crate::platform::Platform;

/// How long a fetched JWKS is used before it is fetched again, in seconds.
pub const TTL: u64 = 600;
/// The shortest time between two fetches caused by unknown `kid`s or failures, in seconds.
pub const MIN_REFETCH_INTERVAL: u64 = 30;
/// How long past its TTL a set's keys still serve while refetching fails, in seconds.
pub const STALE_GRACE: u64 = 3600;

/// The cache of one JWKS URL.
#[derive(Debug, Default)]
pub struct JwksCache {
    set: Option<(JwkSet, u64)>,
    last_attempt: Option<u64>,
    /// Signatures verified with keys of this cache (see `super::verified`).
    verified: Verified,
}

/// What to do for one lookup.
#[derive(Debug, PartialEq, Eq)]
pub enum Decision {
    /// Verify with this key.
    Use(Jwk),
    /// Fetch the set, then look up again (with [`JwksCache::after_fetch`]).
    Fetch,
    /// Refuse the token.
    Refuse(Reason),
}

impl JwksCache {
    fn may_fetch(&self, now: u64) -> bool {
        self.last_attempt
            .is_none_or(|t| now >= t.saturating_add(MIN_REFETCH_INTERVAL) || now < t)
    }

    fn key(&self, kid: Option<&str>, alg: Alg, max_age: u64, now: u64) -> Option<Jwk> {
        let (set, at) = self.set.as_ref()?;
        (now < at.saturating_add(max_age)).then_some(())?;
        set.find(kid, alg).cloned()
    }

    /// The decision for a token's `kid` and algorithm at `now` (unix seconds).
    pub fn lookup(&self, kid: Option<&str>, alg: Alg, now: u64) -> Decision {
        if let Some(k) = self.key(kid, alg, TTL, now) {
            return Decision::Use(k);
        }
        if self.may_fetch(now) {
            return Decision::Fetch;
        }
        self.fallback(kid, alg, now)
    }

    /// The decision after a fetch (successful or not): never another fetch.
    pub fn after_fetch(&self, kid: Option<&str>, alg: Alg, now: u64) -> Decision {
        match self.key(kid, alg, TTL, now) {
            Some(k) => Decision::Use(k),
            None => self.fallback(kid, alg, now),
        }
    }

    fn fallback(&self, kid: Option<&str>, alg: Alg, now: u64) -> Decision {
        let fresh = self
            .set
            .as_ref()
            .is_some_and(|(_, at)| now < at.saturating_add(TTL));
        if fresh {
            // The fresh set does not have the key: the token's key is unknown.
            return Decision::Refuse(Reason::UnknownKey);
        }
        // No fresh set (never fetched, or the refetch failed): the last good set's keys
        // within the grace period, else fail closed.
        match self.key(kid, alg, TTL.saturating_add(STALE_GRACE), now) {
            Some(k) => Decision::Use(k),
            None => Decision::Refuse(Reason::JwksUnavailable),
        }
    }

    /// Records the start of a fetch at `now`: while a fresh set is cached (the fetch is
    /// for an unknown `kid`), no other request starts one before the interval is over.
    pub fn begin_fetch(&mut self, now: u64) {
        if self
            .set
            .as_ref()
            .is_some_and(|(_, at)| now < at.saturating_add(TTL))
        {
            self.last_attempt = Some(now);
        }
    }

    /// Records a fetched set.
    pub fn store(&mut self, set: JwkSet, now: u64) {
        self.set = Some((set, now));
        self.verified.clear();
        self.last_attempt = Some(now);
    }

    /// Records a failed fetch (the cached set, if any, is kept).
    pub fn failed(&mut self, now: u64) {
        self.last_attempt = Some(now);
    }
}

fn lock(cache: &Mutex<JwksCache>) -> MutexGuard<'_, JwksCache> {
    // The lock is never held across an await or a panic; a poisoned lock still holds a
    // consistent cache (every update is one assignment).
    cache.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Whether the signature with fingerprint `f` was verified with a key of `cache`.
pub fn was_verified(cache: &Mutex<JwksCache>, f: &Fingerprint) -> bool {
    lock(cache).verified.contains(f)
}

/// Records that the signature with fingerprint `f` verified.
pub fn remember_verified(cache: &Mutex<JwksCache>, f: Fingerprint) {
    lock(cache).verified.insert(f);
}

/// The key for a token, through the cache: at most one fetch per call (by `platform`, of
/// `url`), and that one only when the policy allows it. The lock is released during the
/// fetch.
pub async fn resolve<P: Platform>(
    cache: &Mutex<JwksCache>,
    platform: &P,
    url: &str,
    kid: Option<&str>,
    alg: Alg,
    now: u64,
) -> Result<Jwk, AuthError> {
    let first = {
        let mut c = lock(cache);
        let d = c.lookup(kid, alg, now);
        if d == Decision::Fetch {
            c.begin_fetch(now);
        }
        d
    };
    let decision = match first {
        Decision::Fetch => {
            let fetched = platform
                .fetch_jwks(url)
                .await
                .ok()
                .and_then(|body| JwkSet::parse(&body).ok());
            let mut c = lock(cache);
            match fetched {
                Some(set) => c.store(set, now),
                None => c.failed(now),
            }
            c.after_fetch(kid, alg, now)
        }
        d => d,
    };
    match decision {
        Decision::Use(k) => Ok(k),
        Decision::Refuse(Reason::UnknownKey) => Err(AuthError::new(
            Reason::UnknownKey,
            "kid: no key of the JWKS (AUTH_JWKS_URL) has this id and algorithm",
        )),
        Decision::Refuse(_) | Decision::Fetch => Err(AuthError::new(
            Reason::JwksUnavailable,
            "the JWKS (AUTH_JWKS_URL) could not be fetched and no cached key matches",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jwt::jwks::PublicKey;

    fn set(kids: &[&str]) -> JwkSet {
        JwkSet {
            keys: kids
                .iter()
                .map(|k| Jwk {
                    kid: Some((*k).to_owned()),
                    key: PublicKey::Ed25519 { x: (*k).to_owned() },
                })
                .collect(),
        }
    }

    fn used(d: &Decision) -> Option<&str> {
        match d {
            Decision::Use(k) => k.kid.as_deref(),
            _ => None,
        }
    }

    #[test]
    fn policy() {
        let mut c = JwksCache::default();
        let t = 1_000_000;
        // Cold: fetch; a failed fetch refuses (fail closed) and is not retried at once.
        assert_eq!(c.lookup(Some("a"), Alg::EdDsa, t), Decision::Fetch);
        c.failed(t);
        assert_eq!(
            c.after_fetch(Some("a"), Alg::EdDsa, t),
            Decision::Refuse(Reason::JwksUnavailable)
        );
        assert_eq!(
            c.lookup(Some("a"), Alg::EdDsa, t + 29),
            Decision::Refuse(Reason::JwksUnavailable)
        );
        assert_eq!(c.lookup(Some("a"), Alg::EdDsa, t + 30), Decision::Fetch);
        c.store(set(&["a"]), t + 30);
        // Fresh: known kid used, unknown kid refused until the interval allows a refetch.
        assert_eq!(used(&c.lookup(Some("a"), Alg::EdDsa, t + 31)), Some("a"));
        assert_eq!(
            c.lookup(Some("a"), Alg::Es256, t + 31),
            Decision::Refuse(Reason::UnknownKey)
        );
        assert_eq!(
            c.lookup(Some("b"), Alg::EdDsa, t + 59),
            Decision::Refuse(Reason::UnknownKey)
        );
        assert_eq!(c.lookup(Some("b"), Alg::EdDsa, t + 60), Decision::Fetch);
        // Stale: refetch; while it fails, the old keys serve for the grace period only.
        let stale = t + 30 + TTL;
        assert_eq!(c.lookup(Some("a"), Alg::EdDsa, stale), Decision::Fetch);
        c.failed(stale);
        assert_eq!(
            used(&c.after_fetch(Some("a"), Alg::EdDsa, stale)),
            Some("a")
        );
        assert_eq!(used(&c.lookup(Some("a"), Alg::EdDsa, stale + 1)), Some("a"));
        let gone = t + 30 + TTL + STALE_GRACE;
        assert_eq!(c.lookup(Some("a"), Alg::EdDsa, gone), Decision::Fetch);
        c.failed(gone);
        assert_eq!(
            c.after_fetch(Some("a"), Alg::EdDsa, gone),
            Decision::Refuse(Reason::JwksUnavailable)
        );
    }
}
