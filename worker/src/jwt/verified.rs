//! Signatures already verified: a JWT that a client presents again (it keeps one for its
//! whole lifetime, and asks for RTC and RTM tokens and their renewals with it) is not sent
//! to the platform's public-key check again. The check is the largest part of a request
//! with an RS256 caller (`make bench`, the JWT rows).
//!
//! An entry is the SHA-256 of the key's material, the signing input and the signature, so
//! it vouches only for those exact bytes under that exact key; the key is still resolved
//! through the JWKS cache for every request (a key gone from the set is not used) and the
//! claims (`exp`, `nbf`, `iss`, `aud`) are still checked every time. The set is bounded and
//! starts afresh when full or when a new JWKS is stored.

use std::collections::HashSet;

use sha2::{Digest, Sha256};

use super::jwks::{Jwk, PublicKey};

/// The most signatures remembered per server; past it the set starts afresh.
pub const MAX_REMEMBERED: usize = 1024;

/// A verified (key, signing input, signature) triple, by digest.
pub type Fingerprint = [u8; 32];

/// The fingerprint of `signature` over `input` under `key`. Each part is length-prefixed,
/// so no two different triples share their hashed bytes.
pub fn fingerprint(key: &Jwk, input: &[u8], signature: &[u8]) -> Fingerprint {
    let mut h = Sha256::new();
    let mut part = |bytes: &[u8]| {
        h.update((bytes.len() as u64).to_be_bytes());
        h.update(bytes);
    };
    match &key.key {
        PublicKey::Rsa { n, e } => {
            part(b"RSA");
            part(n.as_bytes());
            part(e.as_bytes());
        }
        PublicKey::P256 { x, y } => {
            part(b"P-256");
            part(x.as_bytes());
            part(y.as_bytes());
        }
        PublicKey::Ed25519 { x } => {
            part(b"Ed25519");
            part(x.as_bytes());
        }
    }
    part(input);
    part(signature);
    h.finalize().into()
}

/// The signatures a server has verified.
#[derive(Debug, Default)]
pub struct Verified {
    seen: HashSet<Fingerprint>,
}

impl Verified {
    /// Whether `f` was verified.
    pub fn contains(&self, f: &Fingerprint) -> bool {
        self.seen.contains(f)
    }

    /// Records `f` as verified.
    pub fn insert(&mut self, f: Fingerprint) {
        if self.seen.len() >= MAX_REMEMBERED {
            self.seen.clear();
        }
        self.seen.insert(f);
    }

    /// Forgets every signature.
    pub fn clear(&mut self) {
        self.seen.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ed(x: &str) -> Jwk {
        Jwk {
            kid: None,
            key: PublicKey::Ed25519 { x: x.to_owned() },
        }
    }

    #[test]
    fn a_fingerprint_binds_key_input_and_signature() {
        let f = fingerprint(&ed("k"), b"a.b", b"sig");
        assert_eq!(f, fingerprint(&ed("k"), b"a.b", b"sig"));
        assert_ne!(f, fingerprint(&ed("k2"), b"a.b", b"sig"));
        assert_ne!(f, fingerprint(&ed("k"), b"a.c", b"sig"));
        assert_ne!(f, fingerprint(&ed("k"), b"a.b", b"sih"));
        // Moving bytes between the parts changes the fingerprint.
        assert_ne!(f, fingerprint(&ed("k"), b"a.bs", b"ig"));
    }

    #[test]
    fn bounded() {
        let mut v = Verified::default();
        for i in 0..=MAX_REMEMBERED {
            let mut f = [0u8; 32];
            f[..8].copy_from_slice(&(i as u64).to_be_bytes());
            v.insert(f);
            assert!(v.contains(&f));
        }
        assert!(v.seen.len() <= MAX_REMEMBERED);
    }
}
