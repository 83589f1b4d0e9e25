//! kgx: a knowledge-graph extractor for news text.
//!
//! kgx finds the actors, places, organisations and events a gazetteer knows,
//! reads typed relations between them from the text with rules that are data,
//! and writes the graph for Gephi, Graphviz and linked-data tools. Every edge
//! keeps its evidence: document, sentence, byte spans, rule.
//!
//! # The pipeline
//!
//! ```text
//! Gazetteer::load(dirs)        entity files -> checked entities (every error with file:line)
//!   -> Tagger::new(&gaz)       compiles the surface forms once; tagging cannot fail
//!   -> tagger.tag(text)        mentions: byte spans into the original text, with their senses
//!   -> resolve(...)            one entity per mention, or none where the text does not say
//!   -> RuleSet::load(file)     relation rules, checked at load
//!   -> rules.apply(...)        relations with evidence
//!   -> GraphBuilder            merged nodes and edges -> KnowledgeGraph (petgraph, stable order)
//!   -> export::write_exports   GraphML, GEXF, DOT, JSON-LD, CSV, written atomically
//! ```
//! [`pipeline::Pipeline`] runs the per-document part; [`run::run`] streams a
//! corpus through it on a thread pool.
//!
//! # Example
//!
//! ```
//! use kgx::gazetteer::Gazetteer;
//! use kgx::pipeline::Pipeline;
//! use kgx::relations::RuleSet;
//! use kgx::graph::GraphBuilder;
//! use kgx::Document;
//!
//! let gazetteer = Gazetteer::from_toml_str("example.toml", r#"
//! [[entity]]
//! type = "Country"
//! name = "Norway"
//! [[entity]]
//! type = "Event"
//! name = "Oslo talks"
//! "#)?;
//! let rules = RuleSet::from_str("example.rules", r#"
//! relation brokered Actor -> Event
//! rule broker-active brokered: {subj:Actor+} <brokered> the? {obj:Event}
//! "#)?;
//! let pipeline = Pipeline::with_rules(gazetteer, rules);
//! let doc = Document::new("d1", "Norway brokered the Oslo talks.");
//! let extraction = pipeline.extract(&doc);
//! let mut graph = GraphBuilder::new();
//! pipeline.add_to_graph(&doc, &extraction, &mut graph, false);
//! let graph = graph.build();
//! let edge = graph.edge("norway", "brokered", "oslo-talks").expect("edge");
//! assert_eq!(edge.weight, 1);
//! # Ok::<(), kgx::Error>(())
//! ```

pub mod allocator;
pub mod analysis;
pub mod app;
pub mod cli;
pub mod corpus;
pub mod document;
pub mod error;
pub mod eval;
pub mod export;
pub mod frames;
pub mod gazetteer;
pub mod graph;
pub mod input;
pub mod pipeline;
pub mod run;
pub mod stages;
pub mod syntax;
pub mod text;

pub use document::Document;
pub use error::{Error, ErrorKind, Result};
/// The relation rules ([`stages::relate`]), under the path they have always had.
pub use stages::relate as relations;
