//! The registry of 007 service types: wire number, name and codec of each, and the
//! [`Service`] enum that carries one of them. Everything about a service itself (fields,
//! layout, rules) is in its file under `services/`.

use crate::error::{Error, ErrorKind, Field, Result};
use crate::privilege_map::PrivilegeMap;
use crate::wire::{Reader, Writer};

use super::codec::{check_privileges, Codec, Source};
use super::permissions::Permissions;
use super::privilege::{Privilege, Privileges};
pub use super::services::apaas::Apaas;
pub use super::services::chat::Chat;
pub use super::services::convoai::ConvoAi;
pub use super::services::fcdn::Fcdn;
pub use super::services::fpa::Fpa;
pub use super::services::rtc::Rtc;
pub use super::services::rtm::Rtm;
pub use super::services::rtm2::Rtm2;
pub use super::services::streaming::Streaming;
pub use super::services::stt::Stt;

/// The registry: one line per service type, `Variant = wire number, "name", "doc"`. The
/// variant names the codec type (`services/<name>.rs`).
macro_rules! registry {
    ($($variant:ident = $id:literal, $name:literal, $doc:literal;)*) => {
        /// The service types Agora defines, with their wire numbers.
        #[non_exhaustive]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum ServiceType {
            $(#[doc = concat!($id, ": ", $doc)] $variant,)*
        }

        impl ServiceType {
            /// Every service type, in wire order.
            pub const ALL: &'static [Self] = &[$(Self::$variant,)*];

            /// The wire number.
            pub const fn id(self) -> u16 {
                match self { $(Self::$variant => $id,)* }
            }

            /// The lower-case name used in inspection output and APIs (`rtc`, `rtm`, …,
            /// `rtm2`, `convoai`, `stt`).
            pub const fn name(self) -> &'static str {
                match self { $(Self::$variant => $name,)* }
            }

            /// The privileges this service type defines, as `(wire id, name)` in wire order.
            pub fn privilege_names(self) -> Vec<(u16, &'static str)> {
                fn names<P: Privilege>() -> Vec<(u16, &'static str)> {
                    P::ALL.iter().map(|p| (p.id(), p.name())).collect()
                }
                match self { $(Self::$variant => names::<<$variant as Codec>::Privilege>(),)* }
            }

            /// The fields a service of this type carries besides its privileges, in wire
            /// order: the fields its codec reads, in the order it reads them (text fields,
            /// [`Field::Role`] for APaaS, [`Field::Permissions`] for RTM2).
            pub fn fields(self) -> Vec<Field> {
                let mut asked = Asked::default();
                // `Asked` answers every field, so the read cannot fail; what matters is
                // what it recorded.
                Service::read(self, &mut asked).ok();
                asked.0
            }

            /// The field an empty service of this type is refused for (a field it
            /// requires), if any: the rule the core applies, as a front end can announce it.
            pub fn required_field(self) -> Option<Field> {
                fn of<C: Codec + Default>() -> Option<Field> {
                    C::default().validate_fields().err().map(|e| e.field())
                }
                match self { $(Self::$variant => of::<$variant>(),)* }
            }
        }

        /// One service of a 007 token.
        #[non_exhaustive]
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum Service {
            $(#[doc = concat!($id, ": ", $doc)] $variant($variant),)*
        }

        $(impl From<$variant> for Service {
            fn from(s: $variant) -> Self {
                Self::$variant(s)
            }
        })*

        impl Service {
            /// This service's type.
            pub fn service_type(&self) -> ServiceType {
                match self { $(Self::$variant(_) => ServiceType::$variant,)* }
            }

            /// The privilege map in wire form.
            pub(crate) fn raw_privileges(&self) -> &PrivilegeMap {
                match self { $(Self::$variant(s) => s.privileges().raw(),)* }
            }

            /// The name of privilege `id` of this service, if it has one.
            pub fn privilege_name(&self, id: u16) -> Option<&'static str> {
                fn name<P: Privilege>(id: u16) -> Option<&'static str> {
                    P::from_id(id).map(P::name)
                }
                match self { $(Self::$variant(_) => name::<<$variant as Codec>::Privilege>(id),)* }
            }

            /// Checks the service against the input rules before it is packed.
            pub fn validate(&self) -> Result<()> {
                check_privileges(self.raw_privileges())?;
                match self { $(Self::$variant(s) => s.validate_fields(),)* }
            }

            /// Appends the wire form: `u16 type | map32 privileges | fields`.
            pub(crate) fn pack(&self, w: &mut Writer) -> Result<()> {
                w.u16(self.service_type().id());
                w.map32(self.raw_privileges(), Field::Privileges)?;
                match self { $(Self::$variant(s) => s.pack_fields(w),)* }
            }

            /// Reads a service of type `t` from `s`: its privileges, then its fields in
            /// wire order. Privilege ids are kept as read (see [`Self::unknown_privilege`]).
            pub(crate) fn read<S: Source>(t: ServiceType, s: &mut S) -> Result<Self> {
                let map = s.privileges()?;
                match t {
                    $(ServiceType::$variant => {
                        $variant::read_fields(s, Privileges::from_raw(map)).map(Self::$variant)
                    })*
                }
            }

            /// Reads one service: `u16 type | map32 privileges | fields`.
            pub(crate) fn unpack(r: &mut Reader<'_>) -> Result<Self> {
                let type_id = r.u16("a service type")?;
                let t = ServiceType::from_id(type_id).ok_or_else(|| {
                    Error::token(
                        ErrorKind::MalformedToken,
                        format!("unknown service type {type_id} (this crate knows 1 to 10)"),
                    )
                })?;
                Self::read(t, r)
            }

            /// A privilege id this service type does not define, if the service has one
            /// (a parsed token keeps them; a builder's input must not carry them).
            #[cfg(feature = "js")]
            pub(crate) fn unknown_privilege(&self) -> Option<u16> {
                fn defines<P: Privilege>(id: u16) -> bool {
                    P::from_id(id).is_some()
                }
                let known: fn(u16) -> bool = match self {
                    $(Self::$variant(_) => defines::<<$variant as Codec>::Privilege>,)*
                };
                self.raw_privileges().iter().map(|(id, _)| id).find(|&id| !known(id))
            }

            /// The text fields in wire order, named by [`Field`] (`channelName`, `uid`,
            /// `userId`, `account`, `roomUuid`, `userUuid`).
            pub fn text_fields(&self) -> Vec<(Field, &str)> {
                match self { $(Self::$variant(s) => s.text_fields(),)* }
            }

            /// APaaS: the role.
            pub fn role(&self) -> Option<i16> {
                match self { $(Self::$variant(s) => s.role(),)* }
            }

            /// RTM2: the resource permissions.
            pub fn permissions(&self) -> Option<&Permissions> {
                match self { $(Self::$variant(s) => Codec::permissions(s),)* }
            }
        }
    };
}

