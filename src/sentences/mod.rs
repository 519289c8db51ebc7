//! Paragraph and sentence splitting.
//!
//! A rule-based splitter for news text, one pass over each paragraph's bytes:
//!
//! - **Paragraphs** are the text between blank lines (a line of white space only counts as
//!   blank; `\r\n` works like `\n`). A paragraph break always ends a sentence.
//! - **Line breaks** inside a paragraph end a sentence when the line has no final
//!   punctuation and the next line starts a new line of text (a headline, a dateline or a
//!   list item above the body). A line that stops mid-sentence (after a comma, after "the",
//!   or before a lower-case word) is soft-wrapped and does not.
//! - **`.`, `!`, `?`** end a sentence only before white space and something that can start
//!   one; closing quotation marks and brackets right after them stay in the sentence, so
//!   `"Is it?" he asked.` is one sentence and `"It is over." The crowd left.` two.
//! - **Abbreviations** ([`words`]) and initials keep a period inside the sentence, except
//!   before a typical sentence opener ("in the U.S. The president said").
//! - **Ellipses** follow the printer's convention: three spaced points mark an omission
//!   inside a sentence, four mark its end; "..." or "…" ends one before a sentence opener.
//! - **Lists**: "1.", "1)", "a." and bullets start items, each its own sentence.
//!
//! Spans are byte offsets into the unchanged text, trimmed, on char boundaries and sorted;
//! every sentence lies inside its paragraph, and every non-white-space character of a
//! paragraph belongs to exactly one sentence.

mod words;

use crate::document::{Document, Sentence};
use crate::text::ByteSpan;
use words::Abbreviation;

/// True when `word` (without its period) is an abbreviation that keeps its period, such as
/// a title before a name ("Adm.", "Supt.", "Dr."): the one abbreviation list, which the
/// attribution stage's tokens use too, so that "Adm. Mike Mullen" stays one name everywhere.
pub fn is_abbreviation(word: &str) -> bool {
    words::abbreviation(word).is_some()
}

/// Adds the paragraph and sentence layers to `doc`.
pub fn split(doc: &mut Document) {
    let (paragraphs, sentences) = split_text(&doc.text);
    doc.paragraphs = paragraphs;
    doc.sentences = sentences;
}

/// The paragraphs of `text` and its sentences, each sentence pointing at its paragraph.
///
/// ```
/// use claimx::sentences::split_text;
/// let text = "Putin Invited To Washington\n\"It is over.\" The crowd left the U.S. Embassy.";
/// let (paragraphs, sentences) = split_text(text);
/// let found: Vec<&str> = sentences.iter().map(|s| &text[s.span.start..s.span.end]).collect();
/// assert_eq!(found, ["Putin Invited To Washington", "\"It is over.\"", "The crowd left the U.S. Embassy."]);
/// assert_eq!(paragraphs.len(), 1);
/// ```
pub fn split_text(text: &str) -> (Vec<ByteSpan>, Vec<Sentence>) {
    let paragraphs = paragraphs(text);
    let mut sentences = Vec::with_capacity(paragraphs.len() * 4);
    for (index, &paragraph) in paragraphs.iter().enumerate() {
        Scanner {
            text,
            bytes: text.as_bytes(),
            end: paragraph.end,
            paragraph: index,
            out: &mut sentences,
            start: paragraph.start,
            has_word: false,
            next_item: None,
        }
        .run();
    }
    (paragraphs, sentences)
}

/// Paragraphs: runs of lines that are not blank, trimmed.
fn paragraphs(text: &str) -> Vec<ByteSpan> {
    let mut out = Vec::new();
    // Start of the current paragraph's first line and end of its last one.
    let mut open: Option<ByteSpan> = None;
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let line_end = line_start + line.len();
        if line.trim().is_empty() {
            out.extend(open.take().map(|span| span.trim(text)));
        } else {
            let start = open.map_or(line_start, |span| span.start);
            open = Some(ByteSpan::new(start, line_end));
        }
        line_start = line_end;
    }
    out.extend(open.map(|span| span.trim(text)));
    out
}

/// A list item's number or letter: "3." and "3)" are `Number(3)`, "c." is `Letter(b'c')`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ListMarker {
    Number(u32),
    Letter(u8),
}

impl ListMarker {
    /// The marker of the item that follows.
    fn successor(self) -> ListMarker {
        match self {
            ListMarker::Number(n) => ListMarker::Number(n + 1),
            ListMarker::Letter(c) => ListMarker::Letter(c + 1),
        }
    }
}

