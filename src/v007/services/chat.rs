//! Service 5: Chat. `str userId` (`""` for the app).

use crate::error::{Field, Result};
use crate::v007::codec::optional;
use crate::v007::privilege::ChatPrivilege;
use crate::validate;

/// A Chat user id: empty for an app token, else an RTM-style user id.
fn user_or_app(field: Field, user_id: &str) -> Result<()> {
    optional(field, user_id, validate::user_id)
}

user_id_service! {
    /// Service 5: Chat. An empty user id makes an app token.
    Chat, ChatPrivilege, "The Chat user id, `\"\"` for the app.", user_or_app
}
