//! The services of the generic `buildToken` and RTM2 permissions, as the JS layer encodes
//! them.
//!
//! `pkg-template/api.js` checks the service objects (`{ type, …fields, privileges }`) and
//! permission objects, then passes them as two flat lists read here in order: numbers
//! (`u32`) and strings. A service is its wire type id, then its fields in the order of
//! [`ServiceType::fields`] (the generated `VOCABULARY.services[name].fields`), which is the
//! order the core's codec reads them through [`Source`]; the privilege count and (wire id,
//! seconds) pairs come first, as on the wire. The fields:
//! - a text field (channelName, userId, account, roomUuid, userUuid): one string (`""`
//!   when absent);
//! - rtc's `uid`: the user kind and uid (numbers, [`UserKind`](super::boundary::UserKind)),
//!   then the user text (a string);
//! - `role` (apaas): one number, the role's 16-bit two's complement
//!   ([`boundary::apaas_role`]; absent = −1);
//! - `permissions` (rtm2): see [`permissions`].
//!
//! Nothing here names a service: a new service made of these kinds of field needs no change
//! in this file or in `api.js`. `docs/js-boundary.md` has the whole layout.

use super::boundary;
use super::exports::user;
use crate::error::{Error, ErrorKind, Field, Result};
use crate::privilege_map::PrivilegeMap;
use crate::v007::codec::Source;
use crate::v007::{PermissionType, Permissions, ResourceType, Service, ServiceType};

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

/// The encoding as a [`Source`] the core's codecs read a service from: each field is the
/// next string, except rtc's `uid` (user kind, uid, text) and the role and permissions.
impl Source for Encoded<'_> {
    fn privileges(&mut self) -> Result<PrivilegeMap> {
        let mut out = PrivilegeMap::new();
        for _ in 0..self.num()? {
            let id = u16_id(self.num()?).ok_or_else(malformed)?;
            out.insert(id, self.num()?);
        }
        Ok(out)
    }

    fn text(&mut self, field: Field) -> Result<String> {
        if field != Field::Uid {
            return self.text();
        }
        let kind = u8::try_from(self.num()?).map_err(|_| malformed())?;
        let uid = self.num()?;
        Ok(user(kind, uid, self.text()?)?.wire())
    }

    fn role(&mut self) -> Result<i16> {
        boundary::apaas_role(self.num()?)
    }

    fn permissions(&mut self) -> Result<Permissions> {
        permissions(self)
    }
}

/// One service: its wire type id, then what [`Service::read`] reads (see the module
/// documentation). Privileges the type does not define are refused.
pub fn service(e: &mut Encoded) -> Result<Service> {
    let t = u16_id(e.num()?)
        .and_then(ServiceType::from_id)
        .ok_or_else(malformed)?;
    let s = Service::read(t, e)?;
    match s.unknown_privilege() {
        Some(_) => Err(malformed()),
        None => Ok(s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::js::boundary::UserKind;
    use crate::wire::{Reader, Writer};

    /// Encodes a service of type `t` as the JS layer does: privileges `privs`, each field
    /// of [`ServiceType::fields`] given a value.
    fn encode(t: ServiceType, privs: &[(u16, u32)]) -> (Vec<u32>, Vec<String>) {
        let count = u32::try_from(privs.len()).unwrap();
        let mut nums = vec![u32::from(t.id()), count];
        let mut strs = Vec::new();
        for &(id, s) in privs {
            nums.extend([u32::from(id), s]);
        }
        for f in t.fields() {
            match f {
                Field::Uid => {
                    nums.extend([u32::from(UserKind::Uid.code()), 4_294_967_295]);
                    strs.push(String::new());
                }
                Field::Role => nums.push(2),
                // One resource (type 1) with one permission type (0) and one name.
                Field::Permissions => {
                    nums.extend([1, 1, 1, 0, 1]);
                    strs.push("lobby".into());
                }
                other => strs.push(format!("{}-value", other.js_name())),
            }
        }
        (nums, strs)
    }

    /// Every service type read from the JS encoding, with each privilege it defines, packs
    /// to the bytes the core's wire reader reads back as the same service.
    #[test]
    fn every_service_reads_as_on_the_wire() {
        for &t in ServiceType::ALL {
            let privs: Vec<(u16, u32)> = t
                .privilege_names()
                .iter()
                .zip(1..)
                .map(|(&(id, _), i)| (id, 60 * i))
                .collect();
            let (nums, strs) = encode(t, &privs);
            let mut e = Encoded::new(&nums, strs);
            let s = service(&mut e).unwrap_or_else(|err| panic!("{t:?}: {err}"));
            assert_eq!(s.service_type(), t);
            assert_eq!(s.raw_privileges().as_slice(), privs.as_slice(), "{t:?}");
            assert!(
                e.num().is_err() && e.text().is_err(),
                "{t:?}: all input read"
            );
            for (field, value) in s.text_fields() {
                let want = match field {
                    Field::Uid => "4294967295".to_string(),
                    other => format!("{}-value", other.js_name()),
                };
                assert_eq!(value, want, "{t:?} {field:?}");
            }
            let mut w = Writer::default();
            s.pack(&mut w).unwrap();
            let bytes = w.into_vec();
            let mut r = Reader::new(&bytes);
            assert_eq!(Service::unpack(&mut r).unwrap(), s, "{t:?}");
            r.finish("the service").unwrap();
        }
    }

    /// A privilege id the type does not define, and a type id past the registry, are not
    /// the JS layer's encoding.
    #[test]
    fn unknown_privilege_and_type_refused() {
        for &t in ServiceType::ALL {
            let (nums, strs) = encode(t, &[(999, 60)]);
            let err = service(&mut Encoded::new(&nums, strs)).unwrap_err();
            assert_eq!(
                (err.kind(), err.field()),
                (ErrorKind::InvalidField, Field::Services)
            );
        }
        let err = service(&mut Encoded::new(&[999, 0], Vec::new())).unwrap_err();
        assert_eq!(err.field(), Field::Services);
    }

    /// Input that ends early is refused, never read past.
    #[test]
    fn truncated_encoding_refused() {
        for &t in ServiceType::ALL {
            let (nums, strs) = encode(t, &[]);
            for cut in 0..nums.len() {
                assert!(service(&mut Encoded::new(&nums[..cut], strs.clone())).is_err());
            }
            if !strs.is_empty() {
                let short = strs[..strs.len() - 1].to_vec();
                assert!(service(&mut Encoded::new(&nums, short)).is_err(), "{t:?}");
            }
        }
    }
}
