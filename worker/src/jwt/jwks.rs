//! JSON Web Key Sets (RFC 7517): the public keys of `AUTH_JWKS_URL`.
//!
//! Only signature keys this server can use are kept: `RSA` (RS256, a modulus of
//! 2048..=8192 bits, an odd public exponent of at least 3), `EC` on `P-256` (ES256) and
//! `OKP` on `Ed25519` (EdDSA, never a small-order or non-canonical point). Others
//! (encryption keys, other curves, symmetric `oct` keys, degenerate keys) are skipped,
//! never an error, so that a provider adding a key type does not break sign-in.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde_json::{Map, Value};

use super::Alg;

/// The largest JWKS response accepted, in bytes (providers' sets are 1–5 KB).
pub const MAX_JWKS_BYTES: usize = 64 * 1024;
/// The longest a JWKS fetch may take, headers and body, in milliseconds.
pub const FETCH_TIMEOUT_MS: u32 = 5000;
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

/// The size of an RSA modulus in bits, counted from its highest set bit; `None` for a
/// modulus with a leading zero byte (not the minimal big-endian encoding).
fn modulus_bits(n: &[u8]) -> Option<usize> {
    let first = *n.first().filter(|b| **b != 0)?;
    let leading = usize::try_from(first.leading_zeros()).ok()?;
    Some(n.len() * 8 - leading)
}

/// Whether an RSA public exponent is odd, at least 3, at most 64 bits and minimally encoded
/// (e = 1 makes every "signature" its own message).
fn exponent_ok(e: &[u8]) -> bool {
    let value = e.iter().fold(0u64, |acc, b| (acc << 8) | u64::from(*b));
    (1..=8).contains(&e.len()) && e.first() != Some(&0) && value >= 3 && value & 1 == 1
}

/// The `y` coordinates (little-endian, sign bit clear) of Ed25519's eight small-order
/// points: 0, 1, p - 1 and the two of the points of order 8 (libsodium's blocklist; the
/// tests compare it with curve25519-dalek's `EIGHT_TORSION`). A key on one of them lets one
/// fixed signature verify every message.
const SMALL_ORDER_Y: [[u8; 32]; 5] = {
    let zero = [0u8; 32];
    let mut one = [0u8; 32];
    one[0] = 1;
    let mut minus_one = [0xff; 32];
    minus_one[0] = 0xec;
    minus_one[31] = 0x7f;
    [
        zero,
        one,
        minus_one,
        [
            0x26, 0xe8, 0x95, 0x8f, 0xc2, 0xb2, 0x27, 0xb0, 0x45, 0xc3, 0xf4, 0x89, 0xf2, 0xef,
            0x98, 0xf0, 0xd5, 0xdf, 0xac, 0x05, 0xd3, 0xc6, 0x33, 0x39, 0xb1, 0x38, 0x02, 0x88,
            0x6d, 0x53, 0xfc, 0x05,
        ],
        [
            0xc7, 0x17, 0x6a, 0x70, 0x3d, 0x4d, 0xd8, 0x4f, 0xba, 0x3c, 0x0b, 0x76, 0x0d, 0x10,
            0x67, 0x0f, 0x2a, 0x20, 0x53, 0xfa, 0x2c, 0x39, 0xcc, 0xc6, 0x4e, 0xc7, 0xfd, 0x77,
            0x92, 0xac, 0x03, 0x7a,
        ],
    ]
};

