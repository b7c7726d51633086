#pragma once

#include <functional>
#include <string>

#include "domain/result.hpp"
#include "domain/store.hpp"
#include "formats/codecs.hpp"

namespace parindex {

/// How imported assessments meet what is stored.
enum class ScoreMerge {
    kReplace,  ///< An imported assessment replaces the stored one (JSON bundles).
    kMerge,    ///< Imported node scores update the stored assessment node by node (CSV and .xlsx score sheets).
};

/// Counts of what an import wrote.
struct ImportSummary {
    int units = 0;
    int groups = 0;
    int frameworks = 0;
    int assessments = 0;
    int node_scores = 0;
};

/// Called after each object is written: done so far, and the total.
using ProgressCallback = std::function<void(int done, int total)>;

/// Validates a parsed bundle against itself and the store, then writes it in one transaction: either every
/// object is written or nothing is (ARCHITECTURE.md: one transaction per import). Validation errors name the
/// file, line or JSON path, the field, the value and the reason.
Result<ImportSummary> ImportBundle(Store& store, Bundle bundle, ScoreMerge merge, const ProgressCallback& progress);

}  // namespace parindex
