//! Layout invariance on PolNeAR dev: every dev article is rewritten into the layouts plain
//! text really comes in (hard-wrapped and indented like a Reuters wire, wrapped with blank
//! lines, CRLF, CR-only, quotation marks swapped between curly and straight), the gold
//! attributions carried along (a span that now crosses a line break is stored as fragments
//! split at the break, as brat does), and `claimx eval` must score each variant within 0.01
//! of the article as published, with every record's offsets slicing back to its text.
//!
//! `cargo test --test layout -- --nocapture` prints the scores of every variant.

use std::fs;
use std::path::{Path, PathBuf};

use claimx::claims::ClaimRecord;
use claimx::document::Document;
use claimx::eval::{self, brat};
use claimx::pipeline::Pipeline;

mod common;

/// The largest drop in content+source F1 a layout may cost.
const TOLERANCE: f64 = 0.01;

/// A rewritten article: its text and, for each code point of the old text, where it went
/// (`None` when it was dropped).
struct Rewrite {
    text: Vec<char>,
    map: Vec<Option<usize>>,
}

impl Rewrite {
    fn new() -> Self {
        Rewrite {
            text: Vec::new(),
            map: Vec::new(),
        }
    }

    /// Keeps the next old code point, written as `with`.
    fn keep(&mut self, with: char) {
        self.map.push(Some(self.text.len()));
        self.text.push(with);
    }

    /// Drops the next old code point.
    fn drop_char(&mut self) {
        self.map.push(None);
    }

    /// Inserts text that was not in the old article.
    fn insert(&mut self, text: &str) {
        self.text.extend(text.chars());
    }

    /// Keeps the next old code point as a line end of several code points.
    fn keep_as(&mut self, with: &str) {
        self.map.push(Some(self.text.len()));
        self.text.extend(with.chars());
    }
}

/// A layout: rewrites an article's code points; the seed draws its width and indentation.
type Layout = fn(&[char], u64) -> Rewrite;

/// The layouts, each a rewrite of the old text.
const LAYOUTS: &[(&str, Layout)] = &[
    ("wrapped, indented, no blank lines (Reuters)", |t, s| {
        wrap(t, s, false)
    }),
    ("wrapped, indented, blank lines", |t, s| wrap(t, s, true)),
    ("CRLF line ends", |t, _| line_ends(t, "\r\n")),
    ("CR line ends", |t, _| line_ends(t, "\r")),
    ("quotation marks swapped", |t, _| swap_quotes(t)),
];

/// Paragraphs (the old text's lines) hard-wrapped at a width drawn from 60..=75 by `seed`,
/// each opened by 4 or 5 spaces; blank lines dropped, or kept as one blank line.
fn wrap(old: &[char], seed: u64, blank_lines: bool) -> Rewrite {
    let width = 60 + (seed % 16) as usize;
    let indent = if seed % 2 == 0 { "    " } else { "     " };
    let mut out = Rewrite::new();
    let mut first_paragraph = true;
    let mut at = 0;
    while at < old.len() {
        let end = old[at..]
            .iter()
            .position(|&c| c == '\n')
            .map_or(old.len(), |n| at + n);
        if old[at..end].iter().all(|c| c.is_whitespace()) {
            (at..end).for_each(|_| out.drop_char());
        } else {
            if !first_paragraph {
                out.insert(if blank_lines { "\n\n" } else { "\n" });
            }
            first_paragraph = false;
            out.insert(indent);
            wrap_line(&old[at..end], width - indent.len(), &mut out);
        }
        if end < old.len() {
            out.drop_char(); // the old line end
        }
        at = end + 1;
    }
    out
}

/// Copies one line, turning the space before each word that would pass `width` into a
/// line break.
fn wrap_line(line: &[char], width: usize, out: &mut Rewrite) {
    let mut column = 0;
    for (n, &c) in line.iter().enumerate() {
        if c == ' ' {
            let word = line[n + 1..].iter().take_while(|&&c| c != ' ').count();
            if column > 0 && column + 1 + word > width {
                out.keep('\n');
                column = 0;
                continue;
            }
        }
        out.keep(c);
        column += 1;
    }
}

fn line_ends(old: &[char], end: &str) -> Rewrite {
    let mut out = Rewrite::new();
    for &c in old {
        if c == '\n' {
            out.keep_as(end);
        } else {
            out.keep(c);
        }
    }
    out
}

/// Straight double quotes become curly (opening after white space, an opening bracket or
/// the start, closing elsewhere), curly ones straight.
fn swap_quotes(old: &[char]) -> Rewrite {
    let mut out = Rewrite::new();
    for (n, &c) in old.iter().enumerate() {
        let opens = n == 0 || old[n - 1].is_whitespace() || "([—–-".contains(old[n - 1]);
        out.keep(match c {
            '"' if opens => '“',
            '"' => '”',
            '“' | '”' => '"',
            c => c,
        });
    }
    out
}

