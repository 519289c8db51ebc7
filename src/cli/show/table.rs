//! The table of claims under the article: one row a claim, its columns as wide as their
//! widest cell, so that they line up whatever the kinds, names and cues.

use claimx::claims::ClaimRecord;
use unicode_width::UnicodeWidthStr;

use super::wrap::Wrapper;

/// Columns between two cells.
const GAP: &str = "  ";

/// The widest a speaker cell gets unless `--full`: room for a full name and how it was
/// resolved ("Media Bias/Fact Check (explicit)" is 32).
const SPEAKER_MAX: usize = 32;

/// The widest a cue cell gets unless `--full`: the longest reporting phrases ("has
/// vehemently denied", 21) fit, rare longer ones are cut.
const CUE_MAX: usize = 22;

/// The narrowest the content column gets on a narrow terminal, so that some of each content
/// shows at all.
const CONTENT_MIN: usize = 20;

/// The narrowest [`fit`] makes a speaker or cue column on a narrow terminal: a short name
/// still reads.
const NARROWEST: usize = 10;

/// Where contents are cut when the output has no width (a pipe) and `--full` is not given:
/// the length the table has always used, a line of about 140 columns in all.
const CONTENT_UNWRAPPED: usize = 70;

/// How the table is laid out.
#[derive(Debug, Clone, Copy)]
pub struct Layout {
    /// The line width, when there is one.
    pub width: Option<usize>,
    /// Whole cells: nothing cut, contents wrapped inside their column.
    pub full: bool,
}

/// The table: a header and a row a claim, or a line saying there is none.
pub fn render(records: &[ClaimRecord], layout: Layout) -> String {
    if records.is_empty() {
        return "no claims found\n".to_owned();
    }
    let header = [
        "claim",
        "kind",
        "in",
        "speaker (resolved by)",
        "cue",
        "conf",
    ];
    let rows: Vec<[String; 6]> = records.iter().map(cells).collect();
    let caps = [None, None, None, Some(SPEAKER_MAX), Some(CUE_MAX), None];
    let mut widths: Vec<usize> = (0..header.len())
        .map(|column| {
            let widest = rows
                .iter()
                .map(|row| row[column].width())
                .chain([header[column].width()])
                .max()
                .unwrap_or(0);
            match caps[column] {
                Some(cap) if !layout.full => widest.min(cap),
                _ => widest,
            }
        })
        .collect();
    if let (Some(width), false) = (layout.width, layout.full) {
        fit(&mut widths, width);
    }
    let indent: usize = widths.iter().map(|w| w + GAP.len()).sum();
    let content_width = match layout.width {
        Some(width) => Some(width.saturating_sub(indent).max(CONTENT_MIN)),
        None if layout.full => None,
        None => Some(CONTENT_UNWRAPPED),
    };
    let mut out = line(&header.map(str::to_owned), &widths, "content");
    for (row, record) in rows.iter().zip(records) {
        let content = one_line(&record.content.text);
        let content = match content_width {
            Some(width) if layout.full => hang(&content, width, indent),
            Some(width) => clip(&content, width),
            None => content,
        };
        out.push_str(&line(row, &widths, &content));
    }
    out
}

/// Narrows the speaker and cue columns, the wider first, until the content column gets
/// [`CONTENT_MIN`] columns of a `width`-column line, or both are down to [`NARROWEST`].
fn fit(widths: &mut [usize], width: usize) {
    let (speaker, cue) = (3, 4);
    loop {
        let indent: usize = widths.iter().map(|w| w + GAP.len()).sum();
        if indent + CONTENT_MIN <= width {
            return;
        }
        let wider = if widths[speaker] >= widths[cue] {
            speaker
        } else {
            cue
        };
        if widths[wider] <= NARROWEST {
            return;
        }
        widths[wider] -= 1;
    }
}

/// The cells before the content: "#15", "indirect", "#14", "Donald Trump (alias)",
/// "suggested", "0.82"; "-" where a claim has none.
fn cells(record: &ClaimRecord) -> [String; 6] {
    let number = |id: &str| format!("#{}", id.rsplit('#').next().unwrap_or(id));
    let speaker = record.speaker.as_ref().map_or_else(
        || "-".to_owned(),
        |s| format!("{} ({})", one_line(&s.name), label(&s.resolved_by)),
    );
    [
        number(&record.id),
        label(&record.kind),
        record
            .parent
            .as_deref()
            .map_or_else(|| "-".to_owned(), number),
        speaker,
        record
            .cue
            .as_ref()
            .map_or_else(|| "-".to_owned(), |c| one_line(&c.text)),
        format!("{:.2}", record.confidence),
    ]
}

/// One row: each cell padded (or cut) to its column, the confidence flush right, then the
/// content.
fn line(cells: &[String; 6], widths: &[usize], content: &str) -> String {
    let mut out = String::new();
    for (column, (cell, &width)) in cells.iter().zip(widths).enumerate() {
        let cell = clip(cell, width);
        let pad = " ".repeat(width - cell.width());
        if column == 5 {
            out.push_str(&pad);
            out.push_str(&cell);
        } else {
            out.push_str(&cell);
            out.push_str(&pad);
        }
        out.push_str(GAP);
    }
    out.push_str(content);
    out.push('\n');
    out
}

/// The name a value has in the JSON output ("alias", "according_to").
fn label<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// A cell's text on one line: every run of white space (line ends, tabs) is one space.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// At most `width` columns, ending in an ellipsis when cut.
fn clip(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// `text` wrapped to `width` columns, every line after the first indented by `indent`
/// columns so that it stays in the content column.
fn hang(text: &str, width: usize, indent: usize) -> String {
    let mut wrapper = Wrapper::new(Some(width));
    wrapper.text(text);
    wrapper
        .finish()
        .replace('\n', &format!("\n{}", " ".repeat(indent)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clip_counts_columns_and_marks_the_cut() {
        // (text, width, clipped)
        let cases = [
            ("has suggested", 20, "has suggested"),
            ("has vehemently denied", 10, "has vehem…"),
            ("日本語です", 5, "日本…"),
        ];
        for (text, width, clipped) in cases {
            assert_eq!(clip(text, width), clipped);
            assert!(clip(text, width).width() <= width);
        }
    }

    #[test]
    fn a_narrow_line_narrows_speakers_and_cues_first() {
        // claim, kind, in, speaker, cue, conf: 78 columns, 90 with the gaps.
        let mut widths = [5, 12, 3, 32, 22, 4];
        fit(&mut widths, 90 + CONTENT_MIN);
        assert_eq!(widths, [5, 12, 3, 32, 22, 4]);
        fit(&mut widths, 80);
        assert_eq!(widths[3] + widths[4], 32 + 22 - 30);
        assert!(widths[3].abs_diff(widths[4]) <= 1, "{widths:?}");
        fit(&mut widths, 40);
        assert_eq!(widths, [5, 12, 3, NARROWEST, NARROWEST, 4]);
    }

    #[test]
    fn hanging_lines_stay_in_their_column() {
        assert_eq!(hang("one two three", 8, 4), "one two\n    three");
        assert_eq!(one_line("a\nb\r\n c\t d"), "a b c d");
    }
}
