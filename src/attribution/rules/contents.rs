//! What was said: content spans before and after an attribution, trimmed of punctuation
//! and datelines, and carried through the quotations they open.

use super::{Found, SpeakerRef};
use crate::attribution::context::Context;
use crate::attribution::cues::{self, Strength};
use crate::attribution::tokens::Kind;
use crate::attribution::{ClaimKind, Rule};
use crate::text::ByteSpan;

/// 'The governor added:' at the end of a paragraph: the next paragraph, quoted or not,
/// is what he added.
pub(super) fn next_paragraph(cx: &Context, start: usize) -> Option<(ByteSpan, ClaimKind)> {
    if start >= cx.tokens.len() {
        return None;
    }
    if let Some(q) = opened_quote(cx, start) {
        return Some((cx.doc.quotes[q].inner, ClaimKind::Direct));
    }
    let end = (start + 1..cx.tokens.len())
        .find(|&k| cx.line_break_before(k))
        .unwrap_or(cx.tokens.len());
    Some((content_span(cx, start, end)?, ClaimKind::Direct))
}

/// The content before a post-posed attribution whose left boundary token is `boundary`
/// (a comma, a dash or a closing quotation mark); `after` is the first token after the
/// attribution. A quotation opened right after it continues the content ('"...," he said,
/// "..."'); a main clause after it means the attribution sat inside the sentence, whose
/// two sides are the content. `rule` is the layout that found the attribution.
pub(super) fn after_content(
    cx: &Context,
    rule: Rule,
    boundary: usize,
    after: usize,
    seg_start: usize,
    seg_end: usize,
) -> Option<Found> {
    let quote = quote_before(cx, boundary);
    // After a quotation the attribution may run on ('"...," he wrote after the Times ...'),
    // unless the quotation is a short title ('On "Fox News Sunday," Pence said his ...').
    let runs_on = quote.is_some_and(|q| {
        let opens_segment = cx.token_at(cx.doc.quotes[q].outer.start) == seg_start;
        boundary >= seg_start && (opens_segment || more_words_than(cx, cx.doc.quotes[q].inner, 3))
    });
    let ends = after >= seg_end || is_end(cx, after) || runs_on;
    let comma = cx.is_punct(after, &[",", ";", ":"]);
    if !ends && !comma {
        return None;
    }
    let continuation = comma
        .then(|| continuing_quote(cx, after + 1, seg_end))
        .flatten();
    let (mut content, mut kind) = match quote {
        Some(q) => {
            let inner = trim_comma(cx, cx.doc.quotes[q].inner);
            // 'a top priority ''is increasing the tax liability,'' Mr. Kamin said': the
            // sentence's own words before the quotation belong to the content.
            let open = cx.token_at(cx.doc.quotes[q].outer.start);
            let lead_in =
                open > seg_start && open < boundary && (seg_start..open).any(|k| cx.is_word(k));
            match lead_in.then(|| content_span(cx, seg_start, open)).flatten() {
                Some(lead) => (ByteSpan::new(lead.start, inner.end), ClaimKind::Mixed),
                None => (inner, ClaimKind::Direct),
            }
        }
        None => {
            let span = content_span(cx, seg_start, boundary)?;
            (span, mixed_or(cx, span, ClaimKind::Indirect))
        }
    };
    if let Some(next) = continuation {
        content.end = cx.doc.quotes[next].inner.end;
        if quote.is_none() {
            kind = ClaimKind::Mixed;
        }
    } else if comma && !ends && quote.is_none() && continues_sentence(cx, after + 1) {
        // "With these issues unresolved, Ushakov said, it's unlikely ...": both sides.
        content = content_span(cx, seg_start, seg_end)?;
        kind = mixed_or(cx, content, ClaimKind::Indirect);
    }
    Some(Found {
        kind,
        speaker: SpeakerRef::Previous,
        cue: None,
        content,
        rule,
    })
}

