#include "domain/kpi.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <set>

namespace parindex {

namespace {

struct MeasureInfo {
    KpiMeasure measure;
    const char* name;
    const char* counter;
    const char* vi;
    const char* en;
};

constexpr std::array<MeasureInfo, 11> kMeasures{{
    {KpiMeasure::kOnTimeRate, "on_time_rate", "on_time", "Tỷ lệ giải quyết đúng và trước hạn",
     "Resolved on time (early included)"},
    {KpiMeasure::kEarlyRate, "early_rate", "early", "Tỷ lệ giải quyết trước hạn", "Resolved early"},
    {KpiMeasure::kLateRate, "late_rate", "late", "Tỷ lệ trễ hạn", "Late rate"},
    {KpiMeasure::kOnlineFullShare, "online_full_share", "online_full", "Tỷ lệ hồ sơ trực tuyến toàn trình",
     "Fully online share"},
    {KpiMeasure::kOnlinePartialShare, "online_partial_share", "online_partial", "Tỷ lệ hồ sơ trực tuyến một phần",
     "Partly online share"},
    {KpiMeasure::kPostalShare, "postal_share", "postal", "Tỷ lệ hồ sơ qua bưu chính công ích", "Postal share"},
    {KpiMeasure::kLateWithoutApology, "late_without_apology", "late_without_apology",
     "Số hồ sơ trễ hạn không có thư xin lỗi", "Late dossiers without an apology letter"},
    {KpiMeasure::kApologyExcess, "apology_excess", "apology_excess", "Số hồ sơ xin lỗi, hẹn lại quá một lần",
     "Dossiers with more than one apology"},
    {KpiMeasure::kSupplement2Plus, "supplement_2plus", "supplement_2plus", "Số hồ sơ yêu cầu bổ sung từ hai lần",
     "Dossiers with two or more supplement requests"},
    {KpiMeasure::kAverageProcessingDays, "average_processing_days", "processed",
     "Thời gian giải quyết trung bình (ngày)", "Average processing time (days)"},
    {KpiMeasure::kManual, "manual", "", "Nhập tay (có tài liệu kiểm chứng)", "Entered by hand (with evidence)"},
}};

const MeasureInfo& InfoOf(KpiMeasure measure) {
    for (const MeasureInfo& info : kMeasures) {
        if (info.measure == measure) return info;
    }
    return kMeasures.back();
}

ErrorDetail Problem(std::string field, std::string value, std::string vi, std::string en) {
    ErrorDetail detail;
    detail.field = std::move(field);
    detail.value = std::move(value);
    detail.reason = Text{std::move(vi), std::move(en)};
    return detail;
}

bool IsKpiCode(std::string_view code) {
    if (code.empty() || code.size() > 64) return false;
    return std::all_of(code.begin(), code.end(),
                       [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'; });
}

bool IsScopeCode(std::string_view code) {
    if (code.empty() || code.size() > 64) return false;
    return std::all_of(code.begin(), code.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_' || c == '.';
    });
}

bool IsSha256Hex(std::string_view text) {
    return text.size() == 64 && std::all_of(text.begin(), text.end(),
                                            [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

bool IsPercent(const std::string& unit_of_measure) { return unit_of_measure == "%"; }

/// The shortest exact text of a decimal with a comma (Vietnamese) or a point (English).
std::string Number(Decimal value, Language language) {
    std::string text = value.ToString();
    if (language == Language::kVietnamese) std::replace(text.begin(), text.end(), '.', ',');
    return text;
}

void CheckValue(std::vector<ErrorDetail>& problems, const std::string& field, Decimal value,
                const std::string& unit_of_measure) {
    if (value < Decimal()) {
        problems.push_back(
            Problem(field, value.ToString(), "Giá trị không được âm.", "The value must not be negative."));
    } else if (IsPercent(unit_of_measure) && value > Decimal::FromInt(100)) {
        problems.push_back(Problem(field, value.ToString(), "Tỷ lệ phần trăm phải từ 0 đến 100.",
                                   "A percentage must be between 0 and 100."));
    }
}

void CheckScope(std::vector<ErrorDetail>& problems, const std::string& prefix, const KpiScope& scope) {
    const std::array<std::pair<const char*, const std::optional<std::string>*>, 3> parts{{
        {"field", &scope.field},
        {"department", &scope.department},
        {"procedure", &scope.procedure},
    }};
    for (const auto& [name, value] : parts) {
        if (*value && !IsScopeCode(**value)) {
            problems.push_back(Problem(prefix + name, **value,
                                       "Mã phạm vi chỉ gồm chữ, số, “-”, “_”, “.” (tối đa 64 ký tự).",
                                       "A scope code has letters, digits, “-”, “_”, “.” (at most 64 characters)."));
        }
    }
}

}  // namespace

const char* KpiMeasureName(KpiMeasure measure) { return InfoOf(measure).name; }

std::optional<KpiMeasure> ParseKpiMeasure(std::string_view name) {
    for (const MeasureInfo& info : kMeasures) {
        if (name == info.name) return info.measure;
    }
    return std::nullopt;
}

std::vector<KpiMeasure> AllKpiMeasures() {
    std::vector<KpiMeasure> all;
    all.reserve(kMeasures.size());
    for (const MeasureInfo& info : kMeasures) all.push_back(info.measure);
    return all;
}

Text KpiMeasureLabel(KpiMeasure measure) { return Text{InfoOf(measure).vi, InfoOf(measure).en}; }

const char* KpiMeasureCounter(KpiMeasure measure) { return InfoOf(measure).counter; }

const char* KpiComparatorName(KpiComparator comparator) {
    switch (comparator) {
        case KpiComparator::kAtLeast:
            return ">=";
        case KpiComparator::kAtMost:
            return "<=";
        case KpiComparator::kEqual:
            return "=";
    }
    return ">=";
}

const char* KpiComparatorSign(KpiComparator comparator) {
    switch (comparator) {
        case KpiComparator::kAtLeast:
            return "≥";
        case KpiComparator::kAtMost:
            return "≤";
        case KpiComparator::kEqual:
            return "=";
    }
    return "≥";
}

std::optional<KpiComparator> ParseKpiComparator(std::string_view text) {
    if (text == ">=" || text == "≥") return KpiComparator::kAtLeast;
    if (text == "<=" || text == "≤") return KpiComparator::kAtMost;
    if (text == "=" || text == "==") return KpiComparator::kEqual;
    return std::nullopt;
}

std::vector<ErrorDetail> ValidateKpiIndicator(const KpiIndicator& indicator) {
    std::vector<ErrorDetail> problems;
    if (!IsKpiCode(indicator.code)) {
        problems.push_back(Problem("code", indicator.code,
                                   "Mã chỉ tiêu gồm chữ thường không dấu, số, “-”, “_” (1 đến 64 ký tự).",
                                   "An indicator code has lowercase letters, digits, “-”, “_” (1 to 64 characters)."));
    }
    if (indicator.version < 1) {
        problems.push_back(Problem("version", std::to_string(indicator.version), "Phiên bản phải từ 1 trở lên.",
                                   "The version must be 1 or more."));
    }
    if (indicator.name.vi.empty()) {
        problems.push_back(
            Problem("name", "", "Hãy nhập tên chỉ tiêu bằng tiếng Việt.", "Enter the indicator's Vietnamese name."));
    }
    if (indicator.unit_of_measure.empty() || indicator.unit_of_measure.size() > 32) {
        problems.push_back(Problem("unit_of_measure", indicator.unit_of_measure,
                                   "Hãy nhập đơn vị tính (%, hồ sơ, bài, lượt…; tối đa 32 ký tự).",
                                   "Enter the unit of measure (%, dossiers, posts…; at most 32 characters)."));
    }
    CheckValue(problems, "value", indicator.value, indicator.unit_of_measure);
    if (indicator.amber_margin < Decimal()) {
        problems.push_back(Problem("amber_margin", indicator.amber_margin.ToString(),
                                   "Biên độ “gần đạt” không được âm.", "The amber margin must not be negative."));
    }
    CheckScope(problems, "scope.", indicator.scope);
    return problems;
}

KpiTarget DefaultTarget(const KpiIndicator& indicator, const std::string& unit, int year) {
    KpiTarget target;
    target.unit = unit;
    target.year = year;
    target.kpi = indicator.code;
    target.comparator = indicator.comparator;
    target.value = indicator.value;
    target.scope = indicator.scope;
    return target;
}

std::vector<ErrorDetail> ValidateKpiTarget(const KpiTarget& target, const KpiIndicator& indicator) {
    std::vector<ErrorDetail> problems;
    if (target.year < 2000 || target.year > 2100) {
        problems.push_back(Problem("year", std::to_string(target.year), "Năm phải từ 2000 đến 2100.",
                                   "The year must be between 2000 and 2100."));
    }
    CheckValue(problems, "value", target.value, indicator.unit_of_measure);
    CheckScope(problems, "scope.", target.scope);
    if (target.note.size() > 2000) {
        problems.push_back(
            Problem("note", "", "Ghi chú tối đa 2.000 ký tự.", "The note has at most 2,000 characters."));
    }
    return problems;
}

std::vector<ErrorDetail> ValidateKpiManualActual(const KpiManualActual& actual, const KpiIndicator& indicator) {
    std::vector<ErrorDetail> problems;
    CheckValue(problems, "value", actual.value, indicator.unit_of_measure);
    if (actual.date.year < actual.year || actual.date.year > actual.year + 1) {
        problems.push_back(Problem("date", actual.date.Vietnamese(),
                                   "Ngày số liệu phải trong năm " + std::to_string(actual.year) + " hoặc năm sau.",
                                   "The date must be in " + std::to_string(actual.year) + " or the next year."));
    }
    for (std::size_t i = 0; i < actual.evidence.size(); ++i) {
        if (!IsSha256Hex(actual.evidence[i])) {
            problems.push_back(Problem("evidence[" + std::to_string(i) + "]", actual.evidence[i],
                                       "Tài liệu kiểm chứng phải là mã sha256 của một tệp đã tải lên.",
                                       "Evidence must be the sha256 of an uploaded file."));
        }
    }
    if (actual.note.size() > 2000) {
        problems.push_back(
            Problem("note", "", "Ghi chú tối đa 2.000 ký tự.", "The note has at most 2,000 characters."));
    }
    return problems;
}

const KpiManualActual* LatestManualActual(const std::vector<KpiManualActual>& actuals, const std::string& unit,
                                          int year, const std::string& kpi) {
    const KpiManualActual* latest = nullptr;
    for (const KpiManualActual& actual : actuals) {
        if (actual.unit != unit || actual.year != year || actual.kpi != kpi) continue;
        if (latest == nullptr || actual.date.DaysSinceEpoch() > latest->date.DaysSinceEpoch() ||
            (actual.date == latest->date && actual.id > latest->id)) {
            latest = &actual;
        }
    }
    return latest;
}

std::pair<std::int64_t, std::int64_t> DossierMeasureParts(KpiMeasure measure, const DossierCounters& counters,
                                                          const DefinitionSet& set) {
    switch (measure) {
        case KpiMeasure::kOnTimeRate:
            return {set.denominator == DenominatorConvention::kDueInPeriod ? counters.due_on_time : counters.on_time,
                    TimelinessDenominator(counters, set)};
        case KpiMeasure::kEarlyRate:
            return {counters.early, set.denominator == DenominatorConvention::kDueInPeriod
                                        ? counters.processed
                                        : TimelinessDenominator(counters, set)};
        case KpiMeasure::kLateRate:
            switch (set.denominator) {
                case DenominatorConvention::kProcessedInPeriod:
                    return {counters.late, counters.processed};
                case DenominatorConvention::kDueInPeriod:
                    return {counters.due_late, counters.due_total};
                case DenominatorConvention::kToProcess:
                    return {counters.late + counters.open_overdue, counters.received_counted + counters.carried_over};
            }
            return {counters.late, counters.processed};
        case KpiMeasure::kOnlineFullShare:
            return {counters.online_full, counters.received};
        case KpiMeasure::kOnlinePartialShare:
            return {counters.online_partial, counters.received};
        case KpiMeasure::kPostalShare:
            return {counters.postal, counters.received};
        case KpiMeasure::kLateWithoutApology:
            return {counters.late_without_apology, counters.received};
        case KpiMeasure::kApologyExcess:
            return {counters.apology_excess, counters.received};
        case KpiMeasure::kSupplement2Plus:
            return {counters.supplement_2plus, counters.received};
        case KpiMeasure::kAverageProcessingDays:
            return {counters.processing_seconds_sum, counters.processed};
        case KpiMeasure::kManual:
            return {0, 0};
    }
    return {0, 0};
}

std::optional<Decimal> DossierMeasureValue(KpiMeasure measure, const DossierCounters& counters,
                                           const DefinitionSet& set) {
    const auto [numerator, denominator] = DossierMeasureParts(measure, counters, set);
    if (measure == KpiMeasure::kManual || denominator <= 0) return std::nullopt;
    switch (measure) {
        case KpiMeasure::kLateWithoutApology:
        case KpiMeasure::kApologyExcess:
        case KpiMeasure::kSupplement2Plus:
            return Decimal::FromInt(numerator);
        case KpiMeasure::kAverageProcessingDays:
            return Decimal::FromThousandths(
                DivideRoundHalfAway(numerator * Decimal::kScale, denominator * LocalTime::kSecondsPerDay));
        default:
            return PercentOf(numerator, denominator);
    }
}

std::optional<KpiActualValue> ResolveActual(const KpiIndicator& indicator, const DossierCounters* counters,
                                            const DefinitionSet& set, const KpiManualActual* manual) {
    if (indicator.measure != KpiMeasure::kManual && counters != nullptr) {
        if (auto value = DossierMeasureValue(indicator.measure, *counters, set)) {
            const auto [numerator, denominator] = DossierMeasureParts(indicator.measure, *counters, set);
            return KpiActualValue{*value, KpiActualSource::kDossiers, nullptr, numerator, denominator};
        }
    }
    if (manual != nullptr) return KpiActualValue{manual->value, KpiActualSource::kManual, manual, 0, 0};
    return std::nullopt;
}

const char* KpiStatusName(KpiStatus status) {
    switch (status) {
        case KpiStatus::kMet:
            return "met";
        case KpiStatus::kNear:
            return "near";
        case KpiStatus::kNotMet:
            return "not_met";
        case KpiStatus::kNoData:
            return "no_data";
    }
    return "no_data";
}

Text KpiStatusLabel(KpiStatus status) {
    switch (status) {
        case KpiStatus::kMet:
            return {"đạt", "met"};
        case KpiStatus::kNear:
            return {"gần đạt", "nearly met"};
        case KpiStatus::kNotMet:
            return {"chưa đạt", "not met"};
        case KpiStatus::kNoData:
            return {"chưa có số liệu", "no data"};
    }
    return {"chưa có số liệu", "no data"};
}

bool KpiMet(KpiComparator comparator, Decimal actual, Decimal target) {
    switch (comparator) {
        case KpiComparator::kAtLeast:
            return actual >= target;
        case KpiComparator::kAtMost:
            return actual <= target;
        case KpiComparator::kEqual:
            return actual == target;
    }
    return false;
}

std::string FormatKpiValue(Decimal value, const std::string& unit_of_measure, Language language) {
    std::string text = Number(value, language);
    if (unit_of_measure.empty()) return text;
    if (IsPercent(unit_of_measure)) return text + "%";
    return text + " " + unit_of_measure;
}

KpiEvaluation EvaluateKpi(KpiComparator comparator, Decimal target, Decimal amber_margin,
                          const std::string& unit_of_measure, std::optional<Decimal> actual) {
    KpiEvaluation evaluation;
    if (!actual) {
        evaluation.status = KpiStatus::kNoData;
        evaluation.computation = {"Chưa có số liệu", "No data"};
        return evaluation;
    }
    const auto text = [&](Language language) {
        return std::pair{FormatKpiValue(*actual, unit_of_measure, language),
                         FormatKpiValue(target, unit_of_measure, language)};
    };
    const auto [a_vi, t_vi] = text(Language::kVietnamese);
    const auto [a_en, t_en] = text(Language::kEnglish);
    if (KpiMet(comparator, *actual, target)) {
        evaluation.status = KpiStatus::kMet;
        const std::string sign = KpiComparatorSign(comparator);
        evaluation.computation = {a_vi + " " + sign + " " + t_vi + " → đạt", a_en + " " + sign + " " + t_en + " → met"};
        return evaluation;
    }
    // The sign the actual does stand in against the target.
    std::string sign = *actual < target ? "<" : ">";
    if (comparator == KpiComparator::kEqual) sign = "≠";
    const Decimal gap = *actual < target ? target - *actual : *actual - target;
    const bool near = amber_margin > Decimal() && gap <= amber_margin;
    evaluation.status = near ? KpiStatus::kNear : KpiStatus::kNotMet;
    const std::string target_vi = std::string("(chỉ tiêu ") + KpiComparatorSign(comparator) + " " + t_vi + ")";
    const std::string target_en = std::string("(target ") + KpiComparatorSign(comparator) + " " + t_en + ")";
    if (near) {
        evaluation.computation = {
            a_vi + " " + sign + " " + t_vi + " " + target_vi + ", trong biên độ " +
                FormatKpiValue(amber_margin, unit_of_measure, Language::kVietnamese) + " → gần đạt",
            a_en + " " + sign + " " + t_en + " " + target_en + ", within " +
                FormatKpiValue(amber_margin, unit_of_measure, Language::kEnglish) + " → nearly met"};
    } else {
        evaluation.computation = {a_vi + " " + sign + " " + t_vi + " " + target_vi + " → chưa đạt",
                                  a_en + " " + sign + " " + t_en + " " + target_en + " → not met"};
    }
    return evaluation;
}

const char* KpiScoringMethodName(KpiScoringMethod method) {
    switch (method) {
        case KpiScoringMethod::kFullAt:
            return "full_at";
        case KpiScoringMethod::kProportional:
            return "proportional";
        case KpiScoringMethod::kThresholds:
            return "thresholds";
    }
    return "full_at";
}

std::optional<KpiScoringMethod> ParseKpiScoringMethod(std::string_view name) {
    if (name == "full_at") return KpiScoringMethod::kFullAt;
    if (name == "proportional") return KpiScoringMethod::kProportional;
    if (name == "thresholds") return KpiScoringMethod::kThresholds;
    return std::nullopt;
}

std::vector<ErrorDetail> ValidateKpiRules(const std::vector<KpiRule>& rules,
                                          const std::vector<std::pair<std::string, std::optional<Decimal>>>& node_max,
                                          const std::vector<std::string>& kpis) {
    std::vector<ErrorDetail> problems;
    std::set<std::string> seen;
    for (std::size_t i = 0; i < rules.size(); ++i) {
        const KpiRule& rule = rules[i];
        const std::string prefix = "rules[" + std::to_string(i) + "].";
        const auto node =
            std::find_if(node_max.begin(), node_max.end(), [&](const auto& entry) { return entry.first == rule.node; });
        std::optional<Decimal> max;
        if (node == node_max.end()) {
            problems.push_back(Problem(prefix + "node", rule.node, "Bộ chỉ số không có tiêu chí mã này.",
                                       "The framework has no criterion with this code."));
        } else if (!node->second) {
            problems.push_back(Problem(prefix + "node", rule.node,
                                       "Tiêu chí chưa có điểm tối đa nên không chấm điểm tự động được.",
                                       "The criterion has no maximum, so it cannot be scored from data."));
        } else {
            max = node->second;
        }
        if (!seen.insert(rule.node).second) {
            problems.push_back(Problem(prefix + "node", rule.node, "Mỗi tiêu chí chỉ có một quy tắc.",
                                       "A criterion has one rule only."));
        }
        if (std::find(kpis.begin(), kpis.end(), rule.kpi) == kpis.end()) {
            problems.push_back(Problem(prefix + "kpi", rule.kpi, "Danh mục không có chỉ tiêu mã này.",
                                       "The catalogue has no indicator with this code."));
        }
        const auto check_points = [&](const std::string& field, Decimal points) {
            if (points < Decimal() || (max && points > *max)) {
                problems.push_back(Problem(field, points.ToString(),
                                           "Điểm phải từ 0 đến điểm tối đa của tiêu chí" +
                                               (max ? " (" + max->ToString() + ")." : std::string(".")),
                                           "Points must be between 0 and the criterion's maximum" +
                                               (max ? " (" + max->ToString() + ")." : std::string("."))));
            }
        };
        check_points(prefix + "floor", rule.floor);
        if (rule.method == KpiScoringMethod::kThresholds) {
            if (rule.thresholds.empty()) {
                problems.push_back(Problem(prefix + "thresholds", "",
                                           "Cách chấm theo ngưỡng cần ít nhất một ngưỡng [giá trị, điểm].",
                                           "Scoring by thresholds needs at least one [value, points] pair."));
            }
            std::set<std::int64_t> values;
            for (std::size_t j = 0; j < rule.thresholds.size(); ++j) {
                const std::string field = prefix + "thresholds[" + std::to_string(j) + "]";
                if (!values.insert(rule.thresholds[j].first.Thousandths()).second) {
                    problems.push_back(Problem(field, rule.thresholds[j].first.ToString(), "Hai ngưỡng trùng giá trị.",
                                               "Two thresholds have the same value."));
                }
                check_points(field, rule.thresholds[j].second);
            }
        }
    }
    return problems;
}

KpiSuggestion SuggestScore(const KpiRule& rule, const Text& kpi_name, const std::string& unit_of_measure,
                           KpiComparator comparator, Decimal target, std::optional<Decimal> actual, Decimal max) {
    KpiSuggestion suggestion;
    const std::string max_vi = max.ToVietnamese(3);
    const std::string max_en = max.ToFixed(3);
    if (!actual) {
        suggestion.computation = {kpi_name.vi + ": chưa có số liệu, chưa gợi ý được điểm",
                                  kpi_name.In(Language::kEnglish) + ": no data, no suggestion"};
        return suggestion;
    }
    const std::string a_vi = FormatKpiValue(*actual, unit_of_measure, Language::kVietnamese);
    const std::string a_en = FormatKpiValue(*actual, unit_of_measure, Language::kEnglish);
    const std::string t_vi = FormatKpiValue(target, unit_of_measure, Language::kVietnamese);
    const std::string t_en = FormatKpiValue(target, unit_of_measure, Language::kEnglish);
    const bool met = KpiMet(comparator, *actual, target);
    const std::string sign = KpiComparatorSign(comparator);
    const std::string relation =
        met ? sign : (comparator == KpiComparator::kEqual ? "≠" : (*actual < target ? "<" : ">"));
    Decimal points;
    std::string how_vi;
    std::string how_en;
    switch (rule.method) {
        case KpiScoringMethod::kFullAt:
            points = met ? max : std::min(rule.floor, max);
            how_vi = a_vi + " " + relation + " " + t_vi;
            how_en = a_en + " " + relation + " " + t_en;
            break;
        case KpiScoringMethod::kProportional: {
            // ≥ targets: max × actual / target; ≤ targets: max × target / actual (an actual of 0 meets it);
            // = targets: max × the smaller over the larger. Capped at max, never below 0.
            std::int64_t numerator = actual->Thousandths();
            std::int64_t denominator = target.Thousandths();
            if (comparator == KpiComparator::kAtMost ||
                (comparator == KpiComparator::kEqual && actual->Thousandths() > target.Thousandths())) {
                std::swap(numerator, denominator);
            }
            if (met) {
                points = max;
            } else if (denominator <= 0 || numerator <= 0) {
                points = Decimal();
            } else {
                points = Decimal::FromThousandths(DivideRoundHalfAway(max.Thousandths() * numerator, denominator));
            }
            points = std::clamp(points, Decimal(), max);
            const bool inverted =
                comparator == KpiComparator::kAtMost || (comparator == KpiComparator::kEqual && *actual > target);
            if (met) {
                how_vi = a_vi + " " + relation + " " + t_vi;
                how_en = a_en + " " + relation + " " + t_en;
            } else if (inverted) {
                how_vi = t_vi + " / " + a_vi + " × " + max_vi;
                how_en = t_en + " / " + a_en + " × " + max_en;
            } else {
                how_vi = a_vi + " / " + t_vi + " × " + max_vi;
                how_en = a_en + " / " + t_en + " × " + max_en;
            }
            break;
        }
        case KpiScoringMethod::kThresholds: {
            std::optional<std::pair<Decimal, Decimal>> best;
            for (const auto& threshold : rule.thresholds) {
                const bool reached =
                    comparator == KpiComparator::kAtMost ? *actual <= threshold.first : *actual >= threshold.first;
                if (!reached) continue;
                const bool better = !best || (comparator == KpiComparator::kAtMost ? threshold.first < best->first
                                                                                   : threshold.first > best->first);
                if (better) best = threshold;
            }
            points = best ? std::min(best->second, max) : std::min(rule.floor, max);
            const std::string s = comparator == KpiComparator::kAtMost ? "≤" : "≥";
            if (best) {
                how_vi =
                    a_vi + " " + s + " ngưỡng " + FormatKpiValue(best->first, unit_of_measure, Language::kVietnamese);
                how_en =
                    a_en + " " + s + " threshold " + FormatKpiValue(best->first, unit_of_measure, Language::kEnglish);
            } else {
                how_vi = a_vi + " chưa đạt ngưỡng nào";
                how_en = a_en + " reaches no threshold";
            }
            break;
        }
    }
    suggestion.points = points;
    suggestion.computation = {
        kpi_name.vi + " " + how_vi + " → " + points.ToVietnamese(3) + "/" + max_vi + " điểm",
        kpi_name.In(Language::kEnglish) + " " + how_en + " → " + points.ToFixed(3) + "/" + max_en + " points"};
    return suggestion;
}

}  // namespace parindex
