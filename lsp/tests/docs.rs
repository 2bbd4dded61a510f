//! `docs/rules/` is generated from the rule registry. This test fails when a
//! page is missing, stale or left over; regenerate with
//! `UPDATE_DOCS=1 cargo test -p faultline-lsp --test docs`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may unwrap

use faultline_lsp::rule_docs::{all_pages, REGENERATE_COMMAND};
use std::path::Path;

#[test]
fn docs_rules_match_the_registry() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/rules");
    let update = std::env::var_os("UPDATE_DOCS").is_some();
    let pages = all_pages();
    let mut problems = Vec::new();
    if update {
        std::fs::create_dir_all(&dir).unwrap();
    }
    for (name, contents) in &pages {
        let path = dir.join(name);
        let current = std::fs::read_to_string(&path).ok();
        if current.as_deref() == Some(contents.as_str()) {
            continue;
        }
        if update {
            std::fs::write(&path, contents).unwrap();
        } else {
            problems.push(format!(
                "{} is {}",
                path.display(),
                if current.is_some() { "out of date" } else { "missing" }
            ));
        }
    }
    for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        if name.ends_with(".md") && !pages.iter().any(|(n, _)| *n == name) {
            if update {
                std::fs::remove_file(entry.path()).unwrap();
            } else {
                problems.push(format!("{} documents no rule", entry.path().display()));
            }
        }
    }
    assert!(problems.is_empty(), "{}\nregenerate with: {REGENERATE_COMMAND}", problems.join("\n"));
}

#[test]
fn every_page_names_its_rule_and_has_content() {
    for (name, contents) in all_pages() {
        assert!(contents.starts_with("<!-- Generated"), "{name}");
        let code = name.trim_end_matches(".md");
        if code != "README" {
            assert!(contents.contains(&format!("# {code} ")), "{name}");
            assert!(contents.contains(&format!("`//nolint:{code}`")), "{name}");
        }
    }
}
