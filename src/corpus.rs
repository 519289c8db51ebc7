//! Reading articles: which files a run covers, and turning each into checked text.
//!
//! Every article is read on its own and fails on its own: a file that is too large, binary,
//! not UTF-8 or empty becomes an [`ArticleError`] that names the file, says what is wrong and
//! how to fix it, and the run goes on with the next one. Checks go cheapest first (size from
//! metadata before reading, a NUL byte before decoding), as ripgrep does.

use std::fs;
use std::io::{self, BufRead, Read};
use std::path::{Path, PathBuf};

use globset::{Glob, GlobMatcher};
use serde_json::value::RawValue;
use thiserror::Error;
use walkdir::WalkDir;

use crate::document::{ArticleMeta, Document};

/// The default `--max-bytes`: 5 MB, far above any news article, well below a stray dump.
pub const DEFAULT_MAX_BYTES: u64 = 5_000_000;

/// An article ready for the pipeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// The id written in records.
    pub id: String,
    /// The decoded text, exactly as read.
    pub text: String,
    /// Where and when it appeared: a file's path, or the `url` and `date` of an input line.
    pub meta: ArticleMeta,
}

impl From<Article> for Document {
    /// The article as a document with no layers yet, its metadata carried along.
    fn from(article: Article) -> Self {
        Document::new(article.id, article.text).with_meta(article.meta)
    }
}

/// A file to read, with the id its records will carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleFile {
    /// Where the file is.
    pub path: PathBuf,
    /// Its path relative to the input root, without extension, with `/` separators.
    pub id: String,
}

impl ArticleFile {
    /// A file given by itself: its id is its name without the extension.
    pub fn named_by_stem(path: &Path) -> Self {
        ArticleFile {
            path: path.to_path_buf(),
            id: path.file_stem().map_or_else(String::new, os_text),
        }
    }
}

/// Why one article could not be read.
#[derive(Debug, Error)]
#[error("{name}: {kind}")]
pub struct ArticleError {
    /// The file's path, or `<stdin>:LINE` for an article read from standard input, followed
    /// by ` (id "ID")` once the line's id is known.
    pub name: String,
    /// What is wrong.
    pub kind: ArticleErrorKind,
}

/// What is wrong with an article.
#[derive(Debug, Error)]
pub enum ArticleErrorKind {
    /// The file could not be opened or read. Not a `#[source]`: the message already holds
    /// the OS error, and a source would print it a second time in an error chain.
    #[error("cannot read it: {0}")]
    Io(io::Error),
    /// A folder entry could not be followed or listed (a dangling link, a link loop).
    #[error("{0}")]
    Walk(String),
    /// The file is UTF-16 text, which claimx does not read.
    #[error("UTF-16 text ({0} byte order); claimx reads UTF-8: convert it first, e.g. `iconv -f UTF-16 -t UTF-8 FILE`")]
    Utf16(&'static str),
    /// The file is larger than `--max-bytes`.
    #[error(
        "{size} bytes, over the --max-bytes limit of {limit}; split the file or raise --max-bytes"
    )]
    TooLarge {
        /// Its size in bytes.
        size: u64,
        /// The limit in force.
        limit: u64,
    },
    /// The file holds a NUL byte, so it is not text.
    #[error("binary data (NUL byte at byte {offset}); claimx reads plain UTF-8 text: extract the text first")]
    Binary {
        /// Byte offset of the first NUL.
        offset: usize,
    },
    /// The bytes are not valid UTF-8.
    #[error("not UTF-8 (invalid byte 0x{byte:02X} at byte {offset}, line {line}); convert it first, e.g. `iconv -f WINDOWS-1252 -t UTF-8 FILE`")]
    NotUtf8 {
        /// The first invalid byte.
        byte: u8,
        /// Its offset.
        offset: usize,
        /// Its line, counting from 1.
        line: usize,
    },
    /// The article holds no text but white space.
    #[error("empty: no text to extract claims from; check how the file was exported")]
    Empty,
    /// A line of standard input is not a JSON object with a string `text` and an `id` (and,
    /// when given, a string `url` and `date`).
    #[error("not a JSON object {{\"id\": ..., \"text\": ...}}: {0}")]
    BadLine(String),
}

