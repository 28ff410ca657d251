//! RTM2 resource permissions (service 8): resource type → permission type → resource names.

use crate::error::{Error, ErrorKind, Field, Result};
use crate::sorted::{self, slot};
use crate::validate;
use crate::wire::{Reader, Writer};

/// RTM2 resource types (the keys of a permission set).
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ResourceType {
    /// 0: message channels.
    MessageChannels,
    /// 1: stream channels.
    StreamChannels,
    /// 2: group channels.
    GroupChannels,
    /// 3: server groups.
    ServerGroups,
    /// 4: users.
    Users,
}

impl ResourceType {
    /// Every resource type, in wire order.
    pub const ALL: [Self; 5] = [
        Self::MessageChannels,
        Self::StreamChannels,
        Self::GroupChannels,
        Self::ServerGroups,
        Self::Users,
    ];

    /// The wire number.
    pub const fn id(self) -> u16 {
        match self {
            Self::MessageChannels => 0,
            Self::StreamChannels => 1,
            Self::GroupChannels => 2,
            Self::ServerGroups => 3,
            Self::Users => 4,
        }
    }

    /// The type with wire number `id`.
    pub fn from_id(id: u16) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.id() == id)
    }

    /// The camelCase name (`messageChannels`, …).
    pub const fn name(self) -> &'static str {
        match self {
            Self::MessageChannels => "messageChannels",
            Self::StreamChannels => "streamChannels",
            Self::GroupChannels => "groupChannels",
            Self::ServerGroups => "serverGroups",
            Self::Users => "users",
        }
    }
}

/// RTM2 permission types.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PermissionType {
    /// 0: read.
    Read,
    /// 1: write.
    Write,
}

impl PermissionType {
    /// Every permission type, in wire order.
    pub const ALL: [Self; 2] = [Self::Read, Self::Write];

    /// The wire number.
    pub const fn id(self) -> u16 {
        match self {
            Self::Read => 0,
            Self::Write => 1,
        }
    }

    /// The type with wire number `id`.
    pub fn from_id(id: u16) -> Option<Self> {
        match id {
            0 => Some(Self::Read),
            1 => Some(Self::Write),
            _ => None,
        }
    }

    /// `read` or `write`.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Read => "read",
            Self::Write => "write",
        }
    }
}

/// The permission types granted on one resource type, sorted by permission type, each with
/// its resource names.
pub type Grants = [Grant];

/// One permission type with its resource names.
pub type Grant = (PermissionType, Vec<String>);

/// RTM2 permissions: resource type → permission type → resource names (names in the order
/// given). Kept sorted by resource type, then permission type, as they are packed.
///
/// Sorted `Vec`s rather than nested `BTreeMap`s: a token lists at most five resource types
/// with two permission types each, and each `BTreeMap` instantiation adds its own
/// node-management code to the npm package's `.wasm` (`bash .ci/bench-size.sh`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Permissions {
    resources: Vec<(ResourceType, Vec<Grant>)>,
}

impl Permissions {
    /// No permissions.
    pub const fn new() -> Self {
        Self {
            resources: Vec::new(),
        }
    }

    /// Lists `resource` even if it has no permission type (it is packed with none).
    pub fn add_resource(&mut self, resource: ResourceType) {
        slot(&mut self.resources, resource);
    }

    /// Lists `resource` with no permission type, removing any grants it had.
    pub fn clear_resource(&mut self, resource: ResourceType) {
        if let Some(grants) = slot(&mut self.resources, resource) {
            grants.clear();
        }
    }

    /// Sets the resource names of `permission` on `resource`, returning the names it
    /// replaced.
    pub fn set(
        &mut self,
        resource: ResourceType,
        permission: PermissionType,
        names: Vec<String>,
    ) -> Option<Vec<String>> {
        sorted::upsert(slot(&mut self.resources, resource)?, permission, names)
    }

    /// Appends one resource name to `permission` on `resource`.
    pub fn push(&mut self, resource: ResourceType, permission: PermissionType, name: String) {
        if let Some(names) =
            slot(&mut self.resources, resource).and_then(|grants| slot(grants, permission))
        {
            names.push(name);
        }
    }

    /// The resource names of `permission` on `resource`, if set.
    pub fn get(&self, resource: ResourceType, permission: PermissionType) -> Option<&[String]> {
        sorted::get(&self.resources, resource)
            .and_then(|grants| sorted::get(grants, permission))
            .map(Vec::as_slice)
    }

    /// Every `(resource, permission, names)`, sorted by resource type then permission type.
    pub fn iter(&self) -> impl Iterator<Item = (ResourceType, PermissionType, &[String])> {
        self.by_resource().flat_map(|(r, grants)| {
            grants
                .iter()
                .map(move |(p, names)| (r, *p, names.as_slice()))
        })
    }

