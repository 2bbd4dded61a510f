//! Keeping the cache from growing without bound, as Go's build cache does:
//! a slot that has not been read or written for [`MAX_IDLE`] is deleted, by
//! the first run after [`TRIM_INTERVAL`] has passed since the last trim. A hit
//! refreshes its slot's modification time (at most once per
//! [`TOUCH_INTERVAL`], so warm runs do not write every slot every time).
//!
//! Slots are overwritten when their directory's files change, so what piles
//! up is only directories no longer checked (deleted, renamed, checked with
//! other settings): exactly what idle time finds.

use std::fs::{self, File};
use std::path::Path;
use std::time::{Duration, SystemTime};

const DAY: Duration = Duration::from_secs(24 * 60 * 60);

/// How long a slot may go unused before a trim deletes it.
pub const MAX_IDLE: Duration = Duration::from_secs(14 * 24 * 60 * 60);

/// How often a trim runs at most.
const TRIM_INTERVAL: Duration = DAY;

/// How stale a slot's modification time may get before a hit refreshes it.
const TOUCH_INTERVAL: Duration = Duration::from_secs(60 * 60);

/// Marks the last trim by its modification time.
pub const TRIM_MARKER: &str = "trim.txt";

/// Refreshes the modification time of a slot a run just read.
pub fn touch(slot: &Path, now: SystemTime) {
    let Ok(modified) = fs::metadata(slot).and_then(|m| m.modified()) else { return };
    if now.duration_since(modified).is_ok_and(|age| age > TOUCH_INTERVAL) {
        // Best effort: an unwritable cache is only read.
        let _ = File::options().write(true).open(slot).and_then(|f| f.set_modified(now));
    }
}

/// Deletes the slots in `results` idle for [`MAX_IDLE`], and temporary files
/// a killed run left, when the last trim (per `root`'s marker) is a day old.
pub fn trim_if_due(root: &Path, results: &Path, now: SystemTime) {
    let marker = root.join(TRIM_MARKER);
    if let Ok(last) = fs::metadata(&marker).and_then(|m| m.modified()) {
        // A marker from the future (a clock set back) waits as a recent one does.
        if now.duration_since(last).map_or(true, |age| age < TRIM_INTERVAL) {
            return;
        }
    }
    let Ok(entries) = fs::read_dir(results) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        // Slots are `<digest>.json`; `tempfile` names its files `.tmp…`.
        let limit = if name.ends_with(".json") {
            MAX_IDLE
        } else if name.starts_with(".tmp") {
            DAY
        } else {
            continue;
        };
        let idle = entry.metadata().and_then(|m| m.modified()).ok().and_then(|t| now.duration_since(t).ok());
        if idle.is_some_and(|idle| idle > limit) {
            let _ = fs::remove_file(entry.path());
        }
    }
    let _ = File::create(&marker).and_then(|f| f.set_modified(now));
}
