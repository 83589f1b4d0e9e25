//! Type constraints: what type of entity a slot or a relation's end asks
//! for (`Country|Organization`, `Organization/Media`, `Actor`). Used by the
//! compiled rules (`rule.rs`) and by `where` clauses (`constraint.rs`).

use std::fmt;

use crate::gazetteer::{Entity, EntityType};

/// A base type a slot can ask for: one of the five node types, `Actor`
/// (Person, Country or Organization) or `Any`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BaseType {
    Node(EntityType),
    Actor,
    Any,
}

impl BaseType {
    pub(crate) fn parse(s: &str) -> Option<BaseType> {
        match s {
            "Actor" => Some(BaseType::Actor),
            "Any" => Some(BaseType::Any),
            _ => s.parse::<EntityType>().ok().map(BaseType::Node),
        }
    }

    pub(crate) fn accepts(self, t: EntityType) -> bool {
        match self {
            BaseType::Node(n) => n == t,
            BaseType::Actor => t.is_actor(),
            BaseType::Any => true,
        }
    }

    fn members(self) -> Vec<EntityType> {
        EntityType::ALL
            .into_iter()
            .filter(|&t| self.accepts(t))
            .collect()
    }

    fn name(self) -> &'static str {
        match self {
            BaseType::Node(n) => n.as_str(),
            BaseType::Actor => "Actor",
            BaseType::Any => "Any",
        }
    }
}

/// A type constraint: alternatives of `Type` or `Type/Subtype`, as in
/// `Country|Organization` or `Organization/Media`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypeSpec(pub(crate) Vec<(BaseType, Option<String>)>);

impl TypeSpec {
    /// Parse `Person`, `Actor`, `Organization/Media`, `Place|Country`; the error names the bad part.
    pub(crate) fn parse(s: &str) -> Result<TypeSpec, String> {
        let mut alts = Vec::new();
        for part in s.split('|') {
            let part = part.trim();
            let (base, sub) = match part.split_once('/') {
                Some((b, sub)) => (b.trim(), Some(sub.trim())),
                None => (part, None),
            };
            let Some(bt) = BaseType::parse(base) else {
                let hint = [
                    "Person",
                    "Country",
                    "Organization",
                    "Place",
                    "Event",
                    "Actor",
                    "Any",
                ]
                .into_iter()
                .find(|t| t.eq_ignore_ascii_case(base));
                return Err(match hint {
                    Some(h) => format!("unknown slot type \"{base}\" (did you mean \"{h}\"?)"),
                    None => format!(
                        "unknown slot type \"{base}\" (expected Person, Country, Organization, Place, Event, Actor or Any, optionally /Subtype)"
                    ),
                });
            };
            if let Some(sub) = sub {
                if sub.is_empty()
                    || !sub
                        .chars()
                        .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
                {
                    return Err(format!("malformed subtype \"{sub}\" in \"{part}\""));
                }
            }
            alts.push((bt, sub.map(str::to_string)));
        }
        Ok(TypeSpec(alts))
    }

    /// Does this entity satisfy the constraint? Subtypes compare case-insensitively.
    pub fn accepts(&self, e: &Entity) -> bool {
        self.0.iter().any(|(bt, sub)| {
            bt.accepts(e.entity_type)
                && match sub {
                    None => true,
                    Some(s) => e
                        .subtype
                        .as_deref()
                        .is_some_and(|es| es.eq_ignore_ascii_case(s)),
                }
        })
    }

    /// Can some entity satisfy both constraints?
    pub(crate) fn overlaps(&self, other: &TypeSpec) -> bool {
        self.0.iter().any(|(a, asub)| {
            other.0.iter().any(|(b, bsub)| {
                let types = a.members().into_iter().any(|t| b.accepts(t));
                let subs = match (asub, bsub) {
                    (Some(x), Some(y)) => x.eq_ignore_ascii_case(y),
                    _ => true,
                };
                types && subs
            })
        })
    }
}

impl fmt::Display for TypeSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, (bt, sub)) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("|")?;
            }
            f.write_str(bt.name())?;
            if let Some(s) = sub {
                write!(f, "/{s}")?;
            }
        }
        Ok(())
    }
}
