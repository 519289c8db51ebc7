//! A light tokenizer: words, punctuation and quotation marks, grouped into the document's
//! sentences (the one segmentation every stage shares), which is all the rules need without
//! a parser.

use crate::document::Document;
use crate::text::ByteSpan;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Letters and digits, with inner apostrophes, hyphens, dots, slashes or ampersands.
    Word,
    /// One punctuation character (dashes of two hyphens count as one token).
    Punct,
    /// The opening mark of quotation `n` of [`Document::quotes`].
    Open(usize),
    /// The closing mark of quotation `n`.
    Close(usize),
}

/// One token.
#[derive(Debug, Clone, Copy)]
pub struct Token {
    /// Half-open byte offsets into the document's text.
    pub span: ByteSpan,
    /// What it is.
    pub kind: Kind,
    /// True when a word starts with an upper-case letter.
    pub capital: bool,
}

/// The tokens of `doc`, and the token ranges of its sentences.
pub fn tokenize(doc: &Document) -> (Vec<Token>, Vec<(usize, usize)>) {
    let text = doc.text.as_str();
    let mut tokens = Vec::new();
    let marks = quote_marks(doc);
    let mut marks = marks.into_iter().peekable();
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        while marks.peek().is_some_and(|&(span, _)| span.start < at) {
            marks.next();
        }
        if c.is_whitespace() {
            continue;
        }
        if let Some((span, kind)) = marks.next_if(|&(span, _)| span.start == at) {
            tokens.push(token(span.start, span.end, kind));
            skip_to(&mut chars, span.end);
            continue;
        }
        if c.is_alphanumeric() {
            let end = word_end(text, at);
            tokens.push(Token {
                span: ByteSpan::new(at, end),
                kind: Kind::Word,
                capital: c.is_uppercase(),
            });
            skip_to(&mut chars, end);
            continue;
        }
        let end = if text[at..].starts_with("--") {
            at + 2
        } else {
            at + c.len_utf8()
        };
        tokens.push(token(at, end, Kind::Punct));
        skip_to(&mut chars, end);
    }
    let segments = segments(doc, &tokens);
    (tokens, segments)
}

fn token(start: usize, end: usize, kind: Kind) -> Token {
    Token {
        span: ByteSpan::new(start, end),
        kind,
        capital: false,
    }
}

/// The opening and closing marks of the document's quotations, sorted by position.
fn quote_marks(doc: &Document) -> Vec<(ByteSpan, Kind)> {
    let text = doc.text.as_str();
    let mut marks = Vec::with_capacity(doc.quotes.len() * 2);
    for (n, quote) in doc.quotes.iter().enumerate() {
        let open_len = mark_len(&text[quote.outer.start..quote.inner.start], true);
        marks.push((
            ByteSpan::new(quote.outer.start, quote.outer.start + open_len),
            Kind::Open(n),
        ));
        if quote.closed {
            let close_len = mark_len(&text[quote.inner.end..quote.outer.end], false);
            marks.push((
                ByteSpan::new(quote.outer.end - close_len, quote.outer.end),
                Kind::Close(n),
            ));
        }
    }
    marks.sort_unstable_by_key(|&(span, _)| span.start);
    marks
}

/// Byte length of the quotation mark at the start (or end) of `between`.
fn mark_len(between: &str, at_start: bool) -> usize {
    if at_start {
        crate::marks::opening_len(between)
    } else {
        crate::marks::closing_len(between)
    }
}

fn skip_to(chars: &mut std::iter::Peekable<std::str::CharIndices>, end: usize) {
    while chars.peek().is_some_and(|&(at, _)| at < end) {
        chars.next();
    }
}

