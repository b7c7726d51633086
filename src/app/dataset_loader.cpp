#include "app/dataset_loader.hpp"

namespace parindex {

Result<Dataset> LoadDataset(Store& store, int year) {
    Dataset data;
    auto units = store.ListUnits();
    if (!units) return units.TakeError();
    data.units = std::move(*units);
    auto groups = store.ListPeerGroups(std::nullopt);
    if (!groups) return groups.TakeError();
    data.groups = std::move(*groups);
    auto frameworks = store.ListFrameworks();
    if (!frameworks) return frameworks.TakeError();
    data.frameworks = std::move(*frameworks);
    auto assessments = store.ListAssessments(year - 3, year);
    if (!assessments) return assessments.TakeError();
    data.assessments = std::move(*assessments);
    return data;
}

}  // namespace parindex
