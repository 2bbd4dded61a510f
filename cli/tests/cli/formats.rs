//! JSON, GitHub and text output.

use crate::support::{Tree, CLEAN, PANIC_ONE};

#[test]
fn json_has_the_contract_shape_and_byte_positions() {
    let tree = Tree::new();
    tree.write("pkg/a.go", PANIC_ONE);
    tree.write("pkg/b.go", CLEAN);
    let run = tree.run(&["check", "--format", "json", "."]);
    assert_eq!(run.code, 1, "{run:?}");
    let json = run.json();
    let mut top: Vec<&str> = json.as_object().unwrap().keys().map(String::as_str).collect();
    top.sort();
    assert_eq!(top, ["diagnostics", "files_checked", "version"]);
    assert_eq!(json["version"], 1);
    assert_eq!(json["files_checked"], 2);
    let diags = json["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 1, "{run:?}");
    let d = &diags[0];
    let mut keys: Vec<&str> = d.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(keys, ["code", "end", "family", "fix", "message", "name", "path", "related", "severity", "start"]);
    assert_eq!(d["path"], "pkg/a.go");
    assert_eq!(d["code"], "PANIC001");
    assert_eq!(d["name"], "ineffective-recover");
    assert_eq!(d["family"], "panic-path");
    assert_eq!(d["severity"], "warning");
    assert!(d["message"].as_str().unwrap().contains("recover()"));
    assert!(d["fix"].is_null(), "no fix is `null`, never absent");

    // Byte offsets and 1-based byte columns, past CJK and emoji on the same line.
    let offset = PANIC_ONE.find("recover()").unwrap();
    let line_start = PANIC_ONE[..offset].rfind('\n').unwrap() + 1;
    let column = offset - line_start + 1;
    assert!(column > PANIC_ONE[line_start..offset].chars().count() + 1, "the line has multi-byte characters");
    assert_eq!(d["start"], serde_json::json!({"line": 4, "column": column, "offset": offset}));
    assert_eq!(d["end"], serde_json::json!({"line": 4, "column": column + 9, "offset": offset + 9}));

    let related = d["related"].as_array().unwrap();
    assert_eq!(related.len(), 1);
    let r = &related[0];
    let mut keys: Vec<&str> = r.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(keys, ["end", "message", "start"]);
    let func_offset = PANIC_ONE.find("func()").unwrap();
    assert_eq!(r["start"]["offset"], func_offset);
    assert_eq!(r["start"]["line"], 4);
    assert_eq!(r["start"]["column"], 2);
}

#[test]
fn json_keys_come_in_contract_order() {
    let tree = Tree::new();
    tree.write("a.go", PANIC_ONE);
    let run = tree.run(&["check", "--format", "json"]);
    let text = &run.stdout;
    let order = [
        "\"version\"",
        "\"files_checked\"",
        "\"diagnostics\"",
        "\"path\"",
        "\"code\"",
        "\"name\"",
        "\"family\"",
        "\"severity\"",
        "\"message\"",
        "\"start\"",
        "\"end\"",
        "\"related\"",
        "\"fix\"",
    ];
    let positions: Vec<usize> = order.iter().map(|k| text.find(k).unwrap_or_else(|| panic!("{k} missing"))).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{text}");
}

#[test]
fn json_with_no_findings() {
    let tree = Tree::new();
    tree.write("a.go", CLEAN);
    let run = tree.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.json(), serde_json::json!({"version": 1, "files_checked": 1, "diagnostics": []}));
}

#[test]
fn paths_outside_the_current_directory_are_shown_as_given() {
    let tree = Tree::new();
    tree.write("repo/a.go", PANIC_ONE);
    tree.write("other/b.go", PANIC_ONE);
    let cwd = tree.path().join("repo");
    let run = crate::support::run_in(&cwd, &["check", "--format", "json", ".", "../other"], None);
    let paths: Vec<String> = run.findings().into_iter().map(|(p, _)| p).collect();
    assert_eq!(paths, ["../other/b.go", "a.go"]);
    let abs = tree.path().join("other/b.go");
    let run = crate::support::run_in(&cwd, &["check", "--format", "json", abs.to_str().unwrap()], None);
    assert_eq!(run.findings()[0].0, abs.to_str().unwrap());
}

#[test]
fn github_format_escapes_and_counts_bytes() {
    let tree = Tree::new();
    tree.write("dir,x/a.go", PANIC_ONE);
    let run = tree.run(&["check", "--format", "github"]);
    assert_eq!(run.code, 1, "{run:?}");
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{run:?}");
    let offset = PANIC_ONE.find("recover()").unwrap();
    let column = offset - (PANIC_ONE[..offset].rfind('\n').unwrap() + 1) + 1;
    let expected = format!(
        "::warning file=dir%2Cx/a.go,line=4,col={column},endLine=4,endColumn={},title=PANIC001 ineffective-recover::",
        column + 9
    );
    assert!(lines[0].starts_with(&expected), "{}\nvs\n{expected}", lines[0]);
    assert!(lines[0].contains("recover()"));
}

