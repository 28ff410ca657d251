//! Every path into the core crate, in one place: the rest of the binding imports from here,
//! so that a moved item in the core is a one-line change.

pub(crate) use agora_token::builders::{self, RtcPrivilegeExpiries, RtcRtm2};
pub(crate) use agora_token::issue;
pub(crate) use agora_token::v006;
pub(crate) use agora_token::v006::TS_OFFSET as TS_OFFSET_006;
pub(crate) use agora_token::v007::{AccessToken2, PermissionType, Permissions, ResourceType};
pub(crate) use agora_token::validate::{
    parse_canonical_uid, parse_uid, relative_seconds, u32_from_f64,
};
pub(crate) use agora_token::{
    build_rtc_token, build_rtm_token, inspect, verify_any, AppCertificate, Credentials, Error,
    ErrorKind, Expected, Expiry, Field, Issue, RtcOptions, RtcRole, RtcUser, RtmOptions, Version,
};
