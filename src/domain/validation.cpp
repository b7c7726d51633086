#include "domain/validation.hpp"

#include <map>
#include <unordered_map>
#include <utility>

namespace parindex {
namespace {

ErrorDetail Detail(const SourceRef& source, std::string field, std::string value, std::string vi, std::string en) {
    ErrorDetail d;
    d.file = source.file;
    if (source.line > 0) d.line = source.line;
    d.path = source.path;
    d.field = std::move(field);
    d.value = std::move(value);
    d.reason = Text{std::move(vi), std::move(en)};
    return d;
}

bool ValidCode(const std::string& code) {
    if (code.empty()) return false;
    for (char c : code) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
        if (!ok) return false;
    }
    return true;
}

bool PlausibleYear(int year) { return year >= 1990 && year <= 2100; }

std::string Num(Decimal d) { return d.ToString(); }
// A number inside a Vietnamese sentence takes a decimal comma.
std::string NumVi(Decimal d) {
    std::string text = d.ToString();
    for (char& c : text) {
        if (c == '.') c = ',';
    }
    return text;
}

/// Follows parent links from `start`; true when they lead back to `start`.
template <class ParentOf>
bool OnCycle(const std::string& start, ParentOf parent_of, std::size_t limit) {
    std::string cur = start;
    for (std::size_t steps = 0; steps <= limit; ++steps) {
        const std::string* p = parent_of(cur);
        if (p == nullptr || p->empty()) return false;
        if (*p == start) return true;
        cur = *p;
    }
    return false;  // a cycle further up, reported at its own members
}

}  // namespace

