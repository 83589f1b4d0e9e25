//! TEMPORARY placeholder until the relations branch lands.
use crate::gazetteer::EntityIdx;
#[derive(Clone, Debug)]
pub struct Relation {
    pub subject: EntityIdx,
    pub relation: String,
    pub object: EntityIdx,
    pub role: Option<String>,
    pub modality: Option<String>,
    pub evidence: crate::graph::Evidence,
}
