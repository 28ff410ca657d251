//! JSON Web Key Sets (RFC 7517): the public keys of `AUTH_JWKS_URL`.
//!
//! Only signature keys this server can use are kept: `RSA` (RS256, 2048..=8192 bits),
//! `EC` on `P-256` (ES256) and `OKP` on `Ed25519` (EdDSA). Others (encryption keys,
//! other curves, symmetric `oct` keys) are skipped, never an error, so that a provider
//! adding a key type does not break sign-in.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde_json::{Map, Value};

use super::Alg;

/// The largest JWKS response accepted, in bytes (providers' sets are 1–5 KB).
pub const MAX_JWKS_BYTES: usize = 64 * 1024;
/// The most keys kept from one set.
pub const MAX_KEYS: usize = 32;

/// The key material of one JWK, still in its base64url form (WebCrypto imports it as a
/// JWK; the native backend decodes it), validated at parse time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PublicKey {
    /// An RSA public key: modulus and exponent.
    Rsa {
        /// `n`, base64url.
        n: String,
        /// `e`, base64url.
        e: String,
    },
    /// A P-256 point.
    P256 {
        /// `x`, base64url of 32 bytes.
        x: String,
        /// `y`, base64url of 32 bytes.
        y: String,
    },
    /// An Ed25519 public key.
    Ed25519 {
        /// `x`, base64url of 32 bytes.
        x: String,
    },
}

impl PublicKey {
    /// The one algorithm this key verifies.
    pub const fn alg(&self) -> Alg {
        match self {
            Self::Rsa { .. } => Alg::Rs256,
            Self::P256 { .. } => Alg::Es256,
            Self::Ed25519 { .. } => Alg::EdDsa,
        }
    }
}

/// One usable key of the set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Jwk {
    /// `kid`, if the key has one.
    pub kid: Option<String>,
    /// The key.
    pub key: PublicKey,
}

/// The usable keys of a JWKS.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct JwkSet {
    /// The keys, in the set's order.
    pub keys: Vec<Jwk>,
}

/// Why a JWKS response was not usable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JwksError {
    /// Larger than [`MAX_JWKS_BYTES`].
    TooLarge,
    /// Not a JSON object with a `keys` array.
    NotAJwks,
    /// No key of a kind this server verifies.
    NoUsableKey,
}

/// The text of member `name` of a JWK object, if it is a string.
fn member(key: &Map<String, Value>, name: &str) -> Option<String> {
    key.get(name).and_then(Value::as_str).map(str::to_owned)
}

fn decoded_len(s: &str) -> Option<usize> {
    URL_SAFE_NO_PAD.decode(s).ok().map(|b| b.len())
}

fn field_of_len(s: Option<String>, len: usize) -> Option<String> {
    s.filter(|v| decoded_len(v) == Some(len))
}

/// The usable key of one JWK object, if it is one.
fn usable_key(k: &Map<String, Value>) -> Option<Jwk> {
    let text = |name: &str| k.get(name).and_then(Value::as_str);
    if text("use").is_some_and(|u| u != "sig") {
        return None;
    }
    let key = match (text("kty")?, text("crv")) {
        ("RSA", _) => {
            let n = member(k, "n")?;
            let e = member(k, "e")?;
            let n_bytes = URL_SAFE_NO_PAD.decode(&n).ok()?;
            let e_bytes = URL_SAFE_NO_PAD.decode(&e).ok()?;
            let bits = n_bytes.len() * 8;
            let n_ok = (2048..=8192).contains(&bits) && n_bytes.first() != Some(&0);
            let e_ok =
                (1..=8).contains(&e_bytes.len()) && e_bytes.last().is_some_and(|b| b & 1 == 1);
            (n_ok && e_ok).then_some(PublicKey::Rsa { n, e })?
        }
        ("EC", Some("P-256")) => PublicKey::P256 {
            x: field_of_len(member(k, "x"), 32)?,
            y: field_of_len(member(k, "y"), 32)?,
        },
        ("OKP", Some("Ed25519")) => PublicKey::Ed25519 {
            x: field_of_len(member(k, "x"), 32)?,
        },
        _ => return None,
    };
    // A key that names its algorithm is used for that one only.
    if let Some(alg) = text("alg") {
        if Alg::from_name(alg) != Some(key.alg()) {
            return None;
        }
    }
    Some(Jwk {
        kid: member(k, "kid"),
        key,
    })
}

