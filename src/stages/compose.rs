//! Composite mentions, the one home of two decisions that three stages make:
//!
//! * **an event in a place** ("peace talks in Kazakhstan", "talks (are to be
//!   held) in Geneva"): the tagger splits the place off an event phrase
//!   ([`split_event_phrase`]); the resolver rules out talks, meetings and
//!   other events held somewhere that the gazetteer places elsewhere, but
//!   not an agreement signed elsewhere ([`located_by`], [`place_fits`], also
//!   read by coreference's implied events); the relate stage reads a mention "talks
//!   in Geneva" as event, `in`, place ([`event_in_place`]);
//! * **a title** ("UN Special Envoy for Syria", "US ambassador to
//!   Kazakhstan"): the tagger folds title mentions into the names they
//!   precede ([`merge_titles`]); the relate stage reads a title as its words
//!   with the actors it names as slots ([`title_parts`]).
//!
//! The names these read (places, actors, seats) are one [`NameIndex`] of the
//! gazetteer, built once by the relate stage.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use crate::analysis::{Mention, MentionKind, Sense};
use crate::gazetteer::{forms, EntityIdx, EntityType, Gazetteer};
use crate::lexicon::Lexicon;
use crate::stages::coref::lexicon::CorefLexicon;
use crate::stages::relate::token::split_words;
use crate::stages::tag::words::next_word;
use crate::text::{is_word_char, Span};

/// The names of a gazetteer's places, actors and seats, by exact form: place
/// and country names, to split "talks in Geneva" into event, `in`, place;
/// actor names, for the actors named inside a title ("US ambassador to
/// Kazakhstan"); and the places an actor lists as its seat (Brussels for the
/// European Union).
///
/// Built from a whole gazetteer, so build it once per gazetteer (see
/// [`RuleSet::apply_with`](crate::relations::RuleSet::apply_with)).
pub struct NameIndex {
    places: HashMap<String, EntityIdx>,
    actors: HashMap<String, EntityIdx>,
    /// A place that one country or organization lists among its own
    /// `metonyms` (Brussels for the European Union): the actor it stands for.
    seats: HashMap<EntityIdx, EntityIdx>,
}

impl NameIndex {
    /// Index the place, country and actor names of `gaz` (its names,
    /// aliases and, for actors, the demonyms written in the entries).
    pub fn new(gaz: &Gazetteer) -> NameIndex {
        let mut places = HashMap::new();
        let mut actors = HashMap::new();
        forms::for_each(gaz, |f| {
            let ty = gaz.entity(f.entity).entity_type;
            let name = matches!(f.kind, MentionKind::Name | MentionKind::Alias);
            if name && matches!(ty, EntityType::Place | EntityType::Country) {
                places.entry(f.text.to_string()).or_insert(f.entity);
            }
            let demonym = f.kind == MentionKind::Demonym && f.listed;
            if (name || demonym) && matches!(ty, EntityType::Country | EntityType::Organization) {
                actors.entry(f.text.to_string()).or_insert(f.entity);
            }
        });
        // Seats: a listed metonym of an actor that is a place's name. Two
        // actors listing the same place name cancel out.
        let mut seats: HashMap<EntityIdx, Option<EntityIdx>> = HashMap::new();
        forms::for_each(gaz, |f| {
            let ty = gaz.entity(f.entity).entity_type;
            if f.kind != MentionKind::Metonym
                || !f.listed
                || !matches!(ty, EntityType::Country | EntityType::Organization)
            {
                return;
            }
            if let Some(&place) = places.get(f.text.as_ref()) {
                if gaz.entity(place).entity_type == EntityType::Place {
                    let seat = seats.entry(place).or_insert(Some(f.entity));
                    if *seat != Some(f.entity) {
                        *seat = None;
                    }
                }
            }
        });
        let seats = seats
            .into_iter()
            .filter_map(|(p, a)| Some((p, a?)))
            .collect();
        NameIndex {
            places,
            actors,
            seats,
        }
    }

