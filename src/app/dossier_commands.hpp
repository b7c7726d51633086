#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/dossier_store.hpp"

namespace CLI {
class App;
}  // namespace CLI

namespace parindex {

/// The header of `dossiers stats --by unit,month --format csv`.
inline constexpr const char* kDossierStatsCsvHeader =
    "unit,month,total,finished,on_time,early,late,late_without_apology,supplement_2plus,online_full_share";

/// The unit-month counters as the benchmark's CSV (header above; month `YYYY-MM`; online_full_share a percent
/// with 3 decimals, rounded half away from zero; LF line ends).
std::string DossierStatsCsv(const std::vector<UnitMonthCounters>& rows);
/// The same rows as JSON: {"by": ["unit", "month"], "year": …|null, "rows": [{unit, month, total, …}]}.
std::string DossierStatsJson(const std::vector<UnitMonthCounters>& rows, std::optional<int> year);

/// Adds `dossiers import FILE` and `dossiers stats --by unit,month [--year] --format json|csv|table`; their
/// callbacks store the exit code in `exit_code`.
void AddDossierCommands(CLI::App& app, int& exit_code);

}  // namespace parindex
