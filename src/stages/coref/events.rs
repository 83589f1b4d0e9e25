//! Event references the gazetteer gives to several events: "the talks",
//! "peace talks", "the negotiations" where a user's gazetteer lists the same
//! `references` for the US-Taliban talks and the intra-Afghan talks.
//!
//! The resolver ([`crate::stages::resolve`]) takes the most recent event
//! named before such a reference, and leaves it unresolved where none was.
//! This pass, run first in the coreference stage, reads what the sentence
//! says about the event, in this order:
//!
//! 1. **Place.** "talks in Doha", "talks (are to be held) in Qatar's capital":
//!    only events the gazetteer places there (their country, or the place's
//!    country) remain; where none does, the pass leaves the mention alone.
//!    An event is a candidate where it was named before, where its country
//!    is named in the document, or where the text places the noun in it
//!    ("Further talks are to be held in Geneva" is the Geneva round, though
//!    the article named only the Astana talks before) or at a place its own
//!    names name ("Talks opened in Valmora" of the "Valmora talks", an entry
//!    with no country).
//! 2. **Parties.** The actors named with the noun — "talks between A and B",
//!    "talks with A", or, where there is no such phrase, the actors before the
//!    noun in its sentence back to the last event named ("A and B opened peace
//!    talks") — are matched against each event's parties: the actors its own
//!    name and aliases name ("US-Taliban talks": the United States and the
//!    Taliban; "intra-Afghan talks": Afghanistan). An actor matches a party
//!    by itself, its country or what it is part of. The one event with the
//!    most matches wins, over the resolver's choice too.
//! 3. **Recency.** Else the resolver's choice stands; where it made none,
//!    the event mentioned most recently before (a reference this pass
//!    resolved counts, so "the talks" after "peace talks between A and B"
//!    follows it).
//! 4. **Placed elsewhere.** Any reference to one event (shared or not)
//!    whose sentence places something, after "in" or "at", only where that
//!    event is not held, goes to the one other event of its subtype that the
//!    document names (before or after) and that is held there: "The
//!    declaration was signed in the Kenyan capital ... after five days of
//!    talks" is the Nairobi meeting the article names, not the Pretoria
//!    talks whose reference "the talks" is. A place right after another
//!    event's mention is that event's; an agreement or truce, signed
//!    anywhere, is never moved.
//!
//! Where none of these tells two events apart, the reference stays
//! unresolved: a true tie links nothing.

use std::collections::{HashMap, HashSet};

use crate::analysis::{Analysis, Mention, MentionKind};
use crate::gazetteer::forms::{self, key};
use crate::gazetteer::{EntityIdx, EntityType, Gazetteer};
use crate::stages::compose::in_event_country;
use crate::stages::resolve::{anchors, introduces_place, place_fits, word_before};

/// The longest party name read inside an event's name, in words.
const PARTY_WORDS: usize = 4;
/// The most bytes between a noun and what is named with it ("between the").
const GAP: usize = 24;

/// Per event, the actors its name and aliases name: its parties.
#[derive(Debug, Default)]
pub struct EventParties {
    parties: HashMap<EntityIdx, Vec<EntityIdx>>,
    /// Per event, each party's form as its names write it.
    forms: HashMap<EntityIdx, Vec<(String, EntityIdx)>>,
    /// Event subtypes (lower case) whose named parties take part in them.
    subtypes: Vec<String>,
    /// Per event, the places its name and aliases name ("Valmora talks":
    /// Valmora): where the text places a reference of it there, the event is
    /// in play, as where it places it in the event's country.
    places: HashMap<EntityIdx, Vec<EntityIdx>>,
    /// Participles (lower case) that, after an actor inside an event's own
    /// name, make the actor its broker ("U.N.-brokered truce").
    broker_marks: Vec<String>,
}

/// An actor a mention names in its own text, with the byte span that names it.
pub type Named = (EntityIdx, (usize, usize));

