//! The discovered-names layer: entities the gazetteer lacks and their
//! mentions, as the discovery stage (`stages/discover/`) adds them to an
//! [`Analysis`](super::Analysis).

use crate::gazetteer::EntityType;

/// An entity the gazetteer lacks, proposed by discovery in one document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewEntity {
    /// Provisional id: the slug of `name` (suffixed where it would clash with a gazetteer id).
    pub id: String,
    /// The fullest form seen in the document.
    pub name: String,
    /// The type guessed from the cue.
    pub entity_type: EntityType,
    /// A finer type where the cue tells it (`Media`, `ArmedGroup`).
    pub subtype: Option<&'static str>,
    /// What made it a name (`title`, `role`, `appositive`, `byline`, `head`, ...).
    pub cue: &'static str,
    /// Its acronym, where the document defines or uses one.
    pub acronym: Option<String>,
}

/// How a discovered mention writes its entity's name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    /// The name as found by a cue, or the same name again.
    Name,
    /// Part of a person's name (the surname).
    Partial,
    /// The acronym of an organisation.
    Acronym,
}

impl Form {
    /// The form's name in `kgx tag` output.
    pub fn as_str(self) -> &'static str {
        match self {
            Form::Name => "name",
            Form::Partial => "partial",
            Form::Acronym => "acronym",
        }
    }
}

/// A span of the document naming a discovered entity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiscoveredMention {
    /// Byte offsets into the original text, on char boundaries.
    pub start: usize,
    /// End of the span (exclusive).
    pub end: usize,
    /// Index into [`Discovery::entities`].
    pub entity: usize,
    /// How the span writes the name.
    pub form: Form,
}

/// What discovery found in one document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Discovery {
    /// The new entities, in order of first mention.
    pub entities: Vec<NewEntity>,
    /// Their mentions, sorted by start, not overlapping each other.
    pub mentions: Vec<DiscoveredMention>,
}
