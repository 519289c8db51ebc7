//! Floating quotes: quotations with no cue of their own, which either continue the quoted
//! claim just before them or take its speaker.

use std::cmp::Reverse;
use std::collections::BTreeSet;

use super::{Found, SpeakerRef};
use crate::attribution::context::Context;
use crate::attribution::tokens::Kind;
use crate::attribution::{ClaimKind, Rule};
use crate::quotes::Quote;
use crate::text::ByteSpan;

/// Floating quotes: sentence-like quotations no claim covers. One that follows a quoted
/// claim right after its attribution ('"...," he said. "..."') continues that claim's
/// content; a paragraph that is one quotation takes the speaker of the claim before it.
pub fn floating(cx: &Context, claims: &mut Vec<Found>) {
    let mut index = ClaimIndex::new(claims);
    for (n, quote) in cx.doc.quotes.iter().enumerate() {
        let Some((open, words)) = sentence_quote(cx, n, quote) else {
            continue;
        };
        if index.covers(claims, quote.inner) {
            continue;
        }
        if let Some(previous) = continued(cx, claims, &index, open) {
            index.extend(claims, previous, quote.inner.end);
            continue;
        }
        if words < 5 {
            continue; // too short to stand as a claim of its own
        }
        // Only a quotation that is a paragraph of its own floats; one inside a paragraph
        // most often has an attribution the rules missed.
        let close = cx.token_at(quote.outer.end);
        let alone = (open == 0 || cx.line_break_before(open))
            && (close >= cx.tokens.len() || cx.line_break_before(close));
        if !alone {
            continue;
        }
        index.push(
            claims,
            Found {
                kind: ClaimKind::Direct,
                speaker: SpeakerRef::Previous,
                cue: None,
                content: quote.inner,
                rule: Rule::Floating,
            },
        );
    }
}

/// The opening token of quotation `n` and its number of words, when it opens a sentence
/// (or follows a colon) and holds two words or more: not a scare quote, nor a phrase
/// quoted inside a sentence.
fn sentence_quote(cx: &Context, n: usize, quote: &Quote) -> Option<(usize, usize)> {
    let open = cx.token_at(quote.outer.start);
    if cx.tokens.get(open).is_none_or(|t| t.kind != Kind::Open(n)) {
        return None;
    }
    let (seg_start, _) = cx.segment(open);
    let words = (open..cx.token_at(quote.inner.end))
        .filter(|&k| cx.is_word(k))
        .count();
    let starts_sentence = seg_start == open || cx.is_punct(open - 1, &[":"]);
    (words >= 2 && starts_sentence).then_some((open, words))
}

/// The quoted claim whose attribution ends the sentence right before token `open`, in the
/// same line: the quotation opening there continues it. The candidate is the open claim
/// (see [`ClaimIndex::open`]) that ends last before the quotation.
fn continued(cx: &Context, claims: &[Found], index: &ClaimIndex, open: usize) -> Option<usize> {
    let start = cx.tokens[open].span.start;
    let &(_, n) = index.open.range(..=(start, usize::MAX)).next_back()?;
    let claim = &claims[n];
    let SpeakerRef::Tokens(_, b) = claim.speaker else {
        return None;
    };
    let last = cx.tokens[b - 1]
        .span
        .end
        .max(claim.cue.map_or(0, |c| c.end))
        .max(claim.content.end);
    let adjacent =
        cx.segment_index(cx.token_at(last).saturating_sub(1)) + 1 == cx.segment_index(open);
    adjacent.then_some(n)
}

/// The claims as the floating quotes ask about them, kept up to date as quotations extend
/// claims and add their own. Quotations are disjoint and come in text order, which lets
/// every question be a binary search, a set lookup or a scan that no later question repeats.
struct ClaimIndex {
    /// The rules' claims by content start.
    by_start: Vec<usize>,
    /// How many of `by_start` start at or before the last quotation asked about.
    passed: usize,
    /// The furthest content end of those claims and of every claim extended or added since.
    reach: Option<usize>,
    /// The quoted claims (direct or mixed) whose content no other content holds, by
    /// (content end, index): the claims a quotation can continue.
    open: BTreeSet<(usize, usize)>,
}

impl ClaimIndex {
    fn new(claims: &[Found]) -> Self {
        let mut by_start: Vec<usize> = (0..claims.len()).collect();
        by_start.sort_by_key(|&n| (claims[n].content.start, Reverse(claims[n].content.end)));
        // In that order a content is held by another exactly when an earlier distinct
        // content ends at or after it.
        let mut open = BTreeSet::new();
        let mut reach = None;
        for same in by_start.chunk_by(|&a, &b| claims[a].content == claims[b].content) {
            let content = claims[same[0]].content;
            if reach.is_none_or(|end| end < content.end) {
                let quoted = same.iter().filter(|&&n| is_quoted(&claims[n]));
                open.extend(quoted.map(|&n| (content.end, n)));
            }
            reach = reach.max(Some(content.end));
        }
        ClaimIndex {
            by_start,
            passed: 0,
            reach: None,
            open,
        }
    }

