//! A small, fast hasher for the model's private maps (byte offsets and
//! identifier names). The standard SipHash resists HashDoS, which matters for
//! maps fed by a network peer; here the keys come from one source file and
//! the map lives for one analysis, and hashing showed up in profiles of every
//! keystroke. Same scheme as rustc's FxHasher: rotate, xor, multiply.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

#[derive(Default, Clone, Copy)]
pub struct FastHasher {
    hash: u64,
}

impl FastHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FastHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_work() {
        let mut m: FastMap<&str, usize> = FastMap::default();
        for (i, name) in ["a", "b", "err", "ctx", "abcdefghijk"].iter().enumerate() {
            m.insert(name, i);
        }
        assert_eq!(m.get("err"), Some(&2));
        assert_eq!(m.get("abcdefghijk"), Some(&4));
        assert_eq!(m.get("abcdefghijkl"), None);
        let mut n: FastMap<usize, usize> = FastMap::default();
        n.extend((0..1000).map(|i| (i * 7, i)));
        assert_eq!(n.get(&693), Some(&99));
    }
}
