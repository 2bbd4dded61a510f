//! Answers the RACE rules compute once per file instead of once per node.
//!
//! Rules are called node by node, each call with a fresh `RuleContext`, so a
//! fact that many calls need (the sync type an identifier's binding holds)
//! would be recomputed every time. These facts live in the walk's
//! `CheckMemo`, which belongs to one walk of one file in one package context
//! and is dropped with it: nothing needs to tell files apart. Everything kept
//! here is a function of the file and its package context only (not of
//! settings or the Go version).

use super::sync_types::SyncPath;
use crate::model::fast_hash::FastMap;
use crate::model::{BindingId, TypeExpr};
use crate::rules::RuleContext;

/// The facts of one file in one package context.
#[derive(Default)]
pub struct FileFacts {
    /// RACE005: the sync value held by `x` or `x.f.g` (an identifier's binding
    /// and a field path, `""` for the identifier itself) as `copied_sync` sees it.
    /// (The keys come from one file: the fast hasher, not SipHash.)
    pub copied: FastMap<(BindingId, String), Option<SyncPath>>,
    /// `TypeEnv::contained_sync` by type.
    pub contained: FastMap<TypeExpr, Option<SyncPath>>,
    /// RACE009: the file's top-level function and method declarations by
    /// name (built on first use; see `goroutine_leak::TopLevelDecls`).
    pub top_level: Option<super::goroutine_leak::TopLevelDecls>,
}

/// Runs `f` with the memo of the file `cx` checks. `f` must not use the memo
/// again (`with_facts`, `TypeEnv`'s typing): such an inner call gets an empty one.
pub fn with_facts<R>(cx: &RuleContext<'_>, f: impl FnOnce(&mut FileFacts) -> R) -> R {
    cx.memo().with(f)
}
