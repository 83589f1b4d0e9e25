//! Discovered entities in the relation layer.
//!
//! The relation rules read entity indices of a gazetteer ([`EntityIdx`]); a
//! name discovery found in one document has none. So the relate stage of a
//! pipeline with discovery reads a copy of the gazetteer with **slots**
//! appended ([`slotted`]): entities with a type (and subtype) discovery gives,
//! [`SLOTS_PER_GROUP`] of each, with no name the tagger or the rules' word
//! lookups can match. [`WithDiscovered`] runs the relate stage first over
//! the known mentions alone (so the relations between known entities are
//! those of a run without discovery), then over the sentences that hold a
//! discovered mention, with those mentions added, each pointing at a slot of
//! its group; of the second run it keeps the relations with a discovered end,
//! and tells the stage so ([`NewEnds`]): the relate stage then tries a rule
//! only from the tokens a match could reach a slot's mention from, and fans
//! out only the matches that capture one (`Relate::run_new_ends`).
//!
//! Slots are lent, not owned: the sentences with a discovered mention are
//! read in **batches**, in order, each holding as many sentences as fit in
//! [`SLOTS_PER_GROUP`] slots per group, and within a batch each discovered
//! entity takes the next free slot of its group in order of first mention.
//! A relation read in a batch has its slot ends turned back into the
//! discovered entity they stood for: index `base + i`, with `i` its index in
//! [`Discovery::entities`] (in order of first mention, so deterministic). The
//! graph's edges and `kgx eval` read that back ([`Discovery::entity_at`],
//! `Pipeline::end`). So a document with any number of new names has all of
//! them in the relation layer; the relation rules read one sentence at a
//! time (and the antecedents its mentions point back to), so cutting the
//! sentences into batches changes nothing they read. A document with at most
//! [`SLOTS_PER_GROUP`] new names per group is one batch. Only a single
//! sentence with more new names of one group than there are slots leaves
//! the last ones out of the relation layer.

use std::sync::Arc;

use crate::analysis::{Analysis, Mention, MentionKind, Origin, Scratch, Sense, Stage};
use crate::document::Document;
use crate::gazetteer::{Entity, EntityIdx, EntityType, Gazetteer};
use crate::stages::demand::Demand;
use crate::stages::relate::Relate;
use crate::text::Span;

use super::{DiscoveredMention, Discovery, Form};

/// How many slots each group (type and subtype) has: the most new names of
/// one group a batch of sentences holds (see the module documentation).
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

/// `gaz` with the slots appended after its entities (whose indices stay
/// the same; nothing is copied): the gazetteer of a pipeline that discovers
/// names. The tagger and the discoverer are built before the slots are
/// appended; to every other stage a slot is an entity no text names.
pub fn slotted(gaz: Gazetteer) -> Gazetteer {
    let mut entities: Vec<Entity> = Vec::with_capacity(GROUPS.len() * SLOTS_PER_GROUP);
    for (ty, subtype) in GROUPS {
        for k in 0..SLOTS_PER_GROUP {
            // A name no text holds and with no word in it (a control
            // character), so no lookup by name or head word finds a slot; the
            // id names it in messages (`kgx explain`).
            let label = format!("discovered-{}-{k}", ty.as_str().to_lowercase());
            let mut e = Entity::new(ty, "\u{0}");
            e.id = match subtype {
                Some(s) => format!("{label}-{}", s.to_lowercase()),
                None => label,
            };
            e.subtype = subtype.map(str::to_owned);
            entities.push(e);
        }
    }
    gaz.with_appended(entities)
}

impl Discovery {
    /// The discovered entity a relation end stands for: `offset` is its
    /// entity index minus the gazetteer's length (see [`WithDiscovered`]),
    /// which is its index in [`Discovery::entities`].
    pub fn entity_at(&self, offset: usize) -> Option<&super::NewEntity> {
        self.entities.get(offset)
    }
}

