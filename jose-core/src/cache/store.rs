//! One shard of the verified-token cache: a fixed number of slots, each with
//! a fixed share of one byte arena, found by scanning a dense array of
//! 64-bit tags. A full shard evicts an expired entry first, then by CLOCK
//! (second chance: an entry hit since the hand last passed is skipped once).
//! Nothing here allocates and nothing grows: the storage is given whole.

use subtle::ConstantTimeEq;
use zeroize::Zeroize;

use crate::jwt::{Layout, ValidWindow};

/// What an entry is found by: the SHA-256 of the token's bytes, and the
/// SHA-256 of what it was opened under (the keys' fingerprints and the
/// validation rules).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct EntryKey {
    pub(crate) token: [u8; 32],
    pub(crate) context: [u8; 32],
}

/// The tag a slot is scanned by: 64 bits of the token's digest, never 0
/// (0 marks a free slot).
pub(crate) fn tag_of(token: &[u8; 32]) -> u64 {
    token
        .first_chunk::<8>()
        .map_or(1, |bytes| u64::from_le_bytes(*bytes) | 1)
}

/// One entry's bookkeeping (its texts are in the slot's block of the arena).
#[derive(Clone, Copy)]
pub(crate) struct Slot {
    token: [u8; 32],
    context: [u8; 32],
    window: ValidWindow,
    layout: Layout,
    referenced: bool,
}

impl Slot {
    pub(crate) const EMPTY: Slot = Slot {
        token: [0; 32],
        context: [0; 32],
        window: ValidWindow { from: 0, until: 0 },
        layout: Layout {
            outer: None,
            inner: 0,
            claims: 0,
        },
        referenced: false,
    };
}

/// Where a shard's tags, slots and bytes live.
pub(crate) trait Storage {
    fn parts(&mut self) -> (&mut [u64], &mut [Slot], &mut [u8]);
    fn view(&self) -> (&[u64], &[Slot], &[u8]);
}

/// Storage inside the cache value: `ENTRIES` slots and `BYTES` bytes.
pub(crate) struct Inline<const ENTRIES: usize, const BYTES: usize> {
    tags: [u64; ENTRIES],
    slots: [Slot; ENTRIES],
    bytes: [u8; BYTES],
}

impl<const ENTRIES: usize, const BYTES: usize> Inline<ENTRIES, BYTES> {
    pub(crate) const fn new() -> Self {
        Inline {
            tags: [0; ENTRIES],
            slots: [Slot::EMPTY; ENTRIES],
            bytes: [0; BYTES],
        }
    }
}

impl<const ENTRIES: usize, const BYTES: usize> Storage for Inline<ENTRIES, BYTES> {
    fn parts(&mut self) -> (&mut [u64], &mut [Slot], &mut [u8]) {
        (&mut self.tags, &mut self.slots, &mut self.bytes)
    }
    fn view(&self) -> (&[u64], &[Slot], &[u8]) {
        (&self.tags, &self.slots, &self.bytes)
    }
}

/// What a shard counts.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Counters {
    pub(crate) hits: u64,
    pub(crate) misses: u64,
    pub(crate) expired: u64,
    pub(crate) inserts: u64,
    pub(crate) evictions: u64,
    pub(crate) skipped: u64,
}

/// What a lookup found.
pub(crate) enum Lookup {
    /// No entry for this token under these keys and rules.
    Miss,
    /// An entry inside its time window, copied into the caller's buffer.
    Hit(Layout),
    /// An entry outside its time window, copied into the caller's buffer for
    /// validation to name the failure (an entry past its end is removed).
    OutsideWindow(Layout),
    /// An entry the caller's buffer cannot hold: this many bytes are needed.
    Short(usize),
}

/// One shard.
pub(crate) struct Store<S: Storage> {
    storage: S,
    hand: usize,
    entries: usize,
    bytes: usize,
    counters: Counters,
}

