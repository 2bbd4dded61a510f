//! Compiles c/flat.c against the internal headers of the tree-sitter
//! crate this build links: its build script publishes its `include` folder
//! (`links = "tree-sitter"`), and the internal headers sit beside it in `src`.
//! On wasm32-unknown-unknown the C code gets the libc headers tree-sitter's own
//! C code is compiled with there (published by tree-sitter-language).

use std::env;
use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-changed=c/flat.c");
    let Some(include) = env::var_os("DEP_TREE_SITTER_INCLUDE").map(PathBuf::from) else {
        // Only a tree-sitter release without the `links` metadata gets here:
        // a build error that says what is missing.
        println!("cargo:warning=tree-sitter did not publish its include folder (DEP_TREE_SITTER_INCLUDE)");
        std::process::exit(1);
    };
    let src = include.join("..").join("src");
    let mut build = cc::Build::new();
    if env::var("TARGET").is_ok_and(|t| t.starts_with("wasm32-unknown")) {
        if let Some(headers) = env::var_os("DEP_TREE_SITTER_LANGUAGE_WASM_HEADERS") {
            build.include(headers);
        }
    }
    build
        .std("c11")
        .include(&src)
        .include(&include)
        .flag_if_supported("-fvisibility=hidden")
        .define("_POSIX_C_SOURCE", "200112L")
        .define("_DEFAULT_SOURCE", None)
        .warnings(false)
        .file("c/flat.c")
        .compile("faultline-flat-tree");
}
