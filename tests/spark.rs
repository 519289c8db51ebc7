//! The Spark job of `examples/spark/` on a cluster of two executors gives, article by article,
//! the records a plain `claimx extract` gives over the same folder, and a bad article costs
//! only itself. Runs when `CLAIMX_SPARK_TEST=1`, as `.ci/run` sets it after
//! `scripts/setup-spark.sh` has installed a JRE and pyspark into `.venv-spark/`.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{claimx, root};

/// The variable that turns the test on: it needs Java and pyspark, which a plain
/// `cargo test` on a developer's machine may not have.
const SWITCH: &str = "CLAIMX_SPARK_TEST";

/// Two workers of one core and 1024 MB each, in their own JVMs: executors started as on a
/// real cluster (each its own process, log and claimx), on the machine's two cores.
const MASTER: &str = "local-cluster[2,1,1024]";

/// The NER precision of both runs: claimx's default. int8 quantises activations over a
/// whole batch, and claimx never batches one article's sentences with another's, so an
/// article's records do not depend on how Spark splits the input; this comparison checks it.
const PRECISION: &str = "int8";

/// "Café owner ..." in Latin-1: claimx must report it as not UTF-8, never read it lossily.
const LATIN1: &[u8] = b"Caf\xe9 owner Jean Dupont said the rent had doubled.\n";

#[test]
fn the_spark_job_gives_the_records_of_a_plain_run_article_by_article() {
    if std::env::var_os(SWITCH).is_none_or(|v| v != "1") {
        // Straight to standard error: libtest would hide an eprintln! of a passing test.
        let _ = writeln!(
            std::io::stderr(),
            "tests/spark.rs: skipped, set {SWITCH}=1 to run the Spark job \
             (scripts/setup-spark.sh installs what it needs)"
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("articles");
    let good = copy_dev_articles(&input);
    fs::create_dir(input.join("bad")).unwrap();
    fs::write(input.join("bad/latin1.txt"), LATIN1).unwrap();
    fs::write(input.join("bad/empty.txt"), "").unwrap();

    let plain = claimx()
        .args(["extract", "--progress", "never", "--keep-going"])
        .args(["--ner-precision", PRECISION])
        .arg(&input)
        .assert()
        .success();
    let plain = by_article(std::str::from_utf8(&plain.get_output().stdout).unwrap());

    let output = dir.path().join("records");
    let run = spark_submit(&input, &output);
    // spark-submit passes the Python driver's standard error on to its own standard output.
    let log = String::from_utf8_lossy(&[run.stdout, run.stderr].concat()).into_owned();
    assert!(run.status.success(), "the Spark job failed:\n{log}");
    let app = application_id(&log);
    let claimx_messages = executor_messages(&app);
    let spark = by_article(&read_parts(&output));

    let articles: BTreeSet<&String> = spark.keys().collect();
    assert_eq!(
        articles,
        plain.keys().collect(),
        "the articles with records"
    );
    assert_eq!(
        articles,
        good.iter().collect(),
        "every good article, no bad one"
    );
    // The job gives each article its file as Hadoop names it, `file:` and the path that a
    // plain run puts in `appearance`; every other byte is the same.
    for (article, records) in &plain {
        let spark: Vec<String> = spark[article]
            .iter()
            .map(|r| r.replacen("\"appearance\":\"file:", "\"appearance\":\"", 1))
            .collect();
        assert_eq!(&spark, records, "the records of {article}");
    }
    let has = |text: &str| claimx_messages.iter().any(|m| m.contains(text));
    assert!(
        has("(id \"bad/latin1\"): not UTF-8 (invalid byte 0xE9 at byte 3, line 1)"),
        "{claimx_messages:#?}"
    );
    assert!(has("(id \"bad/empty\"): empty"), "{claimx_messages:#?}");
    assert_eq!(
        summed(&claimx_messages, " articles read"),
        good.len() + 2,
        "{claimx_messages:#?}"
    );
    assert_eq!(
        summed(&claimx_messages, " articles failed"),
        2,
        "{claimx_messages:#?}"
    );
}

/// Copies the PolNeAR dev articles into `dir`; returns their ids.
fn copy_dev_articles(dir: &Path) -> BTreeSet<String> {
    fs::create_dir(dir).unwrap();
    let dev = root().join("../shared/data/polnear/dev/text");
    let mut ids = BTreeSet::new();
    for entry in fs::read_dir(&dev).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
            ids.insert(path.file_stem().unwrap().to_str().unwrap().to_owned());
        }
    }
    assert_eq!(ids.len(), 84, "PolNeAR dev has 84 articles");
    ids
}

