#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![cfg_attr(not(test), warn(clippy::unwrap_used, clippy::expect_used))]

pub mod compress;
pub mod credentials;
mod crypto;
pub mod error;
pub mod v006;
pub mod validate;
mod wire;

pub use credentials::{AppCertificate, AppId, Credentials};
pub use error::{Error, ErrorKind, Result};
