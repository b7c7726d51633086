#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/decimal.hpp"
#include "domain/framework.hpp"
#include "domain/provenance.hpp"

namespace parindex {

/// The workflow state of an assessment.
enum class AssessmentStatus { kDraft, kSubmitted, kAppraised, kFinal, kPublished };

/// "draft", "submitted", "appraised", "final", "published".
const char* AssessmentStatusName(AssessmentStatus status);
/// Reads a status name; nothing when unknown.
std::optional<AssessmentStatus> ParseAssessmentStatus(std::string_view name);

/// A unit's figures for one framework node. At a leaf they are entered scores; at a higher node they are
/// published figures that the engine keeps beside the sum of the children.
struct NodeScore {
    std::string code;
    std::optional<Decimal> self;       ///< Tự chấm.
    std::optional<Decimal> appraised;  ///< Thẩm định; the node's points.
    std::optional<Decimal> change;     ///< Published change against the previous year.
    std::string explanation;           ///< Giải trình of the self score.
    std::string reason;                ///< Why the appraiser adjusted the score.
    std::string cause;                 ///< Nguyên nhân of lost points.
    std::string responsible;           ///< Trách nhiệm tham mưu; overrides the framework's default.
    Provenance provenance = Provenance::kEntered;
    std::string note;
    SourceRef source;
};

/// A published figure for a whole part (one scoring method), e.g. La Khê 2023's appraisal part 60.31/70.
struct PartFigure {
    ScoringMethod method = ScoringMethod::kAppraisal;
    std::optional<Decimal> self;
    std::optional<Decimal> points;
    std::optional<Decimal> max;
    std::optional<Decimal> index;  ///< The index as printed, kept even when it does not match points/max.
    std::optional<Decimal> change;
    Provenance provenance = Provenance::kPublished;
    SourceRef source;
};

/// A rank as published (or derived from a published rank change), for a scope within a peer group.
struct PublishedRank {
    std::string group_code;
    std::string scope = "total";  ///< `total`, `part:appraisal`, `part:survey` or `node:CODE`.
    int rank = 0;
    int of = 0;  ///< 0 when the group size was not given.
    Provenance provenance = Provenance::kPublished;
    SourceRef source;
};

/// A unit's assessment for one year against one framework, with whatever was published about it.
/// Historic years where only totals or area scores were published hold just those figures.
struct Assessment {
    std::string unit_code;
    int year = 0;
    std::string framework_code;  ///< Empty for a historic year known only by its totals.
    AssessmentStatus status = AssessmentStatus::kDraft;
    /// The source lists every lost point (as seed 000's table does): max-only nodes are then at full marks,
    /// and `check` compares each published node with its listed children.
    bool losses_complete = false;
    std::optional<Decimal> total_self;    ///< Published self total (Bảo Lâm 89.60).
    std::optional<Decimal> total_points;  ///< Published total (La Khê 90.02).
    std::optional<Decimal> total_max;     ///< Max of the total where no framework is known (100).
    std::optional<Decimal> total_change;  ///< Published change of the total (+5.55).
    Provenance total_provenance = Provenance::kPublished;
    std::vector<PartFigure> parts;
    std::vector<NodeScore> nodes;
    std::vector<PublishedRank> ranks;
    std::string note;
    SourceRef source;
};

}  // namespace parindex
