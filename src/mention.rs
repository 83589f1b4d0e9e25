//! Mentions: spans of a document that name an entity.

use serde::{Deserialize, Serialize};

use crate::gazetteer::EntityIdx;

/// How a mention names its entity.
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
    pub entity: EntityIdx,
    pub kind: MentionKind,
}

/// A tagged span of a document, resolved (or not) to one entity.
///
/// `start..end` are byte offsets into the document's original text, on char
/// boundaries; mentions of a document are sorted by `start` and never overlap.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    /// How the text names the entity (for the chosen sense).
    pub kind: MentionKind,
    /// The entity, once resolved; `None` where the mention stays ambiguous or
    /// is a reference with nothing to point back to.
    pub entity: Option<EntityIdx>,
    /// Every sense the surface form has in the gazetteer (sorted; at least one).
    pub senses: Vec<Sense>,
}

impl Mention {
    /// The mention's text in `doc_text`.
    pub fn text<'a>(&self, doc_text: &'a str) -> &'a str {
        &doc_text[self.start..self.end]
    }
}
