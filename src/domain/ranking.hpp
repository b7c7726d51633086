#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "domain/decimal.hpp"

namespace parindex {

/// Competition ranks ("1, 2, 2, 4"), high to low.
struct RankTable {
    std::map<std::string, int> rank;  ///< By unit code.
    int of = 0;                       ///< Units ranked.
};

/// Ranks (unit code, value) pairs from the highest value down; equal values share a rank and the next skips.
/// Values are compared exactly, so pass indices already rounded to the display decimals.
RankTable RankDescending(std::vector<std::pair<std::string, Decimal>> entries);

/// The competition rank of each (value, id) entry, high to low, in the order given: one plus the number of
/// entries with a strictly higher value, as RankDescending gives (ids are carried along, not compared).
std::vector<int> CompetitionRanks(const std::vector<std::pair<Decimal, int>>& entries);

}  // namespace parindex