    /// The resource types in order, each with its grants.
    pub fn by_resource(&self) -> impl Iterator<Item = (ResourceType, &Grants)> {
        self.resources.iter().map(|(r, g)| (*r, g.as_slice()))
    }

    /// The number of resource types listed.
    pub fn len(&self) -> usize {
        self.resources.len()
    }

    /// Whether no resource type is listed.
    pub fn is_empty(&self) -> bool {
        self.resources.is_empty()
    }

    /// Checks every resource name and the counts the wire format can hold.
    pub(crate) fn validate(&self) -> Result<()> {
        for (_, _, names) in self.iter() {
            if names.len() > usize::from(u16::MAX) {
                return Err(Error::new(
                    ErrorKind::FieldTooLong,
                    Field::Permissions,
                    "a permission may list at most 65535 resources",
                ));
            }
            for name in names {
                validate::account(Field::Permissions, name)?;
            }
        }
        Ok(())
    }

    /// Appends the wire form:
    /// `u16 n | (u16 resource | u16 m | (u16 permission | u16 k | str name…)…)…`.
    pub(crate) fn pack(&self, w: &mut Writer) -> Result<()> {
        w.len16(self.len(), Field::Permissions)?;
        for (resource, grants) in self.by_resource() {
            w.u16(resource.id());
            w.len16(grants.len(), Field::Permissions)?;
            for (permission, names) in grants {
                w.u16(permission.id());
                w.len16(names.len(), Field::Permissions)?;
                for name in names {
                    w.bytes(name.as_bytes(), Field::Permissions)?;
                }
            }
        }
        Ok(())
    }

    /// Reads the wire form. Repeated resource or permission types are merged, names in order.
    pub(crate) fn unpack(r: &mut Reader<'_>) -> Result<Self> {
        let mut out = Self::new();
        let malformed = |what: &str, id: u16| {
            Error::token(
                ErrorKind::MalformedToken,
                format!("unknown RTM2 {what} type {id}"),
            )
        };
        for _ in 0..r.u16("the permissions")? {
            let res_id = r.u16("the permissions")?;
            let resource =
                ResourceType::from_id(res_id).ok_or_else(|| malformed("resource", res_id))?;
            out.add_resource(resource);
            for _ in 0..r.u16("the permissions")? {
                let perm_id = r.u16("the permissions")?;
                let permission = PermissionType::from_id(perm_id)
                    .ok_or_else(|| malformed("permission", perm_id))?;
                let count = r.u16("the permissions")?;
                let names =
                    slot(&mut out.resources, resource).and_then(|grants| slot(grants, permission));
                if let Some(names) = names {
                    for _ in 0..count {
                        names.push(r.string("a permission resource")?);
                    }
                }
            }
        }
        Ok(out)
    }
}

impl FromIterator<(ResourceType, PermissionType, Vec<String>)> for Permissions {
    /// Collects entries; a later entry for the same pair replaces an earlier one.
    fn from_iter<I: IntoIterator<Item = (ResourceType, PermissionType, Vec<String>)>>(
        iter: I,
    ) -> Self {
        let mut out = Self::new();
        for (r, p, names) in iter {
            out.set(r, p, names);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorted_grouped_and_round_trips() {
        let mut p = Permissions::new();
        p.set(ResourceType::Users, PermissionType::Write, vec!["b".into()]);
        p.set(
            ResourceType::MessageChannels,
            PermissionType::Write,
            vec!["w".into()],
        );
        p.set(
            ResourceType::MessageChannels,
            PermissionType::Read,
            vec!["r".into()],
        );
        p.push(ResourceType::Users, PermissionType::Write, "c".into());
        let order: Vec<_> = p
            .iter()
            .map(|(r, k, n)| (r.id(), k.id(), n.len()))
            .collect();
        assert_eq!(order, vec![(0, 0, 1), (0, 1, 1), (4, 1, 2)]);
        assert_eq!(
            p.by_resource()
                .map(|(r, g)| (r.id(), g.len()))
                .collect::<Vec<_>>(),
            vec![(0, 2), (4, 1)]
        );
        p.add_resource(ResourceType::GroupChannels);
        assert_eq!(p.len(), 3);
        assert_eq!(
            p.get(ResourceType::Users, PermissionType::Write)
                .map(<[String]>::len),
            Some(2)
        );
        assert_eq!(p.get(ResourceType::Users, PermissionType::Read), None);
        let mut w = Writer::default();
        p.pack(&mut w).unwrap();
        let bytes = w.into_vec();
        let mut r = Reader::new(&bytes);
        assert_eq!(Permissions::unpack(&mut r).unwrap(), p);
        r.finish("the permissions").unwrap();
    }
}
