#pragma once

#include <memory>
#include <string>
#include <vector>

#include "domain/assessment.hpp"
#include "domain/framework.hpp"
#include "domain/peer_group.hpp"
#include "domain/result.hpp"
#include "domain/results.hpp"
#include "domain/unit.hpp"

namespace parindex {

/// Everything the results engine reads: units, peer groups, frameworks and the assessments of the years it
/// is asked about and the two before them.
struct Dataset {
    std::vector<Unit> units;
    std::vector<PeerGroup> groups;
    std::vector<Framework> frameworks;
    std::vector<Assessment> assessments;
};

/// Pure domain code that turns a Dataset into results, rankings and consistency findings.
/// Build it once per request or batch; it indexes the dataset on construction and then answers questions
/// without I/O.
class ResultsEngine {
  public:
    explicit ResultsEngine(Dataset data);
    ~ResultsEngine();
    ResultsEngine(ResultsEngine&&) noexcept;
    ResultsEngine& operator=(ResultsEngine&&) noexcept;

    /// The unit's results for a year: points, index, band, change, ranks in every group of the year, parts,
    /// areas, every node, lost points, gaps, strengths, weaknesses and the three-year trend.
    /// kNotFound when the unit or its assessment for the year does not exist.
    Result<UnitResult> ForUnit(const std::string& unit_code, int year) const;

    /// A peer group's ranking for a year. kNotFound when the group has no such year.
    Result<GroupRanking> Ranking(const std::string& group_code, int year) const;

    /// Every published figure of the year's assessments that does not add up.
    std::vector<Finding> Check(int year) const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace parindex