/// A stage [`WithDiscovered`] runs again over the discovered mentions: told
/// that of that run only the relations with an end of entity index `base`
/// or more (a slot) are kept, it may leave the others out.
pub trait NewEnds: Stage {
    /// [`Stage::run`], where only the relations with an end of entity
    /// index `base` or more are wanted (the default reads them all).
    fn run_new_ends(&self, doc: &Document, a: &mut Analysis, scratch: &mut Scratch, base: usize) {
        let _ = base;
        self.run(doc, a, scratch);
    }
}

/// The relate stage reads the rules only where a slot can be an end (see
/// [`Relate::run_new_ends`]).
impl NewEnds for Arc<Relate> {
    fn run_new_ends(&self, doc: &Document, a: &mut Analysis, _: &mut Scratch, base: usize) {
        Relate::run_new_ends(self, doc, a, Some(base));
    }
}

/// A stage (the relate stage) run with the document's discovered mentions
/// among its mentions, each standing for a slot of its group.
pub struct WithDiscovered<S> {
    inner: S,
    /// The pipeline's demand gate, if it has one: the first run (over the
    /// known mentions alone) is skipped where it says no relation can come
    /// of them (see [`WithDiscovered::with_demand`]).
    demand: Option<Demand>,
    /// Number of entities of the pipeline's gazetteer: the first slot's index.
    base: usize,
}

impl<S: NewEnds> WithDiscovered<S> {
    /// `inner`, which must read a [`slotted`] copy of the gazetteer of `base` entities.
    pub fn new(inner: S, base: usize) -> WithDiscovered<S> {
        WithDiscovered {
            inner,
            demand: None,
            base,
        }
    }

    /// Skip the first run where `demand` finds that no relation can come of
    /// the known mentions alone ([`Demand::can_yield_known_relation`]): that
    /// run reads those mentions only, so it would find none. Everything else
    /// it may leave in the analysis needs a relation or an open entity too
    /// (a capital read as its state, a frame edge's actor), except the
    /// parses of frames with a parser of their own, which the gate leaves
    /// out of a settled document already. (The count of rule searches out
    /// of steps can then only be lower, as on a settled document.) For a
    /// pipeline built with its demand gate
    /// ([`crate::pipeline::PipelineBuilder::demand`]).
    pub fn with_demand(mut self, demand: Demand) -> WithDiscovered<S> {
        self.demand = Some(demand);
        self
    }
}

/// One run of the relate stage over discovered names: its sentences, the
/// discovered mentions in them (as mentions of their slots), and which
/// discovered entity each slot it uses stands for.
#[derive(Debug, Default)]
struct Batch {
    /// Sentence indices, ascending.
    sentences: Vec<usize>,
    /// Mentions of slots, sorted by start.
    mentions: Vec<Mention>,
    /// The slots in use, in the order they were taken: (slot offset,
    /// `group * SLOTS_PER_GROUP + k`; the discovered entity in it). A list
    /// rather than a table by offset: a batch uses few slots, spread over
    /// offsets up to `GROUPS.len() * SLOTS_PER_GROUP` (a table would be
    /// filled up to the highest group's first slot), and only a relation
    /// with a slot end looks one up.
    in_slot: Vec<(usize, usize)>,
}

impl Batch {
    /// The discovered entity in the slot of offset `slot`, if the batch uses it.
    fn entity_in(&self, slot: usize) -> Option<usize> {
        (self.in_slot.iter()).find_map(|&(s, e)| (s == slot).then_some(e))
    }
}

