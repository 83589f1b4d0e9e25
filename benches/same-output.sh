#!/usr/bin/env bash
# benches/same-output.sh NEW BASE: run both kgx binaries on the same jobs (32: the
# corpus, the seeds, the shared dev sets, the probe sets) and say SAME or DIFF per job; exit 1 on any DIFF.
# Compares stdout and exit status (and the export files, for extract). Run from anywhere; reads the repository's
# seeds and tests/probe, and ../shared (KGX_SHARED). For speed work that must not change output:
# build the branch and the commit it starts from, and every job must say SAME.
set -u
[ $# = 2 ] || { echo "usage: benches/same-output.sh NEW_KGX BASE_KGX" >&2; exit 2; }
NEW=$(readlink -f "$1"); BASE=$(readlink -f "$2")
M=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd); S=${KGX_SHARED:-$M/../shared}
C=$S/corpus/news.jsonl; G=$S/corpus/gazetteer_countries.jsonl; L=$S/corpus/gazetteer_large.jsonl
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
jobs=(
 "extract --jsonl $C --no-default-gazetteer --gazetteer $G -j1"
 "extract --jsonl $C --no-default-gazetteer --gazetteer $G -j1 --no-frames"
 "extract --jsonl $C --no-default-gazetteer --gazetteer $G -j1 --discover"
 "extract --jsonl $C --no-default-gazetteer --gazetteer $G -j2 --discover --cooccurrence"
 "extract --jsonl $C -j2"
 "extract --jsonl $C -j2 --discover"
 "extract --jsonl $C --no-default-gazetteer --gazetteer $L -j2 --discover"
 "tag --jsonl $C --no-default-gazetteer --gazetteer $G --discover"
 "tag --jsonl $C"
 "suggest --jsonl $C"
 "extract $M/seeds"
 "extract $M/seeds --discover"
 "tag --syntax $M/seeds"
 "tag --discover $M/seeds"
)
for d in $S/gold/dev/*/; do
  n=$(basename $d); g=$(ls $d/gazetteer/* 2>/dev/null | head -1)
  ga=${g:+--gazetteer $g}
  jobs+=("extract $d/docs $ga --discover")
  jobs+=("eval --known-only --gold $d/gold.json $ga $d/docs")
done
for d in $M/tests/probe/*/; do
  g=$(ls $d/gazetteer/*.toml | head -1)
  jobs+=("extract $d/docs --gazetteer $g --discover")
done
i=0; same=0
for j in "${jobs[@]}"; do
  i=$((i+1))
  for b in new base; do
    bin=$NEW; [ $b = base ] && bin=$BASE
    rm -rf "$tmp/$b"; mkdir -p "$tmp/$b"
    case $j in extract*) extra="--out $tmp/$b/out --name g --no-render -q";; *) extra="";; esac
    (cd "$M" && $bin $j $extra > "$tmp/$b/stdout" 2> "$tmp/$b/stderr"; echo "rc=$?" >> "$tmp/$b/stdout")
  done
  if diff -qr "$tmp/new" "$tmp/base" -x stderr >/dev/null; then echo "SAME $i: $j" | cut -c1-150; same=$((same+1))
  else echo "DIFF $i: $j" | cut -c1-150; fi
done
echo "$same of $i SAME"
[ "$same" = "$i" ]
