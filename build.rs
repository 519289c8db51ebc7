//! For the `ner` feature: checks that libtorch is installed, and bakes its library folder
//! into the rpath of every binary, test and bench so that they run without
//! `LD_LIBRARY_PATH`.
//!
//! `LIBTORCH` comes from `.cargo/config.toml` (the `.libtorch/` folder that
//! `scripts/setup-libtorch.sh` fills) unless the environment sets it. On a fresh build
//! without libtorch, torch-sys's build script fails before this one runs (cargo runs the
//! build scripts of dependencies first); the hint then comes from the headers in
//! `scripts/libtorch-missing` (see `.cargo/config.toml`). This check covers libtorch going away after torch-sys was built, when
//! the link or the loader would fail with a bare "cannot find -ltorch_cpu". torch-sys adds
//! the rpath only to its own wrapper library, which does not reach our binaries: hence the
//! link argument.

use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-env-changed=LIBTORCH");
    if std::env::var_os("CARGO_FEATURE_NER").is_none() {
        return;
    }
    let Some(libtorch) = std::env::var_os("LIBTORCH").map(PathBuf::from) else {
        println!("cargo:warning=LIBTORCH is not set: torch-sys will look for libtorch itself");
        return;
    };
    let lib = libtorch.join("lib");
    let marker = lib.join("libtorch_cpu.so");
    // Reruns when the library appears, changes or goes away.
    println!("cargo:rerun-if-changed={}", marker.display());
    if !marker.is_file() {
        eprintln!(
            "error: the `ner` feature needs libtorch 2.4.0, and {} has none.\n\
             Run `scripts/setup-libtorch.sh` once (it installs libtorch from PyPI into .libtorch/),\n\
             or set LIBTORCH to an existing libtorch 2.4.0 folder,\n\
             or build without `--features ner` (no NER stage).",
            lib.display()
        );
        std::process::exit(1);
    }
    println!("cargo:rustc-link-arg=-Wl,-rpath,{}", lib.display());
}
