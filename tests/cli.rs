//! End-to-end tests of the `claimx` binary: inputs, bad articles, exit codes, output files.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{assert_span_text, claimx, json_lines, root, stderr_of};

/// The project's sample corpus.
fn corpus() -> PathBuf {
    root().join("corpus")
}

/// A folder of test articles, written on demand (after ripgrep's `Dir`).
struct Dir(tempfile::TempDir);

impl Dir {
    fn new() -> Self {
        Dir(tempfile::tempdir().expect("a temporary folder"))
    }

    fn create(&self, name: &str, bytes: impl AsRef<[u8]>) -> &Self {
        let path = self.0.path().join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
        self
    }

    fn path(&self) -> &Path {
        self.0.path()
    }
}

const GOOD: &str = "Council Delays Vote\n\n\"We are not going to rush this,\" said council president Maria Delgado.\n";

#[test]
fn each_bad_article_is_reported_with_its_reason_and_the_rest_is_written() {
    let dir = Dir::new();
    dir.create("a_good.txt", GOOD)
        .create("b_latin1.txt", b"Caf\xe9 owners said prices rose.\n")
        .create("c_binary.txt", b"PK\x03\x04\0\0binary")
        .create("d_empty.txt", " \n\n ")
        .create("e_huge.txt", "x".repeat(2_000))
        .create("f_good.txt", GOOD)
        .create(".hidden.txt", b"\xff\xfe");
    let out = dir.path().join("out/claims.jsonl");
    fs::create_dir_all(out.parent().unwrap()).unwrap();
    let run = claimx()
        .args([
            "extract",
            "--max-bytes",
            "1000",
            "--progress",
            "never",
            "-o",
        ])
        .arg(&out)
        .arg(dir.path())
        .assert()
        .code(2);
    let stderr = stderr_of(run.get_output());
    for (file, reason) in [
        (
            "b_latin1.txt",
            "not UTF-8 (invalid byte 0xE9 at byte 3, line 1)",
        ),
        ("c_binary.txt", "binary data (NUL byte at byte 4)"),
        ("d_empty.txt", "empty"),
        (
            "e_huge.txt",
            "2000 bytes, over the --max-bytes limit of 1000",
        ),
    ] {
        let line = stderr
            .lines()
            .find(|l| l.contains(file))
            .unwrap_or_else(|| panic!("no message for {file} in:\n{stderr}"));
        assert!(line.contains(reason), "{file}: {line}");
    }
    assert!(
        !stderr.contains(".hidden"),
        "hidden files are skipped: {stderr}"
    );
    assert!(
        stderr.contains("6 articles read") && stderr.contains("4 articles failed"),
        "summary: {stderr}"
    );
    assert!(
        out.exists(),
        "the output is written even though articles failed"
    );
    let leftovers: Vec<_> = fs::read_dir(out.parent().unwrap()).unwrap().collect();
    assert_eq!(
        leftovers.len(),
        1,
        "no temporary file is left beside the output"
    );
}

#[test]
fn keep_going_exits_zero_when_only_articles_failed() {
    let dir = Dir::new();
    dir.create("good.txt", GOOD).create("bad.txt", b"\xff");
    claimx()
        .args(["extract", "--keep-going", "--progress", "never"])
        .arg(dir.path())
        .assert()
        .code(0);
}

#[test]
fn usage_errors_and_a_missing_root_exit_one() {
    claimx().args(["extract"]).assert().code(1);
    claimx()
        .args(["extract", "--jobs", "two", "corpus"])
        .assert()
        .code(1);
    let run = claimx()
        .args(["extract", "/no/such/folder"])
        .assert()
        .code(1);
    let stderr = stderr_of(run.get_output());
    assert!(
        stderr.contains("/no/such/folder: no such file or folder"),
        "{stderr}"
    );
    claimx().arg("--help").assert().code(0);
}

#[test]
fn an_unwritable_output_is_an_io_error_and_a_missing_folder_is_created() {
    let dir = Dir::new();
    dir.create("file.txt", "not a folder");
    let blocked = dir.path().join("file.txt/out.jsonl");
    let run = claimx()
        .args(["extract", "--no-ner", "-o"])
        .arg(&blocked)
        .arg(corpus())
        .assert()
        .code(1);
    let stderr = stderr_of(run.get_output());
    assert!(
        stderr.contains(&format!(
            "{}: cannot create the output file",
            blocked.display()
        )),
        "{stderr}"
    );
    let nested = dir.path().join("new/folder/claims.jsonl");
    claimx()
        .args(["extract", "--no-ner", "--progress", "never", "-o"])
        .arg(&nested)
        .arg(corpus())
        .assert()
        .success();
    assert!(std::fs::metadata(&nested).unwrap().len() > 0);
}

#[test]
fn standard_input_lines_are_articles_and_a_bad_line_costs_only_itself() {
    let input = format!(
        "{}\nnot json\n{}\n",
        serde_json::json!({"id": "one", "text": GOOD}),
        serde_json::json!({"id": 2, "text": GOOD})
    );
    let run = claimx()
        .args(["extract", "-", "--progress", "never"])
        .write_stdin(input)
        .assert()
        .code(2);
    let stderr = stderr_of(run.get_output());
    assert!(stderr.contains("<stdin>:2: not a JSON object"), "{stderr}");
    assert!(
        stderr.contains("3 articles read") && stderr.contains("1 articles failed"),
        "{stderr}"
    );
}

#[test]
fn sentences_prints_code_point_offsets() {
    let text = "Café «owners» said so. Prices rose!\n\nNew paragraph.";
    let run = claimx()
        .args(["sentences", "-"])
        .write_stdin(text)
        .assert()
        .success();
    let chars: Vec<char> = text.chars().collect();
    let lines = json_lines(&run.get_output().stdout);
    assert_eq!(lines.len(), 3);
    for line in &lines {
        assert_span_text(&chars, line, "the sentences");
    }
    assert_eq!(lines[2]["paragraph"], 1);
}

#[test]
fn schema_is_a_draft_2020_12_json_schema() {
    let run = claimx().arg("schema").assert().success();
    let schema: serde_json::Value = serde_json::from_slice(&run.get_output().stdout).unwrap();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    let validator = jsonschema::draft202012::new(&schema);
    assert!(validator.is_ok(), "{:?}", validator.err());
}
