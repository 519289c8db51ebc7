//! `claimx eval`: the brat reader, the scorer on hand-made gold and claims, JSON-lines
//! predictions, and the real PolNeAR dev gold.

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use claimx::attribution::{Act, ClaimKind, ResolvedBy, Rule};
use claimx::claims::{ClaimRecord, ContentRecord, SpanRecord, SpeakerRecord, SpeakerType};
use claimx::eval::{self, brat, EvalError, GoldArticle, Prf};
use claimx::pipeline::Pipeline;

/// A made-up article (not PolNeAR text) with non-ASCII quotation marks, so that code-point
/// and byte offsets differ.
const TEXT: &str = "Kremlin aide Yury Ushakov said on Monday that the talks were “useful”.\n\
                    “We will meet again,” Ushakov told reporters, “maybe in May.”\n\
                    It was reported that the deal is close.";

/// Its annotation: a plain attribution, a discontinuous content, one with no source and a
/// `Content2`, a span running over a line break, a note, and four bad lines (an offset past
/// the end, an event naming a missing span, a stray line, an unknown role).
const ANN: &str = "T1\tSource 13 25\tYury Ushakov
T2\tCue 26 30\tsaid
T3\tContent 41 69\tthat the talks were “useful”
T4\tAttribution 26 30\tsaid
E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3
T5\tContent 71 92;117 132\t“We will meet again,” “maybe in May.”
T6\tSource 93 100\tUshakov
T7\tCue 101 105\ttold
T8\tAttribution 101 105\ttold
E2\tAttribution:T8 Content:T5 Source:T6 Cue:T7
T9\tCue 136 148\twas reported
T10\tContent 154 162\tthe deal
T11\tAttribution-no-source 136 148\twas reported
T12\tContent 163 171\tis close
E3\tAttribution-no-source:T11 Cue:T9 Content:T10 Content2:T12
T13\tDiscard 62 74\tuseful”.
“We
#1\tAnnotatorNotes T13\tspans a line break
T14\tSource 170 180\tse.
E4\tAttribution:T4 Source:T14 Cue:T2 Content:T3
a stray line
E5\tAttribution:T4 Speaker:T1 Content:T3

";

fn gold() -> GoldArticle {
    let path = Path::new("gold/attributions/article_a.ann");
    let (attributions, skipped) = brat::parse_ann(ANN, TEXT, path);
    assert_eq!(skipped.len(), 4, "{skipped:#?}");
    GoldArticle {
        stem: "article".into(),
        ann_path: path.to_owned(),
        text: TEXT.into(),
        attributions,
    }
}

/// The text at code points `start..end` of [`TEXT`].
fn at(start: usize, end: usize) -> SpanRecord {
    SpanRecord {
        text: TEXT.chars().skip(start).take(end - start).collect(),
        start,
        end,
    }
}

/// A content of the given parts, as `records` builds it.
fn content_of(parts: &[(usize, usize)]) -> ContentRecord {
    let parts: Vec<SpanRecord> = parts.iter().map(|&(s, e)| at(s, e)).collect();
    ContentRecord {
        text: parts
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join(" "),
        start: parts[0].start,
        end: parts[parts.len() - 1].end,
        parts,
    }
}

/// A claim of "article"; `speaker` is `(start, end, resolved name)`.
fn claim(
    speaker: Option<(usize, usize, &str)>,
    cue: Option<(usize, usize)>,
    content: (usize, usize),
    confidence: f64,
) -> ClaimRecord {
    ClaimRecord {
        article: "article".into(),
        appearance: None,
        date: None,
        id: "article#1".into(),
        kind: ClaimKind::Indirect,
        speaker: speaker.map(|(start, end, name)| SpeakerRecord {
            text: at(start, end).text,
            start,
            end,
            name: name.into(),
            kind: SpeakerType::Per,
            resolved_by: ResolvedBy::Explicit,
            role: None,
        }),
        cue: cue.map(|(s, e)| at(s, e)),
        cue_class: Some(Act::Statement),
        content: content_of(&[content]),
        entities: Vec::new(),
        sentence: 0,
        paragraph: 0,
        parent: None,
        confidence,
        rule: Some(Rule::PostPosed),
    }
}

fn score(claims: Vec<ClaimRecord>) -> eval::Report {
    eval::score(&[gold()], &HashMap::from([("article".to_owned(), claims)]))
}

/// `(correct, predicted, found, gold)` of a score.
fn counts(prf: &Prf) -> (usize, usize, usize, usize) {
    (prf.correct, prf.predicted, prf.found, prf.gold)
}

