//! Service 2: RTM login. `str userId`.

use crate::error::{Field, Result};
use crate::v007::codec::Codec;
use crate::v007::privilege::{Privileges, RtmPrivilege};
use crate::validate;
use crate::wire::{Reader, Writer};

/// Service 2: RTM login.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Rtm {
    /// The RTM user id.
    pub user_id: String,
    /// Privileges, in seconds after the issue time.
    pub privileges: Privileges<RtmPrivilege>,
}

impl Codec for Rtm {
    type Privilege = RtmPrivilege;

    fn privileges(&self) -> &Privileges<RtmPrivilege> {
        &self.privileges
    }

    fn validate_fields(&self) -> Result<()> {
        validate::user_id(Field::UserId, &self.user_id)
    }

    fn pack_fields(&self, w: &mut Writer) -> Result<()> {
        w.bytes(self.user_id.as_bytes(), Field::UserId)?;
        Ok(())
    }

    fn unpack_fields(r: &mut Reader<'_>, privileges: Privileges<RtmPrivilege>) -> Result<Self> {
        Ok(Self {
            user_id: r.string("the user id")?,
            privileges,
        })
    }

    fn text_fields(&self) -> Vec<(Field, &str)> {
        vec![(Field::UserId, &self.user_id)]
    }
}
