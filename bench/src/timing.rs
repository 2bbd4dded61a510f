//! Wall-clock and process-CPU timing, median of N.
//!
//! The machine is often shared, so besides wall time we read this process's
//! CPU time (user + system, from /proc/self/stat on Linux): the ratio of CPU
//! times stays meaningful when other work steals cores.

use std::time::{Duration, Instant};

#[derive(Default)]
pub struct Timing {
    /// Sorted wall times.
    pub wall: Vec<Duration>,
    /// Sorted CPU times; empty where the platform does not tell.
    pub cpu: Vec<Duration>,
}

impl Timing {
    /// Times one call of `work`, adding its wall and CPU time to this timing.
    pub fn record<T>(&mut self, work: impl FnOnce() -> T) -> T {
        let cpu_start = process_cpu_time();
        let start = Instant::now();
        let out = std::hint::black_box(work());
        self.wall.push(start.elapsed());
        if let (Some(a), Some(b)) = (cpu_start, process_cpu_time()) {
            self.cpu.push(b.saturating_sub(a));
        }
        self.wall.sort();
        self.cpu.sort();
        out
    }

    pub fn median(&self) -> Duration {
        median(&self.wall)
    }

    pub fn cpu_median(&self) -> Option<Duration> {
        (!self.cpu.is_empty()).then(|| median(&self.cpu))
    }

    pub fn min(&self) -> Duration {
        self.wall.first().copied().unwrap_or_default()
    }

    pub fn max(&self) -> Duration {
        self.wall.last().copied().unwrap_or_default()
    }
}

fn median(sorted: &[Duration]) -> Duration {
    let n = sorted.len();
    match n {
        0 => Duration::ZERO,
        _ if n % 2 == 1 => sorted[n / 2],
        _ => (sorted[n / 2 - 1] + sorted[n / 2]) / 2,
    }
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// User + system CPU time of this process (all threads) so far.
fn process_cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the parenthesised command name; utime and stime are the
    // 14th and 15th fields of the whole line, in clock ticks (USER_HZ = 100
    // on every Linux this runs on).
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some(Duration::from_millis((utime + stime) * 10))
}
