//! The document model: one [`Analysis`] per document, holding its layers in
//! a fixed order, and the [`Stage`] trait every step of the pipeline
//! implements.
//!
//! | layer | field | made by |
//! |---|---|---|
//! | normalised view | [`Analysis::view`] | [`Analysis::new`] |
//! | sentences | [`Analysis::sentences`] | [`Analysis::new`] |
//! | tokens (token → sentence, one normal form) | [`Analysis::tokens`] | [`Analysis::make_tokens_from`], before the first stage that [needs them](Stage::needs_tokens) on the document, from the first sentence a stage still to run reads ([`Stage::tokens_from`]) |
//! | mentions (span, tokens, senses, origin, entity) | [`Analysis::mentions`] | `stages::tag`, then `stages::resolve` |
//! | parses of sentences | [`Analysis::syntax`] | a syntax stage (none yet) |
//! | links (mention → antecedent) | [`Analysis::links`] | a coreference stage (none yet) |
//! | relations | [`Analysis::relations`] | `stages::relate` |
//! | discovered names (entities the gazetteer lacks, their mentions) | [`Analysis::discovered`] | `stages::discover` |
//!
//! A stage reads the layers below its own and adds to its own; the
//! document's text is passed beside the analysis, read-only. Every span is
//! a [`Span`] of the original text.
//!
//! A stage that keeps buffers from document to document keeps them in the
//! worker's [`Scratch`] (regex-automata's `Cache` pattern), not in
//! thread-locals: each worker owns one `Scratch`, and a stage finds its own
//! buffers in it by type.
//!
//! Adding a stage is one module (a type implementing [`Stage`]) and one line
//! in [`PipelineBuilder::build`](crate::pipeline::PipelineBuilder::build).

pub mod discovery;
pub mod mention;
pub mod relation;

use std::any::{Any, TypeId};

pub use discovery::Discovery;
pub use mention::{Mention, MentionId, MentionKind, Origin, Sense};
pub use relation::{Evidence, Relation};

use crate::document::Document;
use crate::text::{sentences, Normalized, Span, Tokens};

/// Everything known about one document, layer by layer (see the module doc).
#[derive(Clone, Debug)]
pub struct Analysis {
    /// The text normalised for matching, with offsets back to the original.
    pub view: Normalized,
    /// The sentences, in order, not overlapping (once made: see
    /// [`Analysis::has_sentences`]).
    pub sentences: Vec<Span>,
    /// Every token of every sentence, once made ([`Analysis::make_tokens`]);
    /// empty for a document no stage needed them of, and none in the
    /// sentences before the first that a stage still to run reads
    /// ([`Stage::tokens_from`]).
    pub tokens: Tokens,
    /// The mentions, sorted by start, not overlapping.
    pub mentions: Vec<Mention>,
    /// Per sentence, its parse where a syntax stage parsed it (empty, or one
    /// entry per sentence).
    pub syntax: Vec<Option<SentenceParse>>,
    /// Mention → antecedent links (coreference), sorted by mention, one per mention.
    pub links: Vec<Link>,
    /// Typed relations read from the text.
    pub relations: Vec<Relation>,
    /// What the resolver left undecided.
    pub stats: ResolveStats,
    /// Rule searches that ran out of steps (see [`crate::stages::relate::RuleSet::apply_counted`]).
    pub exhausted_searches: usize,
    /// Names the gazetteer lacks, with their mentions (empty unless the
    /// pipeline has the discovery stage).
    pub discovered: Discovery,
    /// Set where the pipeline found, after resolution, that no relation can
    /// come of the document and ran no later stage on it (no coreference,
    /// parse or relations: see [`crate::stages::demand`]; only in a pipeline
    /// built with [`demand`](crate::pipeline::PipelineBuilder::demand)).
    pub settled: bool,
    /// Whether [`Analysis::sentences`] has been made.
    sentences_made: bool,
}

/// What the resolver left undecided.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ResolveStats {
    /// Mentions left without an entity (ambiguous, or references with nothing to point back to).
    pub unresolved: usize,
}

