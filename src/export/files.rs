//! Writing export files safely: all or nothing, through temporary files that
//! cannot be hijacked, with the leftovers of killed runs cleaned up.
//!
//! | step | what happens |
//! | --- | --- |
//! | before any work | [`check_output_dir`]: the folder exists or is made, a probe file can be created |
//! | each file | written to a temporary file made with `O_CREAT \| O_EXCL` (the `tempfile` crate) in the output folder, named `.<file>.kgx-<pid>-<random>.tmp` |
//! | all written | files named in `obsolete` (renderings of the previous DOT) are removed, then every temporary is renamed over its destination |
//! | a write fails | every temporary is removed; the previous exports are untouched |
//! | next run | [`clean_stale_temps`] removes temporaries of kgx's own pattern whose process is gone (also `<file>.tmp<pid>` of kgx before 0.2) |
//!
//! Exclusive creation with a random name means a file or symbolic link
//! planted in the output folder is never opened or followed: the temporary is
//! always a new file. Temporaries get the mode `0666` minus the umask, like
//! any file the user creates, so the exports keep their usual permissions.

use std::ffi::OsStr;
use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use super::Exporter;
use crate::error::{Error, ErrorKind, Location};
use crate::graph::KnowledgeGraph;

/// The end of every temporary file name kgx makes.
const TEMP_SUFFIX: &str = ".tmp";
/// The marker before the process id in a temporary file name.
const TEMP_MARK: &str = ".kgx-";

/// A new, exclusively created temporary file in `dir` for the destination
/// file name `dest_name`: `.<dest_name>.kgx-<pid>-<random>.tmp`.
pub fn temp_file_in(dir: &Path, dest_name: &OsStr) -> io::Result<NamedTempFile> {
    let mut prefix = std::ffi::OsString::from(".");
    prefix.push(dest_name);
    prefix.push(format!("{TEMP_MARK}{}-", std::process::id()));
    let mut b = tempfile::Builder::new();
    b.prefix(&prefix).suffix(TEMP_SUFFIX).rand_bytes(6);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        b.permissions(fs::Permissions::from_mode(0o666));
    }
    // A folder given as "" is the current one.
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    b.tempfile_in(dir)
}

/// The process id in a temporary file name of kgx's own pattern, or `None`
/// when the name is not one of kgx's temporaries. `known` holds the
/// destination names of this run, whose `<name>.tmp<pid>` temporaries
/// earlier versions of kgx made.
fn temp_owner(file_name: &str, known: &[String]) -> Option<u32> {
    if let Some(stem) = file_name
        .strip_prefix('.')
        .and_then(|s| s.strip_suffix(TEMP_SUFFIX))
    {
        let (_, tail) = stem.rsplit_once(TEMP_MARK)?;
        let (pid, random) = tail.split_once('-')?;
        let pid_ok = !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit());
        let random_ok = random.len() == 6 && random.bytes().all(|b| b.is_ascii_alphanumeric());
        return if pid_ok && random_ok {
            pid.parse().ok()
        } else {
            None
        };
    }
    known.iter().find_map(|k| {
        let pid = file_name.strip_prefix(k.as_str())?.strip_prefix(".tmp")?;
        if !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()) {
            pid.parse().ok()
        } else {
            None
        }
    })
}

/// Whether the process `pid` may still be running (and writing its
/// temporary). Where there is no `/proc`, every process counts as running.
fn process_alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    let proc = Path::new("/proc");
    !proc.join("self").exists() || proc.join(pid.to_string()).exists()
}

/// Remove the temporary files of kgx runs that were killed before they could
/// clean up: files in `dir` of kgx's pattern (see the module docs) whose
/// process is gone, and `<known>.tmp<pid>` files of earlier kgx versions for
/// the destination names in `known`. Only regular files are removed; returns
/// the paths removed. Errors are ignored: this is housekeeping.
pub fn clean_stale_temps(dir: &Path, known: &[String]) -> Vec<PathBuf> {
    let mut removed = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else {
        return removed;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let Some(pid) = temp_owner(name, known) else {
            continue;
        };
        if process_alive(pid) {
            continue;
        }
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        if is_file && fs::remove_file(entry.path()).is_ok() {
            removed.push(entry.path());
        }
    }
    removed
}

