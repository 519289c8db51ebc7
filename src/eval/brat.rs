//! Reads PolNeAR's brat standoff attributions into [`GoldArticle`]s.
//!
//! Layout: `<dir>/text/<stem>.txt` and `<dir>/attributions/<stem>_<annotator>.ann`. When an
//! article has several annotators' files the lexicographically first one is the gold, so
//! that every run scores against the same annotation.
//!
//! The reader is lenient line by line and strict file by file: an unreadable file or a
//! missing folder is an [`EvalError`], while a malformed line is skipped and reported as a
//! [`Skipped`] (path, line number, reason), so that one bad annotation does not hide the
//! other thousands.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::EvalError;
use crate::text::CharIndex;

/// A half-open code-point range `[start, end)` of an article's text.
pub type Fragment = (usize, usize);

/// One annotated span: its fragments (several when discontinuous) and its text as the
/// `.ann` file writes it (fragments joined by one space).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GoldSpan {
    /// The fragments in the order the file lists them (not always text order).
    pub fragments: Vec<Fragment>,
    /// The annotated text.
    pub text: String,
}

impl GoldSpan {
    /// First code point of the earliest fragment and one past the last of the latest: the
    /// single span a predicted record would need to match this one exactly.
    pub fn hull(&self) -> Fragment {
        let start = self.fragments.iter().map(|f| f.0).min().unwrap_or(0);
        let end = self.fragments.iter().map(|f| f.1).max().unwrap_or(0);
        (start, end)
    }

    /// Number of code points covered (fragments that overlap each other count once).
    pub fn len(&self) -> usize {
        self.overlap((0, usize::MAX))
    }

    /// True when the span covers no code point.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Number of code points of `span` that this span covers.
    pub fn overlap(&self, span: Fragment) -> usize {
        let mut clipped: Vec<Fragment> = self
            .fragments
            .iter()
            .map(|&(s, e)| (s.max(span.0), e.min(span.1)))
            .filter(|(s, e)| s < e)
            .collect();
        clipped.sort_unstable();
        let mut covered = 0;
        let mut reached = 0;
        for (s, e) in clipped {
            let s = s.max(reached);
            if e > s {
                covered += e - s;
                reached = e;
            }
        }
        covered
    }
}

/// One gold attribution: an `E` line with its roles resolved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GoldAttribution {
    /// The `E` id ("E3").
    pub id: String,
    /// Line of the `E` record in the `.ann` file (from 1).
    pub line: usize,
    /// Who is credited; `None` for PolNeAR's `Attribution-no-source` (and a few slips).
    pub source: Option<GoldSpan>,
    /// The reporting verb or phrase.
    pub cue: Option<GoldSpan>,
    /// What was attributed: `Content` and, when present, `Content2` as one span of fragments,
    /// because annotators use `Content2` for the second part of one split content.
    pub content: Option<GoldSpan>,
}

/// True when `text` holds a double quotation mark ([`crate::marks`]).
pub fn has_quotation_mark(text: &str) -> bool {
    crate::marks::has_double_mark(text)
}

impl GoldAttribution {
    /// True when the gold content holds a quotation mark.
    pub fn is_quoted(&self) -> bool {
        self.content
            .as_ref()
            .is_some_and(|content| has_quotation_mark(&content.text))
    }
}

/// An annotated article.
#[derive(Debug, Clone, Serialize)]
pub struct GoldArticle {
    /// The file stem shared by the text and its `.ann` files.
    pub stem: String,
    /// The `.ann` file taken as gold.
    pub ann_path: PathBuf,
    /// The article text.
    pub text: String,
    /// The attributions, in file order.
    pub attributions: Vec<GoldAttribution>,
}

/// A line left out, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    /// The file.
    pub path: PathBuf,
    /// Line number from 1 (0 when the problem is the file as a whole).
    pub line: usize,
    /// What is wrong.
    pub reason: String,
}

impl fmt::Display for Skipped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.path.display(), self.line, self.reason)
    }
}

/// The gold of a directory, and what was left out of it.
#[derive(Debug, Clone, Default)]
pub struct Gold {
    /// Annotated articles, sorted by stem.
    pub articles: Vec<GoldArticle>,
    /// Malformed lines and unpaired files that were skipped.
    pub skipped: Vec<Skipped>,
}

