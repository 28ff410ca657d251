//! Service 5: Chat. `str userId` (`""` for the app).

use crate::error::{Field, Result};
use crate::v007::codec::{optional, Codec};
use crate::v007::privilege::{ChatPrivilege, Privileges};
use crate::validate;
use crate::wire::{Reader, Writer};

/// Service 5: Chat. An empty user id makes an app token.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Chat {
    /// The Chat user id, `""` for the app.
    pub user_id: String,
    /// Privileges, in seconds after the issue time.
    pub privileges: Privileges<ChatPrivilege>,
}

impl Codec for Chat {
    type Privilege = ChatPrivilege;

    fn privileges(&self) -> &Privileges<ChatPrivilege> {
        &self.privileges
    }

    fn validate_fields(&self) -> Result<()> {
        optional(Field::UserId, &self.user_id, validate::user_id)
    }

    fn pack_fields(&self, w: &mut Writer) -> Result<()> {
        w.bytes(self.user_id.as_bytes(), Field::UserId)?;
        Ok(())
    }

    fn unpack_fields(r: &mut Reader<'_>, privileges: Privileges<ChatPrivilege>) -> Result<Self> {
        Ok(Self {
            user_id: r.string("the user id")?,
            privileges,
        })
    }

    fn text_fields(&self) -> Vec<(Field, &str)> {
        vec![(Field::UserId, &self.user_id)]
    }
}
