//! The rules that find claims. Each returns [`Found`] claims whose speaker is still a token
//! range; [`super::speakers`] resolves the names afterwards.
//!
//! * reporting verbs ([`super::cues`]) in three layouts: post-posed ("..., X said"),
//!   inverted ('"...," said X') and pre-posed ("X said (that) ...", "X told reporters: "),
//!   with the quotation layouts (split, continued, over several paragraphs);
//! * "according to X" at the start, in the middle or at the end of a sentence;
//! * a quotation after a colon or signed after a dash, transcript labels ("PENCE: ...");
//! * claim nouns after a possessive ("Trump's claim that"), impressions without a source
//!   ("appears to"), infinitives after control verbs ("is set to endorse");
//! * floating quotes, which take the speaker of the claim before them.
//!
//! Nothing here parses: subjects, hearers and adjuncts are found from the lexicon,
//! capitalisation, determiners and punctuation.

use super::context::Context;
use super::cues::{self, Cue, Strength};
use super::speakers;
use super::tokens::Kind;
use crate::attribution::ClaimKind;
use crate::text::ByteSpan;

/// Where a claim's speaker is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpeakerRef {
    /// The tokens `[start, end)` name it.
    Tokens(usize, usize),
    /// A floating quote: the speaker of the claim before it.
    Previous,
    /// An impression with no one behind it ("the race appears to tighten").
    Nobody,
}

/// A claim found by a rule, before its speaker is resolved.
#[derive(Debug, Clone, Copy)]
pub struct Found {
    /// How it is reported.
    pub kind: ClaimKind,
    /// Where its speaker is.
    pub speaker: SpeakerRef,
    /// The cue's byte span.
    pub cue: Option<ByteSpan>,
    /// The content's byte span.
    pub content: ByteSpan,
    /// How sure the layout is, before the speaker's resolution is weighed in.
    pub confidence: f32,
}

/// Longest noun phrase taken as a speaker, in tokens.
const MAX_SPEAKER: usize = 7;

/// Every claim the verb and "according to" rules find, in no particular order.
pub fn find(cx: &Context) -> Vec<Found> {
    let mut found = Vec::new();
    for i in 0..cx.tokens.len() {
        if !cx.is_word(i) {
            let claim = dash_signature(cx, i)
                .or_else(|| line_label(cx, i))
                .or_else(|| colon_quote(cx, i));
            found.extend(claim);
            continue;
        }
        let lower = cx.lower(i);
        if lower == "according" && cx.is(i + 1, "to") {
            found.extend(according_to(cx, i));
        } else if matches!(
            lower.as_ref(),
            "seem" | "seems" | "seemed" | "appear" | "appears" | "appeared" | "expected"
        ) {
            found.extend(impression(cx, i));
        } else if let Some(cue) = cues::cue(&lower) {
            let claim = reporting_verb(cx, i, cue, lower.ends_with("ing"));
            found.extend(claim.and_then(|claim| inside_quote(cx, i, claim, cue.strength)));
        } else if cues::is_claim_noun(&lower) {
            found.extend(nominal_cue(cx, i));
        }
    }
    found
}

/// A claim whose cue stands inside a quotation is the quoted speaker's report of someone
/// else: its content ends with the quotation, and it is kept only when the quoted speaker
/// names who spoke ("Trump suggested that ..."): "he", "I" or "the sooner he" inside a
/// quotation are the quoted speaker's own way of talking, not a second claim to report.
fn inside_quote(cx: &Context, cue: usize, claim: Found, strength: Strength) -> Option<Found> {
    let at = cx.tokens[cue].span.start;
    let quotes = &cx.doc.quotes;
    let around = quotes[..quotes.partition_point(|q| q.inner.start <= at)]
        .iter()
        .rev()
        .find(|q| q.inner.end > at);
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

/// "The race appears to tighten", "Nabisco is expected to cut jobs", "it seems that ...":
/// an impression PolNeAR marks without a source; the content is the subject and what it
/// seems to do.
fn impression(cx: &Context, verb: usize) -> Option<Found> {
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
        confidence: 0.35,
    })
}