std::vector<ErrorDetail> ValidateFramework(const Framework& fw, const KnownCodes& known) {
    std::vector<ErrorDetail> out;
    if (fw.code.empty())
        out.push_back(Detail(fw.source, "code", "", "mã bộ chỉ số không được để trống", "the framework code is empty"));
    if (!fw.previous_code.empty() && known.frameworks.count(fw.previous_code) == 0)
        out.push_back(Detail(fw.source, "previous_code", fw.previous_code,
                             "phiên bản trước \"" + fw.previous_code + "\" không tồn tại",
                             "the previous version \"" + fw.previous_code + "\" does not exist"));
    if (fw.max && *fw.max < Decimal())
        out.push_back(Detail(fw.source, "max", Num(*fw.max), "điểm tối đa không được âm", "the maximum is negative"));
    if (fw.display_decimals < 0 || fw.display_decimals > 3)
        out.push_back(Detail(fw.source, "display_decimals", std::to_string(fw.display_decimals),
                             "số chữ số thập phân phải từ 0 đến 3", "display decimals must be between 0 and 3"));

    // Bands.
    std::map<std::string, int> band_codes;
    for (const auto& b : fw.bands) {
        if (b.min_index < Decimal() || b.min_index > Decimal::FromInt(100))
            out.push_back(Detail(fw.source, "min_index", Num(b.min_index),
                                 "ngưỡng xếp loại \"" + b.code + "\" phải nằm trong khoảng 0–100",
                                 "the threshold of band \"" + b.code + "\" must be between 0 and 100"));
        if (++band_codes[b.code] == 2)
            out.push_back(Detail(fw.source, "code", b.code, "mã xếp loại \"" + b.code + "\" bị trùng",
                                 "band code \"" + b.code + "\" is duplicated"));
    }

    // Nodes: codes, parents, cycles, maxima.
    std::unordered_map<std::string, const FrameworkNode*> by_code;
    for (const auto& n : fw.nodes) {
        if (n.code.empty()) {
            out.push_back(Detail(n.source, "code", "", "mã tiêu chí không được để trống", "the node code is empty"));
            continue;
        }
        if (!by_code.emplace(n.code, &n).second)
            out.push_back(Detail(n.source, "code", n.code, "mã tiêu chí \"" + n.code + "\" bị trùng",
                                 "node code \"" + n.code + "\" is duplicated"));
    }
    for (const auto& n : fw.nodes) {
        if (!n.parent_code.empty() && by_code.count(n.parent_code) == 0)
            out.push_back(Detail(n.source, "parent_code", n.parent_code,
                                 "tiêu chí cha \"" + n.parent_code + "\" không có trong bộ chỉ số",
                                 "parent \"" + n.parent_code + "\" is not in the framework"));
        if (n.max && *n.max < Decimal())
            out.push_back(Detail(n.source, "max", Num(*n.max), "điểm tối đa không được âm", "the maximum is negative"));
    }
    auto parent_of = [&](const std::string& code) -> const std::string* {
        auto it = by_code.find(code);
        return it == by_code.end() ? nullptr : &it->second->parent_code;
    };
    for (const auto& n : fw.nodes) {
        if (n.code.empty() || by_code.at(n.code) != &n) continue;
        if (n.parent_code == n.code || OnCycle(n.code, parent_of, fw.nodes.size()))
            out.push_back(Detail(n.source, "parent_code", n.parent_code,
                                 "quan hệ cha – con của tiêu chí \"" + n.code + "\" tạo thành vòng lặp",
                                 "the parent of node \"" + n.code + "\" leads back to itself (a cycle)"));
    }
    // Children's maxima add up to the parent's (less a declared difference).
    std::map<std::string, std::vector<const FrameworkNode*>> kids;
    for (const auto& n : fw.nodes)
        if (!n.parent_code.empty()) kids[n.parent_code].push_back(&n);
    for (const auto& n : fw.nodes) {
        auto it = kids.find(n.code);
        if (it == kids.end() || !n.max || by_code.at(n.code) != &n) continue;
        Decimal sum;
        bool all = true;
        for (const auto* k : it->second) {
            if (!k->max)
                all = false;
            else
                sum += *k->max;
        }
        if (!all) continue;
        const Decimal diff = n.declared_difference ? *n.declared_difference : Decimal();
        if (sum != *n.max - diff) {
            std::string vi = "điểm tối đa " + NumVi(*n.max) + " của \"" + n.code +
                             "\" khác tổng điểm tối đa các tiêu chí con " + NumVi(sum);
            std::string en = "the maximum " + Num(*n.max) + " of \"" + n.code +
                             "\" differs from the sum of its children's maxima, " + Num(sum);
            if (n.declared_difference) {
                vi += " cộng chênh lệch đã khai báo " + NumVi(diff);
                en += ", plus the declared difference " + Num(diff);
            }
            out.push_back(Detail(n.source, "max", Num(*n.max), vi, en));
        }
    }
    // The framework's total against its areas.
    if (fw.max) {
        Decimal sum;
        bool all = true, any = false;
        for (const auto& n : fw.nodes) {
            if (!n.parent_code.empty()) continue;
            any = true;
            if (!n.max)
                all = false;
            else
                sum += *n.max;
        }
        if (any && all && sum != *fw.max)
            out.push_back(Detail(
                fw.source, "max", Num(*fw.max),
                "điểm tối đa " + NumVi(*fw.max) + " của bộ chỉ số khác tổng điểm tối đa các lĩnh vực " + NumVi(sum),
                "the framework maximum " + Num(*fw.max) + " differs from the sum of the areas' maxima, " + Num(sum)));
    }
    return out;
}