impl From<io::Error> for ArticleErrorKind {
    fn from(err: io::Error) -> Self {
        ArticleErrorKind::Io(err)
    }
}

/// Why the set of inputs could not be listed: fatal for the run, unlike an [`ArticleError`].
#[derive(Debug, Error)]
pub enum CorpusError {
    /// A path given on the command line does not exist.
    #[error("{0}: no such file or folder")]
    Missing(PathBuf),
    /// The `--glob` pattern does not parse.
    #[error("--glob {pattern:?}: {reason}")]
    BadGlob {
        /// The pattern.
        pattern: String,
        /// Why it does not parse.
        reason: String,
    },
}

/// One entry of a folder walk: a file to read, or why an entry could not be followed. A bad
/// entry is an article error, reported and counted, never the end of the walk (as in ripgrep).
pub type Entry = Result<ArticleFile, ArticleError>;

/// Lists the article files under `root`: the file itself, or every file under a folder whose
/// relative path matches `glob`, hidden files and folders skipped, sorted so runs repeat.
/// Entries that cannot be followed come out in their place as errors; only a root that does
/// not exist, or a bad glob, fails the whole listing.
pub fn discover(root: &Path, glob: &str) -> Result<Vec<Entry>, CorpusError> {
    if root.is_file() {
        return Ok(vec![Ok(ArticleFile::named_by_stem(root))]);
    }
    if !root.is_dir() {
        return Err(CorpusError::Missing(root.to_path_buf()));
    }
    let matcher = matcher(glob)?;
    let mut entries: Vec<(PathBuf, Entry)> = Vec::new();
    let walk = WalkDir::new(root)
        .follow_links(true)
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !is_hidden(entry.file_name()));
    for entry in walk {
        match entry {
            Ok(entry) if entry.file_type().is_file() => {
                let relative = entry.path().strip_prefix(root).unwrap_or(entry.path());
                if matcher.is_match(relative) {
                    let file = ArticleFile {
                        path: entry.path().to_path_buf(),
                        id: article_id(relative),
                    };
                    entries.push((file.path.clone(), Ok(file)));
                }
            }
            Ok(_) => {}
            Err(err) => {
                let path = err.path().unwrap_or(root).to_path_buf();
                let relative = path.strip_prefix(root).unwrap_or(&path);
                if let Some(err) = walk_error(&err, relative, &matcher) {
                    entries.push((path, Err(err)));
                }
            }
        }
    }
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(entries.into_iter().map(|(_, entry)| entry).collect())
}

/// The article error for an entry the walk could not follow, or `None` when the entry could
/// never have been an article (hidden, or a file whose name does not match the glob).
fn walk_error(
    err: &walkdir::Error,
    relative: &Path,
    matcher: &GlobMatcher,
) -> Option<ArticleError> {
    let hidden = relative.components().any(|c| is_hidden(c.as_os_str()));
    let name = err
        .path()
        .map_or_else(String::new, |p| p.display().to_string());
    let reason = if let Some(ancestor) = err.loop_ancestor() {
        format!(
            "a symbolic link loop (it leads back to {}); skipped, remove the link to silence this",
            ancestor.display()
        )
    } else {
        let io = err.io_error();
        let dangling = io.is_some_and(|e| e.kind() == io::ErrorKind::NotFound);
        if dangling && !matcher.is_match(relative) {
            return None;
        }
        if dangling {
            "a symbolic link to nothing; skipped, fix or remove the link".to_owned()
        } else {
            let why = io.map_or_else(|| err.to_string(), ToString::to_string);
            format!("cannot list or open it: {why}; skipped")
        }
    };
    (!hidden).then_some(ArticleError {
        name,
        kind: ArticleErrorKind::Walk(reason),
    })
}

