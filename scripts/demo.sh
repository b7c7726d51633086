#!/usr/bin/env bash
# The README's first command: installs what is missing, builds the web application and the release program,
# creates a data folder with the demo data built from the seeds (on the first run) and starts the server on it,
# printing the URL and one login per role. Stop it with Ctrl+C.
#   PARINDEX_DATA    the data folder (default ./data)
#   PARINDEX_LISTEN  host:port (default 127.0.0.1:8080)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
data="${PARINDEX_DATA:-$root/data}"
listen="${PARINDEX_LISTEN:-127.0.0.1:8080}"
bash scripts/install-deps.sh
(cd web && npm ci --no-audit --no-fund --loglevel=error && npm run build)
cmake --preset release >/dev/null
cmake --build --preset release
bin="$root/build/release/src/app/parindex"
if [ ! -f "$data/parindex.db" ]; then
  "$bin" init --data "$data"
  "$bin" demo --data "$data"
else
  echo "Dùng lại thư mục dữ liệu có sẵn $data. Tài khoản mẫu (mật khẩu demo-parindex-2024, chỉ cho dữ liệu mẫu):"
  echo "  thamdinh (thẩm định), vanphong.lakhe (điều phối), tuphap.lakhe (cán bộ), chutich.lakhe (lãnh đạo), xem.lakhe (xem)"
fi
echo
echo "Dòng lệnh / command line: $bin results --data $data --unit lakhe --year 2023"
exec "$bin" serve --data "$data" --listen "$listen" --web "$root/web/dist"