    /// The place or country `name` names (a name or alias, as written), if one does.
    pub(crate) fn place(&self, name: &str) -> Option<EntityIdx> {
        self.places.get(name).copied()
    }

    /// The country or organization `name` names (a name, alias or demonym,
    /// as written), if one does.
    pub(crate) fn actor(&self, name: &str) -> Option<EntityIdx> {
        self.actors.get(name).copied()
    }

    /// The one actor that lists place `place`'s name among its own
    /// `metonyms` ("Brussels" for the European Union), if one does.
    pub(crate) fn seat_of(&self, place: EntityIdx) -> Option<EntityIdx> {
        self.seats.get(&place).copied()
    }
}

// ---------------------------------------------------------------------------
// An event in a place
// ---------------------------------------------------------------------------

/// The view the tagger matches on: the normalised text with hyphens read as
/// spaces (same length, so the normaliser's offset map still applies).
pub(crate) fn matching_view(normalised: &str) -> String {
    normalised.replace('-', " ")
}

/// An event phrase the tagger matched, `hay[span]` ("peace talks in
/// Kazakhstan"), split where a place ends it: the first word start `p` after
/// the phrase's start whose word before is an event preposition
/// (`lexicon/event-prepositions.txt`) and where `place_at(p)` finds a place
/// name running to the phrase's end. Gives the event's words (without the
/// prepositions and articles at their edges, possibly empty), `p`, and what
/// `place_at` found. Names that merely contain a place ("Astana talks") have
/// no preposition before it and stay whole.
pub(crate) fn split_event_phrase<T>(
    hay: &str,
    span: Range<usize>,
    mut place_at: impl FnMut(usize) -> Option<T>,
) -> Option<(Range<usize>, usize, T)> {
    // The match starts at a word start, so the scan goes from word to word.
    let mut pos = span.start;
    while let Some(word) = next_word(hay, pos).filter(|w| w.start < span.end) {
        let p = word.start;
        if p > span.start {
            let before = hay[span.start..p].trim_end();
            let glued = before
                .rsplit(' ')
                .next()
                .is_some_and(|w| Lexicon::english().event_prepositions.contains(w));
            if glued {
                if let Some(found) = place_at(p) {
                    return Some((trim_words(hay, span.start, p), p, found));
                }
            }
        }
        pos = word.end;
    }
    None
}

/// The range `start..end` of `hay` without surrounding spaces and without
/// prepositions and articles at its edges ("talks in" → "talks").
fn trim_words(hay: &str, mut start: usize, mut end: usize) -> Range<usize> {
    const GLUE: &[&str] = &[
        "in", "on", "at", "of", "for", "the", "a", "an", "to", "over", "with",
    ];
    loop {
        let s = &hay[start..end];
        let trimmed = s.trim_matches(|c: char| !is_word_char(c));
        if trimmed.is_empty() {
            return start..start;
        }
        start += s.find(trimmed).unwrap_or(0);
        end = start + trimmed.len();
        let s = &hay[start..end];
        if let Some((first, rest)) = s.split_once(' ') {
            if GLUE.contains(&first) && !rest.is_empty() {
                start += first.len() + 1;
                continue;
            }
        }
        if let Some((rest, last)) = s.rsplit_once(' ') {
            if GLUE.contains(&last) && !rest.is_empty() {
                end = start + rest.len();
                continue;
            }
        }
        return start..end;
    }
}

/// An event mention that ends in "in `<Place>`", as the relate stage reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct EventInPlace {
    /// The event's words, before " in ".
    pub event: Span,
    /// The word `in`.
    pub word_in: Span,
    /// The place's name, to the mention's end.
    pub place: Span,
    /// The place it names.
    pub entity: EntityIdx,
}

