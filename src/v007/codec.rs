//! The codec of one 007 service type, after rustls's `Codec`: its wire layout (pack, and
//! read from a [`Source`]), its input rules and the text fields that inspection shows and
//! verification matches, all in the service's own file under `services/`. The registry in
//! [`super::service`] lists the types by wire number; adding a service is one file there,
//! one registry line and its vectors.

use crate::error::{Field, Result};
use crate::privilege_map::PrivilegeMap;
use crate::validate;
use crate::wire::{Reader, Writer};

use super::permissions::Permissions;
use super::privilege::{Privilege, Privileges};

/// The wire form and rules of one service type.
pub(crate) trait Codec: Sized {
    /// The privileges the service defines.
    type Privilege: Privilege;

    /// The service's privileges.
    fn privileges(&self) -> &Privileges<Self::Privilege>;

    /// Checks the service's own fields against the input rules (the privileges are checked
    /// for every service by [`check_privileges`]).
    fn validate_fields(&self) -> Result<()>;

    /// Appends the fields that follow the privileges.
    fn pack_fields(&self, w: &mut Writer) -> Result<()>;

    /// Reads the fields that follow the privileges, in wire order, each asked of `s` by its
    /// [`Field`]: from a token ([`Reader`]) or from a front end's encoding (the npm package's
    /// JS layer). The order in which a codec asks is
    /// [`ServiceType::fields`](super::ServiceType::fields).
    fn read_fields<S: Source>(s: &mut S, privileges: Privileges<Self::Privilege>) -> Result<Self>;

    /// The text fields in wire order, named by [`Field`]: what inspection shows and what
    /// verification matches against the caller's expectations.
    fn text_fields(&self) -> Vec<(Field, &str)> {
        Vec::new()
    }

    /// APaaS: the role in the room.
    fn role(&self) -> Option<i16> {
        None
    }

    /// RTM2: the resource permissions.
    fn permissions(&self) -> Option<&Permissions> {
        None
    }
}

/// Where a service is read from, field by field: a token's bytes ([`Reader`]), or a front
/// end's encoding of a service object (the npm package's JS layer). A codec asks for each
/// field by its [`Field`], so a new service made of known kinds of field (text, role,
/// permissions) needs no change in any source.
pub(crate) trait Source {
    /// The privilege map (wire id → seconds), which precedes the fields on the wire.
    fn privileges(&mut self) -> Result<PrivilegeMap>;

    /// A text field in wire form.
    fn text(&mut self, field: Field) -> Result<String>;

    /// APaaS: the role (−1 when there is none).
    fn role(&mut self) -> Result<i16>;

    /// RTM2: the resource permissions.
    fn permissions(&mut self) -> Result<Permissions>;
}

/// A token's bytes: each field as the wire lays it out, named by its field when the token
/// ends inside it.
impl Source for Reader<'_> {
    fn privileges(&mut self) -> Result<PrivilegeMap> {
        self.map32("the privileges")
    }

    fn text(&mut self, field: Field) -> Result<String> {
        self.string(field.js_name())
    }

    fn role(&mut self) -> Result<i16> {
        self.i16(Field::Role.js_name())
    }

    fn permissions(&mut self) -> Result<Permissions> {
        Permissions::unpack(self)
    }
}

/// Checks privilege seconds: each is a relative lifetime (0 = as long as the token).
pub(crate) fn check_privileges(map: &PrivilegeMap) -> Result<()> {
    map.values()
        .try_for_each(|s| validate::relative_seconds(Field::Privileges, s, 0))
}

/// An optional string: empty is allowed (wildcard / absent), anything else follows `rule`.
pub(crate) fn optional(field: Field, s: &str, rule: fn(Field, &str) -> Result<()>) -> Result<()> {
    if s.is_empty() {
        Ok(())
    } else {
        rule(field, s)
    }
}

