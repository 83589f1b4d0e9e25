//! The resolver: one entity per mention, or none where the text does not say which.
//!
//! A surface form can have several senses: "Moscow" is a city and stands for
//! Russia, "Bashar" is part of two names, "the talks" points back to whichever
//! talks the document named. The resolver reads the document as a whole and
//! picks a sense with these rules, in order:
//!
//! 1. **Place or actor.** A form that is both a Place and a metonym of an actor
//!    (a capital) is the Place after a locative preposition ("arrived in
//!    Astana", "speaking from Moscow") or when coordinated with a Place just
//!    resolved, and the actor otherwise ("Moscow said", "organised by Ankara
//!    and Moscow").
//! 2. **Named in the document.** Senses whose entity the document names
//!    unambiguously somewhere (by name, alias, demonym, metonym, title, or a
//!    partial name with one sense) are preferred to the others.
//! 3. **Anchored.** Where the mention follows its candidate's country or
//!    container directly ("Kazakhstan's Foreign Ministry", "Kazakh Foreign
//!    Ministry"), that candidate wins.
//! 4. **Nearest.** A reference ("the talks") takes the most recent candidate
//!    mentioned before it; a partial name takes the nearest candidate
//!    mentioned, before it first.
//! 5. **Best kind.** A name or alias sense beats a demonym or metonym, which
//!    beat a title, a reference and a partial name.
//!
//! Before these, two kinds of mention are dropped as no mention of the
//! entity at all: a demonym right before an organisation it describes
//! ("Russian TASS"), and a partial name right before another capitalised
//! name word in running text, the first part of someone else's name
//! ("Susan Chepkemei" is not Ayman Susan, "Power Co" not Samantha Power,
//! "Trump Hotel" not Donald Trump; a title-case headline is left alone).
//!
//! A reference resolves only to an entity named earlier in the document, or
//! whose country (or container) the document mentions ("the ceasefire" in an
//! article that mentions Syria, for a gazetteer whose Syrian ceasefire has
//! `country = "syria"`). Whatever is still ambiguous stays unresolved and is
//! counted, never guessed.
//!
//! **Shorter forms.** Where the tagger's longest form at a position cannot
//! resolve (a reference of one gazetteer layer whose entity the document
//! does not establish, an ambiguous alias), the pipeline's resolve stage
//! falls back on the longest shorter form inside it that does, the rest of
//! its words scanned as usual ([`resolve_falling_back`]), so a longer form
//! of one layer never hides a shorter form of another.

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;
use std::sync::Arc;

/// What the resolver left undecided (defined beside the layers it counts).
pub use crate::analysis::ResolveStats;
use crate::analysis::{Analysis, Mention, MentionKind, Origin, Scratch, Stage};
use crate::document::Document;
use crate::gazetteer::{EntityIdx, EntityType, Gazetteer};
use crate::lexicon::{Lexicon, WordHasher};
use crate::stages::compose::located_by;
use crate::stages::tag::Tagger;
use crate::text::{Normalized, Span};
// Coreference's implied events read the same event-in-place tests; they live
// in `stages/compose.rs`.
pub(crate) use crate::stages::compose::{introduces_place, place_fits};

/// A set of entities, hashed with FNV ([`WordHasher`]) where SipHash cost
/// some two hundred instructions an insert. It is only asked whether it
/// holds an entity and whether any member passes a test, never walked into
/// the output, so the order of its members (the hash's) reaches nothing.
type EntitySet = HashSet<EntityIdx, BuildHasherDefault<WordHasher>>;

/// A map from entities, hashed as [`EntitySet`] is (only looked up).
type EntityMap<V> = HashMap<EntityIdx, V, BuildHasherDefault<WordHasher>>;

/// Whether the words from byte `end` of `text` go on with a name that is
/// not a mention: one space, then a word of a capital and lower-case
/// letters that no mention starts at (`next_start`: where the next mention
/// starts), in a line of running text (one with at least two words in
/// lower case: in a headline's title case every word is capitalised).
///
/// ```text
/// "the runner Susan Chepkemei won"  -> after "Susan": yes ("Chepkemei")
/// "Susan Kerry met"                  -> after "Susan": no where "Kerry" is a mention
/// "Susan said"                       -> no
/// "Assad Forces Retake Aleppo"       -> no (a headline)
/// ```
fn starts_another_name(text: &str, end: usize, next_start: Option<usize>) -> bool {
    let Some(rest) = text[end..].strip_prefix(' ') else {
        return false;
    };
    let word_end = rest
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(rest.len());
    let word = &rest[..word_end];
    let mut chars = word.chars();
    let capitalised = chars.next().is_some_and(char::is_uppercase)
        && word.chars().count() >= 2
        && chars.all(char::is_lowercase);
    if !capitalised || next_start == Some(end + 1) {
        return false;
    }
    let line_start = text[..end].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    let lower_words = text[line_start..line_end]
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.len() >= 2 && w.starts_with(char::is_lowercase))
        .count();
    lower_words >= 2
}

