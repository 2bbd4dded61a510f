//! Answers the RACE rules compute once per file instead of once per node.
//!
//! Rules are called node by node, each call with a fresh `RuleContext`, so a
//! fact that many calls need (the sync type an identifier's binding holds)
//! would be recomputed every time. This memo keeps such facts for the file
//! being checked on this thread.
//!
//! Why a hit is sound: the memo belongs to one (file, package) pair, told by
//! the file's `FileSummary` allocation and every sibling summary's allocation.
//! The memo holds a `Weak` to each, which keeps the allocation (not the value)
//! alive, so no other summary can be created at the same address while the
//! memo exists: equal pointers mean the very same summaries. A summary is made
//! together with its file's text, tree and model (`SourceFile::from_tree`;
//! every edit makes a new one) and never changes behind an `Arc` (`get_mut`
//! fails while a `Weak` exists). The text's address and length are compared as
//! well. Everything memoized is a function of the file and its package
//! context only (not of settings or the Go version). A different key drops the
//! whole memo, so it holds one file's facts per thread at most.

use super::sync_types::SyncPath;
use crate::model::{BindingId, FileSummary, TypeExpr};
use crate::rules::RuleContext;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{Arc, Weak};

/// The facts of one file in one package context.
#[derive(Default)]
pub struct FileFacts {
    /// RACE005: the sync value held by `x` or `x.f.g` (an identifier's binding
    /// and a field path, `""` for the identifier itself) as `copied_sync` sees it.
    pub copied: HashMap<(BindingId, String), Option<SyncPath>>,
    /// `TypeEnv::contained_sync` by type.
    pub contained: HashMap<TypeExpr, Option<SyncPath>>,
    /// RACE009: the file's top-level function and method declarations by
    /// name (built on first use; see `goroutine_leak::TopLevelDecls`).
    pub top_level: Option<super::goroutine_leak::TopLevelDecls>,
}

struct Key {
    summary: Weak<FileSummary>,
    siblings: Vec<Weak<FileSummary>>,
    text: (usize, usize),
}

impl Key {
    fn of(cx: &RuleContext<'_>) -> Self {
        Key {
            summary: Arc::downgrade(&cx.file.summary),
            siblings: cx.package.siblings.iter().map(Arc::downgrade).collect(),
            text: (cx.file.text.as_ptr() as usize, cx.file.text.len()),
        }
    }

    fn matches(&self, cx: &RuleContext<'_>) -> bool {
        std::ptr::eq(self.summary.as_ptr(), Arc::as_ptr(&cx.file.summary))
            && self.text == (cx.file.text.as_ptr() as usize, cx.file.text.len())
            && self.siblings.len() == cx.package.siblings.len()
            && self.siblings.iter().zip(&cx.package.siblings).all(|(w, a)| std::ptr::eq(w.as_ptr(), Arc::as_ptr(a)))
    }
}

thread_local! {
    static FACTS: RefCell<Option<(Key, FileFacts)>> = const { RefCell::new(None) };
}

/// Runs `f` with the memo of the file `cx` checks. `f` must not call
/// `with_facts` again (if it does, the inner call gets an empty memo).
pub fn with_facts<R>(cx: &RuleContext<'_>, f: impl FnOnce(&mut FileFacts) -> R) -> R {
    FACTS.with(|cell| {
        let Ok(mut slot) = cell.try_borrow_mut() else {
            return f(&mut FileFacts::default());
        };
        if !slot.as_ref().is_some_and(|(key, _)| key.matches(cx)) {
            *slot = Some((Key::of(cx), FileFacts::default()));
        }
        match slot.as_mut() {
            Some((_, facts)) => f(facts),
            None => f(&mut FileFacts::default()),
        }
    })
}
