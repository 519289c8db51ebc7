//! The binary's own code: arguments, progress, and the wiring of each subcommand.

pub mod args;
pub mod extract;
pub mod interrupt;
pub mod ner;
pub mod progress;
pub mod serve;
pub mod show;
pub mod startup;
