//! Running the pipeline over a corpus: batches extracted in parallel, folded in order.
//!
//! Documents are read in batches of a few hundred kilobytes; each batch is
//! parsed and extracted on the thread pool (`-j N`) and handed to the
//! caller's sink in input order, while the pool works on the next batch.
//! Because graph merging does not depend on order (see [`crate::graph`]),
//! the result is byte-identical for any thread count. Memory is bounded by
//! three batches plus what the sink keeps (the graph).

use std::collections::{BTreeMap, HashMap};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::analysis::Scratch;
use crate::corpus::{Corpus, Item, Origin, Raw};
use crate::document::Document;
use crate::error::{Error, ErrorKind, Location};
use crate::gazetteer::EntityType;
use crate::pipeline::{Extraction, Pipeline, MAX_SENTENCE_BYTES};

/// How to run.
#[derive(Clone, Copy, Debug)]
pub struct RunOptions {
    /// Worker threads (1 = the calling thread only).
    pub jobs: usize,
    /// Show a progress line on stderr (only when stderr is a terminal).
    pub progress: bool,
    /// Total input bytes, where known (for the ETA).
    pub total_bytes: Option<u64>,
    /// Read only documents dated on or after this day (`YYYYMMDD`; `--since`).
    pub since: Option<u32>,
    /// Read only documents dated on or before this day (`YYYYMMDD`; `--until`).
    pub until: Option<u32>,
    /// Report a document whose id was read before, and skip it (the CLI
    /// does; a benchmark reading one file several times does not).
    pub unique_ids: bool,
}

