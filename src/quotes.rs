//! Quotations: the spans between matching quotation marks.
//!
//! Which characters are quotation marks, and what each can do, is [`crate::marks`]'s.
//!
//! The scan works line by line so that a broken mark costs one line at most: a quotation
//! left open at the end of its line ends there, unless the next non-empty line opens a
//! quotation, which is the newswriting convention for a quotation running over several
//! paragraphs (each paragraph reopens it, only the last one closes it).

use crate::document::Document;
pub use crate::document::Quote;
use crate::marks::{self, Role};
use crate::text::ByteSpan;

/// A quotation mark found in the text.
#[derive(Debug, Clone, Copy)]
struct Mark {
    span: ByteSpan,
    role: Role,
}

/// Adds the quotation layer to `doc`.
pub fn detect(doc: &mut Document) {
    doc.quotes = find(&doc.text);
}

/// The quotations of `text`, in order of their opening mark and disjoint: each one ends
/// before the next opens, so they are in order of their ends too (the rules rely on it to
/// find the quotation around or after a position with one binary search).
pub fn find(text: &str) -> Vec<Quote> {
    let lines = lines(text);
    let mut quotes = Vec::new();
    // An open quotation carried from one line into the next: (opening mark span).
    let mut open: Option<ByteSpan> = None;
    for (n, line) in lines.iter().enumerate() {
        // The family of a quotation open inside the open one ("… “inner” …").
        let mut inner: Option<u8> = None;
        let mut found = marks(text, *line).into_iter().peekable();
        if open.is_some() {
            // The carried quotation continues: this line's opening mark only reopens it.
            if let Some(first) = found.peek() {
                if first.span.start == line.start && first.role != Role::Close {
                    found.next();
                }
            }
        }
        for mark in found {
            let role = match (open, mark.role) {
                (Some(start), _) => match role_inside(text, start, mark, &mut inner) {
                    Some(role) => role,
                    None => continue,
                },
                (None, Role::Either) => resolve(text, mark.span, false),
                (None, role) => role,
            };
            match (role, open) {
                (Role::Close, Some(start)) => {
                    push(&mut quotes, text, start, mark.span, true);
                    open = None;
                }
                (Role::Close, None) => {} // a stray closing mark: ignored
                (_, Some(start)) => {
                    // A new opening mark while one is open: the first was never closed.
                    push(
                        &mut quotes,
                        text,
                        start,
                        ByteSpan::new(mark.span.start, mark.span.start),
                        false,
                    );
                    open = Some(mark.span);
                }
                (_, None) => open = Some(mark.span),
            }
        }
        if let Some(start) = open {
            let reopens = lines.get(n + 1).is_some_and(|next| {
                marks(text, *next)
                    .first()
                    .is_some_and(|m| m.span.start == next.start && m.role != Role::Close)
            });
            if !reopens {
                push(
                    &mut quotes,
                    text,
                    start,
                    ByteSpan::new(line.end, line.end),
                    false,
                );
                open = None;
            }
        }
    }
    quotes
}

/// Non-empty lines, trimmed.
fn lines(text: &str) -> Vec<ByteSpan> {
    let mut out = Vec::new();
    let mut start = 0;
    for (at, _) in text
        .match_indices('\n')
        .chain(std::iter::once((text.len(), "")))
    {
        let span = ByteSpan::new(start, at).trim(text);
        if !span.is_empty() {
            out.push(span);
        }
        start = (at + 1).min(text.len());
    }
    out
}

/// The quotation marks inside `line`, in order.
fn marks(text: &str, line: ByteSpan) -> Vec<Mark> {
    let mut out = Vec::new();
    let mut at = line.start;
    while at < line.end {
        let len = match marks::double_mark_at(text, at) {
            Some((len, role)) => {
                out.push(Mark {
                    span: ByteSpan::new(at, at + len),
                    role,
                });
                len
            }
            None => text[at..].chars().next().map_or(1, char::len_utf8),
        };
        at += len;
    }
    out
}

/// The family of a mark, named by its first byte: straight `"`, wire `` `` ``/`''`, curly
/// (the first byte of `“ ”`) or guillemets (the first byte of `« »`).
fn family(text: &str, mark: ByteSpan) -> u8 {
    match text.as_bytes()[mark.start] {
        b'`' => b'\'',
        byte => byte,
    }
}

/// What a mark does while the quotation opened at `open` is still open: `None` when it opens
/// or closes a quotation inside that one ("He said: \"they call it “fake” news\"", or curly
/// marks inside curly ones), else the role it plays for the open quotation.
///
/// A mark of another family that opens starts an inner quotation, and the matching close
/// ends it; a close with no inner quotation of its family open ends the outer one (the
/// mixed pair `“…"`). An opening curly mark inside a curly quotation nests only when its
/// neighbours say it opens: `“False.“` is a mistyped close.
fn role_inside(text: &str, open: ByteSpan, mark: Mark, inner: &mut Option<u8>) -> Option<Role> {
    let kind = family(text, mark.span);
    let other = kind != family(text, open);
    let role = match mark.role {
        Role::Either => resolve(text, mark.span, true),
        Role::Open if !other => resolve(text, mark.span, true),
        role => role,
    };
    match role {
        Role::Close if *inner == Some(kind) => *inner = None,
        Role::Open if other || mark.role == Role::Open => *inner = Some(kind),
        role => return Some(role),
    }
    None
}

