//! Reading a request: its media type, its body up to the size limit, and the articles in it,
//! each read by [`corpus::parse_article`], the rules of `claimx extract -`.

use axum::body::Body;
use axum::http::{header, HeaderMap, StatusCode};
use http_body_util::BodyExt;
use serde_json::value::RawValue;

use super::error::{ApiError, Place};
use crate::corpus::{self, Article, ArticleErrorKind, JsonLines};

/// How the body holds its articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `application/json`: one article object, or an array of them.
    Json,
    /// `application/x-ndjson` or `application/jsonl`: one article object a line.
    JsonLines,
}

/// The media types `POST /v1/extract` takes, for the error that names them.
const ACCEPTED: &str =
    "application/json (one article {\"id\": ..., \"text\": ...} or an array of them), \
                        application/x-ndjson or application/jsonl (one article a line)";

/// The format the request's `Content-Type` names. Parameters other than `charset=utf-8`
/// are ignored; any other charset is refused, since articles are read as UTF-8.
pub fn format(headers: &HeaderMap) -> Result<Format, ApiError> {
    let unsupported = |what: String| {
        ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            format!("{what}; send {ACCEPTED}"),
        )
    };
    let Some(value) = headers.get(header::CONTENT_TYPE) else {
        return Err(unsupported("no Content-Type".into()));
    };
    let value = value.to_str().unwrap_or_default().to_ascii_lowercase();
    let mut parts = value.split(';').map(str::trim);
    let format = match parts.next().unwrap_or_default() {
        "application/json" => Format::Json,
        "application/x-ndjson" | "application/jsonl" => Format::JsonLines,
        other => return Err(unsupported(format!("Content-Type {other:?}"))),
    };
    for parameter in parts {
        if let Some(charset) = parameter.strip_prefix("charset=") {
            let charset = charset.trim_matches('"');
            if charset != "utf-8" && charset != "utf8" {
                return Err(unsupported(format!(
                    "charset {charset:?}; articles are UTF-8"
                )));
            }
        }
    }
    Ok(format)
}

/// Reads the whole body, at most `limit` bytes of it. A larger body is read to its end and
/// dropped, so that the client, still sending, gets the 413 instead of a reset connection.
pub async fn read_body(mut body: Body, limit: usize) -> Result<Vec<u8>, ApiError> {
    let mut bytes = Vec::new();
    let mut size = 0usize;
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|err| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                "bad_body",
                format!("the request body could not be read: {err}"),
            )
        })?;
        if let Ok(data) = frame.into_data() {
            size = size.saturating_add(data.len());
            if size <= limit {
                bytes.extend_from_slice(&data);
            }
        }
    }
    if size > limit {
        return Err(ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
            format!(
                "the request body is {size} bytes, over the --max-body limit of {limit}; \
                 send fewer articles a request, or start the server with a larger --max-body"
            ),
        ));
    }
    Ok(bytes)
}

/// One article of a batch, or why it cannot be read.
#[derive(Debug)]
pub struct Item {
    /// Where it was in the body.
    pub place: Place,
    /// The article, or what is wrong with it.
    pub article: Result<Article, ArticleErrorKind>,
}

/// What a body holds.
#[derive(Debug)]
pub enum Input {
    /// One article object: anything wrong with it fails the request.
    One(Article),
    /// An array or JSON Lines: each article stands or fails alone.
    Batch(Vec<Item>),
}

/// Reads the articles of a body; texts over `max_bytes` are refused.
pub fn parse(format: Format, body: &[u8], max_bytes: u64) -> Result<Input, ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "empty",
            format!("the request body is empty; send {ACCEPTED}"),
        ));
    }
    match format {
        Format::JsonLines => Ok(Input::Batch(json_lines(body, max_bytes))),
        Format::Json => json(body, max_bytes),
    }
}

fn json_lines(body: &[u8], max_bytes: u64) -> Vec<Item> {
    let mut lines = JsonLines::new(body, max_bytes);
    let mut items = Vec::new();
    while let Some(article) = lines.next() {
        items.push(Item {
            place: Place::Line(lines.line()),
            article: article.map_err(|err| err.kind),
        });
    }
    items
}

