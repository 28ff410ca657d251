//! Service 3: Media streaming. `str channelName | str account`.

use crate::v007::privilege::StreamingPrivilege;

channel_account_service! {
    /// Service 3: Media streaming.
    Streaming, StreamingPrivilege
}
