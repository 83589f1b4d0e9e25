//! `where` clauses: what an edge of a relation must agree with in the
//! gazetteer, declared beside the relation in the rules file.
//!
//! ```text
//! relation capital_of Place -> Country
//!     where: object.capital = subject and subject.country = object
//! relation located_in Place -> Place|Country
//!     where: object is Country => subject.country = object and subject is not Place/Continent
//! ```
//!
//! | atom | holds when |
//! |---|---|
//! | `subject.F = object` (F: `country`, `capital`, `part_of`; either end on either side) | the entity has no F, or its F is the other end |
//! | `subject is TYPE`, `subject is not TYPE` | the entity is (is not) of that type (`Place/Continent`, `Country|Place`) |
//!
//! Atoms are joined with `and`. `A => B` (each a conjunction) requires `B`
//! only where `A` holds. A field the gazetteer leaves empty is no evidence
//! against the edge: only what the gazetteer states can contradict it.

use std::fmt;

use super::types::TypeSpec;
use crate::gazetteer::{EntityIdx, Gazetteer};

/// One end of an edge.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum End {
    Subject,
    Object,
}

impl End {
    fn parse(s: &str) -> Option<End> {
        match s {
            "subject" => Some(End::Subject),
            "object" => Some(End::Object),
            _ => None,
        }
    }
}

/// A gazetteer field naming another entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    Country,
    Capital,
    PartOf,
}

impl Field {
    fn parse(s: &str) -> Option<Field> {
        match s {
            "country" => Some(Field::Country),
            "capital" => Some(Field::Capital),
            "part_of" => Some(Field::PartOf),
            _ => None,
        }
    }

    fn of(self, gaz: &Gazetteer, e: EntityIdx) -> Option<EntityIdx> {
        match self {
            Field::Country => gaz.country(e),
            Field::Capital => gaz.capital(e),
            Field::PartOf => gaz.part_of(e),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Atom {
    /// `END.FIELD = OTHER`
    Names { end: End, field: Field, other: End },
    /// `END is [not] TYPE`
    Is {
        end: End,
        types: TypeSpec,
        negated: bool,
    },
}

impl Atom {
    fn parse(s: &str) -> Result<Atom, String> {
        let s = s.trim();
        if let Some((left, right)) = s.split_once(" is ") {
            let end = End::parse(left.trim())
                .ok_or_else(|| format!("\"{}\" is not an end (subject or object)", left.trim()))?;
            let (negated, ty) = match right.trim().strip_prefix("not ") {
                Some(t) => (true, t.trim()),
                None => (false, right.trim()),
            };
            let types = TypeSpec::parse(ty)?;
            return Ok(Atom::Is {
                end,
                types,
                negated,
            });
        }
        if let Some((left, right)) = s.split_once('=') {
            let (end, field) = left.trim().split_once('.').ok_or_else(|| {
                format!("\"{}\" should be END.FIELD (subject.country)", left.trim())
            })?;
            let end = End::parse(end)
                .ok_or_else(|| format!("\"{end}\" is not an end (subject or object)"))?;
            let field = Field::parse(field).ok_or_else(|| {
                format!("unknown field \"{field}\" (expected country, capital or part_of)")
            })?;
            let other = End::parse(right.trim())
                .ok_or_else(|| format!("\"{}\" is not an end (subject or object)", right.trim()))?;
            return Ok(Atom::Names { end, field, other });
        }
        Err(format!(
            "cannot read \"{s}\" (expected `END.FIELD = END` or `END is [not] TYPE`)"
        ))
    }

    fn holds(&self, gaz: &Gazetteer, subject: EntityIdx, object: EntityIdx) -> bool {
        let pick = |e: End| match e {
            End::Subject => subject,
            End::Object => object,
        };
        match self {
            Atom::Names { end, field, other } => {
                field.of(gaz, pick(*end)).is_none_or(|e| e == pick(*other))
            }
            Atom::Is {
                end,
                types,
                negated,
            } => types.accepts(gaz.entity(pick(*end))) != *negated,
        }
    }
}

/// A relation's `where` clause, checked on every edge before it is accepted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Constraint {
    source: String,
    when: Vec<Atom>,
    then: Vec<Atom>,
}

impl Constraint {
    /// Parse the text after `where:`; the error says what is wrong.
    pub(crate) fn parse(s: &str) -> Result<Constraint, String> {
        let conj =
            |s: &str| -> Result<Vec<Atom>, String> { s.split(" and ").map(Atom::parse).collect() };
        let (when, then) = match s.split_once("=>") {
            Some((w, t)) => (conj(w)?, conj(t)?),
            None => (Vec::new(), conj(s)?),
        };
        Ok(Constraint {
            source: s.trim().to_string(),
            when,
            then,
        })
    }

    /// Whether an edge from `subject` to `object` agrees with the clause.
    pub fn holds(&self, gaz: &Gazetteer, subject: EntityIdx, object: EntityIdx) -> bool {
        !self.when.iter().all(|a| a.holds(gaz, subject, object))
            || self.then.iter().all(|a| a.holds(gaz, subject, object))
    }
}

impl fmt::Display for Constraint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.source)
    }
}

