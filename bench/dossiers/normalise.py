#!/usr/bin/env python3
"""Normalises one engine's answer to the dossier benchmark's reference question (bench/dossiers/run.sh).

    normalise.py IN.csv OUT.csv [--keys K1,K2]

IN is a CSV with a header naming at least unit, month, total, finished, on_time, early, late, late_without_apology,
supplement_2plus and either online_full (a count: the peers) or online_full_share (a percentage: ParIndex); other
columns are ignored. OUT has exactly those columns with online_full_share, sorted by (unit, month), integers as
integers and the share in percent of total with 3 decimals, rounded half away from zero: computed here from the count
with integer arithmetic, so that every peer rounds identically; a share printed by the engine is only re-formatted.
Any malformed value stops the script with an error (exit status 1).

--keys names the grouping columns instead of unit,month (e.g. field,procedure for the ad-hoc breakdown); a column
named month must hold YYYY-MM, the others any non-empty text.
"""
import csv
import re
import sys
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

COUNTS = ["total", "finished", "on_time", "early", "late", "late_without_apology", "supplement_2plus"]
KEYS = ["unit", "month"]


def fail(message):
    sys.exit(f"normalise.py: {sys.argv[1]}: {message}")


def share_of(count, total):
    # percent × 1000, rounded half up (= away from zero for non-negative numbers)
    milli = (2 * count * 100000 + total) // (2 * total)
    return f"{milli // 1000}.{milli % 1000:03d}"


def main():
    global KEYS
    if len(sys.argv) == 5 and sys.argv[3] == "--keys":
        KEYS = sys.argv[4].split(",")
    elif len(sys.argv) != 3:
        sys.exit("usage: normalise.py IN.csv OUT.csv [--keys K1,K2]")
    with open(sys.argv[1], newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        try:
            header = [h.strip() for h in next(reader)]
        except StopIteration:
            fail("empty output")
        missing = [c for c in KEYS + COUNTS if c not in header]
        if missing or ("online_full" not in header and "online_full_share" not in header):
            fail(f"columns missing: {missing or ['online_full or online_full_share']} (header {header})")
        at = {name: i for i, name in enumerate(header)}
        rows = []
        for n, row in enumerate(reader, start=2):
            if not row:
                continue
            if len(row) != len(header):
                fail(f"line {n}: {len(row)} fields, the header has {len(header)}")
            keys = [row[at[k]].strip() for k in KEYS]
            if not all(keys) or ("month" in at and "month" in KEYS and not re.fullmatch(r"\d{4}-\d{2}", row[at["month"]])):
                fail(f"line {n}: bad key {keys!r}")
            try:
                counts = [int(row[at[c]].strip()) for c in COUNTS]
            except ValueError:
                fail(f"line {n}: a count is not an integer: {row}")
            total = counts[0]
            if total <= 0:
                fail(f"line {n}: total {total}")
            if "online_full" in at:
                try:
                    share = share_of(int(row[at["online_full"]].strip()), total)
                except ValueError:
                    fail(f"line {n}: online_full is not an integer: {row}")
            else:
                try:
                    share = str(Decimal(row[at["online_full_share"]].strip()).quantize(Decimal("0.001"), ROUND_HALF_UP))
                except InvalidOperation:
                    fail(f"line {n}: online_full_share is not a number: {row}")
            rows.append((keys, counts, share))
    rows.sort(key=lambda r: r[0])
    with open(sys.argv[2], "w", newline="", encoding="utf-8") as f:
        f.write(",".join(KEYS + COUNTS + ["online_full_share"]) + "\n")
        for keys, counts, share in rows:
            f.write(",".join(keys + [str(c) for c in counts] + [share]) + "\n")


if __name__ == "__main__":
    main()
