//! One file per 007 service type: its fields, wire layout and rules (see [`super::codec`]).

pub(crate) mod apaas;
pub(crate) mod chat;
pub(crate) mod convoai;
pub(crate) mod fcdn;
pub(crate) mod fpa;
pub(crate) mod rtc;
pub(crate) mod rtm;
pub(crate) mod rtm2;
pub(crate) mod streaming;
pub(crate) mod stt;
