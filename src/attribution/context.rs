//! The read-only view the rules work on: a document's tokens and segments.

use std::borrow::Cow;

use super::tokens::{self, Kind, Token};
use crate::document::Document;
use crate::text::ByteSpan;

/// A document with its tokens and segments.
pub struct Context<'a> {
    /// The document.
    pub doc: &'a Document,
    /// Its tokens.
    pub tokens: Vec<Token>,
    /// Token ranges `[start, end)` of its segments.
    pub segments: Vec<(usize, usize)>,
    /// The segment of each token.
    segment_of: Vec<usize>,
    /// Byte offsets where lines start, for distances in lines.
    line_starts: Vec<usize>,
    /// For each line, true when it is set in title case (a headline).
    title_lines: Vec<bool>,
}

impl<'a> Context<'a> {
    /// Tokenizes `doc`.
    pub fn new(doc: &'a Document) -> Self {
        let (tokens, segments) = tokens::tokenize(doc);
        let mut segment_of = vec![0; tokens.len()];
        for (n, &(start, end)) in segments.iter().enumerate() {
            segment_of[start..end].fill(n);
        }
        let line_starts = std::iter::once(0)
            .chain(doc.text.match_indices('\n').map(|(at, _)| at + 1))
            .collect();
        let mut cx = Context {
            doc,
            tokens,
            segments,
            segment_of,
            line_starts,
            title_lines: Vec::new(),
        };
        cx.title_lines = title_lines(&cx);
        cx
    }

    /// True when token `i` stands in a headline set in title case, where capitals mark
    /// neither names nor sentence starts.
    pub fn in_title_line(&self, i: usize) -> bool {
        let line = self.line(self.tokens[i].span.start);
        self.title_lines.get(line).copied().unwrap_or(false)
    }

    /// The text of token `i`.
    pub fn word(&self, i: usize) -> &'a str {
        let span = self.tokens[i].span;
        &self.doc.text[span.start..span.end]
    }

    /// The lower-case text of token `i`, borrowed when it is already lower case.
    pub fn lower(&self, i: usize) -> Cow<'a, str> {
        let word = self.word(i);
        if word.chars().any(char::is_uppercase) {
            Cow::Owned(word.to_lowercase())
        } else {
            Cow::Borrowed(word)
        }
    }

    /// True when token `i` exists, is a word, and its lower case is `lower`.
    pub fn is(&self, i: usize, lower: &str) -> bool {
        self.tokens.get(i).is_some_and(|t| t.kind == Kind::Word)
            && self.word(i).eq_ignore_ascii_case(lower)
    }

    /// True when token `i` is punctuation among `marks` (e.g. `&[",", ";"]`).
    pub fn is_punct(&self, i: usize, marks: &[&str]) -> bool {
        self.tokens.get(i).is_some_and(|t| t.kind == Kind::Punct) && marks.contains(&self.word(i))
    }

    /// True when token `i` is a word.
    pub fn is_word(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| t.kind == Kind::Word)
    }

    /// The token range of the segment holding token `i`.
    pub fn segment(&self, i: usize) -> (usize, usize) {
        self.segments[self.segment_of[i]]
    }

    /// The index of the segment holding token `i`.
    pub fn segment_index(&self, i: usize) -> usize {
        self.segment_of[i]
    }

    /// The byte span from the start of token `a` to the end of token `b - 1`.
    pub fn span(&self, a: usize, b: usize) -> ByteSpan {
        ByteSpan::new(self.tokens[a].span.start, self.tokens[b - 1].span.end)
    }

    /// True when a line break separates token `i` from the token before it; false when
    /// either is missing (a text may end in "She added:", with nothing after the colon).
    pub fn line_break_before(&self, i: usize) -> bool {
        i > 0
            && i < self.tokens.len()
            && self.doc.text[self.tokens[i - 1].span.end..self.tokens[i].span.start].contains('\n')
    }

    /// The line number of byte `at`.
    pub fn line(&self, at: usize) -> usize {
        self.line_starts.partition_point(|&start| start <= at)
    }

    /// The index of the first token starting at or after byte `at`.
    pub fn token_at(&self, at: usize) -> usize {
        self.tokens.partition_point(|t| t.span.start < at)
    }
}

/// For each line, true when at least four in five of its longer words are capitalised.
fn title_lines(cx: &Context) -> Vec<bool> {
    let lines = cx.line(cx.doc.text.len()) + 1;
    let mut words = vec![(0usize, 0usize); lines];
    for (i, token) in cx.tokens.iter().enumerate() {
        if cx.is_word(i) && cx.word(i).len() > 3 {
            let line = &mut words[cx.line(token.span.start)];
            line.0 += 1;
            line.1 += usize::from(token.capital);
        }
    }
    words
        .iter()
        .map(|&(all, capital)| all >= 3 && capital * 10 >= all * 8)
        .collect()
}
