//! Service 9: Conversational AI. No fields after the privileges.

use crate::v007::privilege::NoPrivilege;

bare_service! {
    /// Service 9: Conversational AI (no fields, no privileges).
    ConvoAi, NoPrivilege, "Always empty when built here; kept as parsed."
}
