//! Cues other than a reporting verb: "according to", impressions without a source
//! ("appears to"), claim nouns ("Trump's claim that"), transcript and headline labels,
//! quotations after a colon or signed after a dash.

use super::contents::{content_span, is_end, mixed_or, quote_before, trim_comma};
use super::phrases::{is_named_or_pronoun, left_noun_phrase, right_noun_phrase, skip_auxiliaries};
use super::{Found, SpeakerRef};
use crate::attribution::context::Context;
use crate::attribution::cues;
use crate::attribution::tokens::Kind;
use crate::attribution::{ClaimKind, Rule};

/// "The race appears to tighten", "Nabisco is expected to cut jobs", "it seems that ...":
/// an impression PolNeAR marks without a source; the content is the subject and what it
/// seems to do.
pub(super) fn impression(cx: &Context, verb: usize) -> Option<Found> {
    let (seg_start, seg_end) = cx.segment(verb);
    let cue_start = skip_auxiliaries(cx, seg_start, verb);
    let passive = (cue_start..verb)
        .any(|k| cx.is(k, "is") || cx.is(k, "are") || cx.is(k, "was") || cx.is(k, "were"));
    if cx.is(verb, "expected") && !passive {
        return None;
    }
    let (start, from) = if cx.is(verb + 1, "that") {
        (verb + 2, verb + 2)
    } else if cx.is(verb + 1, "to") && cx.is_word(verb + 2) {
        let (a, _) = left_noun_phrase(cx, seg_start, cue_start)?;
        (a, verb + 1)
    } else {
        return None;
    };
    let content = content_span(cx, start, seg_end)?;
    (from < seg_end).then_some(Found {
        kind: mixed_or(cx, content, ClaimKind::Indirect),
        speaker: SpeakerRef::Nobody,
        cue: Some(cx.span(cue_start, verb + 1)),
        content,
        rule: Rule::Impression,
    })
}

/// "Trump's claim that ...", "her promise to ...": a claim noun after a possessive.
pub(super) fn nominal_cue(cx: &Context, noun: usize) -> Option<Found> {
    let (seg_start, seg_end) = cx.segment(noun);
    let owner = noun
        .checked_sub(1)
        .filter(|&k| k >= seg_start && cx.is_word(k))?;
    let lower = cx.lower(owner);
    let speaker = if matches!(lower.as_ref(), "his" | "her" | "their" | "its") {
        (owner, owner + 1)
    } else if cx.tokens[owner].capital && cues::is_possessive(&lower) {
        let start = (owner.saturating_sub(3).max(seg_start)..=owner)
            .find(|&k| (k..=owner).all(|m| cx.is_word(m) && cx.tokens[m].capital))?;
        (start, owner + 1)
    } else {
        return None;
    };
    let start = if cx.is(noun + 1, "that") {
        noun + 2
    } else if cx.is(noun + 1, "to") && cx.is_word(noun + 2) {
        noun + 1
    } else {
        return None;
    };
    let content = content_span(cx, start, seg_end)?;
    Some(Found {
        kind: mixed_or(cx, content, ClaimKind::Indirect),
        speaker: SpeakerRef::Tokens(speaker.0, speaker.1),
        cue: Some(cx.tokens[noun].span),
        content,
        rule: Rule::ClaimNoun,
    })
}

/// 'Kasich resisted: "..."', 'Pollsters agree - Carl Bialik: "..."': a quotation after a
/// colon, introduced by a name or by a subject and a verb the lexicon does not know.
pub(super) fn colon_quote(cx: &Context, open: usize) -> Option<Found> {
    let Kind::Open(q) = cx.tokens[open].kind else {
        return None;
    };
    let colon = open.checked_sub(1).filter(|&k| cx.is_punct(k, &[":"]))?;
    let last = colon.checked_sub(1).filter(|&k| cx.is_word(k))?;
    let (seg_start, _) = cx.segment(last);
    let (speaker, cue) = if cx.tokens[last].capital {
        let start = (last.saturating_sub(3).max(seg_start)..=last)
            .find(|&k| (k..=last).all(|m| cx.is_word(m) && cx.tokens[m].capital))?;
        ((start, last + 1), cx.tokens[colon].span)
    } else {
        let lower = cx.lower(last);
        if cues::is_stop(&lower) || cues::is_determiner(&lower) {
            return None;
        }
        let (a, b) = left_noun_phrase(cx, seg_start, skip_auxiliaries(cx, seg_start, last))?;
        if !is_named_or_pronoun(cx, b - 1) {
            return None;
        }
        ((a, b), cx.tokens[last].span)
    };
    Some(Found {
        kind: ClaimKind::Direct,
        speaker: SpeakerRef::Tokens(speaker.0, speaker.1),
        cue: Some(cue),
        content: cx.doc.quotes[q].inner,
        rule: Rule::ColonQuote,
    })
}

