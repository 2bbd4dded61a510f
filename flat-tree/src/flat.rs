//! A whole tree as a flat array of its visible nodes (c/flat.c).

use tree_sitter::{ffi, Node, Tree};

/// One visible node of a tree, as c/flat.c writes it: the layout must match
/// its `FlatRecord`.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FlatRecord {
    /// Byte range in the source.
    pub start: u32,
    pub end: u32,
    /// Index of the parent record; [`NO_PARENT`] for the root.
    pub parent: u32,
    /// Index just past this node's subtree: its descendants are the records
    /// from its own index + 1 up to here.
    pub next: u32,
    /// `Node::kind_id`.
    pub kind: u16,
    /// The field this node has in its parent (as a `TreeCursor` reads it), 0 for none.
    pub field: u8,
    /// [`NAMED`], [`EXTRA`], [`MISSING`], [`HAS_ERROR`].
    pub flags: u8,
}

/// A visible node with many descendants (32 or more), by the address of its
/// tree-sitter subtree: after an incremental reparse, the subtrees
/// tree-sitter reused sit at the same addresses in the new tree, so their
/// records can be copied from the previous flat tree (see [`Previous`]).
/// Must match `FlatKey` in c/flat.c.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FlatKey {
    pub subtree: usize,
    pub index: u32,
}

/// The flat tree of the text before an edit, to copy reused subtrees from:
/// its records and keys, made from the tree-sitter tree the new one was
/// reparsed from. That tree must still be alive: a key is an address, and a
/// freed subtree's address could come back as another's.
pub struct Previous<'a> {
    pub records: &'a [FlatRecord],
    /// In index order, as [`flat_tree`] writes them.
    pub keys: &'a [FlatKey],
}

pub const NO_PARENT: u32 = u32::MAX;
pub const NAMED: u8 = 1;
pub const EXTRA: u8 = 2;
pub const MISSING: u8 = 4;
pub const HAS_ERROR: u8 = 8;

#[allow(unsafe_code)]
mod raw {
    use super::{FlatKey, FlatRecord};
    use tree_sitter::ffi::{self, TSNode};

    /// `Previous` in c/flat.c.
    #[repr(C)]
    pub struct Previous {
        pub records: *const FlatRecord,
        pub record_count: u32,
        pub by_index: *const FlatKey,
        pub by_subtree: *const FlatKey,
        pub key_count: u32,
    }

    /// `KeysOut` in c/flat.c.
    #[repr(C)]
    pub struct KeysOut {
        pub keys: *mut FlatKey,
        pub capacity: u32,
        pub len: u32,
        pub full: bool,
    }

    unsafe extern "C" {
        pub fn faultline_ts_flat_tree(
            root: TSNode,
            out: *mut FlatRecord,
            capacity: u32,
            previous: *const Previous,
            keys: *mut KeysOut,
        ) -> u32;

        pub fn faultline_ts_flat_tree_consume(tree: *mut ffi::TSTree, out: *mut FlatRecord, capacity: u32) -> u32;
    }
}

/// Replaces the contents of `out` with the visible nodes of `root`'s subtree
/// in document pre-order, `root` first. With `keys`, replaces its contents
/// with the keys of the nodes with many descendants (in index order), for
/// the next edit; with `previous`, copies the records of the subtrees the
/// reparse reused from it. False (and `out` empty) only if the C side could
/// not finish: memory for its stack ran out, or the nodes did not add up to
/// tree-sitter's count (never seen).
pub fn flat_tree(
    root: Node<'_>,
    out: &mut Vec<FlatRecord>,
    previous: Option<Previous<'_>>,
    mut keys: Option<&mut Vec<FlatKey>>,
) -> bool {
    out.clear();
    let by_subtree: Vec<FlatKey> = match &previous {
        Some(previous) => {
            let mut sorted = previous.keys.to_vec();
            sorted.sort_unstable_by_key(|k| k.subtree);
            sorted
        }
        None => Vec::new(),
    };
    let previous = previous.as_ref().map(|p| raw::Previous {
        records: p.records.as_ptr(),
        record_count: u32::try_from(p.records.len()).unwrap_or(0),
        by_index: p.keys.as_ptr(),
        by_subtree: by_subtree.as_ptr(),
        key_count: u32::try_from(p.keys.len().min(by_subtree.len())).unwrap_or(0),
    });
    let mut count = write(root, out, previous.as_ref(), keys.as_deref_mut());
    if count != u32::MAX && count as usize > out.capacity() {
        out.reserve(count as usize);
        count = write(root, out, previous.as_ref(), keys.as_deref_mut());
    }
    if count == u32::MAX || count as usize > out.capacity() {
        out.clear();
        if let Some(keys) = keys {
            keys.clear();
        }
        return false;
    }
    true
}

