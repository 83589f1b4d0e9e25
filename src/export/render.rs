//! Rendering a DOT export with Graphviz's `dot`, when it is installed.
//!
//! [`render_with_graphviz`] runs `dot -T<format>` once per output format,
//! each into a temporary file beside the DOT file, and renames them into
//! place only when every run exited 0 **and printed nothing on stderr**
//! (Graphviz reports syntax errors, a Latin-1 fallback for bad UTF-8 and
//! other problems as warnings there while still exiting 0). Without `dot` on
//! `PATH` it returns `Ok(None)` and the caller can say so.

use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::error::{Error, ErrorKind, Location};

/// The `dot` program on `PATH`, if any.
pub fn find_dot() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join("dot"))
        .find(|p| p.is_file())
}

/// Render `dot_path` to `<dot_path without extension>.<format>` for each
/// format (`"svg"`, `"png"`, `"pdf"`, ...). Returns the files written, or
/// `None` when `dot` is not installed.
pub fn render_with_graphviz(
    dot_path: &Path,
    formats: &[&str],
) -> crate::Result<Option<Vec<PathBuf>>> {
    for f in formats {
        if f.is_empty() || !f.chars().all(|c| c.is_ascii_alphanumeric() || c == ':') {
            return Err(Error::new(
                ErrorKind::Usage,
                format!("bad Graphviz output format \"{f}\" (expected a name such as svg or png)"),
            ));
        }
    }
    let Some(dot) = find_dot() else {
        return Ok(None);
    };
    let mut jobs = Vec::new();
    for f in formats {
        let dest = dot_path.with_extension(f);
        let mut tmp_name = OsString::from(dest.file_name().unwrap_or_default());
        tmp_name.push(format!(".tmp{}", std::process::id()));
        jobs.push((dest.clone(), dest.with_file_name(tmp_name), *f));
    }
    let cleanup = |jobs: &[(PathBuf, PathBuf, &str)]| {
        for (_, tmp, _) in jobs {
            let _ = fs::remove_file(tmp);
        }
    };
    for (dest, tmp, f) in &jobs {
        let output = Command::new(&dot)
            .arg(format!("-T{f}"))
            .arg("-o")
            .arg(tmp)
            .arg(dot_path)
            .output();
        let output = match output {
            Ok(o) => o,
            Err(e) => {
                cleanup(&jobs);
                return Err(Error::io(ErrorKind::Output, "run dot", &dot, &e));
            }
        };
        if !output.status.success() || !output.stderr.is_empty() {
            cleanup(&jobs);
            let stderr = String::from_utf8_lossy(&output.stderr);
            let msg = format!(
                "dot -T{f} {} (exit {}): {}",
                if output.status.success() {
                    "printed a warning"
                } else {
                    "failed"
                },
                output
                    .status
                    .code()
                    .map_or("signal".to_string(), |c| c.to_string()),
                stderr.trim()
            );
            return Err(Error::new(ErrorKind::Output, msg).at(Location::file(dest)));
        }
    }
    let mut done = Vec::new();
    for (i, (dest, tmp, _)) in jobs.iter().enumerate() {
        if let Err(e) = fs::rename(tmp, dest) {
            cleanup(&jobs[i..]);
            return Err(Error::io(
                ErrorKind::Output,
                "rename rendering into place",
                dest,
                &e,
            ));
        }
        done.push(dest.clone());
    }
    Ok(Some(done))
}
