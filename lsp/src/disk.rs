//! The few things the server reads from disk: the `.go` siblings of an open
//! file, `go.mod` / `go.work` / `faultline.toml` in its ancestor directories,
//! and the file tree for the workspace check. Unreadable or oversized files are
//! skipped: the server works on what it can see.

/// Larger sibling files are left out of package context (generated code, data).
pub const MAX_SIBLING_BYTES: u64 = 4 * 1024 * 1024;
/// The workspace check stops listing after this many files.
pub const MAX_WORKSPACE_FILES: usize = 50_000;

/// The text of a file, or `None` when it is missing, too big or not UTF-8.
pub fn read_text(path: &str, max_bytes: u64) -> Option<String> {
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() || meta.len() > max_bytes {
        return None;
    }
    std::fs::read_to_string(path).ok()
}

/// `.go` files directly inside `dir`, sorted.
pub fn go_files_in(dir: &str) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(if dir.is_empty() { "/" } else { dir }) else { return Vec::new() };
    let mut out: Vec<String> = entries
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .filter(|name| name.ends_with(".go"))
        .map(|name| format!("{dir}/{name}"))
        .collect();
    out.sort();
    out
}

/// Directories the workspace check never enters (as `go build ./...` skips
/// `vendor` and `testdata`, plus hidden and tool directories).
fn skipped_dir(name: &str) -> bool {
    name.starts_with('.') || name.starts_with('_') || matches!(name, "vendor" | "testdata" | "node_modules")
}

/// Every `.go` file under `root`, walked with an explicit stack (no recursion).
pub fn walk_go_files(root: &str, limit: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![root.trim_end_matches('/').to_string()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(if dir.is_empty() { "/" } else { &dir }) else { continue };
        let mut subdirs = Vec::new();
        for entry in entries.filter_map(|e| e.ok()) {
            let Ok(kind) = entry.file_type() else { continue };
            let Some(name) = entry.file_name().to_str().map(str::to_string) else { continue };
            if kind.is_dir() && !skipped_dir(&name) {
                subdirs.push(format!("{dir}/{name}"));
            } else if kind.is_file() && name.ends_with(".go") {
                out.push(format!("{dir}/{name}"));
                if out.len() >= limit {
                    return out;
                }
            }
        }
        subdirs.sort_by(|a, b| b.cmp(a));
        stack.extend(subdirs);
    }
    out
}