#[test]
fn brat_lines_become_attributions() {
    let path = Path::new("gold/attributions/article_a.ann");
    let (gold, skipped) = brat::parse_ann(ANN, TEXT, path);
    assert_eq!(gold.len(), 3);

    let e1 = &gold[0];
    assert_eq!((e1.id.as_str(), e1.line), ("E1", 5));
    assert_eq!(e1.source.as_ref().unwrap().text, "Yury Ushakov");
    assert_eq!(e1.cue.as_ref().unwrap().fragments, [(26, 30)]);
    assert!(e1.is_quoted());

    let content = gold[1].content.as_ref().unwrap();
    assert_eq!(content.fragments, [(71, 92), (117, 132)]);
    assert_eq!(content.hull(), (71, 132));
    assert_eq!(content.len(), 36);

    let e3 = &gold[2];
    assert!(e3.source.is_none());
    let content = e3.content.as_ref().unwrap();
    assert_eq!(content.fragments, [(154, 162), (163, 171)]);
    assert_eq!(content.text, "the deal is close");
    assert!(!e3.is_quoted());

    let lines: Vec<(usize, &str)> = skipped
        .iter()
        .map(|s| (s.line, s.reason.split(':').next().unwrap()))
        .collect();
    // The stray line is reported as it is met; spans and events after all lines are joined.
    assert_eq!(
        lines,
        [
            (
                21,
                "not a brat record and not the continuation of a span's text"
            ),
            (19, "T14"),
            (20, "E4"),
            (22, "E5")
        ]
    );
    assert!(skipped[1].reason.contains("not inside the article"));
    assert!(skipped[2].reason.contains("T14"));
    assert!(skipped[3].reason.contains("unknown role `Speaker`"));
    assert!(skipped[0]
        .to_string()
        .starts_with("gold/attributions/article_a.ann:21: "));
}

#[test]
fn a_span_whose_text_differs_from_the_article_is_skipped() {
    let ann = "T1\tSource 13 25\tYury Ushakow\nT2\tContent 41 69\tthat the talks were “useful”\n\
               E1\tAttribution:T2 Source:T1 Content:T2\n";
    let (gold, skipped) = brat::parse_ann(ann, TEXT, Path::new("x.ann"));
    assert!(gold.is_empty());
    assert_eq!(skipped.len(), 2);
    assert!(skipped[0].reason.contains("differs from the article"));
    assert_eq!(skipped[1].line, 3);
}

#[test]
fn exact_and_overlap_differ_and_hulls_match_discontinuous_spans() {
    let report = score(vec![
        // Content one code point too early: overlaps, not exact.
        claim(
            Some((13, 25, "Yury Ushakov")),
            Some((26, 30)),
            (40, 69),
            0.9,
        ),
        // The hull of a discontinuous content: exact.
        claim(
            Some((93, 100, "Yury Ushakov")),
            Some((101, 105)),
            (71, 132),
            0.9,
        ),
        // No speaker, for the gold without a source.
        claim(None, Some((136, 148)), (154, 171), 0.9),
    ]);
    let all = &report.overall;
    assert_eq!(counts(&all.content.exact), (2, 3, 2, 3));
    assert_eq!(counts(&all.content.overlap), (3, 3, 3, 3));
    assert_eq!(counts(&all.cue.exact), (3, 3, 3, 3));
    assert_eq!(counts(&all.source.exact), (2, 2, 2, 2));
    assert_eq!(counts(&all.content_source), (3, 3, 3, 3));
    assert!((all.content.exact.f1 - 2.0 / 3.0).abs() < 1e-9);
    assert_eq!(report.gold.attributions, 3);
    assert_eq!(report.gold.quoted, 2);
    assert_eq!(report.gold.without_source, 1);
    assert_eq!(report.gold.discontinuous, 2);
}

#[test]
fn half_of_the_gold_content_is_enough_and_less_is_not() {
    let speaker = Some((13, 25, "Yury Ushakov"));
    // E1's content is 41..69, 28 code points: 14 is half.
    let half = score(vec![claim(speaker, None, (41, 55), 0.5)]);
    assert_eq!(counts(&half.overall.content_source), (1, 1, 1, 3));
    let less = score(vec![claim(speaker, None, (41, 54), 0.5)]);
    assert_eq!(counts(&less.overall.content_source), (0, 1, 0, 3));
    // Only the first fragment of E2 (21 of 36 code points) is enough, but not exact.
    let first = score(vec![claim(Some((93, 100, "Ushakov")), None, (71, 92), 0.5)]);
    assert_eq!(first.overall.content_source.found, 1);
    assert_eq!(first.overall.content.exact.correct, 0);
    assert_eq!(first.overall.content.overlap.correct, 1);
}

