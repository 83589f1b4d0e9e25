//! Mentions: spans of a document that name an entity.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::gazetteer::EntityIdx;
use crate::text::Span;

/// How a mention names its entity.
///
/// The declaration order is the resolver's order of preference (see
/// [`MentionKind::rank`]): where one span can be read several ways, the
/// reading of the lowest rank is taken first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MentionKind {
    /// The canonical name.
    Name,
    /// Another listed name, spelling or acronym.
    Alias,
    /// A demonym standing for a country ("Russian").
    Demonym,
    /// A name of something else standing for the actor ("Moscow said", "the Kremlin").
    Metonym,
    /// A role phrase naming the holder alone ("UN Special Envoy for Syria").
    Title,
    /// A nominal phrase pointing back to a named entity ("the talks").
    Reference,
    /// Part of a person's name ("Lavrov", "de Mistura").
    Partial,
}

impl MentionKind {
    /// Every kind, in order of preference.
    pub const ALL: [MentionKind; 7] = [
        MentionKind::Name,
        MentionKind::Alias,
        MentionKind::Demonym,
        MentionKind::Metonym,
        MentionKind::Title,
        MentionKind::Reference,
        MentionKind::Partial,
    ];

    /// The kind's place in the order of preference (0 is preferred): a name
    /// before an alias, ..., a partial name last. Sorting by kind sorts by it.
    ///
    /// ```
    /// use kgx::analysis::MentionKind;
    /// assert!(MentionKind::Name.rank() < MentionKind::Partial.rank());
    /// assert!(MentionKind::ALL.windows(2).all(|w| w[0].rank() < w[1].rank() && w[0] < w[1]));
    /// ```
    pub const fn rank(self) -> u8 {
        self as u8
    }

    /// The kind's name as written in `kgx tag` output.
    pub fn as_str(self) -> &'static str {
        match self {
            MentionKind::Name => "name",
            MentionKind::Alias => "alias",
            MentionKind::Demonym => "demonym",
            MentionKind::Metonym => "metonym",
            MentionKind::Title => "title",
            MentionKind::Reference => "reference",
            MentionKind::Partial => "partial",
        }
    }
}

/// One meaning a surface form can have: this entity, named this way.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Sense {
    /// The entity.
    pub entity: EntityIdx,
    /// How the form names it.
    pub kind: MentionKind,
}

/// Where a mention came from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Origin {
    /// A surface form of a gazetteer entity.
    #[default]
    Gazetteer,
    /// Proposed by a discovery stage (a name the gazetteer does not know).
    Discovered,
}

/// Index of a mention in [`Analysis::mentions`](super::Analysis::mentions).
pub type MentionId = usize;

/// A tagged span of a document, resolved (or not) to one entity.
///
/// Mentions of a document are sorted by start and never overlap.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// Its bytes in the original text, on char boundaries.
    pub span: Span,
    /// The tokens it covers (indices into [`Analysis::tokens`](super::Analysis::tokens));
    /// empty until the token layer is attached.
    pub tokens: Range<u32>,
    /// How the text names the entity (for the chosen sense).
    pub kind: MentionKind,
    /// The entity, once resolved; `None` where the mention stays ambiguous or
    /// is a reference with nothing to point back to.
    pub entity: Option<EntityIdx>,
    /// Every sense the surface form has in the gazetteer (sorted; at least one).
    pub senses: Vec<Sense>,
    /// Where it came from.
    pub origin: Origin,
}

impl Mention {
    /// An unresolved gazetteer mention of `span` with `senses` (sorted,
    /// preferred first; at least one), its kind that of the first.
    pub fn new(span: Span, senses: Vec<Sense>) -> Mention {
        Mention {
            span,
            tokens: 0..0,
            kind: senses.first().map_or(MentionKind::Name, |s| s.kind),
            entity: None,
            senses,
            origin: Origin::Gazetteer,
        }
    }

    /// The mention's text in `doc_text`.
    pub fn text<'a>(&self, doc_text: &'a str) -> &'a str {
        self.span.of(doc_text)
    }
}
