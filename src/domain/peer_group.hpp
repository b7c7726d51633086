#pragma once

#include <string>
#include <vector>

#include "domain/provenance.hpp"

namespace parindex {

/// A unit's membership of a peer group in one year.
struct GroupMember {
    std::string unit_code;
    bool ranked = true;  ///< False for units scored but excluded from ranking.
    SourceRef source;
};

/// A peer group in one year: its stable code, its framework version that year and its members.
/// A unit can be in several groups in the same year (its district's wards and its province's communes).
struct PeerGroup {
    std::string code;  ///< Stable across years, e.g. `hadong-wards`.
    std::string name;  ///< e.g. `Các phường quận Hà Đông`.
    int year = 0;
    std::string framework_code;  ///< The framework version the group is scored against that year.
    std::vector<GroupMember> members;
    SourceRef source;
};

}  // namespace parindex
