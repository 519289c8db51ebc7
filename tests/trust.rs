//! Trust: no crash, no lost output, no damage to what claimx was not asked to touch.
//!
//! Every case here was found breaking a batch before: a text ending in "She added:", `-o`
//! naming a device, a FIFO or a link, a dangling link or a link loop in the folder, ids that
//! collide, an interrupted run's temporary file. Special files are made with `mknod` and
//! `mkfifo` in a temporary folder, never the machine's own.

mod common;

use std::fs;
use std::io::Write;
use std::os::unix::fs::{symlink, FileTypeExt};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{claimx, json_lines, stderr_of};

const GOOD: &str = "\"We are not going to rush this,\" said council president Maria Delgado.\n";

/// The texts that panicked the attribution stage: a speaker, a cue and a colon at the end.
const ENDS_IN_A_CUE: &[&str] = &[
    "The mayor spoke on Monday.\n\nShe added:",
    "Smith said:",
    "They told reporters:",
    "The report was late. McCrummen reports:",
];

#[test]
fn a_text_ending_in_a_cue_and_a_colon_fails_nothing() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), GOOD).unwrap();
    for (n, text) in ENDS_IN_A_CUE.iter().enumerate() {
        fs::write(dir.path().join(format!("b{n}.txt")), text).unwrap();
    }
    fs::write(dir.path().join("c.txt"), GOOD).unwrap();
    let out = dir.path().join("claims.jsonl");
    claimx()
        .args(["extract", "--no-ner", "-o"])
        .arg(&out)
        .arg(dir.path())
        .assert()
        .success();
    let records = json_lines(&fs::read(&out).unwrap());
    let articles: Vec<&str> = records
        .iter()
        .map(|r| r["article"].as_str().unwrap())
        .collect();
    assert!(
        articles.contains(&"a") && articles.contains(&"c"),
        "{articles:?}"
    );
    for text in ENDS_IN_A_CUE {
        let file = dir.path().join("one.txt");
        fs::write(&file, text).unwrap();
        claimx()
            .args(["show", "--no-ner"])
            .arg(&file)
            .assert()
            .success();
    }
}

/// A character device made here, like the machine's `/dev/null` (1, 3) or `/dev/full` (1, 7).
fn device(dir: &Path, name: &str, minor: u32) -> Option<std::path::PathBuf> {
    let path = dir.join(name);
    let made = Command::new("mknod")
        .arg(&path)
        .args(["c", "1", &minor.to_string()])
        .status()
        .is_ok_and(|s| s.success());
    if !made {
        eprintln!("mknod is not permitted here (not root): the device cases are skipped");
    }
    made.then_some(path)
}

fn is_char_device(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_char_device())
}

#[test]
fn output_to_a_device_fifo_or_link_is_written_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.txt");
    fs::write(&input, GOOD).unwrap();
    let extract = |out: &Path| {
        let mut cmd = claimx();
        cmd.args(["extract", "--no-ner", "-o"]).arg(out).arg(&input);
        cmd
    };
    if let Some(null) = device(dir.path(), "null", 3) {
        extract(&null).assert().success();
        assert!(is_char_device(&null), "-o replaced the device with a file");
    }
    if let Some(full) = device(dir.path(), "full", 7) {
        let run = extract(&full).assert().code(1);
        let stderr = stderr_of(run.get_output());
        assert!(stderr.contains("No space left"), "{stderr}");
        assert!(is_char_device(&full));
        let schema = Command::new(assert_cmd::cargo::cargo_bin("claimx"))
            .arg("schema")
            .stdout(fs::OpenOptions::new().write(true).open(&full).unwrap())
            .output()
            .unwrap();
        let stderr = stderr_of(&schema);
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert_eq!(schema.status.code(), Some(1), "{stderr}");
    }
    let fifo = dir.path().join("fifo");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::read(fifo).unwrap())
    };
    extract(&fifo).assert().success();
    assert_eq!(json_lines(&reader.join().unwrap()).len(), 1);
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());

    let real = dir.path().join("real.jsonl");
    fs::write(&real, "old\n").unwrap();
    let link = dir.path().join("link.jsonl");
    symlink(&real, &link).unwrap();
    extract(&link).assert().success();
    assert!(fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(json_lines(&fs::read(&real).unwrap()).len(), 1);
}

#[test]
fn bad_folder_entries_are_article_errors_and_every_good_article_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir(root.join("sub")).unwrap();
    fs::write(root.join("a.txt"), GOOD).unwrap();
    fs::write(root.join("sub/b.txt"), GOOD).unwrap();
    symlink(root.join("missing.txt"), root.join("dangling.txt")).unwrap();
    symlink(root, root.join("sub/loop")).unwrap();
    symlink(root.join("missing.md"), root.join("ignored.md")).unwrap();
    symlink(root.join("nothing"), root.join(".hidden.txt")).unwrap();
    let run = claimx()
        .args(["extract", "--no-ner"])
        .arg(root)
        .assert()
        .code(2);
    let output = run.get_output();
    let stderr = stderr_of(output);
    assert_eq!(json_lines(&output.stdout).len(), 2, "{stderr}");
    assert!(
        stderr.contains("dangling.txt: a symbolic link to nothing"),
        "{stderr}"
    );
    assert!(stderr.contains("loop: a symbolic link loop"), "{stderr}");
    assert!(
        !stderr.contains("ignored.md") && !stderr.contains(".hidden"),
        "{stderr}"
    );
    assert!(stderr.contains("2 articles failed"), "{stderr}");
    claimx()
        .args(["extract", "--no-ner", "--keep-going"])
        .arg(root)
        .assert()
        .success();
}