/// What follows a sentence-final mark and the closing marks after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Next<'a> {
    /// The paragraph ends.
    End,
    /// No white space: the mark is inside a token ("3.5", "U.S.A", "Jr.'s", "example.com").
    Attached,
    /// A lower-case letter: the sentence goes on ("Yahoo! in", "co. at").
    Lower,
    /// A digit ("p. 55").
    Digit,
    /// A capitalised word (after any opening marks); the word's letters.
    Upper(&'a str),
    /// Anything else (a symbol, an emoji, a quote around a symbol).
    Other,
}

/// Splits one paragraph, pushing its sentences.
struct Scanner<'a, 'o> {
    text: &'a str,
    bytes: &'a [u8],
    /// End of the paragraph; nothing past it is read.
    end: usize,
    /// Index of the paragraph.
    paragraph: usize,
    out: &'o mut Vec<Sentence>,
    /// Start of the sentence being read.
    start: usize,
    /// Whether that sentence holds a letter or digit yet: a cut never leaves a sentence of
    /// bare punctuation (". . . The practice" keeps its leading points).
    has_word: bool,
    /// The marker that would start the next item when the sentence is a list item.
    next_item: Option<ListMarker>,
}

impl Scanner<'_, '_> {
    fn run(mut self) {
        let mut i = self.begin_sentence(self.start);
        while i < self.end {
            // Outside list items only a few bytes can matter; skip the rest in a tight loop.
            if self.next_item.is_none() {
                i = self.skip_plain(i);
                if i == self.end {
                    break;
                }
            }
            let b = self.bytes[i];
            i = match b {
                b'.' => self.dots(i),
                b'!' | b'?' => self.exclamation(i),
                b'\n' => self.line_break(i),
                b'0'..=b'9' | b'a'..=b'z' => self.item_start(i).unwrap_or_else(|| {
                    self.has_word = true;
                    i + 1
                }),
                b'A'..=b'Z' => {
                    self.has_word = true;
                    i + 1
                }
                0..=0x7f => i + 1,
                _ => self.non_ascii(i),
            };
        }
        self.push(self.end);
    }

    /// The offset of the first byte at or after `i` that a rule looks at (see
    /// [`BYTE_CLASS`]), noting on the way whether the sentence has a word.
    fn skip_plain(&mut self, i: usize) -> usize {
        let rest = &self.bytes[i..self.end];
        let len = rest
            .iter()
            .position(|&b| BYTE_CLASS[usize::from(b)] == SPECIAL)
            .unwrap_or(rest.len());
        if !self.has_word {
            self.has_word = rest[..len]
                .iter()
                .any(|&b| BYTE_CLASS[usize::from(b)] == WORD);
        }
        i + len
    }

    /// Pushes the sentence from `self.start` to `at`, trimmed, unless it is empty.
    fn push(&mut self, at: usize) {
        let span = ByteSpan::new(self.start, at).trim(self.text);
        if !span.is_empty() {
            self.out.push(Sentence {
                span,
                paragraph: self.paragraph,
            });
        }
    }

    /// Ends the sentence at `at` and returns where to read on, or `None` (keep reading) when
    /// the sentence has no word yet.
    fn cut(&mut self, at: usize) -> Option<usize> {
        if !self.has_word {
            return None;
        }
        self.push(at);
        Some(self.begin_sentence(at))
    }

    /// Starts a sentence at `at`: skips white space, a bullet and a list marker, and
    /// returns where to read on.
    fn begin_sentence(&mut self, at: usize) -> usize {
        self.start = at;
        self.has_word = false;
        self.next_item = None;
        let mut i = self.skip_space(at);
        if let Some(c) = self.char_at(i) {
            if is_bullet(c) {
                i = self.skip_space(i + c.len_utf8());
            }
        }
        if let Some((marker, after)) = self.list_marker(i) {
            self.next_item = Some(marker.successor());
            i = after;
        }
        i
    }

    /// At a digit or lower-case letter: when the sentence is a list item and the next item's
    /// marker starts here, ends the sentence before it.
    fn item_start(&mut self, i: usize) -> Option<usize> {
        let expected = self.next_item?;
        if i == self.start || !self.bytes[i - 1].is_ascii_whitespace() {
            return None;
        }
        let (marker, _) = self.list_marker(i)?;
        if marker != expected {
            return None;
        }
        self.cut(i)
    }

