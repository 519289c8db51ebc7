//! Claim records as written by `claimx extract` on real articles: valid against the schema,
//! offsets that give back each span's text, deterministic whatever the thread count.

mod common;

use std::path::{Path, PathBuf};

use claimx::claims::ClaimRecord;
use common::{assert_span_text, claimx, json_lines, root, stderr_of};

/// The sample corpus and the PolNeAR dev articles: every article the tests run on.
fn article_dirs() -> [PathBuf; 2] {
    [
        root().join("corpus"),
        root().join("../shared/data/polnear/dev/text"),
    ]
}

fn extract(dir: &Path, jobs: &str) -> Vec<u8> {
    let run = claimx()
        .args(["extract", "--progress", "never", "--jobs", jobs])
        .arg(dir)
        .assert()
        .success();
    run.get_output().stdout.clone()
}

/// The whole PolNeAR train split with NER on, run twice with two jobs and once with one:
/// the same bytes every time (the tagging workers cut the same groups whatever their number).
#[test]
fn the_train_split_gives_the_same_bytes_every_run_and_every_job_count() {
    let train = root().join("../shared/data/polnear/train/text");
    let first = extract(&train, "2");
    assert!(
        json_lines(&first).len() > 10_000,
        "too few records on train"
    );
    assert!(
        first == extract(&train, "2"),
        "two runs with --jobs 2 differ"
    );
    assert!(
        first == extract(&train, "1"),
        "--jobs 1 and --jobs 2 differ"
    );
}

#[test]
fn output_is_byte_identical_for_one_and_two_jobs() {
    for dir in article_dirs() {
        let one = extract(&dir, "1");
        assert!(!one.is_empty(), "{}: no records", dir.display());
        assert!(
            one == extract(&dir, "2"),
            "{}: output differs between --jobs 1 and 2",
            dir.display()
        );
    }
}

#[test]
fn every_record_validates_against_the_printed_schema() {
    let schema_out = claimx().arg("schema").assert().success();
    let schema: serde_json::Value =
        serde_json::from_slice(&schema_out.get_output().stdout).unwrap();
    let validator = jsonschema::draft202012::new(&schema).expect("a valid schema");
    for dir in article_dirs() {
        let records = json_lines(&extract(&dir, "2"));
        assert!(
            records.len() > 10,
            "{}: only {} records",
            dir.display(),
            records.len()
        );
        for record in &records {
            let errors: Vec<String> = validator
                .iter_errors(record)
                .map(|e| e.to_string())
                .collect();
            assert!(errors.is_empty(), "{record}: {errors:?}");
            let typed: ClaimRecord = serde_json::from_value(record.clone()).expect("reads back");
            assert_eq!(serde_json::to_value(&typed).unwrap(), *record);
        }
    }
}

#[test]
fn every_span_of_every_record_slices_back_to_its_text() {
    for dir in article_dirs() {
        let records = json_lines(&extract(&dir, "2"));
        let mut spans = 0;
        for record in &records {
            let path = dir.join(format!("{}.txt", record["article"].as_str().unwrap()));
            let text: Vec<char> = std::fs::read_to_string(&path).unwrap().chars().collect();
            let context = record.to_string();
            let mut check = |span: &serde_json::Value| {
                assert_span_text(&text, span, &context);
                spans += 1;
            };
            for part in record["content"]["parts"].as_array().unwrap() {
                check(part);
            }
            for key in ["speaker", "cue"] {
                if !record[key].is_null() {
                    check(&record[key]);
                }
            }
            for entity in record["entities"].as_array().unwrap() {
                check(entity);
            }
        }
        assert!(
            spans > records.len(),
            "{}: spans were checked",
            dir.display()
        );
    }
}

#[test]
fn the_summit_article_has_trumps_suggestion_nested_in_the_tass_quote() {
    let records = json_lines(&extract(&root().join("corpus"), "2"));
    let trump = records
        .iter()
        .find(|r| r["article"] == "trump_putin_summit" && r["cue"]["text"] == "suggested")
        .expect("a record with the cue \"suggested\"");
    assert_eq!(
        trump["content"]["text"],
        "the first meeting could be held in Washington"
    );
    assert!(trump["speaker"]["text"] == "Trump", "{trump}");
    assert!(
        trump["speaker"]["name"]
            .as_str()
            .unwrap()
            .ends_with("Trump"),
        "{trump}"
    );
    let parent = trump["parent"].as_str().expect("a parent claim");
    let outer = records
        .iter()
        .find(|r| r["id"] == parent)
        .expect("the parent record");
    assert!(
        outer["content"]["text"]
            .as_str()
            .unwrap()
            .contains("Trump suggested that"),
        "{outer}"
    );
    assert_eq!(outer["speaker"]["name"], "TASS", "{outer}");
}