impl EventParties {
    /// Read the parties of every event of `gaz` from its names: every run of
    /// up to four words of an event's name or alias that is a name, alias or
    /// demonym of a Person, Country or Organization.
    pub fn new(gaz: &Gazetteer) -> EventParties {
        let mut grams: HashMap<String, Vec<EntityIdx>> = HashMap::new();
        for (idx, e) in gaz.iter() {
            if e.entity_type != EntityType::Event {
                continue;
            }
            for form in std::iter::once(&e.name).chain(&e.aliases) {
                let k = key(form);
                let words: Vec<&str> = k.split(' ').filter(|w| !w.is_empty()).collect();
                for n in 1..=PARTY_WORDS.min(words.len()) {
                    for w in words.windows(n) {
                        grams.entry(w.join(" ")).or_default().push(idx);
                    }
                }
            }
        }
        let mut parties: HashMap<EntityIdx, Vec<EntityIdx>> = HashMap::new();
        let mut written: HashMap<EntityIdx, Vec<(String, EntityIdx)>> = HashMap::new();
        let mut places: HashMap<EntityIdx, Vec<EntityIdx>> = HashMap::new();
        forms::for_each(gaz, |f| {
            let named = matches!(
                f.kind,
                MentionKind::Name | MentionKind::Alias | MentionKind::Demonym
            );
            if named && gaz.entity(f.entity).entity_type == EntityType::Place {
                if let Some(events) = grams.get(&key(&f.text)) {
                    for &ev in events {
                        places.entry(ev).or_default().push(f.entity);
                    }
                }
                return;
            }
            if !named || !gaz.entity(f.entity).entity_type.is_actor() {
                return;
            }
            if let Some(events) = grams.get(&key(&f.text)) {
                for &ev in events {
                    parties.entry(ev).or_default().push(f.entity);
                    written
                        .entry(ev)
                        .or_default()
                        .push((f.text.to_string(), f.entity));
                }
            }
        });
        for p in parties.values_mut().chain(places.values_mut()) {
            p.sort_unstable();
            p.dedup();
        }
        EventParties {
            parties,
            forms: written,
            subtypes: Vec::new(),
            places,
            broker_marks: Vec::new(),
        }
    }

    /// Name the event subtypes (lower case) whose parties, named in an
    /// event's own mention, take part in it ([`EventParties::named_in`]).
    pub fn with_subtypes(mut self, subtypes: &[String]) -> EventParties {
        self.subtypes = subtypes.to_vec();
        self
    }

    /// Name the participles (lower case) that, written after an actor inside
    /// an event's own name, make that actor its broker
    /// ([`EventParties::brokers_in`]).
    pub fn with_broker_marks(mut self, marks: &[String]) -> EventParties {
        self.broker_marks = marks.to_vec();
        self
    }

    /// The actors a mention of `event` (at `span` of `text`) names in its
    /// own text, each with its byte range inside the mention: every
    /// whole-word occurrence of one of its parties' forms, longest first,
    /// none overlapping another, one per actor, in text order.
    fn occurrences(
        &self,
        text: &str,
        span: (usize, usize),
        event: EntityIdx,
    ) -> Vec<(usize, usize, EntityIdx)> {
        let (Some(forms), Some(written)) = (self.forms.get(&event), text.get(span.0..span.1))
        else {
            return Vec::new();
        };
        let lower = written.to_ascii_lowercase();
        let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
        let mut found: Vec<(usize, usize, EntityIdx)> = Vec::new();
        for (form, party) in forms {
            let f = form.to_ascii_lowercase();
            for (at, w) in lower.match_indices(&f) {
                let end = at + w.len();
                if boundary(lower[..at].chars().next_back())
                    && boundary(lower[end..].chars().next())
                {
                    found.push((at, end, *party));
                }
            }
        }
        found.sort_by_key(|&(a, b, _)| (std::cmp::Reverse(b - a), a));
        let mut kept: Vec<(usize, usize, EntityIdx)> = Vec::new();
        for f in found {
            if kept.iter().all(|k| f.1 <= k.0 || f.0 >= k.1) && kept.iter().all(|k| k.2 != f.2) {
                kept.push(f);
            }
        }
        kept.sort_unstable();
        kept
    }

