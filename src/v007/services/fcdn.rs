//! Service 6: FCDN. `str channelName | str account`.

use crate::v007::privilege::FcdnPrivilege;

channel_account_service! {
    /// Service 6: FCDN.
    Fcdn, FcdnPrivilege
}
