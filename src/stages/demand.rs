//! The demand gate: whether any relation can come of a document at all,
//! decided right after resolution from what the layers below already hold.
//!
//! `kgx extract` writes a graph: every resolved mention's entity becomes a
//! node, and the relations become its edges. Coreference, the parse, the
//! frames and the relation rules reach that graph only through relations
//! (a pronoun or description counts neither as a mention nor as an alias of
//! a node). A relation joins two *different* entities (the accept chain
//! rejects one whose ends are the same entity, after `stands_for:`). So a
//! document where fewer than two entities can ever be a relation's ends
//! yields the same graph whether those stages run or not, and
//! [`Demand::can_yield_relation`] lets the pipeline stop after resolution
//! there ([`crate::pipeline::PipelineBuilder::demand`]).
//!
//! Where a relation's ends come from, and why each is counted:
//!
//! * a mention's entity, or one of its senses (a metonym sense: "Moscow"
//!   for Russia; an event among a reference's senses): every sense of every
//!   mention, resolved or not, and every discovered entity, is counted;
//! * a coreference mention (pronoun, description, title standing alone,
//!   implied event, set phrase, "we"): it stands for the entity of an
//!   antecedent mention (a set for its members' mentions), which is counted
//!   already;
//! * an `implicit:` object: the latest mention of its type, counted already;
//! * an entity the gazetteer ties to another: `stands_for:` puts a ministry's
//!   country (`country`, `capital` or `part_of`) in its place, a capital or a
//!   seat stands for its state, a title's words name its owner (the frames and
//!   the rules look inside a title mention), an event's name names its
//!   parties, a place holds an event. An entity with such a tie is *open*:
//!   one open entity may give a relation on its own, so a document naming
//!   one is never passed over. Open are: places and events (by type), every
//!   entity with `country`, `capital` or `part_of`, every person with
//!   `titles` or a `role` attribute, and every entity another names in its
//!   `country`, `capital` or `part_of`; a discovered place or event; and a
//!   document with a title mention (whatever its entity) counts as open.
//!
//! A document passes when it names two or more entities, or one open one.
//!
//! ```
//! use kgx::analysis::{Analysis, Mention, MentionKind, Sense};
//! use kgx::gazetteer::Gazetteer;
//! use kgx::stages::demand::Demand;
//! use kgx::text::Span;
//! use kgx::Document;
//! let gaz = Gazetteer::from_toml_str(
//!     "g.toml",
//!     "[[entity]]\nid = \"a\"\ntype = \"Country\"\nname = \"Aland\"\n\
//!      [[entity]]\nid = \"b\"\ntype = \"Country\"\nname = \"Borduria\"\n",
//! )
//! .unwrap();
//! let demand = Demand::new(&gaz);
//! let doc = Document::new("d", "Aland spoke. Borduria left.");
//! let mut a = Analysis::new(&doc, false);
//! let mention = |start, end, id| {
//!     let e = gaz.get(id).unwrap();
//!     let mut m = Mention::new(Span::new(start, end), vec![Sense { entity: e, kind: MentionKind::Name }]);
//!     m.entity = Some(e);
//!     m
//! };
//! a.mentions.push(mention(0, 5, "a"));
//! assert!(!demand.can_yield_relation(&a)); // one entity: no relation can join two
//! a.mentions.push(mention(13, 21, "b"));
//! assert!(demand.can_yield_relation(&a));
//! ```

use crate::analysis::{Analysis, MentionKind};
use crate::gazetteer::{EntityIdx, EntityType, Gazetteer};

/// Which entities of a gazetteer are open (see the module doc), built once.
#[derive(Clone, Debug)]
pub struct Demand {
    /// Per entity of the gazetteer (discovery's slots after them are not
    /// here: a discovered entity is judged by its own type).
    open: Vec<bool>,
}

impl Demand {
    /// The open entities of `gaz` (see the module doc).
    pub fn new(gaz: &Gazetteer) -> Demand {
        let mut open = vec![false; gaz.len()];
        for (idx, e) in gaz.iter() {
            let ties = [gaz.country(idx), gaz.capital(idx), gaz.part_of(idx)];
            let titled = e.entity_type == EntityType::Person
                && (!e.titles.is_empty() || e.attributes.contains_key("role"));
            // (The loader checks that each tie names an entry, and every
            // reader of a tie asks these resolved ones.)
            if matches!(e.entity_type, EntityType::Place | EntityType::Event)
                || titled
                || ties.iter().any(Option::is_some)
            {
                open[idx.index()] = true;
            }
            for other in ties.into_iter().flatten() {
                if let Some(slot) = open.get_mut(other.index()) {
                    *slot = true;
                }
            }
        }
        Demand { open }
    }

    /// Whether a relation can come of the document whose layers up to
    /// resolution (and discovery) `a` holds: two or more entities named, or
    /// one open one, or a title mention (see the module doc).
    pub fn can_yield_relation(&self, a: &Analysis) -> bool {
        let named = match self.known_ends(a) {
            KnownEnds::Enough => return true,
            KnownEnds::Closed(named) => named,
        };
        // Discovered entities are other entities than any known one, and
        // than each other.
        let found = &a.discovered.entities;
        if found
            .iter()
            .any(|e| matches!(e.entity_type, EntityType::Place | EntityType::Event))
        {
            return true;
        }
        found.len() + named >= 2
    }

    /// Whether a relation can come of `a`'s known mentions alone, its
    /// discovered entities left out: [`Demand::can_yield_relation`] of the
    /// same analysis without discovery. Where it is `false`, a reading of
    /// the relations over the known mentions alone finds none (the module
    /// doc's argument, for a document that names only these entities), so
    /// discovery's first run of the relate stage
    /// ([`crate::stages::discover::WithDiscovered`]) is skipped.
    pub fn can_yield_known_relation(&self, a: &Analysis) -> bool {
        matches!(self.known_ends(a), KnownEnds::Enough)
    }

    /// What the known mentions of `a` (every mention's entity and senses)
    /// give a relation's ends.
    fn known_ends(&self, a: &Analysis) -> KnownEnds {
        let mut first: Option<EntityIdx> = None;
        let mut named = |e: EntityIdx| -> bool {
            if self.open.get(e.index()).copied().unwrap_or(true) {
                return true;
            }
            match first {
                None => {
                    first = Some(e);
                    false
                }
                Some(f) => f != e,
            }
        };
        for m in &a.mentions {
            if m.kind == MentionKind::Title || m.senses.iter().any(|s| s.kind == MentionKind::Title)
            {
                return KnownEnds::Enough;
            }
            if m.entity.is_some_and(&mut named) || m.senses.iter().any(|s| named(s.entity)) {
                return KnownEnds::Enough;
            }
        }
        KnownEnds::Closed(usize::from(first.is_some()))
    }
}

/// What a document's known mentions give a relation's ends ([`Demand::known_ends`]).
enum KnownEnds {
    /// Two entities or more, or an open one, or a title mention: a relation
    /// may come of them alone.
    Enough,
    /// This many entities (0 or 1), none open and no title mention.
    Closed(usize),
}
