#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

// Namespaces of the public API: the 007 compositions of the official builders, the two
// formats, and the input rules.
pub mod builders;
pub mod v006;
pub mod v007;
pub mod validate;

// Everything else is private; what the front ends need is re-exported below.
mod clock;
mod compress;
mod credentials;
mod crypto;
mod deflate;
mod error;
mod inspect;
#[cfg(feature = "js")]
mod js;
mod options;
mod privilege_map;
mod rtc;
mod sorted;
mod verify;
mod wire;

/// The known-answer vectors, for the crate's own tests (the shared loader of every Rust test).
#[cfg(test)]
#[path = "../tests/vectors/loader.rs"]
mod test_vectors;

pub use clock::{now, random_salt, Issue};
pub use compress::MAX_INFLATED;
pub use credentials::{AppCertificate, AppId, Credentials};
pub use error::{Error, ErrorKind, Field, Result};
pub use inspect::{inspect, Named, ParsedToken, PrivilegeInfo, ServiceInfo, TokenInfo, Warning};
pub use options::{
    build_rtc_token, build_rtm_token, issue, Expiry, RtcOptions, RtmOptions, Version,
    DEFAULT_EXPIRES_IN,
};
pub use privilege_map::PrivilegeMap;
pub use rtc::{RtcPrivilegeExpiries, RtcRole, RtcUser};
pub use verify::{check, verify, verify_any, Expected, Mismatch, Reason, Verification};

/// The 007 compressor, for the benchmarks only (`benches/tokens.rs` compares it with
/// miniz_oxide); not part of the API.
#[doc(hidden)]
pub fn deflate_for_bench(data: &[u8]) -> Vec<u8> {
    compress::deflate(data)
}
