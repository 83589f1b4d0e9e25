//! Training and evaluation of the syntactic models on a UD treebank.
//!
//! [`train`] is deterministic: the sentence order of every epoch comes from a
//! seeded generator, the perceptron is integer arithmetic and the model files
//! are written in key order, so the same treebank, options and seed give
//! byte-identical files.
//!
//! 1. The tagger is trained on the training sentences (plus a copy of one
//!    sentence in `caps_every` set in capitals, as wire-service titles are).
//! 2. The parser needs the tags the tagger will give at run time, errors
//!    included: the training set is cut into `folds` parts, each tagged by a
//!    tagger trained on the others (jackknifing).
//! 3. The parser is trained on those tags with the dynamic oracle, exploring
//!    its own mistakes from the second epoch on; after each epoch the averaged
//!    model is scored on the development set and the best epoch is kept.

use std::collections::BTreeSet;
use std::time::Instant;

use super::conllu::Sentence;
use super::features::{is_caps_sentence, normal_form, WordView};
use super::parser::{self, decode, Input, Move, Parser, State};
use super::perceptron::{Averaged, Model, ScoreBuffers};
use super::tagger::{self, argmax, NO_TAG};
use super::Syntax;
use crate::error::{Error, ErrorKind};

/// Training options.
#[derive(Clone, Debug)]
pub struct TrainOptions {
    /// Seed of the sentence order and of exploration.
    pub seed: u64,
    /// Epochs of the final tagger.
    pub tagger_epochs: usize,
    /// Epochs of each jackknife tagger.
    pub fold_epochs: usize,
    /// Jackknife folds (1 or less: the parser trains on gold tags).
    pub folds: usize,
    /// Epochs of the parser (the best on the development set is kept).
    pub parser_epochs: usize,
    /// Probability (per mille) of following the model's own move when exploring.
    pub explore_per_mille: u64,
    /// Quantised weights below this magnitude are dropped from the files.
    pub min_weight: i16,
    /// One training sentence in this many is added again in capitals (0: none).
    pub caps_every: usize,
    /// Use only the first N training sentences (for tests).
    pub limit: Option<usize>,
}

impl Default for TrainOptions {
    fn default() -> TrainOptions {
        TrainOptions {
            seed: 2026,
            tagger_epochs: 10,
            fold_epochs: 5,
            folds: 4,
            parser_epochs: 12,
            explore_per_mille: 900,
            min_weight: 25,
            caps_every: 20,
            limit: None,
        }
    }
}

/// The trained models as model-file bytes.
pub struct Trained {
    /// The tagger model file.
    pub tagger: Vec<u8>,
    /// The parser model file.
    pub parser: Vec<u8>,
}

/// splitmix64: a small, fixed generator (the `rand` crate's streams may change between releases).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i as u64 + 1) as usize;
            v.swap(i, j);
        }
    }
}

/// A training sentence, prepared once.
struct Prepared {
    views: Vec<WordView>,
    gold_tags: Vec<usize>,
    heads: Vec<u32>,
    labels: Vec<u16>,
    commas: Vec<bool>,
}

fn prepare(s: &Sentence, tag_ids: &[String], label_ids: &[String], upper: bool) -> Prepared {
    let forms: Vec<String> = s
        .words
        .iter()
        .map(|w| {
            if upper {
                w.form.to_uppercase()
            } else {
                w.form.clone()
            }
        })
        .collect();
    let refs: Vec<&str> = forms.iter().map(String::as_str).collect();
    let caps = is_caps_sentence(&refs);
    let n = s.words.len() as u32;
    let mut heads: Vec<u32> = s
        .words
        .iter()
        .map(|w| if w.head == 0 { n } else { w.head as u32 - 1 })
        .collect();
    parser::projectivize(&mut heads);
    Prepared {
        views: refs.iter().map(|w| WordView::new(w, caps)).collect(),
        gold_tags: s
            .words
            .iter()
            .map(|w| {
                tag_ids
                    .binary_search(&format!("{} {}", w.upos, w.xpos))
                    .unwrap_or(0)
            })
            .collect(),
        heads,
        labels: s
            .words
            .iter()
            .map(|w| label_ids.binary_search(&w.deprel).unwrap_or(0) as u16)
            .collect(),
        commas: refs
            .iter()
            .map(|w| matches!(normal_form(w).as_str(), "," | ";" | "--"))
            .collect(),
    }
}