    /// A list marker at `i` ("1.", "12)", "1.)", "b.") followed by white space, and the
    /// offset after it.
    fn list_marker(&self, i: usize) -> Option<(ListMarker, usize)> {
        let bytes = &self.bytes[i.min(self.end)..self.end];
        let digits = bytes
            .iter()
            .take(3)
            .take_while(|b| b.is_ascii_digit())
            .count();
        let (marker, mut len) = match digits {
            1 | 2 => {
                let value = bytes[..digits]
                    .iter()
                    .fold(0, |n, &d| n * 10 + u32::from(d - b'0'));
                (ListMarker::Number(value), digits)
            }
            0 if bytes.first().is_some_and(u8::is_ascii_lowercase) => {
                (ListMarker::Letter(bytes[0]), 1)
            }
            _ => return None,
        };
        match bytes[len..] {
            [b'.', b')', ..] => len += 2,
            [b'.' | b')', ..] => len += 1,
            _ => return None,
        }
        let followed_by_space = bytes.get(len).is_some_and(u8::is_ascii_whitespace);
        followed_by_space.then_some((marker, i + len))
    }

    /// At a non-ASCII character: an ellipsis, a bullet that starts a list item, or a letter.
    fn non_ascii(&mut self, i: usize) -> usize {
        let Some(c) = self.char_at(i) else {
            return i + 1;
        };
        let after = i + c.len_utf8();
        if c == '…' {
            return self.dots(i);
        }
        if is_bullet(c) && self.char_before(i).is_some_and(char::is_whitespace) {
            return self.cut(i).unwrap_or(after);
        }
        if c.is_alphanumeric() {
            self.has_word = true;
        }
        after
    }

    /// At `!` or `?`: a run of them ends the sentence unless a lower-case word follows
    /// ("Yahoo! in", `"Is it?" he asked`) or it sits inside a token.
    fn exclamation(&mut self, i: usize) -> usize {
        let run = self.bytes[i..self.end]
            .iter()
            .take_while(|&&b| b == b'!' || b == b'?')
            .count();
        let (after, next) = self.next_token(i + run);
        if matches!(next, Next::Upper(_) | Next::Digit | Next::Other) {
            self.cut(after).unwrap_or(i + run)
        } else {
            i + run
        }
    }

    /// At `.` or `…`: a single period or an ellipsis.
    fn dots(&mut self, i: usize) -> usize {
        let mut j = i;
        let mut points = 0;
        let mut spaced = false;
        while j < self.end {
            if self.bytes[j] == b'.' {
                points += 1;
                j += 1;
            } else if self.text[j..].starts_with('…') {
                points += 3;
                j += '…'.len_utf8();
            } else if points > 0 && self.bytes[j] == b' ' && self.is_point(j + 1) {
                spaced = true;
                j += 1;
            } else {
                break;
            }
        }
        if points == 1 {
            self.period(i)
        } else {
            self.ellipsis(i, j, points, spaced)
        }
    }

    /// True when a `.` or `…` starts at `at`.
    fn is_point(&self, at: usize) -> bool {
        at < self.end && (self.bytes[at] == b'.' || self.text[at..].starts_with('…'))
    }

    /// An ellipsis of `points` points from `i` to `j`.
    fn ellipsis(&mut self, i: usize, j: usize, points: usize, spaced: bool) -> usize {
        let before = self.char_before(i);
        // "[...]" and "(...)" mark words left out of a quotation.
        if matches!(before, Some('[' | '(')) {
            return j;
        }
        let attached = before.is_some_and(|c| !c.is_whitespace());
        // ". . ." on its own is an omission inside a sentence ("the thing is . . . I didn't").
        if spaced && !attached && points == 3 {
            return j;
        }
        let (after, next) = self.next_token(j);
        let Next::Upper(word) = next else {
            return j;
        };
        let cut = if points >= 4 {
            // "compounds. . . . The": the period ends the sentence, the three points open the next.
            if spaced && attached {
                i + if self.bytes[i] == b'.' {
                    1
                } else {
                    '…'.len_utf8()
                }
            } else {
                after
            }
        } else if words::is_sentence_starter(word) {
            after
        } else {
            return j;
        };
        self.cut(cut).unwrap_or(j)
    }