#[test]
fn ids_are_kept_as_written_and_made_unique() {
    let input = concat!(
        "{\"id\": 1e2, \"text\": \"\\\"Yes,\\\" said Smith.\"}\n",
        "{\"id\": 12345678901234567890123, \"text\": \"\\\"No,\\\" said Jones.\"}\n",
        "{\"id\": \"x\", \"text\": \"\\\"A,\\\" said Bo Cee.\"}\n",
        "{\"id\": \"x\", \"text\": \"\\\"B,\\\" said Bo Cee.\"}\n",
        "\"just a string\"\n",
    );
    let run = claimx()
        .args(["extract", "--no-ner", "-"])
        .write_stdin(input)
        .assert()
        .code(2);
    let output = run.get_output();
    let articles: Vec<String> = json_lines(&output.stdout)
        .iter()
        .map(|r| r["article"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(articles, ["1e2", "12345678901234567890123", "x", "x~2"]);
    let stderr = stderr_of(output);
    assert!(stderr.contains("\"x~2\""), "{stderr}");
    assert!(stderr.contains("<stdin>:5: not a JSON object"), "{stderr}");
    assert!(
        !stderr.contains("InputLine") && !stderr.contains("struct"),
        "{stderr}"
    );

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.txt");
    fs::write(&file, GOOD).unwrap();
    let twice = claimx()
        .args(["extract", "--no-ner"])
        .arg(&file)
        .arg(dir.path())
        .assert()
        .success();
    assert_eq!(json_lines(&twice.get_output().stdout).len(), 1);
}

#[test]
fn a_line_over_the_limit_is_skipped_and_the_stream_goes_on() {
    let long = format!(
        "{{\"id\": \"big\", \"text\": \"{}\"}}\n",
        "word ".repeat(40_000)
    );
    let input = format!("{long}{{\"id\": \"ok\", \"text\": \"\\\"Yes,\\\" said Smith.\"}}\n");
    let run = claimx()
        .args(["extract", "--no-ner", "--max-bytes", "1000", "-"])
        .write_stdin(input)
        .assert()
        .code(2);
    let output = run.get_output();
    let stderr = stderr_of(output);
    assert!(
        stderr.contains("<stdin>:1: ") && stderr.contains("--max-bytes"),
        "{stderr}"
    );
    assert_eq!(json_lines(&output.stdout)[0]["article"], "ok");
}

#[test]
fn small_inputs_get_clear_words() {
    let dir = tempfile::tempdir().unwrap();
    let utf16: Vec<u8> = "\u{feff}\"Yes,\" said Smith.\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    fs::write(dir.path().join("wide.txt"), utf16).unwrap();
    let run = claimx()
        .args(["extract", "--no-ner"])
        .arg(dir.path().join("wide.txt"))
        .assert()
        .code(2);
    let stderr = stderr_of(run.get_output());
    assert!(
        stderr.contains("UTF-16") && stderr.contains("iconv"),
        "{stderr}"
    );

    let run = claimx()
        .args(["show", "--no-ner"])
        .arg(dir.path())
        .assert()
        .code(1);
    let stderr = stderr_of(run.get_output());
    assert_eq!(stderr.matches("(os error").count(), 1, "{stderr}");

    let empty = dir.path().join("empty");
    fs::create_dir(&empty).unwrap();
    let run = claimx()
        .args(["extract", "--no-ner"])
        .arg(&empty)
        .assert()
        .code(1);
    let stderr = stderr_of(run.get_output());
    assert!(stderr.contains("no articles to read"), "{stderr}");

    for jobs in ["0", "99999"] {
        claimx()
            .args(["extract", "--no-ner", "--jobs", jobs])
            .arg(dir.path())
            .assert()
            .code(1);
    }

    let unclosed = dir.path().join("unclosed.txt");
    fs::write(&unclosed, "Intro.\n\nHe said: \u{201c}We will win.\n").unwrap();
    let loud = claimx()
        .args(["extract", "--no-ner"])
        .arg(&unclosed)
        .assert();
    assert!(stderr_of(loud.get_output()).contains("never closed"));
    let quiet = claimx()
        .args(["extract", "--no-ner", "--quiet"])
        .arg(&unclosed)
        .assert();
    assert!(!stderr_of(quiet.get_output()).contains("never closed"));
}

#[test]
fn cr_line_ends_keep_their_paragraphs() {
    let text = "Council Delays Vote\r\r\"We will wait,\" said Maria Delgado.\r\rThe vote is next week, Tom Okafor said.\r";
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cr.txt");
    fs::write(&file, text).unwrap();
    let run = claimx()
        .args(["extract", "--no-ner"])
        .arg(&file)
        .assert()
        .success();
    let paragraphs: Vec<u64> = json_lines(&run.get_output().stdout)
        .iter()
        .map(|r| r["paragraph"].as_u64().unwrap())
        .collect();
    assert_eq!(paragraphs, [1, 2]);
}

#[test]
fn an_interrupted_run_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("claims.jsonl");
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("claimx"))
        .args(["extract", "--no-ner", "-", "-o"])
        .arg(&out)
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin
        .write_all(b"{\"id\": \"a\", \"text\": \"\\\"Yes,\\\" said Smith.\"}\n")
        .unwrap();
    let temporary = || {
        fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .ends_with(".tmp")
            })
            .count()
    };
    let started = Instant::now();
    while temporary() == 0 {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "no temporary file"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let kill = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let output = child.wait_with_output().unwrap();
    drop(stdin);
    assert_eq!(output.status.code(), Some(128 + 15));
    let stderr = stderr_of(&output);
    assert!(stderr.contains("interrupted by SIGTERM"), "{stderr}");
    assert_eq!(temporary(), 0, "the temporary file was left");
    assert!(!out.exists());
}
