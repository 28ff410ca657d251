//! The service objects of the generic `buildToken({ services: [...] })`.
//!
//! Each object has a `type` (`"rtc"`, `"rtm"`, `"streaming"`, `"fpa"`, `"chat"`, `"fcdn"`,
//! `"apaas"`, `"rtm2"`, `"convoai"`, `"stt"`), the service's fields in camelCase, and
//! `privileges`: privilege name → seconds after the issue time (0 = as long as the token).

use wasm_bindgen::JsValue;

use super::args::{self, Opts};
use super::headline::permissions;
use crate::error::{Error, ErrorKind, Result};
use crate::v007::{
    Apaas, ApaasPrivilege, Chat, ChatPrivilege, ConvoAi, Fcdn, FcdnPrivilege, Fpa, FpaPrivilege,
    Privilege, Privileges, Rtc, Rtm, Rtm2, RtmPrivilege, Service, Streaming, StreamingPrivilege,
    Stt,
};

/// Reads the optional `privileges` object of a service, keyed by `P`'s names.
fn privileges<P: Privilege>(o: &Opts) -> Result<Privileges<P>> {
    let mut out = Privileges::new();
    let Some(v) = o.opt("privileges")? else {
        return Ok(out);
    };
    let names: Vec<&'static str> = P::ALL.iter().map(|p| p.name()).collect();
    let p = Opts::new("privileges", &v, &names)?;
    for privilege in P::ALL {
        if let Some(s) = p.opt_u32(ErrorKind::InvalidExpiry, privilege.name())? {
            out.insert(*privilege, s);
        }
    }
    Ok(out)
}

fn text(o: &Opts, key: &'static str) -> Result<String> {
    o.str(ErrorKind::InvalidField, key)
}

fn text_or_empty(o: &Opts, key: &'static str) -> Result<String> {
    Ok(o.opt_str(ErrorKind::InvalidField, key)?.unwrap_or_default())
}

/// One service object.
pub fn service(v: &JsValue) -> Result<Service> {
    let probe = Opts::new(
        "services",
        v,
        &[
            "type",
            "channelName",
            "uid",
            "account",
            "userId",
            "roomUuid",
            "userUuid",
            "role",
            "privileges",
            "permissions",
        ],
    )?;
    let kind = probe.str(ErrorKind::InvalidField, "type")?;
    let allowed: &[&'static str] =
        match kind.as_str() {
            "rtc" => &["type", "channelName", "uid", "account", "privileges"],
            "rtm" => &["type", "userId", "privileges"],
            "streaming" | "fcdn" => &["type", "channelName", "account", "privileges"],
            "fpa" | "convoai" | "stt" => &["type", "privileges"],
            "chat" => &["type", "userId", "privileges"],
            "apaas" => &["type", "roomUuid", "userUuid", "role", "privileges"],
            "rtm2" => &["type", "userId", "privileges", "permissions"],
            _ => return Err(Error::new(
                ErrorKind::InvalidField,
                "type",
                "must be one of rtc, rtm, streaming, fpa, chat, fcdn, apaas, rtm2, convoai, stt",
            )),
        };
    let o = Opts::new("services", v, allowed)?;
    Ok(match kind.as_str() {
        "rtc" => Rtc {
            channel_name: o.str(ErrorKind::InvalidChannelName, "channelName")?,
            uid: o.rtc_user()?.wire(),
            privileges: privileges(&o)?,
        }
        .into(),
        "rtm" => Rtm {
            user_id: text(&o, "userId")?,
            privileges: privileges::<RtmPrivilege>(&o)?,
        }
        .into(),
        "streaming" => Streaming {
            channel_name: o.str(ErrorKind::InvalidChannelName, "channelName")?,
            account: text_or_empty(&o, "account")?,
            privileges: privileges::<StreamingPrivilege>(&o)?,
        }
        .into(),
        "fcdn" => Fcdn {
            channel_name: o.str(ErrorKind::InvalidChannelName, "channelName")?,
            account: text_or_empty(&o, "account")?,
            privileges: privileges::<FcdnPrivilege>(&o)?,
        }
        .into(),
        "fpa" => Fpa {
            privileges: privileges::<FpaPrivilege>(&o)?,
        }
        .into(),
        "chat" => Chat {
            user_id: text_or_empty(&o, "userId")?,
            privileges: privileges::<ChatPrivilege>(&o)?,
        }
        .into(),
        "apaas" => Apaas {
            room_uuid: text_or_empty(&o, "roomUuid")?,
            user_uuid: text_or_empty(&o, "userUuid")?,
            role: match o.opt("role")? {
                Some(r) => args::i16_value(ErrorKind::InvalidRole, "role", &r)?,
                None => -1,
            },
            privileges: privileges::<ApaasPrivilege>(&o)?,
        }
        .into(),
        "rtm2" => Rtm2 {
            user_id: text(&o, "userId")?,
            privileges: privileges::<RtmPrivilege>(&o)?,
            permissions: match o.opt("permissions")? {
                Some(p) => permissions(&p)?,
                None => Default::default(),
            },
        }
        .into(),
        "convoai" => {
            privileges::<crate::v007::NoPrivilege>(&o)?;
            ConvoAi::default().into()
        }
        _ => {
            privileges::<crate::v007::NoPrivilege>(&o)?;
            Stt::default().into()
        }
    })
}