/// [`flat_tree`] of a whole tree, which it frees as it copies it: each
/// subtree is released right after it is read, while still in cache,
/// instead of by a second walk when the tree is dropped (that walk waited on
/// memory for every node and was about 4% of a check's CPU time). False
/// (and `out` empty) only if the C side could not finish (never seen); the
/// tree is then partly leaked, never freed twice.
pub fn flat_tree_consuming(tree: Tree, out: &mut Vec<FlatRecord>) -> bool {
    out.clear();
    let raw = tree.into_raw();
    let mut count = consume(raw, out);
    if count != u32::MAX && count as usize > out.capacity() {
        out.reserve(count as usize);
        count = consume(raw, out);
    }
    if count != u32::MAX && count as usize > out.capacity() {
        // Not reached: `reserve` made room. The C side left the tree to us.
        drop(tree_from_raw(raw));
    }
    if count == u32::MAX || count as usize > out.capacity() {
        out.clear();
        return false;
    }
    true
}

/// Copies and frees `tree` if its records fit in `out`'s capacity (it is
/// empty), setting `out`'s length; else leaves both alone. Returns the
/// count (needed), or `u32::MAX`.
#[allow(unsafe_code)]
fn consume(tree: *mut ffi::TSTree, out: &mut Vec<FlatRecord>) -> u32 {
    let capacity = u32::try_from(out.capacity()).unwrap_or(u32::MAX - 1);
    // SAFETY: `tree` is a live tree this module owns (from `Tree::into_raw`,
    // not yet freed: the C side frees it only when the records fit, and then
    // this is not called again); it writes at most `capacity` records to
    // the start of `out`'s buffer.
    let count = unsafe { raw::faultline_ts_flat_tree_consume(tree, out.as_mut_ptr(), capacity) };
    if count != u32::MAX && count <= capacity {
        // SAFETY: the C side initialized the first `count` records.
        unsafe { out.set_len(count as usize) };
    }
    count
}

#[allow(unsafe_code)]
fn tree_from_raw(tree: *mut ffi::TSTree) -> Tree {
    // SAFETY: `tree` came from `Tree::into_raw` and the C side did not free it.
    unsafe { Tree::from_raw(tree) }
}

/// Writes the records into `out`'s capacity (it is empty) and sets its
/// length, if they fit (and the keys likewise); returns their count.
#[allow(unsafe_code)]
fn write(
    root: Node<'_>,
    out: &mut Vec<FlatRecord>,
    previous: Option<&raw::Previous>,
    keys: Option<&mut Vec<FlatKey>>,
) -> u32 {
    let capacity = u32::try_from(out.capacity()).unwrap_or(u32::MAX - 1);
    let raw: ffi::TSNode = root.into_raw();
    let mut keys_out = keys.map(|keys| {
        keys.clear();
        // Nodes with 32 descendants or more are a few percent of a tree;
        // past this room the keys stop (a prefix, which only copies less).
        keys.reserve(out.capacity() / 8 + 64);
        (
            raw::KeysOut {
                keys: keys.as_mut_ptr(),
                capacity: u32::try_from(keys.capacity()).unwrap_or(0),
                len: 0,
                full: false,
            },
            keys,
        )
    });
    let keys_ptr = keys_out.as_mut().map_or(std::ptr::null_mut(), |(k, _)| k as *mut raw::KeysOut);
    let previous_ptr = previous.map_or(std::ptr::null(), |p| p as *const raw::Previous);
    // SAFETY: `root` belongs to a live tree (its borrow lasts this call); the
    // C side reads that tree and writes at most `capacity` records to the
    // start of `out`'s buffer, which has room for them, and at most the keys
    // buffer's capacity of keys. `previous` points at slices that outlive the
    // call, with the counts they hold.
    let count = unsafe { raw::faultline_ts_flat_tree(raw, out.as_mut_ptr(), capacity, previous_ptr, keys_ptr) };
    if count != u32::MAX && count <= capacity {
        // SAFETY: the C side initialized the first `count` records.
        unsafe { out.set_len(count as usize) };
        if let Some((written, keys)) = keys_out {
            // SAFETY: and the first `len` keys, within the keys' capacity.
            unsafe { keys.set_len(written.len.min(written.capacity) as usize) };
        }
    }
    count
}
