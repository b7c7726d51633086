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

}  // namespace parindex
