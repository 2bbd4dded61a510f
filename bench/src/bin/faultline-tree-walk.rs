//! `faultline-tree-walk MODE DIR`: what stepping through tree-sitter's tree
//! costs, for `valgrind --tool=callgrind` (ARCHITECTURE.md, "Known costs").
//! It reads the corpus of DIR (the files `faultline check DIR` visits), then on
//! one thread, per file:
//!
//! - `parse`: parses it (the floor the other modes are compared with);
//! - `walk`: parses it and visits every node once with a `TreeCursor`;
//! - `preorder`: the same visit with the core's `Preorder`, which reads
//!   children by index, as the rules' walk does;
//! - `table`: parses it and writes every node, in pre-order, into a flat
//!   table (kind, field, flags, byte range, parent, end of subtree): the
//!   one pass a tree of our own would cost before every later step became
//!   an index into an array;
//! - `table-children`: the same table (field ids left out) written from
//!   each node's children read in one pass (`faultline_tree_children`), a
//!   lower bound for a table written without a cursor.
//!
//! The instructions of a mode minus those of `parse`, divided by the node
//! count it prints, are that mode's cost per node.

use faultline_bench::corpus::Corpus;
use faultline_core::syntax::Preorder;
use std::path::Path;
use std::process::ExitCode;
use tree_sitter::Node;

/// One node of the flat table (24 bytes).
struct Entry {
    kind: u16,
    field: u16,
    flags: u16,
    start: u32,
    end: u32,
    parent: u32,
    subtree_end: u32,
}

impl Entry {
    /// A value that depends on every field, so that none is optimised away.
    fn mix(&self) -> usize {
        [self.kind, self.field, self.flags].iter().map(|&v| usize::from(v)).sum::<usize>()
            + [self.start, self.end, self.parent, self.subtree_end].iter().map(|&v| v as usize).sum::<usize>()
    }
}

/// Visits every node in pre-order; returns the node count and a value that
/// depends on every node, so the visit cannot be optimised away.
fn walk(root: Node<'_>) -> (usize, usize) {
    let mut cursor = root.walk();
    let (mut nodes, mut mix) = (0usize, 0usize);
    loop {
        nodes += 1;
        mix = mix.wrapping_add(usize::from(cursor.node().kind_id()));
        if cursor.goto_first_child() {
            continue;
        }
        while !cursor.goto_next_sibling() {
            if !cursor.goto_parent() {
                return (nodes, mix);
            }
        }
    }
}

/// [`walk`] with the core's [`Preorder`] (children read by index): the walk
/// the rules and `walk_preorder` use.
fn walk_preorder(root: Node<'_>) -> (usize, usize) {
    let (mut nodes, mut mix) = (0usize, 0usize);
    for node in Preorder::new(root, Vec::new()) {
        nodes += 1;
        mix = mix.wrapping_add(usize::from(node.kind_id()));
    }
    (nodes, mix)
}

/// Writes every node into `table` in pre-order.
fn table(root: Node<'_>, table: &mut Vec<Entry>) {
    table.clear();
    let mut cursor = root.walk();
    // Indexes of the open ancestors of the cursor's node.
    let mut open: Vec<u32> = Vec::new();
    loop {
        let node = cursor.node();
        let index = table.len() as u32;
        table.push(Entry {
            kind: node.kind_id(),
            field: cursor.field_id().map_or(0, |f| f.get()),
            flags: flags(node),
            start: node.start_byte() as u32,
            end: node.end_byte() as u32,
            parent: open.last().copied().unwrap_or(u32::MAX),
            subtree_end: index + 1,
        });
        open.push(index);
        if cursor.goto_first_child() {
            continue;
        }
        // A leaf: closed at once; then each ancestor the cursor climbs out of.
        close(table, &mut open);
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return;
            }
            close(table, &mut open);
        }
    }
}

/// [`table`] from children read in one pass, without field ids: each node is
/// written when popped from an explicit stack, its children pushed behind it
/// in reverse; subtree ends are filled in afterwards from the parent links.
fn table_by_children<'t>(root: Node<'t>, table: &mut Vec<Entry>, stack: &mut Vec<(Node<'t>, u32)>) {
    table.clear();
    stack.clear();
    stack.push((root, u32::MAX));
    let mut children = Vec::new();
    while let Some((node, parent)) = stack.pop() {
        let index = table.len() as u32;
        table.push(Entry {
            kind: node.kind_id(),
            field: 0,
            flags: flags(node),
            start: node.start_byte() as u32,
            end: node.end_byte() as u32,
            parent,
            subtree_end: index + 1,
        });
        children.clear();
        faultline_tree_children::children_into(node, false, &mut children);
        stack.extend(children.iter().rev().map(|child| (*child, index)));
    }
    for i in (0..table.len()).rev() {
        let (parent, end) = match table.get(i) {
            Some(entry) => (entry.parent, entry.subtree_end),
            None => continue,
        };
        if let Some(up) = table.get_mut(parent as usize) {
            up.subtree_end = up.subtree_end.max(end);
        }
    }
}

