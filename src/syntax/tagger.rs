//! The part-of-speech tagger: a greedy left-to-right averaged perceptron
//! (Collins 2002), whose classes are pairs of a Universal tag and a Penn tag
//! (`NOUN NN`, `VERB VBN`), so that one decision gives both.
//!
//! Features: the word's normal form, its prefixes and suffixes, its shape;
//! the two words either side and some of their suffixes and shapes; the two
//! tags already chosen to the left, alone and with the word.

use super::features::{key, WordView};
use super::perceptron::{KeyMap, Model, Reader};

/// Padding for positions before the sentence.
const START: u64 = 0x5747_4152_5453;
/// Padding for positions after the sentence.
const END: u64 = 0x0044_4e45;
/// "No tag yet" for the history features.
pub(crate) const NO_TAG: usize = usize::MAX;

/// Each known word's most frequent tag class in the training data (by normal-form hash).
pub(crate) type Lexicon = KeyMap<u8>;

/// The lexicon as the model file's extra data: a count, then (hash, class) pairs in hash order.
pub(crate) fn lexicon_bytes(lex: &Lexicon) -> Vec<u8> {
    let mut pairs: Vec<(u64, u8)> = lex.iter().map(|(k, v)| (*k, *v)).collect();
    pairs.sort_unstable();
    let mut out = (pairs.len() as u32).to_le_bytes().to_vec();
    for (k, v) in pairs {
        out.extend_from_slice(&k.to_le_bytes());
        out.push(v);
    }
    out
}

fn lexicon_from_bytes(bytes: &[u8], n_tags: usize) -> Result<Lexicon, String> {
    let mut r = Reader { bytes, at: 0 };
    let n = r.u32().ok_or("tag lexicon: truncated")? as usize;
    if bytes.len() != 4 + 9 * n {
        return Err(format!(
            "tag lexicon: {} bytes for {n} entries",
            bytes.len()
        ));
    }
    let mut lex = Lexicon::default();
    lex.reserve(n);
    for _ in 0..n {
        let k = r.u64().ok_or("tag lexicon: truncated")?;
        let v = r.u8().ok_or("tag lexicon: truncated")?;
        if usize::from(v) >= n_tags {
            return Err(format!("tag lexicon: class {v} out of range"));
        }
        lex.insert(k, v);
    }
    Ok(lex)
}

/// The features of word `i` given the tags chosen for the two words before it.
pub(crate) fn features(
    views: &[WordView],
    lex: &Lexicon,
    i: usize,
    p1: usize,
    p2: usize,
    out: &mut Vec<u64>,
) {
    out.clear();
    let w = |j: isize| -> Option<&WordView> {
        if j < 0 {
            None
        } else {
            views.get(j as usize)
        }
    };
    let i = i as isize;
    let form = |j: isize| w(j).map_or(if j < 0 { START } else { END }, |v| v.form);
    let suf = |j: isize, k: usize| w(j).map_or(if j < 0 { START } else { END }, |v| v.suffix[k]);
    let shp = |j: isize| w(j).map_or(if j < 0 { START } else { END }, |v| v.shape);
    let me = &views[i as usize];
    let (p1, p2) = (p1 as u64, p2 as u64);
    out.push(key(0, &[]));
    out.push(key(1, &[me.form]));
    for (k, s) in me.suffix.iter().enumerate() {
        out.push(key(2 + k as u64, &[*s]));
    }
    for (k, p) in me.prefix.iter().enumerate() {
        out.push(key(6 + k as u64, &[*p]));
    }
    out.push(key(9, &[me.shape]));
    out.push(key(10, &[p1]));
    out.push(key(11, &[p2, p1]));
    out.push(key(12, &[p1, me.form]));
    out.push(key(13, &[form(i - 1)]));
    out.push(key(14, &[suf(i - 1, 2)]));
    out.push(key(15, &[form(i - 2)]));
    out.push(key(16, &[form(i + 1)]));
    out.push(key(17, &[suf(i + 1, 2)]));
    out.push(key(18, &[form(i + 2)]));
    out.push(key(19, &[form(i - 1), me.form]));
    out.push(key(20, &[me.form, form(i + 1)]));
    out.push(key(21, &[shp(i - 1), me.shape]));
    out.push(key(22, &[shp(i + 1)]));
    if me.hyphen_tail != 0 {
        out.push(key(23, &[me.hyphen_tail]));
    }
    out.push(key(24, &[u64::from(i == 0), me.shape]));
    out.push(key(25, &[p1, me.suffix[2]]));
    out.push(key(26, &[form(i - 1), form(i + 1)]));
    out.push(key(27, &[p2]));
    out.push(key(28, &[me.shape, form(i + 1)]));
    out.push(key(29, &[suf(i + 1, 1), me.suffix[1]]));
    out.push(key(30, &[u64::from(me.len_class), me.shape]));
    out.push(key(31, &[p1, shp(i + 1)]));
    // The most frequent tags of the words ahead, not yet tagged.
    let amb = |j: isize| w(j).map_or(END, |v| lex.get(&v.form).map_or(START, |&c| u64::from(c)));
    out.push(key(32, &[amb(i + 1)]));
    out.push(key(33, &[amb(i + 1), amb(i + 2)]));
    out.push(key(34, &[p1, amb(i + 1)]));
    out.push(key(35, &[me.form, amb(i + 1)]));
}

