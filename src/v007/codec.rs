//! The codec of one 007 service type, after rustls's `Codec`: its wire layout (pack and
//! unpack), its input rules and the text fields that inspection shows and verification
//! matches, all in the service's own file under `services/`. The registry in
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

    /// Reads the fields that follow the privileges.
    fn unpack_fields(r: &mut Reader<'_>, privileges: Privileges<Self::Privilege>) -> Result<Self>;

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
