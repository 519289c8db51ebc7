//! `extract --progress always` with standard error not a terminal: the plain progress lines
//! count articles as they finish, not a chunk of 64 at a time, from files and from stdin.

mod common;

use std::path::PathBuf;

use common::{claimx, root, stderr_of};

fn dev_texts() -> PathBuf {
    root().join("../shared/data/polnear/dev/text")
}

/// The finished-article counts of the progress lines ("claimx: 17 of 84 articles, ..." or
/// "claimx: 17 articles (64 read), ..."), in the order written.
fn counts(stderr: &str) -> Vec<u64> {
    stderr
        .lines()
        .filter_map(|line| line.strip_prefix("claimx: "))
        .filter(|line| line.contains(" claims, "))
        .filter_map(|line| line.split(' ').next()?.parse().ok())
        .collect()
}

#[test]
fn progress_lines_count_every_finished_article_up_to_the_total() {
    let run = claimx()
        .args([
            "extract",
            "--no-ner",
            "--progress",
            "always",
            "--progress-interval",
            "0",
        ])
        .arg(dev_texts())
        .assert()
        .success();
    let stderr = stderr_of(run.get_output());
    let counts = counts(&stderr);
    // One line an article (interval 0), each count one more than the last: not the chunks
    // of 64 the articles are processed in.
    assert_eq!(counts, (1..=84).collect::<Vec<u64>>(), "{stderr}");
    assert!(counts.iter().any(|n| n % 64 != 0 && *n < 64), "{counts:?}");
    let last = stderr
        .lines()
        .find(|l| l.starts_with("claimx: 84 of 84 articles"))
        .unwrap();
    assert!(
        last.contains(" claims, ") && last.contains("articles/s, ETA 0s"),
        "{last}"
    );
}

#[test]
fn progress_lines_count_articles_read_from_standard_input() {
    let mut lines = String::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(dev_texts())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let id = file.file_stem().unwrap().to_string_lossy();
        lines.push_str(&serde_json::json!({"id": id, "text": text}).to_string());
        lines.push('\n');
    }
    let run = claimx()
        .args([
            "extract",
            "-",
            "--no-ner",
            "--progress",
            "always",
            "--progress-interval",
            "0",
        ])
        .write_stdin(lines)
        .assert()
        .success();
    let stderr = stderr_of(run.get_output());
    let counts = counts(&stderr);
    assert_eq!(counts, (1..=84).collect::<Vec<u64>>(), "{stderr}");
    // Without a total the lines say how many have been read so far: the first chunk's 64.
    assert!(
        stderr.contains("claimx: 1 articles (64 read), "),
        "{stderr}"
    );
    assert!(
        stderr.contains("claimx: 84 articles (84 read), "),
        "{stderr}"
    );
}
