//! The services of the generic `buildToken` and RTM2 permissions, as the JS layer encodes
//! them.
//!
//! `pkg-template/api.js` checks the service objects (`{ type, …fields, privileges }`) and
//! permission objects, then passes them as two flat lists read here in order: numbers
//! (`u32`) and strings. A service is its wire type id, then per type:
//! - rtc: channel name (string), user kind and uid (numbers, see `exports`), user text;
//! - rtm, rtm2, chat: user id; streaming, fcdn: channel name, account;
//! - apaas: room uuid, user uuid, role + 32768 (32767 = none);
//! - then every service: the privilege count, then (index in `P::ALL`, seconds) pairs;
//! - rtm2 last: its permissions (see [`permissions`]).

use super::exports::user;
use crate::error::{Error, ErrorKind, Field, Result};
use crate::v007::{
    Apaas, ApaasPrivilege, Chat, ChatPrivilege, ConvoAi, Fcdn, FcdnPrivilege, Fpa, FpaPrivilege,
    NoPrivilege, PermissionType, Permissions, Privilege, Privileges, ResourceType, Rtc, Rtm, Rtm2,
    RtmPrivilege, Service, Streaming, StreamingPrivilege, Stt,
};

/// The error for an encoding the JS layer never produces.
fn malformed() -> Error {
    Error::new(
        ErrorKind::InvalidField,
        Field::Services,
        "is not in the encoding of the JS layer",
    )
}

/// The encoded numbers and strings, read in order.
#[derive(Debug)]
pub struct Encoded<'a> {
    nums: std::slice::Iter<'a, u32>,
    strs: std::vec::IntoIter<String>,
}

impl<'a> Encoded<'a> {
    /// Reads `nums` and `strs` from the start.
    pub fn new(nums: &'a [u32], strs: Vec<String>) -> Self {
        Self {
            nums: nums.iter(),
            strs: strs.into_iter(),
        }
    }

    /// The next number.
    #[inline(never)]
    pub fn num(&mut self) -> Result<u32> {
        self.nums.next().copied().ok_or_else(malformed)
    }

    /// The next string.
    #[inline(never)]
    pub fn text(&mut self) -> Result<String> {
        self.strs.next().ok_or_else(malformed)
    }
}

/// The (index, seconds) pairs of a service's privileges.
fn privilege_pairs(e: &mut Encoded) -> Result<Vec<(usize, u32)>> {
    let n = e.num()?;
    let mut out = Vec::new();
    for _ in 0..n {
        let i = usize::try_from(e.num()?).map_err(|_| malformed())?;
        out.push((i, e.num()?));
    }
    Ok(out)
}

fn privileges<P: Privilege>(e: &mut Encoded) -> Result<Privileges<P>> {
    let mut out = Privileges::new();
    for (i, seconds) in privilege_pairs(e)? {
        out.insert(*P::ALL.get(i).ok_or_else(malformed)?, seconds);
    }
    Ok(out)
}

fn u16_id(v: u32) -> Option<u16> {
    u16::try_from(v).ok()
}

/// RTM2 permissions: the resource count, then per resource its type id and kind count,
/// per kind its type id, the name count and the names.
pub fn permissions(e: &mut Encoded) -> Result<Permissions> {
    let bad = || {
        Error::new(
            ErrorKind::InvalidField,
            Field::Permissions,
            "details must map resource type (0-4) to permission type (0-1) to an array of strings",
        )
    };
    let mut out = Permissions::new();
    for _ in 0..e.num()? {
        let res = u16_id(e.num()?)
            .and_then(ResourceType::from_id)
            .ok_or_else(bad)?;
        // A resource listed again replaces the earlier listing, as a JS object key would.
        out.clear_resource(res);
        for _ in 0..e.num()? {
            let kind = u16_id(e.num()?)
                .and_then(PermissionType::from_id)
                .ok_or_else(bad)?;
            let n = e.num()?;
            let mut names = Vec::new();
            for _ in 0..n {
                names.push(e.text()?);
            }
            out.set(res, kind, names);
        }
    }
    Ok(out)
}

/// One service.
pub fn service(e: &mut Encoded) -> Result<Service> {
    Ok(match e.num()? {
        1 => {
            let channel_name = e.text()?;
            let (kind, uid) = (e.num()?, e.num()?);
            let kind = u8::try_from(kind).map_err(|_| malformed())?;
            Rtc {
                channel_name,
                uid: user(kind, uid, e.text()?)?.wire(),
                privileges: privileges(e)?,
            }
            .into()
        }
        2 => Rtm {
            user_id: e.text()?,
            privileges: privileges::<RtmPrivilege>(e)?,
        }
        .into(),
        3 => Streaming {
            channel_name: e.text()?,
            account: e.text()?,
            privileges: privileges::<StreamingPrivilege>(e)?,
        }
        .into(),
        4 => Fpa {
            privileges: privileges::<FpaPrivilege>(e)?,
        }
        .into(),
        5 => Chat {
            user_id: e.text()?,
            privileges: privileges::<ChatPrivilege>(e)?,
        }
        .into(),
        6 => Fcdn {
            channel_name: e.text()?,
            account: e.text()?,
            privileges: privileges::<FcdnPrivilege>(e)?,
        }
        .into(),
        7 => Apaas {
            room_uuid: e.text()?,
            user_uuid: e.text()?,
            role: i16::try_from(i64::from(e.num()?) - 32768).map_err(|_| malformed())?,
            privileges: privileges::<ApaasPrivilege>(e)?,
        }
        .into(),
        8 => Rtm2 {
            user_id: e.text()?,
            privileges: privileges::<RtmPrivilege>(e)?,
            permissions: permissions(e)?,
        }
        .into(),
        9 => {
            privileges::<NoPrivilege>(e)?;
            ConvoAi::default().into()
        }
        10 => {
            privileges::<NoPrivilege>(e)?;
            Stt::default().into()
        }
        _ => return Err(malformed()),
    })
}
