#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/decimal.hpp"
#include "domain/provenance.hpp"

namespace parindex {

/// How a node's points are obtained.
enum class ScoringMethod {
    kAppraisal,  ///< Self-assessed by the unit and appraised by the higher level ("appraisal").
    kSurvey,     ///< A survey component, ĐTXHH ("survey").
    kData,       ///< Computed from data such as dossier statistics ("data").
};

/// "appraisal", "survey", "data".
const char* ScoringMethodName(ScoringMethod method);
/// Reads a method name (also the Vietnamese "thẩm định", "điều tra", "dữ liệu"); nothing when unknown.
std::optional<ScoringMethod> ParseScoringMethod(std::string_view name);

/// A band (xếp loại) with its lower bound on the index: a unit is in the highest band whose minimum it reaches.
struct Band {
    std::string code;  ///< e.g. `xuat-sac`.
    std::string name;  ///< e.g. `Xuất sắc`.
    Decimal min_index;
    bool demo = false;  ///< A demo setting where the issuing body's thresholds are not known.
};

/// One node of a framework tree: an area, criterion or sub-criterion at any depth.
struct FrameworkNode {
    std::string code;         ///< Unique within the framework, e.g. `4.1.2`.
    std::string parent_code;  ///< Empty for an area (a child of the framework root).
    std::string title;
    std::optional<Decimal> max;  ///< Blank where the source does not give it (not zero).
    ScoringMethod method = ScoringMethod::kAppraisal;
    bool evidence_required = false;
    std::string responsible;    ///< Default responsible department.
    std::string previous_code;  ///< The counterpart node in the previous framework version; empty = no mapping.
    bool max_only = false;      ///< Carries only a maximum ("other criteria of area 4"): holds no score.
    std::optional<Decimal> declared_difference;  ///< Declared (max − sum of children's maxima), when not zero.
    Provenance max_provenance = Provenance::kPublished;
    std::string note;
    SourceRef source;
};

/// A versioned framework (Bộ chỉ số): a tree of nodes with maxima, methods and bands.
struct Framework {
    std::string code;                  ///< e.g. `hadong-2023`.
    std::string title;                 ///< e.g. `Bộ chỉ số CCHC các phường quận Hà Đông 2023`.
    std::string version;               ///< e.g. `2023`.
    std::string decision;              ///< The issuing decision, e.g. `QĐ 4309/QĐ-UBND ngày 13/9/2022`.
    std::string previous_code;         ///< The previous version of this framework; empty when none.
    std::optional<Decimal> max;        ///< Declared total; when blank the sum of the areas' maxima.
    int display_decimals = 2;          ///< Decimals of the published index (2, or 3 as in seed 001).
    std::vector<Band> bands;           ///< Any order; the engine sorts by min_index.
    std::vector<FrameworkNode> nodes;  ///< Parents before children, siblings in display order.
    SourceRef source;
};

}  // namespace parindex