/// "Trump's claim that ...", "her promise to ...": a claim noun after a possessive.
fn nominal_cue(cx: &Context, noun: usize) -> Option<Found> {
    let (seg_start, seg_end) = cx.segment(noun);
    let owner = noun
        .checked_sub(1)
        .filter(|&k| k >= seg_start && cx.is_word(k))?;
    let lower = cx.lower(owner);
    let speaker = if matches!(lower.as_ref(), "his" | "her" | "their" | "its") {
        (owner, owner + 1)
    } else if cx.tokens[owner].capital && (lower.ends_with("'s") || lower.ends_with("’s")) {
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
        confidence: 0.6,
    })
}

/// 'Kasich resisted: "..."', 'Pollsters agree - Carl Bialik: "..."': a quotation after a
/// colon, introduced by a name or by a subject and a verb the lexicon does not know.
fn colon_quote(cx: &Context, open: usize) -> Option<Found> {
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
        confidence: 0.6,
    })
}

/// "PENCE: And that's why ..." in a transcript, "Poll: Voters abandon ..." in a headline:
/// a short capitalised label opening a line, then a colon; the rest of the line is content.
fn line_label(cx: &Context, colon: usize) -> Option<Found> {
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
        confidence: 0.5,
    })
}

/// "X said ...", "... , X said", "... , said X", with the quotation layouts.
fn reporting_verb(cx: &Context, verb: usize, cue: Cue, gerund: bool) -> Option<Found> {
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
fn asked(cx: &Context, verb: usize) -> Option<Found> {
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
        confidence: 0.6,
    })
}

/// The first token from `at` that is not an auxiliary or adverb.
fn skip_auxiliaries_forward(cx: &Context, at: usize, seg_end: usize) -> usize {
    (at..seg_end)
        .find(|&k| !(cx.is_word(k) && cues::is_auxiliary(&cx.lower(k))))
        .unwrap_or(seg_end)
}

/// What the layouts need to know about one reporting verb.
struct Frame {
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
fn post_posed(cx: &Context, frame: &Frame) -> Option<Found> {
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
    let claim = after_content(cx, before, frame.after, frame.seg_start, frame.seg_end)?;
    Some(Found {
        speaker: SpeakerRef::Tokens(a, b),
        cue: frame.cue_span(cx),
        ..claim
    })
}

/// '"...," said X, a spokesman.' and 'Said X: "..."': the verb before its subject.
fn inverted(cx: &Context, frame: &Frame) -> Option<Found> {
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
        let claim = after_content(cx, verb - 1, after, seg_start, seg_end)?;
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
        confidence: 0.9,
    })
}

/// "X said (that) ...", "X told reporters: ...": the subject before the verb, the content
/// after it.
fn pre_posed(cx: &Context, frame: &Frame) -> Option<Found> {
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
        confidence: match (kind, strength) {
            (ClaimKind::Direct, _) => 0.92,
            (ClaimKind::Mixed, Strength::Speech) => 0.88,
            (ClaimKind::Mixed, _) => 0.8,
            (_, Strength::Speech) => 0.82,
            (_, Strength::Object) => 0.72,
            (_, Strength::Weak) => 0.68,
        },
    })
}

/// "Bush is set to back Cruz", "Republicans need to recognize that ...": a reporting verb
/// in the infinitive after a control verb or adjective speaks for that verb's subject, when
/// the subject names someone. (After a verb that is itself a cue, "declined to comment",
/// the outer claim holds the report.)
fn infinitive(cx: &Context, verb: usize, cue: Cue) -> Option<Found> {
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
        confidence: 0.5,
    })
}

