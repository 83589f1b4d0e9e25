//! CoNLL-U reading and writing (<https://universaldependencies.org/format.html>).
//!
//! The reader keeps what training and evaluation need: the basic tree over the
//! syntactic words (ID, FORM, UPOS, XPOS, HEAD, DEPREL) and the sentence's
//! comments. Multi-word token lines (`1-2`) and empty nodes (`8.1`) are
//! skipped: their words are listed on their own lines. A malformed line is an
//! error naming the file and the line; every such error is reported at once.
//!
//! ```
//! use kgx::syntax::conllu;
//! let text = "# text = It works.\n1\tIt\tit\tPRON\tPRP\t_\t2\tnsubj\t_\t_\n\
//!             2\tworks\twork\tVERB\tVBZ\t_\t0\troot\t_\tSpaceAfter=No\n\
//!             3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n";
//! let sentences = conllu::parse_str("example.conllu", text)?;
//! assert_eq!(sentences[0].words[1].head, 0);
//! assert_eq!(sentences[0].words[0].deprel, "nsubj");
//! # Ok::<(), kgx::Error>(())
//! ```

use std::fmt::Write as _;
use std::path::Path;

use crate::error::{Error, ErrorKind, Location};

/// One syntactic word of a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    /// The word form as written.
    pub form: String,
    /// Universal part-of-speech tag.
    pub upos: String,
    /// Language-specific (Penn) tag.
    pub xpos: String,
    /// 1-based index of the head word; 0 for the root.
    pub head: usize,
    /// Universal dependency relation with its subtype (`nsubj:pass`).
    pub deprel: String,
}

/// One sentence: its comment lines (without `# `) and its words.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sentence {
    /// Comment lines in order, without the leading `#` and one space.
    pub comments: Vec<String>,
    /// The syntactic words, in order.
    pub words: Vec<Word>,
}

impl Sentence {
    /// The word forms.
    pub fn forms(&self) -> Vec<&str> {
        self.words.iter().map(|w| w.form.as_str()).collect()
    }
}

/// Read a CoNLL-U file.
pub fn read(path: impl AsRef<Path>) -> crate::Result<Vec<Sentence>> {
    let path = path.as_ref();
    let text =
        std::fs::read_to_string(path).map_err(|e| Error::io(ErrorKind::Gold, "read", path, &e))?;
    parse_str(path, &text)
}

/// Parse CoNLL-U text; `path` names the source in errors.
pub fn parse_str(path: impl AsRef<Path>, text: &str) -> crate::Result<Vec<Sentence>> {
    let path = path.as_ref();
    let mut sentences = Vec::new();
    let mut errors = Vec::new();
    let mut current = Sentence::default();
    let mut start_line = 1;
    for (i, line) in text.lines().enumerate() {
        let lineno = i + 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            if !current.words.is_empty() {
                if let Err(e) = check_tree(&current) {
                    errors
                        .push(Error::new(ErrorKind::Gold, e).at(Location::line(path, start_line)));
                }
                sentences.push(std::mem::take(&mut current));
            } else {
                current.comments.clear();
            }
            start_line = lineno + 1;
            continue;
        }
        if let Some(comment) = line.strip_prefix('#') {
            current
                .comments
                .push(comment.strip_prefix(' ').unwrap_or(comment).to_string());
            continue;
        }
        match parse_word_line(line, current.words.len() + 1) {
            Ok(Some(word)) => current.words.push(word),
            Ok(None) => {}
            Err(msg) => {
                errors.push(Error::new(ErrorKind::Gold, msg).at(Location::line(path, lineno)))
            }
        }
    }
    if !current.words.is_empty() {
        if let Err(e) = check_tree(&current) {
            errors.push(Error::new(ErrorKind::Gold, e).at(Location::line(path, start_line)));
        }
        sentences.push(current);
    }
    if errors.is_empty() {
        Ok(sentences)
    } else {
        Err(Error::many(errors))
    }
}

/// One word line; `None` for multi-word token ranges and empty nodes.
fn parse_word_line(line: &str, expected_id: usize) -> Result<Option<Word>, String> {
    let cols: Vec<&str> = line.split('\t').collect();
    if cols.len() != 10 {
        return Err(format!(
            "expected 10 tab-separated columns, found {} (is the file CoNLL-U?)",
            cols.len()
        ));
    }
    let id = cols[0];
    if id.contains('-') || id.contains('.') {
        return Ok(None);
    }
    let id: usize = id
        .parse()
        .map_err(|_| format!("ID \"{id}\" is not a number"))?;
    if id != expected_id {
        return Err(format!("ID {id} out of order (expected {expected_id})"));
    }
    let head: usize = cols[6]
        .parse()
        .map_err(|_| format!("HEAD \"{}\" of word {id} is not a number", cols[6]))?;
    Ok(Some(Word {
        form: cols[1].to_string(),
        upos: cols[3].to_string(),
        xpos: cols[4].to_string(),
        head,
        deprel: cols[7].to_string(),
    }))
}

/// Heads in range, exactly one root, no cycles.
fn check_tree(s: &Sentence) -> Result<(), String> {
    let n = s.words.len();
    let mut roots = 0;
    for (i, w) in s.words.iter().enumerate() {
        if w.head > n {
            return Err(format!(
                "sentence: HEAD {} of word {} is beyond its {n} words",
                w.head,
                i + 1
            ));
        }
        if w.head == 0 {
            roots += 1;
        }
    }
    if roots != 1 {
        return Err(format!(
            "sentence: {roots} words have HEAD 0 (expected exactly one)"
        ));
    }
    for start in 0..n {
        let mut at = start + 1;
        for _ in 0..=n {
            at = s.words[at - 1].head;
            if at == 0 {
                break;
            }
        }
        if at != 0 {
            return Err(format!(
                "sentence: word {} is on a cycle of heads",
                start + 1
            ));
        }
    }
    Ok(())
}

