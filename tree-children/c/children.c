// All the children of a node in one pass over them.
//
// tree-sitter's `ts_node_child(node, i)` and `ts_node_named_child(node, i)`
// scan the node's children from the first each time, so reading them all by
// index costs O(n^2) steps; its cursor steps in O(1) but rebuilds its child
// iterator at every sibling. This is tree-sitter 0.27's own child iteration
// (`NodeChildIterator` and `ts_node__child` in src/node.c), run once over
// all of the node's children: hidden nodes (repeat helpers, inlined rules)
// are entered exactly where `ts_node__child` enters them, so the children
// come out in the same order, as the same `TSNode` values.
//
// Built against the internal headers of the tree-sitter crate this binary
// links (see build.rs), so the layouts are the ones that tree was made with.

#include <stdbool.h>
#include <stdint.h>
#include "./subtree.h"
#include "./tree.h"
#include "./language.h"
#include "./length.h"

// Hidden nodes nest one level per inlined rule plus the depth of a balanced
// repeat (log2 of its length): 64 levels is far beyond real trees.
#define MAX_HIDDEN_DEPTH 64

// A node whose children are being read: where in them, and the position
// of the next one's padding.
typedef struct {
  const Subtree *children;
  uint32_t child_count;
  uint32_t child_index;
  uint32_t structural_child_index;
  const TSSymbol *alias_sequence;
  Length position;
} Frame;

// As `ts_node_iterate_children`, for a subtree with children.
static inline Frame frame_of(const TSLanguage *language, Subtree subtree, Length position) {
  return (Frame) {
    .children = ts_subtree_children(subtree),
    .child_count = subtree.ptr->child_count,
    .child_index = 0,
    .structural_child_index = 0,
    .alias_sequence = ts_language_alias_sequence(language, subtree.ptr->production_id),
    .position = position,
  };
}

// As `ts_node__is_relevant`.
static inline bool is_relevant(const TSLanguage *language, Subtree subtree, TSSymbol alias, bool named_only) {
  if (!named_only) return ts_subtree_visible(subtree) || alias;
  if (alias) return ts_language_symbol_metadata(language, alias).named;
  return ts_subtree_visible(subtree) && ts_subtree_named(subtree);
}

// As `ts_node__relevant_child_count`.
static inline uint32_t relevant_child_count(Subtree subtree, bool named_only) {
  if (ts_subtree_child_count(subtree) == 0) return 0;
  return named_only ? subtree.ptr->named_child_count : subtree.ptr->visible_child_count;
}

// Writes the children of `node` (only the named ones if `named_only`) to
// `out` in document order and returns how many there are. Writes nothing if
// that is more than `capacity` (the caller makes room and asks again).
// Returns UINT32_MAX, having written an unspecified prefix, if hidden nodes
// nest deeper than MAX_HIDDEN_DEPTH or the children do not add up to the
// count tree-sitter keeps: the caller then reads them the slow way.
uint32_t faultline_ts_node_children(TSNode node, bool named_only, TSNode *out, uint32_t capacity) {
  if (!node.id) return 0;
  Subtree subtree = *(const Subtree *)node.id;
  uint32_t expected = relevant_child_count(subtree, named_only);
  if (expected == 0) return 0;
  if (expected > capacity) return expected;
  const TSTree *tree = node.tree;
  const TSLanguage *language = tree->language;
  Frame stack[MAX_HIDDEN_DEPTH];
  uint32_t depth = 0;
  uint32_t count = 0;
  // The innermost frame lives in a local; those around it on `stack`.
  Frame frame = frame_of(language, subtree, (Length) {node.context[0], {node.context[1], node.context[2]}});
  for (;;) {
    if (frame.child_index == frame.child_count) {
      if (depth == 0) return count == expected ? count : UINT32_MAX;
      frame = stack[--depth];
      continue;
    }
    // As `ts_node_child_iterator_next`.
    const Subtree *child = &frame.children[frame.child_index];
    Subtree child_subtree = *child;
    TSSymbol alias_symbol = 0;
    if (!ts_subtree_extra(child_subtree)) {
      if (frame.alias_sequence) alias_symbol = frame.alias_sequence[frame.structural_child_index];
      frame.structural_child_index++;
    }
    if (frame.child_index > 0) frame.position = length_add(frame.position, ts_subtree_padding(child_subtree));
    frame.child_index++;
    Length start = frame.position;
    frame.position = length_add(frame.position, ts_subtree_size(child_subtree));
    if (is_relevant(language, child_subtree, alias_symbol, named_only)) {
      if (count == expected) return UINT32_MAX;
      // As `ts_node_new`.
      out[count++] = (TSNode) {{start.bytes, start.extent.row, start.extent.column, alias_symbol}, child, tree};
    } else if (relevant_child_count(child_subtree, named_only) > 0) {
      if (depth == MAX_HIDDEN_DEPTH) return UINT32_MAX;
      stack[depth++] = frame;
      frame = frame_of(language, child_subtree, start);
    }
  }
}
