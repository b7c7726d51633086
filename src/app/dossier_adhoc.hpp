#pragma once

// `parindex dossiers stats --by …` for any grouping other than the stored unit × month (issue 5 §3, §8): an ad-hoc
// question answered by DossierStore::Aggregate over the blocks of the units asked, e.g. the field × procedure
// breakdown of one district.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/dossier.hpp"
#include "domain/dossier_store.hpp"
#include "domain/result.hpp"

namespace parindex {

/// What `--by` asks for: dimensions in the order given and at most one period.
struct StatsGrouping {
    std::vector<Dimension> dimensions;
    std::optional<PeriodKind> period;

    /// unit,month: answered from the stored counters.
    bool IsUnitMonth() const {
        return dimensions.size() == 1 && dimensions[0] == Dimension::kUnit && period == PeriodKind::kMonth;
    }
};

/// Reads `--by` (comma-separated dimension and period names: "unit,month", "field,procedure", "department,quarter");
/// an error naming the value when a name is unknown, repeated, or a second period.
Result<StatsGrouping> ParseStatsGrouping(std::string_view by);

/// Reads `--unit` for statistics: unit codes separated by commas; empty for every unit.
std::vector<std::string> ParseUnitList(std::string_view units);

/// The ad-hoc question of `year` under the reference definition set (so that its rows add up to the unit × month
/// rows), cohort view, as of a time after every stored timestamp.
DossierQuery AdhocQuery(const StatsGrouping& grouping, int year, std::vector<std::string> units);

/// The rows as CSV: one column per dimension (named as the dimension), the period column when asked (named as the
/// period kind, keys as Period::Key), then the reference columns (total, finished, on_time, early, late,
/// late_without_apology, supplement_2plus, online_full_share).
std::string AdhocStatsCsv(const StatsGrouping& grouping, const std::vector<DossierStatsRow>& rows);
/// One row's cells, as in the CSV (unquoted).
std::vector<std::string> AdhocStatsCells(const StatsGrouping& grouping, const DossierStatsRow& row);
/// The same as JSON: {"by": [...], "year": Y, "rows": [{"field": …, "procedure": …, "total": …}]}.
std::string AdhocStatsJson(const StatsGrouping& grouping, int year, const std::vector<DossierStatsRow>& rows);

}  // namespace parindex
