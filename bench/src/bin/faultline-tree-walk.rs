//! `faultline-tree-walk MODE DIR`: what reading a syntax tree costs, for
//! `valgrind --tool=callgrind` (ARCHITECTURE.md, "Known costs"). It reads
//! the corpus of DIR (the files `faultline check DIR` visits), then on one
//! thread, per file:
//!
//! - `parse`: parses it (the floor the other modes are compared with);
//! - `walk`: parses it and visits every node once with tree-sitter's
//!   `TreeCursor`, the way through the tree before the core had its own;
//! - `flat`: parses it and copies the tree into the core's `FlatTree` (one
//!   pass in C), what every check pays before its first read;
//! - `preorder`: `flat`, then visits every node with the core's `Preorder`,
//!   as the rules' walk does;
//! - `verify`: for every `.go` file under DIR, testdata included (broken
//!   Go), checks that the flat tree answers as tree-sitter's does, node by
//!   node: kind, flags, range, row, parent, children, named children, the
//!   field the cursor reads, and `child_by_field_id` for those fields (for
//!   every field of the grammar on every 16th node). Prints the first
//!   differences and fails if there are any.
//!
//! The instructions of a mode minus those of `parse`, divided by the node
//! count it prints, are that mode's cost per node.

use faultline_bench::corpus::Corpus;
use faultline_core::syntax::{FlatTree, Preorder};
use std::path::Path;
use std::process::ExitCode;

/// Visits every node in pre-order with tree-sitter's cursor; returns the node
/// count and a value that depends on every node, so the visit cannot be
/// optimised away.
fn walk(root: tree_sitter::Node<'_>) -> (usize, usize) {
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

/// Every node of tree-sitter's tree in pre-order, with the field its cursor reads.
fn ts_nodes(tree: &tree_sitter::Tree) -> Vec<(tree_sitter::Node<'_>, u16)> {
    let mut out = Vec::new();
    let mut cursor = tree.walk();
    loop {
        out.push((cursor.node(), cursor.field_id().map_or(0, |f| f.get())));
        if cursor.goto_first_child() {
            continue;
        }
        while !cursor.goto_next_sibling() {
            if !cursor.goto_parent() {
                return out;
            }
        }
    }
}

/// The differences between the flat tree of `text` and tree-sitter's (see `verify`).
fn differences(path: &str, text: &str, field_count: u16, sampled: &mut usize) -> Vec<String> {
    let Some(tree) = faultline_core::syntax::parse(text) else {
        return Vec::new();
    };
    let flat = FlatTree::new(&tree, text);
    let ts = ts_nodes(&tree);
    let ours: Vec<_> = flat.root_node().subtree().collect();
    if ts.len() != ours.len() {
        return vec![format!("{path}: {} nodes, flat tree {}", ts.len(), ours.len())];
    }
    let index: std::collections::HashMap<tree_sitter::Node<'_>, usize> =
        ts.iter().enumerate().map(|(i, (n, _))| (*n, i)).collect();
    let at = |n: Option<tree_sitter::Node<'_>>| n.and_then(|n| index.get(&n).copied());
    let mut out = Vec::new();
    for (i, ((t, field), n)) in ts.iter().zip(&ours).enumerate() {
        let mut fields: Vec<u16> = ts_children_fields(*t);
        if i % 16 == 0 {
            *sampled += 1;
            fields = (1..=field_count).collect();
        }
        let same = (t.kind_id(), t.is_named(), t.is_extra(), t.is_missing(), t.has_error(), t.byte_range())
            == (n.kind_id(), n.is_named(), n.is_extra(), n.is_missing(), n.has_error(), n.byte_range())
            && t.start_position() == n.start_position()
            && *field == n.field_id()
            && at(t.parent()) == n.parent().map(|p| p.id())
            && (0..t.child_count()).map(|c| at(t.child(c))).eq(n.child_iter().map(|c| Some(c.id())))
            && (0..t.named_child_count() as u32)
                .map(|c| at(t.named_child(c)))
                .eq(n.named_child_iter().map(|c| Some(c.id())))
            && fields.iter().all(|&f| at(t.child_by_field_id(f)) == n.child_by_field_id(f).map(|c| c.id()));
        if !same && out.len() < 10 {
            out.push(format!("{path}: node {i} ({} at byte {}) differs", t.kind(), t.start_byte()));
        }
    }
    out
}

/// The fields tree-sitter's cursor reads on `node`'s children.
fn ts_children_fields(node: tree_sitter::Node<'_>) -> Vec<u16> {
    let mut cursor = node.walk();
    let mut fields = Vec::new();
    if cursor.goto_first_child() {
        loop {
            fields.extend(cursor.field_id().map(|f| f.get()));
            if !cursor.goto_next_sibling() {
                break;
            }
        }
    }
    fields
}

fn go_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        match entry.file_type() {
            Ok(t) if t.is_dir() => go_files(&path, out),
            Ok(t) if t.is_file() && path.extension().is_some_and(|e| e == "go") => out.push(path),
            _ => {}
        }
    }
}

fn verify(dir: &Path) -> ExitCode {
    let mut files = Vec::new();
    go_files(dir, &mut files);
    files.sort();
    let field_count = faultline_core::syntax::go_language().field_count() as u16;
    let (mut nodes, mut sampled, mut bad) = (0usize, 0usize, Vec::new());
    for file in &files {
        let Ok(bytes) = std::fs::read(file) else { continue };
        let text = String::from_utf8_lossy(&bytes);
        nodes += FlatTree::parse(&text).map_or(0, |t| t.len());
        bad.extend(differences(&file.to_string_lossy(), &text, field_count, &mut sampled));
    }
    println!("{} files, {nodes} nodes ({sampled} checked on every field), {} differences", files.len(), bad.len());
    for line in bad.iter().take(20) {
        println!("{line}");
    }
    match bad.is_empty() {
        true => ExitCode::SUCCESS,
        false => ExitCode::FAILURE,
    }
}

/// [`walk`] over the flat tree with the core's [`Preorder`].
fn walk_preorder(tree: &FlatTree) -> (usize, usize) {
    let (mut nodes, mut mix) = (0usize, 0usize);
    for node in Preorder::new(tree.root_node(), Vec::new()) {
        nodes += 1;
        mix = mix.wrapping_add(usize::from(node.kind_id()) + node.end_byte());
    }
    (nodes, mix)
}

// The same allocator as the faultline binary (mimalloc, for Rust and for
// tree-sitter's C code), so the parse floor and the product compare like for like.
#[global_allocator]
static GLOBAL: faultline_alloc::MiMalloc = faultline_alloc::MiMalloc;

fn main() -> ExitCode {
    faultline_alloc::route_tree_sitter_to_mimalloc();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(mode), Some(dir)) = (args.first(), args.get(1)) else {
        eprintln!("usage: faultline-tree-walk parse|walk|flat|preorder|verify DIR");
        return ExitCode::from(2);
    };
    if mode == "verify" {
        return verify(Path::new(dir));
    }
    if !matches!(mode.as_str(), "parse" | "walk" | "flat" | "preorder") {
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
            "flat" => {
                let flat = FlatTree::new(&tree, &file.text);
                nodes += flat.len();
                mix = mix.wrapping_add(flat.root_node().end_byte());
            }
            "preorder" => {
                let (n, m) = walk_preorder(&FlatTree::new(&tree, &file.text));
                nodes += n;
                mix = mix.wrapping_add(m);
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
