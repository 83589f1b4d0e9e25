//! The part-of-speech tagger: a greedy left-to-right averaged perceptron
//! (Collins 2002), whose classes are pairs of a Universal tag and a Penn tag
//! (`NOUN NN`, `VERB VBN`), so that one decision gives both.
//!
//! Features: the word's normal form, its prefixes and suffixes, its shape;
//! the two words either side and some of their suffixes and shapes; the two
//! tags already chosen to the left, alone and with the word.

use super::features::{key, WordView};
use super::perceptron::{KeyMap, Model, Reader, ScoreBuffers};

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

/// The features of word `i` given the tags chosen for the two words before
/// it: its word features ([`word_features`]), then the others
/// ([`context_features`]).
pub(crate) fn features(
    views: &[WordView],
    lex: &Lexicon,
    i: usize,
    p1: usize,
    p2: usize,
    out: &mut Vec<u64>,
) {
    out.clear();
    word_features(&views[i], out);
    context_features(views, lex, i, p1, p2, out);
}

/// The features of word `i` that read more than its own view (the words
/// around it, the tags before it, its place), added to `out`.
pub(crate) fn context_features(
    views: &[WordView],
    lex: &Lexicon,
    i: usize,
    p1: usize,
    p2: usize,
    out: &mut Vec<u64>,
) {
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
    out.push(key(24, &[u64::from(i == 0), me.shape]));
    out.push(key(25, &[p1, me.suffix[2]]));
    out.push(key(26, &[form(i - 1), form(i + 1)]));
    out.push(key(27, &[p2]));
    out.push(key(28, &[me.shape, form(i + 1)]));
    out.push(key(29, &[suf(i + 1, 1), me.suffix[1]]));
    out.push(key(31, &[p1, shp(i + 1)]));
    // The most frequent tags of the words ahead, not yet tagged.
    // (Each looked up once: four templates read the next word's.)
    let amb = |j: isize| w(j).map_or(END, |v| lex.get(&v.form).map_or(START, |&c| u64::from(c)));
    let (amb1, amb2) = (amb(i + 1), amb(i + 2));
    out.push(key(32, &[amb1]));
    out.push(key(33, &[amb1, amb2]));
    out.push(key(34, &[p1, amb1]));
    out.push(key(35, &[me.form, amb1]));
}

/// The features of a word that read nothing but its own view (its form,
/// suffixes, prefixes, shape, hyphen tail and length class, and the bias):
/// the first part of [`features`], which [`Tagger::tag_upto`] may take
/// from a [`WordSums`] instead.
pub(crate) fn word_features(me: &WordView, out: &mut Vec<u64>) {
    out.push(key(0, &[]));
    out.push(key(1, &[me.form]));
    for (k, s) in me.suffix.iter().enumerate() {
        out.push(key(2 + k as u64, &[*s]));
    }
    for (k, p) in me.prefix.iter().enumerate() {
        out.push(key(6 + k as u64, &[*p]));
    }
    out.push(key(9, &[me.shape]));
    if me.hyphen_tail != 0 {
        out.push(key(23, &[me.hyphen_tail]));
    }
    out.push(key(30, &[u64::from(me.len_class), me.shape]));
}

/// The values [`word_features`] reads of a word's view: two views with the
/// same values have the same word features, so the same sums.
fn word_values(v: &WordView) -> [u64; 11] {
    [
        v.form,
        v.shape,
        v.suffix[0],
        v.suffix[1],
        v.suffix[2],
        v.suffix[3],
        v.prefix[0],
        v.prefix[1],
        v.prefix[2],
        v.hyphen_tail,
        u64::from(v.len_class),
    ]
}

/// The sums of the word features ([`word_features`]) of the words tagged
/// lately, one a place in a table of [`WordSums::PLACES`] chosen by the
/// word's form and shape (a word evicts the one before it at its place):
/// per worker, kept across sentences. News repeats its words, and these
/// features (twelve or thirteen of a word's 35 or 36) are the same for
/// every use of a word; a word found here adds the sums kept for it
/// instead of looking its word features up. Exact: a place holds the
/// values its sums were made from and is used only for a view with the
/// same values (so the same keys, so the same rows), and the scores are
/// sums of integers, the same in any grouping (36 weights of at most 2047,
/// far from `i32::MAX`).
#[derive(Debug, Default)]
pub(crate) struct WordSums {
    /// The values of the word at each place ([`word_values`]), `None` for none yet.
    values: Vec<Option<[u64; 11]>>,
    /// `n_tags` sums a place.
    sums: Vec<i32>,
}

impl WordSums {
    /// The number of places (a power of two).
    const PLACES: usize = 4096;

