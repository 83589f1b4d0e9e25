//! The compiled rule model: what a rules file becomes once parsed and checked.

use std::fmt;

use super::constraint::{Constraint, StandsFor};
/// The type constraints of slots and relation ends (their own module: `where` clauses use them too).
pub use super::types::{BaseType, TypeSpec};

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
    /// Its `stands_for:` clause: an end that stands for another entity the
    /// gazetteer names (a ministry for its country).
    pub stands_for: Option<StandsFor>,
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
    /// Alternatives, each a sequence (the empty sequence makes it optional),
    /// and which of them may open with a given word ([`AltIndex`], filled in
    /// once the rules' vocabulary is known; empty until then).
    Alt(Vec<Vec<Elem>>, AltIndex),
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

/// Which alternatives of an [`Elem::Alt`] a token may open, by the token's
/// vocabulary id: those opening with a `Word` of that id, and those that
/// do not open with a word of the vocabulary (always tried). Built at load
/// ([`super::matcher::index_alternatives`]) for sets with many alternatives
/// opening with a word (the title sets); `built` is `false` elsewhere, and
/// then every alternative is tried. Derived data: two `Alt`s with the same
/// alternatives are one pattern, so equality ignores it.
#[derive(Clone, Debug, Default)]
pub struct AltIndex {
    /// Whether the index is filled in.
    pub built: bool,
    /// The alternatives (indices, ascending) not opening with a vocabulary word.
    pub always: Vec<u32>,
    /// (word id, alternative) for each alternative opening with a vocabulary
    /// word, sorted (so by word, then alternative, ascending).
    pub by_word: Vec<(u32, u32)>,
}

impl PartialEq for AltIndex {
    fn eq(&self, _: &AltIndex) -> bool {
        true
    }
}

impl Eq for AltIndex {}

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
