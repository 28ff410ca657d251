//! Service 3: Media streaming. `str channelName | str account`.

use crate::error::{Field, Result};
use crate::v007::codec::{optional, Codec};
use crate::v007::privilege::{Privileges, StreamingPrivilege};
use crate::validate;
use crate::wire::{Reader, Writer};

/// Service 3: Media streaming.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Streaming {
    /// The channel name.
    pub channel_name: String,
    /// The account in wire form (numeric 0 is `""`).
    pub account: String,
    /// Privileges, in seconds after the issue time.
    pub privileges: Privileges<StreamingPrivilege>,
}

impl Codec for Streaming {
    type Privilege = StreamingPrivilege;

    fn privileges(&self) -> &Privileges<StreamingPrivilege> {
        &self.privileges
    }

    fn validate_fields(&self) -> Result<()> {
        validate::channel_name(Field::ChannelName, &self.channel_name)?;
        optional(Field::Account, &self.account, validate::account)
    }

    fn pack_fields(&self, w: &mut Writer) -> Result<()> {
        w.bytes(self.channel_name.as_bytes(), Field::ChannelName)?
            .bytes(self.account.as_bytes(), Field::Account)?;
        Ok(())
    }

    fn unpack_fields(
        r: &mut Reader<'_>,
        privileges: Privileges<StreamingPrivilege>,
    ) -> Result<Self> {
        Ok(Self {
            channel_name: r.string("the channel name")?,
            account: r.string("the account")?,
            privileges,
        })
    }

    fn text_fields(&self) -> Vec<(Field, &str)> {
        vec![
            (Field::ChannelName, &self.channel_name),
            (Field::Account, &self.account),
        ]
    }
}
