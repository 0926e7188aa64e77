//! The id tables of validation ([`Registry`]): which source, actor or claim an id names, found
//! by hashing, with short ids kept in the table itself ([`InlineId`]). On a big map the tables
//! are far larger than the processor's caches, so lookups and inserts can be made in batches, in
//! the order of the table ([`Registry::get_batch`], [`Registry::flush`]), where one at a time in
//! written order each would wait for memory.

use crate::model::Map;
use hashbrown::HashTable;
use std::hash::BuildHasher;

/// The hasher of the loader's own tables: foldhash, several times faster than the standard
/// SipHash on short keys such as ids, and seeded per process (so a crafted map cannot choose
/// collisions in advance).
type FastHash = foldhash::fast::RandomState;

/// The kinds of things that have ids.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub(super) enum IdKind {
    Source,
    Actor,
    Claim,
    Relation,
    Question,
}

impl IdKind {
    pub(super) fn noun(self) -> &'static str {
        match self {
            IdKind::Source => "source",
            IdKind::Actor => "actor",
            IdKind::Claim => "claim",
            IdKind::Relation => "relation",
            IdKind::Question => "question",
        }
    }

    pub(super) fn with_article(self) -> &'static str {
        match self {
            IdKind::Source => "a source",
            IdKind::Actor => "an actor",
            IdKind::Claim => "a claim",
            IdKind::Relation => "a relation",
            IdKind::Question => "a question",
        }
    }
}

/// An offset or index stored as a `u32` (as in `validate::Site`; files over 4 GiB are located
/// at their last offset).
pub(super) fn offset32(offset: usize) -> u32 {
    u32::try_from(offset).unwrap_or(u32::MAX)
}

/// An id of at most [`SHORT`] bytes, copied, so that comparing it reads no other memory (on a
/// big map, comparing with an id stored elsewhere costs a cache miss or two); of a longer one,
/// only that it is longer.
#[derive(Clone, Copy, Debug)]
pub(super) struct InlineId {
    /// The length of the id; [`LONG`] for a longer one.
    len: u8,
    bytes: [u8; SHORT],
}

/// The longest [`InlineId`] (an [`Entry`] is then 16 bytes).
pub(super) const SHORT: usize = 10;
/// [`InlineId::len`] of an id longer than [`SHORT`].
pub(super) const LONG: u8 = u8::MAX;

impl InlineId {
    pub(super) fn new(id: &str) -> InlineId {
        let mut inline = InlineId {
            len: LONG,
            bytes: [0; SHORT],
        };
        if let Some(slot) = inline.bytes.get_mut(..id.len()) {
            slot.copy_from_slice(id.as_bytes());
            inline.len = id.len() as u8; // at most SHORT
        }
        inline
    }

    /// The id, when it is short.
    pub(super) fn get(&self) -> Option<&[u8]> {
        self.bytes.get(..usize::from(self.len))
    }

    /// The id, when it is short.
    pub(super) fn as_str(&self) -> Option<&str> {
        // The bytes were copied from a `&str` whole, so they are UTF-8.
        self.get().and_then(|bytes| std::str::from_utf8(bytes).ok())
    }
}

/// An id in the [`Registry`]: which collection of the map, and where in it. A short id is kept
/// in the entry itself, so that finding it reads only the table; a longer one is compared with
/// the map's copy.
#[derive(Clone, Copy, Debug)]
pub(super) struct Entry {
    pub(super) kind: IdKind,
    pub(super) id: InlineId,
    pub(super) index: u32,
}

/// An id to look up with others ([`Registry::get_batch`]): its hash, the id itself when short,
/// and its place among the caller's ids.
#[derive(Clone, Copy)]
pub(super) struct Lookup {
    pub(super) hash: u64,
    pub(super) id: InlineId,
    pub(super) index: u32,
}

/// Where a [`Registry`] finds the ids too long to keep in its entries: the map, or (while
/// claims are being added to the map on another thread) just its sources and actors.
pub(super) trait Keys: Sync {
    /// The stored copy of the id of `entry`; `None` when its item is not stored (yet: the id
    /// just defined, whose item is not in the map, may be probed by a lookup in between).
    fn key(&self, entry: Entry) -> Option<&str>;
}

impl Keys for Map {
    fn key(&self, entry: Entry) -> Option<&str> {
        let index = entry.index as usize;
        let key = match entry.kind {
            IdKind::Source => self.sources.get_index(index)?.0,
            IdKind::Actor => self.actors.get_index(index)?.0,
            // Relations and questions are not in this table.
            IdKind::Claim | IdKind::Relation | IdKind::Question => self.claims.get_index(index)?.0,
        };
        Some(key)
    }
}

