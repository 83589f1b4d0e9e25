//! Scoring against a gold annotation (the shape of `seeds.gold.json`).
//!
//! * Entities: precision, recall and F1 over (document, entity id) pairs, in
//!   all and per type (a prediction counts under its own type, a gold pair
//!   under the gold's type).
//! * Relations: over (document, subject, relation, object), per relation and
//!   per level. Recall of a level is over the gold records of that level;
//!   precision of `core` leaves out predictions that match a `hard` record
//!   (they are neither right nor wrong for the core task); precision of `all`
//!   is over every prediction.
//!
//! * With a known set ([`Scope::Known`], `kgx eval --known-only`), only the
//!   entities the gazetteer in use knows count, on both sides, and only the
//!   relations whose two ends it knows: a name the gazetteer lacks is the
//!   discovery stage's work, not the relation layer's, and is left out of both
//!   recall and precision.
//!
//! Misses and false positives are listed so a user sees what to fix.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::{self, Write as _};
use std::path::Path;

use serde::Deserialize;

use crate::error::{Error, ErrorKind, Location};

/// A gold file.
#[derive(Clone, Debug, Deserialize)]
pub struct Gold {
    /// The entities each document mentions.
    pub entities: Vec<GoldEntity>,
    /// The relations each document states (none: entities only).
    #[serde(default)]
    pub relations: Vec<GoldRelation>,
}

/// A gold entity: its gazetteer id, its type and the documents that mention it.
#[derive(Clone, Debug, Deserialize)]
pub struct GoldEntity {
    /// The entity's gazetteer id.
    pub id: String,
    /// Its type (`Person`, `Country`, ...), the `type` key of the file.
    #[serde(rename = "type")]
    pub entity_type: String,
    /// The ids of the documents that mention it.
    pub docs: Vec<String>,
}

/// A gold relation: a typed edge a document states.
#[derive(Clone, Debug, Deserialize)]
pub struct GoldRelation {
    /// The document that states it.
    pub doc: String,
    /// The subject's entity id.
    pub subject: String,
    /// The relation name (as in the rules file).
    pub relation: String,
    /// The object's entity id.
    pub object: String,
    /// Its level (`core` unless the file says otherwise); scored apart.
    #[serde(default = "core_level")]
    pub level: String,
}

fn core_level() -> String {
    "core".into()
}

impl Gold {
    /// Read a gold file (JSON); an error names the file and the line.
    pub fn load(path: &Path) -> crate::Result<Gold> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::io(ErrorKind::Gold, "read gold", path, &e))?;
        serde_json::from_str(&text).map_err(|e| {
            Error::new(ErrorKind::Gold, format!("invalid gold file: {e}"))
                .at(Location::line(path, e.line()))
        })
    }
}

/// What the extractor predicted, in the gold's terms.
#[derive(Clone, Debug, Default)]
pub struct Predictions {
    /// (doc, entity id) → entity type.
    pub entities: BTreeMap<(String, String), String>,
    /// (doc, subject, relation, object).
    pub relations: BTreeSet<(String, String, String, String)>,
}

/// Precision/recall counts.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Score {
    /// True positives: predicted and in the gold.
    pub tp: usize,
    /// False positives: predicted, not in the gold.
    pub fp: usize,
    /// False negatives: in the gold, not predicted.
    pub fn_: usize,
}

impl Score {
    /// `tp / (tp + fp)`; 1 when nothing was predicted.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    /// `tp / (tp + fn)`; 1 when the gold is empty.
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    /// The harmonic mean of precision and recall; 0 when both are 0.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// The scores and the lists of errors.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// All scored entities, per (document, entity).
    pub entities: Score,
    /// The entity score of each type.
    pub entities_by_type: BTreeMap<String, Score>,
    /// The relation score of each gold level.
    pub relations_by_level: BTreeMap<String, Score>,
    /// The relation score of each relation name.
    pub relations_by_relation: BTreeMap<String, Score>,
    /// Whether the gold lists relations (else they are not scored).
    pub has_relations: bool,
    /// Gold entities not found: (document, entity id).
    pub entity_misses: Vec<(String, String)>,
    /// Entities found that the gold does not list: (document, entity id).
    pub entity_false: Vec<(String, String)>,
    /// Gold relations not found: (document, subject, relation, object, level).
    pub relation_misses: Vec<(String, String, String, String, String)>,
    /// Relations found that the gold does not list: (document, subject,
    /// relation, object).
    pub relation_false: Vec<(String, String, String, String)>,
}

/// Which entities are scored.
#[derive(Clone, Debug, Default)]
pub enum Scope {
    /// Every gold and predicted entity, and every relation.
    #[default]
    All,
    /// Only these entity ids (the ones the gazetteer in use knows), on both
    /// sides, and the relations whose two ends are among them.
    Known(BTreeSet<String>),
}

impl Scope {
    /// Does this entity id count?
    pub fn counts(&self, id: &str) -> bool {
        match self {
            Scope::All => true,
            Scope::Known(ids) => ids.contains(id),
        }
    }
}

