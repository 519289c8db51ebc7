//! SIGINT and SIGTERM: the run stops at once, its temporary output file goes with it, and
//! the summary line says how far it got.
//!
//! A watcher thread waits for the signal (the handler itself only wakes it, as
//! `signal-hook` does), so that removing a file and printing are done outside signal context.

use std::fs;
use std::io;
use std::path::PathBuf;
use std::sync::Arc;

use signal_hook::consts::{SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

use super::progress::Tally;

/// Watches for SIGINT and SIGTERM for the rest of the process. On either, removes `temporary`
/// (the unfinished `-o` file), prints how far the run got and exits with 128 + the signal's
/// number, as a shell reports a process killed by it.
pub fn watch(temporary: Option<PathBuf>, tally: Arc<Tally>) -> io::Result<()> {
    let mut signals = Signals::new([SIGINT, SIGTERM])?;
    std::thread::Builder::new()
        .name("claimx-signals".into())
        .spawn(move || {
            let Some(signal) = signals.forever().next() else {
                return;
            };
            let left = match &temporary {
                Some(path) => {
                    let _ = fs::remove_file(path);
                    "; the output file was not written"
                }
                None => "",
            };
            let name = if signal == SIGINT {
                "SIGINT"
            } else {
                "SIGTERM"
            };
            eprintln!("claimx: interrupted by {name}: {}{left}", tally.summary());
            std::process::exit(128 + signal);
        })?;
    Ok(())
}
