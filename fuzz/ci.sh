#!/usr/bin/env bash
# Short run of every fuzz target (a few seconds each, under 3 minutes in
# all), failing on any crash. Long runs: fuzz/run-long.sh, see fuzz/README.md.
set -euo pipefail
cd "$(dirname "$0")"
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$(cd .. && pwd)/target}
secs=${FUZZ_SECONDS:-15}
if ! command -v cargo-fuzz >/dev/null; then
  cargo install cargo-fuzz --locked
fi
# cargo-fuzz needs nightly (-Z sanitizer flags); use the installed nightly,
# else stable with RUSTC_BOOTSTRAP=1 (see README.md).
if rustup toolchain list | grep -q '^nightly'; then
  toolchain=+nightly
else
  toolchain=; export RUSTC_BOOTSTRAP=1
fi
targets=(gazetteer_toml gazetteer_jsonl normalize tagger export_escaping rules rules_limits merge)
cargo $toolchain fuzz build -O
art=$CARGO_TARGET_DIR/fuzz-ci-artifacts
mkdir -p "$art"
for t in "${targets[@]}"; do
  work=$(mktemp -d)
  echo "== fuzz $t (${secs}s)"
  status=0
  cargo $toolchain fuzz run -O "$t" "$work" "corpus/$t" -- \
    -max_total_time="$secs" -artifact_prefix="$art/$t-" >"$work.log" 2>&1 || status=$?
  grep -E '^Done|panicked|SUMMARY' "$work.log" || true
  rm -rf "$work" "$work.log"
  if [ "$status" -ne 0 ]; then
    echo "fuzz target $t failed (status $status); the input is in $art" >&2
    exit 1
  fi
done
