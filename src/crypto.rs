//! The primitives both formats sign with: HMAC-SHA256, CRC-32 and MD5 (RustCrypto and
//! crc32fast), plus the constant-time comparison used by verification.

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use subtle::ConstantTimeEq;
use zeroize::Zeroize;

type HmacSha256 = Hmac<Sha256>;

type KeyBlock = hmac::digest::Key<HmacSha256>;

/// `key` (at most one SHA-256 block, 64 bytes; checked at compile time) zero-padded to a
/// whole block. HMAC pads a short key with zeros itself, so keying from the padded block
/// gives the same MAC, and keying from a whole block cannot fail: there is no error path to
/// fall back from.
fn key_block<const N: usize>(key: &[u8; N]) -> KeyBlock {
    const { assert!(N <= 64, "an HMAC-SHA256 key here is at most one block") };
    let mut block = KeyBlock::default();
    for (b, k) in block.iter_mut().zip(key) {
        *b = *k;
    }
    block
}

/// HMAC-SHA256 keyed with a whole block, which is then zeroized. Not generic, so that every
/// key length shares this one copy.
fn keyed(mut block: KeyBlock) -> HmacSha256 {
    let mac = HmacSha256::new(&block);
    block.as_mut_slice().zeroize();
    mac
}

/// HMAC-SHA256 of the concatenation of `parts` under `key` (at most 64 bytes).
pub(crate) fn hmac_sha256<const N: usize>(key: &[u8; N], parts: &[&[u8]]) -> [u8; 32] {
    mac_parts(keyed(key_block(key)), parts)
}

fn mac_parts(mut mac: HmacSha256, parts: &[&[u8]]) -> [u8; 32] {
    for part in parts {
        mac.update(part);
    }
    mac.finalize().into_bytes().into()
}

/// An HMAC-SHA256 key with its inner and outer pads already hashed. Cloning it and
/// feeding the message costs two SHA-256 blocks less than keying from scratch. The state
/// is zeroized on drop (hmac's `zeroize` feature).
#[derive(Clone)]
pub(crate) struct KeyedMac(HmacSha256);

impl KeyedMac {
    pub(crate) fn new<const N: usize>(key: &[u8; N]) -> Self {
        Self(keyed(key_block(key)))
    }

    /// HMAC of the concatenation of `parts` under the stored key.
    pub(crate) fn mac(&self, parts: &[&[u8]]) -> [u8; 32] {
        mac_parts(self.0.clone(), parts)
    }
}

/// The IEEE (zlib) CRC-32.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn crc32(data: &[u8]) -> u32 {
    crc32fast::hash(data)
}

/// The IEEE (zlib) CRC-32, four bits at a time. On wasm32 this replaces crc32fast, whose
/// slice-by-16 table is a large part of a small module; a 16-entry table is faster than bit
/// by bit, and 006 only hashes the channel name and uid (at most a few hundred bytes).
#[cfg(target_arch = "wasm32")]
pub(crate) fn crc32(data: &[u8]) -> u32 {
    crc32_nibbles(data)
}

/// CRC-32 with a 16-entry table (see [`crc32`] on wasm32; tested against crc32fast).
#[cfg(any(test, target_arch = "wasm32"))]
fn crc32_nibbles(data: &[u8]) -> u32 {
    // CRC of each nibble value under the reflected polynomial 0xEDB88320. Const
    // evaluation: an out-of-range index fails the build, never at run time.
    #[allow(clippy::indexing_slicing, clippy::cast_possible_truncation)]
    const NIBBLE: [u32; 16] = {
        let mut t = [0u32; 16];
        let mut n = 0;
        while n < 16 {
            let mut c = n as u32;
            let mut k = 0;
            while k < 4 {
                c = (c >> 1) ^ (0xEDB8_8320 & (c & 1).wrapping_neg());
                k += 1;
            }
            t[n] = c;
            n += 1;
        }
        t
    };
    let step = |crc: u32| -> u32 {
        // `crc & 15` is below 16, the length of the table.
        #[allow(clippy::indexing_slicing)]
        let entry = NIBBLE[(crc & 15) as usize];
        (crc >> 4) ^ entry
    };
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        crc = step(step(crc));
    }
    !crc
}

/// Lower-case hex of the MD5 of `data` (APaaS room-user tokens name the Chat user this way).
pub(crate) fn md5_hex(data: &[u8]) -> String {
    use md5::{Digest, Md5};
    use std::fmt::Write as _;
    let digest = Md5::digest(data);
    let mut out = String::with_capacity(32);
    for b in digest {
        // Writing to a String cannot fail.
        let _ = write!(out, "{b:02x}");
    }
    out
}

/// Constant-time equality of two byte strings (the lengths are not secret).
pub(crate) fn ct_eq(a: &[u8], b: &[u8]) -> bool {
    a.ct_eq(b).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_answers() {
        // RFC 4231 test case 2.
        let mac = hmac_sha256(b"Jefe", &[b"what do ya want ", b"for nothing?"]);
        assert_eq!(mac[..4], [0x5b, 0xdc, 0xc1, 0x46],);
        // A key of exactly one block, and the keyed state, agree with RustCrypto's own keying.
        let block = [0x0b_u8; 64];
        let mut reference = HmacSha256::new_from_slice(&block).unwrap();
        reference.update(b"Hi There");
        let want: [u8; 32] = reference.finalize().into_bytes().into();
        assert_eq!(hmac_sha256(&block, &[b"Hi ", b"There"]), want);
        assert_eq!(KeyedMac::new(&block).mac(&[b"Hi There"]), want);
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(md5_hex(b"2882341273"), "6063383428a36fba3fb6030becf8094e");
        assert!(ct_eq(b"abc", b"abc"));
        assert!(!ct_eq(b"abc", b"abd"));
        assert!(!ct_eq(b"abc", b"ab"));
    }

    #[test]
    fn nibble_crc_matches_crc32fast() {
        let data: Vec<u8> = (0..600u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13).to_le_bytes()[0])
            .collect();
        for n in 0..data.len() {
            assert_eq!(
                crc32_nibbles(&data[..n]),
                crc32fast::hash(&data[..n]),
                "{n}"
            );
        }
        assert_eq!(crc32_nibbles(b"123456789"), 0xCBF4_3926);
    }
}
