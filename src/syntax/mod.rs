//! The syntactic layer: Universal part-of-speech tags and Universal
//! Dependencies trees over the words of a sentence.
//!
//! Two learned models, trained by `kgx train-syntax` on UD English EWT and
//! shipped in `models/` (CC BY-SA 4.0, see `models/NOTICE`):
//!
//! | stage | model | method |
//! | --- | --- | --- |
//! | tagging | `models/tagger.bin` | averaged perceptron, greedy left to right ([`tagger`]) |
//! | parsing | `models/parser.bin` | arc-hybrid transitions, averaged perceptron, dynamic oracle ([`parser`]) |
//!
//! [`Syntax::from_bytes`] loads and checks both once (it can fail);
//! [`Syntax::parse`] cannot fail and is deterministic. The words come from
//! the caller's tokens (split like EWT: punctuation apart, `'s` and `n't`
//! apart); the models see them through one normal form ([`features`]).
//!
//! ```
//! use kgx::syntax::{Syntax, SyntaxScratch};
//! let syntax = Syntax::embedded()?;
//! let mut scratch = SyntaxScratch::default();
//! let parse = syntax.parse(&["Rebels", "attacked", "the", "town", "."], &mut scratch);
//! assert_eq!(parse.heads[0], Some(1));
//! assert_eq!(syntax.label(parse.labels[0]), "nsubj");
//! assert_eq!(parse.heads[1], None);
//! # Ok::<(), kgx::Error>(())
//! ```

pub mod conllu;
pub mod features;
pub mod parser;
pub mod perceptron;
pub mod tagger;
pub mod train;

use crate::error::{Error, ErrorKind};

use features::{is_caps_sentence, WordBuffers, WordView};
use parser::{Input, Parser, State};
use perceptron::Model;
use tagger::Tagger;

/// The tagger model shipped with kgx.
pub static TAGGER_MODEL: &[u8] = include_bytes!("../../models/tagger.bin");
/// The parser model shipped with kgx.
pub static PARSER_MODEL: &[u8] = include_bytes!("../../models/parser.bin");

/// The seventeen Universal part-of-speech tags.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[allow(missing_docs)]
pub enum Upos {
    Adj,
    Adp,
    Adv,
    Aux,
    Cconj,
    Det,
    Intj,
    Noun,
    Num,
    Part,
    Pron,
    Propn,
    Punct,
    Sconj,
    Sym,
    Verb,
    X,
}

impl Upos {
    const ALL: [(Upos, &'static str); 17] = [
        (Upos::Adj, "ADJ"),
        (Upos::Adp, "ADP"),
        (Upos::Adv, "ADV"),
        (Upos::Aux, "AUX"),
        (Upos::Cconj, "CCONJ"),
        (Upos::Det, "DET"),
        (Upos::Intj, "INTJ"),
        (Upos::Noun, "NOUN"),
        (Upos::Num, "NUM"),
        (Upos::Part, "PART"),
        (Upos::Pron, "PRON"),
        (Upos::Propn, "PROPN"),
        (Upos::Punct, "PUNCT"),
        (Upos::Sconj, "SCONJ"),
        (Upos::Sym, "SYM"),
        (Upos::Verb, "VERB"),
        (Upos::X, "X"),
    ];

    /// The tag as UD writes it (`PROPN`).
    pub fn as_str(self) -> &'static str {
        Upos::ALL[self as usize].1
    }

    /// The tag of a UD name.
    pub fn from_name(s: &str) -> Option<Upos> {
        Upos::ALL.iter().find(|(_, n)| *n == s).map(|(u, _)| *u)
    }
}

/// A dependency label: an index into [`Syntax::labels`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DepRel(pub u16);

/// The parse of one sentence, word by word.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SentenceParse {
    /// Universal tag of each word.
    pub upos: Vec<Upos>,
    /// Tag class of each word (Universal and Penn tag; [`Syntax::xpos`] names the Penn tag).
    pub tags: Vec<u16>,
    /// Head of each word (0-based word index); `None` for the root of the sentence.
    pub heads: Vec<Option<usize>>,
    /// Relation of each word to its head ([`Syntax::label`] names it).
    pub labels: Vec<DepRel>,
}