std::vector<ErrorDetail> ValidateUnits(const std::vector<Unit>& units, const KnownCodes& known) {
    std::vector<ErrorDetail> out;
    std::unordered_map<std::string, const Unit*> by_code;
    for (const auto& u : units) {
        if (!ValidCode(u.code))
            out.push_back(Detail(u.source, "code", u.code,
                                 "mã đơn vị chỉ gồm chữ thường không dấu, chữ số, \"-\" và \"_\"",
                                 "a unit code may hold only lowercase letters a-z, digits, \"-\" and \"_\""));
        if (u.name.empty())
            out.push_back(Detail(u.source, "name", "", "tên đơn vị không được để trống", "the unit name is empty"));
        if (!u.code.empty() && !by_code.emplace(u.code, &u).second)
            out.push_back(Detail(u.source, "code", u.code, "mã đơn vị \"" + u.code + "\" bị trùng",
                                 "unit code \"" + u.code + "\" is duplicated"));
    }
    auto exists = [&](const std::string& code) { return by_code.count(code) != 0 || known.units.count(code) != 0; };
    auto parent_of = [&](const std::string& code) -> const std::string* {
        auto it = by_code.find(code);
        return it == by_code.end() ? nullptr : &it->second->parent_code;
    };
    for (const auto& u : units) {
        if (!u.parent_code.empty() && !exists(u.parent_code))
            out.push_back(Detail(u.source, "parent_code", u.parent_code,
                                 "đơn vị cấp trên \"" + u.parent_code + "\" không tồn tại",
                                 "parent unit \"" + u.parent_code + "\" does not exist"));
        else if (!u.code.empty() && by_code.at(u.code) == &u &&
                 (u.parent_code == u.code || OnCycle(u.code, parent_of, units.size())))
            out.push_back(Detail(u.source, "parent_code", u.parent_code,
                                 "quan hệ cấp trên của đơn vị \"" + u.code + "\" tạo thành vòng lặp",
                                 "the parent of unit \"" + u.code + "\" leads back to itself (a cycle)"));
        if (u.valid_from && u.valid_to && *u.valid_from > *u.valid_to)
            out.push_back(Detail(
                u.source, "valid_to", std::to_string(*u.valid_to),
                "năm kết thúc " + std::to_string(*u.valid_to) + " trước năm bắt đầu " + std::to_string(*u.valid_from),
                "the last year " + std::to_string(*u.valid_to) + " is before the first year " +
                    std::to_string(*u.valid_from)));
        if (!u.successor_code.empty() && !exists(u.successor_code))
            out.push_back(Detail(u.source, "successor_code", u.successor_code,
                                 "đơn vị kế thừa \"" + u.successor_code + "\" không tồn tại",
                                 "successor unit \"" + u.successor_code + "\" does not exist"));
    }
    return out;
}

std::vector<ErrorDetail> ValidatePeerGroup(const PeerGroup& group, const KnownCodes& known) {
    std::vector<ErrorDetail> out;
    if (!ValidCode(group.code))
        out.push_back(Detail(group.source, "code", group.code,
                             "mã nhóm chỉ gồm chữ thường không dấu, chữ số, \"-\" và \"_\"",
                             "a group code may hold only lowercase letters a-z, digits, \"-\" and \"_\""));
    if (!PlausibleYear(group.year))
        out.push_back(Detail(group.source, "year", std::to_string(group.year), "năm phải nằm trong khoảng 1990–2100",
                             "the year must be between 1990 and 2100"));
    if (!group.framework_code.empty() && known.frameworks.count(group.framework_code) == 0)
        out.push_back(Detail(group.source, "framework_code", group.framework_code,
                             "bộ chỉ số \"" + group.framework_code + "\" không tồn tại",
                             "framework \"" + group.framework_code + "\" does not exist"));
    std::map<std::string, int> seen;
    for (const auto& m : group.members) {
        const SourceRef& src = m.source.file.empty() && m.source.path.empty() ? group.source : m.source;
        if (known.units.count(m.unit_code) == 0)
            out.push_back(Detail(src, "unit_code", m.unit_code, "đơn vị \"" + m.unit_code + "\" không tồn tại",
                                 "unit \"" + m.unit_code + "\" does not exist"));
        if (++seen[m.unit_code] == 2)
            out.push_back(Detail(src, "unit_code", m.unit_code,
                                 "đơn vị \"" + m.unit_code + "\" có tên hai lần trong nhóm",
                                 "unit \"" + m.unit_code + "\" is listed twice in the group"));
    }
    return out;
}

