//! The benchmark machinery works (not its timings): one round over the
//! bundled examples/ sees the same files and findings as `faultline check`.

use faultline_bench::corpus::Corpus;
use faultline_bench::report::Report;
use std::path::Path;

#[test]
fn one_round_over_the_examples() {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples");
    let corpus = Corpus::load(&examples).unwrap();
    assert!(corpus.files.len() >= 10, "examples/ has {} Go files", corpus.files.len());
    assert!(corpus.files.windows(2).all(|w| w[0].path < w[1].path), "files are sorted");
    // examples/go.mod says go 1.21: every directory below it knows.
    assert!(corpus.module_versions.values().all(|v| v.is_some_and(|v| v == faultline_core::GoVersion::new(1, 21))));

    let report = Report::run(&corpus, 1, true);
    assert_eq!(report.rows.len(), 8);
    assert!(report.rows.iter().all(|r| r.timing.wall.len() == 1));
    assert!(report.nodes > 0);
    for code in ["NIL001", "NIL002", "ESC001", "RACE001", "PANIC001"] {
        assert!(report.findings.get(code).is_some_and(|&n| n > 0), "no {code} in {:?}", report.findings);
    }
    let markdown = report.markdown();
    assert!(markdown.contains("| tree-sitter parse only (floor) |"), "{markdown}");
    assert!(markdown.contains("**Ratio full check / parse only: "), "{markdown}");
    assert!(markdown.contains("The same CPU ratio round by round"), "{markdown}");
}

#[test]
fn a_missing_corpus_is_an_error() {
    assert!(Corpus::load(Path::new("/definitely/not/here")).is_err());
}
