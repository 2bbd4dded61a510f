//! All the children of a tree-sitter node in one pass.
//!
//! `Node::child(i)` and `Node::named_child(i)` scan the node's children from
//! the first on every call, so reading all of them by index is quadratic in
//! their number, and a `TreeCursor` rebuilds its child iterator at every
//! sibling step. [`children_into`] runs tree-sitter's own child iteration once
//! (c/children.c): the same nodes, in the same order, as reading them by index.
//! On net/http that was the largest single cost of a check beyond the parse
//! (issue #12; numbers in ARCHITECTURE.md).

use tree_sitter::{ffi, Node};

#[allow(unsafe_code)]
mod raw {
    use tree_sitter::ffi::TSNode;

    unsafe extern "C" {
        pub fn faultline_ts_node_children(node: TSNode, named_only: bool, out: *mut TSNode, capacity: u32) -> u32;
    }
}

/// Appends the children of `node` to `out` in document order: only the named
/// ones (comments included) if `named_only`, else all, anonymous tokens
/// included. The same nodes as `node.named_child(i)` (or `node.child(i)`) for
/// every `i` in order.
pub fn children_into<'t>(node: Node<'t>, named_only: bool, out: &mut Vec<Node<'t>>) {
    let count = match write_children(node, named_only, out) {
        Written::All => return,
        Written::NeedRoom(count) => count,
        Written::Failed => u32::MAX,
    };
    if count != u32::MAX {
        out.reserve(count as usize);
        if let Written::All = write_children(node, named_only, out) {
            return;
        }
    }
    // Hidden nodes nested beyond the C side's stack, or children that do not
    // add up to tree-sitter's count (never seen): read them by index.
    match named_only {
        true => {
            let count = u32::try_from(node.named_child_count()).unwrap_or(u32::MAX);
            out.extend((0..count).filter_map(|i| node.named_child(i)));
        }
        false => out.extend((0..node.child_count()).filter_map(|i| node.child(i))),
    }
}

enum Written {
    /// Every child was appended.
    All,
    /// Nothing was appended: there are this many children, more than the room left.
    NeedRoom(u32),
    /// Nothing was appended: read them the slow way.
    Failed,
}

/// Writes the children into `out`'s spare capacity and extends it, if they fit.
#[allow(unsafe_code)]
fn write_children<'t>(node: Node<'t>, named_only: bool, out: &mut Vec<Node<'t>>) -> Written {
    let spare = out.spare_capacity_mut();
    let capacity = u32::try_from(spare.len()).unwrap_or(u32::MAX - 1);
    // `Node` is `#[repr(transparent)]` over `ffi::TSNode`, so the spare
    // capacity is room for `capacity` raw nodes.
    let into = spare.as_mut_ptr().cast::<ffi::TSNode>();
    // SAFETY: `node` belongs to a live tree (its lifetime 't); the C side
    // reads that tree and writes at most `capacity` nodes, which `into` has
    // room for.
    let count = unsafe { raw::faultline_ts_node_children(node.into_raw(), named_only, into, capacity) };
    if count == u32::MAX {
        return Written::Failed;
    }
    if count > capacity {
        return Written::NeedRoom(count);
    }
    let len = out.len() + count as usize;
    // SAFETY: the C side initialized the first `count` slots of the spare
    // capacity with nodes of `node`'s tree (non-null ids), valid for 't.
    unsafe { out.set_len(len) };
    Written::All
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(source: &str) -> tree_sitter::Tree {
        let mut parser = tree_sitter::Parser::new();
        parser.set_language(&tree_sitter_go::LANGUAGE.into()).expect("grammar loads");
        parser.parse(source, None).expect("parses")
    }

    /// Every node of the tree, by cursor.
    fn all_nodes(tree: &tree_sitter::Tree) -> Vec<Node<'_>> {
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

    /// For every node, named and all: the same children as by index, on Go
    /// with most of its syntax, broken code (ERROR and MISSING nodes),
    /// comments as extras, long repeats (balanced hidden nodes), and text in
    /// other scripts (positions are bytes and points).
    #[test]
    fn same_children_as_by_index() {
        let long_block: String = (0..200).map(|i| format!("\tx{i} := {i} // c\n")).collect();
        let long_list: String = (0..500).map(|i| format!("{i}, /* 中 */")).collect();
        let sources = [
            "package p\n\nimport (\n\t\"fmt\"\n\tx \"os\"\n)\n\n// doc 中文 😀\ntype T struct{ a [4]int; m map[string]*T }\n\n\
             func (t *T) F(a, b int, c ...string) (n int, err error) {\n\tdefer func() { recover() }()\n\t\
             for i, v := range t.a { n += i * v }\n\tswitch y := a.(type) { case int: _ = y }\n\t\
             select { case v := <-ch: _ = v; default: }\n\tgo fmt.Println(c[1:], x.Args, &T{a: [4]int{1}})\n\t\
             if err != nil { return 0, err }\n\treturn n, nil\n}\n"
                .to_string(),
            "package p\nfunc broken( {\n\tx := [}\n\tif { go }\n".to_string(),
            format!("package p\nfunc f() {{\n{long_block}}}\nvar v = []int{{{long_list}}}\n"),
            "package p\nfunc g[T any, U ~int | ~string](x T) (r U) { type L = []T; return }\nconst (\n\ta = iota\n\tb\n)\n"
                .to_string(),
            String::new(),
        ];
        for source in &sources {
            let tree = parse(source);
            let mut children = Vec::new();
            for node in all_nodes(&tree) {
                for named_only in [true, false] {
                    children.clear();
                    children_into(node, named_only, &mut children);
                    let by_index: Vec<Node<'_>> = match named_only {
                        true => (0..node.named_child_count() as u32).filter_map(|i| node.named_child(i)).collect(),
                        false => (0..node.child_count()).filter_map(|i| node.child(i)).collect(),
                    };
                    assert_eq!(children, by_index, "{} named_only={named_only} in {source}", node.kind());
                    for (a, b) in children.iter().zip(&by_index) {
                        assert_eq!(
                            (a.start_position(), a.end_byte(), a.kind_id()),
                            (b.start_position(), b.end_byte(), b.kind_id())
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn appends_after_what_is_there() {
        let tree = parse("package p\nvar a, b = 1, 2\n");
        let root = tree.root_node();
        let mut out = vec![root];
        children_into(root, true, &mut out);
        assert_eq!(
            out.iter().map(|n| n.kind()).collect::<Vec<_>>(),
            ["source_file", "package_clause", "var_declaration"]
        );
    }
}
