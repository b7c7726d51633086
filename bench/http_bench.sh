#!/usr/bin/env bash
# HTTP server benchmark (issue 3): wrk against a release `parindex serve` with a 1,000-unit peer group.
# Measures a unit's results at 64 connections, the ranking paged at 50 rows, the whole 1,000-row ranking (as it is
# and gzip-compressed with Accept-Encoding: gzip), and the server's resident memory when idle (after start, before
# any request) and after the runs.
#
#   bench/http_bench.sh [--units N] [--duration SECONDS] [--connections N] [--threads N] [--keep-temp]
#
# PARINDEX_BINARY names the program (default build/release/src/app/parindex; built with the release preset when
# missing). Needs wrk, curl and python3. Exit status 0 when every target holds, 2 when one fails.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

units=1000
duration=10
connections=64
wrk_threads=2
server_threads=2
keep_temp=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --units) units="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --threads) server_threads="$2"; shift 2 ;;
    --keep-temp) keep_temp=1; shift ;;
    *) echo "unknown option $1" >&2; exit 1 ;;
  esac
done

binary="${PARINDEX_BINARY:-build/release/src/app/parindex}"
if [[ ! -x "$binary" ]]; then
  cmake --preset release >/dev/null
  cmake --build --preset release --target parindex
fi
command -v wrk >/dev/null || { echo "http_bench: wrk is not installed (apt-get install wrk)" >&2; exit 1; }

tmp="$(mktemp -d)"
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then kill -TERM "$server_pid"; wait "$server_pid" || true; fi
  if [[ "$keep_temp" == 1 ]]; then echo "kept $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT

echo "== data: $units units in one peer group (bench/make_http_dataset.py)"
"$binary" init --data "$tmp/data" >/dev/null
python3 bench/make_http_dataset.py --units "$units" >"$tmp/bundle.json"
"$binary" import all "$tmp/bundle.json" --data "$tmp/data"
echo "bench-password-2024" | "$binary" user add bench.appraiser --role appraiser --group bench-1000 --password-stdin \
  --data "$tmp/data" >/dev/null

web="web/dist"
[[ -f "$web/index.html" ]] || web="$tmp/no-web"
"$binary" serve --data "$tmp/data" --listen 127.0.0.1:0 --threads "$server_threads" --web "$web" \
  >"$tmp/stdout" 2>"$tmp/server.log" &
server_pid=$!
for _ in $(seq 1 100); do
  grep -q "đang chạy tại" "$tmp/stdout" 2>/dev/null && break
  sleep 0.1
done
url="$(sed -n 's/.*đang chạy tại \(http:[^ ]*\).*/\1/p' "$tmp/stdout")"
[[ -n "$url" ]] || { echo "the server did not start" >&2; cat "$tmp/server.log" >&2; exit 1; }
rss_kib() { awk '/^VmRSS/ {print $2}' "/proc/$server_pid/status"; }
idle_rss="$(rss_kib)"
echo "== server $url (pid $server_pid, $server_threads threads), idle RSS $((idle_rss / 1024)) MiB"

cookie="$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
  -d '{"username":"bench.appraiser","password":"bench-password-2024"}' "$url/api/session" |
  sed -n 's/^[Ss]et-[Cc]ookie: \([^;]*\);.*/\1/p')"
[[ -n "$cookie" ]] || { echo "login failed" >&2; exit 1; }

middle="$(printf 'b%04d' $(( (units + 1) / 2 )))"
results="$url/api/units/$middle/results?year=2023"
page="$url/api/groups/bench-1000/ranking?year=2023&offset=$(( units / 2 - 25 ))&limit=50"
whole="$url/api/groups/bench-1000/ranking?year=2023&limit=$units"
# Warm the caches (the first request of a year loads the dataset and builds the engine).
for target in "$results" "$page" "$whole"; do
  start_ns=$(date +%s%N)
  status=$(curl -s -o "$tmp/warm.json" -w '%{http_code}' -H "Cookie: $cookie" "$target")
  echo "   first request $status in $(( ($(date +%s%N) - start_ns) / 1000000 )) ms, $(stat -c %s "$tmp/warm.json") bytes: ${target#"$url"}"
