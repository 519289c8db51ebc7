//! A machine without libtorch: building the `ner` feature must fail with the command that
//! installs it, not with a bare C++ "No such file" from torch-sys.

use std::process::Command;

/// Builds torch-sys (the first crate that needs libtorch) in a scratch target folder, with
/// `LIBTORCH` pointing at an empty folder, through the checkout's own `.cargo/config.toml`.
#[test]
fn a_build_without_libtorch_names_the_setup_command() {
    let empty = tempfile::tempdir().unwrap();
    let target = tempfile::tempdir().unwrap();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let output = Command::new(cargo)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "build",
            "--offline",
            "--quiet",
            "-p",
            "torch-sys",
            "--target-dir",
        ])
        .arg(target.path())
        .env("LIBTORCH", empty.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        !output.status.success(),
        "built without libtorch?\n{stderr}"
    );
    let all = format!("{stdout}{stderr}");
    assert!(
        all.contains("libtorch 2.4.0 is not installed. Run scripts/setup-libtorch.sh once"),
        "no setup hint in:\n{all}"
    );
}