/// Check that `dir` exists or can be created and that a file can be written
/// there (a probe file is created exclusively and deleted). Call before any
/// work starts.
pub fn check_output_dir(dir: &Path) -> crate::Result<()> {
    if dir.exists() && !dir.is_dir() {
        return Err(Error::new(
            ErrorKind::Output,
            "not a directory (give a folder for the exports)",
        )
        .at(Location::file(dir)));
    }
    fs::create_dir_all(dir)
        .map_err(|e| Error::io(ErrorKind::Output, "create output directory", dir, &e))?;
    let probe = temp_file_in(dir, OsStr::new("probe"))
        .map_err(|e| Error::io(ErrorKind::Output, "write in output directory", dir, &e))?;
    let path = probe.path().to_path_buf();
    probe
        .close()
        .map_err(|e| Error::io(ErrorKind::Output, "remove probe file", &path, &e))?;
    Ok(())
}

/// One file to write: its destination and the exporter that writes it.
pub struct FileJob {
    /// Where the file goes.
    pub dest: PathBuf,
    /// What writes it.
    pub exporter: Box<dyn Exporter>,
}

/// Write every job's file to an exclusive temporary in its destination's
/// folder, then, when all are written, remove the `obsolete` files and rename
/// the temporaries into place; returns the destinations in job order.
///
/// If any write fails, every temporary is deleted and nothing is replaced or
/// removed. (A rename failing half-way, which needs a folder changing under
/// us, can leave some files of the new run beside some of the old; the error
/// says which.)
pub fn write_files(
    graph: &KnowledgeGraph,
    jobs: Vec<FileJob>,
    obsolete: &[PathBuf],
) -> crate::Result<Vec<PathBuf>> {
    // A destination that cannot be replaced by a file (a folder of that
    // name) would fail the renames half-way: refuse before writing anything.
    for job in &jobs {
        if fs::symlink_metadata(&job.dest).is_ok_and(|m| m.is_dir()) {
            return Err(Error::new(
                ErrorKind::Output,
                "is a folder, cannot be replaced by the export (remove or rename it)",
            )
            .at(Location::file(&job.dest)));
        }
    }
    let mut temps: Vec<(PathBuf, NamedTempFile)> = Vec::with_capacity(jobs.len());
    for job in jobs {
        // On failure the temporaries made so far are dropped, which deletes them.
        let tmp = write_one(graph, job.exporter.as_ref(), &job.dest)
            .map_err(|e| Error::io(ErrorKind::Output, "write export", &job.dest, &e))?;
        temps.push((job.dest, tmp));
    }
    for old in obsolete {
        if let Err(e) = fs::remove_file(old) {
            if e.kind() != io::ErrorKind::NotFound {
                return Err(Error::io(
                    ErrorKind::Output,
                    "remove the outdated file",
                    old,
                    &e,
                ));
            }
        }
    }
    let mut done: Vec<PathBuf> = Vec::with_capacity(temps.len());
    // On an early return the rest of the temporaries are dropped, which deletes them.
    for (dest, tmp) in temps {
        if let Err(e) = tmp.persist(&dest) {
            let mut err = Error::io(
                ErrorKind::Output,
                "rename export into place",
                &dest,
                &e.error,
            );
            if !done.is_empty() {
                let names: Vec<String> = done.iter().map(|p| p.display().to_string()).collect();
                err = Error::many(vec![
                    err,
                    Error::new(
                        ErrorKind::Output,
                        format!("already replaced by this run: {}", names.join(", ")),
                    ),
                ]);
            }
            return Err(err);
        }
        done.push(dest);
    }
    Ok(done)
}

fn write_one(
    graph: &KnowledgeGraph,
    exporter: &dyn Exporter,
    dest: &Path,
) -> io::Result<NamedTempFile> {
    let dir = dest.parent().unwrap_or(Path::new("."));
    let name = dest.file_name().unwrap_or(OsStr::new("export"));
    let mut tmp = temp_file_in(dir, name)?;
    {
        let mut out = BufWriter::new(tmp.as_file_mut());
        exporter.write(graph, &mut out)?;
        out.flush()?;
    }
    tmp.as_file().sync_all()?;
    Ok(tmp)
}

#[cfg(test)]
mod tests {
    use super::temp_owner;

    #[test]
    fn temp_owner_table() {
        let known = vec!["g.dot".to_string()];
        let cases = [
            (".g.graphml.kgx-123-aB3xY9.tmp", Some(123)),
            (".probe.kgx-7-000000.tmp", Some(7)),
            ("g.dot.tmp4242", Some(4242)),
            // not kgx's
            (".g.graphml.kgx-123-aB3xY.tmp", None),
            (".g.graphml.kgx-12a-aB3xY9.tmp", None),
            ("g.graphml.kgx-123-aB3xY9.tmp", None),
            ("g.graphml.tmp4242", None),
            ("g.dot.tmp", None),
            ("g.dot.tmpx", None),
            ("notes.tmp", None),
            ("g.dot", None),
        ];
        for (name, want) in cases {
            assert_eq!(temp_owner(name, &known), want, "name {name:?}");
        }
    }
}