    /// Whether the mention text `written`, from byte `end` of an actor's
    /// occurrence, goes on with a broker mark: a hyphen (or dash, or a
    /// space) and one of [`EventParties::with_broker_marks`] as a whole word.
    fn marks_broker(&self, written: &str, end: usize) -> bool {
        let rest = written[end..].trim_start_matches([' ', '-', '\u{2010}', '\u{2013}']);
        if rest.len() == written.len() - end {
            return false; // the actor runs on into a word: no mark after it
        }
        let word: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '-')
            .collect::<String>()
            .to_lowercase();
        self.broker_marks.contains(&word)
    }

    /// The brokers a mention of `event` names in its own text, each with its
    /// byte span: an actor followed by a broker mark ("the U.N.-brokered
    /// truce", "the Egyptian-mediated ceasefire", an alias of the event),
    /// whatever the event's subtype. The actor arranged what the mention
    /// names; it is no party to it ([`EventParties::named_in`] leaves it out).
    pub fn brokers_in(&self, text: &str, span: (usize, usize), event: EntityIdx) -> Vec<Named> {
        self.parties_and_brokers(None, text, span, event).1
    }

    /// The parties a mention of `event` names in its own text, each with its
    /// byte span, where it names two or more and the event's subtype is one
    /// of [`EventParties::with_subtypes`]: "the U.S.-Taliban agreement" names
    /// the United States and the Taliban, who take part in it. Empty otherwise
    /// ("intra-Afghan talks" names one). A broker named in it ("the
    /// Qatar-brokered Sylvania-Borduria accord") is no party
    /// ([`EventParties::brokers_in`]).
    pub fn named_in(
        &self,
        gaz: &Gazetteer,
        text: &str,
        span: (usize, usize),
        event: EntityIdx,
    ) -> Vec<Named> {
        self.parties_and_brokers(Some(gaz), text, span, event).0
    }

    /// [`EventParties::named_in`] (where `gaz` is given; none where it is
    /// not) and [`EventParties::brokers_in`] of one mention, from one scan
    /// of its text for the actors it names.
    pub fn parties_and_brokers(
        &self,
        gaz: Option<&Gazetteer>,
        text: &str,
        span: (usize, usize),
        event: EntityIdx,
    ) -> (Vec<Named>, Vec<Named>) {
        let Some(written) = text.get(span.0..span.1) else {
            return (Vec::new(), Vec::new());
        };
        let fits = gaz.is_some_and(|gaz| {
            gaz.entity(event)
                .subtype
                .as_deref()
                .is_some_and(|t| self.subtypes.iter().any(|s| s.eq_ignore_ascii_case(t)))
        });
        let at = |(a, b, e): (usize, usize, EntityIdx)| (e, (span.0 + a, span.0 + b));
        let (brokers, mut parties): (Vec<_>, Vec<_>) = self
            .occurrences(text, span, event)
            .into_iter()
            .partition(|&(_, end, _)| self.marks_broker(written, end));
        if !fits || parties.len() < 2 {
            parties.clear();
        }
        (
            parties.into_iter().map(at).collect(),
            brokers.into_iter().map(at).collect(),
        )
    }

    /// The parties of `event` (sorted; empty where its names name none).
    pub fn of(&self, event: EntityIdx) -> &[EntityIdx] {
        self.parties.get(&event).map_or(&[], Vec::as_slice)
    }

    /// The places the names of `event` name (sorted; "Valmora talks":
    /// Valmora): a reference placed there may be that event.
    pub fn places_of(&self, event: EntityIdx) -> &[EntityIdx] {
        self.places.get(&event).map_or(&[], Vec::as_slice)
    }

    /// Whether `actor` is one of the parties of `event`: itself, its
    /// country, or what it is part of.
    pub fn takes_part(&self, gaz: &Gazetteer, event: EntityIdx, actor: EntityIdx) -> bool {
        let parties = self.of(event);
        [Some(actor), gaz.country(actor), gaz.part_of(actor)]
            .into_iter()
            .flatten()
            .any(|a| parties.binary_search(&a).is_ok())
    }
}

/// The distinct events among `m`'s senses, where it is a reference to
/// more than one event, or to one the resolver left it without (and
/// nothing else names it).
fn shared_reference(gaz: &Gazetteer, m: &Mention) -> Option<Vec<EntityIdx>> {
    if m.senses.iter().any(|s| s.kind != MentionKind::Reference) {
        return None;
    }
    let mut events: Vec<EntityIdx> = m
        .senses
        .iter()
        .map(|s| s.entity)
        .filter(|&e| gaz.entity(e).entity_type == EntityType::Event)
        .collect();
    events.sort_unstable();
    events.dedup();
    // One event the resolver could not anchor may still be placed by the text.
    (events.len() >= 2 || (events.len() == 1 && m.entity.is_none())).then_some(events)
}

/// The gap between two byte offsets, lower case, words joined by one space.
fn gap(text: &str, from: usize, to: usize) -> Option<String> {
    let g = text.get(from..to)?;
    (g.len() <= GAP && !g.contains(['.', ';', '!', '?'])).then(|| {
        g.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    })
}

fn actor(gaz: &Gazetteer, m: &Mention) -> Option<EntityIdx> {
    m.entity.filter(|&e| gaz.entity(e).entity_type.is_actor())
}

fn is_event(gaz: &Gazetteer, m: &Mention) -> bool {
    m.entity
        .map(|e| gaz.entity(e).entity_type == EntityType::Event)
        .unwrap_or_else(|| {
            m.senses
                .iter()
                .any(|s| gaz.entity(s.entity).entity_type == EntityType::Event)
        })
}

