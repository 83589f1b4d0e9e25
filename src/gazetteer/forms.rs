//! Every surface form of an entity, produced in one place: the tagger
//! compiles them, `kgx gazetteer check` compares them, the relation layer
//! indexes the place and actor names among them.
//!
//! | form | kind | listed in the entry |
//! |---|---|---|
//! | `name` | [`Name`](MentionKind::Name) | yes |
//! | each of `aliases` | [`Alias`](MentionKind::Alias) | yes |
//! | each of `demonyms`, and its plural ("Russians") | [`Demonym`](MentionKind::Demonym) | the demonym, not the plural |
//! | each of `metonyms`; the name and aliases of a country's `capital` | [`Metonym`](MentionKind::Metonym) | the metonyms |
//! | each of `references`, from its head noun ("the talks" → "talks") | [`Reference`](MentionKind::Reference) | no |
//! | a person's surname, with and without particles ("de Mistura", "Mistura") | [`Partial`](MentionKind::Partial) | no |
//! | a place's name without its region head ("Norland province" → "Norland"; heads in `lexicon/region-heads.txt`) | [`Partial`](MentionKind::Partial) | no |
//! | each of `titles` (matched in a pass of their own) | [`Title`](MentionKind::Title) | yes |
//!
//! Two forms are the same where their [`key`]s are: the normalised text with
//! hyphens read as spaces, so "al-Assad" and "al Assad" are one form.
//!
//! ```
//! use kgx::gazetteer::{forms, Gazetteer};
//! let gaz = Gazetteer::from_toml_str("g.toml", r#"
//! [[entity]]
//! type = "Person"
//! name = "Bashar al-Assad"
//! [[entity]]
//! type = "Person"
//! name = "Rifaat al Assad"
//! "#).unwrap();
//! let mut partials = Vec::new();
//! forms::for_each(&gaz, |f| if f.kind == kgx::analysis::MentionKind::Partial { partials.push(f.text.to_string()) });
//! assert_eq!(partials, ["Assad", "al-Assad", "Assad", "al Assad"]);
//! assert_eq!(forms::key("al-Assad"), forms::key("al Assad"));
//! assert!(forms::shared(&gaz).is_empty(), "partial names are not listed forms");
//! ```

use std::borrow::Cow;
use std::collections::BTreeMap;

use super::{EntityIdx, EntityType, Gazetteer};
use crate::analysis::MentionKind;
use crate::lexicon::Lexicon;
use crate::text::{is_word_char, normalize_phrase};

/// One surface form of one entity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Form<'g> {
    /// The form as written (or derived).
    pub text: Cow<'g, str>,
    /// The entity it names.
    pub entity: EntityIdx,
    /// How it names it.
    pub kind: MentionKind,
    /// Written in the entry itself (a name, alias, demonym, metonym or
    /// title), not derived from one.
    pub listed: bool,
}

/// Call `f` with every surface form of every entity, entity by entity in
/// load order, each entity's forms in the order of the module table; a
/// form a later gazetteer layer has taken from the entity
/// ([`Gazetteer::taken_from`]: listed there for other entities) is not the
/// entity's form, and is left out.
pub fn for_each<'g>(gaz: &'g Gazetteer, mut f: impl FnMut(Form<'g>)) {
    let layered = gaz.has_later_claims();
    for_each_claimed(gaz, |form| {
        if !(layered && gaz.taken_from(&key(&form.text), form.entity)) {
            f(form)
        }
    })
}

