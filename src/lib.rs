#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

pub mod builders;
pub mod clock;
pub mod compress;
pub mod credentials;
mod crypto;
mod deflate;
pub mod error;
pub mod inspect;
#[cfg(feature = "js")]
pub mod js;
pub mod options;
mod privilege_map;
mod sorted;
pub mod v006;
pub mod v007;
pub mod validate;
pub mod verify;
mod wire;

pub use builders::{RtcPrivilegeExpiries, RtcRole, RtcUser};
pub use clock::Issue;
pub use credentials::{AppCertificate, AppId, Credentials};
pub use error::{Error, ErrorKind, Result};
pub use inspect::{inspect, ParsedToken, TokenInfo};
pub use options::{build_rtc_token, build_rtm_token, Expiry, RtcOptions, RtmOptions, Version};
pub use privilege_map::PrivilegeMap;
pub use verify::{verify, Expected, Reason, Verification};
