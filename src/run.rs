//! Running the pipeline over a corpus: batches extracted in parallel, folded in order.
//!
//! Documents are read in batches of a few hundred kilobytes; each batch is
//! parsed and extracted on the thread pool (`-j N`) and handed to the
//! caller's sink in input order, while the pool works on the next batch.
//! Because graph merging does not depend on order (see [`crate::graph`]),
//! the result is byte-identical for any thread count. Memory is bounded by
//! three batches plus what the sink keeps (the graph).

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::corpus::{Corpus, Item, Raw};
use crate::document::Document;
use crate::error::Error;
use crate::gazetteer::EntityType;
use crate::pipeline::{Extraction, Pipeline};

/// How to run.
#[derive(Clone, Copy, Debug)]
pub struct RunOptions {
    /// Worker threads (1 = the calling thread only).
    pub jobs: usize,
    /// Show a progress line on stderr (only when stderr is a terminal).
    pub progress: bool,
    /// Total input bytes, where known (for the ETA).
    pub total_bytes: Option<u64>,
}

impl RunOptions {
    /// The same options with no progress line (for commands whose output is the point).
    pub fn without_progress(self) -> RunOptions {
        RunOptions {
            progress: false,
            ..self
        }
    }
}

/// What a run did, for the summary screen.
#[derive(Clone, Debug, Default)]
pub struct Summary {
    pub documents: usize,
    pub bytes: u64,
    pub mentions_by_type: BTreeMap<EntityType, usize>,
    pub unresolved: usize,
    /// Rule searches that ran out of steps: matches may be missing there, and
    /// a match whose blocker check could not finish was dropped.
    pub exhausted_searches: usize,
    pub relations_by_name: BTreeMap<String, usize>,
    pub failed: usize,
    pub skipped: usize,
    pub replaced: usize,
    pub elapsed: Duration,
}

impl Summary {
    /// Count one extracted document.
    fn count(&mut self, pipeline: &Pipeline, doc: &Document, ex: &Extraction) {
        self.documents += 1;
        self.bytes += doc.text.len() as u64;
        self.unresolved += ex.stats.unresolved;
        self.exhausted_searches += ex.exhausted_searches;
        for m in &ex.mentions {
            if let Some(e) = m.entity {
                *self
                    .mentions_by_type
                    .entry(pipeline.gazetteer().entity(e).entity_type)
                    .or_default() += 1;
            }
        }
        for r in &ex.relations {
            *self
                .relations_by_name
                .entry(r.relation.clone())
                .or_default() += 1;
        }
    }

    /// Megabytes (10^6 bytes) per second.
    pub fn throughput(&self) -> f64 {
        let secs = self.elapsed.as_secs_f64();
        if secs == 0.0 {
            0.0
        } else {
            self.bytes as f64 / 1e6 / secs
        }
    }

    /// The one-screen summary printed at the end of a run.
    pub fn render(&self) -> String {
        let mut s = format!(
            "{} documents, {:.1} MB in {:.2} s ({:.1} MB/s)\n",
            self.documents,
            self.bytes as f64 / 1e6,
            self.elapsed.as_secs_f64(),
            self.throughput()
        );
        let total: usize = self.mentions_by_type.values().sum();
        s += &format!("mentions: {total} resolved, {} unresolved", self.unresolved);
        for (t, n) in &self.mentions_by_type {
            s += &format!(", {t} {n}");
        }
        s.push('\n');
        if !self.relations_by_name.is_empty() {
            let total: usize = self.relations_by_name.values().sum();
            s += &format!("relations: {total}");
            for (r, n) in &self.relations_by_name {
                s += &format!(", {r} {n}");
            }
            s.push('\n');
        }
        if self.exhausted_searches > 0 {
            s += &format!(
                "rule searches out of steps: {} (matches may be missing there; a match whose \
                 blocker check could not finish was dropped; `kgx explain` shows where)\n",
                self.exhausted_searches
            );
        }
        if self.failed + self.skipped + self.replaced > 0 {
            s += &format!(
                "problems: {} inputs failed, {} binary files skipped, {} invalid UTF-8 sequences replaced\n",
                self.failed, self.skipped, self.replaced
            );
        }
        s
    }
}

/// Bytes of input per batch. Three batches are in flight with `-j N` (one
/// read, one extracted, one delivered), and an extracted batch takes a few
/// times its text in mentions and sentences, so this bounds the run's memory
/// besides the graph. Smaller batches measured no slower.
const BATCH_BYTES: usize = 256 << 10;
/// Documents per batch at most.
const BATCH_DOCS: usize = 256;

/// What one step of the stream became.
enum Outcome {
    Done(Document, Box<Extraction>),
    Skipped(PathBuf),
    Failed(Error),
    /// A blank JSON line.
    Nothing,
}

