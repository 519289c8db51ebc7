//! The parts of a content: what the speaker said, without the narration that interrupts it.
//!
//! A content's span runs from its first word to its last, and the article's own words can
//! stand inside it: a split quotation (`"It is the worst start," chairman Tom Okafor told
//! reporters. "Some families are leaving."`) or a report broken by its attribution ("The
//! plan, he said, will fail"). A fact-checker who quotes that span quotes words the speaker
//! never said, so the content is cut around its own speaker and cue into parts.

use crate::marks;
use crate::text::ByteSpan;

/// The parts of `content`, in text order, once the narration around the claim's `own`
/// spans (its speaker and cue) is cut out: `[content]` when none of them lies inside it.
///
/// In a quotation split around its attribution the narration is everything between the
/// closing mark before the first own span and the opening mark after the last. Otherwise
/// it runs back from the first own span to the nearest comma or double quotation mark
/// before it, and on from the last own span past the nearest one after it, when at most
/// [`MAX_NARRATION_WORDS`] words stand between, always within the content (`"Acts of protest," Mr. Obama said, "are acts of..."`);
/// each part is then trimmed of the spaces, commas, dashes and quotation marks left at its
/// edges. The quotation layer is not asked: a quotation nested in the second half would
/// stand in for the half's own start.
pub fn of(text: &str, content: ByteSpan, own: &[ByteSpan]) -> Vec<ByteSpan> {
    let inside = || {
        own.iter()
            .filter(|span| !span.is_empty() && content.contains(**span))
    };
    let (Some(lo), Some(hi)) = (
        inside().map(|s| s.start).min(),
        inside().map(|s| s.end).max(),
    ) else {
        return vec![content];
    };
    let before = ByteSpan::new(content.start, lo);
    let after = ByteSpan::new(hi, content.end);
    // A quotation split around its attribution: the narration is all that stands between
    // the marks, however long.
    let marks = (
        boundaries(text, before).filter(|b| b.is_mark).last(),
        boundaries(text, after).find(|b| b.is_mark),
    );
    let (left, right) = match marks {
        (Some(open), Some(close)) => (open.at, close.at + close.len),
        _ => (
            boundaries(text, before)
                .last()
                .filter(|b| words(&text[b.at + b.len..lo]) <= MAX_NARRATION_WORDS)
                .map_or(lo, |b| b.at),
            boundaries(text, after)
                .next()
                .filter(|b| words(&text[hi..b.at]) <= MAX_NARRATION_WORDS)
                .map_or(hi, |b| b.at + b.len),
        ),
    };
    let parts: Vec<ByteSpan> = [
        ByteSpan::new(content.start, left),
        ByteSpan::new(right, content.end),
    ]
    .into_iter()
    .map(|part| trim_edges(text, part))
    .filter(|part| !part.is_empty())
    .collect();
    // A content that is all narration keeps its span rather than vanish.
    if parts.is_empty() {
        vec![content]
    } else {
        parts
    }
}

/// The most words of narration beside the speaker and cue before the comma that ends it
/// outside a split quotation ("The economy, [the minister said] on Tuesday, is growing");
/// past it the comma belongs to the content ("Enthusiasm for Clinton [appears] to have
/// plummeted from the levels she enjoyed in 2008, when ..."), and only the speaker and cue
/// are cut out. Fitted on PolNeAR train (`claimx eval --gold ../shared/data/polnear/train
/// --no-ner`, content+source F1 / exact content F1): 0 words 0.6560 / 0.2129, 2 words
/// 0.6560 / 0.2131, 4 words 0.6558 / 0.2129, 8 words 0.6550 / 0.2124.
const MAX_NARRATION_WORDS: usize = 2;

fn words(text: &str) -> usize {
    text.split_whitespace().count()
}

/// A comma or a double quotation mark: where narration may meet the speaker's words.
#[derive(Debug, Clone, Copy)]
struct Boundary {
    /// Byte offset.
    at: usize,
    /// Length in bytes.
    len: usize,
    /// A quotation mark (else a comma).
    is_mark: bool,
}

