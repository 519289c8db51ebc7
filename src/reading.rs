//! The reading stage: turns the text as read into the clean view every other stage reads,
//! with an [`Alignment`] back to the original (see [`crate::normalized`]).
//!
//! What it changes, and why:
//! - **Line ends**: `\r\n`, a lone `\r`, NEL and U+2028 become `\n`; a form feed and U+2029
//!   become a blank line (a page or paragraph break).
//! - **Invisible characters**: a byte-order mark, zero-width spaces, word joiners and soft
//!   hyphens are deleted; no-break and other fixed-width spaces become a plain space. They
//!   split or glue words where a reader sees none.
//! - **Apostrophes typed as quotation marks**: `"` or `''` between two letters
//!   (`Kuwait"s`) becomes `'`, so that it opens no quotation.
//! - **Hard-wrapped paragraphs** ([`Layout`]): when an article's lines are wrapped at a
//!   width, a line break inside a paragraph becomes a space (or joins a word hyphenated
//!   across it), and a paragraph break becomes a blank line, so that quotes, sentences and
//!   attribution see each paragraph as one line, as in text with one line a paragraph.
//!   Articles laid out one line a paragraph, or with blank lines between paragraphs, keep
//!   their line breaks exactly.

use std::collections::HashSet;

use crate::document::Document;
use crate::normalized::Builder;

/// Adds the normalized view and its alignment to `doc`.
pub fn read(doc: &mut Document) {
    let (text, alignment) = normalize(&doc.original);
    if !alignment.is_identity() {
        doc.text = text;
    }
    doc.alignment = alignment;
}

/// The normalized view of `original` and its alignment.
pub fn normalize(original: &str) -> (String, crate::normalized::Alignment) {
    let lines = lines(original);
    let breaks = Layout::detect(original, &lines).breaks(original, &lines);
    let mut builder = Builder::new(original);
    for (n, &after) in breaks.iter().enumerate() {
        let (line, next) = (&lines[n], &lines[n + 1]);
        let with = match after {
            Break::Hyphen { whole } => {
                // The hyphen goes with the break when the word is written whole elsewhere.
                let hyphen = line.start + line.text(original).trim_end().len() - 1;
                let keep = if whole { hyphen } else { hyphen + 1 };
                clean_chars(original, line.start, keep, &mut builder);
                builder.replace_to(next.start + next.indent, "");
                continue;
            }
            Break::Keep => "\n",
            Break::Paragraph => "\n\n",
            Break::Wrap => " ",
        };
        clean_chars(original, line.start, line.end, &mut builder);
        if original[line.end..line.next] == *with {
            builder.copy_to(line.next);
        } else {
            builder.replace_to(line.next, with);
        }
    }
    if let Some(last) = lines.last() {
        clean_chars(original, last.start, last.end, &mut builder);
    }
    builder.finish()
}

/// One line of the original: its text `[start, end)`, where the next one starts (after its
/// line end), and how many bytes of spaces and tabs open it.
#[derive(Debug, Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
    next: usize,
    indent: usize,
}

impl Line {
    fn text<'a>(&self, original: &'a str) -> &'a str {
        &original[self.start..self.end]
    }

    fn is_blank(&self, original: &str) -> bool {
        self.text(original).trim().is_empty()
    }

    /// Width in characters of the line's text, its indentation and trailing white space
    /// left out: writers wrap with the indentation inside the width or outside it, and the
    /// text alone compares the same either way.
    fn width(&self, original: &str) -> usize {
        self.text(original).trim().chars().count()
    }
}

/// Splits `original` at `\n`, `\r\n`, a lone `\r`, NEL, U+2028, U+2029 and form feeds.
fn lines(original: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut chars = original.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let len = match c {
            '\r' if chars.peek().is_some_and(|&(_, n)| n == '\n') => {
                chars.next();
                2
            }
            '\n' | '\r' | '\u{c}' | '\u{85}' | '\u{2028}' | '\u{2029}' => c.len_utf8(),
            _ => continue,
        };
        lines.push(line(original, start, at, at + len));
        start = at + len;
    }
    lines.push(line(original, start, original.len(), original.len()));
    lines
}

