#!/usr/bin/env bash
# Build in release, run the benchmark (benches/bench.rs) and write benches/RESULTS.md:
# the table, the machine, the date and the load average.
#
#   benches/run.sh                     # corpus from ../shared/corpus
#   KGX_CORPUS_DIR=/data/corpus benches/run.sh
#   KGX_BENCH_GAZETTEERS=domain benches/run.sh   # the domain gazetteer only
#
# The machine may be shared: the load average is recorded before and after,
# and the table gives MB per CPU-second next to wall-clock MB/s.
set -euo pipefail
cd "$(dirname "$0")/.."
out=benches/RESULTS.md
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
# The commit measured (RESULTS.md itself does not count as a local change).
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
git diff --quiet HEAD -- . ':!benches/RESULTS.md' 2>/dev/null || commit="$commit (with local changes)"

cargo bench --bench bench --no-run --quiet
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
cargo bench --bench bench --quiet | tee "$tmp"
# The syntactic layer: tagger and parser on UD English EWT test with gold
# tokens (accuracy, and words per second on one thread).
treebank=${KGX_TREEBANK_DIR:-../shared/data/ud-english-ewt}
cargo build --release --quiet
syntax=$(target/release/kgx eval-syntax "$treebank/test.conllu")
echo "$syntax"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
ram=$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
{
    echo "# Benchmark results"
    echo
    echo "Written by \`benches/run.sh\` (\`cargo bench\`, source in \`benches/bench.rs\`)."
    echo
    echo "| | |"
    echo "| --- | --- |"
    echo "| date | $(date -u '+%Y-%m-%d %H:%M UTC') |"
    echo "| commit | $commit |"
    echo "| machine | $(nproc) cores, $cpu, $ram RAM |"
    echo "| kernel | $(uname -sr) |"
    echo "| rustc | $(rustc --version) |"
    echo "| load average (1, 5, 15 min) | before: $load_before; after: $load_after |"
    echo "| corpus | ${KGX_CORPUS_DIR:-../shared/corpus}: news.jsonl, gazetteer_countries.jsonl (domain), gazetteer_large.jsonl (large) |"
    echo
    echo "Medians of 3 runs, each in its own process. MB = 10^6 bytes of document text."
    echo "\"MB/s per CPU-second\" divides by the CPU time the run used (user + system, all"
    echo "threads): on a shared machine it is what one core does; wall-clock MB/s also"
    echo "counts the time the run waited for a core."
    echo
    grep -v '^load average' "$tmp"
    echo
    echo "## Syntax: \`kgx eval-syntax\` on $treebank/test.conllu (gold tokens, one thread)"
    echo
    echo "| measure | value |"
    echo "| --- | --- |"
    echo "$syntax" | awk -F'\t' '{print "| " $1 " | " $2 " |"}'
} > "$out"
echo "wrote $out"