/// The reading of an event mention `span` of `text` whose last words are
/// "in" and a place's name as written ("talks in Geneva"), if they are.
pub(crate) fn event_in_place(text: &str, span: Span, places: &NameIndex) -> Option<EventInPlace> {
    let s = text.get(span.start..span.end)?;
    let i = s.rfind(" in ")?;
    let entity = places.place(&s[i + 4..])?;
    let in_start = span.start + i + 1;
    Some(EventInPlace {
        event: Span::new(span.start, span.start + i),
        word_in: Span::new(in_start, in_start + 2),
        place: Span::new(span.start + i + 4, span.end),
        entity,
    })
}

/// The place a reference (mention `i`) is located at by the words after it,
/// in the same sentence: "talks (are to be held) in Geneva".
pub(crate) fn located_by(
    gaz: &Gazetteer,
    text: &str,
    mentions: &[Mention],
    i: usize,
) -> Option<EntityIdx> {
    let m = &mentions[i];
    let next = mentions.get(i + 1)?;
    if !introduces_place(text, m.span.end, next.span.start) {
        return None;
    }
    let place = next.senses.iter().map(|s| s.entity).find(|&e| {
        matches!(
            gaz.entity(e).entity_type,
            EntityType::Place | EntityType::Country
        )
    })?;
    Some(place)
}

/// Whether the words from byte `from` to byte `to` put what follows as the
/// place of what comes before, in the same sentence: at most 60 bytes with no
/// sentence mark, ending in "in" or "at" ("talks (are to be held) in").
pub(crate) fn introduces_place(text: &str, from: usize, to: usize) -> bool {
    text.get(from..to).is_some_and(|between| {
        between.len() <= 60
            && !between.contains(['.', '!', '?', ';'])
            && matches!(between.split_whitespace().next_back(), Some("in" | "at"))
    })
}

/// The event subtypes whose gazetteer `country` is where they are held: the
/// subtypes of the coreference lexicon's "meeting" event noun
/// (`lexicon/coref.toml`: Talks, Meeting, Conference, Summit, ...), the
/// events one goes to, as the lexicon's "there" reads them.
static HELD_SUBTYPES: LazyLock<Vec<String>> = LazyLock::new(|| {
    CorefLexicon::shipped()
        .events
        .get("meeting")
        .map(|e| e.subtypes.clone())
        .unwrap_or_default()
});

/// Whether event `e` is of a kind held somewhere, so that its gazetteer
/// `country` is its venue: its subtype is one of [`HELD_SUBTYPES`], or it has
/// none (nothing says otherwise). An agreement, a ceasefire, a declaration,
/// a war is not: its `country` is the country it concerns, and it may be
/// signed or agreed elsewhere ("the truce, agreed in Cuba").
fn is_held(gaz: &Gazetteer, e: EntityIdx) -> bool {
    gaz.entity(e)
        .subtype
        .as_deref()
        .is_none_or(|s| HELD_SUBTYPES.iter().any(|h| h.eq_ignore_ascii_case(s)))
}

/// Whether `place` is the event's gazetteer `country` or lies in it: the
/// text placing a reference there is a reason to take the event, whatever its
/// kind ("a truce in Syria", "talks in Doha" for talks in Qatar). False for
/// an event with no `country`.
pub(crate) fn in_event_country(gaz: &Gazetteer, e: EntityIdx, place: EntityIdx) -> bool {
    gaz.country(e)
        .is_some_and(|country| place == country || gaz.country(place) == Some(country))
}

/// Whether event `e` can be where the text places it (`place`), so that the
/// place does not rule it out: anything but an event; an event with no
/// `country`; an event of a kind not held somewhere (`is_held`: "a
/// declaration signed in Jeddah" may still be the declaration on Sudan); or
/// one held in the place's country (`in_event_country`: "the talks in
/// Geneva" are not the talks held in Kazakhstan).
pub(crate) fn place_fits(gaz: &Gazetteer, e: EntityIdx, place: EntityIdx) -> bool {
    if gaz.entity(e).entity_type != EntityType::Event || gaz.country(e).is_none() {
        return true;
    }
    !is_held(gaz, e) || in_event_country(gaz, e, place)
}

