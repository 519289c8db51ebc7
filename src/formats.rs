//! Claim records in the shapes other tools read (`claimx extract --format`): the records
//! themselves as JSON Lines; each claim as a schema.org `Claim` in JSON-LD, ready for a
//! fact-checker to wrap in a `ClaimReview`; and CSV rows for the spreadsheets many
//! journalists look at claims in. Every shape is made from the same [`ClaimRecord`]s.

use std::fmt::Write as _;

use serde_json::{json, Value};

use crate::claims::{ClaimRecord, SpeakerType};
use crate::document::spelled;

/// An output shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Claim records, one JSON object a line (the schema of `claimx schema`).
    #[default]
    Jsonl,
    /// One schema.org `Claim` in JSON-LD a line.
    Jsonld,
    /// CSV with a header row, one claim a row ([`CSV_COLUMNS`]).
    Csv,
}

/// The CSV columns, in order. Spans are the text only (offsets in `content_start` and
/// `content_end`); `entities` joins the content's entities as `text (TYPE)` with `; `.
pub const CSV_COLUMNS: [&str; 21] = [
    "id",
    "article",
    "appearance",
    "date",
    "kind",
    "cue_class",
    "speaker",
    "speaker_type",
    "speaker_role",
    "speaker_mention",
    "resolved_by",
    "cue",
    "content",
    "content_start",
    "content_end",
    "confidence",
    "rule",
    "parent",
    "sentence",
    "paragraph",
    "entities",
];

/// What goes before the first record: the CSV header row; nothing for the JSON shapes.
pub fn header(format: Format) -> Vec<u8> {
    match format {
        Format::Csv => csv_line(CSV_COLUMNS.iter().map(|c| (*c).to_owned())),
        Format::Jsonl | Format::Jsonld => Vec::new(),
    }
}

/// Appends `records` to `buffer` in `format`, one line (a CSV row may span lines inside its
/// quotes) a record.
pub fn append(format: Format, buffer: &mut Vec<u8>, records: &[ClaimRecord]) {
    match format {
        Format::Jsonl => append_records(buffer, records),
        Format::Jsonld => {
            for record in records {
                serde_json::to_writer(&mut *buffer, &claim(record))
                    .expect("a JSON value always serialises");
                buffer.push(b'\n');
            }
        }
        Format::Csv => {
            for record in records {
                buffer.extend(csv_line(csv_row(record)));
            }
        }
    }
}

/// Appends `records` to `buffer` as JSON Lines, one object a line: the one serialisation of
/// records, used by `claimx extract` (through `Output::write_records`) and `claimx serve`,
/// so both write the same bytes.
pub fn append_records(buffer: &mut Vec<u8>, records: &[ClaimRecord]) {
    for record in records {
        serde_json::to_writer(&mut *buffer, record)
            .expect("a claim record is plain data, which always serialises");
        buffer.push(b'\n');
    }
}

/// The schema.org `Claim` of a record. Its `@id` is made of the article's id and the
/// content's code-point offsets, so that it stays the same from run to run and does not move
/// when another claim of the article is found or lost (as the record's `#n` would).
pub fn claim(record: &ClaimRecord) -> Value {
    let mut claim = json!({
        "@context": "https://schema.org",
        "@type": "Claim",
        "@id": format!(
            "urn:claimx:claim:{}:{}-{}",
            percent_encoded(&record.article),
            record.content.start,
            record.content.end
        ),
        "identifier": record.id,
        "text": record.content.text,
    });
    if let Some(speaker) = &record.speaker {
        let mut author = json!({ "name": speaker.name });
        let kind = author_type(speaker.kind);
        if let Some(kind) = kind {
            author["@type"] = json!(kind);
        }
        if let (Some(role), Some("Person")) = (&speaker.role, kind) {
            author["jobTitle"] = json!(role);
        }
        claim["author"] = author;
    }
    if let Some(appearance) = &record.appearance {
        let key = if appearance.starts_with("http://") || appearance.starts_with("https://") {
            "url"
        } else {
            "name"
        };
        claim["appearance"] = json!({ "@type": "CreativeWork", key: appearance });
    }
    if let Some(date) = &record.date {
        claim["datePublished"] = json!(date);
    }
    claim
}

/// The schema.org type of a speaker: a person, or an organisation (a place that speaks, as
/// "Russia said", speaks for its government); none when the class is not known.
fn author_type(kind: SpeakerType) -> Option<&'static str> {
    match kind {
        SpeakerType::Per => Some("Person"),
        SpeakerType::Org | SpeakerType::Loc => Some("Organization"),
        SpeakerType::Misc | SpeakerType::Unk => None,
    }
}

/// `text` with every byte but URI-unreserved ones and `/` percent-encoded, for an `@id`.
fn percent_encoded(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

/// The cells of a record's row, in the order of [`CSV_COLUMNS`].
fn csv_row(record: &ClaimRecord) -> Vec<String> {
    let speaker = record.speaker.as_ref();
    let entities: Vec<String> = record
        .entities
        .iter()
        .map(|e| format!("{} ({})", e.text, spelled(e.kind)))
        .collect();
    vec![
        record.id.clone(),
        record.article.clone(),
        record.appearance.clone().unwrap_or_default(),
        record.date.clone().unwrap_or_default(),
        spelled(record.kind),
        record.cue_class.map(spelled).unwrap_or_default(),
        speaker.map(|s| s.name.clone()).unwrap_or_default(),
        speaker.map(|s| spelled(s.kind)).unwrap_or_default(),
        speaker.and_then(|s| s.role.clone()).unwrap_or_default(),
        speaker.map(|s| s.text.clone()).unwrap_or_default(),
        speaker.map(|s| spelled(s.resolved_by)).unwrap_or_default(),
        record
            .cue
            .as_ref()
            .map(|c| c.text.clone())
            .unwrap_or_default(),
        record.content.text.clone(),
        record.content.start.to_string(),
        record.content.end.to_string(),
        record.confidence.to_string(),
        record.rule.map(spelled).unwrap_or_default(),
        record.parent.clone().unwrap_or_default(),
        record.sentence.to_string(),
        record.paragraph.to_string(),
        entities.join("; "),
    ]
}

/// One CSV line (RFC 4180: a cell with a comma, a quote or a line break is quoted, its quotes
/// doubled; lines end with CRLF, as spreadsheets expect).
fn csv_line(cells: impl IntoIterator<Item = String>) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    writer
        .write_record(cells.into_iter().collect::<Vec<_>>())
        .expect("writing to memory never fails");
    writer.into_inner().expect("writing to memory never fails")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_percent_encoded_and_cells_quoted() {
        assert_eq!(percent_encoded("dev/a b#1é"), "dev/a%20b%231%C3%A9");
        let line = csv_line(["a,b".to_owned(), "say \"no\"".to_owned(), "x\ny".to_owned()]);
        assert_eq!(line, b"\"a,b\",\"say \"\"no\"\"\",\"x\ny\"\r\n");
        assert_eq!(header(Format::Jsonld), b"");
    }
}
