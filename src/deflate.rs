//! A small zlib compressor for 007 payloads: LZ77 with hash chains and lazy matching,
//! coded with the fixed Huffman table of RFC 1951 §3.2.6.
//!
//! Why hand-written: a 007 payload is 150–400 bytes. General-purpose engines set up large
//! state per stream (miniz_oxide allocates and zeroes about 300 KB per compressor), which
//! costs far more than compressing the payload itself. For inputs this small zlib itself
//! chooses fixed-Huffman blocks (every official vector is one: its first deflate byte is
//! `0x53`), so this encoder emits the same kind of stream, with matching close to zlib's
//! level 6, in a fraction of the time. `benches/tokens.rs` measures it against
//! miniz_oxide, and the differential tests check its output length against Node's zlib.
//!
//! Output is a complete zlib stream (`78 9C`, one final fixed-Huffman block, Adler-32).
//!
//! Fail closed: no lookup here falls back to a made-up value. Where an index is in range by
//! construction, `expect` states the invariant (a violation is a bug that must not produce a
//! wrong stream silently).

// Each `expect` below names the invariant that makes it unreachable.
#![allow(clippy::expect_used)]

/// The deflate window: matches may reach back at most this far.
const WINDOW: usize = 32 * 1024;
const MIN_MATCH: usize = 3;
const MAX_MATCH: usize = 258;
/// Hash-chain bucket count (a power of two).
// Tuned for 150-400-byte payloads (benches/tokens.rs deflate_ours): a 256-entry hash table
// and 16-candidate chains are about 1.4x faster than 1024/128, and the tokens stay within the
// 4-character allowance of zlib's (tests/vectors.rs).
const HASH_BITS: u32 = 8;
/// zlib level 6 parameters: longest chain walked, and the match length that is good enough.
const MAX_CHAIN: usize = 16;
const NICE_MATCH: usize = 128;
/// Do not look for a better match after one at least this long (zlib's `max_lazy`).
const MAX_LAZY: usize = 16;
/// Shorten the chain walk when the current match is at least this long (zlib's `good_length`).
const GOOD_MATCH: usize = 8;

/// Length code base values and extra bits, for codes 257..=285.
const LENGTH_BASE: [u16; 29] = [
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
    163, 195, 227, 258,
];
const LENGTH_EXTRA: [u8; 29] = [
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
];
/// Distance code base values and extra bits, for codes 0..=29.
const DIST_BASE: [u16; 30] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
    2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
];
const DIST_EXTRA: [u8; 30] = [
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13,
    13,
];

/// An LSB-first bit writer.
struct Bits {
    out: Vec<u8>,
    acc: u64,
    n: u32,
}

impl Bits {
    /// Appends the `bits` (at most 16) low bits of `value`. Whole 32-bit words go out at
    /// once: `n` stays below 32 between calls, so the accumulator never holds more than 48.
    #[inline]
    fn put(&mut self, value: u32, bits: u32) {
        self.acc |= u64::from(value) << self.n;
        self.n += bits;
        if self.n >= 32 {
            let [b0, b1, b2, b3, ..] = self.acc.to_le_bytes();
            self.out.extend_from_slice(&[b0, b1, b2, b3]);
            self.acc >>= 32;
            self.n -= 32;
        }
    }

    /// A Huffman code: written most-significant bit first.
    fn code(&mut self, code: u32, bits: u32) {
        self.put(code.reverse_bits() >> (32 - bits), bits);
    }

    fn finish(mut self) -> Vec<u8> {
        // `n` < 32 between calls: at most four bytes are pending.
        let bytes = self.n.div_ceil(8) as usize;
        self.out.extend(self.acc.to_le_bytes().iter().take(bytes));
        self.out
    }
}

/// The fixed literal/length code of each symbol 0..=287, bit-reversed for the LSB-first
/// writer, with its length; computed at compile time.
// Const evaluation: an out-of-range index or cast here fails the build, never at run time.
#[allow(clippy::indexing_slicing, clippy::cast_possible_truncation)]
const FIXED: [(u16, u8); 288] = {
    let mut t = [(0u16, 0u8); 288];
    let mut sym: u16 = 0;
    while sym < 288 {
        let (code, len): (u16, u16) = match sym {
            0..=143 => (0x30 + sym, 8),
            144..=255 => (0x190 + (sym - 144), 9),
            256..=279 => (sym - 256, 7),
            _ => (0xC0 + (sym - 280), 8),
        };
        // Reverse the `len` low bits of `code`.
        let mut rev = 0u16;
        let mut i = 0;
        while i < len {
            rev |= ((code >> i) & 1) << (len - 1 - i);
            i += 1;
        }
        t[sym as usize] = (rev, len as u8);
        sym += 1;
    }
    t
};

