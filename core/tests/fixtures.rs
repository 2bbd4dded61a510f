//! Fixture-driven rule tests, readable by Go developers.
//!
//! Layout: `tests/fixtures/<CODE or family prefix or "all">/<case>/` holds Go files
//! (plus an optional `go.mod`), all loaded into one `Workspace` so package
//! context works. Only diagnostics whose code starts with the directory's
//! name are compared (`all` compares every rule).
//!
//! Expectations sit on the line the finding starts on:
//!
//! ```go
//! return u.Name // want NIL001
//! m[k] = v      // want NIL002 "assignment to entry in nil map"
//! ok := 1       // (no comment: nothing may be reported on this line)
//! ```
//!
//! `// want` may list several codes; a quoted string after a code must be a
//! substring of its message. Every file's full output (exact line, byte
//! column and message) is also pinned by an insta snapshot.

use faultline_core::{check_file, PackageFacts, Settings, Workspace};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(Debug, PartialEq, Eq, PartialOrd, Ord, Clone)]
struct Want {
    line: u32,
    code: String,
    substring: Option<String>,
}

fn parse_wants(source: &str) -> Vec<Want> {
    let mut wants = Vec::new();
    for (i, line) in source.lines().enumerate() {
        let Some(pos) = line.find("// want ") else { continue };
        let mut rest = &line[pos + "// want ".len()..];
        loop {
            rest = rest.trim_start();
            let code: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
            if code.is_empty() {
                break;
            }
            rest = &rest[code.len()..];
            let mut substring = None;
            let trimmed = rest.trim_start();
            if let Some(after) = trimmed.strip_prefix('"') {
                if let Some(end) = after.find('"') {
                    substring = Some(after[..end].to_string());
                    rest = &after[end + 1..];
                }
            }
            wants.push(Want { line: i as u32 + 1, code, substring });
        }
    }
    wants
}

fn case_dirs(root: &Path) -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    let Ok(filters) = fs::read_dir(root) else { return out };
    for filter in filters.flatten().filter(|e| e.path().is_dir()) {
        let name = filter.file_name().to_string_lossy().to_string();
        let Ok(cases) = fs::read_dir(filter.path()) else { continue };
        for case in cases.flatten().filter(|e| e.path().is_dir()) {
            out.push((name.clone(), case.path()));
        }
    }
    out.sort();
    out
}

#[test]
fn fixtures() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut failures = Vec::new();
    let mut checked = 0;
    let mut snapshots = Vec::new();
    for (filter, dir) in case_dirs(&root) {
        let mut ws = Workspace::new(Settings::default());
        let mut go_files = BTreeMap::new();
        for entry in fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().to_string();
            let Ok(text) = fs::read_to_string(&path) else { continue };
            let key = format!("{}/{}", dir.display(), name);
            if name.ends_with(".go") {
                go_files.insert(key.clone(), text.clone());
            }
            if name.ends_with(".go") || name == "go.mod" || name == "go.work" {
                ws.set_file(&key, text).expect("parse");
            }
        }
        for (key, text) in &go_files {
            checked += 1;
            let file = ws.file(key).expect("file");
            let all = ws.check(key).expect("checked");
            // As the CLI checks it: the package's facts built once from
            // every file of the package (the workspace builds them per file).
            let mut package = ws.package_context(key);
            let whole_package = go_files
                .keys()
                .filter_map(|k| ws.file(k))
                .filter(|f| f.model.package == file.model.package)
                .map(|f| Arc::clone(&f.summary))
                .collect();
            package.shared = Some(Arc::new(PackageFacts::new(whole_package)));
            if check_file(file, &package, ws.settings()) != all {
                failures.push(format!("{key}: other findings with the package's facts shared"));
            }
            let diags: Vec<_> =
                all.into_iter().filter(|d| filter == "all" || d.code.starts_with(filter.as_str())).collect();
            let mut wants = parse_wants(text);
            let mut rendered = String::new();
            for d in &diags {
                let start = file.lines.line_col(d.range.start);
                let end = file.lines.line_col(d.range.end);
                rendered.push_str(&format!(
                    "{}:{}-{}:{} {} {} {}\n",
                    start.line + 1,
                    start.col + 1,
                    end.line + 1,
                    end.col + 1,
                    d.code,
                    d.severity,
                    d.message
                ));
                for r in &d.related {
                    let rs = file.lines.line_col(r.range.start);
                    rendered.push_str(&format!("    related {}:{} {}\n", rs.line + 1, rs.col + 1, r.message));
                }
                if let Some(fix) = &d.fix {
                    rendered.push_str(&format!("    fix: {}\n", fix.title));
                    for e in &fix.edits {
                        let es = file.lines.line_col(e.range.start);
                        let ee = file.lines.line_col(e.range.end);
                        rendered.push_str(&format!(
                            "      {}:{}-{}:{} => {:?}\n",
                            es.line + 1,
                            es.col + 1,
                            ee.line + 1,
                            ee.col + 1,
                            e.new_text
                        ));
                    }
                }
                let line = start.line + 1;
                let found = wants.iter().position(|w| {
                    w.line == line && w.code == d.code && w.substring.as_deref().is_none_or(|s| d.message.contains(s))
                });
                match found {
                    Some(i) => {
                        wants.remove(i);
                    }
                    None => failures.push(format!("{key}:{line}: unexpected {} {}", d.code, d.message)),
                }
            }
            for w in wants {
                failures.push(format!("{key}:{}: missing {} {:?}", w.line, w.code, w.substring.unwrap_or_default()));
            }
            let rel = Path::new(key).strip_prefix(&root).unwrap_or(Path::new(key)).to_string_lossy().replace('/', "__");
            snapshots.push((rel, rendered));
        }
    }
    assert!(checked > 0, "no fixtures found under {}", root.display());
    assert!(failures.is_empty(), "{} fixture mismatches:\n{}", failures.len(), failures.join("\n"));
    // Expectations hold; now pin exact positions and messages.
    for (name, rendered) in snapshots {
        insta::with_settings!({ snapshot_path => root.join("../snapshots"), prepend_module_to_snapshot => false, omit_expression => true }, {
            insta::assert_snapshot!(name, rendered);
        });
    }
}