/// Whether an Ed25519 public key is a point no honest key is: one of small order (either
/// sign of `x`), or a non-canonical encoding (`y` ≥ p = 2^255 - 19, which RFC 8032 §5.1.3
/// refuses to decode).
pub fn ed25519_degenerate(point: &[u8; 32]) -> bool {
    let mut y = *point;
    if let Some(top) = y.last_mut() {
        *top &= 0x7f;
    }
    let (low, rest) = y.split_at(1);
    let non_canonical = low.first().is_some_and(|b| *b >= 0xed)
        && rest
            .split_last()
            .is_some_and(|(top, mid)| *top == 0x7f && mid.iter().all(|b| *b == 0xff));
    non_canonical || SMALL_ORDER_Y.contains(&y)
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
            (modulus_bits(&n_bytes).is_some_and(|b| (2048..=8192).contains(&b))
                && exponent_ok(&e_bytes))
            .then_some(PublicKey::Rsa { n, e })?
        }
        ("EC", Some("P-256")) => PublicKey::P256 {
            x: field_of_len(member(k, "x"), 32)?,
            y: field_of_len(member(k, "y"), 32)?,
        },
        ("OKP", Some("Ed25519")) => {
            let x = field_of_len(member(k, "x"), 32)?;
            let point: [u8; 32] = URL_SAFE_NO_PAD.decode(&x).ok()?.try_into().ok()?;
            (!ed25519_degenerate(&point)).then_some(PublicKey::Ed25519 { x })?
        }
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
    fn degenerate_keys_are_skipped() {
        let rsa = |n: Vec<u8>, e: &[u8]| json!({"kty": "RSA", "kid": "k", "n": URL_SAFE_NO_PAD.encode(n), "e": URL_SAFE_NO_PAD.encode(e)});
        let mut n2048 = vec![0xc1; 256];
        let usable = |k: Value| usable_key(k.as_object().unwrap()).is_some();
        assert!(usable(rsa(n2048.clone(), &[1, 0, 1])));
        assert!(usable(rsa(n2048.clone(), &[3])));
        for e in [&[1u8][..], &[2], &[0, 1, 0, 1], &[1, 0, 0], &[], &[1; 9]] {
            assert!(!usable(rsa(n2048.clone(), e)), "e = {e:?}");
        }
        // 2041 bits in 256 bytes: the size counts bits, not bytes.
        n2048[0] = 0x01;
        assert_eq!(modulus_bits(&n2048), Some(2041));
        assert!(!usable(rsa(n2048.clone(), &[1, 0, 1])));
        n2048[0] = 0x80;
        assert_eq!(modulus_bits(&n2048), Some(2048));
        assert!(usable(rsa(n2048, &[1, 0, 1])));

        let okp =
            |x: [u8; 32]| json!({"kty": "OKP", "crv": "Ed25519", "x": URL_SAFE_NO_PAD.encode(x)});
        let mut identity = [0u8; 32];
        identity[0] = 1;
        assert!(!usable(okp(identity)));
        let mut honest = [0u8; 32];
        honest[0] = 0x3b;
        honest[5] = 0x6a;
        assert!(usable(okp(honest)));
    }

    /// The blocklist is exactly the eight small-order points (either sign of x), by
    /// curve25519-dalek's own table, and the non-canonical encodings.
    #[test]
    fn small_order_points_match_curve25519_dalek() {
        use curve25519_dalek::constants::EIGHT_TORSION;
        for point in EIGHT_TORSION {
            let mut bytes = point.compress().to_bytes();
            assert!(ed25519_degenerate(&bytes), "{bytes:02x?}");
            bytes[31] ^= 0x80;
            assert!(ed25519_degenerate(&bytes), "{bytes:02x?}");
            let mut y = bytes;
            y[31] &= 0x7f;
            assert!(SMALL_ORDER_Y.contains(&y));
        }
        for y in SMALL_ORDER_Y {
            let on_curve = EIGHT_TORSION.iter().any(|p| {
                let mut b = p.compress().to_bytes();
                b[31] &= 0x7f;
                b == y
            });
            assert!(on_curve, "{y:02x?}");
        }
        for k in 0u8..=18 {
            let mut y = [0xff; 32];
            y[0] = 0xed + k;
            y[31] = 0x7f;
            assert!(ed25519_degenerate(&y), "p + {k}");
        }
        let key = ed25519_dalek::SigningKey::from_bytes(&[7; 32]).verifying_key();
        assert!(!ed25519_degenerate(key.as_bytes()));
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
