//! Service 10: Speech-to-text. No fields after the privileges.

use crate::error::Result;
use crate::v007::codec::Codec;
use crate::v007::privilege::{NoPrivilege, Privileges};
use crate::wire::{Reader, Writer};

/// Service 10: Speech-to-text (no fields, no privileges).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Stt {
    /// Always empty when built here; kept as parsed.
    pub privileges: Privileges<NoPrivilege>,
}

impl Codec for Stt {
    type Privilege = NoPrivilege;

    fn privileges(&self) -> &Privileges<NoPrivilege> {
        &self.privileges
    }

    fn validate_fields(&self) -> Result<()> {
        Ok(())
    }

    fn pack_fields(&self, _: &mut Writer) -> Result<()> {
        Ok(())
    }

    fn unpack_fields(_: &mut Reader<'_>, privileges: Privileges<NoPrivilege>) -> Result<Self> {
        Ok(Self { privileges })
    }
}
