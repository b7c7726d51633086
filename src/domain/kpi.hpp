#pragma once

// Issue 5 §4: KPI targets (chỉ tiêu). An indicator catalogue (data, versioned), targets per unit and year with a
// comparator, a value and a scope, actuals computed from the dossier statistics or entered by hand with evidence,
// a traffic-light status with its computation in words, and criterion rules that score a criterion from a KPI
// (full points at the target, proportional, thresholds). Pure domain: no I/O, no JSON, no SQL.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/civil_date.hpp"
#include "domain/decimal.hpp"
#include "domain/dossier.hpp"
#include "domain/result.hpp"
#include "domain/text.hpp"

namespace parindex {

// ---------------------------------------------------------------------------------------------------------------
// Measures and comparators

/// How an indicator's actual is obtained: from the dossier statistics (a rate in percent, a count, or days) or
/// entered by hand.
enum class KpiMeasure : std::uint8_t {
    kOnTimeRate,             ///< OnTimeRate (%), early included.
    kEarlyRate,              ///< EarlyRate (%).
    kLateRate,               ///< LateRate (%).
    kOnlineFullShare,        ///< ChannelShare(online_full) (%).
    kOnlinePartialShare,     ///< ChannelShare(online_partial) (%).
    kPostalShare,            ///< ChannelShare(postal) (%).
    kLateWithoutApology,     ///< The count late_without_apology.
    kApologyExcess,          ///< The count apology_excess.
    kSupplement2Plus,        ///< The count supplement_2plus.
    kAverageProcessingDays,  ///< processing_seconds_sum / processed, in days (thousandths).
    kManual,                 ///< Entered by hand with evidence.
};

/// "on_time_rate", "early_rate", "late_rate", "online_full_share", "online_partial_share", "postal_share",
/// "late_without_apology", "apology_excess", "supplement_2plus", "average_processing_days", "manual".
const char* KpiMeasureName(KpiMeasure measure);
std::optional<KpiMeasure> ParseKpiMeasure(std::string_view name);
/// Every measure, in declaration order.
std::vector<KpiMeasure> AllKpiMeasures();
/// The label for people: {"Tỷ lệ giải quyết đúng và trước hạn", "Resolved on time (early included)"}.
Text KpiMeasureLabel(KpiMeasure measure);
/// The counter (a CounterFields() name) whose dossiers are behind a dossier measure's value, for the drill-down
/// list: "on_time", "early", "late", "online_full", …, "processed"; empty for kManual.
const char* KpiMeasureCounter(KpiMeasure measure);

/// How an actual is compared with its target.
enum class KpiComparator : std::uint8_t {
    kAtLeast,  ///< ≥ (the actual must reach the target).
    kAtMost,   ///< ≤ (the actual must not exceed it).
    kEqual,    ///< = (exactly).
};
/// ">=", "<=", "=".
const char* KpiComparatorName(KpiComparator comparator);
/// "≥", "≤", "=".
const char* KpiComparatorSign(KpiComparator comparator);
/// ">=", "≥", "<=", "≤", "=", "==".
std::optional<KpiComparator> ParseKpiComparator(std::string_view text);

/// What part of a unit's dossiers a target is about: a field (e.g. dat-dai), a department or a procedure; nothing
/// for the whole unit.
struct KpiScope {
    std::optional<std::string> field;
    std::optional<std::string> department;
    std::optional<std::string> procedure;

