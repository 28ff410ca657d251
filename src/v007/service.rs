//! The ten 007 service types, their wire layout and their input rules.

use crate::error::{Error, ErrorKind, Result};
use crate::privilege_map::PrivilegeMap;
use crate::validate;
use crate::wire::{Reader, Writer};

use super::permissions::Permissions;
use super::privilege::{
    ApaasPrivilege, ChatPrivilege, FcdnPrivilege, FpaPrivilege, NoPrivilege, Privilege, Privileges,
    RtcPrivilege, RtmPrivilege, StreamingPrivilege,
};

/// The service types Agora defines, with their wire numbers.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ServiceType {
    /// 1: RTC (video and voice).
    Rtc,
    /// 2: RTM login (RTM 1.x and 2.x).
    Rtm,
    /// 3: Media streaming.
    Streaming,
    /// 4: FPA (full-path acceleration).
    Fpa,
    /// 5: Chat.
    Chat,
    /// 6: FCDN.
    Fcdn,
    /// 7: APaaS / Flexible Classroom (Education).
    Apaas,
    /// 8: RTM2 login with resource permissions.
    Rtm2,
    /// 9: Conversational AI.
    ConvoAi,
    /// 10: Speech-to-text.
    Stt,
}

impl ServiceType {
    /// Every service type, in wire order.
    pub const ALL: [Self; 10] = [
        Self::Rtc,
        Self::Rtm,
        Self::Streaming,
        Self::Fpa,
        Self::Chat,
        Self::Fcdn,
        Self::Apaas,
        Self::Rtm2,
        Self::ConvoAi,
        Self::Stt,
    ];

    /// The wire number.
    pub const fn id(self) -> u16 {
        match self {
            Self::Rtc => 1,
            Self::Rtm => 2,
            Self::Streaming => 3,
            Self::Fpa => 4,
            Self::Chat => 5,
            Self::Fcdn => 6,
            Self::Apaas => 7,
            Self::Rtm2 => 8,
            Self::ConvoAi => 9,
            Self::Stt => 10,
        }
    }

    /// The type with wire number `id`.
    pub fn from_id(id: u16) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.id() == id)
    }

    /// The lower-case name used in inspection output and APIs (`rtc`, `rtm`, …, `rtm2`, `convoai`, `stt`).
    pub const fn name(self) -> &'static str {
        match self {
            Self::Rtc => "rtc",
            Self::Rtm => "rtm",
            Self::Streaming => "streaming",
            Self::Fpa => "fpa",
            Self::Chat => "chat",
            Self::Fcdn => "fcdn",
            Self::Apaas => "apaas",
            Self::Rtm2 => "rtm2",
            Self::ConvoAi => "convoai",
            Self::Stt => "stt",
        }
    }
}

/// Service 1: RTC.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Rtc {
    /// The channel name.
    pub channel_name: String,
    /// The uid in wire form: decimal text, `""` for the wildcard, or an account.
    pub uid: String,
    /// Privileges, in seconds after the issue time.
    pub privileges: Privileges<RtcPrivilege>,
}

/// Service 2: RTM login.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Rtm {
    /// The RTM user id.
    pub user_id: String,
    /// Privileges, in seconds after the issue time.
    pub privileges: Privileges<RtmPrivilege>,
}

/// Service 3: Streaming.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Streaming {
    /// The channel name.
    pub channel_name: String,
    /// The account in wire form (numeric 0 is `""`).
    pub account: String,
    /// Privileges, in seconds after the issue time.
    pub privileges: Privileges<StreamingPrivilege>,
}

/// Service 4: FPA.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Fpa {
    /// Privileges, in seconds after the issue time.
    pub privileges: Privileges<FpaPrivilege>,
}

/// Service 5: Chat. An empty user id makes an app token.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Chat {
    /// The Chat user id, `""` for the app.
    pub user_id: String,
    /// Privileges, in seconds after the issue time.
    pub privileges: Privileges<ChatPrivilege>,
}

/// Service 6: FCDN.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Fcdn {
    /// The channel name.
    pub channel_name: String,
    /// The account in wire form (numeric 0 is `""`).
    pub account: String,
    /// Privileges, in seconds after the issue time.
    pub privileges: Privileges<FcdnPrivilege>,
}

/// Service 7: APaaS / Education.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Apaas {
    /// The room uuid, `""` for user and app tokens.
    pub room_uuid: String,
    /// The user uuid, `""` for app tokens.
    pub user_uuid: String,
    /// The role in the room; −1 when there is none.
    pub role: i16,
    /// Privileges, in seconds after the issue time.
    pub privileges: Privileges<ApaasPrivilege>,
}

impl Default for Apaas {
    fn default() -> Self {
        Self {
            room_uuid: String::new(),
            user_uuid: String::new(),
            role: -1,
            privileges: Privileges::new(),
        }
    }
}