    /// A single period at `i`: decided by the token before it and what follows.
    fn period(&mut self, i: usize) -> usize {
        let (after, next) = self.next_token(i + 1);
        if matches!(next, Next::End | Next::Attached | Next::Lower) {
            return i + 1;
        }
        let (token_start, token) = self.token_before(i);
        let ends = match (classify(token), next) {
            (None, _) => true,
            (Some(Abbreviation::Title), _) | (Some(_), Next::Digit) => false,
            (Some(Abbreviation::Number), _) => true,
            (Some(Abbreviation::Time), Next::Upper(word)) => {
                !words::continues_time(word) && !self.is_time_phrase(token_start)
            }
            (Some(Abbreviation::Ambiguous), Next::Upper(word)) => words::is_sentence_starter(word),
            (Some(_), _) => false,
        };
        if ends {
            self.cut(after).unwrap_or(i + 1)
        } else {
            i + 1
        }
    }

    /// True when the sentence before `token_start` is a short introductory time phrase
    /// ("At 5" before "a.m."), which the period after the time cannot end.
    fn is_time_phrase(&self, token_start: usize) -> bool {
        let mut words = self.text[self.start..token_start].split_whitespace();
        let opens = words.next().is_some_and(words::is_time_preposition);
        // Fewer than three more words: stop counting at the third, not at the sentence's end.
        opens && words.nth(2).is_none()
    }

    /// At a line break inside the paragraph: ends the sentence when the line has no final
    /// punctuation and the next line starts a new line of text.
    fn line_break(&mut self, i: usize) -> usize {
        let line = self.text[self.start..i].trim_end();
        let core = line.trim_end_matches(is_closing_mark);
        let Some(last) = core.chars().next_back() else {
            return i + 1;
        };
        // Final punctuation: the rules for `.`, `!` and `?` have decided already.
        if matches!(last, '.' | '!' | '?' | '…') {
            return i + 1;
        }
        // A line that stops mid-phrase is soft-wrapped.
        if matches!(
            last,
            ',' | ';' | ':' | '-' | '–' | '—' | '&' | '/' | '(' | '[' | '“' | '‘'
        ) {
            return i + 1;
        }
        let last_word = core.rsplit(|c: char| !c.is_alphabetic()).next();
        if last_word.is_some_and(words::is_continuing_word) {
            return i + 1;
        }
        let next_line = self.text[i + 1..self.end].trim_start();
        if next_line.chars().next().is_some_and(char::is_lowercase) {
            return i + 1;
        }
        self.cut(i).unwrap_or(i + 1)
    }

    /// Skips the closing marks at `j`, then classifies what follows; returns the offset after
    /// the closing marks (where a sentence ending at the mark ends) and the class.
    fn next_token(&self, j: usize) -> (usize, Next<'_>) {
        let rest = &self.text[j..self.end];
        let after_closers = rest.trim_start_matches(is_closing_mark);
        let after = self.end - after_closers.len();
        if after_closers.is_empty() {
            return (after, Next::End);
        }
        let word = after_closers.trim_start();
        if word.len() == after_closers.len() {
            return (after, Next::Attached);
        }
        let word = word.trim_start_matches(is_opening_mark);
        let next = match word.chars().next() {
            None => Next::Other,
            Some(c) if c.is_lowercase() => Next::Lower,
            Some(c) if c.is_ascii_digit() => Next::Digit,
            Some(c) if c.is_uppercase() => {
                let len = word
                    .find(|c: char| !c.is_alphabetic())
                    .unwrap_or(word.len());
                Next::Upper(&word[..len])
            }
            Some(_) => Next::Other,
        };
        (after, next)
    }

    /// The token that ends at the period at `i` (back to white space or the sentence start),
    /// without opening marks, and its offset.
    fn token_before(&self, i: usize) -> (usize, &str) {
        let before = &self.text[self.start..i];
        let start = before
            .char_indices()
            .rev()
            .find(|&(_, c)| c.is_whitespace())
            .map_or(0, |(at, c)| at + c.len_utf8());
        (
            self.start + start,
            before[start..].trim_start_matches(is_opening_mark),
        )
    }

    /// The offset of the first character at or after `i` that is not white space.
    fn skip_space(&self, i: usize) -> usize {
        let rest = &self.text[i.min(self.end)..self.end];
        self.end - rest.trim_start().len()
    }

    /// The character at byte `i`, if inside the paragraph.
    fn char_at(&self, i: usize) -> Option<char> {
        self.text.get(i..self.end)?.chars().next()
    }

