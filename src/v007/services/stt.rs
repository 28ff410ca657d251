//! Service 10: Speech-to-text. No fields after the privileges.

use crate::v007::privilege::NoPrivilege;

bare_service! {
    /// Service 10: Speech-to-text (no fields, no privileges).
    Stt, NoPrivilege, "Always empty when built here; kept as parsed."
}
