#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/decimal.hpp"
#include "domain/framework.hpp"
#include "domain/provenance.hpp"
#include "domain/text.hpp"

namespace parindex {

/// Whether a change against the previous year could be given, and how.
enum class ChangeStatus {
    kNone,           ///< No previous year.
    kPublished,      ///< Kept as published.
    kComputed,       ///< Computed through the version mapping.
    kNotComparable,  ///< A previous year exists but no mapping leads to it.
};

/// "none", "published", "computed", "not_comparable".
const char* ChangeStatusName(ChangeStatus status);

/// A unit's rank in one peer group (for the total, a part or a node).
struct RankResult {
    std::string group_code;
    std::string group_name;
    std::optional<int> rank;  ///< Nothing when the unit is excluded from ranking or has no figure.
    int of = 0;               ///< Ranked units in the group (or the published group size).
    std::optional<int> previous_rank;
    std::optional<int> change;  ///< previous rank − rank: La Khê 2023 has −2.
    bool excluded = false;      ///< Scored but not ranked.
    Provenance provenance = Provenance::kComputed;
};

/// The figures of one framework node (or a whole part) for one unit and year.
struct NodeResult {
    std::string code;
    std::string title;
    int depth = 0;  ///< 1 for an area.
    ScoringMethod method = ScoringMethod::kAppraisal;
    std::optional<Decimal> max;
    std::optional<Decimal> points;    ///< Published where published, else the sum of the children / entered.
    std::optional<Decimal> computed;  ///< The sum of the children (or the entered leaf score), kept beside it.
    std::optional<Decimal> self;
    std::optional<Decimal> index;  ///< points / max × 100 at the framework's display decimals.
    std::optional<Decimal> change;
    ChangeStatus change_status = ChangeStatus::kNone;
    Provenance provenance = Provenance::kComputed;
    bool max_only = false;
    std::vector<RankResult> ranks;  ///< Published or computed ranks for this node or part.
};

/// One row of the lost-points list (max − appraised, largest first).
struct LostPoint {
    std::string code;
    std::string title;
    std::string area_code;
    Decimal points;
    Decimal max;
    Decimal lost;
    std::string cause;
    std::string responsible;
};

/// One self-vs-appraised difference.
struct ScoreGap {
    std::string code;
    std::string title;
    Decimal self;
    Decimal appraised;
    Decimal gap;  ///< self − appraised.
};

/// One year of the trend.
struct TrendPoint {
    int year = 0;
    std::optional<Decimal> points;
    std::optional<Decimal> max;
    std::optional<Decimal> index;
    std::vector<RankResult> ranks;
    Provenance provenance = Provenance::kComputed;
};

/// A strength or weakness: an area at max, up or down against last year.
struct AreaNote {
    std::string code;
    std::string title;
    std::string kind;  ///< `at_max`, `up` or `down`.
    std::optional<Decimal> points;
    std::optional<Decimal> max;
    std::optional<Decimal> change;
};

/// Everything the engine works out for one unit and year.
struct UnitResult {
    std::string unit_code;
    std::string unit_name;
    int year = 0;
    std::string framework_code;
    int display_decimals = 2;
    std::string status;
    std::optional<Decimal> self;  ///< Self total.
    std::optional<Decimal> points;
    std::optional<Decimal> max;
    std::optional<Decimal> index;
    std::optional<Band> band;
    std::optional<Decimal> change;  ///< Index points against the previous year.
    ChangeStatus change_status = ChangeStatus::kNone;
    Provenance provenance = Provenance::kComputed;
    std::vector<RankResult> ranks;
    std::vector<NodeResult> parts;     ///< One per scoring method, code = method name.
    std::vector<NodeResult> areas;     ///< Depth-1 nodes.
    std::vector<NodeResult> criteria;  ///< Every node, pre-order.
    std::vector<LostPoint> lost_points;
    std::vector<ScoreGap> gaps;
    std::vector<AreaNote> strengths;
    std::vector<AreaNote> weaknesses;
    std::vector<TrendPoint> trend;  ///< Up to three years ending with this one, oldest first.
};

/// One row of a group ranking.
struct RankingRow {
    std::optional<int> rank;
    std::string unit_code;
    std::string unit_name;
    std::optional<Decimal> points;
    std::optional<Decimal> max;
    std::optional<Decimal> index;
    std::optional<Band> band;
    std::optional<int> previous_rank;
    std::optional<int> change;
    bool excluded = false;
    bool demo = false;
};

/// A peer group's ranking in one year, ordered by rank (excluded and unscored units last).
struct GroupRanking {
    std::string group_code;
    std::string group_name;
    int year = 0;
    std::string framework_code;
    int display_decimals = 2;
    std::string tie_rule;  ///< Stated on screen: equal indices share a rank and the next rank skips.
    std::vector<RankingRow> rows;
};

/// A published figure that does not add up, found by the consistency check.
struct Finding {
    std::string kind;  ///< `change_sum`, `part_index`, `loss_unaccounted`, `change_exceeds_max`, `gap_unaccounted`, ...
    std::string unit_code;
    int year = 0;
    std::string node_code;  ///< `TOTAL`, `part:appraisal` or a node code.
    std::optional<Decimal> published;
    std::optional<Decimal> expected;
    Text message;
};

}  // namespace parindex