    bool Empty() const { return !field && !department && !procedure; }
    bool operator==(const KpiScope&) const = default;
};

// ---------------------------------------------------------------------------------------------------------------
// The catalogue, targets, manual actuals

/// One indicator of the catalogue (data; every save makes a new version).
struct KpiIndicator {
    std::string code;  ///< e.g. "dung-han".
    int version = 1;
    Text name;  ///< {"Tỷ lệ hồ sơ TTHC giải quyết đúng hạn", "Dossiers resolved on time"}.
    std::string unit_of_measure;  ///< "%", "hồ sơ", "bài", "lượt", "hình thức", "ngày".
    KpiMeasure measure = KpiMeasure::kManual;
    KpiComparator comparator = KpiComparator::kAtLeast;  ///< The default comparator of a target.
    Decimal value;                                       ///< The default target value.
    Decimal amber_margin;  ///< Within this of the target (on the wrong side) is "near" (amber).
    KpiScope scope;        ///< The default scope of a target.
    std::string source;    ///< Where the target comes from (a seed plan, a decision).
    std::string saved_by;
    std::string saved_at;  ///< `YYYY-MM-DD HH:MM:SS` UTC.
};

/// Checks an indicator: a code of lowercase letters, digits and `-` (1..64), version ≥ 1, a Vietnamese name, a unit
/// of measure, amber_margin ≥ 0, a value ≥ 0 (and ≤ 100 for a percent). Each problem names the field.
std::vector<ErrorDetail> ValidateKpiIndicator(const KpiIndicator& indicator);

/// A unit's target for a year: the comparator and value it must reach, over a scope.
struct KpiTarget {
    std::string unit;
    int year = 0;
    std::string kpi;
    KpiComparator comparator = KpiComparator::kAtLeast;
    Decimal value;
    KpiScope scope;
    std::string note;
    std::string saved_by;
    std::string saved_at;
};

/// The catalogue's default target of an indicator for a unit and year (used until the unit sets its own).
KpiTarget DefaultTarget(const KpiIndicator& indicator, const std::string& unit, int year);

/// Checks a target against its indicator: a year 2000..2100, a value ≥ 0 (≤ 100 for a percent), scope codes of
/// letters, digits, `-`, `_`, `.`. Each problem names the field.
std::vector<ErrorDetail> ValidateKpiTarget(const KpiTarget& target, const KpiIndicator& indicator);

/// An actual entered by hand (never changed afterwards; the latest by date, then by id, counts).
struct KpiManualActual {
    std::int64_t id = 0;
    std::string unit;
    int year = 0;
    std::string kpi;
    Decimal value;
    CivilDate date;  ///< The day the figure is about.
    std::string note;
    std::vector<std::string> evidence;  ///< sha256 of files in the evidence vault.
    std::string by;
    std::string recorded_at;  ///< `YYYY-MM-DD HH:MM:SS` UTC.
};

/// Checks a manual actual: a value ≥ 0 (≤ 100 for a percent), a date within the year or the next one (a figure of
/// the year may be reported in January), evidence as sha256 hex. Each problem names the field.
std::vector<ErrorDetail> ValidateKpiManualActual(const KpiManualActual& actual, const KpiIndicator& indicator);

/// The latest manual actual among `actuals` of one unit, year and indicator (by date, then id); nothing when none.
const KpiManualActual* LatestManualActual(const std::vector<KpiManualActual>& actuals, const std::string& unit,
                                          int year, const std::string& kpi);

// ---------------------------------------------------------------------------------------------------------------
// Actuals and status

/// The value of a dossier measure over counters under a definition set: a rate in thousandths of a percent, a
/// count, or days; nothing when its denominator is 0 (no dossier processed, none received) or for kManual.
std::optional<Decimal> DossierMeasureValue(KpiMeasure measure, const DossierCounters& counters,
                                           const DefinitionSet& set);
/// The numerator and denominator behind a rate or count measure (for the count measures: the count and the
/// received dossiers; for days: the processing seconds and the processed dossiers).
std::pair<std::int64_t, std::int64_t> DossierMeasureParts(KpiMeasure measure, const DossierCounters& counters,
                                                          const DefinitionSet& set);

/// Where an actual comes from.
enum class KpiActualSource : std::uint8_t { kDossiers, kManual };

/// An actual with its origin.
struct KpiActualValue {
    Decimal value;
    KpiActualSource source = KpiActualSource::kDossiers;
    const KpiManualActual* manual = nullptr;  ///< When entered by hand.
    std::int64_t numerator = 0;               ///< For a dossier measure.
    std::int64_t denominator = 0;
};

/// The actual of a target: for a dossier measure the value over `counters` (the unit's dossiers of the year in the
/// target's scope) when it has a denominator, else the latest manual actual if any; for a manual measure the
/// latest manual actual. Nothing when there is no data.
std::optional<KpiActualValue> ResolveActual(const KpiIndicator& indicator, const DossierCounters* counters,
                                            const DefinitionSet& set, const KpiManualActual* manual);

/// The traffic light.
enum class KpiStatus : std::uint8_t {
    kMet,     ///< Đạt (xanh).
    kNear,    ///< Gần đạt (vàng): not met, within the amber margin.
    kNotMet,  ///< Chưa đạt (đỏ).
    kNoData,  ///< Chưa có số liệu (xám).
};
/// "met", "near", "not_met", "no_data".
const char* KpiStatusName(KpiStatus status);
/// {"đạt", "met"}, {"gần đạt", "nearly met"}, {"chưa đạt", "not met"}, {"chưa có số liệu", "no data"}.
Text KpiStatusLabel(KpiStatus status);

/// Whether `actual` meets `target` under `comparator`.
bool KpiMet(KpiComparator comparator, Decimal actual, Decimal target);

/// A value as people read it: "96,125%", "3 hồ sơ", "2,5 ngày" (Vietnamese: decimal comma; English: point).
std::string FormatKpiValue(Decimal value, const std::string& unit_of_measure, Language language);

/// A status and its computation in words: "96,125% ≥ 95% → đạt"; "93,5% < 95%, trong biên độ 2% → gần đạt";
/// "3 hồ sơ > 0 hồ sơ → chưa đạt"; "Chưa có số liệu".
struct KpiEvaluation {
    KpiStatus status = KpiStatus::kNoData;
    Text computation;
};
KpiEvaluation EvaluateKpi(KpiComparator comparator, Decimal target, Decimal amber_margin,
                          const std::string& unit_of_measure, std::optional<Decimal> actual);

// ---------------------------------------------------------------------------------------------------------------
// Criterion rules: scoring a criterion from a KPI

enum class KpiScoringMethod : std::uint8_t {
    kFullAt,        ///< Full points when the target is met, else `floor`.
    kProportional,  ///< max × actual / target, capped at max (≤ targets: max × target / actual).
    kThresholds,    ///< An ordered list of [value, points].
};
/// "full_at", "proportional", "thresholds".
const char* KpiScoringMethodName(KpiScoringMethod method);
std::optional<KpiScoringMethod> ParseKpiScoringMethod(std::string_view name);

/// A criterion of a framework version scored from a KPI.
struct KpiRule {
    std::string node;  ///< The criterion's code in the framework version.
    std::string kpi;   ///< The indicator's code.
    KpiScoringMethod method = KpiScoringMethod::kFullAt;
    Decimal floor;  ///< kFullAt: the points when not met (0 by default).
    /// kThresholds: [value, points] pairs. For a ≥ target the points of the highest value the actual reaches,
    /// for a ≤ target the points of the lowest value the actual does not exceed; `floor` otherwise.
    std::vector<std::pair<Decimal, Decimal>> thresholds;