/// The end of the word starting at `start`.
///
/// Inner `' ’ - . / &` join when a letter or digit follows ("don't", "U.S", "Fact/Check");
/// a trailing period joins after an abbreviation, an initial or an inner period ("U.S.").
fn word_end(text: &str, start: usize) -> usize {
    let mut end = start;
    let mut iter = text[start..].char_indices().peekable();
    while let Some((offset, c)) = iter.next() {
        let joins = c.is_alphanumeric()
            || ("'’-./&".contains(c)
                && iter.peek().is_some_and(|&(_, next)| next.is_alphanumeric()));
        if !joins {
            break;
        }
        end = start + offset + c.len_utf8();
    }
    let word = &text[start..end];
    let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    if text[end..].starts_with('.')
        && (initial || word.contains('.') || crate::sentences::is_abbreviation(word))
    {
        end += 1;
    }
    // A percentage is one word ("42%").
    if word.chars().all(|c| c.is_ascii_digit() || c == '.') && text[end..].starts_with('%') {
        return end + 1;
    }
    // A plural possessive keeps its apostrophe ("the farmers' association"), unless the
    // apostrophe is half of a '' quotation mark.
    let rest = &text[end..];
    let apostrophe = ['\'', '’'].into_iter().find(|&a| rest.starts_with(a));
    if let Some(a) = apostrophe.filter(|_| word.ends_with(['s', 'S'])) {
        let after = rest[a.len_utf8()..].chars().next();
        if after.is_none_or(|c| c.is_whitespace() || ",.;:".contains(c)) {
            end += a.len_utf8();
        }
    }
    end
}

/// Longest segment, in tokens: a run-on stretch without sentence breaks is cut after this
/// many. The rules scan a segment from each cue (ahead for the end of a clause, back for a
/// subject or for the words before a quotation) and a content may run to its end, so an
/// unbounded segment would cost, and write out, the square of its length. The longest
/// sentence in PolNeAR train and dev has 220 tokens: no real sentence is cut.
const MAX_SEGMENT: usize = 512;

/// Token ranges of the document's sentences, each cut after [`MAX_SEGMENT`] tokens; tokens
/// outside every sentence (none, when the sentence layer is there) form a last segment.
fn segments(doc: &Document, tokens: &[Token]) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(doc.sentences.len());
    let mut start = 0;
    let ends = doc
        .sentences
        .iter()
        .map(|sentence| start_of_next(tokens, sentence.span.end))
        .chain(std::iter::once(tokens.len()));
    for end in ends {
        let end = end.max(start);
        while end - start > MAX_SEGMENT {
            out.push((start, start + MAX_SEGMENT));
            start += MAX_SEGMENT;
        }
        if end > start {
            out.push((start, end));
        }
        start = end;
    }
    out
}

/// The index of the first token that starts at or after byte `at`.
fn start_of_next(tokens: &[Token], at: usize) -> usize {
    tokens.partition_point(|t| t.span.start < at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> (Document, Vec<Token>, Vec<(usize, usize)>) {
        let mut doc = Document::new("t", text);
        crate::sentences::split(&mut doc);
        crate::quotes::detect(&mut doc);
        let (tokens, segments) = tokenize(&doc);
        (doc, tokens, segments)
    }

    #[test]
    fn abbreviations_keep_their_period_and_do_not_end_sentences() {
        let (doc, tokens, segments) = words("Mr. Garin met U.S. officials. They left.");
        let texts: Vec<&str> = tokens
            .iter()
            .map(|t| &doc.text[t.span.start..t.span.end])
            .collect();
        assert_eq!(
            texts,
            [
                "Mr.",
                "Garin",
                "met",
                "U.S.",
                "officials",
                ".",
                "They",
                "left",
                "."
            ]
        );
        assert_eq!(segments, [(0, 6), (6, 9)]);
    }

    #[test]
    fn a_run_on_text_is_cut_into_segments_of_bounded_length() {
        let text = "and so on, ".repeat(MAX_SEGMENT);
        let (_, tokens, segments) = words(&text);
        assert_eq!(tokens.len(), 4 * MAX_SEGMENT);
        assert_eq!(segments.len(), 4);
        assert!(segments.iter().all(|&(a, b)| b - a == MAX_SEGMENT));
    }

    #[test]
    fn quotation_marks_are_tokens_of_their_quotation() {
        let (_, tokens, segments) = words("\"It is over.\" He left.\nNext line");
        assert_eq!(tokens[0].kind, Kind::Open(0));
        assert_eq!(tokens[5].kind, Kind::Close(0));
        assert_eq!(segments, [(0, 6), (6, 9), (9, 11)]);
    }
}
