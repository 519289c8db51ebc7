// Each test binary uses a part of these helpers.
#![allow(dead_code)]

//! What the end-to-end tests of the `claimx` binary share: where the checkout is, how the
//! binary is run, how its JSON Lines are read and how a span is checked against its text.

use std::path::Path;

use assert_cmd::Command;

/// The checkout (the corpus and the models are under it, `../shared` beside it).
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The built binary, with an empty environment so that no variable of the caller leaks in.
pub fn claimx() -> Command {
    let mut cmd = Command::cargo_bin("claimx").expect("the claimx binary is built");
    cmd.env_clear();
    cmd
}

/// What a finished run wrote to standard error, as text.
pub fn stderr_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// One JSON value per line of `output`.
pub fn json_lines(output: &[u8]) -> Vec<serde_json::Value> {
    std::str::from_utf8(output)
        .expect("UTF-8 output")
        .lines()
        .map(|line| serde_json::from_str(line).expect("one JSON object a line"))
        .collect()
}

/// Asserts that a span object's `start`..`end`, in code points of `text`, gives back its
/// `text`; `context` goes into the failure message.
pub fn assert_span_text(text: &[char], span: &serde_json::Value, context: &str) {
    let (start, end) = (
        span["start"].as_u64().unwrap() as usize,
        span["end"].as_u64().unwrap() as usize,
    );
    assert!(start <= end && end <= text.len(), "{span} in {context}");
    let sliced: String = text[start..end].iter().collect();
    assert_eq!(sliced, span["text"].as_str().unwrap(), "in {context}");
}
