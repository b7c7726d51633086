#include "app/render.hpp"

#include <ostream>

#include "app/text_table.hpp"
#include "formats/results_json.hpp"

namespace parindex {
namespace {

const char* L(Language language, const char* vi, const char* en) { return language == Language::kEnglish ? en : vi; }

std::string ShowIndex(const std::optional<Decimal>& value, int decimals, Language language) {
    if (!value) return "–";
    return language == Language::kEnglish ? value->ToFixed(decimals) : value->ToVietnamese(decimals);
}

std::string ShowRankChange(const std::optional<int>& change, Language language) {
    if (!change) return "–";
    if (*change > 0) return std::string(L(language, "tăng ", "up ")) + std::to_string(*change);
    if (*change < 0) return std::string(L(language, "giảm ", "down ")) + std::to_string(-*change);
    return L(language, "giữ nguyên", "same");
}

std::string ShowRank(const RankResult& rank, Language language) {
    if (rank.excluded) return L(language, "không xếp hạng", "not ranked");
    if (!rank.rank) return "–";
    std::string text = std::to_string(*rank.rank);
    if (rank.of > 0) text += "/" + std::to_string(rank.of);
    return text;
}

std::string ShowPointsOfMax(const std::optional<Decimal>& points, const std::optional<Decimal>& max,
                            Language language) {
    return ShowNumber(points, language) + "/" + ShowNumber(max, language);
}

}  // namespace

std::string ShowNumber(const std::optional<Decimal>& value, Language language) {
    if (!value) return "–";
    std::string text = value->ToString();
    if (language == Language::kVietnamese) {
        for (char& c : text) {
            if (c == '.') c = ',';
        }
    }
    return text;
}

std::string ShowChange(const std::optional<Decimal>& value, ChangeStatus status, Language language) {
    if (status == ChangeStatus::kNotComparable) return L(language, "không so sánh được", "not comparable");
    if (!value) return "–";
    std::string text = ShowNumber(value, language);
    if (*value > Decimal()) text = "+" + text;
    return text;
}

std::string RenderResults(const UnitResult& r, Language lang) {
    const int d = r.display_decimals;
    std::string out;
    out += std::string(L(lang, "KẾT QUẢ CHỈ SỐ CCHC ", "PAR INDEX RESULTS ")) + std::to_string(r.year) + " – " +
           r.unit_name + " (" + r.unit_code + ")\n";
    if (!r.framework_code.empty()) out += std::string(L(lang, "Bộ chỉ số: ", "Framework: ")) + r.framework_code + "\n";
    out += std::string(L(lang, "Điểm: ", "Points: ")) + ShowPointsOfMax(r.points, r.max, lang);
    out += std::string(L(lang, "   Chỉ số: ", "   Index: ")) + ShowIndex(r.index, d, lang) + "%";
    if (r.self) out += std::string(L(lang, "   Tự chấm: ", "   Self score: ")) + ShowNumber(r.self, lang);
    out += "\n";
    out += std::string(L(lang, "Xếp loại: ", "Band: ")) + (r.band ? r.band->name : std::string("–"));
    if (r.band && r.band->demo) out += L(lang, " (ngưỡng là thiết lập mẫu)", " (demo thresholds)");
    out += std::string(L(lang, "   Tăng/giảm so với năm trước: ", "   Change against last year: ")) +
           ShowChange(r.change, r.change_status, lang) + "\n";
    if (!r.ranks.empty()) {
        out += std::string("\n") + L(lang, "Xếp hạng", "Ranks") + "\n";
        TextTable table({L(lang, "Nhóm", "Group"), L(lang, "Thứ hạng", "Rank"), L(lang, "Năm trước", "Last year"),
                         L(lang, "Thay đổi", "Change")},
                        {false, true, true, false});
        for (const RankResult& rank : r.ranks) {
            table.AddRow({rank.group_name.empty() ? rank.group_code : rank.group_name, ShowRank(rank, lang),
                          rank.previous_rank ? std::to_string(*rank.previous_rank) : "–",
                          ShowRankChange(rank.change, lang)});
        }
        out += table.Render(70);
    }
    if (!r.parts.empty()) {
        out += std::string("\n") + L(lang, "Theo phần điểm", "By part") + "\n";
        TextTable table({L(lang, "Phần", "Part"), L(lang, "Điểm/Tối đa", "Points/Max"), L(lang, "Chỉ số %", "Index %"),
                         L(lang, "Thứ hạng", "Rank")},
                        {false, true, true, true});
        for (const NodeResult& part : r.parts) {
            table.AddRow({part.title, ShowPointsOfMax(part.points, part.max, lang), ShowIndex(part.index, d, lang),
                          part.ranks.empty() ? "–" : ShowRank(part.ranks.front(), lang)});
        }
        out += table.Render();
    }
    if (!r.areas.empty()) {
        out += std::string("\n") + L(lang, "Theo lĩnh vực", "By area") + "\n";
        TextTable table({"TT", L(lang, "Nội dung", "Area"), L(lang, "Điểm/Tối đa", "Points/Max"),
                         L(lang, "Chỉ số %", "Index %"), L(lang, "Tăng/giảm", "Change"), L(lang, "Hạng", "Rank")},
                        {false, false, true, true, true, true});
        for (const NodeResult& area : r.areas) {
            table.AddRow({area.code, area.title, ShowPointsOfMax(area.points, area.max, lang),
                          ShowIndex(area.index, d, lang), ShowChange(area.change, area.change_status, lang),
                          area.ranks.empty() ? "" : ShowRank(area.ranks.front(), lang)});
        }
        out += table.Render(48);
    }
    if (r.trend.size() > 1) {
        out += std::string("\n") + L(lang, "Xu hướng 3 năm", "Three-year trend") + "\n";
        TextTable table({L(lang, "Năm", "Year"), L(lang, "Điểm/Tối đa", "Points/Max"), L(lang, "Chỉ số %", "Index %"),
                         L(lang, "Thứ hạng", "Rank")},
                        {false, true, true, true});
        for (const TrendPoint& point : r.trend) {
            table.AddRow({std::to_string(point.year), ShowPointsOfMax(point.points, point.max, lang),
                          ShowIndex(point.index, d, lang),
                          point.ranks.empty() ? "–" : ShowRank(point.ranks.front(), lang)});
        }
        out += table.Render();
    }
    if (!r.lost_points.empty()) {
        out += std::string("\n") + L(lang, "Các tiêu chí bị trừ điểm", "Lost points") + "\n";
        TextTable table(
            {"TT", L(lang, "Tiêu chí", "Criterion"), L(lang, "Điểm thẩm định", "Appraised"), L(lang, "Bị trừ", "Lost"),
             L(lang, "Nguyên nhân", "Cause"), L(lang, "Trách nhiệm tham mưu", "Responsible")},
            {true, false, true, true, false, false});
        int n = 0;
        for (const LostPoint& lost : r.lost_points) {
            table.AddRow({std::to_string(++n), lost.code + ". " + lost.title,
                          ShowPointsOfMax(lost.points, lost.max, lang), ShowNumber(lost.lost, lang), lost.cause,
                          lost.responsible});
        }
        out += table.Render(40);
    }
    if (!r.gaps.empty()) {
        out += std::string("\n") + L(lang, "Chênh lệch tự chấm – thẩm định", "Self against appraised") + "\n";
        TextTable table({L(lang, "Mã", "Code"), L(lang, "Nội dung", "Title"), L(lang, "Tự chấm", "Self"),
                         L(lang, "Thẩm định", "Appraised"), L(lang, "Chênh lệch", "Gap")},
                        {false, false, true, true, true});
        for (const ScoreGap& gap : r.gaps) {
            table.AddRow({gap.code, gap.title, ShowNumber(gap.self, lang), ShowNumber(gap.appraised, lang),
                          ShowNumber(gap.gap, lang)});
        }
        out += table.Render(48);
    }
    auto notes = [&](const char* heading_vi, const char* heading_en, const std::vector<AreaNote>& list) {
        if (list.empty()) return;
        out += std::string("\n") + L(lang, heading_vi, heading_en) + "\n";
        for (const AreaNote& note : list) {
            out += "- " + note.code + ". " + note.title + ": ";
            if (note.kind == "at_max") {
                out += std::string(L(lang, "đạt điểm tối đa ", "at maximum ")) +
                       ShowPointsOfMax(note.points, note.max, lang);
            } else {
                std::optional<Decimal> size = note.change;
                if (size && *size < Decimal()) size = -*size;
                out += std::string(note.kind == "up" ? L(lang, "tăng ", "up ") : L(lang, "giảm ", "down ")) +
                       ShowNumber(size, lang) + L(lang, " điểm", " points");
            }
            out += "\n";
        }
    };
    notes("Ưu điểm", "Strengths", r.strengths);
    notes("Hạn chế", "Weaknesses", r.weaknesses);
    return out;
}

std::string RenderRanking(const GroupRanking& g, Language lang) {
    const int d = g.display_decimals;
    std::string out = std::string(L(lang, "XẾP HẠNG ", "RANKING ")) + std::to_string(g.year) + " – " +
                      (g.group_name.empty() ? g.group_code : g.group_name) + " (" + g.group_code + ")\n";
    TextTable table({L(lang, "Hạng", "Rank"), L(lang, "Mã", "Code"), L(lang, "Đơn vị", "Unit"),
                     L(lang, "Điểm", "Points"), L(lang, "Chỉ số %", "Index %"), L(lang, "Xếp loại", "Band"),
                     L(lang, "Năm trước", "Last year"), L(lang, "Thay đổi", "Change")},
                    {true, false, false, true, true, false, true, false});
    bool any_demo = false;
    for (const RankingRow& row : g.rows) {
        std::string name = row.unit_name;
        if (row.demo) {
            name += " *";
            any_demo = true;
        }
        table.AddRow({row.excluded ? L(lang, "KXH", "n/r") : (row.rank ? std::to_string(*row.rank) : "–"),
                      row.unit_code, name, ShowNumber(row.points, lang), ShowIndex(row.index, d, lang),
                      row.band ? row.band->name : "–", row.previous_rank ? std::to_string(*row.previous_rank) : "–",
                      ShowRankChange(row.change, lang)});
    }
    out += table.Render();
    out += std::string(L(lang, "Quy tắc đồng hạng: ", "Tie rule: ")) +
           (lang == Language::kEnglish ? "equal indices share a rank and the next rank is skipped (1, 2, 2, 4)."
                                       : g.tie_rule) +
           "\n";
    if (any_demo)
        out += L(lang, "* đơn vị mẫu (dữ liệu mẫu, không phải số liệu thật)\n",
                 "* demo unit (invented demo data, not real figures)\n");
    return out;
}

std::string RenderFindings(int year, const std::vector<Finding>& findings, Language lang) {
    std::string out =
        std::string(L(lang, "KIỂM TRA TÍNH NHẤT QUÁN NĂM ", "CONSISTENCY CHECK ")) + std::to_string(year) + "\n";
    if (findings.empty()) {
        out += L(lang, "Không phát hiện số liệu công bố nào không khớp.\n", "Every published figure adds up.\n");
        return out;
    }
    out += std::string(L(lang, "Số liệu công bố không khớp: ", "Published figures that do not add up: ")) +
           std::to_string(findings.size()) + "\n";
    int n = 0;
    for (const Finding& f : findings) {
        out += std::to_string(++n) + ". [" + f.unit_code + " " + std::to_string(f.year) + ", " + f.node_code + ", " +
               f.kind + "] " + f.message.In(lang) + "\n";
    }
    return out;
}

int PrintFailure(std::ostream& out, const Error& error, Language language, bool json) {
    if (json) {
        out << ErrorToJson(error, language);
        return 1;
    }
    const bool en = language == Language::kEnglish;
    out << (en ? "Error: " : "Lỗi: ") << error.message.In(language) << "\n";
    for (const ErrorDetail& d : error.details) {
        std::string where = d.file;
        if (d.line) where += (where.empty() ? "" : ":") + std::string(en ? "line " : "dòng ") + std::to_string(*d.line);
        if (d.column) where += std::string(en ? ", column " : ", cột ") + std::to_string(*d.column);
        if (!d.path.empty()) where += (where.empty() ? "" : " ") + d.path;
        // The field, unless the JSON path already ends with it ($[1].max_apologies).
        if (!d.field.empty() && !d.path.ends_with(d.field)) where += where.empty() ? d.field : " (" + d.field + ")";
        if (!d.value.empty()) where += " = \"" + d.value + "\"";
        const std::string& reason = d.reason.In(language);
        out << "  - " << where << (reason.empty() || where.empty() ? "" : ": ") << reason << "\n";
    }
    return 1;
}

}  // namespace parindex
