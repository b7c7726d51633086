// DraftPlan: the improvement plan proposed from a unit's results, in the structure of the seeds (seed 000, La
// Khê 2024, is the model). Pure: everything it reads is in PlanInputs.
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "domain/plan_service.hpp"
#include "domain/vietnamese_text.hpp"

namespace parindex {
namespace {

/// A figure as the seeds write it: decimal comma, no trailing zeros ("6,5", "29,71", "6").
std::string Figure(const Decimal& value, int decimals) {
    std::string text = value.ToVietnamese(std::clamp(decimals, 0, 3));
    if (text.find(',') != std::string::npos) {
        while (!text.empty() && text.back() == '0') text.pop_back();
        if (!text.empty() && text.back() == ',') text.pop_back();
    }
    return text;
}

std::string Figure(const std::optional<Decimal>& value, int decimals) {
    return value ? Figure(*value, decimals) : std::string("…");
}

/// The type words a unit's name starts with.
constexpr const char* kPlaceTypes[] = {"Phường ", "Xã ",    "Thị trấn ",  "Thị xã ",
                                       "Quận ",   "Huyện ", "Thành phố ", "Tỉnh "};

/// The name without its type word: "Phường La Khê" → "La Khê" (the place line of the header).
std::string PlaceOf(const std::string& name) {
    for (const char* type : kPlaceTypes) {
        const std::string prefix = type;
        if (name.size() > prefix.size() && name.compare(0, prefix.size(), prefix) == 0) {
            return name.substr(prefix.size());
        }
    }
    return name;
}

bool IsDepartmentOf(const Unit& unit, const std::string& code) {
    return !code.empty() && std::any_of(unit.departments.begin(), unit.departments.end(),
                                        [&](const Department& d) { return d.code == code; });
}

/// The department a `responsible` text names, by folded name: the whole name ("Tư pháp – Hộ tịch") or one of
/// its parts between dashes ("Bộ phận tư pháp" → Tư pháp – Hộ tịch); the longest match wins. "" when none.
std::string MatchDepartment(const Unit& unit, const std::string& responsible) {
    const std::string text = " " + FoldVietnamese(responsible) + " ";
    if (text.size() <= 2) return "";
    std::string best;
    std::size_t best_length = 0;
    for (const Department& department : unit.departments) {
        std::vector<std::string> names = {FoldVietnamese(department.name)};
        // The parts of a compound name: split at dashes, slashes and commas.
        std::string raw = department.name;
        for (const char* dash : {"–", "—", "-", "/", ","}) {
            std::size_t at = 0;
            while ((at = raw.find(dash, at)) != std::string::npos) raw.replace(at, std::string(dash).size(), "|");
        }
        std::size_t start = 0;
        while (start <= raw.size()) {
            const std::size_t bar = raw.find('|', start);
            const std::string piece = FoldVietnamese(raw.substr(start, bar == std::string::npos ? bar : bar - start));
            if (!piece.empty() && piece.find(' ') != std::string::npos) names.push_back(piece);
            if (bar == std::string::npos) break;
            start = bar + 1;
        }
        for (const std::string& name : names) {
            if (name.empty()) continue;
            if (text.find(" " + name + " ") != std::string::npos && name.size() > best_length) {
                best = department.code;
                best_length = name.size();
            }
        }
    }
    return best;
}

/// The coordinator's department: the one given, else the department named `Văn phòng…`.
std::string CoordinatorDepartment(const PlanInputs& inputs) {
    if (IsDepartmentOf(inputs.unit, inputs.coordinator_department)) return inputs.coordinator_department;
    for (const Department& department : inputs.unit.departments) {
        if (FoldVietnamese(department.name).rfind("van phong", 0) == 0) return department.code;
    }
    return "";
}

/// Last year's task answering `code`, if any.
const PlanTask* PreviousTaskOf(const std::vector<PlanTask>& tasks, const std::string& code) {
    for (const PlanTask& task : tasks) {
        if (std::find(task.criteria.begin(), task.criteria.end(), code) != task.criteria.end()) return &task;
    }
    return nullptr;
}

std::string Quoted(const std::string& text) { return "“" + text + "”"; }

}  // namespace

PlanDraft DraftPlan(const PlanInputs& inputs, int year, const PlanSettings& settings) {
    const Unit& unit = inputs.unit;
    const UnitResult& results = inputs.results;
    const int results_year = results.year != 0 ? results.year : year - 1;
    const int decimals = results.display_decimals;
    const std::string y = std::to_string(year);
    const std::string ry = std::to_string(results_year);
    const std::string& name = unit.name;

    PlanDraft draft;
    Plan& plan = draft.plan;
    plan.unit_code = unit.code;
    plan.year = year;
    plan.results_year = results_year;
    if (inputs.parent) plan.authority = "UBND " + UpperVietnamese(inputs.parent->name);
    plan.issuer = "ỦY BAN NHÂN DÂN " + UpperVietnamese(name);
    plan.place = PlaceOf(name);
    plan.title = "Cải thiện, nâng cao Chỉ số cải cách hành chính, chỉ số hài lòng về sự phục vụ hành chính " + name +
                 " năm " + y;

    const std::string publisher = inputs.parent ? "UBND " + inputs.parent->name : "cấp có thẩm quyền";
    plan.basis = {
        "Căn cứ kết quả Chỉ số cải cách hành chính năm " + ry + " của " + name + " được " + publisher +
            " phê duyệt và công bố;",
        "Để tiếp tục duy trì, phát huy những kết quả đạt được, đồng thời cải thiện và khắc phục những tồn tại, hạn "
        "chế, UBND " +
            name + " ban hành Kế hoạch duy trì, cải thiện và nâng cao Chỉ số CCHC năm " + y + " như sau:",
    };

    std::string standing;
    if (results.index) {
        standing = " (năm " + ry + " đạt " + Figure(results.points, decimals) + "/" + Figure(results.max, decimals) +
                   " điểm, chỉ số " + Figure(results.index, decimals) + "%";
        for (const RankResult& rank : results.ranks) {
            if (rank.rank) {
                standing += ", xếp thứ " + std::to_string(*rank.rank) + "/" + std::to_string(rank.of);
                break;
            }
        }
        standing += ")";
    }
    plan.purposes = {
        "Tiếp tục đẩy mạnh thực hiện Kế hoạch cải cách hành chính nhà nước năm " + y + " của " + name +
            ", đảm bảo mục tiêu đề ra.",
        "Tiếp tục duy trì các chỉ số, chỉ số thành phần đạt kết quả cao; cải thiện, nâng cao các chỉ số, chỉ số "
        "thành phần bị trừ điểm hoặc đạt điểm thấp.",
        "Phấn đấu năm " + y + ", Chỉ số CCHC của " + name + " có sự cải thiện rõ rệt so với năm " + ry + standing + ".",
    };
    plan.requirements = {
        "Thực hiện nghiêm túc, hiệu quả Kế hoạch cải cách hành chính năm " + y + " của " + name +
            " và các văn bản chỉ đạo về duy trì, cải thiện, nâng cao Chỉ số CCHC, chỉ số hài lòng về sự phục vụ "
            "hành chính năm " +
            y + ".",
        "Các bộ phận chuyên môn phụ trách các nội dung, lĩnh vực trong Chỉ số PAR INDEX, chỉ số SIPAS của " + name +
            " đánh giá đúng kết quả thực hiện các nội dung CCHC liên quan đến lĩnh vực quản lý.",
        "Triển khai hệ thống các giải pháp, khắc phục ngay những tiêu chí, tiêu chí thành phần bị trừ điểm, nhằm "
        "cải thiện, nâng cao Chỉ số PAR INDEX, chỉ số SIPAS năm " +
            y + " của " + name + ".",
    };

    // II.3.2: the causes written in the lost-points rows, each once, with the criteria it concerns.
    std::vector<std::string> cause_order;
    std::map<std::string, std::vector<std::string>> cause_codes;
    for (const LostPoint& lost : results.lost_points) {
        std::string cause = lost.cause;
        while (!cause.empty() && (cause.back() == ' ' || cause.back() == '.')) cause.pop_back();
        if (cause.empty()) continue;
        if (cause_codes.find(cause) == cause_codes.end()) cause_order.push_back(cause);
        cause_codes[cause].push_back(lost.code);
    }
    for (const std::string& cause : cause_order) {
        std::string codes;
        for (const std::string& code : cause_codes[cause]) codes += (codes.empty() ? "" : ", ") + code;
        plan.causes.push_back(cause + " (tiêu chí " + codes + ").");
    }
    if (plan.causes.empty()) {
        plan.causes.push_back(
            "Công tác chỉ đạo điều hành đã được quan tâm nhưng một số bộ phận còn chưa tập trung thực hiện các "
            "nhiệm vụ cải cách hành chính.");
    }

    // IV: one line per weak area, naming its lost criteria.
    std::set<std::string> seen_areas;
    for (const AreaNote& weak : results.weaknesses) {
        if (!seen_areas.insert(weak.code).second) continue;
        std::string line = "Tập trung cải thiện nội dung " + Quoted(weak.title) + " (năm " + ry + " đạt " +
                           Figure(weak.points, decimals) + "/" + Figure(weak.max, decimals) + " điểm";
        if (weak.change && *weak.change < Decimal()) {
            line += ", giảm " + Figure(Decimal() - *weak.change, decimals) + " điểm so với năm " +
                    std::to_string(results_year - 1);
        }
        line += ")";
        std::string codes;
        for (const LostPoint& lost : results.lost_points) {
            if (lost.area_code == weak.code) codes += (codes.empty() ? "" : ", ") + lost.code;
        }
        if (!codes.empty()) line += "; khắc phục các tiêu chí bị trừ điểm: " + codes;
        plan.solutions.push_back(line + ".");
    }
    if (plan.solutions.empty()) {
        plan.solutions.push_back(
            "Duy trì, phát huy kết quả các nội dung đạt điểm cao; rà soát, khắc phục các tiêu chí, tiêu chí thành "
            "phần bị trừ điểm.");
    }
    plan.solutions.push_back(
        "Tăng cường công tác kiểm tra, tự kiểm tra công vụ, CCHC, kịp thời phát hiện những tồn tại, hạn chế và có "
        "biện pháp khắc phục.");

    // The tasks: one per lost-point criterion, largest loss first (the engine's order).
    const std::string coordinator = CoordinatorDepartment(inputs);
    const CivilDate deadline = CivilDate{year, std::clamp(settings.default_deadline_month, 1, 12), 1}.EndOfMonth();
    int position = 0;
    for (const LostPoint& lost : results.lost_points) {
        PlanTask task;
        task.unit_code = unit.code;
        task.year = year;
        task.position = ++position;
        task.title = "Khắc phục tiêu chí " + lost.code + " " + lost.title;
        task.criteria = {lost.code};
        task.cause = lost.cause;
        task.recurrence = Recurrence::kOnce;
        task.deadline = deadline;
        const std::string matched = MatchDepartment(unit, lost.responsible);
        if (!matched.empty()) {
            task.lead_department = matched;
        } else {
            task.lead_department = coordinator;
            if (!lost.responsible.empty()) task.cooperating.push_back(lost.responsible);
        }
        if (const PlanTask* previous = PreviousTaskOf(inputs.previous_tasks, lost.code)) {
            if (IsDepartmentOf(unit, previous->lead_department)) {
                task.lead_department = previous->lead_department;
                task.lead_user = previous->lead_user;
            }
            if (!previous->solution.empty()) task.solution = previous->solution;
            if (task.expected_output.empty()) task.expected_output = previous->expected_output;
        }
        draft.tasks.push_back(std::move(task));
    }

    // V: one section per department leading a task, in the unit's order of departments.
    std::map<std::string, std::vector<const LostPoint*>> led;
    for (std::size_t i = 0; i < draft.tasks.size(); ++i) {
        led[draft.tasks[i].lead_department].push_back(&results.lost_points[i]);
    }
    auto duty_line = [&](const LostPoint& lost) {
        std::string line = "Chủ trì tham mưu khắc phục tiêu chí " + lost.code + " " + Quoted(lost.title) + " (năm " +
                           ry + " đạt " + Figure(lost.points, decimals) + "/" + Figure(lost.max, decimals) + " điểm";
        if (!lost.cause.empty()) line += "; nguyên nhân: " + lost.cause;
        return line + ").";
    };
    for (const Department& department : unit.departments) {
        const auto found = led.find(department.code);
        const bool is_coordinator = department.code == coordinator;
        if (found == led.end() && !is_coordinator) continue;
        if (found == led.end() && is_coordinator && draft.tasks.empty()) continue;
        DepartmentDuty duty;
        duty.department_code = department.code;
        duty.heading = "Công chức " + department.name;
        if (found != led.end()) {
            for (const LostPoint* lost : found->second) duty.duties.push_back(duty_line(*lost));
        }
        if (is_coordinator) {
            duty.duties.push_back("Tham mưu UBND " + name +
                                  " theo dõi, đôn đốc các bộ phận thực hiện Kế hoạch; tổng hợp, báo cáo kết quả "
                                  "thực hiện theo quy định.");
        }
        plan.responsibilities.push_back(std::move(duty));
    }
    if (const auto unassigned = led.find(""); unassigned != led.end()) {
        DepartmentDuty duty;
        duty.heading = "Các bộ phận chuyên môn";
        for (const LostPoint* lost : unassigned->second) duty.duties.push_back(duty_line(*lost));
        plan.responsibilities.push_back(std::move(duty));
    }

    plan.closing =
        "Trên đây là Kế hoạch cải thiện, nâng cao Chỉ số CCHC, chỉ số hài lòng về sự phục vụ hành chính "
        "năm " +
        y + " của " + name + ". Yêu cầu các bộ phận nghiêm túc tổ chức triển khai thực hiện./.";
    if (inputs.parent) plan.recipients.push_back("Phòng Nội vụ " + LowerFirstLetter(inputs.parent->name) + ";");
    plan.recipients.push_back("TT Đảng ủy – UBND " + LowerFirstLetter(name) + ";");
    plan.recipients.push_back("Các bộ phận chuyên môn;");
    plan.recipients.push_back("Lưu: VT.");
    return draft;
}

}  // namespace parindex