/// The ids of a map's sources and actors that are too long for a registry's entries, copied
/// out of the map, for looking them up ([`Keys`]) on another thread while claims are added to
/// the map. (Short ids are kept empty: lookups never ask for them.)
pub(super) struct PartyKeys {
    sources: Vec<String>,
    actors: Vec<String>,
}

impl PartyKeys {
    pub(super) fn of(map: &Map) -> PartyKeys {
        let long = |id: &String| match InlineId::new(id).get() {
            Some(_) => String::new(),
            None => id.clone(),
        };
        PartyKeys {
            sources: map.sources.keys().map(long).collect(),
            actors: map.actors.keys().map(long).collect(),
        }
    }
}

impl Keys for PartyKeys {
    fn key(&self, entry: Entry) -> Option<&str> {
        let index = entry.index as usize;
        let key = match entry.kind {
            IdKind::Source => self.sources.get(index)?,
            IdKind::Actor => self.actors.get(index)?,
            IdKind::Claim | IdKind::Relation | IdKind::Question => return None,
        };
        Some(key)
    }
}

/// Ids of sources, actors or claims: defining an id is one probe (taken?), and resolving a
/// reference one more. The table holds no strings: an entry's key is the id stored in the map
/// itself.
#[derive(Clone)]
pub(super) struct Registry {
    table: HashTable<Entry>,
    hasher: FastHash,
    /// Entries registered with [`Registry::insert_later`], with their hashes.
    later: Vec<(u64, Entry)>,
}

impl Registry {
    pub(super) fn with_capacity(capacity: usize) -> Registry {
        Registry {
            table: HashTable::with_capacity(capacity),
            hasher: FastHash::default(),
            later: Vec::new(),
        }
    }

    /// The id of `entry`, from the entry when it is short, else from `keys` (when the table
    /// grows, every entry's item is in the map).
    pub(super) fn id<'m>(keys: &'m impl Keys, entry: &'m Entry) -> &'m str {
        match entry.id.as_str() {
            Some(id) => id,
            None => keys.key(*entry).unwrap_or_default(),
        }
    }

    pub(super) fn hash(&self, id: &str) -> u64 {
        self.hasher.hash_one(id)
    }

    pub(super) fn get(&self, keys: &impl Keys, id: &str) -> Option<Entry> {
        self.get_hashed(keys, self.hash(id), id)
    }

    pub(super) fn get_hashed(&self, keys: &impl Keys, hash: u64, id: &str) -> Option<Entry> {
        debug_assert!(self.later.is_empty(), "flush the registry before a lookup");
        self.table
            .find(hash, |entry| match entry.id.get() {
                Some(bytes) => bytes == id.as_bytes(),
                None => id.len() > SHORT && keys.key(*entry) == Some(id),
            })
            .copied()
    }