/// "PENCE: And that's why ..." in a transcript, "Poll: Voters abandon ..." in a headline:
/// a short capitalised label opening a line, then a colon; the rest of the line is content.
pub(super) fn line_label(cx: &Context, colon: usize) -> Option<Found> {
    if !cx.is_punct(colon, &[":"]) {
        return None;
    }
    let start = (colon.saturating_sub(5)..colon)
        .rev()
        .find(|&k| k == 0 || cx.line_break_before(k))?;
    let label = (start..colon).all(|k| cx.is_word(k) && cx.tokens[k].capital);
    // "Revealed:", "Contributing:", "The Latest:" are rubrics, not speakers.
    let first = cx.lower(start);
    let rubric = matches!(
        first.as_ref(),
        "correction" | "clarification" | "update" | "editor's"
    ) || cues::is_determiner(&first)
        || cues::is_stop(&first)
        || cues::is_time(&first)
        || first.ends_with("ed")
        || first.ends_with("ing");
    let end = (colon + 1..cx.tokens.len())
        .find(|&k| cx.line_break_before(k))
        .unwrap_or(cx.tokens.len());
    let words = (colon + 1..end).filter(|&k| cx.is_word(k)).count();
    if !label || rubric || start == colon || words < 3 {
        return None;
    }
    let content = content_span(cx, colon + 1, end)?;
    let transcript = cx.word(start).chars().all(|c| !c.is_lowercase());
    Some(Found {
        kind: if transcript {
            ClaimKind::Direct
        } else {
            ClaimKind::Indirect
        },
        speaker: SpeakerRef::Tokens(start, colon),
        cue: Some(cx.tokens[colon].span),
        content,
        rule: Rule::LineLabel,
    })
}

/// "According to X, ...", "..., according to X." and "... is, according to X, ...".
pub(super) fn according_to(cx: &Context, at: usize) -> Option<Found> {
    let (seg_start, seg_end) = cx.segment(at);
    let (a, b) = source_phrase(cx, at + 2, seg_end)?;
    let cue = Some(cx.span(at, at + 2));
    let opens = at == seg_start || matches!(cx.tokens[at - 1].kind, Kind::Open(_));
    let content = if opens {
        if !cx.is_punct(b, &[","]) {
            return None;
        }
        content_span(cx, b + 1, seg_end)?
    } else if cx.is_punct(at - 1, &[","])
        && !(b >= seg_end || is_end(cx, b))
        && cx.is_punct(b, &[","])
    {
        content_span(cx, seg_start, seg_end)?
    } else {
        let boundary = if cx.is_punct(at - 1, &[",", "—", "--"]) {
            at - 1
        } else {
            at
        };
        match quote_before(cx, boundary) {
            Some(q) => trim_comma(cx, cx.doc.quotes[q].inner),
            None => content_span(cx, seg_start, boundary)?,
        }
    };
    Some(Found {
        kind: ClaimKind::AccordingTo,
        speaker: SpeakerRef::Tokens(a, b),
        cue,
        content,
        rule: Rule::AccordingTo,
    })
}

/// The source after "according to": every word up to punctuation or a relative clause
/// ("a new report by Politico", "conservative talk radio host Rush Limbaugh").
pub(super) fn source_phrase(cx: &Context, start: usize, seg_end: usize) -> Option<(usize, usize)> {
    let end = (start..seg_end.min(start + 12))
        .find(|&k| !cx.is_word(k) || cx.is(k, "that") || cx.is(k, "who") || cx.is(k, "which"))
        .unwrap_or(seg_end.min(start + 12));
    (end > start).then_some((start, end))
}

/// '"..." ― Sonya Herridge': a quotation signed after a dash.
pub(super) fn dash_signature(cx: &Context, dash: usize) -> Option<Found> {
    if !cx.is_punct(dash, &["―", "—", "–", "-", "--"]) {
        return None;
    }
    let Kind::Close(q) = cx.tokens.get(dash.checked_sub(1)?)?.kind else {
        return None;
    };
    let (_, seg_end) = cx.segment(dash);
    let (a, b) = right_noun_phrase(cx, dash + 1, seg_end, 5)?;
    if !cx.tokens[a].capital || !(b >= seg_end || is_end(cx, b) || cx.is_punct(b, &[","])) {
        return None;
    }
    Some(Found {
        kind: ClaimKind::Direct,
        speaker: SpeakerRef::Tokens(a, b),
        cue: Some(cx.tokens[dash].span),
        content: cx.doc.quotes[q].inner,
        rule: Rule::DashSignature,
    })
}
