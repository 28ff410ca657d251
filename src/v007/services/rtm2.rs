//! Service 8: RTM2 login with resource permissions. `str userId | permissions`.

use crate::error::{Field, Result};
use crate::v007::codec::{optional, Codec, Source};
use crate::v007::permissions::Permissions;
use crate::v007::privilege::{Privileges, RtmPrivilege};
use crate::validate;
use crate::wire::Writer;

/// Service 8: RTM2 login with resource permissions.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Rtm2 {
    /// The RTM user id, `""` for any user.
    pub user_id: String,
    /// Privileges, in seconds after the issue time.
    pub privileges: Privileges<RtmPrivilege>,
    /// The resource permissions.
    pub permissions: Permissions,
}

impl Codec for Rtm2 {
    type Privilege = RtmPrivilege;

    fn privileges(&self) -> &Privileges<RtmPrivilege> {
        &self.privileges
    }

    fn validate_fields(&self) -> Result<()> {
        // An empty RTM2 user id is the wildcard (any user), as agora-token's
        // `buildTokenWithPermissions(…, 0, …)` signs it.
        optional(Field::UserId, &self.user_id, validate::user_id)?;
        self.permissions.validate()
    }

    fn pack_fields(&self, w: &mut Writer) -> Result<()> {
        w.bytes(self.user_id.as_bytes(), Field::UserId)?;
        self.permissions.pack(w)
    }

    fn read_fields<S: Source>(s: &mut S, privileges: Privileges<RtmPrivilege>) -> Result<Self> {
        let user_id = s.text(Field::UserId)?;
        Ok(Self {
            user_id,
            privileges,
            permissions: s.permissions()?,
        })
    }

    fn text_fields(&self) -> Vec<(Field, &str)> {
        vec![(Field::UserId, &self.user_id)]
    }

    fn permissions(&self) -> Option<&Permissions> {
        Some(&self.permissions)
    }
}
