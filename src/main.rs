//! The `claimx` command line.

fn main() {}
