#!/usr/bin/env bash
# Install every client the interop tests (tests/interop.rs) run, on a clean Debian
# machine as root (CI) or here. Idempotent: re-running changes nothing that is there.
#
#   apt: graphviz (dot), libxml2-utils (xmllint for the GraphML XSD and GEXF RelaxNG),
#        a Java 17 runtime for Spark when `java` is missing
#   pip: networkx, igraph, pyld, rdflib, pyoxigraph (versions of FORMATS.md)
#   pip: pyspark 3.5 (runs on Java 17) for tests/spark.rs and benches/spark.sh
#   npm: graphology, graphology-graphml, graphology-gexf, jsonld (pinned by package-lock.json)
#   apt: chromium and chromium-driver, pip: selenium, for the HTML report's
#        browser test (tests/report.rs drives Debian's Chromium through WebDriver)
set -euo pipefail
# apt and a system-wide pip need root: a user who is not root is asked for sudo here,
# so the README's command is the same on a container run as root (no sudo there) and on a desktop.
if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "install.sh: run as root (no sudo on this machine)" >&2; exit 1; }
    exec sudo -E bash "$0" "$@"
fi
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

need_apt=()
command -v dot >/dev/null 2>&1 || need_apt+=(graphviz)
command -v xmllint >/dev/null 2>&1 || need_apt+=(libxml2-utils)
[ -x /usr/bin/time ] || need_apt+=(time)
command -v java >/dev/null 2>&1 || need_apt+=(openjdk-17-jre-headless)
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need_apt+=(chromium-driver)
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    need_apt+=(nodejs npm)
fi
if ! command -v python3 >/dev/null 2>&1; then
    need_apt+=(python3 python3-pip)
elif ! python3 -m pip --version >/dev/null 2>&1; then
    need_apt+=(python3-pip)
fi
if [ "${#need_apt[@]}" -gt 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update
    apt-get install -y --no-install-recommends "${need_apt[@]}"
fi

# Debian's own python refuses system-wide pip installs (PEP 668); the flag is
# harmless elsewhere and is only passed when pip knows it.
pip_flags=()
if python3 -m pip install --help 2>/dev/null | grep -q -- --break-system-packages; then
    pip_flags+=(--break-system-packages)
fi
python3 -m pip install --disable-pip-version-check "${pip_flags[@]}" \
    networkx==3.6.1 igraph==1.0.0 pyld==3.3.0 rdflib==7.6.0 pyoxigraph==0.5.13
python3 -m pip install --disable-pip-version-check "${pip_flags[@]}" pyspark==3.5.9
# gazetteer/tools/check_gold_coverage.py (tests/gazetteer.rs) reads TOML with the
# standard library's tomllib from Python 3.11 on, and with tomli before it.
if ! python3 -c 'import tomllib' 2>/dev/null; then
    python3 -m pip install --disable-pip-version-check "${pip_flags[@]}" tomli==2.2.1
fi
python3 -m pip install --disable-pip-version-check "${pip_flags[@]}" selenium==4.27.1

cd "$here"
npm ci --no-audit --no-fund
