//! AccessToken2 "007": every service Agora defines, with typed privileges.

#[macro_use]
pub(crate) mod codec;
mod permissions;
mod privilege;
mod service;
mod services;
mod token;

pub use permissions::{Grant, Grants, PermissionType, Permissions, ResourceType};
pub use privilege::{
    ApaasPrivilege, ChatPrivilege, FcdnPrivilege, FpaPrivilege, NoPrivilege, Privilege, Privileges,
    RtcPrivilege, RtmPrivilege, StreamingPrivilege,
};
pub use service::{
    Apaas, Chat, ConvoAi, Fcdn, Fpa, Rtc, Rtm, Rtm2, Service, ServiceType, Streaming, Stt,
};
pub use token::{AccessToken2, ParsedToken2, VERSION};
