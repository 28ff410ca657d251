//! zlib compression of 007 payloads, and bounded decompression of untrusted tokens.

use miniz_oxide::inflate::core::inflate_flags::{
    TINFL_FLAG_PARSE_ZLIB_HEADER, TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF,
};
use miniz_oxide::inflate::core::{decompress, DecompressorOxide};
use miniz_oxide::inflate::TINFLStatus;

use crate::error::{Error, ErrorKind, Result};

/// The most bytes a 007 payload may inflate to. Real tokens are a few hundred bytes; the
/// limit stops decompression bombs from costing memory or time.
pub const MAX_INFLATED: usize = 64 * 1024;

/// zlib-compresses `data` (a `78 9C` stream with one fixed-Huffman block, as zlib emits
/// for payloads of this size; see [`crate::deflate`]).
pub(crate) fn deflate(data: &[u8]) -> Vec<u8> {
    crate::deflate::zlib(data)
}

/// Inflates a zlib stream, refusing anything that would exceed [`MAX_INFLATED`], and any
/// bytes after the end of the stream (they would make several token strings for one
/// signed payload).
///
/// The loop is miniz_oxide's `decompress_to_vec_zlib_with_limit`, kept here because that
/// function does not report how much input the stream used.
pub(crate) fn inflate(data: &[u8]) -> Result<Vec<u8>> {
    let flags = TINFL_FLAG_PARSE_ZLIB_HEADER | TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
    let mut out = vec![0u8; data.len().saturating_mul(2).clamp(64, MAX_INFLATED)];
    let mut state = Box::<DecompressorOxide>::default();
    let (mut in_pos, mut out_pos) = (0, 0);
    loop {
        // The inflater never reports more input used than it was given.
        let input = data.get(in_pos..).ok_or_else(|| {
            Error::token(
                ErrorKind::InvalidCompression,
                "the inflater went past its input",
            )
        })?;
        let (status, used, written) = decompress(&mut state, input, &mut out, out_pos, flags);
        in_pos += used;
        out_pos += written;
        match status {
            TINFLStatus::Done if in_pos == data.len() => {
                out.truncate(out_pos);
                return Ok(out);
            }
            TINFLStatus::Done => {
                return Err(Error::token(
                    ErrorKind::InvalidCompression,
                    format!(
                        "{} byte(s) follow the end of the compressed payload",
                        data.len() - in_pos
                    ),
                ))
            }
            TINFLStatus::HasMoreOutput if out.len() < MAX_INFLATED => {
                let grown = out.len().saturating_mul(2).min(MAX_INFLATED);
                out.resize(grown, 0);
            }
            TINFLStatus::HasMoreOutput => {
                return Err(Error::token(
                    ErrorKind::PayloadTooLarge,
                    format!("the compressed payload inflates to more than {MAX_INFLATED} bytes"),
                ))
            }
            TINFLStatus::FailedCannotMakeProgress | TINFLStatus::NeedsMoreInput => {
                return Err(Error::token(
                    ErrorKind::InvalidCompression,
                    "the compressed payload is truncated",
                ))
            }
            _ => {
                return Err(Error::token(
                    ErrorKind::InvalidCompression,
                    "the payload is not a valid zlib stream",
                ))
            }
        }
    }
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
        let mut trailing = good.clone();
        trailing.extend_from_slice(b"XYZ");
        let e = inflate(&trailing).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidCompression);
        assert!(e.to_string().contains("3 byte(s) follow"), "{e}");
    }
}
