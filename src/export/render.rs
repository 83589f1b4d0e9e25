//! Rendering a DOT export to pictures with Graphviz, when it is installed.
//!
//! Rendering is a convenience on top of the data exports: it never changes a
//! run's exit status and never leaves a picture of an older graph beside new
//! data (the caller removes the previous pictures when it replaces the DOT,
//! see [`super::write_exports_replacing`]). What happens, by graph size:
//!
//! | graph | layout | why |
//! | --- | --- | --- |
//! | at most [`DOT_MAX_NODES`] nodes and [`DOT_MAX_EDGES`] edges | `dot` (layered, edge labels placed) | readable; `dot` is super-linear and took 30 s for 200 nodes and 400 edges here |
//! | at most [`SFDP_MAX_ELEMENTS`] nodes plus edges | `dot -Ksfdp -Goverlap=prism` (force-directed, overlaps removed) | 3 s for 1,000 nodes and 2,000 edges, 33 s for 5,000 and 10,000 |
//! | larger | not rendered; a note says so and points to Gephi | no Graphviz layout finishes in reasonable time |
//!
//! Each picture is written by Graphviz to the standard output, into an
//! exclusively created temporary file (see [`super::files`]) that is renamed
//! into place when Graphviz exits 0. A run that takes longer than the time
//! limit (`--render-timeout`, default [`DEFAULT_TIMEOUT`]) is killed and
//! reported. What Graphviz prints on stderr while exiting 0 (such as "graph
//! is too large for cairo-renderer bitmaps. Scaling by 0.5 to fit") is passed
//! on as a warning and the picture is kept; a failure is a warning and leaves
//! no picture.

use std::ffi::OsStr;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::files::temp_file_in;
use crate::error::{Error, ErrorKind};

/// The largest node count laid out with `dot`.
pub const DOT_MAX_NODES: usize = 500;
/// The largest edge count laid out with `dot`.
pub const DOT_MAX_EDGES: usize = 200;
/// The largest node plus edge count laid out at all (with `sfdp`).
pub const SFDP_MAX_ELEMENTS: usize = 20_000;
/// The default time limit of one Graphviz run.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
/// The pictures `kgx extract` makes of its DOT export.
pub const PICTURE_FORMATS: [&str; 2] = ["svg", "png"];
/// At most this much of Graphviz's stderr is kept for a message.
const MAX_STDERR: u64 = 4096;

/// A Graphviz layout engine.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// Layered drawing (`dot`).
    Dot,
    /// Force-directed drawing for large graphs, overlaps removed (`sfdp`).
    Sfdp,
}

impl Layout {
    /// The layout for a graph of this size, or `None` when no Graphviz
    /// layout can finish in reasonable time (see the module table).
    pub fn for_size(nodes: usize, edges: usize) -> Option<Layout> {
        if nodes <= DOT_MAX_NODES && edges <= DOT_MAX_EDGES {
            Some(Layout::Dot)
        } else if nodes.saturating_add(edges) <= SFDP_MAX_ELEMENTS {
            Some(Layout::Sfdp)
        } else {
            None
        }
    }

    /// The name used in messages.
    pub fn name(self) -> &'static str {
        match self {
            Layout::Dot => "dot",
            Layout::Sfdp => "sfdp",
        }
    }

    fn args(self) -> &'static [&'static str] {
        match self {
            Layout::Dot => &[],
            Layout::Sfdp => &["-Ksfdp", "-Goverlap=prism"],
        }
    }
}

/// How to render.
#[derive(Clone, Copy, Debug)]
pub struct RenderOptions {
    /// Time limit of each Graphviz run.
    pub timeout: Duration,
    /// Node count of the graph (chooses the layout).
    pub nodes: usize,
    /// Edge count of the graph (chooses the layout).
    pub edges: usize,
}

/// What a rendering did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rendered {
    /// The pictures written.
    pub written: Vec<PathBuf>,
    /// Notes for the user (Graphviz missing, graph too large), shown unless quiet.
    pub notes: Vec<String>,
    /// Problems: a Graphviz warning, failure or time-out. Always shown; they
    /// do not change the exit status.
    pub warnings: Vec<String>,
}

/// The `dot` program on `PATH`, if any.
pub fn find_dot() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join("dot"))
        .find(|p| p.is_file())
}

/// Check picture format names (`svg`, `png`, `pdf`, `svg:cairo`): letters,
/// digits and `:` only, so that none can be taken for another option.
pub fn check_formats(formats: &[&str]) -> crate::Result<()> {
    for f in formats {
        if f.is_empty() || !f.chars().all(|c| c.is_ascii_alphanumeric() || c == ':') {
            return Err(Error::new(
                ErrorKind::Usage,
                format!("bad Graphviz output format \"{f}\" (expected a name such as svg or png)"),
            ));
        }
    }
    Ok(())
}