/// Service 8: RTM2 login with resource permissions.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Rtm2 {
    /// The RTM user id.
    pub user_id: String,
    /// Privileges, in seconds after the issue time.
    pub privileges: Privileges<RtmPrivilege>,
    /// The resource permissions.
    pub permissions: Permissions,
}

/// Service 9: Conversational AI (no fields, no privileges).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ConvoAi {
    /// Always empty when built here; kept as parsed.
    pub privileges: Privileges<NoPrivilege>,
}

/// Service 10: Speech-to-text (no fields, no privileges).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Stt {
    /// Always empty when built here; kept as parsed.
    pub privileges: Privileges<NoPrivilege>,
}

/// One service of a 007 token.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Service {
    /// 1: RTC.
    Rtc(Rtc),
    /// 2: RTM.
    Rtm(Rtm),
    /// 3: Streaming.
    Streaming(Streaming),
    /// 4: FPA.
    Fpa(Fpa),
    /// 5: Chat.
    Chat(Chat),
    /// 6: FCDN.
    Fcdn(Fcdn),
    /// 7: APaaS / Education.
    Apaas(Apaas),
    /// 8: RTM2 permissions.
    Rtm2(Rtm2),
    /// 9: ConvoAI.
    ConvoAi(ConvoAi),
    /// 10: STT.
    Stt(Stt),
}

macro_rules! from_variant {
    ($($v:ident),*) => {$(
        impl From<$v> for Service {
            fn from(s: $v) -> Self { Self::$v(s) }
        }
    )*};
}
from_variant!(Rtc, Rtm, Streaming, Fpa, Chat, Fcdn, Apaas, Rtm2, ConvoAi, Stt);

/// Checks privilege seconds: each is a relative lifetime (0 = as long as the token).
fn check_privileges(map: &PrivilegeMap) -> Result<()> {
    map.values()
        .try_for_each(|s| validate::relative_seconds("privileges", s, 0))
}

