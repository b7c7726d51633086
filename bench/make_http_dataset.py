#!/usr/bin/env python3
"""Writes a JSON bundle (docs/formats.md) for the HTTP benchmark: one framework of 10 areas x 10 criteria
(100 points), and a peer group `bench-1000` of N units (default 1,000) scored in 2022 and 2023, so that ranks
have a previous year. Fixed seed: every run gets the same bundle. Usage: make_http_dataset.py [--units N] > out.json
"""
import argparse
import json
import random
import sys


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    nodes = []
    for area in range(1, 11):
        nodes.append({"code": str(area), "parent": None, "title": f"Lĩnh vực {area}", "max": 10,
                      "method": "survey" if area == 10 else "appraisal", "evidence_required": area != 10,
                      "responsible": "", "previous_code": None, "max_only": False})
        for criterion in range(1, 11):
            code = f"{area}.{criterion}"
            nodes.append({"code": code, "parent": str(area), "title": f"Tiêu chí {code}", "max": 1,
                          "method": "survey" if area == 10 else "appraisal", "evidence_required": area != 10,
                          "responsible": "Văn phòng" if criterion % 3 == 0 else "", "previous_code": code,
                          "max_only": False})
    framework = {
        "code": "bench-2023", "title": "Bộ chỉ số đo tốc độ (1.000 đơn vị)", "version": "2023",
        "decision": "", "previous": None, "max": 100, "display_decimals": 2,
        "bands": [{"code": "xuat-sac", "name": "Xuất sắc", "min_index": 90, "demo": True},
                  {"code": "tot", "name": "Tốt", "min_index": 80, "demo": True},
                  {"code": "kha", "name": "Khá", "min_index": 70, "demo": True},
                  {"code": "trung-binh", "name": "Trung bình", "min_index": 0, "demo": True}],
        "nodes": nodes,
    }
    codes = [f"b{i:04d}" for i in range(1, args.units + 1)]
    units = [{"code": "bench-province", "name": "Tỉnh đo tốc độ", "type": "province"}]
    units += [{"code": code, "name": f"Xã đo tốc độ {i:04d}", "type": "commune", "parent": "bench-province",
               "demo": True} for i, code in enumerate(codes, start=1)]
    groups, assessments = [], []
    for year in (2022, 2023):
        groups.append({"code": "bench-1000", "name": f"Nhóm đo tốc độ {args.units} xã", "year": year,
                       "framework": "bench-2023", "members": codes})
        for code in codes:
            quality = rng.uniform(0.6, 0.98)
            scores = []
            for node in nodes:
                if node["parent"] is None:
                    continue
                points = 1.0 if rng.random() < quality else rng.choice([0, 0.25, 0.5, 0.75, 0.9])
                scores.append({"code": node["code"], "self": 1, "appraised": points, "provenance": "demo"})
            assessments.append({"unit": code, "year": year, "framework": "bench-2023", "status": "published",
                                "nodes": scores})
    json.dump({"units": units, "frameworks": [framework], "groups": groups, "assessments": assessments},
              sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
