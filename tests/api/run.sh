#!/usr/bin/env bash
# Runs the API tests against the real server: node's test runner over tests/api/*.test.mjs.
# PARINDEX_BINARY names the program (default build/debug/src/app/parindex, relative to the repository).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
export PARINDEX_BINARY="${PARINDEX_BINARY:-build/debug/src/app/parindex}"
if [[ ! -x "$PARINDEX_BINARY" ]]; then
  echo "tests/api: no program at $PARINDEX_BINARY (build it, or set PARINDEX_BINARY)" >&2
  exit 1
fi
exec node --test tests/api/