/// An optional string: empty is allowed (wildcard / absent), anything else follows `rule`.
fn optional(
    field: &'static str,
    s: &str,
    rule: fn(&'static str, &str) -> Result<()>,
) -> Result<()> {
    if s.is_empty() {
        Ok(())
    } else {
        rule(field, s)
    }
}

impl Service {
    /// This service's type.
    pub fn service_type(&self) -> ServiceType {
        match self {
            Self::Rtc(_) => ServiceType::Rtc,
            Self::Rtm(_) => ServiceType::Rtm,
            Self::Streaming(_) => ServiceType::Streaming,
            Self::Fpa(_) => ServiceType::Fpa,
            Self::Chat(_) => ServiceType::Chat,
            Self::Fcdn(_) => ServiceType::Fcdn,
            Self::Apaas(_) => ServiceType::Apaas,
            Self::Rtm2(_) => ServiceType::Rtm2,
            Self::ConvoAi(_) => ServiceType::ConvoAi,
            Self::Stt(_) => ServiceType::Stt,
        }
    }

    /// The privilege map in wire form.
    pub(crate) fn raw_privileges(&self) -> &PrivilegeMap {
        match self {
            Self::Rtc(s) => s.privileges.raw(),
            Self::Rtm(s) => s.privileges.raw(),
            Self::Streaming(s) => s.privileges.raw(),
            Self::Fpa(s) => s.privileges.raw(),
            Self::Chat(s) => s.privileges.raw(),
            Self::Fcdn(s) => s.privileges.raw(),
            Self::Apaas(s) => s.privileges.raw(),
            Self::Rtm2(s) => s.privileges.raw(),
            Self::ConvoAi(s) => s.privileges.raw(),
            Self::Stt(s) => s.privileges.raw(),
        }
    }

    /// The name of privilege `id` of this service, if it has one.
    pub fn privilege_name(&self, id: u16) -> Option<&'static str> {
        fn name<P: Privilege>(id: u16) -> Option<&'static str> {
            P::from_id(id).map(P::name)
        }
        match self.service_type() {
            ServiceType::Rtc => name::<RtcPrivilege>(id),
            ServiceType::Rtm | ServiceType::Rtm2 => name::<RtmPrivilege>(id),
            ServiceType::Streaming => name::<StreamingPrivilege>(id),
            ServiceType::Fpa => name::<FpaPrivilege>(id),
            ServiceType::Chat => name::<ChatPrivilege>(id),
            ServiceType::Fcdn => name::<FcdnPrivilege>(id),
            ServiceType::Apaas => name::<ApaasPrivilege>(id),
            ServiceType::ConvoAi | ServiceType::Stt => None,
        }
    }

    /// Checks the service against the input rules before it is packed.
    pub fn validate(&self) -> Result<()> {
        check_privileges(self.raw_privileges())?;
        match self {
            Self::Rtc(s) => {
                validate::channel_name("channelName", &s.channel_name)?;
                optional("uid", &s.uid, validate::account)
            }
            Self::Rtm(s) => validate::user_id("userId", &s.user_id),
            Self::Streaming(Streaming {
                channel_name,
                account,
                ..
            })
            | Self::Fcdn(Fcdn {
                channel_name,
                account,
                ..
            }) => {
                validate::channel_name("channelName", channel_name)?;
                optional("account", account, validate::account)
            }
            Self::Fpa(_) | Self::ConvoAi(_) | Self::Stt(_) => Ok(()),
            Self::Chat(s) => optional("userId", &s.user_id, validate::user_id),
            Self::Apaas(s) => {
                optional("roomUuid", &s.room_uuid, validate::account)?;
                optional("userUuid", &s.user_uuid, validate::account)
            }
            // An empty RTM2 user id is the wildcard (any user), as agora-token's
            // `buildTokenWithPermissions(…, 0, …)` signs it.
            Self::Rtm2(s) => {
                optional("userId", &s.user_id, validate::user_id)?;
                s.permissions.validate()
            }
        }
    }

    /// Appends the wire form: `u16 type | map32 privileges | fields`.
    pub(crate) fn pack(&self, w: &mut Writer) -> Result<()> {
        w.u16(self.service_type().id());
        w.map32(self.raw_privileges(), "privileges")?;
        match self {
            Self::Rtc(s) => {
                w.bytes(s.channel_name.as_bytes(), "channelName")?;
                w.bytes(s.uid.as_bytes(), "uid")?;
            }
            Self::Rtm(Rtm { user_id, .. }) | Self::Chat(Chat { user_id, .. }) => {
                w.bytes(user_id.as_bytes(), "userId")?;
            }
            Self::Streaming(Streaming {
                channel_name,
                account,
                ..
            })
            | Self::Fcdn(Fcdn {
                channel_name,
                account,
                ..
            }) => {
                w.bytes(channel_name.as_bytes(), "channelName")?;
                w.bytes(account.as_bytes(), "account")?;
            }
            Self::Fpa(_) | Self::ConvoAi(_) | Self::Stt(_) => {}
            Self::Apaas(s) => {
                w.bytes(s.room_uuid.as_bytes(), "roomUuid")?;
                w.bytes(s.user_uuid.as_bytes(), "userUuid")?;
                w.i16(s.role);
            }
            Self::Rtm2(s) => {
                w.bytes(s.user_id.as_bytes(), "userId")?;
                s.permissions.pack(w)?;
            }
        }
        Ok(())
    }

    /// Reads one service whose type number has already been read.
    pub(crate) fn unpack(type_id: u16, r: &mut Reader<'_>) -> Result<Self> {
        let kind = ServiceType::from_id(type_id).ok_or_else(|| {
            Error::token(
                ErrorKind::MalformedToken,
                format!("unknown service type {type_id} (this crate knows 1 to 10)"),
            )
        })?;
        let map = r.map32("the privileges")?;
        Ok(match kind {
            ServiceType::Rtc => Self::Rtc(Rtc {
                channel_name: r.string("the channel name")?,
                uid: r.string("the uid")?,
                privileges: Privileges::from_raw(map),
            }),
            ServiceType::Rtm => Self::Rtm(Rtm {
                user_id: r.string("the user id")?,
                privileges: Privileges::from_raw(map),
            }),
            ServiceType::Streaming => Self::Streaming(Streaming {
                channel_name: r.string("the channel name")?,
                account: r.string("the account")?,
                privileges: Privileges::from_raw(map),
            }),
            ServiceType::Fpa => Self::Fpa(Fpa {
                privileges: Privileges::from_raw(map),
            }),
            ServiceType::Chat => Self::Chat(Chat {
                user_id: r.string("the user id")?,
                privileges: Privileges::from_raw(map),
            }),
            ServiceType::Fcdn => Self::Fcdn(Fcdn {
                channel_name: r.string("the channel name")?,
                account: r.string("the account")?,
                privileges: Privileges::from_raw(map),
            }),
            ServiceType::Apaas => Self::Apaas(Apaas {
                room_uuid: r.string("the room uuid")?,
                user_uuid: r.string("the user uuid")?,
                role: r.i16("the role")?,
                privileges: Privileges::from_raw(map),
            }),
            ServiceType::Rtm2 => {
                let user_id = r.string("the user id")?;
                let permissions = Permissions::unpack(r)?;
                Self::Rtm2(Rtm2 {
                    user_id,
                    privileges: Privileges::from_raw(map),
                    permissions,
                })
            }
            ServiceType::ConvoAi => Self::ConvoAi(ConvoAi {
                privileges: Privileges::from_raw(map),
            }),
            ServiceType::Stt => Self::Stt(Stt {
                privileges: Privileges::from_raw(map),
            }),
        })
    }
}
