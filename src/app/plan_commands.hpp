#pragma once

#include <string>

#include "domain/clock.hpp"
#include "domain/plan_service.hpp"
#include "domain/result.hpp"
#include "domain/store.hpp"
#include "domain/text.hpp"
#include "domain/user.hpp"
#include "http/plan_api.hpp"

namespace CLI {
class App;
}  // namespace CLI

namespace parindex {

class SqliteStore;

/// A unit's results of a year through the ResultsEngine over the store (LoadDataset): what drafting and the
/// plan document's section II read.
UnitResultsSource EngineResults(Store& store);

/// The PlanService over the data folder's database (its Store, PlanStore and AuthStore).
PlanService MakePlanService(SqliteStore& store, const Clock& clock);

/// Makes a plan document the one way the command line and the API share: the plan (.docx, PlanDocument and
/// WriteDocx), the task annex (.xlsx, WriteTaskAnnexXlsx) or the progress report on `what.date` (.docx; for a past
/// day the due states are those of that day). Reads through a PlanService over `store` and `clock`, so `who` needs
/// read_plan (nullptr: the command line); kNotFound without a plan.
Result<http::PlanDownload> MakePlanFile(SqliteStore& store, const Clock& clock, const Principal* who,
                                        const http::PlanFileRequest& what);

/// The demo's plan (issue 4 §7): drafts La Khê's 2024 plan from its 2023 results, gives it seed 000's metadata,
/// assigns tasks to the Tư pháp – Hộ tịch officer (tuphap.lakhe), records a few dated updates and runs the
/// reminders of 2024 on a fixed day, so that every screen has data. Deterministic (a fixed clock); a plan that
/// already exists (the demo run again) is kept as it is. Returns the line to print.
Result<std::string> SeedDemoPlan(SqliteStore& store, Language language);

/// Adds `plan draft`, `plan export` and `reminders run` to the command line; their callbacks store the exit code
/// in `exit_code`.
void AddPlanCommands(CLI::App& app, int& exit_code);

}  // namespace parindex