#[test]
fn the_speaker_must_overlap_or_name_the_gold_source() {
    let found = |speaker| {
        score(vec![claim(speaker, None, (41, 69), 0.5)])
            .overall
            .content_source
            .found
    };
    // Overlapping the gold source, whatever the name.
    assert_eq!(found(Some((0, 25, "the Kremlin"))), 1);
    // Elsewhere in the text, but naming the gold source "Yury Ushakov".
    assert_eq!(found(Some((93, 100, "Yury Ushakov"))), 1);
    assert_eq!(found(Some((93, 100, "yury ushakov"))), 1);
    // Elsewhere, with the gold source's words inside the name.
    assert_eq!(found(Some((93, 100, "Kremlin aide Yury Ushakov"))), 1);
    // Elsewhere and someone else.
    assert_eq!(found(Some((0, 12, "Kremlin aide"))), 0);
    assert_eq!(found(Some((106, 115, "Sergei Lavrov"))), 0);
    // The mention's own text ("Ushakov") names the source, whatever the resolved name.
    assert_eq!(found(Some((93, 100, "Sergei Lavrov"))), 1);
    // No speaker for a gold attribution that has a source.
    assert_eq!(found(None), 0);
    // A gold attribution without a source is found by its content alone.
    let no_source = |speaker| {
        score(vec![claim(speaker, None, (154, 171), 0.5)])
            .overall
            .content_source
            .found
    };
    assert_eq!(no_source(None), 1);
    assert_eq!(no_source(Some((0, 12, "Kremlin aide"))), 1);
}

#[test]
fn names_match_whole_words_only() {
    assert!(eval::names("Yury Ushakov", "Yury Ushakov"));
    assert!(eval::names("Ushakov", "Kremlin aide Yury Ushakov"));
    assert!(eval::names("YURY USHAKOV,", "Ushakov"));
    assert!(!eval::names("Ushak", "Yury Ushakov"));
    assert!(!eval::names("he", "the agency"));
    assert!(!eval::names("", "Yury Ushakov"));
}

#[test]
fn one_claim_finds_one_gold_attribution() {
    // Two copies of one right claim: the second has nothing left to find.
    let right = claim(
        Some((13, 25, "Yury Ushakov")),
        Some((26, 30)),
        (41, 69),
        0.5,
    );
    let report = score(vec![right.clone(), right]);
    assert_eq!(counts(&report.overall.content_source), (1, 2, 1, 3));
    assert_eq!(counts(&report.overall.source.exact), (1, 2, 1, 2));
}

#[test]
fn quoted_subset_and_confidence_thresholds() {
    let report = score(vec![
        // Right, quoted.
        claim(Some((13, 25, "Yury Ushakov")), None, (41, 69), 0.95),
        // Right, finds the unquoted E3.
        claim(None, None, (154, 171), 0.6),
        // Wrong, quoted: covers 7 of E1's 28 code points.
        claim(None, None, (62, 69), 0.1),
    ]);
    assert_eq!(counts(&report.overall.content_source), (2, 3, 2, 3));
    assert_eq!(counts(&report.quoted.content_source), (1, 2, 1, 2));
    assert_eq!(report.quoted.content_source.precision, 0.5);
    assert_eq!(report.predicted.quoted, 2);

    let at: Vec<(f64, (usize, usize, usize, usize))> = report
        .thresholds
        .iter()
        .map(|t| (t.threshold, counts(&t.content_source)))
        .collect();
    assert_eq!(
        at,
        [
            (0.0, (2, 3, 2, 3)),
            (0.3, (2, 2, 2, 3)),
            (0.5, (2, 2, 2, 3)),
            (0.7, (1, 1, 1, 3)),
            (0.9, (1, 1, 1, 3)),
        ]
    );
    let table = report.to_string();
    assert!(table.contains("content+source"), "{table}");
    assert!(
        table.contains("gold content with quotation marks"),
        "{table}"
    );
}

