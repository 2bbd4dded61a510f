//! A progress bar on stderr for runs long enough to wonder about (over about a
//! second), and only for a person watching: never when stderr is not a
//! terminal, under CI, or on a dumb terminal, so piped and logged output stay
//! clean. The bar is hidden until the delay has passed, then drawn in place
//! and cleared when the run is over.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

pub struct Progress {
    bar: ProgressBar,
    started: Instant,
    delay: Duration,
    shown: AtomicBool,
}

impl Progress {
    /// A bar for `total` files, or `None` when nobody is watching stderr.
    pub fn for_terminal(total: usize, delay: Duration) -> Option<Self> {
        if !wanted() || total == 0 {
            return None;
        }
        let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::hidden());
        if let Ok(style) = ProgressStyle::with_template("{spinner} checking {pos}/{len} files [{bar:30}] {elapsed}") {
            bar.set_style(style.progress_chars("=> "));
        }
        Some(Self { bar, started: Instant::now(), delay, shown: AtomicBool::new(false) })
    }

    /// One more file done; shows the bar once the run has taken longer than the delay.
    pub fn tick(&self) {
        self.bar.inc(1);
        let due = !self.shown.load(Ordering::Relaxed) && self.started.elapsed() >= self.delay;
        if due && !self.shown.swap(true, Ordering::Relaxed) {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
            // Draw now: the next tick may be long in coming (one big file).
            self.bar.tick();
            self.bar.enable_steady_tick(Duration::from_millis(120));
        }
    }

    /// Removes the bar before the results are printed.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

/// A person is watching stderr: it is a terminal, not a dumb one, and this is not CI.
fn wanted() -> bool {
    let ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false" && v != "0");
    let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
    std::io::stderr().is_terminal() && !ci && !dumb
}