// ---------------------------------------------------------------------------
// Titles
// ---------------------------------------------------------------------------

/// Fold title mentions (`titles`, sorted by start) into the name mentions
/// `mentions` (sorted, non-overlapping): a title that straddles a longer
/// name is dropped; one right before a person's name (spaces, commas,
/// brackets or quotes between) is dropped too, and narrows that name to the
/// people who hold the title, if any does; any other title replaces the
/// mentions inside it. `is_person` tells the people among the entities.
pub(crate) fn merge_titles(
    text: &str,
    mut mentions: Vec<Mention>,
    titles: Vec<Mention>,
    is_person: impl Fn(EntityIdx) -> bool,
) -> Vec<Mention> {
    for title in titles {
        let (start, end) = (title.span.start, title.span.end);
        let first = mentions.partition_point(|m| m.span.end <= start);
        let after = mentions.partition_point(|m| m.span.start < end);
        let inside = &mentions[first..after];
        if inside
            .iter()
            .any(|m| m.span.start < start || m.span.end > end)
        {
            continue; // straddles a longer name: the name wins
        }
        if let Some(next) = mentions.get(after) {
            let gap = &text[end..next.span.start];
            let adjacent = gap.chars().all(|c| {
                c.is_whitespace() || matches!(c, ',' | '(' | ')' | '"' | '\u{201D}' | '\u{201C}')
            });
            if adjacent && next.senses.iter().any(|s| is_person(s.entity)) {
                let holders: Vec<Sense> = next
                    .senses
                    .iter()
                    .copied()
                    .filter(|s| title.senses.iter().any(|t| t.entity == s.entity))
                    .collect();
                if !holders.is_empty() {
                    let next = &mut mentions[after];
                    next.kind = holders[0].kind;
                    next.senses = holders;
                }
                continue;
            }
        }
        mentions.splice(first..after, std::iter::once(title));
    }
    mentions
}

