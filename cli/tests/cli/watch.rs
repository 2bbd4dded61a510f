//! `--watch` for real: start it on a temp tree, edit a file, and read its
//! output until the new result appears (bounded), then stop it.

use crate::support::{Tree, CLEAN, PANIC_ONE};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Kills the watcher even when an assertion fails.
struct Watcher(Child);

impl Drop for Watcher {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Lines of the child's stdout, read on a thread so waits can time out.
fn lines_of(child: &mut Child) -> mpsc::Receiver<String> {
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if tx.send(line.unwrap_or_default()).is_err() {
                break;
            }
        }
    });
    rx
}

/// Reads lines until one contains `wanted`; panics after `limit`.
fn wait_for(rx: &mpsc::Receiver<String>, wanted: &str, limit: Duration) -> Duration {
    let start = Instant::now();
    let mut seen = Vec::new();
    loop {
        let left = limit.checked_sub(start.elapsed()).unwrap_or_else(|| panic!("no {wanted:?} in {seen:#?}"));
        match rx.recv_timeout(left) {
            Ok(line) if line.contains(wanted) => return start.elapsed(),
            Ok(line) => seen.push(line),
            Err(_) => panic!("no {wanted:?} within {limit:?}; got {seen:#?}"),
        }
    }
}

#[test]
fn watch_rechecks_an_edited_file_within_a_second() {
    let tree = Tree::new();
    tree.write("pkg/a.go", CLEAN);
    tree.write("other/b.go", PANIC_ONE);
    let child = Command::new(env!("CARGO_BIN_EXE_faultline"))
        .args(["check", "--watch"])
        .current_dir(tree.path())
        .env("FAULTLINE_CACHE_DIR", crate::support::test_cache_dir())
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut watcher = Watcher(child);
    let rx = lines_of(&mut watcher.0);
    wait_for(&rx, "Found 1 problem (1 warning) in 1 file; 2 files checked.", Duration::from_secs(20));
    // Let the watches settle before editing.
    std::thread::sleep(Duration::from_millis(200));

    tree.write("pkg/a.go", PANIC_ONE);
    let took = wait_for(&rx, "Found 2 problems (2 warnings) in 2 files; 2 files checked.", Duration::from_secs(10));
    assert!(took < Duration::from_secs(1), "the edit was picked up after {took:?}");
    eprintln!("watch: edit to new result in {took:?}");

    // Another edit in the same directory: the other directory's finding is kept.
    tree.write("pkg/a.go", CLEAN);
    wait_for(&rx, "Found 1 problem (1 warning) in 1 file; 2 files checked.", Duration::from_secs(10));

    // A new file in a new directory, and a file that is not Go (ignored).
    tree.write("notes.txt", "x");
    tree.write("new/c.go", PANIC_ONE);
    wait_for(&rx, "Found 2 problems (2 warnings) in 2 files; 3 files checked.", Duration::from_secs(10));
    assert!(watcher.0.try_wait().unwrap().is_none(), "still running");
}