/// Writes literal/length symbol `sym` (0..=285) with the fixed code.
#[inline]
fn symbol(w: &mut Bits, sym: u16) {
    let &(code, len) = FIXED
        .get(usize::from(sym))
        .expect("literal/length symbols are below 286, the table has 288");
    w.put(u32::from(code), u32::from(len));
}

/// `(index, base, extra bits)` of the last entry of `base` not above `v`: `base` is
/// ascending and starts at or below every `v` passed (lengths are at least 3, distances at
/// least 1), and `extra` has the same length.
fn bucket(base: &[u16], extra: &[u8], v: usize) -> (u32, u32, u32) {
    let i = base
        .iter()
        .rposition(|&b| usize::from(b) <= v)
        .expect("the first base is at or below every length and distance");
    let b = base.get(i).expect("i indexes base");
    let e = extra.get(i).expect("extra has the length of base");
    let i = u32::try_from(i).expect("the tables have at most 30 entries");
    (i, u32::from(*b), u32::from(*e))
}

fn emit_match(w: &mut Bits, len: usize, dist: usize) {
    let (li, lbase, lextra) = bucket(&LENGTH_BASE, &LENGTH_EXTRA, len);
    let (di, dbase, dextra) = bucket(&DIST_BASE, &DIST_EXTRA, dist);
    let len = u32::try_from(len).expect("a match is at most 258 bytes");
    let dist = u32::try_from(dist).expect("a distance is at most 32768");
    let li = u16::try_from(li).expect("li < 29");
    symbol(w, 257 + li);
    w.put(len - lbase, lextra);
    w.code(di, 5);
    w.put(dist - dbase, dextra);
}

/// The hash of the three bytes at `i`, or `None` within three bytes of the end (where no
/// match can start).
fn hash3(d: &[u8], i: usize) -> Option<usize> {
    match d.get(i..i + 3)? {
        &[a, b, c] => {
            let v = u32::from(a) | u32::from(b) << 8 | u32::from(c) << 16;
            Some((v.wrapping_mul(0x9E37_79B1) >> (32 - HASH_BITS)) as usize)
        }
        _ => None,
    }
}

/// The length of the common prefix of `a` and `b`, eight bytes at a time.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    let mut n = 0;
    for (x, y) in a.chunks_exact(8).zip(b.chunks_exact(8)) {
        let x = <[u8; 8]>::try_from(x).expect("chunks_exact(8) yields 8 bytes");
        let y = <[u8; 8]>::try_from(y).expect("chunks_exact(8) yields 8 bytes");
        let diff = u64::from_le_bytes(x) ^ u64::from_le_bytes(y);
        if diff != 0 {
            // trailing_zeros() / 8 < 8: the first differing byte of this chunk.
            return n + (diff.trailing_zeros() / 8) as usize;
        }
        n += 8;
    }
    n + a
        .iter()
        .skip(n)
        .zip(b.iter().skip(n))
        .take_while(|(x, y)| x == y)
        .count()
}

/// Hash chains over the input: `head[h]` is the latest position + 1 with hash `h`,
/// `prev[i]` the previous position + 1 with the same hash as `i` (0 = none).
struct Chains {
    head: [usize; 1 << HASH_BITS],
    prev: Vec<usize>,
}

impl Chains {
    /// Records position `i`, whose 3-byte hash is `h` (`None` near the end: nothing to record).
    fn insert_hashed(&mut self, i: usize, h: Option<usize>) {
        if let Some(h) = h {
            let slot = self
                .head
                .get_mut(h)
                .expect("a hash has HASH_BITS bits: it indexes head");
            let p = self
                .prev
                .get_mut(i)
                .expect("prev has one entry per input byte");
            *p = *slot;
            *slot = i + 1;
        }
    }

    fn insert(&mut self, d: &[u8], i: usize) {
        self.insert_hashed(i, hash3(d, i));
    }

    /// The longest match for position `i` (whose 3-byte hash is `h`), as
    /// `(length, distance)`, if any of at least 3.
    fn longest(
        &self,
        d: &[u8],
        i: usize,
        h: Option<usize>,
        prev_len: usize,
    ) -> Option<(usize, usize)> {
        let h = h?;
        let max = (d.len() - i).min(MAX_MATCH);
        if max < MIN_MATCH {
            return None;
        }
        let mut chain = if prev_len >= GOOD_MATCH {
            MAX_CHAIN / 4
        } else {
            MAX_CHAIN
        };
        let mut best = (prev_len.max(MIN_MATCH - 1), 0);
        let mut cand = *self
            .head
            .get(h)
            .expect("a hash has HASH_BITS bits: it indexes head");
        let prev = |j: usize| *self.prev.get(j).expect("j < i < the input length");
        let here = d.get(i..i + max)?;
        while cand != 0 && chain > 0 {
            let j = cand - 1;
            if j >= i || i - j > WINDOW {
                break;
            }
            let there = d.get(j..j + max)?;
            // zlib's quick reject: a longer match must agree at the current best length.
            if there.get(best.0) != here.get(best.0) {
                cand = prev(j);
                chain -= 1;
                continue;
            }
            let len = common_prefix(here, there);
            if len > best.0 {
                best = (len, i - j);
                if len >= NICE_MATCH.min(max) {
                    break;
                }
            }
            cand = prev(j);
            chain -= 1;
        }
        (best.1 != 0).then_some(best)
    }
}