/// Decides whether an ambiguous mark opens or closes, from its neighbours.
///
/// A mark after white space (or an opening bracket or dash) and before a word opens; one
/// after a word or punctuation and before white space or punctuation closes. When the
/// neighbours do not decide, the mark closes an open quotation and otherwise opens one.
fn resolve(text: &str, mark: ByteSpan, is_open: bool) -> Role {
    let before = text[..mark.start].chars().next_back();
    let after = text[mark.end..].chars().next();
    let space_before = before.is_none_or(|c| c.is_whitespace() || "([{—–-".contains(c));
    let space_after = after.is_none_or(|c| c.is_whitespace());
    let punct_after = after.is_some_and(|c| ",.;:!?)]—–".contains(c));
    match (space_before, space_after || punct_after) {
        (true, false) => Role::Open,
        (false, true) => Role::Close,
        _ if is_open => Role::Close,
        _ => Role::Open,
    }
}

/// Records the quotation from the opening mark `open` to the closing mark `close`.
fn push(quotes: &mut Vec<Quote>, text: &str, open: ByteSpan, close: ByteSpan, closed: bool) {
    let inner = ByteSpan::new(open.end, close.start.max(open.end)).trim(text);
    if inner.is_empty() {
        return;
    }
    let end = if closed { close.end } else { inner.end };
    quotes.push(Quote {
        inner,
        outer: ByteSpan::new(open.start, end),
        closed,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inner(text: &str) -> Vec<&str> {
        find(text)
            .iter()
            .map(|q| &text[q.inner.start..q.inner.end])
            .collect()
    }

    #[test]
    fn straight_curly_and_wire_marks() {
        let cases: [(&str, &[&str]); 6] = [
            ("\"We will win,\" he said.", &["We will win,"]),
            ("He said: “It is over.” Then he left.", &["It is over."]),
            (
                "''It grows,'' Mr. Garin added, ''and grows.''",
                &["It grows,", "and grows."],
            ),
            ("``Fine,'' she said.", &["Fine,"]),
            ("a \"nerve agent.\" Russia", &["nerve agent."]),
            ("''on 'Fox and Friends,''' said", &["on 'Fox and Friends,'"]),
        ];
        for (text, expected) in cases {
            assert_eq!(inner(text), expected, "{text}");
        }
    }

    #[test]
    fn quotation_running_over_paragraphs_ends_at_the_last_close() {
        let text = "He said: \"First part.\n\n\"Second part.\n\n\"Last part.\" Then more.";
        let quotes = find(text);
        assert_eq!(quotes.len(), 1);
        assert!(text[quotes[0].inner.start..quotes[0].inner.end].ends_with("Last part."));
        assert!(quotes[0].closed);
    }

    #[test]
    fn a_quotation_inside_another_of_a_different_family_does_not_close_it() {
        let cases: [(&str, &[&str]); 5] = [
            (
                "\"I read the question: “Is he fit?” and they agreed,\" he said.",
                &["I read the question: “Is he fit?” and they agreed,"],
            ),
            (
                "“They call it \"fake\" news,” she said. \"Next.\"",
                &["They call it \"fake\" news,", "Next."],
            ),
            ("He said: “mixed pair.\" Then more.", &["mixed pair."]),
            (
                "“I'd rather live in what he calls “hell” than here.” ― A reader",
                &["I'd rather live in what he calls “hell” than here."],
            ),
            (
                "His claims were “Mostly False.“ Then more.",
                &["Mostly False."],
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(inner(text), expected, "{text}");
            assert!(find(text).iter().all(|q| q.closed), "{text}");
        }
    }

    #[test]
    fn quotations_are_disjoint_and_in_order_on_generated_text() {
        const PIECES: &[&str] = &[
            "\"", "\"", "“", "”", "''", "``", "'", " ", " word", "word", ".", ",", "\n", "\n\n",
            "(", ")", "—",
        ];
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..3000 {
            // xorshift64: a fixed sequence, so a failure reproduces.
            let mut next = || {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                state
            };
            let len = next() % 40;
            let text: String = (0..len)
                .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                .collect();
            let quotes = find(&text);
            for q in &quotes {
                assert!(q.outer.contains(q.inner), "{text:?}: {q:?}");
            }
            for pair in quotes.windows(2) {
                assert!(
                    pair[0].outer.end <= pair[1].outer.start,
                    "{text:?}: {pair:?}"
                );
            }
        }
    }

    #[test]
    fn unclosed_quotation_ends_with_its_line() {
        let text = "He said: \"never closed.\n\nNext \"closed one\" here.";
        let found = find(text);
        assert_eq!(found.len(), 2);
        assert!(!found[0].closed);
        assert_eq!(
            &text[found[0].inner.start..found[0].inner.end],
            "never closed."
        );
        assert_eq!(
            &text[found[1].inner.start..found[1].inner.end],
            "closed one"
        );
        assert_eq!(
            &text[found[1].outer.start..found[1].outer.end],
            "\"closed one\""
        );
    }
}
