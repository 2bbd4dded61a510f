//! The nil-contract rules never panic on partial or hostile input: every NIL
//! fixture and corpus program is checked whole, cut at many points (as while
//! typing), with its sibling files present, plus deeply nested code.

use faultline_core::{Settings, Workspace};
use std::fs;
use std::path::{Path, PathBuf};

fn go_files(root: &Path, out: &mut Vec<PathBuf>) {
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "go") {
                out.push(path);
            }
        }
    }
}

fn nil_settings() -> Settings {
    let mut settings = Settings::default();
    settings.rules.select = vec!["NIL".to_string()];
    settings
}

#[test]
fn truncated_sources_never_panic() {
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut files = Vec::new();
    for dir in ["fixtures/NIL001", "fixtures/NIL003", "fixtures/NIL005", "fixtures/NIL006", "corpus/nil/crash"] {
        go_files(&base.join(dir), &mut files);
    }
    files.sort();
    assert!(files.len() > 20, "expected the NIL fixtures and corpus, found {}", files.len());
    for file in files.iter().step_by(3) {
        let text = fs::read_to_string(file).unwrap();
        let mut ws = Workspace::new(nil_settings());
        // A sibling file so the package summaries are consulted too.
        ws.set_file(
            "p/sibling.go",
            "package main\nfunc load(p *int) (*int, error) { _ = *p; return nil, nil }\n".into(),
        )
        .unwrap();
        let step = (text.len() / 20).max(1);
        let mut cut = 0;
        while cut <= text.len() {
            if text.is_char_boundary(cut) {
                ws.set_file("p/main.go", text[..cut].to_string()).unwrap();
                ws.check("p/main.go").unwrap();
                ws.check("p/sibling.go").unwrap();
            }
            cut += step;
        }
    }
}

#[test]
fn deep_nesting_never_overflows() {
    let depth = 1000;
    let mut src = String::from("package main\nfunc f(p *int) (*int, error) {\n");
    src.push_str(&"if p == nil { ".repeat(depth));
    src.push_str("_ = *p");
    src.push_str(&" }".repeat(depth));
    src.push_str("\nreturn nil, nil\n}\nfunc g() { x, err := f(nil); _ = *x; _ = err }\n");
    let mut ws = Workspace::new(nil_settings());
    ws.set_file("deep/main.go", src).unwrap();
    ws.check("deep/main.go").unwrap();
}