impl<S: NewEnds> Stage for WithDiscovered<S> {
    fn name(&self) -> &'static str {
        self.inner.name()
    }

    fn uses_tokens(&self) -> bool {
        self.inner.uses_tokens()
    }

    fn run(&self, doc: &Document, a: &mut Analysis, scratch: &mut Scratch) {
        // First the known entities alone: their relations are those of a run
        // without discovery (a new name between two known ones takes none
        // away). Where the known mentions cannot give a relation, that run
        // finds none and is skipped (see `with_demand`).
        if self
            .demand
            .as_ref()
            .is_none_or(|d| d.can_yield_known_relation(a))
        {
            self.inner.run(doc, a, scratch);
        }
        if a.discovered.mentions.is_empty() {
            return;
        }
        // The slot mentions are read by the inner stage alone, and only a
        // stage that reads tokens reads a mention's token range (see
        // `Stage::uses_tokens`): the relate stage's frames, not its rules.
        let with_tokens = self.inner.uses_tokens();
        let batches = batches(&a.discovered, &a.mentions, a, self.base, with_tokens);
        if batches.is_empty() {
            return;
        }
        // Then again over the sentences that hold a discovered mention, a
        // batch at a time, with them among the mentions; of what that reads,
        // the relations with a discovered end are added, each end read back
        // from its slot to the discovered entity (`base` + its index).
        let known = std::mem::take(&mut a.mentions);
        let known_links = std::mem::take(&mut a.links);
        let mut relations = std::mem::take(&mut a.relations);
        let mut exhausted = a.exhausted_searches;
        let base = self.base;
        for batch in batches {
            let (merged, links) = merge(&known, &known_links, a, &batch);
            a.mentions = merged;
            a.links = links;
            // Of this run only the relations with a slot end are kept: the
            // stage may leave out the others.
            self.inner.run_new_ends(doc, a, scratch, base);
            exhausted += a.exhausted_searches;
            // A slot's index back to the discovered entity's.
            let back = |e: EntityIdx| match e.index().checked_sub(base) {
                None => Some(e),
                Some(slot) => batch.entity_in(slot).map(|i| EntityIdx((base + i) as u32)),
            };
            for mut r in std::mem::take(&mut a.relations) {
                if r.subject.index() < base && r.object.index() < base {
                    continue;
                }
                let (Some(s), Some(o)) = (back(r.subject), back(r.object)) else {
                    continue;
                };
                r.subject = s;
                r.object = o;
                relations.push(r);
            }
        }
        relations.sort_by_key(|r| r.evidence.sentence);
        a.relations = relations;
        a.exhausted_searches = exhausted;
        // The other layers know gazetteer entities only.
        a.mentions = known;
        a.links = known_links;
    }
}

/// The known mentions of the batch's sentences (and the antecedents they
/// point back to) with the batch's discovered mentions, sorted, and the
/// coreference links among them. Its cost is that of the batch (and of the
/// links), not of the document.
fn merge(
    known: &[Mention],
    links: &[crate::analysis::Link],
    a: &Analysis,
    batch: &Batch,
) -> (Vec<Mention>, Vec<crate::analysis::Link>) {
    // The known mentions that start in the batch's sentences, ascending.
    let mut ids: Vec<usize> = Vec::new();
    for &s in &batch.sentences {
        let span = a.sentences[s];
        let from = known.partition_point(|m| m.span.start < span.start);
        let to = known.partition_point(|m| m.span.start < span.end);
        ids.extend(from..to);
    }
    // The antecedents of kept mentions stay too (a relation's end read through coreference).
    if !links.is_empty() {
        loop {
            let mut more: Vec<usize> = links
                .iter()
                .filter(|l| {
                    ids.binary_search(&l.mention).is_ok()
                        && ids.binary_search(&l.antecedent).is_err()
                })
                .map(|l| l.antecedent)
                .collect();
            if more.is_empty() {
                break;
            }
            ids.append(&mut more);
            ids.sort_unstable();
            ids.dedup();
        }
    }
    let mut merged = Vec::with_capacity(batch.mentions.len() + ids.len());
    // Per kept mention (as `ids`), its index in `merged`.
    let mut new_index = Vec::with_capacity(ids.len());
    let mut added = batch.mentions.iter().cloned().peekable();
    for &i in &ids {
        let m = &known[i];
        while let Some(d) = added.next_if(|d| d.span.start < m.span.start) {
            merged.push(d);
        }
        new_index.push(merged.len());
        merged.push(m.clone());
    }
    merged.extend(added);
    let at = |i: usize| ids.binary_search(&i).ok().map(|p| new_index[p]);
    let links = links
        .iter()
        .filter_map(|l| {
            Some(crate::analysis::Link {
                mention: at(l.mention)?,
                antecedent: at(l.antecedent)?,
            })
        })
        .collect();
    (merged, links)
}

