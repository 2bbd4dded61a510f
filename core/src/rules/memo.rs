//! Facts that the rule calls of one walk compute once and share.
//!
//! Rules are called node by node, each call with a fresh `RuleContext`, so a
//! fact that many calls need (the type a binding holds, a file's top-level
//! declarations) would be recomputed at every node. A `CheckMemo` is created
//! by each walk of the rules over a tree (`EnabledRules::walk`) and dropped
//! when the walk ends: it cannot outlive or mix up the file, package and
//! settings it was filled from, so it needs no key and no invalidation. What
//! a rule keeps in it must be a function of the file and its package context
//! only (not of the node being checked, the rule's settings or the Go
//! version), because every rule of the walk sees the same values.
//!
//! Each fact type has one slot, found by its `TypeId`: a rule defines its own
//! `Default` type and asks for it with [`CheckMemo::with`], looking up and
//! storing in two short calls around any computation that may itself use the
//! memo.

use std::any::{Any, TypeId};
use std::cell::RefCell;

/// The memo of one walk; see the module docs.
#[derive(Default)]
pub struct CheckMemo {
    /// A value per fact type (a handful: a scan beats hashing).
    slots: RefCell<Vec<(TypeId, Box<dyn Any>)>>,
}

impl CheckMemo {
    /// Runs `f` on this walk's value of type `T` (`T::default()` on first use).
    ///
    /// The memo is borrowed while `f` runs, so `f` should not ask it again
    /// (look up, compute outside, then store): a nested request gets a fresh
    /// value that is not kept, still correct, only not remembered.
    pub fn with<T: Default + 'static, R>(&self, f: impl FnOnce(&mut T) -> R) -> R {
        let Ok(mut slots) = self.slots.try_borrow_mut() else { return f(&mut T::default()) };
        let id = TypeId::of::<T>();
        let at = match slots.iter().position(|(slot, _)| *slot == id) {
            Some(at) => at,
            None => {
                slots.push((id, Box::new(T::default())));
                slots.len() - 1
            }
        };
        match slots.get_mut(at).and_then(|(_, value)| value.downcast_mut::<T>()) {
            Some(value) => f(value),
            // Unreachable: a slot only ever holds the type its id names.
            None => f(&mut T::default()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::CheckMemo;

    #[derive(Default)]
    struct Count(u32);

    #[derive(Default)]
    struct Other(u32);

    #[test]
    fn values_persist_per_type_and_nested_requests_are_not_kept() {
        let memo = CheckMemo::default();
        memo.with(|c: &mut Count| c.0 += 1);
        memo.with(|c: &mut Count| {
            c.0 += 1;
            // A nested request: a fresh value, not kept.
            memo.with(|inner: &mut Count| {
                assert_eq!(inner.0, 0);
                inner.0 = 100;
            });
            memo.with(|o: &mut Other| o.0 = 100);
        });
        memo.with(|o: &mut Other| o.0 += 7);
        assert_eq!(memo.with(|c: &mut Count| c.0), 2);
        assert_eq!(memo.with(|o: &mut Other| o.0), 7);
    }
}
