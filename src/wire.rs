//! Little-endian packing shared by both formats: `u16`, `u32`, `i16`, length-prefixed
//! strings and the sorted `map32` of privileges.
//!
//! Writing is checked: a string longer than a `u16` prefix can hold is an error, never a
//! wrapped length. Reading is checked: every read names what it was reading when the
//! input ran out.

use crate::error::{Error, ErrorKind, Field, Result};
use crate::privilege_map::PrivilegeMap;

/// An append-only little-endian writer.
#[derive(Debug, Default)]
pub(crate) struct Writer {
    buf: Vec<u8>,
}

impl Writer {
    pub(crate) fn with_capacity(capacity: usize) -> Self {
        Self {
            buf: Vec::with_capacity(capacity),
        }
    }

    pub(crate) fn u16(&mut self, v: u16) -> &mut Self {
        self.buf.extend_from_slice(&v.to_le_bytes());
        self
    }

    pub(crate) fn i16(&mut self, v: i16) -> &mut Self {
        self.buf.extend_from_slice(&v.to_le_bytes());
        self
    }

    pub(crate) fn u32(&mut self, v: u32) -> &mut Self {
        self.buf.extend_from_slice(&v.to_le_bytes());
        self
    }

    /// A count or length as a `u16`, or an error naming `field`.
    pub(crate) fn len16(&mut self, len: usize, field: Field) -> Result<&mut Self> {
        let n = u16::try_from(len).map_err(|_| {
            Error::new(
                ErrorKind::FieldTooLong,
                field,
                format!("must be at most 65535 bytes or entries (got {len})"),
            )
        })?;
        Ok(self.u16(n))
    }

    /// `str(x)`: a `u16` byte length, then the bytes.
    pub(crate) fn bytes(&mut self, b: &[u8], field: Field) -> Result<&mut Self> {
        self.len16(b.len(), field)?;
        self.buf.extend_from_slice(b);
        Ok(self)
    }

    /// `map32{k:v}`: a `u16` count, then `(u16, u32)` pairs in ascending key order.
    pub(crate) fn map32(&mut self, map: &PrivilegeMap, field: Field) -> Result<&mut Self> {
        self.len16(map.len(), field)?;
        for (k, v) in map.iter() {
            self.u16(k).u32(v);
        }
        Ok(self)
    }

    pub(crate) fn raw(&mut self, b: &[u8]) -> &mut Self {
        self.buf.extend_from_slice(b);
        self
    }

    pub(crate) fn into_vec(self) -> Vec<u8> {
        self.buf
    }
}

/// A checked little-endian reader over a byte slice.
#[derive(Debug, Clone)]
pub(crate) struct Reader<'a> {
    rest: &'a [u8],
}

impl<'a> Reader<'a> {
    pub(crate) fn new(input: &'a [u8]) -> Self {
        Self { rest: input }
    }