fn line(original: &str, start: usize, end: usize, next: usize) -> Line {
    let text = &original[start..end];
    let indent = text.len() - text.trim_start_matches([' ', '\t']).len();
    Line {
        start,
        end,
        next,
        indent,
    }
}

/// Copies `original[start..end]` into the view, deleting invisible characters, turning
/// fixed-width spaces into spaces and apostrophes typed as quotation marks into `'`.
fn clean_chars(original: &str, start: usize, end: usize, builder: &mut Builder) {
    let text = &original[start..end];
    let mut chars = text.char_indices().peekable();
    let mut before: Option<char> = None;
    while let Some((offset, c)) = chars.next() {
        let at = start + offset;
        let after = text[offset + c.len_utf8()..].chars().next();
        let edit = match c {
            '\u{feff}' | '\u{200b}' | '\u{2060}' | '\u{ad}' => Some((c.len_utf8(), "")),
            '\u{a0}' | '\u{2007}' | '\u{202f}' | '\u{2000}'..='\u{200a}' => {
                Some((c.len_utf8(), " "))
            }
            '"' if between_letters(before, after) => Some((1, "'")),
            '\'' if after == Some('\'')
                && between_letters(before, text[offset + 2..].chars().next()) =>
            {
                chars.next();
                Some((2, "'"))
            }
            _ => None,
        };
        if let Some((len, with)) = edit {
            builder.copy_to(at);
            builder.replace_to(at + len, with);
        }
        before = Some(c);
    }
    builder.copy_to(end);
}

fn between_letters(before: Option<char>, after: Option<char>) -> bool {
    before.is_some_and(char::is_alphabetic) && after.is_some_and(char::is_alphabetic)
}

/// What a line break between two lines becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Break {
    /// Stays a line break (not a wrapped article, or a blank line follows or precedes it).
    Keep,
    /// Inside a wrapped paragraph: a space.
    Wrap,
    /// Between two wrapped paragraphs, or a page or paragraph separator: a blank line.
    Paragraph,
    /// Inside a wrapped paragraph, after a hyphen that splits a word: nothing, the word goes
    /// on. `whole` when the article writes the word whole elsewhere, so that the hyphen is
    /// the wrap's and goes too.
    Hyphen { whole: bool },
}

/// How an article lays out its paragraphs, decided per article from its own lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// One line a paragraph, or paragraphs between blank lines: line breaks stay.
    Lines,
    /// Paragraphs hard-wrapped at about `width` characters.
    Wrapped {
        /// The widest line that breaks mid-sentence: a wrap never goes past it.
        width: usize,
        /// The indentation (bytes) of most lines that continue a paragraph.
        continuation_indent: usize,
    },
}

/// Inner lines (followed by another non-blank line) an article needs before it can count
/// as wrapped: with fewer there is no evidence either way, and lines stay as they are.
const MIN_INNER_LINES: usize = 3;

/// The widest wrap taken as one: newswire wraps at 60-70 columns, mail at 72-80, text out of
/// PDFs at up to about 120; a line of one-line-a-paragraph text is most often far longer.
const MAX_WIDTH: usize = 160;

/// The narrowest wrap taken as one: a column of numbers or names is not wrapped prose.
const MIN_WIDTH: usize = 30;

/// The share of mid-sentence lines whose next line goes on in lower case: in wrapped prose
/// most breaks fall between two words of a sentence, and a stack of headlines or names
/// never goes on in lower case.
const LOWER_SHARE: (usize, usize) = (1, 3);

/// The share of mid-sentence breaks that must look like a wrap's (the next line's first
/// word would not have fitted on the line): a list or a stack of headlines breaks where the
/// next word would fit; the first line of a paragraph whose opening went to a dateline or
/// title may be short, so not every break need look like one.
const WRAPPED_SHARE: (usize, usize) = (1, 2);

