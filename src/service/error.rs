//! Errors as the service sends them: an HTTP status, a short `code` a client can match on,
//! and a `message` that names the problem and the fix, as
//! `{"error": {"status": 413, "code": "too_large", "message": "..."}}`. The same object, with
//! the article's place (`line` or `index`) and `id`, stands for a failed article in the body
//! of a batch.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::corpus::ArticleErrorKind;
use crate::pipeline::StageError;

/// A request (or one article of a batch) that could not be answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// The HTTP status.
    pub status: StatusCode,
    /// A short name for the problem (`not_utf8`, `too_large`, `bad_json`, ...).
    pub code: &'static str,
    /// What is wrong and how to fix it.
    pub message: String,
    /// Seconds after which the request may succeed, for `Retry-After`.
    pub retry_after: Option<u64>,
}

/// Where a failed article of a batch was: its line of a JSON Lines body (from 1, as editors
/// count), or its index in a JSON array (from 0, as JSON Pointer counts).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// The line of a JSON Lines body.
    Line(usize),
    /// The index in a JSON array.
    Index(usize),
}

impl ApiError {
    /// An error with no `Retry-After`.
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code,
            message: message.into(),
            retry_after: None,
        }
    }

    /// The same error, telling the client to retry after `seconds`.
    pub fn retry_after(self, seconds: u64) -> Self {
        ApiError {
            retry_after: Some(seconds),
            ..self
        }
    }

    /// The error of an article that the pipeline failed on: a bug or a model failure in
    /// claimx, not a problem with the input.
    pub fn stage(err: &StageError) -> Self {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            err.to_string(),
        )
    }

    fn fields(&self) -> serde_json::Map<String, serde_json::Value> {
        let mut fields = serde_json::Map::new();
        fields.insert("status".into(), self.status.as_u16().into());
        fields.insert("code".into(), self.code.into());
        fields.insert("message".into(), self.message.clone().into());
        fields
    }

    /// Appends this error, as the line of the article at `place` (with its `id` when it was
    /// read), to the body of a batch.
    pub fn append_line(&self, body: &mut Vec<u8>, place: Place, id: Option<&str>) {
        let mut fields = self.fields();
        let (key, at) = match place {
            Place::Line(line) => ("line", line),
            Place::Index(index) => ("index", index),
        };
        fields.insert(key.into(), at.into());
        fields.insert("id".into(), id.into());
        body.extend_from_slice(json!({ "error": fields }).to_string().as_bytes());
        body.push(b'\n');
    }
}

impl From<&ArticleErrorKind> for ApiError {
    /// The status and code of an article that cannot be read: 413 when it is too large, 400
    /// when its bytes are not UTF-8 text, 422 when it is well-formed JSON but not an article
    /// claimx can read (a missing or mistyped field, no text, NUL bytes in the text).
    fn from(kind: &ArticleErrorKind) -> Self {
        let (status, code) = match kind {
            ArticleErrorKind::TooLarge { .. } => (StatusCode::PAYLOAD_TOO_LARGE, "too_large"),
            ArticleErrorKind::NotUtf8 { .. } => (StatusCode::BAD_REQUEST, "not_utf8"),
            ArticleErrorKind::Utf16(_) => (StatusCode::BAD_REQUEST, "utf16"),
            ArticleErrorKind::Binary { .. } => (StatusCode::UNPROCESSABLE_ENTITY, "binary"),
            ArticleErrorKind::Empty => (StatusCode::UNPROCESSABLE_ENTITY, "empty"),
            ArticleErrorKind::BadLine(_) => (StatusCode::UNPROCESSABLE_ENTITY, "bad_article"),
            // Files are never read for a request; kept total rather than a panic.
            ArticleErrorKind::Io(_) | ArticleErrorKind::Walk(_) => {
                (StatusCode::INTERNAL_SERVER_ERROR, "internal")
            }
        };
        ApiError::new(status, code, kind.to_string())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = json!({ "error": self.fields() }).to_string();
        let mut response = (
            self.status,
            [(header::CONTENT_TYPE, HeaderValue::from_static(JSON))],
            body,
        )
            .into_response();
        if let Some(seconds) = self.retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

/// The media type of every JSON answer that is not JSON Lines.
pub const JSON: &str = "application/json";
