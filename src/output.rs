//! Writing records (in a [`Format`]) to standard output or to a file that appears only when
//! complete.
//!
//! `-o` follows `sort -o`: only a regular file (or a path that does not exist yet) is written
//! to a temporary file beside it and renamed into place, so that an interrupted run never
//! leaves a truncated file that looks finished. A device, a FIFO or a socket is written in
//! place: renaming over `/dev/null` would replace the system's device with a regular file. A
//! symbolic link is followed, so the link stays and its target gets the records.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::claims::ClaimRecord;
use crate::formats::{self, Format};

/// Where records go.
pub enum Output {
    /// Standard output.
    Stdout(BufWriter<io::Stdout>),
    /// A regular file, written to the temporary file beside it and renamed by
    /// [`Output::finish`] (the temporary file is removed when the writer is dropped unfinished).
    Replace {
        /// The final path (a symbolic link's target, when `-o` named a link).
        path: PathBuf,
        /// The permissions the result gets: the replaced file's, or 0644 for a new file.
        mode: u32,
        /// The temporary file, renamed to `path` at the end.
        file: BufWriter<tempfile::NamedTempFile>,
    },
    /// A device, FIFO or socket, written where it is.
    InPlace(BufWriter<File>),
}

/// About the length of one record in JSON, to size an article's buffer once: PolNeAR dev
/// records average 730 bytes.
const RECORD_BYTES: usize = 768;

/// Permissions of a new output file: readable by all, like any file a shell redirect makes.
const NEW_FILE_MODE: u32 = 0o644;

/// What `-o` names, after following symbolic links.
enum Target {
    /// A regular file or nothing yet: replaced through a temporary file.
    Regular { path: PathBuf, mode: Option<u32> },
    /// Anything else that can be opened for writing.
    Special(PathBuf),
    /// A symbolic link to nothing: writing through it creates its target, as a shell
    /// redirect does (there is nothing there to lose).
    Dangling(PathBuf),
}

impl Output {
    /// Standard output, for `-o -` or no `-o`.
    pub fn stdout() -> Self {
        Output::Stdout(BufWriter::new(io::stdout()))
    }

    /// The output at `path`: see the module documentation for how each kind of file is written.
    pub fn file(path: &Path) -> io::Result<Self> {
        match target(path)? {
            Target::Special(path) => {
                let file = OpenOptions::new().write(true).open(path)?;
                Ok(Output::InPlace(BufWriter::new(file)))
            }
            Target::Dangling(path) => {
                let file = OpenOptions::new()
                    .write(true)
                    .create(true)
                    .truncate(true)
                    .open(path)?;
                Ok(Output::InPlace(BufWriter::new(file)))
            }
            Target::Regular { path, mode } => {
                let dir = match path.parent() {
                    Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
                    _ => PathBuf::from("."),
                };
                // `-o out/claims.jsonl` on a fresh checkout: the folder is part of the request.
                fs::create_dir_all(&dir)?;
                let temp = tempfile::Builder::new()
                    .prefix(".claimx-")
                    .suffix(".tmp")
                    .tempfile_in(&dir)?;
                Ok(Output::Replace {
                    path,
                    mode: mode.unwrap_or(NEW_FILE_MODE),
                    file: BufWriter::new(temp),
                })
            }
        }
    }

    /// The temporary file being written, which must be removed if the run is killed.
    pub fn temporary_path(&self) -> Option<&Path> {
        match self {
            Output::Replace { file, .. } => Some(file.get_ref().path()),
            _ => None,
        }
    }

    /// Writes one article's records in `format`.
    pub fn write_records(&mut self, format: Format, records: &[ClaimRecord]) -> io::Result<()> {
        let mut buffer = Vec::with_capacity(records.len() * RECORD_BYTES);
        formats::append(format, &mut buffer, records);
        self.writer().write_all(&buffer)
    }

    /// Writes what comes before the records in `format` (a CSV header row).
    pub fn write_header(&mut self, format: Format) -> io::Result<()> {
        self.writer().write_all(&formats::header(format))
    }

    fn writer(&mut self) -> &mut dyn Write {
        match self {
            Output::Stdout(out) => out,
            Output::Replace { file, .. } => file,
            Output::InPlace(file) => file,
        }
    }

    /// Flushes everything and, for a regular file, moves it into place.
    pub fn finish(self) -> io::Result<()> {
        match self {
            Output::Stdout(mut out) => out.flush(),
            Output::InPlace(mut out) => out.flush(),
            Output::Replace { path, mode, file } => {
                let temp = file.into_inner().map_err(|err| err.into_error())?;
                temp.as_file().sync_all()?;
                set_mode(temp.as_file(), mode)?;
                temp.persist(&path).map_err(|err| err.error)?;
                File::open(&path)?.sync_all()
            }
        }
    }
}

/// Classifies `path`, following symbolic links (a dangling link's target is a new file).
fn target(path: &Path) -> io::Result<Target> {
    let meta = match fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(err) if err.kind() == io::ErrorKind::NotFound => {
            return Ok(Target::Regular {
                path: path.to_path_buf(),
                mode: None,
            })
        }
        Err(err) => return Err(err),
    };
    if meta.file_type().is_symlink() {
        return match fs::canonicalize(path) {
            Ok(resolved) => target(&resolved),
            Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(Target::Dangling(path.into())),
            Err(err) => Err(err),
        };
    }
    if meta.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "it is a folder; give a file name inside it",
        ));
    }
    if meta.is_file() {
        return Ok(Target::Regular {
            path: path.to_path_buf(),
            mode: Some(mode_of(&meta)),
        });
    }
    Ok(Target::Special(path.to_path_buf()))
}

#[cfg(unix)]
fn mode_of(meta: &fs::Metadata) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    meta.permissions().mode() & 0o7777
}

#[cfg(not(unix))]
fn mode_of(_: &fs::Metadata) -> u32 {
    NEW_FILE_MODE
}

/// A temporary file is private (0600); the result gets the replaced file's permissions.
#[cfg(unix)]
fn set_mode(file: &File, mode: u32) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn set_mode(_: &File, _: u32) -> io::Result<()> {
    Ok(())
}
