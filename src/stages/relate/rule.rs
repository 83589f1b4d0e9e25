//! The compiled rule model: what a rules file becomes once parsed and checked.

use std::fmt;

use super::constraint::Constraint;
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

/// A declared relation: its name and the types of its two ends.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RelationDecl {
    /// The relation's name.
    pub name: String,
    /// The subject's type.
    pub from: TypeSpec,
    /// The object's type.
    pub to: TypeSpec,
    /// Line of the declaration in the rules file.
    pub line: usize,
    /// Its `where:` clause: what an edge must agree with in the gazetteer.
    pub constraint: Option<Constraint>,
}

impl fmt::Display for RelationDecl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({} -> {})", self.name, self.from, self.to)
    }
}

/// Which end of the relation a slot captures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cap {
    Subj,
    Obj,
}

/// A mention slot: `{subj:Actor+}`, `{obj:Event}`, `{Place}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Slot {
    pub cap: Option<Cap>,
    pub types: TypeSpec,
    /// `+`: the slot takes a coordinated list ("X, Y and Z") and fans out.
    pub coord: bool,
}

/// What a gap may step over.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GapFilter {
    /// `[gap M-N]`: any token.
    Any,
    /// `[words M-N]`: plain words (and in-word punctuation `- ' / &`), no mention.
    Words,
    /// `[gap M-N no T ...]`: any token but mentions of these types and these literal tokens.
    Excluding {
        types: Vec<TypeSpec>,
        words: Vec<String>,
    },
}

/// Marks around a part of a pattern: the trigger, or a role capture.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkKind {
    Trigger,
    Role,
}

/// One element of a compiled pattern. Quantifiers and `@SET`s are expanded
/// at load time into [`Elem::Alt`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Elem {
    /// A literal token, normalised (lower case, straight quotes).
    Word(String),
    /// Alternatives, each a sequence (the empty sequence makes it optional).
    Alt(Vec<Vec<Elem>>),
    Slot(Slot),
    Gap {
        min: usize,
        max: usize,
        filter: GapFilter,
    },
    /// `^`: start of the sentence.
    Start,
    /// `$`: end of the sentence (only closing punctuation may follow).
    End,
    /// `!X`: zero-width, X must not match here.
    Not(Vec<Vec<Elem>>),
    /// `~X`: zero-width, no match of X may end here (X is not right before).
    NotAfter(Vec<Vec<Elem>>),
    /// Opening (`true`) or closing mark of a trigger or role capture.
    Mark(MarkKind, bool),
}

/// An object taken from the document rather than the sentence:
/// `implicit: obj Event like talks | negotiations`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Implicit {
    pub types: TypeSpec,
    /// Words one of which must occur in the mention text or the entity's name (empty: any).
    pub like: Vec<String>,
}

/// One relation rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rule {
    pub id: String,
    /// Index into the rule set's relation declarations.
    pub relation: usize,
    pub pattern: Vec<Elem>,
    /// Blockers: sequences whose presence near the match blocks the rule.
    pub unless: Vec<Vec<Elem>>,
    pub implicit: Option<Implicit>,
    /// Line of the rule in the rules file.
    pub line: usize,
    /// The pattern as written, for `explain`.
    pub source: String,
}

/// A named modality: marker sequences that, near a match, set the `modality` attribute.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Modality {
    pub name: String,
    pub markers: Vec<Vec<Elem>>,
}
