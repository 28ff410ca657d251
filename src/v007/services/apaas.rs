//! Service 7: APaaS / Flexible Classroom (Education). `str roomUuid | str userUuid | i16 role`.

use crate::error::{Field, Result};
use crate::v007::codec::{optional, Codec, Source};
use crate::v007::privilege::{ApaasPrivilege, Privileges};
use crate::validate;
use crate::wire::Writer;

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

impl Codec for Apaas {
    type Privilege = ApaasPrivilege;

    fn privileges(&self) -> &Privileges<ApaasPrivilege> {
        &self.privileges
    }

    fn validate_fields(&self) -> Result<()> {
        optional(Field::RoomUuid, &self.room_uuid, validate::account)?;
        optional(Field::UserUuid, &self.user_uuid, validate::account)
    }

    fn pack_fields(&self, w: &mut Writer) -> Result<()> {
        w.bytes(self.room_uuid.as_bytes(), Field::RoomUuid)?
            .bytes(self.user_uuid.as_bytes(), Field::UserUuid)?
            .i16(self.role);
        Ok(())
    }

    fn read_fields<S: Source>(s: &mut S, privileges: Privileges<ApaasPrivilege>) -> Result<Self> {
        Ok(Self {
            room_uuid: s.text(Field::RoomUuid)?,
            user_uuid: s.text(Field::UserUuid)?,
            role: s.role()?,
            privileges,
        })
    }

    fn text_fields(&self) -> Vec<(Field, &str)> {
        vec![
            (Field::RoomUuid, &self.room_uuid),
            (Field::UserUuid, &self.user_uuid),
        ]
    }

    fn role(&self) -> Option<i16> {
        Some(self.role)
    }
}
