//! Frames: relations read from a dependency parse by a lexicon of predicates
//! and a few generic templates.
//!
//! A frame is one predicate of one relation with its argument roles, kept as
//! data in `lexicon/frames.txt` ([`Lexicon`]): `verb brokered agent -> theme:
//! broker | sponsor | host` says that whoever does the brokering is the
//! relation's subject and what is brokered its object. Inflections come from
//! the lemma. The templates below are the same for every predicate; they find
//! the words that fill a role in a parse ([`ParseView`]) and the mentions
//! those words name:
//!
//! | template | reads | example |
//! | --- | --- | --- |
//! | `active` | `nsubj` = agent, `obj` = theme, `obl` + case = PREP | "Norway hosted the talks" |
//! | `passive` | `nsubj:pass` = theme, `obl:agent` / by-phrase = agent | "The talks were hosted by Norway" |
//! | `participle` | a participle (`acl`, `amod`) modifying a noun: the noun is the theme | "the talks, hosted by Norway" |
//! | `compound` | a name, `-`, a participle: the name is the agent | "Norway-hosted talks" |
//! | `relative` | a relative pronoun stands for its antecedent (`acl:relcl`); after coordinated names, for all of them, unless the clause's verb is in the singular (an `-s` form or set `SINGULAR`): then for the last name only | "Norway, which hosts the talks"; "Chile and Peru, which hosts the talks" (Peru) |
//! | `control` | a complement verb (`xcomp`) or a verb coordinated with another shares its subject (a coordinated passive with none of its own, the clause's subject) | "Norway agreed to host the talks" |
//! | `subordinator` | a verb with no subject after names marked by a subordinator read as a preposition (set `SUBORDINATOR`): those names | "stood at the palace as Lima and Quito issued a declaration" |
//! | `accused-of` | a gerund marked "of"/"for" under a verb of set `ACTOR_OBJECT` has the one accused as its doer | "Roe accused Zenda of arming the rebels" |
//! | `apposition` | a relational noun in apposition: the name is the holder | "Jane Roe, Norway's envoy" |
//! | `title` | a relational noun before a name | "Norwegian envoy Jane Roe" |
//! | `title+led-proxy` | a title before the by-agent of a verb of set `LED_BY` done to a proxy noun: the proxy's actor owns the title | "Chile's delegation was led by Foreign Minister Jane Roe" |
//! | `ousted` | role `ousted`: who a verb or noun of demand asks to leave office (set `LEAVE_OFFICE`) | "Peru demanded that Jane Roe step down", "urged Roe to resign", "Peru's calls for Roe to go" |
//! | `title+gazetteer-title` | a title before a name (or in an as-phrase) with no owner in the sentence: the caller takes the owner from the gazetteer's titles for the holder ([`Hit::owner_from_gazetteer`]) | "President Jane Roe said", "replaced Roe as chief negotiator" |
//! | `copula` | a relational noun with a copula: the subject is the holder | "Norway is an ally of Chile" |
//! | `light-verb` | a noun object of a verb: the verb's agent is the owner | "Chile launched an offensive against Peru" |
//! | `as` | a relational noun in an as-phrase: the verb's object, else its subject, is the holder | "Chile acted as a guarantor of the talks" |
//! | `list` | a name, a colon and a list of names: the listed names are members (`list` directive) and fill the name's verb roles too | "signed by the contact group: Jane Roe, Ana Ruiz and Li Wei" |
//!
//! A passive's agent is also a by-phrase the parser hung elsewhere ("signed
//! not by Chile but by Peru": only Peru, the negation is on Chile alone), a
//! relative pronoun after a comma that the parser hung on a verb stands for
//! the name before the comma, and a noun of quantity (set `MEASURE`: "16
//! hours of talks", "rounds of sanctions") stands for its of-phrase.
//!
//! Every role filler is fanned out over coordination (`conj`: "Chile, Peru
//! and Ecuador"), and a noun that stands for an actor ("Iran's delegation",
//! "the leaders of Chile", set `PROXY`) is read as that actor. A plural
//! title of `represents` or `leads` over two or more owners pairs holders
//! and owners in order ("Roe and Ruiz, the ministers of Chile and Peru":
//! Roe for Chile, Ruiz for Peru), and blocks all pairs where the counts
//! differ. A hit is
//! blocked where the predicate, a filler, or a verb governing the predicate
//! is negated (set `NEG`: "sent no delegation", "did not attend"), and where
//! the governing verb is in set `BLOCK` ("hopes to attend"); a `refuse` verb
//! turns one relation into another ("declined to attend" is `declined`).
//!
//! The parse view is minimal so the templates are tested on parses written
//! by hand ([`ParseView::from_conllu`]) without the trained parser.
//!
//! ```
//! use kgx::frames::{Lexicon, ParseView};
//! let lex = Lexicon::embedded()?;
//! // "Chile hosted the talks ." with Chile and "the talks" as mentions.
//! let view = ParseView::from_conllu("
//! 1 Chile  _ PROPN _ _ 2 nsubj _ M=chile
//! 2 hosted _ VERB  _ _ 0 root  _ _
//! 3 the    _ DET   _ _ 4 det   _ M=talks
//! 4 talks  _ NOUN  _ _ 2 obj   _ M=talks
//! 5 .      _ PUNCT _ _ 2 punct _ _
//! ").unwrap();
//! let hits = kgx::frames::read(&lex, &view);
//! let hit = hits.iter().find(|h| h.relation == "brokered").expect("a brokered hit");
//! assert_eq!((view.mentions[hit.subj].name.as_str(), view.mentions[hit.obj].name.as_str()), ("chile", "talks"));
//! assert_eq!(hit.template, "active");
//! # Ok::<(), kgx::Error>(())
//! ```

