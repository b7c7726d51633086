#!/usr/bin/env bash
# The README's first command: installs what is missing, builds the release, creates a data folder with the
# demo data and shows La Khê's 2023 results, Hà Đông's ranking and the consistency report.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
data="${PARINDEX_DATA:-$root/data}"
bash scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release
bin="$root/build/release/src/app/parindex"
if [ ! -f "$data/parindex.db" ]; then
  "$bin" init --data "$data"
  "$bin" demo --data "$data"
fi
echo
"$bin" results --data "$data" --unit lakhe --year 2023
echo
"$bin" ranking --data "$data" --group hadong-wards --year 2023
echo
"$bin" check --data "$data" --year 2023
echo
echo "Thư mục dữ liệu / data folder: $data"
echo "Thử / try: $bin results --data $data --unit baolam --year 2023 --format json"