/// zlib-compresses `data` into one fixed-Huffman deflate block.
pub(crate) fn zlib(data: &[u8]) -> Vec<u8> {
    let mut w = Bits {
        out: Vec::with_capacity(data.len() + 16),
        acc: 0,
        n: 0,
    };
    w.out.extend_from_slice(&[0x78, 0x9C]);
    w.put(1, 1); // BFINAL
    w.put(1, 2); // BTYPE = 01, fixed Huffman
    let mut c = Chains {
        head: [0; 1 << HASH_BITS],
        prev: vec![0; data.len()],
    };
    // Lazy matching, as zlib's deflate_slow: a match found at i is emitted only if the
    // match at i + 1 is not longer; otherwise the byte at i goes out as a literal.
    let mut i = 0;
    let mut pending: Option<(usize, usize)> = None;
    while i < data.len() {
        let prev_len = pending.map_or(0, |m| m.0);
        let h = hash3(data, i);
        let cur = if prev_len < MAX_LAZY {
            c.longest(data, i, h, prev_len)
        } else {
            None
        };
        c.insert_hashed(i, h);
        match (pending, cur) {
            (Some(_), Some(better)) => {
                // The previous position's byte becomes a literal; keep the better match.
                let b = data.get(i - 1).expect("a pending match began at i - 1");
                symbol(&mut w, u16::from(*b));
                pending = Some(better);
                i += 1;
            }
            (Some((len, dist)), None) => {
                emit_match(&mut w, len, dist);
                // The match began at i - 1; positions i..i - 1 + len are covered.
                let end = i - 1 + len;
                for k in i + 1..end {
                    c.insert(data, k);
                }
                pending = None;
                i = end;
            }
            (None, Some(m)) => {
                pending = Some(m);
                i += 1;
            }
            (None, None) => {
                let b = data.get(i).expect("i < data.len() in the loop");
                symbol(&mut w, u16::from(*b));
                i += 1;
            }
        }
    }
    if let Some((len, dist)) = pending {
        emit_match(&mut w, len, dist);
    }
    symbol(&mut w, 256);
    let mut out = w.finish();
    out.extend_from_slice(&adler2::adler32_slice(data).to_be_bytes());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use miniz_oxide::inflate::decompress_to_vec_zlib;

    fn check(data: &[u8]) -> usize {
        let z = zlib(data);
        assert_eq!(
            decompress_to_vec_zlib(&z).unwrap(),
            data,
            "len {}",
            data.len()
        );
        z.len()
    }

    #[test]
    fn round_trips() {
        check(b"");
        check(b"a");
        check(b"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
        check(b"abcabcabcabcabcabd abcabcabcabcabcabd");
        check(&(0..=255).collect::<Vec<u8>>());
        check(&vec![7u8; 70_000]);
        let mut x = 12345u32;
        let noise: Vec<u8> = (0..5000)
            .map(|_| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
                u8::try_from((x >> 16) & 0xFF).unwrap() % 7 + b'a'
            })
            .collect();
        check(&noise);
        let long: Vec<u8> = b"0123456789abcdef"
            .iter()
            .cycle()
            .take(40_000)
            .copied()
            .collect();
        check(&long);
    }

    #[test]
    fn compresses_like_zlib_on_a_vector_payload() {
        // The 007-rtc-uid vector: CPython's zlib gives 134 bytes for this payload.
        let token = "007eJxTYBBbsMMnKq7p9Hf/HcIX5kce9b518kCiQgSr5Zrp4X1Tu6UUGCzNDZwdjU1TUs0Mkk1MzExMk5ISUy0SjQxNDcwMk4yN3b8IMEQwMTAwMoAwBIL4CgzmKeZGxmamqUmWFsYmFqbGluapxqnGaZYpJmYGSSkpiVwMRhYWRsYmhkbmxgDCaiTj";
        use base64::Engine as _;
        let z = base64::engine::general_purpose::STANDARD
            .decode(&token[3..])
            .unwrap();
        let payload = decompress_to_vec_zlib(&z).unwrap();
        let ours = check(&payload);
        assert!(ours <= z.len() + 3, "ours {ours} vs zlib {}", z.len());
    }
}
