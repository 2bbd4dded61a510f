//! Wall-clock and process-CPU timing, median of N.
//!
//! The machine is often shared, so besides wall time we read this process's
//! CPU time (user + system, from clock_gettime(CLOCK_PROCESS_CPUTIME_ID)): the ratio of CPU
//! times stays meaningful when other work steals cores.

use std::time::{Duration, Instant};

#[derive(Default)]
pub struct Timing {
    /// Sorted wall times.
    pub wall: Vec<Duration>,
    /// Sorted CPU times; empty where the platform does not tell.
    pub cpu: Vec<Duration>,
    /// CPU times in the order of the rounds, to pair with another row's.
    pub cpu_by_round: Vec<Duration>,
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
            self.cpu_by_round.push(b.saturating_sub(a));
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

/// The median, smallest and largest of `a[i] / b[i]` over the rounds both
/// timed: each round's pipelines ran back to back, so a ratio within a round
/// is spared the machine's drift between rounds.
pub fn paired_ratios(a: &[Duration], b: &[Duration]) -> Option<(f64, f64, f64)> {
    let mut ratios: Vec<f64> =
        a.iter().zip(b).filter(|(_, b)| !b.is_zero()).map(|(a, b)| a.as_secs_f64() / b.as_secs_f64()).collect();
    ratios.sort_by(f64::total_cmp);
    let (first, last) = (*ratios.first()?, *ratios.last()?);
    let n = ratios.len();
    let median = if n % 2 == 1 { ratios[n / 2] } else { (ratios[n / 2 - 1] + ratios[n / 2]) / 2.0 };
    Some((median, first, last))
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

/// User + system CPU time of this process (all threads) so far, from
/// `clock_gettime(CLOCK_PROCESS_CPUTIME_ID)` (the `cpu-time` crate):
/// nanoseconds, where `/proc/self/stat` counts 10 ms ticks and a small
/// corpus's parse could read as no time at all.
fn process_cpu_time() -> Option<Duration> {
    cpu_time::ProcessTime::try_now().ok().map(|t| t.as_duration())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratios_pair_rounds_and_skip_empty_ones() {
        let ms = |v: &[u64]| v.iter().map(|&m| Duration::from_millis(m)).collect::<Vec<_>>();
        // Rounds 2x, 3x, 1x (and a round whose parse took no measurable time).
        let check = ms(&[200, 600, 100, 50]);
        let parse = ms(&[100, 200, 100, 0]);
        let rounded = |r: Option<(f64, f64, f64)>| r.map(|(a, b, c)| [a, b, c].map(|x| (x * 1e6).round() / 1e6));
        assert_eq!(rounded(paired_ratios(&check, &parse)), Some([2.0, 1.0, 3.0]));
        assert_eq!(rounded(paired_ratios(&check[..2], &parse[..2])), Some([2.5, 2.0, 3.0]));
        assert_eq!(paired_ratios(&[], &[]), None);
    }
}