std::vector<ErrorDetail> ValidateAssessment(const Assessment& a, const Framework* framework, const KnownCodes& known) {
    std::vector<ErrorDetail> out;
    if (known.units.count(a.unit_code) == 0)
        out.push_back(Detail(a.source, "unit_code", a.unit_code, "đơn vị \"" + a.unit_code + "\" không tồn tại",
                             "unit \"" + a.unit_code + "\" does not exist"));
    if (!PlausibleYear(a.year))
        out.push_back(Detail(a.source, "year", std::to_string(a.year), "năm phải nằm trong khoảng 1990–2100",
                             "the year must be between 1990 and 2100"));
    if (a.framework_code.empty() && !a.nodes.empty())
        out.push_back(Detail(a.source, "framework_code", "", "cần bộ chỉ số khi có điểm của từng tiêu chí",
                             "a framework is needed when node scores are given"));
    if (!a.framework_code.empty() && framework == nullptr && known.frameworks.count(a.framework_code) == 0)
        out.push_back(Detail(a.source, "framework_code", a.framework_code,
                             "bộ chỉ số \"" + a.framework_code + "\" không tồn tại",
                             "framework \"" + a.framework_code + "\" does not exist"));
    for (const auto* v : {&a.total_self, &a.total_points}) {
        if (*v && **v < Decimal())
            out.push_back(Detail(a.source, v == &a.total_self ? "total_self" : "total_points", Num(**v),
                                 "điểm không được âm", "the score is negative"));
    }

    std::unordered_map<std::string, const FrameworkNode*> nodes;
    if (framework != nullptr)
        for (const auto& n : framework->nodes) nodes.emplace(n.code, &n);
    std::map<std::string, int> seen;
    for (const auto& s : a.nodes) {
        const SourceRef& src = s.source.file.empty() && s.source.path.empty() ? a.source : s.source;
        if (++seen[s.code] == 2)
            out.push_back(Detail(src, "code", s.code, "tiêu chí \"" + s.code + "\" có điểm hai lần",
                                 "node \"" + s.code + "\" is scored twice"));
        const FrameworkNode* node = nullptr;
        if (framework != nullptr) {
            auto it = nodes.find(s.code);
            if (it == nodes.end()) {
                out.push_back(Detail(src, "code", s.code,
                                     "tiêu chí \"" + s.code + "\" không có trong bộ chỉ số \"" + framework->code + "\"",
                                     "node \"" + s.code + "\" is not in framework \"" + framework->code + "\""));
                continue;
            }
            node = it->second;
        }
        for (const char* field : {"self", "appraised"}) {
            const std::optional<Decimal>& v = std::string(field) == "self" ? s.self : s.appraised;
            if (!v) continue;
            const std::string which_vi = std::string(field) == "self" ? "điểm tự chấm" : "điểm thẩm định";
            const std::string which_en = std::string(field) == "self" ? "the self score" : "the appraised score";
            if (node != nullptr && node->max_only) {
                out.push_back(Detail(src, field, Num(*v),
                                     "tiêu chí \"" + s.code + "\" chỉ mang điểm tối đa, không được chấm điểm",
                                     "node \"" + s.code + "\" carries only a maximum and cannot hold a score"));
                continue;
            }
            if (*v < Decimal())
                out.push_back(Detail(src, field, Num(*v), which_vi + " không được âm", which_en + " is negative"));
            else if (node != nullptr && node->max && *v > *node->max)
                out.push_back(Detail(src, field, Num(*v),
                                     which_vi + " " + NumVi(*v) + " vượt điểm tối đa " + NumVi(*node->max) +
                                         " của tiêu chí \"" + s.code + "\"",
                                     which_en + " " + Num(*v) + " is above the maximum " + Num(*node->max) +
                                         " of node \"" + s.code + "\""));
        }
    }
    for (const auto& r : a.ranks) {
        const SourceRef& src = r.source.file.empty() && r.source.path.empty() ? a.source : r.source;
        if (r.rank < 1)
            out.push_back(Detail(src, "rank", std::to_string(r.rank), "thứ hạng phải từ 1 trở lên",
                                 "the rank must be at least 1"));
        else if (r.of > 0 && r.rank > r.of)
            out.push_back(Detail(
                src, "rank", std::to_string(r.rank),
                "thứ hạng " + std::to_string(r.rank) + " lớn hơn số đơn vị được xếp hạng " + std::to_string(r.of),
                "the rank " + std::to_string(r.rank) + " is above the number of ranked units, " +
                    std::to_string(r.of)));
        if (r.of < 0)
            out.push_back(Detail(src, "of", std::to_string(r.of), "số đơn vị được xếp hạng không được âm",
                                 "the number of ranked units is negative"));
        if (known.groups.count(r.group_code) == 0)
            out.push_back(Detail(src, "group_code", r.group_code, "nhóm \"" + r.group_code + "\" không tồn tại",
                                 "group \"" + r.group_code + "\" does not exist"));
    }
    return out;
}

}  // namespace parindex
