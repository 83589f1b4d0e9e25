//! `kgx suggest`: gazetteer entries for the names discovery found across a corpus.
//!
//! Every discovered name becomes one entry, with the type (and subtype) its
//! cue suggests, the surface forms seen as aliases, how often and where it
//! was seen and one short context, most frequent first. A name that is a
//! variant spelling of an entity the gazetteer has ("Lavrentiev" for
//! "Lavrentyev", "Mohammed" for "Mohammad", "X" for "al-X") is suggested as
//! an alias of that entity instead.
//!
//! The TOML output is in the gazetteer's format: the review notes are
//! comments, so a reviewed file loads as it is, appended to a gazetteer or
//! given with `--gazetteer`.
//!
//! ```
//! use kgx::stages::discover::Discoverer;
//! use kgx::gazetteer::Gazetteer;
//! use kgx::pipeline::PipelineBuilder;
//! use kgx::suggest::Suggestions;
//! use kgx::Document;
//! let gaz = Gazetteer::from_toml_str("g.toml", "[[entity]]\ntype = \"Country\"\nname = \"Chile\"\n")?;
//! let pipeline = PipelineBuilder::new(gaz).discover(Discoverer::shipped()).build();
//! let doc = Document::new("d1", "The envoy met spokeswoman Anna Berg in Chile.");
//! let mut s = Suggestions::default();
//! s.add(&doc, &pipeline.extract(&doc).discovered);
//! let entries = s.finish(pipeline.gazetteer());
//! assert_eq!(entries[0].name, "Anna Berg");
//! let toml = kgx::suggest::to_toml(&entries);
//! let more = Gazetteer::from_toml_str("suggested.toml", &toml)?;
//! assert!(more.get("anna-berg").is_some());
//! # Ok::<(), kgx::Error>(())
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use crate::document::Document;
use crate::gazetteer::{EntityType, Gazetteer};
use crate::stages::discover::{Discovery, Form};
use crate::text::normalize_phrase;

/// One suggested gazetteer entry (or alias of a known entity).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    /// The provisional id (slug of the fullest name).
    pub id: String,
    /// The fullest form seen.
    pub name: String,
    /// The guessed type.
    pub entity_type: EntityType,
    /// The guessed subtype, where the cue tells it.
    pub subtype: Option<String>,
    /// Other full forms seen (acronyms, spellings); not surnames alone.
    pub aliases: BTreeSet<String>,
    /// Mentions over all documents.
    pub count: u64,
    /// The documents, sorted.
    pub documents: BTreeSet<String>,
    /// One short piece of text around its first mention.
    pub context: String,
    /// What found it.
    pub cue: String,
    /// A known entity this is a variant spelling of: (id, where it is defined).
    pub alias_of: Option<(String, String)>,
}

/// Discovered names gathered over a corpus.
#[derive(Clone, Debug, Default)]
pub struct Suggestions {
    by_id: BTreeMap<String, Suggestion>,
}

impl Suggestions {
    /// Add what discovery found in one document.
    pub fn add(&mut self, doc: &Document, found: &Discovery) {
        for (i, e) in found.entities.iter().enumerate() {
            let mentions: Vec<_> = found.mentions.iter().filter(|m| m.entity == i).collect();
            let Some(first) = mentions.first() else {
                continue;
            };
            let s = self
                .by_id
                .entry(e.id.clone())
                .or_insert_with(|| Suggestion {
                    id: e.id.clone(),
                    name: e.name.clone(),
                    entity_type: e.entity_type,
                    subtype: e.subtype.map(str::to_owned),
                    aliases: BTreeSet::new(),
                    count: 0,
                    documents: BTreeSet::new(),
                    context: context(&doc.text, first.start, first.end),
                    cue: e.cue.to_owned(),
                    alias_of: None,
                });
            s.count += mentions.len() as u64;
            s.documents.insert(doc.id.clone());
            for m in mentions {
                if m.form == Form::Partial {
                    continue;
                }
                let form = collapse(&doc.text[m.start..m.end]);
                if form != s.name {
                    s.aliases.insert(form);
                }
            }
        }
    }

    /// The suggestions, most frequent first: persons known by a longer name
    /// elsewhere merged into it, variants of known entities marked.
    pub fn finish(self, gaz: &Gazetteer) -> Vec<Suggestion> {
        let mut all: Vec<Suggestion> = self.by_id.into_values().collect();
        // "Berg" (one document) and "Anna Berg" (another) are one person when only one name ends so.
        let mut i = 0;
        while i < all.len() {
            let short = &all[i];
            let longer: Vec<usize> = (0..all.len())
                .filter(|&j| {
                    j != i
                        && all[j].entity_type == EntityType::Person
                        && short.entity_type == EntityType::Person
                        && all[j].name.ends_with(&format!(" {}", short.name))
                })
                .collect();
            if let [j] = longer[..] {
                let s = all.remove(i);
                let j = if j > i { j - 1 } else { j };
                let l = &mut all[j];
                l.count += s.count;
                l.documents.extend(s.documents);
                continue;
            }
            i += 1;
        }
        // Aliases must not repeat the name, nor be claimed by a known entity.
        for s in &mut all {
            let name = s.name.clone();
            s.aliases
                .retain(|a| !a.eq_ignore_ascii_case(&name) && a.chars().count() > 2);
            s.alias_of = variant_of(gaz, s);
        }
        all.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
        all
    }
}