impl Analysis {
    /// The text layers of `doc`: the normalised view, the sentences and,
    /// with `tokens`, the tokens; the layers above them empty.
    ///
    /// The token layer costs about as much as tagging: a pipeline makes it
    /// ([`Analysis::make_tokens`]) only for a document some stage reads it
    /// of ([`Stage::needs_tokens`]), when that stage's turn comes.
    pub fn new(doc: &Document, tokens: bool) -> Analysis {
        let mut a = Analysis::view_only(doc);
        a.make_sentences(&doc.text);
        if tokens {
            a.tokens = Tokens::new(&doc.text, &a.sentences);
        }
        a
    }

    /// The normalised view of `doc` alone: the sentences are made by
    /// [`Analysis::make_sentences`] when a stage needs them
    /// ([`Stage::needs_sentences`]; the tagger and the resolver do not).
    pub fn view_only(doc: &Document) -> Analysis {
        Analysis {
            view: Normalized::new(&doc.text),
            sentences: Vec::new(),
            tokens: Tokens::default(),
            mentions: Vec::new(),
            syntax: Vec::new(),
            links: Vec::new(),
            relations: Vec::new(),
            stats: ResolveStats::default(),
            exhausted_searches: 0,
            discovered: Default::default(),
            settled: false,
            sentences_made: false,
        }
    }

    /// Whether the sentence layer has been made.
    pub fn has_sentences(&self) -> bool {
        self.sentences_made
    }

