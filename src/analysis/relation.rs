//! Relations: typed edges between entities, each with the evidence it was read from.

use std::sync::Arc;

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

impl Relation {
    /// The edge `subject -relation-> object` read as `evidence` says, with
    /// no role words and no modality (see [`Relation::with_role`],
    /// [`Relation::with_modality`]). Every relation the stages read is made
    /// here.
    pub fn new(
        subject: EntityIdx,
        relation: impl Into<String>,
        object: EntityIdx,
        evidence: Evidence,
    ) -> Relation {
        Relation {
            subject,
            relation: relation.into(),
            object,
            role: None,
            modality: None,
            evidence,
        }
    }

    /// The same relation with role words `role` (as written).
    pub fn with_role(self, role: Option<String>) -> Relation {
        Relation { role, ..self }
    }

    /// The same relation with modality `modality`.
    pub fn with_modality(self, modality: Option<String>) -> Relation {
        Relation { modality, ..self }
    }
}

/// Why an edge exists: one sentence and the rule that read the relation from it.
///
/// The strings are shared (`Arc<str>`): a [`crate::graph::GraphBuilder`]
/// keeps one copy of each sentence, document id and rule id however many
/// edges it is evidence for, so a graph holds a sentence's text once, not
/// once per edge read from it.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Evidence {
    /// Document id (file stem or JSONL id).
    pub doc: Arc<str>,
    /// 0-based index of the sentence in the document.
    pub sentence: usize,
    /// The sentence, verbatim.
    pub text: Arc<str>,
    /// Byte span of the subject mention in the document (start, end).
    pub subject_span: (usize, usize),
    /// Byte span of the object mention in the document.
    pub object_span: (usize, usize),
    /// Byte span of the trigger word(s) in the document, where the rule has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trigger_span: Option<(usize, usize)>,
    /// Id of the rule that fired.
    pub rule: Arc<str>,
    /// Where the subject came through coreference ("he", "the envoy"): the
    /// spans of its antecedents, from the nearest back to the name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subject_chain: Vec<(usize, usize)>,
    /// The same for the object ("the talks", "there").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub object_chain: Vec<(usize, usize)>,
}

impl Evidence {
    /// Evidence that rule `rule` read an edge from sentence `sentence`
    /// (index in document `doc`, text `text`) between the mentions at
    /// `subject_span` and `object_span`: no trigger (see
    /// [`Evidence::with_trigger`]) and no coreference chains (the relate
    /// stage adds them). Every edge's evidence is made here.
    ///
    /// ```
    /// use kgx::graph::Evidence;
    /// let ev = Evidence::new("doc1", 0, "Russia brokered the Astana talks.", "brokered-active", (0, 6), (20, 32))
    ///     .with_trigger(Some((7, 15)));
    /// assert_eq!((&*ev.doc, &*ev.rule, ev.trigger_span), ("doc1", "brokered-active", Some((7, 15))));
    /// assert!(ev.subject_chain.is_empty());
    /// ```
    pub fn new(
        doc: &str,
        sentence: usize,
        text: &str,
        rule: impl Into<Arc<str>>,
        subject_span: (usize, usize),
        object_span: (usize, usize),
    ) -> Evidence {
        Evidence {
            doc: doc.into(),
            sentence,
            text: text.into(),
            subject_span,
            object_span,
            trigger_span: None,
            rule: rule.into(),
            subject_chain: Vec::new(),
            object_chain: Vec::new(),
        }
    }

    /// The same evidence with the trigger word(s) at `trigger_span`.
    pub fn with_trigger(self, trigger_span: Option<(usize, usize)>) -> Evidence {
        Evidence {
            trigger_span,
            ..self
        }
    }
}
