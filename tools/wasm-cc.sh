#!/bin/sh
# C compiler for wasm32-unknown-unknown (named in .cargo/config.toml): clang
# with the libc headers tree-sitter ships for wasm (wasm-include/, MIT).
here=$(dirname "$0")
exec clang -I"$here/../wasm-include" "$@"
