#!/usr/bin/env bash
# Builds the release preset and runs the results-engine benchmark (issue 2): the engine recomputing totals and ranks
# for 10,000 units × 100 criteria × 3 years, against the sqlite3 command-line tool over the same scores.
# Needs the packages of scripts/packages.txt (scripts/install-deps.sh), sqlite3 and libbenchmark-dev among them.
# Arguments go to the benchmark: e.g. `bench/run_results_bench.sh --units 1000` for a quick run (see --help).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
command -v sqlite3 >/dev/null || { echo "run_results_bench: the sqlite3 command is missing; run scripts/install-deps.sh" >&2; exit 1; }
cmake --preset release
cmake --build --preset release --target results_bench
exec "$root/build/release/bench/results_bench" "$@"
