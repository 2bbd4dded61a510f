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
#include "./atomic.h"
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

// A visible node with at least KEYED_DESCENDANTS descendants, by its
// subtree's address: after an incremental reparse, tree-sitter's new tree
// holds the subtrees it reused at the same addresses, so their records can
// be copied from the previous flat tree instead of written again. Must
// match `FlatKey` in src/flat.rs.
typedef struct {
  uintptr_t subtree;
  uint32_t index;
} FlatKey;

#define KEYED_DESCENDANTS 32

// The flat tree of the text before an edit: its records, and its keys in
// index order and in address order. Must match `Previous` in src/flat.rs.
typedef struct {
  const FlatRecord *records;
  uint32_t record_count;
  const FlatKey *by_index;
  const FlatKey *by_subtree;
  uint32_t key_count;
} Previous;

// Where to write the new tree's keys, in index order. Must match `KeysOut`
// in src/flat.rs.
typedef struct {
  FlatKey *keys;
  uint32_t capacity;
  uint32_t len;
  // Set once a key did not fit: none is written after it, so the keys
  // written stay a prefix in index order.
  bool full;
} KeysOut;

static inline void push_key(KeysOut *out, uintptr_t subtree, uint32_t index) {
  if (!out || out->full) return;
  if (out->len == out->capacity) {
    out->full = true;
    return;
  }
  out->keys[out->len++] = (FlatKey) {subtree, index};
}

// The key of `subtree` in the previous tree, by binary search.
static const FlatKey *find_key(const Previous *previous, uintptr_t subtree) {
  uint32_t low = 0, high = previous->key_count;
  while (low < high) {
    uint32_t mid = low + (high - low) / 2;
    uintptr_t at = previous->by_subtree[mid].subtree;
    if (at == subtree) return &previous->by_subtree[mid];
    if (at < subtree) low = mid + 1;
    else high = mid;
  }
  return NULL;
}

// Copies the descendants of the previous tree's record `old` (a subtree the
// reparse reused) after the new record `index`, moved to where that record
// starts now, with their keys. Returns how many records it wrote, or
// UINT32_MAX (writing nothing) if the previous tree does not hold exactly
// `descendants` records there or they would not fit.
static uint32_t copy_subtree(
  const Previous *previous, uint32_t old, uint32_t descendants, FlatRecord *out, uint32_t index,
  uint32_t capacity, KeysOut *keys
) {
  if (old >= previous->record_count) return UINT32_MAX;
  uint32_t old_end = previous->records[old].next;
  if (old_end > previous->record_count || old_end - old - 1 != descendants) return UINT32_MAX;
  if (index + 1 + descendants > capacity) return UINT32_MAX;
  uint32_t shift = out[index].start - previous->records[old].start;
  uint32_t moved = index - old;
  for (uint32_t j = old + 1; j < old_end; j++) {
    FlatRecord record = previous->records[j];
    record.start += shift;
    record.end += shift;
    record.parent += moved;
    record.next += moved;
    out[j + moved] = record;
  }
  // The keys inside it, found by binary search in index order.
  uint32_t low = 0, high = previous->key_count;
  while (low < high) {
    uint32_t mid = low + (high - low) / 2;
    if (previous->by_index[mid].index <= old) low = mid + 1;
    else high = mid;
  }
  for (uint32_t k = low; k < previous->key_count && previous->by_index[k].index < old_end; k++) {
    push_key(keys, previous->by_index[k].subtree, previous->by_index[k].index + moved);
  }
  return descendants;
}

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
  // When consuming: this subtree's last reference was dropped on entering
  // it, so its children are released and its allocation (which starts
  // with the children array) freed once they are read.
  bool owned;
  // The field a hidden subtree has in its own parent (as the cursor reads
  // it), inherited by its visible children without a field of their own; 0
  // for the owner's own frame.
  uint8_t field;
} Frame;

// Asks the CPU for the heap data of a node's children before the walk reads
// them. They are separate allocations, long out of cache after the parse:
// waiting for each child's flags in turn was a third of this pass's time.
// Requested together, the misses overlap. The data is 80 bytes, two lines.
#define PREFETCHED_CHILDREN 16