/// 'The governor added:' at the end of a paragraph: the next paragraph, quoted or not,
/// is what he added.
fn next_paragraph(cx: &Context, start: usize) -> Option<(ByteSpan, ClaimKind)> {
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

/// Two frames around a subject and its verb: "As Crane said, the candidates ..." (the
/// clause after the comma is the content) and "what she said is growing demand", "a letter
/// that he said was drafted by the firm" (the relative clause around them is).
fn framed(cx: &Context, speaker: (usize, usize), after: usize, seg_end: usize) -> Option<Found> {
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
        confidence: 0.75,
    })
}

/// False when a cue word is used as a noun or a name: capitalised inside a sentence
/// ("United States"), or after a determiner or a possessive ("a private email", "Editor's note").
fn is_verb_use(cx: &Context, verb: usize, seg_start: usize) -> bool {
    if cx.tokens[verb].capital && verb != seg_start && !cx.in_title_line(verb) {
        return false;
    }
    if cx.is(verb + 1, "by") {
        return false; // "Johnson supported by 13 percent": a participle, not a report
    }
    let Some(before) = verb
        .checked_sub(1)
        .filter(|&k| k >= seg_start && cx.is_word(k))
    else {
        return true;
    };
    let lower = cx.lower(before);
    let possessive = (lower.ends_with("'s") || lower.ends_with("’s")) && !cues::is_pronoun(&lower);
    let determiner = (cues::is_determiner(&lower) && lower != "that")
        || lower.starts_with(|c: char| c.is_ascii_digit());
    // "the demands would", "claims of": a noun followed by its own verb or complement.
    // (After a name or "officials", "said will go" is a relative report, not a noun.)
    let speaker_before = is_named_or_pronoun(cx, before);
    let noun_next = !speaker_before && cx.is_word(verb + 1) && {
        let next = cx.lower(verb + 1);
        next == "of"
            || matches!(
                next.as_ref(),
                "is" | "are"
                    | "was"
                    | "were"
                    | "has"
                    | "have"
                    | "had"
                    | "will"
                    | "would"
                    | "can"
                    | "could"
                    | "should"
                    | "may"
                    | "might"
                    | "must"
            )
    };
    !(possessive || determiner || noun_next)
}

/// True for a passive cue ("was supported", "is defined"), but not "was quoted as saying".
fn is_passive(cx: &Context, cue_start: usize, verb: usize, gerund: bool) -> bool {
    let be = (cue_start..verb).any(|k| {
        matches!(
            cx.lower(k).as_ref(),
            "is" | "was" | "were" | "are" | "be" | "been" | "being"
        )
    });
    let quoted = (cue_start..verb).any(|k| cx.is(k, "quoted"));
    be && !gerund && !quoted && !cx.is(verb, "expected")
}

/// True when token `at` ends a name (capitalised) or is a personal pronoun.
fn is_named_or_pronoun(cx: &Context, at: usize) -> bool {
    let lower = cx.lower(at);
    let base = cues::pronoun_base(&lower).unwrap_or(&lower);
    cx.tokens[at].capital
        || matches!(base, "he" | "she" | "they" | "it" | "who" | "whom")
        || speakers::is_speaker_noun(&lower)
}

/// The first token before `end` that is not part of a time adjunct between a subject and
/// its verb ("Sanders on Tuesday said", "Trump this week said").
fn skip_time_back(cx: &Context, seg_start: usize, end: usize) -> usize {
    let mut at = end;
    // "Today" inside a sentence is a name ("USA Today"), not a date.
    let date = |k: usize| cues::is_time(&cx.lower(k)) && !cx.is(k, "today") && !cx.is(k, "tonight");
    while at > seg_start && cx.is_word(at - 1) && date(at - 1) {
        at -= 1;
        if at > seg_start
            && ["on", "this", "last", "earlier"]
                .iter()
                .any(|w| cx.is(at - 1, w))
        {
            at -= 1;
        }
    }
    if at > seg_start && cx.is(at - 1, "earlier") {
        at -= 1;
    }
    at
}

