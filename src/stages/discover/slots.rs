//! Discovered entities in the relation layer.
//!
//! The relation rules read entity indices of a gazetteer ([`EntityIdx`]); a
//! name discovery found in one document has none. So the relate stage of a
//! pipeline with discovery reads a copy of the gazetteer with **slots**
//! appended ([`slotted`]): entities with a type (and subtype) discovery gives,
//! [`SLOTS_PER_GROUP`] of each, with no name the tagger or the rules' word
//! lookups can match. [`WithDiscovered`] runs the relate stage with every
//! discovered mention of the document added to the mentions, each pointing
//! at the slot of its entity ([`Discovery::slot_of`]), then takes them out
//! again: the relations keep the slot indices, and the edges of the graph
//! read them back to the discovered entity
//! ([`Discovery::entity_in_slot`]).
//!
//! Slots are given per document in order of first mention, per group: the
//! first discovered person takes the first person slot, and so on. A
//! discovered entity past the last slot of its group takes part in no
//! relation (a document with more than [`SLOTS_PER_GROUP`] new people).

use crate::analysis::{Analysis, Mention, MentionKind, Origin, Scratch, Sense, Stage};
use crate::document::Document;
use crate::gazetteer::{Entity, EntityIdx, EntityType, Gazetteer};
use crate::text::Span;

use super::{Discovery, Form};

/// How many slots each group (type and subtype) has.
pub const SLOTS_PER_GROUP: usize = 64;

/// The groups of slots: every type, and the subtypes discovery gives.
const GROUPS: [(EntityType, Option<&str>); 7] = [
    (EntityType::Person, None),
    (EntityType::Organization, None),
    (EntityType::Organization, Some("Media")),
    (EntityType::Organization, Some("ArmedGroup")),
    (EntityType::Place, None),
    (EntityType::Event, None),
    (EntityType::Country, None),
];

/// The group of an entity of this type and subtype.
fn group(ty: EntityType, subtype: Option<&str>) -> usize {
    GROUPS
        .iter()
        .position(|&(t, s)| t == ty && s == subtype)
        .or_else(|| GROUPS.iter().position(|&(t, s)| t == ty && s.is_none()))
        .expect("every type has a group")
}

/// A copy of `gaz` with the slots appended after its entities (whose
/// indices stay the same): the gazetteer a relate stage reads when the
/// pipeline discovers names.
pub fn slotted(gaz: &Gazetteer) -> Gazetteer {
    let mut entities: Vec<Entity> = gaz.iter().map(|(_, e)| e.clone()).collect();
    for (ty, subtype) in GROUPS {
        for k in 0..SLOTS_PER_GROUP {
            // A name no text holds (a control character), so no lookup by
            // name finds a slot; the id names it in messages (`kgx explain`).
            let label = format!("discovered-{}-{k}", ty.as_str().to_lowercase());
            let mut e = Entity::new(ty, &format!("\u{0}{label}"));
            e.id = match subtype {
                Some(s) => format!("{label}-{}", s.to_lowercase()),
                None => label,
            };
            e.subtype = subtype.map(str::to_owned);
            entities.push(e);
        }
    }
    Gazetteer::from_checked(entities)
}

impl Discovery {
    /// The slot of discovered entity `i` (an offset past the gazetteer's
    /// last entity), or `None` past the last slot of its group.
    pub fn slot_of(&self, i: usize) -> Option<usize> {
        let e = self.entities.get(i)?;
        let g = group(e.entity_type, e.subtype);
        let k = self.entities[..i]
            .iter()
            .filter(|x| group(x.entity_type, x.subtype) == g)
            .count();
        (k < SLOTS_PER_GROUP).then_some(g * SLOTS_PER_GROUP + k)
    }

    /// The discovered entity in slot `offset` (an index past the
    /// gazetteer's last entity, minus its length), if this document has one.
    pub fn entity_in_slot(&self, offset: usize) -> Option<&super::NewEntity> {
        let (g, k) = (offset / SLOTS_PER_GROUP, offset % SLOTS_PER_GROUP);
        self.entities
            .iter()
            .filter(|x| group(x.entity_type, x.subtype) == g)
            .nth(k)
    }
}

