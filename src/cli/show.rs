//! `claimx show`: an article with its claims marked, for checking the output by eye.
//!
//! Speakers, cues and contents are marked inline (colours on a terminal, brackets
//! otherwise: `[S speaker]`, `[C cue]`, `{content}`), then a table lists each claim.

use std::fmt::Write as _;

use claimx::claims::ClaimRecord;
use claimx::document::Document;
use claimx::text::ByteSpan;

/// Marks for one role: how it opens and closes, in colour and in plain text.
struct Role {
    open: (&'static str, &'static str),
    close: (&'static str, &'static str),
}

const SPEAKER: Role = Role {
    open: ("\x1b[1;34m", "[S "),
    close: ("\x1b[0m", "]"),
};
const CUE: Role = Role {
    open: ("\x1b[1;33m", "[C "),
    close: ("\x1b[0m", "]"),
};
const CONTENT: Role = Role {
    open: ("\x1b[32m", "{"),
    close: ("\x1b[0m", "}"),
};

/// Renders the marked article and the table of claims.
pub fn render(doc: &Document, records: &[ClaimRecord], colour: bool) -> String {
    let mut marks: Vec<(usize, u8, &'static str)> = Vec::new();
    let pick = |pair: (&'static str, &'static str)| if colour { pair.0 } else { pair.1 };
    let mut mark = |span: ByteSpan, role: &Role| {
        // The article is shown as read, so each span is mapped back to the original.
        let span = doc.original_span(span);
        // Closes sort before opens at the same offset, so adjacent spans do not interleave.
        marks.push((span.start, 1, pick(role.open)));
        marks.push((span.end, 0, pick(role.close)));
    };
    for attribution in &doc.attributions {
        mark(attribution.content, &CONTENT);
        if let Some(cue) = attribution.cue {
            mark(cue, &CUE);
        }
        if let Some(speaker) = &attribution.speaker {
            mark(speaker.span, &SPEAKER);
        }
    }
    marks.sort_by_key(|&(at, order, _)| (at, order));
    let mut out = String::with_capacity(doc.original.len() * 2);
    let mut at = 0;
    for (offset, _, text) in marks {
        out.push_str(&doc.original[at..offset]);
        out.push_str(text);
        at = offset;
    }
    out.push_str(&doc.original[at..]);
    out.push_str("\n\n");
    out.push_str(&table(records));
    out
}

/// One row a claim: id, kind, speaker (and how it was resolved), cue, confidence, content.
fn table(records: &[ClaimRecord]) -> String {
    let mut out = format!(
        "{:<6} {:<12} {:<28} {:<14} {:>5}  content\n",
        "claim", "kind", "speaker (resolved by)", "cue", "conf"
    );
    for record in records {
        let n = record.id.rsplit('#').next().unwrap_or(&record.id);
        let parent = record
            .parent
            .as_deref()
            .and_then(|p| p.rsplit('#').next())
            .map_or_else(String::new, |p| format!(" in #{p}"));
        let speaker = record.speaker.as_ref().map_or_else(
            || "-".to_owned(),
            |s| format!("{} ({})", s.name, label(&s.resolved_by)),
        );
        let cue = record.cue.as_ref().map_or("-", |c| c.text.as_str());
        let _ = writeln!(
            out,
            "{:<6} {:<12} {:<28} {:<14} {:>5.2}  {}",
            format!("#{n}"),
            format!("{}{parent}", label(&record.kind)),
            clip(&speaker, 28),
            clip(cue, 14),
            record.confidence,
            clip(&record.content.text.replace('\n', " "), 70)
        );
    }
    out
}

/// The name a value has in the JSON output ("alias", "according_to").
fn label<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// At most `width` characters, with an ellipsis when cut.
fn clip(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(width - 1).collect();
    out.push('…');
    out
}
