//! The syntax stage: the part-of-speech tags and dependency tree of each
//! sentence that can yield a relation, over the sentence's tokens.
//!
//! Parsing costs far more than tagging names, so `kgx extract` parses only
//! the sentences the frames can read a relation from
//! ([`Select::Frames`], [`FrameReader::wants`]): two resolved mentions (or a
//! title, which may name both ends) and a word that is a form of a frame
//! predicate. A sentence without them gives no frame edge whether parsed or
//! not, so the selection changes no output. The stage runs after
//! coreference, so a pronoun or description resolved there counts as a
//! mention ("He met Putin"); coreference itself does not read the parse.
//! The rest cost nothing: their entry in [`Analysis::syntax`] stays `None`.
//! [`Select::All`] parses every sentence (`kgx tag --syntax`, `kgx explain`).
//!
//! The parser sees the token layer's words ([`crate::text::Tokens`], split
//! like UD English EWT) as written in the original text; a multi-word
//! mention is several words, and [`mention_head`] gives the word that heads
//! it in the tree.

use std::collections::HashSet;
use std::sync::Arc;

use crate::analysis::{Analysis, Scratch, SentenceParse, Stage};
use crate::document::Document;
use crate::frames::FrameReader;
use crate::syntax::{Syntax, SyntaxScratch};

/// Which sentences the stage parses.
#[derive(Clone, Debug)]
pub enum Select {
    /// Every sentence.
    All,
    /// Sentences with at least two mentions, or one mention and one of these
    /// trigger words (normal forms, as [`crate::text::Tokens::norm`] gives them).
    Candidates {
        /// The trigger words.
        triggers: HashSet<String>,
    },
    /// The sentences a frame reader can read a relation from ([`FrameReader::wants`]).
    Frames(FrameReader),
}

/// The syntax stage (see the module doc).
pub struct SyntaxStage {
    syntax: Arc<Syntax>,
    select: Select,
}

/// The stage's buffers in a worker's [`Scratch`].
#[derive(Default)]
struct Buffers {
    scratch: SyntaxScratch,
    mentions: Vec<u32>,
}

impl SyntaxStage {
    /// The stage with loaded models and a selection of sentences.
    pub fn new(syntax: Arc<Syntax>, select: Select) -> SyntaxStage {
        SyntaxStage { syntax, select }
    }

    /// The models.
    pub fn syntax(&self) -> &Syntax {
        &self.syntax
    }

    fn wanted(&self, a: &Analysis, s: usize, mentions: u32) -> bool {
        match &self.select {
            Select::All => true,
            Select::Candidates { triggers } => {
                mentions >= 2
                    || (mentions == 1
                        && a.tokens
                            .sentence(s)
                            .any(|i| triggers.contains(a.tokens.norm(i))))
            }
            Select::Frames(reader) => reader.wants(a, s),
        }
    }
}

impl Stage for SyntaxStage {
    fn name(&self) -> &'static str {
        "syntax"
    }

    fn uses_tokens(&self) -> bool {
        true
    }

    fn run(&self, doc: &Document, a: &mut Analysis, scratch: &mut Scratch) {
        let buf = scratch.get::<Buffers>();
        let n = a.sentences.len();
        buf.mentions.clear();
        buf.mentions.resize(n, 0);
        if matches!(self.select, Select::Candidates { .. }) {
            for m in &a.mentions {
                if let Some(s) = a.sentence_at(m.span.start) {
                    buf.mentions[s] += 1;
                }
            }
        }
        let mut parses = vec![None; n];
        let mut words: Vec<&str> = Vec::new();
        for (s, slot) in parses.iter_mut().enumerate() {
            let range = a.tokens.sentence(s);
            if range.is_empty() || !self.wanted(a, s, buf.mentions[s]) {
                continue;
            }
            words.clear();
            words.extend(range.map(|i| a.tokens.text(i, &doc.text)));
            let p = self.syntax.parse(&words, &mut buf.scratch);
            *slot = Some(SentenceParse {
                heads: p.heads.iter().map(|h| h.map(|h| h as u32)).collect(),
                labels: p
                    .labels
                    .iter()
                    .map(|&l| self.syntax.label(l).to_string())
                    .collect(),
                upos: p.upos.iter().map(|u| u.as_str().to_string()).collect(),
            });
        }
        a.syntax = parses;
    }
}

/// The word of a span of words (`first..end`, sentence word indices) that
/// heads it in the tree: the one whose head lies outside the span (the
/// first such, if the parse splits the span).
pub fn mention_head(parse: &SentenceParse, words: std::ops::Range<usize>) -> Option<usize> {
    words.clone().find(|&i| match parse.heads.get(i) {
        Some(Some(h)) => !words.contains(&(*h as usize)),
        Some(None) => true,
        None => false,
    })
}