/// The actors named with the event noun at mention `i` (see the module doc),
/// and the index of the first mention after what they cover.
fn named_with(gaz: &Gazetteer, text: &str, a: &Analysis, i: usize) -> (Vec<EntityIdx>, usize) {
    let ms = &a.mentions;
    let m = &ms[i];
    let sentence = a.sentence_at(m.span.start);
    let same = |j: usize| a.sentence_at(ms[j].span.start) == sentence;
    // "talks between A and B", "talks with A".
    if let Some(next) = ms.get(i + 1).filter(|_| same(i + 1)) {
        let opens = gap(text, m.span.end, next.span.start);
        if matches!(
            opens.as_deref(),
            Some("between" | "between the" | "with" | "with the")
        ) {
            let mut out = Vec::new();
            let mut j = i + 1;
            while let Some(e) = ms.get(j).filter(|_| same(j)).and_then(|n| actor(gaz, n)) {
                out.push(e);
                j += 1;
                let joined = ms
                    .get(j)
                    .and_then(|n| gap(text, ms[j - 1].span.end, n.span.start));
                if !matches!(
                    joined.as_deref(),
                    Some("and" | "and the" | "," | ", and" | ", and the" | ", the")
                ) {
                    break;
                }
            }
            return (out, j);
        }
    }
    // The actors before it in its sentence, back to the last event named.
    let mut out = Vec::new();
    for j in (0..i).rev() {
        if !same(j) || is_event(gaz, &ms[j]) {
            break;
        }
        if let Some(e) = actor(gaz, &ms[j]) {
            out.push(e);
        }
    }
    out.reverse();
    (out, i + 1)
}

/// The place given right after mention `j - 1` ("in Doha", "at Qatar's
/// capital"), as a Place or Country.
fn place_after(gaz: &Gazetteer, text: &str, a: &Analysis, j: usize) -> Option<EntityIdx> {
    let ms = &a.mentions;
    let (prev, next) = (ms.get(j.checked_sub(1)?)?, ms.get(j)?);
    if !introduces_place(text, prev.span.end, next.span.start) {
        return None;
    }
    next.entity.filter(|&e| {
        matches!(
            gaz.entity(e).entity_type,
            EntityType::Place | EntityType::Country
        )
    })
}

/// Whether the words before byte `pos` place what starts there: "in" or
/// "at", maybe with "the" between ("signed in the Kenyan capital").
fn located_at(text: &str, pos: usize) -> bool {
    let mut word = word_before(text, pos);
    if word == "the" {
        let the = text[..pos].trim_end().len() - "the".len();
        word = word_before(text, the);
    }
    matches!(word.as_str(), "in" | "at")
}

/// Step 4 of the module doc: where the sentence of reference `i` places
/// something ("signed in the Kenyan capital after five days of talks") only
/// where its event is not held, and the document names exactly one other
/// event of the same subtype held there, that event. A place that is
/// another event's own ("the talks would prepare the meeting in Hilltown")
/// says nothing of this one; an event not held somewhere (an agreement) is
/// never moved (`place_fits`).
fn placed_elsewhere(
    gaz: &Gazetteer,
    text: &str,
    a: &Analysis,
    i: usize,
    named: &HashSet<EntityIdx>,
) -> Option<EntityIdx> {
    let ms = &a.mentions;
    let m = &ms[i];
    let e = m.entity.filter(|_| m.kind == MentionKind::Reference)?;
    let event = gaz.entity(e);
    if event.entity_type != EntityType::Event {
        return None;
    }
    let sentence = a.sentence_at(m.span.start);
    let places: Vec<EntityIdx> = (0..ms.len())
        .filter(|&j| a.sentence_at(ms[j].span.start) == sentence)
        .filter(|&j| located_at(text, ms[j].span.start))
        .filter(|&j| {
            !(j > 0
                && is_event(gaz, &ms[j - 1])
                && introduces_place(text, ms[j - 1].span.end, ms[j].span.start))
        })
        .filter_map(|j| ms[j].entity)
        .filter(|&p| {
            matches!(
                gaz.entity(p).entity_type,
                EntityType::Place | EntityType::Country
            )
        })
        .collect();
    if places.is_empty() || places.iter().any(|&p| place_fits(gaz, e, p)) {
        return None;
    }
    let mut others = named.iter().copied().filter(|&o| {
        o != e
            && gaz.entity(o).entity_type == EntityType::Event
            && gaz.entity(o).subtype == event.subtype
            && places.iter().any(|&p| in_event_country(gaz, o, p))
    });
    let other = others.next()?;
    others.next().is_none().then_some(other)
}

/// Resolve, in `a`, the references shared by several events (module doc).
/// Returns how many references it resolved that the resolver had left
/// unresolved.
pub fn resolve_references(
    gaz: &Gazetteer,
    parties: &EventParties,
    text: &str,
    a: &mut Analysis,
) -> usize {
    // Most documents have no reference this pass can change: they are left
    // as they are, with no set of named entities built (see `may_change`).
    if !a.mentions.iter().any(may_change) {
        return 0;
    }
    resolve_all(gaz, parties, text, a)
}