/// The subject ending before token `end`: a noun phrase, the antecedent of "who", or a
/// name before an appositive or a parenthesis ("Perdue (R-Ga.)", "Jones, 25,", "X, a senior fellow,").
fn subject(cx: &Context, seg_start: usize, end: usize) -> Option<(usize, usize)> {
    let before = end.checked_sub(1).filter(|&k| k >= seg_start)?;
    if cx.is(before, "who") {
        let end = if cx.is_punct(before.checked_sub(1)?, &[","]) {
            before - 1
        } else {
            before
        };
        // PolNeAR marks the relative pronoun as the source; its antecedent gives the name.
        return left_noun_phrase(cx, seg_start, end).map(|_| (before, before + 1));
    }
    if cx.is(before, "whom") && before >= seg_start + 2 && cx.is(before - 1, "of") {
        return Some((before - 2, before + 1)); // "most of whom say"
    }
    if cx.is_punct(before, &[")"]) {
        let open = (before.saturating_sub(8).max(seg_start)..before)
            .rev()
            .find(|&k| cx.is_punct(k, &["("]))?;
        return left_noun_phrase(cx, seg_start, open);
    }
    if cx.is_punct(before, &[","]) {
        // "Schiff, 56, who has served ..., told": try the commas leftwards, each opening
        // an appositive, until a name stands before one.
        let commas = (before.saturating_sub(40).max(seg_start)..before)
            .rev()
            .take_while(|&k| !matches!(cx.tokens[k].kind, Kind::Open(_) | Kind::Close(_)))
            .filter(|&k| cx.is_punct(k, &[","]))
            .take(3);
        for open in commas {
            if !opens_appositive(cx, open + 1) || open + 1 >= before {
                return None;
            }
            let found =
                subject(cx, seg_start, open).or_else(|| left_noun_phrase(cx, seg_start, open));
            let speaker_like = |&(_, b): &(usize, usize)| {
                cx.tokens[b - 1].capital || speakers::is_speaker_noun(&cx.lower(b - 1))
            };
            // "the assailant, John McGraw, told", "A ministry spokeswoman, Anna Weber,
            // said": a name in the appositive is the speaker's name.
            let named = (open + 1..before).all(|k| cx.is_word(k) && cx.tokens[k].capital);
            match found.filter(speaker_like) {
                Some((_, b)) if named && !cx.tokens[b - 1].capital => {
                    return Some((open + 1, before))
                }
                Some((a, b)) => return Some((a, b)),
                None if named => return Some((open + 1, before)),
                None => {}
            }
        }
        return None;
    }
    left_noun_phrase(cx, seg_start, end)
}

/// True when token `at` can open an appositive or a parenthetical phrase after a name:
/// not a conjunction or a clause opener ("a senior fellow", "56", "who ...", "like Obama").
fn opens_appositive(cx: &Context, at: usize) -> bool {
    if !cx.is_word(at) {
        return false;
    }
    let lower = cx.lower(at);
    !cues::is_stop(&lower)
        || matches!(
            lower.as_ref(),
            "who"
                | "at"
                | "in"
                | "of"
                | "like"
                | "whose"
                | "which"
                | "for"
                | "among"
                | "including"
                | "then"
        )
}

/// Skips a parenthesis or an appositive after a speaker's name ("(D-N.Y.), a leading advocate").
fn skip_appositive(cx: &Context, at: usize, seg_end: usize) -> usize {
    let mut at = at;
    if cx.is_punct(at, &["("]) {
        at = (at..seg_end.min(at + 8))
            .find(|&k| cx.is_punct(k, &[")"]))
            .map_or(at, |k| k + 1);
    }
    if cx.is_punct(at, &[","]) && cx.is_word(at + 1) {
        let inside = cx.lower(at + 1);
        if cues::is_determiner(&inside) || inside == "who" || cx.tokens[at + 1].capital {
            let next = (at + 1..seg_end)
                .find(|&k| !cx.is_word(k) && !cx.is_punct(k, &["(", ")", "-", "'", "’"]));
            return next.unwrap_or(seg_end);
        }
    }
    at
}

