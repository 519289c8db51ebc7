//! Reporting verbs in their layouts: post-posed ("..., X said"), inverted ('"...," said
//! X'), pre-posed ("X said (that) ..."), and the frames around them ("As X said, ...",
//! "Asked if ..., X said", "is set to endorse").

use super::contents::{after_content, before_content, content_span, is_boundary, mixed_or};
use super::phrases::{
    clause_subject, is_named_or_pronoun, is_verb_use, right_noun_phrase, skip_adjuncts,
    skip_appositive, skip_auxiliaries, skip_auxiliaries_forward, skip_hearer, skip_time_back,
    subject,
};
use super::{Found, SpeakerRef, MAX_SPEAKER};
use crate::attribution::context::Context;
use crate::attribution::cues::{self, Cue, Strength};
use crate::attribution::tokens::Kind;
use crate::attribution::{ClaimKind, Rule};
use crate::text::ByteSpan;

/// A claim whose cue stands inside a quotation is the quoted speaker's report of someone
/// else: its content ends with the quotation, and it is kept only when the quoted speaker
/// names who spoke ("Trump suggested that ..."): "he", "I" or "the sooner he" inside a
/// quotation are the quoted speaker's own way of talking, not a second claim to report.
pub(super) fn inside_quote(
    cx: &Context,
    cue: usize,
    claim: Found,
    strength: Strength,
) -> Option<Found> {
    let at = cx.tokens[cue].span.start;
    let quotes = &cx.doc.quotes;
    // Quotations are disjoint: only the last one opening before the cue can hold it.
    let around = quotes[..quotes.partition_point(|q| q.inner.start <= at)]
        .last()
        .filter(|q| q.inner.end > at);
    let Some(quote) = around else {
        return Some(claim);
    };
    if let SpeakerRef::Tokens(a, b) = claim.speaker {
        let first_person = (a..b).any(|k| {
            let lower = cx.lower(k);
            let word = lower.split(['\'', '’']).next().unwrap_or("");
            matches!(word, "i" | "we" | "you" | "me" | "us")
        });
        let named = cx.tokens[b - 1].capital && cx.tokens[a].capital;
        let inside = quote.inner.contains(cx.span(a, b));
        if inside && (first_person || !named || strength == Strength::Object) {
            return None;
        }
    }
    let start = claim.content.start.max(quote.inner.start);
    let end = claim.content.end.min(quote.inner.end);
    (start < end).then(|| Found {
        content: ByteSpan::new(start, end),
        ..claim
    })
}

/// "X said ...", "... , X said", "... , said X", with the quotation layouts.
pub(super) fn reporting_verb(cx: &Context, verb: usize, cue: Cue, gerund: bool) -> Option<Found> {
    let (seg_start, _) = cx.segment(verb);
    if !is_verb_use(cx, verb, seg_start) {
        return None;
    }
    if verb > seg_start && cx.is(verb - 1, "to") {
        return infinitive(cx, verb, cue);
    }
    if cx.is(verb, "asked")
        && (verb == seg_start || (verb == seg_start + 1 && cx.is(seg_start, "when")))
    {
        return asked(cx, verb);
    }
    let frame = Frame::new(cx, verb, cue, gerund)?;
    post_posed(cx, &frame)
        .or_else(|| inverted(cx, &frame))
        .or_else(|| pre_posed(cx, &frame))
}

/// "Asked if he believed ..., Starnes said ...": the question is the content of "asked",
/// and the subject of the clause after the comma answers it.
pub(super) fn asked(cx: &Context, verb: usize) -> Option<Found> {
    let (_, seg_end) = cx.segment(verb);
    let comma = (verb + 1..seg_end).find(|&k| cx.is_punct(k, &[","]))?;
    let (a, b) = right_noun_phrase(cx, comma + 1, seg_end, MAX_SPEAKER)?;
    let verb_after = skip_auxiliaries_forward(cx, b, seg_end);
    let answers = cx.is_word(verb_after) && cues::cue(&cx.lower(verb_after)).is_some();
    if !answers || !is_named_or_pronoun(cx, b - 1) {
        return None;
    }
    let content = content_span(cx, verb + 1, comma)?;
    Some(Found {
        kind: mixed_or(cx, content, ClaimKind::Indirect),
        speaker: SpeakerRef::Tokens(a, b),
        cue: Some(cx.tokens[verb].span),
        content,
        rule: Rule::Asked,
    })
}

