//! Relations: typed edges between entities, each with the evidence it was read from.

use serde::{Deserialize, Serialize};

use crate::gazetteer::EntityIdx;

/// One edge read from one sentence by one rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Relation {
    /// The subject entity.
    pub subject: EntityIdx,
    /// The relation's name, as declared in the rules file.
    pub relation: String,
    /// The object entity.
    pub object: EntityIdx,
    /// Role words (represents/leads), as written in the text.
    pub role: Option<String>,
    /// `reported`, `future`, `hope`, ... where the text marks it (first declared modality found).
    pub modality: Option<String>,
    /// Where it was read.
    pub evidence: Evidence,
}

/// Why an edge exists: one sentence and the rule that read the relation from it.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Evidence {
    /// Document id (file stem or JSONL id).
    pub doc: String,
    /// 0-based index of the sentence in the document.
    pub sentence: usize,
    /// The sentence, verbatim.
    pub text: String,
    /// Byte span of the subject mention in the document (start, end).
    pub subject_span: (usize, usize),
    /// Byte span of the object mention in the document.
    pub object_span: (usize, usize),
    /// Byte span of the trigger word(s) in the document, where the rule has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trigger_span: Option<(usize, usize)>,
    /// Id of the rule that fired.
    pub rule: String,
}
