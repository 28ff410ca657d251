//! The app id and the secret app certificate.
//!
//! Both are validated on construction (32 hexadecimal characters). The certificate's
//! `Debug` is redacted and its comparison is constant-time; no error message ever
//! contains it.

use std::fmt;
use std::str::FromStr;
use std::sync::Mutex;

use subtle::ConstantTimeEq;

use zeroize::Zeroizing;

use crate::crypto::{hmac_sha256, KeyedMac};
use crate::error::{Error, ErrorKind, Field, Result};

fn check_hex32(s: &str, kind: ErrorKind, field: Field) -> Result<()> {
    if s.len() != 32 {
        return Err(Error::new(
            kind,
            field,
            format!(
                "must be exactly 32 hexadecimal characters (got {} bytes)",
                s.len()
            ),
        ));
    }
    if let Some(pos) = s.bytes().position(|b| !b.is_ascii_hexdigit()) {
        return Err(Error::new(
            kind,
            field,
            format!(
                "must be 32 hexadecimal characters (character {} is not 0-9, a-f or A-F)",
                pos + 1
            ),
        ));
    }
    Ok(())
}

/// An Agora app id: 32 hexadecimal characters, kept exactly as given (case included).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct AppId(String);

impl AppId {
    /// Validates and wraps an app id.
    ///
    /// ```
    /// # use agora_token::AppId;
    /// assert!(AppId::new("970CA35de60c44645bbae8a215061b33").is_ok());
    /// assert_eq!(AppId::new("nope").unwrap_err().code(), "INVALID_APP_ID");
    /// ```
    pub fn new(s: impl Into<String>) -> Result<Self> {
        let s = s.into();
        check_hex32(&s, ErrorKind::InvalidAppId, Field::AppId)?;
        Ok(Self(s))
    }

    /// The app id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for AppId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("AppId").field(&self.0).finish()
    }
}

impl fmt::Display for AppId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for AppId {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Self::new(s)
    }
}

/// The secret app certificate: 32 hexadecimal characters.
///
/// It is used as the ASCII bytes of its text, never hex-decoded. It has no `Display`;
/// its `Debug` prints `AppCertificate(<redacted>)`; equality is constant-time.
///
/// It keeps two derived values so that repeated signing is cheap: the HMAC state keyed by
/// the certificate (006 signs with it), and the last 007 first-stage signing key
/// `HMAC(u32 issueTs, certificate)`, which every token issued in the same second shares.
/// The certificate, the keyed state and the cached key are zeroized when dropped.
pub struct AppCertificate {
    key: Zeroizing<[u8; 32]>,
    mac: KeyedMac,
    sign_key_1: Mutex<Option<(u32, Zeroizing<[u8; 32]>)>>,
}

impl Clone for AppCertificate {
    fn clone(&self) -> Self {
        Self {
            key: self.key.clone(),
            mac: self.mac.clone(),
            sign_key_1: Mutex::new(None),
        }
    }
}

impl AppCertificate {
    /// Validates and wraps a certificate. The error never contains the value.
    ///
    /// ```
    /// # use agora_token::AppCertificate;
    /// let c = AppCertificate::new("5CFd2fd1755d40ecb72977518be15d3b").unwrap();
    /// assert_eq!(format!("{c:?}"), "AppCertificate(<redacted>)");
    /// ```
    pub fn new(s: impl Into<String>) -> Result<Self> {
        let text = Zeroizing::new(s.into());
        check_hex32(
            &text,
            ErrorKind::InvalidAppCertificate,
            Field::AppCertificate,
        )?;
        // 32 bytes, checked just above.
        let key = <[u8; 32]>::try_from(text.as_bytes()).map_err(|_| {
            Error::new(
                ErrorKind::InvalidAppCertificate,
                Field::AppCertificate,
                "must be exactly 32 hexadecimal characters",
            )
        })?;
        let key = Zeroizing::new(key);
        Ok(Self {
            mac: KeyedMac::new(&key),
            key,
            sign_key_1: Mutex::new(None),
        })
    }

    /// The bytes that key the HMACs (the ASCII text of the certificate).
    pub(crate) fn key(&self) -> &[u8; 32] {
        &self.key
    }

    /// HMAC-SHA256 keyed by the certificate, from the precomputed key state.
    pub(crate) fn mac(&self, parts: &[&[u8]]) -> [u8; 32] {
        self.mac.mac(parts)
    }

    /// The 007 first-stage key `HMAC(key = u32 issueTs, msg = certificate)`, cached for
    /// the last issue time seen (tokens issued in the same second share it).
    pub(crate) fn sign_key_1(&self, issue_ts: u32) -> Zeroizing<[u8; 32]> {
        // A poisoned or contended lock only costs the cache, never correctness.
        if let Ok(cache) = self.sign_key_1.try_lock() {
            if let Some((ts, key)) = cache.as_ref() {
                if *ts == issue_ts {
                    return key.clone();
                }
            }
        }
        let key = Zeroizing::new(hmac_sha256(&issue_ts.to_le_bytes(), &[self.key()]));
        if let Ok(mut cache) = self.sign_key_1.try_lock() {
            *cache = Some((issue_ts, key.clone()));
        }
        key
    }
}

impl fmt::Debug for AppCertificate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AppCertificate(<redacted>)")
    }
}

impl PartialEq for AppCertificate {
    fn eq(&self, other: &Self) -> bool {
        self.key.ct_eq(&*other.key).into()
    }
}

impl Eq for AppCertificate {}

impl FromStr for AppCertificate {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Self::new(s)
    }
}

/// An app id with its certificate: everything needed to sign.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Credentials {
    /// The app id.
    pub app_id: AppId,
    /// The app certificate (redacted in `Debug`).
    pub certificate: AppCertificate,
}

impl Credentials {
    /// Validates both parts.
    pub fn new(app_id: impl Into<String>, certificate: impl Into<String>) -> Result<Self> {
        Ok(Self {
            app_id: AppId::new(app_id)?,
            certificate: AppCertificate::new(certificate)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn certificate_never_prints() {
        let secret = "5CFd2fd1755d40ecb72977518be15d3b";
        let c = Credentials::new("970CA35de60c44645bbae8a215061b33", secret).unwrap();
        assert!(!format!("{c:?}").contains(secret));
        assert!(!format!("{c:#?}").contains(secret));
        let bad = format!("{secret}x");
        let e = AppCertificate::new(bad.clone()).unwrap_err();
        assert!(!e.to_string().contains(secret));
        assert_eq!(e.code(), "INVALID_APP_CERTIFICATE");
        let e = AppCertificate::new("5CFd2fd1755d40ecb72977518be15d3g").unwrap_err();
        assert!(e.to_string().contains("character 32"), "{e}");
    }

    #[test]
    fn app_id_rules() {
        for bad in [
            "",
            "970CA35de60c44645bbae8a215061b3",
            "970CA35de60c44645bbae8a215061b333",
            "970CA35de60c44645bbae8a215061b3z",
            "970CA35de60c44645bbae8a215061b3é",
        ] {
            let e = AppId::new(bad).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::InvalidAppId, "{bad}");
            assert_eq!(e.field(), Field::AppId);
        }
    }
}