/// Loads every annotated article of `dir` (a PolNeAR split folder).
///
/// A text without an `.ann` file, or an `.ann` file without its text, is skipped (and
/// reported), since neither can be scored.
pub fn load_dir(dir: &Path) -> Result<Gold, EvalError> {
    let text_dir = dir.join("text");
    let ann_dir = dir.join("attributions");
    for folder in [&text_dir, &ann_dir] {
        if !folder.is_dir() {
            return Err(EvalError::MissingDir(folder.clone()));
        }
    }
    let texts = files_with_extension(&text_dir, "txt")?;
    // BTreeMap over sorted names: the first file seen for a stem is the lexicographically first.
    let mut chosen: BTreeMap<String, PathBuf> = BTreeMap::new();
    for ann in files_with_extension(&ann_dir, "ann")? {
        let name = file_stem(&ann);
        let stem = name
            .rsplit_once('_')
            .map_or(name.as_str(), |(stem, _)| stem);
        chosen.entry(stem.to_owned()).or_insert(ann);
    }
    let mut gold = Gold::default();
    let text_stems: HashMap<String, &PathBuf> = texts.iter().map(|p| (file_stem(p), p)).collect();
    for path in &texts {
        if !chosen.contains_key(&file_stem(path)) {
            gold.skipped.push(Skipped {
                path: path.clone(),
                line: 0,
                reason: "no .ann file for this text; not scored".into(),
            });
        }
    }
    for (stem, ann_path) in chosen {
        let Some(text_path) = text_stems.get(&stem) else {
            gold.skipped.push(Skipped {
                path: ann_path,
                line: 0,
                reason: format!("no text/{stem}.txt for this annotation; not scored"),
            });
            continue;
        };
        let text = read(text_path)?;
        let ann = read(&ann_path)?;
        let (attributions, skipped) = parse_ann(&ann, &text, &ann_path);
        gold.skipped.extend(skipped);
        gold.articles.push(GoldArticle {
            stem,
            ann_path,
            text,
            attributions,
        });
    }
    Ok(gold)
}

fn read(path: &Path) -> Result<String, EvalError> {
    fs::read_to_string(path).map_err(|source| EvalError::Io {
        path: path.to_owned(),
        source,
    })
}

fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The files of `dir` ending in `.ext`, sorted by name.
fn files_with_extension(dir: &Path, ext: &str) -> Result<Vec<PathBuf>, EvalError> {
    let io = |source| EvalError::Io {
        path: dir.to_owned(),
        source,
    };
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        if path.is_file() && path.extension().is_some_and(|e| e == ext) {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// One record of an `.ann` file with its continuation lines joined back.
struct Record {
    line: usize,
    id: String,
    body: String,
}

/// Splits an `.ann` file into records.
///
/// A span whose text crosses a line break goes on over the following lines of the file, so
/// a line that does not start like a record (`T12<TAB>`, `E3<TAB>`, `#1<TAB>`, ...) carries on the
/// text of the `T` record before it. Blank lines count only when more text follows them, so
/// that a file's trailing blank line does not change the last span's text.
fn records(ann: &str, path: &Path, skipped: &mut Vec<Skipped>) -> Vec<Record> {
    let mut records: Vec<Record> = Vec::new();
    let mut pending_blank = String::new();
    for (n, line) in ann.lines().enumerate() {
        let id = line.split_once('\t').map(|(id, _)| id).filter(|id| {
            *id == "*"
                || id.len() > 1
                    && id.starts_with(['T', 'E', 'R', 'A', 'M', 'N', '#'])
                    && id[1..].bytes().all(|b| b.is_ascii_digit())
        });
        match (id, records.last_mut()) {
            (Some(id), _) => {
                pending_blank.clear();
                records.push(Record {
                    line: n + 1,
                    id: id.to_owned(),
                    body: line[id.len() + 1..].to_owned(),
                });
            }
            (None, Some(last)) if last.id.starts_with('T') => {
                if line.is_empty() {
                    pending_blank.push('\n');
                } else {
                    last.body.push_str(&pending_blank);
                    last.body.push('\n');
                    last.body.push_str(line);
                    pending_blank.clear();
                }
            }
            (None, _) if line.trim().is_empty() => {}
            (None, _) => skipped.push(Skipped {
                path: path.to_owned(),
                line: n + 1,
                reason: "not a brat record and not the continuation of a span's text".into(),
            }),
        }
    }
    records
}

/// Parses a `T` record body (`Label START END[;START END...]<TAB>text`) and checks it
/// against the article.
fn parse_span(
    body: &str,
    text: &str,
    index: &CharIndex,
    chars: usize,
) -> Result<(String, GoldSpan), String> {
    let (head, span_text) = body
        .split_once('\t')
        .ok_or("a span needs `Label START END<TAB>text`")?;
    let (label, offsets) = head
        .split_once(' ')
        .ok_or("a span needs a label and offsets")?;
    let mut fragments = Vec::new();
    for fragment in offsets.split(';') {
        let numbers: Vec<&str> = fragment.split_whitespace().collect();
        let [start, end] = numbers[..] else {
            return Err(format!("fragment `{fragment}` is not `START END`"));
        };
        let parse = |n: &str| {
            n.parse::<usize>()
                .map_err(|_| format!("offset `{n}` is not a number"))
        };
        let (start, end) = (parse(start)?, parse(end)?);
        if start > end || end > chars {
            return Err(format!(
                "fragment {start}..{end} is not inside the article ({chars} code points)"
            ));
        }
        fragments.push((start, end));
    }
    let expected: Vec<&str> = fragments
        .iter()
        .map(|&(s, e)| &text[index.byte_offset(s)..index.byte_offset(e)])
        .collect();
    if span_text != expected.join(" ") {
        return Err(format!(
            "span text {span_text:?} differs from the article's text at {offsets}"
        ));
    }
    Ok((
        label.to_owned(),
        GoldSpan {
            fragments,
            text: span_text.to_owned(),
        },
    ))
}

/// Parses one `.ann` file against its article text.
///
/// Returns the attributions (one per well-formed `E` line) and the lines skipped: spans
/// that are malformed or whose text does not match the article, and events that are
/// malformed or refer to a skipped or unknown span. Notes, relations and the spans that no
/// event uses (`Discard`, `Discuss`) are ignored without a report.
pub fn parse_ann(ann: &str, text: &str, path: &Path) -> (Vec<GoldAttribution>, Vec<Skipped>) {
    let mut skipped = Vec::new();
    let index = CharIndex::new(text);
    let chars = text.chars().count();
    let records = records(ann, path, &mut skipped);
    let mut spans: HashMap<&str, GoldSpan> = HashMap::new();
    for record in records.iter().filter(|r| r.id.starts_with('T')) {
        match parse_span(&record.body, text, &index, chars) {
            Ok((_, span)) => {
                spans.insert(&record.id, span);
            }
            Err(reason) => skipped.push(Skipped {
                path: path.to_owned(),
                line: record.line,
                reason: format!("{}: {reason}", record.id),
            }),
        }
    }
    let mut attributions = Vec::new();
    for record in records.iter().filter(|r| r.id.starts_with('E')) {
        match parse_event(record, &spans) {
            Ok(attribution) => attributions.push(attribution),
            Err(reason) => skipped.push(Skipped {
                path: path.to_owned(),
                line: record.line,
                reason: format!("{}: {reason}", record.id),
            }),
        }
    }
    (attributions, skipped)
}

/// Parses an `E` record body (`Type:Tk Role:Ti ...`).
fn parse_event(
    record: &Record,
    spans: &HashMap<&str, GoldSpan>,
) -> Result<GoldAttribution, String> {
    let mut attribution = GoldAttribution {
        id: record.id.clone(),
        line: record.line,
        source: None,
        cue: None,
        content: None,
    };
    let mut arguments = record.body.split_whitespace();
    let trigger = arguments.next().ok_or("an event needs `Type:Tk`")?;
    if !trigger.starts_with("Attribution") {
        return Err(format!("`{trigger}` is not an attribution"));
    }
    let mut content2 = None;
    for argument in arguments {
        let (role, id) = argument
            .split_once(':')
            .ok_or_else(|| format!("argument `{argument}` is not `Role:Tn`"))?;
        let span = spans
            .get(id)
            .ok_or_else(|| format!("{role} refers to {id}, which is missing or was skipped"))?
            .clone();
        let slot = match role {
            "Source" => &mut attribution.source,
            "Cue" => &mut attribution.cue,
            "Content" => &mut attribution.content,
            "Content2" => &mut content2,
            _ => return Err(format!("unknown role `{role}`")),
        };
        if slot.replace(span).is_some() {
            return Err(format!("role {role} given twice"));
        }
    }
    if let Some(second) = content2 {
        attribution.content = Some(match attribution.content.take() {
            Some(mut first) => {
                first.fragments.extend(second.fragments);
                first.text = format!("{} {}", first.text, second.text);
                first
            }
            None => second,
        });
    }
    Ok(attribution)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlap_counts_shared_fragments_once() {
        let span = GoldSpan {
            fragments: vec![(10, 20), (15, 25), (40, 45)],
            text: String::new(),
        };
        assert_eq!(span.len(), 20);
        assert_eq!(span.overlap((18, 42)), 9);
        assert_eq!(span.hull(), (10, 45));
    }

    #[test]
    fn quotation_marks_include_tokenised_pairs() {
        assert!(has_quotation_mark("he said \u{201c}no\u{201d}"));
        assert!(has_quotation_mark("``no''"));
        assert!(!has_quotation_mark("the mayor's plan"));
    }
}
