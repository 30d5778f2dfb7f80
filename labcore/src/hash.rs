//! A fast hasher for labcore's look-up tables.
//!
//! The tables (catalog names, LOINC codes, unit spellings) are built from catalog data and only *queried* with
//! input, never filled with it, so hash flooding cannot slow them: SipHash's protection buys nothing here and
//! costs a fifth of a payload's processing time. FNV-1a (Fowler–Noll–Vo, public domain) is short and fast for
//! the short keys these tables hold.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a, 64-bit.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 ^= u64::from(*byte);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// A `HashMap` keyed with FNV-1a; only for tables whose keys do not come from input.
pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// A `HashSet` hashed with FNV-1a; only for sets whose members do not come from input (word lists).
pub(crate) type FastSet<K> = std::collections::HashSet<K, BuildHasherDefault<Fnv>>;
