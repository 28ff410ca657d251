//! Service 4: FPA (full-path acceleration). No fields after the privileges.

use crate::v007::privilege::FpaPrivilege;

bare_service! {
    /// Service 4: FPA (full-path acceleration).
    Fpa, FpaPrivilege, "Privileges, in seconds after the issue time."
}