/// The known entity `s` is a variant spelling of, if any: same type, and
/// every word the same once "al-" is set aside and a vowel or doubled letter
/// is forgiven.
fn variant_of(gaz: &Gazetteer, s: &Suggestion) -> Option<(String, String)> {
    let mine = words(&s.name);
    if mine.is_empty() {
        return None;
    }
    for (_, e) in gaz.iter() {
        if e.entity_type != s.entity_type {
            continue;
        }
        for form in std::iter::once(&e.name).chain(&e.aliases) {
            let theirs = words(form);
            // "X" for "al-X" is the same words once the article goes.
            if theirs.len() == mine.len() && mine.iter().zip(&theirs).all(|(a, b)| near(a, b)) {
                return Some((e.id.clone(), e.source.to_string()));
            }
        }
    }
    None
}

/// The words of a name, normalised, each without an "al-" article.
fn words(name: &str) -> Vec<String> {
    normalize_phrase(name)
        .split([' ', '-'])
        .filter(|w| !w.is_empty() && !matches!(*w, "al" | "el"))
        .map(str::to_owned)
        .collect()
}

/// Two spellings of one word: equal, or (both of five letters or more, the
/// same first letter) one edit apart.
fn near(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len() < 5 || b.len() < 5 || a[0] != b[0] {
        return false;
    }
    edit_distance(&a, &b) <= 1
}

/// Levenshtein distance.
fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// About 60 bytes of text either side of a span, on char boundaries, one line.
fn context(text: &str, start: usize, end: usize) -> String {
    let mut a = start.saturating_sub(60);
    while !text.is_char_boundary(a) {
        a -= 1;
    }
    let mut b = (end + 60).min(text.len());
    while !text.is_char_boundary(b) {
        b += 1;
    }
    let mut s = collapse(&text[a..b]);
    if a > 0 {
        s.insert_str(0, "...");
    }
    if b < text.len() {
        s.push_str("...");
    }
    s
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A TOML basic string.
fn toml_str(s: &str) -> String {
    toml::Value::String(s.to_owned()).to_string()
}

/// The suggestions as gazetteer TOML: review notes as comments, entries that load as they are.
pub fn to_toml(all: &[Suggestion]) -> String {
    let mut out = String::new();
    let new = all.iter().filter(|s| s.alias_of.is_none()).count();
    let _ = writeln!(
        out,
        "# kgx suggest: {new} new entities and {} aliases of known ones, most frequent first.\n\
         # Review each entry (type, subtype, name, aliases) before adding this file to a gazetteer.",
        all.len() - new
    );
    for s in all {
        let docs: Vec<&str> = s.documents.iter().map(String::as_str).collect();
        let _ = writeln!(
            out,
            "\n# {} mention(s) in {} ({}); cue: {}\n# {}",
            s.count,
            docs.join(", "),
            if docs.len() == 1 {
                "1 document".to_owned()
            } else {
                format!("{} documents", docs.len())
            },
            s.cue,
            s.context.replace('\n', " ")
        );
        if let Some((id, at)) = &s.alias_of {
            let _ = writeln!(
                out,
                "# a variant of the known entity \"{id}\" ({at}): add {} to its aliases",
                toml_str(&s.name)
            );
            continue;
        }
        let _ = writeln!(out, "[[entity]]\ntype = \"{}\"", s.entity_type);
        if let Some(sub) = &s.subtype {
            let _ = writeln!(out, "subtype = {}", toml_str(sub));
        }
        let _ = writeln!(out, "name = {}", toml_str(&s.name));
        if !s.aliases.is_empty() {
            let aliases: Vec<String> = s.aliases.iter().map(|a| toml_str(a)).collect();
            let _ = writeln!(out, "aliases = [{}]", aliases.join(", "));
        }
    }
    out
}

/// The suggestions as JSON lines, one object each: `id`, `type`, `subtype`,
/// `name`, `aliases`, `count`, `documents`, `context`, `cue`, and `alias_of`
/// (the known entity's id) for a variant spelling.
pub fn to_jsonl(all: &[Suggestion]) -> String {
    let mut out = String::new();
    for s in all {
        let line = serde_json::json!({
            "id": s.id,
            "type": s.entity_type.as_str(),
            "subtype": s.subtype,
            "name": s.name,
            "aliases": s.aliases,
            "count": s.count,
            "documents": s.documents,
            "context": s.context,
            "cue": s.cue,
            "alias_of": s.alias_of.as_ref().map(|(id, _)| id),
        });
        let _ = writeln!(out, "{line}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variant_spellings() {
        let cases = [
            ("Lavrentiev", "Lavrentyev", true),
            ("Mohammed Alloush", "Mohammad Alloush", true),
            ("Anna Berg", "Anna Borg", false), // four letters: not forgiven
            ("Jabhat Nusra", "Jabhat al-Nusra", true),
            ("Petersen", "Pedersen", true),
            ("Hassan", "Hussein", false),
        ];
        for (a, b, want) in cases {
            let (wa, wb) = (words(a), words(b));
            let got = wa.len() == wb.len() && wa.iter().zip(&wb).all(|(x, y)| near(x, y));
            assert_eq!(got, want, "{a} / {b}");
        }
    }
}
