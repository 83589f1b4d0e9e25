//! kgx: a knowledge-graph extractor for news text.
//!
//! kgx finds the actors, places, organisations and events a gazetteer knows,
//! reads typed relations between them from the text with rules that are data,
//! and writes the graph for Gephi, Graphviz and linked-data tools. Every edge
//! keeps its evidence: document, sentence, byte spans, rule.
//!
//! # The pipeline
//!
//! A document flows through **stages** that read and extend one
//! [`Analysis`](analysis::Analysis) of it, layer by layer. Everything that can
//! fail (loading and checking the gazetteer, the rules, the lexicon) is done
//! once, before the first document; [`pipeline::Pipeline::extract`] cannot fail.
//!
//! | step | file | reads | adds |
//! |---|---|---|---|
//! | load gazetteer | `gazetteer/load.rs`, surface forms in `gazetteer/forms.rs` | entity files | checked entities (every error with file:line) |
//! | load rules | `stages/relate/parse.rs` | `gazetteer/relations.rules` | checked rules and `where:` clauses |
//! | lexicon | `lexicon/mod.rs` | `lexicon/*.txt` (embedded) | English cue words |
//! | build | `pipeline.rs` ([`pipeline::PipelineBuilder`]) | the above | the stages, in order |
//! | text layers | `analysis/mod.rs`, `text/{normalize,sentences,tokens,span}.rs` | the text | normalised view, sentences, tokens |
//! | tag | `stages/tag/mod.rs` | normalised view | mentions with senses and tokens |
//! | discover (`--discover`) | `stages/discover/mod.rs`, cue words in `lexicon/discovery.toml` | tokens, known mentions | names the gazetteer lacks, with type and provisional id ([`analysis::Analysis::discovered`]) |
//! | compose | `stages/compose.rs` | (called by tag, resolve, coref, relate) | the one home of composite readings: "talks in Geneva" as event and place, titles folded into names or read as words and actors |
//! | resolve | `stages/resolve.rs` | mentions, text | each mention's entity, or none |
//! | coref | `stages/coref/mod.rs`, words in `lexicon/coref.toml` (embedded) | tokens, mentions | mentions for pronouns, descriptions and implied events, with links to their antecedents |
//! | syntax | `stages/syntax.rs`, models in `syntax/` (`models/*.bin`, embedded) | tokens, mentions | tags and dependency trees of the sentences the frames can read (every sentence for `tag --syntax`) |
//! | relate | `stages/relate/` (`stage.rs`; rules matched in `matcher.rs`; frames over parses in `frames/`, predicates in `lexicon/frames.txt`; both accepted in `accept.rs`) | sentences, mentions, parses | relations with evidence |
//! | explain | `stages/relate/explain.rs` | the same candidates and `accept` | why an edge is there or not |
//! | graph | `graph.rs` ([`graph::GraphBuilder`]) | analyses | merged nodes and edges (petgraph, stable order) |
//! | export | `export/<format>.rs`, every format described in one table in `export/format.rs` ([`export::FORMATS`]) | the graph | GraphML, GEXF, DOT, JSON-LD, CSV, HTML, written atomically |
//! | run a corpus | `run.rs`, `corpus.rs`, `input.rs` | files, folders, JSON lines | one analysis per document, on a thread pool |
//! | merge | `merge.rs` ([`merge::fold_partials`]) | partial-graph lines | one graph builder |
//!
//! The command line (argument definitions, one function per command) is
//! private to the `kgx` binary: `src/main.rs` and `src/cli/`. The library's
//! interface is [`pipeline::PipelineBuilder`], [`analysis::Analysis`], the
//! [`graph`] and the [`export`]ers.
//!
//! A new stage (syntax, coreference, discovery) is a type implementing
//! [`analysis::Stage`] in its own module and one line in
//! [`pipeline::PipelineBuilder::build`].
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

#![deny(missing_docs)]
#![deny(rustdoc::broken_intra_doc_links)]

pub mod allocator;
pub mod analysis;
pub mod corpus;
pub mod document;
pub mod error;
pub mod eval;
pub mod export;
pub mod frames;
pub mod gazetteer;
pub mod graph;
pub mod input;
pub mod lexicon;
pub mod merge;
pub mod pipeline;
pub mod run;
pub mod stages;
pub mod suggest;
pub mod syntax;
pub mod text;

pub use document::Document;
pub use error::{Error, ErrorKind, Result};
/// The relation rules ([`stages::relate`]), under the path they have always had.
pub use stages::relate as relations;
