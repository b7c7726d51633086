#pragma once

// The "progress and results" group (tiến độ, kết quả giải quyết) of the service index of QĐ 766/QĐ-TTg (issue 5
// §3; methodology.md "Service index 766"): indicators computed from the dossier counters, each scored by a point
// table. The table is data (ServiceIndexGroup, part of the definition set in use): a province writes its own; the
// default below is ParIndex's reading of the group (20 points), not a province's rule.

#include <optional>
#include <string>
#include <vector>

#include "domain/decimal.hpp"
#include "domain/dossier.hpp"
#include "domain/kpi.hpp"
#include "domain/text.hpp"

namespace parindex {

/// One indicator of the group and its point table.
struct ServiceIndicatorRule {
    std::string code;  ///< e.g. "dung-han".
    Text name;
    KpiMeasure measure = KpiMeasure::kOnTimeRate;  ///< A dossier measure (not kManual).
    std::string unit_of_measure = "%";
    KpiComparator comparator = KpiComparator::kAtLeast;
    Decimal target;      ///< The value that earns full points.
    Decimal max_points;  ///< The indicator's points in the group.
    /// How the points follow the value (KpiRule's methods: full_at, proportional, thresholds); `rule.node` and
    /// `rule.kpi` are unused here.
    KpiRule rule;
};

/// A group of the index with its indicators.
struct ServiceIndexGroup {
    std::string code = "tien-do-ket-qua";
    Text name{"Tiến độ, kết quả giải quyết hồ sơ (Bộ chỉ số 766)", "Progress and results (service index 766)"};
    std::vector<ServiceIndicatorRule> indicators;

    /// The sum of the indicators' points.
    Decimal MaxPoints() const;
};

/// ParIndex's default table, 20 points: dossiers resolved early or on time (proportional to a 100 % target, 14
/// points), no late dossier without an apology letter (3 points), no dossier with repeated supplement requests (3
/// points).
ServiceIndexGroup DefaultProgressResultsGroup();

/// Checks a group: codes unique and non-empty, a Vietnamese name, dossier measures only, max points in 0..100 with
/// a positive total, a rule valid for its method (thresholds non-empty with points in 0..max). Problems name
/// `indicators[i].field`.
std::vector<ErrorDetail> ValidateServiceIndexGroup(const ServiceIndexGroup& group);

/// One indicator's value and points, with the computation in words.
struct ServiceIndicatorScore {
    std::string code;
    Text name;
    std::optional<Decimal> value;   ///< Nothing when its denominator is 0.
    std::optional<Decimal> points;  ///< Nothing without a value.
    Decimal max_points;
    Text computation;  ///< "Tỷ lệ … 96,125% / 100% × 14,000 → 13,458/14,000 điểm".
};

/// The group's score over some counters (a unit's year, a month…) under a definition set.
struct ServiceGroupScore {
    std::string code;
    Text name;
    Decimal points;  ///< The sum of the scored indicators' points.
    Decimal max_points;
    bool complete = false;  ///< Every indicator had a value.
    std::vector<ServiceIndicatorScore> indicators;
};

/// The table of a definition set: its own, or DefaultProgressResultsGroup().
const ServiceIndexGroup& ServiceIndexOf(const DefinitionSet& set);

ServiceGroupScore ScoreServiceGroup(const ServiceIndexGroup& group, const DossierCounters& counters,
                                    const DefinitionSet& set);

}  // namespace parindex