/// What the layouts need to know about one reporting verb.
pub(super) struct Frame {
    verb: usize,
    cue: Cue,
    gerund: bool,
    seg_start: usize,
    seg_end: usize,
    /// The first token of the cue: the verb or the auxiliaries before it.
    cue_start: usize,
    /// Where a subject before the verb ends (time adjuncts skipped).
    subject_end: usize,
    subject: Option<(usize, usize)>,
    /// A gerund after a message noun ("tweets saying"): the clause subject speaks.
    message: bool,
    /// A participle after a comma ("..., adding that"): its subject is the sentence's.
    participle: bool,
    /// The first token after the verb, its hearer and adjuncts.
    after: usize,
}

impl Frame {
    /// The frame of the verb at `verb`, or `None` when the word is no report here: a
    /// passive, a stance verb without a named subject, a weak verb in a headline, a
    /// gerund used as a noun.
    fn new(cx: &Context, verb: usize, cue: Cue, gerund: bool) -> Option<Frame> {
        let (seg_start, seg_end) = cx.segment(verb);
        let cue_start = skip_auxiliaries(cx, seg_start, verb);
        if is_passive(cx, cue_start, verb, gerund) {
            return None; // "Clinton was supported by 42 percent": the subject is no speaker
        }
        let subject_end = skip_time_back(cx, seg_start, cue_start);
        // "Fiorina was upfront about Trump, the front-runner, saying ...": a participle
        // after a comma speaks for the clause's subject, not for the phrase before it.
        let participle = gerund && cx.is_punct(verb.wrapping_sub(1), &[",", "–", "—", "--"]);
        let subject = if participle {
            clause_subject(cx, seg_start, subject_end, false)
        } else {
            subject(cx, seg_start, subject_end)
        };
        let named = subject.is_some_and(|(a, b)| cx.tokens[a].capital && cx.tokens[b - 1].capital);
        if cue.strength == Strength::Object
            && !subject.is_some_and(|(_, b)| is_named_or_pronoun(cx, b - 1))
        {
            return None; // "a yellow bulldozer pushed": stance verbs need a named speaker
        }
        let message =
            gerund && subject.is_some_and(|(_, b)| cues::is_message_noun(&cx.lower(b - 1)));
        let subject = if message { None } else { subject };
        if cx.tokens[verb].capital && cx.in_title_line(verb) && cue.strength == Strength::Weak {
            return None; // "Terror Suspect Named By Police": only "Says", "Warns" ... in headlines
        }
        let finite = subject_end < verb || cx.is_punct(verb.wrapping_sub(1), &[","]) || named;
        if gerund && !(finite || message) {
            return None; // "reporting" as a noun, "It bears noting": not a finite cue
        }
        let mut after = verb + 1;
        if cue.takes_hearer {
            after = skip_hearer(cx, after, seg_end);
        }
        Some(Frame {
            verb,
            cue,
            gerund,
            seg_start,
            seg_end,
            cue_start,
            subject_end,
            subject,
            message,
            participle,
            after: skip_adjuncts(cx, after, seg_end),
        })
    }

    /// The cue's span: auxiliaries and verb.
    fn cue_span(&self, cx: &Context) -> Option<ByteSpan> {
        Some(cx.span(self.cue_start, self.verb + 1))
    }
}