fn train_tagger(
    data: &[&Prepared],
    lex: &tagger::Lexicon,
    n_tags: usize,
    epochs: usize,
    rng: &mut Rng,
) -> Averaged {
    let mut model = Averaged::new(n_tags);
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut feats = Vec::new();
    let mut scores = vec![0i64; n_tags];
    let mut history = Vec::new();
    for _ in 0..epochs {
        rng.shuffle(&mut order);
        for &k in &order {
            let s = data[k];
            history.clear();
            for i in 0..s.views.len() {
                let p1 = if i >= 1 { history[i - 1] } else { NO_TAG };
                let p2 = if i >= 2 { history[i - 2] } else { NO_TAG };
                tagger::features(&s.views, lex, i, p1, p2, &mut feats);
                model.score(&feats, &mut scores);
                let guess = argmax(&scores);
                model.tick();
                model.update(&feats, s.gold_tags[i], guess);
                history.push(guess);
            }
        }
    }
    model
}

/// Train both models; `log` receives one line per step.
pub fn train(
    train_set: &[Sentence],
    dev_set: &[Sentence],
    opts: &TrainOptions,
    log: &mut dyn FnMut(&str),
) -> crate::Result<Trained> {
    let train_set = match opts.limit {
        Some(n) => &train_set[..n.min(train_set.len())],
        None => train_set,
    };
    if train_set.is_empty() {
        return Err(Error::new(ErrorKind::Usage, "no training sentences"));
    }
    let mut rng = Rng(opts.seed);
    let tag_ids: Vec<String> = train_set
        .iter()
        .flat_map(|s| s.words.iter().map(|w| format!("{} {}", w.upos, w.xpos)))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut label_set: BTreeSet<String> = train_set
        .iter()
        .flat_map(|s| s.words.iter().map(|w| w.deprel.clone()))
        .collect();
    label_set.insert("root".to_string());
    let label_ids: Vec<String> = label_set.into_iter().collect();
    if tag_ids.len() > 256 || 1 + 2 * label_ids.len() > 256 {
        return Err(Error::new(
            ErrorKind::Gold,
            format!(
                "{} tag classes and {} labels: at most 256 and 127",
                tag_ids.len(),
                label_ids.len()
            ),
        ));
    }
    let mut data: Vec<Prepared> = train_set
        .iter()
        .map(|s| prepare(s, &tag_ids, &label_ids, false))
        .collect();
    let n_plain = data.len();
    if opts.caps_every > 0 {
        for (i, s) in train_set.iter().enumerate() {
            if i % opts.caps_every == opts.caps_every / 2 {
                data.push(prepare(s, &tag_ids, &label_ids, true));
            }
        }
    }
    log(&format!(
        "{} training sentences (+{} in capitals), {} tag classes, {} labels",
        n_plain,
        data.len() - n_plain,
        tag_ids.len(),
        label_ids.len()
    ));

    // 1. The tagger, with its lexicon: each word seen twice or more, with its most frequent tag.
    let t0 = Instant::now();
    let mut counts: std::collections::HashMap<u64, Vec<u32>> = std::collections::HashMap::new();
    for p in &data[..n_plain] {
        for (v, &t) in p.views.iter().zip(&p.gold_tags) {
            counts
                .entry(v.form)
                .or_insert_with(|| vec![0; tag_ids.len()])[t] += 1;
        }
    }
    let mut lex = tagger::Lexicon::default();
    for (k, c) in &counts {
        if c.iter().sum::<u32>() >= 2 {
            lex.insert(*k, argmax(c) as u8);
        }
    }
    let all: Vec<&Prepared> = data.iter().collect();
    let tagger_model = train_tagger(&all, &lex, tag_ids.len(), opts.tagger_epochs, &mut rng)
        .freeze(
            "tagger",
            tag_ids.clone(),
            tagger::lexicon_bytes(&lex),
            opts.min_weight,
        );
    log(&format!(
        "tagger: {} epochs, {} features, {:.1}s",
        opts.tagger_epochs,
        tagger_model.n_features(),
        t0.elapsed().as_secs_f64()
    ));

    // 2. Jackknifed tags for the parser.
    let t0 = Instant::now();
    let mut predicted: Vec<Vec<usize>> = data.iter().map(|p| p.gold_tags.clone()).collect();
    if opts.folds > 1 {
        for fold in 0..opts.folds {
            let rest: Vec<&Prepared> = data
                .iter()
                .enumerate()
                .filter(|(i, _)| i % opts.folds != fold)
                .map(|(_, p)| p)
                .collect();
            let m = train_tagger(&rest, &lex, tag_ids.len(), opts.fold_epochs, &mut rng).freeze(
                "tagger",
                tag_ids.clone(),
                tagger::lexicon_bytes(&lex),
                1,
            );
            let t = tagger::Tagger::new(m).expect("tag classes were built here");
            let (mut feats, mut scores, mut score_buffers) =
                (Vec::new(), Vec::new(), ScoreBuffers::default());
            for (i, p) in data.iter().enumerate() {
                if i % opts.folds == fold {
                    t.tag(
                        &p.views,
                        &mut feats,
                        &mut scores,
                        &mut score_buffers,
                        &mut predicted[i],
                    );
                }
            }
        }
        let (mut right, mut total) = (0usize, 0usize);
        for (p, t) in data.iter().zip(&predicted) {
            right += p.gold_tags.iter().zip(t).filter(|(a, b)| a == b).count();
            total += t.len();
        }
        log(&format!(
            "jackknife: {} folds, tag accuracy {:.2}%, {:.1}s",
            opts.folds,
            100.0 * right as f64 / total.max(1) as f64,
            t0.elapsed().as_secs_f64()
        ));
    }

    // 3. The parser.
    let mut classes = vec!["S".to_string()];
    for l in &label_ids {
        classes.push(format!("L {l}"));
        classes.push(format!("R {l}"));
    }
    let root = label_ids.binary_search(&"root".to_string()).unwrap() as u16;
    let upos_of: Vec<usize> = {
        let names: Vec<&str> = tag_ids
            .iter()
            .map(|t| t.split(' ').next().unwrap())
            .collect();
        names
            .iter()
            .map(|u| {
                super::Upos::from_name(u)
                    .map(|x| x as usize)
                    .unwrap_or(super::Upos::X as usize)
            })
            .collect()
    };
    let inputs: Vec<Input> = data
        .iter()
        .zip(&predicted)
        .map(|(p, tags)| {
            let mut inp = Input::default();
            inp.fill(&p.views, tags, &upos_of, &p.commas);
            inp
        })
        .collect();
    let mut model = Averaged::new(classes.len());
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut st = State::default();
    let mut feats = Vec::new();
    let mut scores = vec![0i64; classes.len()];
    let mut best: Option<(f64, usize, Model)> = None;
    for epoch in 0..opts.parser_epochs {
        let t0 = Instant::now();
        rng.shuffle(&mut order);
        let (mut wrong, mut steps) = (0usize, 0usize);
        for &k in &order {
            let p = &data[k];
            let inp = &inputs[k];
            st.reset(p.views.len());
            while !st.done() {
                parser::features(inp, &st, &mut feats);
                model.score(&feats, &mut scores);
                let guess = parser::best_valid(&st, &scores, root);
                let base = st.costs(&p.heads);
                let s0 = st.stack.last().copied();
                let cost = |m: Move| -> u32 {
                    match m {
                        Move::Shift => base[0],
                        Move::Left(l) | Move::Right(l) => {
                            let k = if matches!(m, Move::Left(_)) { 1 } else { 2 };
                            let s0 = s0.unwrap() as usize;
                            let label_wrong = p.heads[s0] == st.new_head(m) && p.labels[s0] != l;
                            base[k].saturating_add(u32::from(label_wrong))
                        }
                    }
                };
                let mut zero: Option<usize> = None;
                for c in 0..classes.len() {
                    let m = decode(c);
                    if st.valid(m, root)
                        && cost(m) == 0
                        && zero.is_none_or(|z| scores[c] > scores[z])
                    {
                        zero = Some(c);
                    }
                }
                let guess_c = parser::encode(guess);
                model.tick();
                steps += 1;
                let follow = match zero {
                    Some(z) => {
                        if cost(guess) > 0 {
                            wrong += 1;
                            model.update(&feats, z, guess_c);
                        }
                        if epoch > 0 && rng.below(1000) < opts.explore_per_mille {
                            guess
                        } else {
                            decode(z)
                        }
                    }
                    // Unreachable for projective trees; follow the model.
                    None => guess,
                };
                st.apply(follow);
            }
        }
        let frozen = model.freeze("parser", classes.clone(), Vec::new(), opts.min_weight);
        let syntax = Syntax::from_models(tagger_model.clone(), frozen.clone())?;
        let las = if dev_set.is_empty() {
            0.0
        } else {
            evaluate(&syntax, dev_set).las
        };
        log(&format!(
            "parser epoch {}: {:.2}% of moves wrong, {} features, dev LAS {:.2}, {:.1}s",
            epoch + 1,
            100.0 * wrong as f64 / steps.max(1) as f64,
            frozen.n_features(),
            las,
            t0.elapsed().as_secs_f64()
        ));
        if best.as_ref().is_none_or(|(b, _, _)| las > *b) {
            best = Some((las, epoch + 1, frozen));
        }
    }
    let (las, epoch, parser_model) =
        best.ok_or_else(|| Error::new(ErrorKind::Usage, "no parser epochs"))?;
    log(&format!("parser: kept epoch {epoch} (dev LAS {las:.2})"));
    // Check the pair loads as shipped.
    let _ = Parser::new(parser_model.clone()).map_err(|m| Error::new(ErrorKind::Model, m))?;
    Ok(Trained {
        tagger: tagger_model.to_bytes(),
        parser: parser_model.to_bytes(),
    })
}

