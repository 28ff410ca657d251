//! AccessToken2 "007": building, parsing and verifying.
//!
//! ```text
//! signKey      = HMAC(u32 salt, HMAC(u32 issueTs, certificate))
//! signing_info = str(appId) | u32 issueTs | u32 expire | u32 salt | u16 n | services…
//! token        = "007" | base64(zlib(str(HMAC(signKey, signing_info)) | signing_info))
//! ```

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;

use zeroize::Zeroizing;

use crate::compress;
use crate::credentials::{AppCertificate, Credentials};
use crate::crypto::{ct_eq, hmac_sha256};
use crate::error::{Error, ErrorKind, Field, Result};
use crate::validate;
use crate::wire::{Reader, Writer};

use super::service::{Service, ServiceType};

/// The version prefix of 007 tokens.
pub const VERSION: &str = "007";

/// The claims of a 007 token: issue time, lifetime, salt and services.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessToken2 {
    /// Unix time of issue, in seconds.
    pub issue_ts: u32,
    /// Lifetime in seconds after `issue_ts`.
    pub expire: u32,
    /// Salt, 1..=99999999 when built here.
    pub salt: u32,
    /// The services, in insertion order (they are packed sorted by type, stably).
    pub services: Vec<Service>,
}

/// The signing key: `HMAC(u32 salt, HMAC(u32 issueTs, certificate))`.
fn sign_key(certificate: &AppCertificate, issue_ts: u32, salt: u32) -> Zeroizing<[u8; 32]> {
    Zeroizing::new(hmac_sha256(
        &salt.to_le_bytes(),
        &[&*certificate.sign_key_1(issue_ts)],
    ))
}

impl AccessToken2 {
    /// An empty token issued at `issue_ts` for `expire` seconds, with `salt`.
    pub fn new(issue_ts: u32, expire: u32, salt: u32) -> Self {
        Self {
            issue_ts,
            expire,
            salt,
            services: Vec::new(),
        }
    }

    /// Adds a service (builder style).
    #[must_use]
    pub fn with(mut self, service: impl Into<Service>) -> Self {
        self.services.push(service.into());
        self
    }

    /// Adds a service.
    pub fn add(&mut self, service: impl Into<Service>) -> &mut Self {
        self.services.push(service.into());
        self
    }

    /// Unix time at which the token stops being valid, or `None` if it would overflow `u32`.
    pub fn expires_at(&self) -> Option<u32> {
        self.issue_ts.checked_add(self.expire)
    }

    /// Checks every rule: salt, lifetime, at least one service, each service's fields.
    pub fn validate(&self) -> Result<()> {
        validate::salt(self.salt)?;
        validate::relative_seconds(Field::Expire, self.expire, 1)?;
        if self.expires_at().is_none() {
            return Err(Error::new(
                ErrorKind::InvalidExpiry,
                Field::Expire,
                "issue time plus lifetime is past the year 2106 (u32 unix time)",
            ));
        }
        if self.services.is_empty() {
            return Err(Error::new(
                ErrorKind::NoServices,
                Field::Services,
                "a token needs at least one service",
            ));
        }
        self.services.iter().try_for_each(Service::validate)
    }

    /// The signed bytes: header and services, services sorted by type (stable).
    fn signing_info(&self, app_id: &str) -> Result<Vec<u8>> {
        let mut w = Writer::with_capacity(64 + 96 * self.services.len());
        w.bytes(app_id.as_bytes(), Field::AppId)?
            .u32(self.issue_ts)
            .u32(self.expire)
            .u32(self.salt)
            .len16(self.services.len(), Field::Services)?;
        // Sorted by type, stably: one pass per type in `ServiceType::ALL` (ascending wire
        // order). This is O(10 n) and keeps the general-purpose sort out of the wasm module.
        for &t in ServiceType::ALL {
            for s in self.services.iter().filter(|s| s.service_type() == t) {
                s.pack(&mut w)?;
            }
        }
        Ok(w.into_vec())
    }

    /// The uncompressed payload: `str(signature) | signing_info`.
    pub fn payload(&self, creds: &Credentials) -> Result<Vec<u8>> {
        self.validate()?;
        let info = self.signing_info(creds.app_id.as_str())?;
        let key = sign_key(&creds.certificate, self.issue_ts, self.salt);
        let sig = hmac_sha256(&key, &[&info]);
        let mut w = Writer::with_capacity(34 + info.len());
        w.bytes(&sig, Field::Token)?.raw(&info);
        Ok(w.into_vec())
    }

    /// Validates, signs, compresses and encodes the token.
    pub fn build(&self, creds: &Credentials) -> Result<String> {
        let packed = compress::deflate(&self.payload(creds)?);
        let mut out = String::with_capacity(3 + packed.len().div_ceil(3) * 4);
        out.push_str(VERSION);
        STANDARD.encode_string(&packed, &mut out);
        Ok(out)
    }
}

/// A parsed 007 token: its app id, its claims, and what is needed to verify it.
#[derive(Clone, PartialEq, Eq)]
pub struct ParsedToken2 {
    /// The app id, as found in the token.
    pub app_id: String,
    /// Issue time, lifetime, salt and services.
    pub token: AccessToken2,
    signature: [u8; 32],
    signing_info: Vec<u8>,
}

impl std::fmt::Debug for ParsedToken2 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ParsedToken2")
            .field("app_id", &self.app_id)
            .field("token", &self.token)
            .finish_non_exhaustive()
    }
}

impl ParsedToken2 {
    /// Parses a 007 token: version, base64, bounded inflate, then every field.
    ///
    /// Inflating is limited to [`compress::MAX_INFLATED`] bytes.
    pub fn parse(token: &str) -> Result<Self> {
        let body = token.strip_prefix(VERSION).ok_or_else(|| {
            Error::token(
                ErrorKind::UnsupportedVersion,
                "a 007 token starts with \"007\"",
            )
        })?;
        let packed = STANDARD.decode(body).map_err(|_| {
            Error::token(
                ErrorKind::InvalidBase64,
                "the body after \"007\" is not valid base64",
            )
        })?;
        Self::from_payload(&compress::inflate(&packed)?)
    }

    /// Parses an already inflated payload (`str(signature) | signing_info`).
    pub fn from_payload(payload: &[u8]) -> Result<Self> {
        let mut r = Reader::new(payload);
        let signature = r.signature()?;
        let signing_info = r.remaining().to_vec();
        let app_id = r.string("the app id")?;
        let issue_ts = r.u32("the issue time")?;
        let expire = r.u32("the expiry")?;
        let salt = r.u32("the salt")?;
        let count = r.u16("the service count")?;
        let mut services = Vec::with_capacity(usize::from(count.min(16)));
        for _ in 0..count {
            services.push(Service::unpack(&mut r)?);
        }
        r.finish("the last service")?;
        Ok(Self {
            app_id,
            token: AccessToken2 {
                issue_ts,
                expire,
                salt,
                services,
            },
            signature,
            signing_info,
        })
    }

    /// Whether the signature holds under `certificate`, compared in constant time.
    pub fn verify(&self, certificate: &AppCertificate) -> bool {
        let key = sign_key(certificate, self.token.issue_ts, self.token.salt);
        let expected = hmac_sha256(&key, &[&self.signing_info]);
        ct_eq(&expected, &self.signature)
    }

    /// The signed bytes exactly as found in the token.
    pub fn signing_info(&self) -> &[u8] {
        &self.signing_info
    }
}
