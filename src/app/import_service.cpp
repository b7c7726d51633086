#include "app/import_service.hpp"

#include <map>
#include <set>

#include "domain/validation.hpp"

namespace parindex {
namespace {

void Append(std::vector<ErrorDetail>& all, std::vector<ErrorDetail> more) {
    for (auto& detail : more) all.push_back(std::move(detail));
}

// Node scores of `incoming` overwrite or join those of `stored`; the other figures are taken from
// `incoming` where it gives them.
Assessment MergeAssessment(Assessment stored, const Assessment& incoming) {
    std::map<std::string, std::size_t> position;
    for (std::size_t i = 0; i < stored.nodes.size(); ++i) position[stored.nodes[i].code] = i;
    for (const NodeScore& score : incoming.nodes) {
        auto it = position.find(score.code);
        if (it == position.end()) {
            position[score.code] = stored.nodes.size();
            stored.nodes.push_back(score);
        } else {
            stored.nodes[it->second] = score;
        }
    }
    if (!incoming.framework_code.empty()) stored.framework_code = incoming.framework_code;
    if (incoming.total_self) stored.total_self = incoming.total_self;
    if (incoming.total_points) stored.total_points = incoming.total_points;
    if (incoming.total_max) stored.total_max = incoming.total_max;
    if (incoming.total_change) stored.total_change = incoming.total_change;
    if (!incoming.parts.empty()) stored.parts = incoming.parts;
    if (!incoming.ranks.empty()) stored.ranks = incoming.ranks;
    return stored;
}

}  // namespace

Result<ImportSummary> ImportBundle(Store& store, Bundle bundle, ScoreMerge merge, const ProgressCallback& progress) {
    ImportSummary summary;
    Status status = store.InTransaction([&]() -> Status {
        KnownCodes known;
        auto units = store.ListUnits();
        if (!units) return units.TakeError();
        for (const Unit& unit : *units) known.units.insert(unit.code);
        auto groups = store.ListPeerGroups(std::nullopt);
        if (!groups) return groups.TakeError();
        for (const PeerGroup& group : *groups) known.groups.insert(group.code);
        auto frameworks = store.ListFrameworks();
        if (!frameworks) return frameworks.TakeError();
        std::map<std::string, Framework> framework_by_code;
        for (Framework& framework : *frameworks) {
            known.frameworks.insert(framework.code);
            framework_by_code[framework.code] = std::move(framework);
        }

        // Validate in dependency order; each kind may refer to what the same file brings.
        std::vector<ErrorDetail> errors;
        Append(errors, ValidateUnits(bundle.units, known));
        for (const Unit& unit : bundle.units) known.units.insert(unit.code);
        for (const Framework& framework : bundle.frameworks) known.frameworks.insert(framework.code);
        for (const Framework& framework : bundle.frameworks) {
            Append(errors, ValidateFramework(framework, known));
            framework_by_code[framework.code] = framework;
        }
        for (const PeerGroup& group : bundle.groups) Append(errors, ValidatePeerGroup(group, known));
        for (const PeerGroup& group : bundle.groups) known.groups.insert(group.code);

        std::vector<Assessment> to_save;
        for (Assessment& incoming : bundle.assessments) {
            Assessment assessment = std::move(incoming);
            if (merge == ScoreMerge::kMerge) {
                auto stored = store.FindAssessment(assessment.unit_code, assessment.year);
                if (!stored) return stored.TakeError();
                if (stored->has_value()) {
                    SourceRef source = assessment.source;
                    assessment = MergeAssessment(std::move(**stored), assessment);
                    assessment.source = source;
                }
            }
            const Framework* framework = nullptr;
            if (!assessment.framework_code.empty()) {
                auto it = framework_by_code.find(assessment.framework_code);
                if (it != framework_by_code.end()) framework = &it->second;
            }
            Append(errors, ValidateAssessment(assessment, framework, known));
            to_save.push_back(std::move(assessment));
        }
        if (!errors.empty()) {
            const std::string count = std::to_string(errors.size());
            const std::string file = errors.front().file;
            return MakeError(ErrorCode::kInvalidInput,
                             "Tệp " + file + " có " + count + " lỗi; không có dữ liệu nào được ghi.",
                             "File " + file + " has " + count + " errors; nothing was written.", std::move(errors));
        }

        const int total =
            static_cast<int>(bundle.units.size() + bundle.frameworks.size() + bundle.groups.size() + to_save.size());
        int done = 0;
        auto step = [&] {
            ++done;
            if (progress) progress(done, total);
        };
        for (const Unit& unit : bundle.units) {
            if (Status s = store.SaveUnit(unit); !s) return s;
            ++summary.units;
            step();
        }
        for (const Framework& framework : bundle.frameworks) {
            if (Status s = store.SaveFramework(framework); !s) return s;
            ++summary.frameworks;
            step();
        }
        for (const PeerGroup& group : bundle.groups) {
            if (Status s = store.SavePeerGroup(group); !s) return s;
            ++summary.groups;
            step();
        }
        for (const Assessment& assessment : to_save) {
            if (Status s = store.SaveAssessment(assessment); !s) return s;
            ++summary.assessments;
            summary.node_scores += static_cast<int>(assessment.nodes.size());
            step();
        }
        return OkStatus();
    });
    if (!status) return status.TakeError();
    return summary;
}

}  // namespace parindex