impl<S: Storage> Store<S> {
    pub(crate) const fn new(storage: S) -> Self {
        Store {
            storage,
            hand: 0,
            entries: 0,
            bytes: 0,
            counters: Counters {
                hits: 0,
                misses: 0,
                expired: 0,
                inserts: 0,
                evictions: 0,
                skipped: 0,
            },
        }
    }

    /// The bytes each slot may hold.
    pub(crate) fn block_len(&self) -> usize {
        let (_, slots, bytes) = self.storage.view();
        bytes.len().checked_div(slots.len()).unwrap_or(0)
    }

    /// The number of slots.
    pub(crate) fn capacity(&self) -> usize {
        self.storage.view().1.len()
    }

    /// Entries, bytes held, and the counters.
    pub(crate) fn usage(&self) -> (usize, usize, Counters) {
        (self.entries, self.bytes, self.counters)
    }

    /// Counts a token the cache was asked about but could not keep.
    pub(crate) fn count_skipped(&mut self) {
        self.counters.skipped += 1;
    }

    fn find(&self, key: &EntryKey) -> Option<usize> {
        let (tags, slots, _) = self.storage.view();
        let tag = tag_of(&key.token);
        tags.iter().zip(slots).position(|(t, slot)| {
            *t == tag && bool::from(slot.token.ct_eq(&key.token) & slot.context.ct_eq(&key.context))
        })
    }

    /// Looks `key` up at `now`; a found entry is copied into `buf`. A miss
    /// is counted when `count_miss` says the cold path follows (a lookup
    /// that only asks does not count one).
    pub(crate) fn lookup(
        &mut self,
        key: &EntryKey,
        now: u64,
        buf: &mut [u8],
        count_miss: bool,
    ) -> Lookup {
        let Some(index) = self.find(key) else {
            self.counters.misses += u64::from(count_miss);
            return Lookup::Miss;
        };
        let block_len = self.block_len();
        let (_, slots, bytes) = self.storage.parts();
        let Some(slot) = slots.get_mut(index) else {
            return Lookup::Miss;
        };
        let layout = slot.layout;
        let len = layout.len();
        let (Some(to), Some(from)) = (
            buf.get_mut(..len),
            block(bytes, index, block_len).and_then(|b| b.get(..len)),
        ) else {
            return Lookup::Short(len);
        };
        to.copy_from_slice(from);
        if slot.window.contains(now) {
            slot.referenced = true;
            self.counters.hits += 1;
            return Lookup::Hit(layout);
        }
        self.counters.expired += 1;
        if now >= slot.window.until {
            self.remove_at(index);
        }
        Lookup::OutsideWindow(layout)
    }

    /// Keeps a verified token's texts under `key`, valid in `window`. A token
    /// too large for a slot, or not valid at `now`, is not kept.
    pub(crate) fn insert(
        &mut self,
        key: &EntryKey,
        window: ValidWindow,
        now: u64,
        texts: (Option<&str>, &str, &str),
    ) -> bool {
        let (outer, inner, claims) = texts;
        let layout = Layout {
            outer: outer.map(str::len),
            inner: inner.len(),
            claims: claims.len(),
        };
        let len = layout.len();
        if len > self.block_len() || !window.contains(now) || self.capacity() == 0 {
            self.counters.skipped += 1;
            return false;
        }
        let index = match self.find(key) {
            Some(index) => {
                self.remove_at(index);
                index
            }
            None => self.vacate(now),
        };
        let block_len = self.block_len();
        let (tags, slots, bytes) = self.storage.parts();
        let (Some(tag), Some(slot), Some(block)) = (
            tags.get_mut(index),
            slots.get_mut(index),
            block(bytes, index, block_len),
        ) else {
            return false;
        };
        let mut at = 0;
        // A signed-only token has no outer header: nothing stored for it.
        for text in [outer.unwrap_or(""), inner, claims] {
            if let Some(to) = block.get_mut(at..at + text.len()) {
                to.copy_from_slice(text.as_bytes());
            }
            at += text.len();
        }
        *tag = tag_of(&key.token);
        *slot = Slot {
            token: key.token,
            context: key.context,
            window,
            layout,
            referenced: false,
        };
        self.entries += 1;
        self.bytes += len;
        self.counters.inserts += 1;
        true
    }