    bool operator==(const KpiRule&) const = default;
};

/// The criterion rules of one framework version (data; saving replaces them).
struct KpiRuleSet {
    std::string framework;
    int version = 0;
    std::vector<KpiRule> rules;
    std::string saved_by;
    std::string saved_at;
};

/// Checks rules: each node once and among `node_max` (code → maximum; a criterion without a maximum cannot be
/// scored), each kpi in `kpis`, floor in 0..max, thresholds non-empty for kThresholds with points in 0..max and
/// distinct values. Problems name `rules[i].field`.
std::vector<ErrorDetail> ValidateKpiRules(const std::vector<KpiRule>& rules,
                                          const std::vector<std::pair<std::string, std::optional<Decimal>>>& node_max,
                                          const std::vector<std::string>& kpis);

/// A suggested score and how it was computed: "Tỷ lệ hồ sơ giải quyết đúng hạn 96,125% ≥ 95% → 2,000/2,000 điểm".
struct KpiSuggestion {
    std::optional<Decimal> points;  ///< Nothing without an actual.
    Text computation;
};

/// Scores a criterion of maximum `max` by `rule` from the actual of its KPI against the target (thousandths,
/// rounded half away from zero, between 0 and max).
KpiSuggestion SuggestScore(const KpiRule& rule, const Text& kpi_name, const std::string& unit_of_measure,
                           KpiComparator comparator, Decimal target, std::optional<Decimal> actual, Decimal max);

}  // namespace parindex
