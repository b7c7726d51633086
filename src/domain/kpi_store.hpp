#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/kpi.hpp"
#include "domain/result.hpp"

namespace parindex {

/// Storage port of the KPI catalogue (versioned), the targets per unit and year, the manual actuals and the
/// criterion rules per framework version; the SQLite store implements it beside the others in the same database.
class KpiStore {
  public:
    virtual ~KpiStore() = default;

    /// The latest version of every indicator, in the order they were first saved.
    virtual Result<std::vector<KpiIndicator>> ListKpis() = 0;
    /// Every version of one indicator, oldest first (empty when unknown).
    virtual Result<std::vector<KpiIndicator>> KpiVersions(const std::string& code) = 0;
    /// Saves `indicator` as a new version (its version field is ignored); returns the version written.
    virtual Result<int> SaveKpi(const KpiIndicator& indicator) = 0;

    /// The targets of a year, of one unit or of every unit, ordered by unit then indicator.
    virtual Result<std::vector<KpiTarget>> ListTargets(const std::optional<std::string>& unit, int year) = 0;
    /// Inserts or replaces the target of (unit, year, kpi).
    virtual Status SaveTarget(const KpiTarget& target) = 0;

    /// Appends a manual actual (never changed afterwards); returns its id.
    virtual Result<std::int64_t> AddManualActual(const KpiManualActual& actual) = 0;
    /// The manual actuals of a year, of one unit or of every unit, by unit, indicator, date, id.
    virtual Result<std::vector<KpiManualActual>> ListManualActuals(const std::optional<std::string>& unit,
                                                                   int year) = 0;

    /// The criterion rules of a framework version (nothing when none were saved).
    virtual Result<std::optional<KpiRuleSet>> FindKpiRules(const std::string& framework, int version) = 0;
    /// Replaces the criterion rules of a framework version.
    virtual Status SaveKpiRules(const KpiRuleSet& rules) = 0;
};

}  // namespace parindex
