#!/usr/bin/env bash
# Runs the browser tests against the real server.
#   PARINDEX_BINARY   the parindex program (default build/debug/src/app/parindex)
#   PARINDEX_SCREENSHOTS  a folder for the screenshots (e.g. docs/images); none when unset
#   PARINDEX_URL      use an already running server instead of starting one
# Needs Debian's chromium (/usr/bin/chromium, or CHROMIUM_PATH) and node 20+.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
export PARINDEX_BINARY="${PARINDEX_BINARY:-$root/build/debug/src/app/parindex}"
cd "$root/web"
if [ ! -d node_modules ]; then npm ci --no-audit --no-fund; fi
if [ "${SKIP_BUILD:-0}" != 1 ]; then npm run build; fi
exec node --test --test-concurrency=1 --test-reporter=spec "$here"/*.test.mjs
