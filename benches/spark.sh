#!/usr/bin/env bash
# kgx under Apache Spark (local mode) on the research corpus, against the single process.
#
#   bash benches/spark.sh [PARTITIONS]      (default 2; needs java and pyspark:
#                                            bash tests/interop/install.sh)
#
# Reads ../shared/corpus/news.jsonl where it is (never copied), runs
#   1. kgx extract news.jsonl --jsonl           (one process, all cores)
#   2. tests/spark/kgx_spark.py, local[PARTITIONS]: rdd.pipe through
#      `kgx extract --jsonl - --emit partial -j 1` per partition, `kgx merge` on the driver
#   3. the same with --combine (each partition merged to one line on the executors)
# checks that every export of 2 and 3 equals 1 byte for byte (exit 1 if not),
# and prints the times as JSON lines.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus="$root/../shared/corpus/news.jsonl"
partitions="${1:-2}"
target="${CARGO_TARGET_DIR:-$root/target}"
kgx="$target/release/kgx"

[ -f "$corpus" ] || { echo "benches/spark.sh: no corpus at $corpus (shared/ beside the checkout)" >&2; exit 2; }
command -v java >/dev/null || { echo "benches/spark.sh: java not found (bash tests/interop/install.sh)" >&2; exit 2; }
python3 -c 'import pyspark' 2>/dev/null || { echo "benches/spark.sh: pyspark not found (pip install pyspark==3.5.9)" >&2; exit 2; }

(cd "$root" && cargo build --release --quiet)
out="$(mktemp -d "${TMPDIR:-/tmp}/kgx-spark-bench.XXXXXX")"
trap 'rm -rf "$out"' EXIT
gaz=(--gazetteer "$root/gazetteer" --rules "$root/gazetteer/relations.rules")

now() { date +%s%N; }
seconds() { printf '%d.%03d' $((($2 - $1) / 1000000000)) $(((($2 - $1) / 1000000) % 1000)); }

t0=$(now)
"$kgx" extract "$corpus" --jsonl --out "$out/single" --name news --no-render --quiet --no-default-gazetteer --no-default-rules "${gaz[@]}"
t1=$(now)
single=$(seconds "$t0" "$t1")

docs=$(wc -l < "$corpus")
bytes=$(wc -c < "$corpus")
rows() { python3 -c 'import csv, sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], newline=""))) - 1)' "$1"; }
nodes=$(rows "$out/single/news.nodes.csv")
edges=$(rows "$out/single/news.edges.csv")
printf '{"run":"single-process","documents":%d,"bytes":%d,"nodes":%d,"edges":%d,"total_seconds":%s}\n' \
    "$docs" "$bytes" "$nodes" "$edges" "$single"

status=0
for mode in plain combine; do
    extra=()
    [ "$mode" = combine ] && extra=(--combine)
    t0=$(now)
    timing=$(python3 "$root/tests/spark/kgx_spark.py" "$corpus" "$kgx" "$out/$mode" news "$partitions" \
        "${gaz[@]}" --kgx-jobs 1 "${extra[@]}" 2>"$out/$mode.stderr") || {
        cat "$out/$mode.stderr" >&2
        exit 1
    }
    t1=$(now)
    same=true
    for ext in graphml gexf dot jsonld nodes.csv edges.csv; do
        if ! cmp -s "$out/single/news.$ext" "$out/$mode/news.$ext"; then
            echo "benches/spark.sh: $mode: news.$ext differs from the single-process run" >&2
            same=false
            status=1
        fi
    done
    printf '{"run":"spark-%s","wall_seconds":%s,"identical":%s,"driver":%s}\n' \
        "$mode" "$(seconds "$t0" "$t1")" "$same" "$timing"
done
exit "$status"