/// Parse (where the step is a JSON line) and extract.
fn process(pipeline: &Pipeline, raw: Raw) -> Outcome {
    let item = match raw {
        Raw::Item(item) => item,
        Raw::Line(line) => match line.parse() {
            Some(item) => item,
            None => return Outcome::Nothing,
        },
    };
    match item {
        Item::Doc(doc) => {
            let ex = pipeline.extract(&doc);
            Outcome::Done(doc, Box::new(ex))
        }
        Item::Skipped(p) => Outcome::Skipped(p),
        Item::Failed(e) => Outcome::Failed(e),
    }
}

/// The next batch of the stream: up to [`BATCH_DOCS`] steps or [`BATCH_BYTES`] read.
fn next_batch(corpus: &mut Corpus) -> Vec<Raw> {
    let mut batch = Vec::new();
    let mut bytes = 0;
    while bytes < BATCH_BYTES && batch.len() < BATCH_DOCS {
        let Some(raw) = corpus.next_raw() else { break };
        bytes += match &raw {
            Raw::Item(Item::Doc(d)) => d.text.len(),
            Raw::Line(line) => line.len(),
            Raw::Item(_) => 0,
        };
        batch.push(raw);
    }
    batch
}

/// Extract every document of `corpus`, calling `sink` in input order.
/// Failed inputs are reported on stderr in their place in the input and counted.
///
/// With more than one job, each batch is parsed and extracted on the pool
/// while this thread hands the previous batch to `sink` and reads the next,
/// so the reading and the sink (folding into a graph, writing lines) overlap
/// the extraction.
pub fn run<F>(pipeline: &Pipeline, mut corpus: Corpus, opts: RunOptions, mut sink: F) -> Summary
where
    F: FnMut(&Document, &Extraction),
{
    let start = Instant::now();
    let mut summary = Summary::default();
    let mut progress = Progress::new(
        opts.progress && std::io::stderr().is_terminal(),
        opts.total_bytes,
    );
    let mut deliver = |outcomes: Vec<Outcome>, summary: &mut Summary| {
        for outcome in outcomes {
            match outcome {
                Outcome::Done(doc, ex) => {
                    summary.count(pipeline, &doc, &ex);
                    sink(&doc, &ex);
                }
                Outcome::Skipped(p) => {
                    progress.clear();
                    eprintln!("kgx: {}: binary file (NUL bytes), skipped", p.display());
                    summary.skipped += 1;
                }
                Outcome::Failed(e) => {
                    progress.clear();
                    eprintln!("kgx: {e}");
                    summary.failed += 1;
                }
                Outcome::Nothing => {}
            }
        }
        progress.update(summary.documents, summary.bytes, start);
    };
    if opts.jobs <= 1 {
        loop {
            let batch = next_batch(&mut corpus);
            if batch.is_empty() {
                break;
            }
            let outcomes = batch.into_iter().map(|r| process(pipeline, r)).collect();
            deliver(outcomes, &mut summary);
        }
    } else {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(opts.jobs)
            .build()
            .expect("thread pool");
        // While the pool parses and extracts one batch, this thread hands
        // the one before to the sink and reads the one after.
        let mut batch = next_batch(&mut corpus);
        let mut previous: Vec<Outcome> = Vec::new();
        while !(batch.is_empty() && previous.is_empty()) {
            let (mut current, mut next) = (Vec::new(), Vec::new());
            pool.in_place_scope(|scope| {
                scope.spawn(|_| {
                    current = batch
                        .into_par_iter()
                        .map(|r| process(pipeline, r))
                        .collect();
                });
                deliver(std::mem::take(&mut previous), &mut summary);
                next = next_batch(&mut corpus);
            });
            previous = current;
            batch = next;
        }
    }
    progress.clear();
    summary.replaced = corpus.replaced;
    summary.elapsed = start.elapsed();
    summary
}

/// A progress line on stderr, redrawn at most five times a second.
struct Progress {
    on: bool,
    total: Option<u64>,
    last: Option<Instant>,
}

impl Progress {
    fn new(on: bool, total: Option<u64>) -> Progress {
        Progress {
            on,
            total,
            last: None,
        }
    }

    fn update(&mut self, docs: usize, bytes: u64, start: Instant) {
        if !self.on
            || self
                .last
                .is_some_and(|t| t.elapsed() < Duration::from_millis(200))
        {
            return;
        }
        self.last = Some(Instant::now());
        let secs = start.elapsed().as_secs_f64().max(1e-9);
        let rate = bytes as f64 / 1e6 / secs;
        let eta = match self.total {
            Some(t) if bytes > 0 && t > bytes => {
                format!(", ETA {:.0} s", (t - bytes) as f64 / (bytes as f64 / secs))
            }
            _ => String::new(),
        };
        let of = self
            .total
            .map(|t| format!(" of {:.1}", t as f64 / 1e6))
            .unwrap_or_default();
        eprint!(
            "\r\x1b[Kkgx: {docs} documents, {:.1}{of} MB, {rate:.1} MB/s{eta}",
            bytes as f64 / 1e6
        );
        let _ = std::io::stderr().flush();
    }

    fn clear(&mut self) {
        if self.on && self.last.is_some() {
            eprint!("\r\x1b[K");
            self.last = None;
        }
    }
}
