#pragma once

#include <string>
#include <vector>

#include "domain/definition_set_store.hpp"
#include "domain/result.hpp"

namespace parindex {

/// The demo definition sets besides the default: the three real denominator conventions of
/// ../shared/domain/methodology.md (Thừa Thiên Huế: among dossiers processed in the period; Vĩnh Phúc: among
/// dossiers due in the period; Gia Lai: among dossiers to process = received + carried over), with the default's
/// other rules.
std::vector<DefinitionSet> DemoDefinitionSets();

/// Saves each demo set whose code has no version yet (saved by "demo"); the active set is left as it is (the
/// default on a new data folder). Returns how many were saved.
Result<int> SeedDemoDefinitionSets(DefinitionSetStore& store);

}  // namespace parindex
