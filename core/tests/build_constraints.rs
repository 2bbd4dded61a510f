//! `BuildTarget::includes` against the go command itself.
//!
//! `scripts/checks/48-build-constraints.sh` asks `go list` which files of
//! `std` and `cmd` each of several GOOS/GOARCH/CGO_ENABLED/`-tags`/
//! GOEXPERIMENT targets builds (`GoFiles`, `CgoFiles`, test files) and which
//! it leaves out (`IgnoredGoFiles`), and points `FAULTLINE_BUILD_ORACLE` at
//! the answers: lines `GOOS GOARCH CGO_ENABLED TAGS GOEXPERIMENT FILE-LIST`
//! (`-` for no tags or experiments), each list holding lines `1 PATH`
//! (built) or `0 PATH` (left out). Without the variable there is nothing to
//! compare and the test checks nothing.

use faultline_core::{BuildTarget, GoEnv};
use std::path::Path;

#[test]
fn build_constraints_match_go_list() {
    let Ok(oracle) = std::env::var("FAULTLINE_BUILD_ORACLE") else { return };
    let targets = std::fs::read_to_string(&oracle).unwrap();
    let (mut compared, mut left_out, mut wrong) = (0, 0, Vec::new());
    for line in targets.lines().filter(|l| !l.is_empty()) {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let [goos, goarch, cgo, tags, experiments, list] = fields[..] else { panic!("bad oracle line {line:?}") };
        let given = |value: &str| (value != "-").then(|| value.to_string());
        // The tags as GOFLAGS gives them, as the language server reads them.
        let goflags = given(tags).map(|tags| format!("-trimpath -tags={tags}"));
        let goexperiment = given(experiments);
        let target = BuildTarget::from_go_env(&GoEnv {
            goos: Some(goos),
            goarch: Some(goarch),
            cgo_enabled: Some(cgo),
            goflags: goflags.as_deref(),
            goexperiment: goexperiment.as_deref(),
        });
        for entry in std::fs::read_to_string(list).unwrap().lines().filter(|l| !l.is_empty()) {
            let (built, path) = entry.split_once(' ').unwrap();
            let name = Path::new(path).file_name().unwrap().to_string_lossy();
            let text = std::fs::read_to_string(path).unwrap();
            let ours = target.includes(&name, &text);
            if ours != (built == "1") {
                wrong.push(format!(
                    "{goos}/{goarch} cgo={cgo} tags={tags} GOEXPERIMENT={experiments}: {path}: go builds it: {built}, faultline: {ours}"
                ));
            }
            compared += 1;
            left_out += usize::from(built == "0");
        }
    }
    eprintln!("compared {compared} files ({left_out} left out by their target), {} differences", wrong.len());
    assert!(compared > 10_000 && left_out > 1_000, "too few files compared: {compared}, {left_out} left out");
    assert!(wrong.is_empty(), "{} differences:\n{}", wrong.len(), wrong.join("\n"));
}
