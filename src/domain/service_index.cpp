#include "domain/service_index.hpp"

#include <set>

namespace parindex {

Decimal ServiceIndexGroup::MaxPoints() const {
    Decimal total;
    for (const ServiceIndicatorRule& indicator : indicators) total += indicator.max_points;
    return total;
}

ServiceIndexGroup DefaultProgressResultsGroup() {
    ServiceIndexGroup group;
    ServiceIndicatorRule on_time;
    on_time.code = "dung-han";
    on_time.name = {"Tỷ lệ hồ sơ giải quyết trước hạn, đúng hạn", "Dossiers resolved early or on time"};
    on_time.measure = KpiMeasure::kOnTimeRate;
    on_time.unit_of_measure = "%";
    on_time.comparator = KpiComparator::kAtLeast;
    on_time.target = Decimal::FromInt(100);
    on_time.max_points = Decimal::FromInt(14);
    on_time.rule.method = KpiScoringMethod::kProportional;
    group.indicators.push_back(on_time);

    ServiceIndicatorRule apology;
    apology.code = "xin-loi";
    apology.name = {"Hồ sơ trễ hạn không có văn bản xin lỗi", "Late dossiers without an apology letter"};
    apology.measure = KpiMeasure::kLateWithoutApology;
    apology.unit_of_measure = "hồ sơ";
    apology.comparator = KpiComparator::kAtMost;
    apology.target = Decimal();
    apology.max_points = Decimal::FromInt(3);
    apology.rule.method = KpiScoringMethod::kFullAt;
    group.indicators.push_back(apology);

    ServiceIndicatorRule supplement;
    supplement.code = "bo-sung";
    supplement.name = {"Hồ sơ yêu cầu bổ sung từ 2 lần trở lên", "Dossiers with two or more supplement requests"};
    supplement.measure = KpiMeasure::kSupplement2Plus;
    supplement.unit_of_measure = "hồ sơ";
    supplement.comparator = KpiComparator::kAtMost;
    supplement.target = Decimal();
    supplement.max_points = Decimal::FromInt(3);
    supplement.rule.method = KpiScoringMethod::kFullAt;
    group.indicators.push_back(supplement);
    return group;
}

const ServiceIndexGroup& ServiceIndexOf(const DefinitionSet& set) {
    static const ServiceIndexGroup fallback = DefaultProgressResultsGroup();
    return set.service_index ? *set.service_index : fallback;
}

std::vector<ErrorDetail> ValidateServiceIndexGroup(const ServiceIndexGroup& group) {
    std::vector<ErrorDetail> problems;
    auto problem = [&](const std::string& field, const std::string& value, const std::string& vi,
                       const std::string& en) {
        ErrorDetail detail;
        detail.field = field;
        detail.value = value;
        detail.reason = Text{vi, en};
        problems.push_back(std::move(detail));
    };
    if (group.name.vi.empty())
        problem("name.vi", "", "Nhóm chỉ số cần tên tiếng Việt", "The group needs a Vietnamese name");
    std::set<std::string> codes;
    for (std::size_t i = 0; i < group.indicators.size(); ++i) {
        const ServiceIndicatorRule& indicator = group.indicators[i];
        const std::string at = "indicators[" + std::to_string(i) + "].";
        if (indicator.code.empty()) problem(at + "code", "", "Thiếu mã chỉ số", "The code is missing");
        if (!indicator.code.empty() && !codes.insert(indicator.code).second) {
            problem(at + "code", indicator.code, "Mã chỉ số bị lặp", "The code repeats");
        }
        if (indicator.name.vi.empty())
            problem(at + "name.vi", "", "Thiếu tên tiếng Việt", "The Vietnamese name is missing");
        if (indicator.measure == KpiMeasure::kManual) {
            problem(at + "measure", "manual", "Chỉ số của nhóm phải tính từ số liệu hồ sơ",
                    "An indicator of the group must be computed from the dossiers");
        }
        if (indicator.max_points < Decimal() || indicator.max_points > Decimal::FromInt(100)) {
            problem(at + "max_points", indicator.max_points.ToFixed(3), "Điểm tối đa phải từ 0 đến 100",
                    "The maximum must be between 0 and 100");
        }
        if (indicator.rule.floor < Decimal() || indicator.rule.floor > indicator.max_points) {
            problem(at + "floor", indicator.rule.floor.ToFixed(3), "Điểm sàn phải từ 0 đến điểm tối đa",
                    "The floor must be between 0 and the maximum");
        }
        if (indicator.rule.method == KpiScoringMethod::kThresholds) {
            if (indicator.rule.thresholds.empty()) {
                problem(at + "thresholds", "", "Cách chấm theo ngưỡng cần ít nhất một ngưỡng",
                        "The thresholds method needs at least one threshold");
            }
            for (const auto& [value, points] : indicator.rule.thresholds) {
                if (points < Decimal() || points > indicator.max_points) {
                    problem(at + "thresholds", value.ToFixed(3) + " → " + points.ToFixed(3),
                            "Điểm của ngưỡng phải từ 0 đến điểm tối đa",
                            "A threshold's points must be between 0 and the maximum");
                }
            }
        }
    }
    if (group.MaxPoints() <= Decimal()) {
        problem("indicators", std::to_string(group.indicators.size()), "Nhóm cần ít nhất một chỉ số có điểm",
                "The group needs at least one indicator with points");
    }
    return problems;
}

ServiceGroupScore ScoreServiceGroup(const ServiceIndexGroup& group, const DossierCounters& counters,
                                    const DefinitionSet& set) {
    ServiceGroupScore score;
    score.code = group.code;
    score.name = group.name;
    score.max_points = group.MaxPoints();
    score.complete = true;
    for (const ServiceIndicatorRule& indicator : group.indicators) {
        ServiceIndicatorScore item;
        item.code = indicator.code;
        item.name = indicator.name;
        item.max_points = indicator.max_points;
        item.value = DossierMeasureValue(indicator.measure, counters, set);
        const KpiSuggestion suggestion =
            SuggestScore(indicator.rule, indicator.name, indicator.unit_of_measure, indicator.comparator,
                         indicator.target, item.value, indicator.max_points);
        item.points = suggestion.points;
        item.computation = suggestion.computation;
        if (item.points) {
            score.points += *item.points;
        } else {
            score.complete = false;
        }
        score.indicators.push_back(std::move(item));
    }
    return score;
}

}  // namespace parindex