/// Writes [`TEXT`] and [`ANN`] (and a second annotator's empty file) in the PolNeAR layout.
fn gold_dir(root: &Path) -> std::path::PathBuf {
    let dir = root.join("gold");
    fs::create_dir_all(dir.join("text")).unwrap();
    fs::create_dir_all(dir.join("attributions")).unwrap();
    fs::write(dir.join("text/article.txt"), TEXT).unwrap();
    fs::write(dir.join("attributions/article_a.ann"), ANN).unwrap();
    fs::write(dir.join("attributions/article_b.ann"), "").unwrap();
    fs::write(dir.join("text/unannotated.txt"), "No one said anything.").unwrap();
    dir
}

#[test]
fn predictions_read_back_from_json_lines() {
    let root = tempfile::tempdir().unwrap();
    let dir = gold_dir(root.path());
    let mut claims = vec![
        claim(
            Some((13, 25, "Yury Ushakov")),
            Some((26, 30)),
            (41, 69),
            0.95,
        ),
        claim(
            Some((93, 100, "Yury Ushakov")),
            Some((101, 105)),
            (71, 132),
            0.8,
        ),
    ];
    // Ids that keep a folder still meet the gold stem.
    claims[1].article = "gold/text/article".into();
    claims.push(ClaimRecord {
        article: "elsewhere".into(),
        ..claims[0].clone()
    });
    let mut jsonl: Vec<String> = claims
        .iter()
        .map(|c| serde_json::to_string(c).unwrap())
        .collect();
    jsonl.insert(1, String::new());
    jsonl.push("{\"article\": \"article\"}".into());
    let pred = root.path().join("pred.jsonl");
    fs::write(&pred, jsonl.join("\n")).unwrap();

    let (read, skipped) = eval::read_jsonl(&pred).unwrap();
    assert_eq!(read["article"], claims[..2]);
    assert_eq!(skipped.len(), 1);
    assert_eq!(skipped[0].line, 5);

    let report = eval::run(&dir, Some(&pred), &Pipeline::default()).unwrap();
    assert_eq!(report.gold.articles, 1);
    assert_eq!(report.predicted.claims, 2);
    assert_eq!(report.predicted.unknown_article, 1);
    assert_eq!(counts(&report.overall.content_source), (2, 2, 2, 3));
    // The bad prediction line, the four bad .ann lines, the text without annotation.
    assert_eq!(report.skipped.len(), 6, "{:#?}", report.skipped);
    let json: serde_json::Value = serde_json::to_value(&report).unwrap();
    assert_eq!(json["overall"]["content_source"]["found"], 2);
    assert_eq!(json["gold"]["quoted"], 2);
}

/// Another tool's records in version 1 (no `cue_class`, `rule`, `appearance` or `date`, as
/// `bench/peers/textacy_claims.py` writes them) are scored like claimx's own, and stay out
/// of the calibration and the by-rule table, which are keyed by claimx's rules.
#[test]
fn version_1_records_are_scored_without_a_rule() {
    let root = tempfile::tempdir().unwrap();
    let dir = gold_dir(root.path());
    let v1 = |claim: ClaimRecord| {
        let mut json = serde_json::to_value(claim).unwrap();
        let object = json.as_object_mut().unwrap();
        for field in ["cue_class", "rule", "appearance", "date"] {
            object.remove(field).unwrap();
        }
        json.to_string()
    };
    let lines = [
        v1(claim(
            Some((13, 25, "Yury Ushakov")),
            Some((26, 30)),
            (41, 69),
            1.0,
        )),
        v1(claim(Some((0, 4, "TASS")), None, (71, 132), 1.0)),
    ];
    let pred = root.path().join("v1.jsonl");
    fs::write(&pred, lines.join("\n")).unwrap();

    let (read, skipped) = eval::read_jsonl(&pred).unwrap();
    assert!(skipped.is_empty(), "{skipped:#?}");
    assert!(read["article"].iter().all(|c| c.rule.is_none()));
    let report = eval::run(&dir, Some(&pred), &Pipeline::default()).unwrap();
    assert_eq!(counts(&report.overall.content_source), (1, 2, 1, 3));
    assert!(report.outcomes.is_empty());
    assert!(report.by_rule.is_empty());
}
#[test]
fn the_pipeline_runs_when_no_predictions_are_given() {
    let root = tempfile::tempdir().unwrap();
    let report = eval::run(&gold_dir(root.path()), None, &Pipeline::default()).unwrap();
    assert_eq!(report.gold.attributions, 3);
    assert!(report.predictions.is_none());
    assert_eq!(report.thresholds.len(), eval::THRESHOLDS.len());
}

