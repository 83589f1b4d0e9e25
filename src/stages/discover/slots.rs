//! Discovered entities in the relation layer.
//!
//! The relation rules read entity indices of a gazetteer ([`EntityIdx`]); a
//! name discovery found in one document has none. So the relate stage of a
//! pipeline with discovery reads a copy of the gazetteer with **slots**
//! appended ([`slotted`]): entities with a type (and subtype) discovery gives,
//! [`SLOTS_PER_GROUP`] of each, with no name the tagger or the rules' word
//! lookups can match. [`WithDiscovered`] runs the relate stage twice: over
//! the known mentions alone (so the relations between known entities are
//! those of a run without discovery), then over the sentences that hold a
//! discovered mention, with those mentions added, each pointing at the slot
//! of its entity ([`Discovery::slot_of`]); of the second run it keeps the
//! relations with a discovered end. They keep the slot indices; the edges of
//! the graph and `kgx eval` read them back to the discovered entity
//! ([`Discovery::entity_in_slot`], `Pipeline::end`).
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
        self.slots().nth(i).flatten()
    }

    /// The slot of every discovered entity, in order (see [`Discovery::slot_of`]).
    pub fn slots(&self) -> impl Iterator<Item = Option<usize>> + '_ {
        let mut used = [0usize; GROUPS.len()];
        self.entities.iter().map(move |e| {
            let g = group(e.entity_type, e.subtype);
            let k = used[g];
            used[g] += 1;
            (k < SLOTS_PER_GROUP).then_some(g * SLOTS_PER_GROUP + k)
        })
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
        // First the known entities alone: their relations are those of a run
        // without discovery (a new name between two known ones takes none away).
        self.inner.run(doc, a, scratch);
        let added = discovered_mentions(&a.discovered, &a.mentions, a, self.base);
        if added.is_empty() {
            return;
        }
        // Then again over the sentences that hold a discovered mention, with
        // them among the mentions; of what that reads, the relations with a
        // discovered end are added.
        let mut affected: Vec<usize> = added
            .iter()
            .filter_map(|m| a.sentence_at(m.span.start))
            .collect();
        affected.dedup();
        let in_affected = |m: &Mention| {
            a.sentence_at(m.span.start)
                .is_some_and(|s| affected.binary_search(&s).is_ok())
        };
        let mut keep: Vec<bool> = a.mentions.iter().map(in_affected).collect();
        // The antecedents of kept mentions stay too (a relation's end read through coreference).
        loop {
            let mut more = false;
            for l in &a.links {
                if keep[l.mention] && !keep[l.antecedent] {
                    keep[l.antecedent] = true;
                    more = true;
                }
            }
            if !more {
                break;
            }
        }
        let mut merged = Vec::with_capacity(added.len() + keep.len());
        let mut new_index = vec![usize::MAX; keep.len()];
        let mut added = added.into_iter().peekable();
        for (i, m) in a.mentions.iter().enumerate() {
            if !keep[i] {
                continue;
            }
            while let Some(d) = added.next_if(|d| d.span.start < m.span.start) {
                merged.push(d);
            }
            new_index[i] = merged.len();
            merged.push(m.clone());
        }
        merged.extend(added);
        let links = a
            .links
            .iter()
            .filter(|l| keep[l.mention] && keep[l.antecedent])
            .map(|l| crate::analysis::Link {
                mention: new_index[l.mention],
                antecedent: new_index[l.antecedent],
            })
            .collect();
        let known = std::mem::replace(&mut a.mentions, merged);
        let known_links = std::mem::replace(&mut a.links, links);
        let mut relations = std::mem::take(&mut a.relations);
        let exhausted = a.exhausted_searches;
        self.inner.run(doc, a, scratch);
        let base = self.base;
        relations.extend(
            std::mem::take(&mut a.relations)
                .into_iter()
                .filter(|r| r.subject.index() >= base || r.object.index() >= base),
        );
        relations.sort_by_key(|r| r.evidence.sentence);
        a.relations = relations;
        a.exhausted_searches += exhausted;
        // The other layers know gazetteer entities only.
        a.mentions = known;
        a.links = known_links;
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
    let slots: Vec<Option<usize>> = found.slots().collect();
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