    /// True when a claim holds `inner`, or lies inside it and covers most of it.
    fn covers(&mut self, claims: &[Found], inner: ByteSpan) -> bool {
        while let Some(&n) = self.by_start.get(self.passed) {
            if claims[n].content.start > inner.start {
                break;
            }
            self.reach = self.reach.max(Some(claims[n].content.end));
            self.passed += 1;
        }
        if self.reach.is_some_and(|end| end >= inner.end) {
            return true;
        }
        // The claims that start inside the quotation: quotations are disjoint, so each
        // claim is looked at for one quotation at most.
        let starts = |at: usize| {
            self.by_start
                .partition_point(|&n| claims[n].content.start < at)
        };
        let (from, to) = (starts(inner.start), starts(inner.end + 1));
        self.by_start[from..to].iter().any(|&n| {
            let content = claims[n].content;
            inner.contains(content) && content.len() * 10 >= inner.len() * 8
        })
    }

    /// Extends claim `n`'s content to `end`.
    fn extend(&mut self, claims: &mut [Found], n: usize, end: usize) {
        let old = claims[n].content;
        self.open.remove(&(old.end, n));
        claims[n].content.end = end;
        self.close_held(claims, claims[n].content, old.end);
        self.open.insert((end, n));
        self.reach = self.reach.max(Some(end));
    }

    /// Adds a floating quote's claim, which no claim holds (else it would not float).
    fn push(&mut self, claims: &mut Vec<Found>, claim: Found) {
        self.close_held(claims, claim.content, claim.content.start);
        self.open.insert((claim.content.end, claims.len()));
        self.reach = self.reach.max(Some(claim.content.end));
        claims.push(claim);
    }

    /// Takes out of `open` the claims `holder` now holds, among those that end at or after
    /// `from`: the claims ending before it are held already (by the content `holder` grew
    /// from), so no claim is looked at twice.
    fn close_held(&mut self, claims: &[Found], holder: ByteSpan, from: usize) {
        let held: Vec<(usize, usize)> = self
            .open
            .range((from, 0)..=(holder.end, usize::MAX))
            .filter(|&&(_, n)| holder.contains(claims[n].content) && claims[n].content != holder)
            .copied()
            .collect();
        for entry in held {
            self.open.remove(&entry);
        }
    }
}

/// True for a claim in quotation marks, which a floating quote can continue.
fn is_quoted(claim: &Found) -> bool {
    matches!(claim.kind, ClaimKind::Direct | ClaimKind::Mixed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;

    /// The floating pass as first written, a scan over every claim per quotation: the
    /// reference the indexed pass must agree with.
    fn reference(cx: &Context, claims: &mut Vec<Found>) {
        for (n, quote) in cx.doc.quotes.iter().enumerate() {
            let Some((open, words)) = sentence_quote(cx, n, quote) else {
                continue;
            };
            let covered = claims.iter().any(|c| {
                c.content.contains(quote.inner)
                    || quote.inner.contains(c.content)
                        && c.content.len() * 10 >= quote.inner.len() * 8
            });
            if covered {
                continue;
            }
            let start = cx.tokens[open].span.start;
            let previous = claims
                .iter()
                .enumerate()
                .filter(|(_, c)| c.content.end <= start && is_quoted(c))
                .filter(|(_, c)| {
                    !claims
                        .iter()
                        .any(|o| o.content != c.content && o.content.contains(c.content))
                })
                .max_by_key(|(_, c)| c.content.end)
                .and_then(|(n, c)| {
                    let SpeakerRef::Tokens(_, b) = c.speaker else {
                        return None;
                    };
                    let last = cx.tokens[b - 1]
                        .span
                        .end
                        .max(c.cue.map_or(0, |c| c.end))
                        .max(c.content.end);
                    let adjacent = cx.segment_index(cx.token_at(last).saturating_sub(1)) + 1
                        == cx.segment_index(open);
                    adjacent.then_some(n)
                });
            if let Some(previous) = previous {
                claims[previous].content.end = quote.inner.end;
                continue;
            }
            let close = cx.token_at(quote.outer.end);
            let alone = (open == 0 || cx.line_break_before(open))
                && (close >= cx.tokens.len() || cx.line_break_before(close));
            if words >= 5 && alone {
                claims.push(Found {
                    kind: ClaimKind::Direct,
                    speaker: SpeakerRef::Previous,
                    cue: None,
                    content: quote.inner,
                    rule: Rule::Floating,
                });
            }
        }
    }

    #[test]
    fn the_indexed_pass_agrees_with_the_reference_on_generated_text() {
        // Quotations in every layout the pass looks at: continued, floating alone in a
        // paragraph, nested in claims, inside a sentence, never closed.
        const PIECES: &[&str] = &[
            "\"",
            "\"",
            "“",
            "”",
            " he said.",
            " said Mr. Smith.",
            " Mr. Smith said",
            ",",
            " word",
            " the plan will work.",
            " The plan works.",
            "\n\n",
            "\n",
            ": ",
            " Jones told reporters",
            " according to officials,",
            " We will win. We will.",
        ];
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..2000 {
            let len = 10 + next() % 60;
            let text: String = (0..len)
                .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                .collect();
            let mut doc = Document::new("t", text);
            crate::sentences::split(&mut doc);
            crate::quotes::detect(&mut doc);
            let cx = Context::new(&doc);
            let mut claims = super::super::find(&cx);
            super::super::split_coordinated(&cx, &mut claims);
            let mut expected = claims.clone();
            reference(&cx, &mut expected);
            floating(&cx, &mut claims);
            assert_eq!(
                format!("{claims:?}"),
                format!("{expected:?}"),
                "{:?}",
                doc.text
            );
        }
    }
}