/// The `.ann` file carried through `rewrite`: each fragment mapped, then split at the line
/// breaks it now crosses (the break and the next line's indentation left out, as brat does).
fn carry_ann(ann: &str, rewrite: &Rewrite) -> String {
    let mut out = String::new();
    for line in ann.lines() {
        let mut parts = line.splitn(3, '\t');
        let (Some(id), Some(head), Some(_)) = (parts.next(), parts.next(), parts.next()) else {
            out.push_str(line);
            out.push('\n');
            continue;
        };
        let Some((label, offsets)) = head.split_once(' ').filter(|_| id.starts_with('T')) else {
            out.push_str(line);
            out.push('\n');
            continue;
        };
        let fragments: Vec<(usize, usize)> = offsets
            .split(';')
            .flat_map(|f| {
                let (s, e) = f.split_once(' ').unwrap();
                carry_fragment(s.parse().unwrap(), e.parse().unwrap(), rewrite)
            })
            .collect();
        let offsets: Vec<String> = fragments.iter().map(|(s, e)| format!("{s} {e}")).collect();
        let texts: Vec<String> = fragments
            .iter()
            .map(|&(s, e)| rewrite.text[s..e].iter().collect())
            .collect();
        out.push_str(&format!(
            "{id}\t{label} {}\t{}\n",
            offsets.join(";"),
            texts.join(" ")
        ));
    }
    out
}

fn carry_fragment(start: usize, end: usize, rewrite: &Rewrite) -> Vec<(usize, usize)> {
    let kept: Vec<usize> = (start..end).filter_map(|n| rewrite.map[n]).collect();
    let (Some(&first), Some(&last)) = (kept.first(), kept.last()) else {
        return Vec::new();
    };
    let last = last + 1;
    let text = &rewrite.text;
    let mut fragments = Vec::new();
    let mut piece = first;
    let mut n = first;
    while n < last {
        if matches!(text[n], '\n' | '\r') {
            push_trimmed(text, piece, n, &mut fragments);
            while n < last && text[n].is_whitespace() {
                n += 1;
            }
            piece = n;
            continue;
        }
        n += 1;
    }
    push_trimmed(text, piece, last, &mut fragments);
    fragments
}

fn push_trimmed(text: &[char], mut start: usize, mut end: usize, out: &mut Vec<(usize, usize)>) {
    while start < end && text[start].is_whitespace() {
        start += 1;
    }
    while end > start && text[end - 1].is_whitespace() {
        end -= 1;
    }
    if start < end {
        out.push((start, end));
    }
}

/// Writes the dev split rewritten by `layout` into `dir` in the PolNeAR layout.
fn write_variant(gold: &brat::Gold, layout: Layout, dir: &Path) {
    fs::create_dir_all(dir.join("text")).unwrap();
    fs::create_dir_all(dir.join("attributions")).unwrap();
    for (n, article) in gold.articles.iter().enumerate() {
        let old: Vec<char> = article.text.chars().collect();
        let rewrite = layout(&old, n as u64);
        let text: String = rewrite.text.iter().collect();
        fs::write(
            dir.join("text").join(format!("{}.txt", article.stem)),
            &text,
        )
        .unwrap();
        let ann = fs::read_to_string(&article.ann_path).unwrap();
        let name = article.ann_path.file_name().unwrap();
        fs::write(
            dir.join("attributions").join(name),
            carry_ann(&ann, &rewrite),
        )
        .unwrap();
    }
}

/// Every span of every record slices back to its text in the article.
fn assert_records_slice(dir: &Path) {
    for entry in fs::read_dir(dir.join("text")).unwrap() {
        let path = entry.unwrap().path();
        let text = fs::read_to_string(&path).unwrap();
        let chars: Vec<char> = text.chars().collect();
        let results = Pipeline::default().run(vec![Document::new("a", text)]);
        let records: Vec<ClaimRecord> = results.into_iter().next().unwrap().unwrap().records;
        let context = path.display().to_string();
        for record in records {
            let record = serde_json::to_value(record).unwrap();
            for role in ["speaker", "cue"] {
                if !record[role].is_null() {
                    common::assert_span_text(&chars, &record[role], &context);
                }
            }
            for part in record["content"]["parts"].as_array().unwrap() {
                common::assert_span_text(&chars, part, &context);
            }
        }
    }
}

fn dev() -> PathBuf {
    common::root().join("../shared/data/polnear/dev")
}

#[test]
fn every_layout_scores_within_a_point_of_the_published_one() {
    let pipeline = Pipeline::default();
    let base = eval::run(&dev(), None, &pipeline).unwrap();
    let f1 = |r: &eval::Report| r.overall.content_source.f1;
    println!("published layout: content+source F1 {:.3}", f1(&base));
    let gold = brat::load_dir(&dev()).unwrap();
    let scratch = tempfile::tempdir().unwrap();
    for (n, &(name, layout)) in LAYOUTS.iter().enumerate() {
        let dir = scratch.path().join(n.to_string());
        write_variant(&gold, layout, &dir);
        let report = eval::run(&dir, None, &pipeline).unwrap();
        assert_eq!(
            report.skipped.len(),
            base.skipped.len(),
            "{name}: gold lines skipped: {:?}",
            &report.skipped[..report.skipped.len().min(3)]
        );
        assert_eq!(report.gold.attributions, base.gold.attributions, "{name}");
        println!("{name}: content+source F1 {:.3}", f1(&report));
        assert!(
            f1(&report) >= f1(&base) - TOLERANCE,
            "{name}: F1 {:.3} against {:.3}",
            f1(&report),
            f1(&base)
        );
        assert_records_slice(&dir);
    }
}