/// Whether the capital at `i` reads as a place (`Some(true)`), an actor
/// (`Some(false)`), or the text gives no cue (`None`).
fn place_cue(gaz: &Gazetteer, text: &str, mentions: &[Mention], i: usize) -> Option<bool> {
    let m = &mentions[i];
    let after = &text[m.span.end..];
    if after.starts_with("'s") || after.starts_with("\u{2019}s") {
        return Some(false);
    }
    let before = word_before(text, m.span.start);
    if Lexicon::english().locative.contains(&before) {
        return Some(true);
    }
    // An appositive of a place or country: "Kazakhstan's capital, Astana", "Astana, Kazakhstan".
    let is_geo = |j: usize| {
        mentions.get(j).is_some_and(|p| {
            !p.senses.is_empty()
                && p.senses.iter().all(|s| {
                    matches!(
                        gaz.entity(s.entity).entity_type,
                        EntityType::Country | EntityType::Place
                    )
                })
        })
    };
    if after.trim_start().starts_with(',')
        && is_geo(i + 1)
        && text[m.span.end..mentions[i + 1].span.start].trim() == ","
    {
        return Some(true);
    }
    let next = after.trim_start();
    let word: String = next.chars().take_while(|c| c.is_alphabetic()).collect();
    let lower = word.to_lowercase();
    if !word.is_empty()
        && word == lower
        && (Lexicon::english().agentive_after.contains(&lower)
            || lower.ends_with("ed")
            || lower.ends_with("ing"))
    {
        return Some(false);
    }
    if before == "and" {
        return None; // decided by coordination
    }
    Lexicon::english()
        .agentive_before
        .contains(&before)
        .then_some(false)
}

/// Resolve every mention of `text` in place; return what was left unresolved.
///
/// ```
/// use kgx::gazetteer::Gazetteer;
/// use kgx::stages::{resolve::resolve, tag::Tagger};
/// let gaz = Gazetteer::from_toml_str("g.toml", r#"
/// [[entity]]
/// type = "Country"
/// name = "Russia"
/// capital = "moscow"
/// [[entity]]
/// type = "Place"
/// name = "Moscow"
/// country = "russia"
/// "#).unwrap();
/// let text = "Moscow said the talks in Moscow went well.";
/// let mut mentions = Tagger::new(&gaz).tag(text);
/// resolve(&gaz, text, &mut mentions);
/// let ids: Vec<&str> = mentions.iter().map(|m| gaz.entity(m.entity.unwrap()).id.as_str()).collect();
/// assert_eq!(ids, ["russia", "moscow"]);
/// ```
pub fn resolve(gazetteer: &Gazetteer, text: &str, mentions: &mut Vec<Mention>) -> ResolveStats {
    resolve_with(gazetteer, text, mentions, true)
}

