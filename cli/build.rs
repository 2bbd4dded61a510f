//! Embeds `FAULTLINE_SOURCE_DIGEST`: a digest of the sources that decide what
//! `faultline check` reports (the core's and the CLI's code, and Cargo.lock,
//! which pins the grammar and every other dependency). The result cache keys
//! its entries by it, so a binary built from other sources never reads
//! results another build wrote, whatever its size and modification time.
//! Built outside this workspace (no `../core`), it digests what it finds.

use std::path::{Path, PathBuf};
use xxhash_rust::xxh3::Xxh3;

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let workspace = manifest.parent().map(Path::to_path_buf).unwrap_or_default();
    let inputs = [
        workspace.join("Cargo.lock"),
        workspace.join("core/Cargo.toml"),
        workspace.join("core/src"),
        manifest.join("Cargo.toml"),
        manifest.join("src"),
    ];
    let mut hasher = Xxh3::new();
    for input in &inputs {
        println!("cargo:rerun-if-changed={}", input.display());
        let mut files = Vec::new();
        collect_files(input, &mut files);
        files.sort();
        for file in files {
            let Ok(text) = std::fs::read(&file) else { continue };
            let name = file.strip_prefix(&workspace).unwrap_or(&file).to_string_lossy().into_owned();
            for part in [name.as_bytes(), &text] {
                hasher.update(&(part.len() as u64).to_le_bytes());
                hasher.update(part);
            }
        }
    }
    println!("cargo:rustc-env=FAULTLINE_SOURCE_DIGEST={:032x}", hasher.digest128());
}

/// Every file at or below `path` (no recursion limit needed: source trees are shallow).
fn collect_files(path: &Path, files: &mut Vec<PathBuf>) {
    match std::fs::read_dir(path) {
        Ok(entries) => {
            for entry in entries.flatten() {
                collect_files(&entry.path(), files);
            }
        }
        Err(_) if path.is_file() => files.push(path.to_path_buf()),
        Err(_) => {}
    }
}
