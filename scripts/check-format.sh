#!/usr/bin/env bash
# Fails when a tracked C++ file differs from .clang-format (Debian's clang-format 14). Fix with:
#   git ls-files '*.cpp' '*.hpp' | xargs clang-format -i
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
git ls-files '*.cpp' '*.hpp' | xargs clang-format --dry-run --Werror
echo "check-format: every C++ file follows .clang-format"
