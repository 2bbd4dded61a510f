//! The syntax tree every layer reads: tree-sitter's tree copied once, after
//! each parse, into a flat array of its visible nodes (`FlatTree`), with a
//! `Node` and a `TreeCursor` that answer as tree-sitter's do.
//!
//! tree-sitter 0.27 recomputes most answers from its compressed subtrees on
//! every call: `Node::parent` descends from the root, `child(i)` and
//! `child_by_field_id` scan the children from the first, and a cursor
//! rebuilds its child iterator at every step. Reading the tree was the
//! largest cost of a check beyond the parse (issue #12, ARCHITECTURE.md
//! "Known costs"). In the flat array, written in pre-order by one pass in C
//! (`faultline_flat_tree::flat_tree`), a parent is an index, the
//! children of a node are the records from the next index on, hopping over
//! subtrees, and a subtree is an index range. The records are 20 bytes a
//! node, about 7 bytes per byte of Go source (net/http: 0.36 nodes a byte),
//! against 28 to 35 for tree-sitter's tree.
//!
//! tree-sitter's tree is still what the parser reuses on an edit and what
//! custom queries run on (`SourceFile::ts_tree`).

use faultline_flat_tree::{FlatKey, FlatRecord, EXTRA, HAS_ERROR, MISSING, NAMED, NO_PARENT};
use std::sync::OnceLock;
use tree_sitter::Point;

/// The visible nodes of a tree, in document pre-order.
pub struct FlatTree {
    records: Vec<FlatRecord>,
    /// The nodes with many descendants by their tree-sitter subtree's
    /// address, for the next edit ([`FlatTree::reparsed`]); empty for a tree
    /// made by [`FlatTree::new`].
    keys: Vec<FlatKey>,
    /// Byte offsets of the source's `\n`s, for rows (tree-sitter counts rows by `\n`).
    newlines: Vec<u32>,
}

/// tree-sitter's kind id of `ERROR` nodes.
const ERROR_KIND: u16 = u16::MAX;

impl FlatTree {
    /// The flat copy of `tree`, parsed from `text`.
    pub fn new(tree: &tree_sitter::Tree, text: &str) -> Self {
        let mut records = Vec::new();
        if !faultline_flat_tree::flat_tree(tree.root_node(), &mut records, None, None) {
            // The C side could not finish (never seen): the same records by cursor.
            records = records_by_cursor(tree.root_node());
        }
        let newlines = memchr_newlines(text);
        Self { records, keys: Vec::new(), newlines }
    }

    /// [`Self::new`] for a tree read only this once: tree-sitter's tree is
    /// freed while it is copied, each subtree while still in cache, instead
    /// of node by node again when it is dropped
    /// ([`faultline_flat_tree::flat_tree_consuming`]).
    pub fn consume(tree: tree_sitter::Tree, text: &str) -> Self {
        let mut records = Vec::new();
        if !faultline_flat_tree::flat_tree_consuming(tree, &mut records) {
            // The C side could not finish (never seen) and the tree is gone:
            // parse again, and copy without consuming.
            return match crate::syntax::parse(text) {
                Some(tree) => Self::new(&tree, text),
                None => Self { records, keys: Vec::new(), newlines: memchr_newlines(text) },
            };
        }
        let newlines = memchr_newlines(text);
        Self { records, keys: Vec::new(), newlines }
    }

    /// [`Self::new`] for a tree that will be edited (the language server,
    /// the wasm workspace): it keeps the keys the next edit copies by. With
    /// `previous`, the flat tree of the tree-sitter tree `tree` was
    /// incrementally reparsed from, the records of the subtrees the reparse
    /// reused are copied from it instead of written again: a keystroke in a
    /// large file copies most of its tree. `previous`'s tree-sitter tree must
    /// still be alive (keys are addresses in it).
    pub fn reparsed(tree: &tree_sitter::Tree, text: &str, previous: Option<&FlatTree>) -> Self {
        let mut records = Vec::new();
        let mut keys = Vec::new();
        let previous = previous.map(|p| faultline_flat_tree::Previous { records: &p.records, keys: &p.keys });
        if !faultline_flat_tree::flat_tree(tree.root_node(), &mut records, previous, Some(&mut keys)) {
            records = records_by_cursor(tree.root_node());
            // Keys name records of the unfinished pass: none is reusable.
            keys.clear();
        }
        let newlines = memchr_newlines(text);
        Self { records, keys, newlines }
    }