    /// The sentences of `text` (the document's text): the layer where a
    /// stage made it, else made now for the caller (the HTML report's
    /// document views, `--cooccurrence`).
    pub fn sentences_of(&self, text: &str) -> std::borrow::Cow<'_, [Span]> {
        if self.sentences_made {
            std::borrow::Cow::Borrowed(&self.sentences)
        } else {
            std::borrow::Cow::Owned(sentences(text).into_iter().map(Span::from).collect())
        }
    }

    /// Make the sentence layer of `text` (the document's text), if it has
    /// not been made.
    pub fn make_sentences(&mut self, text: &str) {
        if !self.sentences_made {
            self.sentences = sentences(text).into_iter().map(Span::from).collect();
            self.sentences_made = true;
        }
    }

    /// Whether the token layer has been made (trivially so for a document
    /// without sentences; never before the sentences).
    pub fn has_tokens(&self) -> bool {
        self.sentences_made && self.tokens.sentences() == self.sentences.len()
    }

    /// Make the token layer of `text` (the document's text), if it has not
    /// been made, and give the mentions so far their token ranges.
    pub fn make_tokens(&mut self, text: &str) {
        self.make_tokens_from(text, 0);
    }

    /// [`Analysis::make_tokens`] from sentence `first` on: the sentences
    /// before it get no tokens ([`Tokens::from_sentence`]).
    pub fn make_tokens_from(&mut self, text: &str, first: usize) {
        self.make_sentences(text);
        if self.has_tokens() {
            return;
        }
        self.tokens = Tokens::from_sentence(text, &self.sentences, first);
        self.attach_tokens();
    }

    /// Set every mention's token range from its span (where there is a token layer).
    pub fn attach_tokens(&mut self) {
        if self.tokens.is_empty() {
            return;
        }
        for m in &mut self.mentions {
            let r = self.tokens.covering(m.span);
            m.tokens = r.start as u32..r.end as u32;
        }
    }

    /// What mention `m` stands for through coreference: the entity, and the
    /// chain of mentions from `m`'s antecedent back to the first mention
    /// that is not itself an anaphor (a name). `None` where `m` has no link.
    ///
    /// This is the helper the relate stage reads an edge end's chain with.
    ///
    /// ```
    /// use kgx::analysis::{Analysis, Link, Mention, MentionKind, Sense};
    /// use kgx::gazetteer::Gazetteer;
    /// use kgx::text::Span;
    /// use kgx::Document;
    /// let gaz = Gazetteer::from_toml_str("g.toml", "[[entity]]\nid = \"okafor\"\ntype = \"Person\"\nname = \"Okafor\"\n").unwrap();
    /// let e = gaz.get("okafor").unwrap();
    /// let doc = Document::new("d", "Okafor spoke. He left. He flew.");
    /// let mut a = Analysis::new(&doc, false);
    /// for (s, k) in [((0, 6), MentionKind::Name), ((14, 16), MentionKind::Pronoun), ((23, 25), MentionKind::Pronoun)] {
    ///     let mut m = Mention::new(Span::new(s.0, s.1), vec![Sense { entity: e, kind: k }]);
    ///     m.entity = Some(e);
    ///     a.mentions.push(m);
    /// }
    /// a.links = vec![Link { mention: 1, antecedent: 0 }, Link { mention: 2, antecedent: 1 }];
    /// assert_eq!(a.referent(2), Some((e, vec![1, 0])));
    /// assert_eq!(a.referent(0), None);
    /// ```
    pub fn referent(&self, m: MentionId) -> Option<(crate::gazetteer::EntityIdx, Vec<MentionId>)> {
        let entity = self.mentions.get(m)?.entity?;
        let mut chain = Vec::new();
        let mut at = m;
        while let Ok(i) = self.links.binary_search_by_key(&at, |l| l.mention) {
            let next = self.links[i].antecedent;
            if chain.contains(&next) || chain.len() > self.links.len() {
                break;
            }
            chain.push(next);
            at = next;
        }
        (!chain.is_empty()).then_some((entity, chain))
    }

    /// The coreference chain of the mention whose span is `span`, as spans
    /// from its antecedent back to the name (empty where it has none).
    pub fn chain_spans(&self, span: (usize, usize)) -> Vec<(usize, usize)> {
        let i = self.mentions.partition_point(|m| m.span.start < span.0);
        match self.mentions.get(i) {
            Some(m) if m.span.end == span.1 => {
                self.referent(i).map_or_else(Vec::new, |(_, chain)| {
                    chain
                        .iter()
                        .map(|&j| (self.mentions[j].span.start, self.mentions[j].span.end))
                        .collect()
                })
            }
            _ => Vec::new(),
        }
    }

    /// Write into each relation's evidence the chains of its ends that came through coreference.
    pub fn add_chains(&self, relations: &mut [Relation]) {
        if self.links.is_empty() {
            return;
        }
        for r in relations {
            r.evidence.subject_chain = self.chain_spans(r.evidence.subject_span);
            r.evidence.object_chain = self.chain_spans(r.evidence.object_span);
        }
    }

    /// The index of the sentence holding byte `at`, if any.
    pub fn sentence_at(&self, at: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.end <= at);
        self.sentences.get(i).filter(|s| s.start <= at).map(|_| i)
    }

    /// The first sentence a mention so far can share a byte with: the
    /// first that ends after the earliest mention's start. Every sentence
    /// that holds a mention (or the start of one) is this one or a later
    /// one, so a stage that reads the tokens of such sentences only can
    /// have the token layer start here ([`Stage::tokens_from`]). `None`
    /// where there is no mention.
    ///
    /// ```
    /// use kgx::analysis::{Analysis, Mention};
    /// use kgx::text::Span;
    /// use kgx::Document;
    /// let doc = Document::new("d", "Aa bb cc. Dd ee ff. Gg hh.");
    /// let mut a = Analysis::new(&doc, false);
    /// assert_eq!(a.sentences.len(), 3, "{:?}", a.sentences);
    /// assert_eq!(a.first_mentioned_sentence(), None);
    /// a.mentions.push(Mention::new(Span::new(20, 22), Vec::new())); // "Gg"
    /// assert_eq!(a.first_mentioned_sentence(), Some(2));
    /// // Out of order, and starting in the gap before "Dd": the next sentence.
    /// a.mentions.push(Mention::new(Span::new(9, 12), Vec::new()));
    /// assert_eq!(a.first_mentioned_sentence(), Some(1));
    /// ```
    pub fn first_mentioned_sentence(&self) -> Option<usize> {
        let start = self.mentions.iter().map(|m| m.span.start).min()?;
        Some(self.sentences.partition_point(|s| s.end <= start))
    }
}

/// A link from a mention to an earlier mention of the same entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Link {
    /// The later mention ("the talks", "he").
    pub mention: MentionId,
    /// The mention it points back to.
    pub antecedent: MentionId,
}