mod conllu;
mod lexicon;
mod relate;
mod templates;
#[cfg(test)]
mod tests;

use std::ops::Range;

pub use lexicon::{Frame, Lexicon, Pos, Role, DEFAULT_FRAMES};
pub use relate::{FrameCandidate, FrameReader, FrameRejection, SentenceParser};
pub use templates::{explain_pair, may_read, read, Hit, NearMiss};

/// One mention of a sentence as the templates see it: its tokens and its head token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Slot {
    /// Its tokens (indices into the view's words).
    pub tokens: Range<usize>,
    /// The caller's handle for the mention (an index into its own mention list).
    pub id: usize,
    /// A name for messages and tests.
    pub name: String,
    /// Whether it names a person (coordination joins persons with persons only).
    pub person: bool,
}

/// A parsed sentence with its mentions: the minimal view the templates read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParseView {
    /// Each word in its normal form (lower case, quotes straight).
    pub words: Vec<String>,
    /// Universal part of speech of each word (`VERB`, `NOUN`, ...).
    pub upos: Vec<String>,
    /// Head of each word (word index), `None` for the root.
    pub heads: Vec<Option<usize>>,
    /// Dependency label of each word (`nsubj`, `obl:agent`, ...).
    pub labels: Vec<String>,
    /// The mentions, in order, not overlapping.
    pub mentions: Vec<Slot>,
}

impl ParseView {
    /// The view of a sentence given in CoNLL-U columns (whitespace-separated;
    /// `ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL DEPS MISC`). A mention is a
    /// run of words whose MISC has the same `M=name` (`T=Person` marks a
    /// person). Comment lines (`#`) and
    /// blank lines are skipped. Errors name the line.
    pub fn from_conllu(text: &str) -> Result<ParseView, String> {
        conllu::parse(text)
    }

    /// The parse on one line, word by word: `1 Chile PROPN 2 nsubj [chile] | 2 hosted ...`
    /// (1-based heads, 0 for the root; a mention's name in brackets).
    pub fn to_conllu_line(&self) -> String {
        let mut slot = vec![None; self.words.len()];
        for m in &self.mentions {
            for t in m.tokens.clone() {
                if let Some(s) = slot.get_mut(t) {
                    *s = Some(m.name.as_str());
                }
            }
        }
        (0..self.words.len())
            .map(|i| {
                let head = self.heads[i].map_or(0, |h| h + 1);
                let m = slot[i].map(|n| format!(" [{n}]")).unwrap_or_default();
                format!(
                    "{} {} {} {head} {}{m}",
                    i + 1,
                    self.words[i],
                    self.upos[i],
                    self.labels[i]
                )
            })
            .collect::<Vec<_>>()
            .join(" | ")
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}
