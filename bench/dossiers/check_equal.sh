#!/usr/bin/env bash
# Equality check of the dossier benchmark's reference question (issue 5 §9, for CI): generates ROWS dossiers
# (seed 1, year 2025), answers the question with the sqlite3 CLI (.import + reference_sqlite.sql) and with the C++
# scan (scan_dossiers), and compares the normalised answers byte for byte. When PARINDEX_BINARY names a program whose
# `dossiers --help` succeeds, ParIndex's import + stats are compared too.
#
#   bench/dossiers/check_equal.sh [ROWS]          (default 100000; about 5 s for 100,000 rows)
#
# The generator and the scan come from DOSSIER_BENCH_BUILD/bench/dossiers when built there (default
# build/dossierbench); otherwise they are compiled here with ${CXX:-g++} -O2 into a temporary folder.
# Exit status 0 when the answers are identical, 1 on a difference or an error.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
rows="${1:-100000}"
rows="${rows//[,_]/}"
year=2025
command -v sqlite3 >/dev/null || { echo "check_equal: sqlite3 is missing" >&2; exit 1; }
command -v python3 >/dev/null || { echo "check_equal: python3 is missing" >&2; exit 1; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

bin="${DOSSIER_BENCH_BUILD:-$root/build/dossierbench}/bench/dossiers"
generate="$bin/generate_dossiers"
scan="$bin/scan_dossiers"
if [[ ! -x "$generate" || ! -x "$scan" || "$here/generate_dossiers.cpp" -nt "$generate" ||
      "$here/scan_dossiers.cpp" -nt "$scan" ]]; then
  generate="$tmp/generate_dossiers"
  scan="$tmp/scan_dossiers"
  "${CXX:-g++}" -std=c++20 -O2 -o "$generate" "$here/generate_dossiers.cpp" &
  "${CXX:-g++}" -std=c++20 -O2 -pthread -o "$scan" "$here/scan_dossiers.cpp" &
  wait %1 && wait %2
fi

"$generate" --rows "$rows" --seed 1 --year "$year" --out "$tmp/dossiers.csv"

# The generator is deterministic: a second run gives the same bytes.
"$generate" --rows 1000 --seed 7 --year "$year" --out "$tmp/a.csv"
"$generate" --rows 1000 --seed 7 --year "$year" --out "$tmp/b.csv"
cmp -s "$tmp/a.csv" "$tmp/b.csv" || { echo "check_equal: the generator is not deterministic" >&2; exit 1; }

"$scan" "$tmp/dossiers.csv" --threads 2 >"$tmp/scan.csv" 2>/dev/null
sqlite3 "$tmp/s.db" <"$here/schema_sqlite.sql"
sqlite3 "$tmp/s.db" ".import --csv --skip 1 $tmp/dossiers.csv dossiers"
sqlite3 -batch -csv -header "$tmp/s.db" ".read $here/reference_sqlite.sql" >"$tmp/sqlite.csv"
python3 "$here/normalise.py" "$tmp/scan.csv" "$tmp/scan.norm"
python3 "$here/normalise.py" "$tmp/sqlite.csv" "$tmp/sqlite.norm"

failed=0
compare() {  # LABEL FILE
  if cmp -s "$tmp/sqlite.norm" "$2"; then
    echo "check_equal: $1 = sqlite3 ($(( $(wc -l <"$2") - 1 )) unit-months of $rows dossiers)"
  else
    echo "check_equal: $1 DIFFERS from sqlite3 on $rows dossiers; first differences (< sqlite3, > $1):" >&2
    diff "$tmp/sqlite.norm" "$2" | head -20 >&2 || true
    failed=1
  fi
}
# Guard against an empty or trivial answer passing: every dossier is counted once, and each measure is non-zero.
read -r total finished on_time early late without supplement < <(awk -F, 'NR > 1 {
  for (i = 3; i <= 9; i++) s[i] += $i } END { print s[3], s[4], s[5], s[6], s[7], s[8], s[9] }' "$tmp/sqlite.norm")
if [[ "$total" != "$rows" ]] || (( finished == 0 || on_time == 0 || early == 0 || late == 0 || without == 0 ||
                                    supplement == 0 || on_time + late != finished )); then
  echo "check_equal: implausible sqlite3 totals: total $total of $rows, finished $finished, on_time $on_time," \
    "early $early, late $late, late_without_apology $without, supplement_2plus $supplement" >&2
  failed=1
fi
compare "C++ scan" "$tmp/scan.norm"

if [[ -n "${PARINDEX_BINARY:-}" ]]; then
  if "$PARINDEX_BINARY" dossiers --help >/dev/null 2>&1; then
    "$PARINDEX_BINARY" init --data "$tmp/parindex" >/dev/null
    "$PARINDEX_BINARY" dossiers import "$tmp/dossiers.csv" --data "$tmp/parindex" >/dev/null
    "$PARINDEX_BINARY" dossiers stats --by unit,month --year "$year" --format csv --data "$tmp/parindex" \
      >"$tmp/parindex.csv"
    python3 "$here/normalise.py" "$tmp/parindex.csv" "$tmp/parindex.norm"
    compare "ParIndex" "$tmp/parindex.norm"
    # The ad-hoc breakdown (field × procedure of the first 100 units) over the blocks, against sqlite3.
    awk -F, 'NR > 1 {print $1}' "$tmp/sqlite.norm" | sort -u | awk 'NR <= 100' >"$tmp/district.txt"
    sqlite3 "$tmp/s.db" "CREATE TABLE district(unit_code TEXT PRIMARY KEY)" ".import $tmp/district.txt district"
    sqlite3 -batch -csv -header "$tmp/s.db" ".read $here/breakdown_sqlite.sql" >"$tmp/breakdown-sqlite.csv"
    "$PARINDEX_BINARY" dossiers stats --by field,procedure --unit "$(paste -sd, "$tmp/district.txt")" --year "$year" \
      --format csv --data "$tmp/parindex" >"$tmp/breakdown-parindex.csv"
    python3 "$here/normalise.py" "$tmp/breakdown-sqlite.csv" "$tmp/breakdown-sqlite.norm" --keys field,procedure
    python3 "$here/normalise.py" "$tmp/breakdown-parindex.csv" "$tmp/breakdown-parindex.norm" --keys field,procedure
    if cmp -s "$tmp/breakdown-sqlite.norm" "$tmp/breakdown-parindex.norm" &&
       (( $(wc -l <"$tmp/breakdown-sqlite.norm") > 100 )); then
      echo "check_equal: ParIndex breakdown = sqlite3 ($(( $(wc -l <"$tmp/breakdown-sqlite.norm") - 1 )) field × procedure rows of 100 units)"
    else
      echo "check_equal: ParIndex's field × procedure breakdown DIFFERS from sqlite3 (< sqlite3, > ParIndex):" >&2
      diff "$tmp/breakdown-sqlite.norm" "$tmp/breakdown-parindex.norm" | head -20 >&2 || true
      failed=1
    fi
  else
    echo "check_equal: $PARINDEX_BINARY has no 'dossiers' command yet; ParIndex not compared" >&2
  fi
fi
exit "$failed"