fn json(body: &[u8], max_bytes: u64) -> Result<Input, ApiError> {
    let text = std::str::from_utf8(body).map_err(|err| {
        let offset = err.valid_up_to();
        let kind = ArticleErrorKind::NotUtf8 {
            byte: body[offset],
            offset,
            line: 1 + body[..offset].iter().filter(|&&b| b == b'\n').count(),
        };
        ApiError::from(&kind)
    })?;
    let malformed = |err: serde_json::Error| {
        let at = format!("line {}, column {}", err.line(), err.column());
        // serde_json ends its message with the place, which the message here starts with.
        let said = err.to_string();
        let said = said
            .strip_suffix(&format!(" at line {} column {}", err.line(), err.column()))
            .unwrap_or(&said);
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "bad_json",
            format!("malformed JSON at {at}: {said}"),
        )
    };
    if text.trim_start().starts_with('[') {
        let items: Vec<&RawValue> = serde_json::from_str(text).map_err(malformed)?;
        let items = items
            .into_iter()
            .enumerate()
            .map(|(index, raw)| Item {
                place: Place::Index(index),
                article: corpus::parse_article(raw.get(), max_bytes),
            })
            .collect();
        return Ok(Input::Batch(items));
    }
    let raw: &RawValue = serde_json::from_str(text).map_err(malformed)?;
    corpus::parse_article(raw.get(), max_bytes)
        .map(Input::One)
        .map_err(|kind| ApiError::from(&kind))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn with_type(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_str(value).unwrap());
        headers
    }

    #[test]
    fn media_types_and_charsets() {
        let cases = [
            ("application/json", Some(Format::Json)),
            ("Application/JSON; charset=UTF-8", Some(Format::Json)),
            ("application/x-ndjson", Some(Format::JsonLines)),
            (
                "application/jsonl; charset=\"utf-8\"",
                Some(Format::JsonLines),
            ),
            ("application/json; charset=latin1", None),
            ("text/plain", None),
        ];
        for (value, expected) in cases {
            let got = format(&with_type(value));
            assert_eq!(got.as_ref().ok().copied(), expected, "{value}");
            if let Err(err) = got {
                assert_eq!(err.status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{value}");
            }
        }
        let missing = format(&HeaderMap::new()).unwrap_err();
        assert!(missing
            .message
            .starts_with("no Content-Type; send application/json"));
    }

    #[test]
    fn a_json_body_is_one_article_or_an_array_and_bad_json_names_its_place() {
        let one = parse(Format::Json, br#" {"id": 7, "text": "Yes."} "#, 100).unwrap();
        assert!(matches!(one, Input::One(ref a) if a.id == "7" && a.text == "Yes."));
        let many = parse(
            Format::Json,
            br#"[{"id": "a", "text": "One."}, {"id": "b", "text": " "}, 3]"#,
            100,
        )
        .unwrap();
        let Input::Batch(items) = many else {
            panic!("not a batch");
        };
        assert_eq!(items.len(), 3);
        assert!(items[0].article.is_ok());
        assert!(matches!(items[1].article, Err(ArticleErrorKind::Empty)));
        assert_eq!(items[2].place, Place::Index(2));
        let bad = parse(Format::Json, b"{\"id\": \"a\",\n \"text\": }", 100).unwrap_err();
        assert_eq!(
            (bad.status, bad.code),
            (StatusCode::BAD_REQUEST, "bad_json")
        );
        assert!(bad.message.contains("line 2, column"), "{}", bad.message);
        let latin1 = parse(Format::Json, b"{\"id\": \"a\", \"text\": \"caf\xe9\"}", 100);
        assert_eq!(latin1.unwrap_err().code, "not_utf8");
        let blank = parse(Format::JsonLines, b" \n\n", 100).unwrap_err();
        assert_eq!(
            (blank.status, blank.code),
            (StatusCode::BAD_REQUEST, "empty")
        );
    }
}