/// Score `pred` against `gold`, restricted to the documents in `docs` and
/// the entities `scope` counts.
///
/// ```
/// use std::collections::BTreeSet;
/// use kgx::eval::{evaluate, Gold, Predictions, Scope};
/// let gold: Gold = serde_json::from_str(r#"{"entities": [
///     {"id": "ruritania", "type": "Country", "docs": ["d1"]},
///     {"id": "new-envoy", "type": "Person", "docs": ["d1"]}],
///   "relations": [{"doc": "d1", "subject": "new-envoy", "relation": "represents",
///     "object": "ruritania"}]}"#).unwrap();
/// let mut pred = Predictions::default();
/// pred.entities.insert(("d1".into(), "ruritania".into()), "Country".into());
/// let docs = BTreeSet::from(["d1".to_string()]);
/// let all = evaluate(&gold, &pred, &docs, &Scope::All);
/// assert_eq!((all.entities.tp, all.entities.fn_), (1, 1));
/// let known = Scope::Known(BTreeSet::from(["ruritania".to_string()]));
/// let known = evaluate(&gold, &pred, &docs, &known);
/// assert_eq!((known.entities.tp, known.entities.fn_), (1, 0));
/// // The relation's subject is unknown: it is left out.
/// assert!(known.relations_by_level.values().all(|s| s.tp + s.fn_ == 0));
/// ```
pub fn evaluate(gold: &Gold, pred: &Predictions, docs: &BTreeSet<String>, scope: &Scope) -> Report {
    let mut r = Report::default();
    let gold_ents: BTreeMap<(String, String), String> = gold
        .entities
        .iter()
        .flat_map(|e| {
            e.docs
                .iter()
                .map(move |d| ((d.clone(), e.id.clone()), e.entity_type.clone()))
        })
        .filter(|((d, id), _)| docs.contains(d) && scope.counts(id))
        .collect();
    for (key, ty) in &gold_ents {
        let s = r.entities_by_type.entry(ty.clone()).or_default();
        if pred.entities.contains_key(key) {
            s.tp += 1;
            r.entities.tp += 1;
        } else {
            s.fn_ += 1;
            r.entities.fn_ += 1;
            r.entity_misses.push(key.clone());
        }
    }
    for (key, ty) in &pred.entities {
        if scope.counts(&key.1) && !gold_ents.contains_key(key) {
            r.entities_by_type.entry(ty.clone()).or_default().fp += 1;
            r.entities.fp += 1;
            r.entity_false.push(key.clone());
        }
    }

    r.has_relations = !gold.relations.is_empty();
    let mut gold_rel: BTreeMap<(String, String, String, String), String> = BTreeMap::new();
    let in_scope = |s: &str, o: &str| scope.counts(s) && scope.counts(o);
    for g in gold
        .relations
        .iter()
        .filter(|g| docs.contains(&g.doc) && in_scope(&g.subject, &g.object))
    {
        let key = (
            g.doc.clone(),
            g.subject.clone(),
            g.relation.clone(),
            g.object.clone(),
        );
        // A tuple given at both levels counts as core.
        let level = gold_rel.get(&key).map_or(g.level.clone(), |l| {
            if l == "core" {
                l.clone()
            } else {
                g.level.clone()
            }
        });
        gold_rel.insert(key, level);
    }
    for (key, level) in &gold_rel {
        let hit = pred.relations.contains(key);
        for bucket in [level.as_str(), "all"] {
            let s = r.relations_by_level.entry(bucket.to_string()).or_default();
            if hit {
                s.tp += 1
            } else {
                s.fn_ += 1
            }
        }
        let s = r.relations_by_relation.entry(key.2.clone()).or_default();
        if hit {
            s.tp += 1;
        } else {
            s.fn_ += 1;
            r.relation_misses.push((
                key.0.clone(),
                key.1.clone(),
                key.2.clone(),
                key.3.clone(),
                level.clone(),
            ));
        }
    }
    for key in pred.relations.iter().filter(|k| in_scope(&k.1, &k.3)) {
        match gold_rel.get(key) {
            Some(_) => {}
            None => {
                for bucket in ["core", "hard", "all"] {
                    r.relations_by_level
                        .entry(bucket.to_string())
                        .or_default()
                        .fp += 1;
                }
                r.relations_by_relation.entry(key.2.clone()).or_default().fp += 1;
                r.relation_false.push(key.clone());
            }
        }
    }
    // A prediction matching a hard record is not a false positive of `core`,
    // and one matching a core record is not a false positive of `hard`.
    r
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        let row = |out: &mut String, name: &str, s: &Score| {
            let _ = writeln!(
                out,
                "  {name:<22} {:>6.3} {:>6.3} {:>6.3} {:>5} {:>5} {:>5}",
                s.precision(),
                s.recall(),
                s.f1(),
                s.tp,
                s.fp,
                s.fn_
            );
        };
        let _ = writeln!(
            out,
            "entities (doc, entity)       P      R     F1    tp    fp    fn"
        );
        row(&mut out, "all", &self.entities);
        for (t, s) in &self.entities_by_type {
            row(&mut out, t, s);
        }
        if self.has_relations {
            let _ = writeln!(
                out,
                "relations (doc, s, r, o)     P      R     F1    tp    fp    fn"
            );
            for level in ["core", "hard", "all"] {
                if let Some(s) = self.relations_by_level.get(level) {
                    row(&mut out, level, s);
                }
            }
            for (rel, s) in &self.relations_by_relation {
                row(&mut out, rel, s);
            }
        }
        if !self.entity_misses.is_empty() {
            let _ = writeln!(out, "entity misses:");
            for (d, e) in &self.entity_misses {
                let _ = writeln!(out, "  {d} {e}");
            }
        }
        if !self.entity_false.is_empty() {
            let _ = writeln!(out, "entity false positives:");
            for (d, e) in &self.entity_false {
                let _ = writeln!(out, "  {d} {e}");
            }
        }
        if !self.relation_misses.is_empty() {
            let _ = writeln!(out, "relation misses:");
            for (d, s, rel, o, level) in &self.relation_misses {
                let _ = writeln!(out, "  {d} {s} {rel} {o} ({level})");
            }
        }
        if !self.relation_false.is_empty() {
            let _ = writeln!(out, "relation false positives:");
            for (d, s, rel, o) in &self.relation_false {
                let _ = writeln!(out, "  {d} {s} {rel} {o}");
            }
        }
        f.write_str(&out)
    }
}
