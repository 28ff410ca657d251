//! Service 4: FPA (full-path acceleration). No fields after the privileges.

use crate::error::Result;
use crate::v007::codec::Codec;
use crate::v007::privilege::{FpaPrivilege, Privileges};
use crate::wire::{Reader, Writer};

/// Service 4: FPA (full-path acceleration).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Fpa {
    /// Privileges, in seconds after the issue time.
    pub privileges: Privileges<FpaPrivilege>,
}

impl Codec for Fpa {
    type Privilege = FpaPrivilege;

    fn privileges(&self) -> &Privileges<FpaPrivilege> {
        &self.privileges
    }

    fn validate_fields(&self) -> Result<()> {
        Ok(())
    }

    fn pack_fields(&self, _: &mut Writer) -> Result<()> {
        Ok(())
    }

    fn unpack_fields(_: &mut Reader<'_>, privileges: Privileges<FpaPrivilege>) -> Result<Self> {
        Ok(Self { privileges })
    }
}