/// The content after a pre-posed attribution, from token `start`.
///
/// `speaker_like` says the subject names someone (a name, a pronoun, "officials"): then a
/// verb of thought may take a bare clause too ("Many experts suspect those losses ...").
pub(super) fn before_content(
    cx: &Context,
    start: usize,
    seg_end: usize,
    strength: Strength,
    speaker_like: bool,
) -> Option<(ByteSpan, ClaimKind)> {
    let mut start = start;
    let mut marked = false;
    if cx.is(start, "that") {
        start += 1;
        marked = true;
        if cx.is_punct(start, &[","]) {
            start += 1; // "said that, if elected, he would ..."
        }
    } else if cx.is_punct(start, &[":", ","]) {
        if cx.is_punct(start, &[","]) && opened_quote(cx, start + 1).is_none() {
            return None;
        }
        if cx.is_punct(start, &[":"]) && cx.line_break_before(start + 1) {
            return next_paragraph(cx, start + 1);
        }
        start += 1;
        marked = true;
    }
    if let Some(q) = opened_quote(cx, start) {
        let quote = cx.doc.quotes[q];
        let close = cx.token_at(quote.outer.end);
        // 'said that "a bomb" had gone off': the quotation is only part of the clause.
        let more = (close..seg_end).any(|k| cx.is_word(k));
        if !more || close >= seg_end {
            return Some((quote.inner, ClaimKind::Direct));
        }
    }
    if start >= seg_end || !(cx.is_word(start) || opened_quote(cx, start).is_some()) {
        return None;
    }
    if !marked {
        let lower = cx.lower(start);
        // "vowed to curb", "promised to build": an infinitive reports like a clause.
        let infinitive = lower == "to" && cx.is_word(start + 1);
        let bare_clause = !cues::is_stop(&lower) || lower == "if" || lower == "there" || infinitive;
        match strength {
            Strength::Weak if !(speaker_like && bare_clause) => return None,
            Strength::Speech if !bare_clause => return None,
            _ => {}
        }
    }
    let mut end = seg_end;
    if !marked || strength == Strength::Object {
        // A bare clause ends at ", and has ..." / ", but denied ...": another predicate.
        let predicate = |k: usize| {
            cx.is_word(k) && {
                let lower = cx.lower(k);
                let finite_cue =
                    cues::cue(&lower).is_some() && (lower.ends_with("ed") || lower == "said");
                (cues::is_auxiliary(&lower) && !lower.ends_with("ly")) || finite_cue
            }
        };
        if let Some(cut) = (start..seg_end).find(|&k| {
            cx.is_punct(k, &[",", ";"])
                && (cx.is(k + 1, "and") || cx.is(k + 1, "but"))
                && predicate(k + 2)
        }) {
            end = cut;
        }
    }
    let span = through_quotes(cx, content_span(cx, start, end)?);
    // An object verb may report a bare name ("endorsed Trump"), not a bare pronoun.
    let words = cx.token_at(span.end) - start;
    let least = if strength == Strength::Object { 1 } else { 3 };
    if words < least || (words == 1 && !cx.tokens[start].capital) {
        return None;
    }
    Some((span, mixed_or(cx, span, ClaimKind::Indirect)))
}

/// True when `span` holds more than `n` words; counts no further, so that asking about a
/// long quotation costs no more than about a short one.
pub(super) fn more_words_than(cx: &Context, span: ByteSpan, n: usize) -> bool {
    (cx.token_at(span.start)..cx.token_at(span.end))
        .filter(|&k| cx.is_word(k))
        .nth(n)
        .is_some()
}

/// The quotation that continues a content after the attribution: opening at token `at`
/// or after a short participial phrase ('Tester said, referring to the excuse, "you ...').
pub(super) fn continuing_quote(cx: &Context, at: usize, seg_end: usize) -> Option<usize> {
    let limit = seg_end.min(at + 15);
    let open = (at..limit).find(|&k| !cx.is_word(k))?;
    if open > at && !cx.is_punct(open, &[",", ":"]) {
        return None;
    }
    let open = if open > at { open + 1 } else { open };
    opened_quote(cx, open)
}

/// True for a token that can stand before a post-posed attribution: a comma, a dash or a
/// closing quotation mark.
pub(super) fn is_boundary(cx: &Context, at: usize) -> bool {
    matches!(cx.tokens[at].kind, Kind::Close(_)) || cx.is_punct(at, &[",", "—", "--", "–", ";"])
}

/// True when token `at` ends the segment: a sentence-final mark or a closing quotation.
pub(super) fn is_end(cx: &Context, at: usize) -> bool {
    cx.is_punct(at, &[".", "!", "?"])
        || matches!(
            cx.tokens.get(at).map(|t| t.kind),
            Some(Kind::Close(_)) | None
        )
}

