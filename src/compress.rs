//! zlib compression of 007 payloads, and bounded decompression of untrusted tokens.

use miniz_oxide::inflate::{decompress_to_vec_zlib_with_limit, TINFLStatus};

use crate::error::{Error, ErrorKind, Result};

/// The most bytes a 007 payload may inflate to. Real tokens are a few hundred bytes; the
/// limit stops decompression bombs from costing memory or time.
pub const MAX_INFLATED: usize = 64 * 1024;

/// zlib-compresses `data` (a `78 9C` stream with one fixed-Huffman block, as zlib emits
/// for payloads of this size; see [`crate::deflate`]).
pub(crate) fn deflate(data: &[u8]) -> Vec<u8> {
    crate::deflate::zlib(data)
}

/// The compressor, exposed for the benchmarks only.
#[doc(hidden)]
pub fn deflate_for_bench(data: &[u8]) -> Vec<u8> {
    deflate(data)
}

/// Inflates a zlib stream, refusing anything that would exceed [`MAX_INFLATED`].
pub(crate) fn inflate(data: &[u8]) -> Result<Vec<u8>> {
    decompress_to_vec_zlib_with_limit(data, MAX_INFLATED).map_err(|e| match e.status {
        TINFLStatus::HasMoreOutput => Error::token(
            ErrorKind::PayloadTooLarge,
            format!("the compressed payload inflates to more than {MAX_INFLATED} bytes"),
        ),
        TINFLStatus::FailedCannotMakeProgress => Error::token(
            ErrorKind::InvalidCompression,
            "the compressed payload is truncated",
        ),
        _ => Error::token(
            ErrorKind::InvalidCompression,
            "the payload is not a valid zlib stream",
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let data = b"hello hello hello hello";
        assert_eq!(inflate(&deflate(data)).unwrap(), data);
    }

    #[test]
    fn bomb_is_refused() {
        let bomb = deflate(&vec![0u8; MAX_INFLATED + 1]);
        assert!(bomb.len() < 1024);
        assert_eq!(
            inflate(&bomb).unwrap_err().kind(),
            ErrorKind::PayloadTooLarge
        );
        let exact = deflate(&vec![0u8; MAX_INFLATED]);
        assert_eq!(inflate(&exact).unwrap().len(), MAX_INFLATED);
    }

    #[test]
    fn garbage_and_truncation() {
        assert_eq!(
            inflate(b"not zlib").unwrap_err().kind(),
            ErrorKind::InvalidCompression
        );
        let good = deflate(b"some payload to compress");
        for cut in 0..good.len() {
            assert!(inflate(&good[..cut]).is_err(), "cut {cut}");
        }
    }
}