/// CoNLL-U's rule for a field: never empty, no tabs or line breaks.
pub fn field(s: &str) -> String {
    if s.is_empty() {
        return "_".to_string();
    }
    s.chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => ' ',
            c => c,
        })
        .collect()
}

/// Write one sentence in CoNLL-U, LEMMA and FEATS and DEPS left empty (`_`);
/// `misc[i]` is word i's MISC column (or `_`).
pub fn write_sentence(out: &mut String, comments: &[String], words: &[Word], misc: &[String]) {
    for c in comments {
        let _ = writeln!(out, "# {}", c.replace(['\n', '\r'], " "));
    }
    for (i, w) in words.iter().enumerate() {
        let m = misc.get(i).map(String::as_str).unwrap_or("_");
        let _ = writeln!(
            out,
            "{}\t{}\t_\t{}\t{}\t_\t{}\t{}\t_\t{}",
            i + 1,
            field(&w.form),
            field(&w.upos),
            field(&w.xpos),
            w.head,
            field(&w.deprel),
            field(m)
        );
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let text = "# sent_id = a\n# text = A b.\n1-2\tAb\t_\t_\t_\t_\t_\t_\t_\t_\n1\tA\ta\tDET\tDT\t_\t2\tdet\t_\t_\n2\tb\tb\tNOUN\tNN\t_\t0\troot\t_\t_\n\n";
        let s = parse_str("t", text).unwrap();
        assert_eq!(s.len(), 1);
        let mut out = String::new();
        write_sentence(&mut out, &s[0].comments, &s[0].words, &[]);
        let back = parse_str("t", &out).unwrap();
        assert_eq!(back, s);
    }

    #[test]
    fn errors_name_the_line() {
        let cases = [
            ("1\tA\n\n", "t:1: expected 10"),
            ("1\tA\ta\tDET\tDT\t_\tx\tdet\t_\t_\n\n", "t:1: HEAD \"x\""),
            ("1\tA\ta\tDET\tDT\t_\t0\troot\t_\t_\n2\tB\tb\tX\tX\t_\t0\troot\t_\t_\n\n", "t:1: sentence: 2 words"),
            ("1\tA\ta\tDET\tDT\t_\t2\tdet\t_\t_\n2\tB\tb\tX\tX\t_\t1\tdep\t_\t_\n3\tC\tc\tX\tX\t_\t0\troot\t_\t_\n\n", "cycle"),
        ];
        for (input, want) in cases {
            let err = parse_str("t", input).unwrap_err().to_string();
            assert!(
                err.contains(want),
                "input {input:?}: got {err:?}, want {want:?}"
            );
        }
    }
}

/// Write a document's parsed sentences as CoNLL-U: `# newdoc id`, then per
/// sentence `# sent_id` (`<doc id>-<n>`, n from 1) and `# text` (line breaks
/// made spaces), then one line per word: FORM is the token's original text,
/// XPOS and LEMMA and FEATS are left empty, MISC holds the token's byte span
/// in the document (`TokenRange=start:end`) and `SpaceAfter=No` where the
/// next token follows at once. Sentences without a parse are left out.
pub fn write_analysis(out: &mut String, doc: &crate::Document, a: &crate::analysis::Analysis) {
    let _ = writeln!(out, "# newdoc id = {}", doc.id.replace(['\n', '\r'], " "));
    for s in 0..a.sentences.len() {
        let Some(Some(parse)) = a.syntax.get(s) else {
            continue;
        };
        let range = a.tokens.sentence(s);
        if range.is_empty() {
            continue;
        }
        let spans: Vec<std::ops::Range<usize>> =
            range.map(|i| a.tokens.as_slice()[i].span.range()).collect();
        let text = doc
            .text
            .get(spans[0].start..spans[spans.len() - 1].end)
            .unwrap_or("");
        let one_line: String = text
            .chars()
            .map(|c| {
                if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') {
                    ' '
                } else {
                    c
                }
            })
            .collect();
        let _ = writeln!(
            out,
            "# sent_id = {}-{}",
            doc.id.replace(['\n', '\r'], " "),
            s + 1
        );
        let _ = writeln!(out, "# text = {one_line}");
        for (i, span) in spans.iter().enumerate() {
            let form = doc.text.get(span.clone()).unwrap_or("_");
            let mut misc = String::new();
            if spans.get(i + 1).is_some_and(|n| n.start == span.end) {
                misc.push_str("SpaceAfter=No|");
            }
            let _ = write!(misc, "TokenRange={}:{}", span.start, span.end);
            let head = parse
                .heads
                .get(i)
                .copied()
                .flatten()
                .map_or(0, |h| h as usize + 1);
            let upos = parse.upos.get(i).map_or("X", String::as_str);
            let label = parse.labels.get(i).map_or("dep", String::as_str);
            let _ = writeln!(
                out,
                "{}\t{}\t_\t{}\t_\t_\t{}\t{}\t_\t{}",
                i + 1,
                field(form),
                upos,
                head,
                field(label),
                misc
            );
        }
        out.push('\n');
    }
}