impl Layout {
    /// Wrapped when at least half of the lines followed by a non-blank line stop
    /// mid-sentence and those lines end close to one width: text laid out one line a
    /// paragraph ends nearly every line with final punctuation (headlines, datelines and
    /// lists are the exceptions, and their lines are short and ragged), wrapped text rarely
    /// does, and its lines fill the width.
    fn detect(original: &str, lines: &[Line]) -> Layout {
        // Pairs of a line and the non-blank line right after it; `mid` those that break
        // mid-sentence.
        let inner: Vec<(&Line, &Line)> = lines
            .windows(2)
            .filter(|pair| !pair[0].is_blank(original) && !pair[1].is_blank(original))
            .map(|pair| (&pair[0], &pair[1]))
            .collect();
        let mid: Vec<(&Line, &Line)> = inner
            .iter()
            .copied()
            .filter(|(line, _)| !ends_sentence(line.text(original)))
            .collect();
        if inner.len() < MIN_INNER_LINES || mid.len() * 2 < inner.len() {
            return Layout::Lines;
        }
        let width = mid
            .iter()
            .map(|(l, _)| l.width(original))
            .max()
            .unwrap_or(0);
        let full = mid
            .iter()
            .filter(|(line, next)| !next_word_fits(original, line, next, width))
            .count();
        let lower = mid
            .iter()
            .filter(|(_, next)| {
                let text = next.text(original).trim_start();
                text.starts_with(|c: char| c.is_lowercase())
            })
            .count();
        if !(MIN_WIDTH..=MAX_WIDTH).contains(&width)
            || full * WRAPPED_SHARE.1 < mid.len() * WRAPPED_SHARE.0
            || lower * LOWER_SHARE.1 < mid.len() * LOWER_SHARE.0
        {
            return Layout::Lines;
        }
        let continuation_indent = most_common(mid.iter().map(|(_, next)| next.indent));
        Layout::Wrapped {
            width,
            continuation_indent,
        }
    }

    /// What the line break after line `n` becomes.
    fn break_after(&self, original: &str, lines: &[Line], n: usize) -> Break {
        let Layout::Wrapped {
            width,
            continuation_indent,
        } = *self
        else {
            return Break::Keep;
        };
        let (line, next) = (&lines[n], &lines[n + 1]);
        if line.is_blank(original) || next.is_blank(original) {
            return Break::Keep;
        }
        let next_text = next.text(original).trim_start();
        let would_fit = next_word_fits(original, line, next, width);
        let ends = ends_sentence(line.text(original));
        if next.indent > continuation_indent || starts_item(next_text) || (ends && would_fit) {
            Break::Paragraph
        } else {
            Break::Wrap
        }
    }

    /// What each line end becomes, one for each line but the last.
    ///
    /// A wrap after a hyphen that splits one word (`inter-` / `national`) drops the hyphen
    /// when the article writes the word whole elsewhere: the hyphen is the wrap's. A
    /// compound (`well-` / `known`) keeps it: wrapping programs break after the hyphen of a
    /// compound and never hyphenate, so without such evidence the hyphen stays.
    fn breaks(&self, original: &str, lines: &[Line]) -> Vec<Break> {
        // The article's words, lower case: read once, at the first hyphenated wrap.
        let mut words: Option<HashSet<String>> = None;
        lines
            .windows(2)
            .enumerate()
            .map(|(n, pair)| {
                let after = self.break_after(original, lines, n);
                if after == Break::Wrap && splits_word(original, &pair[0], &pair[1]) {
                    let words = words.get_or_insert_with(|| article_words(original));
                    let whole = words.contains(&joined_word(original, &pair[0], &pair[1]));
                    return Break::Hyphen { whole };
                }
                let separator = &original[pair[0].end..pair[0].next];
                if matches!(separator, "\u{c}" | "\u{2029}") {
                    Break::Paragraph
                } else {
                    after
                }
            })
            .collect()
    }
}