#[test]
fn missing_folders_and_files_are_errors_that_name_the_path() {
    let root = tempfile::tempdir().unwrap();
    let error = eval::run(root.path(), None, &Pipeline::default()).unwrap_err();
    assert!(matches!(error, EvalError::MissingDir(_)));
    assert!(error.to_string().contains("text"), "{error}");

    let dir = gold_dir(root.path());
    let error = eval::run(
        &dir,
        Some(&root.path().join("none.jsonl")),
        &Pipeline::default(),
    )
    .unwrap_err();
    assert!(error.to_string().contains("none.jsonl"), "{error}");

    let empty = root.path().join("empty");
    fs::create_dir_all(empty.join("text")).unwrap();
    fs::create_dir_all(empty.join("attributions")).unwrap();
    assert!(matches!(
        eval::run(&empty, None, &Pipeline::default()),
        Err(EvalError::NoGold(_))
    ));
}

const DEV: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/polnear/dev");

/// The real dev gold, checked against counts made here without the reader: the number of
/// `E` lines in each article's first `.ann` file, and the text at every span's code points.
#[test]
fn polnear_dev_gold_loads_whole() {
    let dev = Path::new(DEV);
    if !dev.is_dir() {
        eprintln!("skipped: {DEV} is not here");
        return;
    }
    let gold = brat::load_dir(dev).unwrap();
    assert!(gold.skipped.is_empty(), "{:#?}", gold.skipped);

    let mut names: Vec<String> = fs::read_dir(dev.join("attributions"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    let mut first: Vec<(String, String)> = Vec::new();
    for name in names {
        let stem = name[..name.rfind('_').unwrap()].to_owned();
        if first.last().is_none_or(|(s, _)| *s != stem) {
            first.push((stem, name));
        }
    }
    assert_eq!(gold.articles.len(), first.len());
    let mut events = 0;
    for ((stem, name), article) in first.iter().zip(&gold.articles) {
        assert_eq!(&article.stem, stem);
        assert!(article.ann_path.ends_with(name));
        let ann = fs::read_to_string(dev.join("attributions").join(name)).unwrap();
        let here = ann
            .lines()
            .filter(|l| {
                l.split('\t').next().is_some_and(|id| {
                    id.len() > 1
                        && id.starts_with('E')
                        && id[1..].chars().all(|c| c.is_ascii_digit())
                })
            })
            .count();
        assert_eq!(article.attributions.len(), here, "{name}");
        events += here;

        let chars: Vec<char> = article.text.chars().collect();
        let spans = article
            .attributions
            .iter()
            .flat_map(|a| [&a.source, &a.cue, &a.content])
            .flatten();
        for span in spans {
            let pieces: Vec<String> = span
                .fragments
                .iter()
                .map(|&(s, e)| chars[s..e].iter().collect())
                .collect();
            assert_eq!(span.text, pieces.join(" "), "{name}");
        }
    }
    // End to end, with the pipeline making the claims.
    let report = eval::run(dev, None, &Pipeline::default()).unwrap();
    assert_eq!(report.gold.attributions, events);
    eprintln!("{report}");
    eprintln!(
        "PolNeAR dev gold: {} articles, {} attributions, {} ({:.1}%) with quotation marks, \
         {} without source, {} without content, {} discontinuous",
        report.gold.articles,
        report.gold.attributions,
        report.gold.quoted,
        100.0 * report.gold.quoted as f64 / report.gold.attributions as f64,
        report.gold.without_source,
        report.gold.without_content,
        report.gold.discontinuous,
    );
}

#[test]
fn content_is_matched_on_parts() {
    // The split quotation of the gold (T5: two fragments around "Ushakov told reporters").
    let whole = claim(
        Some((93, 100, "Yury Ushakov")),
        Some((101, 105)),
        (72, 131),
        0.9,
    );
    let mut split = whole.clone();
    split.content = content_of(&[(72, 90), (118, 131)]);
    let exact = |claim: ClaimRecord| score(vec![claim]).overall.content.exact.correct;
    // An exact content match needs the gold's fragments (which hold the marks), not one
    // span over them and the narration.
    assert_eq!(exact(whole.clone()), 0);
    let mut same = whole.clone();
    same.content = content_of(&[(71, 92), (117, 132)]);
    assert_eq!(exact(same), 1);
    // Both cover the gold content for content+source; the parts without the narration.
    assert_eq!(score(vec![whole]).overall.content_source.correct, 1);
    assert_eq!(score(vec![split]).overall.content_source.correct, 1);
}