/// The content before a post-posed attribution whose left boundary token is `boundary`
/// (a comma, a dash or a closing quotation mark); `after` is the first token after the
/// attribution. A quotation opened right after it continues the content ('"...," he said,
/// "..."'); a main clause after it means the attribution sat inside the sentence, whose
/// two sides are the content.
fn after_content(
    cx: &Context,
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
        boundary >= seg_start && (opens_segment || words_in(cx, cx.doc.quotes[q].inner) > 3)
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
        confidence: match kind {
            ClaimKind::Direct => 0.95,
            ClaimKind::Mixed => 0.9,
            _ => 0.82,
        },
    })
}

/// The content after a pre-posed attribution, from token `start`.
///
/// `speaker_like` says the subject names someone (a name, a pronoun, "officials"): then a
/// verb of thought may take a bare clause too ("Many experts suspect those losses ...").
fn before_content(
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

/// "According to X, ...", "..., according to X." and "... is, according to X, ...".
fn according_to(cx: &Context, at: usize) -> Option<Found> {
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
        confidence: 0.88,
    })
}

/// The source after "according to": every word up to punctuation or a relative clause
/// ("a new report by Politico", "conservative talk radio host Rush Limbaugh").
fn source_phrase(cx: &Context, start: usize, seg_end: usize) -> Option<(usize, usize)> {
    let end = (start..seg_end.min(start + 12))
        .find(|&k| !cx.is_word(k) || cx.is(k, "that") || cx.is(k, "who") || cx.is(k, "which"))
        .unwrap_or(seg_end.min(start + 12));
    (end > start).then_some((start, end))
}

/// '"..." ― Sonya Herridge': a quotation signed after a dash.
fn dash_signature(cx: &Context, dash: usize) -> Option<Found> {
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
        confidence: 0.85,
    })
}

