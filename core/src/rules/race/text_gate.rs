//! The statement rules' first test, "does this container's text name what I
//! look for" (`Lock`, `close`, `WithCancel`), remembering the last container
//! that failed it.
//!
//! They are called on every block and case clause, and blocks nest: searching
//! each one's text reads a function once per level. A node inside a
//! container whose text failed the test fails it too (its text is part of
//! the container's), and the rules walk visits a container's inner blocks
//! right after it, so the last failure answers most of them without a search.

use crate::rules::RuleContext;
use crate::syntax::Node;
use std::marker::PhantomData;

/// A test of a node's text that holds for a node only if it holds for
/// every node around it (the text names something).
pub trait TextTest: 'static {
    fn passes(text: &str) -> bool;
}

/// The byte range of the last node that failed `T` in this walk.
struct LastFailure<T> {
    range: Option<(usize, usize)>,
    test: PhantomData<T>,
}

impl<T> Default for LastFailure<T> {
    fn default() -> Self {
        LastFailure { range: None, test: PhantomData }
    }
}

/// `T::passes(syntax::text(node, source))`.
pub fn passes<T: TextTest>(node: Node<'_>, cx: &RuleContext<'_>) -> bool {
    let (start, end) = (node.start_byte(), node.end_byte());
    let memo = cx.memo();
    let inside_failure = memo.with(|last: &mut LastFailure<T>| last.range.is_some_and(|(s, e)| s <= start && end <= e));
    if inside_failure {
        return false;
    }
    // A range off character boundaries reads as "" (`syntax::text`): not kept.
    let Some(text) = cx.source().get(start..end) else { return T::passes("") };
    if T::passes(text) {
        return true;
    }
    memo.with(|last: &mut LastFailure<T>| last.range = Some((start, end)));
    false
}