    /// The character before byte `i`, if the sentence has one.
    fn char_before(&self, i: usize) -> Option<char> {
        self.text[self.start..i].chars().next_back()
    }
}

/// [`BYTE_CLASS`] of a byte no rule looks at and that is no letter or digit.
const PLAIN: u8 = 0;
/// [`BYTE_CLASS`] of an ASCII letter or digit.
const WORD: u8 = 1;
/// [`BYTE_CLASS`] of a byte a rule looks at: `.`, `!`, `?`, a line break, or the start of a
/// non-ASCII character (which may be `…`, a bullet or a letter).
const SPECIAL: u8 = 2;

/// The class of every byte, so that the scanner passes over ordinary text with one table
/// lookup per byte instead of a chain of comparisons.
static BYTE_CLASS: [u8; 256] = {
    let mut table = [PLAIN; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = match b as u8 {
            b'.' | b'!' | b'?' | b'\n' | 0x80..=0xff => SPECIAL,
            b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z' => WORD,
            _ => PLAIN,
        };
        b += 1;
    }
    table
};

/// The role of the token before a period: `None` for an ordinary word or number.
fn classify(token: &str) -> Option<Abbreviation> {
    if let Some(known) = words::abbreviation(token) {
        return Some(known);
    }
    let mut chars = token.chars();
    let single_letter = chars.next().is_some_and(char::is_alphabetic) && chars.next().is_none();
    (single_letter || is_dotted_initialism(token)).then_some(Abbreviation::Ambiguous)
}

/// True for initials joined by periods, final period excluded: "U.S", "E.U", "Ph.D", "D.C".
fn is_dotted_initialism(token: &str) -> bool {
    token.contains('.')
        && token.split('.').all(|part| {
            (1..=2).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_alphabetic())
        })
}

/// Quotation marks ([`crate::marks`]) and brackets that close.
fn is_closing_mark(c: char) -> bool {
    crate::marks::is_closing_mark(c) || matches!(c, ')' | ']' | '}')
}

/// Quotation marks ([`crate::marks`]), brackets and Spanish marks that open.
fn is_opening_mark(c: char) -> bool {
    crate::marks::is_opening_mark(c) || matches!(c, '(' | '[' | '{' | '¿' | '¡')
}

