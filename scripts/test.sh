#!/usr/bin/env bash
# The README's second command: installs what is missing, builds the debug build (AddressSanitizer + UBSan)
# and runs every test. .ci/run runs exactly this.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/install-deps.sh
bash scripts/check-format.sh
cmake --preset debug >/dev/null
cmake --build --preset debug
bash scripts/lint.sh build/debug
ctest --preset debug --output-on-failure -j2