    /// The place of a word's values.
    fn place(values: &[u64; 11]) -> usize {
        let h = (values[0] ^ values[1].rotate_left(29)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        (h >> (64 - Self::PLACES.trailing_zeros())) as usize
    }
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
    /// `scores` and `score_buffers` are buffers).
    pub(crate) fn tag(
        &self,
        views: &[WordView],
        feats: &mut Vec<u64>,
        scores: &mut Vec<i32>,
        score_buffers: &mut ScoreBuffers,
        tags: &mut Vec<usize>,
    ) {
        tags.clear();
        self.tag_upto(views, views.len(), feats, scores, score_buffers, tags, None);
    }

    /// Go on tagging a sentence whose first `tags.len()` words are tagged,
    /// up to word `end` (`views` must hold the views of the words up to
    /// `end + 2` or all of them: the features of a word read two words
    /// ahead). The same tags as [`Tagger::tag`] of the whole sentence: a
    /// word's tag depends on the views and on the tags before it only.
    /// With `memo`, a word's word features come from its sums kept there
    /// when it has them (and are kept there when not): the same scores
    /// ([`WordSums`]).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn tag_upto(
        &self,
        views: &[WordView],
        end: usize,
        feats: &mut Vec<u64>,
        scores: &mut Vec<i32>,
        score_buffers: &mut ScoreBuffers,
        tags: &mut Vec<usize>,
        mut memo: Option<&mut WordSums>,
    ) {
        let nt = self.n_tags();
        // Sums are kept `width` wide (the tags, padded with zeros to a
        // multiple of eight: [`Model::score_width`]); a tag is chosen
        // among the first `nt`.
        let width = self.model.score_width();
        scores.resize(width, 0);
        if let Some(m) = memo.as_deref_mut() {
            if m.values.is_empty() {
                m.values = vec![None; WordSums::PLACES];
                m.sums = vec![0; WordSums::PLACES * width];
            }
        }
        for i in tags.len()..end.min(views.len()) {
            let p1 = if i >= 1 { tags[i - 1] } else { NO_TAG };
            let p2 = if i >= 2 { tags[i - 2] } else { NO_TAG };
            match memo.as_deref_mut() {
                None => {
                    features(views, &self.lexicon, i, p1, p2, feats);
                    self.model.score(feats, scores, score_buffers);
                }
                Some(m) => {
                    let values = word_values(&views[i]);
                    let at = WordSums::place(&values);
                    let kept = &mut m.sums[at * width..][..width];
                    if m.values[at] != Some(values) {
                        feats.clear();
                        word_features(&views[i], feats);
                        self.model.score(feats, kept, score_buffers);
                        m.values[at] = Some(values);
                    }
                    feats.clear();
                    context_features(views, &self.lexicon, i, p1, p2, feats);
                    self.model.score(feats, scores, score_buffers);
                    for (s, k) in scores.iter_mut().zip(kept.iter()) {
                        *s += k;
                    }
                }
            }
            tags.push(argmax(&scores[..nt]));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::features::mix;
    use crate::syntax::Syntax;

    /// Tagging with a [`WordSums`] kept across sentences gives, word by
    /// word, the scores and tags of tagging without one: with words that
    /// recur (their sums found), and more distinct words than the table
    /// has places (sums evicted and made again).
    #[test]
    fn kept_word_sums_give_the_same_scores_and_tags() {
        let syntax = Syntax::embedded().unwrap();
        let t = syntax.tagger();
        let mut memo = WordSums::default();
        let (mut feats, mut scores, mut score_buffers) =
            (Vec::new(), Vec::new(), ScoreBuffers::default());
        let (mut whole, mut parts) = (vec![0i32; t.n_tags()], vec![0i32; t.n_tags()]);
        let base = [
            "Rebels",
            "attacked",
            "the",
            "town",
            "of",
            "Brask",
            ",",
            "officials",
            "said",
            ".",
        ];
        let mut x = 7u64;
        let mut distinct = std::collections::HashSet::new();
        for n in 0..1500u64 {
            let mut words: Vec<String> = base.iter().map(|w| w.to_string()).collect();
            for k in 0..4 {
                x = mix(x, n * 4 + k);
                let new = match x % 3 {
                    0 => format!("Zorvak{}", x % 100_000),
                    1 => format!("tovin-{}s", x % 100_000),
                    _ => format!("{}", x % 10_000),
                };
                words.insert((x % 9) as usize, new);
            }
            distinct.extend(words.iter().cloned());
            let caps = n % 50 == 0;
            let views: Vec<WordView> = words.iter().map(|w| WordView::new(w, caps)).collect();
            let (mut a, mut b) = (Vec::new(), Vec::new());
            t.tag_upto(
                &views,
                views.len(),
                &mut feats,
                &mut scores,
                &mut score_buffers,
                &mut a,
                None,
            );
            t.tag_upto(
                &views,
                views.len(),
                &mut feats,
                &mut scores,
                &mut score_buffers,
                &mut b,
                Some(&mut memo),
            );
            assert_eq!(a, b, "{words:?}");
            // The scores: the word features' sums and the others' add up
            // to the whole's, for the tags chosen before each word.
            for i in 0..views.len() {
                let p1 = if i >= 1 { a[i - 1] } else { NO_TAG };
                let p2 = if i >= 2 { a[i - 2] } else { NO_TAG };
                features(&views, &t.lexicon, i, p1, p2, &mut feats);
                t.model.score(&feats, &mut whole, &mut score_buffers);
                feats.clear();
                word_features(&views[i], &mut feats);
                t.model.score(&feats, &mut parts, &mut score_buffers);
                feats.clear();
                context_features(&views, &t.lexicon, i, p1, p2, &mut feats);
                t.model.score(&feats, &mut scores, &mut score_buffers);
                for (p, s) in parts.iter_mut().zip(&scores) {
                    *p += s;
                }
                assert_eq!(whole, parts, "{words:?}, word {i}");
            }
        }
        assert!(
            distinct.len() > WordSums::PLACES,
            "{} words",
            distinct.len()
        );
    }
}
