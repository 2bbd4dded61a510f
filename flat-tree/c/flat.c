// A whole tree-sitter tree as a flat array of its visible nodes, in one pass.
//
// Every visible node (named or anonymous, extras included) becomes one
// record, in document pre-order: its kind, the field it has in its parent,
// its flags, its byte range, its parent's index and the index just past its
// subtree. After that, a parent is an index, the children of a node the
// records from index + 1 hopping over subtrees, and a subtree an index
// range: none of tree-sitter's per-call scans.
//
// The walk is tree-sitter 0.27's own child iteration (`NodeChildIterator`
// in src/node.c), entering hidden nodes where
// `ts_node__child` enters them, so the visible nodes come out as
// `ts_node_child` gives them. A node's field is the one
// `ts_tree_cursor_current_field_id` gives it: its own entry in its parent's
// field map, else, up through hidden parents, theirs, stopping at extras.

#include <stdbool.h>
#include <stdint.h>
#include "./alloc.h"
#include "./subtree.h"
#include "./tree.h"
#include "./language.h"
#include "./length.h"

// Must match `FlatRecord` in src/flat.rs.
typedef struct {
  uint32_t start;
  uint32_t end;
  uint32_t parent;
  uint32_t next;
  uint16_t kind;
  uint8_t field;
  uint8_t flags;
} FlatRecord;

enum {
  FLAT_NAMED = 1,
  FLAT_EXTRA = 2,
  FLAT_MISSING = 4,
  FLAT_HAS_ERROR = 8,
};

#define NO_PARENT UINT32_MAX

// A subtree whose children are being read.
typedef struct {
  const Subtree *children;
  uint32_t child_count;
  uint32_t child_index;
  uint32_t structural_child_index;
  const TSSymbol *alias_sequence;
  const TSFieldMapEntry *field_map;
  const TSFieldMapEntry *field_map_end;
  // Byte offset of the next child's padding (rows and columns are not kept).
  uint32_t position;
  // The record of the visible node these children belong to.
  uint32_t owner;
  // True for the owner's own frame, false for a hidden subtree inside it.
  bool owns;
  // The field a hidden subtree has in its own parent (as the cursor reads
  // it), inherited by its visible children without a field of their own; 0
  // for the owner's own frame.
  uint8_t field;
} Frame;

static inline Frame frame_of(
  const TSLanguage *language, Subtree subtree, uint32_t position, uint32_t owner, bool owns, uint8_t field
) {
  Frame frame = {
    .children = ts_subtree_children(subtree),
    .child_count = subtree.ptr->child_count,
    .child_index = 0,
    .structural_child_index = 0,
    .alias_sequence = ts_language_alias_sequence(language, subtree.ptr->production_id),
    .position = position,
    .owner = owner,
    .owns = owns,
    .field = field,
  };
  ts_language_field_map(language, subtree.ptr->production_id, &frame.field_map, &frame.field_map_end);
  return frame;
}

// The first non-inherited field map entry for a structural child index.
static inline uint8_t own_field(const Frame *frame, uint32_t structural_index) {
  for (const TSFieldMapEntry *map = frame->field_map; map < frame->field_map_end; map++) {
    if (!map->inherited && map->child_index == structural_index) return (uint8_t)map->field_id;
  }
  return 0;
}

static inline FlatRecord record_of(
  const TSLanguage *language, Subtree subtree, TSSymbol alias, uint32_t start, uint32_t parent, uint8_t field
) {
  TSSymbol symbol = alias ? alias : ts_subtree_symbol(subtree);
  // As `ts_language_public_symbol`, inline.
  TSSymbol kind = symbol == ts_builtin_sym_error ? symbol : language->public_symbol_map[symbol];
  bool named = alias ? ts_language_symbol_metadata(language, alias).named : ts_subtree_named(subtree);
  uint8_t flags = (named ? FLAT_NAMED : 0) | (ts_subtree_extra(subtree) ? FLAT_EXTRA : 0) |
                  (ts_subtree_missing(subtree) ? FLAT_MISSING : 0) |
                  (ts_subtree_error_cost(subtree) > 0 ? FLAT_HAS_ERROR : 0);
  return (FlatRecord) {
    .start = start,
    .end = start + ts_subtree_size(subtree).bytes,
    .parent = parent,
    .next = 0,
    .kind = kind,
    .field = field,
    .flags = flags,
  };
}