/// The discovered mentions of `found` in batches for the relate stage: the
/// sentences that hold one, in order, cut where a group would need more
/// than [`SLOTS_PER_GROUP`] slots. Within a batch each discovered entity
/// takes the next free slot of its group in order of first mention, so a
/// document of any number of new names is read whole, and the same document
/// always gives the same batches. A mention that overlaps a `known` one is
/// left out (an event named by its place keeps the place), and so is one
/// in no sentence; a single sentence with more new names of one group than
/// there are slots reads the first ones. With `with_tokens`, each slot
/// mention has the range of the tokens it covers, as the tagger's mentions
/// have; without, none (an empty range, as where there is no token layer):
/// its cache misses in a long document's token layer cost more than all the
/// rest of this function, for a field only a stage reading tokens reads.
fn batches(
    found: &Discovery,
    known: &[Mention],
    a: &Analysis,
    base: usize,
    with_tokens: bool,
) -> Vec<Batch> {
    let mut out: Vec<Batch> = Vec::new();
    let mut batch = Batch::default();
    let mut used = [0usize; GROUPS.len()];
    // Per discovered entity, its slot in the current batch.
    let mut slot: Vec<Option<usize>> = vec![None; found.entities.len()];
    let mut i = 0;
    let mentions = &found.mentions;
    // The mentions of one sentence, and the entities among them counted (kept from one sentence to the next).
    let mut here: Vec<&DiscoveredMention> = Vec::new();
    let mut counted: Vec<usize> = Vec::new();
    while i < mentions.len() {
        let Some(s) = a.sentence_at(mentions[i].start) else {
            i += 1;
            continue;
        };
        // The mentions of sentence `s`: i..j. (The mentions are sorted by
        // start, and sentence `s` holds mention `i`: a later one is in it
        // exactly when it starts before its end.)
        let end = a.sentences[s].end;
        let mut j = i + 1;
        while j < mentions.len() && mentions[j].start < end {
            j += 1;
        }
        here.clear();
        here.extend(mentions[i..j].iter().filter(|d| {
            let at = known.partition_point(|m| m.span.end <= d.start);
            known.get(at).is_none_or(|m| m.span.start >= d.end)
        }));
        i = j;
        if here.is_empty() {
            continue;
        }
        // The new slots this sentence needs per group; a new batch where they do not fit.
        let mut need = [0usize; GROUPS.len()];
        counted.clear();
        for d in &here {
            if slot[d.entity].is_none() && !counted.contains(&d.entity) {
                counted.push(d.entity);
                let e = &found.entities[d.entity];
                need[group(e.entity_type, e.subtype)] += 1;
            }
        }
        if (0..GROUPS.len()).any(|g| used[g] + need[g] > SLOTS_PER_GROUP)
            && !batch.sentences.is_empty()
        {
            for &(_, e) in &batch.in_slot {
                slot[e] = None;
            }
            out.push(std::mem::take(&mut batch));
            used = [0; GROUPS.len()];
        }
        batch.sentences.push(s);
        for &d in &here {
            let e = &found.entities[d.entity];
            let g = group(e.entity_type, e.subtype);
            let k = match slot[d.entity] {
                Some(k) => k,
                None if used[g] < SLOTS_PER_GROUP => {
                    let k = g * SLOTS_PER_GROUP + used[g];
                    used[g] += 1;
                    slot[d.entity] = Some(k);
                    batch.in_slot.push((k, d.entity));
                    k
                }
                None => continue,
            };
            batch
                .mentions
                .push(slot_mention(d, s, base + k, a, with_tokens));
        }
    }
    if !batch.sentences.is_empty() {
        out.push(batch);
    }
    out
}