/// The quotation that closes at token `boundary` (or right before a comma there).
pub(super) fn quote_before(cx: &Context, boundary: usize) -> Option<usize> {
    let close = if cx.is_punct(boundary, &[",", "—", "--", "–"]) {
        boundary.checked_sub(1)?
    } else {
        boundary
    };
    match cx.tokens[close].kind {
        Kind::Close(q) => Some(q),
        _ => None,
    }
}

/// The quotation that opens at token `at`, if any.
pub(super) fn opened_quote(cx: &Context, at: usize) -> Option<usize> {
    match cx.tokens.get(at)?.kind {
        Kind::Open(q) => Some(q),
        _ => None,
    }
}

/// True when the words from token `at` carry on the reported sentence ("it's unlikely",
/// "would help", "since ..."), rather than start a new report ("adding that", "according to").
pub(super) fn continues_sentence(cx: &Context, at: usize) -> bool {
    if !cx.is_word(at) {
        return false;
    }
    let lower = cx.lower(at);
    cues::cue(&lower).is_none() && !lower.ends_with("ing") && lower != "according"
}

/// The byte span of tokens `[start, end)` without trailing punctuation or closing marks
/// of quotations opened before `start`; `None` when nothing is left.
pub(super) fn content_span(cx: &Context, start: usize, end: usize) -> Option<ByteSpan> {
    let mut end = end;
    while end > start {
        let token = cx.tokens[end - 1];
        let trailing = match token.kind {
            Kind::Punct => matches!(
                cx.word(end - 1),
                "." | "," | ";" | ":" | "!" | "?" | "—" | "--" | "–"
            ),
            Kind::Close(q) => cx.doc.quotes[q].outer.start < cx.tokens[start].span.start,
            _ => false,
        };
        if !trailing {
            break;
        }
        end -= 1;
    }
    let mut start = start;
    // A dateline ("RIVERTON —", "WASHINGTON --") is no part of what was said.
    let dateline = |k: usize| {
        cx.is_word(k)
            && cx.word(k).len() > 1
            && !cx.word(k).chars().any(char::is_lowercase)
            && cx.is_punct(k + 1, &["—", "--", "–", "―"])
    };
    if start + 2 < end && dateline(start) {
        start += 2;
    }
    while start < end && cx.is_punct(start, &[",", ":", ";", "—", "--"]) {
        start += 1;
    }
    (start < end).then(|| cx.span(start, end))
}

/// `span` extended to the end of a quotation it opens but the sentence cut short
/// ('said that he would "carpet-bomb them. I don't know ... find out."').
///
/// Quotations are disjoint and in order, so only the last one opening inside `span` can
/// reach past its end.
pub(super) fn through_quotes(cx: &Context, span: ByteSpan) -> ByteSpan {
    let quotes = &cx.doc.quotes;
    let from = quotes.partition_point(|q| q.outer.start < span.start);
    let to = quotes.partition_point(|q| q.outer.start < span.end);
    let end = quotes[from..to]
        .last()
        .filter(|q| q.closed)
        .map_or(span.end, |q| q.inner.end.max(span.end));
    ByteSpan::new(span.start, end)
}

/// A quotation's inner span without a trailing comma ('"...," he said').
pub(super) fn trim_comma(cx: &Context, inner: ByteSpan) -> ByteSpan {
    let text = &cx.doc.text[inner.start..inner.end];
    match text.trim_end_matches([',', ' ']).len() {
        0 => inner,
        len => ByteSpan::new(inner.start, inner.start + len),
    }
}

/// `Mixed` when `span` holds a quotation, else `kind`.
///
/// Quotations are disjoint and in order, so the first one opening inside `span` is the
/// first to close: `span` holds a quotation when it holds that one.
pub(in crate::attribution) fn mixed_or(cx: &Context, span: ByteSpan, kind: ClaimKind) -> ClaimKind {
    let quotes = &cx.doc.quotes;
    let first = quotes.partition_point(|q| q.outer.start < span.start);
    if quotes.get(first).is_some_and(|q| span.contains(q.outer)) {
        ClaimKind::Mixed
    } else {
        kind
    }
}