/// List bullets: each starts an item.
fn is_bullet(c: char) -> bool {
    matches!(c, '•' | '‣' | '⁃' | '◦' | '▪' | '●')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checks the layer invariants: paragraphs and sentences trimmed, non-empty, sorted,
    /// disjoint and on char boundaries; each sentence inside its paragraph; and nothing but
    /// white space left between sentences.
    fn assert_layers_valid(text: &str, paragraphs: &[ByteSpan], sentences: &[Sentence]) {
        let spans = paragraphs.iter().chain(sentences.iter().map(|s| &s.span));
        for span in spans {
            assert!(span.end <= text.len(), "{span:?} out of bounds");
            assert!(
                text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
                "{span:?} not on char boundaries"
            );
            assert!(!span.is_empty(), "{span:?} empty");
            assert_eq!(span.trim(text), *span, "{span:?} not trimmed");
        }
        for pair in paragraphs.windows(2) {
            assert!(
                pair[0].end < pair[1].start,
                "paragraphs {pair:?} out of order"
            );
        }
        for pair in sentences.windows(2) {
            assert!(
                pair[0].span.end <= pair[1].span.start,
                "{pair:?} out of order"
            );
            assert!(
                pair[0].paragraph <= pair[1].paragraph,
                "{pair:?} out of order"
            );
        }
        for (index, &paragraph) in paragraphs.iter().enumerate() {
            let mut covered = paragraph.start;
            for sentence in sentences.iter().filter(|s| s.paragraph == index) {
                assert!(
                    paragraph.contains(sentence.span),
                    "{sentence:?} outside {paragraph:?}"
                );
                let gap = &text[covered..sentence.span.start];
                assert!(gap.trim().is_empty(), "text {gap:?} in no sentence");
                covered = sentence.span.end;
            }
            assert_eq!(covered, paragraph.end, "paragraph {index} not covered");
        }
    }

    /// Splits every input and compares the sentence texts, reporting all mismatches at once.
    fn check(cases: &[(&str, &[&str])]) {
        let mut failures = Vec::new();
        for &(input, expected) in cases {
            let (paragraphs, sentences) = split_text(input);
            assert_layers_valid(input, &paragraphs, &sentences);
            let found: Vec<&str> = sentences
                .iter()
                .map(|s| &input[s.span.start..s.span.end])
                .collect();
            if found != expected {
                failures.push(format!(
                    "{input:?}\n  expected {expected:?}\n  found    {found:?}"
                ));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn blank_lines_end_sentences_and_paragraphs() {
        check(&[
            (
                "No final mark\n\nNext paragraph",
                &["No final mark", "Next paragraph"],
            ),
            ("One, and\r\n\r\ntwo.", &["One, and", "two."]),
            ("One, and\n   \t\ntwo.", &["One, and", "two."]),
            ("\n\n  Only one.  \n\n\n", &["Only one."]),
            ("", &[]),
            (" \n\t\r\n", &[]),
        ]);
        let (paragraphs, _) = split_text("A b.\n\nC d.\n \nE f.");
        assert_eq!(paragraphs.len(), 3);
    }

    #[test]
    fn line_without_final_punctuation_ends_a_headline() {
        check(&[
            (
                "Trump Meets Putin In Helsinki\nThe two leaders met Monday.",
                &[
                    "Trump Meets Putin In Helsinki",
                    "The two leaders met Monday.",
                ],
            ),
            (
                "Trump Meets Putin   \r\nThe two leaders met Monday.",
                &["Trump Meets Putin", "The two leaders met Monday."],
            ),
            (
                "By Jane Doe\nMOSCOW (Reuters) -- Talks ended.",
                &["By Jane Doe", "MOSCOW (Reuters) -- Talks ended."],
            ),
            (
                "He called it \"fake news\"\nThe White House disagreed.",
                &["He called it \"fake news\"", "The White House disagreed."],
            ),
        ]);
    }

    #[test]
    fn soft_wrapped_lines_stay_in_their_sentence() {
        check(&[
            (
                "The two leaders met\non Monday in Helsinki.",
                &["The two leaders met\non Monday in Helsinki."],
            ),
            (
                "He met with the\nPresident on Monday.",
                &["He met with the\nPresident on Monday."],
            ),
            (
                "Putin, Trump,\nMerkel and Macron met.",
                &["Putin, Trump,\nMerkel and Macron met."],
            ),
            (
                "It ended.\nThen it began. It was\r\nover.",
                &["It ended.", "Then it began.", "It was\r\nover."],
            ),
        ]);
    }

    #[test]
    fn quotations_stay_in_their_sentence() {
        check(&[
            (
                "\"This is great.\" she said.",
                &["\"This is great.\" she said."],
            ),
            ("\"Is it?\" he asked.", &["\"Is it?\" he asked."]),
            (
                "\"It is over.\" The crowd left.",
                &["\"It is over.\"", "The crowd left."],
            ),
            (
                "“This is great.” she said.",
                &["“This is great.” she said."],
            ),
            ("‘Is it?’ he asked.", &["‘Is it?’ he asked."]),
            (
                "“It is over.” The crowd left.",
                &["“It is over.”", "The crowd left."],
            ),
            (
                "'It is over.' The crowd left.",
                &["'It is over.'", "The crowd left."],
            ),
            ("``Is it?'' he asked.", &["``Is it?'' he asked."]),
            (
                "``It is over.'' The crowd left.",
                &["``It is over.''", "The crowd left."],
            ),
            (
                "He left. “I’m done,” he said.",
                &["He left.", "“I’m done,” he said."],
            ),
            (
                "Asked why, she said (quietly.) nothing.",
                &["Asked why, she said (quietly.) nothing."],
            ),
        ]);
    }

    #[test]
    fn abbreviations_and_initials_do_not_end_sentences() {
        check(&[
            (
                "Mr. Smith, Mrs. Jones, Ms. Lee and Dr. Patel met.",
                &["Mr. Smith, Mrs. Jones, Ms. Lee and Dr. Patel met."],
            ),
            (
                "Sen. Warren, Rep. Cole, Gov. Newsom, Gen. Milley and Lt. Dan spoke.",
                &["Sen. Warren, Rep. Cole, Gov. Newsom, Gen. Milley and Lt. Dan spoke."],
            ),
            (
                "Talks began Jan. 5 and ended Feb. 12 at 9 a.m. sharp.",
                &["Talks began Jan. 5 and ended Feb. 12 at 9 a.m. sharp."],
            ),
            (
                "They meet at 5 p.m. Monday at No. 10 near St. Paul's.",
                &["They meet at 5 p.m. Monday at No. 10 near St. Paul's."],
            ),
            (
                "Apple Inc. and Microsoft Corp. agreed with Martin Luther King Jr. on that.",
                &["Apple Inc. and Microsoft Corp. agreed with Martin Luther King Jr. on that."],
            ),
            (
                "Roe vs. Wade, e.g. Texas, i.e. Dallas, etc. were cited.",
                &["Roe vs. Wade, e.g. Texas, i.e. Dallas, etc. were cited."],
            ),
            (
                "John F. Kennedy and J. K. Rowling never met.",
                &["John F. Kennedy and J. K. Rowling never met."],
            ),
            (
                "He works for the U.S. Government in Virginia.",
                &["He works for the U.S. Government in Virginia."],
            ),
        ]);
    }

    #[test]
    fn abbreviations_end_sentences_before_a_sentence_opener() {
        check(&[
            (
                "Troops stayed in the U.S. The president said so.",
                &["Troops stayed in the U.S.", "The president said so."],
            ),
            (
                "They met at 6 p.m. Officials left at 9.",
                &["They met at 6 p.m.", "Officials left at 9."],
            ),
            ("He said no. Smith left.", &["He said no.", "Smith left."]),
            (
                "It bought Acme Inc. It paid cash.",
                &["It bought Acme Inc.", "It paid cash."],
            ),
        ]);
    }

    #[test]
    fn numbers_dashes_ellipses_and_lists() {
        check(&[
            (
                "Growth was 3.5 percent -- a record. Prices rose.",
                &["Growth was 3.5 percent -- a record.", "Prices rose."],
            ),
            ("He paused... then left.", &["He paused... then left."]),
            ("He paused… Then he left.", &["He paused…", "Then he left."]),
            (
                "He stopped… . . . Then he left.",
                &["He stopped…", ". . . Then he left."],
            ),
            (
                "Visit example.com. It is free!",
                &["Visit example.com.", "It is free!"],
            ),
            ("1. Buy milk 2. Sell eggs", &["1. Buy milk", "2. Sell eggs"]),
            ("• Buy milk\n• Sell eggs", &["• Buy milk", "• Sell eggs"]),
        ]);
    }

    #[test]
    fn non_ascii_text_keeps_char_boundaries() {
        check(&[
            (
                "José left the café. Émilie stayed 🎉. Ça va?",
                &["José left the café.", "Émilie stayed 🎉.", "Ça va?"],
            ),
            (
                "Zoë Müller Wins 🏆\n“Ça marche,” dit-elle.\u{a0}Fin.",
                &["Zoë Müller Wins 🏆", "“Ça marche,” dit-elle.", "Fin."],
            ),
            ("🎉🎉🎉", &["🎉🎉🎉"]),
        ]);
    }

    #[test]
    fn layers_stay_valid_on_generated_text() {
        // Fragments that meet at every rule's edge: marks, quotes, abbreviations, list
        // markers, bullets, line endings and multi-byte characters.
        const PIECES: &[&str] = &[
            "word", "The", "U.S.", "Mr.", "a.m.", "I.", "1.", "b)", "3.5", ".", "...", ". . .",
            "…", "!", "?", "\"", "'", "“", "”", "’", "``", "''", "(", ")", "[...]", "•", "⁃", " ",
            " ", " ", "\n", "\r\n", "\n\n", " \n", "\u{a0}", "é", "🎉", "--", ",", "No.", "e.g.",
        ];
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut text = String::new();
        for _ in 0..3000 {
            text.clear();
            // xorshift64: a fixed sequence, so a failure reproduces.
            let mut next = || {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                state
            };
            let len = next() % 24;
            for _ in 0..len {
                text.push_str(PIECES[(next() % PIECES.len() as u64) as usize]);
            }
            let (paragraphs, sentences) = split_text(&text);
            assert_layers_valid(&text, &paragraphs, &sentences);
        }
    }

    #[test]
    fn split_fills_the_document_layers() {
        let mut doc = Document::new("a", "Headline\n\nBody one. Body two.");
        split(&mut doc);
        assert_eq!(doc.paragraphs.len(), 2);
        let found: Vec<(&str, usize)> = doc
            .sentences
            .iter()
            .map(|s| (doc.slice(s.span), s.paragraph))
            .collect();
        assert_eq!(found, [("Headline", 0), ("Body one.", 1), ("Body two.", 1)]);
    }
}