/// [`resolve`], where `shortcuts` lets it answer a mention with one named
/// entity (or a document of such) at once (`sole_named_entity`; the tests
/// ask both ways).
fn resolve_with(
    gazetteer: &Gazetteer,
    text: &str,
    mentions: &mut Vec<Mention>,
    shortcuts: bool,
) -> ResolveStats {
    // Pass 0: a demonym right before an organisation describes it ("Japanese
    // TBS TV", "Russian TASS"): it is not a mention of the country.
    for i in 0..mentions.len().saturating_sub(1) {
        let (m, next) = (&mentions[i], &mentions[i + 1]);
        let describes = m.senses.iter().all(|s| s.kind == MentionKind::Demonym)
            && text[m.span.end..next.span.start]
                .chars()
                .all(char::is_whitespace)
            && next
                .senses
                .iter()
                .all(|s| gazetteer.entity(s.entity).entity_type == EntityType::Organization);
        if describes {
            mentions[i].senses.clear();
        }
    }
    // A partial name right before another capitalised name word is the
    // first part of someone else's name ("Susan Chepkemei" is not Ayman
    // Susan, "Assad Omar" not Bashar al-Assad): no mention of the entity.
    for i in 0..mentions.len() {
        let next_start = mentions.get(i + 1).map(|n| n.span.start);
        let m = &mentions[i];
        if m.senses.iter().all(|s| s.kind == MentionKind::Partial)
            && starts_another_name(text, m.span.end, next_start)
        {
            mentions[i].senses.clear();
        }
    }
    mentions.retain(|m| !m.senses.is_empty());

    // Most documents name each thing by a form of one entity that is no
    // mere reference (with the countries' gazetteer nearly every mention):
    // then every pass below leaves each mention its one entity (pass 1
    // reads only a form of a place and of another entity, and pass 3 gives
    // each its one entity, `sole_named_entity`), and what they would build for
    // the document (the entities named, the mentions seen) is not needed.
    if shortcuts && mentions.iter().all(|m| sole_named_entity(m).is_some()) {
        for m in mentions.iter_mut() {
            m.entity = Some(m.senses[0].entity);
            m.kind = m.senses[0].kind;
        }
        return ResolveStats::default();
    }

    // Pass 1: place-or-actor, which later passes build on.
    let is_place = |e: EntityIdx| gazetteer.entity(e).entity_type == EntityType::Place;
    let dual: Vec<bool> = mentions
        .iter()
        .map(|m| {
            m.senses.iter().any(|s| is_place(s.entity))
                && m.senses
                    .iter()
                    .any(|s| !is_place(s.entity) && s.kind == MentionKind::Metonym)
        })
        .collect();
    let mut reading: Vec<Option<bool>> = (0..mentions.len())
        .map(|i| {
            dual[i]
                .then(|| place_cue(gazetteer, text, mentions, i))
                .flatten()
        })
        .collect();
    // Coordinated capitals share a reading ("by Ankara and Moscow", "Moscow and Ankara used").
    for _ in 0..2 {
        for i in 0..mentions.len() {
            if !dual[i] || reading[i].is_some() {
                continue;
            }
            let linked = |j: usize| {
                let (a, b) = if j < i { (j, i) } else { (i, j) };
                matches!(
                    text[mentions[a].span.end..mentions[b].span.start].trim(),
                    "and" | "or" | ","
                )
            };
            let left = i
                .checked_sub(1)
                .filter(|&j| linked(j))
                .and_then(|j| reading[j]);
            let right = Some(i + 1)
                .filter(|&j| j < mentions.len() && linked(j))
                .and_then(|j| reading[j]);
            reading[i] = left.or(right);
        }
    }
    for (i, m) in mentions.iter_mut().enumerate() {
        if dual[i] {
            let locative = reading[i].unwrap_or(true);
            m.senses.retain(|s| is_place(s.entity) == locative);
        }
    }

    // Pass 2: entities the document names unambiguously.
    let named: EntitySet = mentions
        .iter()
        .filter(|m| {
            m.kind != MentionKind::Reference && !m.senses.is_empty() && !several_entities(m)
        })
        .map(|m| m.senses[0].entity)
        .collect();

    // Pass 3: choose, left to right, keeping what the choices so far have
    // seen (so each mention costs its own senses, not the document's length).
    let mut seen = Seen::new(mentions);
    let mut stats = ResolveStats::default();
    for i in 0..mentions.len() {
        let chosen = match sole_named_entity(&mentions[i]).filter(|_| shortcuts) {
            Some(e) => Some(e),
            None => choose(gazetteer, text, mentions, i, &named, &seen),
        };
        let m = &mut mentions[i];
        m.entity = chosen;
        match chosen {
            Some(e) => {
                if let Some(s) = m.senses.iter().find(|s| s.entity == e) {
                    m.kind = s.kind;
                }
                seen.last.insert(e, i);
            }
            None => stats.unresolved += 1,
        }
    }
    stats
}

/// What pass 3 knows while it walks the mentions.
struct Seen {
    /// Index of the latest mention resolved to each entity so far.
    last: EntityMap<usize>,
    /// Every (entity, index of a mention with it as a sense), sorted: one
    /// allocation for the document, where a list per entity costs one per
    /// entity.
    occurs: Vec<(EntityIdx, usize)>,
}

impl Seen {
    fn new(mentions: &[Mention]) -> Seen {
        let mut occurs: Vec<(EntityIdx, usize)> = mentions
            .iter()
            .enumerate()
            .flat_map(|(i, m)| m.senses.iter().map(move |s| (s.entity, i)))
            .collect();
        occurs.sort_unstable();
        occurs.dedup();
        Seen {
            last: EntityMap::with_capacity_and_hasher(mentions.len(), Default::default()),
            occurs,
        }
    }

    /// Whether a mention before `i` names `e` in full (not by a partial
    /// name) with `word` in it as written, case aside.
    fn spelled_before(
        &self,
        e: EntityIdx,
        i: usize,
        mentions: &[Mention],
        text: &str,
        word: &str,
    ) -> bool {
        let from = self.occurs.partition_point(|&o| o < (e, 0));
        self.occurs[from..]
            .iter()
            .take_while(|o| o.0 == e && o.1 < i)
            .any(|&(_, j)| {
                let n = &mentions[j];
                n.entity == Some(e)
                    && n.kind != MentionKind::Partial
                    && has_word(n.text(text), word)
            })
    }

    /// The first mention after `i` with `e` as a sense.
    fn next_after(&self, e: EntityIdx, i: usize) -> Option<usize> {
        let at = self.occurs.partition_point(|&o| o <= (e, i));
        self.occurs.get(at).filter(|o| o.0 == e).map(|o| o.1)
    }
}

