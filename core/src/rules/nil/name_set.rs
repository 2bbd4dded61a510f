//! A set of names built once per file to drop nodes by name before the tree
//! is read (see `callee::CalleeNames`). It keeps hashes, not strings: a
//! collision only lets a name through to the full check, which decides.

use crate::model::fast_hash::FastHasher;
use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};

#[derive(Default)]
pub struct NameSet(HashSet<u64, BuildHasherDefault<FastHasher>>);

impl NameSet {
    pub fn insert(&mut self, name: &str) {
        self.0.insert(hash(name));
    }

    /// False only when `name` was never inserted.
    pub fn may_contain(&self, name: &str) -> bool {
        self.0.contains(&hash(name))
    }
}

fn hash(name: &str) -> u64 {
    let mut hasher = FastHasher::default();
    hasher.write(name.as_bytes());
    hasher.finish()
}