/// True when `line` ends in a hyphen after a letter and `next` starts with a lower-case
/// letter: one word split at the line end.
fn splits_word(original: &str, line: &Line, next: &Line) -> bool {
    let Some(head) = line.text(original).trim_end().strip_suffix('-') else {
        return false;
    };
    let next = next.text(original).trim_start();
    head.chars().next_back().is_some_and(char::is_alphabetic)
        && next.chars().next().is_some_and(char::is_lowercase)
}

/// The word split across `line` and `next`, joined without its hyphen, in lower case.
fn joined_word(original: &str, line: &Line, next: &Line) -> String {
    let head = last_word(line.text(original).trim_end().trim_end_matches('-'));
    let tail = next.text(original).trim_start();
    let tail = &tail[..tail
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(tail.len())];
    format!("{head}{tail}").to_lowercase()
}

/// The words of the article longer than three letters, in lower case.
fn article_words(original: &str) -> HashSet<String> {
    original
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 3)
        .map(str::to_lowercase)
        .collect()
}

/// True when the first word of `next` would have fitted at the end of `line` within
/// `width`: a wrap moves a word to the next line only when it does not.
fn next_word_fits(original: &str, line: &Line, next: &Line, width: usize) -> bool {
    let first_word = next.text(original).split_whitespace().next().unwrap_or("");
    line.width(original) + 1 + first_word.chars().count() <= width
}

/// The word at the end of `text`.
fn last_word(text: &str) -> &str {
    let start = text.rfind(|c: char| !c.is_alphanumeric()).map_or(0, |at| {
        at + text[at..].chars().next().map_or(1, char::len_utf8)
    });
    &text[start..]
}

/// True when `line` ends with final punctuation, closing quotation marks and brackets aside.
fn ends_sentence(line: &str) -> bool {
    let trimmed = line
        .trim_end()
        .trim_end_matches(|c: char| crate::marks::is_closing_mark(c) || c == ')');
    trimmed.ends_with(['.', '!', '?', ':', ';', '…'])
}

/// True when `text` opens a list item ("- ", "* ", "• ", "1. ", "2) ").
fn starts_item(text: &str) -> bool {
    let bullet = ["- ", "* ", "• "].iter().any(|b| text.starts_with(b));
    let digits = text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let numbered = digits > 0 && digits <= 3 && {
        let rest = &text[digits..];
        rest.starts_with(". ") || rest.starts_with(") ")
    };
    bullet || numbered
}