/// Whether the senses of `m` name more than one entity (told without
/// collecting them: some sense's entity differs from the first's).
fn several_entities(m: &Mention) -> bool {
    m.senses
        .split_first()
        .is_some_and(|(first, rest)| rest.iter().any(|s| s.entity != first.entity))
}

/// The entity of `m` where all its senses name that one entity and one of
/// them is no reference: [`choose`] gives it whatever the document says (the
/// place after it and the entities seen before rule out only a reference
/// sense's entity, and no rule after them has two to choose from). The
/// mention's kind is then that of its first sense (the first with the entity).
fn sole_named_entity(m: &Mention) -> Option<EntityIdx> {
    let (first, _) = m.senses.split_first()?;
    let named = m.senses.iter().any(|s| s.kind != MentionKind::Reference);
    (named && !several_entities(m)).then_some(first.entity)
}

fn choose(
    gaz: &Gazetteer,
    text: &str,
    mentions: &[Mention],
    i: usize,
    named: &EntitySet,
    seen: &Seen,
) -> Option<EntityIdx> {
    let m = &mentions[i];
    // Sorted, so that a mention of thousands of senses (5,000 entities
    // sharing one alias) costs n log n here, not n² (issue 16).
    let mut cands: Vec<EntityIdx> = m.senses.iter().map(|s| s.entity).collect();
    cands.sort_unstable();
    cands.dedup();
    let mut named_here: Vec<EntityIdx> = m
        .senses
        .iter()
        .filter(|s| s.kind != MentionKind::Reference)
        .map(|s| s.entity)
        .collect();
    named_here.sort_unstable();
    named_here.dedup();
    let is_reference = |e: EntityIdx| named_here.binary_search(&e).is_err();
    let is_cand = |cands: &[EntityIdx], e: EntityIdx| cands.binary_search(&e).is_ok();
    // "talks ... (held) in Geneva": the place the text gives rules out events
    // held somewhere that the gazetteer holds elsewhere (not an agreement or a
    // truce signed abroad: `place_fits`).
    if let Some(place) = located_by(gaz, text, mentions, i) {
        cands.retain(|&e| !is_reference(e) || place_fits(gaz, e, place));
    }

    // A reference needs its entity named before, or its anchor in the document.
    cands.retain(|&e| !is_reference(e) || seen.last.contains_key(&e) || anchored_in(gaz, e, named));
    if cands.len() <= 1 {
        return cands.first().copied();
    }
    let narrowed: Vec<EntityIdx> = cands
        .iter()
        .copied()
        .filter(|e| named.contains(e))
        .collect();
    if !narrowed.is_empty() {
        cands = narrowed;
    }
    if cands.len() == 1 {
        return Some(cands[0]);
    }
    // Anchored by the mention right before ("Kazakhstan's Foreign Ministry").
    if let Some(prev) = i.checked_sub(1).map(|j| &mentions[j]) {
        let gap = &text[prev.span.end..m.span.start];
        let adjacent =
            gap.trim().is_empty() || matches!(gap.trim(), "'s" | "\u{2019}s" | "'" | "\u{2019}");
        if adjacent {
            if let Some(anchor) = prev.entity {
                let hits: Vec<EntityIdx> = cands
                    .iter()
                    .copied()
                    .filter(|&e| anchors(gaz, e).any(|a| a == anchor))
                    .collect();
                if hits.len() == 1 {
                    return Some(hits[0]);
                }
            }
        }
    }
    // A partial name of several people the document named before: the one
    // whose earlier full mention spells it so ("Stanekzai" after "Mohammad
    // Masoom Stanekzai", not after "Sher Mohammad Abbas Stanikzai"); where
    // two do, or none, the text does not say which, and there is no guess.
    if m.kind == MentionKind::Partial {
        let before: Vec<EntityIdx> = cands
            .iter()
            .copied()
            .filter(|e| seen.last.contains_key(e))
            .collect();
        if before.len() >= 2 {
            let written = m.text(text);
            let spelled: Vec<EntityIdx> = before
                .into_iter()
                .filter(|&e| seen.spelled_before(e, i, mentions, text, written))
                .collect();
            return (spelled.len() == 1).then(|| spelled[0]);
        }
    }
    // Nearest: before first (references only look back).
    if let Some(e) = cands
        .iter()
        .copied()
        .filter(|e| seen.last.contains_key(e))
        .max_by_key(|e| seen.last[e])
    {
        return Some(e);
    }
    if m.kind == MentionKind::Partial {
        if let Some(e) = cands
            .iter()
            .copied()
            .filter_map(|e| seen.next_after(e, i).map(|j| (j, e)))
            .min()
            .map(|(_, e)| e)
        {
            return Some(e);
        }
    }
    // Best kind, if one entity has it alone.
    let best = m
        .senses
        .iter()
        .filter(|s| is_cand(&cands, s.entity))
        .map(|s| s.kind)
        .min()?;
    let with_best: Vec<EntityIdx> = m
        .senses
        .iter()
        .filter(|s| s.kind == best && is_cand(&cands, s.entity))
        .map(|s| s.entity)
        .collect();
    (with_best.len() == 1).then(|| with_best[0])
}