    /// A free slot: an empty one, else an expired entry's, else CLOCK's
    /// choice. The entry there is removed.
    fn vacate(&mut self, now: u64) -> usize {
        let (tags, slots, _) = self.storage.view();
        let capacity = slots.len();
        if let Some(free) = tags.iter().position(|t| *t == 0) {
            return free;
        }
        if let Some(expired) = slots.iter().position(|s| now >= s.window.until) {
            self.counters.expired += 1;
            self.remove_at(expired);
            return expired;
        }
        let (_, slots, _) = self.storage.parts();
        // Two turns at most: the first clears every reference bit.
        let mut victim = self.hand;
        for _ in 0..capacity.saturating_mul(2) {
            victim = self.hand;
            self.hand = (self.hand + 1) % capacity.max(1);
            match slots.get_mut(victim) {
                Some(slot) if slot.referenced => slot.referenced = false,
                _ => break,
            }
        }
        self.counters.evictions += 1;
        self.remove_at(victim);
        victim
    }

    /// Removes the entry at `index`, wiping its texts.
    fn remove_at(&mut self, index: usize) {
        let block_len = self.block_len();
        let (tags, slots, bytes) = self.storage.parts();
        let (Some(tag), Some(slot)) = (tags.get_mut(index), slots.get_mut(index)) else {
            return;
        };
        if *tag == 0 {
            return;
        }
        let len = slot.layout.len();
        if let Some(used) = block(bytes, index, block_len).and_then(|b| b.get_mut(..len)) {
            used.zeroize();
        }
        *tag = 0;
        *slot = Slot::EMPTY;
        self.entries = self.entries.saturating_sub(1);
        self.bytes = self.bytes.saturating_sub(len);
    }

    /// Removes every entry for the token whose digest is `token`, whatever
    /// it was opened under.
    pub(crate) fn remove_token(&mut self, token: &[u8; 32]) -> usize {
        let tag = tag_of(token);
        let mut removed = 0;
        for index in 0..self.capacity() {
            let (tags, slots, _) = self.storage.view();
            let same = tags.get(index) == Some(&tag)
                && slots
                    .get(index)
                    .is_some_and(|s| bool::from(s.token.ct_eq(token)));
            if same {
                self.remove_at(index);
                removed += 1;
            }
        }
        removed
    }

    /// Removes every entry that has ended by `now`.
    pub(crate) fn purge_expired(&mut self, now: u64) -> usize {
        let mut removed = 0;
        for index in 0..self.capacity() {
            let (tags, slots, _) = self.storage.view();
            let ended = tags.get(index).is_some_and(|t| *t != 0)
                && slots.get(index).is_some_and(|s| now >= s.window.until);
            if ended {
                self.remove_at(index);
                self.counters.expired += 1;
                removed += 1;
            }
        }
        removed
    }

    /// Removes every entry, wiping all storage.
    pub(crate) fn clear(&mut self) {
        let (tags, slots, bytes) = self.storage.parts();
        tags.zeroize();
        slots.fill(Slot::EMPTY);
        bytes.zeroize();
        self.entries = 0;
        self.bytes = 0;
        self.hand = 0;
    }
}

impl<S: Storage> Drop for Store<S> {
    fn drop(&mut self) {
        self.clear();
    }
}

/// Slot `index`'s block of the arena.
fn block(bytes: &mut [u8], index: usize, block_len: usize) -> Option<&mut [u8]> {
    let start = index.checked_mul(block_len)?;
    bytes.get_mut(start..start.checked_add(block_len)?)
}