#[test]
fn show_marks_speaker_cue_and_content_and_lists_the_claims() {
    let run = claimx()
        .arg("show")
        .arg(root().join("corpus/trump_putin_summit.txt"))
        .assert()
        .success();
    let shown = String::from_utf8(run.get_output().stdout.clone()).unwrap();
    assert!(!shown.contains('\x1b'), "no colour when not a terminal");
    assert!(
        shown.contains(
            "[S15 Trump] [C15 suggested] that {15 the first meeting could be held in Washington}"
        ),
        "{shown}"
    );
    let table = shown.split("\n\n").last().unwrap();
    assert!(table.starts_with("claim"), "{table}");
    assert!(
        table
            .lines()
            .any(|l| l.contains("suggested") && l.contains("Trump")),
        "{table}"
    );
}

/// The first two PolNeAR dev articles, as (stem, text), in name order.
fn two_dev_articles() -> [(String, String); 2] {
    let dir = root().join("../shared/data/polnear/dev/text");
    let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    names.sort();
    let read = |path: &Path| {
        let stem = path.file_stem().unwrap().to_str().unwrap().to_owned();
        (stem, std::fs::read_to_string(path).unwrap())
    };
    [read(&names[0]), read(&names[1])]
}

/// Runs `extract --no-ner` with `args` and `stdin`, and returns its records.
fn extract_no_ner(args: &[&std::ffi::OsStr], stdin: String) -> Vec<serde_json::Value> {
    let run = claimx()
        .args(["extract", "--no-ner", "--progress", "never"])
        .args(args)
        .write_stdin(stdin)
        .assert()
        .success();
    json_lines(&run.get_output().stdout)
}

#[test]
fn url_and_date_reach_every_record_of_their_article_and_no_other() {
    let [(first, first_text), (second, second_text)] = two_dev_articles();
    let url = "https://www.breitbart.com/2016/09/12/stealth-over-health/";
    let input = format!(
        "{}\n{}\n",
        serde_json::json!({"id": first, "text": first_text, "url": url, "date": "2016-09-12"}),
        serde_json::json!({"id": second, "text": second_text})
    );
    let records = extract_no_ner(&["-".as_ref()], input);
    let of = |article: &str| -> Vec<&serde_json::Value> {
        records.iter().filter(|r| r["article"] == article).collect()
    };
    let (with, without) = (of(&first), of(&second));
    assert!(!with.is_empty() && !without.is_empty(), "{records:?}");
    assert_eq!(with.len() + without.len(), records.len());
    for record in &with {
        assert_eq!(record["appearance"], url, "{record}");
        assert_eq!(record["date"], "2016-09-12", "{record}");
    }
    for record in &without {
        assert!(record["appearance"].is_null(), "{record}");
        assert!(record["date"].is_null(), "{record}");
    }

    // The same article read from its file appears at its path; with the url and date put
    // in place of the path, its records are those of the stdin run, field for field.
    let file = root()
        .join("../shared/data/polnear/dev/text")
        .join(format!("{first}.txt"));
    let from_file = extract_no_ner(&[file.as_os_str()], String::new());
    assert_eq!(from_file.len(), with.len());
    for (mut record, stdin) in from_file.into_iter().zip(with) {
        assert_eq!(record["appearance"], file.to_str().unwrap(), "{record}");
        assert!(record["date"].is_null(), "{record}");
        record["appearance"] = url.into();
        record["date"] = "2016-09-12".into();
        assert_eq!(record, *stdin);
    }
}

#[test]
fn a_file_in_a_folder_appears_at_the_folder_joined_with_its_path() {
    let [(first, text), _] = two_dev_articles();
    let dir = tempfile::tempdir().unwrap();
    let nested = dir.path().join("2016/09");
    std::fs::create_dir_all(&nested).unwrap();
    std::fs::write(nested.join(format!("{first}.txt")), &text).unwrap();
    let records = extract_no_ner(&[dir.path().as_os_str()], String::new());
    assert!(!records.is_empty());
    let path = format!("{}/2016/09/{first}.txt", dir.path().display());
    for record in &records {
        assert_eq!(record["article"], format!("2016/09/{first}"), "{record}");
        assert_eq!(record["appearance"], path.as_str(), "{record}");
    }
}

#[test]
fn a_url_or_date_that_is_not_a_string_costs_only_its_line() {
    let [(first, text), _] = two_dev_articles();
    let input = format!(
        "{}\n{}\n",
        serde_json::json!({"id": "bad", "text": text, "url": 42}),
        serde_json::json!({"id": first, "text": text, "date": "12 September 2016"})
    );
    let run = claimx()
        .args(["extract", "--no-ner", "--progress", "never", "-"])
        .write_stdin(input)
        .assert()
        .code(2);
    let output = run.get_output();
    let stderr = stderr_of(output);
    assert!(
        stderr.contains("<stdin>:1 (id \"bad\"): not a JSON object")
            && stderr.contains("\"url\" must be a string, not 42"),
        "{stderr}"
    );
    let records = json_lines(&output.stdout);
    assert!(!records.is_empty());
    assert!(records
        .iter()
        .all(|r| r["article"] == first.as_str() && r["date"] == "12 September 2016"));
}
