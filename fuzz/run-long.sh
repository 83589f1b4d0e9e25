#!/usr/bin/env bash
# Long run of one target (fuzz/README.md): ./run-long.sh TARGET SECONDS
set -euo pipefail
cd "$(dirname "$0")"
t=$1; secs=${2:-600}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$(cd .. && pwd)/target}
work=$CARGO_TARGET_DIR/fuzz-work/$t; art=$CARGO_TARGET_DIR/fuzz-artifacts
mkdir -p "$work" "$art"
cargo +nightly fuzz run -O "$t" "$work" "corpus/$t" -- \
  -max_total_time="$secs" -print_final_stats=1 -artifact_prefix="$art/$t-" 2>&1
