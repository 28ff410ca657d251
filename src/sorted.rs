//! Sorted `Vec<(key, value)>` lists: the small maps of the token model (privileges, RTM2
//! permissions), which hold a handful of entries each. One generic copy of the lookup and
//! insertion for both, instead of a `BTreeMap` per key and value type (see
//! [`crate::PrivilegeMap`]).

/// Sets `key` to `value` in the sorted `list`, returning the value it replaced.
pub(crate) fn upsert<K: Ord + Copy, V>(list: &mut Vec<(K, V)>, key: K, value: V) -> Option<V> {
    match list.binary_search_by(|(k, _)| k.cmp(&key)) {
        Ok(i) => list
            .get_mut(i)
            .map(|(_, old)| std::mem::replace(old, value)),
        Err(i) => {
            list.insert(i, (key, value));
            None
        }
    }
}

/// The value of `key` in the sorted `list`, inserted as `V::default()` if missing.
pub(crate) fn slot<K: Ord + Copy, V: Default>(list: &mut Vec<(K, V)>, key: K) -> Option<&mut V> {
    let i = match list.binary_search_by(|(k, _)| k.cmp(&key)) {
        Ok(i) => i,
        Err(i) => {
            list.insert(i, (key, V::default()));
            i
        }
    };
    list.get_mut(i).map(|(_, v)| v)
}

/// The value of `key` in the sorted `list`, if present.
pub(crate) fn get<K: Ord + Copy, V>(list: &[(K, V)], key: K) -> Option<&V> {
    list.binary_search_by(|(k, _)| k.cmp(&key))
        .ok()
        .and_then(|i| list.get(i))
        .map(|(_, v)| v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_keys_sorted_and_unique() {
        let mut list: Vec<(u8, u32)> = Vec::new();
        assert_eq!(upsert(&mut list, 3, 30), None);
        assert_eq!(upsert(&mut list, 1, 10), None);
        assert_eq!(upsert(&mut list, 3, 31), Some(30));
        *slot(&mut list, 2).unwrap() += 5;
        *slot(&mut list, 1).unwrap() += 1;
        assert_eq!(list, vec![(1, 11), (2, 5), (3, 31)]);
        assert_eq!(get(&list, 2), Some(&5));
        assert_eq!(get(&list, 4), None);
    }
}