impl JwkSet {
    /// Parses a JWKS response body.
    pub fn parse(body: &[u8]) -> Result<Self, JwksError> {
        if body.len() > MAX_JWKS_BYTES {
            return Err(JwksError::TooLarge);
        }
        // The request bodies' reader (duplicate keys refused) rather than derived structs:
        // one JSON parser in the module, not three.
        let set = crate::body::parse_strict(body).map_err(|_| JwksError::NotAJwks)?;
        let list = set
            .get("keys")
            .and_then(Value::as_array)
            .ok_or(JwksError::NotAJwks)?;
        let keys: Vec<Jwk> = list
            .iter()
            .filter_map(Value::as_object)
            .filter_map(usable_key)
            .take(MAX_KEYS)
            .collect();
        if keys.is_empty() {
            return Err(JwksError::NoUsableKey);
        }
        Ok(Self { keys })
    }

    /// The key for a token's `kid` and algorithm: the key with that `kid` (and that
    /// algorithm); a token without `kid` matches only when the set has exactly one key of
    /// its algorithm.
    pub fn find(&self, kid: Option<&str>, alg: Alg) -> Option<&Jwk> {
        let mut of_alg = self.keys.iter().filter(|k| k.key.alg() == alg);
        match kid {
            Some(kid) => of_alg.find(|k| k.kid.as_deref() == Some(kid)),
            None => {
                let first = of_alg.next()?;
                of_alg.next().is_none().then_some(first)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn b64(n: usize, fill: u8) -> String {
        URL_SAFE_NO_PAD.encode(vec![fill; n])
    }

    #[test]
    fn keeps_usable_signature_keys_only() {
        let set = json!({"keys": [
            {"kty": "RSA", "kid": "r", "n": b64(256, 0xc1), "e": "AQAB", "alg": "RS256", "use": "sig"},
            {"kty": "RSA", "kid": "small", "n": b64(128, 0xc1), "e": "AQAB"},
            {"kty": "RSA", "kid": "enc", "n": b64(256, 0xc1), "e": "AQAB", "use": "enc"},
            {"kty": "RSA", "kid": "ps", "n": b64(256, 0xc1), "e": "AQAB", "alg": "PS256"},
            {"kty": "EC", "kid": "e", "crv": "P-256", "x": b64(32, 1), "y": b64(32, 2)},
            {"kty": "EC", "kid": "e384", "crv": "P-384", "x": b64(48, 1), "y": b64(48, 2)},
            {"kty": "EC", "kid": "short", "crv": "P-256", "x": b64(31, 1), "y": b64(32, 2)},
            {"kty": "OKP", "kid": "o", "crv": "Ed25519", "x": b64(32, 3)},
            {"kty": "oct", "kid": "h", "k": "c2VjcmV0"},
            {"kid": "no-kty"},
            7
        ]});
        let s = JwkSet::parse(set.to_string().as_bytes()).unwrap();
        let kids: Vec<_> = s.keys.iter().map(|k| k.kid.as_deref().unwrap()).collect();
        assert_eq!(kids, ["r", "e", "o"]);
        assert_eq!(
            s.find(Some("r"), Alg::Rs256).map(|k| &k.key),
            Some(&s.keys[0].key)
        );
        assert!(s.find(Some("r"), Alg::Es256).is_none());
        assert!(s.find(Some("h"), Alg::Hs256).is_none());
        assert!(s.find(Some("zz"), Alg::Rs256).is_none());
        assert_eq!(
            s.find(None, Alg::Es256).and_then(|k| k.kid.as_deref()),
            Some("e")
        );
    }

    #[test]
    fn kidless_lookup_needs_a_unique_key() {
        let set = json!({"keys": [
            {"kty": "EC", "crv": "P-256", "x": b64(32, 1), "y": b64(32, 2)},
            {"kty": "EC", "crv": "P-256", "x": b64(32, 4), "y": b64(32, 5)}
        ]});
        let s = JwkSet::parse(set.to_string().as_bytes()).unwrap();
        assert!(s.find(None, Alg::Es256).is_none());
    }

    #[test]
    fn refusals() {
        assert_eq!(JwkSet::parse(b"[]"), Err(JwksError::NotAJwks));
        assert_eq!(
            JwkSet::parse(b"{\"keys\":[],\"keys\":[]}"),
            Err(JwksError::NotAJwks)
        );
        assert_eq!(JwkSet::parse(b"{\"keys\":[]}"), Err(JwksError::NoUsableKey));
        assert_eq!(
            JwkSet::parse(&vec![b' '; MAX_JWKS_BYTES + 1]),
            Err(JwksError::TooLarge)
        );
    }
}
