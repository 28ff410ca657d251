//! Service 2: RTM login. `str userId`.

use crate::v007::privilege::RtmPrivilege;

user_id_service! {
    /// Service 2: RTM login.
    Rtm, RtmPrivilege, "The RTM user id (1–64 bytes).", crate::validate::user_id
}