static inline void prefetch_children(const Subtree *children, uint32_t count) {
#if defined(__GNUC__) || defined(__clang__)
  if (count > PREFETCHED_CHILDREN) count = PREFETCHED_CHILDREN;
  for (uint32_t i = 0; i < count; i++) {
    if (children[i].data.is_inline) continue;
    const char *data = (const char *)children[i].ptr;
    __builtin_prefetch(data - 64);
    __builtin_prefetch(data);
    __builtin_prefetch(data + 64);
  }
#else
  (void)children;
  (void)count;
#endif
}

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
    .owned = false,
    .field = field,
  };
  ts_language_field_map(language, subtree.ptr->production_id, &frame.field_map, &frame.field_map_end);
  prefetch_children(frame.children, frame.child_count);
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
// count tree-sitter keeps. With `keys`, also writes the keys of the nodes
// with many descendants; with `previous` (the flat tree of the tree this one
// was reparsed from, with its keys), copies the records of reused subtrees.
//
// With `release` (consuming), also drops the tree's references to its
// subtrees as it goes, as `ts_subtree_release` would afterwards, while each
// node is still in cache: a subtree is released once read, a node with
// children once its children are. `root`'s own reference is dropped too.
// If the walk stops early (UINT32_MAX), what it has not reached is leaked.
static uint32_t flat_walk(
  const TSLanguage *language, Subtree subtree, TSSymbol root_alias, uint32_t root_start, FlatRecord *out,
  uint32_t expected, const Previous *previous, KeysOut *keys, SubtreePool *release
) {
  out[0] = record_of(language, subtree, root_alias, root_start, NO_PARENT, 0);
  uint32_t count = 1;
  if (ts_subtree_child_count(subtree) == 0) {
    out[0].next = 1;
    if (release) ts_subtree_release(release, subtree);
    return count == expected ? count : UINT32_MAX;
  }
  uint32_t stack_capacity = 64;
  uint32_t depth = 0;
  Frame *stack = ts_malloc(stack_capacity * sizeof(Frame));
  if (!stack) return UINT32_MAX;
  Frame frame = frame_of(language, subtree, root_start, 0, true, 0);
  frame.owned = release && atomic_dec((volatile uint32_t *)&subtree.ptr->ref_count) == 0;
  for (;;) {
    if (frame.child_index == frame.child_count) {
      if (frame.owns) out[frame.owner].next = count;
      if (frame.owned) ts_free((void *)frame.children);
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
    if (!visible && (!has_children || ts_subtree_visible_child_count(child_subtree) == 0)) {
      if (frame.owned) ts_subtree_release(release, child_subtree);
      continue;
    }
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
      if (!has_children) {
        if (frame.owned) ts_subtree_release(release, child_subtree);
        continue;
      }
      uint32_t descendants = ts_subtree_visible_descendant_count(child_subtree);
      if (descendants >= KEYED_DESCENDANTS) {
        uintptr_t address = (uintptr_t)child_subtree.ptr;
        const FlatKey *key = previous ? find_key(previous, address) : NULL;
        push_key(keys, address, index);
        uint32_t copied = key ? copy_subtree(previous, key->index, descendants, out, index, expected, keys)
                              : UINT32_MAX;
        if (copied != UINT32_MAX) {
          count += copied;
          out[index].next = count;
          continue;
        }
      }
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
    // Released only if its parent was: a shared parent keeps its children.
    bool owned = frame.owned && atomic_dec((volatile uint32_t *)&child_subtree.ptr->ref_count) == 0;
    // A hidden child passes its field on to its visible children.
    frame = visible ? frame_of(language, child_subtree, start, count - 1, true, 0)
                    : frame_of(language, child_subtree, start, frame.owner, false, field);
    frame.owned = owned;
  }
  ts_free(stack);
  return count == expected ? count : UINT32_MAX;
}

uint32_t faultline_ts_flat_tree(
  TSNode root, FlatRecord *out, uint32_t capacity, const Previous *previous, KeysOut *keys
) {
  if (!root.id) return 0;
  Subtree subtree = *(const Subtree *)root.id;
  uint32_t expected = ts_subtree_visible_descendant_count(subtree) + 1;
  if (expected > capacity) return expected;
  return flat_walk(
    root.tree->language, subtree, (TSSymbol)root.context[3], root.context[0], out, expected, previous, keys, NULL
  );
}

// `faultline_ts_flat_tree` of a whole tree, which it then frees: the tree
// is released while it is copied (see `flat_walk`) instead of by
// `ts_tree_delete` afterwards, a second walk that waited on memory for
// every node's reference count (about 4% of a check's CPU time). If
// `capacity` is too small, returns the count needed and leaves the tree to
// the caller; otherwise the tree is gone, whatever it returns.
uint32_t faultline_ts_flat_tree_consume(TSTree *tree, FlatRecord *out, uint32_t capacity) {
  Subtree subtree = tree->root;
  uint32_t expected = ts_subtree_visible_descendant_count(subtree) + 1;
  if (expected > capacity) return expected;
  SubtreePool pool = ts_subtree_pool_new(0);
  uint32_t start = ts_subtree_padding(subtree).bytes;
  uint32_t count = flat_walk(tree->language, subtree, 0, start, out, expected, NULL, NULL, &pool);
  ts_subtree_pool_delete(&pool);
  if (count == UINT32_MAX) return UINT32_MAX;
  // The root's subtrees are all released: free the rest as tree-sitter does.
  Subtree released = {.data = {.is_inline = true}};
  tree->root = released;
  ts_tree_delete(tree);
  return count;
}
