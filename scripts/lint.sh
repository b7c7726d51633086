#!/usr/bin/env bash
# Runs Debian's clang-tidy 14 with .clang-tidy over the project's sources (naming rules are errors).
# Needs a configured build for compile_commands.json: `cmake --preset debug` (scripts/test.sh does it).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
build="${1:-build/debug}"
git ls-files 'src/*.cpp' | xargs -P2 -n1 clang-tidy -p "$build" --quiet 2>/dev/null
echo "lint: clang-tidy found no errors"