/// The most common value, the smallest on ties; 0 for none.
fn most_common(values: impl Iterator<Item = usize>) -> usize {
    let mut counts: Vec<(usize, usize)> = Vec::new();
    for value in values {
        match counts.iter_mut().find(|(v, _)| *v == value) {
            Some((_, count)) => *count += 1,
            None => counts.push((value, 1)),
        }
    }
    counts
        .into_iter()
        .max_by_key(|&(value, count)| (count, std::cmp::Reverse(value)))
        .map_or(0, |(value, _)| value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::ByteSpan;

    fn view(text: &str) -> String {
        normalize(text).0
    }

    const WIRE: &str = "COMPUTER TERMINAL COMPLETES SALE\n\nComputer Terminal Systems Inc said\nit has completed the sale of 200,000 shares of its common\nstock to Sedio N.V. of Lugano, Switzerland for 50,000 dlrs.\n    The company said the warrants are exercisable for five\nyears at a purchase price of .125 dlrs per share, and\nthat the inter-\nnational sale closed. The international buyer paid.\n Reuter";

    #[test]
    fn layout_is_decided_per_article() {
        let cases: &[(&str, &str, bool)] = &[
            ("a Reuters wire", WIRE, true),
            (
                "one line a paragraph",
                "Title Of The Story\n\nThe mayor said the plan would work.\nCritics said it would not.\nShe added that more was coming.\n",
                false,
            ),
            (
                "a stack of headlines",
                "Historic Climate Change Agreement Adopted In Paris\nThe Paris Climate Agreement Is One Huge Step For Mankind\nSpeaking with One Voice to Solve the Climate Crisis\nWork Starts Tomorrow\n",
                false,
            ),
            ("a numbered column", "1\n2\n3\n4\n5\n", false),
            (
                "a list",
                "Clinton has these tasks:\n\nSell her presidency (what she would do)\nBe the Clinton who shines in a crowd\nGet those jokes off, adding levity.\n",
                false,
            ),
        ];
        for &(name, text, wrapped) in cases {
            let lines = lines(text);
            let layout = Layout::detect(text, &lines);
            assert_eq!(
                matches!(layout, Layout::Wrapped { .. }),
                wrapped,
                "{name}: {layout:?}"
            );
            if !wrapped {
                assert_eq!(
                    view(text),
                    text,
                    "{name}: lines must stay exactly as they are"
                );
            }
        }
    }

    #[test]
    fn wrapped_paragraphs_become_one_line_each_between_blank_lines() {
        let text = view(WIRE);
        let paragraphs: Vec<&str> = text.split("\n\n").collect();
        assert_eq!(paragraphs.len(), 4, "{text}");
        assert!(paragraphs[1].starts_with("Computer Terminal Systems Inc said it has completed"));
        assert!(paragraphs[1].ends_with("for 50,000 dlrs."));
        assert!(
            paragraphs[2].contains("that the international sale closed"),
            "{text}"
        );
        assert_eq!(paragraphs[3], " Reuter");
    }

    #[test]
    fn a_compound_keeps_its_hyphen_across_the_wrap() {
        let text = "The board said the well-\nknown company was for sale, and it\nsaid the bid came from a long-\ntime rival of the group on Monday.\nThe company said nothing else.\n";
        assert!(
            view(text).contains("the well-known company"),
            "{}",
            view(text)
        );
        assert!(view(text).contains("a long-time rival"));
    }

    #[test]
    fn line_ends_and_invisible_characters() {
        let cases = [
            ("One.\r\nTwo.\r\n\r\nThree.", "One.\nTwo.\n\nThree."),
            ("One.\rTwo.\r\rThree.", "One.\nTwo.\n\nThree."),
            ("Page one.\u{c}Page two.", "Page one.\n\nPage two."),
            ("\u{feff}He said.", "He said."),
            ("Mr.\u{a0}Smith said\u{200b} so.", "Mr. Smith said so."),
            ("inter\u{ad}national", "international"),
        ];
        for (text, expected) in cases {
            assert_eq!(view(text), expected, "{text:?}");
        }
    }

    #[test]
    fn a_quotation_mark_between_letters_is_an_apostrophe() {
        let cases = [
            ("Kuwait\"s oil minister said", "Kuwait's oil minister said"),
            ("the company''s plan", "the company's plan"),
            ("He said \"no\" twice.", "He said \"no\" twice."),
            ("``Fine,'' she said.", "``Fine,'' she said."),
        ];
        for (text, expected) in cases {
            assert_eq!(view(text), expected, "{text:?}");
        }
    }

    /// Every char boundary of the view maps to a char boundary of the original, and each
    /// word of the view comes back as itself (or as the text it was rebuilt from).
    #[test]
    fn the_alignment_maps_every_offset_back() {
        for original in [
            WIRE,
            "One.\r\nTwo\u{a0}words.\r\rThree \u{201c}quoted\u{201d}.\u{c}End",
        ] {
            let (text, alignment) = normalize(original);
            for start in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                let back = alignment.original(ByteSpan::new(start, start));
                assert!(original.is_char_boundary(back.start), "{start}");
            }
            for (at, word) in text.split(' ').scan(0, |at, w| {
                let start = *at;
                *at += w.len() + 1;
                Some((start, w))
            }) {
                let back = alignment.original(ByteSpan::new(at, at + word.len()));
                let slice = &original[back.start..back.end];
                let plain: String = slice
                    .chars()
                    .filter(|c| !c.is_whitespace() && *c != '-')
                    .collect();
                let expected: String = word
                    .chars()
                    .filter(|c| !c.is_whitespace() && *c != '-')
                    .collect();
                assert_eq!(plain, expected, "{word:?} came back as {slice:?}");
            }
        }
    }
}