/// Render `dot_path` to `<dot_path without extension>.<format>` for each
/// format, saying what it does through `say`. Only bad format names are an
/// error; everything else is reported in the [`Rendered`] notes and warnings.
pub fn render_with_graphviz(
    dot_path: &Path,
    formats: &[&str],
    opts: &RenderOptions,
    say: &mut dyn FnMut(&str),
) -> crate::Result<Rendered> {
    check_formats(formats)?;
    let mut done = Rendered::default();
    let Some(dot) = find_dot() else {
        done.notes.push(
            "graphviz `dot` not found: no SVG/PNG rendering (apt-get install graphviz)".into(),
        );
        return Ok(done);
    };
    let Some(layout) = Layout::for_size(opts.nodes, opts.edges) else {
        done.notes.push(format!(
            "not rendering {}: {} nodes and {} edges are more than Graphviz lays out in reasonable time \
             (at most {SFDP_MAX_ELEMENTS} nodes plus edges); open the GEXF or GraphML export in Gephi",
            dot_path.display(),
            opts.nodes,
            opts.edges
        ));
        return Ok(done);
    };
    // A relative path starting with `-` must not be read as an option.
    let input = if dot_path.is_relative() {
        Path::new(".").join(dot_path)
    } else {
        dot_path.to_path_buf()
    };
    for (i, f) in formats.iter().enumerate() {
        let dest = dot_path.with_extension(f);
        say(&format!(
            "rendering {} with {} ({} nodes, {} edges; time limit {} s, --render-timeout)",
            dest.display(),
            layout.name(),
            opts.nodes,
            opts.edges,
            opts.timeout.as_secs()
        ));
        match run_graphviz(&dot, layout, f, &input, &dest, opts.timeout) {
            Ok(Outcome::Done { stderr }) => {
                if !stderr.is_empty() {
                    done.warnings.push(format!(
                        "{} -T{f} printed a warning (the picture is kept): {stderr}",
                        layout.name()
                    ));
                }
                done.written.push(dest);
            }
            Ok(Outcome::Failed { code, stderr }) => done.warnings.push(format!(
                "{} -T{f} failed (exit {code}), no {} written: {stderr}",
                layout.name(),
                dest.display()
            )),
            Ok(Outcome::TimedOut) => {
                let rest: Vec<&str> = formats[i..].to_vec();
                done.warnings.push(format!(
                    "{} -T{f} did not finish in {} s and was stopped: no {} written \
                     (raise --render-timeout, or open the GEXF or GraphML export in Gephi)",
                    layout.name(),
                    opts.timeout.as_secs(),
                    rest.join(" or ")
                ));
                break;
            }
            Err(e) => done.warnings.push(format!(
                "cannot render {}: {}",
                dest.display(),
                crate::error::io_reason(&e)
            )),
        }
    }
    Ok(done)
}

enum Outcome {
    Done { stderr: String },
    Failed { code: String, stderr: String },
    TimedOut,
}

/// One Graphviz run into a temporary file renamed to `dest` on success.
fn run_graphviz(
    dot: &Path,
    layout: Layout,
    format: &str,
    input: &Path,
    dest: &Path,
    timeout: Duration,
) -> io::Result<Outcome> {
    let dir = dest.parent().unwrap_or(Path::new("."));
    let tmp = temp_file_in(dir, dest.file_name().unwrap_or(OsStr::new("picture")))?;
    let mut child = Command::new(dot)
        .args(layout.args())
        .arg(format!("-T{format}"))
        .arg(input)
        .stdin(Stdio::null())
        .stdout(Stdio::from(tmp.as_file().try_clone()?))
        .stderr(Stdio::piped())
        .spawn()?;
    let mut pipe = child.stderr.take().expect("stderr is piped");
    let reader = std::thread::spawn(move || {
        let mut kept = Vec::new();
        let _ = (&mut pipe).take(MAX_STDERR).read_to_end(&mut kept);
        let _ = io::copy(&mut pipe, &mut io::sink());
        kept
    });
    let deadline = Instant::now() + timeout;
    let mut pause = Duration::from_millis(5);
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break Some(status);
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(100));
    };
    let Some(status) = status else {
        // Not joined: a process Graphviz started may hold the pipe open; the
        // reader ends with it.
        drop(reader);
        return Ok(Outcome::TimedOut);
    };
    let stderr = reader.join().unwrap_or_default();
    let stderr = String::from_utf8_lossy(&stderr).trim().to_string();
    if !status.success() {
        let code = status
            .code()
            .map_or("signal".to_string(), |c| c.to_string());
        return Ok(Outcome::Failed { code, stderr });
    }
    tmp.as_file().sync_all()?;
    tmp.persist(dest).map_err(|e| e.error)?;
    Ok(Outcome::Done { stderr })
}
