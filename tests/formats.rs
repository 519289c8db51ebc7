//! `extract --format jsonld|csv` on real articles: every claim of the records comes out once,
//! with the same fields, in a shape a fact-checker's tool or a spreadsheet reads.

mod common;

use std::collections::HashSet;

use common::{claimx, json_lines, root};

/// Three PolNeAR dev articles and the corpus article, one run per format, no NER (the
/// shapes do not depend on it).
fn run(format: &str) -> Vec<u8> {
    let dev = root().join("../shared/data/polnear/dev/text");
    let mut cmd = claimx();
    cmd.args(["extract", "--no-ner", "-q", "--format", format])
        .arg(root().join("corpus/trump_putin_summit.txt"));
    for name in [
        "breitbart_2016-09-30_the-latest-trump-urges-supporter.txt",
        "huff-post_2016-09-27_hillary-clinton-goes-after-donal.txt",
        "nyt_2016-10-02_a-curious-plan-to-fight-climate-.txt",
    ] {
        cmd.arg(dev.join(name));
    }
    cmd.assert().success().get_output().stdout.clone()
}

#[test]
fn jsonld_gives_each_record_as_a_schema_org_claim() {
    let records = json_lines(&run("jsonl"));
    let claims = json_lines(&run("jsonld"));
    assert!(records.len() > 50, "{}", records.len());
    assert_eq!(claims.len(), records.len());
    let mut ids = HashSet::new();
    for (record, claim) in records.iter().zip(&claims) {
        assert_eq!(claim["@context"], "https://schema.org");
        assert_eq!(claim["@type"], "Claim");
        assert!(
            ids.insert(claim["@id"].as_str().unwrap().to_owned()),
            "{claim}"
        );
        assert_eq!(claim["identifier"], record["id"]);
        assert_eq!(claim["text"], record["content"]["text"]);
        assert_eq!(claim["appearance"]["name"], record["appearance"]);
        match record["speaker"].as_object() {
            None => assert!(claim.get("author").is_none()),
            Some(speaker) => {
                assert_eq!(claim["author"]["name"], speaker["name"]);
                let kind = match speaker["type"].as_str().unwrap() {
                    "PER" => Some("Person"),
                    "ORG" | "LOC" => Some("Organization"),
                    _ => None,
                };
                assert_eq!(claim["author"]["@type"].as_str(), kind);
                if kind == Some("Person") {
                    assert_eq!(
                        claim["author"]["jobTitle"].as_str(),
                        speaker["role"].as_str()
                    );
                }
            }
        }
    }
    // Some author carries the role the article gives it.
    assert!(claims.iter().any(|c| c["author"]["jobTitle"].is_string()));
    // The same input gives the same @id in another run.
    assert_eq!(json_lines(&run("jsonld")), claims);
}

#[test]
fn jsonld_takes_the_url_and_date_given_on_standard_input() {
    let line = r#"{"id": "summit/1", "text": "Putin aide Yury Ushakov said the meeting was useful.", "url": "https://example.org/summit", "date": "2018-06-20"}"#;
    let out = claimx()
        .args(["extract", "-", "--no-ner", "-q", "--format", "jsonld"])
        .write_stdin(line)
        .assert()
        .success();
    let claims = json_lines(&out.get_output().stdout);
    assert_eq!(claims.len(), 1);
    let claim = &claims[0];
    assert_eq!(claim["@id"], "urn:claimx:claim:summit/1:29-51");
    assert_eq!(claim["appearance"]["url"], "https://example.org/summit");
    assert_eq!(claim["datePublished"], "2018-06-20");
    assert_eq!(claim["author"]["name"], "Yury Ushakov");
    assert_eq!(claim["author"]["@type"], "Person");
    assert_eq!(claim["author"]["jobTitle"], "Putin aide");
}

#[test]
fn csv_has_a_header_and_one_row_a_record() {
    let records = json_lines(&run("jsonl"));
    let csv = run("csv");
    let mut reader = csv::Reader::from_reader(csv.as_slice());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header, claimx::formats::CSV_COLUMNS);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), records.len());
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    for (row, record) in rows.iter().zip(&records) {
        assert_eq!(&row[column("id")], record["id"].as_str().unwrap());
        assert_eq!(
            &row[column("content")],
            record["content"]["text"].as_str().unwrap()
        );
        assert_eq!(
            &row[column("cue_class")],
            record["cue_class"].as_str().unwrap()
        );
        assert_eq!(&row[column("rule")], record["rule"].as_str().unwrap());
        let start: u64 = row[column("content_start")].parse().unwrap();
        assert_eq!(start, record["content"]["start"].as_u64().unwrap());
        let speaker = record["speaker"]["name"].as_str().unwrap_or("");
        assert_eq!(&row[column("speaker")], speaker);
        let confidence: f64 = row[column("confidence")].parse().unwrap();
        assert_eq!(confidence, record["confidence"].as_f64().unwrap());
    }
    // Contents with commas and quotation marks survive the quoting.
    assert!(rows.iter().any(|r| r[column("content")].contains(',')));
    assert!(rows.iter().any(|r| r[column("content")].contains('"')));
}