fn matcher(glob: &str) -> Result<GlobMatcher, CorpusError> {
    Glob::new(glob)
        .map(|g| g.compile_matcher())
        .map_err(|err| CorpusError::BadGlob {
            pattern: glob.to_owned(),
            reason: err.kind().to_string(),
        })
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

/// `a/b/c.txt` → `a/b/c`, with `/` whatever the platform.
fn article_id(relative: &Path) -> String {
    let stem = relative.with_extension("");
    stem.components()
        .map(|c| os_text(c.as_os_str()))
        .collect::<Vec<_>>()
        .join("/")
}

/// A file name as text: UTF-8 as it is, each byte that is not UTF-8 as `\xHH`, so that
/// different names stay different (a lossy conversion would turn them all into U+FFFD).
fn os_text(name: &std::ffi::OsStr) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let mut out = String::new();
        for chunk in name.as_bytes().utf8_chunks() {
            out.push_str(chunk.valid());
            for byte in chunk.invalid() {
                out.push_str(&format!("\\x{byte:02X}"));
            }
        }
        out
    }
    #[cfg(not(unix))]
    {
        name.to_string_lossy().into_owned()
    }
}

/// Reads and checks one file.
pub fn read_file(file: &ArticleFile, max_bytes: u64) -> Result<Article, ArticleError> {
    let fail = |kind| ArticleError {
        name: file.path.display().to_string(),
        kind,
    };
    let size = fs::metadata(&file.path).map_err(|e| fail(e.into()))?.len();
    if size > max_bytes {
        return Err(fail(ArticleErrorKind::TooLarge {
            size,
            limit: max_bytes,
        }));
    }
    let bytes = fs::read(&file.path).map_err(|e| fail(e.into()))?;
    let text = decode(bytes, max_bytes).map_err(fail)?;
    Ok(Article {
        id: file.id.clone(),
        text,
        meta: ArticleMeta {
            appearance: Some(os_text(file.path.as_os_str())),
            date: None,
        },
    })
}

/// Checks raw bytes and turns them into text: not too large, no NUL, valid UTF-8, not blank.
pub fn decode(bytes: Vec<u8>, max_bytes: u64) -> Result<String, ArticleErrorKind> {
    if bytes.len() as u64 > max_bytes {
        return Err(ArticleErrorKind::TooLarge {
            size: bytes.len() as u64,
            limit: max_bytes,
        });
    }
    if let Some(order) = utf16_order(&bytes) {
        return Err(ArticleErrorKind::Utf16(order));
    }
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(ArticleErrorKind::Binary { offset });
    }
    let text = String::from_utf8(bytes).map_err(|err| {
        let offset = err.utf8_error().valid_up_to();
        let bytes = err.as_bytes();
        ArticleErrorKind::NotUtf8 {
            byte: bytes[offset],
            offset,
            line: 1 + bytes[..offset].iter().filter(|&&b| b == b'\n').count(),
        }
    })?;
    check_text(text)
}

/// "little-endian" or "big-endian" when `bytes` look like UTF-16: a byte-order mark, or (with
/// none) NUL bytes at every other place of the first line, as ASCII text has in UTF-16.
fn utf16_order(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0xFF, 0xFE, ..] => return Some("little-endian"),
        [0xFE, 0xFF, ..] => return Some("big-endian"),
        _ => {}
    }
    let head = &bytes[..bytes.len().min(UTF16_SNIFF) & !1];
    if head.len() < 4 {
        return None;
    }
    let nul_at = |parity: usize| head.iter().skip(parity).step_by(2).all(|&b| b == 0);
    let text_at = |parity: usize| head.iter().skip(parity).step_by(2).all(|&b| b != 0);
    if nul_at(1) && text_at(0) {
        Some("little-endian")
    } else if nul_at(0) && text_at(1) {
        Some("big-endian")
    } else {
        None
    }
}

/// How many leading bytes the UTF-16 check reads: a line of ASCII text, enough to see the
/// pattern, few enough that binary data rarely shows it by chance.
const UTF16_SNIFF: usize = 64;

fn check_text(text: String) -> Result<String, ArticleErrorKind> {
    if text.trim().is_empty() {
        return Err(ArticleErrorKind::Empty);
    }
    if let Some(offset) = text.find('\0') {
        return Err(ArticleErrorKind::Binary { offset });
    }
    Ok(text)
}

/// The fields of one article's JSON object (a line of JSON Lines input), borrowed from it: the id stays as
/// written, so that `1e2` or a 23-digit number comes back as the same text.
type InputLine<'a> = std::collections::BTreeMap<&'a str, &'a RawValue>;