/// The boundaries inside `within`, in text order. Single marks are left alone: they are
/// apostrophes as often as quotation marks ("can't", "the nation's").
fn boundaries(text: &str, within: ByteSpan) -> impl Iterator<Item = Boundary> + '_ {
    let mut at = within.start;
    std::iter::from_fn(move || {
        while at < within.end {
            let here = at;
            let found = if text.as_bytes()[here] == b',' {
                Some((1, false))
            } else {
                marks::double_mark_at(text, here).map(|(len, _)| (len, true))
            };
            at += text[here..].chars().next().map_or(1, char::len_utf8);
            if let Some((len, is_mark)) = found.filter(|(len, _)| here + len <= within.end) {
                at = here + len;
                return Some(Boundary {
                    at: here,
                    len,
                    is_mark,
                });
            }
        }
        None
    })
}

/// `span` without the spaces, commas, dashes and double quotation marks (`''` and ``` `` ```
/// included) at either edge; a single mark may close a quotation nested in the part, or be
/// an apostrophe, and stays.
fn trim_edges(text: &str, span: ByteSpan) -> ByteSpan {
    let edge = |c: char| {
        c.is_whitespace() || matches!(c, ',' | ';' | '-' | '–' | '—' | '"' | '“' | '”' | '«' | '»')
    };
    let mut slice = &text[span.start..span.end];
    loop {
        let trimmed = slice.trim_matches(edge);
        let trimmed = ["''", "``"]
            .iter()
            .fold(trimmed, |t, pair| t.strip_prefix(pair).unwrap_or(t));
        let trimmed = trimmed.strip_suffix("''").unwrap_or(trimmed);
        if trimmed.len() == slice.len() {
            break;
        }
        slice = trimmed;
    }
    // `slice` is a sub-slice of `text`: its offset is where it starts.
    let start = slice.as_ptr() as usize - text.as_ptr() as usize;
    ByteSpan::new(start, start + slice.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span_of(text: &str, phrase: &str) -> ByteSpan {
        let start = text.find(phrase).unwrap();
        ByteSpan::new(start, start + phrase.len())
    }

    fn texts<'t>(text: &'t str, parts: &[ByteSpan]) -> Vec<&'t str> {
        parts.iter().map(|p| &text[p.start..p.end]).collect()
    }

    #[test]
    fn a_split_quotation_loses_the_narration_between_its_halves() {
        let d = "\"It is the worst start,\" association chairman Tom Okafor told reporters at a meeting in Riverton. \"Some of the younger families are leaving.\"";
        let content = ByteSpan::new(1, d.len() - 1);
        let own = [span_of(d, "Tom Okafor"), span_of(d, "told")];
        assert_eq!(
            texts(d, &of(d, content, &own)),
            [
                "It is the worst start",
                "Some of the younger families are leaving."
            ]
        );
    }

    #[test]
    fn a_report_broken_by_its_attribution_has_two_parts() {
        let d = "The economy, the minister said on Tuesday, is growing fast.";
        let content = ByteSpan::new(0, d.len() - 1);
        let own = [span_of(d, "the minister"), span_of(d, "said")];
        assert_eq!(
            texts(d, &of(d, content, &own)),
            ["The economy", "is growing fast"]
        );
    }

    #[test]
    fn a_quotation_nested_in_the_second_half_does_not_cut_it() {
        let d = "\"Acts of protest,\" Mr. Obama said, \"are acts of patriotism, like wearing the words 'I can't breathe.'\"";
        let content = ByteSpan::new(1, d.len() - 1);
        let own = [span_of(d, "Mr. Obama"), span_of(d, "said")];
        assert_eq!(
            texts(d, &of(d, content, &own)),
            [
                "Acts of protest",
                "are acts of patriotism, like wearing the words 'I can't breathe.'"
            ]
        );
    }

    #[test]
    fn two_apostrophes_as_marks_are_trimmed_and_an_apostrophe_kept() {
        let d = "''The nation's debt,'' Ms. Ruiz said, ''is too high.''";
        let content = ByteSpan::new(2, d.len() - 2);
        let own = [span_of(d, "Ms. Ruiz"), span_of(d, "said")];
        assert_eq!(
            texts(d, &of(d, content, &own)),
            ["The nation's debt", "is too high."]
        );
    }

    #[test]
    fn a_content_without_its_speaker_or_cue_is_one_part() {
        let d = "\"We will win,\" Smith said.";
        let content = span_of(d, "We will win");
        let own = [span_of(d, "Smith"), span_of(d, "said")];
        assert_eq!(of(d, content, &own), [content]);
    }
}