/// Every form each entity's fields give it, taken by a later layer or not
/// ([`for_each`] without the layers' say).
fn for_each_claimed<'g>(gaz: &'g Gazetteer, mut f: impl FnMut(Form<'g>)) {
    for (idx, e) in gaz.iter() {
        let mut emit = |text: Cow<'g, str>, kind, listed| {
            f(Form {
                text,
                entity: idx,
                kind,
                listed,
            })
        };
        emit(Cow::Borrowed(&e.name), MentionKind::Name, true);
        for a in &e.aliases {
            emit(Cow::Borrowed(a), MentionKind::Alias, true);
        }
        for d in &e.demonyms {
            emit(Cow::Borrowed(d), MentionKind::Demonym, true);
            if let Some(plural) = demonym_plural(d) {
                emit(Cow::Owned(plural), MentionKind::Demonym, false);
            }
        }
        for m in &e.metonyms {
            emit(Cow::Borrowed(m), MentionKind::Metonym, true);
        }
        if let Some(capital) = gaz.capital(idx) {
            let cap = gaz.entity(capital);
            for n in std::iter::once(&cap.name).chain(&cap.aliases) {
                emit(Cow::Borrowed(n), MentionKind::Metonym, false);
            }
        }
        for r in &e.references {
            // "the talks" is matched from its head noun, so that the article
            // cannot shadow a longer name starting at the noun ("talks in Vienna").
            let head = r
                .strip_prefix("the ")
                .or_else(|| r.strip_prefix("The "))
                .unwrap_or(r);
            emit(Cow::Borrowed(head), MentionKind::Reference, false);
        }
        if e.entity_type == EntityType::Person {
            for full in std::iter::once(&e.name).chain(&e.aliases) {
                for p in partial_names(full) {
                    emit(Cow::Owned(p), MentionKind::Partial, false);
                }
            }
        }
        if e.entity_type == EntityType::Place {
            for full in std::iter::once(&e.name).chain(&e.aliases) {
                if let Some(p) = region_partial(full) {
                    emit(Cow::Owned(p), MentionKind::Partial, false);
                }
            }
        }
        for t in &e.titles {
            emit(Cow::Borrowed(t), MentionKind::Title, true);
        }
    }
}