done

gzip_bytes=$(curl -s -H "Cookie: $cookie" -H 'Accept-Encoding: gzip' "$whole" | wc -c)
echo "   whole ranking gzip-compressed (Accept-Encoding: gzip): $gzip_bytes bytes"

warm_rss="$(rss_kib)"
echo "   RSS with the year loaded (engine, dataset, cached JSON): $((warm_rss / 1024)) MiB"

if [[ -f "$web/index.html" ]]; then
  # The files of a first page load (index.html and the assets it names), one after the other as curl fetches them.
  start_ns=$(date +%s%N)
  bytes=$(curl -s "$url/" | tee "$tmp/index.html" | wc -c)
  for asset in $(grep -oE '(src|href)="/assets/[^"]+"' "$tmp/index.html" | sed -E 's/.*="([^"]+)"/\1/'); do
    bytes=$((bytes + $(curl -s "$url$asset" | wc -c)))
  done
  echo "   first page load (index.html + its assets, uncompressed): $bytes bytes in $(( ($(date +%s%N) - start_ns) / 1000000 )) ms"
fi

failed=0
run() {  # name target min_rps max_p99_ms(or -) [extra wrk arguments]
  local name="$1" target="$2" min_rps="$3" max_p99="$4"
  shift 4
  wrk -t"$wrk_threads" -c"$connections" -d"${duration}s" --latency -H "Cookie: $cookie" "$@" "$target" >"$tmp/wrk.txt"
  local rps p99 non2xx
  rps="$(awk '/^Requests\/sec/ {print $2}' "$tmp/wrk.txt")"
  p99="$(awk '$1 == "99%" {print $2}' "$tmp/wrk.txt")"
  non2xx="$(awk '/Non-2xx/ {print $5}' "$tmp/wrk.txt")"
  local p99_ms
  p99_ms="$(python3 -c "import re,sys; v,u=re.match(r'([\d.]+)(\w+)', '$p99').groups(); print(round(float(v)*{'us':0.001,'ms':1,'s':1000}[u],2))")"
  local verdict="ok"
  if python3 -c "import sys; sys.exit(0 if float('$rps') >= $min_rps else 1)"; then :; else verdict="BELOW TARGET"; failed=1; fi
  if [[ "$max_p99" != "-" ]] && ! python3 -c "import sys; sys.exit(0 if $p99_ms < $max_p99 else 1)"; then
    verdict="P99 OVER TARGET"; failed=1
  fi
  if [[ -n "$non2xx" ]]; then verdict="NON-2XX $non2xx"; failed=1; fi
  printf '%-34s %10s req/s   p99 %8s ms   target >= %s req/s%s   %s\n' "$name" "$rps" "$p99_ms" "$min_rps" \
    "$([[ "$max_p99" != "-" ]] && echo ", p99 < $max_p99 ms")" "$verdict"
}

echo "== wrk -t$wrk_threads -c$connections -d${duration}s (wrk and the server share the machine's cores)"
run "results (one unit)" "$results" 20000 10
run "ranking page (50 rows)" "$page" 10000 -
run "ranking page, gzip (per request)" "$page" 10000 - -H 'Accept-Encoding: gzip'
run "whole ranking ($units rows)" "$whole" 2000 -
run "whole ranking, gzip" "$whole" 2000 - -H 'Accept-Encoding: gzip'
loaded_rss="$(rss_kib)"
echo "== RSS: idle $((idle_rss / 1024)) MiB (target < 50 MiB), after the runs $((loaded_rss / 1024)) MiB"
[[ "$idle_rss" -lt $((50 * 1024)) ]] || failed=1

kill -TERM "$server_pid"
if wait "$server_pid"; then echo "== SIGTERM: the server stopped with exit status 0"; else echo "== SIGTERM: exit status $?"; failed=1; fi
server_pid=""
[[ "$failed" == 0 ]] || exit 2