/// A trained tagger.
#[derive(Clone, Debug)]
pub struct Tagger {
    model: Model,
    lexicon: Lexicon,
    upos: Vec<String>,
    xpos: Vec<String>,
}

impl Tagger {
    /// The tagger of a model of kind `tagger`; classes must be `UPOS XPOS`.
    pub(crate) fn new(model: Model) -> Result<Tagger, String> {
        let mut upos = Vec::new();
        let mut xpos = Vec::new();
        for c in model.classes() {
            let (u, x) = c
                .split_once(' ')
                .ok_or_else(|| format!("tag class {c:?} is not \"UPOS XPOS\""))?;
            upos.push(u.to_string());
            xpos.push(x.to_string());
        }
        let lexicon = lexicon_from_bytes(model.extra(), upos.len())?;
        Ok(Tagger {
            model,
            lexicon,
            upos,
            xpos,
        })
    }

    /// The model.
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// Number of tag classes.
    pub fn n_tags(&self) -> usize {
        self.upos.len()
    }

    /// The Universal tag of a class.
    pub fn upos(&self, tag: usize) -> &str {
        &self.upos[tag]
    }

    /// The Penn tag of a class.
    pub fn xpos(&self, tag: usize) -> &str {
        &self.xpos[tag]
    }

    /// Tag a sentence; `tags` receives one class per word (`feats`,
    /// `scores` and `rows` are buffers).
    pub(crate) fn tag(
        &self,
        views: &[WordView],
        feats: &mut Vec<u64>,
        scores: &mut Vec<i32>,
        rows: &mut Vec<u32>,
        tags: &mut Vec<usize>,
    ) {
        tags.clear();
        self.tag_upto(views, views.len(), feats, scores, rows, tags);
    }

    /// Go on tagging a sentence whose first `tags.len()` words are tagged,
    /// up to word `end` (`views` must hold the views of the words up to
    /// `end + 2` or all of them: the features of a word read two words
    /// ahead). The same tags as [`Tagger::tag`] of the whole sentence: a
    /// word's tag depends on the views and on the tags before it only.
    pub(crate) fn tag_upto(
        &self,
        views: &[WordView],
        end: usize,
        feats: &mut Vec<u64>,
        scores: &mut Vec<i32>,
        rows: &mut Vec<u32>,
        tags: &mut Vec<usize>,
    ) {
        scores.resize(self.n_tags(), 0);
        for i in tags.len()..end.min(views.len()) {
            let p1 = if i >= 1 { tags[i - 1] } else { NO_TAG };
            let p2 = if i >= 2 { tags[i - 2] } else { NO_TAG };
            features(views, &self.lexicon, i, p1, p2, feats);
            self.model.score(feats, scores, rows);
            tags.push(argmax(scores));
        }
    }
}

/// Index of the highest score; the lowest index wins a tie.
pub(crate) fn argmax<T: PartialOrd + Copy>(scores: &[T]) -> usize {
    let mut best = 0;
    for (i, s) in scores.iter().enumerate() {
        if *s > scores[best] {
            best = i;
        }
    }
    best
}