/// Bytes a line may hold beyond its article (see [`line_limit`]): room for the id, the field
/// names and the JSON escapes of a text just under the limit.
const LINE_SLACK: u64 = 64 * 1024;

/// Reads JSON Lines articles (`{"id": ..., "text": ...}`, or `"bytes"`: the article's bytes
/// in base64, in place of `"text"`; with an optional string `url` and `date` for the records'
/// `appearance` and `date`) one at a time, so that claimx can work as a filter on an endless
/// stream. Blank lines are skipped. A line longer than [`line_limit`] is skipped unread, so
/// memory stays bounded whatever comes in.
pub struct JsonLines<R> {
    reader: R,
    line: usize,
    max_bytes: u64,
}

impl<R: BufRead> JsonLines<R> {
    /// Reads from `reader`; an article's text may be at most `max_bytes` long.
    pub fn new(reader: R, max_bytes: u64) -> Self {
        JsonLines {
            reader,
            line: 0,
            max_bytes,
        }
    }

    /// Parses one line. An error names the line, and the article's id once it is known, so
    /// that a failure under a cluster engine (where line numbers mean little) says which
    /// article it was.
    fn parse(&self, name: String, line: &str) -> Result<Article, ArticleError> {
        parse_input(line, self.max_bytes).map_err(|(id, kind)| ArticleError {
            name: id.map_or_else(|| name.clone(), |id| format!("{name} (id {id:?})")),
            kind,
        })
    }

    /// The line number (from 1, blank lines counted) of the item last returned, so that a
    /// caller that names lines its own way can say where each article or error came from.
    pub fn line(&self) -> usize {
        self.line
    }

    /// Reads the next line into `bytes`, at most `limit` bytes of it. Returns the line's
    /// whole length (0 at the end of input); past the limit the rest is read and dropped.
    fn read_line(&mut self, bytes: &mut Vec<u8>, limit: u64) -> io::Result<u64> {
        let kept = (&mut self.reader).take(limit).read_until(b'\n', bytes)? as u64;
        if kept < limit || bytes.last() == Some(&b'\n') {
            return Ok(kept);
        }
        let mut dropped = 0;
        loop {
            let buffer = self.reader.fill_buf()?;
            if buffer.is_empty() {
                return Ok(kept + dropped);
            }
            let (used, done) = match buffer.iter().position(|&b| b == b'\n') {
                Some(at) => (at + 1, true),
                None => (buffer.len(), false),
            };
            self.reader.consume(used);
            dropped += used as u64;
            if done {
                return Ok(kept + dropped);
            }
        }
    }
}

/// Reads one article from a JSON object `{"id": ..., "text": ..., "url"?: ..., "date"?: ...}`:
/// a line of `extract -`, or an article sent to `claimx serve`, read by the same rules. The id
/// is kept as written (a number stays the text it was sent as); the text must be a string of
/// at most `max_bytes` with something besides white space in it.
pub fn parse_article(json: &str, max_bytes: u64) -> Result<Article, ArticleErrorKind> {
    parse_input(json, max_bytes).map_err(|(_, kind)| kind)
}

/// [`parse_article`], with the article's id beside the error once it was read, for errors
/// that name it.
fn parse_input(json: &str, max_bytes: u64) -> Result<Article, (Option<String>, ArticleErrorKind)> {
    let input: InputLine = serde_json::from_str(json).map_err(|e| (None, bad_line(&e)))?;
    let id = input_id(&input).map_err(|kind| (None, kind))?;
    let fail = |kind| (Some(id.clone()), kind);
    let text = input_text(&input, max_bytes).map_err(fail)?;
    let meta = ArticleMeta {
        appearance: optional_string(&input, "url").map_err(fail)?,
        date: optional_string(&input, "date").map_err(fail)?,
    };
    Ok(Article { id, text, meta })
}

