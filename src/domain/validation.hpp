#pragma once

#include <set>
#include <string>
#include <vector>

#include "domain/assessment.hpp"
#include "domain/framework.hpp"
#include "domain/peer_group.hpp"
#include "domain/result.hpp"
#include "domain/unit.hpp"

namespace parindex {

/// What already exists (in the store or earlier in the same import), for checks of references.
struct KnownCodes {
    std::set<std::string> units;
    std::set<std::string> groups;
    std::set<std::string> frameworks;
};

/// Checks a framework: unique codes, known parents, no cycles, maxima ≥ 0, children's maxima adding up to
/// the parent's (or the declared difference), band thresholds in [0, 100] with unique codes, a previous
/// version that exists. Each problem names the node's SourceRef, the field, the value and the reason.
std::vector<ErrorDetail> ValidateFramework(const Framework& framework, const KnownCodes& known);

/// Checks units: unique codes, a code of letters, digits, `-` and `_`, a name, known parents (in `known`
/// or in the list), no cycles in the hierarchy, valid_from ≤ valid_to, known successors.
std::vector<ErrorDetail> ValidateUnits(const std::vector<Unit>& units, const KnownCodes& known);

/// Checks a peer group's year: a plausible year (1990-2100), a known framework, known and unique members.
std::vector<ErrorDetail> ValidatePeerGroup(const PeerGroup& group, const KnownCodes& known);

/// Checks an assessment against its framework (which may be null for a historic year): a known unit,
/// a plausible year, node codes that exist in the framework, scores in [0, max] where max is known,
/// no score on a max-only node, ranks with 1 ≤ rank ≤ of, known groups.
std::vector<ErrorDetail> ValidateAssessment(const Assessment& assessment, const Framework* framework,
                                            const KnownCodes& known);

}  // namespace parindex
