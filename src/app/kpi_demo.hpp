#pragma once

#include <string>

#include "domain/kpi_store.hpp"
#include "domain/result.hpp"
#include "domain/store.hpp"

namespace parindex {

/// The demo KPI data (issue 5 §4): the indicator catalogue with every target of the seed plans (saved once: a
/// second run keeps what users changed), criterion rules on the demo frameworks (hadong-2024-mau 3.2 from the
/// on-time rate, 6.7 from digitised results; caoloc-2023 6.4.2 from website posts by thresholds), a target of La
/// Khê for 2024 and a few manual actuals with notes. Returns a one-line summary.
Result<std::string> SeedDemoKpis(KpiStore& kpis, Store& store);

}  // namespace parindex