/// A service with no fields after its privileges (FPA, ConvoAI, STT): the struct and its
/// codec.
macro_rules! bare_service {
    ($(#[$doc:meta])* $name:ident, $privilege:ty, $privileges_doc:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Default)]
        pub struct $name {
            #[doc = $privileges_doc]
            pub privileges: $crate::v007::Privileges<$privilege>,
        }

        impl $crate::v007::codec::Codec for $name {
            type Privilege = $privilege;

            fn privileges(&self) -> &$crate::v007::Privileges<$privilege> {
                &self.privileges
            }

            fn validate_fields(&self) -> $crate::Result<()> {
                Ok(())
            }

            fn pack_fields(&self, _: &mut $crate::wire::Writer) -> $crate::Result<()> {
                Ok(())
            }

            fn read_fields<S: $crate::v007::codec::Source>(
                _: &mut S,
                privileges: $crate::v007::Privileges<$privilege>,
            ) -> $crate::Result<Self> {
                Ok(Self { privileges })
            }
        }
    };
}

/// A service of `str channelName | str account` (Streaming, FCDN): the struct and its codec.
macro_rules! channel_account_service {
    ($(#[$doc:meta])* $name:ident, $privilege:ty) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Default)]
        pub struct $name {
            /// The channel name.
            pub channel_name: String,
            /// The account in wire form (numeric 0 is `""`).
            pub account: String,
            /// Privileges, in seconds after the issue time.
            pub privileges: $crate::v007::Privileges<$privilege>,
        }

        impl $crate::v007::codec::Codec for $name {
            type Privilege = $privilege;

            fn privileges(&self) -> &$crate::v007::Privileges<$privilege> {
                &self.privileges
            }

            fn validate_fields(&self) -> $crate::Result<()> {
                $crate::validate::channel_name($crate::Field::ChannelName, &self.channel_name)?;
                $crate::v007::codec::optional(
                    $crate::Field::Account,
                    &self.account,
                    $crate::validate::account,
                )
            }

            fn pack_fields(&self, w: &mut $crate::wire::Writer) -> $crate::Result<()> {
                w.bytes(self.channel_name.as_bytes(), $crate::Field::ChannelName)?
                    .bytes(self.account.as_bytes(), $crate::Field::Account)?;
                Ok(())
            }

            fn read_fields<S: $crate::v007::codec::Source>(
                s: &mut S,
                privileges: $crate::v007::Privileges<$privilege>,
            ) -> $crate::Result<Self> {
                Ok(Self {
                    channel_name: s.text($crate::Field::ChannelName)?,
                    account: s.text($crate::Field::Account)?,
                    privileges,
                })
            }

            fn text_fields(&self) -> Vec<($crate::Field, &str)> {
                vec![
                    ($crate::Field::ChannelName, &self.channel_name),
                    ($crate::Field::Account, &self.account),
                ]
            }
        }
    };
}

/// A service of `str userId` (RTM, Chat): the struct and its codec; `$rule` checks the user
/// id.
macro_rules! user_id_service {
    ($(#[$doc:meta])* $name:ident, $privilege:ty, $user_doc:literal, $rule:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Default)]
        pub struct $name {
            #[doc = $user_doc]
            pub user_id: String,
            /// Privileges, in seconds after the issue time.
            pub privileges: $crate::v007::Privileges<$privilege>,
        }

        impl $crate::v007::codec::Codec for $name {
            type Privilege = $privilege;

            fn privileges(&self) -> &$crate::v007::Privileges<$privilege> {
                &self.privileges
            }

            fn validate_fields(&self) -> $crate::Result<()> {
                let rule: fn($crate::Field, &str) -> $crate::Result<()> = $rule;
                rule($crate::Field::UserId, &self.user_id)
            }

            fn pack_fields(&self, w: &mut $crate::wire::Writer) -> $crate::Result<()> {
                w.bytes(self.user_id.as_bytes(), $crate::Field::UserId)?;
                Ok(())
            }

            fn read_fields<S: $crate::v007::codec::Source>(
                s: &mut S,
                privileges: $crate::v007::Privileges<$privilege>,
            ) -> $crate::Result<Self> {
                Ok(Self {
                    user_id: s.text($crate::Field::UserId)?,
                    privileges,
                })
            }

            fn text_fields(&self) -> Vec<($crate::Field, &str)> {
                vec![($crate::Field::UserId, &self.user_id)]
            }
        }
    };
}
