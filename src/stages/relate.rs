//! The relate stage: the relation rules read over the sentences, and each
//! candidate edge accepted or rejected.

use std::sync::Arc;

use crate::analysis::{Analysis, Scratch, Stage};
use crate::document::Document;
use crate::gazetteer::{EntityType, Gazetteer};
use crate::relations::{PlaceIndex, Relation, RuleSet};
use crate::text::Span;

/// Sentences longer than this (bytes) are not read by the relation rules.
pub const MAX_SENTENCE_BYTES: usize = 16 * 1024;

/// The relate stage: a rule set and the gazetteer names it needs, indexed once.
pub struct Relate {
    gazetteer: Arc<Gazetteer>,
    rules: Arc<RuleSet>,
    places: PlaceIndex,
}

impl Relate {
    /// The stage for `rules` over `gazetteer` (the one the mentions were tagged with).
    pub fn new(gazetteer: Arc<Gazetteer>, rules: Arc<RuleSet>) -> Relate {
        let places = PlaceIndex::new(&gazetteer);
        Relate {
            gazetteer,
            rules,
            places,
        }
    }
}

impl Stage for Relate {
    fn name(&self) -> &'static str {
        "relate"
    }

    fn run(&self, doc: &Document, a: &mut Analysis, _: &mut Scratch) {
        // A "sentence" longer than any prose sentence (a dump with no full
        // stop) is not read for relations: its tokens would cost memory in
        // proportion to it, and it would be kept as evidence. Emptied in
        // place, so sentence indices stay those of the analysis.
        let readable: Vec<Span> = a
            .sentences
            .iter()
            .map(|&s| {
                if s.len() > MAX_SENTENCE_BYTES {
                    Span::new(s.start, s.start)
                } else {
                    s
                }
            })
            .collect();
        let (mut relations, exhausted) =
            self.rules
                .apply_counted(doc, &readable, &a.mentions, &self.gazetteer, &self.places);
        relations.retain(|r| consistent_with_gazetteer(&self.gazetteer, r));
        a.add_chains(&mut relations);
        a.relations = relations;
        a.exhausted_searches = exhausted;
    }
}

/// Whether a relation read from the text agrees with what the gazetteer
/// states as fact. Geography is where a misparse shows ("in Moscow, Poland,
/// East Germany" is a list, not Moscow in Poland): a place the gazetteer puts
/// in one country is not `located_in` another, a continent is in no country,
/// and a country with a known capital has no other `capital_of`.
///
/// ```
/// use kgx::gazetteer::{Entity, EntityType, Gazetteer};
/// use kgx::stages::relate::consistent_with_gazetteer;
/// use kgx::relations::Relation;
/// let mut moscow = Entity::new(EntityType::Place, "Moscow");
/// moscow.country = Some("russia".into());
/// let gaz = Gazetteer::from_entities(vec![
///     Entity::new(EntityType::Country, "Russia"), Entity::new(EntityType::Country, "Poland"), moscow,
/// ]).unwrap();
/// let rel = |object: &str| Relation {
///     subject: gaz.get("moscow").unwrap(), relation: "located_in".into(), object: gaz.get(object).unwrap(),
///     role: None, modality: None, evidence: Default::default(),
/// };
/// assert!(consistent_with_gazetteer(&gaz, &rel("russia")));
/// assert!(!consistent_with_gazetteer(&gaz, &rel("poland")));
/// ```
pub fn consistent_with_gazetteer(gaz: &Gazetteer, r: &Relation) -> bool {
    let (s, o) = (gaz.entity(r.subject), gaz.entity(r.object));
    match r.relation.as_str() {
        "located_in" if o.entity_type == EntityType::Country => {
            s.subtype.as_deref() != Some("Continent")
                && s.country.as_deref().is_none_or(|c| c == o.id)
        }
        "capital_of" => {
            o.capital.as_deref().is_none_or(|c| c == s.id)
                && s.country.as_deref().is_none_or(|c| c == o.id)
        }
        _ => true,
    }
}
