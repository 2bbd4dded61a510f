//! The allocator of faultline's native binaries (issue #12): mimalloc, both as
//! Rust's global allocator and for tree-sitter's C code, which allocates a node
//! per subtree and a stack node per parse step. With glibc malloc, malloc/free
//! took about 11% of the CPU of `faultline check` over the Go standard library.
//!
//! Each binary declares the global allocator itself, in one line next to its
//! `main` (`#[global_allocator] static GLOBAL: faultline_alloc::MiMalloc = ...`),
//! and calls [`route_tree_sitter_to_mimalloc`] as the first statement of `main`.
//! The core and the wasm build do not use this crate.

pub use mimalloc::MiMalloc;

use std::ffi::c_void;
use std::sync::Once;

/// Makes tree-sitter's C library allocate with mimalloc, like the Rust side.
///
/// Call it as the FIRST statement of `main`, before any thread is started and
/// before any tree-sitter parser, tree or query exists: a tree made with
/// glibc's malloc must never reach mimalloc's free. Nothing in faultline runs
/// before `main` (no constructors, no statics touching tree-sitter), so at that
/// point no tree-sitter object exists. Later calls do nothing.
pub fn route_tree_sitter_to_mimalloc() {
    static ONCE: Once = Once::new();
    ONCE.call_once(install);
}

/// `mi_option_purge_delay` in mimalloc v3's `mimalloc.h` (`libmimalloc-sys`,
/// pinned, has no constant for it).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// How long (ms) mimalloc keeps freed memory before returning it to the OS.
/// v3's default of 1,000 ms let peak RSS grow with the corpus: the CLI drops
/// each directory's trees and models when it is done, and within a second
/// the next directories allocate anew. On 1 and 4 copies of the Go standard
/// library, 167 and 211 MB at 1,000 ms, 141 and 166 MB at 10 ms (v2's
/// default), 136 and 156 MB at 0 (with twice the system time).
///
/// But memory handed back is memory the next parse faults in again, page by
/// page: at 10 ms, page faults (and the TLB flushes of handing pages back)
/// took 5 to 8% of a check's CPU time. 100 ms keeps most of the gain of
/// purging: on the files of `go list std`, 6 alternating runs (2026-11-28),
/// 3.23 s of CPU and 72 MB at 10 ms, 3.06 s and 80 MB at 100 ms (85,800 and
/// 27,400 page faults at 10 and 1,000 ms); on 1 and 4 copies of the standard
/// library, 151 and 184 MB at 10 ms, 155 and 189 MB at 100 ms.
const PURGE_DELAY_MS: std::ffi::c_long = 100;

/// Keep freed memory mapped, for the next allocations to reuse, until
/// [`hand_back_freed_memory`]. For work whose live memory is small and
/// steady (the CLI between large directories): memory handed back is memory
/// the next parse faults in again, page by page, and the kernel clears each
/// page first. The process's footprint stays at the most it held at once.
pub fn keep_freed_memory() {
    set_purge_delay(-1);
}

/// Hand back all memory freed so far, and from now on whatever stays free
/// for [`PURGE_DELAY_MS`]: before work whose peak is large (the CLI's large
/// directories, whose first pass keeps every file's tree), so that the peak
/// does not stack on memory an earlier peak left mapped.
pub fn hand_back_freed_memory() {
    set_purge_delay(PURGE_DELAY_MS);
    // SAFETY: plain FFI call; a forced collection purges every arena's
    // pending memory and this thread's free pages.
    #[allow(unsafe_code)]
    unsafe {
        libmimalloc_sys::mi_collect(true)
    };
}

#[allow(unsafe_code)]
fn set_purge_delay(ms: std::ffi::c_long) {
    // SAFETY: plain FFI call setting an option mimalloc reads on each purge
    // (an atomic store: safe while other threads allocate).
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, ms) };
}

#[allow(unsafe_code)]
fn install() {
    set_purge_delay(PURGE_DELAY_MS);
    let allocator = tree_sitter::Allocator { malloc: ts_malloc, calloc: ts_calloc, realloc: ts_realloc, free: ts_free };
    // SAFETY: the four functions are one allocator family (mimalloc); they abort
    // rather than return null for a non-zero size, as tree-sitter requires;
    // mimalloc aligns like malloc (16 bytes on 64-bit targets); and callers run
    // this first in `main`, single-threaded, before any tree-sitter object exists
    // (see `route_tree_sitter_to_mimalloc`; `Once` keeps it from running twice).
    unsafe { tree_sitter::set_allocator(Some(allocator)) };
}

/// tree-sitter's own default functions abort when malloc fails; so do these.
fn non_null(ptr: *mut c_void, size: usize) -> *mut c_void {
    if ptr.is_null() && size != 0 {
        std::process::abort();
    }
    ptr
}

#[allow(unsafe_code)]
unsafe extern "C" fn ts_malloc(size: usize) -> *mut c_void {
    // SAFETY: plain FFI allocation call, no preconditions.
    non_null(unsafe { libmimalloc_sys::mi_malloc(size) }, size)
}

#[allow(unsafe_code)]
unsafe extern "C" fn ts_calloc(count: usize, size: usize) -> *mut c_void {
    // SAFETY: plain FFI allocation call; mi_calloc checks count * size for overflow.
    non_null(unsafe { libmimalloc_sys::mi_calloc(count, size) }, count.saturating_mul(size))
}

#[allow(unsafe_code)]
unsafe extern "C" fn ts_realloc(ptr: *mut c_void, size: usize) -> *mut c_void {
    // SAFETY: tree-sitter passes null or a pointer it got from these functions.
    non_null(unsafe { libmimalloc_sys::mi_realloc(ptr, size) }, size)
}

#[allow(unsafe_code)]
unsafe extern "C" fn ts_free(ptr: *mut c_void) {
    // SAFETY: tree-sitter passes null or a pointer it got from these functions.
    unsafe { libmimalloc_sys::mi_free(ptr) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[allow(unsafe_code)]
    fn freed_memory_is_kept_or_handed_back_as_asked() {
        // SAFETY: plain FFI reads of an option.
        let delay = || unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) };
        route_tree_sitter_to_mimalloc();
        assert_eq!(delay(), PURGE_DELAY_MS);
        keep_freed_memory();
        assert_eq!(delay(), -1);
        hand_back_freed_memory();
        assert_eq!(delay(), PURGE_DELAY_MS);
    }

    #[test]
    fn tree_sitter_parses_and_frees_with_mimalloc() {
        route_tree_sitter_to_mimalloc();
        route_tree_sitter_to_mimalloc();
        let mut parser = tree_sitter::Parser::new();
        let language: tree_sitter::Language = tree_sitter_go::LANGUAGE.into();
        assert!(parser.set_language(&language).is_ok());
        let tree = parser.parse("package p\n\nfunc f() { g(1, 2) }\n", None);
        let sexp = tree.map(|t| t.root_node().to_sexp()).unwrap_or_default();
        assert!(sexp.starts_with("(source_file"), "{sexp}");
    }
}