registry! {
    Rtc = 1, "rtc", "RTC (video and voice).";
    Rtm = 2, "rtm", "RTM login (RTM 1.x and 2.x).";
    Streaming = 3, "streaming", "Media streaming.";
    Fpa = 4, "fpa", "FPA (full-path acceleration).";
    Chat = 5, "chat", "Chat.";
    Fcdn = 6, "fcdn", "FCDN.";
    Apaas = 7, "apaas", "APaaS / Flexible Classroom (Education).";
    Rtm2 = 8, "rtm2", "RTM2 login with resource permissions.";
    ConvoAi = 9, "convoai", "Conversational AI.";
    Stt = 10, "stt", "Speech-to-text.";
}

/// A [`Source`] that records which fields a codec asks for, in order, and answers each
/// with its empty value: how [`ServiceType::fields`] learns a service's fields from its
/// codec.
#[derive(Default)]
struct Asked(Vec<Field>);

impl Source for Asked {
    fn privileges(&mut self) -> Result<PrivilegeMap> {
        Ok(PrivilegeMap::new())
    }

    fn text(&mut self, field: Field) -> Result<String> {
        self.0.push(field);
        Ok(String::new())
    }

    fn role(&mut self) -> Result<i16> {
        self.0.push(Field::Role);
        Ok(-1)
    }

    fn permissions(&mut self) -> Result<Permissions> {
        self.0.push(Field::Permissions);
        Ok(Permissions::new())
    }
}

impl ServiceType {
    /// The type with wire number `id`.
    pub fn from_id(id: u16) -> Option<Self> {
        Self::ALL.iter().copied().find(|t| t.id() == id)
    }

    /// The type named `name` ([`Self::name`]: `rtc`, `rtm`, …), matched exactly.
    ///
    /// ```
    /// use agora_token::v007::ServiceType;
    /// assert_eq!(ServiceType::from_name("chat"), Some(ServiceType::Chat));
    /// assert_eq!(ServiceType::from_name("Chat"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|t| t.name() == name)
    }
}
