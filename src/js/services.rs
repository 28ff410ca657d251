//! The services of the generic `buildToken` and RTM2 permissions, as the JS layer encodes
//! them.
//!
//! `pkg-template/api.js` checks the service objects (`{ type, …fields, privileges }`) and
//! permission objects, then passes them as two flat lists read here in order: numbers
//! (`u32`) and strings. A service is its wire type id, then its fields in the order of
//! [`ServiceType::fields`] (the generated `VOCABULARY.services[name].fields`):
//! - a text field (channelName, userId, account, roomUuid, userUuid): one string (`""`
//!   when absent);
//! - rtc's `uid`: the user kind and uid (numbers, [`UserKind`](super::boundary::UserKind)),
//!   then the user text (a string);
//! - `role` (apaas): one number, the role's 16-bit two's complement
//!   ([`boundary::apaas_role`]; absent = −1);
//! - `permissions` (rtm2): see [`permissions`];
//!
//! then the privilege count and (wire id, seconds) pairs. `docs/js-boundary.md` has the
//! whole layout.

use super::boundary;
use super::exports::user;
use crate::error::{Error, ErrorKind, Field, Result};
use crate::v007::{
    Apaas, ApaasPrivilege, Chat, ChatPrivilege, ConvoAi, Fcdn, FcdnPrivilege, Fpa, FpaPrivilege,
    NoPrivilege, PermissionType, Permissions, Privilege, Privileges, ResourceType, Rtc, Rtm, Rtm2,
    RtmPrivilege, Service, ServiceType, Streaming, StreamingPrivilege, Stt,
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

/// The (wire id, seconds) pairs of a service's privileges.
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
        let id = u16::try_from(i).map_err(|_| malformed())?;
        out.insert(P::from_id(id).ok_or_else(malformed)?, seconds);
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
    let id = u16::try_from(e.num()?).map_err(|_| malformed())?;
    Ok(match ServiceType::from_id(id).ok_or_else(malformed)? {
        ServiceType::Rtc => {
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
        ServiceType::Rtm => Rtm {
            user_id: e.text()?,
            privileges: privileges::<RtmPrivilege>(e)?,
        }
        .into(),
        ServiceType::Streaming => Streaming {
            channel_name: e.text()?,
            account: e.text()?,
            privileges: privileges::<StreamingPrivilege>(e)?,
        }
        .into(),
        ServiceType::Fpa => Fpa {
            privileges: privileges::<FpaPrivilege>(e)?,
        }
        .into(),
        ServiceType::Chat => Chat {
            user_id: e.text()?,
            privileges: privileges::<ChatPrivilege>(e)?,
        }
        .into(),
        ServiceType::Fcdn => Fcdn {
            channel_name: e.text()?,
            account: e.text()?,
            privileges: privileges::<FcdnPrivilege>(e)?,
        }
        .into(),
        ServiceType::Apaas => Apaas {
            room_uuid: e.text()?,
            user_uuid: e.text()?,
            role: boundary::apaas_role(e.num()?)?,
            privileges: privileges::<ApaasPrivilege>(e)?,
        }
        .into(),
        ServiceType::Rtm2 => {
            let user_id = e.text()?;
            let permissions = permissions(e)?;
            Rtm2 {
                user_id,
                privileges: privileges::<RtmPrivilege>(e)?,
                permissions,
            }
            .into()
        }
        ServiceType::ConvoAi => {
            privileges::<NoPrivilege>(e)?;
            ConvoAi::default().into()
        }
        ServiceType::Stt => {
            privileges::<NoPrivilege>(e)?;
            Stt::default().into()
        }
    })
}
