//! Custom rule ids as `&'static str`, the type every diagnostic code has.
//!
//! Each distinct id is leaked once and reused by every later load, so an editor
//! that reloads rule files all day leaks at most one small string per id ever
//! written, never one per reload.

use std::collections::BTreeSet;
use std::sync::Mutex;

static IDS: Mutex<BTreeSet<&'static str>> = Mutex::new(BTreeSet::new());

pub fn intern(id: &str) -> &'static str {
    let mut ids = match IDS.lock() {
        Ok(guard) => guard,
        // A panic elsewhere while holding the lock leaves the set intact.
        Err(poisoned) => poisoned.into_inner(),
    };
    if let Some(existing) = ids.get(id) {
        return existing;
    }
    let leaked: &'static str = Box::leak(id.to_string().into_boxed_str());
    ids.insert(leaked);
    leaked
}

#[cfg(test)]
mod tests {
    #[test]
    fn same_id_same_pointer() {
        let a = super::intern("no-naked-get");
        let b = super::intern(&String::from("no-naked-get"));
        assert!(std::ptr::eq(a, b));
    }
}
