//! `faultline clean`: deletes the result cache `faultline check` keeps (as
//! `ruff clean` and `go clean -cache` do), for a user who wants the disk
//! space back or suspects a stale result.

use crate::args::CleanArgs;
use crate::cache::ResultCache;
use std::io::{self, Write};

pub fn run(args: &CleanArgs, out: &mut dyn Write) -> io::Result<u8> {
    let Some(cache) = ResultCache::open(args.cache_dir.as_deref()) else {
        eprintln!("faultline: error: no cache directory on this system; name one with --cache-dir");
        return Ok(2);
    };
    match cache.clean() {
        Ok(removed) if removed.slots == 0 => {
            writeln!(out, "faultline: no cached results in {}", cache.root().display())?;
        }
        Ok(removed) => writeln!(
            out,
            "faultline: removed {} cached result{} ({:.1} MB) from {}",
            removed.slots,
            if removed.slots == 1 { "" } else { "s" },
            removed.bytes as f64 / 1e6,
            cache.root().display()
        )?,
        Err(e) => {
            eprintln!("faultline: error: cannot delete the cache in {}: {e}", cache.root().display());
            return Ok(2);
        }
    }
    Ok(0)
}
