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
//!   as the rules' walk does.
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
        eprintln!("usage: faultline-tree-walk parse|walk|flat|preorder DIR");
        return ExitCode::from(2);
    };
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