/// A table entry's flags: named, extra, error, missing.
fn flags(node: Node<'_>) -> u16 {
    u16::from(node.is_named())
        | u16::from(node.is_extra()) << 1
        | u16::from(node.is_error()) << 2
        | u16::from(node.is_missing()) << 3
}

/// Closes the innermost open node: its subtree ends where the table ends now.
fn close(table: &mut [Entry], open: &mut Vec<u32>) {
    let end = table.len() as u32;
    if let Some(entry) = open.pop().and_then(|i| table.get_mut(i as usize)) {
        entry.subtree_end = end;
    }
}

// The same allocator as the faultline binary (mimalloc, for Rust and for
// tree-sitter's C code), so the parse floor and the product compare like for like.
#[global_allocator]
static GLOBAL: faultline_alloc::MiMalloc = faultline_alloc::MiMalloc;

fn main() -> ExitCode {
    faultline_alloc::route_tree_sitter_to_mimalloc();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(mode), Some(dir)) = (args.first(), args.get(1)) else {
        eprintln!("usage: faultline-tree-walk parse|walk|preorder|table|table-children DIR");
        return ExitCode::from(2);
    };
    if !matches!(mode.as_str(), "parse" | "walk" | "preorder" | "table" | "table-children") {
        eprintln!("faultline-tree-walk: unknown mode {mode}");
        return ExitCode::from(2);
    }
    let corpus = match Corpus::load(Path::new(dir)) {
        Ok(corpus) => corpus,
        Err(e) => {
            eprintln!("faultline-tree-walk: {e}");
            return ExitCode::from(2);
        }
    };
    let (mut nodes, mut mix) = (0usize, 0usize);
    let mut entries = Vec::new();
    for file in &corpus.files {
        let Some(tree) = faultline_core::syntax::parse(&file.text) else {
            continue;
        };
        match mode.as_str() {
            "walk" => {
                let (n, m) = walk(tree.root_node());
                nodes += n;
                mix = mix.wrapping_add(m);
            }
            "preorder" => {
                let (n, m) = walk_preorder(tree.root_node());
                nodes += n;
                mix = mix.wrapping_add(m);
            }
            "table" => {
                table(tree.root_node(), &mut entries);
                nodes += entries.len();
                mix = entries.iter().fold(mix, |mix, e| mix.wrapping_add(e.mix()));
            }
            "table-children" => {
                table_by_children(tree.root_node(), &mut entries, &mut Vec::new());
                nodes += entries.len();
                mix = entries.iter().fold(mix, |mix, e| mix.wrapping_add(e.mix()));
            }
            _ => {}
        }
    }
    println!(
        "{} files, {} bytes, {} nodes ({:.3} per byte), check value {mix}",
        corpus.files.len(),
        corpus.bytes(),
        nodes,
        nodes as f64 / corpus.bytes().max(1) as f64
    );
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The one-pass table is the cursor's table with the field ids left out:
    /// same nodes, order, flags, ranges, parents and subtree ends.
    #[test]
    fn table_by_children_matches_the_cursor_table() {
        let source = "package p\n\n// 中文 😀\nfunc f(a, b int) (int, error) {\n\tfor i := range a { b += i }\n\t\
                      if x := [}\n\treturn b, nil\n}\nvar v = []int{1, 2, 3}\n";
        let tree = faultline_core::syntax::parse(source).expect("parses");
        let mut by_cursor = Vec::new();
        table(tree.root_node(), &mut by_cursor);
        let mut by_children = Vec::new();
        table_by_children(tree.root_node(), &mut by_children, &mut Vec::new());
        let key = |e: &Entry, field: u16| (e.kind, field, e.flags, e.start, e.end, e.parent, e.subtree_end);
        let expected: Vec<_> = by_cursor.iter().map(|e| key(e, 0)).collect();
        let got: Vec<_> = by_children.iter().map(|e| key(e, e.field)).collect();
        assert!(expected.len() > 50);
        assert_eq!(got, expected);
    }
}
