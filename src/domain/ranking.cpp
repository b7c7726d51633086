#include "domain/ranking.hpp"

#include <algorithm>

namespace parindex {

RankTable RankDescending(std::vector<std::pair<std::string, Decimal>> entries) {
    std::stable_sort(entries.begin(), entries.end(), [](const auto& x, const auto& y) {
        if (x.second != y.second) return x.second > y.second;
        return x.first < y.first;
    });
    RankTable table;
    table.of = static_cast<int>(entries.size());
    for (std::size_t i = 0; i < entries.size(); ++i) {
        int rank = static_cast<int>(i) + 1;
        if (i > 0 && entries[i].second == entries[i - 1].second) rank = table.rank[entries[i - 1].first];
        table.rank.emplace(entries[i].first, rank);
    }
    return table;
}

std::vector<int> CompetitionRanks(const std::vector<std::pair<Decimal, int>>& entries) {
    std::vector<int> order(entries.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
    std::sort(order.begin(), order.end(), [&](int x, int y) {
        return entries[static_cast<std::size_t>(x)].first > entries[static_cast<std::size_t>(y)].first;
    });
    std::vector<int> ranks(entries.size(), 0);
    for (std::size_t k = 0; k < order.size(); ++k) {
        const auto i = static_cast<std::size_t>(order[k]);
        ranks[i] = k > 0 && entries[i].first == entries[static_cast<std::size_t>(order[k - 1])].first
                       ? ranks[static_cast<std::size_t>(order[k - 1])]
                       : static_cast<int>(k) + 1;
    }
    return ranks;
}

}  // namespace parindex