impl SentenceParse {
    /// The dependents of word `h`, in order.
    pub fn dependents(&self, h: usize) -> impl Iterator<Item = usize> + '_ {
        self.heads
            .iter()
            .enumerate()
            .filter(move |(_, x)| **x == Some(h))
            .map(|(d, _)| d)
    }
}

/// Per-worker buffers for [`Syntax::parse`].
#[derive(Default, Debug)]
pub struct SyntaxScratch {
    views: Vec<WordView>,
    tags: Vec<usize>,
    feats: Vec<u64>,
    scores: Vec<i32>,
    score_buffers: perceptron::ScoreBuffers,
    word_buffers: WordBuffers,
    commas: Vec<bool>,
    /// Whether the sentence being tagged is set in capitals (over all its words).
    caps: bool,
    /// The sums of the word features of the words tagged lately ([`tagger::WordSums`]).
    word_sums: tagger::WordSums,
    input: Input,
    state: State,
}

/// The loaded tagger and parser; immutable, shared across threads.
#[derive(Clone, Debug)]
pub struct Syntax {
    tagger: Tagger,
    parser: Parser,
    upos_of: Vec<usize>,
    upos_enum: Vec<Upos>,
}

impl Syntax {
    /// Load and check a tagger and a parser model file's bytes.
    pub fn from_bytes(tagger: &[u8], parser: &[u8]) -> crate::Result<Syntax> {
        let t = Model::from_bytes("tagger model", "tagger", tagger)?;
        let p = Model::from_bytes("parser model", "parser", parser)?;
        Syntax::from_models(t, p)
    }

    /// The models shipped in the binary (`models/`).
    pub fn embedded() -> crate::Result<Syntax> {
        Syntax::from_bytes(TAGGER_MODEL, PARSER_MODEL)
    }

    /// A tagger and a parser from models already read (pruned ones, say).
    pub fn from_models(t: Model, p: Model) -> crate::Result<Syntax> {
        let bad = |m: String| Error::new(ErrorKind::Model, m);
        let tagger = Tagger::new(t).map_err(|m| bad(format!("tagger model: {m}")))?;
        let parser = Parser::new(p).map_err(|m| bad(format!("parser model: {m}")))?;
        let mut upos_enum = Vec::new();
        for i in 0..tagger.n_tags() {
            let u = tagger.upos(i);
            upos_enum.push(
                Upos::from_name(u)
                    .ok_or_else(|| bad(format!("tagger model: unknown Universal tag {u:?}")))?,
            );
        }
        let upos_of = upos_enum.iter().map(|u| *u as usize).collect();
        Ok(Syntax {
            tagger,
            parser,
            upos_of,
            upos_enum,
        })
    }

    /// The tagger.
    pub fn tagger(&self) -> &Tagger {
        &self.tagger
    }

    /// The parser.
    pub fn parser(&self) -> &Parser {
        &self.parser
    }

    /// Every dependency label, by index.
    pub fn labels(&self) -> &[String] {
        self.parser.labels()
    }

    /// The name of a label (`nsubj:pass`).
    pub fn label(&self, l: DepRel) -> &str {
        &self.parser.labels()[usize::from(l.0)]
    }

    /// The label of a name, if the parser knows it.
    pub fn label_id(&self, name: &str) -> Option<DepRel> {
        self.parser
            .labels()
            .iter()
            .position(|l| l == name)
            .map(|i| DepRel(i as u16))
    }

    /// The Penn tag of a tag class.
    pub fn xpos(&self, tag: u16) -> &str {
        self.tagger.xpos(usize::from(tag))
    }

    /// Tag only (no parse); `tags` receives one tag class per word.
    pub fn tag(&self, words: &[&str], scratch: &mut SyntaxScratch) -> Vec<u16> {
        self.prepare(words, scratch);
        scratch.tags.iter().map(|&t| t as u16).collect()
    }

    fn prepare(&self, words: &[&str], s: &mut SyntaxScratch) {
        self.start(words, s);
        self.tag_upto(words, words.len(), s);
    }

    /// Start tagging `words`: no view and no tag yet; the capitals flag
    /// over the whole sentence, as every view reads it.
    fn start(&self, words: &[&str], s: &mut SyntaxScratch) {
        s.caps = is_caps_sentence(words);
        s.views.clear();
        s.commas.clear();
        s.tags.clear();
    }