/// Whether `hay` holds `word` (case aside) between word boundaries.
fn has_word(hay: &str, word: &str) -> bool {
    let (hay, word) = (hay.to_lowercase(), word.to_lowercase());
    let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    hay.match_indices(&word).any(|(at, w)| {
        boundary(hay[..at].chars().next_back()) && boundary(hay[at + w.len()..].chars().next())
    })
}

/// The entities that anchor `e`: its country and what it is part of.
pub(crate) fn anchors(gaz: &Gazetteer, e: EntityIdx) -> impl Iterator<Item = EntityIdx> {
    [gaz.country(e), gaz.part_of(e)].into_iter().flatten()
}

/// Whether the document names an anchor of `e`, or a place in one ("the EU
/// summit" of a Belgian summit in a document that names Brussels).
fn anchored_in(gaz: &Gazetteer, e: EntityIdx, named: &EntitySet) -> bool {
    anchors(gaz, e).any(|a| {
        named.contains(&a)
            || named.iter().any(|&n| {
                gaz.entity(n).entity_type == EntityType::Place && gaz.country(n) == Some(a)
            })
    })
}

/// The word (lower case) or punctuation mark right before byte `pos`.
pub(crate) fn word_before(text: &str, pos: usize) -> String {
    let before = text[..pos].trim_end();
    match before.chars().next_back() {
        Some(c) if c.is_alphanumeric() => {
            let start = before.rfind(|c: char| !c.is_alphanumeric()).map_or(0, |i| {
                i + before[i..].chars().next().map_or(1, char::len_utf8)
            });
            before[start..].to_lowercase()
        }
        Some(c) => c.to_string(),
        None => String::new(),
    }
}

/// Whether the resolver can leave `m` unresolved: a gazetteer mention with
/// a reference sense (it needs its entity established) or with senses of
/// several entities. A name or alias of one entity always resolves.
fn may_fail(m: &Mention) -> bool {
    m.origin == Origin::Gazetteer
        && (m.senses.iter().any(|s| s.kind == MentionKind::Reference) || several_entities(m))
}

/// A mention the resolver may leave unresolved, with the other readings of
/// its span (`Tagger::shorter_readings`, longest first).
struct Shorter {
    /// Its index among the tagged mentions.
    at: usize,
    /// Its bytes.
    span: Span,
    /// The readings to fall back on.
    readings: Vec<Vec<Mention>>,
    /// The reading in use: 0 the tagged mention, `k` the `k`-th reading.
    tried: usize,
    /// Whether `tried` is final.
    done: bool,
}

/// [`resolve`], where the tagger's longest form at a position cannot
/// resolve in this document (a reference whose entity the document does not
/// establish, an ambiguous form left unresolved), falling back on the
/// longest shorter form inside it that does, with the rest of its words
/// scanned as usual (`Tagger::shorter_readings`): a longer reference of
/// one gazetteer layer ("government delegation" of the Syrian government)
/// never hides the shorter form of another ("the government" of the user's
/// government). Where no shorter reading resolves, the tagged mention stays,
/// unresolved, as before.
///
/// The mentions are those `tagger` found in `text` (`norm` its normalised
/// view). Nothing is read twice on a document where every mention that may
/// fail has no shorter form inside it (most documents); otherwise the
/// document is resolved again once per reading tried, each time from the
/// tagged mentions with the readings so far in place, so that every rule
/// sees the document as it would have been tagged with that reading.
pub fn resolve_falling_back(
    gazetteer: &Gazetteer,
    tagger: &Tagger,
    text: &str,
    norm: &Normalized,
    mentions: &mut Vec<Mention>,
) -> ResolveStats {
    let mut regions: Vec<Shorter> = mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| may_fail(m))
        .filter_map(|(at, m)| {
            let readings = tagger.shorter_readings(text, norm, m.span);
            (!readings.is_empty()).then_some(Shorter {
                at,
                span: m.span,
                readings,
                tried: 0,
                done: false,
            })
        })
        .collect();
    if regions.is_empty() {
        return resolve(gazetteer, text, mentions);
    }
    let tagged = mentions.clone();
    loop {
        let stats = resolve(gazetteer, text, mentions);
        let mut changed = false;
        for r in regions.iter_mut().filter(|r| !r.done) {
            // Resolution may drop mentions (pass 0): find the region's by span.
            let from = mentions.partition_point(|m| m.span.start < r.span.start);
            let resolved = mentions[from..]
                .iter()
                .take_while(|m| m.span.end <= r.span.end)
                .any(|m| m.entity.is_some());
            if resolved {
                r.done = true;
            } else if r.tried < r.readings.len() {
                r.tried += 1;
                changed = true;
            } else {
                // No shorter reading resolves: the tagged mention, as before.
                r.tried = 0;
                r.done = true;
                changed = true;
            }
        }
        if !changed {
            return stats;
        }
        mentions.clear();
        let mut next = regions.iter().peekable();
        for (i, m) in tagged.iter().enumerate() {
            match next.next_if(|r| r.at == i) {
                Some(r) if r.tried > 0 => mentions.extend(r.readings[r.tried - 1].iter().cloned()),
                _ => mentions.push(m.clone()),
            }
        }
    }
}

