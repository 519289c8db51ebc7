//! Reading articles: which files a run covers, and turning each into checked text.
//!
//! Every article is read on its own and fails on its own: a file that is too large, binary,
//! not UTF-8 or empty becomes an [`ArticleError`] that names the file, says what is wrong and
//! how to fix it, and the run goes on with the next one. Checks go cheapest first (size from
//! metadata before reading, a NUL byte before decoding), as ripgrep does.

use std::fs;
use std::io::{self, BufRead};
use std::path::{Path, PathBuf};

use globset::{Glob, GlobMatcher};
use serde::Deserialize;
use thiserror::Error;
use walkdir::WalkDir;

/// The default `--max-bytes`: 5 MB, far above any news article, well below a stray dump.
pub const DEFAULT_MAX_BYTES: u64 = 5_000_000;

/// An article ready for the pipeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// The id written in records.
    pub id: String,
    /// The decoded text, exactly as read.
    pub text: String,
}

/// A file to read, with the id its records will carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleFile {
    /// Where the file is.
    pub path: PathBuf,
    /// Its path relative to the input root, without extension, with `/` separators.
    pub id: String,
}

/// Why one article could not be read.
#[derive(Debug, Error)]
#[error("{name}: {kind}")]
pub struct ArticleError {
    /// The file's path, or `<stdin>:LINE` for an article read from standard input.
    pub name: String,
    /// What is wrong.
    pub kind: ArticleErrorKind,
}

/// What is wrong with an article.
#[derive(Debug, Error)]
pub enum ArticleErrorKind {
    /// The file could not be opened or read.
    #[error("cannot read it: {0}")]
    Io(#[from] io::Error),
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
    /// A line of standard input is not a JSON object with a string `text` and an `id`.
    #[error("not a JSON object {{\"id\": ..., \"text\": ...}}: {0}")]
    BadLine(String),
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
    /// A folder could not be walked.
    #[error("{path}: cannot list it: {reason}")]
    Walk {
        /// The folder or entry.
        path: String,
        /// Why.
        reason: String,
    },
}

/// Lists the article files under `root`: the file itself, or every file under a folder whose
/// relative path matches `glob`, hidden files and folders skipped, sorted so runs repeat.
pub fn discover(root: &Path, glob: &str) -> Result<Vec<ArticleFile>, CorpusError> {
    if root.is_file() {
        let id = root
            .file_stem()
            .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
        return Ok(vec![ArticleFile {
            path: root.to_path_buf(),
            id,
        }]);
    }
    if !root.is_dir() {
        return Err(CorpusError::Missing(root.to_path_buf()));
    }
    let matcher = matcher(glob)?;
    let mut files = Vec::new();
    let walk = WalkDir::new(root)
        .follow_links(true)
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !is_hidden(entry.file_name()));
    for entry in walk {
        let entry = entry.map_err(|err| CorpusError::Walk {
            path: err
                .path()
                .map_or_else(|| root.display().to_string(), |p| p.display().to_string()),
            reason: err.to_string(),
        })?;
        if !entry.file_type().is_file() {
            continue;
        }
        let relative = entry.path().strip_prefix(root).unwrap_or(entry.path());
        if matcher.is_match(relative) {
            files.push(ArticleFile {
                path: entry.path().to_path_buf(),
                id: article_id(relative),
            });
        }
    }
    files.sort_by(|a, b| a.id.cmp(&b.id).then_with(|| a.path.cmp(&b.path)));
    Ok(files)
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
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
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

fn check_text(text: String) -> Result<String, ArticleErrorKind> {
    if text.trim().is_empty() {
        return Err(ArticleErrorKind::Empty);
    }
    if let Some(offset) = text.find('\0') {
        return Err(ArticleErrorKind::Binary { offset });
    }
    Ok(text)
}

/// One line of JSON Lines input.
#[derive(Deserialize)]
struct InputLine {
    id: serde_json::Value,
    text: String,
}

/// Reads JSON Lines articles (`{"id": ..., "text": ...}`) one at a time, so that claimx can
/// work as a filter on an endless stream. Blank lines are skipped.
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

    fn parse(&self, line: &str) -> Result<Article, ArticleErrorKind> {
        let input: InputLine =
            serde_json::from_str(line).map_err(|e| ArticleErrorKind::BadLine(e.to_string()))?;
        let id = match input.id {
            serde_json::Value::String(id) => id,
            serde_json::Value::Number(n) => n.to_string(),
            other => {
                return Err(ArticleErrorKind::BadLine(format!(
                    "\"id\" must be a string or a number, not {other}"
                )))
            }
        };
        if input.text.len() as u64 > self.max_bytes {
            return Err(ArticleErrorKind::TooLarge {
                size: input.text.len() as u64,
                limit: self.max_bytes,
            });
        }
        Ok(Article {
            id,
            text: check_text(input.text)?,
        })
    }
}

impl<R: BufRead> Iterator for JsonLines<R> {
    type Item = Result<Article, ArticleError>;

    fn next(&mut self) -> Option<Self::Item> {
        let mut bytes = Vec::new();
        loop {
            bytes.clear();
            self.line += 1;
            let name = format!("<stdin>:{}", self.line);
            match self.reader.read_until(b'\n', &mut bytes) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(err) => {
                    return Some(Err(ArticleError {
                        name,
                        kind: err.into(),
                    }))
                }
            }
            let fail = |kind| {
                Some(Err(ArticleError {
                    name: name.clone(),
                    kind,
                }))
            };
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
            return Some(self.parse(line).map_err(|kind| ArticleError { name, kind }));
        }
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
            .map(|f| f.id)
            .collect();
        assert_eq!(ids, ["a", "b/z"]);
        let md: Vec<String> = discover(dir.path(), "*.md")
            .unwrap()
            .into_iter()
            .map(|f| f.id)
            .collect();
        assert_eq!(md, ["c"]);
        assert!(matches!(
            discover(&dir.path().join("nope"), "*"),
            Err(CorpusError::Missing(_))
        ));
    }
}
