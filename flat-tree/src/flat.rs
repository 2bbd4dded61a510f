//! A whole tree as a flat array of its visible nodes (c/flat.c).

use tree_sitter::{ffi, Node};

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

pub const NO_PARENT: u32 = u32::MAX;
pub const NAMED: u8 = 1;
pub const EXTRA: u8 = 2;
pub const MISSING: u8 = 4;
pub const HAS_ERROR: u8 = 8;

#[allow(unsafe_code)]
mod raw {
    use super::FlatRecord;
    use tree_sitter::ffi::TSNode;

    unsafe extern "C" {
        pub fn faultline_ts_flat_tree(root: TSNode, out: *mut FlatRecord, capacity: u32) -> u32;
    }
}

/// Replaces the contents of `out` with the visible nodes of `root`'s subtree
/// in document pre-order, `root` first. False (and `out` empty) only if the
/// C side could not finish: memory for its stack ran out, or the nodes did
/// not add up to tree-sitter's count (never seen).
pub fn flat_tree(root: Node<'_>, out: &mut Vec<FlatRecord>) -> bool {
    out.clear();
    let mut count = write(root, out);
    if count != u32::MAX && count as usize > out.capacity() {
        out.reserve(count as usize);
        count = write(root, out);
    }
    if count == u32::MAX || count as usize > out.capacity() {
        out.clear();
        return false;
    }
    true
}

/// Writes the records into `out`'s capacity (it is empty) and sets its
/// length, if they fit; returns their count.
#[allow(unsafe_code)]
fn write(root: Node<'_>, out: &mut Vec<FlatRecord>) -> u32 {
    let capacity = u32::try_from(out.capacity()).unwrap_or(u32::MAX - 1);
    let raw: ffi::TSNode = root.into_raw();
    // SAFETY: `root` belongs to a live tree (its borrow lasts this call); the
    // C side reads that tree and writes at most `capacity` records to the
    // start of `out`'s buffer, which has room for them.
    let count = unsafe { raw::faultline_ts_flat_tree(raw, out.as_mut_ptr(), capacity) };
    if count != u32::MAX && count <= capacity {
        // SAFETY: the C side initialized the first `count` records.
        unsafe { out.set_len(count as usize) };
    }
    count
}