/// The dependency parse of one sentence, over its tokens (Universal
/// Dependencies conventions: `upos`, `deprel`).
///
/// Indices are positions in the sentence's token range
/// ([`Tokens::sentence`]): word `i` of the sentence is token
/// `tokens.sentence(s).start + i`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SentenceParse {
    /// Per word, the index of its head word, or `None` for the root.
    pub heads: Vec<Option<u32>>,
    /// Per word, the label of the arc to its head (`nsubj`, `obl`, ...; `root` for the root).
    pub labels: Vec<String>,
    /// Per word, its universal part of speech (`NOUN`, `PROPN`, `VERB`, ...).
    pub upos: Vec<String>,
}

/// One step of the pipeline: reads the layers of `a` below its own and adds
/// its own. Cannot fail: whatever can fail was done when the stage was built.
pub trait Stage: Send + Sync {
    /// A short name for messages and profiles (`tag`, `resolve`, ...).
    fn name(&self) -> &'static str;

    /// Run on one document.
    fn run(&self, doc: &Document, a: &mut Analysis, scratch: &mut Scratch);

    /// Whether it reads [`Analysis::tokens`] (or the tokens of mentions)
    /// on some documents.
    fn uses_tokens(&self) -> bool {
        false
    }

    /// Whether it reads the token layer of this document, as the layers
    /// below its own stand: the pipeline makes the layer just before the
    /// first stage that does ([`Analysis::make_tokens`]), and not at all
    /// for a document no stage needs it of. A stage that says no must do
    /// on an empty layer what it would do on the full one (say, because
    /// it reads tokens only around mentions and there are none).
    /// By default, [`Stage::uses_tokens`].
    fn needs_tokens(&self, a: &Analysis) -> bool {
        let _ = a;
        self.uses_tokens()
    }

    /// Whether it reads [`Analysis::sentences`]: the pipeline makes them
    /// just before the first stage that does. By default, yes.
    fn needs_sentences(&self) -> bool {
        true
    }

    /// The first sentence whose tokens it reads on this document (`text`
    /// is the document's text), as the layers below its own stand, where
    /// it [needs tokens](Stage::needs_tokens): the pipeline makes the
    /// layer from the least of this over the stages still to run that use
    /// tokens, and a stage must do on that layer what it would do on the
    /// whole one. By default 0 (every sentence).
    fn tokens_from(&self, text: &str, a: &Analysis) -> usize {
        let _ = (text, a);
        0
    }
}

/// A shared stage is a stage (the pipeline keeps the tagger it also lends out).
impl<S: Stage + ?Sized> Stage for std::sync::Arc<S> {
    fn name(&self) -> &'static str {
        (**self).name()
    }

    fn run(&self, doc: &Document, a: &mut Analysis, scratch: &mut Scratch) {
        (**self).run(doc, a, scratch)
    }

    fn uses_tokens(&self) -> bool {
        (**self).uses_tokens()
    }

    fn needs_tokens(&self, a: &Analysis) -> bool {
        (**self).needs_tokens(a)
    }

    fn needs_sentences(&self) -> bool {
        (**self).needs_sentences()
    }

    fn tokens_from(&self, text: &str, a: &Analysis) -> usize {
        (**self).tokens_from(text, a)
    }
}

/// A worker's scratch space: buffers stages keep from one document to the
/// next, found by type. One per worker thread; see [`Scratch::get`].
#[derive(Default)]
pub struct Scratch {
    slots: Vec<(TypeId, Box<dyn Any + Send>)>,
}

impl Scratch {
    /// An empty scratch space.
    pub fn new() -> Scratch {
        Scratch::default()
    }

    /// The buffers of type `T`, made with `T::default()` on first use.
    ///
    /// ```
    /// let mut scratch = kgx::analysis::Scratch::new();
    /// scratch.get::<Vec<u32>>().push(7);
    /// assert_eq!(scratch.get::<Vec<u32>>(), &[7]);
    /// ```
    pub fn get<T: Any + Send + Default>(&mut self) -> &mut T {
        let id = TypeId::of::<T>();
        let i = match self.slots.iter().position(|(t, _)| *t == id) {
            Some(i) => i,
            None => {
                self.slots.push((id, Box::new(T::default())));
                self.slots.len() - 1
            }
        };
        self.slots[i]
            .1
            .downcast_mut()
            .expect("a slot holds the type it is keyed by")
    }
}

impl std::fmt::Debug for Scratch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Scratch")
            .field("slots", &self.slots.len())
            .finish()
    }
}