    pub(crate) fn remaining(&self) -> &'a [u8] {
        self.rest
    }

    /// Ends the read: any byte left after `last` (what was read last, such as "the last
    /// service") is an error, so that one signed payload has one encoding.
    pub(crate) fn finish(self, last: &'static str) -> Result<()> {
        if self.rest.is_empty() {
            Ok(())
        } else {
            Err(Error::token(
                ErrorKind::MalformedToken,
                format!("{} unexpected bytes after {last}", self.rest.len()),
            ))
        }
    }

    /// `str(signature)`: an HMAC-SHA256, exactly 32 bytes (both formats).
    pub(crate) fn signature(&mut self) -> Result<[u8; 32]> {
        let b = self.bytes("the signature")?;
        <[u8; 32]>::try_from(b).map_err(|_| {
            Error::token(
                ErrorKind::MalformedToken,
                format!("the signature is {} bytes, not 32", b.len()),
            )
        })
    }

    fn take(&mut self, n: usize, what: &'static str) -> Result<&'a [u8]> {
        if self.rest.len() < n {
            return Err(Error::truncated(what));
        }
        let (head, tail) = self.rest.split_at(n);
        self.rest = tail;
        Ok(head)
    }

    fn array<const N: usize>(&mut self, what: &'static str) -> Result<[u8; N]> {
        let mut out = [0u8; N];
        out.copy_from_slice(self.take(N, what)?);
        Ok(out)
    }

    pub(crate) fn u16(&mut self, what: &'static str) -> Result<u16> {
        Ok(u16::from_le_bytes(self.array(what)?))
    }

    pub(crate) fn i16(&mut self, what: &'static str) -> Result<i16> {
        Ok(i16::from_le_bytes(self.array(what)?))
    }

    pub(crate) fn u32(&mut self, what: &'static str) -> Result<u32> {
        Ok(u32::from_le_bytes(self.array(what)?))
    }

    /// `str(x)` as raw bytes.
    pub(crate) fn bytes(&mut self, what: &'static str) -> Result<&'a [u8]> {
        let len = self.u16(what)?;
        self.take(usize::from(len), what)
    }

    /// `str(x)` as UTF-8 text.
    pub(crate) fn string(&mut self, what: &'static str) -> Result<String> {
        let b = self.bytes(what)?;
        String::from_utf8(b.to_vec()).map_err(|_| {
            Error::token(
                ErrorKind::MalformedToken,
                format!("{what} is not valid UTF-8"),
            )
        })
    }

    /// `map32{k:v}`. Duplicate keys are an error; out-of-order keys are accepted (some
    /// writers do not sort) and come back sorted.
    pub(crate) fn map32(&mut self, what: &'static str) -> Result<PrivilegeMap> {
        let n = self.u16(what)?;
        let mut map = PrivilegeMap::new();
        for _ in 0..n {
            let k = self.u16(what)?;
            let v = self.u32(what)?;
            if map.insert(k, v).is_some() {
                return Err(Error::token(
                    ErrorKind::MalformedToken,
                    format!("{what} repeats privilege {k}"),
                ));
            }
        }
        Ok(map)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn trailing_bytes_and_signature_length_are_refused() {
        let mut r = Reader::new(&[1, 0, 7, 9]);
        assert_eq!(r.u16("a").unwrap(), 1);
        let e = r.finish("the count").unwrap_err();
        assert_eq!(e.kind(), ErrorKind::MalformedToken);
        assert!(
            e.to_string().contains("2 unexpected bytes after the count"),
            "{e}"
        );
        for len in [0usize, 31, 33] {
            let mut w = Writer::default();
            w.bytes(&vec![0; len], Field::Token).unwrap();
            let v = w.into_vec();
            let e = Reader::new(&v).signature().unwrap_err();
            assert!(
                e.to_string().contains(&format!("{len} bytes, not 32")),
                "{e}"
            );
        }
        let mut w = Writer::default();
        w.bytes(&[5; 32], Field::Token).unwrap();
        assert_eq!(Reader::new(&w.into_vec()).signature().unwrap(), [5; 32]);
    }

    use super::*;

    #[test]
    fn string_over_u16_is_an_error_not_a_wrap() {
        let long = vec![b'a'; 65_536];
        let err = Writer::default()
            .bytes(&long, Field::Account)
            .map(|_| ())
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::FieldTooLong);
        assert_eq!(err.field(), Field::Account);
        let ok = vec![b'a'; 65_535];
        assert!(Writer::default().bytes(&ok, Field::Account).is_ok());
    }

    #[test]
    fn round_trip_and_truncation() {
        let mut w = Writer::default();
        let mut m = PrivilegeMap::new();
        m.insert(2, 7);
        m.insert(1, 9);
        w.u16(0xBEEF).u32(0xDEAD_BEEF).i16(-1);
        w.bytes(b"hi", Field::Token).unwrap();
        w.map32(&m, Field::Privileges).unwrap();
        let v = w.into_vec();
        assert_eq!(&v[..2], &[0xEF, 0xBE]);
        let mut r = Reader::new(&v);
        assert_eq!(r.u16("a").unwrap(), 0xBEEF);
        assert_eq!(r.u32("b").unwrap(), 0xDEAD_BEEF);
        assert_eq!(r.i16("c").unwrap(), -1);
        assert_eq!(r.string("d").unwrap(), "hi");
        assert_eq!(r.map32("e").unwrap(), m);
        r.finish("the map").unwrap();
        for cut in 0..v.len() {
            let mut r = Reader::new(&v[..cut]);
            let res = (|| {
                r.u16("a")?;
                r.u32("b")?;
                r.i16("c")?;
                r.string("d")?;
                r.map32("e")
            })();
            assert_eq!(
                res.unwrap_err().kind(),
                ErrorKind::TruncatedToken,
                "cut {cut}"
            );
        }
    }
}
