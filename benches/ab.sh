#!/usr/bin/env bash
# Old build against new build, in time: N alternating runs of one bench child with each binary.
#
#   benches/ab.sh OLD_BENCH NEW_BENCH [CHILD] [N]
#
# OLD_BENCH and NEW_BENCH are bench binaries (`cargo bench --bench bench --no-run` prints the path;
# copy the old one aside before rebuilding). CHILD is a bench child: discover, frames, extract or aho
# (default discover); N pairs (default 12). Each pair runs both binaries back to back, the order
# alternating, so a change in the machine's load falls on both; prints the median of new/old wall
# time and the range. Below 1 the new build is faster. The corpus is KGX_CORPUS_DIR (default
# ../shared/corpus), its domain gazetteer.
set -euo pipefail
old=$1 new=$2 child=${3:-discover} n=${4:-12}
gaz=${KGX_CORPUS_DIR:-../shared/corpus}/gazetteer_countries.jsonl
[ -f "$gaz" ] || { echo "ab.sh: no gazetteer at $gaz (set KGX_CORPUS_DIR)" >&2; exit 2; }
wall() { KGX_BENCH_CHILD=$child:$gaz:1:1 "$1" | awk '{print $3}'; }
ratios=()
for i in $(seq "$n"); do
  if (( i % 2 )); then a=$(wall "$old"); b=$(wall "$new"); else b=$(wall "$new"); a=$(wall "$old"); fi
  ratios+=("$(awk -v a="$a" -v b="$b" 'BEGIN{printf "%.3f", b/a}')")
done
printf '%s\n' "${ratios[@]}" | sort -n | awk -v c="$child" '{r[NR]=$1} END{
  m = (NR % 2) ? r[(NR+1)/2] : (r[NR/2] + r[NR/2+1]) / 2
  printf "%s new/old time: median %.3f (%s-%s) over %d pairs\n", c, m, r[1], r[NR], NR}'
