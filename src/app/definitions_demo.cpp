// The demo definition sets: the three denominator conventions in real use (methodology.md), read through the same
// JSON reader as `parindex dossiers definitions save`.
#include "app/definitions_demo.hpp"

#include "formats/definition_json.hpp"

namespace parindex {
namespace {

// Sources: ../shared/domain/methodology.md, "Dossier statistics": Gia Lai: late rate = (late open + late finished)
// / (received this period + carried over); Vĩnh Phúc: on-time share among dossiers due in the period; Thừa Thiên
// Huế: among dossiers processed in the period. The other rules are the default's (CONVENTIONS.md).
constexpr const char* kDemoSets = R"json([
  {"code": "hue",
   "name": "Thừa Thiên Huế – tỷ lệ trên số hồ sơ đã giải quyết trong kỳ",
   "name_en": "Thừa Thiên Huế – rates among the dossiers processed in the period",
   "denominator": "processed_in_period"},
  {"code": "vinh-phuc",
   "name": "Vĩnh Phúc – tỷ lệ trên số hồ sơ đến hạn trong kỳ",
   "name_en": "Vĩnh Phúc – rates among the dossiers due in the period",
   "denominator": "due_in_period"},
  {"code": "gia-lai",
   "name": "Gia Lai – tỷ lệ trên số hồ sơ phải giải quyết: tiếp nhận trong kỳ và kỳ trước chuyển sang",
   "name_en": "Gia Lai – rates among the dossiers to process: received in the period and carried over",
   "denominator": "to_process"}
])json";

}  // namespace

std::vector<DefinitionSet> DemoDefinitionSets() {
    auto sets = ReadDefinitionSetsJson(kDemoSets, "demo");
    // The text above is fixed and read by the tests; a failure here is a programming error.
    return sets ? std::move(*sets) : std::vector<DefinitionSet>{};
}

Result<int> SeedDemoDefinitionSets(DefinitionSetStore& store) {
    int saved = 0;
    for (const DefinitionSet& set : DemoDefinitionSets()) {
        auto versions = store.DefinitionSetVersions(set.code);
        if (!versions) return versions.TakeError();
        if (!versions->empty()) continue;
        auto written = store.SaveDefinitionSet(set, "demo");
        if (!written) return written.TakeError();
        ++saved;
    }
    return saved;
}

}  // namespace parindex
