//! The privilege map both formats carry: privilege wire id → `u32`, in ascending id order.

use std::fmt;

use crate::sorted;

/// Privilege wire id → value, kept sorted by id: in 006 the value is an absolute unix
/// expiry (0 = never), in 007 seconds after the issue time (0 = as long as the token).
///
/// Written by hand rather than a `BTreeMap<u16, u32>`: a token carries one to four
/// privileges per service, where a sorted `Vec` is as fast, and each `BTreeMap`
/// instantiation adds its own node-management code to the npm package's `.wasm`
/// (`bash .ci/bench-size.sh` shows the per-crate breakdown).
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct PrivilegeMap {
    entries: Vec<(u16, u32)>,
}

impl PrivilegeMap {
    /// An empty map.
    pub const fn new() -> Self {
        Self {
            entries: Vec::new(),
        }
    }

    /// Sets `id` to `value`, returning the value it replaced.
    pub fn insert(&mut self, id: u16, value: u32) -> Option<u32> {
        sorted::upsert(&mut self.entries, id, value)
    }

    /// The value of `id`, if present.
    pub fn get(&self, id: u16) -> Option<u32> {
        sorted::get(&self.entries, id).copied()
    }

    /// Whether `id` is present.
    pub fn contains_key(&self, id: u16) -> bool {
        self.get(id).is_some()
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the map is empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entries `(id, value)` in ascending id order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (u16, u32)> + '_ {
        self.entries.iter().copied()
    }

    /// The values in ascending id order.
    pub fn values(&self) -> impl ExactSizeIterator<Item = u32> + '_ {
        self.entries.iter().map(|&(_, v)| v)
    }

    /// The entries as a slice, in ascending id order.
    pub fn as_slice(&self) -> &[(u16, u32)] {
        &self.entries
    }
}

impl fmt::Debug for PrivilegeMap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl FromIterator<(u16, u32)> for PrivilegeMap {
    /// Collects entries; a later entry for the same id replaces an earlier one.
    fn from_iter<I: IntoIterator<Item = (u16, u32)>>(iter: I) -> Self {
        let mut map = Self::new();
        for (id, value) in iter {
            map.insert(id, value);
        }
        map
    }
}

impl<const N: usize> From<[(u16, u32); N]> for PrivilegeMap {
    fn from(entries: [(u16, u32); N]) -> Self {
        entries.into_iter().collect()
    }
}

impl IntoIterator for PrivilegeMap {
    type Item = (u16, u32);
    type IntoIter = std::vec::IntoIter<(u16, u32)>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter()
    }
}

#[cfg(test)]
mod tests {
    use super::PrivilegeMap;

    #[test]
    fn keeps_ids_sorted_and_unique() {
        let mut m = PrivilegeMap::new();
        assert_eq!(m.insert(3, 30), None);
        assert_eq!(m.insert(1, 10), None);
        assert_eq!(m.insert(2, 20), None);
        assert_eq!(m.insert(1, 11), Some(10));
        assert_eq!(m.as_slice(), &[(1, 11), (2, 20), (3, 30)]);
        assert_eq!(m.get(2), Some(20));
        assert_eq!(m.get(4), None);
        assert!(m.contains_key(3));
        assert_eq!(m.values().collect::<Vec<_>>(), vec![11, 20, 30]);
        assert_eq!(format!("{m:?}"), "{1: 11, 2: 20, 3: 30}");
        let from: PrivilegeMap = [(9, 1), (0, 2), (9, 3)].into();
        assert_eq!(from.into_iter().collect::<Vec<_>>(), vec![(0, 2), (9, 3)]);
    }
}