/// A title naming a country or organization ("US ambassador to Kazakhstan")
/// read as its words with those names as slots, so appositives and
/// possessive titles apply: each part's byte range and, for a name, the
/// actor (the longest run of at most 6 words that names one). `None` where
/// the title names no actor.
pub(crate) fn title_parts(
    text: &str,
    span: Span,
    places: &NameIndex,
) -> Option<Vec<(Span, Option<EntityIdx>)>> {
    let s = text.get(span.start..span.end)?;
    let mut spans = Vec::new();
    split_words(s, span.start, &mut spans);
    let mut parts = Vec::new();
    let mut found = false;
    let mut i = 0;
    while i < spans.len() {
        // Longest run of words from i that names an actor.
        let hit = (i + 1..=spans.len().min(i + 6)).rev().find_map(|j| {
            let name = text.get(spans[i].0..spans[j - 1].1)?;
            places.actor(name).map(|e| (j, e))
        });
        match hit {
            Some((j, e)) => {
                parts.push((Span::new(spans[i].0, spans[j - 1].1), Some(e)));
                found = true;
                i = j;
            }
            None => {
                let (a, b) = spans[i];
                parts.push((Span::new(a, b), None));
                i += 1;
            }
        }
    }
    found.then_some(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn held_subtypes_are_the_meeting_nouns_subtypes() {
        // Talks are held somewhere; an agreement or a ceasefire is signed
        // anywhere (their `country` is what they concern).
        for held in ["Talks", "Meeting", "Conference", "Summit"] {
            assert!(HELD_SUBTYPES.iter().any(|s| s == held), "{held}");
        }
        for not_held in ["Agreement", "Ceasefire", "Declaration", "War"] {
            assert!(!HELD_SUBTYPES.iter().any(|s| s == not_held), "{not_held}");
        }
    }

    #[test]
    fn event_phrases_trim_their_glue_words() {
        let cases = [
            ("talks in", "talks"),
            ("the talks in", "talks"),
            ("  peace talks at ", "peace talks"),
            ("talks on the", "talks"),
        ];
        for (hay, want) in cases {
            let r = trim_words(hay, 0, hay.len());
            assert_eq!(&hay[r], want, "trim_words of {hay:?}");
        }
    }

    /// An invented gazetteer: a city, a country with a demonym, an event.
    fn names() -> (Gazetteer, NameIndex) {
        let gaz = Gazetteer::from_toml_str(
            "g.toml",
            r#"
[[entity]]
type = "Place"
name = "Velmora"
[[entity]]
type = "Country"
name = "Karsland"
demonyms = ["Karslandic"]
[[entity]]
type = "Event"
name = "Velmora talks"
"#,
        )
        .unwrap();
        let places = NameIndex::new(&gaz);
        (gaz, places)
    }

    #[test]
    fn an_event_mention_ending_in_in_and_a_place_reads_as_three() {
        let (gaz, places) = names();
        let velmora = gaz.get("velmora").unwrap();
        // (mention text, the place it ends in)
        let cases = [
            ("peace talks in Velmora", Some(velmora)),
            ("peace talks in Karsland", gaz.get("karsland")),
            // Near misses: another preposition, an unknown place, the place
            // as the name's first word, a place named in another case.
            ("peace talks at Velmora", None),
            ("peace talks in Dornholt", None),
            ("Velmora talks", None),
            ("peace talks in velmora", None),
        ];
        for (text, want) in cases {
            let got = event_in_place(text, Span::new(0, text.len()), &places);
            assert_eq!(got.map(|r| r.entity), want, "{text:?}");
            if let Some(r) = got {
                assert_eq!(r.event.of(text), "peace talks", "{text:?}");
                assert_eq!(r.word_in.of(text), "in", "{text:?}");
                assert_eq!(r.place.end, text.len(), "{text:?}");
            }
        }
    }

    #[test]
    fn a_title_reads_as_its_words_with_the_actors_it_names() {
        let (gaz, places) = names();
        let karsland = gaz.get("karsland");
        // (title, its parts: text and whether it is an actor)
        type Parts<'a> = Option<Vec<(&'a str, bool)>>;
        let cases: [(&str, Parts); 4] = [
            (
                "Karsland ambassador to Velmora",
                Some(vec![
                    ("Karsland", true),
                    ("ambassador", false),
                    ("to", false),
                    ("Velmora", false),
                ]),
            ),
            (
                "Karslandic envoy",
                Some(vec![("Karslandic", true), ("envoy", false)]),
            ),
            // Near misses: a place is not an actor; no name at all.
            ("Velmora envoy", None),
            ("special envoy", None),
        ];
        for (text, want) in cases {
            let got = title_parts(text, Span::new(0, text.len()), &places);
            let got: Parts = got.map(|parts| {
                parts
                    .iter()
                    .map(|(s, e)| (s.of(text), e.is_some()))
                    .collect()
            });
            assert_eq!(got, want, "{text:?}");
        }
        let parts = title_parts("Karsland envoy", Span::new(0, 14), &places).unwrap();
        assert_eq!(parts[0].1, karsland);
    }

    #[test]
    fn a_place_is_introduced_by_in_or_at_in_the_same_sentence() {
        let cases = [
            (" are to be held in ", true),
            (" at ", true),
            (" near ", false),
            (". Then in ", false),
            (
                " in a building that is far too far away from anywhere to be read in ",
                false,
            ),
        ];
        for (between, want) in cases {
            assert_eq!(
                introduces_place(between, 0, between.len()),
                want,
                "{between:?}"
            );
        }
    }
}