/// Discovered mention `d`, which starts in sentence `s`, as a mention of
/// the slot entity `index`; its tokens only `with_tokens` (see [`batches`]).
fn slot_mention(
    d: &DiscoveredMention,
    s: usize,
    index: usize,
    a: &Analysis,
    with_tokens: bool,
) -> Mention {
    let span = Span::new(d.start, d.end);
    let kind = match d.form {
        Form::Name => MentionKind::Name,
        Form::Partial => MentionKind::Partial,
        Form::Acronym => MentionKind::Alias,
    };
    let entity = EntityIdx(index as u32);
    let mut m = Mention::new(span, vec![Sense { entity, kind }]);
    m.entity = Some(entity);
    m.origin = Origin::Discovered;
    if with_tokens && !a.tokens.is_empty() {
        let r = covering_from_sentence(a, s, span);
        m.tokens = r.start as u32..r.end as u32;
    }
    m
}

/// `a.tokens.covering(span)` for a span that starts in sentence `s`, its
/// first token searched among the sentence's tokens instead of the
/// document's: a binary search over all of a long document's tokens missed
/// the cache at nearly every step (two thirds of [`batches`]' time).
///
/// Exact: the token layer's tokens are in order and do not overlap, so
/// their ends ascend and `covering`'s first token (the first that ends
/// after `span.start`) is one place, the partition point of "ends by
/// `span.start`". Where the token before the sentence's (if any) ends by
/// `span.start` and the token after them (if any) ends after it, that
/// place lies among the sentence's tokens or just after them, where the
/// search looks. (It does for a span that starts inside the sentence: the
/// earlier sentences' tokens end by the sentence's start, the later ones'
/// end after its end.) Anywhere else, as for a token layer made of other
/// sentences, the document-wide search is taken.
fn covering_from_sentence(a: &Analysis, s: usize, span: Span) -> std::ops::Range<usize> {
    let all = a.tokens.as_slice();
    let own = a.tokens.sentence(s);
    let ends_by = |t: &crate::text::Token| t.span.end <= span.start;
    let fenced = own.start <= own.end
        && own.end <= all.len()
        && (own.start == 0 || ends_by(&all[own.start - 1]))
        && all.get(own.end).is_none_or(|t| !ends_by(t));
    if !fenced {
        return a.tokens.covering(span);
    }
    let first = own.start + all[own.clone()].partition_point(ends_by);
    // The tokens from `first` on that start before the span ends, as `covering` takes them.
    let mut last = first;
    while !span.is_empty() && last < all.len() && all[last].span.start < span.end {
        last += 1;
    }
    first..last
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::Arc;

    use super::{slotted, NewEnds, WithDiscovered};
    use crate::analysis::{Scratch, Stage};
    use crate::stages::relate::Relate;

    use crate::analysis::Analysis;
    use crate::gazetteer::Gazetteer;
    use crate::pipeline::{Pipeline, PipelineBuilder};
    use crate::stages::demand::Demand;
    use crate::stages::discover::Discoverer;
    use crate::stages::relate::{RuleSet, DEFAULT_RULES};
    use crate::text::Span;
    use crate::Document;

    /// Two plain countries and a plain organisation: none open, so a
    /// document naming one of them alone gives the first run nothing.
    const GAZ: &str = r#"
[[entity]]
id = "sylvania"
type = "Country"
name = "Sylvania"

[[entity]]
id = "marxonia"
type = "Country"
name = "Marxonia"

[[entity]]
id = "water-council"
type = "Organization"
name = "Water Council"
"#;

    fn gazetteer() -> Gazetteer {
        Gazetteer::from_toml_str("slots-test.toml", GAZ).unwrap()
    }

    /// `kgx extract --discover --no-frames`, with the demand gate (and so the
    /// first run's skip) or without.
    fn pipeline(demand: bool) -> Pipeline {
        let rules = RuleSet::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join(DEFAULT_RULES))
            .expect("shipped rules");
        PipelineBuilder::new(gazetteer())
            .rules(rules)
            .discover(Discoverer::shipped())
            .demand(demand)
            .build()
    }

    fn relations(a: &Analysis) -> Vec<String> {
        a.relations.iter().map(|r| format!("{r:?}")).collect()
    }

    /// The first run is skipped only where the known mentions alone can
    /// give no relation, and then no relation goes missing: one known
    /// entity and a discovered name keep theirs (read by the second run),
    /// two known entities keep theirs (read by the first run, which a skip
    /// in the wrong place would lose).
    #[test]
    fn skipping_the_first_run_loses_no_relation() {
        // (text, whether the known mentions alone can give a relation,
        // whether the relations have a discovered end)
        let cases = [
            (
                "Ines Falk, a spokeswoman for the Water Council, said the vote was delayed.",
                false,
                true,
            ),
            (
                "Sylvania's ambassador, Tomas Ruiz, arrived on Friday.",
                false,
                true,
            ),
            // The known end in another sentence, read through coreference.
            (
                "The Water Council met on Monday. Its spokeswoman, Ines Falk, said the vote was delayed.",
                false,
                true,
            ),
            // Two new names, one a new end of a known one's relation.
            (
                "Pia Moen, a spokeswoman for the Water Council, met Tomas Ruiz.",
                false,
                true,
            ),
            (
                "Sylvania supports Marxonia in the dispute, spokeswoman Ines Falk said.",
                true,
                false,
            ),
        ];
        let (gated, full) = (pipeline(true), pipeline(false));
        let demand = Demand::new(&gazetteer());
        let base = gazetteer().len();
        for (i, (text, known_can, new_end)) in cases.into_iter().enumerate() {
            let doc = Document::new(format!("d{i}"), text);
            let (g, f) = (gated.extract(&doc), full.extract(&doc));
            assert_eq!(relations(&g), relations(&f), "{text}");
            assert!(!g.discovered.entities.is_empty(), "{text}: a name is found");
            assert_eq!(demand.can_yield_known_relation(&g), known_can, "{text}");
            assert!(demand.can_yield_relation(&g), "{text}");
            assert!(!f.relations.is_empty(), "{text}: a relation to keep");
            let has_new_end = |a: &Analysis| {
                a.relations
                    .iter()
                    .any(|r| r.subject.index() >= base || r.object.index() >= base)
            };
            let has_known_pair = |a: &Analysis| {
                a.relations
                    .iter()
                    .any(|r| r.subject.index() < base && r.object.index() < base)
            };
            assert_eq!(has_new_end(&f), new_end, "{text}");
            assert_eq!(has_known_pair(&f), !new_end, "{text}");
        }
    }

    /// [`super::covering_from_sentence`] gives `Tokens::covering` for every
    /// span of every sentence (empty ones too), with a token layer of all
    /// sentences and one that starts at a later sentence; and for a wrong
    /// sentence (the one before or after) it still does, by the
    /// document-wide search: a search among the wrong sentence's tokens
    /// would give another range (checked: such a search without the fence
    /// fails here).
    #[test]
    fn a_mention_s_tokens_are_found_among_its_sentence_s() {
        let texts = [
            "Ines Falk met Tomas Ruiz. They spoke  of the U.S. plan\u{a0}at length! \
             Then Pia Moen left; nobody \u{201c}knew\u{201d} why. Short. End",
            "One. Two three.   Four five six.",
        ];
        let mut wrong_differs = 0;
        for text in texts {
            let doc = Document::new("d", text);
            for first in [0, 1, 2] {
                let mut a = Analysis::new(&doc, false);
                a.tokens = crate::text::Tokens::from_sentence(text, &a.sentences, first);
                for (s, sentence) in a.sentences.iter().enumerate() {
                    for start in sentence.start..sentence.end {
                        for end in start..=sentence.end {
                            if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
                                continue;
                            }
                            let span = Span::new(start, end);
                            let want = a.tokens.covering(span);
                            assert_eq!(
                                super::covering_from_sentence(&a, s, span),
                                want,
                                "{text:?} from sentence {first}: {start}..{end} in {s}"
                            );
                            for wrong in [s.wrapping_sub(1), s + 1] {
                                if wrong >= a.sentences.len() {
                                    continue;
                                }
                                let own = a.tokens.sentence(wrong);
                                let all = a.tokens.as_slice();
                                let unfenced = own.start
                                    + all[own.clone()].partition_point(|t| t.span.end <= start);
                                wrong_differs += usize::from(unfenced != want.start);
                                assert_eq!(
                                    super::covering_from_sentence(&a, wrong, span),
                                    want,
                                    "{text:?}: {start}..{end} looked up in {wrong}"
                                );
                            }
                        }
                    }
                }
            }
        }
        assert!(
            wrong_differs > 0,
            "a wrong sentence's own search would differ"
        );
    }

    /// The relate stage as a stage that reads tokens: the slot mentions it
    /// is given then have their token ranges.
    struct ReadingTokens(Arc<Relate>);

    impl Stage for ReadingTokens {
        fn name(&self) -> &'static str {
            "relate"
        }

        fn run(&self, doc: &Document, a: &mut Analysis, scratch: &mut Scratch) {
            self.0.run(doc, a, scratch);
        }

        fn uses_tokens(&self) -> bool {
            true
        }
    }

    impl NewEnds for ReadingTokens {
        fn run_new_ends(&self, d: &Document, a: &mut Analysis, s: &mut Scratch, base: usize) {
            self.0.run_new_ends(d, a, s, base);
        }
    }

    /// The relate stage without frames reads no mention's token range, so
    /// leaving the slot mentions' out (`batches` without tokens) changes no
    /// relation: run over discovered names with them and without, it gives
    /// the same relations, and some with a discovered end.
    #[test]
    fn slot_mentions_without_tokens_give_the_same_relations() {
        let rules = RuleSet::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join(DEFAULT_RULES))
            .expect("shipped rules");
        let base = gazetteer().len();
        let relate = Arc::new(Relate::new(Arc::new(slotted(gazetteer())), Arc::new(rules)));
        let without = WithDiscovered::new(relate.clone(), base);
        let with = WithDiscovered::new(ReadingTokens(relate), base);
        assert!(!without.uses_tokens() && with.uses_tokens());
        let texts = [
            "Ines Falk, a spokeswoman for the Water Council, said the vote was delayed.",
            "Sylvania's ambassador, Tomas Ruiz, arrived on Friday. Pia Moen, a spokeswoman \
             for the Water Council, met Tomas Ruiz. Marxonia backs the Bright Dawn Front.",
            "The Water Council met on Monday. Its spokeswoman, Ines Falk, said the vote was delayed.",
        ];
        let pipeline = pipeline(false);
        let mut new_ends = 0;
        for (i, text) in texts.into_iter().enumerate() {
            let doc = Document::new(format!("d{i}"), text);
            let mut a = pipeline.extract(&doc);
            a.relations.clear();
            assert!(!a.tokens.is_empty(), "{text}: a token layer to read");
            let batches = super::batches(&a.discovered, &a.mentions, &a, base, true);
            assert!(
                (batches.iter().flat_map(|b| &b.mentions)).any(|m| !m.tokens.is_empty()),
                "{text}: slot mentions with tokens"
            );
            let mut b = a.clone();
            let mut scratch = Scratch::default();
            without.run(&doc, &mut a, &mut scratch);
            with.run(&doc, &mut b, &mut scratch);
            assert_eq!(relations(&a), relations(&b), "{text}");
            new_ends += (a.relations.iter())
                .filter(|r| r.subject.index() >= base || r.object.index() >= base)
                .count();
        }
        assert!(new_ends > 0, "relations with a discovered end");
    }
}
