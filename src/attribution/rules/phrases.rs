//! Noun phrases without a parser: subjects before a verb, speakers after it, hearers,
//! appositives and the adjuncts that stand between a verb and its content.

use super::contents::{is_boundary, more_words_than};
use super::MAX_SPEAKER;
use crate::attribution::context::Context;
use crate::attribution::cues;
use crate::attribution::speakers;
use crate::attribution::tokens::Kind;

/// The first token from `at` that is not an auxiliary or adverb.
pub(super) fn skip_auxiliaries_forward(cx: &Context, at: usize, seg_end: usize) -> usize {
    (at..seg_end)
        .find(|&k| !(cx.is_word(k) && cues::is_auxiliary(&cx.lower(k))))
        .unwrap_or(seg_end)
}

/// True when token `at` ends a name (capitalised) or is a personal pronoun.
pub(super) fn is_named_or_pronoun(cx: &Context, at: usize) -> bool {
    let lower = cx.lower(at);
    let base = cues::pronoun_base(&lower).unwrap_or(&lower);
    cx.tokens[at].capital
        || matches!(
            base,
            "he" | "she" | "they" | "it" | "who" | "whom" | "i" | "we"
        )
        || speakers::is_speaker_noun(&lower)
}

/// The first token before `end` that is not part of a time adjunct between a subject and
/// its verb ("Sanders on Tuesday said", "Trump this week said").
pub(super) fn skip_time_back(cx: &Context, seg_start: usize, end: usize) -> usize {
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
pub(super) fn subject(cx: &Context, seg_start: usize, end: usize) -> Option<(usize, usize)> {
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
pub(super) fn opens_appositive(cx: &Context, at: usize) -> bool {
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
pub(super) fn skip_appositive(cx: &Context, at: usize, seg_end: usize) -> usize {
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

/// The first token before `verb` that is not an auxiliary or adverb ("has also said").
pub(super) fn skip_auxiliaries(cx: &Context, seg_start: usize, verb: usize) -> usize {
    let mut at = verb;
    while at > seg_start && cx.is_word(at - 1) {
        let lower = cx.lower(at - 1);
        if cues::is_auxiliary(&lower) {
            at -= 1;
        } else if lower == "as" && at >= 2 && cx.is(at - 2, "quoted") {
            at -= 2; // "was quoted as saying"
        } else if lower == "past" && at >= 3 && cx.is(at - 2, "the") && cx.is(at - 3, "in") {
            at -= 3; // "have in the past said"
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
pub(super) fn left_noun_phrase(
    cx: &Context,
    seg_start: usize,
    end: usize,
) -> Option<(usize, usize)> {
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
pub(super) fn right_noun_phrase(
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
        // A pronoun after the phrase starts the next clause ("told The Post he was ...").
        let clause = end > start && cues::is_pronoun(&lower);
        if (cues::is_stop(&lower) && !joins) || (end > start && verb) || clause {
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
pub(super) fn clause_subject(
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
pub(super) fn skip_hearer(cx: &Context, start: usize, seg_end: usize) -> usize {
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
            if cx.doc.quotes[q].closed && !more_words_than(cx, cx.doc.quotes[q].inner, 4) =>
        {
            cx.token_at(cx.doc.quotes[q].outer.end)
        }
        _ => end,
    }
}

/// Skips time words and short prepositional phrases after a verb ("said Monday in a statement that").
pub(super) fn skip_adjuncts(cx: &Context, start: usize, seg_end: usize) -> usize {
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

/// False when a cue word is used as a noun or a name: capitalised inside a sentence
/// ("United States"), or after a determiner or a possessive ("a private email", "Editor's note").
pub(super) fn is_verb_use(cx: &Context, verb: usize, seg_start: usize) -> bool {
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
    let possessive = cues::is_possessive(&lower) && !cues::is_pronoun(&lower);
    // Only determiners that cannot stand alone ("several said" is a report).
    let determiner = matches!(
        lower.as_ref(),
        "a" | "an"
            | "the"
            | "his"
            | "her"
            | "its"
            | "their"
            | "my"
            | "our"
            | "your"
            | "every"
            | "no"
    ) || lower.starts_with(|c: char| c.is_ascii_digit());
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
