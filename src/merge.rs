//! The library half of `kgx merge`: read partial-graph lines (what
//! `kgx extract --emit partial` writes, one JSON object per line), check
//! their ids and relation names, and fold them into a [`GraphBuilder`].

use std::io::BufRead;
use std::path::Path;

use crate::error::{Error, ErrorKind, Location};
use crate::graph::{GraphBuilder, Partial};
use crate::input::{line_too_long, read_line_bounded, LineRead, MAX_LINE_BYTES};

/// Fold every partial-graph line of `reader` into `builder` (what `kgx
/// merge` does with each input; `path` `-` is shown as `<stdin>`) and return
/// the number of lines folded. The first bad line (not JSON of a partial
/// graph, or an id or relation name that is not kgx's, see
/// [`check_partial`]) is an error with file:line; blank lines are skipped.
pub fn fold_partials(
    reader: impl BufRead,
    path: &Path,
    builder: &mut GraphBuilder,
) -> crate::Result<usize> {
    let shown = if path.as_os_str() == "-" {
        Path::new("<stdin>")
    } else {
        path
    };
    let mut n = 0;
    let mut reader = reader;
    let mut buf = Vec::new();
    for i in 0.. {
        let read = read_line_bounded(&mut reader, &mut buf, MAX_LINE_BYTES)
            .map_err(|e| Error::io(ErrorKind::Input, "read partial graph", shown, &e))?;
        match read {
            LineRead::End => break,
            LineRead::TooLong(length) => {
                return Err(line_too_long("partial-graph line", length, shown, i + 1))
            }
            LineRead::Line => {}
        }
        let line = std::str::from_utf8(&buf).map_err(|e| {
            Error::new(
                ErrorKind::Input,
                format!("not UTF-8 text (byte {} of the line)", e.valid_up_to() + 1),
            )
            .at(Location::line(shown, i + 1))
        })?;
        if line.trim().is_empty() {
            continue;
        }
        let partial: Partial = serde_json::from_str(line)
            .map_err(|e| format!("not a partial graph line: {e}"))
            .and_then(|p| check_partial(&p).map(|()| p))
            .map_err(|m| Error::new(ErrorKind::Input, m).at(Location::line(shown, i + 1)))?;
        builder.add_partial(partial);
        n += 1;
    }
    Ok(n)
}

/// Check the ids and relation names of a partial graph: node ids are slugs
/// (as the gazetteer makes them: valid XML name tokens for the GraphML XSD,
/// and ids igraph reads), relation names are what a rules file may declare
/// (ASCII letters, digits, `_` and `-`).
pub fn check_partial(p: &Partial) -> Result<(), String> {
    let id = |what: &str, id: &str| {
        if crate::gazetteer::is_slug(id) {
            Ok(())
        } else {
            Err(format!(
                "{what} \"{}\" is not a kgx id (lower-case ASCII letters and digits joined by '-', as `kgx extract` writes them)",
                id.escape_debug()
            ))
        }
    };
    for n in &p.nodes {
        id("node id", &n.id)?;
    }
    for e in &p.edges {
        id("edge subject", &e.subject)?;
        id("edge object", &e.object)?;
        let ok = !e.relation.is_empty()
            && e.relation
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if !ok {
            return Err(format!(
                "relation \"{}\" is not a relation name (ASCII letters, digits, '_' and '-')",
                e.relation.escape_debug()
            ));
        }
    }
    Ok(())
}