/// A relation's `stands_for:` clause: an end of the given types stands for
/// the entity its gazetteer field names, where it names one ("The State
/// Department said it would not send a delegation": the department's
/// refusal is its country's).
///
/// ```text
/// relation declined Actor -> Event
///     stands_for: subject is Organization/Ministry => subject.country
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StandsFor {
    source: String,
    end: End,
    types: TypeSpec,
    field: Field,
}

impl StandsFor {
    /// Parse the text after `stands_for:`; the error says what is wrong.
    pub(crate) fn parse(s: &str) -> Result<StandsFor, String> {
        let expected = "expected `END is TYPE => END.FIELD`";
        let (when, then) = s
            .split_once("=>")
            .ok_or_else(|| format!("cannot read \"{}\" ({expected})", s.trim()))?;
        let Atom::Is {
            end,
            types,
            negated: false,
        } = Atom::parse(when)?
        else {
            return Err(format!("cannot read \"{}\" ({expected})", when.trim()));
        };
        let (end2, field) = then
            .trim()
            .split_once('.')
            .ok_or_else(|| format!("\"{}\" should be END.FIELD ({expected})", then.trim()))?;
        if End::parse(end2) != Some(end) {
            return Err(format!(
                "\"{end2}\" should be the end the clause is about (the same on both sides of =>)"
            ));
        }
        let field = Field::parse(field).ok_or_else(|| {
            format!("unknown field \"{field}\" (expected country, capital or part_of)")
        })?;
        Ok(StandsFor {
            source: s.trim().to_string(),
            end,
            types,
            field,
        })
    }

    /// The edge's ends once the clause applied: the end it is about replaced
    /// by the entity its field names, where that end is of the clause's types
    /// and the gazetteer names one.
    pub fn apply(
        &self,
        gaz: &Gazetteer,
        subject: EntityIdx,
        object: EntityIdx,
    ) -> (EntityIdx, EntityIdx) {
        let at = match self.end {
            End::Subject => subject,
            End::Object => object,
        };
        if !self.types.accepts(gaz.entity(at)) {
            return (subject, object);
        }
        match (self.field.of(gaz, at), self.end) {
            (Some(e), End::Subject) => (e, object),
            (Some(e), End::Object) => (subject, e),
            (None, _) => (subject, object),
        }
    }
}

