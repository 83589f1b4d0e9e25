//! The rules loader's limits (issue 16): nesting, set expansion, repeats.
//!
//! Input: chains of `set` lines, each built from words, references to
//! earlier sets, groups of alternatives, negations and `?`/`*`/`+`, then
//! one rule using them. A small oracle written from the rule language's
//! spec computes what the loader must build (elements, longest path,
//! nesting, line length) and so whether the file must load:
//!
//! - it loads exactly when every set it uses and the rule are inside the
//!   limits (500,000 elements, a path of 400, 32 levels, 1 MiB a line,
//!   2,000,000 elements held in all);
//! - otherwise every error names the file and a line of it;
//! - loading is deterministic, and never takes the process down (libFuzzer's
//!   time-out and memory limit catch a blow-up);
//! - a rule set that loads runs on a document in a thread with the stack of
//!   a kgx worker (8 MiB) without crashing.
#![no_main]

use arbitrary::Arbitrary;
use kgx::gazetteer::{Entity, EntityType, Gazetteer};
use kgx::pipeline::Pipeline;
use kgx::relations::RuleSet;
use kgx::Document;
use libfuzzer_sys::fuzz_target;

// The loader's limits (src/relations/parse.rs), restated as the spec.
const MAX_SIZE: usize = 500_000;
const MAX_TOTAL: usize = 2_000_000;
const MAX_PATH: usize = 400;
const MAX_NESTING: usize = 32;
const MAX_LINE: usize = 1 << 20;
const WORKER_STACK: usize = 8 << 20;

const WORDS: &[&str] = &["said", "the", "talks", "in", "met", "not", "x"];

#[derive(Arbitrary, Debug)]
enum Quant {
    Opt,
    Star,
    Plus,
}

#[derive(Arbitrary, Debug)]
enum Expr {
    Word(u8),
    Set(u8),
    Group(Vec<Vec<Expr>>),
    Not(Box<Expr>),
    Repeat(Box<Expr>, Quant),
}

#[derive(Arbitrary, Debug)]
struct Input {
    /// Each set's alternatives.
    sets: Vec<Vec<Vec<Expr>>>,
    /// The rule's pattern between its two slots.
    rule: Vec<Expr>,
}

/// What the loader builds for a piece of pattern.
#[derive(Clone, Copy, Debug, Default)]
struct Shape {
    size: usize,
    path: usize,
    nest: usize,
    valid: bool,
}

/// A set as the oracle knows it.
#[derive(Clone, Copy)]
struct SetShape {
    /// Size and path of `Alt(alternatives)`.
    size: usize,
    path: usize,
    valid: bool,
}

struct Writer<'a> {
    sets: &'a [SetShape],
    text: String,
}

impl Writer<'_> {
    /// Write `e` as one atom (wrapped in a group where the syntax needs it).
    fn atom(&mut self, e: &Expr, quantified: bool) -> Shape {
        let needs_group = match e {
            Expr::Repeat(..) | Expr::Not(_) => quantified,
            Expr::Group(alts) => alts.is_empty() || alts.iter().any(Vec::is_empty),
            _ => false,
        };
        if needs_group {
            self.text.push('(');
            let inner = self.expr(e);
            self.text.push(')');
            return Shape {
                size: 1 + inner.size,
                path: 1 + inner.path,
                nest: 1 + inner.nest,
                valid: inner.valid,
            };
        }
        self.expr(e)
    }

    fn expr(&mut self, e: &Expr) -> Shape {
        match e {
            Expr::Word(i) => {
                self.text.push_str(WORDS[*i as usize % WORDS.len()]);
                Shape { size: 1, path: 1, nest: 1, valid: true }
            }
            Expr::Set(i) if !self.sets.is_empty() => {
                let k = *i as usize % self.sets.len();
                self.text.push_str(&format!("@s{k}"));
                let s = self.sets[k];
                Shape { size: s.size, path: s.path, nest: 1, valid: s.valid }
            }
            Expr::Set(_) => {
                self.text.push('x');
                Shape { size: 1, path: 1, nest: 1, valid: true }
            }
            Expr::Group(alts) if alts.is_empty() || alts.iter().any(Vec::is_empty) => {
                self.text.push_str("x");
                Shape { size: 1, path: 1, nest: 1, valid: true }
            }
            Expr::Group(alts) => {
                self.text.push('(');
                let inner = self.alternatives(alts);
                self.text.push(')');
                Shape { nest: inner.nest + 1, ..inner }
            }
            Expr::Not(inner) => {
                self.text.push('!');
                let s = self.atom(inner, true);
                Shape { size: 1 + s.size, path: 1 + s.path, nest: 1 + s.nest, valid: s.valid }
            }
            Expr::Repeat(inner, q) => {
                let s = self.atom(inner, true);
                let (min, max, c) = match q {
                    Quant::Opt => (0, 1, '?'),
                    Quant::Star => (0, 6, '*'),
                    Quant::Plus => (1, 6, '+'),
                };
                self.text.push(c);
                Shape {
                    size: max * s.size + (max - min),
                    path: max * s.path + (max - min),
                    nest: s.nest,
                    valid: s.valid,
                }
            }
        }
    }

    /// A sequence of atoms separated by spaces.
    fn seq(&mut self, seq: &[Expr]) -> Shape {
        let mut total = Shape { valid: true, ..Shape::default() };
        for (i, e) in seq.iter().enumerate() {
            if i > 0 {
                self.text.push(' ');
            }
            let s = self.atom(e, false);
            total.size = total.size.saturating_add(s.size);
            total.path = total.path.saturating_add(s.path);
            total.nest = total.nest.max(s.nest);
            total.valid &= s.valid;
        }
        total
    }

    /// `a | b c | d` as one `Alt` element.
    fn alternatives(&mut self, alts: &[Vec<Expr>]) -> Shape {
        let mut total = Shape { size: 1, valid: true, ..Shape::default() };
        let mut longest = 0;
        for (i, a) in alts.iter().enumerate() {
            if i > 0 {
                self.text.push_str(" | ");
            }
            let s = self.seq(a);
            total.size = total.size.saturating_add(s.size);
            longest = longest.max(s.path);
            total.nest = total.nest.max(s.nest);
            total.valid &= s.valid;
        }
        total.path = 1 + longest;
        total
    }
}

