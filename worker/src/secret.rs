//! [`Secret`]: a setting that must never be seen (the certificate, the API key, the HS256
//! secret).

use std::fmt;

use serde::{Deserialize, Deserializer};
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

/// A secret setting's text.
///
/// - `Debug` prints `<redacted>`; there is no `Display` and no `Serialize`.
/// - `==` compares in constant time: its time does not depend on where two secrets of the
///   same length differ (lengths themselves are not hidden).
/// - The text is zeroized when the value is dropped.
#[derive(Clone, Default)]
pub struct Secret(Zeroizing<String>);

impl Secret {
    /// Wraps `text`.
    pub fn new(text: impl Into<String>) -> Self {
        Self(Zeroizing::new(text.into()))
    }

    /// The text, for the one place that uses it (a key, a comparison).
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Secret {
    fn from(text: &str) -> Self {
        Self::new(text)
    }
}

impl From<String> for Secret {
    fn from(text: String) -> Self {
        Self::new(text)
    }
}

impl PartialEq for Secret {
    fn eq(&self, other: &Self) -> bool {
        self.0.as_bytes().ct_eq(other.0.as_bytes()).into()
    }
}

impl Eq for Secret {}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(Self::new)
    }
}

#[cfg(test)]
mod tests {
    use super::Secret;

    #[test]
    fn redacted_and_compared() {
        let s = Secret::from("sekrit-value");
        assert_eq!(format!("{s:?} {s:#?}"), "<redacted> <redacted>");
        assert_eq!(s, Secret::from("sekrit-value"));
        assert_ne!(s, Secret::from("sekrit-valuf"));
        assert_ne!(s, Secret::from("sekrit"));
        assert_eq!(s.expose(), "sekrit-value");
    }
}