impl fmt::Display for StandsFor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.source)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::{Entity, EntityType};

    #[test]
    fn clauses_hold_where_the_gazetteer_agrees_or_is_silent() {
        let mut moscow = Entity::new(EntityType::Place, "Moscow");
        moscow.country = Some("russia".into());
        let mut russia = Entity::new(EntityType::Country, "Russia");
        russia.capital = Some("moscow".into());
        let poland = Entity::new(EntityType::Country, "Poland");
        let krakow = Entity::new(EntityType::Place, "Krakow");
        let mut europe = Entity::new(EntityType::Place, "Europe");
        europe.subtype = Some("Continent".into());
        let gaz = Gazetteer::from_entities(vec![moscow, russia, poland, krakow, europe]).unwrap();
        let [moscow, russia, poland, krakow, europe] =
            ["moscow", "russia", "poland", "krakow", "europe"].map(|id| gaz.get(id).unwrap());
        let located = Constraint::parse(
            "object is Country => subject.country = object and subject is not Place/Continent",
        )
        .unwrap();
        let holds = |c: &Constraint, s, o| c.holds(&gaz, s, o);
        assert!(holds(&located, moscow, russia));
        assert!(!holds(&located, moscow, poland));
        assert!(
            holds(&located, krakow, poland),
            "no country stated: no contradiction"
        );
        assert!(
            holds(&located, moscow, krakow),
            "the clause is about countries only"
        );
        assert!(!holds(&located, europe, poland));
        let capital =
            Constraint::parse("object.capital = subject and subject.country = object").unwrap();
        assert!(holds(&capital, moscow, russia));
        assert!(!holds(&capital, krakow, russia));
        assert!(!holds(&capital, moscow, poland));
    }

    #[test]
    fn bad_clauses_say_what_is_wrong() {
        let cases = [
            ("subject.color = object", "unknown field \"color\""),
            ("subjekt is Place", "\"subjekt\" is not an end"),
            ("subject is Plaice", "unknown slot type \"Plaice\""),
            ("subject likes object", "cannot read"),
            ("subject.country = nobody", "\"nobody\" is not an end"),
        ];
        for (text, want) in cases {
            let err = Constraint::parse(text).unwrap_err();
            assert!(err.contains(want), "{text:?}: {err}");
        }
    }

    #[test]
    fn stands_for_replaces_an_end_of_its_types_that_names_the_field() {
        let mut ministry = Entity::new(EntityType::Organization, "Harbour Ministry");
        ministry.subtype = Some("Ministry".into());
        ministry.country = Some("peru".into());
        let mut lone = Entity::new(EntityType::Organization, "Lone Ministry");
        lone.subtype = Some("Ministry".into());
        let mut front = Entity::new(EntityType::Organization, "Coast Front");
        front.subtype = Some("ArmedGroup".into());
        front.country = Some("peru".into());
        let peru = Entity::new(EntityType::Country, "Peru");
        let talks = Entity::new(EntityType::Event, "Lima talks");
        let gaz = Gazetteer::from_entities(vec![ministry, lone, front, peru, talks]).unwrap();
        let [ministry, lone, front, peru, talks] = [
            "harbour-ministry",
            "lone-ministry",
            "coast-front",
            "peru",
            "lima-talks",
        ]
        .map(|id| gaz.get(id).unwrap());
        let sf = StandsFor::parse("subject is Organization/Ministry => subject.country").unwrap();
        assert_eq!(sf.apply(&gaz, ministry, talks), (peru, talks));
        assert_eq!(
            sf.apply(&gaz, lone, talks),
            (lone, talks),
            "no country: itself"
        );
        assert_eq!(
            sf.apply(&gaz, front, talks),
            (front, talks),
            "not a ministry"
        );
        let cases = [
            (
                "subject is Organization/Ministry",
                "expected `END is TYPE => END.FIELD`",
            ),
            ("subject is not Place => subject.country", "cannot read"),
            (
                "subject is Place => object.country",
                "the same on both sides",
            ),
            (
                "subject is Place => subject.colour",
                "unknown field \"colour\"",
            ),
            ("subject is Place => subject", "should be END.FIELD"),
        ];
        for (text, want) in cases {
            let err = StandsFor::parse(text).unwrap_err();
            assert!(err.contains(want), "{text:?}: {err}");
        }
    }
}