/// Accuracy and speed on a treebank with gold tokens.
#[derive(Clone, Debug, Default)]
pub struct Scores {
    /// Sentences.
    pub sentences: usize,
    /// Words.
    pub words: usize,
    /// Universal tag accuracy (%).
    pub upos: f64,
    /// Penn tag accuracy (%).
    pub xpos: f64,
    /// Unlabelled attachment score (%), punctuation included.
    pub uas: f64,
    /// Labelled attachment score (%), full labels with subtypes.
    pub las: f64,
    /// Labelled attachment score (%) on the universal part of the label, as the CoNLL 2018 script counts.
    pub las_universal: f64,
    /// Tagger words per second (one thread).
    pub tagger_wps: f64,
    /// Parser words per second, tagging excluded (one thread).
    pub parser_wps: f64,
    /// Tagger words per CPU-second of the thread (what one core does on a
    /// shared machine); `None` where the thread's CPU time cannot be read.
    pub tagger_wpcs: Option<f64>,
    /// Parser words per CPU-second of the thread, tagging excluded.
    pub parser_wpcs: Option<f64>,
}

/// CPU seconds the calling thread has run (Linux: `/proc/thread-self/schedstat`, in nanoseconds).
pub fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(ns as f64 / 1e9)
}

/// Score `syntax` on sentences with gold tokens.
pub fn evaluate(syntax: &Syntax, sentences: &[Sentence]) -> Scores {
    let mut scratch = super::SyntaxScratch::default();
    let forms: Vec<Vec<&str>> = sentences.iter().map(Sentence::forms).collect();
    let (t0, c0) = (Instant::now(), thread_cpu_seconds());
    for f in &forms {
        let _ = syntax.tag(f, &mut scratch);
    }
    let (tag_secs, c1) = (t0.elapsed().as_secs_f64(), thread_cpu_seconds());
    let t0 = Instant::now();
    let parses: Vec<_> = forms
        .iter()
        .map(|f| syntax.parse(f, &mut scratch))
        .collect();
    let (all_secs, c2) = (t0.elapsed().as_secs_f64(), thread_cpu_seconds());
    let mut sc = Scores {
        sentences: sentences.len(),
        ..Scores::default()
    };
    let (mut upos, mut xpos, mut uas, mut las, mut lasu) = (0usize, 0usize, 0usize, 0usize, 0usize);
    for (s, p) in sentences.iter().zip(&parses) {
        for (i, w) in s.words.iter().enumerate() {
            sc.words += 1;
            upos += usize::from(p.upos[i].as_str() == w.upos);
            xpos += usize::from(syntax.xpos(p.tags[i]) == w.xpos);
            let head = p.heads[i].map_or(0, |h| h + 1);
            if head == w.head {
                uas += 1;
                let l = syntax.label(p.labels[i]);
                las += usize::from(l == w.deprel);
                let univ = |x: &str| x.split(':').next().unwrap_or("").to_string();
                lasu += usize::from(univ(l) == univ(&w.deprel));
            }
        }
    }
    let pct = |x: usize| 100.0 * x as f64 / sc.words.max(1) as f64;
    sc.upos = pct(upos);
    sc.xpos = pct(xpos);
    sc.uas = pct(uas);
    sc.las = pct(las);
    sc.las_universal = pct(lasu);
    sc.tagger_wps = sc.words as f64 / tag_secs.max(1e-9);
    sc.parser_wps = sc.words as f64 / (all_secs - tag_secs).max(1e-9);
    if let (Some(c0), Some(c1), Some(c2)) = (c0, c1, c2) {
        let tag_cpu = (c1 - c0).max(1e-9);
        sc.tagger_wpcs = Some(sc.words as f64 / tag_cpu);
        sc.parser_wpcs = Some(sc.words as f64 / (c2 - c1 - tag_cpu).max(1e-9));
    }
    sc
}