/// A `YYYY-MM-DD` day as the number `YYYYMMDD`, for comparisons.
pub fn day_number(day: &str) -> Option<u32> {
    let d = crate::document::day(day)?;
    d.replace('-', "").parse().ok()
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

/// Stack size of each worker thread: Linux's default main-thread stack.
const WORKER_STACK: usize = 8 << 20;

/// What a run did, for the summary screen.
#[derive(Clone, Debug, Default)]
pub struct Summary {
    /// Documents read and analysed.
    pub documents: usize,
    /// Bytes of text analysed.
    pub bytes: u64,
    /// Resolved mentions of each entity type.
    pub mentions_by_type: BTreeMap<EntityType, usize>,
    /// Mentions the resolver left without an entity, and the pronouns and
    /// descriptions coreference left unlinked where it ran (not on the
    /// documents the demand gate settled: [`Summary::settled`]).
    pub unresolved: usize,
    /// Pronouns and descriptions the coreference stage linked to an antecedent.
    pub coreference: usize,
    /// Documents no relation can come of, on which coreference did not run
    /// (the demand gate: [`crate::analysis::Analysis::settled`]).
    pub settled: usize,
    /// Rule searches that ran out of steps: matches may be missing there, and
    /// a match whose blocker check could not finish was dropped.
    pub exhausted_searches: usize,
    /// Sentences longer than [`MAX_SENTENCE_BYTES`], which the relation
    /// rules and `--cooccurrence` do not read.
    pub long_sentences: usize,
    /// Relations read, by relation name.
    pub relations_by_name: BTreeMap<String, usize>,
    /// Inputs that could not be read (each reported; the exit code is 1).
    pub failed: usize,
    /// Inputs skipped with a warning (binary files).
    pub skipped: usize,
    /// Invalid UTF-8 sequences replaced with U+FFFD (`--encoding lossy`).
    pub replaced: usize,
    /// Documents left out by `--since`/`--until` (or with no date when one is given).
    pub out_of_range: usize,
    /// Documents by the encoding they were read in, where not plain UTF-8.
    pub encodings: BTreeMap<String, usize>,
    /// Wall-clock time of the run.
    pub elapsed: Duration,
}

impl Summary {
    /// Count one extracted document.
    fn count(&mut self, pipeline: &Pipeline, doc: &Document, ex: &Extraction) {
        self.documents += 1;
        self.bytes += doc.text.len() as u64;
        self.unresolved += ex.stats.unresolved;
        self.settled += usize::from(ex.settled && pipeline.skips_coreference_when_settled());
        self.exhausted_searches += ex.exhausted_searches;
        self.long_sentences += ex
            .sentences
            .iter()
            .filter(|s| s.len() > MAX_SENTENCE_BYTES)
            .count();
        for m in &ex.mentions {
            if m.origin == crate::analysis::Origin::Coreference {
                self.coreference += 1;
                continue;
            }
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
        if self.coreference > 0 {
            s += &format!(
                "coreference: {} pronouns and descriptions linked to what they mean",
                self.coreference
            );
            if self.settled > 0 {
                s += &format!(
                    " (looked for in the {} documents a relation can come of, not in the other {}: \
                     the unresolved count above leaves out their pronouns and descriptions)",
                    self.documents - self.settled,
                    self.settled
                );
            }
            s.push('\n');
        }
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
        if !self.encodings.is_empty() {
            let list: Vec<String> = self
                .encodings
                .iter()
                .map(|(e, n)| format!("{e} {n}"))
                .collect();
            s += &format!("encodings other than UTF-8: {}\n", list.join(", "));
        }
        if self.out_of_range > 0 {
            s += &format!(
                "{} documents left out by --since/--until (outside the range or undated)\n",
                self.out_of_range
            );
        }
        if self.long_sentences > 0 {
            s += &format!(
                "sentences not read by the relation rules or --cooccurrence: {} (longer than {} KiB, \
                 with no sentence end: a list or a dump rather than prose)\n",
                self.long_sentences,
                MAX_SENTENCE_BYTES / 1024
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
    Done(Document, Box<Extraction>, Origin),
    Skipped(PathBuf),
    Failed(Error),
    Notice(Location, String, Option<&'static str>),
    /// Outside `--since`/`--until`.
    OutOfRange,
    /// A blank JSON line.
    Nothing,
}

/// Whether a document's date is within `--since`/`--until` (an undated one is not, when either is given).
fn in_range(doc: &Document, opts: &RunOptions) -> bool {
    if opts.since.is_none() && opts.until.is_none() {
        return true;
    }
    let Some(day) = doc.meta.date.as_deref().and_then(day_number) else {
        return false;
    };
    opts.since.is_none_or(|s| day >= s) && opts.until.is_none_or(|u| day <= u)
}

/// Parse (where a step is a JSON line) and extract a batch of steps, with
/// the worker's scratch space (kept from one batch to the next): the
/// documents are analysed together, stage by stage
/// ([`Pipeline::extract_batch`]); the outcomes keep the steps' order.
fn process_batch(
    pipeline: &Pipeline,
    batch: Vec<Raw>,
    opts: &RunOptions,
    scratch: &mut Scratch,
) -> Vec<Outcome> {
    let mut outcomes: Vec<Outcome> = Vec::with_capacity(batch.len());
    let mut pending: Vec<(usize, Document, Origin)> = Vec::new();
    for raw in batch {
        let item = match raw {
            Raw::Item(item) => item,
            Raw::Line(line) => match line.parse() {
                Some(item) => item,
                None => {
                    outcomes.push(Outcome::Nothing);
                    continue;
                }
            },
        };
        let o = match item {
            Item::Doc(doc, _) if !in_range(&doc, opts) => Outcome::OutOfRange,
            Item::Doc(doc, origin) => {
                pending.push((outcomes.len(), doc, origin));
                Outcome::Nothing
            }
            Item::Skipped(p) => Outcome::Skipped(p),
            Item::Failed(e) => Outcome::Failed(e),
            Item::Notice(at, n, enc) => Outcome::Notice(at, n, enc),
        };
        outcomes.push(o);
    }
    let docs: Vec<&Document> = pending.iter().map(|(_, d, _)| d).collect();
    let exs = pipeline.extract_batch(&docs, scratch);
    for ((i, doc, origin), ex) in pending.into_iter().zip(exs) {
        outcomes[i] = Outcome::Done(doc, Box::new(ex), origin);
    }
    outcomes
}

/// The next batch of the stream: up to [`BATCH_DOCS`] steps or [`BATCH_BYTES`] read.
fn next_batch(corpus: &mut Corpus) -> Vec<Raw> {
    let mut batch = Vec::new();
    let mut bytes = 0;
    while bytes < BATCH_BYTES && batch.len() < BATCH_DOCS {
        let Some(raw) = corpus.next_raw() else { break };
        bytes += match &raw {
            Raw::Item(Item::Doc(d, _)) => d.text.len(),
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
    // Where each document id was first read: a repeated id is an input error.
    let mut seen: HashMap<String, Location> = HashMap::new();
    let mut deliver = |outcomes: Vec<Outcome>, summary: &mut Summary| {
        for outcome in outcomes {
            match outcome {
                Outcome::Done(doc, ex, origin) => {
                    if let Some(first) = seen.get(&doc.id).filter(|_| opts.unique_ids) {
                        progress.clear();
                        let e = Error::new(
                            ErrorKind::Input,
                            format!(
                                "document id \"{}\" repeats the id of the document at {first}: skipped (ids must be unique)",
                                doc.id
                            ),
                        )
                        .at(origin.at);
                        eprintln!("kgx: {e}");
                        summary.failed += 1;
                        continue;
                    }
                    summary.replaced += origin.replaced;
                    if opts.unique_ids {
                        seen.insert(doc.id.clone(), origin.at);
                    }
                    summary.count(pipeline, &doc, &ex);
                    sink(&doc, &ex);
                }
                Outcome::Notice(at, n, enc) => {
                    progress.clear();
                    eprintln!("kgx: {at}: {n}");
                    if let Some(enc) = enc {
                        *summary.encodings.entry(enc.to_string()).or_default() += 1;
                    }
                }
                Outcome::OutOfRange => summary.out_of_range += 1,
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
        let mut scratch = Scratch::new();
        loop {
            let batch = next_batch(&mut corpus);
            if batch.is_empty() {
                break;
            }
            let outcomes = process_batch(pipeline, batch, &opts, &mut scratch);
            deliver(outcomes, &mut summary);
        }
    } else {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(opts.jobs)
            // The main thread's stack size, so that `-j N` runs what `-j 1`
            // runs (the rules loader bounds the matcher's depth; see
            // relations::parse::MAX_PATTERN_PATH).
            .stack_size(WORKER_STACK)
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
                    // Two pieces per worker, each analysed stage by stage
                    // with one scratch space per piece a worker takes.
                    let piece = batch.len().div_ceil(2 * opts.jobs).max(1);
                    let pieces: Vec<Vec<Outcome>> = batch
                        .into_par_iter()
                        .chunks(piece)
                        .map_init(Scratch::new, |scratch, raws| {
                            process_batch(pipeline, raws, &opts, scratch)
                        })
                        .collect();
                    current = pieces.into_iter().flatten().collect();
                });
                deliver(std::mem::take(&mut previous), &mut summary);
                next = next_batch(&mut corpus);
            });
            previous = current;
            batch = next;
        }
    }
    progress.clear();
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