/// The string value of the optional field `name`: `None` when the object has no such field, an
/// error naming the field when its value is anything but a string.
fn optional_string(input: &InputLine, name: &str) -> Result<Option<String>, ArticleErrorKind> {
    let Some(raw) = input.get(name) else {
        return Ok(None);
    };
    serde_json::from_str(raw.get()).map(Some).map_err(|_| {
        ArticleErrorKind::BadLine(format!("\"{name}\" must be a string, not {}", raw.get()))
    })
}

/// Says what is wrong with an input in JSON terms, not in the names of claimx's own types.
fn bad_line(err: &serde_json::Error) -> ArticleErrorKind {
    use serde_json::error::Category;
    let at = format!("column {}", err.column());
    ArticleErrorKind::BadLine(match err.classify() {
        Category::Syntax | Category::Eof => format!("malformed JSON at {at}"),
        Category::Data => format!("it is not a JSON object ({at})"),
        Category::Io => err.to_string(),
    })
}

/// The id of a line, kept as written: a string, or a number's own digits.
fn input_id(input: &InputLine) -> Result<String, ArticleErrorKind> {
    match input.get("id").map(|raw| raw.get()) {
        None => Err(ArticleErrorKind::BadLine(
            "the field \"id\" is missing".into(),
        )),
        Some(raw) if raw.starts_with('"') => serde_json::from_str::<String>(raw)
            .map_err(|e| ArticleErrorKind::BadLine(e.to_string())),
        Some(raw) if raw.starts_with(|c: char| c == '-' || c.is_ascii_digit()) => Ok(raw.into()),
        Some(other) => Err(ArticleErrorKind::BadLine(format!(
            "\"id\" must be a string or a number, not {other}"
        ))),
    }
}

/// The text of a line: `text` as given, or `bytes`, the article's raw bytes in base64, checked
/// by [`decode`] exactly as a file's bytes are. `bytes` is for a sender that cannot put the
/// article in a JSON string (it is not UTF-8) and wants claimx's own error for it, as a file
/// would get, instead of text it decoded lossily itself.
fn input_text(input: &InputLine, max_bytes: u64) -> Result<String, ArticleErrorKind> {
    match (input.get("text"), input.get("bytes")) {
        (Some(_), Some(_)) => Err(ArticleErrorKind::BadLine(
            "give \"text\" or \"bytes\", not both".into(),
        )),
        (None, None) => Err(ArticleErrorKind::BadLine(
            "the field \"text\" is missing (or \"bytes\": the article's bytes in base64)".into(),
        )),
        (Some(text), None) => text_field(text, max_bytes),
        (None, Some(bytes)) => bytes_field(bytes, max_bytes),
    }
}

/// A `text` field: a JSON string of at most `max_bytes` that is not blank.
fn text_field(text: &RawValue, max_bytes: u64) -> Result<String, ArticleErrorKind> {
    let text: String = serde_json::from_str(text.get()).map_err(|_| {
        ArticleErrorKind::BadLine(format!("\"text\" must be a string, not {}", text.get()))
    })?;
    if text.len() as u64 > max_bytes {
        return Err(ArticleErrorKind::TooLarge {
            size: text.len() as u64,
            limit: max_bytes,
        });
    }
    check_text(text)
}

/// A `bytes` field: standard base64 (with padding, as Python's `base64.b64encode` writes it)
/// of bytes that [`decode`] accepts.
fn bytes_field(bytes: &RawValue, max_bytes: u64) -> Result<String, ArticleErrorKind> {
    use base64::Engine as _;
    let not_base64 = |why: String| {
        ArticleErrorKind::BadLine(format!("\"bytes\" must be a base64 string: {why}"))
    };
    let encoded: String =
        serde_json::from_str(bytes.get()).map_err(|_| not_base64("not a string".into()))?;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .map_err(|e| not_base64(e.to_string()))?;
    decode(bytes, max_bytes)
}

/// The longest line read whole: an article of `max_bytes` sent as base64 `bytes` (4
/// characters for every 3 bytes, the longer of the two forms), plus [`LINE_SLACK`].
fn line_limit(max_bytes: u64) -> u64 {
    max_bytes
        .div_ceil(3)
        .saturating_mul(4)
        .saturating_add(LINE_SLACK)
}

impl<R: BufRead> Iterator for JsonLines<R> {
    type Item = Result<Article, ArticleError>;