/// "..., X said." / "..., X said, ..." / '"...," X said, "..."': the subject stands after
/// a comma, a dash or a closing quotation mark, and the content before it.
pub(super) fn post_posed(cx: &Context, frame: &Frame) -> Option<Found> {
    if frame.participle {
        return None;
    }
    let (a, b) = frame.subject?;
    // Lower-case words before the name belong to the phrase ("former congressman Dan
    // Maffei said"): the boundary is before them.
    let mut first = a;
    while first > frame.seg_start && a - first < 3 && cx.is_word(first - 1) && {
        let lower = cx.lower(first - 1);
        !cx.tokens[first - 1].capital && !cues::is_stop(&lower) && cues::cue(&lower).is_none()
    } {
        first -= 1;
    }
    // A quotation that ended the sentence before may still be attributed after it
    // ('"... today." Ushakov said.'), but not across a paragraph break.
    let before = first.checked_sub(1).filter(|&k| {
        let closed_before =
            matches!(cx.tokens[k].kind, Kind::Close(_)) && !cx.line_break_before(first);
        is_boundary(cx, k) && (k >= frame.seg_start || closed_before)
    })?;
    let claim = after_content(
        cx,
        Rule::PostPosed,
        before,
        frame.after,
        frame.seg_start,
        frame.seg_end,
    )?;
    Some(Found {
        speaker: SpeakerRef::Tokens(a, b),
        cue: frame.cue_span(cx),
        ..claim
    })
}

/// '"...," said X, a spokesman.' and 'Said X: "..."': the verb before its subject.
pub(super) fn inverted(cx: &Context, frame: &Frame) -> Option<Found> {
    let Frame {
        verb,
        seg_start,
        seg_end,
        ..
    } = *frame;
    if frame.subject.is_some() || frame.gerund || frame.cue.strength == Strength::Object {
        return None;
    }
    let (a, b) = right_noun_phrase(cx, verb + 1, seg_end, MAX_SPEAKER)?;
    let cue = Some(cx.span(verb, verb + 1));
    if verb > seg_start && is_boundary(cx, verb - 1) {
        let after = skip_adjuncts(cx, skip_appositive(cx, b, seg_end), seg_end);
        let claim = after_content(cx, Rule::Inverted, verb - 1, after, seg_start, seg_end)?;
        return Some(Found {
            speaker: SpeakerRef::Tokens(a, b),
            cue,
            ..claim
        });
    }
    if verb != seg_start {
        return None;
    }
    let (content, kind) = before_content(cx, b, seg_end, Strength::Weak, false)?;
    Some(Found {
        kind,
        speaker: SpeakerRef::Tokens(a, b),
        cue,
        content,
        rule: Rule::OpeningVerb,
    })
}

/// "X said (that) ...", "X told reporters: ...": the subject before the verb, the content
/// after it.
pub(super) fn pre_posed(cx: &Context, frame: &Frame) -> Option<Found> {
    let speaker = match frame.subject {
        Some(subject) => subject,
        None => clause_subject(cx, frame.seg_start, frame.subject_end, frame.message)?,
    };
    if let Some(claim) = framed(cx, speaker, frame.after, frame.seg_end) {
        return Some(Found {
            cue: frame.cue_span(cx),
            ..claim
        });
    }
    let strength = frame.cue.strength;
    let speaker_like = is_named_or_pronoun(cx, speaker.1 - 1);
    let (mut content, kind) =
        before_content(cx, frame.after, frame.seg_end, strength, speaker_like)?;
    if cx.is(speaker.1 - 1, "who") {
        // An appositive's report ends where the main verb comes ("Hall, who has pushed
        // for the repairs, said ...").
        let main_verb = (frame.after..frame.seg_end).find(|&k| {
            cx.is_punct(k, &[","])
                && cx.is_word(k + 1)
                && cues::cue(&cx.lower(k + 1)).is_some_and(|c| c.strength == Strength::Speech)
        });
        if let Some(comma) = main_verb.filter(|&k| cx.tokens[k].span.start > content.start) {
            content.end = content.end.min(cx.tokens[comma].span.start);
        }
    }
    Some(Found {
        kind,
        speaker: SpeakerRef::Tokens(speaker.0, speaker.1),
        cue: frame.cue_span(cx),
        content,
        rule: Rule::PrePosed,
    })
}

