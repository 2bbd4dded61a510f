// mimalloc for Rust and for tree-sitter's C code: glibc malloc/free cost about
// 11% of the CPU of a check (issue #12; see faultline-alloc).
#[global_allocator]
static GLOBAL: faultline_alloc::MiMalloc = faultline_alloc::MiMalloc;

fn main() -> std::process::ExitCode {
    faultline_alloc::route_tree_sitter_to_mimalloc();
    faultline_lsp::run_stdio()
}