    fn next(&mut self) -> Option<Self::Item> {
        let limit = line_limit(self.max_bytes);
        let mut bytes = Vec::new();
        loop {
            bytes.clear();
            self.line += 1;
            let name = format!("<stdin>:{}", self.line);
            let fail = |kind| {
                Some(Err(ArticleError {
                    name: name.clone(),
                    kind,
                }))
            };
            let length = match self.read_line(&mut bytes, limit) {
                Ok(0) => return None,
                Ok(length) => length,
                Err(err) => return fail(err.into()),
            };
            if length > limit {
                return fail(ArticleErrorKind::TooLarge {
                    size: length,
                    limit: self.max_bytes,
                });
            }
            let line = match std::str::from_utf8(&bytes) {
                Ok(line) => line,
                Err(err) => {
                    let offset = err.valid_up_to();
                    return fail(ArticleErrorKind::NotUtf8 {
                        byte: bytes[offset],
                        offset,
                        line: self.line,
                    });
                }
            };
            if line.trim().is_empty() {
                continue;
            }
            return Some(self.parse(name, line));
        }
    }
}

/// Makes article ids unique within a run: a repeated id gets the suffix `~2`, `~3`, ... in
/// input order, so that record ids never collide and runs repeat.
#[derive(Debug, Default)]
pub struct UniqueIds {
    seen: std::collections::HashSet<String>,
}