/// The resolve stage: one entity per mention, or none where the text does
/// not say (see the module doc); fills [`Analysis::stats`].
pub struct Resolve {
    gazetteer: Arc<Gazetteer>,
    tagger: Option<Arc<Tagger>>,
}

impl Resolve {
    /// The stage for `gazetteer` (the one the mentions were tagged with).
    pub fn new(gazetteer: Arc<Gazetteer>) -> Resolve {
        Resolve {
            gazetteer,
            tagger: None,
        }
    }

    /// Where a mention cannot resolve, fall back on the shorter forms
    /// `tagger` (the one that tagged the mentions) finds inside it
    /// ([`resolve_falling_back`]).
    pub fn with_tagger(mut self, tagger: Arc<Tagger>) -> Resolve {
        self.tagger = Some(tagger);
        self
    }
}

impl Stage for Resolve {
    fn name(&self) -> &'static str {
        "resolve"
    }

    /// The resolver reads the mentions and the text around them, not the sentences.
    fn needs_sentences(&self) -> bool {
        false
    }

    fn run(&self, doc: &Document, a: &mut Analysis, _: &mut Scratch) {
        a.stats = match &self.tagger {
            Some(tagger) => {
                let stats = resolve_falling_back(
                    &self.gazetteer,
                    tagger,
                    &doc.text,
                    &a.view,
                    &mut a.mentions,
                );
                // A shorter reading has spans of its own (a no-op without a
                // token layer, which is made after this stage).
                a.attach_tokens();
                stats
            }
            None => resolve(&self.gazetteer, &doc.text, &mut a.mentions),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stages::tag::Tagger;

    const GAZ: &str = r#"
[[entity]]
type = "Person"
name = "Omar Khan Dastani"
[[entity]]
type = "Person"
name = "Lina Dastani"
aliases = ["Lina Dastany"]
"#;

    /// The id each mention written `word` resolves to, in order (`-` for none).
    fn partials(text: &str, word: &str) -> Vec<String> {
        let gaz = Gazetteer::from_toml_str("t.toml", GAZ).unwrap();
        let mut mentions = Tagger::new(&gaz).tag(text);
        resolve(&gaz, text, &mut mentions);
        mentions
            .iter()
            .filter(|m| m.text(text) == word)
            .map(|m| m.entity.map_or("-".into(), |e| gaz.entity(e).id.clone()))
            .collect()
    }

    #[test]
    fn a_shared_surname_follows_the_full_mention_spelled_so() {
        // (case, text, the partial name, what each occurrence resolves to)
        let cases: &[(&str, &str, &str, &[&str])] = &[
            (
                "spelled as one full mention",
                "Omar Khan Dastani met Lina Dastany. Later Dastani spoke.",
                "Dastani",
                &["omar-khan-dastani"],
            ),
            (
                "near-miss: both full mentions spell it so, no guess",
                "Lina Dastani met Omar Khan Dastani. Later Dastani spoke.",
                "Dastani",
                &["-"],
            ),
            (
                "near-miss: one person named before, the nearest rule",
                "Lina Dastany spoke. Later Dastani left.",
                "Dastani",
                &["lina-dastani"],
            ),
        ];
        for (case, text, word, want) in cases {
            let got = partials(text, word);
            let got: Vec<&str> = got.iter().map(String::as_str).collect();
            assert_eq!(&got, want, "case {case}: {text}");
        }
    }

    /// The tagged forms of `text` left after resolution (none where a
    /// mention was dropped), with the ids they resolve to.
    fn resolved(text: &str) -> Vec<(String, String)> {
        let gaz = Gazetteer::from_toml_str("t.toml", GAZ).unwrap();
        let mut mentions = Tagger::new(&gaz).tag(text);
        resolve(&gaz, text, &mut mentions);
        mentions
            .iter()
            .map(|m| {
                let id = m.entity.map_or("-".into(), |e| gaz.entity(e).id.clone());
                (m.text(text).to_string(), id)
            })
            .collect()
    }

    #[test]
    fn a_partial_name_before_another_name_word_is_someone_else() {
        /// (form, id) pairs left after resolution.
        type Left = &'static [(&'static str, &'static str)];
        // (case, text, the pairs left)
        let cases: &[(&str, &str, Left)] = &[
            (
                "a first name that is a known surname",
                "The runner Dastani Obuya won the race in record time.",
                &[],
            ),
            (
                "a company named after the surname",
                "Shares of Dastani Holdings rose after the deal was announced.",
                &[],
            ),
            (
                "near-miss: the surname alone (kept; two people share it here)",
                "Later Dastani said the talks would go on.",
                &[("Dastani", "-")],
            ),
            (
                "near-miss: the possessive",
                "Lina Dastani arrived. Dastani's aides said she would speak.",
                &[("Lina Dastani", "lina-dastani"), ("Dastani", "lina-dastani")],
            ),
            (
                "near-miss: a title-case headline",
                "Dastani Warns Of New Delays\nLina Dastani said on Monday that the talks would go on.",
                &[("Dastani", "lina-dastani"), ("Lina Dastani", "lina-dastani")],
            ),
            (
                "near-miss: a line break after the name",
                "The statement was signed by Dastani\nOfficials in the capital said it would stand.",
                &[("Dastani", "-")],
            ),
        ];
        for (case, text, want) in cases {
            let got = resolved(text);
            let got: Vec<(&str, &str)> =
                got.iter().map(|(f, e)| (f.as_str(), e.as_str())).collect();
            assert_eq!(&got, want, "case {case}: {text}");
        }
    }

    /// Two layers as a user stacks them: a shipped one whose Sylvanian
    /// entries have long generic references, and the user's Freedonian ones
    /// with shorter forms inside those.
    const LAYERS: &str = r#"
[[entity]]
type = "Country"
name = "Sylvania"
[[entity]]
type = "Country"
name = "Freedonia"
[[entity]]
type = "Organization"
name = "Sylvanian government"
country = "sylvania"
references = ["the government", "government delegation"]
[[entity]]
type = "Organization"
name = "Sylvanian joint commission"
country = "sylvania"
references = ["joint commission"]
[[entity]]
type = "Organization"
name = "Freedonian government"
country = "freedonia"
references = ["the government"]
[[entity]]
type = "Organization"
name = "Freedonian commission"
country = "freedonia"
references = ["commission"]
[[entity]]
type = "Event"
name = "First Lakeside round"
aliases = ["Lakeside talks"]
[[entity]]
type = "Event"
name = "Second Lakeside round"
aliases = ["Lakeside talks"]
[[entity]]
type = "Place"
name = "Lakeside"
country = "freedonia"
"#;

    /// (case, text, the mentions as (text, id), how many stay unresolved).
    type Case = (
        &'static str,
        &'static str,
        &'static [(&'static str, &'static str)],
        usize,
    );

    /// (text, id) of every mention of `text`, resolved with the fallback.
    fn layered(text: &str) -> (Vec<(String, String)>, usize) {
        let gaz = Gazetteer::from_toml_str("t.toml", LAYERS).unwrap();
        let tagger = Tagger::new(&gaz);
        let norm = Normalized::new(text);
        let mut mentions = tagger.tag(text);
        let stats = resolve_falling_back(&gaz, &tagger, text, &norm, &mut mentions);
        let got = mentions
            .iter()
            .map(|m| {
                let id = m.entity.map_or("-".into(), |e| gaz.entity(e).id.clone());
                (m.text(text).to_string(), id)
            })
            .collect();
        (got, stats.unresolved)
    }

    #[test]
    fn an_unresolvable_longer_form_falls_back_on_a_shorter_one_that_resolves() {
        // (case, text, the mentions as (text, id), how many stay unresolved)
        let cases: &[Case] = &[
            (
                "the shorter form at the same start resolves",
                "Freedonia voted. The government delegation arrived.",
                &[
                    ("Freedonia", "freedonia"),
                    ("government", "freedonian-government"),
                ],
                0,
            ),
            (
                "no form at the first word: a shorter form after it resolves",
                "Freedonia voted. The joint commission met.",
                &[
                    ("Freedonia", "freedonia"),
                    ("commission", "freedonian-commission"),
                ],
                0,
            ),
            (
                "an ambiguous alias left unresolved: the name inside it",
                "Envoys flew to the Lakeside talks.",
                &[("Lakeside", "lakeside")],
                0,
            ),
            (
                "near miss: the ambiguous alias resolved by an earlier name",
                "The Second Lakeside round opened. Envoys left the Lakeside talks.",
                &[
                    ("Second Lakeside round", "second-lakeside-round"),
                    ("Lakeside talks", "second-lakeside-round"),
                ],
                0,
            ),
            (
                "near miss: the longer form resolves and is taken as before",
                "Sylvania voted. The government delegation arrived.",
                &[
                    ("Sylvania", "sylvania"),
                    ("government delegation", "sylvanian-government"),
                ],
                0,
            ),
            (
                "near miss: the longer form resolves though the shorter one would too",
                "Sylvania and Freedonia voted. The joint commission met.",
                &[
                    ("Sylvania", "sylvania"),
                    ("Freedonia", "freedonia"),
                    ("joint commission", "sylvanian-joint-commission"),
                ],
                0,
            ),
            (
                "near miss: no shorter form resolves, the tagged mention stays unresolved",
                "Nobody voted. The government delegation arrived.",
                &[("government delegation", "-")],
                1,
            ),
        ];
        for (case, text, want, unresolved) in cases {
            let (got, n) = layered(text);
            let want: Vec<(String, String)> = want
                .iter()
                .map(|(t, id)| (t.to_string(), id.to_string()))
                .collect();
            assert_eq!(got, want, "case {case}: {text}");
            assert_eq!(n, *unresolved, "case {case}: unresolved count");
        }
    }

    /// A capital that is also its country's metonym, and demonyms.
    const CAPITALS: &str = r#"
[[entity]]
type = "Country"
name = "Russia"
capital = "moscow"
demonyms = ["Russian"]
[[entity]]
type = "Place"
name = "Moscow"
country = "russia"
[[entity]]
type = "Organization"
name = "TASS"
country = "russia"
"#;

    /// The shortcuts (a mention naming one entity, a document of such:
    /// `sole_named_entity`) give what the passes give: the same entity and
    /// kind for every mention, the same count left unresolved. The texts
    /// hold documents of such mentions only and documents with references
    /// (with and without an antecedent), partial names, ambiguous aliases and
    /// capitals, where a shortcut forced on every mention would resolve
    /// what the passes leave unresolved or choose otherwise.
    #[test]
    fn shortcuts_give_what_the_passes_give() {
        let cases: &[(&str, &[&str])] = &[
            (
                GAZ,
                &[
                    "Omar Khan Dastani met Lina Dastany. Later Dastani spoke.",
                    "Lina Dastani met Omar Khan Dastani. Later Dastani spoke.",
                    "Lina Dastany spoke. Later Dastani left.",
                    "The runner Dastani Obuya won the race.",
                    "Lina Dastani arrived. Dastani's aides said she would speak.",
                    "Omar Khan Dastani and Lina Dastani met.",
                ],
            ),
            (
                LAYERS,
                &[
                    "Freedonia voted. The government delegation arrived.",
                    "Freedonia voted. The joint commission met.",
                    "Envoys flew to the Lakeside talks.",
                    "The Second Lakeside round opened. Envoys left the Lakeside talks.",
                    "Sylvania voted. The government delegation arrived.",
                    "Sylvania and Freedonia voted. The joint commission met.",
                    "Nobody voted. The government delegation arrived.",
                    "Sylvania and Freedonia voted.",
                    "The government said so. Sylvania agreed.",
                ],
            ),
            (
                CAPITALS,
                &[
                    "Moscow said the talks in Moscow went well.",
                    "Russian TASS said Russia would come.",
                    "Russian officials flew to Moscow.",
                    "Russia and Moscow agreed.",
                ],
            ),
        ];
        let (mut shortcut_docs, mut full_docs) = (0, 0);
        for (gaz, texts) in cases {
            let gaz = Gazetteer::from_toml_str("t.toml", gaz).unwrap();
            for text in *texts {
                let tagged = Tagger::new(&gaz).tag(text);
                let (mut fast, mut full) = (tagged.clone(), tagged);
                let fast_stats = resolve_with(&gaz, text, &mut fast, true);
                let full_stats = resolve_with(&gaz, text, &mut full, false);
                let read = |ms: &[Mention]| -> Vec<(Span, Option<EntityIdx>, MentionKind)> {
                    ms.iter().map(|m| (m.span, m.entity, m.kind)).collect()
                };
                assert_eq!(read(&fast), read(&full), "{text}");
                assert_eq!(fast_stats.unresolved, full_stats.unresolved, "{text}");
                if full.iter().all(|m| sole_named_entity(m).is_some()) {
                    shortcut_docs += 1;
                } else {
                    full_docs += 1;
                }
            }
        }
        assert!(
            shortcut_docs >= 3 && full_docs >= 6,
            "{shortcut_docs} {full_docs}"
        );
    }

    #[test]
    fn without_the_fallback_the_longer_form_hides_the_shorter_one() {
        // What the fallback is for: plain resolution leaves it unresolved.
        let gaz = Gazetteer::from_toml_str("t.toml", LAYERS).unwrap();
        let text = "Freedonia voted. The government delegation arrived.";
        let mut mentions = Tagger::new(&gaz).tag(text);
        resolve(&gaz, text, &mut mentions);
        let last = mentions.last().unwrap();
        assert_eq!(last.text(text), "government delegation");
        assert_eq!(last.entity, None);
    }
}