/// Whether [`resolve_references`] can change mention `m` (its entity or
/// kind): a shared reference ([`shared_reference`] asks every sense, and at
/// least one, to be of kind `Reference`, so the first is) or a reference
/// placed elsewhere ([`placed_elsewhere`] asks `m.kind` to be `Reference`).
/// A mention that is neither is read (as named, or as the latest event)
/// only while a later one is resolved: with no mention of either kind, the
/// pass changes nothing and returns 0.
fn may_change(m: &Mention) -> bool {
    m.kind == MentionKind::Reference
        || m.senses
            .first()
            .is_some_and(|s| s.kind == MentionKind::Reference)
}

/// [`resolve_references`] over every mention.
fn resolve_all(gaz: &Gazetteer, parties: &EventParties, text: &str, a: &mut Analysis) -> usize {
    // The entities the document names outright, for the anchor test.
    let named: HashSet<EntityIdx> = a
        .mentions
        .iter()
        .filter(|m| m.kind != MentionKind::Reference)
        .filter_map(|m| m.entity)
        .collect();
    let mut last: HashMap<EntityIdx, usize> = HashMap::new();
    let mut newly = 0;
    for i in 0..a.mentions.len() {
        if let Some(mut cands) = shared_reference(gaz, &a.mentions[i]) {
            let (with, after) = named_with(gaz, text, a, i);
            // "Talks convened by Qatar opened in Valmora": the place after
            // the agent of a participle is the noun's too.
            let place = place_after(gaz, text, a, after).or_else(|| {
                let agent = a.mentions.get(after).filter(|n| actor(gaz, n).is_some())?;
                let by = gap(
                    text,
                    a.mentions.get(after.checked_sub(1)?)?.span.end,
                    agent.span.start,
                )?;
                (by.split(' ').next_back() == Some("by"))
                    .then(|| place_after(gaz, text, a, after + 1))
                    .flatten()
            });
            // Named before, its country (or container) named in the
            // document, or placed by the text in its gazetteer country or
            // at a place its own names name ("talks ... in Valmora" of the
            // Valmora talks, an entry with no country).
            cands.retain(|&e| {
                last.contains_key(&e)
                    || anchors(gaz, e).any(|x| named.contains(&x))
                    || place.is_some_and(|p| {
                        in_event_country(gaz, e, p) || parties.places_of(e).contains(&p)
                    })
            });
            if let Some(place) = place {
                // Talks held elsewhere than the text places them: other
                // talks. An agreement or truce may be signed anywhere
                // (`place_fits`).
                cands.retain(|&e| place_fits(gaz, e, place));
            }
            let score = |e: EntityIdx| {
                with.iter()
                    .filter(|&&p| parties.takes_part(gaz, e, p))
                    .count()
            };
            let best = cands.iter().map(|&e| score(e)).max().unwrap_or(0);
            let top: Vec<EntityIdx> = cands
                .iter()
                .copied()
                .filter(|&e| score(e) == best)
                .collect();
            let chosen = if cands.is_empty() {
                None
            } else if (best > 0 || cands.len() == 1) && top.len() == 1 {
                Some(top[0])
            } else if let Some(e) = a.mentions[i].entity {
                Some(e)
            } else {
                cands
                    .iter()
                    .filter_map(|e| last.get(e).map(|&at| (at, *e)))
                    .max()
                    .map(|(_, e)| e)
            };
            let m = &mut a.mentions[i];
            if chosen.is_some() {
                if m.entity.is_none() {
                    newly += 1;
                }
                m.entity = chosen;
                m.kind = MentionKind::Reference;
            }
        }
        if let Some(other) = placed_elsewhere(gaz, text, a, i, &named) {
            a.mentions[i].entity = Some(other);
        }
        if let Some(e) = a.mentions[i].entity {
            if gaz.entity(e).entity_type == EntityType::Event {
                last.insert(e, i);
            }
        }
    }
    newly
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;
    use crate::stages::coref::lexicon::CorefLexicon;
    use crate::stages::resolve::resolve;
    use crate::stages::tag::Tagger;

    const GAZ: &str = r#"
[[entity]]
type = "Country"
name = "Freedonia"
demonyms = ["Freedonian"]
[[entity]]
type = "Country"
name = "Sylvania"
[[entity]]
type = "Country"
name = "Borduria"
[[entity]]
type = "Place"
name = "Lakeport"
country = "borduria"
[[entity]]
type = "Place"
name = "Hilltown"
country = "sylvania"
[[entity]]
type = "Organization"
name = "Red Brigade"
country = "freedonia"
references = ["the rebels"]
[[entity]]
type = "Organization"
name = "Freedonian government"
country = "freedonia"
[[entity]]
type = "Person"
name = "Ana Ruiz"
country = "sylvania"
[[entity]]
type = "Event"
subtype = "Talks"
name = "Sylvania-Red Brigade talks"
country = "borduria"
references = ["the talks", "peace talks"]
[[entity]]
type = "Event"
subtype = "Talks"
name = "intra-Freedonian talks"
country = "borduria"
references = ["the talks", "peace talks"]
[[entity]]
type = "Event"
name = "Hilltown conference"
country = "sylvania"
references = ["the talks", "peace talks"]
[[entity]]
type = "Event"
subtype = "Talks"
name = "Hilltown meeting"
country = "sylvania"
[[entity]]
type = "Event"
subtype = "Ceasefire"
name = "Sylvania-Borduria truce"
[[entity]]
type = "Event"
subtype = "Agreement"
name = "Freedonian peace accord"
country = "freedonia"
references = ["the accord", "the declaration"]
[[entity]]
type = "Event"
subtype = "Agreement"
name = "Sylvanian accord"
country = "sylvania"
references = ["the accord"]
[[entity]]
type = "Event"
subtype = "Talks"
name = "Borduria-Red Brigade talks"
aliases = ["Freedonian-brokered Borduria-Red Brigade talks", "Freedonian mediated Borduria-Red Brigade talks",
           "Freedonian-backed Borduria-Red Brigade talks"]
[[entity]]
type = "Place"
name = "Marlow"
[[entity]]
type = "Event"
subtype = "Talks"
name = "Marlow talks"
references = ["negotiations"]
"#;

    /// The entity id of each mention whose text is `word`, in order (`-` for none).
    fn resolved(text: &str, word: &str) -> Vec<String> {
        let gaz = Gazetteer::from_toml_str("t.toml", GAZ).unwrap();
        let doc = Document::new("d", text);
        let mut a = Analysis::new(&doc, false);
        a.mentions = Tagger::new(&gaz).tag(text);
        resolve(&gaz, text, &mut a.mentions);
        let parties = EventParties::new(&gaz);
        resolve_references(&gaz, &parties, text, &mut a);
        a.mentions
            .iter()
            .filter(|m| m.kind == MentionKind::Reference && m.text(text).ends_with(word))
            .map(|m| {
                m.entity
                    .map_or("-".to_string(), |e| gaz.entity(e).id.clone())
            })
            .collect()
    }

    #[test]
    fn parties_come_from_the_event_names() {
        let gaz = Gazetteer::from_toml_str("t.toml", GAZ).unwrap();
        let p = EventParties::new(&gaz);
        let ids = |ev: &str| -> Vec<String> {
            p.of(gaz.get(ev).unwrap())
                .iter()
                .map(|&e| gaz.entity(e).id.clone())
                .collect()
        };
        assert_eq!(
            ids("sylvania-red-brigade-talks"),
            ["sylvania", "red-brigade"]
        );
        assert_eq!(ids("intra-freedonian-talks"), ["freedonia"]);
        assert!(ids("hilltown-conference").is_empty());
    }

    #[test]
    fn parties_named_in_an_event_mention() {
        let gaz = Gazetteer::from_toml_str("t.toml", GAZ).unwrap();
        let marks = CorefLexicon::shipped().broker_marks;
        let p = EventParties::new(&gaz)
            .with_subtypes(&["talks".to_string()])
            .with_broker_marks(&marks);
        // (case, text, event id, the parties named with their text)
        type Party = (&'static str, &'static str);
        let cases: &[(&str, &str, &str, &[Party])] = &[
            (
                "two parties in a hyphenated name",
                "the Sylvania-Red Brigade talks",
                "sylvania-red-brigade-talks",
                &[("sylvania", "Sylvania"), ("red-brigade", "Red Brigade")],
            ),
            (
                "near-miss: one party named is none",
                "the intra-Freedonian talks",
                "intra-freedonian-talks",
                &[],
            ),
            (
                "near-miss: a subtype not listed (a truce names its brokers)",
                "the Sylvania-Borduria truce",
                "sylvania-borduria-truce",
                &[],
            ),
            (
                "near-miss: a broker named beside the parties is no party",
                "the Freedonian-brokered Borduria-Red Brigade talks",
                "borduria-red-brigade-talks",
                &[("borduria", "Borduria"), ("red-brigade", "Red Brigade")],
            ),
        ];
        for (case, text, event, want) in cases {
            let start = text.find(|c: char| c.is_uppercase()).unwrap();
            let ev = gaz.get(event).unwrap();
            let got: Vec<(String, &str)> = p
                .named_in(&gaz, text, (start, text.len()), ev)
                .into_iter()
                .map(|(e, (a, b))| (gaz.entity(e).id.clone(), &text[a..b]))
                .collect();
            let got: Vec<(&str, &str)> = got.iter().map(|(e, t)| (e.as_str(), *t)).collect();
            assert_eq!(&got, want, "case {case}: {text}");
        }
    }

    #[test]
    fn brokers_named_in_an_event_mention() {
        let gaz = Gazetteer::from_toml_str("t.toml", GAZ).unwrap();
        let marks = CorefLexicon::shipped().broker_marks;
        let p = EventParties::new(&gaz).with_broker_marks(&marks);
        // (case, text, event id, the brokers named with their text)
        type Broker = (&'static str, &'static str);
        let cases: &[(&str, &str, &str, &[Broker])] = &[
            (
                "a broker before a hyphen",
                "the Freedonian-brokered Borduria-Red Brigade talks",
                "borduria-red-brigade-talks",
                &[("freedonia", "Freedonian")],
            ),
            (
                "a broker before a space",
                "the Freedonian mediated Borduria-Red Brigade talks",
                "borduria-red-brigade-talks",
                &[("freedonia", "Freedonian")],
            ),
            (
                "near-miss: a party's name goes on with another name",
                "the Borduria-Red Brigade talks",
                "borduria-red-brigade-talks",
                &[],
            ),
            (
                "near-miss: a word that is no broker mark",
                "the Freedonian-backed Borduria-Red Brigade talks",
                "borduria-red-brigade-talks",
                &[],
            ),
        ];
        for (case, text, event, want) in cases {
            let start = text.find(|c: char| c.is_uppercase()).unwrap();
            let ev = gaz.get(event).unwrap();
            let got: Vec<(String, &str)> = p
                .brokers_in(text, (start, text.len()), ev)
                .into_iter()
                .map(|(e, (a, b))| (gaz.entity(e).id.clone(), &text[a..b]))
                .collect();
            let got: Vec<(&str, &str)> = got.iter().map(|(e, t)| (e.as_str(), *t)).collect();
            assert_eq!(&got, want, "case {case}: {text}");
        }
    }

    #[test]
    fn event_references_table() {
        // (case, text, the reference's text, the entity of each occurrence)
        let cases: &[(&str, &str, &str, &[&str])] = &[
            // round 15: an event with no country, placed by the place its name names
            (
                "no country: the text places the noun at the place the event's name names",
                "Negotiations opened in Marlow on Monday.",
                "Negotiations",
                &["marlow-talks"],
            ),
            (
                "near-miss no country: the document names the place, the text does not place the noun there",
                "Ana Ruiz flew to Marlow. Negotiations opened on Monday.",
                "Negotiations",
                &["-"],
            ),
            (
                "no country: placed past the agent of a participle",
                "Negotiations convened by Ana Ruiz opened in Marlow on Monday.",
                "Negotiations",
                &["marlow-talks"],
            ),
            (
                "near-miss no country: past the agent, another place",
                "Negotiations convened by Ana Ruiz opened in Lakeport on Monday.",
                "Negotiations",
                &["-"],
            ),
            (
                "near-miss no country: the place of the agent's own clause, after a sentence mark",
                "Negotiations were convened by Ana Ruiz. She lives in Marlow.",
                "Negotiations",
                &["-"],
            ),
            (
                "near-miss no country: another place",
                "Negotiations opened in Lakeport on Monday.",
                "Negotiations",
                &["-"],
            ),
            (
                "between: the parties named with the noun",
                "Borduria hosts many meetings on Freedonia. The Freedonian government was kept out of a year of talks between the rebels and Ana Ruiz in Lakeport.",
                "talks",
                &["sylvania-red-brigade-talks"],
            ),
            (
                "subject: the actors before the noun",
                "Borduria hosts many meetings on Freedonia. The Freedonian government and the Red Brigade opened peace talks in Lakeport. The talks went on.",
                "talks",
                &["intra-freedonian-talks", "intra-freedonian-talks"],
            ),
            (
                "near-miss: a tie links nothing",
                "Borduria hosts many meetings on Freedonia. The Red Brigade welcomed peace talks in Lakeport.",
                "talks",
                &["-"],
            ),
            (
                "near-miss: a second event named in between takes the later reference",
                "Borduria hosts many meetings on Freedonia. The Freedonian government and the Red Brigade opened peace talks. Sylvania-Red Brigade talks also resumed. The talks went well.",
                "talks",
                &["intra-freedonian-talks", "sylvania-red-brigade-talks"],
            ),
            (
                "place: the text places the noun where only one event is held",
                "Ana Ruiz spoke. Further talks are to be held in Hilltown.",
                "talks",
                &["hilltown-conference"],
            ),
            (
                "place: an event of another place is left out",
                "Sylvania and Borduria sent envoys. Ana Ruiz praised the peace talks in Hilltown.",
                "talks",
                &["hilltown-conference"],
            ),
            (
                "place: talks held elsewhere than the text places them are left out",
                "Borduria hosts many meetings on Freedonia. Freedonian envoys praised the peace talks in Freedonia.",
                "talks",
                &["-"],
            ),
            (
                "signing place: an agreement's country is the one it concerns, not where it is signed",
                "Freedonia and the Red Brigade met in Lakeport. They signed the declaration in Lakeport.",
                "declaration",
                &["freedonian-peace-accord"],
            ),
            (
                "signing place: a reference two agreements share, the one whose country is named",
                "Freedonian envoys signed the accord in Lakeport.",
                "accord",
                &["freedonian-peace-accord"],
            ),
            (
                "near-miss: a signing place admits no agreement whose country the document never names",
                "Ana Ruiz praised the accord signed in Lakeport.",
                "accord",
                &["-"],
            ),
            (
                "placed elsewhere: the one other event of its kind the document names, held there",
                "The Sylvania-Red Brigade talks ended. Ana Ruiz signed a paper in Hilltown after three days of talks. The Hilltown meeting was short.",
                "talks",
                &["hilltown-meeting"],
            ),
            (
                "placed elsewhere, with the article: 'in the Sylvanian capital' is in Sylvania",
                "The Sylvania-Red Brigade talks ended. Ana Ruiz signed a paper in the Sylvania capital after three days of talks. The Hilltown meeting was short.",
                "talks",
                &["hilltown-meeting"],
            ),
            (
                "near-miss placed elsewhere: no other event of its kind named",
                "The Sylvania-Red Brigade talks ended. Ana Ruiz signed a paper in Hilltown after three days of talks.",
                "talks",
                &["sylvania-red-brigade-talks"],
            ),
            (
                "near-miss placed elsewhere: a place where the event is held keeps it",
                "The Sylvania-Red Brigade talks ended. Ana Ruiz signed a paper in Lakeport after three days of talks. The Hilltown meeting was short.",
                "talks",
                &["sylvania-red-brigade-talks"],
            ),
            (
                "near-miss placed elsewhere: the place of another event's mention",
                "The Sylvania-Red Brigade talks ended. Ana Ruiz said the talks would shape the Hilltown meeting in Hilltown.",
                "talks",
                &["sylvania-red-brigade-talks"],
            ),
            (
                "near-miss: a signing place in an agreement's country admits it alone",
                "Ana Ruiz praised the accord signed in Hilltown.",
                "accord",
                &["sylvanian-accord"],
            ),
        ];
        for (case, text, word, want) in cases {
            let got = resolved(text, word);
            let got: Vec<&str> = got.iter().map(String::as_str).collect();
            assert_eq!(&got, want, "case {case}: {text}");
        }
        for (case, text, ..) in cases {
            changes_only_what_may_change(case, text);
        }
    }

    /// The skip of `resolve_references`: the whole pass (`resolve_all`)
    /// changes the entity or kind only of mentions `may_change` admits, so
    /// with none it changes nothing and returns 0. (Run over every text of
    /// `event_references_table` too.)
    fn changes_only_what_may_change(case: &str, text: &str) {
        let gaz = Gazetteer::from_toml_str("t.toml", GAZ).unwrap();
        let doc = Document::new("d", text);
        let mut a = Analysis::new(&doc, false);
        a.mentions = Tagger::new(&gaz).tag(text);
        resolve(&gaz, text, &mut a.mentions);
        let before = a.mentions.clone();
        let parties = EventParties::new(&gaz);
        let newly = resolve_all(&gaz, &parties, text, &mut a);
        let mut any = false;
        for (m, old) in a.mentions.iter().zip(&before) {
            any |= may_change(old);
            if (m.entity, m.kind) != (old.entity, old.kind) {
                assert!(may_change(old), "case {case}: {text}: {:?}", old.text(text));
            }
        }
        if !any {
            assert_eq!(newly, 0, "case {case}: {text}");
        }
    }

    #[test]
    fn documents_with_no_reference_are_left_alone() {
        for text in [
            "Ana Ruiz flew to Marlow. The Hilltown meeting was short.",
            "Freedonia and Sylvania signed the Sylvania-Borduria truce in Lakeport.",
            "The Hilltown conference opened in Lakeport. Ana Ruiz spoke there.",
            "Sylvania said it would come.",
        ] {
            changes_only_what_may_change("no reference", text);
        }
        // The table's own texts have references, each one `may_change`.
        let gaz = Gazetteer::from_toml_str("t.toml", GAZ).unwrap();
        let text = "Ana Ruiz spoke. Further talks are to be held in Hilltown.";
        let mut mentions = Tagger::new(&gaz).tag(text);
        resolve(&gaz, text, &mut mentions);
        assert!(mentions.iter().any(may_change), "{text}");
    }
}