/// The key two forms are compared by: normalised as documents are
/// ([`normalize_phrase`]), hyphens read as spaces, spaces collapsed, and
/// read from the first letter or digit. A match starts at a word start, so a
/// form written with leading punctuation (".NET Framework", "'Ndrangheta",
/// "#MeToo movement") is matched from its first word character, as a
/// leading hyphen always was, instead of never (issue 16).
///
/// ```
/// use kgx::gazetteer::forms::key;
/// assert_eq!(key(".NET Framework"), "net framework");
/// assert_eq!(key("\u{2019}Ndrangheta"), key("Ndrangheta"));
/// assert_eq!(key("(Foo) Group"), "foo) group");
/// assert_eq!(key("..."), "");
/// ```
pub fn key(form: &str) -> String {
    let normalised = normalize_phrase(form).replace('-', " ");
    normalised
        .trim_start_matches(|c: char| !is_word_char(c))
        .split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Forms a later gazetteer layer has taken from entities of earlier ones
/// ([`Gazetteer::taken_from`]): (key, the entities that keep it, the
/// entities it was taken from), by key.
pub fn taken(gaz: &Gazetteer) -> Vec<(String, Vec<EntityIdx>, Vec<EntityIdx>)> {
    let mut lost: BTreeMap<String, Vec<EntityIdx>> = BTreeMap::new();
    if gaz.has_later_claims() {
        for_each_claimed(gaz, |f| {
            let k = key(&f.text);
            if gaz.taken_from(&k, f.entity) {
                let ids = lost.entry(k).or_default();
                if !ids.contains(&f.entity) {
                    ids.push(f.entity);
                }
            }
        });
    }
    lost.into_iter()
        .map(|(k, ids)| {
            let kept = gaz.later_owners(&k).to_vec();
            (k, kept, ids)
        })
        .collect()
}

/// Listed forms claimed by more than one entity: (key, the entities), by key.
pub fn shared(gaz: &Gazetteer) -> Vec<(String, Vec<EntityIdx>)> {
    let mut claims: BTreeMap<String, Vec<EntityIdx>> = BTreeMap::new();
    for_each(gaz, |f| {
        if f.listed && f.kind != MentionKind::Metonym {
            let ids = claims.entry(key(&f.text)).or_default();
            if !ids.contains(&f.entity) {
                ids.push(f.entity);
            }
        }
    });
    claims
        .into_iter()
        .filter(|(_, ids)| ids.len() > 1)
        .collect()
}

/// "Russian" → "Russians", "Iraqi" → "Iraqis"; none for forms that already end
/// in s/sh/ch/ese ("Swiss", "British", "Dutch", "Chinese").
fn demonym_plural(d: &str) -> Option<String> {
    let lower = d.to_lowercase();
    if ["s", "sh", "ch", "ese", "x", "z"]
        .iter()
        .any(|end| lower.ends_with(end))
    {
        None
    } else {
        Some(format!("{d}s"))
    }
}

/// The partial name of a region: its name without a last word that
/// `lexicon/region-heads.txt` lists, where what is left is capitalised and
/// has three letters or more.
///
/// ```
/// use kgx::gazetteer::forms::region_partial;
/// assert_eq!(region_partial("Norland province").as_deref(), Some("Norland"));
/// assert_eq!(region_partial("Upper Vell Oblast").as_deref(), Some("Upper Vell"));
/// assert_eq!(region_partial("Norland"), None);
/// assert_eq!(region_partial("the province"), None);
/// ```
pub fn region_partial(full: &str) -> Option<String> {
    let heads = &Lexicon::english().region_heads;
    let (rest, last) = full.trim().rsplit_once(' ')?;
    let rest = rest.trim_end();
    let capitalised = rest.chars().next().is_some_and(char::is_uppercase);
    let letters = rest.chars().filter(|c| c.is_alphabetic()).count();
    (heads.contains(&last.to_lowercase()) && capitalised && letters >= 3).then(|| rest.to_string())
}

/// Partial names of a person's full name: the surname with its particles and
/// without them ("Staffan de Mistura" → "de Mistura", "Mistura"; "Bashar
/// al-Assad" → "al-Assad", "Assad"; "Osama Abu Zaid" → "Abu Zaid", "Zaid").
/// A one-word name has none.
pub fn partial_names(full: &str) -> Vec<String> {
    let particles = &Lexicon::english().surname_particles;
    let words: Vec<&str> = full.split_whitespace().collect();
    if words.len() < 2 {
        return Vec::new();
    }
    let mut out = Vec::new();
    // The surname starts after the given name(s): at the first particle after
    // the first word, else at the last word.
    let start = (1..words.len())
        .find(|&i| particles.contains(&words[i].to_lowercase()) && i + 1 < words.len())
        .unwrap_or(words.len() - 1);
    let surname = words[start..].join(" ");
    out.push(surname.clone());
    let last = words[words.len() - 1];
    if let Some((particle, rest)) = last.split_once('-') {
        if particles.contains(&particle.to_lowercase()) && !rest.is_empty() {
            out.push(rest.to_string());
        }
    }
    if start < words.len() - 1 {
        out.push(last.to_string());
    }
    out.retain(|p| p.chars().filter(|c| c.is_alphabetic()).count() >= 3);
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_names_cases() {
        let cases: &[(&str, &[&str])] = &[
            ("Staffan de Mistura", &["Mistura", "de Mistura"]),
            ("Bashar al-Assad", &["Assad", "al-Assad"]),
            ("Osama Abu Zaid", &["Abu Zaid", "Zaid"]),
            ("Sergey Lavrov", &["Lavrov"]),
            ("Recep Tayyip Erdogan", &["Erdogan"]),
            ("Madonna", &[]),
            ("Xi Li", &[]),
        ];
        for (full, want) in cases {
            assert_eq!(partial_names(full), want.to_vec(), "case {full:?}");
        }
    }

    #[test]
    fn shared_forms_meet_by_key() {
        let gaz = Gazetteer::from_toml_str(
            "g.toml",
            r#"
[[entity]]
type = "Organization"
name = "Free Army"
aliases = ["al-Jaish"]
[[entity]]
type = "Organization"
name = "Other Army"
aliases = ["Al Jaish"]
[[entity]]
type = "Country"
name = "Niger"
demonyms = ["Nigerien"]
[[entity]]
type = "Country"
name = "Nigeria"
demonyms = ["Nigerian"]
"#,
        )
        .unwrap();
        let shared = shared(&gaz);
        assert_eq!(shared.len(), 1, "{shared:?}");
        assert_eq!(shared[0].0, "al jaish");
        assert_eq!(shared[0].1.len(), 2);
    }
}