#[test]
fn text_shows_source_marker_and_summary() {
    let tree = Tree::new();
    tree.write("a.go", PANIC_ONE);
    tree.write("b.go", CLEAN);
    let run = tree.run(&["check"]);
    assert_eq!(run.code, 1, "{run:?}");
    let out = &run.stdout;
    assert!(out.contains("warning[PANIC001 ineffective-recover]"), "{out}");
    let offset = PANIC_ONE.find("recover()").unwrap();
    let column = offset - (PANIC_ONE[..offset].rfind('\n').unwrap() + 1) + 1;
    assert!(out.contains(&format!("--> a.go:4:{column}\n")), "byte column like the JSON: {out}");
    assert!(
        out.contains("\tfunc() { s := \"日本😀\"; _ = s; recover() }()")
            || out.contains("func() { s := \"日本😀\"; _ = s; recover() }()"),
        "{out}"
    );
    assert!(out.contains("^^^^^^^^^"), "marker under recover(): {out}");
    assert!(out.contains("recover only works when called directly"), "related label: {out}");
    assert!(!out.contains('\u{1b}'), "no colour when not a terminal: {out:?}");
    assert!(out.trim_end().ends_with("Found 1 problem (1 warning) in 1 file; 2 files checked."), "{out}");
}

#[test]
fn text_colour_can_be_forced() {
    let tree = Tree::new();
    tree.write("a.go", PANIC_ONE);
    let run = tree.run(&["check", "--color", "always"]);
    assert!(run.stdout.contains('\u{1b}'), "{run:?}");
}

#[test]
fn text_with_no_findings() {
    let tree = Tree::new();
    tree.write("a.go", CLEAN);
    let run = tree.run(&["check"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stdout.trim(), "No problems found; 1 file checked.");
}

#[test]
fn info_and_hint_findings_become_notices_and_hints() {
    let tree = Tree::new();
    tree.write("a.go", PANIC_ONE);
    tree.write("faultline.toml", "[severity]\nPANIC001 = \"hint\"\n");
    let run = tree.run(&["check", "--format", "github"]);
    assert_eq!(run.code, 0, "a hint is below the default --fail-on warning: {run:?}");
    assert!(run.stdout.starts_with("::notice file=a.go,"), "{run:?}");
    let run = tree.run(&["check"]);
    assert!(run.stdout.contains("hint[PANIC001 ineffective-recover]"), "{run:?}");
    assert!(run.stdout.contains("(1 hint)"), "{run:?}");
    let run = tree.run(&["check", "--format", "sarif"]);
    assert_eq!(run.json()["runs"][0]["results"][0]["level"], "note");
    tree.write("faultline.toml", "[severity]\nPANIC001 = \"info\"\n");
    let run = tree.run(&["check", "--format", "github", "--fail-on", "info"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stdout.starts_with("::notice "), "{run:?}");
}

#[test]
fn json_of_the_examples_has_the_contract_shape_for_every_rule() {
    // Other rules (and their fixes) evolve; their shape may not.
    let examples = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples"));
    if !examples.is_dir() {
        return;
    }
    let run = crate::support::run_in(examples, &["check", "--format", "json", "--fail-on", "error"], None);
    assert_ne!(run.code, 2, "{run:?}");
    let json = run.json();
    let position = |p: &serde_json::Value| {
        let mut keys: Vec<&str> = p.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort();
        assert_eq!(keys, ["column", "line", "offset"], "{p}");
        assert!(p["line"].as_u64().unwrap() >= 1 && p["column"].as_u64().unwrap() >= 1);
        p["offset"].as_u64().unwrap()
    };
    for d in json["diagnostics"].as_array().unwrap() {
        let mut keys: Vec<&str> = d.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort();
        assert_eq!(keys, ["code", "end", "family", "fix", "message", "name", "path", "related", "severity", "start"]);
        assert!(position(&d["start"]) <= position(&d["end"]), "{d}");
        assert!(!d["path"].as_str().unwrap().contains('\\'));
        for r in d["related"].as_array().unwrap() {
            assert!(r["message"].is_string());
            assert!(position(&r["start"]) <= position(&r["end"]));
        }
        if !d["fix"].is_null() {
            let mut keys: Vec<&str> = d["fix"].as_object().unwrap().keys().map(String::as_str).collect();
            keys.sort();
            assert_eq!(keys, ["edits", "title"], "{d}");
            assert!(d["fix"]["title"].is_string());
            for e in d["fix"]["edits"].as_array().unwrap() {
                assert!(e["start"].as_u64().unwrap() <= e["end"].as_u64().unwrap(), "{e}");
                assert!(e["new_text"].is_string());
            }
        }
    }
}

#[test]
fn text_of_a_crlf_file_shows_no_carriage_returns() {
    let tree = Tree::new();
    tree.write("a.go", PANIC_ONE.replace('\n', "\r\n"));
    let run = tree.run(&["check"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(!run.stdout.contains('\r') && !run.stdout.contains('\u{240d}'), "{:?}", run.stdout);
    let json = tree.run(&["check", "--format", "json"]).json();
    let offset = PANIC_ONE.replace('\n', "\r\n").find("recover()").unwrap();
    assert_eq!(json["diagnostics"][0]["start"]["offset"], offset);
    assert_eq!(json["diagnostics"][0]["start"]["line"], 4);
}