    /// True when both hold the same records (the keys aside).
    pub fn same_records(&self, other: &FlatTree) -> bool {
        self.records == other.records
    }

    /// Parses `text` and copies its tree (see [`crate::syntax::parse`]).
    pub fn parse(text: &str) -> Option<Self> {
        crate::syntax::parse(text).map(|tree| Self::new(&tree, text))
    }

    /// The root node.
    pub fn root_node(&self) -> Node<'_> {
        Node { tree: self, index: 0 }
    }

    /// A cursor at the root.
    pub fn walk(&self) -> TreeCursor<'_> {
        self.root_node().walk()
    }

    /// How many nodes the tree holds.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// Heap bytes held.
    pub fn heap_bytes(&self) -> usize {
        self.records.capacity() * std::mem::size_of::<FlatRecord>()
            + self.keys.capacity() * std::mem::size_of::<FlatKey>()
            + self.newlines.capacity() * 4
    }

    #[inline]
    fn record(&self, index: u32) -> FlatRecord {
        // Indexes come from records of this tree; the default (an empty leaf
        // at 0) is only for a tree the C side and the cursor both failed on.
        self.records.get(index as usize).copied().unwrap_or_default()
    }

    /// Row and byte column of a byte offset.
    fn point(&self, byte: u32) -> Point {
        let row = self.newlines.partition_point(|&n| n < byte);
        let line_start = match row {
            0 => 0,
            _ => self.newlines.get(row - 1).map_or(0, |&n| n + 1),
        };
        Point { row, column: byte.saturating_sub(line_start) as usize }
    }
}

fn memchr_newlines(text: &str) -> Vec<u32> {
    memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i as u32).collect()
}

/// The records `flat_tree` writes, by tree-sitter's cursor: the fallback, and
/// the reference the tests compare the C side with.
pub(crate) fn records_by_cursor(root: tree_sitter::Node<'_>) -> Vec<FlatRecord> {
    let mut records: Vec<FlatRecord> = Vec::new();
    let mut open: Vec<u32> = Vec::new();
    let mut cursor = root.walk();
    loop {
        let node = cursor.node();
        let flag = |on: bool, bit: u8| if on { bit } else { 0 };
        let flags = flag(node.is_named(), NAMED)
            | flag(node.is_extra(), EXTRA)
            | flag(node.is_missing(), MISSING)
            | flag(node.has_error(), HAS_ERROR);
        let index = records.len() as u32;
        records.push(FlatRecord {
            start: node.start_byte() as u32,
            end: node.end_byte() as u32,
            parent: open.last().copied().unwrap_or(NO_PARENT),
            next: index + 1,
            kind: node.kind_id(),
            field: cursor.field_id().map_or(0, |f| u8::try_from(f.get()).unwrap_or(0)),
            flags,
        });
        if cursor.goto_first_child() {
            open.push(index);
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            let Some(parent) = open.pop() else { return records };
            let end = records.len() as u32;
            if let Some(record) = records.get_mut(parent as usize) {
                record.next = end;
            }
            if !cursor.goto_parent() {
                return records;
            }
        }
    }
}

/// Node kind names by kind id (`ERROR` past the table).
fn kind_name(id: u16) -> &'static str {
    static NAMES: OnceLock<Vec<String>> = OnceLock::new();
    let names = NAMES.get_or_init(|| {
        let language = crate::syntax::go_language();
        (0..language.node_kind_count() as u16)
            .map(|id| language.node_kind_for_id(id).unwrap_or("").to_string())
            .collect()
    });
    match names.get(id as usize) {
        Some(name) => name,
        None if id == ERROR_KIND => "ERROR",
        None => "",
    }
}

/// Field names by field id.
fn field_name(id: u8) -> Option<&'static str> {
    static NAMES: OnceLock<Vec<String>> = OnceLock::new();
    let names = NAMES.get_or_init(|| {
        let language = crate::syntax::go_language();
        (0..=language.field_count() as u16).map(|id| language.field_name_for_id(id).unwrap_or("").to_string()).collect()
    });
    names.get(id as usize).map(String::as_str).filter(|name| id != 0 && !name.is_empty())
}

/// A node of a [`FlatTree`]: the same answers as `tree_sitter::Node`.
#[derive(Clone, Copy)]
pub struct Node<'t> {
    tree: &'t FlatTree,
    index: u32,
}

impl PartialEq for Node<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.index == other.index && std::ptr::eq(self.tree, other.tree)
    }
}