/// A stage (the relate stage) run with the document's discovered mentions
/// among its mentions, each standing for its entity's slot.
pub struct WithDiscovered<S> {
    inner: S,
    /// Number of entities of the pipeline's gazetteer: the first slot's index.
    base: usize,
}

impl<S: Stage> WithDiscovered<S> {
    /// `inner`, which must read a [`slotted`] copy of the gazetteer of `base` entities.
    pub fn new(inner: S, base: usize) -> WithDiscovered<S> {
        WithDiscovered { inner, base }
    }
}

impl<S: Stage> Stage for WithDiscovered<S> {
    fn name(&self) -> &'static str {
        self.inner.name()
    }

    fn uses_tokens(&self) -> bool {
        self.inner.uses_tokens()
    }

    fn run(&self, doc: &Document, a: &mut Analysis, scratch: &mut Scratch) {
        if a.discovered.mentions.is_empty() {
            return self.inner.run(doc, a, scratch);
        }
        let known = std::mem::take(&mut a.mentions);
        let added = discovered_mentions(&a.discovered, &known, a, self.base);
        if added.is_empty() {
            a.mentions = known;
            return self.inner.run(doc, a, scratch);
        }
        // Merge (both sorted by start, none overlapping), remembering where each came from.
        let mut merged = Vec::with_capacity(known.len() + added.len());
        let mut was_known = Vec::with_capacity(known.len() + added.len());
        let mut new_index = Vec::with_capacity(known.len());
        let mut added = added.into_iter().peekable();
        for m in known {
            while let Some(d) = added.next_if(|d| d.span.start < m.span.start) {
                merged.push(d);
                was_known.push(false);
            }
            new_index.push(merged.len());
            merged.push(m);
            was_known.push(true);
        }
        for d in added {
            merged.push(d);
            was_known.push(false);
        }
        for l in &mut a.links {
            l.mention = new_index[l.mention];
            l.antecedent = new_index[l.antecedent];
        }
        a.mentions = merged;
        self.inner.run(doc, a, scratch);
        // Take them out again: the other layers know gazetteer entities only.
        let mut old_index = vec![usize::MAX; was_known.len()];
        let mut n = 0;
        for (i, &k) in was_known.iter().enumerate() {
            if k {
                old_index[i] = n;
                n += 1;
            }
        }
        let mut i = 0;
        a.mentions.retain(|_| {
            i += 1;
            was_known[i - 1]
        });
        a.links.retain_mut(|l| {
            let (m, t) = (old_index[l.mention], old_index[l.antecedent]);
            l.mention = m;
            l.antecedent = t;
            m != usize::MAX && t != usize::MAX
        });
    }
}

/// The discovered mentions of `found` as mentions of their slots, sorted,
/// leaving out those that overlap a `known` mention (an event named by its
/// place keeps the place) and those whose entity has no slot.
fn discovered_mentions(
    found: &Discovery,
    known: &[Mention],
    a: &Analysis,
    base: usize,
) -> Vec<Mention> {
    let slots: Vec<Option<usize>> = (0..found.entities.len())
        .map(|i| found.slot_of(i))
        .collect();
    let mut out = Vec::with_capacity(found.mentions.len());
    for d in &found.mentions {
        let Some(slot) = slots[d.entity] else {
            continue;
        };
        let span = Span::new(d.start, d.end);
        let at = known.partition_point(|m| m.span.end <= span.start);
        if known.get(at).is_some_and(|m| m.span.start < span.end) {
            continue;
        }
        let kind = match d.form {
            Form::Name => MentionKind::Name,
            Form::Partial => MentionKind::Partial,
            Form::Acronym => MentionKind::Alias,
        };
        let entity = EntityIdx((base + slot) as u32);
        let mut m = Mention::new(span, vec![Sense { entity, kind }]);
        m.entity = Some(entity);
        m.origin = Origin::Discovered;
        if !a.tokens.is_empty() {
            let r = a.tokens.covering(span);
            m.tokens = r.start as u32..r.end as u32;
        }
        out.push(m);
    }
    out
}
