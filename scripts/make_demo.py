#!/usr/bin/env python3
"""Writes demo/*.json, the demo data built from the seeds (../shared/seeds).

Real units carry the figures their seed publishes (provenance published, or derived where worked back from
published changes). The peers a ranking needs are invented, deterministic, named `Phường mẫu NN` /
`Xã mẫu NNN`, flagged demo, and chosen so that the published ranks come out of the computation:
La Khê 16/17 (appraisal part 16/17, survey part 17/17, area 3 7/17), Bảo Lâm 7/22, the seed-001 commune
15/141 in its province and 2nd in its district. Band thresholds the seeds do not give are demo settings. A criterion's default responsible department is set
only where the seed names one (its lost-points table or its section on who does what).

Run from the repository root: python3 scripts/make_demo.py  (the output is committed as the demo source).
"""
import json
import random
from decimal import Decimal as D

OUT = "demo"
rng = random.Random(20231229)


def num(x):
    """A JSON number with its exact decimal digits."""
    d = D(str(x)).normalize()
    return float(d) if d != d.to_integral() else int(d)


def dump(name, obj):
    with open(f"{OUT}/{name}", "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False, indent=1)
        f.write("\n")


DEPARTMENTS = [
    {"code": "vp-tk", "name": "Văn phòng – Thống kê"},
    {"code": "tp-ht", "name": "Tư pháp – Hộ tịch"},
    {"code": "tc-kt", "name": "Tài chính – Kế toán"},
    {"code": "vh-xh", "name": "Văn hóa – Xã hội"},
    {"code": "dc-xd", "name": "Địa chính – Xây dựng"},
]

DEMO_BANDS = [
    {"code": "xuat-sac", "name": "Xuất sắc", "min_index": 90, "demo": True},
    {"code": "tot", "name": "Tốt", "min_index": 80, "demo": True},
    {"code": "kha", "name": "Khá", "min_index": 70, "demo": True},
    {"code": "trung-binh", "name": "Trung bình", "min_index": 50, "demo": True},
    {"code": "yeu", "name": "Yếu", "min_index": 0, "demo": True},
]


def node(code, title, mx, parent=None, method="appraisal", responsible="", max_only=False, note="",
         max_provenance="published"):
    return {"code": code, "parent": parent, "title": title, "max": None if mx is None else num(mx),
            "method": method, "evidence_required": method == "appraisal" and not max_only,
            "responsible": responsible, "previous_code": None, "max_only": max_only,
            "declared_difference": None, "max_provenance": max_provenance, "note": note}


def rest(area, mx, title_area):
    return node(f"{area}.khac", f"Các tiêu chí khác của lĩnh vực {area} ({title_area})", mx, area, max_only=True,
                note="Kế hoạch không liệt kê riêng; chỉ mang điểm tối đa", max_provenance="derived")


# ---------------------------------------------------------------- Hà Đông (seed 000)
HD_AREAS = [
    ("1", "Chỉ đạo điều hành CCHC", 20),
    ("2", "Tổ chức thực hiện văn bản quy phạm pháp luật", 3),
    ("3", "Cải cách TTHC và thực hiện cơ chế một cửa, một cửa liên thông", 16),
    ("4", "Nâng cao chất lượng đội ngũ cán bộ, công chức", 10),
    ("5", "Quản lý tài chính", 6),
    ("6", "Hiện đại hóa hành chính", 10),
    ("7", "Tác động CCHC đến phát triển kinh tế – xã hội của phường", 5),
    ("8", "Điều tra xã hội học", 30),
]
hd_nodes = []
for code, title, mx in HD_AREAS:
    hd_nodes.append(node(code, title, mx, method="survey" if code == "8" else "appraisal",
                         note="Điểm do người dân, doanh nghiệp đánh giá (ĐTXHH)" if code == "8" else ""))
    if code == "1":
        hd_nodes += [
            node("1.6", "Sáng kiến và áp dụng hiệu quả sáng kiến trong thực hiện công tác CCHC, cải thiện các chỉ số "
                 "PAR-Index, SIPAS, PAPI", 2, "1", responsible="Các bộ phận"),
            node("1.9", "Công khai, minh bạch danh mục và quy trình giải quyết TTHC, dự toán và quyết toán thu chi "
                 "ngân sách, kế hoạch đầu tư, các khoản quỹ đóng góp tự nguyện, danh sách hộ nghèo, quy hoạch và kế "
                 "hoạch sử dụng đất ở khu dân cư", 2, "1", responsible="Tài chính – Kế toán"),
            node("1.u1", "Gắn kết quả thực hiện CCHC với công tác Thi đua – khen thưởng và Xử lý kỷ luật", 1, "1",
                 responsible="Văn phòng – Thống kê", note="Kế hoạch không ghi mã tiêu chí"),
            rest("1", 15, title)]
    elif code == "2":
        hd_nodes += [
            node("2.1", "Tổ chức thực hiện các VBQPPL, văn bản quản lý điều hành của cấp trên", 1, "2",
                 responsible="Tư pháp – Hộ tịch"),
            node("2.3", "Theo dõi thi hành pháp luật", 0.5, "2", responsible="Tư pháp – Hộ tịch"),
            rest("2", 1.5, title)]
    elif code == "3":
        hd_nodes += [
            node("3.2", "Cải tiến quy trình, rút ngắn thời gian giải quyết TTHC", 2, "3", responsible="Các bộ phận"),
            rest("3", 14, title)]
    elif code == "4":
        hd_nodes += [
            node("4.1", "Chấp hành kỷ luật, kỷ cương và đánh giá cán bộ, công chức", 3.5, "4",
                 note="Điểm tối đa của tiêu chí 4.1 là thiết lập mẫu (kế hoạch không nêu)", max_provenance="demo"),
            node("4.1.2", "Chấp hành kỷ luật, kỷ cương hành chính và các quy định đối với cán bộ, công chức", 1,
                 "4.1"),
            node("4.1.4", "Kết quả đánh giá chất lượng, hiệu quả công việc của Chủ tịch UBND phường", 1, "4.1"),
            node("4.1.khac", "Các tiêu chí thành phần khác của tiêu chí 4.1", 1.5, "4.1", max_only=True,
                 max_provenance="demo"),
            node("4.2", "Nâng cao chất lượng trưởng thôn, tổ dân phố", 3, "4"),
            node("4.u1", "Tổ chức bồi dưỡng Tổ trưởng Tổ dân phố về CCHC, chỉ số PAR-Index, SIPAS, PAPI", 1.5, "4",
                 note="Kế hoạch không ghi mã tiêu chí"),
            rest("4", 2, title)]
    elif code == "6":
        hd_nodes += [
            node("6.6", "Xây dựng hồ sơ công việc điện tử", 1, "6", responsible="Các bộ phận"),
            node("6.7", "Thực hiện các nhiệm vụ về số hóa dữ liệu", 1, "6", responsible="Các bộ phận"),
            node("6.8", "Áp dụng quy trình ISO 9001 trong hoạt động của phường", 3, "6", responsible="Các bộ phận"),
            rest("6", 5, title)]
    elif code in ("5", "7"):
        hd_nodes.append(rest(code, mx, title))

hadong_framework = {
    "code": "hadong-2023", "title": "Bộ Chỉ số CCHC các phòng chuyên môn và UBND các phường quận Hà Đông năm 2023",
    "version": "2023", "decision": "Quyết định số 4309/QĐ-UBND ngày 13/9/2022 của UBND quận Hà Đông",
    "previous": None, "max": 100, "display_decimals": 2, "bands": DEMO_BANDS, "nodes": hd_nodes}

hd_units = [
    {"code": "hanoi", "name": "Thành phố Hà Nội", "type": "province"},
    {"code": "hadong", "name": "Quận Hà Đông", "type": "district", "parent": "hanoi", "valid_to": 2025,
     "note": "Cấp huyện kết thúc hoạt động từ 01/7/2025"},
    {"code": "lakhe", "name": "Phường La Khê", "type": "ward", "parent": "hadong", "departments": DEPARTMENTS[:4]},
]
for i in range(1, 17):
    hd_units.append({"code": f"hd-mau-{i:02d}", "name": f"Phường mẫu {i:02d}", "type": "ward", "parent": "hadong",
                     "demo": True})

LAKHE_AREAS = {"1": (17.25, 3.91), "2": (2.5, -0.5), "3": (14.4, 1.15), "4": (8.66, 1.66), "5": (6, -1),
               "6": (6.5, -1.5), "7": (5, 0), "8": (29.71, -0.17)}
LAKHE_CRITERIA = [
    ("1.6", 0, "Sáng kiến không được công nhận", "Các bộ phận"),
    ("1.9", 1.5, "", "Các bộ phận Tài chính – kế toán; có nội dung công khai"),
    ("1.u1", 0.75, "", "Bộ phận Văn phòng"),
    ("2.1", 0.75, "", "Bộ phận tư pháp"),
    ("2.3", 0.25, "", ""),
    ("3.2", 1.4, "", "Các bộ phận"),
    ("4.1.2", 0.25, "Có công chức bị kỷ luật", ""),
    ("4.1.4", 0.9, "9 xuất sắc, 2 tốt", ""),
    ("4.2", 2.5, "", ""),
    ("4.u1", 1, "", ""),
    ("6.6", 0, "", "Các bộ phận"),
    ("6.7", 0, "", "Các bộ phận"),
    ("6.8", 1.5, "", "Các bộ phận"),
]
lakhe_nodes = []
for code, (pts, chg) in LAKHE_AREAS.items():
    lakhe_nodes.append({"code": code, "appraised": num(pts), "change": num(chg), "provenance": "published",
                        **({"responsible": "Các bộ phận"} if code == "8" else {})})
for code, pts, cause, resp in LAKHE_CRITERIA:
    lakhe_nodes.append({"code": code, "appraised": num(pts), "cause": cause, "responsible": resp,
                        "provenance": "entered"})
src000 = "Seed 000: Kế hoạch cải thiện Chỉ số CCHC phường La Khê năm 2024; QĐ 7564/QĐ-UBND ngày 29/12/2023"
hd_assessments = [
    {"unit": "lakhe", "year": 2021, "framework": None, "status": "published",
     "total": {"points": 87.43, "max": 100, "provenance": "published"},
     "ranks": [{"group": "hadong-wards", "scope": "total", "rank": 14, "of": 17, "provenance": "published"}],
     "note": src000 + " (3 năm gần nhất)"},
    {"unit": "lakhe", "year": 2022, "framework": None, "status": "published",
     "total": {"points": 84.47, "max": 100, "provenance": "published"},
     "ranks": [{"group": "hadong-wards", "scope": "total", "rank": 14, "of": 17, "provenance": "published"}],
     "note": src000 + " (3 năm gần nhất)"},
    {"unit": "lakhe", "year": 2023, "framework": "hadong-2023", "status": "published", "losses_complete": True,
     "total": {"points": 90.02, "change": 5.55, "provenance": "published"},
     "parts": [
         {"method": "appraisal", "points": 60.31, "max": 70, "index": 90.02, "provenance": "published"},
         {"method": "survey", "points": 29.71, "max": 30, "index": 29.71, "change": -0.17, "provenance": "published"}],
     "ranks": [
         {"group": "hadong-wards", "scope": "total", "rank": 16, "of": 17, "provenance": "published"},
         {"group": "hadong-wards", "scope": "part:appraisal", "rank": 16, "of": 17, "provenance": "published"},
         {"group": "hadong-wards", "scope": "part:survey", "rank": 17, "of": 17, "provenance": "published"},
         {"group": "hadong-wards", "scope": "node:3", "rank": 7, "of": 17, "provenance": "published"}],
     "nodes": lakhe_nodes, "note": src000},
]


def split(total, maxima, floor_share):
    """Splits `total` (hundredths) over areas with the given maxima, each at least floor_share of its max."""
    vals = [int(m * 100 * floor_share) for m in maxima]
    left = total - sum(vals)
    caps = [m * 100 - v for m, v in zip(maxima, vals)]
    while left > 0:
        i = rng.randrange(len(vals))
        step = min(left, caps[i], rng.randint(1, 60))
        vals[i] += step
        caps[i] -= step
        left -= step
    return vals


# Appraisal totals (hundredths): 15 above La Khê's 60.31, one below; survey all above 29.71;
# area 3: six above 14.40, ten below.
appraisal = [6050 + 40 * i + rng.randint(0, 30) for i in range(15)] + [5980]
survey = [2972 + rng.randint(0, 26) for _ in range(16)]
area3 = [1450 + 15 * i for i in range(6)] + [1250 + 17 * i for i in range(10)]
rng.shuffle(area3)
others_max = [20, 3, 10, 6, 10, 5]  # areas 1, 2, 4, 5, 6, 7
for i in range(16):
    rest_total = appraisal[i] - area3[i]
    vals = split(rest_total, others_max, 0.72)
    areas = dict(zip(["1", "2", "4", "5", "6", "7"], vals))
    areas["3"] = area3[i]
    areas["8"] = survey[i]
    hd_assessments.append({
        "unit": f"hd-mau-{i + 1:02d}", "year": 2023, "framework": "hadong-2023", "status": "published",
        "nodes": [{"code": c, "appraised": num(D(areas[c]) / 100), "provenance": "demo"} for c in sorted(areas)],
        "note": "Đơn vị mẫu: điểm bịa ra để xếp hạng đúng như kết quả công bố"})

# ---------------------------------------------------------------- Hà Đông practice year 2024 (all demo)
# A year to walk the workflow in the browser: the 2023 tree with every rest node (`N.khac`, `4.1.khac`) made a
# normal scorable leaf, the 16 invented wards already final, and no 2024 assessment for La Khê (the visitor
# opens it). Its own random generator, so the 2023 figures above and below stay what they were.
rng24 = random.Random(20240101)


def practice_node(n):
    p = dict(n)
    p["previous_code"] = n["code"]
    p["max_provenance"] = "demo"
    if n["code"].endswith(".khac"):
        parent = n["parent"]
        p["max_only"] = False
        p["evidence_required"] = False
        p["title"] = (f"Các tiêu chí còn lại của lĩnh vực {parent} (gộp, mẫu)" if "." not in parent
                      else f"Các tiêu chí thành phần còn lại của tiêu chí {parent} (gộp, mẫu)")
        p["note"] = "Năm thử: gộp các tiêu chí kế hoạch không liệt kê riêng thành một tiêu chí chấm điểm được"
    return p


hadong_practice_framework = {
    "code": "hadong-2024-mau", "title": "Bộ chỉ số mẫu năm 2024 (để thử quy trình; dựa trên bộ chỉ số 2023)",
    "version": "2024", "decision": "", "previous": "hadong-2023", "max": 100, "display_decimals": 2,
    "bands": DEMO_BANDS, "nodes": [practice_node(n) for n in hd_nodes]}
hd_area_max = {code: mx for code, _, mx in HD_AREAS}
for a in list(hd_assessments):
    if a["year"] != 2023 or not a["unit"].startswith("hd-mau-"):
        continue
    nodes24 = []
    for n in a["nodes"]:
        cap = hd_area_max[n["code"]] * 100
        v = int(D(str(n["appraised"])) * 100) + rng24.randint(-40, 40)
        nodes24.append({"code": n["code"], "appraised": num(D(max(0, min(cap, v))) / 100), "provenance": "demo"})
    hd_assessments.append({
        "unit": a["unit"], "year": 2024, "framework": "hadong-2024-mau", "status": "final", "nodes": nodes24,
        "note": "Năm thử 2024: điểm bịa ra (điểm 2023 thay đổi đôi chút) để thử quy trình chấm điểm"})

hd_members = ["lakhe"] + [f"hd-mau-{i:02d}" for i in range(1, 17)]
hd_groups = [{"code": "hadong-wards", "name": "Các phường quận Hà Đông", "year": 2023, "framework": "hadong-2023",
              "members": hd_members},
             {"code": "hadong-wards", "name": "Các phường quận Hà Đông", "year": 2024, "framework": "hadong-2024-mau",
              "members": hd_members}]
dump("10_hadong.json", {"units": hd_units, "frameworks": [hadong_framework, hadong_practice_framework],
                        "groups": hd_groups, "assessments": hd_assessments})

# ---------------------------------------------------------------- Cao Lộc (seed 003)
CL_AREAS = [
    ("1", "Công tác chỉ đạo, điều hành cải cách hành chính", 20.5),
    ("2", "Lĩnh vực 2 (kế hoạch không nêu tên và điểm)", 7),
    ("3", "Cải cách thủ tục hành chính", 22),
    ("4", "Cải cách chế độ công vụ", 18),
    ("5", "Cải cách tài chính công", 10),
    ("6", "Xây dựng và phát triển chính quyền điện tử, chính quyền số", 18.5),
    ("7", "Tác động của cải cách hành chính đến phát triển kinh tế – xã hội", 4),
]
cl_nodes = []
for code, title, mx in CL_AREAS:
    cl_nodes.append(node(code, title, mx, max_provenance="derived" if code == "2" else "published",
                         note="Điểm tối đa suy ra: 100 − 93 của các lĩnh vực còn lại" if code == "2" else ""))
    if code == "1":
        cl_nodes += [node("1.5", "Sáng kiến hoặc giải pháp mới trong CCHC", 4, "1"),
                     rest("1", 16.5, title)]
    elif code == "3":
        cl_nodes += [node("3.2", "Công khai thủ tục hành chính", 1, "3", responsible="Văn phòng – Thống kê"),
                     rest("3", 21, title)]
    elif code == "4":
        cl_nodes.append(node("4.2", "Cán bộ, công chức cấp xã đạt chuẩn", None, "4",
                             note="Kế hoạch không nêu điểm tối đa"))
    elif code == "5":
        cl_nodes += [node("5.2.2", "Kiểm tra việc thực hiện các quy định về quản lý tài sản công", None, "5",
                          responsible="Tài chính – Kế toán", note="Kế hoạch không nêu điểm tối đa"),
                     node("5.4", "Thực hiện chế độ báo cáo công tác tài chính – ngân sách", None, "5",
                          responsible="Tài chính – Kế toán", note="Kế hoạch không nêu điểm tối đa")]
    elif code == "6":
        cl_nodes += [node("6.3", "Hồ sơ giải quyết TTHC được xử lý đúng quy định", None, "6",
                          responsible="Văn phòng – Thống kê", note="Kế hoạch không nêu điểm tối đa"),
                     node("6.4.2", "Văn bản chỉ đạo điều hành được đăng tải trên Trang thông tin điện tử", 3, "6",
                          responsible="Ban biên tập Trang thông tin điện tử xã")]
    elif code == "7":
        cl_nodes.append(node("7.2", "Mức độ thực hiện các chỉ tiêu phát triển kinh tế – xã hội theo kế hoạch trong năm",
                             None, "7", responsible="Văn phòng – Thống kê", note="Kế hoạch không nêu điểm"))
caoloc_framework = {
    "code": "caoloc-2023", "title": "Bộ Chỉ số CCHC UBND các xã, thị trấn huyện Cao Lộc năm 2023", "version": "2023",
    "decision": "Kết quả công bố tại Quyết định số 362/QĐ-UBND ngày 05/02/2024 của Chủ tịch UBND huyện Cao Lộc",
    "previous": None, "max": 100, "display_decimals": 2, "bands": DEMO_BANDS, "nodes": cl_nodes}
cl_units = [
    {"code": "langson", "name": "Tỉnh Lạng Sơn", "type": "province"},
    {"code": "caoloc", "name": "Huyện Cao Lộc", "type": "district", "parent": "langson", "valid_to": 2025},
    {"code": "baolam", "name": "Xã Bảo Lâm", "type": "commune", "parent": "caoloc", "departments": DEPARTMENTS},
]
for i in range(1, 22):
    cl_units.append({"code": f"cl-mau-{i:03d}", "name": f"Xã mẫu {i:03d}", "type": "commune", "parent": "caoloc",
                     "demo": True})
src003 = "Seed 003: Kế hoạch khắc phục các chỉ số CCHC năm 2023 xã Bảo Lâm; QĐ 362/QĐ-UBND ngày 05/02/2024"
BL = [
    ("1", 15.2, 15.2, "", "published"), ("1.5", 0, 0, "Không có các sáng kiến, giải pháp kèm theo TLKC", "entered"),
    ("3", 21.9, 20.9, "", "published"),
    ("3.2", 1, 0, "Chưa đăng tải TTHC thuộc thẩm quyền quản lý trên Trang thông tin điện tử xã", "entered"),
    ("4", 18, 15, "", "published"),
    ("4.2", None, None, "Cán bộ, công chức cấp xã đạt chuẩn 77,27% (chỉ tiêu 90% trở lên)", "entered"),
    ("5", 9, 7, "", "published"),
    ("5.2.2", 1, 0, "Không tổ chức kiểm tra việc thực hiện các quy định về quản lý tài sản công tại cơ quan và các thôn",
     "entered"),
    ("5.4", 0, 0, "Thực hiện chế độ báo cáo công tác tài chính – ngân sách theo quy định chưa đầy đủ", "entered"),
    ("6", 14.5, 13.5, "", "published"), ("6.3", 1, 0, "Có 01 hồ sơ trễ hẹn", "entered"),
    ("6.4.2", 2, 2, "Số văn bản đăng tải trên Trang thông tin điện tử xã dưới 60 tin bài", "entered"),
    ("7", 4, 2, "", "published"),
    ("7.2", None, None, "Thiếu thuyết minh các chỉ tiêu kinh tế – xã hội đạt, không đạt", "entered"),
]
bl_nodes = []
for code, s, a, cause, prov in BL:
    n = {"code": code, "self": None if s is None else num(s), "appraised": None if a is None else num(a),
         "provenance": prov}
    if cause:
        n["cause"] = cause
    bl_nodes.append(n)
cl_assessments = [
    {"unit": "baolam", "year": 2022, "framework": None, "status": "published",
     "total": {"max": 100, "provenance": "derived"},
     "ranks": [{"group": "caoloc-communes", "scope": "total", "rank": 14, "of": 22, "provenance": "derived"}],
     "note": "Thứ hạng suy ra: năm 2023 xếp 07/22, tăng 07 bậc"},
    {"unit": "baolam", "year": 2023, "framework": "caoloc-2023", "status": "published",
     "total": {"self": 89.6, "points": 80.06, "provenance": "published"},
     "ranks": [{"group": "caoloc-communes", "scope": "total", "rank": 7, "of": 22, "provenance": "published"}],
     "nodes": bl_nodes, "note": src003},
]
cl_totals = [8120 + 95 * i + rng.randint(0, 40) for i in range(6)] + [6400 + 105 * i + rng.randint(0, 50)
                                                                         for i in range(15)]
for i, t in enumerate(cl_totals):
    cl_assessments.append({"unit": f"cl-mau-{i + 1:03d}", "year": 2023, "framework": "caoloc-2023",
                           "status": "published", "total": {"points": num(D(t) / 100), "provenance": "demo"},
                           "note": "Đơn vị mẫu: tổng điểm bịa ra để xếp hạng đúng như kết quả công bố"})
cl_groups = [{"code": "caoloc-communes", "name": "Các xã, thị trấn huyện Cao Lộc", "year": 2023,
              "framework": "caoloc-2023", "members": ["baolam"] + [f"cl-mau-{i:03d}" for i in range(1, 22)]}]
dump("20_caoloc.json", {"units": cl_units, "frameworks": [caoloc_framework], "groups": cl_groups,
                        "assessments": cl_assessments})

# ---------------------------------------------------------------- seed 001 (a commune of Thừa Thiên Huế)
s1_framework = {
    "code": "seed001-2023", "title": "Bộ tiêu chí đánh giá, xếp loại CCHC UBND các xã, phường, thị trấn của tỉnh năm 2023",
    "version": "2023", "decision": "Kết quả công bố tại Quyết định số 1074/QĐ-UBND ngày 22/11/2023 của UBND tỉnh",
    "previous": None, "max": 100, "display_decimals": 3, "bands": DEMO_BANDS, "nodes": []}
s1_units = [
    {"code": "thuathienhue", "name": "Tỉnh Thừa Thiên Huế", "type": "province"},
    {"code": "seed001-huyen", "name": "Huyện của xã trong kế hoạch 001 (kế hoạch không nêu tên)", "type": "district",
     "parent": "thuathienhue", "valid_to": 2025},
    {"code": "seed001", "name": "Xã trong kế hoạch 001 (kế hoạch không nêu tên)", "type": "commune",
     "parent": "seed001-huyen", "departments": DEPARTMENTS[:4]},
]
for i in range(1, 141):
    s1_units.append({"code": f"tt-mau-{i:03d}", "name": f"Xã mẫu {100 + i:03d}", "type": "commune",
                     "parent": "seed001-huyen" if i <= 11 else "thuathienhue", "demo": True})
# Province: 14 above 91.989, 126 below. District (12 units): tt-mau-001 above, 002..011 below.
s1_totals = {}
above = [92050 + 410 * k + rng.randint(0, 300) for k in range(14)]
below = [60000 + 240 * k + rng.randint(0, 200) for k in range(126)]
s1_totals["tt-mau-001"] = above[0]
for k, code in enumerate([f"tt-mau-{i:03d}" for i in range(12, 25)]):
    s1_totals[code] = above[k + 1]
rest_codes = [f"tt-mau-{i:03d}" for i in range(2, 12)] + [f"tt-mau-{i:03d}" for i in range(25, 141)]
for code, t in zip(rest_codes, below):
    s1_totals[code] = t
src001 = "Seed 001: Kế hoạch duy trì và nâng cao PAR INDEX và SIPAS năm 2024; QĐ 1074/QĐ-UBND ngày 22/11/2023"
s1_assessments = [
    {"unit": "seed001", "year": 2022, "framework": None, "status": "published",
     "total": {"points": 80.496, "max": 100, "provenance": "derived"},
     "ranks": [{"group": "seed001-province", "scope": "total", "rank": 41, "of": 141, "provenance": "derived"},
               {"group": "seed001-district", "scope": "total", "rank": 11, "of": 0, "provenance": "derived"}],
     "note": "Suy ra: 91,989 − 11,493; tăng 26 bậc trong tỉnh, tăng 9 bậc trong huyện"},
    {"unit": "seed001", "year": 2023, "framework": "seed001-2023", "status": "published",
     "total": {"points": 91.989, "change": 11.493, "provenance": "published"},
     "ranks": [{"group": "seed001-province", "scope": "total", "rank": 15, "of": 141, "provenance": "published"},
               {"group": "seed001-district", "scope": "total", "rank": 2, "of": 0, "provenance": "published"}],
     "note": src001},
]
for code in sorted(s1_totals):
    s1_assessments.append({"unit": code, "year": 2023, "framework": "seed001-2023", "status": "published",
                           "total": {"points": num(D(s1_totals[code]) / 1000), "provenance": "demo"},
                           "note": "Đơn vị mẫu: tổng điểm bịa ra để xếp hạng đúng như kết quả công bố"})
s1_groups = [
    {"code": "seed001-province", "name": "Các xã, phường, thị trấn của tỉnh (kế hoạch 001)", "year": 2023,
     "framework": "seed001-2023", "members": ["seed001"] + [f"tt-mau-{i:03d}" for i in range(1, 141)]},
    {"code": "seed001-district", "name": "Các xã, thị trấn của huyện (kế hoạch 001; quy mô nhóm là thiết lập mẫu)",
     "year": 2023, "framework": "seed001-2023", "members": ["seed001"] + [f"tt-mau-{i:03d}" for i in range(1, 12)]},
]
dump("30_seed001.json", {"units": s1_units, "frameworks": [s1_framework], "groups": s1_groups,
                         "assessments": s1_assessments})