    /// Tag the words of `words` up to `k` (of those [`Syntax::start`]
    /// began) that are not tagged yet. The tagger decides left to right,
    /// each word from the views of the words either side (up to two after
    /// it) and the two tags before it: with the views of the first `k + 2`
    /// words made (views of a whole sentence, its capitals flag
    /// included), the first `k` tags are those that tagging all the words
    /// gives, and tagging the rest later goes on as if it had not stopped.
    fn tag_upto(&self, words: &[&str], k: usize, s: &mut SyntaxScratch) {
        let k = k.min(words.len());
        let views = (k + 2).min(words.len());
        for w in &words[s.views.len().min(views)..views] {
            s.views
                .push(WordView::with_buffers(w, s.caps, &mut s.word_buffers));
            s.commas
                .push(matches!(s.word_buffers.norm.as_str(), "," | ";" | "--"));
        }
        self.tagger.tag_upto(
            &s.views,
            k,
            &mut s.feats,
            &mut s.scores,
            &mut s.score_buffers,
            &mut s.tags,
            Some(&mut s.word_sums),
        );
    }

    /// Tag and parse a sentence's words. Cannot fail; the same words give the same parse.
    pub fn parse(&self, words: &[&str], scratch: &mut SyntaxScratch) -> SentenceParse {
        if words.is_empty() {
            return SentenceParse::default();
        }
        self.prepare(words, scratch);
        self.parse_tagged(scratch)
    }

    /// Tag a sentence's words and keep them in `scratch` for
    /// [`Syntax::parse_tagged`] (the first half of [`Syntax::parse`], for a
    /// caller that looks at the tags before it decides to parse); `upos`
    /// receives the Universal tag of each word.
    pub fn tag_words(&self, words: &[&str], scratch: &mut SyntaxScratch, upos: &mut Vec<Upos>) {
        self.tag_words_upto(words, words.len(), scratch, upos);
    }

    /// [`Syntax::tag_words`] of the first `k` words only (`upos` receives
    /// their tags): the same tags as those of the whole sentence, as the
    /// tagger decides left to right. [`Syntax::tag_words_rest`] tags the
    /// others, for [`Syntax::parse_tagged`].
    pub fn tag_words_upto(
        &self,
        words: &[&str],
        k: usize,
        scratch: &mut SyntaxScratch,
        upos: &mut Vec<Upos>,
    ) {
        self.start(words, scratch);
        self.tag_upto(words, k, scratch);
        upos.clear();
        upos.extend(scratch.tags.iter().map(|&t| self.upos_enum[t]));
    }

    /// Tag the words [`Syntax::tag_words_upto`] left (`words` the same);
    /// `upos` receives the tags of all the words.
    pub fn tag_words_rest(
        &self,
        words: &[&str],
        scratch: &mut SyntaxScratch,
        upos: &mut Vec<Upos>,
    ) {
        let done = scratch.tags.len().min(upos.len());
        self.tag_upto(words, words.len(), scratch);
        upos.truncate(done);
        upos.extend(scratch.tags[done..].iter().map(|&t| self.upos_enum[t]));
    }

    /// Parse the sentence [`Syntax::tag_words`] last tagged in `scratch`:
    /// the same parse as [`Syntax::parse`] of its words.
    pub fn parse_tagged(&self, scratch: &mut SyntaxScratch) -> SentenceParse {
        let s = scratch;
        let n = s.views.len();
        if n == 0 {
            return SentenceParse::default();
        }
        s.input.fill(&s.views, &s.tags, &self.upos_of, &s.commas);
        self.parser
            .parse(&s.input, &mut s.state, &mut s.scores, &mut s.score_buffers);
        SentenceParse {
            upos: s.tags.iter().map(|&t| self.upos_enum[t]).collect(),
            tags: s.tags.iter().map(|&t| t as u16).collect(),
            heads: s.state.heads[..n]
                .iter()
                .map(|&h| {
                    if h as usize == n {
                        None
                    } else {
                        Some(h as usize)
                    }
                })
                .collect(),
            labels: s.state.labels[..n].iter().map(|&l| DepRel(l)).collect(),
        }
    }
}