    /// The entries of the ids of `lookups`, in their order, looked up in the order of the table
    /// ([`Registry::in_probe_order`]). `long_id(index)` gives an id longer than [`SHORT`].
    pub(super) fn get_batch<'i>(
        &self,
        keys: &impl Keys,
        lookups: &[Lookup],
        long_id: impl Fn(usize) -> &'i str,
    ) -> Vec<Option<Entry>> {
        debug_assert!(self.later.is_empty(), "flush the registry before a lookup");
        let mut found = vec![None; lookups.len()];
        for lookup in self.in_probe_order(lookups, |lookup| lookup.hash) {
            let index = lookup.index as usize;
            let entry = match lookup.id.get() {
                Some(id) => self
                    .table
                    .find(lookup.hash, |entry| entry.id.get() == Some(id))
                    .copied(),
                None => self.get_hashed(keys, lookup.hash, long_id(index)),
            };
            found[index] = entry;
        }
        found
    }

    /// `items` (which carry the hashes of ids), reordered so that looking them up walks the
    /// table from its first bucket to its last: on a table far larger than the processor's
    /// caches, lookups in the order they are written each wait for memory (twice: control
    /// bytes and entry), and in this order the memory is read ahead. A counting sort on the
    /// first bits of each hash's home bucket, about as many groups as items (within a group,
    /// the items stay as written). Only speed depends on the order, never a result.
    pub(super) fn in_probe_order<T: Copy>(&self, items: &[T], hash: impl Fn(&T) -> u64) -> Vec<T> {
        let Some(&first) = items.first() else {
            return Vec::new();
        };
        // hashbrown's table has a power of two buckets, at most 8/7 of its capacity, and
        // starts probing at the bucket `hash & (buckets - 1)`.
        let buckets = (self.table.capacity() * 8 / 7).next_power_of_two() as u64;
        let group_bits = items
            .len()
            .next_power_of_two()
            .trailing_zeros()
            .clamp(4, 16);
        let shift = buckets.trailing_zeros().saturating_sub(group_bits);
        let group = |item: &T| ((hash(item) & (buckets - 1)) >> shift) as usize;
        let mut starts = vec![0u32; (1 << group_bits) + 1];
        for item in items {
            starts[group(item) + 1] += 1;
        }
        for i in 1..starts.len() {
            starts[i] += starts[i - 1];
        }
        let mut sorted = vec![first; items.len()];
        for item in items {
            let slot = &mut starts[group(item)];
            sorted[*slot as usize] = *item;
            *slot += 1;
        }
        sorted
    }

    /// Registers `id`, not yet in the table, as the next item of its kind in `map` (call it just
    /// before inserting the item).
    pub(super) fn insert(&mut self, map: &Map, id: &str, kind: IdKind) {
        let index = match kind {
            IdKind::Source => map.sources.len(),
            IdKind::Actor => map.actors.len(),
            IdKind::Claim | IdKind::Relation | IdKind::Question => map.claims.len(),
        };
        self.insert_at(map, id, kind, index);
    }

    /// Registers `id`, not yet in the table, as item `index` of its kind in `map`.
    pub(super) fn insert_at(&mut self, map: &Map, id: &str, kind: IdKind, index: usize) {
        let (hash, entry) = self.entry(id, kind, index);
        self.insert_entry(map, hash, entry);
    }

    /// Like [`Registry::insert`], but the id joins the table only at the next
    /// [`Registry::flush`], together with others, in [`Registry::in_probe_order`]: on a big
    /// map, inserting ids one by one waits for memory twice per id.
    pub(super) fn insert_later(&mut self, id: &str, kind: IdKind, index: usize) {
        let later = self.entry(id, kind, index);
        self.later.push(later);
    }

    /// How many ids wait for the next [`Registry::flush`].
    pub(super) fn pending(&self) -> usize {
        self.later.len()
    }

    /// Inserts the ids registered with [`Registry::insert_later`].
    pub(super) fn flush(&mut self, map: &Map) {
        let later = std::mem::take(&mut self.later);
        for (hash, entry) in self.in_probe_order(&later, |(hash, _)| *hash) {
            self.insert_entry(map, hash, entry);
        }
    }

    /// The hash and entry of `id`, item `index` of its kind in the map.
    pub(super) fn entry(&self, id: &str, kind: IdKind, index: usize) -> (u64, Entry) {
        let entry = Entry {
            kind,
            id: InlineId::new(id),
            index: offset32(index),
        };
        (self.hash(id), entry)
    }

    pub(super) fn insert_entry(&mut self, map: &Map, hash: u64, entry: Entry) {
        let hasher = &self.hasher;
        self.table.insert_unique(hash, entry, |entry| {
            hasher.hash_one(Registry::id(map, entry))
        });
    }
}

#[cfg(test)]
mod probe_order_tests {
    use super::Registry;

    /// The items come out all, once each, in increasing order of group (the first bits of the
    /// home bucket), in the order they were given within a group; the bucket count assumed is
    /// hashbrown's.
    #[test]
    fn in_probe_order_walks_the_table_once() {
        for capacity in [0, 3, 100, 5_000, 300_000] {
            let registry = Registry::with_capacity(capacity);
            for count in [1, 5, 20_000] {
                let items: Vec<(u64, usize)> = (0..count)
                    .map(|i| (registry.hash(&format!("c{i}")), i))
                    .collect();
                let sorted = registry.in_probe_order(&items, |(hash, _)| *hash);
                let mut seen = vec![false; count];
                for &(_, i) in &sorted {
                    assert!(!std::mem::replace(&mut seen[i], true));
                }
                assert!(seen.iter().all(|&s| s), "not a permutation at {capacity}");
                // The table's memory is a 16-byte entry and a control byte per bucket, and 16
                // more control bytes.
                let buckets = (registry.table.capacity() * 8 / 7).next_power_of_two() as u64;
                if capacity > 0 {
                    let size = registry.table.allocation_size();
                    assert_eq!(size, buckets as usize * 17 + 16, "{capacity}");
                }
                let group_bits = count.next_power_of_two().trailing_zeros().clamp(4, 16);
                let shift = buckets.trailing_zeros().saturating_sub(group_bits);
                let group = |hash: u64| (hash & (buckets - 1)) >> shift;
                for pair in sorted.windows(2) {
                    let (a, b) = (group(pair[0].0), group(pair[1].0));
                    assert!(
                        a < b || (a == b && pair[0].1 < pair[1].1),
                        "{capacity}: {pair:?}"
                    );
                }
            }
        }
    }
}
