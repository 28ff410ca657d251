//! Service 1: RTC. `str channelName | str uid`.

use crate::error::{Field, Result};
use crate::v007::codec::{optional, Codec, Source};
use crate::v007::privilege::{Privileges, RtcPrivilege};
use crate::validate;
use crate::wire::Writer;

/// Service 1: RTC.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Rtc {
    /// The channel name.
    pub channel_name: String,
    /// The uid in wire form: decimal text, `""` for the wildcard, or an account.
    pub uid: String,
    /// Privileges, in seconds after the issue time.
    pub privileges: Privileges<RtcPrivilege>,
}

impl Codec for Rtc {
    type Privilege = RtcPrivilege;

    fn privileges(&self) -> &Privileges<RtcPrivilege> {
        &self.privileges
    }

    fn validate_fields(&self) -> Result<()> {
        validate::channel_name(Field::ChannelName, &self.channel_name)?;
        optional(Field::Uid, &self.uid, validate::account)
    }

    fn pack_fields(&self, w: &mut Writer) -> Result<()> {
        w.bytes(self.channel_name.as_bytes(), Field::ChannelName)?
            .bytes(self.uid.as_bytes(), Field::Uid)?;
        Ok(())
    }

    fn read_fields<S: Source>(s: &mut S, privileges: Privileges<RtcPrivilege>) -> Result<Self> {
        Ok(Self {
            channel_name: s.text(Field::ChannelName)?,
            uid: s.text(Field::Uid)?,
            privileges,
        })
    }

    fn text_fields(&self) -> Vec<(Field, &str)> {
        vec![
            (Field::ChannelName, &self.channel_name),
            (Field::Uid, &self.uid),
        ]
    }
}
