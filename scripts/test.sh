#!/usr/bin/env bash
# The README's second command: installs what is missing, builds the debug build (AddressSanitizer + UBSan),
# checks formatting and clang-tidy, runs the C++ tests, then the web application's unit tests and build, the
# dossier equality check against sqlite3, the API tests against the real server and the browser tests in Debian's
# Chromium. .ci/run runs exactly this.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/install-deps.sh
bash scripts/check-format.sh
cmake --preset debug >/dev/null
cmake --build --preset debug
bash scripts/lint.sh build/debug
ctest --preset debug --output-on-failure -j2
(cd web && npm ci --no-audit --no-fund --loglevel=error && npm test && npm run build)
export PARINDEX_BINARY="$root/build/debug/src/app/parindex"
# Issue 5 §9: the dossier reference question answered by ParIndex (import + stats), the sqlite3 CLI and a plain
# C++ scan on 100,000 generated dossiers must be identical.
"$PARINDEX_BINARY" dossiers --help >/dev/null
bash bench/dossiers/check_equal.sh 100000
bash tests/api/run.sh
SKIP_BUILD=1 bash tests/e2e/run.sh