/// Where `scripts/setup-spark.sh` installs pyspark.
fn venv() -> PathBuf {
    root().join(".venv-spark")
}

/// Runs the job with the debug `claimx` that cargo built for this test. The venv's `bin`
/// goes first on PATH, as activating it would, so that spark-submit, the driver and the
/// executors find its pyspark. Spark's own logs stay in the returned output.
fn spark_submit(input: &Path, output: &Path) -> Output {
    let bin = venv().join("bin");
    assert!(
        bin.join("spark-submit").is_file(),
        "{}: no spark-submit; run scripts/setup-spark.sh",
        bin.display()
    );
    let path = std::env::var_os("PATH").unwrap_or_default();
    let path =
        std::env::join_paths(std::iter::once(bin).chain(std::env::split_paths(&path))).unwrap();
    let example = root().join("examples/spark");
    Command::new("spark-submit")
        .env("PATH", path)
        .env("SPARK_LOCAL_IP", "127.0.0.1")
        .args(["--master", MASTER, "--properties-file"])
        .arg(example.join("local.conf"))
        .arg(example.join("claimx_spark.py"))
        .arg(input)
        .arg(output)
        .arg("--claimx")
        .arg(env!("CARGO_BIN_EXE_claimx"))
        .args(["--", "--ner-precision", PRECISION])
        .output()
        .expect("spark-submit starts")
}

/// The application id the job reports, which names its executors' log folder.
fn application_id(log: &str) -> String {
    log.lines()
        .find_map(|line| line.strip_prefix("claimx_spark: application "))
        .and_then(|rest| rest.split(':').next())
        .unwrap_or_else(|| panic!("no application id in the job's output:\n{log}"))
        .to_owned()
}

/// claimx's lines in the standard error logs of the application's executors, which
/// local-cluster keeps under `$SPARK_HOME/work/APP/EXECUTOR/stderr` (pyspark's folder in the
/// venv). The folder is removed once read, so that runs do not pile up in the venv.
fn executor_messages(app: &str) -> Vec<String> {
    let lib = venv().join("lib");
    let work = fs::read_dir(&lib)
        .unwrap()
        .map(|python| python.unwrap().path().join("site-packages/pyspark/work"))
        .map(|work| work.join(app))
        .find(|folder| folder.is_dir())
        .unwrap_or_else(|| panic!("no executor logs of {app} under {}", lib.display()));
    let mut messages = Vec::new();
    for executor in fs::read_dir(&work).unwrap() {
        let log = fs::read_to_string(executor.unwrap().path().join("stderr")).unwrap();
        messages.extend(
            log.lines()
                .filter(|line| line.starts_with("claimx: "))
                .map(str::to_owned),
        );
    }
    fs::remove_dir_all(&work).unwrap();
    messages
}

/// The records of every `part-*` file of the job's output folder.
fn read_parts(output: &Path) -> String {
    let mut parts: Vec<PathBuf> = fs::read_dir(output)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            path.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("part-"))
        })
        .collect();
    parts.sort();
    assert!(!parts.is_empty(), "no part file in {}", output.display());
    parts
        .iter()
        .map(|part| fs::read_to_string(part).unwrap())
        .collect()
}

/// Each article's record lines, in the order written: Spark's output may order articles
/// differently, never the records of one article, which one claimx writes together.
fn by_article(records: &str) -> BTreeMap<String, Vec<String>> {
    let mut articles: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for line in records.lines() {
        let record: serde_json::Value = serde_json::from_str(line).expect("a JSON record");
        let article = record["article"]
            .as_str()
            .expect("an article id")
            .to_owned();
        articles.entry(article).or_default().push(line.to_owned());
    }
    articles
}

/// The sum over claimx's summary lines (`claimx: 46 articles read, ...`) of the number
/// before `label`.
fn summed(messages: &[String], label: &str) -> usize {
    messages
        .iter()
        .filter_map(|m| {
            m.split(", ")
                .flat_map(|p| p.split(": "))
                .find_map(|p| p.strip_suffix(label))
        })
        .map(|n| n.trim().parse::<usize>().expect("a count"))
        .sum()
}