/// Ends a claim's content where a coordinated clause with its own report begins
/// ("Obama emphasized that the reforms were not complete, and rights groups warned that
/// ..."): the second report is a claim of its own, not part of the first.
pub fn split_coordinated(cx: &Context, claims: &mut [Found]) {
    let starts: Vec<usize> = claims
        .iter()
        .filter_map(|c| match c.speaker {
            SpeakerRef::Tokens(a, _) => Some(a),
            _ => None,
        })
        .collect();
    for claim in claims.iter_mut() {
        let content = claim.content;
        let cut = starts.iter().copied().find_map(|a| {
            let at = cx.tokens[a].span.start;
            if at <= content.start || at >= content.end || a < 2 {
                return None;
            }
            let joined =
                (cx.is(a - 1, "and") || cx.is(a - 1, "but")) && cx.is_punct(a - 2, &[",", ";"]);
            let last = a.checked_sub(3).filter(|_| joined)?;
            Some(cx.tokens[last].span.end)
        });
        if let Some(end) = cut.filter(|&end| end > content.start) {
            claim.content.end = end;
        }
    }
}

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
fn continued(cx: &Context, claims: &[Found], open: usize) -> Option<usize> {
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

/// The first token before `verb` that is not an auxiliary or adverb ("has also said").
fn skip_auxiliaries(cx: &Context, seg_start: usize, verb: usize) -> usize {
    let mut at = verb;
    while at > seg_start && cx.is_word(at - 1) {
        let lower = cx.lower(at - 1);
        if cues::is_auxiliary(&lower) {
            at -= 1;
        } else if lower == "as" && at >= 2 && cx.is(at - 2, "quoted") {
            at -= 2; // "was quoted as saying"
        } else {
            break;
        }
    }
    at
}

/// The noun phrase ending right before token `end`, as a token range.
///
/// Collects words leftwards up to a stop word, punctuation or a quotation mark, then
/// starts the phrase at its first determiner, capitalised word, number or pronoun; a
/// phrase of bare lower-case words is kept only when it is one or two plural nouns
/// ("officials", "some analysts").
fn left_noun_phrase(cx: &Context, seg_start: usize, end: usize) -> Option<(usize, usize)> {
    let mut start = end;
    while start > seg_start && end - start < MAX_SPEAKER && cx.is_word(start - 1) {
        let lower = cx.lower(start - 1);
        // "Secretary of State John Kerry", "advisers to Mr. Obama", "attorneys for the family".
        let joins_names = matches!(lower.as_ref(), "of" | "for" | "to" | "on" | "at" | "from")
            && start < end
            && start >= 2
            && cx.is_word(start - 2)
            && ((cx.tokens[start].capital && cx.tokens[start - 2].capital)
                || speakers::is_speaker_noun(&cx.lower(start - 2)));
        // "Trump and Clinton said", "The U.S. and its allies have condemned".
        let joins_parties = lower == "and"
            && start < end
            && start >= 2
            && cx.is_word(start - 2)
            && cx.tokens[start - 2].capital
            && (cx.tokens[start].capital || cues::is_determiner(&cx.lower(start)));
        let joins_names = joins_names || joins_parties;
        if (cues::is_stop(&lower) && !joins_names)
            || (cues::cue(&lower).is_some() && !cx.tokens[start - 1].capital)
        {
            break;
        }
        start -= 1;
    }
    let first = (start..end).find(|&k| {
        let lower = cx.lower(k);
        // A sentence-opening participle or date is no subject ("Standing ...", "Thursday").
        let opener = cx.tokens[k].capital && (lower.ends_with("ing") || cues::is_time(&lower));
        (cx.tokens[k].capital && !opener)
            || cues::is_determiner(&lower)
            || cues::is_pronoun(&lower)
            || lower.starts_with(|c: char| c.is_ascii_digit())
    });
    match first {
        Some(first) => Some((first, end)),
        None if start < end
            && end - start <= 3
            && (cx.word(end - 1).ends_with('s')
                || speakers::is_speaker_noun(&cx.lower(end - 1))) =>
        {
            Some((start, end))
        }
        None => None,
    }
}

/// The noun phrase starting at token `start`: a determiner or capitalised words, up to
/// punctuation, a quotation mark or a clause word; "of"/"for" join capitalised words.
fn right_noun_phrase(
    cx: &Context,
    start: usize,
    seg_end: usize,
    max: usize,
) -> Option<(usize, usize)> {
    let mut end = start;
    while end < seg_end.min(cx.tokens.len()) && end - start < max && cx.is_word(end) {
        let lower = cx.lower(end);
        let joins = matches!(lower.as_ref(), "of" | "for" | "at" | "and" | "to" | "on")
            && end > start
            && cx.tokens.get(end + 1).is_some_and(|t| t.capital)
            && !cues::is_time(&cx.lower(end + 1));
        let verb = !cx.tokens[end].capital && cues::cue(&lower).is_some();
        if (cues::is_stop(&lower) && !joins) || (end > start && verb) {
            break;
        }
        end += 1;
    }
    let lower = (start < end).then(|| cx.lower(start))?;
    let opens = cx.tokens[start].capital
        || cues::is_determiner(&lower)
        || cues::is_pronoun(&lower)
        || lower.starts_with(|c: char| c.is_ascii_digit())
        || cx.word(end - 1).ends_with('s')
        || speakers::is_speaker_noun(&cx.lower(end - 1))
        || (start..end).any(|k| cx.tokens[k].capital);
    opens.then_some((start, end))
}

/// The subject of the clause that holds a verb without its own subject
/// ("Russia has denied ..., and has suggested that ..."): the noun phrase opening the segment.
fn clause_subject(
    cx: &Context,
    seg_start: usize,
    subject_end: usize,
    message: bool,
) -> Option<(usize, usize)> {
    let before = subject_end.checked_sub(1)?;
    let coordinated =
        cx.is(before, "and") || cx.is(before, "but") || cx.is_punct(before, &[",", "–", "—", "--"]);
    if !(coordinated || message) || before <= seg_start {
        return None;
    }
    // '..., he said, adding that ...', 'Graham urged ..., and criticized ...': the subject
    // of the reporting verb before.
    let earlier = (seg_start..before).rev().find_map(|k| {
        let lower = cx.lower(k);
        let cue = cx.is_word(k) && !lower.ends_with("ing") && cues::cue(&lower).is_some();
        if !cue || !is_verb_use(cx, k, seg_start) {
            return None;
        }
        let end = skip_time_back(cx, seg_start, skip_auxiliaries(cx, seg_start, k));
        let found = subject(cx, seg_start, end).or_else(|| {
            let inverted = k > seg_start && is_boundary(cx, k - 1);
            inverted
                .then(|| right_noun_phrase(cx, k + 1, before, MAX_SPEAKER))
                .flatten()
        });
        found.filter(|&(_, b)| is_named_or_pronoun(cx, b - 1))
    });
    if earlier.is_some() {
        return earlier;
    }
    // The subject opening the sentence, after an opening phrase ("However, he held his
    // fire ...", "At the debate, Sanders compared himself ...", "Speaking again, he ...").
    let mut start = seg_start;
    let opener = cx.is_word(start) && {
        let lower = cx.lower(start);
        cues::is_stop(&lower) || lower.ends_with("ing") || cx.is_punct(start + 1, &[","])
    };
    if opener {
        if let Some(comma) = (start..before.min(start + 12)).find(|&k| cx.is_punct(k, &[","])) {
            start = comma + 1;
        }
    }
    let (a, b) = right_noun_phrase(cx, start, before, 4)?;
    // The phrase must be followed by its own verb, not by a comma or the end.
    (b < before && cx.is_word(b)).then_some((a, b))
}

/// Skips the hearer of "told reporters", "warned the president", "assured him".
fn skip_hearer(cx: &Context, start: usize, seg_end: usize) -> usize {
    if cx.is(start, "that") || !cx.is_word(start) {
        return start;
    }
    if matches!(
        cx.lower(start).as_ref(),
        "me" | "us" | "him" | "her" | "them" | "you"
    ) {
        return start + 1;
    }
    let Some((_, end)) = right_noun_phrase(cx, start, seg_end, 5) else {
        return start;
    };
    // "told MSNBC's "Morning Joe" that ...": a quoted programme title belongs to the hearer.
    match cx.tokens.get(end).map(|t| t.kind) {
        Some(Kind::Open(q))
            if cx.doc.quotes[q].closed && words_in(cx, cx.doc.quotes[q].inner) <= 4 =>
        {
            cx.token_at(cx.doc.quotes[q].outer.end)
        }
        _ => end,
    }
}

/// Number of words in `span`.
fn words_in(cx: &Context, span: ByteSpan) -> usize {
    (cx.token_at(span.start)..cx.token_at(span.end))
        .filter(|&k| cx.is_word(k))
        .count()
}

/// The quotation that continues a content after the attribution: opening at token `at`
/// or after a short participial phrase ('Tester said, referring to the excuse, "you ...').
fn continuing_quote(cx: &Context, at: usize, seg_end: usize) -> Option<usize> {
    let limit = seg_end.min(at + 15);
    let open = (at..limit).find(|&k| !cx.is_word(k))?;
    if open > at && !cx.is_punct(open, &[",", ":"]) {
        return None;
    }
    let open = if open > at { open + 1 } else { open };
    opened_quote(cx, open)
}

/// Skips time words and short prepositional phrases after a verb ("said Monday in a statement that").
fn skip_adjuncts(cx: &Context, start: usize, seg_end: usize) -> usize {
    let mut at = start;
    while at < seg_end && cx.is_word(at) {
        let lower = cx.lower(at);
        if cues::is_time(&lower)
            || lower == "again"
            || (lower.ends_with("ly") && cues::is_auxiliary(&lower))
        {
            at += 1;
        } else if matches!(lower.as_ref(), "this" | "next")
            && cx.is_word(at + 1)
            && cues::is_time(&cx.lower(at + 1))
        {
            at += 2;
        } else if matches!(
            lower.as_ref(),
            "in" | "on" | "at" | "during" | "via" | "through" | "after" | "before" | "of"
        ) && !(matches!(lower.as_ref(), "on" | "of") && cx.is(at + 1, "a"))
        {
            // A short phrase up to "that", a comma, a colon or the end of the sentence;
            // quoted titles inside it count as words ("on ABC's ''This Week.''"). "On a"
            // and "of a" start objects instead ("commented on a possible meeting").
            let limit = (at + 10).min(seg_end);
            let stop =
                (at + 1..limit).find(|&k| cx.is(k, "that") || cx.is_punct(k, &[",", ":", "."]));
            let plain = |m: usize| {
                matches!(cx.tokens[m].kind, Kind::Open(_) | Kind::Close(_))
                    || cx.is_punct(m, &["'", "’", "‘"])
                    || (cx.is_word(m) && cues::cue(&cx.lower(m)).is_none())
            };
            match stop {
                Some(k) if (at + 1..k).all(plain) => at = k,
                _ => break,
            }
        } else {
            break;
        }
    }
    at
}

/// True for a token that can stand before a post-posed attribution: a comma, a dash or a
/// closing quotation mark.
fn is_boundary(cx: &Context, at: usize) -> bool {
    matches!(cx.tokens[at].kind, Kind::Close(_)) || cx.is_punct(at, &[",", "—", "--", "–", ";"])
}

/// True when token `at` ends the segment: a sentence-final mark or a closing quotation.
fn is_end(cx: &Context, at: usize) -> bool {
    cx.is_punct(at, &[".", "!", "?"])
        || matches!(
            cx.tokens.get(at).map(|t| t.kind),
            Some(Kind::Close(_)) | None
        )
}

/// The quotation that closes at token `boundary` (or right before a comma there).
fn quote_before(cx: &Context, boundary: usize) -> Option<usize> {
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
fn opened_quote(cx: &Context, at: usize) -> Option<usize> {
    match cx.tokens.get(at)?.kind {
        Kind::Open(q) => Some(q),
        _ => None,
    }
}

/// True when the words from token `at` carry on the reported sentence ("it's unlikely",
/// "would help", "since ..."), rather than start a new report ("adding that", "according to").
fn continues_sentence(cx: &Context, at: usize) -> bool {
    if !cx.is_word(at) {
        return false;
    }
    let lower = cx.lower(at);
    cues::cue(&lower).is_none() && !lower.ends_with("ing") && lower != "according"
}

/// The byte span of tokens `[start, end)` without trailing punctuation or closing marks
/// of quotations opened before `start`; `None` when nothing is left.
fn content_span(cx: &Context, start: usize, end: usize) -> Option<ByteSpan> {
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
fn through_quotes(cx: &Context, span: ByteSpan) -> ByteSpan {
    let quotes = &cx.doc.quotes;
    let from = quotes.partition_point(|q| q.outer.start < span.start);
    let end = quotes[from..]
        .iter()
        .take_while(|q| q.outer.start < span.end)
        .filter(|q| q.closed)
        .map(|q| q.inner.end)
        .fold(span.end, usize::max);
    ByteSpan::new(span.start, end)
}

/// A quotation's inner span without a trailing comma ('"...," he said').
fn trim_comma(cx: &Context, inner: ByteSpan) -> ByteSpan {
    let text = &cx.doc.text[inner.start..inner.end];
    match text.trim_end_matches([',', ' ']).len() {
        0 => inner,
        len => ByteSpan::new(inner.start, inner.start + len),
    }
}

/// `Mixed` when `span` holds a quotation, else `kind`.
fn mixed_or(cx: &Context, span: ByteSpan, kind: ClaimKind) -> ClaimKind {
    if cx.doc.quotes.iter().any(|q| span.contains(q.outer)) {
        ClaimKind::Mixed
    } else {
        kind
    }
}