impl Eq for Node<'_> {}

impl std::hash::Hash for Node<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.index.hash(state);
        std::ptr::hash(self.tree, state);
    }
}

impl std::fmt::Debug for Node<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{{Node {} {} - {}}}", self.kind(), self.start_position(), self.end_position())
    }
}

impl<'t> Node<'t> {
    #[inline]
    fn record(&self) -> FlatRecord {
        self.tree.record(self.index)
    }

    /// The node at `index` of the same tree.
    #[inline]
    pub(crate) fn at(&self, index: u32) -> Node<'t> {
        Node { tree: self.tree, index }
    }

    /// Unique within its tree: the node's index in pre-order.
    #[inline]
    pub fn id(&self) -> usize {
        self.index as usize
    }

    /// The tree this node belongs to.
    pub fn tree(&self) -> &'t FlatTree {
        self.tree
    }

    #[inline]
    pub fn kind_id(&self) -> u16 {
        self.record().kind
    }

    #[inline]
    pub fn kind(&self) -> &'static str {
        kind_name(self.kind_id())
    }

    #[inline]
    fn flag(&self, bit: u8) -> bool {
        self.record().flags & bit != 0
    }

    #[inline]
    pub fn is_named(&self) -> bool {
        self.flag(NAMED)
    }

    #[inline]
    pub fn is_extra(&self) -> bool {
        self.flag(EXTRA)
    }

    #[inline]
    pub fn is_missing(&self) -> bool {
        self.flag(MISSING)
    }

    #[inline]
    pub fn has_error(&self) -> bool {
        self.flag(HAS_ERROR)
    }

    #[inline]
    pub fn is_error(&self) -> bool {
        self.kind_id() == ERROR_KIND
    }

    #[inline]
    pub fn start_byte(&self) -> usize {
        self.record().start as usize
    }

    #[inline]
    pub fn end_byte(&self) -> usize {
        self.record().end as usize
    }

    #[inline]
    pub fn byte_range(&self) -> std::ops::Range<usize> {
        let record = self.record();
        record.start as usize..record.end as usize
    }

    pub fn start_position(&self) -> Point {
        self.tree.point(self.record().start)
    }

    pub fn end_position(&self) -> Point {
        self.tree.point(self.record().end)
    }

    pub fn range(&self) -> tree_sitter::Range {
        tree_sitter::Range {
            start_byte: self.start_byte(),
            end_byte: self.end_byte(),
            start_point: self.start_position(),
            end_point: self.end_position(),
        }
    }

    /// The node's index in pre-order.
    #[inline]
    pub(crate) fn index(&self) -> u32 {
        self.index
    }

    /// The index just past this node's subtree.
    #[inline]
    pub(crate) fn subtree_end(&self) -> u32 {
        self.record().next
    }

    /// The children's indexes, in order.
    #[inline]
    fn child_indexes(&self) -> ChildIndexes<'t> {
        ChildIndexes { tree: self.tree, next: self.index + 1, end: self.subtree_end() }
    }

    #[inline]
    pub fn parent(&self) -> Option<Node<'t>> {
        match self.record().parent {
            NO_PARENT => None,
            parent => Some(self.at(parent)),
        }
    }

    pub fn child(&self, i: u32) -> Option<Node<'t>> {
        self.child_indexes().nth(i as usize).map(|c| self.at(c))
    }

    pub fn child_count(&self) -> u32 {
        self.child_indexes().count() as u32
    }

    pub fn named_child(&self, i: u32) -> Option<Node<'t>> {
        self.named_child_iter().nth(i as usize)
    }

    pub fn named_child_count(&self) -> usize {
        self.named_child_iter().count()
    }

    /// All children, anonymous tokens and comments included.
    #[inline]
    pub fn child_iter(&self) -> impl Iterator<Item = Node<'t>> + 't {
        let tree = self.tree;
        self.child_indexes().map(move |index| Node { tree, index })
    }

    /// The named children, comments included.
    #[inline]
    pub fn named_child_iter(&self) -> impl Iterator<Item = Node<'t>> + 't {
        self.child_iter().filter(|c| c.is_named())
    }

    /// As `tree_sitter::Node::children`; the cursor is not needed.
    pub fn children<'c>(&self, _cursor: &'c mut TreeCursor<'t>) -> impl Iterator<Item = Node<'t>> + 'c
    where
        't: 'c,
    {
        self.child_iter()
    }

    /// As `tree_sitter::Node::named_children`; the cursor is not needed.
    pub fn named_children<'c>(&self, _cursor: &'c mut TreeCursor<'t>) -> impl Iterator<Item = Node<'t>> + 'c
    where
        't: 'c,
    {
        self.named_child_iter()
    }

    #[inline]
    pub fn child_by_field_id(&self, field_id: u16) -> Option<Node<'t>> {
        let field = u8::try_from(field_id).ok().filter(|&f| f != 0)?;
        let tree = self.tree;
        self.child_indexes().find(|&c| tree.record(c).field == field).map(|c| self.at(c))
    }

    pub fn child_by_field_name(&self, name: &str) -> Option<Node<'t>> {
        self.child_by_field_id(super::nodes::field_id_for_name(name))
    }

    /// The children under a field, as `tree_sitter::Node::children_by_field_id`.
    pub fn children_by_field_id<'c>(
        &self,
        field_id: u16,
        _cursor: &'c mut TreeCursor<'t>,
    ) -> impl Iterator<Item = Node<'t>> + 'c
    where
        't: 'c,
    {
        let field = u8::try_from(field_id).ok().filter(|&f| f != 0);
        let tree = self.tree;
        self.child_indexes()
            .filter(move |&c| Some(tree.record(c).field) == field)
            .map(move |index| Node { tree, index })
    }

    pub fn children_by_field_name<'c>(
        &self,
        name: &str,
        cursor: &'c mut TreeCursor<'t>,
    ) -> impl Iterator<Item = Node<'t>> + 'c
    where
        't: 'c,
    {
        self.children_by_field_id(super::nodes::field_id_for_name(name), cursor)
    }

    /// The name of the field the `i`th child is under.
    pub fn field_name_for_child(&self, i: u32) -> Option<&'static str> {
        self.child(i).and_then(|c| c.field_name())
    }

    /// The name of the field this node is under in its parent.
    pub fn field_name(&self) -> Option<&'static str> {
        field_name(self.record().field)
    }

    /// The field id this node is under in its parent (0: none).
    #[inline]
    pub fn field_id(&self) -> u16 {
        self.record().field as u16
    }

    /// The child of this node that contains `descendant` (or is it).
    pub fn child_with_descendant(&self, descendant: Node<'t>) -> Option<Node<'t>> {
        if !std::ptr::eq(self.tree, descendant.tree) || descendant.index <= self.index {
            return None;
        }
        if descendant.index >= self.subtree_end() {
            return None;
        }
        let mut child = descendant;
        loop {
            match child.record().parent {
                parent if parent == self.index => return Some(child),
                NO_PARENT => return None,
                parent => child = self.at(parent),
            }
        }
    }

    pub fn next_sibling(&self) -> Option<Node<'t>> {
        let parent = self.parent()?;
        let next = self.subtree_end();
        (next < parent.subtree_end()).then(|| self.at(next))
    }

    pub fn prev_sibling(&self) -> Option<Node<'t>> {
        let parent = self.parent()?;
        parent.child_indexes().take_while(|&c| c < self.index).last().map(|c| self.at(c))
    }

    pub fn next_named_sibling(&self) -> Option<Node<'t>> {
        let mut sibling = self.next_sibling()?;
        while !sibling.is_named() {
            sibling = sibling.next_sibling()?;
        }
        Some(sibling)
    }

    pub fn prev_named_sibling(&self) -> Option<Node<'t>> {
        let parent = self.parent()?;
        parent.child_iter().take_while(|c| c.index < self.index).filter(|c| c.is_named()).last()
    }

    /// How many nodes the subtree holds, this node included.
    pub fn descendant_count(&self) -> usize {
        (self.subtree_end() - self.index) as usize
    }

    /// The nodes of this subtree in pre-order, this node first.
    pub fn subtree(&self) -> impl Iterator<Item = Node<'t>> + 't {
        let tree = self.tree;
        (self.index..self.subtree_end()).map(move |index| Node { tree, index })
    }

    /// The smallest node of this subtree that spans `start..end`, as
    /// `tree_sitter::Node::descendant_for_byte_range` finds it: descend into
    /// the first child that reaches the end of the range and starts at or
    /// before its start (an empty child may end where the range starts).
    pub fn descendant_for_byte_range(&self, start: usize, end: usize) -> Option<Node<'t>> {
        if start > end {
            return None;
        }
        let mut node = *self;
        'descend: loop {
            for child in node.child_iter() {
                let child_end = child.end_byte();
                if child_end < end {
                    continue;
                }
                let child_start = child.start_byte();
                let is_empty = child_start == child_end;
                if if is_empty { child_end < start } else { child_end <= start } {
                    continue;
                }
                if start < child_start {
                    break;
                }
                node = child;
                continue 'descend;
            }
            return Some(node);
        }
    }

    /// As [`Self::descendant_for_byte_range`], the smallest named one.
    pub fn named_descendant_for_byte_range(&self, start: usize, end: usize) -> Option<Node<'t>> {
        let mut node = self.descendant_for_byte_range(start, end)?;
        while !node.is_named() && node.index != self.index {
            node = node.parent()?;
        }
        Some(node)
    }

    pub fn utf8_text<'a>(&self, source: &'a [u8]) -> Result<&'a str, std::str::Utf8Error> {
        std::str::from_utf8(source.get(self.byte_range()).unwrap_or_default())
    }

    /// A cursor at this node.
    pub fn walk(&self) -> TreeCursor<'t> {
        TreeCursor { tree: self.tree, path: vec![self.index] }
    }
}

