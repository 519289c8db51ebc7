//! How long the process ran before `main`: mostly the dynamic loader mapping libtorch and
//! running its static initialisers, a cost no flag of claimx can change, shown by
//! `--timings` so that users can tell it from the run's own work.

use std::time::Duration;

/// The time from the process's start to now, from `/proc` (Linux; `None` elsewhere or when
/// `/proc` is not mounted). Its resolution is the kernel's clock tick, 10 ms on most systems.
pub fn since_process_start() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let uptime = std::fs::read_to_string("/proc/uptime").ok()?;
    let ticks_per_second = clock_ticks_per_second()?;
    // The command name (field 2) is in parentheses and may hold spaces; the start time is
    // field 22, the 20th after the closing parenthesis.
    let after_name = &stat[stat.rfind(')')? + 1..];
    let start_ticks: f64 = after_name.split_whitespace().nth(19)?.parse().ok()?;
    let now: f64 = uptime.split_whitespace().next()?.parse().ok()?;
    let age = now - start_ticks / ticks_per_second;
    (age >= 0.0).then(|| Duration::from_secs_f64(age))
}

fn clock_ticks_per_second() -> Option<f64> {
    // SAFETY: sysconf has no preconditions; it only reads a system constant.
    let ticks = unsafe { libc::sysconf(libc::_SC_CLK_TCK) };
    (ticks > 0).then_some(ticks as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_running_test_is_younger_than_a_day_and_older_than_nothing() {
        let age = since_process_start().expect("the tests run on Linux with /proc");
        assert!(age < Duration::from_secs(86_400), "{age:?}");
    }
}
