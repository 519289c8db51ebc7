//! Writing records: JSON Lines to standard output or to a file that appears only when complete.

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::claims::ClaimRecord;

/// Where records go. A file is written to a temporary file beside it and renamed by
/// [`Output::finish`], so that an interrupted run never leaves a truncated file that looks
/// finished (the temporary file is removed when the writer is dropped unfinished).
pub enum Output {
    /// Standard output.
    Stdout(BufWriter<io::Stdout>),
    /// A file, and the temporary file being written beside it.
    File {
        /// The final path.
        path: PathBuf,
        /// The temporary file, renamed to `path` at the end.
        file: BufWriter<tempfile::NamedTempFile>,
    },
}

impl Output {
    /// Standard output, for `-o -` or no `-o`.
    pub fn stdout() -> Self {
        Output::Stdout(BufWriter::new(io::stdout()))
    }

    /// A file at `path` (its folder created if missing), which appears only when
    /// [`Output::finish`] is called.
    pub fn file(path: &Path) -> io::Result<Self> {
        let dir = match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        // `-o out/claims.jsonl` on a fresh checkout: the folder is part of the request.
        fs::create_dir_all(dir)?;
        let temp = tempfile::Builder::new()
            .prefix(".claimx-")
            .suffix(".tmp")
            .tempfile_in(dir)?;
        Ok(Output::File {
            path: path.to_path_buf(),
            file: BufWriter::new(temp),
        })
    }

    /// Writes one article's records, one JSON object a line.
    pub fn write_records(&mut self, records: &[ClaimRecord]) -> io::Result<()> {
        let mut buffer = Vec::with_capacity(records.len() * 512);
        for record in records {
            serde_json::to_writer(&mut buffer, record)?;
            buffer.push(b'\n');
        }
        self.writer().write_all(&buffer)
    }

    fn writer(&mut self) -> &mut dyn Write {
        match self {
            Output::Stdout(out) => out,
            Output::File { file, .. } => file,
        }
    }

    /// Flushes everything and, for a file, moves it into place.
    pub fn finish(self) -> io::Result<()> {
        match self {
            Output::Stdout(mut out) => out.flush(),
            Output::File { path, file } => {
                let temp = file.into_inner().map_err(|err| err.into_error())?;
                temp.as_file().sync_all()?;
                // A temporary file is private (0600); the result is an ordinary file.
                #[cfg(unix)]
                {
                    use std::os::unix::fs::PermissionsExt;
                    temp.as_file()
                        .set_permissions(fs::Permissions::from_mode(0o644))?;
                }
                temp.persist(&path).map_err(|err| err.error)?;
                fs::File::open(&path)?.sync_all()
            }
        }
    }
}
