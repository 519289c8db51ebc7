//! Floating quotes: quotations with no cue of their own, which either continue the quoted
//! claim just before them or take its speaker.

use super::{Found, SpeakerRef};
use crate::attribution::context::Context;
use crate::attribution::tokens::Kind;
use crate::attribution::ClaimKind;

/// Floating quotes: sentence-like quotations no claim covers. One that follows a quoted
/// claim right after its attribution ('"...," he said. "..."') continues that claim's
/// content; a paragraph that is one quotation takes the speaker of the claim before it.
pub fn floating(cx: &Context, claims: &mut Vec<Found>) {
    for (n, quote) in cx.doc.quotes.iter().enumerate() {
        let open = cx.token_at(quote.outer.start);
        if cx.tokens.get(open).is_none_or(|t| t.kind != Kind::Open(n)) {
            continue;
        }
        let (seg_start, _) = cx.segment(open);
        let words = (open..cx.token_at(quote.inner.end))
            .filter(|&k| cx.is_word(k))
            .count();
        let starts_sentence = seg_start == open || cx.is_punct(open - 1, &[":"]);
        if words < 2 || !starts_sentence {
            continue; // a scare quote, or a phrase quoted inside a sentence
        }
        let covered = claims.iter().any(|c| {
            c.content.contains(quote.inner)
                || quote.inner.contains(c.content) && c.content.len() * 10 >= quote.inner.len() * 8
        });
        if covered {
            continue;
        }
        if let Some(previous) = continued(cx, claims, open) {
            claims[previous].content.end = quote.inner.end;
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
        claims.push(Found {
            kind: ClaimKind::Direct,
            speaker: SpeakerRef::Previous,
            cue: None,
            content: quote.inner,
            confidence: 0.3,
        });
    }
}

/// The quoted claim whose attribution ends the sentence right before token `open`, in the
/// same line: the quotation opening there continues it.
pub(super) fn continued(cx: &Context, claims: &[Found], open: usize) -> Option<usize> {
    let start = cx.tokens[open].span.start;
    let (n, claim) = claims
        .iter()
        .enumerate()
        .filter(|(_, c)| {
            c.content.end <= start && matches!(c.kind, ClaimKind::Direct | ClaimKind::Mixed)
        })
        .filter(|(_, c)| {
            !claims
                .iter()
                .any(|o| o.content != c.content && o.content.contains(c.content))
        })
        .max_by_key(|(_, c)| c.content.end)?;
    let SpeakerRef::Tokens(_, b) = claim.speaker else {
        return None;
    };
    let last = cx.tokens[b - 1]
        .span
        .end
        .max(claim.cue.map_or(0, |c| c.end))
        .max(claim.content.end);
    let quoted = matches!(claim.kind, ClaimKind::Direct | ClaimKind::Mixed);
    let adjacent =
        cx.segment_index(cx.token_at(last).saturating_sub(1)) + 1 == cx.segment_index(open);
    (quoted && adjacent).then_some(n)
}
