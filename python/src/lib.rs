//! The Python extension `agora_token._native`, re-exported by the package `agora_token`.
//!
//! A thin binding of the core crate: it converts Python arguments to the core's types and
//! the core's errors to one Python exception, and holds no rule of its own.
//!
//! - [`seed`]: the seed's API (PyPI `agora-token-builder`), 006;
//! - [`official`]: Agora's python3 007 builders (PyPI `agoraiotools`);
//! - [`api`]: the Pythonic API (`build_rtc_token`, `build_rtm_token`, `inspect_token`,
//!   `verify_token`).

mod api;
mod args;
mod core;
mod creds;
mod error;
mod gil;
mod official;
mod seed;

use pyo3::prelude::*;

/// The module `agora_token._native`.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    use crate::core::v006::Role;

    m.add("TokenError", m.py().get_type::<error::TokenError>())?;
    m.add("Role_Attendee", Role::Attendee.id())?;
    m.add("Role_Publisher", Role::Publisher.id())?;
    m.add("Role_Subscriber", Role::Subscriber.id())?;
    m.add("Role_Admin", Role::Admin.id())?;
    m.add("Role_Rtm_User", seed::ROLE_RTM_USER)?;
    m.add_class::<seed::RtcTokenBuilder>()?;
    m.add_class::<seed::RtmTokenBuilder>()?;
    m.add_class::<official::RtcTokenBuilder2>()?;
    m.add_class::<official::RtmTokenBuilder2>()?;
    m.add_class::<official::ChatTokenBuilder2>()?;
    m.add_class::<official::ApaasTokenBuilder>()?;
    m.add_class::<official::EducationTokenBuilder>()?;
    m.add_class::<official::FpaTokenBuilder>()?;
    m.add_function(wrap_pyfunction!(api::build_rtc_token, m)?)?;
    m.add_function(wrap_pyfunction!(api::build_rtm_token, m)?)?;
    m.add_function(wrap_pyfunction!(api::build_rtm2_token, m)?)?;
    m.add_function(wrap_pyfunction!(api::inspect_token, m)?)?;
    m.add_function(wrap_pyfunction!(api::verify_token, m)?)?;
    Ok(())
}