/// The indexes of a node's children: from the first (the index after the
/// node's) to the end of its subtree, hopping over each child's subtree.
struct ChildIndexes<'t> {
    tree: &'t FlatTree,
    next: u32,
    end: u32,
}

impl Iterator for ChildIndexes<'_> {
    type Item = u32;

    #[inline]
    fn next(&mut self) -> Option<u32> {
        if self.next >= self.end {
            return None;
        }
        let child = self.next;
        // `max` keeps a corrupt record (never written) from looping.
        self.next = self.tree.record(child).next.max(child + 1);
        Some(child)
    }
}

/// A cursor over a [`FlatTree`], as `tree_sitter::TreeCursor` moves: never
/// above or beside the node it started at.
#[derive(Clone)]
pub struct TreeCursor<'t> {
    tree: &'t FlatTree,
    /// From the node the cursor started at to the current node.
    path: Vec<u32>,
}

impl<'t> TreeCursor<'t> {
    fn current(&self) -> Node<'t> {
        Node { tree: self.tree, index: self.path.last().copied().unwrap_or(0) }
    }

    pub fn node(&self) -> Node<'t> {
        self.current()
    }

    pub fn reset(&mut self, node: Node<'t>) {
        self.tree = node.tree;
        self.path.clear();
        self.path.push(node.index);
    }

    /// The id of the field the current node is under, as tree-sitter's cursor
    /// gives it (none at the node the cursor started at).
    pub fn field_id(&self) -> Option<std::num::NonZeroU16> {
        match self.path.len() {
            0 | 1 => None,
            _ => std::num::NonZeroU16::new(self.current().field_id()),
        }
    }

    pub fn field_name(&self) -> Option<&'static str> {
        self.field_id().and_then(|_| self.current().field_name())
    }

    pub fn goto_first_child(&mut self) -> bool {
        let node = self.current();
        match node.child_indexes().next() {
            Some(child) => {
                self.path.push(child);
                true
            }
            None => false,
        }
    }

    pub fn goto_next_sibling(&mut self) -> bool {
        if self.path.len() < 2 {
            return false;
        }
        let node = self.current();
        match node.next_sibling() {
            Some(sibling) => {
                if let Some(last) = self.path.last_mut() {
                    *last = sibling.index;
                }
                true
            }
            None => false,
        }
    }

    pub fn goto_parent(&mut self) -> bool {
        if self.path.len() < 2 {
            return false;
        }
        self.path.pop();
        true
    }

    /// Moves to the first child that ends after `byte` and returns its index
    /// among the children.
    pub fn goto_first_child_for_byte(&mut self, byte: usize) -> Option<usize> {
        let node = self.current();
        let (i, child) = node.child_indexes().enumerate().find(|&(_, c)| self.tree.record(c).end as usize > byte)?;
        self.path.push(child);
        Some(i)
    }

    /// How far below the node the cursor started at the current node is.
    pub fn depth(&self) -> u32 {
        self.path.len().saturating_sub(1) as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) const SAMPLES: &[&str] = &[
        "package p\n\nimport (\n\t\"fmt\"\n\tx \"os\"\n)\n\n// doc 中文 😀\ntype T struct{ a [4]int; m map[string]*T }\n\n\
         func (t *T) F(a, b int, c ...string) (n int, err error) {\n\tdefer func() { recover() }()\n\t\
         for i, v := range t.a { n += i * v }\n\tswitch y := a.(type) { case int: _ = y }\n\t\
         select { case v := <-ch: _ = v; default: }\n\tgo fmt.Println(c[1:], x.Args, &T{a: [4]int{1}})\n\t\
         if err != nil { return 0, err }\n\tvar z = 'q' + 1.5i\n\treturn n, nil\n}\n",
        "package p\nfunc broken( {\n\tx := [}\n\tif { go }\n\tfor {\n",
        "package p\nfunc g[T any, U ~int | ~string](x T) (r U) { type L = []T; return }\nconst (\n\ta = iota\n\tb\n)\n",
        "package p\nfunc f() { a, b := <-ch, 1; m[k] = v; x.y.z++; s := []int{1, 2: 3, /* c */}; if x := f(); x > 0 {} }\n",
        "",
        "package",
        "}}}{{{ ))) func",
    ];

    fn long_sources() -> Vec<String> {
        let block: String = (0..200).map(|i| format!("\tx{i} := {i} // c\n")).collect();
        let list: String = (0..500).map(|i| format!("{i}, /* 中 */")).collect();
        let nested = format!("package p\nvar v = {}1{}\n", "(".repeat(300), ")".repeat(300));
        vec![format!("package p\nfunc f() {{\n{block}}}\nvar v = []int{{{list}}}\n"), nested]
    }

    fn all_sources() -> Vec<String> {
        SAMPLES.iter().map(|s| s.to_string()).chain(long_sources()).collect()
    }

    /// Every tree-sitter node, by cursor, with its field.
    fn ts_nodes(tree: &tree_sitter::Tree) -> Vec<tree_sitter::Node<'_>> {
        let mut out = Vec::new();
        let mut cursor = tree.walk();
        loop {
            out.push(cursor.node());
            if cursor.goto_first_child() {
                continue;
            }
            loop {
                if cursor.goto_next_sibling() {
                    break;
                }
                if !cursor.goto_parent() {
                    return out;
                }
            }
        }
    }

    /// The C side writes what the cursor reads, on every sample.
    #[test]
    fn c_records_match_the_cursor() {
        for source in all_sources() {
            let tree = crate::syntax::parse(&source).expect("parses");
            let mut records = Vec::new();
            assert!(faultline_flat_tree::flat_tree(tree.root_node(), &mut records, None, None));
            assert_eq!(records, records_by_cursor(tree.root_node()), "{source}");
        }
    }

    /// Freeing the tree while copying it writes the same records, on every
    /// sample (and on trees whose subtrees other trees still hold).
    #[test]
    fn consuming_copy_writes_the_same_records() {
        for source in all_sources() {
            let tree = crate::syntax::parse(&source).expect("parses");
            let expected = FlatTree::new(&tree, &source);
            // A copy shares every subtree: consuming it only drops references.
            let shared = tree.clone();
            assert!(FlatTree::consume(shared, &source).same_records(&expected), "{source}");
            assert!(FlatTree::new(&tree, &source).same_records(&expected), "{source}");
            assert!(FlatTree::consume(tree, &source).same_records(&expected), "{source}");
        }
    }

    /// A reparsed tree shares the subtrees it reused with the tree before the
    /// edit: consuming it must leave that tree whole.
    #[test]
    fn consuming_a_reparsed_tree_leaves_the_old_tree_whole() {
        for source in all_sources().into_iter().filter(|s| s.len() > 20) {
            let old = crate::syntax::parse(&source).expect("parses");
            let before = FlatTree::new(&old, &source);
            let at = source.len() / 2;
            let at = (0..=at).rev().find(|&i| source.is_char_boundary(i)).unwrap_or(0);
            let mut edited_text = source.clone();
            edited_text.insert_str(at, " x ");
            let mut edited = old.clone();
            let position = crate::syntax::point_at(&source, at);
            edited.edit(&tree_sitter::InputEdit {
                start_byte: at,
                old_end_byte: at,
                new_end_byte: at + 3,
                start_position: position,
                old_end_position: position,
                new_end_position: tree_sitter::Point { row: position.row, column: position.column + 3 },
            });
            let reparsed = crate::syntax::reparse(&edited_text, &edited).expect("reparses");
            let expected = FlatTree::new(&reparsed, &edited_text);
            assert!(FlatTree::consume(reparsed, &edited_text).same_records(&expected), "{source}");
            drop(edited);
            assert!(FlatTree::new(&old, &source).same_records(&before), "{source}");
        }
    }

    /// Every answer of the flat node equals tree-sitter's, node by node.
    #[test]
    fn nodes_answer_as_tree_sitter() {
        let language = crate::syntax::go_language();
        for source in all_sources() {
            let tree = crate::syntax::parse(&source).expect("parses");
            let flat = FlatTree::new(&tree, &source);
            let ts = ts_nodes(&tree);
            let ours: Vec<Node<'_>> = flat.root_node().subtree().collect();
            assert_eq!(ts.len(), ours.len());
            let positions: std::collections::HashMap<tree_sitter::Node<'_>, u32> =
                ts.iter().enumerate().map(|(i, n)| (*n, i as u32)).collect();
            let index_of = |n: tree_sitter::Node<'_>| positions.get(&n).copied();
            for (t, n) in ts.iter().zip(&ours) {
                let at = format!("{} at {} in {source}", t.kind(), t.start_byte());
                assert_eq!(
                    (t.kind_id(), t.kind(), t.is_named(), t.is_extra(), t.is_missing(), t.has_error(), t.is_error()),
                    (n.kind_id(), n.kind(), n.is_named(), n.is_extra(), n.is_missing(), n.has_error(), n.is_error()),
                    "{at}"
                );
                assert_eq!(
                    (t.byte_range(), t.start_position(), t.end_position()),
                    (n.byte_range(), n.start_position(), n.end_position()),
                    "{at}"
                );
                assert_eq!(t.parent().and_then(index_of), n.parent().map(|p| p.index), "{at}");
                let ids = |it: &mut dyn Iterator<Item = Option<u32>>| it.collect::<Vec<_>>();
                let mut c = t.walk();
                assert_eq!(
                    ids(&mut t.children(&mut c).map(index_of)),
                    ids(&mut n.child_iter().map(|c| Some(c.index))),
                    "{at}"
                );
                assert_eq!(t.named_child_count(), n.named_child_count(), "{at}");
                assert_eq!(t.child_count(), n.child_count(), "{at}");
                for i in 0..t.child_count() + 1 {
                    assert_eq!(t.child(i).and_then(index_of), n.child(i).map(|c| c.index), "{at}");
                    assert_eq!(t.named_child(i).and_then(index_of), n.named_child(i).map(|c| c.index), "{at}");
                    assert_eq!(t.field_name_for_child(i), n.field_name_for_child(i), "{at}");
                }
                for id in 0..=language.field_count() as u16 + 1 {
                    assert_eq!(
                        t.child_by_field_id(id).and_then(index_of),
                        n.child_by_field_id(id).map(|c| c.index),
                        "{at} field {id}"
                    );
                    let mut c = t.walk();
                    let mut d = n.walk();
                    let expected = match std::num::NonZeroU16::new(id) {
                        Some(id) => ids(&mut t.children_by_field_id(id, &mut c).map(index_of)),
                        None => Vec::new(),
                    };
                    assert_eq!(
                        expected,
                        ids(&mut n.children_by_field_id(id, &mut d).map(|c| Some(c.index))),
                        "{at} field {id}"
                    );
                }
                for (which, a, b) in [
                    ("next", t.next_sibling(), n.next_sibling()),
                    ("prev", t.prev_sibling(), n.prev_sibling()),
                    ("next named", t.next_named_sibling(), n.next_named_sibling()),
                    ("prev named", t.prev_named_sibling(), n.prev_named_sibling()),
                ] {
                    // tree-sitter finds siblings by byte position, and passes
                    // over the zero-width MISSING nodes of broken code; ours
                    // are the parent's next and previous children.
                    if !t.parent().is_some_and(|p| p.has_error()) {
                        assert_eq!(a.and_then(index_of), b.map(|b| b.index), "{which} {at}");
                    }
                }
                assert_eq!(t.descendant_count(), n.descendant_count(), "{at}");
            }
        }
    }

    /// `descendant_for_byte_range` finds tree-sitter's node for every node's
    /// range, every byte, and every empty range.
    #[test]
    fn descendants_for_ranges_match() {
        for source in SAMPLES.iter().map(|s| s.to_string()).chain([long_sources().remove(1)]) {
            let tree = crate::syntax::parse(&source).expect("parses");
            let flat = FlatTree::new(&tree, &source);
            let ts = ts_nodes(&tree);
            let positions: std::collections::HashMap<tree_sitter::Node<'_>, u32> =
                ts.iter().enumerate().map(|(i, n)| (*n, i as u32)).collect();
            let index_of = |n: tree_sitter::Node<'_>| positions.get(&n).copied();
            let mut ranges: Vec<(usize, usize)> = ts.iter().map(|n| (n.start_byte(), n.end_byte())).collect();
            ranges.extend((0..=source.len()).flat_map(|i| [(i, i), (i, i + 1)]));
            ranges.push((5, 2));
            for (start, end) in ranges {
                for (t, n) in [(tree.root_node(), flat.root_node())]
                    .into_iter()
                    .chain(ts.iter().copied().zip(flat.root_node().subtree()).step_by(7))
                {
                    assert_eq!(
                        t.descendant_for_byte_range(start, end).and_then(index_of),
                        n.descendant_for_byte_range(start, end).map(|d| d.index),
                        "{start}..{end} from {} in {source}",
                        t.kind()
                    );
                }
            }
        }
    }

    /// Edit after edit, the flat tree copied in part from the previous one
    /// equals one written from scratch from the same tree-sitter tree: edits
    /// inside, before and after large subtrees, that add and remove lines,
    /// break the syntax and mend it, in text with CJK and emoji. The file is
    /// opened as an editor opens it, so even the first edit copies.
    #[test]
    fn reparsed_trees_equal_trees_from_scratch() {
        let body: String =
            (0..60).map(|i| format!("\tx{i} := f(a, b{i}) // 中 😀\n\tif x{i} > 0 {{ g(x{i}) }}\n")).collect();
        let source = format!("package p\n\nfunc f() {{\n{body}}}\n\nfunc g() {{\n{body}}}\n");
        let mut file = crate::SourceFile::new_editable("p.go", source).expect("parses");
        let edits: &[(&str, &str)] = &[
            ("x3 := ", "y3 := "),
            ("g(x10)", "g(x10, 1)"),
            ("func g() {", "func g() { {"),
            ("func g() { {", "func g() {"),
            ("// 中 😀\n\tif x20", "\n\n\tif x20"),
            ("package p", "package q // 新"),
            ("x59 > 0", "x59 >"),
            ("x59 >", "x59 > 0"),
        ];
        let mut copied = 0;
        for (from, to) in edits {
            let Some(at) = file.text.find(from) else { panic!("{from} not in the text") };
            let keys_before = file.tree.keys.len();
            file.edit(crate::TextRange::new(at, at + from.len()), to).expect("reparses");
            let ts = file.ts_tree.as_ref().expect("kept");
            let scratch = FlatTree::new(ts, &file.text);
            assert!(file.tree.same_records(&scratch), "after {from:?} -> {to:?}");
            assert_eq!(file.tree.newlines, scratch.newlines);
            copied += usize::from(keys_before > 0 && !file.tree.keys.is_empty());
        }
        assert_eq!(copied, edits.len());
    }

    /// The cursor moves as tree-sitter's does, fields included.
    #[test]
    fn cursor_moves_as_tree_sitter() {
        for source in all_sources() {
            let tree = crate::syntax::parse(&source).expect("parses");
            let flat = FlatTree::new(&tree, &source);
            let ts = ts_nodes(&tree);
            let positions: std::collections::HashMap<tree_sitter::Node<'_>, u32> =
                ts.iter().enumerate().map(|(i, n)| (*n, i as u32)).collect();
            let index_of = |n: tree_sitter::Node<'_>| positions.get(&n).copied();
            for (t, n) in ts.iter().zip(flat.root_node().subtree()).step_by(3) {
                let mut a = t.walk();
                let mut b = n.walk();
                for step in 0..40 {
                    let moved = match step % 5 {
                        0 | 3 => (a.goto_first_child(), b.goto_first_child()),
                        1 | 4 => (a.goto_next_sibling(), b.goto_next_sibling()),
                        _ => (a.goto_parent(), b.goto_parent()),
                    };
                    assert_eq!(moved.0, moved.1);
                    assert_eq!(index_of(a.node()), Some(b.node().index));
                    assert_eq!(a.field_id(), b.field_id());
                    assert_eq!(a.field_name(), b.field_name());
                }
                for byte in [0, t.start_byte(), t.start_byte() + 1, t.end_byte().saturating_sub(1), t.end_byte()] {
                    let mut a = t.walk();
                    let mut b = n.walk();
                    assert_eq!(a.goto_first_child_for_byte(byte), b.goto_first_child_for_byte(byte));
                    assert_eq!(index_of(a.node()), Some(b.node().index));
                }
            }
        }
    }
}
