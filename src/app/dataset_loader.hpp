#pragma once

#include "domain/result.hpp"
#include "domain/results_engine.hpp"
#include "domain/store.hpp"

namespace parindex {

/// Loads what the results engine needs to answer questions about `year`: every unit, framework and peer
/// group, and the assessments of `year` and the three years before it (trend and previous ranks).
Result<Dataset> LoadDataset(Store& store, int year);

}  // namespace parindex