fn inside(s: &Shape, line: usize) -> bool {
    s.valid && s.size <= MAX_SIZE && s.path <= MAX_PATH && s.nest <= MAX_NESTING && line <= MAX_LINE
}

fn gazetteer() -> Gazetteer {
    Gazetteer::from_entities(vec![
        Entity::new(EntityType::Country, "Turkey"),
        Entity::new(EntityType::Country, "Russia"),
        Entity::new(EntityType::Event, "Astana talks"),
    ])
    .expect("the fuzz gazetteer loads")
}

const TEXT: &str = "Russia said the talks in Astana met x. Turkey met Russia at the Astana talks. \
    Russia not said x x x x x x x the talks the Astana talks.";

fuzz_target!(|input: Input| {
    let mut file = String::from("relation r Actor -> Event\n");
    let mut sets: Vec<SetShape> = Vec::new();
    let mut total = 0usize;
    for alts in input.sets.iter().take(48) {
        if alts.is_empty() || alts.iter().any(Vec::is_empty) {
            continue;
        }
        let mut w = Writer { sets: &sets, text: String::new() };
        let shape = w.alternatives(alts);
        let line = format!("set s{} = {}", sets.len(), w.text);
        let ok = inside(&shape, line.len()) && total.saturating_add(shape.size) <= MAX_TOTAL;
        if ok {
            total += shape.size;
        }
        file.push_str(&line);
        file.push('\n');
        sets.push(SetShape { size: shape.size, path: shape.path, valid: ok });
    }
    let mut w = Writer { sets: &sets, text: String::new() };
    let body = w.seq(&input.rule);
    let line = format!("rule r1 r: {{subj:Actor}} {} {{obj:Event}}", w.text);
    let pattern = Shape { size: body.size + 2, path: body.path + 2, ..body };
    let must_load = sets.iter().all(|s| s.valid)
        && inside(&pattern, line.len())
        && total.saturating_add(pattern.size).saturating_add(1) <= MAX_TOTAL;
    file.push_str(&line);
    file.push('\n');
    let lines = file.lines().count();

    let result = RuleSet::from_str("f.rules", &file);
    let again = RuleSet::from_str("f.rules", &file);
    assert_eq!(
        result.as_ref().map(RuleSet::len).map_err(|e| e.to_string()),
        again.as_ref().map(RuleSet::len).map_err(|e| e.to_string()),
        "loading is not deterministic"
    );
    let rules = match result {
        Ok(rules) => {
            assert!(must_load, "loaded beyond the limits ({pattern:?}):\n{file}");
            rules
        }
        Err(err) => {
            assert!(!must_load, "refused inside the limits ({pattern:?}): {err}\n{file}");
            for e in err.iter() {
                let loc = e.location().unwrap_or_else(|| panic!("no location: {e}"));
                let line = loc.line.unwrap_or_else(|| panic!("no line: {e}"));
                assert!((1..=lines).contains(&line), "line {line} outside 1..={lines}: {e}");
            }
            return;
        }
    };
    let pipeline = Pipeline::with_rules(gazetteer(), rules);
    let worker = std::thread::Builder::new()
        .stack_size(WORKER_STACK)
        .spawn(move || pipeline.extract(&Document::new("d", TEXT)).relations.len())
        .expect("spawn a worker");
    worker.join().expect("the rule set runs in a worker's stack");
});