// Writes the visible nodes of `root`'s subtree, `root` first, to `out` and
// returns how many there are. Writes nothing if that is more than
// `capacity` (the caller makes room and asks again). Returns UINT32_MAX if
// memory for the walk's stack ran out or the nodes did not add up to the
// count tree-sitter keeps.
uint32_t faultline_ts_flat_tree(TSNode root, FlatRecord *out, uint32_t capacity) {
  if (!root.id) return 0;
  Subtree subtree = *(const Subtree *)root.id;
  uint32_t expected = ts_subtree_visible_descendant_count(subtree) + 1;
  if (expected > capacity) return expected;
  const TSLanguage *language = root.tree->language;
  out[0] = record_of(language, subtree, (TSSymbol)root.context[3], root.context[0], NO_PARENT, 0);
  uint32_t count = 1;
  if (ts_subtree_child_count(subtree) == 0) {
    out[0].next = 1;
    return count == expected ? count : UINT32_MAX;
  }
  uint32_t stack_capacity = 64;
  uint32_t depth = 0;
  Frame *stack = ts_malloc(stack_capacity * sizeof(Frame));
  if (!stack) return UINT32_MAX;
  Frame frame = frame_of(language, subtree, root.context[0], 0, true, 0);
  for (;;) {
    if (frame.child_index == frame.child_count) {
      if (frame.owns) out[frame.owner].next = count;
      if (depth == 0) break;
      frame = stack[--depth];
      continue;
    }
    const Subtree *child = &frame.children[frame.child_index];
    Subtree child_subtree = *child;
    bool extra = ts_subtree_extra(child_subtree);
    TSSymbol alias = 0;
    uint32_t structural_index = frame.structural_child_index;
    if (!extra) {
      if (frame.alias_sequence) alias = frame.alias_sequence[structural_index];
      frame.structural_child_index++;
    }
    if (frame.child_index > 0) frame.position += ts_subtree_padding(child_subtree).bytes;
    frame.child_index++;
    uint32_t start = frame.position;
    frame.position += ts_subtree_size(child_subtree).bytes;
    bool visible = ts_subtree_visible(child_subtree) || alias;
    bool has_children = ts_subtree_child_count(child_subtree) > 0;
    // Hidden leaves (and hidden nodes without visible children) are passed over.
    if (!visible && (!has_children || ts_subtree_visible_child_count(child_subtree) == 0)) continue;
    uint8_t field = 0;
    if (!extra) {
      field = own_field(&frame, structural_index);
      if (!field) field = frame.field;
    }
    if (visible) {
      if (count == expected) {
        ts_free(stack);
        return UINT32_MAX;
      }
      uint32_t index = count++;
      out[index] = record_of(language, child_subtree, alias, start, frame.owner, field);
      out[index].next = count;
      if (!has_children) continue;
    }
    if (depth == stack_capacity) {
      Frame *grown = ts_realloc(stack, 2 * stack_capacity * sizeof(Frame));
      if (!grown) {
        ts_free(stack);
        return UINT32_MAX;
      }
      stack = grown;
      stack_capacity *= 2;
    }
    stack[depth++] = frame;
    // A hidden child passes its field on to its visible children.
    frame = visible ? frame_of(language, child_subtree, start, count - 1, true, 0)
                    : frame_of(language, child_subtree, start, frame.owner, false, field);
  }
  ts_free(stack);
  return count == expected ? count : UINT32_MAX;
}