impl UniqueIds {
    /// The id to use for an article that asks for `id`: `id` itself the first time, else the
    /// first free `id~N`, returned as `Err` so that the caller can warn about it.
    pub fn claim(&mut self, id: String) -> Result<String, String> {
        if self.seen.insert(id.clone()) {
            return Ok(id);
        }
        let free = (2u64..)
            .map(|n| format!("{id}~{n}"))
            .find(|candidate| !self.seen.contains(candidate))
            .expect("an unused suffix");
        self.seen.insert(free.clone());
        Err(free)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_reports_each_bad_input() {
        let limit = DEFAULT_MAX_BYTES;
        assert!(matches!(
            decode(b"ab\0cd".to_vec(), limit),
            Err(ArticleErrorKind::Binary { offset: 2 })
        ));
        assert!(matches!(
            decode(b"one\ntwo \xE9t\xE9".to_vec(), limit),
            Err(ArticleErrorKind::NotUtf8 {
                byte: 0xE9,
                offset: 8,
                line: 2
            })
        ));
        assert!(matches!(
            decode(b" \n\t".to_vec(), limit),
            Err(ArticleErrorKind::Empty)
        ));
        assert!(matches!(
            decode(b"long text".to_vec(), 4),
            Err(ArticleErrorKind::TooLarge { size: 9, limit: 4 })
        ));
        assert_eq!(
            decode("Caf\u{e9} said.".as_bytes().to_vec(), limit).unwrap(),
            "Caf\u{e9} said."
        );
    }

    #[test]
    fn json_lines_yield_articles_and_errors_in_order() {
        let input = "{\"id\": \"a\", \"text\": \"One.\"}\n\nnot json\n{\"id\": 7, \"text\": \"Two.\"}\n{\"id\": null, \"text\": \"x\"}\n";
        let items: Vec<_> = JsonLines::new(input.as_bytes(), 100).collect();
        assert_eq!(items.len(), 4);
        assert_eq!(items[0].as_ref().unwrap().id, "a");
        assert_eq!(items[1].as_ref().unwrap_err().name, "<stdin>:3");
        assert_eq!(items[2].as_ref().unwrap().id, "7");
        assert!(items[3]
            .as_ref()
            .unwrap_err()
            .to_string()
            .contains("\"id\" must be"));
    }

    #[test]
    fn json_lines_bytes_are_checked_as_a_file_and_errors_name_the_id() {
        // "Caf\xE9 said." in Latin-1, "Caf\u{e9} said." in UTF-8, and a blank article.
        let input = [
            r#"{"id": "latin1", "bytes": "Q2Fm6SBzYWlkLg=="}"#,
            r#"{"id": "utf8", "bytes": "Q2Fmw6kgc2FpZC4="}"#,
            r#"{"id": "blank", "text": "  "}"#,
            r#"{"id": "both", "text": "One.", "bytes": "T25lLg=="}"#,
            r#"{"id": "junk", "bytes": "not base64!"}"#,
        ]
        .join("\n");
        let items: Vec<_> = JsonLines::new(input.as_bytes(), 100).collect();
        let error = |n: usize| items[n].as_ref().unwrap_err().to_string();
        assert_eq!(
            error(0),
            "<stdin>:1 (id \"latin1\"): not UTF-8 (invalid byte 0xE9 at byte 3, line 1); \
             convert it first, e.g. `iconv -f WINDOWS-1252 -t UTF-8 FILE`"
        );
        assert_eq!(items[1].as_ref().unwrap().text, "Caf\u{e9} said.");
        assert!(
            error(2).starts_with("<stdin>:3 (id \"blank\"): empty"),
            "{}",
            error(2)
        );
        assert!(error(3).contains("not both"), "{}", error(3));
        assert!(
            error(4).contains("\"bytes\" must be a base64 string"),
            "{}",
            error(4)
        );
    }

    #[test]
    fn json_lines_carry_url_and_date_and_name_a_bad_one() {
        let input = concat!(
            "{\"id\": \"a\", \"text\": \"One.\", \"url\": \"https://example.org/a\", \"date\": \"2016-09-12\"}\n",
            "{\"id\": \"b\", \"text\": \"Two.\"}\n",
            "{\"id\": \"c\", \"text\": \"Three.\", \"date\": 20160912}\n",
            "{\"id\": \"d\", \"text\": \"Four.\", \"url\": [\"x\"]}\n",
        );
        let items: Vec<_> = JsonLines::new(input.as_bytes(), 100).collect();
        let meta = |n: usize| &items[n].as_ref().unwrap().meta;
        assert_eq!(meta(0).appearance.as_deref(), Some("https://example.org/a"));
        assert_eq!(meta(0).date.as_deref(), Some("2016-09-12"));
        assert_eq!(*meta(1), ArticleMeta::default());
        let error = |n: usize| items[n].as_ref().unwrap_err().to_string();
        assert!(
            error(2).contains("\"date\" must be a string, not 20160912"),
            "{}",
            error(2)
        );
        assert!(
            error(3).starts_with("<stdin>:4 (id \"d\"): "),
            "{}",
            error(3)
        );
        assert!(
            error(3).contains("\"url\" must be a string"),
            "{}",
            error(3)
        );
    }

    #[test]
    fn a_file_appears_at_its_path_with_bytes_that_are_not_utf8_escaped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        fs::write(&path, "Text.").unwrap();
        let article = read_file(&ArticleFile::named_by_stem(&path), 100).unwrap();
        assert_eq!(article.meta.appearance, Some(path.display().to_string()));
        assert_eq!(article.meta.date, None);
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            let name = std::ffi::OsStr::from_bytes(b"caf\xE9.txt");
            fs::write(dir.path().join(name), "Text.").unwrap();
            let file = ArticleFile::named_by_stem(&dir.path().join(name));
            let article = read_file(&file, 100).unwrap();
            let expected = format!("{}/caf\\xE9.txt", dir.path().display());
            assert_eq!(article.meta.appearance, Some(expected));
            assert_eq!(article.id, "caf\\xE9");
        }
    }

    #[test]
    fn discover_walks_sorted_skips_hidden_and_keeps_relative_ids() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["b/z.txt", "a.txt", ".hidden/x.txt", "b/.y.txt", "c.md"] {
            let path = dir.path().join(name);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, "Text.").unwrap();
        }
        let ids: Vec<String> = discover(dir.path(), "*.txt")
            .unwrap()
            .into_iter()
            .map(|f| f.unwrap().id)
            .collect();
        assert_eq!(ids, ["a", "b/z"]);
        let md: Vec<String> = discover(dir.path(), "*.md")
            .unwrap()
            .into_iter()
            .map(|f| f.unwrap().id)
            .collect();
        assert_eq!(md, ["c"]);
        assert!(matches!(
            discover(&dir.path().join("nope"), "*"),
            Err(CorpusError::Missing(_))
        ));
    }
}
