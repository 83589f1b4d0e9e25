#!/usr/bin/env bash
# Where a bench child's time goes: a CPU-clock time profile (the kernel's software clock, so it works
# on a VM without hardware counters, where `perf stat` of cycles does not).
#
#   benches/prof.sh BENCH [CHILD] [N]
#
# Records N runs (default 6) of bench child CHILD (default discover) at 4 kHz and prints each
# function's self share of the samples, averaged over the runs, the 45 largest. Needs `perf`.
# For inclusive figures (a function with its callees), build with frame pointers into a target
# directory of its own and record with -g:
#   RUSTFLAGS="-C force-frame-pointers=yes" CARGO_TARGET_DIR=target-fp cargo bench --bench bench --no-run
#   KGX_BENCH_CHILD=discover:$GAZ:1:1 perf record -e cpu-clock -F 4000 -g -o prof.data <bench binary>
#   perf report -i prof.data --children --stdio -G -S <function>
set -euo pipefail
bench=$1 child=${2:-discover} n=${3:-6}
gaz=${KGX_CORPUS_DIR:-../shared/corpus}/gazetteer_countries.jsonl
[ -f "$gaz" ] || { echo "prof.sh: no gazetteer at $gaz (set KGX_CORPUS_DIR)" >&2; exit 2; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
for i in $(seq "$n"); do
  KGX_BENCH_CHILD=$child:$gaz:1:1 perf record -q -e cpu-clock -F 4000 -o "$dir/$i.data" "$bench" >/dev/null 2>&1
done
for i in $(seq "$n"); do
  perf report -i "$dir/$i.data" --no-children --sort symbol --stdio -g none 2>/dev/null | grep '%' || true
done | awk -v n="$n" '{p=$1; sub("%","",p); $1=""; $2=""; sub(/^ +/,""); sub(/ +- +- *$/,""); s[$0]+=p}
  END {for (k in s) printf "%6.2f %s\n", s[k]/n, k}' | sort -rn | head -45