/// "Bush is set to back Cruz", "Republicans need to recognize that ...": a reporting verb
/// in the infinitive after a control verb or adjective speaks for that verb's subject, when
/// the subject names someone. (After a verb that is itself a cue, "declined to comment",
/// the outer claim holds the report.)
pub(super) fn infinitive(cx: &Context, verb: usize, cue: Cue) -> Option<Found> {
    let (seg_start, seg_end) = cx.segment(verb);
    let to = verb - 1;
    let matrix = to
        .checked_sub(1)
        .filter(|&k| k >= seg_start && cx.is_word(k))?;
    let control = matches!(
        cx.lower(matrix).as_ref(),
        "need"
            | "needs"
            | "needed"
            | "try"
            | "tries"
            | "tried"
            | "trying"
            | "intend"
            | "intends"
            | "intended"
            | "set"
            | "going"
            | "began"
            | "begin"
            | "begins"
            | "started"
            | "starts"
            | "moved"
            | "moves"
            | "rushed"
            | "appeared"
            | "seemed"
            | "seems"
            | "appears"
            | "able"
            | "ready"
            | "likely"
            | "eager"
            | "willing"
            | "unwilling"
            | "refusing"
    );
    if !control {
        return None;
    }
    let end = skip_time_back(cx, seg_start, skip_auxiliaries(cx, seg_start, matrix));
    let (a, b) = subject(cx, seg_start, end)?;
    if !is_named_or_pronoun(cx, b - 1) || b != end {
        return None;
    }
    let after = skip_adjuncts(cx, verb + 1, seg_end);
    let (content, kind) = before_content(cx, after, seg_end, cue.strength, true)?;
    Some(Found {
        kind,
        speaker: SpeakerRef::Tokens(a, b),
        cue: Some(cx.span(to, verb + 1)),
        content,
        rule: Rule::Infinitive,
    })
}

/// Two frames around a subject and its verb: "As Crane said, the candidates ..." (the
/// clause after the comma is the content) and "what she said is growing demand", "a letter
/// that he said was drafted by the firm" (the relative clause around them is).
pub(super) fn framed(
    cx: &Context,
    speaker: (usize, usize),
    after: usize,
    seg_end: usize,
) -> Option<Found> {
    let (a, b) = speaker;
    let before = a.checked_sub(1).filter(|&k| cx.is_word(k))?;
    let relative = matches!(cx.lower(before).as_ref(), "that" | "which" | "what");
    let predicate = cx.is_word(after)
        && matches!(
            cx.lower(after).as_ref(),
            "is" | "was" | "were" | "are" | "had" | "has" | "would" | "will"
        );
    let content = if cx.is(before, "as") && cx.is_punct(after, &[","]) {
        content_span(cx, after + 1, seg_end)?
    } else if relative && predicate {
        content_span(cx, before, seg_end)?
    } else {
        return None;
    };
    Some(Found {
        kind: mixed_or(cx, content, ClaimKind::Indirect),
        speaker: SpeakerRef::Tokens(a, b),
        cue: None,
        content,
        rule: Rule::Framed,
    })
}

/// True for a passive cue ("was supported", "is defined"), but not "was quoted as saying".
pub(super) fn is_passive(cx: &Context, cue_start: usize, verb: usize, gerund: bool) -> bool {
    let be = (cue_start..verb).any(|k| {
        matches!(
            cx.lower(k).as_ref(),
            "is" | "was" | "were" | "are" | "be" | "been" | "being"
        )
    });
    let quoted = (cue_start..verb).any(|k| cx.is(k, "quoted"));
    be && !gerund && !quoted && !cx.is(verb, "expected")
}
